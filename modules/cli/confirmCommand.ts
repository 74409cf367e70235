/**
 * Confirm or revert on the command line (modules/apply/confirm.ts): `apply --confirm-within DURATION`
 * (parsed here; the apply command calls `applyGate`), `confirm`, and `revert [--due]`. Every command that
 * changes the engine is refused while an apply awaits confirmation (cli/support.ts underApplyLock).
 */
import { type Command, ENGINE_OPTS, type Output, type Values } from "./command.ts";
import { head, openEngine, providerKey, underApplyLock } from "./support.ts";

const UNITS: Record<string, number> = { h: 3600_000, m: 60_000, s: 1000 };

/**
 * Parses a duration: `90s`, `5m`, `1h`, `1h30m` (units h, m, s, in that order). UsageError otherwise
 * (errors.ts is loaded lazily: the command table imports this module at start-up).
 */
export async function parseDuration(
  text: string,
  option: string,
  bounds: { min: number; max: number },
): Promise<number> {
  const { UsageError } = await import("../errors.ts");
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim().toLowerCase());
  if (!text.trim() || !m || (!m[1] && !m[2] && !m[3])) {
    throw new UsageError(
      `${option}: "${text}" is not a duration: give a number with a unit, e.g. 90s, 5m, 1h or 1h30m`,
    );
  }
  const ms = Number(m[1] ?? 0) * UNITS.h + Number(m[2] ?? 0) * UNITS.m + Number(m[3] ?? 0) * UNITS.s;
  if (ms < bounds.min || ms > bounds.max) {
    throw new UsageError(
      `${option}: ${text} is out of range: between ${bounds.min / 1000}s and ${bounds.max / 3600_000}h`,
    );
  }
  return ms;
}

/** The host's lock, record and note paths for an engine (undefined: the engine keeps no state to lock). */
async function paths(engine: import("../engine/mod.ts").Engine, v: Values) {
  const { applyLockPath } = await import("../apply/lock.ts");
  const { armedRecordPath, revertedNotePath } = await import("../apply/armed.ts");
  const simState = (v["sim-state"] as string | undefined) ?? Deno.env.get("FWPSIM_STATE");
  const lock = applyLockPath(engine.info.kind, simState);
  return lock ? { record: armedRecordPath(lock), note: revertedNotePath(lock) } : undefined;
}

/** The record paths `confirm` and `revert` work on; a UsageError for an engine that keeps no state. */
async function recordPaths(engine: import("../engine/mod.ts").Engine, v: Values, command: string) {
  const p = await paths(engine, v);
  if (!p) {
    throw new (await import("../errors.ts")).UsageError(
      `${command} needs an engine whose state outlives this process`,
    );
  }
  return p;
}

/** What the apply command does about confirm/revert: parse the option, apply (armed or not), report. */
export interface ApplyGate {
  /** Milliseconds of `--confirm-within`, when given. */
  withinMs?: number;
  /** Runs the apply: call inside the apply lock. */
  apply(
    engine: import("../engine/mod.ts").Engine,
    loaded: { graph: import("../graph/mod.ts").ObjectGraph; name: string; file: string },
    /** Where the SA phase is recorded (cli/incompleteApply.ts). */
    journal?: import("../apply/mod.ts").SaPhaseJournal,
  ): import("../apply/apply.ts").ApplyResult;
  /** The apply document's `confirm` member: the armed revert (no keys), or null. */
  json(): Record<string, unknown> | null;
  /** The human lines about the armed revert (none when nothing was armed). */
  text(): string[];
}

/** `--confirm-within` in milliseconds (undefined when not given); a UsageError before anything is opened. */
export async function confirmWithin(v: Values): Promise<number | undefined> {
  const raw = v["confirm-within"] as string | undefined;
  if (raw === undefined) return undefined;
  const { CONFIRM_MAX_MS, CONFIRM_MIN_MS } = await import("../apply/armed.ts");
  const ms = await parseDuration(raw, "--confirm-within", { min: CONFIRM_MIN_MS, max: CONFIRM_MAX_MS });
  if (v["if-drifted"]) {
    throw new (await import("../errors.ts")).UsageError(
      "--confirm-within is for an apply an administrator watches, not for the scheduled --if-drifted run",
    );
  }
  return ms;
}

/** Loads what the apply needs, so that it runs synchronously under the lock, armed when `withinMs` is given. */
export async function applyGate(
  v: Values,
  engine: import("../engine/mod.ts").Engine,
  withinMs: number | undefined,
): Promise<ApplyGate> {
  const p = await paths(engine, v);
  const a = await import("../apply/armed.ts");
  // The decompiler and policy loader come only with an armed apply (a plain apply's start-up stays lean).
  const c = withinMs !== undefined ? await import("../apply/confirm.ts") : undefined;
  const { applyGraph } = await import("../apply/apply.ts");
  const key = await providerKey();
  const windows = engine.info.kind === "windows" ? await import("../host/revertTask.ts") : undefined;
  if (withinMs !== undefined && !p) {
    throw new (await import("../errors.ts")).UsageError(
      `--confirm-within needs an engine whose state outlives this process (${engine.info.description})`,
    );
  }
  let armed: import("../apply/armed.ts").ArmedRecord | undefined;
  return {
    withinMs,
    apply(eng, loaded, journal) {
      // (Refused while another apply awaits confirmation: underApplyLock, cli/support.ts.)
      if (!c || withinMs === undefined || !p) {
        const r = applyGraph(eng, loaded.graph, { journal });
        // A later apply makes the note of an earlier revert moot (a late confirm is about this state now).
        if (p && r.outcome === "applied") a.dropRevertedNote(p.note);
        return r;
      }
      // Windows: the tasks that run `revert --due` exist before the apply can commit; a task that finds no
      // record (the apply failed, or was confirmed) does nothing.
      const tasks = windows ? windows.armRevertTasks(new Date(Date.now() + withinMs)) : undefined;
      try {
        const r = c.applyConfirmed(eng, loaded.graph, {
          path: p.record,
          notePath: p.note,
          providerKey: key,
          withinMs,
          policy: { name: loaded.name, file: loaded.file },
          tasks,
          apply: { journal },
        });
        armed = r.armed;
        if (!armed && tasks) windows!.disarmRevertTasks(tasks);
        return r.result;
      } catch (e) {
        if (tasks && !exists(p.record)) windows!.disarmRevertTasks(tasks);
        throw e;
      }
    },
    json() {
      return armed && p ? { ...a.summaryOf(armed, p.record), revertBy: revertBy(armed, engine) } : null;
    },
    text() {
      if (!armed) return withinMs !== undefined ? ["Nothing changed, so no revert was armed."] : [];
      const to = armed.previousPolicy
        ? `policy "${armed.previousPolicy}"`
        : "the state without wfpsec's objects";
      return [
        `Awaiting confirmation until ${armed.deadline}: run "wfpsec confirm" to keep this policy; otherwise ` +
        `${to} is restored at the deadline (${revertBy(armed, engine)}).`,
      ];
    },
  };
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function revertBy(armed: { tasks?: string[] }, engine: import("../engine/mod.ts").Engine): string {
  if (armed.tasks?.length) return `scheduled tasks ${armed.tasks.join(" and ")} run "wfpsec revert --due"`;
  return engine.info.simulated
    ? `simulator: nothing runs by itself; run "wfpsec revert --due" after the deadline`
    : `run "wfpsec revert --due" after the deadline`;
}

const summaryLine = (a: { policy: { name: string }; deadline: string }) =>
  `the apply of policy "${a.policy.name}" (deadline ${a.deadline})`;

/** `wfpsec confirm`. */
export const CONFIRM_COMMAND: Command = {
  summary: "keep an apply made with --confirm-within (disarms its revert)",
  usage: "wfpsec confirm [--json] [engine options]",
  details:
    "Keeps the policy an `apply --confirm-within` put in force: deletes the armed revert record (and,\n" +
    "on Windows, the scheduled tasks that would run `wfpsec revert --due`). Exit 0 when confirmed or when\n" +
    "nothing awaits confirmation; 1 when the apply was already reverted (too late) or on error.",
  options: { ...ENGINE_OPTS },
  positionals: [0, 0],
  async run(v, _pos, out) {
    const engine = await openEngine(v, out, false);
    try {
      const p = await recordPaths(engine, v, "confirm");
      const { confirmArmed } = await import("../apply/armed.ts");
      const r = await underApplyLock(engine, v, out, "confirm", () => confirmArmed(p.record, p.note));
      if (r.armed?.tasks.length) {
        const problems = (await import("../host/revertTask.ts")).disarmRevertTasks(r.armed.tasks);
        for (const m of problems) out.err(`wfpsec confirm: warning: ${m}`);
      }
      if (out.json) {
        out.doc({
          ...(await head("confirm", engine)),
          outcome: r.outcome,
          armed: r.armed ?? null,
          late: Boolean(r.late),
        });
      } else if (r.armed) {
        out.text(
          `Confirmed ${summaryLine(r.armed)}${r.late ? ", after its deadline" : ""}: the revert is disarmed.`,
        );
      } else out.text("Nothing awaits confirmation.");
      return 0;
    } finally {
      engine.close();
    }
  },
};

/** `wfpsec revert`. */
export const REVERT_COMMAND: Command = {
  summary: "undo an apply made with --confirm-within (--due: only once its deadline passed)",
  usage: "wfpsec revert [--due] [--json] [engine options]",
  details: "Restores the state an `apply --confirm-within` replaced (our objects as they were, manual SAs\n" +
    "re-set with their recorded keys) in one transaction, and deletes the armed record. Refused, and\n" +
    "nothing changed, when wfpsec's objects were changed since the armed apply.\n" +
    "--due: only when the deadline has passed (what the armed Windows tasks run, at the deadline and at\n" +
    "start-up); exit 0 when nothing is due. Exit 0 reverted or nothing to do, 1 on error or refusal.",
  options: { ...ENGINE_OPTS, due: { type: "boolean" } },
  positionals: [0, 0],
  async run(v, _pos, out) {
    const engine = await openEngine(v, out, false);
    try {
      const p = await recordPaths(engine, v, "revert");
      const { revertArmed } = await import("../apply/confirm.ts");
      const key = await providerKey();
      const r = await underApplyLock(
        engine,
        v,
        out,
        "revert",
        () => revertArmed(engine, p.record, p.note, key, { due: Boolean(v.due) }),
      );
      if (r.outcome !== "not-due" && r.armed?.tasks.length) {
        const problems = (await import("../host/revertTask.ts")).disarmRevertTasks(r.armed.tasks);
        for (const m of problems) out.err(`wfpsec revert: warning: ${m}`);
      }
      const { publicChanges } = await import("../plan/plan.ts");
      const changes = r.applied ? publicChanges(r.applied.plan.changes) : [];
      if (out.json) {
        out.doc({
          ...(await head("revert", engine)),
          outcome: r.outcome,
          armed: r.armed ?? null,
          restoredPolicy: r.armed?.previousPolicy ?? null,
          changes,
          ...(r.applied ? { summary: r.applied.plan.summary } : {}),
          ...(r.removed ? { removed: r.removed } : {}),
        });
      } else outText(out, r, changes);
      return 0;
    } finally {
      engine.close();
    }
  },
};

function outText(
  out: Output,
  r: import("../apply/confirm.ts").RevertResult,
  changes: import("../plan/mod.ts").Change[],
): void {
  const a = r.armed;
  if (!a) return out.text("Nothing is armed: no apply awaits confirmation.");
  if (r.outcome === "not-due") return out.text(`Not due: ${summaryLine(a)} awaits confirmation.`);
  if (r.outcome === "not-applied") {
    return out.text(`${summaryLine(a)} never took effect (its run ended before it committed); disarmed.`);
  }
  const to = a.previousPolicy ? `policy "${a.previousPolicy}"` : "the state without wfpsec's objects";
  out.text(`Reverted ${summaryLine(a)}: ${to} is back in force (${changes.length} change(s)).`);
}
