/**
 * What the commands share: opening the engine the options ask for, loading and compiling a policy file,
 * the apply lock, output files and diagnostics. Heavy modules are imported lazily, inside each helper, so a
 * command loads only what it uses.
 */
import type { Output, Values } from "./command.ts";

/**
 * Writes an `-o` output file. A folder that does not exist or refuses the write is the caller's mistake, not
 * an internal error: it is a UsageError naming the file and the reason, and nothing is written.
 */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    Deno.writeTextFileSync(file, text);
  } catch (e) {
    const { UsageError } = await import("../errors.ts");
    if (e instanceof Deno.errors.NotFound) {
      throw new UsageError(`cannot write ${file}: its folder does not exist (create it first)`);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(`cannot write ${file}: permission denied`);
    }
    if (e instanceof Deno.errors.IsADirectory) {
      throw new UsageError(`cannot write ${file}: it is a folder; give a file name`);
    }
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** The simulator was asked for on the command line (`--engine sim`), see elevatedWindows. */
let simulatorChosen = false;

/** Records the options of this run that decide how input files are read (cli.ts, before the command). */
export function useCommandLine(v: Values): void {
  simulatorChosen = v.engine === "sim";
}

/** True on Windows when this process is elevated or SYSTEM (modules/host/safety.ts). */
async function elevatedWindows(): Promise<boolean> {
  if (Deno.build.os !== "windows") return false;
  return await (await import("../host/safety.ts")).isElevatedWindows();
}

/**
 * Whether input files are checked admin-only and read through the checked handle: on Windows when elevated
 * or SYSTEM, because what they name is applied to the system's engine. Against the simulator nothing reaches
 * BFE, so inputs are read as anywhere else: `--engine sim` (an elevated run takes the engine from the command
 * line only, never from the environment), or a host whose System32 fwpuclnt.dll is fwpsim (the Wine tier's
 * test rig; replacing a System32 file takes more rights than the check guards).
 */
async function strictInputs(): Promise<boolean> {
  if (simulatorChosen || !(await elevatedWindows())) return false;
  if (systemIsSimulator === undefined) {
    const { resolveLibrary } = await import("../../ffi/library.ts");
    const { isFwpsim } = await import("../../ffi/fwpsim.ts");
    systemIsSimulator = isFwpsim(resolveLibrary().path);
  }
  return !systemIsSimulator;
}
let systemIsSimulator: boolean | undefined;

/** Checks `path` admin-only on elevated Windows runs (modules/host/safety.ts); elsewhere does nothing. */
export async function checkSafePath(path: string | undefined, what: string): Promise<void> {
  if (!path || !(await strictInputs())) return;
  const { resolve } = await import("node:path");
  await (await import("../host/safety.ts")).checkAdminOnlyFile(resolve(path), what);
}

/**
 * Reads an input file. On elevated Windows runs the file is checked admin-only and read through the handle
 * the check examined, so it cannot be swapped in between; `limit` bounds what is read there.
 */
export async function readSafeFile(path: string, what: string, limit: number): Promise<Uint8Array> {
  if (await strictInputs()) {
    const { resolve } = await import("node:path");
    return (await (await import("../host/safety.ts")).checkAdminOnlyFile(resolve(path), what, limit))!;
  }
  return Deno.readFileSync(path);
}

export async function openEngine(v: Values, out: Output, allowState: boolean) {
  const { UsageError } = await import("../errors.ts");
  const state = allowState ? v.state as string | undefined : undefined;
  if (v["sim-state"] && state) throw new UsageError("--sim-state and --state exclude each other");
  let stateBytes: Uint8Array | undefined;
  if (state && (await strictInputs())) {
    const { MAX_SNAPSHOT_BYTES } = await import("../engine/snapshot/mod.ts");
    stateBytes = await readSafeFile(state, "snapshot", MAX_SNAPSHOT_BYTES);
  }
  const { requestedKind, selectEngine } = await import("../engine/select.ts");
  // The scheduled task (apply --if-drifted) and elevated Windows runs take the engine from the command line
  // only: an environment variable must not turn a real apply into a simulated one (selectEngine.ts).
  let ignoreEnvironment = Boolean(v["if-drifted"]);
  if (!ignoreEnvironment) ignoreEnvironment = await elevatedWindows();
  const req = {
    engine: v.engine as string | undefined,
    simState: v["sim-state"] as string | undefined,
    state,
    stateBytes,
    ignoreEnvironment,
    snapshotOption: allowState,
  };
  // Without a state file fwpsim keeps its objects in memory and drops them at exit: apply would seem to work
  // and the next plan would show everything to add again. Every command here reads or changes that state.
  if (requestedKind(req) === "sim" && !req.simState && !Deno.env.get("FWPSIM_STATE")) {
    throw new UsageError(
      `the simulator needs --sim-state FILE (or FWPSIM_STATE) to keep state between runs: ` +
        `without it every run starts from an empty engine`,
    );
  }
  const engine = await selectEngine(req);
  if (engine.info.simulated && !out.json) {
    const what = engine.info.kind === "snapshot" ? "OFFLINE SNAPSHOT" : "SIMULATOR";
    out.err(`wfpsec: ${what}: ${engine.info.description} - not a live Windows engine.`);
  }
  return engine;
}

/**
 * Runs `fn` holding this host's apply lock (modules/apply/lock.ts): one apply or remove at a time. While an
 * `apply --confirm-within` awaits confirmation every command that changes the engine is refused here
 * (modules/apply/armed.ts), except `confirm` and `revert`, which end the wait.
 */
export async function underApplyLock<T>(
  engine: import("../engine/mod.ts").Engine,
  v: Values,
  out: Output,
  command: string,
  fn: () => T,
): Promise<T> {
  const { applyLockPath, withApplyLock } = await import("../apply/lock.ts");
  const { armedRecordPath, refuseWhileArmed } = await import("../apply/armed.ts");
  const simState = (v["sim-state"] as string | undefined) ?? Deno.env.get("FWPSIM_STATE");
  const path = applyLockPath(engine.info.kind, simState);
  // How long to wait for another apply: WFPSEC_LOCK_TIMEOUT_MS (milliseconds), default 60 s.
  const wait = Number(Deno.env.get("WFPSEC_LOCK_TIMEOUT_MS"));
  const timeoutMs = Number.isFinite(wait) && wait >= 0 ? Math.min(wait, 600_000) : undefined;
  return withApplyLock(path, {
    command,
    timeoutMs,
    onStale: (m) => out.err(`wfpsec ${command}: warning: ${m}`),
  }, () => {
    if (path && command !== "confirm" && command !== "revert") {
      refuseWhileArmed(armedRecordPath(path), command);
    }
    return fn();
  });
}

export interface Loaded {
  graph: import("../graph/mod.ts").ObjectGraph;
  /** The validated model the graph was compiled from (report's policy matrix). */
  policy: import("../model/mod.ts").Policy;
  name: string;
  file: string;
  warnings: Record<string, unknown>[];
  /** Rules and tunnels that require IPsec, so IKEEXT (modules/host/services.ts). */
  ikeextDependents: string[];
  /** The validated rules, in the file's order (plan's precedence order: policy/precedence.ts; the lock-out
   * guard, modules/cli/lockoutGuard.ts). */
  rules: import("../model/mod.ts").Rule[];
  /** The decoded policy text (for positions the loader did not keep: lockoutGuard.ts). */
  text: string;
}

/** Policy files larger than this are refused before they are read on elevated runs (64 MiB). */
const MAX_POLICY_FILE_BYTES = 64 * 1024 * 1024;
/** Key files (pre-shared keys, manual SA keys) are small; anything past 1 MiB is not a key file. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** The policy of this run once loaded (for failure documents of apply --if-drifted). */
let lastPolicy: { name: string; file: string } | undefined;

/** The policy file this run loaded, if any (for apply --if-drifted's failure document). */
export function loadedPolicy(): { name: string; file: string } | undefined {
  return lastPolicy;
}

export async function loadGraph(file: string): Promise<Loaded> {
  const { UsageError } = await import("../errors.ts");
  let bytes: Uint8Array;
  try {
    bytes = await readSafeFile(file, "policy file", MAX_POLICY_FILE_BYTES);
  } catch (e) {
    if (e instanceof Error && "type" in e && e.type === "SafetyError") throw e;
    throw new UsageError(`cannot read policy file ${file}: ${(e as Error).message}`);
  }
  const { decodePolicyBytes } = await import("../policy/decode.ts");
  const text = decodePolicyBytes(bytes, file); // UTF-8 or UTF-16 with BOM; else a located PolicyError
  // The files themselves, not the folders' mod.ts: those also load npm:yaml (export, templates), ~45 ms,
  // which a policy the fast reader reads never needs (modules/policy/yamlDoc.ts).
  const { loadPolicyLazily } = await import("../policy/load.ts");
  const { compilePolicy } = await import("../compiler/compile.ts");
  const { policy, warnings } = await loadPolicyLazily(text, file);
  const graph = compilePolicy(policy);
  // Key files: relative to the policy's folder, and as admin-only as the policy (modules/host/secretFiles.ts).
  // Only a policy with key files loads secretFiles.ts (node:path brings Deno's Node layer, ~20 ms).
  if (Object.values(graph.secrets).some((r) => r.file !== undefined)) {
    const { anchorSecretFiles } = await import("../host/secretFiles.ts");
    const keyFiles = anchorSecretFiles(graph, file);
    if (await strictInputs()) {
      // Checked and read through one handle each; planning then takes them from here (plan/secrets.ts).
      const checked = new Map<string, string>();
      const dec = new TextDecoder("utf-8", { fatal: false });
      for (const k of keyFiles) {
        checked.set(k, dec.decode(await readSafeFile(k, "key file", MAX_KEY_FILE_BYTES)));
      }
      (await import("../plan/secrets.ts")).useCheckedSecretFiles(checked);
    }
  }
  lastPolicy = { name: policy.name, file };
  const { ikeextDependents } = await import("../host/services.ts");
  return {
    graph,
    policy,
    name: policy.name,
    file,
    warnings: warnings as unknown as Record<string, unknown>[],
    ikeextDependents: ikeextDependents(policy),
    rules: policy.rules,
    text,
  };
}

/** A policy diagnostic as the JSON contract gives it (docs/cli-json.md). */
export function diagnosticJson(d: Record<string, unknown>, file: string) {
  return {
    file: d.file ?? file,
    line: d.line ?? null,
    column: d.column ?? d.col ?? null,
    path: d.path ?? null,
    message: d.message ?? "",
    code: d.code ?? null,
    severity: d.severity ?? "error",
  };
}

/** Prints a loaded policy's warnings (weak crypto, ...) on stderr as file:line:col, unless the output is JSON. */
export function printWarnings(loaded: Loaded, out: Output): ReturnType<typeof diagnosticJson>[] {
  // An unset secret variable is validate's warning; plan and apply read the key and fail on it, located.
  const warnings = loaded.warnings.filter((d) => d.code !== "secret-unset").map((d) =>
    diagnosticJson(d, loaded.file)
  );
  if (!out.json) {
    for (const d of warnings) out.err(diagnosticLine(d));
  }
  return warnings;
}

export async function head(command: string, engine?: import("../engine/mod.ts").Engine) {
  const { jsonHead } = await import("../render/render.ts");
  return jsonHead(command, engine?.info);
}

export async function providerKey(): Promise<string> {
  const { WFPSEC_PROVIDER_KEY } = await import("../compiler/keys.ts");
  return WFPSEC_PROVIDER_KEY;
}

/** A diagnostic in the human form docs/cli-json.md gives: `file:line:col: severity: message [code] (at path)`. */
export function diagnosticLine(d: Record<string, unknown>): string {
  return `${d.file}:${d.line}:${d.column ?? d.col}: ${d.severity ?? "error"}: ${d.message}${
    d.code ? ` [${d.code}]` : ""
  }${d.path ? ` (at ${d.path})` : ""}`;
}
