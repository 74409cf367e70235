/**
 * `wfpsec explain`: which filters decide one connection, layer by layer on its IPsec path, by the documented
 * filter arbitration (https://learn.microsoft.com/windows/win32/fwp/filter-arbitration):
 * - a layer's sublayers are evaluated from the highest weight to the lowest, all of them;
 * - within a sublayer, matching filters are evaluated from the highest weight down until one returns permit
 *   or block (an inspection callout continues); that filter decides the sublayer;
 * - across sublayers block overrides permit and is final, except over a hard permit (a permit that cleared
 *   the action right: FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT), which only a callout veto can override;
 * - a terminating callout's verdict is not known statically: "decided at run time by callout X".
 * At the IKEEXT and IPSEC layers the matching filters carry the main-mode and quick-mode provider contexts;
 * the highest-priority match is the policy the keying module would consider.
 * Conditions are matched by `match.ts`; what cannot be evaluated statically is reported with the reason.
 * Filters are ordered by effective weight: the engine's, or for a weight BFE has yet to assign (a what-if
 * policy's FWP_EMPTY/FWP_UINT8) the one it would assign (graph/weight.ts).
 */
import type { Engine } from "../engine/mod.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer } from "../graph/mod.ts";
import { effectiveWeightOf } from "../graph/mod.ts";
import { CALLOUTS, ENUMS, FLAGS, LAYERS } from "../../ffi/constants.ts";
import { UsageError } from "../errors.ts";
import { conditionsText } from "../render/mod.ts";
import {
  matchFilter,
  type MatchResult,
  parseAddress,
  type ProgramIdentity,
  type Traffic,
  trafficFacts,
} from "./match.ts";

export { matchFilter, type MatchResult, parseAddress, type ProgramIdentity, type Traffic, trafficFacts };

/** What explain reads from an engine (a live one, a snapshot, or either with a policy merged in). */
export type ExplainSource =
  & Pick<Engine, "enumProviders" | "enumSublayers" | "enumFilters">
  & Partial<Pick<Engine, "enumProviderContexts">>;

/**
 * "What if I applied this": `source` with our provider's objects replaced by the policy's compiled ones
 * (provider, sublayer, filters), as an apply would leave them.
 */
export function withPolicy(
  source: ExplainSource,
  graph: { provider: Provider; sublayer: Sublayer; filters: Filter[]; providerContexts?: ProviderContext[] },
  ourProvider: Guid,
): ExplainSource {
  return {
    enumProviderContexts: () => [
      ...(source.enumProviderContexts?.() ?? []).filter((c) => c.providerKey !== ourProvider),
      ...(graph.providerContexts ?? []),
    ],
    enumProviders:
      () => [...source.enumProviders().filter((p) => p.providerKey !== ourProvider), graph.provider],
    enumSublayers: (t) => [
      ...source.enumSublayers(t).filter((s) => s.providerKey !== ourProvider),
      ...(!t?.providerKey || t.providerKey === ourProvider ? [graph.sublayer] : []),
    ],
    enumFilters: (t) => [
      ...source.enumFilters(t).filter((f) => f.providerKey !== ourProvider),
      ...graph.filters.filter((f) =>
        (!t?.layerKey || f.layerKey === t.layerKey) && (!t?.providerKey || t.providerKey === ourProvider)
      ),
    ],
  };
}

/** One filter of a sublayer, as explain reports it. */
export interface ExplainedFilter {
  /** FWPM_FILTER0.filterKey. */
  filterKey: Guid;
  /** Display name. */
  name: string;
  /** Owning provider's key, or null. */
  providerKey: Guid | null;
  /** Owning provider's name, or null. */
  providerName: string | null;
  /** FWPM_FILTER0.subLayerKey. */
  subLayerKey: Guid;
  /** The weight as given: a decimal FWP_UINT64, `auto` (FWP_EMPTY) or `auto in range N` (FWP_UINT8). */
  weight: string;
  /** The effective weight (decimal FWP_UINT64) filters are ordered by. */
  effectiveWeight: string;
  /** True when the engine did not report it and it was computed (graph/weight.ts; inferred, EW1/EW2). */
  effectiveWeightComputed: boolean;
  /** `permit`, `block`, `callout-terminating`, `callout-inspection`, `callout-unknown`. */
  action: string;
  /** The callout's symbolic name (or key) for callout actions. */
  callout: string | null;
  /** Hard permit/block: FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT. */
  clearActionRight: boolean;
  /** The provider context (main/quick mode policy) key, at IKEEXT/IPSEC. */
  providerContextKey: Guid | null;
  /** The conditions, as `show` prints them. */
  conditions: string;
  /** How they meet the traffic. */
  match: MatchResult;
  /** Why not evaluated: `needs identity (FWPM_CONDITION_ALE_USER_ID)`, `traffic does not give ...`. */
  notEvaluated: string[];
}

/** One sublayer at one layer. */
export interface ExplainedSublayer {
  /** FWPM_SUBLAYER0.subLayerKey. */
  subLayerKey: Guid;
  /** Its name (or key). */
  name: string;
  /** Its weight. */
  weight: number;
  /** Matching (and not-evaluated) filters, highest effective weight first. */
  filters: ExplainedFilter[];
  /** The filter that decides this sublayer (first matching permit/block/terminating callout), or null. */
  decidingFilter: Guid | null;
  /** Set when a not-evaluated filter comes before the deciding one: the decision depends on it. */
  dependsOn: Guid | null;
}

/** One layer on the path. */
export interface ExplainedLayer {
  /** FWPM_LAYER_* name. */
  layer: string;
  /** Sublayers with a matching filter, highest weight first. */
  sublayers: ExplainedSublayer[];
  /** The layer's outcome by arbitration, in words. */
  outcome: string;
  /** At IKEEXT/IPSEC: the provider context (main mode / quick mode policy) of the deciding policy filter. */
  policyContext: PolicyContext | null;
}

/** The main-mode (IKEEXT) or quick-mode (IPSEC) policy the keying module would consider. */
export interface PolicyContext {
  /** FWPM_PROVIDER_CONTEXT key. */
  providerContextKey: Guid;
  /** Its display name, when the engine has it. */
  name: string | null;
  /** Its type (`FWPM_IPSEC_IKEV2_MM_CONTEXT`...), when the engine has it. */
  type: string | null;
  /** The filter that carries it. */
  filterKey: Guid;
  /** That filter's provider's name. */
  providerName: string | null;
}

/** explain's answer. */
export interface Explanation {
  /** The traffic explained, as given. */
  traffic: Traffic;
  /** Each layer on the path, in the order the stack reaches them. */
  layers: ExplainedLayer[];
  /**
   * The connection's outcome over all layers, in words: `blocked at LAYER: ...` when a layer blocks, else
   * what decides at run time (the IPsec callouts) and the main/quick-mode policy, or `permitted`.
   */
  summary: string;
}

const NAME = new Map<string, string>(
  [...Object.entries(LAYERS), ...Object.entries(CALLOUTS)].map(([n, g]) => [g, n]),
);
const A = ENUMS.FWP_ACTION_TYPE;
const ACTIONS = new Map<number, string>([
  [A.FWP_ACTION_PERMIT, "permit"],
  [A.FWP_ACTION_BLOCK, "block"],
  [A.FWP_ACTION_CALLOUT_TERMINATING, "callout-terminating"],
  [A.FWP_ACTION_CALLOUT_INSPECTION, "callout-inspection"],
  [A.FWP_ACTION_CALLOUT_UNKNOWN, "callout-unknown"],
]);
/** The layers a connection meets on its IPsec path, in order. */
function pathLayers(t: Traffic, v6: boolean): string[] {
  const s = v6 ? "V6" : "V4";
  const L = LAYERS as Record<string, string>;
  const names = t.direction === "out"
    ? [`FWPM_LAYER_ALE_AUTH_CONNECT_${s}`, `FWPM_LAYER_OUTBOUND_TRANSPORT_${s}`]
    : [`FWPM_LAYER_INBOUND_TRANSPORT_${s}`, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_${s}`];
  return [...names, `FWPM_LAYER_IKEEXT_${s}`, `FWPM_LAYER_IPSEC_${s}`].map((n) => L[n]);
}

/** A filter's weight as given: the number, "auto" (FWP_EMPTY) or "auto in range N" (FWP_UINT8). */
function weightText(f: Filter): string {
  const w = f.weight;
  if (w.type === 4) return w.uint64.toString();
  return w.type === 1 ? `auto in range ${w.uint8}` : "auto";
}

const CLEAR_RIGHT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT;

const CONTEXT_TYPE = new Map<number, string>(
  Object.entries(ENUMS.FWPM_PROVIDER_CONTEXT_TYPE).map(([n, v]) => [v as number, n]),
);

/**
 * Explains `traffic` against everything `engine` holds; `program` is `traffic.program` as resolved to its
 * device path (by the engine, FwpmGetAppIdFromFileName0), or as given when it cannot be resolved.
 */
export function explainTraffic(
  engine: ExplainSource,
  traffic: Traffic,
  program?: ProgramIdentity,
): Explanation {
  const remote = parseAddress(traffic.remote);
  if (!remote) throw new UsageError(`--remote ${traffic.remote}: not an IPv4 or IPv6 address`);
  const facts = trafficFacts(
    traffic,
    program ?? (traffic.program ? deviceForm(traffic.program) : undefined),
  );
  const providers = new Map(engine.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const sublayers = new Map(engine.enumSublayers().map((s) => [s.subLayerKey, s]));
  let contexts: Map<string, ProviderContext> | undefined;
  const contextOf = (k: Guid) =>
    (contexts ??= new Map((engine.enumProviderContexts?.() ?? []).map((c) => [c.providerContextKey, c]))).get(
      k,
    );
  const layers: ExplainedLayer[] = [];
  for (const layerKey of pathLayers(traffic, remote.v6)) {
    const policyLayer = layerKey === LAYERS.FWPM_LAYER_IKEEXT_V4 ||
      layerKey === LAYERS.FWPM_LAYER_IKEEXT_V6 ||
      layerKey === LAYERS.FWPM_LAYER_IPSEC_V4 || layerKey === LAYERS.FWPM_LAYER_IPSEC_V6;
    const bySub = new Map<string, { w: bigint; e: ExplainedFilter }[]>();
    for (const f of engine.enumFilters({ layerKey })) {
      const m = matchFilter(f, facts);
      if (m.match === "no-match") continue;
      const action = ACTIONS.get(f.action.type) ?? `0x${f.action.type.toString(16)}`;
      const w = effectiveWeightOf(f);
      const e: ExplainedFilter = {
        filterKey: f.filterKey,
        name: f.displayData?.name ?? "",
        providerKey: f.providerKey ?? null,
        providerName: f.providerKey ? providers.get(f.providerKey) ?? null : null,
        subLayerKey: f.subLayerKey,
        weight: weightText(f),
        effectiveWeight: w.value.toString(),
        effectiveWeightComputed: w.computed,
        action,
        callout: action.startsWith("callout") && f.action.calloutKey
          ? NAME.get(f.action.calloutKey) ?? f.action.calloutKey
          : null,
        clearActionRight: (f.flags & CLEAR_RIGHT) !== 0,
        providerContextKey: f.providerContextKey ?? null,
        conditions: conditionsText(f.filterCondition),
        match: m.match,
        notEvaluated: m.notEvaluated,
      };
      const list = bySub.get(f.subLayerKey);
      if (list) list.push({ w: w.value, e });
      else bySub.set(f.subLayerKey, [{ w: w.value, e }]);
    }
    const subs: ExplainedSublayer[] = [...bySub].map(([key, fs]) => {
      // ties (equal weights: arbitration order undefined) by key, for a stable answer
      fs.sort((a, b) => b.w > a.w ? 1 : b.w < a.w ? -1 : a.e.filterKey < b.e.filterKey ? -1 : 1);
      let deciding: Guid | null = null, dependsOn: Guid | null = null;
      for (const { e } of fs) {
        if (e.action === "callout-inspection") continue; // inspection returns continue
        if (e.match === "not-evaluated") {
          dependsOn ??= e.filterKey;
          continue;
        }
        deciding = e.filterKey;
        break;
      }
      const s = sublayers.get(key);
      return {
        subLayerKey: key,
        name: s?.displayData?.name ?? key,
        weight: s?.weight ?? 0,
        filters: fs.map((x) => x.e),
        decidingFilter: deciding,
        dependsOn,
      };
    }).sort((a, b) => b.weight - a.weight || (a.subLayerKey < b.subLayerKey ? -1 : 1)); // ties: by key, stable output
    const deciders = subs.map((s) => s.filters.find((f) => f.filterKey === s.decidingFilter)).filter((f) =>
      f !== undefined
    );
    let policyContext: ExplainedLayer["policyContext"] = null;
    if (policyLayer) {
      const p = deciders.find((f) => f.providerContextKey);
      if (p) {
        const c = contextOf(p.providerContextKey!);
        policyContext = {
          providerContextKey: p.providerContextKey!,
          name: c?.displayData?.name ?? null,
          type: c ? CONTEXT_TYPE.get(c.type) ?? String(c.type) : null,
          filterKey: p.filterKey,
          providerName: p.providerName,
        };
      }
    }
    layers.push({
      layer: NAME.get(layerKey) ?? layerKey,
      sublayers: subs,
      outcome: arbitrate(deciders, subs.some((s) => s.dependsOn !== null)),
      policyContext,
    });
  }
  return { traffic, layers, summary: summarize(layers) };
}

/** The outcome over all layers: any block is final for the connection; else callouts and IPsec policy. */
export function summarize(layers: ExplainedLayer[]): string {
  const short = (l: ExplainedLayer) => l.layer.replace(/^FWPM_LAYER_/, "");
  const blocked = layers.find((l) =>
    /(^|; then )block by /.test(l.outcome) && !/^hard permit/.test(l.outcome)
  );
  if (blocked) return `blocked at ${short(blocked)}: ${blocked.outcome}`;
  const parts: string[] = [];
  const runtime = layers.filter((l) => l.outcome.includes("decided at run time"));
  if (runtime.length) parts.push(`decided at run time by callouts at ${runtime.map(short).join(", ")}`);
  for (const l of layers) {
    if (!l.policyContext) continue;
    const mode = l.layer.startsWith("FWPM_LAYER_IKEEXT") ? "main mode" : "quick mode";
    parts.push(
      `${mode} ${
        l.policyContext.name ? `"${l.policyContext.name}"` : `{${l.policyContext.providerContextKey}}`
      }`,
    );
  }
  const uncertain = layers.some((l) => l.outcome.includes("depends on filters not evaluated statically"));
  const head = parts.length ? parts.join("; ") : "permitted, no IPsec policy applies";
  return head + (uncertain ? " (depends on filters not evaluated statically)" : "");
}

/** A program given as an NT device path needs no resolving; any other path is resolved by the engine. */
function deviceForm(path: string): ProgramIdentity {
  const lower = path.replaceAll("/", "\\").toLowerCase();
  return lower.startsWith("\\device\\") ? { path, devicePath: lower } : { path };
}

/**
 * The layer's outcome from each sublayer's deciding filter, highest-priority sublayer first: block is final
 * unless a hard permit came first (then only a callout can still veto); a callout's verdict is run time.
 */
export function arbitrate(deciders: ExplainedFilter[], uncertain: boolean): string {
  let state: "none" | "soft-permit" | "hard-permit" = "none";
  let by: ExplainedFilter | undefined;
  const runtime: string[] = [], overridden: string[] = [];
  const label = (f: ExplainedFilter) => `"${f.name}"${f.providerName ? ` (${f.providerName})` : ""}`;
  const tail = uncertain ? " (depends on filters not evaluated statically)" : "";
  for (const f of deciders) {
    if (f.action === "block") {
      if (state === "hard-permit") {
        overridden.push(label(f)); // a soft block does not override a hard permit
        continue;
      }
      return [...runtime, `block by ${label(f)}`].join("; then ") + tail;
    }
    if (f.action === "permit") {
      if (state === "none" || (state === "soft-permit" && f.clearActionRight)) {
        state = f.clearActionRight ? "hard-permit" : "soft-permit";
        by = by && !f.clearActionRight ? by : f;
      }
      continue;
    }
    runtime.push(
      `decided at run time by callout ${f.callout ?? "?"} (filter ${label(f)})${
        state === "hard-permit" ? ", which can veto the hard permit" : ""
      }`,
    );
  }
  const parts: string[] = [];
  if (by) parts.push(`${state === "hard-permit" ? "hard permit" : "permit"} by ${label(by)}`);
  if (overridden.length) parts[0] += ` (overrides block by ${overridden.join(", ")})`;
  parts.push(...runtime);
  if (!parts.length) parts.push("no matching filter decides (the layer's default applies)");
  return parts.join("; then ") + tail;
}

/** How many filters of one sublayer the text form lists (the JSON form lists all). */
const TEXT_FILTERS = 8;

/** explain's text form: one screen. */
export function explanationText(x: Explanation): string {
  const t = x.traffic;
  const lines = [
    `Traffic: ${t.direction === "out" ? "outbound to" : "inbound from"} ${t.remote}${
      t.remotePort !== undefined ? ` port ${t.remotePort}` : ""
    }${t.protocol !== undefined ? ` protocol ${t.protocol}` : ""}${t.local ? ` local ${t.local}` : ""}${
      t.localPort !== undefined ? ` local port ${t.localPort}` : ""
    }${t.program ? ` program ${t.program}` : ""}`,
  ];
  lines.push(`Outcome: ${x.summary}`);
  for (const l of x.layers) {
    lines.push("", `${l.layer}: ${l.outcome}`);
    const c = l.policyContext;
    if (c) {
      const mode = l.layer.startsWith("FWPM_LAYER_IKEEXT") ? "main-mode" : "quick-mode";
      lines.push(
        `  ${mode} policy: ${c.name ? `"${c.name}" ` : ""}{${c.providerContextKey}}${
          c.type ? ` ${c.type.replace(/^FWPM_/, "")}` : ""
        } of filter {${c.filterKey}}`,
      );
    }
    for (const s of l.sublayers) {
      lines.push(`  sublayer "${s.name}" weight ${s.weight}`);
      const shown = s.filters.slice(0, TEXT_FILTERS);
      const decider = s.filters.findIndex((f) => f.filterKey === s.decidingFilter);
      if (decider >= TEXT_FILTERS) shown.push(s.filters[decider]);
      for (const f of shown) {
        const mark = f.filterKey === s.decidingFilter ? "=>" : f.match === "not-evaluated" ? " ?" : "  ";
        const w = `w=0x${BigInt(f.effectiveWeight).toString(16)}${
          /^\d+$/.test(f.weight) ? "" : ` (${f.weight})`
        }`;
        lines.push(
          `   ${mark} ${f.action}${f.callout ? ` ${f.callout}` : ""}${
            f.clearActionRight ? " (hard)" : ""
          } "${f.name}"${f.providerName ? ` [${f.providerName}]` : ""} ${w} ${f.conditions}${
            f.notEvaluated.length ? ` -- ${f.notEvaluated.join(", ")}` : ""
          }`,
        );
      }
      const more = s.filters.length - shown.length;
      if (more > 0) lines.push(`      ... ${more} more matching filter(s) (--json lists all)`);
    }
  }
  return lines.join("\n");
}
