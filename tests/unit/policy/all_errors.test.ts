/**
 * validate reports every problem in one run: an item whose name repeats an earlier one is still checked,
 * so its other mistakes are not hidden behind the duplicate-name error (issue 10).
 */
import { deepEqual, fail, ok } from "node:assert/strict";
import { loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";

const HEAD = `version: 1
name: all-errors
mainMode:
  - name: mm
    keyModule: ikev1
    auth: [kerberos]
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
`;

function codesAt(text: string): string[] {
  try {
    loadPolicy(text, "all.yaml");
  } catch (e) {
    ok(e instanceof PolicyError, `expected a PolicyError, got ${e}`);
    return e.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}:${d.column} ${d.code}`);
  }
  fail("the policy was accepted");
}

Deno.test("a duplicate rule name does not hide the duplicate's undefined main-mode reference", () => {
  const text = HEAD + `rules:
  - name: corp
    remote: 10.0.0.0/8
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
  - name: corp
    remote: 10.1.0.0/16
    inbound: require
    outbound: request
    mainMode: nosuch
    quickMode: qm
`;
  deepEqual(codesAt(text), ["18:11 duplicate-name", "22:15 undefined-reference"]);
});

Deno.test("a duplicate main-mode policy is checked too, and references still resolve to the first", () => {
  const text = HEAD.replace(
    "quickMode:\n",
    "  - name: mm\n    keyModule: ikev2\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp384]\nquickMode:\n",
  ) + `rules:
  - name: corp
    remote: 10.0.0.0/8
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
`;
  const codes = codesAt(text);
  ok(codes.some((c) => c.endsWith("duplicate-name")), codes.join(", "));
  ok(
    codes.some((c) => c.startsWith("10:")),
    `the duplicate's Kerberos-under-IKEv2 auth (line 10) is reported: ${codes}`,
  );
});
