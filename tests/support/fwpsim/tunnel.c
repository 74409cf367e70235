/*
 * tunnel.c -- FwpmIPsecTunnelAdd3 / FwpmIPsecTunnelDeleteByKey0.
 * The tunnel is identified by its QM (tunnel policy) provider context key. Adding one instantiates, in one
 * step: the MM context (optional) and the QM context, an IKEEXT policy filter for the endpoints (when an MM
 * policy is given), an IPSEC policy filter, and callout filters in FWPM_SUBLAYER_IPSEC_TUNNEL:
 * OUTBOUND_TRANSPORT (IPSEC_OUTBOUND_TUNNEL), INBOUND_TRANSPORT (IPSEC_INBOUND_TUNNEL), ALE_AUTH_RECV_ACCEPT
 * (IPSEC_INBOUND_TUNNEL_ALE_ACCEPT) and, for site-to-site tunnels, IPFORWARD (IPSEC_FORWARD_INBOUND/OUTBOUND_TUNNEL).
 * Which filters BFE really creates is undocumented (docs/windows-verification.md): this set follows the built-in callouts.
 */
#include "sim.h"

typedef struct TunnelFilter {
  SIM_GUID layer4, layer6, callout4, callout6;
  bool siteToSiteOnly;
} TunnelFilter;

static const TunnelFilter calloutFilters[] = {
    {FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V6_INIT,
     FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V4_INIT, FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V6_INIT, false},
    {FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT, FWPM_LAYER_INBOUND_TRANSPORT_V6_INIT,
     FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V4_INIT, FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V6_INIT, false},
    {FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT, FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_INIT,
     FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V4_INIT, FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V6_INIT, false},
    {FWPM_LAYER_IPFORWARD_V4_INIT, FWPM_LAYER_IPFORWARD_V6_INIT, FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V4_INIT,
     FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V6_INIT, true},
    {FWPM_LAYER_IPFORWARD_V4_INIT, FWPM_LAYER_IPFORWARD_V6_INIT, FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V4_INIT,
     FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V6_INIT, true},
};

static bool is_type(uint32_t t, uint32_t a, uint32_t b, uint32_t c) { return t == a || t == b || t == c; }

static uint32_t tunnel_add(Session *s, uint32_t flags, const SIM_FWPM_PROVIDER_CONTEXT3 *mm,
                           const SIM_FWPM_PROVIDER_CONTEXT3 *qm, uint32_t nConds,
                           const SIM_FWPM_FILTER_CONDITION0 *conds, const SIM_GUID *keyModKey) {
  static const SIM_GUID localAddr = FWPM_CONDITION_IP_LOCAL_ADDRESS_INIT, remoteAddr = FWPM_CONDITION_IP_REMOTE_ADDRESS_INIT;
  static const SIM_GUID keyMods[3] = {FWPM_KEYING_MODULE_IKE_INIT, FWPM_KEYING_MODULE_AUTHIP_INIT,
                                      FWPM_KEYING_MODULE_IKEV2_INIT};
  static const SIM_GUID ike4 = FWPM_LAYER_IKEEXT_V4_INIT, ike6 = FWPM_LAYER_IKEEXT_V6_INIT,
                        ipsec4 = FWPM_LAYER_IPSEC_V4_INIT, ipsec6 = FWPM_LAYER_IPSEC_V6_INIT;
  uint32_t rc;
  if (flags & ~0x7u) return FWP_E_INVALID_FLAGS;
  if (!is_type(qm->type, FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT, FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
               FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT))
    return FWP_E_PROVIDER_CONTEXT_MISMATCH;
  if (mm && !is_type(mm->type, FWPM_IPSEC_IKE_MM_CONTEXT, FWPM_IPSEC_AUTHIP_MM_CONTEXT, FWPM_IPSEC_IKEV2_MM_CONTEXT))
    return FWP_E_PROVIDER_CONTEXT_MISMATCH;
  if (bad_ptr(qm->ikeQmTunnelPolicy)) return FWP_E_NULL_POINTER;
  if (nConds && bad_ptr(conds)) return FWP_E_NULL_POINTER;
  bool p2p = flags & FWPM_TUNNEL_FLAG_POINT_TO_POINT;
  for (uint32_t i = 0; i < nConds && !p2p; i++)
    if (!guid_eq(&conds[i].fieldKey, &localAddr) && !guid_eq(&conds[i].fieldKey, &remoteAddr))
      return FWP_E_INVALID_PARAMETER; /* site-to-site tunnels take address conditions only */
  if (keyModKey) {
    if (bad_ptr(keyModKey)) return FWP_E_NULL_POINTER;
    if (!guid_eq(keyModKey, &keyMods[0]) && !guid_eq(keyModKey, &keyMods[1]) && !guid_eq(keyModKey, &keyMods[2]))
      return FWP_E_INVALID_PARAMETER;
  }

  SIM_FWPM_PROVIDER_CONTEXT3 q = *qm;
  if (guid_is_zero(&q.providerContextKey)) guid_new(&q.providerContextKey);
  SIM_GUID tk = q.providerContextKey;
  Obj *mmObj = NULL;
  if (mm && (rc = context_add_internal(s, mm, NULL, &tk, &mmObj))) return rc;
  if ((rc = context_add_internal(s, &q, NULL, &tk, NULL))) return rc;

  const SIM_IPSEC_TUNNEL_ENDPOINTS2 *ep = &qm->ikeQmTunnelPolicy->tunnelEndpoints;
  bool v6 = ep->ipVersion == FWP_IP_VERSION_V6;
  bool persistent = qm->flags & FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT;
  SIM_FWPM_FILTER0 f;
  memset(&f, 0, sizeof f);
  f.displayData.name = qm->displayData.name;
  f.flags = (persistent ? FWPM_FILTER_FLAG_PERSISTENT : 0) | FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
  f.providerKey = qm->providerKey;
  f.subLayerKey = SIM_SUBLAYER_IPSEC_TUNNEL;

  if (mmObj) { /* main mode between the outer endpoints */
    SIM_FWPM_FILTER_CONDITION0 ec[2];
    SIM_FWP_BYTE_ARRAY16 l6, r6;
    memset(ec, 0, sizeof ec);
    ec[0].fieldKey = localAddr;
    ec[1].fieldKey = remoteAddr;
    if (v6) {
      memcpy(l6.byteArray16, ep->localV6Address, 16);
      memcpy(r6.byteArray16, ep->remoteV6Address, 16);
      ec[0].conditionValue.type = ec[1].conditionValue.type = FWP_BYTE_ARRAY16_TYPE;
      ec[0].conditionValue.byteArray16 = &l6;
      ec[1].conditionValue.byteArray16 = &r6;
    } else {
      ec[0].conditionValue.type = ec[1].conditionValue.type = FWP_UINT32;
      ec[0].conditionValue.uint32 = ep->localV4Address;
      ec[1].conditionValue.uint32 = ep->remoteV4Address;
    }
    f.layerKey = v6 ? ike6 : ike4;
    f.numFilterConditions = 2;
    f.filterCondition = ec;
    f.action.type = FWP_ACTION_PERMIT;
    f.providerContextKey = mmObj->key;
    if ((rc = filter_add_internal(s, &f, NULL, &tk, false, NULL))) return rc;
  }
  f.providerContextKey = tk;
  f.numFilterConditions = nConds;
  f.filterCondition = (SIM_FWPM_FILTER_CONDITION0 *)conds;
  f.layerKey = v6 ? ipsec6 : ipsec4;
  f.action.type = FWP_ACTION_PERMIT;
  if ((rc = filter_add_internal(s, &f, NULL, &tk, false, NULL))) return rc;
  for (size_t i = 0; i < sizeof calloutFilters / sizeof calloutFilters[0]; i++) {
    if (calloutFilters[i].siteToSiteOnly && p2p) continue;
    f.layerKey = v6 ? calloutFilters[i].layer6 : calloutFilters[i].layer4;
    f.action.type = FWP_ACTION_CALLOUT_TERMINATING;
    f.action.calloutKey = v6 ? calloutFilters[i].callout6 : calloutFilters[i].callout4;
    if ((rc = filter_add_internal(s, &f, NULL, &tk, false, NULL))) return rc;
  }
  ike_exemptions_sync(s);
  return 0;
}

SIMAPI uint32_t FwpmIPsecTunnelAdd3(void *engineHandle, uint32_t flags, const SIM_FWPM_PROVIDER_CONTEXT3 *mainModePolicy,
                                    const SIM_FWPM_PROVIDER_CONTEXT3 *tunnelPolicy, uint32_t numFilterConditions,
                                    const SIM_FWPM_FILTER_CONDITION0 *filterConditions, const SIM_GUID *keyModKey,
                                    void *sd) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!tunnelPolicy) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmIPsecTunnelAdd3", &m);
  if (rc) return rc;
  uint8_t *eff;
  uint32_t n;
  if ((rc = sec_effective(sd, &eff, &n))) return mut_end(&m, rc);
  sec_set_pending(eff, n); /* the tunnel's contexts and the filters BFE creates for it */
  rc = tunnel_add(s, flags, mainModePolicy, tunnelPolicy, numFilterConditions, filterConditions, keyModKey);
  sec_set_pending(NULL, 0);
  free(eff);
  return mut_end(&m, rc);
}

static uint32_t tunnel_delete(Session *s, const SIM_GUID *key) {
  Obj *qm = store_find(K_CONTEXT, key);
  if (!qm || !qm->inTunnel) return FWP_E_PROVIDER_CONTEXT_NOT_FOUND;
  bool mm = false;
  for (int k = K_FILTER; k >= K_CONTEXT; k--) { /* filters first, then the contexts they reference */
    Obj *o = E.st[k].head;
    while (o) {
      Obj *next = o->next;
      if (o->inTunnel && guid_eq(&o->tunnelKey, key)) {
        mm |= o->mmPolicy;
        if (k == K_CONTEXT && references_to(K_CONTEXT, &o->key)) return FWP_E_IN_USE; /* a foreign filter uses it */
        obj_del(s, o);
      }
      o = next;
    }
  }
  if (mm) ike_exemptions_sync(s);
  return 0;
}

SIMAPI uint32_t FwpmIPsecTunnelDeleteByKey0(void *engineHandle, const SIM_GUID *key) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmIPsecTunnelDeleteByKey0", &m);
  return rc ? rc : mut_end(&m, tunnel_delete(s, key));
}
