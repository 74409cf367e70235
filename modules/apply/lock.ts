/**
 * One apply (or remove) at a time per host, end to end: plan, filter transaction, SA calls and any
 * compensation run while this process holds an exclusive OS lock on a lock file (flock on Unix, LockFileEx on
 * Windows, through Deno.FsFile.tryLock). The operating system drops the lock when its holder dies, so a
 * crash never blocks the next apply; the holder writes its pid, start time, host and command into the
 * record beside it (`apply.holder`; Windows locks are mandatory, so not into the locked file) and clears it
 * on a clean release, so a record found by the next holder is reported as a stale lock of a
 * run that did not finish.
 *
 * Where: on Windows `%ProgramData%\wfpsec\apply.lock`; on fwpsim `<state file>.wfpsec-apply.lock` beside the simulator's
 * state file (fwpsim itself uses `<state file>.lock` for its transaction lock; a simulator without a state file lives
 * in one process, so there is nothing to exclude).
 */
import { ApplyError, type ErrorType } from "../errors.ts";
import { programDataDirectory } from "../../ffi/kernel32.ts";
import { dataFolderFor } from "../../ffi/fileSecurity.ts";

/** Who holds (or held) an apply lock. */
export interface LockHolder {
  pid: number;
  /** ISO time the lock was taken. */
  startedAt: string;
  host: string;
  /** What the holder runs, e.g. `apply`. */
  command: string;
}

/** A held apply lock. */
export interface ApplyLock {
  path: string;
  /** The record of an earlier holder that ended without releasing (crashed or killed), if any. */
  stale?: LockHolder | { unreadable: string };
  /** Releases the lock (clears the record first). */
  release(): void;
}

/** Options of `acquireApplyLock`. */
export interface AcquireOptions {
  /** What this process runs (recorded for others to see). */
  command: string;
  /** How long to wait for another holder (default 60 s; 0: do not wait). */
  timeoutMs?: number;
}

/** Raised when another live process holds the lock past the deadline: JSON type LockBusyError. */
export class LockBusyError extends ApplyError {
  /** The CLI's JSON `error.type` (scripts may retry on it). */
  override readonly type: ErrorType = "LockBusyError";
  /** `holder` is the lock's record, when it could be read. */
  constructor(message: string, readonly holder: LockHolder | undefined) {
    super(message, undefined, undefined);
  }
}

/** The lock file for an engine: `kind` windows or fwpsim, `simState` the simulator's state file. */
export function applyLockPath(kind: string, simState: string | undefined): string | undefined {
  if (kind === "fwpsim") return simState ? `${simState}.wfpsec-apply.lock` : undefined;
  if (kind !== "windows") return undefined;
  const base = programDataDirectory();
  return `${base}\\wfpsec\\apply.lock`;
}

const dec = new TextDecoder(), enc = new TextEncoder();

/** The holder record beside the lock file (Windows locks are mandatory, so the record is a file of its own). */
export function holderPath(lockPath: string): string {
  return lockPath.replace(/\.lock$/, "") + ".holder";
}

function readRecord(path: string): LockHolder | { unreadable: string } | undefined {
  let text: string;
  try {
    text = dec.decode(Deno.readFileSync(path).subarray(0, 4096)).trim();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  if (!text) return undefined;
  try {
    const v = JSON.parse(text);
    if (typeof v?.pid === "number" && typeof v?.host === "string") return v as LockHolder;
  } catch { /* reported as unreadable */ }
  return { unreadable: text.slice(0, 200) };
}

function describe(h: LockHolder | { unreadable: string } | undefined): string {
  if (!h) return "an unknown process";
  if ("unreadable" in h) return `a process whose record is unreadable (${JSON.stringify(h.unreadable)})`;
  return `${h.command} (pid ${h.pid} on ${h.host}, since ${h.startedAt})`;
}

/** Describes a stale record for a warning. */
export function staleMessage(lock: ApplyLock): string | undefined {
  if (!lock.stale) return undefined;
  return `an earlier run did not finish: the apply lock ${lock.path} still named ${
    describe(lock.stale)
  }, which no longer holds it (crashed or killed); check the result with "wfpsec plan"`;
}

/** Takes the apply lock at `path`, waiting up to the timeout for another holder. */
export function acquireApplyLock(path: string, opts: AcquireOptions): ApplyLock {
  dataFolderFor(path);
  const file = Deno.openSync(path, { read: true, write: true, create: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    for (let wait = 20;; wait = Math.min(wait * 2, 500)) {
      if (file.tryLockSync(true)) break;
      if (Date.now() >= deadline) {
        const holder = readRecord(holderPath(path));
        throw new LockBusyError(
          `another wfpsec run holds the apply lock ${path}: ${describe(holder)}; nothing changed. ` +
            `Applies on one host run one at a time: try again when it has finished`,
          holder && !("unreadable" in holder) ? holder : undefined,
        );
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
    const record = holderPath(path);
    const stale = readRecord(record);
    const me: LockHolder = {
      pid: Deno.pid,
      startedAt: new Date().toISOString(),
      host: Deno.hostname(), // not node:os: that import loads Deno's Node layer at every apply's start-up
      command: opts.command,
    };
    writeRecord(record, enc.encode(JSON.stringify(me) + "\n"));
    let released = false;
    return {
      path,
      stale,
      release() {
        if (released) return;
        released = true;
        try {
          writeRecord(record, new Uint8Array());
        } finally {
          // Closing the handle releases the lock (flock and LockFileEx alike); an explicit unlock is not
          // needed, and under Wine it fails with ERROR_LOCK_VIOLATION.
          file.close();
        }
      },
    };
  } catch (e) {
    try {
      file.close();
    } catch { /* already closed */ }
    throw e;
  }
}

function writeRecord(path: string, data: Uint8Array): void {
  const f = Deno.openSync(path, { write: true, create: true, truncate: true });
  try {
    f.writeSync(data);
    f.syncSync();
  } finally {
    f.close();
  }
}

/** Runs `fn` holding the apply lock at `path` (no lock when `path` is undefined). */
export function withApplyLock<T>(
  path: string | undefined,
  opts: AcquireOptions & { onStale?: (message: string) => void },
  fn: () => T,
): T {
  if (!path) return fn();
  const lock = acquireApplyLock(path, opts);
  try {
    const m = staleMessage(lock);
    if (m) opts.onStale?.(m);
    return fn();
  } finally {
    lock.release();
  }
}
