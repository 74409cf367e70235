/**
 * Secret digests (modules/graph/meta.ts): keyed by the host secret, so the same key gives unrelated digests on
 * two hosts and none without the secret; an offline plan (no host secret) adopts the stored digest rather
 * than claiming the pre-shared key changed.
 */
import assert from "node:assert/strict";
import {
  adoptRedactedSaDigest,
  adoptUnverifiableSecrets,
  readMeta,
  redactDigests,
  REDACTED_DIGEST,
  secretDigest,
  UNVERIFIABLE_SECRET,
  withMeta,
} from "../../../modules/graph/meta.ts";

const PSK = new TextEncoder().encode("k9z4");
const H1 = new Uint8Array(32).fill(1), H2 = new Uint8Array(32).fill(2);

Deno.test("a secret digest depends on the host secret and the owner, and is absent without a host secret", () => {
  const a = secretDigest("ctx", PSK, H1);
  assert.match(a, /^hmac2:[0-9a-f]{64}$/);
  assert.equal(secretDigest("ctx", PSK, H1), a);
  assert.notEqual(secretDigest("ctx", PSK, H2), a);
  assert.notEqual(secretDigest("ctx2", PSK, H1), a);
  assert.equal(secretDigest("ctx", PSK, undefined), UNVERIFIABLE_SECRET);
});

Deno.test("an offline plan adopts the stored digest of a secret it cannot verify, and only that", () => {
  const stored = withMeta(undefined, { secretSha256: { "0": secretDigest("ctx", PSK, H1), "1": "x" } });
  const desired = withMeta(undefined, { secretSha256: { "0": UNVERIFIABLE_SECRET, "1": "y" } });
  const adopted = readMeta(adoptUnverifiableSecrets(stored, desired))!;
  assert.deepEqual(adopted.secretSha256, { "0": secretDigest("ctx", PSK, H1), "1": "y" });
  const verifiable = withMeta(undefined, { secretSha256: { "0": secretDigest("ctx", PSK, H2) } });
  assert.equal(adoptUnverifiableSecrets(stored, verifiable), undefined);
});

Deno.test("printed providerData carries no secret-derived digest; the planner does not compare a redacted one", () => {
  const stored = withMeta(undefined, {
    contentSha256: "c0ffee",
    manualSaSha256: "ab".repeat(32),
    secretSha256: { "0": secretDigest("ctx", PSK, H1) },
  });
  const printed = readMeta(redactDigests(stored))!;
  assert.deepEqual(printed, {
    contentSha256: "c0ffee",
    manualSaSha256: REDACTED_DIGEST,
    secretSha256: { "0": REDACTED_DIGEST },
  });
  // Nothing else changes: metadata without secrets is printed as stored.
  const plain = withMeta(undefined, { path: "rules/a", contentSha256: "c0ffee" });
  assert.equal(redactDigests(plain), plain);
  // A snapshot's redacted digest is adopted (not reported as a changed key), a real one is compared.
  const desired = withMeta(undefined, { secretSha256: { "0": secretDigest("ctx", PSK, H2) } });
  const adopted = readMeta(adoptUnverifiableSecrets(redactDigests(stored), desired))!;
  assert.deepEqual(adopted.secretSha256, { "0": REDACTED_DIGEST });
  const sa = withMeta(undefined, { manualSaSha256: "cd".repeat(32) });
  assert.equal(readMeta(adoptRedactedSaDigest(redactDigests(stored), sa))!.manualSaSha256, REDACTED_DIGEST);
  assert.equal(adoptRedactedSaDigest(stored, sa), undefined);
});
