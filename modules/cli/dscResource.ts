/**
 * The `Wfpsec/IPsecPolicy` DSC v3 resource's instance: its JSON Schema (what `wfpsec dsc schema` prints and
 * DSC validates every input and output against), reading an instance from DSC's input, and the state and
 * diff lines the operations print. No engine here: `dscCommand.ts` computes the facts, this file words them.
 *
 * DSC's command-resource contract (learn.microsoft.com/powershell/dsc, resource manifest get/set/test/export
 * and whatIf): input is one compressed JSON object on stdin (or the `--input` argument); `get` prints the
 * actual state as one JSON line; `test` (`return: state`) one line with `_inDesiredState`; `set` with
 * `return: stateAndDiff` the state line and then a JSON array of the changed property names; `export` one
 * instance per line;
 * messages go to stderr as `{"error"|"warn"|"info"|"debug"|"trace": "text"}` lines.
 */
import { UsageError } from "../errors.ts";

/** The resource's fully qualified type name (DSC: `Owner[.Group]/Name`). */
export const DSC_RESOURCE_TYPE = "Wfpsec/IPsecPolicy";

/** The operations `wfpsec dsc` answers. */
export const DSC_OPERATIONS = ["get", "set", "test", "export", "schema"] as const;
export type DscOperation = typeof DSC_OPERATIONS[number];

/**
 * Exit codes: the manifest's `exitCodes` map says the same (DSC shows the text for a non-zero code). Each
 * failure also writes one `{"error": ...}` line on stderr.
 */
export const DSC_EXIT_CODES: Record<string, string> = {
  "0": "Success",
  "1": "Error: an unexpected failure (a bug); the error line on stderr says what",
  "2": "Invalid input: the instance JSON or the policy file it names is not valid; nothing changed",
  "3":
    "The filter engine failed the change (FWP_E_* named on stderr); the transaction was rolled back, nothing changed",
  "4": "Refused for safety (IKEEXT stopped, other IPsec policy overlapping, an unsafe file); nothing changed",
  "5": "Another wfpsec apply or remove holds this host's apply lock; nothing changed, try again",
};

/** The exit code for an error's JSON `type` (modules/errors.ts). */
export function dscExitCode(type: string): number {
  switch (type) {
    case "UsageError":
    case "PolicyError":
    case "SnapshotError":
      return 2;
    case "WfpError":
      return 3;
    case "SafetyError":
      return 4;
    case "LockBusyError":
      return 5;
    default:
      return 1;
  }
}

const RO = { readOnly: true } as const;

/** The instance schema (JSON Schema 2020-12): DSC validates input and output against it. */
export const DSC_INSTANCE_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: DSC_RESOURCE_TYPE,
  description:
    "The IPsec policy wfpsec keeps in force on this host: the policy file at `path`, applied to the Windows " +
    "Filtering Platform in one transaction. wfpsec owns one policy per host.",
  type: "object",
  additionalProperties: false,
  properties: {
    path: {
      type: "string",
      minLength: 1,
      description:
        "The policy file (YAML or JSON), absolute path recommended; needed unless _exist is false.",
    },
    _exist: {
      type: "boolean",
      default: true,
      description:
        "true: the policy at `path` is in force, exactly. false: nothing of wfpsec's is in the engine (set " +
        "removes wfpsec's policy, whichever it is; `path` is not read).",
    },
    _inDesiredState: {
      type: ["boolean", "null"],
      ...RO,
      description: "test: whether the host is in the desired state; null from get and set.",
    },
    force: {
      type: "boolean",
      writeOnly: true,
      description: "set: apply although IKEEXT is not running (as `wfpsec apply --force`).",
    },
    allowCoexist: {
      type: "boolean",
      writeOnly: true,
      description: "set: apply although other providers' IPsec policy overlaps this policy's traffic.",
    },
    policyName: {
      type: ["string", "null"],
      ...RO,
      description: "The name of the wfpsec policy in force (null: none).",
    },
    inSync: {
      type: ["boolean", "null"],
      ...RO,
      description:
        "The engine matches the desired state exactly (the plan has no change); null where unknown (export).",
    },
    changes: {
      type: "array",
      items: { type: "string" },
      ...RO,
      description:
        "The plan in the policy's words: get/test, what set would change; set, what it changed; whatIf, " +
        "what it would change.",
    },
    simulated: {
      type: "boolean",
      ...RO,
      description: "The engine is the fwpsim simulator (a test double), not a live Windows engine.",
    },
    _metadata: {
      type: "object",
      description:
        "Context DSC may pass in (ignored); from set --what-if, `whatIf`: the plan's lines, which DSC shows " +
        "in the result's metadata.",
    },
  },
} as const;

/** The properties the desired state may carry (the rest are read-only). */
const WRITABLE = ["path", "_exist", "force", "allowCoexist"] as const;
const READ_ONLY = ["_inDesiredState", "policyName", "inSync", "changes", "simulated"] as const;
/** Properties DSC itself may add to an instance (its context); accepted and ignored. */
const DSC_CONTEXT = ["_metadata"] as const;

/** A desired state as DSC sent it. */
export interface DscDesired {
  path?: string;
  exist: boolean;
  force: boolean;
  allowCoexist: boolean;
}

/** An instance's state as get, test, set and export print it. */
export interface DscState {
  path?: string;
  _exist: boolean;
  _inDesiredState: boolean | null;
  policyName: string | null;
  inSync: boolean | null;
  changes: string[];
  simulated: boolean;
  /** set --what-if: the plan's lines again, for DSC's result metadata (`whatIf`). */
  _metadata?: { whatIf: string[] };
}

/** The nearest writable property name to a misspelt one (case or one typo), for the error message. */
function nearest(name: string): string | undefined {
  const all = [...WRITABLE, ...READ_ONLY] as readonly string[];
  const lower = name.toLowerCase();
  return all.find((p) => p.toLowerCase() === lower) ??
    all.find((p) => p.length === name.length && [...p].filter((c, i) => c !== name[i]).length === 1);
}

/**
 * Reads DSC's input: one JSON object with the instance schema's properties. Bad input is a UsageError that
 * names the property (exit 2), raised before the engine is opened. `requirePath`: get, test and set need
 * `path` unless `_exist` is false.
 */
export function parseDscInput(text: string, requirePath: boolean): DscDesired {
  const where = "the DSC instance JSON";
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    throw new UsageError(
      `${where} must be an object like {"path":"C:\\\\ProgramData\\\\wfpsec\\\\policy.yaml"}`,
    );
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if ([...WRITABLE, ...READ_ONLY, ...DSC_CONTEXT].includes(k as never)) continue;
    const n = nearest(k);
    throw new UsageError(
      `${where}: unknown property '${k}'${n ? `; did you mean '${n}'?` : ""} (properties: ${
        WRITABLE.join(", ")
      })`,
    );
  }
  const bool = (k: string, dflt: boolean) => {
    if (o[k] === undefined) return dflt;
    if (typeof o[k] !== "boolean") {
      throw new UsageError(`${where}: '${k}' must be true or false, not ${JSON.stringify(o[k])}`);
    }
    return o[k] as boolean;
  };
  const exist = bool("_exist", true);
  let path: string | undefined;
  if (o.path !== undefined) {
    if (typeof o.path !== "string" || !o.path.length) {
      throw new UsageError(
        `${where}: 'path' must be a non-empty string (the policy file), not ${JSON.stringify(o.path)}`,
      );
    }
    path = o.path;
  }
  if (requirePath && exist && path === undefined) {
    throw new UsageError(`${where}: 'path' (the policy file) is required unless '_exist' is false`);
  }
  return { path, exist, force: bool("force", false), allowCoexist: bool("allowCoexist", false) };
}

/** A plan change in the policy's words: `add filter "corp v4 out" (rules/corp/v4/out): not in the engine`. */
export function changeLine(
  c: { action: string; kind: string; name: string; path?: string; reason: string },
): string {
  return `${c.action} ${c.kind} "${c.name}"${c.path ? ` (${c.path})` : ""}: ${c.reason}`;
}

/** At most this many change lines in an instance (a 50,000-filter plan stays readable and small). */
export const DSC_MAX_CHANGES = 100;

/** The plan's changes as lines, the first DSC_MAX_CHANGES and then how many more there are. */
export function changeLines(
  changes: readonly { action: string; kind: string; name: string; path?: string; reason: string }[],
): string[] {
  const lines = changes.slice(0, DSC_MAX_CHANGES).map(changeLine);
  if (changes.length > DSC_MAX_CHANGES) {
    lines.push(`... and ${changes.length - DSC_MAX_CHANGES} more change(s): wfpsec plan FILE lists them all`);
  }
  return lines;
}

/** The instance properties whose values differ between two states (the diff line of stateAndDiff). */
export function differingProperties(a: DscState, b: DscState): string[] {
  const keys = ["_exist", "policyName", "inSync"] as const;
  return keys.filter((k) => a[k] !== b[k]);
}

/**
 * The properties out of the desired state (test's `_inDesiredState` is whether there are none). `_exist`
 * when presence differs; `inSync` when the policy is there but the engine does not match the file (drift,
 * or another policy in force).
 */
export function outOfDesiredState(desired: DscDesired, actual: DscState): string[] {
  if (desired.exist !== actual._exist) return ["_exist"];
  return desired.exist && !actual.inSync ? ["inSync"] : [];
}

/** One compact JSON line, as DSC reads stdout. */
export function jsonLine(v: unknown): string {
  return JSON.stringify(v) + "\n";
}

/** One stderr message line in the form DSC parses (its level is the key). */
export function messageLine(level: "error" | "warn" | "info" | "debug" | "trace", text: string): string {
  return JSON.stringify({ [level]: text }) + "\n";
}
