/**
 * Escaping for the report's three outputs (HTML, Graphviz dot, Mermaid).
 *
 * Every name and description in a report may come from an untrusted engine (another provider's filters), so
 * each output form escapes it for its own syntax before it is written: a `<script>` name must stay text.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside HTML element content and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A Graphviz double-quoted string (ID or label). Backslashes are doubled first so that a name ending in `\`
 * cannot escape the closing quote; line breaks become dot's `\n` so one label stays on one source line.
 */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n");
  return `"${body}"`;
}

/**
 * A Mermaid node label in double quotes. Mermaid has no backslash escape inside quotes, only HTML entity codes
 * (`#quot;`, `#lt;` ...), so quotes, angle brackets, `#` itself and line breaks are written as entity codes;
 * `#` goes first so the codes written afterwards are not escaped again.
 */
export function mermaidLabel(text: string): string {
  const body = text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\r\n|\r|\n/g, " ");
  return `"${body}"`;
}

/**
 * A Mermaid / dot node id from an arbitrary key: letters and digits kept, every other character (`_` too) as
 * `_hex_`, so distinct keys never share an id; prefixed so it never starts with a digit.
 */
export function nodeId(prefix: string, key: string): string {
  return `${prefix}_${key.replace(/[^A-Za-z0-9]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}
