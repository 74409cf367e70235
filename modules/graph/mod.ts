/**
 * The compiled object graph: the WFP objects of one policy as plain data (`graph.ts`), and wfpsec's
 * metadata in their `providerData` (`meta.ts`: policy name, rule paths, secret digests).
 *
 * @module
 */
export type * from "./graph.ts";
export * from "./meta.ts";
export { hmacSha256Hex, sha256Hex } from "./sha256.ts";
