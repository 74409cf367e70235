/*
 * catalog.c -- what a fresh Windows host already has: layers (with the condition fields each accepts and
 * their data types), built-in callouts (and the layer each is registered at), built-in sublayers, providers
 * and provider contexts. GUIDs come from ffi/constants.ts through the generated fwpsim_constants.h.
 * Field sets follow fwp/filtering-conditions-available-at-each-filtering-layer for the fields wfpsec uses
 * (Microsoft: filtering-conditions-available-at-each-filtering-layer); IPFORWARD / IPPACKET sets are a simulator approximation limited to the known fields.
 */
#include <stdio.h>

#include "sim.h"

/* condition table (indices: the C_* enum in sim.h); bit i of Layer.fields allows conds[i] */

static const CondField conds[C_COUNT] = {
    [C_LOCAL_ADDR] = {FWPM_CONDITION_IP_LOCAL_ADDRESS_INIT, "IP_LOCAL_ADDRESS", FWP_UINT32, FWP_BYTE_ARRAY16_TYPE, true},
    [C_REMOTE_ADDR] = {FWPM_CONDITION_IP_REMOTE_ADDRESS_INIT, "IP_REMOTE_ADDRESS", FWP_UINT32, FWP_BYTE_ARRAY16_TYPE, true},
    [C_LOCAL_ADDR_TYPE] = {FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE_INIT, "IP_LOCAL_ADDRESS_TYPE", FWP_UINT8, FWP_UINT8, false},
    [C_PROTOCOL] = {FWPM_CONDITION_IP_PROTOCOL_INIT, "IP_PROTOCOL", FWP_UINT8, FWP_UINT8, false},
    [C_LOCAL_PORT] = {FWPM_CONDITION_IP_LOCAL_PORT_INIT, "IP_LOCAL_PORT", FWP_UINT16, FWP_UINT16, false},
    [C_REMOTE_PORT] = {FWPM_CONDITION_IP_REMOTE_PORT_INIT, "IP_REMOTE_PORT", FWP_UINT16, FWP_UINT16, false},
    [C_LOCAL_IF] = {FWPM_CONDITION_IP_LOCAL_INTERFACE_INIT, "IP_LOCAL_INTERFACE", FWP_UINT64, FWP_UINT64, false},
    [C_APP_ID] = {FWPM_CONDITION_ALE_APP_ID_INIT, "ALE_APP_ID", FWP_BYTE_BLOB_TYPE, FWP_BYTE_BLOB_TYPE, false},
    [C_USER_ID] = {FWPM_CONDITION_ALE_USER_ID_INIT, "ALE_USER_ID", FWP_SECURITY_DESCRIPTOR_TYPE,
                   FWP_SECURITY_DESCRIPTOR_TYPE, false},
    [C_REMOTE_USER_ID] = {FWPM_CONDITION_ALE_REMOTE_USER_ID_INIT, "ALE_REMOTE_USER_ID",
                          FWP_SECURITY_DESCRIPTOR_TYPE, FWP_SECURITY_DESCRIPTOR_TYPE, false},
    [C_REMOTE_MACHINE_ID] = {FWPM_CONDITION_ALE_REMOTE_MACHINE_ID_INIT, "ALE_REMOTE_MACHINE_ID",
                             FWP_SECURITY_DESCRIPTOR_TYPE, FWP_SECURITY_DESCRIPTOR_TYPE, false},
    [C_FLAGS] = {FWPM_CONDITION_FLAGS_INIT, "FLAGS", FWP_UINT32, FWP_UINT32, false},
    [C_PROFILE] = {FWPM_CONDITION_CURRENT_PROFILE_ID_INIT, "CURRENT_PROFILE_ID", FWP_UINT32, FWP_UINT32, false},
};

#define B(c) (1u << (c))
#define F_IKEEXT (B(C_LOCAL_ADDR) | B(C_REMOTE_ADDR) | B(C_LOCAL_IF) | B(C_PROFILE))
#define F_IPSEC (F_IKEEXT | B(C_LOCAL_PORT) | B(C_REMOTE_PORT) | B(C_PROTOCOL))
#define F_TRANSPORT (F_IPSEC | B(C_LOCAL_ADDR_TYPE) | B(C_FLAGS))
#define F_ALE (F_TRANSPORT | B(C_APP_ID) | B(C_USER_ID) | B(C_REMOTE_USER_ID) | B(C_REMOTE_MACHINE_ID))
#define F_PACKET (B(C_LOCAL_ADDR) | B(C_REMOTE_ADDR) | B(C_LOCAL_ADDR_TYPE) | B(C_LOCAL_IF) | B(C_FLAGS) | B(C_PROFILE))
#define F_FORWARD (B(C_LOCAL_ADDR) | B(C_REMOTE_ADDR) | B(C_LOCAL_IF) | B(C_FLAGS) | B(C_PROFILE))

static const Layer layers[] = {
    {FWPM_LAYER_INBOUND_IPPACKET_V4_INIT, "INBOUND_IPPACKET_V4", false, LC_OTHER, F_PACKET},
    {FWPM_LAYER_INBOUND_IPPACKET_V6_INIT, "INBOUND_IPPACKET_V6", true, LC_OTHER, F_PACKET},
    {FWPM_LAYER_OUTBOUND_IPPACKET_V4_INIT, "OUTBOUND_IPPACKET_V4", false, LC_OTHER, F_PACKET},
    {FWPM_LAYER_OUTBOUND_IPPACKET_V6_INIT, "OUTBOUND_IPPACKET_V6", true, LC_OTHER, F_PACKET},
    {FWPM_LAYER_IPFORWARD_V4_INIT, "IPFORWARD_V4", false, LC_FORWARD, F_FORWARD},
    {FWPM_LAYER_IPFORWARD_V6_INIT, "IPFORWARD_V6", true, LC_FORWARD, F_FORWARD},
    {FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT, "INBOUND_TRANSPORT_V4", false, LC_TRANSPORT, F_TRANSPORT},
    {FWPM_LAYER_INBOUND_TRANSPORT_V6_INIT, "INBOUND_TRANSPORT_V6", true, LC_TRANSPORT, F_TRANSPORT},
    {FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT, "OUTBOUND_TRANSPORT_V4", false, LC_TRANSPORT, F_TRANSPORT},
    {FWPM_LAYER_OUTBOUND_TRANSPORT_V6_INIT, "OUTBOUND_TRANSPORT_V6", true, LC_TRANSPORT, F_TRANSPORT},
    {FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT, "ALE_AUTH_RECV_ACCEPT_V4", false, LC_ALE, F_ALE},
    {FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_INIT, "ALE_AUTH_RECV_ACCEPT_V6", true, LC_ALE, F_ALE},
    {FWPM_LAYER_ALE_AUTH_CONNECT_V4_INIT, "ALE_AUTH_CONNECT_V4", false, LC_ALE, F_ALE},
    {FWPM_LAYER_ALE_AUTH_CONNECT_V6_INIT, "ALE_AUTH_CONNECT_V6", true, LC_ALE, F_ALE},
    {FWPM_LAYER_IPSEC_KM_DEMUX_V4_INIT, "IPSEC_KM_DEMUX_V4", false, LC_KM_DEMUX, F_IKEEXT},
    {FWPM_LAYER_IPSEC_KM_DEMUX_V6_INIT, "IPSEC_KM_DEMUX_V6", true, LC_KM_DEMUX, F_IKEEXT},
    {FWPM_LAYER_IPSEC_V4_INIT, "IPSEC_V4", false, LC_IPSEC, F_IPSEC},
    {FWPM_LAYER_IPSEC_V6_INIT, "IPSEC_V6", true, LC_IPSEC, F_IPSEC},
    {FWPM_LAYER_IKEEXT_V4_INIT, "IKEEXT_V4", false, LC_IKEEXT, F_IKEEXT},
    {FWPM_LAYER_IKEEXT_V6_INIT, "IKEEXT_V6", true, LC_IKEEXT, F_IKEEXT},
    {FWPM_LAYER_KM_AUTHORIZATION_INIT, "KM_AUTHORIZATION", false, LC_OTHER, 0},
};

/* Every layer named in ffi/constants.ts LAYERS must be in the table above (compile-time count check). */
#define COUNT_ONE(name) +1
_Static_assert(sizeof layers / sizeof layers[0] == 0 FWPSIM_LAYER_LIST(COUNT_ONE), "catalog misses a layer");

typedef struct Callout {
  SIM_GUID key;
  SIM_GUID layer;
} Callout;

static const Callout callouts[] = {
    {FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4_INIT, FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V6_INIT, FWPM_LAYER_INBOUND_TRANSPORT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V6_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V4_INIT, FWPM_LAYER_INBOUND_TRANSPORT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_V6_INIT, FWPM_LAYER_INBOUND_TRANSPORT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V4_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_OUTBOUND_TUNNEL_V6_INIT, FWPM_LAYER_OUTBOUND_TRANSPORT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V4_INIT, FWPM_LAYER_IPFORWARD_V4_INIT},
    {FWPM_CALLOUT_IPSEC_FORWARD_INBOUND_TUNNEL_V6_INIT, FWPM_LAYER_IPFORWARD_V6_INIT},
    {FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V4_INIT, FWPM_LAYER_IPFORWARD_V4_INIT},
    {FWPM_CALLOUT_IPSEC_FORWARD_OUTBOUND_TUNNEL_V6_INIT, FWPM_LAYER_IPFORWARD_V6_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V4_INIT, FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V6_INIT, FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V4_INIT, FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_INBOUND_TUNNEL_ALE_ACCEPT_V6_INIT, FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4_INIT, FWPM_LAYER_ALE_AUTH_CONNECT_V4_INIT},
    {FWPM_CALLOUT_IPSEC_ALE_CONNECT_V6_INIT, FWPM_LAYER_ALE_AUTH_CONNECT_V6_INIT},
    {FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V4_INIT, FWPM_LAYER_IPFORWARD_V4_INIT},
    {FWPM_CALLOUT_IPSEC_DOSP_FORWARD_V6_INIT, FWPM_LAYER_IPFORWARD_V6_INIT},
};
_Static_assert(sizeof callouts / sizeof callouts[0] == 0 FWPSIM_CALLOUT_LIST(COUNT_ONE), "catalog misses a callout");

const SIM_GUID SIM_SUBLAYER_UNIVERSAL = FWPM_SUBLAYER_UNIVERSAL_INIT;
const SIM_GUID SIM_SUBLAYER_IPSEC_TUNNEL = FWPM_SUBLAYER_IPSEC_TUNNEL_INIT;
const SIM_GUID SIM_PROVIDER_IKEEXT = FWPM_PROVIDER_IKEEXT_INIT;

const Layer *layer_find(const SIM_GUID *key) {
  for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++)
    if (guid_eq(&layers[i].key, key)) return &layers[i];
  return NULL;
}

int cond_find(const SIM_GUID *key, const CondField **out) {
  for (int i = 0; i < C_COUNT; i++) {
    if (guid_eq(&conds[i].key, key)) {
      if (out) *out = &conds[i];
      return i;
    }
  }
  return -1;
}

const SIM_GUID *callout_layer(const SIM_GUID *callout) {
  for (size_t i = 0; i < sizeof callouts / sizeof callouts[0]; i++)
    if (guid_eq(&callouts[i].key, callout)) return &callouts[i].layer;
  return NULL;
}

/* ---- built-in objects -------------------------------------------------------------------------------------- */

static void install(int kind, const void *tmpl) {
  size_t size = 0;
  void *data = dc_block(kind, tmpl, &size, false);
  Obj *o = obj_new(kind, data, size);
  o->life = LIFE_BUILTIN;
  store_insert(o);
}

/* UTF-16 literals without wchar_t: u"" is char16_t, which is uint_least16_t (16 bits on both targets). */
#define W(s) ((uint16_t *)(u"" s))

static void install_provider(SIM_GUID key, uint16_t *name, uint16_t *desc) {
  SIM_FWPM_PROVIDER0 p;
  memset(&p, 0, sizeof p);
  p.providerKey = key;
  p.displayData.name = name;
  p.displayData.description = desc;
  install(K_PROVIDER, &p);
}

static void install_sublayer(SIM_GUID key, uint16_t *name, uint16_t weight) {
  SIM_FWPM_SUBLAYER0 s;
  memset(&s, 0, sizeof s);
  s.subLayerKey = key;
  s.displayData.name = name;
  s.weight = weight;
  install(K_SUBLAYER, &s);
}

static void install_contexts(void) {
  /* the default secure-socket policies (fwp/built-in-provider-context-identifiers): AuthIP MM with
   * anonymous + Kerberos authentication, and an AuthIP QM transport policy with ESP SHA1/AES128 */
  SIM_IKEEXT_AUTHENTICATION_METHOD2 methods[2];
  memset(methods, 0, sizeof methods);
  methods[0].authenticationMethodType = IKEEXT_KERBEROS;
  methods[1].authenticationMethodType = IKEEXT_ANONYMOUS;
  SIM_IKEEXT_PROPOSAL0 prop;
  memset(&prop, 0, sizeof prop);
  prop.cipherAlgorithm.algoIdentifier = IKEEXT_CIPHER_AES_128;
  prop.integrityAlgorithm.algoIdentifier = IKEEXT_INTEGRITY_SHA1;
  prop.maxLifetimeSeconds = 28800;
  prop.dhGroup = IKEEXT_DH_GROUP_2;
  SIM_IKEEXT_POLICY2 mm;
  memset(&mm, 0, sizeof mm);
  mm.numAuthenticationMethods = 2;
  mm.authenticationMethods = methods;
  mm.numIkeProposals = 1;
  mm.ikeProposals = &prop;
  SIM_FWPM_PROVIDER_CONTEXT3 pc;
  memset(&pc, 0, sizeof pc);
  pc.providerContextKey = (SIM_GUID)FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_AUTHIP_INIT;
  pc.displayData.name = W("Secure socket AuthIP main mode policy");
  pc.type = FWPM_IPSEC_AUTHIP_MM_CONTEXT;
  pc.authIpMmPolicy = &mm;
  pc.providerContextId = E.nextContextId++;
  install(K_CONTEXT, &pc);

  SIM_IPSEC_AUTH_AND_CIPHER_TRANSFORM0 ac;
  memset(&ac, 0, sizeof ac);
  ac.authTransform.authTransformId.authType = IPSEC_AUTH_SHA_1;
  ac.authTransform.authTransformId.authConfig = IPSEC_AUTH_CONFIG_HMAC_SHA_1_96;
  ac.cipherTransform.cipherTransformId.cipherType = IPSEC_CIPHER_TYPE_AES_128;
  ac.cipherTransform.cipherTransformId.cipherConfig = IPSEC_CIPHER_CONFIG_CBC_AES_128;
  SIM_IPSEC_SA_TRANSFORM0 tr;
  memset(&tr, 0, sizeof tr);
  tr.ipsecTransformType = IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER;
  tr.espAuthAndCipherTransform = &ac;
  SIM_IPSEC_PROPOSAL0 qp;
  memset(&qp, 0, sizeof qp);
  qp.lifetime.lifetimeSeconds = 3600;
  qp.lifetime.lifetimeKilobytes = 100000;
  qp.lifetime.lifetimePackets = 0x7fffffff;
  qp.numSaTransforms = 1;
  qp.saTransforms = &tr;
  SIM_IPSEC_TRANSPORT_POLICY2 qm;
  memset(&qm, 0, sizeof qm);
  qm.numIpsecProposals = 1;
  qm.ipsecProposals = &qp;
  qm.flags = IPSEC_POLICY_FLAG_ND_BOUNDARY;
  qm.saIdleTimeout.idleTimeoutSeconds = 300;
  qm.saIdleTimeout.idleTimeoutSecondsFailOver = 60;
  memset(&pc, 0, sizeof pc);
  pc.providerContextKey = (SIM_GUID)FWPM_PROVIDER_CONTEXT_SECURE_SOCKET_IPSEC_INIT;
  pc.displayData.name = W("Secure socket IPsec quick mode policy");
  pc.type = FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT;
  pc.authipQmTransportPolicy = &qm;
  pc.providerContextId = E.nextContextId++;
  install(K_CONTEXT, &pc);
}

void catalog_install(void) {
  install_provider((SIM_GUID)FWPM_PROVIDER_IKEEXT_INIT, W("Microsoft Windows WFP IKEEXT provider"),
                   W("Identifies filters added by IKE/AuthIP"));
  install_provider((SIM_GUID)FWPM_PROVIDER_IPSEC_DOS_CONFIG_INIT, W("Microsoft Windows IPsec DoS Protection"),
                   NULL);
  install_sublayer((SIM_GUID)FWPM_SUBLAYER_IPSEC_TUNNEL_INIT, W("IPsec tunnel sublayer"), 0x1000);
  install_sublayer((SIM_GUID)FWPM_SUBLAYER_IPSEC_FORWARD_OUTBOUND_TUNNEL_INIT,
                   W("IPsec forward outbound tunnel sublayer"), 0x1001);
  install_sublayer((SIM_GUID)FWPM_SUBLAYER_IPSEC_DOSP_INIT, W("IPsec DoS Protection sublayer"), 0x1002);
  install_sublayer((SIM_GUID)FWPM_SUBLAYER_SECURE_SOCKET_INIT, W("Secure socket sublayer"), 0x1003);
  install_sublayer((SIM_GUID)FWPM_SUBLAYER_UNIVERSAL_INIT, W("Universal sublayer (default)"), 0x0000);
  install_contexts();
}

/* ---- FwpmGetAppIdFromFileName0 ------------------------------------------------------------------------------ */

/* Mimics Windows: `C:\Dir\App.exe` -> `\device\harddiskvolume1\dir\app.exe` (drive C is volume 1, D is 2,
 * ...), `\\server\share\x` -> `\device\mup\server\share\x`, lowercased, '/' read as '\', returned as a
 * UTF-16LE FWP_BYTE_BLOB including the NUL terminator in one engine allocation. The simulator cannot check
 * that the file exists (Windows returns ERROR_FILE_NOT_FOUND then); a path that is not fully qualified gets
 * ERROR_INVALID_PARAMETER. */
static uint16_t lower16(uint16_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return (uint16_t)(c + 0x20);
  return c;
}

SIMAPI uint32_t FwpmGetAppIdFromFileName0(const uint16_t *fileName, SIM_FWP_BYTE_BLOB **appId) {
  engine_init();
  if (!fileName || !appId) return FWP_E_NULL_POINTER;
  *appId = NULL;
  size_t n = wstr_len(fileName);
  uint16_t prefix[40];
  size_t np = 0, skip = 0;
  const char *p = NULL;
  char vol[32];
  if (n >= 3 && ((fileName[0] | 0x20) >= 'a' && (fileName[0] | 0x20) <= 'z') && fileName[1] == ':' &&
      (fileName[2] == '\\' || fileName[2] == '/')) {
    int letter = (fileName[0] | 0x20) - 'a';
    int number = letter >= 2 ? letter - 1 : letter + 25; /* C: -> 1; A:/B: after Z: */
    snprintf(vol, sizeof vol, "\\device\\harddiskvolume%d", number);
    p = vol;
    skip = 2;
  } else if (n >= 3 && (fileName[0] == '\\' || fileName[0] == '/') && (fileName[1] == '\\' || fileName[1] == '/')) {
    p = "\\device\\mup";
    skip = 1;
  } else {
    return ERROR_INVALID_PARAMETER;
  }
  for (; *p; p++) prefix[np++] = (uint16_t)*p;
  size_t total = np + (n - skip) + 1;
  uint8_t *blk = sim_caller_alloc(sizeof(SIM_FWP_BYTE_BLOB) + total * 2);
  SIM_FWP_BYTE_BLOB *b = (SIM_FWP_BYTE_BLOB *)blk;
  uint16_t *out = (uint16_t *)(blk + sizeof *b);
  size_t k = 0;
  for (size_t i = 0; i < np; i++) out[k++] = prefix[i];
  for (size_t i = skip; i < n; i++) out[k++] = fileName[i] == '/' ? '\\' : lower16(fileName[i]);
  out[k++] = 0;
  b->size = (uint32_t)(k * 2);
  b->data = (uint8_t *)out;
  *appId = b;
  return 0;
}
