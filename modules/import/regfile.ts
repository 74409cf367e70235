/**
 * Reader for `reg export` files ("Windows Registry Editor Version 5.00", UTF-16LE with BOM): keys and their
 * string values (REG_SZ `"v"`, REG_EXPAND_SZ `hex(2):`, REG_MULTI_SZ `hex(7):`). Other value types are kept as
 * `other` so an importer can list them as not expressed rather than guess.
 */
import { ImportError } from "./errors.ts";
import { decodePolicyBytes, PolicyError } from "../policy/mod.ts";

/** One value of a key, with the 1-based line where it starts. */
export interface RegValue {
  /** Value name ("" for the default value `@`). */
  name: string;
  /** `sz` REG_SZ, `expand` REG_EXPAND_SZ, `multi` REG_MULTI_SZ, `other` any other type (data not decoded). */
  kind: "sz" | "expand" | "multi" | "other";
  /** The strings (one for sz/expand, several for multi, none for other). */
  data: string[];
  /** 1-based line in the file. */
  line: number;
  /** A REG_DWORD's number (`dword:0000000a`), for the few settings stored as one. */
  dword?: number;
}

/** One key section `[HKEY_...\path]`. */
export interface RegKey {
  /** Full key path as written. */
  path: string;
  /** Values in file order. */
  values: RegValue[];
  /** 1-based line of the `[...]` header. */
  line: number;
}

const HEADER = "Windows Registry Editor Version 5.00";

/** Values that hold secrets ([MS-GPFAS] 2.2.4.8 SHKey): their data is never quoted in an error. */
const SECRET_VALUE = /^(SHKey|PreSharedKey)$/i;

/**
 * Decodes the bytes of a .reg file: UTF-16LE with BOM (what `reg export` writes), UTF-16BE or UTF-8, by the
 * policy reader's decoder, so a bad byte is located the same way (line and column) in both.
 */
export function decodeRegBytes(bytes: Uint8Array, file: string): string {
  try {
    return decodePolicyBytes(bytes, file);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    const d = e.diagnostics[0];
    throw new ImportError(d.message, { file, line: d.line ?? 1 });
  }
}

/** Unescapes a quoted .reg string body (`\\` and `\"`). */
function unquote(s: string, file: string, line: number, field: string): { text: string; rest: string } {
  let out = "";
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      const n = s[++i];
      if (n !== "\\" && n !== '"') {
        // A secret's characters never reach a message, not even the one after a stray backslash.
        const shown = SECRET_VALUE.test(field) ? "" : ` "\\${n ?? ""}"`;
        throw new ImportError(`bad escape${shown} in a string (write \\\\ and \\")`, { file, line, field });
      }
      out += n;
    } else if (c === '"') return { text: out, rest: s.slice(i + 1) };
    else out += c;
  }
  throw new ImportError("unterminated string", { file, line, field });
}

/** Decodes `hex(2):`/`hex(7):` bytes (UTF-16LE, NUL-terminated strings). */
function hexStrings(hex: string, file: string, line: number, field: string): string[] {
  const parts = hex.split(",").map((p) => p.trim()).filter((p) => p !== "");
  const bytes = new Uint8Array(parts.length);
  parts.forEach((p, i) => {
    if (!/^[0-9a-fA-F]{2}$/.test(p)) throw new ImportError(`bad hex byte "${p}"`, { file, line, field });
    bytes[i] = parseInt(p, 16);
  });
  if (bytes.length % 2 !== 0) {
    throw new ImportError("hex string data has an odd number of bytes", { file, line, field });
  }
  const text = new TextDecoder("utf-16le").decode(bytes);
  return text.split("\0").filter((s, i, all) => !(s === "" && i >= all.length - 2));
}

/** Parses a decoded .reg file into its keys; a malformed line is an ImportError naming file and line. */
export function parseRegFile(text: string, file: string): RegKey[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) {
    throw new ImportError(`first line must be "${HEADER}"`, { file, line: 1 });
  }
  const keys: RegKey[] = [];
  let current: RegKey | undefined;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    let l = lines[i];
    // hex data continues over lines ending in "\".
    const hexValue = /^("|@)/.test(l) && /=hex/i.test(l);
    while (hexValue && /\\\s*$/.test(l) && i + 1 < lines.length) {
      l = l.replace(/\\\s*$/, "") + lines[++i].trim();
    }
    if (l.trim() === "" || l.startsWith(";")) continue;
    if (l.startsWith("[")) {
      if (!l.trimEnd().endsWith("]")) {
        throw new ImportError("key header without closing ]", { file, line: lineNo });
      }
      current = { path: l.trimEnd().slice(1, -1), values: [], line: lineNo };
      keys.push(current);
      continue;
    }
    if (!current) throw new ImportError("value before any [key] header", { file, line: lineNo });
    let name: string;
    let rest: string;
    if (l.startsWith("@")) {
      name = "";
      rest = l.slice(1);
    } else if (l.startsWith('"')) {
      const q = unquote(l, file, lineNo, "value name");
      name = q.text;
      rest = q.rest;
    } else throw new ImportError(`not a key, value or comment: "${l.slice(0, 40)}"`, { file, line: lineNo });
    if (!rest.startsWith("=")) {
      throw new ImportError('expected "=" after the value name', { file, line: lineNo, field: name });
    }
    const data = rest.slice(1).trim();
    if (data.startsWith('"')) {
      const q = unquote(data, file, lineNo, name);
      if (q.rest.trim() !== "") {
        throw new ImportError("text after the closing quote", { file, line: lineNo, field: name });
      }
      current.values.push({ name, kind: "sz", data: [q.text], line: lineNo });
    } else if (/^hex\(2\):/i.test(data)) {
      current.values.push({
        name,
        kind: "expand",
        data: hexStrings(data.slice(7), file, lineNo, name).slice(0, 1),
        line: lineNo,
      });
    } else if (/^hex\(7\):/i.test(data)) {
      current.values.push({
        name,
        kind: "multi",
        data: hexStrings(data.slice(7), file, lineNo, name),
        line: lineNo,
      });
    } else if (/^dword:[0-9a-f]{8}$/i.test(data)) {
      current.values.push({
        name,
        kind: "other",
        data: [],
        line: lineNo,
        dword: parseInt(data.slice(6), 16),
      });
    } else if (/^(dword:|hex(\([0-9a-f]+\))?:|-$)/i.test(data)) {
      current.values.push({ name, kind: "other", data: [], line: lineNo });
    } else {
      const shown = SECRET_VALUE.test(name) ? "" : ` "${data.slice(0, 20)}"`;
      throw new ImportError(
        `unknown value data${shown} (expected "text", hex(2):, hex(7):, dword: or hex:)`,
        {
          file,
          line: lineNo,
          field: name,
        },
      );
    }
  }
  return keys;
}
