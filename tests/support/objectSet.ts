/**
 * One object of every kind wfpsec writes, valid for the real Base Filtering Engine: a provider, a sublayer,
 * an AuthIP main-mode context (Kerberos), an AuthIP quick-mode transport context (ESP SHA-256 + AES-128),
 * and filters that use them. Keys are fresh per call so runs never collide, and every filter matches only
 * TEST-NET-1 (192.0.2.0/24, RFC 5737), so adding them on a real host changes no real traffic.
 * The Wine ABI tests reuse the same objects against fwpsim.
 */
import { CALLOUTS, CONDITIONS, ENUMS, FLAGS, LAYERS, TRANSFORM_CONFIGS } from "../../ffi/constants.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer } from "../../modules/graph/graph.ts";

const T = ENUMS.FWP_DATA_TYPE;
const CTX = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

/** A name with characters outside Latin-1 and outside the BMP, so UTF-16 surrogates cross the boundary. */
export const NON_ASCII_NAME = "wfpsec Ünïcödé ✓ 日本語 𝄞";

/** 192.0.2.0 as a host-order UINT32 (the graph's IPv4 convention). */
export const TEST_NET_1 = (192 << 24 | 0 << 16 | 2 << 8 | 0) >>> 0;

export interface ObjectSet {
  provider: Provider;
  sublayer: Sublayer;
  mainMode: ProviderContext;
  quickMode: ProviderContext;
  filters: Filter[];
}

export function objectSet(tag = "wfpsec-test"): ObjectSet {
  const key = (): Guid => crypto.randomUUID();
  const providerKey = key();
  const provider: Provider = {
    providerKey,
    displayData: { name: `${tag} provider ${NON_ASCII_NAME}`, description: "dynamic; removed on close" },
    flags: 0,
    providerData: new TextEncoder().encode(JSON.stringify({ test: tag })),
  };
  const sublayer: Sublayer = {
    subLayerKey: key(),
    displayData: { name: `${tag} sublayer` },
    flags: 0,
    providerKey,
    weight: 0x7ffe,
  };
  const mainMode: ProviderContext = {
    providerContextKey: key(),
    displayData: { name: `${tag} main mode` },
    flags: 0,
    providerKey,
    type: CTX.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    authIpMmPolicy: {
      softExpirationTime: 0,
      authenticationMethods: [{
        authenticationMethodType: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
        kerberosAuthentication: { flags: 0 },
      }],
      initiatorImpersonationType: ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_NONE,
      ikeProposals: [{
        cipherAlgorithm: {
          algoIdentifier: ENUMS.IKEEXT_CIPHER_TYPE.IKEEXT_CIPHER_AES_128,
          keyLen: 0,
          rounds: 0,
        },
        integrityAlgorithm: { algoIdentifier: ENUMS.IKEEXT_INTEGRITY_TYPE.IKEEXT_INTEGRITY_SHA_256 },
        maxLifetimeSeconds: 28800,
        dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_GROUP_14,
        quickModeLimit: 0,
      }],
      flags: 0,
      maxDynamicFilters: 0,
      retransmitDurationSecs: 0,
    },
  };
  const quickMode: ProviderContext = {
    providerContextKey: key(),
    displayData: { name: `${tag} quick mode` },
    flags: 0,
    providerKey,
    type: CTX.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT,
    authipQmTransportPolicy: {
      ipsecProposals: [{
        lifetime: { lifetimeSeconds: 3600, lifetimeKilobytes: 100000, lifetimePackets: 0x7fffffff },
        saTransforms: [{
          ipsecTransformType: ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
          espAuthAndCipherTransform: {
            authTransform: {
              authTransformId: {
                authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256,
                authConfig: TRANSFORM_CONFIGS.IPSEC_AUTH_CONFIG.IPSEC_AUTH_CONFIG_HMAC_SHA_256_128,
              },
            },
            cipherTransform: {
              cipherTransformId: {
                cipherType: ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_AES_128,
                cipherConfig: TRANSFORM_CONFIGS.IPSEC_CIPHER_CONFIG.IPSEC_CIPHER_CONFIG_CBC_AES_128,
              },
            },
          },
        }],
        pfsGroup: ENUMS.IPSEC_PFS_GROUP.IPSEC_PFS_NONE,
      }],
      flags: 0,
      ndAllowClearTimeoutSeconds: 0,
      saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
    },
  };
  const toTestNet = {
    fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
    matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
    conditionValue: { type: T.FWP_V4_ADDR_MASK, v4AddrMask: { addr: TEST_NET_1, mask: 0xffffff00 } },
  } as const;
  const filters: Filter[] = [
    {
      filterKey: key(),
      displayData: { name: `${tag} outbound transport (IPsec) ${NON_ASCII_NAME}` },
      flags: FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT,
      providerKey,
      layerKey: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
      subLayerKey: sublayer.subLayerKey,
      weight: { type: T.FWP_UINT8, uint8: 7 },
      filterCondition: [toTestNet, {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
        matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
        conditionValue: { type: T.FWP_UINT8, uint8: 6 },
      }],
      action: {
        type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_CALLOUT_TERMINATING,
        calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4,
      },
      providerContextKey: quickMode.providerContextKey,
    },
    {
      filterKey: key(),
      displayData: { name: `${tag} main mode (IKEEXT)` },
      flags: FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT,
      providerKey,
      layerKey: LAYERS.FWPM_LAYER_IKEEXT_V4,
      subLayerKey: sublayer.subLayerKey,
      weight: { type: T.FWP_UINT8, uint8: 7 },
      filterCondition: [toTestNet],
      action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
      providerContextKey: mainMode.providerContextKey,
    },
    {
      filterKey: key(),
      displayData: { name: `${tag} exempt port range` },
      flags: 0,
      providerKey,
      layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4,
      subLayerKey: sublayer.subLayerKey,
      // A u64 weight goes through a pointer arm (FWP_VALUE0.uint64 is UINT64*).
      weight: { type: T.FWP_UINT64, uint64: 0x0123_4567_89ab_cdefn & ((1n << 60n) - 1n) },
      filterCondition: [toTestNet, {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT,
        matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_RANGE,
        conditionValue: {
          type: T.FWP_RANGE_TYPE,
          rangeValue: {
            valueLow: { type: T.FWP_UINT16, uint16: 49152 },
            valueHigh: { type: T.FWP_UINT16, uint16: 65535 },
          },
        },
      }],
      action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
      rawContext: 0x1_0000_0002n,
    },
  ];
  return { provider, sublayer, mainMode, quickMode, filters };
}
