/**
 * A raw session on the loaded fwpuclnt, for the ABI-mistake tests: they need to put deliberately wrong
 * bytes on the wire, which the engine API (rightly) never does. Encoding and decoding still go through the
 * real struct tables (`ffi/codec.ts`); only the one deliberate mistake differs.
 */
import { Arena } from "../../ffi/codec.ts";
import { decodeLoose, encodeLoose } from "./looseCodec.ts";
import { FLAGS, MISC } from "../../ffi/constants.ts";
import { guidToBytes } from "../../ffi/guid.ts";
import type { LoadedLibrary } from "../../ffi/library.ts";
import type { FwpSymbols } from "../../ffi/symbols.ts";

export class RawSession {
  readonly s: FwpSymbols;
  readonly h: Deno.PointerObject;

  constructor(lib: LoadedLibrary) {
    this.s = lib.symbols;
    const arena = new Arena();
    const session = arena.encode("FWPM_SESSION0", {
      displayData: { name: "wfpsec wine raw session" },
      flags: FLAGS.FWPM_SESSION_FLAG.FWPM_SESSION_FLAG_DYNAMIC,
      txnWaitTimeoutInMSec: 0,
      processId: 0,
      kernelMode: 0,
    });
    const cell = new BigUint64Array(1);
    const rc = this.s.FwpmEngineOpen0(null, MISC.RPC_C_AUTHN_WINNT, null, arena.view(session), cell);
    if (rc !== 0) throw new Error(`FwpmEngineOpen0 -> 0x${rc.toString(16)}`);
    this.h = Deno.UnsafePointer.create(cell[0])!;
  }

  /** Encodes `value` as `struct` with the real codec, lets `mistake` edit the bytes, returns the arena. */
  encode(
    struct: string,
    value: unknown,
    mistake?: (arena: Arena, offset: number) => void,
  ): Uint8Array<ArrayBuffer> {
    const arena = new Arena();
    const off = encodeLoose(arena, struct, value);
    mistake?.(arena, off);
    return arena.view(off);
  }

  /** Runs a Fwpm*GetByKey* call with a caller-chosen out cell, then frees what it returned exactly once. */
  get<T>(
    call: (h: Deno.PointerObject, key: Uint8Array, out: Uint8Array) => number,
    key: string,
    read: (out: Uint8Array<ArrayBuffer>) => T,
    cellSize = 8,
  ): T {
    const out = new Uint8Array(cellSize);
    const rc = call(this.h, guidToBytes(key), out);
    try {
      if (rc !== 0) throw new Error(`get ${key} -> 0x${rc.toString(16)}`);
      return read(out);
    } finally {
      // The first 8 bytes hold the engine's pointer whatever the caller believed the cell to be.
      if (new BigUint64Array(out.buffer, 0, 1)[0] !== 0n) this.s.FwpmFreeMemory0(out);
    }
  }

  close(): void {
    this.s.FwpmEngineClose0(this.h);
  }
}

/** The correct reading of a `T**` out cell: follow the pointer, decode the struct there. */
export function followPointer<T>(struct: string): (out: Uint8Array<ArrayBuffer>) => T {
  return (out) => decodeLoose<T>(struct, new BigUint64Array(out.buffer, 0, 1)[0]);
}
