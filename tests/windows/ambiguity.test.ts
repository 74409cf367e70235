/**
 * Real-Windows case for issue 12 rule 9 (docs/windows-verification.md R1): two filters with identical
 * conditions in one sublayer get the same automatic weight, so the validator is right to refuse rules that
 * compile to such filters with different contexts. DYNAMIC session: nothing outlives the test. Under the
 * Wine stage the body runs against fwpsim as a rehearsal, and its name says so.
 */
import assert from "node:assert/strict";
import { CALLOUTS, CONDITIONS, ENUMS, FILTER_CONTEXTS, LAYERS } from "../../ffi/constants.ts";
import type { Filter } from "../../modules/graph/mod.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();
const T = ENUMS.FWP_DATA_TYPE, M = ENUMS.FWP_MATCH_TYPE, A = ENUMS.FWP_ACTION_TYPE;

Deno.test({
  name: `real BFE ambiguity: R1 identical conditions get the same effective weight${suffix}`,
  ignore: !runs,
  fn: () => {
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec ambiguity test (dynamic)" });
    try {
      const filter = (raw: bigint): Filter => ({
        filterKey: crypto.randomUUID(),
        displayData: { name: "wfpsec ambiguity test" },
        flags: 0,
        layerKey: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
        subLayerKey: "00000000-0000-0000-0000-000000000000",
        weight: { type: T.FWP_EMPTY },
        filterCondition: [{
          fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
          matchType: M.FWP_MATCH_EQUAL,
          conditionValue: { type: T.FWP_UINT32, uint32: 0xc0000201 }, // 192.0.2.1 (TEST-NET-1)
        }],
        action: {
          type: A.FWP_ACTION_CALLOUT_TERMINATING,
          calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4,
        },
        rawContext: raw,
      });
      const a = filter(FILTER_CONTEXTS.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER);
      const b = filter(FILTER_CONTEXTS.FWPM_CONTEXT_IPSEC_OUTBOUND_SUPPRESS_NEGOTIATION);
      engine.addFilter(a);
      engine.addFilter(b);
      const wa = engine.getFilter(a.filterKey)!.effectiveWeight,
        wb = engine.getFilter(b.filterKey)!.effectiveWeight;
      assert.deepEqual(wa, wb, "identical conditions, identical weight: which filter wins is undefined");
    } finally {
      engine.close();
    }
  },
});
