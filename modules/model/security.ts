/**
 * What a rule's `inbound`/`outbound` security becomes at each layer: shared by the compiler (which builds
 * the filters) and the validator (which refuses rules that would compile to identical filters with
 * different contexts, issue 12 rule 9), so both read the same recipe.
 */
import type { Rule } from "./model.ts";

/** The ND variant of a quick-mode context. */
export type NdVariant = "plain" | "nd-secure" | "nd-boundary";

/** The ND variant a rule's security needs. */
export function ndVariant(r: Pick<Rule, "inbound" | "outbound">): NdVariant {
  if (r.inbound === "require" && r.outbound === "request") return "nd-secure";
  if (r.inbound === "request") return "nd-boundary";
  return "plain";
}

/**
 * The security a rule's transport-layer filters and quick-mode context carry. Application ids exist only
 * at the ALE layers (FWPM_CONDITION_ALE_APP_ID), and a transport filter that requires IPsec drops every
 * program's clear traffic to those peers. So a program rule follows the Guaranteed Encryption recipe
 * (learn.microsoft.com fwp/guaranteed-encryption: a transport mode with negotiation discovery plus the
 * requirement at ALE): its transport filters only request (negotiate-discover out, persist-connection-
 * security in, ND boundary quick mode), and its ALE connect / receive-accept filters, which carry the app
 * id, require security for that program alone.
 */
export function transportSecurity(
  r: Pick<Rule, "inbound" | "outbound" | "program">,
): Pick<Rule, "inbound" | "outbound"> {
  if (r.program === undefined) return r;
  const soften = (s: Rule["inbound"]): Rule["inbound"] => (s === "require" ? "request" : s);
  return { inbound: soften(r.inbound), outbound: soften(r.outbound) };
}
