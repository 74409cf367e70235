/**
 * The report's graph for wikis (`--format dot|mermaid`): remote scopes -> what governs them (our rules and
 * exemptions, other providers), and our rules -> their main-mode and quick-mode policies. Built once from
 * the report's data; dot.ts and mermaid.ts only write it in their syntax. Edge labels are fixed words, never
 * engine text, so only node labels need escaping.
 */
import type { Governor, ReportData } from "./data.ts";

/** A node: its kind decides the style. */
export interface GraphNode {
  /** Unique key (the kind and the label). */
  key: string;
  /** The label shown (untrusted text: escaped by each writer). */
  label: string;
  /** scope, ours (a wfpsec item), exempt, foreign (another provider), crypto (an MM/QM policy), none. */
  kind: "scope" | "ours" | "exempt" | "foreign" | "crypto" | "none";
}

/** An edge, labelled with a fixed word. */
export interface GraphEdge {
  /** From node key. */
  from: string;
  /** To node key. */
  to: string;
  /** out, in, in+out, contested out, contested in, main mode, quick mode. */
  label: string;
}

/** Nodes and edges, in a stable order. */
export interface ReportGraph {
  /** Every node once. */
  nodes: GraphNode[];
  /** Every edge once. */
  edges: GraphEdge[];
}

/** The report's graph. */
export function reportGraph(d: ReportData): ReportGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (kind: GraphNode["kind"], label: string) => {
    const key = `${kind}:${label}`;
    if (!nodes.has(key)) nodes.set(key, { key, label, kind });
    return key;
  };
  const edge = (from: string, to: string, label: string) => {
    const id = `${from}\0${to}`;
    const old = edges.get(id);
    // one edge per pair: out and in to the same governor become in+out
    if (old && old.label !== label) old.label = label.startsWith("contested") ? "contested in+out" : "in+out";
    else if (!old) edges.set(id, { from, to, label });
  };
  const governor = (g: Governor) => {
    if (g.kind === "none") return node("none", "no IPsec policy");
    if (g.kind === "foreign") return node("foreign", g.provider ?? g.item ?? "other provider");
    return node(g.kind, g.item ?? g.provider ?? "?");
  };
  for (const p of d.protection) {
    const s = node("scope", p.scope);
    edge(s, governor(p.outbound), "out");
    edge(s, governor(p.inbound), "in");
    for (const [dir, g] of [["out", p.outbound], ["in", p.inbound]] as const) {
      for (const c of g.contested) edge(s, node("foreign", c), `contested ${dir}`);
    }
  }
  for (const r of d.matrix) {
    if (r.kind === "exemption") continue;
    const item = node("ours", `${r.kind === "manualSa" ? "manual SA" : r.kind} ${r.name}`);
    for (const m of r.mainModeCrypto) edge(item, node("crypto", m), "main mode");
    if (r.quickModeCrypto) edge(item, node("crypto", r.quickModeCrypto), "quick mode");
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
