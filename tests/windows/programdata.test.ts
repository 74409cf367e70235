/**
 * HD1 (docs/windows-verification.md): on a real host, ProgramData derived from GetSystemDirectoryW's drive is
 * the folder Windows itself uses (the value of %ProgramData% in a clean, unmodified environment).
 * Elsewhere the test is reported as skipped with the reason in its name.
 */
import assert from "node:assert/strict";
import { programDataDirectory } from "../../ffi/kernel32.ts";

const onWindows = Deno.build.os === "windows";

Deno.test({
  name: onWindows
    ? "HD1: ProgramData from System32's drive is the system's ProgramData"
    : "HD1 (skipped: not Windows)",
  ignore: !onWindows,
  fn: async () => {
    // Run from an unmodified session, %ProgramData% is the system's own value (the test must not set it).
    const out = await new Deno.Command("C:\\Windows\\System32\\cmd.exe", {
      args: ["/d", "/c", "echo %ProgramData%"],
    }).output();
    const fromSystem = new TextDecoder().decode(out.stdout).trim();
    assert.equal(programDataDirectory().toLowerCase(), fromSystem.toLowerCase());
  },
});
