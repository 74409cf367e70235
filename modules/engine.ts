/**
 * The Engine interface: every operation wfpsec needs from the Base Filtering Engine.
 *
 * Implementations: the FFI engine over a loaded `fwpuclnt` (the real DLL on Windows, fwpsim's shared library
 * on Linux, fwpsim's DLL under Wine) and the read-only snapshot engine (netsh XML dump or wfpsec JSON).
 * Nothing above this interface knows which one it has, except to say so in output (`info`).
 */
import type { Filter, FilterCondition, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "./graph.ts";

/** What engine is behind the interface; printed so simulator output is never mistaken for Windows. */
export interface EngineInfo {
  /** `windows`: real BFE; `fwpsim`: the test double; `snapshot`: an offline dump (read-only). */
  kind: "windows" | "fwpsim" | "snapshot";
  /** True for anything that is not a live Windows engine. */
  simulated: boolean;
  /** Library path or snapshot file. */
  source: string;
  /** One human sentence, e.g. "fwpsim (simulator, not Windows) at ./build/libfwpsim.so". */
  description: string;
}

/** Filter enumeration template (FWPM_FILTER_ENUM_TEMPLATE0 subset). */
export interface FilterTemplate {
  providerKey?: Guid;
  layerKey?: Guid;
}

/** Provider-context enumeration template (FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 subset). */
export interface ProviderContextTemplate {
  providerKey?: Guid;
  providerContextType?: number;
}

/** Sublayer enumeration template (FWPM_SUBLAYER_ENUM_TEMPLATE0). */
export interface SublayerTemplate {
  providerKey?: Guid;
}

/**
 * IPSEC_TRAFFIC1 (manual SA traffic): addresses per `ipVersion` (V4 host-order number, V6 16 bytes),
 * trafficType TRANSPORT (0) with the transport filter's id.
 */
export interface IpsecTraffic1 {
  ipVersion: number;
  localV4Address?: number;
  localV6Address?: Uint8Array;
  remoteV4Address?: number;
  remoteV6Address?: Uint8Array;
  trafficType: number;
  ipsecFilterId?: bigint;
  tunnelPolicyId?: bigint;
  remotePort: number;
  localPort: number;
  ipProtocol: number;
  localIfLuid: bigint;
  realIfProfileId: number;
}

/** IPSEC_AUTH_TRANSFORM0 / IPSEC_CIPHER_TRANSFORM0 ids plus the key (FWP_BYTE_BLOB). */
export interface IpsecSaAuthInformation0 {
  authTransform: { authTransformId: { authType: number; authConfig: number }; cryptoModuleId?: Guid };
  authKey: Uint8Array;
}
/** IPSEC_SA_CIPHER_INFORMATION0. */
export interface IpsecSaCipherInformation0 {
  cipherTransform: { cipherTransformId: { cipherType: number; cipherConfig: number }; cryptoModuleId?: Guid };
  cipherKey: Uint8Array;
}

/** IPSEC_SA0: one SA of a bundle (the `saTransformType` selects the information arm). */
export interface IpsecSa0 {
  spi: number;
  saTransformType: number;
  ahInformation?: IpsecSaAuthInformation0;
  espAuthInformation?: IpsecSaAuthInformation0;
  espCipherInformation?: IpsecSaCipherInformation0;
  espAuthAndCipherInformation?: {
    saCipherInformation: IpsecSaCipherInformation0;
    saAuthInformation: IpsecSaAuthInformation0;
  };
  espAuthFwInformation?: IpsecSaAuthInformation0;
}

/** IPSEC_SA_BUNDLE1 (the members wfpsec sets; decoded bundles carry every member). */
export interface IpsecSaBundle1 {
  flags: number;
  lifetime: { lifetimeSeconds: number; lifetimeKilobytes: number; lifetimePackets: number };
  idleTimeoutSeconds: number;
  ndAllowClearTimeoutSeconds: number;
  napContext: number;
  qmSaId: number;
  saList: IpsecSa0[];
  ipVersion: number;
  peerV4PrivateAddress?: number;
  mmSaId: bigint;
  pfsGroup: number;
  saLookupContext: Guid;
  qmFilterId: bigint;
  [more: string]: unknown;
}

/** IPSEC_SA_DETAILS1 as IPsecSaEnum1 / IPsecSaContextEnum1 return it. */
export interface IpsecSaDetails1 {
  ipVersion: number;
  saDirection: number;
  traffic: IpsecTraffic1;
  saBundle: IpsecSaBundle1;
  udpEncapsulation?: { localUdpEncapPort: number; remoteUdpEncapPort: number };
  transportFilter?: Filter;
  virtualIfTunnelInfo: { virtualIfTunnelId: bigint; trafficSelectorId: bigint };
}

/** IPSEC_SA_CONTEXT1: a manual SA context and the SAs added to it so far. */
export interface IpsecSaContext1 {
  saContextId: bigint;
  inboundSa?: IpsecSaDetails1;
  outboundSa?: IpsecSaDetails1;
}

/** IKEEXT_CREDENTIAL2 (a PSK arm is decoded but never rendered). */
export interface IkeextCredential2 {
  authenticationMethodType: number;
  impersonationType: number;
  presharedKey?: unknown;
  certificate?: { subjectName?: Uint8Array; certHash?: Uint8Array; flags: number; certificate?: Uint8Array };
  name?: { principalName?: string };
}

/** IKEEXT_SA_DETAILS2 as IkeextSaEnum2 returns it. */
export interface IkeextSaDetails2 {
  saId: bigint;
  keyModuleType: number;
  ipVersion: number;
  v4UdpEncapsulation?: { localUdpEncapPort: number; remoteUdpEncapPort: number };
  ikeTraffic: {
    ipVersion: number;
    localV4Address?: number;
    localV6Address?: Uint8Array;
    remoteV4Address?: number;
    remoteV6Address?: Uint8Array;
    authIpFilterId: bigint;
  };
  ikeProposal: {
    cipherAlgorithm: { algoIdentifier: number; keyLen: number; rounds: number };
    integrityAlgorithm: { algoIdentifier: number };
    maxLifetimeSeconds: number;
    dhGroup: number;
    quickModeLimit: number;
  };
  cookiePair: { initiator: bigint; responder: bigint };
  ikeCredentials: {
    credentials: { localCredentials: IkeextCredential2; peerCredentials: IkeextCredential2 }[];
  };
  ikePolicyKey?: Guid;
  virtualIfTunnelId: bigint;
  correlationKey?: Uint8Array;
}

/**
 * Manual SA contexts (IPsecSaContext*). Live engines only; none of these may run inside a transaction or
 * in a dynamic session.
 */
export interface SaContextOps {
  /** IPsecSaContextCreate1: returns the SA context id. */
  createSaContext(outboundTraffic: IpsecTraffic1, inboundFilterId?: bigint): bigint;
  /** IPsecSaContextGetSpi1: the inbound SPI the engine chose. */
  getSaContextSpi(id: bigint, inboundTraffic: IpsecTraffic1): number;
  /** IPsecSaContextAddInbound1 (the bundle carries key material: never log it). */
  addSaContextInbound(id: bigint, bundle: IpsecSaBundle1): void;
  /** IPsecSaContextAddOutbound1. */
  addSaContextOutbound(id: bigint, bundle: IpsecSaBundle1): void;
  /** IPsecSaContextDeleteById0. */
  deleteSaContext(id: bigint): void;
  /** IPsecSaContextEnum1 over every SA context. */
  enumSaContexts(pageSize?: number): IpsecSaContext1[];
  /** IPsecSaEnum1 over every IPsec SA. */
  enumIpsecSas(pageSize?: number): IpsecSaDetails1[];
  /** IkeextSaEnum2 over every IKE/AuthIP main-mode SA. */
  enumIkeSas(pageSize?: number): IkeextSaDetails2[];
}

/** FILETIME (100 ns intervals since 1601-01-01 UTC, split in two UINT32 words). */
export interface FileTime {
  dwLowDateTime: number;
  dwHighDateTime: number;
}

/** IKE/AuthIP failure principals (MM_FAILURE1 / EM_FAILURE1). */
interface FailurePrincipals {
  localPrincipalNameForAuth?: string;
  remotePrincipalNameForAuth?: string;
  localPrincipalGroupSids: string[];
  remotePrincipalGroupSids: string[];
}

/** FWPM_NET_EVENT_IKEEXT_MM_FAILURE1. */
export interface NetEventMmFailure1 extends FailurePrincipals {
  failureErrorCode: number;
  failurePoint: number;
  flags: number;
  keyingModuleType: number;
  mmState: number;
  saRole: number;
  mmAuthMethod: number;
  endCertHash?: Uint8Array;
  mmId: bigint;
  mmFilterId: bigint;
}

/** FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 (subnets only for tunnel mode). */
export interface NetEventQmFailure0 {
  failureErrorCode: number;
  failurePoint: number;
  keyingModuleType: number;
  qmState: number;
  saRole: number;
  saTrafficType: number;
  localSubNet?: unknown;
  remoteSubNet?: unknown;
  qmFilterId: bigint;
}

/** FWPM_NET_EVENT_IKEEXT_EM_FAILURE1. */
export interface NetEventEmFailure1 extends FailurePrincipals {
  failureErrorCode: number;
  failurePoint: number;
  flags: number;
  emState: number;
  saRole: number;
  emAuthMethod: number;
  endCertHash?: Uint8Array;
  mmId: bigint;
  qmFilterId: bigint;
  saTrafficType: number;
}

/** FWPM_NET_EVENT_IPSEC_KERNEL_DROP0. */
export interface NetEventIpsecKernelDrop0 {
  failureStatus: number;
  direction: number;
  spi: number;
  filterId: bigint;
  layerId: number;
}

/**
 * FWPM_NET_EVENT1: header plus the payload arm its `type` selects (other types carry none here), as
 * `NetEventOps.enumNetEvents` returns it; rendered by `modules/monitor.ts`.
 */
export interface NetEvent1 {
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
  type: number;
  ikeMmFailure?: NetEventMmFailure1;
  ikeQmFailure?: NetEventQmFailure0;
  ikeEmFailure?: NetEventEmFailure1;
  ipsecDrop?: NetEventIpsecKernelDrop0;
}

/** FWPM_NET_EVENT_ENUM_TEMPLATE0's time window (inclusive; either end may be open). */
export interface NetEventWindow {
  startTime?: FileTime;
  endTime?: FileTime;
}

/** Net-event enumeration (FwpmNetEventCreateEnumHandle0 / FwpmNetEventEnum1 / FwpmNetEventDestroyEnumHandle0). */
export interface NetEventOps {
  /** Every recorded net event in `window`, oldest first as the engine returns them. */
  enumNetEvents(window?: NetEventWindow, pageSize?: number): NetEvent1[];
}

/** Operations shared by live and snapshot engines. All calls are synchronous, like the C API. */
export interface Engine {
  readonly info: EngineInfo;

  /** Runs `fn` in one explicit transaction: commit when it returns, abort when it throws (and rethrow). */
  transaction<T>(fn: () => T, options?: { readOnly?: boolean }): T;

  addProvider(provider: Provider): void;
  getProvider(key: Guid): Provider | undefined;
  enumProviders(): Provider[];
  deleteProvider(key: Guid): void;

  addSublayer(sublayer: Sublayer): void;
  getSublayer(key: Guid): Sublayer | undefined;
  enumSublayers(template?: SublayerTemplate): Sublayer[];
  deleteSublayer(key: Guid): void;

  /** Returns the engine-assigned providerContextId. */
  addProviderContext(context: ProviderContext): bigint;
  getProviderContext(key: Guid): ProviderContext | undefined;
  enumProviderContexts(template?: ProviderContextTemplate): ProviderContext[];
  deleteProviderContext(key: Guid): void;

  /** Returns the engine-assigned filterId. */
  addFilter(filter: Filter): bigint;
  getFilter(key: Guid): Filter | undefined;
  enumFilters(template?: FilterTemplate): Filter[];
  deleteFilter(key: Guid): void;
  deleteFilterById(id: bigint): void;

  /** FwpmIPsecTunnelAdd3; the tunnel is identified by its tunnel policy's providerContextKey. */
  addTunnel(tunnel: Tunnel): void;
  deleteTunnel(tunnelPolicyKey: Guid): void;

  /** FwpmGetAppIdFromFileName0: the engine's app id blob for a program path. */
  appIdFromFileName(path: string): Uint8Array;

  /** Closes the session (a dynamic session's objects vanish). Idempotent. */
  close(): void;

  /** Manual SA contexts and SA enumeration; absent on engines that have none (snapshots). */
  readonly sa?: SaContextOps;

  /** Net-event enumeration; absent on engines that have none (snapshots, a library without FwpmNetEventEnum1). */
  readonly netEvents?: NetEventOps;
}

/** A filter condition list type re-export, for implementers. */
export type { FilterCondition };
