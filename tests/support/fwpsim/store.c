/*
 * store.c -- the object stores: one insertion-ordered list per object kind plus hash indexes by key and
 * (for filters and provider contexts) by runtime id. Objects are reference counted so that undo records
 * and enumeration snapshots can outlive their removal from the store.
 */
#include "sim.h"

bool guid_eq(const SIM_GUID *a, const SIM_GUID *b) { return memcmp(a, b, sizeof *a) == 0; }

bool guid_is_zero(const SIM_GUID *g) {
  static const SIM_GUID z;
  return guid_eq(g, &z);
}

static uint64_t rng_state;

static uint64_t splitmix(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Random (version 4) GUID, as BFE assigns for a zero key. */
void guid_new(SIM_GUID *out) {
  if (!rng_state) rng_state = plat_entropy() | 1;
  uint64_t a = splitmix(), b = splitmix();
  memcpy(out, &a, 8);
  memcpy((uint8_t *)out + 8, &b, 8);
  out->Data3 = (uint16_t)((out->Data3 & 0x0fff) | 0x4000);
  out->Data4[0] = (uint8_t)((out->Data4[0] & 0x3f) | 0x80);
}

/* Pointers below 64 KiB are never valid user-mode addresses on Windows or Linux: a caller that put an
 * inline value where a pointer belongs gets an error instead of a crash inside the simulator. */
bool bad_ptr(const void *p) { return (uintptr_t)p < 0x10000; }

/* ---- hash index (linear probing, backward-shift deletion) -------------------------------------------- */

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

static uint64_t hash_key(const SIM_GUID *g) {
  uint64_t a, b;
  memcpy(&a, g, 8);
  memcpy(&b, (const uint8_t *)g + 8, 8);
  return mix64(a ^ mix64(b));
}

static uint64_t obj_hash(const Map *m, const Obj *o) { return m->byId ? mix64(o->id) : hash_key(&o->key); }

static void map_insert(Map *m, Obj *o, uint64_t h) {
  size_t mask = m->cap - 1, i = h & mask;
  while (m->slot[i]) i = (i + 1) & mask;
  m->slot[i] = o;
  m->tag[i] = (uint32_t)h;
  m->n++;
}

static void map_grow(Map *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  Obj **old = m->slot;
  uint32_t *oldTag = m->tag;
  size_t ocap = m->cap;
  m->slot = calloc(ncap, sizeof(Obj *));
  m->tag = calloc(ncap, sizeof(uint32_t));
  m->cap = ncap;
  m->n = 0;
  for (size_t i = 0; i < ocap; i++)
    if (old[i]) map_insert(m, old[i], oldTag[i]); /* the low 32 bits place it: the capacity stays below 2^32 */
  free(old);
  free(oldTag);
}

void map_put(Map *m, Obj *o) {
  if ((m->n + 1) * 10 > m->cap * 7) map_grow(m);
  map_insert(m, o, obj_hash(m, o));
}

void map_del(Map *m, Obj *o) {
  if (!m->cap) return;
  size_t mask = m->cap - 1, i = obj_hash(m, o) & mask;
  while (m->slot[i] && m->slot[i] != o) i = (i + 1) & mask;
  if (!m->slot[i]) return;
  m->slot[i] = NULL;
  m->n--;
  /* shift later members of the cluster back so lookups need no tombstones */
  size_t j = i;
  for (;;) {
    j = (j + 1) & mask;
    Obj *x = m->slot[j];
    if (!x) break;
    size_t home = m->tag[j] & mask;
    bool between = (i <= j) ? (i < home && home <= j) : (i < home || home <= j);
    if (between) continue;
    m->slot[i] = x;
    m->tag[i] = m->tag[j];
    m->slot[j] = NULL;
    i = j;
  }
}

Obj *map_get_key(const Map *m, const SIM_GUID *key) {
  if (!m->cap) return NULL;
  uint64_t h = hash_key(key);
  size_t mask = m->cap - 1, i = h & mask;
  for (Obj *x; (x = m->slot[i]); i = (i + 1) & mask)
    if (m->tag[i] == (uint32_t)h && guid_eq(&x->key, key)) return x;
  return NULL;
}

Obj *map_get_id(const Map *m, uint64_t id) {
  if (!m->cap) return NULL;
  uint64_t h = mix64(id);
  size_t mask = m->cap - 1, i = h & mask;
  for (Obj *x; (x = m->slot[i]); i = (i + 1) & mask)
    if (m->tag[i] == (uint32_t)h && x->id == id) return x;
  return NULL;
}

/* ---- objects ------------------------------------------------------------------------------------------- */

Obj *obj_new(int kind, void *data, size_t size) {
  Obj *o = calloc(1, sizeof *o);
  o->kind = kind;
  o->data = data;
  o->size = size;
  switch (kind) {
  case K_PROVIDER: o->key = ((SIM_FWPM_PROVIDER0 *)data)->providerKey; break;
  case K_SUBLAYER: o->key = ((SIM_FWPM_SUBLAYER0 *)data)->subLayerKey; break;
  case K_CONTEXT:
    o->key = ((SIM_FWPM_PROVIDER_CONTEXT3 *)data)->providerContextKey;
    o->id = ((SIM_FWPM_PROVIDER_CONTEXT3 *)data)->providerContextId;
    break;
  default:
    o->key = ((SIM_FWPM_FILTER0 *)data)->filterKey;
    o->id = ((SIM_FWPM_FILTER0 *)data)->filterId;
    break;
  }
  return o;
}

void obj_ref(Obj *o) { o->refs++; }

void obj_unref(Obj *o) {
  if (--o->refs == 0) {
    free(o->sd);
    free(o->data);
    free(o);
  }
}

void store_insert(Obj *o) {
  Store *st = &E.st[o->kind];
  o->prev = st->tail;
  o->next = NULL;
  if (st->tail) st->tail->next = o;
  else st->head = o;
  st->tail = o;
  st->count++;
  map_put(&st->byKey, o);
  if (o->kind == K_FILTER || o->kind == K_CONTEXT) map_put(&st->byId, o);
  o->inStore = true;
  if (o->mmPolicy) E.mmPolicyFilters++;
  obj_ref(o);
}

void store_remove(Obj *o) {
  Store *st = &E.st[o->kind];
  if (o->prev) o->prev->next = o->next;
  else st->head = o->next;
  if (o->next) o->next->prev = o->prev;
  else st->tail = o->prev;
  o->prev = o->next = NULL;
  st->count--;
  map_del(&st->byKey, o);
  if (o->kind == K_FILTER || o->kind == K_CONTEXT) map_del(&st->byId, o);
  o->inStore = false;
  if (o->mmPolicy) E.mmPolicyFilters--;
  obj_unref(o);
}

Obj *store_find(int kind, const SIM_GUID *key) { return map_get_key(&E.st[kind].byKey, key); }

Obj *store_find_id(int kind, uint64_t id) { return map_get_id(&E.st[kind].byId, id); }

/* Drop objects of the given lifetime (-1: every non-built-in object), filters first. */
void store_clear(bool keepBuiltins, int onlyLife) {
  for (int k = K_NKINDS - 1; k >= 0; k--) {
    Obj *o = E.st[k].head;
    while (o) {
      Obj *next = o->next;
      bool match = onlyLife < 0 ? (!keepBuiltins || o->life != LIFE_BUILTIN) : o->life == onlyLife;
      if (match) store_remove(o);
      o = next;
    }
  }
}

const SIM_GUID *obj_provider_key(const Obj *o) {
  switch (o->kind) {
  case K_SUBLAYER: return ((SIM_FWPM_SUBLAYER0 *)o->data)->providerKey;
  case K_CONTEXT: return ((SIM_FWPM_PROVIDER_CONTEXT3 *)o->data)->providerKey;
  case K_FILTER: return ((SIM_FWPM_FILTER0 *)o->data)->providerKey;
  default: return NULL;
  }
}

/* ---- lifetimes (README "Semantics": an object may not reference a shorter-lived one) ------------------------------ */

int life_for(const Session *s, bool persistentFlag, uint32_t *rc) {
  *rc = 0;
  bool dynamic = s && (s->flags & FWPM_SESSION_FLAG_DYNAMIC);
  if (dynamic && persistentFlag) {
    /* sim choice (docs/windows-verification.md): a dynamic session cannot create persistent objects */
    *rc = FWP_E_DYNAMIC_SESSION_IN_PROGRESS;
    return LIFE_DYNAMIC;
  }
  if (dynamic) return LIFE_DYNAMIC;
  return persistentFlag ? LIFE_PERSISTENT : LIFE_STATIC;
}

uint32_t life_check(int newLife, const Session *s, const Obj *ref) {
  if (ref->life == LIFE_BUILTIN) return 0;
  if (newLife > ref->life) return FWP_E_LIFETIME_MISMATCH;
  if (ref->life == LIFE_DYNAMIC && (!s || ref->owner != s->serial)) return FWP_E_LIFETIME_MISMATCH;
  return 0;
}

/* UTF-16 must be well formed: a lone surrogate is invalid Unicode (FWP_E_INVALID_PARAMETER, FWPM_DISPLAY_DATA0). */
static bool wstr_valid(const uint16_t *s) {
  for (size_t i = 0; s[i]; i++) {
    if (s[i] >= 0xD800 && s[i] <= 0xDBFF) {
      if (s[i + 1] < 0xDC00 || s[i + 1] > 0xDFFF) return false;
      i++;
    } else if (s[i] >= 0xDC00 && s[i] <= 0xDFFF) {
      return false;
    }
  }
  return true;
}

uint32_t check_display(const SIM_FWPM_DISPLAY_DATA0 *d) {
  if (!d->name) return FWP_E_NULL_DISPLAY_NAME;
  if (bad_ptr(d->name) || (d->description && bad_ptr(d->description))) return FWP_E_NULL_POINTER;
  if (!wstr_valid(d->name) || (d->description && !wstr_valid(d->description))) return FWP_E_INVALID_PARAMETER;
  if (!fid_wstr_printable(d->name) || !fid_wstr_printable(d->description)) return FWP_E_INVALID_PARAMETER;
  return 0;
}
