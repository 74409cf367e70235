/**
 * What `wfpsec dsc get|set|test|export|schema` does (dscCommand.ts is its entry in the command table): the
 * `Wfpsec/IPsecPolicy` DSC v3 command resource that deploy/dsc/wfpsec.dsc.resource.json calls. The same
 * machinery as plan, apply and remove: `get` and `test` plan the policy file against the engine; `set`
 * applies it in one transaction under the apply lock (or removes wfpsec's policy for `_exist: false`);
 * `set --what-if` plans and changes nothing.
 *
 * stdout carries only what DSC parses (JSON lines); every message goes to stderr as a DSC message line, and
 * a failure is a non-zero exit (the manifest's exitCodes) with an `{"error": ...}` line naming file, line
 * and field where the policy gives them.
 */
import { Output, type Values } from "./command.ts";
import {
  changeLines,
  differingProperties,
  DSC_INSTANCE_SCHEMA,
  DSC_OPERATIONS,
  type DscDesired,
  dscExitCode,
  type DscOperation,
  type DscState,
  jsonLine,
  messageLine,
  outOfDesiredState,
  parseDscInput,
} from "./dscResource.ts";
import {
  diagnosticJson,
  diagnosticLine,
  hostAddressing,
  type Loaded,
  loadGraph,
  openEngine,
  providerKey,
  underApplyLock,
} from "./support.ts";

type Engine = import("../engine/mod.ts").Engine;

const enc = new TextEncoder();
function write(stream: typeof Deno.stdout | typeof Deno.stderr, text: string) {
  const bytes = enc.encode(text);
  for (let off = 0; off < bytes.length;) off += stream.writeSync(bytes.subarray(off));
}

/** Output for the shared helpers (banners, stale-lock notes): DSC message lines on stderr, never stdout. */
class DscOutput extends Output {
  constructor() {
    super("dsc", true, true);
  }
  override doc(d: unknown): void {
    write(Deno.stderr, messageLine("debug", JSON.stringify(d)));
  }
  override text(s: string): void {
    write(Deno.stderr, messageLine("info", s));
  }
  override err(s: string): void {
    write(Deno.stderr, messageLine("warn", s));
  }
}

/** Reads the instance JSON: `--input` (DSC's JSON input argument), else stdin (DSC's `input: stdin`). */
async function readInput(v: Values, allowStdin: boolean): Promise<string | undefined> {
  const arg = v.input as string | undefined;
  if (arg !== undefined && arg.trim() !== "") return arg;
  if (!allowStdin || Deno.stdin.isTerminal()) return undefined;
  const text = new TextDecoder().decode(await new Response(Deno.stdin.readable).arrayBuffer());
  return text.trim() === "" ? undefined : text;
}

/** Whether anything of wfpsec's is in the engine, and what removing it deletes (in the policy's words). */
function owned(engine: Engine, key: string): { present: boolean; removal: string[] } {
  const provider = engine.getProvider(key);
  const filters = engine.enumFilters({ providerKey: key }).length;
  const contexts = engine.enumProviderContexts({ providerKey: key }).length;
  const sublayers = engine.enumSublayers({ providerKey: key }).length;
  const present = Boolean(provider) || filters + contexts + sublayers > 0;
  if (!present) return { present, removal: [] };
  return {
    present,
    removal: [
      `delete wfpsec's policy: ${filters} filter(s), ${contexts} provider context(s), ${sublayers} sublayer(s)${
        provider ? " and its provider" : ""
      }: not in the desired state (_exist is false)`,
    ],
  };
}

/** The instance's actual state against `desired` (the policy `loaded` when `_exist` is true). */
async function stateOf(
  engine: Engine,
  desired: DscDesired,
  loaded: Loaded | undefined,
  v: Values,
): Promise<DscState> {
  const key = await providerKey();
  const { policyInForce } = await import("../plan/policyInForce.ts");
  const own = owned(engine, key);
  const base = {
    ...(desired.path !== undefined ? { path: desired.path } : {}),
    _exist: own.present,
    _inDesiredState: null,
    policyName: policyInForce(engine, key) ?? null,
    simulated: engine.info.simulated,
  };
  // A recorded apply that did not finish its SA phase is not the desired state, whatever the objects say:
  // set finishes it (as apply does), so test and get report it first (cli/incompleteApply.ts).
  const ia = await import("./incompleteApply.ts");
  const incomplete = await ia.incompleteApplyForPlan(engine, v);
  const pending = incomplete ? [ia.incompleteApplyText(incomplete)] : [];
  if (!loaded) return { ...base, inSync: !own.present && !incomplete, changes: [...pending, ...own.removal] };
  const { planGraph, publicChanges } = await import("../plan/plan.ts");
  const plan = planGraph(loaded.graph, engine);
  return {
    ...base,
    inSync: plan.inSync && !incomplete,
    changes: [...pending, ...changeLines(publicChanges(plan.changes))],
  };
}

/** Loads the policy of a desired state that wants it in force; its warnings become DSC warn lines. */
async function loadDesired(desired: DscDesired, v: Values): Promise<Loaded | undefined> {
  if (!desired.exist) return undefined;
  const loaded = await loadGraph(desired.path!, hostAddressing(v, false, false));
  for (const d of loaded.warnings.filter((w) => w.code !== "secret-unset")) {
    write(Deno.stderr, messageLine("warn", diagnosticLine(diagnosticJson(d, loaded.file))));
  }
  return loaded;
}

async function openQuiet(v: Values, out: Output): Promise<Engine> {
  const engine = await openEngine(v, out, false);
  if (engine.info.simulated) {
    write(
      Deno.stderr,
      messageLine("warn", `SIMULATOR: ${engine.info.description} - not a live Windows engine`),
    );
  }
  return engine;
}

/** set's IKEEXT gate (before the lock, as apply): a refusal throws; with `whatIf` it is a warning instead. */
async function checkIkeext(engine: Engine, desired: DscDesired, loaded: Loaded, whatIf: boolean) {
  const { ikeextGate } = await import("../host/services.ts");
  try {
    const forced = await ikeextGate(
      loaded.ikeextDependents,
      engine.info,
      desired.force ? "--force" : undefined,
    );
    if (forced) warn(forced.replace(/^--force/, "force: true"));
  } catch (e) {
    if (!whatIf) throw e;
    warn(`set would refuse: ${(e as Error).message}`);
  }
}

/** The refusal for other providers' IPsec policy overlapping this policy's traffic, if set must refuse. */
function coexistenceRefusal(
  ex: typeof import("../explain/mod.ts"),
  engine: Engine,
  desired: DscDesired,
  loaded: Loaded,
  key: string,
  inSync: boolean,
): Error | undefined {
  if (desired.allowCoexist || inSync) return undefined;
  const coexistence = ex.findCoexistence(engine, loaded.graph.filters, key);
  return coexistence.length ? ex.coexistenceRefusal(coexistence) : undefined;
}

const warn = (m: string) => write(Deno.stderr, messageLine("warn", m));
const info = (m: string) => write(Deno.stderr, messageLine("info", m));

async function runSet(v: Values, out: Output, desired: DscDesired, whatIf: boolean): Promise<string> {
  const loaded = await loadDesired(desired, v); // before the engine: a bad file opens nothing
  const engine = await openQuiet(v, out);
  try {
    const before = await stateOf(engine, desired, loaded, v);
    let after: DscState;
    const key = await providerKey();
    const ia = await import("./incompleteApply.ts");
    const ex = await import("../explain/mod.ts");
    if (loaded && before.policyName !== null && before.policyName !== loaded.name) {
      // Object keys derive from the policy name: another name replaces every object of the one in force.
      const { replacesHeadline } = await import("../plan/policyInForce.ts");
      warn(`this set ${replacesHeadline({ name: before.policyName }, loaded.name)}`);
    }
    if (whatIf) {
      if (loaded) {
        await checkIkeext(engine, desired, loaded, true);
        const refusal = coexistenceRefusal(ex, engine, desired, loaded, key, before.inSync === true);
        if (refusal) warn(`set would refuse: ${refusal.message}`);
      }
      after = {
        ...before,
        _exist: desired.exist,
        policyName: loaded ? loaded.name : null,
        inSync: true,
        changes: before.changes,
        _metadata: { whatIf: before.changes },
      };
    } else if (loaded) {
      await checkIkeext(engine, desired, loaded, false);
      const { applyGraph } = await import("../apply/apply.ts");
      const { planGraph, publicChanges } = await import("../plan/plan.ts");
      // Under the lock, just before the apply, as `wfpsec apply` does: the state the transaction replaces.
      // An earlier apply's unfinished SA phase is finished (or reverted) here too (cli/incompleteApply.ts).
      const withRecord = await ia.incompleteApplyRunner(engine, v, out);
      const { result: r, resolved } = await underApplyLock(
        engine,
        v,
        out,
        "dsc set",
        () =>
          withRecord({ name: loaded.name, file: loaded.file }, (journal) => {
            const inSync = planGraph(loaded.graph, engine).inSync;
            const refusal = coexistenceRefusal(ex, engine, desired, loaded, key, inSync);
            if (refusal) throw refusal;
            return applyGraph(engine, loaded.graph, { journal });
          }),
      );
      if (resolved) info(ia.resolvedText(resolved, loaded.name));
      const sm = r.plan.summary;
      info(
        r.outcome === "in-sync"
          ? `policy '${loaded.name}' is already in force: nothing to do`
          : `applied policy '${loaded.name}' in one transaction (add ${sm.add}, delete ${sm.delete}, replace ${sm.replace}, unchanged ${sm.unchanged}; ${
            r.durationMs.toFixed(1)
          } ms)`,
      );
      after = {
        ...(await stateOf(engine, desired, loaded, v)),
        changes: changeLines(publicChanges(r.plan.changes)),
      };
    } else {
      // As `wfpsec remove`: an earlier apply's record goes too, with the SA contexts it left.
      const withRecord = await ia.incompleteApplyRunner(engine, v, out);
      if (!before.inSync) { // something of ours is in the engine, or a record of an unfinished apply
        const { removeOwned } = await import("../apply/apply.ts");
        const { result: n, resolved } = await underApplyLock(
          engine,
          v,
          out,
          "dsc set",
          () => withRecord(undefined, () => removeOwned(engine, key)),
        );
        if (resolved) info(ia.resolvedText(resolved, undefined));
        info(
          `removed wfpsec's policy in one transaction (${n.filters} filters, ${n.providerContexts} provider contexts)`,
        );
      }
      after = { ...(await stateOf(engine, desired, undefined, v)), changes: before.changes };
    }
    return jsonLine(after) + jsonLine(differingProperties(before, after));
  } finally {
    engine.close();
  }
}

async function runOperation(op: DscOperation, v: Values, out: Output): Promise<string> {
  if (op === "schema") return jsonLine(DSC_INSTANCE_SCHEMA);
  const text = await readInput(v, op !== "export");
  if (op === "export") {
    const desired = text === undefined ? undefined : parseDscInput(text, false);
    const engine = await openQuiet(v, out);
    try {
      if (desired?.path !== undefined) {
        return jsonLine(await stateOf(engine, desired, await loadDesired(desired, v), v));
      }
      const s = await stateOf(engine, { exist: false, force: false, allowCoexist: false }, undefined, v);
      // Every instance there is: wfpsec owns at most one policy per host; none in force, no line.
      return s._exist ? jsonLine({ ...s, inSync: null, changes: [] }) : "";
    } finally {
      engine.close();
    }
  }
  const { UsageError } = await import("../errors.ts");
  if (text === undefined) {
    throw new UsageError(
      `dsc ${op} needs the instance JSON on stdin or as --input '{"path":"..."}' (DSC sends it)`,
    );
  }
  const desired = parseDscInput(text, true);
  if (op === "set") return await runSet(v, out, desired, Boolean(v["what-if"]));
  if (v["what-if"]) throw new UsageError("--what-if goes with dsc set");
  const loaded = await loadDesired(desired, v);
  const engine = await openQuiet(v, out);
  try {
    const actual = await stateOf(engine, desired, loaded, v);
    if (op === "get") return jsonLine(actual);
    // One line (the manifest's `return: state`): DSC compares the desired properties with it, so the
    // writable ones are echoed as given; `_inDesiredState` is the answer.
    const inDesiredState = outOfDesiredState(desired, actual).length === 0;
    return jsonLine({
      ...actual,
      _inDesiredState: inDesiredState,
      force: desired.force,
      allowCoexist: desired.allowCoexist,
    });
  } finally {
    engine.close();
  }
}

/** The error as DSC message lines: each policy diagnostic (file:line:col), then the error itself. */
async function reportError(e: unknown, op: string): Promise<number> {
  const { errorJson } = await import("../errors.ts");
  const j = errorJson(e) as { type: string; message: string; diagnostics?: Record<string, unknown>[] };
  let headline = j.message;
  if (j.diagnostics?.length) {
    for (const d of j.diagnostics) write(Deno.stderr, messageLine("error", diagnosticLine(d)));
    headline = headline.split("\n", 1)[0].replace(/:$/, "");
  }
  write(Deno.stderr, messageLine("error", `wfpsec dsc ${op}: ${j.type}: ${headline}`));
  return dscExitCode(j.type);
}

/** Runs one DSC operation: the output on stdout, messages on stderr; returns the exit code. */
export async function runDsc(v: Values, op: string): Promise<number> {
  if (!(DSC_OPERATIONS as readonly string[]).includes(op)) {
    write(
      Deno.stderr,
      messageLine(
        "error",
        `wfpsec dsc: UsageError: unknown operation '${op}' (${DSC_OPERATIONS.join(", ")})`,
      ),
    );
    return 2;
  }
  const out = new DscOutput();
  try {
    const text = await runOperation(op as DscOperation, v, out);
    write(Deno.stdout, text);
    return 0;
  } catch (e) {
    return await reportError(e, op);
  }
}
