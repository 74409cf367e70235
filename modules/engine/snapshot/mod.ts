/**
 * Read-only engines over offline state, for `plan --state`, `show --state` and `export --state`:
 * - a `netsh wfp show state` or `netsh wfp show filters` XML dump taken on a Windows host (`xml.ts` reads
 *   the XML in linear time within a size and depth budget, `netsh.ts` decodes the objects), or
 * - wfpsec's own JSON snapshot (`wfpsec show --all --json > snap.json`, `json.ts`).
 *
 * Every malformed snapshot is a SnapshotError with its location (file:line:col and the element); any
 * mutating call throws SnapshotError.
 *
 * @module
 */
import type {
  Engine,
  EngineInfo,
  FilterTemplate,
  ProviderContextTemplate,
  SublayerTemplate,
} from "../port.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "../../graph/mod.ts";
import { SnapshotError } from "../../errors.ts";
import type { SnapshotData } from "./data.ts";
import { parseJsonSnapshot } from "./json.ts";
import { parseNetshXml } from "./netsh.ts";

export { isPartial, type SnapshotData } from "./data.ts";
export { parseJsonSnapshot } from "./json.ts";
export { parseNetshXml } from "./netsh.ts";
export { parseXml, XML_BUDGET, type XmlBudget, type XmlElement } from "./xml.ts";

/** Largest snapshot file read (bytes): UTF-16 doubles the size of the 256 Mi-character XML budget. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

/** A read-only Engine over snapshot data. */
export class SnapshotEngine implements Engine {
  /** Kind `snapshot`, always simulated, with the file it was read from. */
  readonly info: EngineInfo;
  /** Wraps decoded snapshot `data`; `source` is the file, `format` names the dump format. */
  constructor(readonly data: SnapshotData, source: string, format: string) {
    this.info = {
      kind: "snapshot",
      simulated: true,
      source,
      description: `offline snapshot (${format}, read-only) from ${source}`,
    };
  }
  /** Throws SnapshotError for the mutating operation `op`. */
  private refuse(op: string): never {
    throw new SnapshotError(
      `${op}: a snapshot is read-only (${this.info.source}); run against a live engine to change it`,
    );
  }
  transaction<T>(fn: () => T, options?: { readOnly?: boolean }): T {
    if (!options?.readOnly) {
      // A write transaction is allowed to start; any mutation inside it throws.
    }
    return fn();
  }
  /** Refused: a snapshot is read-only. */
  addProvider(): void {
    this.refuse("add provider");
  }
  /** The provider with this providerKey, if in the snapshot. */
  getProvider(key: Guid): Provider | undefined {
    return this.data.providers.find((p) => p.providerKey === key);
  }
  /** All providers of the snapshot. */
  enumProviders(): Provider[] {
    return [...this.data.providers];
  }
  /** Refused: a snapshot is read-only. */
  deleteProvider(): void {
    this.refuse("delete provider");
  }
  /** Refused: a snapshot is read-only. */
  addSublayer(): void {
    this.refuse("add sublayer");
  }
  /** The sublayer with this subLayerKey, if in the snapshot. */
  getSublayer(key: Guid): Sublayer | undefined {
    return this.data.sublayers.find((s) => s.subLayerKey === key);
  }
  /** Sublayers matching the template's providerKey (all without one). */
  enumSublayers(t?: SublayerTemplate): Sublayer[] {
    return this.data.sublayers.filter((s) => !t?.providerKey || s.providerKey === t.providerKey);
  }
  /** Refused: a snapshot is read-only. */
  deleteSublayer(): void {
    this.refuse("delete sublayer");
  }
  addProviderContext(): bigint {
    this.refuse("add provider context");
  }
  /** The provider context with this providerContextKey, if in the snapshot. */
  getProviderContext(key: Guid): ProviderContext | undefined {
    return this.data.providerContexts.find((c) => c.providerContextKey === key);
  }
  /** Provider contexts matching the template's providerKey and providerContextType. */
  enumProviderContexts(t?: ProviderContextTemplate): ProviderContext[] {
    return this.data.providerContexts.filter((c) =>
      (!t?.providerKey || c.providerKey === t.providerKey) &&
      (t?.providerContextType === undefined || c.type === t.providerContextType)
    );
  }
  /** Refused: a snapshot is read-only. */
  deleteProviderContext(): void {
    this.refuse("delete provider context");
  }
  addFilter(): bigint {
    this.refuse("add filter");
  }
  /** The filter with this filterKey, if in the snapshot. */
  getFilter(key: Guid): Filter | undefined {
    return this.data.filters.find((f) => f.filterKey === key);
  }
  /** Filters matching the template's providerKey and layerKey. */
  enumFilters(t?: FilterTemplate): Filter[] {
    return this.data.filters.filter((f) =>
      (!t?.providerKey || f.providerKey === t.providerKey) && (!t?.layerKey || f.layerKey === t.layerKey)
    );
  }
  /** Refused: a snapshot is read-only. */
  deleteFilter(): void {
    this.refuse("delete filter");
  }
  /** Refused: a snapshot is read-only. */
  deleteFilterById(): void {
    this.refuse("delete filter");
  }
  addTunnel(_t: Tunnel): void {
    this.refuse("add tunnel");
  }
  /** Refused: a snapshot is read-only. */
  deleteTunnel(): void {
    this.refuse("delete tunnel");
  }
  appIdFromFileName(path: string): Uint8Array {
    throw new SnapshotError(
      `cannot resolve the application path ${path} offline: app ids depend on the target host's volumes; plan it on the host`,
    );
  }
  close(): void {}
}

/**
 * Loads a snapshot file (format detected from content: JSON object or XML); `content`, when given, is the
 * file's bytes as the caller already read them (within MAX_SNAPSHOT_BYTES).
 */
export function openSnapshot(path: string, content?: Uint8Array): SnapshotEngine {
  let bytes: Uint8Array;
  if (content) bytes = content;
  else {try {
      // The size budget is checked before reading: a huge file must not be read into memory first.
      const size = Deno.statSync(path).size;
      if (size > MAX_SNAPSHOT_BYTES) {
        throw new SnapshotError(
          `${path}: the snapshot has ${size} bytes, more than the ${MAX_SNAPSHOT_BYTES} a snapshot may have`,
          { file: path },
        );
      }
      bytes = Deno.readFileSync(path);
    } catch (e) {
      if (e instanceof SnapshotError) throw e;
      throw new SnapshotError(`cannot read snapshot ${path}: ${(e as Error).message}`, { file: path });
    }}
  const text = decodeText(bytes, path);
  const head = text.trimStart().slice(0, 1);
  if (head === "{") return new SnapshotEngine(parseJsonSnapshot(text, path), path, "wfpsec JSON");
  if (head === "<") return new SnapshotEngine(parseNetshXml(text, path), path, "netsh XML");
  throw new SnapshotError(
    `${path}: not a snapshot (expected a netsh wfp XML dump or a wfpsec show --all --json file)`,
    { file: path, line: 1, column: 1 },
  );
}

function decodeText(b: Uint8Array, path: string): string {
  const [enc, skip] = b[0] === 0xff && b[1] === 0xfe
    ? ["utf-16le", 2]
    : b[0] === 0xfe && b[1] === 0xff
    ? ["utf-16be", 2]
    : b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
    ? ["utf-8", 3]
    : ["utf-8", 0];
  try {
    return new TextDecoder(enc, { fatal: true, ignoreBOM: true }).decode(b.subarray(skip));
  } catch {
    throw new SnapshotError(
      `${path}: not ${enc.toUpperCase()} text (netsh writes UTF-8 or UTF-16 with a BOM)`,
      {
        file: path,
      },
    );
  }
}
