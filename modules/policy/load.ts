/**
 * loadPolicy: YAML/JSON text -> validated `Policy`, or a `PolicyError` with every problem of the document.
 *
 * Three passes, all run so that one report lists everything: YAML syntax, the structural check derived from
 * the field tables (`fields.ts`), and the semantic pass (`validate.ts`), which builds the model and checks
 * references, crypto strength, families, overlaps and lifetimes. Positions come from the YAML nodes (or, for
 * JSON, from the same parser), so every issue is reported at its file:line:col.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type Diagnostic, pathString, PolicyError } from "./diagnostics.ts";
import { checkNesting, nestingError, pathDeeperThan } from "./decode.ts";
import { checkShape } from "./fields.ts";
import { policyDir } from "../model/mod.ts";
import type { Policy } from "../model/mod.ts";
import { isObj, type Issue, type Path } from "./check.ts";
import { Semantic } from "./validate.ts";

/** Result of a successful load. */
export interface LoadResult {
  /** The validated policy. */
  policy: Policy;
  /** Warnings (weak crypto allowed, unused definitions, ...). */
  warnings: Diagnostic[];
}

/**
 * Parses and validates a policy document (YAML or JSON). Throws `PolicyError` listing every error (and the
 * warnings) when anything is wrong; otherwise returns the model and the warnings.
 */
export function loadPolicy(text: string, file = "<policy>"): LoadResult {
  checkNesting(text, file); // before any recursive parse or walk (decode.ts)
  // JSON fast path: JSON.parse is ~100x faster than the YAML composer on big generated policies. The YAML
  // document (for positions) is only built when there is something to report.
  const json = fastJson(text);
  let parsed: { doc: Document.Parsed; lc: LineCounter } | undefined;
  const yamlDoc = () => {
    if (!parsed) {
      const lc = new LineCounter();
      parsed = {
        doc: parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }),
        lc,
      };
    }
    return parsed;
  };
  const diags: Diagnostic[] = [];
  let value: unknown;
  if (json.ok) value = json.value;
  else {
    const { doc, lc } = yamlDoc();
    for (const e of doc.errors) {
      const [line, column] = lineCol(lc, e.pos?.[0] ?? 0);
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
      value = doc.toJS({ maxAliasCount: 50 });
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
    if (deep) nestingError(file, ...locate(doc.contents, lc, deep, false));
  }
  const issues: Issue[] = checkShape(value).map((s) => ({ ...s, severity: "error" as const }));
  const sem = new Semantic(isObj(value) ? value : {}, issues, policyDir(file));
  const policy = sem.run();
  if (sem.secretRefs.length && !issues.some((i) => i.severity === "error")) {
    // Plan and apply report a missing secret by file:line and field, not by the object's GUID.
    const { doc, lc } = yamlDoc();
    for (const { ref, path } of sem.secretRefs) {
      const [line, column] = locate(doc.contents, lc, path, false);
      ref.source = { file, path: pathString(path), line, column };
    }
  }
  if (issues.length) {
    const { doc, lc } = yamlDoc();
    for (const i of issues) {
      const [line, column] = locate(doc.contents, lc, i.path, !!i.atKey);
      diags.push({
        file,
        line,
        column,
        path: pathString(i.path),
        message: i.message,
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

function lineCol(lc: LineCounter, offset: number): [number, number] {
  const p = lc.linePos(offset);
  return [p.line, p.col];
}

function locate(root: unknown, lc: LineCounter, path: Path, atKey: boolean): [number, number] {
  let node = root as Node | null | undefined;
  let best: Node | null | undefined = node;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      keyNode = pair.key as Node;
      best = keyNode;
      node = pair.value as Node | null;
      if (node) best = node;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as Node | undefined;
      if (node) best = node;
      else break;
    } else break;
  }
  const target = atKey && keyNode ? keyNode : best;
  const off = target?.range?.[0] ?? 0;
  return lineCol(lc, off);
}
