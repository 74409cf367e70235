/**
 * CLI bench (part of `deno task bench`):
 * 1. plan and apply of a 10,000-rule policy on fwpsim already holding 50,000 foreign filters, and the apply
 *    cost as a ratio to the raw FFI add of the very same objects in one transaction (target <= 1.5x);
 * 2. re-plan / re-apply of the applied policy (in sync);
 * 3. `wfpsec --help` start-up, as a ratio to a bare `deno run` of an empty module.
 * Every figure is measured in this run; ratios compare figures of this run only.
 */
import { openEngine } from "../modules/engine/ffi.ts";
import { simHooks } from "../tests/support/simHooks.ts";
import { loadPolicy } from "../modules/policy/mod.ts";
import { compilePolicy } from "../modules/compiler/mod.ts";
import { planGraph, prepareGraph } from "../modules/plan/plan.ts";
import { applyGraph, removeOwned } from "../modules/apply/apply.ts";
import { foreignFilters, foreignOwners } from "../tests/support/foreignDump.ts";
import type { Engine } from "../modules/engine/port.ts";

const RULES = Number(Deno.env.get("WFPSEC_BENCH_RULES") ?? 10_000);
const FOREIGN = Number(Deno.env.get("WFPSEC_BENCH_FOREIGN") ?? 50_000);
const ROOT = new URL("../", import.meta.url).pathname;
const lib = Deno.env.get("WFPSEC_FWPSIM_LIB") ?? `${ROOT}build/libfwpsim.so`;

function policyText(n: number): string {
  const rules: string[] = [];
  for (let i = 0; i < n; i++) {
    rules.push(
      `  - { name: r${i}, remote: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${
        i & 255
      }, protocol: tcp, localPorts: ${
        1024 + (i % 60000)
      }, inbound: require, outbound: request, mainMode: mm, quickMode: qm }`,
    );
  }
  return `version: 1
name: bench
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
${rules.join("\n")}
`;
}

function addForeign(engine: Engine): void {
  const { provider, sublayer } = foreignOwners();
  engine.transaction(() => {
    engine.addProvider(provider);
    engine.addSublayer(sublayer);
    for (const f of foreignFilters(FOREIGN)) {
      const { filterId: _i, effectiveWeight: _w, ...rest } = f;
      engine.addFilter(rest);
    }
  });
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => x.toFixed(1).padStart(9) + " ms";

Deno.env.delete("FWPSIM_STATE");
let engine = openEngine({ simulator: true, library: lib, sessionName: "cli-bench" });
const hooks = simHooks(engine.library)!;
/** SimReset drops every session too: reopen after it. */
function freshEngine(): void {
  engine.close();
  hooks.reset();
  engine = openEngine({ simulator: true, library: lib, sessionName: "cli-bench" });
}

let t0 = performance.now();
const { policy } = loadPolicy(policyText(RULES), "bench.yaml");
const tLoad = ms(t0);
t0 = performance.now();
const graph = compilePolicy(policy);
const tCompile = ms(t0);
const objects = 2 + graph.providerContexts.length + graph.filters.length;

// Raw FFI baseline: the same prepared objects added directly in one transaction, on the same foreign load;
// wfpsec: plan + apply on that same engine. The foreign load is added once; after each measured run our
// objects are removed again (not timed), so raw and apply runs alternate a fraction of a second apart (on a
// shared VM the machine's speed drifts over seconds) and see the same engine contents.
freshEngine();
addForeign(engine);
const prepared = prepareGraph(graph, engine).graph;
const providerKey = graph.provider.providerKey;
function cleanUp(): void {
  removeOwned(engine, providerKey);
  if (engine.enumFilters({ providerKey }).length !== 0 || engine.getProvider(providerKey)) {
    throw new Error("bench clean-up left objects of ours behind");
  }
}
function rawAdd(): number {
  const t = performance.now();
  engine.transaction(() => {
    engine.addProvider(prepared.provider);
    engine.addSublayer(prepared.sublayer);
    for (const c of prepared.providerContexts) engine.addProviderContext(c);
    for (const f of prepared.filters) engine.addFilter(f);
  });
  const tRaw = ms(t);
  cleanUp();
  return tRaw;
}
function wfpsecApply(): { tPlan: number; tApply: number; changes: number } {
  let t = performance.now();
  const plan = planGraph(graph, engine);
  const tPlan = ms(t);
  t = performance.now();
  const res = applyGraph(engine, graph);
  const tApply = ms(t);
  if (res.outcome !== "applied" || res.plan.summary.add !== objects) {
    throw new Error("bench apply did not add every object");
  }
  cleanUp();
  return { tPlan, tApply, changes: plan.changes.length };
}
rawAdd();
wfpsecApply();
// Fifteen alternating pairs after the warm-up (the order alternates too); the ratio reported is the median of
// the per-pair ratios, so one disturbed pair neither makes nor breaks the verdict.
const PAIRS = 15;
const pairs: { tRaw: number; tPlan: number; tApply: number; changes: number }[] = [];
for (let i = 0; i < PAIRS; i++) {
  if (i % 2 === 0) pairs.push({ tRaw: rawAdd(), ...wfpsecApply() });
  else {
    const a = wfpsecApply();
    pairs.push({ tRaw: rawAdd(), ...a });
  }
}
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ratios = pairs.map((p) => p.tApply / p.tRaw);
const tRaw = medianOf(pairs.map((p) => p.tRaw));
const tApply = medianOf(pairs.map((p) => p.tApply));
const tPlan = medianOf(pairs.map((p) => p.tPlan));
const changes = pairs[0].changes;
applyGraph(engine, graph);
t0 = performance.now();
const again = planGraph(graph, engine);
const tReplan = ms(t0);
const before = hooks.mutationCount();
t0 = performance.now();
const re = applyGraph(engine, graph);
const tReapply = ms(t0);
if (!again.inSync || re.outcome !== "in-sync" || hooks.mutationCount() !== before) {
  throw new Error("re-apply was not a no-op");
}
engine.close();

// Start-up: `wfpsec --help` vs a bare `deno run` of an empty module, median of N.
async function median(args: string[], n = 9): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const o = await new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "null" }).output();
    if (!o.success && !args.includes("--help")) throw new Error(`${args.join(" ")} failed`);
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  return xs[xs.length >> 1];
}
const empty = await Deno.makeTempFile({ suffix: ".ts" });
const flags = ["--allow-ffi", "--allow-read", "--allow-write", "--allow-env", "--allow-run", "--allow-sys"];
await median(["run", ...flags, `${ROOT}cli.ts`, "--help"], 2); // warm the module cache
const tEmpty = await median(["run", empty]);
const tHelp = await median(["run", ...flags, `${ROOT}cli.ts`, "--help"]);
Deno.removeSync(empty);

console.log(
  `cli bench: ${RULES} rules -> ${objects} objects (${graph.filters.length} filters), ${FOREIGN} foreign filters in fwpsim`,
);
console.log(`  load+validate policy      ${fmt(tLoad)}`);
console.log(`  compile                   ${fmt(tCompile)}`);
console.log(`  plan (all to add)         ${fmt(tPlan)}   (${changes} changes)`);
console.log(`  apply (one transaction)   ${fmt(tApply)}`);
console.log(`  raw FFI add, same objects ${fmt(tRaw)}`);
console.log(
  `  apply / raw FFI add       ${
    medianOf(ratios).toFixed(2).padStart(9)
  } x   (target <= 1.5x; median of ${PAIRS} pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
);
console.log(`  plan again (in sync)      ${fmt(tReplan)}`);
console.log(`  apply again (no-op)       ${fmt(tReapply)}   (0 state-changing calls)`);
console.log(`  wfpsec --help start-up    ${fmt(tHelp)}`);
console.log(`  bare deno run (empty)     ${fmt(tEmpty)}`);
console.log(`  --help / bare deno run    ${(tHelp / tEmpty).toFixed(2).padStart(9)} x`);
