/**
 * Secret digests (modules/graph/meta.ts): keyed by the host secret, so the same key gives unrelated digests on
 * two hosts and none without the secret; an offline plan (no host secret) adopts the stored digest rather
 * than claiming the pre-shared key changed.
 */
import assert from "node:assert/strict";
import {
  adoptUnverifiableSecrets,
  readMeta,
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
