/**
 * The scheduled task's trust chain: the environment alone cannot make `apply --if-drifted` use the
 * simulator, and the simulator library is found relative to the installation (modules beside it, or the
 * executable), never in the current directory or, when the environment is not trusted, WFPSEC_FWPSIM_LIB.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, ROOT, tempDir, testPolicy, wfpsec } from "./helpers.ts";
import { fwpsimLibrary } from "../../modules/engine/select.ts";

const ignore = !haveSim();

Deno.test(
  { name: "WFPSEC_ENGINE=sim alone does not make apply --if-drifted apply to the simulator", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());
    const r = await wfpsec(["apply", policy, "--if-drifted"], { WFPSEC_ENGINE: "sim", FWPSIM_STATE: state });
    assert.equal(r.code, 1, r.stdout);
    const line = JSON.parse(r.stdout);
    assert.equal(line.outcome, "failed");
    assert.equal(line.error.type, "UsageError");
    assert.match(line.error.message, /WFPSEC_ENGINE is ignored by apply --if-drifted/);
    assert.deepEqual(JSON.parse(await engineState(state)).filters, [], "nothing was applied");
    // Named on the command line, the simulator is used (and says so).
    const ok = await wfpsec(["apply", policy, "--if-drifted", "--engine", "sim", "--sim-state", state]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(JSON.parse(ok.stdout).outcome, "applied");
  },
);

Deno.test("the simulator library is never taken from the current directory", () => {
  const dir = tempDir();
  Deno.mkdirSync(`${dir}/build`);
  const planted = `${dir}/build/${Deno.build.os === "windows" ? "fwpuclnt.dll" : "libfwpsim.so"}`;
  Deno.writeTextFileSync(planted, "planted");
  const cwd = Deno.cwd();
  const saved = Deno.env.get("WFPSEC_FWPSIM_LIB");
  Deno.chdir(dir);
  try {
    Deno.env.delete("WFPSEC_FWPSIM_LIB");
    // Run from source: the repository's build folder; compiled (no file: module URL): the executable's.
    assert.equal(fwpsimLibrary(), `${ROOT}/build/libfwpsim.so`);
    const compiled = fwpsimLibrary(false, "https://example.invalid/modules/engine/select.ts");
    assert.notEqual(compiled, planted);
    assert.ok(!compiled.startsWith(dir), compiled);
    const exeDir = Deno.execPath().replace(/[\\/][^\\/]*$/, "");
    assert.equal(compiled, `${exeDir}/build/libfwpsim.so`);
    // An untrusted environment does not choose the library either.
    Deno.env.set("WFPSEC_FWPSIM_LIB", planted);
    assert.equal(fwpsimLibrary(), planted);
    assert.equal(fwpsimLibrary(true), `${ROOT}/build/libfwpsim.so`);
  } finally {
    Deno.chdir(cwd);
    if (saved === undefined) Deno.env.delete("WFPSEC_FWPSIM_LIB");
    else Deno.env.set("WFPSEC_FWPSIM_LIB", saved);
  }
});
