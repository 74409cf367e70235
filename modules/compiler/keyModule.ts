/**
 * Key modules (IKEv1, AuthIP, IKEv2) and their provider-context types, keying-module GUIDs and main-mode policy flags.
 */
import { ENUMS, FLAGS, KEYING_MODULES } from "../../ffi/constants.ts";
import type { KeyModule } from "../model/mod.ts";

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

/** Key module -> [MM context type, QM transport type, QM tunnel type, keying module GUID]. */
export const KEY_MODULE_TYPES: Record<
  KeyModule,
  { mm: number; qmTransport: number; qmTunnel: number; guid: string }
> = {
  ikev1: {
    mm: PCT.FWPM_IPSEC_IKE_MM_CONTEXT,
    qmTransport: PCT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT,
    qmTunnel: PCT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
    guid: KEYING_MODULES.FWPM_KEYING_MODULE_IKE,
  },
  authip: {
    mm: PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    qmTransport: PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT,
    qmTunnel: PCT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
    guid: KEYING_MODULES.FWPM_KEYING_MODULE_AUTHIP,
  },
  ikev2: {
    mm: PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT,
    qmTransport: PCT.FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT,
    qmTunnel: PCT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
    guid: KEYING_MODULES.FWPM_KEYING_MODULE_IKEV2,
  },
};
