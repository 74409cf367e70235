/**
 * An in-memory Engine for planner/apply unit tests: unique keys, referential integrity (unknown provider,
 * sublayer or context; deleting what is in use), one transaction that commits or rolls back, a mutation
 * counter and fault injection at the n-th mutating call. Error codes are the real FWP_E_* values.
 */
import type {
  Engine,
  EngineInfo,
  FilterTemplate,
  ProviderContextTemplate,
  SublayerTemplate,
} from "../../modules/engine/port.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer, Tunnel } from "../../modules/graph/graph.ts";
import { ERRORS } from "../../ffi/constants.ts";
import { WfpError } from "../../ffi/errors.ts";

interface State {
  providers: Map<Guid, Provider>;
  sublayers: Map<Guid, Sublayer>;
  contexts: Map<Guid, ProviderContext>;
  filters: Map<Guid, Filter>;
  tunnels: Map<Guid, Tunnel>;
  nextId: bigint;
}

// The FFI engine's own error class, so apply sees what it sees from fwpuclnt.
const err = (name: string, what: string) => new WfpError(what, ERRORS[name].code);
const clone = <T>(x: T): T => structuredClone(x);

export class FakeEngine implements Engine {
  readonly info: EngineInfo = {
    kind: "memory",
    simulated: true,
    source: "memory",
    description: "in-memory fake engine (unit tests)",
  };
  state: State = {
    providers: new Map(),
    sublayers: new Map(),
    contexts: new Map(),
    filters: new Map(),
    tunnels: new Map(),
    nextId: 1n,
  };
  mutations = 0;
  /** Every engine call by name, in order. */
  calls: string[] = [];
  private failAt = 0;
  private failCode = 0;
  private inTxn = false;

  /** The n-th mutating call from now fails with `code` (0 disables). */
  failNthMutation(n: number, code = ERRORS.FWP_E_ALREADY_EXISTS.code): void {
    this.failAt = n;
    this.failCode = code;
  }

  private mutate(name: string, fn: () => void): void {
    this.calls.push(name);
    if (this.failAt > 0 && --this.failAt === 0) throw new WfpError(`${name} (injected)`, this.failCode);
    fn();
    this.mutations++;
  }

  transaction<T>(fn: () => T): T {
    this.calls.push("transaction");
    if (this.inTxn) throw err("FWP_E_TXN_IN_PROGRESS", "transaction");
    const saved = {
      ...this.state,
      providers: new Map(this.state.providers),
      sublayers: new Map(this.state.sublayers),
      contexts: new Map(this.state.contexts),
      filters: new Map(this.state.filters),
      tunnels: new Map(this.state.tunnels),
    };
    const savedMut = this.mutations;
    this.inTxn = true;
    try {
      const r = fn();
      this.inTxn = false;
      return r;
    } catch (e) {
      this.inTxn = false;
      this.state = saved;
      this.mutations = savedMut;
      throw e;
    }
  }

  addProvider(p: Provider): void {
    this.mutate("addProvider", () => {
      if (this.state.providers.has(p.providerKey)) throw err("FWP_E_ALREADY_EXISTS", "provider");
      this.state.providers.set(p.providerKey, clone(p));
    });
  }
  getProvider(key: Guid) {
    const p = this.state.providers.get(key);
    return p && clone(p);
  }
  enumProviders() {
    return [...this.state.providers.values()].map(clone);
  }
  deleteProvider(key: Guid): void {
    this.mutate("deleteProvider", () => {
      if (!this.state.providers.has(key)) throw err("FWP_E_PROVIDER_NOT_FOUND", "provider");
      const used = [
        ...this.state.sublayers.values(),
        ...this.state.contexts.values(),
        ...this.state.filters.values(),
      ]
        .some((o) => o.providerKey === key);
      if (used) throw err("FWP_E_IN_USE", "provider");
      this.state.providers.delete(key);
    });
  }

  addSublayer(s: Sublayer): void {
    this.mutate("addSublayer", () => {
      if (this.state.sublayers.has(s.subLayerKey)) throw err("FWP_E_ALREADY_EXISTS", "sublayer");
      if (s.providerKey && !this.state.providers.has(s.providerKey)) {
        throw err("FWP_E_PROVIDER_NOT_FOUND", "sublayer");
      }
      this.state.sublayers.set(s.subLayerKey, clone(s));
    });
  }
  getSublayer(key: Guid) {
    const s = this.state.sublayers.get(key);
    return s && clone(s);
  }
  enumSublayers(t?: SublayerTemplate) {
    return [...this.state.sublayers.values()].filter((s) =>
      !t?.providerKey || s.providerKey === t.providerKey
    ).map(clone);
  }
  deleteSublayer(key: Guid): void {
    this.mutate("deleteSublayer", () => {
      if (!this.state.sublayers.has(key)) throw err("FWP_E_SUBLAYER_NOT_FOUND", "sublayer");
      if ([...this.state.filters.values()].some((f) => f.subLayerKey === key)) {
        throw err("FWP_E_IN_USE", "sublayer");
      }
      this.state.sublayers.delete(key);
    });
  }

  addProviderContext(c: ProviderContext): bigint {
    let id = 0n;
    this.mutate("addProviderContext", () => {
      if (this.state.contexts.has(c.providerContextKey)) throw err("FWP_E_ALREADY_EXISTS", "context");
      if (c.providerKey && !this.state.providers.has(c.providerKey)) {
        throw err("FWP_E_PROVIDER_NOT_FOUND", "context");
      }
      id = this.state.nextId++;
      this.state.contexts.set(c.providerContextKey, { ...clone(c), providerContextId: id });
    });
    return id;
  }
  getProviderContext(key: Guid) {
    const c = this.state.contexts.get(key);
    return c && clone(c);
  }
  enumProviderContexts(t?: ProviderContextTemplate) {
    return [...this.state.contexts.values()]
      .filter((c) =>
        (!t?.providerKey || c.providerKey === t.providerKey) &&
        (t?.providerContextType === undefined || c.type === t.providerContextType)
      )
      .map(clone);
  }
  deleteProviderContext(key: Guid): void {
    this.mutate("deleteProviderContext", () => {
      if (!this.state.contexts.has(key)) throw err("FWP_E_PROVIDER_CONTEXT_NOT_FOUND", "context");
      if ([...this.state.filters.values()].some((f) => f.providerContextKey === key)) {
        throw err("FWP_E_IN_USE", "context");
      }
      this.state.contexts.delete(key);
    });
  }

  addFilter(f: Filter): bigint {
    let id = 0n;
    this.mutate("addFilter", () => {
      if (this.state.filters.has(f.filterKey)) throw err("FWP_E_ALREADY_EXISTS", "filter");
      if (!this.state.sublayers.has(f.subLayerKey)) throw err("FWP_E_SUBLAYER_NOT_FOUND", "filter");
      if (f.providerKey && !this.state.providers.has(f.providerKey)) {
        throw err("FWP_E_PROVIDER_NOT_FOUND", "filter");
      }
      if (f.providerContextKey && !this.state.contexts.has(f.providerContextKey)) {
        throw err("FWP_E_PROVIDER_CONTEXT_NOT_FOUND", "filter");
      }
      id = this.state.nextId++;
      this.state.filters.set(f.filterKey, {
        ...clone(f),
        filterId: id,
        effectiveWeight: { type: 4, uint64: id },
      });
    });
    return id;
  }
  getFilter(key: Guid) {
    const f = this.state.filters.get(key);
    return f && clone(f);
  }
  enumFilters(t?: FilterTemplate) {
    return [...this.state.filters.values()]
      .filter((f) =>
        (!t?.providerKey || f.providerKey === t.providerKey) && (!t?.layerKey || f.layerKey === t.layerKey)
      )
      .map(clone);
  }
  deleteFilter(key: Guid): void {
    this.mutate("deleteFilter", () => {
      if (!this.state.filters.delete(key)) throw err("FWP_E_FILTER_NOT_FOUND", "filter");
    });
  }
  deleteFilterById(id: bigint): void {
    const f = [...this.state.filters.values()].find((x) => x.filterId === id);
    if (!f) throw err("FWP_E_FILTER_NOT_FOUND", "filter");
    this.deleteFilter(f.filterKey);
  }

  addTunnel(t: Tunnel): void {
    this.mutate("addTunnel", () => {
      const qm = t.tunnelPolicy.providerContextKey;
      if (this.state.contexts.has(qm)) throw err("FWP_E_ALREADY_EXISTS", "tunnel");
      if (t.mainModePolicy) {
        this.state.contexts.set(t.mainModePolicy.providerContextKey, {
          ...clone(t.mainModePolicy),
          providerContextId: this.state.nextId++,
        });
      }
      this.state.contexts.set(qm, { ...clone(t.tunnelPolicy), providerContextId: this.state.nextId++ });
      this.state.tunnels.set(qm, clone(t));
    });
  }
  deleteTunnel(key: Guid): void {
    this.mutate("deleteTunnel", () => {
      const t = this.state.tunnels.get(key);
      if (!t) throw err("FWP_E_PROVIDER_CONTEXT_NOT_FOUND", "tunnel");
      this.state.tunnels.delete(key);
      this.state.contexts.delete(key);
      if (t.mainModePolicy) this.state.contexts.delete(t.mainModePolicy.providerContextKey);
    });
  }

  appIdFromFileName(path: string): Uint8Array {
    const s = "\\device\\harddiskvolume1" + path.replace(/^[a-zA-Z]:/, "").toLowerCase() + "\0";
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) out[2 * i] = s.charCodeAt(i);
    return out;
  }

  close(): void {}

  /** A comparable dump of the whole state (for "nothing changed" assertions). */
  dump(): string {
    const ser = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.stringify(
      [
        ser(this.state.providers),
        ser(this.state.sublayers),
        ser(this.state.contexts),
        ser(this.state.filters),
        ser(this.state.tunnels),
      ],
      (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? [...v] : v),
    );
  }
}
