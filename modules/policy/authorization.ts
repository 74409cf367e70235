/**
 * A rule's `authorization`: `machines` / `users`, each either SDDL as written (must have a DACL) or a list
 * of account names and SIDs (model/identity.ts). Lists are checked for syntax only; plan/apply resolve the
 * names on the host (modules/plan/accounts.ts), so a policy validates the same on a build host.
 */
import { type AccountName, parseAccountName } from "../model/mod.ts";
import type { MainModePolicy, QuickModePolicy, Rule } from "../model/mod.ts";
import { hasDacl, SddlError, sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import { type Checker, isObj, type Path, str } from "./check.ts";

const SDDL_EXAMPLE = "D:(A;;0x1;;;S-1-5-21-...-515)";
/** One ACE of the largest SID (15 sub-authorities) is 76 bytes: 800 of them fit an ACL's 65535 bytes. */
export const MAX_ACCOUNTS = 800;

/** One `machines` / `users` value: SDDL, or a list of names; undefined (after reporting) when invalid. */
function field(c: Checker, v: unknown, at: Path): string | AccountName[] | undefined {
  if (Array.isArray(v)) {
    if (!v.length) return undefined; // min-items, reported by the shape check (fields.ts)
    if (v.length > MAX_ACCOUNTS) {
      c.err(
        at,
        "too-many-accounts",
        `${v.length} accounts: a descriptor's DACL holds at most 65535 bytes, so at most ${MAX_ACCOUNTS} accounts; grant a group instead`,
      );
      return undefined;
    }
    const out: AccountName[] = [];
    let ok = true;
    v.forEach((item, i) => {
      if (typeof item !== "string") return void (ok = false); // reported by the shape check
      const parsed = parseAccountName(item);
      if (typeof parsed === "string") {
        c.err([...at, i], "bad-account", parsed);
        ok = false;
        return;
      }
      c.accountRefs.push({ ref: parsed, path: [...at, i] });
      out.push(parsed);
    });
    return ok ? out : undefined;
  }
  const s = str(v);
  if (s === undefined) return undefined;
  try {
    if (!hasDacl(sddlToSecurityDescriptor(s))) {
      c.err(
        at,
        "sddl-no-dacl",
        `this SDDL has no DACL (D:), which Windows reads as "allow everyone"; write e.g. ${SDDL_EXAMPLE}, or list account names`,
      );
      return undefined;
    }
    return s;
  } catch (e) {
    if (!(e instanceof SddlError)) throw e;
    c.err(at, "bad-sddl", `${e.message}; write e.g. ${SDDL_EXAMPLE}`);
    return undefined;
  }
}

/** The rule's validated authorization, or undefined when absent (or nothing valid is left). */
export function ruleAuthorization(
  c: Checker,
  v: unknown,
  p: Path,
  qm: QuickModePolicy | undefined,
  mmList: readonly MainModePolicy[],
): Rule["authorization"] {
  if (!isObj(v)) return undefined;
  const authorization: NonNullable<Rule["authorization"]> = {};
  for (const k of ["machines", "users"] as const) {
    const f = field(c, v[k], [...p, "authorization", k]);
    if (f !== undefined) authorization[k] = f;
  }
  if (
    authorization.users !== undefined && qm &&
    (!qm.userAuth.length || !mmList.some((m) => m.keyModule === "authip"))
  ) {
    c.err(
      [...p, "authorization", "users"],
      "authz-needs-em",
      `remote user authorization needs user authentication: give '${qm.name}' userAuth and use an AuthIP main-mode policy`,
    );
  }
  return authorization.machines === undefined && authorization.users === undefined
    ? undefined
    : authorization;
}
