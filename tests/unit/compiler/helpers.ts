/** Shared helpers for compiler tests: load an example, find filters by layer, read conditions by name. */
import { CALLOUTS, CONDITIONS, LAYERS } from "../../../ffi/constants.ts";
import type { Filter, FilterCondition, ObjectGraph } from "../../../modules/graph/graph.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";

export const ROOT = new URL("../../../", import.meta.url);

/** Loads and compiles `examples/<name>`; returns the graph and the warnings. */
export function compileExample(
  name: string,
): { graph: ObjectGraph; warnings: ReturnType<typeof loadPolicy>["warnings"] } {
  const file = new URL(`examples/${name}`, ROOT);
  const { policy, warnings } = loadPolicy(Deno.readTextFileSync(file), `examples/${name}`);
  return { graph: compilePolicy(policy), warnings };
}

/** Compiles YAML text. */
export function compileText(text: string): ObjectGraph {
  return compilePolicy(loadPolicy(text, "test.yaml").policy);
}

/** Filters at a layer (by constant name). */
export function at(graph: ObjectGraph, layer: keyof typeof LAYERS): Filter[] {
  return graph.filters.filter((f) => f.layerKey === LAYERS[layer]);
}

/** The filters at a layer whose path (display name) contains `part`. */
export function named(filters: Filter[], part: string): Filter[] {
  return filters.filter((f) => f.displayData.name.includes(part));
}

/** Conditions of a filter by field name. */
export function conds(f: Filter, field: keyof typeof CONDITIONS): FilterCondition[] {
  return f.filterCondition.filter((c) => c.fieldKey === CONDITIONS[field]);
}

/** The callout constant name of a filter's action. */
export function calloutName(f: Filter): string | undefined {
  return Object.entries(CALLOUTS).find(([, g]) => g === f.action.calloutKey)?.[0];
}

/**
 * The graph without where its policy file wrote each secret reference (`secrets[id].source`): a file and its
 * export compile to the same objects, but their references sit on other lines.
 */
export function withoutSecretSources(g: ObjectGraph): ObjectGraph {
  const secrets = Object.fromEntries(
    Object.entries(g.secrets).map(([id, { source: _at, ...ref }]) => [id, ref]),
  );
  return { ...g, secrets };
}

/** JSON with bigint and bytes made comparable. */
export function canon(x: unknown): string {
  return JSON.stringify(
    x,
    (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v),
  );
}
