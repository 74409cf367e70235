/** The objects a snapshot holds, and the mark of objects it could decode only in part. */
import type { Filter, Provider, ProviderContext, Sublayer } from "../../graph/mod.ts";

const PARTIAL = Symbol.for("wfpsec.partial");

/** True for an object a snapshot could only decode in part (provider contexts from a netsh dump). */
export function isPartial(o: object): boolean {
  return (o as Record<symbol, unknown>)[PARTIAL] === true;
}

/** Marks `o` as decoded in part (a non-enumerable symbol the planner reads: plan.ts compares its header only). */
export function markPartial<T extends object>(o: T): T {
  Object.defineProperty(o, PARTIAL, { value: true, enumerable: false });
  return o;
}

/** The objects of a snapshot. */
export interface SnapshotData {
  /** FWPM_PROVIDER0s in the snapshot. */
  providers: Provider[];
  /** FWPM_SUBLAYER0s in the snapshot. */
  sublayers: Sublayer[];
  /** FWPM_PROVIDER_CONTEXT3s in the snapshot (header only from a netsh dump, see `isPartial`). */
  providerContexts: ProviderContext[];
  /** FWPM_FILTER0s in the snapshot. */
  filters: Filter[];
}
