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
  /** FWPM_DISPLAY_DATA0.name: the object's display name (mandatory, FWP_E_NULL_DISPLAY_NAME otherwise). */
  name: string;
  /** FWPM_DISPLAY_DATA0.description: optional free-text description. */
  description?: string;
}

/** FWP_V4_ADDR_AND_MASK (host byte order). */
export interface V4AddrAndMask {
  /** FWP_V4_ADDR_AND_MASK.addr: the IPv4 address. */
  addr: number;
  /** FWP_V4_ADDR_AND_MASK.mask: the IPv4 subnet mask. */
  mask: number;
}

/** FWP_V6_ADDR_AND_MASK. */
export interface V6AddrAndMask {
  /** FWP_V6_ADDR_AND_MASK.addr: the IPv6 address (16 bytes). */
  addr: Uint8Array;
  /** FWP_V6_ADDR_AND_MASK.prefixLength: the prefix length in bits (0-128). */
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
  /** FWP_RANGE0.valueLow: the low end of the range (inclusive). */
  valueLow: FwpValue;
  /** FWP_RANGE0.valueHigh: the high end of the range (inclusive), same data type as `valueLow`. */
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
  /** Marks the unresolved application id (not an FWP_DATA_TYPE). */
  type: "appPath";
  /** The application's file path, passed to FwpmGetAppIdFromFileName0. */
  path: string;
}

/** FWPM_FILTER_CONDITION0. */
export interface FilterCondition {
  /** FWPM_FILTER_CONDITION0.fieldKey: the condition field (FWPM_CONDITION_*) to test. */
  fieldKey: Guid;
  /** FWPM_FILTER_CONDITION0.matchType: how the field is compared (FWP_MATCH_TYPE). */
  matchType: number;
  /** FWPM_FILTER_CONDITION0.conditionValue: the value the field is compared with. */
  conditionValue: FwpConditionValue | AppPathValue;
}

/** FWPM_ACTION0: `filterType` for BLOCK/PERMIT-with-type, `calloutKey` for callout actions. */
export interface FilterAction {
  /** FWPM_ACTION0.type: the action (FWP_ACTION_BLOCK, FWP_ACTION_PERMIT, FWP_ACTION_CALLOUT_*). */
  type: number;
  /** FWPM_ACTION0.filterType: the filter type GUID (BLOCK/PERMIT arm). */
  filterType?: Guid;
  /** FWPM_ACTION0.calloutKey: the callout to invoke (callout arm). */
  calloutKey?: Guid;
}

/** FWPM_FILTER0. `providerContextKey` is used iff flags has FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT. */
export interface Filter {
  /** FWPM_FILTER0.filterKey: the GUID that identifies the filter. */
  filterKey: Guid;
  /** FWPM_FILTER0.displayData: the filter's name and description. */
  displayData: DisplayData;
  /** FWPM_FILTER0.flags: FWPM_FILTER_FLAG_* bits. */
  flags: number;
  /** FWPM_FILTER0.providerKey: the provider that owns the filter. */
  providerKey?: Guid;
  /** FWPM_FILTER0.providerData: opaque data for the owning provider. */
  providerData?: Uint8Array;
  /** FWPM_FILTER0.layerKey: the layer the filter lives in. */
  layerKey: Guid;
  /** FWPM_FILTER0.subLayerKey: the sublayer the filter lives in. */
  subLayerKey: Guid;
  /** FWPM_FILTER0.weight: the weight within the sublayer (FWP_EMPTY lets BFE assign it). */
  weight: FwpValue;
  /** FWPM_FILTER0.filterCondition: the conditions (AND across fields, OR within a field). */
  filterCondition: FilterCondition[];
  /** FWPM_FILTER0.action: what happens when all conditions match. */
  action: FilterAction;
  /** FWPM_FILTER0.rawContext: the context handed to the callout (callout filters). */
  rawContext?: bigint;
  /** FWPM_FILTER0.providerContextKey: the provider context a policy filter applies. */
  providerContextKey?: Guid;
  /** Engine-assigned. */
  filterId?: bigint;
  /** Engine-assigned. */
  effectiveWeight?: FwpValue;
}

/** FWPM_PROVIDER0. */
export interface Provider {
  /** FWPM_PROVIDER0.providerKey: the GUID that identifies the provider. */
  providerKey: Guid;
  /** FWPM_PROVIDER0.displayData: the provider's name and description. */
  displayData: DisplayData;
  /** FWPM_PROVIDER0.flags: FWPM_PROVIDER_FLAG_* bits (PERSISTENT, DISABLED). */
  flags: number;
  /** FWPM_PROVIDER0.providerData: opaque data for the provider. */
  providerData?: Uint8Array;
  /** FWPM_PROVIDER0.serviceName: the Windows service that implements the provider, if any. */
  serviceName?: string;
}

/** FWPM_SUBLAYER0. */
export interface Sublayer {
  /** FWPM_SUBLAYER0.subLayerKey: the GUID that identifies the sublayer. */
  subLayerKey: Guid;
  /** FWPM_SUBLAYER0.displayData: the sublayer's name and description. */
  displayData: DisplayData;
  /** FWPM_SUBLAYER0.flags: FWPM_SUBLAYER_FLAG_* bits (PERSISTENT). */
  flags: number;
  /** FWPM_SUBLAYER0.providerKey: the provider that owns the sublayer. */
  providerKey?: Guid;
  /** FWPM_SUBLAYER0.providerData: opaque data for the owning provider. */
  providerData?: Uint8Array;
  /** FWPM_SUBLAYER0.weight: the sublayer's weight (UINT16); higher sublayers are evaluated first. */
  weight: number;
}

// ---- IKEEXT (main mode / extended mode) ----

/** IKEEXT_CIPHER_ALGORITHM0. */
export interface IkeextCipherAlgorithm {
  /** IKEEXT_CIPHER_ALGORITHM0.algoIdentifier: the main-mode cipher (IKEEXT_CIPHER_TYPE). */
  algoIdentifier: number;
  /** IKEEXT_CIPHER_ALGORITHM0.keyLen: unused by WFP, 0. */
  keyLen: number;
  /** IKEEXT_CIPHER_ALGORITHM0.rounds: unused by WFP, 0. */
  rounds: number;
}

/** IKEEXT_PROPOSAL0. */
export interface IkeextProposal0 {
  /** IKEEXT_PROPOSAL0.cipherAlgorithm: the main-mode encryption algorithm. */
  cipherAlgorithm: IkeextCipherAlgorithm;
  /** IKEEXT_PROPOSAL0.integrityAlgorithm: the main-mode hash (IKEEXT_INTEGRITY_TYPE). */
  integrityAlgorithm: { algoIdentifier: number };
  /** IKEEXT_PROPOSAL0.maxLifetimeSeconds: the main-mode SA lifetime in seconds. */
  maxLifetimeSeconds: number;
  /** IKEEXT_PROPOSAL0.dhGroup: the Diffie-Hellman group (IKEEXT_DH_GROUP). */
  dhGroup: number;
  /** IKEEXT_PROPOSAL0.quickModeLimit: max quick-mode SAs per main-mode SA (0 = no limit). */
  quickModeLimit: number;
}

/** IKEEXT_CERT_NAME0. */
export interface IkeextCertName0 {
  /** IKEEXT_CERT_NAME0.nameType: which subject name to match (IKEEXT_CERT_CRITERIA_NAME_TYPE). */
  nameType: number;
  /** IKEEXT_CERT_NAME0.certName: the name the certificate must carry. */
  certName: string;
}

/** IKEEXT_CERTIFICATE_CRITERIA0. `eku` is IKEEXT_CERT_EKUS0's LPSTR array (OIDs). */
export interface IkeextCertificateCriteria0 {
  /** IKEEXT_CERTIFICATE_CRITERIA0.certData: the encoded name of the root CA to trust. */
  certData: Uint8Array;
  /** IKEEXT_CERTIFICATE_CRITERIA0.certHash: the certificate thumbprint to match. */
  certHash: Uint8Array;
  /** IKEEXT_CERTIFICATE_CRITERIA0.eku: the EKU OIDs the certificate must carry. */
  eku?: string[];
  /** IKEEXT_CERTIFICATE_CRITERIA0.name: the subject name the certificate must carry. */
  name?: IkeextCertName0;
  /** IKEEXT_CERTIFICATE_CRITERIA0.flags: IKEEXT_CERT_CRITERIA_FLAG_* bits. */
  flags: number;
}

/** IKEEXT_CERTIFICATE_AUTHENTICATION2: one criteria array per side, chosen by the config type. */
export interface IkeextCertificateAuthentication2 {
  /**
   * IKEEXT_CERTIFICATE_AUTHENTICATION2.inboundConfigType:
   * how peer certificates are trusted (IKEEXT_CERT_CONFIG_TYPE).
   */
  inboundConfigType: number;
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.inboundRootCriteria: explicit trust list arm. */
  inboundRootCriteria?: IkeextCertificateCriteria0[];
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.inboundEnterpriseStoreCriteria: enterprise store arm. */
  inboundEnterpriseStoreCriteria?: IkeextCertificateCriteria0[];
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.inboundTrustedRootStoreCriteria: trusted root store arm. */
  inboundTrustedRootStoreCriteria?: IkeextCertificateCriteria0[];
  /**
   * IKEEXT_CERTIFICATE_AUTHENTICATION2.outboundConfigType:
   * how the local certificate is chosen (IKEEXT_CERT_CONFIG_TYPE).
   */
  outboundConfigType: number;
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.outboundRootCriteria: explicit trust list arm. */
  outboundRootCriteria?: IkeextCertificateCriteria0[];
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.outboundEnterpriseStoreCriteria: enterprise store arm. */
  outboundEnterpriseStoreCriteria?: IkeextCertificateCriteria0[];
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.outboundTrustedRootStoreCriteria: trusted root store arm. */
  outboundTrustedRootStoreCriteria?: IkeextCertificateCriteria0[];
  /** IKEEXT_CERTIFICATE_AUTHENTICATION2.flags: IKEEXT_CERT_AUTH_FLAG_* bits. */
  flags: number;
  /**
   * IKEEXT_CERTIFICATE_AUTHENTICATION2.localCertLocationUrl:
   * URL of the local certificate (IKEv2 hash and URL); empty = none.
   */
  localCertLocationUrl: Uint8Array;
}

/** IKEEXT_AUTHENTICATION_METHOD2: discriminant plus the arm for that method (ANONYMOUS has none). */
export interface IkeextAuthenticationMethod2 {
  /**
   * IKEEXT_AUTHENTICATION_METHOD2.authenticationMethodType:
   * the method (IKEEXT_AUTHENTICATION_METHOD_TYPE).
   */
  authenticationMethodType: number;
  /** IKEEXT_PRESHARED_KEY arm: the pre-shared key and IKEEXT_PSK_FLAG_* bits. */
  presharedKeyAuthentication?: { presharedKey: Uint8Array; flags: number };
  /** IKEEXT_CERTIFICATE and IKEEXT_CERTIFICATE_ECDSA_P256/P384 arm. */
  certificateAuthentication?: IkeextCertificateAuthentication2;
  /** IKEEXT_KERBEROS arm: IKEEXT_KERB_AUTH_* flags and optional proxy server. */
  kerberosAuthentication?: { flags: number; proxyServer?: string };
  /** IKEEXT_NTLM_V2 arm: IKEEXT_NTLM_V2_AUTH_* flags. */
  ntlmV2Authentication?: { flags: number };
  /** IKEEXT_SSL and IKEEXT_SSL_ECDSA_P256/P384 arm. */
  sslAuthentication?: IkeextCertificateAuthentication2;
  /** IKEEXT_IPV6_CGA arm: the key container and CGA parameters. */
  cgaAuthentication?: {
    keyContainerName: string;
    cspName?: string;
    cspType: number;
    cgaModifier: Uint8Array;
    cgaCollisionCount: number;
  };
  /** IKEEXT_EAP arm: IKEEXT_EAP_FLAG_* bits. */
  eapAuthentication?: { flags: number };
  /** IKEEXT_RESERVED (12). */
  reservedAuthentication?: { flags: number };
}

/** IKEEXT_POLICY2 (main-mode policy of an IKE, AuthIP or IKEv2 MM provider context). */
export interface IkeextPolicy2 {
  /** IKEEXT_POLICY2.softExpirationTime: main-mode SA soft lifetime in seconds (0 = none). */
  softExpirationTime: number;
  /** IKEEXT_POLICY2.authenticationMethods: the main-mode methods, in order of preference. */
  authenticationMethods: IkeextAuthenticationMethod2[];
  /** IKEEXT_POLICY2.initiatorImpersonationType: IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE (AuthIP). */
  initiatorImpersonationType: number;
  /** IKEEXT_POLICY2.ikeProposals: the main-mode proposals, in order of preference. */
  ikeProposals: IkeextProposal0[];
  /** IKEEXT_POLICY2.flags: IKEEXT_POLICY_FLAG_* bits. */
  flags: number;
  /** IKEEXT_POLICY2.maxDynamicFilters: max dynamic IPsec filters per remote address and layer. */
  maxDynamicFilters: number;
  /** IKEEXT_POLICY2.retransmitDurationSecs: how long IKE retransmits before giving up, in seconds. */
  retransmitDurationSecs: number;
}

/** IKEEXT_EM_POLICY2 (AuthIP extended mode). */
export interface IkeextEmPolicy2 {
  /** IKEEXT_EM_POLICY2.authenticationMethods: the extended-mode methods, in order of preference. */
  authenticationMethods: IkeextAuthenticationMethod2[];
  /** IKEEXT_EM_POLICY2.initiatorImpersonationType: IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE. */
  initiatorImpersonationType: number;
}

// ---- IPsec (quick mode) ----

/** IPSEC_AUTH_TRANSFORM0. */
export interface IpsecAuthTransform0 {
  /** IPSEC_AUTH_TRANSFORM0.authTransformId: the hash (IPSEC_AUTH_TYPE) and its IPSEC_AUTH_CONFIG_*. */
  authTransformId: { authType: number; authConfig: number };
  /** IPSEC_AUTH_TRANSFORM0.cryptoModuleId: unused by WFP, absent. */
  cryptoModuleId?: Guid;
}

/** IPSEC_CIPHER_TRANSFORM0. */
export interface IpsecCipherTransform0 {
  /**
   * IPSEC_CIPHER_TRANSFORM0.cipherTransformId:
   * the cipher (IPSEC_CIPHER_TYPE) and its IPSEC_CIPHER_CONFIG_*.
   */
  cipherTransformId: { cipherType: number; cipherConfig: number };
  /** IPSEC_CIPHER_TRANSFORM0.cryptoModuleId: unused by WFP, absent. */
  cryptoModuleId?: Guid;
}

/** IPSEC_SA_TRANSFORM0: discriminant plus one pointer arm. */
export interface IpsecSaTransform0 {
  /** IPSEC_SA_TRANSFORM0.ipsecTransformType: the transform (IPSEC_TRANSFORM_TYPE), selects the arm. */
  ipsecTransformType: number;
  /** IPSEC_TRANSFORM_AH arm. */
  ahTransform?: IpsecAuthTransform0;
  /** IPSEC_TRANSFORM_ESP_AUTH arm. */
  espAuthTransform?: IpsecAuthTransform0;
  /** IPSEC_TRANSFORM_ESP_CIPHER arm. */
  espCipherTransform?: IpsecCipherTransform0;
  /** IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER arm. */
  espAuthAndCipherTransform?: { authTransform: IpsecAuthTransform0; cipherTransform: IpsecCipherTransform0 };
  /** IPSEC_TRANSFORM_ESP_AUTH_FW arm. */
  espAuthFwTransform?: IpsecAuthTransform0;
}

/** IPSEC_SA_LIFETIME0. */
export interface IpsecSaLifetime0 {
  /** IPSEC_SA_LIFETIME0.lifetimeSeconds: quick-mode SA lifetime in seconds. */
  lifetimeSeconds: number;
  /** IPSEC_SA_LIFETIME0.lifetimeKilobytes: quick-mode SA lifetime in kilobytes. */
  lifetimeKilobytes: number;
  /** IPSEC_SA_LIFETIME0.lifetimePackets: quick-mode SA lifetime in packets. */
  lifetimePackets: number;
}

/** IPSEC_PROPOSAL0. */
export interface IpsecProposal0 {
  /** IPSEC_PROPOSAL0.lifetime: when the quick-mode SA is rekeyed. */
  lifetime: IpsecSaLifetime0;
  /** IPSEC_PROPOSAL0.saTransforms: the AH/ESP transforms of the SA bundle. */
  saTransforms: IpsecSaTransform0[];
  /** IPSEC_PROPOSAL0.pfsGroup: the quick-mode PFS group (IPSEC_PFS_GROUP). */
  pfsGroup: number;
}

/** IPSEC_SA_IDLE_TIMEOUT0. */
export interface IpsecSaIdleTimeout0 {
  /** IPSEC_SA_IDLE_TIMEOUT0.idleTimeoutSeconds: idle time before an SA is deleted. */
  idleTimeoutSeconds: number;
  /**
   * IPSEC_SA_IDLE_TIMEOUT0.idleTimeoutSecondsFailOver:
   * idle timeout when the peer is a failover (NLB) cluster.
   */
  idleTimeoutSecondsFailOver: number;
}

/** IPSEC_TRANSPORT_POLICY2. */
export interface IpsecTransportPolicy2 {
  /** IPSEC_TRANSPORT_POLICY2.ipsecProposals: the quick-mode proposals, in order of preference. */
  ipsecProposals: IpsecProposal0[];
  /** IPSEC_TRANSPORT_POLICY2.flags: IPSEC_POLICY_FLAG_* bits. */
  flags: number;
  /**
   * IPSEC_TRANSPORT_POLICY2.ndAllowClearTimeoutSeconds:
   * negotiation discovery: how long outbound clear text is allowed.
   */
  ndAllowClearTimeoutSeconds: number;
  /** IPSEC_TRANSPORT_POLICY2.saIdleTimeout: when idle SAs are deleted. */
  saIdleTimeout: IpsecSaIdleTimeout0;
  /** IPSEC_TRANSPORT_POLICY2.emPolicy: the extended-mode policy (AuthIP only). */
  emPolicy?: IkeextEmPolicy2;
}

/** IPSEC_TUNNEL_ENDPOINT0 (one remote address of a multi-address tunnel). */
export interface IpsecTunnelEndpoint0 {
  /** IPSEC_TUNNEL_ENDPOINT0.ipVersion: FWP_IP_VERSION, selects the V4 or V6 member. */
  ipVersion: number;
  /** IPSEC_TUNNEL_ENDPOINT0.v4Address: the IPv4 endpoint address. */
  v4Address?: number;
  /** IPSEC_TUNNEL_ENDPOINT0.v6Address: the IPv6 endpoint address. */
  v6Address?: Uint8Array;
}

/** IPSEC_TUNNEL_ENDPOINTS2: `ipVersion` selects the V4 or V6 members. */
export interface IpsecTunnelEndpoints2 {
  /** IPSEC_TUNNEL_ENDPOINTS2.ipVersion: FWP_IP_VERSION of the endpoints. */
  ipVersion: number;
  /** IPSEC_TUNNEL_ENDPOINTS2.localV4Address: the local IPv4 tunnel endpoint. */
  localV4Address?: number;
  /** IPSEC_TUNNEL_ENDPOINTS2.localV6Address: the local IPv6 tunnel endpoint. */
  localV6Address?: Uint8Array;
  /** IPSEC_TUNNEL_ENDPOINTS2.remoteV4Address: the remote IPv4 tunnel endpoint. */
  remoteV4Address?: number;
  /** IPSEC_TUNNEL_ENDPOINTS2.remoteV6Address: the remote IPv6 tunnel endpoint. */
  remoteV6Address?: Uint8Array;
  /** IPSEC_TUNNEL_ENDPOINTS2.localIfLuid: LUID of the local interface the tunnel uses (0 = any). */
  localIfLuid: bigint;
  /** IPSEC_TUNNEL_ENDPOINTS2.remoteFqdn: the remote endpoint's FQDN. */
  remoteFqdn?: string;
  /** IPSEC_TUNNEL_ENDPOINTS2.remoteAddresses: further remote endpoints (multi-address tunnel). */
  remoteAddresses: IpsecTunnelEndpoint0[];
}

/** IPSEC_TRAFFIC_SELECTOR0. */
export interface IpsecTrafficSelector0 {
  /** IPSEC_TRAFFIC_SELECTOR0.protocolId: the IP protocol (0 = any). */
  protocolId: number;
  /** IPSEC_TRAFFIC_SELECTOR0.portStart: the first port of the range. */
  portStart: number;
  /** IPSEC_TRAFFIC_SELECTOR0.portEnd: the last port of the range. */
  portEnd: number;
  /** IPSEC_TRAFFIC_SELECTOR0.ipVersion: FWP_IP_VERSION, selects the V4 or V6 members. */
  ipVersion: number;
  /** IPSEC_TRAFFIC_SELECTOR0.startV4Address: the first IPv4 address of the range. */
  startV4Address?: number;
  /** IPSEC_TRAFFIC_SELECTOR0.startV6Address: the first IPv6 address of the range. */
  startV6Address?: Uint8Array;
  /** IPSEC_TRAFFIC_SELECTOR0.endV4Address: the last IPv4 address of the range. */
  endV4Address?: number;
  /** IPSEC_TRAFFIC_SELECTOR0.endV6Address: the last IPv6 address of the range. */
  endV6Address?: Uint8Array;
}

/** IPSEC_TRAFFIC_SELECTOR_POLICY0. */
export interface IpsecTrafficSelectorPolicy0 {
  /** IPSEC_TRAFFIC_SELECTOR_POLICY0.flags: traffic selector policy flags. */
  flags: number;
  /** IPSEC_TRAFFIC_SELECTOR_POLICY0.localTrafficSelectors: the local side's traffic selectors. */
  localTrafficSelectors: IpsecTrafficSelector0[];
  /** IPSEC_TRAFFIC_SELECTOR_POLICY0.remoteTrafficSelectors: the remote side's traffic selectors. */
  remoteTrafficSelectors: IpsecTrafficSelector0[];
}

/** IPSEC_TUNNEL_POLICY3. */
export interface IpsecTunnelPolicy3 {
  /** IPSEC_TUNNEL_POLICY3.flags: IPSEC_POLICY_FLAG_* bits. */
  flags: number;
  /** IPSEC_TUNNEL_POLICY3.ipsecProposals: the quick-mode proposals, in order of preference. */
  ipsecProposals: IpsecProposal0[];
  /** IPSEC_TUNNEL_POLICY3.tunnelEndpoints: the local and remote tunnel endpoints. */
  tunnelEndpoints: IpsecTunnelEndpoints2;
  /** IPSEC_TUNNEL_POLICY3.saIdleTimeout: when idle SAs are deleted. */
  saIdleTimeout: IpsecSaIdleTimeout0;
  /** IPSEC_TUNNEL_POLICY3.emPolicy: the extended-mode policy (AuthIP only). */
  emPolicy?: IkeextEmPolicy2;
  /** IPSEC_TUNNEL_POLICY3.fwdPathSaLifetime: lifetime of forward-path SAs in seconds. */
  fwdPathSaLifetime: number;
  /** IPSEC_TUNNEL_POLICY3.compartmentId: the routing compartment of the tunnel. */
  compartmentId: number;
  /** IPSEC_TUNNEL_POLICY3.trafficSelectorPolicies: IKEv2 traffic selectors of the tunnel. */
  trafficSelectorPolicies: IpsecTrafficSelectorPolicy0[];
}

/** IPSEC_KEYING_POLICY1. */
export interface IpsecKeyingPolicy1 {
  /** IPSEC_KEYING_POLICY1.keyModKeys: the keying modules (FWPM_KEYING_MODULE_*) allowed. */
  keyModKeys: Guid[];
  /** IPSEC_KEYING_POLICY1.flags: IPSEC_KEYING_POLICY_FLAG_* bits. */
  flags: number;
}

/**
 * FWPM_PROVIDER_CONTEXT3: `type` (FWPM_PROVIDER_CONTEXT_TYPE) selects exactly one policy arm.
 */
export interface ProviderContext {
  /** FWPM_PROVIDER_CONTEXT3.providerContextKey: the GUID filters reference the context by. */
  providerContextKey: Guid;
  /** FWPM_PROVIDER_CONTEXT3.displayData: the context's name and description. */
  displayData: DisplayData;
  /** FWPM_PROVIDER_CONTEXT3.flags: FWPM_PROVIDER_CONTEXT_FLAG_* bits. */
  flags: number;
  /** FWPM_PROVIDER_CONTEXT3.providerKey: the provider that owns the context. */
  providerKey?: Guid;
  /** FWPM_PROVIDER_CONTEXT3.providerData: opaque data for the owning provider. */
  providerData?: Uint8Array;
  /** FWPM_PROVIDER_CONTEXT3.type: FWPM_PROVIDER_CONTEXT_TYPE, selects the policy arm. */
  type: number;
  /** FWPM_IPSEC_KEYING_CONTEXT arm. */
  keyingPolicy?: IpsecKeyingPolicy1;
  /** FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT arm. */
  ikeQmTransportPolicy?: IpsecTransportPolicy2;
  /** FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT arm. */
  ikeQmTunnelPolicy?: IpsecTunnelPolicy3;
  /** FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT arm. */
  authipQmTransportPolicy?: IpsecTransportPolicy2;
  /** FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT arm. */
  authipQmTunnelPolicy?: IpsecTunnelPolicy3;
  /** FWPM_IPSEC_IKE_MM_CONTEXT arm. */
  ikeMmPolicy?: IkeextPolicy2;
  /** FWPM_IPSEC_AUTHIP_MM_CONTEXT arm. */
  authIpMmPolicy?: IkeextPolicy2;
  /** FWPM_GENERAL_CONTEXT arm: opaque data. */
  dataBuffer?: Uint8Array;
  /** FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT arm. */
  ikeV2QmTunnelPolicy?: IpsecTunnelPolicy3;
  /** FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT arm. */
  ikeV2QmTransportPolicy?: IpsecTransportPolicy2;
  /** FWPM_IPSEC_IKEV2_MM_CONTEXT arm. */
  ikeV2MmPolicy?: IkeextPolicy2;
  /** Engine-assigned. */
  providerContextId?: bigint;
}

/**
 * A tunnel added with FwpmIPsecTunnelAdd3: the engine instantiates its filters itself. Its identity is the
 * key of the quick-mode (tunnel) provider context.
 */
export interface Tunnel {
  /** FwpmIPsecTunnelAdd3 flags: FWPM_TUNNEL_FLAG_* bits. */
  flags: number;
  /** FwpmIPsecTunnelAdd3 mainModePolicy: the main-mode provider context, if any. */
  mainModePolicy?: ProviderContext;
  /** FwpmIPsecTunnelAdd3 tunnelPolicy: the quick-mode tunnel provider context. */
  tunnelPolicy: ProviderContext;
  /** FwpmIPsecTunnelAdd3 filterConditions: the traffic the tunnel carries. */
  filterConditions: FilterCondition[];
  /** FwpmIPsecTunnelAdd3 keyModKey: the one keying module (FWPM_KEYING_MODULE_*) to use, if restricted. */
  keyModKey?: Guid;
}

/** A manually keyed SA pair (IPsecSaContextCreate/GetSpi/AddInbound/AddOutbound); keys by reference. */
export interface ManualSa {
  /** The policy's name for the SA pair. */
  name: string;
  /** FWP_IP_VERSION of the SA traffic. */
  ipVersion: number;
  /** The local address of the SA traffic. */
  localAddress: string;
  /** The remote address of the SA traffic. */
  remoteAddress: string;
  /** The inbound transport callout filter the SA context is bound to. */
  inboundFilterKey: Guid;
  /** The outbound transport callout filter the SA context is bound to. */
  outboundFilterKey: Guid;
  /** The inbound SA: SPI, IPSEC_TRANSFORM_TYPE, transform ids and key reference. */
  inbound: {
    spi: number;
    transformType: number;
    authTransformId?: { authType: number; authConfig: number };
    cipherTransformId?: { cipherType: number; cipherConfig: number };
    keyRef: string;
  };
  /** The outbound SA: SPI, IPSEC_TRANSFORM_TYPE, transform ids and key reference. */
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
  /** The environment variable holding the key. */
  env?: string;
  /** The file holding the key. */
  file?: string;
  /** Where the policy file writes the reference (file, field path, line, column), for messages. */
  source?: { file: string; path: string; line: number; column: number };
}

/** The whole set of objects one policy owns. Arrays are in a stable, deterministic order. */
export interface ObjectGraph {
  /** The policy's FWPM_PROVIDER0 (owns everything else). */
  provider: Provider;
  /** The policy's FWPM_SUBLAYER0. */
  sublayer: Sublayer;
  /** Main-mode, quick-mode and keying provider contexts. */
  providerContexts: ProviderContext[];
  /** The filters, at the IKEEXT, IPSEC, transport and ALE layers. */
  filters: Filter[];
  /** The tunnels added with FwpmIPsecTunnelAdd3. */
  tunnels: Tunnel[];
  /** The manually keyed SA pairs. */
  manualSas: ManualSa[];
  /**
   * Pre-shared keys by reference, keyed by `${providerContextKey}/${methodIndex}`; the compiled
   * `presharedKeyAuthentication.presharedKey` is empty until the apply step resolves it.
   */
  secrets: Record<string, SecretRef>;
}
