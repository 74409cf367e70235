/**
 * Typed errors of the FFI layer.
 * - `WfpError`: a call into fwpuclnt returned a non-zero DWORD (FWP_E_*, RPC or Win32 code).
 * - `WfpInputError`: a JS value cannot be marshalled into the C struct (wrong type or shape); raised before
 *   any native call, so nothing changes in the engine.
 * Messages never include blob contents (pre-shared keys, SA keys).
 */
import { errorName, ERRORS } from "./constants.ts";

/** The object a failed call concerned. */
export interface WfpObjectRef {
  kind:
    | "provider"
    | "sublayer"
    | "providerContext"
    | "filter"
    | "tunnel"
    | "session"
    | "transaction"
    | "appId"
    | string;
  key?: string;
  name?: string;
  id?: bigint;
}

/** A non-zero result from an fwpuclnt function. */
export class WfpError extends Error {
  /** The unsigned 32-bit result code. */
  readonly code: number;
  /** e.g. "0x80320009". */
  readonly hex: string;
  /** The symbolic name (FWP_E_*, RPC_*, ERROR_*), or the hex code when unknown. */
  readonly errorName: string;
  /** The fwpuclnt function that failed, e.g. "FwpmFilterAdd0". */
  readonly operation: string;
  /** The object the call concerned, when there was one. */
  readonly object?: WfpObjectRef;

  constructor(operation: string, code: number, object?: WfpObjectRef) {
    const c = code >>> 0;
    const hex = "0x" + c.toString(16).padStart(8, "0");
    const sym = errorName(c) ?? hex;
    const meaning = errorName(c) ? ERRORS[sym].message : "Unknown error code.";
    const what = object ? ` (${describe(object)})` : "";
    super(`${operation} failed${what}: ${sym} (${hex}) ${meaning}`);
    this.code = c;
    this.hex = hex;
    this.errorName = sym;
    // `name` is the symbolic code, so `err.name === "FWP_E_ALREADY_EXISTS"` reads like the C API.
    this.name = sym;
    this.operation = operation;
    if (object) this.object = object;
  }
}

function describe(o: WfpObjectRef): string {
  const parts: string[] = [o.kind];
  if (o.name !== undefined) parts.push(JSON.stringify(o.name));
  if (o.key !== undefined) parts.push(o.key);
  if (o.id !== undefined) parts.push(`id ${o.id}`);
  return parts.join(" ");
}

/** A JS value that does not fit the C struct it is marshalled into. */
export class WfpInputError extends TypeError {
  /** Dotted path of the offending member, e.g. "FWPM_FILTER0.weight.uint64". */
  readonly path: string;
  constructor(path: string, expected: string, got: unknown) {
    super(`${path}: expected ${expected}, got ${kindOf(got)}`);
    this.name = "WfpInputError";
    this.path = path;
  }
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === "number") return Number.isInteger(v) ? `integer ${v}` : `number ${v}`;
  if (typeof v === "bigint") return `bigint ${v}`;
  return typeof v;
}

/** Throws a WfpError when `code` is non-zero. */
export function check(operation: string, code: number, object?: WfpObjectRef): void {
  if (code !== 0) throw new WfpError(operation, code, object);
}

/** A misuse of the engine API itself (nested transaction, use after close, missing simulator hooks). */
export class WfpUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WfpUsageError";
  }
}
