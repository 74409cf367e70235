/**
 * The Engine interface: every operation wfpsec needs from the Base Filtering Engine.
 *
 * Implementations: the FFI engine over a loaded `fwpuclnt` (the real DLL on Windows, fwpsim's shared library
 * on Linux, fwpsim's DLL under Wine) and the read-only snapshot engine (netsh XML dump or wfpsec JSON).
 * Nothing above this interface knows which one it has, except to say so in output (`info`).
 */
import type {
  Filter,
  FilterCondition,
  Guid,
  Provider,
  ProviderContext,
  Sublayer,
  Tunnel,
} from "../graph/mod.ts";

/** What engine is behind the interface; printed so simulator output is never mistaken for Windows. */
export interface EngineInfo {
  /**
   * `windows`: real BFE; `fwpsim`: the simulator library; `snapshot`: an offline dump (read-only);
   * `memory`: an in-memory engine that is neither (the unit tests' FakeEngine).
   */
  kind: "windows" | "fwpsim" | "snapshot" | "memory";
  /** True for anything that is not a live Windows engine. */
  simulated: boolean;
  /** Library path or snapshot file. */
  source: string;
  /** One human sentence, e.g. "fwpsim (simulator, not Windows) at ./build/libfwpsim.so". */
  description: string;
}

/** Filter enumeration template (FWPM_FILTER_ENUM_TEMPLATE0 subset). */
export interface FilterTemplate {
  /** Only filters of this provider. */
  providerKey?: Guid;
  /** Only filters at this layer. */
  layerKey?: Guid;
}

/** Provider-context enumeration template (FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 subset). */
export interface ProviderContextTemplate {
  /** Only contexts of this provider. */
  providerKey?: Guid;
  /** Only contexts of this FWPM_PROVIDER_CONTEXT_TYPE. */
  providerContextType?: number;
}

/** Sublayer enumeration template (FWPM_SUBLAYER_ENUM_TEMPLATE0). */
export interface SublayerTemplate {
  /** Only sublayers of this provider. */
  providerKey?: Guid;
}

/**
 * IPSEC_TRAFFIC1 (manual SA traffic): addresses per `ipVersion` (V4 host-order number, V6 16 bytes),
 * trafficType TRANSPORT (0) with the transport filter's id.
 */
export interface IpsecTraffic1 {
  /** IPSEC_TRAFFIC1.ipVersion: FWP_IP_VERSION, selects the V4 or V6 members. */
  ipVersion: number;
  /** IPSEC_TRAFFIC1.localV4Address: the local IPv4 address. */
  localV4Address?: number;
  /** IPSEC_TRAFFIC1.localV6Address: the local IPv6 address. */
  localV6Address?: Uint8Array;
  /** IPSEC_TRAFFIC1.remoteV4Address: the remote IPv4 address. */
  remoteV4Address?: number;
  /** IPSEC_TRAFFIC1.remoteV6Address: the remote IPv6 address. */
  remoteV6Address?: Uint8Array;
  /** IPSEC_TRAFFIC1.trafficType: IPSEC_TRAFFIC_TYPE (transport or tunnel), selects the id arm. */
  trafficType: number;
  /** IPSEC_TRAFFIC1.ipsecFilterId: the transport-layer filter's id (transport arm). */
  ipsecFilterId?: bigint;
  /** IPSEC_TRAFFIC1.tunnelPolicyId: the tunnel provider context's id (tunnel arm). */
  tunnelPolicyId?: bigint;
  /** IPSEC_TRAFFIC1.remotePort: the remote port (0 = any). */
  remotePort: number;
  /** IPSEC_TRAFFIC1.localPort: the local port (0 = any). */
  localPort: number;
  /** IPSEC_TRAFFIC1.ipProtocol: the IP protocol (0 = any). */
  ipProtocol: number;
  /** IPSEC_TRAFFIC1.localIfLuid: LUID of the local interface (0 = any). */
  localIfLuid: bigint;
  /** IPSEC_TRAFFIC1.realIfProfileId: profile id of the real interface. */
  realIfProfileId: number;
}

/** IPSEC_AUTH_TRANSFORM0 / IPSEC_CIPHER_TRANSFORM0 ids plus the key (FWP_BYTE_BLOB). */
export interface IpsecSaAuthInformation0 {
  /** IPSEC_SA_AUTH_INFORMATION0.authTransform: the IPSEC_AUTH_TRANSFORM0. */
  authTransform: { authTransformId: { authType: number; authConfig: number }; cryptoModuleId?: Guid };
  /** IPSEC_SA_AUTH_INFORMATION0.authKey: the integrity key. */
  authKey: Uint8Array;
}
/** IPSEC_SA_CIPHER_INFORMATION0. */
export interface IpsecSaCipherInformation0 {
  /** IPSEC_SA_CIPHER_INFORMATION0.cipherTransform: the IPSEC_CIPHER_TRANSFORM0. */
  cipherTransform: { cipherTransformId: { cipherType: number; cipherConfig: number }; cryptoModuleId?: Guid };
  /** IPSEC_SA_CIPHER_INFORMATION0.cipherKey: the encryption key. */
  cipherKey: Uint8Array;
}

/** IPSEC_SA0: one SA of a bundle (the `saTransformType` selects the information arm). */
export interface IpsecSa0 {
  /** IPSEC_SA0.spi: the SA's security parameter index. */
  spi: number;
  /** IPSEC_SA0.saTransformType: IPSEC_TRANSFORM_TYPE, selects the information arm. */
  saTransformType: number;
  /** IPSEC_TRANSFORM_AH arm. */
  ahInformation?: IpsecSaAuthInformation0;
  /** IPSEC_TRANSFORM_ESP_AUTH arm. */
  espAuthInformation?: IpsecSaAuthInformation0;
  /** IPSEC_TRANSFORM_ESP_CIPHER arm. */
  espCipherInformation?: IpsecSaCipherInformation0;
  /** IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER arm. */
  espAuthAndCipherInformation?: {
    saCipherInformation: IpsecSaCipherInformation0;
    saAuthInformation: IpsecSaAuthInformation0;
  };
  /** IPSEC_TRANSFORM_ESP_AUTH_FW arm. */
  espAuthFwInformation?: IpsecSaAuthInformation0;
}

/** IPSEC_SA_BUNDLE1 (the members wfpsec sets; decoded bundles carry every member). */
export interface IpsecSaBundle1 {
  /** IPSEC_SA_BUNDLE1.flags: IPSEC_SA_BUNDLE_FLAG_* bits. */
  flags: number;
  /** IPSEC_SA_BUNDLE1.lifetime: the IPSEC_SA_LIFETIME0 of the bundle. */
  lifetime: { lifetimeSeconds: number; lifetimeKilobytes: number; lifetimePackets: number };
  /** IPSEC_SA_BUNDLE1.idleTimeoutSeconds: idle time before the SA is deleted. */
  idleTimeoutSeconds: number;
  /** IPSEC_SA_BUNDLE1.ndAllowClearTimeoutSeconds: negotiation discovery clear-text allowance. */
  ndAllowClearTimeoutSeconds: number;
  /** IPSEC_SA_BUNDLE1.napContext: the NAP context. */
  napContext: number;
  /** IPSEC_SA_BUNDLE1.qmSaId: the quick-mode SA id. */
  qmSaId: number;
  /** IPSEC_SA_BUNDLE1.saList: the SAs of the bundle. */
  saList: IpsecSa0[];
  /** IPSEC_SA_BUNDLE1.ipVersion: FWP_IP_VERSION of the traffic. */
  ipVersion: number;
  /** IPSEC_SA_BUNDLE1.peerV4PrivateAddress: the peer's private IPv4 address behind a NAT. */
  peerV4PrivateAddress?: number;
  /** IPSEC_SA_BUNDLE1.mmSaId: the main-mode SA id. */
  mmSaId: bigint;
  /** IPSEC_SA_BUNDLE1.pfsGroup: IPSEC_PFS_GROUP. */
  pfsGroup: number;
  /** IPSEC_SA_BUNDLE1.saLookupContext: the SA lookup context GUID. */
  saLookupContext: Guid;
  /** IPSEC_SA_BUNDLE1.qmFilterId: the quick-mode filter's id. */
  qmFilterId: bigint;
  /** Other IPSEC_SA_BUNDLE1 members, as decoded. */
  [more: string]: unknown;
}

/** IPSEC_SA_DETAILS1 as IPsecSaEnum1 / IPsecSaContextEnum1 return it. */
export interface IpsecSaDetails1 {
  /** IPSEC_SA_DETAILS1.ipVersion: FWP_IP_VERSION of the SA. */
  ipVersion: number;
  /** IPSEC_SA_DETAILS1.saDirection: FWP_DIRECTION (inbound or outbound). */
  saDirection: number;
  /** IPSEC_SA_DETAILS1.traffic: the traffic the SA protects. */
  traffic: IpsecTraffic1;
  /** IPSEC_SA_DETAILS1.saBundle: the SA bundle. */
  saBundle: IpsecSaBundle1;
  /** IPSEC_SA_DETAILS1.udpEncapsulation: UDP encapsulation ports (IPv4 NAT traversal). */
  udpEncapsulation?: { localUdpEncapPort: number; remoteUdpEncapPort: number };
  /** IPSEC_SA_DETAILS1.transportFilter: the transport filter the SA belongs to. */
  transportFilter?: Filter;
  /** IPSEC_SA_DETAILS1.virtualIfTunnelInfo: virtual-interface tunnel id and traffic selector id. */
  virtualIfTunnelInfo: { virtualIfTunnelId: bigint; trafficSelectorId: bigint };
}

/** IPSEC_SA_CONTEXT1: a manual SA context and the SAs added to it so far. */
export interface IpsecSaContext1 {
  /** IPSEC_SA_CONTEXT1.saContextId: the SA context id. */
  saContextId: bigint;
  /** IPSEC_SA_CONTEXT1.inboundSa: the inbound SA, once added. */
  inboundSa?: IpsecSaDetails1;
  /** IPSEC_SA_CONTEXT1.outboundSa: the outbound SA, once added. */
  outboundSa?: IpsecSaDetails1;
}

/** IKEEXT_CREDENTIAL2 (a PSK arm is decoded but never rendered). */
export interface IkeextCredential2 {
  /** IKEEXT_CREDENTIAL2.authenticationMethodType: IKEEXT_AUTHENTICATION_METHOD_TYPE, selects the arm. */
  authenticationMethodType: number;
  /** IKEEXT_CREDENTIAL2.impersonationType: IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE. */
  impersonationType: number;
  /** Pre-shared key arm (decoded, never rendered). */
  presharedKey?: unknown;
  /** Certificate arm: IKEEXT_CERTIFICATE_CREDENTIAL1. */
  certificate?: { subjectName?: Uint8Array; certHash?: Uint8Array; flags: number; certificate?: Uint8Array };
  /** Name arm: IKEEXT_NAME_CREDENTIAL0 (Kerberos, NTLM). */
  name?: { principalName?: string };
}

/** IKEEXT_SA_DETAILS2 as IkeextSaEnum2 returns it. */
export interface IkeextSaDetails2 {
  /** IKEEXT_SA_DETAILS2.saId: the main-mode SA id. */
  saId: bigint;
  /** IKEEXT_SA_DETAILS2.keyModuleType: IKEEXT_KEY_MODULE_TYPE (IKE, AuthIP, IKEv2). */
  keyModuleType: number;
  /** IKEEXT_SA_DETAILS2.ipVersion: FWP_IP_VERSION of the SA. */
  ipVersion: number;
  /** IKEEXT_SA_DETAILS2.v4UdpEncapsulation: UDP encapsulation ports (IPv4 NAT traversal). */
  v4UdpEncapsulation?: { localUdpEncapPort: number; remoteUdpEncapPort: number };
  /** IKEEXT_SA_DETAILS2.ikeTraffic: IKEEXT_TRAFFIC0, the addresses the SA is between. */
  ikeTraffic: {
    ipVersion: number;
    localV4Address?: number;
    localV6Address?: Uint8Array;
    remoteV4Address?: number;
    remoteV6Address?: Uint8Array;
    authIpFilterId: bigint;
  };
  /** IKEEXT_SA_DETAILS2.ikeProposal: the IKEEXT_PROPOSAL0 negotiated. */
  ikeProposal: {
    cipherAlgorithm: { algoIdentifier: number; keyLen: number; rounds: number };
    integrityAlgorithm: { algoIdentifier: number };
    maxLifetimeSeconds: number;
    dhGroup: number;
    quickModeLimit: number;
  };
  /** IKEEXT_SA_DETAILS2.cookiePair: initiator and responder cookies (SPIs). */
  cookiePair: { initiator: bigint; responder: bigint };
  /** IKEEXT_SA_DETAILS2.ikeCredentials: the local and peer credentials used. */
  ikeCredentials: {
    credentials: { localCredentials: IkeextCredential2; peerCredentials: IkeextCredential2 }[];
  };
  /** IKEEXT_SA_DETAILS2.ikePolicyKey: the main-mode policy (provider context) key. */
  ikePolicyKey?: Guid;
  /** IKEEXT_SA_DETAILS2.virtualIfTunnelId: the virtual-interface tunnel id. */
  virtualIfTunnelId: bigint;
  /** IKEEXT_SA_DETAILS2.correlationKey: the key correlating this SA's events. */
  correlationKey?: Uint8Array;
}

/**
 * Manual SA contexts (IPsecSaContext*). Live engines only; none of these may run inside a transaction or
 * in a dynamic session.
 */
export interface SaContextOps {
  /**
   * IPsecSaContextCreate1: returns the SA context id. inboundFilterId is an [out, optional] cell of the call
   * (BFE writes its cached inbound filter id or 0): the value passed is overwritten, never read by the engine.
   */
  createSaContext(outboundTraffic: IpsecTraffic1, inboundFilterId?: bigint): bigint;
  /** IPsecSaContextGetSpi1: the inbound SPI the engine chose. */
  getSaContextSpi(id: bigint, inboundTraffic: IpsecTraffic1): number;
  /** IPsecSaContextSetSpi0: reserves the caller's inbound SPI (instead of GetSpi1 choosing one). */
  setSaContextSpi(id: bigint, inboundTraffic: IpsecTraffic1, spi: number): void;
  /** IPsecSaContextAddInbound1 (the bundle carries key material: never log it). */
  addSaContextInbound(id: bigint, bundle: IpsecSaBundle1): void;
  /** IPsecSaContextAddOutbound1. */
  addSaContextOutbound(id: bigint, bundle: IpsecSaBundle1): void;
  /** IPsecSaContextDeleteById0. */
  deleteSaContext(id: bigint): void;
  /** IkeextSaDeleteById0: ends an IKE/AuthIP main-mode SA (and its quick-mode SAs) by its saId. */
  deleteIkeSa?(id: bigint): void;
  /** IPsecSaContextEnum1 over every SA context. */
  enumSaContexts(pageSize?: number): IpsecSaContext1[];
  /** IPsecSaEnum1 over every IPsec SA. */
  enumIpsecSas(pageSize?: number): IpsecSaDetails1[];
  /** IkeextSaEnum2 over every IKE/AuthIP main-mode SA. */
  enumIkeSas(pageSize?: number): IkeextSaDetails2[];
}

/** FILETIME (100 ns intervals since 1601-01-01 UTC, split in two UINT32 words). */
export interface FileTime {
  /** FILETIME.dwLowDateTime: low 32 bits. */
  dwLowDateTime: number;
  /** FILETIME.dwHighDateTime: high 32 bits. */
  dwHighDateTime: number;
}

/** IKE/AuthIP failure principals (MM_FAILURE1 / EM_FAILURE1). */
export interface FailurePrincipals {
  /** localPrincipalNameForAuth: the local principal's name used for authentication. */
  localPrincipalNameForAuth?: string;
  /** remotePrincipalNameForAuth: the remote principal's name used for authentication. */
  remotePrincipalNameForAuth?: string;
  /** localPrincipalGroupSids: group SIDs of the local principal. */
  localPrincipalGroupSids: string[];
  /** remotePrincipalGroupSids: group SIDs of the remote principal. */
  remotePrincipalGroupSids: string[];
}

/** FWPM_NET_EVENT_IKEEXT_MM_FAILURE1. */
export interface NetEventMmFailure1 extends FailurePrincipals {
  /** failureErrorCode: the Win32 error (mostly ERROR_IPSEC_IKE_*). */
  failureErrorCode: number;
  /** failurePoint: IPSEC_FAILURE_POINT, which side failed (none, me, peer). */
  failurePoint: number;
  /** flags: FWPM_NET_EVENT_IKEEXT_MM_FAILURE_FLAG_* (BENIGN 0x1, MULTIPLE 0x2). */
  flags: number;
  /** keyingModuleType: IKEEXT_KEY_MODULE_TYPE. */
  keyingModuleType: number;
  /** mmState: IKEEXT_MM_SA_STATE when the failure happened. */
  mmState: number;
  /** saRole: IKEEXT_SA_ROLE (initiator or responder). */
  saRole: number;
  /** mmAuthMethod: IKEEXT_AUTHENTICATION_METHOD_TYPE in use. */
  mmAuthMethod: number;
  /** endCertHash: SHA-1 hash of the end certificate, if one was used. */
  endCertHash?: Uint8Array;
  /** mmId: the main-mode SA id. */
  mmId: bigint;
  /** mmFilterId: the main-mode (IKEEXT layer) filter's id. */
  mmFilterId: bigint;
}

/** FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 (subnets only for tunnel mode). */
export interface NetEventQmFailure0 {
  /** failureErrorCode: the Win32 error (mostly ERROR_IPSEC_IKE_*). */
  failureErrorCode: number;
  /** failurePoint: IPSEC_FAILURE_POINT, which side failed (none, me, peer). */
  failurePoint: number;
  /** keyingModuleType: IKEEXT_KEY_MODULE_TYPE. */
  keyingModuleType: number;
  /** qmState: IKEEXT_QM_SA_STATE when the failure happened. */
  qmState: number;
  /** saRole: IKEEXT_SA_ROLE (initiator or responder). */
  saRole: number;
  /** saTrafficType: IPSEC_TRAFFIC_TYPE (transport or tunnel). */
  saTrafficType: number;
  /** localSubNet: FWP_CONDITION_VALUE0 of the local subnet (tunnel mode). */
  localSubNet?: unknown;
  /** remoteSubNet: FWP_CONDITION_VALUE0 of the remote subnet (tunnel mode). */
  remoteSubNet?: unknown;
  /** qmFilterId: the quick-mode (IPSEC layer) filter's id. */
  qmFilterId: bigint;
}

/** FWPM_NET_EVENT_IKEEXT_EM_FAILURE1. */
export interface NetEventEmFailure1 extends FailurePrincipals {
  /** failureErrorCode: the Win32 error (mostly ERROR_IPSEC_IKE_*). */
  failureErrorCode: number;
  /** failurePoint: IPSEC_FAILURE_POINT, which side failed (none, me, peer). */
  failurePoint: number;
  /** flags: FWPM_NET_EVENT_IKEEXT_EM_FAILURE_FLAG_* (MULTIPLE 0x1, BENIGN 0x2). */
  flags: number;
  /** emState: IKEEXT_EM_SA_STATE when the failure happened. */
  emState: number;
  /** saRole: IKEEXT_SA_ROLE (initiator or responder). */
  saRole: number;
  /** emAuthMethod: IKEEXT_AUTHENTICATION_METHOD_TYPE in use. */
  emAuthMethod: number;
  /** endCertHash: SHA-1 hash of the end certificate, if one was used. */
  endCertHash?: Uint8Array;
  /** mmId: the main-mode SA id. */
  mmId: bigint;
  /** qmFilterId: the quick-mode (IPSEC layer) filter's id. */
  qmFilterId: bigint;
  /** saTrafficType: IPSEC_TRAFFIC_TYPE (transport or tunnel). */
  saTrafficType: number;
}

/** FWPM_NET_EVENT_IPSEC_KERNEL_DROP0. */
export interface NetEventIpsecKernelDrop0 {
  /** failureStatus: the NTSTATUS the IPsec driver dropped the packet with. */
  failureStatus: number;
  /** direction: FWP_DIRECTION of the packet. */
  direction: number;
  /** spi: the SPI of the SA involved. */
  spi: number;
  /** filterId: the filter that matched. */
  filterId: bigint;
  /** layerId: the id of the layer the filter lives in. */
  layerId: number;
}

/**
 * FWPM_NET_EVENT1: header plus the payload arm its `type` selects (other types carry none here), as
 * `NetEventOps.enumNetEvents` returns it; rendered by `modules/monitor/monitor.ts`.
 */
export interface NetEvent1 {
  /** FWPM_NET_EVENT1.header: FWPM_NET_EVENT_HEADER1 (time, addresses, ports, app and user ids). */
  header: {
    timeStamp: FileTime;
    flags: number;
    ipVersion: number;
    ipProtocol: number;
    localAddrV4?: number;
    localAddrV6?: Uint8Array;
    remoteAddrV4?: number;
    remoteAddrV6?: Uint8Array;
    localPort: number;
    remotePort: number;
    scopeId: number;
    appId?: Uint8Array;
    userId?: Uint8Array;
    [l2: string]: unknown;
  };
  /** FWPM_NET_EVENT1.type: FWPM_NET_EVENT_TYPE, selects the payload arm. */
  type: number;
  /** FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE arm. */
  ikeMmFailure?: NetEventMmFailure1;
  /** FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE arm. */
  ikeQmFailure?: NetEventQmFailure0;
  /** FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE arm. */
  ikeEmFailure?: NetEventEmFailure1;
  /** FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP arm. */
  ipsecDrop?: NetEventIpsecKernelDrop0;
}

/** FWPM_NET_EVENT_ENUM_TEMPLATE0's time window (inclusive; either end may be open). */
export interface NetEventWindow {
  /** FWPM_NET_EVENT_ENUM_TEMPLATE0.startTime: the earliest event time; absent = open. */
  startTime?: FileTime;
  /** FWPM_NET_EVENT_ENUM_TEMPLATE0.endTime: the latest event time; absent = open. */
  endTime?: FileTime;
}

/** A live net-event subscription (FwpmNetEventSubscribe0); `unsubscribe` ends it. */
export interface NetEventSubscription {
  /**
   * FwpmNetEventUnsubscribe0, run off the JS thread (it waits for a callback in progress, and that callback
   * waits for the JS thread), then releases the callback. Idempotent. Rejects with the engine's error, e.g.
   * when the engine went away; the callback is released either way.
   */
  unsubscribe(): Promise<void>;
}

/** Net-event enumeration (FwpmNetEventCreateEnumHandle0 / FwpmNetEventEnum1 / FwpmNetEventDestroyEnumHandle0). */
export interface NetEventOps {
  /** Every recorded net event in `window`, oldest first as the engine returns them. */
  enumNetEvents(window?: NetEventWindow, pageSize?: number): NetEvent1[];
  /**
   * FwpmNetEventSubscribe0: `onEvent` receives each new net event (decoded, copied) in the engine's order,
   * on the JS thread. Absent when the library lacks the export.
   */
  subscribeNetEvents?(onEvent: (event: NetEvent1) => void): NetEventSubscription;
}

/** UINT32 counters of one statistics group, by their C member names. */
export type Counters = Record<string, number>;

/** IPSEC_STATISTICS1 (IPsecGetStatistics1): SA counts, drop counters, traffic byte counts (UINT64). */
export interface IpsecStatistics1 {
  /** IPSEC_AGGREGATE_SA_STATISTICS0: activeSas, pendingSaNegotiations, totalSasAdded, ... */
  aggregateSaStatistics: Counters;
  /** IPSEC_ESP_DROP_PACKET_STATISTICS0. */
  espDropPacketStatistics: Counters;
  /** IPSEC_AH_DROP_PACKET_STATISTICS0. */
  ahDropPacketStatistics: Counters;
  /** IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1: inbound drops by reason and their total. */
  aggregateDropPacketStatistics: Counters;
  /** IPSEC_TRAFFIC_STATISTICS1 (UINT64 counters), inbound. */
  inboundTrafficStatistics: Record<string, bigint>;
  /** IPSEC_TRAFFIC_STATISTICS1, outbound. */
  outboundTrafficStatistics: Record<string, bigint>;
}

/** IKEEXT_KEYMODULE_STATISTICS1: one keying module's negotiation counters. */
export interface IkeextKeyModuleStatistics1 {
  /** IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1 for IPv4 (main/quick/extended modes). */
  v4Statistics: Counters;
  /** The same for IPv6. */
  v6Statistics: Counters;
  /** UINT32[97], little-endian: counts per IKE error code from ERROR_IPSEC_IKE_NEG_STATUS_BEGIN. */
  errorFrequencyTable: Uint8Array;
  /** Current main-mode negotiation time. */
  mainModeNegotiationTime: number;
  /** Current quick-mode negotiation time. */
  quickModeNegotiationTime: number;
  /** Current extended-mode negotiation time (AuthIP). */
  extendedModeNegotiationTime: number;
}

/** IKEEXT_STATISTICS1 (IkeextGetStatistics1). */
export interface IkeextStatistics1 {
  /** IKEv1. */
  ikeStatistics: IkeextKeyModuleStatistics1;
  /** AuthIP. */
  authipStatistics: IkeextKeyModuleStatistics1;
  /** IKEv2. */
  ikeV2Statistics: IkeextKeyModuleStatistics1;
  /** IKEEXT_COMMON_STATISTICS1: socket failures per IP version, packets, queued work items. */
  commonStatistics: {
    /** IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1 for IPv4. */
    v4Statistics: Counters;
    /** The same for IPv6. */
    v6Statistics: Counters;
    /** Packets received by IKEEXT. */
    totalPacketsReceived: number;
    /** Invalid packets received. */
    totalInvalidPacketsReceived: number;
    /** Work items queued now. */
    currentQueuedWorkitems: number;
  };
}

/** Engine-wide IPsec and IKE statistics (live engines). */
export interface StatisticsOps {
  /** IPsecGetStatistics1. */
  ipsecStatistics(): IpsecStatistics1;
  /** IkeextGetStatistics1. */
  ikeextStatistics(): IkeextStatistics1;
}

/** Operations shared by live and snapshot engines. All calls are synchronous, like the C API. */
export interface Engine {
  /** Which engine this is; printed with every result. */
  readonly info: EngineInfo;

  /** Runs `fn` in one explicit transaction: commit when it returns, abort when it throws (and rethrow). */
  transaction<T>(fn: () => T, options?: { readOnly?: boolean }): T;

  /** FwpmProviderAdd0. */
  addProvider(provider: Provider): void;
  /** FwpmProviderGetByKey0; undefined when there is no such provider. */
  getProvider(key: Guid): Provider | undefined;
  /** FwpmProviderEnum0 over every provider. */
  enumProviders(): Provider[];
  /** FwpmProviderDeleteByKey0. */
  deleteProvider(key: Guid): void;

  /** FwpmSubLayerAdd0. */
  addSublayer(sublayer: Sublayer): void;
  /** FwpmSubLayerGetByKey0; undefined when there is no such sublayer. */
  getSublayer(key: Guid): Sublayer | undefined;
  /** FwpmSubLayerEnum0, optionally restricted by the template. */
  enumSublayers(template?: SublayerTemplate): Sublayer[];
  /** FwpmSubLayerDeleteByKey0. */
  deleteSublayer(key: Guid): void;

  /** Returns the engine-assigned providerContextId. */
  addProviderContext(context: ProviderContext): bigint;
  /** FwpmProviderContextGetByKey3; undefined when there is no such context. */
  getProviderContext(key: Guid): ProviderContext | undefined;
  /** FwpmProviderContextEnum3, optionally restricted by the template. */
  enumProviderContexts(template?: ProviderContextTemplate): ProviderContext[];
  /** FwpmProviderContextDeleteByKey0. */
  deleteProviderContext(key: Guid): void;

  /** Returns the engine-assigned filterId. */
  addFilter(filter: Filter): bigint;
  /** FwpmFilterGetByKey0; undefined when there is no such filter. */
  getFilter(key: Guid): Filter | undefined;
  /** FwpmFilterGetById0, by the engine-assigned filterId (net events name filters by id); live engines. */
  getFilterById?(id: bigint): Filter | undefined;
  /** FwpmFilterEnum0, optionally restricted by the template. */
  enumFilters(template?: FilterTemplate): Filter[];
  /** FwpmFilterDeleteByKey0. */
  deleteFilter(key: Guid): void;
  /** FwpmFilterDeleteById0: by the engine-assigned filterId. */
  deleteFilterById(id: bigint): void;

  /** FwpmIPsecTunnelAdd3; the tunnel is identified by its tunnel policy's providerContextKey. */
  addTunnel(tunnel: Tunnel): void;
  /** FwpmIPsecTunnelDeleteByKey0, by the tunnel policy's providerContextKey. */
  deleteTunnel(tunnelPolicyKey: Guid): void;

  /** FwpmGetAppIdFromFileName0: the engine's app id blob for a program path. */
  appIdFromFileName(path: string): Uint8Array;

  /** Closes the session (a dynamic session's objects vanish). Idempotent. */
  close(): void;

  /** Manual SA contexts and SA enumeration; absent on engines that have none (snapshots). */
  readonly sa?: SaContextOps;

  /** Net-event enumeration; absent on engines that have none (snapshots, a library without FwpmNetEventEnum1). */
  readonly netEvents?: NetEventOps;

  /** IPsec and IKE statistics; absent on engines that have none (snapshots). */
  readonly statistics?: StatisticsOps;
}

/** A filter condition list type re-export, for implementers. */
export type { FilterCondition };
