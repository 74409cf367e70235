/**
 * A second process that feeds fwpsim's net-event journal, as a test "from outside" does:
 *   deno run -A tests/support/injectNetEvents.ts STATE inject EVENTS_JSON   (eventsArg format)
 *   deno run -A tests/support/injectNetEvents.ts STATE burst N [FIRST]      (N numbered MM failures)
 *   deno run -A tests/support/injectNetEvents.ts STATE stop|start           (SimStopEngine)
 *   deno run -A tests/support/injectNetEvents.ts STATE stats ACTIVE_SAS     (SimSetStatistics, the rest zero)
 * STATE is the simulator state file the other process uses; its journal is STATE.netevents.
 */
import { loadLibrary } from "../../ffi/library.ts";
import { simHooks } from "./simHooks.ts";
import { mmFailure, parseEventsArg } from "./netEvents.ts";
import { ipsecStatistics } from "./statistics.ts";

const [state, verb, arg, first] = Deno.args;
const hooks = simHooks(loadLibrary({ simulator: true }));
if (!hooks) throw new Error("the simulator library has no Sim* test hooks");
hooks.setStatePath(state);
if (verb === "inject") { for (const e of parseEventsArg(arg)) hooks.injectNetEvent(e); }
else if (verb === "burst") {
  const from = Number(first ?? 0);
  for (let i = 0; i < Number(arg); i++) hooks.injectNetEvent(mmFailure(from + i));
} else if (verb === "stop" || verb === "start") hooks.stopEngine(verb === "stop");
else if (verb === "stats") {
  const ipsec = ipsecStatistics();
  ipsec.aggregateSaStatistics.activeSas = Number(arg);
  hooks.setStatistics(ipsec);
} else throw new Error(`unknown verb ${verb}`);
