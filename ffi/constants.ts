/**
 * The one table of every WFP / IKEEXT / IPsec GUID, enum value, flag bit and error code wfpsec uses.
 *
 * Encoders, decoders, `show`, `constants --json` and the layout/constants oracle all read from here.
 * Values are copied from the Windows SDK / Microsoft documentation (docs/recipes.md, "Constants and layouts");
 * the oracle checks every entry the mingw-w64 headers also define.
 */

/** GUIDs, lowercase, no braces. Grouped by the kind of object they name. */
export const LAYERS = {
  FWPM_LAYER_INBOUND_IPPACKET_V4: "c86fd1bf-21cd-497e-a0bb-17425c885c58",
  FWPM_LAYER_INBOUND_IPPACKET_V6: "f52032cb-991c-46e7-971d-2601459a91ca",
  FWPM_LAYER_OUTBOUND_IPPACKET_V4: "1e5c9fae-8a84-4135-a331-950b54229ecd",
  FWPM_LAYER_OUTBOUND_IPPACKET_V6: "a3b3ab6b-3564-488c-9117-f34e82142763",
  FWPM_LAYER_IPFORWARD_V4: "a82acc24-4ee1-4ee1-b465-fd1d25cb10a4",
  FWPM_LAYER_IPFORWARD_V6: "7b964818-19c7-493a-b71f-832c3684d28c",
  FWPM_LAYER_INBOUND_TRANSPORT_V4: "5926dfc8-e3cf-4426-a283-dc393f5d0f9d",
  FWPM_LAYER_INBOUND_TRANSPORT_V6: "634a869f-fc23-4b90-b0c1-bf620a36ae6f",
  FWPM_LAYER_OUTBOUND_TRANSPORT_V4: "09e61aea-d214-46e2-9b21-b26b0b2f28c8",
  FWPM_LAYER_OUTBOUND_TRANSPORT_V6: "e1735bde-013f-4655-b351-a49e15762df0",
  FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4: "e1cd9fe7-f4b5-4273-96c0-592e487b8650",
  FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6: "a3b42c97-9f04-4672-b87e-cee9c483257f",
  FWPM_LAYER_ALE_AUTH_CONNECT_V4: "c38d57d1-05a7-4c33-904f-7fbceee60e82",
  FWPM_LAYER_ALE_AUTH_CONNECT_V6: "4a72393b-319f-44bc-84c3-ba54dcb3b6b4",
  FWPM_LAYER_IPSEC_KM_DEMUX_V4: "f02b1526-a459-4a51-b9e3-759de52b9d2c",
  FWPM_LAYER_IPSEC_KM_DEMUX_V6: "2f755cf6-2fd4-4e88-b3e4-a91bca495235",
  FWPM_LAYER_IPSEC_V4: "eda65c74-610d-4bc5-948f-3c4f89556867",
  FWPM_LAYER_IPSEC_V6: "13c48442-8d87-4261-9a29-59d2abc348b4",
  FWPM_LAYER_IKEEXT_V4: "b14b7bdb-dbbd-473e-bed4-8b4708d4f270",
  FWPM_LAYER_IKEEXT_V6: "b64786b3-f687-4eb9-89d2-8ef32acdabe2",
  FWPM_LAYER_KM_AUTHORIZATION: "4aa226e9-9020-45fb-956a-c0249d841195",
} as const;

/** Built-in IPsec callouts (fwp/built-in-callout-identifiers). */
export const CALLOUTS = {
  FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4: "5132900d-5e84-4b5f-80e4-01741e81ff10",
  FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V6: "49d3ac92-2a6c-4dcf-955f-1c3be009dd99",
  FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4: "4b46bf0a-4523-4e57-aa38-a87987c910d9",
  FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V6: "38d87722-ad83-4f11-a91f-df0fb077225b",
  FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V4: "191a8a46-0bf8-46cf-b045-4b45dfa6a324",
  FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V6: "80c342e3-1e53-4d6f-9b44-03df5aeee154",
  FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V4: "70a4196c-835b-4fb0-98e8-075f4d977d46",
  FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V6: "f1835363-a6a5-4e62-b180-23db789d8da6",
  FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V4: "28829633-c4f0-4e66-873f-844db2a899c7",
  FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V6: "af50bec2-c686-429a-884d-b74443e7b0b4",
  FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V4: "fb532136-15cb-440b-937c-1717ca320c40",
  FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V6: "dae640cc-e021-4bee-9eb6-a48b275c8c1d",
  FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V4: "7dff309b-ba7d-4aba-91aa-ae5c6640c944",
  FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V6: "a9a0d6d9-c58c-474e-8aeb-3cfe99d6d53d",
  FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V4: "3df6e7de-fd20-48f2-9f26-f854444cba79",
  FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V6: "a1e392d3-72ac-47bb-87a7-0122c69434ab",
  FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4: "6ac141fc-f75d-4203-b9c8-48e6149c2712",
  FWPM_CALLOUT_IPSEC_ALE_CONNECT_V6: "4c0dda05-e31f-4666-90b0-b3dfad34129a",
  FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V4: "2fcb56ec-cd37-4b4f-b108-62c2b1850a0c",
  FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V6: "6d08a342-db9e-4fbe-9ed2-57374ce89f79",
} as const;

/** Filter condition fields (fwp/filtering-condition-identifiers-). */
export const CONDITIONS = {
  FWPM_CONDITION_IP_LOCAL_ADDRESS: "d9ee00de-c1ef-4617-bfe3-ffd8f5a08957",
  FWPM_CONDITION_IP_REMOTE_ADDRESS: "b235ae9a-1d64-49b8-a44c-5ff3d9095045",
  FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE: "6ec7f6c4-376b-45d7-9e9c-d337cedcd237",
  FWPM_CONDITION_IP_PROTOCOL: "3971ef2b-623e-4f9a-8cb1-6e79b806b9a7",
  FWPM_CONDITION_IP_LOCAL_PORT: "0c1ba1af-5765-453f-af22-a8f791ac775b",
  FWPM_CONDITION_IP_REMOTE_PORT: "c35a604d-d22b-4e1a-91b4-68f674ee674b",
  FWPM_CONDITION_IP_LOCAL_INTERFACE: "4cd62a49-59c3-4969-b7f3-bda5d32890a4",
  FWPM_CONDITION_ALE_APP_ID: "d78e1e87-8644-4ea5-9437-d809ecefc971",
  FWPM_CONDITION_ALE_USER_ID: "af043a0a-b34d-4f86-979c-c90371af6e66",
  FWPM_CONDITION_ALE_REMOTE_USER_ID: "f63073b7-0189-4ab0-95a4-6123cbfab862",
  FWPM_CONDITION_ALE_REMOTE_MACHINE_ID: "1aa47f51-7f93-4508-a271-81abb00c9cab",
  FWPM_CONDITION_FLAGS: "632ce23b-5167-435c-86d7-e903684aa80c",
  FWPM_CONDITION_CURRENT_PROFILE_ID: "ab3033c9-c0e3-4759-937d-5758c65d4ae3",
} as const;

/** Built-in sublayers. */
export const SUBLAYERS = {
  FWPM_SUBLAYER_IPSEC_TUNNEL: "83f299ed-9ff4-4967-aff4-c309f4dab827",
  FWPM_SUBLAYER_IPSEC_FORWARD_OUTBOUND_TUNNEL: "a5082e73-8f71-4559-8a9a-101cea04ef87",
  FWPM_SUBLAYER_IPSEC_DOSP: "e076d572-5d3d-48ef-802b-909eddb098bd",
  FWPM_SUBLAYER_SECURE_SOCKET: "15a66e17-3f3c-4f7b-aa6c-812aa613dd82",
  FWPM_SUBLAYER_UNIVERSAL: "eebecc03-ced4-4380-819a-2734397b2b74",
  /** The legacy IPsec sublayer ("WFP Built-in Legacy IPsec Sublayer"; fwp/management-filtering-sublayer-identifiers). */
  FWPM_SUBLAYER_LIPS: "1b75c0ce-ff60-4711-a70f-b4958cc3b2d0",
} as const;

/** Built-in providers (all three are defined by mingw-w64 and checked by the oracle). */
export const PROVIDERS = {
  FWPM_PROVIDER_IKEEXT: "10ad9216-ccde-456c-8b16-e9f04e60a90b",
  FWPM_PROVIDER_IPSEC_DOS_CONFIG: "3c6c0519-c05c-4bb9-8338-2327814ce8bf",
  // built in on every host (mingw fwpmu.h:31, SDK fwpmu.h); listed so `show --all` can name it
  FWPM_PROVIDER_TCP_CHIMNEY_OFFLOAD: "896aa19e-9a34-4bcb-ae79-beb9127c84b9",
} as const;

/** Built-in provider contexts. */
export const PROVIDER_CONTEXTS = {
  FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_AUTHIP: "b25ea800-0d02-46ed-92bd-7fa84bb73e9d",
  FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_IPSEC: "8c2d4144-f8e0-42c0-94ce-7ccfc63b2f9b",
} as const;

/** Keying modules. */
export const KEYING_MODULES = {
  FWPM_KEYING_MODULE_IKE: "a9bbf787-82a8-45bb-a400-5d7e5952c7a9",
  FWPM_KEYING_MODULE_AUTHIP: "11e3dae0-dd26-4590-857d-ab4b28d1a095",
  FWPM_KEYING_MODULE_IKEV2: "041792cc-8f07-419d-a394-716968cb1647",
} as const;

/** Every GUID group, for symbolic look-ups in `show` and `constants --json`. */
export const GUID_GROUPS = {
  layer: LAYERS,
  callout: CALLOUTS,
  condition: CONDITIONS,
  sublayer: SUBLAYERS,
  provider: PROVIDERS,
  providerContext: PROVIDER_CONTEXTS,
  keyingModule: KEYING_MODULES,
} as const;

/** Enumerations: C enum type name -> member name -> value. */
export const ENUMS = {
  FWP_DATA_TYPE: {
    FWP_EMPTY: 0,
    FWP_UINT8: 1,
    FWP_UINT16: 2,
    FWP_UINT32: 3,
    FWP_UINT64: 4,
    FWP_INT8: 5,
    FWP_INT16: 6,
    FWP_INT32: 7,
    FWP_INT64: 8,
    FWP_FLOAT: 9,
    FWP_DOUBLE: 10,
    FWP_BYTE_ARRAY16_TYPE: 11,
    FWP_BYTE_BLOB_TYPE: 12,
    FWP_SID: 13,
    FWP_SECURITY_DESCRIPTOR_TYPE: 14,
    FWP_TOKEN_INFORMATION_TYPE: 15,
    FWP_TOKEN_ACCESS_INFORMATION_TYPE: 16,
    FWP_UNICODE_STRING_TYPE: 17,
    FWP_BYTE_ARRAY6_TYPE: 18,
    FWP_SINGLE_DATA_TYPE_MAX: 255,
    FWP_V4_ADDR_MASK: 256,
    FWP_V6_ADDR_MASK: 257,
    FWP_RANGE_TYPE: 258,
  },
  FWP_MATCH_TYPE: {
    FWP_MATCH_EQUAL: 0,
    FWP_MATCH_GREATER: 1,
    FWP_MATCH_LESS: 2,
    FWP_MATCH_GREATER_OR_EQUAL: 3,
    FWP_MATCH_LESS_OR_EQUAL: 4,
    FWP_MATCH_RANGE: 5,
    FWP_MATCH_FLAGS_ALL_SET: 6,
    FWP_MATCH_FLAGS_ANY_SET: 7,
    FWP_MATCH_FLAGS_NONE_SET: 8,
    FWP_MATCH_EQUAL_CASE_INSENSITIVE: 9,
    FWP_MATCH_NOT_EQUAL: 10,
    FWP_MATCH_PREFIX: 11,
    FWP_MATCH_NOT_PREFIX: 12,
  },
  FWP_ACTION_TYPE: {
    FWP_ACTION_BLOCK: 0x1001,
    FWP_ACTION_PERMIT: 0x1002,
    FWP_ACTION_CALLOUT_TERMINATING: 0x5003,
    FWP_ACTION_CALLOUT_INSPECTION: 0x6004,
    FWP_ACTION_CALLOUT_UNKNOWN: 0x4005,
    FWP_ACTION_CONTINUE: 0x2006,
    FWP_ACTION_NONE: 0x7,
    FWP_ACTION_NONE_NO_MATCH: 0x8,
  },
  FWP_IP_VERSION: { FWP_IP_VERSION_V4: 0, FWP_IP_VERSION_V6: 1, FWP_IP_VERSION_NONE: 2 },
  FWP_DIRECTION: { FWP_DIRECTION_OUTBOUND: 0, FWP_DIRECTION_INBOUND: 1 },
  FWP_FILTER_ENUM_TYPE: { FWP_FILTER_ENUM_FULLY_CONTAINED: 0, FWP_FILTER_ENUM_OVERLAPPING: 1 },
  FWPM_PROVIDER_CONTEXT_TYPE: {
    FWPM_IPSEC_KEYING_CONTEXT: 0,
    FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT: 1,
    FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT: 2,
    FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT: 3,
    FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT: 4,
    FWPM_IPSEC_IKE_MM_CONTEXT: 5,
    FWPM_IPSEC_AUTHIP_MM_CONTEXT: 6,
    FWPM_CLASSIFY_OPTIONS_CONTEXT: 7,
    FWPM_GENERAL_CONTEXT: 8,
    FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT: 9,
    FWPM_IPSEC_IKEV2_MM_CONTEXT: 10,
    FWPM_IPSEC_DOSP_CONTEXT: 11,
    FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT: 12,
  },
  IKEEXT_AUTHENTICATION_METHOD_TYPE: {
    IKEEXT_PRESHARED_KEY: 0,
    IKEEXT_CERTIFICATE: 1,
    IKEEXT_KERBEROS: 2,
    IKEEXT_ANONYMOUS: 3,
    IKEEXT_SSL: 4,
    IKEEXT_NTLM_V2: 5,
    IKEEXT_IPV6_CGA: 6,
    IKEEXT_CERTIFICATE_ECDSA_P256: 7,
    IKEEXT_CERTIFICATE_ECDSA_P384: 8,
    IKEEXT_SSL_ECDSA_P256: 9,
    IKEEXT_SSL_ECDSA_P384: 10,
    IKEEXT_EAP: 11,
    IKEEXT_RESERVED: 12,
  },
  IKEEXT_CIPHER_TYPE: {
    IKEEXT_CIPHER_DES: 0,
    IKEEXT_CIPHER_3DES: 1,
    IKEEXT_CIPHER_AES_128: 2,
    IKEEXT_CIPHER_AES_192: 3,
    IKEEXT_CIPHER_AES_256: 4,
    IKEEXT_CIPHER_AES_GCM_128_16ICV: 5,
    IKEEXT_CIPHER_AES_GCM_256_16ICV: 6,
  },
  IKEEXT_INTEGRITY_TYPE: {
    IKEEXT_INTEGRITY_MD5: 0,
    IKEEXT_INTEGRITY_SHA1: 1,
    IKEEXT_INTEGRITY_SHA_256: 2,
    IKEEXT_INTEGRITY_SHA_384: 3,
  },
  IKEEXT_DH_GROUP: {
    IKEEXT_DH_GROUP_NONE: 0,
    IKEEXT_DH_GROUP_1: 1,
    IKEEXT_DH_GROUP_2: 2,
    IKEEXT_DH_GROUP_14: 3,
    IKEEXT_DH_GROUP_2048: 3,
    IKEEXT_DH_ECP_256: 4,
    IKEEXT_DH_ECP_384: 5,
    IKEEXT_DH_GROUP_24: 6,
  },
  IKEEXT_KEY_MODULE_TYPE: {
    IKEEXT_KEY_MODULE_IKE: 0,
    IKEEXT_KEY_MODULE_AUTHIP: 1,
    IKEEXT_KEY_MODULE_IKEV2: 2,
  },
  IKEEXT_SA_ROLE: { IKEEXT_SA_ROLE_INITIATOR: 0, IKEEXT_SA_ROLE_RESPONDER: 1 },
  IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE: {
    IKEEXT_IMPERSONATION_NONE: 0,
    IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL: 1,
  },
  IKEEXT_CERT_CONFIG_TYPE: {
    IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST: 0,
    IKEEXT_CERT_CONFIG_ENTERPRISE_STORE: 1,
    IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE: 2,
    IKEEXT_CERT_CONFIG_UNSPECIFIED: 3,
  },
  IKEEXT_CERT_CRITERIA_NAME_TYPE: {
    IKEEXT_CERT_CRITERIA_DNS: 0,
    IKEEXT_CERT_CRITERIA_UPN: 1,
    IKEEXT_CERT_CRITERIA_RFC822: 2,
    IKEEXT_CERT_CRITERIA_CN: 3,
    IKEEXT_CERT_CRITERIA_OU: 4,
    IKEEXT_CERT_CRITERIA_O: 5,
    IKEEXT_CERT_CRITERIA_DC: 6,
  },
  IKEEXT_MM_SA_STATE: {
    IKEEXT_MM_SA_STATE_NONE: 0,
    IKEEXT_MM_SA_STATE_SA_SENT: 1,
    IKEEXT_MM_SA_STATE_SSPI_SENT: 2,
    IKEEXT_MM_SA_STATE_FINAL: 3,
    IKEEXT_MM_SA_STATE_FINAL_SENT: 4,
    IKEEXT_MM_SA_STATE_COMPLETE: 5,
  },
  IKEEXT_QM_SA_STATE: {
    IKEEXT_QM_SA_STATE_NONE: 0,
    IKEEXT_QM_SA_STATE_INITIAL: 1,
    IKEEXT_QM_SA_STATE_FINAL: 2,
    IKEEXT_QM_SA_STATE_COMPLETE: 3,
  },
  IKEEXT_EM_SA_STATE: {
    IKEEXT_EM_SA_STATE_NONE: 0,
    IKEEXT_EM_SA_STATE_SENT_ATTS: 1,
    IKEEXT_EM_SA_STATE_SSPI_SENT: 2,
    IKEEXT_EM_SA_STATE_AUTH_COMPLETE: 3,
    IKEEXT_EM_SA_STATE_FINAL: 4,
    IKEEXT_EM_SA_STATE_COMPLETE: 5,
  },
  IPSEC_TRANSFORM_TYPE: {
    IPSEC_TRANSFORM_AH: 1,
    IPSEC_TRANSFORM_ESP_AUTH: 2,
    IPSEC_TRANSFORM_ESP_CIPHER: 3,
    IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: 4,
    IPSEC_TRANSFORM_ESP_AUTH_FW: 5,
  },
  IPSEC_AUTH_TYPE: {
    IPSEC_AUTH_MD5: 0,
    IPSEC_AUTH_SHA_1: 1,
    IPSEC_AUTH_SHA_256: 2,
    IPSEC_AUTH_AES_128: 3,
    IPSEC_AUTH_AES_192: 4,
    IPSEC_AUTH_AES_256: 5,
  },
  IPSEC_CIPHER_TYPE: {
    IPSEC_CIPHER_TYPE_DES: 1,
    IPSEC_CIPHER_TYPE_3DES: 2,
    IPSEC_CIPHER_TYPE_AES_128: 3,
    IPSEC_CIPHER_TYPE_AES_192: 4,
    IPSEC_CIPHER_TYPE_AES_256: 5,
  },
  IPSEC_PFS_GROUP: {
    IPSEC_PFS_NONE: 0,
    IPSEC_PFS_1: 1,
    IPSEC_PFS_2: 2,
    IPSEC_PFS_2048: 3,
    IPSEC_PFS_14: 3,
    IPSEC_PFS_ECP_256: 4,
    IPSEC_PFS_ECP_384: 5,
    IPSEC_PFS_MM: 6,
    IPSEC_PFS_24: 7,
  },
  IPSEC_TRAFFIC_TYPE: { IPSEC_TRAFFIC_TYPE_TRANSPORT: 0, IPSEC_TRAFFIC_TYPE_TUNNEL: 1 },
  IPSEC_FAILURE_POINT: { IPSEC_FAILURE_NONE: 0, IPSEC_FAILURE_ME: 1, IPSEC_FAILURE_PEER: 2 },
  FWPM_NET_EVENT_TYPE: {
    FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE: 0,
    FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE: 1,
    FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE: 2,
    FWPM_NET_EVENT_TYPE_CLASSIFY_DROP: 3,
    FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP: 4,
    FWPM_NET_EVENT_TYPE_IPSEC_DOSP_DROP: 5,
    FWPM_NET_EVENT_TYPE_CLASSIFY_ALLOW: 6,
    FWPM_NET_EVENT_TYPE_CAPABILITY_DROP: 7,
    FWPM_NET_EVENT_TYPE_CAPABILITY_ALLOW: 8,
    FWPM_NET_EVENT_TYPE_CLASSIFY_DROP_MAC: 9,
    FWPM_NET_EVENT_TYPE_LPM_PACKET_ARRIVAL: 10,
  },
  NL_ADDRESS_TYPE: { NlatUnspecified: 0, NlatUnicast: 1, NlatAnycast: 2, NlatMulticast: 3, NlatBroadcast: 4 },
} as const;

/**
 * UINT8 configuration values inside IPSEC_AUTH_TRANSFORM_ID0 / IPSEC_CIPHER_TRANSFORM_ID0. The SDK defines
 * these as macros (mingw lacks them), so they are kept apart from the C enums above.
 */
export const TRANSFORM_CONFIGS = {
  IPSEC_AUTH_CONFIG: {
    IPSEC_AUTH_CONFIG_HMAC_MD5_96: 0,
    IPSEC_AUTH_CONFIG_HMAC_SHA_1_96: 1,
    IPSEC_AUTH_CONFIG_HMAC_SHA_256_128: 2,
    IPSEC_AUTH_CONFIG_GCM_AES_128: 3,
    IPSEC_AUTH_CONFIG_GCM_AES_192: 4,
    IPSEC_AUTH_CONFIG_GCM_AES_256: 5,
  },
  IPSEC_CIPHER_CONFIG: {
    IPSEC_CIPHER_CONFIG_CBC_DES: 1,
    IPSEC_CIPHER_CONFIG_CBC_3DES: 2,
    IPSEC_CIPHER_CONFIG_CBC_AES_128: 3,
    IPSEC_CIPHER_CONFIG_CBC_AES_192: 4,
    IPSEC_CIPHER_CONFIG_CBC_AES_256: 5,
    IPSEC_CIPHER_CONFIG_GCM_AES_128: 6,
    IPSEC_CIPHER_CONFIG_GCM_AES_192: 7,
    IPSEC_CIPHER_CONFIG_GCM_AES_256: 8,
  },
} as const;

/** Flag words: flag family -> flag name -> bit value. */
export const FLAGS = {
  FWPM_FILTER_FLAG: {
    FWPM_FILTER_FLAG_PERSISTENT: 0x1,
    FWPM_FILTER_FLAG_BOOTTIME: 0x2,
    FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT: 0x4,
    FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT: 0x8,
    FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED: 0x10,
    FWPM_FILTER_FLAG_DISABLED: 0x20,
    FWPM_FILTER_FLAG_INDEXED: 0x40,
    FWPM_FILTER_FLAG_HAS_SECURITY_REALM_PROVIDER_CONTEXT: 0x80,
    FWPM_FILTER_FLAG_SYSTEMOS_ONLY: 0x100,
    FWPM_FILTER_FLAG_GAMEOS_ONLY: 0x200,
    FWPM_FILTER_FLAG_SILENT_MODE: 0x400,
    FWPM_FILTER_FLAG_IPSEC_NO_ACQUIRE_INITIATE: 0x800,
  },
  FWPM_PROVIDER_FLAG: { FWPM_PROVIDER_FLAG_PERSISTENT: 0x1, FWPM_PROVIDER_FLAG_DISABLED: 0x10 },
  /** FWPM_FILTER_ENUM_TEMPLATE0.flags */
  FWP_FILTER_ENUM_FLAG: {
    FWP_FILTER_ENUM_FLAG_BEST_TERMINATING_MATCH: 0x1,
    FWP_FILTER_ENUM_FLAG_SORTED: 0x2,
    FWP_FILTER_ENUM_FLAG_BOOTTIME_ONLY: 0x4,
    FWP_FILTER_ENUM_FLAG_INCLUDE_BOOTTIME: 0x8,
    FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED: 0x10,
  },
  FWPM_PROVIDER_CONTEXT_FLAG: {
    FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT: 0x1,
    FWPM_PROVIDER_CONTEXT_FLAG_DOWNLEVEL: 0x2,
  },
  FWPM_SUBLAYER_FLAG: { FWPM_SUBLAYER_FLAG_PERSISTENT: 0x1 },
  FWPM_SESSION_FLAG: { FWPM_SESSION_FLAG_DYNAMIC: 0x1 },
  FWPM_TXN_FLAG: { FWPM_TXN_READ_ONLY: 0x1 },
  // winnt.h; which parts Fwpm*GetSecurityInfoByKey0 returns.
  SECURITY_INFORMATION: {
    OWNER_SECURITY_INFORMATION: 0x1,
    GROUP_SECURITY_INFORMATION: 0x2,
    DACL_SECURITY_INFORMATION: 0x4,
    SACL_SECURITY_INFORMATION: 0x8,
  },
  FWPM_TUNNEL_FLAG: {
    FWPM_TUNNEL_FLAG_POINT_TO_POINT: 0x1,
    FWPM_TUNNEL_FLAG_ENABLE_VIRTUAL_IF_TUNNELING: 0x2,
  },
  IKEEXT_POLICY_FLAG: {
    IKEEXT_POLICY_FLAG_DISABLE_DIAGNOSTICS: 0x1,
    IKEEXT_POLICY_FLAG_NO_MACHINE_LUID_VERIFY: 0x2,
    IKEEXT_POLICY_FLAG_NO_IMPERSONATION_LUID_VERIFY: 0x4,
    IKEEXT_POLICY_FLAG_ENABLE_OPTIONAL_DH: 0x8,
    IKEEXT_POLICY_FLAG_MOBIKE_NOT_SUPPORTED: 0x10,
    IKEEXT_POLICY_FLAG_SITE_TO_SITE: 0x20,
    IKEEXT_POLICY_FLAG_IMS_VPN: 0x40,
    IKEEXT_POLICY_ENABLE_IKEV2_FRAGMENTATION: 0x80,
    IKEEXT_POLICY_SUPPORT_LOW_POWER_MODE: 0x100,
  },
  IPSEC_POLICY_FLAG: {
    IPSEC_POLICY_FLAG_ND_SECURE: 0x2,
    IPSEC_POLICY_FLAG_ND_BOUNDARY: 0x4,
    IPSEC_POLICY_FLAG_CLEAR_DF_ON_TUNNEL: 0x8,
    IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_PEER_BEHIND_NAT: 0x10,
    IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_GENERAL_NAT_TRAVERSAL: 0x20,
    IPSEC_POLICY_FLAG_DONT_NEGOTIATE_SECOND_LIFETIME: 0x40,
    IPSEC_POLICY_FLAG_DONT_NEGOTIATE_BYTE_LIFETIME: 0x80,
    IPSEC_POLICY_FLAG_ENABLE_V6_IN_V4_TUNNELING: 0x100,
    IPSEC_POLICY_FLAG_ENABLE_SERVER_ADDR_ASSIGNMENT: 0x200,
    IPSEC_POLICY_FLAG_TUNNEL_ALLOW_OUTBOUND_CLEAR_CONNECTION: 0x400,
    IPSEC_POLICY_FLAG_TUNNEL_BYPASS_ALREADY_SECURE_CONNECTION: 0x800,
    IPSEC_POLICY_FLAG_TUNNEL_BYPASS_ICMPV6: 0x1000,
    IPSEC_POLICY_FLAG_KEY_MANAGER_ALLOW_DICTATE_KEY: 0x2000,
    IPSEC_POLICY_FLAG_KEY_MANAGER_ALLOW_NOTIFY_KEY: 0x4000,
    IPSEC_POLICY_FLAG_SITE_TO_SITE_TUNNEL: 0x10000,
  },
  FWP_CONDITION_FLAG: {
    FWP_CONDITION_FLAG_IS_LOOPBACK: 0x1,
    FWP_CONDITION_FLAG_IS_IPSEC_SECURED: 0x2,
  },
} as const;

/** Filter `rawContext` bits for the built-in IPsec callouts (fwp/filter-context-identifiers). */
export const FILTER_CONTEXTS = {
  FWPM_CONTEXT_IPSEC_INBOUND_PASSTHRU: 0x1n,
  FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY: 0x2n,
  FWPM_CONTEXT_IPSEC_INBOUND_SECURITY_REALM_ID: 0x4n,
  FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER: 0x1n,
  FWPM_CONTEXT_IPSEC_OUTBOUND_SUPPRESS_NEGOTIATION: 0x2n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_SECURITY: 0x2n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_LAZY_SD_EVALUATION: 0x4n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION: 0x8n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_ALLOW_FIRST_INBOUND_PKT_UNENCRYPTED: 0x10n,
  FWPM_CONTEXT_ALE_ALLOW_AUTH_FW: 0x20n,
} as const;

/** Filter weight ranges (fwp/filter-weight-identifiers). */
export const WEIGHTS = {
  FWPM_AUTO_WEIGHT_BITS: 60,
  FWPM_WEIGHT_RANGE_IPSEC: 0x0,
  FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS: 0xc,
  FWPM_WEIGHT_RANGE_MAX: 0xf,
} as const;

/** Misc numeric constants used at call sites. */
export const MISC = {
  RPC_C_AUTHN_WINNT: 10,
  RPC_C_AUTHN_DEFAULT: 0xffffffff,
  IPPROTO_ICMP: 1,
  IPPROTO_TCP: 6,
  IPPROTO_UDP: 17,
  IPPROTO_ICMPV6: 58,
  SDDL_REVISION_1: 1,
  FWP_ACTRL_MATCH_FILTER: 0x1,
  // ACE types of the security descriptors ffi/sddl.ts builds (winnt.h).
  ACCESS_ALLOWED_ACE_TYPE: 0,
  ACCESS_DENIED_ACE_TYPE: 1,
  SYSTEM_AUDIT_ACE_TYPE: 2,
  // errorFrequencyTable[i] of IKEEXT_KEYMODULE_STATISTICS1 counts IKE error ERROR_IPSEC_IKE_NEG_STATUS_BEGIN + i.
  ERROR_IPSEC_IKE_NEG_STATUS_BEGIN: 13800,
  IKEEXT_ERROR_CODE_COUNT: 97,
} as const;

/** GetAdaptersAddresses (iphlpapi.h, iptypes.h, ws2def.h, ifdef.h, winerror.h), for address keywords. */
export const ADAPTER_API = {
  AF_UNSPEC: 0,
  AF_INET: 2,
  AF_INET6: 23,
  GAA_FLAG_SKIP_ANYCAST: 0x2,
  GAA_FLAG_SKIP_MULTICAST: 0x4,
  GAA_FLAG_INCLUDE_WINS_INFO: 0x40,
  GAA_FLAG_INCLUDE_GATEWAYS: 0x80,
  IfOperStatusUp: 1,
  IfOperStatusDown: 2,
  IF_TYPE_ETHERNET_CSMACD: 6,
  IF_TYPE_SOFTWARE_LOOPBACK: 24,
  IP_ADAPTER_DHCP_ENABLED: 0x4,
  NO_ERROR: 0,
  ERROR_BUFFER_OVERFLOW: 111,
  ERROR_NO_DATA: 232,
} as const;

/**
 * What the lock-out guard reads the peers of this host's remote sessions with (modules/host/sessionPeer.ts):
 * wtsapi32.h (WTSQuerySessionInformationW), iprtrmib.h (GetExtendedTcpTable), ws2def.h, winerror.h.
 * Not WFP vocabulary: `wfpsec constants` does not list them.
 */
export const SESSION_API = {
  WTS_INFO_CLASS: { WTSClientAddress: 14, WTSClientProtocolType: 16 },
  /** WTSClientProtocolType's answer: the console, the retired ICA protocol, or RDP. */
  WTS_PROTOCOL_TYPE: { WTS_PROTOCOL_TYPE_CONSOLE: 0, WTS_PROTOCOL_TYPE_ICA: 1, WTS_PROTOCOL_TYPE_RDP: 2 },
  /** `((DWORD)-1)`: the session of the calling process. */
  WTS_CURRENT_SESSION: 0xffffffff,
  TCP_TABLE_CLASS: { TCP_TABLE_OWNER_PID_ALL: 5 },
  MIB_TCP_STATE: { MIB_TCP_STATE_ESTAB: 5 },
  ADDRESS_FAMILY: { AF_INET: 2, AF_INET6: 23 },
  ERROR_INSUFFICIENT_BUFFER: 122,
} as const;

/**
 * Win32 file and security constants of the admin-only file checks (ffi/fileSecurity.ts) and the ACL rules
 * (modules/host/safety.ts): winnt.h access rights and ACE flags, fileapi/winbase CreateFileW arguments,
 * accctrl.h SE_OBJECT_TYPE, GetFinalPathNameByHandleW flags.
 */
export const WIN32_FILE = {
  // ACCESS_MASK bits (winnt.h). For folders FILE_WRITE_DATA is FILE_ADD_FILE and FILE_APPEND_DATA is
  // FILE_ADD_SUBDIRECTORY (same values).
  FILE_WRITE_DATA: 0x2,
  FILE_APPEND_DATA: 0x4,
  FILE_WRITE_EA: 0x10,
  FILE_DELETE_CHILD: 0x40,
  FILE_WRITE_ATTRIBUTES: 0x100,
  DELETE: 0x10000,
  READ_CONTROL: 0x20000,
  WRITE_DAC: 0x40000,
  WRITE_OWNER: 0x80000,
  MAXIMUM_ALLOWED: 0x2000000,
  GENERIC_ALL: 0x10000000,
  GENERIC_WRITE: 0x40000000,
  GENERIC_READ: 0x80000000,
  // ACE types and flags (winnt.h).
  ACCESS_ALLOWED_OBJECT_ACE_TYPE: 0x5,
  ACCESS_ALLOWED_CALLBACK_ACE_TYPE: 0x9,
  ACCESS_DENIED_CALLBACK_ACE_TYPE: 0xa,
  ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE: 0xb,
  INHERIT_ONLY_ACE: 0x8,
  // CreateFileW.
  FILE_SHARE_READ: 0x1,
  FILE_SHARE_WRITE: 0x2,
  FILE_SHARE_DELETE: 0x4,
  OPEN_EXISTING: 3,
  FILE_ATTRIBUTE_NORMAL: 0x80,
  FILE_FLAG_BACKUP_SEMANTICS: 0x2000000,
  FILE_FLAG_OPEN_REPARSE_POINT: 0x200000,
  // GetSecurityInfo (accctrl.h SE_OBJECT_TYPE; winnt.h SECURITY_INFORMATION).
  SE_FILE_OBJECT: 1,
  OWNER_SECURITY_INFORMATION: 0x1,
  DACL_SECURITY_INFORMATION: 0x4,
  // GetFinalPathNameByHandleW.
  FILE_NAME_NORMALIZED: 0x0,
  VOLUME_NAME_DOS: 0x0,
  ERROR_ALREADY_EXISTS: 183,
  ERROR_SHARING_VIOLATION: 32,
} as const;

/**
 * FWP_E_* error codes (winerror.h, consecutive from 0x80320001) with a short, user-facing meaning.
 * ERROR_* Win32 codes the engine can return are listed after them.
 */
export const ERRORS: Readonly<Record<string, { code: number; message: string }>> = Object.freeze({
  FWP_E_CALLOUT_NOT_FOUND: { code: 0x80320001, message: "The callout does not exist." },
  FWP_E_CONDITION_NOT_FOUND: { code: 0x80320002, message: "The filter condition does not exist." },
  FWP_E_FILTER_NOT_FOUND: { code: 0x80320003, message: "The filter does not exist." },
  FWP_E_LAYER_NOT_FOUND: { code: 0x80320004, message: "The layer does not exist." },
  FWP_E_PROVIDER_NOT_FOUND: { code: 0x80320005, message: "The provider does not exist." },
  FWP_E_PROVIDER_CONTEXT_NOT_FOUND: { code: 0x80320006, message: "The provider context does not exist." },
  FWP_E_SUBLAYER_NOT_FOUND: { code: 0x80320007, message: "The sublayer does not exist." },
  FWP_E_NOT_FOUND: { code: 0x80320008, message: "The object does not exist." },
  FWP_E_ALREADY_EXISTS: { code: 0x80320009, message: "An object with that GUID or LUID already exists." },
  FWP_E_IN_USE: {
    code: 0x8032000a,
    message: "The object is referenced by other objects so cannot be deleted.",
  },
  FWP_E_DYNAMIC_SESSION_IN_PROGRESS: {
    code: 0x8032000b,
    message: "The call is not allowed from within a dynamic session.",
  },
  FWP_E_WRONG_SESSION: { code: 0x8032000c, message: "The call was made from the wrong session." },
  FWP_E_NO_TXN_IN_PROGRESS: {
    code: 0x8032000d,
    message: "The call must be made from within an explicit transaction.",
  },
  FWP_E_TXN_IN_PROGRESS: {
    code: 0x8032000e,
    message: "The call is not allowed from within an explicit transaction.",
  },
  FWP_E_TXN_ABORTED: { code: 0x8032000f, message: "The explicit transaction has been forcibly cancelled." },
  FWP_E_SESSION_ABORTED: { code: 0x80320010, message: "The session has been cancelled." },
  FWP_E_INCOMPATIBLE_TXN: {
    code: 0x80320011,
    message: "The call is not allowed from within a read-only transaction.",
  },
  FWP_E_TIMEOUT: {
    code: 0x80320012,
    message: "The call timed out while waiting to acquire the transaction lock.",
  },
  FWP_E_NET_EVENTS_DISABLED: {
    code: 0x80320013,
    message: "Collection of network diagnostic events is disabled.",
  },
  FWP_E_INCOMPATIBLE_LAYER: {
    code: 0x80320014,
    message: "The operation is not supported by the specified layer.",
  },
  FWP_E_KM_CLIENTS_ONLY: { code: 0x80320015, message: "The call is allowed for kernel-mode callers only." },
  FWP_E_LIFETIME_MISMATCH: {
    code: 0x80320016,
    message: "The call tried to associate two objects with incompatible lifetimes.",
  },
  FWP_E_BUILTIN_OBJECT: { code: 0x80320017, message: "The object is built in so cannot be deleted." },
  FWP_E_TOO_MANY_CALLOUTS: { code: 0x80320018, message: "The maximum number of callouts has been reached." },
  FWP_E_NOTIFICATION_DROPPED: { code: 0x80320019, message: "A notification could not be delivered." },
  FWP_E_TRAFFIC_MISMATCH: {
    code: 0x8032001a,
    message: "The traffic parameters do not match those for the security association context.",
  },
  FWP_E_INCOMPATIBLE_SA_STATE: {
    code: 0x8032001b,
    message: "The call is not allowed for the current security association state.",
  },
  FWP_E_NULL_POINTER: { code: 0x8032001c, message: "A required pointer is null." },
  FWP_E_INVALID_ENUMERATOR: { code: 0x8032001d, message: "An enumerator is not valid." },
  FWP_E_INVALID_FLAGS: { code: 0x8032001e, message: "The flags field contains an invalid value." },
  FWP_E_INVALID_NET_MASK: { code: 0x8032001f, message: "A network mask is not valid." },
  FWP_E_INVALID_RANGE: { code: 0x80320020, message: "An FWP_RANGE is not valid." },
  FWP_E_INVALID_INTERVAL: { code: 0x80320021, message: "The time interval is not valid." },
  FWP_E_ZERO_LENGTH_ARRAY: {
    code: 0x80320022,
    message: "An array that must contain at least one element is zero-length.",
  },
  FWP_E_NULL_DISPLAY_NAME: { code: 0x80320023, message: "The displayData.name field cannot be null." },
  FWP_E_INVALID_ACTION_TYPE: {
    code: 0x80320024,
    message: "The action type is not one of the allowed action types.",
  },
  FWP_E_INVALID_WEIGHT: { code: 0x80320025, message: "The filter weight is not valid." },
  FWP_E_MATCH_TYPE_MISMATCH: {
    code: 0x80320026,
    message: "A filter condition contains a match type that is not compatible with the operands.",
  },
  FWP_E_TYPE_MISMATCH: {
    code: 0x80320027,
    message: "An FWP_VALUE or FWPM_CONDITION_VALUE is of the wrong type.",
  },
  FWP_E_OUT_OF_BOUNDS: { code: 0x80320028, message: "An integer value is outside the allowed range." },
  FWP_E_RESERVED: { code: 0x80320029, message: "A reserved field is nonzero." },
  FWP_E_DUPLICATE_CONDITION: {
    code: 0x8032002a,
    message: "A filter cannot contain multiple conditions operating on a single field.",
  },
  FWP_E_DUPLICATE_KEYMOD: {
    code: 0x8032002b,
    message: "A policy cannot contain the same keying module more than once.",
  },
  FWP_E_ACTION_INCOMPATIBLE_WITH_LAYER: {
    code: 0x8032002c,
    message: "The action type is not compatible with the layer.",
  },
  FWP_E_ACTION_INCOMPATIBLE_WITH_SUBLAYER: {
    code: 0x8032002d,
    message: "The action type is not compatible with the sublayer.",
  },
  FWP_E_CONTEXT_INCOMPATIBLE_WITH_LAYER: {
    code: 0x8032002e,
    message: "The raw context or the provider context is not compatible with the layer.",
  },
  FWP_E_CONTEXT_INCOMPATIBLE_WITH_CALLOUT: {
    code: 0x8032002f,
    message: "The raw context or the provider context is not compatible with the callout.",
  },
  FWP_E_INCOMPATIBLE_AUTH_METHOD: {
    code: 0x80320030,
    message: "The authentication method is not compatible with the policy type.",
  },
  FWP_E_INCOMPATIBLE_DH_GROUP: {
    code: 0x80320031,
    message: "The Diffie-Hellman group is not compatible with the policy type.",
  },
  FWP_E_EM_NOT_SUPPORTED: {
    code: 0x80320032,
    message: "An IKE policy cannot contain an Extended Mode policy.",
  },
  FWP_E_NEVER_MATCH: {
    code: 0x80320033,
    message: "The enumeration template or subscription will never match any objects.",
  },
  FWP_E_PROVIDER_CONTEXT_MISMATCH: {
    code: 0x80320034,
    message: "The provider context is of the wrong type.",
  },
  FWP_E_INVALID_PARAMETER: { code: 0x80320035, message: "The parameter is incorrect." },
  FWP_E_TOO_MANY_SUBLAYERS: {
    code: 0x80320036,
    message: "The maximum number of sublayers has been reached.",
  },
  FWP_E_CALLOUT_NOTIFICATION_FAILED: {
    code: 0x80320037,
    message: "The notification function for a callout returned an error.",
  },
  FWP_E_INVALID_AUTH_TRANSFORM: {
    code: 0x80320038,
    message: "The IPsec authentication transform is not valid.",
  },
  FWP_E_INVALID_CIPHER_TRANSFORM: { code: 0x80320039, message: "The IPsec cipher transform is not valid." },
  FWP_E_INCOMPATIBLE_CIPHER_TRANSFORM: {
    code: 0x8032003a,
    message: "The IPsec cipher transform is not compatible with the policy.",
  },
  FWP_E_INVALID_TRANSFORM_COMBINATION: {
    code: 0x8032003b,
    message: "The combination of IPsec transform types is not valid.",
  },
  FWP_E_DUPLICATE_AUTH_METHOD: {
    code: 0x8032003c,
    message: "A policy cannot contain the same auth method more than once.",
  },
  FWP_E_INVALID_TUNNEL_ENDPOINT: { code: 0x8032003d, message: "A tunnel endpoint configuration is invalid." },
  FWP_E_L2_DRIVER_NOT_READY: { code: 0x8032003e, message: "The WFP MAC layers are not ready." },
  FWP_E_KEY_DICTATOR_ALREADY_REGISTERED: {
    code: 0x8032003f,
    message: "A key manager capable of key dictation is already registered.",
  },
  FWP_E_KEY_DICTATION_INVALID_KEYING_MATERIAL: {
    code: 0x80320040,
    message: "A key manager dictated invalid keys.",
  },
  FWP_E_CONNECTIONS_DISABLED: { code: 0x80320041, message: "The BFE IPsec connection tracking is disabled." },
  FWP_E_INVALID_DNS_NAME: { code: 0x80320042, message: "The DNS name is invalid." },
  FWP_E_STILL_ON: {
    code: 0x80320043,
    message: "The engine option is still enabled due to other configuration settings.",
  },
  FWP_E_IKEEXT_NOT_RUNNING: { code: 0x80320044, message: "The IKEEXT service is not running." },
  FWP_E_DROP_NOICMP: { code: 0x80320104, message: "The packet should be dropped, no ICMP should be sent." },
  ERROR_ACCESS_DENIED: { code: 0x5, message: "Access is denied (run elevated)." },
  ERROR_NOT_SUPPORTED: { code: 0x32, message: "The request is not supported." },
  ERROR_INVALID_PARAMETER: { code: 0x57, message: "The parameter is incorrect." },
  ERROR_NOT_ENOUGH_MEMORY: { code: 0x8, message: "Not enough memory resources are available." },
  ERROR_INVALID_HANDLE: { code: 0x6, message: "The handle is invalid." },
  // fwpsim refuses a state file that fails its checks with this code (fwpuclnt never returns it to us).
  ERROR_FILE_CORRUPT: { code: 0x570, message: "The file or directory is corrupted and unreadable." },
  // Win32 error 1338 in its HRESULT form (0x80070000 | 1338), which is how FwpmFilterAdd0 reports a bad or
  // absolute-format SD in a condition (the engine's documented form); winerror.h gives the bare 1338 this name.
  ERROR_INVALID_SECURITY_DESCR: {
    code: 0x8007053a,
    message: "The security descriptor structure is invalid.",
  },
  RPC_S_CANNOT_SUPPORT: { code: 1764, message: "The requested operation is not supported (RPC)." },
  EPT_S_NOT_REGISTERED: {
    code: 1753,
    message: "The Base Filtering Engine is not running (no RPC endpoint).",
  },
  // What a session opened before BFE stopped gets back (the safe reading: docs/windows-verification.md).
  RPC_S_SERVER_UNAVAILABLE: {
    code: 1722,
    message: "The Base Filtering Engine went away (RPC server unavailable).",
  },
  RPC_S_CALL_FAILED: {
    code: 1726,
    message: "The remote procedure call to the Base Filtering Engine failed.",
  },
});

/**
 * IKE/AuthIP failure codes (Win32 ERROR_IPSEC_IKE_*, winerror.h 13801-13908) as net events report them in
 * `failureErrorCode`, with a short meaning. The range markers (NEG_STATUS_BEGIN/END) are not errors.
 */
export const IKE_ERRORS: Readonly<Record<string, { code: number; message: string }>> = Object.freeze({
  ERROR_IPSEC_IKE_AUTH_FAIL: { code: 13801, message: "IKE authentication credentials are unacceptable." },
  ERROR_IPSEC_IKE_ATTRIB_FAIL: { code: 13802, message: "IKE security attributes are unacceptable." },
  ERROR_IPSEC_IKE_NEGOTIATION_PENDING: { code: 13803, message: "IKE negotiation in progress." },
  ERROR_IPSEC_IKE_GENERAL_PROCESSING_ERROR: { code: 13804, message: "General processing error." },
  ERROR_IPSEC_IKE_TIMED_OUT: { code: 13805, message: "Negotiation timed out." },
  ERROR_IPSEC_IKE_NO_CERT: { code: 13806, message: "IKE failed to find a valid machine certificate." },
  ERROR_IPSEC_IKE_SA_DELETED: {
    code: 13807,
    message: "The IKE security association was deleted by a peer before it was established.",
  },
  ERROR_IPSEC_IKE_SA_REAPED: {
    code: 13808,
    message: "The IKE security association was deleted before it was established.",
  },
  ERROR_IPSEC_IKE_MM_ACQUIRE_DROP: {
    code: 13809,
    message: "Negotiation request sat in the main-mode queue too long.",
  },
  ERROR_IPSEC_IKE_QM_ACQUIRE_DROP: {
    code: 13810,
    message: "Negotiation request sat in the quick-mode queue too long.",
  },
  ERROR_IPSEC_IKE_QUEUE_DROP_MM: {
    code: 13811,
    message: "Negotiation request sat in the queue too long (main mode).",
  },
  ERROR_IPSEC_IKE_QUEUE_DROP_NO_MM: {
    code: 13812,
    message: "Negotiation request sat in the queue too long (no main mode).",
  },
  ERROR_IPSEC_IKE_DROP_NO_RESPONSE: { code: 13813, message: "No response from the peer." },
  ERROR_IPSEC_IKE_MM_DELAY_DROP: { code: 13814, message: "Negotiation took too long (main mode)." },
  ERROR_IPSEC_IKE_QM_DELAY_DROP: { code: 13815, message: "Negotiation took too long (quick mode)." },
  ERROR_IPSEC_IKE_ERROR: { code: 13816, message: "An unknown IKE error occurred." },
  ERROR_IPSEC_IKE_CRL_FAILED: { code: 13817, message: "Certificate revocation check failed." },
  ERROR_IPSEC_IKE_INVALID_KEY_USAGE: { code: 13818, message: "Invalid certificate key usage." },
  ERROR_IPSEC_IKE_INVALID_CERT_TYPE: { code: 13819, message: "Invalid certificate type." },
  ERROR_IPSEC_IKE_NO_PRIVATE_KEY: {
    code: 13820,
    message: "No private key is associated with the machine certificate.",
  },
  ERROR_IPSEC_IKE_DH_FAIL: { code: 13822, message: "Failure in Diffie-Hellman computation." },
  ERROR_IPSEC_IKE_INVALID_HEADER: { code: 13824, message: "Invalid header." },
  ERROR_IPSEC_IKE_NO_POLICY: { code: 13825, message: "No policy configured." },
  ERROR_IPSEC_IKE_INVALID_SIGNATURE: { code: 13826, message: "Failed to verify the signature." },
  ERROR_IPSEC_IKE_KERBEROS_ERROR: { code: 13827, message: "Failed to authenticate using Kerberos." },
  ERROR_IPSEC_IKE_NO_PUBLIC_KEY: {
    code: 13828,
    message: "The peer's certificate did not have a public key.",
  },
  ERROR_IPSEC_IKE_PROCESS_ERR: { code: 13829, message: "Error processing the error payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_SA: { code: 13830, message: "Error processing the SA payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_PROP: { code: 13831, message: "Error processing the proposal payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_TRANS: { code: 13832, message: "Error processing the transform payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_KE: { code: 13833, message: "Error processing the key exchange payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_ID: { code: 13834, message: "Error processing the ID payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_CERT: { code: 13835, message: "Error processing the certificate payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_CERT_REQ: {
    code: 13836,
    message: "Error processing the certificate request payload.",
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_HASH: { code: 13837, message: "Error processing the hash payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_SIG: { code: 13838, message: "Error processing the signature payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_NONCE: { code: 13839, message: "Error processing the nonce payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_NOTIFY: { code: 13840, message: "Error processing the notify payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_DELETE: { code: 13841, message: "Error processing the delete payload." },
  ERROR_IPSEC_IKE_PROCESS_ERR_VENDOR: { code: 13842, message: "Error processing the vendor ID payload." },
  ERROR_IPSEC_IKE_INVALID_PAYLOAD: { code: 13843, message: "Invalid payload received." },
  ERROR_IPSEC_IKE_LOAD_SOFT_SA: { code: 13844, message: "Soft SA loaded." },
  ERROR_IPSEC_IKE_SOFT_SA_TORN_DOWN: { code: 13845, message: "Soft SA torn down." },
  ERROR_IPSEC_IKE_INVALID_COOKIE: { code: 13846, message: "Invalid cookie received." },
  ERROR_IPSEC_IKE_NO_PEER_CERT: {
    code: 13847,
    message: "The peer failed to send a valid machine certificate.",
  },
  ERROR_IPSEC_IKE_PEER_CRL_FAILED: {
    code: 13848,
    message: "Certificate revocation check of the peer's certificate failed.",
  },
  ERROR_IPSEC_IKE_POLICY_CHANGE: {
    code: 13849,
    message: "New policy invalidated SAs formed with the old policy.",
  },
  ERROR_IPSEC_IKE_NO_MM_POLICY: { code: 13850, message: "There is no available main-mode IKE policy." },
  ERROR_IPSEC_IKE_NOTCBPRIV: { code: 13851, message: "Failed to enable TCB privilege." },
  ERROR_IPSEC_IKE_SECLOADFAIL: { code: 13852, message: "Failed to load SECURITY.DLL." },
  ERROR_IPSEC_IKE_FAILSSPINIT: {
    code: 13853,
    message: "Failed to obtain the security function table dispatch address from the SSPI.",
  },
  ERROR_IPSEC_IKE_FAILQUERYSSP: {
    code: 13854,
    message: "Failed to query the Kerberos package for the token size.",
  },
  ERROR_IPSEC_IKE_SRVACQFAIL: {
    code: 13855,
    message: "Failed to obtain the Kerberos server credentials for the ISAKMP/ERROR_IPSEC_IKE service.",
  },
  ERROR_IPSEC_IKE_SRVQUERYCRED: {
    code: 13856,
    message: "Failed to determine the SSPI principal name for the ISAKMP/ERROR_IPSEC_IKE service.",
  },
  ERROR_IPSEC_IKE_GETSPIFAIL: {
    code: 13857,
    message: "Failed to obtain a new SPI for the inbound SA from the IPsec driver.",
  },
  ERROR_IPSEC_IKE_INVALID_FILTER: { code: 13858, message: "The given filter is invalid." },
  ERROR_IPSEC_IKE_OUT_OF_MEMORY: { code: 13859, message: "Memory allocation failed." },
  ERROR_IPSEC_IKE_ADD_UPDATE_KEY_FAILED: {
    code: 13860,
    message: "Failed to add the security association to the IPsec driver.",
  },
  ERROR_IPSEC_IKE_INVALID_POLICY: { code: 13861, message: "Invalid policy." },
  ERROR_IPSEC_IKE_UNKNOWN_DOI: { code: 13862, message: "Invalid DOI." },
  ERROR_IPSEC_IKE_INVALID_SITUATION: { code: 13863, message: "Invalid situation." },
  ERROR_IPSEC_IKE_DH_FAILURE: { code: 13864, message: "Diffie-Hellman failure." },
  ERROR_IPSEC_IKE_INVALID_GROUP: { code: 13865, message: "Invalid Diffie-Hellman group." },
  ERROR_IPSEC_IKE_ENCRYPT: { code: 13866, message: "Error encrypting the payload." },
  ERROR_IPSEC_IKE_DECRYPT: { code: 13867, message: "Error decrypting the payload." },
  ERROR_IPSEC_IKE_POLICY_MATCH: { code: 13868, message: "Policy match error: no proposal matches." },
  ERROR_IPSEC_IKE_UNSUPPORTED_ID: { code: 13869, message: "Unsupported ID." },
  ERROR_IPSEC_IKE_INVALID_HASH: { code: 13870, message: "Hash verification failed." },
  ERROR_IPSEC_IKE_INVALID_HASH_ALG: { code: 13871, message: "Invalid hash algorithm." },
  ERROR_IPSEC_IKE_INVALID_HASH_SIZE: { code: 13872, message: "Invalid hash size." },
  ERROR_IPSEC_IKE_INVALID_ENCRYPT_ALG: { code: 13873, message: "Invalid encryption algorithm." },
  ERROR_IPSEC_IKE_INVALID_AUTH_ALG: { code: 13874, message: "Invalid authentication algorithm." },
  ERROR_IPSEC_IKE_INVALID_SIG: { code: 13875, message: "Invalid certificate signature." },
  ERROR_IPSEC_IKE_LOAD_FAILED: { code: 13876, message: "Load failed." },
  ERROR_IPSEC_IKE_RPC_DELETE: { code: 13877, message: "Deleted via an RPC call." },
  ERROR_IPSEC_IKE_BENIGN_REINIT: {
    code: 13878,
    message: "A temporary state was created to perform reinitialization (not a real failure).",
  },
  ERROR_IPSEC_IKE_INVALID_RESPONDER_LIFETIME_NOTIFY: {
    code: 13879,
    message: "The lifetime value in the responder-lifetime notify is below the configured minimum.",
  },
  ERROR_IPSEC_IKE_INVALID_CERT_KEYLEN: {
    code: 13881,
    message: "The key length in the certificate is too small for the configured security requirements.",
  },
  ERROR_IPSEC_IKE_MM_LIMIT: {
    code: 13882,
    message: "Maximum number of established main-mode SAs to the peer exceeded.",
  },
  ERROR_IPSEC_IKE_NEGOTIATION_DISABLED: {
    code: 13883,
    message: "The IKE received a policy that disables negotiation.",
  },
  ERROR_IPSEC_IKE_QM_LIMIT: {
    code: 13884,
    message: "Reached the maximum quick-mode limit for the main mode; a new main mode will be started.",
  },
  ERROR_IPSEC_IKE_MM_EXPIRED: {
    code: 13885,
    message: "The main-mode SA lifetime expired or the peer sent a main-mode delete.",
  },
  ERROR_IPSEC_IKE_PEER_MM_ASSUMED_INVALID: {
    code: 13886,
    message: "The main-mode SA was assumed invalid because the peer stopped responding.",
  },
  ERROR_IPSEC_IKE_CERT_CHAIN_POLICY_MISMATCH: {
    code: 13887,
    message: "The certificate does not chain to a trusted root in the IPsec policy.",
  },
  ERROR_IPSEC_IKE_UNEXPECTED_MESSAGE_ID: { code: 13888, message: "Received an unexpected message ID." },
  ERROR_IPSEC_IKE_INVALID_AUTH_PAYLOAD: { code: 13889, message: "Received an invalid authentication offer." },
  ERROR_IPSEC_IKE_DOS_COOKIE_SENT: { code: 13890, message: "Sent a DoS cookie notify to the initiator." },
  ERROR_IPSEC_IKE_SHUTTING_DOWN: { code: 13891, message: "The IKE service is shutting down." },
  ERROR_IPSEC_IKE_CGA_AUTH_FAILED: {
    code: 13892,
    message: "Could not verify the binding between the CGA address and the certificate.",
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_NATOA: { code: 13893, message: "Error processing the NatOA payload." },
  ERROR_IPSEC_IKE_INVALID_MM_FOR_QM: {
    code: 13894,
    message: "The parameters of the main mode are invalid for this quick mode.",
  },
  ERROR_IPSEC_IKE_QM_EXPIRED: { code: 13895, message: "The quick-mode SA was expired by the IPsec driver." },
  ERROR_IPSEC_IKE_TOO_MANY_FILTERS: {
    code: 13896,
    message: "Too many dynamically added IKEEXT filters were detected.",
  },
  ERROR_IPSEC_IKE_KILL_DUMMY_NAP_TUNNEL: {
    code: 13898,
    message: "NAP reauthentication succeeded; the dummy NAP IKEv2 tunnel must be torn down.",
  },
  ERROR_IPSEC_IKE_INNER_IP_ASSIGNMENT_FAILURE: {
    code: 13899,
    message: "Error assigning an inner IP address to the initiator in tunnel mode.",
  },
  ERROR_IPSEC_IKE_REQUIRE_CP_PAYLOAD_MISSING: {
    code: 13900,
    message: "The required configuration payload is missing.",
  },
  ERROR_IPSEC_IKE_COEXISTENCE_SUPPRESS: {
    code: 13902,
    message: "A negotiation running as the security principal who issued the connection is in progress.",
  },
  ERROR_IPSEC_IKE_RATELIMIT_DROP: {
    code: 13903,
    message: "The SA was deleted due to IKEv1/AuthIP coexistence suppression or rate limiting.",
  },
  ERROR_IPSEC_IKE_PEER_DOESNT_SUPPORT_MOBIKE: { code: 13904, message: "The peer does not support MOBIKE." },
  ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE: { code: 13905, message: "The SA establishment is not authorized." },
  ERROR_IPSEC_IKE_STRONG_CRED_AUTHORIZATION_FAILURE: {
    code: 13906,
    message:
      "The SA establishment is not authorized because there is no sufficiently strong PKINIT-based credential.",
  },
  ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE_WITH_OPTIONAL_RETRY: {
    code: 13907,
    message:
      "The SA establishment is not authorized; you may need to enter updated or different credentials such as a smartcard.",
  },
  ERROR_IPSEC_IKE_STRONG_CRED_AUTHORIZATION_AND_CERTMAP_FAILURE: {
    code: 13908,
    message:
      "The SA establishment is not authorized because there is no sufficiently strong PKINIT-based credential; certificate-to-account mapping may have failed.",
  },
});

/** IPsec kernel drop reasons (NTSTATUS, ntstatus.h) as IPSEC_KERNEL_DROP / DOSP_DROP events report them. */
export const IPSEC_DROP_STATUS: Readonly<Record<string, { code: number; message: string }>> = Object.freeze({
  STATUS_IPSEC_BAD_SPI: {
    code: 0xc0360001,
    message: "The SPI in the packet does not match a valid IPsec SA.",
  },
  STATUS_IPSEC_SA_LIFETIME_EXPIRED: {
    code: 0xc0360002,
    message: "The packet was received on an IPsec SA whose lifetime has expired.",
  },
  STATUS_IPSEC_WRONG_SA: {
    code: 0xc0360003,
    message: "The packet was received on an IPsec SA that does not match the packet characteristics.",
  },
  STATUS_IPSEC_REPLAY_CHECK_FAILED: {
    code: 0xc0360004,
    message: "The packet sequence number replay check failed.",
  },
  STATUS_IPSEC_INVALID_PACKET: {
    code: 0xc0360005,
    message: "The IPsec header and/or trailer in the packet is invalid.",
  },
  STATUS_IPSEC_INTEGRITY_CHECK_FAILED: { code: 0xc0360006, message: "The IPsec integrity check failed." },
  STATUS_IPSEC_CLEAR_TEXT_DROP: { code: 0xc0360007, message: "IPsec dropped a clear-text packet." },
  STATUS_IPSEC_AUTH_FIREWALL_DROP: {
    code: 0xc0360008,
    message: "IPsec dropped an incoming ESP packet in authenticated-firewall mode.",
  },
  STATUS_IPSEC_THROTTLE_DROP: { code: 0xc0360009, message: "IPsec dropped a packet due to DoS throttling." },
  STATUS_IPSEC_QUEUE_OVERFLOW: { code: 0xc000a010, message: "The IPsec queue overflowed." },
  STATUS_IPSEC_DOSP_BLOCK: {
    code: 0xc0368000,
    message: "IPsec DoS protection matched an explicit block rule.",
  },
  STATUS_IPSEC_DOSP_RECEIVED_MULTICAST: {
    code: 0xc0368001,
    message: "IPsec DoS protection received an IPsec-specific multicast packet, which is not allowed.",
  },
  STATUS_IPSEC_DOSP_INVALID_PACKET: {
    code: 0xc0368002,
    message: "IPsec DoS protection received an incorrectly formatted packet.",
  },
  STATUS_IPSEC_DOSP_STATE_LOOKUP_FAILED: {
    code: 0xc0368003,
    message: "IPsec DoS protection failed to look up state.",
  },
  STATUS_IPSEC_DOSP_MAX_ENTRIES: {
    code: 0xc0368004,
    message: "IPsec DoS protection failed to create state: the maximum number of entries is reached.",
  },
  STATUS_IPSEC_DOSP_KEYMOD_NOT_ALLOWED: {
    code: 0xc0368005,
    message:
      "IPsec DoS protection received an IPsec negotiation packet for a keying module that is not allowed.",
  },
  STATUS_IPSEC_DOSP_MAX_PER_IP_RATELIMIT_QUEUES: {
    code: 0xc0368006,
    message:
      "IPsec DoS protection failed to create a per-internal-IP rate-limit queue: the maximum is reached.",
  },
});

/** Name of an IKE failure code (ERROR_IPSEC_IKE_*) or an IPsec drop status (STATUS_IPSEC_*), or undefined. */
export function ikeErrorName(code: number): string | undefined {
  const u = code >>> 0;
  for (const t of [IKE_ERRORS, IPSEC_DROP_STATUS, ERRORS]) {
    for (const [name, e] of Object.entries(t)) if (e.code >>> 0 === u) return name;
  }
  return undefined;
}

/** Reverse lookup: error code -> name (first name wins). */
export function errorName(code: number): string | undefined {
  for (const [name, e] of Object.entries(ERRORS)) if (e.code === code >>> 0) return name;
  return undefined;
}

const guidNames = new Map<string, { group: string; name: string }>();
for (const [group, table] of Object.entries(GUID_GROUPS)) {
  for (const [name, guid] of Object.entries(table)) guidNames.set(guid, { group, name });
}

/** Symbolic name of a built-in GUID (layer, callout, condition, ...), or undefined. */
export function guidName(guid: string): { group: string; name: string } | undefined {
  return guidNames.get(guid.toLowerCase());
}

/** Name of an enum member by value (first name wins for aliases), or undefined. */
export function enumName(enumType: keyof typeof ENUMS, value: number): string | undefined {
  for (const [name, v] of Object.entries(ENUMS[enumType])) if (v === value) return name;
  return undefined;
}

/** Names of the bits set in a flag word; unknown bits are rendered as hex. */
export function flagNames(family: keyof typeof FLAGS, value: number): string[] {
  const out: string[] = [];
  let rest = value >>> 0;
  for (const [name, bit] of Object.entries(FLAGS[family])) {
    if ((rest & bit) === bit) {
      out.push(name);
      rest &= ~bit >>> 0;
    }
  }
  if (rest) out.push("0x" + rest.toString(16));
  return out;
}
