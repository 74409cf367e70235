/**
 * Explain bench (part of `deno task bench`): `wfpsec explain` on a 50,000-filter `netsh wfp show state`
 * snapshot (generated foreign filters at the ALE, transport and IPsec layers: address masks, IPv6 ranges,
 * ports, protocols, app ids), as a ratio to reading that snapshot in this process, plus the absolute time
 * (target: under 1 s per explanation, and explaining no slower than reading: ratio <= 1). Three connections:
 * one that few filters match, an inbound one with a program, and an IPv6 one without a port that every v6
 * TCP filter's range matches (thousands listed). Medians of interleaved runs; exit 1 when a target is missed.
 */
import { parseNetshXml, SnapshotEngine } from "../modules/engine/mod.ts";
import { explainTraffic, type Traffic } from "../modules/explain/mod.ts";
import { foreignStateXml } from "../tests/support/foreignDump.ts";

const N = Number(Deno.env.get("WFPSEC_BENCH_EXPLAIN_FILTERS") ?? 50_000);
const RUNS = Number(Deno.env.get("WFPSEC_BENCH_RUNS") ?? 5);
const ABSOLUTE_TARGET_MS = 1000, RATIO_TARGET = 1;

const xml = foreignStateXml(N);
const TRAFFIC: Traffic[] = [
  { direction: "out", remote: "10.0.5.7", protocol: 6, remotePort: 1029 },
  {
    direction: "in",
    remote: "10.0.9.1",
    protocol: 17,
    localPort: 445,
    program: "\\device\\harddiskvolume3\\x.exe",
  },
  { direction: "out", remote: "fe80::1", protocol: 6 }, // no port: every v6 TCP filter stays (not evaluated)
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

let engine: SnapshotEngine | undefined;
const read: number[] = [], explain: number[] = [];
let matched = 0;
for (let r = 0; r < RUNS; r++) {
  read.push(
    time(() => engine = new SnapshotEngine(parseNetshXml(xml, "bench.xml"), "bench.xml", "netsh XML")),
  );
  explain.push(
    time(() => {
      matched = 0;
      for (const t of TRAFFIC) {
        for (const l of explainTraffic(engine!, t).layers) {
          for (const s of l.sublayers) matched += s.filters.length;
        }
      }
    }) / TRAFFIC.length,
  );
}
const filters = engine!.enumFilters().length;
const readMs = median(read), explainMs = median(explain), ratio = explainMs / readMs;
console.log(
  `explain: ${filters} filters (${(xml.length / 1048576).toFixed(1)} MB dump); read ${
    readMs.toFixed(0)
  } ms; ` +
    `explain ${
      explainMs.toFixed(1)
    } ms per connection (${matched} filters matched over ${TRAFFIC.length}); ` +
    `ratio explain/read ${
      ratio.toFixed(3)
    } (target <= ${RATIO_TARGET}); absolute target < ${ABSOLUTE_TARGET_MS} ms`,
);
if (filters !== N) throw new Error(`expected ${N} filters, read ${filters}`);
if (explainMs >= ABSOLUTE_TARGET_MS || ratio > RATIO_TARGET) {
  console.log("explain bench: target missed");
  Deno.exit(1);
}
