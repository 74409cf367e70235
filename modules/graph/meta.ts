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
 * `desired` with its unverifiable secret digests replaced by `current`'s (an offline plan cannot tell
 * whether a pre-shared key changed, so it does not claim it did); undefined when there are none.
 */
export function adoptUnverifiableSecrets(
  current: Uint8Array | undefined,
  desired: Uint8Array | undefined,
): Uint8Array | undefined {
  const d = readMeta(desired)?.secretSha256;
  if (!d || typeof d !== "object") return undefined;
  const rec = d as Record<string, unknown>;
  if (!Object.values(rec).includes(UNVERIFIABLE_SECRET)) return undefined;
  const c = readMeta(current)?.secretSha256;
  const cur = c && typeof c === "object" ? c as Record<string, unknown> : {};
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) merged[k] = v === UNVERIFIABLE_SECRET && k in cur ? cur[k] : v;
  return withMeta(desired, { secretSha256: merged });
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
