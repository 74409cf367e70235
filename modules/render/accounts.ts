/**
 * The authorization lists' account names with the SIDs they resolved to on this host, as `plan` and
 * `apply` print them before the changes: `rule web machines: CONTOSO\Domain Computers (S-1-5-21-...-515)`.
 */
import type { ResolvedAccount } from "../plan/mod.ts";

/** How an entry was resolved, in words: the lookup or fixture, `well-known`, or nothing for a written SID. */
const how = (a: ResolvedAccount) =>
  a.resolvedBy === "sid"
    ? "written as a SID"
    : a.resolvedBy === "well-known"
    ? "well-known group"
    : a.resolvedBy;

/** The block of lines, or "" when no rule lists names. */
export function accountsText(accounts: readonly ResolvedAccount[]): string {
  if (!accounts.length) return "";
  const lines = ["Authorization accounts (resolved on this host):"];
  for (const a of accounts) {
    lines.push(
      `  rule ${a.rule} ${a.field}: ${a.resolvedBy === "sid" ? a.sid : `${a.name} (${a.sid})`} [${how(a)}]`,
    );
  }
  return lines.join("\n");
}
