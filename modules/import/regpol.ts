/**
 * Reader for a GPO's Registry.pol ([MS-GPREG] 2.2.1: "PReg", version 1, then instructions
 * `[key;value;type;size;data]` with UTF-16LE key and value names), the file a GPO keeps in SYSVOL
 * (`\\domain\SYSVOL\domain\Policies\{GPO}\Machine\Registry.pol`). Gives the same keys as the .reg reader, so
 * `wfpsec import --gpfas` reads the firewall settings straight from the GPO. A location's "line" is the
 * instruction's number (1 = the first after the header).
 */
import { ImportError } from "./errors.ts";
import type { RegKey, RegValue } from "./regfile.ts";

/** `PReg` as the file starts. */
const SIGNATURE = [0x50, 0x52, 0x65, 0x67];

/** Whether `bytes` are a Registry.pol file. */
export function isRegistryPol(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

const REG_SZ = 1, REG_EXPAND_SZ = 2, REG_DWORD = 4, REG_MULTI_SZ = 7;

/** Parses a Registry.pol file into its keys; a malformed instruction is an ImportError naming it. */
export function parseRegistryPol(bytes: Uint8Array, file: string): RegKey[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isRegistryPol(bytes) || bytes.length < 8 || view.getUint32(4, true) !== 1) {
    throw new ImportError('not a Registry.pol file (it must start with "PReg" and version 1)', {
      file,
      line: 1,
    });
  }
  const keys: RegKey[] = [];
  const byPath = new Map<string, RegKey>();
  let pos = 8, n = 0;
  const u16 = () => (pos + 2 <= bytes.length ? view.getUint16(pos, true) : -1);
  while (pos < bytes.length) {
    n++;
    const at = (field?: string) => ({ file, line: n, ...(field ? { field } : {}) });
    const fail = (m: string, field?: string): never => {
      throw new ImportError(`instruction ${n} (byte ${pos}): ${m}`, at(field));
    };
    const expect = (ch: string) => {
      if (u16() !== ch.charCodeAt(0)) fail(`expected '${ch}'`);
      pos += 2;
    };
    /** A NUL-terminated UTF-16LE string. */
    const text = (what: string): string => {
      let s = "";
      for (;;) {
        const c = u16();
        if (c < 0) return fail(`the ${what} is not terminated`);
        pos += 2;
        if (c === 0) return s;
        s += String.fromCharCode(c);
      }
    };
    const dword = (what: string): number => {
      if (pos + 4 > bytes.length) fail(`the file ends inside the ${what}`);
      const v = view.getUint32(pos, true);
      pos += 4;
      return v;
    };
    expect("[");
    const path = text("key");
    expect(";");
    const name = text("value name");
    expect(";");
    const type = dword("type");
    expect(";");
    const size = dword("size");
    expect(";");
    if (pos + size > bytes.length) fail(`the data (${size} bytes) runs past the end of the file`, name);
    const data = bytes.subarray(pos, pos + size);
    pos += size;
    expect("]");
    if (!path) fail("empty key");
    let key = byPath.get(path.toLowerCase());
    if (!key) {
      key = { path, values: [], line: n };
      byPath.set(path.toLowerCase(), key);
      keys.push(key);
    }
    // "**"-values are instructions to the client (delete values, secure the key), not settings; an empty
    // value name creates the key only.
    if (!name || name.startsWith("**")) continue;
    key.values.push(value(name, type, data, n, file));
  }
  return keys;
}

function strings(data: Uint8Array): string[] {
  const even = data.length - (data.length % 2);
  return new TextDecoder("utf-16le").decode(data.subarray(0, even)).split("\0");
}

function value(name: string, type: number, data: Uint8Array, line: number, file: string): RegValue {
  if (type === REG_SZ || type === REG_EXPAND_SZ) {
    return { name, kind: type === REG_SZ ? "sz" : "expand", data: [strings(data)[0]], line };
  }
  if (type === REG_MULTI_SZ) {
    const all = strings(data);
    while (all.length && all[all.length - 1] === "") all.pop();
    return { name, kind: "multi", data: all, line };
  }
  if (type === REG_DWORD) {
    if (data.length !== 4) {
      throw new ImportError(`REG_DWORD data must be 4 bytes, not ${data.length}`, {
        file,
        line,
        field: name,
      });
    }
    return {
      name,
      kind: "other",
      data: [],
      line,
      dword: new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true),
    };
  }
  return { name, kind: "other", data: [], line };
}
