/**
 * The codec without its static types, for tests that feed it table-driven or deliberately wrong input: the
 * generated encoders check every member at run time, and these tests show that they do.
 */
import { type Arena, decodeAt } from "../../ffi/codec.ts";
import type { StructName } from "../../ffi/structs.gen.ts";

/** Encodes `value` as struct `name` (any name, any value); returns its offset in `arena`. */
export function encodeLoose(arena: Arena, name: string, value: unknown): number {
  return arena.encode(name as StructName, value as never);
}

/** Decodes struct `name` at `addr` as `T`. */
export function decodeLoose<T = unknown>(name: string, addr: number | bigint): T {
  return decodeAt(name as StructName, addr) as T;
}
