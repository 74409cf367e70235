/**
 * ProgramData (home of the apply lock and the host secret) comes from System32's drive as GetSystemDirectoryW
 * reports it, never from %ProgramData%, which the caller controls; what cannot be derived is refused.
 */
import assert from "node:assert/strict";
import { programDataFor } from "../../../ffi/kernel32.ts";
import { SystemFolderError } from "../../../ffi/errors.ts";

Deno.test("ProgramData is the root of System32's drive", () => {
  assert.equal(programDataFor("C:\\Windows\\System32"), "C:\\ProgramData");
  assert.equal(programDataFor("d:\\WINNT\\system32"), "D:\\ProgramData");
});

Deno.test("a System32 path that is not a drive path is refused with a typed error naming it", () => {
  for (
    const bad of [
      "",
      "\\\\server\\share\\System32",
      "\\\\?\\C:\\Windows\\System32",
      "C:",
      "C:\\Win\u0000dows",
      "1:\\x",
    ]
  ) {
    assert.throws(() => programDataFor(bad), (e) => {
      assert.ok(e instanceof SystemFolderError, `${JSON.stringify(bad)}: ${e}`);
      assert.equal(e.type, "SafetyError");
      assert.match(e.message, /cannot derive ProgramData/);
      return true;
    });
  }
});

Deno.test("the lock and the host key never read %ProgramData% from the environment", async () => {
  for (const file of ["modules/apply/lock.ts", "modules/plan/hostKey.ts"]) {
    const text = await Deno.readTextFile(new URL(`../../../${file}`, import.meta.url));
    assert.doesNotMatch(text, /Deno\.env\.get\(\s*["']ProgramData["']/i, file);
    assert.match(text, /programDataDirectory\(\)/, file);
  }
});
