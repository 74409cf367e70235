/**
 * The host wfpsec runs on: `doctor`'s checks, the admin-only file checks (`safety.ts`), secret files
 * anchored to the policy's folder (`secretFiles.ts`) and the host key for secret digests (`hostKey.ts`).
 *
 * @module
 */
export * from "./doctor.ts";
export * from "./safety.ts";
export * from "./secretFiles.ts";
export * from "./hostKey.ts";
