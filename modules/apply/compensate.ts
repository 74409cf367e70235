/**
 * The compensating transaction of a manual-SA apply: after the filter transaction committed and an SA call
 * failed, the filter changes are undone, but only while the engine still holds exactly what this apply
 * committed. The ids the engine assigned inside the committed transaction are recorded (`recordCommit`); a
 * filter or context re-added by anyone else since has a new id, so a concurrent commit is detected and left
 * alone instead of silently undone, and the error says so. A compensating transaction that cannot start
 * because another session holds the engine (FWP_E_TIMEOUT) is retried until a deadline.
 */
import type { Engine } from "../engine/mod.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "../graph/mod.ts";
import type { Plan, PlannedChange } from "../plan/mod.ts";
import { ApplyError, wfpCodeOf } from "../errors.ts";
import { deepEqual } from "../plan/mod.ts";

/** What one committed filter transaction left in the engine, by object key. */
export interface CommitRecord {
  /** Added filters (and tunnel filters are not tracked): key -> filterId assigned in the transaction. */
  filters: Map<Guid, bigint | undefined>;
  /** Added provider contexts and tunnel QM contexts: key -> providerContextId. */
  contexts: Map<Guid, bigint | undefined>;
  /** Added sublayers as the engine held them. */
  sublayers: Map<Guid, Sublayer | undefined>;
  /** Added providers as the engine held them. */
  providers: Map<Guid, Provider | undefined>;
}

const added = (c: PlannedChange) => c.action !== "delete";
const removed = (c: PlannedChange) => c.action !== "add";

/** Reads back, inside the transaction that executed `plan`, what it added. */
export function recordCommit(engine: Engine, plan: Plan): CommitRecord {
  const rec: CommitRecord = {
    filters: new Map(),
    contexts: new Map(),
    sublayers: new Map(),
    providers: new Map(),
  };
  for (const c of plan.changes) {
    if (!added(c)) continue;
    if (c.kind === "filter") rec.filters.set(c.key, engine.getFilter(c.key)?.filterId);
    else if (c.kind === "providerContext" || c.kind === "tunnel") {
      rec.contexts.set(c.key, engine.getProviderContext(c.key)?.providerContextId);
    } else if (c.kind === "sublayer") rec.sublayers.set(c.key, engine.getSublayer(c.key));
    else if (c.kind === "provider") rec.providers.set(c.key, engine.getProvider(c.key));
  }
  return rec;
}

/**
 * The first object that is no longer as this apply committed it (a description), or undefined when the
 * engine still holds the commit: every added object with the id it got, every deleted object still absent.
 */
export function commitChangedBy(engine: Engine, plan: Plan, rec: CommitRecord): string | undefined {
  for (const [key, id] of rec.filters) {
    const f = engine.getFilter(key);
    if (!f || f.filterId !== id) return `filter ${key} ${f ? "was replaced" : "was deleted"}`;
  }
  for (const [key, id] of rec.contexts) {
    const c = engine.getProviderContext(key);
    if (!c || c.providerContextId !== id) {
      return `provider context ${key} ${c ? "was replaced" : "was deleted"}`;
    }
  }
  for (const [key, s] of rec.sublayers) {
    if (!deepEqual(engine.getSublayer(key), s)) return `sublayer ${key} changed`;
  }
  for (const [key, p] of rec.providers) {
    if (!deepEqual(engine.getProvider(key), p)) return `provider ${key} changed`;
  }
  for (const c of plan.changes) {
    if (c.action !== "delete" || c.kind === "manualSa") continue;
    const back = c.kind === "filter"
      ? engine.getFilter(c.key)
      : c.kind === "providerContext" || c.kind === "tunnel"
      ? engine.getProviderContext(c.key)
      : c.kind === "sublayer"
      ? engine.getSublayer(c.key)
      : engine.getProvider(c.key);
    if (back) return `${c.kind} ${c.key}, which this apply deleted, was added again`;
  }
  return undefined;
}

/** FWP_E_TIMEOUT: another session held the engine's transaction lock for too long. */
const FWP_E_TIMEOUT = 0x80320012;

/** True when `e` is a WFP timeout (worth retrying: another session holds the transaction). */
export function isWfpTimeout(e: unknown): boolean {
  return wfpCodeOf(e)?.code === FWP_E_TIMEOUT;
}

/** Runs `fn`, retrying while it fails with FWP_E_TIMEOUT, until `deadlineMs` from now. */
export function retryOnTimeout<T>(fn: () => T, deadlineMs: number): T {
  const end = Date.now() + deadlineMs;
  for (let wait = 50;; wait = Math.min(wait * 2, 1000)) {
    try {
      return fn();
    } catch (e) {
      if (!isWfpTimeout(e) || Date.now() + wait > end) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

/** Options of `compensate`. */
export interface CompensateOptions {
  /** How long a compensating transaction that times out is retried (default 30 s). */
  deadlineMs?: number;
  /** The SA contexts are as before the SA phase (so undone filters mean nothing changed). */
  clean?: boolean;
  /** Told, before the error is thrown, whether the filter changes were undone. */
  onOutcome?: (undone: boolean) => void;
}

/**
 * Undoes the non-SA changes of an executed plan in one transaction after an SA call failed (`cause`, an
 * ApplyError describing the SA failure) and always throws an ApplyError saying truthfully what the
 * engine holds now.
 */
export function compensate(
  engine: Engine,
  plan: Plan,
  rec: CommitRecord,
  cause: ApplyError,
  opts: CompensateOptions = {},
): never {
  const undo = plan.changes.filter((c) => c.kind !== "manualSa");
  const of = (kind: PlannedChange["kind"], pred: (c: PlannedChange) => boolean) =>
    undo.filter((c) => c.kind === kind && pred(c));
  let changedBy: string | undefined;
  const fail = (tail: string, e?: unknown): never => {
    throw new ApplyError(`${cause.message}; ${tail}`, cause.object, cause.wfp, { cause: e ?? cause });
  };
  try {
    retryOnTimeout(() =>
      engine.transaction(() => {
        changedBy = commitChangedBy(engine, plan, rec);
        if (changedBy) return;
        for (const c of of("filter", added)) engine.deleteFilter(c.key);
        for (const c of of("tunnel", added)) deleteTunnel(engine, c.key, mainModeKeyOf(c.desired as Tunnel));
        for (const c of of("providerContext", added)) engine.deleteProviderContext(c.key);
        for (const c of of("sublayer", added)) engine.deleteSublayer(c.key);
        for (const c of of("provider", added)) engine.deleteProvider(c.key);
        for (const c of of("provider", removed)) engine.addProvider(c.current as Provider);
        for (const c of of("sublayer", removed)) engine.addSublayer(c.current as Sublayer);
        for (const c of of("providerContext", removed)) {
          const { providerContextId: _id, ...ctx } = c.current as ProviderContext;
          engine.addProviderContext(ctx);
        }
        for (const c of of("filter", removed)) {
          const { filterId: _id, effectiveWeight: _w, ...f } = c.current as Filter;
          engine.addFilter(f);
        }
      }), opts.deadlineMs ?? 30_000);
  } catch (e) {
    opts.onOutcome?.(false);
    fail(
      `undoing the filter changes failed too (${(e as Error)?.message ?? e}): the engine holds this ` +
        `apply's new filters without their SAs; run apply again`,
      e,
    );
  }
  opts.onOutcome?.(!changedBy);
  if (changedBy) {
    fail(
      `the filter changes were NOT undone because the engine no longer holds what this apply committed ` +
        `(${changedBy}: another apply or tool changed it since); check with "wfpsec plan" and apply again`,
    );
  }
  return fail(`the filter changes were undone${opts.clean ? ", nothing changed" : ""}`);
}

function mainModeKeyOf(t: Tunnel | undefined): Guid | undefined {
  return t?.mainModePolicy?.providerContextKey;
}

/** Deletes a tunnel and, when the engine left it behind, the main-mode context it was added with. */
function deleteTunnel(engine: Engine, qmKey: Guid, mmKey: Guid | undefined): void {
  engine.deleteTunnel(qmKey);
  if (mmKey && engine.getProviderContext(mmKey)) engine.deleteProviderContext(mmKey);
}
