/**
 * Real-Windows cases for issue 12 rule 6 (docs/windows-verification.md S1-S3): BFE keeps the protected DACL
 * wfpsec passes for its objects and returns it from Fwpm*GetSecurityInfoByKey0 without the container's
 * inherited ACEs (Network Configuration Operators, service SIDs). DYNAMIC session: nothing outlives the test.
 * Under the Wine stage the same body runs against fwpsim as a rehearsal, and its name says so.
 */
import assert from "node:assert/strict";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();
const BA = "S-1-5-32-544", SY = "S-1-5-18";

Deno.test({
  name:
    `real BFE object security: S1 a wfpsec provider's DACL is protected, Administrators and SYSTEM only${suffix}`,
  ignore: !runs,
  fn: () => {
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec object security test (dynamic)" });
    try {
      const providerKey = crypto.randomUUID();
      engine.addProvider({ providerKey, displayData: { name: "wfpsec object security test" }, flags: 0 });
      const sddl = securityDescriptorToSddl(engine.securityDescriptor("provider", providerKey)!);
      const dacl = sddl.slice(sddl.indexOf("D:"));
      // BFE may map GENERIC_ALL to the object's specific rights (S2): compare SIDs and flags, not masks.
      assert.match(dacl, /^D:P/, dacl);
      const sids = [...dacl.matchAll(/\(A;([A-Z]*);[^;]*;;;([^)]+)\)/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(sids.map(([, s]) => s).sort(), [BA, SY].sort(), dacl);
      assert.ok(sids.every(([flags]) => !flags.includes("ID")), `no inherited ACE: ${dacl}`);
    } finally {
      engine.close();
    }
  },
});
