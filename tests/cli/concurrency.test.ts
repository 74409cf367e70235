/**
 * Applies on one host run one at a time (modules/apply/lock.ts), with real processes on fwpsim: an apply
 * waits for the holder of the apply lock beside the simulator's state file and gives up with a
 * LockBusyError naming it (nothing changed); the record of a holder that died is reported as stale; an
 * interactive `apply` racing the scheduled task's `apply --if-drifted` of another version of the policy
 * always ends with both succeeding and the engine holding exactly one of the two versions.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, holdLock, spawnWfpsec, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];

Deno.test({
  name: "an apply waits for the apply lock and gives up naming its holder; nothing changed",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const before = await engineState(state);
  const holder = await holdLock(`${state}.wfpsec-apply.lock`);
  try {
    const r = await wfpsec(["apply", policy, "--json", ...SIM(state)], { WFPSEC_LOCK_TIMEOUT_MS: "300" });
    assert.equal(r.code, 1, r.stdout);
    const err = JSON.parse(r.stdout).error as { type: string; message: string };
    assert.equal(err.type, "LockBusyError");
    assert.match(err.message, new RegExp(`test-holder \\(pid ${holder.child.pid} on `));
    assert.match(err.message, /nothing changed/);
    assert.equal(await engineState(state), before);
    // The scheduled task's one JSON line says failed, too.
    const t = await wfpsec(["apply", policy, "--if-drifted", "--json", ...SIM(state)], {
      WFPSEC_LOCK_TIMEOUT_MS: "0",
    });
    assert.equal(t.code, 1);
    assert.equal(JSON.parse(t.stdout).outcome, "failed");
  } finally {
    await holder.release();
  }
  const ok = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(
    Deno.readTextFileSync(`${state}.wfpsec-apply.holder`),
    "",
    "a clean release clears the record",
  );
});

Deno.test(
  { name: "the record of an apply that died holding the lock is reported as stale", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());
    // What a killed apply leaves: its record, but no OS lock (the kernel dropped it with the process).
    const dead = { pid: 999999, startedAt: "2026-01-01T00:00:00.000Z", host: "h", command: "apply" };
    Deno.writeTextFileSync(`${state}.wfpsec-apply.holder`, JSON.stringify(dead) + "\n");
    const r = await wfpsec(["apply", policy, "--if-drifted", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).outcome, "applied");
    assert.match(
      r.stderr,
      /warning: an earlier run did not finish: the apply lock .* still named apply \(pid 999999 on h/,
    );
    const again = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
    assert.doesNotMatch(again.stderr, /did not finish/);
  },
);

Deno.test({
  name: "an interactive apply racing apply --if-drifted: both succeed, one version in force",
  ignore,
}, async () => {
  const dir = tempDir();
  const a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, testPolicy());
  Deno.writeTextFileSync(b, testPolicy({ remote: "172.16.0.0/12", extraExemption: true }));
  // What each version alone leaves in the engine.
  const alone: Record<string, string> = {};
  for (const [name, file] of [["a", a], ["b", b]]) {
    const s = `${dir}/alone-${name}.state`;
    assert.equal((await wfpsec(["apply", file, ...SIM(s)])).code, 0);
    alone[name] = await engineState(s);
  }
  const RACES = 6;
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < RACES; i++) {
    const s = `${dir}/race-${i}.state`;
    // Slow mutations (FWPSIM_DELAY_US) widen the window in which the two overlap.
    const env = { FWPSIM_DELAY_US: "200" };
    const interactive = spawnWfpsec(["apply", b, "--json", ...SIM(s)], env);
    const task = spawnWfpsec(["apply", a, "--if-drifted", "--json", ...SIM(s)], env);
    const [ri, rt] = await Promise.all([interactive.output(), task.output()]);
    const text = (x: Deno.CommandOutput) => new TextDecoder().decode(x.stdout);
    assert.equal(ri.code, 0, text(ri) + new TextDecoder().decode(ri.stderr));
    assert.equal(rt.code, 0, text(rt) + new TextDecoder().decode(rt.stderr));
    const final = await engineState(s);
    const which = final === alone.a ? "a" : final === alone.b ? "b" : "mixed";
    assert.notEqual(which, "mixed", `race ${i} left a state that is neither version`);
    const key = `${JSON.parse(text(ri)).outcome}/${JSON.parse(text(rt)).outcome}->${which}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    // The winner's plan is in sync: the engine holds that version exactly.
    const plan = await wfpsec(["plan", which === "a" ? a : b, ...SIM(s)]);
    assert.equal(plan.code, 0, plan.stdout);
  }
  console.log(`races run: ${RACES}; outcomes (interactive/task -> version in force):`, outcomes);
});
