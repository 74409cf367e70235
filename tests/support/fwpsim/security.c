/*
 * security.c -- object security descriptors (issue 12 rule 6): the `sd` argument of FwpmProviderAdd0,
 * FwpmSubLayerAdd0, FwpmProviderContextAdd3, FwpmFilterAdd0 and FwpmIPsecTunnelAdd3, and
 * Fwpm{Provider,SubLayer,ProviderContext,Filter}GetSecurityInfoByKey0.
 *  - learn.microsoft.com/windows/win32/fwp/access-control: BFE implements the Windows access-control model;
 *    "objects inherit ACEs from their container", containers from the engine, whose default DACL grants
 *    GENERIC_ALL to Administrators, GR|GW|GX to Network Configuration Operators and to the service SIDs of
 *    MpsSvc, NapAgent, PolicyAgent, RpcSs and WdiServiceHost (and OPEN|CLASSIFY to Everyone, engine only).
 *    BFE supports automatic DACL inheritance and no SACL ACEs.
 *  - api/fwpmu/nf-fwpmu-fwpmfilteradd0: "If the caller supplies a null security descriptor, the system will
 *    assign a default security descriptor"; an invalid one is ERROR_INVALID_SECURITY_DESCR.
 *  - api/fwpmu/nf-fwpmu-fwpmprovidergetsecurityinfobykey0 (and the SubLayer/ProviderContext/Filter pages):
 *    a NULL or zero key means the container; the four optional out-pointers point into the one returned
 *    descriptor, which the caller frees once with FwpmFreeMemory0.
 * What fwpsim stores is the effective descriptor: the caller's owner/group (default BA/SY, standing in for
 * the caller's token), its explicit DACL ACEs, then -- unless the DACL is protected (SE_DACL_PROTECTED) --
 * the container's inheritable ACEs marked INHERITED_ACE. So an SD without `D:P` still lets Network
 * Configuration Operators in, exactly the gap the rule closes. A SACL is dropped (BFE supports no SACL ACEs).
 * fwpsim checks no access: every caller is treated as an elevated administrator.
 */
#include "sim.h"

enum {
  SE_DACL_PRESENT = 0x0004,
  SE_DACL_AUTO_INHERITED = 0x0400,
  SE_DACL_PROTECTED = 0x1000,
  SE_SELF_RELATIVE = 0x8000,
  INHERITED_ACE = 0x10,
};
#define GENERIC_ALL_MASK 0x10000000u
#define GENERIC_RGX_MASK (0x80000000u | 0x40000000u | 0x20000000u)

typedef struct SidSpec {
  uint8_t count;
  uint32_t sub[6];
  uint32_t mask;
} SidSpec;

/* The container's inheritable ACEs (access-control page), all NT authority (5). Service SIDs are
 * S-1-5-80-<SHA-1 of the upper-cased service name in UTF-16LE>, checked in tests/ffi/object_security.test.ts. */
static const SidSpec INHERITED[] = {
  {2, {32, 544}, GENERIC_ALL_MASK},                                              /* BUILTIN\Administrators */
  {2, {32, 556}, GENERIC_RGX_MASK},                                              /* Network Configuration Operators */
  {6, {80, 3088073201u, 1464728630u, 1879813800u, 1107566885u, 823218052u}, GENERIC_RGX_MASK},  /* MpsSvc */
  {6, {80, 2006800713u, 1441093265u, 249754844u, 3404434343u, 1444102779u}, GENERIC_RGX_MASK},  /* NapAgent */
  {6, {80, 3044542841u, 3639452079u, 4096941652u, 1606687743u, 1256249853u}, GENERIC_RGX_MASK}, /* PolicyAgent */
  {6, {80, 979556362u, 403687129u, 3954533659u, 2335141334u, 1547273080u}, GENERIC_RGX_MASK},   /* RpcSs */
  {6, {80, 3139157870u, 2983391045u, 3678747466u, 658725712u, 1809340420u}, GENERIC_RGX_MASK},  /* WdiServiceHost */
};
static const SidSpec OWNER_BA = {2, {32, 544}, 0}, GROUP_SY = {1, {18}, 0};

static size_t sid_len(const uint8_t *sid) { return 8u + 4u * sid[1]; }

static size_t put_sid(uint8_t *p, const SidSpec *s) {
  p[0] = 1;
  p[1] = s->count;
  memset(p + 2, 0, 6);
  p[7] = 5; /* SECURITY_NT_AUTHORITY */
  for (int i = 0; i < s->count; i++) memcpy(p + 8 + 4 * i, &s->sub[i], 4);
  return 8u + 4u * s->count;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static void wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void wr32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }

static bool sid_ok(const uint8_t *sid, size_t room) { return room >= 8 && sid[0] == 1 && sid[1] <= 15 && sid_len(sid) <= room; }

/* An ACL is well formed: revision 2 or 4, every ACE inside AclSize, each ACE's SID (allow/deny types) valid. */
static bool acl_ok(const uint8_t *acl) {
  uint16_t size = rd16(acl + 2), count = rd16(acl + 4);
  if ((acl[0] != 2 && acl[0] != 4) || size < 8) return false;
  size_t off = 8;
  for (uint16_t i = 0; i < count; i++) {
    if (off + 8 > size) return false;
    uint16_t asz = rd16(acl + off + 2);
    if (asz < 8 || off + asz > size) return false;
    if (acl[off] <= 1 && !sid_ok(acl + off + 8, asz - 8u)) return false;
    off += asz;
  }
  return true;
}

/* The caller's descriptor must be a valid self-relative SECURITY_DESCRIPTOR (the RPC interface carries bytes). */
static uint32_t sd_check(const uint8_t *sd) {
  if (sd[0] != 1 || !(rd16(sd + 2) & SE_SELF_RELATIVE)) return ERROR_INVALID_SECURITY_DESCR;
  uint32_t o = rd32(sd + 4), g = rd32(sd + 8), d = rd32(sd + 16);
  if ((o && (o < 20 || !sid_ok(sd + o, 68))) || (g && (g < 20 || !sid_ok(sd + g, 68)))) return ERROR_INVALID_SECURITY_DESCR;
  if ((rd16(sd + 2) & SE_DACL_PRESENT) && d && (d < 20 || !acl_ok(sd + d))) return ERROR_INVALID_SECURITY_DESCR;
  return 0;
}

/* Builds the effective descriptor for a new object from the caller's (NULL: the default, inherited only). */
uint32_t sec_effective(const void *callerSd, uint8_t **out, uint32_t *outSize) {
  const uint8_t *sd = callerSd;
  *out = NULL;
  *outSize = 0;
  if (sd) {
    if (bad_ptr(sd)) return FWP_E_NULL_POINTER;
    uint32_t rc = sd_check(sd);
    if (rc) return rc;
  }
  uint16_t control = sd ? rd16(sd + 2) : 0;
  const uint8_t *dacl = sd && (control & SE_DACL_PRESENT) && rd32(sd + 16) ? sd + rd32(sd + 16) : NULL;
  bool nullDacl = sd && (control & SE_DACL_PRESENT) && !rd32(sd + 16);
  bool protect = (control & SE_DACL_PROTECTED) != 0;
  uint8_t aces[4096];
  size_t n = 0;
  uint16_t count = 0;
  if (dacl) {
    size_t used = 8;
    for (uint16_t i = 0; i < rd16(dacl + 4); i++) used += rd16(dacl + used + 2);
    if (used - 8 > sizeof aces / 2) return ERROR_INVALID_SECURITY_DESCR;
    memcpy(aces, dacl + 8, used - 8);
    n = used - 8;
    count = rd16(dacl + 4);
    for (size_t off = 0; off < n; off += rd16(aces + off + 2)) aces[off + 1] &= (uint8_t)~INHERITED_ACE;
  }
  if (!protect && !nullDacl) {
    for (size_t i = 0; i < sizeof INHERITED / sizeof INHERITED[0]; i++) {
      uint8_t *a = aces + n;
      a[0] = ACCESS_ALLOWED_ACE_TYPE;
      a[1] = INHERITED_ACE;
      wr32(a + 4, INHERITED[i].mask);
      size_t sl = put_sid(a + 8, &INHERITED[i]);
      wr16(a + 2, (uint16_t)(8 + sl));
      n += 8 + sl;
      count++;
    }
  }
  uint8_t owner[68], group[68];
  size_t ol = sd && rd32(sd + 4) ? sid_len(sd + rd32(sd + 4)) : put_sid(owner, &OWNER_BA);
  if (sd && rd32(sd + 4)) memcpy(owner, sd + rd32(sd + 4), ol);
  size_t gl = sd && rd32(sd + 8) ? sid_len(sd + rd32(sd + 8)) : put_sid(group, &GROUP_SY);
  if (sd && rd32(sd + 8)) memcpy(group, sd + rd32(sd + 8), gl);
  size_t aclSize = nullDacl ? 0 : 8 + n;
  size_t total = 20 + aclSize + ol + gl;
  uint8_t *b = calloc(1, total);
  if (!b) return ERROR_NOT_ENOUGH_MEMORY;
  b[0] = 1;
  wr16(b + 2, (uint16_t)(SE_SELF_RELATIVE | SE_DACL_PRESENT | SE_DACL_AUTO_INHERITED | (protect ? SE_DACL_PROTECTED : 0)));
  size_t off = 20;
  if (!nullDacl) {
    wr32(b + 16, (uint32_t)off);
    b[off] = 2;
    wr16(b + off + 2, (uint16_t)aclSize);
    wr16(b + off + 4, count);
    memcpy(b + off + 8, aces, n);
    off += aclSize;
  }
  wr32(b + 4, (uint32_t)off);
  memcpy(b + off, owner, ol);
  off += ol;
  wr32(b + 8, (uint32_t)off);
  memcpy(b + off, group, gl);
  *out = b;
  *outSize = (uint32_t)total;
  return 0;
}

/* The descriptor an object holds: its own, or the default (built-in objects, objects added before this). */
static uint32_t sec_of(const Obj *o, uint8_t **sd, uint32_t *size, bool *owned) {
  *owned = false;
  if (o && o->sd) {
    *sd = o->sd;
    *size = o->sdSize;
    return 0;
  }
  *owned = true;
  return sec_effective(NULL, sd, size);
}

/* A caller-owned copy holding only the parts `info` asks for; the out pointers point into it. */
static uint32_t sec_get(const Obj *o, uint32_t info, void **owner, void **group, void **dacl, void **sacl, void **out) {
  if (!out) return FWP_E_NULL_POINTER;
  *out = NULL;
  if (owner) *owner = NULL;
  if (group) *group = NULL;
  if (dacl) *dacl = NULL;
  if (sacl) *sacl = NULL;
  uint8_t *sd;
  uint32_t size;
  bool owned;
  uint32_t rc = sec_of(o, &sd, &size, &owned);
  if (rc) return rc;
  uint8_t *b = sim_caller_alloc(size);
  if (!b) {
    if (owned) free(sd);
    return ERROR_NOT_ENOUGH_MEMORY;
  }
  memcpy(b, sd, size);
  if (owned) free(sd);
  uint16_t control = rd16(b + 2);
  if (!(info & OWNER_SECURITY_INFORMATION)) wr32(b + 4, 0);
  if (!(info & GROUP_SECURITY_INFORMATION)) wr32(b + 8, 0);
  if (!(info & DACL_SECURITY_INFORMATION)) {
    wr32(b + 16, 0);
    control &= (uint16_t)~(SE_DACL_PRESENT | SE_DACL_AUTO_INHERITED | SE_DACL_PROTECTED);
  }
  wr16(b + 2, control);
  if (owner && rd32(b + 4)) *owner = b + rd32(b + 4);
  if (group && rd32(b + 8)) *group = b + rd32(b + 8);
  if (dacl && rd32(b + 16)) *dacl = b + rd32(b + 16);
  (void)sacl; /* BFE supports no SACL ACEs: always NULL */
  *out = b;
  return 0;
}

/* The SD the current Add call passes to every object it creates (set by the export, cleared after). */
static const uint8_t *pendingSd;
static uint32_t pendingSize;

void sec_set_pending(const uint8_t *sd, uint32_t size) {
  pendingSd = sd;
  pendingSize = size;
}

void sec_attach(Obj *o) {
  if (!pendingSd || o->exemption || o->life == LIFE_BUILTIN) return;
  o->sd = malloc(pendingSize);
  memcpy(o->sd, pendingSd, pendingSize);
  o->sdSize = pendingSize;
}

static uint32_t get_by_key(int kind, uint32_t notFound, void *h, const SIM_GUID *key, uint32_t info, void **owner,
                           void **group, void **dacl, void **sacl, void **sd) {
  if (!session_get(h)) return ERROR_INVALID_HANDLE;
  state_refresh_for_read();
  Obj *o = NULL;
  if (key && !guid_is_zero(key)) { /* NULL or zero: the container (default descriptor) */
    if (!(o = store_find(kind, key))) return notFound;
  }
  return sec_get(o, info, owner, group, dacl, sacl, sd);
}

SIMAPI uint32_t FwpmProviderGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t info, void **owner,
                                                  void **group, void **dacl, void **sacl, void **sd) {
  return get_by_key(K_PROVIDER, FWP_E_PROVIDER_NOT_FOUND, h, key, info, owner, group, dacl, sacl, sd);
}
SIMAPI uint32_t FwpmSubLayerGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t info, void **owner,
                                                  void **group, void **dacl, void **sacl, void **sd) {
  return get_by_key(K_SUBLAYER, FWP_E_SUBLAYER_NOT_FOUND, h, key, info, owner, group, dacl, sacl, sd);
}
SIMAPI uint32_t FwpmProviderContextGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t info, void **owner,
                                                         void **group, void **dacl, void **sacl, void **sd) {
  return get_by_key(K_CONTEXT, FWP_E_PROVIDER_CONTEXT_NOT_FOUND, h, key, info, owner, group, dacl, sacl, sd);
}
SIMAPI uint32_t FwpmFilterGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t info, void **owner,
                                                void **group, void **dacl, void **sacl, void **sd) {
  return get_by_key(K_FILTER, FWP_E_FILTER_NOT_FOUND, h, key, info, owner, group, dacl, sacl, sd);
}
