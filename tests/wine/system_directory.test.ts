/**
 * fwpuclnt.dll is loaded from System32 as GetSystemDirectoryW reports it (ffi/kernel32.ts), not from
 * %SystemRoot%, which whoever starts wfpsec can set: under Wine (Windows deno.exe), a planted SystemRoot does
 * not move the library production code picks.
 */
import assert from "node:assert/strict";
import { resolveLibrary } from "../../ffi/library.ts";
import { systemDirectory } from "../../ffi/kernel32.ts";

const onWindows = Deno.build.os === "windows";

Deno.test({
  name: "the Windows fwpuclnt path comes from GetSystemDirectoryW, not %SystemRoot%",
  ignore: !onWindows,
}, () => {
  const sys = systemDirectory();
  assert.match(sys, /^[A-Za-z]:\\.*\\system32$/i);
  const saved = Deno.env.get("SystemRoot");
  Deno.env.set("SystemRoot", "C:\\planted");
  try {
    assert.equal(resolveLibrary().path, `${sys}\\fwpuclnt.dll`);
  } finally {
    if (saved === undefined) Deno.env.delete("SystemRoot");
    else Deno.env.set("SystemRoot", saved);
  }
});
