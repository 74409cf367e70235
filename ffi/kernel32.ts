/**
 * kernel32 functions wfpsec needs to find fwpuclnt.dll without trusting the environment:
 * GetSystemDirectoryW (sysinfoapi.h: `UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize)`) gives
 * System32 as the system knows it, where %SystemRoot% is whatever the caller's environment says.
 * kernel32.dll is a KnownDLL: loading it by name cannot be redirected by the search order.
 *
 * ProgramData is derived from System32's drive (`C:\Windows\System32` -> `C:\ProgramData`), never read
 * from %ProgramData%, which any caller sets: Windows creates ProgramData at the root of the system drive and
 * Microsoft does not support moving it (SHGetKnownFolderPath(FOLDERID_ProgramData) would be the full answer;
 * docs/windows-verification.md HD1 records the test that settles it on a real host).
 */
import { SystemFolderError } from "./errors.ts";

/** The dlopen table (Win64: UINT is u32, LPWSTR a buffer). */
export const KERNEL32_SYMBOLS = {
  GetSystemDirectoryW: { parameters: ["buffer", "u32"], result: "u32" },
} as const;

let cached: string | undefined;

/** The System32 folder from GetSystemDirectoryW (Windows only; throws when the call fails). */
export function systemDirectory(): string {
  if (cached) return cached;
  const lib = Deno.dlopen("kernel32.dll", KERNEL32_SYMBOLS);
  try {
    const buf = new Uint16Array(32768);
    const n = lib.symbols.GetSystemDirectoryW(buf, buf.length);
    if (n === 0 || n >= buf.length) throw new SystemFolderError(`GetSystemDirectoryW failed (returned ${n})`);
    cached = String.fromCharCode(...buf.subarray(0, n));
    return cached;
  } finally {
    lib.close();
  }
}

/**
 * The ProgramData folder for a System32 path from GetSystemDirectoryW: `<drive>:\\ProgramData`. Anything but a
 * drive-letter path (a UNC or device path, an empty string) is refused rather than guessed.
 */
export function programDataFor(system32: string): string {
  const m = /^([A-Za-z]):\\/.exec(system32);
  // deno-lint-ignore no-control-regex -- NUL and control characters never occur in a real path
  if (!m || /[\u0000-\u001f]/.test(system32)) {
    throw new SystemFolderError(
      `cannot derive ProgramData from the system folder ${
        JSON.stringify(system32)
      } (expected a drive path such ` +
        `as C:\\Windows\\System32)`,
    );
  }
  return `${m[1].toUpperCase()}:\\ProgramData`;
}

/** ProgramData of this Windows host, from GetSystemDirectoryW (Windows only; never from the environment). */
export function programDataDirectory(): string {
  return programDataFor(systemDirectory());
}
