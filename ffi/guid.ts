/**
 * GUID <-> 16-byte Windows layout ({u32 Data1 LE, u16 Data2 LE, u16 Data3 LE, u8 Data4[8]}).
 * Strings are lowercase, without braces. Parsing is table-driven and allocation-free; formatting builds a
 * flat string from char codes (no ropes) and keeps a small direct-mapped cache, because the same layer,
 * sublayer, provider and condition keys repeat across thousands of decoded filters.
 */

/** Thrown when a GUID string is malformed. */
export class GuidFormatError extends TypeError {
  constructor(readonly value: string) {
    super(
      `invalid GUID ${JSON.stringify(value.slice(0, 40))}: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
    );
    this.name = "GuidFormatError";
  }
}

const HEXVAL = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEXVAL[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEXVAL[97 + i] = 10 + i;
  HEXVAL[65 + i] = 10 + i;
}

// Character position in the string of each of those bytes (dashes at 8, 13, 18, 23).
const CHAR_POS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function hex(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? HEXVAL[c] : -1;
  return v;
}

/** True when `s` is a well-formed GUID string (any case, no braces). */
export function isGuid(s: unknown): s is string {
  if (typeof s !== "string" || s.length !== 36) return false;
  if (
    s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45
  ) {
    return false;
  }
  for (let k = 0; k < 16; k++) if ((hex(s, CHAR_POS[k]) | hex(s, CHAR_POS[k] + 1)) < 0) return false;
  return true;
}

/** Writes the 16-byte GUID for `s` into `out` at `offset`. Throws GuidFormatError when malformed. */
export function writeGuid(s: string, out: Uint8Array, offset: number): void {
  if (!tryWriteGuid(s, out, offset)) throw new GuidFormatError(String(s));
}

/** Cached word form of frequently written GUIDs (layer, sublayer, provider, condition and callout keys). */
interface Words {
  d1: number;
  d2: number;
  d3: number;
  b: number[];
}
const writeCache = new Map<string, Words>();
const WRITE_CACHE_MAX = 4096;

function hexAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? HEXVAL[c] : -1;
}

function hex8(s: string, i: number): number {
  return (hexAt(s, i) << 4) | hexAt(s, i + 1); // negative when either digit is invalid
}

/**
 * Writes the GUID for `s` at `offset` and returns true, or returns false (writing nothing useful) when `s`
 * is not a well-formed GUID string. One pass, no allocation; repeated GUIDs come from a small cache.
 */
export function tryWriteGuid(s: unknown, out: Uint8Array, offset: number): boolean {
  if (typeof s !== "string" || s.length !== 36) return false;
  let w = writeCache.get(s);
  if (w === undefined) {
    if (
      s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45
    ) {
      return false;
    }
    const a0 = hex8(s, 0), a1 = hex8(s, 2), a2 = hex8(s, 4), a3 = hex8(s, 6);
    const b0 = hex8(s, 9), b1 = hex8(s, 11), c0 = hex8(s, 14), c1 = hex8(s, 16);
    const b = [
      hex8(s, 19),
      hex8(s, 21),
      hex8(s, 24),
      hex8(s, 26),
      hex8(s, 28),
      hex8(s, 30),
      hex8(s, 32),
      hex8(s, 34),
    ];
    if ((a0 | a1 | a2 | a3 | b0 | b1 | c0 | c1 | b[0] | b[1] | b[2] | b[3] | b[4] | b[5] | b[6] | b[7]) < 0) {
      return false;
    }
    w = { d1: ((a0 << 24) | (a1 << 16) | (a2 << 8) | a3) >>> 0, d2: (b0 << 8) | b1, d3: (c0 << 8) | c1, b };
    if (writeCache.size < WRITE_CACHE_MAX) writeCache.set(s, w);
  }
  const d1 = w.d1;
  out[offset] = d1 & 0xff;
  out[offset + 1] = (d1 >>> 8) & 0xff;
  out[offset + 2] = (d1 >>> 16) & 0xff;
  out[offset + 3] = d1 >>> 24;
  out[offset + 4] = w.d2 & 0xff;
  out[offset + 5] = w.d2 >>> 8;
  out[offset + 6] = w.d3 & 0xff;
  out[offset + 7] = w.d3 >>> 8;
  const b = w.b;
  for (let k = 0; k < 8; k++) out[offset + 8 + k] = b[k];
  return true;
}

/** The 16 bytes of a GUID string. */
export function guidToBytes(s: string): Uint8Array {
  const out = new Uint8Array(16);
  writeGuid(s, out, 0);
  return out;
}

const H2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const CACHE_SIZE = 2048;
const cacheWords = new Uint32Array(CACHE_SIZE * 4);
const cacheStrings: (string | undefined)[] = new Array(CACHE_SIZE);

/** Reads the GUID stored at `offset` of `bytes` as a lowercase string. */
export function readGuid(bytes: Uint8Array, dv: DataView, offset: number): string {
  const w0 = dv.getUint32(offset, true);
  const w1 = dv.getUint32(offset + 4, true);
  const w2 = dv.getUint32(offset + 8, true);
  const w3 = dv.getUint32(offset + 12, true);
  const slot = ((w0 ^ (w3 >>> 7)) & (CACHE_SIZE - 1)) * 4;
  const hit = cacheStrings[slot >> 2];
  if (
    hit !== undefined && cacheWords[slot] === w0 && cacheWords[slot + 1] === w1 &&
    cacheWords[slot + 2] === w2 &&
    cacheWords[slot + 3] === w3
  ) {
    return hit;
  }
  const b = bytes;
  const o = offset;
  const s = H2[b[o + 3]] + H2[b[o + 2]] + H2[b[o + 1]] + H2[b[o]] + "-" + H2[b[o + 5]] + H2[b[o + 4]] + "-" +
    H2[b[o + 7]] + H2[b[o + 6]] + "-" + H2[b[o + 8]] + H2[b[o + 9]] + "-" + H2[b[o + 10]] + H2[b[o + 11]] +
    H2[b[o + 12]] + H2[b[o + 13]] + H2[b[o + 14]] + H2[b[o + 15]];
  // Concatenation is the fastest way to build it; charCodeAt flattens the rope right away so a kept GUID
  // costs one flat string, not a tree of pieces.
  s.charCodeAt(0);
  cacheWords[slot] = w0;
  cacheWords[slot + 1] = w1;
  cacheWords[slot + 2] = w2;
  cacheWords[slot + 3] = w3;
  cacheStrings[slot >> 2] = s;
  return s;
}

/** A GUID string from 16 bytes. */
export function bytesToGuid(bytes: Uint8Array): string {
  return readGuid(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0);
}

/** The all-zero GUID. */
export const NULL_GUID = "00000000-0000-0000-0000-000000000000";

/** A random (version 4) GUID. */
export function newGuid(): string {
  return crypto.randomUUID();
}
