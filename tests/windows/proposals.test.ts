/**
 * Real-Windows cases for issue 12 rule 13 (docs/windows-verification.md Q1-Q2): BFE accepts a quick-mode
 * proposal with AH then ESP (what wfpsec compiles) and a port range at the IPSEC layer, and the test records
 * what it says to ESP then AH. DYNAMIC session: nothing outlives the test. Under Wine: a rehearsal on fwpsim.
 */
import assert from "node:assert/strict";
import { ENUMS } from "../../ffi/constants.ts";
import type { WfpError } from "../../ffi/errors.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import type { ProviderContext } from "../../modules/graph/mod.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();
const T = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

const POLICY = `version: 1
name: wfpsec-proposal-test
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp256] }
quickMode:
  - name: qm
    proposals: [{ ah: sha256, esp: { cipher: aes256, integrity: sha256 } }]
rules:
  - name: r
    remote: 192.0.2.0/24
    protocol: tcp
    localPorts: 8000-8080
    inbound: require
    outbound: require
    mainMode: mm
    quickMode: qm
`;

Deno.test({
  name: `real BFE proposals: Q1/Q2 AH+ESP proposals and IPSEC-layer port ranges${suffix}`,
  ignore: !runs,
  fn: () => {
    const g = compilePolicy(loadPolicy(POLICY, "proposals.yaml").policy);
    const clear = <T extends { flags: number }>(o: T): T => ({ ...o, flags: o.flags & ~1 });
    const qm = clear(g.providerContexts.find((c) => c.type === T.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT)!);
    const { providerKey: _k, ...ours } = { ...qm, providerContextKey: crypto.randomUUID() };
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec proposal test (dynamic)" });
    try {
      const sa = ours.ikeQmTransportPolicy!.ipsecProposals[0].saTransforms;
      assert.deepEqual(sa.map((t) => t.ipsecTransformType), [
        ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_AH,
        ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
      ]);
      const id = engine.addProviderContext(ours as ProviderContext);
      assert.ok(id > 0n, "Q2: AH then ESP accepted");
      const reversed = {
        ...ours,
        providerContextKey: crypto.randomUUID(),
        ikeQmTransportPolicy: {
          ...ours.ikeQmTransportPolicy!,
          ipsecProposals: [{
            ...ours.ikeQmTransportPolicy!.ipsecProposals[0],
            saTransforms: [...sa].reverse(),
          }],
        },
      } as ProviderContext;
      try {
        engine.addProviderContext(reversed);
        console.log("Q2: ESP then AH accepted as well");
      } catch (e) {
        console.log(`Q2: ESP then AH refused: ${(e as WfpError).errorName ?? e}`);
      }
      // Q1: the IPSEC-layer filter with the port range, pointing at our QM context.
      const f = g.filters.find((x) => x.providerContextKey === qm.providerContextKey)!;
      const { providerKey: _p, providerData: _d, ...filter } = {
        ...clear(f),
        filterKey: crypto.randomUUID(),
        subLayerKey: "00000000-0000-0000-0000-000000000000",
        providerContextKey: ours.providerContextKey,
      };
      assert.ok(engine.addFilter(filter) > 0n, "Q1: port range at the IPSEC layer accepted");
    } finally {
      engine.close();
    }
  },
});
