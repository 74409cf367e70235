/**
 * Object keys. The provider and sublayer keys are FIXED (one wfpsec policy is active per host, and `remove`
 * must find our objects without reading any file); every other key is a name-based UUID (RFC 4122 v5,
 * SHA-1) of the policy name and the object's path, so compiling the same document twice gives the same
 * keys and a re-apply is a no-op. SHA-1 is computed here in TypeScript: node:crypto's createHash costs
 * ~28 us per call in Deno, which dominated compiling 100k-rule policies (tests cross-check the two).
 */

/** wfpsec's provider key (FWPM_PROVIDER0.providerKey). */
export const WFPSEC_PROVIDER_KEY = "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71";

/**
 * FWPM_PROVIDER0.serviceName of our provider. At start BFE only adds a provider's persistent objects when the
 * provider names no service or a service "set to auto-start" (FwpmProviderAdd0 remarks); FWPM_FILTER0 and
 * FWPM_PROVIDER0 say the filters of a provider without a service name are disabled. The Base Filtering Engine
 * itself is the one service that is auto-start on every Windows that runs WFP (IKEEXT and PolicyAgent are
 * trigger-start on clients: a real dump shows FWPM_PROVIDER_IKEEXT disabled). docs/windows-verification.md P1.
 */
export const WFPSEC_PROVIDER_SERVICE = "BFE";
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
const HEXC = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const CODES: number[] = new Array(36).fill(0);

const W = new Int32Array(80);
const H = new Int32Array(5);
let block = new Uint8Array(128);

/** SHA-1 over block[0..len) (the buffer is padded in place); result in H. */
function sha1Into(len: number): void {
  const total = ((len + 8) >> 6) + 1 << 6;
  if (block.length < total) {
    const b = new Uint8Array(total * 2);
    b.set(block.subarray(0, len));
    block = b;
  }
  const m = block;
  m[len] = 0x80;
  m.fill(0, len + 1, total);
  const bits = len * 8;
  m[total - 1] = bits & 0xff;
  m[total - 2] = (bits >>> 8) & 0xff;
  m[total - 3] = (bits >>> 16) & 0xff;
  m[total - 4] = (bits >>> 24) & 0xff;
  m[total - 5] = Math.floor(len / 0x20000000) & 0xff;
  let h0 = 0x67452301, h1 = 0xefcdab89 | 0, h2 = 0x98badcfe | 0, h3 = 0x10325476, h4 = 0xc3d2e1f0 | 0;
  for (let b = 0; b < total; b += 64) {
    for (let i = 0; i < 16; i++) {
      const o = b + 4 * i;
      W[i] = (m[o] << 24) | (m[o + 1] << 16) | (m[o + 2] << 8) | m[o + 3];
    }
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4;
    for (let i = 0; i < 80; i++) {
      const f = i < 20
        ? ((bb & c) | (~bb & d)) + 0x5a827999
        : i < 40
        ? (bb ^ c ^ d) + 0x6ed9eba1
        : i < 60
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
  H[0] = h0, H[1] = h1, H[2] = h2, H[3] = h3, H[4] = h4;
}

const enc = new TextEncoder();

/** Writes `s` as UTF-8 into block at `at`; returns the end offset. ASCII is copied directly (no op call). */
function put(s: string, at: number): number {
  if (block.length < at + s.length * 3 + 72) {
    const b = new Uint8Array((at + s.length * 3 + 72) * 2);
    b.set(block.subarray(0, at));
    block = b;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      const bytes = enc.encode(s.slice(i));
      if (block.length < at + bytes.length + 72) {
        const b = new Uint8Array((at + bytes.length + 72) * 2);
        b.set(block.subarray(0, at));
        block = b;
      }
      block.set(bytes, at);
      return at + bytes.length;
    }
    block[at++] = c;
  }
  return at;
}

/** SHA-1 of `data` (FIPS 180-4). */
export function sha1(data: Uint8Array): Uint8Array {
  if (block.length < data.length + 72) block = new Uint8Array((data.length + 72) * 2);
  block.set(data);
  sha1Into(data.length);
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) out[i] = (H[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff;
  return out;
}

/** RFC 4122 version-5 UUID of `name` in `namespace` (lowercase, no braces). */
export function uuidV5(name: string, namespace: Uint8Array = NS): string {
  block.set(namespace);
  const len = put(name, 16);
  sha1Into(len);
  // Hex straight from the hash words, version 5 and the RFC 4122 variant patched in (bytes 6 and 8). Built
  // as char codes so the key is one flat string: a '+' chain would leave a tree of ~20 rope nodes per key
  // alive in the graph, which made garbage collection dominate 100k-rule compiles.
  let o = 0;
  for (let i = 0; i < 16; i++) {
    let b = (H[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff;
    if (i === 6) b = (b & 0x0f) | 0x50;
    if (i === 8) b = (b & 0x3f) | 0x80;
    CODES[o++] = HEXC[b >> 4];
    CODES[o++] = HEXC[b & 15];
    if (i === 3 || i === 5 || i === 7 || i === 9) CODES[o++] = 45; // '-'
  }
  return String.fromCharCode.apply(null, CODES as unknown as number[]);
}

/** UTF-8 bytes of `s` (ASCII copied directly: TextEncoder is an op call per string in Deno). */
export function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return enc.encode(s);
    out[i] = c;
  }
  return out;
}

/** Key of the object at `path` in policy `policyName`. */
export function objectKey(policyName: string, path: string): string {
  return uuidV5(`${policyName}\n${path}`);
}
