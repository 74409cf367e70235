/**
 * `wfpsec explain --program` and effective weights: on fwpsim the engine resolves the program to its device
 * path (FwpmGetAppIdFromFileName0) and a per-program rule matches only that program; offline (a snapshot)
 * a device path is compared, a file path is compared below the volume and what stays open is said; `show`
 * and `explain` report the same effective weights; the real `netsh wfp show state` dump is explained with
 * its own effective weights, in one screen.
 */
import assert from "node:assert/strict";
import { haveSim, json, tempDir, wfpsec } from "./helpers.ts";
import { openSnapshot } from "../../modules/engine/mod.ts";
import { noteMissingReference, REFERENCE_DUMP } from "../support/referenceDump.ts";

const ignore = !haveSim();
const POLICY = `version: 1
name: apps
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: svc, program: 'C:\\Apps\\Svc.exe', remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
`;

interface XFilter {
  filterKey: string;
  name: string;
  match: string;
  notEvaluated: string[];
  subLayerKey: string;
  weight: string;
  effectiveWeight: string;
  effectiveWeightComputed: boolean;
}
interface XLayer {
  layer: string;
  outcome: string;
  sublayers: { name: string; subLayerKey: string; filters: XFilter[] }[];
}
const filtersOf = (doc: Record<string, unknown>, layer: string) =>
  (doc.layers as XLayer[]).find((l) => l.layer === layer)!.sublayers.flatMap((s) => s.filters);
const ACCEPT = "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4";
const inbound = [
  "explain",
  "--direction",
  "in",
  "--remote",
  "10.1.2.3",
  "--protocol",
  "tcp",
  "--local-port",
  "80",
];

Deno.test(
  { name: "explain --program: the engine's device path decides the app-id filters", ignore },
  async () => {
    const dir = tempDir();
    const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
    Deno.writeTextFileSync(`${dir}/apps.yaml`, POLICY);
    assert.equal((await wfpsec(["apply", `${dir}/apps.yaml`, ...sim])).code, 0);

    let r = await wfpsec([...inbound, "--program", "C:\\apps\\SVC.EXE", "--json", ...sim]);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "explain");
    assert.deepEqual(doc.program, {
      path: "C:\\apps\\SVC.EXE",
      devicePath: "\\device\\harddiskvolume1\\apps\\svc.exe",
    });
    let accept = filtersOf(doc, ACCEPT);
    assert.deepEqual(accept.map((f) => [f.name, f.match]), [["wfpsec apps: rules/svc/v4/accept", "match"]]);
    r = await wfpsec([...inbound, "--program", "C:\\Apps\\Other.exe", "--json", ...sim]);
    assert.deepEqual(
      filtersOf(json(r, "explain"), ACCEPT),
      [],
      "another program: the per-app filter is left out",
    );
    r = await wfpsec([...inbound, "--json", ...sim]);
    assert.match(filtersOf(json(r, "explain"), ACCEPT)[0].notEvaluated[0], /no --program given/);

    // offline: the snapshot cannot resolve C:, a device path still decides
    r = await wfpsec(["show", "--all", "--json", ...sim]);
    Deno.writeTextFileSync(`${dir}/snap.json`, r.stdout);
    const state = ["--state", `${dir}/snap.json`];
    r = await wfpsec([...inbound, "--program", "C:\\Apps\\Svc.exe", "--json", ...state]);
    assert.equal(r.code, 0, r.stderr);
    accept = filtersOf(json(r, "explain"), ACCEPT);
    assert.equal(accept[0].match, "not-evaluated");
    assert.match(accept[0].notEvaluated[0], /cannot resolve C:\\Apps\\Svc\.exe to its device path offline/);
    r = await wfpsec([...inbound, "--program", "C:\\Apps\\Other.exe", "--json", ...state]);
    assert.deepEqual(filtersOf(json(r, "explain"), ACCEPT), [], "another file cannot match on any volume");
    r = await wfpsec([
      ...inbound,
      "--program",
      "\\device\\harddiskvolume1\\apps\\svc.exe",
      "--json",
      ...state,
    ]);
    assert.equal(filtersOf(json(r, "explain"), ACCEPT)[0].match, "match");

    // a relative program path is a usage error
    r = await wfpsec([...inbound, "--program", "svc.exe", "--json", ...sim]);
    assert.equal(r.code, 1);
    assert.match(
      (json(r, "explain").error as { message: string }).message,
      /--program svc\.exe: expected a full path/,
    );
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test({ name: "show and explain report the effective weight fwpsim assigned", ignore }, async () => {
  const dir = tempDir();
  const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
  Deno.writeTextFileSync(`${dir}/apps.yaml`, POLICY);
  assert.equal((await wfpsec(["apply", `${dir}/apps.yaml`, ...sim])).code, 0);
  const shown = json(await wfpsec(["show", "--json", ...sim]), "show").filters as {
    filterKey: string;
    effectiveWeight: { type: number; uint64: string };
  }[];
  const doc = json(await wfpsec([...inbound, "--program", "C:\\Apps\\Svc.exe", "--json", ...sim]), "explain");
  const f = filtersOf(doc, ACCEPT)[0];
  const same = shown.find((s) => s.filterKey === f.filterKey)!;
  assert.equal(f.effectiveWeight, String(same.effectiveWeight.uint64));
  assert.equal(f.effectiveWeightComputed, false, "the engine reported it");
  // Rule filters carry explicit FWP_UINT64 weights (docs/precedence.md): BFE, and fwpsim, use them as is.
  assert.equal(f.weight, f.effectiveWeight);
  const text = (await wfpsec(["show", ...sim])).stdout;
  assert.match(text, /\bEFFECTIVE\b/);
  assert.ok(
    text.includes(`0x${BigInt(same.effectiveWeight.uint64).toString(16).padStart(16, "0")}`),
    "the text table shows the effective weight",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test(
  {
    name: "explain on the real netsh dump: its effective weights, identity needs named, one screen",
    ignore: !REFERENCE_DUMP,
  },
  async () => {
    const base = ["explain", "--remote", "93.184.216.34", "--protocol", "tcp", "--remote-port", "443"];
    const svchost = "\\device\\harddiskvolume6\\windows\\system32\\svchost.exe";
    let r = await wfpsec([...base, "--program", svchost, "--json", "--state", REFERENCE_DUMP!]);
    assert.equal(r.code, 0, r.stderr);
    const connect = filtersOf(json(r, "explain"), "FWPM_LAYER_ALE_AUTH_CONNECT_V4");
    const byKey = new Map(openSnapshot(REFERENCE_DUMP!).enumFilters().map((f) => [f.filterKey, f]));
    for (const f of connect) {
      const real = byKey.get(f.filterKey)!;
      assert.equal(f.effectiveWeightComputed, false);
      assert.equal(f.effectiveWeight, String((real.effectiveWeight as { uint64: bigint }).uint64), f.name);
      assert.equal(f.subLayerKey, real.subLayerKey);
    }
    const wtd = connect.find((f) => f.name === "Allow WebThreatDefSvc to send to port 443")!;
    assert.equal(wtd.match, "not-evaluated");
    assert.deepEqual(wtd.notEvaluated, ["needs identity (FWPM_CONDITION_ALE_USER_ID)"], "the app id matched");
    assert.ok(!connect.some((f) => f.name === "Block outbound traffic from deviceenroller.exe"));
    // a file path offline: other programs' filters drop out, svchost's stay open with the reason
    r = await wfpsec([
      ...base,
      "--program",
      "C:\\Windows\\System32\\svchost.exe",
      "--json",
      "--state",
      REFERENCE_DUMP!,
    ]);
    const offline = filtersOf(json(r, "explain"), "FWPM_LAYER_ALE_AUTH_CONNECT_V4");
    assert.ok(!offline.some((f) => f.name === "Block outbound traffic from deviceenroller.exe"));
    assert.ok(
      offline.find((f) => f.name === wtd.name)!.notEvaluated.some((w) => /cannot resolve .* offline/.test(w)),
    );
    // what if our policy were applied on that host: our filters weighed as BFE would, beside Windows' own
    const dir = tempDir();
    Deno.writeTextFileSync(`${dir}/apps.yaml`, POLICY);
    r = await wfpsec([
      "explain",
      `${dir}/apps.yaml`,
      "--direction",
      "in",
      "--remote",
      "10.1.2.3",
      "--protocol",
      "tcp",
      "--json",
      "--state",
      REFERENCE_DUMP!,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const ike = filtersOf(json(r, "explain"), "FWPM_LAYER_IKEEXT_V4");
    assert.deepEqual(ike.map((f) => [f.name, f.effectiveWeightComputed]), [[
      "wfpsec apps: rules/svc/v4/ikeext/ikev1",
      true,
    ]]);
    Deno.removeSync(dir, { recursive: true });
    r = await wfpsec([...base, "--program", svchost, "--state", REFERENCE_DUMP!]);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split("\n");
    assert.ok(lines.length <= 80, `${lines.length} lines`);
    assert.match(r.stdout, /FWPM_LAYER_ALE_AUTH_CONNECT_V4: /);
  },
);
noteMissingReference("the real-dump explain test");
