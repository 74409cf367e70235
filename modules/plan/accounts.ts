/**
 * Account names -> SIDs for `authorization.machines` / `users` lists, at plan/apply time (never at validate:
 * a SID is a fact of the host's domain). The compiler leaves such a list as an `accounts` condition value;
 * `resolveAccountFilters` turns it into the security descriptor the engine compares (one allow ACE of
 * FWP_ACTRL_MATCH_FILTER per SID under a present DACL, model/identity.ts) and records the names and SIDs in
 * the filter's providerData, so plan, show and export can say them in the policy's words.
 *
 * Where names are looked up:
 * - the live Windows engine: LookupAccountNameW (ffi/advapi32.ts), the local machine and its domain;
 * - fwpsim and offline snapshots: the accounts fixture named by WFPSEC_ACCOUNTS (a JSON file, format in
 *   docs/cli-json.md "Accounts fixture"), since neither has a domain to ask; never read for Windows;
 * - anywhere, after those: the machine-independent well-known groups by English name.
 * Anything else is an error listing every unresolved entry at its file:line; nothing is guessed.
 */
import type { EngineInfo } from "../engine/mod.ts";
import type { Filter, FilterCondition, Guid } from "../graph/mod.ts";
import { readMeta, withMeta } from "../graph/mod.ts";
import {
  type AccountName,
  type AuthorizationField,
  authorizationSddl,
  SID_PATTERN,
  wellKnownSid,
} from "../model/mod.ts";
import { CONDITIONS, ENUMS } from "../../ffi/constants.ts";
import { sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import { lookupAccountName } from "../../ffi/advapi32.ts";
import { SnapshotError } from "../errors.ts";
import { type Diagnostic, PolicyError } from "../policy/mod.ts";

/** SID_NAME_USE (winnt.h) words, as the fixture writes them and errors say them. */
export const ACCOUNT_TYPES: Readonly<Record<string, number>> = {
  user: 1,
  group: 2,
  domain: 3,
  alias: 4,
  wellKnownGroup: 5,
  deletedAccount: 6,
  invalid: 7,
  unknown: 8,
  computer: 9,
  label: 10,
  logonSession: 11,
};
const typeWord = (use: number) =>
  Object.keys(ACCOUNT_TYPES).find((k) => ACCOUNT_TYPES[k] === use) ?? `type ${use}`;

/** The account kinds each list may name: a machine token holds the computer account and its groups. */
const ALLOWED: Record<AuthorizationField, Set<number>> = {
  machines: new Set([2, 4, 5, 9]),
  users: new Set([1, 2, 4, 5]),
};

/** What a lookup found: the SID and its SID_NAME_USE. */
export interface FoundAccount {
  /** `S-1-...`. */
  sid: string;
  /** SID_NAME_USE value. */
  use: number;
}

/** Where names are looked up on this engine's host. */
export interface AccountResolver {
  /** How a found name was resolved, as plan reports it: `LookupAccountNameW` or `fixture FILE`. */
  via: string;
  /** Looks one name up; undefined when the source does not know it. Absent: nothing to ask (offline). */
  lookup?: (name: string) => FoundAccount | undefined;
  /** Why there is nothing to ask, when `lookup` is absent (said in the unresolved-name error). */
  offline?: string;
}

/** One list entry as plan shows it: `machines: CONTOSO\Domain Computers (S-1-5-21-...-515)`. */
export interface ResolvedAccount {
  /** The rule whose authorization lists it. */
  rule: string;
  /** `machines` or `users`. */
  field: AuthorizationField;
  /** The entry as written. */
  name: string;
  /** The SID it resolved to. */
  sid: string;
  /** `sid` (written as a SID), `well-known`, `LookupAccountNameW` or `fixture FILE`. */
  resolvedBy: string;
}

/**
 * Names the host cannot resolve (or that name the wrong kind of account): a PolicyError, since the policy
 * cannot be applied as written on this host, whose diagnostics list every such entry at its file:line
 * (codes `account-unresolved`, `account-kind`).
 */
export class AccountResolutionError extends PolicyError {}

/** The environment variable naming the accounts fixture (fwpsim and snapshots only). */
export const ACCOUNTS_FIXTURE_ENV = "WFPSEC_ACCOUNTS";

/**
 * Reads an accounts fixture: `{ "accounts": [{ "name": "CONTOSO\\Domain Computers", "sid": "S-1-5-21-...",
 * "type": "group" }, ...] }`. A malformed fixture is a SnapshotError naming the file and entry.
 */
export function readAccountsFixture(file: string): AccountResolver {
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch (e) {
    throw new SnapshotError(`accounts fixture ${file} (${ACCOUNTS_FIXTURE_ENV}): ${(e as Error).message}`, {
      file,
    });
  }
  return parseAccountsFixture(text, file);
}

/** `readAccountsFixture` on the file's text. */
export function parseAccountsFixture(text: string, file: string): AccountResolver {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(`accounts fixture ${file} (${ACCOUNTS_FIXTURE_ENV}): ${(e as Error).message}`, {
      file,
    });
  }
  const list = (doc as { accounts?: unknown })?.accounts;
  const bad = (element: string, why: string) =>
    new SnapshotError(`accounts fixture ${file}: ${element}: ${why}`, { file, element });
  if (!Array.isArray(list)) throw bad("accounts", "must be a list of { name, sid, type }");
  const byName = new Map<string, FoundAccount & { name: string }>();
  list.forEach((e, i) => {
    const { name, sid, type } = (e ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || !name.trim()) {
      throw bad(`accounts[${i}].name`, "must be a non-empty string");
    }
    if (typeof sid !== "string" || !SID_PATTERN.test(sid)) {
      throw bad(`accounts[${i}].sid`, "must be a SID (S-1-...)");
    }
    if (typeof type !== "string" || !(type in ACCOUNT_TYPES)) {
      throw bad(`accounts[${i}].type`, `must be one of ${Object.keys(ACCOUNT_TYPES).join(", ")}`);
    }
    const key = name.trim().toLowerCase();
    if (byName.has(key)) throw bad(`accounts[${i}].name`, `'${name}' is listed twice`);
    byName.set(key, { name: name.trim(), sid: sid.toUpperCase(), use: ACCOUNT_TYPES[type] });
  });
  return {
    via: `fixture ${file}`,
    lookup(name) {
      const key = name.toLowerCase();
      const exact = byName.get(key);
      if (exact) return exact;
      // An unqualified name matches one account of any domain, as LookupAccountNameW searches the
      // machine's and its domain's; two matches are left unresolved rather than picked.
      if (key.includes("\\") || key.includes("@")) return undefined;
      const hits = [...byName.values()].filter((a) => a.name.toLowerCase().split("\\").pop() === key);
      return hits.length === 1 ? hits[0] : undefined;
    },
  };
}

/** The resolver for this engine's host (see the module comment). */
export function defaultAccountResolver(info: EngineInfo): AccountResolver {
  if (info.kind === "windows") {
    return {
      via: "LookupAccountNameW",
      lookup: (name) => lookupAccountName(name),
    };
  }
  const fixture = Deno.env.get(ACCOUNTS_FIXTURE_ENV);
  if (fixture) return readAccountsFixture(fixture);
  return {
    via: "none",
    offline: `${info.description} has no domain to look names up in: write the SID (S-1-...)` +
      (info.kind === "fwpsim" || info.kind === "snapshot"
        ? `, or set ${ACCOUNTS_FIXTURE_ENV} to an accounts fixture`
        : ""),
  };
}

const FIELD_OF: Record<string, AuthorizationField> = {
  [CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID]: "machines",
  [CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID]: "users",
};

/** The resolution of one entry: its SID and how, or the reason it has none. */
function resolveOne(
  a: AccountName,
  field: AuthorizationField,
  r: AccountResolver,
): { sid: string; via: string } | { why: string; code: string } {
  if (a.sid) return { sid: a.sid, via: "sid" };
  const found = r.lookup?.(a.name);
  if (found) {
    // A computer account (NAME$) is an AD user-class object: the lookup may report it as SidTypeUser
    // (docs/windows-verification.md AC1); under machines it is the computer's own SID, which its token has.
    const computer = found.use === ACCOUNT_TYPES.user && field === "machines" && a.name.endsWith("$");
    if (!computer && !ALLOWED[field].has(found.use)) {
      const hint = field === "machines"
        ? "machine authorization matches the connecting computer's account and its groups; list users under users"
        : "user authorization matches the connecting user and the user's groups; list computers under machines";
      return {
        code: "account-kind",
        why: `'${a.name}' is a ${typeWord(found.use)} account (${r.via}); ${hint}`,
      };
    }
    return { sid: found.sid.toUpperCase(), via: r.via };
  }
  const known = wellKnownSid(a.name);
  if (known) return { sid: known, via: "well-known" };
  return {
    code: "account-unresolved",
    why: r.lookup
      ? `'${a.name}' is not known to ${r.via}${
        r.via === "LookupAccountNameW" ? " (or its domain cannot be reached now)" : ""
      }; check the spelling (DOMAIN\\name) or write the SID`
      : `'${a.name}' cannot be resolved: ${r.offline}`,
  };
}

/**
 * Resolves every `accounts` condition of these filters into a security descriptor, with the names and
 * SIDs in the filter's providerData (`accounts`). Throws AccountResolutionError listing every entry that
 * does not resolve (each once, though a rule's list is in its IPv4 and IPv6 filters); nothing is changed.
 */
export function resolveAccountFilters(
  filters: readonly Filter[],
  resolver: AccountResolver,
): { filters: Map<Guid, Filter>; accounts: ResolvedAccount[] } {
  const out = new Map<Guid, Filter>();
  const accounts: ResolvedAccount[] = [];
  const seen = new Set<AccountName>();
  const problems = new Map<AccountName, Diagnostic>();
  const answers = new Map<AccountName, ReturnType<typeof resolveOne>>();
  for (const f of filters) {
    if (!f.filterCondition.some((c) => c.conditionValue.type === "accounts")) continue;
    const rule = String(readMeta(f.providerData)?.path ?? f.displayData.name).split("/")[1] ??
      f.displayData.name;
    const recorded: Partial<Record<AuthorizationField, { name: string; sid: string }[]>> = {};
    const conds: FilterCondition[] = f.filterCondition.map((c) => {
      const v = c.conditionValue;
      if (v.type !== "accounts") return c;
      const field = FIELD_OF[c.fieldKey] ?? "machines";
      const sids: string[] = [];
      const list: { name: string; sid: string }[] = [];
      for (const a of v.accounts) {
        // One lookup per entry: the IPv4 and IPv6 filters of a rule get the same answer.
        let r = answers.get(a);
        if (!r) answers.set(a, r = resolveOne(a, field, resolver));
        if ("why" in r) {
          const at = a.source;
          problems.set(a, {
            file: at?.file ?? "<policy>",
            line: at?.line ?? 0,
            column: at?.column ?? 0,
            path: at?.path ?? `rules.${rule}.authorization.${field}`,
            message: r.why,
            code: r.code,
            severity: "error",
          });
          continue;
        }
        sids.push(r.sid);
        list.push({ name: a.name, sid: r.sid });
        if (!seen.has(a)) {
          seen.add(a);
          accounts.push({ rule, field, name: a.name, sid: r.sid, resolvedBy: r.via });
        }
      }
      recorded[field] = list;
      if (!sids.length) return c; // every entry failed: reported below
      return {
        ...c,
        conditionValue: {
          type: ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE,
          sd: sddlToSecurityDescriptor(authorizationSddl(sids)),
        },
      };
    });
    out.set(f.filterKey, {
      ...f,
      filterCondition: conds,
      providerData: withMeta(f.providerData, { accounts: recorded }),
    });
  }
  if (problems.size) {
    throw new AccountResolutionError(
      [...problems.values()].sort((a, b) => a.line - b.line || a.column - b.column),
    );
  }
  return { filters: out, accounts };
}
