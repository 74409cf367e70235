/**
 * Confirm or revert (issue 16 item 1) where it matters most, on fwpsim with real processes: the revert of a
 * policy with manual SAs re-sets its SA pair with the recorded keys (the reverting process, like the SYSTEM
 * task on Windows, has neither the key variable nor the key file); a BFE restart ("reboot", FWPSIM_BOOT=1)
 * before or after the deadline loses nothing the revert needs; an apply killed with SIGKILL after its commit
 * (during its SA calls) is still reverted at the deadline, and one killed inside its transaction leaves the
 * old state, which `revert --due` recognises. No key is ever printed.
 */
import assert from "node:assert/strict";
import {
  engineState,
  haveSim,
  json,
  PSK_VALUE,
  ROOT,
  type RunResult,
  spawnWfpsec,
  tempDir,
  testPolicy,
  transcript,
  wfpsec,
} from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const record = (state: string) => `${state}.wfpsec-apply.confirm.json`;
const KEY_IN = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const KEY_OUT = "f1e2d3c4b5a6978877665544332211ff".repeat(2);
const KEYS = { PEER_OUT_KEY: KEY_OUT };

/** The manual-SA example with its inbound key file in `dir`. */
function saPolicy(dir: string): { file: string; keyFile: string } {
  const keyFile = `${dir}/peer-in.key`;
  Deno.writeTextFileSync(keyFile, KEY_IN + "\n");
  const text = Deno.readTextFileSync(`${ROOT}/examples/manual-sa.yaml`).replace(
    "/etc/wfpsec/peer-in.key",
    keyFile,
  );
  const file = `${dir}/manual-sa.yaml`;
  Deno.writeTextFileSync(file, text);
  return { file, keyFile };
}

/** The same host without its SA pair. */
function plainPolicy(dir: string): string {
  const file = `${dir}/plain.yaml`;
  Deno.writeTextFileSync(file, "version: 1\nname: plain\nexemptions:\n  - icmp\n");
  return file;
}

type SaContext = {
  inboundSa: { saList: { spiHex: string }[] };
  outboundSa: { saList: { spiHex: string }[] };
};
async function saContexts(state: string, env: Record<string, string> = {}): Promise<SaContext[]> {
  const r = await wfpsec(["sa", "--json", ...SIM(state)], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).saContexts;
}
const spis = (cs: SaContext[]) =>
  cs.map((c) => [c.inboundSa.saList[0].spiHex, c.outboundSa.saList[0].spiHex]);

async function pastDeadline(apply: RunResult): Promise<void> {
  const deadline = Date.parse((JSON.parse(apply.stdout).confirm as { deadline: string }).deadline);
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() + 100)));
}

Deno.test({
  name: "the revert of a policy with manual SAs re-sets the SA pair with the recorded keys",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const sa = saPolicy(dir), plain = plainPolicy(dir);
  assert.equal((await wfpsec(["apply", sa.file, ...SIM(state)], KEYS)).code, 0);
  const before = await engineState(state);
  assert.deepEqual(spis(await saContexts(state)), [["0x00001001", "0x00002002"]]);

  const apply = await wfpsec(["apply", plain, "--confirm-within", "5s", "--json", ...SIM(state)], KEYS);
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal((json(apply, "apply").confirm as Record<string, unknown>).previousPolicy, "manual-sa");
  assert.deepEqual(await saContexts(state), [], "the new policy has no SA pair");
  assert.ok(
    !(await wfpsec(["show", "--json", ...SIM(state)])).stdout.includes(KEY_OUT.slice(0, 16)),
  );

  // The reverting process (like the SYSTEM task) has neither the key variable nor the key file.
  Deno.removeSync(sa.keyFile);
  await pastDeadline(apply);
  const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)], { PEER_OUT_KEY: "" });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const d = json(r, "revert");
  assert.equal(d.outcome, "reverted");
  const saChanges = (d.changes as { kind: string; action: string }[]).filter((c) => c.kind === "manualSa");
  assert.deepEqual(saChanges.map((c) => c.action), ["add"]);
  assert.equal(await engineState(state), before);
  assert.deepEqual(spis(await saContexts(state)), [["0x00001001", "0x00002002"]]);
  // The same keys as before: with the key material back, the policy plans in sync (key digests match).
  Deno.writeTextFileSync(sa.keyFile, KEY_IN + "\n");
  const plan = await wfpsec(["plan", sa.file, "--json", ...SIM(state)], KEYS);
  assert.equal(plan.code, 0, plan.stdout);
});

Deno.test({
  name: "a reboot before the deadline keeps the armed revert; the start-up run after it reverts, SAs re-set",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const sa = saPolicy(dir), plain = plainPolicy(dir);
  assert.equal((await wfpsec(["apply", sa.file, ...SIM(state)], KEYS)).code, 0);
  const before = await engineState(state);
  const apply = await wfpsec(["apply", plain, "--confirm-within", "5s", "--json", ...SIM(state)], KEYS);
  assert.equal(apply.code, 0, apply.stderr);
  const after = await engineState(state);

  // BFE restarts (the host rebooted) before the deadline: the start-up check finds nothing due yet.
  const boot = { FWPSIM_BOOT: "1", PEER_OUT_KEY: "" };
  const early = await wfpsec(["revert", "--due", "--json", ...SIM(state)], boot);
  assert.equal(early.code, 0, early.stderr);
  assert.equal(json(early, "revert").outcome, "not-due");
  assert.equal(await engineState(state), after, "the persistent objects are back after the restart");
  // Another restart after the deadline: the start-up run reverts.
  await pastDeadline(apply);
  const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)], boot);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r, "revert").outcome, "reverted");
  assert.equal(await engineState(state), before);
  assert.deepEqual(spis(await saContexts(state)), [["0x00001001", "0x00002002"]]);
});

Deno.test({
  name: "an armed apply whose SA contexts a reboot dropped is still recognised and reverted",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const sa = saPolicy(dir), plain = plainPolicy(dir);
  assert.equal((await wfpsec(["apply", plain, ...SIM(state)])).code, 0);
  const before = await engineState(state);
  const apply = await wfpsec(["apply", sa.file, "--confirm-within", "5s", "--json", ...SIM(state)], KEYS);
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal((await saContexts(state)).length, 1);
  await pastDeadline(apply);
  // The host rebooted after the deadline: SA contexts do not survive BFE's restart, the filters do.
  const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)], { FWPSIM_BOOT: "1" });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r, "revert").outcome, "reverted");
  assert.equal(await engineState(state), before);
  assert.deepEqual(await saContexts(state), []);
});

/** Spawns `apply` slowed down by fwpsim, and SIGKILLs it right after the first mutation matching `at`. */
async function killDuring(args: string[], at: RegExp, env: Record<string, string>): Promise<string> {
  const child = spawnWfpsec(args, { FWPSIM_DELAY_US: "30000", FWPSIM_DUMP_MUTATIONS: "1", ...env });
  const stdout = new Response(child.stdout).text();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  while (!at.test(err)) {
    const { value, done } = await reader.read();
    if (done) break;
    err += value;
  }
  try {
    child.kill("SIGKILL");
  } catch { /* already exited */ }
  const status = await child.status;
  reader.releaseLock();
  await child.stderr.cancel().catch(() => {});
  transcript.push(await stdout, err);
  assert.equal(status.signal, "SIGKILL", `the apply ended before the kill:\n${err}`);
  return err;
}

Deno.test({
  name: "an armed apply killed after its commit (during its SA calls) is reverted at the deadline",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`, a = `${dir}/a.yaml`;
  const sa = saPolicy(dir);
  Deno.writeTextFileSync(a, testPolicy({ name: "pol-a" }));
  assert.equal((await wfpsec(["apply", a, ...SIM(state)])).code, 0);
  const before = await engineState(state);
  await killDuring(
    ["apply", sa.file, "--confirm-within", "5s", ...SIM(state)],
    /fwpsim: mutation \d+ IPsecSaContextAddInbound1/,
    KEYS,
  );
  const rec = JSON.parse(Deno.readTextFileSync(record(state)));
  assert.notEqual(await engineState(state), before, "the filter transaction had committed");
  const deadline = Date.parse(rec.deadline);
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() + 100)));
  const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r, "revert").outcome, "reverted");
  assert.equal(await engineState(state), before);
  assert.deepEqual(await saContexts(state), [], "the half-made SA context went with its filters");
});

Deno.test({
  name: "an armed apply killed inside its transaction left the old state: revert --due says so and disarms",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`, a = `${dir}/a.yaml`, b = `${dir}/b.yaml`;
  Deno.writeTextFileSync(a, testPolicy({ name: "pol-a" }));
  Deno.writeTextFileSync(b, testPolicy({ name: "pol-b", remote: "172.16.0.0/12" }));
  assert.equal((await wfpsec(["apply", a, ...SIM(state)])).code, 0);
  const before = await engineState(state);
  // Killed after its second change, before the record is written and the transaction commits.
  await killDuring(["apply", b, "--confirm-within", "5s", ...SIM(state)], /fwpsim: mutation 2 /, {});
  assert.equal(await engineState(state), before, "the transaction was aborted");
  const r = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
  assert.equal(r.code, 0);
  assert.equal(json(r, "revert").outcome, "nothing-armed");
  // A record whose apply never committed (written, then killed before the commit) is recognised too.
  const apply = await wfpsec(["apply", b, "--confirm-within", "5s", "--json", ...SIM(state)]);
  assert.equal(apply.code, 0, apply.stderr);
  const armed = Deno.readTextFileSync(record(state));
  assert.equal((await wfpsec(["revert", ...SIM(state)])).code, 0);
  Deno.writeTextFileSync(record(state), armed); // as if the revert had been the abort of that commit
  const again = await wfpsec(["revert", "--due", "--json", ...SIM(state)]);
  assert.equal(json(again, "revert").outcome, "not-due");
  const now = await wfpsec(["revert", "--json", ...SIM(state)]);
  assert.equal(now.code, 0, now.stdout);
  assert.equal(json(now, "revert").outcome, "not-applied");
  assert.equal(await engineState(state), before);
});

Deno.test({ name: "no key appears in any output of these tests", ignore }, () => {
  const all = transcript.join("\n").toLowerCase();
  assert.ok(all.length > 0);
  for (const k of [KEY_IN, KEY_OUT]) {
    assert.ok(!all.includes(k.slice(0, 16)), "part of a manual SA key was printed");
  }
  assert.ok(!all.includes(PSK_VALUE.toLowerCase()), "the pre-shared key was printed");
});
