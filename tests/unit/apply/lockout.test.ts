/**
 * Lock-out guard: a `require` rule covering the current session's peer, or with no remote scope, is reported
 * with its file:line and the peer, and refuses the apply unless a revert is armed (--confirm-within) or --force.
 */
import assert from "node:assert/strict";
import { describeFinding, guardLockout, lockoutFindings } from "../../../modules/apply/lockout.ts";
import { SafetyError } from "../../../modules/errors.ts";
import { type AddrSpec, parseAddr, type Rule } from "../../../modules/model/mod.ts";

function addr(s: string): AddrSpec {
  const a = parseAddr(s);
  if (typeof a === "string") throw new Error(a);
  return a;
}

function rule(name: string, remote: string[], over: Partial<Rule> = {}): Rule {
  return {
    name,
    local: [],
    remote: remote.map(addr),
    families: [4],
    familyExplicit: false,
    localPorts: [],
    remotePorts: [],
    direction: "both",
    inbound: "require",
    outbound: "require",
    mainMode: ["mm"],
    quickMode: "qm",
    requireEncryption: false,
    ...over,
  };
}

const at = (i: number) => ({ file: "policy.yaml", line: 10 + i });

Deno.test("a require rule whose remote range holds the session peer is reported with file:line and peer", () => {
  const f = lockoutFindings(
    { rules: [rule("other", ["192.0.2.0/24"]), rule("lan", ["10.0.0.0/8"])] },
    "10.1.2.3",
    at,
  );
  assert.deepEqual(f, [{
    rule: "lan",
    reason: "covers-peer",
    peer: "10.1.2.3",
    location: { file: "policy.yaml", line: 11 },
  }]);
  assert.equal(
    describeFinding(f[0]),
    'policy.yaml:11: rule "lan" requires IPsec for 10.1.2.3, the peer of this session',
  );
});

Deno.test("a require rule without remote scope is reported even for a local session", () => {
  const f = lockoutFindings({ rules: [rule("all", [])] }, undefined);
  assert.deepEqual(f, [{ rule: "all", reason: "no-remote-scope" }]);
});

Deno.test("request/clear rules, other families and ranges that miss the peer are not reported", () => {
  const rules = [
    rule("nd", [], { inbound: "request", outbound: "request" }),
    rule("v6", ["2001:db8::/32"], { families: [6] }),
    rule("range", ["10.0.0.1-10.0.0.9"]),
    rule("outOnly", [], { direction: "inbound", inbound: "clear", outbound: "require" }),
  ];
  assert.deepEqual(lockoutFindings({ rules }, "10.0.0.10"), []);
  assert.equal(lockoutFindings({ rules }, "10.0.0.9").length, 1);
});

Deno.test("IPv6 session peers are matched against IPv6 scopes", () => {
  const f = lockoutFindings({ rules: [rule("v6", ["2001:db8::/32"], { families: [6] })] }, "2001:db8::5");
  assert.equal(f[0]?.reason, "covers-peer");
});

Deno.test("a peer that is not one address is a SafetyError", () => {
  assert.throws(() => lockoutFindings({ rules: [] }, "10.0.0.0/8"), SafetyError);
  assert.throws(() => lockoutFindings({ rules: [] }, "host.example"), SafetyError);
});

Deno.test("findings refuse the apply unless --confirm-within or --force; they stay warnings then", () => {
  const f = lockoutFindings({ rules: [rule("lan", ["10.0.0.0/8"])] }, "10.0.0.5", at);
  assert.throws(() => guardLockout(f, { confirmWithin: false, force: false }), (e: unknown) => {
    assert.ok(e instanceof SafetyError);
    assert.match(e.message, /policy\.yaml:10: rule "lan" requires IPsec for 10\.0\.0\.5/);
    assert.match(e.message, /--confirm-within DURATION.*--force/);
    return true;
  });
  assert.equal(guardLockout(f, { confirmWithin: true, force: false }).length, 1);
  assert.equal(guardLockout(f, { confirmWithin: false, force: true }).length, 1);
  assert.deepEqual(guardLockout([], { confirmWithin: false, force: false }), []);
});

Deno.test("requiring IPsec in one secured direction is enough to be reported", () => {
  const inOnly = rule("inOnly", [], { inbound: "require", outbound: "clear" });
  const outOnly = rule("outOnly", [], { inbound: "clear", outbound: "require" });
  assert.deepEqual(lockoutFindings({ rules: [inOnly, outOnly] }, undefined).map((f) => f.rule), [
    "inOnly",
    "outOnly",
  ]);
});

Deno.test("guaranteed encryption (requireEncryption) locks out like require, even with request", () => {
  const ge = rule("ge", ["10.0.0.0/8"], { inbound: "request", outbound: "request", requireEncryption: true });
  const req = rule("req", ["10.0.0.0/8"], { inbound: "request", outbound: "request" });
  assert.deepEqual(lockoutFindings({ rules: [ge, req] }, "10.0.0.5").map((f) => f.rule), ["ge"]);
});

Deno.test("several peers (e.g. every WinRM connection): one finding per covered peer, with how it was found", () => {
  const f = lockoutFindings({ rules: [rule("lan", ["10.0.0.0/8"]), rule("all", [])] }, [
    { address: "10.0.0.5", via: "RDP" },
    { address: "192.0.2.1", via: "WinRM" },
    { address: "10.9.9.9", via: "WinRM" },
  ]);
  assert.deepEqual(f.map((x) => [x.rule, x.reason, x.peer]), [
    ["lan", "covers-peer", "10.0.0.5"],
    ["lan", "covers-peer", "10.9.9.9"],
    ["all", "no-remote-scope", "10.0.0.5"],
  ]);
  assert.equal(
    describeFinding(f[0]),
    'rule "lan" requires IPsec for 10.0.0.5, the peer of this session (RDP)',
  );
  assert.match(describeFinding(f[2]), /covers every peer, including this session's 10\.0\.0\.5 \(RDP\)\)$/);
});
