/**
 * What `wfpsec show` lists: the `--layer` and `--provider` selections, and the provider name every object
 * is shown with. Layers are given by symbolic name (FWPM_LAYER_IKEEXT_V4, case-insensitive) or GUID;
 * providers by key or display name.
 */
import { LAYERS, PROVIDERS } from "../../ffi/constants.ts";
import { isGuid } from "../../ffi/guid.ts";
import { UsageError } from "../errors.ts";
import { levenshtein } from "./suggest.ts";
import type { Filter, Provider, ProviderContext, Sublayer } from "../graph/mod.ts";

/** The GUID `given` names, lowercase, with or without braces (as netsh and PowerShell print them). */
function guidOf(given: string): string | undefined {
  const t = given.trim().replace(/^\{(.*)\}$/, "$1");
  return isGuid(t) ? t.toLowerCase() : undefined;
}

/** The objects `show` lists. */
export interface Shown {
  providers: Provider[];
  sublayers: Sublayer[];
  providerContexts: ProviderContext[];
  filters: Filter[];
}

/** A selected layer or provider: its key and its name (symbolic or display), when known. */
export interface Selected {
  key: string;
  name?: string;
}

/** Up to three names closest to `given` (substring matches first, then by edit distance). */
function closeMatches(given: string, names: string[]): string[] {
  const g = given.toUpperCase();
  const scored = names.map((n) => {
    const u = n.toUpperCase();
    const short = u.replace(/^FWPM_LAYER_/, "");
    const sub = u.includes(g) || g.includes(short);
    return { n, d: sub ? -1 : Math.min(levenshtein(g, u), levenshtein(g, short)) };
  });
  return scored.filter((s) => s.d <= Math.max(3, Math.floor(g.length / 3)))
    .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1)).slice(0, 3).map((s) => s.n);
}

/**
 * The layer `--layer NAME` names: a FWPM_LAYER_* name (case-insensitive; the FWPM_LAYER_ prefix may be
 * left out) or a layer GUID. An unknown name is a UsageError listing the closest layer names.
 */
export function resolveLayer(given: string): Selected {
  if (!given.trim()) throw new UsageError("--layer needs a layer name (FWPM_LAYER_IKEEXT_V4) or GUID");
  const guid = guidOf(given);
  if (guid) {
    const name = Object.entries(LAYERS).find(([, g]) => g === guid)?.[0];
    return { key: guid, name };
  }
  const u = given.trim().toUpperCase();
  for (const [name, g] of Object.entries(LAYERS)) {
    if (name === u || name === `FWPM_LAYER_${u}`) return { key: g, name };
  }
  const close = closeMatches(u, Object.keys(LAYERS));
  throw new UsageError(
    `unknown layer "${given}" for --layer` +
      (close.length ? `; did you mean ${close.join(", ")}?` : "; `wfpsec constants` lists the layer names"),
  );
}

/**
 * The provider `--provider KEY|NAME` names, among the engine's providers: a GUID (even of a provider
 * that is not registered: its objects may still be listed), a display name or a FWPM_PROVIDER_* name
 * (both case-insensitive). An unknown name is a UsageError listing the registered provider names.
 */
export function resolveProvider(given: string, providers: Provider[]): Selected {
  if (!given.trim()) throw new UsageError("--provider needs a provider key or name");
  const guid = guidOf(given);
  if (guid) return { key: guid, name: providerName(guid, providers) };
  const u = given.trim().toUpperCase();
  const byName = providers.filter((p) => p.displayData.name.toUpperCase() === u);
  if (byName.length > 1) {
    throw new UsageError(
      `--provider "${given}" names ${byName.length} providers (${
        byName.map((p) => p.providerKey).join(", ")
      }); give the key`,
    );
  }
  if (byName.length === 1) {
    return { key: byName[0].providerKey.toLowerCase(), name: byName[0].displayData.name };
  }
  const sym = Object.entries(PROVIDERS).find(([n]) => n === u);
  if (sym) return { key: sym[1], name: providerName(sym[1], providers) ?? sym[0] };
  const names = providers.map((p) => p.displayData.name).filter((n) => n);
  throw new UsageError(
    `no provider "${given}" for --provider` +
      (names.length
        ? `; the engine's providers: ${names.map((n) => `"${n}"`).join(", ")}`
        : "; the engine has none"),
  );
}

/** The display name of provider `key` (or its FWPM_PROVIDER_* name), undefined when unnamed and unknown. */
export function providerName(key: string | undefined, providers: Provider[]): string | undefined {
  if (!key) return undefined;
  const k = key.toLowerCase();
  const p = providers.find((x) => x.providerKey.toLowerCase() === k);
  if (p?.displayData.name) return p.displayData.name;
  return Object.entries(PROVIDERS).find(([, g]) => g === k)?.[0];
}

/**
 * Narrows what `show` lists. `provider`: only that provider and the objects it owns. `layer`: only the
 * filters at that layer, with the providers, sublayers and provider contexts those filters use.
 */
export function selectShown(all: Shown, sel: { layer?: Selected; provider?: Selected }): Shown {
  let { providers, sublayers, providerContexts, filters } = all;
  if (sel.provider) {
    const k = sel.provider.key;
    const owned = (o: { providerKey?: string }) => o.providerKey?.toLowerCase() === k;
    providers = providers.filter((p) => p.providerKey.toLowerCase() === k);
    sublayers = sublayers.filter(owned);
    providerContexts = providerContexts.filter(owned);
    filters = filters.filter(owned);
  }
  if (sel.layer) {
    const k = sel.layer.key;
    filters = filters.filter((f) => f.layerKey.toLowerCase() === k);
    const subs = new Set(filters.map((f) => f.subLayerKey.toLowerCase()));
    const ctxs = new Set(filters.map((f) => f.providerContextKey?.toLowerCase()).filter((x) => x));
    sublayers = sublayers.filter((s) => subs.has(s.subLayerKey.toLowerCase()));
    providerContexts = providerContexts.filter((c) => ctxs.has(c.providerContextKey.toLowerCase()));
    const owners = new Set(
      [...filters, ...sublayers, ...providerContexts].map((o) => o.providerKey?.toLowerCase()),
    );
    providers = providers.filter((p) => owners.has(p.providerKey.toLowerCase()));
  }
  return { providers, sublayers, providerContexts, filters };
}
