/**
 * The armed confirm record holds keys: on Windows it is restricted to Administrators and SYSTEM before any
 * key is written (modules/host/adminOnlyFile.ts). Checked here with a fake icacls; on a real host by
 * tests/windows/confirm.test.ts "CR3".
 */
import assert from "node:assert/strict";
import { adminOnlyArgs, restrictToAdministrators } from "../../../modules/host/adminOnlyFile.ts";
import { SafetyError } from "../../../modules/errors.ts";

Deno.test("the record's ACL: inherited entries removed, full control for Administrators and SYSTEM by SID", () => {
  const calls: string[][] = [];
  restrictToAdministrators("C:\\ProgramData\\wfpsec\\apply.confirm.json.tmp-42", (a) => {
    calls.push(a);
    return { success: true, stderr: "" };
  });
  assert.deepEqual(calls, [[
    "C:\\ProgramData\\wfpsec\\apply.confirm.json.tmp-42",
    "/inheritance:r",
    "/grant:r",
    "*S-1-5-32-544:(F)",
    "*S-1-5-18:(F)",
  ]]);
  assert.deepEqual(adminOnlyArgs("x")[0], "x");
});

Deno.test("an icacls failure is a SafetyError saying nothing was written", () => {
  assert.throws(
    () => restrictToAdministrators("C:\\p\\r.json", () => ({ success: false, stderr: "Access is denied." })),
    (e: unknown) =>
      e instanceof SafetyError &&
      /cannot make C:\\p\\r\.json readable by administrators only \(icacls: Access is denied\.\); it would hold keys, so nothing was written/
        .test(e.message),
  );
});

Deno.test("off Windows nothing runs (the record is created with mode 0600 instead)", () => {
  if (Deno.build.os === "windows") return;
  restrictToAdministrators("/tmp/x"); // would throw if it tried to start icacls
});
