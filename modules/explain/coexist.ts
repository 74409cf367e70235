/**
 * Coexistence: other providers' IPsec policy on the traffic our rules cover.
 *
 * "Only one IPsec policy is active on a computer at one time" (WFP docs, IPsec configuration): when another
 * provider (Windows Firewall connection security rules, Group Policy, a VPN client) has IPsec policy on the
 * same traffic, which one wins is decided by sublayer and filter weights, not by wfpsec. A foreign filter is
 * IPsec policy when it
 * - sits at an IKEEXT or IPSEC layer with a provider context (main/quick-mode policy), or
 * - calls one of the built-in `FWPM_CALLOUT_IPSEC_*` callouts (transport, tunnel, ALE connect; not DoS
 *   protection, which keys nothing), or
 * - lives in the built-in legacy IPsec sublayer: FWPM_SUBLAYER_LIPS by its GUID (fwpmu.h; netsh prints the
 *   symbolic name, which the dump reader maps to the GUID), or a sublayer displayed as "WFP Built-in Legacy
 *   IPsec Sublayer" (a dump of a system whose key we do not recognise).
 * It overlaps one of our filters when both sit at the same layer and, field by field, their address, port,
 * protocol and local-address-type conditions can match one packet (a field one side leaves open matches all;
 * a match type not evaluated here counts as a possible overlap: the safe reading).
 */
import type { Engine } from "../engine/mod.ts";
import type { Filter, FilterCondition, FwpConditionValue, FwpValue, Guid, Sublayer } from "../graph/mod.ts";
import { CALLOUTS, CONDITIONS, ENUMS, FLAGS, LAYERS, SUBLAYERS } from "../../ffi/constants.ts";
import { SafetyError } from "../errors.ts";
import { conditionsText } from "../render/mod.ts";

/** One foreign IPsec policy filter overlapping our traffic (`plan --json` `coexistence[]`). */
export interface CoexistenceEntry {
  /** The other provider's key; null when the filter names no provider. */
  providerKey: Guid | null;
  /** The other provider's display name; null when it is not registered or unnamed. */
  providerName: string | null;
  /** The layer's symbolic name (FWPM_LAYER_*), or its key when unknown. */
  layer: string;
  /** The foreign filter's key. */
  filterKey: Guid;
  /** The foreign filter's display name. */
  filterName: string;
  /** Why it is IPsec policy: `ikeext-policy`, `ipsec-policy`, `ipsec-callout` or `legacy-ipsec-sublayer`. */
  kind: IpsecPolicyKind;
  /** The foreign filter's traffic, as `show` prints conditions (`remote 10.0.0.0/8 udp/500`). */
  traffic: string;
  /** Our filters whose traffic it overlaps: key, name and traffic. */
  overlaps: { filterKey: Guid; filterName: string; traffic: string }[];
}

/** Why a filter counts as IPsec policy. */
export type IpsecPolicyKind = "ikeext-policy" | "ipsec-policy" | "ipsec-callout" | "legacy-ipsec-sublayer";

/** One IPsec policy provider on the host (`doctor`). */
export interface IpsecProvider {
  /** The provider's key; null for filters that name no provider. */
  providerKey: Guid | null;
  /** The provider's display name; null when not registered or unnamed. */
  providerName: string | null;
  /** Whether this is wfpsec's own provider. */
  ours: boolean;
  /** How many IPsec policy filters it has. */
  filters: number;
  /** The layers they sit at (symbolic names), sorted. */
  layers: string[];
}

const LAYER_NAME = new Map<string, string>(Object.entries(LAYERS).map(([n, g]) => [g, n]));
const POLICY_LAYERS = new Map<string, "ikeext-policy" | "ipsec-policy">([
  [LAYERS.FWPM_LAYER_IKEEXT_V4, "ikeext-policy"],
  [LAYERS.FWPM_LAYER_IKEEXT_V6, "ikeext-policy"],
  [LAYERS.FWPM_LAYER_IPSEC_V4, "ipsec-policy"],
  [LAYERS.FWPM_LAYER_IPSEC_V6, "ipsec-policy"],
]);
/** Built-in IPsec callouts that apply policy (DoS protection keys nothing, so it is not policy). */
const IPSEC_CALLOUTS = new Set<string>(
  Object.entries(CALLOUTS).filter(([n]) => n.startsWith("FWPM_CALLOUT_IPSEC_") && !n.includes("_DOSP_"))
    .map(([, g]) => g),
);
const LEGACY_SUBLAYER: string = SUBLAYERS.FWPM_SUBLAYER_LIPS;
const LEGACY_SUBLAYER_DISPLAY = /^WFP Built-in Legacy IPsec Sublayer$/i;
const HAS_CONTEXT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
const CALLOUT_BIT = 0x4000; // FWP_ACTION_FLAG_CALLOUT: set in every callout action type

/** Whether `f` is IPsec policy, and why; `legacy` holds the keys of legacy IPsec sublayers. */
export function ipsecPolicyKind(
  f: Filter,
  legacy: ReadonlySet<string> = new Set(),
): IpsecPolicyKind | undefined {
  const atPolicyLayer = POLICY_LAYERS.get(f.layerKey);
  if (atPolicyLayer && ((f.flags & HAS_CONTEXT) !== 0 || f.providerContextKey)) return atPolicyLayer;
  if ((f.action.type & CALLOUT_BIT) !== 0 && f.action.calloutKey && IPSEC_CALLOUTS.has(f.action.calloutKey)) {
    return "ipsec-callout";
  }
  if (f.subLayerKey === LEGACY_SUBLAYER || legacy.has(f.subLayerKey)) return "legacy-ipsec-sublayer";
  return undefined;
}

/** The keys of the engine's legacy IPsec sublayers (FWPM_SUBLAYER_LIPS, or by display name). */
export function legacySublayers(sublayers: Sublayer[]): Set<string> {
  return new Set(
    sublayers.filter((s) =>
      s.subLayerKey === LEGACY_SUBLAYER || LEGACY_SUBLAYER_DISPLAY.test(s.displayData?.name ?? "")
    ).map((s) => s.subLayerKey),
  );
}

// ---- traffic overlap ----

/** A closed interval of a field's values; `undefined` = not evaluated statically (may match anything). */
type Interval = [bigint, bigint];

function scalar(v: FwpValue): bigint | undefined {
  switch (v.type) {
    case 1:
      return BigInt(v.uint8);
    case 2:
      return BigInt(v.uint16);
    case 3:
      return BigInt(v.uint32 >>> 0);
    case 4:
      return v.uint64;
    case 11: {
      let n = 0n;
      for (const b of v.byteArray16) n = (n << 8n) | BigInt(b);
      return n;
    }
    default:
      return undefined;
  }
}

function interval(c: FilterCondition): Interval | undefined {
  const v = c.conditionValue as FwpConditionValue | { type: "appPath" };
  if (v.type === "appPath") return undefined;
  if (c.matchType === ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL) {
    if (v.type === 256) {
      const mask = BigInt(v.v4AddrMask.mask >>> 0), addr = BigInt(v.v4AddrMask.addr >>> 0);
      return [addr & mask, (addr & mask) | (~mask & 0xffffffffn)];
    }
    if (v.type === 257) {
      const bits = BigInt(v.v6AddrMask.prefixLength);
      const addr = scalar({ type: 11, byteArray16: v.v6AddrMask.addr })!;
      const host = bits >= 128n ? 0n : (1n << (128n - bits)) - 1n;
      return [addr & ~host, (addr & ~host) | host];
    }
    if (v.type === 258) return undefined;
    const n = scalar(v as FwpValue);
    return n === undefined ? undefined : [n, n];
  }
  if (c.matchType === ENUMS.FWP_MATCH_TYPE.FWP_MATCH_RANGE && v.type === 258) {
    const lo = scalar(v.rangeValue.valueLow), hi = scalar(v.rangeValue.valueHigh);
    return lo === undefined || hi === undefined ? undefined : [lo, hi];
  }
  return undefined;
}

/** The fields overlap is decided on; any other condition (app id, SD, flags) is left open: may overlap. */
const TRAFFIC_FIELDS = [
  CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
  CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
  CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
  CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT,
  CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
];

/** The field's value set as intervals (conditions on one field are ORed); null when the field is open. */
function fieldSet(f: Filter, field: string): Interval[] | null {
  const cs = f.filterCondition.filter((c) => c.fieldKey === field);
  if (!cs.length) return null;
  const out: Interval[] = [];
  for (const c of cs) {
    const i = interval(c);
    if (!i) return null; // not evaluated statically: the safe reading is "may match anything"
    out.push(i);
  }
  return out;
}

/** Whether one packet can match both filters' traffic conditions (same layer assumed). */
export function trafficOverlaps(a: Filter, b: Filter): boolean {
  for (const field of TRAFFIC_FIELDS) {
    const x = fieldSet(a, field), y = fieldSet(b, field);
    if (!x || !y) continue;
    if (!x.some(([lo1, hi1]) => y.some(([lo2, hi2]) => lo1 <= hi2 && lo2 <= hi1))) return false;
  }
  return true;
}

// ---- the questions plan, apply and doctor ask ----

/**
 * Foreign IPsec policy filters in `engine` overlapping the IPsec policy filters of `desired` (our compiled
 * graph's filters), ordered by layer then filter key.
 */
export function findCoexistence(engine: Engine, desired: Filter[], ourProvider: Guid): CoexistenceEntry[] {
  const legacy = legacySublayers(engine.enumSublayers());
  const ours = desired.filter((f) => ipsecPolicyKind(f, legacy));
  if (!ours.length) return [];
  const names = new Map(engine.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const byLayer = new Map<string, Filter[]>();
  for (const f of ours) byLayer.set(f.layerKey, [...(byLayer.get(f.layerKey) ?? []), f]);
  const out: CoexistenceEntry[] = [];
  for (const [layerKey, mine] of byLayer) {
    for (const f of engine.enumFilters({ layerKey })) {
      if (f.providerKey === ourProvider) continue;
      const kind = ipsecPolicyKind(f, legacy);
      if (!kind) continue;
      const overlaps = mine.filter((m) => trafficOverlaps(f, m));
      if (!overlaps.length) continue;
      out.push({
        providerKey: f.providerKey ?? null,
        providerName: f.providerKey ? names.get(f.providerKey) ?? null : null,
        layer: LAYER_NAME.get(f.layerKey) ?? f.layerKey,
        filterKey: f.filterKey,
        filterName: f.displayData?.name ?? "",
        kind,
        traffic: conditionsText(f.filterCondition),
        overlaps: overlaps.map((m) => ({
          filterKey: m.filterKey,
          filterName: m.displayData.name,
          traffic: conditionsText(m.filterCondition),
        })),
      });
    }
  }
  return out.sort((a, b) =>
    a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : a.filterKey < b.filterKey ? -1 : 1
  );
}

/** Every provider with IPsec policy filters in the engine (ours included, marked), by name. */
export function ipsecProviders(engine: Engine, ourProvider: Guid): IpsecProvider[] {
  const legacy = legacySublayers(engine.enumSublayers());
  const names = new Map(engine.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const by = new Map<string, { filters: number; layers: Set<string> }>();
  for (const f of engine.enumFilters()) {
    if (!ipsecPolicyKind(f, legacy)) continue;
    const k = f.providerKey ?? "";
    const e = by.get(k) ?? { filters: 0, layers: new Set<string>() };
    e.filters++;
    e.layers.add(LAYER_NAME.get(f.layerKey) ?? f.layerKey);
    by.set(k, e);
  }
  return [...by].map(([k, e]) => ({
    providerKey: k || null,
    providerName: k ? names.get(k) ?? null : null,
    ours: k === ourProvider,
    filters: e.filters,
    layers: [...e.layers].sort(),
  })).sort((a, b) =>
    // named providers by name, then the unnamed ones
    a.providerName === null
      ? (b.providerName === null ? 0 : 1)
      : b.providerName === null
      ? -1
      : a.providerName.localeCompare(b.providerName)
  );
}

/** The provider as a person reads it: `"Name" {key}`, or the key alone. */
export function providerLabel(e: { providerKey: Guid | null; providerName: string | null }): string {
  if (!e.providerKey) return "(no provider)";
  return e.providerName ? `"${e.providerName}" {${e.providerKey}}` : `{${e.providerKey}}`;
}

/** The warning block the text plan shows; empty when nothing overlaps. */
export function coexistenceText(entries: CoexistenceEntry[]): string {
  if (!entries.length) return "";
  const lines = [
    `WARNING: ${entries.length} filter(s) of other IPsec policy overlap this policy's traffic.`,
    "Only one IPsec policy applies to a packet; sublayer and filter weights decide which:",
  ];
  for (const e of entries) {
    lines.push(
      `  ${providerLabel(e)} ${e.layer}: filter "${e.filterName}" {${e.filterKey}} (${e.kind}) ${e.traffic}`,
      `    overlaps ${e.overlaps.map((o) => `"${o.filterName}" ${o.traffic}`).join("; ")}`,
    );
  }
  return lines.join("\n");
}

/**
 * apply's refusal when other IPsec policy overlaps (without `--allow-coexist`): a SafetyError (a refused,
 * unsafe situation; no new error type in the JSON contract) naming the other providers. Nothing has changed.
 */
export function coexistenceRefusal(entries: CoexistenceEntry[]): SafetyError {
  const providers = [...new Set(entries.map(providerLabel))].join(", ");
  return new SafetyError(
    `refusing to apply: ${entries.length} filter(s) of other IPsec policy (${providers}) overlap this ` +
      "policy's traffic; nothing was changed. `wfpsec plan` lists them; remove the other policy, or pass " +
      "--allow-coexist to apply anyway",
  );
}
