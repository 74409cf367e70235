/**
 * The object graph: the WFP objects a policy compiles to, in WFP's own vocabulary.
 *
 * These interfaces are exactly the shapes the struct codecs in `ffi/` encode and decode, so the compiler's
 * output and the engine's current objects can be compared field by field. Conventions (shared with
 * `ffi/structs.ts`):
 * - field names are the C member names; members of nameless unions/structs appear directly;
 * - element-count fields (`numX`, `xArraySize`, `numEku`) are omitted: the array's length is the count;
 * - GUID -> lowercase string without braces; optional `GUID*` -> optional string;
 * - `wchar_t*` -> string; `LPSTR*` arrays -> string[]; `FWP_BYTE_BLOB` (by value or pointer) and fixed
 *   `UINT8[n]` -> Uint8Array; UINT64 -> bigint; other integers and enums -> number;
 * - a discriminated union is its numeric discriminant plus exactly one arm property named as in C
 *   (e.g. `{ type: FWP_UINT8, uint8: 12 }`, `{ authenticationMethodType: IKEEXT_KERBEROS, kerberosAuthentication: {...} }`);
 * - IPv4 addresses are host-order UINT32 numbers, IPv6 addresses 16 network-order bytes;
 * - a NULL optional pointer is an absent property (never `null`).
 * Engine-assigned fields (`filterId`, `providerContextId`, `effectiveWeight`) are only set on decoded
 * objects; the planner ignores them.
 */

/** A GUID as lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
export type Guid = string;

/** FWPM_DISPLAY_DATA0. */
export interface DisplayData {
  name: string;
  description?: string;
}

/** FWP_V4_ADDR_AND_MASK (host byte order). */
export interface V4AddrAndMask {
  addr: number;
  mask: number;
}

/** FWP_V6_ADDR_AND_MASK. */
export interface V6AddrAndMask {
  addr: Uint8Array;
  prefixLength: number;
}

/** FWP_VALUE0: the `type` discriminant (FWP_DATA_TYPE) plus one arm. */
export type FwpValue =
  | { type: 0 }
  | { type: 1; uint8: number }
  | { type: 2; uint16: number }
  | { type: 3; uint32: number }
  | { type: 4; uint64: bigint }
  | { type: 5; int8: number }
  | { type: 6; int16: number }
  | { type: 7; int32: number }
  | { type: 8; int64: bigint }
  | { type: 9; float32: number }
  | { type: 10; double64: number }
  | { type: 11; byteArray16: Uint8Array }
  | { type: 12; byteBlob: Uint8Array }
  | { type: 13; sid: Uint8Array }
  | { type: 14; sd: Uint8Array }
  | { type: 17; unicodeString: string }
  | { type: 18; byteArray6: Uint8Array };

/** FWP_RANGE0. */
export interface FwpRange {
  valueLow: FwpValue;
  valueHigh: FwpValue;
}

/** FWP_CONDITION_VALUE0: FWP_VALUE0's arms plus the condition-only ones. */
export type FwpConditionValue =
  | FwpValue
  | { type: 256; v4AddrMask: V4AddrAndMask }
  | { type: 257; v6AddrMask: V6AddrAndMask }
  | { type: 258; rangeValue: FwpRange };

/**
 * An application id that still has to be resolved on the target host (FwpmGetAppIdFromFileName0).
 * Only the compiler produces it; the apply step replaces it by `{ type: 12, byteBlob }` before planning.
 */
export interface AppPathValue {
  type: "appPath";
  path: string;
}

/** FWPM_FILTER_CONDITION0. */
export interface FilterCondition {
  fieldKey: Guid;
  matchType: number;
  conditionValue: FwpConditionValue | AppPathValue;
}

/** FWPM_ACTION0: `filterType` for BLOCK/PERMIT-with-type, `calloutKey` for callout actions. */
export interface FilterAction {
  type: number;
  filterType?: Guid;
  calloutKey?: Guid;
}

/** FWPM_FILTER0. `providerContextKey` is used iff flags has FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT. */
export interface Filter {
  filterKey: Guid;
  displayData: DisplayData;
  flags: number;
  providerKey?: Guid;
  providerData?: Uint8Array;
  layerKey: Guid;
  subLayerKey: Guid;
  weight: FwpValue;
  filterCondition: FilterCondition[];
  action: FilterAction;
  rawContext?: bigint;
  providerContextKey?: Guid;
  /** Engine-assigned. */
  filterId?: bigint;
  /** Engine-assigned. */
  effectiveWeight?: FwpValue;
}

/** FWPM_PROVIDER0. */
export interface Provider {
  providerKey: Guid;
  displayData: DisplayData;
  flags: number;
  providerData?: Uint8Array;
  serviceName?: string;
}

/** FWPM_SUBLAYER0. */
export interface Sublayer {
  subLayerKey: Guid;
  displayData: DisplayData;
  flags: number;
  providerKey?: Guid;
  providerData?: Uint8Array;
  weight: number;
}

// ---- IKEEXT (main mode / extended mode) ----

/** IKEEXT_CIPHER_ALGORITHM0. */
export interface IkeextCipherAlgorithm {
  algoIdentifier: number;
  keyLen: number;
  rounds: number;
}

/** IKEEXT_PROPOSAL0. */
export interface IkeextProposal0 {
  cipherAlgorithm: IkeextCipherAlgorithm;
  integrityAlgorithm: { algoIdentifier: number };
  maxLifetimeSeconds: number;
  dhGroup: number;
  quickModeLimit: number;
}

/** IKEEXT_CERT_NAME0. */
export interface IkeextCertName0 {
  nameType: number;
  certName: string;
}

/** IKEEXT_CERTIFICATE_CRITERIA0. `eku` is IKEEXT_CERT_EKUS0's LPSTR array (OIDs). */
export interface IkeextCertificateCriteria0 {
  certData: Uint8Array;
  certHash: Uint8Array;
  eku?: string[];
  name?: IkeextCertName0;
  flags: number;
}

/** IKEEXT_CERTIFICATE_AUTHENTICATION2: one criteria array per side, chosen by the config type. */
export interface IkeextCertificateAuthentication2 {
  inboundConfigType: number;
  inboundRootCriteria?: IkeextCertificateCriteria0[];
  inboundEnterpriseStoreCriteria?: IkeextCertificateCriteria0[];
  inboundTrustedRootStoreCriteria?: IkeextCertificateCriteria0[];
  outboundConfigType: number;
  outboundRootCriteria?: IkeextCertificateCriteria0[];
  outboundEnterpriseStoreCriteria?: IkeextCertificateCriteria0[];
  outboundTrustedRootStoreCriteria?: IkeextCertificateCriteria0[];
  flags: number;
  localCertLocationUrl: Uint8Array;
}

/** IKEEXT_AUTHENTICATION_METHOD2: discriminant plus the arm for that method (ANONYMOUS has none). */
export interface IkeextAuthenticationMethod2 {
  authenticationMethodType: number;
  presharedKeyAuthentication?: { presharedKey: Uint8Array; flags: number };
  certificateAuthentication?: IkeextCertificateAuthentication2;
  kerberosAuthentication?: { flags: number; proxyServer?: string };
  ntlmV2Authentication?: { flags: number };
  sslAuthentication?: IkeextCertificateAuthentication2;
  cgaAuthentication?: {
    keyContainerName: string;
    cspName?: string;
    cspType: number;
    cgaModifier: Uint8Array;
    cgaCollisionCount: number;
  };
  eapAuthentication?: { flags: number };
  /** IKEEXT_RESERVED (12). */
  reservedAuthentication?: { flags: number };
}

/** IKEEXT_POLICY2 (main-mode policy of an IKE, AuthIP or IKEv2 MM provider context). */
export interface IkeextPolicy2 {
  softExpirationTime: number;
  authenticationMethods: IkeextAuthenticationMethod2[];
  initiatorImpersonationType: number;
  ikeProposals: IkeextProposal0[];
  flags: number;
  maxDynamicFilters: number;
  retransmitDurationSecs: number;
}

/** IKEEXT_EM_POLICY2 (AuthIP extended mode). */
export interface IkeextEmPolicy2 {
  authenticationMethods: IkeextAuthenticationMethod2[];
  initiatorImpersonationType: number;
}

// ---- IPsec (quick mode) ----

/** IPSEC_AUTH_TRANSFORM0. */
export interface IpsecAuthTransform0 {
  authTransformId: { authType: number; authConfig: number };
  cryptoModuleId?: Guid;
}

/** IPSEC_CIPHER_TRANSFORM0. */
export interface IpsecCipherTransform0 {
  cipherTransformId: { cipherType: number; cipherConfig: number };
  cryptoModuleId?: Guid;
}

/** IPSEC_SA_TRANSFORM0: discriminant plus one pointer arm. */
export interface IpsecSaTransform0 {
  ipsecTransformType: number;
  ahTransform?: IpsecAuthTransform0;
  espAuthTransform?: IpsecAuthTransform0;
  espCipherTransform?: IpsecCipherTransform0;
  espAuthAndCipherTransform?: { authTransform: IpsecAuthTransform0; cipherTransform: IpsecCipherTransform0 };
  espAuthFwTransform?: IpsecAuthTransform0;
}

/** IPSEC_SA_LIFETIME0. */
export interface IpsecSaLifetime0 {
  lifetimeSeconds: number;
  lifetimeKilobytes: number;
  lifetimePackets: number;
}

/** IPSEC_PROPOSAL0. */
export interface IpsecProposal0 {
  lifetime: IpsecSaLifetime0;
  saTransforms: IpsecSaTransform0[];
  pfsGroup: number;
}

/** IPSEC_SA_IDLE_TIMEOUT0. */
export interface IpsecSaIdleTimeout0 {
  idleTimeoutSeconds: number;
  idleTimeoutSecondsFailOver: number;
}

/** IPSEC_TRANSPORT_POLICY2. */
export interface IpsecTransportPolicy2 {
  ipsecProposals: IpsecProposal0[];
  flags: number;
  ndAllowClearTimeoutSeconds: number;
  saIdleTimeout: IpsecSaIdleTimeout0;
  emPolicy?: IkeextEmPolicy2;
}

/** IPSEC_TUNNEL_ENDPOINT0 (one remote address of a multi-address tunnel). */
export interface IpsecTunnelEndpoint0 {
  ipVersion: number;
  v4Address?: number;
  v6Address?: Uint8Array;
}

/** IPSEC_TUNNEL_ENDPOINTS2: `ipVersion` selects the V4 or V6 members. */
export interface IpsecTunnelEndpoints2 {
  ipVersion: number;
  localV4Address?: number;
  localV6Address?: Uint8Array;
  remoteV4Address?: number;
  remoteV6Address?: Uint8Array;
  localIfLuid: bigint;
  remoteFqdn?: string;
  remoteAddresses: IpsecTunnelEndpoint0[];
}

/** IPSEC_TRAFFIC_SELECTOR0. */
export interface IpsecTrafficSelector0 {
  protocolId: number;
  portStart: number;
  portEnd: number;
  ipVersion: number;
  startV4Address?: number;
  startV6Address?: Uint8Array;
  endV4Address?: number;
  endV6Address?: Uint8Array;
}

/** IPSEC_TRAFFIC_SELECTOR_POLICY0. */
export interface IpsecTrafficSelectorPolicy0 {
  flags: number;
  localTrafficSelectors: IpsecTrafficSelector0[];
  remoteTrafficSelectors: IpsecTrafficSelector0[];
}

/** IPSEC_TUNNEL_POLICY3. */
export interface IpsecTunnelPolicy3 {
  flags: number;
  ipsecProposals: IpsecProposal0[];
  tunnelEndpoints: IpsecTunnelEndpoints2;
  saIdleTimeout: IpsecSaIdleTimeout0;
  emPolicy?: IkeextEmPolicy2;
  fwdPathSaLifetime: number;
  compartmentId: number;
  trafficSelectorPolicies: IpsecTrafficSelectorPolicy0[];
}

/** IPSEC_KEYING_POLICY1. */
export interface IpsecKeyingPolicy1 {
  keyModKeys: Guid[];
  flags: number;
}

/**
 * FWPM_PROVIDER_CONTEXT3: `type` (FWPM_PROVIDER_CONTEXT_TYPE) selects exactly one policy arm.
 */
export interface ProviderContext {
  providerContextKey: Guid;
  displayData: DisplayData;
  flags: number;
  providerKey?: Guid;
  providerData?: Uint8Array;
  type: number;
  keyingPolicy?: IpsecKeyingPolicy1;
  ikeQmTransportPolicy?: IpsecTransportPolicy2;
  ikeQmTunnelPolicy?: IpsecTunnelPolicy3;
  authipQmTransportPolicy?: IpsecTransportPolicy2;
  authipQmTunnelPolicy?: IpsecTunnelPolicy3;
  ikeMmPolicy?: IkeextPolicy2;
  authIpMmPolicy?: IkeextPolicy2;
  dataBuffer?: Uint8Array;
  ikeV2QmTunnelPolicy?: IpsecTunnelPolicy3;
  ikeV2QmTransportPolicy?: IpsecTransportPolicy2;
  ikeV2MmPolicy?: IkeextPolicy2;
  /** Engine-assigned. */
  providerContextId?: bigint;
}

/**
 * A tunnel added with FwpmIPsecTunnelAdd3: the engine instantiates its filters itself. Its identity is the
 * key of the quick-mode (tunnel) provider context.
 */
export interface Tunnel {
  flags: number;
  mainModePolicy?: ProviderContext;
  tunnelPolicy: ProviderContext;
  filterConditions: FilterCondition[];
  keyModKey?: Guid;
}

/** A manually keyed SA pair (IPsecSaContextCreate/GetSpi/AddInbound/AddOutbound); keys by reference. */
export interface ManualSa {
  name: string;
  ipVersion: number;
  localAddress: string;
  remoteAddress: string;
  inboundFilterKey: Guid;
  outboundFilterKey: Guid;
  inbound: {
    spi: number;
    transformType: number;
    authTransformId?: { authType: number; authConfig: number };
    cipherTransformId?: { cipherType: number; cipherConfig: number };
    keyRef: string;
  };
  outbound: {
    spi: number;
    transformType: number;
    authTransformId?: { authType: number; authConfig: number };
    cipherTransformId?: { cipherType: number; cipherConfig: number };
    keyRef: string;
  };
}

/**
 * Secret material is never stored in the graph in clear: a pre-shared key is a reference that the apply
 * step resolves (environment variable or file) just before marshalling.
 */
export interface SecretRef {
  env?: string;
  file?: string;
}

/** The whole set of objects one policy owns. Arrays are in a stable, deterministic order. */
export interface ObjectGraph {
  provider: Provider;
  sublayer: Sublayer;
  providerContexts: ProviderContext[];
  filters: Filter[];
  tunnels: Tunnel[];
  manualSas: ManualSa[];
  /**
   * Pre-shared keys by reference, keyed by `${providerContextKey}/${methodIndex}`; the compiled
   * `presharedKeyAuthentication.presharedKey` is empty until the apply step resolves it.
   */
  secrets: Record<string, SecretRef>;
}
