/**
 * The Wfpsec/IPsecPolicy instance (modules/cli/dscResource.ts): reading DSC's input, the plan's change lines
 * and their bound, and the diff lines test and set print.
 */
import assert from "node:assert/strict";
import {
  changeLines,
  differingProperties,
  DSC_MAX_CHANGES,
  dscExitCode,
  type DscState,
  outOfDesiredState,
  parseDscInput,
} from "../../../modules/cli/dscResource.ts";
import { UsageError } from "../../../modules/errors.ts";

const state = (o: Partial<DscState>): DscState => ({
  _exist: true,
  _inDesiredState: null,
  policyName: "corp",
  inSync: true,
  changes: [],
  simulated: false,
  ...o,
});

Deno.test("input: defaults, overrides, DSC's _metadata and read-only properties are accepted", () => {
  assert.deepEqual(parseDscInput('{"path":"C:\\\\p.yaml"}', true), {
    path: "C:\\p.yaml",
    exist: true,
    force: false,
    allowCoexist: false,
  });
  assert.deepEqual(parseDscInput('{"_exist":false}', true), {
    exist: false,
    force: false,
    allowCoexist: false,
    path: undefined,
  });
  const full = parseDscInput(
    '{"path":"p","force":true,"allowCoexist":true,"_metadata":{"Microsoft.DSC":{}},"inSync":false,"changes":[]}',
    true,
  );
  assert.equal(full.force, true);
  assert.equal(full.allowCoexist, true);
});

Deno.test("input: a misspelt property names the one meant; wrong types name the property", () => {
  const cases: [string, RegExp][] = [
    ['{"_Exist":true,"path":"p"}', /unknown property '_Exist'; did you mean '_exist'\?/],
    ['{"pth":"p"}', /unknown property 'pth'/],
    ['{"path":"p","force":"yes"}', /'force' must be true or false, not "yes"/],
    ['{"path":""}', /'path' must be a non-empty string/],
    ["{}", /'path' \(the policy file\) is required unless '_exist' is false/],
    ["null", /must be an object/],
    ["{", /not valid JSON/],
  ];
  for (const [text, pattern] of cases) {
    assert.throws(
      () => parseDscInput(text, true),
      (e: unknown) => e instanceof UsageError && pattern.test(e.message),
      text,
    );
  }
  assert.deepEqual(parseDscInput("{}", false).path, undefined, "export needs no path");
});

Deno.test("change lines: the policy's words, at most DSC_MAX_CHANGES and then how many more", () => {
  const c = (i: number) => ({
    action: "add",
    kind: "filter",
    name: `f${i}`,
    path: `rules/r/v4/${i}`,
    reason: "not in the engine",
  });
  assert.deepEqual(changeLines([c(1)]), ['add filter "f1" (rules/r/v4/1): not in the engine']);
  const many = changeLines(Array.from({ length: DSC_MAX_CHANGES + 7 }, (_, i) => c(i)));
  assert.equal(many.length, DSC_MAX_CHANGES + 1);
  assert.equal(many.at(-1), "... and 7 more change(s): wfpsec plan FILE lists them all");
  assert.equal(changeLines(Array.from({ length: DSC_MAX_CHANGES }, (_, i) => c(i))).length, DSC_MAX_CHANGES);
});

Deno.test("test's diff: _exist when presence differs, inSync when the policy drifted, nothing when in state", () => {
  const want = { path: "p", exist: true, force: false, allowCoexist: false };
  assert.deepEqual(outOfDesiredState(want, state({ _exist: false, inSync: false })), ["_exist"]);
  assert.deepEqual(outOfDesiredState(want, state({ inSync: false })), ["inSync"]);
  assert.deepEqual(outOfDesiredState(want, state({})), []);
  const none = { exist: false, force: false, allowCoexist: false };
  assert.deepEqual(outOfDesiredState(none, state({})), ["_exist"]);
  assert.deepEqual(outOfDesiredState(none, state({ _exist: false })), []);
});

Deno.test("set's diff: the properties whose values changed", () => {
  assert.deepEqual(
    differingProperties(state({ _exist: false, policyName: null, inSync: false }), state({})),
    [
      "_exist",
      "policyName",
      "inSync",
    ],
  );
  assert.deepEqual(differingProperties(state({ changes: ["x"] }), state({})), []);
});

Deno.test("exit codes by error type match the manifest's exitCodes", () => {
  const m = JSON.parse(
    Deno.readTextFileSync(new URL("../../../deploy/dsc/wfpsec.dsc.resource.json", import.meta.url)),
  );
  for (
    const [type, code] of [["UsageError", 2], ["PolicyError", 2], ["WfpError", 3], ["SafetyError", 4], [
      "LockBusyError",
      5,
    ], ["Error", 1]] as const
  ) {
    assert.equal(dscExitCode(type), code, type);
    assert.ok(m.exitCodes[String(code)], `${type}: exit ${code} has no exitCodes entry`);
  }
});
