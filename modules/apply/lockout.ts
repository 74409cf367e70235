/**
 * Lock-out guard (issue 16 item 2): a `require` rule that covers the peer of the session the admin is
 * working through (RDP, WinRM, SSH), or has no remote scope at all, can cut that session off when the
 * peer cannot negotiate. `apply` warns and refuses such a policy unless it is applied with a revert armed
 * (`--confirm-within`) or `--force`. Local scope and ports are ignored on purpose: the safe reading is
 * that the rule may match the session.
 * The session peer is found by the caller and passed in, so the rule itself is testable off Windows.
 */
import { SafetyError } from "../errors.ts";
import { parseAddr, type Policy, type Rule } from "../model/mod.ts";

/** Where a rule is written, for the message (file:line). */
export interface RuleLocation {
  /** The policy file. */
  file: string;
  /** 1-based line of the rule. */
  line: number;
}

/** One rule that may lock the session out. */
export interface LockoutFinding {
  /** The rule's name. */
  rule: string;
  /** Why: it covers the session's peer, or it has no remote scope. */
  reason: "covers-peer" | "no-remote-scope";
  /** The session peer address, when known. */
  peer?: string;
  /** Where the rule is written, when known. */
  location?: RuleLocation;
}

/** True when the rule requires IPsec in a direction it secures. */
function requires(r: Rule): boolean {
  return (r.direction !== "outbound" && r.inbound === "require") ||
    (r.direction !== "inbound" && r.outbound === "require");
}

/**
 * The rules of `policy` that may lock out the session whose remote peer is `peer` (an IP address, or
 * undefined for a local session). `locate` maps a rule index to its place in the file.
 */
export function lockoutFindings(
  policy: Pick<Policy, "rules">,
  peer: string | undefined,
  locate?: (index: number) => RuleLocation | undefined,
): LockoutFinding[] {
  let addr: { family: 4 | 6; value: bigint } | undefined;
  if (peer !== undefined) {
    const a = parseAddr(peer);
    if (typeof a === "string" || a.kind !== "single") {
      throw new SafetyError(`session peer "${peer}" is not one IP address`);
    }
    addr = { family: a.family, value: a.low };
  }
  const out: LockoutFinding[] = [];
  policy.rules.forEach((r, i) => {
    if (!requires(r)) return;
    const location = locate?.(i);
    const base = { rule: r.name, ...(peer !== undefined ? { peer } : {}), ...(location ? { location } : {}) };
    if (r.remote.length === 0) out.push({ ...base, reason: "no-remote-scope" });
    else if (
      addr && r.remote.some((s) => s.family === addr.family && s.low <= addr.value && addr.value <= s.high)
    ) {
      out.push({ ...base, reason: "covers-peer" });
    }
  });
  return out;
}

/** One line per finding: `policy.yaml:12: rule "lan" requires IPsec for 10.0.0.5, the peer of this session`. */
export function describeFinding(f: LockoutFinding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}: ` : "";
  return f.reason === "covers-peer"
    ? `${where}rule "${f.rule}" requires IPsec for ${f.peer}, the peer of this session`
    : `${where}rule "${f.rule}" requires IPsec and has no remote scope (it covers every peer${
      f.peer ? `, including this session's ${f.peer}` : ""
    })`;
}

/**
 * Refuses (SafetyError) when there are findings and neither a revert is armed nor `force` is given;
 * otherwise returns the warnings to print.
 */
export function guardLockout(
  findings: LockoutFinding[],
  opts: { confirmWithin: boolean; force: boolean },
): string[] {
  const lines = findings.map(describeFinding);
  if (lines.length && !opts.confirmWithin && !opts.force) {
    throw new SafetyError(
      `${
        lines.join("\n")
      }\nthis policy may lock out the current session: apply it with --confirm-within DURATION ` +
        `(reverted unless confirmed) or --force`,
    );
  }
  return lines;
}
