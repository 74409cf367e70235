/**
 * The engine read backwards: the objects our provider owns as an ObjectGraph (for export), with tunnels
 * rebuilt from their QM context and the definition recorded in its providerData, and the engine's
 * instantiated tunnel filters left out. Pre-shared key bytes are blanked; the secret references come back
 * from providerData metadata by the decompiler.
 */
import type { Engine } from "../engine/mod.ts";
import type { Filter, Guid, ObjectGraph, ProviderContext, Sublayer, Tunnel } from "../graph/mod.ts";
import { fromCanonical, readMeta } from "../graph/mod.ts";
import { normContext } from "./normalise.ts";
import { TUNNEL_QM_TYPES } from "./current.ts";

/** Objects of one provider, as enumerated. */
export interface Owned {
  /** The FWPM_PROVIDER0 itself, absent when the provider is not in the engine. */
  provider?: ObjectGraph["provider"];
  /** FWPM_SUBLAYER0s whose providerKey is the provider. */
  sublayers: Sublayer[];
  /** FWPM_PROVIDER_CONTEXT3s whose providerKey is the provider. */
  providerContexts: ProviderContext[];
  /** FWPM_FILTER0s whose providerKey is the provider. */
  filters: Filter[];
}

/** Reads what `providerKey` owns (read-only). */
export function readOwned(engine: Engine, providerKey: Guid): Owned {
  return {
    provider: engine.getProvider(providerKey),
    sublayers: engine.enumSublayers({ providerKey }),
    providerContexts: engine.enumProviderContexts({ providerKey }),
    filters: engine.enumFilters({ providerKey }),
  };
}

/** The owned objects as an ObjectGraph, or undefined when the provider is not in the engine. */
export function ownedGraph(engine: Engine, providerKey: Guid): ObjectGraph | undefined {
  const o = readOwned(engine, providerKey);
  if (!o.provider) return undefined;
  const ctx = new Map(o.providerContexts.map((c) => [c.providerContextKey, c]));
  const tunnelParts = new Set<Guid>();
  const tunnels: Tunnel[] = [];
  for (const c of o.providerContexts) {
    if (!TUNNEL_QM_TYPES.has(c.type)) continue;
    const meta = readMeta(c.providerData);
    if (!meta?.tunnel) continue;
    const def = fromCanonical(meta.tunnel) as {
      flags: number;
      filterConditions: Tunnel["filterConditions"];
      keyModKey?: Guid;
    };
    const mmKey = typeof meta.tunnelMainModeKey === "string" ? meta.tunnelMainModeKey : undefined;
    tunnelParts.add(c.providerContextKey);
    if (mmKey) tunnelParts.add(mmKey);
    const mm = mmKey ? ctx.get(mmKey) : undefined;
    tunnels.push({
      flags: def.flags,
      filterConditions: def.filterConditions ?? [],
      ...(def.keyModKey ? { keyModKey: def.keyModKey } : {}),
      ...(mm ? { mainModePolicy: normContext(mm) } : {}),
      tunnelPolicy: normContext(c),
    });
  }
  const sublayer = o.sublayers[0];
  return {
    provider: o.provider,
    sublayer: sublayer ??
      { subLayerKey: "00000000-0000-0000-0000-000000000000", displayData: { name: "" }, flags: 0, weight: 0 },
    providerContexts: o.providerContexts.filter((c) => !tunnelParts.has(c.providerContextKey)).map(
      normContext,
    ),
    filters: o.filters
      .filter((f) => !(f.providerContextKey && tunnelParts.has(f.providerContextKey)))
      .map(({ filterId: _i, effectiveWeight: _w, ...f }) => withProgramPaths(f)),
    tunnels,
    manualSas: [],
    secrets: {},
  };
}

/** Puts back the program paths the planner recorded in place of the engine's app ids. */
function withProgramPaths(f: Filter): Filter {
  const paths = readMeta(f.providerData)?.appPaths;
  if (!paths || typeof paths !== "object") return f;
  const p = paths as Record<string, string>;
  return {
    ...f,
    filterCondition: f.filterCondition.map((c, i) =>
      typeof p[String(i)] === "string"
        ? { ...c, conditionValue: { type: "appPath" as const, path: p[String(i)] } }
        : c
    ),
  };
}
