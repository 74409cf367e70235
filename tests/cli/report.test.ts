/**
 * `wfpsec report` as an admin runs it, from each of its three sources (fwpsim, a wfpsec snapshot, a netsh
 * dump; tests/cli/report_hosts.ts): one self-contained page with the policy matrix, the protection map, the
 * arbitration ladder, the plan by policy item, SAs and failures; every engine string escaped; no URL; no
 * secret. `--format dot|mermaid` graphs, `--json` data, and bad input refused before anything is written.
 * The page in a real browser: tests/browser/report_browser.test.ts.
 */
import assert from "node:assert/strict";
import { cliEnv, FLAGS, haveSim, json, PSK_VALUE, ROOT, tempDir, transcript, wfpsec } from "./helpers.ts";
import type { ReportData } from "../../modules/report/mod.ts";
import { HOSTILE, HOSTILE_NETSH, type ReportHosts, reportHosts, sourceArgs } from "./report_hosts.ts";

const ignore = !haveSim() || Deno.build.os === "windows";
let hosts: ReportHosts | undefined;
const prepared = async () => hosts ??= await reportHosts();

/**
 * Every URL-bearing attribute of every element, and every CSS url()/@import and http(s) address anywhere: a
 * self-contained page has none but #fragment links. Escaped engine text holds no `<`, so every tag is real.
 */
function urls(html: string): string[] {
  const attrs = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) =>
    [...tag[0].matchAll(/\s(?:src|href|action|xlink:href|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)/gi)].map((
      m,
    ) => m[1])
  ).filter((u) => !u.startsWith("#"));
  return attrs.concat([...html.matchAll(/url\(|@import|https?:\/\//gi)].map((m) => m[0]));
}

for (const source of ["fwpsim", "snapshot", "netsh"] as const) {
  Deno.test({
    name: `report from ${source}: every section, escaped engine text, no URL, no secret`,
    ignore,
    async fn() {
      const h = await prepared();
      const file = `${h.dir}/${source}.html`;
      const r = await wfpsec(["report", ...sourceArgs(h)[source], "-o", file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`wrote ${file}`));
      assert.match(r.stderr, source === "fwpsim" ? /SIMULATOR/ : /OFFLINE SNAPSHOT/);
      const html = Deno.readTextFileSync(file);
      for (const id of ["policy", "protection", "ladder", "plan", "sas", "failures"]) {
        assert.match(html, new RegExp(`<section id="${id}">`), id);
      }
      assert.deepEqual(urls(html), []);
      // One <script> element: the page's own, allowed by its hash; nothing else may run.
      assert.equal(html.match(/<script/gi)?.length, 1);
      assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;;/);
      assert.ok(!html.includes(PSK_VALUE));
      assert.match(html, /pre-shared key \(env WFPSEC_CLI_TEST_PSK\)/);
      // The policy matrix: the what-if policy's rule in its own words.
      assert.match(html, /<b>corp<\/b>/);
      assert.match(html, /10\.0\.0\.0\/16/);
      assert.match(html, /badge require">require</);
      // The plan by policy item, before and after.
      assert.match(html, /<h3>rule corp<\/h3>/);
      assert.match(html, /<h3>exemption dns<\/h3>/);
      const hostile = source === "netsh" ? HOSTILE_NETSH : HOSTILE;
      assert.ok(!html.includes(hostile), "an engine string went into the page unescaped");
      if (source !== "netsh") {
        assert.ok(
          html.includes(hostile.replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;")),
        );
        // The protection map names the other provider's scope and who governs it.
        assert.match(html, /<td>[^<]*&lt;script&gt;alert\(&quot;fwpsim&quot;\)&lt;\/script&gt; provider/);
      } else assert.ok(html.includes("&lt;script&gt;alert(&quot;netsh&quot;)&lt;/script&gt;&lt;img"));
      if (source === "fwpsim") {
        // fwpsim records net events: the IKE failure on our rule, named by the rule.
        assert.match(html, /ERROR_IPSEC_IKE_/);
        assert.match(html, /rule &#39;corp&#39; of policy &#39;cli-test&#39;/);
      } else assert.match(html, /records no net events/);
    },
  });
}

Deno.test({ name: "report --json: the same data as the page, with the common head", ignore }, async () => {
  const h = await prepared();
  const r = await wfpsec(["report", ...sourceArgs(h).fwpsim, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const d = json(r, "report") as unknown as ReportData;
  assert.equal(d.engine.kind, "fwpsim");
  assert.deepEqual(d.policy, { name: "cli-test", file: h.policy, source: "file" });
  assert.deepEqual(d.matrix.map((m) => [m.kind, m.name]), [
    ["rule", "corp"],
    ["exemption", "icmp"],
    ["exemption", "dns"],
  ]);
  const corp = d.protection.find((p) => p.scope === "10.0.0.0/16")!;
  assert.equal(corp.outbound.kind, "ours");
  assert.equal(corp.outbound.item, "rule corp");
  const layers = d.ladder.map((l) => l.layer);
  assert.ok(layers.includes("FWPM_LAYER_IKEEXT_V4") && layers.includes("FWPM_LAYER_IPSEC_V4"), layers.join());
  for (const l of d.ladder) {
    const w = l.sublayers.map((s) => s.weight);
    assert.deepEqual(w, [...w].sort((a, b) => b - a), `${l.layer}: sublayers by weight`);
  }
  assert.equal(d.plan?.inSync, false);
  const replaced = d.plan!.groups.flatMap((g) => g.changes).filter((c) => c.action === "replace");
  assert.ok(replaced.length > 0 && replaced.every((c) => c.fields.length > 0), JSON.stringify(replaced));
  assert.equal(d.failures?.length, 1);
  assert.ok(!r.stdout.includes(PSK_VALUE));
  assert.equal((d as unknown as Record<string, unknown>).file, null);
  // With -o, the graph (or page) goes to the file and the data to stdout, as `export -o --json` does.
  const file = `${h.dir}/graph.mmd`;
  const m = await wfpsec(["report", ...sourceArgs(h).fwpsim, "--json", "--format", "mermaid", "-o", file]);
  assert.equal(m.code, 0, m.stderr);
  const doc = json(m, "report");
  assert.deepEqual([doc.format, doc.file], ["mermaid", file]);
  assert.match(Deno.readTextFileSync(file), /^flowchart LR\n/);
});

Deno.test({ name: "report without POLICY: the policy in force, decoded; no plan", ignore }, async () => {
  const h = await prepared();
  const r = await wfpsec(["report", "--json", "--state", h.snapshot]);
  assert.equal(r.code, 0, r.stderr);
  const d = json(r, "report") as unknown as ReportData;
  assert.deepEqual(d.policy, { name: "cli-test", file: null, source: "engine" });
  assert.equal(d.matrix[0].remote[0], "10.0.0.0/8");
  assert.equal(d.plan, null);
  assert.equal(d.sas, null);
  // a host where wfpsec has nothing: no policy, the other providers' ladder only
  const n = await wfpsec(["report", "--json", "--state", h.netsh]);
  assert.equal(n.code, 0, n.stderr);
  const e = json(n, "report") as unknown as ReportData;
  assert.deepEqual([e.policy, e.matrix, e.plan], [null, [], null]);
  assert.ok(e.ladder.length > 0 && e.ladder.every((l) => l.sublayers.every((s) => !s.ours)));
  const page = await wfpsec(["report", "--state", h.netsh]);
  assert.match(page.stdout, /wfpsec has nothing in force here and no POLICY file was given/);
});

Deno.test(
  { name: "report --format dot|mermaid: the scope graph, names escaped for each syntax", ignore },
  async () => {
    const h = await prepared();
    let r = await wfpsec(["report", "--format", "dot", ...sourceArgs(h).snapshot]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^digraph wfpsec \{/);
    assert.match(r.stdout, /\[label="10\.0\.0\.0\/16", shape=ellipse/);
    assert.match(r.stdout, /-> "n_ours_3a_rule_20_corp" \[label="in\+out"\]/);
    // Every statement line: an id, optional edge, attributes; a quote inside a label is escaped.
    assert.ok(r.stdout.includes(`label="<script>alert(\\"fwpsim\\")</script>`));
    for (const line of r.stdout.split("\n").slice(5, -2)) {
      assert.match(
        line,
        /^ {2}"n_[A-Za-z0-9_]+"( -> "n_[A-Za-z0-9_]+")? \[label="([^"\\]|\\.)*"[^"]*("[^"]*"[^"]*)*\];$/,
      );
    }
    r = await wfpsec(["report", "--format", "mermaid", ...sourceArgs(h).snapshot]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.ok(!/[<>]script/.test(r.stdout), "a raw < or > in a Mermaid label");
    assert.match(r.stdout, /#lt;script#gt;alert\(#quot;fwpsim#quot;\)/);
  },
);

Deno.test({ name: "report refuses bad input before writing anything", ignore }, async () => {
  const h = await prepared();
  const out = `${h.dir}/never.html`;
  const cases: [string[], RegExp][] = [
    [["--format", "pdf"], /--format pdf: expected html, dot, mermaid/],
    [["--html", "--format", "dot"], /--html and --format dot exclude each other/],
    [["--state", `${h.dir}/missing.json`], /missing\.json/],
  ];
  for (const [args, msg] of cases) {
    const r = await wfpsec(["report", ...args, "-o", out, ...(args.includes("--state") ? [] : h.sim)]);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, msg);
    assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
  }
  const bad = `${h.dir}/bad.yaml`;
  Deno.writeTextFileSync(bad, "version: 1\nname: x\nrules:\n  - { name: r, remote: 10.0.0.300 }\n");
  let r = await wfpsec(["report", bad, "-o", out, ...h.sim]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.yaml:4:/);
  assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
  r = await wfpsec(["report", "-o", `${h.dir}/no/such/folder/r.html`, ...h.sim]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /its folder does not exist/);
});

Deno.test({ name: "report lists the manual SAs in force, never their keys", ignore }, async () => {
  // fwpsim keeps SA contexts in process memory: apply and report run in one process (manual_sa_driver.ts)
  const dir = tempDir();
  const keyIn = "6b1f0c2ad4e85b7391a0c6d2e4f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2";
  const keyOut = "9e8d7c6b5a49382716f5e4d3c2b1a0f9".repeat(2);
  Deno.writeTextFileSync(`${dir}/peer-in.key`, keyIn + "\n");
  const policy = `${dir}/manual-sa.yaml`;
  Deno.writeTextFileSync(
    policy,
    Deno.readTextFileSync(`${ROOT}/examples/manual-sa.yaml`).replace(
      "/etc/wfpsec/peer-in.key",
      `${dir}/peer-in.key`,
    ),
  );
  const sim = ["--engine", "sim", "--sim-state", `${dir}/state.bin`];
  const page = `${dir}/sa.html`;
  const runs = [["apply", policy, ...sim], ["report", "-o", page, ...sim], ["report", "--json", ...sim]];
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, `${ROOT}/tests/cli/manual_sa_driver.ts`, JSON.stringify(runs)],
    env: cliEnv({ PEER_OUT_KEY: keyOut }),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout), stderr = new TextDecoder().decode(out.stderr);
  assert.deepEqual([...stdout.matchAll(/@@wfpsec-exit (\d+)@@/g)].map((m) => m[1]), ["0", "0", "0"], stderr);
  const doc = JSON.parse(stdout.split(/^@@wfpsec-exit \d+@@\n/m)[2]) as unknown as ReportData;
  assert.ok(doc.sas && doc.sas.ipsec.length >= 2 && doc.sas.contexts >= 1, JSON.stringify(doc.sas));
  assert.ok(doc.sas.ipsec.every((s) => /^0x[0-9a-f]{8}/.test(s.spis)), JSON.stringify(doc.sas.ipsec));
  assert.deepEqual(doc.matrix.map((m) => [m.kind, m.inbound, m.auth[1]]), [
    ["exemption", "exempt", undefined],
    ["manualSa", "manual", "outbound key: env PEER_OUT_KEY"],
  ]);
  const html = Deno.readTextFileSync(page);
  assert.match(html, /<th>IPsec SA<\/th>/);
  assert.match(html, /Key material is never shown/);
  for (const text of [stdout, stderr, html]) {
    for (const k of [keyIn, keyOut]) {
      assert.ok(!text.toLowerCase().includes(k.slice(0, 16)), "key material in the report");
    }
  }
});

Deno.test({ name: "report: no CLI output of this file ever held the pre-shared key", ignore }, () => {
  assert.ok(transcript.length > 0);
  for (const t of transcript) assert.ok(!t.includes(PSK_VALUE));
});
