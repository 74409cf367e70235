/**
 * Authorization by account name on fwpsim (issue 15 item 4), as an admin runs it: the policy lists
 * `CONTOSO\Domain Computers` and `alice@contoso.com`; validate needs no domain; plan and apply resolve the
 * names from the accounts fixture (WFPSEC_ACCOUNTS, the simulator's stand-in for LookupAccountNameW) and
 * show names with SIDs; show --json carries the descriptor built from the SIDs; an unknown name is a
 * located PolicyError and changes nothing; a changed SID in the fixture is drift that apply --if-drifted
 * repairs; an offline snapshot resolves from the same fixture or reports the name.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, tempDir, wfpsec } from "./helpers.ts";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const DC = "S-1-5-21-1004336348-1177238915-682003330-515";
const DC2 = "S-1-5-21-2222222222-1177238915-682003330-515";
const ALICE = "S-1-5-21-1004336348-1177238915-682003330-1105";

const POLICY = (machines = `["CONTOSO\\\\Domain Computers", Authenticated Users]`) =>
  `version: 1
name: accounts-test
mainMode:
  - { name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256], userAuth: [kerberos] }
rules:
  - name: web
    remote: 10.0.0.0/8 # a remote scope: the lock-out guard refuses a require rule without one
    protocol: tcp
    localPorts: 443
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
    authorization:
      machines: ${machines}
      users: [alice@contoso.com]
`;

const fixture = (dc: string) =>
  JSON.stringify({
    accounts: [
      { name: "CONTOSO\\Domain Computers", sid: dc, type: "group" },
      { name: "alice@contoso.com", sid: ALICE, type: "user" },
    ],
  });

function setup() {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`, state = `${dir}/state.json`, accounts = `${dir}/accounts.json`;
  Deno.writeTextFileSync(policy, POLICY());
  Deno.writeTextFileSync(accounts, fixture(DC));
  return { dir, policy, state, accounts, env: { WFPSEC_ACCOUNTS: accounts } };
}

type Filter = {
  displayData: { name: string };
  filterCondition: { field: string; conditionValue: { sd?: string } }[];
};
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
async function authorizedSddl(state: string): Promise<Record<string, string>> {
  const doc = json(await wfpsec(["show", "--json", ...SIM(state)]), "show");
  const f = (doc.filters as Filter[]).find((x) => x.displayData.name.endsWith("/v4/accept/authorized"))!;
  const out: Record<string, string> = {};
  for (const c of f.filterCondition) {
    if (c.conditionValue.sd) out[c.field] = securityDescriptorToSddl(hex(c.conditionValue.sd));
  }
  return out;
}

Deno.test({
  name: "validate needs no domain; plan and apply resolve from the fixture and show names with SIDs",
  ignore,
  async fn() {
    const h = setup();
    const v = await wfpsec(["validate", h.policy]);
    assert.equal(v.code, 0, v.stderr);
    const plan = await wfpsec(["plan", h.policy, ...SIM(h.state)], h.env);
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(
      plan.stdout,
      new RegExp(
        String.raw`rule web machines: CONTOSO\\Domain Computers \(${DC}\) \[fixture ${h.accounts}\]`,
      ),
    );
    assert.match(plan.stdout, /rule web machines: Authenticated Users \(S-1-5-11\) \[well-known group\]/);
    assert.match(plan.stdout, new RegExp(String.raw`rule web users: alice@contoso\.com \(${ALICE}\)`));
    const pj = json(await wfpsec(["plan", h.policy, "--json", ...SIM(h.state)], h.env), "plan");
    assert.deepEqual(pj.accounts, [
      {
        rule: "web",
        field: "machines",
        name: "CONTOSO\\Domain Computers",
        sid: DC,
        resolvedBy: `fixture ${h.accounts}`,
      },
      {
        rule: "web",
        field: "machines",
        name: "Authenticated Users",
        sid: "S-1-5-11",
        resolvedBy: "well-known",
      },
      {
        rule: "web",
        field: "users",
        name: "alice@contoso.com",
        sid: ALICE,
        resolvedBy: `fixture ${h.accounts}`,
      },
    ]);
    const apply = await wfpsec(["apply", h.policy, "--json", ...SIM(h.state)], h.env);
    assert.equal(apply.code, 0, apply.stderr);
    assert.equal((json(apply, "apply").accounts as unknown[]).length, 3);
    assert.deepEqual(await authorizedSddl(h.state), {
      FWPM_CONDITION_ALE_REMOTE_MACHINE_ID: `D:(A;;0x1;;;${DC})(A;;0x1;;;S-1-5-11)`,
      FWPM_CONDITION_ALE_REMOTE_USER_ID: `D:(A;;0x1;;;${ALICE})`,
    });
    assert.equal((await wfpsec(["plan", h.policy, ...SIM(h.state)], h.env)).code, 0, "in sync");
    // export gives the names back, not the SIDs
    const exp = await wfpsec(["export", ...SIM(h.state)]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.match(exp.stdout, /machines:\s*\n\s*- CONTOSO\\Domain Computers\n\s*- Authenticated Users/);
    Deno.removeSync(h.dir, { recursive: true });
  },
});

Deno.test({
  name: "an unknown name: a PolicyError at its file:line, nothing applied",
  ignore,
  async fn() {
    const h = setup();
    assert.equal((await wfpsec(["apply", h.policy, ...SIM(h.state)], h.env)).code, 0);
    const before = await engineState(h.state);
    Deno.writeTextFileSync(h.policy, POLICY(`["CONTOSO\\\\Domain Computers", "CONTOSO\\\\Web Servers"]`));
    const r = await wfpsec(["apply", h.policy, ...SIM(h.state)], h.env);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        String
          .raw`p\.yaml:17:47: error: 'CONTOSO\\Web Servers' is not known to fixture .*accounts\.json; check the spelling .* \[account-unresolved\] \(at rules\[0\]\.authorization\.machines\[1\]\)`,
      ),
    );
    const j = await wfpsec(["apply", h.policy, "--json", ...SIM(h.state)], h.env);
    const err = JSON.parse(j.stdout).error;
    assert.equal(err.type, "PolicyError");
    assert.deepEqual(
      err.diagnostics.map((d: { line: number; code: string }) => [d.line, d.code]),
      [[17, "account-unresolved"]],
    );
    assert.equal(await engineState(h.state), before, "nothing changed");
    // without a fixture the simulator knows no domain: said, not guessed
    const bare = await wfpsec(["plan", h.policy, ...SIM(h.state)]);
    assert.equal(bare.code, 1);
    assert.match(
      bare.stderr,
      /has no domain to look names up in: write the SID \(S-1-\.\.\.\), or set WFPSEC_ACCOUNTS/,
    );
    Deno.removeSync(h.dir, { recursive: true });
  },
});

Deno.test({
  name: "a changed SID in the fixture is drift: plan says it by name, apply --if-drifted applies it",
  ignore,
  async fn() {
    const h = setup();
    assert.equal((await wfpsec(["apply", h.policy, ...SIM(h.state)], h.env)).code, 0);
    assert.match(
      (await wfpsec(["apply", h.policy, "--if-drifted", ...SIM(h.state)], h.env)).stdout,
      /"in-sync"/,
    );
    Deno.writeTextFileSync(h.accounts, fixture(DC2));
    const plan = await wfpsec(["plan", h.policy, ...SIM(h.state)], h.env);
    assert.equal(plan.code, 2);
    assert.ok(
      plan.stdout.includes(
        `machines CONTOSO\\Domain Computers (${DC}), Authenticated Users (S-1-5-11) -> ` +
          `CONTOSO\\Domain Computers (${DC2}), Authenticated Users (S-1-5-11)`,
      ),
      plan.stdout,
    );
    const fix = await wfpsec(["apply", h.policy, "--if-drifted", ...SIM(h.state)], h.env);
    assert.equal(fix.code, 0, fix.stdout + fix.stderr);
    assert.match(fix.stdout, /"applied"/);
    assert.equal(
      (await authorizedSddl(h.state)).FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
      `D:(A;;0x1;;;${DC2})(A;;0x1;;;S-1-5-11)`,
    );
    assert.equal((await wfpsec(["plan", h.policy, ...SIM(h.state)], h.env)).code, 0);
    Deno.removeSync(h.dir, { recursive: true });
  },
});

Deno.test({
  name: "an offline snapshot resolves from the same fixture, or reports the names",
  ignore,
  async fn() {
    const h = setup();
    assert.equal((await wfpsec(["apply", h.policy, ...SIM(h.state)], h.env)).code, 0);
    const snap = `${h.dir}/snap.json`;
    const show = await wfpsec(["show", "--all", "--json", ...SIM(h.state)]);
    Deno.writeTextFileSync(snap, show.stdout);
    const ok = await wfpsec(["plan", h.policy, "--state", snap], h.env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const offline = await wfpsec(["plan", h.policy, "--state", snap, "--json"]);
    assert.equal(offline.code, 1);
    const err = JSON.parse(offline.stdout).error;
    assert.deepEqual(
      err.diagnostics.map((d: { path: string }) => d.path),
      ["rules[0].authorization.machines[0]", "rules[0].authorization.users[0]"],
    );
    Deno.removeSync(h.dir, { recursive: true });
  },
});
