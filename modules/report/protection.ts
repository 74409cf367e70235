/**
 * The report's protection map: every remote scope our policy's rules and tunnels name and every scope other
 * providers' IPsec policy filters name, each explained outbound and inbound (explain's arbitration) for its
 * first host, and who governs it: our rule, another provider, an exemption, or nobody.
 */
import type { Filter, FilterCondition, Guid } from "../graph/mod.ts";
import { readMeta } from "../graph/mod.ts";
import type { AddrSpec, Policy } from "../model/mod.ts";
import { formatAddr, formatV4, formatV6, v6FromBytes } from "../model/mod.ts";
import { CALLOUTS, CONDITIONS, LAYERS } from "../../ffi/constants.ts";
import {
  type ExplainedLayer,
  type ExplainSource,
  explainTraffic,
  ipsecPolicyKind,
  legacySublayers,
} from "../explain/mod.ts";
import type { Governor, ProtectionRow } from "./data.ts";

const NAME = new Map<string, string>(
  [...Object.entries(LAYERS), ...Object.entries(CALLOUTS)].map(([n, g]) => [g, n]),
);

/** The policy item a filter of ours implements (`rule corp`), from its metadata path. */
export function itemOf(f: Pick<Filter, "providerData">): string | null {
  const path = readMeta(f.providerData)?.path;
  if (typeof path !== "string") return null;
  const [section, name] = path.split("/");
  const word: Record<string, string> = {
    rules: "rule",
    exemptions: "exemption",
    tunnels: "tunnel",
    ikeExemptions: "IKE exemption",
  };
  return word[section] ? `${word[section]}${name !== undefined ? ` ${name}` : ""}` : path;
}

interface Scope {
  scope: string;
  sample: string;
  from: Set<string>;
}

function sampleOf(family: 4 | 6, low: bigint, high: bigint): string {
  // The first host rather than the network address: an interval of two or more starts at its network address.
  const v = high - low >= 2n ? low + 1n : low;
  return family === 4 ? formatV4(v) : formatV6(v);
}

const ANY_SAMPLE = { 4: "198.51.100.7", 6: "2001:db8::7" } as const;

/** The remote-address scopes a filter's conditions name (intervals), or `any` of the layer's family. */
function filterScopes(f: Filter): { scope: string; sample: string }[] {
  const v6 = NAME.get(f.layerKey)?.endsWith("_V6") ?? false;
  const out: { scope: string; sample: string }[] = [];
  for (const c of f.filterCondition as FilterCondition[]) {
    if (c.fieldKey !== CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS) continue;
    const v = c.conditionValue as unknown as Record<string, unknown> & { type: number | string };
    if (v.type === 256) {
      const m = v.v4AddrMask as { addr: number; mask: number };
      const mask = BigInt(m.mask >>> 0), low = BigInt(m.addr >>> 0) & mask;
      const high = low | (~mask & 0xffffffffn);
      const bits = 32 - Math.log2(Number(high - low + 1n));
      out.push({
        scope: high === low ? formatV4(low) : `${formatV4(low)}/${bits}`,
        sample: sampleOf(4, low, high),
      });
    } else if (v.type === 3) {
      const a = BigInt((v.uint32 as number) >>> 0);
      out.push({ scope: formatV4(a), sample: formatV4(a) });
    } else if (v.type === 257) {
      const m = v.v6AddrMask as { addr: Uint8Array; prefixLength: number };
      const bits = BigInt(m.prefixLength), host = bits >= 128n ? 0n : (1n << (128n - bits)) - 1n;
      const low = v6FromBytes(m.addr) & ~host;
      out.push({ scope: `${formatV6(low)}/${m.prefixLength}`, sample: sampleOf(6, low, low | host) });
    } else if (v.type === 11) {
      const a = v6FromBytes(v.byteArray16 as Uint8Array);
      out.push({ scope: formatV6(a), sample: formatV6(a) });
    } else if (v.type === 258) {
      const r = v.rangeValue as { valueLow: Record<string, unknown>; valueHigh: Record<string, unknown> };
      if (typeof r.valueLow.uint32 === "number" && typeof r.valueHigh.uint32 === "number") {
        const low = BigInt(r.valueLow.uint32 >>> 0), high = BigInt(r.valueHigh.uint32 >>> 0);
        out.push({ scope: `${formatV4(low)}-${formatV4(high)}`, sample: sampleOf(4, low, high) });
      }
    }
  }
  if (!out.length) out.push({ scope: `any IPv${v6 ? 6 : 4}`, sample: ANY_SAMPLE[v6 ? 6 : 4] });
  return out;
}

function specScopes(list: AddrSpec[], families: (4 | 6)[]): { scope: string; sample: string }[] {
  if (!list.length) return families.map((f) => ({ scope: `any IPv${f}`, sample: ANY_SAMPLE[f] }));
  return list.map((a) => ({ scope: formatAddr(a), sample: sampleOf(a.family, a.low, a.high) }));
}

/** Who governs `layers` (one explained connection): the IPSEC layer's policy, else a transport decider. */
function governorOf(
  layers: ExplainedLayer[],
  outcome: string,
  filters: Map<string, Filter>,
  ourProvider: Guid,
): Governor {
  const ctx = (prefix: string) => {
    const c = layers.find((l) => l.layer.startsWith(prefix))?.policyContext;
    return c ? c.name ?? `{${c.providerContextKey}}` : null;
  };
  const ipsecLayer = layers.find((l) => l.layer.startsWith("FWPM_LAYER_IPSEC"));
  const ipsec = ipsecLayer?.policyContext;
  const governing = ipsec ? filters.get(ipsec.filterKey)?.providerKey : undefined;
  // Policy of other providers that decides its own sublayer for this traffic: one IPsec policy wins.
  const contested = new Set<string>();
  for (const s of ipsecLayer?.sublayers ?? []) {
    const d = s.filters.find((f) => f.filterKey === s.decidingFilter);
    if (d?.providerContextKey && d.providerKey !== governing) {
      contested.add(d.providerName ?? d.providerKey ?? "(no provider)");
    }
  }
  const base = {
    quickMode: ctx("FWPM_LAYER_IPSEC"),
    mainMode: ctx("FWPM_LAYER_IKEEXT"),
    outcome,
    conditional: outcome.includes("depends on filters not evaluated statically"),
    contested: [...contested].sort(),
  };
  const describe = (key: Guid, kind: "ours" | "foreign" | "exempt"): Governor => {
    const f = filters.get(key);
    const ours = f?.providerKey === ourProvider;
    const deciding = layers.flatMap((l) => l.sublayers.flatMap((s) => s.filters)).find((x) =>
      x.filterKey === key
    );
    return {
      kind: kind === "exempt" ? "exempt" : ours ? "ours" : "foreign",
      provider: deciding?.providerName ?? f?.providerKey ?? null,
      item: (ours && f ? itemOf(f) : null) ?? deciding?.name ?? f?.displayData?.name ?? key,
      ...base,
    };
  };
  if (ipsec) return describe(ipsec.filterKey, "ours");
  // No quick-mode policy applies: a permit at the transport layer (an exemption) or a callout decides; else
  // the main-mode policy at IKEEXT; else the first transport filter the decision depends on.
  const transport = layers.find((l) => l.layer.includes("_TRANSPORT_"));
  for (const s of transport?.sublayers ?? []) {
    const d = s.filters.find((f) => f.filterKey === s.decidingFilter);
    if (d) return describe(d.filterKey, d.action === "permit" ? "exempt" : "ours");
  }
  const ike = layers.find((l) => l.layer.startsWith("FWPM_LAYER_IKEEXT"))?.policyContext;
  if (ike) return describe(ike.filterKey, "ours");
  for (const s of transport?.sublayers ?? []) {
    const d = s.filters.find((f) => f.filterKey === s.dependsOn);
    if (d) return describe(d.filterKey, d.action === "permit" ? "exempt" : "ours");
  }
  return { kind: "none", provider: null, item: null, ...base };
}

/**
 * The protection map: every remote scope our policy's rules name and every scope other providers' IPsec
 * policy names, each explained outbound and inbound (its first host as the sample).
 */
export function protectionMap(
  source: ExplainSource,
  policy: Policy | undefined,
  ourProvider: Guid,
): ProtectionRow[] {
  const byScope = new Map<string, Scope>();
  const add = (s: { scope: string; sample: string }, from: string) => {
    const e = byScope.get(s.scope) ?? { ...s, from: new Set<string>() };
    e.from.add(from);
    byScope.set(s.scope, e);
  };
  for (const r of policy?.rules ?? []) {
    for (const s of specScopes(r.remote, r.families)) add(s, `rule ${r.name}`);
  }
  for (const t of policy?.tunnels ?? []) {
    for (const s of specScopes(t.remote, [t.remoteEndpoint.family])) add(s, `tunnel ${t.name}`);
  }
  const providers = new Map(source.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const legacy = legacySublayers(source.enumSublayers());
  const all = source.enumFilters();
  const filters = new Map(all.map((f) => [f.filterKey, f]));
  for (const f of all) {
    if (!ipsecPolicyKind(f, legacy)) continue;
    const who = f.providerKey === ourProvider
      ? itemOf(f) ?? "wfpsec"
      : (f.providerKey ? providers.get(f.providerKey) ?? f.providerKey : "(no provider)");
    for (const s of filterScopes(f)) add(s, who);
  }
  const rows: ProtectionRow[] = [];
  for (const s of byScope.values()) {
    const one = (direction: "in" | "out") => {
      const x = explainTraffic(source, { direction, remote: s.sample });
      return governorOf(x.layers, x.summary, filters, ourProvider);
    };
    rows.push({
      scope: s.scope,
      sample: s.sample,
      from: [...s.from].sort(),
      outbound: one("out"),
      inbound: one("in"),
    });
  }
  return rows;
}
