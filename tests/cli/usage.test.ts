/**
 * The CLI's usage surface as a user meets it: help and version as JSON documents, "did you mean" for a
 * mistyped command or option (a typed UsageError, exit 1), and every error printed once.
 */
import assert from "node:assert/strict";
import { haveSim, json, PSK_ENV, type RunResult, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();

/** How often `needle` occurs in `hay`. */
function count(hay: string, needle: string): number {
  return hay.split(needle).length - 1;
}

/** The usage error of a run, checked to be typed and to exit 1 (JSON on stdout, message on stderr). */
function usageError(r: RunResult, command: string): string {
  assert.equal(r.code, 1, r.stderr);
  const doc = json(r, command);
  const error = doc.error as { type: string; message: string };
  assert.equal(error.type, "UsageError");
  assert.equal(count(r.stderr, error.message.split("\n")[0]), 1, r.stderr);
  return error.message;
}

Deno.test("help CMD --json prints one help document with usage and every option the command takes", async () => {
  for (const args of [["help", "plan", "--json"], ["plan", "--help", "--json"]]) {
    const r = await wfpsec(args);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "help");
    assert.equal(doc.topic, "plan");
    assert.match(doc.usage as string, /^wfpsec plan FILE/);
    const options = doc.options as { name: string; short: string | null; type: string }[];
    assert.deepEqual(options.map((o) => o.name), [
      "--engine",
      "--sim-state",
      "--state",
      "--interfaces",
      "--json",
      "--help",
    ]);
    assert.deepEqual(options.find((o) => o.name === "--state"), {
      name: "--state",
      short: null,
      type: "string",
      multiple: false,
    });
    assert.equal(options.find((o) => o.name === "--help")?.short, "-h");
  }
  const general = await wfpsec(["help", "--json"]);
  const doc = json(general, "help");
  assert.equal(doc.topic, null);
  const commands = (doc.commands as { name: string }[]).map((c) => c.name);
  for (const c of ["validate", "plan", "apply", "new", "doctor"]) assert.ok(commands.includes(c), c);
});

Deno.test("--version --json prints one version document", async () => {
  for (const args of [["--version", "--json"], ["--json", "--version"], ["-V", "--json"]]) {
    const r = await wfpsec(args);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "version");
    assert.match(doc.version as string, /^\d+\.\d+\.\d+/);
    assert.equal(doc.deno, Deno.version.deno);
  }
  // Without --json the text stays what scripts already parse.
  assert.match((await wfpsec(["--version"])).stdout, /^wfpsec \d+\.\d+\.\d+\n$/);
});

Deno.test("a mistyped option names the command and the option meant", async () => {
  const cases: [string[], string][] = [
    [["plan", "x.yaml", "--stat", "snap.json"], "unknown option --stat for 'plan'; did you mean --state?"],
    [["plan", "x.yaml", "--jsn"], "unknown option --jsn for 'plan'; did you mean --json?"],
    [["new", "--kind", "domain", "--forced"], "unknown option --forced for 'new'; did you mean --force?"],
    [["new", "--nmae=corp"], "unknown option --nmae for 'new'; did you mean --name?"],
    [["apply", "x.yaml", "--sim"], "unknown option --sim for 'apply'; did you mean --sim-state?"],
    [["show", "--engine", "sim", "--al"], "unknown option --al for 'show'; did you mean --all?"],
  ];
  for (const [args, expected] of cases) {
    const msg = usageError(await wfpsec([...args, "--json"]), args[0]);
    assert.equal(msg.split("\n")[0], expected);
    assert.match(msg, new RegExp(`Usage: wfpsec ${args[0]} `));
  }
  // Nothing close: the command's options are listed instead of a guess.
  const msg = usageError(await wfpsec(["new", "--zzzzzz", "--json"]), "new");
  assert.match(msg, /^unknown option --zzzzzz for 'new'; its options: --kind, --name, .*--output/);
  // A value that looks like an option name is still a value: `--name state` is not flagged.
  const r = await wfpsec(["new", "--kind", "domain", "--name", "state", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  // Text mode: the same message, once, on stderr; nothing on stdout.
  const t = await wfpsec(["plan", "x.yaml", "--stat", "snap.json"]);
  assert.equal(t.code, 1);
  assert.equal(t.stdout, "");
  assert.equal(count(t.stderr, "UsageError: unknown option --stat for 'plan'; did you mean --state?"), 1);
});

Deno.test("a mistyped command gets the command meant", async () => {
  for (
    const [typed, meant] of [["valdate", "validate"], ["plam", "plan"], ["aply", "apply"], [
      "--verison",
      "--version",
    ]]
  ) {
    const msg = usageError(await wfpsec([typed, "--json"]), typed);
    assert.equal(msg, `unknown command '${typed}'; did you mean '${meant}'?`);
  }
  const help = usageError(await wfpsec(["help", "valdate", "--json"]), "help");
  assert.equal(help, "unknown command 'valdate'; did you mean 'validate'?");
  // Names of Object.prototype are not commands.
  for (const name of ["toString", "constructor", "__proto__"]) {
    assert.match(usageError(await wfpsec([name, "--json"]), name), /^unknown command/);
    assert.match(usageError(await wfpsec(["help", name, "--json"]), "help"), /^unknown command/);
  }
  const far = usageError(await wfpsec(["xyzzy", "--json"]), "xyzzy");
  assert.match(far, /^unknown command 'xyzzy' \(try wfpsec --help\); commands: validate, plan/);
});

/** An invalid policy with two errors and a warning (an unused quick-mode policy). */
const INVALID = `version: 1
name: broken
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
  - { name: spare, proposals: [esp-aesgcm256] }
rules:
  - { name: corp, remote: 999.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: nope }
`;

Deno.test("plan and apply of an invalid policy print each diagnostic once", async () => {
  const dir = tempDir();
  const file = `${dir}/broken.yaml`;
  Deno.writeTextFileSync(file, INVALID);
  const v = await wfpsec(["validate", file, "--json"]);
  const vdoc = json(v, "validate");
  const diags = [...vdoc.errors as { message: string }[], ...vdoc.warnings as { message: string }[]];
  assert.ok((vdoc.errors as unknown[]).length >= 2 && (vdoc.warnings as unknown[]).length >= 1, v.stdout);
  for (const command of ["plan", "apply"]) {
    for (const mode of [[], ["--json"]]) {
      const r = await wfpsec([command, file, "--engine", "sim", "--sim-state", `${dir}/s`, ...mode]);
      assert.equal(r.code, 1, r.stderr);
      for (const d of diags) {
        assert.equal(count(r.stderr, d.message), 1, `${command}: ${d.message}\n${r.stderr}`);
      }
      assert.equal(count(r.stderr, "PolicyError"), 1, r.stderr);
      assert.match(r.stderr, new RegExp(`wfpsec ${command}: PolicyError: \\d+ error\\(s\\) in policy\\n$`));
    }
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("new with bad arguments prints its error once", async () => {
  const r = await wfpsec(["new", "--kind", "domain", "--remote", "999.1.1.1"]);
  assert.equal(r.code, 1);
  assert.equal(count(r.stderr, "'999.1.1.1' is not an IP address"), 1, r.stderr);
  const k = await wfpsec(["new", "--kind", "bogus", "--json"]);
  assert.equal(json(k, "new").error && k.code, 1);
  assert.equal(count(k.stderr, "unknown kind 'bogus'"), 1, k.stderr);
});

Deno.test({ name: "apply with the engine failing prints the failure once", ignore }, async () => {
  const dir = tempDir();
  const file = `${dir}/p.yaml`;
  Deno.writeTextFileSync(file, testPolicy());
  const FWP_E_IN_USE = 0x8032000a;
  for (const mode of [[], ["--json"]]) {
    const r = await wfpsec(["apply", file, "--engine", "sim", "--sim-state", `${dir}/s`, ...mode], {
      FWPSIM_FAIL_AT: `1:${FWP_E_IN_USE}`,
      [PSK_ENV]: "x-test-psk-value",
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(count(r.stderr, "FWP_E_IN_USE"), 1, r.stderr);
    if (mode.length) assert.equal((json(r, "apply").error as { type: string }).type, "WfpError");
  }
  Deno.removeSync(dir, { recursive: true });
});
