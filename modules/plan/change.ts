/**
 * What a plan is made of: the changes (add, delete, replace) with their reasons, as printed
 * (docs/cli-json.md) and as apply executes them.
 */
import type { Filter, Guid, ManualSa, Provider, ProviderContext, Sublayer, Tunnel } from "../graph/mod.ts";
import type { SecretValues } from "./secrets.ts";
import type { ResolvedAccount } from "./accounts.ts";
import { groupChanges, policyPlace } from "./group.ts";

/** Object kinds as named in plans and the JSON contract. */
export type ObjectKind = "provider" | "sublayer" | "providerContext" | "filter" | "tunnel" | "manualSa";

/** One planned change, as printed (docs/cli-json.md). */
export interface Change {
  /** add: not in the engine; delete: not in the policy; replace: differs (delete, then add). */
  action: "add" | "delete" | "replace";
  /** The kind of WFP object changed. */
  kind: ObjectKind;
  /** The object's GUID (filterKey, providerContextKey, ...; a tunnel's is its tunnel policy key). */
  key: Guid;
  /** The object's display name. */
  name: string;
  /** Filters only: the layer GUID. */
  layer?: Guid;
  /** Why: "not in the engine", "not in the policy", or the differing fields. */
  reason: string;
  /** Replace only: the differing field paths (e.g. `weight.uint8`). */
  fields?: string[];
  /** Replace only, when `reason` speaks the policy's terms: the same differences in WFP's field vocabulary. */
  wfpReason?: string;
  /** Printed changes: the object's path in the policy (`rules/corp/v4/out`), from wfpsec's metadata. */
  path?: string;
  /** Printed changes: the policy item the object implements (plans are listed item by item). */
  group?: ChangeGroup;
}

/** The policy item a changed object belongs to: a rule, an exemption, a main-mode policy, ... */
export interface ChangeGroup {
  /** The item's section: `policy` for the provider and sublayer, `other` for objects without metadata. */
  kind: "policy" | "mainMode" | "quickMode" | "rule" | "exemption" | "tunnel" | "manualSa" | "other";
  /** The item's name in the policy (the policy's name for `policy`); absent for `other`. */
  name?: string;
}

/** A change with the objects apply needs (never rendered). */
export interface PlannedChange extends Change {
  /** The object as the policy wants it (add and replace). */
  desired?: Provider | Sublayer | ProviderContext | Filter | Tunnel;
  /** The object as the engine has it (delete and replace). */
  current?: Provider | Sublayer | ProviderContext | Filter;
  /** Tunnel deletes: the main-mode context key recorded when it was added. */
  tunnelMainModeKey?: Guid;
  /** Manual SAs (add / replace): the SA pair to create. */
  manualSa?: ManualSa;
  /** Manual SAs (delete / replace): the engine's SA contexts to delete. */
  saContextIds?: bigint[];
  /**
   * Filters (add / replace): the desired filter's position in the graph's list. Apply adds in that order:
   * the objects were built in that order, so encoding them reads memory front to back (measured ~20% faster
   * than key order for 50,000 filters).
   */
  graphIndex?: number;
}

/** Counts per action, plus objects found equal. */
export interface PlanSummary {
  /** Objects to add. */
  add: number;
  /** Objects to delete. */
  delete: number;
  /** Objects to replace. */
  replace: number;
  /** Objects already as the policy wants them. */
  unchanged: number;
}

/** The result of planning. */
export interface Plan {
  /** The provider whose objects were compared. */
  providerKey: Guid;
  /** True when there is nothing to change. */
  inSync: boolean;
  /** The changes, ordered by object kind (provider, sublayer, providerContext, filter, tunnel, manualSa), then key. */
  changes: PlannedChange[];
  /** Counts per action. */
  summary: PlanSummary;
  /** Resolved secrets for apply (kept off JSON by render). */
  secrets: SecretValues;
  /** The authorization lists' account names and the SIDs they resolved to on this host (plan/accounts.ts). */
  accounts?: ResolvedAccount[];
}

/** The printable part of a change (drops the objects and secrets apply uses). */
export function publicChange(c: PlannedChange): Change {
  const out: Change = { action: c.action, kind: c.kind, key: c.key, name: c.name, reason: c.reason };
  if (c.layer) out.layer = c.layer;
  if (c.fields) out.fields = c.fields;
  if (c.wfpReason !== undefined) out.wfpReason = c.wfpReason;
  const { path, group } = policyPlace(c);
  if (path !== undefined) out.path = path;
  out.group = group;
  return out;
}

/** The printable changes of a plan, listed by policy item (group.ts), as plan and apply print them. */
export function publicChanges(changes: readonly PlannedChange[]): Change[] {
  return groupChanges(changes.map(publicChange));
}
