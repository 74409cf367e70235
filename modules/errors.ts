/**
 * The errors several concepts raise, on the one base class `WfpsecError` (ffi/wfpsecError.ts, re-exported
 * here). Each error's `type` is the CLI's JSON `error.type` (docs/cli-json.md); errors of one concept live in
 * its folder (PolicyError in policy/, LockBusyError and ManualSaError in apply/).
 * Engine failures keep the engine's FWP_E_* name and code; apply failures also name the object that failed.
 */
import { ERRORS } from "../ffi/constants.ts";
import {
  type ErrorJson,
  type ErrorType,
  type ObjectRef,
  type WfpCodeInfo,
  WfpsecError,
} from "../ffi/wfpsecError.ts";

export {
  type ErrorJson,
  errorJson,
  type ErrorType,
  type ObjectRef,
  type WfpCodeInfo,
  wfpCodeOf,
  WfpsecError,
  type WfpsecErrorOptions,
} from "../ffi/wfpsecError.ts";
export { WfpError } from "../ffi/errors.ts";

/** Bad command line: unknown option, missing argument. */
export class UsageError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "UsageError";
}

/** A refused, unsafe situation (e.g. a policy file non-administrators can write, used while elevated). */
export class SafetyError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "SafetyError";
}

/** Where in a snapshot file a problem is (1-based line and column, in UTF-16 code units). */
export interface SnapshotLocation {
  /** The snapshot file. */
  file: string;
  /** 1-based line, when the problem has a position. */
  line?: number;
  /** 1-based column, when the problem has a position. */
  column?: number;
  /** The element (XML: `wfpstate/filters/item[3]/filterKey`) or field (JSON: `filters[2].filterKey`). */
  element?: string;
}

/** A snapshot that cannot be read, or an attempt to change one. */
export class SnapshotError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "SnapshotError";
  /** `message`; `location` where the file is malformed, when known. */
  constructor(message: string, readonly location?: SnapshotLocation) {
    super(message);
  }
  /** The JSON error with `location` (file, line, column, element) when known. */
  override toJson(): ErrorJson & { location?: SnapshotLocation } {
    return this.location ? { ...super.toJson(), location: this.location } : super.toJson();
  }
}

/** A policy feature this version cannot apply: JSON type PolicyError, like validation failures (no diagnostics). */
export class UnsupportedPolicyError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "PolicyError";
}

/** An engine call failed during apply or remove; nothing was committed. JSON type WfpError. */
export class ApplyError extends WfpsecError {
  /** The CLI's JSON `error.type`: WfpError, like the FFI engine's own failures. */
  override readonly type: ErrorType = "WfpError";
  /** Wraps a failed engine call: `object` is what it was about, `wfp` its FWP_E_* status if any. */
  constructor(
    message: string,
    object: ObjectRef | undefined,
    wfp: WfpCodeInfo | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, { ...options, object, wfp });
  }
}

/** Human one-liner for an FWP_E_* code: `FWP_E_ALREADY_EXISTS (0x80320009): The object already exists.` */
export function describeWfp(info: WfpCodeInfo): string {
  const msg = ERRORS[info.wfpName]?.message;
  return `${info.wfpName} (${info.wfpCode})${msg ? ": " + msg : ""}`;
}

/**
 * A secret reference could not be resolved (variable unset, file unreadable, wrong key length): JSON type
 * PolicyError, as docs/cli-json.md gives it, since the policy cannot be applied as written. When the loader
 * recorded where the policy file writes the reference, its one diagnostic names that place (file:line,
 * field), never the object's GUID. Raised by plan/ (secrets, host key); re-exported there.
 */
export class SecretError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "PolicyError";
  /** Where the policy file writes the reference, as a policy diagnostic (the CLI prints file:line:col). */
  readonly diagnostics?: {
    file: string;
    line: number;
    column: number;
    path: string;
    code: string;
    message: string;
    severity: "error";
  }[];
  constructor(message: string, diagnostic?: NonNullable<SecretError["diagnostics"]>[number]) {
    super(message);
    if (diagnostic) this.diagnostics = [diagnostic];
  }

  /** The JSON `error` object, with `diagnostics` after the message when the place is known. */
  override toJson(): ErrorJson {
    const { type, message, ...rest } = super.toJson();
    return this.diagnostics
      ? { type, message, diagnostics: this.diagnostics, ...rest }
      : { type, message, ...rest };
  }
}
