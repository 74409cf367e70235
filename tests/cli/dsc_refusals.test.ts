/**
 * `set` through the DSC manifest refuses what `wfpsec apply` refuses, with exit 4 (the manifest's "Refused
 * for safety") and nothing changed: a policy that requires IPsec while IKEEXT is stopped (fwpsim's
 * FWPSIM_STOPPED_SERVICES stands in for the SCM), and other providers' IPsec policy on the same traffic
 * (added by tests/cli/foreign_ipsec_driver.ts). what-if reports the refusal as a warning and acts on
 * nothing; `force: true` and `allowCoexist: true` are the instance's --force and --allow-coexist.
 */
import assert from "node:assert/strict";
import { DscResource, ResourceFailure } from "./dsc_driver.ts";
import { engineState, FLAGS, haveSim, ROOT, SIM_LIB, tempDir, testPolicy } from "./helpers.ts";

const ignore = !haveSim();

async function refused(p: Promise<unknown>): Promise<ResourceFailure> {
  const e = await p.then(() => undefined, (e) => e);
  assert.ok(e instanceof ResourceFailure, String(e));
  return e;
}

Deno.test({ name: "DSC set: IKEEXT stopped is refused (exit 4) unless force: true", ignore }, async () => {
  const dir = tempDir();
  const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const dsc = await DscResource.open({
    WFPSEC_ENGINE: "sim",
    FWPSIM_STATE: state,
    FWPSIM_STOPPED_SERVICES: "IKEEXT",
  });
  const before = await engineState(state);

  const w = await dsc.whatIf({ path: policy });
  assert.ok(
    w.messages.some((m) => m.level === "warn" && /^set would refuse: .*IKEEXT/.test(m.text)),
    JSON.stringify(w.messages),
  );
  const e = await refused(dsc.set({ path: policy }));
  assert.equal(e.invocation.code, 4);
  assert.match(e.invocation.exitText!, /^Refused for safety/);
  assert.ok(
    e.invocation.messages.some((m) =>
      m.level === "error" && /SafetyError: .*IKEEXT.*nothing changed/.test(m.text)
    ),
  );
  assert.equal(await engineState(state), before, "nothing changed");

  const forced = await dsc.set({ path: policy, force: true });
  assert.equal(forced.afterState.inSync, true);
  assert.ok(
    forced.messages.some((m) =>
      m.level === "warn" && /^force: true: applying although .*IKEEXT/.test(m.text)
    ),
  );
});

Deno.test({
  name: "DSC set: overlapping foreign IPsec policy is refused (exit 4) unless allowCoexist",
  ignore,
}, async () => {
  const dir = tempDir();
  const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, `${ROOT}/tests/cli/foreign_ipsec_driver.ts`, "10.1.0.0/16"],
    env: { WFPSEC_FWPSIM_LIB: SIM_LIB, FWPSIM_STATE: state, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const dsc = await DscResource.open({ WFPSEC_ENGINE: "sim", FWPSIM_STATE: state });
  const before = await engineState(state);

  const w = await dsc.whatIf({ path: policy });
  assert.ok(
    w.messages.some((m) =>
      m.level === "warn" && /^set would refuse: refusing to apply: .*other IPsec policy/.test(m.text)
    ),
    JSON.stringify(w.messages),
  );
  const e = await refused(dsc.set({ path: policy }));
  assert.equal(e.invocation.code, 4);
  assert.equal(await engineState(state), before, "nothing changed");

  const s = await dsc.set({ path: policy, allowCoexist: true });
  assert.equal(s.afterState.inSync, true);
});
