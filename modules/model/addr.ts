/**
 * IP addresses as policies write them: single addresses, CIDR prefixes and ranges, IPv4 and IPv6.
 * Values are kept as bigint intervals so overlap checks and condition encoding share one representation.
 */

/** A parsed address selector: always an interval [low, high] of one family. */
export interface AddrSpec {
  /** IP version of both bounds. */
  family: 4 | 6;
  /** How it was written: one address, a CIDR prefix or a range. */
  kind: "single" | "prefix" | "range";
  /** First address of the interval, as an integer. */
  low: bigint;
  /** Last address of the interval, as an integer. */
  high: bigint;
  /** For `prefix`. */
  prefix?: number;
}

/** Parses dotted IPv4; undefined when malformed. */
export function parseV4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255 || (m[i].length > 1 && m[i][0] === "0")) return undefined;
    v = (v << 8n) | BigInt(o);
  }
  return v;
}

/** Parses IPv6 (with optional embedded IPv4 tail); undefined when malformed. */
export function parseV6(s: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.length > 45) return undefined;
  if (s.includes(".")) {
    // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hex groups.
    const lastColon = s.lastIndexOf(":");
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + (v4 >> 16n).toString(16) + ":" + (v4 & 0xffffn).toString(16);
  }
  const dbl = s.split("::");
  if (dbl.length > 2) return undefined;
  const part = (p: string): number[] | undefined => {
    if (p === "") return [];
    const out: number[] = [];
    for (const g of p.split(":")) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = part(dbl[0]);
  const rest = dbl.length === 2 ? part(dbl[1]) : [];
  if (!head || !rest) return undefined;
  const groups = [...head, ...rest];
  let all: number[];
  if (dbl.length === 2) {
    const missing = 8 - groups.length;
    if (missing < 1) return undefined;
    all = [...head, ...new Array(missing).fill(0), ...rest];
  } else {
    if (groups.length !== 8) return undefined;
    all = groups;
  }
  let v = 0n;
  for (const g of all) v = (v << 16n) | BigInt(g);
  return v;
}

/** Formats an IPv4 value. */
export function formatV4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
}

/** Formats an IPv6 value in RFC 5952 form. */
export function formatV6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(":");
  return hex.slice(0, bestStart).join(":") + "::" + hex.slice(bestStart + bestLen).join(":");
}

const parseOne = (s: string): { family: 4 | 6; v: bigint } | undefined => {
  const v4 = parseV4(s);
  if (v4 !== undefined) return { family: 4, v: v4 };
  const v6 = parseV6(s);
  if (v6 !== undefined) return { family: 6, v: v6 };
  return undefined;
};

/** Parses one selector; returns an error message (what is allowed) on failure. */
export function parseAddr(text: string): AddrSpec | string {
  const t = text.trim();
  const allowed =
    "use an IPv4/IPv6 address, a CIDR prefix like 10.0.0.0/8 or 2001:db8::/32, or a range like 10.0.0.1-10.0.0.9";
  if (t.includes("/")) {
    const [a, p, ...more] = t.split("/");
    const base = parseOne(a);
    if (!base || more.length || !/^\d{1,3}$/.test(p)) return `'${text}' is not an address prefix; ${allowed}`;
    const bits = base.family === 4 ? 32 : 128;
    const n = Number(p);
    if (n > bits) return `prefix length /${n} is too long for IPv${base.family} (at most /${bits})`;
    const hostBits = BigInt(bits - n);
    const hostMask = (1n << hostBits) - 1n;
    if ((base.v & hostMask) !== 0n) {
      return `'${text}' has host bits set; the network is ${
        (base.family === 4 ? formatV4 : formatV6)(base.v & ~hostMask)
      }/${n}`;
    }
    if (n === bits) return { family: base.family, kind: "single", low: base.v, high: base.v };
    return { family: base.family, kind: "prefix", low: base.v, high: base.v | hostMask, prefix: n };
  }
  if (t.includes("-")) {
    const [a, b, ...more] = t.split("-");
    const lo = parseOne(a.trim()), hi = parseOne((b ?? "").trim());
    if (!lo || !hi || more.length) return `'${text}' is not an address range; ${allowed}`;
    if (lo.family !== hi.family) return `range '${text}' mixes IPv4 and IPv6`;
    if (lo.v > hi.v) return `range '${text}' is empty: the first address is above the last`;
    if (lo.v === hi.v) return { family: lo.family, kind: "single", low: lo.v, high: lo.v };
    return { family: lo.family, kind: "range", low: lo.v, high: hi.v };
  }
  const one = parseOne(t);
  if (!one) return `'${text}' is not an IP address; ${allowed}`;
  return { family: one.family, kind: "single", low: one.v, high: one.v };
}

/** Text form of a selector (normalized). */
export function formatAddr(a: AddrSpec): string {
  const f = a.family === 4 ? formatV4 : formatV6;
  if (a.kind === "single") return f(a.low);
  if (a.kind === "prefix") return `${f(a.low)}/${a.prefix}`;
  return `${f(a.low)}-${f(a.high)}`;
}

/** IPv6 value as 16 network-order bytes. */
export function v6Bytes(v: bigint): Uint8Array {
  const b = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
}

/** 16 network-order bytes to an IPv6 value. */
export function v6FromBytes(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}
