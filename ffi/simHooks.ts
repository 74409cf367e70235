/**
 * Typed access to fwpsim's test hooks (exports prefixed Sim; not part of WFP). `simHooks()` returns null
 * for a real fwpuclnt, so test code cannot mistake Windows for the simulator.
 */
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
  };
}
