/**
 * Plans in the policy's vocabulary: a replace says what changed as the policy file says it (`proposal 1
 * cipher aes256 -> aes128`, `remote 10.10.0.0/16 -> 10.20.0.0/16`), with the WFP field description kept in
 * `wfpReason`; printed changes carry the object's policy path and item (`group`), and are listed item by item
 * (rule, exemption, ...), not by GUID.
 */
import assert from "node:assert/strict";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import {
  type Change,
  groupChanges,
  planGraph,
  policyReason,
  publicChange,
} from "../../../modules/plan/plan.ts";
import { applyGraph } from "../../../modules/apply/apply.ts";
import { planText } from "../../../modules/render/render.ts";

const opts = { hostKey: null };

function policy(o: { mm?: string; qm?: string; remote?: string; extraRule?: boolean } = {}): string {
  return `version: 1
name: terms
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [${o.mm ?? "aes256-sha256-ecp384"}] }
quickMode:
  - { name: qm, proposals: [${o.qm ?? "esp-aes256-sha256"}] }
rules:
  - { name: zeta, remote: ${
    o.remote ?? "10.10.0.0/16"
  }, protocol: tcp, localPorts: 445, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
${
    o.extraRule
      ? "  - { name: alpha, remote: 10.30.0.1, inbound: require, outbound: require, mainMode: mm, quickMode: qm }\n"
      : ""
  }exemptions:
  - { name: dns, remote: 10.0.0.53, protocol: udp, remotePorts: 53 }
`;
}
const graph = (text: string) => compilePolicy(loadPolicy(text, "terms.yaml").policy);

function planAfter(first: string, second: string): Change[] {
  const e = new FakeEngine();
  applyGraph(e, graph(first), opts);
  return planGraph(graph(second), e, opts).changes.map(publicChange);
}

Deno.test("a main-mode cipher change reads as the proposal's cipher, WFP's field path kept aside", () => {
  const changes = planAfter(policy(), policy({ mm: "aes128-sha256-ecp384" }));
  const mm = changes.find((c) => c.kind === "providerContext" && c.action === "replace");
  assert.ok(mm, JSON.stringify(changes, null, 1));
  assert.equal(mm.reason, "proposal 1 cipher aes256 -> aes128");
  assert.match(mm.wfpReason!, /ikeProposals\[0\]\.cipherAlgorithm\.algoIdentifier: \d+ -> \d+/);
  assert.deepEqual(mm.fields, ["ikeMmPolicy.ikeProposals[0].cipherAlgorithm.algoIdentifier"]);
  assert.equal(mm.path, "mainMode/mm");
  assert.deepEqual(mm.group, { kind: "mainMode", name: "mm" });
});

Deno.test("quick-mode transforms, a proposal added, and DH groups are said in proposal terms", () => {
  const qm = planAfter(policy(), policy({ qm: "esp-aesgcm128" })).find((c) =>
    c.kind === "providerContext" && c.action === "replace"
  );
  assert.equal(qm?.reason, "proposal 1 cipher aes256 -> aesgcm128; proposal 1 integrity sha256 -> gmac128");
  const two = planAfter(policy(), policy({ mm: "aes256-sha256-ecp384, aes128-sha256-ecp256" })).find((c) =>
    c.kind === "providerContext" && c.action === "replace"
  );
  assert.equal(two?.reason, "proposal 2 added: cipher aes128 integrity sha256 dh ecp256");
  const dh = planAfter(policy(), policy({ mm: "aes256-sha256-dh14" })).find((c) =>
    c.kind === "providerContext" && c.action === "replace"
  );
  assert.equal(dh?.reason, "proposal 1 dh ecp384 -> dh14");
});

Deno.test("a rule's remote subnet change reads as the selector, on each of the rule's filters", () => {
  const changes = planAfter(policy(), policy({ remote: "10.20.0.0/16" }));
  const replaced = changes.filter((c) => c.action === "replace");
  assert.ok(replaced.length > 0);
  for (const c of replaced) {
    assert.equal(c.kind, "filter");
    assert.equal(c.reason, "remote 10.10.0.0/16 -> 10.20.0.0/16", JSON.stringify(c));
    assert.match(
      c.wfpReason!,
      /^filterCondition\[\d+\]\.conditionValue\.v4AddrMask\.addr: 10\.10\.0\.0 -> 10\.20\.0\.0$/,
    );
    assert.deepEqual(c.group, { kind: "rule", name: "zeta" });
    assert.match(c.path!, /^rules\/zeta\/v4\//);
  }
});

Deno.test("printed changes are grouped by policy item (sections in policy order, then names), not by key", () => {
  const e = new FakeEngine();
  const p = planGraph(graph(policy({ extraRule: true })), e, opts);
  const changes = groupChanges(p.changes.map(publicChange));
  const items = changes.map((c) => `${c.group!.kind} ${c.group!.name ?? ""}`);
  const runs = items.filter((g, i) => i === 0 || items[i - 1] !== g);
  assert.deepEqual(runs, [
    "policy terms",
    "mainMode mm",
    "quickMode qm",
    "rule alpha",
    "rule zeta",
    // The IKE exemptions the compiler adds beside our callout filters (issue 12 rule 10) form an item too.
    "exemption IKE traffic (added by wfpsec)",
    "exemption dns",
  ], "each item's objects together, items in section order");
  // Inside an item: kind, then path.
  const zeta = changes.filter((c) => c.group!.name === "zeta").map((c) => c.path!);
  assert.deepEqual(zeta, [...zeta].sort());
  assert.equal(changes.length, p.changes.length);
  // The planner's own order (apply's) stays kind then key.
  assert.deepEqual(
    p.changes.map((c) => c.kind),
    [...p.changes.map((c) => c.kind)].sort((a, b) =>
      ["provider", "sublayer", "providerContext", "filter", "tunnel", "manualSa"].indexOf(a) -
      ["provider", "sublayer", "providerContext", "filter", "tunnel", "manualSa"].indexOf(b)
    ),
  );

  const text = planText(changes, p.summary);
  const heads = text.split("\n").filter((l) => !l.startsWith(" ") && !l.startsWith("Plan:"));
  assert.deepEqual(heads, [
    "policy terms (provider, sublayer)",
    "main mode mm",
    "quick mode qm",
    "rule alpha",
    "rule zeta",
    "exemption IKE traffic (added by wfpsec)",
    "exemption dns",
  ]);
  assert.match(text, /^rule zeta\n {2}\+ add {5}filter {10}[0-9a-f-]{36} "wfpsec terms: rules\/zeta\/v4\//m);
});

Deno.test("differences the policy has no words for, or objects it cannot read back, keep WFP's description", () => {
  const diffs = [{ path: "weight.uint8", current: 3, desired: 4 }];
  assert.equal(policyReason("filter", {}, {}, diffs), "weight.uint8: 3 -> 4");
  // A context without a policy arm (as a netsh dump decodes it) cannot be read back as a policy.
  const bare = { providerContextKey: "k", displayData: { name: "x" }, flags: 0, type: 99 };
  const d2 = [{ path: "flags", current: 0, desired: 1 }];
  assert.equal(policyReason("providerContext", bare, { ...bare, flags: 1 }, d2), "flags: 0 -> 1");
  // Something the inverse throws on: the WFP description, never a failed plan.
  const broken = { ...bare, type: 4, ikeQmTransportPolicy: {} };
  assert.equal(policyReason("providerContext", broken, broken, d2), "flags: 0 -> 1");
});
