/**
 * The planner: the exact difference between a compiled ObjectGraph and the objects our provider owns in an
 * engine, as add / delete / replace changes with the reason. `planGraph` runs its three steps:
 * `prepareGraph` (prepare.ts: the desired graph for this host, secrets resolved to digests), `readCurrent`
 * (current.ts: the engine's objects of ours) and `diffGraph` (diff.ts). Equality is defined in normalise.ts,
 * secret I/O in secrets.ts, reasons in reason.ts, the change types in change.ts.
 */
import type { Engine } from "../engine/mod.ts";
import type { ObjectGraph } from "../graph/mod.ts";
import type { Plan } from "./change.ts";
import { type PlanOptions, prepareGraph } from "./prepare.ts";
import { readCurrent } from "./current.ts";
import { diffGraph } from "./diff.ts";

export * from "./change.ts";
export * from "./secrets.ts";
export * from "./prepare.ts";
export * from "./current.ts";
export * from "./accounts.ts";
export { normContext } from "./normalise.ts";
export { describeDiffs } from "./reason.ts";
export { diffGraph, DISABLED_FILTER_REASON, DISABLED_PROVIDER_REASON } from "./diff.ts";
export { groupChanges } from "./group.ts";
export { policyReason } from "./policyTerms.ts";

/** prepare + read + diff in one call: the plan for `graph` against `engine`. */
export function planGraph(graph: ObjectGraph, engine: Engine, opts: PlanOptions = {}): Plan {
  const prepared = prepareGraph(graph, engine, opts);
  return diffGraph(prepared, readCurrent(engine, graph.provider.providerKey, graph.sublayer.subLayerKey));
}
