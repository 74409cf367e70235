/**
 * Error types the CLI reports with `--json` (see docs/cli-json.md). Engine failures keep the engine's
 * FWP_E_* name and code; apply failures also name the object that failed.
 */
import { errorName, ERRORS } from "../ffi/constants.ts";

/** Bad command line: unknown option, missing argument. */
export class UsageError extends Error {
  /** The CLI's JSON `error.type`. */
  override name = "UsageError";
}

/** A refused, unsafe situation (e.g. a policy file non-administrators can write, used while elevated). */
export class SafetyError extends Error {
  /** The CLI's JSON `error.type`. */
  override name = "SafetyError";
}

/** A snapshot that cannot be read, or an attempt to change one. */
export class SnapshotError extends Error {
  /** The CLI's JSON `error.type`. */
  override name = "SnapshotError";
}

/** A policy feature this version cannot apply (reported as a PolicyError; nothing is changed). */
export class UnsupportedPolicyError extends Error {
  /** The CLI's JSON `error.type`: PolicyError, like validation failures. */
  override name = "PolicyError";
}

/** The object an engine call was about when it failed. */
export interface ObjectRef {
  /** Object kind: provider, sublayer, providerContext, filter, tunnel or manualSa. */
  kind: string;
  /** The object's GUID (filterKey, providerContextKey, ...). */
  key: string;
  /** The object's display name. */
  name: string;
}

/** The FWP_E_* name and code an engine error carries, when it carries one. */
export interface WfpCodeInfo {
  /** Symbolic name of the status, e.g. `FWP_E_ALREADY_EXISTS` (`UNKNOWN` if not in the table). */
  wfpName: string;
  /** The status as 8-digit hex, e.g. `0x80320009`. */
  wfpCode: string;
  /** The status as an unsigned 32-bit number. */
  code: number;
}

/**
 * Reads the Win32/FWP_E_* status from an error thrown by an engine, whatever class threw it (the FFI
 * engine's WfpError carries a numeric `code`; other spellings are accepted so this stays decoupled).
 */
export function wfpCodeOf(err: unknown): WfpCodeInfo | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as Record<string, unknown>;
  for (const field of ["code", "hresult", "status", "errorCode", "result"]) {
    const v = e[field];
    if (typeof v === "number" && Number.isFinite(v) && v !== 0) {
      const code = v >>> 0;
      const name = (typeof e.wfpName === "string" ? e.wfpName : undefined) ??
        (typeof e.errorName === "string" && (e.errorName as string).length
          ? e.errorName as string
          : undefined) ??
        errorName(code) ?? "UNKNOWN";
      return { wfpName: name, wfpCode: "0x" + code.toString(16).padStart(8, "0"), code };
    }
  }
  return undefined;
}

/** An engine call failed during apply; nothing was committed. */
export class ApplyError extends Error {
  /** The CLI's JSON `error.type`: WfpError, like the FFI engine's own failures. */
  override name = "WfpError";
  /** Wraps a failed engine call: `object` is what it was about, `wfp` its FWP_E_* status if any. */
  constructor(
    message: string,
    readonly object: ObjectRef | undefined,
    readonly wfp: WfpCodeInfo | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Human one-liner for an FWP_E_* code: `FWP_E_ALREADY_EXISTS (0x80320009): The object already exists.` */
export function describeWfp(info: WfpCodeInfo): string {
  const msg = ERRORS[info.wfpName]?.message;
  return `${info.wfpName} (${info.wfpCode})${msg ? ": " + msg : ""}`;
}

/** A secret reference could not be resolved (variable unset, file unreadable). */
export class SecretError extends Error {
  override name = "PolicyError";
}
