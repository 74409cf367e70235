/**
 * Issue 16 item 2, the lock-out guard, end to end on fwpsim: a `require` rule covering the peer of the
 * current session, or without remote scope, is a warning naming the rule's file:line (JSON: `warnings`,
 * `code: "lockout"`), and `apply` refuses it (SafetyError, exit 1, nothing changed) unless `--force` is
 * given. `plan` shows the same warnings; a policy already in force and `apply --if-drifted` (the scheduled
 * task) are never refused. The simulator filters no real traffic, so the session's peer is simulated with
 * the test-only WFPSEC_TEST_SESSION_PEER (honoured only on fwpsim), and every message says SIMULATED.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const PEER = (address: string) => ({ WFPSEC_TEST_SESSION_PEER: address });
/** testPolicy()'s rule "corp" (remote 10.0.0.0/8, inbound require) starts on this line. */
const CORP_LINE = 16;
const NO_REMOTE = testPolicy().replace("    remote: 10.0.0.0/8\n", "");
const REQUEST_ONLY_NO_REMOTE = NO_REMOTE.replace("inbound: require", "inbound: request");

type Warning = { file: string; line: number | null; path: string | null; message: string; code: string };

function setup(text = testPolicy()) {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`, state = `${dir}/s.state`;
  Deno.writeTextFileSync(policy, text);
  return { policy, state, sim: ["--engine", "sim", "--sim-state", state] };
}

const lockoutWarnings = (doc: Record<string, unknown>) =>
  (doc.warnings as Warning[]).filter((w) => w.code === "lockout");

Deno.test(
  { name: "apply refuses a require rule covering the session peer; nothing changes", ignore },
  async () => {
    const { policy, state, sim } = setup();
    const before = await engineState(state);

    let r = await wfpsec(["apply", policy, ...sim], PEER("10.0.0.5"));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `wfpsec apply: SafetyError: ${policy}:${CORP_LINE}: rule "corp" requires IPsec for 10\\.0\\.0\\.5, ` +
          `the peer of this session \\(SIMULATED: WFPSEC_TEST_SESSION_PEER\\)`,
      ),
    );
    assert.match(r.stderr, /may lock out the current session; nothing changed: .*--confirm-within .*--force/);

    r = await wfpsec(["apply", policy, ...sim, "--json"], PEER("10.0.0.5"));
    assert.equal(r.code, 1);
    const err = json(r, "apply").error as { type: string; message: string };
    assert.equal(err.type, "SafetyError");
    assert.match(err.message, /rule "corp" requires IPsec for 10\.0\.0\.5/);

    assert.equal(await engineState(state), before, "the refused apply changed nothing");
    r = await wfpsec(["plan", policy, ...sim], PEER("10.0.0.5"));
    assert.equal(r.code, 2, "plan still shows every change pending");
  },
);

Deno.test({ name: "apply --force applies it with the warning (text and JSON)", ignore }, async () => {
  const { policy, state, sim } = setup();
  let r = await wfpsec(["apply", policy, ...sim, "--force"], PEER("10.0.0.5"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(
    r.stderr.includes(
      `wfpsec: warning: ${policy}:${CORP_LINE}: rule "corp" requires IPsec for 10.0.0.5, the peer of this ` +
        `session (SIMULATED: WFPSEC_TEST_SESSION_PEER)`,
    ),
    r.stderr,
  );
  assert.match(r.stdout, /Applied policy "cli-test"/);
  assert.notEqual(await engineState(state), "", "applied");

  // Applied already: nothing to change, so no refusal even without --force; the warning stays.
  r = await wfpsec(["apply", policy, ...sim, "--json"], PEER("10.0.0.5"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = json(r, "apply");
  assert.equal(doc.outcome, "in-sync");
  assert.deepEqual(lockoutWarnings(doc), [{
    file: policy,
    line: CORP_LINE,
    column: null,
    path: "rules[0]",
    message: 'rule "corp" requires IPsec for 10.0.0.5, the peer of this session ' +
      "(SIMULATED: WFPSEC_TEST_SESSION_PEER)",
    code: "lockout",
    severity: "warning",
  }]);
});

Deno.test({
  name: "apply --confirm-within is accepted by the guard: applied, armed, with the warning",
  ignore,
}, async () => {
  const { policy, state, sim } = setup();
  const before = await engineState(state);
  const r = await wfpsec(["apply", policy, ...sim, "--confirm-within", "5m", "--json"], PEER("10.0.0.5"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = json(r, "apply");
  assert.equal(doc.outcome, "applied");
  assert.notEqual(doc.confirm, null, "a revert is armed");
  assert.equal(lockoutWarnings(doc).length, 1);
  assert.notEqual(await engineState(state), before);
  // Confirmed, the policy stays; a later apply of it is in sync and not refused.
  assert.equal((await wfpsec(["confirm", ...sim])).code, 0);
  assert.equal((await wfpsec(["apply", policy, ...sim], PEER("10.0.0.5"))).code, 0);
});

Deno.test({ name: "a peer outside every require rule's remote scope is no finding", ignore }, async () => {
  const { policy, sim } = setup();
  const r = await wfpsec(["apply", policy, ...sim, "--json"], PEER("192.0.2.7"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = json(r, "apply");
  assert.equal(doc.outcome, "applied");
  assert.deepEqual(lockoutWarnings(doc), []);
});

Deno.test(
  { name: "a require rule without remote scope is refused with or without a session peer", ignore },
  async () => {
    const { policy, state, sim } = setup(NO_REMOTE);
    const before = await engineState(state);
    for (const env of [{}, PEER("192.0.2.7")]) {
      const r = await wfpsec(["apply", policy, ...sim], env);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`SafetyError: ${policy}:${CORP_LINE}: rule "corp" requires IPsec and has no remote scope`),
      );
    }
    assert.match(
      (await wfpsec(["apply", policy, ...sim], PEER("192.0.2.7"))).stderr,
      /covers every peer, including this session's 192\.0\.2\.7 \(SIMULATED: WFPSEC_TEST_SESSION_PEER\)/,
    );
    assert.equal(await engineState(state), before, "nothing changed");

    // plan reports it as a warning and refuses nothing (exit 2: changes pending).
    const r = await wfpsec(["plan", policy, ...sim, "--json"]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const [w] = lockoutWarnings(json(r, "plan"));
    assert.match(w.message, /^rule "corp" requires IPsec and has no remote scope \(it covers every peer\)$/);
    assert.equal(w.line, CORP_LINE);
    const text = await wfpsec(["plan", policy, ...sim]);
    assert.match(
      text.stderr,
      new RegExp(`wfpsec: warning: ${policy}:${CORP_LINE}: rule "corp" requires IPsec`),
    );
  },
);

Deno.test({ name: "a request-only rule is no finding, even without remote scope", ignore }, async () => {
  const { policy, sim } = setup(REQUEST_ONLY_NO_REMOTE);
  const r = await wfpsec(["apply", policy, ...sim, "--json"], PEER("10.0.0.5"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(lockoutWarnings(json(r, "apply")), []);
});

Deno.test({
  name: "apply --if-drifted (the scheduled task) applies with the warning in its one line",
  ignore,
}, async () => {
  const { policy, sim } = setup();
  const r = await wfpsec(["apply", policy, ...sim, "--if-drifted"], PEER("10.0.0.5"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 1, r.stdout);
  const doc = JSON.parse(lines[0]);
  assert.equal(doc.outcome, "applied");
  assert.equal(lockoutWarnings(doc).length, 1);
});

Deno.test(
  { name: "a malformed WFPSEC_TEST_SESSION_PEER is a UsageError, not an unguarded run", ignore },
  async () => {
    const { policy, state, sim } = setup();
    const before = await engineState(state);
    const r = await wfpsec(["apply", policy, ...sim, "--json"], PEER("10.0.0.0/8"));
    assert.equal(r.code, 1);
    const err = json(r, "apply").error as { type: string; message: string };
    assert.equal(err.type, "UsageError");
    assert.match(err.message, /WFPSEC_TEST_SESSION_PEER: "10\.0\.0\.0\/8" is not one IP address/);
    assert.equal(await engineState(state), before);
  },
);
