/**
 * Address keywords end to end on fwpsim: `remote: dns` and the other four resolve at plan/apply from the
 * interface fixture (FWPSIM_INTERFACES or --interfaces), plan shows what each stood for, a changed fixture
 * (a renewed DHCP lease) is drift that `apply --if-drifted` applies, and a snapshot needs --interfaces.
 * Nothing is changed when a keyword cannot be resolved.
 */
import assert from "node:assert/strict";
import { engineState, haveSim, json, ROOT, tempDir, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const FIXTURE = `${ROOT}/tests/cli/fixtures/interfaces.json`;

const POLICY = `version: 1
name: keywords
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - certificate:
          rootCA: "CN=Example Root CA, O=Example"
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aes256-sha256]
rules:
  - name: name-servers
    remote: DNS
    protocol: udp
    remotePorts: 53
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
  - name: lan
    local: LocalSubnet
    remote: [DefaultGateway, wins, dhcp]
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
`;

interface Resolved {
  object: string;
  name: string;
  side: string;
  keyword: string;
  addresses: string[];
}

function setup() {
  const dir = tempDir();
  const policy = `${dir}/keywords.yaml`;
  Deno.writeTextFileSync(policy, POLICY);
  const fixture = `${dir}/interfaces.json`;
  Deno.copyFileSync(FIXTURE, fixture);
  const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
  return { dir, policy, fixture, sim, env: { FWPSIM_INTERFACES: fixture } };
}

Deno.test({ name: "validate accepts keywords and says they resolve at plan/apply", ignore }, async () => {
  const { policy } = setup();
  const r = await wfpsec(["validate", policy]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /valid \(address keywords resolved from the host's adapters at plan\/apply: /);
  const doc = json(await wfpsec(["validate", policy, "--json"]), "validate");
  assert.deepEqual(doc.addressKeywords, [
    "rule 'name-servers' remote dns",
    "rule 'lan' local localsubnet",
    "rule 'lan' remote defaultgateway",
    "rule 'lan' remote wins",
    "rule 'lan' remote dhcp",
  ]);
});

Deno.test({ name: "plan resolves all five keywords from the fixture and shows them", ignore }, async () => {
  const { policy, sim, env, fixture } = setup();
  const r = await wfpsec(["plan", policy, ...sim], env);
  assert.equal(r.code, 2, r.stderr);
  assert.ok(r.stdout.includes(`Address keywords resolved from interface fixture ${fixture}:`), r.stdout);
  for (
    const line of [
      "rule 'name-servers': remote dns -> 10.0.0.53, 10.0.0.54",
      "rule 'lan': local localsubnet -> 10.0.0.0/24, 192.168.1.0/24",
      "rule 'lan': remote defaultgateway -> 10.0.0.1, 192.168.1.1",
      "rule 'lan': remote wins -> 10.0.0.9",
      "rule 'lan': remote dhcp -> 10.0.0.2",
    ]
  ) assert.ok(r.stdout.includes(`  ${line}\n`), `${line}\n${r.stdout}`);
  const doc = json(await wfpsec(["plan", policy, ...sim, "--json"], env), "plan");
  const kw = doc.addressKeywords as { source: string; resolved: Resolved[] };
  assert.equal(kw.source, `interface fixture ${fixture}`);
  assert.deepEqual(kw.resolved[0], {
    object: "rule",
    name: "name-servers",
    side: "remote",
    keyword: "dns",
    addresses: ["10.0.0.53", "10.0.0.54"],
  });
  // localsubnet's IPv6 network is left out: the rule's other side is IPv4 only, so it compiles for IPv4
  assert.deepEqual(kw.resolved[1].addresses, ["10.0.0.0/24", "192.168.1.0/24"]);
  // the filters match what was resolved
  const changes = doc.changes as { name: string; action: string }[];
  assert.ok(changes.some((c) => c.name.includes("rules/lan/v4/out")), "lan compiles for IPv4");
  assert.ok(!changes.some((c) => c.name.includes("/v6/")), "and not for IPv6");
});

Deno.test(
  { name: "a renewed DHCP lease is drift: apply --if-drifted applies it, then is in sync", ignore },
  async () => {
    const { policy, sim, env, fixture } = setup();
    let r = await wfpsec(["apply", policy, ...sim], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /remote dns -> 10\.0\.0\.53, 10\.0\.0\.54/);
    r = await wfpsec(["plan", policy, ...sim], env);
    assert.equal(r.code, 0, `in sync after apply:\n${r.stdout}`);
    // The lease renews with another DNS server: nothing in the policy file changed.
    const doc = JSON.parse(Deno.readTextFileSync(fixture));
    doc.interfaces[0].dns = ["10.0.0.60", "10.0.0.53"];
    Deno.writeTextFileSync(fixture, JSON.stringify(doc));
    r = await wfpsec(["plan", policy, ...sim], env);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stdout, /remote dns -> 10\.0\.0\.53, 10\.0\.0\.60/);
    assert.match(r.stdout, /remote 10\.0\.0\.53, 10\.0\.0\.54 -> 10\.0\.0\.53, 10\.0\.0\.60/);
    r = await wfpsec(["apply", policy, "--if-drifted", ...sim], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const line = JSON.parse(r.stdout);
    assert.equal(line.outcome, "applied");
    assert.deepEqual(line.addressKeywords.resolved[0].addresses, ["10.0.0.53", "10.0.0.60"]);
    r = await wfpsec(["apply", policy, "--if-drifted", ...sim], env);
    assert.equal(JSON.parse(r.stdout).outcome, "in-sync");
  },
);

Deno.test(
  { name: "without a fixture, or with a bad one, nothing is planned or changed", ignore },
  async () => {
    const { dir, policy, sim, env, fixture } = setup();
    assert.equal((await wfpsec(["apply", policy, ...sim], env)).code, 0);
    const before = await engineState(`${dir}/sim.state`);
    let r = await wfpsec(["apply", policy, ...sim]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /UsageError: rule 'name-servers' remote dns, .*the simulator has none: give --interfaces FILE or set FWPSIM_INTERFACES/,
    );
    Deno.writeTextFileSync(
      fixture,
      JSON.stringify({ interfaces: [{ name: "Ethernet", dns: ["10.0.0.0/8"] }] }),
    );
    r = await wfpsec(["apply", policy, ...sim, "--json"], env);
    assert.equal(r.code, 1);
    const err = json(r, "apply").error as { type: string; message: string };
    assert.equal(err.type, "SnapshotError");
    assert.equal(
      err.message,
      `interface fixture ${fixture}: interfaces[0].dns[0]: '10.0.0.0/8' must be one address`,
    );
    // an adapter without WINS: the lan rule's remote still has other addresses, but a wins-only rule would not
    Deno.writeTextFileSync(
      fixture,
      JSON.stringify({ interfaces: [{ name: "Ethernet", unicast: ["10.0.0.5/24"] }] }),
    );
    r = await wfpsec(["apply", policy, ...sim], env);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /rule 'name-servers': remote dns resolves to no address on this host \(interfaces: Ethernet\)/,
    );
    // the scheduled task reports it as its one failure line
    r = await wfpsec(["apply", policy, "--if-drifted", ...sim], env);
    assert.equal(r.code, 1);
    const line = JSON.parse(r.stdout.trim());
    assert.equal(r.stdout.trim().split("\n").length, 1);
    assert.equal(line.outcome, "failed");
    assert.equal(line.error.type, "SnapshotError");
    assert.equal(line.policy.name, "keywords");
    assert.equal(await engineState(`${dir}/sim.state`), before, "the engine is as it was");
  },
);

Deno.test({ name: "a snapshot resolves keywords only from --interfaces", ignore }, async () => {
  const { dir, policy, sim, env } = setup();
  assert.equal((await wfpsec(["apply", policy, ...sim], env)).code, 0);
  const snap = `${dir}/snap.json`;
  const show = await wfpsec(["show", "--all", "--json", ...sim]);
  Deno.writeTextFileSync(snap, show.stdout);
  // the simulator's variable is not the snapshot's host
  let r = await wfpsec(["plan", policy, "--state", snap], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /an offline snapshot has none: give --interfaces FILE/);
  r = await wfpsec(["plan", policy, "--state", snap, "--interfaces", FIXTURE]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Address keywords resolved from interface fixture .*interfaces\.json:/);
});

Deno.test(
  { name: "status re-resolves too: a changed lease is drift for the MDM detection line", ignore },
  async () => {
    const { policy, sim, env, fixture } = setup();
    assert.equal((await wfpsec(["apply", policy, ...sim], env)).code, 0);
    let r = await wfpsec(["status", policy, ...sim], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const doc = JSON.parse(Deno.readTextFileSync(fixture));
    doc.interfaces[0].gateways = ["10.0.0.254"];
    Deno.writeTextFileSync(fixture, JSON.stringify(doc));
    r = await wfpsec(["status", policy, ...sim], env);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /drift/i);
    // status takes no --interfaces: its refusal names only the variable
    r = await wfpsec(["status", policy, ...sim]);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /the simulator has none: set FWPSIM_INTERFACES/);
  },
);

Deno.test({ name: "explain of a keyword policy against a snapshot takes --interfaces", ignore }, async () => {
  const { dir, policy, sim, env } = setup();
  assert.equal((await wfpsec(["apply", policy, ...sim], env)).code, 0);
  const snap = `${dir}/snap.json`;
  Deno.writeTextFileSync(snap, (await wfpsec(["show", "--all", "--json", ...sim])).stdout);
  const args = ["explain", policy, "--remote", "10.0.0.53", "--protocol", "udp", "--remote-port", "53"];
  let r = await wfpsec([...args, "--state", snap]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /an offline snapshot has none: give --interfaces FILE/);
  r = await wfpsec([...args, "--state", snap, "--interfaces", FIXTURE, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /rules\/name-servers\/v4/);
});

Deno.test({ name: "a tunnel's inner selector may be localsubnet; re-apply is in sync", ignore }, async () => {
  const dir = tempDir();
  const policy = `${dir}/tunnel.yaml`;
  Deno.writeTextFileSync(
    policy,
    Deno.readTextFileSync(`${ROOT}/examples/tunnel-site-to-site.yaml`).replace(
      "    local: 10.1.0.0/16",
      "    local: LocalSubnet",
    ),
  );
  const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`, "--interfaces", FIXTURE];
  const env = { SITE_B_PSK: "00112233445566778899aabbccddeeff" };
  let r = await wfpsec(["apply", policy, ...sim], env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /tunnel 'site-b': local localsubnet -> 10\.0\.0\.0\/24, 192\.168\.1\.0\/24/);
  r = await wfpsec(["plan", policy, ...sim], env);
  assert.equal(r.code, 0, r.stdout);
});
