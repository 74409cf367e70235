/**
 * Start-up bench (part of `deno task bench`): the wall time of real commands on the demo policy
 * (examples/domain-isolation.yaml) as a ratio to a bare `deno run` of an empty module, measured in this run:
 * - `validate` (parse + validate + compile, no engine);
 * - `plan` on fwpsim already holding the policy (in sync, exit 0);
 * - `apply --if-drifted` on that same fwpsim state (in sync, no transaction).
 * Each figure is the median of per-pair ratios over PAIRS pairs; within a pair the bare run and the command
 * run back to back and their order alternates (the shared VM's speed drifts over seconds). Target <= 2.5x
 * each; exit 1 when a target is missed, so `deno task bench` fails.
 */
const ROOT = new URL("../", import.meta.url).pathname;
const PAIRS = Number(Deno.env.get("WFPSEC_BENCH_PAIRS") ?? 15);
const TARGET = 2.5;
const POLICY = `${ROOT}examples/domain-isolation.yaml`;
const FLAGS = ["--allow-ffi", "--allow-read", "--allow-write", "--allow-env", "--allow-run", "--allow-sys"];
const lib = Deno.env.get("WFPSEC_FWPSIM_LIB") ?? `${ROOT}build/libfwpsim.so`;

const dir = await Deno.makeTempDir({ prefix: "wfpsec-startup-" });
const empty = `${dir}/empty.ts`;
Deno.writeTextFileSync(empty, "export {};\n");
const state = `${dir}/sim.state`;
const env = { WFPSEC_FWPSIM_LIB: lib, NO_COLOR: "1" };

/** Runs deno with args; returns the wall time in ms, throwing unless the exit code is `expect`. */
async function timed(args: string[], expect = 0): Promise<number> {
  const t = performance.now();
  const o = await new Deno.Command(Deno.execPath(), { args, env, stdout: "null", stderr: "piped" }).output();
  const dt = performance.now() - t;
  if (o.code !== expect) {
    throw new Error(
      `deno ${args.join(" ")}: exit ${o.code}, expected ${expect}\n${new TextDecoder().decode(o.stderr)}`,
    );
  }
  return dt;
}

const cli = (...a: string[]) => ["run", ...FLAGS, `${ROOT}cli.ts`, ...a];
const sim = ["--engine", "sim", "--sim-state", state];
const cases: { name: string; args: string[] }[] = [
  { name: "validate", args: cli("validate", POLICY) },
  { name: "plan (in sync)", args: cli("plan", POLICY, ...sim) },
  { name: "apply --if-drifted (in sync)", args: cli("apply", "--if-drifted", POLICY, ...sim) },
];
const bare = ["run", empty];

// Put the policy in force once (not timed), then warm the module cache and the code cache of every path.
await timed(cli("apply", POLICY, ...sim));
await timed(bare);
for (const c of cases) await timed(c.args);

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (x: number) => x.toFixed(1).padStart(9) + " ms";
let missed = 0;
console.log(`startup bench: demo policy on fwpsim, median of ${PAIRS} alternating pairs each`);
for (const c of cases) {
  const pairs: { bare: number; cmd: number }[] = [];
  for (let i = 0; i < PAIRS; i++) {
    if (i % 2 === 0) {
      const b = await timed(bare);
      pairs.push({ bare: b, cmd: await timed(c.args) });
    } else {
      const cmd = await timed(c.args);
      pairs.push({ bare: await timed(bare), cmd });
    }
  }
  const ratio = medianOf(pairs.map((p) => p.cmd / p.bare));
  const ok = ratio <= TARGET;
  if (!ok) missed++;
  console.log(
    `  ${c.name.padEnd(30)} ${fmt(medianOf(pairs.map((p) => p.cmd)))}  bare ${
      fmt(medianOf(pairs.map((p) => p.bare)))
    }  ${ratio.toFixed(2).padStart(5)} x  (target <= ${TARGET}x) ${ok ? "ok" : "MISSED"}`,
  );
}

// Where the time of a plan goes (informational, no target): the same plan run twice in one process. The
// first run pays for loading and compiling its modules, binding the library and V8's first compilation; the
// second is the work itself. `--version` loads only the command table.
const driver = `${dir}/driver.ts`;
Deno.writeTextFileSync(
  driver,
  `const { main } = await import(${JSON.stringify(`${ROOT}cli.ts`)});
const args = ${JSON.stringify(["plan", POLICY, ...sim])};
const t0 = performance.now(); await main(args); const t1 = performance.now(); await main(args);
const t2 = performance.now();
console.error(JSON.stringify({ first: t1 - t0, again: t2 - t1, beforeMain: t0 }));
`,
);
const splits: { first: number; again: number; beforeMain: number }[] = [];
const versions: number[] = [];
const bares: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  bares.push(await timed(bare));
  versions.push(await timed(cli("--version")));
  const o = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, driver],
    env,
    stdout: "null",
    stderr: "piped",
  }).output();
  const line = new TextDecoder().decode(o.stderr).trim().split("\n").pop() ?? "{}";
  splits.push(JSON.parse(line));
}
const m = (f: (x: typeof splits[number]) => number) => medianOf(splits.map(f));
console.log(
  `  where a plan's time goes (medians): bare deno run ${
    fmt(medianOf(bares))
  }; \`wfpsec --version\` (command ` +
    `table only) ${fmt(medianOf(versions))}; in one process: first plan ${fmt(m((x) => x.first))} (loading ` +
    `its modules, the library, first compilation), the same plan again ${fmt(m((x) => x.again))} (the work)`,
);
Deno.removeSync(dir, { recursive: true });
if (missed) {
  console.log(`startup bench: ${missed} target(s) missed`);
  Deno.exit(1);
}
