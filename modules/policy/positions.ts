/**
 * Lines of a valid policy's rules, for messages written after validation (the lock-out guard names
 * `policy.yaml:12: rule "x" ...`). The loader keeps positions only while it has diagnostics to place, so the
 * text is read again here with the same readers: the fast block-YAML reader, else npm:yaml (JSON included),
 * so a line is the one the loader itself would report for the rule.
 */
import { parseBlockYaml } from "./yamlFast.ts";
import { isObj } from "./check.ts";

/** 1-based line of each rule's item (`- name: x`) by rule name; a rule name seen twice keeps its first line. */
export async function ruleLines(text: string): Promise<Map<string, number>> {
  const fast = parseBlockYaml(text);
  let value: unknown;
  let lineAt: (i: number) => number;
  if (fast) {
    value = fast.value;
    lineAt = (i) => lineOf(text, fast.locate(["rules", i], false));
  } else {
    const { readYamlDocument } = await import("./yamlDoc.ts");
    const doc = readYamlDocument(text);
    value = doc.toJS();
    lineAt = (i) => doc.locate(["rules", i], false)[0];
  }
  const lines = new Map<string, number>();
  const rules = isObj(value) && Array.isArray(value.rules) ? value.rules : [];
  rules.forEach((r, i) => {
    if (isObj(r) && typeof r.name === "string" && !lines.has(r.name)) lines.set(r.name, lineAt(i));
  });
  return lines;
}

/** 1-based line of a UTF-16 offset (lines end at LF, as the loader counts them). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
