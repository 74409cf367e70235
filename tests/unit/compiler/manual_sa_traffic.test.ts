/**
 * Manual SAs are compiled down to what the engine calls take: the IPSEC_TRAFFIC1 addresses (host-order IPv4
 * numbers, 16 network-order bytes for IPv6) come with the graph, so apply parses no address text, and the key
 * lengths come from one table (modules/compiler/saKeys.ts) read by the planner and by apply.
 */
import assert from "node:assert/strict";
import { ENUMS } from "../../../ffi/constants.ts";
import { cipherKeyLength, saKeyLength } from "../../../modules/graph/mod.ts";
import { saTraffic } from "../../../modules/apply/apply.ts";
import { compileText } from "./helpers.ts";

const policy = (local: string, remote: string, outTransform = "esp-aes256-sha256") =>
  `version: 1
name: sa-traffic
manualSas:
  - name: peer
    local: ${local}
    remote: ${remote}
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: SA_IN } }
    outbound: { spi: 0x2002, transform: ${outTransform}, key: { env: SA_OUT } }
`;

Deno.test("an IPv4 manual SA carries its traffic addresses as host-order numbers", () => {
  const [m] = compileText(policy("10.1.1.1", "192.168.200.2")).manualSas;
  assert.deepEqual(m.traffic, { localV4Address: 0x0a010101, remoteV4Address: 0xc0a8c802 });
  const t = saTraffic(m, 7n);
  assert.equal(t.localV4Address, 0x0a010101);
  assert.equal(t.remoteV4Address, 0xc0a8c802);
  assert.equal(t.ipsecFilterId, 7n);
  assert.equal(t.trafficType, ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TRANSPORT);
});

Deno.test("an IPv6 manual SA carries its traffic addresses as 16 network-order bytes", () => {
  const [m] = compileText(policy("2001:db8::1", "fe80::2")).manualSas;
  const want = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  assert.deepEqual(m.traffic, {
    localV6Address: want("20010db8000000000000000000000001"),
    remoteV6Address: want("fe800000000000000000000000000002"),
  });
  assert.equal(m.ipVersion, ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V6);
  const t = saTraffic({ ...m, localAddress: "not parsed at apply" }, 1n);
  assert.deepEqual(t.localV6Address, want("20010db8000000000000000000000001"));
});

Deno.test("manual SA key lengths: HMAC + CBC summed, AES-GCM key + salt, one table for plan and apply", () => {
  const g = compileText(policy("10.1.1.1", "10.2.2.2")).manualSas[0];
  assert.equal(saKeyLength(g.inbound), 32, "HMAC-SHA-256");
  assert.equal(saKeyLength(g.outbound), 32 + 32, "AES-256-CBC then HMAC-SHA-256");
  const gcm = compileText(policy("10.1.1.1", "10.2.2.2", "esp-aesgcm128")).manualSas[0];
  assert.equal(saKeyLength(gcm.outbound), 16 + 4);
  assert.equal(cipherKeyLength(ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_3DES), 24);
  assert.equal(cipherKeyLength(ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_AES_128), 16);
});
