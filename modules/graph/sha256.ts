/**
 * SHA-256 (FIPS 180-4), synchronous, for the planner's digests (meta.ts). Why not node:crypto: importing it
 * loads Deno's Node-compatibility crypto stack, ~35 ms of every `plan`/`apply` start-up on this machine
 * (bench/startup_bench.ts), for digests of a few hundred bytes; WebCrypto's digest is async only.
 *
 * @module
 */
// deno-fmt-ignore: the FIPS 180-4 table, eight a line
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const utf8 = new TextEncoder();

/** SHA-256 of the concatenation of `parts` (strings as UTF-8), as lowercase hex. */
export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  const chunks = parts.map((p) => (typeof p === "string" ? utf8.encode(p) : p));
  const len = chunks.reduce((n, c) => n + c.length, 0);
  const padded = new Uint8Array((len + 9 + 63) & ~63);
  let o = 0;
  for (const c of chunks) {
    padded.set(c, o);
    o += c.length;
  }
  padded[len] = 0x80;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, Math.floor(len / 0x20000000));
  dv.setUint32(padded.length - 4, (len << 3) >>> 0);
  // deno-fmt-ignore
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let b = 0; b < padded.length; b += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(b + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  let hex = "";
  for (const v of h) hex += v.toString(16).padStart(8, "0");
  return hex;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * HMAC-SHA256 (RFC 2104) of the concatenation of `parts` under `key`, as lowercase hex. Built on sha256Hex
 * for the same start-up reason (no node:crypto import); the digests are small, so the hex round trip of the
 * inner hash costs nothing that shows.
 */
export function hmacSha256Hex(key: Uint8Array, ...parts: (string | Uint8Array)[]): string {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? hexBytes(sha256Hex(key)) : key);
  const ipad = block.map((b) => b ^ 0x36), opad = block.map((b) => b ^ 0x5c);
  return sha256Hex(opad, hexBytes(sha256Hex(ipad, ...parts)));
}
