/*
 * driver.c -- the C baseline for `deno task bench`: the same workload as the Deno FFI bench, in one process,
 * against libfwpsim.so. Usage: fwpsim_driver N
 *   open a dynamic session, add a provider and a sublayer; in ONE transaction add N filters at
 *   OUTBOUND_TRANSPORT_V4 (name "bench-filter-<i>", weight FWP_UINT64 = i by pointer, conditions
 *   IP_LOCAL_ADDRESS_TYPE == 1, IP_PROTOCOL == 6, IP_REMOTE_ADDRESS == {0x0a000000+i, 0xffffff00}, callout
 *   action IPSEC_OUTBOUND_TRANSPORT_V4, rawContext 1); commit; then enumerate by providerKey in pages of 1000
 *   and decode every filter into owned C memory (as the Deno decoder builds JS objects), freeing each page.
 * Runs the whole thing 3 times on fresh sessions (warm) and prints one JSON line with each run and the last.
 *
 * Built with -DFWPSIM_DRIVER_LIB it is instead a shared library (libfwpsim_driver.so) exporting
 * fwpsim_driver_run(N, out[4]), one such run, so that the Deno bench can call the C baseline in its own process
 * against the very fwpsim instance it uses itself, alternating with its own runs: the machine's speed drifts
 * over seconds on a shared VM, and pairs measured a fraction of a second apart compare like with like.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fwpsim_api.h"
#include "fwpsim_constants.h"

typedef struct DecCond {
  SIM_GUID fieldKey;
  uint32_t matchType, type;
  uint64_t scalar;  /* inline arms */
  uint8_t *pointee; /* owned copy of a pointer arm */
  size_t pointeeSize;
} DecCond;

typedef struct DecFilter {
  SIM_GUID filterKey, layerKey, subLayerKey, providerKey, calloutKey;
  uint16_t *name, *description;
  uint32_t flags, weightType, actionType, numConds;
  uint64_t weight, effectiveWeight, rawContext, filterId;
  DecCond *conds;
} DecFilter;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this work: unlike wall time, other processes on the machine do not inflate it. The program is
 * single-threaded (process time); inside the Deno process only this thread's time is the driver's. */
static double cpu_ms(void) {
  struct timespec ts;
#ifdef FWPSIM_DRIVER_LIB
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
#else
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
#endif
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint16_t *dup_w(const uint16_t *s) {
  if (!s) return NULL;
  size_t n = 0;
  while (s[n]) n++;
  uint16_t *d = malloc((n + 1) * 2);
  memcpy(d, s, (n + 1) * 2);
  return d;
}

static void decode(const SIM_FWPM_FILTER0 *f, DecFilter *d) {
  memset(d, 0, sizeof *d);
  d->filterKey = f->filterKey;
  d->name = dup_w(f->displayData.name);
  d->description = dup_w(f->displayData.description);
  d->flags = f->flags;
  if (f->providerKey) d->providerKey = *f->providerKey;
  d->layerKey = f->layerKey;
  d->subLayerKey = f->subLayerKey;
  d->weightType = f->weight.type;
  d->weight = f->weight.type == FWP_UINT64 ? *f->weight.uint64 : f->weight.uint8;
  d->effectiveWeight = *f->effectiveWeight.uint64;
  d->numConds = f->numFilterConditions;
  d->conds = calloc(d->numConds ? d->numConds : 1, sizeof *d->conds);
  for (uint32_t i = 0; i < f->numFilterConditions; i++) {
    const SIM_FWPM_FILTER_CONDITION0 *c = &f->filterCondition[i];
    DecCond *o = &d->conds[i];
    o->fieldKey = c->fieldKey;
    o->matchType = c->matchType;
    o->type = c->conditionValue.type;
    switch (o->type) {
    case FWP_UINT8: o->scalar = c->conditionValue.uint8; break;
    case FWP_UINT16: o->scalar = c->conditionValue.uint16; break;
    case FWP_UINT32: o->scalar = c->conditionValue.uint32; break;
    case FWP_V4_ADDR_MASK:
      o->pointeeSize = sizeof(SIM_FWP_V4_ADDR_AND_MASK);
      o->pointee = malloc(o->pointeeSize);
      memcpy(o->pointee, c->conditionValue.v4AddrMask, o->pointeeSize);
      break;
    default: break;
    }
  }
  d->actionType = f->action.type;
  d->calloutKey = f->action.calloutKey;
  d->rawContext = f->rawContext;
  d->filterId = f->filterId;
}

static void release(DecFilter *d) {
  free(d->name);
  free(d->description);
  for (uint32_t i = 0; i < d->numConds; i++) free(d->conds[i].pointee);
  free(d->conds);
}

static int run(uint32_t n, double *addMs, double *enumMs, double *addCpu, double *enumCpu) {
  static const SIM_GUID providerKey = {0xbe9c0001u, 0x1111, 0x4222, {0x83, 0x33, 0, 0, 0, 0, 0, 1}};
  static const SIM_GUID subLayerKey = {0xbe9c0002u, 0x1111, 0x4222, {0x83, 0x33, 0, 0, 0, 0, 0, 2}};
  SIM_FWPM_SESSION0 session;
  memset(&session, 0, sizeof session);
  session.flags = FWPM_SESSION_FLAG_DYNAMIC;
  void *h = NULL;
  if (FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &h)) return 1;
  SIM_FWPM_PROVIDER0 p;
  memset(&p, 0, sizeof p);
  p.providerKey = providerKey;
  p.displayData.name = (uint16_t *)u"bench provider";
  SIM_FWPM_SUBLAYER0 s;
  memset(&s, 0, sizeof s);
  s.subLayerKey = subLayerKey;
  s.displayData.name = (uint16_t *)u"bench sublayer";
  s.providerKey = (SIM_GUID *)&providerKey;
  s.weight = 0x100;
  if (FwpmProviderAdd0(h, &p, NULL) || FwpmSubLayerAdd0(h, &s, NULL)) return 2;

  static const SIM_GUID fType = FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE_INIT, fProto = FWPM_CONDITION_IP_PROTOCOL_INIT,
                        fRemote = FWPM_CONDITION_IP_REMOTE_ADDRESS_INIT, layer = FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT,
                        callout = FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4_INIT;
  double t0 = now_ms(), c0 = cpu_ms();
  if (FwpmTransactionBegin0(h, 0)) return 3;
  for (uint32_t i = 0; i < n; i++) {
    char name8[32];
    uint16_t name[32];
    int len = snprintf(name8, sizeof name8, "bench-filter-%u", i);
    for (int k = 0; k <= len; k++) name[k] = (uint16_t)name8[k];
    uint64_t weight = i;
    SIM_FWP_V4_ADDR_AND_MASK am = {0x0a000000u + i, 0xffffff00u};
    SIM_FWPM_FILTER_CONDITION0 c[3];
    memset(c, 0, sizeof c);
    c[0].fieldKey = fType;
    c[0].conditionValue.type = FWP_UINT8;
    c[0].conditionValue.uint8 = 1;
    c[1].fieldKey = fProto;
    c[1].conditionValue.type = FWP_UINT8;
    c[1].conditionValue.uint8 = 6;
    c[2].fieldKey = fRemote;
    c[2].conditionValue.type = FWP_V4_ADDR_MASK;
    c[2].conditionValue.v4AddrMask = &am;
    SIM_FWPM_FILTER0 f;
    memset(&f, 0, sizeof f);
    f.displayData.name = name;
    f.providerKey = (SIM_GUID *)&providerKey;
    f.layerKey = layer;
    f.subLayerKey = subLayerKey;
    f.weight.type = FWP_UINT64;
    f.weight.uint64 = &weight;
    f.numFilterConditions = 3;
    f.filterCondition = c;
    f.action.type = FWP_ACTION_CALLOUT_TERMINATING;
    f.action.calloutKey = callout;
    f.rawContext = 1;
    uint64_t id;
    uint32_t rc = FwpmFilterAdd0(h, &f, NULL, &id);
    if (rc) {
      fprintf(stderr, "FwpmFilterAdd0 #%u: 0x%08x\n", i, rc);
      return 4;
    }
  }
  if (FwpmTransactionCommit0(h)) return 5;
  *addMs = now_ms() - t0;
  *addCpu = cpu_ms() - c0;

  t0 = now_ms();
  c0 = cpu_ms();
  DecFilter *out = malloc((n ? n : 1) * sizeof *out);
  uint32_t total = 0;
  SIM_FWPM_FILTER_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.providerKey = (SIM_GUID *)&providerKey;
  t.actionMask = 0xffffffffu;
  void *eh = NULL;
  if (FwpmFilterCreateEnumHandle0(h, &t, &eh)) return 6;
  for (;;) {
    SIM_FWPM_FILTER0 **page = NULL;
    uint32_t got = 0;
    if (FwpmFilterEnum0(h, eh, 1000, &page, &got)) return 7;
    if (!got) break;
    for (uint32_t i = 0; i < got && total < n; i++) decode(page[i], &out[total++]);
    FwpmFreeMemory0((void **)&page);
  }
  FwpmFilterDestroyEnumHandle0(h, eh);
  *enumMs = now_ms() - t0;
  *enumCpu = cpu_ms() - c0;
  int bad = total != n;
  for (uint32_t i = 0; i < total; i++) release(&out[i]);
  free(out);
  FwpmEngineClose0(h);
  if (bad) {
    fprintf(stderr, "enumerated %u filters, expected %u\n", total, n);
    return 8;
  }
  if (SimOutstandingAllocations() != 0) return 9;
  return 0;
}

#ifdef FWPSIM_DRIVER_LIB
/* One run of N filters; out = {addMs, enumDecodeMs, addCpuMs, enumDecodeCpuMs}. Returns 0 or run()'s code. */
__attribute__((visibility("default"))) int fwpsim_driver_run(uint32_t n, double *out) {
  return run(n, &out[0], &out[1], &out[2], &out[3]);
}
#else
int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 10000;
  double add[3], en[3], addCpu[3], enCpu[3];
  for (int r = 0; r < 3; r++) {
    int rc = run(n, &add[r], &en[r], &addCpu[r], &enCpu[r]);
    if (rc) {
      fprintf(stderr, "fwpsim_driver: run %d failed (%d)\n", r, rc);
      return 1;
    }
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"n\":%u,\"addMs\":%.2f,\"enumDecodeMs\":%.2f,\"peakRssKb\":%ld,\"runs\":[", n, add[2], en[2], ru.ru_maxrss);
  for (int r = 0; r < 3; r++) {
    printf("%s{\"addMs\":%.2f,\"enumDecodeMs\":%.2f,\"addCpuMs\":%.2f,\"enumDecodeCpuMs\":%.2f}", r ? "," : "",
           add[r], en[r], addCpu[r], enCpu[r]);
  }
  printf("]}\n");
  return 0;
}
#endif
