/**
 * A fast reader for the block YAML policy files are written in, with the position of every key and value;
 * anything outside that plain subset is left to npm:yaml (`undefined`: the caller parses with the library).
 *
 * Why: npm:yaml builds a CST, then a document of nodes, then the JS value. On the 10,000-rule policy of
 * bench/yaml_bench.ts (1.5 MB) load+validate took 6.6x the same document as JSON (1,650 ms vs 246 ms);
 * yaml's own Lexer alone was ~20x JSON.parse and its Parser (CST, no composer) ~45x, so using them without
 * the composer could not reach the 1.5x target. This single pass over the text is about JSON.parse's speed,
 * so YAML now validates in about the JSON time: YAML/JSON 0.99x (median of 9 pairs, was 6.63x).
 *
 * The subset: block mappings and sequences indented with spaces (`- key: value` compact mappings too),
 * single-line plain and quoted scalars (double-quoted without escapes), single-line flow sequences and
 * mappings, comments, blank lines, LF or CRLF. Scalars resolve as YAML 1.2's core schema (npm:yaml's
 * default). Anything else — anchors, aliases, tags, block scalars, multi-line scalars or flow collections,
 * document markers and directives, complex or unusual keys, tabs in indentation, duplicate keys, a byte-order
 * mark, control characters — makes the reader give up, so npm:yaml then reads the file (and reports its
 * errors). It never accepts a document npm:yaml would refuse or read differently: tests/unit/policy/
 * yaml_fast.test.ts checks values and positions against npm:yaml on the policy corpus and on random documents
 * and mutations of them.
 *
 * @module
 */

/** A document read by `parseBlockYaml`. */
export interface FastYaml {
  /** The value, as npm:yaml's `toJS()` gives it. */
  value: unknown;
  /**
   * Offset (UTF-16 code units) of the node at `path`, as npm:yaml's node ranges start: the last existing
   * node along the path; with `atKey`, the last mapping key along it.
   */
  locate(path: readonly (string | number)[], atKey: boolean): number;
}

/** Thrown inside the reader to give up; never escapes. */
const GIVE_UP = Symbol("not in the fast YAML subset");

const SP = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;
const HASH = 0x23, COLON = 0x3a, DASH = 0x2d, COMMA = 0x2c, SQ = 0x27, DQ = 0x22, BSL = 0x5c;
const LBRACK = 0x5b, RBRACK = 0x5d, LBRACE = 0x7b, RBRACE = 0x7d;

// YAML 1.2 core schema, in npm:yaml's order (schema/core/schema.js).
const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/, INT = /^[-+]?[0-9]+$/, INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e) {
    if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
    if (INT.test(s)) return parseInt(s, 10);
    if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
    if (FLOAT_NAN.test(s)) {
      return s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity;
    }
    if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
    return s;
  }
  if (c === 0x7e || c === 0x6e || c === 0x4e) return NULL_RE.test(s) ? null : s; // ~ n N
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46) { // t T f F
    return BOOL_RE.test(s) ? (c === 0x74 || c === 0x54) : s;
  }
  return s;
}

/** Mapping keys the reader takes as written: identifier-like plain scalars that resolve to strings. */
const isKeyChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f ||
  c === DASH || c === 0x2e;
const isKeyStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;

const isFlowIndicator = (c: number) =>
  c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE;

/** Characters that cannot start a plain scalar in block context (c-indicator), except `-?:` (checked apart). */
function badPlainStart(c: number): boolean {
  return c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE || c === COMMA || c === HASH ||
    c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === SQ || c === DQ ||
    c === 0x25 || c === 0x40 || c === 0x60;
}

class Reader {
  pos = 0;
  /** `nextLine`'s last answer: the content offset it stopped at and that line's column. */
  private lineAt = -1;
  private lineCol = -1;
  /** Per container: mapping -> [keyOffset, valueOffset, ...] by key order; sequence -> [itemOffset, ...]. */
  readonly offsets = new Map<object, number[]>();
  constructor(readonly text: string) {}

  private code(i: number): number {
    return i < this.text.length ? this.text.charCodeAt(i) : LF;
  }
  private eol(i: number): boolean {
    const c = this.code(i);
    return c === LF || (c === CR && this.text.charCodeAt(i + 1) === LF);
  }
  private spaceOrEol(i: number): boolean {
    const c = this.code(i);
    // A tab counts as the space after an indicator, so `-\tx` is not read as a plain scalar (it is a
    // sequence entry to YAML); the tab itself then makes the reader give up.
    return c === SP || c === TAB || c === LF || (c === CR && this.text.charCodeAt(i + 1) === LF);
  }

  /**
   * From a line start, skips blank and comment-only lines; leaves `pos` at the first character of the next
   * content line and returns its column, or -1 at the end of the text.
   */
  nextLine(): number {
    // A nested collection returns with `pos` already at the next content line: same answer again.
    if (this.pos === this.lineAt) return this.lineCol;
    const t = this.text, n = t.length;
    let i = this.pos;
    while (i < n) {
      const start = i;
      while (i < n && t.charCodeAt(i) === SP) i++;
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === LF) {
        i++;
        continue;
      }
      if (c === CR && this.text.charCodeAt(i + 1) === LF) {
        i += 2;
        continue;
      }
      if (c === HASH) {
        const e = t.indexOf("\n", i);
        i = e < 0 ? n : e + 1;
        continue;
      }
      if (c === TAB || c === CR) throw GIVE_UP; // tabs around indentation, lone CR: let npm:yaml judge
      this.pos = this.lineAt = i;
      return this.lineCol = i - start;
    }
    this.pos = this.lineAt = n;
    return this.lineCol = -1;
  }

  /** After a value on a line: spaces, then an optional comment, then the line break (consumed). */
  endLine(): void {
    const t = this.text;
    let i = this.pos;
    while (this.code(i) === SP) i++;
    if (i >= t.length) {
      this.pos = i;
      return;
    }
    const c = t.charCodeAt(i);
    if (c === HASH && (i === 0 || t.charCodeAt(i - 1) === SP)) { // a comment needs a space before it
      const e = t.indexOf("\n", i);
      this.pos = e < 0 ? t.length : e + 1;
      return;
    }
    if (c === LF) this.pos = i + 1;
    else if (c === CR && this.text.charCodeAt(i + 1) === LF) this.pos = i + 2;
    else throw GIVE_UP;
  }

  /** The document: a block mapping or sequence at the first content line. */
  document(): { value: unknown; at: number } {
    if (this.text.charCodeAt(0) === 0xfeff) throw GIVE_UP;
    const col = this.nextLine();
    if (col !== 0) throw GIVE_UP;
    const at = this.pos;
    const value = this.blockAt(col);
    if (this.nextLine() !== -1) throw GIVE_UP;
    return { value, at };
  }

  /** A block collection whose first line starts at `pos`, column `col`. */
  private blockAt(col: number): unknown {
    const c = this.code(this.pos);
    if (c === DASH && this.spaceOrEol(this.pos + 1)) return this.sequence(col);
    return this.mapping(col);
  }

  /** Reads a key at `pos` (plain identifier-like, or quoted) followed by `:` and a space or line end. */
  private key(): string | undefined {
    const t = this.text;
    const start = this.pos;
    const c = this.code(start);
    let i = start;
    let k: string;
    if (isKeyStart(c)) {
      i++;
      while (isKeyChar(this.code(i))) i++;
      k = t.slice(start, i);
      if (NULL_RE.test(k) || BOOL_RE.test(k)) throw GIVE_UP;
    } else if (c === SQ || c === DQ) {
      const end = this.quotedEnd(start);
      k = this.quotedKey(start, end);
      i = end;
    } else return undefined;
    if (this.code(i) !== COLON || !this.spaceOrEol(i + 1)) return undefined;
    this.pos = i + 1;
    return k;
  }

  private mapping(col: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const offs: number[] = [];
    this.offsets.set(obj, offs);
    for (;;) {
      const keyAt = this.pos;
      const k = this.key();
      if (k === undefined) throw GIVE_UP;
      if (Object.hasOwn(obj, k)) throw GIVE_UP; // npm:yaml reports the duplicate with its position
      let v: unknown;
      let valueAt: number;
      while (this.code(this.pos) === SP) this.pos++;
      if (this.atLineEnd()) {
        valueAt = this.pos;
        this.endLine();
        const saved = this.pos;
        const next = this.nextLine();
        if (next > col || (next === col && this.code(this.pos) === DASH && this.spaceOrEol(this.pos + 1))) {
          valueAt = this.pos;
          v = this.blockAt(next);
        } else {
          v = null;
          this.pos = saved;
        }
      } else {
        valueAt = this.pos;
        v = this.inline();
        this.endLine();
      }
      offs.push(keyAt, valueAt);
      // As npm:yaml's toJS: a key that names an inherited property is defined, not assigned.
      if (k in obj) {
        Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
      } else obj[k] = v;
      const next = this.nextLine();
      if (next < col) return obj;
      if (next > col) throw GIVE_UP;
      if (this.code(this.pos) === DASH && this.spaceOrEol(this.pos + 1)) return obj; // a parent's sequence
    }
  }

  private sequence(col: number): unknown[] {
    const arr: unknown[] = [];
    const offs: number[] = [];
    this.offsets.set(arr, offs);
    for (;;) {
      // at `-`
      this.pos++;
      while (this.code(this.pos) === SP) this.pos++;
      let v: unknown;
      let at = this.pos;
      if (this.atLineEnd()) {
        this.endLine();
        const saved = this.pos;
        const next = this.nextLine();
        if (next > col) {
          at = this.pos;
          v = this.blockAt(next);
        } else {
          v = null;
          this.pos = saved;
        }
      } else {
        const c = this.code(this.pos);
        if (c === DASH && this.spaceOrEol(this.pos + 1)) throw GIVE_UP; // `- - x`
        if (this.looksLikeKey()) v = this.mapping(this.pos - this.lineStart(this.pos));
        else {
          v = this.inline();
          this.endLine();
        }
      }
      offs.push(at);
      arr.push(v);
      const next = this.nextLine();
      if (next < col) return arr;
      if (next > col) throw GIVE_UP;
      if (!(this.code(this.pos) === DASH && this.spaceOrEol(this.pos + 1))) return arr; // a parent's next key
    }
  }

  private lineStart(i: number): number {
    return this.text.lastIndexOf("\n", i - 1) + 1;
  }

  private atLineEnd(): boolean {
    const c = this.code(this.pos);
    return this.pos >= this.text.length || c === LF || c === HASH ||
      (c === CR && this.text.charCodeAt(this.pos + 1) === LF);
  }

  /** True when the item at `pos` is a `key: value` (a compact mapping in a sequence item). */
  private looksLikeKey(): boolean {
    const saved = this.pos;
    try {
      return this.key() !== undefined;
    } finally {
      this.pos = saved;
    }
  }

  /** A value on the rest of the line: flow collection, quoted or plain scalar. */
  private inline(): unknown {
    const c = this.code(this.pos);
    if (c === LBRACK || c === LBRACE) return this.flow();
    if (c === SQ || c === DQ) {
      const end = this.quotedEnd(this.pos);
      const v = this.quotedValue(this.pos, end);
      this.pos = end;
      return v;
    }
    return this.plain(false);
  }

  /** Offset just past the closing quote of the quoted scalar at `start` (single line, no escapes). */
  private quotedEnd(start: number): number {
    const t = this.text, q = t.charCodeAt(start);
    let i = start + 1;
    for (;;) {
      if (i >= t.length) throw GIVE_UP;
      const c = t.charCodeAt(i);
      if (c === q) {
        if (q === SQ && this.code(i + 1) === SQ) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      if (c === LF || c === CR || c === BSL && q === DQ || (c < 0x20 && c !== TAB) || c === 0xfeff) {
        throw GIVE_UP; // multi-line, escapes, control characters: npm:yaml's folding rules apply
      }
      i++;
    }
  }

  /**
   * A quoted key. An array-index-like key ("1") would be ordered first among the object's keys, so the key
   * order would no longer match the offset table: npm:yaml reads those documents.
   */
  private quotedKey(start: number, end: number): string {
    const k = this.quotedValue(start, end);
    if (/^(?:0|[1-9][0-9]*)$/.test(k)) throw GIVE_UP;
    return k;
  }

  private quotedValue(start: number, end: number): string {
    const s = this.text.slice(start + 1, end - 1);
    return this.text.charCodeAt(start) === SQ && s.includes("''") ? s.replaceAll("''", "'") : s;
  }

  /** A plain scalar from `pos` (block context, or inside a flow collection). */
  private plain(inFlow: boolean): unknown {
    const t = this.text, n = t.length, start = this.pos;
    const c0 = t.charCodeAt(start);
    if (badPlainStart(c0) || c0 === TAB) throw GIVE_UP;
    if (c0 === DASH || c0 === 0x3f || c0 === COLON) { // `-?:` start a plain scalar only before a safe character
      const d = this.code(start + 1);
      if (this.spaceOrEol(start + 1) || d === CR || (inFlow && isFlowIndicator(d))) throw GIVE_UP;
    }
    let i = start, end = start;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) break;
      if (c === COLON) {
        const d = this.code(i + 1);
        if (d === SP || d === TAB || d === LF || d === CR || (inFlow && isFlowIndicator(d)) || i + 1 >= n) {
          throw GIVE_UP; // a key here: `a: b: c`, or a flow pair
        }
      } else if (c === HASH) {
        const p = t.charCodeAt(i - 1);
        if (p === SP || p === TAB) break;
      } else if (inFlow && (c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE)) {
        break;
      } else if ((c < 0x20 && c !== TAB) || c === 0xfeff) throw GIVE_UP;
      if (c !== SP && c !== TAB) end = i + 1;
      i++;
    }
    this.pos = end;
    return resolvePlain(t.slice(start, end));
  }

  /** A flow sequence or mapping, on one line. */
  private flow(): unknown {
    const t = this.text;
    const open = t.charCodeAt(this.pos);
    const seq = open === LBRACK;
    const value: Record<string, unknown> | unknown[] = seq ? [] : {};
    const offs: number[] = [];
    this.offsets.set(value, offs);
    this.pos++;
    const close = seq ? RBRACK : RBRACE;
    let first = true;
    for (;;) {
      this.flowSpace();
      if (this.code(this.pos) === close && first) {
        this.pos++;
        return value;
      }
      if (seq) {
        offs.push(this.pos);
        (value as unknown[]).push(this.flowValue());
      } else {
        const keyAt = this.pos;
        const c = this.code(this.pos);
        let k: string;
        if (isKeyStart(c)) {
          let i = this.pos + 1;
          while (isKeyChar(this.code(i))) i++;
          k = t.slice(this.pos, i);
          if (NULL_RE.test(k) || BOOL_RE.test(k)) throw GIVE_UP;
          this.pos = i;
        } else if (c === SQ || c === DQ) {
          const end = this.quotedEnd(this.pos);
          k = this.quotedKey(this.pos, end);
          this.pos = end;
        } else throw GIVE_UP;
        const d = this.code(this.pos + 1);
        if (this.code(this.pos) !== COLON || !(d === SP || d === COMMA || d === RBRACE)) throw GIVE_UP;
        this.pos++;
        this.flowSpace();
        const valueAt = this.pos;
        const e = this.code(this.pos);
        const v = e === COMMA || e === RBRACE ? null : this.flowValue();
        const obj = value as Record<string, unknown>;
        if (Object.hasOwn(obj, k)) throw GIVE_UP;
        offs.push(keyAt, valueAt);
        if (k in obj) {
          Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
        } else obj[k] = v;
      }
      first = false;
      this.flowSpace();
      const c = this.code(this.pos);
      this.pos++;
      if (c === close) return value;
      if (c !== COMMA) throw GIVE_UP;
      this.flowSpace();
      if (this.code(this.pos) === close) throw GIVE_UP; // trailing comma: leave it to npm:yaml
    }
  }

  private flowSpace(): void {
    while (this.code(this.pos) === SP) this.pos++;
    if (this.eol(this.pos) || this.pos >= this.text.length) throw GIVE_UP; // multi-line flow
  }

  private flowValue(): unknown {
    const c = this.code(this.pos);
    if (c === LBRACK || c === LBRACE) return this.flow();
    let v: unknown;
    if (c === SQ || c === DQ) {
      const end = this.quotedEnd(this.pos);
      v = this.quotedValue(this.pos, end);
      this.pos = end;
    } else v = this.plain(true);
    const save = this.pos;
    while (this.code(this.pos) === SP) this.pos++;
    if (this.code(this.pos) === COLON) throw GIVE_UP; // `[a: b]`, `{ "k" : v }`: pairs npm:yaml reads its way
    this.pos = save;
    return v;
  }
}

/**
 * Reads `text` when it is in the plain block subset (see the module comment); undefined otherwise, and the
 * caller parses it with npm:yaml. Never throws.
 */
export function parseBlockYaml(text: string): FastYaml | undefined {
  const r = new Reader(text);
  let doc: { value: unknown; at: number };
  try {
    doc = r.document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  const offsets = r.offsets;
  return {
    value: doc.value,
    locate(path, atKey) {
      let node: unknown = doc.value;
      let best = doc.at;
      let keyAt = -1;
      for (const seg of path) {
        const offs = typeof node === "object" && node !== null ? offsets.get(node) : undefined;
        if (!offs) break;
        if (Array.isArray(node)) {
          if (typeof seg !== "number" || seg < 0 || seg >= node.length) break;
          best = offs[seg];
          node = node[seg];
        } else {
          const i = Object.keys(node as object).indexOf(String(seg));
          if (i < 0 || typeof seg !== "string") break;
          keyAt = offs[2 * i];
          best = offs[2 * i + 1];
          node = (node as Record<string, unknown>)[seg];
        }
      }
      return atKey && keyAt >= 0 ? keyAt : best;
    },
  };
}
