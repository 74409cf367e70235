/**
 * An apply awaiting confirmation (`apply --confirm-within`) is visible wherever an administrator looks, on
 * fwpsim: `plan` and `show` print a headline and carry `awaitingConfirmation` in JSON, `status` is not
 * compliant (AWAITING CONFIRMATION, or REVERT OVERDUE) and `doctor` warns (overdue or a corrupt record: a
 * failed check). After `confirm` or the revert every one of them is back to normal.
 */
import assert from "node:assert/strict";
import { haveSim, json, type RunResult, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const record = (state: string) => `${state}.wfpsec-apply.confirm.json`;
const ok = (r: RunResult, code = 0) => assert.equal(r.code, code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);

/** Policy A in force, policy B applied over it with --confirm-within 10m (or A's absence when `fromEmpty`). */
async function armed(fromEmpty = false) {
  const dir = tempDir();
  const state = `${dir}/s.state`, a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, testPolicy({ name: "pol-a" }));
  Deno.writeTextFileSync(b, testPolicy({ name: "pol-b", remote: "172.16.0.0/12", extraExemption: true }));
  if (!fromEmpty) ok(await wfpsec(["apply", a, ...SIM(state)]));
  const apply = await wfpsec(["apply", b, "--confirm-within", "10m", "--json", ...SIM(state)]);
  ok(apply);
  const deadline = (json(apply, "apply").confirm as { deadline: string }).deadline;
  return { state, a, b, deadline };
}

/** Moves the armed record's deadline into the past: the deadline passed and `revert --due` has not run. */
function makeOverdue(state: string, agoMs = 90_000): string {
  const rec = JSON.parse(Deno.readTextFileSync(record(state)));
  rec.deadline = new Date(Date.now() - agoMs).toISOString();
  Deno.writeTextFileSync(record(state), JSON.stringify(rec));
  return rec.deadline;
}

/** plan, show, status and doctor (text and JSON) against the armed host. */
async function look(state: string, file: string) {
  const args = SIM(state);
  return {
    plan: await wfpsec(["plan", file, ...args]),
    planJson: await wfpsec(["plan", file, "--json", ...args]),
    show: await wfpsec(["show", ...args]),
    showJson: await wfpsec(["show", "--json", ...args]),
    status: await wfpsec(["status", file, ...args]),
    statusJson: await wfpsec(["status", file, "--json", ...args]),
    doctor: await wfpsec(["doctor", ...args]),
    doctorJson: await wfpsec(["doctor", "--json", ...args]),
  };
}

const check = (r: RunResult) =>
  (json(r, "doctor").checks as { name: string; ok: boolean; required: boolean; detail: string }[])
    .find((c) => c.name === "awaiting confirmation");

Deno.test(
  { name: "armed: plan, show, status and doctor say a revert is pending, until confirm", ignore },
  async () => {
    const { state, b, deadline } = await armed();
    const l = await look(state, b);
    const headline = new RegExp(
      `^An apply of policy "pol-b" awaits confirmation: it will be reverted to "pol-a" at ` +
        `${deadline.replace(/\./g, "\\.")} \\(in (9m \\d+s|10m 0s)\\) unless \`wfpsec confirm\` runs\\.$`,
      "m",
    );
    ok(l.plan); // B is in force: in sync
    assert.match(l.plan.stdout.split("\n")[0], headline, "the plan's first line");
    ok(l.show);
    assert.match(l.show.stdout.split("\n")[0], headline, "show's first line");
    const expected = {
      policy: { name: "pol-b", file: b },
      deadline,
      revertsTo: "pol-a",
      overdue: false,
      tasks: [],
      record: record(state),
    };
    for (const [r, cmd] of [[l.planJson, "plan"], [l.showJson, "show"]] as const) {
      ok(r);
      const got = json(r, cmd).awaitingConfirmation as Record<string, unknown>;
      assert.ok(got, `${cmd} --json has awaitingConfirmation`);
      const { armedAt, ...rest } = got;
      assert.deepEqual(rest, expected, cmd);
      assert.ok(Date.parse(armedAt as string) < Date.parse(deadline));
    }
    ok(l.status, 1); // in sync, but provisional: not compliant
    assert.match(
      l.status.stdout,
      new RegExp(
        `^wfpsec NOT COMPLIANT \\(SIMULATOR\\): policy 'pol-b' .*; AWAITING CONFIRMATION: the ` +
          `apply of 'pol-b' is reverted to 'pol-a' at ${
            deadline.replace(/\./g, "\\.")
          } unless wfpsec confirm runs`,
      ),
    );
    assert.equal(l.status.stdout.trim().split("\n").length, 1, "one line");
    ok(l.statusJson, 1);
    const st = json(l.statusJson, "status");
    assert.equal(st.compliant, false);
    assert.equal(st.inSync, true);
    assert.deepEqual(st.reasons, ["awaiting confirmation"]);
    assert.deepEqual(st.awaitingConfirmation, {
      policy: { name: "pol-b", file: b },
      deadline,
      revertsTo: "pol-a",
      overdue: false,
    });
    ok(l.doctor); // a warning, not a failure
    assert.match(
      l.doctor.stdout,
      /^warn {2}awaiting confirmation: An apply of policy "pol-b" awaits confirmation/m,
    );
    ok(l.doctorJson);
    assert.deepEqual({ ...check(l.doctorJson), detail: "" }, {
      name: "awaiting confirmation",
      ok: false,
      required: false,
      detail: "",
    });
    assert.match(check(l.doctorJson)!.detail, headline);

    ok(await wfpsec(["confirm", ...SIM(state)]));
    const c = await look(state, b);
    for (const r of [c.plan, c.show, c.doctor]) {
      ok(r);
      assert.doesNotMatch(r.stdout, /An apply of policy .* awaits confirmation/);
    }
    ok(c.status); // compliant again
    assert.match(c.status.stdout, /^wfpsec COMPLIANT \(SIMULATOR\)/);
    assert.doesNotMatch(c.status.stdout, /AWAITING|OVERDUE/);
    for (const [r, cmd] of [[c.planJson, "plan"], [c.showJson, "show"], [c.statusJson, "status"]] as const) {
      assert.equal(json(r, cmd).awaitingConfirmation, null, cmd);
    }
    assert.deepEqual(check(c.doctorJson), {
      name: "awaiting confirmation",
      ok: true,
      required: false,
      detail: "no apply awaits confirmation",
    });
  },
);

Deno.test(
  { name: "overdue: the deadline passed without a revert; plan and show say so, doctor fails", ignore },
  async () => {
    const { state, a, b } = await armed();
    const deadline = makeOverdue(state);
    const l = await look(state, b);
    const overdue = new RegExp(
      `^An apply of policy "pol-b" awaits confirmation and the revert is overdue: the revert to "pol-a" was ` +
        `due at ${
          deadline.replace(/\./g, "\\.")
        } \\([12]m \\d+s ago\\) and has not run: run \`wfpsec revert --due\`, ` +
        `or \`wfpsec confirm\` to keep it\\.$`,
      "m",
    );
    ok(l.plan);
    assert.match(l.plan.stdout, overdue);
    ok(l.show);
    assert.match(l.show.stdout, overdue);
    assert.equal((json(l.planJson, "plan").awaitingConfirmation as { overdue: boolean }).overdue, true);
    assert.equal((json(l.showJson, "show").awaitingConfirmation as { overdue: boolean }).overdue, true);
    ok(l.status, 1);
    assert.match(
      l.status.stdout,
      /; REVERT OVERDUE: the apply of 'pol-b' was due to be reverted to 'pol-a' at /,
    );
    assert.deepEqual(json(l.statusJson, "status").reasons, ["revert overdue"]);
    ok(l.doctor, 1); // overdue: a failed check
    assert.match(l.doctor.stdout, /^FAIL {2}awaiting confirmation: .*the revert is overdue/m);
    assert.equal(check(l.doctorJson)!.required, true);

    ok(await wfpsec(["revert", "--due", ...SIM(state)]));
    const r = await look(state, a);
    ok(r.plan);
    assert.doesNotMatch(r.plan.stdout, /awaits confirmation/);
    ok(r.status);
    ok(r.doctor);
    assert.equal(json(r.planJson, "plan").awaitingConfirmation, null);
  },
);

Deno.test(
  {
    name: "armed over an empty engine: the revert removes wfpsec's objects, and the headline says so",
    ignore,
  },
  async () => {
    const { state, b } = await armed(true);
    const plan = await wfpsec(["plan", b, ...SIM(state)]);
    ok(plan);
    assert.match(
      plan.stdout,
      /^An apply of policy "pol-b" awaits confirmation: wfpsec's objects will be removed at \S+ \(in /m,
    );
    assert.equal(
      (json(await wfpsec(["plan", b, "--json", ...SIM(state)]), "plan")
        .awaitingConfirmation as { revertsTo: unknown }).revertsTo,
      null,
    );
    makeOverdue(state);
    const status = await wfpsec(["status", b, ...SIM(state)]);
    ok(status, 1);
    assert.match(
      status.stdout,
      /REVERT OVERDUE: the apply of 'pol-b' was due to be undone \(wfpsec's objects removed\)/,
    );
  },
);

Deno.test(
  { name: "a corrupt armed record: plan and show warn and still answer; status and doctor fail", ignore },
  async () => {
    const { state, b } = await armed();
    Deno.writeTextFileSync(record(state), "not json");
    const plan = await wfpsec(["plan", b, ...SIM(state)]);
    ok(plan);
    assert.match(plan.stderr, /wfpsec plan: warning: the armed confirm record .* is corrupt \(not JSON\)/);
    const show = await wfpsec(["show", "--json", ...SIM(state)]);
    ok(show);
    assert.equal(json(show, "show").awaitingConfirmation, null);
    assert.match(show.stderr, /wfpsec show: warning: .* is corrupt/);
    const status = await wfpsec(["status", b, "--json", ...SIM(state)]);
    ok(status, 1);
    const st = json(status, "status");
    assert.equal(st.compliant, false);
    assert.match(String((st.error as { message: string }).message), /is corrupt \(not JSON\)/);
    assert.equal(status.stderr, "", "status prints nothing on stderr (Intune)");
    const doctor = await wfpsec(["doctor", ...SIM(state)]);
    ok(doctor, 1);
    assert.match(doctor.stdout, /^FAIL {2}awaiting confirmation: the armed confirm record .* is corrupt/m);
  },
);

Deno.test(
  { name: "an offline snapshot describes another host: nothing is armed there", ignore },
  async () => {
    const { state, b } = await armed();
    const dir = tempDir();
    const snap = await wfpsec(["show", "--all", "--json", ...SIM(state)]);
    ok(snap);
    Deno.writeTextFileSync(`${dir}/snap.json`, snap.stdout);
    const plan = await wfpsec(["plan", b, "--state", `${dir}/snap.json`, "--json"]);
    ok(plan);
    assert.equal(json(plan, "plan").awaitingConfirmation, null);
  },
);

Deno.test(
  { name: "an unreadable armed record: plan warns naming it and still answers; doctor fails", ignore },
  async () => {
    const { state, b } = await armed();
    // (A folder in its place: unreadable as a file, whatever the user; on Windows a session that is not
    // elevated cannot read the admin-only record.)
    Deno.removeSync(record(state));
    Deno.mkdirSync(record(state));
    const plan = await wfpsec(["plan", b, "--json", ...SIM(state)]);
    ok(plan);
    assert.equal(json(plan, "plan").awaitingConfirmation, null);
    assert.match(plan.stderr, /wfpsec plan: warning: cannot read the armed confirm record .*: run elevated/);
    const doctor = await wfpsec(["doctor", ...SIM(state)]);
    ok(doctor, 1);
    assert.match(doctor.stdout, /^FAIL {2}awaiting confirmation: cannot read /m);
  },
);
