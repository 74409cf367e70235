/**
 * Issue 15 item 1, precedence in the compiled graph: every rule filter carries an explicit FWP_UINT64 weight
 * from the rule's priority and specificity (model/precedence.ts), so at every layer the more specific rule's
 * filter outweighs the less specific one's; exemptions stay above all of them (range 0xC); a more specific
 * rule without an ALE filter of its own gets a precedence PERMIT where a less specific overlapping rule has one
 * (precedenceClaims.ts); the priority survives decompile.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { ENUMS } from "../../../ffi/constants.ts";
import type { Filter } from "../../../modules/graph/graph.ts";
import { compilePolicy, decompileToPolicy } from "../../../modules/compiler/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { aleLayers } from "../../../modules/compiler/precedenceClaims.ts";
import { precedenceWeight } from "../../../modules/model/mod.ts";
import { at, compileExample, compileText, named } from "./helpers.ts";

const T = ENUMS.FWP_DATA_TYPE;
const w = (f: Filter): bigint => {
  equal(f.weight.type, T.FWP_UINT64, `${f.displayData.name}: explicit weight`);
  return (f.weight as { uint64: bigint }).uint64;
};
const one = (fs: Filter[], part: string): Filter => {
  const m = named(fs, part);
  equal(m.length, 1, `one filter named ${part}`);
  return m[0];
};

Deno.test("zones example: at every layer the more specific rule's filter weighs more", () => {
  const { graph } = compileExample("domain-isolation-zones.yaml");
  const order = ["encryption-zone", "isolated-domain", "everywhere"];
  for (const layer of ["FWPM_LAYER_IKEEXT_V4", "FWPM_LAYER_IPSEC_V4"] as const) {
    const ws = order.map((r) => w(one(at(graph, layer), `rules/${r}/v4/`)));
    ok(ws[0] > ws[1] && ws[1] > ws[2], `${layer}: ${ws.map((x) => x.toString(16))}`);
  }
  for (const layer of ["FWPM_LAYER_OUTBOUND_TRANSPORT_V4", "FWPM_LAYER_INBOUND_TRANSPORT_V4"] as const) {
    const ws = order.map((r) => w(one(at(graph, layer), `rules/${r}/v4/`)));
    ok(ws[0] > ws[1] && ws[1] > ws[2], `${layer}: ${ws.map((x) => x.toString(16))}`);
  }
});

Deno.test("rule weights stay below the exemptions' weight range (0xC) and in the IPsec range (0)", () => {
  const { graph } = compileExample("domain-isolation-zones.yaml");
  for (const f of graph.filters) {
    const path = f.displayData.name;
    if (path.includes(": rules/")) ok(w(f) < 1n << 60n, path);
    else if (path.includes("xemptions/")) equal(f.weight.type, T.FWP_UINT8, path);
  }
});

Deno.test("the weight's fields: priority, remote and local prefix, protocol, ports, program, role", () => {
  const r = {
    local: [],
    remote: [{
      family: 4 as const,
      kind: "prefix" as const,
      low: 0x0a010500n,
      high: 0x0a0105ffn,
      prefix: 24,
    }],
    protocol: 6,
    localPorts: [{ low: 445, high: 445 }],
    remotePorts: [],
    priority: 2,
    program: "C:\\svc.exe",
  };
  equal(
    precedenceWeight(r, 4, "ale", 1),
    (2n << 52n) | (384n << 40n) | (1n << 27n) | (256n << 18n) | (1n << 8n) | 1n,
  );
  equal(precedenceWeight(r, 4, "transport"), (2n << 52n) | (384n << 40n) | (1n << 27n) | (256n << 18n));
  equal(precedenceWeight(r, 4, "ikeext"), (2n << 52n) | (384n << 40n), "IKEEXT filters carry addresses only");
  equal(precedenceWeight(r, 6, "ikeext"), 2n << 52n, "no IPv6 addresses: any");
});

Deno.test("a boundary zone inside the isolated domain gets a precedence PERMIT above the domain's ALE accept callout", () => {
  const { graph } = compileExample("domain-isolation-zones.yaml");
  const accept = at(graph, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4");
  const claim = one(accept, "rules/boundary-zone/v4/accept/precedence");
  equal(claim.action.type, ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT);
  ok(w(claim) > w(one(accept, "rules/isolated-domain/v4/accept")));
  // isolated-servers (require/require) has no ALE filter either; encryption-zone has its own.
  ok(named(accept, "rules/isolated-servers/v4/accept/precedence").length === 1);
  deepEqual(named(accept, "rules/encryption-zone/v4/accept/precedence"), []);
  deepEqual(named(accept, "rules/everywhere/"), [], "the least specific rule claims nothing");
  // The connect layer: only encryption-zone has a filter there, and it is the most specific: no claims.
  deepEqual(named(at(graph, "FWPM_LAYER_ALE_AUTH_CONNECT_V4"), "/precedence"), []);
});

Deno.test("no overlap, no precedence PERMIT: the domain isolation example compiles as before", () => {
  const { graph } = compileExample("domain-isolation.yaml");
  deepEqual(graph.filters.filter((f) => f.displayData.name.endsWith("/precedence")), []);
});

Deno.test("a more specific rule without guaranteed encryption claims ALE connect and accept from an encryption zone", () => {
  const g = compileText(`version: 1
name: enc
mainMode: [{ name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }]
quickMode: [{ name: qm, proposals: [esp-aesgcm256] }]
rules:
  - { name: zone, remote: 10.1.0.0/16, inbound: require, outbound: require, requireEncryption: true, mainMode: mm, quickMode: qm }
  - { name: printer, remote: 10.1.9.9, inbound: require, outbound: require, mainMode: mm, quickMode: qm }
`);
  for (const layer of ["FWPM_LAYER_ALE_AUTH_CONNECT_V4", "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"] as const) {
    const fs = at(g, layer);
    const mine = fs.find((f) => f.displayData.name.includes("rules/printer/v4/"));
    ok(mine, `${layer}: printer claims it`);
    ok(w(mine) > w(fs.find((f) => f.displayData.name.includes("rules/zone/"))!));
  }
});

Deno.test("the authorized callout outweighs the rule's own catch-all BLOCK", () => {
  const g = compileExample("remote-identity-authorization.yaml").graph;
  const accept = at(g, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4");
  const yes = accept.find((f) => f.displayData.name.endsWith("/authorized"))!;
  const no = accept.find((f) => f.displayData.name.endsWith("/unauthorized"))!;
  ok(w(yes) > w(no));
});

Deno.test("priority survives decompile and export plans to no change", () => {
  const text = `version: 1
name: pri
mainMode: [{ name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }]
quickMode: [{ name: qm, proposals: [esp-aesgcm256] }]
rules:
  - { name: rdp, protocol: tcp, localPorts: 3389, inbound: require, outbound: require, priority: 7, mainMode: mm, quickMode: qm }
  - { name: corp, remote: 10.0.0.0/8, inbound: request, outbound: request, mainMode: mm, quickMode: qm }
`;
  const graph = compilePolicy(loadPolicy(text, "t.yaml").policy);
  const back = decompileToPolicy(graph);
  deepEqual(back.rules.map((r) => [r.name, r.priority]), [["rdp", 7], ["corp", undefined]]);
  deepEqual(compilePolicy(back).filters.map((f) => f.weight), graph.filters.map((f) => f.weight));
});

Deno.test("aleLayers matches the ALE filters the compiler emits for each kind of rule", () => {
  const kinds = [
    "inbound: require, outbound: request",
    "inbound: request, outbound: request",
    "inbound: require, outbound: require",
    "inbound: require, outbound: require, requireEncryption: true",
    "inbound: require, outbound: require, authorization: { machines: 'D:(A;;CC;;;BA)' }",
    "inbound: require, outbound: require, program: 'C:\\\\app.exe'",
    "inbound: require, outbound: request, program: 'C:\\\\app.exe'",
  ];
  for (const k of kinds) {
    const text = `version: 1
name: k
mainMode: [{ name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }]
quickMode: [{ name: qm, proposals: [esp-aesgcm256] }]
rules:
  - { name: r, remote: 10.0.0.0/8, ${k}, mainMode: mm, quickMode: qm }
`;
    const p = loadPolicy(text, "k.yaml").policy;
    const g = compilePolicy(p);
    const has = (l: "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4" | "FWPM_LAYER_ALE_AUTH_CONNECT_V4") =>
      named(at(g, l), "rules/r/").length > 0;
    deepEqual(aleLayers(p.rules[0]), {
      accept: has("FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"),
      connect: has("FWPM_LAYER_ALE_AUTH_CONNECT_V4"),
    }, k);
  }
});
