/**
 * Runs several wfpsec command lines in ONE process (argument: a JSON array whose items are argument arrays
 * or `{args, env}` to set environment variables before that command), printing
 * `@@wfpsec-exit <code>@@` after each. fwpsim keeps manual SA contexts in memory only (as BFE loses them
 * when it restarts), so a test that applies manual SAs and then lists them must stay in one process.
 * Each command runs through cli.ts's `main`, exactly as `wfpsec ARGS` would.
 */
import { main } from "../../cli.ts";

const runs = JSON.parse(Deno.args[0]) as (string[] | { args: string[]; env: Record<string, string> })[];
for (const run of runs) {
  const args = Array.isArray(run) ? run : run.args;
  if (!Array.isArray(run)) { for (const [k, v] of Object.entries(run.env)) Deno.env.set(k, v); }
  const code = await main(args);
  console.log(`@@wfpsec-exit ${code}@@`);
  console.error(`@@wfpsec-exit ${code}@@`);
}
