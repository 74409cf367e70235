/**
 * One text line per net event, for `events --follow` (the table of `events` needs every row first; a live
 * follower prints each event as it comes).
 */
import type { NetEvent1 } from "../engine/mod.ts";
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
  return [
    String(j.time),
    String(j.kind ?? j.typeName ?? j.type).padEnd(4),
    `${j.local ?? "-"} -> ${j.remote ?? "-"}`,
    failure,
    where || "-",
  ].join("  ");
}
