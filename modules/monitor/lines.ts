/**
 * Net events as text: one line per event for `events --follow` (a live follower prints each event as it
 * comes), and the `events` table with each failure's rule and, once per failure name, its cause and fix.
 */
import type { NetEvent1 } from "../engine/mod.ts";
import { table } from "../render/mod.ts";
import { type RuleRef, ruleText } from "./failures.ts";
import { netEventJson } from "./monitor.ts";

/** `TIME  KIND  LOCAL -> REMOTE  FAILURE (CODE)  WHERE`, from the event's JSON (netEventJson). */
export function eventLine(e: NetEvent1, json?: Record<string, unknown>): string {
  const j = json ?? (netEventJson(e) as Record<string, unknown>);
  const f = (j.failure ?? {}) as Record<string, unknown>;
  const where = [j.failurePoint, j.state, j.direction].filter((x) => x !== undefined && x !== null).map(
    String,
  )
    .join(" ");
  const failure = f.name ? `${f.name} (${f.codeHex})` : String(f.codeHex ?? "-");
  const parts = [
    String(j.time),
    String(j.kind ?? j.typeName ?? j.type).padEnd(4),
    `${j.local ?? "-"} -> ${j.remote ?? "-"}`,
    failure,
    where || "-",
  ];
  if (j.rule) {
    const t = contextText(j);
    parts.push(t.rule);
    if (t.cause) parts.push(t.cause);
  }
  return parts.join("  ");
}

/** A failure's rule and cause for text output (from failureContext's members). */
export function contextText(ctx: Record<string, unknown>): { rule: string; cause: string | null } {
  const cause = ctx.cause ? `${ctx.cause}; likely fix: ${ctx.fix}` : null;
  return { rule: ruleText(ctx.rule as RuleRef), cause };
}

/** The `events` text: one row per event with its rule, then each failure's cause and likely fix once. */
export function eventsReport(rows: { event: NetEvent1; json: Record<string, unknown> }[]): string {
  if (!rows.length) return "No IKE failures or IPsec drops recorded.";
  const causes = new Map<string, string>();
  const body = table(
    ["TIME", "KIND", "LOCAL", "REMOTE", "FAILURE", "WHERE", "RULE"],
    rows.map(({ json: j }) => {
      const f = (j.failure ?? {}) as Record<string, unknown>;
      const where = [j.failurePoint, j.state, j.direction].filter((x) => x !== undefined && x !== null)
        .map(String).join(" ");
      const t = contextText(j);
      if (t.cause && f.name) causes.set(String(f.name), t.cause);
      return [
        String(j.time),
        String(j.kind ?? j.typeName ?? j.type),
        String(j.local ?? "-"),
        String(j.remote ?? "-"),
        f.name ? `${f.name} (${f.codeHex})` : String(f.codeHex ?? "-"),
        where || "-",
        t.rule,
      ];
    }),
  );
  const notes = [...causes].map(([name, text]) => `  ${name}: ${text}`);
  return notes.length ? `${body}\n\nWhat the failures mean:\n${notes.join("\n")}` : body;
}
