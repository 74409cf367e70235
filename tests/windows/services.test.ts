/**
 * Real-Windows case for issue 12 rule 12 (docs/windows-verification.md K1): on a real engine the BFE and
 * IKEEXT states come from the service control manager (System32\sc.exe), and a host that runs these tests
 * has both RUNNING (the documented precondition), so `apply`'s IKEEXT gate lets a require policy through.
 * The simulator's stand-in (FWPSIM_STOPPED_SERVICES) must have no effect here.
 */
import assert from "node:assert/strict";
import { ikeextGate, serviceState } from "../../modules/host/services.ts";
import { realHostMode } from "./host.ts";

const { host, suffix } = realHostMode();

Deno.test({
  name: `real SCM services: K1 BFE and IKEEXT are RUNNING per sc.exe, whatever the environment says${suffix}`,
  // Under the Wine rehearsal there is no SCM worth asking: the case is for real hosts only.
  ignore: !host.usable,
  fn: async () => {
    Deno.env.set("FWPSIM_STOPPED_SERVICES", "IKEEXT,BFE");
    try {
      const info = { kind: "windows" as const, source: "fwpuclnt.dll", simulated: false };
      for (const svc of ["BFE", "IKEEXT"] as const) {
        assert.deepEqual(await serviceState(svc, info), { state: "RUNNING", source: "scm" }, svc);
      }
      assert.equal(await ikeextGate(["rule 'r'"], info), undefined);
    } finally {
      Deno.env.delete("FWPSIM_STOPPED_SERVICES");
    }
  },
});
