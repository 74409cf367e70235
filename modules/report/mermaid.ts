/**
 * The report's graph (graph.ts) as a Mermaid flowchart (`wfpsec report --format mermaid`), for wikis that
 * render Mermaid. Node ids are letters, digits and `_` only (escape.ts `nodeId`); labels are quoted with
 * entity codes for quotes, angle brackets and `#` (`mermaidLabel`); edge labels are fixed words.
 */
import type { ReportData } from "./data.ts";
import { title } from "./dot.ts";
import { mermaidLabel, nodeId } from "./escape.ts";
import { type GraphNode, reportGraph } from "./graph.ts";

const CLASS: Record<GraphNode["kind"], string> = {
  scope: "fill:#e8eef6,stroke:#50607a",
  ours: "fill:#e3f4ea,stroke:#1f6f43",
  exempt: "fill:#e4e9fb,stroke:#3d4f8a",
  foreign: "fill:#fde9d9,stroke:#8a3b00,stroke-dasharray:4 3",
  crypto: "fill:#ffffff,stroke:#777777",
  none: "fill:#eeeeee,stroke:#999999",
};

/** The Mermaid document. */
export function reportMermaid(d: ReportData): string {
  const g = reportGraph(d);
  const id = (key: string) => nodeId("n", key);
  // No front-matter title: it is YAML, with escapes of its own; the title is a node instead.
  const out = ["flowchart LR", `  report_title[${mermaidLabel(title(d))}]`, "  class report_title none"];
  for (const n of g.nodes) {
    const [open, close] = n.kind === "scope" ? ["([", "])"] : n.kind === "crypto" ? ["[/", "/]"] : ["[", "]"];
    out.push(`  ${id(n.key)}${open}${mermaidLabel(n.label)}${close}`);
  }
  for (const e of g.edges) {
    const arrow = e.label.startsWith("contested") ? "-.->" : "-->";
    out.push(`  ${id(e.from)} ${arrow}|${e.label}| ${id(e.to)}`);
  }
  for (const [kind, style] of Object.entries(CLASS)) out.push(`  classDef ${kind} ${style}`);
  const byKind = new Map<string, string[]>();
  for (const n of g.nodes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), id(n.key)]);
  for (const [kind, ids] of byKind) out.push(`  class ${ids.join(",")} ${kind}`);
  return out.join("\n") + "\n";
}
