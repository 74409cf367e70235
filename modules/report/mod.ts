/**
 * The report (`wfpsec report`): the policy, the host's protection map and the arbitration ladder as one HTML
 * page (html.ts), or the graph as dot / Mermaid for wikis (dot.ts, mermaid.ts). The data is gathered once
 * (build.ts, data.ts) and every form renders it; escape.ts holds the escaping every form relies on.
 * @module
 */
export { dotString, escapeHtml, mermaidLabel, nodeId } from "./escape.ts";
export { buildReport, type ReportInput, type ReportPolicy } from "./build.ts";
export type * from "./data.ts";
export { HTML_SECTIONS, reportHtml } from "./html.ts";
export { reportDot } from "./dot.ts";
export { reportMermaid } from "./mermaid.ts";
export { type GraphEdge, type GraphNode, type ReportGraph, reportGraph } from "./graph.ts";
