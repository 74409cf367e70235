/**
 * The host's adapters for address keywords (`remote: dns`): GetAdaptersAddresses (iphlpapi.h),
 * `ULONG GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved, PIP_ADAPTER_ADDRESSES
 * AdapterAddresses, PULONG SizePointer)`, from System32 by full path (GetSystemDirectoryW).
 *
 * Microsoft's page says to start with a 15 KB buffer and call again with the size ERROR_BUFFER_OVERFLOW
 * reports (the list can grow between calls, so a few tries). The function writes the whole linked list into
 * the caller's buffer, so every pointer in the result points inside the buffer we passed: the decoder reads
 * the list from that buffer alone (`decodeAdapters`), with the offsets of the ffi/structs.ts tables, and
 * refuses a pointer outside it. That is also how the unit tests run it, over buffers built from the tables.
 */
import { ADAPTER_API } from "./constants.ts";
import { fieldOffset, layoutOf } from "./structs.ts";
import { type ErrorType, WfpsecError } from "./wfpsecError.ts";

/** The dlopen table (Win64: ULONG is u32, pointers are buffers). */
export const ADAPTER_IPHLPAPI_SYMBOLS = {
  GetAdaptersAddresses: { parameters: ["u32", "u32", "pointer", "buffer", "buffer"], result: "u32" },
} as const;

/** One socket address: family and the address bytes in network order. */
export interface SocketAddress {
  /** 4 (AF_INET) or 6 (AF_INET6). */
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

/** One adapter as GetAdaptersAddresses reports it, reduced to what address keywords need. */
export interface Adapter {
  /** FriendlyName ("Ethernet"). */
  name: string;
  /** OperStatus is IfOperStatusUp. */
  up: boolean;
  /** IfType is IF_TYPE_SOFTWARE_LOOPBACK. */
  loopback: boolean;
  /** Unicast addresses with OnLinkPrefixLength. */
  unicast: (SocketAddress & { prefix: number })[];
  /** FirstDnsServerAddress list. */
  dns: SocketAddress[];
  /** FirstGatewayAddress list (GAA_FLAG_INCLUDE_GATEWAYS). */
  gateways: SocketAddress[];
  /** FirstWinsServerAddress list (GAA_FLAG_INCLUDE_WINS_INFO). */
  wins: SocketAddress[];
  /** Dhcpv4Server (when DHCPv4 is enabled) and Dhcpv6Server, when set. */
  dhcp: SocketAddress[];
}

/** Longest list walk accepted: a cycle in a corrupt list must not hang the scheduled task. */
const MAX_NODES = 4096;

const off = fieldOffset;

/**
 * Why the adapter list could not be read (the call failed, a pointer outside the buffer, a truncated node):
 * reported like other host data that cannot be read (KeywordResolutionError), and nothing is planned.
 */
export class AdapterListError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "SnapshotError";
}

/**
 * Decodes the adapter list GetAdaptersAddresses wrote into `buf`, whose first byte is at native address
 * `base`. The first node is at the start of the buffer (an empty list is ERROR_NO_DATA, not a buffer).
 */
export function decodeAdapters(buf: Uint8Array, base: bigint): Adapter[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = (p: bigint, size: number, what: string): number => {
    const o = p - base;
    if (o < 0n || o + BigInt(size) > BigInt(buf.byteLength)) {
      throw new AdapterListError(`${what} points outside the GetAdaptersAddresses buffer`);
    }
    return Number(o);
  };
  const ptr = (o: number) => dv.getBigUint64(o, true);
  const wide = (p: bigint, what: string): string => {
    if (p === 0n) return "";
    let o = at(p, 2, what), s = "";
    for (; o + 1 < buf.byteLength; o += 2) {
      const c = dv.getUint16(o, true);
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
    throw new AdapterListError(`${what} is not NUL-terminated inside the buffer`);
  };
  // SOCKET_ADDRESS at o: a sockaddr_in or sockaddr_in6 by its family; undefined when unset.
  const sockaddr = (o: number, what: string): SocketAddress | undefined => {
    const p = ptr(o + off("SOCKET_ADDRESS", "lpSockaddr"));
    if (p === 0n) return undefined;
    const len = dv.getInt32(o + off("SOCKET_ADDRESS", "iSockaddrLength"), true);
    const s = at(p, 2, what);
    const family = dv.getUint16(s, true);
    if (family === ADAPTER_API.AF_INET) {
      const size = layoutOf("SOCKADDR_IN").size;
      if (len < size) throw new AdapterListError(`${what}: sockaddr_in of ${len} bytes`);
      const a = at(p, size, what) + off("SOCKADDR_IN", "sin_addr");
      return { family: 4, bytes: buf.slice(a, a + 4) };
    }
    if (family === ADAPTER_API.AF_INET6) {
      const size = layoutOf("SOCKADDR_IN6").size;
      if (len < size) throw new AdapterListError(`${what}: sockaddr_in6 of ${len} bytes`);
      const a = at(p, size, what) + off("SOCKADDR_IN6", "sin6_addr");
      return { family: 6, bytes: buf.slice(a, a + 16) };
    }
    return undefined; // another family (none is documented here): not an IP address
  };
  const list = <T>(first: bigint, struct: string, what: string, read: (o: number) => T | undefined): T[] => {
    const out: T[] = [];
    const size = layoutOf(struct).size;
    for (let p = first, n = 0; p !== 0n; n++) {
      if (n >= MAX_NODES) throw new AdapterListError(`${what}: more than ${MAX_NODES} entries (a cycle?)`);
      const o = at(p, size, what);
      const v = read(o);
      if (v !== undefined) out.push(v);
      p = ptr(o + off(struct, "Next"));
    }
    return out;
  };
  const A = "IP_ADAPTER_ADDRESSES_LH";
  const servers = (o: number, field: string, struct: string, what: string) =>
    list(ptr(o + off(A, field)), struct, what, (n) => sockaddr(n + off(struct, "Address"), what));
  return list(base, A, "adapter", (o) => {
    const name = wide(ptr(o + off(A, "FriendlyName")), "FriendlyName");
    const U = "IP_ADAPTER_UNICAST_ADDRESS_LH";
    const unicast = list(ptr(o + off(A, "FirstUnicastAddress")), U, `${name} unicast`, (n) => {
      const a = sockaddr(n + off(U, "Address"), `${name} unicast`);
      return a && { ...a, prefix: dv.getUint8(n + off(U, "OnLinkPrefixLength")) };
    });
    const dhcp: SocketAddress[] = [];
    if (dv.getUint32(o + off(A, "Flags"), true) & ADAPTER_API.IP_ADAPTER_DHCP_ENABLED) {
      const v4 = sockaddr(o + off(A, "Dhcpv4Server"), `${name} Dhcpv4Server`);
      if (v4) dhcp.push(v4);
    }
    const v6 = sockaddr(o + off(A, "Dhcpv6Server"), `${name} Dhcpv6Server`);
    if (v6) dhcp.push(v6);
    return {
      name,
      up: dv.getUint32(o + off(A, "OperStatus"), true) === ADAPTER_API.IfOperStatusUp,
      loopback: dv.getUint32(o + off(A, "IfType"), true) === ADAPTER_API.IF_TYPE_SOFTWARE_LOOPBACK,
      unicast,
      dns: servers(o, "FirstDnsServerAddress", "IP_ADAPTER_DNS_SERVER_ADDRESS_XP", `${name} DNS server`),
      gateways: servers(o, "FirstGatewayAddress", "IP_ADAPTER_GATEWAY_ADDRESS_LH", `${name} gateway`),
      wins: servers(o, "FirstWinsServerAddress", "IP_ADAPTER_WINS_SERVER_ADDRESS_LH", `${name} WINS server`),
      dhcp,
    };
  });
}

/** The flags wfpsec asks for: gateways and WINS servers included, anycast and multicast skipped. */
export const GAA_FLAGS = ADAPTER_API.GAA_FLAG_INCLUDE_GATEWAYS | ADAPTER_API.GAA_FLAG_INCLUDE_WINS_INFO |
  ADAPTER_API.GAA_FLAG_SKIP_ANYCAST | ADAPTER_API.GAA_FLAG_SKIP_MULTICAST;

/** Every adapter of this host, IPv4 and IPv6 (Windows only; throws when the call fails). */
export async function getAdaptersAddresses(): Promise<Adapter[]> {
  const { systemDirectory } = await import("./kernel32.ts");
  const lib = Deno.dlopen(`${systemDirectory()}\\iphlpapi.dll`, ADAPTER_IPHLPAPI_SYMBOLS);
  try {
    let size = 15 * 1024;
    for (let attempt = 0; attempt < 4; attempt++) {
      // u64-backed so the 8-byte alignment of IP_ADAPTER_ADDRESSES_LH holds.
      const buf = new Uint8Array(new BigUint64Array(Math.ceil(size / 8)).buffer);
      const len = new Uint32Array([buf.byteLength]);
      const rc = lib.symbols.GetAdaptersAddresses(ADAPTER_API.AF_UNSPEC, GAA_FLAGS, null, buf, len);
      if (rc === ADAPTER_API.NO_ERROR) {
        const base = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf)));
        return decodeAdapters(buf, base);
      }
      if (rc === ADAPTER_API.ERROR_NO_DATA) return [];
      if (rc !== ADAPTER_API.ERROR_BUFFER_OVERFLOW) {
        throw new AdapterListError(`GetAdaptersAddresses failed: ${rc}`);
      }
      size = Math.max(len[0], size * 2);
    }
    throw new AdapterListError("GetAdaptersAddresses: the adapter list kept growing; try again");
  } finally {
    lib.close();
  }
}
