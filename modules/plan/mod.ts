/**
 * Planning: the engine's current state of wfpsec's objects (`owned.ts`), the desired graph prepared with
 * its secrets (`plan.ts`), and the diff between them as ordered changes; which policy is in force
 * (`policyInForce.ts`).
 *
 * @module
 */
export * from "./plan.ts";
export * from "./owned.ts";
export * from "./policyInForce.ts";
export { bytesEqual, deepEqual, diffFields, type FieldDiff } from "./fieldDiff.ts";
export { compareKeys, keyOrder, sortByKey } from "./keyOrder.ts";
export { hostKeyFor, hostKeyPath } from "./hostKey.ts";
