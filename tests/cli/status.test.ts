/**
 * `wfpsec status POLICY` as an MDM detection script runs it: exactly one line on stdout (at most 2,048
 * characters; one JSON object with --json), exit 0 when compliant (in sync, nothing of ours disabled) and 1
 * when not (drifted, disabled, policy or engine error; disabled objects: tests/unit/monitor/status.test.ts,
 * since only BFE itself can disable a filter). The line names the policy and its digest, the drift
 * counts, disabled objects, coexisting foreign IPsec policy, SA counts and the failures of the last hour.
 */
import assert from "node:assert/strict";
import { haveSim, ROOT, tempDir, testPolicy, wfpsec } from "./helpers.ts";
import { addForeignPolicy } from "../support/foreignPolicy.ts";
import { eventsArg, mmFailure } from "../support/netEvents.ts";
import { objectSet } from "../support/objectSet.ts";
import { simHooks } from "../support/simHooks.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { FLAGS, IKE_ERRORS } from "../../ffi/constants.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { WFPSEC_PROVIDER_KEY } from "../../modules/compiler/mod.ts";

const ignore = !haveSim() || Deno.build.os === "windows";
const MAX = 2048;
const INJECTOR = `${ROOT}/tests/support/injectNetEvents.ts`;

async function injector(state: string, ...args: string[]): Promise<void> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", INJECTOR, state, ...args],
  })
    .output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
}

function setup() {
  const dir = tempDir();
  const state = `${dir}/state.bin`, policy = `${dir}/policy.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const SIM = ["--engine", "sim", "--sim-state", state];
  return { dir, state, policy, SIM };
}

/** Runs status; checks the one-line contract; returns the line and exit code. */
async function status(args: string[]): Promise<{ code: number; line: string }> {
  const r = await wfpsec(["status", ...args]);
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, `exactly one line on stdout, got:\n${r.stdout}\nstderr: ${r.stderr}`);
  assert.ok(lines[0].length <= MAX, `line of ${lines[0].length} characters`);
  return { code: r.code, line: lines[0] };
}

/** Runs the test process's own session on `state` (fwpsim in this process), then clears the path. */
function withEngine<T>(state: string, fn: (e: ReturnType<typeof openEngine>) => T): T {
  const hooks = simHooks(loadLibrary({ simulator: true }))!;
  hooks.setStatePath(state);
  const engine = openEngine({ simulator: true });
  try {
    return fn(engine);
  } finally {
    engine.close();
    hooks.setStatePath(null);
  }
}

Deno.test({
  name: "status: not applied -> NOT COMPLIANT (exit 1) with the drift counts; applied -> COMPLIANT (exit 0)",
  ignore,
  async fn() {
    const { policy, SIM } = setup();
    let r = await status([policy, ...SIM]);
    assert.equal(r.code, 1);
    assert.match(
      r.line,
      /^wfpsec NOT COMPLIANT \(SIMULATOR\): policy 'cli-test' sha256:[0-9a-f]{12}; DRIFTED \(add \d+/,
    );
    assert.equal((await wfpsec(["apply", policy, ...SIM])).code, 0);
    r = await status([policy, ...SIM]);
    assert.equal(r.code, 0, r.line);
    assert.match(
      r.line,
      /^wfpsec COMPLIANT \(SIMULATOR\): policy 'cli-test' sha256:[0-9a-f]{12}; in sync \(\d+ objects\); disabled: none; foreign IPsec policy: none; SAs: 0 IKE, 0 IPsec, 0 manual; failures last 60 min: 0$/,
    );
    const j = await status([policy, ...SIM, "--json"]);
    assert.equal(j.code, 0);
    const doc = JSON.parse(j.line);
    assert.equal(doc.command, "status");
    assert.equal(doc.compliant, true);
    assert.equal(doc.inSync, true);
    assert.match(doc.policy.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(doc.line, r.line);
  },
});

Deno.test({
  name: "status reports foreign IPsec policy and the last hour's failures (ours / foreign), still compliant",
  ignore,
  async fn() {
    const { state, policy, SIM } = setup();
    assert.equal((await wfpsec(["apply", policy, ...SIM])).code, 0);
    const foreign = addForeignPolicy(state);
    const ours = withEngine(state, (e) => e.enumFilters({ providerKey: WFPSEC_PROVIDER_KEY }))
      .find((f) => new TextDecoder().decode(f.providerData).includes("/ikeext/"))!.filterId!;
    const now = Date.now();
    const NO_CERT = IKE_ERRORS.ERROR_IPSEC_IKE_NO_CERT.code;
    await injector(
      state,
      "inject",
      eventsArg([
        mmFailure(1, { filterId: ours, code: NO_CERT, ms: now - 10 * 60_000 }),
        mmFailure(2, { filterId: ours, code: NO_CERT, ms: now - 5 * 60_000 }),
        mmFailure(3, { filterId: foreign.ikeextFilterId, ms: now - 60_000 }),
        mmFailure(4, { filterId: ours, ms: now - 2 * 3600_000 }), // older than an hour: not counted
      ]),
    );
    const r = await status([policy, ...SIM]);
    assert.equal(r.code, 0, r.line);
    assert.match(r.line, /foreign IPsec policy: 1 filter\(s\) of 'ContosoVPN provider/);
    assert.match(
      r.line,
      /failures last 60 min: 3 \(ours 2, foreign 1, unknown 0; ERROR_IPSEC_IKE_NO_CERT x2, ERROR_IPSEC_IKE_AUTH_FAIL x1\)/,
    );
    const doc = JSON.parse((await status([policy, ...SIM, "--json"])).line);
    assert.deepEqual(doc.foreign.providers.map((p: { filters: number }) => p.filters), [1]);
    assert.equal(doc.failures.wfpsec, 2);
  },
});

Deno.test({
  name: "status: a bad policy file or an engine that is not running is one NOT COMPLIANT line, exit 1",
  ignore,
  async fn() {
    const { dir, state, policy, SIM } = setup();
    const bad = `${dir}/bad.yaml`;
    Deno.writeTextFileSync(bad, "version: 1\nname: x\nrules: 7\n");
    let r = await status([bad, ...SIM]);
    assert.equal(r.code, 1);
    assert.match(r.line, /^wfpsec NOT COMPLIANT.*PolicyError: .*bad\.yaml:\d+:\d+/);
    const j = JSON.parse((await status([bad, ...SIM, "--json"])).line);
    assert.deepEqual([j.compliant, j.error.type], [false, "PolicyError"]);
    await injector(state, "stop");
    r = await status([policy, ...SIM]);
    assert.equal(r.code, 1);
    assert.match(
      r.line,
      /^wfpsec NOT COMPLIANT \(SIMULATOR\): policy 'cli-test'; WfpError: .*EPT_S_NOT_REGISTERED/,
    );
    await injector(state, "start");
  },
});

Deno.test({
  name: "status stays within 2,048 characters (text and JSON) with 60 foreign providers of long names",
  ignore,
  async fn() {
    const { state, policy, SIM } = setup();
    assert.equal((await wfpsec(["apply", policy, ...SIM])).code, 0);
    withEngine(state, (e) => {
      e.transaction(() => {
        for (let i = 0; i < 60; i++) {
          const s = objectSet(`Vendor-${i}-${"x".repeat(200)}`);
          const P = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT;
          e.addProvider({ ...s.provider, flags: P });
          e.addSublayer({ ...s.sublayer, flags: FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT });
          const C = FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT;
          e.addProviderContext({ ...s.mainMode, flags: C });
          const mm = s.filters.find((f) => f.providerContextKey === s.mainMode.providerContextKey)!;
          e.addFilter({ ...mm, flags: mm.flags | FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_PERSISTENT });
        }
      });
    });
    const r = await status([policy, ...SIM]);
    assert.equal(r.code, 0);
    assert.match(r.line, /foreign IPsec policy: 60 filter\(s\) of .*\+57 more/);
    const j = await status([policy, ...SIM, "--json"]);
    const doc = JSON.parse(j.line);
    assert.equal(doc.compliant, true);
    assert.equal(doc.foreign.filters, 60);
  },
});
