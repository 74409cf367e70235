/**
 * FFI bench: add and enumerate+decode N filters through Deno FFI into fwpsim, and the same workload by the
 * C driver against the same library, in one run. Workload (identical on both sides): dynamic session;
 * provider + sublayer; one transaction adding N filters "bench-filter-<i>" at OUTBOUND_TRANSPORT_V4, weight
 * FWP_UINT64 = i (by pointer), conditions LOCAL_ADDRESS_TYPE == UINT8 1, PROTOCOL == UINT8 6,
 * REMOTE_ADDRESS == V4_ADDR_MASK {0x0a000000 + i, 0xffffff00}, action CALLOUT_TERMINATING
 * IPSEC_OUTBOUND_TRANSPORT_V4, rawContext 1; then enumeration by provider in pages of 1000 with every filter
 * fully decoded.
 *
 * The C baseline runs in this process (build/libfwpsim_driver.so, `fwpsim_driver_run`), against the very
 * fwpsim instance the Deno side uses: on a shared VM the machine's speed drifts by 2x over seconds, so each
 * Deno rep is paired with a C rep measured right beside it (the order alternates), and the verdict is the
 * median of the per-pair ratios of 15 pairs. The stand-alone driver program (build/fwpsim_driver) runs once
 * per size too, for the C side's own peak memory and as a cross-check of the in-process C figures.
 *
 * Usage: deno run --allow-ffi --allow-read --allow-env --allow-run --allow-sys bench/ffi_bench.ts [N...]
 */
import process from "node:process";
import { CALLOUTS, CONDITIONS, ENUMS, LAYERS } from "../ffi/constants.ts";
import { openEngine } from "../modules/engine/ffi.ts";
import { loadLibrary } from "../ffi/library.ts";
import { simHooks } from "../tests/support/simHooks.ts";
import type { Filter } from "../modules/graph/graph.ts";

const REPS = 15;
const PAGE = 1000;
const sizes = Deno.args.length ? Deno.args.map(Number) : [10_000, 100_000];
const root = new URL("../", import.meta.url).pathname;
const lib = loadLibrary({ simulator: true });
const driver = `${root}build/fwpsim_driver`;
const driverLib = `${root}build/libfwpsim_driver.so`;

const PROVIDER = "b3c1e6a0-0000-4000-8000-00000000be01";
const SUBLAYER = "b3c1e6a0-0000-4000-8000-00000000be02";
const DT = ENUMS.FWP_DATA_TYPE;
const MT = ENUMS.FWP_MATCH_TYPE;

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return Deno.memoryUsage().rss / 1048576;
}

/** The bench filter i, built like the C driver builds it (engine-assigned key). */
function benchFilter(i: number): Filter {
  return {
    filterKey: "00000000-0000-0000-0000-000000000000",
    displayData: { name: `bench-filter-${i}` },
    flags: 0,
    providerKey: PROVIDER,
    layerKey: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
    subLayerKey: SUBLAYER,
    weight: { type: DT.FWP_UINT64, uint64: BigInt(i) },
    filterCondition: [
      {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
        matchType: MT.FWP_MATCH_EQUAL,
        conditionValue: { type: DT.FWP_UINT8, uint8: 1 },
      },
      {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
        matchType: MT.FWP_MATCH_EQUAL,
        conditionValue: { type: DT.FWP_UINT8, uint8: 6 },
      },
      {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
        matchType: MT.FWP_MATCH_EQUAL,
        conditionValue: {
          type: DT.FWP_V4_ADDR_MASK,
          v4AddrMask: { addr: (0x0a000000 + i) >>> 0, mask: 0xffffff00 },
        },
      },
    ],
    action: {
      type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_CALLOUT_TERMINATING,
      calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4,
    },
    rawContext: 1n,
  };
}

interface Rep {
  addMs: number;
  enumMs: number;
  /** CPU time of the phase (all of the process's threads, so V8's GC helpers count too). */
  addCpuMs: number;
  enumCpuMs: number;
  decoded: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function denoRep(n: number): Rep {
  const engine = openEngine({ simulator: true, dynamic: true, sessionName: "wfpsec ffi bench" });
  try {
    engine.addProvider({ providerKey: PROVIDER, displayData: { name: "bench provider" }, flags: 0 });
    engine.addSublayer({
      subLayerKey: SUBLAYER,
      displayData: { name: "bench sublayer" },
      flags: 0,
      providerKey: PROVIDER,
      weight: 1,
    });
    // Like the C driver, each filter is built in the loop (name, weight, address) and then marshalled.
    const c0 = cpuMs();
    const t0 = performance.now();
    engine.transaction(() => {
      for (let i = 0; i < n; i++) engine.addFilter(benchFilter(i));
    });
    const t1 = performance.now();
    const c1 = cpuMs();
    let decoded = 0;
    let check = 0;
    for (const page of engine.filterPages({ providerKey: PROVIDER }, PAGE)) {
      decoded += page.length;
      for (const f of page) check += f.filterCondition.length;
    }
    const t2 = performance.now();
    const c2 = cpuMs();
    if (decoded !== n || check !== 3 * n) {
      throw new Error(`decoded ${decoded} filters / ${check} conditions, expected ${n}`);
    }
    return { addMs: t1 - t0, enumMs: t2 - t1, addCpuMs: c1 - c0, enumCpuMs: c2 - c1, decoded };
  } finally {
    engine.close();
  }
}

interface CRun {
  addMs: number;
  enumMs: number;
  addCpuMs: number;
  enumCpuMs: number;
}

/** The stand-alone C driver: 3 warm runs in a fresh process; its last run and peak RSS. */
async function cProcess(n: number): Promise<{ run: CRun; peakMb: number } | null> {
  try {
    Deno.statSync(driver);
  } catch {
    return null;
  }
  // Peak RSS through /usr/bin/time: the driver's own ru_maxrss would include the forking Deno process.
  let timed = true;
  try {
    Deno.statSync("/usr/bin/time");
  } catch {
    timed = false;
  }
  const out = await new Deno.Command(timed ? "/usr/bin/time" : driver, {
    args: timed ? ["-f", "WFPSEC_MAXRSS_KB=%M", driver, String(n)] : [String(n)],
    env: { FWPSIM_STATE: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (out.code !== 0) {
    throw new Error(`C driver failed (${out.code}): ${new TextDecoder().decode(out.stderr)}`);
  }
  const line = text.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  if (!line) throw new Error(`C driver printed no JSON: ${text}`);
  const j = JSON.parse(line) as {
    runs: { addMs: number; enumDecodeMs: number; addCpuMs: number; enumDecodeCpuMs: number }[];
    peakRssKb: number;
  };
  const rss = /WFPSEC_MAXRSS_KB=(\d+)/.exec(new TextDecoder().decode(out.stderr));
  const r = j.runs[j.runs.length - 1];
  return {
    run: { addMs: r.addMs, enumMs: r.enumDecodeMs, addCpuMs: r.addCpuMs, enumCpuMs: r.enumDecodeCpuMs },
    peakMb: (rss ? Number(rss[1]) : j.peakRssKb) / 1024,
  };
}

/** The in-process C baseline, or null when libfwpsim_driver.so is not built. */
function openDriverLib(): ((n: number) => CRun) | null {
  try {
    Deno.statSync(driverLib);
  } catch {
    return null;
  }
  const dl = Deno.dlopen(driverLib, {
    fwpsim_driver_run: { parameters: ["u32", "buffer"], result: "i32" },
  });
  const out = new Float64Array(4);
  const count = () => simHooks(lib)!.mutationCount();
  return (n: number) => {
    const before = count();
    const rc = dl.symbols.fwpsim_driver_run(n, out);
    if (rc !== 0) throw new Error(`fwpsim_driver_run(${n}) failed (${rc})`);
    // The driver's adds must show in this library's counter: the same fwpsim instance as the Deno side.
    if (count() === before) throw new Error(`${driverLib} did not bind to ${lib.path}`);
    return { addMs: out[0], enumMs: out[1], addCpuMs: out[2], enumCpuMs: out[3] };
  };
}

const fmt = (ms: number, n: number) => `${ms.toFixed(1)} ms (${(n / ms / 1000).toFixed(2)} M/s)`;

console.log(`ffi bench: library ${lib.path} (${lib.kind}); reps ${REPS}; enum page ${PAGE}`);
const cRun = openDriverLib();
if (!cRun) {
  console.log(`  C driver library ${driverLib} not built (scripts/build-fwpsim.sh): Deno figures only`);
}
// Warm-up (not reported): JIT-compile the codec and engine paths, and warm the C side likewise.
denoRep(5000);
cRun?.(5000);
let failed = false;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
for (const n of sizes) {
  console.log(`\n== N = ${n}`);
  cRun?.(n);
  denoRep(n);
  const cs: CRun[] = [], ds: Rep[] = [];
  for (let r = 1; r <= REPS; r++) {
    // Alternate which side goes first, so neither always runs right after the other's garbage.
    const cFirst = r % 2 === 1;
    let c: CRun | null = cFirst && cRun ? cRun(n) : null;
    const d = denoRep(n);
    if (!cFirst && cRun) c = cRun(n);
    ds.push(d);
    if (c) {
      cs.push(c);
      console.log(
        `  C    rep ${r}: add ${fmt(c.addMs, n)} cpu ${c.addCpuMs.toFixed(1)} ms  enum+decode ${
          fmt(c.enumMs, n)
        } cpu ${c.enumCpuMs.toFixed(1)} ms`,
      );
    }
    console.log(
      `  Deno rep ${r}: add ${fmt(d.addMs, n)} cpu ${d.addCpuMs.toFixed(1)} ms  enum+decode ${
        fmt(d.enumMs, n)
      } cpu ${d.enumCpuMs.toFixed(1)} ms`,
    );
  }
  const proc = await cProcess(n);
  if (proc) {
    console.log(
      `  C driver process (warm run): add ${fmt(proc.run.addMs, n)}  enum+decode ${fmt(proc.run.enumMs, n)}`,
    );
  }
  const peak = peakRssMb();
  console.log(
    `  peak RSS: Deno ${peak.toFixed(0)} MB${proc ? `, C driver process ${proc.peakMb.toFixed(0)} MB` : ""}`,
  );
  if (cs.length) {
    const ratios = (f: (d: Rep, c: CRun) => number) => ds.map((d, i) => f(d, cs[i]));
    const addRatios = ratios((d, c) => d.addMs / c.addMs), enumRatios = ratios((d, c) => d.enumMs / c.enumMs);
    const addCpu = ratios((d, c) => d.addCpuMs / c.addCpuMs),
      enumCpu = ratios((d, c) => d.enumCpuMs / c.enumCpuMs);
    const min = (xs: number[]) => Math.min(...xs);
    console.log(`  ratio Deno/C per pair, wall: add ${list(addRatios)}; enum+decode ${list(enumRatios)}`);
    console.log(`  ratio Deno/C per pair, CPU:  add ${list(addCpu)}; enum+decode ${list(enumCpu)}`);
    const addRatio = median(addRatios), enumRatio = median(enumRatios);
    console.log(
      `  ratio Deno/C (median of ${REPS} pairs), wall: add ${addRatio.toFixed(2)}x (target <= 2x), ` +
        `enum+decode ${enumRatio.toFixed(2)}x (target <= 3x)`,
    );
    console.log(
      `  ratio Deno/C (median of ${REPS} pairs), CPU:  add ${median(addCpu).toFixed(2)}x, enum+decode ${
        median(enumCpu).toFixed(2)
      }x; fastest rep of each side, wall: add ${
        (min(ds.map((d) => d.addMs)) / min(cs.map((c) => c.addMs))).toFixed(2)
      }x, enum+decode ${(min(ds.map((d) => d.enumMs)) / min(cs.map((c) => c.enumMs))).toFixed(2)}x`,
    );
    if (n >= 100_000) {
      const ok = addRatio <= 2 && enumRatio <= 3 && peak < 400;
      console.log(
        `  targets at ${n}: ${ok ? "met" : "NOT met"} (peak < 400 MB: ${peak < 400 ? "yes" : "no"})`,
      );
      if (!ok) failed = true;
    }
  }
}
if (failed) {
  console.log("\nffi bench: a target was missed (figures above)");
  Deno.exitCode = 1;
}
