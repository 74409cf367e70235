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
 * Conditions are matched on what the traffic options give (addresses, masks, ranges, ports, protocol, local
 * address type); app ids, user/machine SDs and other fields are reported, not evaluated.
 */
import type { Engine } from "../engine/mod.ts";
import type {
  Filter,
  FilterCondition,
  FwpConditionValue,
  FwpValue,
  Guid,
  Provider,
  Sublayer,
} from "../graph/mod.ts";
import { CALLOUTS, CONDITIONS, ENUMS, FLAGS, LAYERS } from "../../ffi/constants.ts";
import { conditionsText } from "../render/mod.ts";

/** What explain reads from an engine (a live one, a snapshot, or either with a policy merged in). */
export type ExplainSource = Pick<Engine, "enumProviders" | "enumSublayers" | "enumFilters">;

/**
 * "What if I applied this": `source` with our provider's objects replaced by the policy's compiled ones
 * (provider, sublayer, filters), as an apply would leave them.
 */
export function withPolicy(
  source: ExplainSource,
  graph: { provider: Provider; sublayer: Sublayer; filters: Filter[] },
  ourProvider: Guid,
): ExplainSource {
  return {
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

/** The connection to explain. */
export interface Traffic {
  /** `out`: this host connects; `in`: this host accepts. */
  direction: "in" | "out";
  /** IP protocol number (tcp 6, udp 17, icmp 1); absent = not given. */
  protocol?: number;
  /** The remote address (IPv4 dotted or IPv6). */
  remote: string;
  /** The remote port. */
  remotePort?: number;
  /** The local address. */
  local?: string;
  /** The local port. */
  localPort?: number;
}

/** How one filter's conditions meet the traffic. */
export type MatchResult = "match" | "no-match" | "not-evaluated";

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
  /** Effective weight (decimal) when the engine reported one, else the weight as given. */
  weight: string;
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
  /** Why not evaluated: `needs identity (FWPM_CONDITION_ALE_USER_ID)`, `traffic gives no local port`. */
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
  /** At IKEEXT/IPSEC: the provider context of the highest-priority matching policy filter. */
  policyContext: { providerContextKey: Guid; filterKey: Guid; providerName: string | null } | null;
}

/** explain's answer. */
export interface Explanation {
  /** The traffic explained, as given. */
  traffic: Traffic;
  /** Each layer on the path, in the order the stack reaches them. */
  layers: ExplainedLayer[];
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
const M = ENUMS.FWP_MATCH_TYPE;
const C = CONDITIONS;
const IDENTITY = new Set<string>([
  C.FWPM_CONDITION_ALE_APP_ID,
  C.FWPM_CONDITION_ALE_USER_ID,
  C.FWPM_CONDITION_ALE_REMOTE_USER_ID,
  C.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
]);

/** An address as a bigint and its family. */
export function parseAddress(s: string): { v6: boolean; n: bigint } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (m) {
    const o = m.slice(1).map(Number);
    if (o.some((x) => x > 255)) return undefined;
    return { v6: false, n: BigInt(((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3]) };
  }
  if (!s.includes(":")) return undefined;
  const [head, tail, extra] = s.split("::");
  if (extra !== undefined) return undefined;
  const hs = head ? head.split(":") : [], ts = tail ? tail.split(":") : [];
  const groups = tail === undefined ? hs : [...hs, ...Array(8 - hs.length - ts.length).fill("0"), ...ts];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v6: true, n: groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function num(v: FwpValue): bigint | undefined {
  switch (v.type) {
    case 1:
      return BigInt(v.uint8);
    case 2:
      return BigInt(v.uint16);
    case 3:
      return BigInt(v.uint32 >>> 0);
    case 4:
      return v.uint64;
    case 11:
      return v.byteArray16.reduce((a, b) => (a << 8n) | BigInt(b), 0n);
    default:
      return undefined;
  }
}

/** Whether one condition holds for `value`; undefined when its match type or value is not evaluated here. */
function holds(c: FilterCondition, value: bigint): boolean | undefined {
  const v = c.conditionValue as FwpConditionValue | { type: "appPath" };
  if (v.type === "appPath") return undefined;
  if (v.type === 256 && c.matchType === M.FWP_MATCH_EQUAL) {
    const mask = BigInt(v.v4AddrMask.mask >>> 0);
    return (value & mask) === (BigInt(v.v4AddrMask.addr >>> 0) & mask);
  }
  if (v.type === 257 && c.matchType === M.FWP_MATCH_EQUAL) {
    const bits = BigInt(v.v6AddrMask.prefixLength);
    const host = bits >= 128n ? 0n : (1n << (128n - bits)) - 1n;
    const addr = num({ type: 11, byteArray16: v.v6AddrMask.addr })!;
    return (value & ~host) === (addr & ~host);
  }
  if (v.type === 258) {
    if (c.matchType !== M.FWP_MATCH_RANGE) return undefined;
    const lo = num(v.rangeValue.valueLow), hi = num(v.rangeValue.valueHigh);
    return lo === undefined || hi === undefined ? undefined : lo <= value && value <= hi;
  }
  const x = num(v as FwpValue);
  if (x === undefined) return undefined;
  switch (c.matchType) {
    case M.FWP_MATCH_EQUAL:
      return value === x;
    case M.FWP_MATCH_NOT_EQUAL:
      return value !== x;
    case M.FWP_MATCH_GREATER:
      return value > x;
    case M.FWP_MATCH_LESS:
      return value < x;
    case M.FWP_MATCH_GREATER_OR_EQUAL:
      return value >= x;
    case M.FWP_MATCH_LESS_OR_EQUAL:
      return value <= x;
    default:
      return undefined;
  }
}

/** NL_ADDRESS_TYPE of an address: 0 unspecified, 1 unicast, 2 anycast, 3 multicast, 4 broadcast. */
function addressType(a: { v6: boolean; n: bigint }): number {
  if (a.n === 0n) return 0;
  if (a.v6) return a.n >> 120n === 0xffn ? 3 : 1;
  if (a.n >> 28n === 0xen) return 3;
  return a.n === 0xffffffffn ? 4 : 1;
}

/** The traffic's value per condition field (undefined = the options do not give it). */
function trafficValues(t: Traffic): Map<string, bigint | undefined> {
  const remote = parseAddress(t.remote)!;
  const local = t.local ? parseAddress(t.local) : undefined;
  const big = (n: number | undefined) => n === undefined ? undefined : BigInt(n);
  return new Map<string, bigint | undefined>([
    [C.FWPM_CONDITION_IP_REMOTE_ADDRESS, remote.n],
    [C.FWPM_CONDITION_IP_LOCAL_ADDRESS, local?.n],
    [C.FWPM_CONDITION_IP_PROTOCOL, big(t.protocol)],
    [C.FWPM_CONDITION_IP_REMOTE_PORT, big(t.remotePort)],
    [C.FWPM_CONDITION_IP_LOCAL_PORT, big(t.localPort)],
    // unicast traffic: the local address is unicast too unless the local address given says otherwise
    [C.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE, BigInt(local ? addressType(local) : addressType(remote))],
  ]);
}

const FIELD_NAME = new Map<string, string>(Object.entries(CONDITIONS).map(([n, g]) => [g, n]));

/** How `f`'s conditions meet the traffic: AND across fields, OR within one. */
export function matchFilter(
  f: Filter,
  values: Map<string, bigint | undefined>,
): { match: MatchResult; notEvaluated: string[] } {
  const byField = new Map<string, FilterCondition[]>();
  for (const c of f.filterCondition) byField.set(c.fieldKey, [...(byField.get(c.fieldKey) ?? []), c]);
  const notEvaluated: string[] = [];
  for (const [field, cs] of byField) {
    const name = FIELD_NAME.get(field) ?? field;
    if (IDENTITY.has(field)) {
      notEvaluated.push(`needs identity (${name})`);
      continue;
    }
    if (!values.has(field)) {
      notEvaluated.push(`not evaluated statically (${name})`);
      continue;
    }
    const value = values.get(field);
    if (value === undefined) {
      notEvaluated.push(`traffic does not give ${name}`);
      continue;
    }
    const rs = cs.map((c) => holds(c, value));
    if (rs.some((r) => r === true)) continue;
    if (rs.some((r) => r === undefined)) notEvaluated.push(`match type not evaluated (${name})`);
    else return { match: "no-match", notEvaluated: [] };
  }
  return { match: notEvaluated.length ? "not-evaluated" : "match", notEvaluated };
}

/** The layers a connection meets on its IPsec path, in order. */
function pathLayers(t: Traffic, v6: boolean): string[] {
  const s = v6 ? "V6" : "V4";
  const L = LAYERS as Record<string, string>;
  const names = t.direction === "out"
    ? [`FWPM_LAYER_ALE_AUTH_CONNECT_${s}`, `FWPM_LAYER_OUTBOUND_TRANSPORT_${s}`]
    : [`FWPM_LAYER_INBOUND_TRANSPORT_${s}`, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_${s}`];
  return [...names, `FWPM_LAYER_IKEEXT_${s}`, `FWPM_LAYER_IPSEC_${s}`].map((n) => L[n]);
}

/**
 * A filter's weight as text: the effective weight the engine reported, else the weight as given; a weight BFE
 * has yet to assign (a what-if policy's FWP_EMPTY/FWP_UINT8) says so (the auto-weight rule is undocumented).
 */
function weightText(f: Filter): string {
  if (f.effectiveWeight || f.weight.type === 4) return weightOf(f).toString();
  return f.weight.type === 1 ? `auto in range ${f.weight.uint8}` : "auto";
}

function weightOf(f: Filter): bigint {
  const w = f.effectiveWeight ?? f.weight;
  return (w.type === 4 ? w.uint64 : w.type === 1 ? BigInt(w.uint8) << 60n : undefined) ?? 0n;
}

const CLEAR_RIGHT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT;

/** Explains `traffic` against everything `engine` holds. */
export function explainTraffic(engine: ExplainSource, traffic: Traffic): Explanation {
  const remote = parseAddress(traffic.remote);
  if (!remote) throw new RangeError(`--remote ${traffic.remote}: not an IPv4 or IPv6 address`);
  const values = trafficValues(traffic);
  const providers = new Map(engine.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const sublayers = new Map(engine.enumSublayers().map((s) => [s.subLayerKey, s]));
  const layers: ExplainedLayer[] = [];
  for (const layerKey of pathLayers(traffic, remote.v6)) {
    const policyLayer = layerKey === LAYERS.FWPM_LAYER_IKEEXT_V4 ||
      layerKey === LAYERS.FWPM_LAYER_IKEEXT_V6 ||
      layerKey === LAYERS.FWPM_LAYER_IPSEC_V4 || layerKey === LAYERS.FWPM_LAYER_IPSEC_V6;
    const bySub = new Map<string, { f: Filter; e: ExplainedFilter }[]>();
    for (const f of engine.enumFilters({ layerKey })) {
      const m = matchFilter(f, values);
      if (m.match === "no-match") continue;
      const action = ACTIONS.get(f.action.type) ?? `0x${f.action.type.toString(16)}`;
      const e: ExplainedFilter = {
        filterKey: f.filterKey,
        name: f.displayData?.name ?? "",
        providerKey: f.providerKey ?? null,
        providerName: f.providerKey ? providers.get(f.providerKey) ?? null : null,
        weight: weightText(f),
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
      bySub.set(f.subLayerKey, [...(bySub.get(f.subLayerKey) ?? []), { f, e }]);
    }
    const subs: ExplainedSublayer[] = [...bySub].map(([key, fs]) => {
      fs.sort((a, b) => weightOf(b.f) > weightOf(a.f) ? 1 : weightOf(b.f) < weightOf(a.f) ? -1 : 0);
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
        policyContext = {
          providerContextKey: p.providerContextKey!,
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
  return { traffic, layers };
}

/** The layer's outcome from each sublayer's deciding filter, highest-priority sublayer first. */
export function arbitrate(deciders: ExplainedFilter[], uncertain: boolean): string {
  let state: "none" | "soft-permit" | "hard-permit" = "none";
  let by: ExplainedFilter | undefined;
  const runtime: string[] = [];
  const label = (f: ExplainedFilter) => `"${f.name}"${f.providerName ? ` (${f.providerName})` : ""}`;
  for (const f of deciders) {
    if (f.action === "block") {
      if (state === "hard-permit") continue; // a hard permit is overridden only by a callout veto
      return `block by ${label(f)}${uncertain ? " (depends on filters not evaluated statically)" : ""}`;
    }
    if (f.action === "permit") {
      if (state === "none" || (state === "soft-permit" && f.clearActionRight)) {
        state = f.clearActionRight ? "hard-permit" : "soft-permit";
        by ??= f;
        if (f.clearActionRight) by = f;
      }
      continue;
    }
    runtime.push(`decided at run time by callout ${f.callout ?? "?"} (filter ${label(f)})`);
  }
  const parts: string[] = [];
  if (by) parts.push(`${state === "hard-permit" ? "hard permit" : "permit"} by ${label(by)}`);
  parts.push(...runtime);
  if (!parts.length) parts.push("no matching filter decides (the layer's default applies)");
  return parts.join("; then ") + (uncertain ? " (depends on filters not evaluated statically)" : "");
}

/** explain's text form: one screen. */
export function explanationText(x: Explanation): string {
  const t = x.traffic;
  const lines = [
    `Traffic: ${t.direction === "out" ? "outbound to" : "inbound from"} ${t.remote}${
      t.remotePort !== undefined ? ` port ${t.remotePort}` : ""
    }${t.protocol !== undefined ? ` protocol ${t.protocol}` : ""}${t.local ? ` local ${t.local}` : ""}${
      t.localPort !== undefined ? ` local port ${t.localPort}` : ""
    }`,
  ];
  for (const l of x.layers) {
    lines.push("", `${l.layer}: ${l.outcome}`);
    if (l.policyContext) {
      lines.push(
        `  policy considered: provider context {${l.policyContext.providerContextKey}} of filter {${l.policyContext.filterKey}}`,
      );
    }
    for (const s of l.sublayers) {
      lines.push(`  sublayer "${s.name}" weight ${s.weight}`);
      for (const f of s.filters) {
        const mark = f.filterKey === s.decidingFilter ? "=>" : f.match === "not-evaluated" ? " ?" : "  ";
        lines.push(
          `   ${mark} ${f.action}${f.callout ? ` ${f.callout}` : ""}${
            f.clearActionRight ? " (hard)" : ""
          } "${f.name}"${f.providerName ? ` [${f.providerName}]` : ""} w=${f.weight} ${f.conditions}${
            f.notEvaluated.length ? ` -- ${f.notEvaluated.join(", ")}` : ""
          }`,
        );
      }
    }
  }
  return lines.join("\n");
}
