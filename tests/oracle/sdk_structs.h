/*
 * Structs wfpsec uses that the mingw-w64 10.0 headers do not define (or define differently), transcribed
 * member for member from the Windows SDK 10.0.22000.196 headers as mirrored in
 * github.com/marlersoft/microsoft_windows_sdk_cpp @ 16b53593a29860fea1706e7a862b2145c0f1b6ee.
 * Each typedef cites <file>:<line of its "typedef struct X_">. Types are prefixed SDK_ so they never clash
 * with a mingw definition; members that are themselves SDK-only types use the SDK_ versions, everything else
 * is the mingw type of the same name (the oracle checks those separately against the mingw headers).
 *
 * Compiled by x86_64-w64-mingw32-gcc (MS x64 ABI), so sizes and offsets are what Windows uses.
 * Include after <windows.h> and <fwpmu.h>.
 */
#ifndef WFPSEC_ORACLE_SDK_STRUCTS_H
#define WFPSEC_ORACLE_SDK_STRUCTS_H

/* shared/ipsectypes.h:207 */
typedef struct SDK_IPSEC_TRAFFIC_SELECTOR0_ {
  UINT8 protocolId;
  UINT16 portStart;
  UINT16 portEnd;
  FWP_IP_VERSION ipVersion;
  union {
    UINT32 startV4Address;
    UINT8 startV6Address[16];
  };
  union {
    UINT32 endV4Address;
    UINT8 endV6Address[16];
  };
} SDK_IPSEC_TRAFFIC_SELECTOR0;

/* shared/ipsectypes.h:225 */
typedef struct SDK_IPSEC_TRAFFIC_SELECTOR_POLICY0_ {
  UINT32 flags;
  UINT32 numLocalTrafficSelectors;
  SDK_IPSEC_TRAFFIC_SELECTOR0 *localTrafficSelectors;
  UINT32 numRemoteTrafficSelectors;
  SDK_IPSEC_TRAFFIC_SELECTOR0 *remoteTrafficSelectors;
} SDK_IPSEC_TRAFFIC_SELECTOR_POLICY0;

/* shared/ipsectypes.h:279 (NTDDI_WIN8) */
typedef struct SDK_IPSEC_TRANSPORT_POLICY2_ {
  UINT32 numIpsecProposals;
  IPSEC_PROPOSAL0 *ipsecProposals;
  UINT32 flags;
  UINT32 ndAllowClearTimeoutSeconds;
  IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  IKEEXT_EM_POLICY2 *emPolicy;
} SDK_IPSEC_TRANSPORT_POLICY2;

/* shared/ipsectypes.h:306 (NTDDI_WIN8) */
typedef struct SDK_IPSEC_TUNNEL_ENDPOINT0_ {
  FWP_IP_VERSION ipVersion;
  union {
    UINT32 v4Address;
    UINT8 v6Address[16];
  };
} SDK_IPSEC_TUNNEL_ENDPOINT0;

/* shared/ipsectypes.h:316 (NTDDI_WIN8) */
typedef struct SDK_IPSEC_TUNNEL_ENDPOINTS2_ {
  FWP_IP_VERSION ipVersion;
  union {
    UINT32 localV4Address;
    UINT8 localV6Address[16];
  };
  union {
    UINT32 remoteV4Address;
    UINT8 remoteV6Address[16];
  };
  UINT64 localIfLuid;
  wchar_t *remoteFqdn;
  UINT32 numAddresses;
  SDK_IPSEC_TUNNEL_ENDPOINT0 *remoteAddresses;
} SDK_IPSEC_TUNNEL_ENDPOINTS2;

/* shared/ipsectypes.h:377 (NTDDI_WIN8) */
typedef struct SDK_IPSEC_TUNNEL_POLICY2_ {
  UINT32 flags;
  UINT32 numIpsecProposals;
  IPSEC_PROPOSAL0 *ipsecProposals;
  SDK_IPSEC_TUNNEL_ENDPOINTS2 tunnelEndpoints;
  IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  IKEEXT_EM_POLICY2 *emPolicy;
  UINT32 fwdPathSaLifetime;
} SDK_IPSEC_TUNNEL_POLICY2;

/* shared/ipsectypes.h:390 (NTDDI_WIN10_RS3) */
typedef struct SDK_IPSEC_TUNNEL_POLICY3_ {
  UINT32 flags;
  UINT32 numIpsecProposals;
  IPSEC_PROPOSAL0 *ipsecProposals;
  SDK_IPSEC_TUNNEL_ENDPOINTS2 tunnelEndpoints;
  IPSEC_SA_IDLE_TIMEOUT0 saIdleTimeout;
  IKEEXT_EM_POLICY2 *emPolicy;
  UINT32 fwdPathSaLifetime;
  UINT32 compartmentId;
  UINT32 numTrafficSelectorPolicy;
  SDK_IPSEC_TRAFFIC_SELECTOR_POLICY0 *trafficSelectorPolicies;
} SDK_IPSEC_TUNNEL_POLICY3;

/* shared/ipsectypes.h:413 (NTDDI_WIN8) */
typedef struct SDK_IPSEC_KEYING_POLICY1_ {
  UINT32 numKeyMods;
  GUID *keyModKeys;
  UINT32 flags;
} SDK_IPSEC_KEYING_POLICY1;

/* Only pointed to from FWPM_PROVIDER_CONTEXT3; its layout does not matter here. */
struct SDK_FWPM_NETWORK_CONNECTION_POLICY_SETTINGS0_;

/* shared/fwpmtypes.h:263 (NTDDI_WIN8) */
typedef struct SDK_FWPM_PROVIDER_CONTEXT2_ {
  GUID providerContextKey;
  FWPM_DISPLAY_DATA0 displayData;
  UINT32 flags;
  GUID *providerKey;
  FWP_BYTE_BLOB providerData;
  FWPM_PROVIDER_CONTEXT_TYPE type;
  union {
    SDK_IPSEC_KEYING_POLICY1 *keyingPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *ikeQmTransportPolicy;
    SDK_IPSEC_TUNNEL_POLICY2 *ikeQmTunnelPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *authipQmTransportPolicy;
    SDK_IPSEC_TUNNEL_POLICY2 *authipQmTunnelPolicy;
    IKEEXT_POLICY2 *ikeMmPolicy;
    IKEEXT_POLICY2 *authIpMmPolicy;
    FWP_BYTE_BLOB *dataBuffer;
    FWPM_CLASSIFY_OPTIONS0 *classifyOptions;
    SDK_IPSEC_TUNNEL_POLICY2 *ikeV2QmTunnelPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *ikeV2QmTransportPolicy;
    IKEEXT_POLICY2 *ikeV2MmPolicy;
    IPSEC_DOSP_OPTIONS0 *idpOptions;
  };
  UINT64 providerContextId;
} SDK_FWPM_PROVIDER_CONTEXT2;

/* shared/fwpmtypes.h:292 (NTDDI_WIN10_RS3) */
typedef struct SDK_FWPM_PROVIDER_CONTEXT3_ {
  GUID providerContextKey;
  FWPM_DISPLAY_DATA0 displayData;
  UINT32 flags;
  GUID *providerKey;
  FWP_BYTE_BLOB providerData;
  FWPM_PROVIDER_CONTEXT_TYPE type;
  union {
    SDK_IPSEC_KEYING_POLICY1 *keyingPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *ikeQmTransportPolicy;
    SDK_IPSEC_TUNNEL_POLICY3 *ikeQmTunnelPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *authipQmTransportPolicy;
    SDK_IPSEC_TUNNEL_POLICY3 *authipQmTunnelPolicy;
    IKEEXT_POLICY2 *ikeMmPolicy;
    IKEEXT_POLICY2 *authIpMmPolicy;
    FWP_BYTE_BLOB *dataBuffer;
    FWPM_CLASSIFY_OPTIONS0 *classifyOptions;
    SDK_IPSEC_TUNNEL_POLICY3 *ikeV2QmTunnelPolicy;
    SDK_IPSEC_TRANSPORT_POLICY2 *ikeV2QmTransportPolicy;
    IKEEXT_POLICY2 *ikeV2MmPolicy;
    IPSEC_DOSP_OPTIONS0 *idpOptions;
    struct SDK_FWPM_NETWORK_CONNECTION_POLICY_SETTINGS0_ *networkConnectionPolicy;
  };
  UINT64 providerContextId;
} SDK_FWPM_PROVIDER_CONTEXT3;

/*
 * shared/fwpmtypes.h:341. mingw-w64 declares `UINT16 flags` (mingw fwpmtypes.h:406); the SDK says UINT32.
 * Offsets agree (the pointer after it is 8-aligned), only the member size differs, so wfpsec follows the SDK.
 */
typedef struct SDK_FWPM_SUBLAYER0_ {
  GUID subLayerKey;
  FWPM_DISPLAY_DATA0 displayData;
  UINT32 flags;
  GUID *providerKey;
  FWP_BYTE_BLOB providerData;
  UINT16 weight;
} SDK_FWPM_SUBLAYER0;

/*
 * shared/ipsectypes.h:805 is the member that differs: the SDK embeds IPSEC_VIRTUAL_IF_TUNNEL_INFO0 by value
 * (224 bytes); mingw ipsectypes.h:558 declares a pointer (216 bytes). Read by IPsecSaEnum1.
 */
typedef struct SDK_IPSEC_SA_DETAILS1_ {
  FWP_IP_VERSION ipVersion;
  FWP_DIRECTION saDirection;
  IPSEC_TRAFFIC1 traffic;
  IPSEC_SA_BUNDLE1 saBundle;
  union {
    IPSEC_V4_UDP_ENCAPSULATION0 *udpEncapsulation;
  };
  FWPM_FILTER0 *transportFilter;
  IPSEC_VIRTUAL_IF_TUNNEL_INFO0 virtualIfTunnelInfo;
} SDK_IPSEC_SA_DETAILS1;

#endif
