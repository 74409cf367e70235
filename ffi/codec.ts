/**
 * Encoders and decoders derived from the struct tables (`ffi/structs.ts`): no offset arithmetic lives
 * anywhere else. codegen.ts turns the tables into specialised JS functions once, on first use.
 *
 * Encoding writes a JS object (the shapes of `modules/graph/graph.ts`) into an `Arena`: one reused native-visible
 * buffer per engine. Sub-structs, strings and arrays are bump-allocated in the same buffer, so the whole
 * argument stays referenced (pinned) by the arena until the call returns; raw addresses alone would not keep
 * buffers alive. If an object does not fit, the arena doubles and the encode restarts.
 *
 * Decoding reads engine-returned memory by raw address: bytes are copied with `copyInto` into a scratch
 * buffer (a page-bounded window at a time, see below) and read with a DataView; strings are built flat
 * from the copy. Everything is copied out, so the caller may free the native memory right after.
 */
import type { StructLayout } from "./layout.ts";
import { generateCodecs, type GeneratedCodec, type GuidSite } from "./codegen.ts";
// The generated codecs, precompiled into a module (scripts/gen-codecs.ts): not `new Function` at start-up.
// @ts-types="./codecs.generated.d.ts"
import codecs from "./codecs.generated.js";
import { layoutOf } from "./structs.ts";
import { isGuid, readGuid, tryWriteGuid } from "./guid.ts";
import {
  copyFrom,
  readLatin1,
  readUtf16,
  safeStringReads,
  utf16Size,
  writeLatin1,
  writeUtf16,
} from "./utf16.ts";
import { WfpInputError } from "./errors.ts";
import type { StructMap, StructName } from "./structs.gen.ts";

const TWO32 = 4294967296;
const OVERFLOW = Symbol("arena overflow");

/** A reusable marshalling buffer whose address is stable until it grows (only between encodes). */
export class Arena {
  buf!: ArrayBuffer;
  u8!: Uint8Array<ArrayBuffer>;
  u16!: Uint16Array<ArrayBuffer>;
  dv!: DataView<ArrayBuffer>;
  /** Native address of byte 0 (x64 user addresses fit a double exactly). */
  base = 0;
  top = 0;
  cap = 0;
  // Holding the pointer object keeps Deno's buffer registration alive along with the buffer.
  private pin: Deno.PointerObject | null = null;

  constructor(size = 64 * 1024) {
    this.setSize(size);
  }

  private setSize(size: number): void {
    this.buf = new ArrayBuffer(size);
    this.u8 = new Uint8Array(this.buf);
    this.u16 = new Uint16Array(this.buf);
    this.dv = new DataView(this.buf);
    this.pin = Deno.UnsafePointer.of(this.u8);
    this.base = Number(Deno.UnsafePointer.value(this.pin));
    this.cap = size;
    this.top = 0;
  }

  /** Zeroes what the previous encode used; every struct starts zero-filled, like the MS samples' memset. */
  reset(): void {
    if (this.top) this.u8.fill(0, 0, this.top);
    this.top = 0;
  }

  /** Bump-allocates `size` zeroed bytes (8-aligned); returns the offset. */
  alloc(size: number): number {
    const off = (this.top + 7) & ~7;
    const end = off + size;
    if (end > this.cap) throw OVERFLOW;
    this.top = end;
    return off;
  }

  /** Native address of `offset`. */
  addr(offset: number): number {
    return this.base + offset;
  }

  /** A pointer object for `offset` (for "pointer" FFI parameters). */
  pointer(offset: number): Deno.PointerObject {
    return Deno.UnsafePointer.create(BigInt(this.base + offset))!;
  }

  /** The arena from `offset` as a buffer argument (for "buffer" FFI parameters). */
  view(offset: number): Uint8Array<ArrayBuffer> {
    return offset === 0 ? this.u8 : this.u8.subarray(offset);
  }

  /** Encodes `value` as struct `name`; returns its offset. Retries with a bigger arena on overflow. */
  encode<K extends StructName>(name: K, value: StructMap[K]): number {
    const s = compiled(name);
    for (;;) {
      this.reset();
      try {
        const off = this.alloc(s.layout.size);
        s.enc(this, value, off);
        return off;
      } catch (e) {
        if (e !== OVERFLOW) throw e;
        this.setSize(this.cap * 2);
      }
    }
  }

  /**
   * Runs `fn` (which allocates and writes through the arena) with the grow-and-retry discipline of
   * `encode`, for arguments that are not a single struct.
   */
  encodeWith<T>(fn: (a: Arena) => T): T {
    for (;;) {
      this.reset();
      try {
        return fn(this);
      } catch (e) {
        if (e !== OVERFLOW) throw e;
        this.setSize(this.cap * 2);
      }
    }
  }

  /** Encodes `value` as struct `name` at a fresh allocation inside an `encodeWith` callback. */
  put<K extends StructName>(name: K, value: StructMap[K]): number {
    const s = compiled(name);
    const off = this.alloc(s.layout.size);
    s.enc(this, value, off);
    return off;
  }

  /** Encodes `values` as a contiguous C array of struct `name` inside an `encodeWith` callback. */
  putArray<K extends StructName>(name: K, values: readonly StructMap[K][]): number {
    const s = compiled(name);
    const size = s.layout.size;
    const off = this.alloc(size * values.length);
    for (let i = 0; i < values.length; i++) s.enc(this, values[i], off + i * size);
    return off;
  }

  /** Writes a GUID string at a fresh 16-byte allocation inside an `encodeWith` callback. */
  putGuid(g: string, path = "GUID"): number {
    if (!isGuid(g)) throw new WfpInputError(path, "a GUID string", g);
    const off = this.alloc(16);
    tryWriteGuid(g, this.dv, off);
    return off;
  }

  /** Writes a NUL-terminated UTF-16 string inside an `encodeWith` callback. */
  putWstr(s: string): number {
    const off = this.alloc(utf16Size(s));
    writeUtf16(s, this.u16, off >> 1);
    return off;
  }
}

function writePtr(dv: DataView, off: number, addr: number): void {
  // x64 user addresses are below 2^47: `>>> 0` keeps the low word, the division the high one.
  dv.setUint32(off, addr >>> 0, true);
  dv.setUint32(off + 4, (addr / TWO32) | 0, true);
}

function readPtr(dv: DataView, at: number): number {
  return dv.getUint32(at + 4, true) * TWO32 + dv.getUint32(at, true);
}

// ---------------------------------------------------------------------------------------------------------
// Decoding scratch: one buffer that decodes bump-allocate in. When it is full a new one is started;
// frames already handed out keep their (old) buffer, so nested readers never see their bytes move.
//
// Windowed reads: one `copyInto` costs ~150 ns, and a decoded filter touches ~7 separate native blocks
// (struct, name, keys, weight, conditions, their pointees) that engines allocate close together. So a read
// copies from the requested address to the end of its last 4 KiB page (a page that holds requested bytes is
// mapped, so this cannot fault) and later reads inside a cached window are served from the copy (measured:
// ~0.1 copies per decoded filter instead of 7). It reads bytes outside the allocation, which
// AddressSanitizer reports, so safe mode (see utf16.ts) copies exactly what is asked.

interface Frame {
  u8: Uint8Array<ArrayBuffer>;
  u16: Uint16Array<ArrayBuffer>;
  dv: DataView<ArrayBuffer>;
}

const SCRATCH = 1 << 20;
const PAGE = 4096;
let scratchFrame: Frame = newFrame(SCRATCH);
let sp = 0;
let current: Frame = scratchFrame;
let wFrame: Frame = scratchFrame;
let wStart = 0;
let wEnd = 0;
let wAt = 0;

function newFrame(size: number): Frame {
  const buf = new ArrayBuffer(size);
  return { u8: new Uint8Array(buf), u16: new Uint16Array(buf), dv: new DataView(buf) };
}

function bump(len: number): number {
  let at = (sp + 7) & ~7;
  if (at + len > scratchFrame.u8.length) {
    scratchFrame = newFrame(Math.max(SCRATCH, len * 2));
    at = 0;
  }
  sp = at + len;
  return at;
}

/** Forgets the read window and the scratch contents (native memory may have changed or been freed). */
function resetReads(): void {
  sp = 0;
  wStart = wEnd = 0;
  WS.fill(0);
  WE.fill(0);
}

// Several windows stay cached: an engine block may keep structs, strings and arrays in separate regions,
// and decoding one filter alternates between them.
const K = 8;
const WS = new Float64Array(K);
const WE = new Float64Array(K);
const WA = new Float64Array(K);
const WF: Frame[] = new Array(K).fill(scratchFrame);
let nextSlot = 0;

/** Makes the window holding [addr, addr + len) the active one, if a cached window holds it. */
function inWindow(addr: number, len: number): boolean {
  if (addr >= wStart && addr + len <= wEnd) return true;
  for (let k = 0; k < K; k++) {
    if (addr >= WS[k] && addr + len <= WE[k]) {
      wStart = WS[k];
      wEnd = WE[k];
      wAt = WA[k];
      wFrame = WF[k];
      return true;
    }
  }
  return false;
}

/** Makes `len` bytes at native `addr` readable in `current`; returns their offset there. */
function load(addr: number, len: number): number {
  if (inWindow(addr, len)) {
    current = wFrame;
    return wAt + (addr - wStart);
  }
  if (safeStringReads()) {
    const at = bump(len);
    copyFrom(addr, new Uint8Array(scratchFrame.u8.buffer, at, len));
    current = scratchFrame;
    return at;
  }
  // Forward only: engines lay a result block out front to back, so bytes before `addr` are rarely needed.
  const start = addr;
  const last = addr + len;
  const end = last + ((PAGE - (last % PAGE)) % PAGE);
  const size = end - start;
  const at = bump(size);
  copyFrom(start, new Uint8Array(scratchFrame.u8.buffer, at, size));
  const k = nextSlot;
  nextSlot = (k + 1) % K;
  WS[k] = wStart = start;
  WE[k] = wEnd = end;
  WA[k] = wAt = at;
  WF[k] = wFrame = current = scratchFrame;
  return at + (addr - start);
}

/** Bytes at native `addr`, copied out (through a window when one covers them). */
function copyOut(addr: number, len: number): Uint8Array {
  if (inWindow(addr, len)) {
    const at = wAt + (addr - wStart);
    return wFrame.u8.slice(at, at + len);
  }
  const out = new Uint8Array(len);
  copyFrom(addr, out);
  return out;
}

const CODES: number[][] = [];

/** A NUL-terminated UTF-16 string at `addr`, from the window when possible. */
function readWstr(addr: number): string {
  if (!safeStringReads() && (addr & 1) === 0) {
    if (!inWindow(addr, 2)) load(addr, 2);
    const u16 = wFrame.u16;
    const from = (wAt + (addr - wStart)) >> 1;
    const to = (wAt + (wEnd - wStart)) >> 1;
    for (let i = from; i < to; i++) {
      if (u16[i] === 0) {
        const n = i - from;
        if (n > 256) return String.fromCharCode.apply(null, u16.subarray(from, i) as unknown as number[]);
        // A plain array is ~2x faster than a typed subarray as `apply` arguments (measured); one reused
        // array per length avoids allocating it for every string.
        const codes = (CODES[n] ??= new Array<number>(n).fill(0));
        for (let k = 0; k < n; k++) codes[k] = u16[from + k];
        return String.fromCharCode.apply(null, codes);
      }
    }
  }
  return readUtf16(addr); // crosses the window (long string) or safe mode
}

// ---------------------------------------------------------------------------------------------------------
// Compiled codecs (generated from the tables by codegen.ts)

interface CompiledStruct {
  layout: StructLayout;
  enc: (a: Arena, v: unknown, off: number) => void;
  dec: (fr: Frame, at: number) => Record<string, unknown>;
}

function bad(path: string, expected: string, got: unknown): never {
  throw new WfpInputError(path, expected, got);
}

function putGuid(dv: DataView, off: number, v: unknown, path: string, site: GuidSite): void {
  const k = site.k;
  const e = v === k[0] ? 0 : v === k[1] ? 4 : v === k[2] ? 8 : v === k[3] ? 12 : -1;
  if (e >= 0) {
    const w = site.w;
    dv.setUint32(off, w[e], true);
    dv.setUint32(off + 4, w[e + 1], true);
    dv.setUint32(off + 8, w[e + 2], true);
    dv.setUint32(off + 12, w[e + 3], true);
    return;
  }
  if (!tryWriteGuid(v, dv, off)) bad(path, "a GUID string", v);
  const n = site.next;
  site.next = (n + 1) & 3;
  k[n] = v;
  const w = site.w;
  w[4 * n] = dv.getUint32(off, true);
  w[4 * n + 1] = dv.getUint32(off + 4, true);
  w[4 * n + 2] = dv.getUint32(off + 8, true);
  w[4 * n + 3] = dv.getUint32(off + 12, true);
}

function readGuidSite(u8: Uint8Array, dv: DataView, at: number, site: GuidSite): string {
  const w0 = dv.getUint32(at, true), w1 = dv.getUint32(at + 4, true);
  const w2 = dv.getUint32(at + 8, true), w3 = dv.getUint32(at + 12, true);
  const w = site.w, strings = site.s;
  for (let e = 0; e < 4; e++) {
    const s = strings[e];
    if (
      s !== undefined && w[4 * e] === w0 && w[4 * e + 1] === w1 && w[4 * e + 2] === w2 && w[4 * e + 3] === w3
    ) {
      return s;
    }
  }
  const s = readGuid(u8, dv, at);
  const n = site.next;
  site.next = (n + 1) & 3;
  strings[n] = s;
  w[4 * n] = w0;
  w[4 * n + 1] = w1;
  w[4 * n + 2] = w2;
  w[4 * n + 3] = w3;
  return s;
}

function zero16(dv: DataView, at: number): boolean {
  return (dv.getUint32(at, true) | dv.getUint32(at + 4, true) | dv.getUint32(at + 8, true) |
    dv.getUint32(at + 12, true)) === 0;
}

function readSid(addr: number): Uint8Array {
  const head = copyOut(addr, 8);
  return copyOut(addr, 8 + 4 * head[1]);
}

let generated: Record<string, GeneratedCodec> | undefined;
const cache = new Map<string, CompiledStruct>();

/**
 * WFPSEC_CODEC_STRICT=1 (the test stages set it): encoders also refuse a property that is no member of its
 * struct, so a misspelt member fails instead of being silently left zero. Off by default: it costs a
 * property walk per encoded struct.
 */
function strictMembers(): boolean {
  try {
    return Deno.env.get("WFPSEC_CODEC_STRICT") === "1";
  } catch {
    return false; // no --allow-env: the default
  }
}

/** The compiled codec for struct `name`. */
export function compiled(name: string): CompiledStruct {
  let s = cache.get(name);
  if (s) return s;
  const helpers = {
    bad,
    putGuid,
    wutf16: writeUtf16,
    wlatin1: writeLatin1,
    wptr: writePtr,
    rptr: readPtr,
    rguid: readGuidSite,
    zero16,
    rutf16: readWstr,
    rlatin1: readLatin1,
    rsid: readSid,
    copyOut,
    load,
    frame: () => current,
  };
  // The precompiled module (V8 code cache) in production; strict mode compiles the checking variant.
  generated ??= strictMembers() ? generateCodecs(helpers, true) : codecs(helpers);
  const g = generated[name];
  s = {
    layout: layoutOf(name),
    enc: g.enc as CompiledStruct["enc"],
    dec: g.dec as CompiledStruct["dec"],
  };
  cache.set(name, s);
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Public decode entry points (engine-returned memory).

/** Decodes struct `name` at native address `addr` (a number or bigint). */
export function decodeAt<K extends StructName>(name: K, addr: number | bigint): StructMap[K] {
  resetReads();
  return decodeOne<StructMap[K]>(compiled(name), Number(addr));
}

function decodeOne<T>(s: CompiledStruct, addr: number): T {
  // Nothing from earlier entries is referenced any more (their objects are built), so once the scratch is
  // half used, start over in the same buffer instead of allocating new ones (which would drive GC).
  if (sp > SCRATCH >> 1) resetReads();
  const at = load(addr, s.layout.size);
  return s.dec(current, at) as T;
}

/** Reads `n` pointers from a native `T**` array into numbers. */
export function readPointerArray(addr: number | bigint, n: number): number[] {
  if (n === 0) return [];
  const raw = new Uint32Array(n * 2);
  copyFrom(Number(addr), raw as unknown as Uint16Array);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = raw[2 * i + 1] * TWO32 + raw[2 * i];
  return out;
}

/** Decodes every struct of a native `T**` array of `n` entries (as returned by Fwpm*Enum*). */
export function decodePointerArray<K extends StructName>(
  name: K,
  addr: number | bigint,
  n: number,
): StructMap[K][] {
  type T = StructMap[K];
  const ptrs = readPointerArray(addr, n);
  const s = compiled(name);
  // One engine allocation holds the whole page: the read window stays valid across its entries.
  resetReads();
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = decodeOne<T>(s, ptrs[i]);
  return out;
}

/** Decodes an FWP_BYTE_BLOB at `addr` into its bytes. */
export function decodeBlobAt(addr: number | bigint): Uint8Array {
  const head = new Uint8Array(16);
  copyFrom(Number(addr), head);
  const dv = new DataView(head.buffer);
  const size = dv.getUint32(0, true);
  const data = readPtr(dv, 8);
  const out = new Uint8Array(size);
  if (size && data) copyFrom(data, out);
  return out;
}
