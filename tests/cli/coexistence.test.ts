/**
 * Coexistence (issue 14 item 2): another provider's IPsec policy on the traffic of our rules is reported by
 * plan (JSON `coexistence`, a text warning block) and doctor (every IPsec policy provider), and apply refuses
 * it (SafetyError naming the provider, nothing changed) unless --allow-coexist. The other policy is added to
 * fwpsim through FFI by tests/cli/foreign_ipsec_driver.ts, as that provider's own tool would.
 */
import assert from "node:assert/strict";
import { engineState, FLAGS, haveSim, json, ROOT, SIM_LIB, tempDir, wfpsec } from "./helpers.ts";
import { FOREIGN_IPSEC_PROVIDER, FOREIGN_IPSEC_PROVIDER_NAME } from "../support/foreignIpsec.ts";

const ignore = !haveSim();
const POLICY = `version: 1
name: corp
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: corp, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
`;

interface Entry {
  providerKey: string;
  providerName: string;
  layer: string;
  filterKey: string;
  filterName: string;
  kind: string;
  traffic: string;
  overlaps: { filterKey: string; filterName: string; traffic: string }[];
}

/** A fresh sim state holding the other provider's policy on `remote`, and our policy file. */
async function hostWithForeign(remote: string) {
  const dir = tempDir();
  const state = `${dir}/sim.state`, policy = `${dir}/corp.yaml`;
  Deno.writeTextFileSync(policy, POLICY);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, `${ROOT}/tests/cli/foreign_ipsec_driver.ts`, remote],
    env: { WFPSEC_FWPSIM_LIB: SIM_LIB, FWPSIM_STATE: state, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return { dir, state, policy, sim: ["--engine", "sim", "--sim-state", state] };
}

Deno.test(
  { name: "plan reports another provider's IPsec policy on our traffic, in JSON and text", ignore },
  async () => {
    const h = await hostWithForeign("10.1.0.0/16");
    let r = await wfpsec(["plan", h.policy, "--json", ...h.sim]);
    assert.equal(r.code, 2, r.stderr);
    const entries = json(r, "plan").coexistence as Entry[];
    assert.deepEqual(entries.map((e) => [e.layer, e.kind]), [
      ["FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", "ipsec-callout"],
      ["FWPM_LAYER_IKEEXT_V4", "ikeext-policy"],
      ["FWPM_LAYER_INBOUND_TRANSPORT_V4", "ipsec-callout"],
      ["FWPM_LAYER_IPSEC_V4", "ipsec-policy"],
      ["FWPM_LAYER_OUTBOUND_TRANSPORT_V4", "ipsec-callout"],
    ]);
    for (const e of entries) {
      assert.equal(e.providerKey, FOREIGN_IPSEC_PROVIDER);
      assert.equal(e.providerName, FOREIGN_IPSEC_PROVIDER_NAME);
      assert.match(e.filterName, /^contoso /);
      assert.match(e.traffic, /remote 10\.1\.0\.0\/16/);
      assert.equal(e.overlaps.length, 1);
      assert.match(e.overlaps[0].filterName, /^wfpsec corp: rules\/corp\//);
      assert.match(e.overlaps[0].traffic, /remote 10\.0\.0\.0\/8/);
    }
    r = await wfpsec(["plan", h.policy, ...h.sim]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /WARNING: 5 filter\(s\) of other IPsec policy overlap this policy's traffic/);
    assert.match(
      r.stdout,
      /"Contoso VPN IPsec" \{c0ffee00-1111-4222-8333-444455556666\} FWPM_LAYER_IKEEXT_V4/,
    );

    // The same from an offline snapshot of that host.
    r = await wfpsec(["show", "--all", "--json", ...h.sim]);
    Deno.writeTextFileSync(`${h.dir}/snap.json`, r.stdout);
    r = await wfpsec(["plan", h.policy, "--json", "--state", `${h.dir}/snap.json`]);
    assert.deepEqual(
      (json(r, "plan").coexistence as Entry[]).map((e) => e.filterKey),
      entries.map((e) => e.filterKey),
    );
    Deno.removeSync(h.dir, { recursive: true });
  },
);

Deno.test(
  { name: "IPsec policy of another provider on other traffic is no coexistence", ignore },
  async () => {
    const h = await hostWithForeign("192.168.0.0/16");
    let r = await wfpsec(["plan", h.policy, "--json", ...h.sim]);
    assert.deepEqual(json(r, "plan").coexistence, []);
    r = await wfpsec(["plan", h.policy, ...h.sim]);
    assert.doesNotMatch(r.stdout, /WARNING/);
    r = await wfpsec(["apply", h.policy, ...h.sim]);
    assert.equal(r.code, 0, r.stderr);
    Deno.removeSync(h.dir, { recursive: true });
  },
);

Deno.test({
  name: "apply refuses overlapping IPsec policy of another provider unless --allow-coexist",
  ignore,
}, async () => {
  const h = await hostWithForeign("10.0.0.0/8");
  const before = await engineState(h.state);
  let r = await wfpsec(["apply", h.policy, "--json", ...h.sim]);
  assert.equal(r.code, 1);
  const err = json(r, "apply").error as { type: string; message: string };
  assert.equal(err.type, "SafetyError");
  assert.match(err.message, /refusing to apply: 5 filter\(s\) of other IPsec policy \("Contoso VPN IPsec"/);
  assert.match(err.message, /nothing was changed.*--allow-coexist/);
  assert.equal(await engineState(h.state), before, "a refused apply changed the engine");
  r = await wfpsec(["apply", h.policy, ...h.sim]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /wfpsec apply: SafetyError: refusing to apply: .*Contoso VPN IPsec/);

  r = await wfpsec(["apply", h.policy, "--allow-coexist", "--json", ...h.sim]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r, "apply").outcome, "applied");
  // once in force, re-applying changes nothing and is not refused (the scheduled task stays quiet)
  r = await wfpsec(["apply", h.policy, "--if-drifted", ...h.sim]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(JSON.parse(r.stdout).outcome, "in-sync");

  // doctor names every IPsec policy provider, ours included.
  r = await wfpsec(["doctor", "--json", ...h.sim]);
  assert.equal(r.code, 0, r.stderr);
  const providers = json(r, "doctor").ipsecProviders as {
    providerName: string;
    ours: boolean;
    filters: number;
  }[];
  assert.deepEqual(providers.map((p) => [p.providerName, p.ours, p.filters]), [
    ["Contoso VPN IPsec", false, 5],
    ["wfpsec", true, 5],
  ]);
  r = await wfpsec(["doctor", ...h.sim]);
  assert.match(r.stdout, /IPsec policy providers: "Contoso VPN IPsec" \{c0ffee00-[^}]*\}: 5 filter\(s\) at /);
  Deno.removeSync(h.dir, { recursive: true });
});
