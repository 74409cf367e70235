/**
 * Real-Windows checks for confirm or revert (issue 16 item 1; docs/windows-verification.md CR1-CR3):
 * - CR1/CR2: the two revert tasks schtasks.exe creates from wfpsec's XML read back as SYSTEM tasks, the
 *   deadline task with a start boundary at the same instant as the deadline given in UTC (+00:00), the
 *   start-up task with a boot trigger; disarming deletes both;
 * - CR3: end to end on the real BFE with the CLI: `apply --confirm-within` creates the tasks (plan and status
 *   show the apply awaiting confirmation), `confirm`
 *   deletes them; an unconfirmed apply is reverted when its deadline task runs (started with schtasks /Run
 *   once the deadline passed, as Task Scheduler would), the previous policy plans in sync and the tasks are
 *   gone. Runs only when nothing of wfpsec's is in force (it must not disturb a host's policy) and removes
 *   what it applied. The policies are exemptions for TEST-NET-1 (192.0.2.0/24): harmless.
 * Real host only: under Wine fwpsim is the engine, which arms no task (tests/cli/confirm*.test.ts).
 */
import assert from "node:assert/strict";
import { systemDirectory } from "../../ffi/kernel32.ts";
import {
  armRevertTasks,
  disarmRevertTasks,
  REVERT_TASK_FOLDER,
  REVERT_TASKS,
} from "../../modules/host/revertTask.ts";
import { CheckedHandle } from "../../ffi/fileSecurity.ts";
import { decodeSecurityDescriptor } from "../../ffi/sddl.ts";
import { aclProblems } from "../../ffi/aclCheck.ts";
import { probeWindowsHost } from "./host.ts";

const host = probeWindowsHost();
const suffix = host.usable ? "" : ` (skipped: ${host.reason})`;
const ROOT = new URL("../../", import.meta.url);
const DEADLINE_TASK = REVERT_TASK_FOLDER + REVERT_TASKS.deadline;
const STARTUP_TASK = REVERT_TASK_FOLDER + REVERT_TASKS.startup;

function schtasks(args: string[]): { ok: boolean; out: string } {
  const r = new Deno.Command(`${systemDirectory()}\\schtasks.exe`, { args, stdout: "piped", stderr: "piped" })
    .outputSync();
  const b = r.stdout;
  // The XML comes back as UTF-16LE (BOM) or in the console code page, depending on the redirection.
  const out = b[0] === 0xff && b[1] === 0xfe
    ? new TextDecoder("utf-16le").decode(b.subarray(2))
    : new TextDecoder().decode(b);
  return { ok: r.success, out };
}
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

Deno.test({
  name: `CR1/CR2: the revert tasks read back as SYSTEM tasks at the deadline and at start-up${suffix}`,
  ignore: !host.usable,
  fn() {
    const deadline = new Date(Date.now() + 3600_000);
    const cmd = { command: `${systemDirectory()}\\cmd.exe`, args: ["/d", "/c", "exit", "0"] };
    const names = armRevertTasks(deadline, { command: cmd });
    try {
      assert.deepEqual(names, [DEADLINE_TASK, STARTUP_TASK]);
      const d = schtasks(["/Query", "/TN", DEADLINE_TASK, "/XML"]);
      assert.ok(d.ok, d.out);
      const boundary = tag(d.out, "StartBoundary");
      assert.ok(boundary, d.out);
      // CR1: the boundary is kept as the same instant (whatever form Task Scheduler stores it in).
      assert.equal(Math.round(Date.parse(boundary!) / 1000), Math.round(deadline.getTime() / 1000), boundary);
      assert.equal(tag(d.out, "UserId"), "S-1-5-18");
      assert.equal(tag(d.out, "StartWhenAvailable"), "true");
      const s = schtasks(["/Query", "/TN", STARTUP_TASK, "/XML"]);
      assert.ok(s.ok, s.out);
      assert.match(s.out, /<BootTrigger>/);
      assert.equal(tag(s.out, "UserId"), "S-1-5-18");
    } finally {
      assert.deepEqual(disarmRevertTasks(names), []);
    }
    assert.equal(schtasks(["/Query", "/TN", DEADLINE_TASK]).ok, false, "deleted");
    assert.equal(schtasks(["/Query", "/TN", STARTUP_TASK]).ok, false, "deleted");
  },
});

async function wfpsec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("cli.ts", ROOT).pathname.replace(/^\/([A-Za-z]:)/, "$1"), ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const exemption = (name: string, remote: string) =>
  `version: 1\nname: ${name}\nexemptions:\n  - { name: it, remote: ${remote}, protocol: udp, remotePorts: 9 }\n`;

Deno.test({
  name:
    `CR3: apply --confirm-within, confirm, and a revert run by its deadline task on the real BFE${suffix}`,
  ignore: !host.usable,
  async fn() {
    const show = JSON.parse((await wfpsec(["show", "--json"])).stdout);
    if (!show.empty) {
      console.log("CR3 not run: wfpsec's policy is in force on this host, and this test must not disturb it");
      return;
    }
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-confirm-it-" });
    const a = `${dir}\\a.yaml`, b = `${dir}\\b.yaml`;
    Deno.writeTextFileSync(a, exemption("wfpsec-it-confirm-a", "192.0.2.10"));
    Deno.writeTextFileSync(b, exemption("wfpsec-it-confirm-b", "192.0.2.20"));
    try {
      assert.equal((await wfpsec(["apply", a])).code, 0);
      // Confirmed: the tasks exist while armed and are deleted by confirm.
      const armed = await wfpsec(["apply", b, "--confirm-within", "5m", "--json"]);
      assert.equal(armed.code, 0, armed.stdout + armed.stderr);
      const confirm = JSON.parse(armed.stdout).confirm;
      assert.deepEqual(confirm.tasks, [DEADLINE_TASK, STARTUP_TASK]);
      // The record holds keys: nobody but SYSTEM and Administrators may hold any right on it (it inherits
      // wfpsec's admin-only ProgramData folder).
      const h = CheckedHandle.open(confirm.record, false);
      try {
        const p = aclProblems(decodeSecurityDescriptor(h.securityDescriptor()), { mask: 0x1f01ff });
        assert.deepEqual(p.writers, [], "no untrusted trustee has any right on the armed record");
      } finally {
        h.close();
      }
      assert.ok(schtasks(["/Query", "/TN", DEADLINE_TASK]).ok);
      // Visible while armed (tests/cli/confirm_visible.test.ts): plan names the apply, what comes back and
      // the tasks; status is not compliant.
      const plan = JSON.parse((await wfpsec(["plan", b, "--json"])).stdout);
      assert.equal(plan.awaitingConfirmation?.revertsTo, "wfpsec-it-confirm-a");
      assert.deepEqual(plan.awaitingConfirmation?.tasks, [DEADLINE_TASK, STARTUP_TASK]);
      const status = await wfpsec(["status", b]);
      assert.equal(status.code, 1, status.stdout);
      assert.match(
        status.stdout,
        /; AWAITING CONFIRMATION: the apply of 'wfpsec-it-confirm-b' is reverted to /,
      );
      assert.equal((await wfpsec(["confirm"])).code, 0);
      assert.equal(schtasks(["/Query", "/TN", DEADLINE_TASK]).ok, false);
      assert.equal(schtasks(["/Query", "/TN", STARTUP_TASK]).ok, false);
      // Not confirmed: after the deadline the deadline task (run now, as the scheduler would) reverts to b.
      assert.equal((await wfpsec(["apply", a, "--confirm-within", "5s"])).code, 0);
      await new Promise((r) => setTimeout(r, 6000));
      assert.ok(schtasks(["/Run", "/TN", DEADLINE_TASK]).ok);
      let reverted = false;
      for (let i = 0; i < 60 && !reverted; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        reverted = (await wfpsec(["plan", b])).code === 0;
      }
      assert.ok(reverted, "policy b is back in force");
      for (let i = 0; i < 30 && schtasks(["/Query", "/TN", DEADLINE_TASK]).ok; i++) {
        await new Promise((r) => setTimeout(r, 1000));
      }
      assert.equal(schtasks(["/Query", "/TN", DEADLINE_TASK]).ok, false, "the revert deleted its tasks");
    } finally {
      await wfpsec(["confirm"]);
      await wfpsec(["remove"]);
      disarmRevertTasks([DEADLINE_TASK, STARTUP_TASK]);
    }
  },
});
