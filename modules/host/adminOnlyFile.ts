/**
 * A file only administrators and SYSTEM may open, for secrets wfpsec must keep on disk (the armed confirm
 * record holds the keys of the policy it restores). On Windows, files under %ProgramData% inherit its ACL,
 * which lets Users read them: the file's inherited entries are removed and exactly two are granted,
 * `icacls FILE /inheritance:r /grant:r *S-1-5-32-544:(F) *S-1-5-18:(F)` (System32's icacls by full path;
 * SIDs, so no account name is localised). It is applied to the still-empty file, before anything secret is
 * written into it; a rename in the same folder keeps the file's own ACL. Elsewhere (fwpsim) the file is
 * created with mode 0600 by its writer and nothing is done here.
 */
import { SafetyError } from "../errors.ts";
import { systemDirectory } from "../../ffi/kernel32.ts";

/** Runs icacls with `args` (injectable for tests). */
export type IcaclsRunner = (args: string[]) => { success: boolean; stderr: string };

/** The icacls arguments that leave `path` to Administrators and SYSTEM only. */
export function adminOnlyArgs(path: string): string[] {
  return [path, "/inheritance:r", "/grant:r", "*S-1-5-32-544:(F)", "*S-1-5-18:(F)"];
}

function icacls(args: string[]): { success: boolean; stderr: string } {
  const r = new Deno.Command(`${systemDirectory()}\\icacls.exe`, {
    args,
    stdout: "null",
    stderr: "piped",
    stdin: "null",
  }).outputSync();
  return { success: r.success, stderr: new TextDecoder().decode(r.stderr).trim() };
}

/** Restricts `path` to Administrators and SYSTEM (Windows; a no-op elsewhere). SafetyError when icacls fails. */
export function restrictToAdministrators(path: string, run: IcaclsRunner | undefined = undefined): void {
  if (!run && Deno.build.os !== "windows") return;
  const r = (run ?? icacls)(adminOnlyArgs(path));
  if (!r.success) {
    throw new SafetyError(
      `cannot make ${path} readable by administrators only (icacls: ${
        r.stderr || "failed"
      }); it would hold ` +
        `keys, so nothing was written and nothing changed`,
    );
  }
}
