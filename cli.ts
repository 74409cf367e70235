/**
 * wfpsec command line: validate, plan, apply, remove, show, export, new, constants, doctor, sa, events, stats,
 * status, help.
 *
 * Start-up stays lean: nothing is imported eagerly; each command imports what it needs.
 * Output contract (docs/cli-json.md): with `--json` exactly one JSON object on stdout (schemaVersion 1);
 * human text otherwise; errors on stderr; exit 0 ok/in sync, 1 error, 2 `plan` found pending changes.
 * Whenever the engine is the simulator or a snapshot, the output says so (stderr banner / engine.simulated).
 */

/** wfpsec's version (also in deno.json). */
export const VERSION = "0.1.0";

type Opt = { type: "string" | "boolean"; short?: string; multiple?: boolean };
type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  summary: string;
  usage: string;
  details: string;
  options: Record<string, Opt>;
  positionals: [number, number];
  run(v: Values, pos: string[], out: Output): Promise<number>;
}

const ENGINE_OPTS: Record<string, Opt> = {
  engine: { type: "string" },
  "sim-state": { type: "string" },
};
const COMMON: Record<string, Opt> = { json: { type: "boolean" }, help: { type: "boolean", short: "h" } };

const ENGINE_HELP = `Engine options:
  --engine windows|sim   engine to use (env WFPSEC_ENGINE); default: windows on Windows, none elsewhere
  --sim-state PATH       fwpsim state file (sets FWPSIM_STATE); only with --engine sim, and needed
                         there (or FWPSIM_STATE) by every command but doctor: state is kept in it`;

/** Where output goes; remembers whether JSON was requested and the command name for error documents. */
class Output {
  constructor(readonly command: string, readonly json: boolean, readonly oneLine = false) {}
  doc(d: unknown): void {
    console.log(this.oneLine ? JSON.stringify(d) : JSON.stringify(d, null, 2));
  }
  text(s: string): void {
    console.log(s);
  }
  err(s: string): void {
    console.error(s);
  }
}

// ---- helpers (lazy-loading the heavy modules) ----

/**
 * Writes an `-o` output file. A folder that does not exist or refuses the write is the caller's mistake, not
 * an internal error: it is a UsageError naming the file and the reason, and nothing is written.
 */
async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    Deno.writeTextFileSync(file, text);
  } catch (e) {
    const { UsageError } = await import("./modules/errors.ts");
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

async function checkSafePath(path: string | undefined, what: string): Promise<void> {
  if (!path || Deno.build.os !== "windows") return;
  const { isElevatedWindows, assertAdminOnly } = await import("./modules/host/safety.ts");
  if (!isElevatedWindows()) return;
  const { resolve } = await import("node:path");
  assertAdminOnly(resolve(path), what);
}

async function openEngine(v: Values, out: Output, allowState: boolean) {
  const { UsageError } = await import("./modules/errors.ts");
  const state = allowState ? v.state as string | undefined : undefined;
  if (v["sim-state"] && state) throw new UsageError("--sim-state and --state exclude each other");
  await checkSafePath(v["sim-state"] as string | undefined, "simulator state file");
  await checkSafePath(state, "snapshot");
  const { requestedKind, selectEngine } = await import("./modules/engine/select.ts");
  // The scheduled task (apply --if-drifted) and elevated Windows runs take the engine from the command line
  // only: an environment variable must not turn a real apply into a simulated one (selectEngine.ts).
  let ignoreEnvironment = Boolean(v["if-drifted"]);
  if (!ignoreEnvironment && Deno.build.os === "windows") {
    ignoreEnvironment = (await import("./modules/host/safety.ts")).isElevatedWindows();
  }
  const req = {
    engine: v.engine as string | undefined,
    simState: v["sim-state"] as string | undefined,
    state,
    ignoreEnvironment,
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

/** Runs `fn` holding this host's apply lock (modules/apply/lock.ts): one apply or remove at a time. */
async function underApplyLock<T>(
  engine: import("./modules/engine/port.ts").Engine,
  v: Values,
  out: Output,
  command: string,
  fn: () => T,
): Promise<T> {
  const { applyLockPath, withApplyLock } = await import("./modules/apply/lock.ts");
  const simState = (v["sim-state"] as string | undefined) ?? Deno.env.get("FWPSIM_STATE");
  const path = applyLockPath(engine.info.kind, simState);
  // How long to wait for another apply: WFPSEC_LOCK_TIMEOUT_MS (milliseconds), default 60 s.
  const wait = Number(Deno.env.get("WFPSEC_LOCK_TIMEOUT_MS"));
  const timeoutMs = Number.isFinite(wait) && wait >= 0 ? Math.min(wait, 600_000) : undefined;
  return withApplyLock(path, {
    command,
    timeoutMs,
    onStale: (m) => out.err(`wfpsec ${command}: warning: ${m}`),
  }, fn);
}

/**
 * `events --follow` (modules/monitor/follow.ts): stdout gets the lines, stderr the operator messages;
 * SIGINT and SIGTERM (SIGBREAK on Windows, which has no SIGTERM) stop it with exit 0.
 */
async function followEvents(v: Values, out: Output, kinds: Set<number>, since: Date | undefined) {
  const { follow } = await import("./modules/monitor/follow.ts");
  const { eventLine } = await import("./modules/monitor/lines.ts");
  const { FailureResolver, failureContext } = await import("./modules/monitor/failures.ts");
  const m = await import("./modules/monitor/monitor.ts");
  // One resolver (filter id -> rule, cached) per session: a reconnect gets a fresh one.
  const resolvers = new WeakMap<object, InstanceType<typeof FailureResolver>>();
  const ac = new AbortController();
  const stop = () => ac.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT", "SIGBREAK"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  const enc = new TextEncoder();
  const write = (text: string) => {
    const bytes = enc.encode(text);
    for (let off = 0; off < bytes.length;) off += Deno.stdout.writeSync(bytes.subarray(off));
  };
  let first = true;
  try {
    return await follow({
      // The simulator banner once, not at every reconnect.
      open: () =>
        openEngine(v, first ? out : new Output(out.command, true), false).finally(() => first = false),
      json: out.json,
      kinds,
      since,
      render: (e, engine) => {
        let r = resolvers.get(engine);
        if (!r) resolvers.set(engine, r = new FailureResolver(engine));
        const base = m.netEventJson(e) as Record<string, unknown>;
        const json = { ...base, ...failureContext(e, base, r) };
        return { json, text: eventLine(e, json) };
      },
      write,
      warn: (msg) => out.err(msg),
      signal: ac.signal,
      probeMs: envMs("WFPSEC_FOLLOW_PROBE_MS"),
      retryMs: envMs("WFPSEC_FOLLOW_RETRY_MS"),
    });
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  }
}

/** A millisecond setting from the environment (tests shorten the follow loop's intervals), or undefined. */
function envMs(name: string): number | undefined {
  const n = Number(Deno.env.get(name));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 60_000) : undefined;
}

type Engine = import("./modules/engine/port.ts").Engine;

interface Loaded {
  graph: import("./modules/graph/graph.ts").ObjectGraph;
  name: string;
  file: string;
  warnings: Record<string, unknown>[];
}

/** The policy of this run once loaded (for failure documents of apply --if-drifted). */
let lastPolicy: { name: string; file: string } | undefined;

async function loadGraph(file: string): Promise<Loaded> {
  const { UsageError } = await import("./modules/errors.ts");
  await checkSafePath(file, "policy file");
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read policy file ${file}: ${(e as Error).message}`);
  }
  const { decodePolicyBytes } = await import("./modules/policy/decode.ts");
  const text = decodePolicyBytes(bytes, file); // UTF-8 or UTF-16 with BOM; else a located PolicyError
  const { loadPolicy } = await import("./modules/policy/mod.ts");
  const { compilePolicy } = await import("./modules/compiler/mod.ts");
  const { policy, warnings } = loadPolicy(text, file);
  const graph = compilePolicy(policy);
  // Key files: relative to the policy's folder, and as admin-only as the policy (modules/host/secretFiles.ts).
  const { anchorSecretFiles } = await import("./modules/host/secretFiles.ts");
  for (const keyFile of anchorSecretFiles(graph, file)) await checkSafePath(keyFile, "key file");
  lastPolicy = { name: policy.name, file };
  return { graph, name: policy.name, file, warnings: warnings as unknown as Record<string, unknown>[] };
}

/** A policy diagnostic as the JSON contract gives it (docs/cli-json.md). */
function diagnosticJson(d: Record<string, unknown>, file: string) {
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
function printWarnings(loaded: Loaded, out: Output): ReturnType<typeof diagnosticJson>[] {
  const warnings = loaded.warnings.map((d) => diagnosticJson(d, loaded.file));
  if (!out.json) {
    for (const d of warnings) out.err(diagnosticLine(d));
  }
  return warnings;
}

async function head(command: string, engine?: import("./modules/engine/port.ts").Engine) {
  const { jsonHead } = await import("./modules/render/render.ts");
  return jsonHead(command, engine?.info);
}

async function providerKey(): Promise<string> {
  const { WFPSEC_PROVIDER_KEY } = await import("./modules/compiler/mod.ts");
  return WFPSEC_PROVIDER_KEY;
}

// ---- commands ----

const COMMANDS: Record<string, Command> = {
  validate: {
    summary: "check a policy file; errors with file:line:col",
    usage: "wfpsec validate FILE [--json]",
    details: "Parses and validates FILE and compiles it (no engine needed). Exit 0 valid, 1 invalid.",
    options: {},
    positionals: [1, 1],
    async run(_v, [file], out) {
      const diagOf = (d: Record<string, unknown>) => diagnosticJson(d, file);
      try {
        const { graph, warnings: w } = await loadGraph(file);
        const warnings = w.map(diagOf);
        if (out.json) out.doc({ ...(await head("validate")), valid: true, file, errors: [], warnings });
        else {
          for (const d of warnings) out.err(diagnosticLine(d));
          out.text(
            `${file}: valid (${graph.filters.length} filters, ${graph.providerContexts.length} provider contexts, ${graph.tunnels.length} tunnels)`,
          );
        }
        return 0;
      } catch (e) {
        const diags = (e as { diagnostics?: Record<string, unknown>[] }).diagnostics;
        if (!Array.isArray(diags)) throw e;
        const all = diags.map(diagOf);
        const errors = all.filter((d) => d.severity !== "warning");
        const warnings = all.filter((d) => d.severity === "warning");
        for (const d of all) out.err(diagnosticLine(d));
        if (out.json) {
          out.doc({
            ...(await head("validate")),
            valid: false,
            file,
            errors,
            warnings,
            error: { type: "PolicyError", message: (e as Error).message, diagnostics: all },
          });
        }
        return 1;
      }
    },
  },

  plan: {
    summary: "show what apply would change (exit 0 in sync, 2 changes pending)",
    usage: "wfpsec plan FILE [--state SNAPSHOT] [--json] [engine options]",
    details: "Compares the policy with the objects wfpsec's provider owns in the engine (or in an offline\n" +
      "snapshot: a netsh wfp show state/filters XML dump or a wfpsec show --all --json file).\n" +
      "Exit 0 in sync, 2 changes pending, 1 error.",
    options: { ...ENGINE_OPTS, state: { type: "string" } },
    positionals: [1, 1],
    async run(v, [file], out) {
      const loaded = await loadGraph(file);
      const warnings = printWarnings(loaded, out);
      const engine = await openEngine(v, out, true);
      try {
        const { planGraph, publicChange } = await import("./modules/plan/plan.ts");
        const { replacedPolicy, replacesHeadline } = await import("./modules/plan/policyInForce.ts");
        const replaces = replacedPolicy(engine, await providerKey(), loaded.name);
        const plan = planGraph(loaded.graph, engine);
        const changes = plan.changes.map(publicChange);
        if (out.json) {
          out.doc({
            ...(await head("plan", engine)),
            policy: { name: loaded.name, file },
            replacesPolicy: replaces ?? null,
            warnings,
            inSync: plan.inSync,
            changes,
            summary: plan.summary,
          });
        } else {
          const { planText } = await import("./modules/render/render.ts");
          out.text(`Policy "${loaded.name}" (${file}) against ${engine.info.description}:`);
          if (replaces) out.text(`This plan ${replacesHeadline(replaces, loaded.name)}.`);
          out.text(planText(changes, plan.summary));
        }
        return plan.inSync ? 0 : 2;
      } finally {
        engine.close();
      }
    },
  },

  apply: {
    summary: "make the engine match the policy, in one transaction",
    usage: "wfpsec apply FILE [--if-drifted] [--json] [engine options]",
    details:
      "Plans, then runs every change in ONE engine transaction: on any failure nothing changes and the\n" +
      "error names the object and the FWP_E_* code. Re-applying an applied policy changes nothing.\n" +
      "--if-drifted: for scheduled tasks; prints exactly one JSON line (outcome applied, in-sync or failed)\n" +
      "and exits 0 when applied or in sync, 1 on failure.",
    options: { ...ENGINE_OPTS, "if-drifted": { type: "boolean" } },
    positionals: [1, 1],
    async run(v, [file], out) {
      const loaded = await loadGraph(file);
      const warnings = printWarnings(loaded, out);
      const engine = await openEngine(v, out, false);
      try {
        const { applyGraph } = await import("./modules/apply/apply.ts");
        const { publicChange } = await import("./modules/plan/plan.ts");
        const { replacedPolicy, replacesHeadline } = await import("./modules/plan/policyInForce.ts");
        const key = await providerKey();
        // Read under the lock, just before the apply: the policy this apply actually replaced.
        const { r, replaces } = await underApplyLock(engine, v, out, "apply", () => {
          const replaces = replacedPolicy(engine, key, loaded.name);
          return { replaces, r: applyGraph(engine, loaded.graph) };
        });
        const changes = r.plan.changes.map(publicChange);
        if (out.json) {
          out.doc({
            ...(await head("apply", engine)),
            policy: { name: loaded.name, file },
            replacesPolicy: replaces ?? null,
            warnings,
            outcome: r.outcome,
            changes,
            summary: r.plan.summary,
            durationMs: Math.round(r.durationMs * 10) / 10,
          });
        } else {
          const { planText } = await import("./modules/render/render.ts");
          if (r.outcome === "in-sync") {
            out.text(`Policy "${loaded.name}" is already in force: nothing to do.`);
          } else {
            if (replaces) out.text(`This apply ${replacesHeadline(replaces, loaded.name)}.`);
            out.text(planText(changes, r.plan.summary));
            const sas = r.plan.changes.filter((c) => c.kind === "manualSa").length;
            out.text(
              `Applied policy "${loaded.name}" in one transaction${
                sas ? ` plus ${sas} manual SA change(s)` : ""
              } (${r.durationMs.toFixed(1)} ms).`,
            );
          }
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  remove: {
    summary: "delete every object wfpsec's provider owns, and the provider",
    usage: "wfpsec remove [--json] [engine options]",
    details:
      "Deletes all filters, tunnels, provider contexts and sublayers owned by wfpsec's provider, then the\n" +
      "provider, in one transaction. Objects of other providers are never touched.",
    options: { ...ENGINE_OPTS },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const key = await providerKey();
      const engine = await openEngine(v, out, false);
      try {
        const { removeOwned } = await import("./modules/apply/apply.ts");
        const removed = await underApplyLock(engine, v, out, "remove", () => removeOwned(engine, key));
        if (out.json) out.doc({ ...(await head("remove", engine)), removed });
        else {
          const n = Object.values(removed).reduce((a, b) => a + b, 0);
          out.text(
            n
              ? `Removed ${removed.filters} filters, ${removed.tunnels} tunnels, ${removed.providerContexts} provider contexts, ${removed.sublayers} sublayers, ${removed.providers} provider${
                removed.saContexts ? `, ${removed.saContexts} manual SA contexts` : ""
              }.`
              : "Nothing of wfpsec's is in the engine.",
          );
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  show: {
    summary: "what is in force, decoded (ours by default, --all for every provider)",
    usage:
      "wfpsec show [--all] [--provider KEY|NAME] [--layer LAYER] [--state SNAPSHOT] [--json] [engine options]",
    details: "Lists providers, sublayers, provider contexts and filters with symbolic names for layers,\n" +
      "callouts and providers, and each filter's conditions decoded (remote 10.0.0.0/8 udp/53).\n" +
      "`wfpsec show --all --json > snap.json` makes an offline snapshot.\n" +
      "Pre-shared keys are never shown.\n\n" +
      "Options:\n" +
      "  --all                  every provider's objects, with a PROVIDER column (name, or key when unnamed)\n" +
      "  --provider KEY|NAME    only this provider's objects (key, display name or FWPM_PROVIDER_* name)\n" +
      "  --layer LAYER          only the filters at LAYER (FWPM_LAYER_IKEEXT_V4 or IKEEXT_V4, any case, or\n" +
      "                         the layer GUID), with the providers, sublayers and contexts they use\n" +
      'When nothing of wfpsec\'s is in force, says so (JSON: empty lists and "empty": true).',
    options: {
      ...ENGINE_OPTS,
      state: { type: "string" },
      all: { type: "boolean" },
      layer: { type: "string" },
      provider: { type: "string" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const sel = await import("./modules/render/showSelect.ts");
      // A misspelt layer is refused before the engine is opened.
      const layer = v.layer !== undefined ? sel.resolveLayer(v.layer as string) : undefined;
      const engine = await openEngine(v, out, true);
      try {
        const wide = Boolean(v.all || v.provider !== undefined);
        let found: import("./modules/render/showSelect.ts").Shown;
        const registered = engine.enumProviders();
        if (wide) {
          found = {
            providers: registered,
            sublayers: engine.enumSublayers(),
            providerContexts: engine.enumProviderContexts(),
            filters: engine.enumFilters(),
          };
        } else {
          const key = await providerKey();
          const p = engine.getProvider(key);
          found = {
            providers: p ? [p] : [],
            sublayers: engine.enumSublayers({ providerKey: key }),
            providerContexts: engine.enumProviderContexts({ providerKey: key }),
            filters: engine.enumFilters({ providerKey: key }),
          };
        }
        const provider = v.provider !== undefined
          ? sel.resolveProvider(v.provider as string, registered)
          : undefined;
        const shown = sel.selectShown(found, { layer, provider });
        const { providers, sublayers, providerContexts, filters } = shown;
        const empty = !providers.length && !sublayers.length && !providerContexts.length && !filters.length;
        const nameOf = (k: string | undefined) => sel.providerName(k, registered);
        const r = await import("./modules/render/render.ts");
        if (out.json) {
          const selection: Record<string, import("./modules/render/render.ts").Json> = {};
          if (layer) selection.layer = { layerKey: layer.key, layer: layer.name ?? null };
          if (provider) {
            selection.provider = { providerKey: provider.key, providerName: provider.name ?? null };
          }
          const named = (o: import("./modules/render/render.ts").Json, k: string | undefined) =>
            r.withProviderName(o, nameOf(k));
          out.doc({
            ...r.jsonHead("show", engine.info),
            scope: wide ? "all" : "ours",
            ...(layer || provider ? { selection } : {}),
            empty,
            providers: providers.map(r.providerJson),
            sublayers: sublayers.map((s) => named(r.sublayerJson(s), s.providerKey)),
            providerContexts: providerContexts.map((c) => named(r.providerContextJson(c), c.providerKey)),
            filters: filters.map((f) => named(r.filterJson(f), f.providerKey)),
          });
        } else if (empty) {
          const what = layer || provider
            ? `Nothing ${wide ? "" : "of wfpsec's "}in force matches${
              provider ? ` --provider ${v.provider}` : ""
            }${layer ? ` --layer ${layer.name ?? layer.key}` : ""}`
            : wide
            ? "Nothing is in force"
            : "Nothing of wfpsec's is in force";
          out.text(`${what} in ${engine.info.description}.`);
        } else {
          out.text(`${wide ? "All objects" : "wfpsec's objects"} in ${engine.info.description}:\n`);
          out.text(r.showText(shown, wide ? (k) => nameOf(k) ?? k ?? "-" : undefined));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  export: {
    summary: "write the policy in force back as a policy file",
    usage: "wfpsec export [-o FILE] [--format yaml|json] [--state SNAPSHOT] [--json] [engine options]",
    details:
      "Decodes wfpsec's objects into a policy document that plans to no change. Secrets come back as\n" +
      "their references (environment variable or file), never as values.",
    options: {
      ...ENGINE_OPTS,
      state: { type: "string" },
      output: { type: "string", short: "o" },
      format: { type: "string" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("./modules/errors.ts");
      const format = (v.format as string | undefined) ?? "yaml";
      if (format !== "yaml" && format !== "json") {
        throw new UsageError(`--format must be yaml or json, not ${format}`);
      }
      const key = await providerKey();
      const engine = await openEngine(v, out, true);
      try {
        const { ownedGraph } = await import("./modules/plan/owned.ts");
        const graph = ownedGraph(engine, key);
        if (!graph) {
          throw new UsageError(`nothing to export: wfpsec's provider is not in ${engine.info.description}`);
        }
        const compiler = await import("./modules/compiler/mod.ts");
        const document = compiler.decompile(graph);
        const text = format === "yaml"
          ? compiler.documentToYaml(document)
          : JSON.stringify(document, null, 2) + "\n";
        const file = v.output as string | undefined;
        if (file) await writeOutputFile(file, text);
        if (out.json) {
          out.doc({
            ...(await head("export", engine)),
            policy: document as unknown,
            ...(file ? { file } : {}),
          });
        } else if (file) out.err(`wrote ${file}`);
        else Deno.stdout.writeSync(new TextEncoder().encode(text));
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  new: {
    summary: "write a policy from an isolation template",
    usage:
      "wfpsec new --kind domain|server|boundary|encryption [--name N] [--remote ADDR,..] [--exempt SPEC,..]\n" +
      "           [--auth kerberos|certificate:<CA DN>|psk-env:<VAR>] [--crypto <mm>/<qm>] [-o FILE [--force]] [--json]",
    details: "Expands an isolation template into a policy file (YAML) on stdout or to FILE.",
    options: {
      kind: { type: "string" },
      name: { type: "string" },
      remote: { type: "string" },
      exempt: { type: "string" },
      auth: { type: "string" },
      crypto: { type: "string" },
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("./modules/errors.ts");
      const existsSync = (f: string) => {
        try {
          Deno.lstatSync(f);
          return true;
        } catch {
          return false;
        }
      };
      const kind = v.kind as string | undefined;
      if (!kind) throw new UsageError("--kind is required (domain, server, boundary or encryption)");
      const t = await import("./modules/policy/mod.ts");
      const { kind: k, params } = t.parseTemplateArgs({
        kind,
        name: v.name as string | undefined,
        remote: v.remote as string | undefined,
        exempt: v.exempt as string | undefined,
        auth: v.auth as string | undefined,
        crypto: v.crypto as string | undefined,
      });
      const text = t.newPolicyDocument(k, params);
      const document = t.expandTemplate(k, params);
      const file = v.output as string | undefined;
      // An admin's edited policy file is never overwritten by accident: -o refuses an existing file without --force.
      if (file && !v.force && existsSync(file)) {
        throw new UsageError(`${file} already exists: pass --force to overwrite it`);
      }
      if (file) await writeOutputFile(file, text);
      if (out.json) {
        out.doc({ ...(await head("new")), policy: document as unknown, ...(file ? { file } : {}) });
      } else if (file) out.err(`wrote ${file}`);
      else Deno.stdout.writeSync(new TextEncoder().encode(text));
      return 0;
    },
  },

  constants: {
    summary: "every GUID, enum, flag and error code wfpsec knows",
    usage: "wfpsec constants [--json]",
    details: "Prints the constants table (the one ffi/constants.ts) with symbolic names and values.",
    options: {},
    positionals: [0, 0],
    async run(_v, _pos, out) {
      const c = await import("./ffi/constants.ts");
      const filterContexts: Record<string, string> = {};
      for (const [k, x] of Object.entries(c.FILTER_CONTEXTS)) filterContexts[k] = x.toString();
      const errors: Record<string, { code: string; message: string }> = {};
      for (const [k, e] of Object.entries(c.ERRORS)) {
        errors[k] = { code: "0x" + (e.code >>> 0).toString(16).padStart(8, "0"), message: e.message };
      }
      const doc = {
        guids: c.GUID_GROUPS,
        enums: c.ENUMS,
        flags: c.FLAGS,
        filterContexts,
        transformConfigs: c.TRANSFORM_CONFIGS,
        weights: c.WEIGHTS,
        errors,
      };
      if (out.json) out.doc({ ...(await head("constants")), ...doc });
      else {
        for (const [group, table] of Object.entries(c.GUID_GROUPS)) {
          out.text(`[${group}]`);
          for (const [n, g] of Object.entries(table)) out.text(`  ${n.padEnd(52)} ${g}`);
        }
        for (const [e, table] of Object.entries(c.ENUMS)) {
          out.text(`[${e}]`);
          for (const [n, x] of Object.entries(table)) out.text(`  ${n.padEnd(52)} ${x}`);
        }
        for (const [f, table] of Object.entries(c.FLAGS)) {
          out.text(`[${f}]`);
          for (const [n, x] of Object.entries(table)) {
            out.text(`  ${n.padEnd(52)} 0x${(x as number).toString(16)}`);
          }
        }
        out.text("[errors]");
        for (const [n, e] of Object.entries(errors)) out.text(`  ${n.padEnd(52)} ${e.code} ${e.message}`);
      }
      return 0;
    },
  },

  sa: {
    summary: "IKE/AuthIP SAs, IPsec SAs and manual SA contexts in force (never key material)",
    usage: "wfpsec sa [--delete ID [--kind ike|context]] [--json] [engine options]",
    details:
      "Enumerates the engine's IKE/AuthIP main-mode SAs (IkeextSaEnum2), IPsec SAs (IPsecSaEnum1) and\n" +
      "manual SA contexts (IPsecSaContextEnum1) with symbolic names. Keys are never shown. The simulator\n" +
      "negotiates nothing: on fwpsim only SAs installed through manual SA contexts of this process appear.\n" +
      "  --delete ID            end one SA instead: an IKE/AuthIP main-mode SA (IkeextSaDeleteById0, like\n" +
      "                         Remove-NetIPsecMainModeSA; its quick-mode SAs go with it) or a manual SA\n" +
      "                         context (IPsecSaContextDeleteById0), by the id 'wfpsec sa' shows\n" +
      "  --kind ike|context     which kind ID is, when it is both (otherwise found by looking it up)\n" +
      "A deleted manual SA context of the policy is re-created by the next apply.",
    options: { ...ENGINE_OPTS, delete: { type: "string" }, kind: { type: "string" } },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("./modules/errors.ts");
      const del = v.delete as string | undefined;
      if (v.kind !== undefined && del === undefined) throw new UsageError("--kind goes with --delete ID");
      const d = del === undefined ? undefined : await import("./modules/monitor/saDelete.ts");
      const id = d && del !== undefined ? d.parseSaId(del) : undefined; // before the engine: bad input opens nothing
      d?.parseSaKind(v.kind as string | undefined);
      const engine = await openEngine(v, out, false);
      try {
        const sa = engine.sa;
        if (!sa) throw new UsageError(`${engine.info.description} has no SA enumeration`);
        if (d && id !== undefined) {
          const deleted = d.deleteSa(sa, id, v.kind as string | undefined);
          if (out.json) out.doc({ ...(await head("sa", engine)), deleted });
          else out.text(`Deleted ${deleted.kind === "ike" ? "IKE SA" : "manual SA context"} ${deleted.id}.`);
          return 0;
        }
        const ikeSas = sa.enumIkeSas(), ipsecSas = sa.enumIpsecSas(), saContexts = sa.enumSaContexts();
        const m = await import("./modules/monitor/monitor.ts");
        if (out.json) {
          out.doc({
            ...(await head("sa", engine)),
            ikeSas: ikeSas.map(m.ikeSaJson),
            ipsecSas: ipsecSas.map(m.saDetailsJson),
            saContexts: saContexts.map(m.saContextJson),
          });
        } else {
          out.text(`SAs in ${engine.info.description}:\n`);
          out.text(m.saText({ ikeSas, ipsecSas, saContexts }));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  events: {
    summary: "recorded IKE/AuthIP failures and IPsec drops (net events), decoded with names",
    usage: "wfpsec events [--since ISO] [--type mm|qm|em|drop] [--follow] [--json] [engine options]",
    details:
      "Enumerates the engine's net events (FwpmNetEventEnum1) and shows the IKE main-mode (mm), quick-mode\n" +
      "(qm) and extended-mode (em) failures and IPsec kernel drops (drop), oldest first, with the failure\n" +
      "code's name (ERROR_IPSEC_IKE_*, STATUS_IPSEC_*), failure point, state and addresses.\n" +
      "  --since ISO            only events at or after this time (ISO 8601, e.g. 2026-11-27T01:00:00Z)\n" +
      "  --type mm|qm|em|drop   only events of this kind\n" +
      "  --follow               keep running and print each new event as it happens (FwpmNetEventSubscribe0),\n" +
      "                         one line each (one JSON object per line with --json); with --since the\n" +
      "                         recorded events come first. Ctrl+C (SIGINT) or SIGTERM stops it (exit 0).\n" +
      "                         If the engine goes away (BFE stopped) it says so, waits and follows again.\n" +
      "Windows records net events only while collection is on (FWPM_ENGINE_COLLECT_NET_EVENTS, the default).\n" +
      "The simulator negotiates nothing and drops nothing: on fwpsim only events injected by tests appear.",
    options: {
      since: { type: "string" },
      type: { type: "string" },
      follow: { type: "boolean" },
      ...ENGINE_OPTS,
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("./modules/errors.ts");
      const m = await import("./modules/monitor/monitor.ts");
      // Both options are checked before the engine is opened: bad input changes nothing and needs no engine.
      const sinceText = v.since as string | undefined;
      let since: Date | undefined;
      if (sinceText !== undefined) {
        since = new Date(sinceText);
        if (!/^\d{4}-\d{2}-\d{2}/.test(sinceText) || Number.isNaN(since.getTime())) {
          throw new UsageError(
            `--since: "${sinceText}" is not an ISO 8601 date/time (e.g. 2026-11-27T01:00:00Z)`,
          );
        }
      }
      const kind = v.type as string | undefined;
      const kinds = Object.keys(m.EVENT_TYPES);
      if (kind !== undefined && !kinds.includes(kind)) {
        throw new UsageError(`--type: "${kind}" is not one of ${kinds.join(", ")}`);
      }
      const wanted = new Set<number>(
        kind ? [m.EVENT_TYPES[kind as keyof typeof m.EVENT_TYPES]] : Object.values(m.EVENT_TYPES),
      );
      if (v.follow) return await followEvents(v, out, wanted, since);
      const engine = await openEngine(v, out, false);
      try {
        const ops = engine.netEvents;
        if (!ops) throw new UsageError(`${engine.info.description} has no net-event enumeration`);
        // Other event types (classify drops, DoS-protection drops, ...) are not IPsec failures: left out.
        const events = ops.enumNetEvents(since ? { startTime: m.fileTimeOf(since) } : {})
          .filter((e) => wanted.has(e.type));
        // Each failure with the rule its filter belongs to (ours, foreign, or gone) and a plain-words cause.
        const { FailureResolver, failureContext } = await import("./modules/monitor/failures.ts");
        const resolver = new FailureResolver(engine);
        const rows = events.map((event) => {
          const base = m.netEventJson(event) as Record<string, unknown>;
          return { event, json: { ...base, ...failureContext(event, base, resolver) } };
        });
        if (out.json) {
          out.doc({
            ...(await head("events", engine)),
            since: since ? since.toISOString() : null,
            type: kind ?? null,
            events: rows.map((r) => r.json),
          });
        } else {
          const scope = [since ? `since ${since.toISOString()}` : "", kind ? `type ${kind}` : ""]
            .filter(Boolean).join(", ");
          out.text(`Net events in ${engine.info.description}${scope ? ` (${scope})` : ""}:\n`);
          const { eventsReport } = await import("./modules/monitor/lines.ts");
          out.text(eventsReport(rows));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  status: {
    summary: "one line for MDM detection: compliant or not with POLICY (exit 0 compliant, 1 not)",
    usage: "wfpsec status FILE [--json] [engine options]",
    details:
      "Prints ONE line of at most 2,048 characters (what Intune Remediations and ConfigMgr configuration\n" +
      "items read): the policy's name and digest, in sync or drifted (the plan's counts), disabled objects of\n" +
      "ours, coexisting foreign IPsec policy (other providers' filters at the IKEEXT/IPsec layers), SA counts\n" +
      "and the IKE/IPsec failures of the last hour (ours, foreign, unknown). With --json the same as one JSON\n" +
      "object on one line. Exit 0 when compliant (in sync, nothing disabled), 1 when not: drifted, disabled,\n" +
      "or the policy or engine could not be read (the line says which). Changes nothing.",
    options: { ...ENGINE_OPTS },
    positionals: [1, 1],
    async run(v, [file], out) {
      const st = await import("./modules/monitor/status.ts");
      const print = async (r: import("./modules/monitor/status.ts").StatusReport, engine?: Engine) => {
        if (out.json) console.log(st.statusJsonLine(await head("status", engine), r));
        else console.log(st.statusLine(r));
        return r.compliant ? 0 : 1;
      };
      let loaded: Loaded;
      try {
        loaded = await loadGraph(file);
      } catch (e) {
        const err = e as Error & { diagnostics?: Record<string, unknown>[] };
        const first = err.diagnostics?.[0];
        const message = first ? diagnosticLine(diagnosticJson(first, file)) : err.message;
        return await print(
          st.errorStatus(file, null, err.name === "PolicyError" ? "PolicyError" : "Error", message),
        );
      }
      let engine: Engine | undefined;
      try {
        engine = await openEngine(v, out, false);
        const { planGraph } = await import("./modules/plan/plan.ts");
        const plan = planGraph(loaded.graph, engine);
        return await print(
          st.statusOf({ engine, graph: loaded.graph, name: loaded.name, file, plan }),
          engine,
        );
      } catch (e) {
        const doc = await errorDoc(e, "status");
        return await print(
          st.errorStatus(
            file,
            loaded.name,
            String(doc.error.type),
            String(doc.error.message),
            engine?.info.simulated ?? v.engine === "sim",
          ),
          engine,
        );
      } finally {
        engine?.close();
      }
    },
  },

  stats: {
    summary: "IPsec and IKE/AuthIP statistics: SA counts, negotiations, IKE errors, drops, traffic",
    usage: "wfpsec stats [--json] [engine options]",
    details:
      "Reads the engine's counters (IPsecGetStatistics1, IkeextGetStatistics1): IPsec SAs active and\n" +
      "negotiating, main/quick/extended-mode negotiations started, succeeded and failed per keying module\n" +
      "(IKEv1, AuthIP, IKEv2) and IP version, how often each IKE error occurred, inbound drops by reason, and\n" +
      "traffic counts. The counters are the engine's since BFE/IKEEXT started. On fwpsim they are whatever a\n" +
      "test set (zero otherwise).",
    options: { ...ENGINE_OPTS },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("./modules/errors.ts");
      const engine = await openEngine(v, out, false);
      try {
        const ops = engine.statistics;
        if (!ops) throw new UsageError(`${engine.info.description} has no statistics (IPsecGetStatistics1)`);
        const ipsec = ops.ipsecStatistics(), ike = ops.ikeextStatistics();
        const s = await import("./modules/monitor/stats.ts");
        if (out.json) out.doc({ ...(await head("stats", engine)), ...s.statsJson(ipsec, ike) });
        else {
          out.text(`Statistics of ${engine.info.description}:\n`);
          out.text(s.statsText(ipsec, ike));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  doctor: {
    summary: "engine reachable, elevated, BFE/IKEEXT services, engine kind, versions",
    usage: "wfpsec doctor [--json] [engine options]",
    details: "Checks whether wfpsec can work here. Exit 1 when a required check fails.",
    options: { ...ENGINE_OPTS },
    positionals: [0, 0],
    async run(v, _pos, out) {
      if (v["sim-state"]) Deno.env.set("FWPSIM_STATE", v["sim-state"] as string);
      const { runDoctor } = await import("./modules/host/doctor.ts");
      const rep = await runDoctor({
        engine: v.engine as string | undefined,
        simState: v["sim-state"] as string | undefined,
      }, VERSION);
      const failed = rep.checks.some((c) => c.required && !c.ok);
      if (out.json) {
        const h = await head("doctor");
        if (rep.engine) h.engine = rep.engine;
        out.doc({ ...h, checks: rep.checks, versions: rep.versions });
      } else {
        if (rep.engine?.simulated) {
          out.err(`wfpsec: SIMULATOR: ${rep.engine.description} - not a live Windows engine.`);
        }
        for (const c of rep.checks) {
          out.text(`${c.ok ? "ok  " : c.required ? "FAIL" : "warn"}  ${c.name}: ${c.detail}`);
        }
        out.text(`wfpsec ${rep.versions.wfpsec}, deno ${rep.versions.deno}, ${rep.versions.os}`);
      }
      return failed ? 1 : 0;
    },
  },
};

function generalHelp(): string {
  const names = Object.keys(COMMANDS);
  return [
    `wfpsec ${VERSION} - declarative Windows IPsec through the Windows Filtering Platform`,
    "",
    "Usage: wfpsec <command> [options]",
    "",
    "Commands:",
    ...names.map((n) => `  ${n.padEnd(10)} ${COMMANDS[n].summary}`),
    `  ${"help".padEnd(10)} help for a command (wfpsec help plan)`,
    "",
    "Global options: --json (one JSON object on stdout), -h/--help, --version",
    ENGINE_HELP,
    "",
    "Exit codes: 0 success / in sync, 1 error, 2 plan found pending changes.",
    "JSON contract: docs/cli-json.md.",
  ].join("\n");
}

/** The options `name` accepts, for `help NAME --json`: its own, then the common ones. */
function optionList(opts: Record<string, Opt>) {
  return Object.entries(opts).map(([n, o]) => ({
    name: `--${n}`,
    short: o.short ? `-${o.short}` : null,
    type: o.type,
    multiple: Boolean(o.multiple),
  }));
}

/** `help [TOPIC] --json`: the help of TOPIC (or of wfpsec) as one document (docs/cli-json.md). */
function helpDoc(topic: string | undefined) {
  const head = { schemaVersion: 1, command: "help" };
  if (!topic) {
    return {
      ...head,
      topic: null,
      usage: "wfpsec <command> [options]",
      summary: "declarative Windows IPsec through the Windows Filtering Platform",
      options: [
        ...optionList(COMMON),
        { name: "--version", short: "-V", type: "boolean", multiple: false },
      ],
      commands: Object.entries(COMMANDS).map(([name, c]) => ({ name, summary: c.summary, usage: c.usage })),
    };
  }
  const c = COMMANDS[topic];
  return {
    ...head,
    topic,
    usage: c.usage,
    summary: c.summary,
    details: c.details,
    options: optionList({ ...c.options, ...COMMON }),
  };
}

/** `unknown command 'plam'; did you mean 'plan'?` (or the list of commands when nothing is close). */
async function unknownCommand(name: string): Promise<string> {
  const { suggest } = await import("./modules/render/suggest.ts");
  const names = name.startsWith("-") ? ["--help", "--version"] : [...Object.keys(COMMANDS), "help"];
  const s = suggest(name, names);
  return s
    ? `unknown command '${name}'; did you mean '${s}'?`
    : `unknown command '${name}' (try wfpsec --help); commands: ${Object.keys(COMMANDS).join(", ")}`;
}

/**
 * The first option of `args` that `command` does not know, as a usage message with the nearest known
 * option (`unknown option --stat for 'plan'; did you mean --state?`); undefined when all are known.
 * Values of string options are skipped; anything after `--` is positional.
 */
async function unknownOption(command: string, args: string[]): Promise<string | undefined> {
  const opts: Record<string, Opt> = { ...COMMANDS[command].options, ...COMMON };
  const longs = Object.keys(opts).map((n) => `--${n}`);
  const shorts = new Map(Object.entries(opts).filter(([, o]) => o.short).map(([n, o]) => [`-${o.short}`, n]));
  const usage = `\n\nUsage: ${COMMANDS[command].usage}\n(wfpsec help ${command} lists its options)`;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-") continue;
    const typed = a.startsWith("--") ? a.split("=", 1)[0] : a.slice(0, 2);
    const name = a.startsWith("--")
      ? (longs.includes(typed) ? typed.slice(2) : undefined)
      : shorts.get(typed);
    if (!name) {
      const { suggest } = await import("./modules/render/suggest.ts");
      // Only long names get a suggestion: every one-letter option is one edit from every other.
      const s = typed.startsWith("--") ? suggest(typed, longs) : undefined;
      const hint = s ? `did you mean ${s}?` : `its options: ${[...longs, ...shorts.keys()].join(", ")}`;
      return `unknown option ${typed} for '${command}'; ${hint}${usage}`;
    }
    const inlineValue = a.startsWith("--") ? a.includes("=") : a.length > 2;
    if (opts[name].type === "string" && !inlineValue && i + 1 < args.length && !args[i + 1].startsWith("-")) {
      i++;
    }
  }
  return undefined;
}

/** One diagnostic of a PolicyError on stderr, as `validate` prints it. */
/** A diagnostic in the human form docs/cli-json.md gives: `file:line:col: severity: message [code] (at path)`. */
function diagnosticLine(d: Record<string, unknown>): string {
  return `${d.file}:${d.line}:${d.column ?? d.col}: ${d.severity ?? "error"}: ${d.message}${
    d.code ? ` [${d.code}]` : ""
  }${d.path ? ` (at ${d.path})` : ""}`;
}

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const engine = "engine" in c.options ? `\n\n${ENGINE_HELP}` : "";
  return `Usage: ${c.usage}\n\n${c.summary}.\n\n${c.details}${engine}\n\nCommon options: --json, -h/--help`;
}

async function errorDoc(e: unknown, command: string) {
  const err = e as Error & Record<string, unknown>;
  const { wfpCodeOf } = await import("./modules/errors.ts");
  const wfp = (err?.wfp as { wfpName: string; wfpCode: string } | undefined) ?? wfpCodeOf(err);
  let type: string;
  const n = err?.name ?? "";
  if (n === "PolicyError" || Array.isArray(err?.diagnostics)) type = "PolicyError";
  else if (n === "UsageError" || n === "SafetyError" || n === "SnapshotError" || n === "LockBusyError") {
    type = n;
  } else if (n === "EngineUnavailableError") type = "UsageError";
  else if (wfp || n === "WfpError" || n === "WfpInputError") type = "WfpError";
  else type = "Error";
  const error: Record<string, unknown> = { type, message: err?.message ?? String(e) };
  if (Array.isArray(err?.diagnostics)) error.diagnostics = err.diagnostics;
  if (wfp) {
    error.wfpName = wfp.wfpName;
    error.wfpCode = wfp.wfpCode;
  }
  if (err?.object && typeof err.object === "object") {
    const o = err.object as Record<string, unknown>;
    error.object = { kind: o.kind, key: o.key ?? null, name: o.name ?? null };
  }
  return { schemaVersion: 1, command, error };
}

/** Runs the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  // `wfpsec --json CMD ...` means `wfpsec CMD --json ...`.
  if (args[0] === "--json" && args.length > 1) args = [args[1], "--json", ...args.slice(2)];
  const first = args[0];
  const wantsJson = args.includes("--json");
  if (first === "--version" || first === "-V") {
    if (wantsJson) {
      console.log(
        JSON.stringify(
          { schemaVersion: 1, command: "version", version: VERSION, deno: Deno.version.deno },
          null,
          2,
        ),
      );
    } else console.log(`wfpsec ${VERSION}`);
    return 0;
  }
  if (!first || first === "--help" || first === "-h") {
    if (wantsJson) console.log(JSON.stringify(helpDoc(undefined), null, 2));
    else console.log(generalHelp());
    return first ? 0 : 1;
  }
  if (first === "help") {
    const c = args.slice(1).find((a) => a !== "--json");
    if (c && !Object.hasOwn(COMMANDS, c)) {
      const msg = await unknownCommand(c);
      if (wantsJson) {
        console.log(
          JSON.stringify(
            { schemaVersion: 1, command: "help", error: { type: "UsageError", message: msg } },
            null,
            2,
          ),
        );
        console.error(`wfpsec help: UsageError: ${msg}`);
      } else console.error(`wfpsec: ${msg}\n\n${generalHelp()}`);
      return 1;
    }
    if (wantsJson) console.log(JSON.stringify(helpDoc(c), null, 2));
    else console.log(c ? commandHelp(c) : generalHelp());
    return 0;
  }
  // Own names only: `wfpsec toString` is an unknown command, not Object.prototype.toString.
  const cmd = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!cmd) {
    const msg = await unknownCommand(first);
    if (wantsJson) {
      console.log(
        JSON.stringify(
          { schemaVersion: 1, command: first, error: { type: "UsageError", message: msg } },
          null,
          2,
        ),
      );
    }
    console.error(`wfpsec: ${msg}`);
    return 1;
  }
  const ifDrifted = first === "apply" && args.includes("--if-drifted");
  const out = new Output(first, wantsJson || ifDrifted, ifDrifted);
  try {
    // node:util is loaded only when a command runs, so --help and --version start as fast as possible.
    const { parseArgs } = await import("node:util");
    const unknown = await unknownOption(first, args.slice(1));
    if (unknown) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(unknown);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: args.slice(1),
        options: { ...COMMON, ...cmd.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(`${(e as Error).message}\n\n${commandHelp(first)}`);
    }
    const v = parsed.values as Values;
    if (v.help) {
      if (v.json) console.log(JSON.stringify(helpDoc(first), null, 2));
      else console.log(commandHelp(first));
      return 0;
    }
    const [min, max] = cmd.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(
        `${first}: expected ${min === max ? min : `${min}-${max}`} argument(s)\n\nUsage: ${cmd.usage}`,
      );
    }
    return await cmd.run(v, parsed.positionals, out);
  } catch (e) {
    const doc = await errorDoc(e, first);
    if (out.json) {
      if (ifDrifted) {
        out.doc({ ...doc, ...(lastPolicy ? { policy: lastPolicy } : {}), outcome: "failed" });
      } else out.doc(doc);
    }
    const err = e as Error & { diagnostics?: Record<string, unknown>[] };
    let headline = String(doc.error.message);
    if (Array.isArray(err.diagnostics) && err.diagnostics.length && first !== "validate") {
      // Each diagnostic once: a PolicyError's message lists its errors again after its first line.
      for (const d of err.diagnostics) console.error(diagnosticLine(d));
      headline = headline.split("\n", 1)[0].replace(/:$/, "");
    }
    console.error(`wfpsec ${first}: ${doc.error.type}: ${headline}`);
    return 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
