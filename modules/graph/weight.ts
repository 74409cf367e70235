/**
 * A filter's effective weight: the FWP_UINT64 the Base Filtering Engine orders filters by within a sublayer.
 *
 * Documented (fwp/filter-weight-assignment, fwp/filter-weight-identifiers):
 * - FWP_UINT64: used as is;
 * - FWP_EMPTY: BFE generates a weight in [0, 2^60) (FWPM_AUTO_WEIGHT_BITS = 60);
 * - FWP_UINT8 r (0..15): the high 4 bits are r, the low 60 bits are generated exactly as for FWP_EMPTY.
 *
 * How the low 60 bits are generated is not documented; this is inferred (docs/windows-verification.md EW1,
 * EW2) from the `effectiveWeight`s of a real `netsh wfp show state` dump: each condition field owns a bit
 * field, more important fields higher, and a field's value grows with how specific its conditions are (an
 * exact value fills the field; a range of n values of a w-bit field gets the fraction (w - log2 n) / w of
 * it). For the ALE connect and receive/accept layers `FITTED` holds the fields the dump shows, bit for bit;
 * every other layer and field uses `GENERIC`. fwpsim implements the same tables (tests/support/fwpsim
 * filters.c) so `show` and `explain` on the simulator report what this module computes.
 */
import type { Filter, FilterCondition, FwpConditionValue, FwpValue } from "./graph.ts";
import { CONDITIONS, LAYERS } from "../../ffi/constants.ts";

/** The bits BFE generates (FWPM_AUTO_WEIGHT_BITS). */
export const AUTO_WEIGHT_BITS = 60n;
const AUTO_MAX = (1n << AUTO_WEIGHT_BITS) - 1n;

const C = CONDITIONS;
const L = LAYERS;

/**
 * One field's share of the weight: `exact` is what an exact value contributes; a non-exact condition (range,
 * mask, prefix, flags test) contributes `scaled` bits below `exact` (floor(fraction * 2^scaled)) when given,
 * else the lowest set bit of `exact` (the dump shows a presence bit for a whole-range port condition).
 */
interface FittedField {
  exact: bigint;
  scaled?: number;
}

/** Fields read from the real dump's ALE filters (EW1); any field not listed falls back to GENERIC. */
const FITTED: Record<string, Record<string, FittedField>> = {
  [L.FWPM_LAYER_ALE_AUTH_CONNECT_V4]: {
    [C.FWPM_CONDITION_IP_PROTOCOL]: { exact: 7n << 47n },
    [C.FWPM_CONDITION_IP_LOCAL_PORT]: { exact: 1n << 46n },
    [C.FWPM_CONDITION_IP_REMOTE_PORT]: { exact: 7n << 39n },
    [C.FWPM_CONDITION_ALE_APP_ID]: { exact: 1n << 38n },
    [C.FWPM_CONDITION_ALE_USER_ID]: { exact: 1n << 37n },
    [C.FWPM_CONDITION_FLAGS]: { exact: 1n << 36n },
  },
  [L.FWPM_LAYER_ALE_AUTH_CONNECT_V6]: {
    [C.FWPM_CONDITION_IP_PROTOCOL]: { exact: 3n << 45n },
    [C.FWPM_CONDITION_IP_LOCAL_PORT]: { exact: 1n << 44n },
    [C.FWPM_CONDITION_IP_REMOTE_PORT]: { exact: 7n << 37n },
    [C.FWPM_CONDITION_ALE_APP_ID]: { exact: 1n << 36n },
    [C.FWPM_CONDITION_ALE_USER_ID]: { exact: 1n << 35n },
    [C.FWPM_CONDITION_FLAGS]: { exact: 1n << 34n },
  },
  [L.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4]: {
    [C.FWPM_CONDITION_IP_PROTOCOL]: { exact: 3n << 49n },
    [C.FWPM_CONDITION_IP_LOCAL_PORT]: { exact: 1n << 48n, scaled: 5 },
    [C.FWPM_CONDITION_IP_REMOTE_PORT]: { exact: 7n << 40n },
    [C.FWPM_CONDITION_ALE_APP_ID]: { exact: 1n << 39n },
    [C.FWPM_CONDITION_ALE_USER_ID]: { exact: 1n << 38n },
    [C.FWPM_CONDITION_FLAGS]: { exact: 1n << 35n },
  },
  [L.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6]: {
    [C.FWPM_CONDITION_IP_PROTOCOL]: { exact: 3n << 47n },
    [C.FWPM_CONDITION_IP_LOCAL_PORT]: { exact: 1n << 46n, scaled: 5 },
    [C.FWPM_CONDITION_IP_REMOTE_PORT]: { exact: 3n << 39n },
    [C.FWPM_CONDITION_ALE_APP_ID]: { exact: 1n << 38n },
    [C.FWPM_CONDITION_ALE_USER_ID]: { exact: 1n << 37n },
    [C.FWPM_CONDITION_FLAGS]: { exact: 1n << 34n },
  },
};

/** The inferred layout everywhere else (EW2): [lowest bit, width]; an exact value fills the field. */
const GENERIC: Record<string, [number, number]> = {
  [C.FWPM_CONDITION_IP_REMOTE_ADDRESS]: [52, 8],
  [C.FWPM_CONDITION_IP_LOCAL_ADDRESS]: [44, 8],
  [C.FWPM_CONDITION_IP_PROTOCOL]: [40, 4],
  [C.FWPM_CONDITION_IP_LOCAL_PORT]: [34, 6],
  [C.FWPM_CONDITION_IP_REMOTE_PORT]: [28, 6],
  [C.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE]: [27, 1],
  [C.FWPM_CONDITION_ALE_APP_ID]: [26, 1],
  [C.FWPM_CONDITION_ALE_USER_ID]: [25, 1],
  [C.FWPM_CONDITION_ALE_REMOTE_USER_ID]: [24, 1],
  [C.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID]: [23, 1],
  [C.FWPM_CONDITION_FLAGS]: [22, 1],
  [C.FWPM_CONDITION_IP_LOCAL_INTERFACE]: [21, 1],
  [C.FWPM_CONDITION_CURRENT_PROFILE_ID]: [20, 1],
};
/** Fields in neither table: one unit each in the low 20 bits. */
const OTHER_FIELDS_MAX = (1n << 20n) - 1n;

function bitWidth(v: FwpValue | FwpConditionValue): number {
  switch (v.type) {
    case 1:
      return 8;
    case 2:
      return 16;
    case 3:
    case 256:
      return 32;
    case 4:
      return 64;
    case 11:
    case 257:
      return 128;
    case 258:
      return bitWidth(v.rangeValue.valueLow);
    default:
      return 0;
  }
}

function scalar(v: FwpValue): bigint {
  switch (v.type) {
    case 1:
      return BigInt(v.uint8);
    case 2:
      return BigInt(v.uint16);
    case 3:
      return BigInt(v.uint32 >>> 0);
    case 4:
      return v.uint64;
    case 11:
      return v.byteArray16.reduce((a, b) => (a << 8n) | BigInt(b), 0n);
    default:
      return 0n;
  }
}

/** How many values one condition admits (as log2), or undefined for an exact/identity test. */
function log2Size(c: FilterCondition): number | undefined {
  const v = c.conditionValue as FwpConditionValue | { type: "appPath" };
  if (v.type === 256) return 32 - popcount(v.v4AddrMask.mask >>> 0);
  if (v.type === 257) return 128 - v.v6AddrMask.prefixLength;
  if (v.type === 258) return log2Big(scalar(v.rangeValue.valueHigh) - scalar(v.rangeValue.valueLow) + 1n);
  return undefined;
}

function popcount(n: number): number {
  let c = 0;
  for (; n; n >>>= 1) c += n & 1;
  return c;
}

/** log2 of a positive bigint, from its bit length and its top 53 bits (the same formula fwpsim uses). */
export function log2Big(n: bigint): number {
  if (n <= 0n) return 0;
  const bits = n.toString(2).length;
  const shift = bits > 53 ? BigInt(bits - 53) : 0n;
  return Math.log2(Number(n >> shift)) + Number(shift);
}

/** The fraction (0..1] of a field's bits its conditions fix: 1 for an exact value. */
function specificity(cs: FilterCondition[]): number {
  let width = 0;
  let exact = true;
  let sizeLog = -Infinity; // log2 of the union's size (sum of the alternatives', an upper bound)
  for (const c of cs) {
    const l = log2Size(c);
    width = Math.max(width, bitWidth(c.conditionValue as FwpConditionValue));
    const isExact = l === undefined || l === 0;
    if (!isExact) exact = false;
    const li = l ?? 0;
    sizeLog = sizeLog === -Infinity
      ? li
      : Math.max(sizeLog, li) + Math.log2(1 + 2 ** -Math.abs(sizeLog - li));
  }
  if (exact && cs.length === 1) return 1;
  if (!width) return 1;
  return Math.max(0, Math.min(1, (width - sizeLog) / width));
}

function isExact(cs: FilterCondition[]): boolean {
  return cs.length === 1 && !log2Size(cs[0]);
}

/** The low 60 bits BFE generates for `conditions` at `layerKey` (inferred: EW1, EW2). */
export function autoWeight(layerKey: string, conditions: readonly FilterCondition[]): bigint {
  const byField = new Map<string, FilterCondition[]>();
  for (const c of conditions) byField.set(c.fieldKey, [...(byField.get(c.fieldKey) ?? []), c]);
  const fitted = FITTED[layerKey];
  let w = 0n, others = 0n;
  for (const [field, cs] of byField) {
    const fit = fitted?.[field];
    if (fit) {
      if (isExact(cs)) w += fit.exact;
      else if (fit.scaled) {
        const low = fit.exact >> BigInt(fit.scaled);
        w += BigInt(Math.floor(specificity(cs) * 2 ** fit.scaled)) * low;
      } else w += fit.exact & -fit.exact;
      continue;
    }
    const g = GENERIC[field];
    if (!g) {
      others++;
      continue;
    }
    const [low, width] = g;
    const full = (1 << width) - 1;
    const value = isExact(cs) ? full : Math.max(1, Math.floor(specificity(cs) * full));
    w += BigInt(value) << BigInt(low);
  }
  w += others > OTHER_FIELDS_MAX ? OTHER_FIELDS_MAX : others;
  return w > AUTO_MAX ? AUTO_MAX : w;
}

/**
 * The effective weight BFE assigns `f` (FWPM_FILTER0.effectiveWeight); undefined for a weight FwpmFilterAdd0
 * refuses (another type, a range above 15).
 */
export function computeEffectiveWeight(
  f: Pick<Filter, "weight" | "layerKey" | "filterCondition">,
): bigint | undefined {
  const w = f.weight;
  if (w.type === 4) return w.uint64;
  if (w.type === 0) return autoWeight(f.layerKey, f.filterCondition);
  if (w.type === 1 && w.uint8 <= 15) {
    return (BigInt(w.uint8) << AUTO_WEIGHT_BITS) | autoWeight(f.layerKey, f.filterCondition);
  }
  return undefined;
}

/**
 * The effective weight to order `f` by: the engine's (`effectiveWeight`, when it reported an FWP_UINT64),
 * else computed; `computed` says which.
 */
export function effectiveWeightOf(
  f: Pick<Filter, "weight" | "layerKey" | "filterCondition" | "effectiveWeight">,
): { value: bigint; computed: boolean } {
  const e = f.effectiveWeight;
  if (e && e.type === 4) return { value: e.uint64, computed: false };
  return { value: computeEffectiveWeight(f) ?? 0n, computed: true };
}
