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

/** The engine the options ask for, as engine/select.ts takes it (nothing opened). */
async function engineRequest(v: Values, allowState: boolean) {
  const state = allowState ? v.state as string | undefined : undefined;
  // The scheduled task (apply --if-drifted) and elevated Windows runs take the engine from the command line
  // only: an environment variable must not turn a real apply into a simulated one (selectEngine.ts).
  let ignoreEnvironment = Boolean(v["if-drifted"]);
  if (!ignoreEnvironment) ignoreEnvironment = await elevatedWindows();
  return {
    engine: v.engine as string | undefined,
    simState: v["sim-state"] as string | undefined,
    state,
    ignoreEnvironment,
    snapshotOption: allowState,
  };
}

/**
 * How a command that compares a policy with an engine resolves address keywords: from the interfaces of the
 * engine kind its options select (modules/host/interfaces.ts). Asked for only when the policy has keywords.
 */
export function hostAddressing(v: Values, allowState: boolean, takesOption = true): HostAddressing {
  return async (uses) => {
    const { requestedKind } = await import("../engine/select.ts");
    const kind = requestedKind(await engineRequest(v, allowState));
    const { hostInterfaces, MAX_FIXTURE_BYTES } = await import("../host/interfaces.ts");
    const read = (path: string) => readSafeFile(path, "interface fixture", MAX_FIXTURE_BYTES);
    return hostInterfaces({ kind, file: v.interfaces as string | undefined, uses, takesOption, read });
  };
}

/** Gives the host's interfaces for the keywords listed ("rule 'web' remote dns"). */
export type HostAddressing = (uses: string[]) => Promise<import("../host/interfaces.ts").HostInterfaces>;

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
  const req = { ...(await engineRequest(v, allowState)), stateBytes };
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

/** A policy file read and validated, not compiled (address keywords not resolved). */
export interface LoadedPolicy {
  policy: import("../model/mod.ts").Policy;
  name: string;
  file: string;
  warnings: Record<string, unknown>[];
  /** Rules and tunnels that require IPsec, so IKEEXT (modules/host/services.ts). */
  ikeextDependents: string[];
  /** The address keywords the policy uses ("rule 'web' remote dns"); resolved by loadGraph. */
  keywordUses: string[];
  /** The decoded policy text (for positions the loader did not keep: the lock-out guard, lockoutGuard.ts). */
  text: string;
}

/** A policy compiled for this host. */
export interface Loaded extends LoadedPolicy {
  graph: import("../graph/mod.ts").ObjectGraph;
  /** The validated model the graph was compiled from, address keywords resolved (report's policy matrix). */
  policy: import("../model/mod.ts").Policy;
  /** The validated rules (plan's precedence order: model/overlaps.ts), address keywords resolved. */
  rules: import("../model/mod.ts").Rule[];
  /** What each address keyword resolved to (empty without keywords). */
  resolved: import("../compiler/hostAddresses.ts").KeywordResolution[];
  /** Where the interfaces came from ("GetAdaptersAddresses", "interface fixture FILE"), with keywords. */
  interfacesSource?: string;
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

/** Reads and validates a policy file (no compiling: `validate` and `doctor` need no host addresses). */
export async function loadPolicyFile(file: string): Promise<LoadedPolicy> {
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
  const { policy, warnings } = await loadPolicyLazily(text, file);
  lastPolicy = { name: policy.name, file };
  const { ikeextDependents } = await import("../host/services.ts");
  const { keywordUses } = await import("../compiler/hostAddresses.ts");
  return {
    policy,
    name: policy.name,
    file,
    warnings: warnings as unknown as Record<string, unknown>[],
    ikeextDependents: ikeextDependents(policy),
    keywordUses: keywordUses(policy),
    text,
  };
}

/**
 * Reads, validates and compiles a policy file. A policy with address keywords needs `host` (the engine's
 * interfaces, hostAddressing): they are resolved here, on every run, never cached.
 */
export async function loadGraph(file: string, host?: HostAddressing): Promise<Loaded> {
  return compileLoaded(await loadPolicyFile(file), host);
}

/** Compiles a read policy (loadGraph's second half), resolving its address keywords through `host`. */
export async function compileLoaded(read: LoadedPolicy, host?: HostAddressing): Promise<Loaded> {
  const file = read.file;
  const { compilePolicy } = await import("../compiler/compile.ts");
  let policy = read.policy, resolved: Loaded["resolved"] = [], interfacesSource: string | undefined;
  if (read.keywordUses.length) {
    if (!host) {
      const { UsageError } = await import("../errors.ts");
      throw new UsageError(
        `${file}: ${read.keywordUses.join(", ")}: address keywords are resolved at plan/apply from the ` +
          "host's adapters; this command cannot resolve them",
      );
    }
    const ifaces = await host(read.keywordUses);
    const { resolveAddressKeywords } = await import("../compiler/hostAddresses.ts");
    ({ policy, resolved } = resolveAddressKeywords(policy, ifaces.interfaces));
    interfacesSource = ifaces.source;
  }
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
  return {
    ...read,
    graph,
    policy,
    rules: policy.rules,
    resolved,
    ...(interfacesSource ? { interfacesSource } : {}),
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
export function printWarnings(loaded: LoadedPolicy, out: Output): ReturnType<typeof diagnosticJson>[] {
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

/** plan/apply JSON: `addressKeywords` (null without keywords), docs/cli-json.md. */
export function addressKeywordsJson(loaded: Loaded) {
  return {
    addressKeywords: loaded.interfacesSource
      ? { source: loaded.interfacesSource, resolved: loaded.resolved }
      : null,
  };
}

/** plan/apply text: what each keyword stood for on this run ("rule 'web': remote dns -> 10.0.0.53"). */
export async function addressKeywordsText(loaded: Loaded, out: Output): Promise<void> {
  if (!loaded.interfacesSource) return;
  const { resolutionText } = await import("../compiler/hostAddresses.ts");
  out.text(`Address keywords resolved from ${loaded.interfacesSource}:`);
  for (const r of loaded.resolved) out.text(`  ${resolutionText(r)}`);
}
