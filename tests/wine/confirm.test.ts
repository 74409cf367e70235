/**
 * Confirm or revert on the Windows deno.exe (under Wine, fwpsim as System32's fwpuclnt.dll), with Windows
 * paths: the armed record beside the simulator's state file, written by temp file + rename; `confirm`
 * deletes it; an unconfirmed apply is reverted by `revert --due` after the deadline, and the revert note is
 * replaced by rename on the next revert (rename over an existing file, Windows semantics). fwpsim is not
 * the Windows engine, so no scheduled task is armed (the JSON says so: `tasks` is empty).
 */
import assert from "node:assert/strict";
import { wfpsecOnWindows } from "../support/windowsCli.ts";

const onWindows = Deno.build.os === "windows";

async function wfpsec(statePath: string, ...args: string[]) {
  const r = await wfpsecOnWindows(statePath, ...args, "--json");
  return { code: r.code, doc: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

const exists = (p: string) => {
  try {
    Deno.statSync(p);
    return true;
  } catch {
    return false;
  }
};

Deno.test({
  name: onWindows
    ? "confirm or revert on Windows paths: armed record, confirm, revert --due after the deadline, note replaced"
    : "confirm or revert under Wine (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  async fn() {
    const tmp = Deno.makeTempDirSync({ prefix: "wfpsec-confirm-" });
    const statePath = `${tmp}\\fwpsim-state.bin`;
    const record = `${statePath}.wfpsec-apply.confirm.json`, note = `${statePath}.wfpsec-apply.reverted.json`;
    const a = `${tmp}\\a.yaml`, b = `${tmp}\\b.yaml`;
    Deno.writeTextFileSync(a, "version: 1\nname: wine-a\nexemptions:\n  - icmp\n");
    Deno.writeTextFileSync(
      b,
      "version: 1\nname: wine-b\nexemptions:\n  - icmp\n  - { name: dns, remote: 10.0.0.53, protocol: udp, remotePorts: 53 }\n",
    );
    try {
      assert.equal((await wfpsec(statePath, "apply", a)).code, 0);
      let r = await wfpsec(statePath, "apply", b, "--confirm-within", "5m");
      assert.equal(r.code, 0, r.stderr);
      const c = r.doc.confirm as Record<string, unknown>;
      assert.equal(c.record, record);
      assert.deepEqual(c.tasks, [], "fwpsim is not the Windows engine: no scheduled task");
      assert.ok(exists(record));
      assert.equal((await wfpsec(statePath, "confirm")).doc.outcome, "confirmed");
      assert.ok(!exists(record));
      for (const round of [1, 2]) {
        r = await wfpsec(statePath, "apply", round === 1 ? a : b, "--confirm-within", "5s");
        assert.equal(r.code, 0, r.stderr);
        const deadline = Date.parse((r.doc.confirm as { deadline: string }).deadline);
        await new Promise((res) => setTimeout(res, Math.max(0, deadline - Date.now() + 200)));
        r = await wfpsec(statePath, "revert", "--due");
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.doc.outcome, "reverted", `round ${round}`);
        assert.ok(exists(note) && !exists(record));
        const back = round === 1 ? b : a;
        assert.equal(
          (await wfpsec(statePath, "plan", back)).code,
          0,
          `round ${round}: the previous policy is back`,
        );
        if (round === 1) assert.equal((await wfpsec(statePath, "apply", a)).code, 0);
      }
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});
