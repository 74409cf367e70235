/**
 * Whether an apply awaits confirmation (`apply --confirm-within`), for the commands an administrator looks
 * with: plan, show, status and doctor. Reads only the light armed record (modules/apply/armed.ts), never
 * confirm.ts. An offline snapshot describes another host: nothing is armed there.
 */
import type { Output, Values } from "./command.ts";

/**
 * The apply awaiting confirmation on this engine's host, or null. A corrupt or unreadable record (e.g. a
 * session that is not elevated: the record is admin-only) throws ConfirmError naming the file.
 */
export async function readAwaiting(
  engine: { info: { kind: string } },
  simState: string | undefined,
  now = new Date(),
): Promise<import("../apply/armed.ts").AwaitingConfirmation | null> {
  const { applyLockPath } = await import("../apply/lock.ts");
  const lock = applyLockPath(engine.info.kind, simState ?? Deno.env.get("FWPSIM_STATE"));
  if (!lock) return null;
  const a = await import("../apply/armed.ts");
  const path = a.armedRecordPath(lock);
  let rec: import("../apply/armed.ts").ArmedRecord | undefined;
  try {
    rec = a.readArmed(path);
  } catch (e) {
    if (e instanceof a.ConfirmError) throw e;
    throw new a.ConfirmError(
      `cannot read the armed confirm record ${path} (${(e as Error).message}), so whether an apply awaits ` +
        `confirmation is unknown: run elevated`,
    );
  }
  return rec ? a.awaitingOf(rec, path, now) : null;
}

/**
 * For plan and show: prints the headline (text output) and returns the JSON member `awaitingConfirmation`
 * (null when nothing is armed). A corrupt record is a warning on stderr: the command still shows what it
 * was asked, and the warning says how to disarm.
 */
export async function awaitingForOutput(
  engine: { info: { kind: string } },
  v: Values,
  out: Output,
  command: string,
): Promise<import("../apply/armed.ts").AwaitingConfirmation | null> {
  const armed = await import("../apply/armed.ts");
  try {
    const a = await readAwaiting(engine, v["sim-state"] as string | undefined);
    if (a && !out.json) out.text(armed.awaitingHeadline(a));
    return a;
  } catch (e) {
    if (!(e instanceof armed.ConfirmError)) throw e;
    out.err(`wfpsec ${command}: warning: ${e.message}`);
    return null;
  }
}
