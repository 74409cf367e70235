/**
 * A filter's authorization conditions in the policy's words, for plan reasons: the names and SIDs recorded
 * when the list was resolved (`machines CONTOSO\Domain Computers (S-1-5-21-1-515) -> ... (S-1-5-21-9-515)`
 * when the domain's SID changed), else the descriptor as SDDL (authorization written as SDDL).
 */
import type { Filter } from "../graph/mod.ts";
import { readMeta } from "../graph/mod.ts";
import { CONDITIONS, ENUMS } from "../../ffi/constants.ts";
import { SddlError, securityDescriptorToSddl } from "../../ffi/sddl.ts";

const FIELDS: [string, "machines" | "users"][] = [
  [CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID, "machines"],
  [CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID, "users"],
];

/** `machines` / `users` -> text, for the filter's authorization conditions (none: no entries). */
export function authorizationTerms(f: Filter): [string, string][] {
  const recorded = readMeta(f.providerData)?.accounts as
    | Partial<Record<"machines" | "users", { name: string; sid: string }[]>>
    | undefined;
  const out: [string, string][] = [];
  for (const [key, field] of FIELDS) {
    const c = f.filterCondition.find((x) => x.fieldKey === key);
    if (!c) continue;
    const names = recorded?.[field];
    if (Array.isArray(names) && names.length) {
      out.push([
        field,
        names.map((n) => n.name.toUpperCase() === n.sid ? n.sid : `${n.name} (${n.sid})`).join(", "),
      ]);
      continue;
    }
    const v = c.conditionValue;
    if (v.type !== ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE) continue;
    try {
      out.push([field, securityDescriptorToSddl(v.sd)]);
    } catch (e) {
      if (!(e instanceof SddlError)) throw e;
      out.push([field, `a security descriptor of ${v.sd.length} bytes`]);
    }
  }
  return out;
}
