/**
 * The policy across a BFE restart, and manual SAs across processes, with real CLI processes on fwpsim
 * (issue 12 rules 4 and 5). `FWPSIM_BOOT=1` makes a process the first client of a freshly started BFE
 * (tests/support/fwpsim/boot.c): dynamic and static objects and SA contexts are gone, and a persistent
 * provider whose serviceName is not an auto-start service has its filters disabled (FwpmProviderAdd0,
 * FWPM_FILTER0). wfpsec's provider names BFE, so its policy stays in force; when the filters are disabled
 * anyway (FWPSIM_AUTOSTART="" at boot: no service is auto-start), `plan` says "disabled" and exits 2 and
 * `apply --if-drifted` repairs it.
 */
import assert from "node:assert/strict";
import { haveSim, json, ROOT, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];

function policyFile(dir: string): string {
  const file = `${dir}/policy.yaml`;
  Deno.writeTextFileSync(file, testPolicy());
  return file;
}

Deno.test(
  { name: "after a BFE restart the applied policy is still in force and plan is in sync", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`, policy = policyFile(dir);
    assert.equal((await wfpsec(["apply", policy, ...SIM(state)])).code, 0);
    const plan = await wfpsec(["plan", policy, "--json", ...SIM(state)], { FWPSIM_BOOT: "1" });
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.equal(json(plan, "plan").inSync, true);
    const show = json(await wfpsec(["show", "--all", "--json", ...SIM(state)]), "show");
    const ours = (show.providers as { serviceName?: string; flags: number }[]).filter((p) =>
      p.serviceName === "BFE"
    );
    assert.equal(ours.length, 1, "our provider names the BFE service");
  },
);

Deno.test(
  {
    name: "filters BFE disabled at start: plan says disabled and exits 2, apply --if-drifted repairs them",
    ignore,
  },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`, policy = policyFile(dir);
    assert.equal((await wfpsec(["apply", policy, ...SIM(state)])).code, 0);
    // a host where the provider's service is not auto-start (the situation without a serviceName)
    const boot = { FWPSIM_BOOT: "1", FWPSIM_AUTOSTART: "" };
    const plan = await wfpsec(["plan", policy, ...SIM(state)], boot);
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /disabled: BFE disabled this provider's filters when it started/);
    const planJson = json(await wfpsec(["plan", policy, "--json", ...SIM(state)]), "plan");
    assert.equal(planJson.inSync, false);
    const changes = planJson.changes as { action: string; kind: string; reason: string }[];
    assert.ok(
      changes.some((c) => c.kind === "provider" && c.action === "replace" && /^disabled/.test(c.reason)),
    );
    const fix = await wfpsec(["apply", policy, "--if-drifted", ...SIM(state)]);
    assert.equal(fix.code, 0, fix.stdout + fix.stderr);
    assert.match(fix.stdout, /"applied"/);
    const after = await wfpsec(["plan", policy, ...SIM(state)]);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    // and the repaired policy survives the next restart on a normal host
    assert.equal((await wfpsec(["plan", policy, ...SIM(state)], { FWPSIM_BOOT: "1" })).code, 0);
  },
);

const KEY_IN = "6b1f0c2ad4e85b7391a0c6d2e4f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2";
const KEY_OUT = "9e8d7c6b5a49382716f5e4d3c2b1a0f9".repeat(2);

Deno.test(
  {
    name:
      "manual SAs applied by one process are seen by the next: plan in sync, sa lists them; gone after a BFE restart",
    ignore,
  },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`;
    Deno.writeTextFileSync(`${dir}/in.key`, KEY_IN + "\n");
    const policy = `${dir}/manual-sa.yaml`;
    Deno.writeTextFileSync(
      policy,
      Deno.readTextFileSync(`${ROOT}/examples/manual-sa.yaml`).replace(
        "/etc/wfpsec/peer-in.key",
        `${dir}/in.key`,
      ),
    );
    const env = { PEER_OUT_KEY: KEY_OUT };
    const apply = await wfpsec(["apply", policy, ...SIM(state)], env);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const plan = await wfpsec(["plan", policy, "--json", ...SIM(state)], env);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.equal(json(plan, "plan").inSync, true);
    const sa = json(await wfpsec(["sa", "--json", ...SIM(state)]), "sa");
    assert.equal((sa.saContexts as unknown[]).length, 1);
    assert.equal((sa.ipsecSas as unknown[]).length, 2);
    // SA contexts are not persistent objects: a BFE start drops them, and plan wants them back
    const booted = await wfpsec(["plan", policy, "--json", ...SIM(state)], { ...env, FWPSIM_BOOT: "1" });
    assert.equal(booted.code, 2, booted.stdout + booted.stderr);
    const changes = json(booted, "plan").changes as { action: string; kind: string }[];
    assert.deepEqual(changes.map((c) => `${c.action} ${c.kind}`), ["add manualSa"]);
    const fix = await wfpsec(["apply", policy, "--if-drifted", ...SIM(state)], env);
    assert.equal(fix.code, 0, fix.stdout + fix.stderr);
    assert.equal((await wfpsec(["plan", policy, ...SIM(state)], env)).code, 0);
    for (const out of [apply, plan, booted, fix]) {
      assert.ok(!out.stdout.includes(KEY_IN) && !out.stderr.includes(KEY_OUT), "no key in any output");
    }
  },
);

Deno.test({
  name: "a corrupt sim state file is a readable error naming the file, and changes nothing",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`, policy = policyFile(dir);
  assert.equal((await wfpsec(["apply", policy, ...SIM(state)])).code, 0);
  const bytes = Deno.readFileSync(state);
  bytes[bytes.length - 100] ^= 0x40;
  Deno.writeFileSync(state, bytes);
  const plan = await wfpsec(["plan", policy, "--json", ...SIM(state)]);
  assert.equal(plan.code, 1);
  const err = json(plan, "plan").error as Record<string, string>;
  assert.equal(err.wfpName, "ERROR_FILE_CORRUPT");
  assert.equal(
    err.message,
    `fwpsim state file ${state} is corrupt (checksum mismatch): delete it or restore a good copy; nothing was changed`,
  );
  const text = await wfpsec(["apply", policy, ...SIM(state)]);
  assert.equal(text.code, 1);
  assert.match(
    text.stderr,
    new RegExp(`fwpsim state file ${escapeRe(state)} is corrupt \\(checksum mismatch\\)`),
  );
  assert.ok(!/0x6d9|0x570\b/.test(text.stderr), text.stderr);
  assert.deepEqual(Deno.readFileSync(state), bytes, "the corrupt file is left for the admin to inspect");
});

/** `text` as a literal inside a RegExp (Windows paths carry backslashes). */
function escapeRe(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
