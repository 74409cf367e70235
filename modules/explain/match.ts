/**
 * Whether a filter's conditions match the connection `explain` is asked about (fwp/filtering-condition-flags,
 * FWPM_FILTER_CONDITION0): conditions on different fields are ANDed, conditions on one field ORed. What the
 * connection options give is evaluated: addresses (masks, prefixes, ranges), ports and protocols (exact,
 * ranges, comparisons), the local address type, the flags that follow from the addresses (loopback), and the
 * application id when `--program` is given. What cannot be known statically is reported, with the reason:
 * user and machine SDs need an identity, run-time flags and interfaces are unknown, and a program path cannot
 * be turned into its volume's device path offline.
 */
import type { Filter, FilterCondition, FwpConditionValue, FwpValue } from "../graph/mod.ts";
import { appIdPath } from "../model/mod.ts";
import { CONDITIONS, ENUMS, FLAGS } from "../../ffi/constants.ts";

/** The connection to explain. */
export interface Traffic {
  /** `out`: this host connects; `in`: this host accepts. */
  direction: "in" | "out";
  /** IP protocol number (tcp 6, udp 17, icmp 1); absent = not given. */
  protocol?: number;
  /** The remote address (IPv4 dotted or IPv6). */
  remote: string;
  /** The remote port. */
  remotePort?: number;
  /** The local address. */
  local?: string;
  /** The local port. */
  localPort?: number;
  /** The program's path (`C:\...`, `\\server\share\...` or an NT device path `\device\...`). */
  program?: string;
}

/** How one filter's conditions meet the traffic. */
export type MatchResult = "match" | "no-match" | "not-evaluated";

/** The program as explain compares it with FWPM_CONDITION_ALE_APP_ID. */
export interface ProgramIdentity {
  /** The path as given. */
  path: string;
  /** Its NT device path, lowercased, when known (resolved by the engine, or given in that form). */
  devicePath?: string;
}

/** What the traffic gives, per condition field. */
export interface TrafficFacts {
  /** Field key -> value (undefined: the options do not give it). */
  values: Map<string, bigint | undefined>;
  /** The program, when `--program` was given. */
  program?: ProgramIdentity;
}

const M = ENUMS.FWP_MATCH_TYPE;
const C = CONDITIONS;
const F = FLAGS.FWP_CONDITION_FLAG;
/** SD conditions: evaluating them needs the connection's user or machine token. */
const IDENTITY = new Set<string>([
  C.FWPM_CONDITION_ALE_USER_ID,
  C.FWPM_CONDITION_ALE_REMOTE_USER_ID,
  C.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
]);
/** The FWPM_CONDITION_FLAGS bits the traffic options decide; every other flag is known only at run time. */
const KNOWN_FLAGS = BigInt(F.FWP_CONDITION_FLAG_IS_LOOPBACK);

/** An address as a bigint and its family. */
export function parseAddress(s: string): { v6: boolean; n: bigint } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (m) {
    const o = m.slice(1).map(Number);
    if (o.some((x) => x > 255)) return undefined;
    return { v6: false, n: BigInt(((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3]) };
  }
  if (!s.includes(":")) return undefined;
  const [head, tail, extra] = s.split("::");
  if (extra !== undefined) return undefined;
  const hs = head ? head.split(":") : [], ts = tail ? tail.split(":") : [];
  const groups = tail === undefined ? hs : [...hs, ...Array(8 - hs.length - ts.length).fill("0"), ...ts];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v6: true, n: groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function num(v: FwpValue): bigint | undefined {
  switch (v.type) {
    case 1:
      return BigInt(v.uint8);
    case 2:
      return BigInt(v.uint16);
    case 3:
      return BigInt(v.uint32 >>> 0);
    case 4:
      return v.uint64;
    case 11:
      return v.byteArray16.reduce((a, b) => (a << 8n) | BigInt(b), 0n);
    default:
      return undefined;
  }
}

/** A condition's verdict: true/false, or why it cannot be decided here. */
type Verdict = boolean | { why: string };

/** Whether one numeric condition holds for `value`. */
function holds(c: FilterCondition, value: bigint, name: string): Verdict {
  const v = c.conditionValue as FwpConditionValue;
  const unknown = { why: `match type not evaluated (${name})` };
  if (v.type === 256 && (c.matchType === M.FWP_MATCH_EQUAL || c.matchType === M.FWP_MATCH_NOT_EQUAL)) {
    const mask = BigInt(v.v4AddrMask.mask >>> 0);
    const eq = (value & mask) === (BigInt(v.v4AddrMask.addr >>> 0) & mask);
    return c.matchType === M.FWP_MATCH_EQUAL ? eq : !eq;
  }
  if (v.type === 257 && (c.matchType === M.FWP_MATCH_EQUAL || c.matchType === M.FWP_MATCH_NOT_EQUAL)) {
    const bits = BigInt(v.v6AddrMask.prefixLength);
    const host = bits >= 128n ? 0n : (1n << (128n - bits)) - 1n;
    const addr = num({ type: 11, byteArray16: v.v6AddrMask.addr })!;
    const eq = (value & ~host) === (addr & ~host);
    return c.matchType === M.FWP_MATCH_EQUAL ? eq : !eq;
  }
  if (v.type === 258) {
    if (c.matchType !== M.FWP_MATCH_RANGE) return unknown;
    const lo = num(v.rangeValue.valueLow), hi = num(v.rangeValue.valueHigh);
    return lo === undefined || hi === undefined ? unknown : lo <= value && value <= hi;
  }
  const x = num(v as FwpValue);
  if (x === undefined) return unknown;
  switch (c.matchType) {
    case M.FWP_MATCH_EQUAL:
      return value === x;
    case M.FWP_MATCH_NOT_EQUAL:
      return value !== x;
    case M.FWP_MATCH_GREATER:
      return value > x;
    case M.FWP_MATCH_LESS:
      return value < x;
    case M.FWP_MATCH_GREATER_OR_EQUAL:
      return value >= x;
    case M.FWP_MATCH_LESS_OR_EQUAL:
      return value <= x;
    default:
      return unknown;
  }
}

/** A FWPM_CONDITION_FLAGS test: decided only when it tests no flag known only at run time. */
function flagsHold(c: FilterCondition, value: bigint): Verdict {
  const v = c.conditionValue as FwpConditionValue;
  const mask = v.type === 3 ? BigInt(v.uint32 >>> 0) : undefined;
  if (mask === undefined) return { why: "match type not evaluated (FWPM_CONDITION_FLAGS)" };
  if ((mask & ~KNOWN_FLAGS) !== 0n) {
    return { why: `depends on run-time flags (FWPM_CONDITION_FLAGS 0x${mask.toString(16)})` };
  }
  switch (c.matchType) {
    case M.FWP_MATCH_FLAGS_ALL_SET:
      return (value & mask) === mask;
    case M.FWP_MATCH_FLAGS_ANY_SET:
      return (value & mask) !== 0n;
    case M.FWP_MATCH_FLAGS_NONE_SET:
      return (value & mask) === 0n;
    default:
      return holds(c, value, "FWPM_CONDITION_FLAGS");
  }
}

const lower = (s: string) => s.replaceAll("/", "\\").toLowerCase();

/** An FWPM_CONDITION_ALE_APP_ID condition against the program. */
function appIdHolds(c: FilterCondition, program: ProgramIdentity | undefined): Verdict {
  const name = "FWPM_CONDITION_ALE_APP_ID";
  if (!program) return { why: `needs identity (${name}): no --program given` };
  const v = c.conditionValue as FwpConditionValue | { type: "appPath"; path: string };
  const negate = c.matchType === M.FWP_MATCH_NOT_EQUAL || c.matchType === M.FWP_MATCH_NOT_PREFIX;
  const prefix = c.matchType === M.FWP_MATCH_PREFIX || c.matchType === M.FWP_MATCH_NOT_PREFIX;
  if (!negate && !prefix && c.matchType !== M.FWP_MATCH_EQUAL) {
    return { why: `match type not evaluated (${name})` };
  }
  const compare = (want: string, have: string) => (prefix ? have.startsWith(want) : have === want) !== negate;
  if (v.type === "appPath") {
    // a policy's program not yet resolved on the host: compared as file paths
    if (program.path.toLowerCase().startsWith("\\device\\")) {
      return { why: `${name}: the policy names ${v.path}, a file path; --program is a device path` };
    }
    return compare(lower(v.path), lower(program.path));
  }
  if (v.type !== 12) return { why: `match type not evaluated (${name})` };
  const filterPath = lower(appIdPath(v.byteBlob));
  if (program.devicePath) return compare(filterPath, program.devicePath);
  // offline: the volume's device name is unknown, the rest of the path is not
  const tail = /^[a-z]:(\\.*)$/.exec(lower(program.path))?.[1];
  const filterTail = /^\\device\\[^\\]+(\\.*)$/.exec(filterPath)?.[1];
  if (tail && filterTail && !prefix && tail !== filterTail) return negate;
  return {
    why: `${name} ${filterPath}: cannot resolve ${program.path} to its device path offline (run on the host)`,
  };
}

/** NL_ADDRESS_TYPE of an address: 0 unspecified, 1 unicast, 2 anycast, 3 multicast, 4 broadcast. */
function addressType(a: { v6: boolean; n: bigint }): number {
  if (a.n === 0n) return 0;
  if (a.v6) return a.n >> 120n === 0xffn ? 3 : 1;
  if (a.n >> 28n === 0xen) return 3;
  return a.n === 0xffffffffn ? 4 : 1;
}

function isLoopback(a: { v6: boolean; n: bigint }): boolean {
  return a.v6 ? a.n === 1n : a.n >> 24n === 127n;
}

/** What the traffic gives per condition field; `program` as resolved by the caller (engine or offline). */
export function trafficFacts(t: Traffic, program?: ProgramIdentity): TrafficFacts {
  const remote = parseAddress(t.remote)!;
  const local = t.local ? parseAddress(t.local) : undefined;
  const big = (n: number | undefined) => n === undefined ? undefined : BigInt(n);
  const values = new Map<string, bigint | undefined>([
    [C.FWPM_CONDITION_IP_REMOTE_ADDRESS, remote.n],
    [C.FWPM_CONDITION_IP_LOCAL_ADDRESS, local?.n],
    [C.FWPM_CONDITION_IP_PROTOCOL, big(t.protocol)],
    [C.FWPM_CONDITION_IP_REMOTE_PORT, big(t.remotePort)],
    [C.FWPM_CONDITION_IP_LOCAL_PORT, big(t.localPort)],
    // unicast traffic: the local address is unicast too unless the local address given says otherwise
    [C.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE, BigInt(local ? addressType(local) : addressType(remote))],
    [C.FWPM_CONDITION_FLAGS, isLoopback(remote) ? BigInt(F.FWP_CONDITION_FLAG_IS_LOOPBACK) : 0n],
  ]);
  return { values, ...(program ? { program } : {}) };
}

const FIELD_NAME = new Map<string, string>(Object.entries(CONDITIONS).map(([n, g]) => [g, n]));

/** How `f`'s conditions meet the traffic: AND across fields, OR within one. */
export function matchFilter(f: Filter, facts: TrafficFacts): { match: MatchResult; notEvaluated: string[] } {
  const byField = new Map<string, FilterCondition[]>();
  for (const c of f.filterCondition) {
    const cs = byField.get(c.fieldKey);
    if (cs) cs.push(c);
    else byField.set(c.fieldKey, [c]);
  }
  const notEvaluated: string[] = [];
  for (const [field, cs] of byField) {
    const name = FIELD_NAME.get(field) ?? field;
    let verdicts: Verdict[];
    if (IDENTITY.has(field)) verdicts = [{ why: `needs identity (${name})` }];
    else if (field === C.FWPM_CONDITION_ALE_APP_ID) verdicts = cs.map((c) => appIdHolds(c, facts.program));
    else if (!facts.values.has(field)) verdicts = [{ why: `not evaluated statically (${name})` }];
    else {
      const value = facts.values.get(field);
      if (value === undefined) verdicts = [{ why: `traffic does not give ${name}` }];
      else if (field === C.FWPM_CONDITION_FLAGS) verdicts = cs.map((c) => flagsHold(c, value));
      else verdicts = cs.map((c) => holds(c, value, name));
    }
    if (verdicts.some((r) => r === true)) continue;
    const why = verdicts.find((r): r is { why: string } => typeof r === "object");
    if (why) notEvaluated.push(why.why);
    else return { match: "no-match", notEvaluated: [] };
  }
  return { match: notEvaluated.length ? "not-evaluated" : "match", notEvaluated };
}
