/**
 * Through the library on the real FFI path into fwpsim: re-applying an applied policy makes no engine call
 * that changes state (proved with fwpsim's SimMutationCount), and an apply failed at any call leaves the
 * objects as they were (the plan against the old policy stays in sync).
 */
import assert from "node:assert/strict";
import { haveSim, PSK_ENV, PSK_VALUE, SIM_LIB, tempDir, testPolicy } from "./helpers.ts";

const ignore = !haveSim();

Deno.test({
  name: "re-apply of an applied policy makes zero state-changing calls (SimMutationCount)",
  ignore,
}, async () => {
  const dir = tempDir();
  Deno.env.set("FWPSIM_STATE", `${dir}/sim.state`);
  Deno.env.set(PSK_ENV, PSK_VALUE);
  const { openEngine } = await import("../../modules/engine/ffi.ts");
  const { simHooks } = await import("../support/simHooks.ts");
  const { loadPolicy } = await import("../../modules/policy/mod.ts");
  const { compilePolicy } = await import("../../modules/compiler/mod.ts");
  const { applyGraph } = await import("../../modules/apply/apply.ts");
  const { planGraph } = await import("../../modules/plan/plan.ts");
  const engine = openEngine({ simulator: true, library: SIM_LIB, sessionName: "reapply-test" });
  const hooks = simHooks(engine.library)!;
  assert.ok(hooks, "fwpsim hooks");
  try {
    const graph = compilePolicy(loadPolicy(testPolicy(), "p.yaml").policy);
    const m0 = hooks.mutationCount();
    const first = applyGraph(engine, graph);
    assert.equal(first.outcome, "applied");
    const m1 = hooks.mutationCount();
    assert.equal(m1 - m0, first.plan.summary.add, "one state-changing call per added object");
    const again = applyGraph(engine, graph);
    assert.equal(again.outcome, "in-sync");
    assert.equal(hooks.mutationCount(), m1, "re-apply changed nothing");
    assert.equal(planGraph(graph, engine).inSync, true);

    // A failure at each call of a changing apply leaves the objects as they were. (SimMutationCount also
    // counts calls a later abort rolled back, so the plan is what proves the state.)
    const edited = compilePolicy(
      loadPolicy(testPolicy({ remote: "10.5.0.0/16", extraExemption: true }), "p.yaml").policy,
    );
    const pending = planGraph(edited, engine);
    const calls = pending.summary.add + pending.summary.delete + 2 * pending.summary.replace;
    for (let n = 1; n <= calls; n++) {
      hooks.failNthMutation(n, 0x8032000a);
      assert.throws(
        () => applyGraph(engine, edited),
        (e: Error & { wfp?: { wfpName: string } }) => e.wfp?.wfpName === "FWP_E_IN_USE",
      );
      hooks.failNthMutation(0, 0);
      assert.equal(planGraph(graph, engine).inSync, true, `nothing changed after failing call ${n}`);
    }
    const m2 = hooks.mutationCount();
    applyGraph(engine, edited);
    assert.equal(hooks.mutationCount() - m2, calls);
    assert.equal(planGraph(edited, engine).inSync, true);
  } finally {
    engine.close();
    Deno.removeSync(dir, { recursive: true });
  }
});
