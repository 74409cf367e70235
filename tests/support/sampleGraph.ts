/** A small hand-built ObjectGraph (domain-isolation shape, a PSK main mode and a tunnel) for planner tests. */
import type { Filter, ObjectGraph, ProviderContext } from "../../modules/graph/graph.ts";
import { CALLOUTS, CONDITIONS, ENUMS, LAYERS } from "../../ffi/constants.ts";

export const PROVIDER = "11111111-2222-3333-4444-555555555555";
export const SUBLAYER = "11111111-2222-3333-4444-666666666666";
export const MM = "aaaaaaaa-0000-0000-0000-000000000001";
export const QM = "aaaaaaaa-0000-0000-0000-000000000002";
export const TUN_MM = "aaaaaaaa-0000-0000-0000-000000000003";
export const TUN_QM = "aaaaaaaa-0000-0000-0000-000000000004";
export const F_MM = "bbbbbbbb-0000-0000-0000-000000000001";
export const F_QM = "bbbbbbbb-0000-0000-0000-000000000002";
export const F_IN = "bbbbbbbb-0000-0000-0000-000000000003";
export const F_APP = "bbbbbbbb-0000-0000-0000-000000000004";
export const PSK_ENV = "WFPSEC_TEST_PSK";

const CT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

function mmContext(key: string, name: string): ProviderContext {
  return {
    providerContextKey: key,
    displayData: { name },
    flags: 0,
    providerKey: PROVIDER,
    type: CT.FWPM_IPSEC_IKE_MM_CONTEXT,
    ikeMmPolicy: {
      softExpirationTime: 0,
      authenticationMethods: [{
        authenticationMethodType: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY,
        presharedKeyAuthentication: { presharedKey: new Uint8Array(), flags: 0 },
      }],
      initiatorImpersonationType: 0,
      ikeProposals: [{
        cipherAlgorithm: { algoIdentifier: 2, keyLen: 0, rounds: 0 },
        integrityAlgorithm: { algoIdentifier: 2 },
        maxLifetimeSeconds: 28800,
        dhGroup: 2,
        quickModeLimit: 0,
      }],
      flags: 0,
      maxDynamicFilters: 0,
      retransmitDurationSecs: 0,
    },
  };
}

function filter(key: string, name: string, layer: string, extra: Partial<Filter> = {}): Filter {
  return {
    filterKey: key,
    displayData: { name },
    flags: 0,
    providerKey: PROVIDER,
    layerKey: layer,
    subLayerKey: SUBLAYER,
    weight: { type: 1, uint8: 5 },
    filterCondition: [],
    action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
    ...extra,
  };
}

/** The sample graph; every call returns a fresh copy so tests can edit it. */
export function sampleGraph(): ObjectGraph {
  const qm: ProviderContext = {
    providerContextKey: QM,
    displayData: { name: "qm transport" },
    flags: 0,
    providerKey: PROVIDER,
    type: CT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT,
    ikeQmTransportPolicy: {
      ipsecProposals: [{
        lifetime: { lifetimeSeconds: 3600, lifetimeKilobytes: 100000, lifetimePackets: 0x7fffffff },
        saTransforms: [{
          ipsecTransformType: 2,
          espAuthTransform: { authTransformId: { authType: 1, authConfig: 1 } },
        }],
        pfsGroup: 0,
      }],
      flags: 0,
      ndAllowClearTimeoutSeconds: 0,
      saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
    },
  };
  const tunQm: ProviderContext = {
    ...qm,
    providerContextKey: TUN_QM,
    displayData: { name: "tunnel qm" },
    type: CT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
    ikeQmTransportPolicy: undefined,
    ikeQmTunnelPolicy: {
      flags: 0,
      ipsecProposals: qm.ikeQmTransportPolicy!.ipsecProposals,
      tunnelEndpoints: {
        ipVersion: 0,
        localV4Address: 0x0a000001,
        remoteV4Address: 0x0a000002,
        localIfLuid: 0n,
        remoteAddresses: [],
      },
      saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
      fwdPathSaLifetime: 0,
      compartmentId: 0,
      trafficSelectorPolicies: [],
    },
  };
  delete tunQm.ikeQmTransportPolicy;
  return {
    provider: { providerKey: PROVIDER, displayData: { name: "wfpsec test" }, flags: 1 },
    sublayer: {
      subLayerKey: SUBLAYER,
      displayData: { name: "wfpsec test sublayer" },
      flags: 1,
      providerKey: PROVIDER,
      weight: 0x100,
    },
    providerContexts: [mmContext(MM, "mm psk"), qm],
    filters: [
      filter(F_MM, "ike mm", LAYERS.FWPM_LAYER_IKEEXT_V4, { flags: 4, providerContextKey: MM }),
      filter(F_QM, "ipsec qm", LAYERS.FWPM_LAYER_IPSEC_V4, { flags: 4, providerContextKey: QM }),
      filter(F_IN, "inbound transport", LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4, {
        action: {
          type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_CALLOUT_TERMINATING,
          calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4,
        },
        filterCondition: [{
          fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT,
          matchType: 0,
          conditionValue: { type: 2, uint16: 80 },
        }],
        rawContext: 0n,
      }),
      filter(F_APP, "app", LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, {
        filterCondition: [{
          fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
          matchType: 0,
          conditionValue: { type: "appPath", path: "C:\\Tools\\App.exe" },
        }],
      }),
    ],
    tunnels: [{
      flags: 1,
      mainModePolicy: mmContext(TUN_MM, "tunnel mm"),
      tunnelPolicy: tunQm,
      filterConditions: [{
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
        matchType: 0,
        conditionValue: { type: 3, uint32: 0x0a000002 },
      }],
    }],
    manualSas: [],
    secrets: { [`${MM}/0`]: { env: PSK_ENV }, [`${TUN_MM}/0`]: { env: PSK_ENV } },
  };
}
