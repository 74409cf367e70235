/**
 * Structural comparison of decoded WFP objects: which leaf fields differ, as paths such as
 * `filterCondition[0].conditionValue.uint16`. Absent and `undefined` are the same (NULL pointer).
 */

/** One differing leaf. `a`/`b` are the current and desired values (undefined when absent). */
export interface FieldDiff {
  path: string;
  current: unknown;
  desired: unknown;
}

/** Every differing leaf between `current` and `desired`, in a deterministic order. */
export function diffFields(current: unknown, desired: unknown, path = ""): FieldDiff[] {
  // Most objects are equal: settle that without allocating, and only walk for the paths when they differ.
  if (deepEqual(current, desired)) return [];
  const out: FieldDiff[] = [];
  walk(current, desired, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldDiff[]): void {
  if (a === b) return;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array && bytesEqual(a, b))) {
      out.push({ path, current: a, desired: b });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ path: path + ".length", current: a.length, desired: b.length });
      return;
    }
    for (let i = 0; i < a.length; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push({ path, current: a, desired: b });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Structural equality with the same rules as `diffFields` (absent == undefined), allocation-free. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (b instanceof Uint8Array) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null || Array.isArray(b)) {
    return false;
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  let na = 0, nb = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    na++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) nb++;
  return na === nb;
}
