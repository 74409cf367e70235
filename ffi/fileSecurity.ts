/**
 * Files examined and read through one handle (Windows only), so that what the admin-only check approved is
 * what is read: a path checked with one call and read with another can be swapped in between.
 *
 * - CreateFileW opens the file with FILE_SHARE_READ only: while wfpsec holds the handle nobody can open it for
 *   writing, delete or rename it (fileapi.h; "sharing mode": a later open asking for those rights fails).
 * - GetSecurityInfo(SE_FILE_OBJECT, OWNER|DACL) reads the owner and DACL of that very object (aclapi.h); the
 *   descriptor is copied out and released with LocalFree exactly once.
 * - GetFinalPathNameByHandleW names the file as the system resolved it (links and junctions followed), so
 *   the ancestors checked are the real ones, not the ones the caller spelled.
 * - GetFileSizeEx + ReadFile read the content through the same handle, within a size budget.
 * Folders (ancestors) are opened with FILE_FLAG_BACKUP_SEMANTICS and READ_CONTROL only, sharing everything.
 * kernel32.dll and advapi32.dll are KnownDLLs: loading them by name cannot be redirected by the search order.
 * The ACL rules themselves are pure functions in modules/host/safety.ts.
 */
import { WIN32_FILE as W } from "./constants.ts";
import { FileSecurityError } from "./errors.ts";
import {
  aclOk,
  aclProblems,
  type AclRule,
  describeAclProblems,
  FILE_WRITE_MASK,
  FOLDER_WRITE_MASK,
} from "./aclCheck.ts";
import { decodeSecurityDescriptor, readSelfRelative, sddlToSecurityDescriptor } from "./sddl.ts";
import { fieldOffset, STRUCTS } from "./structs.ts";
import { programDataDirectory } from "./kernel32.ts";

/** kernel32 functions of the handle-based checks (Win64: BOOL i32, HANDLE pointer, DWORD u32). */
export const FILE_KERNEL32_SYMBOLS = {
  CreateFileW: {
    parameters: ["buffer", "u32", "u32", "pointer", "u32", "u32", "pointer"],
    result: "pointer",
  },
  CreateDirectoryW: { parameters: ["buffer", "buffer"], result: "i32" },
  GetFileSizeEx: { parameters: ["pointer", "buffer"], result: "i32" },
  ReadFile: { parameters: ["pointer", "buffer", "u32", "buffer", "pointer"], result: "i32" },
  GetFinalPathNameByHandleW: { parameters: ["pointer", "buffer", "u32", "u32"], result: "u32" },
  CloseHandle: { parameters: ["pointer"], result: "i32" },
  LocalFree: { parameters: ["pointer"], result: "pointer" },
  GetLastError: { parameters: [], result: "u32" },
} as const;

/** advapi32 functions of the handle-based checks. */
export const FILE_ADVAPI32_SYMBOLS = {
  GetSecurityInfo: {
    parameters: ["pointer", "u32", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "u32",
  },
  CheckTokenMembership: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
} as const;

type K32 = Deno.DynamicLibrary<typeof FILE_KERNEL32_SYMBOLS>["symbols"];
type A32 = Deno.DynamicLibrary<typeof FILE_ADVAPI32_SYMBOLS>["symbols"];
let libs: { k: K32; a: A32 } | undefined;
function api(): { k: K32; a: A32 } {
  libs ??= {
    k: Deno.dlopen("kernel32.dll", FILE_KERNEL32_SYMBOLS).symbols,
    a: Deno.dlopen("advapi32.dll", FILE_ADVAPI32_SYMBOLS).symbols,
  };
  return libs;
}

/** NUL-terminated UTF-16 for a path argument (the buffer lives until the call returns: the caller holds it). */
function wide(s: string): Uint16Array<ArrayBuffer> {
  const u = new Uint16Array(s.length + 1);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}

const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

/** The Win32 error of the call that just failed, for the message (and the checks that depend on it). */
function lastError(): number {
  return api().k.GetLastError();
}

/**
 * `\\?\C:\x` -> `C:\x`; `\\?\UNC\srv\share\x` is refused: a network path's folders are another machine's,
 * which the checks cannot vouch for.
 */
export function dosPathOf(finalPath: string): string {
  if (/^\\\\\?\\[A-Za-z]:\\/.test(finalPath)) return finalPath.slice(4);
  if (/^[A-Za-z]:\\/.test(finalPath)) return finalPath;
  throw new FileSecurityError(
    `${finalPath} is not on a local drive (a network or device path): wfpsec reads policy and key files ` +
      `only from a local folder when it runs elevated`,
  );
}

/** A file or folder open for examination; close it exactly once. */
export class CheckedHandle {
  #h: Deno.PointerValue;
  private constructor(h: Deno.PointerValue, readonly path: string) {
    this.#h = h;
  }

  /**
   * Opens `path`: a file for reading with FILE_SHARE_READ only (no writer, no delete or rename while open),
   * or a folder (`folder`) for READ_CONTROL with every sharing mode.
   */
  static open(path: string, folder: boolean): CheckedHandle {
    const { k } = api();
    const name = wide(path);
    const h = folder
      ? k.CreateFileW(
        name,
        W.READ_CONTROL,
        W.FILE_SHARE_READ | W.FILE_SHARE_WRITE | W.FILE_SHARE_DELETE,
        null,
        W.OPEN_EXISTING,
        W.FILE_FLAG_BACKUP_SEMANTICS,
        null,
      )
      : k.CreateFileW(
        name,
        (W.GENERIC_READ | W.READ_CONTROL) >>> 0,
        W.FILE_SHARE_READ,
        null,
        W.OPEN_EXISTING,
        W.FILE_ATTRIBUTE_NORMAL,
        null,
      );
    if (h === null || Deno.UnsafePointer.value(h) === INVALID_HANDLE_VALUE) {
      const err = lastError();
      const why = err === W.ERROR_SHARING_VIOLATION
        ? "another process has it open for writing or deleting"
        : `CreateFileW failed with Win32 error ${err}`;
      throw new FileSecurityError(`cannot open ${path} to check its permissions: ${why}`);
    }
    return new CheckedHandle(h, path);
  }

  /** The owner and DACL as a self-relative security descriptor (copied; the system's copy is freed). */
  securityDescriptor(): Uint8Array {
    const { k, a } = api();
    const cell = new BigUint64Array(1);
    const info = W.OWNER_SECURITY_INFORMATION | W.DACL_SECURITY_INFORMATION;
    const rc = a.GetSecurityInfo(this.#h, W.SE_FILE_OBJECT, info, null, null, null, null, cell);
    if (rc !== 0 || cell[0] === 0n) {
      throw new FileSecurityError(
        `cannot read the permissions of ${this.path}: GetSecurityInfo failed (${rc})`,
      );
    }
    const p = Deno.UnsafePointer.create(cell[0]);
    try {
      const view = new Deno.UnsafePointerView(p!);
      return readSelfRelative((offset, length) => {
        const out = new Uint8Array(length);
        view.copyInto(out, offset);
        return out;
      });
    } finally {
      k.LocalFree(p);
    }
  }

  /** The path as the system resolved it (drive form; links followed). */
  finalPath(): string {
    const buf = new Uint16Array(32768);
    const n = api().k.GetFinalPathNameByHandleW(
      this.#h,
      buf,
      buf.length,
      W.FILE_NAME_NORMALIZED | W.VOLUME_NAME_DOS,
    );
    if (n === 0 || n >= buf.length) {
      throw new FileSecurityError(
        `cannot resolve the real path of ${this.path} (Win32 error ${lastError()})`,
      );
    }
    let s = "";
    for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...buf.subarray(i, Math.min(n, i + 4096)));
    return dosPathOf(s);
  }

  /** The whole content, read through this handle; more than `limit` bytes is refused before reading. */
  read(limit: number): Uint8Array {
    const { k } = api();
    const size = new BigInt64Array(1);
    if (!k.GetFileSizeEx(this.#h, size)) {
      throw new FileSecurityError(`cannot read ${this.path}: GetFileSizeEx failed (${lastError()})`);
    }
    if (size[0] > BigInt(limit)) {
      throw new FileSecurityError(`${this.path} has ${size[0]} bytes, more than the ${limit} it may have`);
    }
    const out = new Uint8Array(Number(size[0]));
    const got = new Uint32Array(1);
    let off = 0;
    while (off < out.length) {
      const chunk = out.subarray(off);
      if (!k.ReadFile(this.#h, chunk, chunk.length, got, null)) {
        throw new FileSecurityError(`cannot read ${this.path}: ReadFile failed (${lastError()})`);
      }
      if (got[0] === 0) break; // the file shrank: FILE_SHARE_READ makes that impossible, but never loop
      off += got[0];
    }
    return out.subarray(0, off);
  }

  /** Closes the handle (idempotent). */
  close(): void {
    if (this.#h !== null) api().k.CloseHandle(this.#h);
    this.#h = null;
  }
}

/**
 * Creates `path` with the self-relative descriptor `sd` (SECURITY_ATTRIBUTES.lpSecurityDescriptor); true when
 * it was created, false when it already existed (the caller then checks the existing folder's ACL).
 */
export function createDirectoryWithSecurity(path: string, sd: Uint8Array<ArrayBuffer>): boolean {
  const { k } = api();
  // SECURITY_ATTRIBUTES (minwinbase.h), laid out by its table in ffi/structs.ts (checked by the oracle).
  const sa = new Uint8Array(SA.size);
  const dv = new DataView(sa.buffer);
  dv.setUint32(at("nLength"), SA.size, true);
  dv.setBigUint64(
    at("lpSecurityDescriptor"),
    BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(sd))),
    true,
  );
  dv.setInt32(at("bInheritHandle"), 0, true);
  const name = wide(path);
  // `sd`, `sa` and `name` stay referenced until the call returns (they are locals used below).
  const ok = k.CreateDirectoryW(name, sa);
  void sd.length;
  if (ok) return true;
  const err = lastError();
  if (err === W.ERROR_ALREADY_EXISTS) return false;
  throw new FileSecurityError(
    `cannot create the folder ${path}: CreateDirectoryW failed (Win32 error ${err})`,
  );
}

const SA = STRUCTS.SECURITY_ATTRIBUTES;
const at = (member: string) => fieldOffset("SECURITY_ATTRIBUTES", member);

/**
 * True when this process's token has BUILTIN\Administrators enabled: an elevated administrator or SYSTEM
 * (CheckTokenMembership with a NULL token checks the calling thread's effective token, so a filtered UAC
 * token says no). A failing call is an error, never "not elevated": the checks must fail closed.
 */
export function tokenIsAdministrator(adminSid: Uint8Array<ArrayBuffer>): boolean {
  const member = new Int32Array(1);
  if (!api().a.CheckTokenMembership(null, adminSid, member)) {
    throw new FileSecurityError(
      `cannot tell whether this process runs elevated: CheckTokenMembership failed (${lastError()})`,
    );
  }
  return member[0] !== 0;
}

/**
 * wfpsec's folder under ProgramData (apply lock, host key): SYSTEM and Administrators only, protected, so the
 * "Users may create files" entries ProgramData passes down never reach it.
 */
export const WFPSEC_FOLDER_SDDL = "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
let folderSd: Uint8Array<ArrayBuffer> | undefined;

/** The rule an existing wfpsec folder must meet: no untrusted right at all, inheritable ones included. */
export const WFPSEC_FOLDER_RULE: AclRule = {
  mask: FILE_WRITE_MASK | FOLDER_WRITE_MASK,
  includeInheritOnly: true,
  requireProtected: true,
};

/**
 * Creates `path` (wfpsec's ProgramData folder) admin-only when it is missing, and checks it every time:
 * an existing folder that fails WFPSEC_FOLDER_RULE is refused, naming the folder and what is wrong. wfpsec
 * never loosens or repairs it itself: a file planted in a weak folder (a known host key) would survive that.
 */
export function ensureAdminFolder(path: string): void {
  folderSd ??= sddlToSecurityDescriptor(WFPSEC_FOLDER_SDDL) as Uint8Array<ArrayBuffer>;
  createDirectoryWithSecurity(path, folderSd);
  const h = CheckedHandle.open(path, true);
  let problems;
  try {
    problems = aclProblems(decodeSecurityDescriptor(h.securityDescriptor()), WFPSEC_FOLDER_RULE);
  } finally {
    h.close();
  }
  if (!aclOk(problems)) {
    throw new FileSecurityError(
      `refusing to use wfpsec's folder ${path}: ${describeAclProblems(problems)}. It holds the apply lock ` +
        `and the host key, so only SYSTEM and Administrators may change it. Check its files, then delete ` +
        `the folder (wfpsec recreates it admin-only) or set its ACL: icacls "${path}" /inheritance:r ` +
        `/grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F /setowner *S-1-5-32-544`,
    );
  }
}

/** wfpsec's folder under ProgramData (from GetSystemDirectoryW's drive, never %ProgramData%). */
export function wfpsecDataFolder(): string {
  return `${programDataDirectory()}\\wfpsec`;
}

/**
 * Makes sure the folder of `file` exists before wfpsec writes there: on Windows, wfpsec's ProgramData folder
 * is created admin-only and checked on every use (ensureAdminFolder); any other folder (fwpsim's, beside its
 * state file) is created as an ordinary folder.
 */
export function dataFolderFor(file: string): void {
  const dir = file.replace(/[\\/][^\\/]*$/, "");
  if (!dir || dir === file) return;
  if (Deno.build.os === "windows" && dir.toLowerCase() === wfpsecDataFolder().toLowerCase()) {
    ensureAdminFolder(dir);
    return;
  }
  Deno.mkdirSync(dir, { recursive: true });
}
