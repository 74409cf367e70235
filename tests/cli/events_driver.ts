/**
 * Injects net events into fwpsim, then runs wfpsec command lines in the SAME process (fwpsim keeps its net
 * events in process memory). Argument: JSON `{events, runs}`; `events` are FWPM_NET_EVENT1 values with u64s
 * as `{"$u64": "decimal"}` and byte arrays as `{"$bytes": [..]}`; each run prints `@@wfpsec-exit <code>@@`
 * after it, like manual_sa_driver.ts. The injection uses the simulator's test hook SimInjectNetEvent.
 */
import { main } from "../../cli.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { simHooks } from "../support/simHooks.ts";
import type { NetEvent1 } from "../../modules/engine/port.ts";

const { events, runs } = JSON.parse(Deno.args[0], (_k, v) => {
  if (v && typeof v === "object" && "$u64" in v) return BigInt(v.$u64);
  if (v && typeof v === "object" && "$bytes" in v) return new Uint8Array(v.$bytes);
  return v;
}) as { events: NetEvent1[]; runs: string[][] };

const hooks = simHooks(loadLibrary({ simulator: true }));
if (!hooks) throw new Error("the simulator library has no Sim* test hooks");
for (const e of events) hooks.injectNetEvent(e);
for (const args of runs) {
  const code = await main(args);
  console.log(`@@wfpsec-exit ${code}@@`);
  console.error(`@@wfpsec-exit ${code}@@`);
}
