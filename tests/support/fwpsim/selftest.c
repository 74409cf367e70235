/*
 * selftest.c -- fwpsim's own C test of the engine semantics, run by scripts/stages/20-build-sim.sh
 * against libfwpsim.so and libfwpsim_asan.so. Prints "fwpsim selftest: N passed, M failed".
 * Each CHECK names the behaviour it proves; every scenario ends with zero outstanding allocations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unistd.h>
#ifndef _WIN32
#include <sys/wait.h>
#endif

#include "fwpsim_api.h"
#include "fwpsim_constants.h"

static int passed, failed;

/* a fresh, not yet existing file name in the temp directory */
static void temp_path(char *buf, size_t n, const char *tag) {
#ifdef _WIN32
  const char *dir = getenv("TEMP") ? getenv("TEMP") : ".";
  snprintf(buf, n, "%s\\fwpsim-%s-%d", dir, tag, (int)getpid());
#else
  snprintf(buf, n, "/tmp/fwpsim-%s-XXXXXX", tag);
  int fd = mkstemp(buf);
  close(fd);
#endif
  unlink(buf);
}
#define CHECK(cond, what)                                                    \
  do {                                                                       \
    if (cond) passed++;                                                      \
    else {                                                                   \
      failed++;                                                              \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what);         \
    }                                                                        \
  } while (0)
#define CHECK_RC(expr, want, what)                                                                         \
  do {                                                                                                     \
    uint32_t rc_ = (expr);                                                                                 \
    if (rc_ == (uint32_t)(want)) passed++;                                                                 \
    else {                                                                                                 \
      failed++;                                                                                            \
      fprintf(stderr, "FAIL %s:%d: %s: got 0x%08x want 0x%08x\n", __FILE__, __LINE__, what, rc_, (uint32_t)(want)); \
    }                                                                                                      \
  } while (0)

#define W(s) ((uint16_t *)(u"" s))
static const SIM_GUID L_OUT4 = FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT, L_IKE4 = FWPM_LAYER_IKEEXT_V4_INIT,
                      L_IPSEC4 = FWPM_LAYER_IPSEC_V4_INIT, L_ALE4 = FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT,
                      C_OUT4 = FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4_INIT,
                      C_IN4 = FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4_INIT,
                      F_PROTO = FWPM_CONDITION_IP_PROTOCOL_INIT, F_RADDR = FWPM_CONDITION_IP_REMOTE_ADDRESS_INIT,
                      F_LADDR = FWPM_CONDITION_IP_LOCAL_ADDRESS_INIT,
                      F_APPID = FWPM_CONDITION_ALE_APP_ID_INIT, F_LPORT = FWPM_CONDITION_IP_LOCAL_PORT_INIT,
                      F_RUSER = FWPM_CONDITION_ALE_REMOTE_USER_ID_INIT,
                      SUB_UNIVERSAL = FWPM_SUBLAYER_UNIVERSAL_INIT, P_IKEEXT = FWPM_PROVIDER_IKEEXT_INIT;

static SIM_GUID key(uint32_t n) {
  SIM_GUID g = {0x5e1f7e57u, 0x0001, 0x4000, {0x80, 0, 0, 0, 0, 0, (uint8_t)(n >> 8), (uint8_t)n}};
  return g;
}

static void *open_session(uint32_t flags) {
  SIM_FWPM_SESSION0 s;
  memset(&s, 0, sizeof s);
  s.flags = flags;
  void *h = NULL;
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h), 0, "open session");
  return h;
}

static uint32_t add_provider(void *h, SIM_GUID k, uint32_t flags) {
  SIM_FWPM_PROVIDER0 p;
  memset(&p, 0, sizeof p);
  p.providerKey = k;
  p.displayData.name = W("selftest provider");
  p.flags = flags;
  return FwpmProviderAdd0(h, &p, NULL);
}

static uint32_t add_sublayer(void *h, SIM_GUID k, SIM_GUID *provider, uint32_t flags) {
  SIM_FWPM_SUBLAYER0 s;
  memset(&s, 0, sizeof s);
  s.subLayerKey = k;
  s.displayData.name = W("selftest sublayer");
  s.providerKey = provider;
  s.flags = flags;
  s.weight = 0x100;
  return FwpmSubLayerAdd0(h, &s, NULL);
}

/* a callout filter at OUTBOUND_TRANSPORT_V4 with protocol == 6 */
static SIM_FWPM_FILTER_CONDITION0 cond_tcp;
static SIM_FWPM_FILTER0 callout_filter(SIM_GUID k, SIM_GUID *provider) {
  memset(&cond_tcp, 0, sizeof cond_tcp);
  cond_tcp.fieldKey = F_PROTO;
  cond_tcp.conditionValue.type = FWP_UINT8;
  cond_tcp.conditionValue.uint8 = 6;
  SIM_FWPM_FILTER0 f;
  memset(&f, 0, sizeof f);
  f.filterKey = k;
  f.displayData.name = W("selftest filter");
  f.providerKey = provider;
  f.layerKey = L_OUT4;
  f.numFilterConditions = 1;
  f.filterCondition = &cond_tcp;
  f.action.type = FWP_ACTION_CALLOUT_TERMINATING;
  f.action.calloutKey = C_OUT4;
  f.rawContext = 1;
  return f;
}

static void test_providers_and_transactions(void) {
  void *h = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  SIM_GUID pk = key(1);
  CHECK_RC(add_provider(h, pk, 0), 0, "provider add");
  CHECK_RC(add_provider(h, pk, 0), FWP_E_ALREADY_EXISTS, "duplicate provider key");
  SIM_FWPM_PROVIDER0 nameless;
  memset(&nameless, 0, sizeof nameless);
  CHECK_RC(FwpmProviderAdd0(h, &nameless, NULL), FWP_E_NULL_DISPLAY_NAME, "NULL displayData.name");
  uint16_t lone[] = {'a', 0xD800, 'b', 0};
  nameless.displayData.name = lone;
  CHECK_RC(FwpmProviderAdd0(h, &nameless, NULL), FWP_E_INVALID_PARAMETER, "lone surrogate in a name");
  uint16_t pair[] = {'a', 0xD83D, 0xDD12, 0};
  nameless.displayData.name = pair;
  nameless.providerKey = key(8);
  CHECK_RC(FwpmProviderAdd0(h, &nameless, NULL), 0, "surrogate pair in a name");
  SIM_FWPM_PROVIDER0 *got = NULL;
  CHECK_RC(FwpmProviderGetByKey0(h, &pk, &got), 0, "provider get");
  CHECK(got && got->displayData.name && memcmp(got->displayData.name, u"selftest provider", 36) == 0,
        "provider round trip keeps the UTF-16 name");
  CHECK(SimOutstandingAllocations() == 1, "get returns one caller-owned block");
  FwpmFreeMemory0((void **)&got);
  CHECK(got == NULL && SimOutstandingAllocations() == 0, "FwpmFreeMemory0 frees and NULLs the pointer");
  FwpmFreeMemory0((void **)&got); /* NULL-valued pointer is fine */
  SIM_GUID missing = key(999);
  CHECK_RC(FwpmProviderGetByKey0(h, &missing, &got), FWP_E_PROVIDER_NOT_FOUND, "unknown provider");
  CHECK_RC(FwpmProviderDeleteByKey0(h, &P_IKEEXT), FWP_E_BUILTIN_OBJECT, "built-in provider cannot be deleted");

  CHECK_RC(FwpmTransactionCommit0(h), FWP_E_NO_TXN_IN_PROGRESS, "commit without a transaction");
  CHECK_RC(FwpmTransactionAbort0(h), FWP_E_NO_TXN_IN_PROGRESS, "abort without a transaction");
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin");
  CHECK_RC(FwpmTransactionBegin0(h, 0), FWP_E_TXN_IN_PROGRESS, "nested begin");
  CHECK_RC(add_provider(h, key(2), 0), 0, "add inside transaction");
  CHECK_RC(add_provider(h, key(2), 0), FWP_E_ALREADY_EXISTS, "failed call inside the transaction");
  CHECK_RC(add_provider(h, key(3), 0), 0, "the transaction is not poisoned by a failed call");
  CHECK_RC(FwpmTransactionAbort0(h), 0, "abort");
  CHECK_RC(FwpmProviderGetByKey0(h, &(SIM_GUID){0}, &got), FWP_E_PROVIDER_NOT_FOUND, "zero key not found");
  SIM_GUID k2 = key(2), k3 = key(3);
  CHECK_RC(FwpmProviderGetByKey0(h, &k2, &got), FWP_E_PROVIDER_NOT_FOUND, "abort rolled back the first add");
  CHECK_RC(FwpmProviderGetByKey0(h, &k3, &got), FWP_E_PROVIDER_NOT_FOUND, "abort rolled back the second add");
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin 2");
  CHECK_RC(add_provider(h, key(2), 0), 0, "add 2");
  CHECK_RC(FwpmProviderDeleteByKey0(h, &pk), 0, "delete inside transaction");
  CHECK_RC(FwpmTransactionCommit0(h), 0, "commit");
  CHECK_RC(FwpmProviderGetByKey0(h, &k2, &got), 0, "committed add is visible");
  FwpmFreeMemory0((void **)&got);
  CHECK_RC(FwpmProviderGetByKey0(h, &pk, &got), FWP_E_PROVIDER_NOT_FOUND, "committed delete is visible");
  CHECK_RC(FwpmTransactionBegin0(h, FWPM_TXN_READ_ONLY), 0, "read-only begin");
  CHECK_RC(add_provider(h, key(4), 0), FWP_E_INCOMPATIBLE_TXN, "write inside a read-only transaction");
  CHECK_RC(FwpmTransactionCommit0(h), 0, "read-only commit");
  /* zero key: the engine generates one */
  SIM_FWPM_PROVIDER0 anon;
  memset(&anon, 0, sizeof anon);
  anon.displayData.name = W("anonymous");
  CHECK_RC(FwpmProviderAdd0(h, &anon, NULL), 0, "zero provider key is accepted");
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin before close");
  CHECK_RC(add_provider(h, key(5), 0), 0, "add then close mid-transaction");
  CHECK_RC(FwpmEngineClose0(h), 0, "close");
  void *h2 = open_session(0);
  SIM_GUID k5 = key(5);
  CHECK_RC(FwpmProviderGetByKey0(h2, &k5, &got), FWP_E_PROVIDER_NOT_FOUND, "closing mid-transaction aborts it");
  CHECK_RC(FwpmProviderGetByKey0(h2, &k2, &got), FWP_E_PROVIDER_NOT_FOUND, "dynamic session objects vanish");
  CHECK_RC(FwpmEngineClose0(h), ERROR_INVALID_HANDLE, "closed handle is invalid");
  SIM_FWPM_SESSION0 named;
  memset(&named, 0, sizeof named);
  named.sessionKey = key(77);
  void *h3 = NULL, *h4 = NULL;
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_DEFAULT, NULL, &named, &h3), 0, "named session");
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_DEFAULT, NULL, &named, &h4), FWP_E_ALREADY_EXISTS, "session key clash");
  CHECK_RC(FwpmTransactionBegin0(h3, 0), 0, "session A begins");
  CHECK_RC(add_provider(h2, key(6), 0), FWP_E_TIMEOUT, "session B waits for A's transaction lock");
  FwpmTransactionAbort0(h3);
  FwpmEngineClose0(h3);
  FwpmEngineClose0(h2);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (providers)");
}

static void test_filters(void) {
  void *h = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  SIM_GUID pk = key(10), sk = key(11);
  CHECK_RC(add_provider(h, pk, 0), 0, "provider");
  CHECK_RC(add_sublayer(h, sk, &pk, 0), 0, "sublayer");
  SIM_GUID unknownProvider = key(12);
  CHECK_RC(add_sublayer(h, key(13), &unknownProvider, 0), FWP_E_PROVIDER_NOT_FOUND, "sublayer with unknown provider");
  SIM_FWPM_FILTER0 f = callout_filter(key(20), &pk);
  f.subLayerKey = sk;
  uint64_t w = 42, id1 = 0, id2 = 0;
  f.weight.type = FWP_UINT64;
  f.weight.uint64 = &w;
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, &id1), 0, "callout filter add");
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_ALREADY_EXISTS, "duplicate filter key");
  f.filterKey = key(21);
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, &id2), 0, "second filter");
  CHECK(id1 > 0 && id2 > id1, "filter ids increase");
  SIM_FWPM_FILTER0 *got = NULL;
  CHECK_RC(FwpmFilterGetById0(h, id2, &got), 0, "get by id");
  CHECK(got && got->filterId == id2 && got->weight.type == FWP_UINT64 && *got->weight.uint64 == 42 &&
            got->effectiveWeight.type == FWP_UINT64 && *got->effectiveWeight.uint64 == 42 &&
            got->numFilterConditions == 1 && got->filterCondition[0].conditionValue.uint8 == 6 &&
            got->rawContext == 1 && got->providerKey && memcmp(got->providerKey, &pk, 16) == 0 &&
            got->weight.uint64 != &w,
        "filter deep copy round trip");
  FwpmFreeMemory0((void **)&got);

  SIM_FWPM_FILTER0 b = callout_filter(key(30), &pk);
  b.layerKey = key(31);
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_LAYER_NOT_FOUND, "unknown layer");
  b = callout_filter(key(30), &pk);
  b.subLayerKey = key(32);
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_SUBLAYER_NOT_FOUND, "unknown sublayer");
  SIM_GUID nop = key(33);
  b = callout_filter(key(30), &nop);
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_PROVIDER_NOT_FOUND, "unknown provider");
  b = callout_filter(key(30), &pk);
  b.weight.type = FWP_UINT8;
  b.weight.uint8 = 16;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_WEIGHT, "UINT8 weight above 15");
  b.weight.type = FWP_UINT32;
  b.weight.uint32 = 3;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_WEIGHT, "UINT32 weight");
  b.weight.type = FWP_UINT64;
  b.weight.uint32 = 7; /* an inline value where a pointer belongs */
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_WEIGHT, "UINT64 weight must be passed by pointer");
  b = callout_filter(key(30), &pk);
  b.action.type = FWP_ACTION_CONTINUE;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_ACTION_TYPE, "invalid action type");
  b = callout_filter(key(30), &pk);
  b.action.calloutKey = key(34);
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_CALLOUT_NOT_FOUND, "unknown callout");
  b = callout_filter(key(30), &pk);
  b.action.calloutKey = C_IN4;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INCOMPATIBLE_LAYER, "callout of another layer");
  b = callout_filter(key(30), &pk);
  b.displayData.name = NULL;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_NULL_DISPLAY_NAME, "filter without name");

  SIM_FWPM_FILTER_CONDITION0 c;
  memset(&c, 0, sizeof c);
  b = callout_filter(key(30), &pk);
  b.filterCondition = &c;
  c.fieldKey = F_APPID;
  c.conditionValue.type = FWP_BYTE_BLOB_TYPE;
  SIM_FWP_BYTE_BLOB blob = {4, (uint8_t *)"abcd"};
  c.conditionValue.byteBlob = &blob;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_CONDITION_NOT_FOUND, "ALE_APP_ID not available at transport");
  c.fieldKey = F_PROTO;
  c.conditionValue.type = FWP_UINT16;
  c.conditionValue.uint16 = 6;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_TYPE_MISMATCH, "protocol must be UINT8");
  c.conditionValue.type = FWP_UINT8;
  c.matchType = FWP_MATCH_PREFIX;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_MATCH_TYPE_MISMATCH, "prefix match on an integer");
  c.matchType = FWP_MATCH_EQUAL;
  c.fieldKey = F_RADDR;
  SIM_FWP_V4_ADDR_AND_MASK am = {0x0a000001, 0xff00ff00};
  c.conditionValue.type = FWP_V4_ADDR_MASK;
  c.conditionValue.v4AddrMask = &am;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_NET_MASK, "non-contiguous mask");
  am.mask = 0xffffff00;
  c.conditionValue.type = FWP_V6_ADDR_MASK;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_TYPE_MISMATCH, "V6 mask at a V4 layer");
  c.fieldKey = F_LPORT;
  SIM_FWP_RANGE0 r;
  memset(&r, 0, sizeof r);
  r.valueLow.type = r.valueHigh.type = FWP_UINT16;
  r.valueLow.uint16 = 100;
  r.valueHigh.uint16 = 10;
  c.conditionValue.type = FWP_RANGE_TYPE;
  c.conditionValue.rangeValue = &r;
  c.matchType = FWP_MATCH_RANGE;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), FWP_E_INVALID_RANGE, "range low > high");
  r.valueHigh.uint16 = 1000;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), 0, "valid port range");
  SIM_FWPM_FILTER0 *rg = NULL;
  CHECK_RC(FwpmFilterGetByKey0(h, &b.filterKey, &rg), 0, "get range filter");
  CHECK(rg && rg->filterCondition[0].conditionValue.rangeValue != &r &&
            rg->filterCondition[0].conditionValue.rangeValue->valueHigh.uint16 == 1000,
        "range pointee deep-copied");
  FwpmFreeMemory0((void **)&rg);

  /* SD condition at an ALE layer: self-relative required */
  uint8_t sd[20] = {1, 0, 0x04, 0x80};
  SIM_FWP_BYTE_BLOB sdb = {sizeof sd, sd};
  memset(&c, 0, sizeof c);
  c.fieldKey = F_RUSER;
  c.conditionValue.type = FWP_SECURITY_DESCRIPTOR_TYPE;
  c.conditionValue.sd = &sdb;
  b = callout_filter(key(35), &pk);
  b.filterCondition = &c;
  b.layerKey = L_ALE4;
  b.action.type = FWP_ACTION_BLOCK;
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), 0, "SD condition at ALE accept");
  sd[3] = 0;
  b.filterKey = key(36);
  CHECK_RC(FwpmFilterAdd0(h, &b, NULL, NULL), ERROR_INVALID_SECURITY_DESCR, "absolute SD in a condition");

  CHECK_RC(FwpmProviderDeleteByKey0(h, &pk), FWP_E_IN_USE, "provider referenced by filters");
  CHECK_RC(FwpmSubLayerDeleteByKey0(h, &sk), FWP_E_IN_USE, "sublayer referenced by filters");
  CHECK_RC(FwpmSubLayerDeleteByKey0(h, &SUB_UNIVERSAL), FWP_E_BUILTIN_OBJECT, "built-in sublayer");
  CHECK_RC(FwpmFilterDeleteById0(h, id1), 0, "delete by id");
  CHECK_RC(FwpmFilterDeleteById0(h, id1), FWP_E_FILTER_NOT_FOUND, "deleted id");
  SIM_GUID k21 = key(21);
  CHECK_RC(FwpmFilterDeleteByKey0(h, &k21), 0, "delete by key");
  CHECK_RC(FwpmSubLayerDeleteByKey0(h, &sk), 0, "sublayer free after its filters are gone");

  /* lifetimes */
  void *st = open_session(0);
  SIM_GUID spk = key(40);
  CHECK_RC(add_provider(st, spk, 0), 0, "static provider");
  CHECK_RC(add_sublayer(st, key(41), &spk, FWPM_SUBLAYER_FLAG_PERSISTENT), FWP_E_LIFETIME_MISMATCH,
           "persistent object referencing a static one");
  CHECK_RC(add_sublayer(st, key(41), &pk, 0), FWP_E_LIFETIME_MISMATCH, "static object referencing a dynamic one");
  CHECK_RC(add_provider(h, key(42), FWPM_PROVIDER_FLAG_PERSISTENT), FWP_E_DYNAMIC_SESSION_IN_PROGRESS,
           "persistent object in a dynamic session");
  FwpmEngineClose0(st);

  /* fault injection and the mutation counter */
  uint32_t before = SimMutationCount();
  SimFailNthMutation(2, 0x80320099u);
  CHECK_RC(add_provider(h, key(50), 0), 0, "first mutation passes");
  CHECK_RC(add_provider(h, key(51), 0), 0x80320099u, "second mutation fails with the injected code");
  CHECK_RC(add_provider(h, key(52), 0), 0, "injection is one-shot");
  SIM_FWPM_PROVIDER0 *pg = NULL;
  SIM_GUID k51 = key(51);
  CHECK_RC(FwpmProviderGetByKey0(h, &k51, &pg), FWP_E_PROVIDER_NOT_FOUND, "failed mutation changed nothing");
  CHECK(SimMutationCount() == before + 2, "mutation count counts state changes only");

  FwpmEngineClose0(h);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (filters)");
}

static void test_enum(void) {
  void *h = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  SIM_GUID pk = key(60);
  add_provider(h, pk, 0);
  FwpmTransactionBegin0(h, 0);
  for (uint32_t i = 0; i < 2500; i++) {
    SIM_FWPM_FILTER0 f = callout_filter(key(1000 + i), &pk);
    if (FwpmFilterAdd0(h, &f, NULL, NULL)) {
      CHECK(0, "bulk add");
      break;
    }
  }
  CHECK_RC(FwpmTransactionCommit0(h), 0, "bulk commit");
  SIM_FWPM_FILTER_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.providerKey = &pk;
  t.actionMask = 0xffffffffu;
  void *eh = NULL;
  CHECK_RC(FwpmFilterCreateEnumHandle0(h, &t, &eh), 0, "enum handle");
  /* deleting after the snapshot does not change what the handle returns */
  SIM_GUID first = key(1000);
  FwpmFilterDeleteByKey0(h, &first);
  uint32_t total = 0, got = 0, pages = 0;
  SIM_FWPM_FILTER0 **entries = NULL;
  for (;;) {
    CHECK_RC(FwpmFilterEnum0(h, eh, 1000, &entries, &got), 0, "enum page");
    if (!got) break;
    pages++;
    total += got;
    CHECK(SimOutstandingAllocations() == 1, "a page is one block");
    FwpmFreeMemory0((void **)&entries);
  }
  CHECK(total == 2500 && pages == 3 && entries == NULL, "paging 1000/1000/500 over the snapshot");
  CHECK_RC(FwpmFilterDestroyEnumHandle0(h, eh), 0, "destroy");
  CHECK_RC(FwpmFilterEnum0(h, eh, 10, &entries, &got), FWP_E_INVALID_ENUMERATOR, "destroyed handle");
  t.actionMask = 0;
  CHECK_RC(FwpmFilterCreateEnumHandle0(h, &t, &eh), 0, "enum handle, empty action mask");
  CHECK_RC(FwpmFilterEnum0(h, eh, 10, &entries, &got), 0, "enum with mask 0");
  CHECK(got == 0, "actionMask 0 matches nothing (as on Windows)");
  FwpmFilterDestroyEnumHandle0(h, eh);
  void *ph = NULL;
  SIM_FWPM_PROVIDER0 **provs = NULL;
  CHECK_RC(FwpmProviderCreateEnumHandle0(h, NULL, &ph), 0, "provider enum");
  CHECK_RC(FwpmProviderEnum0(h, ph, 100, &provs, &got), 0, "provider page");
  CHECK(got == 3, "built-in providers are enumerated with ours");
  FwpmFreeMemory0((void **)&provs);
  FwpmProviderDestroyEnumHandle0(h, ph);
  FwpmEngineClose0(h);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (enum)");
}

static SIM_IKEEXT_AUTHENTICATION_METHOD2 mm_methods[2];
static SIM_IKEEXT_PROPOSAL0 mm_prop;
static SIM_IKEEXT_POLICY2 mm_policy;
static SIM_FWPM_PROVIDER_CONTEXT3 mm_context(SIM_GUID k, uint32_t type) {
  memset(mm_methods, 0, sizeof mm_methods);
  mm_methods[0].authenticationMethodType = IKEEXT_KERBEROS;
  mm_methods[0].kerberosAuthentication.proxyServer = W("proxy.example");
  mm_methods[1].authenticationMethodType = IKEEXT_PRESHARED_KEY;
  mm_methods[1].presharedKeyAuthentication.presharedKey.size = 6;
  mm_methods[1].presharedKeyAuthentication.presharedKey.data = (uint8_t *)"secret";
  memset(&mm_prop, 0, sizeof mm_prop);
  mm_prop.cipherAlgorithm.algoIdentifier = IKEEXT_CIPHER_AES_256;
  mm_prop.integrityAlgorithm.algoIdentifier = IKEEXT_INTEGRITY_SHA_256;
  mm_prop.dhGroup = IKEEXT_DH_ECP_384;
  mm_prop.maxLifetimeSeconds = 28800;
  memset(&mm_policy, 0, sizeof mm_policy);
  mm_policy.numAuthenticationMethods = 2;
  mm_policy.authenticationMethods = mm_methods;
  mm_policy.numIkeProposals = 1;
  mm_policy.ikeProposals = &mm_prop;
  SIM_FWPM_PROVIDER_CONTEXT3 pc;
  memset(&pc, 0, sizeof pc);
  pc.providerContextKey = k;
  pc.displayData.name = W("selftest MM");
  pc.type = type;
  pc.ikeMmPolicy = &mm_policy;
  return pc;
}

/* issue 12 rules 1-3 (fidelity.c): method x keying module, IKEEXT_POLICY2 musts, printable names */
static void test_fidelity(void *h) {
  SIM_FWPM_PROVIDER_CONTEXT3 pc = mm_context(key(90), FWPM_IPSEC_AUTHIP_MM_CONTEXT);
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INCOMPATIBLE_AUTH_METHOD, "PSK under AuthIP");
  pc = mm_context(key(91), FWPM_IPSEC_IKEV2_MM_CONTEXT);
  mm_policy.retransmitDurationSecs = 120;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INCOMPATIBLE_AUTH_METHOD, "Kerberos under IKEv2");
  mm_methods[0].authenticationMethodType = IKEEXT_CERTIFICATE;
  memset(&mm_methods[0].certificateAuthentication, 0, sizeof mm_methods[0].certificateAuthentication);
  mm_policy.retransmitDurationSecs = 119;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INVALID_PARAMETER, "IKEv2 retransmit below 120s");
  mm_policy.retransmitDurationSecs = 120;
  mm_policy.softExpirationTime = 3600;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INVALID_PARAMETER, "softExpirationTime not 0");
  mm_policy.softExpirationTime = 0;
  mm_policy.flags = IKEEXT_POLICY_FLAG_ENABLE_OPTIONAL_DH;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INVALID_FLAGS, "optional DH outside AuthIP");
  mm_policy.flags = 0;
  mm_prop.dhGroup = IKEEXT_DH_GROUP_NONE;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INCOMPATIBLE_DH_GROUP, "DH none outside AuthIP");
  mm_prop.dhGroup = IKEEXT_DH_ECP_384;
  pc.displayData.name = W("bad\tname");
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INVALID_PARAMETER, "control character in a name");
  pc.displayData.name = W("IKEv2 cert");
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), 0, "IKEv2 + certificate + retransmit 120s");
  CHECK_RC(FwpmProviderContextDeleteByKey0(h, &pc.providerContextKey), 0, "IKEv2 context delete");
  pc = mm_context(key(92), FWPM_IPSEC_AUTHIP_MM_CONTEXT);
  mm_methods[1].authenticationMethodType = IKEEXT_CERTIFICATE;
  memset(&mm_methods[1].certificateAuthentication, 0, sizeof mm_methods[1].certificateAuthentication);
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_INCOMPATIBLE_AUTH_METHOD, "IKEEXT_CERTIFICATE under AuthIP");
  mm_methods[1].authenticationMethodType = IKEEXT_SSL;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), 0, "IKEEXT_SSL under AuthIP");
  CHECK_RC(FwpmProviderContextDeleteByKey0(h, &pc.providerContextKey), 0, "AuthIP context delete");
  mm_policy.retransmitDurationSecs = 0;
}

static void test_contexts(void) {
  void *h = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  SIM_GUID mk = key(70);
  SIM_FWPM_PROVIDER_CONTEXT3 pc = mm_context(mk, FWPM_IPSEC_IKE_MM_CONTEXT); /* Kerberos + PSK: IKE */
  uint64_t cid = 0;
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, &cid), 0, "MM context add");
  CHECK(cid > 0, "context id assigned");
  SIM_FWPM_PROVIDER_CONTEXT3 *got = NULL;
  CHECK_RC(FwpmProviderContextGetByKey3(h, &mk, &got), 0, "context get");
  CHECK(got && got->providerContextId == cid && got->ikeMmPolicy != &mm_policy &&
            got->ikeMmPolicy->numAuthenticationMethods == 2 &&
            memcmp(got->ikeMmPolicy->authenticationMethods[0].kerberosAuthentication.proxyServer, u"proxy.example", 28) == 0 &&
            memcmp(got->ikeMmPolicy->authenticationMethods[1].presharedKeyAuthentication.presharedKey.data, "secret", 6) == 0 &&
            got->ikeMmPolicy->ikeProposals[0].dhGroup == IKEEXT_DH_ECP_384,
        "MM policy deep copy round trip");
  FwpmFreeMemory0((void **)&got);
  test_fidelity(h);
  mm_policy.numIkeProposals = 0;
  pc.providerContextKey = key(71);
  CHECK_RC(FwpmProviderContextAdd3(h, &pc, NULL, NULL), FWP_E_ZERO_LENGTH_ARRAY, "MM policy without proposals");

  /* QM transport: IKE + EM refused, AuthIP + EM accepted */
  SIM_IPSEC_AUTH_TRANSFORM0 ah;
  memset(&ah, 0, sizeof ah);
  ah.authTransformId.authType = IPSEC_AUTH_SHA_1;
  ah.authTransformId.authConfig = IPSEC_AUTH_CONFIG_HMAC_SHA_1_96;
  SIM_IPSEC_SA_TRANSFORM0 tr = {IPSEC_TRANSFORM_AH, {.ahTransform = &ah}};
  SIM_IPSEC_PROPOSAL0 prop;
  memset(&prop, 0, sizeof prop);
  prop.lifetime.lifetimeSeconds = 3600;
  prop.numSaTransforms = 1;
  prop.saTransforms = &tr;
  SIM_IKEEXT_AUTHENTICATION_METHOD2 em_m;
  memset(&em_m, 0, sizeof em_m);
  em_m.authenticationMethodType = IKEEXT_NTLM_V2;
  SIM_IKEEXT_EM_POLICY2 em = {1, &em_m, IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL};
  SIM_IPSEC_TRANSPORT_POLICY2 qm;
  memset(&qm, 0, sizeof qm);
  qm.numIpsecProposals = 1;
  qm.ipsecProposals = &prop;
  qm.flags = IPSEC_POLICY_FLAG_ND_SECURE;
  qm.emPolicy = &em;
  SIM_FWPM_PROVIDER_CONTEXT3 q;
  memset(&q, 0, sizeof q);
  q.providerContextKey = key(72);
  q.displayData.name = W("selftest QM");
  q.type = FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT;
  q.ikeQmTransportPolicy = &qm;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), FWP_E_EM_NOT_SUPPORTED, "IKE QM with an EM policy");
  q.type = FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), 0, "AuthIP QM with an EM policy");
  ah.authTransformId.authConfig = IPSEC_AUTH_CONFIG_HMAC_SHA_256_128;
  q.providerContextKey = key(73);
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), FWP_E_INVALID_AUTH_TRANSFORM, "mismatched auth transform id");

  /* filters referencing contexts; IKE exemptions follow the MM policy filters */
  SIM_FWPM_FILTER0 f;
  memset(&f, 0, sizeof f);
  f.filterKey = key(80);
  f.displayData.name = W("MM policy filter");
  f.layerKey = L_IKE4;
  f.flags = FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
  f.action.type = FWP_ACTION_PERMIT;
  f.providerContextKey = key(99);
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_PROVIDER_CONTEXT_NOT_FOUND, "unknown provider context");
  f.providerContextKey = key(72);
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_PROVIDER_CONTEXT_MISMATCH, "QM context at the IKEEXT layer");
  f.layerKey = L_IPSEC4;
  f.providerContextKey = mk;
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_PROVIDER_CONTEXT_MISMATCH, "MM context at the IPSEC layer");
  SIM_FWPM_FILTER_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  SIM_GUID ike = P_IKEEXT;
  t.providerKey = &ike;
  t.actionMask = 0xffffffffu;
  void *eh;
  SIM_FWPM_FILTER0 **entries = NULL;
  uint32_t n = 0;
  f.layerKey = L_IKE4;
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin");
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), 0, "first MM policy filter");
  FwpmFilterCreateEnumHandle0(h, &t, &eh);
  FwpmFilterEnum0(h, eh, 100, &entries, &n);
  CHECK(n == 8, "BFE-style IKE/AuthIP exemptions appear with the first MM policy filter");
  if (n) {
    SIM_GUID ek = entries[0]->filterKey;
    CHECK_RC(FwpmFilterDeleteByKey0(h, &ek), FWP_E_BUILTIN_OBJECT, "exemptions belong to the engine");
  }
  FwpmFreeMemory0((void **)&entries);
  FwpmFilterDestroyEnumHandle0(h, eh);
  CHECK_RC(FwpmTransactionAbort0(h), 0, "abort MM filter");
  FwpmFilterCreateEnumHandle0(h, &t, &eh);
  FwpmFilterEnum0(h, eh, 100, &entries, &n);
  CHECK(n == 0, "abort rolls the exemptions back too");
  FwpmFilterDestroyEnumHandle0(h, eh);
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), 0, "MM policy filter again");
  CHECK_RC(FwpmProviderContextDeleteByKey0(h, &mk), FWP_E_IN_USE, "context referenced by a filter");
  CHECK_RC(FwpmFilterDeleteByKey0(h, &f.filterKey), 0, "delete last MM policy filter");
  FwpmFilterCreateEnumHandle0(h, &t, &eh);
  FwpmFilterEnum0(h, eh, 100, &entries, &n);
  CHECK(n == 0, "exemptions vanish with the last MM policy filter");
  FwpmFilterDestroyEnumHandle0(h, eh);
  CHECK_RC(FwpmProviderContextDeleteByKey0(h, &mk), 0, "context delete");
  FwpmEngineClose0(h);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (contexts)");
}

static void test_persistence(void) {
  char path[512];
  temp_path(path, sizeof path, "selftest");
  CHECK_RC(SimSetStatePath(path), 0, "state path");
  void *h = open_session(0);
  SIM_GUID pk = key(90);
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin persistent");
  CHECK_RC(add_provider(h, pk, FWPM_PROVIDER_FLAG_PERSISTENT), 0, "persistent provider");
  SIM_FWPM_FILTER0 f = callout_filter(key(91), &pk);
  f.flags = FWPM_FILTER_FLAG_PERSISTENT;
  uint64_t id = 0;
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, &id), 0, "persistent filter");
  CHECK(access(path, F_OK) != 0, "nothing written before commit");
  CHECK_RC(FwpmTransactionCommit0(h), 0, "commit writes the state file");
  CHECK(access(path, F_OK) == 0, "state file exists after commit");
  CHECK_RC(add_provider(h, key(92), 0), 0, "a static object is not persisted");
  FwpmEngineClose0(h);
  SimReset(); /* forget everything in memory: like a process restart */
  h = open_session(0);
  SIM_FWPM_FILTER0 *got = NULL;
  CHECK_RC(FwpmFilterGetByKey0(h, &f.filterKey, &got), 0, "persistent filter survives a restart");
  CHECK(got && got->filterId == id && got->numFilterConditions == 1 && got->filterCondition[0].conditionValue.uint8 == 6 &&
            got->displayData.name && memcmp(got->displayData.name, u"selftest filter", 30) == 0,
        "reloaded filter is intact");
  FwpmFreeMemory0((void **)&got);
  SIM_GUID k92 = key(92);
  SIM_FWPM_PROVIDER0 *p = NULL;
  CHECK_RC(FwpmProviderGetByKey0(h, &k92, &p), FWP_E_PROVIDER_NOT_FOUND, "static object did not persist");
  uint64_t id2 = 0;
  f.filterKey = key(93);
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, &id2), 0, "implicit transaction add");
  CHECK(id2 > id, "ids stay monotonic across restarts");
  CHECK_RC(FwpmFilterDeleteByKey0(h, &f.filterKey), 0, "implicit delete");
  SIM_GUID k91 = key(91);
  CHECK_RC(FwpmFilterDeleteByKey0(h, &k91), 0, "delete persistent filter");
  CHECK_RC(FwpmProviderDeleteByKey0(h, &pk), 0, "delete persistent provider");
  FwpmEngineClose0(h);
  SimReset();
  h = open_session(0);
  CHECK_RC(FwpmProviderGetByKey0(h, &pk, &p), FWP_E_PROVIDER_NOT_FOUND, "deletes are persisted too");
  FwpmEngineClose0(h);
  SimSetStatePath(NULL);
  unlink(path);
  char lock[600];
  snprintf(lock, sizeof lock, "%s.lock", path);
  unlink(lock);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (persistence)");
}


static void test_tunnel_and_sa(void) {
  void *h = open_session(0);
  SIM_GUID pk = key(100);
  CHECK_RC(add_provider(h, pk, 0), 0, "tunnel provider");
  SIM_FWPM_PROVIDER_CONTEXT3 mm = mm_context(key(101), FWPM_IPSEC_IKE_MM_CONTEXT);
  mm.providerKey = &pk;
  SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 ac;
  memset(&ac, 0, sizeof ac);
  ac.authTransform.authTransformId.authType = IPSEC_AUTH_AES_128;
  ac.authTransform.authTransformId.authConfig = IPSEC_AUTH_CONFIG_GCM_AES_128;
  ac.cipherTransform.cipherTransformId.cipherType = IPSEC_CIPHER_TYPE_AES_128;
  ac.cipherTransform.cipherTransformId.cipherConfig = IPSEC_CIPHER_CONFIG_GCM_AES_128;
  SIM_IPSEC_SA_TRANSFORM0 tr = {IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER, {.espAuthAndCipherTransform = &ac}};
  SIM_IPSEC_PROPOSAL0 prop;
  memset(&prop, 0, sizeof prop);
  prop.numSaTransforms = 1;
  prop.saTransforms = &tr;
  SIM_IPSEC_TUNNEL_POLICY3 tp;
  memset(&tp, 0, sizeof tp);
  tp.numIpsecProposals = 1;
  tp.ipsecProposals = &prop;
  tp.tunnelEndpoints.ipVersion = FWP_IP_VERSION_V4;
  tp.tunnelEndpoints.localV4Address = 0x01010101;
  tp.tunnelEndpoints.remoteV4Address = 0x02020202;
  tp.tunnelEndpoints.remoteFqdn = W("gw.example");
  SIM_FWPM_PROVIDER_CONTEXT3 qm;
  memset(&qm, 0, sizeof qm);
  qm.providerContextKey = key(102);
  qm.displayData.name = W("selftest tunnel");
  qm.providerKey = &pk;
  qm.type = FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT;
  qm.ikeQmTunnelPolicy = &tp;
  SIM_FWPM_FILTER_CONDITION0 tc[2];
  memset(tc, 0, sizeof tc);
  SIM_FWP_V4_ADDR_AND_MASK lm = {0x0a010000, 0xffff0000}, rm = {0x0a020000, 0xffff0000};
  tc[0].fieldKey = F_LADDR;
  tc[0].conditionValue.type = FWP_V4_ADDR_MASK;
  tc[0].conditionValue.v4AddrMask = &lm;
  tc[1].fieldKey = F_RADDR;
  tc[1].conditionValue.type = FWP_V4_ADDR_MASK;
  tc[1].conditionValue.v4AddrMask = &rm;
  SIM_FWPM_FILTER_CONDITION0 bad = tc[0];
  bad.fieldKey = F_PROTO;
  bad.conditionValue.type = FWP_UINT8;
  bad.conditionValue.uint8 = 6;
  CHECK_RC(FwpmIPsecTunnelAdd3(h, 0, &mm, &qm, 1, &bad, NULL, NULL), FWP_E_INVALID_PARAMETER,
           "site-to-site tunnel with a non-address condition");
  CHECK_RC(FwpmIPsecTunnelAdd3(h, 0, &qm, &qm, 2, tc, NULL, NULL), FWP_E_PROVIDER_CONTEXT_MISMATCH, "QM as MM policy");
  uint32_t before = SimMutationCount();
  CHECK_RC(FwpmIPsecTunnelAdd3(h, 0, &mm, &qm, 2, tc, NULL, NULL), 0, "site-to-site tunnel add");
  CHECK(SimMutationCount() == before + 1, "a tunnel add is one mutating call");
  SIM_FWPM_FILTER_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.providerKey = &pk;
  t.actionMask = 0xffffffffu;
  void *eh;
  SIM_FWPM_FILTER0 **entries = NULL;
  uint32_t n = 0;
  FwpmFilterCreateEnumHandle0(h, &t, &eh);
  FwpmFilterEnum0(h, eh, 100, &entries, &n);
  CHECK(n == 7, "tunnel instantiates IKEEXT, IPSEC, 3 transport/ALE and 2 forward filters");
  FwpmFreeMemory0((void **)&entries);
  FwpmFilterDestroyEnumHandle0(h, eh);
  SIM_FWPM_PROVIDER_CONTEXT3 *got = NULL;
  CHECK_RC(FwpmProviderContextGetByKey3(h, &qm.providerContextKey, &got), 0, "tunnel QM context get");
  CHECK(got && got->ikeQmTunnelPolicy->tunnelEndpoints.remoteV4Address == 0x02020202 &&
            memcmp(got->ikeQmTunnelPolicy->tunnelEndpoints.remoteFqdn, u"gw.example", 20) == 0 &&
            got->ikeQmTunnelPolicy->ipsecProposals[0].saTransforms[0].espAuthAndCipherTransform->cipherTransform
                    .cipherTransformId.cipherConfig == IPSEC_CIPHER_CONFIG_GCM_AES_128,
        "tunnel policy deep copy round trip");
  FwpmFreeMemory0((void **)&got);
  CHECK_RC(FwpmIPsecTunnelDeleteByKey0(h, &qm.providerContextKey), 0, "tunnel delete by QM key");
  FwpmFilterCreateEnumHandle0(h, &t, &eh);
  FwpmFilterEnum0(h, eh, 100, &entries, &n);
  CHECK(n == 0, "tunnel delete removes its filters");
  FwpmFilterDestroyEnumHandle0(h, eh);
  CHECK_RC(FwpmProviderContextGetByKey3(h, &qm.providerContextKey, &got), FWP_E_PROVIDER_CONTEXT_NOT_FOUND,
           "and its contexts");
  CHECK_RC(FwpmIPsecTunnelDeleteByKey0(h, &qm.providerContextKey), FWP_E_PROVIDER_CONTEXT_NOT_FOUND, "unknown tunnel");

  /* manual SAs */
  SIM_FWPM_FILTER0 fo = callout_filter(key(110), &pk), fi = callout_filter(key(111), &pk);
  static const SIM_GUID inLayer = FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT;
  fi.layerKey = inLayer;
  fi.action.calloutKey = C_IN4;
  uint64_t outId = 0, inId = 0, ctx = 0;
  CHECK_RC(FwpmFilterAdd0(h, &fo, NULL, &outId), 0, "outbound SA filter");
  CHECK_RC(FwpmFilterAdd0(h, &fi, NULL, &inId), 0, "inbound SA filter");
  SIM_IPSEC_TRAFFIC1 tro;
  memset(&tro, 0, sizeof tro);
  tro.ipVersion = FWP_IP_VERSION_V4;
  tro.localV4Address = 0x01010101;
  tro.remoteV4Address = 0x02020202;
  tro.ipsecFilterId = outId;
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin");
  CHECK_RC(IPsecSaContextCreate1(h, &tro, NULL, &inId, &ctx), FWP_E_TXN_IN_PROGRESS, "SA context inside a transaction");
  FwpmTransactionAbort0(h);
  void *dyn = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  CHECK_RC(IPsecSaContextCreate1(dyn, &tro, NULL, &inId, &ctx), FWP_E_DYNAMIC_SESSION_IN_PROGRESS,
           "SA context from a dynamic session");
  FwpmEngineClose0(dyn);
  uint64_t cachedIn = 12345, ctx2 = 0;
  CHECK_RC(IPsecSaContextCreate1(h, &tro, NULL, &cachedIn, &ctx2), 0, "SA context create (SetSpi0 path)");
  CHECK(cachedIn == 0, "inboundFilterId is an output: 0 when BFE has no cached inbound filter");
  SIM_IPSEC_GETSPI1 gs0;
  memset(&gs0, 0, sizeof gs0);
  gs0.inboundIpsecTraffic = tro;
  gs0.inboundIpsecTraffic.ipsecFilterId = inId;
  CHECK_RC(IPsecSaContextSetSpi0(h, ctx2, &gs0, 255), FWP_E_INVALID_PARAMETER, "SetSpi0 with a reserved SPI");
  CHECK_RC(IPsecSaContextSetSpi0(h, ctx2, &gs0, 0x1001), 0, "SetSpi0");
  CHECK_RC(IPsecSaContextSetSpi0(h, ctx2, &gs0, 0x1002), FWP_E_INCOMPATIBLE_SA_STATE, "SetSpi0 twice");
  uint32_t spiGot = 0;
  CHECK_RC(IPsecSaContextGetSpi1(h, ctx2, &gs0, &spiGot), 0, "GetSpi1 after SetSpi0");
  CHECK(spiGot == 0x1001, "GetSpi1 returns the SPI SetSpi0 chose");
  CHECK_RC(IPsecSaContextDeleteById0(h, ctx2), 0, "delete the SetSpi0 context");
  CHECK_RC(IPsecSaContextCreate1(h, &tro, NULL, &inId, &ctx), 0, "SA context create");
  SIM_IPSEC_SA_AUTH_INFORMATION0 ai;
  memset(&ai, 0, sizeof ai);
  ai.authTransform.authTransformId.authType = IPSEC_AUTH_SHA_256;
  ai.authTransform.authTransformId.authConfig = IPSEC_AUTH_CONFIG_HMAC_SHA_256_128;
  ai.authKey.size = 32;
  ai.authKey.data = (uint8_t *)"0123456789abcdef0123456789abcdef";
  SIM_IPSEC_SA0 sa = {0, IPSEC_TRANSFORM_AH, {.ahInformation = &ai}};
  SIM_IPSEC_SA_BUNDLE1 bundle;
  memset(&bundle, 0, sizeof bundle);
  bundle.numSAs = 1;
  bundle.saList = &sa;
  bundle.ipVersion = FWP_IP_VERSION_V4;
  CHECK_RC(IPsecSaContextAddInbound1(h, ctx, &bundle), FWP_E_INCOMPATIBLE_SA_STATE, "AddInbound before GetSpi");
  SIM_IPSEC_GETSPI1 gs;
  memset(&gs, 0, sizeof gs);
  gs.inboundIpsecTraffic = tro;
  gs.inboundIpsecTraffic.ipsecFilterId = inId;
  uint32_t spi = 0, spi2 = 0;
  CHECK_RC(IPsecSaContextGetSpi1(h, ctx, &gs, &spi), 0, "GetSpi");
  CHECK(spi >= 256, "SPI outside the reserved range");
  gs.inboundIpsecTraffic.remotePort = 99;
  CHECK_RC(IPsecSaContextGetSpi1(h, ctx, &gs, &spi2), FWP_E_TRAFFIC_MISMATCH, "GetSpi with other traffic");
  CHECK_RC(IPsecSaContextAddOutbound1(h, ctx, &bundle), FWP_E_INCOMPATIBLE_SA_STATE, "AddOutbound before AddInbound");
  sa.spi = spi + 1;
  CHECK_RC(IPsecSaContextAddInbound1(h, ctx, &bundle), FWP_E_INVALID_PARAMETER, "inbound SA with an SPI not reserved");
  sa.spi = spi;
  CHECK_RC(IPsecSaContextAddInbound1(h, ctx, &bundle), 0, "AddInbound");
  CHECK_RC(IPsecSaContextAddOutbound1(h, ctx, &bundle), 0, "AddOutbound");
  void *se = NULL;
  SIM_IPSEC_SA_CONTEXT1 **sas = NULL;
  CHECK_RC(IPsecSaContextCreateEnumHandle0(h, NULL, &se), 0, "SA enum handle");
  CHECK_RC(IPsecSaContextEnum1(h, se, 10, &sas, &n), 0, "SA enum");
  CHECK(n == 1 && sas[0]->saContextId == ctx && sas[0]->inboundSa && sas[0]->outboundSa &&
            sas[0]->inboundSa->saBundle.saList[0].spi == spi &&
            sas[0]->inboundSa->saBundle.saList[0].ahInformation->authKey.size == 0,
        "SA context enumerated without key material");
  FwpmFreeMemory0((void **)&sas);
  IPsecSaContextDestroyEnumHandle0(h, se);
  SIM_IPSEC_SA_DETAILS1 **det = NULL;
  CHECK_RC(IPsecSaCreateEnumHandle0(h, NULL, &se), 0, "IPsec SA enum handle");
  CHECK_RC(IPsecSaEnum1(h, se, 10, &det, &n), 0, "IPsec SA enum");
  CHECK(n == 2 && det[0]->saDirection == FWP_DIRECTION_INBOUND && det[1]->saDirection == FWP_DIRECTION_OUTBOUND &&
            det[1]->traffic.ipsecFilterId == outId,
        "installed manual SAs are listed by IPsecSaEnum1");
  FwpmFreeMemory0((void **)&det);
  CHECK_RC(IPsecSaEnum1(h, se, 10, &det, &n), 0, "IPsec SA enum end");
  CHECK(n == 0 && det == NULL, "end of IPsec SA enumeration");
  CHECK_RC(IPsecSaDestroyEnumHandle0(h, se), 0, "IPsec SA enum destroy");
  void *ike = NULL, *ev = NULL, *none = NULL;
  CHECK_RC(IkeextSaCreateEnumHandle0(h, NULL, &ike), 0, "IKE SA enum handle");
  CHECK_RC(IkeextSaEnum2(h, ike, 10, &none, &n), 0, "IKE SA enum");
  CHECK(n == 0 && none == NULL, "no IKE SAs in a simulator");
  CHECK_RC(IkeextSaEnum2(h, se, 10, &none, &n), FWP_E_INVALID_ENUMERATOR, "handle of another kind");
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, NULL, &ev), 0, "net event enum handle");
  CHECK_RC(FwpmNetEventEnum5(h, ev, 10, &none, &n), 0, "net event enum");
  CHECK(n == 0, "no net events in a simulator");
  IkeextSaDestroyEnumHandle0(h, ike); /* the net-event handle is left for session close to reclaim */
  CHECK_RC(IPsecSaContextDeleteById0(h, ctx), 0, "SA context delete");
  CHECK_RC(IPsecSaContextDeleteById0(h, ctx), FWP_E_NOT_FOUND, "unknown SA context");
  FwpmEngineClose0(h);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (tunnel, SA)");
}


/* Two processes on one state file: the second transaction waits for the first and then sees its commit. */
#ifndef _WIN32
static void test_two_processes(void) {
  char path[512];
  temp_path(path, sizeof path, "selftest2");
  SimSetStatePath(path);
  pid_t pid = fork();
  if (pid == 0) {
    void *h = NULL;
    if (FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, NULL, &h) || FwpmTransactionBegin0(h, 0)) _exit(2);
    usleep(300000);
    if (add_provider(h, key(120), FWPM_PROVIDER_FLAG_PERSISTENT) || FwpmTransactionCommit0(h)) _exit(3);
    _exit(0);
  }
  usleep(100000); /* let the child take the lock */
  void *h = open_session(0);
  SIM_FWPM_SESSION0 impatient;
  memset(&impatient, 0, sizeof impatient);
  impatient.txnWaitTimeoutInMSec = 20;
  void *hi = NULL;
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &impatient, &hi), 0, "impatient session");
  CHECK_RC(FwpmTransactionBegin0(hi, 0), FWP_E_TIMEOUT, "lock wait beyond txnWaitTimeoutInMSec");
  FwpmEngineClose0(hi);
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin waits for the other process's commit");
  SIM_GUID k = key(120);
  SIM_FWPM_PROVIDER0 *p = NULL;
  CHECK_RC(FwpmProviderGetByKey0(h, &k, &p), 0, "the other process's commit is visible at begin");
  FwpmFreeMemory0((void **)&p);
  CHECK_RC(FwpmProviderDeleteByKey0(h, &k), 0, "delete it");
  CHECK_RC(FwpmTransactionCommit0(h), 0, "commit");
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child process committed");
  FwpmEngineClose0(h);
  SimSetStatePath(NULL);
  unlink(path);
  char lock[600];
  snprintf(lock, sizeof lock, "%s.lock", path);
  unlink(lock);
  SimReset();
}
#endif


/* More validation paths and templates. */
static void test_validation_and_templates(void) {
  void *h = open_session(FWPM_SESSION_FLAG_DYNAMIC);
  SIM_GUID pk = key(130), other = key(131);
  add_provider(h, pk, 0);
  add_provider(h, other, 0);
  SIM_FWPM_FILTER0 f = callout_filter(key(132), &pk);
  f.flags = FWPM_FILTER_FLAG_PERSISTENT | FWPM_FILTER_FLAG_BOOTTIME;
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_INVALID_FLAGS, "PERSISTENT with BOOTTIME");
  f.flags = 0x10000;
  CHECK_RC(FwpmFilterAdd0(h, &f, NULL, NULL), FWP_E_INVALID_FLAGS, "unknown filter flag");
  CHECK_RC(add_sublayer(h, key(133), &pk, 0), 0, "sublayer of provider A");
  CHECK_RC(add_sublayer(h, key(134), &other, 0), 0, "sublayer of provider B");
  SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0 st = {&other};
  void *eh = NULL;
  SIM_FWPM_SUBLAYER0 **subs = NULL;
  uint32_t n = 0;
  CHECK_RC(FwpmSubLayerCreateEnumHandle0(h, &st, &eh), 0, "sublayer enum by provider");
  CHECK_RC(FwpmSubLayerEnum0(h, eh, 10, &subs, &n), 0, "sublayer page");
  CHECK(n == 1 && subs[0]->providerKey && memcmp(subs[0]->providerKey, &other, 16) == 0, "sublayer template matches provider");
  FwpmFreeMemory0((void **)&subs);
  FwpmSubLayerDestroyEnumHandle0(h, eh);
  CHECK_RC(FwpmSubLayerDestroyEnumHandle0(h, eh), FWP_E_INVALID_ENUMERATOR, "destroy twice");

  /* QM policies */
  SIM_IPSEC_CIPHER_TRANSFORM0 ct;
  memset(&ct, 0, sizeof ct);
  ct.cipherTransformId.cipherType = IPSEC_CIPHER_TYPE_3DES;
  ct.cipherTransformId.cipherConfig = IPSEC_CIPHER_CONFIG_CBC_AES_256;
  SIM_IPSEC_SA_TRANSFORM0 tr = {IPSEC_TRANSFORM_ESP_CIPHER, {.espCipherTransform = &ct}};
  SIM_IPSEC_PROPOSAL0 prop;
  memset(&prop, 0, sizeof prop);
  prop.numSaTransforms = 1;
  prop.saTransforms = &tr;
  SIM_IPSEC_TRANSPORT_POLICY2 qm;
  memset(&qm, 0, sizeof qm);
  qm.numIpsecProposals = 1;
  qm.ipsecProposals = &prop;
  SIM_FWPM_PROVIDER_CONTEXT3 q;
  memset(&q, 0, sizeof q);
  q.displayData.name = W("qm");
  q.providerKey = &pk;
  q.type = FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT;
  q.ikeV2QmTransportPolicy = &qm;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), FWP_E_INVALID_CIPHER_TRANSFORM, "3DES with an AES config");
  ct.cipherTransformId.cipherConfig = IPSEC_CIPHER_CONFIG_CBC_3DES;
  qm.numIpsecProposals = 0;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), FWP_E_ZERO_LENGTH_ARRAY, "QM policy without proposals");
  qm.numIpsecProposals = 1;
  SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 ac;
  memset(&ac, 0, sizeof ac);
  ac.authTransform.authTransformId.authType = IPSEC_AUTH_SHA_1;
  ac.authTransform.authTransformId.authConfig = IPSEC_AUTH_CONFIG_HMAC_SHA_1_96;
  ac.cipherTransform.cipherTransformId.cipherType = IPSEC_CIPHER_TYPE_AES_256;
  ac.cipherTransform.cipherTransformId.cipherConfig = IPSEC_CIPHER_CONFIG_GCM_AES_256;
  tr.ipsecTransformType = IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER;
  tr.espAuthAndCipherTransform = &ac;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, NULL), FWP_E_INVALID_TRANSFORM_COMBINATION, "GCM cipher with HMAC");
  ac.authTransform.authTransformId.authType = IPSEC_AUTH_AES_256;
  ac.authTransform.authTransformId.authConfig = IPSEC_AUTH_CONFIG_GCM_AES_256;
  uint64_t qid = 0;
  CHECK_RC(FwpmProviderContextAdd3(h, &q, NULL, &qid), 0, "AES-GCM-256 ESP");
  SIM_GUID mods[2] = {FWPM_KEYING_MODULE_IKE_INIT, FWPM_KEYING_MODULE_IKE_INIT};
  SIM_IPSEC_KEYING_POLICY1 kp = {2, mods, 0};
  SIM_FWPM_PROVIDER_CONTEXT3 kc;
  memset(&kc, 0, sizeof kc);
  kc.displayData.name = W("keying");
  kc.type = FWPM_IPSEC_KEYING_CONTEXT;
  kc.keyingPolicy = &kp;
  CHECK_RC(FwpmProviderContextAdd3(h, &kc, NULL, NULL), FWP_E_DUPLICATE_KEYMOD, "same keying module twice");
  /* context templates and get by id */
  SIM_FWPM_PROVIDER_CONTEXT3 *got = NULL;
  CHECK_RC(FwpmProviderContextGetById3(h, qid, &got), 0, "context get by id");
  CHECK(got && got->type == FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT && got->ikeV2QmTransportPolicy->ipsecProposals[0]
                                                                           .saTransforms[0].espAuthAndCipherTransform
                                                                           ->authTransform.authTransformId.authConfig ==
                                                                       IPSEC_AUTH_CONFIG_GCM_AES_256,
        "context by id deep copy");
  FwpmFreeMemory0((void **)&got);
  SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 ct0 = {NULL, FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT};
  SIM_FWPM_PROVIDER_CONTEXT3 **ctxs = NULL;
  CHECK_RC(FwpmProviderContextCreateEnumHandle0(h, &ct0, &eh), 0, "context enum by type");
  FwpmProviderContextEnum3(h, eh, 10, &ctxs, &n);
  CHECK(n == 1 && ctxs[0]->providerContextId == qid, "context template matches the type");
  FwpmFreeMemory0((void **)&ctxs);
  FwpmProviderContextDestroyEnumHandle0(h, eh);
  ct0.providerKey = &other;
  ct0.providerContextType = 0xffffffffu;
  CHECK_RC(FwpmProviderContextCreateEnumHandle0(h, &ct0, &eh), 0, "context enum by provider, any type");
  FwpmProviderContextEnum3(h, eh, 10, &ctxs, &n);
  CHECK(n == 0, "no context of provider B");
  FwpmProviderContextDestroyEnumHandle0(h, eh);
  /* an enum handle belongs to its session */
  void *h2 = open_session(0);
  CHECK_RC(FwpmProviderContextCreateEnumHandle0(h, NULL, &eh), 0, "enum handle of session 1");
  CHECK_RC(FwpmProviderContextEnum3(h2, eh, 10, &ctxs, &n), FWP_E_INVALID_ENUMERATOR, "used from session 2");
  FwpmEngineClose0(h2);
  FwpmEngineClose0(h); /* closing reclaims the open enum handle */
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (validation)");
}

static void test_appid(void) {
  SIM_FWP_BYTE_BLOB *b = NULL;
  CHECK_RC(FwpmGetAppIdFromFileName0(W("C:\\Windows\\System32\\SvcHost.exe"), &b), 0, "app id");
  const char16_t want[] = u"\\device\\harddiskvolume1\\windows\\system32\\svchost.exe";
  CHECK(b && b->size == sizeof want && memcmp(b->data, want, sizeof want) == 0,
        "NT device path, lowercase, UTF-16 with NUL");
  FwpmFreeMemory0((void **)&b);
  CHECK_RC(FwpmGetAppIdFromFileName0(W("relative.exe"), &b), ERROR_INVALID_PARAMETER, "relative path");
  CHECK(SimOutstandingAllocations() == 0, "no leaks (app id)");
}

/* Net events: injected (deep-copied: the caller's buffers may vanish), enumerated as FWPM_NET_EVENT1 pages
 * (one engine allocation per page), filtered by the template's time window, dropped by SimReset. */
static void test_net_events(void) {
  SimReset();
  uint16_t local[] = u"host1.example", group[] = u"S-1-5-32-544";
  uint16_t *groups[] = {group};
  SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 mm;
  memset(&mm, 0, sizeof mm);
  mm.failureErrorCode = 13801; /* ERROR_IPSEC_IKE_AUTH_FAIL */
  mm.failurePoint = 2;
  mm.mmId = 77;
  mm.localPrincipalNameForAuth = local;
  mm.numLocalPrincipalGroupSids = 1;
  mm.localPrincipalGroupSids = groups;
  uint8_t app[] = {1, 2, 3};
  SIM_FWPM_NET_EVENT1 ev;
  memset(&ev, 0, sizeof ev);
  ev.header.timeStamp.dwHighDateTime = 100;
  ev.header.ipVersion = FWP_IP_VERSION_V4;
  ev.header.localAddrV4 = 0x0a000001;
  ev.header.appId.size = sizeof app;
  ev.header.appId.data = app;
  ev.type = FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE;
  ev.ikeMmFailure = &mm;
  CHECK_RC(SimInjectNetEvent(&ev), 0, "inject MM failure");
  SIM_FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 drop;
  memset(&drop, 0, sizeof drop);
  drop.failureStatus = (int32_t)0xC0360001u; /* STATUS_IPSEC_BAD_SPI */
  drop.spi = 0x1234;
  ev.header.timeStamp.dwHighDateTime = 200;
  ev.header.appId.size = 0;
  ev.header.appId.data = NULL;
  ev.type = FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP;
  ev.ipsecDrop = &drop;
  CHECK_RC(SimInjectNetEvent(&ev), 0, "inject kernel drop");
  /* the injected copies must not alias the caller's buffers */
  memset(local, 0, sizeof local);
  app[0] = 9;
  ev.type = FWPM_NET_EVENT_TYPE_CLASSIFY_DROP;
  CHECK_RC(SimInjectNetEvent(&ev), ERROR_NOT_SUPPORTED, "classify drops are not simulated");
  ev.type = FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE;
  ev.ikeQmFailure = NULL;
  CHECK_RC(SimInjectNetEvent(&ev), FWP_E_NULL_POINTER, "payload required");
  CHECK_RC(SimInjectNetEvent(NULL), FWP_E_NULL_POINTER, "event required");

  void *h = NULL, *eh = NULL;
  SIM_FWPM_SESSION0 s;
  memset(&s, 0, sizeof s);
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h), 0, "open session (net events)");
  SIM_FWPM_NET_EVENT1 **page = NULL;
  uint32_t n = 0;
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, NULL, &eh), 0, "net event enum handle");
  CHECK_RC(FwpmNetEventEnum1(h, eh, 1, &page, &n), 0, "net event page 1");
  CHECK(n == 1 && page && page[0]->type == FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE &&
            page[0]->ikeMmFailure->failureErrorCode == 13801 && page[0]->ikeMmFailure->mmId == 77 &&
            page[0]->ikeMmFailure->localPrincipalNameForAuth[0] == u'h' &&
            page[0]->ikeMmFailure->numLocalPrincipalGroupSids == 1 &&
            page[0]->ikeMmFailure->localPrincipalGroupSids[0][0] == u'S' &&
            page[0]->ikeMmFailure->remotePrincipalNameForAuth == NULL && page[0]->header.appId.size == 3 &&
            page[0]->header.appId.data[0] == 1 && page[0]->header.localAddrV4 == 0x0a000001,
        "MM failure deep-copied with principals and app id");
  CHECK(SimOutstandingAllocations() == 1, "one engine allocation per page");
  FwpmFreeMemory0((void **)&page);
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), 0, "net event page 2");
  CHECK(n == 1 && page[0]->type == FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP &&
            (uint32_t)page[0]->ipsecDrop->failureStatus == 0xC0360001u && page[0]->ipsecDrop->spi == 0x1234,
        "kernel drop");
  FwpmFreeMemory0((void **)&page);
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), 0, "net event end");
  CHECK(n == 0 && page == NULL, "end of net events");
  CHECK_RC(FwpmNetEventDestroyEnumHandle0(h, eh), 0, "net event enum destroy");
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), FWP_E_INVALID_ENUMERATOR, "destroyed handle");

  SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.startTime.dwHighDateTime = 150;
  t.endTime.dwHighDateTime = 250;
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, &t, &eh), 0, "windowed enum handle");
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), 0, "windowed enum");
  CHECK(n == 1 && page[0]->type == FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP, "time window honoured");
  FwpmFreeMemory0((void **)&page);
  FwpmNetEventDestroyEnumHandle0(h, eh);
  t.endTime.dwHighDateTime = 99;
  t.startTime.dwHighDateTime = 0;
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, &t, &eh), 0, "empty window handle");
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), 0, "empty window");
  CHECK(n == 0 && page == NULL, "no events before the first");
  FwpmNetEventDestroyEnumHandle0(h, eh);
  FwpmEngineClose0(h);
  SimReset();
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h), 0, "reopen");
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, NULL, &eh), 0, "enum after reset");
  CHECK_RC(FwpmNetEventEnum1(h, eh, 10, &page, &n), 0, "enum after reset");
  CHECK(n == 0, "SimReset drops net events");
  FwpmEngineClose0(h);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (net events)");
}

/* ---- net-event subscriptions (netevents.c) ---- */
static volatile int subCalls;
static volatile uint64_t subLastMmId;
static void sub_callback(void *context, const SIM_FWPM_NET_EVENT1 *event) {
  (void)context;
  if (event->type == FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE) subLastMmId = event->ikeMmFailure->mmId;
  subCalls = subCalls + 1;
}
static int wait_calls(int n) { /* up to ~5 s */
  for (int i = 0; i < 5000 && subCalls < n; i++) usleep(1000);
  return subCalls >= n;
}

static void test_net_event_subscriptions(void) {
  SimReset();
  char state[512];
  temp_path(state, sizeof state, "subs");
  SimSetStatePath(state);
  void *h = NULL, *sh = NULL;
  SIM_FWPM_SESSION0 s;
  memset(&s, 0, sizeof s);
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h), 0, "open session (subscriptions)");
  SIM_FWPM_NET_EVENT_SUBSCRIPTION0 sub;
  memset(&sub, 0, sizeof sub);
  CHECK_RC(FwpmNetEventSubscribe0(h, NULL, sub_callback, NULL, &sh), FWP_E_NULL_POINTER, "subscription required");
  CHECK_RC(FwpmNetEventSubscribe0(h, &sub, NULL, NULL, &sh), FWP_E_NULL_POINTER, "callback required");
  CHECK_RC(FwpmNetEventSubscribe0((void *)0x1234, &sub, sub_callback, NULL, &sh), ERROR_INVALID_HANDLE,
           "subscribe needs a session");
  CHECK_RC(FwpmTransactionBegin0(h, 0), 0, "begin (subscribe in txn)");
  CHECK_RC(FwpmNetEventSubscribe0(h, &sub, sub_callback, NULL, &sh), FWP_E_TXN_IN_PROGRESS,
           "subscribe inside a transaction (Learn: FwpmNetEventSubscribe0)");
  FwpmTransactionAbort0(h);
  CHECK_RC(FwpmNetEventUnsubscribe0(h, NULL), 0, "unsubscribe NULL has no effect (Learn)");

  SIM_FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 mm;
  memset(&mm, 0, sizeof mm);
  SIM_FWPM_NET_EVENT1 ev;
  memset(&ev, 0, sizeof ev);
  ev.type = FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE;
  ev.ikeMmFailure = &mm;
  mm.mmId = 1;
  CHECK_RC(SimInjectNetEvent(&ev), 0, "inject before subscribing");
  subCalls = 0;
  CHECK_RC(FwpmNetEventSubscribe0(h, &sub, sub_callback, NULL, &sh), 0, "subscribe");
  CHECK(sh != NULL, "subscription handle");
  mm.mmId = 2;
  CHECK_RC(SimInjectNetEvent(&ev), 0, "inject after subscribing (journal)");
  CHECK(wait_calls(1) && subLastMmId == 2, "the new event is delivered from fwpsim's thread, the old one is not");
  CHECK_RC(FwpmNetEventUnsubscribe0(h, sh), 0, "unsubscribe");
  CHECK_RC(FwpmNetEventUnsubscribe0(h, sh), ERROR_INVALID_HANDLE, "a second unsubscribe");
  mm.mmId = 3;
  SimInjectNetEvent(&ev);
  usleep(50000);
  CHECK(subCalls == 1, "nothing after unsubscribing");

  /* a template window selects what is delivered */
  SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.startTime.dwHighDateTime = 10;
  t.endTime.dwHighDateTime = 20;
  sub.enumTemplate = &t;
  CHECK_RC(FwpmNetEventSubscribe0(h, &sub, sub_callback, NULL, &sh), 0, "subscribe with a window");
  ev.header.timeStamp.dwHighDateTime = 5;
  mm.mmId = 4;
  SimInjectNetEvent(&ev);
  ev.header.timeStamp.dwHighDateTime = 15;
  mm.mmId = 5;
  SimInjectNetEvent(&ev);
  CHECK(wait_calls(2) && subLastMmId == 5, "only events inside the window are delivered");

  /* the engine stopping severs the session and ends the subscription */
  CHECK_RC(SimStopEngine(1), 0, "stop the engine");
  void *h2 = NULL;
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h2), EPT_S_NOT_REGISTERED, "no engine to open");
  void *eh = NULL;
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h, NULL, &eh), RPC_S_SERVER_UNAVAILABLE, "the old session is severed");
  CHECK_RC(FwpmNetEventUnsubscribe0(h, sh), RPC_S_SERVER_UNAVAILABLE, "its subscription went with the engine");
  CHECK_RC(SimStopEngine(0), 0, "start the engine");
  CHECK_RC(FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h2), 0, "a new session after the restart");
  CHECK_RC(FwpmNetEventCreateEnumHandle0(h2, NULL, &eh), 0, "works");
  FwpmNetEventDestroyEnumHandle0(h2, eh);
  FwpmEngineClose0(h2);
  FwpmEngineClose0(h);
  SimReset();
  SimSetStatePath(NULL);
  char j[600];
  snprintf(j, sizeof j, "%s.netevents", state);
  unlink(j);
  snprintf(j, sizeof j, "%s.lock", state);
  unlink(j);
  unlink(state);
  CHECK(SimOutstandingAllocations() == 0, "no leaks (subscriptions)");
}

/* BFE start (boot.c): FwpmProviderAdd0's rule on persistent objects; disabled filters hidden from enumeration
 * unless FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED; SA contexts and static objects gone. */
static uint32_t count_filters(void *h, const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t, const SIM_GUID *want, uint32_t *flags) {
  void *e = NULL;
  uint32_t n = 0, found = 0;
  SIM_FWPM_FILTER0 **page = NULL;
  CHECK_RC(FwpmFilterCreateEnumHandle0(h, t, &e), 0, "boot: enum handle");
  CHECK_RC(FwpmFilterEnum0(h, e, 1000, &page, &n), 0, "boot: enum");
  for (uint32_t i = 0; i < n; i++)
    if (memcmp(&page[i]->filterKey, want, sizeof *want) == 0) {
      found++;
      *flags = page[i]->flags;
    }
  FwpmFreeMemory0((void **)&page);
  FwpmFilterDestroyEnumHandle0(h, e);
  return found;
}

static void test_boot(void) {
  char path[512];
  temp_path(path, sizeof path, "boot");
  CHECK_RC(SimSetStatePath(path), 0, "boot: state path");
  void *h = open_session(0);
  SIM_GUID plain = key(120), svc = key(121);
  SIM_FWPM_PROVIDER0 p;
  memset(&p, 0, sizeof p);
  p.displayData.name = W("boot provider");
  p.flags = FWPM_PROVIDER_FLAG_PERSISTENT | FWPM_PROVIDER_FLAG_DISABLED;
  p.providerKey = plain;
  CHECK_RC(FwpmProviderAdd0(h, &p, NULL), FWP_E_INVALID_FLAGS, "DISABLED cannot be set when adding a provider");
  p.flags = FWPM_PROVIDER_FLAG_PERSISTENT;
  CHECK_RC(FwpmProviderAdd0(h, &p, NULL), 0, "provider without a service name");
  p.providerKey = svc;
  p.serviceName = W("bfe"); /* service names compare case-insensitively */
  CHECK_RC(FwpmProviderAdd0(h, &p, NULL), 0, "provider of an auto-start service");
  SIM_FWPM_FILTER0 f1 = callout_filter(key(122), &plain);
  f1.flags = FWPM_FILTER_FLAG_PERSISTENT;
  uint64_t id = 0;
  CHECK_RC(FwpmFilterAdd0(h, &f1, NULL, &id), 0, "filter of the plain provider");
  f1.flags = FWPM_FILTER_FLAG_PERSISTENT | FWPM_FILTER_FLAG_DISABLED;
  f1.filterKey = key(124);
  CHECK_RC(FwpmFilterAdd0(h, &f1, NULL, &id), FWP_E_INVALID_FLAGS, "DISABLED cannot be set when adding a filter");
  SIM_FWPM_FILTER0 f2 = callout_filter(key(123), &svc);
  f2.flags = FWPM_FILTER_FLAG_PERSISTENT;
  CHECK_RC(FwpmFilterAdd0(h, &f2, NULL, &id), 0, "filter of the service provider");
  CHECK_RC(add_provider(h, key(125), 0), 0, "a static provider");
  CHECK_RC(SimBoot(), 0, "BFE starts");
  CHECK_RC(FwpmEngineClose0(h), ERROR_INVALID_HANDLE, "sessions do not survive a BFE start");
  h = open_session(0);
  SIM_FWPM_PROVIDER0 *got = NULL;
  CHECK_RC(FwpmProviderGetByKey0(h, &plain, &got), 0, "the provider is still there");
  CHECK(got && (got->flags & FWPM_PROVIDER_FLAG_DISABLED), "a provider without a service name is disabled at start");
  FwpmFreeMemory0((void **)&got);
  CHECK_RC(FwpmProviderGetByKey0(h, &svc, &got), 0, "the service provider is there");
  CHECK(got && !(got->flags & FWPM_PROVIDER_FLAG_DISABLED), "an auto-start service keeps its provider enabled");
  FwpmFreeMemory0((void **)&got);
  SIM_GUID k125 = key(125);
  CHECK_RC(FwpmProviderGetByKey0(h, &k125, &got), FWP_E_PROVIDER_NOT_FOUND, "static objects are gone after a start");
  SIM_FWPM_FILTER_ENUM_TEMPLATE0 t;
  memset(&t, 0, sizeof t);
  t.actionMask = 0xFFFFFFFFu;
  uint32_t flags = 0;
  SIM_GUID k122 = key(122);
  CHECK(count_filters(h, NULL, &k122, &flags) == 0, "a NULL template leaves disabled filters out");
  CHECK(count_filters(h, &t, &k122, &flags) == 0, "so does a template without INCLUDE_DISABLED");
  t.flags = FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED;
  CHECK(count_filters(h, &t, &k122, &flags) == 1 && (flags & FWPM_FILTER_FLAG_DISABLED),
        "INCLUDE_DISABLED returns it, flagged DISABLED");
  t.flags |= FWP_FILTER_ENUM_FLAG_BOOTTIME_ONLY;
  CHECK(count_filters(h, &t, &k122, &flags) == 0, "INCLUDE_DISABLED is ignored with BOOTTIME_ONLY");
  CHECK(count_filters(h, NULL, &f2.filterKey, &flags) == 1 && !(flags & FWPM_FILTER_FLAG_DISABLED),
        "the auto-start provider's filter is enabled");
  SIM_FWPM_FILTER0 *gf = NULL;
  CHECK_RC(FwpmFilterGetByKey0(h, &k122, &gf), 0, "GetByKey returns a disabled filter");
  CHECK(gf && (gf->flags & FWPM_FILTER_FLAG_DISABLED), "with its DISABLED flag");
  FwpmFreeMemory0((void **)&gf);
  /* re-adding the filter enables it; a start with the service list changed disables the other provider */
  CHECK_RC(FwpmFilterDeleteByKey0(h, &k122), 0, "delete the disabled filter");
  f1.filterKey = k122;
  f1.flags = FWPM_FILTER_FLAG_PERSISTENT;
  CHECK_RC(FwpmFilterAdd0(h, &f1, NULL, &id), 0, "add it again");
  CHECK(count_filters(h, NULL, &k122, &flags) == 1, "a re-added filter is enabled");
  FwpmEngineClose0(h);
  SimSetAutoStartServices("");
  CHECK_RC(SimBoot(), 0, "BFE starts with no auto-start service");
  h = open_session(0);
  CHECK(count_filters(h, NULL, &f2.filterKey, &flags) == 0, "now the BFE provider's filter is disabled too");
  FwpmEngineClose0(h);
  SimSetAutoStartServices(NULL);
  CHECK_RC(SimBoot(), 0, "BFE starts with the built-in table");
  h = open_session(0);
  CHECK(count_filters(h, NULL, &f2.filterKey, &flags) == 1, "the rule is applied afresh at every start");
  FwpmEngineClose0(h);
  SimSetStatePath(NULL);
  unlink(path);
  char lock[600];
  snprintf(lock, sizeof lock, "%s.lock", path);
  unlink(lock);
  SimReset();
  CHECK(SimOutstandingAllocations() == 0, "no leaks (boot)");
}

int main(void) {
  test_providers_and_transactions();
  test_filters();
  test_enum();
  test_contexts();
  test_persistence();
  test_boot();
  test_tunnel_and_sa();
#ifndef _WIN32
  test_two_processes();
#endif
  test_validation_and_templates();
  test_appid();
  test_net_events();
  test_net_event_subscriptions();
  printf("fwpsim selftest: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
