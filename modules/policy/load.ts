/**
 * loadPolicy: YAML/JSON text -> validated `Policy`, or a `PolicyError` with every problem of the document.
 *
 * Three passes, all run so that one report lists everything: YAML syntax, the structural check derived from
 * the field tables (`fields.ts`), and the semantic pass (`validate.ts`), which builds the model and checks
 * references, crypto strength, families, overlaps and lifetimes. Positions come from the fast block-YAML
 * reader (yamlFast.ts) or npm:yaml's nodes (yamlDoc.ts; also for JSON), so every issue is reported at its
 * file:line:col. npm:yaml is loaded only for documents that need it (`loadPolicyLazily`; loadPolicy.ts has
 * the synchronous API with npm:yaml at hand).
 */
import { type FastYaml, parseBlockYaml } from "./yamlFast.ts";
import type { YamlDocument } from "./yamlDoc.ts";
import { type Diagnostic, pathString, PolicyError } from "./diagnostics.ts";
import { checkNesting, nestingError, pathDeeperThan } from "./decode.ts";
import { canonicalEnums, checkShape } from "./fields.ts";
import { policyDir } from "../model/mod.ts";
import type { Policy } from "../model/mod.ts";
import { isObj, type Issue, type Path } from "./check.ts";
import { Semantic } from "./validate.ts";
import { applyWindowsDefaults } from "./windowsDefaults.ts";

/** Result of a successful load. */
export interface LoadResult {
  /** The validated policy. */
  policy: Policy;
  /** Warnings (weak crypto allowed, unused definitions, ...). */
  warnings: Diagnostic[];
}

/** Reads a text with npm:yaml (yamlDoc.ts `readYamlDocument`). */
export type YamlReader = (text: string) => YamlDocument;

/** Thrown by `loadPolicyWith` without a reader when the document needs npm:yaml. */
const NEEDS_YAML = Symbol("the document needs npm:yaml");

/**
 * `loadPolicy` (load.ts), as the CLI calls it: npm:yaml (yamlDoc.ts) is imported only when the document is
 * outside the fast reader's subset or is JSON with problems to locate.
 */
export async function loadPolicyLazily(text: string, file = "<policy>"): Promise<LoadResult> {
  try {
    return loadPolicyWith(text, file, undefined);
  } catch (e) {
    if (e !== NEEDS_YAML) throw e;
  }
  const { readYamlDocument } = await import("./yamlDoc.ts");
  return loadPolicyWith(text, file, readYamlDocument);
}

/**
 * Parses and validates a policy document (YAML or JSON) with `readYaml` for what the fast readers leave.
 * Throws `PolicyError` listing every error (and the warnings) when anything is wrong; otherwise returns the
 * model and the warnings.
 */
export function loadPolicyWith(text: string, file: string, readYaml: YamlReader | undefined): LoadResult {
  checkNesting(text, file); // before any recursive parse or walk (decode.ts)
  // JSON fast path: JSON.parse is ~100x faster than the YAML composer on big generated policies. The YAML
  // document (for positions) is only built when there is something to report.
  const json = fastJson(text);
  // Block YAML in the plain subset policies are written in: read with positions by yamlFast.ts (npm:yaml's
  // composer made a 10,000-rule policy 6.6x slower than its JSON twin); anything else goes to npm:yaml.
  const fast: FastYaml | undefined = json.ok ? undefined : parseBlockYaml(text);
  let parsed: YamlDocument | undefined;
  const yamlDoc = (): YamlDocument => {
    if (!readYaml) throw NEEDS_YAML;
    return parsed ??= readYaml(text);
  };
  let lines: number[] | undefined;
  /** Line and column of the node at `path`: from the fast reader's offsets, else from npm:yaml's nodes. */
  const at = (path: Path, atKey: boolean): [number, number] => {
    if (!fast) return yamlDoc().locate(path, atKey);
    lines ??= lineStarts(text);
    return lineColumn(lines, fast.locate(path, atKey));
  };
  const diags: Diagnostic[] = [];
  let value: unknown;
  if (json.ok) value = json.value;
  else if (fast) value = fast.value; // no aliases in the subset: the text scan above bounds its depth
  else {
    const doc = yamlDoc();
    for (const e of doc.errors) {
      const { line, column } = e;
      diags.push({
        file,
        line,
        column,
        path: "",
        code: e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax",
        message: e.message.split("\n")[0],
        severity: "error",
      });
    }
    if (diags.length) throw new PolicyError(diags);
    try {
      value = doc.toJS();
    } catch (e) {
      throw new PolicyError([{
        file,
        line: 1,
        column: 1,
        path: "",
        code: "yaml-syntax",
        message: `cannot read the document: ${(e as Error).message}`,
        severity: "error",
      }]);
    }
    const deep = pathDeeperThan(value); // aliases can nest deeper than the text shows
    if (deep) nestingError(file, ...doc.locate(deep, false));
  }
  canonicalEnums(value);
  const defaulted = applyWindowsDefaults(value); // rules without mainMode/quickMode: windowsDefaults.ts
  const issues: Issue[] = checkShape(value).map((s) => ({ ...s, severity: "error" as const }));
  issues.push(...defaulted);
  const sem = new Semantic(isObj(value) ? value : {}, issues, policyDir(file));
  const policy = sem.run();
  if (sem.secretRefs.length && !issues.some((i) => i.severity === "error")) {
    // Plan and apply report a missing secret by file:line and field, not by the object's GUID.
    for (const { ref, path } of sem.secretRefs) {
      const [line, column] = at(path, false);
      ref.source = { file, path: pathString(path), line, column };
    }
  }
  if (sem.accountRefs.length && !issues.some((i) => i.severity === "error")) {
    // Plan and apply report a name the host cannot resolve at its file:line.
    for (const { ref, path } of sem.accountRefs) {
      const [line, column] = at(path, false);
      ref.source = { file, path: pathString(path), line, column };
    }
  }
  if (issues.length) {
    for (const i of issues) {
      // A field filled in by windowsDefaults.ts has no text: report at the nearest written ancestor.
      let [line, column] = at(i.path, !!i.atKey);
      for (let n = i.path.length - 1; !(line >= 1 && column >= 1) && n >= 0; n--) {
        [line, column] = at(i.path.slice(0, n), false);
      }
      const rel = i.related ? at(i.related, false) : undefined;
      diags.push({
        file,
        line,
        column,
        path: pathString(i.path),
        message: rel ? i.message.replace("{related}", `${file}:${rel[0]}:${rel[1]}`) : i.message,
        code: i.code,
        severity: i.severity,
      });
    }
  }
  diags.sort((a, b) =>
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.line - b.line ||
    a.column - b.column
  );
  if (!isObj(value)) {
    if (!diags.some((d) => d.severity === "error")) {
      diags.unshift({
        file,
        line: 1,
        column: 1,
        path: "",
        code: "type",
        message: "the document must be a mapping",
        severity: "error",
      });
    }
  }
  if (diags.some((d) => d.severity === "error")) throw new PolicyError(diags);
  return { policy, warnings: diags };
}

/**
 * Strict JSON with no duplicate keys (which JSON.parse would silently merge): then the value; otherwise
 * `ok: false` and the YAML path reports the problem with its position.
 */
function fastJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trimStart();
  if (t[0] !== "{" || hasDuplicateKey(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The key as JSON reads it, so `"\u0069nbound"` and `"inbound"` compare equal; malformed text stays raw
 * (JSON.parse then fails and the YAML path reports it).
 */
function unescapeJsonKey(quoted: string): string {
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

/** Scans JSON text for an object with a repeated key (keys compared after unescaping). */
function hasDuplicateKey(text: string): boolean {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // "
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const k = unescapeJsonKey(text.slice(i, j + 1));
        if (top.has(k)) return true;
        top.add(k);
      }
      expectKey = false;
      i = j;
    } else if (c === 0x7b) stack.push(new Set()), expectKey = true; // {
    else if (c === 0x5b) stack.push(null), expectKey = false; // [
    else if (c === 0x7d || c === 0x5d) stack.pop(), expectKey = false;
    else if (c === 0x2c) expectKey = stack[stack.length - 1] !== null && stack.length > 0; // ,
  }
  return false;
}

/** Offsets where each line starts (after LF, as npm:yaml's LineCounter counts). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset` (as LineCounter.linePos gives them). */
function lineColumn(starts: number[], offset: number): [number, number] {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [lo + 1, offset - starts[lo] + 1];
}
