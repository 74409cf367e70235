/**
 * The compiled object graph: the WFP objects of one policy as plain data (`graph.ts`), and wfpsec's
 * metadata in their `providerData` (`meta.ts`: policy name, rule paths, secret digests), what reading their
 * JSON form back needs (`json.ts`), and the key formats of manual SAs (`saKeys.ts`).
 *
 * @module
 */
export type * from "./graph.ts";
export * from "./meta.ts";
export { hmacSha256Hex, sha256Hex } from "./sha256.ts";
export * from "./saKeys.ts";
export { BIGINT_FIELDS, BYTES_FIELDS, DERIVED, fromJsonObject, GUID_NAME_FIELDS } from "./json.ts";
export * from "./weight.ts";
