/**
 * Net-event subscriptions against the real Base Filtering Engine (docs/windows-verification.md N1-N2):
 * FwpmNetEventSubscribe0 accepts wfpsec's FWPM_NET_EVENT_SUBSCRIPTION0 and Win64 callback pointer, the
 * nonblocking FwpmNetEventUnsubscribe0 returns ERROR_SUCCESS, and the follow loop's probe (an enumeration
 * with a far-future window) succeeds on a live engine. A real host cannot be made to fail IKE on demand, so
 * delivery itself is checked only in the rehearsal (fwpsim under Wine, events injected through its hook);
 * on Windows it is the manual N1 step.
 */
import assert from "node:assert/strict";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { simHooks } from "../support/simHooks.ts";
import type { NetEvent1 } from "../../modules/engine/mod.ts";
import { mmFailure } from "../support/netEvents.ts";
import { realHostMode } from "./host.ts";

const { rehearsal, runs, suffix } = realHostMode();

Deno.test({
  name: `real BFE: a net-event subscription is accepted, delivers, and is cancelled${suffix}`,
  ignore: !runs,
  async fn() {
    const engine = openEngine({ dynamic: true });
    try {
      const got: NetEvent1[] = [];
      const sub = engine.subscribeNetEvents((e) => got.push(e));
      // The follow loop's health probe: nothing in the far future, but it needs a live engine.
      const probe = { startTime: { dwLowDateTime: 0xffffffff, dwHighDateTime: 0x7ffffffe } };
      assert.deepEqual(engine.enumNetEvents(probe), []);
      if (rehearsal) {
        const hooks = simHooks(loadLibrary());
        assert.ok(hooks, "the rehearsal runs on fwpsim");
        hooks.injectNetEvent(mmFailure(42));
        const end = Date.now() + 20_000;
        while (!got.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
        assert.equal(got[0]?.ikeMmFailure?.mmId, 42n, "delivered through the Win64 callback");
      }
      await sub.unsubscribe();
    } finally {
      engine.close();
    }
  },
});
