/**
 * iphlpapi's TCP connection table, for the lock-out guard's WinRM (and RDP, SSH) peers
 * (modules/host/sessionPeer.ts): `DWORD GetExtendedTcpTable(PVOID pTcpTable, PDWORD pdwSize, BOOL bOrder,
 * ULONG ulAf, TCP_TABLE_CLASS TableClass, ULONG Reserved)` with TCP_TABLE_OWNER_PID_ALL, once for AF_INET
 * (MIB_TCPTABLE_OWNER_PID) and once for AF_INET6 (MIB_TCP6TABLE_OWNER_PID). The caller owns the buffer: a
 * first call learns the size (ERROR_INSUFFICIENT_BUFFER), and a table that grew in between is asked again.
 * iphlpapi.dll is loaded from System32 by full path (GetSystemDirectoryW). One concept per module: other
 * iphlpapi functions (adapter addresses) live in their own module, so this one is named for the TCP table.
 * The decoders take the bytes, so they are tested off Windows over buffers laid out from the tables.
 */
import { systemDirectory } from "./kernel32.ts";
import { SESSION_API } from "./constants.ts";
import { fieldOffset, layoutOf } from "./structs.ts";
import { ipv4, ipv6 } from "./wtsapi32.ts";

/** The dlopen table (Win64: BOOL is i32, DWORD/ULONG/enums u32, the table and its size buffers). */
export const TCP_TABLE_SYMBOLS = {
  GetExtendedTcpTable: { parameters: ["buffer", "buffer", "i32", "u32", "u32", "u32"], result: "u32" },
} as const;

/** One TCP connection as the table gives it (ports in host order, addresses as text). */
export interface TcpConnection {
  /** MIB_TCP_STATE (MIB_TCP_STATE_ESTAB for an established connection). */
  state: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** The owning process (4, System, for HTTP.sys listeners such as WinRM's). */
  pid: number;
}

/** A DWORD port: network byte order in its low 16 bits. */
const port = (dv: DataView, at: number) => (dv.getUint8(at) << 8) | dv.getUint8(at + 1);

/** The rows of a table of `family` (AF_INET: MIB_TCPTABLE_OWNER_PID; AF_INET6: MIB_TCP6TABLE_OWNER_PID). */
export function decodeTcpTable(buf: Uint8Array, family: 4 | 6): TcpConnection[] {
  const table = layoutOf(family === 4 ? "MIB_TCPTABLE_OWNER_PID" : "MIB_TCP6TABLE_OWNER_PID");
  const row = layoutOf(family === 4 ? "MIB_TCPROW_OWNER_PID" : "MIB_TCP6ROW_OWNER_PID");
  const off = (t: typeof row, name: string) => fieldOffset(t.name, name);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 4) throw new RangeError(`TCP table: ${buf.length} bytes, expected at least 4`);
  const n = dv.getUint32(off(table, "dwNumEntries"), true);
  const first = off(table, "table");
  if (first + n * row.size > buf.length) {
    throw new RangeError(`TCP table: ${n} rows do not fit in ${buf.length} bytes`);
  }
  const out: TcpConnection[] = [];
  for (let i = 0; i < n; i++) {
    const at = first + i * row.size;
    const f = (name: string) => at + off(row, name);
    const addr = (name: string) =>
      family === 4
        ? ipv4(buf.subarray(f(name), f(name) + 4)) ?? "0.0.0.0"
        : ipv6(buf.subarray(f(name), f(name) + 16)) ?? "::";
    out.push({
      state: dv.getUint32(f("dwState"), true),
      localAddress: addr(family === 4 ? "dwLocalAddr" : "ucLocalAddr"),
      localPort: port(dv, f("dwLocalPort")),
      remoteAddress: addr(family === 4 ? "dwRemoteAddr" : "ucRemoteAddr"),
      remotePort: port(dv, f("dwRemotePort")),
      pid: dv.getUint32(f("dwOwningPid"), true),
    });
  }
  return out;
}

/** Every TCP connection of this host (both families), from GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL). */
export function tcpConnections(): TcpConnection[] {
  const lib = Deno.dlopen(`${systemDirectory()}\\iphlpapi.dll`, TCP_TABLE_SYMBOLS);
  try {
    const out: TcpConnection[] = [];
    for (const family of [4, 6] as const) {
      const af = family === 4 ? SESSION_API.ADDRESS_FAMILY.AF_INET : SESSION_API.ADDRESS_FAMILY.AF_INET6;
      const size = new Uint32Array(1);
      let buf = new Uint8Array(0);
      for (let attempt = 0;; attempt++) {
        const r = lib.symbols.GetExtendedTcpTable(
          buf.length ? buf : null,
          size,
          0,
          af,
          SESSION_API.TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL,
          0,
        );
        if (r === 0) break;
        if (r !== SESSION_API.ERROR_INSUFFICIENT_BUFFER || attempt === 3) {
          throw new Error(`GetExtendedTcpTable(AF_INET${family === 6 ? "6" : ""}) failed with error ${r}`);
        }
        buf = new Uint8Array(size[0] + 1024); // room for connections opened before the next call
        size[0] = buf.length;
      }
      out.push(...decodeTcpTable(buf, family));
    }
    return out;
  } finally {
    lib.close();
  }
}
