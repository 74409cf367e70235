/**
 * Safety checks for elevated runs on Windows: a policy file, simulator state or snapshot that a
 * non-administrator can write would let that user choose what an administrator applies. Such paths are
 * refused with the reason. The ACL reader is injected so the rule is unit-testable off Windows.
 */
import { SafetyError } from "../errors.ts";
import { systemDirectory } from "../../ffi/kernel32.ts";

/** One access-control entry as `icacls` prints it: `BUILTIN\Users:(I)(OI)(CI)(RX)`. */
export interface AceEntry {
  /** The account or group, e.g. `BUILTIN\Users`. */
  principal: string;
  /** Every parenthesised token, e.g. ["I","OI","CI","RX"]. */
  rights: string[];
}

/** Reads a path's ACL (default: `icacls`). */
export type AclReader = (path: string) => AceEntry[];

/** Principals that are administrators or the system itself (trusted writers). */
const TRUSTED = [
  /^BUILTIN\\Administrators$/i,
  /^NT AUTHORITY\\SYSTEM$/i,
  /^NT SERVICE\\TrustedInstaller$/i,
  /^CREATOR OWNER$/i,
  /^S-1-5-32-544$/i,
  /^S-1-5-18$/i,
];

/** Rights that allow changing a file's content or ACL, or adding/removing entries of a directory. */
const WRITE_RIGHTS = new Set(["F", "M", "W", "WD", "AD", "WDAC", "WO", "GA", "GW", "D", "DE", "DC", "MA"]);
/**
 * Rights on a folder further up that let its holder swap the path below it: delete or rename the folder
 * itself (DELETE: D, DE, M, F), delete or rename its entries (FILE_DELETE_CHILD: DC), or take it over
 * (WRITE_DAC, WRITE_OWNER, GENERIC_ALL, MAXIMUM_ALLOWED). Adding new entries (AD, WD) is not: existing
 * names cannot be replaced that way (C:\ itself lets Authenticated Users add folders).
 */
const REPLACE_RIGHTS = new Set(["F", "M", "D", "DE", "DC", "WDAC", "WO", "GA", "MA"]);

/** Parses `icacls PATH` output. */
export function parseIcacls(path: string, out: string): AceEntry[] {
  const entries: AceEntry[] = [];
  for (let line of out.split(/\r?\n/)) {
    if (!line.trim() || /^Successfully processed/i.test(line.trim())) continue;
    if (line.startsWith(path)) line = line.slice(path.length);
    const m = /^\s*(.+?):((?:\([^)]*\))+)\s*$/.exec(line);
    if (!m) continue;
    const rights = [...m[2].matchAll(/\(([^)]*)\)/g)].flatMap((x) => x[1].split(","));
    entries.push({ principal: m[1].trim(), rights });
  }
  return entries;
}

/** A System32 tool by full path (GetSystemDirectoryW): never whatever `icacls`/`net` PATH finds first. */
function system32Tool(name: string): string {
  return Deno.build.os === "windows" ? `${systemDirectory()}\\${name}.exe` : name;
}

/** Default ACL reader: runs System32's `icacls` (Windows only). */
export function icaclsReader(path: string): AceEntry[] {
  const r = new Deno.Command(system32Tool("icacls"), { args: [path], stdout: "piped", stderr: "piped" })
    .outputSync();
  if (!r.success) throw new SafetyError(`cannot read the permissions of ${path} (icacls failed)`);
  return parseIcacls(path, new TextDecoder().decode(r.stdout));
}

/** Principals other than administrators/SYSTEM that can write `path` (inherit-only entries ignored). */
export function nonAdminWriters(
  path: string,
  read: AclReader,
  rights: ReadonlySet<string> = WRITE_RIGHTS,
): string[] {
  const out: string[] = [];
  for (const e of read(path)) {
    if (e.rights.includes("IO")) continue;
    if (TRUSTED.some((t) => t.test(e.principal))) continue;
    if (e.rights.some((r) => rights.has(r))) out.push(e.principal);
  }
  return out;
}

function parentOf(p: string): string | undefined {
  const t = p.replace(/[\\/]+$/, "");
  const i = Math.max(t.lastIndexOf("\\"), t.lastIndexOf("/"));
  if (i < 0) return undefined;
  const d = t.slice(0, i);
  return /^[A-Za-z]:$/.test(d) ? d + "\\" : d || undefined;
}

/**
 * Throws SafetyError when a non-administrator can write `path` or replace it through its directory.
 * `what` names the role of the file in the message (e.g. "policy file").
 */
export function assertAdminOnly(path: string, what: string, read: AclReader = icaclsReader): void {
  const writers = nonAdminWriters(path, read);
  if (writers.length) {
    throw new SafetyError(
      `refusing to use ${what} ${path} while elevated: it is writable by ${writers.join(", ")}, so a ` +
        `non-administrator could change what is applied. Move it to a folder only administrators can write ` +
        `(e.g. under %ProgramData% with inheritance from an admin-only ACL) or fix its permissions.`,
    );
  }
  const dir = parentOf(path);
  if (dir) {
    const dirWriters = nonAdminWriters(dir, read);
    if (dirWriters.length) {
      throw new SafetyError(
        `refusing to use ${what} ${path} while elevated: its folder ${dir} is writable by ${
          dirWriters.join(", ")
        }, ` +
          `so a non-administrator could replace the file. Use a folder only administrators can write.`,
      );
    }
    // Every folder further up: whoever may delete, rename or take it over can swap the whole path.
    for (let up = parentOf(dir); up; up = parentOf(up)) {
      const w = nonAdminWriters(up, read, REPLACE_RIGHTS);
      if (w.length) {
        throw new SafetyError(
          `refusing to use ${what} ${path} while elevated: ${w.join(", ")} may delete or rename its ` +
            `ancestor folder ${up}, so a non-administrator could replace the file. Use a folder whose every ` +
            `ancestor only administrators can change.`,
        );
      }
      if (/^[A-Za-z]:\\$/.test(up)) break;
    }
  }
}

/** True when this Windows process runs elevated (`net session` succeeds only for administrators). */
export function isElevatedWindows(): boolean {
  try {
    return new Deno.Command(system32Tool("net"), { args: ["session"], stdout: "null", stderr: "null" })
      .outputSync()
      .success;
  } catch {
    return false;
  }
}
