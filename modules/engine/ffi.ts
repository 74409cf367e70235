/**
 * FfiEngine: the `Engine` interface over a loaded fwpuclnt (the real DLL on Windows, fwpsim elsewhere).
 *
 * Discipline kept here, once:
 * - every struct argument is marshalled into the engine's one arena, which stays referenced until the call
 *   returns (WFP copies its inputs);
 * - every pointer the engine returns is decoded (everything copied out) and then released with
 *   FwpmFreeMemory0 exactly once, in `finally`;
 * - every non-zero DWORD becomes a WfpError naming the function and the object.
 */
import { netEventCallback, subscriptionOf } from "./ffiSubscription.ts";
import { getSecurityInfo } from "./ffiSecurity.ts";
import type {
  Engine,
  EngineInfo,
  FilterTemplate,
  IkeextSaDetails2,
  IkeextStatistics1,
  IpsecSaBundle1,
  IpsecSaContext1,
  IpsecSaDetails1,
  IpsecStatistics1,
  IpsecTraffic1,
  NetEvent1,
  NetEventOps,
  NetEventSubscription,
  NetEventWindow,
  ProviderContextTemplate,
  SaContextOps,
  StatisticsOps,
  SublayerTemplate,
} from "./port.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "../graph/mod.ts";
import { ENUMS, ERRORS, FLAGS, LAYERS, MISC } from "../../ffi/constants.ts";
import { Arena, decodeAt, decodeBlobAt, decodePointerArray } from "../../ffi/codec.ts";
import { layoutOf } from "../../ffi/structs.ts";
import { check, WfpError, WfpInputError, WfpUsageError } from "../../ffi/errors.ts";
import type { ObjectRef } from "../../ffi/wfpsecError.ts";
import { guidToBytes, isGuid } from "../../ffi/guid.ts";
import { type LoadedLibrary, loadLibrary } from "../../ffi/library.ts";
import type { FwpSymbols } from "../../ffi/symbols.ts";
import type { FWPM_FILTER0, FWPM_FILTER_CONDITION0, StructMap, StructName } from "../../ffi/structs.gen.ts";
import { WFPSEC_OBJECT_SD } from "../../ffi/sddl.ts";

/** Options of `openEngine`. */
export interface OpenEngineOptions {
  /** Load fwpsim instead of the Windows DLL (required off Windows). */
  simulator?: boolean;
  /** FWPM_SESSION_FLAG_DYNAMIC: everything this session adds vanishes when it closes. */
  dynamic?: boolean;
  /** Session display name (default "wfpsec"). */
  sessionName?: string;
  /** Explicit library path (overrides the default choice). */
  library?: string;
  /** FWPM_SESSION0.txnWaitTimeoutInMSec (0 = engine default). */
  txnWaitTimeoutInMSec?: number;
}

/** Entries requested per Fwpm*Enum* call. */
export const DEFAULT_PAGE_SIZE = 1000;

const E = (name: string) => ERRORS[name].code;
const NOT_FOUND = {
  provider: E("FWP_E_PROVIDER_NOT_FOUND"),
  sublayer: E("FWP_E_SUBLAYER_NOT_FOUND"),
  providerContext: E("FWP_E_PROVIDER_CONTEXT_NOT_FOUND"),
  filter: E("FWP_E_FILTER_NOT_FOUND"),
};
const ANY_ACTION = 0xffffffff;
const INCLUDE_DISABLED = FLAGS.FWP_FILTER_ENUM_FLAG.FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED;
/** The `sd` argument of every Add: wfpsec's object DACL (ffi/sddl.ts; the buffer lives as long as the module). */
const OBJECT_SD = Deno.UnsafePointer.of(WFPSEC_OBJECT_SD);
export type { SecuredKind } from "./ffiSecurity.ts";
import type { SecuredKind } from "./ffiSecurity.ts";

type EnumKind = "Provider" | "SubLayer" | "ProviderContext" | "Filter";

function keyBytes(key: Guid, what: string): Uint8Array<ArrayBuffer> {
  if (!isGuid(key)) throw new WfpInputError(`${what} key`, "a GUID string", key);
  return guidToBytes(key) as Uint8Array<ArrayBuffer>;
}

/** An open session on a Base Filtering Engine (or fwpsim). */
export class FfiEngine implements Engine {
  readonly info: EngineInfo;
  /** The loaded library (for simHooks). */
  readonly library: LoadedLibrary;
  private readonly s: FwpSymbols;
  private handle: Deno.PointerObject | null;
  private readonly arena = new Arena();
  private readonly idCell = new BigUint64Array(1);
  private inTransaction = false;

  constructor(opts: OpenEngineOptions = {}) {
    this.library = loadLibrary({ simulator: opts.simulator, library: opts.library });
    this.s = this.library.symbols;
    const sim = this.library.kind === "fwpsim";
    this.info = {
      kind: sim ? "fwpsim" : "windows",
      simulated: sim,
      source: this.library.path,
      description: sim
        ? `fwpsim (simulator, not Windows) at ${this.library.path}`
        : `Windows Base Filtering Engine via ${this.library.path}`,
    };
    const off = this.arena.encode("FWPM_SESSION0", {
      displayData: { name: opts.sessionName ?? "wfpsec", description: "wfpsec IPsec policy session" },
      flags: opts.dynamic ? FLAGS.FWPM_SESSION_FLAG.FWPM_SESSION_FLAG_DYNAMIC : 0,
      txnWaitTimeoutInMSec: opts.txnWaitTimeoutInMSec ?? 0,
      processId: 0,
      kernelMode: 0,
    });
    const cell = new BigUint64Array(1);
    const rc = this.s.FwpmEngineOpen0(null, MISC.RPC_C_AUTHN_WINNT, null, this.arena.view(off), cell);
    check("FwpmEngineOpen0", rc, { kind: "session", name: opts.sessionName ?? "wfpsec" });
    this.handle = Deno.UnsafePointer.create(cell[0]);
  }

  private h(): Deno.PointerObject {
    if (!this.handle) throw new WfpUsageError("the engine session is closed");
    return this.handle;
  }

  // ---- sessions and transactions ----

  /** Closes the session (a dynamic session's objects vanish; an open transaction is aborted). Idempotent. */
  close(): void {
    if (!this.handle) return;
    const h = this.handle;
    this.handle = null;
    check("FwpmEngineClose0", this.s.FwpmEngineClose0(h), { kind: "session" });
  }

  /** Runs `fn` in one explicit transaction: commit when it returns, abort when it throws (then rethrow). */
  transaction<T>(fn: () => T, options: { readOnly?: boolean } = {}): T {
    if (this.inTransaction) {
      throw new WfpUsageError(
        "transaction() called inside a transaction: WFP allows one transaction per session, so nesting is not supported",
      );
    }
    const h = this.h();
    const flags = options.readOnly ? FLAGS.FWPM_TXN_FLAG.FWPM_TXN_READ_ONLY : 0;
    check("FwpmTransactionBegin0", this.s.FwpmTransactionBegin0(h, flags), { kind: "transaction" });
    this.inTransaction = true;
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) {
        throw new WfpUsageError("transaction(fn): fn must be synchronous (the engine API is synchronous)");
      }
    } catch (e) {
      this.inTransaction = false;
      // The original failure is what matters; an abort failure (e.g. the session died) is secondary.
      if (this.handle) this.s.FwpmTransactionAbort0(this.handle);
      throw e;
    }
    this.inTransaction = false;
    const rc = this.s.FwpmTransactionCommit0(h);
    if (rc !== 0) {
      this.s.FwpmTransactionAbort0(h);
      throw new WfpError("FwpmTransactionCommit0", rc, { kind: "transaction" });
    }
    return result;
  }

  // ---- helpers for get / enum ----

  private getOne<K extends StructName>(
    op: string,
    struct: K,
    call: (out: BigUint64Array) => number,
    notFound: number,
    obj: ObjectRef,
  ): StructMap[K] | undefined {
    const cell = new BigUint64Array(1);
    let rc = 0;
    try {
      rc = call(cell);
      if (rc === notFound) return undefined;
      check(op, rc, obj);
      return decodeAt(struct, cell[0]);
    } finally {
      if (cell[0] !== 0n) this.s.FwpmFreeMemory0(cell);
    }
  }

  /** Pages of decoded objects from a Fwpm*Enum* handle; the handle is destroyed even if iteration stops. */
  private *pages<K extends StructName, TK extends StructName>(
    kind: EnumKind,
    struct: K,
    templateStruct: TK | null,
    template: StructMap[TK] | undefined,
    pageSize: number,
  ): Generator<StructMap[K][]> {
    const h = this.h();
    const s = this.s;
    const create = {
      Provider: s.FwpmProviderCreateEnumHandle0,
      SubLayer: s.FwpmSubLayerCreateEnumHandle0,
      ProviderContext: s.FwpmProviderContextCreateEnumHandle0,
      Filter: s.FwpmFilterCreateEnumHandle0,
    }[kind];
    const next = {
      Provider: s.FwpmProviderEnum0,
      SubLayer: s.FwpmSubLayerEnum0,
      ProviderContext: s.FwpmProviderContextEnum3,
      Filter: s.FwpmFilterEnum0,
    }[kind];
    const destroy = {
      Provider: s.FwpmProviderDestroyEnumHandle0,
      SubLayer: s.FwpmSubLayerDestroyEnumHandle0,
      ProviderContext: s.FwpmProviderContextDestroyEnumHandle0,
      Filter: s.FwpmFilterDestroyEnumHandle0,
    }[kind];
    const enumName = kind === "ProviderContext" ? "FwpmProviderContextEnum3" : `Fwpm${kind}Enum0`;
    const tpl = templateStruct && template !== undefined
      ? this.arena.view(this.arena.encode(templateStruct, template))
      : null;
    const hcell = new BigUint64Array(1);
    check(`Fwpm${kind}CreateEnumHandle0`, create(h, tpl, hcell), { kind: "enum" });
    const enumHandle = Deno.UnsafePointer.create(hcell[0]);
    try {
      const entries = new BigUint64Array(1);
      const count = new Uint32Array(1);
      for (;;) {
        entries[0] = 0n;
        count[0] = 0;
        let page: StructMap[K][];
        try {
          check(enumName, next(h, enumHandle, pageSize, entries, count), { kind: "enum" });
          page = decodePointerArray(struct, entries[0], count[0]);
        } finally {
          if (entries[0] !== 0n) s.FwpmFreeMemory0(entries);
        }
        if (page.length) yield page;
        if (count[0] < pageSize) return;
      }
    } finally {
      destroy(h, enumHandle);
    }
  }

  private collect<T>(it: Generator<T[]>): T[] {
    const out: T[] = [];
    for (const page of it) for (const x of page) out.push(x);
    return out;
  }

  // ---- providers ----

  addProvider(provider: Provider): void {
    const obj = { kind: "provider", key: provider.providerKey, name: provider.displayData?.name };
    const off = this.arena.encode("FWPM_PROVIDER0", provider);
    check("FwpmProviderAdd0", this.s.FwpmProviderAdd0(this.h(), this.arena.view(off), OBJECT_SD), obj);
  }

  getProvider(key: Guid): Provider | undefined {
    const k = keyBytes(key, "provider");
    return this.getOne(
      "FwpmProviderGetByKey0",
      "FWPM_PROVIDER0",
      (out) => this.s.FwpmProviderGetByKey0(this.h(), k, out),
      NOT_FOUND.provider,
      { kind: "provider", key },
    );
  }

  enumProviders(pageSize = DEFAULT_PAGE_SIZE): Provider[] {
    return this.collect(this.pages("Provider", "FWPM_PROVIDER0", null, undefined, pageSize));
  }

  deleteProvider(key: Guid): void {
    const k = keyBytes(key, "provider");
    check("FwpmProviderDeleteByKey0", this.s.FwpmProviderDeleteByKey0(this.h(), k), {
      kind: "provider",
      key,
    });
  }

  // ---- sublayers ----

  addSublayer(sublayer: Sublayer): void {
    const obj = { kind: "sublayer", key: sublayer.subLayerKey, name: sublayer.displayData?.name };
    const off = this.arena.encode("FWPM_SUBLAYER0", sublayer);
    check("FwpmSubLayerAdd0", this.s.FwpmSubLayerAdd0(this.h(), this.arena.view(off), OBJECT_SD), obj);
  }

  getSublayer(key: Guid): Sublayer | undefined {
    const k = keyBytes(key, "sublayer");
    return this.getOne(
      "FwpmSubLayerGetByKey0",
      "FWPM_SUBLAYER0",
      (out) => this.s.FwpmSubLayerGetByKey0(this.h(), k, out),
      NOT_FOUND.sublayer,
      { kind: "sublayer", key },
    );
  }

  enumSublayers(template?: SublayerTemplate, pageSize = DEFAULT_PAGE_SIZE): Sublayer[] {
    const tpl = template?.providerKey ? { providerKey: template.providerKey } : undefined;
    return this.collect(
      this.pages("SubLayer", "FWPM_SUBLAYER0", "FWPM_SUBLAYER_ENUM_TEMPLATE0", tpl, pageSize),
    );
  }

  deleteSublayer(key: Guid): void {
    const k = keyBytes(key, "sublayer");
    check("FwpmSubLayerDeleteByKey0", this.s.FwpmSubLayerDeleteByKey0(this.h(), k), {
      kind: "sublayer",
      key,
    });
  }

  // ---- provider contexts ----

  addProviderContext(context: ProviderContext): bigint {
    const obj = { kind: "providerContext", key: context.providerContextKey, name: context.displayData?.name };
    const off = this.arena.encode("FWPM_PROVIDER_CONTEXT3", context);
    const id = this.idCell;
    id[0] = 0n;
    check(
      "FwpmProviderContextAdd3",
      this.s.FwpmProviderContextAdd3(this.h(), this.arena.view(off), OBJECT_SD, id),
      obj,
    );
    return id[0];
  }

  getProviderContext(key: Guid): ProviderContext | undefined {
    const k = keyBytes(key, "provider context");
    return this.getOne(
      "FwpmProviderContextGetByKey3",
      "FWPM_PROVIDER_CONTEXT3",
      (out) => this.s.FwpmProviderContextGetByKey3(this.h(), k, out),
      NOT_FOUND.providerContext,
      { kind: "providerContext", key },
    );
  }

  /**
   * Provider contexts, optionally of one provider and/or type. The engine template needs a concrete type,
   * so without one the enumeration is unfiltered and the provider is matched here.
   */
  enumProviderContexts(template?: ProviderContextTemplate, pageSize = DEFAULT_PAGE_SIZE): ProviderContext[] {
    const S = "FWPM_PROVIDER_CONTEXT3";
    if (template?.providerContextType !== undefined) {
      const tpl = { providerKey: template.providerKey, providerContextType: template.providerContextType };
      return this.collect(
        this.pages(
          "ProviderContext",
          S,
          "FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0",
          tpl,
          pageSize,
        ),
      );
    }
    const all = this.collect(this.pages("ProviderContext", S, null, undefined, pageSize));
    const pk = template?.providerKey?.toLowerCase();
    return pk ? all.filter((c) => c.providerKey === pk) : all;
  }

  deleteProviderContext(key: Guid): void {
    const k = keyBytes(key, "provider context");
    check("FwpmProviderContextDeleteByKey0", this.s.FwpmProviderContextDeleteByKey0(this.h(), k), {
      kind: "providerContext",
      key,
    });
  }

  // ---- filters ----

  addFilter(filter: Filter): bigint {
    // Apply resolves a compiled graph's application ids first; one left unresolved ({ type: "appPath" }) is
    // refused by the codec (FWP_CONDITION_VALUE0.type must be a UINT32), so the engine never sees it.
    const off = this.arena.encode("FWPM_FILTER0", filter as FWPM_FILTER0);
    const id = this.idCell;
    id[0] = 0n;
    const rc = this.s.FwpmFilterAdd0(this.h(), this.arena.view(off), OBJECT_SD, id);
    if (rc !== 0) {
      throw new WfpError("FwpmFilterAdd0", rc, {
        kind: "filter",
        key: filter.filterKey,
        name: filter.displayData?.name,
      });
    }
    return id[0];
  }

  getFilter(key: Guid): Filter | undefined {
    const k = keyBytes(key, "filter");
    return this.getOne(
      "FwpmFilterGetByKey0",
      "FWPM_FILTER0",
      (out) => this.s.FwpmFilterGetByKey0(this.h(), k, out),
      NOT_FOUND.filter,
      { kind: "filter", key },
    );
  }

  getFilterById(id: bigint): Filter | undefined {
    return this.getOne(
      "FwpmFilterGetById0",
      "FWPM_FILTER0",
      (out) => this.s.FwpmFilterGetById0(this.h(), id, out),
      NOT_FOUND.filter,
      { kind: "filter", id },
    );
  }

  /**
   * Pages of filters matching `template` (by provider and/or layer), `pageSize` per engine call. Always with
   * FWP_FILTER_ENUM_FLAG_INCLUDE_DISABLED: BFE leaves the filters it disabled at start out of an enumeration
   * without it, and wfpsec must see them to report them (FWPM_FILTER_ENUM_TEMPLATE0; a NULL template's
   * "all filters" is not trusted to include them: docs/windows-verification.md P2).
   */
  *filterPages(template?: FilterTemplate, pageSize = DEFAULT_PAGE_SIZE): Generator<Filter[]> {
    const tpl = (layerKey?: Guid) => ({
      providerKey: template?.providerKey,
      layerKey,
      enumType: ENUMS.FWP_FILTER_ENUM_TYPE.FWP_FILTER_ENUM_OVERLAPPING,
      flags: INCLUDE_DISABLED,
      filterCondition: [],
      actionMask: ANY_ACTION,
    });
    try {
      yield* this.pages(
        "Filter",
        "FWPM_FILTER0",
        "FWPM_FILTER_ENUM_TEMPLATE0",
        tpl(template?.layerKey),
        pageSize,
      );
    } catch (e) {
      // Whether BFE accepts a template without a layer (zero layerKey) is undocumented; if it refuses it
      // before any page was produced, enumerate layer by layer (layers this host lacks are skipped).
      if (!(e instanceof WfpError && e.errorName === "FWP_E_LAYER_NOT_FOUND" && !template?.layerKey)) throw e;
      if (e.operation !== "FwpmFilterCreateEnumHandle0") throw e;
      for (const layer of Object.values(LAYERS)) {
        try {
          yield* this.pages(
            "Filter",
            "FWPM_FILTER0",
            "FWPM_FILTER_ENUM_TEMPLATE0",
            tpl(layer),
            pageSize,
          );
        } catch (le) {
          if (!(le instanceof WfpError && le.errorName === "FWP_E_LAYER_NOT_FOUND")) throw le;
        }
      }
    }
  }

  enumFilters(template?: FilterTemplate, pageSize = DEFAULT_PAGE_SIZE): Filter[] {
    return this.collect(this.filterPages(template, pageSize));
  }

  deleteFilter(key: Guid): void {
    const k = keyBytes(key, "filter");
    check("FwpmFilterDeleteByKey0", this.s.FwpmFilterDeleteByKey0(this.h(), k), { kind: "filter", key });
  }

  deleteFilterById(id: bigint): void {
    if (typeof id !== "bigint") throw new WfpInputError("filterId", "a bigint", id);
    check("FwpmFilterDeleteById0", this.s.FwpmFilterDeleteById0(this.h(), id), { kind: "filter", id });
  }

  // ---- tunnels ----

  addTunnel(tunnel: Tunnel): void {
    const a = this.arena;
    const at = a.encodeWith((ar) => ({
      mm: tunnel.mainModePolicy ? ar.put("FWPM_PROVIDER_CONTEXT3", tunnel.mainModePolicy) : -1,
      qm: ar.put("FWPM_PROVIDER_CONTEXT3", tunnel.tunnelPolicy),
      conds: tunnel.filterConditions.length
        ? ar.putArray("FWPM_FILTER_CONDITION0", tunnel.filterConditions as FWPM_FILTER_CONDITION0[])
        : -1,
      keyMod: tunnel.keyModKey ? ar.putGuid(tunnel.keyModKey, "Tunnel.keyModKey") : -1,
    }));
    const v = (off: number) => (off < 0 ? null : a.view(off));
    const rc = this.s.FwpmIPsecTunnelAdd3(
      this.h(),
      tunnel.flags >>> 0,
      v(at.mm),
      v(at.qm),
      tunnel.filterConditions.length,
      v(at.conds),
      v(at.keyMod),
      OBJECT_SD,
    );
    check("FwpmIPsecTunnelAdd3", rc, {
      kind: "tunnel",
      key: tunnel.tunnelPolicy.providerContextKey,
      name: tunnel.tunnelPolicy.displayData?.name,
    });
  }

  deleteTunnel(tunnelPolicyKey: Guid): void {
    const k = keyBytes(tunnelPolicyKey, "tunnel");
    check("FwpmIPsecTunnelDeleteByKey0", this.s.FwpmIPsecTunnelDeleteByKey0(this.h(), k), {
      kind: "tunnel",
      key: tunnelPolicyKey,
    });
  }

  // ---- manual SA contexts and SA enumeration (never inside a transaction) ----

  /** The SA operations, when the library exports them (every fwpuclnt does; a partial simulator may not). */
  get sa(): SaContextOps | undefined {
    return this.s.IPsecSaContextCreate1 && this.s.IPsecSaContextEnum1 && this.s.IPsecSaEnum1
      ? this
      : undefined;
  }

  private saFn<K extends keyof FwpSymbols>(name: K, mutating = true): NonNullable<FwpSymbols[K]> {
    const fn = this.s[name];
    if (!fn) throw new WfpUsageError(`${String(name)} is not exported by ${this.library.path}`);
    if (mutating && this.inTransaction) {
      // The engine would refuse with FWP_E_TXN_IN_PROGRESS; say why before the call.
      throw new WfpUsageError(`${String(name)} cannot run inside a transaction`);
    }
    return fn as NonNullable<FwpSymbols[K]>;
  }

  createSaContext(outboundTraffic: IpsecTraffic1, inboundFilterId?: bigint): bigint {
    const fn = this.saFn("IPsecSaContextCreate1");
    const a = this.arena;
    const off = a.encode("IPSEC_TRAFFIC1", outboundTraffic);
    const inCell = inboundFilterId === undefined ? null : new BigUint64Array([inboundFilterId]);
    const id = new BigUint64Array(1);
    check("IPsecSaContextCreate1", fn(this.h(), a.view(off), null, inCell, id), { kind: "saContext" });
    return id[0];
  }

  getSaContextSpi(id: bigint, inboundTraffic: IpsecTraffic1): number {
    const fn = this.saFn("IPsecSaContextGetSpi1");
    const a = this.arena;
    const off = a.encode("IPSEC_GETSPI1", {
      inboundIpsecTraffic: inboundTraffic,
      ipVersion: inboundTraffic.ipVersion,
    });
    const spi = new Uint32Array(1);
    check("IPsecSaContextGetSpi1", fn(this.h(), id, a.view(off), spi), { kind: "saContext", id });
    return spi[0];
  }

  setSaContextSpi(id: bigint, inboundTraffic: IpsecTraffic1, spi: number): void {
    const fn = this.saFn("IPsecSaContextSetSpi0");
    const a = this.arena;
    const off = a.encode("IPSEC_GETSPI1", {
      inboundIpsecTraffic: inboundTraffic,
      ipVersion: inboundTraffic.ipVersion,
    });
    check("IPsecSaContextSetSpi0", fn(this.h(), id, a.view(off), spi >>> 0), { kind: "saContext", id });
  }

  addSaContextInbound(id: bigint, bundle: IpsecSaBundle1): void {
    this.addBundle("IPsecSaContextAddInbound1", id, bundle);
  }

  addSaContextOutbound(id: bigint, bundle: IpsecSaBundle1): void {
    this.addBundle("IPsecSaContextAddOutbound1", id, bundle);
  }

  private addBundle(
    name: "IPsecSaContextAddInbound1" | "IPsecSaContextAddOutbound1",
    id: bigint,
    bundle: IpsecSaBundle1,
  ): void {
    const fn = this.saFn(name);
    const a = this.arena;
    try {
      const off = a.encode("IPSEC_SA_BUNDLE1", bundle);
      check(name, fn(this.h(), id, a.view(off)), { kind: "saContext", id });
    } finally {
      // The bundle held key material: do not leave it in the arena until the next encode.
      a.reset();
    }
  }

  deleteSaContext(id: bigint): void {
    const fn = this.saFn("IPsecSaContextDeleteById0");
    check("IPsecSaContextDeleteById0", fn(this.h(), id), { kind: "saContext", id });
  }

  deleteIkeSa(id: bigint): void {
    const fn = this.saFn("IkeextSaDeleteById0");
    check("IkeextSaDeleteById0", fn(this.h(), id), { kind: "ikeSa", id });
  }

  enumSaContexts(pageSize = DEFAULT_PAGE_SIZE): IpsecSaContext1[] {
    return this.saEnum("IPsecSaContext", "IPSEC_SA_CONTEXT1", pageSize);
  }

  enumIpsecSas(pageSize = DEFAULT_PAGE_SIZE): IpsecSaDetails1[] {
    return this.saEnum("IPsecSa", "IPSEC_SA_DETAILS1", pageSize);
  }

  enumIkeSas(pageSize = DEFAULT_PAGE_SIZE): IkeextSaDetails2[] {
    return this.saEnum("IkeextSa", "IKEEXT_SA_DETAILS2", pageSize);
  }

  /** Create handle (no template) -> pages -> destroy, for the IPsec SA, SA context and IKE SA enumerations. */
  private saEnum<K extends "IPSEC_SA_CONTEXT1" | "IPSEC_SA_DETAILS1" | "IKEEXT_SA_DETAILS2">(
    family: "IPsecSaContext" | "IPsecSa" | "IkeextSa",
    struct: K,
    pageSize: number,
  ): StructMap[K][] {
    const create = this.saFn(`${family}CreateEnumHandle0`, false);
    const enumName = ({
      IPsecSa: "IPsecSaEnum1",
      IkeextSa: "IkeextSaEnum2",
      IPsecSaContext: "IPsecSaContextEnum1",
    } as const)[family];
    const next = this.saFn(enumName, false);
    const destroy = this.saFn(`${family}DestroyEnumHandle0`, false);
    const h = this.h();
    const hcell = new BigUint64Array(1);
    check(`${family}CreateEnumHandle0`, create(h, null, hcell), { kind: "enum" });
    const eh = Deno.UnsafePointer.create(hcell[0]);
    const out: StructMap[K][] = [];
    try {
      const entries = new BigUint64Array(1);
      const count = new Uint32Array(1);
      for (;;) {
        entries[0] = 0n;
        count[0] = 0;
        try {
          check(enumName, next(h, eh, pageSize, entries, count), { kind: "enum" });
          for (const x of decodePointerArray(struct, entries[0], count[0])) out.push(x);
        } finally {
          if (entries[0] !== 0n) this.s.FwpmFreeMemory0(entries);
        }
        if (count[0] < pageSize) return out;
      }
    } finally {
      destroy(h, eh);
    }
  }

  // ---- net events ----

  /** Net-event enumeration, when the library exports FwpmNetEventEnum1 (every fwpuclnt since Windows 7). */
  get netEvents(): NetEventOps | undefined {
    return this.s.FwpmNetEventCreateEnumHandle0 && this.s.FwpmNetEventEnum1 &&
        this.s.FwpmNetEventDestroyEnumHandle0
      ? this
      : undefined;
  }

  /**
   * FWPM_NET_EVENT1 entries whose timeStamp lies in `window` (inclusive; an open end is unbounded). Each page
   * is decoded, then freed with FwpmFreeMemory0; the enum handle is destroyed whatever happens.
   */
  enumNetEvents(window: NetEventWindow = {}, pageSize = DEFAULT_PAGE_SIZE): NetEvent1[] {
    const create = this.saFn("FwpmNetEventCreateEnumHandle0", false);
    const next = this.saFn("FwpmNetEventEnum1", false);
    const destroy = this.saFn("FwpmNetEventDestroyEnumHandle0", false);
    const h = this.h();
    const a = this.arena;
    // FILETIME is a signed 64-bit quantity on Windows: the largest valid value stands for "no end".
    const off = a.encode("FWPM_NET_EVENT_ENUM_TEMPLATE0", {
      startTime: window.startTime ?? { dwLowDateTime: 0, dwHighDateTime: 0 },
      endTime: window.endTime ?? { dwLowDateTime: 0xffffffff, dwHighDateTime: 0x7fffffff },
      filterCondition: [],
    });
    const hcell = new BigUint64Array(1);
    check("FwpmNetEventCreateEnumHandle0", create(h, a.view(off), hcell), { kind: "enum" });
    const eh = Deno.UnsafePointer.create(hcell[0]);
    const out: NetEvent1[] = [];
    try {
      const entries = new BigUint64Array(1);
      const count = new Uint32Array(1);
      for (;;) {
        entries[0] = 0n;
        count[0] = 0;
        try {
          check("FwpmNetEventEnum1", next(h, eh, pageSize, entries, count), { kind: "enum" });
          for (const x of decodePointerArray("FWPM_NET_EVENT1", entries[0], count[0])) out.push(x);
        } finally {
          if (entries[0] !== 0n) this.s.FwpmFreeMemory0(entries);
        }
        if (count[0] < pageSize) return out;
      }
    } finally {
      destroy(h, eh);
    }
  }

  /**
   * FwpmNetEventSubscribe0 with a thread-safe Deno.UnsafeCallback: BFE (and fwpsim) call it on a thread of
   * their own, and Deno runs it on the JS thread while that thread waits, so the event pointer is valid
   * while it is decoded here. The callback stays referenced (and keeps the process alive) until
   * `unsubscribe` has returned; it is closed only then, when no call can come any more.
   */
  subscribeNetEvents(onEvent: (event: NetEvent1) => void): NetEventSubscription {
    const subscribe = this.saFn("FwpmNetEventSubscribe0");
    const unsubscribe = this.saFn("FwpmNetEventUnsubscribe0", false);
    const h = this.h();
    const a = this.arena;
    // No template: every event (FWPM_NET_EVENT_SUBSCRIPTION0.enumTemplate NULL matches all).
    const off = a.encode("FWPM_NET_EVENT_SUBSCRIPTION0", { flags: 0 });
    const callback = netEventCallback(onEvent);
    const cell = new BigUint64Array(1);
    const rc = subscribe(h, a.view(off), callback.pointer, null, cell);
    if (rc !== 0) {
      callback.close();
      throw new WfpError("FwpmNetEventSubscribe0", rc, { kind: "subscription" });
    }
    return subscriptionOf(unsubscribe, h, Deno.UnsafePointer.create(cell[0]), callback);
  }

  // ---- statistics ----

  /** IPsecGetStatistics1 and IkeextGetStatistics1, when the library exports them (every fwpuclnt since 7). */
  get statistics(): StatisticsOps | undefined {
    return this.s.IPsecGetStatistics1 && this.s.IkeextGetStatistics1 ? this : undefined;
  }

  /** The caller-allocated statistics struct, filled by `call` and decoded while `buf` is still referenced. */
  private stats<K extends StructName>(
    name: "IPsecGetStatistics1" | "IkeextGetStatistics1",
    struct: K,
  ): StructMap[K] {
    const fn = this.saFn(name, false);
    const buf = new Uint8Array(layoutOf(struct).size);
    check(name, fn(this.h(), buf), { kind: "statistics" });
    return decodeAt(struct, BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf))));
  }

  ipsecStatistics(): IpsecStatistics1 {
    return this.stats("IPsecGetStatistics1", "IPSEC_STATISTICS1");
  }

  ikeextStatistics(): IkeextStatistics1 {
    return this.stats("IkeextGetStatistics1", "IKEEXT_STATISTICS1");
  }

  // ---- app ids ----

  /**
   * The object's security descriptor (self-relative bytes) as Fwpm*GetSecurityInfoByKey0 returns it, with
   * the parts `securityInfo` asks for (default owner, group and DACL); undefined when the object is absent.
   */
  securityDescriptor(
    kind: SecuredKind,
    key: Guid,
    securityInfo: number = FLAGS.SECURITY_INFORMATION.OWNER_SECURITY_INFORMATION |
      FLAGS.SECURITY_INFORMATION.GROUP_SECURITY_INFORMATION |
      FLAGS.SECURITY_INFORMATION.DACL_SECURITY_INFORMATION,
  ): Uint8Array | undefined {
    return getSecurityInfo(this.s, this.h(), kind, key, keyBytes(key, kind), securityInfo, NOT_FOUND[kind]);
  }

  appIdFromFileName(path: string): Uint8Array {
    if (typeof path !== "string" || path.length === 0) {
      throw new WfpInputError("appId path", "a file path", path);
    }
    const a = this.arena;
    const off = a.encodeWith((ar) => ar.putWstr(path));
    const cell = new BigUint64Array(1);
    try {
      check("FwpmGetAppIdFromFileName0", this.s.FwpmGetAppIdFromFileName0(a.view(off), cell), {
        kind: "appId",
        name: path,
      });
      return decodeBlobAt(cell[0]);
    } finally {
      if (cell[0] !== 0n) this.s.FwpmFreeMemory0(cell);
    }
  }
}

/** Opens a session on the engine: fwpuclnt.dll on Windows, fwpsim when `simulator` is set. */
export function openEngine(opts: OpenEngineOptions = {}): FfiEngine {
  return new FfiEngine(opts);
}
