/**
 * Issue 15 item 1, precedence: overlapping rules with different security are allowed and the one with the
 * higher priority, else the more specific one, decides (docs/precedence.md); only a true ambiguity (same
 * priority and specificity, different security) is refused as `rule-overlap`, naming both rules and where
 * each is written. The order is deterministic and is what `plan` and `show` print.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { findOverlaps, loadPolicy, precedenceOrder } from "../../../modules/policy/mod.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const HEAD = `version: 1
name: prec
mainMode:
  - name: mm
    keyModule: authip
    auth: [kerberos]
    proposals: [aes256-sha256-ecp256]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
`;
const rule = (name: string, fields: string) =>
  `  - { name: ${name}, ${fields}, mainMode: mm, quickMode: qm }\n`;
const load = (text: string) => loadPolicy(text, "test.yaml").policy;

Deno.test("a more specific rule with other security is accepted, and decides: request everywhere, require for the secure subnet", () => {
  const p = load(
    HEAD + rule("everywhere", "inbound: request, outbound: request") +
      rule("secure-servers", "remote: 10.1.5.0/24, inbound: require, outbound: require"),
  );
  const order = precedenceOrder(p.rules);
  deepEqual(order.map((e) => [e.family, e.rank, e.rule]), [[4, 1, "secure-servers"], [4, 2, "everywhere"]]);
  deepEqual(order[0].overrides, [{ rule: "everywhere", reason: "remote 10.1.5.0/24" }]);
  equal(order[0].security, "require/require");
  ok(order[0].weight > order[1].weight);
});

Deno.test("same specificity, different security: refused at the later rule, naming both rules with file:line", () => {
  const text = HEAD + rule("wide", "remote: 10.0.0.0/8, inbound: require, outbound: request") +
    "  - @@" + rule("other", "remote: 10.0.0.0/8, inbound: require, outbound: require").slice(4);
  const d = refusedAt(text, "rule-overlap", "rules[1]", "test.yaml");
  ok(d.message.includes("rule 'other' overlaps rule 'wide' (rules[0], test.yaml:12:5)"), d.message);
  ok(d.message.includes("require/require vs require/request"), d.message);
  ok(d.message.includes("priority"), "the message says how to resolve it");
});

Deno.test("two overlapping ranges of one size are equally specific: refused", () => {
  const text = HEAD + rule("a", "remote: 10.0.0.0-10.0.0.255, inbound: require, outbound: request") +
    "  - @@" + rule("b", "remote: 10.0.0.128-10.0.1.127, inbound: request, outbound: request").slice(4);
  refusedAt(text, "rule-overlap", "rules[1]");
});

Deno.test("identical selectors differing only in guaranteed encryption are a true ambiguity", () => {
  // Before precedence, only inbound/outbound counted as security and this compiled to ALE filters with
  // identical conditions and different raw contexts, silently.
  const text = HEAD + rule("plain", "remote: 10.1.0.0/16, inbound: require, outbound: require") +
    "  - @@" +
    rule("enc", "remote: 10.1.0.0/16, inbound: require, outbound: require, requireEncryption: true").slice(4);
  const d = refusedAt(text, "rule-overlap", "rules[1]");
  ok(d.message.includes("require/require + encryption vs require/require"), d.message);
});

Deno.test("priority resolves a tie and outranks specificity", () => {
  const p = load(
    HEAD + rule("wide", "remote: 10.0.0.0/8, inbound: require, outbound: request") +
      rule("same", "remote: 10.0.0.0/8, inbound: request, outbound: request, priority: 3") +
      rule("narrow", "remote: 10.1.0.0/16, inbound: require, outbound: require, priority: 1"),
  );
  const order = precedenceOrder(p.rules);
  deepEqual(order.map((e) => e.rule), ["same", "narrow", "wide"]);
  deepEqual(order[0].overrides, [
    { rule: "narrow", reason: "priority 3" },
    { rule: "wide", reason: "priority 3" },
  ]);
  deepEqual(order[1].overrides, [{ rule: "wide", reason: "priority 1" }]);
  equal(order[0].priority, 3);
});

Deno.test("priority is 0-255", () => {
  refusedAt(HEAD + rule("r", "inbound: require, outbound: request, priority: @@256"), "range");
  refusedAt(HEAD + rule("r", "inbound: require, outbound: request, priority: @@-1"), "range");
});

Deno.test("the remote address ranks above ports, as in BFE's own weights: a /8 outranks any address with a port", () => {
  const p = load(
    HEAD + rule("rdp", "protocol: tcp, remotePorts: 3389, inbound: require, outbound: require") +
      rule("corp", "remote: 10.0.0.0/8, inbound: request, outbound: request"),
  );
  const [first] = precedenceOrder(p.rules);
  equal(first.rule, "corp");
  deepEqual(first.overrides, [{ rule: "rdp", reason: "remote 10.0.0.0/8" }]);
});

Deno.test("ports, protocol and local addresses count when the remote addresses tie", () => {
  const p = load(
    HEAD + rule("subnet", "remote: 10.1.0.0/16, inbound: require, outbound: request") +
      rule(
        "smb",
        "remote: 10.1.0.0/16, protocol: tcp, localPorts: 445, inbound: require, outbound: require",
      ) +
      rule("local", "remote: 10.1.0.0/16, local: 10.2.0.0/16, inbound: request, outbound: request"),
  );
  const order = precedenceOrder(p.rules);
  deepEqual(order.map((e) => e.rule), ["local", "smb", "subnet"]);
  deepEqual(order[0].overrides.map((o) => o.reason), ["local 10.2.0.0/16", "local 10.2.0.0/16"]);
  deepEqual(order[1].overrides, [{ rule: "subnet", reason: "protocol tcp" }]);
});

Deno.test("disjoint rules and same-security overlaps have no precedence entry", () => {
  const p = load(
    HEAD + rule("a", "remote: 10.0.0.0/8, inbound: require, outbound: request") +
      rule("b", "remote: 10.1.0.0/16, inbound: require, outbound: request") +
      rule("c", "remote: 192.168.0.0/16, inbound: require, outbound: require"),
  );
  deepEqual(findOverlaps(p.rules), { pairs: [], ties: [], incomplete: false });
  deepEqual(precedenceOrder(p.rules), []);
});

Deno.test("the domain isolation zones example: the order and its reasons, the same on every run", () => {
  const text = Deno.readTextFileSync(
    new URL("../../../examples/domain-isolation-zones.yaml", import.meta.url),
  );
  const rules = load(text).rules;
  const order = precedenceOrder(rules);
  deepEqual(order.map((e) => `${e.family} ${e.rank}. ${e.rule}`), [
    "4 1. encryption-zone",
    "4 1. isolated-servers",
    "4 3. boundary-zone",
    "4 4. isolated-domain",
    "4 5. everywhere",
  ]);
  deepEqual(order[2].overrides, [{ rule: "isolated-domain", reason: "remote 10.9.0.0/16" }]);
  deepEqual(precedenceOrder([...rules].reverse()), order, "rule order in the file does not matter");
});

Deno.test("identical main-mode filters with other main-mode policies: ambiguous-rules, unless a priority decides", () => {
  const two = HEAD.replace(
    "quickMode:",
    "  - name: mm2\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha384-ecp384]\nquickMode:",
  );
  const a =
    "  - { name: a, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n";
  const b = (extra: string) =>
    `  - { name: b, remote: 10.0.0.0/8, protocol: tcp, inbound: require, outbound: request, mainMode: @@mm2, quickMode: qm${extra} }\n`;
  refusedAt(two + a + b(""), "ambiguous-rules", "rules[1].mainMode");
  const p = load((two + a + b(", priority: 1")).replace("@@", ""));
  equal(p.rules[1].priority, 1);
});

Deno.test("a program rule inside a broader rule: refused when their transport security differs, else ordered", () => {
  // The program rule's transport filters carry no application id (model/security.ts): had it been ordered
  // above the domain rule, its request/request transport filters would have weakened require inbound for
  // every program in 10.1.0.0/16 (before precedence, every such overlap was refused).
  const domain = rule("domain", "remote: 10.0.0.0/8, inbound: require, outbound: request");
  const text = HEAD + domain + "  - @@" +
    rule("app", "remote: 10.1.0.0/16, program: 'C:\\\\App\\\\app.exe', inbound: require, outbound: require")
      .slice(4);
  const d = refusedAt(text, "rule-overlap", "rules[1]");
  ok(d.message.includes("where only one is a program rule"), d.message);
  const p = load(
    HEAD + rule("boundary", "remote: 10.0.0.0/8, inbound: request, outbound: request") +
      rule(
        "app",
        "remote: 10.1.0.0/16, program: 'C:\\\\App\\\\app.exe', inbound: require, outbound: request",
      ),
  );
  deepEqual(precedenceOrder(p.rules).map((e) => e.rule), ["app", "boundary"]);
});
