/*
 * enum.c -- enumeration handles for providers, sublayers, provider contexts and filters.
 * A handle holds a snapshot (referenced objects) taken when it is created; each *Enum* call returns up to
 * numEntriesRequested entries as ONE caller-owned block (the pointer array plus every entry and its
 * pointees), freed with a single FwpmFreeMemory0. A handle belongs to the session that created it.
 *
 * Template semantics (as on Windows): filter templates match providerKey, layerKey (zero = any layer),
 * actionMask (a filter matches when action.type & actionMask != 0, so pass 0xFFFFFFFF for all), calloutKey
 * and providerContextTemplate; filter conditions / enumType in a template are not simulated (ignored).
 * Provider-context templates match providerKey and providerContextType, where a type >=
 * FWPM_PROVIDER_CONTEXT_TYPE_MAX (13, e.g. 0xFFFFFFFF) means any type.
 */
#include "sim.h"

#define ENUM_MAGIC 0x454e554du

static bool opt_key_match(const SIM_GUID *want, const SIM_GUID *have) {
  if (!want) return true;
  return have && guid_eq(want, have);
}

static bool context_match(const Obj *o, const SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *t) {
  const SIM_FWPM_PROVIDER_CONTEXT3 *pc = o->data;
  if (!opt_key_match(t->providerKey, pc->providerKey)) return false;
  return t->providerContextType >= FWPM_PROVIDER_CONTEXT_TYPE_MAX || t->providerContextType == pc->type;
}

/* A filter BFE disabled at start is left out unless the template asks for it with
 * FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED ("ignored if the FWP_FILTER_ENUM_FLAG_BOOTTIME_ONLY flag is set",
 * ns-fwpmtypes-fwpm_filter_enum_template0). A NULL template ("all filters are returned",
 * FwpmFilterCreateEnumHandle0) leaves them out too: the strict reading, windows-verification.md P2. */
static bool disabled_hidden(const SIM_FWPM_FILTER0 *f, const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t) {
  if (!(f->flags & FWPM_FILTER_FLAG_DISABLED)) return false;
  return !t || !(t->flags & FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED) || (t->flags & FWP_FILTER_ENUM_FLAG_BOOTTIME_ONLY);
}

static bool filter_match(const Obj *o, const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t) {
  const SIM_FWPM_FILTER0 *f = o->data;
  if (!opt_key_match(t->providerKey, f->providerKey)) return false;
  if (!guid_is_zero(&t->layerKey) && !guid_eq(&t->layerKey, &f->layerKey)) return false;
  if (!(f->action.type & t->actionMask)) return false;
  if (t->calloutKey && (!(f->action.type & 0x4000) || !guid_eq(t->calloutKey, &f->action.calloutKey))) return false;
  if (t->providerContextTemplate) {
    if (!(f->flags & FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT)) return false;
    Obj *ctx = store_find(K_CONTEXT, &f->providerContextKey);
    if (!ctx || !context_match(ctx, t->providerContextTemplate)) return false;
  }
  return true;
}

static bool matches(int kind, const Obj *o, const void *tmpl) {
  if (kind == K_FILTER && disabled_hidden(o->data, tmpl)) return false;
  if (!tmpl) return true;
  switch (kind) {
  case K_SUBLAYER: {
    const SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0 *t = tmpl;
    return opt_key_match(t->providerKey, ((const SIM_FWPM_SUBLAYER0 *)o->data)->providerKey);
  }
  case K_CONTEXT: return context_match(o, tmpl);
  case K_FILTER: return filter_match(o, tmpl);
  default: return true;
  }
}

static uint32_t enum_create(void *engineHandle, int kind, const void *tmpl, void **enumHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!enumHandle) return FWP_E_NULL_POINTER;
  *enumHandle = NULL;
  if (kind == K_FILTER && tmpl) {
    const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t = tmpl;
    if (!guid_is_zero(&t->layerKey) && !layer_find(&t->layerKey)) return FWP_E_LAYER_NOT_FOUND;
    if (t->numFilterConditions && bad_ptr(t->filterCondition)) return FWP_E_NULL_POINTER;
  }
  uint32_t fresh = state_refresh_for_read();
  if (fresh) return fresh;
  Store *st = &E.st[kind];
  EnumH *e = calloc(1, sizeof *e);
  e->items = malloc((st->count ? st->count : 1) * sizeof(Obj *));
  for (Obj *o = st->head; o; o = o->next) {
    if (!matches(kind, o, tmpl)) continue;
    obj_ref(o);
    e->items[e->n++] = o;
  }
  e->magic = ENUM_MAGIC;
  e->kind = kind;
  e->next = s->enums;
  s->enums = e;
  e->handle = (uintptr_t)new_handle();
  *enumHandle = (void *)e->handle;
  return 0;
}

static EnumH *enum_find(Session *s, void *h, int kind) {
  for (EnumH *e = s->enums; e; e = e->next)
    if (e->handle == (uintptr_t)h && e->magic == ENUM_MAGIC && e->kind == kind) return e;
  return NULL;
}

static uint32_t enum_next(void *engineHandle, void *enumHandle, int kind, uint32_t numRequested, void **entries,
                          uint32_t *numReturned) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!entries || !numReturned) return FWP_E_NULL_POINTER;
  *entries = NULL;
  *numReturned = 0;
  EnumH *e = enum_find(s, enumHandle, kind);
  if (!e) return FWP_E_INVALID_ENUMERATOR;
  size_t left = e->n - e->pos;
  uint32_t n = numRequested < left ? numRequested : (uint32_t)left;
  if (!n) return 0;
  *entries = dc_page(kind, e->items + e->pos, n);
  if (!*entries) return ERROR_NOT_ENOUGH_MEMORY;
  e->pos += n;
  *numReturned = n;
  return 0;
}

static void enum_free(EnumH *e) {
  for (size_t i = 0; i < e->n; i++) obj_unref(e->items[i]);
  free(e->items);
  e->magic = 0;
  free(e);
}

static uint32_t enum_destroy(void *engineHandle, void *enumHandle, int kind) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  for (EnumH **pp = &s->enums; *pp; pp = &(*pp)->next) {
    EnumH *e = *pp;
    if (e->handle == (uintptr_t)enumHandle && e->magic == ENUM_MAGIC && e->kind == kind) {
      *pp = e->next;
      enum_free(e);
      return 0;
    }
  }
  return FWP_E_INVALID_ENUMERATOR;
}

void enum_destroy_all(Session *s) {
  while (s->enums) {
    EnumH *e = s->enums;
    s->enums = e->next;
    enum_free(e);
  }
}

/* ---- exports -------------------------------------------------------------------------------------------------- */

SIMAPI uint32_t FwpmProviderCreateEnumHandle0(void *h, const SIM_FWPM_PROVIDER_ENUM_TEMPLATE0 *t, void **eh) {
  return enum_create(h, K_PROVIDER, t, eh);
}
SIMAPI uint32_t FwpmProviderEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_PROVIDER0 ***entries, uint32_t *got) {
  return enum_next(h, eh, K_PROVIDER, n, (void **)entries, got);
}
SIMAPI uint32_t FwpmProviderDestroyEnumHandle0(void *h, void *eh) { return enum_destroy(h, eh, K_PROVIDER); }

SIMAPI uint32_t FwpmSubLayerCreateEnumHandle0(void *h, const SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0 *t, void **eh) {
  return enum_create(h, K_SUBLAYER, t, eh);
}
SIMAPI uint32_t FwpmSubLayerEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_SUBLAYER0 ***entries, uint32_t *got) {
  return enum_next(h, eh, K_SUBLAYER, n, (void **)entries, got);
}
SIMAPI uint32_t FwpmSubLayerDestroyEnumHandle0(void *h, void *eh) { return enum_destroy(h, eh, K_SUBLAYER); }

SIMAPI uint32_t FwpmProviderContextCreateEnumHandle0(void *h, const SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *t,
                                                     void **eh) {
  return enum_create(h, K_CONTEXT, t, eh);
}
SIMAPI uint32_t FwpmProviderContextEnum3(void *h, void *eh, uint32_t n, SIM_FWPM_PROVIDER_CONTEXT3 ***entries,
                                         uint32_t *got) {
  return enum_next(h, eh, K_CONTEXT, n, (void **)entries, got);
}
SIMAPI uint32_t FwpmProviderContextDestroyEnumHandle0(void *h, void *eh) { return enum_destroy(h, eh, K_CONTEXT); }

SIMAPI uint32_t FwpmFilterCreateEnumHandle0(void *h, const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t, void **eh) {
  return enum_create(h, K_FILTER, t, eh);
}
SIMAPI uint32_t FwpmFilterEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_FILTER0 ***entries, uint32_t *got) {
  return enum_next(h, eh, K_FILTER, n, (void **)entries, got);
}
SIMAPI uint32_t FwpmFilterDestroyEnumHandle0(void *h, void *eh) { return enum_destroy(h, eh, K_FILTER); }
