/*
 * engine.c -- sessions, transactions, persistence and caller-owned memory.
 *
 * Transactions keep an undo log of store insertions/removals: abort (or a failed call inside a transaction)
 * replays it backwards. Calls outside an explicit transaction run in an implicit one. Persistent objects
 * live in the state file (FWPSIM_STATE or SimSetStatePath): reloaded when it changed at open, at transaction
 * begin and before reads outside a transaction; rewritten atomically (temp file + fsync + rename) on commit;
 * `<state>.lock` is held from begin to commit/abort so concurrent processes serialise.
 */
#include <stdio.h>

#include "sim.h"

Engine E;

#define SESSION_MAGIC 0x53455353u
#define CALLER_MAGIC 0x46575053494d424cull
#define STATE_MAGIC "FWPSIMS1"

/* ---- caller-owned memory --------------------------------------------------------------------------------- */

typedef struct CallerHdr {
  uint64_t magic;
  uint64_t size;
} CallerHdr;

void *sim_caller_alloc(size_t n) {
  CallerHdr *h = malloc(sizeof *h + (n ? n : 1));
  if (!h) return NULL;
  h->magic = CALLER_MAGIC;
  h->size = n;
  E.outstanding++;
  return h + 1;
}

/* Frees one block the engine returned and sets *p = NULL; a NULL-valued *p is fine (MS samples do it). */
SIMAPI void FwpmFreeMemory0(void **p) {
  if (!p || !*p) return;
  CallerHdr *h = (CallerHdr *)*p - 1;
  if (h->magic != CALLER_MAGIC) {
    fprintf(stderr, "fwpsim: FwpmFreeMemory0(%p): not a live engine allocation (double free or foreign pointer)\n",
            *p);
    abort();
  }
  h->magic = 0;
  free(h);
  E.outstanding--;
  *p = NULL;
}

/* ---- initialisation and environment hooks ----------------------------------------------------------------- */

void engine_init(void) {
  if (E.inited) return;
  E.inited = true;
  E.st[K_FILTER].byId.byId = true;
  E.st[K_CONTEXT].byId.byId = true;
  E.nextSerial = 1;
  E.nextFilterId = 1;
  E.nextContextId = 1;
  E.nextSaContextId = 1;
  E.nextHandle = 1;
  catalog_install();
}

/* Hooks for spawned CLI tests, read once per process at the first FwpmEngineOpen0. */
static void env_read_once(void) {
  if (E.envRead) return;
  E.envRead = true;
  const char *fail = plat_getenv("FWPSIM_FAIL_AT");
  if (fail && *fail) {
    char *end = NULL;
    unsigned long long n = strtoull(fail, &end, 10);
    if (end && *end == ':' && n > 0) {
      E.failAt = n; /* the n-th mutating call of this process, counted from 1 */
      E.failCode = (uint32_t)strtoul(end + 1, NULL, 0);
    }
  }
  const char *delay = plat_getenv("FWPSIM_DELAY_US");
  if (delay && *delay) E.delayUs = (uint32_t)strtoul(delay, NULL, 10);
  const char *dump = plat_getenv("FWPSIM_DUMP_MUTATIONS");
  E.dumpMut = dump && *dump && strcmp(dump, "0") != 0;
}

/* ---- state file -------------------------------------------------------------------------------------------- */

typedef struct Buf {
  uint8_t *p;
  size_t n, cap;
} Buf;

static void buf_put(Buf *b, const void *data, size_t n) {
  if (b->n + n > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 1 << 16;
    while (nc < b->n + n) nc *= 2;
    b->p = realloc(b->p, nc);
    b->cap = nc;
  }
  memcpy(b->p + b->n, data, n);
  b->n += n;
}

typedef struct RecHdr {
  uint32_t kind;
  uint32_t flags; /* 1 inTunnel, 2 mmPolicy */
  uint64_t id;
  SIM_GUID tunnelKey;
  uint64_t oldBase;
  uint64_t size;
} RecHdr;

typedef struct FileHdr {
  char magic[8];
  uint32_t version;
  uint32_t count;
  uint64_t nextFilterId;
  uint64_t nextContextId;
} FileHdr;

static int state_write(void) {
  Buf b = {0};
  FileHdr fh;
  memset(&fh, 0, sizeof fh);
  memcpy(fh.magic, STATE_MAGIC, 8);
  fh.version = 1;
  fh.nextFilterId = E.nextFilterId;
  fh.nextContextId = E.nextContextId;
  buf_put(&b, &fh, sizeof fh);
  uint32_t count = 0;
  static const uint8_t pad[8];
  for (int k = 0; k < K_NKINDS; k++) {
    for (Obj *o = E.st[k].head; o; o = o->next) {
      if (o->life != LIFE_PERSISTENT) continue;
      RecHdr r;
      memset(&r, 0, sizeof r);
      r.kind = (uint32_t)k;
      r.flags = (o->inTunnel ? 1u : 0u) | (o->mmPolicy ? 2u : 0u);
      r.id = o->id;
      r.tunnelKey = o->tunnelKey;
      r.oldBase = (uint64_t)(uintptr_t)o->data;
      r.size = o->size;
      buf_put(&b, &r, sizeof r);
      buf_put(&b, o->data, o->size);
      buf_put(&b, pad, (8 - (o->size & 7)) & 7);
      count++;
    }
  }
  ((FileHdr *)b.p)->count = count;
  int rc = plat_write_atomic(E.statePath, b.p, b.n);
  free(b.p);
  if (rc == 0) E.stampValid = plat_stat(E.statePath, E.stamp) == 0;
  return rc;
}

/* Replace the in-memory persistent objects with the file's, if the file changed since we last saw it. */
static uint32_t state_load(void) {
  if (!E.statePath) return 0;
  uint64_t stamp[3];
  int sr = plat_stat(E.statePath, stamp);
  if (sr != 0) {
    if (E.stampValid) { /* the file was removed: its objects are gone */
      store_clear(true, LIFE_PERSISTENT);
      E.stampValid = false;
      ike_exemptions_sync(NULL);
    }
    return 0;
  }
  if (E.stampValid && memcmp(stamp, E.stamp, sizeof stamp) == 0) return 0;
  size_t n = 0;
  uint8_t *buf = plat_read_file(E.statePath, &n);
  const FileHdr *fh = (const FileHdr *)buf;
  if (!buf || n < sizeof *fh || memcmp(fh->magic, STATE_MAGIC, 8) != 0 || fh->version != 1) {
    fprintf(stderr, "fwpsim: state file %s is not an fwpsim state file\n", E.statePath);
    free(buf);
    return EPT_S_NOT_REGISTERED;
  }
  /* validate the record framing before touching the stores */
  size_t off = sizeof *fh;
  for (uint32_t i = 0; i < fh->count; i++) {
    const RecHdr *r = (const RecHdr *)(buf + off);
    if (off + sizeof *r > n || r->kind >= K_NKINDS || r->size < kind_root_size((int)r->kind) ||
        off + sizeof *r + r->size > n) {
      fprintf(stderr, "fwpsim: state file %s is truncated or corrupt\n", E.statePath);
      free(buf);
      return EPT_S_NOT_REGISTERED;
    }
    off += sizeof *r + ((r->size + 7) & ~(uint64_t)7);
  }
  store_clear(true, LIFE_PERSISTENT);
  if (fh->nextFilterId > E.nextFilterId) E.nextFilterId = fh->nextFilterId;
  if (fh->nextContextId > E.nextContextId) E.nextContextId = fh->nextContextId;
  off = sizeof *fh;
  for (uint32_t i = 0; i < fh->count; i++) {
    const RecHdr *r = (const RecHdr *)(buf + off);
    const uint8_t *blk = buf + off + sizeof *r;
    off += sizeof *r + ((r->size + 7) & ~(uint64_t)7);
    /* the block holds the addresses it had when written: copy it to an aligned buffer, then deep-copy it
     * with delta = (buffer - old base) so every internal pointer is rebased */
    uint8_t *tmp = malloc(r->size);
    memcpy(tmp, blk, r->size);
    size_t size = 0;
    void *data = dc_block((int)r->kind, tmp, (ptrdiff_t)((uintptr_t)tmp - (uintptr_t)r->oldBase), &size, false);
    free(tmp);
    Obj *o = obj_new((int)r->kind, data, size);
    if (store_find(o->kind, &o->key)) { /* never expected: keep the in-memory one */
      free(o->data);
      free(o);
      continue;
    }
    o->life = LIFE_PERSISTENT;
    o->inTunnel = r->flags & 1;
    o->mmPolicy = (r->flags & 2) != 0;
    o->tunnelKey = r->tunnelKey;
    store_insert(o);
  }
  free(buf);
  memcpy(E.stamp, stamp, sizeof stamp);
  E.stampValid = true;
  ike_exemptions_sync(NULL);
  return 0;
}

static bool any_txn_open(void) { return E.lockHolder != NULL; }

void state_refresh_for_read(void) {
  if (E.statePath && !any_txn_open()) (void)state_load();
}

static uint32_t state_set_path(const char *path) {
  if (path && !*path) path = NULL;
  if ((!path && !E.statePath) || (path && E.statePath && strcmp(path, E.statePath) == 0)) return 0;
  if (any_txn_open()) return FWP_E_TXN_IN_PROGRESS;
  free(E.statePath);
  E.statePath = path ? strdup(path) : NULL;
  /* persistent objects belong to the file they came from */
  store_clear(true, LIFE_PERSISTENT);
  E.stampValid = false;
  memset(E.stamp, 0, sizeof E.stamp);
  ike_exemptions_sync(NULL);
  return state_load();
}

/* ---- sessions ---------------------------------------------------------------------------------------------- */

/* Handles are opaque non-pointer values that are never reused, so a stale handle is always detected. */
void *new_handle(void) { return (void *)(uintptr_t)(0x5f000000u + 16 * E.nextHandle++); }

Session *session_get(void *h) {
  for (Session *s = E.sessions; s; s = s->next)
    if (s->handle == (uintptr_t)h && s->magic == SESSION_MAGIC) return s;
  return NULL;
}

SIMAPI uint32_t FwpmEngineOpen0(const uint16_t *serverName, uint32_t authnService, void *authIdentity,
                                const SIM_FWPM_SESSION0 *session, void **engineHandle) {
  (void)authIdentity;
  engine_init();
  env_read_once();
  if (!engineHandle) return FWP_E_NULL_POINTER;
  *engineHandle = NULL;
  if (serverName) return ERROR_NOT_SUPPORTED; /* remote engines are not simulated */
  if (authnService != RPC_C_AUTHN_WINNT && authnService != RPC_C_AUTHN_DEFAULT) return ERROR_INVALID_PARAMETER;
  if (!E.statePathExplicit) {
    uint32_t rc = state_set_path(plat_getenv("FWPSIM_STATE"));
    if (rc) return rc;
  }
  if (netev_engine_stopped()) return EPT_S_NOT_REGISTERED; /* SimStopEngine: BFE is not running */
  SIM_GUID key;
  memset(&key, 0, sizeof key);
  if (session && !guid_is_zero(&session->sessionKey)) {
    key = session->sessionKey;
    for (Session *o = E.sessions; o; o = o->next)
      if (guid_eq(&o->key, &key)) return FWP_E_ALREADY_EXISTS;
  } else {
    guid_new(&key);
  }
  if (session && (session->flags & ~FWPM_SESSION_FLAG_DYNAMIC)) return FWP_E_INVALID_FLAGS;
  if (!any_txn_open()) {
    uint32_t rc = state_load();
    if (rc) return rc;
  }
  Session *s = calloc(1, sizeof *s);
  s->magic = SESSION_MAGIC;
  s->serial = E.nextSerial++;
  s->key = key;
  s->flags = session ? session->flags : 0;
  s->txnWaitMs = session && session->txnWaitTimeoutInMSec ? session->txnWaitTimeoutInMSec : 15000;
  s->next = E.sessions;
  E.sessions = s;
  s->handle = (uintptr_t)new_handle();
  *engineHandle = (void *)s->handle;
  return 0;
}

static void undo_push(Session *s, int op, Obj *o) {
  if (s->nundo == s->capundo) {
    s->capundo = s->capundo ? s->capundo * 2 : 256;
    s->undo = realloc(s->undo, s->capundo * sizeof *s->undo);
  }
  obj_ref(o);
  s->undo[s->nundo].op = op;
  s->undo[s->nundo].o = o;
  s->nundo++;
}

static void rollback_to(Session *s, size_t sp) {
  while (s->nundo > sp) {
    UndoRec *r = &s->undo[--s->nundo];
    if (r->op == UNDO_ADD && r->o->inStore) store_remove(r->o);
    else if (r->op == UNDO_DEL && !r->o->inStore) store_insert(r->o);
    obj_unref(r->o);
  }
}

static void undo_forget(Session *s) {
  for (size_t i = 0; i < s->nundo; i++) obj_unref(s->undo[i].o);
  s->nundo = 0;
}

void obj_add(Session *s, Obj *o) {
  store_insert(o);
  if (s && s->txn) {
    undo_push(s, UNDO_ADD, o);
    if (o->life == LIFE_PERSISTENT) s->dirty = true;
  }
}

void obj_del(Session *s, Obj *o) {
  if (s && s->txn) {
    undo_push(s, UNDO_DEL, o);
    if (o->life == LIFE_PERSISTENT) s->dirty = true;
  }
  store_remove(o);
}

/* ---- transactions ------------------------------------------------------------------------------------------ */

static uint32_t txn_start(Session *s, int mode) {
  if (E.lockHolder) return FWP_E_TIMEOUT; /* another session of this process holds the transaction lock */
  if (E.statePath) {
    int lr = plat_lock(E.statePath, s->txnWaitMs);
    if (lr == 1) return FWP_E_TIMEOUT;
    if (lr < 0) return ERROR_ACCESS_DENIED;
    E.fileLocked = true;
  }
  E.lockHolder = s;
  uint32_t rc = state_load();
  if (rc) {
    E.lockHolder = NULL;
    if (E.fileLocked) plat_unlock();
    E.fileLocked = false;
    return rc;
  }
  s->txn = mode;
  s->dirty = false;
  s->nundo = 0;
  return 0;
}

static void txn_release(Session *s) {
  s->txn = 0;
  s->dirty = false;
  if (E.lockHolder == s) E.lockHolder = NULL;
  if (E.fileLocked) plat_unlock();
  E.fileLocked = false;
}

static void txn_abort(Session *s) {
  rollback_to(s, 0);
  txn_release(s);
}

static uint32_t txn_commit(Session *s) {
  if (s->dirty && E.statePath && state_write() != 0) {
    fprintf(stderr, "fwpsim: cannot write state file %s; transaction aborted\n", E.statePath);
    txn_abort(s);
    return FWP_E_TXN_ABORTED;
  }
  undo_forget(s);
  txn_release(s);
  return 0;
}

SIMAPI uint32_t FwpmTransactionBegin0(void *engineHandle, uint32_t flags) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn) return FWP_E_TXN_IN_PROGRESS;
  if (flags & ~FWPM_TXN_READ_ONLY) return FWP_E_INVALID_FLAGS;
  return txn_start(s, (flags & FWPM_TXN_READ_ONLY) ? 2 : 1);
}

SIMAPI uint32_t FwpmTransactionCommit0(void *engineHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn != 1 && s->txn != 2) return FWP_E_NO_TXN_IN_PROGRESS;
  return txn_commit(s);
}

SIMAPI uint32_t FwpmTransactionAbort0(void *engineHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (s->txn != 1 && s->txn != 2) return FWP_E_NO_TXN_IN_PROGRESS;
  txn_abort(s);
  return 0;
}

uint32_t mut_begin(Session *s, const char *fn, Mut *m) {
  m->s = s;
  m->fn = fn;
  m->implicit = false;
  m->savepoint = 0;
  E.mutCalls++;
  if (E.delayUs) plat_sleep_us(E.delayUs);
  uint32_t rc = 0;
  if (E.failAt && E.mutCalls == E.failAt) {
    E.failAt = 0;
    rc = E.failCode;
  } else if (s->txn == 2) {
    rc = FWP_E_INCOMPATIBLE_TXN;
  } else if (s->txn == 0) {
    rc = txn_start(s, 3);
    m->implicit = rc == 0;
  }
  m->savepoint = s->nundo;
  if (rc && E.dumpMut) fprintf(stderr, "fwpsim: mutation %llu %s -> 0x%08x (refused)\n", (unsigned long long)E.mutCalls, fn, rc);
  return rc;
}

uint32_t mut_end(Mut *m, uint32_t rc) {
  Session *s = m->s;
  if (rc) rollback_to(s, m->savepoint); /* a failed call changes nothing and does not poison the txn */
  if (m->implicit) {
    if (rc == 0) rc = txn_commit(s);
    else txn_abort(s);
  }
  if (rc == 0) E.mutChanged++;
  if (E.dumpMut) fprintf(stderr, "fwpsim: mutation %llu %s -> 0x%08x\n", (unsigned long long)E.mutCalls, m->fn, rc);
  return rc;
}

/* ---- closing a session ------------------------------------------------------------------------------------ */

static void session_free(Session *s) {
  if (s->txn) txn_abort(s);
  enum_destroy_all(s);
  sa_session_closed(s->serial);
  if (s->flags & FWPM_SESSION_FLAG_DYNAMIC) { /* a dynamic session's objects vanish with it */
    for (int k = K_NKINDS - 1; k >= 0; k--) {
      Obj *o = E.st[k].head;
      while (o) {
        Obj *next = o->next;
        if (o->life == LIFE_DYNAMIC && o->owner == s->serial) store_remove(o);
        o = next;
      }
    }
    ike_exemptions_sync(NULL);
  }
  for (Session **pp = &E.sessions; *pp; pp = &(*pp)->next) {
    if (*pp == s) {
      *pp = s->next;
      break;
    }
  }
  free(s->undo);
  s->magic = 0;
  free(s);
}

SIMAPI uint32_t FwpmEngineClose0(void *engineHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  session_free(s);
  return 0;
}

/* ---- referential integrity -------------------------------------------------------------------------------- */

uint32_t references_to(int kind, const SIM_GUID *key) {
  if (kind == K_PROVIDER) {
    for (int k = K_SUBLAYER; k < K_NKINDS; k++)
      for (Obj *o = E.st[k].head; o; o = o->next) {
        const SIM_GUID *pk = obj_provider_key(o);
        if (pk && guid_eq(pk, key)) return 1;
      }
    return 0;
  }
  for (Obj *o = E.st[K_FILTER].head; o; o = o->next) {
    const SIM_FWPM_FILTER0 *f = o->data;
    if (kind == K_SUBLAYER && guid_eq(&f->subLayerKey, key)) return 1;
    if (kind == K_CONTEXT && (f->flags & FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT) &&
        guid_eq(&f->providerContextKey, key))
      return 1;
  }
  return 0;
}

/* ---- hooks that need engine internals (exported from hooks.c) --------------------------------------------- */

uint32_t engine_set_state_path(const char *utf8) {
  engine_init();
  E.statePathExplicit = utf8 != NULL;
  return state_set_path(utf8);
}

void engine_reset(void) {
  engine_init();
  while (E.sessions) session_free(E.sessions);
  E.lockHolder = NULL;
  if (E.fileLocked) plat_unlock();
  E.fileLocked = false;
  store_clear(true, -1);
  ike_exemptions_sync(NULL);
  sa_reset();
  E.stampValid = false; /* the next open reloads the state file */
  memset(E.stamp, 0, sizeof E.stamp);
  E.failAt = 0;
  E.failCode = 0;
}
