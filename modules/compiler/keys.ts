/**
 * Object keys. The provider and sublayer keys are FIXED (one wfpsec policy is active per host, and `remove`
 * must find our objects without reading any file); every other key is a name-based UUID (RFC 4122 v5,
 * SHA-1) of the policy name and the object's path, so compiling the same document twice gives the same
 * keys and a re-apply is a no-op. SHA-1 is computed here in TypeScript: node:crypto's createHash costs
 * ~28 us per call in Deno, which dominated compiling 100k-rule policies (tests cross-check the two).
 */

/** wfpsec's provider key (FWPM_PROVIDER0.providerKey). */
export const WFPSEC_PROVIDER_KEY = "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71";
/** wfpsec's sublayer key (FWPM_SUBLAYER0.subLayerKey). */
export const WFPSEC_SUBLAYER_KEY = "8e2f4b6d-1a3c-4d5e-8f70-9b2c4d6e8fa3";
/** Namespace of wfpsec's name-based keys. */
export const WFPSEC_KEY_NAMESPACE = "c4b1f3e2-5a6d-4e7f-8091-a2b3c4d5e6f7";

function guidBytes(g: string): Uint8Array {
  const h = g.replace(/-/g, "");
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
}

const NS = guidBytes(WFPSEC_KEY_NAMESPACE);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const W = new Uint32Array(80);

/** SHA-1 of `data` (FIPS 180-4). */
export function sha1(data: Uint8Array): Uint8Array {
  const len = data.length, blocks = ((len + 8) >> 6) + 1;
  const m = new Uint8Array(blocks * 64);
  m.set(data);
  m[len] = 0x80;
  const dv = new DataView(m.buffer);
  dv.setUint32(m.length - 4, (len * 8) >>> 0);
  dv.setUint32(m.length - 8, Math.floor(len / 0x20000000));
  let h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
  for (let b = 0; b < m.length; b += 64) {
    for (let i = 0; i < 16; i++) W[i] = dv.getUint32(b + 4 * i);
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? ((bb & c) | (~bb & d)) + 0x5a827999 : i < 40 ? (bb ^ c ^ d) + 0x6ed9eba1 : i < 60
        ? ((bb & c) | (bb & d) | (c & d)) + 0x8f1bbcdc
        : (bb ^ c ^ d) + 0xca62c1d6;
      const t = (((a << 5) | (a >>> 27)) + f + e + W[i]) | 0;
      e = d;
      d = c;
      c = (bb << 30) | (bb >>> 2);
      bb = a;
      a = t;
    }
    h0 = (h0 + a) | 0, h1 = (h1 + bb) | 0, h2 = (h2 + c) | 0, h3 = (h3 + d) | 0, h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20), ov = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => ov.setUint32(4 * i, h >>> 0));
  return out;
}

const enc = new TextEncoder();

/** RFC 4122 version-5 UUID of `name` in `namespace` (lowercase, no braces). */
export function uuidV5(name: string, namespace: Uint8Array = NS): string {
  const n = enc.encode(name);
  const buf = new Uint8Array(16 + n.length);
  buf.set(namespace);
  buf.set(n, 16);
  const d = sha1(buf);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  let s = "";
  for (let i = 0; i < 16; i++) {
    s += HEX[d[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += "-";
  }
  return s;
}

/** Key of the object at `path` in policy `policyName`. */
export function objectKey(policyName: string, path: string): string {
  return uuidV5(`${policyName}\n${path}`);
}
