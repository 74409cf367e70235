/**
 * Compile benchmark: a policy with 10,000 rules, then 100,000 rules (each rule: one IPv4 /32 peer,
 * transport mode -> 4 filters). Prints load (parse + validate) and compile times, and the scaling ratio
 * compile(100k)/compile(10k) measured in the same process (linear = ~10; the target is < 13). Each figure
 * is the best of several runs started from a collected heap (run with --v8-flags=--expose-gc).
 */
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

function measure(n: number, reps: number) {
  const text = policyText(n);
  let t = performance.now();
  const { policy } = loadPolicy(text, `bench-${n}.json`);
  const load = performance.now() - t;
  let best = Infinity, filters = 0;
  for (let r = 0; r < reps; r++) {
    // Start each timed run from a clean heap so one size does not pay for the other's garbage.
    (globalThis as { gc?: () => void }).gc?.();
    t = performance.now();
    const g = compilePolicy(policy);
    best = Math.min(best, performance.now() - t);
    filters = g.filters.length;
  }
  return { load, compile: best, filters };
}

measure(1000, 3); // warm-up (JIT)
const a = measure(10_000, 5);
const b = measure(100_000, 3);
const ratio = b.compile / a.compile;
console.log(
  `compile_bench: 10k rules: load ${a.load.toFixed(0)} ms, compile ${
    a.compile.toFixed(0)
  } ms (${a.filters} filters)`,
);
console.log(
  `compile_bench: 100k rules: load ${b.load.toFixed(0)} ms, compile ${
    b.compile.toFixed(0)
  } ms (${b.filters} filters)`,
);
console.log(
  `compile_bench: ratio compile(100k)/compile(10k) = ${ratio.toFixed(2)} (target < 13), load ratio ${
    (b.load / a.load).toFixed(2)
  }`,
);
console.log(`compile_bench: peak RSS ${(Deno.memoryUsage().rss / 1048576).toFixed(0)} MB`);
if (ratio >= 13) {
  console.error("compile_bench: FAIL: compile time grows faster than linearly");
  Deno.exit(1);
}
