/**
 * The CLI reads policy files as bytes (modules/policy/decode.ts): a UTF-16LE file with BOM, as Windows
 * PowerShell 5.1's `wfpsec export > corp.yaml` writes it, validates; a Latin-1 byte and a 20,000-level
 * document are located errors (exit 1), with the JSON error type PolicyError.
 */
import assert from "node:assert/strict";
import { ROOT, tempDir, wfpsec } from "./helpers.ts";

const EXAMPLE = Deno.readTextFileSync(`${ROOT}/examples/transport-mode.yaml`);

function utf16le(s: string): Uint8Array {
  const b = new Uint8Array(2 + 2 * s.length);
  b.set([0xff, 0xfe]);
  for (let k = 0; k < s.length; k++) {
    b[2 + 2 * k] = s.charCodeAt(k) & 0xff, b[3 + 2 * k] = s.charCodeAt(k) >> 8;
  }
  return b;
}

Deno.test("validate: a UTF-16LE policy with BOM is valid; its diagnostics keep line:col", async () => {
  const dir = tempDir();
  Deno.writeFileSync(`${dir}/corp.yaml`, utf16le(EXAMPLE));
  const ok = await wfpsec(["validate", `${dir}/corp.yaml`]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /valid/);
  Deno.writeFileSync(`${dir}/bad.yaml`, utf16le("version: 1\nname: p\nrules: 5\n"));
  const bad = await wfpsec(["validate", `${dir}/bad.yaml`]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.yaml:3:8: .*rules/);
});

Deno.test("validate: a Latin-1 byte is bad-encoding at file:line:col; 20,000 levels are too-deep", async () => {
  const dir = tempDir();
  const latin = new Uint8Array([
    ...new TextEncoder().encode("version: 1\nname: p\ndescription: caf"),
    0xe9,
    0x0a,
  ]);
  Deno.writeFileSync(`${dir}/latin.yaml`, latin);
  const r = await wfpsec(["validate", `${dir}/latin.yaml`, "--json"]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.error.type, "PolicyError", r.stdout);
  assert.match(r.stdout, /bad-encoding/);
  assert.match(r.stdout, /"line": ?3/);
  Deno.writeTextFileSync(
    `${dir}/deep.yaml`,
    "version: 1\nname: x\nrules: " + "[".repeat(20000) + "]".repeat(20000),
  );
  const d = await wfpsec(["validate", `${dir}/deep.yaml`]);
  assert.equal(d.code, 1);
  assert.match(d.stderr, /deep\.yaml:3:71: .*nested deeper than 64 levels/);
  assert.doesNotMatch(d.stderr, /call stack/);
});
