/**
 * Keys, determinism and the compile/decompile round trip: compiling twice gives identical graphs; the
 * keys are name-based (v5) so a renamed rule changes only its own objects; export (decompile) followed by
 * compile reproduces the graph exactly, secret references included, secret values never.
 */
import { deepStrictEqual, equal, notEqual, ok } from "node:assert/strict";
import {
  compilePolicy,
  decompile,
  objectKey,
  renderGraph,
  uuidV5,
  WFPSEC_PROVIDER_KEY,
} from "../../../modules/compiler/mod.ts";
import { documentToYaml, loadPolicy } from "../../../modules/policy/mod.ts";
import type { ObjectGraph } from "../../../modules/graph/graph.ts";
import { canon, compileText, ROOT, withoutSecretSources } from "./helpers.ts";

const examples = [...Deno.readDirSync(new URL("examples/", ROOT))].map((e) => e.name).filter((n) =>
  n.endsWith(".yaml")
).sort();

/** Drops engine-assigned fields, as the planner does. */
function withoutEngineFields(g: ObjectGraph): ObjectGraph {
  return {
    ...g,
    providerContexts: g.providerContexts.map(({ providerContextId: _i, ...c }) => c),
    filters: g.filters.map(({ filterId: _i, effectiveWeight: _w, ...f }) => f),
  };
}

Deno.test("uuidV5 follows RFC 4122 (python uuid5(NAMESPACE_DNS, 'python.org') vector)", () => {
  const dns = new Uint8Array([
    0x6b,
    0xa7,
    0xb8,
    0x10,
    0x9d,
    0xad,
    0x11,
    0xd1,
    0x80,
    0xb4,
    0x00,
    0xc0,
    0x4f,
    0xd4,
    0x30,
    0xc8,
  ]);
  equal(uuidV5("python.org", dns), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
});

Deno.test("object keys are name-based: same policy+path -> same key, other policy or path -> other key", () => {
  equal(objectKey("p", "rules/a/v4/in"), objectKey("p", "rules/a/v4/in"));
  notEqual(objectKey("p", "rules/a/v4/in"), objectKey("q", "rules/a/v4/in"));
  notEqual(objectKey("p", "rules/a/v4/in"), objectKey("p", "rules/b/v4/in"));
});

for (const name of examples) {
  Deno.test(`example ${name}: compiles, deterministically, and export -> compile gives the same graph`, () => {
    const text = Deno.readTextFileSync(new URL(`examples/${name}`, ROOT));
    const g1 = compilePolicy(loadPolicy(text, name).policy);
    const g2 = compilePolicy(loadPolicy(text, name).policy);
    equal(canon(g1), canon(g2), "compiling twice gives identical graphs");
    const exported = documentToYaml(decompile(withoutEngineFields(g1)));
    const g3 = compilePolicy(loadPolicy(exported, `export of ${name}`).policy);
    equal(
      canon(withoutSecretSources(g3)),
      canon(withoutSecretSources(g1)),
      "compile(decompile(compile(doc))) == compile(doc)",
    );
    ok(renderGraph(g1).includes(WFPSEC_PROVIDER_KEY));
  });
}

Deno.test("renaming one rule changes only that rule's filter keys", () => {
  const doc = (n: string) => `
version: 1
name: keys
mainMode: [{ name: mm, keyModule: authip, auth: [kerberos], proposals: [aes256-sha256-ecp256] }]
quickMode: [{ name: qm, proposals: [esp-aesgcm256] }]
rules:
  - { name: ${n}, remote: 10.1.0.0/16, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
  - { name: other, remote: 10.2.0.0/16, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
`;
  const a = compileText(doc("first")), b = compileText(doc("renamed"));
  const keys = (g: ObjectGraph, part: string) =>
    g.filters.filter((f) => f.displayData.name.includes(part)).map((f) => f.filterKey);
  deepStrictEqual(keys(a, "/other/"), keys(b, "/other/"));
  ok(keys(a, "/first/").every((k) => !keys(b, "/renamed/").includes(k)));
  deepStrictEqual(
    a.providerContexts.map((c) => c.providerContextKey),
    b.providerContexts.map((c) => c.providerContextKey),
  );
});

Deno.test("pre-shared keys: empty in the graph, reference in graph.secrets and in providerData, value nowhere", () => {
  const secret = "correct horse battery staple";
  Deno.env.set("WFPSEC_TEST_PSK", secret);
  const g = compileText(`
version: 1
name: psk
mainMode: [{ name: mm, keyModule: ikev1, auth: [{ psk: { env: WFPSEC_TEST_PSK } }], proposals: [aes256-sha256-dh14] }]
quickMode: [{ name: qm, proposals: [esp-aes256-sha256] }]
rules: [{ name: r, remote: 192.0.2.0/24, inbound: require, outbound: require, mainMode: mm, quickMode: qm }]
`);
  const mm = g.providerContexts[0];
  equal(mm.ikeMmPolicy?.authenticationMethods[0].presharedKeyAuthentication?.presharedKey.length, 0);
  // The graph's reference says where the file writes it (plan/apply name that place when the key is missing);
  // the engine's metadata keeps only the reference.
  const source = { file: "test.yaml", path: "mainMode[0].auth[0].psk.env", line: 4, column: 63 };
  deepStrictEqual(g.secrets, { [`${mm.providerContextKey}/0`]: { env: "WFPSEC_TEST_PSK", source } });
  const meta = JSON.parse(new TextDecoder().decode(mm.providerData));
  deepStrictEqual(meta.secrets, { "0": { env: "WFPSEC_TEST_PSK" } });
  ok(!canon(g).includes(secret) && !renderGraph(g).includes(secret));
  // Even after the apply step resolved the key into the graph, the review rendering does not show it.
  const resolved = new TextEncoder().encode(secret);
  mm.ikeMmPolicy!.authenticationMethods[0].presharedKeyAuthentication!.presharedKey = resolved;
  const hexKey = [...resolved].map((b) => b.toString(16).padStart(2, "0")).join("");
  ok(!renderGraph(g).includes(hexKey) && renderGraph(g).includes('"presharedKey":"<set>"'));
  const exported = documentToYaml(decompile(g));
  ok(exported.includes("WFPSEC_TEST_PSK") && !exported.includes(secret), "export keeps the reference");
});

Deno.test("decompile ignores objects of other providers", () => {
  const g = compileText(Deno.readTextFileSync(new URL("examples/nd-transport.yaml", ROOT)));
  const foreign = {
    ...g.filters[0],
    filterKey: "00000000-0000-0000-0000-000000000001",
    providerKey: "10ad9216-ccde-456c-8b16-e9f04e60a90b",
  };
  deepStrictEqual(decompile({ ...g, filters: [...g.filters, foreign] }), decompile(g));
});

Deno.test("the TypeScript SHA-1 behind the keys agrees with node:crypto at every padding boundary", async () => {
  const { createHash } = await import("node:crypto");
  const { sha1 } = await import("../../../modules/compiler/keys.ts");
  for (const n of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const s = "wfpsec".repeat(200).slice(0, n);
    const mine = [...sha1(new TextEncoder().encode(s))].map((b) => b.toString(16).padStart(2, "0")).join("");
    equal(mine, createHash("sha1").update(s).digest("hex"), `length ${n}`);
  }
});

Deno.test("uuidV5 of non-ASCII names matches a node:crypto computation (UTF-8 path)", async () => {
  const { createHash } = await import("node:crypto");
  const { WFPSEC_KEY_NAMESPACE } = await import("../../../modules/compiler/keys.ts");
  const ns = new Uint8Array(WFPSEC_KEY_NAMESPACE.replace(/-/g, "").match(/../g)!.map((h) => parseInt(h, 16)));
  for (const name of ["Zürich/règle", "ルール", "a".repeat(300) + "é"]) {
    const d = createHash("sha1").update(ns).update(name, "utf8").digest();
    d[6] = (d[6] & 0x0f) | 0x50;
    d[8] = (d[8] & 0x3f) | 0x80;
    const h = [...d.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
    equal(
      uuidV5(name),
      `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
    );
  }
});
