/**
 * Real-Windows check for issue 12 rule 8 (per-application rules): the real BFE accepts the per-app example
 * as compiled (transport filters that only negotiate; ALE connect / receive-accept filters carrying the
 * program's app id resolved by FwpmGetAppIdFromFileName0). That another program's traffic to the peers
 * stays clear while the program's is secured needs a peer: the manual steps are in
 * docs/windows-verification.md. Dynamic session only, on TEST-NET addresses. Same gating as bfe.test.ts.
 */
import assert from "node:assert/strict";
import { FILTER_CONTEXTS, LAYERS } from "../../ffi/constants.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { applyGraph } from "../../modules/apply/apply.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

Deno.test({
  name: `real BFE: a program rule applies with negotiating transport filters and app-id ALE filters${suffix}`,
  ignore: !runs,
  fn() {
    const text = Deno.readTextFileSync(new URL("../../examples/per-app.yaml", import.meta.url))
      .replaceAll("10.20.0.0/16", "192.0.2.0/24");
    const g = compilePolicy(loadPolicy(text, "examples/per-app.yaml (test net)").policy);
    const np = <T extends { flags: number }>(o: T): T => ({ ...o, flags: o.flags & ~1 }); // not PERSISTENT
    const graph = {
      ...g,
      provider: np(g.provider),
      sublayer: np(g.sublayer),
      providerContexts: g.providerContexts.map(np),
      filters: g.filters.map(np),
    };
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (per-app)" });
    try {
      assert.equal(applyGraph(engine, graph).outcome, "applied");
      const mine = engine.enumFilters({ providerKey: graph.provider.providerKey })
        .filter((f) => f.displayData.name.includes("rules/payroll-app/v4/"));
      const out = mine.find((f) => f.layerKey === LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4);
      assert.equal(out?.rawContext, FILTER_CONTEXTS.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER);
      assert.ok(mine.some((f) => f.layerKey === LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4));
    } finally {
      engine.close();
    }
  },
});
