/**
 * Decides whether this process is on a host where the real-Windows tests mean something: real Windows (not
 * Wine), elevated, with System32's fwpuclnt.dll being Microsoft's and not fwpsim. Anything else gets a
 * one-line reason that the skipped tests carry in their names.
 */

import { systemDirectory } from "../../ffi/kernel32.ts";

/** Where the real-BFE tests can run, or why not. */
export interface WindowsHost {
  usable: boolean;
  /** Why the tests are skipped ("" when usable). */
  reason: string;
  /** `<GetSystemDirectoryW>\fwpuclnt.dll`, the path production code loads (Windows only). */
  fwpuclntPath?: string;
}

function systemDll(name: string): string {
  // The folder production code takes (GetSystemDirectoryW), not %SystemRoot%.
  return `${systemDirectory()}\\${name}`;
}

/** Wine's ntdll exports `wine_get_version`; Microsoft's does not. */
function wineVersion(): string | undefined {
  const ntdll = Deno.dlopen(systemDll("ntdll.dll"), {
    wine_get_version: { parameters: [], result: "pointer", optional: true },
  });
  try {
    const fn = ntdll.symbols.wine_get_version;
    if (!fn) return undefined;
    const p = fn();
    return p ? Deno.UnsafePointerView.getCString(p) : "unknown";
  } finally {
    ntdll.close();
  }
}

/** fwpsim's DLL exports test hooks prefixed `Sim`; the real fwpuclnt.dll never does. */
function isFwpsim(path: string): boolean {
  const lib = Deno.dlopen(path, {
    SimReset: { parameters: [], result: "u32", optional: true },
  });
  try {
    return lib.symbols.SimReset !== null;
  } finally {
    lib.close();
  }
}

function isElevated(): boolean {
  const shell32 = Deno.dlopen(systemDll("shell32.dll"), {
    IsUserAnAdmin: { parameters: [], result: "i32" },
  });
  try {
    return shell32.symbols.IsUserAnAdmin() !== 0;
  } finally {
    shell32.close();
  }
}

/** Probes the host once; cheap and side-effect free. */
export function probeWindowsHost(): WindowsHost {
  if (Deno.build.os !== "windows") {
    return { usable: false, reason: `needs Windows + elevation; this is ${Deno.build.os}` };
  }
  const fwpuclntPath = systemDll("fwpuclnt.dll");
  const wine = wineVersion();
  if (wine !== undefined) {
    return { usable: false, reason: `needs Windows + elevation; this is Wine ${wine}`, fwpuclntPath };
  }
  if (isFwpsim(fwpuclntPath)) {
    return { usable: false, reason: `needs the real BFE; ${fwpuclntPath} is fwpsim`, fwpuclntPath };
  }
  if (!isElevated()) {
    return { usable: false, reason: "needs Windows + elevation; this process is not elevated", fwpuclntPath };
  }
  return { usable: true, reason: "", fwpuclntPath };
}

/** How a real-host test file runs here: for real, as a named rehearsal on fwpsim under Wine, or skipped. */
export interface RealHostMode {
  host: WindowsHost;
  /** The test bodies run (a real host, or the Wine rehearsal the wine stage asks for). */
  runs: boolean;
  /** Not a real host, but the wine stage's rehearsal against fwpsim. */
  rehearsal: boolean;
  /** Appended to every test name, so a rehearsal or a skip is never mistaken for a real-BFE pass. */
  suffix: string;
}

/** The one definition of the real-host / rehearsal / skip decision that every tests/windows file uses. */
export function realHostMode(): RealHostMode {
  const host = probeWindowsHost();
  const rehearsal = !host.usable && Deno.build.os === "windows" &&
    Deno.env.get("WFPSEC_WINDOWS_REHEARSAL") === "1";
  const suffix = host.usable
    ? ""
    : rehearsal
    ? " (rehearsal on fwpsim under Wine, not the real BFE)"
    : ` (skipped: ${host.reason})`;
  return { host, runs: host.usable || rehearsal, rehearsal, suffix };
}
