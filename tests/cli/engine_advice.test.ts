/**
 * What the CLI advises when there is no usable engine: each command names only the options it takes
 * (`--state SNAPSHOT` for plan, show and export; never for apply, remove, sa and events, which refuse it),
 * and a simulator state file in a missing folder is that, not "ERROR_ACCESS_DENIED ... (run elevated)"; the
 * folder is not created behind the admin's back.
 */
import assert from "node:assert/strict";
import { haveSim, json, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
// Neither the engine nor the simulator state may come from the test runner's environment.
const NO_ENGINE = { WFPSEC_ENGINE: "", FWPSIM_STATE: "" };

Deno.test({ name: "without an engine each command suggests the options it accepts", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const noSnapshot = [["apply", policy], ["remove"], ["sa"], ["events"]];
  const snapshot = [["plan", policy], ["show"], ["export"]];
  for (const args of [...noSnapshot, ...snapshot]) {
    const r = await wfpsec([...args, "--json"], NO_ENGINE);
    assert.equal(r.code, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
    const err = json(r, args[0]).error as { type: string; message: string };
    assert.equal(err.type, "UsageError", args[0]);
    assert.match(err.message, /no WFP engine on linux/);
    assert.match(err.message, /--engine sim --sim-state FILE/, args[0]);
    const offersSnapshot = /(^|[\s(])--state\b/.test(err.message);
    assert.equal(offersSnapshot, snapshot.includes(args), `${args[0]}: ${err.message}`);
    // And the advice holds: the command takes (or refuses) --state as the message says.
    const tried = await wfpsec([...args, "--state", `${dir}/snap.json`, "--json"], NO_ENGINE);
    const triedErr = String((json(tried, args[0]).error as { message?: string } | undefined)?.message ?? "");
    assert.equal(/unknown option --state/.test(triedErr), !offersSnapshot, `${args[0]}: ${triedErr}`);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({ name: "a simulator state file in a missing folder is reported as such", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const missing = `${dir}/no-such-folder/deeper`;
  const sim = ["--engine", "sim", "--sim-state", `${missing}/engine.state`];
  for (const args of [["apply", policy], ["plan", policy], ["show"], ["remove"], ["sa"], ["events"]]) {
    const r = await wfpsec([...args, ...sim, "--json"]);
    assert.equal(r.code, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
    const err = json(r, args[0]).error as { type: string; message: string };
    assert.equal(err.type, "UsageError", args[0]);
    assert.match(
      err.message,
      new RegExp(`the folder ${missing} of the simulator state file .* does not exist`),
    );
    assert.doesNotMatch(r.stdout + r.stderr, /ACCESS_DENIED|elevated/);
    assert.throws(() => Deno.statSync(`${dir}/no-such-folder`), Deno.errors.NotFound, "nothing created");
  }
  // The same through FWPSIM_STATE, and a path through a file.
  const env = await wfpsec(["show", "--engine", "sim", "--json"], { FWPSIM_STATE: `${missing}/x.state` });
  assert.match(String((json(env, "show").error as { message: string }).message), /does not exist/);
  const viaFile = await wfpsec(["show", "--engine", "sim", "--sim-state", `${policy}/x.state`, "--json"]);
  assert.match(String((json(viaFile, "show").error as { message: string }).message), /is not a folder/);
  Deno.removeSync(dir, { recursive: true });
});
