/**
 * Net events for tests (FWPM_NET_EVENT1 values as the codec encodes them): one builder per kind wfpsec
 * reports, each numbered by `seq` (kept in mmId / spi) so a test can check completeness and order.
 */
import type { NetEvent1 } from "../../modules/engine/mod.ts";
import { ENUMS, IKE_ERRORS, IPSEC_DROP_STATUS } from "../../ffi/constants.ts";

const T = ENUMS.FWPM_NET_EVENT_TYPE;
/** 2026-11-27T01:00:00Z, the time of event 0 (each later `seq` is one millisecond later). */
export const T0 = Date.parse("2026-11-27T01:00:00.000Z");

/** A Date (ms since 1970) as FILETIME. */
export function fileTime(ms: number): { dwLowDateTime: number; dwHighDateTime: number } {
  const t = (BigInt(ms) + 11644473600000n) * 10000n;
  return { dwLowDateTime: Number(t & 0xffffffffn), dwHighDateTime: Number(t >> 32n) };
}

/**
 * A net event header (FWPM_NET_EVENT_HEADER3) for an IKE packet 10.0.0.1:500 -> 10.0.0.2:500 at `timeStamp`,
 * with `extra` members replaced: the one header every net-event test starts from.
 */
export function eventHeader(
  timeStamp: { dwLowDateTime: number; dwHighDateTime: number },
  extra: Partial<NetEvent1["header"]> = {},
): NetEvent1["header"] {
  return {
    timeStamp,
    flags: 0,
    ipVersion: 0,
    ipProtocol: 17,
    localAddrV4: 0x0a000001,
    remoteAddrV4: 0x0a000002,
    localPort: 500,
    remotePort: 500,
    scopeId: 0,
    addressFamily: 0,
    addrType: 0,
    encapMethod: 0,
    etherType: 0,
    snapControl: 0,
    snapOui: 0,
    vlanTag: 0,
    ifLuid: 0n,
    ...extra,
  } as NetEvent1["header"];
}

function header(ms: number): NetEvent1["header"] {
  return eventHeader(fileTime(ms));
}

/** An IKE main-mode failure numbered `seq` (mmId = seq), at T0 + seq ms unless `ms` is given. */
export function mmFailure(
  seq: number,
  o: { code?: number; filterId?: bigint; ms?: number; remote?: number } = {},
): NetEvent1 {
  const h = header(o.ms ?? T0 + seq);
  if (o.remote !== undefined) h.remoteAddrV4 = o.remote;
  return {
    header: h,
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE,
    ikeMmFailure: {
      failureErrorCode: o.code ?? IKE_ERRORS.ERROR_IPSEC_IKE_AUTH_FAIL.code,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_PEER,
      flags: 0,
      keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKE,
      mmState: ENUMS.IKEEXT_MM_SA_STATE.IKEEXT_MM_SA_STATE_SSPI_SENT,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_INITIATOR,
      mmAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
      mmId: BigInt(seq),
      mmFilterId: o.filterId ?? 0n,
      localPrincipalNameForAuth: "CORP\\host1$",
      localPrincipalGroupSids: [],
      remotePrincipalGroupSids: [],
    },
  };
}

/** An IKE quick-mode failure (qmFilterId = filterId). */
export function qmFailure(seq: number, o: { code?: number; filterId?: bigint } = {}): NetEvent1 {
  return {
    header: header(T0 + seq),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE,
    ikeQmFailure: {
      failureErrorCode: o.code ?? IKE_ERRORS.ERROR_IPSEC_IKE_NO_POLICY.code,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
      keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKEV2,
      qmState: ENUMS.IKEEXT_QM_SA_STATE.IKEEXT_QM_SA_STATE_INITIAL,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
      saTrafficType: ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TRANSPORT,
      qmFilterId: o.filterId ?? 0n,
    },
  };
}

/** An extended-mode failure (qmFilterId = filterId). */
export function emFailure(seq: number, o: { code?: number; filterId?: bigint } = {}): NetEvent1 {
  return {
    header: header(T0 + seq),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE,
    ikeEmFailure: {
      failureErrorCode: o.code ?? IKE_ERRORS.ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE.code,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
      flags: 0,
      emState: ENUMS.IKEEXT_EM_SA_STATE.IKEEXT_EM_SA_STATE_AUTH_COMPLETE,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_INITIATOR,
      emAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
      mmId: BigInt(seq),
      qmFilterId: o.filterId ?? 0n,
      localPrincipalGroupSids: [],
      remotePrincipalGroupSids: [],
      saTrafficType: ENUMS.IPSEC_TRAFFIC_TYPE.IPSEC_TRAFFIC_TYPE_TRANSPORT,
    },
  };
}

/** An IPsec kernel drop (spi = seq, filterId = filterId). */
export function ipsecDrop(seq: number, o: { status?: number; filterId?: bigint } = {}): NetEvent1 {
  return {
    header: header(T0 + seq),
    type: T.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP,
    ipsecDrop: {
      failureStatus: o.status ?? (IPSEC_DROP_STATUS.STATUS_IPSEC_BAD_SPI.code | 0),
      direction: ENUMS.FWP_DIRECTION.FWP_DIRECTION_INBOUND,
      spi: seq,
      filterId: o.filterId ?? 0n,
      layerId: 0,
    },
  };
}

/** JSON text of events with bigints and bytes tagged, for handing events to a child process. */
export function eventsArg(events: NetEvent1[]): string {
  return JSON.stringify(
    events,
    (_k, v) => typeof v === "bigint" ? { $u64: String(v) } : v instanceof Uint8Array ? { $bytes: [...v] } : v,
  );
}

/** The inverse of eventsArg. */
export function parseEventsArg(text: string): NetEvent1[] {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === "object" && "$u64" in v) return BigInt(v.$u64);
    if (v && typeof v === "object" && "$bytes" in v) return new Uint8Array(v.$bytes);
    return v;
  });
}
