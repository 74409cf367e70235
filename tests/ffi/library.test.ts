/** Which library the FFI layer loads, and what the engine says about it. */
import assert from "node:assert/strict";
import { EngineUnavailableError, resolveLibrary } from "../../ffi/library.ts";
import { WfpUsageError } from "../../ffi/errors.ts";
import { simTest } from "./helpers.ts";

Deno.test("off Windows, the real engine is refused with a hint to use the simulator", {
  ignore: Deno.build.os === "windows",
}, () => {
  assert.throws(
    () => resolveLibrary({}),
    (e) => e instanceof EngineUnavailableError && /--engine sim/.test(e.message),
  );
});

Deno.test("the simulator library comes from WFPSEC_FWPSIM_LIB, else <repo>/build/libfwpsim.so", {
  ignore: Deno.build.os === "windows",
}, () => {
  const saved = Deno.env.get("WFPSEC_FWPSIM_LIB");
  try {
    Deno.env.set("WFPSEC_FWPSIM_LIB", "/opt/x/libfwpsim.so");
    assert.deepEqual(resolveLibrary({ simulator: true }), {
      path: "/opt/x/libfwpsim.so",
      requested: "fwpsim",
    });
    Deno.env.delete("WFPSEC_FWPSIM_LIB");
    const root = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
    assert.equal(resolveLibrary({ simulator: true }).path, `${root}/build/libfwpsim.so`);
  } finally {
    if (saved === undefined) Deno.env.delete("WFPSEC_FWPSIM_LIB");
    else Deno.env.set("WFPSEC_FWPSIM_LIB", saved);
  }
});

simTest("a closed session refuses further calls with a usage error; close is idempotent", ({ open }) => {
  const e = open();
  e.close();
  e.close();
  assert.throws(() => e.enumProviders(), (err) => err instanceof WfpUsageError && /closed/.test(err.message));
});
