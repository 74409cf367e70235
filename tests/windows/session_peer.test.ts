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
import { tcpConnections } from "../../ffi/tcpTable.ts";
import { rdpClientAddress } from "../../ffi/wtsapi32.ts";
import { SESSION_API } from "../../ffi/constants.ts";
import { windowsSessionPeers } from "../../modules/host/sessionPeer.ts";
import { guardPeers, TEST_SESSION_PEER } from "../../modules/cli/lockoutGuard.ts";
import { isElevatedWindows } from "../../modules/host/safety.ts";
import { realHostMode } from "./host.ts";

const { host, runs, suffix } = realHostMode();
const ESTAB = SESSION_API.MIB_TCP_STATE.MIB_TCP_STATE_ESTAB;

/**
 * A child process (this deno, `deno eval`: the test itself runs without --allow-net) that runs `code`, which
 * prints one JSON line and then holds its connections until its stdin closes; undefined when the child
 * printed nothing (it could not connect).
 */
async function holding<T>(code: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", `${code}\nfor await (const _ of Deno.stdin.readable) { /* hold */ }`],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  const close = async () => {
    await child.stdin.close();
    await reader.cancel();
    await child.status;
  };
  if (!text.includes("\n")) {
    await close();
    return undefined;
  }
  return { ...(JSON.parse(text.split("\n")[0]) as T), pid: child.pid, close };
}

/** An established loopback connection on `hostname`, held by a child process. */
const loopbackPair = (hostname: string) =>
  holding<{ server: number; client: number }>(`const h = ${JSON.stringify(hostname)};
const l = Deno.listen({ hostname: h, port: 0 });
const c = await Deno.connect({ hostname: h, port: l.addr.port });
await l.accept();
console.log(JSON.stringify({ server: l.addr.port, client: c.localAddr.port }));`);

/** A connection to WinRM's HTTP listener on 127.0.0.1:5985, held by a child process (none: not listening). */
const winrmConnection = () =>
  holding<{ client: number }>(`const c = await Deno.connect({ hostname: "127.0.0.1", port: 5985 });
console.log(JSON.stringify({ client: c.localAddr.port }));`);

Deno.test({
  name: `LG1 the TCP table holds a process's own loopback connection, decoded${suffix}`,
  ignore: !runs,
  fn: async () => {
    for (const hostname of ["127.0.0.1", "::1"]) {
      const pair = await loopbackPair(hostname);
      if (!pair) {
        if (hostname === "::1") continue; // no IPv6 loopback on this host
        throw new Error(`cannot hold a loopback connection on ${hostname}`);
      }
      try {
        const rows = tcpConnections();
        const server = rows.find((r) => r.localPort === pair.server && r.remotePort === pair.client);
        assert.ok(server, `no row for ${hostname}:${pair.server} <- ${pair.client}`);
        assert.equal(server.state, ESTAB);
        assert.equal(server.localAddress, hostname);
        assert.equal(server.remoteAddress, hostname);
        // Both ends are listed: the client's row mirrors the server's.
        assert.ok(rows.some((r) => r.localPort === pair.client && r.remotePort === pair.server));
        if (host.usable) assert.equal(server.pid, pair.pid, "owner PID");
      } finally {
        await pair.close();
      }
    }
  },
});

Deno.test({
  name: `LG1 a connection to WinRM's port 5985 is owned by System (HTTP.sys), not wsmprovhost.exe${suffix}`,
  ignore: !host.usable,
  fn: async () => {
    const c = await winrmConnection();
    // The reading needs a listening WinRM (Enable-PSRemoting): a host without it cannot settle LG1.
    assert.ok(c, "WinRM does not listen on 127.0.0.1:5985: run Enable-PSRemoting, then this test");
    try {
      const row = tcpConnections().find((r) => r.localPort === 5985 && r.remotePort === c.client);
      assert.ok(row, "the listener side of this connection is in the table");
      assert.equal(row.pid, 4, "HTTP.sys (System) owns WinRM's connections");
    } finally {
      await c.close();
    }
  },
});

Deno.test({
  name:
    `LG2 this session's RDP client address (none on a CI runner; WFPSEC_EXPECT_RDP_CLIENT in RDP)${suffix}`,
  ignore: !runs, // under Wine too: its wtsapi32 answers for the (console) session
  fn: () => {
    const expected = Deno.env.get("WFPSEC_EXPECT_RDP_CLIENT") || undefined;
    assert.equal(rdpClientAddress(), expected);
  },
});

Deno.test({
  name: `LG3 every Windows peer source reads, the session's SSH peer included${suffix}`,
  ignore: !runs,
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
