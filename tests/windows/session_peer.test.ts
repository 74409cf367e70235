/**
 * Real-Windows cases for the lock-out guard's session peers (docs/windows-verification.md LG1-LG3):
 * - LG1: GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) rows decode to this process's own connection (ports in
 *   host order, addresses, owner PID), and a connection to WinRM's 5985 is owned by System (PID 4, HTTP.sys),
 *   not by a wsmprovhost.exe: no connection can be tied to one remote shell, so every WinRM peer counts;
 * - LG2: WTSQuerySessionInformationW for this process's session: not an RDP session on a CI runner (no peer,
 *   no error); from a real RDP session, with WFPSEC_EXPECT_RDP_CLIENT set to the client's address (IPv4, or
 *   IPv6 to settle the Address offset), the decoded WTSClientAddress is that address;
 * - LG3: the guard's Windows sources all read (no `unknown`), the session's SSH peer included, and the
 *   simulator's WFPSEC_TEST_SESSION_PEER is not read for a live engine.
 * Under the wine stage the TCP-table decode runs as a named rehearsal (Wine's iphlpapi), the rest skips.
 */
import assert from "node:assert/strict";
import { tcpConnections } from "../../ffi/iphlpapi.ts";
import { rdpClientAddress } from "../../ffi/wtsapi32.ts";
import { SESSION_API } from "../../ffi/constants.ts";
import { windowsSessionPeers } from "../../modules/host/sessionPeer.ts";
import { guardPeers, TEST_SESSION_PEER } from "../../modules/cli/lockoutGuard.ts";
import { isElevatedWindows } from "../../modules/host/safety.ts";
import { realHostMode } from "./host.ts";

const { host, runs, suffix } = realHostMode();
const ESTAB = SESSION_API.MIB_TCP_STATE.MIB_TCP_STATE_ESTAB;

/** True when something listens on 127.0.0.1:`port` (WinRM's HTTP listener, when the service runs). */
async function listening(port: number): Promise<boolean> {
  if (!host.usable) return false;
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    return true;
  } catch {
    return false;
  }
}
const winrm = await listening(5985);

Deno.test({
  name: `LG1 the TCP table holds this process's own loopback connection, decoded${suffix}`,
  ignore: !runs,
  fn: async () => {
    for (const hostname of ["127.0.0.1", "::1"]) {
      let l: Deno.TcpListener;
      try {
        l = Deno.listen({ hostname, port: 0 });
      } catch (e) {
        if (hostname === "::1") continue; // no IPv6 loopback on this host
        throw e;
      }
      const port = (l.addr as Deno.NetAddr).port;
      const client = await Deno.connect({ hostname, port });
      const server = await l.accept();
      try {
        const clientPort = (client.localAddr as Deno.NetAddr).port;
        const row = tcpConnections().find((r) => r.localPort === port && r.remotePort === clientPort);
        assert.ok(row, `no row for ${hostname}:${port} <- ${clientPort}`);
        assert.equal(row.state, ESTAB);
        assert.equal(row.localAddress, hostname);
        assert.equal(row.remoteAddress, hostname);
        if (host.usable) assert.equal(row.pid, Deno.pid, "owner PID");
      } finally {
        server.close();
        client.close();
        l.close();
      }
    }
  },
});

Deno.test({
  name: `LG1 a connection to WinRM's port 5985 is owned by System (HTTP.sys), not wsmprovhost.exe${
    host.usable && !winrm ? " (skipped: WinRM does not listen on 127.0.0.1:5985)" : suffix
  }`,
  ignore: !winrm,
  fn: async () => {
    const c = await Deno.connect({ hostname: "127.0.0.1", port: 5985 });
    try {
      const mine = (c.localAddr as Deno.NetAddr).port;
      const row = tcpConnections().find((r) => r.localPort === 5985 && r.remotePort === mine);
      assert.ok(row, "the listener side of this connection is in the table");
      assert.equal(row.pid, 4, "HTTP.sys (System) owns WinRM's connections");
    } finally {
      c.close();
    }
  },
});

Deno.test({
  name:
    `LG2 this session's RDP client address (none on a CI runner; WFPSEC_EXPECT_RDP_CLIENT in RDP)${suffix}`,
  ignore: !host.usable,
  fn: () => {
    const expected = Deno.env.get("WFPSEC_EXPECT_RDP_CLIENT") || undefined;
    assert.equal(rdpClientAddress(), expected);
  },
});

Deno.test({
  name: `LG3 every Windows peer source reads, the session's SSH peer included${suffix}`,
  ignore: !host.usable,
  fn: async () => {
    const env = (n: string) => n === "SSH_CONNECTION" ? "192.0.2.44 50000 192.0.2.1 22" : Deno.env.get(n);
    const found = await windowsSessionPeers(env);
    assert.deepEqual(found.unknown, []);
    assert.ok(found.peers.some((p) => p.address === "192.0.2.44" && p.source === "SSH_CONNECTION"));
    // The simulator's test-only peer means nothing to a live engine.
    const seam = (n: string) => n === TEST_SESSION_PEER ? "203.0.113.9" : Deno.env.get(n);
    const live = await guardPeers({ kind: "windows" }, seam);
    assert.ok(!live.peers.some((p) => p.address === "203.0.113.9"));
  },
});

const elevated = Deno.build.os === "windows" && await isElevatedWindows();

Deno.test({
  name: `LG3 elevated, the simulator's WFPSEC_TEST_SESSION_PEER is ignored too${
    elevated ? (host.usable ? "" : " (on Wine, elevated)") : " (skipped: not elevated Windows)"
  }`,
  ignore: !elevated,
  fn: async () => {
    const seam = (n: string) => n === TEST_SESSION_PEER ? "203.0.113.9" : undefined;
    assert.deepEqual((await guardPeers({ kind: "fwpsim" }, seam)).peers, []);
  },
});
