/** Errors of the importers: a malformed `reg export` file or [MS-GPFAS] rule string, located. */
import { type ErrorType, WfpsecError } from "../errors.ts";

/** Where an import input is malformed: file, 1-based line, and the value or field when known. */
export interface ImportLocation {
  /** The input file. */
  file: string;
  /** 1-based line of the file. */
  line: number;
  /** The registry value name, and the rule-string field (`Auth1Set`), when known. */
  field?: string;
}

/** Malformed import input; nothing is written. JSON type PolicyError; the message names file and line (docs/cli-json.md's members only), `location` is for callers. */
export class ImportError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "PolicyError";
  /** `message` (already naming file and line) and where the problem is. */
  constructor(message: string, readonly location: ImportLocation) {
    super(`${location.file}:${location.line}${location.field ? ` (${location.field})` : ""}: ${message}`);
  }
}
