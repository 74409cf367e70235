/**
 * Issue 12 rule 12, IKEEXT running: `doctor FILE` requires IKEEXT (and BFE) for a policy that requires
 * IPsec; `apply` refuses such a policy while IKEEXT is stopped (SafetyError, nothing changed) and `--force`
 * applies it anyway, saying what will break. On fwpsim the services are the simulator's stand-ins, stopped
 * with FWPSIM_STOPPED_SERVICES (a test-only variable fwpsim reads; a real engine asks the SCM).
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const STOPPED = { FWPSIM_STOPPED_SERVICES: "IKEEXT" };
const REQUEST_ONLY = testPolicy().replace("inbound: require", "inbound: request");

type Check = { name: string; ok: boolean; required: boolean; detail: string };
const check = (doc: Record<string, unknown>, name: string) =>
  (doc.checks as Check[]).find((c) => c.name === name)!;

Deno.test({ name: "doctor FILE: IKEEXT is required for a policy that requires IPsec", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`, state = `${dir}/s.state`;
  Deno.writeTextFileSync(policy, testPolicy());
  const sim = ["--engine", "sim", "--sim-state", state, "--json"];

  let r = await wfpsec(["doctor", policy, ...sim], STOPPED);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  let ike = check(json(r, "doctor"), "service IKEEXT");
  assert.deepEqual([ike.ok, ike.required], [false, true]);
  assert.match(
    ike.detail,
    /STOPPED \(SIMULATED by fwpsim\); required: policy 'cli-test' requires IPsec .*rule 'corp'/,
  );

  r = await wfpsec(["doctor", policy, ...sim]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  ike = check(json(r, "doctor"), "service IKEEXT");
  assert.deepEqual([ike.ok, ike.required], [true, true]);

  // Without a policy, or with one that only requests IPsec, a stopped IKEEXT is a warning, not a failure.
  r = await wfpsec(["doctor", ...sim], STOPPED);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(check(json(r, "doctor"), "service IKEEXT").required, false);
  Deno.writeTextFileSync(policy, REQUEST_ONLY);
  r = await wfpsec(["doctor", policy, ...sim], STOPPED);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(check(json(r, "doctor"), "service IKEEXT").detail, /requires IPsec nowhere/);
});

Deno.test({ name: "doctor: with BFE stopped the engine is unreachable and BFE fails", ignore }, async () => {
  const dir = tempDir();
  const r = await wfpsec(["doctor", "--engine", "sim", "--sim-state", `${dir}/s.state`, "--json"], {
    FWPSIM_STOPPED_SERVICES: "bfe,IKEEXT",
  });
  assert.equal(r.code, 1);
  const doc = json(r, "doctor");
  assert.equal(check(doc, "engine reachable").ok, false);
  assert.match(check(doc, "engine reachable").detail, /EPT_S_NOT_REGISTERED|not running/);
  assert.deepEqual([check(doc, "service BFE").ok, check(doc, "service BFE").required], [false, true]);
});

Deno.test({
  name: "apply refuses a policy that requires IPsec while IKEEXT is stopped; --force applies it",
  ignore,
}, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`, state = `${dir}/s.state`;
  Deno.writeTextFileSync(policy, testPolicy());
  const sim = ["--engine", "sim", "--sim-state", state];
  const before = await engineState(state);

  let r = await wfpsec(["apply", policy, ...sim, "--json"], STOPPED);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const err = json(r, "apply").error as { type: string; message: string };
  assert.equal(err.type, "SafetyError");
  assert.match(
    err.message,
    /IKEEXT service .* is STOPPED: .*rule 'corp' would be dropped .*nothing changed.*--force/,
  );
  assert.equal(await engineState(state), before, "nothing applied");

  r = await wfpsec(["apply", policy, ...sim, "--force"], STOPPED);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /warning: --force: applying although the IKEEXT service .* is STOPPED: .*rule 'corp'/,
  );
  r = await wfpsec(["plan", policy, ...sim, "--json"], STOPPED);
  assert.equal(json(r, "plan").inSync, true);

  // --force in JSON: the warning is in the document's warnings.
  r = await wfpsec(["apply", policy, ...sim, "--force", "--json"], STOPPED);
  const warnings = json(r, "apply").warnings as { code: string; message: string }[];
  assert.ok(warnings.some((w) => w.code === "ikeext-stopped" && /rule 'corp'/.test(w.message)), r.stdout);
});

Deno.test(
  { name: "apply: a policy that only requests IPsec applies while IKEEXT is stopped", ignore },
  async () => {
    const dir = tempDir();
    const policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, REQUEST_ONLY);
    const r = await wfpsec(["apply", policy, "--engine", "sim", "--sim-state", `${dir}/s.state`], STOPPED);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /IKEEXT/);
  },
);

Deno.test(
  { name: "apply --if-drifted repairs while IKEEXT is stopped, and its one JSON line warns", ignore },
  async () => {
    // The scheduled task keeps an already chosen policy in force: refusing would leave the drift unrepaired.
    const dir = tempDir();
    const policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());
    const r = await wfpsec([
      "apply",
      policy,
      "--if-drifted",
      "--json",
      "--engine",
      "sim",
      "--sim-state",
      `${dir}/s`,
    ], STOPPED);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.outcome, "applied");
    assert.ok(
      doc.warnings.some((w: { code: string; message: string }) =>
        w.code === "ikeext-stopped" && w.message.startsWith("--if-drifted: applying although")
      ),
      r.stdout,
    );
  },
);
