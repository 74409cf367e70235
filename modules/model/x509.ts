/**
 * The subject of an X.509 certificate, as the exact DER bytes IKEEXT_CERTIFICATE_CRITERIA0.certData needs
 * ("X509/ASN.1 encoded name of the root certificate"). A small DER reader: Certificate ::= SEQUENCE {
 * tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... } }
 * (RFC 5280 4.1). Accepts DER or PEM ("-----BEGIN CERTIFICATE-----").
 */

interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the contents. */
  body: number;
  /** Offset after the contents. */
  end: number;
}

function readTlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error("truncated DER");
  const tag = der[at];
  let n = der[at + 1], i = at + 2;
  if (n & 0x80) {
    const k = n & 0x7f;
    if (k === 0 || k > 4 || i + k > limit) throw new Error("bad DER length");
    n = 0;
    for (let j = 0; j < k; j++) n = n * 256 + der[i++];
  }
  if (i + n > limit) throw new Error("truncated DER");
  return { tag, start: at, body: i, end: i + n };
}

/** PEM to DER when the bytes are PEM; DER unchanged. */
function derOf(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (!head.includes("-----BEGIN")) return bytes;
  const text = new TextDecoder("latin1").decode(bytes);
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*)-----END CERTIFICATE-----/.exec(text);
  if (!m) throw new Error("PEM file without a CERTIFICATE block");
  const bin = atob(m[1].replace(/\s+/g, ""));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * The DER-encoded subject Name of a certificate (DER or PEM), byte for byte. Throws with a short reason
 * when the bytes are not a certificate.
 */
export function certificateSubject(bytes: Uint8Array): Uint8Array {
  const der = derOf(bytes);
  const cert = readTlv(der, 0, der.length);
  if (cert.tag !== 0x30) throw new Error("not a DER certificate (no outer SEQUENCE)");
  const tbs = readTlv(der, cert.body, cert.end);
  if (tbs.tag !== 0x30) throw new Error("not a DER certificate (no tbsCertificate SEQUENCE)");
  let at = tbs.body;
  let f = readTlv(der, at, tbs.end);
  if (f.tag === 0xa0) f = readTlv(der, at = f.end, tbs.end); // [0] EXPLICIT version
  // serialNumber INTEGER, signature AlgorithmIdentifier, issuer Name, validity, subject Name
  const want = [0x02, 0x30, 0x30, 0x30, 0x30];
  for (let k = 0; k < want.length; k++) {
    if (f.tag !== want[k]) throw new Error("not a DER certificate (unexpected field in tbsCertificate)");
    if (k === want.length - 1) return der.slice(f.start, f.end);
    f = readTlv(der, at = f.end, tbs.end);
  }
  throw new Error("unreachable");
}
