/**
 * Address keywords in a policy: validation keeps them as keywords (never resolves), the compiler refuses them
 * unresolved, and resolveAddressKeywords (compiler/hostAddresses.ts) replaces them by what an interface list
 * gives, narrowing families and refusing a side that would otherwise compile to "any address".
 */
import assert from "node:assert/strict";
import {
  compilePolicy,
  keywordUses,
  resolutionText,
  resolveAddressKeywords,
} from "../../../modules/compiler/mod.ts";
import { formatAddr, type HostInterface, KeywordResolutionError } from "../../../modules/model/mod.ts";
import { loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";
import { policyToDocument } from "../../../modules/policy/mod.ts";
import { at, conds } from "./helpers.ts";

const HEAD = `version: 1
name: kw
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - certificate:
          rootCA: "CN=Example Root CA, O=Example"
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aes256-sha256]
`;
const rule = (sel: string, extra = "") =>
  `${HEAD}rules:
  - name: r
${sel}
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
${extra}`;
const load = (text: string) => loadPolicy(text, "kw.yaml").policy;

const ETH: HostInterface = {
  name: "Ethernet",
  unicast: ["10.0.0.5/24", "fd00:1::5/64"],
  dns: ["10.0.0.54", "10.0.0.53", "fd00:1::53"],
  gateways: ["10.0.0.1"],
  wins: ["10.0.0.9"],
  dhcp: ["10.0.0.2"],
};

Deno.test("validation keeps keywords as written (any case), apart from the addresses beside them", () => {
  const p = load(rule("    remote: [DNS, 10.9.9.9, dns]\n    local: LocalSubnet"));
  const r = p.rules[0];
  assert.deepEqual(r.remoteKeywords, ["dns"]);
  assert.deepEqual(r.localKeywords, ["localsubnet"]);
  assert.deepEqual(r.remote.map(formatAddr), ["10.9.9.9"]);
  assert.deepEqual(r.local, []);
  assert.deepEqual(keywordUses(p), ["rule 'r' local localsubnet", "rule 'r' remote dns"]);
  // the document form (export, templates) writes them back
  assert.deepEqual((policyToDocument(p).rules as { remote: unknown }[])[0].remote, ["dns", "10.9.9.9"]);
});

Deno.test("keywords are accepted in custom exemptions and tunnel selectors, and count as a selector", () => {
  const p = load(`${HEAD}exemptions:
  - name: dhcp-servers
    remote: dhcp
    protocol: udp
tunnels:
  - name: t
    mainMode: mm
    quickMode: qt
    localEndpoint: 192.0.2.1
    remoteEndpoint: 198.51.100.1
    local: localsubnet
    remote: 10.20.0.0/16
`.replace(
    "quickMode:\n  - name: qm",
    "quickMode:\n  - name: qt\n    mode: tunnel\n    proposals: [esp-aes256-sha256]\n  - name: qm",
  ));
  assert.deepEqual(p.exemptions[0].remoteKeywords, ["dhcp"]);
  assert.deepEqual(p.tunnels[0].localKeywords, ["localsubnet"]);
});

Deno.test("NetSecurity keywords without an address list, suffixed forms and 'any' are refused by name", () => {
  for (
    const [word, want] of [
      ["Intranet", /NetSecurity keyword wfpsec cannot resolve.*localsubnet, dns, dhcp, wins, defaultgateway/],
      ["internet", /cannot resolve/],
      ["PlayToDevice", /cannot resolve/],
      ["LocalSubnet4", /write 'localsubnet' and set family: ipv4/],
      ["any", /leave the field out/],
      ["dnss", /not an IP address.*or a keyword \(localsubnet, dns/],
    ] as const
  ) {
    assert.throws(() => load(rule(`    remote: ${word}`)), (e: unknown) => {
      assert.ok(e instanceof PolicyError);
      const d = e.diagnostics.find((x) => x.code === "bad-address");
      assert.ok(d, `${word}: ${e.message}`);
      assert.match(d.message, want);
      assert.equal(d.path, "rules[0].remote");
      assert.equal(d.line, 15);
      return true;
    });
  }
});

Deno.test("an unresolved keyword never reaches the compiler: it would compile to any address", () => {
  assert.throws(() => compilePolicy(load(rule("    remote: wins"))), KeywordResolutionError);
});

Deno.test("each keyword resolves to its interface field; the compiled filter matches those addresses", () => {
  for (
    const [kw, want] of [
      ["dns", ["10.0.0.53", "10.0.0.54", "fd00:1::53"]],
      ["dhcp", ["10.0.0.2"]],
      ["wins", ["10.0.0.9"]],
      ["defaultgateway", ["10.0.0.1"]],
      ["localsubnet", ["10.0.0.0/24", "fd00:1::/64"]],
    ] as const
  ) {
    const { policy, resolved } = resolveAddressKeywords(load(rule(`    remote: ${kw}`)), [ETH]);
    assert.deepEqual(resolved.map((r) => r.addresses), [want], kw);
    assert.equal(resolutionText(resolved[0]), `rule 'r': remote ${kw} -> ${want.join(", ")}`);
    assert.equal(policy.rules[0].remoteKeywords, undefined);
    const graph = compilePolicy(policy);
    const v4 = at(graph, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4")[0];
    assert.ok(conds(v4, "FWPM_CONDITION_IP_REMOTE_ADDRESS").length > 0, `${kw}: a remote-address condition`);
    const v6 = at(graph, "FWPM_LAYER_OUTBOUND_TRANSPORT_V6").length > 0;
    assert.equal(v6, want.some((a) => a.includes(":")), `${kw}: IPv6 filters only for IPv6 addresses`);
  }
});

Deno.test("families narrow to what both sides can match; the other family's addresses are left out", () => {
  const { policy, resolved } = resolveAddressKeywords(
    load(rule("    local: localsubnet\n    remote: 10.9.9.9")),
    [ETH],
  );
  assert.deepEqual(policy.rules[0].families, [4]);
  assert.deepEqual(policy.rules[0].local.map(formatAddr), ["10.0.0.0/24"]);
  assert.deepEqual(resolved[0].addresses, ["10.0.0.0/24"]);
  // family: ipv6 keeps only IPv6 servers
  const v6 = resolveAddressKeywords(load(rule("    remote: dns\n    family: ipv6")), [ETH]);
  assert.deepEqual(v6.policy.rules[0].remote.map(formatAddr), ["fd00:1::53"]);
});

Deno.test("a keyword side with no address on this host is refused, naming rule, side and interfaces", () => {
  const noWins = { ...ETH, wins: [] };
  assert.throws(
    () => resolveAddressKeywords(load(rule("    remote: wins")), [noWins]),
    (e: unknown) =>
      e instanceof KeywordResolutionError &&
      /rule 'r': remote wins resolves to no address on this host \(interfaces: Ethernet\).*any remote address/
        .test(e.message),
  );
  // beside a written address it is not an error: the written one remains, the keyword shows (none)
  const r = resolveAddressKeywords(load(rule("    remote: [wins, 10.9.9.9]")), [noWins]);
  assert.deepEqual(r.policy.rules[0].remote.map(formatAddr), ["10.9.9.9"]);
  assert.equal(resolutionText(r.resolved[0]), "rule 'r': remote wins -> (none)");
});

Deno.test("sides of different families on this host are refused: no traffic could match", () => {
  const v6only = { ...ETH, dns: ["fd00:1::53"] };
  assert.throws(
    () => resolveAddressKeywords(load(rule("    local: 10.0.0.5\n    remote: dns")), [v6only]),
    /rule 'r': on this host local is IPv4 and remote IPv6/,
  );
});

Deno.test("exemptions and tunnels resolve like rules", () => {
  const p = load(`${HEAD}exemptions:
  - name: to-gw
    remote: defaultgateway
`);
  const { policy } = resolveAddressKeywords(p, [ETH]);
  assert.deepEqual(policy.exemptions[0].remote.map(formatAddr), ["10.0.0.1"]);
  assert.deepEqual(policy.exemptions[0].families, [4]);
  compilePolicy(policy);
});

Deno.test("validation counts a keyword side as any address (least specific); equal keywords can be ambiguous", () => {
  const two = (a: string, b: string) =>
    `${HEAD}rules:
  - { name: a, remote: ${a}, inbound: request, outbound: request, mainMode: mm, quickMode: qm }
  - { name: b, remote: ${b}, inbound: require, outbound: require, mainMode: mm, quickMode: qm }
`;
  // remote: dns overlaps everything at validation; the written address is more specific, so precedence
  // (model/overlaps.ts) orders them instead of refusing
  assert.equal(load(two("dns", "10.9.9.9")).rules.length, 2);
  // Keywords are part of the selector for the ambiguity check: dns and wins rules with other quick-mode
  // policies are different selectors; two dns rules with other quick-mode policies are ambiguous.
  const qms = (a: string, b: string) =>
    `${HEAD}  - name: qm2
    proposals: [esp-aesgcm256]
rules:
  - { name: a, remote: ${a}, inbound: request, outbound: request, mainMode: mm, quickMode: qm }
  - { name: b, remote: ${b}, inbound: request, outbound: request, mainMode: mm, quickMode: qm2 }
`;
  assert.equal(load(qms("dns", "wins")).rules.length, 2);
  assert.throws(
    () => load(qms("dns", "DNS")),
    (e: unknown) => e instanceof PolicyError && e.diagnostics.some((d) => d.code === "ambiguous-rules"),
  );
});

Deno.test("a tie only the resolved addresses show (remote: wins = another rule's address) is refused; a priority resolves it", () => {
  const two = (extra = "") =>
    `${HEAD}rules:
  - name: wins-servers
    remote: wins
    inbound: require
    outbound: require
    mainMode: mm
    quickMode: qm
${extra}  - name: one-host
    remote: 10.0.0.9
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
`;
  // validation reads `wins` as "any": the other rule is more specific, no tie
  const p = load(two());
  assert.throws(() => resolveAddressKeywords(p, [ETH]), (e: unknown) => {
    assert.ok(e instanceof KeywordResolutionError);
    assert.match(
      e.message,
      /rules "wins-servers" \(.*\) and "one-host" \(.*\) overlap with the same precedence/,
    );
    assert.match(e.message, /remote wins -> 10\.0\.0\.9/);
    return true;
  });
  // on a host whose WINS server is elsewhere there is nothing to refuse
  resolveAddressKeywords(p, [{ ...ETH, wins: ["10.0.0.10"] }]);
  // and a priority decides it
  const withPriority = load(two("    priority: 10\n"));
  compilePolicy(resolveAddressKeywords(withPriority, [ETH]).policy);
});
