/**
 * The two halves of a net-event subscription through FFI (FwpmNetEventSubscribe0): the thread-safe callback
 * BFE calls on a thread of its own (Deno runs it on the JS thread while that thread waits, so the event
 * pointer is valid while it is decoded), and the subscription object whose `unsubscribe` closes the callback
 * only after FwpmNetEventUnsubscribe0 has returned, when no call can come any more.
 */
import { decodeAt } from "../../ffi/codec.ts";
import { WfpError } from "../../ffi/errors.ts";
import type { FwpSymbols } from "../../ffi/symbols.ts";
import type { NetEvent1, NetEventSubscription } from "./port.ts";

const CALLBACK = { parameters: ["pointer", "pointer"], result: "void" } as const;

/** The callback for FwpmNetEventSubscribe0, delivering decoded events to `onEvent`. */
export function netEventCallback(onEvent: (event: NetEvent1) => void): Deno.UnsafeCallback<typeof CALLBACK> {
  return Deno.UnsafeCallback.threadSafe(
    CALLBACK,
    (_context, event) => {
      if (!event) return;
      // Decoding copies everything out; an exception must not unwind into the engine's thread.
      let decoded: NetEvent1;
      try {
        decoded = decodeAt("FWPM_NET_EVENT1", BigInt(Deno.UnsafePointer.value(event)));
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
        return;
      }
      try {
        onEvent(decoded);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    },
  );
}

/** The subscription handed to the caller; `unsubscribe` runs once, off the JS thread (nonblocking binding). */
export function subscriptionOf(
  unsubscribe: NonNullable<FwpSymbols["FwpmNetEventUnsubscribe0"]>,
  h: Deno.PointerObject,
  eventsHandle: Deno.PointerValue,
  callback: Deno.UnsafeCallback<typeof CALLBACK>,
): NetEventSubscription {
  let done: Promise<void> | undefined;
  return {
    unsubscribe: () =>
      done ??= (async () => {
        try {
          const urc = await unsubscribe(h, eventsHandle);
          if (urc !== 0) throw new WfpError("FwpmNetEventUnsubscribe0", urc, { kind: "subscription" });
        } finally {
          callback.close();
        }
      })(),
  };
}
