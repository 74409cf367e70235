/**
 * YAML bench (part of `deno task bench`): `loadPolicy` (parse + validate) of a 10,000-rule policy written as
 * YAML, as a ratio to the very same document written as JSON, in this process. Pairs alternate (order too)
 * and the verdict is the median of the per-pair ratios; target <= 1.5x, exit 1 when missed.
 */
import { loadPolicy } from "../modules/policy/mod.ts";

const RULES = Number(Deno.env.get("WFPSEC_BENCH_RULES") ?? 10_000);
const PAIRS = Number(Deno.env.get("WFPSEC_BENCH_PAIRS") ?? 9);
const TARGET = 1.5;

const doc = {
  version: 1,
  name: "bench",
  mainMode: [{ name: "mm", keyModule: "ikev1", auth: ["kerberos"], proposals: ["aes256-sha256-ecp384"] }],
  quickMode: [{ name: "qm", proposals: ["esp-aesgcm256"] }],
  rules: Array.from({ length: RULES }, (_, i) => ({
    name: `r${i}`,
    remote: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    protocol: "tcp",
    localPorts: 1024 + (i % 60000),
    inbound: "require",
    outbound: "request",
    mainMode: "mm",
    quickMode: "qm",
  })),
};
const json = JSON.stringify(doc, null, 2);
// Block-style YAML, as an admin (or `wfpsec export`) writes it.
const yaml =
  `version: 1\nname: bench\nmainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [kerberos]\n` +
  `    proposals: [aes256-sha256-ecp384]\nquickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\nrules:\n` +
  doc.rules.map((r) =>
    `  - name: ${r.name}\n    remote: ${r.remote}\n    protocol: tcp\n    localPorts: ${r.localPorts}\n` +
    `    inbound: require\n    outbound: request\n    mainMode: mm\n    quickMode: qm\n`
  ).join("");

function timed(text: string, file: string): number {
  const t = performance.now();
  const { policy } = loadPolicy(text, file);
  const dt = performance.now() - t;
  if (policy.rules.length !== RULES) {
    throw new Error(`${file}: ${policy.rules.length} rules, expected ${RULES}`);
  }
  return dt;
}
timed(json, "bench.json");
timed(yaml, "bench.yaml");
const pairs: { json: number; yaml: number }[] = [];
for (let i = 0; i < PAIRS; i++) {
  if (i % 2 === 0) {
    const j = timed(json, "bench.json");
    pairs.push({ json: j, yaml: timed(yaml, "bench.yaml") });
  } else {
    const y = timed(yaml, "bench.yaml");
    pairs.push({ yaml: y, json: timed(json, "bench.json") });
  }
}
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ratios = pairs.map((p) => p.yaml / p.json);
const ratio = medianOf(ratios);
const ok = ratio <= TARGET;
const fmt = (x: number) => x.toFixed(1).padStart(9) + " ms";
console.log(`yaml bench: ${RULES}-rule policy, load+validate, median of ${PAIRS} alternating pairs`);
console.log(`  as JSON                   ${fmt(medianOf(pairs.map((p) => p.json)))}`);
console.log(`  as YAML                   ${fmt(medianOf(pairs.map((p) => p.yaml)))}`);
console.log(
  `  YAML / JSON               ${ratio.toFixed(2).padStart(9)} x   (target <= ${TARGET}x) ${
    ok ? "ok" : "MISSED"
  } (${ratios.map((r) => r.toFixed(2)).join(", ")})`,
);
if (!ok) Deno.exit(1);
