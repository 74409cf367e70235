/**
 * The read-side decoders on structs encoded by the codec (the simulator records no IKE traffic, so this is
 * where net-event and IKE SA decoding is exercised): FWPM_NET_EVENT1 with each payload wfpsec reports,
 * IKEEXT_SA_DETAILS2, IPSEC_SA_CONTEXT1; IKE failure codes and IPsec drop statuses decode to their names,
 * failure points and states to theirs; key material is never rendered.
 *
 * Encoding writes into a native-visible arena (Deno.UnsafePointer), so the struct tests run where
 * --allow-ffi is granted (stage 60-cli) and are skipped, visibly, in the no-FFI unit stage (40-unit).
 */
import assert from "node:assert/strict";
import { ENUMS, IKE_ERRORS, ikeErrorName, IPSEC_DROP_STATUS } from "../../ffi/constants.ts";
import type { IkeextSaDetails2, IpsecSaContext1, NetEvent1 } from "../../modules/engine/port.ts";
import type { StructName } from "../../ffi/structs.gen.ts";
import { eventHeader } from "../support/netEvents.ts";
import {
  EVENT_TYPES,
  eventsText,
  failureJson,
  fileTimeOf,
  ikeSaJson,
  isoOf,
  netEventJson,
  saContextJson,
} from "../../modules/monitor/monitor.ts";

const ffi = Deno.permissions.querySync({ name: "ffi" }).state === "granted";
const ignore = !ffi;
const T = ENUMS.FWPM_NET_EVENT_TYPE;
const WHEN = new Date("2026-11-27T01:02:03.456Z");

// The codec touches FFI at load time, so it is loaded only where FFI is allowed.
const codec = ffi ? await import("../../ffi/codec.ts") : undefined;

/** Encodes `value` as `struct` and decodes it back, as an engine-returned block would be. */
function roundTrip<T>(struct: string, value: unknown): T {
  const a = new codec!.Arena();
  const off = a.encode(struct as StructName, value as never);
  return codec!.decodeAt(struct as StructName, a.addr(off)) as T;
}

function header(extra: Partial<NetEvent1["header"]> = {}) {
  return eventHeader(fileTimeOf(WHEN), extra);
}

const principals = {
  localPrincipalNameForAuth: "CORP\\host1$",
  remotePrincipalNameForAuth: "CORP\\host2$",
  localPrincipalGroupSids: ["S-1-5-21-1-2-3-515"],
  remotePrincipalGroupSids: [],
};

Deno.test("FILETIME conversion is exact to the millisecond both ways", () => {
  assert.equal(isoOf(fileTimeOf(WHEN)), WHEN.toISOString());
  // 1601-01-01 is FILETIME zero; 1970-01-01 is 116444736000000000.
  const unix = fileTimeOf(new Date(0));
  assert.equal((BigInt(unix.dwHighDateTime) << 32n) | BigInt(unix.dwLowDateTime), 116444736000000000n);
});

Deno.test("IKE failure codes and IPsec drop statuses have names and meanings", () => {
  assert.equal(ikeErrorName(13801), "ERROR_IPSEC_IKE_AUTH_FAIL");
  assert.equal(ikeErrorName(13868), "ERROR_IPSEC_IKE_POLICY_MATCH");
  assert.equal(ikeErrorName(13905), "ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE");
  assert.equal(ikeErrorName(0xc0360001), "STATUS_IPSEC_BAD_SPI");
  assert.equal(ikeErrorName(0xc0360001 | 0), "STATUS_IPSEC_BAD_SPI", "INT32 failureStatus is negative");
  assert.equal(ikeErrorName(13800), undefined, "range markers are not errors");
  assert.equal(ikeErrorName(12345), undefined);
  for (const t of [IKE_ERRORS, IPSEC_DROP_STATUS]) {
    for (const [name, e] of Object.entries(t)) assert.ok(e.message.length > 10, name);
  }
  assert.deepEqual(failureJson(13813), {
    code: 13813,
    codeHex: "0x000035f5",
    name: "ERROR_IPSEC_IKE_DROP_NO_RESPONSE",
    message: IKE_ERRORS.ERROR_IPSEC_IKE_DROP_NO_RESPONSE.message,
  });
  assert.deepEqual(failureJson(777).name, null);
});

Deno.test({
  name: "a main-mode failure event decodes with error, failure point, state and principals",
  ignore,
}, () => {
  const e = roundTrip<NetEvent1>("FWPM_NET_EVENT1", {
    header: header(),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE,
    ikeMmFailure: {
      failureErrorCode: 13801,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_PEER,
      flags: 0,
      keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKE,
      mmState: ENUMS.IKEEXT_MM_SA_STATE.IKEEXT_MM_SA_STATE_SSPI_SENT,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_INITIATOR,
      mmAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
      mmId: 77n,
      mmFilterId: 1234n,
      ...principals,
    },
  });
  const j = netEventJson(e) as Record<string, unknown>;
  assert.equal(j.time, WHEN.toISOString());
  assert.equal(j.kind, "mm");
  assert.equal(j.typeName, "FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE");
  assert.equal(j.local, "10.0.0.1");
  assert.equal(j.remote, "10.0.0.2");
  assert.deepEqual((j.failure as Record<string, unknown>).name, "ERROR_IPSEC_IKE_AUTH_FAIL");
  assert.equal(j.failurePoint, "IPSEC_FAILURE_PEER");
  assert.equal(j.state, "IKEEXT_MM_SA_STATE_SSPI_SENT");
  assert.equal(j.saRole, "IKEEXT_SA_ROLE_INITIATOR");
  assert.equal(j.authMethod, "IKEEXT_KERBEROS");
  assert.equal(j.keyingModule, "IKEEXT_KEY_MODULE_IKE");
  assert.equal(j.filterId, "1234");
  assert.equal(j.remotePrincipal, "CORP\\host2$");
  assert.deepEqual(j.localPrincipalGroupSids, ["S-1-5-21-1-2-3-515"]);
  assert.match(
    eventsText([e]),
    /mm\s+10\.0\.0\.1\s+10\.0\.0\.2\s+ERROR_IPSEC_IKE_AUTH_FAIL \(0x000035e9\)\s+IPSEC_FAILURE_PEER/,
  );
});

Deno.test(
  { name: "a quick-mode failure decodes its state, and tunnel subnets only in tunnel mode", ignore },
  () => {
    const qm = (saTrafficType: number, extra: Record<string, unknown>) =>
      roundTrip<NetEvent1>("FWPM_NET_EVENT1", {
        header: header({
          ipVersion: 1,
          localAddrV6: new Uint8Array(16).fill(0).map((_, i) => (i === 15 ? 1 : 0)),
        }),
        type: T.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE,
        ikeQmFailure: {
          failureErrorCode: 13868,
          failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
          keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKEV2,
          qmState: ENUMS.IKEEXT_QM_SA_STATE.IKEEXT_QM_SA_STATE_INITIAL,
          saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
          saTrafficType,
          qmFilterId: 99n,
          ...extra,
        },
      });
    const transport = qm(0, {});
    assert.equal(transport.ikeQmFailure?.localSubNet, undefined);
    const j = netEventJson(transport) as Record<string, unknown>;
    assert.equal(j.kind, "qm");
    assert.equal(j.local, "::1");
    assert.equal((j.failure as Record<string, unknown>).name, "ERROR_IPSEC_IKE_POLICY_MATCH");
    assert.equal(j.failurePoint, "IPSEC_FAILURE_ME");
    assert.equal(j.state, "IKEEXT_QM_SA_STATE_INITIAL");
    assert.equal(j.saTrafficType, "IPSEC_TRAFFIC_TYPE_TRANSPORT");
    const tunnel = qm(1, {
      localSubNet: { type: 256, v4AddrMask: { addr: 0x0a000000, mask: 0xff000000 } },
      remoteSubNet: { type: 256, v4AddrMask: { addr: 0xc0a80000, mask: 0xffff0000 } },
    });
    assert.deepEqual(tunnel.ikeQmFailure?.remoteSubNet, {
      type: 256,
      v4AddrMask: { addr: 0xc0a80000, mask: 0xffff0000 },
    });
  },
);

Deno.test({ name: "an extended-mode failure and an IPsec kernel drop decode with names", ignore }, () => {
  const em = roundTrip<NetEvent1>("FWPM_NET_EVENT1", {
    header: header(),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE,
    ikeEmFailure: {
      failureErrorCode: 13905,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
      flags: 0,
      emState: ENUMS.IKEEXT_EM_SA_STATE.IKEEXT_EM_SA_STATE_AUTH_COMPLETE,
      saRole: 1,
      emAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_CERTIFICATE,
      mmId: 5n,
      qmFilterId: 6n,
      ...principals,
      saTrafficType: 0,
    },
  });
  const j = netEventJson(em) as Record<string, unknown>;
  assert.equal(j.kind, "em");
  assert.equal((j.failure as Record<string, unknown>).name, "ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE");
  assert.equal(j.state, "IKEEXT_EM_SA_STATE_AUTH_COMPLETE");
  assert.equal(j.authMethod, "IKEEXT_CERTIFICATE");

  const drop = roundTrip<NetEvent1>("FWPM_NET_EVENT1", {
    header: header(),
    type: T.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP,
    ipsecDrop: { failureStatus: 0xc0360006 | 0, direction: 1, spi: 0x1001, filterId: 42n, layerId: 13 },
  });
  const d = netEventJson(drop) as Record<string, unknown>;
  assert.equal(d.kind, "drop");
  assert.deepEqual(d.failure, {
    code: 0xc0360006,
    codeHex: "0xc0360006",
    name: "STATUS_IPSEC_INTEGRITY_CHECK_FAILED",
    message: IPSEC_DROP_STATUS.STATUS_IPSEC_INTEGRITY_CHECK_FAILED.message,
  });
  assert.equal(d.direction, "FWP_DIRECTION_INBOUND");
  assert.equal(d.spiHex, "0x00001001");
  assert.equal(d.filterId, "42");
  assert.deepEqual(Object.keys(EVENT_TYPES), ["mm", "qm", "em", "drop"]);
});

Deno.test({
  name: "an IKE SA decodes addresses, proposal names and credentials, never a pre-shared key",
  ignore,
}, () => {
  const psk = new TextEncoder().encode("never-print-this-psk");
  const d = roundTrip<IkeextSaDetails2>("IKEEXT_SA_DETAILS2", {
    saId: 9n,
    keyModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKEV2,
    ipVersion: 0,
    v4UdpEncapsulation: { localUdpEncapPort: 4500, remoteUdpEncapPort: 4500 },
    ikeTraffic: { ipVersion: 0, localV4Address: 0x01010101, remoteV4Address: 0x02020202, authIpFilterId: 0n },
    ikeProposal: {
      cipherAlgorithm: {
        algoIdentifier: ENUMS.IKEEXT_CIPHER_TYPE.IKEEXT_CIPHER_AES_256,
        keyLen: 0,
        rounds: 0,
      },
      integrityAlgorithm: { algoIdentifier: ENUMS.IKEEXT_INTEGRITY_TYPE.IKEEXT_INTEGRITY_SHA_256 },
      maxLifetimeSeconds: 28800,
      dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_ECP_384,
      quickModeLimit: 0,
    },
    cookiePair: { initiator: 1n, responder: 2n },
    ikeCredentials: {
      credentials: [{
        localCredentials: {
          authenticationMethodType: 0,
          impersonationType: 0,
          presharedKey: { presharedKey: psk, flags: 0 },
        },
        peerCredentials: {
          authenticationMethodType: 2,
          impersonationType: 0,
          name: { principalName: "CORP\\h2$" },
        },
      }],
    },
    ikePolicyKey: "11111111-2222-3333-4444-555555555555",
    virtualIfTunnelId: 0n,
  });
  const j = ikeSaJson(d) as Record<string, unknown>;
  assert.equal(j.saId, "9");
  assert.equal(j.keyModuleTypeName, "IKEEXT_KEY_MODULE_IKEV2");
  assert.equal(j.local, "1.1.1.1");
  assert.equal(j.remote, "2.2.2.2");
  assert.equal(j.cipher, "IKEEXT_CIPHER_AES_256");
  assert.equal(j.integrity, "IKEEXT_INTEGRITY_SHA_256");
  assert.equal(j.dhGroup, "IKEEXT_DH_ECP_384");
  const creds = j.credentials as Record<string, Record<string, unknown>>[];
  assert.equal(creds[0].local.authenticationMethodTypeName, "IKEEXT_PRESHARED_KEY");
  assert.equal(creds[0].peer.principalName, "CORP\\h2$");
  const text = JSON.stringify(j);
  assert.ok(!text.includes("never-print"), "the pre-shared key was rendered");
  assert.ok(!text.includes(Array.from(psk, (b) => b.toString(16).padStart(2, "0")).join("")));
});

Deno.test({ name: "an SA context renders SPIs and transforms, and no key bytes", ignore }, () => {
  const key = new Uint8Array(32).fill(0xab);
  const detail = (dir: number, spi: number) => ({
    ipVersion: 0,
    saDirection: dir,
    traffic: {
      ipVersion: 0,
      localV4Address: 0x01010101,
      remoteV4Address: 0x02020202,
      trafficType: 0,
      ipsecFilterId: 7n,
      remotePort: 0,
      localPort: 0,
      ipProtocol: 0,
      localIfLuid: 0n,
      realIfProfileId: 0,
    },
    saBundle: {
      flags: 0,
      lifetime: { lifetimeSeconds: 0, lifetimeKilobytes: 0, lifetimePackets: 0 },
      idleTimeoutSeconds: 0,
      ndAllowClearTimeoutSeconds: 0,
      napContext: 0,
      qmSaId: 0,
      saList: [{
        spi,
        saTransformType: 1,
        ahInformation: { authTransform: { authTransformId: { authType: 2, authConfig: 2 } }, authKey: key },
      }],
      ipVersion: 0,
      peerV4PrivateAddress: 0,
      mmSaId: 0n,
      pfsGroup: 0,
      saLookupContext: "00000000-0000-0000-0000-000000000000",
      qmFilterId: 0n,
    },
    virtualIfTunnelInfo: { virtualIfTunnelId: 0n, trafficSelectorId: 0n },
  });
  const c = roundTrip<IpsecSaContext1>("IPSEC_SA_CONTEXT1", {
    saContextId: 3n,
    inboundSa: detail(1, 0x1001),
    outboundSa: detail(0, 0x2002),
  });
  // The codec copies what it is given: the key bytes are in the decoded object...
  assert.equal(c.inboundSa?.saBundle.saList[0].ahInformation?.authKey.length, 32);
  // ...and never in what is rendered.
  const j = saContextJson(c) as Record<string, Record<string, unknown>>;
  assert.equal(j.saContextId as unknown, "3");
  assert.equal(j.inboundSa.saDirectionName, "FWP_DIRECTION_INBOUND");
  assert.equal((j.outboundSa.saList as Record<string, unknown>[])[0].spiHex, "0x00002002");
  assert.equal((j.outboundSa.saList as Record<string, unknown>[])[0].authType, "IPSEC_AUTH_SHA_256");
  assert.ok(!JSON.stringify(j).includes("abababab"));
});
