/**
 * Identities by name for `authorization.machines` / `authorization.users`: the account names a policy may
 * write (`CONTOSO\Domain Computers`, `alice@contoso.com`, `Authenticated Users`, `S-1-5-21-...-515`), the
 * machine-independent well-known groups, and the SDDL an authorization list compiles to.
 *
 * A name's SID is a fact of the host's domain (Domain Computers is S-1-5-21-<domain>-515, different in every
 * domain), so names are checked for syntax here and resolved at plan/apply time (modules/plan/accounts.ts:
 * LookupAccountNameW on Windows, an accounts fixture on fwpsim and snapshots), never guessed.
 */
import type { SecretSource } from "./model.ts";

/** One entry of an authorization list, as the policy writes it. */
export interface AccountName {
  /** The entry as written (trimmed): a name or a SID. */
  name: string;
  /** Set when the entry is itself a SID (`S-1-...`, upper case): nothing to resolve. */
  sid?: string;
  /** Where the entry is written (set by `loadPolicy`): what plan/apply name when it cannot be resolved. */
  source?: SecretSource;
}

/** `authorization.machines` / `users`: SDDL as written, or a list of names and SIDs. */
export type AuthorizationSpec = string | AccountName[];

/** Which side an authorization list grants: the remote machine's token or the remote user's. */
export type AuthorizationField = "machines" | "users";

/**
 * Well-known groups whose SIDs do not depend on the machine or domain (MS-DTYP 2.4.2.4), by their English
 * names, lower case. They resolve on any host, also offline.
 */
export const WELL_KNOWN_GROUPS: Readonly<Record<string, string>> = {
  "everyone": "S-1-1-0",
  "network": "S-1-5-2",
  "interactive": "S-1-5-4",
  "enterprise domain controllers": "S-1-5-9",
  "authenticated users": "S-1-5-11",
  "this organization": "S-1-5-15",
  "administrators": "S-1-5-32-544",
  "users": "S-1-5-32-545",
  "remote desktop users": "S-1-5-32-555",
};

/** The well-known SID of `name` (with or without `NT AUTHORITY\` / `BUILTIN\`), or undefined. */
export function wellKnownSid(name: string): string | undefined {
  return WELL_KNOWN_GROUPS[name.trim().replace(/^(NT AUTHORITY|BUILTIN)\\/i, "").toLowerCase()];
}

/** A SID in string form: S-1-<authority>-<up to 15 sub-authorities> (MS-DTYP 2.4.2.1). */
export const SID_PATTERN = /^S-1-\d+(-\d+){0,15}$/i;

/** Account and group names cannot contain these (sAMAccountName rules, learn.microsoft.com). */
// deno-lint-ignore no-control-regex
const BAD_NAME_CHARS = /["/\\[\]:;|=,+*?<>\x00-\x1f]/;

/** GNLEN/UNLEN (lmcons.h): 256 characters for a user or group name. */
const MAX_ACCOUNT = 256;
/** A domain part: a NetBIOS name or a DNS name (at most 255 characters). */
const MAX_DOMAIN = 255;

/**
 * Checks the syntax of one list entry: `DOMAIN\name`, `name@domain`, a bare name, or a SID. Returns the
 * entry (with `sid` for a SID) or the reason it is not one. Whether the name exists is for plan/apply.
 */
export function parseAccountName(text: string): AccountName | string {
  const name = text.trim();
  if (!name) return "empty account name; write DOMAIN\\name, name@domain or a SID (S-1-...)";
  if (/^S-\d/i.test(name)) {
    if (!SID_PATTERN.test(name)) {
      return `'${name}' is not a valid SID: write S-1-<authority>-<sub-authorities> (at most 15)`;
    }
    const subs = name.split("-").slice(3).map(Number);
    if (subs.some((x) => x > 0xffffffff) || BigInt(name.split("-")[2]) >= 1n << 48n) {
      return `'${name}' is not a valid SID: a value is out of range`;
    }
    return { name, sid: name.toUpperCase() };
  }
  let domain: string | undefined, account: string;
  const slash = name.indexOf("\\");
  if (slash >= 0) {
    domain = name.slice(0, slash);
    account = name.slice(slash + 1);
    if (!domain || !account || account.includes("\\")) {
      return `'${name}' is not DOMAIN\\name: give one domain and one name around a single backslash`;
    }
  } else if (name.includes("@")) {
    const at = name.lastIndexOf("@");
    account = name.slice(0, at);
    domain = name.slice(at + 1);
    if (!account || !domain || account.includes("@")) {
      return `'${name}' is not name@domain: give one name and one domain around a single @`;
    }
  } else account = name;
  const bad = BAD_NAME_CHARS.exec(account) ?? (domain !== undefined ? BAD_NAME_CHARS.exec(domain) : null);
  if (bad) {
    const c = bad[0].charCodeAt(0) < 0x20
      ? `the control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`
      : `'${bad[0]}'`;
    return `'${name}' contains ${c}, which account names cannot contain`;
  }
  if (account.length > MAX_ACCOUNT) return `the account name in '${name}' is longer than ${MAX_ACCOUNT}`;
  if (domain !== undefined && domain.length > MAX_DOMAIN) {
    return `the domain in '${name.slice(0, 40)}...' is longer than ${MAX_DOMAIN}`;
  }
  return { name };
}

/**
 * The SDDL an authorization list grants: one allow ACE of FWP_ACTRL_MATCH_FILTER (0x1, the right IPsec
 * authorization checks) per distinct SID, in the order written, under a present DACL (`D:`), never an empty
 * or absent one (an absent DACL allows everyone). Throws on an empty list: there is nothing to grant.
 */
export function authorizationSddl(sids: readonly string[]): string {
  const distinct = [...new Set(sids.map((s) => s.toUpperCase()))];
  if (!distinct.length) throw new RangeError("an authorization list needs at least one SID");
  for (const s of distinct) if (!SID_PATTERN.test(s)) throw new RangeError(`'${s}' is not a SID`);
  return `D:${distinct.map((s) => `(A;;0x1;;;${s})`).join("")}`;
}
