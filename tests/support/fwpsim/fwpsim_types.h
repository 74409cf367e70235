/*
 * fwpsim_types.h -- the Windows x64 layouts of every WFP / IKEEXT / IPsec struct fwpsim reads or writes.
 *
 * fwpsim is a TEST DOUBLE of fwpuclnt.dll (see README.md). These definitions are written by hand from the
 * Windows headers with fixed-width types so that the same source gives the Win64 layout on Linux (LP64) and
 * under mingw-w64 (LLP64):
 *   UINT32 / DWORD / ULONG / enums -> uint32_t, BOOL -> int32_t, wchar_t -> uint16_t (UTF-16LE),
 *   pointers stay native pointers (8 bytes on both), never `long` or `wchar_t`.
 * Nameless unions/structs are C11 anonymous members, so member access paths are identical to the Windows
 * headers (f.weight.uint8, pc.ikeMmPolicy, cert.inboundRootArraySize).
 *
 * Sources: mingw-w64 10.0 fwptypes.h / fwpmtypes.h / iketypes.h / ipsectypes.h for the structs it has; the
 * Windows SDK 10.0.22000 headers (GitHub marlersoft/microsoft_windows_sdk_cpp, shared/fwpmtypes.h,
 * shared/ipsectypes.h) for those mingw lacks: FWPM_PROVIDER_CONTEXT3, IPSEC_TRANSPORT_POLICY2,
 * IPSEC_TUNNEL_POLICY3, IPSEC_TUNNEL_ENDPOINTS2, IPSEC_TUNNEL_ENDPOINT0, IPSEC_KEYING_POLICY1,
 * IPSEC_TRAFFIC_SELECTOR_POLICY0, IPSEC_TRAFFIC_SELECTOR0. FWPM_SUBLAYER0.flags is UINT32 as in the SDK
 * (mingw declares UINT16; the offsets agree). Sizes are checked by _Static_assert at the end of this file
 * (the SDK's sizes) and by the oracle tier.
 */
#ifndef FWPSIM_TYPES_H
#define FWPSIM_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* ---- basic types ------------------------------------------------------------------------------------ */

typedef struct SIM_GUID {
  uint32_t Data1;
  uint16_t Data2;
  uint16_t Data3;
  uint8_t Data4[8];
} SIM_GUID;

/* SID: header + SubAuthorityCount UINT32s (variable length; the struct declares one). */
typedef struct SIM_SID {
  uint8_t Revision;
  uint8_t SubAuthorityCount;
  uint8_t IdentifierAuthority[6];
  uint32_t SubAuthority[1];
} SIM_SID;

typedef struct SIM_FWP_BYTE_ARRAY6 {
  uint8_t byteArray6[6];
} SIM_FWP_BYTE_ARRAY6;

typedef struct SIM_FWP_BYTE_ARRAY16 {
  uint8_t byteArray16[16];
} SIM_FWP_BYTE_ARRAY16;

typedef struct SIM_FWP_BYTE_BLOB {
  uint32_t size;
  uint8_t *data;
} SIM_FWP_BYTE_BLOB;

typedef struct SIM_FWP_TOKEN_INFORMATION {
  uint32_t sidCount;
  void *sids; /* PSID_AND_ATTRIBUTES */
  uint32_t restrictedSidCount;
  void *restrictedSids;
} SIM_FWP_TOKEN_INFORMATION;

typedef struct SIM_FWP_V4_ADDR_AND_MASK {
  uint32_t addr; /* host byte order */
  uint32_t mask;
} SIM_FWP_V4_ADDR_AND_MASK;

typedef struct SIM_FWP_V6_ADDR_AND_MASK {
  uint8_t addr[16];
  uint8_t prefixLength;
} SIM_FWP_V6_ADDR_AND_MASK;

typedef struct SIM_FWP_VALUE0 {
  uint32_t type; /* FWP_DATA_TYPE */
  union {
    uint8_t uint8;
    uint16_t uint16;
    uint32_t uint32;
    uint64_t *uint64;
    int8_t int8;
    int16_t int16;
    int32_t int32;
    int64_t *int64;
    float float32;
    double *double64;
    SIM_FWP_BYTE_ARRAY16 *byteArray16;
    SIM_FWP_BYTE_BLOB *byteBlob;
    SIM_SID *sid;
    SIM_FWP_BYTE_BLOB *sd;
    SIM_FWP_TOKEN_INFORMATION *tokenInformation;
    SIM_FWP_BYTE_BLOB *tokenAccessInformation;
    uint16_t *unicodeString;
    SIM_FWP_BYTE_ARRAY6 *byteArray6;
  };
} SIM_FWP_VALUE0;

typedef struct SIM_FWP_RANGE0 {
  SIM_FWP_VALUE0 valueLow;
  SIM_FWP_VALUE0 valueHigh;
} SIM_FWP_RANGE0;

typedef struct SIM_FWP_CONDITION_VALUE0 {
  uint32_t type; /* FWP_DATA_TYPE */
  union {
    uint8_t uint8;
    uint16_t uint16;
    uint32_t uint32;
    uint64_t *uint64;
    int8_t int8;
    int16_t int16;
    int32_t int32;
    int64_t *int64;
    float float32;
    double *double64;
    SIM_FWP_BYTE_ARRAY16 *byteArray16;
    SIM_FWP_BYTE_BLOB *byteBlob;
    SIM_SID *sid;
    SIM_FWP_BYTE_BLOB *sd;
    SIM_FWP_TOKEN_INFORMATION *tokenInformation;
    SIM_FWP_BYTE_BLOB *tokenAccessInformation;
    uint16_t *unicodeString;
    SIM_FWP_BYTE_ARRAY6 *byteArray6;
    SIM_FWP_V4_ADDR_AND_MASK *v4AddrMask;
    SIM_FWP_V6_ADDR_AND_MASK *v6AddrMask;
    SIM_FWP_RANGE0 *rangeValue;
  };
} SIM_FWP_CONDITION_VALUE0;

/* ---- fwpmtypes.h: session, provider, sublayer, filter --------------------------------------------- */

typedef struct SIM_FWPM_DISPLAY_DATA0 {
  uint16_t *name;
  uint16_t *description;
} SIM_FWPM_DISPLAY_DATA0;

typedef struct SIM_FWPM_SESSION0 {
  SIM_GUID sessionKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  uint32_t txnWaitTimeoutInMSec;
  uint32_t processId;
  SIM_SID *sid;
  uint16_t *username;
  int32_t kernelMode; /* BOOL */
} SIM_FWPM_SESSION0;

typedef struct SIM_FWPM_PROVIDER0 {
  SIM_GUID providerKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  SIM_FWP_BYTE_BLOB providerData;
  uint16_t *serviceName;
} SIM_FWPM_PROVIDER0;

typedef struct SIM_FWPM_SUBLAYER0 {
  SIM_GUID subLayerKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags; /* UINT32 in the SDK; mingw says UINT16 (same offsets) */
  SIM_GUID *providerKey;
  SIM_FWP_BYTE_BLOB providerData;
  uint16_t weight;
} SIM_FWPM_SUBLAYER0;

typedef struct SIM_FWPM_ACTION0 {
  uint32_t type; /* FWP_ACTION_TYPE */
  union {
    SIM_GUID filterType;
    SIM_GUID calloutKey;
  };
} SIM_FWPM_ACTION0;

typedef struct SIM_FWPM_FILTER_CONDITION0 {
  SIM_GUID fieldKey;
  uint32_t matchType; /* FWP_MATCH_TYPE */
  SIM_FWP_CONDITION_VALUE0 conditionValue;
} SIM_FWPM_FILTER_CONDITION0;

typedef struct SIM_FWPM_FILTER0 {
  SIM_GUID filterKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  SIM_GUID *providerKey;
  SIM_FWP_BYTE_BLOB providerData;
  SIM_GUID layerKey;
  SIM_GUID subLayerKey;
  SIM_FWP_VALUE0 weight;
  uint32_t numFilterConditions;
  SIM_FWPM_FILTER_CONDITION0 *filterCondition;
  SIM_FWPM_ACTION0 action;
  union {
    uint64_t rawContext;
    SIM_GUID providerContextKey;
  };
  SIM_GUID *reserved;
  uint64_t filterId;
  SIM_FWP_VALUE0 effectiveWeight;
} SIM_FWPM_FILTER0;

/* ---- enumeration templates ------------------------------------------------------------------------- */

typedef struct SIM_FWPM_PROVIDER_ENUM_TEMPLATE0 {
  uint64_t reserved;
} SIM_FWPM_PROVIDER_ENUM_TEMPLATE0;

typedef struct SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0 {
  SIM_GUID *providerKey;
} SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0;

typedef struct SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 {
  SIM_GUID *providerKey;
  uint32_t providerContextType; /* FWPM_PROVIDER_CONTEXT_TYPE */
} SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0;

typedef struct SIM_FWPM_FILTER_ENUM_TEMPLATE0 {
  SIM_GUID *providerKey;
  SIM_GUID layerKey;
  uint32_t enumType; /* FWP_FILTER_ENUM_TYPE */
  uint32_t flags;
  SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *providerContextTemplate;
  uint32_t numFilterConditions;
  SIM_FWPM_FILTER_CONDITION0 *filterCondition;
  uint32_t actionMask;
  SIM_GUID *calloutKey;
} SIM_FWPM_FILTER_ENUM_TEMPLATE0;

/* ---- iketypes.h: main mode and extended mode policy ------------------------------------------------ */

typedef struct SIM_IKEEXT_PRESHARED_KEY_AUTHENTICATION1 {
  SIM_FWP_BYTE_BLOB presharedKey;
  uint32_t flags;
} SIM_IKEEXT_PRESHARED_KEY_AUTHENTICATION1;

typedef struct SIM_IKEEXT_CERT_EKUS0 {
  uint32_t numEku; /* ULONG */
  char **eku;      /* LPSTR* (ANSI OID strings) */
} SIM_IKEEXT_CERT_EKUS0;

typedef struct SIM_IKEEXT_CERT_NAME0 {
  uint32_t nameType; /* IKEEXT_CERT_CRITERIA_NAME_TYPE */
  uint16_t *certName;
} SIM_IKEEXT_CERT_NAME0;

typedef struct SIM_IKEEXT_CERTIFICATE_CRITERIA0 {
  SIM_FWP_BYTE_BLOB certData;
  SIM_FWP_BYTE_BLOB certHash;
  SIM_IKEEXT_CERT_EKUS0 *eku;
  SIM_IKEEXT_CERT_NAME0 *name;
  uint32_t flags;
} SIM_IKEEXT_CERTIFICATE_CRITERIA0;

typedef struct SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 {
  uint32_t inboundConfigType; /* IKEEXT_CERT_CONFIG_TYPE */
  union {
    struct {
      uint32_t inboundRootArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *inboundRootCriteria;
    };
    struct {
      uint32_t inboundEnterpriseStoreArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *inboundEnterpriseStoreCriteria;
    };
    struct {
      uint32_t inboundRootStoreArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *inboundTrustedRootStoreCriteria;
    };
  };
  uint32_t outboundConfigType;
  union {
    struct {
      uint32_t outboundRootArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *outboundRootCriteria;
    };
    struct {
      uint32_t outboundEnterpriseStoreArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *outboundEnterpriseStoreCriteria;
    };
    struct {
      uint32_t outboundRootStoreArraySize;
      SIM_IKEEXT_CERTIFICATE_CRITERIA0 *outboundTrustedRootStoreCriteria;
    };
  };
  uint32_t flags;
  SIM_FWP_BYTE_BLOB localCertLocationUrl;
} SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2;

typedef struct SIM_IKEEXT_KERBEROS_AUTHENTICATION1 {
  uint32_t flags;
  uint16_t *proxyServer;
} SIM_IKEEXT_KERBEROS_AUTHENTICATION1;

typedef struct SIM_IKEEXT_RESERVED_AUTHENTICATION0 {
  uint32_t flags;
} SIM_IKEEXT_RESERVED_AUTHENTICATION0;

typedef struct SIM_IKEEXT_NTLM_V2_AUTHENTICATION0 {
  uint32_t flags;
} SIM_IKEEXT_NTLM_V2_AUTHENTICATION0;

typedef struct SIM_IKEEXT_EAP_AUTHENTICATION0 {
  uint32_t flags;
} SIM_IKEEXT_EAP_AUTHENTICATION0;

typedef struct SIM_IKEEXT_IPV6_CGA_AUTHENTICATION0 {
  uint16_t *keyContainerName;
  uint16_t *cspName;
  uint32_t cspType;
  SIM_FWP_BYTE_ARRAY16 cgaModifier;
  uint8_t cgaCollisionCount;
} SIM_IKEEXT_IPV6_CGA_AUTHENTICATION0;

typedef struct SIM_IKEEXT_AUTHENTICATION_METHOD2 {
  uint32_t authenticationMethodType; /* IKEEXT_AUTHENTICATION_METHOD_TYPE */
  union {
    SIM_IKEEXT_PRESHARED_KEY_AUTHENTICATION1 presharedKeyAuthentication;
    SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 certificateAuthentication;
    SIM_IKEEXT_KERBEROS_AUTHENTICATION1 kerberosAuthentication;
    SIM_IKEEXT_RESERVED_AUTHENTICATION0 reservedAuthentication;
    SIM_IKEEXT_NTLM_V2_AUTHENTICATION0 ntlmV2Authentication;
    SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 sslAuthentication;
    SIM_IKEEXT_IPV6_CGA_AUTHENTICATION0 cgaAuthentication;
    SIM_IKEEXT_EAP_AUTHENTICATION0 eapAuthentication;
  };
} SIM_IKEEXT_AUTHENTICATION_METHOD2;

typedef struct SIM_IKEEXT_CIPHER_ALGORITHM0 {
  uint32_t algoIdentifier; /* IKEEXT_CIPHER_TYPE */
  uint32_t keyLen;
  uint32_t rounds;
} SIM_IKEEXT_CIPHER_ALGORITHM0;

typedef struct SIM_IKEEXT_INTEGRITY_ALGORITHM0 {
  uint32_t algoIdentifier; /* IKEEXT_INTEGRITY_TYPE */
} SIM_IKEEXT_INTEGRITY_ALGORITHM0;

typedef struct SIM_IKEEXT_PROPOSAL0 {
  SIM_IKEEXT_CIPHER_ALGORITHM0 cipherAlgorithm;
  SIM_IKEEXT_INTEGRITY_ALGORITHM0 integrityAlgorithm;
  uint32_t maxLifetimeSeconds;
  uint32_t dhGroup; /* IKEEXT_DH_GROUP */
  uint32_t quickModeLimit;
} SIM_IKEEXT_PROPOSAL0;

typedef struct SIM_IKEEXT_POLICY2 {
  uint32_t softExpirationTime;
  uint32_t numAuthenticationMethods;
  SIM_IKEEXT_AUTHENTICATION_METHOD2 *authenticationMethods;
  uint32_t initiatorImpersonationType; /* IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE */
  uint32_t numIkeProposals;
  SIM_IKEEXT_PROPOSAL0 *ikeProposals;
  uint32_t flags;
  uint32_t maxDynamicFilters;
  uint32_t retransmitDurationSecs;
} SIM_IKEEXT_POLICY2;

typedef struct SIM_IKEEXT_EM_POLICY2 {
  uint32_t numAuthenticationMethods;
  SIM_IKEEXT_AUTHENTICATION_METHOD2 *authenticationMethods;
  uint32_t initiatorImpersonationType;
} SIM_IKEEXT_EM_POLICY2;

/* ---- ipsectypes.h: quick mode policy ---------------------------------------------------------------- */

typedef struct SIM_IPSEC_SA_LIFETIME0 {
  uint32_t lifetimeSeconds;
  uint32_t lifetimeKilobytes;
  uint32_t lifetimePackets;
} SIM_IPSEC_SA_LIFETIME0;

typedef struct SIM_IPSEC_AUTH_TRANSFORM_ID0 {
  uint32_t authType;  /* IPSEC_AUTH_TYPE */
  uint8_t authConfig; /* IPSEC_AUTH_CONFIG (UINT8) */
} SIM_IPSEC_AUTH_TRANSFORM_ID0;

typedef struct SIM_IPSEC_AUTH_TRANSFORM0 {
  SIM_IPSEC_AUTH_TRANSFORM_ID0 authTransformId;
  SIM_GUID *cryptoModuleId; /* IPSEC_CRYPTO_MODULE_ID* */
} SIM_IPSEC_AUTH_TRANSFORM0;

typedef struct SIM_IPSEC_CIPHER_TRANSFORM_ID0 {
  uint32_t cipherType;  /* IPSEC_CIPHER_TYPE */
  uint8_t cipherConfig; /* IPSEC_CIPHER_CONFIG (UINT8) */
} SIM_IPSEC_CIPHER_TRANSFORM_ID0;

typedef struct SIM_IPSEC_CIPHER_TRANSFORM0 {
  SIM_IPSEC_CIPHER_TRANSFORM_ID0 cipherTransformId;
  SIM_GUID *cryptoModuleId;
} SIM_IPSEC_CIPHER_TRANSFORM0;

typedef struct SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 {
  SIM_IPSEC_AUTH_TRANSFORM0 authTransform;
  SIM_IPSEC_CIPHER_TRANSFORM0 cipherTransform;
} SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0;

typedef struct SIM_IPSEC_SA_TRANSFORM0 {
  uint32_t ipsecTransformType; /* IPSEC_TRANSFORM_TYPE */
  union {
    SIM_IPSEC_AUTH_TRANSFORM0 *ahTransform;
    SIM_IPSEC_AUTH_TRANSFORM0 *espAuthTransform;
    SIM_IPSEC_CIPHER_TRANSFORM0 *espCipherTransform;
    SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 *espAuthAndCipherTransform;
    SIM_IPSEC_AUTH_TRANSFORM0 *espAuthFwTransform;
  };
} SIM_IPSEC_SA_TRANSFORM0;

typedef struct SIM_IPSEC_PROPOSAL0 {
  SIM_IPSEC_SA_LIFETIME0 lifetime;
  uint32_t numSaTransforms;
  SIM_IPSEC_SA_TRANSFORM0 *saTransforms;
  uint32_t pfsGroup; /* IPSEC_PFS_GROUP */
} SIM_IPSEC_PROPOSAL0;

typedef struct SIM_IPSEC_SA_IDLE_TIMEOUT0 {
  uint32_t idleTimeoutSeconds;
  uint32_t idleTimeoutSecondsFailOver;
} SIM_IPSEC_SA_IDLE_TIMEOUT0;

typedef struct SIM_IPSEC_TRANSPORT_POLICY2 {
  uint32_t numIpsecProposals;
  SIM_IPSEC_PROPOSAL0 *ipsecProposals;
  uint32_t flags;
  uint32_t ndAllowClearTimeoutSeconds;
  SIM_IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  SIM_IKEEXT_EM_POLICY2 *emPolicy;
} SIM_IPSEC_TRANSPORT_POLICY2;

typedef struct SIM_IPSEC_TUNNEL_ENDPOINT0 {
  uint32_t ipVersion; /* FWP_IP_VERSION */
  union {
    uint32_t v4Address;
    uint8_t v6Address[16];
  };
} SIM_IPSEC_TUNNEL_ENDPOINT0;

typedef struct SIM_IPSEC_TUNNEL_ENDPOINTS2 {
  uint32_t ipVersion;
  union {
    uint32_t localV4Address;
    uint8_t localV6Address[16];
  };
  union {
    uint32_t remoteV4Address;
    uint8_t remoteV6Address[16];
  };
  uint64_t localIfLuid;
  uint16_t *remoteFqdn;
  uint32_t numAddresses;
  SIM_IPSEC_TUNNEL_ENDPOINT0 *remoteAddresses;
} SIM_IPSEC_TUNNEL_ENDPOINTS2;

typedef struct SIM_IPSEC_TRAFFIC_SELECTOR0 {
  uint8_t protocolId;
  uint16_t portStart;
  uint16_t portEnd;
  uint32_t ipVersion;
  union {
    uint32_t startV4Address;
    uint8_t startV6Address[16];
  };
  union {
    uint32_t endV4Address;
    uint8_t endV6Address[16];
  };
} SIM_IPSEC_TRAFFIC_SELECTOR0;

typedef struct SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0 {
  uint32_t flags;
  uint32_t numLocalTrafficSelectors;
  SIM_IPSEC_TRAFFIC_SELECTOR0 *localTrafficSelectors;
  uint32_t numRemoteTrafficSelectors;
  SIM_IPSEC_TRAFFIC_SELECTOR0 *remoteTrafficSelectors;
} SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0;

typedef struct SIM_IPSEC_TUNNEL_POLICY3 {
  uint32_t flags;
  uint32_t numIpsecProposals;
  SIM_IPSEC_PROPOSAL0 *ipsecProposals;
  SIM_IPSEC_TUNNEL_ENDPOINTS2 tunnelEndpoints;
  SIM_IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  SIM_IKEEXT_EM_POLICY2 *emPolicy;
  uint32_t fwdPathSaLifetime;
  uint32_t compartmentId;
  uint32_t numTrafficSelectorPolicy;
  SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0 *trafficSelectorPolicies;
} SIM_IPSEC_TUNNEL_POLICY3;

typedef struct SIM_IPSEC_KEYING_POLICY1 {
  uint32_t numKeyMods;
  SIM_GUID *keyModKeys;
  uint32_t flags;
} SIM_IPSEC_KEYING_POLICY1;

typedef struct SIM_IPSEC_DOSP_OPTIONS0 {
  uint32_t stateIdleTimeoutSeconds;
  uint32_t perIPRateLimitQueueIdleTimeoutSeconds;
  uint8_t ipV6IPsecUnauthDscp;
  uint32_t ipV6IPsecUnauthRateLimitBytesPerSec;
  uint32_t ipV6IPsecUnauthPerIPRateLimitBytesPerSec;
  uint8_t ipV6IPsecAuthDscp;
  uint32_t ipV6IPsecAuthRateLimitBytesPerSec;
  uint8_t icmpV6Dscp;
  uint32_t icmpV6RateLimitBytesPerSec;
  uint8_t ipV6FilterExemptDscp;
  uint32_t ipV6FilterExemptRateLimitBytesPerSec;
  uint8_t defBlockExemptDscp;
  uint32_t defBlockExemptRateLimitBytesPerSec;
  uint32_t maxStateEntries;
  uint32_t maxPerIPRateLimitQueues;
  uint32_t flags;
  uint32_t numPublicIFLuids;
  uint64_t *publicIFLuids;
  uint32_t numInternalIFLuids;
  uint64_t *internalIFLuids;
  SIM_FWP_V6_ADDR_AND_MASK publicV6AddrMask;
  SIM_FWP_V6_ADDR_AND_MASK internalV6AddrMask;
} SIM_IPSEC_DOSP_OPTIONS0;

/* ---- the provider context ----------------------------------------------------------------------------- */

typedef struct SIM_FWPM_PROVIDER_CONTEXT3 {
  SIM_GUID providerContextKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  SIM_GUID *providerKey;
  SIM_FWP_BYTE_BLOB providerData;
  uint32_t type; /* FWPM_PROVIDER_CONTEXT_TYPE */
  union {
    SIM_IPSEC_KEYING_POLICY1 *keyingPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *ikeQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY3 *ikeQmTunnelPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *authipQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY3 *authipQmTunnelPolicy;
    SIM_IKEEXT_POLICY2 *ikeMmPolicy;
    SIM_IKEEXT_POLICY2 *authIpMmPolicy;
    SIM_FWP_BYTE_BLOB *dataBuffer;
    void *classifyOptions; /* FWPM_CLASSIFY_OPTIONS0* (not simulated) */
    SIM_IPSEC_TUNNEL_POLICY3 *ikeV2QmTunnelPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *ikeV2QmTransportPolicy;
    SIM_IKEEXT_POLICY2 *ikeV2MmPolicy;
    SIM_IPSEC_DOSP_OPTIONS0 *idpOptions;
  };
  uint64_t providerContextId;
} SIM_FWPM_PROVIDER_CONTEXT3;

/* ---- earlier versions (not used by the exports; defined so the oracle checks every ffi/ table against
 * fwpsim too). Win7: *1, Vista: *0 (mingw-w64 iketypes.h / ipsectypes.h / fwpmtypes.h). ---------------- */

typedef struct SIM_IKEEXT_CERT_ROOT_CONFIG0 {
  SIM_FWP_BYTE_BLOB certData;
  uint32_t flags;
} SIM_IKEEXT_CERT_ROOT_CONFIG0;

typedef struct SIM_IKEEXT_KERBEROS_AUTHENTICATION0 {
  uint32_t flags;
} SIM_IKEEXT_KERBEROS_AUTHENTICATION0;

typedef struct SIM_IKEEXT_CERTIFICATE_AUTHENTICATION1 {
  uint32_t inboundConfigType;
  union {
    struct {
      uint32_t inboundRootArraySize;
      SIM_IKEEXT_CERT_ROOT_CONFIG0 *inboundRootArray;
    };
    SIM_IKEEXT_CERT_ROOT_CONFIG0 *inboundEnterpriseStoreConfig;
    SIM_IKEEXT_CERT_ROOT_CONFIG0 *inboundTrustedRootStoreConfig;
  };
  uint32_t outboundConfigType;
  union {
    struct {
      uint32_t outboundRootArraySize;
      SIM_IKEEXT_CERT_ROOT_CONFIG0 *outboundRootArray;
    };
    SIM_IKEEXT_CERT_ROOT_CONFIG0 *outboundEnterpriseStoreConfig;
    SIM_IKEEXT_CERT_ROOT_CONFIG0 *outboundTrustedRootStoreConfig;
  };
  uint32_t flags;
  SIM_FWP_BYTE_BLOB localCertLocationUrl;
} SIM_IKEEXT_CERTIFICATE_AUTHENTICATION1;

typedef struct SIM_IKEEXT_AUTHENTICATION_METHOD1 {
  uint32_t authenticationMethodType;
  union {
    SIM_IKEEXT_PRESHARED_KEY_AUTHENTICATION1 presharedKeyAuthentication;
    SIM_IKEEXT_CERTIFICATE_AUTHENTICATION1 certificateAuthentication;
    SIM_IKEEXT_KERBEROS_AUTHENTICATION0 kerberosAuthentication;
    SIM_IKEEXT_NTLM_V2_AUTHENTICATION0 ntlmV2Authentication;
    SIM_IKEEXT_CERTIFICATE_AUTHENTICATION1 sslAuthentication;
    SIM_IKEEXT_IPV6_CGA_AUTHENTICATION0 cgaAuthentication;
    SIM_IKEEXT_EAP_AUTHENTICATION0 eapAuthentication;
  };
} SIM_IKEEXT_AUTHENTICATION_METHOD1;

typedef struct SIM_IKEEXT_POLICY1 {
  uint32_t softExpirationTime;
  uint32_t numAuthenticationMethods;
  SIM_IKEEXT_AUTHENTICATION_METHOD1 *authenticationMethods;
  uint32_t initiatorImpersonationType;
  uint32_t numIkeProposals;
  SIM_IKEEXT_PROPOSAL0 *ikeProposals;
  uint32_t flags;
  uint32_t maxDynamicFilters;
  uint32_t retransmitDurationSecs;
} SIM_IKEEXT_POLICY1;

typedef struct SIM_IKEEXT_EM_POLICY1 {
  uint32_t numAuthenticationMethods;
  SIM_IKEEXT_AUTHENTICATION_METHOD1 *authenticationMethods;
  uint32_t initiatorImpersonationType;
} SIM_IKEEXT_EM_POLICY1;

typedef struct SIM_IPSEC_KEYING_POLICY0 {
  uint32_t numKeyMods;
  SIM_GUID *keyModKeys;
} SIM_IPSEC_KEYING_POLICY0;

typedef struct SIM_IPSEC_TRANSPORT_POLICY1 {
  uint32_t numIpsecProposals;
  SIM_IPSEC_PROPOSAL0 *ipsecProposals;
  uint32_t flags;
  uint32_t ndAllowClearTimeoutSeconds;
  SIM_IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  SIM_IKEEXT_EM_POLICY1 *emPolicy;
} SIM_IPSEC_TRANSPORT_POLICY1;

typedef struct SIM_IPSEC_TUNNEL_ENDPOINTS1 {
  uint32_t ipVersion;
  union {
    uint32_t localV4Address;
    uint8_t localV6Address[16];
  };
  union {
    uint32_t remoteV4Address;
    uint8_t remoteV6Address[16];
  };
  uint64_t localIfLuid;
} SIM_IPSEC_TUNNEL_ENDPOINTS1;

typedef struct SIM_IPSEC_TUNNEL_POLICY1 {
  uint32_t flags;
  uint32_t numIpsecProposals;
  SIM_IPSEC_PROPOSAL0 *ipsecProposals;
  SIM_IPSEC_TUNNEL_ENDPOINTS1 tunnelEndpoints;
  SIM_IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  SIM_IKEEXT_EM_POLICY1 *emPolicy;
} SIM_IPSEC_TUNNEL_POLICY1;

/* SDK 10.0.22000 shared/ipsectypes.h (Win8) */
typedef struct SIM_IPSEC_TUNNEL_POLICY2 {
  uint32_t flags;
  uint32_t numIpsecProposals;
  SIM_IPSEC_PROPOSAL0 *ipsecProposals;
  SIM_IPSEC_TUNNEL_ENDPOINTS2 tunnelEndpoints;
  SIM_IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  SIM_IKEEXT_EM_POLICY2 *emPolicy;
  uint32_t fwdPathSaLifetime;
} SIM_IPSEC_TUNNEL_POLICY2;

typedef struct SIM_FWPM_PROVIDER_CONTEXT1 {
  SIM_GUID providerContextKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  SIM_GUID *providerKey;
  SIM_FWP_BYTE_BLOB providerData;
  uint32_t type;
  union {
    SIM_IPSEC_KEYING_POLICY0 *keyingPolicy;
    SIM_IPSEC_TRANSPORT_POLICY1 *ikeQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY1 *ikeQmTunnelPolicy;
    SIM_IPSEC_TRANSPORT_POLICY1 *authipQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY1 *authipQmTunnelPolicy;
    SIM_IKEEXT_POLICY1 *ikeMmPolicy;
    SIM_IKEEXT_POLICY1 *authIpMmPolicy;
    SIM_FWP_BYTE_BLOB *dataBuffer;
    void *classifyOptions;
    SIM_IPSEC_TUNNEL_POLICY1 *ikeV2QmTunnelPolicy;
    SIM_IKEEXT_POLICY1 *ikeV2MmPolicy;
    SIM_IPSEC_DOSP_OPTIONS0 *idpOptions;
  };
  uint64_t providerContextId;
} SIM_FWPM_PROVIDER_CONTEXT1;

/* SDK 10.0.22000 shared/fwpmtypes.h (Win8) */
typedef struct SIM_FWPM_PROVIDER_CONTEXT2 {
  SIM_GUID providerContextKey;
  SIM_FWPM_DISPLAY_DATA0 displayData;
  uint32_t flags;
  SIM_GUID *providerKey;
  SIM_FWP_BYTE_BLOB providerData;
  uint32_t type;
  union {
    SIM_IPSEC_KEYING_POLICY1 *keyingPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *ikeQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY2 *ikeQmTunnelPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *authipQmTransportPolicy;
    SIM_IPSEC_TUNNEL_POLICY2 *authipQmTunnelPolicy;
    SIM_IKEEXT_POLICY2 *ikeMmPolicy;
    SIM_IKEEXT_POLICY2 *authIpMmPolicy;
    SIM_FWP_BYTE_BLOB *dataBuffer;
    void *classifyOptions;
    SIM_IPSEC_TUNNEL_POLICY2 *ikeV2QmTunnelPolicy;
    SIM_IPSEC_TRANSPORT_POLICY2 *ikeV2QmTransportPolicy;
    SIM_IKEEXT_POLICY2 *ikeV2MmPolicy;
    SIM_IPSEC_DOSP_OPTIONS0 *idpOptions;
  };
  uint64_t providerContextId;
} SIM_FWPM_PROVIDER_CONTEXT2;

/* ---- manual SA contexts (ipsectypes.h, Win7 versions) -------------------------------------------------- */

typedef struct SIM_IPSEC_V4_UDP_ENCAPSULATION0 {
  uint16_t localUdpEncapPort;
  uint16_t remoteUdpEncapPort;
} SIM_IPSEC_V4_UDP_ENCAPSULATION0;

typedef struct SIM_IPSEC_TOKEN0 {
  uint32_t type;      /* IPSEC_TOKEN_TYPE */
  uint32_t principal; /* IPSEC_TOKEN_PRINCIPAL */
  uint32_t mode;      /* IPSEC_TOKEN_MODE */
  uint64_t token;     /* IPSEC_TOKEN_HANDLE */
} SIM_IPSEC_TOKEN0;

typedef struct SIM_IPSEC_ID0 {
  uint16_t *mmTargetName;
  uint16_t *emTargetName;
  uint32_t numTokens;
  SIM_IPSEC_TOKEN0 *tokens;
  uint64_t explicitCredentials;
  uint64_t logonId;
} SIM_IPSEC_ID0;

typedef struct SIM_IPSEC_KEYMODULE_STATE0 {
  SIM_GUID keyModuleKey;
  SIM_FWP_BYTE_BLOB stateBlob;
} SIM_IPSEC_KEYMODULE_STATE0;

typedef struct SIM_IPSEC_TRAFFIC1 {
  uint32_t ipVersion;
  union {
    uint32_t localV4Address;
    uint8_t localV6Address[16];
  };
  union {
    uint32_t remoteV4Address;
    uint8_t remoteV6Address[16];
  };
  uint32_t trafficType; /* IPSEC_TRAFFIC_TYPE */
  union {
    uint64_t ipsecFilterId;
    uint64_t tunnelPolicyId;
  };
  uint16_t remotePort;
  uint16_t localPort;
  uint8_t ipProtocol;
  uint64_t localIfLuid;
  uint32_t realIfProfileId;
} SIM_IPSEC_TRAFFIC1;

typedef struct SIM_IPSEC_GETSPI1 {
  SIM_IPSEC_TRAFFIC1 inboundIpsecTraffic;
  uint32_t ipVersion;
  union {
    SIM_IPSEC_V4_UDP_ENCAPSULATION0 *inboundUdpEncapsulation;
  };
  SIM_GUID *rngCryptoModuleID;
} SIM_IPSEC_GETSPI1;

typedef struct SIM_IPSEC_SA_AUTH_INFORMATION0 {
  SIM_IPSEC_AUTH_TRANSFORM0 authTransform;
  SIM_FWP_BYTE_BLOB authKey;
} SIM_IPSEC_SA_AUTH_INFORMATION0;

typedef struct SIM_IPSEC_SA_CIPHER_INFORMATION0 {
  SIM_IPSEC_CIPHER_TRANSFORM0 cipherTransform;
  SIM_FWP_BYTE_BLOB cipherKey;
} SIM_IPSEC_SA_CIPHER_INFORMATION0;

typedef struct SIM_IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 {
  SIM_IPSEC_SA_CIPHER_INFORMATION0 saCipherInformation;
  SIM_IPSEC_SA_AUTH_INFORMATION0 saAuthInformation;
} SIM_IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0;

typedef struct SIM_IPSEC_SA0 {
  uint32_t spi;
  uint32_t saTransformType; /* IPSEC_TRANSFORM_TYPE */
  union {
    SIM_IPSEC_SA_AUTH_INFORMATION0 *ahInformation;
    SIM_IPSEC_SA_AUTH_INFORMATION0 *espAuthInformation;
    SIM_IPSEC_SA_CIPHER_INFORMATION0 *espCipherInformation;
    SIM_IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 *espAuthAndCipherInformation;
    SIM_IPSEC_SA_AUTH_INFORMATION0 *espAuthFwInformation;
  };
} SIM_IPSEC_SA0;

typedef struct SIM_IPSEC_SA_BUNDLE1 {
  uint32_t flags;
  SIM_IPSEC_SA_LIFETIME0 lifetime;
  uint32_t idleTimeoutSeconds;
  uint32_t ndAllowClearTimeoutSeconds;
  SIM_IPSEC_ID0 *ipsecId;
  uint32_t napContext;
  uint32_t qmSaId;
  uint32_t numSAs;
  SIM_IPSEC_SA0 *saList;
  SIM_IPSEC_KEYMODULE_STATE0 *keyModuleState;
  uint32_t ipVersion;
  union {
    uint32_t peerV4PrivateAddress;
  };
  uint64_t mmSaId;
  uint32_t pfsGroup;
  SIM_GUID saLookupContext;
  uint64_t qmFilterId;
} SIM_IPSEC_SA_BUNDLE1;

typedef struct SIM_IPSEC_VIRTUAL_IF_TUNNEL_INFO0 {
  uint64_t virtualIfTunnelId;
  uint64_t trafficSelectorId;
} SIM_IPSEC_VIRTUAL_IF_TUNNEL_INFO0;

typedef struct SIM_IPSEC_SA_DETAILS1 {
  uint32_t ipVersion;
  uint32_t saDirection; /* FWP_DIRECTION */
  SIM_IPSEC_TRAFFIC1 traffic;
  SIM_IPSEC_SA_BUNDLE1 saBundle;
  union {
    SIM_IPSEC_V4_UDP_ENCAPSULATION0 *udpEncapsulation;
  };
  void *transportFilter; /* FWPM_FILTER0* */
  SIM_IPSEC_VIRTUAL_IF_TUNNEL_INFO0 virtualIfTunnelInfo;
} SIM_IPSEC_SA_DETAILS1;

typedef struct SIM_IPSEC_SA_CONTEXT1 {
  uint64_t saContextId;
  SIM_IPSEC_SA_DETAILS1 *inboundSa;
  SIM_IPSEC_SA_DETAILS1 *outboundSa;
} SIM_IPSEC_SA_CONTEXT1;

typedef struct SIM_IPSEC_SA_CONTEXT_ENUM_TEMPLATE0 {
  SIM_FWP_CONDITION_VALUE0 localSubNet;
  SIM_FWP_CONDITION_VALUE0 remoteSubNet;
} SIM_IPSEC_SA_CONTEXT_ENUM_TEMPLATE0;

/* ---- net events, version 1 (mingw-w64 fwpmtypes.h; FwpmNetEventEnum1 and SimInjectNetEvent) ----------- */

typedef struct SIM_FILETIME {
  uint32_t dwLowDateTime;
  uint32_t dwHighDateTime;
} SIM_FILETIME;

typedef struct SIM_FWPM_NET_EVENT_HEADER1 {
  SIM_FILETIME timeStamp;
  uint32_t flags;     /* FWPM_NET_EVENT_FLAG_* */
  uint32_t ipVersion; /* FWP_IP_VERSION */
  uint8_t ipProtocol;
  union {
    uint32_t localAddrV4;
    SIM_FWP_BYTE_ARRAY16 localAddrV6;
  };
  union {
    uint32_t remoteAddrV4;
    SIM_FWP_BYTE_ARRAY16 remoteAddrV6;
  };
  uint16_t localPort;
  uint16_t remotePort;
  uint32_t scopeId;
  SIM_FWP_BYTE_BLOB appId;
  SIM_SID *userId;
  union {
    struct {
      uint32_t addressFamily; /* FWP_AF */
      union {
        struct {
          SIM_FWP_BYTE_ARRAY6 dstAddrEth;
          SIM_FWP_BYTE_ARRAY6 srcAddrEth;
          uint32_t addrType;    /* DL_ADDRESS_TYPE */
          uint32_t encapMethod; /* FWP_ETHER_ENCAP_METHOD */
          uint16_t etherType;
          uint32_t snapControl;
          uint32_t snapOui;
          uint16_t vlanTag;
          uint64_t ifLuid;
        };
      };
    };
  };
} SIM_FWPM_NET_EVENT_HEADER1;

typedef struct SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 {
  uint32_t failureErrorCode;
  uint32_t failurePoint;     /* IPSEC_FAILURE_POINT */
  uint32_t flags;
  uint32_t keyingModuleType; /* IKEEXT_KEY_MODULE_TYPE */
  uint32_t mmState;          /* IKEEXT_MM_SA_STATE */
  uint32_t saRole;           /* IKEEXT_SA_ROLE */
  uint32_t mmAuthMethod;     /* IKEEXT_AUTHENTICATION_METHOD_TYPE */
  uint8_t endCertHash[20];
  uint64_t mmId;
  uint64_t mmFilterId;
  uint16_t *localPrincipalNameForAuth;
  uint16_t *remotePrincipalNameForAuth;
  uint32_t numLocalPrincipalGroupSids;
  uint16_t **localPrincipalGroupSids;
  uint32_t numRemotePrincipalGroupSids;
  uint16_t **remotePrincipalGroupSids;
} SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1;

typedef struct SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 {
  uint32_t failureErrorCode;
  uint32_t failurePoint;
  uint32_t keyingModuleType;
  uint32_t qmState; /* IKEEXT_QM_SA_STATE */
  uint32_t saRole;
  uint32_t saTrafficType; /* IPSEC_TRAFFIC_TYPE; the subnets are meaningful for TUNNEL only */
  union {
    SIM_FWP_CONDITION_VALUE0 localSubNet;
  };
  union {
    SIM_FWP_CONDITION_VALUE0 remoteSubNet;
  };
  uint64_t qmFilterId;
} SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0;

typedef struct SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 {
  uint32_t failureErrorCode;
  uint32_t failurePoint;
  uint32_t flags;
  uint32_t emState; /* IKEEXT_EM_SA_STATE */
  uint32_t saRole;
  uint32_t emAuthMethod;
  uint8_t endCertHash[20];
  uint64_t mmId;
  uint64_t qmFilterId;
  uint16_t *localPrincipalNameForAuth;
  uint16_t *remotePrincipalNameForAuth;
  uint32_t numLocalPrincipalGroupSids;
  uint16_t **localPrincipalGroupSids;
  uint32_t numRemotePrincipalGroupSids;
  uint16_t **remotePrincipalGroupSids;
  uint32_t saTrafficType;
} SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1;

typedef struct SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 {
  int32_t failureStatus; /* NTSTATUS */
  uint32_t direction;    /* FWP_DIRECTION */
  uint32_t spi;
  uint64_t filterId;
  uint16_t layerId;
} SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0;

typedef struct SIM_FWPM_NET_EVENT1 {
  SIM_FWPM_NET_EVENT_HEADER1 header;
  uint32_t type; /* FWPM_NET_EVENT_TYPE */
  union {
    SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 *ikeMmFailure;
    SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 *ikeQmFailure;
    SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *ikeEmFailure;
    void *classifyDrop; /* FWPM_NET_EVENT_CLASSIFY_DROP1 (not simulated) */
    SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *ipsecDrop;
    void *idpDrop; /* FWPM_NET_EVENT_IPSEC_DOSP_DROP0 (not simulated) */
  };
} SIM_FWPM_NET_EVENT1;

typedef struct SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 {
  SIM_FILETIME startTime;
  SIM_FILETIME endTime;
  uint32_t numFilterConditions;
  SIM_FWPM_FILTER_CONDITION0 *filterCondition;
} SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0;

/* FwpmNetEventSubscribe0 (fwpmtypes.h / fwpmu.h): the subscription and the callback it calls. */
typedef struct SIM_FWPM_NET_EVENT_SUBSCRIPTION0 {
  SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 *enumTemplate; /* NULL matches every event */
  uint32_t flags;                                  /* unused */
  SIM_GUID sessionKey;
} SIM_FWPM_NET_EVENT_SUBSCRIPTION0;
typedef void (*SIM_FWPM_NET_EVENT_CALLBACK0)(void *context, const SIM_FWPM_NET_EVENT1 *event);

/* IPsecGetStatistics1 / IkeextGetStatistics1 (ipsectypes.h, iketypes.h) */
typedef struct SIM_IPSEC_AGGREGATE_SA_STATISTICS0 {
  uint32_t activeSas, pendingSaNegotiations, totalSasAdded, totalSasDeleted, successfulRekeys, activeTunnels,
      offloadedSas;
} SIM_IPSEC_AGGREGATE_SA_STATISTICS0;
typedef struct SIM_IPSEC_ESP_DROP_PACKET_STATISTICS0 {
  uint32_t invalidSpisOnInbound, decryptionFailuresOnInbound, authenticationFailuresOnInbound,
      replayCheckFailuresOnInbound, saNotInitializedOnInbound;
} SIM_IPSEC_ESP_DROP_PACKET_STATISTICS0;
typedef struct SIM_IPSEC_AH_DROP_PACKET_STATISTICS0 {
  uint32_t invalidSpisOnInbound, authenticationFailuresOnInbound, replayCheckFailuresOnInbound,
      saNotInitializedOnInbound;
} SIM_IPSEC_AH_DROP_PACKET_STATISTICS0;
typedef struct SIM_IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1 {
  uint32_t invalidSpisOnInbound, decryptionFailuresOnInbound, authenticationFailuresOnInbound,
      udpEspValidationFailuresOnInbound, replayCheckFailuresOnInbound, invalidClearTextInbound,
      saNotInitializedOnInbound, receiveOverIncorrectSaInbound, secureReceivesNotMatchingFilters,
      totalDropPacketsInbound;
} SIM_IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1;
typedef struct SIM_IPSEC_TRAFFIC_STATISTICS1 {
  uint64_t encryptedByteCount, authenticatedAHByteCount, authenticatedESPByteCount, transportByteCount,
      tunnelByteCount, offloadByteCount, totalSuccessfulPackets;
} SIM_IPSEC_TRAFFIC_STATISTICS1;
typedef struct SIM_IPSEC_STATISTICS1 {
  SIM_IPSEC_AGGREGATE_SA_STATISTICS0 aggregateSaStatistics;
  SIM_IPSEC_ESP_DROP_PACKET_STATISTICS0 espDropPacketStatistics;
  SIM_IPSEC_AH_DROP_PACKET_STATISTICS0 ahDropPacketStatistics;
  SIM_IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1 aggregateDropPacketStatistics;
  SIM_IPSEC_TRAFFIC_STATISTICS1 inboundTrafficStatistics;
  SIM_IPSEC_TRAFFIC_STATISTICS1 outboundTrafficStatistics;
} SIM_IPSEC_STATISTICS1;
typedef struct SIM_IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1 {
  uint32_t currentActiveMainModes, totalMainModesStarted, totalSuccessfulMainModes, totalFailedMainModes,
      totalResponderMainModes, currentNewResponderMainModes, currentActiveQuickModes, totalQuickModesStarted,
      totalSuccessfulQuickModes, totalFailedQuickModes, totalAcquires, totalReinitAcquires,
      currentActiveExtendedModes, totalExtendedModesStarted, totalSuccessfulExtendedModes,
      totalFailedExtendedModes, totalImpersonationExtendedModes, totalImpersonationMainModes;
} SIM_IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1;
#define SIM_IKEEXT_ERROR_CODE_COUNT 97 /* the header's [97]; Learn's prose says 84 (windows-verification S1) */
typedef struct SIM_IKEEXT_KEYMODULE_STATISTICS1 {
  SIM_IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1 v4Statistics;
  SIM_IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1 v6Statistics;
  uint32_t errorFrequencyTable[SIM_IKEEXT_ERROR_CODE_COUNT];
  uint32_t mainModeNegotiationTime, quickModeNegotiationTime, extendedModeNegotiationTime;
} SIM_IKEEXT_KEYMODULE_STATISTICS1;
typedef struct SIM_IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1 {
  uint32_t totalSocketReceiveFailures, totalSocketSendFailures;
} SIM_IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1;
typedef struct SIM_IKEEXT_COMMON_STATISTICS1 {
  SIM_IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1 v4Statistics;
  SIM_IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1 v6Statistics;
  uint32_t totalPacketsReceived, totalInvalidPacketsReceived, currentQueuedWorkitems;
} SIM_IKEEXT_COMMON_STATISTICS1;
typedef struct SIM_IKEEXT_STATISTICS1 {
  SIM_IKEEXT_KEYMODULE_STATISTICS1 ikeStatistics;
  SIM_IKEEXT_KEYMODULE_STATISTICS1 authipStatistics;
  SIM_IKEEXT_KEYMODULE_STATISTICS1 ikeV2Statistics;
  SIM_IKEEXT_COMMON_STATISTICS1 commonStatistics;
} SIM_IKEEXT_STATISTICS1;

/* ---- layout self-checks (Windows x64 figures, spec section 6 / 2) -------------------------------------- */

#define SIM_ASSERT_SIZE(T, n) _Static_assert(sizeof(T) == (n), #T " size")
#define SIM_ASSERT_OFF(T, m, n) _Static_assert(offsetof(T, m) == (n), #T "." #m " offset")
SIM_ASSERT_SIZE(SIM_GUID, 16);
SIM_ASSERT_SIZE(SIM_FWP_BYTE_BLOB, 16);
SIM_ASSERT_SIZE(SIM_FWP_VALUE0, 16);
SIM_ASSERT_SIZE(SIM_FWP_CONDITION_VALUE0, 16);
SIM_ASSERT_SIZE(SIM_FWP_V6_ADDR_AND_MASK, 17);
SIM_ASSERT_SIZE(SIM_FWPM_FILTER_CONDITION0, 40);
SIM_ASSERT_OFF(SIM_FWPM_FILTER_CONDITION0, conditionValue, 24);
SIM_ASSERT_SIZE(SIM_FWPM_ACTION0, 20);
SIM_ASSERT_SIZE(SIM_FWPM_FILTER0, 200);
SIM_ASSERT_OFF(SIM_FWPM_FILTER0, weight, 96);
SIM_ASSERT_OFF(SIM_FWPM_FILTER0, action, 128);
SIM_ASSERT_OFF(SIM_FWPM_FILTER0, rawContext, 152);
SIM_ASSERT_OFF(SIM_FWPM_FILTER0, filterId, 176);
SIM_ASSERT_OFF(SIM_FWPM_FILTER0, effectiveWeight, 184);
SIM_ASSERT_SIZE(SIM_FWPM_PROVIDER0, 64);
SIM_ASSERT_SIZE(SIM_FWPM_SUBLAYER0, 72);
SIM_ASSERT_OFF(SIM_FWPM_SUBLAYER0, weight, 64);
SIM_ASSERT_SIZE(SIM_FWPM_SESSION0, 72);
SIM_ASSERT_OFF(SIM_FWPM_SESSION0, kernelMode, 64);
SIM_ASSERT_SIZE(SIM_FWPM_PROVIDER_CONTEXT3, 88);
SIM_ASSERT_OFF(SIM_FWPM_PROVIDER_CONTEXT3, ikeMmPolicy, 72);
SIM_ASSERT_OFF(SIM_FWPM_PROVIDER_CONTEXT3, providerContextId, 80);
SIM_ASSERT_SIZE(SIM_IKEEXT_PROPOSAL0, 28);
SIM_ASSERT_SIZE(SIM_IKEEXT_POLICY2, 48);
SIM_ASSERT_OFF(SIM_IKEEXT_POLICY2, retransmitDurationSecs, 40);
SIM_ASSERT_SIZE(SIM_IKEEXT_AUTHENTICATION_METHOD2, 80);
SIM_ASSERT_SIZE(SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2, 72);
SIM_ASSERT_SIZE(SIM_IKEEXT_EM_POLICY2, 24);
SIM_ASSERT_SIZE(SIM_IPSEC_PROPOSAL0, 32);
SIM_ASSERT_OFF(SIM_IPSEC_PROPOSAL0, pfsGroup, 24);
SIM_ASSERT_SIZE(SIM_IPSEC_SA_TRANSFORM0, 16);
SIM_ASSERT_SIZE(SIM_IPSEC_AUTH_TRANSFORM0, 16);
SIM_ASSERT_SIZE(SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0, 32);
SIM_ASSERT_SIZE(SIM_IPSEC_TRANSPORT_POLICY2, 40);
SIM_ASSERT_OFF(SIM_IPSEC_TRANSPORT_POLICY2, emPolicy, 32);
SIM_ASSERT_SIZE(SIM_IPSEC_TUNNEL_POLICY3, 128);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, saIdleTimeout, 88);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, emPolicy, 96);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, fwdPathSaLifetime, 104);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, compartmentId, 108);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, numTrafficSelectorPolicy, 112);
SIM_ASSERT_OFF(SIM_IPSEC_TUNNEL_POLICY3, trafficSelectorPolicies, 120);
SIM_ASSERT_SIZE(SIM_IPSEC_KEYING_POLICY1, 24);
SIM_ASSERT_SIZE(SIM_IPSEC_DOSP_OPTIONS0, 136);
SIM_ASSERT_SIZE(SIM_IPSEC_TRAFFIC1, 72);
SIM_ASSERT_SIZE(SIM_IPSEC_GETSPI1, 96);
SIM_ASSERT_SIZE(SIM_IPSEC_SA0, 16);
SIM_ASSERT_SIZE(SIM_IPSEC_SA_AUTH_INFORMATION0, 32);
SIM_ASSERT_SIZE(SIM_IPSEC_SA_BUNDLE1, 112);
SIM_ASSERT_SIZE(SIM_IPSEC_SA_DETAILS1, 224);
SIM_ASSERT_SIZE(SIM_IPSEC_SA_CONTEXT1, 24);
SIM_ASSERT_SIZE(SIM_FWPM_PROVIDER_CONTEXT1, 88);
SIM_ASSERT_SIZE(SIM_FWPM_PROVIDER_CONTEXT2, 88);
SIM_ASSERT_SIZE(SIM_IKEEXT_POLICY1, 48);
SIM_ASSERT_SIZE(SIM_IKEEXT_AUTHENTICATION_METHOD1, 80);
SIM_ASSERT_SIZE(SIM_IKEEXT_CERTIFICATE_AUTHENTICATION1, 56 + 16);
SIM_ASSERT_SIZE(SIM_IPSEC_KEYING_POLICY0, 16);
SIM_ASSERT_SIZE(SIM_IPSEC_TRANSPORT_POLICY1, 40);
SIM_ASSERT_SIZE(SIM_IPSEC_TUNNEL_POLICY1, 80);
SIM_ASSERT_SIZE(SIM_IPSEC_TUNNEL_POLICY2, 112);

SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_HEADER1, 144);
SIM_ASSERT_OFF(SIM_FWPM_NET_EVENT_HEADER1, appId, 64);
SIM_ASSERT_OFF(SIM_FWPM_NET_EVENT_HEADER1, dstAddrEth, 96);
SIM_ASSERT_OFF(SIM_FWPM_NET_EVENT_HEADER1, ifLuid, 136);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1, 112);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0, 64);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1, 120);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0, 32);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT1, 160);
SIM_ASSERT_OFF(SIM_FWPM_NET_EVENT1, ikeMmFailure, 152);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0, 32);
SIM_ASSERT_SIZE(SIM_FWPM_NET_EVENT_SUBSCRIPTION0, 32);
SIM_ASSERT_OFF(SIM_FWPM_NET_EVENT_SUBSCRIPTION0, sessionKey, 12);
SIM_ASSERT_SIZE(SIM_IPSEC_STATISTICS1, 216);
SIM_ASSERT_SIZE(SIM_IKEEXT_STATISTICS1, 1660);

#endif /* FWPSIM_TYPES_H */
