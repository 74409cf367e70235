/**
 * Registry.pol files ([MS-GPREG] 2.2.1) for the importer tests, built from the same key/value text a reg
 * export holds: "PReg", version 1, then `[key;value;type;size;data]` per value (UTF-16LE names).
 */

/** One value to write: REG_SZ text, or a REG_DWORD number. */
export type PolValue = { key: string; name: string; sz?: string; dword?: number };

function utf16z(s: string): number[] {
  const out: number[] = [];
  for (const ch of s + "\0") out.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  return out;
}
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ch = (c: string) => [c.charCodeAt(0), 0];

/** The Registry.pol bytes of `values`, in order. */
export function registryPol(values: PolValue[]): Uint8Array {
  const out = [0x50, 0x52, 0x65, 0x67, ...u32(1)];
  for (const v of values) {
    const data = v.sz !== undefined ? utf16z(v.sz) : u32(v.dword ?? 0);
    const type = v.sz !== undefined ? 1 : 4;
    out.push(
      ...ch("["),
      ...utf16z(v.key),
      ...ch(";"),
      ...utf16z(v.name),
      ...ch(";"),
      ...u32(type),
      ...ch(";"),
    );
    out.push(...u32(data.length), ...ch(";"), ...data, ...ch("]"));
  }
  return new Uint8Array(out);
}

/** The values of a reg export text ("[HKEY_LOCAL_MACHINE\\path]" keys, "name"="text" and dword values), as Registry.pol values. */
export function polValuesFromReg(text: string): PolValue[] {
  const out: PolValue[] = [];
  let key = "";
  for (const line of text.split(/\r?\n/)) {
    const k = /^\[HKEY_LOCAL_MACHINE\\(.*)\]$/.exec(line);
    if (k) key = k[1];
    const sz = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (sz) out.push({ key, name: sz[1].replace(/\\(.)/g, "$1"), sz: sz[2].replace(/\\(.)/g, "$1") });
    const dw = /^"([^"]*)"=dword:([0-9a-fA-F]{8})$/.exec(line);
    if (dw) out.push({ key, name: dw[1], dword: parseInt(dw[2], 16) });
  }
  return out;
}
