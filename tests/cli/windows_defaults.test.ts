/**
 * Issue 15 item 2 end to end on the simulator: a policy with only `rules:` (remote + security) validates
 * with a windows-default warning (text and --json), applies, and a second apply is in sync.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, tempDir, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];

const RULES_ONLY = `version: 1
name: cli-defaults
rules:
  - name: r
    remote: 10.0.0.0/8
    inbound: request
    outbound: request
`;

Deno.test({ name: "a rules-only policy validates and applies with Windows' defaults", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/p.yaml`, state = `${dir}/sim.json`;
  Deno.writeTextFileSync(policy, RULES_ONLY);
  let r = await wfpsec(["validate", policy]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr + r.stdout, /warning: no mainMode\/quickMode given: using Windows' defaults/);
  assert.match(r.stderr + r.stdout, /\[windows-default\]/);
  r = await wfpsec(["validate", policy, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const doc = json(r, "validate");
  assert.ok(JSON.stringify(doc).includes('"windows-default"'), r.stdout);
  r = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(json(r, "apply").outcome, "applied");
  // Our contexts: an AuthIP and an IKEv1 main mode (Kerberos first, DH group 2) and their quick modes.
  type Ctx = { typeName: string; displayData: { name: string }; [k: string]: unknown };
  const ours = (JSON.parse(await engineState(state)).providerContexts as Ctx[])
    .filter((c) => c.displayData.name.startsWith("wfpsec cli-defaults:"));
  assert.deepEqual(ours.map((c) => c.typeName).sort(), [
    "FWPM_IPSEC_AUTHIP_MM_CONTEXT",
    "FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT",
    "FWPM_IPSEC_IKE_MM_CONTEXT",
    "FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT",
  ]);
  for (const c of ours.filter((c) => c.typeName.endsWith("_MM_CONTEXT"))) {
    const mm = (c.authIpMmPolicy ?? c.ikeMmPolicy) as {
      authenticationMethods: { kerberosAuthentication?: unknown }[];
      ikeProposals: { dhGroup: number; maxLifetimeSeconds: number }[];
    };
    assert.ok(mm.authenticationMethods[0].kerberosAuthentication, JSON.stringify(mm));
    assert.deepEqual(mm.ikeProposals.map((p) => [p.dhGroup, p.maxLifetimeSeconds]), [[2, 28800], [2, 28800]]);
  }
  r = await wfpsec(["apply", policy, "--json", ...SIM(state)]);
  assert.equal(json(r, "apply").outcome, "in-sync");
  Deno.removeSync(dir, { recursive: true });
});
