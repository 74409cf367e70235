/**
 * Issue 15 item 1 end to end on fwpsim, with Microsoft's domain isolation design as one layout
 * (examples/domain-isolation-zones.yaml: request everywhere, require for the isolated domain, a boundary
 * zone, an encryption zone, isolated servers, DHCP/DNS/domain-controller exemptions): the overlapping rules
 * validate and apply, `plan` prints their precedence, `show --json` carries the weights in that order, and
 * `explain` shows the more specific rule's filter deciding each scenario's connection. A true ambiguity is
 * refused by `validate` naming both rules with file:line:col.
 */
import assert from "node:assert/strict";
import { haveSim, json, ROOT, tempDir, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const ZONES = `${ROOT}/examples/domain-isolation-zones.yaml`;

interface Filter {
  name: string;
  action?: string;
  weight: string;
}
interface Layer {
  layer: string;
  outcome: string;
  sublayers: { name: string; decidingFilter: string | null; filters: (Filter & { filterKey: string })[] }[];
}

/** The deciding filter's name at `layer` in our sublayer. */
function decider(layers: Layer[], layer: string): string {
  const l = layers.find((x) => x.layer === layer);
  assert.ok(l, `${layer} on the path`);
  const s = l.sublayers.find((x) => x.name === "wfpsec")!;
  return s.filters.find((f) => f.filterKey === s.decidingFilter)?.name ?? "(none)";
}

Deno.test(
  {
    name: "domain isolation zones: validate, plan shows the precedence, apply, show --json weights in order",
    ignore,
  },
  async () => {
    const dir = tempDir();
    const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
    let r = await wfpsec(["validate", ZONES]);
    assert.equal(r.code, 0, r.stdout + r.stderr);

    r = await wfpsec(["plan", ZONES, ...sim]);
    assert.equal(r.code, 2, r.stderr);
    const block = r.stdout.slice(r.stdout.indexOf("Precedence where rules"));
    const lines = block.split("\n").filter((l) => /^\s+\d+\. /.test(l)).map((l) => l.trim());
    assert.deepEqual(lines.map((l) => l.replace(/ \(.*/, "")), [
      "1. encryption-zone",
      "1. isolated-servers",
      "3. boundary-zone",
      "4. isolated-domain",
      "5. everywhere",
    ]);
    assert.match(
      lines[0],
      /^1\. encryption-zone \(require\/require \+ encryption, weight 0x0001800000000000\): more specific \(remote 10\.1\.5\.0\/24\) than everywhere, isolated-domain$/,
    );

    r = await wfpsec(["plan", ZONES, "--json", ...sim]);
    const prec = json(r, "plan").precedence as {
      rule: string;
      rank: number;
      weight: string;
      family: number;
    }[];
    assert.deepEqual(prec.map((p) => [p.family, p.rank, p.rule]), [
      [4, 1, "encryption-zone"],
      [4, 1, "isolated-servers"],
      [4, 3, "boundary-zone"],
      [4, 4, "isolated-domain"],
      [4, 5, "everywhere"],
    ]);

    r = await wfpsec(["apply", ZONES, ...sim]);
    assert.equal(r.code, 0, r.stdout + r.stderr);

    r = await wfpsec(["show", "--json", ...sim]);
    const shown = json(r, "show");
    const filters = shown.filters as {
      displayData: { name: string };
      layer: string;
      weight: { type: number; uint64?: string };
      effectiveWeight: { uint64: string };
    }[];
    for (const layer of ["FWPM_LAYER_IKEEXT_V4", "FWPM_LAYER_IPSEC_V4", "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"]) {
      const weightOf = (rule: string) => {
        const f = filters.find((x) => x.layer === layer && x.displayData.name.includes(`rules/${rule}/v4/`));
        assert.ok(f, `${rule} at ${layer}`);
        assert.equal(f.weight.uint64, f.effectiveWeight.uint64, "an explicit weight is used as is");
        return BigInt(f.effectiveWeight.uint64);
      };
      const ws = ["encryption-zone", "boundary-zone", "isolated-domain", "everywhere"].map(weightOf);
      assert.deepEqual([...ws].sort((a, b) => (a < b ? 1 : -1)), ws, `${layer}: weights in precedence order`);
      assert.ok(ws[0] > ws[3]);
    }
    const shownPrec = shown.precedence as { rule: string; rank: number }[];
    assert.deepEqual(shownPrec.map((p) => p.rule), prec.map((p) => p.rule), "show: the order in force");

    r = await wfpsec(["show", ...sim]);
    assert.match(r.stdout, /Precedence where rules with different security overlap/);
    assert.match(r.stdout, /4\. isolated-domain \(require\/request, weight 0x0000800000000000\)/);
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "domain isolation zones: explain shows the more specific rule deciding in each zone", ignore },
  async () => {
    const dir = tempDir();
    const sim = ["--engine", "sim", "--sim-state", `${dir}/sim.state`];
    assert.equal((await wfpsec(["apply", ZONES, ...sim])).code, 0);
    const explain = async (...args: string[]) => {
      const r = await wfpsec(["explain", ...args, "--json", ...sim]);
      assert.equal(r.code, 0, r.stderr);
      return json(r, "explain").layers as Layer[];
    };
    const P = "wfpsec domain-isolation-zones: ";

    // Encryption zone (require + encryption): inside the isolated domain and "everywhere", the /24 decides
    // at every layer, and guaranteed encryption is set at ALE connect.
    let l = await explain("--remote", "10.1.5.7", "--protocol", "tcp", "--remote-port", "445");
    for (
      const [layer, filter] of [
        ["FWPM_LAYER_ALE_AUTH_CONNECT_V4", "rules/encryption-zone/v4/connect"],
        ["FWPM_LAYER_OUTBOUND_TRANSPORT_V4", "rules/encryption-zone/v4/out"],
        ["FWPM_LAYER_IKEEXT_V4", "rules/encryption-zone/v4/ikeext/authip"],
        ["FWPM_LAYER_IPSEC_V4", "rules/encryption-zone/v4/ipsec/authip"],
      ]
    ) assert.equal(decider(l, layer), P + filter, layer);
    const out = l.find((x) => x.layer === "FWPM_LAYER_OUTBOUND_TRANSPORT_V4")!.sublayers[0].filters;
    assert.deepEqual(out.map((f) => f.name.replace(P, "")), [
      "rules/encryption-zone/v4/out",
      "rules/isolated-domain/v4/out",
      "rules/everywhere/v4/out",
    ], "the less specific rules match too, below it");

    // Boundary zone (request in, request out) inside the isolated domain (require in): the boundary rule's
    // transport filter decides, and its precedence PERMIT keeps the domain's ALE accept callout off.
    l = await explain(
      "--direction",
      "in",
      "--remote",
      "10.9.1.1",
      "--protocol",
      "tcp",
      "--local-port",
      "445",
    );
    assert.equal(decider(l, "FWPM_LAYER_INBOUND_TRANSPORT_V4"), P + "rules/boundary-zone/v4/in");
    assert.equal(
      decider(l, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"),
      P + "rules/boundary-zone/v4/accept/precedence",
    );
    assert.equal(decider(l, "FWPM_LAYER_IPSEC_V4"), P + "rules/boundary-zone/v4/ipsec/authip");

    // The isolated domain itself, outside the zones: its rule decides over "everywhere".
    l = await explain(
      "--direction",
      "in",
      "--remote",
      "10.2.3.4",
      "--protocol",
      "tcp",
      "--local-port",
      "445",
    );
    assert.equal(decider(l, "FWPM_LAYER_INBOUND_TRANSPORT_V4"), P + "rules/isolated-domain/v4/in");
    assert.equal(decider(l, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"), P + "rules/isolated-domain/v4/accept");

    // Isolated servers: require both ways; the exemptions stay above every rule: the domain controllers,
    // DNS and DHCP pass in the clear.
    l = await explain("--remote", "10.1.6.20", "--protocol", "tcp", "--remote-port", "1433");
    assert.equal(decider(l, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), P + "rules/isolated-servers/v4/out");
    l = await explain("--remote", "10.0.0.10", "--protocol", "tcp", "--remote-port", "88");
    assert.equal(decider(l, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), P + "exemptions/domain-controllers/v4/out");
    l = await explain("--remote", "10.0.0.53", "--protocol", "udp", "--remote-port", "53");
    assert.equal(decider(l, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), P + "exemptions/dns/v4/out");
    l = await explain(
      "--remote",
      "10.1.5.1",
      "--protocol",
      "udp",
      "--local-port",
      "68",
      "--remote-port",
      "67",
    );
    assert.equal(decider(l, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), P + "exemptions/dhcp/v4/out");

    // Everywhere else: the request/request rule.
    l = await explain("--remote", "192.0.2.80", "--protocol", "tcp", "--remote-port", "443");
    assert.equal(decider(l, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), P + "rules/everywhere/v4/out");
    Deno.removeSync(dir, { recursive: true });
  },
);

Deno.test(
  { name: "a true ambiguity is refused by validate, naming both rules with file:line:col", ignore },
  async () => {
    const dir = tempDir();
    const file = `${dir}/tie.yaml`;
    Deno.writeTextFileSync(
      file,
      `version: 1
name: tie
rules:
  - name: servers-request
    remote: 10.1.0.0/16
    inbound: request
    outbound: request
  - name: servers-require
    remote: 10.1.0.0/16
    inbound: require
    outbound: require
`,
    );
    let r = await wfpsec(["validate", file]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr + r.stdout,
      new RegExp(
        `tie\\.yaml:8:5: error: rule 'servers-require' overlaps rule 'servers-request' \\(rules\\[0\\], ${
          file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
        }:4:5\\) with different security \\(require/require vs request/request\\).* \\[rule-overlap\\] \\(at rules\\[1\\]\\)`,
      ),
    );
    // a priority resolves it; the order says so
    Deno.writeTextFileSync(
      file,
      Deno.readTextFileSync(file).replace(
        "    outbound: require\n",
        "    outbound: require\n    priority: 1\n",
      ),
    );
    r = await wfpsec(["validate", file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    r = await wfpsec(["plan", file, "--engine", "sim", "--sim-state", `${dir}/sim.state`]);
    assert.match(
      r.stdout,
      /1\. servers-require \(require\/require, weight 0x0011000000000000\): priority 1 over servers-request/,
    );
    Deno.removeSync(dir, { recursive: true });
  },
);
