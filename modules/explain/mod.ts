/**
 * What decides a connection when more than one policy is on the host: coexistence with other providers'
 * IPsec policy (`coexist.ts`), used by `plan`, `apply` and `doctor`.
 *
 * @module
 */
export * from "./coexist.ts";
export * from "./explain.ts";
