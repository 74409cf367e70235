/**
 * Issue 15 item 2: a rule without mainMode/quickMode gets Windows' defaults (key modules AuthIP + IKEv1,
 * computer Kerberos, the default main-mode and quick-mode crypto sets), without allowWeakCrypto, and a
 * `windows-default` warning per defaulted rule names them. Explicit policies are untouched.
 */
import assert from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";

const RULES_ONLY = `version: 1
name: defaults
rules:
  - name: r
    remote: 10.0.0.0/8
    inbound: request
    outbound: request
`;

Deno.test("a rules-only policy validates with Windows' defaults and says so", () => {
  const { policy, warnings } = loadPolicy(RULES_ONLY, "p.yaml");
  const r = policy.rules[0];
  assert.deepEqual(r.mainMode, ["windows-default-mm-authip", "windows-default-mm-ikev1"]);
  assert.equal(r.quickMode, "windows-default-qm");
  assert.deepEqual(policy.mainMode.map((m) => m.keyModule), ["authip", "ikev1"]);
  for (const m of policy.mainMode) {
    assert.equal(m.auth.length, 1);
    assert.equal(JSON.stringify(m.auth[0]).includes("kerberos"), true, JSON.stringify(m.auth));
    assert.equal(m.proposals.length, 2);
    assert.equal(m.lifetimeSeconds, 28800);
  }
  assert.equal(policy.quickMode.length, 1);
  assert.equal(policy.quickMode[0].proposals.length, 3);
  const w = warnings.filter((d) => d.code === "windows-default");
  assert.equal(w.length, 1);
  assert.equal(w[0].severity, "warning");
  assert.equal(w[0].path, "rules[0]");
  assert.equal(w[0].line, 4);
  assert.match(w[0].message, /computer Kerberos/);
  assert.match(w[0].message, /aes128-sha1-dh2/);
  assert.match(w[0].message, /esp-aes128-sha1/);
  // Windows' defaults are accepted as such: no weak-crypto diagnostics, no unused-definition.
  assert.deepEqual(warnings.filter((d) => d.code !== "windows-default"), []);
  const g = compilePolicy(policy);
  assert.ok(g);
});

Deno.test("only the missing half is defaulted; explicit rules get no warning", () => {
  const text = `version: 1
name: half
quickMode:
  - name: qm
    proposals: [esp-aes256-sha256]
rules:
  - name: a
    remote: 10.0.0.0/8
    inbound: request
    outbound: request
    quickMode: qm
`;
  const { policy, warnings } = loadPolicy(text, "p.yaml");
  assert.equal(policy.rules[0].quickMode, "qm");
  assert.deepEqual(policy.quickMode.map((q) => q.name), ["qm"]);
  const w = warnings.filter((d) => d.code === "windows-default");
  assert.equal(w.length, 1);
  assert.match(w[0].message, /^no mainMode given/);
  assert.doesNotMatch(w[0].message, /quick mode windows-default-qm/);
});

Deno.test("a policy that names its own sets gets no windows-default warning", () => {
  const text = Deno.readTextFileSync(new URL("../../../examples/domain-isolation.yaml", import.meta.url));
  const { warnings } = loadPolicy(text, "domain-isolation.yaml");
  assert.equal(warnings.filter((d) => d.code === "windows-default").length, 0);
});

Deno.test("a definition the file writes under a reserved default name gets no weak-crypto pass", () => {
  const text = `version: 1
name: squat
mainMode:
  - name: windows-default-mm-authip
    keyModule: authip
    auth: [kerberos]
    proposals: [3des-sha1-dh2]
quickMode:
  - name: windows-default-qm
    proposals: [esp-3des-sha1]
rules:
  - name: r
    remote: 10.0.0.0/8
    inbound: request
    outbound: request
    mainMode: windows-default-mm-authip
    quickMode: windows-default-qm
`;
  assert.throws(
    () => loadPolicy(text, "p.yaml"),
    (e: Error) => /weak/i.test(e.message),
    "weak crypto refused",
  );
});
