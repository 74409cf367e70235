/**
 * Application ids as WFP holds them: the byte blob FwpmGetAppIdFromFileName0 returns, a NUL-terminated
 * UTF-16LE device path. Pure (no FFI), so the compiler's decoder and `show` share it.
 */
const UTF16LE = new TextDecoder("utf-16le");

/** The device path an FWPM_CONDITION_ALE_APP_ID byte blob names (trailing NULs dropped). */
export function appIdPath(blob: Uint8Array): string {
  return UTF16LE.decode(blob).replace(/\0+$/, "");
}
