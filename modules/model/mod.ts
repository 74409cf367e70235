/**
 * The validated policy model: the types a checked policy is made of (`model.ts`) and the WFP-independent
 * value forms the policy language, the compiler and the renderer share — addresses (`addr.ts`), crypto
 * suites and durations (`crypto.ts`), distinguished names (`dn.ts`), certificate subjects (`x509.ts`,
 * `rootca.ts`) and application ids (`appId.ts`). No parser of policy files here: that is modules/policy.
 *
 * @module
 */
export type * from "./model.ts";
export * from "./addr.ts";
export * from "./addrKeyword.ts";
export * from "./crypto.ts";
export * from "./dn.ts";
export * from "./x509.ts";
export * from "./rootca.ts";
export * from "./appId.ts";
export * from "./security.ts";
export * from "./precedence.ts";
export * from "./overlaps.ts";
export * from "./identity.ts";
