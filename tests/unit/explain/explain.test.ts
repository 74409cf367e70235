/**
 * explain's matching and arbitration (modules/explain/explain.ts), as the filter-arbitration page documents:
 * within a sublayer the highest-weight matching permit/block decides (inspection callouts continue); across
 * sublayers block overrides a soft permit, a hard permit (FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT) survives a
 * block (only a callout can veto it), and a terminating callout's verdict is known only at run time. App ids
 * are matched against --program (by device path; offline only the path below the volume), flags as far as
 * the addresses decide them, SDs need an identity; weights BFE has yet to assign are computed.
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
  assert.equal(hard.outcome, 'hard permit by "p" (overrides block by "b")');
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
  assert.deepEqual(lo.filters[0].notEvaluated, [
    "needs identity (FWPM_CONDITION_ALE_APP_ID): no --program given",
  ]);
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

const appBlob = (path: string) => {
  const units = [...path].map((c) => c.charCodeAt(0));
  return new Uint8Array(new Uint16Array([...units, 0]).buffer);
};
const app = (path: string, matchType: number = ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
  matchType,
  conditionValue: { type: 12, byteBlob: appBlob(path) },
});
const svc = "\\device\\harddiskvolume3\\windows\\system32\\svc.exe";
const explainWith = (e: SnapshotEngine, program?: string, devicePath?: string) =>
  explainTraffic(
    e,
    { direction: "out", remote: "10.1.2.3", protocol: 6, remotePort: 445, ...(program ? { program } : {}) },
    program ? { path: program, ...(devicePath ? { devicePath } : {}) } : undefined,
  ).layers[0];

Deno.test("a callout after a hard permit can still veto it", () => {
  const l = connect(engine([
    f("p", SUB_HI, 1, [], PERMIT, FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT),
    f("veto", SUB_LO, 1, [], {
      type: A.FWP_ACTION_CALLOUT_TERMINATING,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4,
    }),
  ]));
  assert.match(
    l.outcome,
    /^hard permit by "p"; then decided at run time by callout .*, which can veto the hard permit$/,
  );
});

Deno.test("--program: app ids compared by device path; offline only below the volume, and said so", () => {
  const e = engine([
    f("svc block", SUB_HI, 9, [app(svc)], BLOCK),
    f("not svc", SUB_HI, 8, [app(svc, ENUMS.FWP_MATCH_TYPE.FWP_MATCH_NOT_EQUAL)], PERMIT),
    f("rest", SUB_HI, 1, [], PERMIT),
  ]);
  const names = (l: ReturnType<typeof explainWith>) =>
    l.sublayers[0].filters.map((x) => `${x.name}:${x.match}`);
  // resolved (the engine's FwpmGetAppIdFromFileName0, or a device path given)
  let l = explainWith(e, "C:\\Windows\\System32\\svc.exe", svc);
  assert.deepEqual(names(l), ["svc block:match", "rest:match"]);
  assert.equal(l.outcome, 'block by "svc block"');
  l = explainWith(e, "C:\\Other\\app.exe", "\\device\\harddiskvolume3\\other\\app.exe");
  assert.deepEqual(names(l), ["not svc:match", "rest:match"]);
  // without a device path (a snapshot): another file can never match; the same file depends on the volume
  l = explainWith(e, "C:\\Other\\app.exe");
  assert.deepEqual(names(l), ["not svc:match", "rest:match"]);
  l = explainWith(e, "D:\\Windows\\System32\\SVC.exe");
  assert.deepEqual(names(l), ["svc block:not-evaluated", "not svc:not-evaluated", "rest:match"]);
  assert.match(l.sublayers[0].filters[0].notEvaluated[0], /cannot resolve D:\\Windows.* offline/);
  // a what-if policy's program is not resolved yet: compared as a file path
  const pol = engine([f("policy app", SUB_HI, 9, [{
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
    matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
    conditionValue: {
      type: "appPath",
      path: "C:\\Tools\\x.exe",
    } as unknown as FilterCondition["conditionValue"],
  }], BLOCK)]);
  assert.deepEqual(names(explainWith(pol, "c:/tools/X.EXE")), ["policy app:match"]);
  assert.deepEqual(explainWith(pol, "C:\\Tools\\y.exe").sublayers, []);
});

Deno.test("flags: the loopback flag follows from the address; other flags are run time", () => {
  const flags = (matchType: number, mask: number): FilterCondition => ({
    fieldKey: CONDITIONS.FWPM_CONDITION_FLAGS,
    matchType,
    conditionValue: { type: 3, uint32: mask },
  });
  const MT = ENUMS.FWP_MATCH_TYPE, CF = FLAGS.FWP_CONDITION_FLAG;
  const e = engine([
    f(
      "not loopback",
      SUB_HI,
      9,
      [flags(MT.FWP_MATCH_FLAGS_NONE_SET, CF.FWP_CONDITION_FLAG_IS_LOOPBACK)],
      PERMIT,
    ),
    f("loopback", SUB_HI, 8, [flags(MT.FWP_MATCH_FLAGS_ALL_SET, CF.FWP_CONDITION_FLAG_IS_LOOPBACK)], BLOCK),
    f(
      "secured",
      SUB_HI,
      7,
      [flags(MT.FWP_MATCH_FLAGS_ANY_SET, CF.FWP_CONDITION_FLAG_IS_IPSEC_SECURED)],
      BLOCK,
    ),
  ]);
  const l = connect(e);
  assert.deepEqual(l.sublayers[0].filters.map((x) => [x.name, x.match]), [
    ["not loopback", "match"],
    ["secured", "not-evaluated"],
  ]);
  assert.deepEqual(l.sublayers[0].filters[1].notEvaluated, [
    "depends on run-time flags (FWPM_CONDITION_FLAGS 0x2)",
  ]);
  const lo = explainTraffic(e, { direction: "out", remote: "127.0.0.1" }).layers[0];
  assert.equal(lo.sublayers[0].filters[0].name, "loopback");
});

Deno.test("weights BFE has yet to assign are computed: the more specific filter comes first", () => {
  const auto = (name: string, conds: FilterCondition[]) => {
    const x = f(name, SUB_HI, 0, conds, PERMIT);
    delete x.effectiveWeight;
    x.weight = { type: 0 };
    return x;
  };
  const l = connect(
    engine([auto("wide", [remote("10.0.0.0", 8)]), auto("narrow", [remote("10.1.0.0", 16)])]),
  );
  const fs = l.sublayers[0].filters;
  assert.deepEqual(fs.map((x) => [x.name, x.weight, x.effectiveWeightComputed]), [
    ["narrow", "auto", true],
    ["wide", "auto", true],
  ]);
  assert.ok(BigInt(fs[0].effectiveWeight) > BigInt(fs[1].effectiveWeight));
  assert.equal(fs[0].subLayerKey, SUB_HI);
  assert.equal(l.sublayers[0].decidingFilter, fs[0].filterKey);
});

Deno.test("at IKEEXT the main-mode policy considered is named from the provider context", () => {
  const mm = f(
    "mm",
    SUB_HI,
    5,
    [remote("10.0.0.0", 8)],
    PERMIT,
    FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT,
  );
  mm.layerKey = LAYERS.FWPM_LAYER_IKEEXT_V4;
  mm.providerContextKey = "cccccccc-0000-4000-8000-000000000001";
  const e = engine([mm]);
  (e.data.providerContexts as unknown[]).push({
    providerContextKey: mm.providerContextKey,
    displayData: { name: "corp main mode" },
    flags: 0,
    type: ENUMS.FWPM_PROVIDER_CONTEXT_TYPE.FWPM_IPSEC_IKEV2_MM_CONTEXT,
  });
  const ike = explainTraffic(e, { direction: "out", remote: "10.1.2.3" }).layers[2];
  assert.deepEqual(ike.policyContext, {
    providerContextKey: mm.providerContextKey,
    name: "corp main mode",
    type: "FWPM_IPSEC_IKEV2_MM_CONTEXT",
    filterKey: mm.filterKey,
    providerName: null,
  });
});

Deno.test("summary: a block at any layer is the connection's outcome; else callouts and IPsec policy", () => {
  const blocked = explainTraffic(engine([f("b", SUB_HI, 1, [], BLOCK)]), {
    direction: "out",
    remote: "10.1.2.3",
  });
  assert.equal(blocked.summary, 'blocked at ALE_AUTH_CONNECT_V4: block by "b"');
  const hard = explainTraffic(
    engine([
      f("p", SUB_HI, 1, [], PERMIT, FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT),
      f("b", SUB_LO, 1, [], BLOCK),
    ]),
    { direction: "out", remote: "10.1.2.3" },
  );
  assert.equal(hard.summary, "permitted, no IPsec policy applies", "a hard permit overrides the block");
  const ipsec = explainTraffic(
    engine([f("ipsec", SUB_HI, 5, [], {
      type: A.FWP_ACTION_CALLOUT_TERMINATING,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4,
    })]),
    { direction: "out", remote: "10.1.2.3" },
  );
  assert.equal(ipsec.summary, "decided at run time by callouts at ALE_AUTH_CONNECT_V4");
});
