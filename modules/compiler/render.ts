/**
 * renderGraph: a readable, stable text rendering of an ObjectGraph for review (tests and
 * library users). GUIDs of built-in objects are shown by name, flags and enums symbolically; secrets never
 * appear (pre-shared keys are references, manual SA keys are references).
 */
import { enumName, ENUMS, flagNames, guidName } from "../../ffi/constants.ts";
import type { Filter, FilterCondition, FwpValue, ObjectGraph, ProviderContext } from "../graph/mod.ts";
import { formatV4, formatV6, v6FromBytes } from "../model/mod.ts";

const DT = ENUMS.FWP_DATA_TYPE;
const g = (k: string | undefined) => (k ? guidName(k)?.name ?? k : "-");
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

function value(v: FwpValue | FilterCondition["conditionValue"]): string {
  switch (v.type) {
    case "appPath":
      return `app(${v.path})`;
    case "accounts":
      return `accounts(${v.accounts.map((a) => a.name).join(", ")})`;
    case DT.FWP_EMPTY:
      return "EMPTY";
    case DT.FWP_UINT8:
      return `UINT8 ${v.uint8}`;
    case DT.FWP_UINT16:
      return `UINT16 ${v.uint16}`;
    case DT.FWP_UINT32:
      return `UINT32 ${v.uint32} (${formatV4(BigInt(v.uint32))})`;
    case DT.FWP_UINT64:
      return `UINT64 ${v.uint64}`;
    case DT.FWP_BYTE_ARRAY16_TYPE:
      return `BYTE_ARRAY16 ${formatV6(v6FromBytes(v.byteArray16))}`;
    case DT.FWP_BYTE_BLOB_TYPE:
      return `BYTE_BLOB ${v.byteBlob.length} bytes`;
    case DT.FWP_SECURITY_DESCRIPTOR_TYPE:
      return `SD ${v.sd.length} bytes`;
    case DT.FWP_V4_ADDR_MASK:
      return `V4_ADDR_MASK ${formatV4(BigInt(v.v4AddrMask.addr))}/${formatV4(BigInt(v.v4AddrMask.mask))}`;
    case DT.FWP_V6_ADDR_MASK:
      return `V6_ADDR_MASK ${formatV6(v6FromBytes(v.v6AddrMask.addr))}/${v.v6AddrMask.prefixLength}`;
    case DT.FWP_RANGE_TYPE:
      return `RANGE ${value(v.rangeValue.valueLow)} .. ${value(v.rangeValue.valueHigh)}`;
    default:
      return JSON.stringify(
        v,
        (_k, x) => (typeof x === "bigint" ? x.toString() : x instanceof Uint8Array ? hex(x) : x),
      );
  }
}

function ctxLines(c: ProviderContext, indent = "  "): string[] {
  const out = [
    `${indent}${c.providerContextKey}  ${
      enumName("FWPM_PROVIDER_CONTEXT_TYPE", c.type)
    }  "${c.displayData.name}"`,
  ];
  const body = Object.entries(c).find(([k]) => /Policy$/.test(k) && k !== "keyingPolicy");
  if (body) {
    const json = JSON.stringify(body[1], (k, x) =>
      // A resolved pre-shared key must never reach a review: only whether one is set is shown.
      k === "presharedKey"
        ? (x instanceof Uint8Array && x.length ? "<set>" : "<by reference>")
        : typeof x === "bigint"
        ? x.toString()
        : x instanceof Uint8Array
        ? (x.length ? hex(x) : "")
        : x);
    out.push(`${indent}  ${body[0]}: ${json}`);
  }
  return out;
}

function filterLines(f: Filter): string[] {
  const action = f.action.calloutKey
    ? `${enumName("FWP_ACTION_TYPE", f.action.type)} ${g(f.action.calloutKey)}`
    : enumName("FWP_ACTION_TYPE", f.action.type);
  const out = [
    `  ${f.filterKey}  ${g(f.layerKey)}  "${f.displayData.name}"`,
    `    action ${action}; flags ${flagNames("FWPM_FILTER_FLAG", f.flags).join("|") || "0"}; weight ${
      value(f.weight)
    }` +
    (f.providerContextKey ? `; providerContext ${f.providerContextKey}` : "") +
    (f.rawContext !== undefined ? `; rawContext 0x${f.rawContext.toString(16)}` : ""),
  ];
  for (const c of f.filterCondition) {
    out.push(`    ${g(c.fieldKey)} ${enumName("FWP_MATCH_TYPE", c.matchType)} ${value(c.conditionValue)}`);
  }
  return out;
}

/** Renders the graph as text, one object per block, in graph order. */
export function renderGraph(graph: ObjectGraph): string {
  const out: string[] = [];
  out.push(
    `provider ${graph.provider.providerKey} "${graph.provider.displayData.name}" flags ${
      flagNames("FWPM_PROVIDER_FLAG", graph.provider.flags).join("|")
    }`,
  );
  out.push(
    `sublayer ${graph.sublayer.subLayerKey} "${graph.sublayer.displayData.name}" weight ${graph.sublayer.weight}`,
  );
  out.push(`provider contexts (${graph.providerContexts.length}):`);
  for (const c of graph.providerContexts) out.push(...ctxLines(c));
  out.push(`filters (${graph.filters.length}):`);
  for (const f of graph.filters) out.push(...filterLines(f));
  out.push(`tunnels (${graph.tunnels.length}):`);
  for (const t of graph.tunnels) {
    out.push(
      `  tunnel ${t.tunnelPolicy.providerContextKey} flags ${
        flagNames("FWPM_TUNNEL_FLAG", t.flags).join("|") || "0"
      } keyModule ${g(t.keyModKey)}`,
    );
    if (t.mainModePolicy) out.push(...ctxLines(t.mainModePolicy, "    "));
    out.push(...ctxLines(t.tunnelPolicy, "    "));
    for (const c of t.filterConditions) {
      out.push(`    ${g(c.fieldKey)} ${enumName("FWP_MATCH_TYPE", c.matchType)} ${value(c.conditionValue)}`);
    }
  }
  out.push(`manual SAs (${graph.manualSas.length}):`);
  for (const s of graph.manualSas) {
    out.push(`  ${s.name}: ${s.localAddress} <-> ${s.remoteAddress}`);
    for (const d of ["inbound", "outbound"] as const) {
      const x = s[d];
      out.push(
        `    ${d} spi 0x${x.spi.toString(16)} ${
          enumName("IPSEC_TRANSFORM_TYPE", x.transformType)
        } key <reference ${x.keyRef}>`,
      );
    }
  }
  const refs = Object.entries(graph.secrets);
  out.push(`secret references (${refs.length}):`);
  for (const [k, r] of refs) out.push(`  ${k} <- ${r.env !== undefined ? `env ${r.env}` : `file ${r.file}`}`);
  return out.join("\n") + "\n";
}
