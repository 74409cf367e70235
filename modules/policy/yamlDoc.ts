/**
 * npm:yaml as the policy loader uses it: for documents outside the fast reader's subset (yamlFast.ts) and
 * for JSON with problems to locate. Kept apart from load.ts so a command whose policy the fast reader
 * reads never loads npm:yaml (~45 ms of start-up here, measured against a bare `deno run`).
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** A document as npm:yaml reads it, with what the loader needs from it. */
export interface YamlDocument {
  /** Syntax errors (duplicate keys included), at their 1-based line and column. */
  errors: { code: string; message: string; line: number; column: number }[];
  /** The value (aliases expanded, at most 50). Throws when the document cannot be converted. */
  toJS(): unknown;
  /** 1-based line and column of the node at `path` (the last existing one; with `atKey`, the last key). */
  locate(path: readonly (string | number)[], atKey: boolean): [number, number];
}

/** Reads `text` with npm:yaml (unique keys enforced, positions kept). */
export function readYamlDocument(text: string): YamlDocument {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineCol = (offset: number): [number, number] => {
    const p = lc.linePos(offset);
    return [p.line, p.col];
  };
  return {
    errors: doc.errors.map((e) => {
      const [line, column] = lineCol(e.pos?.[0] ?? 0);
      return { code: e.code, message: e.message, line, column };
    }),
    toJS: () => doc.toJS({ maxAliasCount: 50 }),
    locate: (path, atKey) => lineCol(nodeOffset(doc.contents as Node | null | undefined, path, atKey)),
  };
}

/**
 * Offset of the node at `path` below `root` (the last one that exists; with `atKey`, the last key on the
 * way): where every error position of a YAML policy comes from, and what the fast reader is checked against.
 */
export function nodeOffset(
  root: Node | null | undefined,
  path: readonly (string | number)[],
  atKey: boolean,
): number {
  let node = root;
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
  return (atKey && keyNode ? keyNode : best)?.range?.[0] ?? 0;
}
