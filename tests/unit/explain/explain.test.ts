/**
 * explain's matching and arbitration (modules/explain/explain.ts), as the filter-arbitration page documents:
 * within a sublayer the highest-weight matching permit/block decides (inspection callouts continue); across
 * sublayers block overrides a soft permit, a hard permit (FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT) survives a
 * block, and a terminating callout's verdict is known only at run time. App ids and SDs are not evaluated.
 */
import assert from "node:assert/strict";
import {
  arbitrate,
  type ExplainedFilter,
  explainTraffic,
  parseAddress,
} from "../../../modules/explain/mod.ts";
import { SnapshotEngine } from "../../../modules/engine/mod.ts";
import type { Filter, FilterCondition } from "../../../modules/graph/mod.ts";
import { CALLOUTS, CONDITIONS, ENUMS, FLAGS, LAYERS } from "../../../ffi/constants.ts";

const A = ENUMS.FWP_ACTION_TYPE;
const v4 = (s: string) => Number(parseAddress(s)!.n);
const remote = (addr: string, bits: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
  conditionValue: { type: 256, v4AddrMask: { addr: v4(addr), mask: bits ? (~0 << (32 - bits)) >>> 0 : 0 } },
});
const rport = (lo: number, hi: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
  matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_RANGE,
  conditionValue: {
    type: 258,
    rangeValue: { valueLow: { type: 2, uint16: lo }, valueHigh: { type: 2, uint16: hi } },
  },
});
const tcp: FilterCondition = {
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
  matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
  conditionValue: { type: 1, uint8: 6 },
};
const appId: FilterCondition = {
  fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
  matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
  conditionValue: { type: 12, byteBlob: new Uint8Array([1]) },
};

const SUB_HI = "aaaaaaaa-0000-4000-8000-000000000001", SUB_LO = "aaaaaaaa-0000-4000-8000-000000000002";
let n = 0;
function f(
  name: string,
  sub: string,
  weight: number,
  conds: FilterCondition[],
  action: Filter["action"],
  flags = 0,
): Filter {
  n++;
  return {
    filterKey: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
    displayData: { name },
    flags,
    layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4,
    subLayerKey: sub,
    weight: { type: 4, uint64: BigInt(weight) },
    effectiveWeight: { type: 4, uint64: BigInt(weight) },
    filterCondition: conds,
    action,
  };
}
const PERMIT = { type: A.FWP_ACTION_PERMIT }, BLOCK = { type: A.FWP_ACTION_BLOCK };

function engine(filters: Filter[]) {
  return new SnapshotEngine(
    {
      providers: [],
      sublayers: [
        { subLayerKey: SUB_LO, displayData: { name: "low" }, flags: 0, weight: 10 },
        { subLayerKey: SUB_HI, displayData: { name: "high" }, flags: 0, weight: 900 },
      ],
      providerContexts: [],
      filters,
    },
    "mem",
    "test",
  );
}
const connect = (e: SnapshotEngine, port = 445) =>
  explainTraffic(e, { direction: "out", remote: "10.1.2.3", protocol: 6, remotePort: port }).layers[0];

Deno.test("sublayers by weight; in each the highest-weight matching filter decides; non-matching are left out", () => {
  const l = connect(engine([
    f("low permit", SUB_LO, 5, [], PERMIT),
    f("wide permit", SUB_HI, 1, [remote("10.0.0.0", 8)], PERMIT),
    f("smb block", SUB_HI, 9, [remote("10.1.0.0", 16), tcp, rport(445, 445)], BLOCK),
    f("other net", SUB_HI, 20, [remote("192.168.0.0", 16)], BLOCK),
  ]));
  assert.deepEqual(l.sublayers.map((s) => s.name), ["high", "low"]);
  const hi = l.sublayers[0];
  assert.deepEqual(hi.filters.map((x) => x.name), ["smb block", "wide permit"]);
  assert.equal(hi.filters.find((x) => x.filterKey === hi.decidingFilter)!.name, "smb block");
  assert.equal(l.outcome, 'block by "smb block"');
  const l80 = connect(
    engine([f("smb", SUB_HI, 9, [tcp, rport(445, 445)], BLOCK), f("all", SUB_HI, 1, [], PERMIT)]),
    80,
  );
  assert.equal(l80.outcome, 'permit by "all"', "port 80 is outside 445-445");
});

Deno.test("block overrides a soft permit of a higher sublayer; a hard permit survives it", () => {
  const soft = connect(engine([f("p", SUB_HI, 1, [], PERMIT), f("b", SUB_LO, 1, [], BLOCK)]));
  assert.equal(soft.outcome, 'block by "b"');
  const hard = connect(engine([
    f("p", SUB_HI, 1, [], PERMIT, FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT),
    f("b", SUB_LO, 1, [], BLOCK),
  ]));
  assert.equal(hard.outcome, 'hard permit by "p"');
  assert.equal(hard.sublayers[0].filters[0].clearActionRight, true);
});

Deno.test("callouts decide at run time; inspection continues; app ids need identity", () => {
  const l = connect(engine([
    f("inspect", SUB_HI, 9, [], {
      type: A.FWP_ACTION_CALLOUT_INSPECTION,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4,
    }),
    f("ipsec", SUB_HI, 5, [], {
      type: A.FWP_ACTION_CALLOUT_TERMINATING,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4,
    }),
    f("per-app", SUB_LO, 9, [appId], BLOCK),
    f("rest", SUB_LO, 1, [], PERMIT),
  ]));
  const [hi, lo] = l.sublayers;
  assert.equal(hi.filters.find((x) => x.filterKey === hi.decidingFilter)!.name, "ipsec");
  assert.equal(hi.filters[1].callout, "FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4");
  assert.equal(lo.filters[0].match, "not-evaluated");
  assert.deepEqual(lo.filters[0].notEvaluated, ["needs identity (FWPM_CONDITION_ALE_APP_ID)"]);
  assert.equal(lo.dependsOn, lo.filters[0].filterKey);
  assert.match(
    l.outcome,
    /decided at run time by callout FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4 \(filter "ipsec"\)/,
  );
  assert.match(l.outcome, /depends on filters not evaluated statically/);
});

Deno.test("arbitrate: no decider is the layer's default", () => {
  assert.equal(
    arbitrate([] as ExplainedFilter[], false),
    "no matching filter decides (the layer's default applies)",
  );
});
