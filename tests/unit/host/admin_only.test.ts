/**
 * The admin-only rules of elevated Windows runs, over owner + DACL as GetSecurityInfo returns them (written
 * here as SDDL and encoded to the same self-relative bytes): a policy, key file or snapshot that a
 * non-administrator can change, through the file, its folder or any folder above, is refused with the reason;
 * so is one whose owner is not an administrator, one without a DACL, and one with an ACE type the rules do
 * not know. wfpsec's own ProgramData folder must be protected and grant nothing to anyone else, inheritable
 * entries included. Windows' default ACLs of C:\ and C:\ProgramData pass.
 */
import assert from "node:assert/strict";
import { assertAdminOnly, parentOf } from "../../../modules/host/safety.ts";
import { SafetyError } from "../../../modules/errors.ts";
import { aclOk, aclProblems, describeAclProblems, FILE_WRITE_MASK } from "../../../ffi/aclCheck.ts";
import { WFPSEC_FOLDER_RULE, WFPSEC_FOLDER_SDDL } from "../../../ffi/fileSecurity.ts";
import {
  type DecodedSecurityDescriptor,
  decodeSecurityDescriptor,
  sddlToSecurityDescriptor,
} from "../../../ffi/sddl.ts";

const sd = (sddl: string): DecodedSecurityDescriptor =>
  decodeSecurityDescriptor(sddlToSecurityDescriptor(sddl));

const TI = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
// Windows' defaults (icacls C:\ and C:\ProgramData on Windows 10/Server 2019): users may add folders to both,
// which replaces no existing name; CREATOR OWNER and Authenticated Users' Modify are inherit-only.
const ROOT =
  `O:${TI}D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)(A;OICIIO;0x1301bf;;;AU)(A;;0x4;;;AU)`;
const PROGRAMDATA =
  "O:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)(A;CI;0x116;;;BU)";
const ADMIN_FOLDER = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";
const ADMIN_FILE = "O:BAD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)";

function world(extra: Record<string, string> = {}) {
  const acls: Record<string, string> = {
    "C:\\": ROOT,
    "C:\\ProgramData": PROGRAMDATA,
    "C:\\ProgramData\\wfpsec": ADMIN_FOLDER,
    "C:\\ProgramData\\wfpsec\\deep": ADMIN_FOLDER,
    ...extra,
  };
  const read = (p: string) => {
    if (!(p in acls)) throw new Error(`unexpected read of ${p}`);
    return sd(acls[p]);
  };
  return { acls, read };
}

const FILE = "C:\\ProgramData\\wfpsec\\deep\\corp.yaml";

Deno.test("a file only administrators can change, in folders only they can change, passes", () => {
  const { read } = world();
  assertAdminOnly(FILE, "policy file", sd(ADMIN_FILE), read);
});

Deno.test("users with write or delete on the file itself are refused, naming them and the rights", () => {
  const { read } = world();
  for (
    const [mask, right] of [["0x1301bf", "write / add files"], ["SD", "delete"], ["WD", "change permissions"]]
  ) {
    const own = sd(`O:BAD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;;${mask};;;BU)`);
    assert.throws(() => assertAdminOnly(FILE, "policy file", own, read), (e: unknown) => {
      assert.ok(e instanceof SafetyError);
      assert.match(
        e.message,
        /^refusing to use policy file C:\\ProgramData\\wfpsec\\deep\\corp\.yaml while elevated/,
      );
      assert.match(
        e.message,
        /: BUILTIN\\Users may [^;.]+, so a non-administrator could change what is applied/,
      );
      assert.ok(e.message.includes(right), e.message);
      return true;
    });
  }
  // Inherit-only entries do not apply to the file; deny entries never make it pass or fail.
  assertAdminOnly(FILE, "policy file", sd(`${ADMIN_FILE}(A;IO;FA;;;WD)(D;;FA;;;BU)`), read);
});

Deno.test("the owner counts: a file owned by a user is refused even with an admin-only DACL", () => {
  const { read } = world();
  const own = sd("O:S-1-5-21-1-2-3-1001D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)");
  assert.throws(
    () => assertAdminOnly(FILE, "key file", own, read),
    /its owner is S-1-5-21-1-2-3-1001, not Administrators or SYSTEM/,
  );
  // and the owner of a folder further up counts as well
  const { read: read2 } = world({ "C:\\ProgramData\\wfpsec": "O:BUD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)" });
  assert.throws(
    () => assertAdminOnly(FILE, "key file", sd(ADMIN_FILE), read2),
    /its ancestor folder C:\\ProgramData\\wfpsec: its owner is BUILTIN\\Users/,
  );
});

Deno.test("no DACL (everyone may do anything) and unknown ACE types are refused, never skipped", () => {
  const { read } = world();
  assert.throws(
    () => assertAdminOnly(FILE, "snapshot", sd("O:BA"), read),
    /it has no DACL, which grants everyone/,
  );
  const withCallbackObjectAce = decodeSecurityDescriptor(sddlToSecurityDescriptor(ADMIN_FILE));
  withCallbackObjectAce.dacl!.push({ type: 0x13, flags: 0, mask: 0x1, sid: "S-1-5-32-545" });
  assert.throws(
    () => assertAdminOnly(FILE, "snapshot", withCallbackObjectAce, read),
    /access entries of a type wfpsec does not evaluate \(19\)/,
  );
});

Deno.test("the file's folder may not let users add, delete or rename entries", () => {
  const { read } = world({
    "C:\\ProgramData\\wfpsec\\deep": "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;CI;0x4;;;BU)",
  });
  assert.throws(
    () => assertAdminOnly(FILE, "policy file", sd(ADMIN_FILE), read),
    /its folder C:\\ProgramData\\wfpsec\\deep: BUILTIN\\Users may append \/ add folders/,
  );
});

Deno.test("every folder further up is checked for delete, rename and takeover rights, not for adding entries", () => {
  for (const [mask, right] of [["SD", "delete"], ["0x40", "delete entries"], ["WO", "take ownership"]]) {
    const { read } = world({
      "C:\\ProgramData\\wfpsec": `O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;${mask};;;BU)`,
    });
    assert.throws(
      () => assertAdminOnly(FILE, "policy file", sd(ADMIN_FILE), read),
      new RegExp(`its ancestor folder C:\\\\ProgramData\\\\wfpsec: BUILTIN\\\\Users may ${right}`),
    );
  }
  // C:\ and C:\ProgramData let users add entries: that passes (checked in the first test too).
  assert.ok(aclOk(aclProblems(sd(PROGRAMDATA), { mask: 0x10000 | 0x40 | 0x40000 | 0x80000 })));
});

Deno.test("wfpsec's own folder: protected, admin-only, and no inheritable grant to anyone else", () => {
  assert.ok(
    aclOk(aclProblems(sd(`O:BA${WFPSEC_FOLDER_SDDL}`), WFPSEC_FOLDER_RULE)),
    "the folder wfpsec creates",
  );
  assert.ok(aclOk(aclProblems(sd(`O:SY${WFPSEC_FOLDER_SDDL}`), WFPSEC_FOLDER_RULE)), "created by SYSTEM");
  // A folder made by mkdir under ProgramData inherits "Users may create files" and CREATOR OWNER full control.
  const inherited = aclProblems(
    sd("O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;CIID;0x116;;;BU)"),
    WFPSEC_FOLDER_RULE,
  );
  assert.ok(!aclOk(inherited));
  assert.equal(
    describeAclProblems(inherited),
    "its DACL inherits from its parent folder (it must be protected); BUILTIN\\Users may write / add files, " +
      "append / add folders",
  );
  // an inherit-only grant reaches the files wfpsec writes there (the host key): refused
  const io = aclProblems(
    sd(`O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;0x2;;;AU)`),
    WFPSEC_FOLDER_RULE,
  );
  assert.equal(describeAclProblems(io), "NT AUTHORITY\\Authenticated Users may write / add files");
  // while the same entry on a policy file's folder does not matter to the file itself
  assert.ok(
    aclOk(
      aclProblems(sd(`O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;0x2;;;AU)`), {
        mask: FILE_WRITE_MASK,
      }),
    ),
  );
});

Deno.test("decoding: owner, protected flag, ACE flags and masks read back as written", () => {
  const d = sd("O:BAD:P(A;OICI;FA;;;SY)(D;;0x40000;;;BU)(A;IO;GA;;;CO)");
  assert.equal(d.owner, "S-1-5-32-544");
  assert.equal(d.daclProtected, true);
  assert.deepEqual(d.dacl, [
    { type: 0, flags: 0x3, mask: 0x1f01ff, sid: "S-1-5-18" },
    { type: 1, flags: 0, mask: 0x40000, sid: "S-1-5-32-545" },
    { type: 0, flags: 0x8, mask: 0x10000000, sid: "S-1-3-0" },
  ]);
  assert.equal(sd("D:").dacl!.length, 0, "an empty DACL grants nothing (not the same as none)");
  // corrupt sizes are errors, not guesses
  const bytes = sddlToSecurityDescriptor("O:BAD:(A;;FA;;;SY)");
  const dv = new DataView(bytes.buffer);
  const dacl = dv.getUint32(16, true);
  dv.setUint16(dacl + 8 + 2, 200, true); // the ACE claims 200 bytes
  assert.throws(() => decodeSecurityDescriptor(bytes), /ACE size exceeds its ACL/);
});

Deno.test("parent folders: drive roots end the walk", () => {
  assert.equal(parentOf("C:\\a\\b.yaml"), "C:\\a");
  assert.equal(parentOf("C:\\a"), "C:\\");
  assert.equal(parentOf("C:\\"), undefined);
});
