/*
 * sa.c -- manually keyed SA contexts (Microsoft: manual-ipsec-sas): IPsecSaContextCreate1 -> GetSpi1 (or SetSpi0) -> AddInbound1 ->
 * AddOutbound1, DeleteById0, and enumeration. Out-of-order calls give FWP_E_INCOMPATIBLE_SA_STATE, a second
 * GetSpi with different traffic FWP_E_TRAFFIC_MISMATCH, an unknown id FWP_E_NOT_FOUND; none of these calls is
 * allowed inside an explicit transaction (FWP_E_TXN_IN_PROGRESS) or from a dynamic session
 * (FWP_E_DYNAMIC_SESSION_IN_PROGRESS). SA contexts live in memory and, with a state file, in it too (each
 * SA call commits it like a persistent change), so another process sees them; a BFE start (FWPSIM_BOOT,
 * SimBoot) drops them, as they are not persistent on Windows. Key material is never kept: the stored (and
 * enumerated) bundles carry empty key blobs.
 */
#include "sim.h"

enum { EN_SA_CONTEXTS, EN_IPSEC_SAS, EN_IKE_SAS, EN_NET_EVENTS };

typedef struct SaEnum {
  struct SaEnum *next;
  int kind;
  uintptr_t handle;
  uint64_t owner;
  uint64_t *ids;
  size_t n, pos;
} SaEnum;

static SaEnum *saEnums;

static SaCtx *sa_find(uint64_t id) {
  for (SaCtx *c = E.saCtxs; c; c = c->next)
    if (c->id == id) return c;
  return NULL;
}

static void sa_free(SaCtx *c) {
  free(c->in);
  free(c->out);
  free(c);
}

void sa_free_list(SaCtx *list) {
  while (list) {
    SaCtx *c = list;
    list = c->next;
    sa_free(c);
  }
}

void sa_replace_all(SaCtx *list) {
  sa_free_list(E.saCtxs);
  E.saCtxs = list;
}

/* ---- SA contexts in the state file: SaFile, then the inbound and outbound details blocks (8-aligned) ---- */

typedef struct SaFile {
  uint64_t id;
  uint32_t state;
  uint32_t spi;
  SIM_IPSEC_TRAFFIC1 outbound, inbound;
  uint64_t inBase, inSize, outBase, outSize; /* each block's address when written, and its size (0: none) */
} SaFile;
_Static_assert(sizeof(SaFile) % 8 == 0, "details blocks stay 8-byte aligned");

void sa_serialize(const SaCtx *c, Buf *b) {
  SaFile f;
  memset(&f, 0, sizeof f);
  f.id = c->id;
  f.state = (uint32_t)c->state;
  f.spi = c->spi;
  f.outbound = c->outbound;
  f.inbound = c->inbound;
  f.inBase = (uint64_t)(uintptr_t)c->in;
  f.inSize = c->in ? c->inSize : 0;
  f.outBase = (uint64_t)(uintptr_t)c->out;
  f.outSize = c->out ? c->outSize : 0;
  buf_put(b, &f, sizeof f);
  if (c->in) {
    buf_put(b, c->in, c->inSize);
    buf_pad8(b);
  }
  if (c->out) {
    buf_put(b, c->out, c->outSize);
    buf_pad8(b);
  }
}

static SIM_IPSEC_SA_DETAILS1 *load_details(const uint8_t *p, size_t n, size_t *off, uint64_t base, uint64_t size,
                                           size_t *outSize, const char **why) {
  uint64_t padded = (size + 7) & ~(uint64_t)7;
  if (size > n - *off || padded > n - *off) {
    *why = "an SA details block past the end of its record";
    return NULL;
  }
  SIM_IPSEC_SA_DETAILS1 *d =
      dc_load(sizeof(SIM_IPSEC_SA_DETAILS1), fix_sa_details, p + *off, (size_t)size, base, outSize, why);
  *off += (size_t)padded;
  return d;
}

SaCtx *sa_deserialize(const uint8_t *p, size_t n, uint64_t recId, uint64_t nextId, const SaCtx *prior,
                      const char **why) {
  SaFile f;
  *why = NULL;
  if (n < sizeof f) {
    *why = "an SA record shorter than its header";
    return NULL;
  }
  memcpy(&f, p, sizeof f);
  if (f.id == 0 || f.id != recId || f.id >= nextId) *why = "an SA context id that does not fit the file's counters";
  else if (f.state < SA_CREATED || f.state > SA_COMPLETE) *why = "an unknown SA context state";
  else if ((f.inSize != 0) != (f.state >= SA_INBOUND) || (f.outSize != 0) != (f.state == SA_COMPLETE))
    *why = "SA details that do not fit the context's state";
  for (const SaCtx *c = prior; c && !*why; c = c->next)
    if (c->id == f.id) *why = "two SA contexts with one id";
  if (*why) return NULL;
  SaCtx *c = calloc(1, sizeof *c);
  if (!c) {
    *why = "out of memory";
    return NULL;
  }
  c->id = f.id;
  c->state = (int)f.state;
  c->spi = f.spi;
  c->outbound = f.outbound;
  c->inbound = f.inbound;
  size_t off = sizeof f;
  if (f.inSize) c->in = load_details(p, n, &off, f.inBase, f.inSize, &c->inSize, why);
  if (!*why && f.outSize) c->out = load_details(p, n, &off, f.outBase, f.outSize, &c->outSize, why);
  if (!*why && off != n) *why = "bytes after an SA record's details";
  if (*why) {
    sa_free(c);
    return NULL;
  }
  return c;
}

/* enumeration handles die with their session */
void sa_session_closed(uint64_t serial) {
  netev_session_closed(serial);
  for (SaEnum **pp = &saEnums; *pp;) {
    SaEnum *e = *pp;
    if (e->owner == serial) {
      *pp = e->next;
      free(e->ids);
      free(e);
    } else {
      pp = &e->next;
    }
  }
}

void stats_reset(void);

void sa_reset(void) {
  netev_reset();
  stats_reset();
  sa_replace_all(NULL);
  while (saEnums) {
    SaEnum *e = saEnums;
    saEnums = e->next;
    free(e->ids);
    free(e);
  }
}

/* A successful SA call changes what the state file holds: its implicit transaction writes the file. */
static uint32_t sa_changed(Session *s, uint32_t rc) {
  if (rc == 0) s->dirty = true;
  return rc;
}

static uint32_t sa_precheck(void *h, Session **out) {
  Session *s = session_get(h);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn) return FWP_E_TXN_IN_PROGRESS;
  if (s->flags & FWPM_SESSION_FLAG_DYNAMIC) return FWP_E_DYNAMIC_SESSION_IN_PROGRESS;
  *out = s;
  return 0;
}

static uint32_t sa_create(const SIM_IPSEC_TRAFFIC1 *t, uint64_t *inboundFilterId, uint64_t *id) {
  if (t->ipVersion > FWP_IP_VERSION_V6 || t->trafficType > IPSEC_TRAFFIC_TYPE_TUNNEL) return FWP_E_INVALID_PARAMETER;
  if (t->trafficType == IPSEC_TRAFFIC_TYPE_TRANSPORT && !store_find_id(K_FILTER, t->ipsecFilterId))
    return FWP_E_FILTER_NOT_FOUND;
  /* inboundFilterId is [out, optional] (IPsecSaContextCreate1): BFE returns its cached inbound filter id "or 0"
   * when it has none. fwpsim never caches, so it always writes 0 and the caller must find the filter itself. */
  if (inboundFilterId) *inboundFilterId = 0;
  SaCtx *c = calloc(1, sizeof *c);
  c->id = E.nextSaContextId++;
  c->state = SA_CREATED;
  c->outbound = *t;
  c->next = E.saCtxs;
  E.saCtxs = c;
  *id = c->id;
  return 0;
}

SIMAPI uint32_t IPsecSaContextCreate1(void *engineHandle, const SIM_IPSEC_TRAFFIC1 *outboundTraffic,
                                      const SIM_IPSEC_VIRTUAL_IF_TUNNEL_INFO0 *virtualIfTunnelInfo,
                                      uint64_t *inboundFilterId, uint64_t *id) {
  (void)virtualIfTunnelInfo;
  Session *s = NULL;
  uint32_t rc = sa_precheck(engineHandle, &s);
  if (rc) return rc;
  if (!outboundTraffic || !id) return FWP_E_NULL_POINTER;
  Mut m;
  rc = mut_begin(s, "IPsecSaContextCreate1", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_create(outboundTraffic, inboundFilterId, id)));
}

static bool same_traffic(const SIM_IPSEC_TRAFFIC1 *a, const SIM_IPSEC_TRAFFIC1 *b) {
  return a->ipVersion == b->ipVersion && memcmp(a->localV6Address, b->localV6Address, 16) == 0 &&
         memcmp(a->remoteV6Address, b->remoteV6Address, 16) == 0 && a->trafficType == b->trafficType &&
         a->ipsecFilterId == b->ipsecFilterId && a->remotePort == b->remotePort && a->localPort == b->localPort &&
         a->ipProtocol == b->ipProtocol;
}

static uint32_t sa_get_spi(uint64_t id, const SIM_IPSEC_GETSPI1 *g, uint32_t *spi) {
  SaCtx *c = sa_find(id);
  if (!c) return FWP_E_NOT_FOUND;
  if (c->state == SA_SPI) {
    if (!same_traffic(&c->inbound, &g->inboundIpsecTraffic)) return FWP_E_TRAFFIC_MISMATCH;
    *spi = c->spi;
    return 0;
  }
  if (c->state != SA_CREATED) return FWP_E_INCOMPATIBLE_SA_STATE;
  c->inbound = g->inboundIpsecTraffic;
  c->spi = 0x100 + (uint32_t)((c->id * 2654435761u) & 0x0fffffffu); /* SPIs 0..255 are reserved */
  c->state = SA_SPI;
  *spi = c->spi;
  return 0;
}

/* IPsecSaContextSetSpi0: the caller chooses the inbound SPI instead of GetSpi1 allocating one. SPIs 0..255 are
 * reserved (RFC 4303 2.1): FWP_E_INVALID_PARAMETER (sim choice, the page names no code). */
static uint32_t sa_set_spi(uint64_t id, const SIM_IPSEC_GETSPI1 *g, uint32_t spi) {
  SaCtx *c = sa_find(id);
  if (!c) return FWP_E_NOT_FOUND;
  if (c->state != SA_CREATED) return FWP_E_INCOMPATIBLE_SA_STATE;
  if (spi < 256) return FWP_E_INVALID_PARAMETER;
  c->inbound = g->inboundIpsecTraffic;
  c->spi = spi;
  c->state = SA_SPI;
  return 0;
}

SIMAPI uint32_t IPsecSaContextSetSpi0(void *engineHandle, uint64_t id, const SIM_IPSEC_GETSPI1 *getSpi,
                                      uint32_t inboundSpi) {
  Session *s = NULL;
  uint32_t rc = sa_precheck(engineHandle, &s);
  if (rc) return rc;
  if (!getSpi) return FWP_E_NULL_POINTER;
  Mut m;
  rc = mut_begin(s, "IPsecSaContextSetSpi0", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_set_spi(id, getSpi, inboundSpi)));
}

SIMAPI uint32_t IPsecSaContextGetSpi1(void *engineHandle, uint64_t id, const SIM_IPSEC_GETSPI1 *getSpi,
                                      uint32_t *inboundSpi) {
  Session *s = NULL;
  uint32_t rc = sa_precheck(engineHandle, &s);
  if (rc) return rc;
  if (!getSpi || !inboundSpi) return FWP_E_NULL_POINTER;
  Mut m;
  rc = mut_begin(s, "IPsecSaContextGetSpi1", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_get_spi(id, getSpi, inboundSpi)));
}

/* Store one direction: details = {traffic, bundle} deep-copied, key material wiped. */
static SIM_IPSEC_SA_DETAILS1 *store_details(const SIM_IPSEC_TRAFFIC1 *traffic, uint32_t direction,
                                            const SIM_IPSEC_SA_BUNDLE1 *b, size_t *size) {
  SIM_IPSEC_SA_DETAILS1 d;
  memset(&d, 0, sizeof d);
  d.ipVersion = traffic->ipVersion;
  d.saDirection = direction;
  d.traffic = *traffic;
  d.saBundle = *b;
  SIM_IPSEC_SA_DETAILS1 *c = dc_generic_sized(&d, sizeof d, fix_sa_details, size);
  for (uint32_t i = 0; c && i < c->saBundle.numSAs; i++) {
    SIM_IPSEC_SA0 *sa = &c->saBundle.saList[i];
    SIM_FWP_BYTE_BLOB *keys[2] = {NULL, NULL};
    switch (sa->saTransformType) {
    case IPSEC_TRANSFORM_AH: case IPSEC_TRANSFORM_ESP_AUTH: case IPSEC_TRANSFORM_ESP_AUTH_FW:
      if (sa->ahInformation) keys[0] = &sa->ahInformation->authKey;
      break;
    case IPSEC_TRANSFORM_ESP_CIPHER:
      if (sa->espCipherInformation) keys[0] = &sa->espCipherInformation->cipherKey;
      break;
    case IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER:
      if (sa->espAuthAndCipherInformation) {
        keys[0] = &sa->espAuthAndCipherInformation->saCipherInformation.cipherKey;
        keys[1] = &sa->espAuthAndCipherInformation->saAuthInformation.authKey;
      }
      break;
    default: break;
    }
    for (int k = 0; k < 2; k++) {
      if (!keys[k]) continue;
      if (keys[k]->data) memset(keys[k]->data, 0, keys[k]->size);
      keys[k]->size = 0;
      keys[k]->data = NULL;
    }
  }
  if (!c) return NULL;
  /* copy once more without the wiped key space: a stored block is exactly its deep copy (the state file's
   * loader checks that) */
  SIM_IPSEC_SA_DETAILS1 *tight = dc_generic_sized(c, sizeof *c, fix_sa_details, size);
  free(c);
  return tight;
}

static uint32_t check_bundle(const SIM_IPSEC_SA_BUNDLE1 *b) {
  if (!b->numSAs) return FWP_E_ZERO_LENGTH_ARRAY;
  if (bad_ptr(b->saList)) return FWP_E_NULL_POINTER;
  for (uint32_t i = 0; i < b->numSAs; i++) {
    const SIM_IPSEC_SA0 *sa = &b->saList[i];
    if (sa->saTransformType < IPSEC_TRANSFORM_AH || sa->saTransformType > IPSEC_TRANSFORM_ESP_AUTH_FW)
      return FWP_E_INVALID_PARAMETER;
    if (bad_ptr(sa->ahInformation)) return FWP_E_NULL_POINTER;
  }
  return 0;
}

/* The inbound SAs must use the SPI reserved for this context by GetSpi1 or SetSpi0 (the IPSEC_GETSPI1 /
 * IPsecSaContextGetSpi1 sequence): an SA with another SPI would never match the packets the peer sends.
 * FWP_E_INVALID_PARAMETER is a sim choice (the pages name no code); docs/windows-verification.md lists it. */
static bool inbound_spi_reserved(const SaCtx *c, const SIM_IPSEC_SA_BUNDLE1 *b) {
  for (uint32_t i = 0; i < b->numSAs; i++)
    if (b->saList[i].spi != c->spi) return false;
  return true;
}

static uint32_t sa_add(uint64_t id, const SIM_IPSEC_SA_BUNDLE1 *b, bool inbound) {
  SaCtx *c = sa_find(id);
  if (!c) return FWP_E_NOT_FOUND;
  if (c->state != (inbound ? SA_SPI : SA_INBOUND)) return FWP_E_INCOMPATIBLE_SA_STATE;
  uint32_t rc = check_bundle(b);
  if (rc) return rc;
  if (inbound && !inbound_spi_reserved(c, b)) return FWP_E_INVALID_PARAMETER;
  if (inbound) c->in = store_details(&c->inbound, FWP_DIRECTION_INBOUND, b, &c->inSize);
  else c->out = store_details(&c->outbound, FWP_DIRECTION_OUTBOUND, b, &c->outSize);
  c->state = inbound ? SA_INBOUND : SA_COMPLETE;
  return 0;
}

SIMAPI uint32_t IPsecSaContextAddInbound1(void *engineHandle, uint64_t id, const SIM_IPSEC_SA_BUNDLE1 *inboundBundle) {
  Session *s = NULL;
  uint32_t rc = sa_precheck(engineHandle, &s);
  if (rc) return rc;
  if (!inboundBundle) return FWP_E_NULL_POINTER;
  Mut m;
  rc = mut_begin(s, "IPsecSaContextAddInbound1", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_add(id, inboundBundle, true)));
}

SIMAPI uint32_t IPsecSaContextAddOutbound1(void *engineHandle, uint64_t id, const SIM_IPSEC_SA_BUNDLE1 *outboundBundle) {
  Session *s = NULL;
  uint32_t rc = sa_precheck(engineHandle, &s);
  if (rc) return rc;
  if (!outboundBundle) return FWP_E_NULL_POINTER;
  Mut m;
  rc = mut_begin(s, "IPsecSaContextAddOutbound1", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_add(id, outboundBundle, false)));
}

static uint32_t sa_delete(uint64_t id) {
  for (SaCtx **pp = &E.saCtxs; *pp; pp = &(*pp)->next) {
    if ((*pp)->id == id) {
      SaCtx *c = *pp;
      *pp = c->next;
      sa_free(c);
      return 0;
    }
  }
  return FWP_E_NOT_FOUND;
}

SIMAPI uint32_t IPsecSaContextDeleteById0(void *engineHandle, uint64_t id) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn) return FWP_E_TXN_IN_PROGRESS;
  Mut m;
  uint32_t rc = mut_begin(s, "IPsecSaContextDeleteById0", &m);
  return rc ? rc : mut_end(&m, sa_changed(s, sa_delete(id)));
}

/* Enumeration: the handle snapshots the ids; contexts deleted meanwhile are skipped. The template's subnet
 * filters are not simulated. */
/* ids: SA context ids (EN_SA_CONTEXTS) or id*2 + direction of each installed SA (EN_IPSEC_SAS); IKE SAs and
 * net events: filled in by the net-event functions below (IKE SAs: empty, a simulator negotiates nothing). */
static uint32_t other_enum_create(void *engineHandle, int kind, void **enumHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!enumHandle) return FWP_E_NULL_POINTER;
  uint32_t fresh = state_refresh_for_read(); /* SA contexts another process changed */
  if (fresh) return fresh;
  SaEnum *e = calloc(1, sizeof *e);
  size_t n = 0;
  for (SaCtx *c = E.saCtxs; c; c = c->next) n += 2;
  e->ids = malloc((n ? n : 1) * sizeof *e->ids);
  for (SaCtx *c = E.saCtxs; c; c = c->next) {
    if (kind == EN_SA_CONTEXTS) e->ids[e->n++] = c->id;
    if (kind == EN_IPSEC_SAS && c->in) e->ids[e->n++] = c->id * 2;
    if (kind == EN_IPSEC_SAS && c->out) e->ids[e->n++] = c->id * 2 + 1;
  }
  e->kind = kind;
  e->owner = s->serial;
  e->handle = (uintptr_t)new_handle();
  e->next = saEnums;
  saEnums = e;
  *enumHandle = (void *)e->handle;
  return 0;
}

static SaEnum *sa_enum_find(const Session *s, void *h, int kind) {
  for (SaEnum *e = saEnums; e; e = e->next)
    if (e->handle == (uintptr_t)h && e->owner == s->serial && e->kind == kind) return e;
  return NULL;
}

SIMAPI uint32_t IPsecSaContextEnum1(void *engineHandle, void *enumHandle, uint32_t numEntriesRequested,
                                    SIM_IPSEC_SA_CONTEXT1 ***entries, uint32_t *numEntriesReturned) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!entries || !numEntriesReturned) return FWP_E_NULL_POINTER;
  *entries = NULL;
  *numEntriesReturned = 0;
  SaEnum *e = sa_enum_find(s, enumHandle, EN_SA_CONTEXTS);
  if (!e) return FWP_E_INVALID_ENUMERATOR;
  SIM_IPSEC_SA_CONTEXT1 *page = malloc((numEntriesRequested ? numEntriesRequested : 1) * sizeof *page);
  uint32_t n = 0;
  while (n < numEntriesRequested && e->pos < e->n) {
    SaCtx *c = sa_find(e->ids[e->pos++]);
    if (!c) continue;
    page[n].saContextId = c->id;
    page[n].inboundSa = c->in;
    page[n].outboundSa = c->out;
    n++;
  }
  if (n) {
    *entries = dc_sa_page(page, n);
    *numEntriesReturned = *entries ? n : 0;
  }
  free(page);
  return n && !*entries ? ERROR_NOT_ENOUGH_MEMORY : 0;
}

static uint32_t other_enum_destroy(void *engineHandle, void *enumHandle, int kind) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  for (SaEnum **pp = &saEnums; *pp; pp = &(*pp)->next) {
    if ((*pp)->handle == (uintptr_t)enumHandle && (*pp)->owner == s->serial && (*pp)->kind == kind) {
      SaEnum *e = *pp;
      *pp = e->next;
      free(e->ids);
      free(e);
      return 0;
    }
  }
  return FWP_E_INVALID_ENUMERATOR;
}

SIMAPI uint32_t IPsecSaContextCreateEnumHandle0(void *engineHandle, const SIM_IPSEC_SA_CONTEXT_ENUM_TEMPLATE0 *t,
                                                void **enumHandle) {
  (void)t; /* subnet filters are not simulated */
  return other_enum_create(engineHandle, EN_SA_CONTEXTS, enumHandle);
}
SIMAPI uint32_t IPsecSaContextDestroyEnumHandle0(void *engineHandle, void *enumHandle) {
  return other_enum_destroy(engineHandle, enumHandle, EN_SA_CONTEXTS);
}

/* IPsecSaEnum1: the SAs installed through manual SA contexts, one IPSEC_SA_DETAILS1 per direction. */
SIMAPI uint32_t IPsecSaCreateEnumHandle0(void *engineHandle, const void *enumTemplate, void **enumHandle) {
  (void)enumTemplate;
  return other_enum_create(engineHandle, EN_IPSEC_SAS, enumHandle);
}
SIMAPI uint32_t IPsecSaEnum1(void *engineHandle, void *enumHandle, uint32_t numEntriesRequested,
                             SIM_IPSEC_SA_DETAILS1 ***entries, uint32_t *numEntriesReturned) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!entries || !numEntriesReturned) return FWP_E_NULL_POINTER;
  *entries = NULL;
  *numEntriesReturned = 0;
  SaEnum *e = sa_enum_find(s, enumHandle, EN_IPSEC_SAS);
  if (!e) return FWP_E_INVALID_ENUMERATOR;
  SIM_IPSEC_SA_DETAILS1 **page = malloc((numEntriesRequested ? numEntriesRequested : 1) * sizeof *page);
  uint32_t n = 0;
  while (n < numEntriesRequested && e->pos < e->n) {
    uint64_t v = e->ids[e->pos++];
    SaCtx *c = sa_find(v / 2);
    SIM_IPSEC_SA_DETAILS1 *d = c ? ((v & 1) ? c->out : c->in) : NULL;
    if (d) page[n++] = d;
  }
  if (n) {
    *entries = dc_details_page(page, n);
    *numEntriesReturned = *entries ? n : 0;
  }
  free(page);
  return n && !*entries ? ERROR_NOT_ENOUGH_MEMORY : 0;
}
SIMAPI uint32_t IPsecSaDestroyEnumHandle0(void *engineHandle, void *enumHandle) {
  return other_enum_destroy(engineHandle, enumHandle, EN_IPSEC_SAS);
}

/* Always-empty enumerations with real handle checking: no IKE negotiation, no traffic. */
static uint32_t empty_enum(void *engineHandle, void *enumHandle, int kind, void **entries, uint32_t *got) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!entries || !got) return FWP_E_NULL_POINTER;
  *entries = NULL;
  *got = 0;
  return sa_enum_find(s, enumHandle, kind) ? 0 : FWP_E_INVALID_ENUMERATOR;
}
SIMAPI uint32_t IkeextSaCreateEnumHandle0(void *engineHandle, const void *enumTemplate, void **enumHandle) {
  (void)enumTemplate;
  return other_enum_create(engineHandle, EN_IKE_SAS, enumHandle);
}
SIMAPI uint32_t IkeextSaEnum2(void *engineHandle, void *enumHandle, uint32_t numEntriesRequested, void **entries,
                              uint32_t *numEntriesReturned) {
  (void)numEntriesRequested;
  return empty_enum(engineHandle, enumHandle, EN_IKE_SAS, entries, numEntriesReturned);
}
SIMAPI uint32_t IkeextSaDestroyEnumHandle0(void *engineHandle, void *enumHandle) {
  return other_enum_destroy(engineHandle, enumHandle, EN_IKE_SAS);
}
/* IkeextSaDeleteById0 (learn.microsoft.com api/fwpmu/nf-fwpmu-ikeextsadeletebyid0): a simulator negotiates
 * nothing, so there is never an IKE SA with that id. Not inside a transaction (as the other SA calls). */
SIMAPI uint32_t IkeextSaDeleteById0(void *engineHandle, uint64_t id) {
  (void)id;
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn) return FWP_E_TXN_IN_PROGRESS;
  return FWP_E_NOT_FOUND;
}
/* ---- net events (the list, injection and subscriptions are in netevents.c) ---------------------------------
 * FwpmNetEventEnum1 returns the recorded events as FWPM_NET_EVENT1 pages; the enum template's
 * startTime/endTime window (inclusive) is honoured, its filter conditions are not simulated.
 * FwpmNetEventEnum5 (FWPM_NET_EVENT5) is not simulated and returns no entries. */

static uint64_t filetime_u64(const SIM_FILETIME *t) {
  return ((uint64_t)t->dwHighDateTime << 32) | t->dwLowDateTime;
}

/* The handle snapshots the indices of the events inside the template's time window. */
SIMAPI uint32_t FwpmNetEventCreateEnumHandle0(void *engineHandle, const SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 *t,
                                              void **enumHandle) {
  Session *s = session_get(engineHandle);
  if (s && netev_session_severed(s)) return RPC_S_SERVER_UNAVAILABLE;
  uint32_t rc = other_enum_create(engineHandle, EN_NET_EVENTS, enumHandle);
  if (rc) return rc;
  netev_sync(); /* events other processes injected into the journal */
  size_t numNetEvents = netev_count();
  SaEnum *e = saEnums; /* other_enum_create pushed it */
  free(e->ids);
  e->ids = malloc((numNetEvents ? numNetEvents : 1) * sizeof *e->ids);
  e->n = 0;
  if (!e->ids) {
    other_enum_destroy(engineHandle, *enumHandle, EN_NET_EVENTS);
    *enumHandle = NULL;
    return ERROR_NOT_ENOUGH_MEMORY;
  }
  uint64_t lo = t ? filetime_u64(&t->startTime) : 0, hi = t ? filetime_u64(&t->endTime) : UINT64_MAX;
  for (size_t i = 0; i < numNetEvents; i++) {
    uint64_t ts = filetime_u64(&netev_at(i)->header.timeStamp);
    if (ts >= lo && ts <= hi) e->ids[e->n++] = i;
  }
  return 0;
}

SIMAPI uint32_t FwpmNetEventEnum1(void *engineHandle, void *enumHandle, uint32_t numEntriesRequested,
                                  SIM_FWPM_NET_EVENT1 ***entries, uint32_t *numEntriesReturned) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!entries || !numEntriesReturned) return FWP_E_NULL_POINTER;
  *entries = NULL;
  *numEntriesReturned = 0;
  if (netev_session_severed(s)) return RPC_S_SERVER_UNAVAILABLE;
  SaEnum *e = sa_enum_find(s, enumHandle, EN_NET_EVENTS);
  if (!e) return FWP_E_INVALID_ENUMERATOR;
  SIM_FWPM_NET_EVENT1 **page = malloc((numEntriesRequested ? numEntriesRequested : 1) * sizeof *page);
  if (!page) return ERROR_NOT_ENOUGH_MEMORY;
  uint32_t n = 0;
  while (n < numEntriesRequested && e->pos < e->n) {
    SIM_FWPM_NET_EVENT1 *ev = netev_at(e->ids[e->pos++]);
    if (ev) page[n++] = ev;
  }
  if (n) {
    *entries = dc_net_event_page(page, n);
    *numEntriesReturned = *entries ? n : 0;
  }
  free(page);
  return n && !*entries ? ERROR_NOT_ENOUGH_MEMORY : 0;
}

SIMAPI uint32_t FwpmNetEventEnum5(void *engineHandle, void *enumHandle, uint32_t numEntriesRequested, void **entries,
                                  uint32_t *numEntriesReturned) {
  (void)numEntriesRequested;
  return empty_enum(engineHandle, enumHandle, EN_NET_EVENTS, entries, numEntriesReturned);
}
SIMAPI uint32_t FwpmNetEventDestroyEnumHandle0(void *engineHandle, void *enumHandle) {
  return other_enum_destroy(engineHandle, enumHandle, EN_NET_EVENTS);
}
