/**
 * The report (`wfpsec report`): the policy, the host's protection map and the arbitration ladder as one HTML
 * page, or the graph as dot / Mermaid for wikis. This increment holds the escaping every output form relies on.
 * @module
 */
export { dotString, escapeHtml, mermaidLabel, nodeId } from "./escape.ts";
