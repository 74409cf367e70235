/**
 * Output: versioned JSON (docs/cli-json.md) and human tables.
 *
 * JSON conventions: bigint -> decimal string, bytes -> lowercase hex, GUIDs lowercase, and a symbolic name
 * next to every known GUID or enum (`layerKey` + `layer`, `type` + `typeName`, `flags` + `flagNames`).
 * `fromJsonObject` (modules/graph/json.ts) reverses the encoding, which is how a `show --all --json`
 * snapshot is loaded back. Pre-shared key bytes are never rendered: they become `""` (redacted); digests
 * derived from secrets in providerData become `"redacted"` (meta.ts redactDigests).
 */
import { ENUMS, flagNames, type FLAGS, guidName } from "../../ffi/constants.ts";
import type { EngineInfo } from "../engine/mod.ts";
import type { Filter, Provider, ProviderContext, Sublayer } from "../graph/mod.ts";
import type { Change, ChangeGroup, PlanSummary } from "../plan/mod.ts";
import { effectiveWeightOf, GUID_NAME_FIELDS, redactDigests, toHex } from "../graph/mod.ts";

export { fromJsonObject } from "../graph/mod.ts";
import { addAddressText, conditionsText } from "./conditionText.ts";

/** The version of every JSON document the CLI prints. */
export const SCHEMA_VERSION = 1;

/** JSON-ready value. */
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A FLAGS family (FWPM_FILTER_FLAG, ...): which flag names `toJson` gives an object's `flags`. */
export type FlagFamily = keyof typeof FLAGS;

/** Plain JSON of any decoded value: bigint -> string, bytes -> hex, symbolic names added by field. */
export function toJson(
  value: unknown,
  ctx: { flags?: FlagFamily; typeEnum?: keyof typeof ENUMS } = {},
): Json {
  return enc(value, "", ctx);
}

function enc(v: unknown, field: string, ctx: { flags?: FlagFamily; typeEnum?: keyof typeof ENUMS }): Json {
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) {
    if (field === "presharedKey") return "";
    // Digests derived from secrets never leave through output (meta.ts redactDigests).
    return toHex(field === "providerData" ? redactDigests(v) : v);
  }
  if (Array.isArray(v)) return v.map((x) => enc(x, field, ctx));
  if (typeof v === "object") {
    const o: { [k: string]: Json } = {};
    const src = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(src)) {
      if (x === undefined) continue;
      if (k === "v6AddrMask" && x && typeof x === "object") {
        const m = x as { addr: Uint8Array; prefixLength: number };
        o[k] = { addr: toHex(m.addr), prefixLength: m.prefixLength };
        continue;
      }
      o[k] = enc(x, k, childCtx(k, ctx));
      const nameField = GUID_NAME_FIELDS[k];
      if (nameField && typeof x === "string") {
        const n = guidName(x)?.name;
        if (n) o[nameField] = n;
      }
      if (k === "keyModKeys" && Array.isArray(x)) {
        o.keyModules = x.map((g) => guidName(String(g))?.name ?? null);
      }
      if (k === "flags" && typeof x === "number" && ctx.flags) o.flagNames = flagNames(ctx.flags, x);
      if (k === "type" && typeof x === "number" && ctx.typeEnum) {
        const n = enumNameOf(ctx.typeEnum, x);
        if (n) o.typeName = n;
      }
      if (k === "matchType" && typeof x === "number") {
        const n = enumNameOf("FWP_MATCH_TYPE", x);
        if (n) o.matchTypeName = n;
      }
    }
    return o;
  }
  return v as Json;
}

function childCtx(k: string, _ctx: { flags?: FlagFamily; typeEnum?: keyof typeof ENUMS }) {
  // Symbolic names for the enums whose meaning is fixed by the field; nested flag words stay numeric.
  if (k === "action") return { typeEnum: "FWP_ACTION_TYPE" as const };
  if (["conditionValue", "weight", "effectiveWeight", "valueLow", "valueHigh"].includes(k)) {
    return { typeEnum: "FWP_DATA_TYPE" as const };
  }
  return {};
}

function enumNameOf(e: keyof typeof ENUMS, value: number): string | undefined {
  for (const [name, v] of Object.entries(ENUMS[e])) if (v === value) return name;
  return undefined;
}

/** JSON of a provider. */
export function providerJson(p: Provider): Json {
  return toJson(p, { flags: "FWPM_PROVIDER_FLAG" });
}

/** JSON of a sublayer. */
export function sublayerJson(s: Sublayer): Json {
  return toJson(s, { flags: "FWPM_SUBLAYER_FLAG" });
}

/** JSON of a provider context (pre-shared keys redacted). */
export function providerContextJson(c: ProviderContext): Json {
  return toJson(c, { flags: "FWPM_PROVIDER_CONTEXT_FLAG", typeEnum: "FWPM_PROVIDER_CONTEXT_TYPE" });
}

/** JSON of a filter; IPv4 addresses in its conditions also as dotted text (conditionText.ts). */
export function filterJson(f: Filter): Json {
  const o = toJson(f, { flags: "FWPM_FILTER_FLAG" }) as { [k: string]: Json };
  addAddressText(o.filterCondition);
  return o;
}

/**
 * `o` (an object's JSON) with `providerName`, the display name of its provider, next to `providerKey`
 * (null when the provider is unnamed or not registered). Objects without a provider are left as they are.
 */
export function withProviderName(o: Json, name: string | undefined): Json {
  if (!o || typeof o !== "object" || Array.isArray(o) || typeof o.providerKey !== "string") return o;
  return { ...o, providerName: name ?? null };
}

/** The common head of every JSON document. */
export function jsonHead(command: string, engine?: EngineInfo): { [k: string]: Json } {
  const head: { [k: string]: Json } = { schemaVersion: SCHEMA_VERSION, command };
  if (engine) {
    head.engine = {
      kind: engine.kind,
      simulated: engine.simulated,
      source: engine.source,
      description: engine.description,
    };
  }
  return head;
}

/** Serialises one JSON document (one line when `oneLine`). */
export function stringify(doc: Json, oneLine = false): string {
  return oneLine ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}

// ---- human text ----

/** Symbolic name of a GUID, or the GUID. */
export function nameOrGuid(g: string | undefined): string {
  if (!g) return "-";
  return guidName(g)?.name ?? g;
}

/** A left-aligned text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const SIGN: Record<Change["action"], string> = { add: "+", delete: "-", replace: "~" };

/** Human rendering of a plan's changes and summary. */
export function planText(changes: Change[], summary: PlanSummary): string {
  const out: string[] = [];
  if (!changes.length) {
    out.push(`In sync: no changes (${summary.unchanged} objects unchanged).`);
    return out.join("\n");
  }
  // One header per policy item (the changes come grouped: plan/group.ts), its objects indented below it.
  let head: string | undefined;
  for (const c of changes) {
    const title = c.group ? groupTitle(c.group) : undefined;
    if (title !== undefined && title !== head) out.push(head = title);
    const indent = title !== undefined ? "  " : "";
    const layer = c.layer ? ` [${nameOrGuid(c.layer)}]` : "";
    out.push(
      `${indent}${SIGN[c.action]} ${c.action.padEnd(7)} ${c.kind.padEnd(15)} ${c.key} "${c.name}"${layer}`,
    );
    out.push(`${indent}      ${c.reason}`);
  }
  out.push(
    `Plan: ${summary.add} to add, ${summary.replace} to replace, ${summary.delete} to delete, ${summary.unchanged} unchanged.`,
  );
  return out.join("\n");
}

/** The header line of a policy item in plan text. */
export function groupTitle(g: ChangeGroup): string {
  const n = g.name ?? "";
  switch (g.kind) {
    case "policy":
      return n ? `policy ${n} (provider, sublayer)` : "policy (provider, sublayer)";
    case "mainMode":
      return `main mode ${n}`;
    case "quickMode":
      return `quick mode ${n}`;
    case "rule":
      return `rule ${n}`;
    case "exemption":
      return `exemption ${n}`;
    case "tunnel":
      return `tunnel ${n}`;
    case "manualSa":
      return `manual SA ${n}`;
    case "other":
      return "objects without wfpsec metadata";
  }
}

function weightText(w: Filter["weight"]): string {
  const x = w as unknown as Record<string, unknown>;
  if (w.type === ENUMS.FWP_DATA_TYPE.FWP_EMPTY) return "auto";
  for (const k of ["uint8", "uint64"]) if (k in x) return String(x[k]);
  return JSON.stringify(toJson(w));
}

/** The effective weight in hex (its top nibble is the weight range); `~` marks one computed, not reported. */
function effectiveText(f: Filter): string {
  const w = effectiveWeightOf(f);
  return `${w.computed ? "~" : ""}0x${w.value.toString(16).padStart(16, "0")}`;
}

function actionText(f: Filter): string {
  const t = enumNameOf("FWP_ACTION_TYPE", f.action.type)?.replace("FWP_ACTION_", "") ?? String(f.action.type);
  return f.action.calloutKey ? `${t} ${nameOrGuid(f.action.calloutKey).replace("FWPM_CALLOUT_", "")}` : t;
}

/**
 * Human tables of decoded objects for `show`. With `providerOf` (show --all), sublayers, provider
 * contexts and filters get a PROVIDER column: `providerOf(providerKey)`, the provider's name or its key.
 */
export function showText(o: {
  providers: Provider[];
  sublayers: Sublayer[];
  providerContexts: ProviderContext[];
  filters: Filter[];
}, providerOf?: (key: string | undefined) => string): string {
  const prov = (k: string | undefined) => providerOf ? [providerOf(k)] : [];
  const provHead = providerOf ? ["PROVIDER"] : [];
  const parts: string[] = [];
  parts.push(`Providers (${o.providers.length})`);
  parts.push(
    table(
      ["KEY", "NAME", "FLAGS"],
      o.providers.map((
        p,
      ) => [p.providerKey, p.displayData.name, flagNames("FWPM_PROVIDER_FLAG", p.flags).join("|") || "0"]),
    ),
  );
  parts.push("", `Sublayers (${o.sublayers.length})`);
  parts.push(
    table(
      ["KEY", "NAME", "WEIGHT", "PROVIDER"],
      o.sublayers.map((
        s,
      ) => [
        s.subLayerKey,
        s.displayData.name,
        String(s.weight),
        providerOf?.(s.providerKey) ?? nameOrGuid(s.providerKey),
      ]),
    ),
  );
  parts.push("", `Provider contexts (${o.providerContexts.length})`);
  parts.push(
    table(
      ["KEY", "NAME", "TYPE", "ID", ...provHead],
      o.providerContexts.map((c) => [
        c.providerContextKey,
        c.displayData.name,
        enumNameOf("FWPM_PROVIDER_CONTEXT_TYPE", c.type)?.replace(/^FWPM_/, "") ?? String(c.type),
        c.providerContextId?.toString() ?? "-",
        ...prov(c.providerKey),
      ]),
    ),
  );
  parts.push("", `Filters (${o.filters.length})`);
  parts.push(
    table(
      ["ID", "KEY", "LAYER", "WEIGHT", "EFFECTIVE", "ACTION", ...provHead, "NAME", "CONDITIONS"],
      o.filters.map((f) => [
        f.filterId?.toString() ?? "-",
        f.filterKey,
        nameOrGuid(f.layerKey).replace("FWPM_LAYER_", ""),
        weightText(f.weight),
        effectiveText(f),
        actionText(f),
        ...prov(f.providerKey),
        f.displayData.name,
        conditionsText(f.filterCondition),
      ]),
    ),
  );
  return parts.join("\n");
}
