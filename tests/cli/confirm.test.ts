/**
 * Confirm or revert (issue 16 item 1) on fwpsim, as an administrator runs it: `apply FILE --confirm-within
 * DURATION` arms a revert to the state it replaced; without `confirm`, `revert --due` after the deadline puts
 * that state back exactly (what the armed Windows tasks run; on fwpsim the test runs it); `confirm` keeps the
 * new state; while an apply awaits confirmation, apply and remove are refused and change nothing; the engine
 * changed behind the armed apply's back is not reverted; bad durations and a corrupt record are typed errors.
 * Manual SAs, a killed apply and a BFE restart: confirm_sa.test.ts.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, type RunResult, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const record = (state: string) => `${state}.wfpsec-apply.confirm.json`;
const exists = (p: string) => {
  try {
    Deno.statSync(p);
    return true;
  } catch {
    return false;
  }
};

/** Waits until just past the deadline an apply --json reported. */
export async function pastDeadline(apply: RunResult): Promise<void> {
  const deadline = Date.parse((JSON.parse(apply.stdout).confirm as { deadline: string }).deadline);
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() + 100)));
}

/** A temp dir with policy A applied (the state to come back to) and policy B (the change under test). */
async function setup() {
  const dir = tempDir();
  const state = `${dir}/s.state`, a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, testPolicy({ name: "pol-a" }));
  Deno.writeTextFileSync(b, testPolicy({ name: "pol-b", remote: "172.16.0.0/12", extraExemption: true }));
  const r = await wfpsec(["apply", a, ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  return { dir, state, a, b, stateA: await engineState(state) };
}

Deno.test(
  { name: "not confirmed: revert --due after the deadline restores the previous policy", ignore },
  async () => {
    const { state, a, b, stateA } = await setup();
    const apply = await wfpsec(["apply", b, "--confirm-within", "5s", "--json", ...SIM(state)]);
    assert.equal(apply.code, 0, apply.stderr);
    const doc = json(apply, "apply");
    const confirm = doc.confirm as Record<string, unknown>;
    assert.equal(doc.outcome, "applied");
    assert.equal(confirm.previousPolicy, "pol-a");
    assert.deepEqual(confirm.policy, { name: "pol-b", file: b });
    assert.equal(Date.parse(confirm.deadline as string) - Date.parse(confirm.armedAt as string), 5000);
    assert.match(String(confirm.revertBy), /simulator: nothing runs by itself; run "wfpsec revert --due"/);
    const stateB = await engineState(state);
    assert.notEqual(stateB, stateA);
    assert.ok(exists(record(state)), "the armed record is beside the apply lock");
    if (Deno.build.os !== "windows") {
      assert.equal(Deno.statSync(record(state)).mode! & 0o077, 0, "the record (it holds keys) is owner-only");
    }

    // Before the deadline --due does nothing (exit 0), after it the previous policy is back.
    const early = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
    assert.equal(early.code, 0, early.stderr);
    assert.equal(json(early, "revert").outcome, "not-due");
    assert.equal(await engineState(state), stateB);
    await pastDeadline(apply);
    const due = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
    assert.equal(due.code, 0, due.stderr);
    const rd = json(due, "revert");
    assert.equal(rd.outcome, "reverted");
    assert.equal(rd.restoredPolicy, "pol-a");
    assert.ok((rd.changes as unknown[]).length > 0);
    assert.equal(await engineState(state), stateA, "exactly the previous objects");
    assert.equal((await wfpsec(["plan", a, ...SIM(state)])).code, 0, "policy A plans in sync");
    assert.ok(!exists(record(state)), "the record is deleted");

    // Nothing is due any more; a late confirm learns that the apply was reverted.
    const again = await wfpsec(["revert", "--due", ...SIM(state)]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /Nothing is armed/);
    const late = await wfpsec(["confirm", "--json", ...SIM(state)]);
    assert.equal(late.code, 1);
    const err = json(late, "confirm").error as { type: string; message: string };
    assert.equal(err.type, "SafetyError");
    assert.match(err.message, /too late to confirm: the apply of policy "pol-b" .* was reverted at/);
  },
);

Deno.test({ name: "confirmed: the new policy stays, revert --due finds nothing", ignore }, async () => {
  const { state, b } = await setup();
  const apply = await wfpsec(["apply", b, "--confirm-within", "5s", "--json", ...SIM(state)]);
  assert.equal(apply.code, 0, apply.stderr);
  const stateB = await engineState(state);
  const c = await wfpsec(["confirm", "--json", ...SIM(state)]);
  assert.equal(c.code, 0, c.stderr);
  const cd = json(c, "confirm");
  assert.equal(cd.outcome, "confirmed");
  assert.equal((cd.armed as { policy: { name: string } }).policy.name, "pol-b");
  assert.equal(cd.late, false);
  assert.ok(!exists(record(state)));
  await pastDeadline(apply);
  const due = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
  assert.equal(due.code, 0);
  assert.equal(json(due, "revert").outcome, "nothing-armed");
  assert.equal(await engineState(state), stateB);
  // Confirm again: nothing awaits confirmation, exit 0; a plain apply is allowed again.
  const twice = await wfpsec(["confirm", ...SIM(state)]);
  assert.equal(twice.code, 0);
  assert.match(twice.stdout, /Nothing awaits confirmation/);
  assert.equal((await wfpsec(["plan", b, ...SIM(state)])).code, 0);
});

Deno.test({
  name: "while an apply awaits confirmation, apply and remove are refused; revert undoes it now",
  ignore,
}, async () => {
  const { dir, state, a, b, stateA } = await setup();
  const apply = await wfpsec(["apply", b, "--confirm-within", "1h", ...SIM(state)]);
  assert.equal(apply.code, 0, apply.stderr);
  assert.match(
    apply.stdout,
    /Awaiting confirmation until .*: run "wfpsec confirm" to keep this policy; otherwise policy "pol-a" is restored at the deadline/,
  );
  const stateB = await engineState(state);
  const c = `${dir}/c.yaml`;
  Deno.writeTextFileSync(c, testPolicy({ name: "pol-c", remote: "192.168.0.0/16" }));
  for (
    const args of [
      ["apply", c, "--json"],
      ["apply", c, "--confirm-within", "5m", "--json"],
      ["apply", a, "--json"],
      ["remove", "--json"],
    ]
  ) {
    const r = await wfpsec([...args, ...SIM(state)]);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}`);
    const err = json(r, args[0]).error as { type: string; message: string };
    assert.equal(err.type, "SafetyError");
    assert.match(
      err.message,
      new RegExp(
        `${
          args[0]
        } refused: the apply of policy "pol-b" .* awaits confirmation until .*"wfpsec confirm".*nothing changed`,
      ),
    );
    assert.equal(await engineState(state), stateB, `${args.join(" ")} changed nothing`);
  }
  // So is a fleet engine's `dsc set` (exit 4: refused for safety).
  const dsc = await wfpsec(["dsc", "set", "--input", JSON.stringify({ path: c })], {
    WFPSEC_ENGINE: "sim",
    FWPSIM_STATE: state,
  });
  assert.equal(dsc.code, 4, dsc.stderr);
  assert.match(dsc.stderr, /dsc set refused: the apply of policy .*pol-b.* awaits confirmation/);
  assert.equal(await engineState(state), stateB);
  // The scheduled task's run fails with its one JSON line, and changes nothing either.
  const drift = await wfpsec(["apply", c, "--if-drifted", ...SIM(state)]);
  assert.equal(drift.code, 1);
  assert.equal(JSON.parse(drift.stdout).outcome, "failed");
  assert.equal(await engineState(state), stateB);
  // Not due for an hour, but `revert` (without --due) undoes it now.
  assert.equal(json(await wfpsec(["revert", "--due", "--json", ...SIM(state)]), "revert").outcome, "not-due");
  const now = await wfpsec(["revert", ...SIM(state)]);
  assert.equal(now.code, 0, now.stderr);
  assert.match(now.stdout, /Reverted the apply of policy "pol-b" .*: policy "pol-a" is back in force/);
  assert.equal(await engineState(state), stateA);
});

Deno.test(
  { name: "an armed apply over nothing of ours reverts by removing our objects", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`, b = `${dir}/b.yaml`;
    Deno.writeTextFileSync(b, testPolicy({ name: "pol-b" }));
    const empty = await engineState(state);
    const apply = await wfpsec(["apply", b, "--confirm-within", "5s", "--json", ...SIM(state)]);
    assert.equal(apply.code, 0, apply.stderr);
    assert.equal((json(apply, "apply").confirm as Record<string, unknown>).previousPolicy, null);
    await pastDeadline(apply);
    const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const d = json(r, "revert");
    assert.equal(d.outcome, "reverted");
    assert.equal(d.restoredPolicy, null);
    assert.equal((d.removed as { providers: number }).providers, 1);
    assert.equal(await engineState(state), empty);
  },
);

Deno.test({ name: "an apply with nothing to change arms nothing", ignore }, async () => {
  const { state, a } = await setup();
  const r = await wfpsec(["apply", a, "--confirm-within", "5m", "--json", ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  const d = json(r, "apply");
  assert.equal(d.outcome, "in-sync");
  assert.equal(d.confirm, null);
  assert.ok(!exists(record(state)));
  const t = await wfpsec(["apply", a, "--confirm-within", "5m", ...SIM(state)]);
  assert.match(t.stdout, /Nothing changed, so no revert was armed/);
});

Deno.test({
  name: "the engine changed behind an armed apply's back is not reverted; the record is kept",
  ignore,
}, async () => {
  const { dir, state, b } = await setup();
  const apply = await wfpsec(["apply", b, "--confirm-within", "5s", ...SIM(state)]);
  assert.equal(apply.code, 0, apply.stderr);
  // Another tool changes our objects: the record is set aside, a third policy applied, the record put back.
  const saved = Deno.readTextFileSync(record(state));
  Deno.removeSync(record(state));
  const c = `${dir}/c.yaml`;
  Deno.writeTextFileSync(c, testPolicy({ name: "pol-c", remote: "192.168.0.0/16" }));
  assert.equal((await wfpsec(["apply", c, ...SIM(state)])).code, 0);
  Deno.writeTextFileSync(record(state), saved);
  const stateC = await engineState(state);
  const r = await wfpsec(["revert", "--json", ...SIM(state)]);
  assert.equal(r.code, 1, r.stdout);
  const err = json(r, "revert").error as { type: string; message: string };
  assert.equal(err.type, "SafetyError");
  assert.match(
    err.message,
    /not reverted: the engine no longer holds the apply of policy "pol-b" .*; the record .* is kept.*"wfpsec confirm"/,
  );
  assert.equal(await engineState(state), stateC);
  assert.ok(exists(record(state)));
  // confirm disarms it (keeping pol-c).
  assert.equal((await wfpsec(["confirm", ...SIM(state)])).code, 0);
  assert.ok(!exists(record(state)));
});

Deno.test(
  { name: "bad --confirm-within values are usage errors before anything is opened", ignore },
  async () => {
    const { state, b, stateA } = await setup();
    const cases: [string, RegExp][] = [
      ["5", /"5" is not a duration: give a number with a unit, e\.g\. 90s, 5m, 1h or 1h30m/],
      ["abc", /"abc" is not a duration/],
      ["5m1h", /"5m1h" is not a duration/],
      ["-5m", /argument is ambiguous|"-5m" is not a duration/],
      ["4s", /4s is out of range: between 5s and 24h/],
      ["0h", /0h is out of range/],
      ["25h", /25h is out of range/],
      ["", /"" is not a duration/],
    ];
    for (const [value, re] of cases) {
      const r = await wfpsec(["apply", b, `--confirm-within=${value}`, "--json", ...SIM(state)]);
      assert.equal(r.code, 1, value);
      const err = json(r, "apply").error as { type: string; message: string };
      assert.equal(err.type, "UsageError", value);
      assert.match(err.message, re, value);
    }
    const drift = await wfpsec(["apply", b, "--if-drifted", "--confirm-within", "5m", ...SIM(state)]);
    assert.equal(drift.code, 1);
    assert.match(drift.stdout, /--confirm-within is for an apply an administrator watches/);
    assert.equal(await engineState(state), stateA, "nothing changed");
    assert.ok(!exists(record(state)));
    const help = await wfpsec(["apply", "--help"]);
    assert.match(help.stdout, /--confirm-within DURATION \(5s\.\.24h/);
    const top = await wfpsec(["--help"]);
    assert.match(top.stdout, /^\s+confirm\s+keep an apply made with --confirm-within/m);
    assert.match(top.stdout, /^\s+revert\s+undo an apply made with --confirm-within/m);
  },
);

Deno.test(
  { name: "a corrupt armed record is refused naming the file and field; nothing changes", ignore },
  async () => {
    const { state, b, stateA } = await setup();
    const cases: [string, RegExp][] = [
      ["not json", /is corrupt \(not JSON\)/],
      ['{"version":2}', /is corrupt \(version: expected 1\)/],
      [
        '{"version":1,"armedAt":"x","deadline":"2026-01-01T00:00:00Z"}',
        /is corrupt \(armedAt: not a time\)/,
      ],
    ];
    for (const [text, re] of cases) {
      Deno.writeTextFileSync(record(state), text);
      for (const args of [["revert", "--due"], ["confirm"], ["apply", b]]) {
        const r = await wfpsec([...args, "--json", ...SIM(state)]);
        assert.equal(r.code, 1, `${args[0]}: ${r.stdout}`);
        const err = json(r, args[0]).error as { type: string; message: string };
        assert.equal(err.type, "SafetyError");
        assert.match(err.message, re);
        assert.ok(err.message.includes(record(state)), "the message names the file");
      }
      assert.equal(await engineState(state), stateA);
    }
  },
);

Deno.test(
  { name: "a previous policy whose key this session cannot read is not armed over", ignore },
  async () => {
    const { state, b, stateA } = await setup();
    // Policy A's pre-shared key comes from WFPSEC_CLI_TEST_PSK: without it the revert could not restore A.
    const r = await wfpsec(["apply", b, "--confirm-within", "5m", "--json", ...SIM(state)], {
      WFPSEC_CLI_TEST_PSK: "",
    });
    assert.equal(r.code, 1, r.stdout);
    const err = json(r, "apply").error as { type: string; message: string };
    assert.equal(err.type, "SafetyError");
    assert.match(
      err.message,
      /cannot arm a revert: the policy in force \("pol-a"\) has a key this session cannot read/,
    );
    assert.match(err.message, /nothing changed/);
    assert.equal(await engineState(state), stateA);
    assert.ok(!exists(record(state)));
  },
);
