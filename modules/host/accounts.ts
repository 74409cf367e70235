/**
 * Group names -> SIDs for `wfpsec new --kind server --allow-group`, whose SDDL grant needs SIDs.
 * - `S-1-...` is taken as written;
 * - on Windows a name goes to LookupAccountNameW (ffi/advapi32.ts): the only way to learn a domain group's
 *   SID (`CORP\Domain Computers` is S-1-5-21-<domain>-515, different in every domain);
 * - otherwise (and when Windows does not know the name) the machine-independent well-known groups below,
 *   by their English names, with or without `NT AUTHORITY\` / `BUILTIN\`: their SIDs are the same on every
 *   Windows in every language. Anything else off Windows is an error saying to give the SID.
 */
import { UsageError } from "../errors.ts";
import { WELL_KNOWN_GROUPS, wellKnownSid } from "../model/mod.ts";

export { WELL_KNOWN_GROUPS };

/** SID_NAME_USE values a machine-authorization grant can match (groups, aliases, computer accounts). */
const GROUP_USES = new Set([2, 4, 5, 9]);

const SID = /^S-1-\d+(-\d+){0,15}$/i;

/** A group as the admin named it and the SID it resolved to. */
export interface ResolvedGroup {
  /** What was given (`S-1-5-11`, `Authenticated Users`, `CORP\Domain Computers`). */
  name: string;
  /** `S-1-...`. */
  sid: string;
}

/**
 * Resolves one `--allow-group` value. `lookup` is LookupAccountNameW on Windows (injected so the rule
 * order can be tested anywhere); undefined elsewhere.
 */
export function resolveGroup(
  text: string,
  lookup: ((name: string) => { sid: string; use: number } | undefined) | undefined,
): ResolvedGroup {
  const name = text.trim();
  if (SID.test(name)) return { name, sid: name.toUpperCase() };
  if (!name) throw new UsageError("--allow-group: empty group name");
  const found = lookup?.(name);
  if (found) {
    if (!GROUP_USES.has(found.use)) {
      throw new UsageError(
        `--allow-group ${name}: that account is not a group or computer (SID_NAME_USE ${found.use}); ` +
          "machine authorization matches the connecting machine's groups",
      );
    }
    return { name, sid: found.sid };
  }
  const known = wellKnownSid(name);
  if (known) return { name, sid: known };
  throw new UsageError(
    lookup
      ? `--allow-group ${name}: Windows does not know this account; check the spelling (DOMAIN\\Group) or give its SID`
      : `--allow-group ${name}: names other than the well-known groups (${
        Object.keys(WELL_KNOWN_GROUPS).join(", ")
      }) are resolved on Windows only; give the SID (S-1-5-21-...), e.g. from PowerShell ` +
        `(Get-ADGroup '${name.replace(/^.*\\/, "")}').SID.Value`,
  );
}

/** Resolves a comma list of `--allow-group` values; on Windows through LookupAccountNameW. */
export async function resolveGroups(list: string): Promise<ResolvedGroup[]> {
  let lookup: ((name: string) => { sid: string; use: number } | undefined) | undefined;
  if (Deno.build.os === "windows") lookup = (await import("../../ffi/advapi32.ts")).lookupAccountName;
  return list.split(",").filter((s) => s.trim()).map((s) => resolveGroup(s, lookup));
}
