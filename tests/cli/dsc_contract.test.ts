/**
 * The Wfpsec/IPsecPolicy DSC v3 resource, driven exactly as DSC drives it from the manifest
 * (tests/cli/dsc_driver.ts): on fwpsim, through a host's life: test finds it missing, whatIf shows the plan
 * and changes nothing, set applies it in one transaction, test is then in the desired state, drift is found
 * and repaired, export lists it, `_exist: false` removes it; bad input and engine failures are non-zero exits
 * with DSC error lines, and change nothing.
 */
import assert from "node:assert/strict";
import { DscResource, ResourceFailure } from "./dsc_driver.ts";
import { engineState, haveSim, PSK_VALUE, tempDir, testPolicy, transcript, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const FWP_E_IN_USE = "0x8032000a";

/** A host: a simulator state file, the DSC environment that selects it, and a policy file. */
function host() {
  const dir = tempDir();
  const state = `${dir}/engine.state`;
  const policy = `${dir}/policy.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  return { dir, state, policy, env: { WFPSEC_ENGINE: "sim", FWPSIM_STATE: state } };
}

/** Every stderr line of every call was a DSC message; none carried the pre-shared key. */
function assertCleanOutput(r: DscResource) {
  for (const i of r.invocations) assert.deepEqual(i.unparsed, [], "stderr lines DSC cannot parse");
  assert.ok(!transcript.join("").includes(PSK_VALUE), "the pre-shared key was printed");
}

Deno.test(
  { name: "DSC resource: test, whatIf, set, test, export, remove through the manifest", ignore },
  async () => {
    const h = host();
    const dsc = await DscResource.open(h.env);
    const desired = { path: h.policy };

    const t0 = await dsc.test(desired);
    assert.equal(t0.state._inDesiredState, false);
    assert.equal(t0.state._exist, false);
    assert.deepEqual(t0.diff, ["_exist"]);
    assert.ok(t0.messages.some((m) => m.level === "warn" && /SIMULATOR/.test(m.text)), "says it is fwpsim");
    assert.equal(t0.state.simulated, true);

    // whatIf: the plan, in the policy's words, and nothing changed.
    const empty = await engineState(h.state);
    const w = await dsc.whatIf(desired);
    assert.equal(w.afterState._exist, true);
    assert.equal(w.afterState.policyName, "cli-test");
    assert.ok(
      w.afterState.changes.some((c: string) => /^add filter ".*" \(rules\/corp\/v4\/out\): /.test(c)),
    );
    assert.ok(w.changedProperties.includes("_exist"));
    assert.deepEqual(
      w.afterState._metadata,
      { whatIf: w.afterState.changes },
      "the plan for DSC's what-if metadata",
    );
    assert.equal(await engineState(h.state), empty, "whatIf changed the engine");

    // set: one transaction; after it, plan agrees nothing is left.
    const s = await dsc.set(desired);
    assert.equal(s.beforeState._exist, false);
    assert.equal(s.afterState._exist, true);
    assert.equal(s.afterState.inSync, true);
    assert.equal(s.afterState.policyName, "cli-test");
    assert.deepEqual(s.changedProperties.sort(), ["_exist", "inSync", "policyName"]);
    assert.deepEqual(s.afterState.changes, w.afterState.changes, "set did what whatIf said");
    assert.ok(
      s.messages.some((m) =>
        m.level === "info" && /^applied policy 'cli-test' in one transaction \(add \d+/.test(m.text)
      ),
      JSON.stringify(s.messages),
    );
    assert.equal((await wfpsec(["plan", h.policy, "--engine", "sim", "--sim-state", h.state])).code, 0);

    // DSC may add its context as _metadata: accepted, ignored.
    const t1 = await dsc.test({
      ...desired,
      _metadata: { "Microsoft.DSC": { securityContext: "elevated" } },
    });
    assert.equal(t1.state._inDesiredState, true);
    assert.deepEqual(t1.diff, []);
    assert.deepEqual(t1.state.changes, []);

    // set again: in sync, nothing changed, nothing reported changed.
    const again = await dsc.set(desired);
    assert.deepEqual(again.changedProperties, []);
    assert.deepEqual(again.afterState.changes, []);

    const exported = await dsc.export();
    assert.equal(exported.length, 1);
    assert.equal(exported[0].policyName, "cli-test");
    assert.equal(exported[0]._exist, true);

    // _exist false: wfpsec's policy goes; nothing of wfpsec's is left.
    const gone = await dsc.set({ path: h.policy, _exist: false });
    assert.equal(gone.afterState._exist, false);
    assert.ok(gone.afterState.changes[0].startsWith("delete wfpsec's policy"));
    assert.equal((await dsc.test({ _exist: false })).state._inDesiredState, true);
    const show = await wfpsec(["show", "--json", "--engine", "sim", "--sim-state", h.state]);
    assert.equal(JSON.parse(show.stdout).empty, true);
    assert.deepEqual(await dsc.export(), [], "none in force: export has no instance");
    assertCleanOutput(dsc);
  },
);

Deno.test(
  { name: "DSC resource: drift is out of the desired state and set repairs it", ignore },
  async () => {
    const h = host();
    const dsc = await DscResource.open(h.env);
    await dsc.set({ path: h.policy });
    Deno.writeTextFileSync(h.policy, testPolicy({ remote: "172.16.0.0/12" }));
    const t = await dsc.test({ path: h.policy });
    assert.equal(t.state._inDesiredState, false);
    assert.equal(t.state._exist, true);
    // DSC's own comparison finds no desired property differing: _inDesiredState and inSync say drift.
    assert.deepEqual(t.diff, []);
    assert.equal(t.state.inSync, false);
    assert.ok(
      t.state.changes.some((c: string) => /^replace filter .*172\.16\.0\.0\/12/.test(c)),
      t.state.changes.join("\n"),
    );
    const s = await dsc.set({ path: h.policy });
    assert.deepEqual(s.changedProperties, ["inSync"]);
    assert.equal((await dsc.test({ path: h.policy })).state._inDesiredState, true);

    // Another policy name replaces every object of the one in force: what-if and set say so first.
    const other = `${h.dir}/other.yaml`;
    Deno.writeTextFileSync(other, testPolicy({ name: "other-policy" }));
    const w = await dsc.whatIf({ path: other });
    const replaces = /this set replaces policy 'cli-test' \(in force\) with 'other-policy'/;
    assert.ok(
      w.messages.some((m) => m.level === "warn" && replaces.test(m.text)),
      JSON.stringify(w.messages),
    );
    assert.deepEqual(w.changedProperties.sort(), ["inSync", "policyName"]);
    const r = await dsc.set({ path: other });
    assert.equal(r.afterState.policyName, "other-policy");
    assertCleanOutput(dsc);
  },
);

Deno.test(
  { name: "DSC resource: bad input is exit 2 with DSC error lines, and changes nothing", ignore },
  async () => {
    const h = host();
    const dsc = await DscResource.open(h.env);
    const before = await engineState(h.state);
    const bad = `${h.dir}/bad.yaml`;
    Deno.writeTextFileSync(bad, testPolicy().replace("inbound: require", "inbound: requir"));
    for (
      const [input, pattern] of [
        [{ path: bad }, /bad\.yaml:\d+:\d+: error: .*inbound/],
        [{ path: `${h.dir}/missing.yaml` }, /cannot read policy file .*missing\.yaml/],
      ] as const
    ) {
      const e = await dsc.set(input).then(() => undefined, (e) => e);
      assert.ok(e instanceof ResourceFailure, String(e));
      assert.equal(e.invocation.code, 2);
      assert.match(e.invocation.exitText!, /^Invalid input/);
      assert.ok(e.invocation.messages.some((m) => m.level === "error" && pattern.test(m.text)), e.message);
      assert.equal(e.invocation.stdout, "", "a failure prints no state");
    }
    assert.equal(await engineState(h.state), before);
    assertCleanOutput(dsc);
  },
);

Deno.test({ name: "DSC resource: an engine failure in set is exit 3, rolled back", ignore }, async () => {
  const h = host();
  const dsc = await DscResource.open({ ...h.env, FWPSIM_FAIL_AT: `5:${FWP_E_IN_USE}` });
  const before = await engineState(h.state);
  const e = await dsc.set({ path: h.policy }).then(() => undefined, (e) => e);
  assert.ok(e instanceof ResourceFailure, String(e));
  assert.equal(e.invocation.code, 3, e.message);
  assert.ok(e.invocation.messages.some((m) => m.level === "error" && /FWP_E_IN_USE/.test(m.text)), e.message);
  assert.equal(await engineState(h.state), before, "nothing half-applied");
});
