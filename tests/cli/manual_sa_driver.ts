/**
 * Runs several wfpsec command lines in ONE process (argument: a JSON array of argument arrays), printing
 * `@@wfpsec-exit <code>@@` after each. fwpsim keeps manual SA contexts in memory only (as BFE loses them
 * when it restarts), so a test that applies manual SAs and then lists them must stay in one process.
 * Each command runs through cli.ts's `main`, exactly as `wfpsec ARGS` would.
 */
import { main } from "../../cli.ts";

const runs = JSON.parse(Deno.args[0]) as string[][];
for (const args of runs) {
  const code = await main(args);
  console.log(`@@wfpsec-exit ${code}@@`);
  console.error(`@@wfpsec-exit ${code}@@`);
}
