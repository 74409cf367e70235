/**
 * Shared harness for FFI tests against fwpsim: every test starts from a reset simulator with a private
 * state file, closes the sessions it opened, and must end with zero outstanding engine allocations
 * (everything the engine handed out was released with FwpmFreeMemory0 exactly once).
 */
import assert from "node:assert/strict";
import { type FfiEngine, openEngine, type OpenEngineOptions } from "../../modules/engine/ffi.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { WfpError } from "../../ffi/errors.ts";
import { type SimHooks, simHooks } from "../support/simHooks.ts";

/** The simulator library (WFPSEC_FWPSIM_LIB or build/libfwpsim.so); loading it fails loudly when missing. */
export const lib = loadLibrary({ simulator: true });
const maybeHooks = simHooks(lib);
if (!maybeHooks) throw new Error(`${lib.path} does not export the Sim* test hooks: not fwpsim`);
export const hooks: SimHooks = maybeHooks;

/** What a simulator test gets. */
export interface SimContext {
  /** A session opened for the test (persistent unless `dynamic` was asked). */
  engine: FfiEngine;
  hooks: SimHooks;
  /** Opens another session (closed automatically at the end). */
  open(opts?: OpenEngineOptions): FfiEngine;
  /** This test's private state file. */
  statePath: string;
}

/** Registers a Deno test that runs `fn` against a fresh fwpsim and checks for leaked engine memory. */
export function simTest(
  name: string,
  fn: (t: SimContext) => void | Promise<void>,
  opts: OpenEngineOptions = {},
): void {
  Deno.test(name, async () => {
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-ffi-" });
    const statePath = `${dir}/state.bin`;
    hooks.reset();
    hooks.setStatePath(statePath);
    const opened: FfiEngine[] = [];
    const open = (o: OpenEngineOptions = {}) => {
      const e = openEngine({ simulator: true, library: lib.path, ...o });
      opened.push(e);
      return e;
    };
    try {
      const engine = open(opts);
      await fn({ engine, hooks, open, statePath });
    } finally {
      hooks.failNthMutation(0, 0);
      for (const e of opened) e.close();
      hooks.reset();
      hooks.setStatePath(null);
      Deno.removeSync(dir, { recursive: true });
    }
    assert.equal(hooks.outstandingAllocations(), 0n, "engine allocations not released with FwpmFreeMemory0");
  });
}

export { normalized } from "./normalize.ts";

/** Asserts that `fn` throws a WfpError with the given FWP_E_* name (and returns it). */
export function assertWfpError(fn: () => unknown, name: string): WfpError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WfpError, `expected a WfpError ${name}, got ${e}`);
    assert.equal(e.errorName, name, `expected ${name}, got ${e.errorName}: ${e.message}`);
    return e;
  }
  assert.fail(`expected ${name}, but nothing was thrown`);
}
