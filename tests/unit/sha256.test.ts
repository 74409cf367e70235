/** modules/sha256.ts is SHA-256: FIPS 180-4 vectors, and node:crypto's digest over padding-edge lengths. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { sha256Hex } from "../../modules/sha256.ts";

Deno.test("sha256Hex gives the FIPS 180-4 test vectors", () => {
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(
    sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

Deno.test("sha256Hex matches node:crypto for every length 0..300, parts, UTF-8 and bytes", () => {
  const bytes = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 255);
  for (let n = 0; n <= 300; n++) {
    const b = bytes.subarray(0, n);
    assert.equal(sha256Hex(b), createHash("sha256").update(b).digest("hex"), `length ${n}`);
  }
  const s = "wfpsec-secret-v1\0{key}\0é✓";
  assert.equal(sha256Hex(s, bytes), createHash("sha256").update(s).update(bytes).digest("hex"));
});
