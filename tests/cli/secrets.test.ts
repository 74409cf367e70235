/**
 * Pre-shared key digests cannot be brute-forced from what wfpsec prints: the digest kept in providerData
 * (readable by netsh dumps) is an HMAC-SHA256 keyed by the host secret (modules/plan/hostKey.ts; on fwpsim
 * `wfpsec-host.key` beside the state file, created 0600), not a hash anyone can recompute for guesses, and
 * wfpsec's own outputs (show, plan, export, JSON snapshots) print a `redacted` marker in its place. A changed
 * key is still detected, an unchanged one is in sync, a snapshot made from `show --all --json` plans in sync.
 */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { haveSim, tempDir, wfpsec } from "./helpers.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];
const PSK = "k9z4"; // four characters: the old unsalted digest of such a key fell in 0.7 s

const POLICY = `version: 1
name: secrets-test
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - psk: { env: SECRETS_TEST_PSK }
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: corp
    remote: 10.0.0.0/8
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
`;

/** The key as wfpsec marshals it (UTF-16LE, as IKEEXT_PRESHARED_KEY_AUTHENTICATION carries it). */
const PSK_BYTES = new Uint8Array([...PSK].flatMap((c) => [c.charCodeAt(0), 0]));
const hexText = (h: string) =>
  new TextDecoder().decode(Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16))));

const SA_KEY_IN = "6b1f0c2ad4e85b7391a0c6d2e4f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2";
const SA_KEY_OUT = "9e8d7c6b5a49382716f5e4d3c2b1a0f9".repeat(2);
const WITH_SA = POLICY + `manualSas:
  - name: peer
    local: 10.1.1.1
    remote: 10.2.2.2
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: SECRETS_TEST_SA_IN } }
    outbound: { spi: 0x2002, transform: ah-sha256, key: { env: SECRETS_TEST_SA_OUT } }
`;

/** Every printable text of a CLI output: the output and each hex blob in it decoded. */
const expand = (out: string) =>
  out + [...out.matchAll(/"([0-9a-f]{2,})"/g)].map((m) => hexText(m[1])).join("\n");

/** The providerData metadata of every object of a show/snapshot document. */
function metas(doc: Record<string, { providerData?: string }[]>): Record<string, unknown>[] {
  return ["providers", "sublayers", "providerContexts", "filters"].flatMap((k) => doc[k] ?? [])
    .filter((o) => o.providerData).map((o) => {
      try {
        return JSON.parse(hexText(o.providerData!));
      } catch {
        return {};
      }
    });
}

Deno.test(
  {
    name: "the pre-shared key digest kept in the engine is keyed by the host secret, and never printed",
    ignore,
  },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, POLICY);
    const env = { SECRETS_TEST_PSK: PSK };
    const a = await wfpsec(["apply", policy, ...SIM(state)], env);
    assert.equal(a.code, 0, a.stderr);
    const show = await wfpsec(["show", "--json", ...SIM(state)], env);
    assert.equal(show.code, 0, show.stderr);
    const ctx =
      (JSON.parse(show.stdout).providerContexts as { providerContextKey: string; providerData: string }[])
        .find((c) => hexText(c.providerData).includes("secretSha256"))!;
    const meta = JSON.parse(hexText(ctx.providerData));
    // What is printed is a marker, not the digest.
    assert.deepEqual(meta.secretSha256, { "0": "redacted" });

    // A guesser who knows the construction and sees everything printed, but not the host secret, cannot
    // test candidates: neither the old unkeyed digest nor the keyed one is printed.
    const unkeyed = createHash("sha256").update(`wfpsec-secret-v1\0${ctx.providerContextKey}\0`).update(
      PSK_BYTES,
    )
      .digest("hex");
    const everything = expand(show.stdout);
    assert.ok(!everything.includes(unkeyed), "the unkeyed digest of the key is printed");
    assert.ok(!everything.includes(PSK), "the key is printed");

    // The engine holds the HMAC under the host secret, which is admin-only (0600) beside the state.
    const keyFile = `${dir}/wfpsec-host.key`;
    if (Deno.build.os !== "windows") assert.equal(Deno.statSync(keyFile).mode! & 0o777, 0o600);
    const hostKey = Uint8Array.from(
      Deno.readTextFileSync(keyFile).trim().match(/../g)!.map((x) => parseInt(x, 16)),
    );
    assert.equal(hostKey.length, 32);
    const mac = createHmac("sha256", hostKey).update(`wfpsec-secret-v2\0${ctx.providerContextKey}\0`).update(
      PSK_BYTES,
    )
      .digest("hex");
    assert.ok(Deno.readTextFileSync(state).includes(mac) || hexOfState(state).includes(mac));
    assert.ok(!everything.includes(mac), "the keyed digest is printed");

    // Change detection still works: same key in sync, another key planned as a change.
    assert.equal((await wfpsec(["plan", policy, ...SIM(state)], env)).code, 0);
    const changed = await wfpsec(["plan", policy, "--json", ...SIM(state)], { SECRETS_TEST_PSK: "k9z5" });
    assert.equal(changed.code, 2, changed.stderr);
    assert.match(changed.stdout, /pre-shared key changed/);
    assert.ok(!expand(changed.stdout).includes(mac));
  },
);

/** The state file's bytes as hex and as text (fwpsim stores blobs either way). */
function hexOfState(path: string): string {
  const b = Deno.readFileSync(path);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("") + new TextDecoder().decode(b);
}

Deno.test(
  { name: "no output carries a secret-derived digest: show, show --all, plan, export, snapshots", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`, snap = `${dir}/snap.json`;
    Deno.writeTextFileSync(policy, WITH_SA);
    const env = { SECRETS_TEST_PSK: PSK, SECRETS_TEST_SA_IN: SA_KEY_IN, SECRETS_TEST_SA_OUT: SA_KEY_OUT };
    const a = await wfpsec(["apply", policy, ...SIM(state)], env);
    assert.equal(a.code, 0, a.stderr);
    const outputs: Record<string, string> = {};
    for (
      const [name, args] of [
        ["show", ["show", "--json"]],
        ["show --all", ["show", "--all", "--json"]],
        ["show text", ["show", "--all"]],
        ["plan", ["plan", policy, "--json"]],
        ["export", ["export", "--format", "json", "--json"]],
        ["export yaml", ["export"]],
      ] as const
    ) {
      const r = await wfpsec([...args, ...SIM(state)], env);
      assert.ok(r.code === 0 || r.code === 2, `${name}: ${r.stderr}`);
      outputs[name] = r.stdout + r.stderr;
    }
    // The engine's copy does hold the digests (that is what change detection compares)...
    const stored = hexOfState(state);
    const macs = [...stored.matchAll(/hmac2:([0-9a-f]{64})/g)].map((m) => m[1]);
    const saDigests = [...stored.matchAll(/"manualSaSha256":"([0-9a-f]{64})"/g)].map((m) => m[1]);
    assert.ok(macs.length >= 1 && saDigests.length >= 1, "the state holds the digests");
    // ...and no output does.
    for (const [name, out] of Object.entries(outputs)) {
      const all = expand(out);
      for (const d of [...macs, ...saDigests]) assert.ok(!all.includes(d), `${name} prints digest ${d}`);
      assert.ok(!all.includes(SA_KEY_IN) && !all.includes(SA_KEY_OUT) && !all.includes(PSK), name);
    }
    const doc = JSON.parse(outputs["show --all"]);
    const ms = metas(doc);
    assert.ok(ms.some((m) => m.manualSaSha256 === "redacted"));
    assert.ok(ms.some((m) => JSON.stringify(m.secretSha256) === '{"0":"redacted"}'));

    // The snapshot made from that output still plans every filter and context in sync offline (the planner
    // cannot verify a redacted digest, so it does not claim a change); only the SA pair, which no snapshot
    // holds, is planned.
    Deno.writeTextFileSync(snap, outputs["show --all"]);
    const off = await wfpsec(["plan", policy, "--state", snap, "--json"], env);
    const changes = JSON.parse(off.stdout).changes as { kind: string; reason: string }[];
    assert.deepEqual(
      changes.map((c) => [c.kind, c.reason]),
      [["manualSa", "SA contexts cannot be read from this engine (offline snapshot)"]],
      off.stdout + off.stderr,
    );
    for (const d of [...macs, ...saDigests]) assert.ok(!expand(off.stdout).includes(d));
  },
);

Deno.test({ name: "a corrupt host key is a located error and changes nothing", ignore }, async () => {
  const dir = tempDir();
  const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
  Deno.writeTextFileSync(policy, POLICY);
  Deno.writeTextFileSync(`${dir}/wfpsec-host.key`, "not hex\n");
  const r = await wfpsec(["apply", policy, "--json", ...SIM(state)], { SECRETS_TEST_PSK: PSK });
  assert.equal(r.code, 1);
  const err = JSON.parse(r.stdout).error as { message: string };
  assert.match(err.message, /host key .*wfpsec-host\.key is corrupt/);
  const show = await wfpsec(["show", "--json", ...SIM(state)]);
  assert.deepEqual(JSON.parse(show.stdout).filters, []);
});

Deno.test(
  { name: "an unset key variable: validate warns where it is written; plan and apply fail there", ignore },
  async () => {
    const dir = tempDir();
    const state = `${dir}/engine.state`, policy = `${dir}/p.yaml`;
    Deno.writeTextFileSync(policy, POLICY);
    const unset = { SECRETS_TEST_PSK: "" };
    // The reference is on line 7, its value `SECRETS_TEST_PSK` at column 21.
    const where = `${policy}:7:21`, field = "mainMode[0].auth[0].psk.env";

    const v = await wfpsec(["validate", policy, "--json"], unset);
    assert.equal(v.code, 0, "a warning, not an error: the variable may be set where apply runs");
    const vdoc = JSON.parse(v.stdout);
    assert.equal(vdoc.valid, true);
    assert.deepEqual(
      vdoc.warnings.map((w: Record<string, unknown>) => [w.line, w.column, w.path, w.code]),
      [[7, 21, field, "secret-unset"]],
    );
    assert.match(vdoc.warnings[0].message, /SECRETS_TEST_PSK is not set/);
    const vt = await wfpsec(["validate", policy], unset);
    assert.match(
      vt.stderr,
      new RegExp(`^${where}: warning: environment variable SECRETS_TEST_PSK is not set`, "m"),
    );
    // Set: no warning.
    const ok = await wfpsec(["validate", policy, "--json"], { SECRETS_TEST_PSK: PSK });
    assert.deepEqual(JSON.parse(ok.stdout).warnings, []);

    for (const command of ["plan", "apply"]) {
      const r = await wfpsec([command, policy, ...SIM(state), "--json"], unset);
      assert.equal(r.code, 1, r.stdout);
      const err = JSON.parse(r.stdout).error;
      assert.equal(err.type, "PolicyError");
      assert.doesNotMatch(err.message, /[0-9a-f]{8}-[0-9a-f]{4}-/, "named by file and field, not by GUID");
      assert.deepEqual(
        err.diagnostics.map((d: Record<string, unknown>) => [d.file, d.line, d.column, d.path, d.code]),
        [[policy, 7, 21, field, "secret-unset"]],
      );
      const t = await wfpsec([command, policy, ...SIM(state)], unset);
      assert.equal(t.code, 1);
      assert.match(
        t.stderr,
        new RegExp(`^${where}: error: environment variable SECRETS_TEST_PSK is not set`, "m"),
      );
      assert.equal(t.stderr.match(/SECRETS_TEST_PSK is not set/g)?.length, 1, `said once:\n${t.stderr}`);
      assert.doesNotMatch(t.stderr, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    }
    const show = await wfpsec(["show", "--json", ...SIM(state)]);
    assert.equal(JSON.parse(show.stdout).filters.length, 0, "nothing applied");
    Deno.removeSync(dir, { recursive: true });
  },
);
