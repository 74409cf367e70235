/**
 * The planner's one keyed merge (modules/plan/diff.ts mergeByKey), used for sublayers, provider contexts,
 * filters and tunnels: every key of either side visited once, in the order of a plain `sort()`, with the
 * index of its last entry on each side (what a map keyed by it would hold), -1 where it is absent.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { mergeByKey } from "../../../modules/plan/diff.ts";

/** The reference: maps keyed by key (last entry wins), keys of both in sorted order. */
function reference(des: string[], cur: string[]): [number, number][] {
  const d = new Map(des.map((k, i) => [k, i])), c = new Map(cur.map((k, i) => [k, i]));
  return [...new Set([...des, ...cur])].sort().map((k) => [d.get(k) ?? -1, c.get(k) ?? -1]);
}

function merged(des: string[], cur: string[]): [number, number][] {
  const out: [number, number][] = [];
  mergeByKey(des, cur, (d, c) => out.push([d, c]));
  return out;
}

Deno.test("mergeByKey visits adds, deletes and pairs in key order", () => {
  assert.deepEqual(merged(["c", "a", "b"], ["b", "d"]), [[1, -1], [2, 0], [0, -1], [-1, 1]]);
  assert.deepEqual(merged([], []), []);
  assert.deepEqual(merged(["x"], []), [[0, -1]]);
  assert.deepEqual(merged([], ["x"]), [[-1, 0]]);
});

Deno.test("mergeByKey: a key listed twice counts once, as its last entry", () => {
  assert.deepEqual(merged(["a", "b", "a"], ["a", "a"]), [[2, 1], [1, -1]]);
});

Deno.test("mergeByKey matches the map-based reference (small sets and radix-ordered large ones)", () => {
  const hex = fc.stringMatching(/^[0-9a-f]{2}$/).map((p) => `${p}aaaaaa-0000`);
  const key = fc.oneof(fc.constantFrom("a", "b", "c", "ab", "B"), hex);
  fc.assert(
    fc.property(fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 40 }), (d, c) => {
      assert.deepEqual(merged(d, c), reference(d, c));
    }),
  );
  // Over keyOrder's radix threshold: GUID-like keys with shared prefixes and duplicates on both sides.
  const big = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => `${((i * seed) % 997).toString(16).padStart(8, "0")}-${i % 3}`);
  const d = big(1500, 7), c = big(1200, 11);
  assert.deepEqual(merged(d, c), reference(d, c));
});
