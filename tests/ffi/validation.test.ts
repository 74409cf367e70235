/**
 * Validation failures the engine reports for policies and conditions surface as WfpError with the FWP_E_*
 * name, the failing function and the object; the rejected object is not added.
 */
import assert from "node:assert/strict";
import type { Filter, FilterCondition, ProviderContext } from "../../modules/graph/graph.ts";
import { CONDITIONS, ENUMS, FLAGS, LAYERS } from "../../ffi/constants.ts";
import type { WfpError } from "../../ffi/errors.ts";
import { assertWfpError, simTest } from "./helpers.ts";
import {
  key,
  permitFilter,
  provider,
  providerContexts,
  qmProposals,
  sublayer,
  transportPolicy,
  transportPolicyWithEm,
} from "./fixtures.ts";

const DT = ENUMS.FWP_DATA_TYPE;
const MT = ENUMS.FWP_MATCH_TYPE;
const T = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

function withCondition(c: FilterCondition): Filter {
  return { ...permitFilter(9), filterCondition: [c] };
}
const remote = (conditionValue: FilterCondition["conditionValue"], matchType: number = MT.FWP_MATCH_EQUAL) =>
  withCondition({ fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS, matchType, conditionValue });

function qmContext(
  n: number,
  policy: ProviderContext["ikeQmTransportPolicy"],
  type: number = T.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT,
) {
  const arm = type === T.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT
    ? "authipQmTransportPolicy"
    : "ikeQmTransportPolicy";
  return {
    ...providerContexts[5],
    providerContextKey: key(0x600 + n),
    type,
    [arm]: policy,
    ikeQmTransportPolicy: type === T.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT ? undefined : policy,
  } as ProviderContext;
}

simTest(
  "filter conditions: net mask, range, match type and security descriptor are validated",
  ({ engine }) => {
    engine.addProvider(provider);
    engine.addSublayer(sublayer);
    assertWfpError(
      () =>
        engine.addFilter(
          remote({ type: DT.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a000000, mask: 0xff00ff00 } }),
        ),
      "FWP_E_INVALID_NET_MASK",
    );
    assertWfpError(
      () =>
        engine.addFilter(remote({
          type: DT.FWP_RANGE_TYPE,
          rangeValue: {
            valueLow: { type: DT.FWP_UINT32, uint32: 9 },
            valueHigh: { type: DT.FWP_UINT32, uint32: 1 },
          },
        }, MT.FWP_MATCH_RANGE)),
      "FWP_E_INVALID_RANGE",
    );
    assertWfpError(
      () => engine.addFilter(remote({ type: DT.FWP_UINT32, uint32: 1 }, MT.FWP_MATCH_RANGE)),
      "FWP_E_MATCH_TYPE_MISMATCH",
    );
    assertWfpError(
      () =>
        engine.addFilter(withCondition({
          fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID,
          matchType: MT.FWP_MATCH_EQUAL,
          conditionValue: { type: DT.FWP_SECURITY_DESCRIPTOR_TYPE, sd: new Uint8Array(24) }, // absolute/garbage, not self-relative
        })),
      "ERROR_INVALID_SECURITY_DESCR",
    );
    assertWfpError(
      () => engine.addFilter({ ...permitFilter(9), action: { type: 0x1234 } }),
      "FWP_E_INVALID_ACTION_TYPE",
    );
    assertWfpError(() => engine.addFilter({ ...permitFilter(9), flags: 0x10 }), "FWP_E_INVALID_FLAGS");
    assert.deepEqual(engine.enumFilters({ providerKey: provider.providerKey }), []);
  },
);

simTest(
  "provider contexts: empty arrays, bad transforms, EM outside AuthIP and duplicate key modules are refused",
  ({ engine }) => {
    engine.addProvider(provider);
    const mm = providerContexts[0];
    const err = assertWfpError(
      () =>
        engine.addProviderContext(
          { ...mm, ikeMmPolicy: { ...mm.ikeMmPolicy!, authenticationMethods: [] } } as ProviderContext,
        ),
      "FWP_E_ZERO_LENGTH_ARRAY",
    ) as unknown as WfpError;
    assert.equal(err.operation, "FwpmProviderContextAdd3");
    assert.equal(err.object?.kind, "providerContext");
    // GCM cipher with a non-GCM integrity transform.
    const mixed = {
      ...qmProposals[3],
      saTransforms: [{
        ipsecTransformType: ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
        espAuthAndCipherTransform: {
          authTransform: {
            authTransformId: { authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256, authConfig: 2 },
          },
          cipherTransform: { cipherTransformId: { cipherType: 5, cipherConfig: 8 } },
        },
      }],
    };
    assertWfpError(
      () => engine.addProviderContext(qmContext(1, { ...transportPolicy, ipsecProposals: [mixed] })),
      "FWP_E_INVALID_TRANSFORM_COMBINATION",
    );
    assertWfpError(
      () =>
        engine.addProviderContext(qmContext(2, {
          ...transportPolicy,
          ipsecProposals: [{
            ...qmProposals[0],
            saTransforms: [{
              ipsecTransformType: ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_AH,
              ahTransform: { authTransformId: { authType: 77, authConfig: 77 } },
            }],
          }],
        })),
      "FWP_E_INVALID_AUTH_TRANSFORM",
    );
    assertWfpError(
      () => engine.addProviderContext(qmContext(3, transportPolicyWithEm)),
      "FWP_E_EM_NOT_SUPPORTED",
    );
    assertWfpError(
      () =>
        engine.addProviderContext({
          ...providerContexts[10],
          keyingPolicy: { keyModKeys: [key(1), key(1)], flags: 0 },
        } as ProviderContext),
      "FWP_E_DUPLICATE_KEYMOD",
    );
    assert.deepEqual(engine.enumProviderContexts({ providerKey: provider.providerKey }), []);
  },
);

simTest("a main-mode policy filter pointing at a quick-mode context is refused", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  engine.addProviderContext(providerContexts[5]); // QM transport
  const mmFilter: Filter = {
    ...permitFilter(1),
    layerKey: LAYERS.FWPM_LAYER_IKEEXT_V4,
    filterCondition: [],
    flags: 0x4,
    rawContext: undefined,
    providerContextKey: providerContexts[5].providerContextKey,
  };
  assertWfpError(() => engine.addFilter(mmFilter), "FWP_E_PROVIDER_CONTEXT_MISMATCH");
  engine.addProviderContext(providerContexts[0]); // IKE MM: the right kind
  engine.addFilter({ ...mmFilter, providerContextKey: providerContexts[0].providerContextKey });
});

simTest(
  "lifetimes: a dynamic session cannot add persistent objects; persistent cannot reference non-persistent",
  ({ engine, open }) => {
    const dyn = open({ dynamic: true });
    assertWfpError(
      () => dyn.addProvider({ ...provider, flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT }),
      "FWP_E_DYNAMIC_SESSION_IN_PROGRESS",
    );
    engine.addProvider(provider); // static
    assertWfpError(
      () =>
        engine.addSublayer({ ...sublayer, flags: FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT }),
      "FWP_E_LIFETIME_MISMATCH",
    );
  },
);
