/**
 * `wfpsec explain` on fwpsim and on an offline snapshot: the layers of the connection's IPsec path, the
 * sublayers by weight with the matching filters, the deciding filter, the outcome by arbitration, and at
 * IKEEXT/IPSEC the main/quick-mode provider context considered; bad traffic options are UsageErrors.
 */
import assert from "node:assert/strict";
import { FLAGS, haveSim, json, ROOT, SIM_LIB, tempDir, wfpsec } from "./helpers.ts";

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

interface Layer {
  layer: string;
  outcome: string;
  policyContext:
    | { providerContextKey: string; filterKey: string; name: string | null; type: string | null }
    | null;
  sublayers: {
    name: string;
    decidingFilter: string | null;
    filters: { filterKey: string; name: string; match: string; weight: string }[];
  }[];
}

Deno.test(
  { name: "explain names the filters deciding a connection at each layer of its IPsec path", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/sim.state`, policy = `${dir}/corp.yaml`;
    const sim = ["--engine", "sim", "--sim-state", state];
    Deno.writeTextFileSync(policy, POLICY);
    assert.equal((await wfpsec(["apply", policy, ...sim])).code, 0);
    const drv = await new Deno.Command(Deno.execPath(), {
      args: ["run", ...FLAGS, `${ROOT}/tests/cli/foreign_ipsec_driver.ts`, "10.1.0.0/16"],
      env: { WFPSEC_FWPSIM_LIB: SIM_LIB, FWPSIM_STATE: state, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(drv.success);

    let r = await wfpsec([
      "explain",
      "--remote",
      "10.9.9.9",
      "--protocol",
      "tcp",
      "--remote-port",
      "445",
      "--json",
      ...sim,
    ]);
    assert.equal(r.code, 0, r.stderr);
    let layers = json(r, "explain").layers as Layer[];
    assert.deepEqual(layers.map((l) => l.layer), [
      "FWPM_LAYER_ALE_AUTH_CONNECT_V4",
      "FWPM_LAYER_OUTBOUND_TRANSPORT_V4",
      "FWPM_LAYER_IKEEXT_V4",
      "FWPM_LAYER_IPSEC_V4",
    ]);
    const [, out, ike, qm] = layers;
    // 10.9.9.9 is ours only (Contoso covers 10.1.0.0/16)
    assert.deepEqual(out.sublayers.map((s) => s.name), ["wfpsec"]);
    assert.equal(out.sublayers[0].filters[0].name, "wfpsec corp: rules/corp/v4/out");
    assert.match(out.outcome, /^decided at run time by callout FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4/);
    assert.equal(ike.outcome, 'permit by "wfpsec corp: rules/corp/v4/ikeext/ikev1" (wfpsec)');
    assert.equal(ike.policyContext!.filterKey, ike.sublayers[0].decidingFilter);
    assert.ok(qm.policyContext, "quick-mode context named at the IPSEC layer");
    assert.deepEqual([ike.policyContext!.name, ike.policyContext!.type], [
      "wfpsec corp: mainMode/mm",
      "FWPM_IPSEC_IKE_MM_CONTEXT",
    ]);
    assert.equal(qm.policyContext!.type, "FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT");
    assert.match(
      json(r, "explain").summary as string,
      /^decided at run time by callouts at OUTBOUND_TRANSPORT_V4; main mode "wfpsec corp: mainMode\/mm"; quick mode "wfpsec corp: quickMode\/qm/,
    );

    // 10.1.2.3: both providers' policies match; both sublayers are listed
    r = await wfpsec(["explain", "--remote", "10.1.2.3", "--json", ...sim]);
    layers = json(r, "explain").layers as Layer[];
    assert.deepEqual(layers[2].sublayers.map((s) => s.name).sort(), ["Contoso VPN sublayer", "wfpsec"]);

    // inbound takes the inbound path
    r = await wfpsec(["explain", "--direction", "in", "--remote", "10.9.9.9", "--json", ...sim]);
    assert.deepEqual((json(r, "explain").layers as Layer[]).map((l) => l.layer).slice(0, 2), [
      "FWPM_LAYER_INBOUND_TRANSPORT_V4",
      "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4",
    ]);

    // text, and the same answer from an offline snapshot
    r = await wfpsec(["explain", "--remote", "10.9.9.9", ...sim]);
    assert.match(r.stdout, /^Traffic: outbound to 10\.9\.9\.9/);
    assert.match(r.stdout, /FWPM_LAYER_IKEEXT_V4: permit by "wfpsec corp: rules\/corp\/v4\/ikeext\/ikev1"/);
    assert.match(r.stdout, /=> permit "wfpsec corp: rules\/corp\/v4\/ikeext\/ikev1" \[wfpsec\]/);
    assert.match(
      r.stdout,
      /main-mode policy: "wfpsec corp: mainMode\/mm" \{[0-9a-f-]+\} IPSEC_IKE_MM_CONTEXT/,
    );
    r = await wfpsec(["show", "--all", "--json", ...sim]);
    Deno.writeTextFileSync(`${dir}/snap.json`, r.stdout);
    const live = await wfpsec(["explain", "--remote", "10.1.2.3", "--json", ...sim]);
    const off = await wfpsec(["explain", "--remote", "10.1.2.3", "--json", "--state", `${dir}/snap.json`]);
    assert.deepEqual(json(off, "explain").layers, json(live, "explain").layers);

    // a remote outside every policy: no IPsec filter matches (tcp: the built-in IKE exemptions are udp)
    r = await wfpsec(["explain", "--remote", "192.0.2.1", "--protocol", "tcp", "--json", ...sim]);
    for (const l of json(r, "explain").layers as Layer[]) assert.deepEqual(l.sublayers, [], l.layer);
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "explain refuses bad traffic options with a UsageError naming the option", ignore },
  async () => {
    const dir = tempDir();
    const sim = ["--engine", "sim", "--sim-state", `${dir}/s`];
    for (
      const [args, msg] of [
        [[], /explain needs --remote ADDR/],
        [["--remote", "10.0.0.300"], /--remote 10\.0\.0\.300: not an IPv4 or IPv6 address/],
        [["--remote", "10.0.0.1", "--remote-port", "70000"], /--remote-port 70000: expected 0-65535/],
        [
          ["--remote", "10.0.0.1", "--protocol", "sctpx"],
          /--protocol sctpx: expected tcp, udp, icmp, icmpv6, 0-255/,
        ],
        [["--remote", "10.0.0.1", "--direction", "up"], /--direction up: expected in or out/],
        [["--remote", "10.0.0.1", "--local", "fe80::1"], /different IP versions/],
      ] as [string[], RegExp][]
    ) {
      const r = await wfpsec(["explain", ...args, "--json", ...sim]);
      assert.equal(r.code, 1, args.join(" "));
      const err = json(r, "explain").error as { type: string; message: string };
      assert.equal(err.type, "UsageError");
      assert.match(err.message, msg);
    }
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "explain reads a netsh dump: app-id filters are reported as needing identity", ignore },
  async () => {
    const dump = `${ROOT}/tests/cli/fixtures/netsh_state_small.xml`;
    const args = [
      "explain",
      "--remote",
      "10.0.0.5",
      "--protocol",
      "udp",
      "--remote-port",
      "1024",
      "--state",
      dump,
    ];
    let r = await wfpsec([...args, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const connect = (json(r, "explain").layers as Layer[])[0];
    assert.equal(connect.layer, "FWPM_LAYER_ALE_AUTH_CONNECT_V4");
    assert.deepEqual(connect.sublayers.map((s) => s.name), ["Example Firewall sublayer"]);
    const f = connect.sublayers[0].filters[0] as Layer["sublayers"][0]["filters"][0] & {
      notEvaluated: string[];
    };
    assert.equal(f.name, "Example rule 0");
    assert.equal(f.match, "not-evaluated");
    assert.deepEqual(f.notEvaluated, ["needs identity (FWPM_CONDITION_ALE_APP_ID): no --program given"]);
    assert.match(connect.outcome, /depends on filters not evaluated statically/);
    // another port: that filter cannot match and is left out
    r = await wfpsec([...args.slice(0, 6), "1025", "--state", dump, "--json"]);
    assert.deepEqual((json(r, "explain").layers as Layer[])[0].sublayers, []);
    r = await wfpsec(args);
    assert.match(r.stdout, /\? block "Example rule 0" \[Example Firewall provider\].*needs identity/);
  },
);

Deno.test(
  { name: "explain POLICY answers what if it were applied: its objects replace wfpsec's", ignore },
  async () => {
    const dir = tempDir();
    const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
    const corp = `${dir}/corp.yaml`, moved = `${dir}/moved.yaml`;
    Deno.writeTextFileSync(corp, POLICY);
    Deno.writeTextFileSync(moved, POLICY.replace("10.0.0.0/8", "172.16.0.0/12"));
    const ikeSublayers = async (args: string[]) => {
      const r = await wfpsec([
        "explain",
        ...args,
        "--remote",
        "10.9.9.9",
        "--protocol",
        "tcp",
        "--json",
        ...sim,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const doc = json(r, "explain");
      return { doc, names: (doc.layers as Layer[])[2].sublayers.map((s) => s.name) };
    };
    assert.deepEqual((await ikeSublayers([])).names, [], "nothing applied yet");
    const whatIf = await ikeSublayers([corp]);
    assert.deepEqual(whatIf.names, ["wfpsec"]);
    assert.deepEqual(whatIf.doc.policy, { name: "corp", file: corp });
    assert.equal(
      (whatIf.doc.layers as Layer[])[2].sublayers[0].filters[0].weight,
      String(128n << 40n),
      "the explicit weight of a remote /8 (docs/precedence.md), known before apply",
    );
    assert.equal((await wfpsec(["apply", corp, ...sim])).code, 0);
    assert.deepEqual((await ikeSublayers([])).names, ["wfpsec"]);
    assert.deepEqual((await ikeSublayers([moved])).names, [], "the moved policy no longer covers 10.9.9.9");
    const r = await wfpsec(["explain", moved, "--remote", "172.16.1.1", ...sim]);
    assert.match(r.stdout, /^What if policy "corp" \(.*moved\.yaml\) were applied:/);
    assert.match(
      r.stdout,
      /=> permit "wfpsec corp: rules\/corp\/v4\/ikeext\/ikev1" \[wfpsec\] w=0xc00000000000 remote 172\.16\.0\.0\/12/,
    );
    Deno.removeSync(dir, { recursive: true });
  },
);
