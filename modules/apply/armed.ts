/**
 * The armed record of a confirm-or-revert apply (confirm.ts): its format, where it lives (beside the apply
 * lock), reading it (a corrupt record is a typed error naming the field), writing it atomically and
 * owner-only, the refusal of engine changes while one exists, and `confirm`. Light on purpose: every
 * command that changes the engine reads it (cli/support.ts underApplyLock), and only an armed apply or a
 * revert needs the decompiler and policy loader confirm.ts brings.
 */
import { SafetyError } from "../errors.ts";

/** A confirm/revert refusal (an apply while one awaits confirmation, a revert of a changed engine, a bad
 * record): JSON type SafetyError, so nothing was changed. */
export class ConfirmError extends SafetyError {}

/** Shortest and longest `--confirm-within`. */
export const CONFIRM_MIN_MS = 5_000, CONFIRM_MAX_MS = 24 * 3600_000;

/** The state an armed apply replaced, as the revert restores it. Holds keys: never print it. */
export interface PreviousState {
  /** Our objects as a policy document (`export`'s decoding), or null when nothing of ours was in force. */
  document: Record<string, unknown> | null;
  /** Pre-shared keys by graph secret id, hex. */
  psk: Record<string, string>;
  /** Manual SA keys by graph secret id, hex. */
  saKeys: Record<string, string>;
}

/** The armed record (file format version 1). */
export interface ArmedRecord {
  version: 1;
  /** ISO time the apply was armed, and its deadline. */
  armedAt: string;
  deadline: string;
  /** The policy the armed apply put in force. */
  policy: { name: string; file: string };
  /** Who armed it. */
  host: string;
  pid: number;
  /** Identity (stateIdentity) of our objects after the apply, and before it (null: nothing of ours). */
  commit: string | null;
  previousIdentity: string | null;
  /** The name of the policy the revert restores (null: the revert removes our objects). */
  previousPolicy: string | null;
  /** The previous state itself (keys included). */
  previous: PreviousState;
  /** Windows: the scheduled tasks that run `revert --due` (deleted by confirm and revert). */
  tasks?: string[];
}

/** What a record says, for output: no previous state, no keys. */
export interface ArmedSummary {
  policy: { name: string; file: string };
  armedAt: string;
  deadline: string;
  previousPolicy: string | null;
  record: string;
  tasks: string[];
}

/** The armed record's path for an apply lock path (beside it). */
export function armedRecordPath(lockPath: string): string {
  return lockPath.replace(/\.lock$/, "") + ".confirm.json";
}

/** The note a revert leaves (no keys), so a late `confirm` can say the apply was already reverted. */
export function revertedNotePath(lockPath: string): string {
  return lockPath.replace(/\.lock$/, "") + ".reverted.json";
}

/** The record's public view. */
export function summaryOf(rec: ArmedRecord, path: string): ArmedSummary {
  return {
    policy: rec.policy,
    armedAt: rec.armedAt,
    deadline: rec.deadline,
    previousPolicy: rec.previousPolicy,
    record: path,
    tasks: rec.tasks ?? [],
  };
}

const dec = new TextDecoder(), enc = new TextEncoder();

/** Reads the armed record at `path` (undefined when none); a corrupt one is a ConfirmError naming the field. */
export function readArmed(path: string): ArmedRecord | undefined {
  let text: string;
  try {
    text = dec.decode(Deno.readFileSync(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  const bad = (field: string): never => {
    throw new ConfirmError(
      `the armed confirm record ${path} is corrupt (${field}); nothing was changed. Check the policy in ` +
        `force with "wfpsec plan", then delete the file to disarm`,
    );
  };
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text);
  } catch {
    return bad("not JSON");
  }
  if (!v || typeof v !== "object") return bad("not a JSON object");
  if (v.version !== 1) bad("version: expected 1");
  for (const f of ["armedAt", "deadline"]) {
    if (typeof v[f] !== "string" || Number.isNaN(Date.parse(v[f] as string))) bad(`${f}: not a time`);
  }
  const p = v.policy as Record<string, unknown> | undefined;
  if (typeof p?.name !== "string" || typeof p?.file !== "string") bad("policy: name and file expected");
  for (const f of ["commit", "previousIdentity", "previousPolicy"]) {
    if (v[f] !== null && typeof v[f] !== "string") bad(`${f}: a string or null expected`);
  }
  const prev = v.previous as Record<string, unknown> | undefined;
  if (!prev || typeof prev !== "object") return bad("previous: missing");
  if (prev.document !== null && (typeof prev.document !== "object" || Array.isArray(prev.document))) {
    bad("previous.document: a policy document or null expected");
  }
  for (const f of ["psk", "saKeys"]) {
    const m = prev[f] as Record<string, unknown> | undefined;
    if (!m || typeof m !== "object") bad(`previous.${f}: missing`);
    for (const [id, h] of Object.entries(m!)) {
      if (typeof h !== "string" || !/^(?:[0-9a-f]{2})*$/.test(h)) bad(`previous.${f}["${id}"]: not hex`);
    }
  }
  if (v.tasks !== undefined && (!Array.isArray(v.tasks) || v.tasks.some((t) => typeof t !== "string"))) {
    bad("tasks: a list of task names expected");
  }
  return v as unknown as ArmedRecord;
}

/**
 * Writes `data` to `path` atomically and owner-only: a temp file beside it (mode 0600; on Windows it inherits
 * the ACL of wfpsec's ProgramData folder, SYSTEM and Administrators only, which the apply lock created or
 * checked before: ffi/fileSecurity.ts ensureAdminFolder), fsync, rename.
 */
export function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  try {
    Deno.removeSync(tmp); // a stale temp file of a killed run with this pid: start from a new, empty file
  } catch { /* none */ }
  const f = Deno.openSync(tmp, { write: true, createNew: true, mode: 0o600 });
  try {
    f.writeSync(enc.encode(data));
    f.syncSync();
  } finally {
    f.close();
  }
  Deno.renameSync(tmp, path);
}

export function removeIfThere(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** Deletes `path` if it exists. */
/** Deletes the note of an earlier revert (a later apply made it moot). */
export function dropRevertedNote(notePath: string): void {
  removeIfThere(notePath);
}

/** Refuses (ConfirmError) to change the engine while an apply awaits confirmation. */
export function refuseWhileArmed(path: string, command: string): void {
  const rec = readArmed(path);
  if (!rec) return;
  throw new ConfirmError(
    `${command} refused: the apply of policy "${rec.policy.name}" (${rec.policy.file}) awaits confirmation ` +
      `until ${rec.deadline}: run "wfpsec confirm" to keep it or "wfpsec revert" to undo it first; nothing ` +
      `changed`,
  );
}

/** The outcome of `confirmArmed`. */
export interface ConfirmResult {
  /** confirmed: the record was dropped; nothing-armed: there was none. */
  outcome: "confirmed" | "nothing-armed";
  armed?: ArmedSummary;
  /** True when confirmed after the deadline (before any revert ran). */
  late?: boolean;
}

/**
 * Keeps the armed apply: deletes its record. Call holding the apply lock. A confirm that comes after a
 * revert already ran is refused (ConfirmError), so a script learns its change was undone.
 */
export function confirmArmed(path: string, notePath: string, now = new Date()): ConfirmResult {
  const rec = readArmed(path);
  if (!rec) {
    const note = readNote(notePath);
    if (note) {
      throw new ConfirmError(
        `too late to confirm: the apply of policy "${note.policy}" armed at ${note.armedAt} was reverted at ` +
          `${note.revertedAt} (deadline ${note.deadline}); apply it again to put it back in force`,
      );
    }
    return { outcome: "nothing-armed" };
  }
  removeIfThere(path);
  return {
    outcome: "confirmed",
    armed: summaryOf(rec, path),
    ...(now.getTime() > Date.parse(rec.deadline) ? { late: true } : {}),
  };
}

function readNote(path: string): Record<string, string> | undefined {
  try {
    const v = JSON.parse(dec.decode(Deno.readFileSync(path)));
    return v && typeof v.policy === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** An apply awaiting confirmation as plan, show, status and doctor report it (no previous state, no keys). */
export interface AwaitingConfirmation {
  /** The policy the armed apply put in force. */
  policy: { name: string; file: string };
  armedAt: string;
  deadline: string;
  /** The policy the revert restores; null: the revert removes wfpsec's objects. */
  revertsTo: string | null;
  /** The deadline has passed and the revert has not run (yet). */
  overdue: boolean;
  /** Windows: the scheduled tasks that run `revert --due`. */
  tasks: string[];
  /** The armed record's path. */
  record: string;
}

/** The public view of an armed record at `now`. */
export function awaitingOf(rec: ArmedRecord, path: string, now = new Date()): AwaitingConfirmation {
  return {
    policy: rec.policy,
    armedAt: rec.armedAt,
    deadline: rec.deadline,
    revertsTo: rec.previousPolicy,
    overdue: now.getTime() > Date.parse(rec.deadline),
    tasks: rec.tasks ?? [],
    record: path,
  };
}

/** `4m 12s`, `1h 0m 5s`, `0s`. */
export function spanText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return h ? `${h}h ${m}m ${s % 60}s` : m ? `${m}m ${s % 60}s` : `${s}s`;
}

/** The one-line headline plan, show and doctor print about an apply awaiting confirmation. */
export function awaitingHeadline(a: AwaitingConfirmation, now = new Date()): string {
  const left = Date.parse(a.deadline) - now.getTime();
  const what = `An apply of policy "${a.policy.name}" awaits confirmation`;
  const to = a.revertsTo === null
    ? "wfpsec's objects will be removed"
    : `it will be reverted to "${a.revertsTo}"`;
  if (!a.overdue) {
    return `${what}: ${to} at ${a.deadline} (in ${spanText(left)}) unless \`wfpsec confirm\` runs.`;
  }
  const undo = a.revertsTo === null ? "the removal of wfpsec's objects" : `the revert to "${a.revertsTo}"`;
  const tasks = a.tasks.length ? ` or check the scheduled task ${a.tasks[0]}` : "";
  return `${what} and the revert is overdue: ${undo} was due at ${a.deadline} (${spanText(-left)} ago) ` +
    `and has not run: run \`wfpsec revert --due\`${tasks}, or \`wfpsec confirm\` to keep it.`;
}
