/**
 * Engine reads of the planner: what our provider owns in the engine now, which contexts are tunnel parts,
 * and which SA contexts use our filters.
 */
import type { Engine, IpsecSaContext1 } from "../engine/mod.ts";
import type { Filter, Guid, Provider, ProviderContext, Sublayer } from "../graph/mod.ts";
import { ENUMS } from "../../ffi/constants.ts";

const CT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
/** Provider-context types of a tunnel's quick-mode policy (the context whose key is the tunnel's key). */
export const TUNNEL_QM_TYPES: ReadonlySet<number> = new Set([
  CT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
  CT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
]);

/** What our provider owns in the engine now. */
export interface CurrentState {
  /** Our FWPM_PROVIDER0, absent when it is not in the engine. */
  provider?: Provider;
  /** Sublayers we own, plus the one with our key whoever owns it. */
  sublayers: Sublayer[];
  /** Provider contexts we own. */
  providerContexts: ProviderContext[];
  /** Filters we own. */
  filters: Filter[];
  /** Manual SA contexts in the engine (every one: SA contexts have no owner; apply matches filter ids). */
  saContexts?: IpsecSaContext1[];
}

/** Reads every object our provider owns (plus the sublayer with our key, whoever owns it). */
export function readCurrent(engine: Engine, providerKey: Guid, sublayerKey?: Guid): CurrentState {
  const provider = engine.getProvider(providerKey);
  // A live engine refuses an object whose provider does not exist and a provider delete while objects use
  // it (FWP_E_PROVIDER_NOT_FOUND, FWP_E_IN_USE): without our provider nothing of ours exists, and the three
  // enumerations (each a scan of every filter on the host) are skipped. An offline dump may list filters
  // without their provider, so it is always enumerated.
  const owned = provider !== undefined || engine.info.kind === "snapshot";
  const sublayers = owned ? engine.enumSublayers({ providerKey }) : [];
  if (sublayerKey && !sublayers.some((s) => s.subLayerKey === sublayerKey)) {
    const s = engine.getSublayer(sublayerKey);
    if (s) sublayers.push(s);
  }
  return {
    provider,
    sublayers,
    providerContexts: owned ? engine.enumProviderContexts({ providerKey }) : [],
    filters: owned ? engine.enumFilters({ providerKey }) : [],
    ...(engine.sa ? { saContexts: engine.sa.enumSaContexts() } : {}),
  };
}

/** The SA contexts whose SAs use one of `filterIds` (as transport filter of either direction). */
export function saContextsOfFilters(
  contexts: readonly IpsecSaContext1[],
  filterIds: ReadonlySet<bigint>,
): IpsecSaContext1[] {
  return contexts.filter((c) =>
    [c.inboundSa, c.outboundSa].some((d) =>
      d?.traffic.ipsecFilterId !== undefined && filterIds.has(d.traffic.ipsecFilterId)
    )
  );
}
