/**
 * `events --follow`: live net events through an engine subscription (NetEventOps.subscribeNetEvents), one
 * line per event (a JSON object per line with --json), until the caller's signal aborts (SIGINT/SIGTERM in
 * the CLI). A health probe notices the engine going away (BFE stopped or restarted: the session's RPC
 * binding is gone); the follower then says so, reconnects when the engine is back and resubscribes. Events
 * in between are lost, and it says that too.
 *
 * The follow loop keeps nothing per event: each decoded event is rendered to a line at once and lines are
 * written in batches (bench/follow_bench.ts measures the heap staying flat).
 */
import type { Engine, NetEvent1, NetEventSubscription } from "../engine/mod.ts";
import { ERRORS } from "../../ffi/constants.ts";
import { fileTimeOf } from "./monitor.ts";

/** One rendered event: its JSON object and its text line. */
export interface RenderedEvent {
  json: Record<string, unknown>;
  text: string;
}

/** What `follow` needs from its caller. */
export interface FollowOptions {
  /** Opens an engine session (again after the engine went away). */
  open(): Promise<Engine>;
  /** JSON lines instead of text lines. */
  json: boolean;
  /** The FWPM_NET_EVENT_TYPE values to show. */
  kinds: ReadonlySet<number>;
  /** An event as its JSON object and text line (`engine` is the session it arrived on). */
  render(event: NetEvent1, engine: Engine): RenderedEvent;
  /** Writes a chunk of stdout text (whole lines). */
  write(text: string): void;
  /** A message for the operator (stderr). */
  warn(message: string): void;
  /** Stops following when aborted. */
  signal: AbortSignal;
  /** Recorded events at or after this time are shown first (then the live ones, without repeats). */
  since?: Date;
  /** How often the engine is probed, ms (default 1000). */
  probeMs?: number;
  /** How often reconnecting is tried after the engine went away, ms (default 1000). */
  retryMs?: number;
}

/**
 * The error names that mean "the engine is not there" rather than "this call is wrong": the RPC binding to
 * BFE is gone or BFE is not running. Which one a client sees is not documented per case, so any of them
 * counts (docs/windows-verification.md, "net-event subscription when BFE stops").
 */
const ENGINE_GONE = new Set([
  "RPC_S_SERVER_UNAVAILABLE",
  "RPC_S_CALL_FAILED",
  "EPT_S_NOT_REGISTERED",
]);

/** True when `e` is an engine error meaning the engine went away (or is not running). */
export function isEngineGone(e: unknown): boolean {
  const name = (e as { errorName?: unknown })?.errorName;
  return typeof name === "string" && ENGINE_GONE.has(name) && name in ERRORS;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

function errorFields(e: unknown): Record<string, unknown> {
  const err = e as { errorName?: string; hex?: string; message?: string };
  return { wfpName: err?.errorName ?? null, wfpCode: err?.hex ?? null, message: err?.message ?? String(e) };
}

/** The far future as an enumeration window start: a probe that returns nothing but still needs the engine. */
const PROBE_WINDOW = { startTime: { dwLowDateTime: 0xffffffff, dwHighDateTime: 0x7ffffffe } };

/**
 * Follows net events until `opts.signal` aborts; returns the exit code (0). Throws when the first session
 * cannot be opened or subscribed (nothing was followed), or on an engine error that is not the engine going
 * away.
 */
export async function follow(opts: FollowOptions): Promise<number> {
  const { signal } = opts;
  const probeMs = opts.probeMs ?? 1000, retryMs = opts.retryMs ?? 1000;
  let pending: string[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    flushTimer = undefined;
    if (!pending.length) return;
    const text = pending.join("");
    pending = [];
    opts.write(text);
  };
  const emitLine = (line: string) => {
    pending.push(line + "\n");
    // Batched: a burst of callbacks becomes a few large writes, not one write per event.
    if (pending.length >= 512) flush();
    else flushTimer ??= setTimeout(flush, 0);
  };
  const emitStatus = (status: string, message: string, extra: Record<string, unknown> = {}) => {
    opts.warn(`wfpsec events: ${message}`);
    if (opts.json) {
      emitLine(
        JSON.stringify({ record: "status", status, time: new Date().toISOString(), message, ...extra }),
      );
    }
  };

  let engine: Engine | undefined;
  let sub: NetEventSubscription | undefined;
  // While history is replayed (--since), live events wait here; afterwards they go straight out.
  let queue: NetEvent1[] | null = null;
  const show = (e: NetEvent1) => {
    if (!opts.kinds.has(e.type) || !engine) return;
    const r = opts.render(e, engine);
    emitLine(opts.json ? JSON.stringify({ record: "event", ...r.json }) : r.text);
  };
  const onEvent = (e: NetEvent1) => {
    if (queue) queue.push(e);
    else show(e);
  };
  const subscribeOn = (en: Engine): NetEventSubscription => {
    const ops = en.netEvents;
    if (!ops?.subscribeNetEvents) {
      throw new Error(`${en.info.description} has no net-event subscription (FwpmNetEventSubscribe0)`);
    }
    return ops.subscribeNetEvents(onEvent);
  };
  const teardown = async () => {
    const s = sub, en = engine;
    sub = undefined;
    engine = undefined;
    // The engine may be gone: cancelling and closing then fail, and nothing more is owed to it.
    try {
      await s?.unsubscribe();
    } catch { /* already cancelled with the engine */ }
    try {
      en?.close();
    } catch { /* the session died with the engine */ }
  };

  engine = await opts.open();
  try {
    if (opts.since) queue = [];
    sub = subscribeOn(engine);
    if (opts.since && engine.netEvents) {
      const history = engine.netEvents.enumNetEvents({ startTime: fileTimeOf(opts.since) });
      const seen = new Set<string>();
      for (const e of history) {
        seen.add(eventKey(e));
        show(e);
      }
      const live = queue ?? [];
      queue = null;
      // An event recorded between subscribing and enumerating is in both: shown once.
      for (const e of live) if (!seen.has(eventKey(e))) show(e);
    }
    queue = null;
    emitStatus("following", `following net events in ${engine.info.description} (Ctrl+C stops)`);
    flush();
    while (!signal.aborted) {
      await sleep(probeMs, signal);
      if (signal.aborted) break;
      try {
        engine?.netEvents?.enumNetEvents(PROBE_WINDOW);
        continue;
      } catch (e) {
        if (!isEngineGone(e)) throw e;
        flush();
        emitStatus(
          "engine-lost",
          `the filter engine went away (${(e as { errorName?: string }).errorName}); ` +
            `waiting for it to come back (events until then are lost)`,
          { error: errorFields(e) },
        );
      }
      await teardown();
      // Reconnect: a new session and subscription once the engine answers again.
      while (!signal.aborted) {
        await sleep(retryMs, signal);
        if (signal.aborted) break;
        try {
          engine = await opts.open();
          sub = subscribeOn(engine);
          emitStatus("resumed", `the filter engine is back (${engine.info.description}); following again`);
          break;
        } catch (e) {
          if (!isEngineGone(e)) throw e;
          await teardown();
        }
      }
    }
  } finally {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flush();
    await teardown();
    flush();
  }
  return 0;
}

/** Identity of an event for de-duplicating the --since replay against live delivery. */
function eventKey(e: NetEvent1): string {
  return JSON.stringify(
    e,
    (_k, v) => typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? [...v] : v,
  );
}
