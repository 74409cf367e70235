/**
 * JSON with line numbers: a strict RFC 8259 reader that remembers the 1-based line of every object member
 * and array element, so an importer's error can name the line of the bad value (JSON.parse cannot).
 */
import { ImportError } from "./errors.ts";

/** A parsed document and where its parts are. */
export interface LocatedJson {
  value: unknown;
  /** Line of member `key` of object/array `of` (of the container itself without key); 1 if unknown. */
  line(of: object, key?: string | number): number;
}

/** Parses `text`; a syntax error is an ImportError naming file and line. */
export function parseJsonLines(text: string, file: string): LocatedJson {
  const lines = new WeakMap<object, Map<string | number | null, number>>();
  let i = 0, line = 1;
  const fail = (m: string): never => {
    throw new ImportError(`not valid JSON: ${m}`, { file, line });
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === "\n") line++;
      else if (c !== " " && c !== "\t" && c !== "\r") break;
      i++;
    }
  };
  const note = (o: object, k: string | number | null, l: number) => {
    let m = lines.get(o);
    if (!m) lines.set(o, m = new Map());
    m.set(k, l);
  };
  const str = (): string => {
    let out = "";
    i++;
    while (i < text.length) {
      const c = text[i++];
      if (c === '"') return out;
      if (c === "\n") fail("a line break inside a string");
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = {
        '"': '"',
        "\\": "\\",
        "/": "/",
        b: "\b",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "\t",
      };
      if (e in simple) out += simple[e];
      else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else fail(`bad escape \\${e ?? ""}`);
    }
    return fail("an unterminated string");
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") {
      const o: Record<string, unknown> = {};
      note(o, null, line);
      i++;
      ws();
      if (text[i] === "}") return i++, o;
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a member name");
        const k = str();
        ws();
        if (text[i++] !== ":") fail(`expected ':' after "${k}"`);
        ws();
        note(o, k, line);
        o[k] = value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return i++, o;
        else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      const a: unknown[] = [];
      note(a, null, line);
      i++;
      ws();
      if (text[i] === "]") return i++, a;
      for (;;) {
        ws();
        note(a, a.length, line);
        a.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return i++, a;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail(c === undefined ? "unexpected end of input" : `unexpected '${c}'`);
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const v = value();
  ws();
  if (i < text.length) fail("text after the JSON document");
  return { value: v, line: (of, key) => lines.get(of)?.get(key ?? null) ?? lines.get(of)?.get(null) ?? 1 };
}
