/**
 * The precedence order of overlapping rules (model/overlaps.ts) as text and JSON, for `plan` and `show`
 * (docs/cli-json.md "precedence"; docs/precedence.md).
 */
import type { PrecedenceEntry } from "../policy/mod.ts";
import type { Json } from "./render.ts";

/** JSON of the order: weights as decimal strings (bigint convention) and as 16-digit hex. */
export function precedenceJson(entries: PrecedenceEntry[]): Json {
  return entries.map((e) => ({
    family: e.family,
    rank: e.rank,
    rule: e.rule,
    weight: e.weight.toString(),
    weightHex: "0x" + e.weight.toString(16).padStart(16, "0"),
    priority: e.priority,
    security: e.security,
    overrides: e.overrides.map((o) => ({ rule: o.rule, reason: o.reason })),
  }));
}

/**
 * Text: one block per family, highest weight first, each rule with what it overrides and why
 * ("1. secure-servers (require/require): more specific: remote 10.1.5.0/24 than everywhere"). Empty when no
 * rules overlap with different security.
 */
export function precedenceText(entries: PrecedenceEntry[]): string {
  if (!entries.length) return "";
  const lines = ["Precedence where rules with different security overlap (the first listed decides):"];
  for (const family of [4, 6] as const) {
    const mine = entries.filter((e) => e.family === family);
    if (!mine.length) continue;
    lines.push(`  IPv${family}:`);
    for (const e of mine) {
      const byReason = new Map<string, string[]>();
      for (const o of e.overrides) byReason.set(o.reason, [...(byReason.get(o.reason) ?? []), o.rule]);
      const why = [...byReason].map(([reason, rules]) =>
        reason.startsWith("priority")
          ? `${reason} over ${rules.join(", ")}`
          : `more specific (${reason}) than ${rules.join(", ")}`
      );
      lines.push(
        `    ${e.rank}. ${e.rule} (${e.security}, weight 0x${e.weight.toString(16).padStart(16, "0")})` +
          (why.length ? `: ${why.join("; ")}` : ""),
      );
    }
  }
  return lines.join("\n");
}
