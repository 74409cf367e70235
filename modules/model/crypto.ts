/**
 * Proposal grammar (strongSwan-style compact strings) and the mapping of algorithm names to WFP values.
 * Parsing and formatting are inverse: `formatQm(parseQm(s))` is the canonical spelling of `s`.
 */
import { ENUMS, TRANSFORM_CONFIGS } from "../../ffi/constants.ts";
import type { MmProposal, QmProposal } from "./model.ts";

const IC = ENUMS.IKEEXT_CIPHER_TYPE, II = ENUMS.IKEEXT_INTEGRITY_TYPE, DH = ENUMS.IKEEXT_DH_GROUP;
const AT = ENUMS.IPSEC_AUTH_TYPE, CT = ENUMS.IPSEC_CIPHER_TYPE, PFS = ENUMS.IPSEC_PFS_GROUP;
const AC = TRANSFORM_CONFIGS.IPSEC_AUTH_CONFIG, CC = TRANSFORM_CONFIGS.IPSEC_CIPHER_CONFIG;

/** Main-mode ciphers -> IKEEXT_CIPHER_TYPE. */
export const MM_CIPHERS: Record<string, number> = {
  des: IC.IKEEXT_CIPHER_DES,
  "3des": IC.IKEEXT_CIPHER_3DES,
  aes128: IC.IKEEXT_CIPHER_AES_128,
  aes192: IC.IKEEXT_CIPHER_AES_192,
  aes256: IC.IKEEXT_CIPHER_AES_256,
  aesgcm128: IC.IKEEXT_CIPHER_AES_GCM_128_16ICV,
  aesgcm256: IC.IKEEXT_CIPHER_AES_GCM_256_16ICV,
};
/** Main-mode integrity -> IKEEXT_INTEGRITY_TYPE. */
export const MM_INTEGRITY: Record<string, number> = {
  md5: II.IKEEXT_INTEGRITY_MD5,
  sha1: II.IKEEXT_INTEGRITY_SHA1,
  sha256: II.IKEEXT_INTEGRITY_SHA_256,
  sha384: II.IKEEXT_INTEGRITY_SHA_384,
};
/** DH groups (canonical names) -> IKEEXT_DH_GROUP. */
export const MM_DH: Record<string, number> = {
  none: DH.IKEEXT_DH_GROUP_NONE,
  dh1: DH.IKEEXT_DH_GROUP_1,
  dh2: DH.IKEEXT_DH_GROUP_2,
  dh14: DH.IKEEXT_DH_GROUP_14,
  ecp256: DH.IKEEXT_DH_ECP_256,
  ecp384: DH.IKEEXT_DH_ECP_384,
  dh24: DH.IKEEXT_DH_GROUP_24,
};
/** strongSwan spellings of DH groups. */
export const DH_ALIASES: Record<string, string> = {
  modp768: "dh1",
  modp1024: "dh2",
  modp2048: "dh14",
  modp2048s256: "dh24",
};
/** PFS groups -> IPSEC_PFS_GROUP. */
export const PFS_GROUPS: Record<string, number> = {
  none: PFS.IPSEC_PFS_NONE,
  dh1: PFS.IPSEC_PFS_1,
  dh2: PFS.IPSEC_PFS_2,
  dh14: PFS.IPSEC_PFS_14,
  ecp256: PFS.IPSEC_PFS_ECP_256,
  ecp384: PFS.IPSEC_PFS_ECP_384,
  mm: PFS.IPSEC_PFS_MM,
  dh24: PFS.IPSEC_PFS_24,
};
/** IPsec integrity names -> IPSEC_AUTH_TRANSFORM_ID0. */
export const QM_INTEGRITY: Record<string, { authType: number; authConfig: number }> = {
  md5: { authType: AT.IPSEC_AUTH_MD5, authConfig: AC.IPSEC_AUTH_CONFIG_HMAC_MD5_96 },
  sha1: { authType: AT.IPSEC_AUTH_SHA_1, authConfig: AC.IPSEC_AUTH_CONFIG_HMAC_SHA_1_96 },
  sha256: { authType: AT.IPSEC_AUTH_SHA_256, authConfig: AC.IPSEC_AUTH_CONFIG_HMAC_SHA_256_128 },
  gmac128: { authType: AT.IPSEC_AUTH_AES_128, authConfig: AC.IPSEC_AUTH_CONFIG_GCM_AES_128 },
  gmac192: { authType: AT.IPSEC_AUTH_AES_192, authConfig: AC.IPSEC_AUTH_CONFIG_GCM_AES_192 },
  gmac256: { authType: AT.IPSEC_AUTH_AES_256, authConfig: AC.IPSEC_AUTH_CONFIG_GCM_AES_256 },
};
/** IPsec cipher names -> IPSEC_CIPHER_TRANSFORM_ID0. */
export const QM_CIPHERS: Record<string, { cipherType: number; cipherConfig: number }> = {
  des: { cipherType: CT.IPSEC_CIPHER_TYPE_DES, cipherConfig: CC.IPSEC_CIPHER_CONFIG_CBC_DES },
  "3des": { cipherType: CT.IPSEC_CIPHER_TYPE_3DES, cipherConfig: CC.IPSEC_CIPHER_CONFIG_CBC_3DES },
  aes128: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_128, cipherConfig: CC.IPSEC_CIPHER_CONFIG_CBC_AES_128 },
  aes192: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_192, cipherConfig: CC.IPSEC_CIPHER_CONFIG_CBC_AES_192 },
  aes256: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_256, cipherConfig: CC.IPSEC_CIPHER_CONFIG_CBC_AES_256 },
  aesgcm128: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_128, cipherConfig: CC.IPSEC_CIPHER_CONFIG_GCM_AES_128 },
  aesgcm192: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_192, cipherConfig: CC.IPSEC_CIPHER_CONFIG_GCM_AES_192 },
  aesgcm256: { cipherType: CT.IPSEC_CIPHER_TYPE_AES_256, cipherConfig: CC.IPSEC_CIPHER_CONFIG_GCM_AES_256 },
};

/** Algorithms refused unless `allowWeakCrypto: true`. */
export const WEAK = new Set(["des", "3des", "md5", "sha1", "dh1", "dh2"]);

/** Parses `aes256-sha256-ecp384`; returns an error message on failure. */
export function parseMm(s: string): MmProposal | string {
  const parts = s.split("-");
  const allowed =
    `write cipher-integrity-group, e.g. aes256-sha256-ecp384; ciphers: ${
      Object.keys(MM_CIPHERS).join(", ")
    }; ` +
    `integrity: ${Object.keys(MM_INTEGRITY).join(", ")}; groups: ${
      [...Object.keys(MM_DH), ...Object.keys(DH_ALIASES)].join(", ")
    }`;
  if (parts.length !== 3) return `'${s}' is not a main-mode proposal; ${allowed}`;
  const [c, i, d0] = parts;
  const d = DH_ALIASES[d0] ?? d0;
  if (!(c in MM_CIPHERS)) return `unknown main-mode cipher '${c}' in '${s}'; ${allowed}`;
  if (!(i in MM_INTEGRITY)) return `unknown main-mode integrity '${i}' in '${s}'; ${allowed}`;
  if (!(d in MM_DH)) return `unknown Diffie-Hellman group '${d0}' in '${s}'; ${allowed}`;
  return { cipher: c, integrity: i, dh: d };
}

/** Canonical compact form of a main-mode proposal. */
export const formatMm = (p: MmProposal): string => `${p.cipher}-${p.integrity}-${p.dh}`;

const QM_HELP = "write transforms like esp-aesgcm256, esp-aes256-sha256, esp-sha256, ah-sha256 or " +
  "ah-sha256+esp-aes256-sha256; ESP ciphers: " + Object.keys(QM_CIPHERS).join(", ") + "; integrity: " +
  Object.keys(QM_INTEGRITY).join(", ");

/** Parses one transform (`ah-...` or `esp-...`) into the proposal being built. */
function parseTransform(t: string, into: QmProposal, whole: string): string | undefined {
  const [proto, ...algs] = t.split("-");
  if (proto === "ah") {
    if (into.ah) return `'${whole}' has two AH transforms; ${QM_HELP}`;
    if (algs.length !== 1 || !(algs[0] in QM_INTEGRITY)) return `'${t}' is not an AH transform; ${QM_HELP}`;
    into.ah = algs[0];
    return undefined;
  }
  if (proto === "esp") {
    if (into.esp) return `'${whole}' has two ESP transforms; ${QM_HELP}`;
    const a = algs.filter((x) => x !== "null");
    if (a.length === 1 && a[0].startsWith("aesgcm") && a[0] in QM_CIPHERS) {
      into.esp = { cipher: a[0], integrity: "gmac" + a[0].slice(6) };
      return undefined;
    }
    if (a.length === 1 && a[0] in QM_INTEGRITY) {
      into.esp = { cipher: "none", integrity: a[0] };
      return undefined;
    }
    if (a.length === 1 && a[0] in QM_CIPHERS) {
      into.esp = { cipher: a[0], integrity: "none" };
      return undefined;
    }
    if (a.length === 2 && a[0] in QM_CIPHERS && a[1] in QM_INTEGRITY) {
      into.esp = { cipher: a[0], integrity: a[1] };
      return undefined;
    }
    return `'${t}' is not an ESP transform; ${QM_HELP}`;
  }
  return `'${t}' is neither AH nor ESP; ${QM_HELP}`;
}

/** Parses `esp-aes256-sha256`, `ah-sha1+esp-aesgcm256`, ...; returns an error message on failure. */
export function parseQm(s: string): QmProposal | string {
  const out: QmProposal = {};
  const parts = s.split("+");
  if (parts.length > 2) return `'${s}' has more than two transforms; ${QM_HELP}`;
  for (const t of parts) {
    const e = parseTransform(t, out, s);
    if (e) return e;
  }
  return checkQm(out) ?? out;
}

/** Consistency of a proposal object (GCM ciphers need the matching GMAC integrity, ESP not empty). */
export function checkQm(p: QmProposal): string | undefined {
  if (!p.ah && !p.esp) return "a quick-mode proposal needs 'ah' or 'esp'";
  if (p.esp) {
    const { cipher, integrity } = p.esp;
    if (cipher === "none" && integrity === "none") {
      return "ESP needs a cipher, an integrity algorithm, or both";
    }
    if (cipher.startsWith("aesgcm") && integrity !== "gmac" + cipher.slice(6)) {
      return `ESP cipher ${cipher} authenticates itself: its integrity must be gmac${
        cipher.slice(6)
      } (write esp-${cipher})`;
    }
    if (integrity.startsWith("gmac") && cipher !== "none" && cipher !== "aesgcm" + integrity.slice(4)) {
      return `ESP integrity ${integrity} is only valid alone or with aesgcm${integrity.slice(4)}`;
    }
  }
  return undefined;
}

/** Canonical compact form of a quick-mode proposal. */
export function formatQm(p: QmProposal): string {
  const parts: string[] = [];
  if (p.ah) parts.push(`ah-${p.ah}`);
  if (p.esp) {
    const { cipher, integrity } = p.esp;
    if (cipher.startsWith("aesgcm")) parts.push(`esp-${cipher}`);
    else if (cipher === "none") parts.push(`esp-${integrity}`);
    else if (integrity === "none") parts.push(`esp-${cipher}`);
    else parts.push(`esp-${cipher}-${integrity}`);
  }
  return parts.join("+");
}

/** Weak algorithm names used by a quick-mode proposal. */
export function weakInQm(p: QmProposal): string[] {
  const out: string[] = [];
  if (p.ah && WEAK.has(p.ah)) out.push(p.ah);
  if (p.esp) { for (const a of [p.esp.cipher, p.esp.integrity]) if (WEAK.has(a)) out.push(a); }
  return out;
}

/** Duration: integer seconds or "8h"/"30m"/"45s"/"1d". */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  if (typeof v !== "string") return undefined;
  const m = /^([0-9]+)([smhd])$/.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"];
}
