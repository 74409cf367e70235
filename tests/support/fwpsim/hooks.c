/*
 * hooks.c -- simulator-only exports for tests (prefix Sim; NOT part of fwpuclnt). Bind them optional.
 *   SimOutstandingAllocations()  caller-owned blocks not yet passed to FwpmFreeMemory0
 *   SimFailNthMutation(n, code)  the n-th state-changing call from now fails with `code`, changing nothing
 *                                (n = 1: the next one; n = 0 disables)
 *   SimReset()                   close every session, drop every non-built-in object (memory only; the
 *                                state file is untouched and is reloaded at the next open)
 *   SimSetStatePath(utf8|NULL)   use this state file (overrides FWPSIM_STATE; NULL: no persistence)
 *   SimMutationCount()           state-changing calls that succeeded so far in this process
 *   SimInjectNetEvent(event)     deep-copies an FWPM_NET_EVENT1 (IKE MM/QM/EM failure, IPsec kernel drop)
 *                                into the list FwpmNetEventEnum1 returns and subscribers receive; with a
 *                                state file, into its journal <state>.netevents, which every process
 *                                reads (defined in netevents.c)
 *   SimStopEngine(1|0)           the simulated BFE stops (<state>.stopped exists: opens fail, older sessions
 *                                are severed, subscriptions end) or runs again (netevents.c)
 *   SimSetStatistics(ipsec, ike) the counters IPsecGetStatistics1 / IkeextGetStatistics1 return (NULL keeps
 *                                one); with a state file kept in <state>.statistics for every process (stats.c)
 *   SimBoot()                    BFE restarts (boot.c); SimSetAutoStartServices(list|NULL) and
 *                                SimStateProblem() are defined there too
 * Environment hooks (read at the first FwpmEngineOpen0 of a process; for spawned CLI tests):
 *   FWPSIM_STATE=path            persistent state file
 *   FWPSIM_FAIL_AT=n:0xCODE      the n-th state-changing call of the process fails with CODE
 *   FWPSIM_DELAY_US=n            sleep n microseconds in every state-changing call
 *   FWPSIM_DUMP_MUTATIONS=1      log every state-changing call and its result to stderr
 *   FWPSIM_BOOT=1                the first open starts BFE (as SimBoot)
 *   FWPSIM_AUTOSTART=a,b         the services BFE treats as auto-start ("" none)
 * Simulated Windows services (issue 12 rule 12; read at every call, so a test can stop and start them):
 *   FWPSIM_STOPPED_SERVICES=IKEEXT[,BFE]   these services are stopped; SimServiceRunning(name) says so, and
 *                                with BFE stopped FwpmEngineOpen0 fails with EPT_S_NOT_REGISTERED (no RPC
 *                                endpoint, what fwpuclnt returns when BFE is not running)
 */
#include "sim.h"

SIMAPI uint64_t SimOutstandingAllocations(void) { return E.outstanding; }

SIMAPI void SimFailNthMutation(uint32_t n, uint32_t code) {
  engine_init();
  E.failAt = n ? E.mutCalls + n : 0;
  E.failCode = code;
}

SIMAPI uint32_t SimReset(void) {
  engine_reset();
  return 0;
}

SIMAPI uint32_t SimSetStatePath(const char *utf8) { return engine_set_state_path(utf8); }

SIMAPI uint32_t SimMutationCount(void) { return (uint32_t)E.mutChanged; }

/* True when `name` (case-insensitive) is listed in FWPSIM_STOPPED_SERVICES. */
bool sim_service_stopped(const char *name) {
  const char *list = plat_getenv("FWPSIM_STOPPED_SERVICES");
  size_t n = strlen(name);
  for (const char *p = list; p && *p;) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    bool same = len == n;
    for (size_t i = 0; same && i < n; i++) {
      char a = p[i], b = name[i];
      if (a >= 'a' && a <= 'z') a = (char)(a - 32);
      if (b >= 'a' && b <= 'z') b = (char)(b - 32);
      same = a == b;
    }
    if (same) return true;
    p = end ? end + 1 : NULL;
  }
  return false;
}

/* 1 when the simulated service runs, 0 when FWPSIM_STOPPED_SERVICES stops it (test double of the SCM). */
SIMAPI uint32_t SimServiceRunning(const char *utf8Name) { return utf8Name && sim_service_stopped(utf8Name) ? 0 : 1; }
