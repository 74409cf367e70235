/**
 * The real `netsh wfp show state` dump in ../shared/reference (beside the repository, or one level further up
 * from a worktree): its path, or undefined where that folder is absent (tests then skip with a visible reason).
 */
const ROOT = new URL("../../", import.meta.url).pathname;

/** The real dump's path, when present. */
export const REFERENCE_DUMP: string | undefined = [
  `${ROOT}../shared/reference`,
  `${ROOT}../../shared/reference`,
]
  .map((d) => `${d}/netsh-wfp-show-state-sample.xml`)
  .find((f) => {
    try {
      return Deno.statSync(f).isFile;
    } catch {
      return false;
    }
  });

/** Logs why a real-dump test is skipped. */
export function noteMissingReference(what: string): void {
  if (!REFERENCE_DUMP) console.log(`skipped ${what}: ../shared/reference is absent`);
}
