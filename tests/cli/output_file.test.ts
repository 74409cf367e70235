// `-o FILE` into a folder that does not exist, or onto a folder, is the caller's mistake: a UsageError naming
// the file and the reason (exit 1), never an internal `Error`, and nothing is written.
import assert from "node:assert/strict";
import { tempDir, wfpsec } from "./helpers.ts";

Deno.test("new -o into a missing folder is a UsageError naming the file", async () => {
  const file = `${tempDir()}/no/such/dir/p.yaml`;
  const r = await wfpsec(["new", "--kind", "domain", "-o", file, "--json"]);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.error.type, "UsageError");
  assert.match(doc.error.message, /cannot write .*p\.yaml: its folder does not exist/);
});

Deno.test("new -o onto a folder is a UsageError that asks for a file name", async () => {
  const dir = tempDir();
  const r = await wfpsec(["new", "--kind", "domain", "-o", dir, "--force"]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /UsageError: cannot write .*: it is a folder/);
});
