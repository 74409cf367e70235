/**
 * fwpsim, seen from the product: whether a library is the simulator (it exports `SimSetStatePath`, which
 * fwpuclnt.dll never does), and handing it the state file of `--engine sim --sim-state FILE`. Opened as a
 * second handle on the same library, so fwpuclnt's symbol table (symbols.ts) holds WFP exports only; the
 * handle stays open for the process, because closing the last handle would unload fwpsim and its state.
 * The test hooks (fault injection, allocation counts, injected events) are the tests' own
 * (tests/support/simHooks.ts).
 */
import { errorName, ERRORS } from "./constants.ts";
import { EngineUnavailableError } from "./errors.ts";
import { type ErrorType, WfpsecError } from "./wfpsecError.ts";

const PROBE = {
  SimSetStatePath: { parameters: ["buffer"], result: "u32", optional: true },
  // Why fwpsim refused its state file (a static C string; empty when it did not).
  SimStateProblem: { parameters: [], result: "pointer", optional: true },
  SimServiceRunning: { parameters: ["buffer"], result: "u32", optional: true },
} as const;

const opened = new Map<string, Deno.DynamicLibrary<typeof PROBE>>();

function probe(path: string): Deno.DynamicLibrary<typeof PROBE> {
  let lib = opened.get(path);
  if (!lib) {
    try {
      lib = Deno.dlopen(path, PROBE);
    } catch (e) {
      // Not a loadable library (a stray file, the wrong architecture): the command line's mistake.
      throw new EngineUnavailableError(
        `cannot load ${path} as the engine library (for fwpsim: build it with "bash scripts/build-fwpsim.sh" ` +
          `or set WFPSEC_FWPSIM_LIB): ${(e as Error).message}`,
      );
    }
    opened.set(path, lib);
  }
  return lib;
}

/** True when the library at `path` is fwpsim. */
export function isFwpsim(path: string): boolean {
  return probe(path).symbols.SimSetStatePath !== null;
}

/**
 * Raised when fwpsim refuses the state file: JSON type `WfpError` with the Win32/FWP `code` it returned
 * (ERROR_FILE_CORRUPT when the file fails fwpsim's checks; `problem` then says which and where).
 */
export class SimStateError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "WfpError";
  /** fwpsim refused `statePath` with `code`, for the reason `problem` (fwpsim's SimStateProblem). */
  constructor(readonly code: number, readonly statePath: string, readonly problem = "") {
    const c = code >>> 0;
    const wfpName = errorName(c) ?? "UNKNOWN", wfpCode = "0x" + c.toString(16).padStart(8, "0");
    super(
      c === ERRORS.ERROR_FILE_CORRUPT.code
        ? `fwpsim state file ${statePath} is corrupt (${problem || "it fails fwpsim's checks"}): ` +
          "delete it or restore a good copy; nothing was changed"
        : `fwpsim could not use the state file ${statePath}: ${wfpName} (${wfpCode})` +
          (problem ? `: ${problem}` : ""),
      { wfp: { wfpName, wfpCode, code: c } },
    );
  }
}

/**
 * Makes fwpsim persist to `statePath` (before the engine opens). A variable set in this process is not seen
 * by a Windows DLL's C runtime (fwpsim under Wine reads FWPSIM_STATE with getenv), hence the hook.
 */
export function setSimStatePath(library: string, statePath: string): void {
  const set = probe(library).symbols.SimSetStatePath;
  if (!set) throw new Error(`${library} is not fwpsim (no SimSetStatePath)`);
  const rc = set(new TextEncoder().encode(statePath + "\0"));
  if (rc !== 0) throw new SimStateError(rc, statePath, simStateProblem(library));
}

/** fwpsim's reason for refusing its last state file ("" when it did not, or an older fwpsim). */
export function simStateProblem(library: string): string {
  const problem = probe(library).symbols.SimStateProblem;
  const p = problem ? problem() : null;
  return p ? Deno.UnsafePointerView.getCString(p) : "";
}

/**
 * Whether fwpsim simulates the Windows service `name` (BFE, IKEEXT) as running: the simulator's stand-in for
 * the service control manager, set by the test environment (FWPSIM_STOPPED_SERVICES). Only ever asked when
 * the engine in use IS fwpsim; a real engine's services come from the SCM (modules/host/services.ts).
 */
export function simServiceRunning(library: string, name: string): boolean {
  const fn = probe(library).symbols.SimServiceRunning;
  if (!fn) throw new Error(`${library} is not fwpsim (no SimServiceRunning)`);
  return fn(new TextEncoder().encode(name + "\0")) !== 0;
}
