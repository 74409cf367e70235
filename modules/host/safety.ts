/**
 * Safety checks for elevated runs on Windows: a policy file, key file, snapshot or simulator state that a
 * non-administrator can change would let that user choose what an administrator applies. Such paths are
 * refused with the reason, and nothing is read.
 *
 * The file is examined and read through one handle (ffi/fileSecurity.ts): its own owner and DACL, then its
 * real path's folder and every folder above it, then its content from the same handle, which no one can
 * write, delete or rename while wfpsec holds it. Anything that cannot be determined is a refusal.
 * The rules (ffi/aclCheck.ts) take decoded descriptors, so they are unit-tested off Windows.
 */
import { SafetyError } from "../errors.ts";
import {
  aclOk,
  aclProblems,
  ANCESTOR_REPLACE_MASK,
  describeAclProblems,
  FILE_WRITE_MASK,
  FOLDER_WRITE_MASK,
} from "../../ffi/aclCheck.ts";
import type { DecodedSecurityDescriptor } from "../../ffi/sddl.ts";

/** Reads a folder's owner and DACL (default: through a handle, Windows only). */
export type SecurityReader = (folder: string) => DecodedSecurityDescriptor;

/** `C:\a\b\f.yaml` -> `C:\a\b`; `C:\a` -> `C:\`; `C:\` -> undefined. */
export function parentOf(p: string): string | undefined {
  const t = p.replace(/[\\/]+$/, "");
  const i = Math.max(t.lastIndexOf("\\"), t.lastIndexOf("/"));
  if (i < 0) return undefined;
  const d = t.slice(0, i);
  return /^[A-Za-z]:$/.test(d) ? d + "\\" : d || undefined;
}

/**
 * Throws SafetyError when `file` (its real path, as the system resolved it), whose own descriptor is `own`,
 * can be changed by a non-administrator: through its own owner or DACL, its folder (add, delete or rename
 * entries), or any folder further up (delete, rename or take over). `what` names the file's role.
 */
export function assertAdminOnly(
  file: string,
  what: string,
  own: DecodedSecurityDescriptor,
  readFolder: SecurityReader,
): void {
  const refuse = (where: string, why: string, fix: string) =>
    new SafetyError(
      `refusing to use ${what} ${file} while elevated: ${where}${why}, so a non-administrator could change ` +
        `what is applied. ${fix}`,
    );
  const mine = aclProblems(own, { mask: FILE_WRITE_MASK });
  if (!aclOk(mine)) {
    throw refuse(
      "",
      describeAclProblems(mine),
      "Move it to a folder only administrators can write (e.g. under %ProgramData% with inheritance from an " +
        "admin-only ACL) or fix its owner and permissions.",
    );
  }
  const dir = parentOf(file);
  if (!dir) return;
  const folder = aclProblems(readFolder(dir), { mask: FOLDER_WRITE_MASK });
  if (!aclOk(folder)) {
    throw refuse(
      `its folder ${dir}: `,
      describeAclProblems(folder),
      "Use a folder only administrators can write.",
    );
  }
  // Every folder further up: whoever may delete, rename or take it over can swap the whole path.
  for (let up = parentOf(dir); up; up = parentOf(up)) {
    const p = aclProblems(readFolder(up), { mask: ANCESTOR_REPLACE_MASK });
    if (!aclOk(p)) {
      throw refuse(
        `its ancestor folder ${up}: `,
        describeAclProblems(p),
        "Use a folder whose every ancestor only administrators can change.",
      );
    }
  }
}

/**
 * True when this Windows process runs elevated or as SYSTEM (its token has Administrators enabled). A
 * failing check throws (SafetyError type): the admin-only checks must never be skipped because of it.
 */
export async function isElevatedWindows(): Promise<boolean> {
  if (elevated === undefined) {
    const { tokenIsAdministrator } = await import("../../ffi/fileSecurity.ts");
    const { sidFromString } = await import("../../ffi/sddl.ts");
    elevated = tokenIsAdministrator(sidFromString("S-1-5-32-544") as Uint8Array<ArrayBuffer>);
  }
  return elevated;
}
let elevated: boolean | undefined;

/** Reads a folder's descriptor through its own handle (Windows only). */
async function handleReader(): Promise<SecurityReader> {
  const { CheckedHandle } = await import("../../ffi/fileSecurity.ts");
  const { decodeSecurityDescriptor } = await import("../../ffi/sddl.ts");
  return (folder) => {
    const h = CheckedHandle.open(folder, true);
    try {
      return decodeSecurityDescriptor(h.securityDescriptor());
    } finally {
      h.close();
    }
  };
}

/**
 * Checks `path` as assertAdminOnly does and, when `limit` is given, returns its content read through the
 * handle the check examined (nothing is read when the check fails). Windows only; callers decide when
 * (elevated runs) to use it.
 */
export async function checkAdminOnlyFile(
  path: string,
  what: string,
  limit?: number,
): Promise<Uint8Array | undefined> {
  const { CheckedHandle } = await import("../../ffi/fileSecurity.ts");
  const { decodeSecurityDescriptor } = await import("../../ffi/sddl.ts");
  const readFolder = await handleReader();
  const h = CheckedHandle.open(path, false);
  try {
    const real = h.finalPath();
    assertAdminOnly(real, what, decodeSecurityDescriptor(h.securityDescriptor()), readFolder);
    return limit === undefined ? undefined : h.read(limit);
  } finally {
    h.close();
  }
}
