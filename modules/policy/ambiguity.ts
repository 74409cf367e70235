/**
 * Issue 12 rule 9: rules that compile to identical filters with different contexts. Our filters' weights
 * come from the rule's priority and the conditions the filter carries (model/precedence.ts), so identical
 * conditions at one priority get the same weight (learn.microsoft.com fwp/filter-weight-assignment: "problems
 * may occur when the same weight is assigned"; windows-verification.md R1), and which provider context
 * (main-mode policy at IKEEXT, quick-mode policy at IPSEC) or which transport behaviour (rawContext) applies
 * is undefined. The signatures below follow compile.ts: IKEEXT
 * filters carry the addresses only, IPSEC and transport filters the whole selector; a program rule's
 * transport filters carry no application id (model/security.ts transportSecurity).
 * Rules with overlapping selectors, different security and the same weight are precedence.ts's `rule-overlap`; this check
 * adds what that one cannot see: same security, different policies, and program rules whose transport
 * filters collide although their programs differ.
 */
import type { AddrSpec, PortRange, Rule } from "../model/mod.ts";
import { ndVariant, transportSecurity } from "../model/mod.ts";

/** One ambiguity: the later rule, its field, and the message. */
export interface AmbiguityIssue {
  /** Index of the rule (in the validated list) the error is reported on. */
  rule: number;
  /** Field of that rule. */
  field: "mainMode" | "quickMode" | "inbound" | "outbound" | "program";
  /** What collides and what to do. */
  message: string;
}

const addrs = (l: AddrSpec[], f: 4 | 6) =>
  l.filter((a) => a.family === f).map((a) => `${a.low}-${a.high}`).sort().join(",");
const ports = (l: PortRange[]) => l.map((p) => `${p.low}-${p.high}`).sort().join(",");

/** What the rule's outbound / inbound transport filters do (compile.ts ruleFilters). */
function transportBehaviour(r: Rule): { out: string; in: string } {
  const t = transportSecurity(r);
  return {
    out: t.outbound === "request"
      ? "negotiate-discover"
      : t.outbound === "clear"
      ? "suppress-negotiation"
      : "require",
    in: t.inbound === "request" || t.outbound === "request" ? "persist-connection-security" : "require",
  };
}

/**
 * Identical compiled filters whose contexts differ, one issue per later rule. `keyModule` gives a main-mode
 * policy's key module: a rule's IKEEXT filters differ per key module only by their context's type, which is
 * how each keying module finds its own policy, so only same-module filters collide.
 */
export function ambiguityIssues(rules: Rule[], keyModule: (mainMode: string) => string): AmbiguityIssue[] {
  const seen = new Map<string, { i: number; value: string }>();
  const out: AmbiguityIssue[] = [];
  const reported = new Set<number>();
  rules.forEach((r, i) => {
    const t = transportBehaviour(r);
    const variant = ndVariant(transportSecurity(r));
    // Keywords are part of the selector (what they resolve to is known at plan/apply only).
    const kw = `|kw ${r.localKeywords ?? ""}|${r.remoteKeywords ?? ""}`;
    for (const f of r.families) {
      // The priority is part of every filter's weight (model/precedence.ts): a higher one decides.
      const a = `v${f}|p${r.priority ?? 0}|${addrs(r.local, f)}|${addrs(r.remote, f)}`;
      const full = `${a}|${r.protocol ?? "*"}|${ports(r.localPorts)}|${ports(r.remotePorts)}`;
      const checks: [string, string, AmbiguityIssue["field"], string][] = [];
      for (const m of r.mainMode) {
        // One name per key module: the context is the policy itself.
        checks.push([`ikeext|${a}|${keyModule(m)}`, m, "mainMode", "IKEEXT (main-mode) filter"]);
      }
      for (const m of r.mainMode) {
        checks.push([
          `ipsec|${full}|${keyModule(m)}`,
          `${r.quickMode} (${variant})`,
          "quickMode",
          "IPSEC (quick-mode) filter",
        ]);
      }
      if (r.direction !== "inbound") {
        checks.push([`out|${full}`, t.out, "outbound", "outbound transport filter"]);
      }
      if (r.direction !== "outbound") {
        checks.push([`in|${full}`, t.in, "inbound", "inbound transport filter"]);
      }
      for (const [sig, value, field, what] of checks) {
        const prev = seen.get(sig + kw);
        if (!prev) {
          seen.set(sig + kw, { i, value });
          continue;
        }
        if (prev.value === value || prev.i === i || reported.has(i)) continue;
        const p = rules[prev.i];
        // Different security on non-program rules with the same selectors is already rule-overlap.
        if (
          p.program === undefined && r.program === undefined && field !== "mainMode" && field !== "quickMode"
        ) {
          continue;
        }
        reported.add(i);
        out.push({
          rule: i,
          field,
          message: `rule '${r.name}' compiles to the same ${what} as rule '${p.name}' with a different ` +
            `${explain(field)} (${value} vs ${prev.value}): filters with identical conditions get the same ` +
            "weight, so which one applies is undefined; " + advice(field),
        });
      }
    }
  });
  return out;
}

function explain(field: AmbiguityIssue["field"]): string {
  return field === "mainMode"
    ? "main-mode policy"
    : field === "quickMode"
    ? "quick-mode policy or ND variant"
    : "transport behaviour";
}

function advice(field: AmbiguityIssue["field"]): string {
  return field === "mainMode" || field === "quickMode"
    ? `give both rules the same ${field} policy, give the one that should decide a higher priority:, or make ` +
      "their addresses (and for quick mode, protocol or ports) differ"
    : "program rules to the same peers share their transport filters: give them the same inbound/outbound " +
      "security, or make their selectors differ";
}
