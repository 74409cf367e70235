/** modules/graph/sha256.ts is SHA-256: FIPS 180-4 vectors, and node:crypto's digest over padding-edge lengths. */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { hmacSha256Hex, sha256Hex } from "../../../modules/graph/sha256.ts";

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

Deno.test("hmacSha256Hex gives the RFC 4231 test vectors (short key, long key)", () => {
  const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((x) => parseInt(x, 16)));
  assert.equal(
    hmacSha256Hex(hex("0b".repeat(20)), "Hi There"),
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  );
  assert.equal(
    hmacSha256Hex(hex("aa".repeat(131)), "Test Using Larger Than Block-Size Key - Hash Key First"),
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  );
});

Deno.test("hmacSha256Hex matches node:crypto for key lengths 0..130 and split messages", () => {
  const bytes = new Uint8Array(200).map((_, i) => (i * 29 + 3) & 255);
  for (let k = 0; k <= 130; k += 5) {
    const key = bytes.subarray(0, k);
    const want = createHmac("sha256", key).update("tag\0").update(bytes).digest("hex");
    assert.equal(hmacSha256Hex(key, "tag\0", bytes), want, `key length ${k}`);
  }
});
