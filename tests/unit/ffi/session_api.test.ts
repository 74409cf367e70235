/**
 * The lock-out guard's Windows peer sources, decoded from bytes laid out by the struct tables (the layout
 * oracle checks those against the mingw-w64 headers): WTS_CLIENT_ADDRESS (IPv4 at Address[2..5]), the
 * WTSClientProtocolType USHORT, and GetExtendedTcpTable's owner-PID tables (ports in network order); and
 * which TCP connections count as management sessions' peers.
 */
import assert from "node:assert/strict";
import { decodeClientAddress, decodeProtocolType, ipv6 } from "../../../ffi/wtsapi32.ts";
import { decodeTcpTable } from "../../../ffi/tcpTable.ts";
import { layoutOf } from "../../../ffi/structs.ts";
import { SESSION_API } from "../../../ffi/constants.ts";
import { managementPeers } from "../../../modules/host/sessionPeer.ts";

const AF = SESSION_API.ADDRESS_FAMILY;
const ESTAB = SESSION_API.MIB_TCP_STATE.MIB_TCP_STATE_ESTAB;
const offset = (struct: string, field: string) =>
  layoutOf(struct).fields.find((f) => f.name === field)!.offset;

/** A WTS_CLIENT_ADDRESS with `family` and the Address bytes `address` from Address[0]. */
function clientAddress(family: number, address: number[]): Uint8Array {
  const b = new Uint8Array(layoutOf("WTS_CLIENT_ADDRESS").size);
  new DataView(b.buffer).setUint32(offset("WTS_CLIENT_ADDRESS", "AddressFamily"), family, true);
  b.set(address, offset("WTS_CLIENT_ADDRESS", "Address"));
  return b;
}

Deno.test("WTS_CLIENT_ADDRESS: AF_INET is Address[2..5] (the Learn page's 192.168.0.1 example)", () => {
  assert.equal(decodeClientAddress(clientAddress(AF.AF_INET, [0, 0, 0xc0, 0xa8, 0, 1])), "192.168.0.1");
  assert.equal(
    decodeClientAddress(clientAddress(AF.AF_INET, [0, 0, 0, 0, 0, 0])),
    undefined,
    "none reported",
  );
  assert.equal(decodeClientAddress(clientAddress(0, [0, 0, 10, 0, 0, 1])), undefined, "AF_UNSPEC");
  assert.throws(() => decodeClientAddress(new Uint8Array(8)), RangeError);
});

Deno.test("WTS_CLIENT_ADDRESS: AF_INET6 is Address[0..15] (the Learn page's FFFF::1 example)", () => {
  const bytes = [0xff, 0xff, ...new Array(13).fill(0), 1];
  assert.equal(decodeClientAddress(clientAddress(AF.AF_INET6, bytes)), "ffff::1");
  assert.equal(ipv6(new Uint8Array([0x20, 1, 0xd, 0xb8, ...new Array(11).fill(0), 5])), "2001:db8::5");
  assert.equal(ipv6(new Uint8Array([...new Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 7])), "10.0.0.7");
});

Deno.test("WTSClientProtocolType is a USHORT: 2 is RDP", () => {
  assert.equal(
    decodeProtocolType(new Uint8Array([2, 0])),
    SESSION_API.WTS_PROTOCOL_TYPE.WTS_PROTOCOL_TYPE_RDP,
  );
  assert.equal(
    decodeProtocolType(new Uint8Array([0, 0])),
    SESSION_API.WTS_PROTOCOL_TYPE.WTS_PROTOCOL_TYPE_CONSOLE,
  );
  assert.throws(() => decodeProtocolType(new Uint8Array(0)), RangeError);
});

type Row = {
  state: number;
  local: number[];
  localPort: number;
  remote: number[];
  remotePort: number;
  pid: number;
};

/** A table of `family` with `rows`, each member at its table offset; ports stored in network order. */
function tcpTable(family: 4 | 6, rows: Row[]): Uint8Array {
  const [tName, rName] = family === 4
    ? ["MIB_TCPTABLE_OWNER_PID", "MIB_TCPROW_OWNER_PID"]
    : ["MIB_TCP6TABLE_OWNER_PID", "MIB_TCP6ROW_OWNER_PID"];
  const rowSize = layoutOf(rName).size;
  const first = offset(tName, "table");
  const b = new Uint8Array(first + rows.length * rowSize + 8); // + slack, as the API leaves
  const dv = new DataView(b.buffer);
  dv.setUint32(offset(tName, "dwNumEntries"), rows.length, true);
  rows.forEach((r, i) => {
    const at = (f: string) => first + i * rowSize + offset(rName, f);
    const port = (f: string, p: number) => (b[at(f)] = p >> 8, b[at(f) + 1] = p & 0xff);
    dv.setUint32(at("dwState"), r.state, true);
    b.set(r.local, at(family === 4 ? "dwLocalAddr" : "ucLocalAddr"));
    b.set(r.remote, at(family === 4 ? "dwRemoteAddr" : "ucRemoteAddr"));
    port("dwLocalPort", r.localPort);
    port("dwRemotePort", r.remotePort);
    dv.setUint32(at("dwOwningPid"), r.pid, true);
  });
  return b;
}

Deno.test("MIB_TCPTABLE_OWNER_PID rows: addresses and ports in network order, owner PID", () => {
  const rows = decodeTcpTable(
    tcpTable(4, [
      {
        state: ESTAB,
        local: [10, 0, 0, 1],
        localPort: 5985,
        remote: [10, 0, 0, 5],
        remotePort: 50123,
        pid: 4,
      },
      { state: 2, local: [0, 0, 0, 0], localPort: 3389, remote: [0, 0, 0, 0], remotePort: 0, pid: 1234 },
    ]),
    4,
  );
  assert.deepEqual(rows, [
    {
      state: ESTAB,
      localAddress: "10.0.0.1",
      localPort: 5985,
      remoteAddress: "10.0.0.5",
      remotePort: 50123,
      pid: 4,
    },
    {
      state: 2,
      localAddress: "0.0.0.0",
      localPort: 3389,
      remoteAddress: "0.0.0.0",
      remotePort: 0,
      pid: 1234,
    },
  ]);
  assert.throws(() => decodeTcpTable(new Uint8Array([5, 0, 0, 0]), 4), RangeError, "5 rows in 4 bytes");
});

Deno.test("MIB_TCP6TABLE_OWNER_PID rows", () => {
  const v6 = (last: number) => [0x20, 1, 0xd, 0xb8, ...new Array(11).fill(0), last];
  const [row] = decodeTcpTable(
    tcpTable(6, [{ state: ESTAB, local: v6(1), localPort: 5986, remote: v6(9), remotePort: 4000, pid: 4 }]),
    6,
  );
  assert.deepEqual(row, {
    state: ESTAB,
    localAddress: "2001:db8::1",
    localPort: 5986,
    remoteAddress: "2001:db8::9",
    remotePort: 4000,
    pid: 4,
  });
});

Deno.test("management peers: established connections to SSH, RDP and WinRM ports; no listeners, no loopback", () => {
  const peers = managementPeers([
    { state: ESTAB, localPort: 5985, remoteAddress: "10.0.0.5" },
    { state: ESTAB, localPort: 5986, remoteAddress: "2001:db8::9" },
    { state: ESTAB, localPort: 3389, remoteAddress: "192.0.2.4" },
    { state: ESTAB, localPort: 22, remoteAddress: "192.0.2.5" },
    { state: 2, localPort: 5985, remoteAddress: "0.0.0.0" }, // LISTEN
    { state: ESTAB, localPort: 5985, remoteAddress: "127.0.0.1" },
    { state: ESTAB, localPort: 443, remoteAddress: "192.0.2.6" },
  ], ESTAB);
  assert.deepEqual(peers, [
    { address: "10.0.0.5", source: "WinRM connection to TCP 5985" },
    { address: "2001:db8::9", source: "WinRM connection to TCP 5986" },
    { address: "192.0.2.4", source: "RDP connection to TCP 3389" },
    { address: "192.0.2.5", source: "SSH connection to TCP 22" },
  ]);
});
