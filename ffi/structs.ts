/**
 * Every struct (and version) wfpsec passes to or reads from fwpuclnt, in the format of `ffi/layout.ts`.
 * Offsets are the Windows x64 layout. "mingw" structs are transcribed from the mingw-w64 headers
 * (/usr/share/mingw-w64/include fwptypes.h, fwpmtypes.h, iketypes.h, ipsectypes.h); "sdk" structs from the
 * Windows SDK headers (shared/fwpmtypes.h, shared/ipsectypes.h). The layout oracle asserts all of them.
 */
import {
  arm,
  armOf,
  array,
  blob,
  bytes,
  cstr,
  emptyArm,
  f,
  f32,
  f64,
  type Field,
  guid,
  i16,
  i32,
  i64,
  i8,
  ptr,
  sid,
  struct,
  type StructLayout,
  u16,
  u32,
  u64,
  u8,
  union,
  wstr,
} from "./layout.ts";
import { ENUMS, FLAGS } from "./constants.ts";

// Union arms are selected by these constants (by name, never by number; the oracle checks the values).
const DT = ENUMS.FWP_DATA_TYPE;
const AT = ENUMS.FWP_ACTION_TYPE;
const PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
const AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;
const CCT = ENUMS.IKEEXT_CERT_CONFIG_TYPE;
const TT = ENUMS.IPSEC_TRANSFORM_TYPE;
const IPV = ENUMS.FWP_IP_VERSION;
const TRT = ENUMS.IPSEC_TRAFFIC_TYPE;
const NET = ENUMS.FWPM_NET_EVENT_TYPE;

const S = (
  name: string,
  size: number,
  align: number,
  source: "mingw" | "sdk",
  fields: Field[],
): StructLayout => ({
  name,
  size,
  align,
  source,
  fields,
});

// ---- FWP basics (fwptypes.h) ----

const FWP_BYTE_BLOB = S("FWP_BYTE_BLOB", 16, 8, "mingw", [f("size", 0, 4, u32), f("data", 8, 8, ptr(u8))]);
const FWP_BYTE_ARRAY16 = S("FWP_BYTE_ARRAY16", 16, 1, "mingw", [f("byteArray16", 0, 16, bytes(16))]);
const FWP_BYTE_ARRAY6 = S("FWP_BYTE_ARRAY6", 6, 1, "mingw", [f("byteArray6", 0, 6, bytes(6))]);
const FWP_V4_ADDR_AND_MASK = S("FWP_V4_ADDR_AND_MASK", 8, 4, "mingw", [
  f("addr", 0, 4, u32),
  f("mask", 4, 4, u32),
]);
const FWP_V6_ADDR_AND_MASK = S("FWP_V6_ADDR_AND_MASK", 17, 1, "mingw", [
  f("addr", 0, 16, bytes(16)),
  f("prefixLength", 16, 1, u8),
]);

/** The arms FWP_VALUE0 and FWP_CONDITION_VALUE0 share (FWP_DATA_TYPE -> member at offset 8). */
function valueArms(): ReturnType<typeof arm>[] {
  return [
    emptyArm([DT.FWP_EMPTY], "empty"),
    arm([DT.FWP_UINT8], f("uint8", 8, 1, u8)),
    arm([DT.FWP_UINT16], f("uint16", 8, 2, u16)),
    arm([DT.FWP_UINT32], f("uint32", 8, 4, u32)),
    arm([DT.FWP_UINT64], f("uint64", 8, 8, ptr(u64))),
    arm([DT.FWP_INT8], f("int8", 8, 1, i8)),
    arm([DT.FWP_INT16], f("int16", 8, 2, i16)),
    arm([DT.FWP_INT32], f("int32", 8, 4, i32)),
    arm([DT.FWP_INT64], f("int64", 8, 8, ptr(i64))),
    arm([DT.FWP_FLOAT], f("float32", 8, 4, f32)),
    arm([DT.FWP_DOUBLE], f("double64", 8, 8, ptr(f64))),
    arm([DT.FWP_BYTE_ARRAY16_TYPE], f("byteArray16", 8, 8, ptr(bytes(16)))),
    arm([DT.FWP_BYTE_BLOB_TYPE], f("byteBlob", 8, 8, ptr(blob))),
    arm([DT.FWP_SID], f("sid", 8, 8, sid)),
    arm([DT.FWP_SECURITY_DESCRIPTOR_TYPE], f("sd", 8, 8, ptr(blob))),
    arm([DT.FWP_UNICODE_STRING_TYPE], f("unicodeString", 8, 8, wstr)),
    arm([DT.FWP_BYTE_ARRAY6_TYPE], f("byteArray6", 8, 8, ptr(bytes(6)))),
  ];
}

const FWP_VALUE0 = S("FWP_VALUE0", 16, 8, "mingw", [
  f("type", 0, 4, u32),
  union("value", 8, 8, "type", "FWP_DATA_TYPE", valueArms()),
]);
const FWP_CONDITION_VALUE0 = S("FWP_CONDITION_VALUE0", 16, 8, "mingw", [
  f("type", 0, 4, u32),
  union("value", 8, 8, "type", "FWP_DATA_TYPE", [
    ...valueArms(),
    arm([DT.FWP_V4_ADDR_MASK], f("v4AddrMask", 8, 8, ptr(struct("FWP_V4_ADDR_AND_MASK")))),
    arm([DT.FWP_V6_ADDR_MASK], f("v6AddrMask", 8, 8, ptr(struct("FWP_V6_ADDR_AND_MASK")))),
    arm([DT.FWP_RANGE_TYPE], f("rangeValue", 8, 8, ptr(struct("FWP_RANGE0")))),
  ]),
]);
const FWP_RANGE0 = S("FWP_RANGE0", 32, 8, "mingw", [
  f("valueLow", 0, 16, struct("FWP_VALUE0")),
  f("valueHigh", 16, 16, struct("FWP_VALUE0")),
]);

// ---- FWPM management objects (fwpmtypes.h) ----

const FWPM_DISPLAY_DATA0 = S("FWPM_DISPLAY_DATA0", 16, 8, "mingw", [
  f("name", 0, 8, wstr),
  f("description", 8, 8, wstr, true),
]);
const displayData = f("displayData", 16, 16, struct("FWPM_DISPLAY_DATA0"));

const FWPM_SESSION0 = S("FWPM_SESSION0", 72, 8, "mingw", [
  f("sessionKey", 0, 16, guid, true),
  displayData,
  f("flags", 32, 4, u32),
  f("txnWaitTimeoutInMSec", 36, 4, u32),
  f("processId", 40, 4, u32),
  f("sid", 48, 8, sid, true),
  f("username", 56, 8, wstr, true),
  f("kernelMode", 64, 4, i32),
]);

const FWPM_PROVIDER0 = S("FWPM_PROVIDER0", 64, 8, "mingw", [
  f("providerKey", 0, 16, guid),
  displayData,
  f("flags", 32, 4, u32),
  f("providerData", 40, 16, blob, true),
  f("serviceName", 56, 8, wstr, true),
]);

// flags is UINT32 in the SDK (what Windows uses) and UINT16 in mingw-w64 10 (same offset; the oracle records
// that deviation and asserts mingw's size separately).
const FWPM_SUBLAYER0 = S("FWPM_SUBLAYER0", 72, 8, "mingw", [
  f("subLayerKey", 0, 16, guid),
  displayData,
  f("flags", 32, 4, u32),
  f("providerKey", 40, 8, ptr(guid), true),
  f("providerData", 48, 16, blob, true),
  f("weight", 64, 2, u16),
]);

const FWPM_ACTION0 = S("FWPM_ACTION0", 20, 4, "mingw", [
  f("type", 0, 4, u32),
  union("target", 4, 16, "type", "FWP_ACTION_TYPE", [
    // Callout actions carry a callout key.
    arm(
      [AT.FWP_ACTION_CALLOUT_TERMINATING, AT.FWP_ACTION_CALLOUT_INSPECTION, AT.FWP_ACTION_CALLOUT_UNKNOWN],
      f("calloutKey", 4, 16, guid),
    ),
    arm("default", f("filterType", 4, 16, guid, true)),
  ]),
]);

const FWPM_FILTER_CONDITION0 = S("FWPM_FILTER_CONDITION0", 40, 8, "mingw", [
  f("fieldKey", 0, 16, guid),
  f("matchType", 16, 4, u32),
  f("conditionValue", 24, 16, struct("FWP_CONDITION_VALUE0")),
]);

const HAS_CONTEXT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
const FWPM_FILTER0 = S("FWPM_FILTER0", 200, 8, "mingw", [
  f("filterKey", 0, 16, guid),
  displayData,
  f("flags", 32, 4, u32),
  f("providerKey", 40, 8, ptr(guid), true),
  f("providerData", 48, 16, blob, true),
  f("layerKey", 64, 16, guid),
  f("subLayerKey", 80, 16, guid),
  f("weight", 96, 16, struct("FWP_VALUE0")),
  f("numFilterConditions", 112, 4, u32),
  f("filterCondition", 120, 8, array(struct("FWPM_FILTER_CONDITION0"), "numFilterConditions")),
  f("action", 128, 20, struct("FWPM_ACTION0")),
  // FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT selects providerContextKey.
  union("context", 152, 16, "flags", "FWPM_FILTER_FLAG", [
    arm([HAS_CONTEXT], f("providerContextKey", 152, 16, guid)),
    arm("default", f("rawContext", 152, 8, u64, true)),
  ], HAS_CONTEXT),
  f("reserved", 168, 8, ptr(guid), true),
  f("filterId", 176, 8, u64, true),
  f("effectiveWeight", 184, 16, struct("FWP_VALUE0"), true),
]);

/** The policy-pointer arms of FWPM_PROVIDER_CONTEXT1/2/3 (FWPM_PROVIDER_CONTEXT_TYPE -> member). */
function contextArms(keying: string, transport: string, tunnel: string, mm: string, v2: boolean) {
  const p = (values: number[], name: string, to: string) =>
    arm(values, f(name, 72, 8, ptr(struct(to)), true));
  return [
    p([PCT.FWPM_IPSEC_KEYING_CONTEXT], "keyingPolicy", keying),
    p([PCT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT], "ikeQmTransportPolicy", transport),
    p([PCT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT], "ikeQmTunnelPolicy", tunnel),
    p([PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT], "authipQmTransportPolicy", transport),
    p([PCT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT], "authipQmTunnelPolicy", tunnel),
    p([PCT.FWPM_IPSEC_IKE_MM_CONTEXT], "ikeMmPolicy", mm),
    p([PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT], "authIpMmPolicy", mm),
    arm([PCT.FWPM_GENERAL_CONTEXT], f("dataBuffer", 72, 8, ptr(blob), true)),
    p([PCT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT], "ikeV2QmTunnelPolicy", tunnel),
    p([PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT], "ikeV2MmPolicy", mm),
    ...(v2 ? [p([PCT.FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT], "ikeV2QmTransportPolicy", transport)] : []),
  ];
}

function providerContext(
  name: string,
  source: "mingw" | "sdk",
  arms: ReturnType<typeof contextArms>,
): StructLayout {
  return S(name, 88, 8, source, [
    f("providerContextKey", 0, 16, guid),
    displayData,
    f("flags", 32, 4, u32),
    f("providerKey", 40, 8, ptr(guid), true),
    f("providerData", 48, 16, blob, true),
    f("type", 64, 4, u32),
    union("policy", 72, 8, "type", "FWPM_PROVIDER_CONTEXT_TYPE", arms),
    f("providerContextId", 80, 8, u64, true),
  ]);
}

const FWPM_PROVIDER_CONTEXT1 = providerContext(
  "FWPM_PROVIDER_CONTEXT1",
  "mingw",
  contextArms(
    "IPSEC_KEYING_POLICY0",
    "IPSEC_TRANSPORT_POLICY1",
    "IPSEC_TUNNEL_POLICY1",
    "IKEEXT_POLICY1",
    false,
  ),
);
const FWPM_PROVIDER_CONTEXT2 = providerContext(
  "FWPM_PROVIDER_CONTEXT2",
  "sdk",
  contextArms(
    "IPSEC_KEYING_POLICY1",
    "IPSEC_TRANSPORT_POLICY2",
    "IPSEC_TUNNEL_POLICY2",
    "IKEEXT_POLICY2",
    true,
  ),
);
const FWPM_PROVIDER_CONTEXT3 = providerContext(
  "FWPM_PROVIDER_CONTEXT3",
  "sdk",
  contextArms(
    "IPSEC_KEYING_POLICY1",
    "IPSEC_TRANSPORT_POLICY2",
    "IPSEC_TUNNEL_POLICY3",
    "IKEEXT_POLICY2",
    true,
  ),
);

// ---- enumeration templates ----

const FWPM_PROVIDER_ENUM_TEMPLATE0 = S("FWPM_PROVIDER_ENUM_TEMPLATE0", 8, 8, "mingw", [
  f("reserved", 0, 8, u64),
]);
const FWPM_SUBLAYER_ENUM_TEMPLATE0 = S("FWPM_SUBLAYER_ENUM_TEMPLATE0", 8, 8, "mingw", [
  f("providerKey", 0, 8, ptr(guid), true),
]);
const FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 = S("FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0", 16, 8, "mingw", [
  f("providerKey", 0, 8, ptr(guid), true),
  f("providerContextType", 8, 4, u32),
]);
const FWPM_FILTER_ENUM_TEMPLATE0 = S("FWPM_FILTER_ENUM_TEMPLATE0", 72, 8, "mingw", [
  f("providerKey", 0, 8, ptr(guid), true),
  f("layerKey", 8, 16, guid, true),
  f("enumType", 24, 4, u32),
  f("flags", 28, 4, u32),
  f("providerContextTemplate", 32, 8, ptr(struct("FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0")), true),
  f("numFilterConditions", 40, 4, u32),
  f("filterCondition", 48, 8, array(struct("FWPM_FILTER_CONDITION0"), "numFilterConditions")),
  f("actionMask", 56, 4, u32),
  f("calloutKey", 64, 8, ptr(guid), true),
]);

// ---- IKEEXT (iketypes.h) ----

const IKEEXT_CIPHER_ALGORITHM0 = S("IKEEXT_CIPHER_ALGORITHM0", 12, 4, "mingw", [
  f("algoIdentifier", 0, 4, u32),
  f("keyLen", 4, 4, u32),
  f("rounds", 8, 4, u32),
]);
const IKEEXT_INTEGRITY_ALGORITHM0 = S("IKEEXT_INTEGRITY_ALGORITHM0", 4, 4, "mingw", [
  f("algoIdentifier", 0, 4, u32),
]);
const IKEEXT_PROPOSAL0 = S("IKEEXT_PROPOSAL0", 28, 4, "mingw", [
  f("cipherAlgorithm", 0, 12, struct("IKEEXT_CIPHER_ALGORITHM0")),
  f("integrityAlgorithm", 12, 4, struct("IKEEXT_INTEGRITY_ALGORITHM0")),
  f("maxLifetimeSeconds", 16, 4, u32),
  f("dhGroup", 20, 4, u32),
  f("quickModeLimit", 24, 4, u32),
]);

const flagsOnly = (name: string): StructLayout => S(name, 4, 4, "mingw", [f("flags", 0, 4, u32)]);
const IKEEXT_KERBEROS_AUTHENTICATION0 = flagsOnly("IKEEXT_KERBEROS_AUTHENTICATION0");
const IKEEXT_NTLM_V2_AUTHENTICATION0 = flagsOnly("IKEEXT_NTLM_V2_AUTHENTICATION0");
const IKEEXT_EAP_AUTHENTICATION0 = flagsOnly("IKEEXT_EAP_AUTHENTICATION0");
const IKEEXT_RESERVED_AUTHENTICATION0 = flagsOnly("IKEEXT_RESERVED_AUTHENTICATION0");
const IKEEXT_KERBEROS_AUTHENTICATION1 = S("IKEEXT_KERBEROS_AUTHENTICATION1", 16, 8, "mingw", [
  f("flags", 0, 4, u32),
  f("proxyServer", 8, 8, wstr, true),
]);
const IKEEXT_PRESHARED_KEY_AUTHENTICATION1 = S("IKEEXT_PRESHARED_KEY_AUTHENTICATION1", 24, 8, "mingw", [
  f("presharedKey", 0, 16, blob),
  f("flags", 16, 4, u32),
]);
const IKEEXT_CERT_ROOT_CONFIG0 = S("IKEEXT_CERT_ROOT_CONFIG0", 24, 8, "mingw", [
  f("certData", 0, 16, blob),
  f("flags", 16, 4, u32),
]);
const IKEEXT_CERT_EKUS0 = S("IKEEXT_CERT_EKUS0", 16, 8, "mingw", [
  f("numEku", 0, 4, u32),
  f("eku", 8, 8, array(cstr, "numEku")),
]);
const IKEEXT_CERT_NAME0 = S("IKEEXT_CERT_NAME0", 16, 8, "mingw", [
  f("nameType", 0, 4, u32),
  f("certName", 8, 8, wstr),
]);
const IKEEXT_CERTIFICATE_CRITERIA0 = S("IKEEXT_CERTIFICATE_CRITERIA0", 56, 8, "mingw", [
  f("certData", 0, 16, blob),
  f("certHash", 16, 16, blob),
  f("eku", 32, 8, ptr(struct("IKEEXT_CERT_EKUS0"), "eku"), true),
  f("name", 40, 8, ptr(struct("IKEEXT_CERT_NAME0")), true),
  f("flags", 48, 4, u32),
]);
const IKEEXT_IPV6_CGA_AUTHENTICATION0 = S("IKEEXT_IPV6_CGA_AUTHENTICATION0", 40, 8, "mingw", [
  f("keyContainerName", 0, 8, wstr),
  f("cspName", 8, 8, wstr, true),
  f("cspType", 16, 4, u32),
  f("cgaModifier", 20, 16, bytes(16)),
  f("cgaCollisionCount", 36, 1, u8),
]);

/** IKEEXT_CERTIFICATE_AUTHENTICATION1: version-1 root arrays (IKEEXT_CERT_ROOT_CONFIG0). */
function certAuth1Side(side: "inbound" | "outbound", at: number): Field {
  const root = "IKEEXT_CERT_ROOT_CONFIG0";
  return union(`${side}Config`, at, 16, `${side}ConfigType`, "IKEEXT_CERT_CONFIG_TYPE", [
    armOf([CCT.IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST], `${side}RootArray`, [
      f(`${side}RootArraySize`, at, 4, u32),
      f(`${side}RootArray`, at + 8, 8, array(struct(root), `${side}RootArraySize`)),
    ]),
    arm(
      [CCT.IKEEXT_CERT_CONFIG_ENTERPRISE_STORE],
      f(`${side}EnterpriseStoreConfig`, at, 8, ptr(struct(root)), true),
    ),
    arm(
      [CCT.IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE],
      f(`${side}TrustedRootStoreConfig`, at, 8, ptr(struct(root)), true),
    ),
    emptyArm([CCT.IKEEXT_CERT_CONFIG_UNSPECIFIED], "unspecified"),
  ]);
}
const IKEEXT_CERTIFICATE_AUTHENTICATION1 = S("IKEEXT_CERTIFICATE_AUTHENTICATION1", 72, 8, "mingw", [
  f("inboundConfigType", 0, 4, u32),
  certAuth1Side("inbound", 8),
  f("outboundConfigType", 24, 4, u32),
  certAuth1Side("outbound", 32),
  f("flags", 48, 4, u32),
  f("localCertLocationUrl", 56, 16, blob),
]);

/** IKEEXT_CERTIFICATE_AUTHENTICATION2: criteria arrays (IKEEXT_CERTIFICATE_CRITERIA0) per config type. */
function certAuth2Side(side: "inbound" | "outbound", at: number): Field {
  const c = struct("IKEEXT_CERTIFICATE_CRITERIA0");
  const pair = (values: number[], count: string, list: string) =>
    armOf(values, list, [f(count, at, 4, u32), f(list, at + 8, 8, array(c, count), true)]);
  return union(`${side}Criteria`, at, 16, `${side}ConfigType`, "IKEEXT_CERT_CONFIG_TYPE", [
    pair([CCT.IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST], `${side}RootArraySize`, `${side}RootCriteria`),
    pair(
      [CCT.IKEEXT_CERT_CONFIG_ENTERPRISE_STORE],
      `${side}EnterpriseStoreArraySize`,
      `${side}EnterpriseStoreCriteria`,
    ),
    pair(
      [CCT.IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE],
      `${side}RootStoreArraySize`,
      `${side}TrustedRootStoreCriteria`,
    ),
    emptyArm([CCT.IKEEXT_CERT_CONFIG_UNSPECIFIED], "unspecified"),
  ]);
}
const IKEEXT_CERTIFICATE_AUTHENTICATION2 = S("IKEEXT_CERTIFICATE_AUTHENTICATION2", 72, 8, "mingw", [
  f("inboundConfigType", 0, 4, u32),
  certAuth2Side("inbound", 8),
  f("outboundConfigType", 24, 4, u32),
  certAuth2Side("outbound", 32),
  f("flags", 48, 4, u32),
  f("localCertLocationUrl", 56, 16, blob),
]);

/** IKEEXT_AUTHENTICATION_METHOD1/2: the by-value union at 8, selected by authenticationMethodType. */
function authMethod(name: string, v2: boolean): StructLayout {
  const cert = v2 ? "IKEEXT_CERTIFICATE_AUTHENTICATION2" : "IKEEXT_CERTIFICATE_AUTHENTICATION1";
  const kerb = v2 ? "IKEEXT_KERBEROS_AUTHENTICATION1" : "IKEEXT_KERBEROS_AUTHENTICATION0";
  const m = (values: number[], member: string, size: number, type: string) =>
    arm(values, f(member, 8, size, struct(type)));
  return S(name, 80, 8, "mingw", [
    f("authenticationMethodType", 0, 4, u32),
    union("method", 8, 72, "authenticationMethodType", "IKEEXT_AUTHENTICATION_METHOD_TYPE", [
      m([AM.IKEEXT_PRESHARED_KEY], "presharedKeyAuthentication", 24, "IKEEXT_PRESHARED_KEY_AUTHENTICATION1"),
      m(
        [AM.IKEEXT_CERTIFICATE, AM.IKEEXT_CERTIFICATE_ECDSA_P256, AM.IKEEXT_CERTIFICATE_ECDSA_P384],
        "certificateAuthentication",
        72,
        cert,
      ),
      m([AM.IKEEXT_KERBEROS], "kerberosAuthentication", v2 ? 16 : 4, kerb),
      emptyArm([AM.IKEEXT_ANONYMOUS], "anonymous"),
      m([AM.IKEEXT_SSL, AM.IKEEXT_SSL_ECDSA_P256, AM.IKEEXT_SSL_ECDSA_P384], "sslAuthentication", 72, cert),
      m([AM.IKEEXT_NTLM_V2], "ntlmV2Authentication", 4, "IKEEXT_NTLM_V2_AUTHENTICATION0"),
      m([AM.IKEEXT_IPV6_CGA], "cgaAuthentication", 40, "IKEEXT_IPV6_CGA_AUTHENTICATION0"),
      m([AM.IKEEXT_EAP], "eapAuthentication", 4, "IKEEXT_EAP_AUTHENTICATION0"),
      ...(v2
        ? [m([AM.IKEEXT_RESERVED], "reservedAuthentication", 4, "IKEEXT_RESERVED_AUTHENTICATION0")]
        : []),
    ]),
  ]);
}
const IKEEXT_AUTHENTICATION_METHOD1 = authMethod("IKEEXT_AUTHENTICATION_METHOD1", false);
const IKEEXT_AUTHENTICATION_METHOD2 = authMethod("IKEEXT_AUTHENTICATION_METHOD2", true);

function ikePolicy(name: string, method: string): StructLayout {
  return S(name, 48, 8, "mingw", [
    f("softExpirationTime", 0, 4, u32),
    f("numAuthenticationMethods", 4, 4, u32),
    f("authenticationMethods", 8, 8, array(struct(method), "numAuthenticationMethods")),
    f("initiatorImpersonationType", 16, 4, u32),
    f("numIkeProposals", 20, 4, u32),
    f("ikeProposals", 24, 8, array(struct("IKEEXT_PROPOSAL0"), "numIkeProposals")),
    f("flags", 32, 4, u32),
    f("maxDynamicFilters", 36, 4, u32),
    f("retransmitDurationSecs", 40, 4, u32),
  ]);
}
const IKEEXT_POLICY1 = ikePolicy("IKEEXT_POLICY1", "IKEEXT_AUTHENTICATION_METHOD1");
const IKEEXT_POLICY2 = ikePolicy("IKEEXT_POLICY2", "IKEEXT_AUTHENTICATION_METHOD2");

function emPolicy(name: string, method: string): StructLayout {
  return S(name, 24, 8, "mingw", [
    f("numAuthenticationMethods", 0, 4, u32),
    f("authenticationMethods", 8, 8, array(struct(method), "numAuthenticationMethods")),
    f("initiatorImpersonationType", 16, 4, u32),
  ]);
}
const IKEEXT_EM_POLICY1 = emPolicy("IKEEXT_EM_POLICY1", "IKEEXT_AUTHENTICATION_METHOD1");
const IKEEXT_EM_POLICY2 = emPolicy("IKEEXT_EM_POLICY2", "IKEEXT_AUTHENTICATION_METHOD2");

// ---- IPsec quick mode (ipsectypes.h) ----

const IPSEC_SA_LIFETIME0 = S("IPSEC_SA_LIFETIME0", 12, 4, "mingw", [
  f("lifetimeSeconds", 0, 4, u32),
  f("lifetimeKilobytes", 4, 4, u32),
  f("lifetimePackets", 8, 4, u32),
]);
const IPSEC_SA_IDLE_TIMEOUT0 = S("IPSEC_SA_IDLE_TIMEOUT0", 8, 4, "mingw", [
  f("idleTimeoutSeconds", 0, 4, u32),
  f("idleTimeoutSecondsFailOver", 4, 4, u32),
]);
const IPSEC_AUTH_TRANSFORM_ID0 = S("IPSEC_AUTH_TRANSFORM_ID0", 8, 4, "mingw", [
  f("authType", 0, 4, u32),
  f("authConfig", 4, 1, u8),
]);
const IPSEC_AUTH_TRANSFORM0 = S("IPSEC_AUTH_TRANSFORM0", 16, 8, "mingw", [
  f("authTransformId", 0, 8, struct("IPSEC_AUTH_TRANSFORM_ID0")),
  f("cryptoModuleId", 8, 8, ptr(guid), true),
]);
const IPSEC_CIPHER_TRANSFORM_ID0 = S("IPSEC_CIPHER_TRANSFORM_ID0", 8, 4, "mingw", [
  f("cipherType", 0, 4, u32),
  f("cipherConfig", 4, 1, u8),
]);
const IPSEC_CIPHER_TRANSFORM0 = S("IPSEC_CIPHER_TRANSFORM0", 16, 8, "mingw", [
  f("cipherTransformId", 0, 8, struct("IPSEC_CIPHER_TRANSFORM_ID0")),
  f("cryptoModuleId", 8, 8, ptr(guid), true),
]);
const IPSEC_AUTH_AND_CIPHER_TRANSFORM0 = S("IPSEC_AUTH_AND_CIPHER_TRANSFORM0", 32, 8, "mingw", [
  f("authTransform", 0, 16, struct("IPSEC_AUTH_TRANSFORM0")),
  f("cipherTransform", 16, 16, struct("IPSEC_CIPHER_TRANSFORM0")),
]);
const IPSEC_SA_TRANSFORM0 = S("IPSEC_SA_TRANSFORM0", 16, 8, "mingw", [
  f("ipsecTransformType", 0, 4, u32),
  union("transform", 8, 8, "ipsecTransformType", "IPSEC_TRANSFORM_TYPE", [
    arm([TT.IPSEC_TRANSFORM_AH], f("ahTransform", 8, 8, ptr(struct("IPSEC_AUTH_TRANSFORM0")))),
    arm([TT.IPSEC_TRANSFORM_ESP_AUTH], f("espAuthTransform", 8, 8, ptr(struct("IPSEC_AUTH_TRANSFORM0")))),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_CIPHER],
      f("espCipherTransform", 8, 8, ptr(struct("IPSEC_CIPHER_TRANSFORM0"))),
    ),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER],
      f("espAuthAndCipherTransform", 8, 8, ptr(struct("IPSEC_AUTH_AND_CIPHER_TRANSFORM0"))),
    ),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_AUTH_FW],
      f("espAuthFwTransform", 8, 8, ptr(struct("IPSEC_AUTH_TRANSFORM0"))),
    ),
  ]),
]);
const IPSEC_PROPOSAL0 = S("IPSEC_PROPOSAL0", 32, 8, "mingw", [
  f("lifetime", 0, 12, struct("IPSEC_SA_LIFETIME0")),
  f("numSaTransforms", 12, 4, u32),
  f("saTransforms", 16, 8, array(struct("IPSEC_SA_TRANSFORM0"), "numSaTransforms")),
  f("pfsGroup", 24, 4, u32),
]);

function transportPolicy(name: string, source: "mingw" | "sdk", em: string): StructLayout {
  return S(name, 40, 8, source, [
    f("numIpsecProposals", 0, 4, u32),
    f("ipsecProposals", 8, 8, array(struct("IPSEC_PROPOSAL0"), "numIpsecProposals")),
    f("flags", 16, 4, u32),
    f("ndAllowClearTimeoutSeconds", 20, 4, u32),
    f("saIdleTimeout", 24, 8, struct("IPSEC_SA_IDLE_TIMEOUT0")),
    f("emPolicy", 32, 8, ptr(struct(em)), true),
  ]);
}
const IPSEC_TRANSPORT_POLICY1 = transportPolicy("IPSEC_TRANSPORT_POLICY1", "mingw", "IKEEXT_EM_POLICY1");
const IPSEC_TRANSPORT_POLICY2 = transportPolicy("IPSEC_TRANSPORT_POLICY2", "sdk", "IKEEXT_EM_POLICY2");

/** A V4/V6 address union selected by an FWP_IP_VERSION member (NONE and others: no address). */
function addressUnion(label: string, v4: string, v6: string, at: number, version = "ipVersion"): Field {
  return union(label, at, 16, version, "FWP_IP_VERSION", [
    arm([IPV.FWP_IP_VERSION_V4], f(v4, at, 4, u32, true)),
    arm([IPV.FWP_IP_VERSION_V6], f(v6, at, 16, bytes(16), true)),
    emptyArm("default", "none"),
  ]);
}

const IPSEC_TUNNEL_ENDPOINTS1 = S("IPSEC_TUNNEL_ENDPOINTS1", 48, 8, "mingw", [
  f("ipVersion", 0, 4, u32),
  addressUnion("local", "localV4Address", "localV6Address", 4),
  addressUnion("remote", "remoteV4Address", "remoteV6Address", 20),
  f("localIfLuid", 40, 8, u64),
]);
const IPSEC_TUNNEL_ENDPOINT0 = S("IPSEC_TUNNEL_ENDPOINT0", 20, 4, "sdk", [
  f("ipVersion", 0, 4, u32),
  addressUnion("address", "v4Address", "v6Address", 4),
]);
const IPSEC_TUNNEL_ENDPOINTS2 = S("IPSEC_TUNNEL_ENDPOINTS2", 72, 8, "sdk", [
  f("ipVersion", 0, 4, u32),
  addressUnion("local", "localV4Address", "localV6Address", 4),
  addressUnion("remote", "remoteV4Address", "remoteV6Address", 20),
  f("localIfLuid", 40, 8, u64),
  f("remoteFqdn", 48, 8, wstr, true),
  f("numAddresses", 56, 4, u32),
  f("remoteAddresses", 64, 8, array(struct("IPSEC_TUNNEL_ENDPOINT0"), "numAddresses")),
]);
const IPSEC_TRAFFIC_SELECTOR0 = S("IPSEC_TRAFFIC_SELECTOR0", 44, 4, "sdk", [
  f("protocolId", 0, 1, u8),
  f("portStart", 2, 2, u16),
  f("portEnd", 4, 2, u16),
  f("ipVersion", 8, 4, u32),
  addressUnion("start", "startV4Address", "startV6Address", 12),
  addressUnion("end", "endV4Address", "endV6Address", 28),
]);
const IPSEC_TRAFFIC_SELECTOR_POLICY0 = S("IPSEC_TRAFFIC_SELECTOR_POLICY0", 32, 8, "sdk", [
  f("flags", 0, 4, u32),
  f("numLocalTrafficSelectors", 4, 4, u32),
  f("localTrafficSelectors", 8, 8, array(struct("IPSEC_TRAFFIC_SELECTOR0"), "numLocalTrafficSelectors")),
  f("numRemoteTrafficSelectors", 16, 4, u32),
  f("remoteTrafficSelectors", 24, 8, array(struct("IPSEC_TRAFFIC_SELECTOR0"), "numRemoteTrafficSelectors")),
]);

const tunnelHead = (endpoints: string, endpointsSize: number): Field[] => [
  f("flags", 0, 4, u32),
  f("numIpsecProposals", 4, 4, u32),
  f("ipsecProposals", 8, 8, array(struct("IPSEC_PROPOSAL0"), "numIpsecProposals")),
  f("tunnelEndpoints", 16, endpointsSize, struct(endpoints)),
];
const IPSEC_TUNNEL_POLICY1 = S("IPSEC_TUNNEL_POLICY1", 80, 8, "mingw", [
  ...tunnelHead("IPSEC_TUNNEL_ENDPOINTS1", 48),
  f("saIdleTimeout", 64, 8, struct("IPSEC_SA_IDLE_TIMEOUT0")),
  f("emPolicy", 72, 8, ptr(struct("IKEEXT_EM_POLICY1")), true),
]);
const IPSEC_TUNNEL_POLICY2 = S("IPSEC_TUNNEL_POLICY2", 112, 8, "sdk", [
  ...tunnelHead("IPSEC_TUNNEL_ENDPOINTS2", 72),
  f("saIdleTimeout", 88, 8, struct("IPSEC_SA_IDLE_TIMEOUT0")),
  f("emPolicy", 96, 8, ptr(struct("IKEEXT_EM_POLICY2")), true),
  f("fwdPathSaLifetime", 104, 4, u32),
]);
const IPSEC_TUNNEL_POLICY3 = S("IPSEC_TUNNEL_POLICY3", 128, 8, "sdk", [
  ...tunnelHead("IPSEC_TUNNEL_ENDPOINTS2", 72),
  f("saIdleTimeout", 88, 8, struct("IPSEC_SA_IDLE_TIMEOUT0")),
  f("emPolicy", 96, 8, ptr(struct("IKEEXT_EM_POLICY2")), true),
  f("fwdPathSaLifetime", 104, 4, u32),
  f("compartmentId", 108, 4, u32),
  f("numTrafficSelectorPolicy", 112, 4, u32),
  f(
    "trafficSelectorPolicies",
    120,
    8,
    array(struct("IPSEC_TRAFFIC_SELECTOR_POLICY0"), "numTrafficSelectorPolicy"),
  ),
]);

const IPSEC_KEYING_POLICY0 = S("IPSEC_KEYING_POLICY0", 16, 8, "mingw", [
  f("numKeyMods", 0, 4, u32),
  f("keyModKeys", 8, 8, array(guid, "numKeyMods")),
]);
const IPSEC_KEYING_POLICY1 = S("IPSEC_KEYING_POLICY1", 24, 8, "sdk", [
  f("numKeyMods", 0, 4, u32),
  f("keyModKeys", 8, 8, array(guid, "numKeyMods")),
  f("flags", 16, 4, u32),
]);

// ---- manual SAs and SA enumeration (ipsectypes.h) ----

const IPSEC_V4_UDP_ENCAPSULATION0 = S("IPSEC_V4_UDP_ENCAPSULATION0", 4, 2, "mingw", [
  f("localUdpEncapPort", 0, 2, u16),
  f("remoteUdpEncapPort", 2, 2, u16),
]);
const IPSEC_TRAFFIC1 = S("IPSEC_TRAFFIC1", 72, 8, "mingw", [
  f("ipVersion", 0, 4, u32),
  addressUnion("local", "localV4Address", "localV6Address", 4),
  addressUnion("remote", "remoteV4Address", "remoteV6Address", 20),
  f("trafficType", 36, 4, u32),
  union("filter", 40, 8, "trafficType", "IPSEC_TRAFFIC_TYPE", [
    arm([TRT.IPSEC_TRAFFIC_TYPE_TRANSPORT], f("ipsecFilterId", 40, 8, u64)),
    arm([TRT.IPSEC_TRAFFIC_TYPE_TUNNEL], f("tunnelPolicyId", 40, 8, u64)),
    emptyArm("default", "none"),
  ]),
  f("remotePort", 48, 2, u16),
  f("localPort", 50, 2, u16),
  f("ipProtocol", 52, 1, u8),
  f("localIfLuid", 56, 8, u64),
  f("realIfProfileId", 64, 4, u32),
]);
const IPSEC_GETSPI1 = S("IPSEC_GETSPI1", 96, 8, "mingw", [
  f("inboundIpsecTraffic", 0, 72, struct("IPSEC_TRAFFIC1")),
  f("ipVersion", 72, 4, u32),
  union("encapsulation", 80, 8, "ipVersion", "FWP_IP_VERSION", [
    arm(
      [IPV.FWP_IP_VERSION_V4],
      f("inboundUdpEncapsulation", 80, 8, ptr(struct("IPSEC_V4_UDP_ENCAPSULATION0")), true),
    ),
    emptyArm("default", "none"),
  ]),
  f("rngCryptoModuleID", 88, 8, ptr(guid), true),
]);
const IPSEC_SA_AUTH_INFORMATION0 = S("IPSEC_SA_AUTH_INFORMATION0", 32, 8, "mingw", [
  f("authTransform", 0, 16, struct("IPSEC_AUTH_TRANSFORM0")),
  f("authKey", 16, 16, blob),
]);
const IPSEC_SA_CIPHER_INFORMATION0 = S("IPSEC_SA_CIPHER_INFORMATION0", 32, 8, "mingw", [
  f("cipherTransform", 0, 16, struct("IPSEC_CIPHER_TRANSFORM0")),
  f("cipherKey", 16, 16, blob),
]);
const IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 = S("IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0", 64, 8, "mingw", [
  f("saCipherInformation", 0, 32, struct("IPSEC_SA_CIPHER_INFORMATION0")),
  f("saAuthInformation", 32, 32, struct("IPSEC_SA_AUTH_INFORMATION0")),
]);
const IPSEC_SA0 = S("IPSEC_SA0", 16, 8, "mingw", [
  f("spi", 0, 4, u32),
  f("saTransformType", 4, 4, u32),
  union("information", 8, 8, "saTransformType", "IPSEC_TRANSFORM_TYPE", [
    arm([TT.IPSEC_TRANSFORM_AH], f("ahInformation", 8, 8, ptr(struct("IPSEC_SA_AUTH_INFORMATION0")))),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_AUTH],
      f("espAuthInformation", 8, 8, ptr(struct("IPSEC_SA_AUTH_INFORMATION0"))),
    ),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_CIPHER],
      f("espCipherInformation", 8, 8, ptr(struct("IPSEC_SA_CIPHER_INFORMATION0"))),
    ),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER],
      f("espAuthAndCipherInformation", 8, 8, ptr(struct("IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0"))),
    ),
    arm(
      [TT.IPSEC_TRANSFORM_ESP_AUTH_FW],
      f("espAuthFwInformation", 8, 8, ptr(struct("IPSEC_SA_AUTH_INFORMATION0"))),
    ),
  ]),
]);
const IPSEC_TOKEN0 = S("IPSEC_TOKEN0", 24, 8, "mingw", [
  f("type", 0, 4, u32),
  f("principal", 4, 4, u32),
  f("mode", 8, 4, u32),
  f("token", 16, 8, u64),
]);
const IPSEC_ID0 = S("IPSEC_ID0", 48, 8, "mingw", [
  f("mmTargetName", 0, 8, wstr, true),
  f("emTargetName", 8, 8, wstr, true),
  f("numTokens", 16, 4, u32),
  f("tokens", 24, 8, array(struct("IPSEC_TOKEN0"), "numTokens")),
  f("explicitCredentials", 32, 8, u64),
  f("logonId", 40, 8, u64),
]);
const IPSEC_KEYMODULE_STATE0 = S("IPSEC_KEYMODULE_STATE0", 32, 8, "mingw", [
  f("keyModuleKey", 0, 16, guid),
  f("stateBlob", 16, 16, blob),
]);
const IPSEC_SA_BUNDLE1 = S("IPSEC_SA_BUNDLE1", 112, 8, "mingw", [
  f("flags", 0, 4, u32),
  f("lifetime", 4, 12, struct("IPSEC_SA_LIFETIME0")),
  f("idleTimeoutSeconds", 16, 4, u32),
  f("ndAllowClearTimeoutSeconds", 20, 4, u32),
  f("ipsecId", 24, 8, ptr(struct("IPSEC_ID0")), true),
  f("napContext", 32, 4, u32),
  f("qmSaId", 36, 4, u32),
  f("numSAs", 40, 4, u32),
  f("saList", 48, 8, array(struct("IPSEC_SA0"), "numSAs")),
  f("keyModuleState", 56, 8, ptr(struct("IPSEC_KEYMODULE_STATE0")), true),
  f("ipVersion", 64, 4, u32),
  union("peer", 68, 4, "ipVersion", "FWP_IP_VERSION", [
    arm([IPV.FWP_IP_VERSION_V4], f("peerV4PrivateAddress", 68, 4, u32)),
    emptyArm("default", "none"),
  ]),
  f("mmSaId", 72, 8, u64),
  f("pfsGroup", 80, 4, u32),
  f("saLookupContext", 84, 16, guid),
  f("qmFilterId", 104, 8, u64),
]);

const IPSEC_VIRTUAL_IF_TUNNEL_INFO0 = S("IPSEC_VIRTUAL_IF_TUNNEL_INFO0", 16, 8, "mingw", [
  f("virtualIfTunnelId", 0, 8, u64),
  f("trafficSelectorId", 8, 8, u64),
]);
// SDK layout: virtualIfTunnelInfo by value (mingw declares a pointer; see the oracle's struct deviations).
const IPSEC_SA_DETAILS1 = S("IPSEC_SA_DETAILS1", 224, 8, "sdk", [
  f("ipVersion", 0, 4, u32),
  f("saDirection", 4, 4, u32),
  f("traffic", 8, 72, struct("IPSEC_TRAFFIC1")),
  f("saBundle", 80, 112, struct("IPSEC_SA_BUNDLE1")),
  union("encapsulation", 192, 8, "ipVersion", "FWP_IP_VERSION", [
    arm(
      [IPV.FWP_IP_VERSION_V4],
      f("udpEncapsulation", 192, 8, ptr(struct("IPSEC_V4_UDP_ENCAPSULATION0")), true),
    ),
    emptyArm("default", "none"),
  ]),
  f("transportFilter", 200, 8, ptr(struct("FWPM_FILTER0")), true),
  f("virtualIfTunnelInfo", 208, 16, struct("IPSEC_VIRTUAL_IF_TUNNEL_INFO0")),
]);
const IPSEC_SA_CONTEXT1 = S("IPSEC_SA_CONTEXT1", 24, 8, "mingw", [
  f("saContextId", 0, 8, u64),
  f("inboundSa", 8, 8, ptr(struct("IPSEC_SA_DETAILS1")), true),
  f("outboundSa", 16, 8, ptr(struct("IPSEC_SA_DETAILS1")), true),
]);

// ---- IKE SA enumeration (iketypes.h) ----

const IKEEXT_TRAFFIC0 = S("IKEEXT_TRAFFIC0", 48, 8, "mingw", [
  f("ipVersion", 0, 4, u32),
  addressUnion("local", "localV4Address", "localV6Address", 4),
  addressUnion("remote", "remoteV4Address", "remoteV6Address", 20),
  f("authIpFilterId", 40, 8, u64),
]);
const IKEEXT_COOKIE_PAIR0 = S("IKEEXT_COOKIE_PAIR0", 16, 8, "mingw", [
  f("initiator", 0, 8, u64),
  f("responder", 8, 8, u64),
]);
const IKEEXT_CERTIFICATE_CREDENTIAL1 = S("IKEEXT_CERTIFICATE_CREDENTIAL1", 56, 8, "mingw", [
  f("subjectName", 0, 16, blob, true),
  f("certHash", 16, 16, blob, true),
  f("flags", 32, 4, u32),
  f("certificate", 40, 16, blob, true),
]);
const IKEEXT_NAME_CREDENTIAL0 = S("IKEEXT_NAME_CREDENTIAL0", 8, 8, "mingw", [
  f("principalName", 0, 8, wstr, true),
]);
const IKEEXT_CREDENTIAL2 = S("IKEEXT_CREDENTIAL2", 16, 8, "mingw", [
  f("authenticationMethodType", 0, 4, u32),
  f("impersonationType", 4, 4, u32),
  union("credential", 8, 8, "authenticationMethodType", "IKEEXT_AUTHENTICATION_METHOD_TYPE", [
    arm(
      [AM.IKEEXT_PRESHARED_KEY],
      f("presharedKey", 8, 8, ptr(struct("IKEEXT_PRESHARED_KEY_AUTHENTICATION1")), true),
    ),
    arm(
      [
        AM.IKEEXT_CERTIFICATE,
        AM.IKEEXT_SSL,
        AM.IKEEXT_CERTIFICATE_ECDSA_P256,
        AM.IKEEXT_CERTIFICATE_ECDSA_P384,
        AM.IKEEXT_SSL_ECDSA_P256,
        AM.IKEEXT_SSL_ECDSA_P384,
      ],
      f("certificate", 8, 8, ptr(struct("IKEEXT_CERTIFICATE_CREDENTIAL1")), true),
    ),
    arm(
      [AM.IKEEXT_KERBEROS, AM.IKEEXT_NTLM_V2],
      f("name", 8, 8, ptr(struct("IKEEXT_NAME_CREDENTIAL0")), true),
    ),
    emptyArm("default", "none"),
  ]),
]);
const IKEEXT_CREDENTIAL_PAIR2 = S("IKEEXT_CREDENTIAL_PAIR2", 32, 8, "mingw", [
  f("localCredentials", 0, 16, struct("IKEEXT_CREDENTIAL2")),
  f("peerCredentials", 16, 16, struct("IKEEXT_CREDENTIAL2")),
]);
const IKEEXT_CREDENTIALS2 = S("IKEEXT_CREDENTIALS2", 16, 8, "mingw", [
  f("numCredentials", 0, 4, u32),
  f("credentials", 8, 8, array(struct("IKEEXT_CREDENTIAL_PAIR2"), "numCredentials")),
]);
const IKEEXT_SA_DETAILS2 = S("IKEEXT_SA_DETAILS2", 176, 8, "mingw", [
  f("saId", 0, 8, u64),
  f("keyModuleType", 8, 4, u32),
  f("ipVersion", 12, 4, u32),
  union("encapsulation", 16, 8, "ipVersion", "FWP_IP_VERSION", [
    arm(
      [IPV.FWP_IP_VERSION_V4],
      f("v4UdpEncapsulation", 16, 8, ptr(struct("IPSEC_V4_UDP_ENCAPSULATION0")), true),
    ),
    emptyArm("default", "none"),
  ]),
  f("ikeTraffic", 24, 48, struct("IKEEXT_TRAFFIC0")),
  f("ikeProposal", 72, 28, struct("IKEEXT_PROPOSAL0")),
  f("cookiePair", 104, 16, struct("IKEEXT_COOKIE_PAIR0")),
  f("ikeCredentials", 120, 16, struct("IKEEXT_CREDENTIALS2")),
  f("ikePolicyKey", 136, 16, guid, true),
  f("virtualIfTunnelId", 152, 8, u64),
  f("correlationKey", 160, 16, blob, true),
]);

// ---- net events, version 1 (fwpmtypes.h; every struct here is in mingw-w64, so the oracle checks it) ----

const FILETIME = S("FILETIME", 8, 4, "mingw", [
  f("dwLowDateTime", 0, 4, u32),
  f("dwHighDateTime", 4, 4, u32),
]);
const FWPM_NET_EVENT_HEADER1 = S("FWPM_NET_EVENT_HEADER1", 144, 8, "mingw", [
  f("timeStamp", 0, 8, struct("FILETIME")),
  f("flags", 8, 4, u32),
  f("ipVersion", 12, 4, u32),
  f("ipProtocol", 16, 1, u8),
  addressUnion("local", "localAddrV4", "localAddrV6", 20),
  addressUnion("remote", "remoteAddrV4", "remoteAddrV6", 36),
  f("localPort", 52, 2, u16),
  f("remotePort", 54, 2, u16),
  f("scopeId", 56, 4, u32),
  f("appId", 64, 16, blob, true),
  f("userId", 80, 8, sid, true),
  // The layer-2 members (a union with one arm): only meaningful for L2 events, which wfpsec does not read.
  f("addressFamily", 88, 4, u32),
  f("dstAddrEth", 96, 6, bytes(6), true),
  f("srcAddrEth", 102, 6, bytes(6), true),
  f("addrType", 108, 4, u32),
  f("encapMethod", 112, 4, u32),
  f("etherType", 116, 2, u16),
  f("snapControl", 120, 4, u32),
  f("snapOui", 124, 4, u32),
  f("vlanTag", 128, 2, u16),
  f("ifLuid", 136, 8, u64),
]);
const principals = (at: number): Field[] => [
  f("localPrincipalNameForAuth", at, 8, wstr, true),
  f("remotePrincipalNameForAuth", at + 8, 8, wstr, true),
  f("numLocalPrincipalGroupSids", at + 16, 4, u32),
  f("localPrincipalGroupSids", at + 24, 8, array(wstr, "numLocalPrincipalGroupSids")),
  f("numRemotePrincipalGroupSids", at + 32, 4, u32),
  f("remotePrincipalGroupSids", at + 40, 8, array(wstr, "numRemotePrincipalGroupSids")),
];
const FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 = S("FWPM_NET_EVENT_IKEEXT_MM_FAILURE1", 112, 8, "mingw", [
  f("failureErrorCode", 0, 4, u32),
  f("failurePoint", 4, 4, u32),
  f("flags", 8, 4, u32),
  f("keyingModuleType", 12, 4, u32),
  f("mmState", 16, 4, u32),
  f("saRole", 20, 4, u32),
  f("mmAuthMethod", 24, 4, u32),
  f("endCertHash", 28, 20, bytes(20), true),
  f("mmId", 48, 8, u64),
  f("mmFilterId", 56, 8, u64),
  ...principals(64),
]);
/** QM failure subnets exist only for tunnel-mode SAs ([switch_is(saTrafficType)], TUNNEL = 1). */
const subnet = (name: string, at: number): Field =>
  union(`${name}Union`, at, 16, "saTrafficType", "IPSEC_TRAFFIC_TYPE", [
    arm([TRT.IPSEC_TRAFFIC_TYPE_TUNNEL], f(name, at, 16, struct("FWP_CONDITION_VALUE0"))),
    emptyArm("default", "none"),
  ]);
const FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 = S("FWPM_NET_EVENT_IKEEXT_QM_FAILURE0", 64, 8, "mingw", [
  f("failureErrorCode", 0, 4, u32),
  f("failurePoint", 4, 4, u32),
  f("keyingModuleType", 8, 4, u32),
  f("qmState", 12, 4, u32),
  f("saRole", 16, 4, u32),
  f("saTrafficType", 20, 4, u32),
  subnet("localSubNet", 24),
  subnet("remoteSubNet", 40),
  f("qmFilterId", 56, 8, u64),
]);
const FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 = S("FWPM_NET_EVENT_IKEEXT_EM_FAILURE1", 120, 8, "mingw", [
  f("failureErrorCode", 0, 4, u32),
  f("failurePoint", 4, 4, u32),
  f("flags", 8, 4, u32),
  f("emState", 12, 4, u32),
  f("saRole", 16, 4, u32),
  f("emAuthMethod", 20, 4, u32),
  f("endCertHash", 24, 20, bytes(20), true),
  f("mmId", 48, 8, u64),
  f("qmFilterId", 56, 8, u64),
  ...principals(64),
  f("saTrafficType", 112, 4, u32),
]);
const FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 = S("FWPM_NET_EVENT_IPSEC_KERNEL_DROP0", 32, 8, "mingw", [
  f("failureStatus", 0, 4, i32),
  f("direction", 4, 4, u32),
  f("spi", 8, 4, u32),
  f("filterId", 16, 8, u64),
  f("layerId", 24, 2, u16),
]);
const FWPM_NET_EVENT1 = S("FWPM_NET_EVENT1", 160, 8, "mingw", [
  f("header", 0, 144, struct("FWPM_NET_EVENT_HEADER1")),
  f("type", 144, 4, u32),
  union("payload", 152, 8, "type", "FWPM_NET_EVENT_TYPE", [
    arm(
      [NET.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE],
      f("ikeMmFailure", 152, 8, ptr(struct("FWPM_NET_EVENT_IKEEXT_MM_FAILURE1")), true),
    ),
    arm(
      [NET.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE],
      f("ikeQmFailure", 152, 8, ptr(struct("FWPM_NET_EVENT_IKEEXT_QM_FAILURE0")), true),
    ),
    arm(
      [NET.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE],
      f("ikeEmFailure", 152, 8, ptr(struct("FWPM_NET_EVENT_IKEEXT_EM_FAILURE1")), true),
    ),
    arm(
      [NET.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP],
      f("ipsecDrop", 152, 8, ptr(struct("FWPM_NET_EVENT_IPSEC_KERNEL_DROP0")), true),
    ),
    // Classify drops and DoS-protection drops are not decoded (wfpsec reports IKE and IPsec failures).
    emptyArm("default", "other"),
  ]),
]);
const FWPM_NET_EVENT_ENUM_TEMPLATE0 = S("FWPM_NET_EVENT_ENUM_TEMPLATE0", 32, 8, "mingw", [
  f("startTime", 0, 8, struct("FILETIME")),
  f("endTime", 8, 8, struct("FILETIME")),
  f("numFilterConditions", 16, 4, u32),
  f("filterCondition", 24, 8, array(struct("FWPM_FILTER_CONDITION0"), "numFilterConditions")),
]);
const FWPM_NET_EVENT_SUBSCRIPTION0 = S("FWPM_NET_EVENT_SUBSCRIPTION0", 32, 8, "mingw", [
  f("enumTemplate", 0, 8, ptr(struct("FWPM_NET_EVENT_ENUM_TEMPLATE0")), true),
  f("flags", 8, 4, u32),
  f("sessionKey", 12, 16, guid, true),
]);

// ---- adapters (GetAdaptersAddresses, iphlpapi.dll; iptypes.h, ws2def.h, ws2ipdef.h, inaddr.h; in mingw-w64) ----
// For address keywords (modules/host/interfaces.ts). ffi/adapters.ts follows the `Next` lists and reads each
// sockaddr by its family itself, at these offsets: `opaque` marks a pointer it follows by hand.
const opaque = ptr(u8);
/** A member reached through nameless or named unions: `cPath` is its C designator (`Luid.Value`). */
const via = (name: string, cPath: string, offset: number, size: number, type: Field["type"]): Field => ({
  name,
  cPath,
  offset,
  size,
  type,
});

const SOCKET_ADDRESS = S("SOCKET_ADDRESS", 16, 8, "mingw", [
  f("lpSockaddr", 0, 8, opaque),
  f("iSockaddrLength", 8, 4, i32),
]);
const IN_ADDR = S("IN_ADDR", 4, 4, "mingw", [via("S_addr", "S_un.S_addr", 0, 4, u32)]);
const IN6_ADDR = S("IN6_ADDR", 16, 2, "mingw", [via("Byte", "u.Byte", 0, 16, bytes(16))]);
const SOCKADDR_IN = S("SOCKADDR_IN", 16, 4, "mingw", [
  f("sin_family", 0, 2, i16),
  f("sin_port", 2, 2, u16),
  f("sin_addr", 4, 4, struct("IN_ADDR")),
  f("sin_zero", 8, 8, { kind: "inline", of: "i8", length: 8 }),
]);
const SOCKADDR_IN6 = S("SOCKADDR_IN6", 28, 4, "mingw", [
  f("sin6_family", 0, 2, i16),
  f("sin6_port", 2, 2, u16),
  f("sin6_flowinfo", 4, 4, u32),
  f("sin6_addr", 8, 16, struct("IN6_ADDR")),
  f("sin6_scope_id", 24, 4, u32),
]);
/** The server lists (DNS, WINS, gateways) share one shape: Length, a reserved DWORD, Next, Address. */
const serverList = (name: string) =>
  S(name, 32, 8, "mingw", [
    f("Length", 0, 4, u32),
    f("Next", 8, 8, opaque),
    f("Address", 16, 16, struct("SOCKET_ADDRESS")),
  ]);
const IP_ADAPTER_DNS_SERVER_ADDRESS_XP = serverList("IP_ADAPTER_DNS_SERVER_ADDRESS_XP");
const IP_ADAPTER_WINS_SERVER_ADDRESS_LH = serverList("IP_ADAPTER_WINS_SERVER_ADDRESS_LH");
const IP_ADAPTER_GATEWAY_ADDRESS_LH = serverList("IP_ADAPTER_GATEWAY_ADDRESS_LH");
const IP_ADAPTER_UNICAST_ADDRESS_LH = S("IP_ADAPTER_UNICAST_ADDRESS_LH", 64, 8, "mingw", [
  f("Length", 0, 4, u32),
  f("Flags", 4, 4, u32),
  f("Next", 8, 8, opaque),
  f("Address", 16, 16, struct("SOCKET_ADDRESS")),
  f("PrefixOrigin", 32, 4, u32),
  f("SuffixOrigin", 36, 4, u32),
  f("DadState", 40, 4, u32),
  f("ValidLifetime", 44, 4, u32),
  f("PreferredLifetime", 48, 4, u32),
  f("LeaseLifetime", 52, 4, u32),
  f("OnLinkPrefixLength", 56, 1, u8),
]);
const IP_ADAPTER_ADDRESSES_LH = S("IP_ADAPTER_ADDRESSES_LH", 448, 8, "mingw", [
  f("Length", 0, 4, u32),
  f("IfIndex", 4, 4, u32),
  f("Next", 8, 8, opaque),
  f("AdapterName", 16, 8, cstr, true),
  f("FirstUnicastAddress", 24, 8, ptr(struct("IP_ADAPTER_UNICAST_ADDRESS_LH")), true),
  f("FirstAnycastAddress", 32, 8, opaque, true),
  f("FirstMulticastAddress", 40, 8, opaque, true),
  f("FirstDnsServerAddress", 48, 8, ptr(struct("IP_ADAPTER_DNS_SERVER_ADDRESS_XP")), true),
  f("DnsSuffix", 56, 8, wstr, true),
  f("Description", 64, 8, wstr, true),
  f("FriendlyName", 72, 8, wstr, true),
  f("PhysicalAddress", 80, 8, bytes(8)),
  f("PhysicalAddressLength", 88, 4, u32),
  f("Flags", 92, 4, u32),
  f("Mtu", 96, 4, u32),
  f("IfType", 100, 4, u32),
  f("OperStatus", 104, 4, u32),
  f("Ipv6IfIndex", 108, 4, u32),
  f("ZoneIndices", 112, 64, { kind: "inline", of: "u32", length: 16 }),
  f("FirstPrefix", 176, 8, opaque, true),
  f("TransmitLinkSpeed", 184, 8, u64),
  f("ReceiveLinkSpeed", 192, 8, u64),
  f("FirstWinsServerAddress", 200, 8, ptr(struct("IP_ADAPTER_WINS_SERVER_ADDRESS_LH")), true),
  f("FirstGatewayAddress", 208, 8, ptr(struct("IP_ADAPTER_GATEWAY_ADDRESS_LH")), true),
  f("Ipv4Metric", 216, 4, u32),
  f("Ipv6Metric", 220, 4, u32),
  via("Luid", "Luid.Value", 224, 8, u64),
  f("Dhcpv4Server", 232, 16, struct("SOCKET_ADDRESS")),
  f("CompartmentId", 248, 4, u32),
  f("NetworkGuid", 252, 16, guid),
  f("ConnectionType", 268, 4, u32),
  f("TunnelType", 272, 4, u32),
  f("Dhcpv6Server", 280, 16, struct("SOCKET_ADDRESS")),
  f("Dhcpv6ClientDuid", 296, 130, bytes(130)),
  f("Dhcpv6ClientDuidLength", 428, 4, u32),
  f("Dhcpv6Iaid", 432, 4, u32),
  f("FirstDnsSuffix", 440, 8, opaque, true),
]);

// ---- statistics (IPsecGetStatistics1, IkeextGetStatistics1; ipsectypes.h, iketypes.h, in mingw-w64) ----

const u32s = (names: string[], at = 0): Field[] => names.map((n, i) => f(n, at + 4 * i, 4, u32));
const IPSEC_AGGREGATE_SA_STATISTICS0 = S(
  "IPSEC_AGGREGATE_SA_STATISTICS0",
  28,
  4,
  "mingw",
  u32s([
    "activeSas",
    "pendingSaNegotiations",
    "totalSasAdded",
    "totalSasDeleted",
    "successfulRekeys",
    "activeTunnels",
    "offloadedSas",
  ]),
);
const IPSEC_ESP_DROP_PACKET_STATISTICS0 = S(
  "IPSEC_ESP_DROP_PACKET_STATISTICS0",
  20,
  4,
  "mingw",
  u32s([
    "invalidSpisOnInbound",
    "decryptionFailuresOnInbound",
    "authenticationFailuresOnInbound",
    "replayCheckFailuresOnInbound",
    "saNotInitializedOnInbound",
  ]),
);
const IPSEC_AH_DROP_PACKET_STATISTICS0 = S(
  "IPSEC_AH_DROP_PACKET_STATISTICS0",
  16,
  4,
  "mingw",
  u32s([
    "invalidSpisOnInbound",
    "authenticationFailuresOnInbound",
    "replayCheckFailuresOnInbound",
    "saNotInitializedOnInbound",
  ]),
);
const IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1 = S(
  "IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1",
  40,
  4,
  "mingw",
  u32s([
    "invalidSpisOnInbound",
    "decryptionFailuresOnInbound",
    "authenticationFailuresOnInbound",
    "udpEspValidationFailuresOnInbound",
    "replayCheckFailuresOnInbound",
    "invalidClearTextInbound",
    "saNotInitializedOnInbound",
    "receiveOverIncorrectSaInbound",
    "secureReceivesNotMatchingFilters",
    "totalDropPacketsInbound",
  ]),
);
const IPSEC_TRAFFIC_STATISTICS1 = S(
  "IPSEC_TRAFFIC_STATISTICS1",
  56,
  8,
  "mingw",
  [
    "encryptedByteCount",
    "authenticatedAHByteCount",
    "authenticatedESPByteCount",
    "transportByteCount",
    "tunnelByteCount",
    "offloadByteCount",
    "totalSuccessfulPackets",
  ].map((n, i) => f(n, 8 * i, 8, u64)),
);
const IPSEC_STATISTICS1 = S("IPSEC_STATISTICS1", 216, 8, "mingw", [
  f("aggregateSaStatistics", 0, 28, struct("IPSEC_AGGREGATE_SA_STATISTICS0")),
  f("espDropPacketStatistics", 28, 20, struct("IPSEC_ESP_DROP_PACKET_STATISTICS0")),
  f("ahDropPacketStatistics", 48, 16, struct("IPSEC_AH_DROP_PACKET_STATISTICS0")),
  f("aggregateDropPacketStatistics", 64, 40, struct("IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1")),
  f("inboundTrafficStatistics", 104, 56, struct("IPSEC_TRAFFIC_STATISTICS1")),
  f("outboundTrafficStatistics", 160, 56, struct("IPSEC_TRAFFIC_STATISTICS1")),
]);
const IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1 = S(
  "IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1",
  72,
  4,
  "mingw",
  u32s([
    "currentActiveMainModes",
    "totalMainModesStarted",
    "totalSuccessfulMainModes",
    "totalFailedMainModes",
    "totalResponderMainModes",
    "currentNewResponderMainModes",
    "currentActiveQuickModes",
    "totalQuickModesStarted",
    "totalSuccessfulQuickModes",
    "totalFailedQuickModes",
    "totalAcquires",
    "totalReinitAcquires",
    "currentActiveExtendedModes",
    "totalExtendedModesStarted",
    "totalSuccessfulExtendedModes",
    "totalFailedExtendedModes",
    "totalImpersonationExtendedModes",
    "totalImpersonationMainModes",
  ]),
);
/**
 * errorFrequencyTable: one count per IKE error code from ERROR_IPSEC_IKE_NEG_STATUS_BEGIN (index 0). The
 * Learn page gives the member as [97] and its prose says 84; 97 is the header's and the ABI's
 * (docs/windows-verification.md S1). Decoded as its raw bytes (little-endian UINT32s).
 */
const IKEEXT_KEYMODULE_STATISTICS1 = S("IKEEXT_KEYMODULE_STATISTICS1", 544, 4, "mingw", [
  f("v4Statistics", 0, 72, struct("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1")),
  f("v6Statistics", 72, 72, struct("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1")),
  f("errorFrequencyTable", 144, 388, { kind: "inline", of: "u32", length: 97 }),
  ...u32s(["mainModeNegotiationTime", "quickModeNegotiationTime", "extendedModeNegotiationTime"], 532),
]);
const IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1 = S(
  "IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1",
  8,
  4,
  "mingw",
  u32s(["totalSocketReceiveFailures", "totalSocketSendFailures"]),
);
const IKEEXT_COMMON_STATISTICS1 = S("IKEEXT_COMMON_STATISTICS1", 28, 4, "mingw", [
  f("v4Statistics", 0, 8, struct("IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1")),
  f("v6Statistics", 8, 8, struct("IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1")),
  ...u32s(["totalPacketsReceived", "totalInvalidPacketsReceived", "currentQueuedWorkitems"], 16),
]);
const IKEEXT_STATISTICS1 = S("IKEEXT_STATISTICS1", 1660, 4, "mingw", [
  f("ikeStatistics", 0, 544, struct("IKEEXT_KEYMODULE_STATISTICS1")),
  f("authipStatistics", 544, 544, struct("IKEEXT_KEYMODULE_STATISTICS1")),
  f("ikeV2Statistics", 1088, 544, struct("IKEEXT_KEYMODULE_STATISTICS1")),
  f("commonStatistics", 1632, 28, struct("IKEEXT_COMMON_STATISTICS1")),
]);

// ---- Session peers for the lock-out guard (wtsapi32.h, iprtrmib.h; modules/host/sessionPeer.ts) ----

/**
 * WTSQuerySessionInformationW(WTSClientAddress)'s buffer. AF_INET: the IPv4 address is in Address[2..5]
 * (network order); AF_INET6: the 16 bytes from Address[0] as the Learn page's example shows them
 * (docs/windows-verification.md LG2 records the test that settles the IPv6 offset on a real host).
 */
const WTS_CLIENT_ADDRESS = S("WTS_CLIENT_ADDRESS", 24, 4, "mingw", [
  f("AddressFamily", 0, 4, u32),
  f("Address", 4, 20, bytes(20)),
]);
/** GetExtendedTcpTable(AF_INET, TCP_TABLE_OWNER_PID_ALL) rows; addresses and ports in network order. */
const MIB_TCPROW_OWNER_PID = S(
  "MIB_TCPROW_OWNER_PID",
  24,
  4,
  "mingw",
  u32s(["dwState", "dwLocalAddr", "dwLocalPort", "dwRemoteAddr", "dwRemotePort", "dwOwningPid"]),
);
const MIB_TCP6ROW_OWNER_PID = S("MIB_TCP6ROW_OWNER_PID", 56, 4, "mingw", [
  f("ucLocalAddr", 0, 16, bytes(16)),
  ...u32s(["dwLocalScopeId", "dwLocalPort"], 16),
  f("ucRemoteAddr", 24, 16, bytes(16)),
  ...u32s(["dwRemoteScopeId", "dwRemotePort", "dwState", "dwOwningPid"], 40),
]);
/** The tables: `dwNumEntries`, then the rows from `table[0]` (declared `table[ANY_SIZE]`, ANY_SIZE 1). */
const MIB_TCPTABLE_OWNER_PID = S("MIB_TCPTABLE_OWNER_PID", 28, 4, "mingw", [
  f("dwNumEntries", 0, 4, u32),
  { name: "table", cPath: "table[0]", offset: 4, size: 24, type: struct("MIB_TCPROW_OWNER_PID") },
]);
const MIB_TCP6TABLE_OWNER_PID = S("MIB_TCP6TABLE_OWNER_PID", 60, 4, "mingw", [
  f("dwNumEntries", 0, 4, u32),
  { name: "table", cPath: "table[0]", offset: 4, size: 56, type: struct("MIB_TCP6ROW_OWNER_PID") },
]);

// ---- Win32 (minwinbase.h): the admin-only folder's creation (ffi/fileSecurity.ts) ----

const SECURITY_ATTRIBUTES = S("SECURITY_ATTRIBUTES", 24, 8, "mingw", [
  f("nLength", 0, 4, u32),
  f("lpSecurityDescriptor", 8, 8, ptr(u8)),
  f("bInheritHandle", 16, 4, i32),
]);

/** Every struct table, by C type name. */
export const STRUCTS: Readonly<Record<string, StructLayout>> = Object.freeze(
  Object.fromEntries(
    [
      FWP_BYTE_BLOB,
      FWP_BYTE_ARRAY16,
      FWP_BYTE_ARRAY6,
      FWP_V4_ADDR_AND_MASK,
      FWP_V6_ADDR_AND_MASK,
      FWP_VALUE0,
      FWP_CONDITION_VALUE0,
      FWP_RANGE0,
      FWPM_DISPLAY_DATA0,
      FWPM_SESSION0,
      FWPM_PROVIDER0,
      FWPM_SUBLAYER0,
      FWPM_ACTION0,
      FWPM_FILTER_CONDITION0,
      FWPM_FILTER0,
      FWPM_PROVIDER_CONTEXT1,
      FWPM_PROVIDER_CONTEXT2,
      FWPM_PROVIDER_CONTEXT3,
      FWPM_PROVIDER_ENUM_TEMPLATE0,
      FWPM_SUBLAYER_ENUM_TEMPLATE0,
      FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0,
      FWPM_FILTER_ENUM_TEMPLATE0,
      IKEEXT_CIPHER_ALGORITHM0,
      IKEEXT_INTEGRITY_ALGORITHM0,
      IKEEXT_PROPOSAL0,
      IKEEXT_KERBEROS_AUTHENTICATION0,
      IKEEXT_KERBEROS_AUTHENTICATION1,
      IKEEXT_NTLM_V2_AUTHENTICATION0,
      IKEEXT_EAP_AUTHENTICATION0,
      IKEEXT_RESERVED_AUTHENTICATION0,
      IKEEXT_PRESHARED_KEY_AUTHENTICATION1,
      IKEEXT_CERT_ROOT_CONFIG0,
      IKEEXT_CERT_EKUS0,
      IKEEXT_CERT_NAME0,
      IKEEXT_CERTIFICATE_CRITERIA0,
      IKEEXT_IPV6_CGA_AUTHENTICATION0,
      IKEEXT_CERTIFICATE_AUTHENTICATION1,
      IKEEXT_CERTIFICATE_AUTHENTICATION2,
      IKEEXT_AUTHENTICATION_METHOD1,
      IKEEXT_AUTHENTICATION_METHOD2,
      IKEEXT_POLICY1,
      IKEEXT_POLICY2,
      IKEEXT_EM_POLICY1,
      IKEEXT_EM_POLICY2,
      IPSEC_SA_LIFETIME0,
      IPSEC_SA_IDLE_TIMEOUT0,
      IPSEC_AUTH_TRANSFORM_ID0,
      IPSEC_AUTH_TRANSFORM0,
      IPSEC_CIPHER_TRANSFORM_ID0,
      IPSEC_CIPHER_TRANSFORM0,
      IPSEC_AUTH_AND_CIPHER_TRANSFORM0,
      IPSEC_SA_TRANSFORM0,
      IPSEC_PROPOSAL0,
      IPSEC_TRANSPORT_POLICY1,
      IPSEC_TRANSPORT_POLICY2,
      IPSEC_TUNNEL_ENDPOINTS1,
      IPSEC_TUNNEL_ENDPOINT0,
      IPSEC_TUNNEL_ENDPOINTS2,
      IPSEC_TRAFFIC_SELECTOR0,
      IPSEC_TRAFFIC_SELECTOR_POLICY0,
      IPSEC_TUNNEL_POLICY1,
      IPSEC_TUNNEL_POLICY2,
      IPSEC_TUNNEL_POLICY3,
      IPSEC_KEYING_POLICY0,
      IPSEC_KEYING_POLICY1,
      IPSEC_V4_UDP_ENCAPSULATION0,
      IPSEC_TRAFFIC1,
      IPSEC_GETSPI1,
      IPSEC_SA_AUTH_INFORMATION0,
      IPSEC_SA_CIPHER_INFORMATION0,
      IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0,
      IPSEC_SA0,
      IPSEC_TOKEN0,
      IPSEC_ID0,
      IPSEC_KEYMODULE_STATE0,
      IPSEC_SA_BUNDLE1,
      IPSEC_VIRTUAL_IF_TUNNEL_INFO0,
      IPSEC_SA_DETAILS1,
      IPSEC_SA_CONTEXT1,
      IKEEXT_TRAFFIC0,
      IKEEXT_COOKIE_PAIR0,
      IKEEXT_CERTIFICATE_CREDENTIAL1,
      IKEEXT_NAME_CREDENTIAL0,
      IKEEXT_CREDENTIAL2,
      IKEEXT_CREDENTIAL_PAIR2,
      IKEEXT_CREDENTIALS2,
      IKEEXT_SA_DETAILS2,
      FILETIME,
      FWPM_NET_EVENT_HEADER1,
      FWPM_NET_EVENT_IKEEXT_MM_FAILURE1,
      FWPM_NET_EVENT_IKEEXT_QM_FAILURE0,
      FWPM_NET_EVENT_IKEEXT_EM_FAILURE1,
      FWPM_NET_EVENT_IPSEC_KERNEL_DROP0,
      FWPM_NET_EVENT1,
      FWPM_NET_EVENT_ENUM_TEMPLATE0,
      FWPM_NET_EVENT_SUBSCRIPTION0,
      IPSEC_AGGREGATE_SA_STATISTICS0,
      IPSEC_ESP_DROP_PACKET_STATISTICS0,
      IPSEC_AH_DROP_PACKET_STATISTICS0,
      IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1,
      IPSEC_TRAFFIC_STATISTICS1,
      IPSEC_STATISTICS1,
      IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1,
      IKEEXT_KEYMODULE_STATISTICS1,
      IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1,
      IKEEXT_COMMON_STATISTICS1,
      IKEEXT_STATISTICS1,
      SOCKET_ADDRESS,
      IN_ADDR,
      IN6_ADDR,
      SOCKADDR_IN,
      SOCKADDR_IN6,
      IP_ADAPTER_UNICAST_ADDRESS_LH,
      IP_ADAPTER_DNS_SERVER_ADDRESS_XP,
      IP_ADAPTER_WINS_SERVER_ADDRESS_LH,
      IP_ADAPTER_GATEWAY_ADDRESS_LH,
      IP_ADAPTER_ADDRESSES_LH,
      WTS_CLIENT_ADDRESS,
      MIB_TCPROW_OWNER_PID,
      MIB_TCP6ROW_OWNER_PID,
      MIB_TCPTABLE_OWNER_PID,
      MIB_TCP6TABLE_OWNER_PID,
      SECURITY_ATTRIBUTES,
    ].map((s) => [s.name, s]),
  ),
);

/** The table for a struct name; throws on an unknown name (a typo in a table is a bug, not a runtime case). */
export function layoutOf(name: string): StructLayout {
  const s = STRUCTS[name];
  if (!s) throw new Error(`no struct table for ${name}`);
  return s;
}

const offsets = new Map<string, Map<string, number>>();

/**
 * Offset of member `field` of struct `name`, from its table (for the Win32 buffers decoded or filled by
 * hand: adapters, TCP tables, WTS, SECURITY_ATTRIBUTES); throws on an unknown member.
 */
export function fieldOffset(name: string, field: string): number {
  let m = offsets.get(name);
  if (!m) offsets.set(name, m = new Map(layoutOf(name).fields.map((f) => [f.name, f.offset])));
  const o = m.get(field);
  if (o === undefined) throw new Error(`${name} has no field ${field} in ffi/structs.ts`);
  return o;
}
