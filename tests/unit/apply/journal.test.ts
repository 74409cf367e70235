/**
 * The incomplete-apply record's place and the words `plan` prints for it: the record sits beside the apply
 * lock (Windows: ProgramData\wfpsec; fwpsim: beside the state file), and the headline says what was left and
 * what finishes it, distinguishing an apply still in progress from one that died and one that failed.
 */
import assert from "node:assert/strict";
import { incompleteApplyPath } from "../../../modules/apply/journal.ts";
import { type IncompleteApplyJson, incompleteApplyText } from "../../../modules/cli/incompleteApply.ts";

Deno.test("the record is beside the apply lock, under its own name", () => {
  assert.equal(
    incompleteApplyPath("C:\\ProgramData\\wfpsec\\apply.lock"),
    "C:\\ProgramData\\wfpsec\\incomplete-apply.json",
  );
  assert.equal(
    incompleteApplyPath("/tmp/x/s.state.wfpsec-apply.lock"),
    "/tmp/x/s.state.wfpsec-incomplete-apply.json",
  );
});

const base: IncompleteApplyJson = {
  file: "/tmp/s.state.wfpsec-incomplete-apply.json",
  policy: { name: "manual-sa", file: "/etc/wfpsec/manual-sa.yaml" },
  command: "apply",
  pid: 4242,
  host: "srv1",
  startedAt: "2026-12-03T07:00:00.000Z",
  state: "interrupted",
  filtersCommitted: true,
  manualSas: [{ name: "peer", action: "add" }],
  saContextsLeft: ["17"],
  staleSaContextsLeft: [],
  unrecordedCreate: null,
  filtersUndone: null,
  failure: null,
};

Deno.test("plan's headline: interrupted, failed, in progress", () => {
  assert.equal(
    incompleteApplyText(base),
    'INCOMPLETE APPLY: an earlier apply of policy "manual-sa" (/etc/wfpsec/manual-sa.yaml) by apply pid 4242 ' +
      "on srv1, started 2026-12-03T07:00:00.000Z, did not finish (the process ended during it); its filter " +
      "changes were committed; 1 SA context(s) it created are still in the engine (17). " +
      '"wfpsec apply" of this policy finishes it (sets the missing SAs, deletes the SA contexts nothing uses); ' +
      "applying another version reverts it to that one.",
  );
  const failed = incompleteApplyText({
    ...base,
    state: "failed",
    failure: 'IPsecSaContextAddInbound1 for manual SA "peer" failed: FWP_E_TIMEOUT',
    filtersUndone: false,
    saContextsLeft: [],
    staleSaContextsLeft: ["9"],
    unrecordedCreate: "peer",
  });
  assert.match(failed, /, failed: IPsecSaContextAddInbound1 for manual SA "peer" failed: FWP_E_TIMEOUT;/);
  assert.match(failed, /its filter changes were committed and NOT undone; no SA context it created is left;/);
  assert.match(failed, /1 stale SA context\(s\) it was to delete are still in the engine \(9\);/);
  assert.match(failed, /manual SA "peer" may have been created without its id being recorded/);
  assert.match(
    incompleteApplyText({ ...base, state: "in-progress" }),
    /^An apply is in progress: apply of policy "manual-sa" .* pid 4242 on srv1, .*Plan again when it has finished\.$/,
  );
});
