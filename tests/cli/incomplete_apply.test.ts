/**
 * An apply killed in its SA phase, with real processes on fwpsim: the filters it committed stay in force
 * without their SAs and the SA context it had created is left half-built (no SA: invisible to the plan's
 * comparison). Its incomplete-apply record (`<state>.wfpsec-incomplete-apply.json`) says so: `plan` reports it
 * (JSON `incompleteApply`, a headline, exit 2), and the next `apply --if-drifted` deletes the half-built SA
 * context, sets the SAs and clears the record ("finished"); applying another version instead reverts it. An
 * interactive apply killed mid-SA-phase while the scheduled task's `apply --if-drifted` waits for the apply
 * lock ends with the task's version in force and exactly one SA context; racing unkilled, both succeed and
 * one version is in force, SA context included.
 */
import assert from "node:assert/strict";
import { haveSim, holdLock, ROOT, spawnWfpsec, tempDir, transcript, wfpsec } from "./helpers.ts";
import { DscResource } from "./dsc_driver.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const KEY_IN = "6b1f0c2ad4e85b7391a0c6d2e4f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2";
const KEY_OUT = "9e8d7c6b5a49382716f5e4d3c2b1a0f9".repeat(2);
const ENV = { PEER_OUT_KEY: KEY_OUT };
const record = (state: string) => `${state}.wfpsec-incomplete-apply.json`;

/** Two versions of the manual-SA example (SPIs differ), with the inbound key in a temp file. */
function versions(dir: string): { a: string; b: string } {
  const keyFile = `${dir}/peer-in.key`;
  Deno.writeTextFileSync(keyFile, KEY_IN + "\n");
  const text = Deno.readTextFileSync(`${ROOT}/examples/manual-sa.yaml`).replace(
    "/etc/wfpsec/peer-in.key",
    keyFile,
  );
  const a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, text);
  Deno.writeTextFileSync(b, text.replace("spi: 0x1001", "spi: 0x1003").replace("spi: 0x2002", "spi: 0x2004"));
  return { a, b };
}

function readRecord(state: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Deno.readTextFileSync(record(state)));
  } catch {
    return undefined; // not there yet, or between the writer's temp file and its rename
  }
}

/**
 * Starts `apply FILE` with slow engine calls and kills it (SIGKILL) once its record names an SA context it
 * created: the process dies in its SA phase. Returns that SA context's id.
 */
async function killInSaPhase(file: string, state: string): Promise<string> {
  const child = spawnWfpsec(["apply", file, ...SIM(state)], { ...ENV, FWPSIM_DELAY_US: "150000" });
  const end = Date.now() + 60_000;
  let id: string | undefined;
  while (!id && Date.now() < end) {
    id = (readRecord(state)?.createdSaContexts as string[] | undefined)?.[0];
    if (!id) await new Promise((r) => setTimeout(r, 5));
  }
  child.kill("SIGKILL");
  const status = await child.status;
  await child.stdout.cancel();
  await child.stderr.cancel();
  assert.ok(id, "the apply never recorded an SA context");
  assert.equal(status.signal, "SIGKILL", "the apply ended before it was killed");
  return id;
}

const doc = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, unknown>;
const saContexts = async (state: string) => {
  const r = await wfpsec(["sa", "--json", ...SIM(state)], ENV);
  assert.equal(r.code, 0, r.stderr);
  return doc(r).saContexts as { saContextId: string; inboundSa: unknown; outboundSa: unknown }[];
};

Deno.test({
  name: "an apply killed in its SA phase: plan reports it, apply --if-drifted finishes it",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const { a } = versions(dir);
  const orphan = await killInSaPhase(a, state);

  const plan = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
  assert.equal(plan.code, 2, plan.stdout);
  const ia = doc(plan).incompleteApply as Record<string, unknown>;
  assert.equal(ia.state, "interrupted");
  assert.deepEqual(ia.policy, { name: "manual-sa", file: a });
  assert.equal(ia.filtersCommitted, true);
  assert.deepEqual(ia.saContextsLeft, [orphan]);
  assert.deepEqual(ia.manualSas, [{ name: "peer-2-2-2-2", action: "add" }]);
  assert.equal(ia.file, record(state));
  const changes = doc(plan).changes as { kind: string; action: string }[];
  assert.deepEqual(changes.map((c) => [c.kind, c.action]), [["manualSa", "add"]]);
  const text = await wfpsec(["plan", a, ...SIM(state)], ENV);
  assert.equal(text.code, 2);
  assert.match(
    text.stdout,
    /INCOMPLETE APPLY: an earlier apply of policy "manual-sa" .* did not finish \(the process ended during it\); its filter changes were committed; 1 SA context\(s\) it created are still in the engine/,
  );
  // The half-built SA context the killed apply left.
  const before = await saContexts(state);
  assert.deepEqual(before.map((c) => [c.saContextId, c.inboundSa ?? null]), [[orphan, null]]);

  const fix = await wfpsec(["apply", a, "--if-drifted", ...SIM(state)], ENV);
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  assert.equal(fix.stdout.trim().split("\n").length, 1, "--if-drifted prints one line");
  const d = doc(fix);
  assert.equal(d.outcome, "applied");
  const resolved = d.incompleteApply as Record<string, unknown>;
  assert.equal(resolved.resolution, "finished");
  assert.deepEqual(resolved.deletedSaContexts, [orphan]);
  const after = await saContexts(state);
  assert.equal(after.length, 1, "exactly one SA context: the orphan is gone");
  assert.notEqual(after[0].saContextId, orphan);
  assert.ok(after[0].inboundSa && after[0].outboundSa);
  assert.equal(readRecord(state), undefined, "the record is cleared");
  const clean = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(doc(clean).incompleteApply, null);
});

Deno.test({ name: "a record an apply still running holds is reported as in progress", ignore }, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const { a } = versions(dir);
  assert.equal((await wfpsec(["apply", a, ...SIM(state)], ENV)).code, 0);
  const holder = await holdLock(`${state}.wfpsec-apply.lock`);
  try {
    Deno.writeTextFileSync(
      record(state),
      JSON.stringify({
        version: 1,
        policy: { name: "manual-sa", file: a },
        command: "apply",
        pid: holder.child.pid,
        host: "h",
        startedAt: "2026-12-03T07:00:00.000Z",
        state: "running",
        filtersCommitted: false,
        manualSas: [],
        createdSaContexts: [],
        staleSaContexts: [],
        deletedSaContexts: [],
        unrecordedCreate: null,
        filtersUndone: null,
        failure: null,
      }),
    );
    const plan = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
    assert.equal((doc(plan).incompleteApply as Record<string, unknown>).state, "in-progress");
    const text = await wfpsec(["plan", a, ...SIM(state)], ENV);
    assert.match(text.stdout, new RegExp(`An apply is in progress: .* pid ${holder.child.pid} on h`));
  } finally {
    await holder.release();
  }
  // Its holder gone, the same record is an interrupted apply; remove clears it.
  const plan = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
  assert.equal((doc(plan).incompleteApply as Record<string, unknown>).state, "interrupted");
  const rm = await wfpsec(["remove", "--json", ...SIM(state)], ENV);
  assert.equal(rm.code, 0, rm.stderr);
  assert.equal((doc(rm).incompleteApply as Record<string, unknown>).resolution, "removed");
  assert.equal(readRecord(state), undefined);
});

Deno.test({
  name: "an interactive apply killed in its SA phase while apply --if-drifted waits: the task reverts it",
  ignore,
}, async () => {
  const dir = tempDir();
  const { a, b } = versions(dir);
  const RUNS = 3;
  for (let i = 0; i < RUNS; i++) {
    const state = `${dir}/k${i}.state`;
    assert.equal((await wfpsec(["apply", a, ...SIM(state)], ENV)).code, 0);
    // The interactive apply of version b takes the lock; the task (version a) starts once b is applying.
    const interactive = spawnWfpsec(["apply", b, ...SIM(state)], { ...ENV, FWPSIM_DELAY_US: "150000" });
    const end = Date.now() + 60_000;
    while (!readRecord(state) && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    const task = spawnWfpsec(["apply", a, "--if-drifted", ...SIM(state)], ENV);
    let orphan: string | undefined;
    while (!orphan && Date.now() < end) {
      orphan = (readRecord(state)?.createdSaContexts as string[] | undefined)?.[0];
      if (!orphan) await new Promise((r) => setTimeout(r, 5));
    }
    interactive.kill("SIGKILL");
    await interactive.status;
    await interactive.stdout.cancel();
    await interactive.stderr.cancel();
    const t = await task.output();
    const line = new TextDecoder().decode(t.stdout);
    transcript.push(line);
    assert.equal(t.code, 0, line + new TextDecoder().decode(t.stderr));
    const d = JSON.parse(line);
    assert.equal(d.outcome, "applied");
    assert.equal(d.incompleteApply.resolution, "reverted", line);
    assert.deepEqual(d.incompleteApply.policy, { name: "manual-sa", file: b });
    // The SA context it created and the stale one of version a it was to delete (on filters now gone).
    assert.equal(d.incompleteApply.deletedSaContexts.length, 2, line);
    assert.ok(d.incompleteApply.deletedSaContexts.includes(orphan));
    const ctx = await saContexts(state);
    assert.equal(ctx.length, 1, `run ${i}: exactly one SA context`);
    const plan = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
    assert.equal(plan.code, 0, `run ${i}: version a is in force, SAs included: ${plan.stdout}`);
    assert.equal(readRecord(state), undefined);
  }
  console.log(`killed-interactive races: ${RUNS}; each time the task reverted it to its version, 0 orphans`);
});

Deno.test({
  name: "an interactive apply racing apply --if-drifted with manual SAs: both succeed, one version in force",
  ignore,
}, async () => {
  const dir = tempDir();
  const { a, b } = versions(dir);
  const RACES = 4;
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < RACES; i++) {
    const s = `${dir}/race-${i}.state`;
    const env = { ...ENV, FWPSIM_DELAY_US: "2000" };
    // Either may start first (and so take the lock first).
    const start = [
      () => spawnWfpsec(["apply", b, "--json", ...SIM(s)], env),
      () => spawnWfpsec(["apply", a, "--if-drifted", ...SIM(s)], env),
    ];
    if (i % 2) start.reverse();
    const [first, second] = [start[0](), start[1]()];
    const [interactive, task] = i % 2 ? [second, first] : [first, second];
    const [ri, rt] = await Promise.all([interactive.output(), task.output()]);
    const text = (x: Deno.CommandOutput) => new TextDecoder().decode(x.stdout);
    transcript.push(text(ri), text(rt));
    assert.equal(ri.code, 0, text(ri) + new TextDecoder().decode(ri.stderr));
    assert.equal(rt.code, 0, text(rt) + new TextDecoder().decode(rt.stderr));
    const inSync = async (f: string) => (await wfpsec(["plan", f, ...SIM(s)], ENV)).code === 0;
    const which = (await inSync(a)) ? "a" : (await inSync(b)) ? "b" : "mixed";
    assert.notEqual(which, "mixed", `race ${i} left neither version in force`);
    assert.equal((await saContexts(s)).length, 1, `race ${i}: exactly one SA context`);
    assert.equal(readRecord(s), undefined, `race ${i} left a record`);
    const key = `${JSON.parse(text(ri)).outcome}/${JSON.parse(text(rt)).outcome}->${which}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  console.log(`manual-SA races run: ${RACES}; outcomes (interactive/task -> version in force):`, outcomes);
});

Deno.test({ name: "dsc set finishes an apply killed in its SA phase", ignore }, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const { a } = versions(dir);
  const orphan = await killInSaPhase(a, state);
  const dsc = await DscResource.open({ WFPSEC_ENGINE: "sim", FWPSIM_STATE: state, ...ENV });
  const s = await dsc.set({ path: a });
  assert.ok(
    s.messages.some((m) =>
      m.level === "info" &&
      new RegExp(
        `^Finished the incomplete apply of policy "manual-sa" .*deleted 1 SA context\\(s\\) it had left \\(${orphan}\\)`,
      )
        .test(m.text)
    ),
    JSON.stringify(s.messages),
  );
  assert.equal(readRecord(state), undefined);
  const ctx = await saContexts(state);
  assert.equal(ctx.length, 1);
  assert.ok(ctx[0].inboundSa && ctx[0].outboundSa);
});

Deno.test({
  name: "a record alone (the engine in sync) makes status not compliant and dsc test not in desired state",
  ignore,
}, async () => {
  // An apply killed after its last SA but before clearing its record: every object is in place, only the
  // record says the SA phase did not finish. Built here from a real record, put back after the fix.
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const { a } = versions(dir);
  await killInSaPhase(a, state);
  const saved = Deno.readTextFileSync(record(state));
  const fix = await wfpsec(["apply", a, "--if-drifted", ...SIM(state)], ENV);
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  const inSync = await wfpsec(["status", a, "--json", ...SIM(state)], ENV);
  assert.equal(inSync.code, 0, inSync.stdout);
  Deno.writeTextFileSync(record(state), saved);

  const plan = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
  assert.deepEqual(doc(plan).changes, [], "the objects are all in place");
  assert.equal(plan.code, 2, "plan: exit 2 for the record");

  const st = await wfpsec(["status", a, "--json", ...SIM(state)], ENV);
  assert.equal(st.code, 1, st.stdout);
  const sd = doc(st);
  assert.equal(sd.compliant, false);
  assert.equal(sd.inSync, true);
  assert.deepEqual(sd.reasons, ["incomplete apply (interrupted)"]);
  assert.equal(sd.incompleteApply, "interrupted");
  assert.match(
    String(sd.line),
    /NOT COMPLIANT.*INCOMPLETE APPLY \(interrupted\): the next apply finishes it/,
  );

  const dsc = await DscResource.open({ WFPSEC_ENGINE: "sim", FWPSIM_STATE: state, ...ENV });
  const t = await dsc.test({ path: a });
  assert.equal(t.state._inDesiredState, false);
  assert.equal(t.state.inSync, false);
  assert.match(t.state.changes[0], /^INCOMPLETE APPLY: an earlier apply of policy "manual-sa"/);
  const g = await dsc.get({ path: a });
  assert.equal(g.state.inSync, false);

  // set finishes it (as apply does); then everything agrees again.
  await dsc.set({ path: a });
  assert.equal(readRecord(state), undefined);
  assert.equal((await dsc.test({ path: a })).state._inDesiredState, true);
  assert.equal((await wfpsec(["status", a, ...SIM(state)], ENV)).code, 0);

  // dsc set with _exist false takes the record with it too (as `wfpsec remove`).
  Deno.writeTextFileSync(record(state), saved);
  await dsc.set({ path: a, _exist: false });
  assert.equal(readRecord(state), undefined, "the record is cleared by the removal");
  const gone = await wfpsec(["plan", a, "--json", ...SIM(state)], ENV);
  assert.equal(doc(gone).incompleteApply, null);
});

Deno.test({ name: "no manual SA key appears in any output of these runs", ignore }, () => {
  assert.ok(transcript.length > 5);
  for (const t of transcript) {
    assert.ok(!t.includes(KEY_IN) && !t.includes(KEY_OUT));
  }
});
