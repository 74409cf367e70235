/**
 * Typed errors of the FFI layer (all WfpsecErrors, see ./wfpsecError.ts).
 * - `WfpError`: a call into fwpuclnt returned a non-zero DWORD (FWP_E_*, RPC or Win32 code).
 * - `WfpInputError`: a JS value cannot be marshalled into the C struct (wrong type or shape); raised before
 *   any native call, so nothing changes in the engine.
 * - `WfpUsageError`: a misuse of the engine API by wfpsec itself (a bug).
 * Messages never include blob contents (pre-shared keys, SA keys).
 */
import { errorName, ERRORS } from "./constants.ts";
import { type ErrorType, type ObjectRef, WfpsecError } from "./wfpsecError.ts";

/** A non-zero result from an fwpuclnt function (JSON type `WfpError`, with `wfpName`/`wfpCode`). */
export class WfpError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "WfpError";
  /** The unsigned 32-bit result code. */
  readonly code: number;
  /** e.g. "0x80320009". */
  readonly hex: string;
  /** The symbolic name (FWP_E_*, RPC_*, ERROR_*), or the hex code when unknown. */
  readonly errorName: string;
  /** The fwpuclnt function that failed, e.g. "FwpmFilterAdd0". */
  readonly operation: string;

  /** `operation` returned `code`; `object` is what the call concerned, when there was one. */
  constructor(operation: string, code: number, object?: ObjectRef) {
    const c = code >>> 0;
    const hex = "0x" + c.toString(16).padStart(8, "0");
    const sym = errorName(c) ?? hex;
    const meaning = errorName(c) ? ERRORS[sym].message : "Unknown error code.";
    const what = object ? ` (${describe(object)})` : "";
    super(`${operation} failed${what}: ${sym} (${hex}) ${meaning}`, {
      object,
      wfp: { wfpName: sym, wfpCode: hex, code: c },
    });
    this.code = c;
    this.hex = hex;
    this.errorName = sym;
    this.operation = operation;
  }
}

function describe(o: ObjectRef): string {
  const parts: string[] = [o.kind];
  if (o.name !== undefined) parts.push(JSON.stringify(o.name));
  if (o.key !== undefined) parts.push(o.key);
  if (o.id !== undefined) parts.push(`id ${o.id}`);
  return parts.join(" ");
}

/** A JS value that does not fit the C struct it is marshalled into (JSON type `WfpError`, no code). */
export class WfpInputError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "WfpError";
  /** Dotted path of the offending member, e.g. "FWPM_FILTER0.weight.uint64". */
  readonly path: string;
  /** `path` held `got` where the struct wants `expected`. */
  constructor(path: string, expected: string, got: unknown) {
    super(`${path}: expected ${expected}, got ${kindOf(got)}`);
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
export function check(operation: string, code: number, object?: ObjectRef): void {
  if (code !== 0) throw new WfpError(operation, code, object);
}

/**
 * A misuse of the engine API itself (nested transaction, use after close, a missing export): a bug in
 * wfpsec, so JSON type `Error`.
 */
export class WfpUsageError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "Error";
}

/**
 * Raised when no engine library is available for the request (e.g. Linux without `--engine sim`): JSON type
 * `UsageError`, since the fix is another command line (docs/cli-json.md).
 */
export class EngineUnavailableError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "UsageError";
}

/**
 * Raised when a Windows system folder (System32, ProgramData) cannot be determined from the system itself:
 * JSON type `SafetyError`, since wfpsec then refuses rather than fall back to a caller-controlled value.
 */
export class SystemFolderError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "SafetyError";
}

/**
 * Raised when a Windows file or folder cannot be opened, examined or read the way the admin-only checks
 * need (ffi/fileSecurity.ts): JSON type `SafetyError`, since wfpsec then refuses rather than read the file
 * some other way. The message names the path and the Win32 call and error.
 */
export class FileSecurityError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "SafetyError";
}
