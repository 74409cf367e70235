/**
 * The admin's workflow, spawning the CLI on the simulator:
 * apply -> show -> plan (in sync) -> edit -> plan shows exactly the edit -> apply -> export -> plan(export)
 * in sync -> remove leaves nothing of ours. Plus the scheduled-task mode, validate diagnostics, help and
 * the documented JSON shapes. No output of any run may contain the pre-shared key.
 */
import assert from "node:assert/strict";
import {
  engineState,
  haveSim,
  json,
  PSK_ENV,
  PSK_VALUE,
  tempDir,
  testPolicy,
  transcript,
  wfpsec,
} from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
type Doc = Record<string, unknown>;
type ChangeDoc = {
  action: string;
  kind: string;
  key: string;
  name: string;
  reason: string;
  fields?: string[];
  layer?: string;
};

function assertChangeShape(c: ChangeDoc) {
  assert.ok(["add", "delete", "replace"].includes(c.action));
  assert.ok(["provider", "sublayer", "providerContext", "filter", "tunnel", "manualSa"].includes(c.kind));
  assert.match(c.key, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(typeof c.name, "string");
  assert.equal(typeof c.reason, "string");
  if (c.kind === "filter") assert.match(c.layer!, /^[0-9a-f-]{36}$/);
}

function assertEngineHead(doc: Doc) {
  const e = doc.engine as Doc;
  assert.equal(e.kind, "fwpsim");
  assert.equal(e.simulated, true);
  assert.match(String(e.description), /simulator/i);
}

Deno.test(
  { name: "apply, show, plan, edit, plan, apply, export, plan(export), remove", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/sim.state`, policy = `${dir}/policy.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());

    // A fresh engine: everything is to add; exit 2 means "changes pending".
    let r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
    assert.equal(r.code, 2, r.stderr);
    let doc = json(r, "plan");
    assertEngineHead(doc);
    assert.deepEqual(doc.policy, { name: "cli-test", file: policy });
    assert.equal(doc.inSync, false);
    const first = doc.changes as ChangeDoc[];
    first.forEach(assertChangeShape);
    assert.ok(first.every((c) => c.action === "add"));
    assert.deepEqual(Object.keys(doc.summary as Doc).sort(), ["add", "delete", "replace", "unchanged"]);
    assert.equal((doc.summary as Doc).add, first.length);
    const kinds = new Set(first.map((c) => c.kind));
    for (const k of ["provider", "sublayer", "providerContext", "filter"]) {
      assert.ok(
        kinds.has(k),
        `plan adds a ${k}`,
      );
    }

    // Apply (human output says plainly that this is the simulator).
    r = await wfpsec(["apply", policy, ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /SIMULATOR/);
    assert.match(r.stdout, /Applied policy "cli-test" in one transaction/);

    // Show: our objects, decoded, with symbolic names.
    r = await wfpsec(["show", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    doc = json(r, "show");
    assertEngineHead(doc);
    assert.equal(doc.scope, "ours");
    const filters = doc.filters as Doc[];
    assert.equal(filters.length, first.filter((c) => c.kind === "filter").length);
    assert.ok(filters.every((f) => typeof f.layer === "string" && String(f.layer).startsWith("FWPM_LAYER_")));
    assert.ok(
      filters.every((f) => typeof f.filterId === "string" && /^\d+$/.test(String(f.filterId))),
      "u64 as decimal strings",
    );
    assert.equal((doc.providers as Doc[]).length, 1);
    r = await wfpsec(["show", ...SIM(state)]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Filters \(\d+\)/);
    assert.match(r.stdout, /IPSEC_V4|IKEEXT_V4/);

    // In sync: exit 0, no changes.
    r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    doc = json(r, "plan");
    assert.equal(doc.inSync, true);
    assert.deepEqual(doc.changes, []);
    assert.equal((doc.summary as Doc).unchanged, first.length);
    r = await wfpsec(["plan", policy, ...SIM(state)]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /In sync/);

    // Edit 1: one new exemption -> the plan is exactly the exemption's filters, all adds.
    Deno.writeTextFileSync(policy, testPolicy({ extraExemption: true }));
    r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
    assert.equal(r.code, 2, r.stderr);
    doc = json(r, "plan");
    let changes = doc.changes as ChangeDoc[];
    assert.ok(changes.length > 0);
    assert.ok(
      changes.every((c) => c.action === "add" && c.kind === "filter" && /dns/i.test(c.name)),
      JSON.stringify(changes, null, 1),
    );

    // Edit 2 (on top): the rule's remote subnet -> only filters change, by replace, naming the condition
    // (and the weight, which follows the subnet's size: docs/precedence.md).
    Deno.writeTextFileSync(policy, testPolicy({ extraExemption: true, remote: "10.20.0.0/16" }));
    r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
    assert.equal(r.code, 2);
    changes = json(r, "plan").changes as ChangeDoc[];
    const replaces = changes.filter((c) => c.action === "replace");
    assert.ok(replaces.length > 0);
    assert.ok(
      replaces.every((c) =>
        c.kind === "filter" && c.fields!.some((f) => f.startsWith("filterCondition[")) &&
        c.fields!.every((f) => f.startsWith("filterCondition[") || f === "weight.uint64") &&
        /-> /.test(c.reason)
      ),
      JSON.stringify(replaces, null, 1),
    );
    assert.ok(
      changes.filter((c) => c.action !== "replace").every((c) => c.action === "add" && /dns/i.test(c.name)),
    );
    r = await wfpsec(["plan", policy, ...SIM(state)]);
    assert.match(r.stdout, /~ replace/);
    assert.match(r.stdout, /Plan: \d+ to add, \d+ to replace, 0 to delete/);

    r = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    doc = json(r, "apply");
    assert.equal(doc.outcome, "applied");
    assert.equal(typeof doc.durationMs, "number");
    assert.deepEqual((doc.changes as ChangeDoc[]).map((c) => c.key), changes.map((c) => c.key));
    r = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
    assert.equal(json(r, "apply").outcome, "in-sync");

    // Export: a policy document that plans to no change, with the secret as its reference only.
    const exported = `${dir}/exported.yaml`;
    r = await wfpsec(["export", "-o", exported, ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const text = Deno.readTextFileSync(exported);
    assert.ok(text.includes(PSK_ENV), "the secret reference is exported");
    assert.ok(!text.includes(PSK_VALUE));
    r = await wfpsec(["plan", exported, "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(json(r, "plan").inSync, true);
    r = await wfpsec(["export", "--format", "json", "--json", ...SIM(state)]);
    assert.equal(r.code, 0);
    doc = json(r, "export");
    assert.equal(typeof doc.policy, "object");
    assert.equal((doc.policy as Doc).name, "cli-test");

    // Remove leaves nothing of ours; a second remove has nothing to do.
    r = await wfpsec(["remove", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const removed = json(r, "remove").removed as Record<string, number>;
    assert.deepEqual(Object.keys(removed).sort(), [
      "filters",
      "providerContexts",
      "providers",
      "sublayers",
      "tunnels",
    ]);
    assert.equal(removed.providers, 1);
    assert.ok(removed.filters > 0);
    r = await wfpsec(["show", "--json", ...SIM(state)]);
    doc = json(r, "show");
    assert.deepEqual([doc.providers, doc.sublayers, doc.providerContexts, doc.filters], [[], [], [], []]);
    r = await wfpsec(["remove", ...SIM(state)]);
    assert.match(r.stdout, /Nothing of wfpsec's/);
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "apply --if-drifted prints one JSON line: applied, then in-sync; failed exits 1", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/sim.state`, policy = `${dir}/policy.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());
    let r = await wfpsec(["apply", policy, "--if-drifted", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    assert.equal(json(r, "apply").outcome, "applied");
    r = await wfpsec(["apply", policy, "--if-drifted", ...SIM(state)]);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    const doc = json(r, "apply");
    assert.equal(doc.outcome, "in-sync");
    assertEngineHead(doc);
    Deno.writeTextFileSync(policy, testPolicy({ remote: "192.168.0.0/16" }));
    r = await wfpsec(["apply", policy, "--if-drifted", ...SIM(state)], { FWPSIM_FAIL_AT: "1:0x80320009" });
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    const fail = json(r, "apply");
    assert.equal(fail.outcome, "failed");
    const err = fail.error as Doc;
    assert.equal(err.type, "WfpError");
    assert.equal(err.wfpName, "FWP_E_ALREADY_EXISTS");
    assert.equal(err.wfpCode, "0x80320009");
    assert.ok(
      ["filter", "providerContext", "provider", "sublayer", "tunnel"].includes(
        (err.object as Doc).kind as string,
      ),
    );
    assert.match(r.stderr, /FWP_E_ALREADY_EXISTS/);
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "validate reports every error with file:line:col, and the JSON lists them", ignore },
  async () => {
    const dir = tempDir();
    const good = `${dir}/good.yaml`, bad = `${dir}/bad.yaml`;
    Deno.writeTextFileSync(good, testPolicy());
    let r = await wfpsec(["validate", good]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /valid/);
    r = await wfpsec(["validate", good, "--json"]);
    let doc = json(r, "validate");
    assert.equal(doc.valid, true);
    assert.deepEqual(doc.errors, []);
    // Line 19 of the test policy is the rule's remote address; make it invalid.
    const lines = testPolicy().split("\n");
    const at = lines.findIndex((l) => l.includes("remote: 10.0.0.0/8"));
    lines[at] = "    remote: 10.0.0.300/8";
    Deno.writeTextFileSync(bad, lines.join("\n"));
    r = await wfpsec(["validate", bad]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:${at + 1}:\\d+: error: `),
    );
    r = await wfpsec(["validate", bad, "--json"]);
    assert.equal(r.code, 1);
    doc = json(r, "validate");
    assert.equal(doc.valid, false);
    const e = (doc.errors as Doc[])[0];
    assert.equal(e.line, at + 1);
    assert.equal(typeof e.column, "number");
    assert.equal(e.file, bad);
    assert.equal(typeof e.code, "string");
    assert.equal(e.severity, "error");
    // A plan of an invalid policy fails the same way (exit 1, PolicyError with diagnostics).
    r = await wfpsec(["plan", bad, "--json", "--engine", "sim", "--sim-state", `${dir}/s`]);
    assert.equal(r.code, 1);
    const perr = json(r, "plan").error as Doc;
    assert.equal(perr.type, "PolicyError");
    assert.ok(Array.isArray(perr.diagnostics));
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "help, version, usage errors and the missing-engine error are explicit", ignore },
  async () => {
    let r = await wfpsec(["--version"]);
    assert.match(r.stdout, /^wfpsec \d+\.\d+\.\d+/);
    r = await wfpsec(["--help"]);
    assert.equal(r.code, 0);
    for (
      const c of ["validate", "plan", "apply", "remove", "show", "export", "new", "constants", "doctor"]
    ) assert.match(r.stdout, new RegExp(`\\n  ${c} `));
    r = await wfpsec(["help", "plan"]);
    assert.match(r.stdout, /Usage: wfpsec plan FILE/);
    assert.match(r.stdout, /Exit 0 in sync, 2 changes pending, 1 error/);
    const r2 = await wfpsec(["plan", "--help"]);
    assert.equal(r2.stdout, r.stdout);
    r = await wfpsec(["apply", "--bogus", "x.yaml", "--json"]);
    assert.equal(r.code, 1);
    assert.equal((json(r, "apply").error as Doc).type, "UsageError");
    r = await wfpsec(["frobnicate", "--json"]);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout).error as Doc).type, "UsageError");
    // No engine on Linux unless the simulator is asked for.
    const dir = tempDir();
    Deno.writeTextFileSync(`${dir}/p.yaml`, testPolicy());
    r = await wfpsec(["plan", `${dir}/p.yaml`, "--json"]);
    assert.equal(r.code, 1);
    const err = json(r, "plan").error as Doc;
    assert.equal(err.type, "UsageError");
    assert.match(String(err.message), /no WFP engine on linux.*--engine sim/);
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test({ name: "constants and doctor --json follow the documented shapes", ignore }, async () => {
  let r = await wfpsec(["constants", "--json"]);
  assert.equal(r.code, 0);
  let doc = json(r, "constants");
  const guids = doc.guids as Record<string, Record<string, string>>;
  assert.equal(guids.layer.FWPM_LAYER_IPSEC_V4, "eda65c74-610d-4bc5-948f-3c4f89556867");
  assert.equal((doc.errors as Record<string, Doc>).FWP_E_ALREADY_EXISTS.code, "0x80320009");
  assert.ok((doc.enums as Doc).FWP_ACTION_TYPE);
  assert.ok((doc.flags as Doc).FWPM_FILTER_FLAG);
  const dir = tempDir();
  r = await wfpsec(["doctor", "--json", "--engine", "sim", "--sim-state", `${dir}/s`]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  doc = json(r, "doctor");
  assertEngineHead(doc);
  const checks = doc.checks as { name: string; ok: boolean; detail: string }[];
  assert.ok(checks.find((c) => c.name === "engine reachable")?.ok);
  assert.match(checks.find((c) => c.name === "engine kind")!.detail, /SIMULATED/);
  assert.deepEqual(Object.keys(doc.versions as Doc).sort(), ["deno", "os", "wfpsec"]);
  r = await wfpsec(["doctor", "--json"]);
  assert.equal(r.code, 1, "no engine on Linux without --engine sim is a failed required check");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({ name: "new writes a template policy that validates", ignore }, async () => {
  const dir = tempDir();
  const out = `${dir}/new.yaml`;
  let r = await wfpsec([
    "new",
    "--kind",
    "domain",
    "--name",
    "corp-domain",
    "--remote",
    "10.0.0.0/8",
    "-o",
    out,
  ]);
  assert.equal(r.code, 0, r.stderr);
  r = await wfpsec(["validate", out]);
  assert.equal(r.code, 0, r.stderr);
  r = await wfpsec(["new", "--kind", "server", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(typeof json(r, "new").policy, "object");
  r = await wfpsec(["new", "--json"]);
  assert.equal(r.code, 1);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({ name: "state helper sees the same engine as show (sanity)", ignore }, async () => {
  const dir = tempDir();
  assert.equal(await engineState(`${dir}/s`), await engineState(`${dir}/s`));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name: "a site-to-site tunnel applies, plans in sync, re-plans an edit, exports and is removed",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/sim.state`, policy = `${dir}/tunnel.yaml`;
  const tunnel = (remote: string) =>
    `version: 1
name: cli-tunnel
mainMode:
  - name: mm
    keyModule: ikev1
    auth: [{ psk: { env: ${PSK_ENV} } }]
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm-tunnel
    mode: tunnel
    proposals: [esp-aesgcm256]
tunnels:
  - name: branch
    mainMode: mm
    quickMode: qm-tunnel
    localEndpoint: 192.0.2.1
    remoteEndpoint: 198.51.100.1
    local: 10.1.0.0/16
    remote: ${remote}
`;
  Deno.writeTextFileSync(policy, tunnel("10.2.0.0/16"));
  let r = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok((json(r, "apply").changes as ChangeDoc[]).some((c) => c.kind === "tunnel" && c.action === "add"));
  r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
  assert.equal(r.code, 0, r.stdout);
  Deno.writeTextFileSync(policy, tunnel("10.3.0.0/16"));
  r = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
  assert.equal(r.code, 2);
  const changes = json(r, "plan").changes as ChangeDoc[];
  assert.deepEqual(changes.map((c) => `${c.action} ${c.kind}`), ["replace tunnel"]);
  assert.match(changes[0].reason, /tunnel definition/);
  r = await wfpsec(["apply", policy, ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  r = await wfpsec(["plan", policy, ...SIM(state)]);
  assert.equal(r.code, 0, r.stdout);
  const exported = `${dir}/exported.yaml`;
  r = await wfpsec(["export", "-o", exported, ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(Deno.readTextFileSync(exported), /10\.3\.0\.0\/16/);
  r = await wfpsec(["plan", exported, ...SIM(state)]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  r = await wfpsec(["remove", "--json", ...SIM(state)]);
  assert.equal((json(r, "remove").removed as Record<string, number>).tunnels, 1);
  r = await wfpsec(["show", "--all", "--json", ...SIM(state)]);
  const all = json(r, "show");
  const ours = (o: { providerKey?: string }) => o.providerKey === "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71";
  assert.equal((all.filters as { providerKey?: string }[]).filter(ours).length, 0);
  assert.equal((all.providerContexts as { providerKey?: string }[]).filter(ours).length, 0);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({ name: "no output of any command above contained the pre-shared key", ignore }, () => {
  assert.ok(transcript.length > 40);
  for (const t of transcript) assert.ok(!t.includes(PSK_VALUE), "secret leaked into output");
});
