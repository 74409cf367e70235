/**
 * Real-Windows integration: wfpsec against the real Base Filtering Engine, elevated, through DYNAMIC
 * sessions only, so nothing outlives the test process (BFE deletes a dynamic session's objects when it
 * closes). Elsewhere every test is reported as skipped with the reason in its name.
 *
 * `WFPSEC_WINDOWS_REHEARSAL=1` (set by the Wine stage) runs the same bodies under Wine against fwpsim as
 * System32's fwpuclnt.dll, so the tests themselves are known to run; their names then say "rehearsal".
 * `WFPSEC_REQUIRE_WINDOWS_TESTS=1` (set by the Windows CI workflow) turns "not usable here" into a failure.
 */
import assert from "node:assert/strict";
import { CALLOUTS, FLAGS, LAYERS, SUBLAYERS } from "../../ffi/constants.ts";
import { WfpError } from "../../ffi/errors.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { applyGraph, removeOwned } from "../../modules/apply/apply.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import type { ObjectGraph } from "../../modules/graph/graph.ts";
import { planGraph } from "../../modules/plan/plan.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { RawSession } from "../support/rawSession.ts";
import { checkFilter, checkProvider, checkProviderContext, checkSublayer } from "../support/roundtrip.ts";
import { realHostMode } from "./host.ts";
import { objectSet, TEST_NET_1 } from "../support/objectSet.ts";

const { host, rehearsal, runs, suffix } = realHostMode();
if (!runs) console.log(`tests/windows: real-BFE integration tests skipped: ${host.reason}`);

function bfeTest(name: string, fn: () => void | Promise<void>): void {
  Deno.test({ name: `real BFE: ${name}${suffix}`, ignore: !runs, fn });
}

if (Deno.env.get("WFPSEC_REQUIRE_WINDOWS_TESTS") === "1") {
  Deno.test("real BFE: this host can run the real-Windows tests", () => {
    assert.ok(host.usable, `required here, but: ${host.reason}`);
  });
}

if (rehearsal) {
  Deno.test("real BFE: the host probe refuses Wine and says so", () => {
    assert.match(host.reason, /Wine|fwpsim/);
  });
}

bfeTest("the engine behind System32's fwpuclnt.dll is the one expected", () => {
  const engine = openEngine({ dynamic: true });
  try {
    assert.equal(engine.info.source, host.fwpuclntPath);
    assert.equal(engine.info.kind, host.usable ? "windows" : "fwpsim");
    assert.equal(engine.info.simulated, !host.usable);
  } finally {
    engine.close();
  }
});

bfeTest(
  "each object kind added in a dynamic session reads back, and vanishes when the session closes",
  () => {
    const set = objectSet("wfpsec-windows-it");
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (dynamic)" });
    let filterIds: bigint[] = [];
    try {
      filterIds = engine.transaction(() => {
        engine.addProvider(set.provider);
        engine.addSublayer(set.sublayer);
        engine.addProviderContext(set.mainMode);
        engine.addProviderContext(set.quickMode);
        return set.filters.map((f) => engine.addFilter(f));
      });
      checkProvider(set.provider, engine.getProvider(set.provider.providerKey));
      checkSublayer(set.sublayer, engine.getSublayer(set.sublayer.subLayerKey));
      checkProviderContext(set.mainMode, engine.getProviderContext(set.mainMode.providerContextKey));
      checkProviderContext(set.quickMode, engine.getProviderContext(set.quickMode.providerContextKey));
      set.filters.forEach((f, i) => checkFilter(f, engine.getFilter(f.filterKey), filterIds[i]));

      const keys = (xs: { filterKey: string }[]) => xs.map((f) => f.filterKey).sort();
      assert.deepStrictEqual(
        keys(engine.enumFilters({ providerKey: set.provider.providerKey })),
        keys(set.filters),
      );
      assert.deepStrictEqual(
        engine.enumProviderContexts({ providerKey: set.provider.providerKey }).map((c) =>
          c.providerContextKey
        ).sort(),
        [set.mainMode.providerContextKey, set.quickMode.providerContextKey].sort(),
      );
      assert.deepStrictEqual(
        engine.enumSublayers({ providerKey: set.provider.providerKey }).map((s) => s.subLayerKey),
        [set.sublayer.subLayerKey],
      );
      assert.ok(engine.enumProviders().some((p) => p.providerKey === set.provider.providerKey));
    } finally {
      engine.close();
    }
    const observer = openEngine({ dynamic: true });
    try {
      assert.equal(
        observer.getProvider(set.provider.providerKey),
        undefined,
        "a dynamic session's provider outlived it",
      );
      assert.equal(observer.getFilter(set.filters[0].filterKey), undefined);
    } finally {
      observer.close();
    }
  },
);

/** The domain-isolation example with its addresses moved to documentation ranges (RFC 5737 / 3849). */
function domainIsolationOnTestNets(): string {
  const text = Deno.readTextFileSync(new URL("../../examples/domain-isolation.yaml", import.meta.url));
  // The runner's own network may be 10/8; a test must not demand IPsec from it, even for a moment.
  const testNet = `${TEST_NET_1 >>> 24}.${(TEST_NET_1 >>> 16) & 255}.${(TEST_NET_1 >>> 8) & 255}`;
  return text.replaceAll("10.0.0.0/8", `${testNet}.0/24`).replace(/\b10\.0\.0\.(\d+)\b/g, `${testNet}.$1`);
}

/**
 * The graph with every PERSISTENT flag cleared: BFE refuses persistent objects from a dynamic session
 * (FWP_E_DYNAMIC_SESSION_IN_PROGRESS), and a dynamic session is what guarantees the test leaves nothing.
 */
function nonPersistent(graph: ObjectGraph): ObjectGraph {
  const PERSISTENT = 0x1; // bit 0 in the provider, sublayer, provider-context and filter flag words alike
  assert.equal(FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT, PERSISTENT);
  assert.equal(FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT, PERSISTENT);
  assert.equal(FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT, PERSISTENT);
  assert.equal(FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_PERSISTENT, PERSISTENT);
  const clear = <T extends { flags: number }>(o: T): T => ({ ...o, flags: o.flags & ~PERSISTENT });
  return {
    ...graph,
    provider: clear(graph.provider),
    sublayer: clear(graph.sublayer),
    providerContexts: graph.providerContexts.map(clear),
    filters: graph.filters.map(clear),
    tunnels: graph.tunnels.map((t) => ({
      ...t,
      mainModePolicy: t.mainModePolicy && clear(t.mainModePolicy),
      tunnelPolicy: clear(t.tunnelPolicy),
    })),
  };
}

bfeTest("the domain-isolation example applies in one transaction, plans in sync, and is removed", () => {
  const text = domainIsolationOnTestNets();
  assert.doesNotMatch(text, /\b10\.\d+\.\d+\.\d+/);
  const { policy } = loadPolicy(text, "examples/domain-isolation.yaml (test nets)");
  const graph = nonPersistent(compilePolicy(policy));
  const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (dynamic)" });
  try {
    const applied = applyGraph(engine, graph);
    assert.equal(applied.outcome, "applied");
    const providerKey = graph.provider.providerKey;
    assert.equal(engine.enumFilters({ providerKey }).length, graph.filters.length);
    for (const f of graph.filters) assert.ok(engine.getFilter(f.filterKey), `filter ${f.displayData.name}`);
    for (const c of graph.providerContexts) {
      assert.ok(engine.getProviderContext(c.providerContextKey), `provider context ${c.displayData.name}`);
    }

    assert.equal(planGraph(graph, engine).inSync, true, "a second plan finds nothing to do");
    assert.equal(applyGraph(engine, graph).outcome, "in-sync");

    const removed = removeOwned(engine, providerKey);
    assert.equal(removed.providers, 1);
    assert.equal(removed.filters, graph.filters.length);
    assert.equal(engine.getProvider(providerKey), undefined);
    assert.equal(engine.enumFilters({ providerKey }).length, 0);
    assert.equal(engine.enumProviderContexts({ providerKey }).length, 0);
  } finally {
    engine.close();
  }
});

type EnumFns = {
  create: ((h: Deno.PointerObject, template: null, out: BigUint64Array) => number) | null;
  next:
    | ((
      h: Deno.PointerObject,
      e: Deno.PointerObject,
      n: number,
      entries: BigUint64Array,
      count: Uint32Array,
    ) => number)
    | null;
  destroy: ((h: Deno.PointerObject, e: Deno.PointerObject) => number) | null;
};

/** Enumerates everything behind a NULL template, freeing each page; returns the entry count. */
function countAll(raw: RawSession, what: string, fns: EnumFns): number | undefined {
  const { create, next, destroy } = fns;
  if (!create || !next || !destroy) {
    assert.ok(!host.usable, `${what} is missing from the real fwpuclnt.dll`);
    console.log(`  ${what}: not exported by this fwpsim build (rehearsal only)`);
    return undefined;
  }
  const cell = new BigUint64Array(1);
  assert.equal(create(raw.h, null, cell), 0, `${what}: create enum handle`);
  const e = Deno.UnsafePointer.create(cell[0])!;
  let total = 0;
  try {
    const entries = new BigUint64Array(1);
    const count = new Uint32Array(1);
    for (;;) {
      entries[0] = 0n;
      count[0] = 0;
      const rc = next(raw.h, e, 256, entries, count);
      try {
        assert.equal(rc, 0, `${what}: enum`);
      } finally {
        if (entries[0] !== 0n) raw.s.FwpmFreeMemory0(entries);
      }
      total += count[0];
      if (count[0] < 256) return total;
    }
  } finally {
    destroy(raw.h, e);
  }
}

bfeTest("main-mode SAs, quick-mode SAs and net events enumerate (counts only) and free their pages", () => {
  const raw = new RawSession(loadLibrary());
  const s = raw.s;
  try {
    const counts = {
      ikeextSas: countAll(raw, "IkeextSaEnum2", {
        create: s.IkeextSaCreateEnumHandle0,
        next: s.IkeextSaEnum2,
        destroy: s.IkeextSaDestroyEnumHandle0,
      }),
      ipsecSas: countAll(raw, "IPsecSaEnum1", {
        create: s.IPsecSaCreateEnumHandle0,
        next: s.IPsecSaEnum1,
        destroy: s.IPsecSaDestroyEnumHandle0,
      }),
      netEvents: countAll(raw, "FwpmNetEventEnum5", {
        create: s.FwpmNetEventCreateEnumHandle0,
        next: s.FwpmNetEventEnum5,
        destroy: s.FwpmNetEventDestroyEnumHandle0,
      }),
    };
    console.log(`  enumerated: ${JSON.stringify(counts)}`);
    for (const [k, v] of Object.entries(counts)) if (v !== undefined) assert.ok(v >= 0, k);
  } finally {
    raw.close();
  }
});

// ---- simulator choices: what fwpsim assumes where the documentation is silent (docs/windows-verification.md C1, C2)

/** The callout filters fwpsim's FwpmIPsecTunnelAdd3 instantiates (tests/support/fwpsim/tunnel.c), as layer/callout. */
const FWPSIM_TUNNEL_CALLOUTS_V4 = [
  ["FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", "FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V4"],
  ["FWPM_LAYER_INBOUND_TRANSPORT_V4", "FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V4"],
  ["FWPM_LAYER_IPFORWARD_V4", "FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V4"],
  ["FWPM_LAYER_IPFORWARD_V4", "FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V4"],
  ["FWPM_LAYER_OUTBOUND_TRANSPORT_V4", "FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V4"],
];

bfeTest(
  "C1: the callout filters BFE instantiates for a site-to-site tunnel are the ones fwpsim creates",
  () => {
    // The example's inner networks moved to TEST-NET-1 halves: nothing the runner talks to is tunnelled.
    const text = Deno.readTextFileSync(new URL("../../examples/tunnel-site-to-site.yaml", import.meta.url))
      .replace("local: 10.1.0.0/16", "local: 192.0.2.0/25")
      .replace("remote: 10.2.0.0/16", "remote: 192.0.2.128/25");
    assert.doesNotMatch(text.replace(/#.*$/gm, ""), /\b10\.\d+\.\d+\.\d+/);
    Deno.env.set("SITE_B_PSK", "wfpsec-windows-it-only");
    const graph = nonPersistent(
      compilePolicy(loadPolicy(text, "tunnel-site-to-site.yaml (test nets)").policy),
    );
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (dynamic)" });
    try {
      assert.equal(applyGraph(engine, graph).outcome, "applied");
      const tunnelKey = graph.tunnels[0].tunnelPolicy.providerContextKey;
      const qmProvider = graph.tunnels[0].tunnelPolicy.providerKey;
      const byName = (table: Record<string, string>, guid: string | undefined) =>
        Object.entries(table).find(([, g]) => g === guid)?.[0] ?? guid;
      const seen = engine.enumFilters(qmProvider ? { providerKey: qmProvider } : undefined)
        .filter((f) => f.subLayerKey === SUBLAYERS.FWPM_SUBLAYER_IPSEC_TUNNEL && f.action.calloutKey)
        .filter((f) => byName(LAYERS, f.layerKey)?.toString().endsWith("_V4"))
        .map((f) => [byName(LAYERS, f.layerKey), byName(CALLOUTS, f.action.calloutKey)])
        .sort((a, b) => `${a}`.localeCompare(`${b}`));
      console.log(`  tunnel ${tunnelKey}: ${JSON.stringify(seen)}`);
      assert.deepEqual(seen, FWPSIM_TUNNEL_CALLOUTS_V4);
      removeOwned(engine, graph.provider.providerKey);
    } finally {
      engine.close();
      Deno.env.delete("SITE_B_PSK");
    }
  },
);

bfeTest("C2: a dynamic session cannot add a persistent object (FWP_E_DYNAMIC_SESSION_IN_PROGRESS)", () => {
  const graph = compilePolicy(loadPolicy(domainIsolationOnTestNets(), "domain-isolation (test nets)").policy);
  assert.ok(graph.provider.flags & FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT);
  const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (dynamic)" });
  try {
    assert.throws(
      () => engine.addProvider(graph.provider),
      (e: unknown) => e instanceof WfpError && e.errorName === "FWP_E_DYNAMIC_SESSION_IN_PROGRESS",
    );
    assert.equal(engine.getProvider(graph.provider.providerKey), undefined, "nothing was added");
  } finally {
    engine.close();
  }
});
