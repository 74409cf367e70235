/**
 * Filter conditions in an admin's words for `show`: `remote 10.0.0.0/8 tcp/445` instead of a condition
 * count, and IPv4 addresses as dotted text beside their numeric form in JSON.
 */
import { CONDITIONS, ENUMS, guidName, MISC } from "../../ffi/constants.ts";
import { appIdPath } from "../model/mod.ts";
import { SddlError, securityDescriptorToSddl } from "../../ffi/sddl.ts";
import type { FilterCondition, FwpValue } from "../graph/mod.ts";
import { formatV4, formatV6 } from "../model/mod.ts";

/** Condition fields whose UINT32 / V4_ADDR_MASK / range values are IPv4 addresses. */
const ADDRESS_FIELDS: Set<string> = new Set([
  CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
  CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
]);

const PROTOCOLS: Record<number, string> = {
  [MISC.IPPROTO_ICMP]: "icmp",
  [MISC.IPPROTO_TCP]: "tcp",
  [MISC.IPPROTO_UDP]: "udp",
  [MISC.IPPROTO_ICMPV6]: "icmpv6",
};

/** NL_ADDRESS_TYPE (nldef.h), the value of FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE. */
const ADDRESS_TYPES: Record<number, string> = {
  0: "unspecified",
  1: "unicast",
  2: "anycast",
  3: "multicast",
  4: "broadcast",
};

/** Dotted text of a host-order IPv4 address (FWP_UINT32 / FWP_V4_ADDR_AND_MASK hold host order). */
export function v4Text(a: number): string {
  return formatV4(BigInt(a >>> 0));
}

function v6Text(b: Uint8Array): string {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return formatV6(v);
}

/** Prefix length of a contiguous IPv4 mask, undefined when the mask is not contiguous. */
function prefixOf(mask: number): number | undefined {
  const m = mask >>> 0;
  let n = 0;
  while (n < 32 && (m & (0x80000000 >>> n)) !== 0) n++;
  return ((n === 32 ? 0xffffffff : ~(0xffffffff >>> n)) >>> 0) === m ? n : undefined;
}

function scalarText(v: FwpValue, address: boolean): string {
  const x = v as unknown as Record<string, unknown>;
  if (address && typeof x.uint32 === "number") return v4Text(x.uint32);
  if (address && x.byteArray16 instanceof Uint8Array) return v6Text(x.byteArray16);
  for (const k of ["uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64"]) {
    if (k in x) return String(x[k]);
  }
  if (x.type === ENUMS.FWP_DATA_TYPE.FWP_EMPTY) return "empty";
  const name = Object.entries(ENUMS.FWP_DATA_TYPE).find(([, n]) => n === x.type)?.[0];
  return (name ?? `type ${x.type}`).replace(/^FWP_/, "").replace(/_TYPE$/, "").toLowerCase();
}

/** One condition value as text (`10.0.0.0/8`, `2001:db8::/32`, `1024-65535`, `6`). */
function valueText(c: FilterCondition): string {
  const v = c.conditionValue as unknown as Record<string, unknown>;
  const address = ADDRESS_FIELDS.has(c.fieldKey);
  if (v.type === "appPath") return String(v.path);
  if (v.type === "accounts") return (v.accounts as { name: string }[]).map((a) => a.name).join(", ");
  // An authorization descriptor as SDDL (who is granted), not its type name.
  if (v.type === ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE && v.sd instanceof Uint8Array) {
    try {
      return securityDescriptorToSddl(v.sd);
    } catch (e) {
      if (!(e instanceof SddlError)) throw e;
    }
  }
  const m4 = v.v4AddrMask as { addr: number; mask: number } | undefined;
  if (m4) {
    const p = prefixOf(m4.mask);
    if (p === undefined) return `${v4Text(m4.addr)} mask ${v4Text(m4.mask)}`;
    return p === 32 ? v4Text(m4.addr) : `${v4Text(m4.addr)}/${p}`;
  }
  const m6 = v.v6AddrMask as { addr: Uint8Array; prefixLength: number } | undefined;
  if (m6) return m6.prefixLength === 128 ? v6Text(m6.addr) : `${v6Text(m6.addr)}/${m6.prefixLength}`;
  const r = v.rangeValue as { valueLow: FwpValue; valueHigh: FwpValue } | undefined;
  if (r) return `${scalarText(r.valueLow, address)}-${scalarText(r.valueHigh, address)}`;
  return scalarText(c.conditionValue as FwpValue, address);
}

const OPERATORS: Record<string, string> = {
  FWP_MATCH_EQUAL: "",
  FWP_MATCH_GREATER: ">",
  FWP_MATCH_LESS: "<",
  FWP_MATCH_GREATER_OR_EQUAL: ">=",
  FWP_MATCH_LESS_OR_EQUAL: "<=",
  FWP_MATCH_RANGE: "",
  FWP_MATCH_NOT_EQUAL: "!=",
};

const WORDS: Record<string, string> = {
  FWPM_CONDITION_IP_REMOTE_ADDRESS: "remote",
  FWPM_CONDITION_IP_LOCAL_ADDRESS: "local",
  FWPM_CONDITION_IP_LOCAL_PORT: "local-port",
  FWPM_CONDITION_IP_REMOTE_PORT: "remote-port",
  FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE: "local-address-type",
  FWPM_CONDITION_IP_LOCAL_INTERFACE: "interface",
  FWPM_CONDITION_ALE_APP_ID: "app",
  FWPM_CONDITION_ALE_USER_ID: "user",
  FWPM_CONDITION_ALE_REMOTE_USER_ID: "remote-user",
  FWPM_CONDITION_ALE_REMOTE_MACHINE_ID: "remote-machine",
  FWPM_CONDITION_FLAGS: "flags",
  FWPM_CONDITION_CURRENT_PROFILE_ID: "profile",
};

/**
 * A filter's conditions as one line: fields in the order they first appear, values of one field (OR)
 * joined by commas, the protocol merged with the remote port (`tcp/445`); `-` when there are none.
 */
export function conditionsText(conds: FilterCondition[]): string {
  if (!conds.length) return "-";
  const byField = new Map<string, string[]>();
  for (const c of conds) {
    const name = guidName(c.fieldKey)?.name ?? c.fieldKey;
    const match = Object.entries(ENUMS.FWP_MATCH_TYPE).find(([, n]) => n === c.matchType)?.[0];
    const op = match === undefined
      ? `match ${c.matchType} `
      : match in OPERATORS
      ? OPERATORS[match]
      : `${match.replace(/^FWP_MATCH_/, "").toLowerCase().replaceAll("_", "-")} `;
    let text = valueText(c);
    if (name === "FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE") {
      const t = (c.conditionValue as { uint8?: number }).uint8;
      if (t !== undefined && ADDRESS_TYPES[t]) text = ADDRESS_TYPES[t];
    }
    const blob = (c.conditionValue as { byteBlob?: Uint8Array }).byteBlob;
    if (name === "FWPM_CONDITION_ALE_APP_ID" && blob instanceof Uint8Array && blob.length % 2 === 0) {
      // The application id is the NUL-terminated UTF-16LE device path (FwpmGetAppIdFromFileName0).
      text = appIdPath(blob);
    }
    if (name === "FWPM_CONDITION_IP_PROTOCOL") {
      const pv = (c.conditionValue as { uint8?: number }).uint8;
      if (pv !== undefined && PROTOCOLS[pv]) text = PROTOCOLS[pv];
      else text = `proto ${text}`;
    }
    const list = byField.get(name) ?? [];
    list.push(op + text);
    byField.set(name, list);
  }
  const proto = byField.get("FWPM_CONDITION_IP_PROTOCOL");
  const rport = byField.get("FWPM_CONDITION_IP_REMOTE_PORT");
  const out: string[] = [];
  for (const [name, values] of byField) {
    const joined = values.join(",");
    if (name === "FWPM_CONDITION_IP_PROTOCOL") {
      out.push(proto?.length === 1 && rport ? `${joined}/${rport.join(",")}` : joined);
    } else if (name === "FWPM_CONDITION_IP_REMOTE_PORT" && proto?.length === 1) {
      continue;
    } else {
      const word = WORDS[name] ?? name.replace(/^FWPM_CONDITION_/, "").toLowerCase().replaceAll("_", "-");
      out.push(`${word} ${joined}`);
    }
  }
  return out.join(" ");
}

/**
 * The JSON of a filter's conditions with the IPv4 addresses of address fields also as dotted text:
 * `v4AddrMask.addrText`/`maskText`, and `addressText` beside a UINT32 value or range bound. Additive:
 * the numeric fields stay as they are.
 */
export function addAddressText(conds: unknown): void {
  if (!Array.isArray(conds)) return;
  for (const c of conds as Record<string, unknown>[]) {
    if (!ADDRESS_FIELDS.has(String(c.fieldKey))) continue;
    const v = c.conditionValue as Record<string, unknown> | undefined;
    if (!v) continue;
    const m4 = v.v4AddrMask as Record<string, unknown> | undefined;
    if (m4 && typeof m4.addr === "number" && typeof m4.mask === "number") {
      m4.addrText = v4Text(m4.addr);
      m4.maskText = v4Text(m4.mask);
    }
    const scalar = (x: Record<string, unknown> | undefined) => {
      if (x && typeof x.uint32 === "number") x.addressText = v4Text(x.uint32);
    };
    scalar(v);
    const r = v.rangeValue as Record<string, Record<string, unknown>> | undefined;
    if (r) scalar(r.valueLow), scalar(r.valueHigh);
  }
}
