/**
 * The Engine interface: every operation wfpsec needs from the Base Filtering Engine.
 *
 * Implementations: the FFI engine over a loaded `fwpuclnt` (the real DLL on Windows, fwpsim's shared library
 * on Linux, fwpsim's DLL under Wine) and the read-only snapshot engine (netsh XML dump or wfpsec JSON).
 * Nothing above this interface knows which one it has, except to say so in output (`info`).
 */
import type { Filter, FilterCondition, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "./graph.ts";

/** What engine is behind the interface; printed so simulator output is never mistaken for Windows. */
export interface EngineInfo {
  /** `windows`: real BFE; `fwpsim`: the test double; `snapshot`: an offline dump (read-only). */
  kind: "windows" | "fwpsim" | "snapshot";
  /** True for anything that is not a live Windows engine. */
  simulated: boolean;
  /** Library path or snapshot file. */
  source: string;
  /** One human sentence, e.g. "fwpsim (simulator, not Windows) at ./build/libfwpsim.so". */
  description: string;
}

/** Filter enumeration template (FWPM_FILTER_ENUM_TEMPLATE0 subset). */
export interface FilterTemplate {
  providerKey?: Guid;
  layerKey?: Guid;
}

/** Provider-context enumeration template (FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 subset). */
export interface ProviderContextTemplate {
  providerKey?: Guid;
  providerContextType?: number;
}

/** Sublayer enumeration template (FWPM_SUBLAYER_ENUM_TEMPLATE0). */
export interface SublayerTemplate {
  providerKey?: Guid;
}

/** Operations shared by live and snapshot engines. All calls are synchronous, like the C API. */
export interface Engine {
  readonly info: EngineInfo;

  /** Runs `fn` in one explicit transaction: commit when it returns, abort when it throws (and rethrow). */
  transaction<T>(fn: () => T, options?: { readOnly?: boolean }): T;

  addProvider(provider: Provider): void;
  getProvider(key: Guid): Provider | undefined;
  enumProviders(): Provider[];
  deleteProvider(key: Guid): void;

  addSublayer(sublayer: Sublayer): void;
  getSublayer(key: Guid): Sublayer | undefined;
  enumSublayers(template?: SublayerTemplate): Sublayer[];
  deleteSublayer(key: Guid): void;

  /** Returns the engine-assigned providerContextId. */
  addProviderContext(context: ProviderContext): bigint;
  getProviderContext(key: Guid): ProviderContext | undefined;
  enumProviderContexts(template?: ProviderContextTemplate): ProviderContext[];
  deleteProviderContext(key: Guid): void;

  /** Returns the engine-assigned filterId. */
  addFilter(filter: Filter): bigint;
  getFilter(key: Guid): Filter | undefined;
  enumFilters(template?: FilterTemplate): Filter[];
  deleteFilter(key: Guid): void;
  deleteFilterById(id: bigint): void;

  /** FwpmIPsecTunnelAdd3; the tunnel is identified by its tunnel policy's providerContextKey. */
  addTunnel(tunnel: Tunnel): void;
  deleteTunnel(tunnelPolicyKey: Guid): void;

  /** FwpmGetAppIdFromFileName0: the engine's app id blob for a program path. */
  appIdFromFileName(path: string): Uint8Array;

  /** Closes the session (a dynamic session's objects vanish). Idempotent. */
  close(): void;
}

/** A filter condition list type re-export, for implementers. */
export type { FilterCondition };
