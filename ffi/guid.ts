/**
 * GUID <-> 16-byte Windows layout ({u32 Data1 LE, u16 Data2 LE, u16 Data3 LE, u8 Data4[8]}).
 * Strings are lowercase, without braces. Parsing is table-driven and allocation-free; formatting builds a
 * flat string from char codes (no ropes) and keeps a small direct-mapped cache, because the same layer,
 * sublayer, provider and condition keys repeat across thousands of decoded filters.
 */
import { type ErrorType, WfpsecError } from "./wfpsecError.ts";

/**
 * Thrown when a GUID string is malformed. User input is checked before it gets here (policy validation,
 * `--provider`), so one reaching the CLI is a bug: JSON type `Error`.
 */
export class GuidFormatError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "Error";
  /** `value` is the malformed text (only its first 40 characters are quoted). */
  constructor(readonly value: string) {
    super(
      `invalid GUID ${JSON.stringify(value.slice(0, 40))}: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
    );
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
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (!tryWriteGuid(s, dv, offset)) throw new GuidFormatError(String(s));
}

/** A GUID as the four little-endian 32-bit words of its 16 bytes. */
export interface GuidWords {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
}
// Frequently written GUIDs (layer, sublayer, provider, condition and callout keys) are parsed once. A
// string enters the cache on its second sighting (a direct-mapped table remembers strings seen once), so
// the unique keys of a large policy, each written once, neither fill it nor pay for inserting.
const writeCache = new Map<string, GuidWords>();
const WRITE_CACHE_MAX = 4096;
const SEEN = 1024;
const seenOnce: (string | undefined)[] = new Array(SEEN).fill(undefined);

function hexAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? HEXVAL[c] : -1;
}

function hex8(s: string, i: number): number {
  return (hexAt(s, i) << 4) | hexAt(s, i + 1); // negative when either digit is invalid
}

// Parse results, in module variables so that a parse allocates nothing.
let p0 = 0, p1 = 0, p2 = 0, p3 = 0;

function parseWords(s: string): boolean {
  if (
    s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45
  ) {
    return false;
  }
  const a0 = hex8(s, 0), a1 = hex8(s, 2), a2 = hex8(s, 4), a3 = hex8(s, 6);
  const b0 = hex8(s, 9), b1 = hex8(s, 11), c0 = hex8(s, 14), c1 = hex8(s, 16);
  const d0 = hex8(s, 19), d1 = hex8(s, 21), d2 = hex8(s, 24), d3 = hex8(s, 26);
  const d4 = hex8(s, 28), d5 = hex8(s, 30), d6 = hex8(s, 32), d7 = hex8(s, 34);
  if ((a0 | a1 | a2 | a3 | b0 | b1 | c0 | c1 | d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) < 0) return false;
  p0 = ((a0 << 24) | (a1 << 16) | (a2 << 8) | a3) >>> 0; // Data1
  p1 = (((c0 << 8) | c1) << 16 | ((b0 << 8) | b1)) >>> 0; // Data2 | Data3 << 16
  p2 = (d0 | (d1 << 8) | (d2 << 16) | (d3 << 24)) >>> 0; // Data4[0..3]
  p3 = (d4 | (d5 << 8) | (d6 << 16) | (d7 << 24)) >>> 0; // Data4[4..7]
  return true;
}

/**
 * Writes the GUID for `s` at `offset` of `dv` and returns true, or returns false (writing nothing) when
 * `s` is not a well-formed GUID string. One pass, no allocation.
 */
export function tryWriteGuid(s: unknown, dv: DataView, offset: number): boolean {
  if (typeof s !== "string" || s.length !== 36) return false;
  const w = writeCache.get(s);
  if (w !== undefined) {
    dv.setUint32(offset, w.w0, true);
    dv.setUint32(offset + 4, w.w1, true);
    dv.setUint32(offset + 8, w.w2, true);
    dv.setUint32(offset + 12, w.w3, true);
    return true;
  }
  if (!parseWords(s)) return false;
  dv.setUint32(offset, p0, true);
  dv.setUint32(offset + 4, p1, true);
  dv.setUint32(offset + 8, p2, true);
  dv.setUint32(offset + 12, p3, true);
  if (writeCache.size < WRITE_CACHE_MAX) {
    const slot = (p0 ^ p3) & (SEEN - 1);
    if (seenOnce[slot] === s) writeCache.set(s, { w0: p0, w1: p1, w2: p2, w3: p3 });
    else seenOnce[slot] = s;
  }
  return true;
}

/** The 16 bytes of a GUID string. */
export function guidToBytes(s: string): Uint8Array {
  const out = new Uint8Array(16);
  writeGuid(s, out, 0);
  return out;
}

// Char codes of the high and low hex digit of each byte value.
const HI = new Uint8Array(256), LO = new Uint8Array(256);
for (let v = 0; v < 256; v++) {
  HI[v] = "0123456789abcdef".charCodeAt(v >> 4);
  LO[v] = "0123456789abcdef".charCodeAt(v & 15);
}
const CACHE_SIZE = 2048;
const cacheWords = new Uint32Array(CACHE_SIZE * 4);
const cacheStrings: (string | undefined)[] = new Array(CACHE_SIZE);
// Second-chance bit per slot: a hit sets it, and a miss only evicts a slot whose bit is clear (clearing it
// otherwise). One-off GUIDs (each filter's own key) then cannot flush the keys every filter repeats.
const cacheUsed = new Uint8Array(CACHE_SIZE);

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
    cacheUsed[slot >> 2] = 1;
    return hit;
  }
  // One flat string straight from 36 char codes (a concatenation would build a rope of ~16 parts).
  const b = bytes, o = offset, H = HI, L = LO;
  const x0 = b[o], x1 = b[o + 1], x2 = b[o + 2], x3 = b[o + 3], x4 = b[o + 4], x5 = b[o + 5];
  const x6 = b[o + 6], x7 = b[o + 7], x8 = b[o + 8], x9 = b[o + 9], xa = b[o + 10], xb = b[o + 11];
  const xc = b[o + 12], xd = b[o + 13], xe = b[o + 14], xf = b[o + 15];
  // deno-fmt-ignore
  const s = String.fromCharCode(
    H[x3], L[x3], H[x2], L[x2], H[x1], L[x1], H[x0], L[x0], 45, H[x5], L[x5], H[x4], L[x4], 45,
    H[x7], L[x7], H[x6], L[x6], 45, H[x8], L[x8], H[x9], L[x9], 45, H[xa], L[xa], H[xb], L[xb],
    H[xc], L[xc], H[xd], L[xd], H[xe], L[xe], H[xf], L[xf],
  );
  if (cacheUsed[slot >> 2] === 1) {
    cacheUsed[slot >> 2] = 0;
    return s;
  }
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
