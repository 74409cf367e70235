/**
 * The planner: the exact difference between a compiled ObjectGraph and the objects our provider owns in an
 * engine, as add / delete / replace changes with the reason.
 *
 * Before diffing, the desired graph is *prepared* for the target host: program paths become the engine's app
 * ids (`appIdFromFileName`), and every pre-shared key is replaced by a digest in the owning object's
 * providerData metadata (the key itself stays out of the graph and is only put in at add time by apply).
 * Engine-assigned fields (filterId, providerContextId, effectiveWeight) are ignored. The DISABLED flags BFE
 * sets at start (FWPM_PROVIDER0 / FWPM_FILTER0) are drift: a disabled object is replaced (deleted and added
 * again, which enables it), with the reason "disabled ...".
 * WFP has no in-place update for these objects, so a "replace" is a delete plus an add; objects that depend on
 * a replaced object (filters on a replaced provider context, everything under a replaced provider or
 * sublayer) are replaced with it, because the engine refuses to delete an object still in use.
 */
import type { Engine, IpsecSaContext1 } from "../engine/mod.ts";
import type {
  Filter,
  FilterCondition,
  Guid,
  IkeextAuthenticationMethod2,
  ManualSa,
  ObjectGraph,
  Provider,
  ProviderContext,
  SecretRef,
  Sublayer,
  Tunnel,
} from "../graph/mod.ts";
import { ENUMS, FLAGS } from "../../ffi/constants.ts";
import { deepEqual, diffFields, type FieldDiff } from "./fieldDiff.ts";
import {
  adoptUnverifiableSecrets,
  canonicalJson,
  digestOf,
  readMeta,
  secretDigest,
  withMeta,
} from "../graph/mod.ts";
import { hostKeyFor } from "./hostKey.ts";
import { SecretError } from "../errors.ts";

export { SecretError };
import { compareKeys as cmp, keyOrder, sortByKey } from "./keyOrder.ts";
import { gcmKeyLength } from "../graph/mod.ts";

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

/** Pre-shared key values resolved for apply, by `${providerContextKey}/${methodIndex}`. Never rendered. */
export type SecretValues = Map<string, Uint8Array>;

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
}

/** Reads a secret reference's bytes. The default reads the environment variable or file. */
export type SecretResolver = (ref: SecretRef, id: string) => Uint8Array;

/** Options of `planGraph`. */
export interface PlanOptions {
  /** Reads a pre-shared key (default: `defaultResolveSecret`). */
  resolveSecret?: SecretResolver;
  /** Reads a manual SA key (default: hexadecimal text from the variable or file, see `defaultResolveSaKey`). */
  resolveSaKey?: SecretResolver;
  /** The host secret keying secret digests (default: hostKey.ts for the engine; null: none, offline). */
  hostKey?: Uint8Array | null;
}

/**
 * The error for a secret that cannot be read: by file:line and field when the loader recorded where the
 * reference is written (`ref.source`), else by the object's reference id (a graph built by hand).
 */
function secretProblem(what: string, id: string, ref: SecretRef, problem: string, code: string): SecretError {
  const at = ref.source;
  if (!at) return new SecretError(`${what} ${id}: ${problem}`);
  return new SecretError(
    `the ${what} cannot be read:\n${at.file}:${at.line}:${at.column}: error[${code}] ${at.path}: ${problem}`,
    {
      file: at.file,
      line: at.line,
      column: at.column,
      path: at.path,
      code,
      message: problem,
      severity: "error",
    },
  );
}

const FILTER_DISABLED = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED;
const PROVIDER_DISABLED = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED;
/** Reasons of the replaces that undo what BFE disabled when it started. */
export const DISABLED_PROVIDER_REASON =
  "disabled: BFE disabled this provider's filters when it started (its service is not auto-start)";
export const DISABLED_FILTER_REASON = "disabled: BFE disabled this filter when it started";
const CT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
/** Provider-context types of a tunnel's quick-mode policy (the context whose key is the tunnel's key). */
export const TUNNEL_QM_TYPES: ReadonlySet<number> = new Set([
  CT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
]);
const PSK = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY;

/**
 * Default secret resolver: `{env}` reads the variable, `{file}` reads the file (one trailing newline
 * dropped). The key is passed to the engine as UTF-16LE text, as the Windows IPsec tools store it.
 */
export function defaultResolveSecret(ref: SecretRef, id: string): Uint8Array {
  let text: string | undefined;
  if (ref.env) {
    text = Deno.env.get(ref.env);
    if (text === undefined || text === "") {
      throw secretProblem(
        "pre-shared key",
        id,
        ref,
        `environment variable ${ref.env} is not set`,
        "secret-unset",
      );
    }
  } else if (ref.file) {
    try {
      text = Deno.readTextFileSync(ref.file).replace(/\r?\n$/, "");
    } catch (e) {
      throw secretProblem(
        "pre-shared key",
        id,
        ref,
        `cannot read ${ref.file}: ${(e as Error).message}`,
        "secret-unreadable",
      );
    }
    if (text === "") {
      throw secretProblem("pre-shared key", id, ref, `${ref.file} is empty`, "secret-unreadable");
    }
  } else {
    throw new SecretError(`pre-shared key ${id}: the reference names neither env nor file`);
  }
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/**
 * Default manual SA key resolver: the variable or file holds the key as hexadecimal text (whitespace and a
 * leading 0x ignored). For ESP with encryption and integrity the text is the cipher key followed by the
 * integrity key. The key itself never appears in an error.
 */
export function defaultResolveSaKey(ref: SecretRef, id: string): Uint8Array {
  let text: string | undefined;
  if (ref.env) {
    text = Deno.env.get(ref.env);
    if (text === undefined || text === "") {
      throw secretProblem(
        "manual SA key",
        id,
        ref,
        `environment variable ${ref.env} is not set`,
        "secret-unset",
      );
    }
  } else if (ref.file) {
    try {
      text = Deno.readTextFileSync(ref.file);
    } catch (e) {
      throw secretProblem(
        "manual SA key",
        id,
        ref,
        `cannot read ${ref.file}: ${(e as Error).message}`,
        "secret-unreadable",
      );
    }
  } else {
    throw new SecretError(`manual SA key ${id}: the reference names neither env nor file`);
  }
  const hex = text.replace(/\s+/g, "").replace(/^0x/i, "");
  const where = ref.env ? `environment variable ${ref.env}` : `file ${ref.file}`;
  if (!hex || hex.length % 2 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw secretProblem(
      "manual SA key",
      id,
      ref,
      `${where} must hold the key as hexadecimal digits (an even number)`,
      "secret-unreadable",
    );
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Key bytes per IPSEC_AUTH_TYPE (HMAC keys) and IPSEC_CIPHER_TYPE (CBC keys); AES-GCM: see saKeys.ts. */
const AUTH_KEY_BYTES: Record<number, number> = { 0: 16, 1: 20, 2: 32 };
const CIPHER_KEY_BYTES: Record<number, number> = { 1: 8, 2: 24, 3: 16, 4: 24, 5: 32 };

/** The key length a manual SA direction needs, when the transform defines one. */
export function saKeyLength(d: ManualSa["inbound"]): number | undefined {
  const a = d.authTransformId, c = d.cipherTransformId;
  const gcm = gcmKeyLength(c?.cipherConfig);
  if (gcm !== undefined) return gcm;
  if ((a && a.authConfig >= 3) || (c && c.cipherConfig >= 6)) return undefined;
  const al = a ? AUTH_KEY_BYTES[a.authType] : 0, cl = c ? CIPHER_KEY_BYTES[c.cipherType] : 0;
  if (al === undefined || cl === undefined) return undefined;
  return al + cl || undefined;
}

/** The graph as it should exist on this host, plus the secret values apply will marshal. */
export interface PreparedGraph {
  /** The graph with app ids resolved and secret digests in providerData. */
  graph: ObjectGraph;
  /** The resolved pre-shared keys apply will marshal. */
  secrets: SecretValues;
  /** graph.filters' keys, names and layers, position for position (what the planner's merge reads). */
  filterIndex: { keys: Guid[]; names: string[]; layers: Guid[] };
}

/**
 * Resolves app paths through the engine and turns secret references into digests in providerData.
 * Returns a new graph; the input is not modified. Tunnel definitions get a digest in their QM context.
 */
export function prepareGraph(graph: ObjectGraph, engine: Engine, opts: PlanOptions = {}): PreparedGraph {
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
      return { ...c, conditionValue: { type: 12, byteBlob: id } };
    });

  // Secret digests per owning context key. Only provider-context secrets matter here (manual SA keys are
  // not planned: see apply).
  const ctxKeys = new Set(graph.providerContexts.map((c) => c.providerContextKey));
  for (const t of graph.tunnels) {
    ctxKeys.add(t.tunnelPolicy.providerContextKey);
    if (t.mainModePolicy) ctxKeys.add(t.mainModePolicy.providerContextKey);
  }
  const digests = new Map<string, Record<string, string>>();
  for (const id of Object.keys(graph.secrets).sort()) {
    const slash = id.lastIndexOf("/");
    const ctxKey = id.slice(0, slash);
    if (!ctxKeys.has(ctxKey)) continue;
    const value = resolve(graph.secrets[id], id);
    secrets.set(id, value);
    const rec = digests.get(ctxKey) ?? {};
    rec[id.slice(slash + 1)] = secretDigest(ctxKey, value, hostKey);
    digests.set(ctxKey, rec);
  }
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
  // Manual SA keys: resolved for apply, and a digest of each pair (SPIs, transforms, keys) goes into both
  // of its filters' metadata, so a changed key or SPI replaces the filters and with them the SA pair.
  const resolveSa = opts.resolveSaKey ?? defaultResolveSaKey;
  const saDigest = new Map<Guid, string>();
  for (const m of graph.manualSas) {
    const dirs: Record<string, unknown> = {};
    for (const which of ["inbound", "outbound"] as const) {
      const d = m[which];
      const ref = graph.secrets[d.keyRef];
      if (!ref) throw new SecretError(`manual SA ${m.name}: no key reference for ${which}`);
      const key = resolveSa(ref, d.keyRef);
      const want = saKeyLength(d);
      if (want !== undefined && key.length !== want) {
        throw new SecretError(
          `manual SA ${m.name} ${which}: the key has ${key.length} bytes, its transform needs ${want}`,
        );
      }
      secrets.set(d.keyRef, key);
      const { keyRef: _k, ...params } = d;
      dirs[which] = { ...params, keySha256: secretDigest(d.keyRef, key, hostKey) };
    }
    const digest = digestOf(dirs);
    saDigest.set(m.inboundFilterKey, digest);
    saDigest.set(m.outboundFilterKey, digest);
  }
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
    const g = graph.filters[k];
    const f = prepFilter(saDigest.size ? withSaDigest(g) : g);
    if (f !== g) {
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
  };
}

function canonicalTunnelDef(def: unknown): unknown {
  return JSON.parse(canonicalJson(def));
}

/** What our provider owns in the engine now. */
export interface CurrentState {
  /** Our FWPM_PROVIDER0, absent when it is not in the engine. */
  provider?: Provider;
  /** Sublayers we own, plus the one with our key whoever owns it. */
  sublayers: Sublayer[];
  /** Provider contexts we own. */
  providerContexts: ProviderContext[];
  /** Filters we own. */
  filters: Filter[];
  /** Manual SA contexts in the engine (every one: SA contexts have no owner; apply matches filter ids). */
  saContexts?: IpsecSaContext1[];
}

/** Reads every object our provider owns (plus the sublayer with our key, whoever owns it). */
export function readCurrent(engine: Engine, providerKey: Guid, sublayerKey?: Guid): CurrentState {
  const provider = engine.getProvider(providerKey);
  // A live engine refuses an object whose provider does not exist and a provider delete while objects use
  // it (FWP_E_PROVIDER_NOT_FOUND, FWP_E_IN_USE): without our provider nothing of ours exists, and the three
  // enumerations (each a scan of every filter on the host) are skipped. An offline dump may list filters
  // without their provider, so it is always enumerated.
  const owned = provider !== undefined || engine.info.kind === "snapshot";
  const sublayers = owned ? engine.enumSublayers({ providerKey }) : [];
  if (sublayerKey && !sublayers.some((s) => s.subLayerKey === sublayerKey)) {
    const s = engine.getSublayer(sublayerKey);
    if (s) sublayers.push(s);
  }
  return {
    provider,
    sublayers,
    providerContexts: owned ? engine.enumProviderContexts({ providerKey }) : [],
    filters: owned ? engine.enumFilters({ providerKey }) : [],
    ...(engine.sa ? { saContexts: engine.sa.enumSaContexts() } : {}),
  };
}

/** The SA contexts whose SAs use one of `filterIds` (as transport filter of either direction). */
export function saContextsOfFilters(
  contexts: readonly IpsecSaContext1[],
  filterIds: ReadonlySet<bigint>,
): IpsecSaContext1[] {
  return contexts.filter((c) =>
    [c.inboundSa, c.outboundSa].some((d) =>
      d?.traffic.ipsecFilterId !== undefined && filterIds.has(d.traffic.ipsecFilterId)
    )
  );
}

// ---- normalisation: what "equal" means ----

function normProvider(p: Provider): Provider {
  return { ...p, flags: p.flags & ~PROVIDER_DISABLED };
}

const HAS_CONTEXT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
const PARTIAL = Symbol.for("wfpsec.partial");

/** Absent, empty blob and empty description all mean "nothing" (decoders differ on which they produce). */
function normCommon<
  T extends { displayData: { name: string; description?: string }; providerData?: Uint8Array },
>(o: T): T {
  const out = { ...o };
  if (!out.providerData?.length) delete out.providerData;
  if (!out.displayData.description) out.displayData = { name: out.displayData.name };
  return out;
}

function normFilter(f: Filter): Filter {
  const { filterId: _id, effectiveWeight: _w, ...rest } = normCommon(f);
  const out: Filter = { ...rest, flags: f.flags & ~FILTER_DISABLED };
  // rawContext and providerContextKey share a union: only the arm the flag selects is meaningful.
  if (f.flags & HAS_CONTEXT) delete out.rawContext;
  else {
    delete out.providerContextKey;
    out.rawContext = f.rawContext ?? 0n;
  }
  return out;
}

const FILTER_FIELDS = new Set([
  "filterKey",
  "displayData",
  "flags",
  "providerKey",
  "providerData",
  "layerKey",
  "subLayerKey",
  "weight",
  "filterCondition",
  "action",
  "rawContext",
  "providerContextKey",
  "filterId",
  "effectiveWeight",
]);

const blobOrEmpty = (b: Uint8Array | undefined) => (b && b.length ? b : undefined);

/**
 * Allocation-free "equal under the planner's rules" for filters, the bulk of every plan. Only a sufficient
 * test: anything it does not recognise falls back to the general comparison.
 */
function filtersEqual(c: Filter, d: Filter): boolean {
  for (const k in c) if (!FILTER_FIELDS.has(k)) return false;
  for (const k in d) if (!FILTER_FIELDS.has(k)) return false;
  if (((c.flags ^ d.flags) & ~FILTER_DISABLED) !== 0) return false;
  const ctx = (d.flags & HAS_CONTEXT) !== 0;
  return c.filterKey === d.filterKey && c.displayData.name === d.displayData.name &&
    (c.displayData.description || undefined) === (d.displayData.description || undefined) &&
    c.providerKey === d.providerKey && c.layerKey === d.layerKey && c.subLayerKey === d.subLayerKey &&
    deepEqual(blobOrEmpty(c.providerData), blobOrEmpty(d.providerData)) && deepEqual(c.weight, d.weight) &&
    deepEqual(c.action, d.action) && deepEqual(c.filterCondition, d.filterCondition) &&
    (ctx ? c.providerContextKey === d.providerContextKey : (c.rawContext ?? 0n) === (d.rawContext ?? 0n));
}

/** The fields a partially decoded context (netsh dump) can be compared on. */
function contextHeader(c: ProviderContext): Partial<ProviderContext> {
  const n = normCommon(c);
  return {
    providerContextKey: n.providerContextKey,
    displayData: n.displayData,
    flags: n.flags,
    providerKey: n.providerKey,
    providerData: n.providerData,
    type: n.type,
  };
}

function compareContexts(cur: ProviderContext, des: ProviderContext): FieldDiff[] {
  const adopted = adoptUnverifiableSecrets(cur.providerData, des.providerData);
  if (adopted) des = { ...des, providerData: adopted };
  if ((cur as unknown as Record<symbol, unknown>)[PARTIAL]) {
    return diffFields(contextHeader(cur), contextHeader(des));
  }
  return diffFields(normContext(cur), normContext(des));
}

function blankPsk(
  methods: IkeextAuthenticationMethod2[] | undefined,
): IkeextAuthenticationMethod2[] | undefined {
  if (!methods) return methods;
  return methods.map((m) =>
    m.authenticationMethodType === PSK && m.presharedKeyAuthentication
      ? {
        ...m,
        presharedKeyAuthentication: { ...m.presharedKeyAuthentication, presharedKey: new Uint8Array() },
      }
      : m
  );
}

/** A context with engine-assigned ids dropped and pre-shared key bytes blanked (they compare by digest). */
export function normContext(c: ProviderContext): ProviderContext {
  const { providerContextId: _id, ...rest } = normCommon(c);
  const out: ProviderContext = { ...rest };
  for (const arm of ["ikeMmPolicy", "authIpMmPolicy", "ikeV2MmPolicy"] as const) {
    const p = out[arm];
    if (p) out[arm] = { ...p, authenticationMethods: blankPsk(p.authenticationMethods)! };
  }
  for (const arm of ["ikeQmTransportPolicy", "authipQmTransportPolicy", "ikeV2QmTransportPolicy"] as const) {
    const p = out[arm];
    if (p?.emPolicy) {
      out[arm] = {
        ...p,
        emPolicy: { ...p.emPolicy, authenticationMethods: blankPsk(p.emPolicy.authenticationMethods)! },
      };
    }
  }
  return out;
}

/** Human reason for a list of differing fields; blob values (providerData, keys) are never printed. */
export function describeDiffs(diffs: FieldDiff[]): string {
  const parts: string[] = [];
  for (const d of diffs) {
    if (/(^|\.)providerData$/.test(d.path)) {
      parts.push(describeMetaDiff(d));
      continue;
    }
    const show = (v: unknown) =>
      v === undefined
        ? "absent"
        : typeof v === "string"
        ? JSON.stringify(v)
        : typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
        ? String(v)
        : v instanceof Uint8Array
        ? `${v.length} bytes`
        : "…";
    const ip = /v4AddrMask\.(addr|mask)$|V4Address$/.test(d.path);
    const fmt = (
      v: unknown,
    ) => (ip && typeof v === "number" ? [24, 16, 8, 0].map((b) => (v >>> b) & 255).join(".") : show(v));
    parts.push(`${d.path}: ${fmt(d.current)} -> ${fmt(d.desired)}`);
  }
  return [...new Set(parts)].join("; ");
}

function describeMetaDiff(d: FieldDiff): string {
  const a = readMeta(d.current as Uint8Array | undefined) ?? {};
  const b = readMeta(d.desired as Uint8Array | undefined) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (!keys.length) return "providerData differs";
  return [
    ...new Set(
      keys.filter((k) => k !== "contentSha256" || keys.length === 1).map((k) =>
        k === "contentSha256"
          ? "policy content changed"
          : k === "secretSha256"
          ? "pre-shared key changed"
          : k === "manualSaSha256"
          ? "manual SA key, SPI or transform changed"
          : k === "tunnelSha256" || k === "tunnel"
          ? "tunnel definition (flags, traffic conditions or keying module) changed"
          : `providerData.${k} changed`
      ),
    ),
  ].join("; ");
}

/** Drops a providerData difference that only restates other differences (the content digest). */
function pruneDiffs(diffs: FieldDiff[]): FieldDiff[] {
  const isPd = (d: FieldDiff) => /(^|\.)providerData$/.test(d.path);
  if (!diffs.some((d) => !isPd(d))) return diffs;
  return diffs.filter((d) => {
    if (!isPd(d)) return true;
    const a = readMeta(d.current as Uint8Array | undefined) ?? {},
      b = readMeta(d.desired as Uint8Array | undefined) ?? {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) =>
      JSON.stringify(a[k]) !== JSON.stringify(b[k])
    );
    return keys.some((k) => k !== "contentSha256");
  });
}

function fieldPaths(diffs: FieldDiff[]): string[] {
  return [...new Set(diffs.map((d) => d.path.replace(/\.length$/, "")))];
}

// ---- the planner ----

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
      changes.push({
        action: "replace",
        kind,
        key,
        name,
        ...(layer ? { layer } : {}),
        reason: describeDiffs(diffs) + (cascade ? `; ${cascade}` : ""),
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

  // Sublayers.
  const sublayerStart = changes.length;
  const replacedSublayers = new Set<Guid>();
  const desSub = g.sublayer;
  for (const s of sortByKey(current.sublayers, (s) => s.subLayerKey)) {
    if (s.subLayerKey === desSub.subLayerKey) {
      if (
        replaceOrKeep(
          "sublayer",
          s.subLayerKey,
          desSub.displayData.name,
          s,
          desSub,
          diffFields(normCommon(s), normCommon(desSub)),
          providerCascade,
        )
      ) {
        replacedSublayers.add(s.subLayerKey);
      }
    } else {
      changes.push({
        action: "delete",
        kind: "sublayer",
        key: s.subLayerKey,
        name: s.displayData.name,
        reason: "not in the policy",
        current: s,
      });
    }
  }
  if (!current.sublayers.some((s) => s.subLayerKey === desSub.subLayerKey)) {
    changes.push({
      action: "add",
      kind: "sublayer",
      key: desSub.subLayerKey,
      name: desSub.displayData.name,
      reason: "not in the engine",
      desired: desSub,
    });
  }
  sortSection(changes, sublayerStart);

  // Tunnel parts: contexts that belong to a desired or current tunnel are handled as tunnels.
  const curCtx = new Map(current.providerContexts.map((c) => [c.providerContextKey, c]));
  const tunnelPartKeys = new Set<Guid>();
  const desiredTunnels = new Map<Guid, Tunnel>();
  for (const t of g.tunnels) {
    desiredTunnels.set(t.tunnelPolicy.providerContextKey, t);
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

  // Provider contexts (not tunnel parts).
  const replacedContexts = new Set<Guid>();
  const desCtx = new Map(g.providerContexts.map((c) => [c.providerContextKey, c]));
  for (const key of [...new Set([...curCtx.keys(), ...desCtx.keys()])].sort()) {
    if (tunnelPartKeys.has(key)) continue;
    const c = curCtx.get(key), d = desCtx.get(key);
    if (c && !d) {
      changes.push({
        action: "delete",
        kind: "providerContext",
        key,
        name: c.displayData.name,
        reason: "not in the policy",
        current: c,
      });
      replacedContexts.add(key);
    } else if (!c && d) {
      changes.push({
        action: "add",
        kind: "providerContext",
        key,
        name: d.displayData.name,
        reason: "not in the engine",
        desired: d,
      });
    } else if (c && d) {
      if (
        replaceOrKeep(
          "providerContext",
          key,
          d.displayData.name,
          c,
          d,
          compareContexts(c, d),
          providerCascade,
        )
      ) {
        replacedContexts.add(key);
      }
    }
  }

  // Filters (engine-instantiated tunnel filters are part of their tunnel, not ours to diff).
  // Changes go out in kind then key order. Each section is built in key order (small sections are sorted
  // where they end), so tens of thousands of filter changes need no sort of their own: the desired and the
  // current filters are each put in key order and merged, with no per-key map look-up.
  // What the merge reads was copied out by prepareGraph in one front-to-back pass over the objects, so
  // walking 50,000 filters in key order touches arrays, not scattered objects.
  const des = g.filters, cur = current.filters;
  const { keys: desKeys, names: desNames, layers: desLayers } = prepared.filterIndex;
  const curKeys = cur.map((f) => f.filterKey);
  const desOrder = keyOrder(desKeys), curOrder = keyOrder(curKeys);
  for (let i = 0, j = 0; i < des.length || j < cur.length;) {
    const di = desOrder[i], cj = curOrder[j];
    const dk: Guid | undefined = desKeys[di], ck: Guid | undefined = curKeys[cj];
    // A key listed twice counts once, as its last entry (like a map keyed by filterKey).
    if (dk !== undefined && i + 1 < des.length && desKeys[desOrder[i + 1]] === dk) {
      i++;
      continue;
    }
    if (ck !== undefined && j + 1 < cur.length && curKeys[curOrder[j + 1]] === ck) {
      j++;
      continue;
    }
    const order = dk === undefined ? 1 : ck === undefined ? -1 : cmp(dk, ck);
    let d: Filter | undefined, c: Filter | undefined;
    if (order < 0) {
      i++;
    } else if (order > 0) {
      j++;
      c = cur[cj];
      if (c.providerContextKey && tunnelPartKeys.has(c.providerContextKey)) continue;
    } else {
      i++;
      j++;
      c = cur[cj];
      d = des[di];
    }
    if (order < 0) {
      changes.push({
        action: "add",
        kind: "filter",
        key: dk!,
        name: desNames[di],
        layer: desLayers[di],
        reason: "not in the engine",
        desired: des[di],
        graphIndex: di,
      });
      continue;
    }
    const key = ck!;
    if (c && !d) {
      changes.push({
        action: "delete",
        kind: "filter",
        key,
        name: c.displayData.name,
        layer: c.layerKey,
        reason: "not in the policy",
        current: c,
      });
    } else if (c && d) {
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
        filtersEqual(c, d) ? [] : diffFields(normFilter(c), normFilter(d)),
        cascade,
        d.layerKey,
      );
      if (replaced) changes[changes.length - 1].graphIndex = di;
    }
  }

  // Tunnels, identified by their QM context key.
  const curTun = new Map(currentTunnelQm.map((c) => [c.providerContextKey, c]));
  for (const key of [...new Set([...curTun.keys(), ...desiredTunnels.keys()])].sort()) {
    const c = curTun.get(key), d = desiredTunnels.get(key);
    if (c && !d) {
      const mm = readMeta(c.providerData)?.tunnelMainModeKey;
      changes.push({
        action: "delete",
        kind: "tunnel",
        key,
        name: c.displayData.name,
        reason: "not in the policy",
        current: c,
        ...(typeof mm === "string" ? { tunnelMainModeKey: mm } : {}),
      });
    } else if (!c && d) {
      changes.push({
        action: "add",
        kind: "tunnel",
        key,
        name: d.tunnelPolicy.displayData.name,
        reason: "not in the engine",
        desired: d,
      });
    } else if (c && d) {
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
      replaceOrKeep("tunnel", key, d.tunnelPolicy.displayData.name, c, d, diffs, providerCascade);
      const last = changes[changes.length - 1];
      if (last?.kind === "tunnel" && last.key === key && last.action === "replace") {
        const mm = readMeta(c.providerData)?.tunnelMainModeKey;
        if (typeof mm === "string") last.tunnelMainModeKey = mm;
      }
    }
  }

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
  return { providerKey, inSync: changes.length === 0, changes, summary, secrets: prepared.secrets };
}

/** prepare + read + diff in one call: the plan for `graph` against `engine`. */
export function planGraph(graph: ObjectGraph, engine: Engine, opts: PlanOptions = {}): Plan {
  const prepared = prepareGraph(graph, engine, opts);
  return diffGraph(prepared, readCurrent(engine, graph.provider.providerKey, graph.sublayer.subLayerKey));
}

/** The printable part of a change (drops the objects and secrets apply uses). */
export function publicChange(c: PlannedChange): Change {
  const out: Change = { action: c.action, kind: c.kind, key: c.key, name: c.name, reason: c.reason };
  if (c.layer) out.layer = c.layer;
  if (c.fields) out.fields = c.fields;
  return out;
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
