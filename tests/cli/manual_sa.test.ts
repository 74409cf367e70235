/**
 * Manual SAs end to end on fwpsim, as a user runs the CLI: the manual-SA example (examples/manual-sa.yaml)
 * applies (filters in one transaction, then Create -> SetSpi -> AddInbound -> AddOutbound), `sa` lists the
 * pair, `plan` is in sync, `remove` deletes the SA context with the filters; a failure injected at every
 * state-changing call of the apply (each SA call included) leaves the engine exactly as it was, SA contexts
 * included; no key ever appears in any output.
 *
 * The commands run in one process (manual_sa_driver.ts calls cli.ts's main once per command line), which also
 * lets the failure-injection cases count state-changing calls per process. fwpsim keeps SA contexts in its
 * state file, so separate processes see them too: tests/cli/bfe_start.test.ts checks that with real processes.
 */
import assert from "node:assert/strict";
import { cliEnv, engineState, FLAGS, haveSim, ROOT, tempDir, transcript, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const DRIVER = `${ROOT}/tests/cli/manual_sa_driver.ts`;
const KEY_IN = "6b1f0c2ad4e85b7391a0c6d2e4f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2";
const KEY_OUT = "9e8d7c6b5a49382716f5e4d3c2b1a0f9".repeat(2);
const NEW_KEY_OUT = "00112233445566778899aabbccddeeff".repeat(2);
const FWP_E_TIMEOUT = "0x80320012";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command lines in one CLI process; one Run per command line. */
async function session(
  runs: (string[] | { args: string[]; env: Record<string, string> })[],
  env: Record<string, string> = {},
): Promise<Run[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, DRIVER, JSON.stringify(runs)],
    env: cliEnv({ PEER_OUT_KEY: KEY_OUT, ...env }),
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout), stderr = new TextDecoder().decode(out.stderr);
  transcript.push(stdout, stderr);
  const split = (s: string) => s.split(/^@@wfpsec-exit (\d+)@@\n/m);
  const o = split(stdout), e = split(stderr);
  const res: Run[] = [];
  for (let i = 0; i + 1 < o.length; i += 2) {
    res.push({ code: Number(o[i + 1]), stdout: o[i], stderr: e[i] ?? "" });
  }
  assert.equal(res.length, runs.length, `driver ended early (exit ${out.code}):\n${stdout}\n${stderr}`);
  return res;
}

/** The example with its inbound key file pointing at a temp file holding KEY_IN. */
function examplePolicy(dir: string): string {
  const keyFile = `${dir}/peer-in.key`;
  Deno.writeTextFileSync(keyFile, KEY_IN + "\n");
  const text = Deno.readTextFileSync(`${ROOT}/examples/manual-sa.yaml`).replace(
    "/etc/wfpsec/peer-in.key",
    keyFile,
  );
  assert.ok(text.includes(keyFile));
  const file = `${dir}/manual-sa.yaml`;
  Deno.writeTextFileSync(file, text);
  return file;
}

const doc = (r: Run) => JSON.parse(r.stdout) as Record<string, unknown>;
type SaDoc = {
  saContexts: Record<string, unknown>[];
  ipsecSas: Record<string, unknown>[];
  ikeSas: unknown[];
};

Deno.test(
  { name: "the manual-SA example applies, is listed by sa, plans in sync and is removed", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`;
    const policy = examplePolicy(dir);
    const exported = `${dir}/exported.yaml`;
    const [apply, sa, plan, again, saText, exp, planExported, remove, after] = await session([
      ["apply", policy, "--json", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
      ["plan", policy, "--json", ...SIM(state)],
      ["apply", policy, "--json", ...SIM(state)],
      ["sa", ...SIM(state)],
      ["export", "-o", exported, ...SIM(state)],
      ["plan", exported, "--json", ...SIM(state)],
      ["remove", "--json", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
    ]);
    assert.equal(apply.code, 0, apply.stderr);
    const changes = doc(apply).changes as { kind: string; action: string; name: string; reason: string }[];
    assert.deepEqual(changes.filter((c) => c.kind === "manualSa").map((c) => [c.action, c.name, c.reason]), [
      ["add", "peer-2-2-2-2", "not in the engine"],
    ]);

    assert.equal(sa.code, 0, sa.stderr);
    const s = doc(sa) as unknown as SaDoc;
    assert.equal(s.saContexts.length, 1);
    assert.deepEqual(s.ikeSas, [], "the simulator negotiates no IKE SAs");
    const ctx = s.saContexts[0] as Record<string, Record<string, unknown>>;
    assert.equal(ctx.inboundSa.local, "1.1.1.1");
    assert.equal(ctx.inboundSa.remote, "2.2.2.2");
    assert.equal(ctx.inboundSa.saDirectionName, "FWP_DIRECTION_INBOUND");
    assert.equal((ctx.inboundSa.saList as Record<string, unknown>[])[0].spiHex, "0x00001001");
    assert.equal((ctx.outboundSa.saList as Record<string, unknown>[])[0].spiHex, "0x00002002");
    assert.equal(
      (ctx.outboundSa.saList as Record<string, unknown>[])[0].saTransformTypeName,
      "IPSEC_TRANSFORM_AH",
    );
    assert.equal(s.ipsecSas.length, 2);

    assert.equal(plan.code, 0, plan.stdout);
    assert.equal(doc(plan).inSync, true);
    assert.equal(doc(again).outcome, "in-sync");
    assert.match(saText.stdout, /Manual SA contexts \(1\)/);
    assert.match(saText.stdout, /0x1001\s+0x2002\s+AH\/AH/);
    // export gives the SA pair back with its key references, and plans to no change.
    assert.equal(exp.code, 0, exp.stderr);
    const text = Deno.readTextFileSync(exported);
    assert.match(text, /manualSas:/);
    assert.match(text, /PEER_OUT_KEY/);
    assert.equal(planExported.code, 0, planExported.stdout + planExported.stderr);

    assert.equal(remove.code, 0, remove.stderr);
    assert.equal((doc(remove).removed as Record<string, number>).saContexts, 1);
    assert.deepEqual((doc(after) as unknown as SaDoc).saContexts, []);
    assert.deepEqual((doc(after) as unknown as SaDoc).ipsecSas, []);
  },
);

Deno.test(
  { name: "SA contexts lost at a BFE restart are planned and re-created", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`;
    const policy = examplePolicy(dir);
    const [apply] = await session([["apply", policy, "--json", ...SIM(state)]]);
    assert.equal(apply.code, 0, apply.stderr);
    // A new process after a BFE restart (FWPSIM_BOOT): the filters are persistent, the SA context is not.
    const [plan, fix, sa, plan2] = await session([
      ["plan", policy, "--json", ...SIM(state)],
      ["apply", policy, "--if-drifted", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
      ["plan", policy, "--json", ...SIM(state)],
    ], { FWPSIM_BOOT: "1" });
    assert.equal(plan.code, 2);
    const changes = doc(plan).changes as { kind: string; action: string; reason: string }[];
    assert.deepEqual(changes.map((c) => [c.kind, c.action, c.reason]), [
      ["manualSa", "add", "no SA context for its filters in the engine"],
    ]);
    assert.equal(fix.code, 0, fix.stdout);
    assert.equal(fix.stdout.trim().split("\n").length, 1, "--if-drifted prints one line");
    assert.equal(JSON.parse(fix.stdout).outcome, "applied");
    assert.equal((doc(sa) as unknown as SaDoc).saContexts.length, 1);
    assert.equal(doc(plan2).inSync, true);
  },
);

Deno.test({
  name: "a changed key replaces the SA pair; a pair removed from the policy has its SA context deleted",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/s.state`;
  const policy = examplePolicy(dir);
  const without = `${dir}/without.yaml`;
  Deno.writeTextFileSync(without, "version: 1\nname: manual-sa\nexemptions:\n  - icmp\n");
  const [apply, plan, again, sa1, drop, sa2] = await session([
    ["apply", policy, "--json", ...SIM(state)],
    ["plan", policy, "--json", ...SIM(state)],
    ["apply", policy, "--json", ...SIM(state)],
    ["sa", "--json", ...SIM(state)],
    ["apply", without, "--json", ...SIM(state)],
    ["sa", "--json", ...SIM(state)],
  ]);
  assert.equal(apply.code, 0, apply.stderr);
  // plan and the second apply see PEER_OUT_KEY = KEY_OUT too: in sync. The key change comes next.
  assert.equal(doc(plan).inSync, true);
  assert.equal(doc(again).outcome, "in-sync");
  assert.equal((doc(sa1) as unknown as SaDoc).saContexts.length, 1);
  assert.equal(drop.code, 0, drop.stderr);
  const dropped = (doc(drop).changes as { kind: string; action: string; reason: string }[])
    .filter((c) => c.kind === "manualSa");
  assert.deepEqual(dropped.map((c) => [c.action, c.reason]), [["delete", "not in the policy"]]);
  assert.deepEqual((doc(sa2) as unknown as SaDoc).saContexts, []);

  // The outbound key changes between two commands of one process (fwpsim keeps the SA context).
  const k = SIM(`${dir}/k.state`);
  const [b0, b1, b2, b3] = await session([
    ["apply", policy, "--json", ...k],
    { args: ["plan", policy, "--json", ...k], env: { PEER_OUT_KEY: NEW_KEY_OUT } },
    ["apply", policy, "--json", ...k],
    ["sa", "--json", ...k],
  ]);
  assert.equal(b0.code, 0, b0.stderr);
  const planned = doc(b1).changes as { kind: string; action: string; reason: string; fields?: string[] }[];
  assert.deepEqual(
    planned.filter((c) => c.kind === "manualSa").map((c) => [c.action, c.reason]),
    [["replace", "its filters are replaced"]],
  );
  assert.ok(
    planned.some((c) =>
      c.kind === "filter" && c.action === "replace" && c.reason === "manual SA key, SPI or transform changed"
    ),
  );
  assert.equal(b2.code, 0, b2.stderr);
  const ctx = (doc(b3) as unknown as SaDoc).saContexts;
  assert.equal(ctx.length, 1, "the old SA context was deleted, the new one created");
});

Deno.test({
  name: "a failure at every state-changing call of a manual-SA apply, SA calls included, changes nothing",
  ignore,
}, async () => {
  const dir = tempDir();
  const base = `${dir}/base.state`;
  const policy = examplePolicy(dir);
  // Start from another policy in force, so the compensating transaction has something to restore.
  const other = `${dir}/other.yaml`;
  Deno.writeTextFileSync(
    other,
    "version: 1\nname: manual-sa\nexemptions:\n  - icmp\n  - { name: dns, remote: 10.0.0.53, protocol: udp, remotePorts: 53 }\n",
  );
  const r0 = await wfpsec(["apply", other, ...SIM(base)]);
  assert.equal(r0.code, 0, r0.stderr);
  const before = await engineState(base);

  const saFailures = new Set<string>();
  let succeededAt = 0;
  for (let n = 1; n < 200 && !succeededAt; n++) {
    const state = `${dir}/f${n}.state`;
    Deno.copyFileSync(base, state);
    const [apply, sa] = await session([
      ["apply", policy, "--json", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
    ], { FWPSIM_FAIL_AT: `${n}:${FWP_E_TIMEOUT}` });
    if (apply.code === 0) {
      succeededAt = n;
      break;
    }
    const err = doc(apply).error as { wfpCode: string; object?: { kind: string } };
    assert.equal(err.wfpCode, FWP_E_TIMEOUT, apply.stdout);
    if (err.object?.kind === "manualSa") saFailures.add(apply.stdout.match(/IPsecSaContext\w+/)?.[0] ?? "?");
    assert.deepEqual((doc(sa) as unknown as SaDoc).saContexts, [], `failure at call ${n} left an SA context`);
    assert.equal(await engineState(state), before, `failure at call ${n} changed the engine`);
  }
  assert.ok(succeededAt > 4, `apply succeeded at call ${succeededAt}`);
  assert.deepEqual([...saFailures].sort(), [
    "IPsecSaContextAddInbound1",
    "IPsecSaContextAddOutbound1",
    "IPsecSaContextCreate1",
    "IPsecSaContextSetSpi0",
  ]);
});

Deno.test({ name: "sa is in the help and needs a live engine", ignore }, async () => {
  const help = await wfpsec(["--help"]);
  assert.match(help.stdout, /^\s+sa\s+IKE\/AuthIP SAs, IPsec SAs and manual SA contexts/m);
  const h = await wfpsec(["sa", "--help"]);
  assert.match(
    h.stdout,
    /Usage: wfpsec sa \[--delete ID \[--kind ike\|context\]\] \[--json\] \[engine options\]/,
  );
  assert.match(h.stdout, /Keys are never shown/);
  // Offline snapshots hold no SAs: `sa` does not take --state.
  const r = await wfpsec(["sa", "--state", "snap.json", "--json"]);
  assert.equal(r.code, 1);
  assert.equal((doc(r).error as Record<string, string>).type, "UsageError");
});

Deno.test({ name: "no manual SA key appears in any output of these tests", ignore }, () => {
  const all = transcript.join("\n").toLowerCase();
  assert.ok(all.length > 0);
  for (const k of [KEY_IN, KEY_OUT, NEW_KEY_OUT]) {
    assert.ok(!all.includes(k), "a manual SA key was printed");
    assert.ok(!all.includes(k.slice(0, 16)), "part of a manual SA key was printed");
  }
});

Deno.test(
  { name: "sa --delete ends one manual SA context by id; the next plan re-creates it", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/s.state`;
    const policy = examplePolicy(dir);
    const [apply, before] = await session([
      ["apply", policy, "--json", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
    ]);
    assert.equal(apply.code, 0, apply.stderr);
    const id = String((doc(before) as unknown as SaDoc).saContexts[0].saContextId);
    const [del, after, plan, none, wrongKind, text] = await session([
      ["apply", policy, "--json", ...SIM(state)],
      ["sa", "--delete", id, "--json", ...SIM(state)],
      ["sa", "--json", ...SIM(state)],
      ["plan", policy, "--json", ...SIM(state)],
      ["sa", "--delete", "999", ...SIM(state)],
      ["sa", "--delete", id, "--kind", "ike", ...SIM(state)],
      ["sa", "--delete", "5", "--kind", "context", ...SIM(state)],
    ]).then((r) => r.slice(1));
    assert.equal(del.code, 0, del.stderr);
    assert.deepEqual(doc(del).deleted, { kind: "context", id });
    assert.deepEqual((doc(after) as unknown as SaDoc).saContexts, []);
    assert.equal(plan.code, 2, "the deleted SA context is planned again");
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no IKE SA and no manual SA context has id 999.*nothing was deleted/);
    assert.equal(wrongKind.code, 1);
    assert.match(wrongKind.stderr, new RegExp(`no IKE SA has id ${id}`));
    assert.equal(text.code, 1);
    assert.match(text.stderr, /no manual SA context has id 5/);
  },
);

Deno.test(
  { name: "sa --delete: a bad id or kind is a usage error before any engine is opened", ignore },
  async () => {
    const [bad, zero, kind, lone] = await session([
      ["sa", "--delete", "abc", "--json"],
      ["sa", "--delete", "0", "--json"],
      ["sa", "--delete", "5", "--kind", "tunnel", "--engine", "sim", "--sim-state", "/nonexistent/dir/s"],
      ["sa", "--kind", "ike", "--json"],
    ]);
    for (const r of [bad, zero, lone]) {
      // no engine options at all: these fail before an engine would be needed
      assert.equal(r.code, 1);
      assert.equal((doc(r).error as Record<string, unknown>).type, "UsageError");
    }
    assert.match(
      String((doc(bad).error as Record<string, unknown>).message),
      /--delete: "abc" is not an SA id/,
    );
    assert.match(String((doc(lone).error as Record<string, unknown>).message), /--kind goes with --delete/);
    assert.equal(kind.code, 1);
    assert.match(kind.stderr, /--kind: "tunnel" is not one of ike, context/);
  },
);
