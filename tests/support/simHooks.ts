/**
 * Typed access to fwpsim's test hooks (exports prefixed Sim; not part of WFP), opened by the tests as a
 * second handle on the library the engine loaded (the product's symbol table has none of them).
 * `simHooks()` returns null for a real fwpuclnt, so test code cannot mistake Windows for the simulator.
 */
import type { IkeextStatistics1, IpsecStatistics1, NetEvent1 } from "../../modules/engine/mod.ts";
import { Arena } from "../../ffi/codec.ts";
import { type LoadedLibrary, loadLibrary } from "../../ffi/library.ts";

/** fwpsim's test hooks (tests/support/fwpsim/hooks.c). */
export const SIM_SYMBOLS = {
  SimOutstandingAllocations: { parameters: [], result: "u64", optional: true },
  SimFailNthMutation: { parameters: ["u32", "u32"], result: "void", optional: true },
  SimReset: { parameters: [], result: "u32", optional: true },
  SimSetStatePath: { parameters: ["buffer"], result: "u32", optional: true },
  SimMutationCount: { parameters: [], result: "u32", optional: true },
  SimInjectNetEvent: { parameters: ["buffer"], result: "u32", optional: true },
  SimStopEngine: { parameters: ["u32"], result: "u32", optional: true },
  SimSetStatistics: { parameters: ["buffer", "buffer"], result: "u32", optional: true },
  SimBoot: { parameters: [], result: "u32", optional: true },
  SimSetAutoStartServices: { parameters: ["buffer"], result: "void", optional: true },
  SimStateProblem: { parameters: [], result: "pointer", optional: true },
} as const satisfies Deno.ForeignLibraryInterface;

// Kept open for the process: closing the last handle would unload fwpsim and its state.
const opened = new Map<string, Deno.DynamicLibrary<typeof SIM_SYMBOLS>>();

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
  /**
   * SimStopEngine: `true` stops the simulated BFE (needs a state file: the stop is seen by every process
   * using it), `false` starts it again. Throws when this fwpsim build lacks the hook or has no state file.
   */
  stopEngine(stopped: boolean): void;
  /**
   * SimSetStatistics: the counters IPsecGetStatistics1 / IkeextGetStatistics1 return from now on (an omitted
   * one is kept); with a state file every process using it reads them.
   */
  setStatistics(ipsec?: IpsecStatistics1, ikeext?: IkeextStatistics1): void;
  /**
   * Restarts BFE (tests/support/fwpsim/boot.c): sessions, dynamic and static objects, SA contexts and net
   * events are gone; persistent objects are reloaded from the state file with the service rule applied.
   * Returns fwpsim's status (ERROR_FILE_CORRUPT for a corrupt state file).
   */
  boot(): number;
  /** Which services fwpsim treats as auto-start at boot (comma-separated names; null: its built-in table). */
  setAutoStartServices(names: string[] | null): void;
  /** Why fwpsim refused its last state file ("" when it did not). */
  stateProblem(): string;
  /** Sets the state file path and returns fwpsim's status instead of throwing. */
  trySetStatePath(path: string | null): number;
}

/** The hooks of `lib` (default: the simulator library), or null when it is not fwpsim. */
export function simHooks(lib?: LoadedLibrary): SimHooks | null {
  const l = lib ?? loadLibrary({ simulator: true });
  let handle = opened.get(l.path);
  if (!handle) {
    handle = Deno.dlopen(l.path, SIM_SYMBOLS);
    opened.set(l.path, handle);
  }
  const s = handle.symbols;
  const outstanding = s.SimOutstandingAllocations;
  const fail = s.SimFailNthMutation;
  const reset = s.SimReset;
  const count = s.SimMutationCount;
  const setPath = s.SimSetStatePath;
  const inject = s.SimInjectNetEvent;
  const stop = s.SimStopEngine;
  const setStats = s.SimSetStatistics;
  const boot = s.SimBoot, autoStart = s.SimSetAutoStartServices, problem = s.SimStateProblem;
  const need = <T>(f: T | null, name: string): T => {
    if (!f) throw new Error(`${name} is not exported by ${l.path}`);
    return f;
  };
  const cstr = (text: string) => new TextEncoder().encode(text + "\0");
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
      const rc = setPath(path === null ? null : cstr(path));
      if (rc !== 0) throw new Error(`SimSetStatePath failed: 0x${rc.toString(16)}`);
    },
    trySetStatePath: (path) => setPath(path === null ? null : cstr(path)),
    boot: () => need(boot, "SimBoot")(),
    setAutoStartServices: (names) =>
      need(autoStart, "SimSetAutoStartServices")(names === null ? null : cstr(names.join(","))),
    stateProblem: () => {
      const p = need(problem, "SimStateProblem")();
      return p ? Deno.UnsafePointerView.getCString(p) : "";
    },
    injectNetEvent: (event) => {
      if (!inject) throw new Error(`SimInjectNetEvent is not exported by ${l.path}`);
      // The arena (event, payload, strings) stays referenced until the call returns; fwpsim copies it all.
      const arena = new Arena(4096);
      const rc = inject(arena.view(arena.encode("FWPM_NET_EVENT1", event)));
      if (rc !== 0) throw new Error(`SimInjectNetEvent failed: 0x${rc.toString(16)}`);
    },
    stopEngine: (stopped) => {
      if (!stop) throw new Error(`SimStopEngine is not exported by ${l.path}`);
      const rc = stop(stopped ? 1 : 0);
      if (rc !== 0) throw new Error(`SimStopEngine failed: 0x${rc.toString(16)}`);
    },
    setStatistics: (ipsec, ikeext) => {
      if (!setStats) throw new Error(`SimSetStatistics is not exported by ${l.path}`);
      // One arena each: encode() starts its arena over.
      const a = new Arena(1024), b = new Arena(4096);
      const i = ipsec ? a.view(a.encode("IPSEC_STATISTICS1", ipsec)) : null;
      const k = ikeext ? b.view(b.encode("IKEEXT_STATISTICS1", ikeext)) : null;
      const rc = setStats(i, k);
      if (rc !== 0) throw new Error(`SimSetStatistics failed: 0x${rc.toString(16)}`);
    },
  };
}
