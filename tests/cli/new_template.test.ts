/**
 * `wfpsec new` writes a file an admin can edit safely: no YAML anchors/aliases (editing one entry must not
 * edit another), the server template's machine grant chosen with --allow-group (SIDs or names), and under
 * `deno task wfpsec` relative paths are the caller's, not the repository's.
 */
import assert from "node:assert/strict";
import { parseDocument, visit } from "yaml";
import { json, ROOT, tempDir, wfpsec } from "./helpers.ts";

const SEP = Deno.build.os === "windows" ? ";" : ":";
const KINDS = ["domain", "server", "boundary", "encryption"];

Deno.test("new writes no anchors or aliases: every entry is its own text", async () => {
  for (const kind of KINDS) {
    for (const auth of ["kerberos", "certificate:CN=Corp Root, O=Corp", "psk-env:CORP_PSK"]) {
      const r = await wfpsec(["new", "--kind", kind, "--auth", auth, "--remote", "10.0.0.0/8,10.1.0.0/16"]);
      assert.equal(r.code, 0, r.stderr);
      let aliases = 0;
      visit(parseDocument(r.stdout), { Alias: () => void aliases++ });
      assert.equal(aliases, 0, `${kind} ${auth}:\n${r.stdout}`);
      assert.doesNotMatch(r.stdout, /(^|[\s:-])[&*][A-Za-z0-9]/m, `${kind} ${auth}`);
      if (auth.startsWith("certificate")) {
        // Both main-mode policies name the root: twice in the text, so editing one leaves the other.
        assert.equal(r.stdout.split("rootCA: CN=Corp Root, O=Corp").length - 1, 2, r.stdout);
      }
    }
  }
});

Deno.test("new --kind server --allow-group grants the groups given (SIDs or well-known names)", async () => {
  const machines = async (...args: string[]) => {
    const r = await wfpsec(["new", "--kind", "server", ...args, "--json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const doc = json(r, "new").policy as { rules: { authorization: { machines: string } }[] };
    return doc.rules[0].authorization.machines;
  };
  assert.equal(await machines(), "D:(A;;0x1;;;S-1-5-11)", "default: Authenticated Users");
  assert.equal(
    await machines("--allow-group", "S-1-5-21-1-2-3-515,Administrators"),
    "D:(A;;0x1;;;S-1-5-21-1-2-3-515)(A;;0x1;;;S-1-5-32-544)",
  );
  const text = await wfpsec(["new", "--kind", "server", "--allow-group", "S-1-5-21-1-2-3-515"]);
  assert.match(text.stdout, /# Machines allowed to connect in: S-1-5-21-1-2-3-515/);
  assert.match(text.stdout, /machines: D:\(A;;0x1;;;S-1-5-21-1-2-3-515\)/);
  // A domain group's name needs Windows to resolve it; elsewhere the error says to give the SID.
  const named = await wfpsec([
    "new",
    "--kind",
    "server",
    "--allow-group",
    "CORP\\Domain Computers",
    "--json",
  ]);
  assert.equal(named.code, 1);
  const err = json(named, "new").error as { type: string; message: string };
  assert.equal(err.type, "UsageError");
  assert.match(err.message, /give the SID/);
  // Only the server template has a machine grant.
  const domain = await wfpsec(["new", "--kind", "domain", "--allow-group", "S-1-5-11", "--json"]);
  assert.equal(domain.code, 1);
  assert.match(String((json(domain, "new").error as { message: string }).message), /--kind server/);
});

Deno.test("deno task wfpsec resolves relative paths against the caller's folder", async () => {
  const dir = tempDir();
  Deno.copyFileSync(`${ROOT}/examples/domain-isolation.yaml`, `${dir}/corp.yaml`);
  const task = (...args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", "--config", `${ROOT}/deno.json`, "wfpsec", ...args],
      cwd: dir,
      // the task's own `deno` is the one running this test
      env: {
        PATH: `${Deno.execPath().replace(/[\\/][^\\/]*$/, "")}${SEP}${Deno.env.get("PATH") ?? ""}`,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const v = await task("validate", "corp.yaml");
  assert.equal(v.code, 0, new TextDecoder().decode(v.stderr));
  assert.match(new TextDecoder().decode(v.stdout), /corp\.yaml: valid/);
  const n = await task("new", "--kind", "domain", "-o", "new.yaml");
  assert.equal(n.code, 0, new TextDecoder().decode(n.stderr));
  assert.ok(Deno.statSync(`${dir}/new.yaml`).isFile, "written in the caller's folder");
  assert.throws(() => Deno.statSync(`${ROOT}/new.yaml`), Deno.errors.NotFound, "not in the repository");
  Deno.removeSync(dir, { recursive: true });
});
