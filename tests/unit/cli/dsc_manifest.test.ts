/**
 * The Wfpsec/IPsecPolicy DSC v3 resource manifest (deploy/dsc/wfpsec.dsc.resource.json) against DSC's
 * published manifest schema, pinned in tests/support/dsc/ (its README names the source): what `dsc` accepts.
 * Also: the manifest calls only what `wfpsec dsc` answers, with the exit codes it documents, and the instance
 * schema `wfpsec dsc schema` prints is a valid draft 2020-12 schema that accepts what the operations print.
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020";
import formats from "ajv-formats";
import { DSC_COMMAND } from "../../../modules/cli/dscCommand.ts";
import {
  DSC_EXIT_CODES,
  DSC_INSTANCE_SCHEMA,
  DSC_OPERATIONS,
  DSC_RESOURCE_TYPE,
} from "../../../modules/cli/dscResource.ts";
import { VERSION } from "../../../modules/cli/command.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const MANIFEST_FILE = `${ROOT}deploy/dsc/wfpsec.dsc.resource.json`;
const readJson = (f: string) => JSON.parse(Deno.readTextFileSync(f));
const pinned = readJson(`${ROOT}tests/support/dsc/dsc-v3-resource-manifest.schema.json`);
const manifest = readJson(MANIFEST_FILE);

/**
 * Ajv for draft 2020-12, strict (unknown keywords and formats are errors), knowing the VS Code keywords DSC's
 * schemas carry (they assert nothing). strictRequired and strictTypes are lint rules about how a schema is
 * written (DSC's `if`/`then` name `required` properties defined elsewhere), not about what it accepts.
 */
function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  // ajv-formats is CommonJS: its default export is the module object, the function is its `default`.
  formats.default(ajv);
  for (
    const k of ["markdownDescription", "markdownEnumDescriptions", "deprecationMessage", "defaultSnippets"]
  ) {
    ajv.addKeyword(k);
  }
  return ajv;
}
const validateManifest = validator().compile(pinned);

Deno.test("the manifest validates against DSC's pinned v3 resource manifest schema", () => {
  const ok = validateManifest(manifest);
  assert.ok(ok, JSON.stringify(validateManifest.errors, null, 2));
});

Deno.test("the pinned schema rejects what dsc would reject (the validator is not a pass-through)", () => {
  const bad: [string, unknown][] = [
    ["no version", { ...manifest, version: undefined }],
    ["input 'args' (only stdin or env)", { ...manifest, get: { ...manifest.get, input: "args" } }],
    ["set return 'diff'", { ...manifest, set: { ...manifest.set, return: "diff" } }],
    ["a non-numeric exit code", { ...manifest, exitCodes: { ...manifest.exitCodes, busy: "x" } }],
    ["a type without an owner", { ...manifest, type: "IPsecPolicy" }],
    ["whatIf without return", { ...manifest, whatIf: { ...manifest.whatIf, return: undefined } }],
    ["set's whatIfArg (DSC's code knows it; the pinned schema does not)", {
      ...manifest,
      set: { ...manifest.set, args: ["dsc", "set", { whatIfArg: "--what-if" }] },
    }],
    ["export with no way to pass input", { ...manifest, export: { executable: "wfpsec", args: ["dsc"] } }],
  ];
  for (const [what, m] of bad) {
    const doc = JSON.parse(JSON.stringify(m)); // drops the undefined fields
    assert.equal(validateManifest(doc), false, `${what}: accepted`);
  }
});

Deno.test("the manifest names the resource, version and exit codes wfpsec implements", () => {
  assert.equal(manifest.type, DSC_RESOURCE_TYPE);
  assert.equal(manifest.version, VERSION);
  assert.deepEqual(manifest.exitCodes, DSC_EXIT_CODES);
});

Deno.test("every operation the manifest calls is a `wfpsec dsc` operation with options it knows", () => {
  const calls = ["get", "set", "whatIf", "test", "export"].map((k) => manifest[k]);
  calls.push(manifest.schema.command);
  for (const c of calls) {
    assert.equal(c.executable, "wfpsec");
    assert.equal(c.args[0], "dsc");
    assert.ok((DSC_OPERATIONS as readonly string[]).includes(c.args[1]), c.args[1]);
    for (const a of c.args.slice(2)) {
      const opt = typeof a === "string" ? a : a.jsonInputArg;
      assert.ok(opt.startsWith("--") && opt.slice(2) in DSC_COMMAND.options, `unknown option ${opt}`);
    }
  }
  assert.deepEqual(manifest.whatIf.args, ["dsc", "set", "--what-if"]);
  assert.equal(manifest.set.return, "stateAndDiff");
  assert.equal(manifest.test.return, "state", "test answers one JSON line carrying _inDesiredState");
  assert.equal(manifest.set.handlesExist, true);
});

Deno.test("the instance schema is strict draft 2020-12 and accepts what the operations print", () => {
  const validate = validator().compile(DSC_INSTANCE_SCHEMA);
  const ok = (v: unknown) => assert.ok(validate(v), JSON.stringify(validate.errors));
  ok({ path: "C:\\ProgramData\\wfpsec\\policy.yaml" });
  ok({ path: "C:\\p.yaml", _exist: true, force: true, allowCoexist: false });
  ok({ _exist: false });
  ok({
    path: "C:\\p.yaml",
    _exist: true,
    _inDesiredState: null,
    policyName: "corp",
    inSync: false,
    changes: ['add filter "x" (rules/x/v4/out): not in the engine'],
    simulated: false,
  });
  ok({ _exist: true, _inDesiredState: null, policyName: "corp", inSync: null, changes: [], simulated: true });
  for (const bad of [{ Path: "x" }, { path: "" }, { path: 3 }, { _exist: "yes" }, { changes: [1] }]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
});

const REFERENCE = `${ROOT}../shared/reference/dsc-v3-resource-manifest.schema.json`;
const haveReference = (() => {
  try {
    return Deno.statSync(REFERENCE).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: `the pinned schema is the shared reference copy, byte for byte${
    haveReference ? "" : " (skipped: ../shared/reference/ is not next to this checkout)"
  }`,
  ignore: !haveReference,
  fn: () => {
    const pinnedBytes = Deno.readFileSync(`${ROOT}tests/support/dsc/dsc-v3-resource-manifest.schema.json`);
    assert.deepEqual(pinnedBytes, Deno.readFileSync(REFERENCE));
  },
});
