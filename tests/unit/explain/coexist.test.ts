/**
 * Which foreign filters are IPsec policy, and when two filters' traffic overlaps (modules/explain/coexist.ts):
 * address masks, IPv6 prefixes and ranges, ports, protocols; an open field matches all, a condition not
 * evaluated statically (an app id) counts as a possible overlap.
 */
import assert from "node:assert/strict";
import {
  findCoexistence,
  ipsecPolicyKind,
  ipsecProviders,
  legacySublayers,
  trafficOverlaps,
} from "../../../modules/explain/mod.ts";
import { openSnapshot, SnapshotEngine } from "../../../modules/engine/mod.ts";
import { noteMissingReference, REFERENCE_DUMP } from "../../support/referenceDump.ts";
import type { Filter, FilterCondition } from "../../../modules/graph/mod.ts";
import { CALLOUTS, CONDITIONS, ENUMS, FLAGS, LAYERS, SUBLAYERS } from "../../../ffi/constants.ts";

const { FWP_MATCH_EQUAL, FWP_MATCH_RANGE, FWP_MATCH_NOT_EQUAL } = ENUMS.FWP_MATCH_TYPE;
const OURS = "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71";
const OTHER = "0c0c0c0c-1111-4222-8333-000000000001";

const v4 = (s: string) => s.split(".").reduce((a, b) => a * 256 + Number(b), 0);
const remoteMask = (addr: string, bits: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: FWP_MATCH_EQUAL,
  conditionValue: { type: 256, v4AddrMask: { addr: v4(addr), mask: bits ? (~0 << (32 - bits)) >>> 0 : 0 } },
});
const remoteRange = (lo: string, hi: string): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: FWP_MATCH_RANGE,
  conditionValue: {
    type: 258,
    rangeValue: { valueLow: { type: 3, uint32: v4(lo) }, valueHigh: { type: 3, uint32: v4(hi) } },
  },
});
const v6prefix = (first: number, bits: number): FilterCondition => {
  const addr = new Uint8Array(16);
  addr[0] = first >> 8;
  addr[1] = first & 0xff;
  return {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: FWP_MATCH_EQUAL,
    conditionValue: { type: 257, v6AddrMask: { addr, prefixLength: bits } },
  };
};
const port = (p: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
  matchType: FWP_MATCH_EQUAL,
  conditionValue: { type: 2, uint16: p },
});
const proto = (n: number, matchType: number = FWP_MATCH_EQUAL): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
  matchType,
  conditionValue: { type: 1, uint8: n },
});

let n = 0;
function filter(conds: FilterCondition[], over: Partial<Filter> = {}): Filter {
  n++;
  return {
    filterKey: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
    displayData: { name: `f${n}` },
    flags: FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT,
    providerKey: OTHER,
    layerKey: LAYERS.FWPM_LAYER_IKEEXT_V4,
    subLayerKey: "b3cdd441-af90-41ba-a745-7c6008ff2300",
    weight: { type: 0 },
    filterCondition: conds,
    action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
    providerContextKey: "0c0c0c0c-2222-4222-8333-000000000001",
    ...over,
  };
}

Deno.test("address masks, ranges and IPv6 prefixes overlap when one packet can match both", () => {
  const corp = filter([remoteMask("10.0.0.0", 8)]);
  assert.ok(trafficOverlaps(corp, filter([remoteMask("10.20.0.0", 16)])));
  assert.ok(!trafficOverlaps(corp, filter([remoteMask("192.168.0.0", 16)])));
  assert.ok(trafficOverlaps(corp, filter([remoteRange("9.255.255.250", "10.0.0.1")])));
  assert.ok(!trafficOverlaps(corp, filter([remoteRange("11.0.0.0", "11.255.255.255")])));
  assert.ok(trafficOverlaps(corp, filter([remoteMask("0.0.0.0", 0)])), "0.0.0.0/0 covers everything");
  // conditions on one field are ORed
  assert.ok(trafficOverlaps(corp, filter([remoteMask("192.168.0.0", 16), remoteMask("10.9.9.9", 32)])));
  assert.ok(trafficOverlaps(filter([v6prefix(0xfd00, 8)]), filter([v6prefix(0xfd12, 16)])));
  assert.ok(!trafficOverlaps(filter([v6prefix(0xfd00, 8)]), filter([v6prefix(0xfe80, 10)])));
});

Deno.test("ports and protocols narrow the overlap; an open field or an unevaluated match matches all", () => {
  const dns = filter([remoteMask("10.0.0.0", 8), proto(17), port(53)]);
  assert.ok(!trafficOverlaps(dns, filter([remoteMask("10.0.0.0", 8), proto(6)])), "udp vs tcp");
  assert.ok(!trafficOverlaps(dns, filter([port(80)])), "port 53 vs 80");
  assert.ok(trafficOverlaps(dns, filter([proto(17)])), "no address condition: every address");
  assert.ok(trafficOverlaps(dns, filter([])));
  assert.ok(trafficOverlaps(dns, filter([proto(17, FWP_MATCH_NOT_EQUAL)])), "not evaluated: may overlap");
  const app: FilterCondition = {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
    matchType: FWP_MATCH_EQUAL,
    conditionValue: { type: 12, byteBlob: new Uint8Array([1, 2]) },
  };
  assert.ok(trafficOverlaps(dns, filter([app, proto(17)])), "an app id needs identity: may overlap");
});

Deno.test("IPsec policy: IKEEXT/IPSEC filters with a context, IPsec callouts, the legacy IPsec sublayer", () => {
  assert.equal(ipsecPolicyKind(filter([])), "ikeext-policy");
  assert.equal(ipsecPolicyKind(filter([], { layerKey: LAYERS.FWPM_LAYER_IPSEC_V6 })), "ipsec-policy");
  assert.equal(
    ipsecPolicyKind(filter([], { flags: 0, providerContextKey: undefined })),
    undefined,
    "an IKEEXT filter without a provider context (an exemption) keys nothing",
  );
  const callout = (calloutKey: string, layerKey: string) =>
    filter([], {
      flags: 0,
      providerContextKey: undefined,
      layerKey,
      action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_CALLOUT_TERMINATING, calloutKey },
    });
  assert.equal(
    ipsecPolicyKind(
      callout(CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4, LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4),
    ),
    "ipsec-callout",
  );
  assert.equal(
    ipsecPolicyKind(callout(CALLOUTS.FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V4, LAYERS.FWPM_LAYER_IPFORWARD_V4)),
    undefined,
    "DoS protection is not keying policy",
  );
  const legacy = legacySublayers([
    {
      subLayerKey: "aaaaaaaa-0000-4000-8000-000000000001",
      displayData: { name: "WFP Built-in Legacy IPsec Sublayer" },
      flags: 0,
      weight: 1,
    },
    {
      subLayerKey: "aaaaaaaa-0000-4000-8000-000000000002",
      displayData: { name: "Other" },
      flags: 0,
      weight: 2,
    },
  ]);
  assert.deepEqual([...legacy], ["aaaaaaaa-0000-4000-8000-000000000001"]);
  const plain = { flags: 0, providerContextKey: undefined, layerKey: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4 };
  assert.equal(
    ipsecPolicyKind(filter([], { ...plain, subLayerKey: "aaaaaaaa-0000-4000-8000-000000000001" }), legacy),
    "legacy-ipsec-sublayer",
  );
  assert.equal(
    ipsecPolicyKind(filter([], { ...plain, subLayerKey: SUBLAYERS.FWPM_SUBLAYER_LIPS })),
    "legacy-ipsec-sublayer",
  );
  assert.equal(ipsecPolicyKind(filter([], plain)), undefined);
});

Deno.test("findCoexistence compares layer by layer, skips our provider, names the other one", () => {
  const ours = [
    filter([remoteMask("10.0.0.0", 8)], { providerKey: OURS, displayData: { name: "wfpsec corp" } }),
  ];
  const foreignIke = filter([remoteMask("10.1.0.0", 16)], { displayData: { name: "vpn ike" } });
  const foreignOtherLayer = filter([remoteMask("10.1.0.0", 16)], { layerKey: LAYERS.FWPM_LAYER_IKEEXT_V6 });
  const foreignElsewhere = filter([remoteMask("172.16.0.0", 12)]);
  const legacyFilter = filter([], {
    flags: 0,
    providerKey: undefined,
    providerContextKey: undefined,
    subLayerKey: SUBLAYERS.FWPM_SUBLAYER_LIPS,
    displayData: { name: "legacy" },
  });
  const engine = new SnapshotEngine(
    {
      providers: [{ providerKey: OTHER, displayData: { name: "Contoso VPN" }, flags: 0 }],
      sublayers: [],
      providerContexts: [],
      filters: [ours[0], foreignIke, foreignOtherLayer, foreignElsewhere, legacyFilter],
    },
    "mem.json",
    "test",
  );
  const found = findCoexistence(engine, ours, OURS);
  assert.deepEqual(found.map((e) => [e.filterName, e.providerName, e.kind]), [
    ["vpn ike", "Contoso VPN", "ikeext-policy"],
    ["legacy", null, "legacy-ipsec-sublayer"],
  ]);
  assert.equal(found[0].traffic, "remote 10.1.0.0/16");
  assert.deepEqual(found[0].overlaps.map((o) => o.filterName), ["wfpsec corp"]);
  assert.deepEqual(findCoexistence(engine, [], OURS), [], "no IPsec policy of ours: nothing to overlap");
  // every IPsec policy provider, ours (unregistered here, so unnamed) marked
  assert.deepEqual(ipsecProviders(engine, OURS).map((p) => [p.providerName, p.ours, p.filters]), [
    ["Contoso VPN", false, 3],
    [null, true, 1],
    [null, false, 1],
  ]);
});

Deno.test(
  { name: "the real dump's legacy IPsec sublayer is found by its GUID", ignore: !REFERENCE_DUMP },
  () => {
    // netsh prints <subLayerKey>FWPM_SUBLAYER_LIPS</subLayerKey>; the reader maps it to the SDK's GUID
    const e = openSnapshot(REFERENCE_DUMP!);
    const legacy = legacySublayers(e.enumSublayers());
    assert.ok(legacy.has(SUBLAYERS.FWPM_SUBLAYER_LIPS), [...legacy].join());
    const renamed = legacySublayers(
      e.enumSublayers().map((s) => ({ ...s, displayData: { name: "renamed" } })),
    );
    assert.ok(renamed.has(SUBLAYERS.FWPM_SUBLAYER_LIPS), "by key, whatever its display name");
  },
);
noteMissingReference("the real-dump legacy sublayer test");
