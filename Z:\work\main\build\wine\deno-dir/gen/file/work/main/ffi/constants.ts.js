/**
 * The one table of every WFP / IKEEXT / IPsec GUID, enum value, flag bit and error code wfpsec uses.
 *
 * Encoders, decoders, `show`, `constants --json` and the layout/constants oracle all read from here.
 * Values are copied from the Windows SDK / Microsoft documentation (docs/recipes.md, "Constants and layouts");
 * the oracle checks every entry the mingw-w64 headers also define.
 */ /** GUIDs, lowercase, no braces. Grouped by the kind of object they name. */ export const LAYERS = {
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
  FWPM_LAYER_KM_AUTHORIZATION: "4aa226e9-9020-45fb-956a-c0249d841195"
};
/** Built-in IPsec callouts (fwp/built-in-callout-identifiers). */ export const CALLOUTS = {
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
  FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V6: "6d08a342-db9e-4fbe-9ed2-57374ce89f79"
};
/** Filter condition fields (fwp/filtering-condition-identifiers-). */ export const CONDITIONS = {
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
  FWPM_CONDITION_CURRENT_PROFILE_ID: "ab3033c9-c0e3-4759-937d-5758c65d4ae3"
};
/** Built-in sublayers. */ export const SUBLAYERS = {
  FWPM_SUBLAYER_IPSEC_TUNNEL: "83f299ed-9ff4-4967-aff4-c309f4dab827",
  FWPM_SUBLAYER_IPSEC_FORWARD_OUTBOUND_TUNNEL: "a5082e73-8f71-4559-8a9a-101cea04ef87",
  FWPM_SUBLAYER_IPSEC_DOSP: "e076d572-5d3d-48ef-802b-909eddb098bd",
  FWPM_SUBLAYER_SECURE_SOCKET: "15a66e17-3f3c-4f7b-aa6c-812aa613dd82",
  FWPM_SUBLAYER_UNIVERSAL: "eebecc03-ced4-4380-819a-2734397b2b74"
};
/** Built-in providers (all three are defined by mingw-w64 and checked by the oracle). */ export const PROVIDERS = {
  FWPM_PROVIDER_IKEEXT: "10ad9216-ccde-456c-8b16-e9f04e60a90b",
  FWPM_PROVIDER_IPSEC_DOS_CONFIG: "3c6c0519-c05c-4bb9-8338-2327814ce8bf",
  // built in on every host (mingw fwpmu.h:31, SDK fwpmu.h); listed so `show --all` can name it
  FWPM_PROVIDER_TCP_CHIMNEY_OFFLOAD: "896aa19e-9a34-4bcb-ae79-beb9127c84b9"
};
/** Built-in provider contexts. */ export const PROVIDER_CONTEXTS = {
  FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_AUTHIP: "b25ea800-0d02-46ed-92bd-7fa84bb73e9d",
  FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_IPSEC: "8c2d4144-f8e0-42c0-94ce-7ccfc63b2f9b"
};
/** Keying modules. */ export const KEYING_MODULES = {
  FWPM_KEYING_MODULE_IKE: "a9bbf787-82a8-45bb-a400-5d7e5952c7a9",
  FWPM_KEYING_MODULE_AUTHIP: "11e3dae0-dd26-4590-857d-ab4b28d1a095",
  FWPM_KEYING_MODULE_IKEV2: "041792cc-8f07-419d-a394-716968cb1647"
};
/** Every GUID group, for symbolic look-ups in `show` and `constants --json`. */ export const GUID_GROUPS = {
  layer: LAYERS,
  callout: CALLOUTS,
  condition: CONDITIONS,
  sublayer: SUBLAYERS,
  provider: PROVIDERS,
  providerContext: PROVIDER_CONTEXTS,
  keyingModule: KEYING_MODULES
};
/** Enumerations: C enum type name -> member name -> value. */ export const ENUMS = {
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
    FWP_RANGE_TYPE: 258
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
    FWP_MATCH_NOT_PREFIX: 12
  },
  FWP_ACTION_TYPE: {
    FWP_ACTION_BLOCK: 0x1001,
    FWP_ACTION_PERMIT: 0x1002,
    FWP_ACTION_CALLOUT_TERMINATING: 0x5003,
    FWP_ACTION_CALLOUT_INSPECTION: 0x6004,
    FWP_ACTION_CALLOUT_UNKNOWN: 0x4005,
    FWP_ACTION_CONTINUE: 0x2006,
    FWP_ACTION_NONE: 0x7,
    FWP_ACTION_NONE_NO_MATCH: 0x8
  },
  FWP_IP_VERSION: {
    FWP_IP_VERSION_V4: 0,
    FWP_IP_VERSION_V6: 1,
    FWP_IP_VERSION_NONE: 2
  },
  FWP_DIRECTION: {
    FWP_DIRECTION_OUTBOUND: 0,
    FWP_DIRECTION_INBOUND: 1
  },
  FWP_FILTER_ENUM_TYPE: {
    FWP_FILTER_ENUM_FULLY_CONTAINED: 0,
    FWP_FILTER_ENUM_OVERLAPPING: 1
  },
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
    FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT: 12
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
    IKEEXT_RESERVED: 12
  },
  IKEEXT_CIPHER_TYPE: {
    IKEEXT_CIPHER_DES: 0,
    IKEEXT_CIPHER_3DES: 1,
    IKEEXT_CIPHER_AES_128: 2,
    IKEEXT_CIPHER_AES_192: 3,
    IKEEXT_CIPHER_AES_256: 4,
    IKEEXT_CIPHER_AES_GCM_128_16ICV: 5,
    IKEEXT_CIPHER_AES_GCM_256_16ICV: 6
  },
  IKEEXT_INTEGRITY_TYPE: {
    IKEEXT_INTEGRITY_MD5: 0,
    IKEEXT_INTEGRITY_SHA1: 1,
    IKEEXT_INTEGRITY_SHA_256: 2,
    IKEEXT_INTEGRITY_SHA_384: 3
  },
  IKEEXT_DH_GROUP: {
    IKEEXT_DH_GROUP_NONE: 0,
    IKEEXT_DH_GROUP_1: 1,
    IKEEXT_DH_GROUP_2: 2,
    IKEEXT_DH_GROUP_14: 3,
    IKEEXT_DH_GROUP_2048: 3,
    IKEEXT_DH_ECP_256: 4,
    IKEEXT_DH_ECP_384: 5,
    IKEEXT_DH_GROUP_24: 6
  },
  IKEEXT_KEY_MODULE_TYPE: {
    IKEEXT_KEY_MODULE_IKE: 0,
    IKEEXT_KEY_MODULE_AUTHIP: 1,
    IKEEXT_KEY_MODULE_IKEV2: 2
  },
  IKEEXT_SA_ROLE: {
    IKEEXT_SA_ROLE_INITIATOR: 0,
    IKEEXT_SA_ROLE_RESPONDER: 1
  },
  IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE: {
    IKEEXT_IMPERSONATION_NONE: 0,
    IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL: 1
  },
  IKEEXT_CERT_CONFIG_TYPE: {
    IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST: 0,
    IKEEXT_CERT_CONFIG_ENTERPRISE_STORE: 1,
    IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE: 2,
    IKEEXT_CERT_CONFIG_UNSPECIFIED: 3
  },
  IKEEXT_CERT_CRITERIA_NAME_TYPE: {
    IKEEXT_CERT_CRITERIA_DNS: 0,
    IKEEXT_CERT_CRITERIA_UPN: 1,
    IKEEXT_CERT_CRITERIA_RFC822: 2,
    IKEEXT_CERT_CRITERIA_CN: 3,
    IKEEXT_CERT_CRITERIA_OU: 4,
    IKEEXT_CERT_CRITERIA_O: 5,
    IKEEXT_CERT_CRITERIA_DC: 6
  },
  IKEEXT_MM_SA_STATE: {
    IKEEXT_MM_SA_STATE_NONE: 0,
    IKEEXT_MM_SA_STATE_SA_SENT: 1,
    IKEEXT_MM_SA_STATE_SSPI_SENT: 2,
    IKEEXT_MM_SA_STATE_FINAL: 3,
    IKEEXT_MM_SA_STATE_FINAL_SENT: 4,
    IKEEXT_MM_SA_STATE_COMPLETE: 5
  },
  IKEEXT_QM_SA_STATE: {
    IKEEXT_QM_SA_STATE_NONE: 0,
    IKEEXT_QM_SA_STATE_INITIAL: 1,
    IKEEXT_QM_SA_STATE_FINAL: 2,
    IKEEXT_QM_SA_STATE_COMPLETE: 3
  },
  IKEEXT_EM_SA_STATE: {
    IKEEXT_EM_SA_STATE_NONE: 0,
    IKEEXT_EM_SA_STATE_SENT_ATTS: 1,
    IKEEXT_EM_SA_STATE_SSPI_SENT: 2,
    IKEEXT_EM_SA_STATE_AUTH_COMPLETE: 3,
    IKEEXT_EM_SA_STATE_FINAL: 4,
    IKEEXT_EM_SA_STATE_COMPLETE: 5
  },
  IPSEC_TRANSFORM_TYPE: {
    IPSEC_TRANSFORM_AH: 1,
    IPSEC_TRANSFORM_ESP_AUTH: 2,
    IPSEC_TRANSFORM_ESP_CIPHER: 3,
    IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: 4,
    IPSEC_TRANSFORM_ESP_AUTH_FW: 5
  },
  IPSEC_AUTH_TYPE: {
    IPSEC_AUTH_MD5: 0,
    IPSEC_AUTH_SHA_1: 1,
    IPSEC_AUTH_SHA_256: 2,
    IPSEC_AUTH_AES_128: 3,
    IPSEC_AUTH_AES_192: 4,
    IPSEC_AUTH_AES_256: 5
  },
  IPSEC_CIPHER_TYPE: {
    IPSEC_CIPHER_TYPE_DES: 1,
    IPSEC_CIPHER_TYPE_3DES: 2,
    IPSEC_CIPHER_TYPE_AES_128: 3,
    IPSEC_CIPHER_TYPE_AES_192: 4,
    IPSEC_CIPHER_TYPE_AES_256: 5
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
    IPSEC_PFS_24: 7
  },
  IPSEC_TRAFFIC_TYPE: {
    IPSEC_TRAFFIC_TYPE_TRANSPORT: 0,
    IPSEC_TRAFFIC_TYPE_TUNNEL: 1
  },
  IPSEC_FAILURE_POINT: {
    IPSEC_FAILURE_NONE: 0,
    IPSEC_FAILURE_ME: 1,
    IPSEC_FAILURE_PEER: 2
  },
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
    FWPM_NET_EVENT_TYPE_LPM_PACKET_ARRIVAL: 10
  },
  NL_ADDRESS_TYPE: {
    NlatUnspecified: 0,
    NlatUnicast: 1,
    NlatAnycast: 2,
    NlatMulticast: 3,
    NlatBroadcast: 4
  }
};
/**
 * UINT8 configuration values inside IPSEC_AUTH_TRANSFORM_ID0 / IPSEC_CIPHER_TRANSFORM_ID0. The SDK defines
 * these as macros (mingw lacks them), so they are kept apart from the C enums above.
 */ export const TRANSFORM_CONFIGS = {
  IPSEC_AUTH_CONFIG: {
    IPSEC_AUTH_CONFIG_HMAC_MD5_96: 0,
    IPSEC_AUTH_CONFIG_HMAC_SHA_1_96: 1,
    IPSEC_AUTH_CONFIG_HMAC_SHA_256_128: 2,
    IPSEC_AUTH_CONFIG_GCM_AES_128: 3,
    IPSEC_AUTH_CONFIG_GCM_AES_192: 4,
    IPSEC_AUTH_CONFIG_GCM_AES_256: 5
  },
  IPSEC_CIPHER_CONFIG: {
    IPSEC_CIPHER_CONFIG_CBC_DES: 1,
    IPSEC_CIPHER_CONFIG_CBC_3DES: 2,
    IPSEC_CIPHER_CONFIG_CBC_AES_128: 3,
    IPSEC_CIPHER_CONFIG_CBC_AES_192: 4,
    IPSEC_CIPHER_CONFIG_CBC_AES_256: 5,
    IPSEC_CIPHER_CONFIG_GCM_AES_128: 6,
    IPSEC_CIPHER_CONFIG_GCM_AES_192: 7,
    IPSEC_CIPHER_CONFIG_GCM_AES_256: 8
  }
};
/** Flag words: flag family -> flag name -> bit value. */ export const FLAGS = {
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
    FWPM_FILTER_FLAG_IPSEC_NO_ACQUIRE_INITIATE: 0x800
  },
  FWPM_PROVIDER_FLAG: {
    FWPM_PROVIDER_FLAG_PERSISTENT: 0x1,
    FWPM_PROVIDER_FLAG_DISABLED: 0x10
  },
  FWPM_PROVIDER_CONTEXT_FLAG: {
    FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT: 0x1,
    FWPM_PROVIDER_CONTEXT_FLAG_DOWNLEVEL: 0x2
  },
  FWPM_SUBLAYER_FLAG: {
    FWPM_SUBLAYER_FLAG_PERSISTENT: 0x1
  },
  FWPM_SESSION_FLAG: {
    FWPM_SESSION_FLAG_DYNAMIC: 0x1
  },
  FWPM_TXN_FLAG: {
    FWPM_TXN_READ_ONLY: 0x1
  },
  FWPM_TUNNEL_FLAG: {
    FWPM_TUNNEL_FLAG_POINT_TO_POINT: 0x1,
    FWPM_TUNNEL_FLAG_ENABLE_VIRTUAL_IF_TUNNELING: 0x2
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
    IKEEXT_POLICY_SUPPORT_LOW_POWER_MODE: 0x100
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
    IPSEC_POLICY_FLAG_SITE_TO_SITE_TUNNEL: 0x10000
  },
  FWP_CONDITION_FLAG: {
    FWP_CONDITION_FLAG_IS_LOOPBACK: 0x1,
    FWP_CONDITION_FLAG_IS_IPSEC_SECURED: 0x2
  }
};
/** Filter `rawContext` bits for the built-in IPsec callouts (fwp/filter-context-identifiers). */ export const FILTER_CONTEXTS = {
  FWPM_CONTEXT_IPSEC_INBOUND_PASSTHRU: 0x1n,
  FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY: 0x2n,
  FWPM_CONTEXT_IPSEC_INBOUND_SECURITY_REALM_ID: 0x4n,
  FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER: 0x1n,
  FWPM_CONTEXT_IPSEC_OUTBOUND_SUPPRESS_NEGOTIATION: 0x2n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_SECURITY: 0x2n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_LAZY_SD_EVALUATION: 0x4n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION: 0x8n,
  FWPM_CONTEXT_ALE_SET_CONNECTION_ALLOW_FIRST_INBOUND_PKT_UNENCRYPTED: 0x10n,
  FWPM_CONTEXT_ALE_ALLOW_AUTH_FW: 0x20n
};
/** Filter weight ranges (fwp/filter-weight-identifiers). */ export const WEIGHTS = {
  FWPM_AUTO_WEIGHT_BITS: 60,
  FWPM_WEIGHT_RANGE_IPSEC: 0x0,
  FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS: 0xc,
  FWPM_WEIGHT_RANGE_MAX: 0xf
};
/** Misc numeric constants used at call sites. */ export const MISC = {
  RPC_C_AUTHN_WINNT: 10,
  RPC_C_AUTHN_DEFAULT: 0xffffffff,
  IPPROTO_ICMP: 1,
  IPPROTO_TCP: 6,
  IPPROTO_UDP: 17,
  IPPROTO_ICMPV6: 58,
  SDDL_REVISION_1: 1,
  FWP_ACTRL_MATCH_FILTER: 0x1
};
/**
 * FWP_E_* error codes (winerror.h, consecutive from 0x80320001) with a short, user-facing meaning.
 * ERROR_* Win32 codes the engine can return are listed after them.
 */ export const ERRORS = Object.freeze({
  FWP_E_CALLOUT_NOT_FOUND: {
    code: 0x80320001,
    message: "The callout does not exist."
  },
  FWP_E_CONDITION_NOT_FOUND: {
    code: 0x80320002,
    message: "The filter condition does not exist."
  },
  FWP_E_FILTER_NOT_FOUND: {
    code: 0x80320003,
    message: "The filter does not exist."
  },
  FWP_E_LAYER_NOT_FOUND: {
    code: 0x80320004,
    message: "The layer does not exist."
  },
  FWP_E_PROVIDER_NOT_FOUND: {
    code: 0x80320005,
    message: "The provider does not exist."
  },
  FWP_E_PROVIDER_CONTEXT_NOT_FOUND: {
    code: 0x80320006,
    message: "The provider context does not exist."
  },
  FWP_E_SUBLAYER_NOT_FOUND: {
    code: 0x80320007,
    message: "The sublayer does not exist."
  },
  FWP_E_NOT_FOUND: {
    code: 0x80320008,
    message: "The object does not exist."
  },
  FWP_E_ALREADY_EXISTS: {
    code: 0x80320009,
    message: "An object with that GUID or LUID already exists."
  },
  FWP_E_IN_USE: {
    code: 0x8032000a,
    message: "The object is referenced by other objects so cannot be deleted."
  },
  FWP_E_DYNAMIC_SESSION_IN_PROGRESS: {
    code: 0x8032000b,
    message: "The call is not allowed from within a dynamic session."
  },
  FWP_E_WRONG_SESSION: {
    code: 0x8032000c,
    message: "The call was made from the wrong session."
  },
  FWP_E_NO_TXN_IN_PROGRESS: {
    code: 0x8032000d,
    message: "The call must be made from within an explicit transaction."
  },
  FWP_E_TXN_IN_PROGRESS: {
    code: 0x8032000e,
    message: "The call is not allowed from within an explicit transaction."
  },
  FWP_E_TXN_ABORTED: {
    code: 0x8032000f,
    message: "The explicit transaction has been forcibly cancelled."
  },
  FWP_E_SESSION_ABORTED: {
    code: 0x80320010,
    message: "The session has been cancelled."
  },
  FWP_E_INCOMPATIBLE_TXN: {
    code: 0x80320011,
    message: "The call is not allowed from within a read-only transaction."
  },
  FWP_E_TIMEOUT: {
    code: 0x80320012,
    message: "The call timed out while waiting to acquire the transaction lock."
  },
  FWP_E_NET_EVENTS_DISABLED: {
    code: 0x80320013,
    message: "Collection of network diagnostic events is disabled."
  },
  FWP_E_INCOMPATIBLE_LAYER: {
    code: 0x80320014,
    message: "The operation is not supported by the specified layer."
  },
  FWP_E_KM_CLIENTS_ONLY: {
    code: 0x80320015,
    message: "The call is allowed for kernel-mode callers only."
  },
  FWP_E_LIFETIME_MISMATCH: {
    code: 0x80320016,
    message: "The call tried to associate two objects with incompatible lifetimes."
  },
  FWP_E_BUILTIN_OBJECT: {
    code: 0x80320017,
    message: "The object is built in so cannot be deleted."
  },
  FWP_E_TOO_MANY_CALLOUTS: {
    code: 0x80320018,
    message: "The maximum number of callouts has been reached."
  },
  FWP_E_NOTIFICATION_DROPPED: {
    code: 0x80320019,
    message: "A notification could not be delivered."
  },
  FWP_E_TRAFFIC_MISMATCH: {
    code: 0x8032001a,
    message: "The traffic parameters do not match those for the security association context."
  },
  FWP_E_INCOMPATIBLE_SA_STATE: {
    code: 0x8032001b,
    message: "The call is not allowed for the current security association state."
  },
  FWP_E_NULL_POINTER: {
    code: 0x8032001c,
    message: "A required pointer is null."
  },
  FWP_E_INVALID_ENUMERATOR: {
    code: 0x8032001d,
    message: "An enumerator is not valid."
  },
  FWP_E_INVALID_FLAGS: {
    code: 0x8032001e,
    message: "The flags field contains an invalid value."
  },
  FWP_E_INVALID_NET_MASK: {
    code: 0x8032001f,
    message: "A network mask is not valid."
  },
  FWP_E_INVALID_RANGE: {
    code: 0x80320020,
    message: "An FWP_RANGE is not valid."
  },
  FWP_E_INVALID_INTERVAL: {
    code: 0x80320021,
    message: "The time interval is not valid."
  },
  FWP_E_ZERO_LENGTH_ARRAY: {
    code: 0x80320022,
    message: "An array that must contain at least one element is zero-length."
  },
  FWP_E_NULL_DISPLAY_NAME: {
    code: 0x80320023,
    message: "The displayData.name field cannot be null."
  },
  FWP_E_INVALID_ACTION_TYPE: {
    code: 0x80320024,
    message: "The action type is not one of the allowed action types."
  },
  FWP_E_INVALID_WEIGHT: {
    code: 0x80320025,
    message: "The filter weight is not valid."
  },
  FWP_E_MATCH_TYPE_MISMATCH: {
    code: 0x80320026,
    message: "A filter condition contains a match type that is not compatible with the operands."
  },
  FWP_E_TYPE_MISMATCH: {
    code: 0x80320027,
    message: "An FWP_VALUE or FWPM_CONDITION_VALUE is of the wrong type."
  },
  FWP_E_OUT_OF_BOUNDS: {
    code: 0x80320028,
    message: "An integer value is outside the allowed range."
  },
  FWP_E_RESERVED: {
    code: 0x80320029,
    message: "A reserved field is nonzero."
  },
  FWP_E_DUPLICATE_CONDITION: {
    code: 0x8032002a,
    message: "A filter cannot contain multiple conditions operating on a single field."
  },
  FWP_E_DUPLICATE_KEYMOD: {
    code: 0x8032002b,
    message: "A policy cannot contain the same keying module more than once."
  },
  FWP_E_ACTION_INCOMPATIBLE_WITH_LAYER: {
    code: 0x8032002c,
    message: "The action type is not compatible with the layer."
  },
  FWP_E_ACTION_INCOMPATIBLE_WITH_SUBLAYER: {
    code: 0x8032002d,
    message: "The action type is not compatible with the sublayer."
  },
  FWP_E_CONTEXT_INCOMPATIBLE_WITH_LAYER: {
    code: 0x8032002e,
    message: "The raw context or the provider context is not compatible with the layer."
  },
  FWP_E_CONTEXT_INCOMPATIBLE_WITH_CALLOUT: {
    code: 0x8032002f,
    message: "The raw context or the provider context is not compatible with the callout."
  },
  FWP_E_INCOMPATIBLE_AUTH_METHOD: {
    code: 0x80320030,
    message: "The authentication method is not compatible with the policy type."
  },
  FWP_E_INCOMPATIBLE_DH_GROUP: {
    code: 0x80320031,
    message: "The Diffie-Hellman group is not compatible with the policy type."
  },
  FWP_E_EM_NOT_SUPPORTED: {
    code: 0x80320032,
    message: "An IKE policy cannot contain an Extended Mode policy."
  },
  FWP_E_NEVER_MATCH: {
    code: 0x80320033,
    message: "The enumeration template or subscription will never match any objects."
  },
  FWP_E_PROVIDER_CONTEXT_MISMATCH: {
    code: 0x80320034,
    message: "The provider context is of the wrong type."
  },
  FWP_E_INVALID_PARAMETER: {
    code: 0x80320035,
    message: "The parameter is incorrect."
  },
  FWP_E_TOO_MANY_SUBLAYERS: {
    code: 0x80320036,
    message: "The maximum number of sublayers has been reached."
  },
  FWP_E_CALLOUT_NOTIFICATION_FAILED: {
    code: 0x80320037,
    message: "The notification function for a callout returned an error."
  },
  FWP_E_INVALID_AUTH_TRANSFORM: {
    code: 0x80320038,
    message: "The IPsec authentication transform is not valid."
  },
  FWP_E_INVALID_CIPHER_TRANSFORM: {
    code: 0x80320039,
    message: "The IPsec cipher transform is not valid."
  },
  FWP_E_INCOMPATIBLE_CIPHER_TRANSFORM: {
    code: 0x8032003a,
    message: "The IPsec cipher transform is not compatible with the policy."
  },
  FWP_E_INVALID_TRANSFORM_COMBINATION: {
    code: 0x8032003b,
    message: "The combination of IPsec transform types is not valid."
  },
  FWP_E_DUPLICATE_AUTH_METHOD: {
    code: 0x8032003c,
    message: "A policy cannot contain the same auth method more than once."
  },
  FWP_E_INVALID_TUNNEL_ENDPOINT: {
    code: 0x8032003d,
    message: "A tunnel endpoint configuration is invalid."
  },
  FWP_E_L2_DRIVER_NOT_READY: {
    code: 0x8032003e,
    message: "The WFP MAC layers are not ready."
  },
  FWP_E_KEY_DICTATOR_ALREADY_REGISTERED: {
    code: 0x8032003f,
    message: "A key manager capable of key dictation is already registered."
  },
  FWP_E_KEY_DICTATION_INVALID_KEYING_MATERIAL: {
    code: 0x80320040,
    message: "A key manager dictated invalid keys."
  },
  FWP_E_CONNECTIONS_DISABLED: {
    code: 0x80320041,
    message: "The BFE IPsec connection tracking is disabled."
  },
  FWP_E_INVALID_DNS_NAME: {
    code: 0x80320042,
    message: "The DNS name is invalid."
  },
  FWP_E_STILL_ON: {
    code: 0x80320043,
    message: "The engine option is still enabled due to other configuration settings."
  },
  FWP_E_IKEEXT_NOT_RUNNING: {
    code: 0x80320044,
    message: "The IKEEXT service is not running."
  },
  FWP_E_DROP_NOICMP: {
    code: 0x80320104,
    message: "The packet should be dropped, no ICMP should be sent."
  },
  ERROR_ACCESS_DENIED: {
    code: 0x5,
    message: "Access is denied (run elevated)."
  },
  ERROR_NOT_SUPPORTED: {
    code: 0x32,
    message: "The request is not supported."
  },
  ERROR_INVALID_PARAMETER: {
    code: 0x57,
    message: "The parameter is incorrect."
  },
  ERROR_NOT_ENOUGH_MEMORY: {
    code: 0x8,
    message: "Not enough memory resources are available."
  },
  ERROR_INVALID_HANDLE: {
    code: 0x6,
    message: "The handle is invalid."
  },
  // Win32 error 1338 in its HRESULT form (0x80070000 | 1338), which is how FwpmFilterAdd0 reports a bad or
  // absolute-format SD in a condition (the engine's documented form); winerror.h gives the bare 1338 this name.
  ERROR_INVALID_SECURITY_DESCR: {
    code: 0x8007053a,
    message: "The security descriptor structure is invalid."
  },
  RPC_S_CANNOT_SUPPORT: {
    code: 1764,
    message: "The requested operation is not supported (RPC)."
  },
  EPT_S_NOT_REGISTERED: {
    code: 1753,
    message: "The Base Filtering Engine is not running (no RPC endpoint)."
  }
});
/**
 * IKE/AuthIP failure codes (Win32 ERROR_IPSEC_IKE_*, winerror.h 13801-13908) as net events report them in
 * `failureErrorCode`, with a short meaning. The range markers (NEG_STATUS_BEGIN/END) are not errors.
 */ export const IKE_ERRORS = Object.freeze({
  ERROR_IPSEC_IKE_AUTH_FAIL: {
    code: 13801,
    message: "IKE authentication credentials are unacceptable."
  },
  ERROR_IPSEC_IKE_ATTRIB_FAIL: {
    code: 13802,
    message: "IKE security attributes are unacceptable."
  },
  ERROR_IPSEC_IKE_NEGOTIATION_PENDING: {
    code: 13803,
    message: "IKE negotiation in progress."
  },
  ERROR_IPSEC_IKE_GENERAL_PROCESSING_ERROR: {
    code: 13804,
    message: "General processing error."
  },
  ERROR_IPSEC_IKE_TIMED_OUT: {
    code: 13805,
    message: "Negotiation timed out."
  },
  ERROR_IPSEC_IKE_NO_CERT: {
    code: 13806,
    message: "IKE failed to find a valid machine certificate."
  },
  ERROR_IPSEC_IKE_SA_DELETED: {
    code: 13807,
    message: "The IKE security association was deleted by a peer before it was established."
  },
  ERROR_IPSEC_IKE_SA_REAPED: {
    code: 13808,
    message: "The IKE security association was deleted before it was established."
  },
  ERROR_IPSEC_IKE_MM_ACQUIRE_DROP: {
    code: 13809,
    message: "Negotiation request sat in the main-mode queue too long."
  },
  ERROR_IPSEC_IKE_QM_ACQUIRE_DROP: {
    code: 13810,
    message: "Negotiation request sat in the quick-mode queue too long."
  },
  ERROR_IPSEC_IKE_QUEUE_DROP_MM: {
    code: 13811,
    message: "Negotiation request sat in the queue too long (main mode)."
  },
  ERROR_IPSEC_IKE_QUEUE_DROP_NO_MM: {
    code: 13812,
    message: "Negotiation request sat in the queue too long (no main mode)."
  },
  ERROR_IPSEC_IKE_DROP_NO_RESPONSE: {
    code: 13813,
    message: "No response from the peer."
  },
  ERROR_IPSEC_IKE_MM_DELAY_DROP: {
    code: 13814,
    message: "Negotiation took too long (main mode)."
  },
  ERROR_IPSEC_IKE_QM_DELAY_DROP: {
    code: 13815,
    message: "Negotiation took too long (quick mode)."
  },
  ERROR_IPSEC_IKE_ERROR: {
    code: 13816,
    message: "An unknown IKE error occurred."
  },
  ERROR_IPSEC_IKE_CRL_FAILED: {
    code: 13817,
    message: "Certificate revocation check failed."
  },
  ERROR_IPSEC_IKE_INVALID_KEY_USAGE: {
    code: 13818,
    message: "Invalid certificate key usage."
  },
  ERROR_IPSEC_IKE_INVALID_CERT_TYPE: {
    code: 13819,
    message: "Invalid certificate type."
  },
  ERROR_IPSEC_IKE_NO_PRIVATE_KEY: {
    code: 13820,
    message: "No private key is associated with the machine certificate."
  },
  ERROR_IPSEC_IKE_DH_FAIL: {
    code: 13822,
    message: "Failure in Diffie-Hellman computation."
  },
  ERROR_IPSEC_IKE_INVALID_HEADER: {
    code: 13824,
    message: "Invalid header."
  },
  ERROR_IPSEC_IKE_NO_POLICY: {
    code: 13825,
    message: "No policy configured."
  },
  ERROR_IPSEC_IKE_INVALID_SIGNATURE: {
    code: 13826,
    message: "Failed to verify the signature."
  },
  ERROR_IPSEC_IKE_KERBEROS_ERROR: {
    code: 13827,
    message: "Failed to authenticate using Kerberos."
  },
  ERROR_IPSEC_IKE_NO_PUBLIC_KEY: {
    code: 13828,
    message: "The peer's certificate did not have a public key."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR: {
    code: 13829,
    message: "Error processing the error payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_SA: {
    code: 13830,
    message: "Error processing the SA payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_PROP: {
    code: 13831,
    message: "Error processing the proposal payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_TRANS: {
    code: 13832,
    message: "Error processing the transform payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_KE: {
    code: 13833,
    message: "Error processing the key exchange payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_ID: {
    code: 13834,
    message: "Error processing the ID payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_CERT: {
    code: 13835,
    message: "Error processing the certificate payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_CERT_REQ: {
    code: 13836,
    message: "Error processing the certificate request payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_HASH: {
    code: 13837,
    message: "Error processing the hash payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_SIG: {
    code: 13838,
    message: "Error processing the signature payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_NONCE: {
    code: 13839,
    message: "Error processing the nonce payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_NOTIFY: {
    code: 13840,
    message: "Error processing the notify payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_DELETE: {
    code: 13841,
    message: "Error processing the delete payload."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_VENDOR: {
    code: 13842,
    message: "Error processing the vendor ID payload."
  },
  ERROR_IPSEC_IKE_INVALID_PAYLOAD: {
    code: 13843,
    message: "Invalid payload received."
  },
  ERROR_IPSEC_IKE_LOAD_SOFT_SA: {
    code: 13844,
    message: "Soft SA loaded."
  },
  ERROR_IPSEC_IKE_SOFT_SA_TORN_DOWN: {
    code: 13845,
    message: "Soft SA torn down."
  },
  ERROR_IPSEC_IKE_INVALID_COOKIE: {
    code: 13846,
    message: "Invalid cookie received."
  },
  ERROR_IPSEC_IKE_NO_PEER_CERT: {
    code: 13847,
    message: "The peer failed to send a valid machine certificate."
  },
  ERROR_IPSEC_IKE_PEER_CRL_FAILED: {
    code: 13848,
    message: "Certificate revocation check of the peer's certificate failed."
  },
  ERROR_IPSEC_IKE_POLICY_CHANGE: {
    code: 13849,
    message: "New policy invalidated SAs formed with the old policy."
  },
  ERROR_IPSEC_IKE_NO_MM_POLICY: {
    code: 13850,
    message: "There is no available main-mode IKE policy."
  },
  ERROR_IPSEC_IKE_NOTCBPRIV: {
    code: 13851,
    message: "Failed to enable TCB privilege."
  },
  ERROR_IPSEC_IKE_SECLOADFAIL: {
    code: 13852,
    message: "Failed to load SECURITY.DLL."
  },
  ERROR_IPSEC_IKE_FAILSSPINIT: {
    code: 13853,
    message: "Failed to obtain the security function table dispatch address from the SSPI."
  },
  ERROR_IPSEC_IKE_FAILQUERYSSP: {
    code: 13854,
    message: "Failed to query the Kerberos package for the token size."
  },
  ERROR_IPSEC_IKE_SRVACQFAIL: {
    code: 13855,
    message: "Failed to obtain the Kerberos server credentials for the ISAKMP/ERROR_IPSEC_IKE service."
  },
  ERROR_IPSEC_IKE_SRVQUERYCRED: {
    code: 13856,
    message: "Failed to determine the SSPI principal name for the ISAKMP/ERROR_IPSEC_IKE service."
  },
  ERROR_IPSEC_IKE_GETSPIFAIL: {
    code: 13857,
    message: "Failed to obtain a new SPI for the inbound SA from the IPsec driver."
  },
  ERROR_IPSEC_IKE_INVALID_FILTER: {
    code: 13858,
    message: "The given filter is invalid."
  },
  ERROR_IPSEC_IKE_OUT_OF_MEMORY: {
    code: 13859,
    message: "Memory allocation failed."
  },
  ERROR_IPSEC_IKE_ADD_UPDATE_KEY_FAILED: {
    code: 13860,
    message: "Failed to add the security association to the IPsec driver."
  },
  ERROR_IPSEC_IKE_INVALID_POLICY: {
    code: 13861,
    message: "Invalid policy."
  },
  ERROR_IPSEC_IKE_UNKNOWN_DOI: {
    code: 13862,
    message: "Invalid DOI."
  },
  ERROR_IPSEC_IKE_INVALID_SITUATION: {
    code: 13863,
    message: "Invalid situation."
  },
  ERROR_IPSEC_IKE_DH_FAILURE: {
    code: 13864,
    message: "Diffie-Hellman failure."
  },
  ERROR_IPSEC_IKE_INVALID_GROUP: {
    code: 13865,
    message: "Invalid Diffie-Hellman group."
  },
  ERROR_IPSEC_IKE_ENCRYPT: {
    code: 13866,
    message: "Error encrypting the payload."
  },
  ERROR_IPSEC_IKE_DECRYPT: {
    code: 13867,
    message: "Error decrypting the payload."
  },
  ERROR_IPSEC_IKE_POLICY_MATCH: {
    code: 13868,
    message: "Policy match error: no proposal matches."
  },
  ERROR_IPSEC_IKE_UNSUPPORTED_ID: {
    code: 13869,
    message: "Unsupported ID."
  },
  ERROR_IPSEC_IKE_INVALID_HASH: {
    code: 13870,
    message: "Hash verification failed."
  },
  ERROR_IPSEC_IKE_INVALID_HASH_ALG: {
    code: 13871,
    message: "Invalid hash algorithm."
  },
  ERROR_IPSEC_IKE_INVALID_HASH_SIZE: {
    code: 13872,
    message: "Invalid hash size."
  },
  ERROR_IPSEC_IKE_INVALID_ENCRYPT_ALG: {
    code: 13873,
    message: "Invalid encryption algorithm."
  },
  ERROR_IPSEC_IKE_INVALID_AUTH_ALG: {
    code: 13874,
    message: "Invalid authentication algorithm."
  },
  ERROR_IPSEC_IKE_INVALID_SIG: {
    code: 13875,
    message: "Invalid certificate signature."
  },
  ERROR_IPSEC_IKE_LOAD_FAILED: {
    code: 13876,
    message: "Load failed."
  },
  ERROR_IPSEC_IKE_RPC_DELETE: {
    code: 13877,
    message: "Deleted via an RPC call."
  },
  ERROR_IPSEC_IKE_BENIGN_REINIT: {
    code: 13878,
    message: "A temporary state was created to perform reinitialization (not a real failure)."
  },
  ERROR_IPSEC_IKE_INVALID_RESPONDER_LIFETIME_NOTIFY: {
    code: 13879,
    message: "The lifetime value in the responder-lifetime notify is below the configured minimum."
  },
  ERROR_IPSEC_IKE_INVALID_CERT_KEYLEN: {
    code: 13881,
    message: "The key length in the certificate is too small for the configured security requirements."
  },
  ERROR_IPSEC_IKE_MM_LIMIT: {
    code: 13882,
    message: "Maximum number of established main-mode SAs to the peer exceeded."
  },
  ERROR_IPSEC_IKE_NEGOTIATION_DISABLED: {
    code: 13883,
    message: "The IKE received a policy that disables negotiation."
  },
  ERROR_IPSEC_IKE_QM_LIMIT: {
    code: 13884,
    message: "Reached the maximum quick-mode limit for the main mode; a new main mode will be started."
  },
  ERROR_IPSEC_IKE_MM_EXPIRED: {
    code: 13885,
    message: "The main-mode SA lifetime expired or the peer sent a main-mode delete."
  },
  ERROR_IPSEC_IKE_PEER_MM_ASSUMED_INVALID: {
    code: 13886,
    message: "The main-mode SA was assumed invalid because the peer stopped responding."
  },
  ERROR_IPSEC_IKE_CERT_CHAIN_POLICY_MISMATCH: {
    code: 13887,
    message: "The certificate does not chain to a trusted root in the IPsec policy."
  },
  ERROR_IPSEC_IKE_UNEXPECTED_MESSAGE_ID: {
    code: 13888,
    message: "Received an unexpected message ID."
  },
  ERROR_IPSEC_IKE_INVALID_AUTH_PAYLOAD: {
    code: 13889,
    message: "Received an invalid authentication offer."
  },
  ERROR_IPSEC_IKE_DOS_COOKIE_SENT: {
    code: 13890,
    message: "Sent a DoS cookie notify to the initiator."
  },
  ERROR_IPSEC_IKE_SHUTTING_DOWN: {
    code: 13891,
    message: "The IKE service is shutting down."
  },
  ERROR_IPSEC_IKE_CGA_AUTH_FAILED: {
    code: 13892,
    message: "Could not verify the binding between the CGA address and the certificate."
  },
  ERROR_IPSEC_IKE_PROCESS_ERR_NATOA: {
    code: 13893,
    message: "Error processing the NatOA payload."
  },
  ERROR_IPSEC_IKE_INVALID_MM_FOR_QM: {
    code: 13894,
    message: "The parameters of the main mode are invalid for this quick mode."
  },
  ERROR_IPSEC_IKE_QM_EXPIRED: {
    code: 13895,
    message: "The quick-mode SA was expired by the IPsec driver."
  },
  ERROR_IPSEC_IKE_TOO_MANY_FILTERS: {
    code: 13896,
    message: "Too many dynamically added IKEEXT filters were detected."
  },
  ERROR_IPSEC_IKE_KILL_DUMMY_NAP_TUNNEL: {
    code: 13898,
    message: "NAP reauthentication succeeded; the dummy NAP IKEv2 tunnel must be torn down."
  },
  ERROR_IPSEC_IKE_INNER_IP_ASSIGNMENT_FAILURE: {
    code: 13899,
    message: "Error assigning an inner IP address to the initiator in tunnel mode."
  },
  ERROR_IPSEC_IKE_REQUIRE_CP_PAYLOAD_MISSING: {
    code: 13900,
    message: "The required configuration payload is missing."
  },
  ERROR_IPSEC_IKE_COEXISTENCE_SUPPRESS: {
    code: 13902,
    message: "A negotiation running as the security principal who issued the connection is in progress."
  },
  ERROR_IPSEC_IKE_RATELIMIT_DROP: {
    code: 13903,
    message: "The SA was deleted due to IKEv1/AuthIP coexistence suppression or rate limiting."
  },
  ERROR_IPSEC_IKE_PEER_DOESNT_SUPPORT_MOBIKE: {
    code: 13904,
    message: "The peer does not support MOBIKE."
  },
  ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE: {
    code: 13905,
    message: "The SA establishment is not authorized."
  },
  ERROR_IPSEC_IKE_STRONG_CRED_AUTHORIZATION_FAILURE: {
    code: 13906,
    message: "The SA establishment is not authorized because there is no sufficiently strong PKINIT-based credential."
  },
  ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE_WITH_OPTIONAL_RETRY: {
    code: 13907,
    message: "The SA establishment is not authorized; you may need to enter updated or different credentials such as a smartcard."
  },
  ERROR_IPSEC_IKE_STRONG_CRED_AUTHORIZATION_AND_CERTMAP_FAILURE: {
    code: 13908,
    message: "The SA establishment is not authorized because there is no sufficiently strong PKINIT-based credential; certificate-to-account mapping may have failed."
  }
});
/** IPsec kernel drop reasons (NTSTATUS, ntstatus.h) as IPSEC_KERNEL_DROP / DOSP_DROP events report them. */ export const IPSEC_DROP_STATUS = Object.freeze({
  STATUS_IPSEC_BAD_SPI: {
    code: 0xc0360001,
    message: "The SPI in the packet does not match a valid IPsec SA."
  },
  STATUS_IPSEC_SA_LIFETIME_EXPIRED: {
    code: 0xc0360002,
    message: "The packet was received on an IPsec SA whose lifetime has expired."
  },
  STATUS_IPSEC_WRONG_SA: {
    code: 0xc0360003,
    message: "The packet was received on an IPsec SA that does not match the packet characteristics."
  },
  STATUS_IPSEC_REPLAY_CHECK_FAILED: {
    code: 0xc0360004,
    message: "The packet sequence number replay check failed."
  },
  STATUS_IPSEC_INVALID_PACKET: {
    code: 0xc0360005,
    message: "The IPsec header and/or trailer in the packet is invalid."
  },
  STATUS_IPSEC_INTEGRITY_CHECK_FAILED: {
    code: 0xc0360006,
    message: "The IPsec integrity check failed."
  },
  STATUS_IPSEC_CLEAR_TEXT_DROP: {
    code: 0xc0360007,
    message: "IPsec dropped a clear-text packet."
  },
  STATUS_IPSEC_AUTH_FIREWALL_DROP: {
    code: 0xc0360008,
    message: "IPsec dropped an incoming ESP packet in authenticated-firewall mode."
  },
  STATUS_IPSEC_THROTTLE_DROP: {
    code: 0xc0360009,
    message: "IPsec dropped a packet due to DoS throttling."
  },
  STATUS_IPSEC_QUEUE_OVERFLOW: {
    code: 0xc000a010,
    message: "The IPsec queue overflowed."
  },
  STATUS_IPSEC_DOSP_BLOCK: {
    code: 0xc0368000,
    message: "IPsec DoS protection matched an explicit block rule."
  },
  STATUS_IPSEC_DOSP_RECEIVED_MULTICAST: {
    code: 0xc0368001,
    message: "IPsec DoS protection received an IPsec-specific multicast packet, which is not allowed."
  },
  STATUS_IPSEC_DOSP_INVALID_PACKET: {
    code: 0xc0368002,
    message: "IPsec DoS protection received an incorrectly formatted packet."
  },
  STATUS_IPSEC_DOSP_STATE_LOOKUP_FAILED: {
    code: 0xc0368003,
    message: "IPsec DoS protection failed to look up state."
  },
  STATUS_IPSEC_DOSP_MAX_ENTRIES: {
    code: 0xc0368004,
    message: "IPsec DoS protection failed to create state: the maximum number of entries is reached."
  },
  STATUS_IPSEC_DOSP_KEYMOD_NOT_ALLOWED: {
    code: 0xc0368005,
    message: "IPsec DoS protection received an IPsec negotiation packet for a keying module that is not allowed."
  },
  STATUS_IPSEC_DOSP_MAX_PER_IP_RATELIMIT_QUEUES: {
    code: 0xc0368006,
    message: "IPsec DoS protection failed to create a per-internal-IP rate-limit queue: the maximum is reached."
  }
});
/** Name of an IKE failure code (ERROR_IPSEC_IKE_*) or an IPsec drop status (STATUS_IPSEC_*), or undefined. */ export function ikeErrorName(code) {
  const u = code >>> 0;
  for (const t of [
    IKE_ERRORS,
    IPSEC_DROP_STATUS,
    ERRORS
  ]){
    for (const [name, e] of Object.entries(t))if (e.code >>> 0 === u) return name;
  }
  return undefined;
}
/** Reverse lookup: error code -> name (first name wins). */ export function errorName(code) {
  for (const [name, e] of Object.entries(ERRORS))if (e.code === code >>> 0) return name;
  return undefined;
}
const guidNames = new Map();
for (const [group, table] of Object.entries(GUID_GROUPS)){
  for (const [name, guid] of Object.entries(table))guidNames.set(guid, {
    group,
    name
  });
}
/** Symbolic name of a built-in GUID (layer, callout, condition, ...), or undefined. */ export function guidName(guid) {
  return guidNames.get(guid.toLowerCase());
}
/** Name of an enum member by value (first name wins for aliases), or undefined. */ export function enumName(enumType, value) {
  for (const [name, v] of Object.entries(ENUMS[enumType]))if (v === value) return name;
  return undefined;
}
/** Names of the bits set in a flag word; unknown bits are rendered as hex. */ export function flagNames(family, value) {
  const out = [];
  let rest = value >>> 0;
  for (const [name, bit] of Object.entries(FLAGS[family])){
    if ((rest & bit) === bit) {
      out.push(name);
      rest &= ~bit >>> 0;
    }
  }
  if (rest) out.push("0x" + rest.toString(16));
  return out;
}
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbImZpbGU6Ly8vd29yay9tYWluL2ZmaS9jb25zdGFudHMudHMiXSwic291cmNlc0NvbnRlbnQiOlsiLyoqXG4gKiBUaGUgb25lIHRhYmxlIG9mIGV2ZXJ5IFdGUCAvIElLRUVYVCAvIElQc2VjIEdVSUQsIGVudW0gdmFsdWUsIGZsYWcgYml0IGFuZCBlcnJvciBjb2RlIHdmcHNlYyB1c2VzLlxuICpcbiAqIEVuY29kZXJzLCBkZWNvZGVycywgYHNob3dgLCBgY29uc3RhbnRzIC0tanNvbmAgYW5kIHRoZSBsYXlvdXQvY29uc3RhbnRzIG9yYWNsZSBhbGwgcmVhZCBmcm9tIGhlcmUuXG4gKiBWYWx1ZXMgYXJlIGNvcGllZCBmcm9tIHRoZSBXaW5kb3dzIFNESyAvIE1pY3Jvc29mdCBkb2N1bWVudGF0aW9uIChkb2NzL3JlY2lwZXMubWQsIFwiQ29uc3RhbnRzIGFuZCBsYXlvdXRzXCIpO1xuICogdGhlIG9yYWNsZSBjaGVja3MgZXZlcnkgZW50cnkgdGhlIG1pbmd3LXc2NCBoZWFkZXJzIGFsc28gZGVmaW5lLlxuICovXG5cbi8qKiBHVUlEcywgbG93ZXJjYXNlLCBubyBicmFjZXMuIEdyb3VwZWQgYnkgdGhlIGtpbmQgb2Ygb2JqZWN0IHRoZXkgbmFtZS4gKi9cbmV4cG9ydCBjb25zdCBMQVlFUlMgPSB7XG4gIEZXUE1fTEFZRVJfSU5CT1VORF9JUFBBQ0tFVF9WNDogXCJjODZmZDFiZi0yMWNkLTQ5N2UtYTBiYi0xNzQyNWM4ODVjNThcIixcbiAgRldQTV9MQVlFUl9JTkJPVU5EX0lQUEFDS0VUX1Y2OiBcImY1MjAzMmNiLTk5MWMtNDZlNy05NzFkLTI2MDE0NTlhOTFjYVwiLFxuICBGV1BNX0xBWUVSX09VVEJPVU5EX0lQUEFDS0VUX1Y0OiBcIjFlNWM5ZmFlLThhODQtNDEzNS1hMzMxLTk1MGI1NDIyOWVjZFwiLFxuICBGV1BNX0xBWUVSX09VVEJPVU5EX0lQUEFDS0VUX1Y2OiBcImEzYjNhYjZiLTM1NjQtNDg4Yy05MTE3LWYzNGU4MjE0Mjc2M1wiLFxuICBGV1BNX0xBWUVSX0lQRk9SV0FSRF9WNDogXCJhODJhY2MyNC00ZWUxLTRlZTEtYjQ2NS1mZDFkMjVjYjEwYTRcIixcbiAgRldQTV9MQVlFUl9JUEZPUldBUkRfVjY6IFwiN2I5NjQ4MTgtMTljNy00OTNhLWI3MWYtODMyYzM2ODRkMjhjXCIsXG4gIEZXUE1fTEFZRVJfSU5CT1VORF9UUkFOU1BPUlRfVjQ6IFwiNTkyNmRmYzgtZTNjZi00NDI2LWEyODMtZGMzOTNmNWQwZjlkXCIsXG4gIEZXUE1fTEFZRVJfSU5CT1VORF9UUkFOU1BPUlRfVjY6IFwiNjM0YTg2OWYtZmMyMy00YjkwLWIwYzEtYmY2MjBhMzZhZTZmXCIsXG4gIEZXUE1fTEFZRVJfT1VUQk9VTkRfVFJBTlNQT1JUX1Y0OiBcIjA5ZTYxYWVhLWQyMTQtNDZlMi05YjIxLWIyNmIwYjJmMjhjOFwiLFxuICBGV1BNX0xBWUVSX09VVEJPVU5EX1RSQU5TUE9SVF9WNjogXCJlMTczNWJkZS0wMTNmLTQ2NTUtYjM1MS1hNDllMTU3NjJkZjBcIixcbiAgRldQTV9MQVlFUl9BTEVfQVVUSF9SRUNWX0FDQ0VQVF9WNDogXCJlMWNkOWZlNy1mNGI1LTQyNzMtOTZjMC01OTJlNDg3Yjg2NTBcIixcbiAgRldQTV9MQVlFUl9BTEVfQVVUSF9SRUNWX0FDQ0VQVF9WNjogXCJhM2I0MmM5Ny05ZjA0LTQ2NzItYjg3ZS1jZWU5YzQ4MzI1N2ZcIixcbiAgRldQTV9MQVlFUl9BTEVfQVVUSF9DT05ORUNUX1Y0OiBcImMzOGQ1N2QxLTA1YTctNGMzMy05MDRmLTdmYmNlZWU2MGU4MlwiLFxuICBGV1BNX0xBWUVSX0FMRV9BVVRIX0NPTk5FQ1RfVjY6IFwiNGE3MjM5M2ItMzE5Zi00NGJjLTg0YzMtYmE1NGRjYjNiNmI0XCIsXG4gIEZXUE1fTEFZRVJfSVBTRUNfS01fREVNVVhfVjQ6IFwiZjAyYjE1MjYtYTQ1OS00YTUxLWI5ZTMtNzU5ZGU1MmI5ZDJjXCIsXG4gIEZXUE1fTEFZRVJfSVBTRUNfS01fREVNVVhfVjY6IFwiMmY3NTVjZjYtMmZkNC00ZTg4LWIzZTQtYTkxYmNhNDk1MjM1XCIsXG4gIEZXUE1fTEFZRVJfSVBTRUNfVjQ6IFwiZWRhNjVjNzQtNjEwZC00YmM1LTk0OGYtM2M0Zjg5NTU2ODY3XCIsXG4gIEZXUE1fTEFZRVJfSVBTRUNfVjY6IFwiMTNjNDg0NDItOGQ4Ny00MjYxLTlhMjktNTlkMmFiYzM0OGI0XCIsXG4gIEZXUE1fTEFZRVJfSUtFRVhUX1Y0OiBcImIxNGI3YmRiLWRiYmQtNDczZS1iZWQ0LThiNDcwOGQ0ZjI3MFwiLFxuICBGV1BNX0xBWUVSX0lLRUVYVF9WNjogXCJiNjQ3ODZiMy1mNjg3LTRlYjktODlkMi04ZWYzMmFjZGFiZTJcIixcbiAgRldQTV9MQVlFUl9LTV9BVVRIT1JJWkFUSU9OOiBcIjRhYTIyNmU5LTkwMjAtNDVmYi05NTZhLWMwMjQ5ZDg0MTE5NVwiLFxufSBhcyBjb25zdDtcblxuLyoqIEJ1aWx0LWluIElQc2VjIGNhbGxvdXRzIChmd3AvYnVpbHQtaW4tY2FsbG91dC1pZGVudGlmaWVycykuICovXG5leHBvcnQgY29uc3QgQ0FMTE9VVFMgPSB7XG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19JTkJPVU5EX1RSQU5TUE9SVF9WNDogXCI1MTMyOTAwZC01ZTg0LTRiNWYtODBlNC0wMTc0MWU4MWZmMTBcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX0lOQk9VTkRfVFJBTlNQT1JUX1Y2OiBcIjQ5ZDNhYzkyLTJhNmMtNGRjZi05NTVmLTFjM2JlMDA5ZGQ5OVwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfT1VUQk9VTkRfVFJBTlNQT1JUX1Y0OiBcIjRiNDZiZjBhLTQ1MjMtNGU1Ny1hYTM4LWE4Nzk4N2M5MTBkOVwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfT1VUQk9VTkRfVFJBTlNQT1JUX1Y2OiBcIjM4ZDg3NzIyLWFkODMtNGYxMS1hOTFmLWRmMGZiMDc3MjI1YlwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfSU5CT1VORF9UVU5ORUxfVjQ6IFwiMTkxYThhNDYtMGJmOC00NmNmLWIwNDUtNGI0NWRmYTZhMzI0XCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19JTkJPVU5EX1RVTk5FTF9WNjogXCI4MGMzNDJlMy0xZTUzLTRkNmYtOWI0NC0wM2RmNWFlZWUxNTRcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX09VVEJPVU5EX1RVTk5FTF9WNDogXCI3MGE0MTk2Yy04MzViLTRmYjAtOThlOC0wNzVmNGQ5NzdkNDZcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX09VVEJPVU5EX1RVTk5FTF9WNjogXCJmMTgzNTM2My1hNmE1LTRlNjItYjE4MC0yM2RiNzg5ZDhkYTZcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX0ZPUldBUkRfSU5CT1VORF9UVU5ORUxfVjQ6IFwiMjg4Mjk2MzMtYzRmMC00ZTY2LTg3M2YtODQ0ZGIyYTg5OWM3XCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19GT1JXQVJEX0lOQk9VTkRfVFVOTkVMX1Y2OiBcImFmNTBiZWMyLWM2ODYtNDI5YS04ODRkLWI3NDQ0M2U3YjBiNFwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfRk9SV0FSRF9PVVRCT1VORF9UVU5ORUxfVjQ6IFwiZmI1MzIxMzYtMTVjYi00NDBiLTkzN2MtMTcxN2NhMzIwYzQwXCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19GT1JXQVJEX09VVEJPVU5EX1RVTk5FTF9WNjogXCJkYWU2NDBjYy1lMDIxLTRiZWUtOWViNi1hNDhiMjc1YzhjMWRcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX0lOQk9VTkRfSU5JVElBVEVfU0VDVVJFX1Y0OiBcIjdkZmYzMDliLWJhN2QtNGFiYS05MWFhLWFlNWM2NjQwYzk0NFwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfSU5CT1VORF9JTklUSUFURV9TRUNVUkVfVjY6IFwiYTlhMGQ2ZDktYzU4Yy00NzRlLThhZWItM2NmZTk5ZDZkNTNkXCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19JTkJPVU5EX1RVTk5FTF9BTEVfQUNDRVBUX1Y0OiBcIjNkZjZlN2RlLWZkMjAtNDhmMi05ZjI2LWY4NTQ0NDRjYmE3OVwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfSU5CT1VORF9UVU5ORUxfQUxFX0FDQ0VQVF9WNjogXCJhMWUzOTJkMy03MmFjLTQ3YmItODdhNy0wMTIyYzY5NDM0YWJcIixcbiAgRldQTV9DQUxMT1VUX0lQU0VDX0FMRV9DT05ORUNUX1Y0OiBcIjZhYzE0MWZjLWY3NWQtNDIwMy1iOWM4LTQ4ZTYxNDljMjcxMlwiLFxuICBGV1BNX0NBTExPVVRfSVBTRUNfQUxFX0NPTk5FQ1RfVjY6IFwiNGMwZGRhMDUtZTMxZi00NjY2LTkwYjAtYjNkZmFkMzQxMjlhXCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19ET1NQX0ZPUldBUkRfVjQ6IFwiMmZjYjU2ZWMtY2QzNy00YjRmLWIxMDgtNjJjMmIxODUwYTBjXCIsXG4gIEZXUE1fQ0FMTE9VVF9JUFNFQ19ET1NQX0ZPUldBUkRfVjY6IFwiNmQwOGEzNDItZGI5ZS00ZmJlLTllZDItNTczNzRjZTg5Zjc5XCIsXG59IGFzIGNvbnN0O1xuXG4vKiogRmlsdGVyIGNvbmRpdGlvbiBmaWVsZHMgKGZ3cC9maWx0ZXJpbmctY29uZGl0aW9uLWlkZW50aWZpZXJzLSkuICovXG5leHBvcnQgY29uc3QgQ09ORElUSU9OUyA9IHtcbiAgRldQTV9DT05ESVRJT05fSVBfTE9DQUxfQUREUkVTUzogXCJkOWVlMDBkZS1jMWVmLTQ2MTctYmZlMy1mZmQ4ZjVhMDg5NTdcIixcbiAgRldQTV9DT05ESVRJT05fSVBfUkVNT1RFX0FERFJFU1M6IFwiYjIzNWFlOWEtMWQ2NC00OWI4LWE0NGMtNWZmM2Q5MDk1MDQ1XCIsXG4gIEZXUE1fQ09ORElUSU9OX0lQX0xPQ0FMX0FERFJFU1NfVFlQRTogXCI2ZWM3ZjZjNC0zNzZiLTQ1ZDctOWU5Yy1kMzM3Y2VkY2QyMzdcIixcbiAgRldQTV9DT05ESVRJT05fSVBfUFJPVE9DT0w6IFwiMzk3MWVmMmItNjIzZS00ZjlhLThjYjEtNmU3OWI4MDZiOWE3XCIsXG4gIEZXUE1fQ09ORElUSU9OX0lQX0xPQ0FMX1BPUlQ6IFwiMGMxYmExYWYtNTc2NS00NTNmLWFmMjItYThmNzkxYWM3NzViXCIsXG4gIEZXUE1fQ09ORElUSU9OX0lQX1JFTU9URV9QT1JUOiBcImMzNWE2MDRkLWQyMmItNGUxYS05MWI0LTY4ZjY3NGVlNjc0YlwiLFxuICBGV1BNX0NPTkRJVElPTl9JUF9MT0NBTF9JTlRFUkZBQ0U6IFwiNGNkNjJhNDktNTljMy00OTY5LWI3ZjMtYmRhNWQzMjg5MGE0XCIsXG4gIEZXUE1fQ09ORElUSU9OX0FMRV9BUFBfSUQ6IFwiZDc4ZTFlODctODY0NC00ZWE1LTk0MzctZDgwOWVjZWZjOTcxXCIsXG4gIEZXUE1fQ09ORElUSU9OX0FMRV9VU0VSX0lEOiBcImFmMDQzYTBhLWIzNGQtNGY4Ni05NzljLWM5MDM3MWFmNmU2NlwiLFxuICBGV1BNX0NPTkRJVElPTl9BTEVfUkVNT1RFX1VTRVJfSUQ6IFwiZjYzMDczYjctMDE4OS00YWIwLTk1YTQtNjEyM2NiZmFiODYyXCIsXG4gIEZXUE1fQ09ORElUSU9OX0FMRV9SRU1PVEVfTUFDSElORV9JRDogXCIxYWE0N2Y1MS03ZjkzLTQ1MDgtYTI3MS04MWFiYjAwYzljYWJcIixcbiAgRldQTV9DT05ESVRJT05fRkxBR1M6IFwiNjMyY2UyM2ItNTE2Ny00MzVjLTg2ZDctZTkwMzY4NGFhODBjXCIsXG4gIEZXUE1fQ09ORElUSU9OX0NVUlJFTlRfUFJPRklMRV9JRDogXCJhYjMwMzNjOS1jMGUzLTQ3NTktOTM3ZC01NzU4YzY1ZDRhZTNcIixcbn0gYXMgY29uc3Q7XG5cbi8qKiBCdWlsdC1pbiBzdWJsYXllcnMuICovXG5leHBvcnQgY29uc3QgU1VCTEFZRVJTID0ge1xuICBGV1BNX1NVQkxBWUVSX0lQU0VDX1RVTk5FTDogXCI4M2YyOTllZC05ZmY0LTQ5NjctYWZmNC1jMzA5ZjRkYWI4MjdcIixcbiAgRldQTV9TVUJMQVlFUl9JUFNFQ19GT1JXQVJEX09VVEJPVU5EX1RVTk5FTDogXCJhNTA4MmU3My04ZjcxLTQ1NTktOGE5YS0xMDFjZWEwNGVmODdcIixcbiAgRldQTV9TVUJMQVlFUl9JUFNFQ19ET1NQOiBcImUwNzZkNTcyLTVkM2QtNDhlZi04MDJiLTkwOWVkZGIwOThiZFwiLFxuICBGV1BNX1NVQkxBWUVSX1NFQ1VSRV9TT0NLRVQ6IFwiMTVhNjZlMTctM2YzYy00ZjdiLWFhNmMtODEyYWE2MTNkZDgyXCIsXG4gIEZXUE1fU1VCTEFZRVJfVU5JVkVSU0FMOiBcImVlYmVjYzAzLWNlZDQtNDM4MC04MTlhLTI3MzQzOTdiMmI3NFwiLFxufSBhcyBjb25zdDtcblxuLyoqIEJ1aWx0LWluIHByb3ZpZGVycyAoYWxsIHRocmVlIGFyZSBkZWZpbmVkIGJ5IG1pbmd3LXc2NCBhbmQgY2hlY2tlZCBieSB0aGUgb3JhY2xlKS4gKi9cbmV4cG9ydCBjb25zdCBQUk9WSURFUlMgPSB7XG4gIEZXUE1fUFJPVklERVJfSUtFRVhUOiBcIjEwYWQ5MjE2LWNjZGUtNDU2Yy04YjE2LWU5ZjA0ZTYwYTkwYlwiLFxuICBGV1BNX1BST1ZJREVSX0lQU0VDX0RPU19DT05GSUc6IFwiM2M2YzA1MTktYzA1Yy00YmI5LTgzMzgtMjMyNzgxNGNlOGJmXCIsXG4gIC8vIGJ1aWx0IGluIG9uIGV2ZXJ5IGhvc3QgKG1pbmd3IGZ3cG11Lmg6MzEsIFNESyBmd3BtdS5oKTsgbGlzdGVkIHNvIGBzaG93IC0tYWxsYCBjYW4gbmFtZSBpdFxuICBGV1BNX1BST1ZJREVSX1RDUF9DSElNTkVZX09GRkxPQUQ6IFwiODk2YWExOWUtOWEzNC00YmNiLWFlNzktYmViOTEyN2M4NGI5XCIsXG59IGFzIGNvbnN0O1xuXG4vKiogQnVpbHQtaW4gcHJvdmlkZXIgY29udGV4dHMuICovXG5leHBvcnQgY29uc3QgUFJPVklERVJfQ09OVEVYVFMgPSB7XG4gIEZXUE1fUFJPVklERVJfQ09OVEVYVF9TRUNVUkVfU09DS0VUX0FVVEhJUDogXCJiMjVlYTgwMC0wZDAyLTQ2ZWQtOTJiZC03ZmE4NGJiNzNlOWRcIixcbiAgRldQTV9QUk9WSURFUl9DT05URVhUX1NFQ1VSRV9TT0NLRVRfSVBTRUM6IFwiOGMyZDQxNDQtZjhlMC00MmMwLTk0Y2UtN2NjZmM2M2IyZjliXCIsXG59IGFzIGNvbnN0O1xuXG4vKiogS2V5aW5nIG1vZHVsZXMuICovXG5leHBvcnQgY29uc3QgS0VZSU5HX01PRFVMRVMgPSB7XG4gIEZXUE1fS0VZSU5HX01PRFVMRV9JS0U6IFwiYTliYmY3ODctODJhOC00NWJiLWE0MDAtNWQ3ZTU5NTJjN2E5XCIsXG4gIEZXUE1fS0VZSU5HX01PRFVMRV9BVVRISVA6IFwiMTFlM2RhZTAtZGQyNi00NTkwLTg1N2QtYWI0YjI4ZDFhMDk1XCIsXG4gIEZXUE1fS0VZSU5HX01PRFVMRV9JS0VWMjogXCIwNDE3OTJjYy04ZjA3LTQxOWQtYTM5NC03MTY5NjhjYjE2NDdcIixcbn0gYXMgY29uc3Q7XG5cbi8qKiBFdmVyeSBHVUlEIGdyb3VwLCBmb3Igc3ltYm9saWMgbG9vay11cHMgaW4gYHNob3dgIGFuZCBgY29uc3RhbnRzIC0tanNvbmAuICovXG5leHBvcnQgY29uc3QgR1VJRF9HUk9VUFMgPSB7XG4gIGxheWVyOiBMQVlFUlMsXG4gIGNhbGxvdXQ6IENBTExPVVRTLFxuICBjb25kaXRpb246IENPTkRJVElPTlMsXG4gIHN1YmxheWVyOiBTVUJMQVlFUlMsXG4gIHByb3ZpZGVyOiBQUk9WSURFUlMsXG4gIHByb3ZpZGVyQ29udGV4dDogUFJPVklERVJfQ09OVEVYVFMsXG4gIGtleWluZ01vZHVsZTogS0VZSU5HX01PRFVMRVMsXG59IGFzIGNvbnN0O1xuXG4vKiogRW51bWVyYXRpb25zOiBDIGVudW0gdHlwZSBuYW1lIC0+IG1lbWJlciBuYW1lIC0+IHZhbHVlLiAqL1xuZXhwb3J0IGNvbnN0IEVOVU1TID0ge1xuICBGV1BfREFUQV9UWVBFOiB7XG4gICAgRldQX0VNUFRZOiAwLFxuICAgIEZXUF9VSU5UODogMSxcbiAgICBGV1BfVUlOVDE2OiAyLFxuICAgIEZXUF9VSU5UMzI6IDMsXG4gICAgRldQX1VJTlQ2NDogNCxcbiAgICBGV1BfSU5UODogNSxcbiAgICBGV1BfSU5UMTY6IDYsXG4gICAgRldQX0lOVDMyOiA3LFxuICAgIEZXUF9JTlQ2NDogOCxcbiAgICBGV1BfRkxPQVQ6IDksXG4gICAgRldQX0RPVUJMRTogMTAsXG4gICAgRldQX0JZVEVfQVJSQVkxNl9UWVBFOiAxMSxcbiAgICBGV1BfQllURV9CTE9CX1RZUEU6IDEyLFxuICAgIEZXUF9TSUQ6IDEzLFxuICAgIEZXUF9TRUNVUklUWV9ERVNDUklQVE9SX1RZUEU6IDE0LFxuICAgIEZXUF9UT0tFTl9JTkZPUk1BVElPTl9UWVBFOiAxNSxcbiAgICBGV1BfVE9LRU5fQUNDRVNTX0lORk9STUFUSU9OX1RZUEU6IDE2LFxuICAgIEZXUF9VTklDT0RFX1NUUklOR19UWVBFOiAxNyxcbiAgICBGV1BfQllURV9BUlJBWTZfVFlQRTogMTgsXG4gICAgRldQX1NJTkdMRV9EQVRBX1RZUEVfTUFYOiAyNTUsXG4gICAgRldQX1Y0X0FERFJfTUFTSzogMjU2LFxuICAgIEZXUF9WNl9BRERSX01BU0s6IDI1NyxcbiAgICBGV1BfUkFOR0VfVFlQRTogMjU4LFxuICB9LFxuICBGV1BfTUFUQ0hfVFlQRToge1xuICAgIEZXUF9NQVRDSF9FUVVBTDogMCxcbiAgICBGV1BfTUFUQ0hfR1JFQVRFUjogMSxcbiAgICBGV1BfTUFUQ0hfTEVTUzogMixcbiAgICBGV1BfTUFUQ0hfR1JFQVRFUl9PUl9FUVVBTDogMyxcbiAgICBGV1BfTUFUQ0hfTEVTU19PUl9FUVVBTDogNCxcbiAgICBGV1BfTUFUQ0hfUkFOR0U6IDUsXG4gICAgRldQX01BVENIX0ZMQUdTX0FMTF9TRVQ6IDYsXG4gICAgRldQX01BVENIX0ZMQUdTX0FOWV9TRVQ6IDcsXG4gICAgRldQX01BVENIX0ZMQUdTX05PTkVfU0VUOiA4LFxuICAgIEZXUF9NQVRDSF9FUVVBTF9DQVNFX0lOU0VOU0lUSVZFOiA5LFxuICAgIEZXUF9NQVRDSF9OT1RfRVFVQUw6IDEwLFxuICAgIEZXUF9NQVRDSF9QUkVGSVg6IDExLFxuICAgIEZXUF9NQVRDSF9OT1RfUFJFRklYOiAxMixcbiAgfSxcbiAgRldQX0FDVElPTl9UWVBFOiB7XG4gICAgRldQX0FDVElPTl9CTE9DSzogMHgxMDAxLFxuICAgIEZXUF9BQ1RJT05fUEVSTUlUOiAweDEwMDIsXG4gICAgRldQX0FDVElPTl9DQUxMT1VUX1RFUk1JTkFUSU5HOiAweDUwMDMsXG4gICAgRldQX0FDVElPTl9DQUxMT1VUX0lOU1BFQ1RJT046IDB4NjAwNCxcbiAgICBGV1BfQUNUSU9OX0NBTExPVVRfVU5LTk9XTjogMHg0MDA1LFxuICAgIEZXUF9BQ1RJT05fQ09OVElOVUU6IDB4MjAwNixcbiAgICBGV1BfQUNUSU9OX05PTkU6IDB4NyxcbiAgICBGV1BfQUNUSU9OX05PTkVfTk9fTUFUQ0g6IDB4OCxcbiAgfSxcbiAgRldQX0lQX1ZFUlNJT046IHsgRldQX0lQX1ZFUlNJT05fVjQ6IDAsIEZXUF9JUF9WRVJTSU9OX1Y2OiAxLCBGV1BfSVBfVkVSU0lPTl9OT05FOiAyIH0sXG4gIEZXUF9ESVJFQ1RJT046IHsgRldQX0RJUkVDVElPTl9PVVRCT1VORDogMCwgRldQX0RJUkVDVElPTl9JTkJPVU5EOiAxIH0sXG4gIEZXUF9GSUxURVJfRU5VTV9UWVBFOiB7IEZXUF9GSUxURVJfRU5VTV9GVUxMWV9DT05UQUlORUQ6IDAsIEZXUF9GSUxURVJfRU5VTV9PVkVSTEFQUElORzogMSB9LFxuICBGV1BNX1BST1ZJREVSX0NPTlRFWFRfVFlQRToge1xuICAgIEZXUE1fSVBTRUNfS0VZSU5HX0NPTlRFWFQ6IDAsXG4gICAgRldQTV9JUFNFQ19JS0VfUU1fVFJBTlNQT1JUX0NPTlRFWFQ6IDEsXG4gICAgRldQTV9JUFNFQ19JS0VfUU1fVFVOTkVMX0NPTlRFWFQ6IDIsXG4gICAgRldQTV9JUFNFQ19BVVRISVBfUU1fVFJBTlNQT1JUX0NPTlRFWFQ6IDMsXG4gICAgRldQTV9JUFNFQ19BVVRISVBfUU1fVFVOTkVMX0NPTlRFWFQ6IDQsXG4gICAgRldQTV9JUFNFQ19JS0VfTU1fQ09OVEVYVDogNSxcbiAgICBGV1BNX0lQU0VDX0FVVEhJUF9NTV9DT05URVhUOiA2LFxuICAgIEZXUE1fQ0xBU1NJRllfT1BUSU9OU19DT05URVhUOiA3LFxuICAgIEZXUE1fR0VORVJBTF9DT05URVhUOiA4LFxuICAgIEZXUE1fSVBTRUNfSUtFVjJfUU1fVFVOTkVMX0NPTlRFWFQ6IDksXG4gICAgRldQTV9JUFNFQ19JS0VWMl9NTV9DT05URVhUOiAxMCxcbiAgICBGV1BNX0lQU0VDX0RPU1BfQ09OVEVYVDogMTEsXG4gICAgRldQTV9JUFNFQ19JS0VWMl9RTV9UUkFOU1BPUlRfQ09OVEVYVDogMTIsXG4gIH0sXG4gIElLRUVYVF9BVVRIRU5USUNBVElPTl9NRVRIT0RfVFlQRToge1xuICAgIElLRUVYVF9QUkVTSEFSRURfS0VZOiAwLFxuICAgIElLRUVYVF9DRVJUSUZJQ0FURTogMSxcbiAgICBJS0VFWFRfS0VSQkVST1M6IDIsXG4gICAgSUtFRVhUX0FOT05ZTU9VUzogMyxcbiAgICBJS0VFWFRfU1NMOiA0LFxuICAgIElLRUVYVF9OVExNX1YyOiA1LFxuICAgIElLRUVYVF9JUFY2X0NHQTogNixcbiAgICBJS0VFWFRfQ0VSVElGSUNBVEVfRUNEU0FfUDI1NjogNyxcbiAgICBJS0VFWFRfQ0VSVElGSUNBVEVfRUNEU0FfUDM4NDogOCxcbiAgICBJS0VFWFRfU1NMX0VDRFNBX1AyNTY6IDksXG4gICAgSUtFRVhUX1NTTF9FQ0RTQV9QMzg0OiAxMCxcbiAgICBJS0VFWFRfRUFQOiAxMSxcbiAgICBJS0VFWFRfUkVTRVJWRUQ6IDEyLFxuICB9LFxuICBJS0VFWFRfQ0lQSEVSX1RZUEU6IHtcbiAgICBJS0VFWFRfQ0lQSEVSX0RFUzogMCxcbiAgICBJS0VFWFRfQ0lQSEVSXzNERVM6IDEsXG4gICAgSUtFRVhUX0NJUEhFUl9BRVNfMTI4OiAyLFxuICAgIElLRUVYVF9DSVBIRVJfQUVTXzE5MjogMyxcbiAgICBJS0VFWFRfQ0lQSEVSX0FFU18yNTY6IDQsXG4gICAgSUtFRVhUX0NJUEhFUl9BRVNfR0NNXzEyOF8xNklDVjogNSxcbiAgICBJS0VFWFRfQ0lQSEVSX0FFU19HQ01fMjU2XzE2SUNWOiA2LFxuICB9LFxuICBJS0VFWFRfSU5URUdSSVRZX1RZUEU6IHtcbiAgICBJS0VFWFRfSU5URUdSSVRZX01ENTogMCxcbiAgICBJS0VFWFRfSU5URUdSSVRZX1NIQTE6IDEsXG4gICAgSUtFRVhUX0lOVEVHUklUWV9TSEFfMjU2OiAyLFxuICAgIElLRUVYVF9JTlRFR1JJVFlfU0hBXzM4NDogMyxcbiAgfSxcbiAgSUtFRVhUX0RIX0dST1VQOiB7XG4gICAgSUtFRVhUX0RIX0dST1VQX05PTkU6IDAsXG4gICAgSUtFRVhUX0RIX0dST1VQXzE6IDEsXG4gICAgSUtFRVhUX0RIX0dST1VQXzI6IDIsXG4gICAgSUtFRVhUX0RIX0dST1VQXzE0OiAzLFxuICAgIElLRUVYVF9ESF9HUk9VUF8yMDQ4OiAzLFxuICAgIElLRUVYVF9ESF9FQ1BfMjU2OiA0LFxuICAgIElLRUVYVF9ESF9FQ1BfMzg0OiA1LFxuICAgIElLRUVYVF9ESF9HUk9VUF8yNDogNixcbiAgfSxcbiAgSUtFRVhUX0tFWV9NT0RVTEVfVFlQRToge1xuICAgIElLRUVYVF9LRVlfTU9EVUxFX0lLRTogMCxcbiAgICBJS0VFWFRfS0VZX01PRFVMRV9BVVRISVA6IDEsXG4gICAgSUtFRVhUX0tFWV9NT0RVTEVfSUtFVjI6IDIsXG4gIH0sXG4gIElLRUVYVF9TQV9ST0xFOiB7IElLRUVYVF9TQV9ST0xFX0lOSVRJQVRPUjogMCwgSUtFRVhUX1NBX1JPTEVfUkVTUE9OREVSOiAxIH0sXG4gIElLRUVYVF9BVVRIRU5USUNBVElPTl9JTVBFUlNPTkFUSU9OX1RZUEU6IHtcbiAgICBJS0VFWFRfSU1QRVJTT05BVElPTl9OT05FOiAwLFxuICAgIElLRUVYVF9JTVBFUlNPTkFUSU9OX1NPQ0tFVF9QUklOQ0lQQUw6IDEsXG4gIH0sXG4gIElLRUVYVF9DRVJUX0NPTkZJR19UWVBFOiB7XG4gICAgSUtFRVhUX0NFUlRfQ09ORklHX0VYUExJQ0lUX1RSVVNUX0xJU1Q6IDAsXG4gICAgSUtFRVhUX0NFUlRfQ09ORklHX0VOVEVSUFJJU0VfU1RPUkU6IDEsXG4gICAgSUtFRVhUX0NFUlRfQ09ORklHX1RSVVNURURfUk9PVF9TVE9SRTogMixcbiAgICBJS0VFWFRfQ0VSVF9DT05GSUdfVU5TUEVDSUZJRUQ6IDMsXG4gIH0sXG4gIElLRUVYVF9DRVJUX0NSSVRFUklBX05BTUVfVFlQRToge1xuICAgIElLRUVYVF9DRVJUX0NSSVRFUklBX0ROUzogMCxcbiAgICBJS0VFWFRfQ0VSVF9DUklURVJJQV9VUE46IDEsXG4gICAgSUtFRVhUX0NFUlRfQ1JJVEVSSUFfUkZDODIyOiAyLFxuICAgIElLRUVYVF9DRVJUX0NSSVRFUklBX0NOOiAzLFxuICAgIElLRUVYVF9DRVJUX0NSSVRFUklBX09VOiA0LFxuICAgIElLRUVYVF9DRVJUX0NSSVRFUklBX086IDUsXG4gICAgSUtFRVhUX0NFUlRfQ1JJVEVSSUFfREM6IDYsXG4gIH0sXG4gIElLRUVYVF9NTV9TQV9TVEFURToge1xuICAgIElLRUVYVF9NTV9TQV9TVEFURV9OT05FOiAwLFxuICAgIElLRUVYVF9NTV9TQV9TVEFURV9TQV9TRU5UOiAxLFxuICAgIElLRUVYVF9NTV9TQV9TVEFURV9TU1BJX1NFTlQ6IDIsXG4gICAgSUtFRVhUX01NX1NBX1NUQVRFX0ZJTkFMOiAzLFxuICAgIElLRUVYVF9NTV9TQV9TVEFURV9GSU5BTF9TRU5UOiA0LFxuICAgIElLRUVYVF9NTV9TQV9TVEFURV9DT01QTEVURTogNSxcbiAgfSxcbiAgSUtFRVhUX1FNX1NBX1NUQVRFOiB7XG4gICAgSUtFRVhUX1FNX1NBX1NUQVRFX05PTkU6IDAsXG4gICAgSUtFRVhUX1FNX1NBX1NUQVRFX0lOSVRJQUw6IDEsXG4gICAgSUtFRVhUX1FNX1NBX1NUQVRFX0ZJTkFMOiAyLFxuICAgIElLRUVYVF9RTV9TQV9TVEFURV9DT01QTEVURTogMyxcbiAgfSxcbiAgSUtFRVhUX0VNX1NBX1NUQVRFOiB7XG4gICAgSUtFRVhUX0VNX1NBX1NUQVRFX05PTkU6IDAsXG4gICAgSUtFRVhUX0VNX1NBX1NUQVRFX1NFTlRfQVRUUzogMSxcbiAgICBJS0VFWFRfRU1fU0FfU1RBVEVfU1NQSV9TRU5UOiAyLFxuICAgIElLRUVYVF9FTV9TQV9TVEFURV9BVVRIX0NPTVBMRVRFOiAzLFxuICAgIElLRUVYVF9FTV9TQV9TVEFURV9GSU5BTDogNCxcbiAgICBJS0VFWFRfRU1fU0FfU1RBVEVfQ09NUExFVEU6IDUsXG4gIH0sXG4gIElQU0VDX1RSQU5TRk9STV9UWVBFOiB7XG4gICAgSVBTRUNfVFJBTlNGT1JNX0FIOiAxLFxuICAgIElQU0VDX1RSQU5TRk9STV9FU1BfQVVUSDogMixcbiAgICBJUFNFQ19UUkFOU0ZPUk1fRVNQX0NJUEhFUjogMyxcbiAgICBJUFNFQ19UUkFOU0ZPUk1fRVNQX0FVVEhfQU5EX0NJUEhFUjogNCxcbiAgICBJUFNFQ19UUkFOU0ZPUk1fRVNQX0FVVEhfRlc6IDUsXG4gIH0sXG4gIElQU0VDX0FVVEhfVFlQRToge1xuICAgIElQU0VDX0FVVEhfTUQ1OiAwLFxuICAgIElQU0VDX0FVVEhfU0hBXzE6IDEsXG4gICAgSVBTRUNfQVVUSF9TSEFfMjU2OiAyLFxuICAgIElQU0VDX0FVVEhfQUVTXzEyODogMyxcbiAgICBJUFNFQ19BVVRIX0FFU18xOTI6IDQsXG4gICAgSVBTRUNfQVVUSF9BRVNfMjU2OiA1LFxuICB9LFxuICBJUFNFQ19DSVBIRVJfVFlQRToge1xuICAgIElQU0VDX0NJUEhFUl9UWVBFX0RFUzogMSxcbiAgICBJUFNFQ19DSVBIRVJfVFlQRV8zREVTOiAyLFxuICAgIElQU0VDX0NJUEhFUl9UWVBFX0FFU18xMjg6IDMsXG4gICAgSVBTRUNfQ0lQSEVSX1RZUEVfQUVTXzE5MjogNCxcbiAgICBJUFNFQ19DSVBIRVJfVFlQRV9BRVNfMjU2OiA1LFxuICB9LFxuICBJUFNFQ19QRlNfR1JPVVA6IHtcbiAgICBJUFNFQ19QRlNfTk9ORTogMCxcbiAgICBJUFNFQ19QRlNfMTogMSxcbiAgICBJUFNFQ19QRlNfMjogMixcbiAgICBJUFNFQ19QRlNfMjA0ODogMyxcbiAgICBJUFNFQ19QRlNfMTQ6IDMsXG4gICAgSVBTRUNfUEZTX0VDUF8yNTY6IDQsXG4gICAgSVBTRUNfUEZTX0VDUF8zODQ6IDUsXG4gICAgSVBTRUNfUEZTX01NOiA2LFxuICAgIElQU0VDX1BGU18yNDogNyxcbiAgfSxcbiAgSVBTRUNfVFJBRkZJQ19UWVBFOiB7IElQU0VDX1RSQUZGSUNfVFlQRV9UUkFOU1BPUlQ6IDAsIElQU0VDX1RSQUZGSUNfVFlQRV9UVU5ORUw6IDEgfSxcbiAgSVBTRUNfRkFJTFVSRV9QT0lOVDogeyBJUFNFQ19GQUlMVVJFX05PTkU6IDAsIElQU0VDX0ZBSUxVUkVfTUU6IDEsIElQU0VDX0ZBSUxVUkVfUEVFUjogMiB9LFxuICBGV1BNX05FVF9FVkVOVF9UWVBFOiB7XG4gICAgRldQTV9ORVRfRVZFTlRfVFlQRV9JS0VFWFRfTU1fRkFJTFVSRTogMCxcbiAgICBGV1BNX05FVF9FVkVOVF9UWVBFX0lLRUVYVF9RTV9GQUlMVVJFOiAxLFxuICAgIEZXUE1fTkVUX0VWRU5UX1RZUEVfSUtFRVhUX0VNX0ZBSUxVUkU6IDIsXG4gICAgRldQTV9ORVRfRVZFTlRfVFlQRV9DTEFTU0lGWV9EUk9QOiAzLFxuICAgIEZXUE1fTkVUX0VWRU5UX1RZUEVfSVBTRUNfS0VSTkVMX0RST1A6IDQsXG4gICAgRldQTV9ORVRfRVZFTlRfVFlQRV9JUFNFQ19ET1NQX0RST1A6IDUsXG4gICAgRldQTV9ORVRfRVZFTlRfVFlQRV9DTEFTU0lGWV9BTExPVzogNixcbiAgICBGV1BNX05FVF9FVkVOVF9UWVBFX0NBUEFCSUxJVFlfRFJPUDogNyxcbiAgICBGV1BNX05FVF9FVkVOVF9UWVBFX0NBUEFCSUxJVFlfQUxMT1c6IDgsXG4gICAgRldQTV9ORVRfRVZFTlRfVFlQRV9DTEFTU0lGWV9EUk9QX01BQzogOSxcbiAgICBGV1BNX05FVF9FVkVOVF9UWVBFX0xQTV9QQUNLRVRfQVJSSVZBTDogMTAsXG4gIH0sXG4gIE5MX0FERFJFU1NfVFlQRTogeyBObGF0VW5zcGVjaWZpZWQ6IDAsIE5sYXRVbmljYXN0OiAxLCBObGF0QW55Y2FzdDogMiwgTmxhdE11bHRpY2FzdDogMywgTmxhdEJyb2FkY2FzdDogNCB9LFxufSBhcyBjb25zdDtcblxuLyoqXG4gKiBVSU5UOCBjb25maWd1cmF0aW9uIHZhbHVlcyBpbnNpZGUgSVBTRUNfQVVUSF9UUkFOU0ZPUk1fSUQwIC8gSVBTRUNfQ0lQSEVSX1RSQU5TRk9STV9JRDAuIFRoZSBTREsgZGVmaW5lc1xuICogdGhlc2UgYXMgbWFjcm9zIChtaW5ndyBsYWNrcyB0aGVtKSwgc28gdGhleSBhcmUga2VwdCBhcGFydCBmcm9tIHRoZSBDIGVudW1zIGFib3ZlLlxuICovXG5leHBvcnQgY29uc3QgVFJBTlNGT1JNX0NPTkZJR1MgPSB7XG4gIElQU0VDX0FVVEhfQ09ORklHOiB7XG4gICAgSVBTRUNfQVVUSF9DT05GSUdfSE1BQ19NRDVfOTY6IDAsXG4gICAgSVBTRUNfQVVUSF9DT05GSUdfSE1BQ19TSEFfMV85NjogMSxcbiAgICBJUFNFQ19BVVRIX0NPTkZJR19ITUFDX1NIQV8yNTZfMTI4OiAyLFxuICAgIElQU0VDX0FVVEhfQ09ORklHX0dDTV9BRVNfMTI4OiAzLFxuICAgIElQU0VDX0FVVEhfQ09ORklHX0dDTV9BRVNfMTkyOiA0LFxuICAgIElQU0VDX0FVVEhfQ09ORklHX0dDTV9BRVNfMjU2OiA1LFxuICB9LFxuICBJUFNFQ19DSVBIRVJfQ09ORklHOiB7XG4gICAgSVBTRUNfQ0lQSEVSX0NPTkZJR19DQkNfREVTOiAxLFxuICAgIElQU0VDX0NJUEhFUl9DT05GSUdfQ0JDXzNERVM6IDIsXG4gICAgSVBTRUNfQ0lQSEVSX0NPTkZJR19DQkNfQUVTXzEyODogMyxcbiAgICBJUFNFQ19DSVBIRVJfQ09ORklHX0NCQ19BRVNfMTkyOiA0LFxuICAgIElQU0VDX0NJUEhFUl9DT05GSUdfQ0JDX0FFU18yNTY6IDUsXG4gICAgSVBTRUNfQ0lQSEVSX0NPTkZJR19HQ01fQUVTXzEyODogNixcbiAgICBJUFNFQ19DSVBIRVJfQ09ORklHX0dDTV9BRVNfMTkyOiA3LFxuICAgIElQU0VDX0NJUEhFUl9DT05GSUdfR0NNX0FFU18yNTY6IDgsXG4gIH0sXG59IGFzIGNvbnN0O1xuXG4vKiogRmxhZyB3b3JkczogZmxhZyBmYW1pbHkgLT4gZmxhZyBuYW1lIC0+IGJpdCB2YWx1ZS4gKi9cbmV4cG9ydCBjb25zdCBGTEFHUyA9IHtcbiAgRldQTV9GSUxURVJfRkxBRzoge1xuICAgIEZXUE1fRklMVEVSX0ZMQUdfUEVSU0lTVEVOVDogMHgxLFxuICAgIEZXUE1fRklMVEVSX0ZMQUdfQk9PVFRJTUU6IDB4MixcbiAgICBGV1BNX0ZJTFRFUl9GTEFHX0hBU19QUk9WSURFUl9DT05URVhUOiAweDQsXG4gICAgRldQTV9GSUxURVJfRkxBR19DTEVBUl9BQ1RJT05fUklHSFQ6IDB4OCxcbiAgICBGV1BNX0ZJTFRFUl9GTEFHX1BFUk1JVF9JRl9DQUxMT1VUX1VOUkVHSVNURVJFRDogMHgxMCxcbiAgICBGV1BNX0ZJTFRFUl9GTEFHX0RJU0FCTEVEOiAweDIwLFxuICAgIEZXUE1fRklMVEVSX0ZMQUdfSU5ERVhFRDogMHg0MCxcbiAgICBGV1BNX0ZJTFRFUl9GTEFHX0hBU19TRUNVUklUWV9SRUFMTV9QUk9WSURFUl9DT05URVhUOiAweDgwLFxuICAgIEZXUE1fRklMVEVSX0ZMQUdfU1lTVEVNT1NfT05MWTogMHgxMDAsXG4gICAgRldQTV9GSUxURVJfRkxBR19HQU1FT1NfT05MWTogMHgyMDAsXG4gICAgRldQTV9GSUxURVJfRkxBR19TSUxFTlRfTU9ERTogMHg0MDAsXG4gICAgRldQTV9GSUxURVJfRkxBR19JUFNFQ19OT19BQ1FVSVJFX0lOSVRJQVRFOiAweDgwMCxcbiAgfSxcbiAgRldQTV9QUk9WSURFUl9GTEFHOiB7IEZXUE1fUFJPVklERVJfRkxBR19QRVJTSVNURU5UOiAweDEsIEZXUE1fUFJPVklERVJfRkxBR19ESVNBQkxFRDogMHgxMCB9LFxuICBGV1BNX1BST1ZJREVSX0NPTlRFWFRfRkxBRzoge1xuICAgIEZXUE1fUFJPVklERVJfQ09OVEVYVF9GTEFHX1BFUlNJU1RFTlQ6IDB4MSxcbiAgICBGV1BNX1BST1ZJREVSX0NPTlRFWFRfRkxBR19ET1dOTEVWRUw6IDB4MixcbiAgfSxcbiAgRldQTV9TVUJMQVlFUl9GTEFHOiB7IEZXUE1fU1VCTEFZRVJfRkxBR19QRVJTSVNURU5UOiAweDEgfSxcbiAgRldQTV9TRVNTSU9OX0ZMQUc6IHsgRldQTV9TRVNTSU9OX0ZMQUdfRFlOQU1JQzogMHgxIH0sXG4gIEZXUE1fVFhOX0ZMQUc6IHsgRldQTV9UWE5fUkVBRF9PTkxZOiAweDEgfSxcbiAgRldQTV9UVU5ORUxfRkxBRzoge1xuICAgIEZXUE1fVFVOTkVMX0ZMQUdfUE9JTlRfVE9fUE9JTlQ6IDB4MSxcbiAgICBGV1BNX1RVTk5FTF9GTEFHX0VOQUJMRV9WSVJUVUFMX0lGX1RVTk5FTElORzogMHgyLFxuICB9LFxuICBJS0VFWFRfUE9MSUNZX0ZMQUc6IHtcbiAgICBJS0VFWFRfUE9MSUNZX0ZMQUdfRElTQUJMRV9ESUFHTk9TVElDUzogMHgxLFxuICAgIElLRUVYVF9QT0xJQ1lfRkxBR19OT19NQUNISU5FX0xVSURfVkVSSUZZOiAweDIsXG4gICAgSUtFRVhUX1BPTElDWV9GTEFHX05PX0lNUEVSU09OQVRJT05fTFVJRF9WRVJJRlk6IDB4NCxcbiAgICBJS0VFWFRfUE9MSUNZX0ZMQUdfRU5BQkxFX09QVElPTkFMX0RIOiAweDgsXG4gICAgSUtFRVhUX1BPTElDWV9GTEFHX01PQklLRV9OT1RfU1VQUE9SVEVEOiAweDEwLFxuICAgIElLRUVYVF9QT0xJQ1lfRkxBR19TSVRFX1RPX1NJVEU6IDB4MjAsXG4gICAgSUtFRVhUX1BPTElDWV9GTEFHX0lNU19WUE46IDB4NDAsXG4gICAgSUtFRVhUX1BPTElDWV9FTkFCTEVfSUtFVjJfRlJBR01FTlRBVElPTjogMHg4MCxcbiAgICBJS0VFWFRfUE9MSUNZX1NVUFBPUlRfTE9XX1BPV0VSX01PREU6IDB4MTAwLFxuICB9LFxuICBJUFNFQ19QT0xJQ1lfRkxBRzoge1xuICAgIElQU0VDX1BPTElDWV9GTEFHX05EX1NFQ1VSRTogMHgyLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX05EX0JPVU5EQVJZOiAweDQsXG4gICAgSVBTRUNfUE9MSUNZX0ZMQUdfQ0xFQVJfREZfT05fVFVOTkVMOiAweDgsXG4gICAgSVBTRUNfUE9MSUNZX0ZMQUdfTkFUX0VOQ0FQX0FMTE9XX1BFRVJfQkVISU5EX05BVDogMHgxMCxcbiAgICBJUFNFQ19QT0xJQ1lfRkxBR19OQVRfRU5DQVBfQUxMT1dfR0VORVJBTF9OQVRfVFJBVkVSU0FMOiAweDIwLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX0RPTlRfTkVHT1RJQVRFX1NFQ09ORF9MSUZFVElNRTogMHg0MCxcbiAgICBJUFNFQ19QT0xJQ1lfRkxBR19ET05UX05FR09USUFURV9CWVRFX0xJRkVUSU1FOiAweDgwLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX0VOQUJMRV9WNl9JTl9WNF9UVU5ORUxJTkc6IDB4MTAwLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX0VOQUJMRV9TRVJWRVJfQUREUl9BU1NJR05NRU5UOiAweDIwMCxcbiAgICBJUFNFQ19QT0xJQ1lfRkxBR19UVU5ORUxfQUxMT1dfT1VUQk9VTkRfQ0xFQVJfQ09OTkVDVElPTjogMHg0MDAsXG4gICAgSVBTRUNfUE9MSUNZX0ZMQUdfVFVOTkVMX0JZUEFTU19BTFJFQURZX1NFQ1VSRV9DT05ORUNUSU9OOiAweDgwMCxcbiAgICBJUFNFQ19QT0xJQ1lfRkxBR19UVU5ORUxfQllQQVNTX0lDTVBWNjogMHgxMDAwLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX0tFWV9NQU5BR0VSX0FMTE9XX0RJQ1RBVEVfS0VZOiAweDIwMDAsXG4gICAgSVBTRUNfUE9MSUNZX0ZMQUdfS0VZX01BTkFHRVJfQUxMT1dfTk9USUZZX0tFWTogMHg0MDAwLFxuICAgIElQU0VDX1BPTElDWV9GTEFHX1NJVEVfVE9fU0lURV9UVU5ORUw6IDB4MTAwMDAsXG4gIH0sXG4gIEZXUF9DT05ESVRJT05fRkxBRzoge1xuICAgIEZXUF9DT05ESVRJT05fRkxBR19JU19MT09QQkFDSzogMHgxLFxuICAgIEZXUF9DT05ESVRJT05fRkxBR19JU19JUFNFQ19TRUNVUkVEOiAweDIsXG4gIH0sXG59IGFzIGNvbnN0O1xuXG4vKiogRmlsdGVyIGByYXdDb250ZXh0YCBiaXRzIGZvciB0aGUgYnVpbHQtaW4gSVBzZWMgY2FsbG91dHMgKGZ3cC9maWx0ZXItY29udGV4dC1pZGVudGlmaWVycykuICovXG5leHBvcnQgY29uc3QgRklMVEVSX0NPTlRFWFRTID0ge1xuICBGV1BNX0NPTlRFWFRfSVBTRUNfSU5CT1VORF9QQVNTVEhSVTogMHgxbixcbiAgRldQTV9DT05URVhUX0lQU0VDX0lOQk9VTkRfUEVSU0lTVF9DT05ORUNUSU9OX1NFQ1VSSVRZOiAweDJuLFxuICBGV1BNX0NPTlRFWFRfSVBTRUNfSU5CT1VORF9TRUNVUklUWV9SRUFMTV9JRDogMHg0bixcbiAgRldQTV9DT05URVhUX0lQU0VDX09VVEJPVU5EX05FR09USUFURV9ESVNDT1ZFUjogMHgxbixcbiAgRldQTV9DT05URVhUX0lQU0VDX09VVEJPVU5EX1NVUFBSRVNTX05FR09USUFUSU9OOiAweDJuLFxuICBGV1BNX0NPTlRFWFRfQUxFX1NFVF9DT05ORUNUSU9OX1JFUVVJUkVfSVBTRUNfU0VDVVJJVFk6IDB4Mm4sXG4gIEZXUE1fQ09OVEVYVF9BTEVfU0VUX0NPTk5FQ1RJT05fTEFaWV9TRF9FVkFMVUFUSU9OOiAweDRuLFxuICBGV1BNX0NPTlRFWFRfQUxFX1NFVF9DT05ORUNUSU9OX1JFUVVJUkVfSVBTRUNfRU5DUllQVElPTjogMHg4bixcbiAgRldQTV9DT05URVhUX0FMRV9TRVRfQ09OTkVDVElPTl9BTExPV19GSVJTVF9JTkJPVU5EX1BLVF9VTkVOQ1JZUFRFRDogMHgxMG4sXG4gIEZXUE1fQ09OVEVYVF9BTEVfQUxMT1dfQVVUSF9GVzogMHgyMG4sXG59IGFzIGNvbnN0O1xuXG4vKiogRmlsdGVyIHdlaWdodCByYW5nZXMgKGZ3cC9maWx0ZXItd2VpZ2h0LWlkZW50aWZpZXJzKS4gKi9cbmV4cG9ydCBjb25zdCBXRUlHSFRTID0ge1xuICBGV1BNX0FVVE9fV0VJR0hUX0JJVFM6IDYwLFxuICBGV1BNX1dFSUdIVF9SQU5HRV9JUFNFQzogMHgwLFxuICBGV1BNX1dFSUdIVF9SQU5HRV9JS0VfRVhFTVBUSU9OUzogMHhjLFxuICBGV1BNX1dFSUdIVF9SQU5HRV9NQVg6IDB4Zixcbn0gYXMgY29uc3Q7XG5cbi8qKiBNaXNjIG51bWVyaWMgY29uc3RhbnRzIHVzZWQgYXQgY2FsbCBzaXRlcy4gKi9cbmV4cG9ydCBjb25zdCBNSVNDID0ge1xuICBSUENfQ19BVVRITl9XSU5OVDogMTAsXG4gIFJQQ19DX0FVVEhOX0RFRkFVTFQ6IDB4ZmZmZmZmZmYsXG4gIElQUFJPVE9fSUNNUDogMSxcbiAgSVBQUk9UT19UQ1A6IDYsXG4gIElQUFJPVE9fVURQOiAxNyxcbiAgSVBQUk9UT19JQ01QVjY6IDU4LFxuICBTRERMX1JFVklTSU9OXzE6IDEsXG4gIEZXUF9BQ1RSTF9NQVRDSF9GSUxURVI6IDB4MSxcbn0gYXMgY29uc3Q7XG5cbi8qKlxuICogRldQX0VfKiBlcnJvciBjb2RlcyAod2luZXJyb3IuaCwgY29uc2VjdXRpdmUgZnJvbSAweDgwMzIwMDAxKSB3aXRoIGEgc2hvcnQsIHVzZXItZmFjaW5nIG1lYW5pbmcuXG4gKiBFUlJPUl8qIFdpbjMyIGNvZGVzIHRoZSBlbmdpbmUgY2FuIHJldHVybiBhcmUgbGlzdGVkIGFmdGVyIHRoZW0uXG4gKi9cbmV4cG9ydCBjb25zdCBFUlJPUlM6IFJlYWRvbmx5PFJlY29yZDxzdHJpbmcsIHsgY29kZTogbnVtYmVyOyBtZXNzYWdlOiBzdHJpbmcgfT4+ID0gT2JqZWN0LmZyZWV6ZSh7XG4gIEZXUF9FX0NBTExPVVRfTk9UX0ZPVU5EOiB7IGNvZGU6IDB4ODAzMjAwMDEsIG1lc3NhZ2U6IFwiVGhlIGNhbGxvdXQgZG9lcyBub3QgZXhpc3QuXCIgfSxcbiAgRldQX0VfQ09ORElUSU9OX05PVF9GT1VORDogeyBjb2RlOiAweDgwMzIwMDAyLCBtZXNzYWdlOiBcIlRoZSBmaWx0ZXIgY29uZGl0aW9uIGRvZXMgbm90IGV4aXN0LlwiIH0sXG4gIEZXUF9FX0ZJTFRFUl9OT1RfRk9VTkQ6IHsgY29kZTogMHg4MDMyMDAwMywgbWVzc2FnZTogXCJUaGUgZmlsdGVyIGRvZXMgbm90IGV4aXN0LlwiIH0sXG4gIEZXUF9FX0xBWUVSX05PVF9GT1VORDogeyBjb2RlOiAweDgwMzIwMDA0LCBtZXNzYWdlOiBcIlRoZSBsYXllciBkb2VzIG5vdCBleGlzdC5cIiB9LFxuICBGV1BfRV9QUk9WSURFUl9OT1RfRk9VTkQ6IHsgY29kZTogMHg4MDMyMDAwNSwgbWVzc2FnZTogXCJUaGUgcHJvdmlkZXIgZG9lcyBub3QgZXhpc3QuXCIgfSxcbiAgRldQX0VfUFJPVklERVJfQ09OVEVYVF9OT1RfRk9VTkQ6IHsgY29kZTogMHg4MDMyMDAwNiwgbWVzc2FnZTogXCJUaGUgcHJvdmlkZXIgY29udGV4dCBkb2VzIG5vdCBleGlzdC5cIiB9LFxuICBGV1BfRV9TVUJMQVlFUl9OT1RfRk9VTkQ6IHsgY29kZTogMHg4MDMyMDAwNywgbWVzc2FnZTogXCJUaGUgc3VibGF5ZXIgZG9lcyBub3QgZXhpc3QuXCIgfSxcbiAgRldQX0VfTk9UX0ZPVU5EOiB7IGNvZGU6IDB4ODAzMjAwMDgsIG1lc3NhZ2U6IFwiVGhlIG9iamVjdCBkb2VzIG5vdCBleGlzdC5cIiB9LFxuICBGV1BfRV9BTFJFQURZX0VYSVNUUzogeyBjb2RlOiAweDgwMzIwMDA5LCBtZXNzYWdlOiBcIkFuIG9iamVjdCB3aXRoIHRoYXQgR1VJRCBvciBMVUlEIGFscmVhZHkgZXhpc3RzLlwiIH0sXG4gIEZXUF9FX0lOX1VTRToge1xuICAgIGNvZGU6IDB4ODAzMjAwMGEsXG4gICAgbWVzc2FnZTogXCJUaGUgb2JqZWN0IGlzIHJlZmVyZW5jZWQgYnkgb3RoZXIgb2JqZWN0cyBzbyBjYW5ub3QgYmUgZGVsZXRlZC5cIixcbiAgfSxcbiAgRldQX0VfRFlOQU1JQ19TRVNTSU9OX0lOX1BST0dSRVNTOiB7XG4gICAgY29kZTogMHg4MDMyMDAwYixcbiAgICBtZXNzYWdlOiBcIlRoZSBjYWxsIGlzIG5vdCBhbGxvd2VkIGZyb20gd2l0aGluIGEgZHluYW1pYyBzZXNzaW9uLlwiLFxuICB9LFxuICBGV1BfRV9XUk9OR19TRVNTSU9OOiB7IGNvZGU6IDB4ODAzMjAwMGMsIG1lc3NhZ2U6IFwiVGhlIGNhbGwgd2FzIG1hZGUgZnJvbSB0aGUgd3Jvbmcgc2Vzc2lvbi5cIiB9LFxuICBGV1BfRV9OT19UWE5fSU5fUFJPR1JFU1M6IHtcbiAgICBjb2RlOiAweDgwMzIwMDBkLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNhbGwgbXVzdCBiZSBtYWRlIGZyb20gd2l0aGluIGFuIGV4cGxpY2l0IHRyYW5zYWN0aW9uLlwiLFxuICB9LFxuICBGV1BfRV9UWE5fSU5fUFJPR1JFU1M6IHtcbiAgICBjb2RlOiAweDgwMzIwMDBlLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNhbGwgaXMgbm90IGFsbG93ZWQgZnJvbSB3aXRoaW4gYW4gZXhwbGljaXQgdHJhbnNhY3Rpb24uXCIsXG4gIH0sXG4gIEZXUF9FX1RYTl9BQk9SVEVEOiB7IGNvZGU6IDB4ODAzMjAwMGYsIG1lc3NhZ2U6IFwiVGhlIGV4cGxpY2l0IHRyYW5zYWN0aW9uIGhhcyBiZWVuIGZvcmNpYmx5IGNhbmNlbGxlZC5cIiB9LFxuICBGV1BfRV9TRVNTSU9OX0FCT1JURUQ6IHsgY29kZTogMHg4MDMyMDAxMCwgbWVzc2FnZTogXCJUaGUgc2Vzc2lvbiBoYXMgYmVlbiBjYW5jZWxsZWQuXCIgfSxcbiAgRldQX0VfSU5DT01QQVRJQkxFX1RYTjoge1xuICAgIGNvZGU6IDB4ODAzMjAwMTEsXG4gICAgbWVzc2FnZTogXCJUaGUgY2FsbCBpcyBub3QgYWxsb3dlZCBmcm9tIHdpdGhpbiBhIHJlYWQtb25seSB0cmFuc2FjdGlvbi5cIixcbiAgfSxcbiAgRldQX0VfVElNRU9VVDoge1xuICAgIGNvZGU6IDB4ODAzMjAwMTIsXG4gICAgbWVzc2FnZTogXCJUaGUgY2FsbCB0aW1lZCBvdXQgd2hpbGUgd2FpdGluZyB0byBhY3F1aXJlIHRoZSB0cmFuc2FjdGlvbiBsb2NrLlwiLFxuICB9LFxuICBGV1BfRV9ORVRfRVZFTlRTX0RJU0FCTEVEOiB7XG4gICAgY29kZTogMHg4MDMyMDAxMyxcbiAgICBtZXNzYWdlOiBcIkNvbGxlY3Rpb24gb2YgbmV0d29yayBkaWFnbm9zdGljIGV2ZW50cyBpcyBkaXNhYmxlZC5cIixcbiAgfSxcbiAgRldQX0VfSU5DT01QQVRJQkxFX0xBWUVSOiB7XG4gICAgY29kZTogMHg4MDMyMDAxNCxcbiAgICBtZXNzYWdlOiBcIlRoZSBvcGVyYXRpb24gaXMgbm90IHN1cHBvcnRlZCBieSB0aGUgc3BlY2lmaWVkIGxheWVyLlwiLFxuICB9LFxuICBGV1BfRV9LTV9DTElFTlRTX09OTFk6IHsgY29kZTogMHg4MDMyMDAxNSwgbWVzc2FnZTogXCJUaGUgY2FsbCBpcyBhbGxvd2VkIGZvciBrZXJuZWwtbW9kZSBjYWxsZXJzIG9ubHkuXCIgfSxcbiAgRldQX0VfTElGRVRJTUVfTUlTTUFUQ0g6IHtcbiAgICBjb2RlOiAweDgwMzIwMDE2LFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNhbGwgdHJpZWQgdG8gYXNzb2NpYXRlIHR3byBvYmplY3RzIHdpdGggaW5jb21wYXRpYmxlIGxpZmV0aW1lcy5cIixcbiAgfSxcbiAgRldQX0VfQlVJTFRJTl9PQkpFQ1Q6IHsgY29kZTogMHg4MDMyMDAxNywgbWVzc2FnZTogXCJUaGUgb2JqZWN0IGlzIGJ1aWx0IGluIHNvIGNhbm5vdCBiZSBkZWxldGVkLlwiIH0sXG4gIEZXUF9FX1RPT19NQU5ZX0NBTExPVVRTOiB7IGNvZGU6IDB4ODAzMjAwMTgsIG1lc3NhZ2U6IFwiVGhlIG1heGltdW0gbnVtYmVyIG9mIGNhbGxvdXRzIGhhcyBiZWVuIHJlYWNoZWQuXCIgfSxcbiAgRldQX0VfTk9USUZJQ0FUSU9OX0RST1BQRUQ6IHsgY29kZTogMHg4MDMyMDAxOSwgbWVzc2FnZTogXCJBIG5vdGlmaWNhdGlvbiBjb3VsZCBub3QgYmUgZGVsaXZlcmVkLlwiIH0sXG4gIEZXUF9FX1RSQUZGSUNfTUlTTUFUQ0g6IHtcbiAgICBjb2RlOiAweDgwMzIwMDFhLFxuICAgIG1lc3NhZ2U6IFwiVGhlIHRyYWZmaWMgcGFyYW1ldGVycyBkbyBub3QgbWF0Y2ggdGhvc2UgZm9yIHRoZSBzZWN1cml0eSBhc3NvY2lhdGlvbiBjb250ZXh0LlwiLFxuICB9LFxuICBGV1BfRV9JTkNPTVBBVElCTEVfU0FfU1RBVEU6IHtcbiAgICBjb2RlOiAweDgwMzIwMDFiLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNhbGwgaXMgbm90IGFsbG93ZWQgZm9yIHRoZSBjdXJyZW50IHNlY3VyaXR5IGFzc29jaWF0aW9uIHN0YXRlLlwiLFxuICB9LFxuICBGV1BfRV9OVUxMX1BPSU5URVI6IHsgY29kZTogMHg4MDMyMDAxYywgbWVzc2FnZTogXCJBIHJlcXVpcmVkIHBvaW50ZXIgaXMgbnVsbC5cIiB9LFxuICBGV1BfRV9JTlZBTElEX0VOVU1FUkFUT1I6IHsgY29kZTogMHg4MDMyMDAxZCwgbWVzc2FnZTogXCJBbiBlbnVtZXJhdG9yIGlzIG5vdCB2YWxpZC5cIiB9LFxuICBGV1BfRV9JTlZBTElEX0ZMQUdTOiB7IGNvZGU6IDB4ODAzMjAwMWUsIG1lc3NhZ2U6IFwiVGhlIGZsYWdzIGZpZWxkIGNvbnRhaW5zIGFuIGludmFsaWQgdmFsdWUuXCIgfSxcbiAgRldQX0VfSU5WQUxJRF9ORVRfTUFTSzogeyBjb2RlOiAweDgwMzIwMDFmLCBtZXNzYWdlOiBcIkEgbmV0d29yayBtYXNrIGlzIG5vdCB2YWxpZC5cIiB9LFxuICBGV1BfRV9JTlZBTElEX1JBTkdFOiB7IGNvZGU6IDB4ODAzMjAwMjAsIG1lc3NhZ2U6IFwiQW4gRldQX1JBTkdFIGlzIG5vdCB2YWxpZC5cIiB9LFxuICBGV1BfRV9JTlZBTElEX0lOVEVSVkFMOiB7IGNvZGU6IDB4ODAzMjAwMjEsIG1lc3NhZ2U6IFwiVGhlIHRpbWUgaW50ZXJ2YWwgaXMgbm90IHZhbGlkLlwiIH0sXG4gIEZXUF9FX1pFUk9fTEVOR1RIX0FSUkFZOiB7XG4gICAgY29kZTogMHg4MDMyMDAyMixcbiAgICBtZXNzYWdlOiBcIkFuIGFycmF5IHRoYXQgbXVzdCBjb250YWluIGF0IGxlYXN0IG9uZSBlbGVtZW50IGlzIHplcm8tbGVuZ3RoLlwiLFxuICB9LFxuICBGV1BfRV9OVUxMX0RJU1BMQVlfTkFNRTogeyBjb2RlOiAweDgwMzIwMDIzLCBtZXNzYWdlOiBcIlRoZSBkaXNwbGF5RGF0YS5uYW1lIGZpZWxkIGNhbm5vdCBiZSBudWxsLlwiIH0sXG4gIEZXUF9FX0lOVkFMSURfQUNUSU9OX1RZUEU6IHtcbiAgICBjb2RlOiAweDgwMzIwMDI0LFxuICAgIG1lc3NhZ2U6IFwiVGhlIGFjdGlvbiB0eXBlIGlzIG5vdCBvbmUgb2YgdGhlIGFsbG93ZWQgYWN0aW9uIHR5cGVzLlwiLFxuICB9LFxuICBGV1BfRV9JTlZBTElEX1dFSUdIVDogeyBjb2RlOiAweDgwMzIwMDI1LCBtZXNzYWdlOiBcIlRoZSBmaWx0ZXIgd2VpZ2h0IGlzIG5vdCB2YWxpZC5cIiB9LFxuICBGV1BfRV9NQVRDSF9UWVBFX01JU01BVENIOiB7XG4gICAgY29kZTogMHg4MDMyMDAyNixcbiAgICBtZXNzYWdlOiBcIkEgZmlsdGVyIGNvbmRpdGlvbiBjb250YWlucyBhIG1hdGNoIHR5cGUgdGhhdCBpcyBub3QgY29tcGF0aWJsZSB3aXRoIHRoZSBvcGVyYW5kcy5cIixcbiAgfSxcbiAgRldQX0VfVFlQRV9NSVNNQVRDSDoge1xuICAgIGNvZGU6IDB4ODAzMjAwMjcsXG4gICAgbWVzc2FnZTogXCJBbiBGV1BfVkFMVUUgb3IgRldQTV9DT05ESVRJT05fVkFMVUUgaXMgb2YgdGhlIHdyb25nIHR5cGUuXCIsXG4gIH0sXG4gIEZXUF9FX09VVF9PRl9CT1VORFM6IHsgY29kZTogMHg4MDMyMDAyOCwgbWVzc2FnZTogXCJBbiBpbnRlZ2VyIHZhbHVlIGlzIG91dHNpZGUgdGhlIGFsbG93ZWQgcmFuZ2UuXCIgfSxcbiAgRldQX0VfUkVTRVJWRUQ6IHsgY29kZTogMHg4MDMyMDAyOSwgbWVzc2FnZTogXCJBIHJlc2VydmVkIGZpZWxkIGlzIG5vbnplcm8uXCIgfSxcbiAgRldQX0VfRFVQTElDQVRFX0NPTkRJVElPTjoge1xuICAgIGNvZGU6IDB4ODAzMjAwMmEsXG4gICAgbWVzc2FnZTogXCJBIGZpbHRlciBjYW5ub3QgY29udGFpbiBtdWx0aXBsZSBjb25kaXRpb25zIG9wZXJhdGluZyBvbiBhIHNpbmdsZSBmaWVsZC5cIixcbiAgfSxcbiAgRldQX0VfRFVQTElDQVRFX0tFWU1PRDoge1xuICAgIGNvZGU6IDB4ODAzMjAwMmIsXG4gICAgbWVzc2FnZTogXCJBIHBvbGljeSBjYW5ub3QgY29udGFpbiB0aGUgc2FtZSBrZXlpbmcgbW9kdWxlIG1vcmUgdGhhbiBvbmNlLlwiLFxuICB9LFxuICBGV1BfRV9BQ1RJT05fSU5DT01QQVRJQkxFX1dJVEhfTEFZRVI6IHtcbiAgICBjb2RlOiAweDgwMzIwMDJjLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGFjdGlvbiB0eXBlIGlzIG5vdCBjb21wYXRpYmxlIHdpdGggdGhlIGxheWVyLlwiLFxuICB9LFxuICBGV1BfRV9BQ1RJT05fSU5DT01QQVRJQkxFX1dJVEhfU1VCTEFZRVI6IHtcbiAgICBjb2RlOiAweDgwMzIwMDJkLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGFjdGlvbiB0eXBlIGlzIG5vdCBjb21wYXRpYmxlIHdpdGggdGhlIHN1YmxheWVyLlwiLFxuICB9LFxuICBGV1BfRV9DT05URVhUX0lOQ09NUEFUSUJMRV9XSVRIX0xBWUVSOiB7XG4gICAgY29kZTogMHg4MDMyMDAyZSxcbiAgICBtZXNzYWdlOiBcIlRoZSByYXcgY29udGV4dCBvciB0aGUgcHJvdmlkZXIgY29udGV4dCBpcyBub3QgY29tcGF0aWJsZSB3aXRoIHRoZSBsYXllci5cIixcbiAgfSxcbiAgRldQX0VfQ09OVEVYVF9JTkNPTVBBVElCTEVfV0lUSF9DQUxMT1VUOiB7XG4gICAgY29kZTogMHg4MDMyMDAyZixcbiAgICBtZXNzYWdlOiBcIlRoZSByYXcgY29udGV4dCBvciB0aGUgcHJvdmlkZXIgY29udGV4dCBpcyBub3QgY29tcGF0aWJsZSB3aXRoIHRoZSBjYWxsb3V0LlwiLFxuICB9LFxuICBGV1BfRV9JTkNPTVBBVElCTEVfQVVUSF9NRVRIT0Q6IHtcbiAgICBjb2RlOiAweDgwMzIwMDMwLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGF1dGhlbnRpY2F0aW9uIG1ldGhvZCBpcyBub3QgY29tcGF0aWJsZSB3aXRoIHRoZSBwb2xpY3kgdHlwZS5cIixcbiAgfSxcbiAgRldQX0VfSU5DT01QQVRJQkxFX0RIX0dST1VQOiB7XG4gICAgY29kZTogMHg4MDMyMDAzMSxcbiAgICBtZXNzYWdlOiBcIlRoZSBEaWZmaWUtSGVsbG1hbiBncm91cCBpcyBub3QgY29tcGF0aWJsZSB3aXRoIHRoZSBwb2xpY3kgdHlwZS5cIixcbiAgfSxcbiAgRldQX0VfRU1fTk9UX1NVUFBPUlRFRDoge1xuICAgIGNvZGU6IDB4ODAzMjAwMzIsXG4gICAgbWVzc2FnZTogXCJBbiBJS0UgcG9saWN5IGNhbm5vdCBjb250YWluIGFuIEV4dGVuZGVkIE1vZGUgcG9saWN5LlwiLFxuICB9LFxuICBGV1BfRV9ORVZFUl9NQVRDSDoge1xuICAgIGNvZGU6IDB4ODAzMjAwMzMsXG4gICAgbWVzc2FnZTogXCJUaGUgZW51bWVyYXRpb24gdGVtcGxhdGUgb3Igc3Vic2NyaXB0aW9uIHdpbGwgbmV2ZXIgbWF0Y2ggYW55IG9iamVjdHMuXCIsXG4gIH0sXG4gIEZXUF9FX1BST1ZJREVSX0NPTlRFWFRfTUlTTUFUQ0g6IHtcbiAgICBjb2RlOiAweDgwMzIwMDM0LFxuICAgIG1lc3NhZ2U6IFwiVGhlIHByb3ZpZGVyIGNvbnRleHQgaXMgb2YgdGhlIHdyb25nIHR5cGUuXCIsXG4gIH0sXG4gIEZXUF9FX0lOVkFMSURfUEFSQU1FVEVSOiB7IGNvZGU6IDB4ODAzMjAwMzUsIG1lc3NhZ2U6IFwiVGhlIHBhcmFtZXRlciBpcyBpbmNvcnJlY3QuXCIgfSxcbiAgRldQX0VfVE9PX01BTllfU1VCTEFZRVJTOiB7XG4gICAgY29kZTogMHg4MDMyMDAzNixcbiAgICBtZXNzYWdlOiBcIlRoZSBtYXhpbXVtIG51bWJlciBvZiBzdWJsYXllcnMgaGFzIGJlZW4gcmVhY2hlZC5cIixcbiAgfSxcbiAgRldQX0VfQ0FMTE9VVF9OT1RJRklDQVRJT05fRkFJTEVEOiB7XG4gICAgY29kZTogMHg4MDMyMDAzNyxcbiAgICBtZXNzYWdlOiBcIlRoZSBub3RpZmljYXRpb24gZnVuY3Rpb24gZm9yIGEgY2FsbG91dCByZXR1cm5lZCBhbiBlcnJvci5cIixcbiAgfSxcbiAgRldQX0VfSU5WQUxJRF9BVVRIX1RSQU5TRk9STToge1xuICAgIGNvZGU6IDB4ODAzMjAwMzgsXG4gICAgbWVzc2FnZTogXCJUaGUgSVBzZWMgYXV0aGVudGljYXRpb24gdHJhbnNmb3JtIGlzIG5vdCB2YWxpZC5cIixcbiAgfSxcbiAgRldQX0VfSU5WQUxJRF9DSVBIRVJfVFJBTlNGT1JNOiB7IGNvZGU6IDB4ODAzMjAwMzksIG1lc3NhZ2U6IFwiVGhlIElQc2VjIGNpcGhlciB0cmFuc2Zvcm0gaXMgbm90IHZhbGlkLlwiIH0sXG4gIEZXUF9FX0lOQ09NUEFUSUJMRV9DSVBIRVJfVFJBTlNGT1JNOiB7XG4gICAgY29kZTogMHg4MDMyMDAzYSxcbiAgICBtZXNzYWdlOiBcIlRoZSBJUHNlYyBjaXBoZXIgdHJhbnNmb3JtIGlzIG5vdCBjb21wYXRpYmxlIHdpdGggdGhlIHBvbGljeS5cIixcbiAgfSxcbiAgRldQX0VfSU5WQUxJRF9UUkFOU0ZPUk1fQ09NQklOQVRJT046IHtcbiAgICBjb2RlOiAweDgwMzIwMDNiLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNvbWJpbmF0aW9uIG9mIElQc2VjIHRyYW5zZm9ybSB0eXBlcyBpcyBub3QgdmFsaWQuXCIsXG4gIH0sXG4gIEZXUF9FX0RVUExJQ0FURV9BVVRIX01FVEhPRDoge1xuICAgIGNvZGU6IDB4ODAzMjAwM2MsXG4gICAgbWVzc2FnZTogXCJBIHBvbGljeSBjYW5ub3QgY29udGFpbiB0aGUgc2FtZSBhdXRoIG1ldGhvZCBtb3JlIHRoYW4gb25jZS5cIixcbiAgfSxcbiAgRldQX0VfSU5WQUxJRF9UVU5ORUxfRU5EUE9JTlQ6IHsgY29kZTogMHg4MDMyMDAzZCwgbWVzc2FnZTogXCJBIHR1bm5lbCBlbmRwb2ludCBjb25maWd1cmF0aW9uIGlzIGludmFsaWQuXCIgfSxcbiAgRldQX0VfTDJfRFJJVkVSX05PVF9SRUFEWTogeyBjb2RlOiAweDgwMzIwMDNlLCBtZXNzYWdlOiBcIlRoZSBXRlAgTUFDIGxheWVycyBhcmUgbm90IHJlYWR5LlwiIH0sXG4gIEZXUF9FX0tFWV9ESUNUQVRPUl9BTFJFQURZX1JFR0lTVEVSRUQ6IHtcbiAgICBjb2RlOiAweDgwMzIwMDNmLFxuICAgIG1lc3NhZ2U6IFwiQSBrZXkgbWFuYWdlciBjYXBhYmxlIG9mIGtleSBkaWN0YXRpb24gaXMgYWxyZWFkeSByZWdpc3RlcmVkLlwiLFxuICB9LFxuICBGV1BfRV9LRVlfRElDVEFUSU9OX0lOVkFMSURfS0VZSU5HX01BVEVSSUFMOiB7XG4gICAgY29kZTogMHg4MDMyMDA0MCxcbiAgICBtZXNzYWdlOiBcIkEga2V5IG1hbmFnZXIgZGljdGF0ZWQgaW52YWxpZCBrZXlzLlwiLFxuICB9LFxuICBGV1BfRV9DT05ORUNUSU9OU19ESVNBQkxFRDogeyBjb2RlOiAweDgwMzIwMDQxLCBtZXNzYWdlOiBcIlRoZSBCRkUgSVBzZWMgY29ubmVjdGlvbiB0cmFja2luZyBpcyBkaXNhYmxlZC5cIiB9LFxuICBGV1BfRV9JTlZBTElEX0ROU19OQU1FOiB7IGNvZGU6IDB4ODAzMjAwNDIsIG1lc3NhZ2U6IFwiVGhlIEROUyBuYW1lIGlzIGludmFsaWQuXCIgfSxcbiAgRldQX0VfU1RJTExfT046IHtcbiAgICBjb2RlOiAweDgwMzIwMDQzLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGVuZ2luZSBvcHRpb24gaXMgc3RpbGwgZW5hYmxlZCBkdWUgdG8gb3RoZXIgY29uZmlndXJhdGlvbiBzZXR0aW5ncy5cIixcbiAgfSxcbiAgRldQX0VfSUtFRVhUX05PVF9SVU5OSU5HOiB7IGNvZGU6IDB4ODAzMjAwNDQsIG1lc3NhZ2U6IFwiVGhlIElLRUVYVCBzZXJ2aWNlIGlzIG5vdCBydW5uaW5nLlwiIH0sXG4gIEZXUF9FX0RST1BfTk9JQ01QOiB7IGNvZGU6IDB4ODAzMjAxMDQsIG1lc3NhZ2U6IFwiVGhlIHBhY2tldCBzaG91bGQgYmUgZHJvcHBlZCwgbm8gSUNNUCBzaG91bGQgYmUgc2VudC5cIiB9LFxuICBFUlJPUl9BQ0NFU1NfREVOSUVEOiB7IGNvZGU6IDB4NSwgbWVzc2FnZTogXCJBY2Nlc3MgaXMgZGVuaWVkIChydW4gZWxldmF0ZWQpLlwiIH0sXG4gIEVSUk9SX05PVF9TVVBQT1JURUQ6IHsgY29kZTogMHgzMiwgbWVzc2FnZTogXCJUaGUgcmVxdWVzdCBpcyBub3Qgc3VwcG9ydGVkLlwiIH0sXG4gIEVSUk9SX0lOVkFMSURfUEFSQU1FVEVSOiB7IGNvZGU6IDB4NTcsIG1lc3NhZ2U6IFwiVGhlIHBhcmFtZXRlciBpcyBpbmNvcnJlY3QuXCIgfSxcbiAgRVJST1JfTk9UX0VOT1VHSF9NRU1PUlk6IHsgY29kZTogMHg4LCBtZXNzYWdlOiBcIk5vdCBlbm91Z2ggbWVtb3J5IHJlc291cmNlcyBhcmUgYXZhaWxhYmxlLlwiIH0sXG4gIEVSUk9SX0lOVkFMSURfSEFORExFOiB7IGNvZGU6IDB4NiwgbWVzc2FnZTogXCJUaGUgaGFuZGxlIGlzIGludmFsaWQuXCIgfSxcbiAgLy8gV2luMzIgZXJyb3IgMTMzOCBpbiBpdHMgSFJFU1VMVCBmb3JtICgweDgwMDcwMDAwIHwgMTMzOCksIHdoaWNoIGlzIGhvdyBGd3BtRmlsdGVyQWRkMCByZXBvcnRzIGEgYmFkIG9yXG4gIC8vIGFic29sdXRlLWZvcm1hdCBTRCBpbiBhIGNvbmRpdGlvbiAodGhlIGVuZ2luZSdzIGRvY3VtZW50ZWQgZm9ybSk7IHdpbmVycm9yLmggZ2l2ZXMgdGhlIGJhcmUgMTMzOCB0aGlzIG5hbWUuXG4gIEVSUk9SX0lOVkFMSURfU0VDVVJJVFlfREVTQ1I6IHtcbiAgICBjb2RlOiAweDgwMDcwNTNhLFxuICAgIG1lc3NhZ2U6IFwiVGhlIHNlY3VyaXR5IGRlc2NyaXB0b3Igc3RydWN0dXJlIGlzIGludmFsaWQuXCIsXG4gIH0sXG4gIFJQQ19TX0NBTk5PVF9TVVBQT1JUOiB7IGNvZGU6IDE3NjQsIG1lc3NhZ2U6IFwiVGhlIHJlcXVlc3RlZCBvcGVyYXRpb24gaXMgbm90IHN1cHBvcnRlZCAoUlBDKS5cIiB9LFxuICBFUFRfU19OT1RfUkVHSVNURVJFRDoge1xuICAgIGNvZGU6IDE3NTMsXG4gICAgbWVzc2FnZTogXCJUaGUgQmFzZSBGaWx0ZXJpbmcgRW5naW5lIGlzIG5vdCBydW5uaW5nIChubyBSUEMgZW5kcG9pbnQpLlwiLFxuICB9LFxufSk7XG5cbi8qKlxuICogSUtFL0F1dGhJUCBmYWlsdXJlIGNvZGVzIChXaW4zMiBFUlJPUl9JUFNFQ19JS0VfKiwgd2luZXJyb3IuaCAxMzgwMS0xMzkwOCkgYXMgbmV0IGV2ZW50cyByZXBvcnQgdGhlbSBpblxuICogYGZhaWx1cmVFcnJvckNvZGVgLCB3aXRoIGEgc2hvcnQgbWVhbmluZy4gVGhlIHJhbmdlIG1hcmtlcnMgKE5FR19TVEFUVVNfQkVHSU4vRU5EKSBhcmUgbm90IGVycm9ycy5cbiAqL1xuZXhwb3J0IGNvbnN0IElLRV9FUlJPUlM6IFJlYWRvbmx5PFJlY29yZDxzdHJpbmcsIHsgY29kZTogbnVtYmVyOyBtZXNzYWdlOiBzdHJpbmcgfT4+ID0gT2JqZWN0LmZyZWV6ZSh7XG4gIEVSUk9SX0lQU0VDX0lLRV9BVVRIX0ZBSUw6IHsgY29kZTogMTM4MDEsIG1lc3NhZ2U6IFwiSUtFIGF1dGhlbnRpY2F0aW9uIGNyZWRlbnRpYWxzIGFyZSB1bmFjY2VwdGFibGUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0FUVFJJQl9GQUlMOiB7IGNvZGU6IDEzODAyLCBtZXNzYWdlOiBcIklLRSBzZWN1cml0eSBhdHRyaWJ1dGVzIGFyZSB1bmFjY2VwdGFibGUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX05FR09USUFUSU9OX1BFTkRJTkc6IHsgY29kZTogMTM4MDMsIG1lc3NhZ2U6IFwiSUtFIG5lZ290aWF0aW9uIGluIHByb2dyZXNzLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9HRU5FUkFMX1BST0NFU1NJTkdfRVJST1I6IHsgY29kZTogMTM4MDQsIG1lc3NhZ2U6IFwiR2VuZXJhbCBwcm9jZXNzaW5nIGVycm9yLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9USU1FRF9PVVQ6IHsgY29kZTogMTM4MDUsIG1lc3NhZ2U6IFwiTmVnb3RpYXRpb24gdGltZWQgb3V0LlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9OT19DRVJUOiB7IGNvZGU6IDEzODA2LCBtZXNzYWdlOiBcIklLRSBmYWlsZWQgdG8gZmluZCBhIHZhbGlkIG1hY2hpbmUgY2VydGlmaWNhdGUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1NBX0RFTEVURUQ6IHtcbiAgICBjb2RlOiAxMzgwNyxcbiAgICBtZXNzYWdlOiBcIlRoZSBJS0Ugc2VjdXJpdHkgYXNzb2NpYXRpb24gd2FzIGRlbGV0ZWQgYnkgYSBwZWVyIGJlZm9yZSBpdCB3YXMgZXN0YWJsaXNoZWQuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9TQV9SRUFQRUQ6IHtcbiAgICBjb2RlOiAxMzgwOCxcbiAgICBtZXNzYWdlOiBcIlRoZSBJS0Ugc2VjdXJpdHkgYXNzb2NpYXRpb24gd2FzIGRlbGV0ZWQgYmVmb3JlIGl0IHdhcyBlc3RhYmxpc2hlZC5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX01NX0FDUVVJUkVfRFJPUDoge1xuICAgIGNvZGU6IDEzODA5LFxuICAgIG1lc3NhZ2U6IFwiTmVnb3RpYXRpb24gcmVxdWVzdCBzYXQgaW4gdGhlIG1haW4tbW9kZSBxdWV1ZSB0b28gbG9uZy5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1FNX0FDUVVJUkVfRFJPUDoge1xuICAgIGNvZGU6IDEzODEwLFxuICAgIG1lc3NhZ2U6IFwiTmVnb3RpYXRpb24gcmVxdWVzdCBzYXQgaW4gdGhlIHF1aWNrLW1vZGUgcXVldWUgdG9vIGxvbmcuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9RVUVVRV9EUk9QX01NOiB7XG4gICAgY29kZTogMTM4MTEsXG4gICAgbWVzc2FnZTogXCJOZWdvdGlhdGlvbiByZXF1ZXN0IHNhdCBpbiB0aGUgcXVldWUgdG9vIGxvbmcgKG1haW4gbW9kZSkuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9RVUVVRV9EUk9QX05PX01NOiB7XG4gICAgY29kZTogMTM4MTIsXG4gICAgbWVzc2FnZTogXCJOZWdvdGlhdGlvbiByZXF1ZXN0IHNhdCBpbiB0aGUgcXVldWUgdG9vIGxvbmcgKG5vIG1haW4gbW9kZSkuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9EUk9QX05PX1JFU1BPTlNFOiB7IGNvZGU6IDEzODEzLCBtZXNzYWdlOiBcIk5vIHJlc3BvbnNlIGZyb20gdGhlIHBlZXIuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX01NX0RFTEFZX0RST1A6IHsgY29kZTogMTM4MTQsIG1lc3NhZ2U6IFwiTmVnb3RpYXRpb24gdG9vayB0b28gbG9uZyAobWFpbiBtb2RlKS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUU1fREVMQVlfRFJPUDogeyBjb2RlOiAxMzgxNSwgbWVzc2FnZTogXCJOZWdvdGlhdGlvbiB0b29rIHRvbyBsb25nIChxdWljayBtb2RlKS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfRVJST1I6IHsgY29kZTogMTM4MTYsIG1lc3NhZ2U6IFwiQW4gdW5rbm93biBJS0UgZXJyb3Igb2NjdXJyZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0NSTF9GQUlMRUQ6IHsgY29kZTogMTM4MTcsIG1lc3NhZ2U6IFwiQ2VydGlmaWNhdGUgcmV2b2NhdGlvbiBjaGVjayBmYWlsZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfS0VZX1VTQUdFOiB7IGNvZGU6IDEzODE4LCBtZXNzYWdlOiBcIkludmFsaWQgY2VydGlmaWNhdGUga2V5IHVzYWdlLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9JTlZBTElEX0NFUlRfVFlQRTogeyBjb2RlOiAxMzgxOSwgbWVzc2FnZTogXCJJbnZhbGlkIGNlcnRpZmljYXRlIHR5cGUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX05PX1BSSVZBVEVfS0VZOiB7XG4gICAgY29kZTogMTM4MjAsXG4gICAgbWVzc2FnZTogXCJObyBwcml2YXRlIGtleSBpcyBhc3NvY2lhdGVkIHdpdGggdGhlIG1hY2hpbmUgY2VydGlmaWNhdGUuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9ESF9GQUlMOiB7IGNvZGU6IDEzODIyLCBtZXNzYWdlOiBcIkZhaWx1cmUgaW4gRGlmZmllLUhlbGxtYW4gY29tcHV0YXRpb24uXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfSEVBREVSOiB7IGNvZGU6IDEzODI0LCBtZXNzYWdlOiBcIkludmFsaWQgaGVhZGVyLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9OT19QT0xJQ1k6IHsgY29kZTogMTM4MjUsIG1lc3NhZ2U6IFwiTm8gcG9saWN5IGNvbmZpZ3VyZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfU0lHTkFUVVJFOiB7IGNvZGU6IDEzODI2LCBtZXNzYWdlOiBcIkZhaWxlZCB0byB2ZXJpZnkgdGhlIHNpZ25hdHVyZS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfS0VSQkVST1NfRVJST1I6IHsgY29kZTogMTM4MjcsIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIGF1dGhlbnRpY2F0ZSB1c2luZyBLZXJiZXJvcy5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfTk9fUFVCTElDX0tFWToge1xuICAgIGNvZGU6IDEzODI4LFxuICAgIG1lc3NhZ2U6IFwiVGhlIHBlZXIncyBjZXJ0aWZpY2F0ZSBkaWQgbm90IGhhdmUgYSBwdWJsaWMga2V5LlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlI6IHsgY29kZTogMTM4MjksIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgZXJyb3IgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfU0E6IHsgY29kZTogMTM4MzAsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgU0EgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfUFJPUDogeyBjb2RlOiAxMzgzMSwgbWVzc2FnZTogXCJFcnJvciBwcm9jZXNzaW5nIHRoZSBwcm9wb3NhbCBwYXlsb2FkLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9QUk9DRVNTX0VSUl9UUkFOUzogeyBjb2RlOiAxMzgzMiwgbWVzc2FnZTogXCJFcnJvciBwcm9jZXNzaW5nIHRoZSB0cmFuc2Zvcm0gcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfS0U6IHsgY29kZTogMTM4MzMsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUga2V5IGV4Y2hhbmdlIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BST0NFU1NfRVJSX0lEOiB7IGNvZGU6IDEzODM0LCBtZXNzYWdlOiBcIkVycm9yIHByb2Nlc3NpbmcgdGhlIElEIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BST0NFU1NfRVJSX0NFUlQ6IHsgY29kZTogMTM4MzUsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgY2VydGlmaWNhdGUgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfQ0VSVF9SRVE6IHtcbiAgICBjb2RlOiAxMzgzNixcbiAgICBtZXNzYWdlOiBcIkVycm9yIHByb2Nlc3NpbmcgdGhlIGNlcnRpZmljYXRlIHJlcXVlc3QgcGF5bG9hZC5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BST0NFU1NfRVJSX0hBU0g6IHsgY29kZTogMTM4MzcsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgaGFzaCBwYXlsb2FkLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9QUk9DRVNTX0VSUl9TSUc6IHsgY29kZTogMTM4MzgsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgc2lnbmF0dXJlIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BST0NFU1NfRVJSX05PTkNFOiB7IGNvZGU6IDEzODM5LCBtZXNzYWdlOiBcIkVycm9yIHByb2Nlc3NpbmcgdGhlIG5vbmNlIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BST0NFU1NfRVJSX05PVElGWTogeyBjb2RlOiAxMzg0MCwgbWVzc2FnZTogXCJFcnJvciBwcm9jZXNzaW5nIHRoZSBub3RpZnkgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfREVMRVRFOiB7IGNvZGU6IDEzODQxLCBtZXNzYWdlOiBcIkVycm9yIHByb2Nlc3NpbmcgdGhlIGRlbGV0ZSBwYXlsb2FkLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9QUk9DRVNTX0VSUl9WRU5ET1I6IHsgY29kZTogMTM4NDIsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgdmVuZG9yIElEIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfUEFZTE9BRDogeyBjb2RlOiAxMzg0MywgbWVzc2FnZTogXCJJbnZhbGlkIHBheWxvYWQgcmVjZWl2ZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0xPQURfU09GVF9TQTogeyBjb2RlOiAxMzg0NCwgbWVzc2FnZTogXCJTb2Z0IFNBIGxvYWRlZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfU09GVF9TQV9UT1JOX0RPV046IHsgY29kZTogMTM4NDUsIG1lc3NhZ2U6IFwiU29mdCBTQSB0b3JuIGRvd24uXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfQ09PS0lFOiB7IGNvZGU6IDEzODQ2LCBtZXNzYWdlOiBcIkludmFsaWQgY29va2llIHJlY2VpdmVkLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9OT19QRUVSX0NFUlQ6IHtcbiAgICBjb2RlOiAxMzg0NyxcbiAgICBtZXNzYWdlOiBcIlRoZSBwZWVyIGZhaWxlZCB0byBzZW5kIGEgdmFsaWQgbWFjaGluZSBjZXJ0aWZpY2F0ZS5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BFRVJfQ1JMX0ZBSUxFRDoge1xuICAgIGNvZGU6IDEzODQ4LFxuICAgIG1lc3NhZ2U6IFwiQ2VydGlmaWNhdGUgcmV2b2NhdGlvbiBjaGVjayBvZiB0aGUgcGVlcidzIGNlcnRpZmljYXRlIGZhaWxlZC5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BPTElDWV9DSEFOR0U6IHtcbiAgICBjb2RlOiAxMzg0OSxcbiAgICBtZXNzYWdlOiBcIk5ldyBwb2xpY3kgaW52YWxpZGF0ZWQgU0FzIGZvcm1lZCB3aXRoIHRoZSBvbGQgcG9saWN5LlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfTk9fTU1fUE9MSUNZOiB7IGNvZGU6IDEzODUwLCBtZXNzYWdlOiBcIlRoZXJlIGlzIG5vIGF2YWlsYWJsZSBtYWluLW1vZGUgSUtFIHBvbGljeS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfTk9UQ0JQUklWOiB7IGNvZGU6IDEzODUxLCBtZXNzYWdlOiBcIkZhaWxlZCB0byBlbmFibGUgVENCIHByaXZpbGVnZS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfU0VDTE9BREZBSUw6IHsgY29kZTogMTM4NTIsIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIGxvYWQgU0VDVVJJVFkuRExMLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9GQUlMU1NQSU5JVDoge1xuICAgIGNvZGU6IDEzODUzLFxuICAgIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIG9idGFpbiB0aGUgc2VjdXJpdHkgZnVuY3Rpb24gdGFibGUgZGlzcGF0Y2ggYWRkcmVzcyBmcm9tIHRoZSBTU1BJLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfRkFJTFFVRVJZU1NQOiB7XG4gICAgY29kZTogMTM4NTQsXG4gICAgbWVzc2FnZTogXCJGYWlsZWQgdG8gcXVlcnkgdGhlIEtlcmJlcm9zIHBhY2thZ2UgZm9yIHRoZSB0b2tlbiBzaXplLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfU1JWQUNRRkFJTDoge1xuICAgIGNvZGU6IDEzODU1LFxuICAgIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIG9idGFpbiB0aGUgS2VyYmVyb3Mgc2VydmVyIGNyZWRlbnRpYWxzIGZvciB0aGUgSVNBS01QL0VSUk9SX0lQU0VDX0lLRSBzZXJ2aWNlLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfU1JWUVVFUllDUkVEOiB7XG4gICAgY29kZTogMTM4NTYsXG4gICAgbWVzc2FnZTogXCJGYWlsZWQgdG8gZGV0ZXJtaW5lIHRoZSBTU1BJIHByaW5jaXBhbCBuYW1lIGZvciB0aGUgSVNBS01QL0VSUk9SX0lQU0VDX0lLRSBzZXJ2aWNlLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfR0VUU1BJRkFJTDoge1xuICAgIGNvZGU6IDEzODU3LFxuICAgIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIG9idGFpbiBhIG5ldyBTUEkgZm9yIHRoZSBpbmJvdW5kIFNBIGZyb20gdGhlIElQc2VjIGRyaXZlci5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfRklMVEVSOiB7IGNvZGU6IDEzODU4LCBtZXNzYWdlOiBcIlRoZSBnaXZlbiBmaWx0ZXIgaXMgaW52YWxpZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfT1VUX09GX01FTU9SWTogeyBjb2RlOiAxMzg1OSwgbWVzc2FnZTogXCJNZW1vcnkgYWxsb2NhdGlvbiBmYWlsZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0FERF9VUERBVEVfS0VZX0ZBSUxFRDoge1xuICAgIGNvZGU6IDEzODYwLFxuICAgIG1lc3NhZ2U6IFwiRmFpbGVkIHRvIGFkZCB0aGUgc2VjdXJpdHkgYXNzb2NpYXRpb24gdG8gdGhlIElQc2VjIGRyaXZlci5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfUE9MSUNZOiB7IGNvZGU6IDEzODYxLCBtZXNzYWdlOiBcIkludmFsaWQgcG9saWN5LlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9VTktOT1dOX0RPSTogeyBjb2RlOiAxMzg2MiwgbWVzc2FnZTogXCJJbnZhbGlkIERPSS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9TSVRVQVRJT046IHsgY29kZTogMTM4NjMsIG1lc3NhZ2U6IFwiSW52YWxpZCBzaXR1YXRpb24uXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0RIX0ZBSUxVUkU6IHsgY29kZTogMTM4NjQsIG1lc3NhZ2U6IFwiRGlmZmllLUhlbGxtYW4gZmFpbHVyZS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9HUk9VUDogeyBjb2RlOiAxMzg2NSwgbWVzc2FnZTogXCJJbnZhbGlkIERpZmZpZS1IZWxsbWFuIGdyb3VwLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9FTkNSWVBUOiB7IGNvZGU6IDEzODY2LCBtZXNzYWdlOiBcIkVycm9yIGVuY3J5cHRpbmcgdGhlIHBheWxvYWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0RFQ1JZUFQ6IHsgY29kZTogMTM4NjcsIG1lc3NhZ2U6IFwiRXJyb3IgZGVjcnlwdGluZyB0aGUgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUE9MSUNZX01BVENIOiB7IGNvZGU6IDEzODY4LCBtZXNzYWdlOiBcIlBvbGljeSBtYXRjaCBlcnJvcjogbm8gcHJvcG9zYWwgbWF0Y2hlcy5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfVU5TVVBQT1JURURfSUQ6IHsgY29kZTogMTM4NjksIG1lc3NhZ2U6IFwiVW5zdXBwb3J0ZWQgSUQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfSEFTSDogeyBjb2RlOiAxMzg3MCwgbWVzc2FnZTogXCJIYXNoIHZlcmlmaWNhdGlvbiBmYWlsZWQuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfSEFTSF9BTEc6IHsgY29kZTogMTM4NzEsIG1lc3NhZ2U6IFwiSW52YWxpZCBoYXNoIGFsZ29yaXRobS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9IQVNIX1NJWkU6IHsgY29kZTogMTM4NzIsIG1lc3NhZ2U6IFwiSW52YWxpZCBoYXNoIHNpemUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOVkFMSURfRU5DUllQVF9BTEc6IHsgY29kZTogMTM4NzMsIG1lc3NhZ2U6IFwiSW52YWxpZCBlbmNyeXB0aW9uIGFsZ29yaXRobS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9BVVRIX0FMRzogeyBjb2RlOiAxMzg3NCwgbWVzc2FnZTogXCJJbnZhbGlkIGF1dGhlbnRpY2F0aW9uIGFsZ29yaXRobS5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9TSUc6IHsgY29kZTogMTM4NzUsIG1lc3NhZ2U6IFwiSW52YWxpZCBjZXJ0aWZpY2F0ZSBzaWduYXR1cmUuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0xPQURfRkFJTEVEOiB7IGNvZGU6IDEzODc2LCBtZXNzYWdlOiBcIkxvYWQgZmFpbGVkLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9SUENfREVMRVRFOiB7IGNvZGU6IDEzODc3LCBtZXNzYWdlOiBcIkRlbGV0ZWQgdmlhIGFuIFJQQyBjYWxsLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9CRU5JR05fUkVJTklUOiB7XG4gICAgY29kZTogMTM4NzgsXG4gICAgbWVzc2FnZTogXCJBIHRlbXBvcmFyeSBzdGF0ZSB3YXMgY3JlYXRlZCB0byBwZXJmb3JtIHJlaW5pdGlhbGl6YXRpb24gKG5vdCBhIHJlYWwgZmFpbHVyZSkuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9JTlZBTElEX1JFU1BPTkRFUl9MSUZFVElNRV9OT1RJRlk6IHtcbiAgICBjb2RlOiAxMzg3OSxcbiAgICBtZXNzYWdlOiBcIlRoZSBsaWZldGltZSB2YWx1ZSBpbiB0aGUgcmVzcG9uZGVyLWxpZmV0aW1lIG5vdGlmeSBpcyBiZWxvdyB0aGUgY29uZmlndXJlZCBtaW5pbXVtLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9DRVJUX0tFWUxFTjoge1xuICAgIGNvZGU6IDEzODgxLFxuICAgIG1lc3NhZ2U6IFwiVGhlIGtleSBsZW5ndGggaW4gdGhlIGNlcnRpZmljYXRlIGlzIHRvbyBzbWFsbCBmb3IgdGhlIGNvbmZpZ3VyZWQgc2VjdXJpdHkgcmVxdWlyZW1lbnRzLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfTU1fTElNSVQ6IHtcbiAgICBjb2RlOiAxMzg4MixcbiAgICBtZXNzYWdlOiBcIk1heGltdW0gbnVtYmVyIG9mIGVzdGFibGlzaGVkIG1haW4tbW9kZSBTQXMgdG8gdGhlIHBlZXIgZXhjZWVkZWQuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9ORUdPVElBVElPTl9ESVNBQkxFRDoge1xuICAgIGNvZGU6IDEzODgzLFxuICAgIG1lc3NhZ2U6IFwiVGhlIElLRSByZWNlaXZlZCBhIHBvbGljeSB0aGF0IGRpc2FibGVzIG5lZ290aWF0aW9uLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUU1fTElNSVQ6IHtcbiAgICBjb2RlOiAxMzg4NCxcbiAgICBtZXNzYWdlOiBcIlJlYWNoZWQgdGhlIG1heGltdW0gcXVpY2stbW9kZSBsaW1pdCBmb3IgdGhlIG1haW4gbW9kZTsgYSBuZXcgbWFpbiBtb2RlIHdpbGwgYmUgc3RhcnRlZC5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX01NX0VYUElSRUQ6IHtcbiAgICBjb2RlOiAxMzg4NSxcbiAgICBtZXNzYWdlOiBcIlRoZSBtYWluLW1vZGUgU0EgbGlmZXRpbWUgZXhwaXJlZCBvciB0aGUgcGVlciBzZW50IGEgbWFpbi1tb2RlIGRlbGV0ZS5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1BFRVJfTU1fQVNTVU1FRF9JTlZBTElEOiB7XG4gICAgY29kZTogMTM4ODYsXG4gICAgbWVzc2FnZTogXCJUaGUgbWFpbi1tb2RlIFNBIHdhcyBhc3N1bWVkIGludmFsaWQgYmVjYXVzZSB0aGUgcGVlciBzdG9wcGVkIHJlc3BvbmRpbmcuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9DRVJUX0NIQUlOX1BPTElDWV9NSVNNQVRDSDoge1xuICAgIGNvZGU6IDEzODg3LFxuICAgIG1lc3NhZ2U6IFwiVGhlIGNlcnRpZmljYXRlIGRvZXMgbm90IGNoYWluIHRvIGEgdHJ1c3RlZCByb290IGluIHRoZSBJUHNlYyBwb2xpY3kuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9VTkVYUEVDVEVEX01FU1NBR0VfSUQ6IHsgY29kZTogMTM4ODgsIG1lc3NhZ2U6IFwiUmVjZWl2ZWQgYW4gdW5leHBlY3RlZCBtZXNzYWdlIElELlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9JTlZBTElEX0FVVEhfUEFZTE9BRDogeyBjb2RlOiAxMzg4OSwgbWVzc2FnZTogXCJSZWNlaXZlZCBhbiBpbnZhbGlkIGF1dGhlbnRpY2F0aW9uIG9mZmVyLlwiIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9ET1NfQ09PS0lFX1NFTlQ6IHsgY29kZTogMTM4OTAsIG1lc3NhZ2U6IFwiU2VudCBhIERvUyBjb29raWUgbm90aWZ5IHRvIHRoZSBpbml0aWF0b3IuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1NIVVRUSU5HX0RPV046IHsgY29kZTogMTM4OTEsIG1lc3NhZ2U6IFwiVGhlIElLRSBzZXJ2aWNlIGlzIHNodXR0aW5nIGRvd24uXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0NHQV9BVVRIX0ZBSUxFRDoge1xuICAgIGNvZGU6IDEzODkyLFxuICAgIG1lc3NhZ2U6IFwiQ291bGQgbm90IHZlcmlmeSB0aGUgYmluZGluZyBiZXR3ZWVuIHRoZSBDR0EgYWRkcmVzcyBhbmQgdGhlIGNlcnRpZmljYXRlLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUFJPQ0VTU19FUlJfTkFUT0E6IHsgY29kZTogMTM4OTMsIG1lc3NhZ2U6IFwiRXJyb3IgcHJvY2Vzc2luZyB0aGUgTmF0T0EgcGF5bG9hZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfSU5WQUxJRF9NTV9GT1JfUU06IHtcbiAgICBjb2RlOiAxMzg5NCxcbiAgICBtZXNzYWdlOiBcIlRoZSBwYXJhbWV0ZXJzIG9mIHRoZSBtYWluIG1vZGUgYXJlIGludmFsaWQgZm9yIHRoaXMgcXVpY2sgbW9kZS5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1FNX0VYUElSRUQ6IHsgY29kZTogMTM4OTUsIG1lc3NhZ2U6IFwiVGhlIHF1aWNrLW1vZGUgU0Egd2FzIGV4cGlyZWQgYnkgdGhlIElQc2VjIGRyaXZlci5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfVE9PX01BTllfRklMVEVSUzoge1xuICAgIGNvZGU6IDEzODk2LFxuICAgIG1lc3NhZ2U6IFwiVG9vIG1hbnkgZHluYW1pY2FsbHkgYWRkZWQgSUtFRVhUIGZpbHRlcnMgd2VyZSBkZXRlY3RlZC5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0tJTExfRFVNTVlfTkFQX1RVTk5FTDoge1xuICAgIGNvZGU6IDEzODk4LFxuICAgIG1lc3NhZ2U6IFwiTkFQIHJlYXV0aGVudGljYXRpb24gc3VjY2VlZGVkOyB0aGUgZHVtbXkgTkFQIElLRXYyIHR1bm5lbCBtdXN0IGJlIHRvcm4gZG93bi5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0lOTkVSX0lQX0FTU0lHTk1FTlRfRkFJTFVSRToge1xuICAgIGNvZGU6IDEzODk5LFxuICAgIG1lc3NhZ2U6IFwiRXJyb3IgYXNzaWduaW5nIGFuIGlubmVyIElQIGFkZHJlc3MgdG8gdGhlIGluaXRpYXRvciBpbiB0dW5uZWwgbW9kZS5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1JFUVVJUkVfQ1BfUEFZTE9BRF9NSVNTSU5HOiB7XG4gICAgY29kZTogMTM5MDAsXG4gICAgbWVzc2FnZTogXCJUaGUgcmVxdWlyZWQgY29uZmlndXJhdGlvbiBwYXlsb2FkIGlzIG1pc3NpbmcuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9DT0VYSVNURU5DRV9TVVBQUkVTUzoge1xuICAgIGNvZGU6IDEzOTAyLFxuICAgIG1lc3NhZ2U6IFwiQSBuZWdvdGlhdGlvbiBydW5uaW5nIGFzIHRoZSBzZWN1cml0eSBwcmluY2lwYWwgd2hvIGlzc3VlZCB0aGUgY29ubmVjdGlvbiBpcyBpbiBwcm9ncmVzcy5cIixcbiAgfSxcbiAgRVJST1JfSVBTRUNfSUtFX1JBVEVMSU1JVF9EUk9QOiB7XG4gICAgY29kZTogMTM5MDMsXG4gICAgbWVzc2FnZTogXCJUaGUgU0Egd2FzIGRlbGV0ZWQgZHVlIHRvIElLRXYxL0F1dGhJUCBjb2V4aXN0ZW5jZSBzdXBwcmVzc2lvbiBvciByYXRlIGxpbWl0aW5nLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfUEVFUl9ET0VTTlRfU1VQUE9SVF9NT0JJS0U6IHsgY29kZTogMTM5MDQsIG1lc3NhZ2U6IFwiVGhlIHBlZXIgZG9lcyBub3Qgc3VwcG9ydCBNT0JJS0UuXCIgfSxcbiAgRVJST1JfSVBTRUNfSUtFX0FVVEhPUklaQVRJT05fRkFJTFVSRTogeyBjb2RlOiAxMzkwNSwgbWVzc2FnZTogXCJUaGUgU0EgZXN0YWJsaXNobWVudCBpcyBub3QgYXV0aG9yaXplZC5cIiB9LFxuICBFUlJPUl9JUFNFQ19JS0VfU1RST05HX0NSRURfQVVUSE9SSVpBVElPTl9GQUlMVVJFOiB7XG4gICAgY29kZTogMTM5MDYsXG4gICAgbWVzc2FnZTpcbiAgICAgIFwiVGhlIFNBIGVzdGFibGlzaG1lbnQgaXMgbm90IGF1dGhvcml6ZWQgYmVjYXVzZSB0aGVyZSBpcyBubyBzdWZmaWNpZW50bHkgc3Ryb25nIFBLSU5JVC1iYXNlZCBjcmVkZW50aWFsLlwiLFxuICB9LFxuICBFUlJPUl9JUFNFQ19JS0VfQVVUSE9SSVpBVElPTl9GQUlMVVJFX1dJVEhfT1BUSU9OQUxfUkVUUlk6IHtcbiAgICBjb2RlOiAxMzkwNyxcbiAgICBtZXNzYWdlOlxuICAgICAgXCJUaGUgU0EgZXN0YWJsaXNobWVudCBpcyBub3QgYXV0aG9yaXplZDsgeW91IG1heSBuZWVkIHRvIGVudGVyIHVwZGF0ZWQgb3IgZGlmZmVyZW50IGNyZWRlbnRpYWxzIHN1Y2ggYXMgYSBzbWFydGNhcmQuXCIsXG4gIH0sXG4gIEVSUk9SX0lQU0VDX0lLRV9TVFJPTkdfQ1JFRF9BVVRIT1JJWkFUSU9OX0FORF9DRVJUTUFQX0ZBSUxVUkU6IHtcbiAgICBjb2RlOiAxMzkwOCxcbiAgICBtZXNzYWdlOlxuICAgICAgXCJUaGUgU0EgZXN0YWJsaXNobWVudCBpcyBub3QgYXV0aG9yaXplZCBiZWNhdXNlIHRoZXJlIGlzIG5vIHN1ZmZpY2llbnRseSBzdHJvbmcgUEtJTklULWJhc2VkIGNyZWRlbnRpYWw7IGNlcnRpZmljYXRlLXRvLWFjY291bnQgbWFwcGluZyBtYXkgaGF2ZSBmYWlsZWQuXCIsXG4gIH0sXG59KTtcblxuLyoqIElQc2VjIGtlcm5lbCBkcm9wIHJlYXNvbnMgKE5UU1RBVFVTLCBudHN0YXR1cy5oKSBhcyBJUFNFQ19LRVJORUxfRFJPUCAvIERPU1BfRFJPUCBldmVudHMgcmVwb3J0IHRoZW0uICovXG5leHBvcnQgY29uc3QgSVBTRUNfRFJPUF9TVEFUVVM6IFJlYWRvbmx5PFJlY29yZDxzdHJpbmcsIHsgY29kZTogbnVtYmVyOyBtZXNzYWdlOiBzdHJpbmcgfT4+ID0gT2JqZWN0LmZyZWV6ZSh7XG4gIFNUQVRVU19JUFNFQ19CQURfU1BJOiB7XG4gICAgY29kZTogMHhjMDM2MDAwMSxcbiAgICBtZXNzYWdlOiBcIlRoZSBTUEkgaW4gdGhlIHBhY2tldCBkb2VzIG5vdCBtYXRjaCBhIHZhbGlkIElQc2VjIFNBLlwiLFxuICB9LFxuICBTVEFUVVNfSVBTRUNfU0FfTElGRVRJTUVfRVhQSVJFRDoge1xuICAgIGNvZGU6IDB4YzAzNjAwMDIsXG4gICAgbWVzc2FnZTogXCJUaGUgcGFja2V0IHdhcyByZWNlaXZlZCBvbiBhbiBJUHNlYyBTQSB3aG9zZSBsaWZldGltZSBoYXMgZXhwaXJlZC5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX1dST05HX1NBOiB7XG4gICAgY29kZTogMHhjMDM2MDAwMyxcbiAgICBtZXNzYWdlOiBcIlRoZSBwYWNrZXQgd2FzIHJlY2VpdmVkIG9uIGFuIElQc2VjIFNBIHRoYXQgZG9lcyBub3QgbWF0Y2ggdGhlIHBhY2tldCBjaGFyYWN0ZXJpc3RpY3MuXCIsXG4gIH0sXG4gIFNUQVRVU19JUFNFQ19SRVBMQVlfQ0hFQ0tfRkFJTEVEOiB7XG4gICAgY29kZTogMHhjMDM2MDAwNCxcbiAgICBtZXNzYWdlOiBcIlRoZSBwYWNrZXQgc2VxdWVuY2UgbnVtYmVyIHJlcGxheSBjaGVjayBmYWlsZWQuXCIsXG4gIH0sXG4gIFNUQVRVU19JUFNFQ19JTlZBTElEX1BBQ0tFVDoge1xuICAgIGNvZGU6IDB4YzAzNjAwMDUsXG4gICAgbWVzc2FnZTogXCJUaGUgSVBzZWMgaGVhZGVyIGFuZC9vciB0cmFpbGVyIGluIHRoZSBwYWNrZXQgaXMgaW52YWxpZC5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX0lOVEVHUklUWV9DSEVDS19GQUlMRUQ6IHsgY29kZTogMHhjMDM2MDAwNiwgbWVzc2FnZTogXCJUaGUgSVBzZWMgaW50ZWdyaXR5IGNoZWNrIGZhaWxlZC5cIiB9LFxuICBTVEFUVVNfSVBTRUNfQ0xFQVJfVEVYVF9EUk9QOiB7IGNvZGU6IDB4YzAzNjAwMDcsIG1lc3NhZ2U6IFwiSVBzZWMgZHJvcHBlZCBhIGNsZWFyLXRleHQgcGFja2V0LlwiIH0sXG4gIFNUQVRVU19JUFNFQ19BVVRIX0ZJUkVXQUxMX0RST1A6IHtcbiAgICBjb2RlOiAweGMwMzYwMDA4LFxuICAgIG1lc3NhZ2U6IFwiSVBzZWMgZHJvcHBlZCBhbiBpbmNvbWluZyBFU1AgcGFja2V0IGluIGF1dGhlbnRpY2F0ZWQtZmlyZXdhbGwgbW9kZS5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX1RIUk9UVExFX0RST1A6IHsgY29kZTogMHhjMDM2MDAwOSwgbWVzc2FnZTogXCJJUHNlYyBkcm9wcGVkIGEgcGFja2V0IGR1ZSB0byBEb1MgdGhyb3R0bGluZy5cIiB9LFxuICBTVEFUVVNfSVBTRUNfUVVFVUVfT1ZFUkZMT1c6IHsgY29kZTogMHhjMDAwYTAxMCwgbWVzc2FnZTogXCJUaGUgSVBzZWMgcXVldWUgb3ZlcmZsb3dlZC5cIiB9LFxuICBTVEFUVVNfSVBTRUNfRE9TUF9CTE9DSzoge1xuICAgIGNvZGU6IDB4YzAzNjgwMDAsXG4gICAgbWVzc2FnZTogXCJJUHNlYyBEb1MgcHJvdGVjdGlvbiBtYXRjaGVkIGFuIGV4cGxpY2l0IGJsb2NrIHJ1bGUuXCIsXG4gIH0sXG4gIFNUQVRVU19JUFNFQ19ET1NQX1JFQ0VJVkVEX01VTFRJQ0FTVDoge1xuICAgIGNvZGU6IDB4YzAzNjgwMDEsXG4gICAgbWVzc2FnZTogXCJJUHNlYyBEb1MgcHJvdGVjdGlvbiByZWNlaXZlZCBhbiBJUHNlYy1zcGVjaWZpYyBtdWx0aWNhc3QgcGFja2V0LCB3aGljaCBpcyBub3QgYWxsb3dlZC5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX0RPU1BfSU5WQUxJRF9QQUNLRVQ6IHtcbiAgICBjb2RlOiAweGMwMzY4MDAyLFxuICAgIG1lc3NhZ2U6IFwiSVBzZWMgRG9TIHByb3RlY3Rpb24gcmVjZWl2ZWQgYW4gaW5jb3JyZWN0bHkgZm9ybWF0dGVkIHBhY2tldC5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX0RPU1BfU1RBVEVfTE9PS1VQX0ZBSUxFRDoge1xuICAgIGNvZGU6IDB4YzAzNjgwMDMsXG4gICAgbWVzc2FnZTogXCJJUHNlYyBEb1MgcHJvdGVjdGlvbiBmYWlsZWQgdG8gbG9vayB1cCBzdGF0ZS5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX0RPU1BfTUFYX0VOVFJJRVM6IHtcbiAgICBjb2RlOiAweGMwMzY4MDA0LFxuICAgIG1lc3NhZ2U6IFwiSVBzZWMgRG9TIHByb3RlY3Rpb24gZmFpbGVkIHRvIGNyZWF0ZSBzdGF0ZTogdGhlIG1heGltdW0gbnVtYmVyIG9mIGVudHJpZXMgaXMgcmVhY2hlZC5cIixcbiAgfSxcbiAgU1RBVFVTX0lQU0VDX0RPU1BfS0VZTU9EX05PVF9BTExPV0VEOiB7XG4gICAgY29kZTogMHhjMDM2ODAwNSxcbiAgICBtZXNzYWdlOlxuICAgICAgXCJJUHNlYyBEb1MgcHJvdGVjdGlvbiByZWNlaXZlZCBhbiBJUHNlYyBuZWdvdGlhdGlvbiBwYWNrZXQgZm9yIGEga2V5aW5nIG1vZHVsZSB0aGF0IGlzIG5vdCBhbGxvd2VkLlwiLFxuICB9LFxuICBTVEFUVVNfSVBTRUNfRE9TUF9NQVhfUEVSX0lQX1JBVEVMSU1JVF9RVUVVRVM6IHtcbiAgICBjb2RlOiAweGMwMzY4MDA2LFxuICAgIG1lc3NhZ2U6XG4gICAgICBcIklQc2VjIERvUyBwcm90ZWN0aW9uIGZhaWxlZCB0byBjcmVhdGUgYSBwZXItaW50ZXJuYWwtSVAgcmF0ZS1saW1pdCBxdWV1ZTogdGhlIG1heGltdW0gaXMgcmVhY2hlZC5cIixcbiAgfSxcbn0pO1xuXG4vKiogTmFtZSBvZiBhbiBJS0UgZmFpbHVyZSBjb2RlIChFUlJPUl9JUFNFQ19JS0VfKikgb3IgYW4gSVBzZWMgZHJvcCBzdGF0dXMgKFNUQVRVU19JUFNFQ18qKSwgb3IgdW5kZWZpbmVkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGlrZUVycm9yTmFtZShjb2RlOiBudW1iZXIpOiBzdHJpbmcgfCB1bmRlZmluZWQge1xuICBjb25zdCB1ID0gY29kZSA+Pj4gMDtcbiAgZm9yIChjb25zdCB0IG9mIFtJS0VfRVJST1JTLCBJUFNFQ19EUk9QX1NUQVRVUywgRVJST1JTXSkge1xuICAgIGZvciAoY29uc3QgW25hbWUsIGVdIG9mIE9iamVjdC5lbnRyaWVzKHQpKSBpZiAoZS5jb2RlID4+PiAwID09PSB1KSByZXR1cm4gbmFtZTtcbiAgfVxuICByZXR1cm4gdW5kZWZpbmVkO1xufVxuXG4vKiogUmV2ZXJzZSBsb29rdXA6IGVycm9yIGNvZGUgLT4gbmFtZSAoZmlyc3QgbmFtZSB3aW5zKS4gKi9cbmV4cG9ydCBmdW5jdGlvbiBlcnJvck5hbWUoY29kZTogbnVtYmVyKTogc3RyaW5nIHwgdW5kZWZpbmVkIHtcbiAgZm9yIChjb25zdCBbbmFtZSwgZV0gb2YgT2JqZWN0LmVudHJpZXMoRVJST1JTKSkgaWYgKGUuY29kZSA9PT0gY29kZSA+Pj4gMCkgcmV0dXJuIG5hbWU7XG4gIHJldHVybiB1bmRlZmluZWQ7XG59XG5cbmNvbnN0IGd1aWROYW1lcyA9IG5ldyBNYXA8c3RyaW5nLCB7IGdyb3VwOiBzdHJpbmc7IG5hbWU6IHN0cmluZyB9PigpO1xuZm9yIChjb25zdCBbZ3JvdXAsIHRhYmxlXSBvZiBPYmplY3QuZW50cmllcyhHVUlEX0dST1VQUykpIHtcbiAgZm9yIChjb25zdCBbbmFtZSwgZ3VpZF0gb2YgT2JqZWN0LmVudHJpZXModGFibGUpKSBndWlkTmFtZXMuc2V0KGd1aWQsIHsgZ3JvdXAsIG5hbWUgfSk7XG59XG5cbi8qKiBTeW1ib2xpYyBuYW1lIG9mIGEgYnVpbHQtaW4gR1VJRCAobGF5ZXIsIGNhbGxvdXQsIGNvbmRpdGlvbiwgLi4uKSwgb3IgdW5kZWZpbmVkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGd1aWROYW1lKGd1aWQ6IHN0cmluZyk6IHsgZ3JvdXA6IHN0cmluZzsgbmFtZTogc3RyaW5nIH0gfCB1bmRlZmluZWQge1xuICByZXR1cm4gZ3VpZE5hbWVzLmdldChndWlkLnRvTG93ZXJDYXNlKCkpO1xufVxuXG4vKiogTmFtZSBvZiBhbiBlbnVtIG1lbWJlciBieSB2YWx1ZSAoZmlyc3QgbmFtZSB3aW5zIGZvciBhbGlhc2VzKSwgb3IgdW5kZWZpbmVkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGVudW1OYW1lKGVudW1UeXBlOiBrZXlvZiB0eXBlb2YgRU5VTVMsIHZhbHVlOiBudW1iZXIpOiBzdHJpbmcgfCB1bmRlZmluZWQge1xuICBmb3IgKGNvbnN0IFtuYW1lLCB2XSBvZiBPYmplY3QuZW50cmllcyhFTlVNU1tlbnVtVHlwZV0pKSBpZiAodiA9PT0gdmFsdWUpIHJldHVybiBuYW1lO1xuICByZXR1cm4gdW5kZWZpbmVkO1xufVxuXG4vKiogTmFtZXMgb2YgdGhlIGJpdHMgc2V0IGluIGEgZmxhZyB3b3JkOyB1bmtub3duIGJpdHMgYXJlIHJlbmRlcmVkIGFzIGhleC4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmbGFnTmFtZXMoZmFtaWx5OiBrZXlvZiB0eXBlb2YgRkxBR1MsIHZhbHVlOiBudW1iZXIpOiBzdHJpbmdbXSB7XG4gIGNvbnN0IG91dDogc3RyaW5nW10gPSBbXTtcbiAgbGV0IHJlc3QgPSB2YWx1ZSA+Pj4gMDtcbiAgZm9yIChjb25zdCBbbmFtZSwgYml0XSBvZiBPYmplY3QuZW50cmllcyhGTEFHU1tmYW1pbHldKSkge1xuICAgIGlmICgocmVzdCAmIGJpdCkgPT09IGJpdCkge1xuICAgICAgb3V0LnB1c2gobmFtZSk7XG4gICAgICByZXN0ICY9IH5iaXQgPj4+IDA7XG4gICAgfVxuICB9XG4gIGlmIChyZXN0KSBvdXQucHVzaChcIjB4XCIgKyByZXN0LnRvU3RyaW5nKDE2KSk7XG4gIHJldHVybiBvdXQ7XG59XG4iXSwibmFtZXMiOltdLCJtYXBwaW5ncyI6IkFBQUE7Ozs7OztDQU1DLEdBRUQsMEVBQTBFLEdBQzFFLE9BQU8sTUFBTSxTQUFTO0VBQ3BCLGdDQUFnQztFQUNoQyxnQ0FBZ0M7RUFDaEMsaUNBQWlDO0VBQ2pDLGlDQUFpQztFQUNqQyx5QkFBeUI7RUFDekIseUJBQXlCO0VBQ3pCLGlDQUFpQztFQUNqQyxpQ0FBaUM7RUFDakMsa0NBQWtDO0VBQ2xDLGtDQUFrQztFQUNsQyxvQ0FBb0M7RUFDcEMsb0NBQW9DO0VBQ3BDLGdDQUFnQztFQUNoQyxnQ0FBZ0M7RUFDaEMsOEJBQThCO0VBQzlCLDhCQUE4QjtFQUM5QixxQkFBcUI7RUFDckIscUJBQXFCO0VBQ3JCLHNCQUFzQjtFQUN0QixzQkFBc0I7RUFDdEIsNkJBQTZCO0FBQy9CLEVBQVc7QUFFWCxnRUFBZ0UsR0FDaEUsT0FBTyxNQUFNLFdBQVc7RUFDdEIseUNBQXlDO0VBQ3pDLHlDQUF5QztFQUN6QywwQ0FBMEM7RUFDMUMsMENBQTBDO0VBQzFDLHNDQUFzQztFQUN0QyxzQ0FBc0M7RUFDdEMsdUNBQXVDO0VBQ3ZDLHVDQUF1QztFQUN2Qyw4Q0FBOEM7RUFDOUMsOENBQThDO0VBQzlDLCtDQUErQztFQUMvQywrQ0FBK0M7RUFDL0MsK0NBQStDO0VBQy9DLCtDQUErQztFQUMvQyxpREFBaUQ7RUFDakQsaURBQWlEO0VBQ2pELG1DQUFtQztFQUNuQyxtQ0FBbUM7RUFDbkMsb0NBQW9DO0VBQ3BDLG9DQUFvQztBQUN0QyxFQUFXO0FBRVgsb0VBQW9FLEdBQ3BFLE9BQU8sTUFBTSxhQUFhO0VBQ3hCLGlDQUFpQztFQUNqQyxrQ0FBa0M7RUFDbEMsc0NBQXNDO0VBQ3RDLDRCQUE0QjtFQUM1Qiw4QkFBOEI7RUFDOUIsK0JBQStCO0VBQy9CLG1DQUFtQztFQUNuQywyQkFBMkI7RUFDM0IsNEJBQTRCO0VBQzVCLG1DQUFtQztFQUNuQyxzQ0FBc0M7RUFDdEMsc0JBQXNCO0VBQ3RCLG1DQUFtQztBQUNyQyxFQUFXO0FBRVgsd0JBQXdCLEdBQ3hCLE9BQU8sTUFBTSxZQUFZO0VBQ3ZCLDRCQUE0QjtFQUM1Qiw2Q0FBNkM7RUFDN0MsMEJBQTBCO0VBQzFCLDZCQUE2QjtFQUM3Qix5QkFBeUI7QUFDM0IsRUFBVztBQUVYLHVGQUF1RixHQUN2RixPQUFPLE1BQU0sWUFBWTtFQUN2QixzQkFBc0I7RUFDdEIsZ0NBQWdDO0VBQ2hDLDZGQUE2RjtFQUM3RixtQ0FBbUM7QUFDckMsRUFBVztBQUVYLGdDQUFnQyxHQUNoQyxPQUFPLE1BQU0sb0JBQW9CO0VBQy9CLDRDQUE0QztFQUM1QywyQ0FBMkM7QUFDN0MsRUFBVztBQUVYLG9CQUFvQixHQUNwQixPQUFPLE1BQU0saUJBQWlCO0VBQzVCLHdCQUF3QjtFQUN4QiwyQkFBMkI7RUFDM0IsMEJBQTBCO0FBQzVCLEVBQVc7QUFFWCw4RUFBOEUsR0FDOUUsT0FBTyxNQUFNLGNBQWM7RUFDekIsT0FBTztFQUNQLFNBQVM7RUFDVCxXQUFXO0VBQ1gsVUFBVTtFQUNWLFVBQVU7RUFDVixpQkFBaUI7RUFDakIsY0FBYztBQUNoQixFQUFXO0FBRVgsNERBQTRELEdBQzVELE9BQU8sTUFBTSxRQUFRO0VBQ25CLGVBQWU7SUFDYixXQUFXO0lBQ1gsV0FBVztJQUNYLFlBQVk7SUFDWixZQUFZO0lBQ1osWUFBWTtJQUNaLFVBQVU7SUFDVixXQUFXO0lBQ1gsV0FBVztJQUNYLFdBQVc7SUFDWCxXQUFXO0lBQ1gsWUFBWTtJQUNaLHVCQUF1QjtJQUN2QixvQkFBb0I7SUFDcEIsU0FBUztJQUNULDhCQUE4QjtJQUM5Qiw0QkFBNEI7SUFDNUIsbUNBQW1DO0lBQ25DLHlCQUF5QjtJQUN6QixzQkFBc0I7SUFDdEIsMEJBQTBCO0lBQzFCLGtCQUFrQjtJQUNsQixrQkFBa0I7SUFDbEIsZ0JBQWdCO0VBQ2xCO0VBQ0EsZ0JBQWdCO0lBQ2QsaUJBQWlCO0lBQ2pCLG1CQUFtQjtJQUNuQixnQkFBZ0I7SUFDaEIsNEJBQTRCO0lBQzVCLHlCQUF5QjtJQUN6QixpQkFBaUI7SUFDakIseUJBQXlCO0lBQ3pCLHlCQUF5QjtJQUN6QiwwQkFBMEI7SUFDMUIsa0NBQWtDO0lBQ2xDLHFCQUFxQjtJQUNyQixrQkFBa0I7SUFDbEIsc0JBQXNCO0VBQ3hCO0VBQ0EsaUJBQWlCO0lBQ2Ysa0JBQWtCO0lBQ2xCLG1CQUFtQjtJQUNuQixnQ0FBZ0M7SUFDaEMsK0JBQStCO0lBQy9CLDRCQUE0QjtJQUM1QixxQkFBcUI7SUFDckIsaUJBQWlCO0lBQ2pCLDBCQUEwQjtFQUM1QjtFQUNBLGdCQUFnQjtJQUFFLG1CQUFtQjtJQUFHLG1CQUFtQjtJQUFHLHFCQUFxQjtFQUFFO0VBQ3JGLGVBQWU7SUFBRSx3QkFBd0I7SUFBRyx1QkFBdUI7RUFBRTtFQUNyRSxzQkFBc0I7SUFBRSxpQ0FBaUM7SUFBRyw2QkFBNkI7RUFBRTtFQUMzRiw0QkFBNEI7SUFDMUIsMkJBQTJCO0lBQzNCLHFDQUFxQztJQUNyQyxrQ0FBa0M7SUFDbEMsd0NBQXdDO0lBQ3hDLHFDQUFxQztJQUNyQywyQkFBMkI7SUFDM0IsOEJBQThCO0lBQzlCLCtCQUErQjtJQUMvQixzQkFBc0I7SUFDdEIsb0NBQW9DO0lBQ3BDLDZCQUE2QjtJQUM3Qix5QkFBeUI7SUFDekIsdUNBQXVDO0VBQ3pDO0VBQ0EsbUNBQW1DO0lBQ2pDLHNCQUFzQjtJQUN0QixvQkFBb0I7SUFDcEIsaUJBQWlCO0lBQ2pCLGtCQUFrQjtJQUNsQixZQUFZO0lBQ1osZ0JBQWdCO0lBQ2hCLGlCQUFpQjtJQUNqQiwrQkFBK0I7SUFDL0IsK0JBQStCO0lBQy9CLHVCQUF1QjtJQUN2Qix1QkFBdUI7SUFDdkIsWUFBWTtJQUNaLGlCQUFpQjtFQUNuQjtFQUNBLG9CQUFvQjtJQUNsQixtQkFBbUI7SUFDbkIsb0JBQW9CO0lBQ3BCLHVCQUF1QjtJQUN2Qix1QkFBdUI7SUFDdkIsdUJBQXVCO0lBQ3ZCLGlDQUFpQztJQUNqQyxpQ0FBaUM7RUFDbkM7RUFDQSx1QkFBdUI7SUFDckIsc0JBQXNCO0lBQ3RCLHVCQUF1QjtJQUN2QiwwQkFBMEI7SUFDMUIsMEJBQTBCO0VBQzVCO0VBQ0EsaUJBQWlCO0lBQ2Ysc0JBQXNCO0lBQ3RCLG1CQUFtQjtJQUNuQixtQkFBbUI7SUFDbkIsb0JBQW9CO0lBQ3BCLHNCQUFzQjtJQUN0QixtQkFBbUI7SUFDbkIsbUJBQW1CO0lBQ25CLG9CQUFvQjtFQUN0QjtFQUNBLHdCQUF3QjtJQUN0Qix1QkFBdUI7SUFDdkIsMEJBQTBCO0lBQzFCLHlCQUF5QjtFQUMzQjtFQUNBLGdCQUFnQjtJQUFFLDBCQUEwQjtJQUFHLDBCQUEwQjtFQUFFO0VBQzNFLDBDQUEwQztJQUN4QywyQkFBMkI7SUFDM0IsdUNBQXVDO0VBQ3pDO0VBQ0EseUJBQXlCO0lBQ3ZCLHdDQUF3QztJQUN4QyxxQ0FBcUM7SUFDckMsdUNBQXVDO0lBQ3ZDLGdDQUFnQztFQUNsQztFQUNBLGdDQUFnQztJQUM5QiwwQkFBMEI7SUFDMUIsMEJBQTBCO0lBQzFCLDZCQUE2QjtJQUM3Qix5QkFBeUI7SUFDekIseUJBQXlCO0lBQ3pCLHdCQUF3QjtJQUN4Qix5QkFBeUI7RUFDM0I7RUFDQSxvQkFBb0I7SUFDbEIseUJBQXlCO0lBQ3pCLDRCQUE0QjtJQUM1Qiw4QkFBOEI7SUFDOUIsMEJBQTBCO0lBQzFCLCtCQUErQjtJQUMvQiw2QkFBNkI7RUFDL0I7RUFDQSxvQkFBb0I7SUFDbEIseUJBQXlCO0lBQ3pCLDRCQUE0QjtJQUM1QiwwQkFBMEI7SUFDMUIsNkJBQTZCO0VBQy9CO0VBQ0Esb0JBQW9CO0lBQ2xCLHlCQUF5QjtJQUN6Qiw4QkFBOEI7SUFDOUIsOEJBQThCO0lBQzlCLGtDQUFrQztJQUNsQywwQkFBMEI7SUFDMUIsNkJBQTZCO0VBQy9CO0VBQ0Esc0JBQXNCO0lBQ3BCLG9CQUFvQjtJQUNwQiwwQkFBMEI7SUFDMUIsNEJBQTRCO0lBQzVCLHFDQUFxQztJQUNyQyw2QkFBNkI7RUFDL0I7RUFDQSxpQkFBaUI7SUFDZixnQkFBZ0I7SUFDaEIsa0JBQWtCO0lBQ2xCLG9CQUFvQjtJQUNwQixvQkFBb0I7SUFDcEIsb0JBQW9CO0lBQ3BCLG9CQUFvQjtFQUN0QjtFQUNBLG1CQUFtQjtJQUNqQix1QkFBdUI7SUFDdkIsd0JBQXdCO0lBQ3hCLDJCQUEyQjtJQUMzQiwyQkFBMkI7SUFDM0IsMkJBQTJCO0VBQzdCO0VBQ0EsaUJBQWlCO0lBQ2YsZ0JBQWdCO0lBQ2hCLGFBQWE7SUFDYixhQUFhO0lBQ2IsZ0JBQWdCO0lBQ2hCLGNBQWM7SUFDZCxtQkFBbUI7SUFDbkIsbUJBQW1CO0lBQ25CLGNBQWM7SUFDZCxjQUFjO0VBQ2hCO0VBQ0Esb0JBQW9CO0lBQUUsOEJBQThCO0lBQUcsMkJBQTJCO0VBQUU7RUFDcEYscUJBQXFCO0lBQUUsb0JBQW9CO0lBQUcsa0JBQWtCO0lBQUcsb0JBQW9CO0VBQUU7RUFDekYscUJBQXFCO0lBQ25CLHVDQUF1QztJQUN2Qyx1Q0FBdUM7SUFDdkMsdUNBQXVDO0lBQ3ZDLG1DQUFtQztJQUNuQyx1Q0FBdUM7SUFDdkMscUNBQXFDO0lBQ3JDLG9DQUFvQztJQUNwQyxxQ0FBcUM7SUFDckMsc0NBQXNDO0lBQ3RDLHVDQUF1QztJQUN2Qyx3Q0FBd0M7RUFDMUM7RUFDQSxpQkFBaUI7SUFBRSxpQkFBaUI7SUFBRyxhQUFhO0lBQUcsYUFBYTtJQUFHLGVBQWU7SUFBRyxlQUFlO0VBQUU7QUFDNUcsRUFBVztBQUVYOzs7Q0FHQyxHQUNELE9BQU8sTUFBTSxvQkFBb0I7RUFDL0IsbUJBQW1CO0lBQ2pCLCtCQUErQjtJQUMvQixpQ0FBaUM7SUFDakMsb0NBQW9DO0lBQ3BDLCtCQUErQjtJQUMvQiwrQkFBK0I7SUFDL0IsK0JBQStCO0VBQ2pDO0VBQ0EscUJBQXFCO0lBQ25CLDZCQUE2QjtJQUM3Qiw4QkFBOEI7SUFDOUIsaUNBQWlDO0lBQ2pDLGlDQUFpQztJQUNqQyxpQ0FBaUM7SUFDakMsaUNBQWlDO0lBQ2pDLGlDQUFpQztJQUNqQyxpQ0FBaUM7RUFDbkM7QUFDRixFQUFXO0FBRVgsdURBQXVELEdBQ3ZELE9BQU8sTUFBTSxRQUFRO0VBQ25CLGtCQUFrQjtJQUNoQiw2QkFBNkI7SUFDN0IsMkJBQTJCO0lBQzNCLHVDQUF1QztJQUN2QyxxQ0FBcUM7SUFDckMsaURBQWlEO0lBQ2pELDJCQUEyQjtJQUMzQiwwQkFBMEI7SUFDMUIsc0RBQXNEO0lBQ3RELGdDQUFnQztJQUNoQyw4QkFBOEI7SUFDOUIsOEJBQThCO0lBQzlCLDRDQUE0QztFQUM5QztFQUNBLG9CQUFvQjtJQUFFLCtCQUErQjtJQUFLLDZCQUE2QjtFQUFLO0VBQzVGLDRCQUE0QjtJQUMxQix1Q0FBdUM7SUFDdkMsc0NBQXNDO0VBQ3hDO0VBQ0Esb0JBQW9CO0lBQUUsK0JBQStCO0VBQUk7RUFDekQsbUJBQW1CO0lBQUUsMkJBQTJCO0VBQUk7RUFDcEQsZUFBZTtJQUFFLG9CQUFvQjtFQUFJO0VBQ3pDLGtCQUFrQjtJQUNoQixpQ0FBaUM7SUFDakMsOENBQThDO0VBQ2hEO0VBQ0Esb0JBQW9CO0lBQ2xCLHdDQUF3QztJQUN4QywyQ0FBMkM7SUFDM0MsaURBQWlEO0lBQ2pELHVDQUF1QztJQUN2Qyx5Q0FBeUM7SUFDekMsaUNBQWlDO0lBQ2pDLDRCQUE0QjtJQUM1QiwwQ0FBMEM7SUFDMUMsc0NBQXNDO0VBQ3hDO0VBQ0EsbUJBQW1CO0lBQ2pCLDZCQUE2QjtJQUM3QiwrQkFBK0I7SUFDL0Isc0NBQXNDO0lBQ3RDLG1EQUFtRDtJQUNuRCx5REFBeUQ7SUFDekQsa0RBQWtEO0lBQ2xELGdEQUFnRDtJQUNoRCw2Q0FBNkM7SUFDN0MsaURBQWlEO0lBQ2pELDBEQUEwRDtJQUMxRCwyREFBMkQ7SUFDM0Qsd0NBQXdDO0lBQ3hDLGlEQUFpRDtJQUNqRCxnREFBZ0Q7SUFDaEQsdUNBQXVDO0VBQ3pDO0VBQ0Esb0JBQW9CO0lBQ2xCLGdDQUFnQztJQUNoQyxxQ0FBcUM7RUFDdkM7QUFDRixFQUFXO0FBRVgsK0ZBQStGLEdBQy9GLE9BQU8sTUFBTSxrQkFBa0I7RUFDN0IscUNBQXFDLElBQUk7RUFDekMsd0RBQXdELElBQUk7RUFDNUQsOENBQThDLElBQUk7RUFDbEQsZ0RBQWdELElBQUk7RUFDcEQsa0RBQWtELElBQUk7RUFDdEQsd0RBQXdELElBQUk7RUFDNUQsb0RBQW9ELElBQUk7RUFDeEQsMERBQTBELElBQUk7RUFDOUQscUVBQXFFLEtBQUs7RUFDMUUsZ0NBQWdDLEtBQUs7QUFDdkMsRUFBVztBQUVYLDBEQUEwRCxHQUMxRCxPQUFPLE1BQU0sVUFBVTtFQUNyQix1QkFBdUI7RUFDdkIseUJBQXlCO0VBQ3pCLGtDQUFrQztFQUNsQyx1QkFBdUI7QUFDekIsRUFBVztBQUVYLCtDQUErQyxHQUMvQyxPQUFPLE1BQU0sT0FBTztFQUNsQixtQkFBbUI7RUFDbkIscUJBQXFCO0VBQ3JCLGNBQWM7RUFDZCxhQUFhO0VBQ2IsYUFBYTtFQUNiLGdCQUFnQjtFQUNoQixpQkFBaUI7RUFDakIsd0JBQXdCO0FBQzFCLEVBQVc7QUFFWDs7O0NBR0MsR0FDRCxPQUFPLE1BQU0sU0FBc0UsT0FBTyxNQUFNLENBQUM7RUFDL0YseUJBQXlCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBOEI7RUFDcEYsMkJBQTJCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBdUM7RUFDL0Ysd0JBQXdCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBNkI7RUFDbEYsdUJBQXVCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBNEI7RUFDaEYsMEJBQTBCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBK0I7RUFDdEYsa0NBQWtDO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBdUM7RUFDdEcsMEJBQTBCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBK0I7RUFDdEYsaUJBQWlCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBNkI7RUFDM0Usc0JBQXNCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBbUQ7RUFDdEcsY0FBYztJQUNaLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxtQ0FBbUM7SUFDakMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHFCQUFxQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQTRDO0VBQzlGLDBCQUEwQjtJQUN4QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsdUJBQXVCO0lBQ3JCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxtQkFBbUI7SUFBRSxNQUFNO0lBQVksU0FBUztFQUF3RDtFQUN4Ryx1QkFBdUI7SUFBRSxNQUFNO0lBQVksU0FBUztFQUFrQztFQUN0Rix3QkFBd0I7SUFDdEIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLGVBQWU7SUFDYixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsMkJBQTJCO0lBQ3pCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSwwQkFBMEI7SUFDeEIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHVCQUF1QjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQW9EO0VBQ3hHLHlCQUF5QjtJQUN2QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0Esc0JBQXNCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBK0M7RUFDbEcseUJBQXlCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBbUQ7RUFDekcsNEJBQTRCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBeUM7RUFDbEcsd0JBQXdCO0lBQ3RCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw2QkFBNkI7SUFDM0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLG9CQUFvQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQThCO0VBQy9FLDBCQUEwQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQThCO0VBQ3JGLHFCQUFxQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQTZDO0VBQy9GLHdCQUF3QjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQStCO0VBQ3BGLHFCQUFxQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQTZCO0VBQy9FLHdCQUF3QjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQWtDO0VBQ3ZGLHlCQUF5QjtJQUN2QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EseUJBQXlCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBNkM7RUFDbkcsMkJBQTJCO0lBQ3pCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxzQkFBc0I7SUFBRSxNQUFNO0lBQVksU0FBUztFQUFrQztFQUNyRiwyQkFBMkI7SUFDekIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHFCQUFxQjtJQUNuQixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EscUJBQXFCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBaUQ7RUFDbkcsZ0JBQWdCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBK0I7RUFDNUUsMkJBQTJCO0lBQ3pCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSx3QkFBd0I7SUFDdEIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHNDQUFzQztJQUNwQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EseUNBQXlDO0lBQ3ZDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSx1Q0FBdUM7SUFDckMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHlDQUF5QztJQUN2QyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsZ0NBQWdDO0lBQzlCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw2QkFBNkI7SUFDM0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHdCQUF3QjtJQUN0QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsbUJBQW1CO0lBQ2pCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxpQ0FBaUM7SUFDL0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHlCQUF5QjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQThCO0VBQ3BGLDBCQUEwQjtJQUN4QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsbUNBQW1DO0lBQ2pDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw4QkFBOEI7SUFDNUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLGdDQUFnQztJQUFFLE1BQU07SUFBWSxTQUFTO0VBQTJDO0VBQ3hHLHFDQUFxQztJQUNuQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EscUNBQXFDO0lBQ25DLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw2QkFBNkI7SUFDM0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLCtCQUErQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQThDO0VBQzFHLDJCQUEyQjtJQUFFLE1BQU07SUFBWSxTQUFTO0VBQW9DO0VBQzVGLHVDQUF1QztJQUNyQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsNkNBQTZDO0lBQzNDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw0QkFBNEI7SUFBRSxNQUFNO0lBQVksU0FBUztFQUFpRDtFQUMxRyx3QkFBd0I7SUFBRSxNQUFNO0lBQVksU0FBUztFQUEyQjtFQUNoRixnQkFBZ0I7SUFDZCxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsMEJBQTBCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBcUM7RUFDNUYsbUJBQW1CO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBd0Q7RUFDeEcscUJBQXFCO0lBQUUsTUFBTTtJQUFLLFNBQVM7RUFBbUM7RUFDOUUscUJBQXFCO0lBQUUsTUFBTTtJQUFNLFNBQVM7RUFBZ0M7RUFDNUUseUJBQXlCO0lBQUUsTUFBTTtJQUFNLFNBQVM7RUFBOEI7RUFDOUUseUJBQXlCO0lBQUUsTUFBTTtJQUFLLFNBQVM7RUFBNkM7RUFDNUYsc0JBQXNCO0lBQUUsTUFBTTtJQUFLLFNBQVM7RUFBeUI7RUFDckUseUdBQXlHO0VBQ3pHLDhHQUE4RztFQUM5Ryw4QkFBOEI7SUFDNUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHNCQUFzQjtJQUFFLE1BQU07SUFBTSxTQUFTO0VBQWtEO0VBQy9GLHNCQUFzQjtJQUNwQixNQUFNO0lBQ04sU0FBUztFQUNYO0FBQ0YsR0FBRztBQUVIOzs7Q0FHQyxHQUNELE9BQU8sTUFBTSxhQUEwRSxPQUFPLE1BQU0sQ0FBQztFQUNuRywyQkFBMkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFtRDtFQUN0Ryw2QkFBNkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE0QztFQUNqRyxxQ0FBcUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUErQjtFQUM1RiwwQ0FBMEM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE0QjtFQUM5RiwyQkFBMkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUF5QjtFQUM1RSx5QkFBeUI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFrRDtFQUNuRyw0QkFBNEI7SUFDMUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDJCQUEyQjtJQUN6QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsaUNBQWlDO0lBQy9CLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxpQ0FBaUM7SUFDL0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLCtCQUErQjtJQUM3QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0Esa0NBQWtDO0lBQ2hDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxrQ0FBa0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE2QjtFQUN2RiwrQkFBK0I7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUF5QztFQUNoRywrQkFBK0I7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUEwQztFQUNqRyx1QkFBdUI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFpQztFQUNoRiw0QkFBNEI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUF1QztFQUMzRixtQ0FBbUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFpQztFQUM1RixtQ0FBbUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE0QjtFQUN2RixnQ0FBZ0M7SUFDOUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHlCQUF5QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXlDO0VBQzFGLGdDQUFnQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWtCO0VBQzFFLDJCQUEyQjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXdCO0VBQzNFLG1DQUFtQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWtDO0VBQzdGLGdDQUFnQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXlDO0VBQ2pHLCtCQUErQjtJQUM3QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsNkJBQTZCO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBc0M7RUFDM0YsZ0NBQWdDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBbUM7RUFDM0Ysa0NBQWtDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBeUM7RUFDbkcsbUNBQW1DO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBMEM7RUFDckcsZ0NBQWdDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBNkM7RUFDckcsZ0NBQWdDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBbUM7RUFDM0Ysa0NBQWtDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBNEM7RUFDdEcsc0NBQXNDO0lBQ3BDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxrQ0FBa0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFxQztFQUMvRixpQ0FBaUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUEwQztFQUNuRyxtQ0FBbUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFzQztFQUNqRyxvQ0FBb0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUF1QztFQUNuRyxvQ0FBb0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUF1QztFQUNuRyxvQ0FBb0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUEwQztFQUN0RyxpQ0FBaUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE0QjtFQUNyRiw4QkFBOEI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFrQjtFQUN4RSxtQ0FBbUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFxQjtFQUNoRixnQ0FBZ0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUEyQjtFQUNuRiw4QkFBOEI7SUFDNUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLGlDQUFpQztJQUMvQixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsK0JBQStCO0lBQzdCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw4QkFBOEI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUE4QztFQUNwRywyQkFBMkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFrQztFQUNyRiw2QkFBNkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUErQjtFQUNwRiw2QkFBNkI7SUFDM0IsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDhCQUE4QjtJQUM1QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsNEJBQTRCO0lBQzFCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw4QkFBOEI7SUFDNUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDRCQUE0QjtJQUMxQixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsZ0NBQWdDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBK0I7RUFDdkYsK0JBQStCO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBNEI7RUFDbkYsdUNBQXVDO0lBQ3JDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxnQ0FBZ0M7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFrQjtFQUMxRSw2QkFBNkI7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFlO0VBQ3BFLG1DQUFtQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXFCO0VBQ2hGLDRCQUE0QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQTBCO0VBQzlFLCtCQUErQjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWdDO0VBQ3ZGLHlCQUF5QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWdDO0VBQ2pGLHlCQUF5QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWdDO0VBQ2pGLDhCQUE4QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQTJDO0VBQ2pHLGdDQUFnQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWtCO0VBQzFFLDhCQUE4QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQTRCO0VBQ2xGLGtDQUFrQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQTBCO0VBQ3BGLG1DQUFtQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXFCO0VBQ2hGLHFDQUFxQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWdDO0VBQzdGLGtDQUFrQztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQW9DO0VBQzlGLDZCQUE2QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWlDO0VBQ3RGLDZCQUE2QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQWU7RUFDcEUsNEJBQTRCO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBMkI7RUFDL0UsK0JBQStCO0lBQzdCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxtREFBbUQ7SUFDakQsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHFDQUFxQztJQUNuQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsMEJBQTBCO0lBQ3hCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxzQ0FBc0M7SUFDcEMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDBCQUEwQjtJQUN4QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsNEJBQTRCO0lBQzFCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSx5Q0FBeUM7SUFDdkMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDRDQUE0QztJQUMxQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsdUNBQXVDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBcUM7RUFDcEcsc0NBQXNDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBNEM7RUFDMUcsaUNBQWlDO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBNkM7RUFDdEcsK0JBQStCO0lBQUUsTUFBTTtJQUFPLFNBQVM7RUFBb0M7RUFDM0YsaUNBQWlDO0lBQy9CLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxtQ0FBbUM7SUFBRSxNQUFNO0lBQU8sU0FBUztFQUFzQztFQUNqRyxtQ0FBbUM7SUFDakMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDRCQUE0QjtJQUFFLE1BQU07SUFBTyxTQUFTO0VBQXFEO0VBQ3pHLGtDQUFrQztJQUNoQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsdUNBQXVDO0lBQ3JDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw2Q0FBNkM7SUFDM0MsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDRDQUE0QztJQUMxQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0Esc0NBQXNDO0lBQ3BDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxnQ0FBZ0M7SUFDOUIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDRDQUE0QztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQW9DO0VBQ3hHLHVDQUF1QztJQUFFLE1BQU07SUFBTyxTQUFTO0VBQTBDO0VBQ3pHLG1EQUFtRDtJQUNqRCxNQUFNO0lBQ04sU0FDRTtFQUNKO0VBQ0EsMkRBQTJEO0lBQ3pELE1BQU07SUFDTixTQUNFO0VBQ0o7RUFDQSwrREFBK0Q7SUFDN0QsTUFBTTtJQUNOLFNBQ0U7RUFDSjtBQUNGLEdBQUc7QUFFSCwwR0FBMEcsR0FDMUcsT0FBTyxNQUFNLG9CQUFpRixPQUFPLE1BQU0sQ0FBQztFQUMxRyxzQkFBc0I7SUFDcEIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLGtDQUFrQztJQUNoQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EsdUJBQXVCO0lBQ3JCLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSxrQ0FBa0M7SUFDaEMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLDZCQUE2QjtJQUMzQixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0EscUNBQXFDO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBb0M7RUFDdEcsOEJBQThCO0lBQUUsTUFBTTtJQUFZLFNBQVM7RUFBcUM7RUFDaEcsaUNBQWlDO0lBQy9CLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSw0QkFBNEI7SUFBRSxNQUFNO0lBQVksU0FBUztFQUFnRDtFQUN6Ryw2QkFBNkI7SUFBRSxNQUFNO0lBQVksU0FBUztFQUE4QjtFQUN4Rix5QkFBeUI7SUFDdkIsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLHNDQUFzQztJQUNwQyxNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0Esa0NBQWtDO0lBQ2hDLE1BQU07SUFDTixTQUFTO0VBQ1g7RUFDQSx1Q0FBdUM7SUFDckMsTUFBTTtJQUNOLFNBQVM7RUFDWDtFQUNBLCtCQUErQjtJQUM3QixNQUFNO0lBQ04sU0FBUztFQUNYO0VBQ0Esc0NBQXNDO0lBQ3BDLE1BQU07SUFDTixTQUNFO0VBQ0o7RUFDQSwrQ0FBK0M7SUFDN0MsTUFBTTtJQUNOLFNBQ0U7RUFDSjtBQUNGLEdBQUc7QUFFSCw0R0FBNEcsR0FDNUcsT0FBTyxTQUFTLGFBQWEsSUFBWTtFQUN2QyxNQUFNLElBQUksU0FBUztFQUNuQixLQUFLLE1BQU0sS0FBSztJQUFDO0lBQVk7SUFBbUI7R0FBTyxDQUFFO0lBQ3ZELEtBQUssTUFBTSxDQUFDLE1BQU0sRUFBRSxJQUFJLE9BQU8sT0FBTyxDQUFDLEdBQUksSUFBSSxFQUFFLElBQUksS0FBSyxNQUFNLEdBQUcsT0FBTztFQUM1RTtFQUNBLE9BQU87QUFDVDtBQUVBLDBEQUEwRCxHQUMxRCxPQUFPLFNBQVMsVUFBVSxJQUFZO0VBQ3BDLEtBQUssTUFBTSxDQUFDLE1BQU0sRUFBRSxJQUFJLE9BQU8sT0FBTyxDQUFDLFFBQVMsSUFBSSxFQUFFLElBQUksS0FBSyxTQUFTLEdBQUcsT0FBTztFQUNsRixPQUFPO0FBQ1Q7QUFFQSxNQUFNLFlBQVksSUFBSTtBQUN0QixLQUFLLE1BQU0sQ0FBQyxPQUFPLE1BQU0sSUFBSSxPQUFPLE9BQU8sQ0FBQyxhQUFjO0VBQ3hELEtBQUssTUFBTSxDQUFDLE1BQU0sS0FBSyxJQUFJLE9BQU8sT0FBTyxDQUFDLE9BQVEsVUFBVSxHQUFHLENBQUMsTUFBTTtJQUFFO0lBQU87RUFBSztBQUN0RjtBQUVBLHFGQUFxRixHQUNyRixPQUFPLFNBQVMsU0FBUyxJQUFZO0VBQ25DLE9BQU8sVUFBVSxHQUFHLENBQUMsS0FBSyxXQUFXO0FBQ3ZDO0FBRUEsaUZBQWlGLEdBQ2pGLE9BQU8sU0FBUyxTQUFTLFFBQTRCLEVBQUUsS0FBYTtFQUNsRSxLQUFLLE1BQU0sQ0FBQyxNQUFNLEVBQUUsSUFBSSxPQUFPLE9BQU8sQ0FBQyxLQUFLLENBQUMsU0FBUyxFQUFHLElBQUksTUFBTSxPQUFPLE9BQU87RUFDakYsT0FBTztBQUNUO0FBRUEsNEVBQTRFLEdBQzVFLE9BQU8sU0FBUyxVQUFVLE1BQTBCLEVBQUUsS0FBYTtFQUNqRSxNQUFNLE1BQWdCLEVBQUU7RUFDeEIsSUFBSSxPQUFPLFVBQVU7RUFDckIsS0FBSyxNQUFNLENBQUMsTUFBTSxJQUFJLElBQUksT0FBTyxPQUFPLENBQUMsS0FBSyxDQUFDLE9BQU8sRUFBRztJQUN2RCxJQUFJLENBQUMsT0FBTyxHQUFHLE1BQU0sS0FBSztNQUN4QixJQUFJLElBQUksQ0FBQztNQUNULFFBQVEsQ0FBQyxRQUFRO0lBQ25CO0VBQ0Y7RUFDQSxJQUFJLE1BQU0sSUFBSSxJQUFJLENBQUMsT0FBTyxLQUFLLFFBQVEsQ0FBQztFQUN4QyxPQUFPO0FBQ1QifQ==
// denoCacheMetadata=160735182529912266,10679524423632815153