/*
 * contexts.c -- FwpmProviderContextAdd3 / Delete / Get: the policy union selected by `type`
 * (IKEEXT_POLICY2, IPSEC_TRANSPORT_POLICY2, IPSEC_TUNNEL_POLICY3, IPSEC_KEYING_POLICY1, FWP_BYTE_BLOB,
 * IPSEC_DOSP_OPTIONS0) is validated and deep-copied whole.
 */
#include "sim.h"

static uint32_t check_methods(const SIM_IKEEXT_AUTHENTICATION_METHOD2 *m, uint32_t n) {
  if (!n) return FWP_E_ZERO_LENGTH_ARRAY;
  if (bad_ptr(m)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < n; i++) {
    switch (m[i].authenticationMethodType) {
    case IKEEXT_PRESHARED_KEY:
      if (!m[i].presharedKeyAuthentication.presharedKey.size) return FWP_E_ZERO_LENGTH_ARRAY;
      if (bad_ptr(m[i].presharedKeyAuthentication.presharedKey.data)) return FWP_E_NULL_POINTER;
      break;
    case IKEEXT_CERTIFICATE: case IKEEXT_CERTIFICATE_ECDSA_P256: case IKEEXT_CERTIFICATE_ECDSA_P384:
    case IKEEXT_SSL: case IKEEXT_SSL_ECDSA_P256: case IKEEXT_SSL_ECDSA_P384: {
      const SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 *c = &m[i].certificateAuthentication;
      if (c->inboundConfigType > IKEEXT_CERT_CONFIG_UNSPECIFIED || c->outboundConfigType > IKEEXT_CERT_CONFIG_UNSPECIFIED)
        return FWP_E_INVALID_PARAMETER;
      if ((c->inboundRootArraySize && bad_ptr(c->inboundRootCriteria)) ||
          (c->outboundRootArraySize && bad_ptr(c->outboundRootCriteria)))
        return FWP_E_NULL_POINTER;
      break;
    }
    case IKEEXT_KERBEROS: case IKEEXT_ANONYMOUS: case IKEEXT_NTLM_V2: case IKEEXT_IPV6_CGA: case IKEEXT_EAP:
    case IKEEXT_RESERVED:
      break;
    default: return FWP_E_INVALID_PARAMETER;
    }
  }
  return 0;
}

static uint32_t check_ike_policy(uint32_t mmType, const SIM_IKEEXT_POLICY2 *p) {
  if (bad_ptr(p)) return FWP_E_NULL_POINTER;
  uint32_t rc = check_methods(p->authenticationMethods, p->numAuthenticationMethods);
  if (rc) return rc;
  if (!p->numIkeProposals) return FWP_E_ZERO_LENGTH_ARRAY;
  if (bad_ptr(p->ikeProposals)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < p->numIkeProposals; i++) {
    const SIM_IKEEXT_PROPOSAL0 *q = &p->ikeProposals[i];
    if (q->cipherAlgorithm.algoIdentifier > IKEEXT_CIPHER_AES_GCM_256_16ICV ||
        q->integrityAlgorithm.algoIdentifier > IKEEXT_INTEGRITY_SHA_384 || q->dhGroup > IKEEXT_DH_GROUP_24)
      return FWP_E_INVALID_PARAMETER;
  }
  return fid_check_ike_policy(mmType, p); /* fidelity.c */
}

static bool auth_ok(const SIM_IPSEC_AUTH_TRANSFORM0 *a) {
  /* IPSEC_AUTH_TRANSFORM_ID_* pairs: MD5/0, SHA_1/1, SHA_256/2, AES_128/3, AES_192/4, AES_256/5 */
  return a->authTransformId.authType <= IPSEC_AUTH_AES_256 && a->authTransformId.authConfig == a->authTransformId.authType;
}

static bool cipher_ok(const SIM_IPSEC_CIPHER_TRANSFORM0 *c) {
  uint32_t t = c->cipherTransformId.cipherType, cfg = c->cipherTransformId.cipherConfig;
  if (t < IPSEC_CIPHER_TYPE_DES || t > IPSEC_CIPHER_TYPE_AES_256) return false;
  return cfg == t || (t >= IPSEC_CIPHER_TYPE_AES_128 && cfg == t + 3); /* CBC_x or GCM_x */
}

static uint32_t check_transform(const SIM_IPSEC_SA_TRANSFORM0 *t) {
  switch (t->ipsecTransformType) {
  case IPSEC_TRANSFORM_AH: case IPSEC_TRANSFORM_ESP_AUTH: case IPSEC_TRANSFORM_ESP_AUTH_FW:
    if (bad_ptr(t->ahTransform)) return FWP_E_NULL_POINTER;
    return auth_ok(t->ahTransform) ? 0 : FWP_E_INVALID_AUTH_TRANSFORM;
  case IPSEC_TRANSFORM_ESP_CIPHER:
    if (bad_ptr(t->espCipherTransform)) return FWP_E_NULL_POINTER;
    return cipher_ok(t->espCipherTransform) ? 0 : FWP_E_INVALID_CIPHER_TRANSFORM;
  case IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: {
    const SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 *ac = t->espAuthAndCipherTransform;
    if (bad_ptr(ac)) return FWP_E_NULL_POINTER;
    if (!auth_ok(&ac->authTransform)) return FWP_E_INVALID_AUTH_TRANSFORM;
    if (!cipher_ok(&ac->cipherTransform)) return FWP_E_INVALID_CIPHER_TRANSFORM;
    /* AES-GCM is one algorithm: GCM cipher and GCM (GMAC) auth of the same key size go together */
    bool gcmCipher = ac->cipherTransform.cipherTransformId.cipherConfig >= IPSEC_CIPHER_CONFIG_GCM_AES_128;
    bool gcmAuth = ac->authTransform.authTransformId.authConfig >= IPSEC_AUTH_CONFIG_GCM_AES_128;
    if (gcmCipher != gcmAuth) return FWP_E_INVALID_TRANSFORM_COMBINATION;
    if (gcmCipher && ac->cipherTransform.cipherTransformId.cipherConfig - IPSEC_CIPHER_CONFIG_GCM_AES_128 !=
                         ac->authTransform.authTransformId.authConfig - IPSEC_AUTH_CONFIG_GCM_AES_128)
      return FWP_E_INVALID_TRANSFORM_COMBINATION;
    return 0;
  }
  default: return FWP_E_INVALID_PARAMETER;
  }
}

static uint32_t check_proposals(const SIM_IPSEC_PROPOSAL0 *p, uint32_t n) {
  if (!n) return FWP_E_ZERO_LENGTH_ARRAY;
  if (bad_ptr(p)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < n; i++) {
    if (!p[i].numSaTransforms) return FWP_E_ZERO_LENGTH_ARRAY;
    if (bad_ptr(p[i].saTransforms)) return FWP_E_NULL_POINTER;
    if (p[i].pfsGroup > IPSEC_PFS_24) return FWP_E_INVALID_PARAMETER;
    uint32_t rc0 = fid_check_sa_transforms(p[i].saTransforms, p[i].numSaTransforms);
    if (rc0) return rc0;
    for (uint32_t j = 0; j < p[i].numSaTransforms; j++) {
      uint32_t rc = check_transform(&p[i].saTransforms[j]);
      if (rc) return rc;
    }
  }
  return 0;
}

static uint32_t check_em(const SIM_IKEEXT_EM_POLICY2 *em, bool allowed) {
  if (!em) return 0;
  if (!allowed) return FWP_E_EM_NOT_SUPPORTED; /* extended mode is AuthIP only */
  if (bad_ptr(em)) return FWP_E_NULL_POINTER;
  uint32_t rc = check_methods(em->authenticationMethods, em->numAuthenticationMethods);
  return rc ? rc : fid_check_auth_methods(FWPM_IPSEC_AUTHIP_MM_CONTEXT, em->authenticationMethods,
                                          em->numAuthenticationMethods, true);
}

static uint32_t check_transport(const SIM_IPSEC_TRANSPORT_POLICY2 *p, bool emAllowed) {
  if (bad_ptr(p)) return FWP_E_NULL_POINTER;
  uint32_t rc = check_proposals(p->ipsecProposals, p->numIpsecProposals);
  return rc ? rc : check_em(p->emPolicy, emAllowed);
}

static uint32_t check_tunnel(const SIM_IPSEC_TUNNEL_POLICY3 *p, bool emAllowed) {
  if (bad_ptr(p)) return FWP_E_NULL_POINTER;
  uint32_t rc = check_proposals(p->ipsecProposals, p->numIpsecProposals);
  if (rc) return rc;
  if (p->tunnelEndpoints.ipVersion > FWP_IP_VERSION_V6) return FWP_E_INVALID_TUNNEL_ENDPOINT;
  if (p->tunnelEndpoints.numAddresses && bad_ptr(p->tunnelEndpoints.remoteAddresses)) return FWP_E_NULL_POINTER;
  if (p->numTrafficSelectorPolicy && bad_ptr(p->trafficSelectorPolicies)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < p->numTrafficSelectorPolicy; i++) {
    const SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0 *t = &p->trafficSelectorPolicies[i];
    if ((t->numLocalTrafficSelectors && bad_ptr(t->localTrafficSelectors)) ||
        (t->numRemoteTrafficSelectors && bad_ptr(t->remoteTrafficSelectors)))
      return FWP_E_NULL_POINTER;
  }
  return check_em(p->emPolicy, emAllowed);
}

static uint32_t check_keying(const SIM_IPSEC_KEYING_POLICY1 *k) {
  if (bad_ptr(k)) return FWP_E_NULL_POINTER;
  if (!k->numKeyMods) return FWP_E_ZERO_LENGTH_ARRAY;
  if (bad_ptr(k->keyModKeys)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < k->numKeyMods; i++)
    for (uint32_t j = i + 1; j < k->numKeyMods; j++)
      if (guid_eq(&k->keyModKeys[i], &k->keyModKeys[j])) return FWP_E_DUPLICATE_KEYMOD;
  return 0;
}

static uint32_t check_policy(const SIM_FWPM_PROVIDER_CONTEXT3 *pc) {
  switch (pc->type) {
  case FWPM_IPSEC_KEYING_CONTEXT: return check_keying(pc->keyingPolicy);
  case FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT: case FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT:
    return check_transport(pc->ikeQmTransportPolicy, false);
  case FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT: return check_transport(pc->authipQmTransportPolicy, true);
  case FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT: case FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT:
    return check_tunnel(pc->ikeQmTunnelPolicy, false);
  case FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT: return check_tunnel(pc->authipQmTunnelPolicy, true);
  case FWPM_IPSEC_IKE_MM_CONTEXT: case FWPM_IPSEC_AUTHIP_MM_CONTEXT: case FWPM_IPSEC_IKEV2_MM_CONTEXT:
    return check_ike_policy(pc->type, pc->ikeMmPolicy);
  case FWPM_GENERAL_CONTEXT:
    if (bad_ptr(pc->dataBuffer) || (pc->dataBuffer->size && bad_ptr(pc->dataBuffer->data))) return FWP_E_NULL_POINTER;
    return 0;
  case FWPM_IPSEC_DOSP_CONTEXT: {
    const SIM_IPSEC_DOSP_OPTIONS0 *d = pc->idpOptions;
    if (bad_ptr(d) || (d->numPublicIFLuids && bad_ptr(d->publicIFLuids)) ||
        (d->numInternalIFLuids && bad_ptr(d->internalIFLuids)))
      return FWP_E_NULL_POINTER;
    return 0;
  }
  case FWPM_CLASSIFY_OPTIONS_CONTEXT: return ERROR_NOT_SUPPORTED; /* not simulated */
  default: return FWP_E_INVALID_PARAMETER;
  }
}

uint32_t context_add_internal(Session *s, const SIM_FWPM_PROVIDER_CONTEXT3 *pc, uint64_t *idOut,
                              const SIM_GUID *tunnelKey, Obj **out) {
  uint32_t rc;
  if ((rc = check_display(&pc->displayData))) return rc;
  if (pc->flags & ~(FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT | FWPM_PROVIDER_CONTEXT_FLAG_DOWNLEVEL))
    return FWP_E_INVALID_FLAGS;
  int life = life_for(s, pc->flags & FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT, &rc);
  if (rc) return rc;
  SIM_FWPM_PROVIDER_CONTEXT3 t = *pc;
  if (guid_is_zero(&t.providerContextKey)) guid_new(&t.providerContextKey);
  if (store_find(K_CONTEXT, &t.providerContextKey)) return FWP_E_ALREADY_EXISTS;
  if ((rc = check_provider_ref(s, t.providerKey, life))) return rc;
  if (t.providerData.size && bad_ptr(t.providerData.data)) return FWP_E_NULL_POINTER;
  if ((rc = check_policy(&t))) return rc;
  t.providerContextId = E.nextContextId++;
  Obj *o = obj_create(s, K_CONTEXT, &t, life);
  if (tunnelKey) {
    o->inTunnel = true;
    o->tunnelKey = *tunnelKey;
  }
  if (idOut) *idOut = t.providerContextId;
  if (out) *out = o;
  return 0;
}

SIMAPI uint32_t FwpmProviderContextAdd3(void *engineHandle, const SIM_FWPM_PROVIDER_CONTEXT3 *providerContext,
                                        void *sd, uint64_t *id) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!providerContext) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmProviderContextAdd3", &m);
  if (rc) return rc;
  uint8_t *eff;
  uint32_t n;
  if ((rc = sec_effective(sd, &eff, &n))) return mut_end(&m, rc);
  sec_set_pending(eff, n);
  rc = context_add_internal(s, providerContext, id, NULL, NULL);
  sec_set_pending(NULL, 0);
  free(eff);
  return mut_end(&m, rc);
}

static uint32_t context_delete(Session *s, Obj *o) {
  if (!o) return FWP_E_PROVIDER_CONTEXT_NOT_FOUND;
  if (o->life == LIFE_BUILTIN) return FWP_E_BUILTIN_OBJECT;
  if (references_to(K_CONTEXT, &o->key)) return FWP_E_IN_USE;
  obj_del(s, o);
  return 0;
}

SIMAPI uint32_t FwpmProviderContextDeleteByKey0(void *engineHandle, const SIM_GUID *key) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmProviderContextDeleteByKey0", &m);
  return rc ? rc : mut_end(&m, context_delete(s, store_find(K_CONTEXT, key)));
}

SIMAPI uint32_t FwpmProviderContextDeleteById0(void *engineHandle, uint64_t id) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmProviderContextDeleteById0", &m);
  return rc ? rc : mut_end(&m, context_delete(s, store_find_id(K_CONTEXT, id)));
}

SIMAPI uint32_t FwpmProviderContextGetByKey3(void *engineHandle, const SIM_GUID *key,
                                             SIM_FWPM_PROVIDER_CONTEXT3 **providerContext) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find(K_CONTEXT, key), FWP_E_PROVIDER_CONTEXT_NOT_FOUND, (void **)providerContext);
}

SIMAPI uint32_t FwpmProviderContextGetById3(void *engineHandle, uint64_t id,
                                            SIM_FWPM_PROVIDER_CONTEXT3 **providerContext) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find_id(K_CONTEXT, id), FWP_E_PROVIDER_CONTEXT_NOT_FOUND, (void **)providerContext);
}
