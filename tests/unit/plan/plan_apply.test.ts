/**
 * Planner and apply, specified against an in-memory engine: what a plan contains and why, what "equal"
 * ignores, how re-apply stays silent, and that a failing engine call leaves everything as it was.
 */
import assert from "node:assert/strict";
import { FakeEngine } from "../../support/fakeEngine.ts";
import {
  F_APP,
  F_IN,
  F_MM,
  F_QM,
  MM,
  PROVIDER,
  PSK_ENV,
  QM,
  sampleGraph,
  SUBLAYER,
  TUN_MM,
  TUN_QM,
} from "../../support/sampleGraph.ts";
import {
  DISABLED_FILTER_REASON,
  DISABLED_PROVIDER_REASON,
  planGraph,
  publicChange,
  type SecretResolver,
} from "../../../modules/plan/plan.ts";
import { applyGraph, removeOwned } from "../../../modules/apply/apply.ts";
import { ApplyError } from "../../../modules/errors.ts";
import { ERRORS, FLAGS, LAYERS } from "../../../ffi/constants.ts";
import type { Filter } from "../../../modules/graph/graph.ts";

const SECRET = "correct-horse-battery-staple-42";
let psk = SECRET;
const resolveSecret: SecretResolver = () => new TextEncoder().encode(psk);
const opts = { resolveSecret };

function applied(): FakeEngine {
  psk = SECRET;
  const e = new FakeEngine();
  applyGraph(e, sampleGraph(), opts);
  return e;
}

Deno.test("plan on an empty engine adds every object, in kind then key order", () => {
  psk = SECRET;
  const p = planGraph(sampleGraph(), new FakeEngine(), opts);
  assert.equal(p.inSync, false);
  assert.deepEqual(
    p.changes.map((c) => `${c.action} ${c.kind} ${c.key}`),
    [
      `add provider ${PROVIDER}`,
      `add sublayer ${SUBLAYER}`,
      `add providerContext ${MM}`,
      `add providerContext ${QM}`,
      `add filter ${F_MM}`,
      `add filter ${F_QM}`,
      `add filter ${F_IN}`,
      `add filter ${F_APP}`,
      `add tunnel ${TUN_QM}`,
    ],
  );
  assert.deepEqual(p.summary, { add: 9, delete: 0, replace: 0, unchanged: 0 });
  assert.equal(p.changes.find((c) => c.key === F_IN)?.layer, LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4);
  assert.equal(p.changes[0].reason, "not in the engine");
});

Deno.test("after apply the plan is in sync and re-apply makes no engine call that changes state", () => {
  const e = applied();
  assert.equal(e.state.filters.size, 4);
  assert.equal(e.state.tunnels.size, 1);
  const p = planGraph(sampleGraph(), e, opts);
  assert.deepEqual(p.changes.map(publicChange), []);
  assert.equal(p.inSync, true);
  assert.equal(p.summary.unchanged, 9);
  const before = e.mutations, callsBefore = e.calls.length;
  const r = applyGraph(e, sampleGraph(), opts);
  assert.equal(r.outcome, "in-sync");
  assert.equal(e.mutations, before);
  assert.deepEqual(e.calls.slice(callsBefore), [], "not even a transaction is opened");
});

Deno.test("app paths are resolved through the engine before comparing", () => {
  const e = applied();
  const f = e.getFilter(F_APP)!;
  const v = f.filterCondition[0].conditionValue;
  assert.equal(v.type, 12);
  assert.deepEqual((v as { byteBlob: Uint8Array }).byteBlob, e.appIdFromFileName("C:\\Tools\\App.exe"));
});

Deno.test("an edited filter is a replace naming exactly the changed field and values", () => {
  const e = applied();
  const g = sampleGraph();
  const f = g.filters.find((x) => x.filterKey === F_IN)!;
  f.filterCondition[0].conditionValue = { type: 2, uint16: 443 };
  const p = planGraph(g, e, opts);
  assert.deepEqual(p.changes.map(publicChange), [{
    action: "replace",
    kind: "filter",
    key: F_IN,
    name: "inbound transport",
    layer: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4,
    reason: "filterCondition[0].conditionValue.uint16: 80 -> 443",
    fields: ["filterCondition[0].conditionValue.uint16"],
  }]);
  assert.deepEqual(p.summary, { add: 0, delete: 0, replace: 1, unchanged: 8 });
  applyGraph(e, g, opts);
  assert.equal(planGraph(g, e, opts).inSync, true);
});

Deno.test("engine-assigned fields are not differences", () => {
  const e = applied();
  const f = e.state.filters.get(F_QM)!;
  e.state.filters.set(F_QM, { ...f, filterId: 999n, effectiveWeight: { type: 4, uint64: 7n } });
  e.state.contexts.get(QM)!.providerContextId = 12345n;
  assert.equal(planGraph(sampleGraph(), e, opts).inSync, true);
});

Deno.test("a filter BFE disabled at start is drift: replaced with the reason 'disabled', enabled again", () => {
  const e = applied();
  const f = e.state.filters.get(F_QM)!;
  e.state.filters.set(F_QM, { ...f, flags: f.flags | FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED });
  const p = planGraph(sampleGraph(), e, opts);
  assert.equal(p.inSync, false);
  assert.deepEqual(p.changes.map((c) => `${c.action} ${c.kind} ${c.key} ${c.reason}`), [
    `replace filter ${F_QM} ${DISABLED_FILTER_REASON}`,
  ]);
  applyGraph(e, sampleGraph(), opts);
  assert.equal(e.state.filters.get(F_QM)!.flags & FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED, 0);
  assert.equal(planGraph(sampleGraph(), e, opts).inSync, true);
});

Deno.test("a provider BFE disabled at start is drift: everything under it is re-added", () => {
  const e = applied();
  const p0 = e.state.providers.get(PROVIDER)!;
  e.state.providers.set(PROVIDER, {
    ...p0,
    flags: p0.flags | FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED,
  });
  const p = planGraph(sampleGraph(), e, opts);
  assert.equal(p.changes[0].kind, "provider");
  assert.equal(p.changes[0].reason, DISABLED_PROVIDER_REASON);
  assert.ok(p.changes.length > 1 && p.changes.every((c) => c.action === "replace"));
  applyGraph(e, sampleGraph(), opts);
  assert.equal(planGraph(sampleGraph(), e, opts).inSync, true);
});

Deno.test("a changed pre-shared key replaces its context (and dependent filter) without printing the key", () => {
  const e = applied();
  psk = "a-new-secret-value-99";
  const p = planGraph(sampleGraph(), e, opts);
  const pub = p.changes.map(publicChange);
  assert.deepEqual(pub.map((c) => `${c.action} ${c.kind} ${c.key}`), [
    `replace providerContext ${MM}`,
    `replace filter ${F_MM}`,
    `replace tunnel ${TUN_QM}`,
  ]);
  assert.equal(pub[0].reason, "pre-shared key changed");
  assert.match(pub[1].reason, /re-added because provider context .* is replaced/);
  const text = JSON.stringify(pub);
  assert.ok(!text.includes(psk) && !text.includes(SECRET));
  applyGraph(e, sampleGraph(), opts);
  assert.equal(planGraph(sampleGraph(), e, opts).inSync, true);
  // The engine received the key itself (marshalled at add time), the plan never did.
  const stored =
    e.state.contexts.get(MM)!.ikeMmPolicy!.authenticationMethods[0].presharedKeyAuthentication!.presharedKey;
  assert.equal(new TextDecoder().decode(stored), psk);
});

Deno.test("objects of ours that the policy no longer has are deleted; foreign objects are left alone", () => {
  const e = applied();
  const foreign: Filter = {
    ...e.getFilter(F_IN)!,
    filterKey: "cccccccc-0000-0000-0000-000000000001",
    providerKey: undefined,
  };
  delete foreign.filterId;
  e.addFilter(foreign);
  const g = sampleGraph();
  g.filters = g.filters.filter((f) => f.filterKey !== F_APP);
  const p = planGraph(g, e, opts);
  assert.deepEqual(p.changes.map((c) => `${c.action} ${c.kind} ${c.key} ${c.reason}`), [
    `delete filter ${F_APP} not in the policy`,
  ]);
  applyGraph(e, g, opts);
  assert.ok(!e.state.filters.has(F_APP));
  assert.ok(e.state.filters.has(foreign.filterKey));
});

Deno.test("a tunnel whose traffic conditions change is replaced as a whole", () => {
  const e = applied();
  const g = sampleGraph();
  g.tunnels[0].filterConditions[0].conditionValue = { type: 3, uint32: 0x0a000003 };
  const p = planGraph(g, e, opts);
  assert.deepEqual(p.changes.map(publicChange), [{
    action: "replace",
    kind: "tunnel",
    key: TUN_QM,
    name: "tunnel qm",
    reason: "tunnel definition (flags, traffic conditions or keying module) changed",
    fields: ["tunnelPolicy.providerData"],
  }]);
  applyGraph(e, g, opts);
  assert.equal(planGraph(g, e, opts).inSync, true);
  assert.equal(e.state.contexts.has(TUN_MM), true);
});

Deno.test("a failure at any mutating call of an apply leaves the engine exactly as before", () => {
  // Count the mutating calls of a full change (edit + delete + add across all kinds).
  const base = () => {
    const e = applied();
    return e;
  };
  const edited = () => {
    const g = sampleGraph();
    g.provider.displayData.name = "renamed provider"; // cascades to every object
    return g;
  };
  const probe = base();
  const m0 = probe.mutations;
  applyGraph(probe, edited(), opts);
  const count = probe.mutations - m0;
  assert.ok(count >= 18, `a provider replace re-adds everything (${count} calls)`);
  for (let n = 1; n <= count; n++) {
    const e = base();
    const before = e.dump();
    e.failNthMutation(n, ERRORS.FWP_E_IN_USE.code);
    let err: unknown;
    try {
      applyGraph(e, edited(), opts);
    } catch (x) {
      err = x;
    }
    assert.ok(err instanceof ApplyError, `call ${n} must fail the apply`);
    assert.equal(err.wfp?.wfpName, "FWP_E_IN_USE");
    assert.equal(err.wfp?.wfpCode, "0x" + ERRORS.FWP_E_IN_USE.code.toString(16));
    assert.ok(err.object && err.object.key?.length === 36 && err.object.kind.length > 0);
    assert.match(err.message, new RegExp(`${err.object.kind} ${err.object.key} ".*" failed: FWP_E_IN_USE`));
    assert.equal(e.dump(), before, `state unchanged after failure at call ${n}`);
  }
});

Deno.test("remove deletes everything of ours including the tunnel, and a second remove calls nothing", () => {
  const e = applied();
  const r = removeOwned(e, PROVIDER);
  assert.deepEqual(r, { filters: 4, providerContexts: 2, tunnels: 1, sublayers: 1, providers: 1 });
  assert.equal(
    e.state.filters.size + e.state.contexts.size + e.state.sublayers.size + e.state.providers.size,
    0,
  );
  const calls = e.calls.length;
  assert.deepEqual(removeOwned(e, PROVIDER), {
    filters: 0,
    providerContexts: 0,
    tunnels: 0,
    sublayers: 0,
    providers: 0,
  });
  assert.equal(e.calls.length, calls);
});

Deno.test("an unset pre-shared key variable is a PolicyError naming the variable, nothing is read", async () => {
  const { defaultResolveSecret, SecretError } = await import("../../../modules/plan/plan.ts");
  Deno.env.delete(PSK_ENV);
  assert.throws(
    () => planGraph(sampleGraph(), new FakeEngine(), { resolveSecret: defaultResolveSecret }),
    (e: unknown) => {
      assert.ok(e instanceof SecretError);
      assert.equal(e.toJson().type, "PolicyError");
      assert.match((e as Error).message, new RegExp(PSK_ENV));
      return true;
    },
  );
  Deno.env.set(PSK_ENV, "ab");
  const p = planGraph(sampleGraph(), new FakeEngine(), { resolveSecret: defaultResolveSecret });
  assert.deepEqual(p.secrets.get(`${MM}/0`), new Uint8Array([0x61, 0, 0x62, 0]), "UTF-16LE");
  Deno.env.delete(PSK_ENV);
});

Deno.test("without our provider a live engine holds nothing of ours: no enumeration; an offline dump is enumerated", () => {
  class Counting extends FakeEngine {
    enums = 0;
    override enumFilters(...a: Parameters<FakeEngine["enumFilters"]>) {
      this.enums++;
      return super.enumFilters(...a);
    }
    override enumProviderContexts(...a: Parameters<FakeEngine["enumProviderContexts"]>) {
      this.enums++;
      return super.enumProviderContexts(...a);
    }
    override enumSublayers(...a: Parameters<FakeEngine["enumSublayers"]>) {
      this.enums++;
      return super.enumSublayers(...a);
    }
  }
  const live = new Counting();
  const p = planGraph(sampleGraph(), live, opts);
  assert.equal(live.enums, 0);
  assert.equal(p.summary.add, 9);
  // With the provider in place, everything is read.
  applyGraph(live, sampleGraph(), opts);
  live.enums = 0;
  assert.equal(planGraph(sampleGraph(), live, opts).inSync, true);
  assert.equal(live.enums, 3);

  // A dump of `netsh wfp show filters` lists filters without their provider: they are still ours to plan.
  const dump = new Counting();
  Object.assign(dump.info, { kind: "snapshot" });
  dump.addProvider(sampleGraph().provider);
  dump.addSublayer(sampleGraph().sublayer);
  const f = sampleGraph().filters.find((x) => x.filterKey === F_IN)!;
  dump.addFilter(f);
  dump.state.providers.clear();
  dump.enums = 0;
  const offline = planGraph(sampleGraph(), dump, opts);
  assert.ok(dump.enums >= 3);
  assert.equal(
    offline.changes.find((c) => c.key === F_IN)?.action,
    undefined,
    "the dumped filter is in sync",
  );
});
