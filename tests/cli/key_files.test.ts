/**
 * Key files named by a policy resolve against the policy file's folder, not the current directory: a
 * policy with `psk: { file: psk.txt }` applies wherever wfpsec is started from, and a psk.txt planted in the
 * current directory is not read.
 */
import assert from "node:assert/strict";
import { haveSim, tempDir, wfpsec } from "./helpers.ts";

const ignore = !haveSim();

Deno.test(
  { name: "a relative key file is read from the policy's folder, not the current directory", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(`${dir}/psk.txt`, "policy-folder-key\n");
    Deno.writeTextFileSync(
      policy,
      `version: 1
name: key-files
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - psk: { file: psk.txt }
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: corp
    remote: 10.0.0.0/8
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
`,
    );
    // The tests run from the repository root, where there is no psk.txt.
    assert.notEqual(Deno.cwd(), dir);
    const r = await wfpsec(["apply", policy, "--json", "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).outcome, "applied");
    // The key file's path as written stays in the policy's own words (providerData keeps the reference).
    const show = await wfpsec(["show", "--json", "--engine", "sim", "--sim-state", state]);
    assert.ok(!show.stdout.includes("policy-folder-key"));
    // Changing the key in the policy's folder is seen, whatever the current directory.
    Deno.writeTextFileSync(`${dir}/psk.txt`, "another-key\n");
    const plan = await wfpsec(["plan", policy, "--json", "--engine", "sim", "--sim-state", state]);
    assert.equal(plan.code, 2, plan.stdout);
    assert.match(plan.stdout, /pre-shared key changed/);
  },
);
