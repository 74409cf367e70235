/**
 * Ordering object keys (GUID strings) for plans: the order of `Array.prototype.sort()` (UTF-16 code
 * units), stable, in about half the time for the tens of thousands of keys of a large policy.
 *
 * Why it is faster: a default sort compares strings through the builtin string comparison ~n log n times.
 * Keys whose first 8 characters are lowercase hex digits (every canonical GUID) are ordered by those 8
 * characters read as a number, because '0'-'9' < 'a'-'f' in code units; packed with the key's index into one
 * double, a numeric typed-array sort does the work. Keys that share those 8 characters form runs, which are
 * then sorted as strings (rare for random GUIDs, and correct for any keys). Anything else (short keys,
 * uppercase, other text) takes a comparison sort.
 */

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = i;

/** Index bits packed below the 32-bit prefix: prefix * 2^21 + index stays below 2^53 (exact in a double). */
const IDX = 2 ** 21;
/** Below this many keys a comparison sort is as fast. */
const SMALL = 512;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The indices of `keys` in ascending key order; equal keys keep their input order (like a stable
 * `sort()` of the keys).
 */
export function keyOrder(keys: readonly string[]): number[] {
  const n = keys.length;
  const byCompare = () => Array.from(keys, (_, i) => i).sort((a, b) => cmp(keys[a], keys[b]) || a - b);
  if (n < SMALL || n >= IDX) return byCompare();
  const packed = new Float64Array(n);
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
    packed[i] = v * IDX + i;
  }
  packed.sort();
  const order = new Array<number>(n);
  let runStart = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const p = packed[i];
    const prefix = Math.floor(p / IDX);
    order[i] = p - prefix * IDX;
    if (prefix !== prev) {
      if (i - runStart > 1) sortRun(keys, order, runStart, i);
      runStart = i;
      prev = prefix;
    }
  }
  if (n - runStart > 1) sortRun(keys, order, runStart, n);
  return order;
}

/** Sorts order[from, to) (indices of keys sharing their first 8 characters) by key, then index. */
function sortRun(keys: readonly string[], order: number[], from: number, to: number): void {
  const run = order.slice(from, to).sort((a, b) => cmp(keys[a], keys[b]) || a - b);
  for (let i = 0; i < run.length; i++) order[from + i] = run[i];
}

/** `xs` ordered by `key(x)` (stable), through `keyOrder`. */
export function sortByKey<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const order = keyOrder(xs.map(key));
  const out = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) out[i] = xs[order[i]];
  return out;
}
