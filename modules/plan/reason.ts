/**
 * The reasons of replace changes: the differing fields as text, and their paths for JSON `fields`.
 */
import { readMeta } from "../graph/mod.ts";
import type { FieldDiff } from "./fieldDiff.ts";

/** Human reason for a list of differing fields; blob values (providerData, keys) are never printed. */
export function describeDiffs(diffs: FieldDiff[]): string {
  const parts: string[] = [];
  for (const d of diffs) {
    if (/(^|\.)providerData$/.test(d.path)) {
      parts.push(describeMetaDiff(d));
      continue;
    }
    const show = (v: unknown) =>
      v === undefined
        ? "absent"
        : typeof v === "string"
        ? JSON.stringify(v)
        : typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
        ? String(v)
        : v instanceof Uint8Array
        ? `${v.length} bytes`
        : "…";
    const ip = /v4AddrMask\.(addr|mask)$|V4Address$/.test(d.path);
    const fmt = (
      v: unknown,
    ) => (ip && typeof v === "number" ? [24, 16, 8, 0].map((b) => (v >>> b) & 255).join(".") : show(v));
    parts.push(`${d.path}: ${fmt(d.current)} -> ${fmt(d.desired)}`);
  }
  return [...new Set(parts)].join("; ");
}

function describeMetaDiff(d: FieldDiff): string {
  const a = readMeta(d.current as Uint8Array | undefined) ?? {};
  const b = readMeta(d.desired as Uint8Array | undefined) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (!keys.length) return "providerData differs";
  return [
    ...new Set(
      keys.filter((k) => k !== "contentSha256" || keys.length === 1).map((k) =>
        k === "contentSha256"
          ? "policy content changed"
          : k === "secretSha256"
          ? "pre-shared key changed"
          : k === "manualSaSha256"
          ? "manual SA key, SPI or transform changed"
          : k === "tunnelSha256" || k === "tunnel"
          ? "tunnel definition (flags, traffic conditions or keying module) changed"
          : `providerData.${k} changed`
      ),
    ),
  ].join("; ");
}

/**
 * Drops a providerData difference that only restates other differences (the content digest, the account
 * names recorded beside an authorization descriptor).
 */
export function pruneDiffs(diffs: FieldDiff[]): FieldDiff[] {
  const isPd = (d: FieldDiff) => /(^|\.)providerData$/.test(d.path);
  if (!diffs.some((d) => !isPd(d))) return diffs;
  return diffs.filter((d) => {
    if (!isPd(d)) return true;
    const a = readMeta(d.current as Uint8Array | undefined) ?? {},
      b = readMeta(d.desired as Uint8Array | undefined) ?? {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) =>
      JSON.stringify(a[k]) !== JSON.stringify(b[k])
    );
    // The resolved account names (plan/accounts.ts) change with the descriptor they were built into.
    return keys.some((k) => k !== "contentSha256" && k !== "accounts");
  });
}

/** The differing fields' paths for JSON `fields` (array lengths as the array). */
export function fieldPaths(diffs: FieldDiff[]): string[] {
  return [...new Set(diffs.map((d) => d.path.replace(/\.length$/, "")))];
}
