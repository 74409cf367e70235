/*
 * deepcopy.c -- deep copies of WFP structs into ONE contiguous allocation.
 *
 * Every fix_* function walks one struct: `src` is readable, `dst` is its shallow copy (or NULL while
 * measuring). Pointees are appended to the arena and the pointer members of dst are redirected to them.
 * Running the same walk twice (measure, then write) sizes the block exactly. Source pointers go through
 * SRC()/SRCN(), which name the size of what they point to.
 *
 * Loading a block back from the state file (dc_load) runs the same walk in bounded mode: the block still
 * holds the addresses it had when it was written, [oldBase, oldBase + span). SRC maps them into the
 * buffer read from the file and refuses (Arena.fault) any pointee that does not lie wholly inside it, an
 * array count without its array, an unterminated string, a pointee that is not exactly where this walk
 * would have put it (so nothing overlaps, aliases or loops), and a range inside a range. A refused walk
 * reads nothing more (SRC gives NULL from then on). That one rule makes the state file "the blocks as they
 * were in memory", and a corrupted block an error instead of a wild read.
 */
#include "sim.h"

static void fault(Arena *a, const char *why) {
  if (!a->fault) a->fault = why;
}

/* p: an address inside the source; need: bytes read there. */
static const void *src_ptr(Arena *a, const void *p, size_t need) {
  if (!p) return NULL;
  if (!a->lo) return p;
  if (a->fault) return NULL;
  uint64_t off = (uint64_t)(uintptr_t)p - a->oldBase;
  if (off > a->span || need > a->span - off) {
    fault(a, "a pointer leads outside its record");
    return NULL;
  }
  return a->lo + off;
}
#define SRC(a, p) ((const __typeof__(*(p)) *)src_ptr((a), (const void *)(p), sizeof *(p)))
/* n elements at p (a count without its array is refused when loading) */
static const void *src_arr(Arena *a, const void *p, uint64_t n, size_t elem) {
  if (a->lo && n && !p) fault(a, "an array count without its array");
  return src_ptr(a, p, (size_t)(n * elem));
}
#define SRCN(a, p, n) ((const __typeof__(*(p)) *)src_arr((a), (const void *)(p), (n), sizeof *(p)))

static void *ar_alloc(Arena *a, size_t size, size_t align) {
  a->off = (a->off + (align - 1)) & ~(align - 1);
  void *p = a->base ? a->base + a->off : NULL;
  a->off += size;
  return p;
}

static void *ar_dup(Arena *a, const void *src, size_t size, size_t align) {
  if (a->lo) {
    size_t at = (a->off + (align - 1)) & ~(align - 1);
    const uint8_t *s = src;
    if (a->fault || s < a->lo || (size_t)(s - a->lo) != at || size > a->span - at) {
      fault(a, "a pointee is not where the copy puts it (overlapping or misplaced data)");
      return NULL;
    }
  }
  void *p = ar_alloc(a, size, align);
  if (p && size) memcpy(p, src, size);
  return p;
}

size_t wstr_len(const uint16_t *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

/* Characters before the terminator of a source string of `width` bytes per character; when loading, a
 * string must end inside its record. */
static size_t src_strlen(Arena *a, const void *s, size_t width) {
  if (!a->lo) return width == 2 ? wstr_len(s) : strlen(s);
  size_t max = (a->span - (size_t)((const uint8_t *)s - a->lo)) / width;
  for (size_t n = 0; n < max; n++) {
    const uint8_t *c = (const uint8_t *)s + n * width;
    if (c[0] == 0 && (width == 1 || c[1] == 0)) return n;
  }
  fault(a, "a string without its terminator");
  return 0;
}

/* source string (a SRC() result) -> copy in the arena */
static uint16_t *ar_wstr(Arena *a, const uint16_t *s) {
  if (!s) return NULL;
  size_t n = src_strlen(a, s, 2);
  return a->fault ? NULL : ar_dup(a, s, (n + 1) * 2, 2);
}

static char *ar_cstr(Arena *a, const char *s) {
  if (!s) return NULL;
  size_t n = src_strlen(a, s, 1);
  return a->fault ? NULL : ar_dup(a, s, n + 1, 1);
}

static SIM_GUID *ar_guid(Arena *a, const SIM_GUID *g) { return g ? ar_dup(a, g, sizeof(SIM_GUID), 4) : NULL; }

static void fix_blob(Arena *a, SIM_FWP_BYTE_BLOB *d, const SIM_FWP_BYTE_BLOB *s) {
  const uint8_t *p = SRCN(a, s->data, s->size);
  uint8_t *q = p ? ar_dup(a, p, s->size, 1) : NULL;
  if (d) d->data = q;
}

static void fix_display(Arena *a, SIM_FWPM_DISPLAY_DATA0 *d, const SIM_FWPM_DISPLAY_DATA0 *s) {
  uint16_t *n = ar_wstr(a, SRC(a, s->name));
  uint16_t *ds = ar_wstr(a, SRC(a, s->description));
  if (d) {
    d->name = n;
    d->description = ds;
  }
}

/* ---- FWP values ---------------------------------------------------------------------------------- */

static bool value_is_ptr(uint32_t type) {
  switch (type) {
  case FWP_UINT64: case FWP_INT64: case FWP_DOUBLE: case FWP_BYTE_ARRAY16_TYPE: case FWP_BYTE_BLOB_TYPE:
  case FWP_SID: case FWP_SECURITY_DESCRIPTOR_TYPE: case FWP_TOKEN_INFORMATION_TYPE:
  case FWP_TOKEN_ACCESS_INFORMATION_TYPE: case FWP_UNICODE_STRING_TYPE: case FWP_BYTE_ARRAY6_TYPE:
  case FWP_V4_ADDR_MASK: case FWP_V6_ADDR_MASK: case FWP_RANGE_TYPE:
    return true;
  default:
    return false;
  }
}

static size_t inline_size(uint32_t type) {
  switch (type) {
  case FWP_UINT8: case FWP_INT8: return 1;
  case FWP_UINT16: case FWP_INT16: return 2;
  case FWP_UINT32: case FWP_INT32: case FWP_FLOAT: return 4;
  default: return 0;
  }
}

static void fix_value_slot(Arena *a, uint32_t type, void *dslot, const void *sslot);

/* Bytes a pointer arm of FWP_VALUE0 points to (a SID: its fixed header; the rest is checked by ar_dup). */
static size_t pointee_size(uint32_t type) {
  switch (type) {
  case FWP_UINT64: case FWP_INT64: case FWP_DOUBLE: return 8;
  case FWP_BYTE_ARRAY16_TYPE: return 16;
  case FWP_BYTE_ARRAY6_TYPE: return 6;
  case FWP_V4_ADDR_MASK: return sizeof(SIM_FWP_V4_ADDR_AND_MASK);
  case FWP_V6_ADDR_MASK: return sizeof(SIM_FWP_V6_ADDR_AND_MASK);
  case FWP_UNICODE_STRING_TYPE: return 2;
  case FWP_SID: return 8;
  case FWP_BYTE_BLOB_TYPE: case FWP_SECURITY_DESCRIPTOR_TYPE: case FWP_TOKEN_ACCESS_INFORMATION_TYPE:
    return sizeof(SIM_FWP_BYTE_BLOB);
  case FWP_RANGE_TYPE: return sizeof(SIM_FWP_RANGE0);
  default: return 0;
  }
}

static void *copy_pointee(Arena *a, uint32_t type, const void *raw) {
  const void *p = src_ptr(a, raw, pointee_size(type));
  if (!p) return NULL;
  switch (type) {
  case FWP_UINT64: case FWP_INT64: case FWP_DOUBLE: return ar_dup(a, p, 8, 8);
  case FWP_BYTE_ARRAY16_TYPE: return ar_dup(a, p, 16, 1);
  case FWP_BYTE_ARRAY6_TYPE: return ar_dup(a, p, 6, 1);
  case FWP_V4_ADDR_MASK: return ar_dup(a, p, sizeof(SIM_FWP_V4_ADDR_AND_MASK), 4);
  case FWP_V6_ADDR_MASK: return ar_dup(a, p, sizeof(SIM_FWP_V6_ADDR_AND_MASK), 1);
  case FWP_UNICODE_STRING_TYPE: return ar_wstr(a, p);
  case FWP_SID: {
    const SIM_SID *sid = p;
    return ar_dup(a, p, 8 + 4 * (size_t)sid->SubAuthorityCount, 4);
  }
  case FWP_BYTE_BLOB_TYPE: case FWP_SECURITY_DESCRIPTOR_TYPE: case FWP_TOKEN_ACCESS_INFORMATION_TYPE: {
    SIM_FWP_BYTE_BLOB *d = ar_dup(a, p, sizeof(SIM_FWP_BYTE_BLOB), 8);
    fix_blob(a, d, p);
    return d;
  }
  case FWP_RANGE_TYPE: {
    const SIM_FWP_RANGE0 *r = p;
    /* a range's ends are plain values: a range inside a range is corrupt data (and could loop) */
    if (a->lo && (r->valueLow.type == FWP_RANGE_TYPE || r->valueHigh.type == FWP_RANGE_TYPE)) {
      fault(a, "a range inside a range");
      return NULL;
    }
    SIM_FWP_RANGE0 *d = ar_dup(a, p, sizeof(SIM_FWP_RANGE0), 8);
    fix_value_slot(a, r->valueLow.type, d ? &d->valueLow.uint64 : NULL, &r->valueLow.uint64);
    fix_value_slot(a, r->valueHigh.type, d ? &d->valueHigh.uint64 : NULL, &r->valueHigh.uint64);
    return d;
  }
  default: return NULL; /* token information is not simulated; validation rejects it */
  }
}

/* The 8-byte union of FWP_VALUE0 / FWP_CONDITION_VALUE0: pointer arms are deep-copied, inline arms keep
 * only their own bytes (the rest is zero, as after RPC unmarshalling). */
static void fix_value_slot(Arena *a, uint32_t type, void *dslot, const void *sslot) {
  if (value_is_ptr(type)) {
    void *raw;
    memcpy(&raw, sslot, sizeof raw);
    void *p = copy_pointee(a, type, raw);
    if (dslot) memcpy(dslot, &p, sizeof p);
  } else if (dslot) {
    uint64_t v = 0;
    memcpy(&v, sslot, inline_size(type));
    memcpy(dslot, &v, 8);
  }
}

static void fix_value(Arena *a, SIM_FWP_VALUE0 *d, const SIM_FWP_VALUE0 *s) {
  fix_value_slot(a, s->type, d ? (void *)&d->uint64 : NULL, &s->uint64);
}

static void fix_condition(Arena *a, SIM_FWPM_FILTER_CONDITION0 *d, const SIM_FWPM_FILTER_CONDITION0 *s) {
  fix_value_slot(a, s->conditionValue.type, d ? (void *)&d->conditionValue.uint64 : NULL,
                 &s->conditionValue.uint64);
}

/* ---- providers, sublayers, filters ------------------------------------------------------------------- */

static void fix_provider(Arena *a, void *dv, const void *sv) {
  SIM_FWPM_PROVIDER0 *d = dv;
  const SIM_FWPM_PROVIDER0 *s = sv;
  fix_display(a, d ? &d->displayData : NULL, &s->displayData);
  fix_blob(a, d ? &d->providerData : NULL, &s->providerData);
  uint16_t *svc = ar_wstr(a, SRC(a, s->serviceName));
  if (d) d->serviceName = svc;
}

static void fix_sublayer(Arena *a, void *dv, const void *sv) {
  SIM_FWPM_SUBLAYER0 *d = dv;
  const SIM_FWPM_SUBLAYER0 *s = sv;
  fix_display(a, d ? &d->displayData : NULL, &s->displayData);
  SIM_GUID *pk = ar_guid(a, SRC(a, s->providerKey));
  fix_blob(a, d ? &d->providerData : NULL, &s->providerData);
  if (d) d->providerKey = pk;
}

static void fix_filter(Arena *a, void *dv, const void *sv) {
  SIM_FWPM_FILTER0 *d = dv;
  const SIM_FWPM_FILTER0 *s = sv;
  fix_display(a, d ? &d->displayData : NULL, &s->displayData);
  SIM_GUID *pk = ar_guid(a, SRC(a, s->providerKey));
  fix_blob(a, d ? &d->providerData : NULL, &s->providerData);
  fix_value(a, d ? &d->weight : NULL, &s->weight);
  const SIM_FWPM_FILTER_CONDITION0 *sc = SRCN(a, s->filterCondition, s->numFilterConditions);
  SIM_FWPM_FILTER_CONDITION0 *dc =
      sc ? ar_dup(a, sc, s->numFilterConditions * sizeof *sc, 8) : NULL;
  for (uint32_t i = 0; sc && i < s->numFilterConditions; i++) fix_condition(a, dc ? &dc[i] : NULL, &sc[i]);
  SIM_GUID *res = ar_guid(a, SRC(a, s->reserved));
  fix_value(a, d ? &d->effectiveWeight : NULL, &s->effectiveWeight);
  if (d) {
    d->providerKey = pk;
    d->filterCondition = dc;
    d->reserved = res;
  }
}

/* ---- main mode / extended mode policy ---------------------------------------------------------------- */

static void fix_criteria(Arena *a, SIM_IKEEXT_CERTIFICATE_CRITERIA0 *d, const SIM_IKEEXT_CERTIFICATE_CRITERIA0 *s) {
  fix_blob(a, d ? &d->certData : NULL, &s->certData);
  fix_blob(a, d ? &d->certHash : NULL, &s->certHash);
  const SIM_IKEEXT_CERT_EKUS0 *se = SRC(a, s->eku);
  SIM_IKEEXT_CERT_EKUS0 *de = se ? ar_dup(a, se, sizeof *se, 8) : NULL;
  if (se) {
    char *const *sl = SRCN(a, se->eku, se->numEku);
    char **dl = sl ? ar_dup(a, sl, se->numEku * sizeof(char *), 8) : NULL;
    for (uint32_t i = 0; sl && i < se->numEku; i++) {
      char *c = ar_cstr(a, SRC(a, sl[i]));
      if (dl) dl[i] = c;
    }
    if (de) de->eku = dl;
  }
  const SIM_IKEEXT_CERT_NAME0 *sn = SRC(a, s->name);
  SIM_IKEEXT_CERT_NAME0 *dn = sn ? ar_dup(a, sn, sizeof *sn, 8) : NULL;
  if (sn) {
    uint16_t *cn = ar_wstr(a, SRC(a, sn->certName));
    if (dn) dn->certName = cn;
  }
  if (d) {
    d->eku = de;
    d->name = dn;
  }
}

static SIM_IKEEXT_CERTIFICATE_CRITERIA0 *copy_criteria_array(Arena *a, const SIM_IKEEXT_CERTIFICATE_CRITERIA0 *raw,
                                                             uint32_t n) {
  const SIM_IKEEXT_CERTIFICATE_CRITERIA0 *s = SRCN(a, raw, n);
  if (!s) return NULL;
  SIM_IKEEXT_CERTIFICATE_CRITERIA0 *d = ar_dup(a, s, n * sizeof *s, 8);
  for (uint32_t i = 0; i < n; i++) fix_criteria(a, d ? &d[i] : NULL, &s[i]);
  return d;
}

static void fix_cert2(Arena *a, SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 *d,
                      const SIM_IKEEXT_CERTIFICATE_AUTHENTICATION2 *s) {
  /* the three arms of each union share layout {UINT32 count; CRITERIA0* array} */
  SIM_IKEEXT_CERTIFICATE_CRITERIA0 *in = copy_criteria_array(a, s->inboundRootCriteria, s->inboundRootArraySize);
  SIM_IKEEXT_CERTIFICATE_CRITERIA0 *out =
      copy_criteria_array(a, s->outboundRootCriteria, s->outboundRootArraySize);
  fix_blob(a, d ? &d->localCertLocationUrl : NULL, &s->localCertLocationUrl);
  if (d) {
    d->inboundRootCriteria = in;
    d->outboundRootCriteria = out;
  }
}

static void fix_auth_method(Arena *a, SIM_IKEEXT_AUTHENTICATION_METHOD2 *d, const SIM_IKEEXT_AUTHENTICATION_METHOD2 *s) {
  switch (s->authenticationMethodType) {
  case IKEEXT_PRESHARED_KEY:
    fix_blob(a, d ? &d->presharedKeyAuthentication.presharedKey : NULL, &s->presharedKeyAuthentication.presharedKey);
    break;
  case IKEEXT_CERTIFICATE: case IKEEXT_CERTIFICATE_ECDSA_P256: case IKEEXT_CERTIFICATE_ECDSA_P384:
    fix_cert2(a, d ? &d->certificateAuthentication : NULL, &s->certificateAuthentication);
    break;
  case IKEEXT_SSL: case IKEEXT_SSL_ECDSA_P256: case IKEEXT_SSL_ECDSA_P384:
    fix_cert2(a, d ? &d->sslAuthentication : NULL, &s->sslAuthentication);
    break;
  case IKEEXT_KERBEROS: {
    uint16_t *p = ar_wstr(a, SRC(a, s->kerberosAuthentication.proxyServer));
    if (d) d->kerberosAuthentication.proxyServer = p;
    break;
  }
  case IKEEXT_IPV6_CGA: {
    uint16_t *k = ar_wstr(a, SRC(a, s->cgaAuthentication.keyContainerName));
    uint16_t *c = ar_wstr(a, SRC(a, s->cgaAuthentication.cspName));
    if (d) {
      d->cgaAuthentication.keyContainerName = k;
      d->cgaAuthentication.cspName = c;
    }
    break;
  }
  default: /* ANONYMOUS, NTLM_V2, EAP, RESERVED: by-value arms only */
    break;
  }
}

static SIM_IKEEXT_AUTHENTICATION_METHOD2 *copy_methods(Arena *a, const SIM_IKEEXT_AUTHENTICATION_METHOD2 *raw,
                                                       uint32_t n) {
  const SIM_IKEEXT_AUTHENTICATION_METHOD2 *s = SRCN(a, raw, n);
  if (!s) return NULL;
  SIM_IKEEXT_AUTHENTICATION_METHOD2 *d = ar_dup(a, s, n * sizeof *s, 8);
  for (uint32_t i = 0; i < n; i++) fix_auth_method(a, d ? &d[i] : NULL, &s[i]);
  return d;
}

static SIM_IKEEXT_POLICY2 *copy_ike_policy(Arena *a, const SIM_IKEEXT_POLICY2 *raw) {
  const SIM_IKEEXT_POLICY2 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IKEEXT_POLICY2 *d = ar_dup(a, s, sizeof *s, 8);
  SIM_IKEEXT_AUTHENTICATION_METHOD2 *m = copy_methods(a, s->authenticationMethods, s->numAuthenticationMethods);
  const SIM_IKEEXT_PROPOSAL0 *sp = SRCN(a, s->ikeProposals, s->numIkeProposals);
  SIM_IKEEXT_PROPOSAL0 *p = sp ? ar_dup(a, sp, s->numIkeProposals * sizeof(SIM_IKEEXT_PROPOSAL0), 4) : NULL;
  if (d) {
    d->authenticationMethods = m;
    d->ikeProposals = p;
  }
  return d;
}

static SIM_IKEEXT_EM_POLICY2 *copy_em_policy(Arena *a, const SIM_IKEEXT_EM_POLICY2 *raw) {
  const SIM_IKEEXT_EM_POLICY2 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IKEEXT_EM_POLICY2 *d = ar_dup(a, s, sizeof *s, 8);
  SIM_IKEEXT_AUTHENTICATION_METHOD2 *m = copy_methods(a, s->authenticationMethods, s->numAuthenticationMethods);
  if (d) d->authenticationMethods = m;
  return d;
}

/* ---- quick mode policy ---------------------------------------------------------------------------------- */

static void fix_auth_transform(Arena *a, SIM_IPSEC_AUTH_TRANSFORM0 *d, const SIM_IPSEC_AUTH_TRANSFORM0 *s) {
  SIM_GUID *g = ar_guid(a, SRC(a, s->cryptoModuleId));
  if (d) d->cryptoModuleId = g;
}

static void fix_cipher_transform(Arena *a, SIM_IPSEC_CIPHER_TRANSFORM0 *d, const SIM_IPSEC_CIPHER_TRANSFORM0 *s) {
  SIM_GUID *g = ar_guid(a, SRC(a, s->cryptoModuleId));
  if (d) d->cryptoModuleId = g;
}

static void fix_sa_transform(Arena *a, SIM_IPSEC_SA_TRANSFORM0 *d, const SIM_IPSEC_SA_TRANSFORM0 *s) {
  void *out = NULL;
  switch (s->ipsecTransformType) {
  case IPSEC_TRANSFORM_AH: case IPSEC_TRANSFORM_ESP_AUTH: case IPSEC_TRANSFORM_ESP_AUTH_FW: {
    const SIM_IPSEC_AUTH_TRANSFORM0 *t = SRC(a, s->ahTransform);
    SIM_IPSEC_AUTH_TRANSFORM0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) fix_auth_transform(a, c, t);
    out = c;
    break;
  }
  case IPSEC_TRANSFORM_ESP_CIPHER: {
    const SIM_IPSEC_CIPHER_TRANSFORM0 *t = SRC(a, s->espCipherTransform);
    SIM_IPSEC_CIPHER_TRANSFORM0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) fix_cipher_transform(a, c, t);
    out = c;
    break;
  }
  case IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: {
    const SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 *t = SRC(a, s->espAuthAndCipherTransform);
    SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) {
      fix_auth_transform(a, c ? &c->authTransform : NULL, &t->authTransform);
      fix_cipher_transform(a, c ? &c->cipherTransform : NULL, &t->cipherTransform);
    }
    out = c;
    break;
  }
  default: break;
  }
  if (d) d->ahTransform = out;
}

static SIM_IPSEC_PROPOSAL0 *copy_proposals(Arena *a, const SIM_IPSEC_PROPOSAL0 *raw, uint32_t n) {
  const SIM_IPSEC_PROPOSAL0 *s = SRCN(a, raw, n);
  if (!s) return NULL;
  SIM_IPSEC_PROPOSAL0 *d = ar_dup(a, s, n * sizeof *s, 8);
  for (uint32_t i = 0; i < n; i++) {
    const SIM_IPSEC_SA_TRANSFORM0 *st = SRCN(a, s[i].saTransforms, s[i].numSaTransforms);
    SIM_IPSEC_SA_TRANSFORM0 *dt = st ? ar_dup(a, st, s[i].numSaTransforms * sizeof *st, 8) : NULL;
    for (uint32_t j = 0; st && j < s[i].numSaTransforms; j++) fix_sa_transform(a, dt ? &dt[j] : NULL, &st[j]);
    if (d) d[i].saTransforms = dt;
  }
  return d;
}

static SIM_IPSEC_TRANSPORT_POLICY2 *copy_transport(Arena *a, const SIM_IPSEC_TRANSPORT_POLICY2 *raw) {
  const SIM_IPSEC_TRANSPORT_POLICY2 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IPSEC_TRANSPORT_POLICY2 *d = ar_dup(a, s, sizeof *s, 8);
  SIM_IPSEC_PROPOSAL0 *p = copy_proposals(a, s->ipsecProposals, s->numIpsecProposals);
  SIM_IKEEXT_EM_POLICY2 *em = copy_em_policy(a, s->emPolicy);
  if (d) {
    d->ipsecProposals = p;
    d->emPolicy = em;
  }
  return d;
}

static SIM_IPSEC_TRAFFIC_SELECTOR0 *copy_selectors(Arena *a, const SIM_IPSEC_TRAFFIC_SELECTOR0 *raw, uint32_t n) {
  const SIM_IPSEC_TRAFFIC_SELECTOR0 *s = SRCN(a, raw, n);
  return s ? ar_dup(a, s, n * sizeof(SIM_IPSEC_TRAFFIC_SELECTOR0), 4) : NULL;
}

static SIM_IPSEC_TUNNEL_POLICY3 *copy_tunnel(Arena *a, const SIM_IPSEC_TUNNEL_POLICY3 *raw) {
  const SIM_IPSEC_TUNNEL_POLICY3 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IPSEC_TUNNEL_POLICY3 *d = ar_dup(a, s, sizeof *s, 8);
  SIM_IPSEC_PROPOSAL0 *p = copy_proposals(a, s->ipsecProposals, s->numIpsecProposals);
  uint16_t *fqdn = ar_wstr(a, SRC(a, s->tunnelEndpoints.remoteFqdn));
  const SIM_IPSEC_TUNNEL_ENDPOINT0 *ra = SRCN(a, s->tunnelEndpoints.remoteAddresses, s->tunnelEndpoints.numAddresses);
  SIM_IPSEC_TUNNEL_ENDPOINT0 *r =
      ra ? ar_dup(a, ra, s->tunnelEndpoints.numAddresses * sizeof(SIM_IPSEC_TUNNEL_ENDPOINT0), 4) : NULL;
  SIM_IKEEXT_EM_POLICY2 *em = copy_em_policy(a, s->emPolicy);
  const SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0 *sp = SRCN(a, s->trafficSelectorPolicies, s->numTrafficSelectorPolicy);
  SIM_IPSEC_TRAFFIC_SELECTOR_POLICY0 *dp = sp ? ar_dup(a, sp, s->numTrafficSelectorPolicy * sizeof *sp, 8) : NULL;
  for (uint32_t i = 0; sp && i < s->numTrafficSelectorPolicy; i++) {
    SIM_IPSEC_TRAFFIC_SELECTOR0 *l = copy_selectors(a, sp[i].localTrafficSelectors, sp[i].numLocalTrafficSelectors);
    SIM_IPSEC_TRAFFIC_SELECTOR0 *rr =
        copy_selectors(a, sp[i].remoteTrafficSelectors, sp[i].numRemoteTrafficSelectors);
    if (dp) {
      dp[i].localTrafficSelectors = l;
      dp[i].remoteTrafficSelectors = rr;
    }
  }
  if (d) {
    d->ipsecProposals = p;
    d->tunnelEndpoints.remoteFqdn = fqdn;
    d->tunnelEndpoints.remoteAddresses = r;
    d->emPolicy = em;
    d->trafficSelectorPolicies = dp;
  }
  return d;
}

static SIM_IPSEC_KEYING_POLICY1 *copy_keying(Arena *a, const SIM_IPSEC_KEYING_POLICY1 *raw) {
  const SIM_IPSEC_KEYING_POLICY1 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IPSEC_KEYING_POLICY1 *d = ar_dup(a, s, sizeof *s, 8);
  const SIM_GUID *k = SRCN(a, s->keyModKeys, s->numKeyMods);
  SIM_GUID *kk = k ? ar_dup(a, k, s->numKeyMods * sizeof(SIM_GUID), 4) : NULL;
  if (d) d->keyModKeys = kk;
  return d;
}

static SIM_IPSEC_DOSP_OPTIONS0 *copy_dosp(Arena *a, const SIM_IPSEC_DOSP_OPTIONS0 *raw) {
  const SIM_IPSEC_DOSP_OPTIONS0 *s = SRC(a, raw);
  if (!s) return NULL;
  SIM_IPSEC_DOSP_OPTIONS0 *d = ar_dup(a, s, sizeof *s, 8);
  const uint64_t *pub = SRCN(a, s->publicIFLuids, s->numPublicIFLuids);
  const uint64_t *in = SRCN(a, s->internalIFLuids, s->numInternalIFLuids);
  uint64_t *p = pub ? ar_dup(a, pub, s->numPublicIFLuids * 8, 8) : NULL;
  uint64_t *q = in ? ar_dup(a, in, s->numInternalIFLuids * 8, 8) : NULL;
  if (d) {
    d->publicIFLuids = p;
    d->internalIFLuids = q;
  }
  return d;
}

static void fix_context(Arena *a, void *dv, const void *sv) {
  SIM_FWPM_PROVIDER_CONTEXT3 *d = dv;
  const SIM_FWPM_PROVIDER_CONTEXT3 *s = sv;
  fix_display(a, d ? &d->displayData : NULL, &s->displayData);
  SIM_GUID *pk = ar_guid(a, SRC(a, s->providerKey));
  fix_blob(a, d ? &d->providerData : NULL, &s->providerData);
  void *pol = NULL;
  switch (s->type) {
  case FWPM_IPSEC_KEYING_CONTEXT: pol = copy_keying(a, s->keyingPolicy); break;
  case FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT: case FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT:
  case FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT:
    pol = copy_transport(a, s->ikeQmTransportPolicy);
    break;
  case FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT: case FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT:
  case FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT:
    pol = copy_tunnel(a, s->ikeQmTunnelPolicy);
    break;
  case FWPM_IPSEC_IKE_MM_CONTEXT: case FWPM_IPSEC_AUTHIP_MM_CONTEXT: case FWPM_IPSEC_IKEV2_MM_CONTEXT:
    pol = copy_ike_policy(a, s->ikeMmPolicy);
    break;
  case FWPM_GENERAL_CONTEXT: {
    const SIM_FWP_BYTE_BLOB *b = SRC(a, s->dataBuffer);
    SIM_FWP_BYTE_BLOB *c = b ? ar_dup(a, b, sizeof *b, 8) : NULL;
    if (b) fix_blob(a, c, b);
    pol = c;
    break;
  }
  case FWPM_IPSEC_DOSP_CONTEXT: pol = copy_dosp(a, s->idpOptions); break;
  default: break;
  }
  if (d) {
    d->providerKey = pk;
    d->keyingPolicy = pol;
  }
}

/* ---- manual SA details (sa.c) ------------------------------------------------------------------------ */

static void fix_sa0(Arena *a, SIM_IPSEC_SA0 *d, const SIM_IPSEC_SA0 *s) {
  void *out = NULL;
  switch (s->saTransformType) {
  case IPSEC_TRANSFORM_AH: case IPSEC_TRANSFORM_ESP_AUTH: case IPSEC_TRANSFORM_ESP_AUTH_FW: {
    const SIM_IPSEC_SA_AUTH_INFORMATION0 *t = SRC(a, s->ahInformation);
    SIM_IPSEC_SA_AUTH_INFORMATION0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) {
      fix_auth_transform(a, c ? &c->authTransform : NULL, &t->authTransform);
      fix_blob(a, c ? &c->authKey : NULL, &t->authKey);
    }
    out = c;
    break;
  }
  case IPSEC_TRANSFORM_ESP_CIPHER: {
    const SIM_IPSEC_SA_CIPHER_INFORMATION0 *t = SRC(a, s->espCipherInformation);
    SIM_IPSEC_SA_CIPHER_INFORMATION0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) {
      fix_cipher_transform(a, c ? &c->cipherTransform : NULL, &t->cipherTransform);
      fix_blob(a, c ? &c->cipherKey : NULL, &t->cipherKey);
    }
    out = c;
    break;
  }
  case IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER: {
    const SIM_IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 *t = SRC(a, s->espAuthAndCipherInformation);
    SIM_IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 *c = t ? ar_dup(a, t, sizeof *t, 8) : NULL;
    if (t) {
      fix_cipher_transform(a, c ? &c->saCipherInformation.cipherTransform : NULL,
                           &t->saCipherInformation.cipherTransform);
      fix_blob(a, c ? &c->saCipherInformation.cipherKey : NULL, &t->saCipherInformation.cipherKey);
      fix_auth_transform(a, c ? &c->saAuthInformation.authTransform : NULL, &t->saAuthInformation.authTransform);
      fix_blob(a, c ? &c->saAuthInformation.authKey : NULL, &t->saAuthInformation.authKey);
    }
    out = c;
    break;
  }
  default: break;
  }
  if (d) d->ahInformation = out;
}

/* SIM_IPSEC_SA_DETAILS1 with its bundle's SA list (ipsecId, key module state and UDP encapsulation are
 * not simulated and come back NULL). */
void fix_sa_details(Arena *a, void *dv, const void *sv) {
  SIM_IPSEC_SA_DETAILS1 *d = dv;
  const SIM_IPSEC_SA_DETAILS1 *s = sv;
  const SIM_IPSEC_SA0 *sl = SRCN(a, s->saBundle.saList, s->saBundle.numSAs);
  SIM_IPSEC_SA0 *dl = sl ? ar_dup(a, sl, s->saBundle.numSAs * sizeof *sl, 8) : NULL;
  for (uint32_t i = 0; sl && i < s->saBundle.numSAs; i++) fix_sa0(a, dl ? &dl[i] : NULL, &sl[i]);
  if (d) {
    d->saBundle.saList = dl;
    d->saBundle.ipsecId = NULL;
    d->saBundle.keyModuleState = NULL;
    d->udpEncapsulation = NULL;
    d->transportFilter = NULL;
  }
}

/* ---- drivers -------------------------------------------------------------------------------------------- */

size_t kind_root_size(int kind) {
  switch (kind) {
  case K_PROVIDER: return sizeof(SIM_FWPM_PROVIDER0);
  case K_SUBLAYER: return sizeof(SIM_FWPM_SUBLAYER0);
  case K_CONTEXT: return sizeof(SIM_FWPM_PROVIDER_CONTEXT3);
  default: return sizeof(SIM_FWPM_FILTER0);
  }
}

FixFn kind_fix(int kind) {
  switch (kind) {
  case K_PROVIDER: return fix_provider;
  case K_SUBLAYER: return fix_sublayer;
  case K_CONTEXT: return fix_context;
  default: return fix_filter;
  }
}

static void *copy_into_block(const void *src, size_t rootSize, FixFn fix, size_t *size, bool callerOwned) {
  Arena a = {0};
  ar_alloc(&a, rootSize, 8);
  fix(&a, NULL, src);
  size_t total = a.off;
  uint8_t *blk = callerOwned ? sim_caller_alloc(total) : calloc(1, total);
  if (!blk) return NULL;
  a.base = blk;
  a.off = 0;
  void *root = ar_dup(&a, src, rootSize, 8);
  fix(&a, root, src);
  if (size) *size = total;
  return root;
}

void *dc_block(int kind, const void *src, size_t *size, bool callerOwned) {
  return copy_into_block(src, kind_root_size(kind), kind_fix(kind), size, callerOwned);
}

void *dc_generic(const void *src, size_t rootSize, FixFn fix, bool callerOwned) {
  return copy_into_block(src, rootSize, fix, NULL, callerOwned);
}

void *dc_generic_sized(const void *src, size_t rootSize, FixFn fix, size_t *size) {
  return copy_into_block(src, rootSize, fix, size, false);
}

void *dc_load(size_t rootSize, FixFn fix, const uint8_t *blk, size_t n, uint64_t oldBase, size_t *size,
              const char **why) {
  *why = NULL;
  if (n < rootSize) {
    *why = "a record shorter than its object";
    return NULL;
  }
  /* measure in bounded mode: every check runs here, before anything is allocated */
  Arena a = {.lo = blk, .span = n, .oldBase = oldBase};
  ar_alloc(&a, rootSize, 8);
  fix(&a, NULL, blk);
  if (!a.fault && a.off != n) a.fault = "a record whose size does not match its contents";
  if (a.fault) {
    *why = a.fault;
    return NULL;
  }
  uint8_t *out = calloc(1, n);
  if (!out) {
    *why = "out of memory";
    return NULL;
  }
  a.base = out;
  a.off = 0;
  void *root = ar_dup(&a, blk, rootSize, 8);
  fix(&a, root, blk);
  if (a.fault) { /* cannot differ from the measuring walk; kept so a future asymmetry fails closed */
    free(out);
    *why = a.fault;
    return NULL;
  }
  *size = n;
  return root;
}

/* An enumeration page: the pointer array and every entry with its pointees, in one caller-owned block. */
void *dc_page(int kind, Obj *const *objs, uint32_t n) {
  size_t rs = kind_root_size(kind);
  FixFn fix = kind_fix(kind);
  Arena a = {0};
  ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    ar_alloc(&a, rs, 8);
    fix(&a, NULL, objs[i]->data);
  }
  uint8_t *blk = sim_caller_alloc(a.off);
  if (!blk) return NULL;
  a.base = blk;
  a.off = 0;
  void **arr = ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    arr[i] = ar_dup(&a, objs[i]->data, rs, 8);
    fix(&a, arr[i], objs[i]->data);
  }
  return arr;
}

static void fix_sa_context(Arena *a, void *dv, const void *sv) {
  SIM_IPSEC_SA_CONTEXT1 *d = dv;
  const SIM_IPSEC_SA_CONTEXT1 *s = sv;
  const SIM_IPSEC_SA_DETAILS1 *in = SRC(a, s->inboundSa), *out = SRC(a, s->outboundSa);
  SIM_IPSEC_SA_DETAILS1 *di = in ? ar_dup(a, in, sizeof *in, 8) : NULL;
  if (in) fix_sa_details(a, di, in);
  SIM_IPSEC_SA_DETAILS1 *dout = out ? ar_dup(a, out, sizeof *out, 8) : NULL;
  if (out) fix_sa_details(a, dout, out);
  if (d) {
    d->inboundSa = di;
    d->outboundSa = dout;
  }
}

/* A page of IPSEC_SA_CONTEXT1 entries (pointer array + entries + details) in one caller-owned block. */
void *dc_sa_page(const SIM_IPSEC_SA_CONTEXT1 *ctxs, uint32_t n) {
  Arena a = {0};
  ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    ar_alloc(&a, sizeof *ctxs, 8);
    fix_sa_context(&a, NULL, &ctxs[i]);
  }
  uint8_t *blk = sim_caller_alloc(a.off);
  if (!blk) return NULL;
  a.base = blk;
  a.off = 0;
  void **arr = ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    arr[i] = ar_dup(&a, &ctxs[i], sizeof *ctxs, 8);
    fix_sa_context(&a, arr[i], &ctxs[i]);
  }
  return arr;
}

/* A page of IPSEC_SA_DETAILS1 entries in one caller-owned block. */
void *dc_details_page(SIM_IPSEC_SA_DETAILS1 *const *details, uint32_t n) {
  Arena a = {0};
  ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    ar_alloc(&a, sizeof **details, 8);
    fix_sa_details(&a, NULL, details[i]);
  }
  uint8_t *blk = sim_caller_alloc(a.off);
  if (!blk) return NULL;
  a.base = blk;
  a.off = 0;
  void **arr = ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    arr[i] = ar_dup(&a, details[i], sizeof **details, 8);
    fix_sa_details(&a, arr[i], details[i]);
  }
  return arr;
}

/* ---- net events (FWPM_NET_EVENT1 with its IKE failure / IPsec drop payload) ------------------------------- */

static uint16_t **copy_wstr_array(Arena *a, uint16_t *const *raw, uint32_t n) {
  uint16_t *const *s = SRCN(a, raw, n);
  if (!s || !n) return NULL;
  uint16_t **d = ar_alloc(a, n * sizeof *d, 8);
  for (uint32_t i = 0; i < n; i++) {
    uint16_t *w = ar_wstr(a, SRC(a, s[i]));
    if (d) d[i] = w;
  }
  return d;
}

/* The principal names and group SID strings shared (by name) by MM_FAILURE1 and EM_FAILURE1. */
#define FIX_PRINCIPALS(a, d, s)                                                                              \
  do {                                                                                                       \
    uint16_t *ln = ar_wstr(a, SRC(a, (s)->localPrincipalNameForAuth));                                       \
    uint16_t *rn = ar_wstr(a, SRC(a, (s)->remotePrincipalNameForAuth));                                      \
    uint16_t **lg = copy_wstr_array(a, (s)->localPrincipalGroupSids, (s)->numLocalPrincipalGroupSids);       \
    uint16_t **rg = copy_wstr_array(a, (s)->remotePrincipalGroupSids, (s)->numRemotePrincipalGroupSids);     \
    if (d) {                                                                                                 \
      (d)->localPrincipalNameForAuth = ln;                                                                   \
      (d)->remotePrincipalNameForAuth = rn;                                                                  \
      (d)->localPrincipalGroupSids = lg;                                                                     \
      (d)->remotePrincipalGroupSids = rg;                                                                    \
      if (!lg) (d)->numLocalPrincipalGroupSids = 0;                                                          \
      if (!rg) (d)->numRemotePrincipalGroupSids = 0;                                                         \
    }                                                                                                        \
  } while (0)

void fix_net_event(Arena *a, void *dv, const void *sv) {
  SIM_FWPM_NET_EVENT1 *d = dv;
  const SIM_FWPM_NET_EVENT1 *s = sv;
  fix_blob(a, d ? &d->header.appId : NULL, &s->header.appId);
  const SIM_SID *sid = SRC(a, s->header.userId);
  SIM_SID *dsid = sid ? ar_dup(a, sid, 8 + 4 * (size_t)sid->SubAuthorityCount, 4) : NULL;
  void *payload = NULL;
  switch (s->type) {
  case FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE: {
    const SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 *p = SRC(a, s->ikeMmFailure);
    SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 *q = p ? ar_dup(a, p, sizeof *p, 8) : NULL;
    if (p) FIX_PRINCIPALS(a, q, p);
    payload = q;
    break;
  }
  case FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE: {
    const SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 *p = SRC(a, s->ikeQmFailure);
    SIM_FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 *q = p ? ar_dup(a, p, sizeof *p, 8) : NULL;
    if (p) {
      fix_value_slot(a, p->localSubNet.type, q ? (void *)&q->localSubNet.uint64 : NULL, &p->localSubNet.uint64);
      fix_value_slot(a, p->remoteSubNet.type, q ? (void *)&q->remoteSubNet.uint64 : NULL, &p->remoteSubNet.uint64);
    }
    payload = q;
    break;
  }
  case FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE: {
    const SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *p = SRC(a, s->ikeEmFailure);
    SIM_FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *q = p ? ar_dup(a, p, sizeof *p, 8) : NULL;
    if (p) FIX_PRINCIPALS(a, q, p);
    payload = q;
    break;
  }
  case FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP: {
    const SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *p = SRC(a, s->ipsecDrop);
    payload = p ? ar_dup(a, p, sizeof *p, 8) : NULL;
    break;
  }
  default: break; /* other payloads are not simulated (SimInjectNetEvent refuses them) */
  }
  if (d) {
    d->header.userId = dsid;
    d->ikeMmFailure = payload;
  }
}

/* A page of FWPM_NET_EVENT1 entries (pointer array + entries + payloads) in one caller-owned block. */
void *dc_net_event_page(SIM_FWPM_NET_EVENT1 *const *events, uint32_t n) {
  Arena a = {0};
  ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    ar_alloc(&a, sizeof **events, 8);
    fix_net_event(&a, NULL, events[i]);
  }
  uint8_t *blk = sim_caller_alloc(a.off);
  if (!blk) return NULL;
  a.base = blk;
  a.off = 0;
  void **arr = ar_alloc(&a, n * sizeof(void *), 8);
  for (uint32_t i = 0; i < n; i++) {
    arr[i] = ar_dup(&a, events[i], sizeof **events, 8);
    fix_net_event(&a, arr[i], events[i]);
  }
  return arr;
}

