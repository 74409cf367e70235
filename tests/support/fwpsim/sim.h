/*
 * sim.h -- fwpsim internals shared by the source files (not an API; the API is the fwpuclnt export list).
 * fwpsim is a test double of fwpuclnt.dll for Linux/Wine test runs; see README.md.
 */
#ifndef FWPSIM_SIM_H
#define FWPSIM_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fwpsim_types.h"
#include "fwpsim_constants.h" /* generated from ffi/constants.ts */

#ifdef _WIN32
#define SIMAPI __declspec(dllexport)
#else
#define SIMAPI __attribute__((visibility("default")))
#endif

#define FWPM_TXN_READ_ONLY_FLAG FWPM_TXN_READ_ONLY
#define FWPM_PROVIDER_CONTEXT_TYPE_MAX 13u
#define SIM_MAX_LAYER_FIELDS 16

/* ---- object kinds and lifetimes --------------------------------------------------------------------- */

enum { K_PROVIDER, K_SUBLAYER, K_CONTEXT, K_FILTER, K_NKINDS };
/* Ordered by how long an object lives: an object may only reference objects of the same or a higher rank. */
enum { LIFE_DYNAMIC = 0, LIFE_STATIC = 1, LIFE_PERSISTENT = 2, LIFE_BUILTIN = 3 };

struct Session;

typedef struct Obj {
  int kind;
  uint32_t refs;        /* store membership + undo records + enumeration snapshots */
  void *data;           /* one contiguous deep copy (SIM_FWPM_FILTER0*, ...) */
  size_t size;          /* size of that block */
  SIM_GUID key;
  uint64_t id;          /* filterId / providerContextId, 0 otherwise */
  int life;             /* LIFE_* */
  uint64_t owner;       /* serial of the dynamic session that added it, else 0 */
  bool inTunnel;        /* instantiated by FwpmIPsecTunnelAdd3 */
  SIM_GUID tunnelKey;   /* the tunnel's QM provider context key */
  bool mmPolicy;        /* an IKEEXT-layer filter referencing an IKE/AuthIP MM context (Microsoft: ike-exemptions; docs/recipes.md) */
  bool exemption;       /* one of BFE's synthesised IKE/AuthIP exemption filters */
  uint8_t *sd;          /* effective self-relative security descriptor (security.c); NULL = the default */
  uint32_t sdSize;
  bool inStore;
  struct Obj *prev, *next;
} Obj;

typedef struct Map {
  Obj **slot;
  uint32_t *tag; /* each slot's hash (low 32 bits): probes compare it before touching the object */
  size_t cap, n;
  bool byId;
} Map;

typedef struct Store {
  Obj *head, *tail;
  size_t count;
  Map byKey, byId;
} Store;

enum { UNDO_ADD = 1, UNDO_DEL = 2 };
typedef struct UndoRec {
  int op;
  Obj *o;
} UndoRec;

typedef struct EnumH {
  uint32_t magic;
  uintptr_t handle; /* opaque handle value given to the caller (never reused) */
  struct EnumH *next;
  int kind;
  Obj **items;
  size_t n, pos;
} EnumH;

typedef struct Session {
  uint32_t magic;
  uintptr_t handle; /* opaque handle value given to the caller (never reused) */
  struct Session *next;
  uint64_t serial;
  SIM_GUID key;
  uint32_t flags;
  uint32_t txnWaitMs;
  int txn; /* 0 none, 1 read-write explicit, 2 read-only explicit, 3 implicit (inside one call) */
  UndoRec *undo;
  size_t nundo, capundo;
  bool dirty;   /* persistent objects changed in the current transaction */
  EnumH *enums;
} Session;

/* A manual SA context (sa.c). With a state file they are kept in it (not persistent objects: FWPSIM_BOOT drops
 * them, as a BFE restart does). */
typedef struct SaCtx {
  struct SaCtx *next;
  uint64_t id;
  int state; /* SA_CREATED .. SA_COMPLETE */
  SIM_IPSEC_TRAFFIC1 outbound, inbound;
  uint32_t spi;
  SIM_IPSEC_SA_DETAILS1 *in, *out; /* one-block deep copies, key material wiped */
  size_t inSize, outSize;
} SaCtx;
enum { SA_CREATED = 1, SA_SPI = 2, SA_INBOUND = 3, SA_COMPLETE = 4 };

typedef struct Engine {
  bool inited;
  Store st[K_NKINDS];
  Session *sessions;
  uint64_t nextSerial, nextFilterId, nextContextId, nextSaContextId, nextHandle;
  char *statePath;
  bool statePathExplicit;
  uint64_t stamp[3];
  bool stampValid;
  Session *lockHolder;
  bool fileLocked;
  uint64_t outstanding;
  uint64_t mutCalls, failAt, mutChanged;
  uint32_t failCode;
  uint32_t delayUs;
  bool dumpMut, envRead;
  bool bootPending; /* FWPSIM_BOOT: the first open starts BFE */
  uint32_t mmPolicyFilters;
  SaCtx *saCtxs;
} Engine;

extern Engine E;

/* ---- utilities (store.c) ------------------------------------------------------------------------------ */

bool guid_eq(const SIM_GUID *a, const SIM_GUID *b);
bool guid_is_zero(const SIM_GUID *g);
void guid_new(SIM_GUID *out);
bool bad_ptr(const void *p);
/* fidelity.c: keying-module rules of IKEEXT_POLICY2 and printable display data (issue 12) */
uint32_t fid_check_auth_method(uint32_t mmType, uint32_t method, bool em);
uint32_t fid_check_auth_methods(uint32_t mmType, const SIM_IKEEXT_AUTHENTICATION_METHOD2 *m, uint32_t n, bool em);
uint32_t fid_check_ike_policy(uint32_t mmType, const SIM_IKEEXT_POLICY2 *p);
bool fid_wstr_printable(const uint16_t *s);
uint32_t fid_check_sa_transforms(const SIM_IPSEC_SA_TRANSFORM0 *t, uint32_t n); /* issue 12 rule 13 */
bool sim_service_stopped(const char *name); /* hooks.c: FWPSIM_STOPPED_SERVICES */
uint32_t check_display(const SIM_FWPM_DISPLAY_DATA0 *d); /* NULL name, lone surrogates */ /* NULL or an obviously invalid small integer passed as a pointer */

void map_put(Map *m, Obj *o);
void map_del(Map *m, Obj *o);
Obj *map_get_key(const Map *m, const SIM_GUID *key);
Obj *map_get_id(const Map *m, uint64_t id);

Obj *obj_new(int kind, void *data, size_t size);
void obj_ref(Obj *o);
void obj_unref(Obj *o);
void store_insert(Obj *o);
void store_remove(Obj *o);
Obj *store_find(int kind, const SIM_GUID *key);
Obj *store_find_id(int kind, uint64_t id);
void store_clear(bool keepBuiltins, int onlyLife /* -1 = all non-builtin */);

/* Lifetime of an object added with `persistentFlag` in session s (or an error code in *rc). */
int life_for(const struct Session *s, bool persistentFlag, uint32_t *rc);
uint32_t life_check(int newLife, const struct Session *s, const Obj *ref);
/* Per-kind accessors on stored blocks. */
const SIM_GUID *obj_provider_key(const Obj *o);

/* ---- deep copies (deepcopy.c) ------------------------------------------------------------------------ */

typedef struct Arena {
  uint8_t *base; /* NULL while measuring */
  size_t off;
  /* bounded mode (loading the state file): the source is lo[0..span), written when it sat at oldBase */
  const uint8_t *lo;
  size_t span;
  uint64_t oldBase;
  const char *fault; /* first problem found in bounded mode, NULL if none */
} Arena;
typedef void (*FixFn)(Arena *a, void *dst, const void *src);

size_t kind_root_size(int kind);
FixFn kind_fix(int kind);
void *dc_block(int kind, const void *src, size_t *size, bool callerOwned);
/* A block read back from the state file (bytes blk[0..n), written from address oldBase): its deep copy, or
 * NULL with *why set when the bytes are not exactly such a block (deepcopy.c, bounded mode). */
void *dc_load(size_t rootSize, FixFn fix, const uint8_t *blk, size_t n, uint64_t oldBase, size_t *size,
              const char **why);
void *dc_page(int kind, Obj *const *objs, uint32_t n);
void *dc_generic(const void *src, size_t rootSize, FixFn fix, bool callerOwned);
void *dc_generic_sized(const void *src, size_t rootSize, FixFn fix, size_t *size); /* engine-owned, *size set */
void fix_sa_details(Arena *a, void *dst, const void *src);
void *dc_sa_page(const SIM_IPSEC_SA_CONTEXT1 *ctxs, uint32_t n);
void *dc_details_page(SIM_IPSEC_SA_DETAILS1 *const *details, uint32_t n);
void fix_net_event(Arena *a, void *dst, const void *src);
void *dc_net_event_page(SIM_FWPM_NET_EVENT1 *const *events, uint32_t n);

/* ---- growable byte buffer and the state file's SA records (engine.c, sa.c) ------------------------------ */

typedef struct Buf {
  uint8_t *p;
  size_t n, cap;
} Buf;
void buf_put(Buf *b, const void *data, size_t n);
void buf_pad8(Buf *b);
void sa_serialize(const SaCtx *c, Buf *b);
/* One SA record's payload -> a context (not linked in), or NULL with *why; `prior`: those decoded before it. */
SaCtx *sa_deserialize(const uint8_t *p, size_t n, uint64_t recId, uint64_t nextId, const SaCtx *prior,
                      const char **why);
void sa_free_list(SaCtx *list);
void sa_replace_all(SaCtx *list); /* the engine's SA contexts become `list` */
const char *engine_state_problem(void);

/* ---- BFE start (engine.c, boot.c) ------------------------------------------------------------------------ */

uint32_t engine_boot(void);
void boot_apply_service_rule(void);          /* DISABLED flags from each provider's serviceName */
void boot_set_auto_start(const char *list); /* comma-separated service names; NULL: the built-in table */

/* ---- memory handed to the caller (engine.c) -------------------------------------------------------- */

void *sim_caller_alloc(size_t n);

/* ---- sessions, transactions, persistence (engine.c) ---------------------------------------------------- */

Session *session_get(void *h);
void *new_handle(void);
typedef struct Mut {
  Session *s;
  bool implicit;
  size_t savepoint;
  const char *fn;
} Mut;
/* Every state-changing export runs between mut_begin and mut_end: fault injection, delay hook, read-only
 * transaction check, implicit transaction, and rollback of a failed call to its savepoint. */
uint32_t mut_begin(Session *s, const char *fn, Mut *m);
uint32_t mut_end(Mut *m, uint32_t rc);
void obj_add(Session *s, Obj *o);  /* insert + undo record (s may be NULL: no undo) */
void obj_del(Session *s, Obj *o);  /* remove + undo record */
uint32_t state_refresh_for_read(void);
void engine_init(void);
uint32_t references_to(int kind, const SIM_GUID *key); /* how many stored objects reference key */

/* ---- catalogue (catalog.c) ----------------------------------------------------------------------------- */

enum { LC_OTHER, LC_IKEEXT, LC_IPSEC, LC_KM_DEMUX, LC_TRANSPORT, LC_ALE, LC_FORWARD };
/* the condition fields fwpsim knows, as indices of catalog.c's table (cond_find returns one) */
enum {
  C_LOCAL_ADDR, C_REMOTE_ADDR, C_LOCAL_ADDR_TYPE, C_PROTOCOL, C_LOCAL_PORT, C_REMOTE_PORT, C_LOCAL_IF,
  C_APP_ID, C_USER_ID, C_REMOTE_USER_ID, C_REMOTE_MACHINE_ID, C_FLAGS, C_PROFILE, C_COUNT
};
typedef struct Layer {
  SIM_GUID key;
  const char *name;
  bool v6;
  int cls;
  uint32_t fields; /* bit i = CONDITION i of the condition table */
} Layer;
typedef struct CondField {
  SIM_GUID key;
  const char *name;
  uint32_t v4Type; /* FWP data type at V4 layers */
  uint32_t v6Type; /* at V6 layers */
  bool isAddress;
} CondField;

const Layer *layer_find(const SIM_GUID *key);
int cond_find(const SIM_GUID *key, const CondField **out); /* index or -1 */
const SIM_GUID *callout_layer(const SIM_GUID *callout);  /* NULL if not a built-in callout */

/* ---- effective weights (weight.c) ---------------------------------------------------------------------- */

/* The low 60 bits BFE generates for an FWP_EMPTY / FWP_UINT8 weight (conditions already validated). */
uint64_t auto_weight(const Layer *L, const SIM_FWPM_FILTER_CONDITION0 *c, uint32_t n);
void catalog_install(void);                               /* adds the built-in objects to the stores */
extern const SIM_GUID SIM_SUBLAYER_UNIVERSAL, SIM_PROVIDER_IKEEXT, SIM_SUBLAYER_IPSEC_TUNNEL;

/* ---- cross-file helpers ---------------------------------------------------------------------------------- */

uint32_t filter_add_internal(Session *s, const SIM_FWPM_FILTER0 *f, uint64_t *idOut, const SIM_GUID *tunnelKey,
                             bool exemption, Obj **out);
uint32_t context_add_internal(Session *s, const SIM_FWPM_PROVIDER_CONTEXT3 *pc, uint64_t *idOut,
                              const SIM_GUID *tunnelKey, Obj **out);
void ike_exemptions_sync(Session *s);
/* security.c: object security descriptors (issue 12 rule 6) */
uint32_t sec_effective(const void *callerSd, uint8_t **out, uint32_t *outSize);
void sec_set_pending(const uint8_t *sd, uint32_t size); /* objects created until cleared get a copy */
void sec_attach(Obj *o);
uint32_t get_copy(Obj *o, uint32_t notFound, void **out);
Obj *obj_create(Session *s, int kind, const void *tmpl, int life);
uint32_t check_provider_ref(Session *s, const SIM_GUID *providerKey, int life);
uint32_t engine_set_state_path(const char *utf8);
void engine_reset(void);
void enum_destroy_all(Session *s);
void sa_reset(void);
void sa_session_closed(uint64_t serial);
/* net events (netevents.c): the event list, the journal other processes inject into, subscriptions */
void netev_sync(void);                         /* takes new journal records into the list */
size_t netev_count(void);
SIM_FWPM_NET_EVENT1 *netev_at(size_t i);       /* stable until SimReset */
void netev_reset(void);
void netev_session_closed(uint64_t serial);
bool netev_engine_stopped(void);               /* SimStopEngine: the simulated BFE is not running */
bool netev_session_severed(const Session *s); /* opened before the engine stopped: its RPC binding is gone */

/* ---- platform (platform.c) ------------------------------------------------------------------------------ */

int plat_lock(const char *statePath, uint32_t timeoutMs); /* 0 ok, 1 timeout, -1 error */
void plat_unlock(void);
int plat_write_atomic(const char *path, const void *buf, size_t n);
int plat_stat(const char *path, uint64_t stamp[3]); /* 0 exists, 1 missing, -1 error */
void *plat_read_file(const char *path, size_t *n);
void plat_sleep_us(uint32_t us);
uint64_t plat_entropy(void);
const char *plat_getenv(const char *name); /* the live environment (Win32: not the CRT copy) */

/* ---- small helpers ------------------------------------------------------------------------------------ */

size_t wstr_len(const uint16_t *s);

#endif
