/**
 * Applying a plan: one engine transaction for the filters and contexts, then the manual SAs, with
 * compensation that checks the engine still holds its own commit (`compensate.ts`), all under the host-wide
 * apply lock (`lock.ts`).
 *
 * @module
 */
export * from "./apply.ts";
export * from "./compensate.ts";
export * from "./journal.ts";
export * from "./lock.ts";
export * from "./lockout.ts";
