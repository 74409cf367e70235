/**
 * Net-event subscriptions through FFI against fwpsim (FwpmNetEventSubscribe0 / FwpmNetEventUnsubscribe0,
 * FWPM_NET_EVENT_CALLBACK0 through a thread-safe Deno.UnsafeCallback):
 * - events recorded after subscribing arrive decoded, complete and in order; earlier ones do not;
 * - fwpsim calls the callback from a thread of its own, as BFE does (the JS thread is free meanwhile);
 * - another process's injections (through the state file's journal) arrive too;
 * - a burst of 10,000 events arrives complete and in order;
 * - unsubscribing stops delivery; closing the session cancels; subscribing inside a transaction is refused
 *   (BFE: FWP_E_TXN_IN_PROGRESS, Learn: FwpmNetEventSubscribe0 remarks; fwpsim's selftest proves its check);
 * - the engine going away (SimStopEngine) ends delivery, and the old session's calls fail with an RPC error.
 */
import assert from "node:assert/strict";
import { simTest } from "./helpers.ts";
import type { NetEvent1 } from "../../modules/engine/mod.ts";
import { WfpError, WfpUsageError } from "../../ffi/errors.ts";
import { mmFailure, qmFailure } from "../support/netEvents.ts";

const INJECTOR = new URL("../support/injectNetEvents.ts", import.meta.url).pathname;

/** Resolves when `pred()` holds (checked every 5 ms), rejects after `ms`. */
async function until(pred: () => boolean, ms = 20_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const seqOf = (e: NetEvent1) => Number(e.ikeMmFailure?.mmId ?? -1n);

simTest("events recorded after subscribing arrive decoded and in order; earlier ones do not", async (t) => {
  t.hooks.injectNetEvent(mmFailure(0)); // before: not delivered
  const got: NetEvent1[] = [];
  const sub = t.engine.subscribeNetEvents((e) => got.push(e));
  try {
    t.hooks.injectNetEvent(mmFailure(1));
    t.hooks.injectNetEvent(qmFailure(2, { filterId: 99n }));
    t.hooks.injectNetEvent(mmFailure(3));
    // Nothing is delivered while this (the JS) thread is busy: fwpsim's own thread calls back.
    assert.equal(got.length, 0);
    await until(() => got.length >= 3, 20_000, "3 events");
    assert.deepEqual(got.map((e) => e.type), [0, 1, 0]);
    assert.equal(seqOf(got[0]), 1);
    assert.equal(got[1].ikeQmFailure?.qmFilterId, 99n);
    assert.equal(seqOf(got[2]), 3);
    assert.equal(got[0].ikeMmFailure?.localPrincipalNameForAuth, "CORP\\host1$");
  } finally {
    await sub.unsubscribe();
  }
  t.hooks.injectNetEvent(mmFailure(4));
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(got.length, 3, "nothing arrives after unsubscribing");
  await sub.unsubscribe(); // idempotent
});

simTest("another process's injections arrive through the state file's journal", async (t) => {
  const got: NetEvent1[] = [];
  const sub = t.engine.subscribeNetEvents((e) => got.push(e));
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", INJECTOR, t.statePath, "burst", "5", "100"],
      stdout: "inherit",
      stderr: "inherit",
    });
    assert.equal((await child.output()).code, 0);
    await until(() => got.length >= 5, 20_000, "5 events from the other process");
    assert.deepEqual(got.map(seqOf), [100, 101, 102, 103, 104]);
    // and the recorded list has them too (enumeration reads the journal)
    assert.equal(t.engine.enumNetEvents().length, 5);
  } finally {
    await sub.unsubscribe();
  }
});

simTest("a burst of 10,000 injected events arrives complete and in order", async (t) => {
  const N = 10_000;
  const seqs: number[] = [];
  const sub = t.engine.subscribeNetEvents((e) => seqs.push(seqOf(e)));
  try {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) t.hooks.injectNetEvent(mmFailure(i));
    await until(() => seqs.length >= N, 120_000, `${N} events`);
    const ms = performance.now() - t0;
    console.log(`burst: ${N} events delivered in ${ms.toFixed(0)} ms`);
    assert.equal(seqs.length, N);
    assert.ok(seqs.every((s, i) => s === i), "every event once, in injection order");
  } finally {
    await sub.unsubscribe();
  }
});

simTest("subscribing inside a transaction is refused before the call (BFE: FWP_E_TXN_IN_PROGRESS)", (t) => {
  // fwpsim's own FWP_E_TXN_IN_PROGRESS is proven by its selftest; wfpsec says why before calling.
  t.engine.transaction(() => {
    assert.throws(() => t.engine.subscribeNetEvents(() => {}), WfpUsageError);
  });
});

simTest("closing the session cancels its subscription", async (t) => {
  const other = t.open();
  const got: NetEvent1[] = [];
  other.subscribeNetEvents((e) => got.push(e));
  other.close();
  t.hooks.injectNetEvent(mmFailure(1));
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(got.length, 0);
});

simTest("the engine going away ends delivery; the old session's calls fail with an RPC error", async (t) => {
  const got: NetEvent1[] = [];
  const sub = t.engine.subscribeNetEvents((e) => got.push(e));
  t.hooks.injectNetEvent(mmFailure(1));
  await until(() => got.length === 1, 20_000, "first event");
  t.hooks.stopEngine(true);
  try {
    assert.throws(
      () => t.engine.enumNetEvents(),
      (e: unknown) => e instanceof WfpError && e.errorName === "RPC_S_SERVER_UNAVAILABLE",
    );
    assert.throws(
      () => t.open(),
      (e: unknown) => e instanceof WfpError && e.errorName === "EPT_S_NOT_REGISTERED",
    );
    await assert.rejects(
      sub.unsubscribe(),
      (e: unknown) => e instanceof WfpError && e.errorName === "RPC_S_SERVER_UNAVAILABLE",
    );
  } finally {
    t.hooks.stopEngine(false);
  }
  // A restarted engine serves new sessions; the old one stays severed.
  const fresh = t.open();
  assert.deepEqual(fresh.enumNetEvents().length, 1);
  assert.throws(() => t.engine.enumNetEvents(), WfpError);
});
