/**
 * Another provider's IPsec policy, persistent in a simulator state file (what a third-party VPN client or a
 * GPO leaves on a host): objectSet's provider, sublayer, main/quick-mode contexts and filters, every one
 * flagged persistent so other processes on the same state file see them. Returns the engine filter ids a
 * test's net events can name.
 */
import { FLAGS, LAYERS } from "../../ffi/constants.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { simHooks } from "./simHooks.ts";
import { objectSet } from "./objectSet.ts";

/** What addForeignPolicy added. */
export interface ForeignPolicy {
  providerKey: string;
  providerName: string;
  /** Its IKEEXT_V4 (main-mode) filter id. */
  ikeextFilterId: bigint;
  /** Its outbound-transport (IPsec callout) filter id. */
  transportFilterId: bigint;
}

/** Adds the foreign policy to `statePath` (in this process, then leaves the state path unset again). */
export function addForeignPolicy(statePath: string, tag = "ContosoVPN"): ForeignPolicy {
  const hooks = simHooks(loadLibrary({ simulator: true }));
  if (!hooks) throw new Error("the simulator has no Sim* hooks");
  hooks.setStatePath(statePath);
  const s = objectSet(tag);
  const P = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT;
  const engine = openEngine({ simulator: true });
  try {
    const ids = engine.transaction(() => {
      engine.addProvider({ ...s.provider, flags: P });
      engine.addSublayer({ ...s.sublayer, flags: FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT });
      const C = FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT;
      engine.addProviderContext({ ...s.mainMode, flags: C });
      engine.addProviderContext({ ...s.quickMode, flags: C });
      const F = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_PERSISTENT;
      return s.filters.map((f) => ({
        layer: f.layerKey,
        id: engine.addFilter({ ...f, flags: f.flags | F }),
      }));
    });
    const id = (layer: string) => ids.find((x) => x.layer === layer)!.id;
    return {
      providerKey: s.provider.providerKey,
      providerName: s.provider.displayData.name,
      ikeextFilterId: id(LAYERS.FWPM_LAYER_IKEEXT_V4),
      transportFilterId: id(LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4),
    };
  } finally {
    engine.close();
    hooks.setStatePath(null);
  }
}

/** The engine filter ids of wfpsec's objects in `statePath`, by their compiler path. */
export function wfpsecFilterIds(statePath: string, providerKey: string): Map<string, bigint> {
  const hooks = simHooks(loadLibrary({ simulator: true }));
  if (!hooks) throw new Error("the simulator has no Sim* hooks");
  hooks.setStatePath(statePath);
  const engine = openEngine({ simulator: true });
  try {
    const out = new Map<string, bigint>();
    for (const f of engine.enumFilters({ providerKey })) {
      const path = JSON.parse(new TextDecoder().decode(f.providerData ?? new Uint8Array())).path as string;
      out.set(path, f.filterId!);
    }
    return out;
  } finally {
    engine.close();
    hooks.setStatePath(null);
  }
}
