// `wfpsec new -o FILE` never overwrites an existing file unless --force is given.
import assert from "node:assert/strict";
import { tempDir, wfpsec } from "./helpers.ts";

Deno.test("new -o refuses an existing file without --force and leaves it unchanged", async () => {
  const file = `${tempDir()}/p.yaml`;
  Deno.writeTextFileSync(file, "# mine\n");
  const r = await wfpsec(["new", "--kind", "domain", "-o", file]);
  assert.equal(r.code, 1);
  assert(r.stderr.includes("already exists"), r.stderr);
  assert.equal(Deno.readTextFileSync(file), "# mine\n");
  const f = await wfpsec(["new", "--kind", "domain", "-o", file, "--force"]);
  assert.equal(f.code, 0, f.stderr);
  assert(Deno.readTextFileSync(file).includes("domain"));
});
