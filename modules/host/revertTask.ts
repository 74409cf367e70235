/**
 * The Windows arming of `apply --confirm-within`: two scheduled tasks, run as SYSTEM, that run
 * `wfpsec revert --due --engine windows`:
 * - `\WfpSec\Revert unconfirmed apply`: a one-shot TimeTrigger at the deadline, with StartWhenAvailable, so a
 *   host that was off or asleep at the deadline runs it as soon as it can;
 * - `\WfpSec\Revert unconfirmed apply at startup`: a BootTrigger (one minute after start, retried while BFE
 *   is not up yet), so a host that rebooted before or after the deadline reverts as soon as it is due.
 * Neither depends on the process that applied, the session that started it, or the host staying up: the
 * record they act on is on disk (modules/apply/confirm.ts). A task that finds nothing due exits 0 without
 * changing anything; confirm and revert delete both tasks.
 *
 * The tasks are created with System32's schtasks.exe (by full path, never from PATH) from task XML written
 * as UTF-16 with a BOM (what `schtasks /Create /XML` reads) into the admin-only ProgramData folder and
 * deleted after use. Task Scheduler schema: learn.microsoft.com/windows/win32/taskschd/task-scheduler-schema.
 * docs/windows-verification.md CR1-CR3 name what a real host must confirm.
 */
import { SafetyError } from "../errors.ts";
import { programDataDirectory, systemDirectory } from "../../ffi/kernel32.ts";

/** The task folder and names. */
export const REVERT_TASK_FOLDER = "\\WfpSec\\";
export const REVERT_TASKS = {
  deadline: "Revert unconfirmed apply",
  startup: "Revert unconfirmed apply at startup",
} as const;

/** Runs schtasks.exe with `args` (injectable for tests). */
export type TaskRunner = (args: string[]) => { success: boolean; stderr: string };

/** The program and arguments the tasks run: wfpsec.exe itself, or `deno run` of cli.ts in development. */
export function revertCommand(
  execPath = Deno.execPath(),
  mainModule = Deno.mainModule,
): { command: string; args: string[] } {
  const args = ["revert", "--due", "--engine", "windows"];
  if (!/(^|[\\/])deno(\.exe)?$/i.test(execPath)) return { command: execPath, args };
  const u = new URL(mainModule);
  if (u.protocol !== "file:") {
    throw new SafetyError(`cannot arm a revert task for a wfpsec run from ${mainModule}: run wfpsec.exe`);
  }
  const script = decodeURIComponent(u.pathname).replace(/^\/([A-Za-z]:)/, "$1").replaceAll("/", "\\");
  return { command: execPath, args: ["run", "-A", script, ...args] };
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One argument as CreateProcess's command-line parser reads it back (quotes refused: none are needed). */
function quoteArg(a: string): string {
  if (a.includes('"')) throw new SafetyError(`cannot put ${JSON.stringify(a)} into a task command line`);
  return /[\s]/.test(a) || a === "" ? `"${a.replace(/(\\+)$/, "$1$1")}"` : a;
}

/** The task start boundary: the deadline in UTC, as `YYYY-MM-DDTHH:MM:SS+00:00` (the schema's form). */
export function startBoundary(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The XML of one revert task (`which`: at the deadline or at start-up). */
export function revertTaskXml(
  which: keyof typeof REVERT_TASKS,
  deadline: Date,
  cmd: { command: string; args: string[] },
): string {
  const trigger = which === "deadline"
    ? `    <TimeTrigger>\n      <StartBoundary>${startBoundary(deadline)}</StartBoundary>\n` +
      `      <Enabled>true</Enabled>\n    </TimeTrigger>`
    : `    <BootTrigger>\n      <Delay>PT1M</Delay>\n      <Enabled>true</Enabled>\n    </BootTrigger>`;
  const description =
    `Reverts an IPsec policy applied with wfpsec apply --confirm-within unless it is confirmed ` +
    `(wfpsec confirm) before ${deadline.toISOString()}. Runs wfpsec revert --due, which does nothing when ` +
    `nothing is due.`;
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>WfpSec</Author>
    <Description>${xmlEscape(description)}</Description>
    <URI>${xmlEscape(REVERT_TASK_FOLDER + REVERT_TASKS[which])}</URI>
  </RegistrationInfo>
  <Triggers>
${trigger}
  </Triggers>
  <Principals>
    <Principal id="System">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>true</WakeToRun>
    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>5</Count>
    </RestartOnFailure>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="System">
    <Exec>
      <Command>${xmlEscape(cmd.command)}</Command>
      <Arguments>${xmlEscape(cmd.args.map(quoteArg).join(" "))}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/** UTF-16LE with a BOM. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

function schtasks(args: string[]): { success: boolean; stderr: string } {
  const r = new Deno.Command(`${systemDirectory()}\\schtasks.exe`, {
    args,
    stdout: "null",
    stderr: "piped",
    stdin: "null",
  }).outputSync();
  return { success: r.success, stderr: new TextDecoder().decode(r.stderr).trim() };
}

/** Options of `armRevertTasks` (tests inject the runner, folder and command). */
export interface ArmOptions {
  run?: TaskRunner;
  /** Where the XML is written for schtasks (default: ProgramData\wfpsec). */
  folder?: string;
  command?: { command: string; args: string[] };
  /** Writes and removes the XML file (default: the file system). */
  files?: { write(path: string, data: Uint8Array): void; remove(path: string): void };
}

const FILES = {
  write(path: string, data: Uint8Array) {
    Deno.mkdirSync(path.replace(/\\[^\\]*$/, ""), { recursive: true });
    Deno.writeFileSync(path, data, { mode: 0o600 });
  },
  remove(path: string) {
    try {
      Deno.removeSync(path);
    } catch { /* already gone */ }
  },
};

/**
 * Creates both revert tasks (replacing any of the same name); returns their full names. When either cannot
 * be created, deletes what was created and throws SafetyError: the apply must not run unarmed.
 */
export function armRevertTasks(deadline: Date, opts: ArmOptions = {}): string[] {
  const run = opts.run ?? schtasks;
  const folder = opts.folder ?? `${programDataDirectory()}\\wfpsec`;
  const cmd = opts.command ?? revertCommand();
  const files = opts.files ?? FILES;
  const made: string[] = [];
  for (const which of ["deadline", "startup"] as const) {
    const name = REVERT_TASK_FOLDER + REVERT_TASKS[which];
    const xml = `${folder}\\revert-task-${Deno.pid}.xml`;
    files.write(xml, utf16le(revertTaskXml(which, deadline, cmd)));
    let r;
    try {
      r = run(["/Create", "/TN", name, "/XML", xml, "/F"]);
    } finally {
      files.remove(xml);
    }
    if (!r.success) {
      disarmRevertTasks(made, { run });
      throw new SafetyError(
        `cannot arm the revert: schtasks.exe could not create the task ${name} (${
          r.stderr || "no message"
        }); ` +
          `nothing changed`,
      );
    }
    made.push(name);
  }
  return made;
}

/** Deletes the revert tasks `names`; returns a message per task that could not be deleted. */
export function disarmRevertTasks(names: readonly string[], opts: { run?: TaskRunner } = {}): string[] {
  const run = opts.run ?? schtasks;
  const problems: string[] = [];
  for (const name of names) {
    const r = run(["/Delete", "/TN", name, "/F"]);
    if (!r.success) {
      problems.push(
        `could not delete the scheduled task ${name} (${
          r.stderr || "no message"
        }); it finds nothing due and ` +
          `does nothing, but delete it with: schtasks /Delete /TN "${name}" /F`,
      );
    }
  }
  return problems;
}
