/**
 * Which fwpuclnt to load, and loading it once per process.
 * - Windows: `<GetSystemDirectoryW>\fwpuclnt.dll` by absolute path (no DLL search-order surprises, and not
 *   `%SystemRoot%`, which the caller's environment chooses);
 * - the simulator only when asked (`simulator: true`): `fwpsimLibrary()`.
 * A library exporting fwpsim's hook is fwpsim whatever the OS (ffi/fwpsim.ts), so simulator output always
 * says so. The product's symbol table holds fwpuclnt's exports only; the tests open fwpsim's test hooks
 * themselves (tests/support/simHooks.ts).
 */
import { type FwpSymbols, SYMBOLS } from "./symbols.ts";
import { systemDirectory } from "./kernel32.ts";
import { describeMissing, EXPORT_MINIMUM } from "./minimum.ts";
import { isFwpsim } from "./fwpsim.ts";
import { EngineUnavailableError } from "./errors.ts";

/** The library to load and what it is. */
export interface LibraryChoice {
  path: string;
  /** What the caller asked for; `loadLibrary` corrects it to "fwpsim" when Sim* hooks are exported. */
  requested: "windows" | "fwpsim";
}

export { EngineUnavailableError };

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Default fwpsim library path: WFPSEC_FWPSIM_LIB (unless `ignoreEnvironment`), else `build/libfwpsim.so`
 * (`build\\fwpuclnt.dll` on Windows) of the installation: beside the sources when run from source, beside
 * the executable when compiled. Never the current directory, which whoever starts wfpsec chooses.
 */
export function fwpsimLibrary(ignoreEnvironment = false, moduleUrl: string = import.meta.url): string {
  const fromEnv = ignoreEnvironment ? undefined : env("WFPSEC_FWPSIM_LIB");
  if (fromEnv) return fromEnv;
  const file = Deno.build.os === "windows" ? "fwpuclnt.dll" : "libfwpsim.so";
  const candidates: string[] = [];
  try {
    const here = new URL("../build/" + file, moduleUrl);
    if (here.protocol === "file:") {
      candidates.push(decodeURIComponent(here.pathname.replace(/^\/([A-Za-z]:)/, "$1")));
    }
  } catch { /* compiled binaries have no file: module URL */ }
  const exe = Deno.execPath();
  const sep = Deno.build.os === "windows" ? "\\" : "/";
  candidates.push(
    `${exe.slice(0, Math.max(exe.lastIndexOf("/"), exe.lastIndexOf("\\")))}${sep}build${sep}${file}`,
  );
  for (const c of candidates) {
    try {
      if (Deno.statSync(c).isFile) return c;
    } catch { /* try the next */ }
  }
  return candidates[0];
}

/** Resolves the library path for `opts` (no loading). */
export function resolveLibrary(opts: { simulator?: boolean; library?: string } = {}): LibraryChoice {
  const windows = Deno.build.os === "windows";
  if (opts.library) {
    return { path: opts.library, requested: opts.simulator ? "fwpsim" : windows ? "windows" : "fwpsim" };
  }
  if (opts.simulator) return { path: fwpsimLibrary(), requested: "fwpsim" };
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

type AnyLibrary = Deno.DynamicLibrary<Deno.ForeignLibraryInterface>;
const loaded = new Map<string, { libs: AnyLibrary[]; info: LoadedLibrary }>();

/**
 * Binding is per symbol, on first use: Deno.dlopen builds a foreign function for every symbol it is given,
 * about 1 ms each here, and binding all 54 cost ~55 ms of every engine command's start-up while a plan uses
 * a dozen (bench/startup_bench.ts; one symbol: 1.5 ms). Each binding is one more dlopen of the same, already
 * loaded library (the OS counts references: one fwpuclnt, one fwpsim state). At load only the exports that
 * date the library (minimum.ts) are bound, so an older Windows is still refused at load, naming them.
 */
function lazySymbols(path: string, libs: AnyLibrary[], first: Record<string, unknown>): FwpSymbols {
  const symbols: Record<string, unknown> = {};
  for (const name of Object.keys(SYMBOLS) as (keyof typeof SYMBOLS)[]) {
    if (name in first) {
      symbols[name] = first[name];
      continue;
    }
    Object.defineProperty(symbols, name, {
      configurable: true,
      enumerable: true,
      get() {
        let lib: AnyLibrary;
        try {
          lib = Deno.dlopen(path, { [name]: SYMBOLS[name] } as Deno.ForeignLibraryInterface);
        } catch (e) {
          throw new EngineUnavailableError(
            describeMissing(path, [name]) || `cannot bind ${name} in ${path}: ${(e as Error).message}`,
          );
        }
        libs.push(lib);
        const fn = lib.symbols[name];
        Object.defineProperty(symbols, name, { value: fn, enumerable: true });
        return fn;
      },
    });
  }
  return symbols as FwpSymbols;
}

/** Loads (once per path) and returns the library for `opts`. */
export function loadLibrary(opts: { simulator?: boolean; library?: string } = {}): LoadedLibrary {
  const choice = resolveLibrary(opts);
  const hit = loaded.get(choice.path);
  if (hit) return hit.info;
  // The exports that date the library, and the engine's opener, bound now (optional, so none is missing
  // unnoticed: a missing one is named with the release that added it, issue 12 rule 11).
  const dating = ["FwpmEngineOpen0", ...Object.keys(EXPORT_MINIMUM)] as (keyof typeof SYMBOLS)[];
  const table = Object.fromEntries(dating.map((n) => [n, { ...SYMBOLS[n], optional: true }]));
  let lib: AnyLibrary;
  try {
    lib = Deno.dlopen(choice.path, table as Deno.ForeignLibraryInterface);
  } catch (e) {
    const hint = choice.requested === "fwpsim" ? " (build it with scripts/build-fwpsim.sh)" : "";
    throw new EngineUnavailableError(`cannot load ${choice.path}${hint}: ${(e as Error).message}`);
  }
  const absent = dating.filter((n) => lib.symbols[n] === null);
  if (absent.length) {
    lib.close();
    throw new EngineUnavailableError(describeMissing(choice.path, absent));
  }
  const libs = [lib];
  const kind = isFwpsim(choice.path) ? "fwpsim" : "windows";
  const info: LoadedLibrary = {
    path: choice.path,
    kind,
    symbols: lazySymbols(choice.path, libs, lib.symbols),
  };
  loaded.set(choice.path, { libs, info });
  return info;
}

/** Unloads every library loaded by `loadLibrary` (tests; engines using them must be closed first). */
export function unloadLibraries(): void {
  for (const { libs } of loaded.values()) for (const lib of libs) lib.close();
  loaded.clear();
}
