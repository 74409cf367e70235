/**
 * The report's data and its three forms, on an in-memory engine holding another provider's IPsec policy
 * beside a what-if policy of ours: the matrix in the policy's words (a PSK by its reference, never a value),
 * who governs each remote scope (ours, foreign, contested), the ladder by weight, replace reasons split into
 * before/after; and every string of the data escaped in HTML, dot and Mermaid, with a CSP that allows only
 * the page's own script (by its hash).
 */
import assert from "node:assert/strict";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { foreignIpsecGraph } from "../../support/foreignIpsec.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy, WFPSEC_PROVIDER_KEY } from "../../../modules/compiler/mod.ts";
import {
  buildReport,
  HTML_SECTIONS,
  type ReportData,
  reportDot,
  reportHtml,
  reportMermaid,
} from "../../../modules/report/mod.ts";
import { authText, splitReason } from "../../../modules/report/data.ts";

const POLICY = `version: 1
name: corp
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos, { psk: { env: REPORT_UNIT_PSK } }], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: corp, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
  - { name: web, remote: 192.168.10.0/24, protocol: tcp, remotePorts: 443, inbound: require, outbound: require, mainMode: mm, quickMode: qm }
exemptions:
  - icmp
`;
const PSK = "unit-psk-never-in-a-report-91c2";

/** An engine with the other provider's IPsec policy on `foreign`, and our policy as the what-if. */
function report(foreign: string): ReportData {
  const e = new FakeEngine();
  const g = foreignIpsecGraph(foreign);
  e.transaction(() => {
    e.addProvider(g.provider);
    e.addSublayer(g.sublayer);
    for (const c of g.providerContexts) e.addProviderContext(c);
    for (const f of g.filters) e.addFilter(f);
  });
  const policy = loadPolicy(POLICY, "corp.yaml").policy;
  Deno.env.set("REPORT_UNIT_PSK", PSK);
  try {
    return buildReport({
      engine: e,
      ourProvider: WFPSEC_PROVIDER_KEY,
      policy: { policy, graph: compilePolicy(policy), file: "corp.yaml" },
      now: new Date("2026-12-03T07:00:00Z"),
    });
  } finally {
    Deno.env.delete("REPORT_UNIT_PSK");
  }
}

Deno.test("the matrix speaks the policy's words; a pre-shared key appears by its reference only", () => {
  const d = report("172.16.0.0/12");
  assert.deepEqual(d.matrix.map((r) => [r.kind, r.name, r.remote.join(), r.inbound, r.outbound]), [
    ["rule", "corp", "10.0.0.0/8", "require", "request"],
    ["rule", "web", "192.168.10.0/24", "require", "require"],
    ["exemption", "icmp", "any", "exempt", "exempt"],
  ]);
  assert.equal(d.matrix[1].traffic, "tcp remote port 443");
  assert.deepEqual(d.matrix[0].auth, ["mm: kerberos, pre-shared key (env REPORT_UNIT_PSK)"]);
  assert.deepEqual(d.matrix[0].mainModeCrypto, ["mm (ikev1): aes256-sha256-ecp384"]);
  assert.ok(!JSON.stringify(d).includes(PSK));
  assert.ok(!reportHtml(d, "0.1.0").includes(PSK));
  assert.equal(
    authText({ kind: "psk", ref: { file: "C:\\keys\\corp.key" } }),
    "pre-shared key (file C:\\keys\\corp.key)",
  );
});

Deno.test("the protection map: our scopes are ours, the other provider's scope is theirs", () => {
  const d = report("172.16.0.0/12");
  const by = new Map(d.protection.map((p) => [p.scope, p]));
  assert.deepEqual([...by.keys()].sort(), ["10.0.0.0/8", "172.16.0.0/12", "192.168.10.0/24"]);
  const corp = by.get("10.0.0.0/8")!;
  assert.equal(corp.sample, "10.0.0.1");
  assert.deepEqual([corp.outbound.kind, corp.outbound.item, corp.inbound.kind], [
    "ours",
    "rule corp",
    "ours",
  ]);
  assert.match(corp.outbound.quickMode!, /quickMode\/qm/);
  const theirs = by.get("172.16.0.0/12")!;
  assert.deepEqual(theirs.from, ["Contoso VPN IPsec"]);
  assert.deepEqual([theirs.outbound.kind, theirs.outbound.provider], ["foreign", "Contoso VPN IPsec"]);
  assert.deepEqual(theirs.outbound.contested, []);
  // web's traffic is tcp/443 only: whether its policy applies depends on what the scope does not say
  assert.equal(by.get("192.168.10.0/24")!.outbound.conditional, true);
});

Deno.test("the protection map: a scope both policies name is contested by the one that does not win", () => {
  const d = report("10.1.0.0/16");
  const shared = d.protection.find((p) => p.scope === "10.1.0.0/16")!;
  const g = shared.outbound;
  const other = g.kind === "ours" ? "Contoso VPN IPsec" : "wfpsec";
  assert.deepEqual(g.contested, [other], JSON.stringify(g));
  assert.ok(d.coexistence.length > 0);
});

Deno.test("the ladder: each layer's sublayers by weight, ours marked, our filters by item", () => {
  const d = report("172.16.0.0/12");
  const ipsec = d.ladder.find((l) => l.layer === "FWPM_LAYER_IPSEC_V4")!;
  assert.deepEqual(ipsec.sublayers.map((s) => s.ours).sort(), [false, true]);
  for (const l of d.ladder) {
    const w = l.sublayers.map((s) => s.weight);
    assert.deepEqual(w, [...w].sort((a, b) => b - a), l.layer);
  }
  const ours = ipsec.sublayers.find((s) => s.ours)!;
  // by effective weight: web's port condition makes it the more specific, so it comes first
  assert.deepEqual(ours.filters.map((f) => f.item), ["rule web", "rule corp"]);
  assert.equal(ours.byProvider[0].provider, "wfpsec");
  assert.match(ours.filters[0].weight, /^~0x[0-9a-f]{16}$/, "a what-if weight is computed");
});

Deno.test("splitReason: WFP's and the policy's words become field, before, after", () => {
  assert.deepEqual(splitReason("weight.uint8: 3 -> 4"), { field: "weight.uint8", before: "3", after: "4" });
  assert.deepEqual(splitReason("remote 10.0.0.0/8 -> 10.0.0.0/16"), {
    field: "remote",
    before: "10.0.0.0/8",
    after: "10.0.0.0/16",
  });
  assert.deepEqual(splitReason("proposal 1 cipher aes256 -> aes128"), {
    field: "proposal 1 cipher",
    before: "aes256",
    after: "aes128",
  });
  assert.deepEqual(splitReason("a -> b"), { field: "", before: "a", after: "b" });
  assert.deepEqual(splitReason("proposal 2 added: esp-aes128"), {
    field: "proposal 2 added: esp-aes128",
    before: "",
    after: "",
  });
});

const HOSTILE = `<x-evil a="1">'&</x-evil>`;

/**
 * The report with every string in it replaced by engine text that would break out if not escaped, except
 * `kind` (wfpsec's own fixed vocabulary, which picks the styles).
 */
function hostile(d: ReportData): ReportData {
  const walk = (v: unknown, key = ""): unknown =>
    typeof v === "string"
      ? key === "kind" ? v : `${HOSTILE}${v}\\"\n`
      : Array.isArray(v)
      ? v.map((x) => walk(x))
      : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
      : v;
  return walk(d) as ReportData;
}

Deno.test("HTML: every string of the data is escaped; the CSP allows only the page's own script", async () => {
  const d = report("10.1.0.0/16");
  d.failures = [{ time: "t", kind: "mm", local: "l", remote: "r", failure: "f", rule: "x", cause: null }];
  d.sas = { ike: [{ local: "a", remote: "b", keyModule: "k", crypto: "c" }], ipsec: [], contexts: 0 };
  const html = reportHtml(hostile(d), "0.1.0");
  assert.ok(!html.includes("<x-evil"), "a raw tag from the data");
  assert.ok(html.includes("&lt;x-evil a=&quot;1&quot;&gt;&#39;&amp;&lt;/x-evil&gt;"));
  for (const id of HTML_SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`));
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(scripts[0][1])),
  );
  const hash = btoa(String.fromCharCode(...digest));
  assert.ok(html.includes(`script-src &#39;sha256-${hash}&#39;`), "the CSP names the script's hash");
  assert.match(html, /default-src &#39;none&#39;/);
  assert.ok(!/https?:\/\//.test(html));
});

Deno.test("dot: every id and label is one quoted string, whatever the engine's names hold", () => {
  const dot = reportDot(hostile(report("10.1.0.0/16")));
  const body = dot.split("\n").filter((l) => /^ {2}"/.test(l));
  assert.ok(body.length > 4);
  const quoted = /"(?:[^"\\]|\\.)*"/g;
  for (const line of body) {
    // with the quoted strings taken out, what is left is dot syntax only
    assert.match(line.replace(quoted, "S"), /^ {2}S( -> S)? \[label=S(, [a-z]+=(S|[a-z0-9]+))*\];$/, line);
  }
  assert.ok(!dot.includes("\n\\"), "a line break inside a label");
});

Deno.test("mermaid: ids are [A-Za-z0-9_], labels carry no raw quote, bracket or line break", () => {
  const mmd = reportMermaid(hostile(report("10.1.0.0/16")));
  const lines = mmd.trimEnd().split("\n");
  assert.equal(lines[0], "flowchart LR");
  for (const line of lines.slice(1)) {
    const bare = line.replace(/"[^"]*"/g, "S");
    assert.match(
      bare,
      /^ {2}([A-Za-z0-9_]+(\(\[S\]\)|\[\/S\/\]|\[S\])|[A-Za-z0-9_]+ (-->|-\.->)\|[a-z +]+\| [A-Za-z0-9_]+|classDef [a-z]+ [^"]+|class [A-Za-z0-9_,]+ [a-z]+)$/,
      line,
    );
  }
  assert.ok(!/<x-evil/.test(mmd));
});

Deno.test("a tunnel is a matrix row with its endpoints and crypto, and its remote scope is mapped", () => {
  const policy = loadPolicy(
    Deno.readTextFileSync(new URL("../../../examples/tunnel-site-to-site.yaml", import.meta.url)),
    "tunnel.yaml",
  ).policy;
  Deno.env.set("SITE_B_PSK", PSK);
  let d: ReportData;
  try {
    d = buildReport({
      engine: new FakeEngine(),
      ourProvider: WFPSEC_PROVIDER_KEY,
      policy: { policy, graph: compilePolicy(policy), file: "tunnel.yaml" },
    });
  } finally {
    Deno.env.delete("SITE_B_PSK");
  }
  const [t] = d.matrix;
  assert.deepEqual([t.kind, t.name, t.remote, t.local, t.inbound], ["tunnel", "site-b", ["10.2.0.0/16"], [
    "10.1.0.0/16",
  ], "tunnel"]);
  assert.equal(t.traffic, "tunnel 203.0.113.1 <-> 198.51.100.7");
  assert.deepEqual(t.auth, ["mm-psk: pre-shared key (env SITE_B_PSK)"]);
  assert.match(t.quickModeCrypto!, /^qm-tunnel: esp-aesgcm256.*, pfs ecp256$/);
  assert.deepEqual(d.protection.map((p) => [p.scope, p.from]), [["10.2.0.0/16", ["tunnel site-b"]]]);
  assert.ok(!JSON.stringify(d).includes(PSK));
});
