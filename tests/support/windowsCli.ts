/**
 * Runs the wfpsec CLI as a new process of the Windows deno.exe (the Wine tier) the way an administrator runs
 * it on Windows: no `--engine`, so the engine is System32's fwpuclnt.dll (fwpsim under Wine), and only the
 * simulator's state file (a Windows path) is test-specific. Shared by tests/wine/*.
 */

/** One run's exit code and output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI = new URL("../../cli.ts", import.meta.url);

/** Runs `wfpsec ARGS` with FWPSIM_STATE=`statePath` and the engine variables cleared. */
export async function wfpsecOnWindows(statePath: string, ...args: string[]): Promise<CliRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-ffi",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      "--allow-sys",
      "--no-check",
      CLI.href,
      ...args,
    ],
    // The production default on Windows; only the simulator's state file is test-specific.
    env: { FWPSIM_STATE: statePath, NO_COLOR: "1", WFPSEC_ENGINE: "", WFPSEC_FWPSIM_LIB: "" },
    stdin: "null",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}
