/**
 * Manual SA key formats: the one table of key lengths, read by the planner (a key of the wrong length is
 * refused before anything changes) and by apply (where the cipher key ends and the integrity key starts).
 *
 * AES-GCM (RFC 4106 section 8.1): the keying material is the AES key followed by a 4-byte salt, 20, 28 or 36
 * bytes. IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 carries the same material twice, as the cipher key and as the
 * GMAC auth key (strongSwan's kernel-wfp plugin passes it the same way); an SA pair keyed with another split
 * would not interoperate with a peer that follows RFC 4106.
 */
import { ENUMS, TRANSFORM_CONFIGS } from "../../ffi/constants.ts";
import type { ManualSa } from "../graph/mod.ts";

const CC = TRANSFORM_CONFIGS.IPSEC_CIPHER_CONFIG;
const AC = TRANSFORM_CONFIGS.IPSEC_AUTH_CONFIG;
const AT = ENUMS.IPSEC_AUTH_TYPE;
const CT = ENUMS.IPSEC_CIPHER_TYPE;
/** AES key bytes per GCM cipher config. */
const GCM_KEY_BYTES: Record<number, number> = {
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_128]: 16,
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_192]: 24,
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_256]: 32,
};
/** The salt that follows the AES key in RFC 4106 keying material. */
export const GCM_SALT_BYTES = 4;
/** HMAC key bytes per IPSEC_AUTH_TYPE. */
const AUTH_KEY_BYTES: Record<number, number> = {
  [AT.IPSEC_AUTH_MD5]: 16,
  [AT.IPSEC_AUTH_SHA_1]: 20,
  [AT.IPSEC_AUTH_SHA_256]: 32,
};
/** CBC key bytes per IPSEC_CIPHER_TYPE. */
const CIPHER_KEY_BYTES: Record<number, number> = {
  [CT.IPSEC_CIPHER_TYPE_DES]: 8,
  [CT.IPSEC_CIPHER_TYPE_3DES]: 24,
  [CT.IPSEC_CIPHER_TYPE_AES_128]: 16,
  [CT.IPSEC_CIPHER_TYPE_AES_192]: 24,
  [CT.IPSEC_CIPHER_TYPE_AES_256]: 32,
};

/** Keying material bytes of an AES-GCM cipher transform (key + salt), or undefined when it is not GCM. */
export function gcmKeyLength(cipherConfig: number | undefined): number | undefined {
  const k = cipherConfig === undefined ? undefined : GCM_KEY_BYTES[cipherConfig];
  return k === undefined ? undefined : k + GCM_SALT_BYTES;
}

/** Key bytes of a CBC cipher (IPSEC_CIPHER_TYPE), or undefined when the type has no fixed length here. */
export function cipherKeyLength(cipherType: number): number | undefined {
  return CIPHER_KEY_BYTES[cipherType];
}

/** The key length a manual SA direction needs, when the transform defines one. */
export function saKeyLength(d: ManualSa["inbound"]): number | undefined {
  const a = d.authTransformId, c = d.cipherTransformId;
  const gcm = gcmKeyLength(c?.cipherConfig);
  if (gcm !== undefined) return gcm;
  if (
    (a && a.authConfig >= AC.IPSEC_AUTH_CONFIG_GCM_AES_128) ||
    (c && c.cipherConfig >= CC.IPSEC_CIPHER_CONFIG_GCM_AES_128)
  ) return undefined;
  const al = a ? AUTH_KEY_BYTES[a.authType] : 0, cl = c ? CIPHER_KEY_BYTES[c.cipherType] : 0;
  if (al === undefined || cl === undefined) return undefined;
  return al + cl || undefined;
}
