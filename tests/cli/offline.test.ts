/**
 * Offline: plan and show against snapshots instead of a live engine — wfpsec's own JSON snapshot
 * (`show --all --json > snap.json`) and netsh `show state` / `show filters` XML dumps, including a
 * multi-megabyte dump with thousands of foreign filters. Snapshots are read-only.
 */
import assert from "node:assert/strict";
import { haveSim, json, PSK_VALUE, tempDir, testPolicy, transcript, wfpsec } from "./helpers.ts";
import { parseJsonSnapshot } from "../../modules/engine/snapshot.ts";
import { filtersXml, stateXml } from "./netsh_writer.ts";
import { foreignFilters, foreignOwners } from "../support/foreignDump.ts";

const ignore = !haveSim();
const FOREIGN = 6000;

Deno.test(
  { name: "plan and show work offline on a JSON snapshot and on netsh XML dumps", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/sim.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, testPolicy());
    let r = await wfpsec(["apply", policy, "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0, r.stderr);

    // wfpsec's own snapshot.
    r = await wfpsec(["show", "--all", "--json", "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0);
    const snap = `${dir}/snap.json`;
    Deno.writeTextFileSync(snap, r.stdout);
    r = await wfpsec(["plan", policy, "--state", snap, "--json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    let doc = json(r, "plan");
    assert.equal(doc.inSync, true);
    assert.deepEqual(doc.engine, {
      kind: "snapshot",
      simulated: true,
      source: snap,
      description: `offline snapshot (wfpsec JSON, read-only) from ${snap}`,
    });
    r = await wfpsec(["plan", policy, "--state", snap]);
    assert.match(r.stderr, /OFFLINE SNAPSHOT/);

    // The same objects as a netsh `show state` dump with thousands of foreign filters (several MB).
    const objs = parseJsonSnapshot(Deno.readTextFileSync(snap));
    const { provider, sublayer } = foreignOwners();
    const big = {
      providers: [...objs.providers, provider],
      sublayers: [...objs.sublayers, sublayer],
      providerContexts: objs.providerContexts,
      filters: [...objs.filters, ...foreignFilters(FOREIGN)],
    };
    const xml = `${dir}/wfpstate.xml`;
    Deno.writeTextFileSync(xml, stateXml(big));
    const size = Deno.statSync(xml).size;
    assert.ok(size > 4_000_000, `the dump is multi-megabyte (${size} bytes)`);
    r = await wfpsec(["plan", policy, "--state", xml, "--json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(json(r, "plan").inSync, true);

    r = await wfpsec(["show", "--all", "--state", xml, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    doc = json(r, "show");
    assert.equal((doc.filters as unknown[]).length, objs.filters.length + FOREIGN);
    r = await wfpsec(["show", "--state", xml, "--json"]);
    doc = json(r, "show");
    const ours = (doc.providers as { providerKey: string }[])[0].providerKey;
    assert.equal(
      (doc.filters as unknown[]).length,
      objs.filters.filter((f) => f.providerKey === ours).length,
    );
    r = await wfpsec(["show", "--state", xml]);
    assert.match(r.stdout, /Filters \(\d+\)/);

    // An edited policy plans changes against the dump (exit 2).
    Deno.writeTextFileSync(policy, testPolicy({ remote: "10.99.0.0/16" }));
    r = await wfpsec(["plan", policy, "--state", xml, "--json"]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.ok((json(r, "plan").changes as unknown[]).length > 0);

    // `show filters` format (wfpdiag root).
    const diag = `${dir}/filters.xml`;
    Deno.writeTextFileSync(diag, filtersXml(big));
    r = await wfpsec(["show", "--all", "--state", diag, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((json(r, "show").filters as unknown[]).length, objs.filters.length + FOREIGN);

    // Export works offline; apply has no --state (a snapshot cannot be changed).
    r = await wfpsec(["export", "--state", snap]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /name: cli-test/);
    r = await wfpsec(["apply", policy, "--state", xml, "--json"]);
    assert.equal(r.code, 1);
    assert.equal((json(r, "apply").error as Record<string, unknown>).type, "UsageError");
    r = await wfpsec(["show", "--state", `${dir}/missing.xml`, "--json"]);
    assert.equal(r.code, 1);
    assert.equal((json(r, "show").error as Record<string, unknown>).type, "SnapshotError");
    for (const t of transcript) assert.ok(!t.includes(PSK_VALUE));
    Deno.removeSync(dir, { recursive: true });
  },
);
