/**
 * `wfpsec import --gpfas` as an admin runs it: a GPO's `reg export` becomes a policy file that `wfpsec validate`
 * accepts and that plans and applies on fwpsim (then plans in sync); what cannot be expressed is on stderr and
 * in the JSON; malformed input is a located PolicyError and writes nothing; the pre-shared key is never printed.
 */
import assert from "node:assert/strict";
import { CLI, cliEnv, FLAGS, haveSim, json, tempDir, transcript, wfpsec } from "./helpers.ts";
import { importFixture, importFixtureText, regBytes } from "../support/regFixture.ts";

const GPO = importFixture("gpo-domain-isolation.reg");
/** The PSK stored in the fixture's SHKey value: it must reach no output and no file. */
const FIXTURE_PSK = "Sup3r-Secret-Branch-Key";
const PSK_ENV = { WFPSEC_PSK_BRANCH_PSK: "branch-psk-from-the-environment-1" };

Deno.test("import writes a policy that validates, plans and applies on fwpsim, and then plans in sync", {
  ignore: !haveSim(),
}, async () => {
  const dir = tempDir();
  const out = `${dir}/imported.yaml`, state = `${dir}/sim.state`;
  const imp = await wfpsec(["import", "--gpfas", GPO, "-o", out]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stderr, /not expressed: rule "Tunnel From Internet To Corp" Tunnel: tunnel-mode rules/);
  assert.match(imp.stderr, /set WFPSEC_PSK_BRANCH_PSK before plan or apply/);
  assert.match(imp.stderr, /wrote .*imported\.yaml \(2 rules, 3 exemptions, 2 rules left out/);
  const text = Deno.readTextFileSync(out);
  assert.ok(!text.includes(FIXTURE_PSK));

  const val = await wfpsec(["validate", out, "--json"], PSK_ENV);
  assert.equal(val.code, 0, val.stdout + val.stderr);
  assert.equal(json(val, "validate").valid, true);

  const sim = ["--engine", "sim", "--sim-state", state];
  const plan = await wfpsec(["plan", out, ...sim, "--json"], PSK_ENV);
  assert.equal(plan.code, 2, plan.stderr);
  const pdoc = json(plan, "plan") as { summary: { add: number }; policy: { name: string } };
  assert.equal(pdoc.policy.name, "gpo-domain-isolation");
  assert.ok(pdoc.summary.add > 0);

  const apply = await wfpsec(["apply", out, ...sim], PSK_ENV);
  assert.equal(apply.code, 0, apply.stderr);
  const again = await wfpsec(["plan", out, ...sim, "--json"], PSK_ENV);
  assert.equal(again.code, 0, again.stdout);
  assert.equal(json(again, "plan").inSync, true);
  for (const t of transcript) assert.ok(!t.includes(FIXTURE_PSK));
});

Deno.test("import --json: the policy, the not-expressed list with file and line, the secret variables", async () => {
  const r = await wfpsec(["import", "--gpfas", GPO, "--json", "--name", "corp-ipsec"]);
  assert.equal(r.code, 0, r.stderr);
  const doc = json(r, "import") as {
    source: { format: string; file: string };
    policy: { name: string; rules: unknown[] };
    notExpressed: Array<
      { what: string; field: string; value: string | null; reason: string; file: string; line: number }
    >;
    secretVariables: string[];
    counts: { rules: number; exemptions: number; skipped: number };
  };
  assert.deepEqual(doc.source, { format: "gpfas", file: GPO });
  assert.equal(doc.policy.name, "corp-ipsec");
  assert.deepEqual(doc.counts, { rules: 2, exemptions: 3, skipped: 2 });
  const disabled = doc.notExpressed.find((n) => n.field === "Active")!;
  assert.equal(disabled.what, 'rule "Old boundary rule"');
  assert.equal(disabled.line, 12);
  assert.equal(disabled.file, GPO);
  assert.deepEqual(doc.secretVariables, ["WFPSEC_PSK_BRANCH_PSK"]);
  assert.ok(!r.stdout.includes(FIXTURE_PSK) && !r.stderr.includes(FIXTURE_PSK));
});

Deno.test("without -o the policy goes to stdout and the notes to stderr", async () => {
  const r = await wfpsec(["import", "--gpfas", importFixture("local-store.reg")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# Imported by wfpsec import/);
  assert.match(r.stdout, /\nrules:\n {2}- name: Auth\n/);
  assert.match(r.stderr, /not expressed: store FirewallRules/);
});

Deno.test("malformed input is a located PolicyError and nothing is written", async () => {
  const dir = tempDir();
  const bad = `${dir}/bad.reg`, out = `${dir}/out.yaml`;
  Deno.writeFileSync(
    bad,
    regBytes(importFixtureText("gpo-domain-isolation.reg").replace('"Protocol"="AH"', '"Protocol"="GRE"')),
  );
  const r = await wfpsec(["import", "--gpfas", bad, "-o", out, "--json"]);
  assert.equal(r.code, 1);
  const e = json(r, "import").error as { type: string; message: string };
  assert.equal(e.type, "PolicyError");
  assert.match(e.message, /bad\.reg:126 \(Protocol\): Protocol "GRE" is not one of AH, ESP, AH&ESP/);
  assert.match(r.stderr, /bad\.reg:126/);
  assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
});

Deno.test("usage: one source, a valid name, no overwrite without --force", async () => {
  const none = await wfpsec(["import"]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /give exactly one of --gpfas FILE\.reg or --netsecurity-json FILE/);
  const badName = await wfpsec(["import", "--gpfas", GPO, "--name", "has space"]);
  assert.equal(badName.code, 1);
  assert.match(badName.stderr, /--name has space: use letters, digits/);
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/p.yaml`, "keep me\n");
  const clash = await wfpsec(["import", "--gpfas", GPO, "-o", `${dir}/p.yaml`]);
  assert.equal(clash.code, 1);
  assert.equal(Deno.readTextFileSync(`${dir}/p.yaml`), "keep me\n");
  const missing = await wfpsec(["import", "--gpfas", `${dir}/nope.reg`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*nope\.reg/);
});

Deno.test("import --netsecurity-json (from stdin too) writes a policy that plans on fwpsim", {
  ignore: !haveSim(),
}, async () => {
  const dir = tempDir();
  const out = `${dir}/ns.yaml`, state = `${dir}/sim.state`;
  const fixture = importFixture("netsecurity-servers.json");
  const r = await wfpsec(["import", "--netsecurity-json", fixture, "-o", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /not expressed: rule "web front ends" InterfaceAlias=Ethernet 2/);
  const env = { WFPSEC_PSK_WEB_CERTS: "web-psk-from-the-environment-77" };
  const plan = await wfpsec(["plan", out, "--engine", "sim", "--sim-state", state, "--json"], env);
  assert.equal(plan.code, 2, plan.stderr);
  assert.equal((json(plan, "plan").policy as { name: string }).name, "netsecurity-servers");

  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, CLI, "import", "--netsecurity-json", "-", "--json", "--name", "from-stdin"],
    env: cliEnv(),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(Deno.readFileSync(fixture));
  await w.close();
  const o = await child.output();
  assert.equal(o.code, 0, new TextDecoder().decode(o.stderr));
  const doc = JSON.parse(new TextDecoder().decode(o.stdout));
  assert.deepEqual([doc.command, doc.policy.name, doc.source], ["import", "from-stdin", {
    format: "netsecurity",
    file: "-",
  }]);
});

Deno.test("import --gpfas reads a GPO's Registry.pol as well, and the result validates", async () => {
  const { polValuesFromReg, registryPol } = await import("../support/regPol.ts");
  const dir = tempDir();
  const pol = `${dir}/Registry.pol`, out = `${dir}/from-pol.yaml`;
  Deno.writeFileSync(pol, registryPol(polValuesFromReg(importFixtureText("gpo-domain-isolation.reg"))));
  const r = await wfpsec(["import", "--gpfas", pol, "-o", out, "--name", "from-pol"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote .*from-pol\.yaml \(2 rules, 3 exemptions, 2 rules left out/);
  const val = await wfpsec(["validate", out], PSK_ENV);
  assert.equal(val.code, 0, val.stderr);
  assert.ok(!Deno.readTextFileSync(out).includes(FIXTURE_PSK));
});
