/**
 * The report's arbitration ladder: each IPsec-relevant layer with filters, its sublayers from the highest
 * weight down (the order BFE evaluates them), ours marked, and in each the filters by effective weight
 * (graph/weight.ts: the engine's, or the one BFE would assign), all of ours and the first few of the others.
 */
import type { Filter, Guid } from "../graph/mod.ts";
import { effectiveWeightOf } from "../graph/mod.ts";
import { CALLOUTS, ENUMS, LAYERS } from "../../ffi/constants.ts";
import type { ExplainSource } from "../explain/mod.ts";
import { conditionsText } from "../render/mod.ts";
import type { LadderLayer, LadderSublayer } from "./data.ts";
import { itemOf } from "./protection.ts";

/** How many foreign filters of one sublayer the ladder lists (the count covers them all). */
export const LADDER_FOREIGN = 6;

const NAME = new Map<string, string>(
  [...Object.entries(LAYERS), ...Object.entries(CALLOUTS)].map(([n, g]) => [g, n]),
);
const LADDER_LAYERS = [
  "ALE_AUTH_CONNECT",
  "ALE_AUTH_RECV_ACCEPT",
  "OUTBOUND_TRANSPORT",
  "INBOUND_TRANSPORT",
  "IKEEXT",
  "IPSEC",
].flatMap((n) => ["V4", "V6"].map((v) => (LAYERS as Record<string, string>)[`FWPM_LAYER_${n}_${v}`]));
const A = ENUMS.FWP_ACTION_TYPE;

function actionWord(f: Filter): string {
  if (f.action.type === A.FWP_ACTION_PERMIT) return "permit";
  if (f.action.type === A.FWP_ACTION_BLOCK) return "block";
  const c = f.action.calloutKey ? NAME.get(f.action.calloutKey) ?? f.action.calloutKey : "?";
  return `callout ${c.replace(/^FWPM_CALLOUT_/, "")}`;
}

/** Each IPsec-relevant layer with filters: its sublayers by weight, our filters among the others. */
export function arbitrationLadder(source: ExplainSource, ourProvider: Guid): LadderLayer[] {
  const providers = new Map(source.enumProviders().map((p) => [p.providerKey, p.displayData?.name || null]));
  const providerText = (k: string | undefined) => (k ? providers.get(k) ?? k : null);
  const subs = new Map(source.enumSublayers().map((s) => [s.subLayerKey, s]));
  const out: LadderLayer[] = [];
  for (const layerKey of LADDER_LAYERS) {
    const fs = source.enumFilters({ layerKey });
    if (!fs.length) continue;
    const bySub = new Map<string, { f: Filter; w: bigint; computed: boolean }[]>();
    for (const f of fs) {
      const w = effectiveWeightOf(f);
      const list = bySub.get(f.subLayerKey) ?? [];
      list.push({ f, w: w.value, computed: w.computed });
      bySub.set(f.subLayerKey, list);
    }
    const sublayers: LadderSublayer[] = [...bySub].map(([key, list]) => {
      list.sort((a, b) => (b.w > a.w ? 1 : b.w < a.w ? -1 : a.f.filterKey < b.f.filterKey ? -1 : 1));
      const s = subs.get(key);
      const counts = new Map<string, { provider: string; count: number; ours: boolean }>();
      for (const { f } of list) {
        const p = providerText(f.providerKey) ?? "(no provider)";
        const e = counts.get(p) ?? { provider: p, count: 0, ours: f.providerKey === ourProvider };
        e.count++;
        counts.set(p, e);
      }
      let foreign = 0;
      const shown = list.filter(({ f }) => f.providerKey === ourProvider || foreign++ < LADDER_FOREIGN);
      return {
        key,
        name: s?.displayData?.name || key,
        weight: s?.weight ?? 0,
        provider: providerText(s?.providerKey),
        ours: s?.providerKey === ourProvider,
        filterCount: list.length,
        byProvider: [...counts.values()].sort((a, b) =>
          b.count - a.count || a.provider.localeCompare(b.provider)
        ),
        filters: shown.map(({ f, w, computed }) => ({
          name: f.displayData?.name ?? "",
          item: f.providerKey === ourProvider ? itemOf(f) : null,
          weight: `${computed ? "~" : ""}0x${w.toString(16).padStart(16, "0")}`,
          action: actionWord(f),
          conditions: conditionsText(f.filterCondition),
        })),
      };
    }).sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
    out.push({ layer: NAME.get(layerKey) ?? layerKey, sublayers });
  }
  return out;
}
