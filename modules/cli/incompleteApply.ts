/**
 * The incomplete-apply record (modules/apply/journal.ts) as the commands see it: `plan` reports one (JSON
 * `incompleteApply`, a text headline, exit 2), `apply` finishes or reverts one under the apply lock, `remove`
 * clears one. An apply still running (it holds the apply lock) is reported as in progress, not as interrupted.
 */
import type { Engine } from "../engine/mod.ts";
import type { FinishedIncomplete, IncompleteApply, SaPhaseJournal } from "../apply/journal.ts";
import type { Output, Values } from "./command.ts";

/** The JSON form of a recorded incomplete apply (docs/cli-json.md, `plan`). */
export interface IncompleteApplyJson {
  /** The record's file. */
  file: string;
  policy: { name: string; file: string | null };
  command: string;
  pid: number;
  host: string;
  startedAt: string;
  /** `in-progress` (its process holds the apply lock), `interrupted` (it died) or `failed`. */
  state: "in-progress" | "interrupted" | "failed";
  filtersCommitted: boolean;
  manualSas: { name: string; action: string }[];
  /** SA contexts it created that are still in the engine (ids). */
  saContextsLeft: string[];
  /** Stale SA contexts it was to delete that are still in the engine (ids). */
  staleSaContextsLeft: string[];
  unrecordedCreate: string | null;
  filtersUndone: boolean | null;
  failure: string | null;
}

/** The record's path for this engine (undefined where there is no apply lock: snapshots, memory engines). */
export async function recordPath(engine: Engine, v: Values): Promise<string | undefined> {
  const { applyLockPath } = await import("../apply/lock.ts");
  const { incompleteApplyPath } = await import("../apply/journal.ts");
  const simState = (v["sim-state"] as string | undefined) ?? Deno.env.get("FWPSIM_STATE");
  const lock = applyLockPath(engine.info.kind, simState);
  return lock ? incompleteApplyPath(lock) : undefined;
}

/** Whether another process holds the apply lock beside `record` now (without waiting). */
function lockHeld(record: string): boolean {
  let f: Deno.FsFile;
  try {
    f = Deno.openSync(record.replace(/incomplete-apply\.json$/, "apply.lock"), { read: true });
  } catch {
    return false; // no lock file: no apply has run since the record was written by one that is gone
  }
  try {
    return !f.tryLockSync(true);
  } finally {
    f.close(); // closing drops the lock if this process took it
  }
}

function toJson(
  path: string,
  r: IncompleteApply,
  engine: Engine,
  state?: IncompleteApplyJson["state"],
): IncompleteApplyJson {
  const present = new Set(engine.sa ? engine.sa.enumSaContexts().map((c) => String(c.saContextId)) : []);
  return {
    file: path,
    policy: r.policy,
    command: r.command,
    pid: r.pid,
    host: r.host,
    startedAt: r.startedAt,
    state: state ?? (r.state === "failed" ? "failed" : "interrupted"),
    filtersCommitted: r.filtersCommitted,
    manualSas: r.manualSas,
    saContextsLeft: r.createdSaContexts.filter((id) => present.has(id)),
    staleSaContextsLeft: r.staleSaContexts.filter((id) => present.has(id)),
    unrecordedCreate: r.unrecordedCreate,
    filtersUndone: r.filtersUndone,
    failure: r.failure,
  };
}

/** For `plan`: the recorded incomplete apply, if any. */
export async function incompleteApplyForPlan(
  engine: Engine,
  v: Values,
): Promise<IncompleteApplyJson | undefined> {
  const path = await recordPath(engine, v);
  const { readIncompleteApply } = await import("../apply/journal.ts");
  const r = path ? readIncompleteApply(path) : undefined;
  if (!path || !r) return undefined;
  const running = r.state === "running" && lockHeld(path);
  return toJson(path, r, engine, running ? "in-progress" : undefined);
}

/** The text headline for a recorded incomplete apply (plan). */
export function incompleteApplyText(j: IncompleteApplyJson): string {
  const who =
    `apply of policy "${j.policy.name}"${j.policy.file ? ` (${j.policy.file})` : ""} by ${j.command} ` +
    `pid ${j.pid} on ${j.host}, started ${j.startedAt}`;
  if (j.state === "in-progress") {
    return `An apply is in progress: ${who}. Plan again when it has finished.`;
  }
  const how = j.state === "failed" ? `failed: ${j.failure}` : "did not finish (the process ended during it)";
  const left = [
    j.filtersCommitted
      ? `its filter changes were committed${
        j.filtersUndone ? " and undone" : j.filtersUndone === false ? " and NOT undone" : ""
      }`
      : "its filter transaction had not committed",
    j.saContextsLeft.length
      ? `${j.saContextsLeft.length} SA context(s) it created are still in the engine (${
        j.saContextsLeft.join(", ")
      })`
      : "no SA context it created is left",
    ...(j.staleSaContextsLeft.length
      ? [
        `${j.staleSaContextsLeft.length} stale SA context(s) it was to delete are still in the engine (${
          j.staleSaContextsLeft.join(", ")
        })`,
      ]
      : []),
    ...(j.unrecordedCreate
      ? [
        `an SA context for manual SA "${j.unrecordedCreate}" may have been created without its id being ` +
        `recorded (check "wfpsec sa")`,
      ]
      : []),
  ];
  return `INCOMPLETE APPLY: an earlier ${who}, ${how}; ${left.join("; ")}. ` +
    `"wfpsec apply" of this policy finishes it (sets the missing SAs, deletes the SA contexts nothing uses); ` +
    `applying another version reverts it to that one.`;
}

/** What `apply` did with a recorded incomplete apply (JSON `incompleteApply` of apply and remove). */
export interface ResolvedJson extends IncompleteApplyJson {
  /** `finished` (this apply was of the same policy file), `reverted` (another policy now in force), `removed`. */
  resolution: "finished" | "reverted" | "removed";
  /** Recorded SA contexts deleted because nothing used them. */
  deletedSaContexts: string[];
}

const absolute = (f: string) => /^([\\/]|[A-Za-z]:[\\/])/.test(f) ? f : `${Deno.cwd()}/${f}`;

/** Runs `fn` with the record handled around it (see `incompleteApplyRunner`). */
export type IncompleteApplyRunner = <T>(
  policy: { name: string; file?: string } | undefined,
  fn: (journal: SaPhaseJournal | undefined) => T,
) => { result: T; resolved: ResolvedJson | undefined };

/**
 * Loads what handling the record needs, so the returned runner is synchronous and can run inside the apply
 * lock (withApplyLock runs a synchronous function). The runner, given the policy being applied (undefined for
 * `remove`) and `fn`: deletes the SA contexts a recorded incomplete apply left that nothing uses, runs `fn`
 * with a journal for its SA phase, and once `fn` succeeded clears the record (the engine now holds this
 * policy). When `fn` fails, the record stays (its own, or the earlier one).
 */
export async function incompleteApplyRunner(
  engine: Engine,
  v: Values,
  out: Output,
): Promise<IncompleteApplyRunner> {
  const path = await recordPath(engine, v);
  if (!path) return (_policy, fn) => ({ result: fn(undefined), resolved: undefined });
  const j = await import("../apply/journal.ts");
  const key = await (await import("./support.ts")).providerKey();
  return (policy, fn) => {
    // The record decides which SA contexts are deleted: read from the admin-only folder (journal.ts).
    const prior = j.readIncompleteApply(path);
    let finished: FinishedIncomplete | undefined, before: IncompleteApplyJson | undefined;
    let left = prior;
    if (prior) {
      before = toJson(path, prior, engine);
      if (!out.json) out.err(`wfpsec: warning: ${incompleteApplyText(before)}`);
      finished = j.finishIncompleteApply(engine, prior, key);
      if (finished.deletedSaContexts.length) {
        // Recorded as done, so a failure of the apply below does not list them again.
        const gone = new Set(finished.deletedSaContexts);
        left = {
          ...prior,
          createdSaContexts: prior.createdSaContexts.filter((id) => !gone.has(id)),
          staleSaContexts: prior.staleSaContexts.filter((id) => !gone.has(id)),
        };
        j.writeIncompleteApply(path, left);
      }
    }
    const file = policy?.file !== undefined ? absolute(policy.file) : undefined;
    const journal = policy ? j.saPhaseJournal(path, { name: policy.name, file }, left) : undefined;
    const result = fn(journal);
    j.clearIncompleteApply(path);
    if (!prior || !before || !finished) return { result, resolved: undefined };
    const same = policy && prior.policy.name === policy.name && prior.policy.file === (file ?? null);
    return {
      result,
      resolved: {
        ...before,
        resolution: !policy ? "removed" : same ? "finished" : "reverted",
        deletedSaContexts: finished.deletedSaContexts,
      },
    };
  };
}

/** The text line for a resolved record (apply, remove). */
export function resolvedText(r: ResolvedJson, appliedName: string | undefined): string {
  const who =
    `the incomplete apply of policy "${r.policy.name}" (pid ${r.pid} on ${r.host}, started ${r.startedAt})`;
  const deleted = r.deletedSaContexts.length
    ? `; deleted ${r.deletedSaContexts.length} SA context(s) it had left (${r.deletedSaContexts.join(", ")})`
    : "";
  if (r.resolution === "finished") return `Finished ${who}${deleted}.`;
  if (r.resolution === "reverted") return `Reverted ${who}: policy "${appliedName}" is in force${deleted}.`;
  return `Cleared ${who}${deleted}.`;
}
