/*
 * fidelity.c -- documented preconditions of IKEEXT_POLICY2 that depend on the keying module (issue 12, rules
 * 1-3). Small separate functions so contexts.c only calls them.
 *  - learn.microsoft.com/windows/win32/api/iketypes/ne-iketypes-ikeext_authentication_method_type:
 *    PSK "IKE only", CERTIFICATE* "IKE and IKEv2 only", ANONYMOUS, SSL* and NTLM_V2 "AuthIP only", CGA "IKE only",
 *    EAP IKEv2. Kerberos has no restriction on that page; IKEv2 does not carry it (MS-IKEE), so it is refused
 *    for IKEv2. PSK with IKEv2: the enum says "IKE only" but IKEEXT_PRESHARED_KEY_AUTHENTICATION1's flags are
 *    "applicable only to IKEv2"; we accept it (docs/windows-verification.md, item A1).
 *  - ns-iketypes-ikeext_policy2: softExpirationTime "must be set to 0"; retransmitDurationSecs "at least 120"
 *    (IKEv2).
 *  - ne-iketypes-ikeext_dh_group: IKEEXT_DH_GROUP_NONE "available only for AuthIP"; the optional-DH flag is an
 *    AuthIP feature (MS-FASP FW_PHASE1_CRYPTO_FLAGS_DO_NOT_SKIP_DH): refused elsewhere (safe reading, A2).
 */
#include "sim.h"

enum { KM_IKE, KM_AUTHIP, KM_IKEV2 };

static int km_of(uint32_t mmType) {
  if (mmType == FWPM_IPSEC_AUTHIP_MM_CONTEXT) return KM_AUTHIP;
  if (mmType == FWPM_IPSEC_IKEV2_MM_CONTEXT) return KM_IKEV2;
  return KM_IKE;
}

/* One method in a main-mode policy (em = false) or an AuthIP extended-mode policy (em = true). */
uint32_t fid_check_auth_method(uint32_t mmType, uint32_t method, bool em) {
  int km = em ? KM_AUTHIP : km_of(mmType);
  switch (method) {
  case IKEEXT_PRESHARED_KEY: return km == KM_AUTHIP ? FWP_E_INCOMPATIBLE_AUTH_METHOD : 0;
  case IKEEXT_CERTIFICATE: case IKEEXT_CERTIFICATE_ECDSA_P256: case IKEEXT_CERTIFICATE_ECDSA_P384:
    return km == KM_AUTHIP ? FWP_E_INCOMPATIBLE_AUTH_METHOD : 0;
  case IKEEXT_SSL: case IKEEXT_SSL_ECDSA_P256: case IKEEXT_SSL_ECDSA_P384:
  case IKEEXT_ANONYMOUS: case IKEEXT_NTLM_V2:
    return km == KM_AUTHIP ? 0 : FWP_E_INCOMPATIBLE_AUTH_METHOD;
  case IKEEXT_IPV6_CGA: return km == KM_IKE ? 0 : FWP_E_INCOMPATIBLE_AUTH_METHOD;
  case IKEEXT_KERBEROS: return km == KM_IKEV2 ? FWP_E_INCOMPATIBLE_AUTH_METHOD : 0;
  case IKEEXT_EAP: return km == KM_IKEV2 ? 0 : FWP_E_INCOMPATIBLE_AUTH_METHOD;
  default: return 0; /* unknown values are check_methods' business */
  }
}

uint32_t fid_check_auth_methods(uint32_t mmType, const SIM_IKEEXT_AUTHENTICATION_METHOD2 *m, uint32_t n, bool em) {
  for (uint32_t i = 0; i < n; i++) {
    uint32_t rc = fid_check_auth_method(mmType, m[i].authenticationMethodType, em);
    if (rc) return rc;
  }
  return 0;
}

/* The IKEEXT_POLICY2 members the docs constrain; methods and proposals were already checked for shape. */
uint32_t fid_check_ike_policy(uint32_t mmType, const SIM_IKEEXT_POLICY2 *p) {
  int km = km_of(mmType);
  if (p->softExpirationTime != 0) return FWP_E_INVALID_PARAMETER;
  if (km == KM_IKEV2 && p->retransmitDurationSecs < 120) return FWP_E_INVALID_PARAMETER;
  if (km != KM_AUTHIP && (p->flags & IKEEXT_POLICY_FLAG_ENABLE_OPTIONAL_DH)) return FWP_E_INVALID_FLAGS;
  for (uint32_t i = 0; i < p->numIkeProposals; i++)
    if (km != KM_AUTHIP && p->ikeProposals[i].dhGroup == IKEEXT_DH_GROUP_NONE) return FWP_E_INCOMPATIBLE_DH_GROUP;
  return fid_check_auth_methods(mmType, p->authenticationMethods, p->numAuthenticationMethods, false);
}

/* FWPM_DISPLAY_DATA0: unprintable characters (C0/C1 controls, DEL) are FWP_E_INVALID_PARAMETER. */
bool fid_wstr_printable(const uint16_t *s) {
  if (!s) return true;
  for (size_t i = 0; s[i]; i++)
    if (s[i] < 0x20 || (s[i] >= 0x7F && s[i] <= 0x9F)) return false;
  return true;
}

/*
 * IPSEC_PROPOSAL0.numSaTransforms (api/ipsectypes/ns-ipsectypes-ipsec_proposal0): "The only possible values
 * are 1 and 2. Use 2 only when specifying AH plus ESP transforms." Anything else is
 * FWP_E_INVALID_TRANSFORM_COMBINATION (the code is our choice: "The combination of IPsec transform types is
 * not valid"). The page gives no order for AH+ESP: both orders are accepted (windows-verification.md Q2).
 */
uint32_t fid_check_sa_transforms(const SIM_IPSEC_SA_TRANSFORM0 *t, uint32_t n) {
  if (n > 2) return FWP_E_INVALID_TRANSFORM_COMBINATION;
  if (n == 2) {
    bool ah0 = t[0].ipsecTransformType == IPSEC_TRANSFORM_AH, ah1 = t[1].ipsecTransformType == IPSEC_TRANSFORM_AH;
    if (ah0 == ah1) return FWP_E_INVALID_TRANSFORM_COMBINATION; /* two AH, or two ESP */
  }
  return 0;
}
