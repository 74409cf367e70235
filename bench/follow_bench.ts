/**
 * Follow-loop memory bench (part of `deno task bench`): `events --follow`'s loop (modules/monitor/follow.ts
 * with the CLI's JSON rendering) subscribed to fwpsim in this process while N net events are injected in
 * batches of 1,000 and delivered through the thread-safe callback. After each checkpoint the JS heap is
 * measured after a full GC; the verdict is the heap growth from the first checkpoint (the baseline, same
 * run) to the last, per event: the loop keeps nothing per event, so it must stay under TARGET_BYTES_PER_EVENT
 * (exit 1 otherwise). The simulator keeps every injected event (for enumeration, in C memory, not the JS
 * heap), so RSS is printed for information only.
 *
 * Usage: deno run --allow-ffi --allow-read --allow-env --v8-flags=--expose-gc bench/follow_bench.ts [N]
 */
import { openEngine } from "../modules/engine/ffi.ts";
import { loadLibrary } from "../ffi/library.ts";
import { simHooks } from "../tests/support/simHooks.ts";

import { EVENT_TYPES, eventLine, follow, netEventJson } from "../modules/monitor/mod.ts";
import { mmFailure } from "../tests/support/netEvents.ts";

const N = Number(Deno.args[0] ?? 100_000);
const CHECKPOINTS = [N / 10, N / 2, N].map(Math.round);
const BATCH = 1000;
const TARGET_BYTES_PER_EVENT = 16;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --v8-flags=--expose-gc");

const lib = loadLibrary({ simulator: true });
const hooks = simHooks(lib);
if (!hooks) throw new Error(`${lib.path} is not fwpsim`);
hooks.reset();
hooks.setStatePath(null); // in-process events: the bench measures the loop, not the journal file

let lines = 0, bytes = 0;
let started!: () => void;
const ready = new Promise<void>((r) => started = r);
const ac = new AbortController();
const run = follow({
  open: () => Promise.resolve(openEngine({ simulator: true, library: lib.path })),
  json: true,
  kinds: new Set(Object.values(EVENT_TYPES)),
  render: (e) => {
    const json = netEventJson(e) as Record<string, unknown>;
    return { json, text: eventLine(e, json) };
  },
  write: (text) => {
    bytes += text.length;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    if (lines >= 1) started();
  },
  warn: () => {},
  signal: ac.signal,
  probeMs: 200,
});
await ready; // the "following" status line: subscribed

const heapAfterGc = () => {
  gc();
  gc();
  return Deno.memoryUsage().heapUsed;
};
const rows: { events: number; heapMb: number; rssMb: number; ms: number }[] = [];
let injected = 0;
const t0 = performance.now();
for (const cp of CHECKPOINTS) {
  while (injected < cp) {
    const n = Math.min(BATCH, cp - injected);
    for (let i = 0; i < n; i++) hooks.injectNetEvent(mmFailure(injected + i));
    injected += n;
    while (lines < injected + 1) await new Promise((r) => setTimeout(r, 1));
  }
  rows.push({
    events: cp,
    heapMb: heapAfterGc() / 1048576,
    rssMb: Deno.memoryUsage().rss / 1048576,
    ms: performance.now() - t0,
  });
}
ac.abort();
await run;
hooks.reset();

for (const r of rows) {
  console.log(
    `follow: ${String(r.events).padStart(7)} events  heap ${r.heapMb.toFixed(2)} MB  rss ${
      r.rssMb.toFixed(1)
    } MB  ` +
      `${(r.events / (r.ms / 1000)).toFixed(0)} events/s`,
  );
}
const first = rows[0], last = rows[rows.length - 1];
const perEvent = ((last.heapMb - first.heapMb) * 1048576) / (last.events - first.events);
const ratio = last.heapMb / first.heapMb;
console.log(
  `follow: heap ${ratio.toFixed(3)}x the ${first.events}-event baseline after ${last.events} events ` +
    `(${
      perEvent.toFixed(2)
    } bytes/event; target <= ${TARGET_BYTES_PER_EVENT}); ${bytes} bytes of JSON lines written`,
);
if (perEvent > TARGET_BYTES_PER_EVENT) {
  console.log("follow: FAIL: the follow loop's heap grows with the number of events");
  Deno.exit(1);
}
