/**
 * Which fwpuclnt to load, and loading it once per process.
 * - Windows: `<GetSystemDirectoryW>\fwpuclnt.dll` by absolute path (no DLL search-order surprises, and not
 *   `%SystemRoot%`, which the caller's environment chooses);
 * - the simulator only when asked (`simulator: true`): `WFPSEC_FWPSIM_LIB`, else `<repo>/build/libfwpsim.so`
 *   (`<repo>\build\fwpuclnt.dll` on Windows/Wine).
 * A library exporting the Sim* hooks is fwpsim whatever the OS, so simulator output always says so.
 */
import { type FwpSymbols, SYMBOLS } from "./symbols.ts";
import { systemDirectory } from "./kernel32.ts";
import { describeMissing, missingExports } from "./minimum.ts";

/** The library to load and what it is. */
export interface LibraryChoice {
  path: string;
  /** What the caller asked for; `loadLibrary` corrects it to "fwpsim" when Sim* hooks are exported. */
  requested: "windows" | "fwpsim";
}

/** Raised when no engine library is available for the request (e.g. Linux without `--engine sim`). */
export class EngineUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineUnavailableError";
  }
}

function repoRoot(): string {
  const url = new URL("../", import.meta.url);
  if (url.protocol !== "file:") {
    // Compiled: the installation is the executable's folder (never the current directory).
    const exe = Deno.execPath();
    return exe.slice(0, Math.max(exe.lastIndexOf("/"), exe.lastIndexOf("\\")));
  }
  let p = decodeURIComponent(url.pathname);
  if (Deno.build.os === "windows" && /^\/[A-Za-z]:/.test(p)) p = p.slice(1).replaceAll("/", "\\");
  return p.replace(/[\\/]$/, "");
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

/** Resolves the library path for `opts` (no loading). */
export function resolveLibrary(opts: { simulator?: boolean; library?: string } = {}): LibraryChoice {
  const windows = Deno.build.os === "windows";
  if (opts.library) {
    return { path: opts.library, requested: opts.simulator ? "fwpsim" : windows ? "windows" : "fwpsim" };
  }
  if (opts.simulator) {
    const sep = windows ? "\\" : "/";
    const fallback = `${repoRoot()}${sep}build${sep}${windows ? "fwpuclnt.dll" : "libfwpsim.so"}`;
    return { path: env("WFPSEC_FWPSIM_LIB") ?? fallback, requested: "fwpsim" };
  }
  if (windows) {
    return { path: `${systemDirectory()}\\fwpuclnt.dll`, requested: "windows" };
  }
  throw new EngineUnavailableError(
    `the Windows Filtering Platform is only available on Windows (this is ${Deno.build.os}); ` +
      "use the simulator (--engine sim or WFPSEC_ENGINE=sim) for tests and demos",
  );
}

/** A loaded engine library. */
export interface LoadedLibrary {
  path: string;
  kind: "windows" | "fwpsim";
  symbols: FwpSymbols;
}

const loaded = new Map<string, { lib: Deno.DynamicLibrary<typeof SYMBOLS>; info: LoadedLibrary }>();

/** Loads (once per path) and returns the library for `opts`. */
export function loadLibrary(opts: { simulator?: boolean; library?: string } = {}): LoadedLibrary {
  const choice = resolveLibrary(opts);
  const hit = loaded.get(choice.path);
  if (hit) return hit.info;
  let lib: Deno.DynamicLibrary<typeof SYMBOLS>;
  try {
    lib = Deno.dlopen(choice.path, SYMBOLS);
  } catch (e) {
    // A missing export (an older Windows) is named with the release that added it (issue 12 rule 11).
    const missing = describeMissing(choice.path, missingExports(choice.path));
    if (missing) throw new EngineUnavailableError(missing);
    const hint = choice.requested === "fwpsim" ? " (build it with scripts/build-fwpsim.sh)" : "";
    throw new EngineUnavailableError(`cannot load ${choice.path}${hint}: ${(e as Error).message}`);
  }
  const kind = lib.symbols.SimOutstandingAllocations !== null ? "fwpsim" : "windows";
  const info: LoadedLibrary = { path: choice.path, kind, symbols: lib.symbols };
  loaded.set(choice.path, { lib, info });
  return info;
}

/** Unloads every library loaded by `loadLibrary` (tests; engines using them must be closed first). */
export function unloadLibraries(): void {
  for (const { lib } of loaded.values()) lib.close();
  loaded.clear();
}
