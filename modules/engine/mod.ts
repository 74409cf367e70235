/**
 * The engine: the `Engine` port the planner and apply work against, and its adapters — fwpuclnt through
 * FFI (`ffi.ts`), offline snapshots (`snapshot/`: netsh `show state` XML and wfpsec JSON) — and the
 * selection of one from the command line (`select.ts`). `select.ts` loads the adapters lazily, so a command
 * that needs no engine loads neither; the FFI adapter is reached only through it.
 *
 * @module
 */
export type * from "./port.ts";
export { type EngineRequest, fwpsimLibrary, requestedKind, selectEngine } from "./select.ts";
export {
  isPartial,
  openSnapshot,
  parseJsonSnapshot,
  parseNetshXml,
  type SnapshotData,
  SnapshotEngine,
  type XmlBudget,
} from "./snapshot/mod.ts";
