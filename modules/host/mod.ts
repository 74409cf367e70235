/**
 * The host wfpsec runs on: `doctor`'s checks, the admin-only file checks (`safety.ts`), secret files
 * anchored to the policy's folder (`secretFiles.ts`), group names to SIDs (`accounts.ts`).
 *
 * @module
 */
export * from "./doctor.ts";
export * from "./safety.ts";
export * from "./secretFiles.ts";
export * from "./accounts.ts";
