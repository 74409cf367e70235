/**
 * The dlopen symbol table: every fwpuclnt export wfpsec calls, with exact parameter kinds (Win64 and SysV
 * use the same table). Conventions:
 * - every Fwpm/IPsec/Ikeext function returns a DWORD: "u32" (FWP_E_* codes are >= 0x80000000);
 * - HANDLE / PSECURITY_DESCRIPTOR / engine-returned pointers: "pointer";
 * - const struct*, const GUID*, const wchar_t* inputs and every out-parameter (HANDLE*, T**, UINT64*,
 *   UINT32*): "buffer" (arena views, Uint8Array GUIDs, BigUint64Array/Uint32Array out cells);
 * - UINT64 by value: "u64" (bigint);
 * - FwpmFreeMemory0 takes void**: the same out cell that received the pointer.
 * SA and net-event functions exist in every real fwpuclnt but are bound `optional: true` so a partial
 * simulator still loads. fwpsim's own hooks (prefix Sim) are not here: ffi/fwpsim.ts opens the one the
 * product uses, tests/support/simHooks.ts the test hooks.
 */

const DWORD = "u32" as const;

/** The symbol table passed to Deno.dlopen. */
export const SYMBOLS = {
  FwpmEngineOpen0: { parameters: ["buffer", "u32", "pointer", "buffer", "buffer"], result: DWORD },
  FwpmEngineClose0: { parameters: ["pointer"], result: DWORD },
  FwpmTransactionBegin0: { parameters: ["pointer", "u32"], result: DWORD },
  FwpmTransactionCommit0: { parameters: ["pointer"], result: DWORD },
  FwpmTransactionAbort0: { parameters: ["pointer"], result: DWORD },
  FwpmFreeMemory0: { parameters: ["buffer"], result: "void" },

  FwpmProviderAdd0: { parameters: ["pointer", "buffer", "pointer"], result: DWORD },
  FwpmProviderDeleteByKey0: { parameters: ["pointer", "buffer"], result: DWORD },
  FwpmProviderGetByKey0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmProviderCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmProviderEnum0: { parameters: ["pointer", "pointer", "u32", "buffer", "buffer"], result: DWORD },
  FwpmProviderDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD },

  FwpmSubLayerAdd0: { parameters: ["pointer", "buffer", "pointer"], result: DWORD },
  FwpmSubLayerDeleteByKey0: { parameters: ["pointer", "buffer"], result: DWORD },
  FwpmSubLayerGetByKey0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmSubLayerCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmSubLayerEnum0: { parameters: ["pointer", "pointer", "u32", "buffer", "buffer"], result: DWORD },
  FwpmSubLayerDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD },

  FwpmProviderContextAdd3: { parameters: ["pointer", "buffer", "pointer", "buffer"], result: DWORD },
  FwpmProviderContextDeleteByKey0: { parameters: ["pointer", "buffer"], result: DWORD },
  FwpmProviderContextGetByKey3: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmProviderContextCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmProviderContextEnum3: { parameters: ["pointer", "pointer", "u32", "buffer", "buffer"], result: DWORD },
  FwpmProviderContextDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD },

  FwpmFilterAdd0: { parameters: ["pointer", "buffer", "pointer", "buffer"], result: DWORD },
  FwpmFilterDeleteByKey0: { parameters: ["pointer", "buffer"], result: DWORD },
  FwpmFilterDeleteById0: { parameters: ["pointer", "u64"], result: DWORD },
  FwpmFilterGetByKey0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmFilterGetById0: { parameters: ["pointer", "u64", "buffer"], result: DWORD },
  FwpmFilterCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD },
  FwpmFilterEnum0: { parameters: ["pointer", "pointer", "u32", "buffer", "buffer"], result: DWORD },
  FwpmFilterDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD },

  // (engine, flags, mmPolicy* opt, qmPolicy*, numFilterConditions, filterConditions*, keyModKey* opt, sd)
  FwpmIPsecTunnelAdd3: {
    parameters: ["pointer", "u32", "buffer", "buffer", "u32", "buffer", "buffer", "pointer"],
    result: DWORD,
  },
  FwpmIPsecTunnelDeleteByKey0: { parameters: ["pointer", "buffer"], result: DWORD },
  // Object security (engine, key*, SECURITY_INFORMATION, PSID* owner, PSID* group, PACL* dacl, PACL* sacl,
  // PSECURITY_DESCRIPTOR* sd): the four optional cells point into *sd, freed once with FwpmFreeMemory0.
  FwpmProviderGetSecurityInfoByKey0: {
    parameters: ["pointer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: DWORD,
  },
  FwpmSubLayerGetSecurityInfoByKey0: {
    parameters: ["pointer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: DWORD,
  },
  FwpmProviderContextGetSecurityInfoByKey0: {
    parameters: ["pointer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: DWORD,
  },
  FwpmFilterGetSecurityInfoByKey0: {
    parameters: ["pointer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: DWORD,
  },
  FwpmGetAppIdFromFileName0: { parameters: ["buffer", "buffer"], result: DWORD },

  // Manual SAs: (engine, outboundTraffic*, virtualIfTunnelInfo* opt, UINT64* inboundFilterId, UINT64* id)
  IPsecSaContextCreate1: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  IPsecSaContextGetSpi1: {
    parameters: ["pointer", "u64", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  // (engine, id, getSpi*, inboundSpi): the caller chooses the inbound SPI (manual SAs keyed on both hosts).
  IPsecSaContextSetSpi0: { parameters: ["pointer", "u64", "buffer", "u32"], result: DWORD, optional: true },
  IPsecSaContextAddInbound1: { parameters: ["pointer", "u64", "buffer"], result: DWORD, optional: true },
  IPsecSaContextAddOutbound1: { parameters: ["pointer", "u64", "buffer"], result: DWORD, optional: true },
  IPsecSaContextDeleteById0: { parameters: ["pointer", "u64"], result: DWORD, optional: true },
  IPsecSaContextCreateEnumHandle0: {
    parameters: ["pointer", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  IPsecSaContextEnum1: {
    parameters: ["pointer", "pointer", "u32", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  IPsecSaContextDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD, optional: true },
  // Monitoring (read side).
  IkeextSaCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD, optional: true },
  IkeextSaEnum2: {
    parameters: ["pointer", "pointer", "u32", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  IkeextSaDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD, optional: true },
  IkeextSaDeleteById0: { parameters: ["pointer", "u64"], result: DWORD, optional: true },
  IPsecSaCreateEnumHandle0: { parameters: ["pointer", "buffer", "buffer"], result: DWORD, optional: true },
  IPsecSaEnum1: {
    parameters: ["pointer", "pointer", "u32", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  IPsecSaDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD, optional: true },
  FwpmNetEventCreateEnumHandle0: {
    parameters: ["pointer", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  // FWPM_NET_EVENT1 pages: the IKE failure / IPsec drop payloads wfpsec decodes (monitor.ts).
  FwpmNetEventEnum1: {
    parameters: ["pointer", "pointer", "u32", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  FwpmNetEventEnum5: {
    parameters: ["pointer", "pointer", "u32", "buffer", "buffer"],
    result: DWORD,
    optional: true,
  },
  FwpmNetEventDestroyEnumHandle0: { parameters: ["pointer", "pointer"], result: DWORD, optional: true },
  // (engine, subscription*, FWPM_NET_EVENT_CALLBACK0, context, HANDLE* eventsHandle)
  FwpmNetEventSubscribe0: {
    parameters: ["pointer", "buffer", "function", "pointer", "buffer"],
    result: DWORD,
    optional: true,
  },
  // (engine, IPSEC_STATISTICS1* / IKEEXT_STATISTICS1* out): caller-allocated, nothing to free.
  IPsecGetStatistics1: { parameters: ["pointer", "buffer"], result: DWORD, optional: true },
  IkeextGetStatistics1: { parameters: ["pointer", "buffer"], result: DWORD, optional: true },
  // Nonblocking: it waits for a callback in progress, which waits for the JS thread (engine.ts).
  FwpmNetEventUnsubscribe0: {
    parameters: ["pointer", "pointer"],
    result: DWORD,
    nonblocking: true,
    optional: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** The loaded library's symbols. */
export type FwpSymbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
