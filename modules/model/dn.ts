/**
 * X.500 distinguished names <-> DER (the "encoded subject name" IKEEXT_CERTIFICATE_CRITERIA0.certData
 * holds). A string is read as RFC 4514 writes it and as Windows shows a subject (X500DistinguishedName.Name,
 * certutil): most specific RDN first, so `CN=Root, O=Org, C=US` encodes C, then O, then CN. Values are
 * UTF8String (RFC 5280 4.1.2.6 DirectoryString, OpenSSL's default string_mask), except countryName and
 * serialNumber (PrintableString, X.520) and DC and E (IA5String). A CA that encodes otherwise (for example
 * PrintableString for CN) has a different encoded name: give the CA certificate itself (`rootCA: { file }`),
 * whose subject bytes are copied exactly (x509.ts).
 */

const ATTRS: Record<string, string> = {
  CN: "2.5.4.3",
  SERIALNUMBER: "2.5.4.5",
  C: "2.5.4.6",
  L: "2.5.4.7",
  S: "2.5.4.8",
  ST: "2.5.4.8",
  STREET: "2.5.4.9",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  T: "2.5.4.12",
  DC: "0.9.2342.19200300.100.1.25",
  E: "1.2.840.113549.1.9.1",
};
const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(ATTRS).filter(([k]) => k !== "S").map(([k, v]) => [v, k]),
);

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | out.length, ...out];
}
const tlv = (tag: number, body: number[]): number[] => [tag, ...len(body.length), ...body];

/** The arcs of a dotted OID (RFC 4514 numericoid; `OID.` prefix allowed), or undefined when malformed. */
export function oidArcs(s: string): number[] | undefined {
  const t = s.replace(/^oid\./i, "");
  if (!/^[0-2](\.(0|[1-9]\d{0,15}))+$/.test(t)) return undefined;
  const arcs = t.split(".").map(Number);
  // X.660: under 0 and 1 the second arc is below 40; every arc must be exact in a double.
  if ((arcs[0] < 2 && arcs[1] >= 40) || !arcs.every(Number.isSafeInteger)) return undefined;
  return arcs;
}

/** Base-128 (X.690 8.19) of one subidentifier. */
function base128(x: number): number[] {
  const b: number[] = [x % 128];
  for (let v = Math.floor(x / 128); v > 0; v = Math.floor(v / 128)) b.unshift((v % 128) | 0x80);
  return b;
}

/** DER content octets of a dotted OID: the first two arcs are one subidentifier (40a + b), in base 128. */
function oid(s: string): number[] {
  const p = oidArcs(s)!;
  return [...base128(p[0] * 40 + p[1]), ...p.slice(2).flatMap(base128)];
}

const HEX2 = /^[0-9a-fA-F]{2}$/;

/**
 * Splits `CN=a\, b, O=c` into [type, value] pairs (RFC 4514: `,` separates, `\,` `\;` `\"` `\\` and
 * `\XX` hex pairs escape, a quoted value may hold separators; `;` also separates, as RFC 1779 and Windows'
 * CertNameToStr semicolon form write it). Returns an error message on failure: a part that is not TYPE=value
 * (e.g. the `b` of `CN=a;b`), an unknown attribute or malformed OID, an unfinished escape or quote.
 */
export function parseDn(dn: string): [string, string][] | string {
  const enc = new TextEncoder(), dec = new TextDecoder("utf-8", { fatal: true });
  const parts: { type: string; eq: boolean; bytes: number[]; keep: number }[] = [];
  let cur = { type: "", eq: false, bytes: [] as number[], keep: 0 }, quoted = false;
  // Value bytes; `keep` is the length up to the last escaped or non-space byte (unescaped spaces at the end
  // are not part of the value, RFC 4514 2.4).
  const add = (b: Iterable<number>, significant: boolean) => {
    for (const x of b) cur.bytes.push(x);
    if (significant) cur.keep = cur.bytes.length;
  };
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (!cur.eq) {
      if (ch === "=") cur.eq = true;
      else if ((ch === "," || ch === ";")) {
        parts.push(cur);
        cur = { type: "", eq: false, bytes: [], keep: 0 };
      } else cur.type += ch;
      continue;
    }
    if (ch === "\\") {
      const pair = dn.slice(i + 1, i + 3);
      if (HEX2.test(pair)) {
        add([parseInt(pair, 16)], true);
        i += 2;
      } else if (i + 1 < dn.length) {
        const c = String.fromCodePoint(dn.codePointAt(i + 1)!);
        add(enc.encode(c), true);
        i += c.length;
      } else return `'${dn}' ends with an unfinished escape (a lone '\\')`;
    } else if (ch === '"') quoted = !quoted;
    else if ((ch === "," || ch === ";") && !quoted) {
      parts.push(cur);
      cur = { type: "", eq: false, bytes: [], keep: 0 };
    } else if (ch === " " && !quoted) {
      if (cur.bytes.length) add([0x20], false); // leading spaces are not part of the value
    } else add(enc.encode(ch), true);
  }
  if (quoted) return `'${dn}' has an unclosed quote`;
  parts.push(cur);
  const out: [string, string][] = [];
  for (const p of parts) {
    const rawType = p.type.trim();
    if (!p.eq || !rawType) {
      const text = p.eq ? `=${dec.decode(new Uint8Array(p.bytes))}` : p.type.trim();
      return `'${text}' is not TYPE=value (escape a ',' or ';' inside a value as '\\,' or '\\;')`;
    }
    const type = /^oid\./i.test(rawType) ? rawType.slice(4) : rawType.toUpperCase();
    if (!(type in ATTRS) && !oidArcs(type)) {
      return /^[\d.]+$/.test(type)
        ? `'${rawType}' is not an object identifier (dotted numbers, first 0-2, e.g. 1.2.840.113549.1.9.1)`
        : `unknown attribute '${rawType}' (use CN, O, OU, C, L, ST, DC, E or an OID)`;
    }
    let value: string;
    try {
      value = dec.decode(new Uint8Array(p.bytes.slice(0, p.keep)));
    } catch {
      return `the value of '${rawType}' is not UTF-8 (check its \\XX escapes)`;
    }
    out.push([type, value]);
  }
  return out;
}

/** DER-encodes a distinguished name. Throws on a malformed one (validate reports it first, located). */
export function encodeDn(dn: string): Uint8Array {
  const parsed = parseDn(dn);
  if (typeof parsed === "string") throw new Error(parsed);
  const rdns: number[] = [];
  for (const [type, value] of [...parsed].reverse()) {
    const o = ATTRS[type] ?? type;
    const bytes = [...new TextEncoder().encode(value)];
    const tag = o === ATTRS.DC || o === ATTRS.E
      ? 0x16
      : o === ATTRS.C || o === ATTRS.SERIALNUMBER
      ? 0x13
      : 0x0c;
    rdns.push(...tlv(0x31, tlv(0x30, [...tlv(0x06, oid(o)), ...tlv(tag, bytes)])));
  }
  return new Uint8Array(tlv(0x30, rdns));
}

/** Decodes DER back to `CN=..., O=...`, most specific first (values with ',' escaped). Throws on malformed input. */
export function decodeDn(der: Uint8Array): string {
  let i = 0;
  const read = (): { tag: number; start: number; end: number } => {
    const tag = der[i++];
    let n = der[i++];
    if (n & 0x80) {
      const k = n & 0x7f;
      n = 0;
      for (let j = 0; j < k; j++) n = (n << 8) | der[i++];
    }
    const start = i;
    i += n;
    if (i > der.length || tag === undefined) throw new Error("truncated DER name");
    return { tag, start, end: i };
  };
  const seq = read();
  if (seq.tag !== 0x30) throw new Error("DER name is not a SEQUENCE");
  i = seq.start;
  const out: string[] = [];
  while (i < seq.end) {
    const set = read();
    i = set.start;
    const atv = read();
    i = atv.start;
    const o = read();
    // Subidentifiers in base 128; the first is 40a + b (a = 2 takes every value from 80 up).
    const subs: number[] = [];
    let acc = 0;
    for (let j = o.start; j < o.end; j++) {
      acc = acc * 128 + (der[j] & 0x7f);
      if (!(der[j] & 0x80)) {
        subs.push(acc);
        acc = 0;
      }
    }
    if (!subs.length) throw new Error("empty OID in DER name");
    const a = subs[0] < 40 ? 0 : subs[0] < 80 ? 1 : 2;
    const v = [a, subs[0] - 40 * a, ...subs.slice(1)].join(".");
    const val = read();
    const text = new TextDecoder().decode(der.subarray(val.start, val.end));
    out.push(`${NAMES[v] ?? v}=${text.replace(/([,;\\"])/g, "\\$1")}`);
    i = set.end;
  }
  return out.reverse().join(", ");
}
