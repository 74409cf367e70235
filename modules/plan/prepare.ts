/**
 * Host preparation of the desired graph: program paths become the engine's app ids (`appIdFromFileName`),
 * and every pre-shared key and manual SA key is replaced by a digest in the owning object's providerData
 * metadata (the key itself stays out of the graph and is only put in at add time by apply). Every context
 * also carries a digest of its content, so a snapshot that cannot decode policies can still be compared.
 */
import { ENUMS } from "../../ffi/constants.ts";
import type { Engine } from "../engine/mod.ts";
import type { Filter, FilterCondition, Guid, ObjectGraph, ProviderContext, Tunnel } from "../graph/mod.ts";
import { canonicalJson, digestOf, withMeta } from "../graph/mod.ts";
import { hostKeyFor } from "./hostKey.ts";
import {
  type AccountResolver,
  defaultAccountResolver,
  resolveAccountFilters,
  type ResolvedAccount,
} from "./accounts.ts";
import { normContext } from "./normalise.ts";
import {
  defaultResolveSaKey,
  defaultResolveSecret,
  manualSaDigests,
  pskDigests,
  type SecretResolver,
  type SecretValues,
} from "./secrets.ts";

/** Options of `planGraph`. */
export interface PlanOptions {
  /** Reads a pre-shared key (default: `defaultResolveSecret`). */
  resolveSecret?: SecretResolver;
  /** Reads a manual SA key (default: hexadecimal text from the variable or file, see `defaultResolveSaKey`). */
  resolveSaKey?: SecretResolver;
  /** The host secret keying secret digests (default: hostKey.ts for the engine; null: none, offline). */
  hostKey?: Uint8Array | null;
  /** Where authorization account names are looked up (default: `defaultAccountResolver` for the engine). */
  accounts?: AccountResolver;
}

/** The graph as it should exist on this host, plus the secret values apply will marshal. */
export interface PreparedGraph {
  /** The graph with app ids resolved and secret digests in providerData. */
  graph: ObjectGraph;
  /** The resolved pre-shared keys apply will marshal. */
  secrets: SecretValues;
  /** graph.filters' keys, names and layers, position for position (what the planner's merge reads). */
  filterIndex: { keys: Guid[]; names: string[]; layers: Guid[] };
  /** The authorization lists' names and the SIDs they resolved to (plan/accounts.ts), as plan shows them. */
  accounts: ResolvedAccount[];
}

/**
 * Resolves app paths through the engine and turns secret references into digests in providerData.
 * Returns a new graph; the input is not modified. Tunnel definitions get a digest in their QM context.
 */
export function prepareGraph(graph: ObjectGraph, engine: Engine, opts: PlanOptions = {}): PreparedGraph {
  // Account names first: an unresolvable name fails the plan before any secret is read.
  const named = graph.filters.filter((f) =>
    f.filterCondition.some((c) => c.conditionValue.type === "accounts")
  );
  const resolvedAccounts = named.length
    ? resolveAccountFilters(named, opts.accounts ?? defaultAccountResolver(engine.info))
    : undefined;
  const resolve = opts.resolveSecret ?? defaultResolveSecret;
  const hostKey = opts.hostKey === null ? undefined : opts.hostKey ?? hostKeyFor(engine.info.kind);
  const secrets: SecretValues = new Map();
  const appIds = new Map<string, Uint8Array>();
  const resolveConds = (conds: FilterCondition[]): FilterCondition[] =>
    conds.map((c) => {
      const v = c.conditionValue;
      if (v.type !== "appPath") return c;
      let id = appIds.get(v.path);
      if (!id) appIds.set(v.path, id = engine.appIdFromFileName(v.path));
      return { ...c, conditionValue: { type: ENUMS.FWP_DATA_TYPE.FWP_BYTE_BLOB_TYPE, byteBlob: id } };
    });

  const digests = pskDigests(graph, resolve, hostKey, secrets);
  // Every context carries a digest of its content, so a snapshot that cannot decode policies (netsh XML)
  // can still be compared.
  const prepCtx = (c: ProviderContext, extra?: Record<string, unknown>): ProviderContext => {
    const d = digests.get(c.providerContextKey);
    const { providerData: _pd, ...content } = normContext(c);
    return {
      ...c,
      providerData: withMeta(c.providerData, {
        contentSha256: digestOf(content),
        ...(d ? { secretSha256: d } : {}),
        ...extra,
      }),
    };
  };

  const tunnels = graph.tunnels.map((t) => {
    const conds = resolveConds(t.filterConditions);
    const def = { flags: t.flags, filterConditions: conds, keyModKey: t.keyModKey ?? null };
    // The definition itself (no secrets in it) is kept too, so export can give the tunnel back.
    const extra: Record<string, unknown> = { tunnelSha256: digestOf(def), tunnel: canonicalTunnelDef(def) };
    if (t.mainModePolicy) extra.tunnelMainModeKey = t.mainModePolicy.providerContextKey;
    return {
      ...t,
      filterConditions: conds,
      mainModePolicy: t.mainModePolicy ? prepCtx(t.mainModePolicy) : undefined,
      tunnelPolicy: prepCtx(t.tunnelPolicy, extra),
    } as Tunnel;
  });
  const saDigest = manualSaDigests(graph, opts.resolveSaKey ?? defaultResolveSaKey, hostKey, secrets);
  const prepFilter = (f: Filter): Filter => {
    const conds = f.filterCondition;
    let app = false;
    for (let i = 0; i < conds.length; i++) if (conds[i].conditionValue.type === "appPath") app = true;
    if (!app) return f;
    // The engine's app id is a device path; the program path as written is kept in providerData so
    // export can give it back.
    const appPaths: Record<string, string> = {};
    f.filterCondition.forEach((c, i) => {
      if (c.conditionValue.type === "appPath") appPaths[String(i)] = c.conditionValue.path;
    });
    return {
      ...f,
      filterCondition: resolveConds(f.filterCondition),
      providerData: withMeta(f.providerData, { appPaths }),
    };
  };
  const withSaDigest = (f: Filter): Filter => {
    const d = saDigest.get(f.filterKey);
    return d ? { ...f, providerData: withMeta(f.providerData, { manualSaSha256: d }) } : f;
  };
  // One front-to-back pass over the filters resolves app paths and copies out what the planner's merge
  // reads (key, name, layer), while each object is at hand: a second pass over 50,000 objects costs ~15 ms
  // of cache misses (measured).
  const n = graph.filters.length;
  let filters = graph.filters; // copied on the first filter that changes
  const keys = new Array<Guid>(n), names = new Array<string>(n), layers = new Array<Guid>(n);
  for (let k = 0; k < n; k++) {
    const g0 = graph.filters[k];
    const g = resolvedAccounts?.filters.get(g0.filterKey) ?? g0;
    const f = prepFilter(saDigest.size ? withSaDigest(g) : g);
    if (f !== g0) {
      if (filters === graph.filters) filters = graph.filters.slice();
      filters[k] = f;
    }
    keys[k] = f.filterKey;
    names[k] = f.displayData.name;
    layers[k] = f.layerKey;
  }
  return {
    graph: {
      ...graph,
      providerContexts: graph.providerContexts.map((c) => prepCtx(c)),
      filters,
      tunnels,
    },
    secrets,
    filterIndex: { keys, names, layers },
    accounts: resolvedAccounts?.accounts ?? [],
  };
}

function canonicalTunnelDef(def: unknown): unknown {
  return JSON.parse(canonicalJson(def));
}
