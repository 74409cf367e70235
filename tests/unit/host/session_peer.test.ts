/** Session peer: the SSH client's address is read from the session's own SSH_CONNECTION / SSH_CLIENT. */
import assert from "node:assert/strict";
import { sshSessionPeer, windowsSessionPeers } from "../../../modules/host/sessionPeer.ts";

const envOf = (vars: Record<string, string>) => (n: string) => vars[n];

Deno.test("SSH_CONNECTION names the client first", () => {
  assert.deepEqual(sshSessionPeer(envOf({ SSH_CONNECTION: "10.0.0.7 51234 10.0.0.1 22" })), {
    address: "10.0.0.7",
    source: "SSH_CONNECTION",
  });
});

Deno.test("SSH_CLIENT is the fallback; IPv4-mapped and zoned IPv6 are reduced to plain addresses", () => {
  assert.equal(sshSessionPeer(envOf({ SSH_CLIENT: "::ffff:192.0.2.9 4000 22" }))?.address, "192.0.2.9");
  assert.equal(sshSessionPeer(envOf({ SSH_CLIENT: "fe80::1%3 4000 22" }))?.address, "fe80::1");
});

Deno.test("no SSH variables, or garbage in them, is no peer", () => {
  assert.equal(sshSessionPeer(envOf({})), undefined);
  assert.equal(sshSessionPeer(envOf({ SSH_CONNECTION: "nonsense 1 2 3" })), undefined);
});

Deno.test("a Windows peer source that cannot be read is named in `unknown`, never passed over silently", async () => {
  // Off Windows (and without --allow-ffi) wtsapi32 and iphlpapi cannot be opened: both sources are unknown,
  // and the SSH peer from the environment still counts.
  const found = await windowsSessionPeers(envOf({ SSH_CONNECTION: "10.0.0.7 51234 10.0.0.1 22" }));
  assert.deepEqual(found.peers, [{ address: "10.0.0.7", source: "SSH_CONNECTION" }]);
  assert.equal(found.unknown.length, 2);
  assert.match(found.unknown[0], /^cannot read this session's RDP client address: /);
  assert.match(found.unknown[1], /^cannot read the WinRM, RDP and SSH connections of this host: /);
});
