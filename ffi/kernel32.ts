/**
 * kernel32 functions wfpsec needs to find fwpuclnt.dll without trusting the environment:
 * GetSystemDirectoryW (sysinfoapi.h: `UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize)`) gives
 * System32 as the system knows it, where %SystemRoot% is whatever the caller's environment says.
 * kernel32.dll is a KnownDLL: loading it by name cannot be redirected by the search order.
 */

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
    if (n === 0 || n >= buf.length) throw new Error(`GetSystemDirectoryW failed (returned ${n})`);
    cached = String.fromCharCode(...buf.subarray(0, n));
    return cached;
  } finally {
    lib.close();
  }
}
