/**
 * Which rules overlap with different security, and which of each pair decides (docs/precedence.md).
 *
 * Overlapping rules are allowed: the compiler gives every rule filter an explicit weight from the rule's
 * `priority` and specificity (model/precedence.ts), so where two rules' traffic meets, the higher-weighted
 * filters decide, as the more specific connection security rule does in Windows Firewall. What is refused
 * (`rule-overlap`) is a true ambiguity: two overlapping rules with different security whose filters get the
 * same weight (same priority, same specificity field by field), where BFE's order is undefined.
 *
 * The sweep runs over remote-address intervals per family, keeping active intervals per security class, so an
 * entry is compared only with rules of another class; same-security overlaps cost nothing. A comparison budget
 * keeps pathological documents bounded, and running out of it is reported, never silently skipped.
 */
import type { PortRange, Rule } from "./model.ts";
import { outranks, precedenceWeight } from "./precedence.ts";
import { transportSecurity } from "./security.ts";

/** Two overlapping rules with different security, in one family. */
export interface OverlapPair {
  /** Index (in the validated rule list) of the rule whose filters decide the shared traffic. */
  winner: number;
  /** Index of the rule it overrides there. */
  loser: number;
  /** The family they overlap in. */
  family: 4 | 6;
  /** Why the winner decides, in the policy's words ("remote 10.1.5.0/24", "priority 10"). */
  reason: string;
}

/**
 * Two overlapping rules with different security that no weight can order: the same weight
 * (`specificity`), or a program rule and another rule whose transport-layer security differs
 * (`program-transport`: a program rule's transport filters carry no application id, model/security.ts, so
 * whichever decides there would decide for every program). Refused.
 */
export interface OverlapTie {
  /** Why no order resolves it. */
  kind: "specificity" | "program-transport";
  /** Index of the earlier rule. */
  first: number;
  /** Index of the later rule. */
  second: number;
  /** The family. */
  family: 4 | 6;
}

/** The overlaps of a rule list. */
export interface Overlaps {
  /** Resolved overlaps: the winner's filters outweigh the loser's. */
  pairs: OverlapPair[];
  /** True ambiguities. */
  ties: OverlapTie[];
  /** True when the comparison budget ran out (some overlaps may be missing). */
  incomplete: boolean;
}

/** What counts as a rule's security for overlaps: anything its filters' actions or contexts carry. */
export function securityClass(r: Rule): string {
  return [
    r.inbound,
    r.outbound,
    r.requireEncryption ? "encrypt" : "",
    r.authorization?.machines ?? "",
    r.authorization?.users ?? "",
  ].join("\0");
}

/** The rule's security in words: "require/request", "+ encryption", "+ authorization". */
export function securityText(r: Rule): string {
  return `${r.inbound}/${r.outbound}` + (r.requireEncryption ? " + encryption" : "") +
    (r.authorization ? " + authorization" : "");
}

const FULL: Record<4 | 6, [bigint, bigint]> = { 4: [0n, (1n << 32n) - 1n], 6: [0n, (1n << 128n) - 1n] };

/** Every overlap of `rules` with different security (budget: comparisons before giving up). */
export function findOverlaps(rules: Rule[], budget = 5_000_000): Overlaps {
  type E = { lo: bigint; hi: bigint; i: number; f: 4 | 6; cls: string };
  const entries: E[] = [];
  rules.forEach((r, i) => {
    const cls = securityClass(r);
    for (const f of r.families) {
      const rem = r.remote.filter((a) => a.family === f);
      if (!rem.length) entries.push({ lo: FULL[f][0], hi: FULL[f][1], i, f, cls });
      for (const a of rem) entries.push({ lo: a.low, hi: a.high, i, f, cls });
    }
  });
  entries.sort((a, b) => a.f - b.f || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const seen = new Set<string>();
  const out: Overlaps = { pairs: [], ties: [], incomplete: false };
  let active = new Map<string, E[]>();
  let lastF = 0;
  let spent = 0;
  for (const e of entries) {
    if (e.f !== lastF) active = new Map(), lastF = e.f;
    for (const [cls, list] of active) {
      // Entries are sorted by start, so an interval ending before e.lo can never overlap a later one.
      const live = list.filter((a) => a.hi >= e.lo);
      active.set(cls, live);
      if (cls === e.cls) continue;
      for (const a of live) {
        if (++spent > budget) {
          out.incomplete = true;
          break;
        }
        const [i, j] = a.i < e.i ? [a.i, e.i] : [e.i, a.i];
        const key = `${e.f}|${i}|${j}`;
        if (i === j || seen.has(key) || !selectorsOverlap(rules[i], rules[j], e.f)) continue;
        seen.add(key);
        const wi = precedenceWeight(rules[i], e.f, "transport"),
          wj = precedenceWeight(rules[j], e.f, "transport");
        const ti = transportSecurity(rules[i]), tj = transportSecurity(rules[j]);
        if (
          (rules[i].program === undefined) !== (rules[j].program === undefined) &&
          (ti.inbound !== tj.inbound || ti.outbound !== tj.outbound)
        ) out.ties.push({ kind: "program-transport", first: i, second: j, family: e.f });
        else if (wi === wj) out.ties.push({ kind: "specificity", first: i, second: j, family: e.f });
        else {
          const [w, l] = wi > wj ? [i, j] : [j, i];
          out.pairs.push({
            winner: w,
            loser: l,
            family: e.f,
            reason: outranks(rules[w], rules[l], e.f) ?? "",
          });
        }
      }
      if (out.incomplete) break;
    }
    if (out.incomplete) break;
    const own = active.get(e.cls);
    if (own) own.push(e);
    else active.set(e.cls, [e]);
  }
  return out;
}

function intersects(a: { low: bigint; high: bigint }[], b: { low: bigint; high: bigint }[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.some((y) => x.low <= y.high && y.low <= x.high));
}
function portsIntersect(a: PortRange[], b: PortRange[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.some((y) => x.low <= y.high && y.low <= x.high));
}
/** True when some packet of family `f` matches both rules' selectors. */
export function selectorsOverlap(a: Rule, b: Rule, f: 4 | 6): boolean {
  if (a.protocol !== undefined && b.protocol !== undefined && a.protocol !== b.protocol) return false;
  if (a.direction !== "both" && b.direction !== "both" && a.direction !== b.direction) return false;
  if (a.program !== b.program && a.program !== undefined && b.program !== undefined) return false;
  return intersects(a.local.filter((x) => x.family === f), b.local.filter((x) => x.family === f)) &&
    intersects(a.remote.filter((x) => x.family === f), b.remote.filter((x) => x.family === f)) &&
    portsIntersect(a.localPorts, b.localPorts) && portsIntersect(a.remotePorts, b.remotePorts);
}

/** One rule in the precedence order of a policy's overlapping rules. */
export interface PrecedenceEntry {
  /** 1-based rank: 1 decides first; equal weights share a rank (they never overlap with different security). */
  rank: number;
  /** The rule's name. */
  rule: string;
  /** The family the order is for. */
  family: 4 | 6;
  /** The weight of the rule's IPSEC and transport filters in that family (model/precedence.ts). */
  weight: bigint;
  /** The rule's priority (0 when not given). */
  priority: number;
  /** The rule's security in words. */
  security: string;
  /** The rules it overrides where they overlap, each with the reason. */
  overrides: { rule: string; reason: string }[];
}

/**
 * The precedence order of the rules that overlap another rule with different security: per family, highest
 * weight first (ties broken by name, which only same-security rules can share). Deterministic.
 */
export function precedenceOrder(rules: Rule[], ov: Overlaps = findOverlaps(rules)): PrecedenceEntry[] {
  const out: PrecedenceEntry[] = [];
  for (const family of [4, 6] as const) {
    const involved = new Map<number, { rule: string; reason: string }[]>();
    for (const p of ov.pairs) {
      if (p.family !== family) continue;
      if (!involved.has(p.loser)) involved.set(p.loser, []);
      const list = involved.get(p.winner) ?? [];
      list.push({ rule: rules[p.loser].name, reason: p.reason });
      involved.set(p.winner, list);
    }
    const rows = [...involved].map(([i, overrides]) => ({
      r: rules[i],
      weight: precedenceWeight(rules[i], family, "transport"),
      overrides: overrides.sort((a, b) => a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
    }));
    rows.sort((a, b) =>
      a.weight < b.weight
        ? 1
        : a.weight > b.weight
        ? -1
        : a.r.name < b.r.name
        ? -1
        : a.r.name > b.r.name
        ? 1
        : 0
    );
    rows.forEach((x, k) =>
      out.push({
        rank: rankAt(rows.map((y) => y.weight), k),
        rule: x.r.name,
        family,
        weight: x.weight,
        priority: x.r.priority ?? 0,
        security: securityText(x.r),
        overrides: x.overrides,
      })
    );
  }
  return out;
}

/** The 1-based rank of position `k` in descending `weights`: equal weights share the first one's rank. */
export function rankAt(weights: bigint[], k: number): number {
  let i = k;
  while (i > 0 && weights[i - 1] === weights[k]) i--;
  return i + 1;
}
