/** `--confirm-within DURATION` (modules/cli/confirmCommand.ts): the forms accepted, the bounds, the errors. */
import assert from "node:assert/strict";
import { parseDuration } from "../../../modules/cli/confirmCommand.ts";
import { CONFIRM_MAX_MS, CONFIRM_MIN_MS } from "../../../modules/apply/confirm.ts";
import { UsageError } from "../../../modules/errors.ts";

const B = { min: CONFIRM_MIN_MS, max: CONFIRM_MAX_MS };
const parse = (t: string) => parseDuration(t, "--confirm-within", B);

Deno.test("durations: seconds, minutes, hours and their combinations, any case", async () => {
  assert.equal(await parse("90s"), 90_000);
  assert.equal(await parse("5m"), 300_000);
  assert.equal(await parse("1h"), 3_600_000);
  assert.equal(await parse("1h30m"), 5_400_000);
  assert.equal(await parse("1H5M10S"), 3_910_000);
  assert.equal(await parse("5s"), 5_000, "the shortest");
  assert.equal(await parse("24h"), 86_400_000, "the longest");
  assert.equal(await parse("0h5m"), 300_000);
});

Deno.test("bad durations are UsageErrors naming the option and the accepted forms", async () => {
  for (const t of ["5", "", " ", "5 m", "5min", "m", "1.5h", "5m1h", "-5m", "1d", "5s5m"]) {
    await assert.rejects(
      parse(t),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message ===
          `--confirm-within: "${t}" is not a duration: give a number with a unit, e.g. 90s, 5m, 1h or 1h30m`,
      t,
    );
  }
  for (const t of ["4s", "0s", "0m", "24h1s", "1441m", "99999h"]) {
    await assert.rejects(parse(t), /is out of range: between 5s and 24h/, t);
  }
});
