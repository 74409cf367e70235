/*
 * objects.c -- providers and sublayers: add (validation, key assignment, lifetime), delete (built-in,
 * in-use), get (deep copy owned by the caller).
 */
#include "sim.h"

/* Shared by every Get*ByKey / ById: one caller-owned deep copy, or the kind's NOT_FOUND code. */
uint32_t get_copy(Obj *o, uint32_t notFound, void **out) {
  if (!out) return FWP_E_NULL_POINTER;
  *out = NULL;
  if (!o) return notFound;
  *out = dc_block(o->kind, o->data, NULL, true);
  return *out ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* Store a validated, normalised template as a new object owned by session s. */
Obj *obj_create(Session *s, int kind, const void *tmpl, int life) {
  size_t size = 0;
  void *data = dc_block(kind, tmpl, &size, false);
  Obj *o = obj_new(kind, data, size);
  o->life = life;
  o->owner = life == LIFE_DYNAMIC ? s->serial : 0;
  sec_attach(o);
  obj_add(s, o);
  return o;
}

/* Resolve an optional providerKey reference for an object of lifetime `life`. */
uint32_t check_provider_ref(Session *s, const SIM_GUID *providerKey, int life) {
  if (!providerKey) return 0;
  if (bad_ptr(providerKey)) return FWP_E_NULL_POINTER;
  Obj *p = store_find(K_PROVIDER, providerKey);
  if (!p) return FWP_E_PROVIDER_NOT_FOUND;
  return life_check(life, s, p);
}

/* ---- providers --------------------------------------------------------------------------------------------- */

static uint32_t provider_add(Session *s, const SIM_FWPM_PROVIDER0 *p) {
  uint32_t rc = check_display(&p->displayData);
  if (rc) return rc;
  /* DISABLED "cannot be set when adding new providers" (FWPM_PROVIDER0): only BFE sets it, at start */
  if (p->flags & ~FWPM_PROVIDER_FLAG_PERSISTENT) return FWP_E_INVALID_FLAGS;
  int life = life_for(s, p->flags & FWPM_PROVIDER_FLAG_PERSISTENT, &rc);
  if (rc) return rc;
  SIM_FWPM_PROVIDER0 t = *p;
  if (guid_is_zero(&t.providerKey)) guid_new(&t.providerKey);
  if (store_find(K_PROVIDER, &t.providerKey)) return FWP_E_ALREADY_EXISTS;
  if (t.providerData.size && !t.providerData.data) return FWP_E_NULL_POINTER;
  obj_create(s, K_PROVIDER, &t, life);
  return 0;
}

/* Runs one Add with its object security: the effective descriptor is built (and the caller's checked) first,
 * then every object the add creates gets a copy (security.c). */
static uint32_t with_sd(const void *sd, uint32_t (*add)(Session *, const void *), Session *s, const void *obj) {
  uint8_t *eff;
  uint32_t n;
  uint32_t rc = sec_effective(sd, &eff, &n);
  if (rc) return rc;
  sec_set_pending(eff, n);
  rc = add(s, obj);
  sec_set_pending(NULL, 0);
  free(eff);
  return rc;
}

static uint32_t provider_add_v(Session *s, const void *p) { return provider_add(s, p); }

SIMAPI uint32_t FwpmProviderAdd0(void *engineHandle, const SIM_FWPM_PROVIDER0 *provider, void *sd) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!provider) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmProviderAdd0", &m);
  return rc ? rc : mut_end(&m, with_sd(sd, provider_add_v, s, provider));
}

static uint32_t provider_delete(Session *s, const SIM_GUID *key) {
  Obj *o = store_find(K_PROVIDER, key);
  if (!o) return FWP_E_PROVIDER_NOT_FOUND;
  if (o->life == LIFE_BUILTIN) return FWP_E_BUILTIN_OBJECT;
  if (references_to(K_PROVIDER, key)) return FWP_E_IN_USE;
  obj_del(s, o);
  return 0;
}

SIMAPI uint32_t FwpmProviderDeleteByKey0(void *engineHandle, const SIM_GUID *key) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmProviderDeleteByKey0", &m);
  return rc ? rc : mut_end(&m, provider_delete(s, key));
}

SIMAPI uint32_t FwpmProviderGetByKey0(void *engineHandle, const SIM_GUID *key, SIM_FWPM_PROVIDER0 **provider) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find(K_PROVIDER, key), FWP_E_PROVIDER_NOT_FOUND, (void **)provider);
}

/* ---- sublayers --------------------------------------------------------------------------------------------- */

static uint32_t sublayer_add(Session *s, const SIM_FWPM_SUBLAYER0 *sl) {
  uint32_t rc = check_display(&sl->displayData);
  if (rc) return rc;
  if (sl->flags & ~FWPM_SUBLAYER_FLAG_PERSISTENT) return FWP_E_INVALID_FLAGS;
  int life = life_for(s, sl->flags & FWPM_SUBLAYER_FLAG_PERSISTENT, &rc);
  if (rc) return rc;
  SIM_FWPM_SUBLAYER0 t = *sl;
  if (guid_is_zero(&t.subLayerKey)) guid_new(&t.subLayerKey);
  if (store_find(K_SUBLAYER, &t.subLayerKey)) return FWP_E_ALREADY_EXISTS;
  if ((rc = check_provider_ref(s, t.providerKey, life))) return rc;
  if (t.providerData.size && !t.providerData.data) return FWP_E_NULL_POINTER;
  obj_create(s, K_SUBLAYER, &t, life);
  return 0;
}

static uint32_t sublayer_add_v(Session *s, const void *sl) { return sublayer_add(s, sl); }

SIMAPI uint32_t FwpmSubLayerAdd0(void *engineHandle, const SIM_FWPM_SUBLAYER0 *subLayer, void *sd) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!subLayer) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmSubLayerAdd0", &m);
  return rc ? rc : mut_end(&m, with_sd(sd, sublayer_add_v, s, subLayer));
}

static uint32_t sublayer_delete(Session *s, const SIM_GUID *key) {
  Obj *o = store_find(K_SUBLAYER, key);
  if (!o) return FWP_E_SUBLAYER_NOT_FOUND;
  if (o->life == LIFE_BUILTIN) return FWP_E_BUILTIN_OBJECT;
  if (references_to(K_SUBLAYER, key)) return FWP_E_IN_USE;
  obj_del(s, o);
  return 0;
}

SIMAPI uint32_t FwpmSubLayerDeleteByKey0(void *engineHandle, const SIM_GUID *key) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  Mut m;
  uint32_t rc = mut_begin(s, "FwpmSubLayerDeleteByKey0", &m);
  return rc ? rc : mut_end(&m, sublayer_delete(s, key));
}

SIMAPI uint32_t FwpmSubLayerGetByKey0(void *engineHandle, const SIM_GUID *key, SIM_FWPM_SUBLAYER0 **subLayer) {
  if (!session_get(engineHandle)) return ERROR_INVALID_HANDLE;
  if (!key) return FWP_E_NULL_POINTER;
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  return get_copy(store_find(K_SUBLAYER, key), FWP_E_SUBLAYER_NOT_FOUND, (void **)subLayer);
}
