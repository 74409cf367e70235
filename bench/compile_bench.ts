/**
 * Compile benchmark: a policy with 10,000 rules, then 100,000 rules (each rule: one IPv4 /32 peer,
 * transport mode -> 4 filters). Prints load (parse + validate) and compile times, and the scaling ratio
 * compile(100k)/compile(10k) measured in the same process (linear = ~10; the target is < 13). Each compile
 * figure is a median of runs started from a collected heap (--v8-flags=--expose-gc), the two sizes
 * interleaved so both see the same machine conditions.
 */
import { cpuUsage } from "node:process";
import { compilePolicy } from "../modules/compiler/mod.ts";
import { loadPolicy } from "../modules/policy/mod.ts";

function policyText(n: number): string {
  const rules = [];
  for (let i = 0; i < n; i++) {
    rules.push({
      name: `r${i}`,
      remote: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      inbound: "require",
      outbound: "require",
      mainMode: "mm",
      quickMode: "qm",
    });
  }
  return JSON.stringify({
    version: 1,
    name: "bench",
    mainMode: [{ name: "mm", keyModule: "authip", auth: ["kerberos"], proposals: ["aes256-sha256-ecp256"] }],
    quickMode: [{ name: "qm", proposals: ["esp-aesgcm256"] }],
    rules,
    exemptions: ["icmp"],
  });
}

function prepare(n: number) {
  const text = policyText(n);
  const t = performance.now();
  const { policy } = loadPolicy(text, `bench-${n}.json`);
  return { policy, load: performance.now() - t };
}

/** One compile from a collected heap: wall and CPU milliseconds. */
function once(policy: ReturnType<typeof prepare>["policy"]) {
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now(), c0 = cpuUsage();
  const g = compilePolicy(policy);
  const c = cpuUsage(c0);
  return { wall: performance.now() - t, cpu: (c.user + c.system) / 1000, filters: g.filters.length };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

const warm = prepare(1000);
for (let i = 0; i < 3; i++) once(warm.policy); // JIT warm-up
const small = prepare(10_000), big = prepare(100_000);
// Interleaved (3 x 10k, then 1 x 100k, three times) so both sizes see the same machine conditions.
const s: ReturnType<typeof once>[] = [], l: ReturnType<typeof once>[] = [];
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 3; i++) s.push(once(small.policy));
  l.push(once(big.policy));
}
const a = {
  load: small.load,
  compile: median(s.map((x) => x.wall)),
  cpu: median(s.map((x) => x.cpu)),
  filters: s[0].filters,
};
const b = {
  load: big.load,
  compile: median(l.map((x) => x.wall)),
  cpu: median(l.map((x) => x.cpu)),
  filters: l[0].filters,
};
const ratio = b.compile / a.compile, cpuRatio = b.cpu / a.cpu;
const line = (n: string, x: typeof a) =>
  `compile_bench: ${n} rules: load ${x.load.toFixed(0)} ms, compile ${x.compile.toFixed(0)} ms wall / ` +
  `${x.cpu.toFixed(0)} ms CPU (${x.filters} filters)`;
console.log(line("10k", a));
console.log(line("100k", b));
console.log(
  `compile_bench: ratio compile(100k)/compile(10k) = ${cpuRatio.toFixed(2)} CPU, ${ratio.toFixed(2)} wall ` +
    "(target < 13; the CPU-time ratio is the gate: wall time on a shared machine includes other processes); " +
    `load ratio ${(b.load / a.load).toFixed(2)}`,
);
console.log(`compile_bench: peak RSS ${(Deno.memoryUsage().rss / 1048576).toFixed(0)} MB`);
if (cpuRatio >= 13) {
  console.error("compile_bench: FAIL: compile time grows faster than linearly");
  Deno.exit(1);
}
