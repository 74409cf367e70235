/**
 * Realistic WFP objects for the FFI tests, typed against modules/graph/graph.ts so their shapes are checked.
 * Keys are fixed, so failures name the same object on every run.
 */
import type {
  Filter,
  FilterCondition,
  IkeextAuthenticationMethod2,
  IkeextPolicy2,
  IpsecProposal0,
  IpsecTransportPolicy2,
  IpsecTunnelPolicy3,
  Provider,
  ProviderContext,
  Sublayer,
} from "../../modules/graph/graph.ts";
import { CALLOUTS, CONDITIONS, ENUMS, LAYERS, PROVIDER_CONTEXTS as _PC } from "../../ffi/constants.ts";

void _PC;
const T = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
const AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;
const DT = ENUMS.FWP_DATA_TYPE;
const MT = ENUMS.FWP_MATCH_TYPE;

export const PROVIDER_KEY = "5f2c8d2e-8f0b-4b8a-9a51-3d6f0e1c2a01";
export const SUBLAYER_KEY = "5f2c8d2e-8f0b-4b8a-9a51-3d6f0e1c2a02";

/** A provider with wfpsec-style JSON metadata in providerData. */
export const provider: Provider = {
  providerKey: PROVIDER_KEY,
  displayData: { name: "wfpsec test provider", description: "owned by the FFI tests" },
  flags: 0,
  providerData: new TextEncoder().encode(JSON.stringify({ policy: "ffi-tests", v: 1 })),
  serviceName: "PolicyAgent",
};

export const sublayer: Sublayer = {
  subLayerKey: SUBLAYER_KEY,
  displayData: { name: "wfpsec test sublayer" },
  flags: 0,
  providerKey: PROVIDER_KEY,
  weight: 0x1000,
};

export function key(n: number): string {
  return `7a1e0000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

const ikeProposals = [
  {
    cipherAlgorithm: { algoIdentifier: ENUMS.IKEEXT_CIPHER_TYPE.IKEEXT_CIPHER_AES_256, keyLen: 0, rounds: 0 },
    integrityAlgorithm: { algoIdentifier: ENUMS.IKEEXT_INTEGRITY_TYPE.IKEEXT_INTEGRITY_SHA_256 },
    maxLifetimeSeconds: 28800,
    dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_ECP_384,
    quickModeLimit: 0,
  },
  {
    cipherAlgorithm: { algoIdentifier: ENUMS.IKEEXT_CIPHER_TYPE.IKEEXT_CIPHER_AES_128, keyLen: 0, rounds: 0 },
    integrityAlgorithm: { algoIdentifier: ENUMS.IKEEXT_INTEGRITY_TYPE.IKEEXT_INTEGRITY_SHA1 },
    maxLifetimeSeconds: 28800,
    dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_GROUP_14,
    quickModeLimit: 0,
  },
];

/** Certificate authentication by root CA (blob), EKU list and subject name. */
export const certMethod: IkeextAuthenticationMethod2 = {
  authenticationMethodType: AM.IKEEXT_CERTIFICATE,
  certificateAuthentication: {
    inboundConfigType: ENUMS.IKEEXT_CERT_CONFIG_TYPE.IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST,
    inboundRootCriteria: [{
      certData: new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00, 0xc3]),
      certHash: new Uint8Array(0),
      eku: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
      name: {
        nameType: ENUMS.IKEEXT_CERT_CRITERIA_NAME_TYPE.IKEEXT_CERT_CRITERIA_CN,
        certName: "Contoso Root CA",
      },
      flags: 0,
    }],
    outboundConfigType: ENUMS.IKEEXT_CERT_CONFIG_TYPE.IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST,
    outboundRootCriteria: [{
      certData: new Uint8Array([0x30, 0x82, 0x01, 0x0a]),
      certHash: new Uint8Array(20).fill(0xab),
      flags: 0,
    }],
    flags: 0,
    localCertLocationUrl: new Uint8Array(0),
  },
};

export const kerberosMethod: IkeextAuthenticationMethod2 = {
  authenticationMethodType: AM.IKEEXT_KERBEROS,
  kerberosAuthentication: { flags: 0, proxyServer: "kdc-proxy.contoso.com" },
};
export const pskMethod: IkeextAuthenticationMethod2 = {
  authenticationMethodType: AM.IKEEXT_PRESHARED_KEY,
  presharedKeyAuthentication: { presharedKey: new TextEncoder().encode("not-a-real-secret"), flags: 0 },
};
export const ntlmMethod: IkeextAuthenticationMethod2 = {
  authenticationMethodType: AM.IKEEXT_NTLM_V2,
  ntlmV2Authentication: { flags: 0 },
};
export const anonymousMethod: IkeextAuthenticationMethod2 = { authenticationMethodType: AM.IKEEXT_ANONYMOUS };

/** retransmitDurationSecs: IKEv2 needs at least 120 (IKEEXT_POLICY2), 0 = the default elsewhere. */
function mmPolicy(methods: IkeextAuthenticationMethod2[], retransmitDurationSecs = 0): IkeextPolicy2 {
  return {
    softExpirationTime: 0,
    authenticationMethods: methods,
    initiatorImpersonationType: 0,
    ikeProposals,
    flags: 0,
    maxDynamicFilters: 0,
    retransmitDurationSecs,
  };
}

const sha256 = { authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256, authConfig: 2 };
const lifetime = { lifetimeSeconds: 3600, lifetimeKilobytes: 100000, lifetimePackets: 0x7fffffff };

/** AH; ESP auth; ESP auth+cipher (AES-CBC-256 + SHA-256); ESP GCM (auth+cipher GCM-AES-256) with PFS. */
export const qmProposals: IpsecProposal0[] = [
  {
    lifetime,
    saTransforms: [{ ipsecTransformType: 1, ahTransform: { authTransformId: sha256 } }],
    pfsGroup: 0,
  },
  {
    lifetime,
    saTransforms: [{ ipsecTransformType: 2, espAuthTransform: { authTransformId: sha256 } }],
    pfsGroup: 0,
  },
  {
    lifetime,
    saTransforms: [{
      ipsecTransformType: 4,
      espAuthAndCipherTransform: {
        authTransform: { authTransformId: sha256 },
        cipherTransform: { cipherTransformId: { cipherType: 5, cipherConfig: 5 } },
      },
    }],
    pfsGroup: 0,
  },
  {
    lifetime,
    saTransforms: [{
      ipsecTransformType: 4,
      espAuthAndCipherTransform: {
        authTransform: {
          authTransformId: { authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_AES_256, authConfig: 5 },
        },
        cipherTransform: {
          cipherTransformId: { cipherType: 5, cipherConfig: 8 },
          cryptoModuleId: "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        },
      },
    }],
    pfsGroup: ENUMS.IPSEC_PFS_GROUP.IPSEC_PFS_ECP_384,
  },
];

export const transportPolicy: IpsecTransportPolicy2 = {
  ipsecProposals: qmProposals,
  flags: 0x2,
  ndAllowClearTimeoutSeconds: 0,
  saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
};

/** AuthIP transport with an extended-mode (user) policy. */
export const transportPolicyWithEm: IpsecTransportPolicy2 = {
  ...transportPolicy,
  emPolicy: { authenticationMethods: [kerberosMethod, ntlmMethod], initiatorImpersonationType: 1 },
};

export const tunnelPolicy: IpsecTunnelPolicy3 = {
  flags: 0,
  ipsecProposals: [qmProposals[3]],
  tunnelEndpoints: {
    ipVersion: 0,
    localV4Address: 0xc0a80001,
    remoteV4Address: 0xc6336401,
    localIfLuid: 0x0006000000000001n,
    remoteFqdn: "gw.contoso.com",
    remoteAddresses: [{ ipVersion: 0, v4Address: 0xc6336402 }, {
      ipVersion: 1,
      v6Address: new Uint8Array([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]),
    }],
  },
  saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
  fwdPathSaLifetime: 0,
  compartmentId: 0,
  trafficSelectorPolicies: [{
    flags: 0,
    localTrafficSelectors: [{
      protocolId: 6,
      portStart: 0,
      portEnd: 65535,
      ipVersion: 0,
      startV4Address: 0x0a000000,
      endV4Address: 0x0a0000ff,
    }],
    remoteTrafficSelectors: [{
      protocolId: 0,
      portStart: 0,
      portEnd: 0,
      ipVersion: 1,
      startV6Address: new Uint8Array(16).fill(0x11),
      endV6Address: new Uint8Array(16).fill(0x22),
    }],
  }],
};

function ctx(n: number, type: number, arm: Partial<ProviderContext>, name: string): ProviderContext {
  return {
    providerContextKey: key(0x100 + n),
    displayData: { name },
    flags: 0,
    providerKey: PROVIDER_KEY,
    type,
    ...arm,
  };
}

/** One provider context per policy kind wfpsec writes. */
export const providerContexts: ProviderContext[] = [
  ctx(
    1,
    T.FWPM_IPSEC_IKE_MM_CONTEXT,
    { ikeMmPolicy: mmPolicy([kerberosMethod, certMethod]) },
    "IKE MM kerberos+cert",
  ),
  ctx(
    2,
    T.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    { authIpMmPolicy: mmPolicy([kerberosMethod, ntlmMethod]) },
    "AuthIP MM",
  ),
  ctx(3, T.FWPM_IPSEC_IKEV2_MM_CONTEXT, { ikeV2MmPolicy: mmPolicy([certMethod], 120) }, "IKEv2 MM cert"),
  ctx(4, T.FWPM_IPSEC_IKE_MM_CONTEXT, { ikeMmPolicy: mmPolicy([pskMethod]) }, "IKE MM PSK"),
  // anonymous is AuthIP only (IKEEXT_AUTHENTICATION_METHOD_TYPE)
  ctx(
    5,
    T.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    { authIpMmPolicy: mmPolicy([anonymousMethod]) },
    "AuthIP MM anonymous",
  ),
  ctx(6, T.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT, { ikeQmTransportPolicy: transportPolicy }, "QM transport"),
  ctx(
    7,
    T.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT,
    { authipQmTransportPolicy: transportPolicyWithEm },
    "AuthIP QM+EM",
  ),
  ctx(8, T.FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT, { ikeV2QmTransportPolicy: transportPolicy }, "IKEv2 QM"),
  ctx(9, T.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT, { ikeQmTunnelPolicy: tunnelPolicy }, "IKE QM tunnel"),
  ctx(10, T.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT, { ikeV2QmTunnelPolicy: tunnelPolicy }, "IKEv2 QM tunnel"),
  ctx(11, T.FWPM_IPSEC_KEYING_CONTEXT, {
    keyingPolicy: { keyModKeys: ["a9bbf787-82a8-45bb-a400-5d7e5952c7a9"], flags: 1 },
  }, "keying"),
  ctx(12, T.FWPM_GENERAL_CONTEXT, { dataBuffer: new Uint8Array([9, 8, 7]) }, "general"),
];

/** A self-relative security descriptor "O:SYD:(A;;0x1;;;WD)" built by hand (20-byte header + owner + DACL). */
export const sdBlob = new Uint8Array([
  1,
  0,
  4,
  0x80,
  20,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  32,
  0,
  0,
  0, // header: owner@20, dacl@32
  1,
  1,
  0,
  0,
  0,
  0,
  0,
  5,
  18,
  0,
  0,
  0, // S-1-5-18
  2,
  0,
  28,
  0,
  1,
  0,
  0,
  0, // ACL rev 2, size 28, 1 ACE
  0,
  0,
  20,
  0,
  1,
  0,
  0,
  0,
  1,
  1,
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  0, // ACCESS_ALLOWED 0x1 S-1-1-0
]);

/** Conditions covering every FWP_CONDITION_VALUE0 arm wfpsec can emit. */
export const allConditionValues: FilterCondition[] = [
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT8, uint8: 1 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT16, uint16: 443 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_FLAGS,
    matchType: MT.FWP_MATCH_FLAGS_ALL_SET,
    conditionValue: { type: DT.FWP_UINT32, uint32: 0x80000001 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT64, uint64: 0x0006000000000001n },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a000000, mask: 0xff000000 } },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: {
      type: DT.FWP_V6_ADDR_MASK,
      v6AddrMask: { addr: new Uint8Array([0xfe, 0x80, ...new Array(14).fill(0)]), prefixLength: 10 },
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_RANGE,
    conditionValue: {
      type: DT.FWP_RANGE_TYPE,
      rangeValue: {
        valueLow: { type: DT.FWP_UINT32, uint32: 0x0a000001 },
        valueHigh: { type: DT.FWP_UINT32, uint32: 0x0a0000fe },
      },
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_BYTE_ARRAY16_TYPE, byteArray16: new Uint8Array(16).fill(0x42) },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: {
      type: DT.FWP_BYTE_BLOB_TYPE,
      byteBlob: new TextEncoder().encode("\\device\\harddiskvolume1\\app.exe\0"),
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_SECURITY_DESCRIPTOR_TYPE, sd: sdBlob },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_USER_ID,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: {
      type: DT.FWP_SID,
      sid: new Uint8Array([1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0]),
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_INT64, int64: -5n },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UNICODE_STRING_TYPE, unicodeString: "ünïcödé 🔒" },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_BYTE_ARRAY6_TYPE, byteArray6: new Uint8Array([1, 2, 3, 4, 5, 6]) },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_INT32, int32: -7 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_DOUBLE, double64: 2.5 },
  },
];

/** An outbound transport filter calling the IPsec callout with a provider context. */
export function transportFilter(n: number, conditions: FilterCondition[], contextKey = key(0x106)): Filter {
  return {
    filterKey: key(0x1000 + n),
    displayData: { name: `wfpsec filter ${n}`, description: n % 2 ? "odd" : undefined },
    flags: 0x4, // FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT
    providerKey: PROVIDER_KEY,
    layerKey: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
    subLayerKey: SUBLAYER_KEY,
    weight: { type: DT.FWP_UINT64, uint64: BigInt(n) + 0x1000000000n },
    filterCondition: conditions,
    action: {
      type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_CALLOUT_TERMINATING,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4,
    },
    providerContextKey: contextKey,
  };
}

/** An ALE permit filter with a raw context and a UINT8 weight. */
export function permitFilter(n: number): Filter {
  return {
    filterKey: key(0x2000 + n),
    displayData: { name: `permit ${n}` },
    flags: 0,
    providerKey: PROVIDER_KEY,
    providerData: new Uint8Array([n & 0xff]),
    layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4,
    subLayerKey: SUBLAYER_KEY,
    weight: { type: DT.FWP_UINT8, uint8: 15 },
    filterCondition: [{
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
      matchType: MT.FWP_MATCH_EQUAL,
      conditionValue: { type: DT.FWP_UINT8, uint8: 6 },
    }],
    action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
    rawContext: 0x2n,
  };
}

/** One condition per value type the engine accepts at an ALE v4 layer. */
export const aleV4Conditions: FilterCondition[] = [
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT8, uint8: 1 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT8, uint8: 6 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT16, uint16: 445 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_FLAGS,
    matchType: MT.FWP_MATCH_FLAGS_NONE_SET,
    conditionValue: { type: DT.FWP_UINT32, uint32: 0x1 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_INTERFACE,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT64, uint64: 0x0006000000000007n },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_UINT32, uint32: 0xc0a80102 },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a000000, mask: 0xff000000 } },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_RANGE,
    conditionValue: {
      type: DT.FWP_RANGE_TYPE,
      rangeValue: {
        valueLow: { type: DT.FWP_UINT32, uint32: 0xac100001 },
        valueHigh: { type: DT.FWP_UINT32, uint32: 0xac1000fe },
      },
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: {
      type: DT.FWP_BYTE_BLOB_TYPE,
      byteBlob: new TextEncoder().encode("\\device\\harddiskvolume2\\svc.exe\0"),
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_SECURITY_DESCRIPTOR_TYPE, sd: sdBlob },
  },
];

/** IPv6 values: an address/prefix and a 16-byte address. */
export const v6Conditions: FilterCondition[] = [
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: {
      type: DT.FWP_V6_ADDR_MASK,
      v6AddrMask: { addr: new Uint8Array([0xfd, 0, 0, 0x12, ...new Array(12).fill(0)]), prefixLength: 48 },
    },
  },
  {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
    matchType: MT.FWP_MATCH_EQUAL,
    conditionValue: { type: DT.FWP_BYTE_ARRAY16_TYPE, byteArray16: new Uint8Array(16).fill(0x20) },
  },
];
