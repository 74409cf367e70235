/**
 * Writes objects in the XML format of `netsh wfp show state` (root `<wfpstate>`, filters nested under
 * `<layers><item><layer/>...<filters>`, followed by a second root `<firewallState>` as real dumps have) or
 * `netsh wfp show filters` (root `<wfpdiag>` with a flat `<filters>` list). Conventions copied from real
 * dumps: built-in GUIDs as symbolic names, other GUIDs in braces, flags as `<item>` lists, blobs as
 * `<data>hex</data><asString>..</asString>`, IPv4 as dotted quads, weights as typed values.
 * Test support only: generates fixtures for the snapshot reader.
 */
import type {
  Filter,
  FwpConditionValue,
  Provider,
  ProviderContext,
  Sublayer,
} from "../../modules/graph/graph.ts";
import { ENUMS, FLAGS, guidName } from "../../ffi/constants.ts";
import { toHex } from "../../modules/graph/meta.ts";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const g = (x: string | undefined) => (x ? guidName(x)?.name ?? `{${x}}` : "");
const tag = (
  n: string,
  body: string | undefined,
) => (body === undefined || body === "" ? `<${n}/>` : `<${n}>${body}</${n}>`);
const enumN = (e: keyof typeof ENUMS, v: number) =>
  Object.entries(ENUMS[e]).find(([, x]) => x === v)?.[0] ?? String(v);

function flags(fam: keyof typeof FLAGS, v: number): string {
  const names = Object.entries(FLAGS[fam]).filter(([, b]) => (v & (b as number)) === b).map(([n]) => n);
  return names.length
    ? `<flags numItems="${names.length}">${names.map((n) => `<item>${n}</item>`).join("")}</flags>`
    : "<flags/>";
}
function blob(b: Uint8Array | undefined): string {
  if (!b?.length) return "";
  const ascii = [...b].map((c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : ".")).join("");
  return `<data>${toHex(b)}</data><asString>${esc(ascii)}</asString>`;
}
const ip4 = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
function ip6(b: Uint8Array): string {
  const w: string[] = [];
  for (let i = 0; i < 16; i += 2) w.push(((b[i] << 8) | b[i + 1]).toString(16));
  return w.join(":");
}
function sid(b: Uint8Array): string {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let auth = 0n;
  for (let i = 2; i < 8; i++) auth = (auth << 8n) | BigInt(b[i]);
  const subs: number[] = [];
  for (let i = 0; i < b[1]; i++) subs.push(dv.getUint32(8 + 4 * i, true));
  return ["S", b[0], auth, ...subs].join("-");
}

function value(v: FwpConditionValue): string {
  const t = `<type>${enumN("FWP_DATA_TYPE", v.type)}</type>`;
  switch (v.type) {
    case 0:
      return t;
    case 1:
      return t + tag("uint8", String(v.uint8));
    case 2:
      return t + tag("uint16", String(v.uint16));
    case 3:
      return t + tag("uint32", String(v.uint32));
    case 4:
      return t + tag("uint64", v.uint64.toString());
    case 11:
      return t + tag("byteArray16", ip6(v.byteArray16));
    case 12:
      return t + `<byteBlob>${blob(v.byteBlob)}</byteBlob>`;
    case 13:
      return t + tag("sid", sid(v.sid));
    case 17:
      return t + tag("unicodeString", esc(v.unicodeString));
    case 256:
      return t +
        `<v4AddrMask><addr>${ip4(v.v4AddrMask.addr)}</addr><mask>${
          ip4(v.v4AddrMask.mask)
        }</mask></v4AddrMask>`;
    case 257:
      return t +
        `<v6AddrMask><addr>${
          ip6(v.v6AddrMask.addr)
        }</addr><prefixLength>${v.v6AddrMask.prefixLength}</prefixLength></v6AddrMask>`;
    case 258:
      return t +
        `<rangeValue><valueLow>${value(v.rangeValue.valueLow)}</valueLow><valueHigh>${
          value(v.rangeValue.valueHigh)
        }</valueHigh></rangeValue>`;
    case 14: // netsh prints security descriptors as SDDL
      return t + `<sd>${esc(securityDescriptorToSddl((v as { sd: Uint8Array }).sd))}</sd>`;
    default:
      throw new Error(`netsh writer: value type ${v.type} not supported`);
  }
}

function display(d: { name: string; description?: string }): string {
  return `<displayData><name>${esc(d.name)}</name>${
    tag("description", d.description ? esc(d.description) : "")
  }</displayData>`;
}

/** One filter `<item>`. */
export function filterXml(f: Filter): string {
  const conds = f.filterCondition.map((c) =>
    `<item><fieldKey>${g(c.fieldKey)}</fieldKey><matchType>${
      enumN("FWP_MATCH_TYPE", c.matchType)
    }</matchType><conditionValue>${value(c.conditionValue as FwpConditionValue)}</conditionValue></item>`
  );
  const hasCtx = (f.flags & FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT) !== 0;
  return "<item>" +
    `<filterKey>{${f.filterKey}}</filterKey>` + display(f.displayData) + flags("FWPM_FILTER_FLAG", f.flags) +
    tag("providerKey", g(f.providerKey)) + tag("providerData", blob(f.providerData)) +
    `<layerKey>${g(f.layerKey)}</layerKey><subLayerKey>${g(f.subLayerKey)}</subLayerKey>` +
    `<weight>${value(f.weight)}</weight>` +
    (conds.length
      ? `<filterCondition numItems="${conds.length}">${conds.join("")}</filterCondition>`
      : "<filterCondition/>") +
    `<action><type>${enumN("FWP_ACTION_TYPE", f.action.type)}</type>` +
    (f.action.calloutKey
      ? `<calloutKey>${g(f.action.calloutKey)}</calloutKey>`
      : tag("filterType", g(f.action.filterType))) +
    "</action>" +
    (hasCtx
      ? `<providerContextKey>{${f.providerContextKey}}</providerContextKey>`
      : `<rawContext>${(f.rawContext ?? 0n).toString()}</rawContext>`) +
    "<reserved/>" + `<filterId>${(f.filterId ?? 0n).toString()}</filterId>` +
    (f.effectiveWeight ? `<effectiveWeight>${value(f.effectiveWeight)}</effectiveWeight>` : "") +
    "</item>";
}

/** The objects of a dump. */
export interface DumpObjects {
  providers: Provider[];
  sublayers: Sublayer[];
  providerContexts: ProviderContext[];
  filters: Filter[];
}

/** `netsh wfp show state` format. */
export function stateXml(o: DumpObjects): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wfpstate>\n<timeStamp>2026-11-20T10:00:00.000Z</timeStamp>\n',
  ];
  out.push(`<providers numItems="${o.providers.length}">`);
  for (const p of o.providers) {
    out.push(
      `<item><providerKey>${g(p.providerKey)}</providerKey>${display(p.displayData)}${
        flags("FWPM_PROVIDER_FLAG", p.flags)
      }${tag("providerData", blob(p.providerData))}${tag("serviceName", p.serviceName)}</item>\n`,
    );
  }
  out.push("</providers>\n");
  out.push(`<subLayers numItems="${o.sublayers.length}">`);
  for (const s of o.sublayers) {
    out.push(
      `<item><subLayerKey>${g(s.subLayerKey)}</subLayerKey>${display(s.displayData)}${
        flags("FWPM_SUBLAYER_FLAG", s.flags)
      }${tag("providerKey", g(s.providerKey))}${
        tag("providerData", blob(s.providerData))
      }<weight>${s.weight}</weight></item>\n`,
    );
  }
  out.push("</subLayers>\n");
  out.push(`<providerContexts numItems="${o.providerContexts.length}">`);
  for (const c of o.providerContexts) {
    out.push(
      `<item><providerContextKey>{${c.providerContextKey}}</providerContextKey>${display(c.displayData)}${
        flags("FWPM_PROVIDER_CONTEXT_FLAG", c.flags)
      }${tag("providerKey", g(c.providerKey))}${tag("providerData", blob(c.providerData))}<type>${
        enumN("FWPM_PROVIDER_CONTEXT_TYPE", c.type)
      }</type><providerContextId>${(c.providerContextId ?? 0n).toString()}</providerContextId></item>\n`,
    );
  }
  out.push("</providerContexts>\n");
  const byLayer = new Map<string, Filter[]>();
  for (const f of o.filters) byLayer.set(f.layerKey, [...(byLayer.get(f.layerKey) ?? []), f]);
  out.push(`<layers numItems="${byLayer.size}">\n`);
  let id = 1;
  for (const [layer, fs] of byLayer) {
    out.push(
      `<item><layer><layerKey>${g(layer)}</layerKey>${
        display({ name: guidName(layer)?.name ?? layer })
      }<flags/><layerId>${id++}</layerId></layer><callouts/>`,
    );
    out.push(`<filters numItems="${fs.length}">\n`);
    for (const f of fs) out.push(filterXml(f), "\n");
    out.push("</filters></item>\n");
  }
  out.push("</layers>\n</wfpstate>\n<firewallState><dynamicKeywordAddresses/></firewallState>\n");
  return out.join("");
}

/** `netsh wfp show filters` format. */
export function filtersXml(o: DumpObjects): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wfpdiag>\n'];
  out.push(`<providers numItems="${o.providers.length}">`);
  for (const p of o.providers) {
    out.push(
      `<item><providerKey>${g(p.providerKey)}</providerKey>${display(p.displayData)}${
        flags("FWPM_PROVIDER_FLAG", p.flags)
      }</item>\n`,
    );
  }
  out.push(`</providers>\n<filters numItems="${o.filters.length}">\n`);
  for (const f of o.filters) out.push(filterXml(f), "\n");
  out.push("</filters>\n</wfpdiag>\n");
  return out.join("");
}
