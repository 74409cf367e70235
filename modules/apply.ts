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
 */
import type { Engine } from "./engine.ts";
import type { Guid, IkeextAuthenticationMethod2, ObjectGraph, ProviderContext, Tunnel } from "./graph.ts";
import type { Filter, Provider, Sublayer } from "./graph.ts";
import { ENUMS } from "../ffi/constants.ts";
import { ApplyError, describeWfp, type ObjectRef, UnsupportedPolicyError, wfpCodeOf } from "./errors.ts";
import {
  diffGraph,
  type Plan,
  type PlannedChange,
  type PlanOptions,
  prepareGraph,
  readCurrent,
  type SecretValues,
} from "./plan.ts";
import { readMeta } from "./meta.ts";
import { deepEqual } from "./diff.ts";

/** Outcome of `applyGraph`. */
export interface ApplyResult {
  outcome: "applied" | "in-sync";
  /** The plan that was executed (or found empty). */
  plan: Plan;
  durationMs: number;
}

/** Options of `applyGraph`. */
export interface ApplyOptions extends PlanOptions {
  /** Called with the fresh plan inside the transaction, before any change (e.g. for logging). */
  onPlan?: (plan: Plan) => void;
}

const PSK = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY;
const CT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
const TUNNEL_QM_TYPES: ReadonlySet<number> = new Set([
  CT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
]);

/** Plans and applies `graph`; throws ApplyError (nothing changed) when any engine call fails. */
export function applyGraph(engine: Engine, graph: ObjectGraph, opts: ApplyOptions = {}): ApplyResult {
  const t0 = performance.now();
  if (graph.manualSas.length) {
    // IPsecSaContext* must run outside any transaction, so they cannot share the all-or-nothing guarantee;
    // refuse rather than apply the SA filters without their SAs.
    throw new UnsupportedPolicyError(
      `manual SAs (${
        graph.manualSas.map((m) => m.name).join(", ")
      }) are not applied by this version of wfpsec; nothing changed`,
    );
  }
  const prepared = prepareGraph(graph, engine, opts);
  const providerKey = graph.provider.providerKey, sublayerKey = graph.sublayer.subLayerKey;
  const seen = readCurrent(engine, providerKey, sublayerKey);
  const first = diffGraph(prepared, seen);
  if (first.inSync) return { outcome: "in-sync", plan: first, durationMs: performance.now() - t0 };
  const plan = engine.transaction(() => {
    // Re-read under the transaction's lock: the plan executed must be the one for the state it changes.
    // When nothing moved since the first read (the usual case), that plan is reused.
    const now = readCurrent(engine, providerKey, sublayerKey);
    const p = deepEqual(now, seen) ? first : diffGraph(prepared, now);
    opts.onPlan?.(p);
    executePlan(engine, p);
    return p;
  });
  return { outcome: plan.inSync ? "in-sync" : "applied", plan, durationMs: performance.now() - t0 };
}

/** Runs a plan's changes in dependency order. Call inside `engine.transaction`. */
export function executePlan(engine: Engine, plan: Plan): void {
  const dels = plan.changes.filter((c) => c.action !== "add");
  const adds = plan.changes.filter((c) => c.action !== "delete");
  const of = (xs: PlannedChange[], kind: PlannedChange["kind"]) => xs.filter((c) => c.kind === kind);

  for (const c of of(dels, "filter")) call(c, () => engine.deleteFilter(c.key));
  for (const c of of(dels, "tunnel")) call(c, () => deleteTunnel(engine, c.key, c.tunnelMainModeKey));
  for (const c of of(dels, "providerContext")) call(c, () => engine.deleteProviderContext(c.key));
  for (const c of of(dels, "sublayer")) call(c, () => engine.deleteSublayer(c.key));
  for (const c of of(dels, "provider")) call(c, () => engine.deleteProvider(c.key));

  for (const c of of(adds, "provider")) call(c, () => engine.addProvider(c.desired as Provider));
  for (const c of of(adds, "sublayer")) call(c, () => engine.addSublayer(c.desired as Sublayer));
  for (const c of of(adds, "providerContext")) {
    call(c, () => engine.addProviderContext(withSecrets(c.desired as ProviderContext, plan.secrets)));
  }
  for (const c of of(adds, "filter")) call(c, () => engine.addFilter(c.desired as Filter));
  for (const c of of(adds, "tunnel")) {
    const t = c.desired as Tunnel;
    call(c, () =>
      engine.addTunnel({
        ...t,
        mainModePolicy: t.mainModePolicy ? withSecrets(t.mainModePolicy, plan.secrets) : undefined,
        tunnelPolicy: withSecrets(t.tunnelPolicy, plan.secrets),
      }));
  }
}

/** Deletes a tunnel and, when the engine left it behind, the main-mode context it was added with. */
function deleteTunnel(engine: Engine, qmKey: Guid, mmKey: Guid | undefined): void {
  engine.deleteTunnel(qmKey);
  if (mmKey && engine.getProviderContext(mmKey)) engine.deleteProviderContext(mmKey);
}

function call(c: PlannedChange, fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    throw wrap(e, c.action === "add" ? "add" : c.action === "delete" ? "delete" : "replace", {
      kind: c.kind,
      key: c.key,
      name: c.name,
    });
  }
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
  filters: number;
  providerContexts: number;
  tunnels: number;
  sublayers: number;
  providers: number;
}

/**
 * Deletes every object owned by `providerKey`, and the provider, in one transaction (nothing when there is
 * nothing of ours, so a second `remove` makes no state-changing call).
 */
export function removeOwned(engine: Engine, providerKey: Guid): RemoveResult {
  const res: RemoveResult = { filters: 0, providerContexts: 0, tunnels: 0, sublayers: 0, providers: 0 };
  const cur = readCurrent(engine, providerKey);
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
