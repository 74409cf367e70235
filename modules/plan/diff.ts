/**
 * The diff: the changes that make the engine hold exactly the prepared graph for our provider. The DISABLED
 * flags BFE sets at start (FWPM_PROVIDER0 / FWPM_FILTER0) are drift: a disabled object is replaced (deleted
 * and added again, which enables it), with the reason "disabled ...". WFP has no
 * in-place update for these objects, so a "replace" is a delete plus an add; objects that depend on a
 * replaced object (filters on a replaced provider context, everything under a replaced provider or
 * sublayer) are replaced with it, because the engine refuses to delete an object still in use.
 */
import type { Filter, Guid, ManualSa, ProviderContext } from "../graph/mod.ts";
import { FLAGS } from "../../ffi/constants.ts";
import { adoptRedactedSaDigest, readMeta } from "../graph/mod.ts";
import { diffFields, type FieldDiff } from "./fieldDiff.ts";
import { compareKeys as cmp, keyOrder } from "./keyOrder.ts";
import type { ObjectKind, Plan, PlannedChange, PlanSummary } from "./change.ts";
import type { PreparedGraph } from "./prepare.ts";
import { type CurrentState, saContextsOfFilters, TUNNEL_QM_TYPES } from "./current.ts";
import { compareContexts, filtersEqual, normCommon, normFilter, normProvider } from "./normalise.ts";
import { describeDiffs, fieldPaths, pruneDiffs } from "./reason.ts";
import { policyReason } from "./policyTerms.ts";

const FILTER_DISABLED = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED;
const PROVIDER_DISABLED = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED;
/** Reasons of the replaces that undo what BFE disabled when it started. */
export const DISABLED_PROVIDER_REASON =
  "disabled: BFE disabled this provider's filters when it started (its service is not auto-start)";
export const DISABLED_FILTER_REASON = "disabled: BFE disabled this filter when it started";

/** The differences of two filters found unequal; a redacted manual SA digest (snapshot) is not one. */
function filterDiffs(c: Filter, d: Filter): FieldDiff[] {
  const adopted = adoptRedactedSaDigest(c.providerData, d.providerData);
  if (adopted) d = { ...d, providerData: adopted };
  return adopted && filtersEqual(c, d) ? [] : diffFields(normFilter(c), normFilter(d));
}

/**
 * Plans the changes that make the engine hold exactly `prepared.graph` for our provider.
 * `current` is what `readCurrent` returned for the same engine.
 */
export function diffGraph(prepared: PreparedGraph, current: CurrentState): Plan {
  const g = prepared.graph;
  const providerKey = g.provider.providerKey;
  const changes: PlannedChange[] = [];
  let unchanged = 0;

  const replaceOrKeep0 = (
    kind: ObjectKind,
    key: Guid,
    name: string,
    cur: PlannedChange["current"],
    des: PlannedChange["desired"],
    diffs: FieldDiff[],
    cascade: string | undefined,
    layer?: Guid,
  ): boolean => {
    if (diffs.length) {
      // The reason in the policy's terms; WFP's field description kept beside it when they differ.
      const said = policyReason(kind, cur, des, diffs), wfp = describeDiffs(diffs);
      changes.push({
        action: "replace",
        kind,
        key,
        name,
        ...(layer ? { layer } : {}),
        reason: said + (cascade ? `; ${cascade}` : ""),
        ...(said !== wfp ? { wfpReason: wfp } : {}),
        fields: fieldPaths(diffs),
        current: cur,
        desired: des,
      });
      return true;
    }
    if (cascade) {
      changes.push({
        action: "replace",
        kind,
        key,
        name,
        ...(layer ? { layer } : {}),
        reason: cascade,
        current: cur,
        desired: des,
      });
      return true;
    }
    unchanged++;
    return false;
  };

  const replaceOrKeep = (
    kind: ObjectKind,
    key: Guid,
    name: string,
    cur: PlannedChange["current"],
    des: PlannedChange["desired"],
    diffs: FieldDiff[],
    cascade: string | undefined,
    layer?: Guid,
  ) => replaceOrKeep0(kind, key, name, cur, des, pruneDiffs(diffs), cascade, layer);

  // Provider.
  let providerReplaced = false;
  if (!current.provider) {
    changes.push({
      action: "add",
      kind: "provider",
      key: providerKey,
      name: g.provider.displayData.name,
      reason: "not in the engine",
      desired: g.provider,
    });
  } else {
    providerReplaced = replaceOrKeep(
      "provider",
      providerKey,
      g.provider.displayData.name,
      current.provider,
      g.provider,
      diffFields(normCommon(normProvider(current.provider)), normCommon(normProvider(g.provider))),
      current.provider.flags & PROVIDER_DISABLED ? DISABLED_PROVIDER_REASON : undefined,
    );
  }
  const providerCascade = providerReplaced ? "re-added because the provider is replaced" : undefined;

  /**
   * The keyed diff of one kind of object (sublayers, provider contexts, tunnels): the desired and the
   * current objects merged in key order (`mergeByKey`), an add for a key only desired, a delete for a key
   * only current, a replace when `diff` finds differences or `cascade` names a replaced dependency.
   * Returns the keys replaced and deleted.
   */
  const keyed = <C extends PlannedChange["current"], D extends PlannedChange["desired"]>(k: {
    kind: ObjectKind;
    current: readonly C[];
    desired: readonly D[];
    currentKey: (c: C) => Guid;
    desiredKey: (d: D) => Guid;
    currentName: (c: C) => string;
    desiredName: (d: D) => string;
    diff: (c: C, d: D) => FieldDiff[];
    cascade?: string;
    /** Keys another section handles. */
    skip?: ReadonlySet<Guid>;
    /** More fields for the delete or replace of a current object. */
    extra?: (c: C) => Partial<PlannedChange>;
  }): { replaced: Set<Guid>; deleted: Set<Guid> } => {
    const replaced = new Set<Guid>(), deleted = new Set<Guid>();
    const curKeys = k.current.map(k.currentKey), desKeys = k.desired.map(k.desiredKey);
    mergeByKey(desKeys, curKeys, (di, cj) => {
      const key = di < 0 ? curKeys[cj] : desKeys[di];
      if (k.skip?.has(key)) return;
      if (cj < 0) {
        const d = k.desired[di];
        changes.push({
          action: "add",
          kind: k.kind,
          key,
          name: k.desiredName(d),
          reason: "not in the engine",
          desired: d,
        });
        return;
      }
      const c = k.current[cj];
      if (di < 0) {
        changes.push({
          action: "delete",
          kind: k.kind,
          key,
          name: k.currentName(c),
          reason: "not in the policy",
          current: c,
          ...k.extra?.(c),
        });
        deleted.add(key);
        return;
      }
      const d = k.desired[di];
      if (replaceOrKeep(k.kind, key, k.desiredName(d), c, d, k.diff(c, d), k.cascade)) {
        replaced.add(key);
        if (k.extra) Object.assign(changes[changes.length - 1], k.extra(c));
      }
    });
    return { replaced, deleted };
  };

  // Sublayers.
  const { replaced: replacedSublayers } = keyed({
    kind: "sublayer",
    current: current.sublayers,
    desired: [g.sublayer],
    currentKey: (s) => s.subLayerKey,
    desiredKey: (s) => s.subLayerKey,
    currentName: (s) => s.displayData.name,
    desiredName: (s) => s.displayData.name,
    diff: (c, d) => diffFields(normCommon(c), normCommon(d)),
    cascade: providerCascade,
  });

  // Tunnel parts: contexts that belong to a desired or current tunnel are handled as tunnels.
  const curCtx = new Map(current.providerContexts.map((c) => [c.providerContextKey, c]));
  const tunnelPartKeys = new Set<Guid>();
  const desiredTunnels = new Set<Guid>();
  for (const t of g.tunnels) {
    desiredTunnels.add(t.tunnelPolicy.providerContextKey);
    tunnelPartKeys.add(t.tunnelPolicy.providerContextKey);
    if (t.mainModePolicy) tunnelPartKeys.add(t.mainModePolicy.providerContextKey);
  }
  const currentTunnelQm: ProviderContext[] = [];
  for (const c of current.providerContexts) {
    if (
      TUNNEL_QM_TYPES.has(c.type) &&
      (desiredTunnels.has(c.providerContextKey) || readMeta(c.providerData)?.tunnelSha256)
    ) {
      currentTunnelQm.push(c);
      tunnelPartKeys.add(c.providerContextKey);
      const mm = readMeta(c.providerData)?.tunnelMainModeKey;
      if (typeof mm === "string") tunnelPartKeys.add(mm);
    }
  }

  // Provider contexts (not tunnel parts). A deleted context is replaced for its filters' sake too.
  const ctxDiff = keyed({
    kind: "providerContext",
    current: current.providerContexts,
    desired: g.providerContexts,
    currentKey: (c) => c.providerContextKey,
    desiredKey: (c) => c.providerContextKey,
    currentName: (c) => c.displayData.name,
    desiredName: (c) => c.displayData.name,
    diff: compareContexts,
    cascade: providerCascade,
    skip: tunnelPartKeys,
  });
  const replacedContexts = new Set([...ctxDiff.deleted, ...ctxDiff.replaced]);

  // Filters (engine-instantiated tunnel filters are part of their tunnel, not ours to diff): the same
  // merge by key, on its fast path. Changes go out in kind then key order and each section is built in key
  // order, so tens of thousands of filter changes need no sort of their own and no per-key map look-up.
  // What the merge reads was copied out by prepareGraph in one front-to-back pass over the objects, so
  // walking 50,000 filters in key order touches arrays, not scattered objects.
  const des = g.filters, cur = current.filters;
  const { keys: desKeys, names: desNames, layers: desLayers } = prepared.filterIndex;
  const curKeys = cur.map((f) => f.filterKey);
  mergeByKey(desKeys, curKeys, (di, cj) => {
    if (cj < 0) {
      changes.push({
        action: "add",
        kind: "filter",
        key: desKeys[di],
        name: desNames[di],
        layer: desLayers[di],
        reason: "not in the engine",
        desired: des[di],
        graphIndex: di,
      });
      return;
    }
    const c = cur[cj];
    const key = curKeys[cj];
    if (di < 0) {
      if (c.providerContextKey && tunnelPartKeys.has(c.providerContextKey)) return;
      changes.push({
        action: "delete",
        kind: "filter",
        key,
        name: c.displayData.name,
        layer: c.layerKey,
        reason: "not in the policy",
        current: c,
      });
      return;
    }
    const d = des[di];
    const cascade = providerCascade ??
      (replacedSublayers.has(d.subLayerKey) ? "re-added because its sublayer is replaced" : undefined) ??
      (d.providerContextKey && replacedContexts.has(d.providerContextKey)
        ? `re-added because provider context ${d.providerContextKey} is replaced`
        : undefined) ??
      (c.flags & FILTER_DISABLED ? DISABLED_FILTER_REASON : undefined);
    const replaced = replaceOrKeep(
      "filter",
      key,
      d.displayData.name,
      c,
      d,
      filtersEqual(c, d) ? [] : filterDiffs(c, d),
      cascade,
      d.layerKey,
    );
    if (replaced) changes[changes.length - 1].graphIndex = di;
  });

  // Tunnels, identified by their QM context key.
  const mainModeKeyOf = (c: ProviderContext): Partial<PlannedChange> => {
    const mm = readMeta(c.providerData)?.tunnelMainModeKey;
    return typeof mm === "string" ? { tunnelMainModeKey: mm } : {};
  };
  keyed({
    kind: "tunnel",
    current: currentTunnelQm,
    desired: g.tunnels,
    currentKey: (c) => c.providerContextKey,
    desiredKey: (t) => t.tunnelPolicy.providerContextKey,
    currentName: (c) => c.displayData.name,
    desiredName: (t) => t.tunnelPolicy.displayData.name,
    diff: (c, d) => {
      const diffs = compareContexts(c, d.tunnelPolicy).map((x) => ({ ...x, path: "tunnelPolicy." + x.path }));
      const mmKey = d.mainModePolicy?.providerContextKey;
      const curMm = mmKey ? curCtx.get(mmKey) : undefined;
      if (d.mainModePolicy) {
        if (!curMm) diffs.push({ path: "mainModePolicy", current: undefined, desired: "present" });
        else {
          diffs.push(
            ...compareContexts(curMm, d.mainModePolicy).map((x) => ({
              ...x,
              path: "mainModePolicy." + x.path,
            })),
          );
        }
      }
      return diffs;
    },
    cascade: providerCascade,
    extra: mainModeKeyOf,
  });

  // Manual SAs, identified by name. In sync when an SA context holds both SAs of the pair on the filters
  // in force (by filter id) with the policy's SPIs and transforms, and neither filter changes (a changed
  // key changes the filters' digest metadata).
  const contexts = current.saContexts ?? [];
  // Built only when there are SAs to match: a 50k-filter plan should not pay for them otherwise.
  const changedFilters = g.manualSas.length
    ? new Set(changes.filter((c) => c.kind === "filter").map((c) => c.key))
    : new Set<Guid>();
  const curById = new Map<bigint, Filter>();
  if (contexts.length) {
    for (const f of current.filters) if (f.filterId !== undefined) curById.set(f.filterId, f);
  }
  const claimed = new Set<bigint>();
  const saStart = changes.length;
  const desiredSas = [...g.manualSas].sort((a, b) => cmp(a.name, b.name));
  for (const m of desiredSas) {
    const fo = current.filters.find((f) => f.filterKey === m.outboundFilterKey);
    const fi = current.filters.find((f) => f.filterKey === m.inboundFilterKey);
    const ids = new Set<bigint>();
    if (fo?.filterId !== undefined) ids.add(fo.filterId);
    if (fi?.filterId !== undefined) ids.add(fi.filterId);
    const mine = saContextsOfFilters(contexts, ids);
    for (const c of mine) claimed.add(c.saContextId);
    const filtersStay = fo && fi && !changedFilters.has(fo.filterKey) && !changedFilters.has(fi.filterKey);
    const whole = filtersStay
      ? mine.find((c) =>
        c.outboundSa?.traffic.ipsecFilterId === fo.filterId &&
        c.inboundSa?.traffic.ipsecFilterId === fi.filterId &&
        saMatches(c.inboundSa!.saBundle.saList, m.inbound) &&
        saMatches(c.outboundSa!.saBundle.saList, m.outbound)
      )
      : undefined;
    if (whole && mine.length === 1) {
      unchanged++;
      continue;
    }
    const stale = mine.map((c) => c.saContextId);
    changes.push({
      action: stale.length ? "replace" : "add",
      kind: "manualSa",
      key: m.outboundFilterKey,
      name: m.name,
      reason: !filtersStay
        ? (stale.length ? "its filters are replaced" : "not in the engine")
        : whole
        ? "more than one SA context uses its filters"
        : stale.length
        ? "the SA context in the engine differs (SPI, transform or a missing direction)"
        : current.saContexts
        ? "no SA context for its filters in the engine"
        : "SA contexts cannot be read from this engine (offline snapshot)",
      manualSa: m,
      ...(stale.length ? { saContextIds: stale } : {}),
    });
  }
  // SA contexts on our filters that no desired SA pair claims (the pair left the policy).
  const ourIds = new Set(curById.keys());
  const orphans = new Map<string, { key: string; ids: bigint[] }>();
  for (const c of saContextsOfFilters(contexts, ourIds)) {
    if (claimed.has(c.saContextId)) continue;
    const d = c.outboundSa ?? c.inboundSa!;
    const f = curById.get(d.traffic.ipsecFilterId!);
    const path = String(readMeta(f?.providerData)?.path ?? "");
    const name = /^manualSas\/(.+)\/(in|out)$/.exec(path)?.[1] ?? `SA context ${c.saContextId}`;
    const o = orphans.get(name) ?? { key: f?.filterKey ?? String(c.saContextId), ids: [] };
    o.ids.push(c.saContextId);
    orphans.set(name, o);
  }
  for (const [name, { key, ids }] of orphans) {
    changes.push({
      action: "delete",
      kind: "manualSa",
      key,
      name,
      reason: "not in the policy",
      saContextIds: ids,
    });
  }

  sortSection(changes, saStart);
  const summary: PlanSummary = { add: 0, delete: 0, replace: 0, unchanged };
  for (const c of changes) summary[c.action]++;
  const plan: Plan = {
    providerKey,
    inSync: changes.length === 0,
    changes,
    summary,
    secrets: prepared.secrets,
  };
  if (prepared.accounts?.length) plan.accounts = prepared.accounts;
  return plan;
}

/** Whether a decoded SA list is the one SA a manual SA direction describes. */
function saMatches(
  list: readonly { spi: number; saTransformType: number }[],
  d: ManualSa["inbound"],
): boolean {
  return list.length === 1 && list[0].spi === d.spi && list[0].saTransformType === d.transformType;
}

/** Sorts changes[from..] (one kind's small section) by key, stably. */
function sortSection(changes: PlannedChange[], from: number): void {
  if (changes.length - from < 2) return;
  const section = changes.splice(from).sort((a, b) => cmp(a.key, b.key));
  for (const c of section) changes.push(c);
}

/**
 * The one keyed merge of the planner: walks the desired and the current keys of one kind in key order
 * (keyOrder: the order of a plain `sort()`) and calls `visit(d, c)` with the index of each key in `desKeys`
 * and `curKeys`, -1 where it is absent. A key listed twice counts once, as its last entry (like a map keyed
 * by it). Index arrays only, no per-key map: the filters' 50,000 keys take this path too.
 */
export function mergeByKey(
  desKeys: readonly string[],
  curKeys: readonly string[],
  visit: (d: number, c: number) => void,
): void {
  const desOrder = keyOrder(desKeys), curOrder = keyOrder(curKeys);
  const nd = desKeys.length, nc = curKeys.length;
  for (let i = 0, j = 0; i < nd || j < nc;) {
    const di = i < nd ? desOrder[i] : -1, cj = j < nc ? curOrder[j] : -1;
    const dk: string | undefined = di < 0 ? undefined : desKeys[di];
    const ck: string | undefined = cj < 0 ? undefined : curKeys[cj];
    if (dk !== undefined && i + 1 < nd && desKeys[desOrder[i + 1]] === dk) {
      i++;
      continue;
    }
    if (ck !== undefined && j + 1 < nc && curKeys[curOrder[j + 1]] === ck) {
      j++;
      continue;
    }
    const order = dk === undefined ? 1 : ck === undefined ? -1 : cmp(dk, ck);
    if (order < 0) {
      i++;
      visit(di, -1);
    } else if (order > 0) {
      j++;
      visit(-1, cj);
    } else {
      i++;
      j++;
      visit(di, cj);
    }
  }
}
