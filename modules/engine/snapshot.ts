/**
 * Read-only engines over offline state, for `plan --state`, `show --state` and `export --state`:
 * - a `netsh wfp show state` or `netsh wfp show filters` XML dump taken on a Windows host, or
 * - wfpsec's own JSON snapshot (`wfpsec show --all --json > snap.json`).
 *
 * The XML reader is a single-pass tokenizer building only the element tree (no DOM, no dependencies), so
 * multi-megabyte dumps with thousands of filters load in well under a second. netsh writes symbolic names for
 * built-in GUIDs and enums; they are mapped back through ffi/constants.ts (an unknown symbolic GUID name is
 * kept as the key string so it still compares and prints). Provider contexts in a netsh dump are decoded to
 * their common header only (their policies are not needed offline: wfpsec's own contexts carry a content
 * digest in providerData, which the planner compares instead); such objects are marked `isPartial`.
 * Any mutating call throws SnapshotError.
 */
import type {
  Engine,
  EngineInfo,
  FilterTemplate,
  ProviderContextTemplate,
  SublayerTemplate,
} from "./port.ts";
import type {
  FilterCondition,
  FwpConditionValue,
  FwpValue,
  Guid,
  Provider,
  ProviderContext,
  Sublayer,
  Tunnel,
} from "../graph/mod.ts";
import type { Filter } from "../graph/mod.ts";
import { ENUMS, FLAGS, GUID_GROUPS } from "../../ffi/constants.ts";
import { SnapshotError } from "../errors.ts";
import { sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import { fromHex, fromJsonObject } from "../graph/mod.ts";

const PARTIAL = Symbol.for("wfpsec.partial");

/** True for an object a snapshot could only decode in part (provider contexts from a netsh dump). */
export function isPartial(o: object): boolean {
  return (o as Record<symbol, unknown>)[PARTIAL] === true;
}

/** The objects of a snapshot. */
export interface SnapshotData {
  /** FWPM_PROVIDER0s in the snapshot. */
  providers: Provider[];
  /** FWPM_SUBLAYER0s in the snapshot. */
  sublayers: Sublayer[];
  /** FWPM_PROVIDER_CONTEXT3s in the snapshot (header only from a netsh dump, see `isPartial`). */
  providerContexts: ProviderContext[];
  /** FWPM_FILTER0s in the snapshot. */
  filters: Filter[];
}

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

/** Loads a snapshot file (format detected from content: JSON object or XML). */
export function openSnapshot(path: string): SnapshotEngine {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    throw new SnapshotError(`cannot read snapshot ${path}: ${(e as Error).message}`);
  }
  const text = decodeText(bytes);
  const head = text.trimStart().slice(0, 1);
  if (head === "{") return new SnapshotEngine(parseJsonSnapshot(text, path), path, "wfpsec JSON");
  if (head === "<") return new SnapshotEngine(parseNetshXml(text, path), path, "netsh XML");
  throw new SnapshotError(
    `${path}: not a snapshot (expected a netsh wfp XML dump or a wfpsec show --all --json file)`,
  );
}

function decodeText(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  return new TextDecoder("utf-8").decode(b).replace(/^\uFEFF/, "");
}

// ---- wfpsec JSON ----

/** Parses `wfpsec show [--all] --json` output back into objects. */
export function parseJsonSnapshot(text: string, path = "snapshot"): SnapshotData {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(`${path}: invalid JSON: ${(e as Error).message}`);
  }
  if (doc.schemaVersion !== 1 || doc.command !== "show") {
    throw new SnapshotError(
      `${path}: not a wfpsec show --json snapshot (schemaVersion 1, command "show" expected)`,
    );
  }
  const arr = <T>(
    k: string,
  ): T[] => (Array.isArray(doc[k]) ? (doc[k] as unknown[]).map((x) => fromJsonObject<T>(x)) : []);
  return {
    providers: arr<Provider>("providers"),
    sublayers: arr<Sublayer>("sublayers"),
    providerContexts: arr<ProviderContext>("providerContexts"),
    filters: arr<Filter>("filters"),
  };
}

// ---- netsh XML ----

/** A parsed XML element: name, attributes (only numItems matters), children, text. */
interface El {
  n: string;
  c: El[];
  t: string;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === "#") {
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
    return ENTITY[e] ?? m;
  });
}

/** Tokenizes XML into an element tree (multiple roots allowed, as netsh writes). */
export function parseXml(text: string, path = "xml"): El {
  const root: El = { n: "#root", c: [], t: "" };
  const stack: El[] = [root];
  const re =
    /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[2] !== undefined) {
      const top = stack[stack.length - 1];
      if (m[1]) {
        if (top.n !== m[2]) {
          throw new SnapshotError(
            `${path}: malformed XML: </${m[2]}> closes <${top.n}> at offset ${m.index}`,
          );
        }
        stack.pop();
      } else {
        const el: El = { n: m[2], c: [], t: "" };
        top.c.push(el);
        if (!m[3]) stack.push(el);
      }
    } else if (m[4] !== undefined) {
      stack[stack.length - 1].t += m[4];
    } else if (m[5] !== undefined) {
      const top = stack[stack.length - 1];
      if (top !== root && m[5].trim()) top.t += unescapeXml(m[5]);
    } else if (m[0].startsWith("<") && !m[0].startsWith("<?") && !m[0].startsWith("<!")) {
      throw new SnapshotError(`${path}: malformed XML at offset ${m.index}`);
    }
  }
  if (stack.length !== 1) {
    throw new SnapshotError(`${path}: malformed XML: <${stack[stack.length - 1].n}> is never closed`);
  }
  return root;
}

function child(e: El | undefined, name: string): El | undefined {
  if (!e) return undefined;
  for (const c of e.c) if (c.n === name) return c;
  return undefined;
}
function text(e: El | undefined, name: string): string | undefined {
  const c = child(e, name);
  return c ? c.t.trim() : undefined;
}
function items(e: El | undefined): El[] {
  return e ? e.c.filter((c) => c.n === "item") : [];
}
function findAll(e: El, name: string, out: El[] = []): El[] {
  for (const c of e.c) {
    if (c.n === name) out.push(c);
    else if (c.n !== "item" || name === "filters") findAll(c, name, out);
  }
  return out;
}

const GUID_BY_NAME = new Map<string, string>();
for (const table of Object.values(GUID_GROUPS)) {
  for (const [n, g] of Object.entries(table)) GUID_BY_NAME.set(n, g);
}
const FLAG_BY_NAME = new Map<string, number>();
for (const fam of Object.values(FLAGS)) for (const [n, v] of Object.entries(fam)) FLAG_BY_NAME.set(n, v);

function guid(s: string | undefined): Guid | undefined {
  if (!s) return undefined;
  const t = s.trim();
  if (!t) return undefined;
  if (t.startsWith("{")) return t.slice(1, -1).toLowerCase();
  if (/^[0-9a-fA-F-]{36}$/.test(t)) return t.toLowerCase();
  return GUID_BY_NAME.get(t) ?? t;
}

function enumValue(e: keyof typeof ENUMS, s: string | undefined, path: string): number {
  if (s === undefined || s === "") return 0;
  if (/^\d+$/.test(s)) return Number(s);
  const v = (ENUMS[e] as Record<string, number>)[s];
  if (v === undefined) throw new SnapshotError(`${path}: unknown ${e} value ${s}`);
  return v;
}

function flags(e: El | undefined): number {
  let v = 0;
  for (const it of items(e)) {
    const bit = FLAG_BY_NAME.get(it.t.trim());
    if (bit !== undefined) v |= bit;
    else if (/^0x[0-9a-f]+$/i.test(it.t.trim())) v |= parseInt(it.t.trim(), 16);
  }
  return v >>> 0;
}

function blob(e: El | undefined): Uint8Array | undefined {
  const d = text(e, "data");
  return d ? fromHex(d) : undefined;
}

function ipv4(s: string): number {
  const p = s.split(".").map(Number);
  if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) {
    throw new SnapshotError(`invalid IPv4 address ${s}`);
  }
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

function ipv6(s: string): Uint8Array {
  const out = new Uint8Array(16);
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const hs = head ? head.split(":") : [];
  const ts = tail ? tail.split(":") : [];
  const words = [...hs, ...Array(8 - hs.length - ts.length).fill("0"), ...ts];
  words.forEach((w, i) => {
    const v = parseInt(w || "0", 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

function sidBytes(s: string): Uint8Array {
  const p = s.split("-");
  if (p[0] !== "S" || p.length < 3) throw new SnapshotError(`invalid SID ${s}`);
  const subs = p.slice(3).map((x) => Number(x) >>> 0);
  const out = new Uint8Array(8 + 4 * subs.length);
  out[0] = Number(p[1]);
  out[1] = subs.length;
  const auth = BigInt(p[2]);
  for (let i = 0; i < 6; i++) out[2 + i] = Number((auth >> BigInt(8 * (5 - i))) & 0xffn);
  const dv = new DataView(out.buffer);
  subs.forEach((v, i) => dv.setUint32(8 + 4 * i, v, true));
  return out;
}

function utf16(s: string): Uint8Array {
  const out = new Uint8Array((s.length + 1) * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

function value(e: El | undefined, path: string): FwpConditionValue {
  const type = enumValue("FWP_DATA_TYPE", text(e, "type"), path);
  const get = (n: string) => text(e, n) ?? "";
  switch (type) {
    case 0:
      return { type: 0 };
    case 1:
      return { type: 1, uint8: Number(get("uint8")) };
    case 2:
      return { type: 2, uint16: Number(get("uint16")) };
    case 3: {
      const s = get("uint32");
      return { type: 3, uint32: s.includes(".") ? ipv4(s) : Number(s) >>> 0 };
    }
    case 4:
      return { type: 4, uint64: BigInt(get("uint64")) };
    case 5:
      return { type: 5, int8: Number(get("int8")) };
    case 6:
      return { type: 6, int16: Number(get("int16")) };
    case 7:
      return { type: 7, int32: Number(get("int32")) };
    case 8:
      return { type: 8, int64: BigInt(get("int64")) };
    case 9:
      return { type: 9, float32: Number(get("float32")) };
    case 10:
      return { type: 10, double64: Number(get("double64")) };
    case 11: {
      const s = get("byteArray16");
      return { type: 11, byteArray16: s.includes(":") ? ipv6(s) : fromHex(s) };
    }
    case 12: {
      const b = child(e, "byteBlob");
      const data = blob(b);
      return { type: 12, byteBlob: data ?? utf16(text(b, "asString") ?? "") };
    }
    case 13:
      return { type: 13, sid: sidBytes(get("sid")) };
    case 14: {
      // netsh prints the descriptor as SDDL text: re-encoded self-relative (ffi/sddl.ts), as the engine holds
      // it, so a compiled SD condition (authorization, the IKE exemptions' local-system restriction) can
      // match; SDDL the encoder cannot represent (domain aliases) is kept as its text.
      const text = get("sd");
      try {
        return { type: 14, sd: sddlToSecurityDescriptor(text) };
      } catch {
        return { type: 14, sd: new TextEncoder().encode(text) };
      }
    }
    case 17:
      return { type: 17, unicodeString: get("unicodeString") };
    case 18:
      return { type: 18, byteArray6: fromHex(get("byteArray6").replace(/[-:]/g, "")) };
    case 256: {
      const m = child(e, "v4AddrMask");
      return {
        type: 256,
        v4AddrMask: { addr: ipv4(text(m, "addr") ?? "0.0.0.0"), mask: ipv4(text(m, "mask") ?? "0.0.0.0") },
      };
    }
    case 257: {
      const m = child(e, "v6AddrMask");
      return {
        type: 257,
        v6AddrMask: {
          addr: ipv6(text(m, "addr") ?? "::"),
          prefixLength: Number(text(m, "prefixLength") ?? 0),
        },
      };
    }
    case 258: {
      const r = child(e, "rangeValue");
      return {
        type: 258,
        rangeValue: {
          valueLow: value(child(r, "valueLow"), path) as FwpValue,
          valueHigh: value(child(r, "valueHigh"), path) as FwpValue,
        },
      };
    }
    default:
      throw new SnapshotError(`${path}: unsupported value type ${text(e, "type")}`);
  }
}

function displayData(e: El): { name: string; description?: string } {
  const d = child(e, "displayData");
  const description = text(d, "description");
  return { name: text(d, "name") ?? "", ...(description ? { description } : {}) };
}

function xmlFilter(e: El, path: string): Filter {
  const fl = flags(child(e, "flags"));
  const act = child(e, "action");
  const actionType = enumValue("FWP_ACTION_TYPE", text(act, "type"), path);
  const action: Filter["action"] = { type: actionType };
  const ft = guid(text(act, "filterType"));
  const ck = guid(text(act, "calloutKey"));
  if (ck) action.calloutKey = ck;
  else if (ft) action.filterType = ft;
  const conds: FilterCondition[] = items(child(e, "filterCondition")).map((c) => ({
    fieldKey: guid(text(c, "fieldKey"))!,
    matchType: enumValue("FWP_MATCH_TYPE", text(c, "matchType"), path),
    conditionValue: value(child(c, "conditionValue"), path),
  }));
  const f: Filter = {
    filterKey: guid(text(e, "filterKey"))!,
    displayData: displayData(e),
    flags: fl,
    layerKey: guid(text(e, "layerKey"))!,
    subLayerKey: guid(text(e, "subLayerKey")) ?? "00000000-0000-0000-0000-000000000000",
    weight: value(child(e, "weight"), path) as FwpValue,
    filterCondition: conds,
    action,
  };
  const pk = guid(text(e, "providerKey"));
  if (pk) f.providerKey = pk;
  const pd = blob(child(e, "providerData"));
  if (pd) f.providerData = pd;
  const pck = guid(text(e, "providerContextKey"));
  if (fl & FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT) {
    if (pck) f.providerContextKey = pck;
  } else {
    const rc = text(e, "rawContext");
    if (rc) f.rawContext = BigInt(rc);
  }
  const id = text(e, "filterId");
  if (id) f.filterId = BigInt(id);
  const ew = child(e, "effectiveWeight");
  if (ew && text(ew, "type")) f.effectiveWeight = value(ew, path) as FwpValue;
  return f;
}

/** Parses a `netsh wfp show state` / `show filters` dump. */
export function parseNetshXml(textIn: string, path = "dump.xml"): SnapshotData {
  const root = parseXml(textIn, path);
  if (!findAll(root, "wfpstate").length && !findAll(root, "wfpdiag").length) {
    throw new SnapshotError(`${path}: not a netsh wfp dump (no <wfpstate> or <wfpdiag> element)`);
  }
  const data: SnapshotData = { providers: [], sublayers: [], providerContexts: [], filters: [] };
  for (const list of findAll(root, "providers")) {
    for (const it of items(list)) {
      const p: Provider = {
        providerKey: guid(text(it, "providerKey"))!,
        displayData: displayData(it),
        flags: flags(child(it, "flags")),
      };
      const pd = blob(child(it, "providerData"));
      if (pd) p.providerData = pd;
      const sn = text(it, "serviceName");
      if (sn) p.serviceName = sn;
      data.providers.push(p);
    }
  }
  for (const list of findAll(root, "subLayers")) {
    for (const it of items(list)) {
      const s: Sublayer = {
        subLayerKey: guid(text(it, "subLayerKey"))!,
        displayData: displayData(it),
        flags: flags(child(it, "flags")),
        weight: Number(text(it, "weight") ?? 0),
      };
      const pk = guid(text(it, "providerKey"));
      if (pk) s.providerKey = pk;
      const pd = blob(child(it, "providerData"));
      if (pd) s.providerData = pd;
      data.sublayers.push(s);
    }
  }
  for (const list of findAll(root, "providerContexts")) {
    for (const it of items(list)) {
      const c: ProviderContext = {
        providerContextKey: guid(text(it, "providerContextKey"))!,
        displayData: displayData(it),
        flags: flags(child(it, "flags")),
        type: enumValue("FWPM_PROVIDER_CONTEXT_TYPE", text(it, "type"), path),
      };
      const pk = guid(text(it, "providerKey"));
      if (pk) c.providerKey = pk;
      const pd = blob(child(it, "providerData"));
      if (pd) c.providerData = pd;
      const id = text(it, "providerContextId");
      if (id) c.providerContextId = BigInt(id);
      Object.defineProperty(c, PARTIAL, { value: true, enumerable: false });
      data.providerContexts.push(c);
    }
  }
  for (const list of findAll(root, "filters")) {
    for (const it of items(list)) if (child(it, "filterKey")) data.filters.push(xmlFilter(it, path));
  }
  return data;
}
