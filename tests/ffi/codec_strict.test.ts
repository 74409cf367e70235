/**
 * Strict members (WFPSEC_CODEC_STRICT=1, set by the test stages): a property that is no member of its struct
 * is refused as a WfpInputError naming it, after the members' own checks; without it the codec ignores it,
 * as it always did (the static types catch it at compile time).
 */
import assert from "node:assert/strict";

const child = new URL("./codec_strict_child.ts", import.meta.url).pathname;

function run(strict: boolean): { ok: boolean; name?: string; path?: string; message?: string } {
  const env = { ...Deno.env.toObject(), WFPSEC_CODEC_STRICT: strict ? "1" : "0" };
  const out = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-env", "--allow-ffi", "--allow-read", child],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test("strict codec: a misspelt member is a WfpInputError naming it", () => {
  const r = run(true);
  assert.equal(r.ok, false);
  assert.equal(r.name, "WfpInputError");
  assert.equal(r.path, "FWPM_PROVIDER0.servicName");
  assert.match(r.message!, /expected a member of FWPM_PROVIDER0/);
});

Deno.test("default codec: an unknown property is ignored (the product pays no property walk)", () => {
  assert.deepEqual(run(false), { ok: true });
});
