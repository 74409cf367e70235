/**
 * The handle-based file checks' Win32 calls (ffi/fileSecurity.ts) against a real Win32 implementation: the
 * Windows deno.exe under Wine (and on Windows itself). What is checked here is the binding, not Windows' ACL
 * semantics (tests/windows/file_security.test.ts settles those on a real host):
 * - CreateFileW opens the file and, holding FILE_SHARE_READ only, keeps writers and deleters out;
 * - GetSecurityInfo returns a self-relative descriptor with an owner and a DACL that decode;
 * - GetFinalPathNameByHandleW names the file in drive form; ReadFile returns its bytes within the budget;
 * - CreateDirectoryW with SECURITY_ATTRIBUTES creates a folder carrying the protected admin-only DACL;
 * - CheckTokenMembership answers without failing.
 */
import assert from "node:assert/strict";
import {
  CheckedHandle,
  createDirectoryWithSecurity,
  tokenIsAdministrator,
  WFPSEC_FOLDER_SDDL,
} from "../../ffi/fileSecurity.ts";
import { decodeSecurityDescriptor, sddlToSecurityDescriptor, sidFromString } from "../../ffi/sddl.ts";
import { FileSecurityError } from "../../ffi/errors.ts";
import { checkAdminOnlyFile } from "../../modules/host/safety.ts";
import { SafetyError } from "../../modules/errors.ts";

const onWindows = Deno.build.os === "windows";

function tempFolder(): string {
  return Deno.makeTempDirSync({ prefix: "wfpsec-filesec-" });
}

Deno.test({
  name: "a file is examined and read through one handle that keeps writers and deleters out",
  ignore: !onWindows,
}, () => {
  const dir = tempFolder();
  const file = `${dir}\\policy.yaml`;
  Deno.writeTextFileSync(file, "name: corp\n");
  const h = CheckedHandle.open(file, false);
  try {
    const sd = decodeSecurityDescriptor(h.securityDescriptor());
    assert.match(sd.owner ?? "", /^S-1-/, "the descriptor has an owner");
    assert.notEqual(sd.dacl, undefined);
    assert.equal(h.finalPath().toLowerCase(), file.toLowerCase().replace(/^\\\\\?\\/, ""));
    // While the handle is open nobody may open the file for writing (sharing mode FILE_SHARE_READ only).
    assert.throws(() => Deno.openSync(file, { write: true }));
    assert.equal(new TextDecoder().decode(h.read(1024)), "name: corp\n");
  } finally {
    h.close();
  }
  // the size budget is enforced before reading
  const h2 = CheckedHandle.open(file, false);
  try {
    assert.throws(
      () => h2.read(4),
      (e: unknown) => e instanceof FileSecurityError && /more than the 4/.test(e.message),
    );
  } finally {
    h2.close();
  }
  assert.throws(() => CheckedHandle.open(`${dir}\\missing.yaml`, false), FileSecurityError);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name: "CreateDirectoryW with SECURITY_ATTRIBUTES creates the folder with the protected admin-only DACL",
  ignore: !onWindows,
}, () => {
  const dir = tempFolder();
  const folder = `${dir}\\wfpsec`;
  const sd = sddlToSecurityDescriptor(WFPSEC_FOLDER_SDDL) as Uint8Array<ArrayBuffer>;
  assert.equal(createDirectoryWithSecurity(folder, sd), true);
  assert.equal(
    createDirectoryWithSecurity(folder, sd),
    false,
    "an existing folder is reported, not an error",
  );
  const h = CheckedHandle.open(folder, true);
  try {
    const got = decodeSecurityDescriptor(h.securityDescriptor());
    assert.match(got.owner ?? "", /^S-1-/);
    // Wine keeps no descriptors on files and folders without xattr support: it reports a default DACL. The
    // descriptor's effect is settled on Windows (tests/windows/file_security.test.ts "HD2").
    if (Deno.env.get("WFPSEC_WINE") !== "1") {
      assert.equal(got.daclProtected, true);
      assert.deepEqual(got.dacl!.map((a) => a.sid).sort(), ["S-1-5-18", "S-1-5-32-544"]);
    }
  } finally {
    h.close();
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name: "the whole check on a real Win32 implementation: a file in the user's temp folder is refused, unread",
  ignore: !onWindows,
}, async () => {
  // Under Wine every file belongs to the Wine user (S-1-5-21-...-1000); on Windows the temp folder belongs
  // to the user. Either way a non-administrator owns something on the path: refused, naming the owner.
  const dir = tempFolder();
  const file = `${dir}\policy.yaml`;
  Deno.writeTextFileSync(file, "name: corp\n");
  try {
    await assert.rejects(() => checkAdminOnlyFile(file, "policy file", 1024), (e: unknown) => {
      assert.ok(e instanceof SafetyError, String(e));
      assert.match(
        e.message,
        /^refusing to use policy file .*policy\.yaml while elevated: .*S-1-5-21-/,
      );
      return true;
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test({ name: "CheckTokenMembership answers for BUILTIN\\Administrators", ignore: !onWindows }, () => {
  assert.equal(
    typeof tokenIsAdministrator(sidFromString("S-1-5-32-544") as Uint8Array<ArrayBuffer>),
    "boolean",
  );
});
