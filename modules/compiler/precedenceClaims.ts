/**
 * Precedence at the ALE layers. Every rule has IKEEXT, IPSEC and transport filters, so where two rules
 * overlap the more specific one's filters outweigh the other's there (model/precedence.ts). ALE
 * receive-accept and connect filters exist only for some rules (authorization, guaranteed encryption,
 * negotiation discovery's inbound require, program rules), so a more specific rule without one would leave
 * the shared traffic to the less specific rule's ALE filter: a boundary zone (request/request) inside an
 * isolated domain (require/request) would still be refused clear connections at ALE accept. Such a rule
 * gets a PERMIT at that layer with its own (higher) ALE weight: within our sublayer it decides, and a soft
 * permit leaves other sublayers' verdicts as they were (fwp/filter-arbitration), as no filter of ours would.
 */
import type { Rule } from "../model/mod.ts";
import { ndVariant, transportSecurity } from "../model/mod.ts";
import { findOverlaps } from "../model/mod.ts";

/** The ALE layers a rule's own filters sit at (the branches of compile.ts ruleFilters). */
export function aleLayers(r: Rule): { accept: boolean; connect: boolean } {
  const variant = ndVariant(transportSecurity(r));
  const accept = r.direction !== "outbound" &&
    (r.authorization !== undefined || r.requireEncryption || variant === "nd-secure" ||
      (r.program !== undefined && r.inbound === "require"));
  const connect = r.direction !== "inbound" &&
    (r.requireEncryption || (r.program !== undefined && r.outbound === "require"));
  return { accept, connect };
}

/**
 * Per rule name and family, the ALE layers where the rule needs a precedence PERMIT: it outranks an
 * overlapping rule with different security that has a filter there, and has none of its own.
 */
export function aleClaims(rules: Rule[]): Map<string, Map<4 | 6, Set<"accept" | "connect">>> {
  const out = new Map<string, Map<4 | 6, Set<"accept" | "connect">>>();
  const ov = findOverlaps(rules);
  for (const p of ov.pairs) {
    const w = rules[p.winner], l = rules[p.loser];
    const mine = aleLayers(w), theirs = aleLayers(l);
    for (const layer of ["accept", "connect"] as const) {
      if (mine[layer] || !theirs[layer]) continue;
      // The winner's direction must reach the layer (an inbound-only rule has no connect traffic).
      if (layer === "accept" ? w.direction === "outbound" : w.direction === "inbound") continue;
      if (!out.has(w.name)) out.set(w.name, new Map());
      const byFam = out.get(w.name)!;
      if (!byFam.has(p.family)) byFam.set(p.family, new Set());
      byFam.get(p.family)!.add(layer);
    }
  }
  return out;
}
