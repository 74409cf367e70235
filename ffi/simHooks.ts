/**
 * Typed access to fwpsim's test hooks (exports prefixed Sim; not part of WFP). `simHooks()` returns null
 * for a real fwpuclnt, so test code cannot mistake Windows for the simulator.
 */
import type { NetEvent1 } from "../modules/engine.ts";
import { Arena } from "./codec.ts";
import { type LoadedLibrary, loadLibrary } from "./library.ts";

/** The simulator's test hooks. */
export interface SimHooks {
  /** Engine allocations handed to callers and not yet released with FwpmFreeMemory0. */
  outstandingAllocations(): bigint;
  /** The n-th mutating call from now fails with `code` (0 disables). */
  failNthMutation(n: number, code: number): void;
  /** Drops every non-built-in object and session (in memory only). */
  reset(): void;
  /** Mutating calls that changed state (to prove a re-apply changed nothing). */
  mutationCount(): number;
  /** Sets (or with null clears) the persistent state file path. */
  setStatePath(path: string | null): void;
  /**
   * Records one net event (IKE MM/QM/EM failure or IPsec kernel drop; fwpsim deep-copies it) for
   * FwpmNetEventEnum1 to return. Throws when this fwpsim build lacks SimInjectNetEvent or refuses the event.
   */
  injectNetEvent(event: NetEvent1): void;
}

/** The hooks of `lib` (default: the simulator library), or null when it is not fwpsim. */
export function simHooks(lib?: LoadedLibrary): SimHooks | null {
  const l = lib ?? loadLibrary({ simulator: true });
  const s = l.symbols;
  const outstanding = s.SimOutstandingAllocations;
  const fail = s.SimFailNthMutation;
  const reset = s.SimReset;
  const count = s.SimMutationCount;
  const setPath = s.SimSetStatePath;
  const inject = s.SimInjectNetEvent;
  if (!outstanding || !fail || !reset || !count || !setPath) return null;
  return {
    outstandingAllocations: () => outstanding(),
    failNthMutation: (n, code) => fail(n >>> 0, code >>> 0),
    reset: () => {
      const rc = reset();
      if (rc !== 0) throw new Error(`SimReset failed: 0x${rc.toString(16)}`);
    },
    mutationCount: () => count(),
    setStatePath: (path) => {
      const rc = setPath(path === null ? null : new TextEncoder().encode(path + "\0"));
      if (rc !== 0) throw new Error(`SimSetStatePath failed: 0x${rc.toString(16)}`);
    },
    injectNetEvent: (event) => {
      if (!inject) throw new Error(`SimInjectNetEvent is not exported by ${l.path}`);
      // The arena (event, payload, strings) stays referenced until the call returns; fwpsim copies it all.
      const arena = new Arena(4096);
      const rc = inject(arena.view(arena.encode("FWPM_NET_EVENT1", event)));
      if (rc !== 0) throw new Error(`SimInjectNetEvent failed: 0x${rc.toString(16)}`);
    },
  };
}
