/**
 * HD2/HD3 (docs/windows-verification.md) on a real, elevated host: the handle-based admin-only checks
 * (modules/host/safety.ts over ffi/fileSecurity.ts) accept a file wfpsec may trust and refuse the ones a
 * non-administrator could change, and wfpsec's ProgramData folder is created protected and admin-only.
 * - HD2: Windows' default ACLs of C:\ and C:\ProgramData pass the ancestor rule; a file in a folder made
 *   admin-only passes; the same file under C:\Users\Public (Users may write there) is refused.
 * - HD3: GetSecurityInfo's descriptor is self-relative (readSelfRelative refuses anything else), so the copy
 *   is complete; a directory created through SECURITY_ATTRIBUTES with a self-relative descriptor carries it.
 * - While the checked handle is open, another process cannot rename or overwrite the file.
 * Needs an elevated session; skipped (with the reason in the name) elsewhere and under Wine.
 */
import assert from "node:assert/strict";
import { checkAdminOnlyFile, isElevatedWindows } from "../../modules/host/safety.ts";
import { CheckedHandle, ensureAdminFolder, WFPSEC_FOLDER_RULE } from "../../ffi/fileSecurity.ts";
import { aclOk, aclProblems } from "../../ffi/aclCheck.ts";
import { decodeSecurityDescriptor } from "../../ffi/sddl.ts";
import { programDataDirectory } from "../../ffi/kernel32.ts";
import { SafetyError } from "../../modules/errors.ts";
import { probeWindowsHost } from "./host.ts";

const host = Deno.build.os === "windows" ? probeWindowsHost() : undefined;
const runs = host !== undefined && host.usable;
const skip = runs ? "" : ` (skipped: ${host?.reason ?? "not Windows"})`;

function icacls(...args: string[]) {
  const r = new Deno.Command("C:\\Windows\\System32\\icacls.exe", { args, stdout: "null", stderr: "piped" })
    .outputSync();
  assert.ok(r.success, new TextDecoder().decode(r.stderr));
}

Deno.test({
  name: `HD2: an admin-only file passes, the same file where Users may write is refused${skip}`,
  ignore: !runs,
  async fn() {
    assert.equal(await isElevatedWindows(), true, "these tests run elevated");
    const base = `${programDataDirectory()}\\wfpsec-test-${crypto.randomUUID().slice(0, 8)}`;
    Deno.mkdirSync(base);
    try {
      icacls(base, "/inheritance:r", "/grant:r", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F");
      icacls(base, "/setowner", "*S-1-5-32-544");
      const file = `${base}\\corp.yaml`;
      Deno.writeTextFileSync(file, "name: corp\n");
      const bytes = await checkAdminOnlyFile(file, "policy file", 1 << 20);
      assert.equal(new TextDecoder().decode(bytes), "name: corp\n");
      // Users may modify the folder: refused, nothing read.
      icacls(base, "/grant", "*S-1-5-32-545:(OI)(CI)M");
      await assert.rejects(() => checkAdminOnlyFile(file, "policy file", 1 << 20), SafetyError);
    } finally {
      Deno.removeSync(base, { recursive: true });
    }
    const pub = `C:\\Users\\Public\\wfpsec-test-${crypto.randomUUID().slice(0, 8)}.yaml`;
    Deno.writeTextFileSync(pub, "name: corp\n");
    try {
      await assert.rejects(() => checkAdminOnlyFile(pub, "policy file", 1 << 20), SafetyError);
    } finally {
      Deno.removeSync(pub);
    }
  },
});

Deno.test({
  name: `HD3: the checked handle keeps the file from being renamed or overwritten until it is closed${skip}`,
  ignore: !runs,
  fn() {
    const dir = Deno.makeTempDirSync();
    const file = `${dir}\\corp.yaml`;
    Deno.writeTextFileSync(file, "name: corp\n");
    const h = CheckedHandle.open(file, false);
    try {
      assert.throws(() => Deno.renameSync(file, `${dir}\\other.yaml`));
      assert.throws(() => Deno.writeTextFileSync(file, "name: evil\n"));
      assert.equal(decodeSecurityDescriptor(h.securityDescriptor()).owner !== undefined, true);
    } finally {
      h.close();
    }
    Deno.renameSync(file, `${dir}\\other.yaml`);
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test({
  name:
    `HD2: wfpsec's ProgramData folder is created protected and admin-only, and checked on every use${skip}`,
  ignore: !runs,
  fn() {
    const folder = `${programDataDirectory()}\\wfpsec-test-${crypto.randomUUID().slice(0, 8)}`;
    try {
      ensureAdminFolder(folder);
      const h = CheckedHandle.open(folder, true);
      try {
        assert.ok(aclOk(aclProblems(decodeSecurityDescriptor(h.securityDescriptor()), WFPSEC_FOLDER_RULE)));
      } finally {
        h.close();
      }
      ensureAdminFolder(folder); // an existing good folder passes
      icacls(folder, "/grant", "*S-1-5-32-545:(OI)(CI)W");
      assert.throws(() => ensureAdminFolder(folder), /refusing to use wfpsec's folder .*BUILTIN\\Users may/);
    } finally {
      Deno.removeSync(folder, { recursive: true });
    }
  },
});
