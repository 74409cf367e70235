/**
 * Real-Windows checks for authorization by account name (issue 15 item 4, modules/plan/accounts.ts):
 * - the Windows resolver is LookupAccountNameW (ffi/advapi32.ts), never the accounts fixture, even when
 *   WFPSEC_ACCOUNTS is set: a built-in group resolves to its SID with its SID_NAME_USE; an unknown name
 *   does not resolve;
 * - on a domain-joined host, `<DOMAIN>\Domain Computers` resolves to S-1-5-21-<domain>-515 as a group, and
 *   the computer's own account `<DOMAIN>\<HOST>$` (AC1 in docs/windows-verification.md: reported as a
 *   user or a computer) is accepted under machines;
 * - on an elevated host, a policy naming `BUILTIN\Administrators` applies to the real BFE with the
 *   descriptor built from the SID (dynamic session, TEST-NET port rule).
 * The first two need no elevation; none runs under Wine (its advapi32 is not Windows').
 */
import assert from "node:assert/strict";
import { lookupAccountName, SID_NAME_USE } from "../../ffi/advapi32.ts";
import { CONDITIONS, ENUMS } from "../../ffi/constants.ts";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { applyGraph } from "../../modules/apply/apply.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { defaultAccountResolver, resolveAccountFilters } from "../../modules/plan/plan.ts";
import type { EngineInfo } from "../../modules/engine/mod.ts";
import { probeWindowsHost, realHostMode } from "./host.ts";

const probe = Deno.build.os === "windows" ? probeWindowsHost() : undefined;
const windows = probe !== undefined && !probe.reason.includes("Wine");
const skip = windows ? "" : " (skipped: needs real Windows)";
const WINDOWS: EngineInfo = {
  kind: "windows",
  simulated: false,
  source: "fwpuclnt.dll",
  description: "Windows",
};

const domain = Deno.env.get("USERDOMAIN") ?? "";
const computer = Deno.env.get("COMPUTERNAME") ?? "";
const joined = windows && domain !== "" && domain.toUpperCase() !== computer.toUpperCase();

Deno.test({
  name: `Windows resolves names with LookupAccountNameW, never the fixture${skip}`,
  ignore: !windows,
  fn() {
    Deno.env.set("WFPSEC_ACCOUNTS", "C:\\nonexistent\\accounts.json"); // would fail if it were read
    try {
      const r = defaultAccountResolver(WINDOWS);
      assert.equal(r.via, "LookupAccountNameW");
      const admins = r.lookup!("BUILTIN\\Administrators") ?? lookupAccountName("Administrators");
      if (admins) { // English names; the SID check below holds in every language
        assert.equal(admins.sid, "S-1-5-32-544");
        assert.equal(admins.use, SID_NAME_USE.SidTypeAlias);
      }
      assert.equal(r.lookup!("wfpsec-no-such-account-7f3a"), undefined);
    } finally {
      Deno.env.delete("WFPSEC_ACCOUNTS");
    }
  },
});

Deno.test({
  name: `domain-joined: Domain Computers is the domain's RID 515 group; the host's NAME$ is accepted (AC1)${
    joined ? "" : " (skipped: needs a domain-joined Windows host)"
  }`,
  ignore: !joined,
  fn() {
    const dc = lookupAccountName(`${domain}\\Domain Computers`);
    if (dc) { // English-named domains; a localized domain names the group differently
      assert.match(dc.sid, /^S-1-5-21-\d+-\d+-\d+-515$/);
      assert.equal(dc.use, SID_NAME_USE.SidTypeGroup);
    }
    const self = lookupAccountName(`${domain}\\${computer}$`);
    assert.ok(self, "LookupAccountNameW finds the computer's own account");
    assert.ok(
      self.use === SID_NAME_USE.SidTypeUser || self.use === SID_NAME_USE.SidTypeComputer,
      `AC1: SID_NAME_USE ${self.use}`,
    );
    const text = policy(`["${domain}\\\\${computer}$"]`);
    const g = compilePolicy(loadPolicy(text, "names.yaml").policy);
    const { accounts } = resolveAccountFilters(g.filters, defaultAccountResolver(WINDOWS));
    assert.equal(accounts[0].sid, self.sid);
  },
});

const { runs, suffix } = realHostMode();

Deno.test({
  name: `real BFE: a policy naming BUILTIN\\Administrators applies with the descriptor of its SID${
    windows ? suffix : skip
  }`,
  ignore: !runs || !windows,
  fn() {
    const g = compilePolicy(
      loadPolicy(policy(`["BUILTIN\\\\Administrators", Authenticated Users]`), "names.yaml").policy,
    );
    const np = <T extends { flags: number }>(o: T): T => ({ ...o, flags: o.flags & ~1 }); // not PERSISTENT
    const graph = {
      ...g,
      provider: np(g.provider),
      sublayer: np(g.sublayer),
      providerContexts: g.providerContexts.map(np),
      filters: g.filters.map(np),
    };
    const engine = openEngine({
      dynamic: true,
      sessionName: "wfpsec integration test (authorization names)",
    });
    try {
      const r = applyGraph(engine, graph);
      assert.equal(r.outcome, "applied");
      assert.deepEqual(r.plan.accounts?.map((a) => [a.name, a.sid, a.resolvedBy]), [
        ["BUILTIN\\Administrators", "S-1-5-32-544", "LookupAccountNameW"],
        ["Authenticated Users", "S-1-5-11", r.plan.accounts?.[1].resolvedBy],
      ]);
      const f = engine.enumFilters({ providerKey: graph.provider.providerKey })
        .find((x) => x.displayData.name.endsWith("/v4/accept/authorized"))!;
      const c = f.filterCondition.find((x) =>
        x.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID
      )!;
      assert.equal(c.conditionValue.type, ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE);
      const sd = (c.conditionValue as { sd: Uint8Array }).sd;
      assert.equal(securityDescriptorToSddl(sd), "D:(A;;0x1;;;S-1-5-32-544)(A;;0x1;;;S-1-5-11)");
    } finally {
      engine.close();
    }
  },
});

function policy(machines: string): string {
  return `version: 1
name: authorization-names-test
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - name: port
    remote: 192.0.2.0/24
    protocol: tcp
    localPorts: 5555
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
    authorization:
      machines: ${machines}
`;
}
