/**
 * Pre-shared key digests cannot be brute-forced from what wfpsec prints: the digest kept in providerData
 * (and so shown by `show --json`, snapshots and netsh dumps) is an HMAC-SHA256 keyed by the host secret
 * (modules/plan/hostKey.ts; on fwpsim `wfpsec-host.key` beside the state file, created 0600), not a hash anyone
 * can recompute for guesses. A changed key is still detected, an unchanged one is in sync.
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

Deno.test(
  { name: "the pre-shared key digest wfpsec prints is keyed by the host secret", ignore },
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
    const printed = meta.secretSha256["0"] as string;

    // A guesser who knows the construction and sees everything printed, but not the host secret, cannot
    // test candidates: the old unkeyed digest of the right guess is not what is printed.
    const unkeyed = createHash("sha256").update(`wfpsec-secret-v1\0${ctx.providerContextKey}\0`).update(
      PSK_BYTES,
    )
      .digest("hex");
    const everything = show.stdout +
      [...show.stdout.matchAll(/"([0-9a-f]{2,})"/g)].map((m) => hexText(m[1])).join();
    assert.ok(!everything.includes(unkeyed), "the unkeyed digest of the key is printed");
    assert.ok(!everything.includes(PSK), "the key is printed");

    // It is the HMAC under the host secret, which is admin-only (0600) beside the state.
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
    assert.equal(printed, `hmac2:${mac}`);

    // Change detection still works: same key in sync, another key planned as a change.
    assert.equal((await wfpsec(["plan", policy, ...SIM(state)], env)).code, 0);
    const changed = await wfpsec(["plan", policy, "--json", ...SIM(state)], { SECRETS_TEST_PSK: "k9z5" });
    assert.equal(changed.code, 2, changed.stderr);
    assert.match(changed.stdout, /pre-shared key changed/);
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
