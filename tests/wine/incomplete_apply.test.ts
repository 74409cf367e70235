/**
 * The incomplete-apply record on the Windows deno.exe (fwpsim as System32's fwpuclnt.dll), where files behave
 * as on Windows: `plan` tells an apply in progress from an interrupted one by trying the apply lock
 * (LockFileEx on a read-only handle, while another process holds it), and `apply` removes the record it
 * finished (a file `plan` may have open). Windows paths, each command a new process.
 */
import assert from "node:assert/strict";
import { wfpsecOnWindows } from "../support/windowsCli.ts";
import { acquireApplyLock } from "../../modules/apply/lock.ts";

const onWindows = Deno.build.os === "windows";

const wfpsec = wfpsecOnWindows;

Deno.test({
  name: onWindows
    ? "incomplete apply on Windows: in progress while the lock is held, interrupted after, apply clears it"
    : "incomplete apply under Wine (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  async fn() {
    const tmp = Deno.makeTempDirSync({ prefix: "wfpsec-ia-" });
    const statePath = `${tmp}\\fwpsim-state.bin`;
    const policy = `${tmp}\\plain.yaml`;
    Deno.writeTextFileSync(policy, "version: 1\nname: wine-incomplete\nexemptions:\n  - icmp\n");
    const record = `${statePath}.wfpsec-incomplete-apply.json`;
    try {
      let r = await wfpsec(statePath, "apply", policy, "--json");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      Deno.writeTextFileSync(
        record,
        JSON.stringify({
          version: 1,
          policy: { name: "wine-incomplete", file: policy },
          command: "apply",
          pid: Deno.pid,
          host: Deno.hostname(),
          startedAt: new Date().toISOString(),
          state: "running",
          filtersCommitted: false,
          manualSas: [],
          createdSaContexts: [],
          staleSaContexts: [],
          deletedSaContexts: [],
          unrecordedCreate: null,
          filtersUndone: null,
          failure: null,
        }),
      );
      const lock = acquireApplyLock(`${statePath}.wfpsec-apply.lock`, { command: "wine-test" });
      try {
        r = await wfpsec(statePath, "plan", policy, "--json");
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.equal(JSON.parse(r.stdout).incompleteApply.state, "in-progress");
      } finally {
        lock.release();
      }
      r = await wfpsec(statePath, "plan", policy, "--json");
      assert.equal(JSON.parse(r.stdout).incompleteApply.state, "interrupted");
      r = await wfpsec(statePath, "apply", policy, "--json");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const d = JSON.parse(r.stdout);
      assert.equal(d.outcome, "in-sync");
      assert.equal(d.incompleteApply.resolution, "finished");
      assert.throws(() => Deno.statSync(record), Deno.errors.NotFound);
      r = await wfpsec(statePath, "plan", policy, "--json");
      assert.equal(r.code, 0, r.stdout);
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});
