/**
 * The object graph: the WFP objects a policy compiles to, in WFP's own vocabulary.
 *
 * The struct types are generated from the struct tables (`ffi/structs.gen.ts`, by C name; the names below are
 * aliases in wfpsec's vocabulary), so they are exactly the shapes the struct codecs in `ffi/` encode and
 * decode, and the compiler's output and the engine's current objects can be compared field by field.
 * Conventions (see ffi/gen/types.ts):
 * - field names are the C member names; members of nameless unions/structs appear directly;
 * - element-count fields (`numX`, `xArraySize`, `numEku`) are omitted: the array's length is the count;
 * - GUID -> lowercase string without braces; optional `GUID*` -> optional string;
 * - `wchar_t*` -> string; `LPSTR*` arrays -> string[]; `FWP_BYTE_BLOB` (by value or pointer) and fixed
 *   `UINT8[n]` -> Uint8Array; UINT64 -> bigint; other integers and enums -> number;
 * - a discriminated union is its discriminant (typed by the constants that select each arm) plus exactly one
 *   arm property named as in C (e.g. `{ type: FWP_UINT8, uint8: 12 }`,
 *   `{ authenticationMethodType: IKEEXT_KERBEROS, kerberosAuthentication: {...} }`);
 * - IPv4 addresses are host-order UINT32 numbers, IPv6 addresses 16 network-order bytes;
 * - a NULL optional pointer is an absent property (never `null`).
 * Engine-assigned fields (`filterId`, `providerContextId`, `effectiveWeight`) are only set on decoded
 * objects; the planner ignores them.
 */

import type { AccountName } from "../model/mod.ts";
import type {
  FWP_CONDITION_VALUE0,
  FWP_RANGE0,
  FWP_V4_ADDR_AND_MASK,
  FWP_V6_ADDR_AND_MASK,
  FWP_VALUE0,
  FWPM_ACTION0,
  FWPM_DISPLAY_DATA0,
  FWPM_FILTER0,
  FWPM_FILTER_CONDITION0,
  FWPM_PROVIDER0,
  FWPM_PROVIDER_CONTEXT3,
  FWPM_SUBLAYER0,
  Guid,
  IKEEXT_AUTHENTICATION_METHOD2,
  IKEEXT_CERT_NAME0,
  IKEEXT_CERTIFICATE_AUTHENTICATION2,
  IKEEXT_CERTIFICATE_CRITERIA0,
  IKEEXT_CIPHER_ALGORITHM0,
  IKEEXT_EM_POLICY2,
  IKEEXT_POLICY2,
  IKEEXT_PROPOSAL0,
  IPSEC_AUTH_TRANSFORM0,
  IPSEC_CIPHER_TRANSFORM0,
  IPSEC_KEYING_POLICY1,
  IPSEC_PROPOSAL0,
  IPSEC_SA0,
  IPSEC_SA_IDLE_TIMEOUT0,
  IPSEC_SA_LIFETIME0,
  IPSEC_SA_TRANSFORM0,
  IPSEC_TRAFFIC_SELECTOR0,
  IPSEC_TRAFFIC_SELECTOR_POLICY0,
  IPSEC_TRANSPORT_POLICY2,
  IPSEC_TUNNEL_ENDPOINT0,
  IPSEC_TUNNEL_ENDPOINTS2,
  IPSEC_TUNNEL_POLICY3,
} from "../../ffi/structs.gen.ts";

import type { ENUMS } from "../../ffi/constants.ts";

/** The generated struct types, by C name (FWPM_FILTER0, IPSEC_SA_BUNDLE1, ...), and `StructMap`. */
export type * from "../../ffi/structs.gen.ts";

/** FWPM_DISPLAY_DATA0. */
export type DisplayData = FWPM_DISPLAY_DATA0;
/** FWP_V4_ADDR_AND_MASK (host byte order). */
export type V4AddrAndMask = FWP_V4_ADDR_AND_MASK;
/** FWP_V6_ADDR_AND_MASK. */
export type V6AddrAndMask = FWP_V6_ADDR_AND_MASK;
/** FWP_VALUE0: the `type` discriminant (FWP_DATA_TYPE) plus one arm. */
export type FwpValue = FWP_VALUE0;
/** FWP_RANGE0. */
export type FwpRange = FWP_RANGE0;
/** FWP_CONDITION_VALUE0: FWP_VALUE0's arms plus the condition-only ones. */
export type FwpConditionValue = FWP_CONDITION_VALUE0;

/**
 * An application id that still has to be resolved on the target host (FwpmGetAppIdFromFileName0).
 * Only the compiler produces it; the apply step replaces it by an FWP_BYTE_BLOB_TYPE value before planning.
 */
export interface AppPathValue {
  /** Marks the unresolved application id (not an FWP_DATA_TYPE). */
  type: "appPath";
  /** The application's file path, passed to FwpmGetAppIdFromFileName0. */
  path: string;
}

/**
 * An authorization security descriptor that still has to be built on the target host: the account names
 * and SIDs of `authorization.machines` / `users` (model/identity.ts). Only the compiler produces it;
 * planning resolves the names (plan/accounts.ts) and replaces it by an FWP_SECURITY_DESCRIPTOR_TYPE value.
 */
export interface AccountsValue {
  /** Marks the unresolved security descriptor (not an FWP_DATA_TYPE). */
  type: "accounts";
  /** The entries as the policy lists them. */
  accounts: AccountName[];
}

/** FWPM_FILTER_CONDITION0, whose value may still be unresolved (an app path, account names) in a compiled graph. */
export interface FilterCondition extends Omit<FWPM_FILTER_CONDITION0, "conditionValue"> {
  /** FWPM_FILTER_CONDITION0.conditionValue: the value the field is compared with. */
  conditionValue: FwpConditionValue | AppPathValue | AccountsValue;
}

/** FWPM_ACTION0: `filterType` for BLOCK/PERMIT-with-type, `calloutKey` for callout actions. */
export type FilterAction = FWPM_ACTION0;

/** FWPM_FILTER0 (its conditions as `FilterCondition`). */
export interface Filter extends Omit<FWPM_FILTER0, "filterCondition"> {
  /** FWPM_FILTER0.filterCondition: the conditions (AND across fields, OR within a field). */
  filterCondition: FilterCondition[];
}

/** FWPM_PROVIDER0. */
export type Provider = FWPM_PROVIDER0;
/** FWPM_SUBLAYER0. */
export type Sublayer = FWPM_SUBLAYER0;

// ---- IKEEXT (main mode / extended mode) ----

/** IKEEXT_CIPHER_ALGORITHM0. */
export type IkeextCipherAlgorithm = IKEEXT_CIPHER_ALGORITHM0;
/** IKEEXT_PROPOSAL0. */
export type IkeextProposal0 = IKEEXT_PROPOSAL0;
/** IKEEXT_CERT_NAME0. */
export type IkeextCertName0 = IKEEXT_CERT_NAME0;
/** IKEEXT_CERTIFICATE_CRITERIA0. `eku` is IKEEXT_CERT_EKUS0's LPSTR array (OIDs). */
export type IkeextCertificateCriteria0 = IKEEXT_CERTIFICATE_CRITERIA0;
/** IKEEXT_CERTIFICATE_AUTHENTICATION2: one criteria array per side, chosen by the config type. */
export type IkeextCertificateAuthentication2 = IKEEXT_CERTIFICATE_AUTHENTICATION2;
/** IKEEXT_AUTHENTICATION_METHOD2: discriminant plus the arm for that method (ANONYMOUS has none). */
export type IkeextAuthenticationMethod2 = IKEEXT_AUTHENTICATION_METHOD2;
/** IKEEXT_POLICY2 (main-mode policy of an IKE, AuthIP or IKEv2 MM provider context). */
export type IkeextPolicy2 = IKEEXT_POLICY2;
/** IKEEXT_EM_POLICY2 (AuthIP extended mode). */
export type IkeextEmPolicy2 = IKEEXT_EM_POLICY2;

// ---- IPsec (quick mode) ----

/** IPSEC_AUTH_TRANSFORM0. */
export type IpsecAuthTransform0 = IPSEC_AUTH_TRANSFORM0;
/** IPSEC_CIPHER_TRANSFORM0. */
export type IpsecCipherTransform0 = IPSEC_CIPHER_TRANSFORM0;
/** IPSEC_SA_TRANSFORM0: discriminant plus one pointer arm. */
export type IpsecSaTransform0 = IPSEC_SA_TRANSFORM0;
/** IPSEC_SA_LIFETIME0. */
export type IpsecSaLifetime0 = IPSEC_SA_LIFETIME0;
/** IPSEC_PROPOSAL0. */
export type IpsecProposal0 = IPSEC_PROPOSAL0;
/** IPSEC_SA_IDLE_TIMEOUT0. */
export type IpsecSaIdleTimeout0 = IPSEC_SA_IDLE_TIMEOUT0;
/** IPSEC_TRANSPORT_POLICY2. */
export type IpsecTransportPolicy2 = IPSEC_TRANSPORT_POLICY2;
/** IPSEC_TUNNEL_ENDPOINT0 (one remote address of a multi-address tunnel). */
export type IpsecTunnelEndpoint0 = IPSEC_TUNNEL_ENDPOINT0;
/** IPSEC_TUNNEL_ENDPOINTS2: `ipVersion` selects the V4 or V6 members. */
export type IpsecTunnelEndpoints2 = IPSEC_TUNNEL_ENDPOINTS2;
/** IPSEC_TRAFFIC_SELECTOR0. */
export type IpsecTrafficSelector0 = IPSEC_TRAFFIC_SELECTOR0;
/** IPSEC_TRAFFIC_SELECTOR_POLICY0. */
export type IpsecTrafficSelectorPolicy0 = IPSEC_TRAFFIC_SELECTOR_POLICY0;
/** IPSEC_TUNNEL_POLICY3. */
export type IpsecTunnelPolicy3 = IPSEC_TUNNEL_POLICY3;
/** IPSEC_KEYING_POLICY1. */
export type IpsecKeyingPolicy1 = IPSEC_KEYING_POLICY1;

/** FWPM_PROVIDER_CONTEXT3: `type` (FWPM_PROVIDER_CONTEXT_TYPE) selects exactly one policy arm. */
export type ProviderContext = FWPM_PROVIDER_CONTEXT3;

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
  ipVersion: typeof ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4 | typeof ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V6;
  /** The local address of the SA traffic. */
  localAddress: string;
  /** The remote address of the SA traffic. */
  remoteAddress: string;
  /** The two addresses as IPSEC_TRAFFIC1 holds them (compiled, so apply parses nothing). */
  traffic: ManualSaTraffic;
  /** The inbound transport callout filter the SA context is bound to. */
  inboundFilterKey: Guid;
  /** The outbound transport callout filter the SA context is bound to. */
  outboundFilterKey: Guid;
  /** The inbound SA: SPI, IPSEC_TRANSFORM_TYPE, transform ids and key reference. */
  inbound: {
    spi: number;
    transformType: IPSEC_SA0["saTransformType"];
    authTransformId?: { authType: number; authConfig: number };
    cipherTransformId?: { cipherType: number; cipherConfig: number };
    keyRef: string;
  };
  /** The outbound SA: SPI, IPSEC_TRANSFORM_TYPE, transform ids and key reference. */
  outbound: {
    spi: number;
    transformType: IPSEC_SA0["saTransformType"];
    authTransformId?: { authType: number; authConfig: number };
    cipherTransformId?: { cipherType: number; cipherConfig: number };
    keyRef: string;
  };
}

/** The addresses of a manual SA's IPSEC_TRAFFIC1: host-order IPv4 numbers, or 16-byte IPv6 addresses. */
export type ManualSaTraffic =
  | { localV4Address: number; remoteV4Address: number }
  | { localV6Address: Uint8Array; remoteV6Address: Uint8Array };

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
