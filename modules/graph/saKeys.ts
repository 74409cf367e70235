/**
 * Manual SA key formats. AES-GCM (RFC 4106 section 8.1): the keying material is the AES key followed by a
 * 4-byte salt, 20, 28 or 36 bytes. IPSEC_SA_AUTH_AND_CIPHER_INFORMATION0 carries the same material twice, as
 * the cipher key and as the GMAC auth key (strongSwan's kernel-wfp plugin passes it the same way); an SA pair
 * keyed with another split would not interoperate with a peer that follows RFC 4106.
 */
import { TRANSFORM_CONFIGS } from "../../ffi/constants.ts";

const CC = TRANSFORM_CONFIGS.IPSEC_CIPHER_CONFIG;
/** AES key bytes per GCM cipher config. */
const GCM_KEY_BYTES: Record<number, number> = {
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_128]: 16,
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_192]: 24,
  [CC.IPSEC_CIPHER_CONFIG_GCM_AES_256]: 32,
};
/** The salt that follows the AES key in RFC 4106 keying material. */
export const GCM_SALT_BYTES = 4;

/** Keying material bytes of an AES-GCM cipher transform (key + salt), or undefined when it is not GCM. */
export function gcmKeyLength(cipherConfig: number | undefined): number | undefined {
  const k = cipherConfig === undefined ? undefined : GCM_KEY_BYTES[cipherConfig];
  return k === undefined ? undefined : k + GCM_SALT_BYTES;
}
