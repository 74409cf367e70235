/**
 * fwpsim assigns the effective weight BFE would (tests/support/fwpsim/weight.c), the same figure
 * modules/graph/weight.ts computes: for auto (FWP_EMPTY) and range (FWP_UINT8) weights, at the fitted ALE
 * layers and the generic ones, for every condition value type, and for fields with several conditions.
 */
import assert from "node:assert/strict";
import type { Filter, FilterCondition } from "../../modules/graph/graph.ts";
import { computeEffectiveWeight } from "../../modules/graph/mod.ts";
import { CONDITIONS, ENUMS, LAYERS } from "../../ffi/constants.ts";
import { simTest } from "./helpers.ts";
import { aleV4Conditions, key, permitFilter, provider, sublayer, v6Conditions } from "./fixtures.ts";

const DT = ENUMS.FWP_DATA_TYPE;
const MT = ENUMS.FWP_MATCH_TYPE;
const C = CONDITIONS;

const portRange = (field: string, lo: number, hi: number): FilterCondition => ({
  fieldKey: field,
  matchType: MT.FWP_MATCH_RANGE,
  conditionValue: {
    type: DT.FWP_RANGE_TYPE,
    rangeValue: {
      valueLow: { type: DT.FWP_UINT16, uint16: lo },
      valueHigh: { type: DT.FWP_UINT16, uint16: hi },
    },
  },
});
const mask = (addr: number, bits: number): FilterCondition => ({
  fieldKey: C.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: MT.FWP_MATCH_EQUAL,
  conditionValue: {
    type: DT.FWP_V4_ADDR_MASK,
    v4AddrMask: { addr, mask: bits ? (~0 << (32 - bits)) >>> 0 : 0 },
  },
});

simTest("fwpsim's effective weights are the ones weight.ts computes", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  const cases: [string, string, FilterCondition[], Filter["weight"]][] = [
    ["ALE v4, every value type", LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, aleV4Conditions, {
      type: DT.FWP_EMPTY,
    }],
    ["ALE v6", LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6, v6Conditions, { type: DT.FWP_UINT8, uint8: 9 }],
    ["recv-accept port range (fitted, scaled)", LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4, [
      portRange(C.FWPM_CONDITION_IP_LOCAL_PORT, 5000, 5020),
    ], { type: DT.FWP_EMPTY }],
    ["IKEEXT /8", LAYERS.FWPM_LAYER_IKEEXT_V4, [mask(0x0a000000, 8)], { type: DT.FWP_EMPTY }],
    ["IKEEXT two masks", LAYERS.FWPM_LAYER_IKEEXT_V4, [mask(0x0a000000, 8), mask(0xac100000, 12)], {
      type: DT.FWP_UINT8,
      uint8: 3,
    }],
    ["transport ports", LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4, [
      portRange(C.FWPM_CONDITION_IP_LOCAL_PORT, 1, 65535),
      portRange(C.FWPM_CONDITION_IP_REMOTE_PORT, 440, 450),
    ], { type: DT.FWP_EMPTY }],
  ];
  const seen = new Set<bigint>();
  cases.forEach(([name, layerKey, filterCondition, weight], i) => {
    const f: Filter = { ...permitFilter(i), filterKey: key(0x3000 + i), layerKey, filterCondition, weight };
    engine.addFilter(f);
    const back = engine.getFilter(f.filterKey)!;
    assert.equal(back.effectiveWeight?.type, DT.FWP_UINT64, name);
    const got = (back.effectiveWeight as { uint64: bigint }).uint64;
    assert.equal(got.toString(16), computeEffectiveWeight(f)!.toString(16), name);
    seen.add(got);
  });
  assert.equal(seen.size, cases.length, "the cases weigh differently: the comparison is not vacuous");
  // the weight range of a FWP_UINT8 weight is in the high 4 bits
  const v6 = engine.getFilter(key(0x3001))!;
  assert.equal((v6.effectiveWeight as { uint64: bigint }).uint64 >> 60n, 9n);
});
