/**
 * Real-Windows check of the effective weights BFE generates for FWP_EMPTY and FWP_UINT8 filter weights
 * (docs/windows-verification.md EW1-EW3): each filter is added in a dynamic session and its effectiveWeight
 * compared with modules/graph/weight.ts. EW1: the ALE connect / receive-accept fields the real dump showed
 * (must agree bit for bit). EW2: the inferred layout at other layers and for address conditions (the test that
 * replaces the inference with facts: on a mismatch it prints BFE's figure; update weight.ts, fwpsim weight.c).
 * EW3: the ordering explain relies on (a more specific remote address weighs more), whatever the bits.
 * Under Wine the bodies rehearse against fwpsim built as fwpuclnt.dll (the mingw build of weight.c).
 */
import assert from "node:assert/strict";
import { CONDITIONS, ENUMS, LAYERS } from "../../ffi/constants.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { computeEffectiveWeight } from "../../modules/graph/mod.ts";
import type { Filter, FilterCondition } from "../../modules/graph/graph.ts";
import { objectSet } from "../support/objectSet.ts";
import { realHostMode } from "./host.ts";

const { host, runs, suffix } = realHostMode();
if (!runs) console.log(`tests/windows: effective weight tests skipped: ${host.reason}`);

const T = ENUMS.FWP_DATA_TYPE, M = ENUMS.FWP_MATCH_TYPE, C = CONDITIONS;
const u8 = (fieldKey: string, v: number): FilterCondition => ({
  fieldKey,
  matchType: M.FWP_MATCH_EQUAL,
  conditionValue: { type: T.FWP_UINT8, uint8: v },
});
const u16 = (fieldKey: string, v: number): FilterCondition => ({
  fieldKey,
  matchType: M.FWP_MATCH_EQUAL,
  conditionValue: { type: T.FWP_UINT16, uint16: v },
});
const range16 = (fieldKey: string, lo: number, hi: number): FilterCondition => ({
  fieldKey,
  matchType: M.FWP_MATCH_RANGE,
  conditionValue: {
    type: T.FWP_RANGE_TYPE,
    rangeValue: {
      valueLow: { type: T.FWP_UINT16, uint16: lo },
      valueHigh: { type: T.FWP_UINT16, uint16: hi },
    },
  },
});
const remote = (addr: number, bits: number): FilterCondition => ({
  fieldKey: C.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: M.FWP_MATCH_EQUAL,
  conditionValue: {
    type: T.FWP_V4_ADDR_MASK,
    v4AddrMask: { addr, mask: bits ? (~0 << (32 - bits)) >>> 0 : 0 },
  },
});
const TEST_NET_2 = (198 << 24 | 51 << 16 | 100 << 8) >>> 0;

/** Adds each [layer, conditions, weight] as a permit filter; returns [computed, reported] per case. */
function weigh(cases: [string, FilterCondition[], Filter["weight"]][]): [bigint, bigint][] {
  const set = objectSet("wfpsec-weight-it");
  const engine = openEngine({ dynamic: true, sessionName: "wfpsec effective weight test (dynamic)" });
  try {
    return engine.transaction(() => {
      engine.addProvider(set.provider);
      engine.addSublayer(set.sublayer);
      return cases.map(([layerKey, filterCondition, weight], i) => {
        const f: Filter = {
          filterKey: crypto.randomUUID(),
          displayData: { name: `wfpsec weight case ${i}` },
          flags: 0,
          providerKey: set.provider.providerKey,
          layerKey,
          subLayerKey: set.sublayer.subLayerKey,
          weight,
          filterCondition,
          action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
        };
        engine.addFilter(f);
        const back = engine.getFilter(f.filterKey)!;
        assert.equal(back.effectiveWeight?.type, T.FWP_UINT64);
        return [computeEffectiveWeight(f)!, (back.effectiveWeight as { uint64: bigint }).uint64];
      });
    });
  } finally {
    engine.close();
  }
}

function report(label: string, got: [bigint, bigint][]): void {
  for (const [i, [computed, reported]] of got.entries()) {
    console.log(`${label} case ${i}: BFE 0x${reported.toString(16)}, weight.ts 0x${computed.toString(16)}`);
  }
}

Deno.test({
  name: `EW1: BFE's weights at ALE connect / receive-accept equal the ones read from the real dump${suffix}`,
  ignore: !runs,
  fn() {
    const P = C.FWPM_CONDITION_IP_PROTOCOL,
      LP = C.FWPM_CONDITION_IP_LOCAL_PORT,
      RP = C.FWPM_CONDITION_IP_REMOTE_PORT;
    const got = weigh([
      [LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, [u8(P, 6), u16(RP, 443)], { type: T.FWP_EMPTY }],
      [LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, [u8(P, 17), u16(LP, 123), u16(RP, 123)], {
        type: T.FWP_UINT8,
        uint8: 9,
      }],
      [LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6, [u8(P, 6), range16(RP, 1, 65535)], { type: T.FWP_EMPTY }],
      [LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4, [u8(P, 6), range16(LP, 5000, 5020)], { type: T.FWP_EMPTY }],
      [LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6, [u8(P, 17), u16(LP, 3702)], { type: T.FWP_EMPTY }],
    ]);
    report("EW1", got);
    for (const [computed, reported] of got) assert.equal(computed.toString(16), reported.toString(16));
  },
});

Deno.test({
  name: `EW2: the inferred layout at transport and IKEEXT layers and for address masks${suffix}`,
  ignore: !runs,
  fn() {
    const got = weigh([
      [LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4, [remote(TEST_NET_2, 24)], { type: T.FWP_EMPTY }],
      [
        LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
        [remote(TEST_NET_2, 24), u8(C.FWPM_CONDITION_IP_PROTOCOL, 6)],
        {
          type: T.FWP_EMPTY,
        },
      ],
      [LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4, [range16(C.FWPM_CONDITION_IP_LOCAL_PORT, 8000, 8080)], {
        type: T.FWP_UINT8,
        uint8: 3,
      }],
      [LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, [remote(TEST_NET_2, 24)], { type: T.FWP_EMPTY }],
      [LAYERS.FWPM_LAYER_IKEEXT_V4, [remote(TEST_NET_2, 24)], { type: T.FWP_EMPTY }],
    ]);
    report("EW2", got);
    for (const [computed, reported] of got) assert.equal(computed.toString(16), reported.toString(16));
  },
});

Deno.test({
  name: `EW3: a more specific remote address weighs more, and the range sets the top 4 bits${suffix}`,
  ignore: !runs,
  fn() {
    const L = LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4;
    const [[, wide], [, narrow], [, ranged]] = weigh([
      [L, [remote(TEST_NET_2, 16)], { type: T.FWP_EMPTY }],
      [L, [remote(TEST_NET_2, 24)], { type: T.FWP_EMPTY }],
      [L, [remote(TEST_NET_2, 24)], { type: T.FWP_UINT8, uint8: 5 }],
    ]);
    assert.ok(narrow > wide, `/24 0x${narrow.toString(16)} over /16 0x${wide.toString(16)}`);
    assert.equal(ranged >> 60n, 5n, "FWP_UINT8 5: the high 4 bits (documented)");
    assert.equal(ranged & ((1n << 60n) - 1n), narrow, "the low 60 bits as for FWP_EMPTY (documented)");
  },
});
