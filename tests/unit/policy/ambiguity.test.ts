/**
 * Issue 12 rule 9, ambiguous policies: what would compile to identical filters with different contexts is
 * refused at the field that makes the difference; one-sided `direction` and the require/clear pair (no
 * NetSecurity action, MS-FASP FW_CS_RULE_ACTION) are refused; what differs only where WFP can tell it apart
 * is accepted.
 */
import { ok } from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const HEAD = `version: 1
name: amb
mainMode:
  - name: mm1
    keyModule: ikev2
    auth: [{ certificate: { rootCA: "CN=Root" } }]
    proposals: [aes256-sha256-ecp256]
  - name: mm2
    keyModule: ikev2
    auth: [{ certificate: { rootCA: "CN=Other" } }]
    proposals: [aes256-sha256-ecp256]
  - name: mm-v1
    keyModule: ikev1
    auth: [kerberos]
    proposals: [aes256-sha256-ecp256]
quickMode:
  - name: qm1
    proposals: [esp-aesgcm256]
  - name: qm2
    proposals: [esp-aes256-sha256]
rules:
`;
const rule = (name: string, body: string) => `  - name: ${name}\n    remote: 192.0.2.0/24\n${body}`;
const sec = (i: string, o: string, mm = "mm1", qm = "qm1") =>
  `    inbound: ${i}\n    outbound: ${o}\n    mainMode: ${mm}\n    quickMode: ${qm}\n`;

Deno.test("rule 9: same addresses, different main-mode policy of one key module: refused at mainMode", () => {
  // IKEEXT filters carry only the addresses: different ports do not tell them apart.
  const msg = refusedAt(
    HEAD + rule("a", "    protocol: tcp\n    localPorts: 445\n" + sec("require", "require")) +
      rule(
        "b",
        "    protocol: tcp\n    localPorts: 80\n    inbound: require\n    outbound: require\n" +
          "    mainMode: @@mm2\n    quickMode: qm1\n",
      ),
    "ambiguous-rules",
    "rules[1].mainMode",
    "amb.yaml",
  ).message;
  ok(/IKEEXT.*main-mode policy \(mm2 vs mm1\)/.test(msg), msg);
});

Deno.test("rule 9: same selectors, different quick-mode policy: refused at quickMode", () => {
  refusedAt(
    HEAD + rule("a", sec("require", "require")) +
      rule("b", "    inbound: require\n    outbound: require\n    mainMode: mm1\n    quickMode: @@qm2\n"),
    "ambiguous-rules",
    "rules[1].quickMode",
  );
});

Deno.test("rule 9: two program rules to the same peers that differ only in security: refused", () => {
  // Their transport filters carry no application id, so they are identical and their raw contexts differ
  // (negotiate-discover vs suppress-negotiation outbound).
  const msg = refusedAt(
    HEAD + rule("a", '    program: "C:\\\\app\\\\a.exe"\n' + sec("require", "request")) +
      rule(
        "b",
        '    program: "C:\\\\app\\\\b.exe"\n    inbound: request\n    outbound: @@clear\n' +
          "    mainMode: mm1\n    quickMode: qm1\n",
      ),
    "ambiguous-rules",
    "rules[1].outbound",
  ).message;
  ok(msg.includes("program rules to the same peers"), msg);
});

Deno.test("rule 9: direction inbound/outbound is refused (transport mode pairs the two filters)", () => {
  for (const d of ["inbound", "outbound"]) {
    refusedAt(
      HEAD + rule("a", `    direction: @@${d}\n` + sec("require", "require")),
      "one-sided-rule",
      "rules[0].direction",
    );
  }
});

Deno.test("rule 9: inbound require with outbound clear is refused (no NetSecurity action)", () => {
  const msg = refusedAt(
    HEAD + rule("a", "    inbound: require\n    outbound: @@clear\n    mainMode: mm1\n    quickMode: qm1\n"),
    "security-pair",
    "rules[0].outbound",
  ).message;
  ok(msg.includes("replies"), msg);
});

Deno.test("rule 9: what WFP tells apart is accepted (other key module, other addresses, same policies)", () => {
  const { policy } = loadPolicy(
    HEAD +
      rule("a", sec("require", "require", "[mm1, mm-v1]")) +
      // Same selectors and the same policies: identical filters with identical contexts are redundant, not
      // ambiguous.
      rule("b", sec("require", "require", "[mm1, mm-v1]")) +
      "  - name: c\n    remote: 198.51.100.0/24\n" + sec("require", "require", "mm2", "qm2"),
    "ok.yaml",
  );
  ok(compilePolicy(policy).filters.length > 0);
});
