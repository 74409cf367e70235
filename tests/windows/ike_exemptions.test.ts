/**
 * Real-Windows case for issue 12 rule 10 (docs/windows-verification.md I1-I2): an IKEv2-only policy applies
 * with wfpsec's own IKE exemptions (UDP 500/4500 permits in its sublayer, ALE ones restricted to the local
 * system by FWPM_CONDITION_ALE_USER_ID), and the test records whether BFE added its automatic exemptions
 * (fwp/ike-exemptions says it does only for IKE/AuthIP main-mode policy filters). DYNAMIC session: nothing
 * outlives the test; addresses are TEST-NET-1. Under Wine the body runs against fwpsim as a rehearsal.
 */
import assert from "node:assert/strict";
import { PROVIDERS } from "../../ffi/constants.ts";
import { applyGraph } from "../../modules/apply/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { readMeta } from "../../modules/graph/mod.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

const POLICY = `version: 1
name: wfpsec-ike-exemption-test
mainMode:
  - name: mm
    keyModule: ikev2
    auth: [{ certificate: { rootCA: "CN=wfpsec ike exemption test root" } }]
    proposals: [aes256-sha256-ecp256]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: r
    remote: 192.0.2.0/24
    inbound: require
    outbound: request
    requireEncryption: true
    mainMode: mm
    quickMode: qm
`;

Deno.test({
  name:
    `real BFE IKE exemptions: I1 an IKEv2-only policy applies with UDP 500/4500 exempt in our sublayer${suffix}`,
  ignore: !runs,
  fn: () => {
    const g = compilePolicy(loadPolicy(POLICY, "ike-exemptions.yaml").policy);
    const clear = <T extends { flags: number }>(o: T): T => ({ ...o, flags: o.flags & ~1 }); // not PERSISTENT
    const graph = {
      ...g,
      provider: clear(g.provider),
      sublayer: clear(g.sublayer),
      providerContexts: g.providerContexts.map(clear),
      filters: g.filters.map(clear),
    };
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec IKE exemption test (dynamic)" });
    try {
      applyGraph(engine, graph);
      const ours = engine.enumFilters({ providerKey: graph.provider.providerKey })
        .filter((f) => String(readMeta(f.providerData)?.path ?? "").startsWith("ikeExemptions/"));
      assert.equal(
        ours.length,
        graph.filters.filter((f) => String(readMeta(f.providerData)?.path ?? "").startsWith("ikeExemptions/"))
          .length,
      );
      assert.ok(ours.length >= 4, "transport and ALE, IPv4");
      // I2: record what BFE added for this IKEv2-only policy (the page says nothing).
      const bfe = engine.enumFilters({ providerKey: PROVIDERS.FWPM_PROVIDER_IKEEXT });
      console.log(`BFE IKE/AuthIP exemption filters present with an IKEv2-only policy: ${bfe.length}`);
    } finally {
      engine.close();
    }
  },
});
