/**
 * What plan and apply tell the admin before the changes: the simulator refuses to run without a state file
 * (it would forget every apply), a policy with another name than the one in force is called a replacement,
 * the policy's warnings (weak crypto allowed) are shown as validate shows them, and the plan itself speaks
 * the policy's vocabulary (changes under their rule or exemption, reasons as the policy file names things).
 */
import assert from "node:assert/strict";
import { haveSim, json, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();

/** The test policy with weak main-mode crypto, allowed with allowWeakCrypto (a warning, not an error). */
function weakPolicy(): string {
  return testPolicy()
    .replace(/^name: (.*)$/m, "name: $1\nallowWeakCrypto: true")
    .replace("aes256-sha256-ecp384", "aes128-sha1-dh2");
}

Deno.test({ name: "--engine sim without --sim-state or FWPSIM_STATE is refused", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const commands: string[][] = [
    ["apply", policy],
    ["plan", policy],
    ["remove"],
    ["show"],
    ["export"],
    ["sa"],
    ["events"],
  ];
  for (const args of commands) {
    const r = await wfpsec([...args, "--engine", "sim", "--json"], { FWPSIM_STATE: "" });
    assert.equal(r.code, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
    const err = json(r, args[0]).error as { type: string; message: string };
    assert.equal(err.type, "UsageError", args[0]);
    assert.match(
      err.message,
      /simulator needs --sim-state FILE \(or FWPSIM_STATE\) to keep state between runs/,
    );
    const t = await wfpsec([...args, "--engine", "sim"], { FWPSIM_STATE: "" });
    assert.equal(t.code, 1);
    assert.match(t.stderr, /UsageError: the simulator needs --sim-state FILE/);
  }
  // The same through the environment: WFPSEC_ENGINE=sim alone is refused, FWPSIM_STATE makes it work.
  const envOnly = await wfpsec(["plan", policy], { WFPSEC_ENGINE: "sim", FWPSIM_STATE: "" });
  assert.equal(envOnly.code, 1);
  assert.match(envOnly.stderr, /needs --sim-state FILE/);
  const state = `${dir}/engine.state`;
  const a = await wfpsec(["apply", policy], { WFPSEC_ENGINE: "sim", FWPSIM_STATE: state });
  assert.equal(a.code, 0, a.stderr);
  const p = await wfpsec(["plan", policy], { WFPSEC_ENGINE: "sim", FWPSIM_STATE: state });
  assert.equal(p.code, 0, "the state file kept what apply did: in sync");
  // doctor reads no persistent state and still runs without one.
  const d = await wfpsec(["doctor", "--engine", "sim", "--json"], { FWPSIM_STATE: "" });
  assert.equal(json(d, "doctor").error, undefined, d.stdout);
});

Deno.test(
  { name: "a policy with another name than the one in force is announced as a replacement", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, first = `${dir}/first.yaml`, second = `${dir}/second.yaml`;
    Deno.writeTextFileSync(first, testPolicy({ name: "corp-old" }));
    Deno.writeTextFileSync(second, testPolicy({ name: "corp-new" }));
    const sim = ["--engine", "sim", "--sim-state", state];

    // Nothing in force: no headline, replacesPolicy null.
    const fresh = await wfpsec(["plan", first, ...sim, "--json"]);
    assert.equal(fresh.code, 2, fresh.stderr);
    assert.equal(json(fresh, "plan").replacesPolicy, null);
    const a1 = await wfpsec(["apply", first, ...sim]);
    assert.equal(a1.code, 0, a1.stderr);
    assert.doesNotMatch(a1.stdout + a1.stderr, /replaces policy/);
    // Same name again: in sync, no headline.
    const same = await wfpsec(["plan", first, ...sim, "--json"]);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(json(same, "plan").replacesPolicy, null);

    const planText = await wfpsec(["plan", second, ...sim]);
    assert.equal(planText.code, 2, planText.stderr);
    assert.match(planText.stdout, /replaces policy 'corp-old' \(in force\) with 'corp-new'/);
    const planJson = await wfpsec(["plan", second, ...sim, "--json"]);
    assert.deepEqual(json(planJson, "plan").replacesPolicy, { name: "corp-old" });

    const applyJson = await wfpsec(["apply", second, ...sim, "--json"]);
    assert.equal(applyJson.code, 0, applyJson.stderr);
    const doc = json(applyJson, "apply");
    assert.deepEqual(doc.replacesPolicy, { name: "corp-old" });
    assert.equal(doc.outcome, "applied");
    // Now corp-new is in force: applying corp-old back says so in text.
    const back = await wfpsec(["apply", first, ...sim]);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /This apply replaces policy 'corp-new' \(in force\) with 'corp-old'/);
    const ifDrifted = await wfpsec(["apply", second, "--if-drifted", ...sim]);
    assert.equal(ifDrifted.code, 0, ifDrifted.stdout);
    assert.deepEqual(JSON.parse(ifDrifted.stdout).replacesPolicy, { name: "corp-old" });
  },
);

Deno.test({ name: "weak-crypto warnings appear in plan and apply, text and JSON", ignore }, async () => {
  const dir = tempDir();
  const state = `${dir}/engine.state`, policy = `${dir}/weak.yaml`;
  Deno.writeTextFileSync(policy, weakPolicy());
  const sim = ["--engine", "sim", "--sim-state", state];
  const v = json(await wfpsec(["validate", policy, "--json"]), "validate");
  const expected = v.warnings as { message: string; line: number; code: string }[];
  assert.ok(expected.length > 0 && expected.every((w) => w.code === "weak-crypto-allowed"), "validate warns");

  const planJson = await wfpsec(["plan", policy, ...sim, "--json"]);
  assert.equal(planJson.code, 2, planJson.stderr);
  assert.deepEqual(json(planJson, "plan").warnings, expected);
  const planText = await wfpsec(["plan", policy, ...sim]);
  assert.equal(planText.code, 2);
  for (const w of expected) {
    assert.ok(
      planText.stderr.includes(`${policy}:${w.line}:`) && planText.stderr.includes(`: warning: ${w.message}`),
      planText.stderr,
    );
  }
  assert.doesNotMatch(planText.stdout, /warning/, "warnings go to stderr, the plan to stdout");

  const applyText = await wfpsec(["apply", policy, ...sim]);
  assert.equal(applyText.code, 0, applyText.stderr);
  assert.match(
    applyText.stderr,
    new RegExp(`${policy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: warning: .*weak`),
  );
  const applyJson = await wfpsec(["apply", policy, ...sim, "--json"]);
  assert.equal(applyJson.code, 0, applyJson.stderr);
  const doc = json(applyJson, "apply");
  assert.equal(doc.outcome, "in-sync");
  assert.deepEqual(doc.warnings, expected);

  // A policy without weak crypto has an empty warnings array.
  const clean = `${dir}/clean.yaml`;
  Deno.writeTextFileSync(clean, testPolicy());
  assert.deepEqual(json(await wfpsec(["plan", clean, ...sim, "--json"]), "plan").warnings, []);
});

Deno.test(
  { name: "plans speak the policy: changes listed by rule and exemption, reasons in policy terms", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    const sim = ["--engine", "sim", "--sim-state", state];
    Deno.writeTextFileSync(policy, testPolicy({ extraExemption: true }));
    const fresh = await wfpsec(["plan", policy, ...sim, "--json"]);
    assert.equal(fresh.code, 2, fresh.stderr);
    type C = {
      kind: string;
      action: string;
      reason: string;
      wfpReason?: string;
      path?: string;
      group: { kind: string; name?: string };
    };
    const added = json(fresh, "plan").changes as C[];
    const items = added.map((c) => `${c.group.kind} ${c.group.name ?? ""}`);
    assert.deepEqual(items.filter((g, i) => i === 0 || items[i - 1] !== g), [
      "policy cli-test",
      "mainMode mm",
      "quickMode qm",
      "rule corp",
      "exemption IKE traffic (added by wfpsec)",
      "exemption dns",
      "exemption icmp",
    ], "each policy item's objects together, in the policy's section order");
    assert.ok(
      added.every((c) => c.path !== undefined && c.path.length > 0),
      "every object has its policy path",
    );
    const text = await wfpsec(["plan", policy, ...sim]);
    assert.match(text.stdout, /^rule corp\n {2}\+ add {5}filter /m);
    assert.match(text.stdout, /^exemption dns\n {2}\+ add /m);

    assert.equal((await wfpsec(["apply", policy, ...sim])).code, 0);
    // The main-mode cipher and the rule's subnet change: said as the policy says them.
    Deno.writeTextFileSync(
      policy,
      testPolicy({ extraExemption: true, remote: "10.20.0.0/16" }).replace(
        "aes256-sha256-ecp384",
        "aes128-sha256-ecp384",
      ),
    );
    const edited = await wfpsec(["plan", policy, ...sim, "--json"]);
    assert.equal(edited.code, 2, edited.stderr);
    const changes = json(edited, "plan").changes as C[];
    const mm = changes.find((c) => c.group.kind === "mainMode" && c.action === "replace");
    assert.equal(mm?.reason, "proposal 1 cipher aes256 -> aes128");
    assert.match(
      mm!.wfpReason!,
      /^ikeMmPolicy\.ikeProposals\[0\]\.cipherAlgorithm\.algoIdentifier: \d+ -> \d+$/,
    );
    const rule = changes.filter((c) => c.group.kind === "rule" && c.kind === "filter");
    assert.ok(rule.length > 0);
    assert.ok(
      rule.every((c) => c.reason.startsWith("remote 10.0.0.0/8 -> 10.20.0.0/16")),
      JSON.stringify(rule, null, 1),
    );
    const t = await wfpsec(["plan", policy, ...sim]);
    assert.match(
      t.stdout,
      /^main mode mm\n {2}~ replace providerContext .*\n {8}proposal 1 cipher aes256 -> aes128$/m,
    );
    assert.doesNotMatch(t.stdout, /algoIdentifier/, "human text gives the policy's terms");
  },
);
