/**
 * The lock-out guard as plan/apply run it (modules/cli/lockoutGuard.ts): which peers count for which engine,
 * the rule's line in the file, and apply's decision: refused unless --confirm-within or --force, never for
 * --if-drifted or a policy already in force.
 */
import assert from "node:assert/strict";
import { checkLockout, guardPeers } from "../../../modules/cli/lockoutGuard.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { ruleLines } from "../../../modules/policy/positions.ts";
import { SafetyError, UsageError } from "../../../modules/errors.ts";

const YAML = `version: 1
name: g
mainMode:
  - name: mm
    keyModule: ikev1
    auth: [kerberos]
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: lab
    remote: 192.168.0.0/16
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm

  - name: corp
    remote: 10.0.0.0/8
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
`;

const loaded = (text: string, file = "p.yaml") => ({
  rules: loadPolicy(text, file).policy.rules,
  text,
  file,
});
const envOf = (vars: Record<string, string>) => (n: string) => vars[n];
const SIM = { kind: "fwpsim" } as const;
const PEER = envOf({ WFPSEC_TEST_SESSION_PEER: "10.0.0.5" });

Deno.test("rule lines come from the file as the loader reads it: YAML (fast reader) and JSON (npm:yaml)", async () => {
  assert.deepEqual([...(await ruleLines(YAML))], [["lab", 12], ["corp", 19]]);
  const json = JSON.stringify({ version: 1, rules: [{ name: "a" }, { name: "b" }] }, null, 2);
  assert.deepEqual([...(await ruleLines(json))], [["a", 4], ["b", 7]]);
});

Deno.test("apply's decision: refused without --confirm-within/--force, accepted with either", async () => {
  const check = await checkLockout(loaded(YAML), SIM, PEER);
  assert.equal(check.findings.length, 1);
  assert.deepEqual(check.findings[0].location, { file: "p.yaml", line: 19 });
  assert.throws(() => check.enforce({}, () => false), (e: unknown) => {
    assert.ok(e instanceof SafetyError);
    assert.match(
      e.message,
      /^p\.yaml:19: rule "corp" requires IPsec for 10\.0\.0\.5, the peer of this session/,
    );
    return true;
  });
  check.enforce({ "confirm-within": "10m" }, () => false);
  check.enforce({ force: true }, () => false);
  check.enforce({ "if-drifted": true }, () => false); // the scheduled task: warnings only
  check.enforce({}, () => true); // in force already: nothing would change
  assert.deepEqual(check.warnings.map((w) => [w.code, w.line, w.path]), [["lockout", 19, "rules[1]"]]);
});

Deno.test("the simulated peer counts only on fwpsim; a snapshot has no session peer", async () => {
  assert.deepEqual((await guardPeers(SIM, PEER)).peers.map((p) => p.address), ["10.0.0.5"]);
  assert.deepEqual((await guardPeers({ kind: "snapshot" }, PEER)).peers, []);
  assert.deepEqual((await guardPeers({ kind: "memory" }, PEER)).peers, []);
  // On fwpsim the host's own SSH session is not the simulated engine's business.
  const ssh = envOf({ SSH_CONNECTION: "10.0.0.5 5000 10.0.0.1 22" });
  assert.deepEqual((await guardPeers(SIM, ssh)).peers, []);
  assert.deepEqual((await checkLockout(loaded(YAML), SIM, ssh)).findings, []);
  await assert.rejects(() => guardPeers(SIM, envOf({ WFPSEC_TEST_SESSION_PEER: "10.0.0.5,x" })), UsageError);
});

Deno.test("several peers: one finding per covered peer", async () => {
  const env = envOf({ WFPSEC_TEST_SESSION_PEER: "192.0.2.1, 10.1.1.1,10.2.2.2" });
  const check = await checkLockout(loaded(YAML), SIM, env);
  assert.deepEqual(check.findings.map((f) => f.peer), ["10.1.1.1", "10.2.2.2"]);
});
