/*
 * Prototypes of the fwpuclnt exports wfpsec binds that the mingw-w64 10.0 fwpmu.h lacks (or misspells:
 * mingw declares FwpmIpsecTunnelAdd0/1, the DLL exports FwpmIPsecTunnelAdd0..3), transcribed from the Windows
 * SDK 10.0.22000 um/fwpmu.h (github.com/marlersoft/microsoft_windows_sdk_cpp, read with the search tool; the
 * Learn pages api/fwpmu/nf-fwpmu-<name> agree). SAL annotations dropped. Prefixed SDK_ so nothing clashes;
 * tests/oracle/gen.ts compares each parameter with the kinds ffi/symbols.ts declares.
 * Include after <fwpmu.h> and sdk_structs.h.
 */
#ifndef WFPSEC_ORACLE_SDK_FUNCTIONS_H
#define WFPSEC_ORACLE_SDK_FUNCTIONS_H

/* FWPM_NET_EVENT5 is only pointed to here; its layout is not part of this check. */
struct SDK_FWPM_NET_EVENT5_;

/* um/fwpmu.h, NTDDI_WIN10_RS3 */
DWORD WINAPI SDK_FwpmProviderContextAdd3(HANDLE engineHandle, const SDK_FWPM_PROVIDER_CONTEXT3 *providerContext,
                                         PSECURITY_DESCRIPTOR sd, UINT64 *id);

/* um/fwpmu.h, NTDDI_WIN10_RS3 */
DWORD WINAPI SDK_FwpmProviderContextGetByKey3(HANDLE engineHandle, const GUID *key,
                                              SDK_FWPM_PROVIDER_CONTEXT3 **providerContext);

/* um/fwpmu.h, NTDDI_WIN10_RS3 */
DWORD WINAPI SDK_FwpmProviderContextEnum3(HANDLE engineHandle, HANDLE enumHandle, UINT32 numEntriesRequested,
                                          SDK_FWPM_PROVIDER_CONTEXT3 ***entries, UINT32 *numEntriesReturned);

/* um/fwpmu.h, NTDDI_WIN10_RS3 */
DWORD WINAPI SDK_FwpmIPsecTunnelAdd3(HANDLE engineHandle, UINT32 flags,
                                     const SDK_FWPM_PROVIDER_CONTEXT3 *mainModePolicy,
                                     const SDK_FWPM_PROVIDER_CONTEXT3 *tunnelPolicy, UINT32 numFilterConditions,
                                     const FWPM_FILTER_CONDITION0 *filterConditions, const GUID *keyModKey,
                                     PSECURITY_DESCRIPTOR sd);

/* um/fwpmu.h, NTDDI_WIN8 */
DWORD WINAPI SDK_IkeextSaEnum2(HANDLE engineHandle, HANDLE enumHandle, UINT32 numEntriesRequested,
                               IKEEXT_SA_DETAILS2 ***entries, UINT32 *numEntriesReturned);

/* um/fwpmu.h, NTDDI_WIN10_RS5 */
DWORD WINAPI SDK_FwpmNetEventEnum5(HANDLE engineHandle, HANDLE enumHandle, UINT32 numEntriesRequested,
                                   struct SDK_FWPM_NET_EVENT5_ ***entries, UINT32 *numEntriesReturned);

#endif
