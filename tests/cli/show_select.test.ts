/**
 * `wfpsec show` as an admin reads it, spawning the CLI on the simulator: an empty engine says so, `--all`
 * names each object's provider, `--layer` and `--provider` narrow the listing, and a misspelt layer is a
 * usage error with close matches.
 */
import assert from "node:assert/strict";
import { haveSim, json, tempDir, testPolicy, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
type Obj = Record<string, unknown>;
const WFPSEC_PROVIDER = "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71";
const IKEEXT_PROVIDER = "10ad9216-ccde-456c-8b16-e9f04e60a90b";
const IKEEXT_V4 = "b14b7bdb-dbbd-473e-bed4-8b4708d4f270";
const FOREIGN = "0a0a0a0a-1111-4222-8333-444444444444";
const UNREGISTERED = "0b0b0b0b-1111-4222-8333-555555555555";

/** A sim state with the CLI test policy applied. */
async function applied(): Promise<{ dir: string; state: string }> {
  const dir = tempDir();
  const policy = `${dir}/policy.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const state = `${dir}/state.bin`;
  const r = await wfpsec(["apply", policy, ...SIM(state)]);
  assert.equal(r.code, 0, r.stderr);
  return { dir, state };
}

Deno.test(
  { name: "show on an engine without wfpsec's objects says nothing of ours is in force", ignore },
  async () => {
    const state = `${tempDir()}/state.bin`;
    let r = await wfpsec(["show", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nothing of wfpsec's is in force/i);
    assert.doesNotMatch(r.stdout, /Filters \(0\)/);
    r = await wfpsec(["show", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "show");
    assert.equal(doc.empty, true);
    assert.equal(doc.scope, "ours");
    for (const k of ["providers", "sublayers", "providerContexts", "filters"]) {
      assert.deepEqual(
        doc[k],
        [],
        k,
      );
    }
    // Once something is applied, show is not empty.
    const { state: full } = await applied();
    const d2 = json(await wfpsec(["show", "--json", ...SIM(full)]), "show");
    assert.equal(d2.empty, false);
    assert.doesNotMatch((await wfpsec(["show", ...SIM(full)])).stdout, /nothing of wfpsec's/i);
  },
);

Deno.test(
  { name: "show --all names every object's provider: display name, or key when unnamed", ignore },
  async () => {
    const { dir, state } = await applied();
    let r = await wfpsec(["show", "--all", "--json", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "show");
    const filters = doc.filters as Obj[];
    const ours = filters.filter((f) => f.providerKey === WFPSEC_PROVIDER);
    const builtIn = filters.filter((f) => f.providerKey === IKEEXT_PROVIDER);
    assert.ok(ours.length > 0 && builtIn.length > 0);
    for (const f of ours) assert.equal(f.providerName, "wfpsec");
    for (const f of builtIn) assert.equal(f.providerName, "Microsoft Windows WFP IKEEXT provider");
    const ourSublayers = (doc.sublayers as Obj[]).filter((s) => s.providerKey === WFPSEC_PROVIDER);
    assert.ok(ourSublayers.length > 0);
    for (const s of ourSublayers) assert.equal(s.providerName, "wfpsec");
    // A snapshot with a foreign provider's filter and a filter whose provider is not registered.
    const copy = (f: Obj, filterKey: string, providerKey: string): Obj => {
      const { providerName: _n, filterId: _i, ...rest } = f;
      return { ...rest, filterKey, providerKey };
    };
    const foreign = copy(ours[0], "0c0c0c0c-1111-4222-8333-666666666666", FOREIGN);
    const orphan = copy(ours[1], "0d0d0d0d-1111-4222-8333-777777777777", UNREGISTERED);
    const snap = {
      ...doc,
      providers: [...(doc.providers as Obj[]), {
        providerKey: FOREIGN,
        displayData: { name: "Contoso Firewall" },
        flags: 0,
      }],
      filters: [...filters, foreign, orphan],
    };
    const snapFile = `${dir}/snap.json`;
    Deno.writeTextFileSync(snapFile, JSON.stringify(snap));
    r = await wfpsec(["show", "--all", "--state", snapFile]);
    assert.equal(r.code, 0, r.stderr);
    const header = r.stdout.split("\n").find((l) => l.startsWith("ID "));
    assert.match(header ?? "", /\bPROVIDER\b/);
    const row = (key: string) => r.stdout.split("\n").find((l) => l.includes(key)) ?? "";
    assert.match(row("0c0c0c0c-1111-4222-8333-666666666666"), /Contoso Firewall/);
    assert.ok(row("0d0d0d0d-1111-4222-8333-777777777777").includes(UNREGISTERED));
    assert.match(row(ours[2].filterKey as string), /\bwfpsec\b.*wfpsec cli-test/);
    r = await wfpsec(["show", "--all", "--json", "--state", snapFile]);
    const byKey = new Map((json(r, "show").filters as Obj[]).map((f) => [f.filterKey, f]));
    assert.equal(byKey.get("0c0c0c0c-1111-4222-8333-666666666666")?.providerName, "Contoso Firewall");
    assert.equal(byKey.get("0d0d0d0d-1111-4222-8333-777777777777")?.providerName, null);
    // --provider by display name (any case) and by key, with and without --all.
    for (const args of [["--provider", "contoso firewall"], ["--all", "--provider", FOREIGN.toUpperCase()]]) {
      r = await wfpsec(["show", "--json", "--state", snapFile, ...args]);
      assert.equal(r.code, 0, r.stderr);
      const d = json(r, "show");
      assert.deepEqual((d.filters as Obj[]).map((f) => f.filterKey), [
        "0c0c0c0c-1111-4222-8333-666666666666",
      ]);
      assert.deepEqual((d.providers as Obj[]).map((p) => p.providerKey), [FOREIGN]);
      assert.deepEqual(d.sublayers, []);
      assert.deepEqual(d.selection, { provider: { providerKey: FOREIGN, providerName: "Contoso Firewall" } });
    }
    // The simulator's built-in IKEEXT provider by its FWPM_PROVIDER_* name: its filters only.
    r = await wfpsec(["show", "--json", ...SIM(state), "--provider", "fwpm_provider_ikeext"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (json(r, "show").filters as Obj[]).map((f) => f.filterKey).sort(),
      builtIn.map((f) => f.filterKey).sort(),
    );
    r = await wfpsec(["show", "--state", snapFile, "--provider", "wfpsec"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /0c0c0c0c|0d0d0d0d|Contoso/);
    r = await wfpsec(["show", "--state", snapFile, "--provider", "Fabrikam"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /UsageError: no provider "Fabrikam".*"Contoso Firewall"/);
  },
);

Deno.test(
  { name: "show --layer lists only that layer's filters, by name in any case or by GUID", ignore },
  async () => {
    const { state } = await applied();
    const all = json(await wfpsec(["show", "--all", "--json", ...SIM(state)]), "show");
    const expected = (all.filters as Obj[]).filter((f) => f.layerKey === IKEEXT_V4).map((f) => f.filterKey)
      .sort();
    assert.ok(expected.length > 0 && expected.length < (all.filters as Obj[]).length);
    for (
      const args of [["--layer", "FWPM_LAYER_IKEEXT_V4"], ["--layer", "fwpm_layer_ikeext_v4", "--all"], [
        "--layer",
        `{${IKEEXT_V4.toUpperCase()}}`,
      ], ["--layer", "ikeext_v4"]]
    ) {
      const r = await wfpsec(["show", "--json", ...SIM(state), ...args]);
      assert.equal(r.code, 0, r.stderr);
      const d = json(r, "show");
      assert.deepEqual((d.filters as Obj[]).map((f) => f.filterKey).sort(), expected, args.join(" "));
      // The main-mode contexts those filters use, not the quick-mode ones.
      const used = new Set((d.filters as Obj[]).map((f) => f.providerContextKey));
      assert.ok((d.providerContexts as Obj[]).length > 0);
      for (const c of d.providerContexts as Obj[]) assert.ok(used.has(c.providerContextKey));
      assert.deepEqual(d.selection, { layer: { layerKey: IKEEXT_V4, layer: "FWPM_LAYER_IKEEXT_V4" } });
    }
    const text = await wfpsec(["show", ...SIM(state), "--layer", "IKEEXT_V4"]);
    assert.equal(text.code, 0, text.stderr);
    const rows = text.stdout.split("\n").filter((l) => /^\d+\s+[0-9a-f-]{36}\s/.test(l));
    assert.equal(rows.length, expected.length);
    for (const l of rows) assert.match(l, /\bIKEEXT_V4\b/);
    // A layer with none of our filters: an empty listing that says what matched nothing.
    const none = await wfpsec(["show", ...SIM(state), "--layer", "FWPM_LAYER_INBOUND_IPPACKET_V4"]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /Nothing of wfpsec's in force matches --layer FWPM_LAYER_INBOUND_IPPACKET_V4/);
  },
);

Deno.test(
  { name: "show --layer with an unknown name is a usage error listing close matches", ignore },
  async () => {
    const state = `${tempDir()}/state.bin`;
    let r = await wfpsec(["show", ...SIM(state), "--layer", "FWPM_LAYER_IKEXT_V4"]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /UsageError: unknown layer "FWPM_LAYER_IKEXT_V4".*did you mean FWPM_LAYER_IKEEXT_V4/,
    );
    r = await wfpsec(["show", "--json", ...SIM(state), "--layer", "ipsec_v9"]);
    assert.equal(r.code, 1);
    const err = json(r, "show").error as Obj;
    assert.equal(err.type, "UsageError");
    assert.match(String(err.message), /FWPM_LAYER_IPSEC_V4/);
    for (const opt of ["--layer", "--provider"]) {
      r = await wfpsec(["show", ...SIM(state), opt, " "]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`UsageError: ${opt} needs a`));
    }
  },
);

Deno.test(
  { name: "show decodes conditions in text and gives IPv4 addresses as dotted text in JSON", ignore },
  async () => {
    const dir = tempDir();
    const policy = `${dir}/policy.yaml`;
    Deno.writeTextFileSync(policy, testPolicy({ extraExemption: true }));
    const state = `${dir}/state.bin`;
    assert.equal((await wfpsec(["apply", policy, ...SIM(state)])).code, 0);
    const r = await wfpsec(["show", ...SIM(state)]);
    assert.equal(r.code, 0, r.stderr);
    const row = (name: string) => r.stdout.split("\n").find((l) => l.includes(name)) ?? "";
    assert.match(r.stdout, /^ID .*\bCONDITIONS$/m);
    assert.match(row("rules/corp/v4/in"), /local-address-type unicast remote 10\.0\.0\.0\/8$/);
    assert.match(row("exemptions/dns/v4/in"), /remote 10\.0\.0\.53 udp\/53$/);
    assert.match(row("exemptions/icmp/v4/in"), / icmp$/);
    const doc = json(await wfpsec(["show", "--json", ...SIM(state)]), "show");
    const conds = (name: string) =>
      ((doc.filters as Obj[]).find((f) => (f.displayData as Obj).name === `wfpsec cli-test: ${name}`)
        ?.filterCondition ?? []) as Obj[];
    const remote = (name: string) =>
      conds(name).find((c) => c.field === "FWPM_CONDITION_IP_REMOTE_ADDRESS")?.conditionValue as Obj;
    // The numeric form stays (the snapshot contract); the dotted text is added beside it.
    assert.deepEqual(remote("rules/corp/v4/in").v4AddrMask, {
      addr: 0x0a000000,
      mask: 0xff000000,
      addrText: "10.0.0.0",
      maskText: "255.0.0.0",
    });
    const dns = remote("exemptions/dns/v4/in");
    assert.equal(dns.uint32, 0x0a000035);
    assert.equal(dns.addressText, "10.0.0.53");
  },
);
