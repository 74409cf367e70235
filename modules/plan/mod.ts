/**
 * Planning: the desired graph prepared for the host (`prepare.ts`, secrets through `secrets.ts`), the
 * engine's current state of wfpsec's objects (`current.ts`; `owned.ts` reads it back as a graph), what equal
 * means (`normalise.ts`), and the diff between them as ordered changes (`diff.ts`, `change.ts`), run by
 * `planGraph` (`plan.ts`); which policy is in force (`policyInForce.ts`).
 *
 * @module
 */
export * from "./plan.ts";
export * from "./owned.ts";
export * from "./policyInForce.ts";
export { bytesEqual, deepEqual, diffFields, type FieldDiff } from "./fieldDiff.ts";
export { compareKeys, keyOrder, sortByKey } from "./keyOrder.ts";
export { hostKeyFor, hostKeyPath } from "./hostKey.ts";
