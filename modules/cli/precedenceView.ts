/**
 * The precedence order `plan` and `show` print (model/overlaps.ts, render/precedence.ts): from the
 * validated rules for a policy file, and from the engine's own objects for what is in force.
 */
import { decompileToPolicy } from "../compiler/mod.ts";
import type { Engine } from "../engine/mod.ts";
import { ownedGraph } from "../plan/mod.ts";
import { effectiveWeightOf, type ObjectGraph, readMeta } from "../graph/mod.ts";
import type { Rule } from "../model/mod.ts";
import { type PrecedenceEntry, precedenceOrder, rankAt } from "../model/mod.ts";

/** The order of a policy file's overlapping rules, with the weights the compiler gives them. */
export function policyPrecedence(rules: Rule[]): PrecedenceEntry[] {
  return precedenceOrder(rules);
}

/**
 * The order of the rules in force: rules decompiled from our objects, each ranked by the effective weight its
 * IPSEC-layer filter has in the engine (so a policy applied with other weights shows the order in force).
 */
export function enginePrecedence(graph: ObjectGraph): PrecedenceEntry[] {
  const entries = precedenceOrder(decompileToPolicy(graph).rules);
  if (!entries.length) return entries;
  const actual = new Map<string, bigint>();
  for (const f of graph.filters) {
    const p = readMeta(f.providerData)?.path;
    const path = typeof p === "string" ? p.split("/") : undefined;
    if (!path || path[0] !== "rules" || path[3] !== "ipsec") continue;
    const k = `${path[1]}|${path[2]}`;
    const w = effectiveWeightOf(f).value;
    if (!actual.has(k) || w > actual.get(k)!) actual.set(k, w);
  }
  const out: PrecedenceEntry[] = [];
  for (const family of [4, 6] as const) {
    const mine = entries.filter((e) => e.family === family).map((e) => ({
      ...e,
      weight: actual.get(`${e.rule}|v${family}`) ?? e.weight,
    }));
    mine.sort((a, b) =>
      a.weight < b.weight ? 1 : a.weight > b.weight ? -1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0
    );
    mine.forEach((e, i) => out.push({ ...e, rank: rankAt(mine.map((x) => x.weight), i) }));
  }
  return out;
}

/** `show`'s precedence: the order of our provider's rules in `engine` (undefined when none is in force). */
export function showPrecedence(engine: Engine, providerKey: string): PrecedenceEntry[] | undefined {
  const graph = ownedGraph(engine, providerKey);
  if (!graph) return undefined;
  try {
    return enginePrecedence(graph);
  } catch {
    return undefined; // objects that do not decode as a policy (hand-edited, foreign) have no order to show
  }
}
