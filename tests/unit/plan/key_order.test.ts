/**
 * Key order: plans list changes by kind, then key, in the order of a plain `sort()` of the keys. The planner
 * orders large key sets by their hex prefix (modules/plan/keyOrder.ts); these tests hold it to the plain sort for
 * any keys, and hold a large plan (deletes, replaces and adds mixed, keys sharing prefixes) to that order.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { keyOrder, sortByKey } from "../../../modules/plan/keyOrder.ts";
import { applyGraph } from "../../../modules/apply/apply.ts";
import { type ObjectKind, planGraph } from "../../../modules/plan/plan.ts";
import { ENUMS } from "../../../ffi/constants.ts";
import type { Filter } from "../../../modules/graph/graph.ts";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { F_IN, PROVIDER, sampleGraph } from "../../support/sampleGraph.ts";

/** The reference: a stable sort of the indices by key. */
function reference(keys: readonly string[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join("-"));
// Keys that collide on their first 8 characters, keys that must not take the hex path, and duplicates.
const sharedPrefix = fc.tuple(fc.constantFrom("bbbbbbbb", "00000000", "ffffffff"), hex(4)).map(([a, b]) =>
  `${a}-${b}-0000-0000-000000000000`
);
// Keys the hex path takes (first 8 characters lowercase hex), including runs that share those 8.
const hexKey = fc.oneof(
  { weight: 6, arbitrary: guid },
  { weight: 2, arbitrary: sharedPrefix },
  { weight: 1, arbitrary: fc.tuple(hex(8), fc.string({ maxLength: 6 })).map(([a, b]) => a + b) },
);
// Keys that send the whole set to the comparison sort.
const otherKey = fc.oneof(guid.map((g) => g.toUpperCase()), fc.string({ maxLength: 10 }));
const withDuplicates = (ks: string[]) => fc.constantFrom(ks, [...ks, ...ks.slice(0, 40)]);

Deno.test("keyOrder gives the order of a stable plain sort: large sets of hex-prefixed keys", () => {
  fc.assert(
    fc.property(fc.array(hexKey, { minLength: 520, maxLength: 1500 }).chain(withDuplicates), (keys) => {
      assert.deepEqual(keyOrder(keys), reference(keys));
    }),
    { numRuns: 40 },
  );
});

Deno.test("keyOrder gives the order of a stable plain sort: any keys, any size", () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.array(hexKey, { maxLength: 700 }), fc.array(otherKey, { minLength: 1, maxLength: 5 }))
        .chain(([a, b]) => withDuplicates([...a, ...b].sort(() => 0.5 - Math.random()))),
      (keys) => {
        assert.deepEqual(keyOrder(keys), reference(keys));
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("keyOrder takes the hex path for canonical GUIDs and still matches the plain sort", () => {
  const keys = Array.from(
    { length: 5000 },
    (_, i) => (i % 7 === 0 ? `bbbbbbbb-${String(i).padStart(4, "0")}` : crypto.randomUUID()),
  );
  keys.push(...keys.slice(0, 100)); // duplicates keep their input order
  assert.deepEqual(keyOrder(keys), reference(keys));
  assert.deepEqual(sortByKey(keys, (k) => k), [...keys].sort());
});

const KIND_ORDER: ObjectKind[] = ["provider", "sublayer", "providerContext", "filter", "tunnel", "manualSa"];

function manyFilters(n: number, tag: string, weight = 1): Filter[] {
  const base = sampleGraph().filters.find((f) => f.filterKey === F_IN)!;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    // Every 10th key shares its first 8 characters with others (a run the planner sorts as strings).
    filterKey: i % 10 === 0
      ? `cccccccc-${tag}-4000-8000-${String(i).padStart(12, "0")}`
      : crypto.randomUUID(),
    displayData: { name: `${tag} ${i}` },
    weight: { type: ENUMS.FWP_DATA_TYPE.FWP_UINT8, uint8: weight },
  }));
}

Deno.test("a large plan lists deletes, replaces and adds of every kind in kind then key order", () => {
  const psk = new TextEncoder().encode("k");
  const opts = { resolveSecret: () => psk };
  const engine = new FakeEngine();
  const g1 = sampleGraph();
  const kept = manyFilters(900, "0001");
  g1.filters.push(...kept);
  applyGraph(engine, g1, opts);
  // Two more sublayers of ours, keys either side of the policy's: both deleted, in key order.
  for (
    const subLayerKey of ["ffffffff-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000001"]
  ) {
    engine.addSublayer({
      subLayerKey,
      displayData: { name: "stale" },
      flags: 0,
      providerKey: PROVIDER,
      weight: 1,
    });
  }

  const g2 = sampleGraph();
  const dropped = kept.filter((_, i) => i % 9 === 0);
  const changed = kept.filter((_, i) => i % 9 !== 0 && i % 5 === 0);
  const same = kept.filter((_, i) => i % 9 !== 0 && i % 5 !== 0);
  const added = manyFilters(700, "0002");
  g2.filters.push(
    ...same,
    ...changed.map((f) => ({ ...f, weight: { type: 1 as const, uint8: 9 } })),
    ...added,
  );

  const plan = planGraph(g2, engine, opts);
  const filters = plan.changes.filter((c) => c.kind === "filter");
  const keysOf = (action: string) => filters.filter((c) => c.action === action).map((c) => c.key).sort();
  assert.deepEqual(keysOf("delete"), dropped.map((f) => f.filterKey).sort());
  assert.deepEqual(keysOf("replace"), changed.map((f) => f.filterKey).sort());
  assert.deepEqual(keysOf("add"), added.map((f) => f.filterKey).sort());
  assert.equal(plan.summary.unchanged, same.length + 9); // + provider, sublayer, 2 contexts, 4 filters, tunnel
  assert.deepEqual(
    plan.changes.filter((c) => c.kind === "sublayer").map((c) => `${c.action} ${c.key}`),
    ["delete 00000000-0000-4000-8000-000000000001", "delete ffffffff-0000-4000-8000-000000000001"],
  );
  const rank = (k: ObjectKind) => KIND_ORDER.indexOf(k);
  for (let i = 1; i < plan.changes.length; i++) {
    const a = plan.changes[i - 1], b = plan.changes[i];
    assert.ok(
      rank(a.kind) < rank(b.kind) || (a.kind === b.kind && a.key < b.key),
      `change ${i} (${b.kind} ${b.key}) is out of order after ${a.kind} ${a.key}`,
    );
  }
  applyGraph(engine, g2, opts);
  assert.equal(planGraph(g2, engine, opts).inSync, true);
});

Deno.test("the policy's sublayer, added after a stale one with a greater key, is listed first", () => {
  const engine = new FakeEngine();
  const g = sampleGraph();
  engine.addProvider(g.provider);
  const stale = "ffffffff-0000-4000-8000-000000000001";
  engine.addSublayer({
    subLayerKey: stale,
    displayData: { name: "stale" },
    flags: 0,
    providerKey: PROVIDER,
    weight: 1,
  });
  const plan = planGraph(g, engine, { resolveSecret: () => new Uint8Array([1]) });
  assert.deepEqual(
    plan.changes.filter((c) => c.kind === "sublayer").map((c) => `${c.action} ${c.key}`),
    [`add ${g.sublayer.subLayerKey}`, `delete ${stale}`],
  );
});

Deno.test("a filter key listed twice in a graph is planned once, as its last entry", () => {
  const g = sampleGraph();
  const dup = { ...g.filters.find((f) => f.filterKey === F_IN)!, displayData: { name: "second" } };
  g.filters.push(dup);
  const plan = planGraph(g, new FakeEngine(), { resolveSecret: () => new Uint8Array([1]) });
  const mine = plan.changes.filter((c) => c.key === F_IN);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].name, "second");
});
