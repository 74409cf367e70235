/** The input as the decoder returns it: absent optionals are absent, not undefined. */
export function normalized<T>(v: T): T {
  if (Array.isArray(v)) return v.map(normalized) as T;
  if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = normalized(x);
    return out as T;
  }
  return v;
}
