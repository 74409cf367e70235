/**
 * Issue 12 rules 1-3 through the real FFI path: fwpsim returns the documented error for what Windows
 * documents it refuses (tests/support/fwpsim/fidelity.c), and accepts the documented form.
 */
import assert from "node:assert/strict";
import { ENUMS } from "../../ffi/constants.ts";
import { WfpError } from "../../ffi/errors.ts";
import type { IkeextAuthenticationMethod2, ProviderContext } from "../../modules/graph/graph.ts";
import {
  certMethod,
  kerberosMethod,
  key,
  provider,
  PROVIDER_KEY,
  providerContexts,
  pskMethod,
} from "./fixtures.ts";
import { simTest } from "./helpers.ts";

const T = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE, AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;
const base = providerContexts.find((c) => c.type === T.FWPM_IPSEC_IKEV2_MM_CONTEXT)!;

function mm(n: number, type: number, methods: IkeextAuthenticationMethod2[], extra = {}): ProviderContext {
  const policy = { ...base.ikeV2MmPolicy!, authenticationMethods: methods, ...extra };
  const arm = type === T.FWPM_IPSEC_AUTHIP_MM_CONTEXT
    ? "authIpMmPolicy"
    : type === T.FWPM_IPSEC_IKEV2_MM_CONTEXT
    ? "ikeV2MmPolicy"
    : "ikeMmPolicy";
  return {
    providerContextKey: key(0x500 + n),
    displayData: { name: `fidelity ${n}` },
    flags: 0,
    providerKey: PROVIDER_KEY,
    type,
    [arm]: policy,
  } as ProviderContext;
}

function refuses(f: () => unknown, name: string) {
  assert.throws(f, (e) => e instanceof WfpError && e.errorName === name, name);
}

simTest("rule 1: FwpmProviderContextAdd3 refuses a method the keying module does not carry", ({ engine }) => {
  engine.addProvider(provider);
  const INCOMPATIBLE = "FWP_E_INCOMPATIBLE_AUTH_METHOD";
  refuses(() => engine.addProviderContext(mm(1, T.FWPM_IPSEC_AUTHIP_MM_CONTEXT, [pskMethod])), INCOMPATIBLE);
  refuses(() => engine.addProviderContext(mm(2, T.FWPM_IPSEC_AUTHIP_MM_CONTEXT, [certMethod])), INCOMPATIBLE);
  refuses(
    () => engine.addProviderContext(mm(3, T.FWPM_IPSEC_IKEV2_MM_CONTEXT, [kerberosMethod])),
    INCOMPATIBLE,
  );
  const ssl: IkeextAuthenticationMethod2 = {
    authenticationMethodType: AM.IKEEXT_SSL,
    sslAuthentication: certMethod.certificateAuthentication!,
  };
  refuses(() => engine.addProviderContext(mm(4, T.FWPM_IPSEC_IKE_MM_CONTEXT, [ssl])), INCOMPATIBLE);
  assert.ok(engine.addProviderContext(mm(5, T.FWPM_IPSEC_AUTHIP_MM_CONTEXT, [kerberosMethod, ssl])) > 0n);
  assert.ok(
    engine.addProviderContext(mm(6, T.FWPM_IPSEC_IKEV2_MM_CONTEXT, [pskMethod])) > 0n,
    "A1: accepted",
  );
});

simTest("rule 2: IKEEXT_POLICY2 musts (softExpirationTime 0, IKEv2 retransmit >= 120)", ({ engine }) => {
  engine.addProvider(provider);
  const v2 = T.FWPM_IPSEC_IKEV2_MM_CONTEXT;
  refuses(
    () => engine.addProviderContext(mm(1, v2, [certMethod], { softExpirationTime: 60 })),
    "FWP_E_INVALID_PARAMETER",
  );
  refuses(
    () => engine.addProviderContext(mm(2, v2, [certMethod], { retransmitDurationSecs: 0 })),
    "FWP_E_INVALID_PARAMETER",
  );
  assert.ok(engine.addProviderContext(mm(3, v2, [certMethod], { retransmitDurationSecs: 120 })) > 0n);
});

simTest("rule 3: a control character in display data is FWP_E_INVALID_PARAMETER", ({ engine }) => {
  refuses(
    () => engine.addProvider({ ...provider, displayData: { name: "wfpsec", description: "two\nlines" } }),
    "FWP_E_INVALID_PARAMETER",
  );
  engine.addProvider(provider);
});

simTest("rule 13: IPSEC_PROPOSAL0 takes one transform, or two only for AH plus ESP", ({ engine }) => {
  engine.addProvider(provider);
  const qm = providerContexts.find((c) => c.type === T.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT)!;
  const TT = ENUMS.IPSEC_TRANSFORM_TYPE;
  const auth = qm.ikeQmTransportPolicy!.ipsecProposals[0].saTransforms[0].ahTransform!.authTransformId;
  const ah = { ipsecTransformType: TT.IPSEC_TRANSFORM_AH, ahTransform: { authTransformId: auth } };
  const esp = {
    ipsecTransformType: TT.IPSEC_TRANSFORM_ESP_AUTH,
    espAuthTransform: { authTransformId: auth },
  };
  let n = 0;
  const withTransforms = (saTransforms: unknown[]): ProviderContext => {
    const p = qm.ikeQmTransportPolicy!;
    return {
      ...qm,
      providerContextKey: key(0x600 + ++n),
      ikeQmTransportPolicy: { ...p, ipsecProposals: [{ ...p.ipsecProposals[0], saTransforms }] },
    } as ProviderContext;
  };
  const BAD = "FWP_E_INVALID_TRANSFORM_COMBINATION";
  refuses(() => engine.addProviderContext(withTransforms([esp, esp])), BAD);
  refuses(() => engine.addProviderContext(withTransforms([ah, ah])), BAD);
  refuses(() => engine.addProviderContext(withTransforms([ah, esp, esp])), BAD);
  // AH then ESP is what wfpsec sends (compile.ts saTransforms); the page gives no order (Q2).
  assert.ok(engine.addProviderContext(withTransforms([ah, esp])) > 0n);
  assert.ok(engine.addProviderContext(withTransforms([esp, ah])) > 0n);
});
