/**
 * Offline snapshots: netsh `show state` / `show filters` XML dumps and wfpsec's JSON snapshot load into a
 * read-only engine that answers like the live one and refuses every change.
 */
import assert from "node:assert/strict";
import {
  openSnapshot,
  parseJsonSnapshot,
  parseNetshXml,
  SnapshotEngine,
} from "../../../modules/engine/snapshot.ts";
import { SnapshotError } from "../../../modules/errors.ts";
import { filtersXml, stateXml } from "../../cli/netsh_writer.ts";
import { FOREIGN_PROVIDER, foreignDump } from "../../support/foreignDump.ts";
import {
  filterJson,
  providerContextJson,
  providerJson,
  sublayerJson,
} from "../../../modules/render/render.ts";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { sampleGraph } from "../../support/sampleGraph.ts";
import { applyGraph } from "../../../modules/apply/apply.ts";
import { planGraph } from "../../../modules/plan/plan.ts";
import { LAYERS, PROVIDERS } from "../../../ffi/constants.ts";

const enc = new TextEncoder();
const opts = { resolveSecret: () => enc.encode("snapshot-test-psk") };
const fixture = (n: string) => new URL(`../../cli/fixtures/${n}`, import.meta.url).pathname;

Deno.test("a netsh show state dump decodes every filter field back to the objects it was written from", () => {
  const d = foreignDump(60);
  const s = parseNetshXml(stateXml(d));
  assert.equal(s.filters.length, 60);
  assert.deepEqual(s.providers, d.providers);
  assert.deepEqual(s.sublayers, d.sublayers);
  const byKey = new Map(s.filters.map((f) => [f.filterKey, f]));
  for (const f of d.filters) {
    const { description, ...dd } = f.displayData;
    const want = { ...f, displayData: description ? f.displayData : dd };
    assert.deepEqual(byKey.get(f.filterKey), want);
  }
});

Deno.test("a netsh show filters dump (wfpdiag) gives the same filters", () => {
  const d = foreignDump(25);
  const a = parseNetshXml(filtersXml(d)).filters, b = parseNetshXml(stateXml(d)).filters;
  assert.deepEqual(a.map((f) => f.filterKey).sort(), b.map((f) => f.filterKey).sort());
});

Deno.test("the committed fixtures load; symbolic names map to GUIDs, unknown ones stay as names", () => {
  const e = openSnapshot(fixture("netsh_state_small.xml"));
  assert.equal(e.info.kind, "snapshot");
  assert.equal(e.info.simulated, true);
  assert.equal(e.enumFilters({ providerKey: FOREIGN_PROVIDER }).length, 40);
  assert.equal(e.enumFilters({ layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4 }).length, 8);
  assert.equal(openSnapshot(fixture("netsh_filters_small.xml")).enumFilters().length, 25);

  const real =
    `<?xml version="1.0"?>\n<wfpdiag><providers numItems="1"><item><providerKey>FWPM_PROVIDER_MPSSVC_WF</providerKey>
    <displayData><name>Microsoft Windows WFP Built-in MPSSVC provider</name><description>Windows Firewall</description></displayData>
    <flags numItems="1"><item>FWPM_PROVIDER_FLAG_PERSISTENT</item></flags><serviceName>mpssvc</serviceName></item></providers>
    <filters numItems="1"><item><filterKey>{3389708e-f7ae-4ebc-a61a-f659065ab24e}</filterKey>
    <displayData><name>InternetClient Default Rule</name><description>InternetClient Default Rule</description></displayData>
    <flags/><providerKey>FWPM_PROVIDER_MPSSVC_WSH</providerKey><providerData><data>ad2b000000000000</data><asString>.+......</asString></providerData>
    <layerKey>FWPM_LAYER_ALE_AUTH_CONNECT_V6</layerKey><subLayerKey>FWPM_SUBLAYER_MPSSVC_WSH</subLayerKey>
    <weight><type>FWP_EMPTY</type></weight><filterCondition numItems="2">
    <item><fieldKey>FWPM_CONDITION_IP_REMOTE_ADDRESS</fieldKey><matchType>FWP_MATCH_RANGE</matchType><conditionValue><type>FWP_RANGE_TYPE</type>
    <rangeValue><valueLow><type>FWP_BYTE_ARRAY16_TYPE</type><byteArray16>::</byteArray16></valueLow>
    <valueHigh><type>FWP_BYTE_ARRAY16_TYPE</type><byteArray16>ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff</byteArray16></valueHigh></rangeValue></conditionValue></item>
    <item><fieldKey>FWPM_CONDITION_ALE_USER_ID</fieldKey><matchType>FWP_MATCH_EQUAL</matchType><conditionValue><type>FWP_SID</type><sid>S-1-5-18</sid></conditionValue></item>
    </filterCondition><action><type>FWP_ACTION_PERMIT</type><filterType/></action><rawContext>0</rawContext><reserved/>
    <filterId>125918</filterId><effectiveWeight><type>FWP_UINT64</type><uint64>17582052945254416384</uint64></effectiveWeight></item></filters></wfpdiag>`;
  const s = parseNetshXml(real);
  assert.equal(s.providers[0].providerKey, "FWPM_PROVIDER_MPSSVC_WF");
  const f = s.filters[0];
  assert.equal(f.layerKey, LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6);
  assert.equal(f.providerKey, "FWPM_PROVIDER_MPSSVC_WSH");
  assert.deepEqual(f.providerData, new Uint8Array([0xad, 0x2b, 0, 0, 0, 0, 0, 0]));
  assert.deepEqual(f.weight, { type: 0 });
  assert.equal(f.filterId, 125918n);
  assert.deepEqual(f.effectiveWeight, { type: 4, uint64: 17582052945254416384n });
  const r = f.filterCondition[0].conditionValue as { rangeValue: { valueLow: { byteArray16: Uint8Array } } };
  assert.deepEqual(r.rangeValue.valueLow.byteArray16, new Uint8Array(16));
  assert.deepEqual(
    (f.filterCondition[1].conditionValue as { sid: Uint8Array }).sid,
    new Uint8Array([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]),
  );
  assert.ok(PROVIDERS.FWPM_PROVIDER_IKEEXT);
});

Deno.test("malformed XML and non-dumps are SnapshotErrors naming the problem", () => {
  assert.throws(
    () => parseNetshXml("<wfpstate><providers></wfpstate>"),
    (e) => e instanceof SnapshotError && /closes <providers>/.test(e.message),
  );
  assert.throws(
    () => parseNetshXml("<html></html>"),
    (e) => e instanceof SnapshotError && /not a netsh wfp dump/.test(e.message),
  );
  assert.throws(() => parseJsonSnapshot('{"schemaVersion":1,"command":"plan"}'), SnapshotError);
});

Deno.test("a snapshot engine refuses every change with a SnapshotError", () => {
  const e = new SnapshotEngine(foreignDump(3), "x.xml", "netsh XML");
  const f = e.enumFilters()[0];
  for (
    const op of [
      () => e.addFilter(),
      () => e.deleteFilter(),
      () => e.addProvider(),
      () => e.deleteSublayer(),
      () => e.addTunnel(undefined as never),
    ]
  ) {
    assert.throws(op, (x) => x instanceof SnapshotError && /read-only/.test(x.message));
  }
  assert.ok(f);
  assert.throws(() => e.appIdFromFileName("C:\\x.exe"), SnapshotError);
});

Deno.test("wfpsec's JSON snapshot (show --all --json) reads back into equal objects, and plans in sync", () => {
  const live = new FakeEngine();
  const g = sampleGraph();
  g.filters = g.filters.filter((f) => f.filterCondition.every((c) => c.conditionValue.type !== "appPath"));
  applyGraph(live, g, opts);
  const doc = {
    schemaVersion: 1,
    command: "show",
    scope: "all",
    providers: live.enumProviders().map(providerJson),
    sublayers: live.enumSublayers().map(sublayerJson),
    providerContexts: live.enumProviderContexts().map(providerContextJson),
    filters: live.enumFilters().map(filterJson),
  };
  const text = JSON.stringify(doc);
  assert.ok(!text.includes("snapshot-test-psk"));
  const s = new SnapshotEngine(parseJsonSnapshot(text), "snap.json", "wfpsec JSON");
  assert.deepEqual(s.enumFilters(), live.enumFilters());
  assert.equal(planGraph(g, s, opts).inSync, true);
  // netsh XML of the same engine also plans in sync (contexts compared by their content digest).
  const x = new SnapshotEngine(
    parseNetshXml(
      stateXml({
        providers: live.enumProviders(),
        sublayers: live.enumSublayers(),
        providerContexts: live.enumProviderContexts(),
        filters: live.enumFilters(),
      }),
    ),
    "s.xml",
    "netsh XML",
  );
  const p = planGraph(g, x, opts);
  assert.deepEqual(p.changes.map((c) => `${c.action} ${c.kind} ${c.reason}`), []);
  g.filters[0].weight = { type: 1, uint8: 9 };
  assert.deepEqual(planGraph(g, x, opts).changes.map((c) => c.fields), [["weight.uint8"]]);
});
