/**
 * Apply: make the engine hold exactly the policy's objects, in ONE engine transaction.
 *
 * The plan is computed first without a transaction; when it is empty nothing else is called, so re-applying
 * an applied policy changes nothing (not even a commit). Otherwise a transaction is opened, the current
 * state is read again inside it (the plan executed is the one the lock protects), and the changes run in
 * dependency order: deletes (filters, tunnels, provider contexts, sublayers, provider), then adds (provider,
 * sublayer, provider contexts, filters, tunnels). Any failure aborts the transaction, so nothing changes, and
 * the error names the object and the FWP_E_* code. Pre-shared keys are put into the structures only here,
 * right before the add call, and never into anything returned.
 *
 * Manual SAs: IPsecSaContext* calls cannot run inside a transaction (FWP_E_TXN_IN_PROGRESS), so they run
 * after the filter transaction commits (they need the new filters' ids): new SA contexts are created first,
 * then the stale ones are deleted. If any SA call fails, the SA contexts this apply created are deleted and
 * a compensating transaction undoes the filter transaction, so "on any failure nothing changes" holds.
 */
import type { Engine, IpsecSa0, IpsecSaBundle1, IpsecTraffic1, SaContextOps } from "../engine/mod.ts";
import type {
  Guid,
  IkeextAuthenticationMethod2,
  ManualSa,
  ObjectGraph,
  ProviderContext,
  Tunnel,
} from "../graph/mod.ts";
import type { Filter, Provider, Sublayer } from "../graph/mod.ts";
import { ENUMS } from "../../ffi/constants.ts";
import { cipherKeyLength, gcmKeyLength } from "../graph/mod.ts";
import {
  ApplyError,
  describeWfp,
  type ObjectRef,
  UnsupportedPolicyError,
  wfpCodeOf,
  WfpError,
} from "../errors.ts";
import {
  diffGraph,
  type Plan,
  type PlannedChange,
  type PlanOptions,
  prepareGraph,
  readCurrent,
  saContextsOfFilters,
  type SecretValues,
  TUNNEL_QM_TYPES,
} from "../plan/mod.ts";
import { readMeta } from "../graph/mod.ts";
import { type CommitRecord, compensate, recordCommit, retryOnTimeout } from "./compensate.ts";
import { deepEqual } from "../plan/mod.ts";
import type { SaPhaseJournal } from "./journal.ts";

/** Outcome of `applyGraph`. */
export interface ApplyResult {
  /** `applied` when changes were committed, `in-sync` when there was nothing to do. */
  outcome: "applied" | "in-sync";
  /** The plan that was executed (or found empty). */
  plan: Plan;
  /** Wall time of plan plus apply, in milliseconds. */
  durationMs: number;
}

/** Options of `applyGraph`. */
export interface ApplyOptions extends PlanOptions {
  /** Called with the fresh plan inside the transaction, before any change (e.g. for logging). */
  onPlan?: (plan: Plan) => void;
  /** Where a plan with manual SA changes records its SA phase (journal.ts), so an interrupted one is found. */
  journal?: SaPhaseJournal;
  /** How long timed-out SA deletions and the compensating transaction are retried (default 10 s and 30 s). */
  retryDeadlineMs?: number;
  /** Called once the plan's changes ran, before they commit (inside the transaction; before the SA calls). */
  onExecuted?: (plan: Plan) => void;
}

const PSK = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY;

/** Plans and applies `graph`; throws ApplyError (nothing changed) when any engine call fails. */
export function applyGraph(engine: Engine, graph: ObjectGraph, opts: ApplyOptions = {}): ApplyResult {
  const t0 = performance.now();
  if (graph.manualSas.length && !engine.sa) {
    throw new UnsupportedPolicyError(
      `manual SAs (${
        graph.manualSas.map((m) => m.name).join(", ")
      }) need a live engine with IPsec SA contexts (${engine.info.description} has none); nothing changed`,
    );
  }
  const prepared = prepareGraph(graph, engine, opts);
  const providerKey = graph.provider.providerKey, sublayerKey = graph.sublayer.subLayerKey;
  const seen = readCurrent(engine, providerKey, sublayerKey);
  const first = diffGraph(prepared, seen);
  if (first.inSync) return { outcome: "in-sync", plan: first, durationMs: performance.now() - t0 };
  const hasSa = (p: Plan) => p.changes.some((c) => c.kind === "manualSa");
  const hasOther = (p: Plan) => p.changes.some((c) => c.kind !== "manualSa");
  let plan = first;
  let commit: CommitRecord | undefined;
  // The record goes down before the first change of a plan with an SA phase (journal.ts).
  let journal = hasSa(first) ? opts.journal : undefined;
  journal?.begin(first);
  if (hasOther(first)) {
    try {
      plan = engine.transaction(() => {
        // Re-read under the transaction's lock: the plan executed must be the one for the state it changes.
        // When nothing moved since the first read (the usual case), that plan is reused.
        const now = readCurrent(engine, providerKey, sublayerKey);
        const p = deepEqual(now, seen) ? first : diffGraph(prepared, now);
        if (hasSa(p)) refuseUncompensable(p);
        opts.onPlan?.(p);
        executePlan(engine, p);
        opts.onExecuted?.(p);
        // The ids the engine gave this commit, so compensation can tell it from a later one.
        if (hasSa(p)) commit = recordCommit(engine, p);
        return p;
      });
    } catch (e) {
      journal?.unchanged(); // the transaction aborted: nothing changed
      throw e;
    }
    if (commit && !journal && opts.journal) {
      // The plan re-read inside the transaction gained an SA phase: recorded now, before it starts.
      journal = opts.journal;
      journal.begin(plan);
    }
    try {
      if (commit) journal?.committed(plan);
    } catch { /* the record from begin() stands: it still says an apply is under way */ }
  } else {
    opts.onPlan?.(first);
    opts.onExecuted?.(first);
  }
  if (hasSa(plan)) {
    let undone: boolean | null = null, clean = false;
    try {
      try {
        executeManualSas(engine.sa!, engine, plan, journal, opts.retryDeadlineMs);
      } catch (e) {
        // executeManualSas said what became of the SA contexts it created; undo the filter transaction
        // while the engine still holds it (compensate.ts), and say what the engine holds now.
        clean = e instanceof ManualSaError && e.clean;
        const onOutcome = (u: boolean) => undone = u;
        if (commit && e instanceof ApplyError) {
          compensate(engine, plan, commit, e, { clean, onOutcome, deadlineMs: opts.retryDeadlineMs });
        }
        if (clean && e instanceof ManualSaError) {
          throw new ApplyError(`${(e as Error).message}; nothing changed`, e.object, e.wfp, { cause: e });
        }
        throw e;
      }
    } catch (e) {
      // Nothing changed: the record goes. Anything else left behind stays recorded for the next run.
      if (clean && (!commit || undone)) journal?.unchanged();
      else journal?.failed((e as Error)?.message ?? String(e), undone);
      throw e;
    }
    journal?.done();
  } else if (journal) journal.done(); // the re-read plan had no SA phase left
  return { outcome: plan.inSync ? "in-sync" : "applied", plan, durationMs: performance.now() - t0 };
}

/**
 * The compensating transaction re-adds deleted and replaced objects from their decoded form; a tunnel
 * cannot be re-added from its decoded contexts, so a plan that must also create SA contexts may not delete
 * or replace a tunnel in the same apply.
 */
function refuseUncompensable(p: Plan): void {
  const t = p.changes.find((c) => c.kind === "tunnel" && c.action !== "add");
  if (t) {
    throw new UnsupportedPolicyError(
      `this apply would ${t.action} tunnel "${t.name}" and create manual SAs; the tunnel could not be restored ` +
        `if an SA call failed, so apply the tunnel change first (without the manual SA change); nothing changed`,
    );
  }
}

/** IPSEC_TRAFFIC1 (transport) for one direction of a manual SA on the filter with `filterId`. */
export function saTraffic(m: ManualSa, filterId: bigint): IpsecTraffic1 {
  const rest = {
    trafficType: ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TRANSPORT,
    ipsecFilterId: filterId,
    remotePort: 0,
    localPort: 0,
    ipProtocol: 0,
    localIfLuid: 0n,
    realIfProfileId: 0,
  } as const;
  const t = m.traffic;
  // The address family arm follows the compiled traffic (IPSEC_TRAFFIC1's address union).
  return "localV4Address" in t
    ? { ipVersion: ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4, ...t, ...rest }
    : { ipVersion: ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V6, ...t, ...rest };
}

/**
 * IPSEC_SA_BUNDLE1.qmSaId of a pair: the same on both hosts and in both bundles, different between pairs
 * (the IPSEC_SA_BUNDLE1 documentation). The peer's policy has the SPIs swapped, so it is derived from the two
 * SPIs symmetrically.
 */
export function qmSaIdOf(m: ManualSa): number {
  const lo = Math.min(m.inbound.spi, m.outbound.spi) >>> 0,
    hi = Math.max(m.inbound.spi, m.outbound.spi) >>> 0;
  return (lo ^ ((hi << 13) | (hi >>> 19))) >>> 0 || 1;
}

/** IPSEC_SA_BUNDLE1 with one SA for a manual SA direction and its key (cipher key first for ESP auth+cipher). */
export function saBundle(m: ManualSa, d: ManualSa["inbound"], key: Uint8Array): IpsecSaBundle1 {
  const TT = ENUMS.IPSEC_TRANSFORM_TYPE;
  const auth = (k: Uint8Array) => ({
    authTransform: { authTransformId: { ...d.authTransformId! } },
    authKey: k,
  });
  const cipher = (k: Uint8Array) => ({
    cipherTransform: { cipherTransformId: { ...d.cipherTransformId! } },
    cipherKey: k,
  });
  const spi = d.spi;
  let sa: IpsecSa0;
  switch (d.transformType) {
    case TT.IPSEC_TRANSFORM_AH:
      sa = { spi, saTransformType: d.transformType, ahInformation: auth(key) };
      break;
    case TT.IPSEC_TRANSFORM_ESP_AUTH:
      sa = { spi, saTransformType: d.transformType, espAuthInformation: auth(key) };
      break;
    case TT.IPSEC_TRANSFORM_ESP_AUTH_FW:
      sa = { spi, saTransformType: d.transformType, espAuthFwInformation: auth(key) };
      break;
    case TT.IPSEC_TRANSFORM_ESP_CIPHER:
      sa = { spi, saTransformType: d.transformType, espCipherInformation: cipher(key) };
      break;
    case TT.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: {
      const both = (information: IpsecSa0["espAuthAndCipherInformation"] & object): IpsecSa0 => ({
        spi,
        saTransformType: TT.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
        espAuthAndCipherInformation: information,
      });
      if (gcmKeyLength(d.cipherTransformId?.cipherConfig) !== undefined) {
        // RFC 4106 keying material (key + salt) as both the cipher and the GMAC key (saKeys.ts).
        sa = both({ saCipherInformation: cipher(key), saAuthInformation: auth(key) });
        break;
      }
      const cl = cipherKeyLength(d.cipherTransformId!.cipherType) ?? key.length >> 1;
      sa = both({
        saCipherInformation: cipher(key.subarray(0, cl)),
        saAuthInformation: auth(key.subarray(cl)),
      });
      break;
    }
    default:
      throw new UnsupportedPolicyError(`manual SA ${m.name}: unknown transform type ${d.transformType}`);
  }
  return {
    flags: 0,
    lifetime: { lifetimeSeconds: 0, lifetimeKilobytes: 0, lifetimePackets: 0 },
    idleTimeoutSeconds: 0,
    ndAllowClearTimeoutSeconds: 0,
    napContext: 0,
    qmSaId: qmSaIdOf(m),
    saList: [sa],
    ...(m.ipVersion === ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4
      ? { ipVersion: m.ipVersion, peerV4PrivateAddress: 0 }
      : { ipVersion: m.ipVersion }),
    mmSaId: 0n,
    pfsGroup: 0,
    saLookupContext: "00000000-0000-0000-0000-000000000000",
    qmFilterId: 0n,
  };
}

/**
 * Creates the SA pairs of a plan (Create -> GetSpi -> AddInbound -> AddOutbound), then deletes the stale SA
 * contexts. On a failure, deletes the SA contexts it created and throws an ApplyError naming the SA pair.
 */
export function executeManualSas(
  sa: SaContextOps,
  engine: Engine,
  plan: Plan,
  journal?: SaPhaseJournal,
  retryMs = 10_000,
): void {
  const created: bigint[] = [], deletedStale: bigint[] = [];
  const saChanges = plan.changes.filter((c) => c.kind === "manualSa");
  let current: PlannedChange | undefined;
  try {
    for (const c of saChanges) {
      if (c.action === "delete" || !c.manualSa) continue;
      current = c;
      const m = c.manualSa;
      const fo = engine.getFilter(m.outboundFilterKey), fi = engine.getFilter(m.inboundFilterKey);
      if (fo?.filterId === undefined || fi?.filterId === undefined) {
        throw new UnsupportedPolicyError(`manual SA ${m.name}: its filters are not in the engine`);
      }
      // The inbound filter id is an output of IPsecSaContextCreate1 (0 when BFE has none cached): ours is fi.
      journal?.creating(m.name);
      const id = sa.createSaContext(saTraffic(m, fo.filterId));
      created.push(id);
      journal?.created(id);
      reserveInboundSpi(sa, id, m, fi.filterId);
      // Keys go into the bundle only here, right before the call.
      sa.addSaContextInbound(id, saBundle(m, m.inbound, secretOf(plan, m.inbound.keyRef)));
      sa.addSaContextOutbound(id, saBundle(m, m.outbound, secretOf(plan, m.outbound.keyRef)));
    }
    for (const c of saChanges) {
      current = c;
      for (const id of c.saContextIds ?? []) {
        sa.deleteSaContext(id);
        deletedStale.push(id);
        journal?.deleted(id);
      }
    }
  } catch (e) {
    // Another session holding the engine makes these calls time out: retried until a deadline, and the
    // ones that still fail are named rather than claimed deleted.
    const left: string[] = [];
    for (const id of created.reverse()) {
      try {
        retryOnTimeout(() => sa.deleteSaContext(id), retryMs);
        try {
          journal?.deleted(id);
        } catch { /* a recorded id that is gone is skipped when the record is finished */ }
      } catch (d) {
        left.push(`${id} (${(d as Error)?.message ?? d})`);
      }
    }
    const c = current!;
    if (e instanceof ApplyError) throw e;
    const wfp = wfpCodeOf(e);
    const op = e instanceof WfpError ? e.operation : "SA context call";
    throw new ManualSaError(
      `${op} for manual SA "${c.name}" failed: ${wfp ? describeWfp(wfp) : (e as Error)?.message ?? e}; ` +
        (left.length
          ? `the SA context(s) this apply created could NOT be deleted: ${left.join(", ")}`
          : `the SA contexts this apply created were deleted`) +
        (deletedStale.length ? `; ${deletedStale.length} stale SA context(s) had already been deleted` : ""),
      { kind: "manualSa", key: c.key, name: c.name },
      wfp,
      !left.length && !deletedStale.length,
      e,
    );
  }
}

/** A failed SA phase; `clean` when every SA context is as before the SA phase started. */
export class ManualSaError extends ApplyError {
  /** Wraps the failed SA call `cause`. */
  constructor(
    message: string,
    object: ObjectRef,
    wfp: ReturnType<typeof wfpCodeOf>,
    readonly clean: boolean,
    cause: unknown,
  ) {
    super(message, object, wfp, { cause });
  }
}

/**
 * Reserves the policy's inbound SPI for the SA context with IPsecSaContextSetSpi0. Both hosts of a manual SA
 * pair are keyed by hand, so the SPI is the one the peer's policy sends with: an SPI that GetSpi1 chose would
 * be unknown to the peer, and the engine refuses an inbound SA whose SPI is not the reserved one.
 */
function reserveInboundSpi(sa: SaContextOps, id: bigint, m: ManualSa, inboundFilterId: bigint): void {
  sa.setSaContextSpi(id, saTraffic(m, inboundFilterId), m.inbound.spi);
}

function secretOf(plan: Plan, keyRef: string): Uint8Array {
  const v = plan.secrets.get(keyRef);
  if (!v) throw new UnsupportedPolicyError(`manual SA key ${keyRef} was not resolved`);
  return v;
}

/** Runs a plan's changes in dependency order. Call inside `engine.transaction`. */
export function executePlan(engine: Engine, plan: Plan): void {
  // One pass sorts the changes by kind; a replace is a delete and then an add.
  const dels = byKind(), adds = byKind();
  for (const c of plan.changes) {
    if (c.action !== "add") dels[c.kind].push(c);
    if (c.action !== "delete") adds[c.kind].push(c);
  }
  const run = (list: PlannedChange[], fn: (c: PlannedChange) => unknown) => {
    for (const c of list) {
      try {
        fn(c);
      } catch (e) {
        throw wrapChange(e, c);
      }
    }
  };
  run(dels.filter, (c) => engine.deleteFilter(c.key));
  run(dels.tunnel, (c) => deleteTunnel(engine, c.key, c.tunnelMainModeKey));
  run(dels.providerContext, (c) => engine.deleteProviderContext(c.key));
  run(dels.sublayer, (c) => engine.deleteSublayer(c.key));
  run(dels.provider, (c) => engine.deleteProvider(c.key));

  run(adds.provider, (c) => engine.addProvider(c.desired as Provider));
  run(adds.sublayer, (c) => engine.addSublayer(c.desired as Sublayer));
  run(
    adds.providerContext,
    (c) => engine.addProviderContext(withSecrets(c.desired as ProviderContext, plan.secrets)),
  );
  // Filters in graph order, from objects collected in one pass (see inGraphOrder).
  const { changes: filterAdds, objects: filterObjects } = inGraphOrder(adds.filter);
  for (let k = 0; k < filterObjects.length; k++) {
    try {
      engine.addFilter(filterObjects[k] as Filter);
    } catch (e) {
      throw wrapChange(e, filterAdds[k]);
    }
  }
  run(adds.tunnel, (c) => {
    const t = c.desired as Tunnel;
    engine.addTunnel({
      ...t,
      mainModePolicy: t.mainModePolicy ? withSecrets(t.mainModePolicy, plan.secrets) : undefined,
      tunnelPolicy: withSecrets(t.tunnelPolicy, plan.secrets),
    });
  });
}

/**
 * Changes in the order of their objects in the graph (PlannedChange.graphIndex; others after them), with
 * their desired objects alongside. The changes were allocated in key order, the objects in graph order: one
 * pass over the changes in their own order collects the objects, so that adding then reads the objects front
 * to back instead of following 50,000 pointers in random order (measured: ~20% of the add time).
 */
function inGraphOrder(list: PlannedChange[]): { changes: PlannedChange[]; objects: unknown[] } {
  let max = -1;
  for (const c of list) if (c.graphIndex !== undefined && c.graphIndex > max) max = c.graphIndex;
  if (max < 0 || max > 4 * list.length + 1024) { // no positions, or too sparse to place
    return { changes: list, objects: list.map((c) => c.desired) };
  }
  // Placed by position (no sort): pre-sized arrays keep fast elements whatever the order of writes.
  const placed = new Array<PlannedChange | undefined>(max + 1).fill(undefined);
  const placedObjects = new Array<unknown>(max + 1).fill(undefined);
  const rest: PlannedChange[] = [];
  for (const c of list) {
    if (c.graphIndex === undefined || placed[c.graphIndex] !== undefined) rest.push(c);
    else {
      placed[c.graphIndex] = c;
      placedObjects[c.graphIndex] = c.desired;
    }
  }
  const changes: PlannedChange[] = [], objects: unknown[] = [];
  for (let i = 0; i <= max; i++) {
    const c = placed[i];
    if (c === undefined) continue;
    changes.push(c);
    objects.push(placedObjects[i]);
  }
  for (const c of rest) {
    changes.push(c);
    objects.push(c.desired);
  }
  return { changes, objects };
}

function byKind(): Record<PlannedChange["kind"], PlannedChange[]> {
  return { provider: [], sublayer: [], providerContext: [], filter: [], tunnel: [], manualSa: [] };
}

/** Deletes a tunnel and, when the engine left it behind, the main-mode context it was added with. */
function deleteTunnel(engine: Engine, qmKey: Guid, mmKey: Guid | undefined): void {
  engine.deleteTunnel(qmKey);
  if (mmKey && engine.getProviderContext(mmKey)) engine.deleteProviderContext(mmKey);
}

function wrapChange(e: unknown, c: PlannedChange): ApplyError {
  return wrap(e, c.action, { kind: c.kind, key: c.key, name: c.name });
}

function wrap(e: unknown, verb: string, object: ObjectRef): ApplyError {
  if (e instanceof ApplyError) return e;
  const wfp = wfpCodeOf(e);
  const what = wfp ? describeWfp(wfp) : (e as Error)?.message ?? String(e);
  return new ApplyError(
    `${verb} ${object.kind} ${object.key} "${object.name}" failed: ${what}; the transaction was aborted, nothing changed`,
    object,
    wfp,
    { cause: e },
  );
}

/** A copy of a context with its pre-shared keys filled in from the resolved secrets. */
function withSecrets(c: ProviderContext, secrets: SecretValues): ProviderContext {
  if (!secrets.size) return c;
  const fill = (methods: IkeextAuthenticationMethod2[]) =>
    methods.map((m, i) => {
      const v = secrets.get(`${c.providerContextKey}/${i}`);
      if (!v || m.authenticationMethodType !== PSK) return m;
      return {
        ...m,
        presharedKeyAuthentication: { flags: m.presharedKeyAuthentication?.flags ?? 0, presharedKey: v },
      };
    });
  const out: ProviderContext = { ...c };
  for (const arm of ["ikeMmPolicy", "authIpMmPolicy", "ikeV2MmPolicy"] as const) {
    const p = out[arm];
    if (p) out[arm] = { ...p, authenticationMethods: fill(p.authenticationMethods) };
  }
  return out;
}

/** Counts of what `removeOwned` deleted. */
export interface RemoveResult {
  /** Filters deleted. */
  filters: number;
  /** Provider contexts deleted. */
  providerContexts: number;
  /** Tunnels deleted (FwpmIPsecTunnelDeleteByKey0). */
  tunnels: number;
  /** Sublayers deleted. */
  sublayers: number;
  /** Providers deleted (0 or 1). */
  providers: number;
  /** Manual SA contexts deleted (present only when there were some). */
  saContexts?: number;
}

/**
 * Deletes every object owned by `providerKey`, and the provider, in one transaction (nothing when there is
 * nothing of ours, so a second `remove` makes no state-changing call).
 */
export function removeOwned(engine: Engine, providerKey: Guid): RemoveResult {
  const res: RemoveResult = { filters: 0, providerContexts: 0, tunnels: 0, sublayers: 0, providers: 0 };
  const cur = readCurrent(engine, providerKey);
  // SA contexts on our filters go first (they cannot be deleted inside the transaction, and must not
  // outlive the filters they use).
  const ids = new Set<bigint>();
  for (const f of cur.filters) if (f.filterId !== undefined) ids.add(f.filterId);
  const saCtx = engine.sa && cur.saContexts ? saContextsOfFilters(cur.saContexts, ids) : [];
  for (const c of saCtx) {
    try {
      engine.sa!.deleteSaContext(c.saContextId);
    } catch (e) {
      throw wrap(e, "delete", {
        kind: "manualSa",
        key: String(c.saContextId),
        name: `SA context ${c.saContextId}`,
      });
    }
  }
  if (saCtx.length) res.saContexts = saCtx.length;
  if (!cur.provider && !cur.sublayers.length && !cur.providerContexts.length && !cur.filters.length) {
    return res;
  }
  return engine.transaction(() => {
    const now = readCurrent(engine, providerKey);
    const tunnelQm = now.providerContexts.filter((c) => TUNNEL_QM_TYPES.has(c.type));
    const tunnelKeys = new Set<Guid>();
    for (const t of tunnelQm) {
      tunnelKeys.add(t.providerContextKey);
      const mm = readMeta(t.providerData)?.tunnelMainModeKey;
      if (typeof mm === "string") tunnelKeys.add(mm);
    }
    const ref = (kind: string, key: string, name: string): ObjectRef => ({ kind, key, name });
    const run = (o: ObjectRef, fn: () => void) => {
      try {
        fn();
      } catch (e) {
        throw wrap(e, "delete", o);
      }
    };
    for (const f of now.filters) {
      if (f.providerContextKey && tunnelKeys.has(f.providerContextKey)) continue;
      run(ref("filter", f.filterKey, f.displayData.name), () => engine.deleteFilter(f.filterKey));
      res.filters++;
    }
    for (const t of tunnelQm) {
      const mm = readMeta(t.providerData)?.tunnelMainModeKey;
      run(
        ref("tunnel", t.providerContextKey, t.displayData.name),
        () => deleteTunnel(engine, t.providerContextKey, typeof mm === "string" ? mm : undefined),
      );
      res.tunnels++;
    }
    // Tunnel filters the engine did not remove with the tunnel, then the remaining contexts.
    for (const f of engine.enumFilters({ providerKey })) {
      run(ref("filter", f.filterKey, f.displayData.name), () => engine.deleteFilter(f.filterKey));
      res.filters++;
    }
    for (const c of engine.enumProviderContexts({ providerKey })) {
      run(
        ref("providerContext", c.providerContextKey, c.displayData.name),
        () => engine.deleteProviderContext(c.providerContextKey),
      );
      res.providerContexts++;
    }
    for (const s of now.sublayers) {
      if (s.providerKey !== providerKey) continue;
      run(ref("sublayer", s.subLayerKey, s.displayData.name), () => engine.deleteSublayer(s.subLayerKey));
      res.sublayers++;
    }
    if (now.provider) {
      run(
        ref("provider", providerKey, now.provider.displayData.name),
        () => engine.deleteProvider(providerKey),
      );
      res.providers++;
    }
    return res;
  });
}
