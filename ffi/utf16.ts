/**
 * UTF-16 (wchar_t*) and 8-bit (char*) strings to and from native memory.
 *
 * Writing: JS strings already are UTF-16, so code units are copied as is (surrogate pairs round-trip).
 * Reading: page-bounded chunked `copyInto` (one native call for a short string; never crosses a 4 KiB page,
 * so it cannot fault). It may read past the terminator inside the page, which AddressSanitizer reports, so a
 * safe mode reads one code unit per call: enabled by `WFPSEC_SAFE_STRING_READS=1`, by `setSafeStringReads`,
 * or automatically when the ASan runtime is preloaded. The same switch turns off the decoder's page-window
 * reads (codec.ts), which read around what they need for the same reason. Strings are built flat with
 * `String.fromCharCode`.
 */

let safeReads = detectSafeMode();

function detectSafeMode(): boolean {
  try {
    if (Deno.env.get("WFPSEC_SAFE_STRING_READS") === "1") return true;
    const preload = Deno.env.get("LD_PRELOAD") ?? "";
    return /libasan/.test(preload);
  } catch {
    return false; // no --allow-env: keep the fast reader
  }
}

/** Forces (or clears) the one-code-unit-per-call string reader. */
export function setSafeStringReads(on: boolean): void {
  safeReads = on;
}

/** Whether the ASan-safe string reader is active. */
export function safeStringReads(): boolean {
  return safeReads;
}

/** Bytes needed for `s` as NUL-terminated UTF-16. */
export function utf16Size(s: string): number {
  return (s.length + 1) * 2;
}

/** Writes `s` + NUL as UTF-16LE at u16 index `index` of `u16`. */
export function writeUtf16(s: string, u16: Uint16Array, index: number): void {
  const n = s.length;
  for (let i = 0; i < n; i++) u16[index + i] = s.charCodeAt(i);
  u16[index + n] = 0;
}

/** Writes `s` + NUL as 8-bit chars; returns false when a char is above 0xff. */
export function writeLatin1(s: string, u8: Uint8Array, offset: number): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return false;
    u8[offset + i] = c;
  }
  u8[offset + n] = 0;
  return true;
}

const BASE = Deno.UnsafePointer.create(1n)!;
const CHUNK = 256;
const chunkBuf = new ArrayBuffer(CHUNK);
const chunk8 = new Uint8Array(chunkBuf);
const chunk16 = new Uint16Array(chunkBuf);
const one = new Uint16Array(1);
const one8 = new Uint8Array(1);

/** Copies `dst.byteLength` bytes from native address `addr` (a number; x64 user addresses < 2^47). */
export function copyFrom(addr: number, dst: Uint8Array | Uint16Array): void {
  Deno.UnsafePointerView.copyInto(BASE, dst, addr - 1);
}

function join(parts: string[] | undefined, last: string): string {
  if (!parts) return last;
  parts.push(last);
  // Flatten once: a single fromCharCode-built string instead of a rope of parts.
  const all = parts.join("");
  return all;
}

/** Reads a NUL-terminated UTF-16LE string at `addr`. */
export function readUtf16(addr: number): string {
  if (safeReads) return readUtf16Safe(addr);
  let parts: string[] | undefined;
  for (;;) {
    const room = 4096 - (addr % 4096);
    const n = room < CHUNK ? room : CHUNK;
    const view = n === CHUNK ? chunk8 : chunk8.subarray(0, n);
    copyFrom(addr, view);
    const units = n >> 1;
    for (let i = 0; i < units; i++) {
      if (chunk16[i] === 0) {
        return join(parts, String.fromCharCode.apply(null, chunk16.subarray(0, i) as unknown as number[]));
      }
    }
    (parts ??= []).push(String.fromCharCode.apply(null, chunk16.subarray(0, units) as unknown as number[]));
    addr += units * 2;
  }
}

function readUtf16Safe(addr: number): string {
  const codes: number[] = [];
  for (;;) {
    copyFrom(addr, one);
    if (one[0] === 0) break;
    codes.push(one[0]);
    addr += 2;
  }
  let s = "";
  for (let i = 0; i < codes.length; i += 4096) {
    s += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  }
  return s;
}

/** Reads a NUL-terminated 8-bit string (ASCII/Latin-1) at `addr`. */
export function readLatin1(addr: number): string {
  let s = "";
  if (safeReads) {
    for (;;) {
      copyFrom(addr++, one8);
      if (one8[0] === 0) return s;
      s += String.fromCharCode(one8[0]);
    }
  }
  for (;;) {
    const room = 4096 - (addr % 4096);
    const n = room < CHUNK ? room : CHUNK;
    copyFrom(addr, n === CHUNK ? chunk8 : chunk8.subarray(0, n));
    for (let i = 0; i < n; i++) {
      if (chunk8[i] === 0) {
        return s + String.fromCharCode.apply(null, chunk8.subarray(0, i) as unknown as number[]);
      }
    }
    s += String.fromCharCode.apply(null, chunk8.subarray(0, n) as unknown as number[]);
    addr += n;
  }
}
