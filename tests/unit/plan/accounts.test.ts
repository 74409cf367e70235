/**
 * Authorization names resolved at plan/apply (modules/plan/accounts.ts): through the host's lookup
 * (LookupAccountNameW on Windows, injected here) or the accounts fixture, then the well-known groups; the
 * descriptor granted is built from the SIDs; a name that does not resolve (or names the wrong kind of
 * account) fails the plan with every such entry at its file:line, and apply changes nothing; a changed SID
 * is a change, said as names and SIDs.
 */
import assert from "node:assert/strict";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import {
  AccountResolutionError,
  type AccountResolver,
  defaultAccountResolver,
  parseAccountsFixture,
  planGraph,
  readAccountsFixture,
} from "../../../modules/plan/plan.ts";
import { applyGraph } from "../../../modules/apply/apply.ts";
import { SnapshotError } from "../../../modules/errors.ts";
import { readMeta } from "../../../modules/graph/mod.ts";
import { CONDITIONS, ENUMS } from "../../../ffi/constants.ts";
import { securityDescriptorToSddl } from "../../../ffi/sddl.ts";

const DC = "S-1-5-21-1004336348-1177238915-682003330-515";
const ALICE = "S-1-5-21-1004336348-1177238915-682003330-1105";

const text = (machines: string, users = "[alice@contoso.com]") =>
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
      machines: ${machines}
      users: ${users}
`;
const graph = (machines: string, users?: string) =>
  compilePolicy(loadPolicy(text(machines, users), "p.yaml").policy);

/** A resolver over a table (what LookupAccountNameW or the fixture would answer). */
const table = (t: Record<string, [string, number]>): AccountResolver => ({
  via: "test lookup",
  lookup: (n) => (t[n] ? { sid: t[n][0], use: t[n][1] } : undefined),
});
const DOMAIN = table({ "CONTOSO\\Domain Computers": [DC, 2], "alice@contoso.com": [ALICE, 1] });

const authorized = (e: FakeEngine) =>
  [...e.state.filters.values()].filter((f) => f.displayData.name.endsWith("/v4/accept/authorized"));
const sddlOf = (f: { filterCondition: { fieldKey: string; conditionValue: unknown }[] }, key: string) => {
  const v = f.filterCondition.find((c) => c.fieldKey === key)!.conditionValue as {
    type: number;
    sd: Uint8Array;
  };
  assert.equal(v.type, ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE);
  return securityDescriptorToSddl(v.sd);
};

Deno.test("names resolve to the SIDs the descriptor grants; plan lists names, SIDs and how", () => {
  const e = new FakeEngine();
  const g = graph(`["CONTOSO\\\\Domain Computers", Authenticated Users, S-1-5-21-1-2-3-1000]`);
  const plan = planGraph(g, e, { hostKey: null, accounts: DOMAIN });
  assert.deepEqual(plan.accounts, [
    { rule: "web", field: "machines", name: "CONTOSO\\Domain Computers", sid: DC, resolvedBy: "test lookup" },
    {
      rule: "web",
      field: "machines",
      name: "Authenticated Users",
      sid: "S-1-5-11",
      resolvedBy: "well-known",
    },
    {
      rule: "web",
      field: "machines",
      name: "S-1-5-21-1-2-3-1000",
      sid: "S-1-5-21-1-2-3-1000",
      resolvedBy: "sid",
    },
    { rule: "web", field: "users", name: "alice@contoso.com", sid: ALICE, resolvedBy: "test lookup" },
  ]);
  applyGraph(e, g, { hostKey: null, accounts: DOMAIN });
  const [f] = authorized(e);
  assert.equal(
    sddlOf(f, CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID),
    `D:(A;;0x1;;;${DC})(A;;0x1;;;S-1-5-11)(A;;0x1;;;S-1-5-21-1-2-3-1000)`,
  );
  assert.equal(sddlOf(f, CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID), `D:(A;;0x1;;;${ALICE})`);
  assert.deepEqual((readMeta(f.providerData)?.accounts as Record<string, unknown>).users, [
    { name: "alice@contoso.com", sid: ALICE },
  ]);
  assert.ok(planGraph(g, e, { hostKey: null, accounts: DOMAIN }).inSync, "re-plan: in sync");
  const asked: string[] = [];
  planGraph(g, e, {
    hostKey: null,
    accounts: { via: "x", lookup: (n) => (asked.push(n), DOMAIN.lookup!(n)) },
  });
  assert.deepEqual(
    asked,
    ["CONTOSO\\Domain Computers", "Authenticated Users", "alice@contoso.com"],
    "once each",
  );
});

Deno.test("unresolvable names: one PolicyError listing every entry at file:line, and apply changes nothing", () => {
  const e = new FakeEngine();
  const g = graph(`["CONTOSO\\\\Nope", "CONTOSO\\\\Domain Computers", "CONTOSO\\\\Gone"]`, "[CONTOSO\\bob]");
  assert.throws(() => applyGraph(e, g, { hostKey: null, accounts: DOMAIN }), (err) => {
    assert.ok(err instanceof AccountResolutionError);
    assert.equal(err.type, "PolicyError");
    assert.deepEqual(
      err.diagnostics.map((d) => [d.file, d.line, d.column, d.path, d.code]),
      [
        ["p.yaml", 16, 18, "rules[0].authorization.machines[0]", "account-unresolved"],
        ["p.yaml", 16, 64, "rules[0].authorization.machines[2]", "account-unresolved"],
        ["p.yaml", 17, 15, "rules[0].authorization.users[0]", "account-unresolved"],
      ],
      "each once, though the rule has an IPv4 and an IPv6 filter",
    );
    assert.match(err.diagnostics[0].message, /'CONTOSO\\Nope' is not known to test lookup/);
    return true;
  });
  assert.equal(e.mutations, 0, "nothing applied");
  assert.equal(e.state.filters.size, 0);
});

Deno.test("offline (no lookup): only SIDs and well-known groups resolve; the error says how to fix it", () => {
  const e = new FakeEngine();
  const offline = defaultAccountResolver({ ...e.info, kind: "snapshot", description: "snapshot s.xml" });
  assert.equal(offline.lookup, undefined);
  const ok = graph(`[S-1-5-21-1-2-3-515, Everyone]`, "[S-1-5-21-1-2-3-1105]");
  assert.equal(planGraph(ok, e, { hostKey: null, accounts: offline }).accounts?.length, 3);
  assert.throws(
    () => planGraph(graph(`["CONTOSO\\\\Domain Computers"]`), e, { hostKey: null, accounts: offline }),
    (err) =>
      err instanceof AccountResolutionError && err.diagnostics.length === 2 &&
      /snapshot s\.xml has no domain to look names up in: write the SID \(S-1-\.\.\.\), or set WFPSEC_ACCOUNTS/
        .test(
          err.diagnostics[0].message,
        ),
  );
});

Deno.test("a user under machines, or a computer under users, is refused by kind", () => {
  const r = table({ "CONTOSO\\alice": [ALICE, 1], "CONTOSO\\WEB01$": ["S-1-5-21-1-2-3-1601", 9] });
  assert.throws(
    () =>
      planGraph(graph(`["CONTOSO\\\\alice"]`, `["CONTOSO\\\\WEB01$"]`), new FakeEngine(), {
        hostKey: null,
        accounts: r,
      }),
    (err) =>
      err instanceof AccountResolutionError &&
      err.diagnostics.map((d) => d.code).join() === "account-kind,account-kind" &&
      /'CONTOSO\\alice' is a user account/.test(err.diagnostics[0].message) &&
      /'CONTOSO\\WEB01\$' is a computer account/.test(err.diagnostics[1].message),
  );
});

Deno.test("a computer account (NAME$) under machines may be reported as a user account (AC1)", () => {
  const r = table({ "CONTOSO\\WEB01$": ["S-1-5-21-1-2-3-1601", 1] });
  const plan = planGraph(graph(`["CONTOSO\\\\WEB01$"]`, "[S-1-5-21-1-2-3-1105]"), new FakeEngine(), {
    hostKey: null,
    accounts: r,
  });
  assert.equal(plan.accounts?.[0].sid, "S-1-5-21-1-2-3-1601");
});

Deno.test("a changed SID is a replace, said as names and SIDs", () => {
  const e = new FakeEngine();
  const g = graph(`["CONTOSO\\\\Domain Computers"]`);
  applyGraph(e, g, { hostKey: null, accounts: DOMAIN });
  const moved = table({
    "CONTOSO\\Domain Computers": [DC.replace(/515$/, "516"), 2],
    "alice@contoso.com": [ALICE, 1],
  });
  const plan = planGraph(g, e, { hostKey: null, accounts: moved });
  const replaced = plan.changes.filter((c) => c.action === "replace");
  assert.equal(replaced.length, 2, "the IPv4 and IPv6 authorized filters");
  assert.equal(
    replaced[0].reason,
    `machines CONTOSO\\Domain Computers (${DC}) -> CONTOSO\\Domain Computers (${DC.replace(/515$/, "516")})`,
  );
});

Deno.test("the accounts fixture: exact names case-insensitively, an unqualified name when unique, typed errors", () => {
  const file = new URL("../../support/fwpsim/accounts.example.json", import.meta.url).pathname;
  const r = readAccountsFixture(file);
  assert.equal(r.via, `fixture ${file}`);
  assert.deepEqual(r.lookup!("contoso\\domain computers"), {
    name: "CONTOSO\\Domain Computers",
    sid: DC,
    use: 2,
  });
  assert.equal(r.lookup!("Domain Computers")?.sid, DC, "unique unqualified name");
  assert.equal(r.lookup!("Servers"), undefined, "two domains have it: not picked");
  assert.equal(r.lookup!("FABRIKAM\\Domain Computers"), undefined);
  assert.equal(r.lookup!("alice@contoso.com")?.use, 1);
  for (
    const [bad, element] of [
      [{ accounts: {} }, "accounts"],
      [{ accounts: [{ name: "A\\b", sid: "nope", type: "group" }] }, "accounts[0].sid"],
      [{ accounts: [{ name: "A\\b", sid: DC, type: "team" }] }, "accounts[0].type"],
      [{ accounts: [{ name: " ", sid: DC, type: "group" }] }, "accounts[0].name"],
      [
        { accounts: [{ name: "A\\b", sid: DC, type: "group" }, { name: "a\\B", sid: DC, type: "group" }] },
        "accounts[1].name",
      ],
    ] as const
  ) {
    assert.throws(
      () => parseAccountsFixture(JSON.stringify(bad), "a.json"),
      (e) => e instanceof SnapshotError && e.location?.element === element && e.location.file === "a.json",
    );
  }
  assert.throws(() => parseAccountsFixture("{", "a.json"), SnapshotError);
  assert.throws(() => readAccountsFixture("/nonexistent/accounts.json"), SnapshotError);
});
