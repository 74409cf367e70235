/** Session peer: the SSH client's address is read from the session's own SSH_CONNECTION / SSH_CLIENT. */
import assert from "node:assert/strict";
import { sshSessionPeer } from "../../../modules/host/sessionPeer.ts";

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
