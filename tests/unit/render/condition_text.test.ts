/**
 * Filter conditions as `show` prints them: addresses as prefixes, the protocol with its remote port,
 * values of one field joined (OR), match types other than equality named, application ids as paths.
 */
import assert from "node:assert/strict";
import { CONDITIONS, ENUMS, MISC } from "../../../ffi/constants.ts";
import { addAddressText, conditionsText } from "../../../modules/render/conditionText.ts";
import type { FilterCondition } from "../../../modules/graph/graph.ts";

const EQ = ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL;
const remote = (addr: number, mask: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
  matchType: EQ,
  conditionValue: { type: 256, v4AddrMask: { addr, mask } },
});
const proto = (p: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
  matchType: EQ,
  conditionValue: { type: 1, uint8: p },
});
const rport = (p: number): FilterCondition => ({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
  matchType: EQ,
  conditionValue: { type: 2, uint16: p },
});

Deno.test("a subnet, a protocol and a remote port read as `remote 10.0.0.0/8 tcp/445`", () => {
  assert.equal(
    conditionsText([remote(0x0a000000, 0xff000000), proto(MISC.IPPROTO_TCP), rport(445)]),
    "remote 10.0.0.0/8 tcp/445",
  );
  assert.equal(conditionsText([]), "-");
});

Deno.test("several values of one field are one OR list; a host has no /32; a non-contiguous mask is shown as a mask", () => {
  assert.equal(
    conditionsText([remote(0x0a00000a, 0xffffffff), remote(0x0a00000b, 0xffffffff), proto(MISC.IPPROTO_UDP)]),
    "remote 10.0.0.10,10.0.0.11 udp",
  );
  assert.equal(conditionsText([remote(0x0a000000, 0xff00ff00)]), "remote 10.0.0.0 mask 255.0.255.0");
  // Two protocols: the port cannot be attached to one of them.
  assert.equal(
    conditionsText([proto(MISC.IPPROTO_TCP), proto(MISC.IPPROTO_UDP), rport(53)]),
    "tcp,udp remote-port 53",
  );
});

Deno.test("ranges, IPv6 prefixes, other match types and application ids", () => {
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT,
      matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_RANGE,
      conditionValue: {
        type: 258,
        rangeValue: { valueLow: { type: 2, uint16: 1024 }, valueHigh: { type: 2, uint16: 65535 } },
      },
    }]),
    "local-port 1024-65535",
  );
  const v6 = new Uint8Array(16);
  v6.set([0x20, 0x01, 0x0d, 0xb8]);
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
      matchType: EQ,
      conditionValue: { type: 257, v6AddrMask: { addr: v6, prefixLength: 32 } },
    }]),
    "local 2001:db8::/32",
  );
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_FLAGS,
      matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_FLAGS_NONE_SET,
      conditionValue: { type: 3, uint32: 1 },
    }, {
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
      matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_NOT_EQUAL,
      conditionValue: { type: 2, uint16: 80 },
    }]),
    "flags flags-none-set 1 remote-port !=80",
  );
  const path = "\\device\\harddiskvolume3\\app\\x.exe";
  const blob = new Uint8Array([...path].flatMap((ch) => [ch.charCodeAt(0), 0]).concat([0, 0]));
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
      matchType: EQ,
      conditionValue: { type: 12, byteBlob: blob },
    }]),
    `app ${path}`,
  );
});

Deno.test("JSON: dotted IPv4 text beside the numbers, for address fields only", () => {
  const conds = [
    {
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
      conditionValue: { type: 256, v4AddrMask: { addr: 0xc0a80100, mask: 0xffffff00 } },
    },
    { fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS, conditionValue: { type: 3, uint32: 0x7f000001 } },
    {
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
      conditionValue: {
        type: 258,
        rangeValue: { valueLow: { type: 3, uint32: 0x0a000001 }, valueHigh: { type: 3, uint32: 0x0a0000ff } },
      },
    },
    { fieldKey: CONDITIONS.FWPM_CONDITION_FLAGS, conditionValue: { type: 3, uint32: 1 } },
  ];
  addAddressText(conds);
  assert.deepEqual(conds[0].conditionValue.v4AddrMask, {
    addr: 0xc0a80100,
    mask: 0xffffff00,
    addrText: "192.168.1.0",
    maskText: "255.255.255.0",
  });
  assert.deepEqual(conds[1].conditionValue, { type: 3, uint32: 0x7f000001, addressText: "127.0.0.1" });
  assert.deepEqual(conds[2].conditionValue.rangeValue, {
    valueLow: { type: 3, uint32: 0x0a000001, addressText: "10.0.0.1" },
    valueHigh: { type: 3, uint32: 0x0a0000ff, addressText: "10.0.0.255" },
  });
  assert.deepEqual(conds[3].conditionValue, { type: 3, uint32: 1 });
});

Deno.test("an authorization descriptor reads as its SDDL; unplanned account names as written", async () => {
  const { sddlToSecurityDescriptor } = await import("../../../ffi/sddl.ts");
  const sddl = "D:(A;;0x1;;;S-1-5-21-1-2-3-515)(A;;0x1;;;S-1-5-11)";
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
      matchType: EQ,
      conditionValue: {
        type: ENUMS.FWP_DATA_TYPE.FWP_SECURITY_DESCRIPTOR_TYPE,
        sd: sddlToSecurityDescriptor(sddl),
      },
    }]),
    `remote-machine ${sddl}`,
  );
  assert.equal(
    conditionsText([{
      fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID,
      matchType: EQ,
      conditionValue: {
        type: "accounts",
        accounts: [{ name: "CONTOSO\\alice" }, { name: "S-1-5-11", sid: "S-1-5-11" }],
      },
    }]),
    "remote-user CONTOSO\\alice, S-1-5-11",
  );
});
