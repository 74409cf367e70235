/**
 * The admin-only rules over a decoded owner + DACL (ffi/sddl.ts decodeSecurityDescriptor), shared by the
 * file checks of elevated runs (modules/host/safety.ts) and wfpsec's own ProgramData folder
 * (ffi/fileSecurity.ts). Pure functions: the unit tier tests them with descriptors written as SDDL.
 *
 * The safe readings (docs/windows-verification.md HD2):
 * - the owner must be SYSTEM, Administrators or TrustedInstaller: an object's owner may always rewrite its
 *   DACL (implicit READ_CONTROL | WRITE_DAC), whatever the DACL says;
 * - a missing or NULL DACL grants everyone full access: refused;
 * - allow ACEs of any other trustee are judged by their mask; deny ACEs are ignored (a check that relied on
 *   them could only accept more), inherit-only ACEs are ignored on the object itself (they apply to
 *   children) but count on wfpsec's own folder, whose children are the files it writes;
 * - an ACE type the rules do not know is refused, never skipped.
 */
import { WIN32_FILE as W } from "./constants.ts";
import type { DecodedAce, DecodedSecurityDescriptor } from "./sddl.ts";

/** Trustees that are administrators or the system itself. */
export const TRUSTED_SIDS: ReadonlySet<string> = new Set([
  "S-1-5-18", // NT AUTHORITY\SYSTEM
  "S-1-5-32-544", // BUILTIN\Administrators
  "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", // NT SERVICE\TrustedInstaller
  // CREATOR OWNER: replaced by the creator's SID when inherited; as an effective ACE it matches nobody.
  "S-1-3-0",
]);

/** Names of well-known trustees, for messages (others are shown as their SID). */
const NAMES: Readonly<Record<string, string>> = {
  "S-1-1-0": "Everyone",
  "S-1-3-0": "CREATOR OWNER",
  "S-1-3-4": "OWNER RIGHTS",
  "S-1-5-2": "NT AUTHORITY\\NETWORK",
  "S-1-5-4": "NT AUTHORITY\\INTERACTIVE",
  "S-1-5-11": "NT AUTHORITY\\Authenticated Users",
  "S-1-5-18": "NT AUTHORITY\\SYSTEM",
  "S-1-5-19": "NT AUTHORITY\\LOCAL SERVICE",
  "S-1-5-20": "NT AUTHORITY\\NETWORK SERVICE",
  "S-1-5-32-544": "BUILTIN\\Administrators",
  "S-1-5-32-545": "BUILTIN\\Users",
  "S-1-5-32-546": "BUILTIN\\Guests",
  "S-1-5-32-547": "BUILTIN\\Power Users",
  "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464": "NT SERVICE\\TrustedInstaller",
};

/** `BUILTIN\Users` for a well-known SID, else the SID itself. */
export function trusteeName(sid: string | undefined): string {
  if (!sid) return "an unnamed trustee";
  return NAMES[sid] ?? sid;
}

/** Rights that change a file's content, name or permissions (or all of them). */
export const FILE_WRITE_MASK = W.FILE_WRITE_DATA | W.FILE_APPEND_DATA | W.DELETE | W.WRITE_DAC |
  W.WRITE_OWNER | W.GENERIC_ALL | W.GENERIC_WRITE | W.MAXIMUM_ALLOWED;
/** Rights on a file's own folder that add, remove or rename entries, or change the folder's permissions. */
export const FOLDER_WRITE_MASK = W.FILE_WRITE_DATA /* FILE_ADD_FILE */ |
  W.FILE_APPEND_DATA /* FILE_ADD_SUBDIRECTORY */ | W.FILE_DELETE_CHILD | W.DELETE | W.WRITE_DAC |
  W.WRITE_OWNER | W.GENERIC_ALL | W.GENERIC_WRITE | W.MAXIMUM_ALLOWED;
/**
 * Rights on a folder further up that let their holder swap the path below it: delete or rename the folder
 * (DELETE) or its entries (FILE_DELETE_CHILD), or take it over. Adding entries is not among them: existing
 * names cannot be replaced that way (C:\ itself lets Authenticated Users create folders).
 */
export const ANCESTOR_REPLACE_MASK = W.FILE_DELETE_CHILD | W.DELETE | W.WRITE_DAC | W.WRITE_OWNER |
  W.GENERIC_ALL | W.MAXIMUM_ALLOWED;

const ALLOW_TYPES = new Set([
  0, // ACCESS_ALLOWED_ACE_TYPE
  W.ACCESS_ALLOWED_OBJECT_ACE_TYPE,
  W.ACCESS_ALLOWED_CALLBACK_ACE_TYPE,
  W.ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE,
]);
const DENY_TYPES = new Set([
  1, // ACCESS_DENIED_ACE_TYPE
  6, // ACCESS_DENIED_OBJECT_ACE_TYPE
  W.ACCESS_DENIED_CALLBACK_ACE_TYPE,
  12, // ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE
]);

const RIGHT_NAMES: [number, string][] = [
  [W.GENERIC_ALL, "full control (generic)"],
  [W.MAXIMUM_ALLOWED, "maximum allowed"],
  [W.GENERIC_WRITE, "write (generic)"],
  [W.WRITE_DAC, "change permissions"],
  [W.WRITE_OWNER, "take ownership"],
  [W.DELETE, "delete"],
  [W.FILE_DELETE_CHILD, "delete entries"],
  [W.FILE_WRITE_DATA, "write / add files"],
  [W.FILE_APPEND_DATA, "append / add folders"],
];

/** The named rights of `mask` within `relevant`, e.g. "delete, write / add files". */
export function rightsText(mask: number, relevant: number): string {
  return RIGHT_NAMES.filter(([bit]) => (mask & relevant & bit) !== 0).map(([, n]) => n).join(", ");
}

/** What a check asks of an object. */
export interface AclRule {
  /** Rights no untrusted trustee may hold. */
  mask: number;
  /** Count inherit-only ACEs too (wfpsec's own folder: they reach the files it creates). */
  includeInheritOnly?: boolean;
  /** The DACL must be protected (SE_DACL_PROTECTED: nothing inherited from the parent). */
  requireProtected?: boolean;
}

/** One untrusted trustee and the rights it holds. */
export interface AclWriter {
  /** `BUILTIN\Users` or the SID. */
  trustee: string;
  /** The rights, named. */
  rights: string;
}

/** Why an object fails a rule; empty when it passes. */
export interface AclProblems {
  /** The owner, when it is not trusted. */
  untrustedOwner?: string;
  /** True when the descriptor has no DACL (or a NULL one). */
  noDacl?: boolean;
  /** True when `requireProtected` and the DACL inherits. */
  notProtected?: boolean;
  /** ACE types the rules do not know (refused). */
  unknownAceTypes: number[];
  /** Untrusted trustees with forbidden rights. */
  writers: AclWriter[];
}

/** True when `p` reports nothing. */
export function aclOk(p: AclProblems): boolean {
  return !p.untrustedOwner && !p.noDacl && !p.notProtected && !p.unknownAceTypes.length && !p.writers.length;
}

function aceWriter(a: DecodedAce, rule: AclRule): AclWriter | "unknown" | undefined {
  if (DENY_TYPES.has(a.type)) return undefined;
  if (!ALLOW_TYPES.has(a.type)) return "unknown";
  if (a.flags & W.INHERIT_ONLY_ACE && !rule.includeInheritOnly) return undefined;
  if (a.sid && TRUSTED_SIDS.has(a.sid)) return undefined;
  const hit = a.mask & rule.mask;
  return hit ? { trustee: trusteeName(a.sid), rights: rightsText(hit, rule.mask) } : undefined;
}

/** Checks one decoded descriptor against `rule`. */
export function aclProblems(sd: DecodedSecurityDescriptor, rule: AclRule): AclProblems {
  const p: AclProblems = { unknownAceTypes: [], writers: [] };
  if (!sd.owner || !TRUSTED_SIDS.has(sd.owner)) p.untrustedOwner = trusteeName(sd.owner);
  if (sd.dacl === null) {
    p.noDacl = true;
    return p;
  }
  if (rule.requireProtected && !sd.daclProtected) p.notProtected = true;
  const seen = new Map<string, AclWriter>();
  for (const a of sd.dacl) {
    const w = aceWriter(a, rule);
    if (w === "unknown") p.unknownAceTypes.push(a.type);
    else if (w) {
      const prev = seen.get(w.trustee);
      seen.set(w.trustee, prev ? { trustee: w.trustee, rights: mergeRights(prev.rights, w.rights) } : w);
    }
  }
  p.writers = [...seen.values()];
  return p;
}

function mergeRights(a: string, b: string): string {
  return [...new Set([...a.split(", "), ...b.split(", ")])].join(", ");
}

/** One sentence naming every problem of `p` (for an error message), or "" when there is none. */
export function describeAclProblems(p: AclProblems): string {
  const parts: string[] = [];
  if (p.untrustedOwner) {
    parts.push(
      `its owner is ${p.untrustedOwner}, not Administrators or SYSTEM (an owner can always change the ` +
        `permissions)`,
    );
  }
  if (p.noDacl) parts.push("it has no DACL, which grants everyone full access");
  if (p.notProtected) parts.push("its DACL inherits from its parent folder (it must be protected)");
  if (p.unknownAceTypes.length) {
    parts.push(`it has access entries of a type wfpsec does not evaluate (${p.unknownAceTypes.join(", ")})`);
  }
  if (p.writers.length) {
    parts.push(`${p.writers.map((w) => `${w.trustee} may ${w.rights}`).join("; ")}`);
  }
  return parts.join("; ");
}
