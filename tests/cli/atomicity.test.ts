/**
 * Apply is all or nothing, seen from outside the process:
 * - a failure injected at EVERY mutating engine call of an apply (FWPSIM_FAIL_AT=n:code, n = 1.. until the
 *   apply succeeds) leaves the engine exactly as it was, and the error names the object and the FWP_E code;
 * - a process killed with SIGKILL at random points of an apply (FWPSIM_DELAY_US widens the window) leaves
 *   either the old state or the new one, never something in between.
 */
import assert from "node:assert/strict";
import {
  engineState,
  haveSim,
  json,
  PSK_VALUE,
  spawnWfpsec,
  tempDir,
  testPolicy,
  transcript,
  wfpsec,
} from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const FWP_E_IN_USE = "0x8032000a";

/** Policy A applied in a state file; policy B differs by replaces, adds and deletes. */
async function setup() {
  const dir = tempDir();
  const base = `${dir}/base.state`;
  const a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, testPolicy({ extraExemption: true }));
  // B: the rule's subnet changes (replaces: a delete and an add each), the dns exemption goes (deletes).
  Deno.writeTextFileSync(b, testPolicy({ remote: "172.16.0.0/12" }));
  const r = await wfpsec(["apply", a, ...SIM(base)]);
  assert.equal(r.code, 0, r.stderr);
  const old = await engineState(base);
  const copy = `${dir}/b.state`;
  Deno.copyFileSync(base, copy);
  const r2 = await wfpsec(["apply", b, "--json", ...SIM(copy)]);
  assert.equal(r2.code, 0, r2.stderr);
  const summary = json(r2, "apply").summary as { add: number; delete: number; replace: number };
  const calls = summary.add + summary.delete + 2 * summary.replace;
  assert.ok(summary.delete > 0 && summary.replace > 0, JSON.stringify(summary));
  const next = await engineState(copy);
  assert.notEqual(old, next);
  return { dir, base, b, old, next, calls };
}

Deno.test({
  name: "a failure at every mutating call of an apply leaves the engine exactly as before",
  ignore,
}, async () => {
  const { dir, base, b, old, next } = await setup();
  const batch = 4;
  let calls = -1;
  for (let n0 = 1; calls < 0 && n0 < 500; n0 += batch) {
    const results = await Promise.all(Array.from({ length: batch }, async (_, k) => {
      const n = n0 + k;
      const state = `${dir}/f${n}.state`;
      Deno.copyFileSync(base, state);
      const r = await wfpsec(["apply", b, "--json", ...SIM(state)], {
        FWPSIM_FAIL_AT: `${n}:${FWP_E_IN_USE}`,
      });
      const after = await engineState(state);
      return { n, r, after };
    }));
    for (const { n, r, after } of results) {
      if (r.code === 0) {
        if (calls < 0) calls = n - 1;
        assert.equal(after, next, "an apply whose injection point is past its last call completes");
        continue;
      }
      assert.equal(r.code, 1, r.stderr);
      const err = json(r, "apply").error as Record<string, unknown>;
      assert.equal(err.type, "WfpError", r.stdout);
      assert.equal(err.wfpName, "FWP_E_IN_USE");
      assert.equal(err.wfpCode, FWP_E_IN_USE);
      const obj = err.object as { kind: string; key: string; name: string };
      assert.ok(obj && obj.kind && /^[0-9a-f-]{36}$/.test(obj.key), JSON.stringify(err));
      assert.match(String(err.message), /nothing changed/);
      assert.equal(after, old, `engine unchanged after a failure at mutating call ${n}`);
    }
  }
  assert.ok(calls >= 5, `the apply made ${calls} mutating calls, each was failed once`);
  console.log(`fault injection: ${calls} mutating calls, each failed once, engine unchanged every time`);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test(
  { name: "SIGKILL at random points of an apply never leaves a partial state (50 trials)", ignore },
  async () => {
    const { dir, base, b, old, next, calls } = await setup();
    // fwpsim sleeps DELAY_US in every mutating call and reports each call on stderr
    // (FWPSIM_DUMP_MUTATIONS), so each trial can be killed right after a chosen call k of the open transaction,
    // plus a random part of the next call's duration: every point from the first change to the commit is hit.
    const DELAY_US = 5000;
    const env = { FWPSIM_DELAY_US: String(DELAY_US), FWPSIM_DUMP_MUTATIONS: "1" };
    const trials = 50, batch = 4;
    let killedOld = 0, killedNew = 0, finished = 0;
    for (let i = 0; i < trials; i += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, trials - i) }, async (_, j) => {
        const trial = i + j;
        const state = `${dir}/k${trial}.state`;
        Deno.copyFileSync(base, state);
        const k = 1 + (trial % calls); // every call index is a kill point, over and over
        const extra = Math.random() * DELAY_US / 1000 * 1.5;
        const child = spawnWfpsec(["apply", b, ...SIM(state)], env);
        const stdout = new Response(child.stdout).text();
        let seen = 0, err = "";
        const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
        while (seen < k) {
          const { value, done } = await reader.read();
          if (done) break;
          err += value;
          seen = (err.match(/fwpsim: mutation /g) ?? []).length;
        }
        await new Promise((res) => setTimeout(res, extra));
        try {
          child.kill("SIGKILL");
        } catch { /* already exited */ }
        const status = await child.status;
        reader.releaseLock();
        await child.stderr.cancel().catch(() => {});
        transcript.push(await stdout, err);
        const s = await engineState(state);
        const killed = status.signal === "SIGKILL";
        if (!killed) finished++;
        if (s === old) {
          assert.ok(killed, "an apply that finished must leave the new state");
          killedOld++;
        } else if (s === next) {
          if (killed) killedNew++;
        } else {assert.fail(
            `trial ${trial}: killed after mutating call ${k} (+${extra.toFixed(1)} ms): partial state`,
          );}
      }));
    }
    console.log(
      `kill trials: ${trials} over ${calls} mutating calls: killed ${trials - finished} ` +
        `(${killedOld} left the old state, ${killedNew} the new one), ${finished} finished first; 0 partial`,
    );
    assert.ok(killedOld >= trials / 2, "most trials must kill an apply inside its transaction");
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test({ name: "no output of the atomicity runs contained the pre-shared key", ignore }, () => {
  assert.ok(transcript.length > 20);
  for (const t of transcript) assert.ok(!t.includes(PSK_VALUE));
});
