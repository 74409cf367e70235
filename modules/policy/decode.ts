/**
 * Policy file bytes -> text, and the nesting budget checked before parsing.
 *
 * Encodings: UTF-8 with or without a byte-order mark, and UTF-16LE/BE with a byte-order mark (what Windows
 * PowerShell 5.1's `>` and `Out-File` write). Anything else is refused with a located `bad-encoding` error
 * rather than read as U+FFFD, which would silently change names and paths.
 *
 * Nesting: the YAML composer and the structural checks recurse once per level, so a document nested
 * thousands of levels deep would end in V8's "Maximum call stack size exceeded". `checkNesting` counts the
 * depth with a linear scan of the text first and refuses anything deeper than `MAX_NESTING`.
 *
 * @module
 */
import { type Diagnostic, PolicyError } from "./diagnostics.ts";

/** The deepest nesting of lists and mappings a policy file may have (a real policy needs about 6). */
export const MAX_NESTING = 64;

function fail(file: string, line: number, column: number, code: string, message: string): never {
  const d: Diagnostic = { file, line, column, path: "", code, message, severity: "error" };
  throw new PolicyError([d]);
}

/** 1-based line and column (UTF-16 code units, as the YAML positions count) of `offset` in `text`. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return [line, offset - start + 1];
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstBadUtf8(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number, min: number, max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = c === 0xe0 ? 0xa0 : 0x80;
      if (c === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = c === 0xf0 ? 0x90 : 0x80;
      if (c === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + n >= b.length) return i; // truncated sequence
    if (b[i + 1] < min || b[i + 1] > max) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const hex = (x: number) => "0x" + x.toString(16).toUpperCase().padStart(2, "0");

/**
 * Decodes a policy file's bytes: UTF-8 (BOM optional) or UTF-16LE/BE with a BOM. Throws `PolicyError`
 * (`bad-encoding`, at the line and column of the first bad byte) for anything else.
 */
export function decodePolicyBytes(bytes: Uint8Array, file: string): string {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (le || be) {
    const name = le ? "UTF-16LE" : "UTF-16BE";
    const units = (bytes.length - 2) >> 1;
    const unit = (k: number) =>
      le ? bytes[2 + 2 * k] | bytes[3 + 2 * k] << 8 : bytes[2 + 2 * k] << 8 | bytes[3 + 2 * k];
    // Lenient decode for positions, then look for what the strict decoder refuses: an odd byte count or
    // a surrogate without its pair.
    const text = new TextDecoder(le ? "utf-16le" : "utf-16be", { ignoreBOM: true }).decode(
      bytes.subarray(2, 2 + 2 * units),
    );
    for (let k = 0; k < units; k++) {
      const u = unit(k);
      const high = u >= 0xd800 && u <= 0xdbff;
      const low = u >= 0xdc00 && u <= 0xdfff;
      if (high && k + 1 < units && (unit(k + 1) & 0xfc00) === 0xdc00) {
        k++;
        continue;
      }
      if (high || low) {
        const [line, column] = position(text, k);
        fail(
          file,
          line,
          column,
          "bad-encoding",
          `the file starts with a ${name} byte-order mark but code unit ${hex(u)} at byte ${
            2 + 2 * k
          } is an unpaired surrogate: save the file as UTF-8`,
        );
      }
    }
    if ((bytes.length & 1) === 1) {
      const [line, column] = position(text, text.length);
      fail(
        file,
        line,
        column,
        "bad-encoding",
        `the file starts with a ${name} byte-order mark but has an odd number of bytes (${bytes.length}): ` +
          `it is truncated or not ${name}; save the file as UTF-8`,
      );
    }
    return text;
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    // Locate the byte for the message; the text before it is valid UTF-8.
  }
  let bad = firstBadUtf8(bytes, start);
  if (bad < 0) bad = start; // the decoder refused what the scan accepts: report the start, still typed
  const before = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(start, bad));
  const [line, column] = position(before, before.length);
  const b = bytes[bad];
  const latin = b >= 0xa0 ? ` (in Windows-1252/Latin-1 it would be '${String.fromCharCode(b)}')` : "";
  fail(
    file,
    line,
    column,
    "bad-encoding",
    `byte ${hex(b)} at offset ${bad} is not valid UTF-8${latin}: the file is in another encoding; ` +
      `save it as UTF-8 (or UTF-16 with a byte-order mark)`,
  );
}

const isSpace = (c: number) => c === 0x20 || c === 0x09;
const isBreak = (c: number) => c === 0x0a || c === 0x0d;
const isFlowInd = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;

/**
 * Offset where the nesting of lists and mappings first exceeds `limit`, or -1. Linear: flow brackets
 * (JSON and YAML flow style) are counted outside quoted scalars and comments; block collections by the
 * column of each `- `, `? ` and `key:` against a stack of the open ones. Block scalars (`|`, `>`) are
 * skipped. It may count a level too many on odd layouts, never far fewer.
 */
export function nestingOverflow(text: string, limit: number = MAX_NESTING): number {
  type Open = { col: number; kind: "seq" | "map" };
  const block: Open[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  let scalarIndent = -1; // > -1 while inside a block scalar: lines indented more than this belong to it
  const too = () => block.length + flow > limit;
  // Opens a block collection at `col` unless it continues the one open there.
  const open = (col: number, kind: "seq" | "map"): boolean => {
    while (block.length) {
      const top = block[block.length - 1];
      if (top.col < col) break;
      if (top.col === col && top.kind === kind) return false;
      if (top.col === col && top.kind === "map" && kind === "seq") break; // `key:` then `- item` at its column
      block.pop();
    }
    block.push({ col, kind });
    return too();
  };
  while (i < n) {
    // ---- line start (block context only)
    const lineStart = i;
    let j = i;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const indent = j - lineStart;
    if (j >= n) break;
    const first = text.charCodeAt(j);
    if (scalarIndent >= 0) {
      if (isBreak(first) || indent > scalarIndent) {
        const e = text.indexOf("\n", j);
        i = e < 0 ? n : e + 1;
        continue;
      }
      scalarIndent = -1;
    }
    let keyCol = -1; // column of the line's first token once seq/complex-key indicators are consumed
    if (flow === 0 && !isBreak(first) && first !== 0x23) {
      while (block.length && block[block.length - 1].col > indent) block.pop();
      // compact indicators: `- - x`, `- ? x`
      while (
        j < n && (text.charCodeAt(j) === 0x2d || text.charCodeAt(j) === 0x3f) &&
        (j + 1 >= n || isSpace(text.charCodeAt(j + 1)) || isBreak(text.charCodeAt(j + 1)))
      ) {
        if (open(j - lineStart, "seq")) return j;
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
      }
      keyCol = j - lineStart;
    }
    // ---- tokens up to the end of the line (quoted scalars may run over several lines)
    i = j;
    let lastTokenEnd = -1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        i++;
        break;
      }
      if (isSpace(c) || c === 0x0d) {
        i++;
        continue;
      }
      const afterSpace = i === lineStart || isSpace(text.charCodeAt(i - 1)) || i === j;
      if (c === 0x23 && afterSpace) { // comment
        const e = text.indexOf("\n", i);
        i = e < 0 ? n : e;
        continue;
      }
      if (c === 0x22) { // "..."
        i++;
        while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
        i++;
        lastTokenEnd = i;
        continue;
      }
      if (c === 0x27) { // '...' ('' is a quote)
        i++;
        while (i < n) {
          if (text.charCodeAt(i) === 0x27) {
            if (text.charCodeAt(i + 1) === 0x27) i += 2;
            else break;
          } else i++;
        }
        i++;
        lastTokenEnd = i;
        continue;
      }
      if (c === 0x5b || c === 0x7b) {
        flow++;
        if (too()) return i;
        i++;
        continue;
      }
      if (c === 0x5d || c === 0x7d) {
        if (flow > 0) flow--;
        i++;
        continue;
      }
      if (c === 0x2c) {
        i++;
        continue;
      }
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0x0a;
      if (c === 0x3a && (isSpace(next) || isBreak(next) || (flow > 0 && isFlowInd(next)))) {
        if (flow === 0 && keyCol >= 0) {
          if (open(keyCol, "map")) return lineStart + keyCol;
          keyCol = -1; // `a: b: c` is not valid YAML; count the line's mapping once
        }
        i++;
        continue;
      }
      if (flow === 0 && (c === 0x7c || c === 0x3e) && lastTokenEnd !== i) { // block scalar header
        scalarIndent = indent;
        const e = text.indexOf("\n", i);
        i = e < 0 ? n : e;
        continue;
      }
      if (c === 0x26 || c === 0x21 || c === 0x2a) { // &anchor, !tag, *alias: up to a space or flow indicator
        i++;
        while (
          i < n && !isSpace(text.charCodeAt(i)) && !isBreak(text.charCodeAt(i)) &&
          !isFlowInd(text.charCodeAt(i))
        ) i++;
        continue;
      }
      // plain scalar: up to ': ', ' #', the line end, or (in flow) an indicator
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isBreak(d)) break;
        if (d === 0x3a) {
          const e = i + 1 < n ? text.charCodeAt(i + 1) : 0x0a;
          if (isSpace(e) || isBreak(e) || (flow > 0 && isFlowInd(e))) break;
        }
        if (d === 0x23 && isSpace(text.charCodeAt(i - 1))) break;
        if (flow > 0 && isFlowInd(d)) break;
        i++;
      }
      lastTokenEnd = i;
    }
  }
  return -1;
}

/**
 * The path of the first node deeper than `limit` in a loaded value, or undefined. The text scan cannot see
 * through YAML aliases (`*a` inside the node anchored `&b` ...), which can stack levels; this iterative walk
 * runs on the value before the recursive checks. A node shared by aliases is walked again only when reached deeper than before.
 */
export function pathDeeperThan(value: unknown, limit: number = MAX_NESTING): (string | number)[] | undefined {
  // Entries link to their parent so the path is only built for the node reported.
  type Entry = { v: unknown; depth: number; key: string | number; up: Entry | undefined };
  const seen = new Map<object, number>();
  const stack: Entry[] = [{ v: value, depth: 0, key: "", up: undefined }];
  while (stack.length) {
    const e = stack.pop()!;
    const v = e.v;
    if (typeof v !== "object" || v === null) continue;
    const d = e.depth + 1;
    if (d > limit) {
      const path: (string | number)[] = [];
      for (let p: Entry | undefined = e; p?.up; p = p.up) path.unshift(p.key);
      return path;
    }
    if ((seen.get(v) ?? 0) >= d) continue; // already walked from as deep or deeper
    seen.set(v, d);
    // children pushed last-first so the first deep node in document order is the one reported
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) stack.push({ v: v[k], depth: d, key: k, up: e });
    } else {
      const keys = Object.keys(v);
      for (let k = keys.length - 1; k >= 0; k--) {
        stack.push({ v: (v as Record<string, unknown>)[keys[k]], depth: d, key: keys[k], up: e });
      }
    }
  }
  return undefined;
}

/** The `too-deep` error at `line:column`. */
export function nestingError(file: string, line: number, column: number, limit: number = MAX_NESTING): never {
  fail(
    file,
    line,
    column,
    "too-deep",
    `the document is nested deeper than ${limit} levels (lists and mappings inside each other); ` +
      `a policy needs far fewer`,
  );
}

/** Throws `PolicyError` (`too-deep`, at the first level too many) when `text` nests deeper than the limit. */
export function checkNesting(text: string, file: string, limit: number = MAX_NESTING): void {
  const at = nestingOverflow(text, limit);
  if (at < 0) return;
  const [line, column] = position(text, at);
  nestingError(file, line, column, limit);
}
