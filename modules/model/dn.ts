/**
 * X.500 distinguished names <-> DER (the "encoded subject name" IKEEXT_CERTIFICATE_CRITERIA0.certData
 * holds). A string is read as RFC 4514 writes it and as Windows shows a subject (X500DistinguishedName.Name,
 * certutil): most specific RDN first, so `CN=Root, O=Org, C=US` encodes C, then O, then CN. Values are
 * UTF8String (RFC 5280 4.1.2.6 DirectoryString, OpenSSL's default string_mask), except countryName and
 * serialNumber (PrintableString, X.520) and DC and E (IA5String). A CA that encodes otherwise (for example
 * PrintableString for CN) has a different encoded name: give the CA certificate itself (`rootCA: { file }`),
 * whose subject bytes are copied exactly (x509.ts).
 */

const ATTRS: Record<string, string> = {
  CN: "2.5.4.3",
  SERIALNUMBER: "2.5.4.5",
  C: "2.5.4.6",
  L: "2.5.4.7",
  S: "2.5.4.8",
  ST: "2.5.4.8",
  STREET: "2.5.4.9",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  T: "2.5.4.12",
  DC: "0.9.2342.19200300.100.1.25",
  E: "1.2.840.113549.1.9.1",
};
const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(ATTRS).filter(([k]) => k !== "S").map(([k, v]) => [v, k]),
);

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | out.length, ...out];
}
const tlv = (tag: number, body: number[]): number[] => [tag, ...len(body.length), ...body];

function oid(s: string): number[] {
  const p = s.split(".").map(Number);
  const out = [p[0] * 40 + p[1]];
  for (const x of p.slice(2)) {
    const b: number[] = [x & 0x7f];
    let v = Math.floor(x / 128);
    while (v > 0) {
      b.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...b);
  }
  return out;
}

/** Splits `CN=a\, b, O=c` into [type, value] pairs; returns an error message on failure. */
export function parseDn(dn: string): [string, string][] | string {
  const out: [string, string][] = [];
  let cur = "", esc = false, quoted = false;
  const parts: string[] = [];
  for (const ch of dn) {
    if (esc) {
      cur += ch;
      esc = false;
    } else if (ch === "\\") esc = true;
    else if (ch === '"') quoted = !quoted;
    else if ((ch === "," || ch === ";") && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  for (const p of parts) {
    const i = p.indexOf("=");
    if (i < 1) return `'${p.trim()}' is not TYPE=value`;
    const type = p.slice(0, i).trim().toUpperCase();
    if (!(type in ATTRS) && !/^\d+(\.\d+)+$/.test(type)) {
      return `unknown attribute '${type}' (use CN, O, OU, C, L, ST, DC, E or an OID)`;
    }
    out.push([type, p.slice(i + 1).trim()]);
  }
  return out;
}

/** DER-encodes a distinguished name. Throws on a malformed one. */
export function encodeDn(dn: string): Uint8Array {
  const parsed = parseDn(dn);
  if (typeof parsed === "string") throw new Error(parsed);
  const rdns: number[] = [];
  for (const [type, value] of [...parsed].reverse()) {
    const o = ATTRS[type] ?? type;
    const bytes = [...new TextEncoder().encode(value)];
    const tag = o === ATTRS.DC || o === ATTRS.E
      ? 0x16
      : o === ATTRS.C || o === ATTRS.SERIALNUMBER
      ? 0x13
      : 0x0c;
    rdns.push(...tlv(0x31, tlv(0x30, [...tlv(0x06, oid(o)), ...tlv(tag, bytes)])));
  }
  return new Uint8Array(tlv(0x30, rdns));
}

/** Decodes DER back to `CN=..., O=...`, most specific first (values with ',' escaped). Throws on malformed input. */
export function decodeDn(der: Uint8Array): string {
  let i = 0;
  const read = (): { tag: number; start: number; end: number } => {
    const tag = der[i++];
    let n = der[i++];
    if (n & 0x80) {
      const k = n & 0x7f;
      n = 0;
      for (let j = 0; j < k; j++) n = (n << 8) | der[i++];
    }
    const start = i;
    i += n;
    if (i > der.length || tag === undefined) throw new Error("truncated DER name");
    return { tag, start, end: i };
  };
  const seq = read();
  if (seq.tag !== 0x30) throw new Error("DER name is not a SEQUENCE");
  i = seq.start;
  const out: string[] = [];
  while (i < seq.end) {
    const set = read();
    i = set.start;
    const atv = read();
    i = atv.start;
    const o = read();
    let v = der[o.start] !== undefined ? Math.floor(der[o.start] / 40) + "." + (der[o.start] % 40) : "";
    let acc = 0;
    for (let j = o.start + 1; j < o.end; j++) {
      acc = acc * 128 + (der[j] & 0x7f);
      if (!(der[j] & 0x80)) {
        v += "." + acc;
        acc = 0;
      }
    }
    const val = read();
    const text = new TextDecoder().decode(der.subarray(val.start, val.end));
    out.push(`${NAMES[v] ?? v}=${text.replace(/([,;\\"])/g, "\\$1")}`);
    i = set.end;
  }
  return out.reverse().join(", ");
}
