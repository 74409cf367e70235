/**
 * The one base class of wfpsec's errors and the JSON form the CLI reports (docs/cli-json.md "Errors").
 *
 * It lives in ffi/ because ffi/ is the bottom layer: ffi/ imports nothing from modules/, yet its errors
 * (WfpError, EngineUnavailableError, SddlError, ...) must share the base with the policy, plan and apply
 * errors above it. The module imports nothing at all, so the policy language and the compiler may use it
 * without reaching the engine code.
 *
 * @module
 */

/** The CLI's JSON `error.type` values (docs/cli-json.md). "Error" marks an internal error (a bug). */
export type ErrorType =
  | "PolicyError"
  | "WfpError"
  | "UsageError"
  | "SafetyError"
  | "SnapshotError"
  | "LockBusyError"
  | "Error";

/** The object an engine call was about when it failed. */
export interface ObjectRef {
  /** Object kind: provider, sublayer, providerContext, filter, tunnel, manualSa, session, transaction, ... */
  kind: string;
  /** The object's GUID (filterKey, providerContextKey, ...), when it has one. */
  key?: string;
  /** The object's display name, when known. */
  name?: string;
  /** The engine-assigned id (filterId, providerContextId, ...), for calls by id; not in the JSON. */
  id?: bigint;
}

/** The Win32 / FWP_E_* status an engine error carries. */
export interface WfpCodeInfo {
  /** Symbolic name of the status, e.g. `FWP_E_ALREADY_EXISTS` (the hex code or `UNKNOWN` when not in the table). */
  wfpName: string;
  /** The status as 8-digit hex, e.g. `0x80320009`. */
  wfpCode: string;
  /** The status as an unsigned 32-bit number. */
  code: number;
}

/** The `error` member of the CLI's JSON error document, members in this order. */
export interface ErrorJson {
  /** What kind of error: scripts branch on it. */
  type: ErrorType;
  /** The human message (never a secret value). */
  message: string;
  /** A policy file's located diagnostics (PolicyError from validation only). */
  diagnostics?: readonly object[];
  /** Symbolic status, when the engine returned one. */
  wfpName?: string;
  /** Hex status, when the engine returned one. */
  wfpCode?: string;
  /** The object the failing call concerned. */
  object?: { kind: string; key: string | null; name: string | null };
}

/** What every wfpsec error may carry besides its message. */
export interface WfpsecErrorOptions {
  /** The error this one wraps. */
  cause?: unknown;
  /** The object the failed operation concerned. */
  object?: ObjectRef;
  /** The engine status of the failed call. */
  wfp?: WfpCodeInfo;
}

/**
 * Base of every error wfpsec throws on purpose. The CLI reports `toJson()` and exits 1; anything else thrown
 * is reported as `{ type: "Error" }`, an internal error. Classify with `instanceof`, never by `name`
 * (`name` is the class name, for stack traces only).
 *
 * To add an error: extend this class (or the closest existing subclass) in the folder of its concept, set
 * `type` to the documented JSON type it is reported as (a new type is a change to `ErrorType`, to
 * docs/cli-json.md and to the PowerShell module's ConvertTo-WfpsecErrorRecord), pass `object` / `wfp` / `cause` to the constructor,
 * and add a case to tests/unit/errors/contract.test.ts (it fails for an error class without one):
 *
 * ```ts
 * // modules/host/task.ts: a scheduled task that cannot be registered as asked.
 * export class TaskError extends WfpsecError {
 *   override readonly type: ErrorType = "UsageError";
 * }
 * const err = new TaskError("task wfpsec-drift: the schedule is not valid", { cause: new RangeError("hour") });
 * console.log(err.toJson()); // { type: "UsageError", message: "task wfpsec-drift: ..." }
 * ```
 */
export abstract class WfpsecError extends Error {
  /** The CLI's JSON `error.type`. */
  abstract readonly type: ErrorType;
  /** The object the failed operation concerned, if any. */
  readonly object?: ObjectRef;
  /** The engine status of the failed call, if any. */
  readonly wfp?: WfpCodeInfo;

  /** `message` is what the user reads; see WfpsecErrorOptions for the rest. */
  constructor(message: string, options: WfpsecErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    if (options.object) this.object = options.object;
    if (options.wfp) this.wfp = options.wfp;
  }

  /** The JSON `error` object (docs/cli-json.md); subclasses add members, never rename them. */
  toJson(): ErrorJson {
    const j: ErrorJson = { type: this.type, message: this.message };
    if (this.wfp) {
      j.wfpName = this.wfp.wfpName;
      j.wfpCode = this.wfp.wfpCode;
    }
    if (this.object) {
      j.object = { kind: this.object.kind, key: this.object.key ?? null, name: this.object.name ?? null };
    }
    return j;
  }
}

/** The JSON `error` object for anything thrown: a WfpsecError's own, else an internal `Error`. */
export function errorJson(e: unknown): ErrorJson {
  if (e instanceof WfpsecError) return e.toJson();
  return { type: "Error", message: e instanceof Error ? e.message : String(e) };
}

/** The engine status an error carries (a WfpError's, or the one an ApplyError wrapped), if any. */
export function wfpCodeOf(e: unknown): WfpCodeInfo | undefined {
  return e instanceof WfpsecError ? e.wfp : undefined;
}
