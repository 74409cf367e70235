/**
 * The Windows side of account-name resolution (ffi/advapi32.ts, modules/plan/accounts.ts) under Wine's
 * advapi32 with the Windows deno.exe: LookupAccountNameW's seven-argument Win64 call, the UTF-16 name, the
 * SID buffer and its size cell, the SID decoded to text, and the planner building the descriptor from it.
 * Wine's account database is not Windows' (no domain): this checks the binding, not Windows' answers
 * (those are tests/windows/authorization_names.test.ts on a real host).
 */
import assert from "node:assert/strict";
import { lookupAccountName, SID_NAME_USE } from "../../ffi/advapi32.ts";
import { CONDITIONS, ENUMS } from "../../ffi/constants.ts";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { resolveAccountFilters } from "../../modules/plan/plan.ts";

const onWindows = Deno.build.os === "windows";

Deno.test({
  name:
    "LookupAccountNameW through FFI: built-in and well-known accounts by name, nothing for an unknown one",
  ignore: !onWindows,
}, () => {
  const admins = lookupAccountName("BUILTIN\\Administrators");
  assert.ok(admins, "Wine knows BUILTIN\\Administrators");
  assert.equal(admins.sid, "S-1-5-32-544");
  assert.equal(admins.use, SID_NAME_USE.SidTypeAlias);
  assert.match(admins.domain, /^BUILTIN$/i);
  const everyone = lookupAccountName("Everyone");
  assert.equal(everyone?.sid, "S-1-1-0");
  assert.equal(lookupAccountName("wfpsec-no-such-account-7f3a"), undefined);
});

Deno.test({
  name: "the planner resolves a policy's names through LookupAccountNameW into the descriptor's SIDs",
  ignore: !onWindows,
}, () => {
  const text = `version: 1
name: wine-names
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - name: port
    protocol: tcp
    localPorts: 5555
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
    authorization:
      machines: ["BUILTIN\\\\Administrators", Everyone]
`;
  const g = compilePolicy(loadPolicy(text, "names.yaml").policy);
  const { filters, accounts } = resolveAccountFilters(g.filters, {
    via: "LookupAccountNameW",
    lookup: lookupAccountName,
  });
  assert.deepEqual(accounts.map((a) => [a.name, a.sid, a.resolvedBy]), [
    ["BUILTIN\\Administrators", "S-1-5-32-544", "LookupAccountNameW"],
    ["Everyone", "S-1-1-0", "LookupAccountNameW"],
  ]);
  const f = [...filters.values()].find((x) => x.displayData.name.endsWith("/v4/accept/authorized"))!;
  const c = f.filterCondition.find((x) => x.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID)!;
  assert.equal(c.conditionValue.type, ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE);
  assert.equal(
    securityDescriptorToSddl((c.conditionValue as { sd: Uint8Array }).sd),
    "D:(A;;0x1;;;S-1-5-32-544)(A;;0x1;;;S-1-1-0)",
  );
});
