/**
 * Bad-input test cases for the policy language: the document text marks with `@@` (removed before parsing)
 * exactly where the diagnostic must point, and `refusedAt` checks that loadPolicy refuses it there.
 */
import { equal, fail, ok } from "node:assert/strict";
import { type Diagnostic, formatDiagnostic, loadPolicy, PolicyError } from "../../modules/policy/mod.ts";

/** The 1-based line:column of the `@@` marker, and the text without it. */
export function marked(text: string): { line: number; column: number; clean: string } {
  const i = text.indexOf("@@");
  if (i < 0) throw new Error("case without @@ marker");
  const before = text.slice(0, i).split("\n");
  return {
    line: before.length,
    column: before[before.length - 1].length + 1,
    clean: text.slice(0, i) + text.slice(i + 2),
  };
}

/**
 * Loads `text` as `file` and returns the error diagnostic with `code` (at `path`, when given), after checking
 * it points at the `@@` marker and names the file. Fails when the document is accepted or no such error is
 * reported.
 */
export function refusedAt(text: string, code: string, path?: string, file = "bad.yaml"): Diagnostic {
  const { line, column, clean } = marked(text);
  try {
    loadPolicy(clean, file);
  } catch (e) {
    ok(e instanceof PolicyError, `expected PolicyError, got ${e}`);
    const hit = e.diagnostics.find((d) =>
      d.code === code && d.severity === "error" && (path === undefined || d.path === path)
    );
    ok(
      hit,
      `no ${code}${path ? ` at ${path}` : ""} among:\n${e.diagnostics.map(formatDiagnostic).join("\n")}`,
    );
    equal(`${hit.line}:${hit.column}`, `${line}:${column}`, formatDiagnostic(hit));
    equal(hit.file, file);
    return hit;
  }
  fail("the document was accepted");
}
