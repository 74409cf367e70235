/**
 * The XML reader of netsh dumps: one forward pass over the text building only the element tree (name,
 * children, trimmed-later text, start offset). Every scan is an `indexOf` or a character loop that never
 * moves backwards, so the time is linear in the input whatever it holds (the regular-expression tokenizer
 * it replaces backtracked over every unclosed tag: 400 KB took 37 s). A size and a depth budget bound the
 * memory; everything malformed is a SnapshotError naming file:line:col.
 *
 * Only what netsh writes is accepted: elements, attributes, text, CDATA, comments, the XML declaration and
 * the five predefined entities plus character references. A DOCTYPE is refused (no entity expansion), and
 * several top-level documents may follow each other (netsh appends `<firewallState>` after `</wfpstate>`).
 */
import { SnapshotError, type SnapshotLocation } from "../../errors.ts";

/** A parsed element: name, children, text content (entities resolved) and where its start tag begins. */
export interface XmlElement {
  /** The tag name. */
  name: string;
  /** Child elements in document order. */
  children: XmlElement[];
  /** The text content (CDATA included), untrimmed; "" when none. */
  text: string;
  /** UTF-16 offset of the start tag's `<` in the text. */
  offset: number;
  /** The enclosing element (undefined for the synthetic root). */
  parent?: XmlElement;
}

/** Limits on what one dump may cost. */
export interface XmlBudget {
  /** Largest text accepted, in UTF-16 code units (default 256 Mi: a 50,000-filter dump is ~80 M). */
  maxChars?: number;
  /** Deepest element nesting accepted (default 128; netsh writes at most ~20 levels). */
  maxDepth?: number;
}

/** Default budget of `parseXml`. */
export const XML_BUDGET: Required<XmlBudget> = { maxChars: 256 * 1024 * 1024, maxDepth: 128 };

/** Maps offsets of one text to line:column (1-based), building the line index only when first asked. */
export class Locator {
  private starts?: number[];
  /** Locates offsets of `text`, read from `file`. */
  constructor(readonly text: string, readonly file: string) {}
  /** file, line and column of `offset`, and the element path when `el` is given. */
  at(offset: number, el?: XmlElement): SnapshotLocation {
    if (!this.starts) {
      const s = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) s.push(i + 1);
      this.starts = s;
    }
    const s = this.starts;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const loc: SnapshotLocation = { file: this.file, line: lo + 1, column: offset - s[lo] + 1 };
    if (el) loc.element = elementPath(el);
    return loc;
  }
  /** A SnapshotError at `offset` (and element `el`): `file:line:col: <path>: message`. */
  error(offset: number, message: string, el?: XmlElement): SnapshotError {
    const loc = this.at(offset, el);
    const where = `${loc.file}:${loc.line}:${loc.column}`;
    return new SnapshotError(`${where}: ${loc.element ? `<${loc.element}>: ` : ""}${message}`, loc);
  }
}

/** `wfpstate/filters/item[3]/filterKey`: the element's path, with the position among same-named siblings. */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | undefined = el; e?.parent; e = e.parent) {
    const same = e.parent.children.filter((c) => c.name === e!.name);
    parts.push(same.length > 1 ? `${e.name}[${same.indexOf(e) + 1}]` : e.name);
  }
  return parts.reverse().join("/");
}

const LT = 60, GT = 62, SLASH = 47, QUOT = 34, APOS = 39, EQ = 61, QMARK = 63, BANG = 33;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Parses `text` into a synthetic `#root` element holding the top-level elements. Throws SnapshotError with
 * file:line:col for malformed input or an exceeded budget.
 */
export function parseXml(text: string, file = "xml", budget: XmlBudget = {}): XmlElement {
  const maxChars = budget.maxChars ?? XML_BUDGET.maxChars, maxDepth = budget.maxDepth ?? XML_BUDGET.maxDepth;
  const loc = new Locator(text, file);
  if (text.length > maxChars) {
    throw new SnapshotError(
      `${file}: the dump has ${text.length} characters, more than the ${maxChars} a snapshot may have`,
      { file, line: 1, column: 1 },
    );
  }
  const root: XmlElement = { name: "#root", children: [], text: "", offset: 0 };
  const stack: XmlElement[] = [root];
  const n = text.length;
  let i = 0;
  const unescape = (s: string, at: number) => (s.indexOf("&") < 0 ? s : resolveEntities(s, at, loc));
  const addText = (s: string, at: number, raw: boolean) => {
    const top = stack[stack.length - 1];
    if (top === root) {
      for (let k = 0; k < s.length; k++) {
        if (!isSpace(s.charCodeAt(k))) throw loc.error(at + k, "text outside any element");
      }
      return;
    }
    // Whitespace between child elements is layout, not content (and would grow big lists' text).
    if (raw || s.trim()) top.text += raw ? s : unescape(s, at);
  };
  while (i < n) {
    const lt = text.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      // Most text between tags is indentation: skip it without making a string (measured: a third of the
      // reader's time on a real dump went into slicing and trimming it).
      let k = i;
      while (k < end && isSpace(text.charCodeAt(k))) k++;
      if (k < end) addText(text.slice(i, end), i, false);
    }
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === QMARK) {
      const close = text.indexOf("?>", lt + 2);
      if (close < 0) throw loc.error(lt, "<? is never closed with ?>");
      i = close + 2;
      continue;
    }
    if (c === BANG) {
      if (text.startsWith("<!--", lt)) {
        const close = text.indexOf("-->", lt + 4);
        if (close < 0) throw loc.error(lt, "comment is never closed with -->");
        i = close + 3;
      } else if (text.startsWith("<![CDATA[", lt)) {
        const close = text.indexOf("]]>", lt + 9);
        if (close < 0) throw loc.error(lt, "CDATA section is never closed with ]]>");
        if (stack.length === 1) throw loc.error(lt, "CDATA outside any element");
        addText(text.slice(lt + 9, close), lt + 9, true);
        i = close + 3;
      } else {
        throw loc.error(lt, "DOCTYPE and other <! declarations are not part of a netsh dump");
      }
      continue;
    }
    const closing = c === SLASH;
    let j = closing ? lt + 2 : lt + 1;
    if (!isNameStart(text.charCodeAt(j))) throw loc.error(lt, "< not followed by a tag name (write &lt;)");
    const nameStart = j;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    if (closing) {
      const nameEnd = j;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const top = stack[stack.length - 1];
      // Compared in place: no string for the (far more common) end tags that match.
      const same = top !== root && nameEnd - nameStart === top.name.length &&
        text.startsWith(top.name, nameStart);
      if (text.charCodeAt(j) === GT && same) {
        stack.pop();
        i = j + 1;
        continue;
      }
      const name = text.slice(nameStart, nameEnd);
      if (text.charCodeAt(j) !== GT) throw loc.error(lt, `</${name} is not closed with >`);
      if (top === root) throw loc.error(lt, `</${name}> closes no open element`);
      throw loc.error(lt, `</${name}> closes <${top.name}> (opened at line ${loc.at(top.offset).line})`, top);
    }
    const name = text.slice(nameStart, j);
    // Attributes: name = "value" pairs; only skipped (netsh's numItems is not needed), but scanned strictly
    // so that a '>' inside a quoted value does not end the tag.
    let selfClosing = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const ch = text.charCodeAt(j);
      if (j >= n) throw loc.error(lt, `<${name} is never closed with >`);
      if (ch === GT) break;
      if (ch === SLASH) {
        if (text.charCodeAt(j + 1) !== GT) throw loc.error(j, `/ in <${name}> not followed by >`);
        selfClosing = true;
        j++;
        break;
      }
      if (j === before || !isNameStart(ch)) throw loc.error(j, `unexpected character in <${name}>`);
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== EQ) throw loc.error(j, `attribute in <${name}> without = "value"`);
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== QUOT && q !== APOS) throw loc.error(j, `attribute value in <${name}> is not quoted`);
      const close = text.indexOf(q === QUOT ? '"' : "'", j + 1);
      if (close < 0) throw loc.error(j, `attribute value in <${name}> is never closed`);
      // Only the value itself is looked at (a search for the next '<' could run far past it, every time).
      for (let k = j + 1; k < close; k++) {
        if (text.charCodeAt(k) === LT) throw loc.error(k, `< inside an attribute value of <${name}>`);
      }
      j = close + 1;
    }
    const top = stack[stack.length - 1];
    const el: XmlElement = { name, children: [], text: "", offset: lt, parent: top };
    top.children.push(el);
    if (!selfClosing) {
      if (stack.length > maxDepth) {
        throw loc.error(lt, `elements nested deeper than ${maxDepth} levels`, el);
      }
      stack.push(el);
    }
    i = j + 1;
  }
  if (stack.length !== 1) {
    const open = stack[stack.length - 1];
    throw loc.error(open.offset, `<${open.name}> is never closed`, open);
  }
  return root;
}

/** Resolves `&name;` and `&#...;` in a text segment starting at offset `at`. */
function resolveEntities(s: string, at: number, loc: Locator): string {
  let out = "", from = 0;
  for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
    out += s.slice(from, amp);
    // The longest reference is &#x10FFFF; (10 characters): look no further, so a stray & costs O(1).
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 10) throw loc.error(at + amp, "& not starting an entity (write &amp;)");
    const body = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (body[0] === "#") {
      const hex = body[1] === "x";
      const digits = body.slice(hex ? 2 : 1);
      if (digits && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const cp = parseInt(digits, hex ? 16 : 10);
        const ok = cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0x10ffff &&
          !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffe && cp !== 0xffff);
        if (ok) ch = String.fromCodePoint(cp);
      }
    } else ch = Object.hasOwn(ENTITY, body) ? ENTITY[body] : undefined;
    if (ch === undefined) throw loc.error(at + amp, `unknown entity &${body};`);
    out += ch;
    from = semi + 1;
  }
  return out + s.slice(from);
}
