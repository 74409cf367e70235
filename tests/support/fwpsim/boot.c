/*
 * boot.c -- what BFE does with persistent objects when it starts (engine_boot in engine.c calls it).
 *
 * FwpmProviderAdd0 (learn.microsoft.com nf-fwpmu-fwpmprovideradd0, Remarks): "At start, the BFE only adds the
 * following types of persistent objects": objects without a provider, objects whose provider names no
 * service, objects whose provider's service is set to auto-start. FWPM_FILTER0.flags
 * (ns-fwpmtypes-fwpm_filter0, FWPM_FILTER_FLAG_DISABLED) and FWPM_PROVIDER0.flags
 * (ns-fwpmtypes-fwpm_provider0, FWPM_PROVIDER_FLAG_DISABLED) say the same from the other side: "A provider's
 * filters are disabled when the BFE starts if the provider has no associated Windows service name, or if the
 * associated service is not set to auto-start". The pages disagree on the provider without a service name;
 * fwpsim takes the strict reading of the two struct pages (disabled), and, as those pages say, keeps the
 * objects and flags them (the real dump in shared/reference shows FWPM_PROVIDER_IKEEXT present with
 * FWPM_PROVIDER_FLAG_DISABLED). docs/windows-verification.md (P1) lists the test that settles it.
 *
 * Which services are auto-start is the host's business; fwpsim has a small table of services that are
 * SERVICE_AUTO_START on a default Windows 10 1709+ / Server 2019+ install. IKEEXT and PolicyAgent are not in
 * it: they are demand (trigger) start on client editions, which is why the dump's IKEEXT provider is
 * disabled. FWPSIM_AUTOSTART=a,b (or SimSetAutoStartServices) replaces the table; an empty list means no
 * service is auto-start. Service names compare case-insensitively, as the service control manager does.
 */
#include "sim.h"

static const char *const BUILTIN_AUTO_START[] = {"BFE", "mpssvc", "RpcSs", "EventLog", "Dhcp", "Dnscache",
                                                 "nsi", "Winmgmt", "LanmanWorkstation", NULL};

static char *customList; /* NULL: the built-in table */

void boot_set_auto_start(const char *list) {
  free(customList);
  customList = list ? strdup(list) : NULL;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* UTF-16 service name == ASCII name [name, name + n), ignoring ASCII case */
static bool same_name(const uint16_t *w, const char *name, size_t n) {
  size_t i = 0;
  for (; i < n; i++)
    if (!w[i] || w[i] > 0x7f || lower(w[i]) != lower((unsigned char)name[i])) return false;
  return w[i] == 0;
}

static bool auto_start(const uint16_t *service) {
  if (!service || !service[0]) return false;
  if (customList) {
    for (const char *p = customList; *p;) {
      const char *end = strchr(p, ',');
      size_t n = end ? (size_t)(end - p) : strlen(p);
      if (n && same_name(service, p, n)) return true;
      p += n + (end ? 1 : 0);
    }
    return false;
  }
  for (const char *const *p = BUILTIN_AUTO_START; *p; p++)
    if (same_name(service, *p, strlen(*p))) return true;
  return false;
}

/* Sets (or clears) FWPM_PROVIDER_FLAG_DISABLED on each persistent provider and FWPM_FILTER_FLAG_DISABLED on
 * its persistent filters. Filters without a provider stay enabled. */
void boot_apply_service_rule(void) {
  for (Obj *o = E.st[K_PROVIDER].head; o; o = o->next) {
    if (o->life != LIFE_PERSISTENT) continue;
    SIM_FWPM_PROVIDER0 *p = o->data;
    bool off = !auto_start(p->serviceName);
    p->flags = off ? (p->flags | FWPM_PROVIDER_FLAG_DISABLED) : (p->flags & ~FWPM_PROVIDER_FLAG_DISABLED);
    for (Obj *f = E.st[K_FILTER].head; f; f = f->next) {
      SIM_FWPM_FILTER0 *fd = f->data;
      if (f->life != LIFE_PERSISTENT || !fd->providerKey || !guid_eq(fd->providerKey, &o->key)) continue;
      fd->flags = off ? (fd->flags | FWPM_FILTER_FLAG_DISABLED) : (fd->flags & ~FWPM_FILTER_FLAG_DISABLED);
    }
  }
}

/* ---- test hooks ---- */

SIMAPI uint32_t SimBoot(void) { return engine_boot(); }

SIMAPI void SimSetAutoStartServices(const char *commaSeparatedOrNull) { boot_set_auto_start(commaSeparatedOrNull); }

SIMAPI const char *SimStateProblem(void) { return engine_state_problem(); }
