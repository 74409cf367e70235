/**
 * `wfpsec dsc` reading its input: `--input JSON` (DSC's JSON input argument) reads like stdin; an input DSC
 * would not send (a misspelt property, broken JSON, no input, an unknown operation) is exit 2 with one DSC
 * error line naming the property, before any engine is opened.
 */
import assert from "node:assert/strict";
import { haveSim, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();

/** The stderr lines, each of which must be a DSC message object. */
function messages(stderr: string): Record<string, string>[] {
  return stderr.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

Deno.test({ name: "dsc get --input reads the instance as stdin would", ignore }, async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/p.yaml`, testPolicy());
  const env = { WFPSEC_ENGINE: "sim", FWPSIM_STATE: `${dir}/s.state` };
  const r = await wfpsec(["dsc", "get", "--input", JSON.stringify({ path: `${dir}/p.yaml` })], env);
  assert.equal(r.code, 0, r.stderr);
  const state = JSON.parse(r.stdout);
  assert.equal(state.path, `${dir}/p.yaml`);
  assert.equal(state._exist, false);
  assert.equal(state._inDesiredState, null, "get answers _inDesiredState null");
  assert.equal(r.stdout.trim().split("\n").length, 1, "get prints one JSON line");
});

Deno.test(
  { name: "dsc refuses input DSC would not send, with exit 2 and one error line", ignore },
  async () => {
    const dir = tempDir();
    const env = { WFPSEC_ENGINE: "sim", FWPSIM_STATE: `${dir}/s.state` };
    const cases: [string[], RegExp][] = [
      [
        ["dsc", "get", "--input", '{"Path":"C:\\\\p.yaml"}'],
        /unknown property 'Path'; did you mean 'path'\?/,
      ],
      [["dsc", "test", "--input", '{"path":'], /not valid JSON/],
      [["dsc", "set", "--input", '{"path":"p.yaml","_exist":"yes"}'], /'_exist' must be true or false/],
      [["dsc", "set", "--input", '["p.yaml"]'], /must be an object/],
      [["dsc", "test", "--input", "{}"], /'path' \(the policy file\) is required unless '_exist' is false/],
      [["dsc", "test"], /needs the instance JSON on stdin or as --input/],
      [["dsc", "apply", "--input", "{}"], /unknown operation 'apply'/],
      [["dsc", "get", "--what-if", "--input", '{"path":"p.yaml"}'], /--what-if goes with dsc set/],
    ];
    for (const [args, pattern] of cases) {
      const r = await wfpsec(args, env);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      const m = messages(r.stderr);
      assert.equal(m.length, 1, r.stderr);
      assert.match(m[0].error, pattern);
    }
    let stateExists = true;
    try {
      Deno.statSync(`${dir}/s.state`);
    } catch {
      stateExists = false;
    }
    assert.equal(stateExists, false, "no engine was opened for bad input");
  },
);

Deno.test("dsc schema prints the instance schema on one line, without an engine", async () => {
  const r = await wfpsec(["dsc", "schema"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, 1);
  const s = JSON.parse(r.stdout);
  assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(Object.keys(s.properties).sort(), [
    "_exist",
    "_inDesiredState",
    "_metadata",
    "allowCoexist",
    "changes",
    "force",
    "inSync",
    "path",
    "policyName",
    "simulated",
  ]);
});
