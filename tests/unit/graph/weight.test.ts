/**
 * Effective weights (modules/graph/weight.ts): the documented rules for FWP_UINT64, FWP_UINT8 and FWP_EMPTY
 * weights, and the generated low 60 bits checked bit for bit against the real dump's `effectiveWeight`s.
 */
import assert from "node:assert/strict";
import { autoWeight, computeEffectiveWeight, effectiveWeightOf } from "../../../modules/graph/mod.ts";
import type { Filter, FilterCondition } from "../../../modules/graph/mod.ts";
import { openSnapshot } from "../../../modules/engine/mod.ts";
import { CONDITIONS, ENUMS, LAYERS } from "../../../ffi/constants.ts";
import { noteMissingReference, REFERENCE_DUMP } from "../../support/referenceDump.ts";

const { FWP_MATCH_EQUAL, FWP_MATCH_RANGE } = ENUMS.FWP_MATCH_TYPE;
const remote = (addr: number, bits: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: FWP_MATCH_EQUAL,
  conditionValue: { type: 256, v4AddrMask: { addr, mask: bits ? (~0 << (32 - bits)) >>> 0 : 0 } },
});
const port = (field: string, lo: number, hi = lo): FilterCondition =>
  lo === hi ? { fieldKey: field, matchType: FWP_MATCH_EQUAL, conditionValue: { type: 2, uint16: lo } } : {
    fieldKey: field,
    matchType: FWP_MATCH_RANGE,
    conditionValue: {
      type: 258,
      rangeValue: { valueLow: { type: 2, uint16: lo }, valueHigh: { type: 2, uint16: hi } },
    },
  };
const proto = (n: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
  matchType: FWP_MATCH_EQUAL,
  conditionValue: { type: 1, uint8: n },
});
const IKE = LAYERS.FWPM_LAYER_IKEEXT_V4;
const f = (weight: Filter["weight"], filterCondition: FilterCondition[], layerKey: string = IKE) => ({
  weight,
  layerKey,
  filterCondition,
});

Deno.test("documented: FWP_UINT64 as is, FWP_UINT8 sets the high 4 bits, FWP_EMPTY stays below 2^60", () => {
  assert.equal(computeEffectiveWeight(f({ type: 4, uint64: 12345n }, [proto(6)])), 12345n);
  const auto = autoWeight(IKE, [remote(0x0a000000, 8)]);
  assert.ok(auto > 0n && auto < 1n << 60n);
  assert.equal(computeEffectiveWeight(f({ type: 0 }, [remote(0x0a000000, 8)])), auto);
  assert.equal(
    computeEffectiveWeight(f({ type: 1, uint8: 0xc }, [remote(0x0a000000, 8)])),
    (0xcn << 60n) | auto,
  );
  assert.equal(
    computeEffectiveWeight(f({ type: 1, uint8: 16 }, [])),
    undefined,
    "range above FWPM_WEIGHT_RANGE_MAX",
  );
  assert.equal(computeEffectiveWeight(f({ type: 0 }, [])), 0n, "no conditions: the lowest auto weight");
  // the engine's own figure wins over the computed one
  const reported = { ...f({ type: 0 }, [proto(6)]), effectiveWeight: { type: 4 as const, uint64: 7n } };
  assert.deepEqual(effectiveWeightOf(reported), { value: 7n, computed: false });
  assert.deepEqual(effectiveWeightOf(f({ type: 0 }, [proto(6)])).computed, true);
});

Deno.test("inferred: more specific conditions weigh more (prefix length, exact over range, more fields)", () => {
  const w = (cs: FilterCondition[]) => autoWeight(IKE, cs);
  assert.ok(w([remote(0x0a010000, 16)]) > w([remote(0x0a000000, 8)]), "/16 over /8");
  assert.ok(w([remote(0x0a010203, 32)]) > w([remote(0x0a010000, 24)]), "a host over /24");
  const lp = CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT;
  assert.ok(w([port(lp, 445)]) > w([port(lp, 440, 450)]), "one port over a range");
  assert.ok(w([port(lp, 440, 450)]) > w([port(lp, 1, 65535)]), "a narrow range over a wide one");
  assert.ok(w([remote(0x0a000000, 8), proto(6)]) > w([remote(0x0a000000, 8)]), "another field adds");
  assert.ok(w([remote(0x0a000000, 8)]) > w([proto(6), port(lp, 445)]), "the remote address ranks first");
});

Deno.test(
  { name: "the real dump's ALE filters: generated weights reproduced bit for bit", ignore: !REFERENCE_DUMP },
  () => {
    const fitted = new Set<string>([
      CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
      CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT,
      CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
      CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
      CONDITIONS.FWPM_CONDITION_ALE_USER_ID,
      CONDITIONS.FWPM_CONDITION_FLAGS,
    ]);
    const layers = new Set<string>([
      LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4,
      LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6,
      LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4,
      LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6,
    ]);
    let checked = 0, ranges = 0;
    for (const x of openSnapshot(REFERENCE_DUMP!).enumFilters()) {
      if (x.weight.type === 4 || !layers.has(x.layerKey)) continue;
      if (!x.filterCondition.every((c) => fitted.has(c.fieldKey))) continue;
      assert.equal(x.effectiveWeight?.type, 4);
      const want = (x.effectiveWeight as { uint64: bigint }).uint64;
      assert.equal(computeEffectiveWeight(x)?.toString(16), want.toString(16), x.displayData.name);
      checked++;
      if (x.filterCondition.some((c) => c.matchType === FWP_MATCH_RANGE)) ranges++;
    }
    assert.ok(checked >= 200, `${checked} filters checked`);
    assert.ok(ranges >= 2, "port ranges among them");
  },
);
noteMissingReference("the real-dump effective weight test");
