/*
 * filters.c -- FwpmFilterAdd0 / Delete / Get: layer, sublayer, provider and provider-context references,
 * weight and condition validation against the layer's catalogue fields, action and callout checks, ids and
 * effective weights; plus BFE's automatic IKE/AuthIP exemption filters (Microsoft: ike-exemptions; docs/recipes.md).
 */
#include "sim.h"

/* ---- weight ------------------------------------------------------------------------------------------------ */

static uint32_t check_weight(const SIM_FWP_VALUE0 *w, uint64_t autoLow, uint64_t *eff) {
  switch (w->type) {
  case FWP_EMPTY: *eff = autoLow; return 0; /* the generated low 60 bits: weight.c */
  case FWP_UINT8:
    if (w->uint8 > FWPM_WEIGHT_RANGE_MAX) return FWP_E_INVALID_WEIGHT;
    *eff = ((uint64_t)w->uint8 << FWPM_AUTO_WEIGHT_BITS) | autoLow;
    return 0;
  case FWP_UINT64:
    if (bad_ptr(w->uint64)) return FWP_E_INVALID_WEIGHT; /* a UINT64 weight is passed BY POINTER */
    *eff = *w->uint64;
    return 0;
  default: return FWP_E_INVALID_WEIGHT;
  }
}

/* ---- conditions -------------------------------------------------------------------------------------------- */

static bool is_int_type(uint32_t t) { return t == FWP_UINT8 || t == FWP_UINT16 || t == FWP_UINT32 || t == FWP_UINT64; }

static bool int_value(const SIM_FWP_VALUE0 *v, uint64_t *out) {
  switch (v->type) {
  case FWP_UINT8: *out = v->uint8; return true;
  case FWP_UINT16: *out = v->uint16; return true;
  case FWP_UINT32: *out = v->uint32; return true;
  case FWP_UINT64:
    if (bad_ptr(v->uint64)) return false;
    *out = *v->uint64;
    return true;
  default: return false;
  }
}

static uint32_t check_sd(const SIM_FWP_BYTE_BLOB *b) {
  if (bad_ptr(b) || bad_ptr(b->data)) return FWP_E_NULL_POINTER;
  /* SECURITY_DESCRIPTOR_RELATIVE: Revision 1, Control has SE_SELF_RELATIVE (0x8000); an absolute-format SD
   * in a condition gives ERROR_INVALID_SECURITY_DESCR on Windows (README "Semantics") */
  if (b->size < 20 || b->data[0] != 1 || !(b->data[3] & 0x80)) return ERROR_INVALID_SECURITY_DESCR;
  return 0;
}

static uint32_t check_range(const SIM_FWP_RANGE0 *r, uint32_t want) {
  if (bad_ptr(r)) return FWP_E_NULL_POINTER;
  if (r->valueLow.type != want || r->valueHigh.type != want) return FWP_E_TYPE_MISMATCH;
  if (is_int_type(want)) {
    uint64_t lo, hi;
    if (!int_value(&r->valueLow, &lo) || !int_value(&r->valueHigh, &hi)) return FWP_E_NULL_POINTER;
    return lo <= hi ? 0 : FWP_E_INVALID_RANGE;
  }
  if (want == FWP_BYTE_ARRAY16_TYPE) {
    if (bad_ptr(r->valueLow.byteArray16) || bad_ptr(r->valueHigh.byteArray16)) return FWP_E_NULL_POINTER;
    return memcmp(r->valueLow.byteArray16, r->valueHigh.byteArray16, 16) <= 0 ? 0 : FWP_E_INVALID_RANGE;
  }
  return FWP_E_TYPE_MISMATCH;
}

static uint32_t check_condition(const Layer *L, const SIM_FWPM_FILTER_CONDITION0 *c) {
  const CondField *cf = NULL;
  int idx = cond_find(&c->fieldKey, &cf);
  if (idx < 0 || !(L->fields & (1u << idx))) return FWP_E_CONDITION_NOT_FOUND;
  uint32_t want = L->v6 ? cf->v6Type : cf->v4Type;
  uint32_t t = c->conditionValue.type, mt = c->matchType;
  if (mt > FWP_MATCH_NOT_PREFIX) return FWP_E_MATCH_TYPE_MISMATCH;
  if (t == FWP_RANGE_TYPE) {
    if (mt != FWP_MATCH_RANGE) return FWP_E_MATCH_TYPE_MISMATCH;
    return check_range(c->conditionValue.rangeValue, want);
  }
  if (mt == FWP_MATCH_RANGE) return FWP_E_MATCH_TYPE_MISMATCH;
  if (t == FWP_V4_ADDR_MASK || t == FWP_V6_ADDR_MASK) {
    if (!cf->isAddress || (t == FWP_V4_ADDR_MASK) == L->v6) return FWP_E_TYPE_MISMATCH;
    if (mt != FWP_MATCH_EQUAL && mt != FWP_MATCH_NOT_EQUAL) return FWP_E_MATCH_TYPE_MISMATCH;
    if (t == FWP_V4_ADDR_MASK) {
      if (bad_ptr(c->conditionValue.v4AddrMask)) return FWP_E_NULL_POINTER;
      uint32_t mask = c->conditionValue.v4AddrMask->mask;
      if ((mask | (mask - 1)) != 0xffffffffu && mask != 0) return FWP_E_INVALID_NET_MASK; /* contiguous */
      return 0;
    }
    if (bad_ptr(c->conditionValue.v6AddrMask)) return FWP_E_NULL_POINTER;
    return c->conditionValue.v6AddrMask->prefixLength <= 128 ? 0 : FWP_E_INVALID_NET_MASK;
  }
  if (t != want) return FWP_E_TYPE_MISMATCH;
  switch (t) {
  case FWP_UINT8: case FWP_UINT16: case FWP_UINT32: case FWP_UINT64:
    if (t == FWP_UINT64 && bad_ptr(c->conditionValue.uint64)) return FWP_E_NULL_POINTER;
    if (mt > FWP_MATCH_FLAGS_NONE_SET && mt != FWP_MATCH_NOT_EQUAL) return FWP_E_MATCH_TYPE_MISMATCH;
    return 0;
  case FWP_BYTE_ARRAY16_TYPE:
    if (bad_ptr(c->conditionValue.byteArray16)) return FWP_E_NULL_POINTER;
    if (mt > FWP_MATCH_LESS_OR_EQUAL && mt != FWP_MATCH_NOT_EQUAL) return FWP_E_MATCH_TYPE_MISMATCH;
    return 0;
  case FWP_BYTE_BLOB_TYPE:
    if (bad_ptr(c->conditionValue.byteBlob) || (c->conditionValue.byteBlob->size && !c->conditionValue.byteBlob->data))
      return FWP_E_NULL_POINTER;
    if (mt != FWP_MATCH_EQUAL && mt != FWP_MATCH_NOT_EQUAL && mt != FWP_MATCH_PREFIX && mt != FWP_MATCH_NOT_PREFIX)
      return FWP_E_MATCH_TYPE_MISMATCH;
    return 0;
  case FWP_SECURITY_DESCRIPTOR_TYPE:
    if (mt != FWP_MATCH_EQUAL && mt != FWP_MATCH_NOT_EQUAL) return FWP_E_MATCH_TYPE_MISMATCH;
    return check_sd(c->conditionValue.sd);
  default: return FWP_E_TYPE_MISMATCH;
  }
}

/* ---- provider context attached to a filter ------------------------------------------------------------------ */

static uint32_t check_context_for_layer(const Layer *L, uint32_t type) {
  switch (L->cls) {
  case LC_IKEEXT:
    return (type == FWPM_IPSEC_IKE_MM_CONTEXT || type == FWPM_IPSEC_AUTHIP_MM_CONTEXT ||
            type == FWPM_IPSEC_IKEV2_MM_CONTEXT) ? 0 : FWP_E_PROVIDER_CONTEXT_MISMATCH;
  case LC_IPSEC:
    return (type == FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT || type == FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT ||
            type == FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT || type == FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT ||
            type == FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT || type == FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT)
               ? 0 : FWP_E_PROVIDER_CONTEXT_MISMATCH;
  case LC_KM_DEMUX: return type == FWPM_IPSEC_KEYING_CONTEXT ? 0 : FWP_E_PROVIDER_CONTEXT_MISMATCH;
  default: return 0;
  }
}

#define KNOWN_FILTER_FLAGS 0xFFFu

uint32_t filter_add_internal(Session *s, const SIM_FWPM_FILTER0 *f, uint64_t *idOut, const SIM_GUID *tunnelKey,
                             bool exemption, Obj **out) {
  uint32_t rc;
  if ((rc = check_display(&f->displayData))) return rc;
  if ((f->flags & ~KNOWN_FILTER_FLAGS) || (f->flags & FWPM_FILTER_FLAG_DISABLED) ||
      ((f->flags & FWPM_FILTER_FLAG_PERSISTENT) && (f->flags & FWPM_FILTER_FLAG_BOOTTIME)))
    return FWP_E_INVALID_FLAGS;
  int life = LIFE_BUILTIN;
  if (!exemption) {
    life = life_for(s, f->flags & FWPM_FILTER_FLAG_PERSISTENT, &rc);
    if (rc) return rc;
  }
  SIM_FWPM_FILTER0 t = *f;
  if (guid_is_zero(&t.filterKey)) guid_new(&t.filterKey);
  if (store_find(K_FILTER, &t.filterKey)) return FWP_E_ALREADY_EXISTS;
  const Layer *L = layer_find(&t.layerKey);
  if (!L) return FWP_E_LAYER_NOT_FOUND;
  if (!exemption && (rc = check_provider_ref(s, t.providerKey, life))) return rc;
  if (exemption && (rc = check_provider_ref(s, t.providerKey, LIFE_DYNAMIC))) return rc;
  if (t.providerData.size && !t.providerData.data) return FWP_E_NULL_POINTER;
  if (guid_is_zero(&t.subLayerKey)) t.subLayerKey = SIM_SUBLAYER_UNIVERSAL; /* default sublayer */
  Obj *sub = store_find(K_SUBLAYER, &t.subLayerKey);
  if (!sub) return FWP_E_SUBLAYER_NOT_FOUND;
  if (!exemption && (rc = life_check(life, s, sub))) return rc;
  uint32_t n = t.numFilterConditions;
  if (n && bad_ptr(t.filterCondition)) return FWP_E_NULL_POINTER;
  if (!n) t.filterCondition = NULL;
  for (uint32_t i = 0; i < n; i++)
    if ((rc = check_condition(L, &t.filterCondition[i]))) return rc;
  uint64_t eff = 0;
  if ((rc = check_weight(&t.weight, auto_weight(L, t.filterCondition, n), &eff))) return rc;
  switch (t.action.type) {
  case FWP_ACTION_BLOCK: case FWP_ACTION_PERMIT:
    if (t.flags & FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED) return FWP_E_INVALID_FLAGS;
    break;
  case FWP_ACTION_CALLOUT_TERMINATING: case FWP_ACTION_CALLOUT_INSPECTION: case FWP_ACTION_CALLOUT_UNKNOWN: {
    if (t.action.type == FWP_ACTION_CALLOUT_INSPECTION && (t.flags & FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED))
      return FWP_E_INVALID_FLAGS;
    const SIM_GUID *cl = callout_layer(&t.action.calloutKey);
    if (!cl) return FWP_E_CALLOUT_NOT_FOUND;
    if (!guid_eq(cl, &t.layerKey)) return FWP_E_INCOMPATIBLE_LAYER; /* callout registered at another layer */
    break;
  }
  default: return FWP_E_INVALID_ACTION_TYPE;
  }
  bool mm = false;
  if (t.flags & FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT) {
    Obj *ctx = store_find(K_CONTEXT, &t.providerContextKey);
    if (!ctx) return FWP_E_PROVIDER_CONTEXT_NOT_FOUND;
    uint32_t type = ((SIM_FWPM_PROVIDER_CONTEXT3 *)ctx->data)->type;
    if ((rc = check_context_for_layer(L, type))) return rc;
    if (!exemption && (rc = life_check(life, s, ctx))) return rc;
    mm = L->cls == LC_IKEEXT && (type == FWPM_IPSEC_IKE_MM_CONTEXT || type == FWPM_IPSEC_AUTHIP_MM_CONTEXT);
  } else {
    /* only the rawContext arm of the union is meaningful (and marshalled) without the flag */
    uint64_t raw = f->rawContext;
    memset(&t.providerContextKey, 0, sizeof t.providerContextKey);
    t.rawContext = raw;
  }
  t.reserved = NULL;
  t.filterId = E.nextFilterId++;
  t.effectiveWeight.type = FWP_UINT64;
  t.effectiveWeight.uint64 = &eff;
  Obj *o = obj_create(s, K_FILTER, &t, life);
  o->mmPolicy = mm;
  o->exemption = exemption;
  if (exemption) { /* BFE's own filters keep the default descriptor, not the caller's */
    free(o->sd);
    o->sd = NULL;
  }
  if (mm) E.mmPolicyFilters++; /* obj_create inserted before mmPolicy was known */
  if (tunnelKey) {
    o->inTunnel = true;
    o->tunnelKey = *tunnelKey;
  }
  if (idOut) *idOut = t.filterId;
  if (out) *out = o;
  return 0;
}

static uint32_t filter_add(Session *s, const SIM_FWPM_FILTER0 *f, uint64_t *id) {
  Obj *o = NULL;
  uint32_t rc = filter_add_internal(s, f, id, NULL, false, &o);
  if (rc == 0 && o->mmPolicy) ike_exemptions_sync(s);
  return rc;
}

SIMAPI uint32_t FwpmFilterAdd0(void *engineHandle, const SIM_FWPM_FILTER0 *filter, void *sd, uint64_t *id) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!filter) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmFilterAdd0", &m);
  if (rc) return rc;
  uint8_t *eff;
  uint32_t n;
  if ((rc = sec_effective(sd, &eff, &n))) return mut_end(&m, rc);
  sec_set_pending(eff, n);
  rc = filter_add(s, filter, id);
  sec_set_pending(NULL, 0);
  free(eff);
  return mut_end(&m, rc);
}

static uint32_t filter_delete(Session *s, Obj *o) {
  if (!o) return FWP_E_FILTER_NOT_FOUND;
  if (o->life == LIFE_BUILTIN) return FWP_E_BUILTIN_OBJECT;
  bool mm = o->mmPolicy;
  obj_del(s, o);
  if (mm) ike_exemptions_sync(s);
  return 0;
}

SIMAPI uint32_t FwpmFilterDeleteByKey0(void *engineHandle, const SIM_GUID *key) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmFilterDeleteByKey0", &m);
  return rc ? rc : mut_end(&m, filter_delete(s, store_find(K_FILTER, key)));
}

SIMAPI uint32_t FwpmFilterDeleteById0(void *engineHandle, uint64_t id) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmFilterDeleteById0", &m);
  return rc ? rc : mut_end(&m, filter_delete(s, store_find_id(K_FILTER, id)));
}

SIMAPI uint32_t FwpmFilterGetByKey0(void *engineHandle, const SIM_GUID *key, SIM_FWPM_FILTER0 **filter) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find(K_FILTER, key), FWP_E_FILTER_NOT_FOUND, (void **)filter);
}

SIMAPI uint32_t FwpmFilterGetById0(void *engineHandle, uint64_t id, SIM_FWPM_FILTER0 **filter) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find_id(K_FILTER, id), FWP_E_FILTER_NOT_FOUND, (void **)filter);
}

/* ---- IKE/AuthIP exemptions (Microsoft: ike-exemptions; docs/recipes.md) ---------------------------------------------------------------------- */

/* BFE adds these when the first MM policy filter appears and removes them with the last one. They are
 * owned by the engine (provider FWPM_PROVIDER_IKEEXT, built-in lifetime: deleting one is
 * FWP_E_BUILTIN_OBJECT). Keys are fixed so they are recognisable: 6c9d6f00-f5a1-4e5e-9b1c-73696d0000NN. */
static SIM_GUID exempt_key(int i) {
  SIM_GUID g = {0x6c9d6f00u, 0xf5a1, 0x4e5e, {0x9b, 0x1c, 0x73, 0x69, 0x6d, 0x00, 0x00, (uint8_t)(i + 1)}};
  return g;
}

static const SIM_GUID exemptLayers[8] = {
    FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT,
    FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT, FWPM_LAYER_ALE_AUTH_CONNECT_V4_INIT,
    FWPM_LAYER_INBOUND_TRANSPORT_V6_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V6_INIT,
    FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_INIT, FWPM_LAYER_ALE_AUTH_CONNECT_V6_INIT,
};

void ike_exemptions_sync(Session *s) {
  SIM_GUID k0 = exempt_key(0);
  bool have = store_find(K_FILTER, &k0) != NULL;
  bool want = E.mmPolicyFilters > 0;
  if (s && !s->txn) s = NULL;
  if (want && !have) {
    static const SIM_GUID udp = FWPM_CONDITION_IP_PROTOCOL_INIT, port = FWPM_CONDITION_IP_LOCAL_PORT_INIT;
    for (int i = 0; i < 8; i++) {
      bool v6 = i >= 4;
      SIM_FWPM_FILTER_CONDITION0 c[3];
      memset(c, 0, sizeof c);
      c[0].fieldKey = udp;
      c[0].conditionValue.type = FWP_UINT8;
      c[0].conditionValue.uint8 = (uint8_t)IPPROTO_UDP;
      c[1].fieldKey = port;
      c[1].conditionValue.type = FWP_UINT16;
      c[1].conditionValue.uint16 = 500;
      c[2].fieldKey = port; /* consecutive conditions on one field are ORed (Win7+) */
      c[2].conditionValue.type = FWP_UINT16;
      c[2].conditionValue.uint16 = 4500;
      SIM_GUID provider = SIM_PROVIDER_IKEEXT;
      SIM_FWPM_FILTER0 f;
      memset(&f, 0, sizeof f);
      f.filterKey = exempt_key(i);
      f.displayData.name = (uint16_t *)(v6 ? u"IKE/AuthIP exemption (IPv6, UDP 500)" : u"IKE/AuthIP exemption (IPv4, UDP 500/4500)");
      f.providerKey = &provider;
      f.layerKey = exemptLayers[i];
      f.weight.type = FWP_UINT8;
      f.weight.uint8 = FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS;
      f.numFilterConditions = v6 ? 2 : 3;
      f.filterCondition = c;
      f.action.type = FWP_ACTION_PERMIT;
      (void)filter_add_internal(s, &f, NULL, NULL, true, NULL);
    }
  } else if (!want && have) {
    for (int i = 0; i < 8; i++) {
      SIM_GUID k = exempt_key(i);
      Obj *o = store_find(K_FILTER, &k);
      if (o) obj_del(s, o);
    }
  }
}
