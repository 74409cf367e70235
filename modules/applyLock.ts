/**
 * One apply (or remove) at a time per host, end to end: plan, filter transaction, SA calls and any
 * compensation run while this process holds an exclusive OS lock on a lock file (flock on Unix, LockFileEx on
 * Windows, through Deno.FsFile.tryLock). The operating system drops the lock when its holder dies, so a
 * crash never blocks the next apply; the holder writes its pid, start time, host and command into the file
 * and clears it on a clean release, so a record found by the next holder is reported as a stale lock of a
 * run that did not finish.
 *
 * Where: on Windows `%ProgramData%\wfpsec\apply.lock`; on fwpsim `<state file>.wfpsec-apply.lock` beside the simulator's
 * state file (fwpsim itself uses `<state file>.lock` for its transaction lock; a simulator without a state file lives
 * in one process, so there is nothing to exclude).
 */
import { hostname } from "node:os";
import { ApplyError } from "./errors.ts";

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

/** Raised when another live process holds the lock past the deadline. */
export class LockBusyError extends ApplyError {
  constructor(message: string, readonly holder: LockHolder | undefined) {
    super(message, undefined, undefined);
    this.name = "LockBusyError";
  }
}

/** The lock file for an engine: `kind` windows or fwpsim, `simState` the simulator's state file. */
export function applyLockPath(kind: string, simState: string | undefined): string | undefined {
  if (kind === "fwpsim") return simState ? `${simState}.wfpsec-apply.lock` : undefined;
  if (kind !== "windows") return undefined;
  const base = Deno.env.get("ProgramData") || "C:\\ProgramData";
  return `${base}\\wfpsec\\apply.lock`;
}

const dec = new TextDecoder(), enc = new TextEncoder();

function readRecord(file: Deno.FsFile): LockHolder | { unreadable: string } | undefined {
  file.seekSync(0, Deno.SeekMode.Start);
  const buf = new Uint8Array(4096);
  let n = 0;
  for (;;) {
    const r = file.readSync(buf.subarray(n));
    if (r === null || r === 0) break;
    n += r;
    if (n === buf.length) break;
  }
  const text = dec.decode(buf.subarray(0, n)).trim();
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
  const dir = path.replace(/[\\/][^\\/]*$/, "");
  if (dir && dir !== path) Deno.mkdirSync(dir, { recursive: true });
  const file = Deno.openSync(path, { read: true, write: true, create: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    for (let wait = 20;; wait = Math.min(wait * 2, 500)) {
      if (file.tryLockSync(true)) break;
      if (Date.now() >= deadline) {
        const holder = readRecord(file);
        throw new LockBusyError(
          `another wfpsec run holds the apply lock ${path}: ${describe(holder)}; nothing changed. ` +
            `Applies on one host run one at a time: try again when it has finished`,
          holder && !("unreadable" in holder) ? holder : undefined,
        );
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
    const stale = readRecord(file);
    const me: LockHolder = {
      pid: Deno.pid,
      startedAt: new Date().toISOString(),
      host: hostname(),
      command: opts.command,
    };
    file.truncateSync(0);
    file.seekSync(0, Deno.SeekMode.Start);
    file.writeSync(enc.encode(JSON.stringify(me) + "\n"));
    file.syncSync();
    let released = false;
    return {
      path,
      stale,
      release() {
        if (released) return;
        released = true;
        try {
          file.truncateSync(0);
          file.syncSync();
        } finally {
          file.unlockSync();
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
