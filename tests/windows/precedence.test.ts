/**
 * Real-Windows case for precedence (docs/precedence.md, docs/windows-verification.md PR1): the explicit
 * FWP_UINT64 weights wfpsec gives overlapping rules' filters are the effective weights BFE orders them by,
 * so the more specific rule's filter is evaluated first. The transport filters of the domain isolation
 * zones example are added as compiled (no provider context needed) in a DYNAMIC session: nothing outlives
 * the test. Under the Wine stage the body runs against fwpsim as a rehearsal, and its name says so.
 */
import assert from "node:assert/strict";
import { LAYERS } from "../../ffi/constants.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

Deno.test({
  name: `real BFE precedence: PR1 explicit weights are the effective weights, more specific first${suffix}`,
  ignore: !runs,
  fn: () => {
    const file = new URL("../../examples/domain-isolation-zones.yaml", import.meta.url);
    const graph = compilePolicy(
      loadPolicy(Deno.readTextFileSync(file), "domain-isolation-zones.yaml").policy,
    );
    const order = ["encryption-zone", "isolated-domain", "everywhere"];
    const filters = order.map((r) =>
      graph.filters.find((f) =>
        f.layerKey === LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4 &&
        f.displayData.name.endsWith(`rules/${r}/v4/out`)
      )!
    );
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec precedence test (dynamic)" });
    try {
      const effective: bigint[] = [];
      for (const f of filters) {
        // Our own sublayer is not in this session: the default sublayer orders them the same way.
        const mine = {
          ...f,
          filterKey: crypto.randomUUID(),
          providerKey: undefined,
          providerData: undefined,
          subLayerKey: "00000000-0000-0000-0000-000000000000",
          flags: 0,
        };
        engine.addFilter(mine);
        const got = engine.getFilter(mine.filterKey)!.effectiveWeight;
        assert.equal(got?.type, 4, "effectiveWeight is an FWP_UINT64");
        effective.push((got as { uint64: bigint }).uint64);
      }
      assert.deepEqual(effective, filters.map((f) => (f.weight as { uint64: bigint }).uint64), "used as is");
      assert.ok(effective[0] > effective[1] && effective[1] > effective[2], "more specific first");
    } finally {
      engine.close();
    }
  },
});
