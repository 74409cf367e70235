/**
 * wfpsec library API: configure Windows IPsec through the Windows Filtering Platform.
 *
 * @module
 */
export type * from "./modules/graph.ts";
export type * from "./modules/engine.ts";
export * as constants from "./ffi/constants.ts";
