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
#define STATE_MAGIC "FWPSIMS2"
#define STATE_VERSION 2u

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
  const char *boot = plat_getenv("FWPSIM_BOOT");
  E.bootPending = boot && *boot && strcmp(boot, "0") != 0;
  const char *autoStart = plat_getenv("FWPSIM_AUTOSTART");
  if (autoStart) boot_set_auto_start(autoStart);
}

/* ---- state file ----------------------------------------------------------------------------------------------
 * Format 2: FileHdr, then `count` records (RecHdr + payload padded to 8 bytes). An object record's payload is
 * the object's one-block deep copy as it was in memory (pointers as they were, rebased on load); an SA record
 * (REC_SA) is an SaCtx with its two details blocks (sa.c). The header carries the body's length and an FNV-1a
 * checksum. Loading checks everything before it changes anything (state_parse): a file that fails any check
 * is refused as a whole with ERROR_FILE_CORRUPT, the reason goes to stderr and SimStateProblem(). */

void buf_put(Buf *b, const void *data, size_t n) {
  if (b->n + n > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 1 << 16;
    while (nc < b->n + n) nc *= 2;
    b->p = realloc(b->p, nc);
    b->cap = nc;
  }
  memcpy(b->p + b->n, data, n);
  b->n += n;
}

void buf_pad8(Buf *b) {
  static const uint8_t pad[8];
  buf_put(b, pad, (8 - (b->n & 7)) & 7);
}

enum { REC_SA = K_NKINDS }; /* record kinds: K_PROVIDER..K_FILTER, then the SA contexts */
enum { REC_IN_TUNNEL = 1, REC_MM_POLICY = 2, REC_SD = 4 };

typedef struct RecHdr {
  uint32_t kind;
  uint32_t flags; /* REC_IN_TUNNEL, REC_MM_POLICY, REC_SD */
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
  uint64_t nextSaContextId;
  uint64_t bodySize; /* bytes after this header */
  uint64_t checksum; /* FNV-1a 64 of those bytes */
} FileHdr;

_Static_assert(sizeof(RecHdr) % 8 == 0 && sizeof(FileHdr) % 8 == 0, "records stay 8-byte aligned");

static uint64_t fnv1a(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

static char problem[320]; /* why the last state file was refused (SimStateProblem) */

const char *engine_state_problem(void) { return problem; }

static int state_write(void) {
  Buf b = {0};
  FileHdr fh;
  memset(&fh, 0, sizeof fh);
  memcpy(fh.magic, STATE_MAGIC, 8);
  fh.version = STATE_VERSION;
  fh.nextFilterId = E.nextFilterId;
  fh.nextContextId = E.nextContextId;
  fh.nextSaContextId = E.nextSaContextId;
  buf_put(&b, &fh, sizeof fh);
  uint32_t count = 0;
  for (int k = 0; k < K_NKINDS; k++) {
    for (Obj *o = E.st[k].head; o; o = o->next) {
      if (o->life != LIFE_PERSISTENT) continue;
      RecHdr r;
      memset(&r, 0, sizeof r);
      r.kind = (uint32_t)k;
      r.flags = (o->inTunnel ? REC_IN_TUNNEL : 0u) | (o->mmPolicy ? REC_MM_POLICY : 0u) | (o->sd ? REC_SD : 0u);
      r.id = o->id;
      r.tunnelKey = o->tunnelKey;
      r.oldBase = (uint64_t)(uintptr_t)o->data;
      r.size = o->size;
      buf_put(&b, &r, sizeof r);
      buf_put(&b, o->data, o->size);
      buf_pad8(&b);
      if (o->sd) { /* the object's security descriptor persists with it (security.c): u64 size, bytes, pad */
        uint64_t sdn = o->sdSize;
        buf_put(&b, &sdn, sizeof sdn);
        buf_put(&b, o->sd, o->sdSize);
        buf_pad8(&b);
      }
      count++;
    }
  }
  for (SaCtx *c = E.saCtxs; c; c = c->next) {
    RecHdr r;
    memset(&r, 0, sizeof r);
    r.kind = REC_SA;
    r.id = c->id;
    size_t at = b.n;
    buf_put(&b, &r, sizeof r);
    size_t payload = b.n;
    sa_serialize(c, &b);
    ((RecHdr *)(b.p + at))->size = b.n - payload;
    buf_pad8(&b);
    count++;
  }
  FileHdr *h = (FileHdr *)b.p;
  h->count = count;
  h->bodySize = b.n - sizeof fh;
  h->checksum = fnv1a(b.p + sizeof fh, b.n - sizeof fh);
  int rc = plat_write_atomic(E.statePath, b.p, b.n);
  free(b.p);
  if (rc == 0) E.stampValid = plat_stat(E.statePath, E.stamp) == 0;
  return rc;
}

typedef struct Parsed {
  Obj **objs;
  size_t nobjs;
  SaCtx *sas;
  uint64_t nextFilterId, nextContextId, nextSaContextId;
} Parsed;

static void parsed_free(Parsed *p) {
  for (size_t i = 0; i < p->nobjs; i++) {
    free(p->objs[i]->sd);
    free(p->objs[i]->data);
    free(p->objs[i]);
  }
  free(p->objs);
  sa_free_list(p->sas);
  memset(p, 0, sizeof *p);
}

static const char *const KIND_NAME[] = {"provider", "sublayer", "provider context", "filter", "SA context"};

static const SIM_FWPM_DISPLAY_DATA0 *obj_display(const Obj *o) {
  switch (o->kind) {
  case K_PROVIDER: return &((const SIM_FWPM_PROVIDER0 *)o->data)->displayData;
  case K_SUBLAYER: return &((const SIM_FWPM_SUBLAYER0 *)o->data)->displayData;
  case K_CONTEXT: return &((const SIM_FWPM_PROVIDER_CONTEXT3 *)o->data)->displayData;
  default: return &((const SIM_FWPM_FILTER0 *)o->data)->displayData;
  }
}

/* One object record's meaning, beyond its shape: what the engine itself relies on. */
static const char *obj_check(const Obj *o, const RecHdr *r, const Parsed *p) {
  if (guid_is_zero(&o->key)) return "an object with a zero key";
  if (!obj_display(o)->name) return "an object without a name";
  if (o->kind == K_FILTER || o->kind == K_CONTEXT) {
    uint64_t next = o->kind == K_FILTER ? p->nextFilterId : p->nextContextId;
    if (o->id != r->id || o->id == 0 || o->id >= next) return "an object id that does not fit the file's counters";
  } else if (r->id != 0) {
    return "an id on an object kind that has none";
  }
  if ((r->flags & REC_MM_POLICY) && o->kind != K_FILTER) return "flags that do not fit the object";
  return NULL;
}

/* Distinct keys per kind and distinct ids: indexes built for the check only. */
static const char *check_unique(const Parsed *p, size_t *bad) {
  Map byKey[K_NKINDS], byId[K_NKINDS];
  memset(byKey, 0, sizeof byKey);
  memset(byId, 0, sizeof byId);
  const char *why = NULL;
  for (size_t i = 0; i < p->nobjs && !why; i++) {
    Obj *o = p->objs[i];
    if (map_get_key(&byKey[o->kind], &o->key)) why = "two objects with one key";
    else if ((o->kind == K_FILTER || o->kind == K_CONTEXT) && map_get_id(&byId[o->kind], o->id))
      why = "two objects with one id";
    else {
      map_put(&byKey[o->kind], o);
      byId[o->kind].byId = true;
      if (o->kind == K_FILTER || o->kind == K_CONTEXT) map_put(&byId[o->kind], o);
    }
    if (why) *bad = i;
  }
  for (int k = 0; k < K_NKINDS; k++) {
    free(byKey[k].slot);
    free(byKey[k].tag);
    free(byId[k].slot);
    free(byId[k].tag);
  }
  return why;
}

static uint32_t corrupt(const char *what, uint32_t rec, uint64_t at, int kind) {
  if (kind >= 0)
    snprintf(problem, sizeof problem, "record %u (%s) at byte %llu: %s", rec, KIND_NAME[kind],
             (unsigned long long)at, what);
  else if (at != UINT64_MAX)
    snprintf(problem, sizeof problem, "record %u at byte %llu: %s", rec, (unsigned long long)at, what);
  else
    snprintf(problem, sizeof problem, "%s", what);
  fprintf(stderr, "fwpsim: state file %s is corrupt: %s\n", E.statePath, problem);
  return ERROR_FILE_CORRUPT;
}

/* Checks and decodes a whole state file into *p; nothing in the engine changes here. */
static uint32_t state_parse(const uint8_t *buf, size_t n, Parsed *p) {
  memset(p, 0, sizeof *p);
  FileHdr fh;
  if (n < sizeof fh || memcmp(buf, STATE_MAGIC, 6) != 0) return corrupt("not an fwpsim state file", 0, UINT64_MAX, -1);
  memcpy(&fh, buf, sizeof fh);
  if (memcmp(fh.magic, "FWPSIMS1", 8) == 0)
    return corrupt("state file format 1, written by an older fwpsim (this one reads format 2)", 0, UINT64_MAX, -1);
  if (memcmp(fh.magic, STATE_MAGIC, 8) != 0) return corrupt("an unknown fwpsim state file signature", 0, UINT64_MAX, -1);
  if (fh.version != STATE_VERSION) {
    char why[80];
    snprintf(why, sizeof why, "state file format %u (this fwpsim reads format %u)", fh.version, STATE_VERSION);
    return corrupt(why, 0, UINT64_MAX, -1);
  }
  if (fh.bodySize != n - sizeof fh) return corrupt("truncated or extended (length mismatch)", 0, UINT64_MAX, -1);
  if (fnv1a(buf + sizeof fh, n - sizeof fh) != fh.checksum) return corrupt("checksum mismatch", 0, UINT64_MAX, -1);
  p->nextFilterId = fh.nextFilterId;
  p->nextContextId = fh.nextContextId;
  p->nextSaContextId = fh.nextSaContextId;
  if ((n - sizeof fh) / sizeof(RecHdr) < fh.count) return corrupt("more records than the file can hold", 0, UINT64_MAX, -1);
  p->objs = malloc((fh.count ? fh.count : 1) * sizeof *p->objs);
  if (!p->objs) return corrupt("out of memory", 0, UINT64_MAX, -1);
  size_t off = sizeof fh;
  SaCtx **saTail = &p->sas;
  for (uint32_t i = 0; i < fh.count; i++) {
    RecHdr r;
    if (n - off < sizeof r) {
      parsed_free(p);
      return corrupt("a record header past the end of the file", i, off, -1);
    }
    memcpy(&r, buf + off, sizeof r);
    if (r.kind > REC_SA || (r.flags & ~(uint32_t)(REC_IN_TUNNEL | REC_MM_POLICY | REC_SD)) ||
        (r.kind == REC_SA && (r.flags & REC_SD))) {
      parsed_free(p);
      return corrupt("an unknown record kind or flag", i, off, -1);
    }
    size_t room = n - off - sizeof r;
    uint64_t padded = (r.size + 7) & ~(uint64_t)7;
    if (r.size > room || padded > room) {
      parsed_free(p);
      return corrupt("a record longer than the rest of the file", i, off, (int)r.kind);
    }
    const uint8_t *blk = buf + off + sizeof r;
    const char *why = NULL;
    if (r.kind == REC_SA) {
      SaCtx *c = sa_deserialize(blk, (size_t)r.size, r.id, p->nextSaContextId, p->sas, &why);
      if (c) {
        *saTail = c;
        saTail = &c->next;
      }
    } else {
      size_t size = 0;
      void *data = dc_load(kind_root_size((int)r.kind), kind_fix((int)r.kind), blk, (size_t)r.size, r.oldBase,
                           &size, &why);
      if (data) {
        Obj *o = obj_new((int)r.kind, data, size);
        p->objs[p->nobjs++] = o;
        o->life = LIFE_PERSISTENT;
        o->inTunnel = (r.flags & REC_IN_TUNNEL) != 0;
        o->mmPolicy = (r.flags & REC_MM_POLICY) != 0;
        o->tunnelKey = r.tunnelKey;
        why = obj_check(o, &r, p);
      }
    }
    size_t next = off + sizeof r + (size_t)padded;
    if (!why && (r.flags & REC_SD)) { /* the object's security descriptor record (security.c) */
      uint64_t sdn = 0;
      if (n - next < sizeof sdn) why = "a security descriptor record past the end of the file";
      else {
        memcpy(&sdn, buf + next, sizeof sdn);
        uint64_t sdPadded = (sdn + 7) & ~(uint64_t)7;
        if (sdn < 20 || sdn > 0x10000 || sdPadded > n - next - sizeof sdn)
          why = "a security descriptor record of an impossible length";
        else if (buf[next + sizeof sdn] != 1 || !(buf[next + sizeof sdn + 3] & 0x80))
          why = "a security descriptor that is not self-relative";
        else {
          Obj *o = p->objs[p->nobjs - 1];
          o->sd = malloc((size_t)sdn);
          memcpy(o->sd, buf + next + sizeof sdn, (size_t)sdn);
          o->sdSize = (uint32_t)sdn;
          next += sizeof sdn + (size_t)sdPadded;
        }
      }
    }
    if (why) {
      parsed_free(p);
      return corrupt(why, i, off, (int)r.kind);
    }
    off = next;
  }
  if (off != n) {
    parsed_free(p);
    return corrupt("bytes after the last record", fh.count, off, -1);
  }
  size_t bad = 0;
  const char *why = check_unique(p, &bad);
  if (why) {
    int kind = p->objs[bad]->kind;
    parsed_free(p);
    return corrupt(why, (uint32_t)bad, UINT64_MAX, kind);
  }
  return 0;
}

/* Replace the in-memory persistent objects and SA contexts with the file's, if the file changed since we
 * last saw it. A refused file changes nothing (and is read again at the next call). */
static uint32_t state_load(void) {
  if (!E.statePath) return 0;
  uint64_t stamp[3];
  int sr = plat_stat(E.statePath, stamp);
  if (sr != 0) {
    if (E.stampValid) { /* the file was removed: its objects are gone */
      store_clear(true, LIFE_PERSISTENT);
      sa_replace_all(NULL);
      E.stampValid = false;
      ike_exemptions_sync(NULL);
    }
    return 0;
  }
  if (E.stampValid && memcmp(stamp, E.stamp, sizeof stamp) == 0) return 0;
  size_t n = 0;
  uint8_t *buf = plat_read_file(E.statePath, &n);
  if (!buf) return corrupt("cannot be read", 0, UINT64_MAX, -1);
  Parsed p;
  uint32_t rc = state_parse(buf, n, &p);
  free(buf);
  if (rc) return rc;
  problem[0] = 0;
  store_clear(true, LIFE_PERSISTENT);
  if (p.nextFilterId > E.nextFilterId) E.nextFilterId = p.nextFilterId;
  if (p.nextContextId > E.nextContextId) E.nextContextId = p.nextContextId;
  if (p.nextSaContextId > E.nextSaContextId) E.nextSaContextId = p.nextSaContextId;
  for (size_t i = 0; i < p.nobjs; i++) {
    Obj *o = p.objs[i];
    if (store_find(o->kind, &o->key)) { /* a built-in or this process's own non-persistent object wins */
      free(o->sd);
      free(o->data);
      free(o);
      continue;
    }
    store_insert(o);
  }
  free(p.objs);
  sa_replace_all(p.sas);
  memcpy(E.stamp, stamp, sizeof stamp);
  E.stampValid = true;
  ike_exemptions_sync(NULL);
  return 0;
}

static bool any_txn_open(void) { return E.lockHolder != NULL; }

/* A read outside a transaction sees the file as it is now; a corrupt file fails the read (fail closed). */
uint32_t state_refresh_for_read(void) {
  return E.statePath && !any_txn_open() ? state_load() : 0;
}

static uint32_t state_set_path(const char *path) {
  if (path && !*path) path = NULL;
  if ((!path && !E.statePath) || (path && E.statePath && strcmp(path, E.statePath) == 0)) return 0;
  if (any_txn_open()) return FWP_E_TXN_IN_PROGRESS;
  free(E.statePath);
  E.statePath = path ? strdup(path) : NULL;
  /* persistent objects and SA contexts belong to the file they came from */
  store_clear(true, LIFE_PERSISTENT);
  sa_replace_all(NULL);
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
  if (sim_service_stopped("BFE")) return EPT_S_NOT_REGISTERED; /* no BFE, no RPC endpoint */
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
  if (E.bootPending) { /* FWPSIM_BOOT: this process is the first client of a freshly started BFE */
    E.bootPending = false;
    uint32_t rc = engine_boot();
    if (rc) return rc;
  }
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
    /* SA calls have no undo records: take the SA contexts back from the file (none if it is missing) */
    uint64_t stamp[3];
    E.stampValid = false;
    if (plat_stat(E.statePath, stamp) != 0 || state_load() != 0) sa_replace_all(NULL);
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

/* BFE starts (FWPSIM_BOOT=1 at the first open, or SimBoot()): every session is gone, and with it every dynamic
 * and static object, every SA context and net event; the persistent objects come back from the state file
 * with FwpmProviderAdd0's rule applied (boot.c), and the file is rewritten so later processes see the same. */
uint32_t engine_boot(void) {
  engine_init();
  while (E.sessions) session_free(E.sessions);
  E.lockHolder = NULL;
  if (E.fileLocked) plat_unlock();
  E.fileLocked = false;
  store_clear(true, LIFE_DYNAMIC);
  store_clear(true, LIFE_STATIC);
  sa_reset();
  if (!E.statePath) {
    store_clear(true, LIFE_PERSISTENT); /* nothing persisted them */
    ike_exemptions_sync(NULL);
    return 0;
  }
  int lr = plat_lock(E.statePath, 15000);
  if (lr != 0) return lr == 1 ? FWP_E_TIMEOUT : ERROR_ACCESS_DENIED;
  E.stampValid = false;
  store_clear(true, LIFE_PERSISTENT); /* what the file holds comes back below */
  uint32_t rc = state_load();
  if (rc == 0) {
    sa_replace_all(NULL);
    boot_apply_service_rule();
    uint64_t stamp[3];
    if (plat_stat(E.statePath, stamp) == 0 && state_write() != 0) rc = FWP_E_TXN_ABORTED;
    ike_exemptions_sync(NULL);
  }
  plat_unlock();
  return rc;
}
