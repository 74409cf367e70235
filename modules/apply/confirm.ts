/**
 * Confirm or revert ("commit confirmed", as on routers): `apply --confirm-within` captures the state it is
 * about to replace, applies, and leaves an armed record; `confirm` keeps the new state (drops the record);
 * `revert` (`--due`: only once the deadline passed) restores the captured state and drops the record.
 *
 * The armed record (armed.ts) lives beside the apply lock (`apply.confirm.json` in the lock's admin-only folder on
 * Windows, `<state file>.wfpsec-apply.confirm.json` on fwpsim) and is written atomically (temp file, fsync,
 * rename) INSIDE the apply's transaction, before it commits: once the new state is in the engine the record
 * exists, and a process killed at any point leaves either the old state or the new state with its record.
 * It holds:
 * - the previous state as a policy document (our objects decoded by the same decompiler as `export`), checked
 *   before arming to plan to no change against the engine, so restoring it gives back exactly those objects
 *   (manual SAs included); `null` when nothing of ours was in force (the revert then removes our objects);
 * - the previous keys (pre-shared keys, manual SA keys) as read and verified against the digests the engine
 *   holds: the revert may run as SYSTEM from a scheduled task, without the environment of the session that
 *   applied them. The record is owner-only (mode 0600; on Windows in the admin-only ProgramData folder), is
 *   deleted by confirm and revert, and no part of it is ever printed;
 * - the identity of the new state (a digest of our objects' content: no engine ids, which a BFE restart may
 *   renumber, no DISABLED flags, which BFE sets at start, no SA contexts, which do not survive a restart) and
 *   of the previous one, so a revert can tell "still the armed apply" from "changed by someone since" (refused,
 *   record kept) and from "the apply never committed" (killed inside its transaction: record dropped).
 */
import type { Engine } from "../engine/mod.ts";
import type { Guid, ObjectGraph } from "../graph/mod.ts";
import { digestOf, fromHex, toHex } from "../graph/mod.ts";
import {
  defaultResolveSaKey,
  defaultResolveSecret,
  ownedGraph,
  planGraph,
  publicChanges,
  readCurrent,
  type SecretResolver,
} from "../plan/mod.ts";
import { compilePolicy, decompile } from "../compiler/mod.ts";
import { loadPolicy } from "../policy/mod.ts";
import { FLAGS } from "../../ffi/constants.ts";
import { SecretError } from "../errors.ts";
import { applyGraph, type ApplyOptions, type ApplyResult, removeOwned, type RemoveResult } from "./apply.ts";
import {
  type ArmedRecord,
  type ArmedSummary,
  ConfirmError,
  type PreviousState,
  readArmed,
  refuseWhileArmed,
  removeIfThere,
  summaryOf,
  writeAtomic,
} from "./armed.ts";

export * from "./armed.ts";

const FILTER_DISABLED = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED;
const PROVIDER_DISABLED = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED;

/**
 * A digest of our objects' content in the engine, or null when nothing of ours is there. Engine ids,
 * effective weights, DISABLED flags and SA contexts are left out (see the module comment).
 */
export function stateIdentity(engine: Engine, providerKey: Guid): string | null {
  const cur = readCurrent(engine, providerKey);
  if (!cur.provider && !cur.sublayers.length && !cur.providerContexts.length && !cur.filters.length) {
    return null;
  }
  const byKey = <T>(list: T[], key: (x: T) => string) =>
    [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return digestOf({
    provider: cur.provider ? { ...cur.provider, flags: cur.provider.flags & ~PROVIDER_DISABLED } : null,
    sublayers: byKey(cur.sublayers, (s) => s.subLayerKey),
    providerContexts: byKey(cur.providerContexts, (c) => c.providerContextKey).map((
      { providerContextId: _i, ...c },
    ) => c),
    filters: byKey(cur.filters, (f) => f.filterKey).map(({ filterId: _i, effectiveWeight: _w, ...f }) => ({
      ...f,
      flags: f.flags & ~FILTER_DISABLED,
    })),
  });
}

/** Compiles a stored previous-state document (the record is named in any error). */
function compileDocument(doc: Record<string, unknown>, where: string): ObjectGraph {
  return compilePolicy(loadPolicy(JSON.stringify(doc), where).policy);
}

/** Secret resolvers that also record what they read (hex, by secret id). */
function recording(resolve: SecretResolver, into: Record<string, string>): SecretResolver {
  return (ref, id) => {
    const v = resolve(ref, id);
    into[id] = toHex(v);
    return v;
  };
}

/**
 * Captures our objects in force as a previous state the revert can restore exactly. Refused (ConfirmError,
 * nothing changed) when they do not read back as a policy that plans to no change, or when one of their keys
 * cannot be read in this session or differs from the one in force.
 */
export function capturePrevious(
  engine: Engine,
  providerKey: Guid,
  opts: { resolveSecret?: SecretResolver; resolveSaKey?: SecretResolver } = {},
): PreviousState {
  const graph = ownedGraph(engine, providerKey);
  const previous: PreviousState = { document: null, psk: {}, saKeys: {} };
  if (!graph) return previous;
  const refuse = (why: string, cause?: unknown): never => {
    throw new ConfirmError(
      `cannot arm a revert: the policy in force${name ? ` ("${name}")` : ""} ${why}; apply without ` +
        `--confirm-within, or put that policy's file back in force first; nothing changed`,
      { cause },
    );
  };
  let name: string | undefined;
  let compiled: ObjectGraph;
  try {
    previous.document = decompile(graph) as unknown as Record<string, unknown>;
    name = typeof previous.document.name === "string" ? previous.document.name : undefined;
    compiled = compileDocument(previous.document, "<policy in force>");
  } catch (e) {
    return refuse(`cannot be read back as a policy (${(e as Error)?.message ?? e})`, e);
  }
  let plan;
  try {
    plan = planGraph(compiled, engine, {
      resolveSecret: recording(opts.resolveSecret ?? defaultResolveSecret, previous.psk),
      resolveSaKey: recording(opts.resolveSaKey ?? defaultResolveSaKey, previous.saKeys),
    });
  } catch (e) {
    if (e instanceof SecretError) return refuse(`has a key this session cannot read (${e.message})`, e);
    throw e;
  }
  if (!plan.inSync) {
    const c = publicChanges(plan.changes)[0] as { kind?: string; name?: string; reason?: string } | undefined;
    refuse(
      `would not be restored exactly (${c ? `${c.kind} "${c.name}": ${c.reason}` : "it differs"}; a key ` +
        `that changed since it was applied reads as a difference too)`,
    );
  }
  return previous;
}

/** What `applyConfirmed` needs besides the graph. */
export interface ConfirmSetup {
  /** The armed record's path (armedRecordPath of the apply lock). */
  path: string;
  /** The revert note's path (revertedNotePath). */
  notePath: string;
  providerKey: Guid;
  /** Milliseconds from now to the deadline. */
  withinMs: number;
  policy: { name: string; file: string };
  /** Windows: scheduled tasks armed before the apply (recorded so confirm and revert delete them). */
  tasks?: string[];
  /** Options for the apply (e.g. secret resolvers in tests). */
  apply?: ApplyOptions;
}

/** The outcome of `applyConfirmed`: the apply's, and the armed record (none when nothing changed). */
export interface ConfirmedApply {
  result: ApplyResult;
  armed?: ArmedRecord;
}

/**
 * Applies `graph` with a revert armed. Call holding the apply lock. The record is written inside the
 * transaction, right before it commits (ApplyOptions.onExecuted); an apply that changes nothing arms
 * nothing. If the apply fails and the engine is back at the previous state, the record is deleted; if it
 * holds the new objects (compensation failed), the record stays so the revert can still restore.
 */
export function applyConfirmed(engine: Engine, graph: ObjectGraph, s: ConfirmSetup): ConfirmedApply {
  refuseWhileArmed(s.path, "apply");
  const previous = capturePrevious(engine, s.providerKey);
  const previousIdentity = stateIdentity(engine, s.providerKey);
  let armed: ArmedRecord | undefined;
  const armedAt = new Date();
  try {
    const result = applyGraph(engine, graph, {
      ...s.apply,
      onExecuted: (plan) => {
        s.apply?.onExecuted?.(plan);
        armed = {
          version: 1,
          armedAt: armedAt.toISOString(),
          deadline: new Date(armedAt.getTime() + s.withinMs).toISOString(),
          policy: s.policy,
          host: Deno.hostname(),
          pid: Deno.pid,
          commit: stateIdentity(engine, s.providerKey),
          previousIdentity,
          previousPolicy: typeof previous.document?.name === "string" ? previous.document.name : null,
          previous,
          ...(s.tasks?.length ? { tasks: s.tasks } : {}),
        };
        writeAtomic(s.path, JSON.stringify(armed) + "\n");
        removeIfThere(s.notePath);
      },
    });
    return { result, ...(armed ? { armed } : {}) };
  } catch (e) {
    if (armed) {
      let back = false;
      try {
        back = stateIdentity(engine, s.providerKey) === previousIdentity;
      } catch { /* cannot tell: keep the record, the revert checks again */ }
      if (back) removeIfThere(s.path);
    }
    throw e;
  }
}

/** The outcome of `revertArmed`. */
export interface RevertResult {
  /**
   * reverted: the previous state is back; not-due: the deadline has not passed (`due` only); nothing-armed:
   * no record; not-applied: the armed apply never took effect (killed before its commit), record dropped.
   */
  outcome: "reverted" | "not-due" | "nothing-armed" | "not-applied";
  armed?: ArmedSummary;
  /** What restoring did: the apply of the previous policy, or the removal of our objects. */
  applied?: ApplyResult;
  removed?: RemoveResult;
}

/**
 * Reverts the armed apply (with `due`, only once its deadline passed). Call holding the apply lock.
 * Refused (ConfirmError, record kept) when the engine holds neither the armed state nor the previous one.
 * Restoring is one apply of the previous policy (one transaction, then its manual SAs re-set with the
 * recorded keys), or the removal of our objects when there were none before.
 */
export function revertArmed(
  engine: Engine,
  path: string,
  notePath: string,
  providerKey: Guid,
  opts: { due: boolean; now?: Date },
): RevertResult {
  const rec = readArmed(path);
  if (!rec) return { outcome: "nothing-armed" };
  const armed = summaryOf(rec, path);
  const now = opts.now ?? new Date();
  if (opts.due && now.getTime() < Date.parse(rec.deadline)) return { outcome: "not-due", armed };
  const identity = stateIdentity(engine, providerKey);
  if (identity !== rec.commit) {
    if (identity === rec.previousIdentity) {
      removeIfThere(path);
      return { outcome: "not-applied", armed };
    }
    throw new ConfirmError(
      `not reverted: the engine no longer holds the apply of policy "${rec.policy.name}" armed at ` +
        `${rec.armedAt} (another apply or tool changed wfpsec's objects since); the record ${path} is kept. ` +
        `Check with "wfpsec plan", then "wfpsec confirm" to keep what is in force now`,
    );
  }
  const prev = rec.previous;
  const keyOf = (m: Record<string, string>): SecretResolver => (_ref, id) => {
    const h = m[id];
    if (h === undefined) {
      throw new ConfirmError(`the armed record ${path} holds no key for ${id}; not reverted, record kept`);
    }
    return fromHex(h);
  };
  const res: RevertResult = { outcome: "reverted", armed };
  if (prev.document === null) res.removed = removeOwned(engine, providerKey);
  else {
    const graph = compileDocument(prev.document, path);
    res.applied = applyGraph(engine, graph, {
      resolveSecret: keyOf(prev.psk),
      resolveSaKey: keyOf(prev.saKeys),
    });
  }
  writeAtomic(
    notePath,
    JSON.stringify({
      policy: rec.policy.name,
      armedAt: rec.armedAt,
      deadline: rec.deadline,
      revertedAt: now.toISOString(),
    }) + "\n",
  );
  removeIfThere(path);
  return res;
}
