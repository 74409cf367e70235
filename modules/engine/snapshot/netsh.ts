/**
 * Decodes a `netsh wfp show state` / `show filters` dump (the element tree of xml.ts) into WFP objects.
 *
 * netsh writes symbolic names for built-in GUIDs and enums; they are mapped back through ffi/constants.ts (an
 * unknown symbolic GUID name is kept as the key string so it still compares and prints). Provider contexts are
 * decoded to their common header only (wfpsec's own carry a content digest in providerData, which the planner
 * compares instead) and marked partial. Every value is checked against what its field can hold: a missing
 * key, a malformed GUID, number, address, SID or blob, or the same key twice is a SnapshotError naming
 * file:line:col and the element, never a plain TypeError/RangeError or an object with an undefined key.
 */
import { sddlToSecurityDescriptor } from "../../../ffi/sddl.ts";
import type {
  FilterCondition,
  FwpConditionValue,
  FwpValue,
  Guid,
  Provider,
  ProviderContext,
  Sublayer,
} from "../../graph/mod.ts";
import type { Filter } from "../../graph/mod.ts";
import { ENUMS, FLAGS, GUID_GROUPS } from "../../../ffi/constants.ts";
import { SnapshotError } from "../../errors.ts";
import { Locator, parseXml, type XmlBudget, type XmlElement } from "./xml.ts";
import { markPartial, type SnapshotData } from "./data.ts";

const GUID_BY_NAME = new Map<string, string>();
for (const table of Object.values(GUID_GROUPS)) {
  for (const [n, g] of Object.entries(table)) GUID_BY_NAME.set(n, g);
}
const FLAG_BY_NAME = new Map<string, number>();
for (const fam of Object.values(FLAGS)) for (const [n, v] of Object.entries(fam)) FLAG_BY_NAME.set(n, v);

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SYMBOL_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The decoder of one dump: element lookups and checked conversions that fail with the element's location. */
class Reader {
  constructor(readonly loc: Locator) {}

  fail(el: XmlElement, message: string): never {
    throw this.loc.error(el.offset, message, el);
  }
  child(e: XmlElement | undefined, name: string): XmlElement | undefined {
    if (!e) return undefined;
    for (const c of e.children) if (c.name === name) return c;
    return undefined;
  }
  text(e: XmlElement | undefined, name: string): string | undefined {
    const c = this.child(e, name);
    return c ? c.text.trim() : undefined;
  }
  items(e: XmlElement | undefined): XmlElement[] {
    return e ? e.children.filter((c) => c.name === "item") : [];
  }
  /** A GUID field: `{...}`, bare, or a symbolic name; undefined when absent or empty. */
  guid(e: XmlElement | undefined, name: string): Guid | undefined {
    const c = this.child(e, name);
    const t = c?.text.trim();
    if (!c || !t) return undefined;
    const bare = t.startsWith("{") && t.endsWith("}") ? t.slice(1, -1) : t;
    if (GUID_RE.test(bare)) return bare.toLowerCase();
    if (SYMBOL_RE.test(t)) return GUID_BY_NAME.get(t) ?? t;
    return this.fail(c, `not a GUID or a symbolic name: ${JSON.stringify(t.slice(0, 80))}`);
  }
  /** A GUID field that must be present. */
  key(e: XmlElement, name: string): Guid {
    const k = this.guid(e, name);
    if (k === undefined) this.fail(this.child(e, name) ?? e, `<${name}> is missing or empty`);
    return k;
  }
  enumValue(e: XmlElement | undefined, name: string, family: keyof typeof ENUMS): number {
    const c = this.child(e, name);
    const s = c?.text.trim();
    if (!c || !s) return 0;
    if (/^\d{1,10}$/.test(s) && Number(s) <= 0xffffffff) return Number(s);
    const v = Object.hasOwn(ENUMS[family], s) ? (ENUMS[family] as Record<string, number>)[s] : undefined;
    if (v === undefined) this.fail(c, `unknown ${family} value ${JSON.stringify(s.slice(0, 80))}`);
    return v;
  }
  flags(e: XmlElement | undefined): number {
    let v = 0;
    for (const it of this.items(e)) {
      const t = it.text.trim();
      const bit = FLAG_BY_NAME.get(t);
      if (bit !== undefined) v |= bit;
      else if (/^0x[0-9a-f]{1,8}$/i.test(t)) v |= parseInt(t, 16);
    }
    return v >>> 0;
  }
  /** An integer field within [min, max]. */
  int(el: XmlElement, s: string, min: number, max: number): number {
    if (!/^-?\d{1,20}$/.test(s) || Number(s) < min || Number(s) > max) {
      this.fail(el, `not an integer in ${min}..${max}: ${JSON.stringify(s.slice(0, 80))}`);
    }
    return Number(s);
  }
  /** A 64-bit integer field (u64 unless `signed`). */
  big(el: XmlElement, s: string, signed = false): bigint {
    const ok = signed ? /^-?\d{1,20}$/.test(s) : /^\d{1,20}$/.test(s);
    const v = ok ? BigInt(s) : undefined;
    const inRange = v !== undefined &&
      (signed ? v >= -(1n << 63n) && v < (1n << 63n) : v < (1n << 64n));
    if (!inRange) {
      this.fail(el, `not a ${signed ? "signed " : ""}64-bit integer: ${JSON.stringify(s.slice(0, 80))}`);
    }
    return v!;
  }
  /** An optional u64 child (`filterId`, `rawContext`, ...). */
  optBig(e: XmlElement, name: string): bigint | undefined {
    const c = this.child(e, name), s = c?.text.trim();
    return c && s ? this.big(c, s) : undefined;
  }
  hex(el: XmlElement, s: string, bytes?: number): Uint8Array {
    const t = s.replace(/\s+/g, "");
    if (t.length % 2 || /[^0-9a-fA-F]/.test(t) || (bytes !== undefined && t.length !== 2 * bytes)) {
      this.fail(el, `not ${bytes ? `${bytes} bytes of ` : ""}hex: ${JSON.stringify(s.slice(0, 80))}`);
    }
    const out = new Uint8Array(t.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  blob(e: XmlElement | undefined): Uint8Array | undefined {
    const d = this.child(e, "data");
    const s = d?.text.trim();
    return d && s ? this.hex(d, s) : undefined;
  }
  ipv4(el: XmlElement, s: string): number {
    const p = s.split(".");
    if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) {
      this.fail(el, `not an IPv4 address: ${JSON.stringify(s.slice(0, 80))}`);
    }
    const n = p.map(Number);
    return ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
  }
  ipv6(el: XmlElement, s: string): Uint8Array {
    const bad = () => this.fail(el, `not an IPv6 address: ${JSON.stringify(s.slice(0, 80))}`);
    // An IPv4 tail (::ffff:1.2.3.4) is two words.
    const dot = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
    if (dot) {
      const v = this.ipv4(el, dot[2]);
      s = `${dot[1]}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
    }
    const halves = s.split("::");
    if (halves.length > 2) bad();
    const part = (h: string | undefined) => (h ? h.split(":") : []);
    const hs = part(halves[0]), ts = part(halves[1]);
    const fill = 8 - hs.length - ts.length;
    if (halves.length === 1 ? fill !== 0 : fill < 1) bad();
    const words = [...hs, ...Array(Math.max(fill, 0)).fill("0"), ...ts];
    const out = new Uint8Array(16);
    words.forEach((w, i) => {
      if (!/^[0-9a-fA-F]{1,4}$/.test(w)) bad();
      const v = parseInt(w, 16);
      out[2 * i] = v >> 8;
      out[2 * i + 1] = v & 0xff;
    });
    return out;
  }
  sid(el: XmlElement, s: string): Uint8Array {
    const p = s.split("-");
    const ok = p.length >= 3 && p.length <= 18 && p[0] === "S" && /^\d{1,3}$/.test(p[1]) &&
      Number(p[1]) <= 255 &&
      /^\d{1,15}$/.test(p[2]) && Number(p[2]) < 2 ** 48 &&
      p.slice(3).every((x) => /^\d{1,10}$/.test(x) && Number(x) <= 0xffffffff);
    if (!ok) this.fail(el, `not a SID: ${JSON.stringify(s.slice(0, 80))}`);
    const subs = p.slice(3).map(Number);
    const out = new Uint8Array(8 + 4 * subs.length);
    out[0] = Number(p[1]);
    out[1] = subs.length;
    const auth = BigInt(p[2]);
    for (let i = 0; i < 6; i++) out[2 + i] = Number((auth >> BigInt(8 * (5 - i))) & 0xffn);
    const dv = new DataView(out.buffer);
    subs.forEach((v, i) => dv.setUint32(8 + 4 * i, v, true));
    return out;
  }

  /** An FWP_VALUE0 / FWP_CONDITION_VALUE0 element. */
  value(e: XmlElement | undefined, owner: XmlElement, depth = 0): FwpConditionValue {
    if (!e) return this.fail(owner, "a value element is missing");
    const type = this.enumValue(e, "type", "FWP_DATA_TYPE");
    const field = (n: string): [XmlElement, string] => {
      const c = this.child(e, n);
      if (!c) this.fail(e, `<${n}> is missing for this value type`);
      return [c, c.text.trim()];
    };
    const T = ENUMS.FWP_DATA_TYPE;
    switch (type) {
      case T.FWP_EMPTY:
        return { type: T.FWP_EMPTY };
      case T.FWP_UINT8:
        return { type: T.FWP_UINT8, uint8: this.int(...field("uint8"), 0, 0xff) };
      case T.FWP_UINT16:
        return { type: T.FWP_UINT16, uint16: this.int(...field("uint16"), 0, 0xffff) };
      case T.FWP_UINT32: {
        const [c, s] = field("uint32");
        return {
          type: T.FWP_UINT32,
          uint32: s.includes(".") ? this.ipv4(c, s) : this.int(c, s, 0, 0xffffffff),
        };
      }
      case T.FWP_UINT64:
        return { type: T.FWP_UINT64, uint64: this.big(...field("uint64")) };
      case T.FWP_INT8:
        return { type: T.FWP_INT8, int8: this.int(...field("int8"), -128, 127) };
      case T.FWP_INT16:
        return { type: T.FWP_INT16, int16: this.int(...field("int16"), -32768, 32767) };
      case T.FWP_INT32:
        return { type: T.FWP_INT32, int32: this.int(...field("int32"), -(2 ** 31), 2 ** 31 - 1) };
      case T.FWP_INT64:
        return { type: T.FWP_INT64, int64: this.big(...field("int64"), true) };
      case T.FWP_FLOAT:
      case T.FWP_DOUBLE: {
        const n = type === T.FWP_FLOAT ? "float32" : "double64";
        const [c, s] = field(n);
        const v = Number(s);
        if (!s || !Number.isFinite(v)) this.fail(c, `not a number: ${JSON.stringify(s.slice(0, 80))}`);
        return type === T.FWP_FLOAT ? { type: T.FWP_FLOAT, float32: v } : { type: T.FWP_DOUBLE, double64: v };
      }
      case T.FWP_BYTE_ARRAY16_TYPE: {
        const [c, s] = field("byteArray16");
        return {
          type: T.FWP_BYTE_ARRAY16_TYPE,
          byteArray16: s.includes(":") ? this.ipv6(c, s) : this.hex(c, s, 16),
        };
      }
      case T.FWP_BYTE_BLOB_TYPE: {
        const b = this.child(e, "byteBlob");
        if (!b) this.fail(e, "<byteBlob> is missing for this value type");
        return {
          type: T.FWP_BYTE_BLOB_TYPE,
          byteBlob: this.blob(b) ?? utf16z(this.text(b, "asString") ?? ""),
        };
      }
      case T.FWP_SID:
        return { type: T.FWP_SID, sid: this.sid(...field("sid")) };
      case T.FWP_SECURITY_DESCRIPTOR_TYPE: {
        // netsh prints the descriptor as SDDL text: re-encoded self-relative (ffi/sddl.ts), as the engine holds
        // it, so a compiled SD condition (authorization, the IKE exemptions' local-system restriction) can
        // match; SDDL the encoder cannot represent (domain aliases) is kept as its text.
        const text = field("sd")[1];
        try {
          return { type: T.FWP_SECURITY_DESCRIPTOR_TYPE, sd: sddlToSecurityDescriptor(text) };
        } catch {
          return { type: T.FWP_SECURITY_DESCRIPTOR_TYPE, sd: new TextEncoder().encode(text) };
        }
      }
      case T.FWP_UNICODE_STRING_TYPE:
        return { type: T.FWP_UNICODE_STRING_TYPE, unicodeString: field("unicodeString")[1] };
      case T.FWP_BYTE_ARRAY6_TYPE: {
        const [c, s] = field("byteArray6");
        return { type: T.FWP_BYTE_ARRAY6_TYPE, byteArray6: this.hex(c, s.replace(/[-:]/g, ""), 6) };
      }
      case T.FWP_V4_ADDR_MASK: {
        const m = this.child(e, "v4AddrMask") ?? this.fail(e, "<v4AddrMask> is missing");
        const part = (n: string) => {
          const c = this.child(m, n);
          return c ? this.ipv4(c, c.text.trim()) : 0;
        };
        return { type: T.FWP_V4_ADDR_MASK, v4AddrMask: { addr: part("addr"), mask: part("mask") } };
      }
      case T.FWP_V6_ADDR_MASK: {
        const m = this.child(e, "v6AddrMask") ?? this.fail(e, "<v6AddrMask> is missing");
        const a = this.child(m, "addr"), p = this.child(m, "prefixLength");
        return {
          type: T.FWP_V6_ADDR_MASK,
          v6AddrMask: {
            addr: a ? this.ipv6(a, a.text.trim()) : new Uint8Array(16),
            prefixLength: p ? this.int(p, p.text.trim(), 0, 128) : 0,
          },
        };
      }
      case T.FWP_RANGE_TYPE: {
        const r = this.child(e, "rangeValue") ?? this.fail(e, "<rangeValue> is missing");
        // A range holds two plain values; a range of ranges is not a WFP value (and would recurse).
        if (depth > 0) this.fail(e, "a range inside a range");
        const low = this.value(this.child(r, "valueLow"), r, depth + 1) as FwpValue;
        const high = this.value(this.child(r, "valueHigh"), r, depth + 1) as FwpValue;
        return { type: T.FWP_RANGE_TYPE, rangeValue: { valueLow: low, valueHigh: high } };
      }
      default:
        return this.fail(e, `unsupported value type ${this.text(e, "type")}`);
    }
  }

  displayData(e: XmlElement): { name: string; description?: string } {
    const d = this.child(e, "displayData");
    const description = this.text(d, "description");
    return { name: this.text(d, "name") ?? "", ...(description ? { description } : {}) };
  }

  filter(e: XmlElement): Filter {
    const fl = this.flags(this.child(e, "flags"));
    const act = this.child(e, "action") ?? this.fail(e, "<action> is missing");
    const actionType = this.enumValue(act, "type", "FWP_ACTION_TYPE");
    const ft = this.guid(act, "filterType");
    const ck = this.guid(act, "calloutKey");
    // The dump names the member it holds; its type decides which arm the codec would write.
    const action = (ck ? { type: actionType, calloutKey: ck } : ft ? { type: actionType, filterType: ft } : {
      type: actionType,
    }) as Filter["action"];
    const conds: FilterCondition[] = this.items(this.child(e, "filterCondition")).map((c) => ({
      fieldKey: this.key(c, "fieldKey"),
      matchType: this.enumValue(c, "matchType", "FWP_MATCH_TYPE"),
      conditionValue: this.value(this.child(c, "conditionValue"), c),
    }));
    const weight = this.child(e, "weight");
    const f: Filter = {
      filterKey: this.key(e, "filterKey"),
      displayData: this.displayData(e),
      flags: fl,
      layerKey: this.key(e, "layerKey"),
      subLayerKey: this.guid(e, "subLayerKey") ?? "00000000-0000-0000-0000-000000000000",
      weight: (weight ? this.value(weight, e) : { type: ENUMS.FWP_DATA_TYPE.FWP_EMPTY }) as FwpValue,
      filterCondition: conds,
      action,
    };
    const pk = this.guid(e, "providerKey");
    if (pk) f.providerKey = pk;
    const pd = this.blob(this.child(e, "providerData"));
    if (pd) f.providerData = pd;
    if (fl & FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT) {
      const pck = this.guid(e, "providerContextKey");
      if (pck) f.providerContextKey = pck;
    } else {
      const rc = this.optBig(e, "rawContext");
      if (rc !== undefined) f.rawContext = rc;
    }
    const id = this.optBig(e, "filterId");
    if (id !== undefined) f.filterId = id;
    const ew = this.child(e, "effectiveWeight");
    if (ew && this.text(ew, "type")) f.effectiveWeight = this.value(ew, e) as FwpValue;
    return f;
  }
}

function utf16z(s: string): Uint8Array {
  const out = new Uint8Array((s.length + 1) * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/** The lists named `name` anywhere in the tree (not inside other lists' items, except filters in layers). */
function findAll(e: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  // Iterative: the tree is as deep as the depth budget allows, and the walk must not use the call stack.
  const todo: XmlElement[] = [e];
  while (todo.length) {
    const x = todo.pop()!;
    for (let i = x.children.length - 1; i >= 0; i--) {
      const c = x.children[i];
      if (c.name === name) out.push(c);
      else if (c.name !== "item" || name === "filters") todo.push(c);
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Parses a `netsh wfp show state` / `show filters` dump; SnapshotError with file:line:col when malformed. */
export function parseNetshXml(textIn: string, path = "dump.xml", budget: XmlBudget = {}): SnapshotData {
  const root = parseXml(textIn, path, budget);
  const r = new Reader(new Locator(textIn, path));
  if (!findAll(root, "wfpstate").length && !findAll(root, "wfpdiag").length) {
    throw new SnapshotError(`${path}: not a netsh wfp dump (no <wfpstate> or <wfpdiag> element)`, {
      file: path,
      line: 1,
      column: 1,
    });
  }
  const data: SnapshotData = { providers: [], sublayers: [], providerContexts: [], filters: [] };
  const seen = new Map<string, XmlElement>();
  const once = (kind: string, key: string, el: XmlElement) => {
    const first = seen.get(`${kind}:${key}`);
    if (first) {
      r.fail(el, `${kind} ${key} appears twice (first at line ${r.loc.at(first.offset).line})`);
    }
    seen.set(`${kind}:${key}`, el);
  };
  for (const list of findAll(root, "providers")) {
    for (const it of r.items(list)) {
      const p: Provider = {
        providerKey: r.key(it, "providerKey"),
        displayData: r.displayData(it),
        flags: r.flags(r.child(it, "flags")),
      };
      once("provider", p.providerKey, it);
      const pd = r.blob(r.child(it, "providerData"));
      if (pd) p.providerData = pd;
      const sn = r.text(it, "serviceName");
      if (sn) p.serviceName = sn;
      data.providers.push(p);
    }
  }
  for (const list of findAll(root, "subLayers")) {
    for (const it of r.items(list)) {
      const w = r.child(it, "weight");
      const s: Sublayer = {
        subLayerKey: r.key(it, "subLayerKey"),
        displayData: r.displayData(it),
        flags: r.flags(r.child(it, "flags")),
        weight: w && w.text.trim() ? r.int(w, w.text.trim(), 0, 0xffff) : 0,
      };
      once("sublayer", s.subLayerKey, it);
      const pk = r.guid(it, "providerKey");
      if (pk) s.providerKey = pk;
      const pd = r.blob(r.child(it, "providerData"));
      if (pd) s.providerData = pd;
      data.sublayers.push(s);
    }
  }
  for (const list of findAll(root, "providerContexts")) {
    for (const it of r.items(list)) {
      const c: ProviderContext = {
        providerContextKey: r.key(it, "providerContextKey"),
        displayData: r.displayData(it),
        flags: r.flags(r.child(it, "flags")),
        // A dump's contexts carry no policy (partial), so any FWPM_PROVIDER_CONTEXT_TYPE it names fits.
        type: r.enumValue(it, "type", "FWPM_PROVIDER_CONTEXT_TYPE") as ProviderContext["type"],
      };
      once("provider context", c.providerContextKey, it);
      const pk = r.guid(it, "providerKey");
      if (pk) c.providerKey = pk;
      const pd = r.blob(r.child(it, "providerData"));
      if (pd) c.providerData = pd;
      const id = r.optBig(it, "providerContextId");
      if (id !== undefined) c.providerContextId = id;
      data.providerContexts.push(markPartial(c));
    }
  }
  for (const list of findAll(root, "filters")) {
    for (const it of r.items(list)) {
      const f = r.filter(it);
      once("filter", f.filterKey, it);
      data.filters.push(f);
    }
  }
  return data;
}
