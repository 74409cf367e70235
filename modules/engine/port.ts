/**
 * The Engine interface: every operation wfpsec needs from the Base Filtering Engine.
 *
 * Implementations: the FFI engine over a loaded `fwpuclnt` (the real DLL on Windows, fwpsim's shared library
 * on Linux, fwpsim's DLL under Wine) and the read-only snapshot engine (netsh XML dump or wfpsec JSON).
 * Nothing above this interface knows which one it has, except to say so in output (`info`).
 */
import type {
  IKEEXT_KEYMODULE_STATISTICS1,
  IKEEXT_STATISTICS1,
  IPSEC_STATISTICS1,
} from "../../ffi/structs.gen.ts";
import type {
  FILETIME,
  Filter,
  FilterCondition,
  FWPM_NET_EVENT1,
  FWPM_NET_EVENT_IKEEXT_EM_FAILURE1,
  FWPM_NET_EVENT_IKEEXT_MM_FAILURE1,
  FWPM_NET_EVENT_IKEEXT_QM_FAILURE0,
  FWPM_NET_EVENT_IPSEC_KERNEL_DROP0,
  Guid,
  IKEEXT_CREDENTIAL2,
  IKEEXT_SA_DETAILS2,
  IPSEC_SA0,
  IPSEC_SA_AUTH_INFORMATION0,
  IPSEC_SA_BUNDLE1,
  IPSEC_SA_CIPHER_INFORMATION0,
  IPSEC_SA_CONTEXT1,
  IPSEC_SA_DETAILS1,
  IPSEC_TRAFFIC1,
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
 * trafficType TRANSPORT with the transport filter's id.
 */
export type IpsecTraffic1 = IPSEC_TRAFFIC1;
/** IPSEC_SA_AUTH_INFORMATION0: the IPSEC_AUTH_TRANSFORM0 plus the key (FWP_BYTE_BLOB). */
export type IpsecSaAuthInformation0 = IPSEC_SA_AUTH_INFORMATION0;
/** IPSEC_SA_CIPHER_INFORMATION0. */
export type IpsecSaCipherInformation0 = IPSEC_SA_CIPHER_INFORMATION0;
/** IPSEC_SA0: one SA of a bundle (the `saTransformType` selects the information arm). */
export type IpsecSa0 = IPSEC_SA0;
/** IPSEC_SA_BUNDLE1 (the bundle carries key material: never log it). */
export type IpsecSaBundle1 = IPSEC_SA_BUNDLE1;
/** IPSEC_SA_DETAILS1 as IPsecSaEnum1 / IPsecSaContextEnum1 return it. */
export type IpsecSaDetails1 = IPSEC_SA_DETAILS1;
/** IPSEC_SA_CONTEXT1: a manual SA context and the SAs added to it so far. */
export type IpsecSaContext1 = IPSEC_SA_CONTEXT1;
/** IKEEXT_CREDENTIAL2 (a PSK arm is decoded but never rendered). */
export type IkeextCredential2 = IKEEXT_CREDENTIAL2;
/** IKEEXT_SA_DETAILS2 as IkeextSaEnum2 returns it. */
export type IkeextSaDetails2 = IKEEXT_SA_DETAILS2;

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
export type FileTime = FILETIME;
/** IKE/AuthIP failure principals (MM_FAILURE1 / EM_FAILURE1). */
export type FailurePrincipals = Pick<
  FWPM_NET_EVENT_IKEEXT_MM_FAILURE1,
  | "localPrincipalNameForAuth"
  | "remotePrincipalNameForAuth"
  | "localPrincipalGroupSids"
  | "remotePrincipalGroupSids"
>;
/** FWPM_NET_EVENT_IKEEXT_MM_FAILURE1. */
export type NetEventMmFailure1 = FWPM_NET_EVENT_IKEEXT_MM_FAILURE1;
/** FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 (subnets only for tunnel mode). */
export type NetEventQmFailure0 = FWPM_NET_EVENT_IKEEXT_QM_FAILURE0;
/** FWPM_NET_EVENT_IKEEXT_EM_FAILURE1. */
export type NetEventEmFailure1 = FWPM_NET_EVENT_IKEEXT_EM_FAILURE1;
/** FWPM_NET_EVENT_IPSEC_KERNEL_DROP0. */
export type NetEventIpsecKernelDrop0 = FWPM_NET_EVENT_IPSEC_KERNEL_DROP0;
/**
 * FWPM_NET_EVENT1: header plus the payload arm its `type` selects (other types carry none here), as
 * `NetEventOps.enumNetEvents` returns it; rendered by `modules/monitor/monitor.ts`.
 */
export type NetEvent1 = FWPM_NET_EVENT1;

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
export type IpsecStatistics1 = IPSEC_STATISTICS1;

/** IKEEXT_KEYMODULE_STATISTICS1: one keying module's negotiation counters. */
export type IkeextKeyModuleStatistics1 = IKEEXT_KEYMODULE_STATISTICS1;

/** IKEEXT_STATISTICS1 (IkeextGetStatistics1). */
export type IkeextStatistics1 = IKEEXT_STATISTICS1;

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
