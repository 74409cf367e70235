/**
 * Key files named by a policy (pre-shared keys, manual SA keys) are part of what an administrator applies:
 * a relative path is resolved against the policy file's folder (not the current directory, which whoever
 * starts wfpsec chooses, e.g. a scheduled task's working folder), and the caller applies the same admin-only
 * check to each as to the policy file itself.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import type { ObjectGraph } from "../graph/mod.ts";

/** Rewrites `graph.secrets` file references to absolute paths next to `policyFile`; returns them. */
export function anchorSecretFiles(graph: ObjectGraph, policyFile: string): string[] {
  const base = dirname(resolve(policyFile));
  const files = new Set<string>();
  for (const [id, ref] of Object.entries(graph.secrets)) {
    if (!ref.file) continue;
    const file = isAbsolute(ref.file) ? ref.file : resolve(base, ref.file);
    graph.secrets[id] = { ...ref, file };
    files.add(file);
  }
  return [...files];
}
