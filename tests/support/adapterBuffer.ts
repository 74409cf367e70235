/**
 * Builds the memory GetAdaptersAddresses writes (one buffer holding the whole IP_ADAPTER_ADDRESSES_LH list,
 * its unicast/DNS/gateway/WINS lists and sockaddrs), laid out from the ffi/structs.ts tables at a chosen
 * native base address: what ffi/adapters.ts decodeAdapters reads, without Windows.
 */
import { layoutOf } from "../../ffi/structs.ts";
import { ADAPTER_API } from "../../ffi/constants.ts";

/** One adapter to lay out. Addresses are text ("10.0.0.5", "fd00::1"); unicast has "/prefix". */
export interface AdapterSpec {
  name: string;
  up?: boolean;
  ifType?: number;
  dhcpEnabled?: boolean;
  unicast?: string[];
  dns?: string[];
  gateways?: string[];
  wins?: string[];
  dhcpv4?: string;
  dhcpv6?: string;
}

const fieldOff = (struct: string, field: string): number => {
  const f = layoutOf(struct).fields.find((x) => x.name === field);
  if (!f) throw new Error(`${struct}.${field} not in the tables`);
  return f.offset;
};

const v4 = (s: string) => s.split(".").map(Number);
const v6 = (s: string): number[] => {
  const [head, tail] = s.split("::");
  const groups = (p: string | undefined) => (p ? p.split(":").map((g) => parseInt(g, 16)) : []);
  const h = groups(head), t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 255]);
};

/** The buffer and its base address; `corrupt` lets a test point one pointer outside the buffer. */
export function adapterBuffer(
  adapters: AdapterSpec[],
  base = 0x7ff0_0000_0000n,
): { buf: Uint8Array; base: bigint } {
  const buf = new Uint8Array(64 * 1024);
  const dv = new DataView(buf.buffer);
  let top = 0;
  const alloc = (size: number) => {
    top = (top + 7) & ~7;
    const at = top;
    top += size;
    return at;
  };
  const addr = (o: number) => base + BigInt(o);
  const setPtr = (o: number, target: number | undefined) =>
    dv.setBigUint64(o, target === undefined ? 0n : addr(target), true);
  const sockaddr = (text: string): { at: number; len: number } => {
    if (text.includes(":")) {
      const size = layoutOf("SOCKADDR_IN6").size;
      const at = alloc(size);
      dv.setUint16(at, ADAPTER_API.AF_INET6, true);
      buf.set(v6(text), at + fieldOff("SOCKADDR_IN6", "sin6_addr"));
      return { at, len: size };
    }
    const size = layoutOf("SOCKADDR_IN").size;
    const at = alloc(size);
    dv.setUint16(at, ADAPTER_API.AF_INET, true);
    buf.set(v4(text), at + fieldOff("SOCKADDR_IN", "sin_addr"));
    return { at, len: size };
  };
  const socketAddress = (o: number, text: string | undefined) => {
    if (!text) return;
    const s = sockaddr(text);
    setPtr(o + fieldOff("SOCKET_ADDRESS", "lpSockaddr"), s.at);
    dv.setInt32(o + fieldOff("SOCKET_ADDRESS", "iSockaddrLength"), s.len, true);
  };
  const list = (
    struct: string,
    items: string[],
    fill?: (o: number, item: string) => void,
  ): number | undefined => {
    let first: number | undefined, prev: number | undefined;
    for (const item of items) {
      const o = alloc(layoutOf(struct).size);
      dv.setUint32(o + fieldOff(struct, "Length"), layoutOf(struct).size, true);
      const [text, prefix] = item.split("/");
      socketAddress(o + fieldOff(struct, "Address"), text);
      if (prefix !== undefined) dv.setUint8(o + fieldOff(struct, "OnLinkPrefixLength"), Number(prefix));
      fill?.(o, item);
      if (prev === undefined) first = o;
      else setPtr(prev + fieldOff(struct, "Next"), o);
      prev = o;
    }
    return first;
  };
  const A = "IP_ADAPTER_ADDRESSES_LH";
  const nodes = adapters.map(() => alloc(layoutOf(A).size));
  adapters.forEach((a, i) => {
    const o = nodes[i];
    dv.setUint32(o + fieldOff(A, "Length"), layoutOf(A).size, true);
    if (i + 1 < nodes.length) setPtr(o + fieldOff(A, "Next"), nodes[i + 1]);
    const name = alloc(2 * (a.name.length + 1));
    for (let k = 0; k < a.name.length; k++) dv.setUint16(name + 2 * k, a.name.charCodeAt(k), true);
    setPtr(o + fieldOff(A, "FriendlyName"), name);
    dv.setUint32(
      o + fieldOff(A, "OperStatus"),
      a.up === false ? ADAPTER_API.IfOperStatusDown : ADAPTER_API.IfOperStatusUp,
      true,
    );
    dv.setUint32(o + fieldOff(A, "IfType"), a.ifType ?? ADAPTER_API.IF_TYPE_ETHERNET_CSMACD, true);
    dv.setUint32(
      o + fieldOff(A, "Flags"),
      a.dhcpEnabled === false ? 0 : ADAPTER_API.IP_ADAPTER_DHCP_ENABLED,
      true,
    );
    setPtr(o + fieldOff(A, "FirstUnicastAddress"), list("IP_ADAPTER_UNICAST_ADDRESS_LH", a.unicast ?? []));
    setPtr(o + fieldOff(A, "FirstDnsServerAddress"), list("IP_ADAPTER_DNS_SERVER_ADDRESS_XP", a.dns ?? []));
    setPtr(o + fieldOff(A, "FirstGatewayAddress"), list("IP_ADAPTER_GATEWAY_ADDRESS_LH", a.gateways ?? []));
    setPtr(
      o + fieldOff(A, "FirstWinsServerAddress"),
      list("IP_ADAPTER_WINS_SERVER_ADDRESS_LH", a.wins ?? []),
    );
    socketAddress(o + fieldOff(A, "Dhcpv4Server"), a.dhcpv4);
    socketAddress(o + fieldOff(A, "Dhcpv6Server"), a.dhcpv6);
  });
  return { buf: buf.slice(0, (top + 7) & ~7), base };
}
