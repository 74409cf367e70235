/**
 * Key modules (IKEv1, AuthIP, IKEv2): their provider-context arms (type + policy member), keying-module GUIDs
 * and main-mode policy flags.
 */
import { ENUMS, FLAGS, KEYING_MODULES } from "../../ffi/constants.ts";
import type { KeyModule } from "../model/mod.ts";
import type {
  FWPM_PROVIDER_CONTEXT3_policy,
  IkeextPolicy2,
  IpsecTransportPolicy2,
  IpsecTunnelPolicy3,
} from "../graph/mod.ts";

const PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

/** The ND variant of a quick-mode context. */
export type { NdVariant } from "../model/mod.ts";

/** IKEEXT_POLICY flag names in the policy file -> bits. */
export const MM_FLAG_BITS: Record<string, number> = {
  disableDiagnostics: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_DISABLE_DIAGNOSTICS,
  noMachineLuidVerify: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_NO_MACHINE_LUID_VERIFY,
  noImpersonationLuidVerify: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_NO_IMPERSONATION_LUID_VERIFY,
  enableOptionalDh: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_ENABLE_OPTIONAL_DH,
  mobikeNotSupported: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_MOBIKE_NOT_SUPPORTED,
  siteToSite: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_SITE_TO_SITE,
  ikev2Fragmentation: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_ENABLE_IKEV2_FRAGMENTATION,
};

/** Key module -> its keying module GUID. */
export const KEY_MODULE_TYPES: Record<KeyModule, { guid: string }> = {
  ikev1: { guid: KEYING_MODULES.FWPM_KEYING_MODULE_IKE },
  authip: { guid: KEYING_MODULES.FWPM_KEYING_MODULE_AUTHIP },
  ikev2: { guid: KEYING_MODULES.FWPM_KEYING_MODULE_IKEV2 },
};

/** The provider-context arm (`type` and the member it selects) of a key module's main-mode policy. */
export function mmArm(km: KeyModule, policy: IkeextPolicy2): FWPM_PROVIDER_CONTEXT3_policy {
  switch (km) {
    case "ikev1":
      return { type: PCT.FWPM_IPSEC_IKE_MM_CONTEXT, ikeMmPolicy: policy };
    case "authip":
      return { type: PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT, authIpMmPolicy: policy };
    case "ikev2":
      return { type: PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT, ikeV2MmPolicy: policy };
  }
}

/** The provider-context arm of a key module's quick-mode transport policy. */
export function qmTransportArm(km: KeyModule, policy: IpsecTransportPolicy2): FWPM_PROVIDER_CONTEXT3_policy {
  switch (km) {
    case "ikev1":
      return { type: PCT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT, ikeQmTransportPolicy: policy };
    case "authip":
      return { type: PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT, authipQmTransportPolicy: policy };
    case "ikev2":
      return { type: PCT.FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT, ikeV2QmTransportPolicy: policy };
  }
}

/** The provider-context arm of a key module's quick-mode tunnel policy. */
export function qmTunnelArm(km: KeyModule, policy: IpsecTunnelPolicy3): FWPM_PROVIDER_CONTEXT3_policy {
  switch (km) {
    case "ikev1":
      return { type: PCT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT, ikeQmTunnelPolicy: policy };
    case "authip":
      return { type: PCT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT, authipQmTunnelPolicy: policy };
    case "ikev2":
      return { type: PCT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT, ikeV2QmTunnelPolicy: policy };
  }
}

/** Main-mode provider-context types (they are ordered before the quick-mode ones). */
export const MM_CONTEXT_TYPES: readonly number[] = [
  PCT.FWPM_IPSEC_IKE_MM_CONTEXT,
  PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
  PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT,
];
