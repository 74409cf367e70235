/*
 * netevents.c -- net events: the recorded list (FwpmNetEventEnum1 reads it), their injection by tests
 * (SimInjectNetEvent, also from another process), their delivery to subscribers (FwpmNetEventSubscribe0 /
 * FwpmNetEventUnsubscribe0) and the simulated BFE stopping (SimStopEngine).
 *
 * A simulator negotiates nothing and drops nothing: its only events are injected ones, kept in injection
 * order. Without a state file they live in process memory. With one (FWPSIM_STATE / SimSetStatePath) an
 * injection is appended to the journal `<state>.netevents` instead, and every process reads the journal:
 * enumeration takes new records in first, and the delivery thread polls it every POLL_MS. Each record is
 * {magic, size, base} + the event as one block whose pointers hold the writer's addresses (rebased on read,
 * as the state file does).
 *
 * Delivery, as BFE does it: callbacks run on a thread of fwpsim's own (never the subscriber's), one event at
 * a time, in order, with the event valid only during the call. FwpmNetEventUnsubscribe0 does not return
 * while that subscription's callback runs (Learn: FwpmNetEventUnsubscribe0 remarks), so a subscriber must not
 * unsubscribe from a thread its callback waits for. Closing the session cancels its subscriptions without
 * waiting (Learn: "all subscriptions are automatically canceled when the subscribing session terminates").
 *
 * The engine going away: SimStopEngine(1) creates `<state>.stopped`; while it exists FwpmEngineOpen0 fails
 * with EPT_S_NOT_REGISTERED, the net-event calls of sessions opened before the stop fail with
 * RPC_S_SERVER_UNAVAILABLE, and nothing is delivered. SimStopEngine(0) removes it; old sessions stay severed
 * (a restarted BFE does not know their bindings), new sessions work. The error codes are the safe reading
 * of what a client sees (docs/windows-verification.md).
 */
#include <stdio.h>

#include "sim.h"

#define JOURNAL_MAGIC 0x56454e46u /* "FNEV" */
#define POLL_MS 10u

void *nplat_thread(void (*fn)(void *), void *arg);
void nplat_join(void *thread);
void nplat_detach(void *thread);
void nplat_lock(void);
void nplat_unlock(void);
void nplat_wait_ms(uint32_t ms);
void nplat_broadcast(void);
int nplat_append(const char *path, const void *buf, size_t n);
void *nplat_read_from(const char *path, uint64_t off, size_t *n);
int nplat_exists(const char *path);
int nplat_create(const char *path);
int nplat_remove(const char *path);

typedef struct JournalHeader {
  uint32_t magic;
  uint32_t size;
  uint64_t base;
} JournalHeader;

typedef struct Sub {
  struct Sub *next_;
  uintptr_t handle;
  uint64_t owner; /* session serial */
  SIM_FWPM_NET_EVENT_CALLBACK0 callback;
  void *context;
  uint64_t lo, hi; /* the template's time window (inclusive) */
  size_t next;     /* index of the next event to deliver */
  bool busy, dead;
} Sub;

/* Everything below is guarded by the nplat lock: the delivery thread and the caller's threads share it. */
static SIM_FWPM_NET_EVENT1 **events;
static size_t numEvents, capEvents;
static uint64_t journalOff;
static char journalPath[4096], stopPath[4096]; /* of the state file the last sync / subscription used */
static Sub *subs;
static bool threadRunning;
static void *thread; /* the delivery thread, joined when the last subscription is cancelled */
static uint64_t severedBelow; /* sessions with a smaller serial were opened before the engine stopped */

static uint64_t filetime_u64(const SIM_FILETIME *t) { return ((uint64_t)t->dwHighDateTime << 32) | t->dwLowDateTime; }

/* The journal and stop-marker paths of the current state file (main thread: E is not locked). */
static bool paths_of_state(char *journal, char *stop) {
  if (!E.statePath) return false;
  snprintf(journal, 4096, "%s.netevents", E.statePath);
  snprintf(stop, 4096, "%s.stopped", E.statePath);
  return true;
}

static bool append_locked(SIM_FWPM_NET_EVENT1 *copy) {
  if (numEvents == capEvents) {
    size_t cap = capEvents ? capEvents * 2 : 64;
    SIM_FWPM_NET_EVENT1 **grown = realloc(events, cap * sizeof *grown);
    if (!grown) return false;
    events = grown;
    capEvents = cap;
  }
  events[numEvents++] = copy;
  return true;
}

/* Takes the complete records after journalOff into the list (a record still being written waits). */
static void sync_locked(void) {
  if (!journalPath[0]) return;
  size_t n = 0;
  uint8_t *buf = nplat_read_from(journalPath, journalOff, &n);
  if (!buf) return;
  size_t pos = 0;
  while (n - pos >= sizeof(JournalHeader)) {
    JournalHeader h;
    memcpy(&h, buf + pos, sizeof h);
    if (h.magic != JOURNAL_MAGIC || h.size < sizeof(SIM_FWPM_NET_EVENT1)) {
      fprintf(stderr, "fwpsim: %s: damaged net-event record at byte %llu; the rest is ignored\n", journalPath,
              (unsigned long long)(journalOff + pos));
      pos = n;
      break;
    }
    if (n - pos - sizeof h < h.size) break;
    /* The block is copied to an 8-aligned buffer first: the record's offset in the file is arbitrary. It
     * is read back in bounded mode (dc_load), so a damaged record cannot point outside itself. */
    uint8_t *blk = malloc(h.size);
    if (!blk) break;
    memcpy(blk, buf + pos + sizeof h, h.size);
    size_t got = 0;
    const char *why = NULL;
    SIM_FWPM_NET_EVENT1 *copy = dc_load(sizeof(SIM_FWPM_NET_EVENT1), fix_net_event, blk, h.size, h.base, &got, &why);
    free(blk);
    if (!copy) {
      fprintf(stderr, "fwpsim: %s: net-event record at byte %llu refused (%s); the rest is ignored\n", journalPath,
              (unsigned long long)(journalOff + pos), why ? why : "?");
      pos = n;
      break;
    }
    if (!append_locked(copy)) {
      free(copy);
      break;
    }
    pos += sizeof h + h.size;
  }
  journalOff += pos;
  free(buf);
}

static void use_state_paths(void) {
  char j[4096], s[4096];
  if (!paths_of_state(j, s)) return;
  if (strcmp(j, journalPath) != 0) { /* another state file: its journal is read from the start */
    memcpy(journalPath, j, sizeof j);
    memcpy(stopPath, s, sizeof s);
    journalOff = 0;
  }
}

void netev_sync(void) {
  nplat_lock();
  use_state_paths();
  sync_locked();
  nplat_unlock();
}

size_t netev_count(void) {
  nplat_lock();
  size_t n = numEvents;
  nplat_unlock();
  return n;
}

SIM_FWPM_NET_EVENT1 *netev_at(size_t i) {
  nplat_lock();
  SIM_FWPM_NET_EVENT1 *e = i < numEvents ? events[i] : NULL;
  nplat_unlock();
  return e;
}

static void sub_unlink_free_locked(Sub *x) {
  for (Sub **pp = &subs; *pp; pp = &(*pp)->next_)
    if (*pp == x) {
      *pp = x->next_;
      break;
    }
  free(x);
}

/* SimReset: no subscriber survives it (its sessions are closed first), then the list is dropped. */
void netev_reset(void) {
  nplat_lock();
  for (Sub *x = subs; x; x = x->next_) x->dead = true;
  while (subs) {
    Sub *x = subs;
    while (x && x->busy) x = x->next_;
    if (!x) {
      nplat_wait_ms(POLL_MS);
      continue;
    }
    sub_unlink_free_locked(x);
  }
  for (size_t i = 0; i < numEvents; i++) free(events[i]);
  free(events);
  events = NULL;
  numEvents = capEvents = 0;
  journalOff = 0;
  journalPath[0] = stopPath[0] = 0;
  severedBelow = 0;
  void *ending = thread;
  thread = NULL;
  nplat_broadcast();
  nplat_unlock();
  if (ending) nplat_join(ending);
}

void netev_session_closed(uint64_t serial) {
  nplat_lock();
  for (Sub *x = subs, *nx; x; x = nx) {
    nx = x->next_;
    if (x->owner != serial) continue;
    x->dead = true;
    if (!x->busy) sub_unlink_free_locked(x); /* else the delivery thread frees it after the callback */
  }
  nplat_unlock();
}

static bool stopped_locked(void) { return stopPath[0] && nplat_exists(stopPath); }

bool netev_engine_stopped(void) {
  char j[4096], s[4096];
  return paths_of_state(j, s) && nplat_exists(s);
}

bool netev_session_severed(const Session *s) {
  nplat_lock();
  use_state_paths();
  if (stopped_locked() && severedBelow < E.nextSerial) severedBelow = E.nextSerial;
  bool severed = s->serial < severedBelow;
  nplat_unlock();
  return severed;
}

/* ---- the delivery thread --------------------------------------------------------------------------------- */

static void deliver_thread(void *arg) {
  (void)arg;
  nplat_lock();
  for (;;) {
    if (!subs) break;
    sync_locked();
    if (stopped_locked()) {
      /* The engine went away: every subscription is gone with it. */
      for (Sub *x = subs; x; x = x->next_) x->dead = true;
      if (severedBelow < E.nextSerial) severedBelow = E.nextSerial;
    }
    for (Sub *x = subs, *nx; x; x = nx) {
      while (!x->dead && x->next < numEvents) {
        SIM_FWPM_NET_EVENT1 *e = events[x->next++];
        uint64_t ts = filetime_u64(&e->header.timeStamp);
        if (ts < x->lo || ts > x->hi) continue;
        x->busy = true;
        nplat_unlock();
        x->callback(x->context, e);
        nplat_lock();
        x->busy = false;
        nplat_broadcast();
      }
      nx = x->next_;
      if (x->dead && !x->busy) sub_unlink_free_locked(x);
    }
    if (!subs) break;
    nplat_wait_ms(POLL_MS);
  }
  threadRunning = false;
  nplat_broadcast();
  nplat_unlock();
}

/* ---- exports ----------------------------------------------------------------------------------------------- */

SIMAPI uint32_t SimInjectNetEvent(const SIM_FWPM_NET_EVENT1 *event) {
  if (!event) return FWP_E_NULL_POINTER;
  switch (event->type) {
  case FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE: case FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE:
  case FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE: case FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP:
    break;
  default:
    return ERROR_NOT_SUPPORTED; /* classify/DoSP/capability events are not simulated */
  }
  if (bad_ptr(event->ikeMmFailure)) return FWP_E_NULL_POINTER; /* every simulated type has a payload */
  if (event->header.ipVersion > FWP_IP_VERSION_V6) return FWP_E_INVALID_ENUMERATOR;
  size_t size = 0;
  SIM_FWPM_NET_EVENT1 *copy = dc_generic_sized(event, sizeof *event, fix_net_event, &size);
  if (!copy) return ERROR_NOT_ENOUGH_MEMORY;
  char j[4096], s[4096];
  if (!paths_of_state(j, s)) { /* no state file: this process's memory only */
    nplat_lock();
    bool ok = append_locked(copy);
    nplat_broadcast();
    nplat_unlock();
    if (!ok) free(copy);
    return ok ? 0 : ERROR_NOT_ENOUGH_MEMORY;
  }
  uint8_t *rec = malloc(sizeof(JournalHeader) + size);
  if (!rec) {
    free(copy);
    return ERROR_NOT_ENOUGH_MEMORY;
  }
  JournalHeader h = {JOURNAL_MAGIC, (uint32_t)size, (uint64_t)(uintptr_t)copy};
  memcpy(rec, &h, sizeof h);
  memcpy(rec + sizeof h, copy, size);
  int rc = nplat_append(j, rec, sizeof h + size);
  free(rec);
  free(copy);
  if (rc) return ERROR_ACCESS_DENIED;
  netev_sync();
  return 0;
}

SIMAPI uint32_t SimStopEngine(uint32_t stopped) {
  engine_init();
  char j[4096], s[4096];
  if (!paths_of_state(j, s)) return ERROR_INVALID_PARAMETER; /* only a state file is shared with other processes */
  return (stopped ? nplat_create(s) : nplat_remove(s)) ? ERROR_ACCESS_DENIED : 0;
}

SIMAPI uint32_t FwpmNetEventSubscribe0(void *engineHandle, const SIM_FWPM_NET_EVENT_SUBSCRIPTION0 *subscription,
                                       SIM_FWPM_NET_EVENT_CALLBACK0 callback, void *context, void **eventsHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!subscription || !callback || !eventsHandle) return FWP_E_NULL_POINTER;
  *eventsHandle = NULL;
  if (bad_ptr(subscription) || (subscription->enumTemplate && bad_ptr(subscription->enumTemplate)))
    return FWP_E_NULL_POINTER;
  if (s->txn == 1 || s->txn == 2) return FWP_E_TXN_IN_PROGRESS; /* Learn: FwpmNetEventSubscribe0 remarks */
  if (netev_session_severed(s)) return RPC_S_SERVER_UNAVAILABLE;
  Sub *x = calloc(1, sizeof *x);
  if (!x) return ERROR_NOT_ENOUGH_MEMORY;
  const SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 *t = subscription->enumTemplate;
  x->lo = t ? filetime_u64(&t->startTime) : 0;
  x->hi = t ? filetime_u64(&t->endTime) : UINT64_MAX;
  x->callback = callback;
  x->context = context;
  x->owner = s->serial;
  x->handle = (uintptr_t)new_handle();
  nplat_lock();
  use_state_paths();
  sync_locked();
  x->next = numEvents; /* events recorded from now on */
  if (!threadRunning) {
    if (thread) nplat_detach(thread); /* an earlier one that ended on its own (session closed, engine stopped) */
    thread = nplat_thread(deliver_thread, NULL);
    if (!thread) {
      nplat_unlock();
      free(x);
      return ERROR_NOT_ENOUGH_MEMORY;
    }
    threadRunning = true;
  }
  x->next_ = subs;
  subs = x;
  nplat_unlock();
  *eventsHandle = (void *)x->handle;
  return 0;
}

SIMAPI uint32_t FwpmNetEventUnsubscribe0(void *engineHandle, void *eventsHandle) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!eventsHandle) return 0; /* Learn: "This may be NULL, in which case the function will have no effect." */
  if (s->txn == 1 || s->txn == 2) return FWP_E_TXN_IN_PROGRESS;
  if (netev_session_severed(s)) return RPC_S_SERVER_UNAVAILABLE;
  nplat_lock();
  Sub *x = subs;
  while (x && !(x->handle == (uintptr_t)eventsHandle && x->owner == s->serial)) x = x->next_;
  if (!x || x->dead) {
    /* Unknown, another session's, or already cancelled (the engine stopped: the binding is gone). */
    bool gone = x && x->dead;
    nplat_unlock();
    return gone ? RPC_S_SERVER_UNAVAILABLE : ERROR_INVALID_HANDLE;
  }
  x->dead = true;
  while (x->busy) nplat_wait_ms(POLL_MS); /* a callback in progress finishes first */
  sub_unlink_free_locked(x);
  /* The last one: the delivery thread ends, and is waited for, so no fwpsim code runs after this returns
   * (a process that unloads fwpuclnt next must not find a thread still inside it). */
  void *ending = subs ? NULL : thread;
  if (ending) thread = NULL;
  nplat_broadcast();
  nplat_unlock();
  if (ending) nplat_join(ending);
  return 0;
}
