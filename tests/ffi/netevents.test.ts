/**
 * Net events through FFI against fwpsim (docs/recipes.md, "Reading the engine back"): events injected with the simulator's SimInjectNetEvent
 * hook (encoded by the codec, deep-copied by fwpsim) come back from FwpmNetEventCreateEnumHandle0 ->
 * FwpmNetEventEnum1 -> FwpmNetEventDestroyEnumHandle0 as FWPM_NET_EVENT1 with every field of the header and
 * of each payload wfpsec reports (IKE MM / QM / EM failure, IPsec kernel drop), decoded and named by
 * monitor.ts; the template's time window selects events; paging frees every page (simTest checks zero
 * outstanding engine allocations after each test).
 */
import assert from "node:assert/strict";
import { simTest } from "./helpers.ts";
import type { NetEvent1 } from "../../modules/engine/port.ts";
import { fileTimeOf, netEventJson } from "../../modules/monitor/monitor.ts";
import { ENUMS } from "../../ffi/constants.ts";

const T = ENUMS.FWPM_NET_EVENT_TYPE;
const T0 = new Date("2026-11-27T01:00:00.000Z");
const at = (minutes: number) => fileTimeOf(new Date(T0.getTime() + minutes * 60_000));

const L2 = {
  addressFamily: 0,
  addrType: 0,
  encapMethod: 0,
  etherType: 0,
  snapControl: 0,
  snapOui: 0,
  vlanTag: 0,
  ifLuid: 0n,
};

function header(minutes: number, extra: Record<string, unknown> = {}): NetEvent1["header"] {
  return {
    timeStamp: at(minutes),
    flags: 0x3,
    ipVersion: 0,
    ipProtocol: 17,
    localAddrV4: 0x0a010101,
    remoteAddrV4: 0x0a020202,
    localPort: 500,
    remotePort: 4500,
    scopeId: 0,
    ...L2,
    ...extra,
  };
}

const APP_ID = new TextEncoder().encode("\\device\\harddiskvolume1\\svc.exe\0");

const MM: NetEvent1 = {
  header: header(0, { appId: APP_ID }),
  type: T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE,
  ikeMmFailure: {
    failureErrorCode: 13801,
    failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_PEER,
    flags: 0x2,
    keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKE,
    mmState: ENUMS.IKEEXT_MM_SA_STATE.IKEEXT_MM_SA_STATE_SSPI_SENT,
    saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_INITIATOR,
    mmAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
    endCertHash: new Uint8Array(20).map((_, i) => i + 1),
    mmId: 77n,
    mmFilterId: 1234n,
    localPrincipalNameForAuth: "CORP\\host1$",
    remotePrincipalNameForAuth: "CORP\\host2$",
    localPrincipalGroupSids: ["S-1-5-21-1-2-3-515", "S-1-5-11"],
    remotePrincipalGroupSids: [],
  },
};

const QM: NetEvent1 = {
  header: header(10, {
    ipVersion: 1,
    localAddrV4: undefined,
    remoteAddrV4: undefined,
    localAddrV6: new Uint8Array(16).map((_, i) => (i === 0 ? 0xfe : i === 1 ? 0x80 : i === 15 ? 1 : 0)),
    remoteAddrV6: new Uint8Array(16).map((_, i) => (i === 0 ? 0xfe : i === 1 ? 0x80 : i === 15 ? 2 : 0)),
  }),
  type: T.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE,
  ikeQmFailure: {
    failureErrorCode: 13868,
    failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
    keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKEV2,
    qmState: ENUMS.IKEEXT_QM_SA_STATE.IKEEXT_QM_SA_STATE_INITIAL,
    saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
    saTrafficType: ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TUNNEL,
    localSubNet: { type: 256, v4AddrMask: { addr: 0x0a000000, mask: 0xff000000 } },
    remoteSubNet: { type: 256, v4AddrMask: { addr: 0xc0a80000, mask: 0xffff0000 } },
    qmFilterId: 99n,
  },
};

const EM: NetEvent1 = {
  header: header(20),
  type: T.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE,
  ikeEmFailure: {
    failureErrorCode: 13905,
    failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
    flags: 0x1,
    emState: ENUMS.IKEEXT_EM_SA_STATE.IKEEXT_EM_SA_STATE_AUTH_COMPLETE,
    saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
    emAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_CERTIFICATE,
    mmId: 5n,
    qmFilterId: 6n,
    localPrincipalNameForAuth: "CN=host1",
    localPrincipalGroupSids: [],
    remotePrincipalGroupSids: ["S-1-5-32-544"],
    saTrafficType: ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TRANSPORT,
  },
};

const DROP: NetEvent1 = {
  header: header(30, { ipProtocol: 50 }),
  type: T.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP,
  ipsecDrop: { failureStatus: 0xc0360001 | 0, direction: 1, spi: 0x1001, filterId: 42n, layerId: 13 },
};

simTest(
  "every injected event type comes back from FwpmNetEventEnum1 with every field",
  ({ engine, hooks }) => {
    for (const e of [MM, QM, EM, DROP]) hooks.injectNetEvent(e);
    const got = engine.netEvents!.enumNetEvents();
    assert.equal(got.length, 4);
    const [mm, qm, em, drop] = got;

    assert.equal(mm.type, T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE);
    assert.deepEqual(mm.header.timeStamp, at(0));
    assert.equal(mm.header.flags, 0x3);
    assert.equal(mm.header.ipVersion, 0);
    assert.equal(mm.header.ipProtocol, 17);
    assert.equal(mm.header.localAddrV4, 0x0a010101);
    assert.equal(mm.header.remoteAddrV4, 0x0a020202);
    assert.equal(mm.header.localPort, 500);
    assert.equal(mm.header.remotePort, 4500);
    assert.deepEqual(mm.header.appId, APP_ID);
    assert.equal(mm.header.userId, undefined);
    assert.deepEqual(mm.ikeMmFailure, MM.ikeMmFailure);
    assert.equal(mm.ikeQmFailure, undefined);

    assert.deepEqual(qm.header.localAddrV6, QM.header.localAddrV6);
    assert.deepEqual(qm.header.remoteAddrV6, QM.header.remoteAddrV6);
    assert.equal(qm.header.appId, undefined);
    assert.deepEqual(qm.ikeQmFailure, QM.ikeQmFailure);

    // An all-zero endCertHash and a NULL principal name decode as absent, as they were injected.
    assert.deepEqual(em.ikeEmFailure, EM.ikeEmFailure);
    assert.deepEqual(drop.ipsecDrop, DROP.ipsecDrop);
    assert.equal(drop.header.ipProtocol, 50);
  },
);

simTest("decoded events carry their symbolic names (monitor.ts)", ({ engine, hooks }) => {
  for (const e of [MM, QM, EM, DROP]) hooks.injectNetEvent(e);
  const [mm, qm, em, drop] = engine.netEvents!.enumNetEvents().map((e) =>
    netEventJson(e) as Record<string, unknown>
  );
  assert.equal(mm.time, "2026-11-27T01:00:00.000Z");
  assert.equal(mm.kind, "mm");
  assert.equal(mm.typeName, "FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE");
  assert.equal(mm.local, "10.1.1.1");
  assert.equal(mm.remote, "10.2.2.2");
  assert.equal(mm.failureErrorCode, 13801);
  assert.equal(mm.failureErrorName, "ERROR_IPSEC_IKE_AUTH_FAIL");
  assert.equal(mm.failurePoint, "IPSEC_FAILURE_PEER");
  assert.equal(mm.state, "IKEEXT_MM_SA_STATE_SSPI_SENT");
  assert.equal(mm.saRole, "IKEEXT_SA_ROLE_INITIATOR");
  assert.equal(mm.authMethod, "IKEEXT_KERBEROS");
  assert.equal(mm.keyingModule, "IKEEXT_KEY_MODULE_IKE");
  assert.equal(mm.mmId, "77");
  assert.equal(mm.filterId, "1234");
  assert.equal(mm.localPrincipal, "CORP\\host1$");
  assert.deepEqual(mm.localPrincipalGroupSids, ["S-1-5-21-1-2-3-515", "S-1-5-11"]);

  assert.equal(qm.kind, "qm");
  assert.equal(qm.local, "fe80::1");
  assert.equal(qm.remote, "fe80::2");
  assert.equal(qm.failureErrorName, "ERROR_IPSEC_IKE_POLICY_MATCH");
  assert.equal(qm.state, "IKEEXT_QM_SA_STATE_INITIAL");
  assert.equal(qm.saRole, "IKEEXT_SA_ROLE_RESPONDER");
  assert.equal(qm.keyingModule, "IKEEXT_KEY_MODULE_IKEV2");
  assert.equal(qm.saTrafficType, "IPSEC_TRAFFIC_TYPE_TUNNEL");
  assert.equal(qm.filterId, "99");

  assert.equal(em.kind, "em");
  assert.equal(em.failureErrorName, "ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE");
  assert.equal(em.state, "IKEEXT_EM_SA_STATE_AUTH_COMPLETE");
  assert.equal(em.authMethod, "IKEEXT_CERTIFICATE");
  assert.equal(em.remotePrincipal, null);
  assert.deepEqual(em.remotePrincipalGroupSids, ["S-1-5-32-544"]);

  assert.equal(drop.kind, "drop");
  assert.equal(drop.failureStatus, 0xc0360001);
  assert.equal(drop.failureStatusName, "STATUS_IPSEC_BAD_SPI");
  assert.equal(drop.direction, "FWP_DIRECTION_INBOUND");
  assert.equal(drop.spiHex, "0x00001001");
  assert.equal(drop.filterId, "42");
  assert.equal(drop.layerId, 13);
});

simTest("the template's time window selects events, inclusive at both ends", ({ engine, hooks }) => {
  for (const e of [MM, QM, EM, DROP]) hooks.injectNetEvent(e);
  const ops = engine.netEvents!;
  const types = (w: Parameters<typeof ops.enumNetEvents>[0]) => ops.enumNetEvents(w).map((e) => e.type);
  assert.deepEqual(types({ startTime: at(10) }), [1, 2, 4]);
  assert.deepEqual(types({ startTime: at(10), endTime: at(20) }), [1, 2]);
  assert.deepEqual(types({ endTime: at(5) }), [0]);
  assert.deepEqual(types({ startTime: at(31) }), []);
});

simTest(
  "enumeration pages are each freed once, with a page size smaller than the list",
  ({ engine, hooks }) => {
    for (let i = 0; i < 7; i++) {
      hooks.injectNetEvent({
        ...DROP,
        header: header(i),
        ipsecDrop: { ...DROP.ipsecDrop!, spi: i },
      });
    }
    const spis = engine.netEvents!.enumNetEvents({}, 3).map((e) => e.ipsecDrop!.spi);
    assert.deepEqual(spis, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(hooks.outstandingAllocations(), 0n);
  },
);

simTest(
  "no events: an empty list; the simulator refuses event types it does not simulate",
  ({ engine, hooks }) => {
    assert.deepEqual(engine.netEvents!.enumNetEvents(), []);
    assert.throws(
      () => hooks.injectNetEvent({ header: header(0), type: T.FWPM_NET_EVENT_TYPE_CLASSIFY_DROP }),
      /SimInjectNetEvent failed: 0x32/,
    );
    assert.throws(
      () => hooks.injectNetEvent({ header: header(0), type: T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE }),
      /SimInjectNetEvent failed: 0x8032001c/,
    );
    assert.deepEqual(engine.netEvents!.enumNetEvents(), []);
  },
);
