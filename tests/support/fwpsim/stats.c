/*
 * stats.c -- IPsecGetStatistics1 (learn.microsoft.com api/fwpmu/nf-fwpmu-ipsecgetstatistics1) and
 * IkeextGetStatistics1 (nf-fwpmu-ikeextgetstatistics1): the caller passes the structure, the engine fills it
 * (nothing to free). A simulator negotiates nothing and carries no traffic, so its counters are what a test
 * set with SimSetStatistics (all zero otherwise). With a state file they are kept in `<state>.statistics`
 * (both structures, as in memory) so another process reads them; without one, in this process's memory.
 * SimReset zeroes the in-memory copy.
 */
#include <stdio.h>

#include "sim.h"

void *nplat_read_from(const char *path, uint64_t off, size_t *n);
int plat_write_atomic(const char *path, const void *buf, size_t n);

typedef struct Stats {
  SIM_IPSEC_STATISTICS1 ipsec;
  SIM_IKEEXT_STATISTICS1 ikeext;
} Stats;

static Stats mem;

static bool stats_path(char *buf, size_t n) {
  if (!E.statePath) return false;
  snprintf(buf, n, "%s.statistics", E.statePath);
  return true;
}

static void stats_load(Stats *out) {
  char path[4096];
  *out = mem;
  if (!stats_path(path, sizeof path)) return;
  size_t n = 0;
  void *buf = nplat_read_from(path, 0, &n);
  if (buf && n == sizeof *out) memcpy(out, buf, sizeof *out);
  else memset(out, 0, sizeof *out); /* none set for this state file (or a foreign size): zero */
  free(buf);
}

void stats_reset(void) { memset(&mem, 0, sizeof mem); }

SIMAPI uint32_t SimSetStatistics(const SIM_IPSEC_STATISTICS1 *ipsec, const SIM_IKEEXT_STATISTICS1 *ikeext) {
  engine_init();
  Stats s;
  stats_load(&s);
  if (ipsec) s.ipsec = *ipsec;
  if (ikeext) s.ikeext = *ikeext;
  char path[4096];
  if (!stats_path(path, sizeof path)) {
    mem = s;
    return 0;
  }
  return plat_write_atomic(path, &s, sizeof s) ? ERROR_ACCESS_DENIED : 0;
}

static uint32_t get_stats(void *engineHandle, void *out, bool ipsec) {
  Session *s = session_get(engineHandle);
  if (!s) return ERROR_INVALID_HANDLE;
  if (!out) return FWP_E_NULL_POINTER;
  if (netev_session_severed(s)) return RPC_S_SERVER_UNAVAILABLE;
  Stats st;
  stats_load(&st);
  if (ipsec) memcpy(out, &st.ipsec, sizeof st.ipsec);
  else memcpy(out, &st.ikeext, sizeof st.ikeext);
  return 0;
}

SIMAPI uint32_t IPsecGetStatistics1(void *engineHandle, SIM_IPSEC_STATISTICS1 *ipsecStatistics) {
  return get_stats(engineHandle, ipsecStatistics, true);
}

SIMAPI uint32_t IkeextGetStatistics1(void *engineHandle, SIM_IKEEXT_STATISTICS1 *ikeextStatistics) {
  return get_stats(engineHandle, ikeextStatistics, false);
}
