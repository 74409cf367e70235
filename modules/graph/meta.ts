/**
 * wfpsec's metadata in the `providerData` blob of the objects it owns: UTF-8 JSON. The compiler writes the
 * policy-level fields; the planner adds digests (`secretSha256`, `tunnelSha256`) so a changed pre-shared key
 * or tunnel definition is detected without the secret ever being read back or printed.
 */
import { hmacSha256Hex, sha256Hex } from "./sha256.ts";

/** Decoded providerData metadata (open: the compiler may add fields). */
export type Meta = Record<string, unknown>;

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

/** Parses providerData as a JSON object; anything else (absent, binary, foreign) gives undefined. */
export function readMeta(data: Uint8Array | undefined): Meta | undefined {
  if (!data || data.length === 0) return undefined;
  try {
    const v = JSON.parse(dec.decode(data));
    return v && typeof v === "object" && !Array.isArray(v) ? v as Meta : undefined;
  } catch {
    return undefined;
  }
}

/** Returns providerData with `fields` merged into its JSON metadata (keys kept in a stable order). */
export function withMeta(data: Uint8Array | undefined, fields: Meta): Uint8Array {
  const base = readMeta(data) ?? {};
  const merged: Meta = { ...base, ...fields };
  const sorted: Meta = {};
  for (const k of Object.keys(merged).sort()) sorted[k] = merged[k];
  return enc.encode(JSON.stringify(sorted));
}

/**
 * Digest of a secret as stored in providerData: HMAC-SHA256 keyed by the host secret (hostKey.ts) over a
 * domain tag, the owning object key and the secret, so equal keys on different objects do not give equal
 * digests, and nobody without the host secret can test guesses against what wfpsec or netsh prints. Without
 * a host secret (an offline snapshot) the digest is UNVERIFIABLE_SECRET, which the planner does not compare.
 */
export function secretDigest(ownerKey: string, secret: Uint8Array, hostKey: Uint8Array | undefined): string {
  if (!hostKey) return UNVERIFIABLE_SECRET;
  return "hmac2:" + hmacSha256Hex(hostKey, "wfpsec-secret-v2\0" + ownerKey + "\0", secret);
}

/** The digest of a secret when no host secret is available to key it: never equal to a stored digest. */
export const UNVERIFIABLE_SECRET = "unverifiable-without-host-key";

/**
 * `desired` with its unverifiable secret digests, and those `current` holds only redacted (a JSON snapshot),
 * replaced by `current`'s (an offline plan cannot tell whether a pre-shared key changed, so it does not claim
 * it did); undefined when there are none.
 */
export function adoptUnverifiableSecrets(
  current: Uint8Array | undefined,
  desired: Uint8Array | undefined,
): Uint8Array | undefined {
  const d = readMeta(desired)?.secretSha256;
  if (!d || typeof d !== "object") return undefined;
  const rec = d as Record<string, unknown>;
  const c = readMeta(current)?.secretSha256;
  const cur = c && typeof c === "object" ? c as Record<string, unknown> : {};
  const redacted = Object.values(cur).includes(REDACTED_DIGEST);
  if (!redacted && !Object.values(rec).includes(UNVERIFIABLE_SECRET)) return undefined;
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    const hidden = v === UNVERIFIABLE_SECRET || cur[k] === REDACTED_DIGEST;
    merged[k] = hidden && k in cur ? cur[k] : v;
  }
  return withMeta(desired, { secretSha256: merged });
}

/**
 * What output shows instead of a secret-derived digest (`secretSha256` entries, `manualSaSha256`): printed
 * providerData never carries them (render.ts), so a snapshot holds this marker, which the planner treats like
 * an unverifiable digest (it adopts the engine's).
 */
export const REDACTED_DIGEST = "redacted";

/** Metadata fields whose values are derived from secrets. */
const SECRET_FIELDS = ["secretSha256", "manualSaSha256"] as const;

/** providerData as it may be printed: secret-derived digests replaced by REDACTED_DIGEST (same bytes otherwise). */
export function redactDigests(data: Uint8Array): Uint8Array {
  const m = readMeta(data);
  if (!m || !SECRET_FIELDS.some((k) => k in m)) return data;
  const out: Meta = { ...m };
  const s = out.secretSha256;
  if (s && typeof s === "object" && !Array.isArray(s)) {
    out.secretSha256 = Object.fromEntries(Object.keys(s).map((k) => [k, REDACTED_DIGEST]));
  } else if (s !== undefined) out.secretSha256 = REDACTED_DIGEST;
  if (out.manualSaSha256 !== undefined) out.manualSaSha256 = REDACTED_DIGEST;
  return enc.encode(JSON.stringify(out));
}

/**
 * `desired` providerData with the manual SA digest taken from `current` when `current` holds the redacted
 * marker (a JSON snapshot); undefined when there is nothing to adopt.
 */
export function adoptRedactedSaDigest(
  current: Uint8Array | undefined,
  desired: Uint8Array | undefined,
): Uint8Array | undefined {
  if (readMeta(current)?.manualSaSha256 !== REDACTED_DIGEST) return undefined;
  if (readMeta(desired)?.manualSaSha256 === undefined) return undefined;
  return withMeta(desired, { manualSaSha256: REDACTED_DIGEST });
}

/** sha256 hex of a canonical JSON rendering (bigint and bytes made stable). */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** JSON with sorted keys, bigint -> "123n", Uint8Array -> "hex:..". Used for digests, not for output. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canon(value));
}

function canon(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString() + "n";
  if (v instanceof Uint8Array) return "hex:" + toHex(v);
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) o[k] = canon(x);
    }
    return o;
  }
  return v;
}

/** Lowercase hex of bytes. */
export function toHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, "0");
  return s;
}

/** Bytes of a hex string (whitespace ignored). */
export function fromHex(s: string): Uint8Array {
  const t = s.replace(/\s+/g, "");
  if (t.length % 2 || /[^0-9a-fA-F]/.test(t)) throw new Error(`invalid hex string`);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Reverses `canonicalJson`'s encodings on a parsed value ("123n" -> bigint, "hex:.." -> bytes). */
export function fromCanonical(v: unknown): unknown {
  if (typeof v === "string") {
    if (/^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
    if (v.startsWith("hex:")) return fromHex(v.slice(4));
    return v;
  }
  if (Array.isArray(v)) return v.map(fromCanonical);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = fromCanonical(x);
    return o;
  }
  return v;
}
