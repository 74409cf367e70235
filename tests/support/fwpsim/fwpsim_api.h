/*
 * fwpsim_api.h -- prototypes of the fwpuclnt exports fwpsim implements (Win64 / SysV, same signatures; the
 * Windows names, SIM_ struct types) plus the Sim* test hooks. For C clients: driver.c and selftest.c.
 */
#ifndef FWPSIM_API_H
#define FWPSIM_API_H

#include "fwpsim_types.h"

uint32_t FwpmEngineOpen0(const uint16_t *serverName, uint32_t authnService, void *authIdentity,
                         const SIM_FWPM_SESSION0 *session, void **engineHandle);
uint32_t FwpmEngineClose0(void *engineHandle);
uint32_t FwpmTransactionBegin0(void *engineHandle, uint32_t flags);
uint32_t FwpmTransactionCommit0(void *engineHandle);
uint32_t FwpmTransactionAbort0(void *engineHandle);
void FwpmFreeMemory0(void **p);

uint32_t FwpmProviderAdd0(void *h, const SIM_FWPM_PROVIDER0 *provider, void *sd);
uint32_t FwpmProviderDeleteByKey0(void *h, const SIM_GUID *key);
uint32_t FwpmProviderGetByKey0(void *h, const SIM_GUID *key, SIM_FWPM_PROVIDER0 **provider);
uint32_t FwpmProviderCreateEnumHandle0(void *h, const SIM_FWPM_PROVIDER_ENUM_TEMPLATE0 *t, void **eh);
uint32_t FwpmProviderEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_PROVIDER0 ***entries, uint32_t *got);
uint32_t FwpmProviderDestroyEnumHandle0(void *h, void *eh);

uint32_t FwpmSubLayerAdd0(void *h, const SIM_FWPM_SUBLAYER0 *subLayer, void *sd);
uint32_t FwpmSubLayerDeleteByKey0(void *h, const SIM_GUID *key);
uint32_t FwpmSubLayerGetByKey0(void *h, const SIM_GUID *key, SIM_FWPM_SUBLAYER0 **subLayer);
uint32_t FwpmSubLayerCreateEnumHandle0(void *h, const SIM_FWPM_SUBLAYER_ENUM_TEMPLATE0 *t, void **eh);
uint32_t FwpmSubLayerEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_SUBLAYER0 ***entries, uint32_t *got);
uint32_t FwpmSubLayerDestroyEnumHandle0(void *h, void *eh);

uint32_t FwpmProviderContextAdd3(void *h, const SIM_FWPM_PROVIDER_CONTEXT3 *pc, void *sd, uint64_t *id);
uint32_t FwpmProviderContextDeleteByKey0(void *h, const SIM_GUID *key);
uint32_t FwpmProviderContextDeleteById0(void *h, uint64_t id);
uint32_t FwpmProviderContextGetByKey3(void *h, const SIM_GUID *key, SIM_FWPM_PROVIDER_CONTEXT3 **pc);
uint32_t FwpmProviderContextGetById3(void *h, uint64_t id, SIM_FWPM_PROVIDER_CONTEXT3 **pc);
uint32_t FwpmProviderContextCreateEnumHandle0(void *h, const SIM_FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *t, void **eh);
uint32_t FwpmProviderContextEnum3(void *h, void *eh, uint32_t n, SIM_FWPM_PROVIDER_CONTEXT3 ***entries,
                                  uint32_t *got);
uint32_t FwpmProviderContextDestroyEnumHandle0(void *h, void *eh);

uint32_t FwpmFilterAdd0(void *h, const SIM_FWPM_FILTER0 *filter, void *sd, uint64_t *id);
uint32_t FwpmFilterDeleteByKey0(void *h, const SIM_GUID *key);
uint32_t FwpmFilterDeleteById0(void *h, uint64_t id);
uint32_t FwpmFilterGetByKey0(void *h, const SIM_GUID *key, SIM_FWPM_FILTER0 **filter);
uint32_t FwpmFilterGetById0(void *h, uint64_t id, SIM_FWPM_FILTER0 **filter);
uint32_t FwpmFilterCreateEnumHandle0(void *h, const SIM_FWPM_FILTER_ENUM_TEMPLATE0 *t, void **eh);
uint32_t FwpmFilterEnum0(void *h, void *eh, uint32_t n, SIM_FWPM_FILTER0 ***entries, uint32_t *got);
uint32_t FwpmFilterDestroyEnumHandle0(void *h, void *eh);

uint32_t FwpmIPsecTunnelAdd3(void *h, uint32_t flags, const SIM_FWPM_PROVIDER_CONTEXT3 *mainModePolicy,
                             const SIM_FWPM_PROVIDER_CONTEXT3 *tunnelPolicy, uint32_t numFilterConditions,
                             const SIM_FWPM_FILTER_CONDITION0 *filterConditions, const SIM_GUID *keyModKey,
                             void *sd);
uint32_t FwpmIPsecTunnelDeleteByKey0(void *h, const SIM_GUID *key);
/* security.c: the four out-pointers point into *sd, which the caller frees with FwpmFreeMemory0 */
uint32_t FwpmProviderGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t securityInfo, void **sidOwner,
                                           void **sidGroup, void **dacl, void **sacl, void **sd);
uint32_t FwpmSubLayerGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t securityInfo, void **sidOwner,
                                           void **sidGroup, void **dacl, void **sacl, void **sd);
uint32_t FwpmProviderContextGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t securityInfo,
                                                  void **sidOwner, void **sidGroup, void **dacl, void **sacl,
                                                  void **sd);
uint32_t FwpmFilterGetSecurityInfoByKey0(void *h, const SIM_GUID *key, uint32_t securityInfo, void **sidOwner,
                                         void **sidGroup, void **dacl, void **sacl, void **sd);
uint32_t FwpmGetAppIdFromFileName0(const uint16_t *fileName, SIM_FWP_BYTE_BLOB **appId);

uint32_t IPsecSaContextCreate1(void *h, const SIM_IPSEC_TRAFFIC1 *outboundTraffic,
                               const SIM_IPSEC_VIRTUAL_IF_TUNNEL_INFO0 *virtualIfTunnelInfo, uint64_t *inboundFilterId,
                               uint64_t *id);
uint32_t IPsecSaContextGetSpi1(void *h, uint64_t id, const SIM_IPSEC_GETSPI1 *getSpi, uint32_t *inboundSpi);
uint32_t IPsecSaContextSetSpi0(void *h, uint64_t id, const SIM_IPSEC_GETSPI1 *getSpi, uint32_t inboundSpi);
uint32_t IPsecSaContextAddInbound1(void *h, uint64_t id, const SIM_IPSEC_SA_BUNDLE1 *bundle);
uint32_t IPsecSaContextAddOutbound1(void *h, uint64_t id, const SIM_IPSEC_SA_BUNDLE1 *bundle);
uint32_t IPsecSaContextDeleteById0(void *h, uint64_t id);
uint32_t IPsecSaContextCreateEnumHandle0(void *h, const SIM_IPSEC_SA_CONTEXT_ENUM_TEMPLATE0 *t, void **eh);
uint32_t IPsecSaContextEnum1(void *h, void *eh, uint32_t n, SIM_IPSEC_SA_CONTEXT1 ***entries, uint32_t *got);
uint32_t IPsecSaContextDestroyEnumHandle0(void *h, void *eh);

uint32_t IPsecSaCreateEnumHandle0(void *h, const void *enumTemplate, void **eh);
uint32_t IPsecSaEnum1(void *h, void *eh, uint32_t n, SIM_IPSEC_SA_DETAILS1 ***entries, uint32_t *got);
uint32_t IPsecSaDestroyEnumHandle0(void *h, void *eh);
uint32_t IkeextSaCreateEnumHandle0(void *h, const void *enumTemplate, void **eh);
uint32_t IkeextSaEnum2(void *h, void *eh, uint32_t n, void **entries, uint32_t *got);
uint32_t IkeextSaDestroyEnumHandle0(void *h, void *eh);
uint32_t IkeextSaDeleteById0(void *h, uint64_t id);
uint32_t FwpmNetEventCreateEnumHandle0(void *h, const SIM_FWPM_NET_EVENT_ENUM_TEMPLATE0 *enumTemplate, void **eh);
uint32_t FwpmNetEventEnum1(void *h, void *eh, uint32_t n, SIM_FWPM_NET_EVENT1 ***entries, uint32_t *got);
uint32_t FwpmNetEventEnum5(void *h, void *eh, uint32_t n, void **entries, uint32_t *got);
uint32_t FwpmNetEventDestroyEnumHandle0(void *h, void *eh);
uint32_t FwpmNetEventSubscribe0(void *h, const SIM_FWPM_NET_EVENT_SUBSCRIPTION0 *subscription,
                                SIM_FWPM_NET_EVENT_CALLBACK0 callback, void *context, void **eventsHandle);
uint32_t FwpmNetEventUnsubscribe0(void *h, void *eventsHandle);
uint32_t IPsecGetStatistics1(void *h, SIM_IPSEC_STATISTICS1 *ipsecStatistics);
uint32_t IkeextGetStatistics1(void *h, SIM_IKEEXT_STATISTICS1 *ikeextStatistics);

/* test hooks (not fwpuclnt) */
uint64_t SimOutstandingAllocations(void);
void SimFailNthMutation(uint32_t n, uint32_t code);
uint32_t SimReset(void);
uint32_t SimSetStatePath(const char *utf8);
uint32_t SimMutationCount(void);
uint32_t SimServiceRunning(const char *utf8Name); /* FWPSIM_STOPPED_SERVICES: 0 stopped, 1 running */
uint32_t SimInjectNetEvent(const SIM_FWPM_NET_EVENT1 *event); /* deep copy into the net-event list / journal */
uint32_t SimStopEngine(uint32_t stopped); /* 1: the simulated BFE stops; 0: it runs again */
/* the counters IPsecGetStatistics1 / IkeextGetStatistics1 return from now on (NULL: that one unchanged) */
uint32_t SimSetStatistics(const SIM_IPSEC_STATISTICS1 *ipsec, const SIM_IKEEXT_STATISTICS1 *ikeext);
uint32_t SimBoot(void);                                  /* BFE restarts (boot.c) */
void SimSetAutoStartServices(const char *commaSeparated); /* NULL: the built-in table */
const char *SimStateProblem(void);                       /* why the last state file was refused */

#endif
