/**
 * The headline plan, show and doctor print about an apply awaiting confirmation (modules/apply/armed.ts):
 * what reverts to what and when, with the time left; once the deadline passed, that the revert is overdue
 * and what to run.
 */
import assert from "node:assert/strict";
import { type ArmedRecord, awaitingHeadline, awaitingOf, spanText } from "../../../modules/apply/armed.ts";

const rec = (over: Partial<ArmedRecord> = {}): ArmedRecord => ({
  version: 1,
  armedAt: "2026-12-03T08:50:00Z",
  deadline: "2026-12-03T09:00:00Z",
  policy: { name: "corp", file: "C:\\p\\corp.yaml" },
  host: "h",
  pid: 1,
  commit: null,
  previousIdentity: null,
  previousPolicy: "old",
  previous: { document: null, psk: { s: "00" }, saKeys: {} },
  ...over,
});

Deno.test("spans read as h/m/s", () => {
  assert.equal(spanText(0), "0s");
  assert.equal(spanText(252_000), "4m 12s");
  assert.equal(spanText(3_605_000), "1h 0m 5s");
  assert.equal(spanText(-5), "0s");
});

Deno.test("before the deadline: what is restored, when, and how to keep the change", () => {
  const now = new Date("2026-12-03T08:55:48Z");
  const a = awaitingOf(rec(), "/r.json", now);
  assert.equal(a.overdue, false);
  assert.equal(a.revertsTo, "old");
  assert.ok(!("previous" in a), "no previous state (it holds keys)");
  assert.equal(
    awaitingHeadline(a, now),
    'An apply of policy "corp" awaits confirmation: it will be reverted to "old" at 2026-12-03T09:00:00Z ' +
      "(in 4m 12s) unless `wfpsec confirm` runs.",
  );
  const none = awaitingOf(rec({ previousPolicy: null }), "/r.json", now);
  assert.match(awaitingHeadline(none, now), /: wfpsec's objects will be removed at 2026-12-03T09:00:00Z/);
});

Deno.test("after the deadline: the revert is overdue, and the scheduled task is named", () => {
  const now = new Date("2026-12-03T09:03:02Z");
  const a = awaitingOf(rec({ tasks: ["\\WfpSec\\Revert unconfirmed apply"] }), "/r.json", now);
  assert.equal(a.overdue, true);
  assert.equal(
    awaitingHeadline(a, now),
    'An apply of policy "corp" awaits confirmation and the revert is overdue: the revert to "old" was due ' +
      "at 2026-12-03T09:00:00Z (3m 2s ago) and has not run: run `wfpsec revert --due` or check the " +
      "scheduled task \\WfpSec\\Revert unconfirmed apply, or `wfpsec confirm` to keep it.",
  );
});
