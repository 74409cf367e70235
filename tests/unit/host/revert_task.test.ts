/**
 * The Windows arming of `apply --confirm-within` (modules/host/revertTask.ts), checked without Windows: the
 * two SYSTEM tasks' XML (a one-shot trigger at the deadline that still runs when the host was off, a start-up
 * trigger), the command line they run, and what arming does when schtasks fails (nothing left half-armed).
 * On a real host: tests/windows/confirm.test.ts.
 */
import assert from "node:assert/strict";
import {
  armRevertTasks,
  disarmRevertTasks,
  REVERT_TASK_FOLDER,
  REVERT_TASKS,
  revertCommand,
  revertTaskXml,
  startBoundary,
  utf16le,
} from "../../../modules/host/revertTask.ts";
import { parseXml } from "../../../modules/engine/snapshot/mod.ts";
import { SafetyError } from "../../../modules/errors.ts";

const DEADLINE = new Date("2026-12-03T08:05:30.250Z");
const EXE = {
  command: "C:\\Program Files\\WfpSec\\wfpsec.exe",
  args: ["revert", "--due", "--engine", "windows"],
};

/** The text content of the first element named `name` under `root` (depth-first). */
function text(xml: string, name: string): string | undefined {
  const find = (e: ReturnType<typeof parseXml>): ReturnType<typeof parseXml> | undefined => {
    if (e.name === name) return e;
    for (const c of e.children) {
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  const e = find(parseXml(xml));
  return e ? e.text : undefined;
}

Deno.test("the deadline task: one-shot at the deadline (UTC), SYSTEM, runs late when the host was off", () => {
  const xml = revertTaskXml("deadline", DEADLINE, EXE);
  assert.equal(text(xml, "StartBoundary"), "2026-12-03T08:05:30+00:00");
  assert.equal(text(xml, "UserId"), "S-1-5-18");
  assert.equal(text(xml, "RunLevel"), "HighestAvailable");
  assert.equal(text(xml, "StartWhenAvailable"), "true");
  assert.equal(text(xml, "WakeToRun"), "true");
  assert.equal(text(xml, "Command"), EXE.command);
  assert.equal(text(xml, "Arguments"), "revert --due --engine windows");
  assert.equal(text(xml, "URI"), "\\WfpSec\\Revert unconfirmed apply");
  assert.equal(text(xml, "BootTrigger"), undefined);
  assert.ok(!xml.includes("<Repetition>"), "one-shot: no repetition");
});

Deno.test("the start-up task: a boot trigger with a delay, retried while BFE is not up yet", () => {
  const xml = revertTaskXml("startup", DEADLINE, EXE);
  assert.equal(text(xml, "TimeTrigger"), undefined);
  assert.equal(text(xml, "Delay"), "PT1M");
  assert.equal(text(xml, "Count"), "5");
  assert.equal(text(xml, "URI"), REVERT_TASK_FOLDER + REVERT_TASKS.startup);
  assert.equal(text(xml, "Arguments"), "revert --due --engine windows");
});

Deno.test("the task runs wfpsec.exe itself, or deno run of cli.ts in development, with paths quoted", () => {
  assert.deepEqual(revertCommand("C:\\Program Files\\WfpSec\\wfpsec.exe", "file:///C:/x/cli.ts"), EXE);
  const dev = revertCommand("C:\\Program Files\\deno\\deno.exe", "file:///C:/My%20Src/wfpsec/cli.ts");
  assert.deepEqual(dev, {
    command: "C:\\Program Files\\deno\\deno.exe",
    args: ["run", "-A", "C:\\My Src\\wfpsec\\cli.ts", "revert", "--due", "--engine", "windows"],
  });
  assert.equal(
    text(revertTaskXml("deadline", DEADLINE, dev), "Arguments"),
    'run -A "C:\\My Src\\wfpsec\\cli.ts" revert --due --engine windows',
  );
  assert.throws(() => revertCommand("C:\\deno\\deno.exe", "https://example.com/cli.ts"), SafetyError);
  assert.throws(
    () => revertTaskXml("deadline", DEADLINE, { command: "x.exe", args: ['a"b'] }),
    /cannot put "a\\"b" into a task command line/,
  );
  assert.equal(startBoundary(new Date("2027-01-01T00:00:00Z")), "2027-01-01T00:00:00+00:00");
});

Deno.test("the XML goes to schtasks as UTF-16LE with a BOM, as its declaration says", () => {
  const b = utf16le("<?xml é");
  assert.deepEqual([...b.subarray(0, 4)], [0xff, 0xfe, 0x3c, 0x00]);
  assert.deepEqual([...b.subarray(b.length - 2)], [0xe9, 0x00]);
  assert.match(revertTaskXml("deadline", DEADLINE, EXE), /^<\?xml version="1\.0" encoding="UTF-16"\?>/);
});

/** A fake schtasks that fails the calls whose index is in `fail`, and a file store. */
function fakes(fail: number[] = []) {
  const calls: string[][] = [], files = new Map<string, Uint8Array>(), written: string[] = [];
  return {
    calls,
    files,
    written,
    run: (args: string[]) => {
      calls.push(args);
      if (args[0] === "/Create") assert.ok(files.has(args[4]), "the XML exists while schtasks reads it");
      return fail.includes(calls.length)
        ? { success: false, stderr: "ERROR: Access is denied." }
        : { success: true, stderr: "" };
    },
    store: {
      write: (p: string, d: Uint8Array) => {
        files.set(p, d);
        written.push(p);
      },
      remove: (p: string) => void files.delete(p),
    },
  };
}

Deno.test("arming creates both tasks from XML files it deletes afterwards", () => {
  const f = fakes();
  const names = armRevertTasks(DEADLINE, {
    run: f.run,
    folder: "C:\\ProgramData\\wfpsec",
    command: EXE,
    files: f.store,
  });
  assert.deepEqual(names, [
    "\\WfpSec\\Revert unconfirmed apply",
    "\\WfpSec\\Revert unconfirmed apply at startup",
  ]);
  assert.deepEqual(f.calls.map((c) => [c[0], c[2], c[3], c[5]]), [
    ["/Create", names[0], "/XML", "/F"],
    ["/Create", names[1], "/XML", "/F"],
  ]);
  assert.ok(f.written.every((p) => p.startsWith("C:\\ProgramData\\wfpsec\\revert-task-")));
  assert.equal(f.files.size, 0, "the XML files are deleted");
});

Deno.test("a task that cannot be created leaves nothing armed and is a SafetyError", () => {
  const f = fakes([2]);
  assert.throws(
    () => armRevertTasks(DEADLINE, { run: f.run, folder: "C:\\P", command: EXE, files: f.store }),
    (e: unknown) =>
      e instanceof SafetyError &&
      /cannot arm the revert: schtasks\.exe could not create the task \\WfpSec\\Revert unconfirmed apply at startup \(ERROR: Access is denied\.\); nothing changed/
        .test(e.message),
  );
  assert.deepEqual(f.calls.at(-1), ["/Delete", "/TN", "\\WfpSec\\Revert unconfirmed apply", "/F"]);
  assert.equal(f.files.size, 0);
});

Deno.test("disarming deletes each task and says which could not be deleted", () => {
  const f = fakes([1]);
  const problems = disarmRevertTasks(["\\WfpSec\\A", "\\WfpSec\\B"], { run: f.run });
  assert.deepEqual(f.calls, [["/Delete", "/TN", "\\WfpSec\\A", "/F"], [
    "/Delete",
    "/TN",
    "\\WfpSec\\B",
    "/F",
  ]]);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0],
    /could not delete the scheduled task \\WfpSec\\A \(ERROR: Access is denied\.\); it finds nothing due/,
  );
});
