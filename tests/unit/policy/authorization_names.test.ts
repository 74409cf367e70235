/**
 * `authorization.machines` / `users` as lists of account names and SIDs (issue 15 item 4): validated for
 * syntax only (a build host need not know the domain), located when malformed, SDDL still accepted, and
 * the list kept in the model with where each entry is written, for plan/apply's lookup errors.
 */
import assert from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy, decompile } from "../../../modules/compiler/mod.ts";
import { CONDITIONS } from "../../../ffi/constants.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const doc = (authz: string) =>
  `version: 1
name: names
mainMode:
  - { name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256], userAuth: [kerberos] }
rules:
  - name: web
    protocol: tcp
    localPorts: 443
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
    authorization:
${authz}
`;

Deno.test("a list of names and SIDs validates without any lookup, each entry located", () => {
  const { policy } = loadPolicy(
    doc(`      machines: ["CONTOSO\\\\Domain Computers", S-1-5-11]\n      users: [alice@contoso.com]`),
    "p.yaml",
  );
  const a = policy.rules[0].authorization!;
  assert.ok(Array.isArray(a.machines) && Array.isArray(a.users));
  assert.deepEqual(a.machines.map((x) => [x.name, x.sid, x.source?.line, x.source?.path]), [
    ["CONTOSO\\Domain Computers", undefined, 16, "rules[0].authorization.machines[0]"],
    ["S-1-5-11", "S-1-5-11", 16, "rules[0].authorization.machines[1]"],
  ]);
  assert.equal(a.users[0].source?.column, 15);
});

Deno.test("SDDL is still accepted as written, and the two forms mix across machines and users", () => {
  const { policy } = loadPolicy(
    doc(`      machines: "D:(A;;0x1;;;S-1-5-11)"\n      users: [CONTOSO\\alice]`),
    "p.yaml",
  );
  assert.equal(policy.rules[0].authorization!.machines, "D:(A;;0x1;;;S-1-5-11)");
  assert.ok(Array.isArray(policy.rules[0].authorization!.users));
});

Deno.test("a list compiles to an unresolved accounts value; SDDL to its descriptor at once", () => {
  const { policy } = loadPolicy(
    doc(`      machines: [CONTOSO\\Servers]\n      users: "D:(A;;0x1;;;S-1-5-11)"`),
    "p.yaml",
  );
  const g = compilePolicy(policy);
  const authorized = g.filters.filter((f) => f.displayData.name.endsWith("/accept/authorized"));
  assert.equal(authorized.length, 2, "IPv4 and IPv6");
  for (const f of authorized) {
    const m = f.filterCondition.find((c) => c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID)!;
    assert.equal(m.conditionValue.type, "accounts");
    const u = f.filterCondition.find((c) => c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID)!;
    assert.equal(typeof u.conditionValue.type, "number", "SDDL needs no host");
  }
});

Deno.test("a compiled list decompiles to the names as written (export of a graph not yet planned)", () => {
  const g = compilePolicy(loadPolicy(doc(`      machines: [CONTOSO\\Servers, S-1-5-11]`), "p.yaml").policy);
  const rules = decompile(g).rules as { authorization?: unknown }[];
  assert.deepEqual(rules[0].authorization, { machines: ["CONTOSO\\Servers", "S-1-5-11"] });
});

Deno.test("malformed entries are located errors", () => {
  refusedAt(
    doc(`      machines: [CONTOSO\\Servers, @@"A\\\\B\\\\C"]`),
    "bad-account",
    "rules[0].authorization.machines[1]",
  );
  refusedAt(doc(`      machines: [@@"CONTOSO\\\\a*b"]`), "bad-account");
  refusedAt(doc(`      users: [@@S-1-5-x]`), "bad-account");
  refusedAt(doc(`      machines: [@@""]`), "bad-account");
  refusedAt(doc(`      machines: @@[]`), "min-items");
  refusedAt(doc(`      machines: [@@5]`), "type");
  refusedAt(doc(`      machines: @@"O:LS"`), "sddl-no-dacl");
  const many = (n: number) =>
    `[${Array.from({ length: n }, (_, i) => `S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-${i}`)}]`;
  refusedAt(doc(`      machines: @@${many(801)}`), "too-many-accounts");
  assert.ok(loadPolicy(doc(`      machines: ${many(800)}`), "p.yaml"), "800 of the largest SIDs still fit");
});

Deno.test("the largest list the validator accepts compiles into a descriptor that fits an ACL", async () => {
  const { authorizationSddl } = await import("../../../modules/model/mod.ts");
  const { sddlToSecurityDescriptor } = await import("../../../ffi/sddl.ts");
  const sids = Array.from({ length: 800 }, (_, i) => `S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-${i}`);
  assert.ok(sddlToSecurityDescriptor(authorizationSddl(sids)).length < 65536);
});
