/**
 * The JSON form of graph objects (docs/cli-json.md), as far as reading it back needs: which fields hold u64s
 * (decimal strings in JSON) and byte blobs (hex), which symbolic fields the renderer adds, and
 * `fromJsonObject`, the decoder that the JSON snapshot reader uses. The encoder with its symbolic names is
 * the renderer's (modules/render/render.ts); both sides share these field classes so they cannot drift.
 */
import { fromHex } from "./meta.ts";

/** Fields holding u64 values (bigint in the graph, decimal strings in JSON). */
export const BIGINT_FIELDS: ReadonlySet<string> = new Set([
  "rawContext",
  "filterId",
  "providerContextId",
  "localIfLuid",
  "uint64",
  "int64",
]);
/** Fields holding byte blobs (Uint8Array in the graph, hex in JSON). */
export const BYTES_FIELDS: ReadonlySet<string> = new Set([
  "providerData",
  "byteBlob",
  "sid",
  "sd",
  "byteArray16",
  "byteArray6",
  "presharedKey",
  "certData",
  "certHash",
  "localCertLocationUrl",
  "cgaModifier",
  "v6Address",
  "localV6Address",
  "remoteV6Address",
  "startV6Address",
  "endV6Address",
  "dataBuffer",
]);
/** GUID-valued fields and the name of the symbolic field rendered next to them. */
export const GUID_NAME_FIELDS: Record<string, string> = {
  layerKey: "layer",
  subLayerKey: "subLayer",
  providerKey: "provider",
  calloutKey: "callout",
  fieldKey: "field",
  providerContextKey: "providerContext",
  filterType: "filterTypeName",
  keyModKey: "keyModule",
};
/** Symbolic fields added by render (dropped when reading JSON back). */
export const DERIVED: ReadonlySet<string> = new Set([
  ...Object.values(GUID_NAME_FIELDS),
  "typeName",
  "matchTypeName",
  "flagNames",
  "keyModules",
  "providerName",
  "addrText",
  "maskText",
  "addressText",
]);

/**
 * Reverses `toJson`: decimal strings back to bigint and hex back to bytes for the known u64/blob fields,
 * symbolic names dropped. Used to load wfpsec's own JSON snapshots.
 */
export function fromJsonObject<T>(v: unknown, field = ""): T {
  return dec(v, field) as T;
}

function dec(v: unknown, field: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => dec(x, field));
  if (typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (DERIVED.has(k) && (typeof x === "string" || Array.isArray(x) || x === null)) continue;
      if (x === null) continue;
      if (k === "v6AddrMask" && typeof x === "object") {
        const m = x as { addr: string; prefixLength: number };
        o[k] = { addr: fromHex(m.addr), prefixLength: m.prefixLength };
        continue;
      }
      o[k] = dec(x, k);
    }
    return o;
  }
  if (typeof v === "string" && BIGINT_FIELDS.has(field)) return BigInt(v);
  if (typeof v === "string" && BYTES_FIELDS.has(field)) return fromHex(v);
  return v;
}
