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
  /** How the peer was found (e.g. `RDP`, `SIMULATED: WFPSEC_TEST_SESSION_PEER`), for the message. */
  via?: string;
  /** Where the rule is written, when known. */
  location?: RuleLocation;
}

/** A session peer as the guard takes it: the address and, optionally, how it was found. */
export interface GuardPeer {
  /** One IP address. */
  address: string;
  /** How it was found, for the message. */
  via?: string;
}

/**
 * True when the rule drops traffic that cannot be secured in a direction it secures: `require`, or
 * guaranteed encryption (`requireEncryption` blocks clear-text connections at ALE connect and accept).
 */
function requires(r: Rule): boolean {
  return (r.direction !== "outbound" && r.inbound === "require") ||
    (r.direction !== "inbound" && r.outbound === "require") || r.requireEncryption;
}

/**
 * The rules of `policy` that may lock out the session whose remote peer is `peer` (an IP address, several
 * peers when more than one connection may be the session's, or undefined / `[]` for a local session).
 * A rule without remote scope is reported once (naming the first peer); a rule covering peers once per
 * covered peer. `locate` maps a rule index to its place in the file.
 */
export function lockoutFindings(
  policy: Pick<Policy, "rules">,
  peer: string | readonly GuardPeer[] | undefined,
  locate?: (index: number) => RuleLocation | undefined,
): LockoutFinding[] {
  const peers: GuardPeer[] = peer === undefined
    ? []
    : typeof peer === "string"
    ? [{ address: peer }]
    : [...peer];
  const addrs = peers.map((p) => {
    const a = parseAddr(p.address);
    if (typeof a === "string" || a.kind !== "single") {
      throw new SafetyError(`session peer "${p.address}" is not one IP address`);
    }
    return { peer: p, family: a.family, value: a.low };
  });
  const out: LockoutFinding[] = [];
  policy.rules.forEach((r, i) => {
    if (!requires(r)) return;
    const location = locate?.(i);
    const base = (p: GuardPeer | undefined) => ({
      rule: r.name,
      ...(p ? { peer: p.address, ...(p.via ? { via: p.via } : {}) } : {}),
      ...(location ? { location } : {}),
    });
    if (r.remote.length === 0) {
      out.push({ ...base(peers[0]), reason: "no-remote-scope" });
      return;
    }
    for (const a of addrs) {
      if (r.remote.some((s) => s.family === a.family && s.low <= a.value && a.value <= s.high)) {
        out.push({ ...base(a.peer), reason: "covers-peer" });
      }
    }
  });
  return out;
}

/** One line per finding: `policy.yaml:12: rule "lan" requires IPsec for 10.0.0.5, the peer of this session`. */
export function describeFinding(f: LockoutFinding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}: ` : "";
  const via = f.via ? ` (${f.via})` : "";
  return f.reason === "covers-peer"
    ? `${where}rule "${f.rule}" requires IPsec for ${f.peer}, the peer of this session${via}`
    : `${where}rule "${f.rule}" requires IPsec and has no remote scope (it covers every peer${
      f.peer ? `, including this session's ${f.peer}${via}` : ""
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
      }\nthis policy may lock out the current session; nothing changed: apply it with --confirm-within ` +
        `DURATION (reverted unless confirmed) or --force`,
    );
  }
  return lines;
}
