/**
 * Rule precedence: the explicit FWP_UINT64 weight each rule filter gets, derived from how specific the rule
 * is (and its `priority`), so that where rules overlap the more specific one decides (docs/precedence.md).
 *
 * Why explicit weights rather than FWP_EMPTY: within a sublayer "network traffic is indicated to matching
 * filters from highest weight to lowest weight" (fwp/filter-arbitration), and BFE uses an FWP_UINT64 weight
 * "as is" (fwp/filter-weight-assignment); how it generates automatic weights is not documented (EW2 in
 * docs/windows-verification.md), so the order would be a guess. The fields rank as BFE's own automatic weights
 * rank them (remote address, local address, protocol, local port, remote port, application id: graph/weight.ts
 * GENERIC), so wfpsec orders overlapping rules the way Windows orders auto-weighted filters, on every host.
 *
 * Bits (high to low; all below 2^60, so the weight stays in range FWPM_WEIGHT_RANGE_IPSEC (0) and below the
 * exemptions' FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS (0xC) range):
 *
 * | bits  | field          | value                                                                   |
 * | ----- | -------------- | ----------------------------------------------------------------------- |
 * | 52-59 | priority       | the rule's `priority` (0-255, default 0)                                |
 * | 40-51 | remote address | floor(16 * (width - log2 n)): n addresses of a width-bit family; any: 0 |
 * | 28-39 | local address  | the same                                                                |
 * | 27    | protocol       | 1 when the rule names one                                               |
 * | 18-26 | local port     | floor(16 * (16 - log2 n)) for n ports; any: 0                           |
 * | 9-17  | remote port    | the same                                                                |
 * | 8     | program        | 1 for a program rule (ALE filters only: only they carry the app id)     |
 * | 0-7   | role           | 1 for the authorized callout above the rule's own catch-all BLOCK       |
 *
 * Each layer counts only the fields its filters carry conditions for: IKEEXT filters carry addresses only,
 * IPSEC and transport filters the whole selector without the program, ALE filters everything.
 */
import type { AddrSpec } from "./addr.ts";
import { formatAddr } from "./addr.ts";
import type { PortRange } from "./model.ts";

/** What precedence reads of a rule (or a manual SA's selector). */
export interface PrecedenceSelector {
  /** Local addresses (empty = any). */
  local: AddrSpec[];
  /** Remote addresses (empty = any). */
  remote: AddrSpec[];
  /** IP protocol; absent = any. */
  protocol?: number;
  /** Local ports (empty = any). */
  localPorts: PortRange[];
  /** Remote ports (empty = any). */
  remotePorts: PortRange[];
  /** Program path (ALE filters only). */
  program?: string;
  /** Explicit priority, 0-255; absent = 0. */
  priority?: number;
}

/** The kind of filter a weight is for: which fields its conditions carry. */
export type WeightLayer = "ikeext" | "ipsec" | "transport" | "ale";

/** Highest `priority` a rule may give. */
export const MAX_PRIORITY = 255;

/** One field of the weight: name, lowest bit, width in bits. */
const FIELDS = [
  ["priority", 52, 8],
  ["remote", 40, 12],
  ["local", 28, 12],
  ["protocol", 27, 1],
  ["localPorts", 18, 9],
  ["remotePorts", 9, 9],
  ["program", 8, 1],
] as const;

/** A field of the weight. */
export type PrecedenceField = (typeof FIELDS)[number][0];

const LAYER_FIELDS: Record<WeightLayer, readonly PrecedenceField[]> = {
  ikeext: ["priority", "remote", "local"],
  ipsec: ["priority", "remote", "local", "protocol", "localPorts", "remotePorts"],
  transport: ["priority", "remote", "local", "protocol", "localPorts", "remotePorts"],
  ale: ["priority", "remote", "local", "protocol", "localPorts", "remotePorts", "program"],
};

/** log2 of a positive bigint (from its bit length and top 53 bits). */
function log2(n: bigint): number {
  if (n <= 1n) return 0;
  const bits = n.toString(2).length;
  const shift = bits > 53 ? BigInt(bits - 53) : 0n;
  return Math.log2(Number(n >> shift)) + Number(shift);
}

/** floor(16 * (width - log2 n)) for the union of `ranges` (sizes summed, capped at the whole space). */
function fixedBits(ranges: { low: bigint; high: bigint }[], width: number): number {
  if (!ranges.length) return 0;
  const space = 1n << BigInt(width);
  let n = 0n;
  for (const r of ranges) n += r.high - r.low + 1n;
  if (n > space) n = space;
  // Math.log2 of an exact power of two is exact, so /24 gives exactly 16 * 24.
  return Math.max(0, Math.floor(16 * (width - log2(n)) + 1e-9));
}

/** Each field's value for `s` in family `fam` (before shifting). */
export function precedenceValues(s: PrecedenceSelector, fam: 4 | 6): Record<PrecedenceField, number> {
  const width = fam === 4 ? 32 : 128;
  const ports = (p: PortRange[]) =>
    fixedBits(p.map((x) => ({ low: BigInt(x.low), high: BigInt(x.high) })), 16);
  return {
    priority: s.priority ?? 0,
    remote: fixedBits(s.remote.filter((a) => a.family === fam), width),
    local: fixedBits(s.local.filter((a) => a.family === fam), width),
    protocol: s.protocol === undefined ? 0 : 1,
    localPorts: ports(s.localPorts),
    remotePorts: ports(s.remotePorts),
    program: s.program === undefined ? 0 : 1,
  };
}

/** The FWP_UINT64 weight of `s`'s filters at `layer` in family `fam`, plus `role` (0-255) in the low byte. */
export function precedenceWeight(s: PrecedenceSelector, fam: 4 | 6, layer: WeightLayer, role = 0): bigint {
  const v = precedenceValues(s, fam);
  const used = LAYER_FIELDS[layer];
  let w = BigInt(role & 0xff);
  for (const [f, low, width] of FIELDS) {
    if (!used.includes(f)) continue;
    w |= (BigInt(v[f]) & ((1n << BigInt(width)) - 1n)) << BigInt(low);
  }
  return w;
}

/** The `priority` a weight encodes (what decompile reads back). */
export function priorityOfWeight(w: bigint): number {
  return Number((w >> 52n) & 0xffn);
}

/**
 * Why `a` outranks `b` at `layer` in words ("priority 10", "remote 10.1.5.0/24", "tcp", "local port 445"), or
 * undefined when neither outranks the other there.
 */
export function outranks(
  a: PrecedenceSelector,
  b: PrecedenceSelector,
  fam: 4 | 6,
  layer: WeightLayer = "transport",
): string | undefined {
  const va = precedenceValues(a, fam), vb = precedenceValues(b, fam);
  for (const [f] of FIELDS) {
    if (!LAYER_FIELDS[layer].includes(f)) continue;
    if (va[f] === vb[f]) continue;
    if (va[f] < vb[f]) return undefined;
    return fieldText(a, f, fam);
  }
  return undefined;
}

/** The protocol words of the policy language (policy/check.ts PROTOCOLS), for messages. */
const PROTOCOL_WORDS: Record<number, string> = {
  1: "icmp",
  6: "tcp",
  17: "udp",
  47: "gre",
  50: "esp",
  51: "ah",
  58: "icmpv6",
};

/** The rule's value of one field in the policy's words. */
export function fieldText(s: PrecedenceSelector, f: PrecedenceField, fam: 4 | 6): string {
  const addrs = (l: AddrSpec[]) => {
    const mine = l.filter((a) => a.family === fam).map(formatAddr);
    return mine.length > 3 ? `${mine.slice(0, 3).join(", ")}, ... (${mine.length})` : mine.join(", ");
  };
  const ports = (p: PortRange[]) =>
    p.map((x) => x.low === x.high ? `${x.low}` : `${x.low}-${x.high}`).join(",");
  switch (f) {
    case "priority":
      return `priority ${s.priority ?? 0}`;
    case "remote":
      return `remote ${addrs(s.remote)}`;
    case "local":
      return `local ${addrs(s.local)}`;
    case "protocol":
      return `protocol ${PROTOCOL_WORDS[s.protocol ?? -1] ?? s.protocol}`;
    case "localPorts":
      return `local port ${ports(s.localPorts)}`;
    case "remotePorts":
      return `remote port ${ports(s.remotePorts)}`;
    case "program":
      return `program ${s.program}`;
  }
}
