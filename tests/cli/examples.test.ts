/**
 * Every shipped example through the CLI on the simulator: validate, plan (changes pending), apply, plan (in
 * sync), export -> plan(export) in sync, remove leaves nothing of ours. Secrets come from the environment and
 * never appear in any output. The manual-SA example needs hexadecimal keys and one process (fwpsim keeps SA
 * contexts in memory): tests/cli/manual_sa.test.ts runs it through the same steps.
 * Examples with a `require` rule without remote scope meet the lock-out guard (tests/cli/lockout.test.ts):
 * plan warns (`code: "lockout"`), apply refuses, and apply --force applies them with the same warning.
 */
import assert from "node:assert/strict";
import { haveSim, json, PSK_VALUE, ROOT, tempDir, transcript, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
/** The examples whose require rules have no remote scope: the lock-out guard's findings. */
const LOCKOUT: Record<string, string[]> = {
  "guaranteed-encryption.yaml": ["all-unicast", "port-5555-encrypted"],
  "nd-transport.yaml": ["all-unicast"],
  "remote-identity-authorization.yaml": ["all-unicast", "port-5555-authorized"],
  "seed-sample-isolation.yaml": ["all-traffic"],
  "transport-mode.yaml": ["all-unicast"],
};
const examples = [...Deno.readDirSync(`${ROOT}/examples`)].filter((e) => e.name.endsWith(".yaml")).map((e) =>
  e.name
).sort();

for (const name of examples) {
  Deno.test(
    { name: `example ${name}: plan, apply, plan in sync, export round trip, remove`, ignore },
    async () => {
      const file = `${ROOT}/examples/${name}`;
      const text = Deno.readTextFileSync(file);
      const env: Record<string, string> = {};
      for (const m of text.matchAll(/env:\s*([A-Za-z_][A-Za-z0-9_]*)/g)) env[m[1]] = PSK_VALUE;
      const dir = tempDir();
      const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
      let r = await wfpsec(["validate", file], env);
      assert.equal(r.code, 0, r.stderr);
      if (/manualSas:/.test(text)) {
        Deno.removeSync(dir, { recursive: true });
        return; // tests/cli/manual_sa.test.ts
      }
      r = await wfpsec(["plan", file, "--json", ...sim], env);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      const lockout = (doc: Record<string, unknown>) =>
        (doc.warnings as { code: string; message: string }[]).filter((w) => w.code === "lockout")
          .map((w) => /^rule "([^"]+)" requires IPsec and has no remote scope/.exec(w.message)?.[1]);
      assert.deepEqual(lockout(json(r, "plan")), LOCKOUT[name] ?? []);
      r = await wfpsec(["apply", file, "--json", ...sim], env);
      if (LOCKOUT[name]) {
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.equal((json(r, "apply").error as { type: string }).type, "SafetyError");
        r = await wfpsec(["apply", file, "--json", "--force", ...sim], env);
      }
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(json(r, "apply").outcome, "applied");
      assert.deepEqual(lockout(json(r, "apply")), LOCKOUT[name] ?? []);
      r = await wfpsec(["plan", file, "--json", ...sim], env);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const exported = `${dir}/exported.yaml`;
      r = await wfpsec(["export", "-o", exported, ...sim], env);
      assert.equal(r.code, 0, r.stderr);
      r = await wfpsec(["plan", exported, "--json", ...sim], env);
      assert.equal(r.code, 0, `export of ${name} must plan to no change:\n${r.stdout}${r.stderr}`);
      r = await wfpsec(["remove", ...sim], env);
      assert.equal(r.code, 0, r.stderr);
      r = await wfpsec(["show", "--json", ...sim], env);
      assert.deepEqual(json(r, "show").filters, []);
      Deno.removeSync(dir, { recursive: true });
    },
  );
}

Deno.test({ name: "no example run printed a secret", ignore }, () => {
  assert.ok(transcript.length > 0);
  for (const t of transcript) assert.ok(!t.includes(PSK_VALUE));
});
