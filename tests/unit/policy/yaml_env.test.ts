/**
 * loadPolicy leaves the environment alone (an earlier npm:yaml build read process.env for every token and was
 * parsed under a swapped copy): the live process.env is the same object afterwards, valid document or not.
 */
import assert from "node:assert/strict";
import process from "node:process";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { PolicyError } from "../../../modules/policy/diagnostics.ts";

Deno.test("the live process.env is restored after parsing a valid and an invalid YAML policy", () => {
  const live = process.env;
  Deno.env.set("WFPSEC_YAML_ENV_PROBE", "1");
  const ok = loadPolicy(
    `version: 1\nname: env-probe\nmainMode:\n  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }\nquickMode:\n  - { name: qm, proposals: [esp-aesgcm256] }\nrules:\n  - { name: r, remote: 10.0.0.1, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n`,
    "probe.yaml",
  );
  assert.equal(ok.policy.rules.length, 1);
  assert.equal(process.env, live);
  assert.throws(() => loadPolicy("version: 1\nname: [unclosed\n", "bad.yaml"), PolicyError);
  assert.equal(process.env, live);
  assert.equal(process.env.WFPSEC_YAML_ENV_PROBE, "1");
  Deno.env.delete("WFPSEC_YAML_ENV_PROBE");
});
