/**
 * The wfpsec CLI end to end on the Windows deno.exe, as an administrator would run it on Windows: no
 * `--engine` flag, so the engine is `%SystemRoot%\System32\fwpuclnt.dll` (fwpsim under Wine), a policy file
 * under a Windows path with spaces and non-ASCII characters, and each command in a new process (the state
 * crosses processes through fwpsim's state file, a Windows path). Every output must say it is the simulator.
 */
import assert from "node:assert/strict";
import { type CliRun, wfpsecOnWindows } from "../support/windowsCli.ts";

const onWindows = Deno.build.os === "windows";

type Run = CliRun;
const wfpsec = wfpsecOnWindows;

function doc(r: Run, command: string): Record<string, unknown> {
  assert.ok(r.stdout.trim().startsWith("{"), `${command}: not JSON:\n${r.stdout}\n${r.stderr}`);
  const d = JSON.parse(r.stdout);
  assert.equal(d.command, command);
  const engine = d.engine as Record<string, unknown>;
  assert.equal(engine.kind, "fwpsim", `${command} must report the simulator`);
  assert.equal(engine.simulated, true);
  assert.match(String(engine.source), /^[A-Za-z]:\\windows\\System32\\fwpuclnt\.dll$/i);
  return d;
}

Deno.test({
  name: onWindows
    ? "CLI on Windows paths: apply, plan in sync, re-apply no-op, edit, plan shows the edit, remove — and it says simulator"
    : "CLI under Wine (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  async fn() {
    const tmp = Deno.makeTempDirSync({ prefix: "wfpsec-cli-" });
    assert.match(tmp, /^[A-Za-z]:\\/);
    const dir = `${tmp}\\Richtlinien für Domäne`;
    Deno.mkdirSync(dir);
    const policy = `${dir}\\domain isolation.yaml`;
    const statePath = `${tmp}\\fwpsim-state.bin`; // fwpsim opens it with the ANSI API: kept ASCII
    const example = Deno.readTextFileSync(new URL("../../examples/domain-isolation.yaml", import.meta.url));
    Deno.writeTextFileSync(policy, example);
    try {
      let r = await wfpsec(statePath, "apply", policy, "--json");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      let d = doc(r, "apply");
      assert.equal(d.outcome, "applied");
      assert.equal((d.policy as Record<string, string>).file, policy);

      r = await wfpsec(statePath, "plan", policy);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /SIMULATOR: fwpsim \(simulator, not Windows\)/);
      assert.match(r.stdout, /In sync/);

      r = await wfpsec(statePath, "apply", policy, "--json");
      assert.equal(doc(r, "apply").outcome, "in-sync");

      // One edit: the quick-mode idle timeout.
      Deno.writeTextFileSync(
        policy,
        example.replace("idleTimeout: { seconds: 300,", "idleTimeout: { seconds: 600,"),
      );
      r = await wfpsec(statePath, "plan", policy, "--json");
      assert.equal(r.code, 2, "changes pending");
      d = doc(r, "plan");
      const changes = d.changes as { action: string; kind: string; fields?: string[] }[];
      assert.ok(changes.length > 0);
      assert.ok(
        changes.some((c) =>
          c.action === "replace" && c.kind === "providerContext" &&
          c.fields?.some((f) => /idleTimeoutSeconds$/.test(f))
        ),
        JSON.stringify(changes),
      );

      r = await wfpsec(statePath, "remove", "--json");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal((doc(r, "remove").removed as Record<string, number>).providers, 1);
      r = await wfpsec(statePath, "plan", policy, "--json");
      assert.equal(r.code, 2, "after remove everything is to be added again");
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});

/**
 * Regression found by this tier: `--sim-state` sets FWPSIM_STATE with Deno.env.set, which on Windows changes
 * the process environment block but not the C runtime's start-up copy that getenv() reads. fwpsim's Win32
 * build now reads the live environment (GetEnvironmentVariableA); Linux cannot show the difference.
 */
Deno.test({
  name: onWindows
    ? "CLI --engine sim --sim-state PATH persists across processes"
    : "CLI --sim-state under Wine (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  async fn() {
    const tmp = Deno.makeTempDirSync({ prefix: "wfpsec-cli-" });
    const statePath = `${tmp}\\sim.state`;
    const policy = new URL("../../examples/domain-isolation.yaml", import.meta.url).pathname.slice(1);
    try {
      const sim = ["--engine", "sim", "--sim-state", statePath, "--json"];
      let r = await wfpsec("", "apply", policy, ...sim);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      r = await wfpsec("", "plan", policy, ...sim);
      assert.equal(r.code, 0, `a new process sees the applied policy through ${statePath}`);
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});
