/**
 * Address keywords (`remote: dns`, `local: localsubnet`, ...) replaced by the addresses they stand for on
 * this host, just before compiling: plan and apply call this with the host's interfaces (GetAdaptersAddresses
 * on Windows, the documented fixture on fwpsim and snapshots: modules/host/interfaces.ts), so each run
 * re-resolves and a changed DHCP lease is a plan difference. Validation never resolves.
 *
 * A side whose keywords resolve to no address at all is refused: compiled as it stands it would have no
 * address condition, which WFP reads as "any address" (the opposite of what the rule names).
 */
import {
  type AddressKeyword,
  type AddrSpec,
  describeResolved,
  formatAddr,
  type HostInterface,
  KeywordResolutionError,
  resolveKeyword,
} from "../model/mod.ts";
import {
  type Exemption,
  findOverlaps,
  type Policy,
  type Rule,
  securityText,
  type TunnelSpec,
} from "../model/mod.ts";

/** One keyword of one side of one rule, exemption or tunnel, and what it resolved to. */
export interface KeywordResolution {
  /** The policy section of the object. */
  object: "rule" | "exemption" | "tunnel";
  /** The object's name. */
  name: string;
  /** The side the keyword is written in. */
  side: "local" | "remote";
  /** The keyword, lower case. */
  keyword: AddressKeyword;
  /** The addresses it stands for, in the order compiled (those of a family the object cannot match left out). */
  addresses: string[];
}

/** A policy with every keyword replaced, and what each resolved to. */
export interface ResolvedPolicy {
  /** The policy without keywords, ready for compilePolicy. */
  policy: Policy;
  /** One entry per keyword written, in policy order. */
  resolved: KeywordResolution[];
}

type Selector = Pick<Rule, "local" | "remote" | "localKeywords" | "remoteKeywords">;

const objects = (p: Policy): [KeywordResolution["object"], Selector & { name: string }][] => [
  ...p.rules.map((r) => ["rule", r] as [KeywordResolution["object"], Rule]),
  ...p.exemptions.map((e) => ["exemption", e] as [KeywordResolution["object"], Exemption]),
  ...p.tunnels.map((t) => ["tunnel", t] as [KeywordResolution["object"], TunnelSpec]),
];

/** The keywords a policy uses, as "rule 'web' remote dns" (empty when it uses none). */
export function keywordUses(p: Policy): string[] {
  const out: string[] = [];
  for (const [object, o] of objects(p)) {
    for (const k of o.localKeywords ?? []) out.push(`${object} '${o.name}' local ${k}`);
    for (const k of o.remoteKeywords ?? []) out.push(`${object} '${o.name}' remote ${k}`);
  }
  return out;
}

/** One plan line: `rule 'web': remote dns -> 10.0.0.53, 10.0.0.54`. */
export function resolutionText(r: KeywordResolution): string {
  return `${r.object} '${r.name}': ${r.side} ${r.keyword} -> ${r.addresses.join(", ") || "(none)"}`;
}

/**
 * Replaces the keywords of every rule, exemption and tunnel by the addresses `ifaces` give them, and narrows
 * the families the object compiles for to those both sides can match.
 */
export function resolveAddressKeywords(policy: Policy, ifaces: readonly HostInterface[]): ResolvedPolicy {
  const resolved: KeywordResolution[] = [];
  const one = <T extends Selector & { name: string }>(
    object: KeywordResolution["object"],
    o: T,
    allowed: readonly (4 | 6)[],
  ): { out: T; families: (4 | 6)[] } => {
    if (!o.localKeywords && !o.remoteKeywords) return { out: o, families: [...allowed] };
    const side = (which: "local" | "remote") => {
      const kws = (which === "local" ? o.localKeywords : o.remoteKeywords) ?? [];
      const specs = kws.map((k) => ({ k, specs: resolveKeyword(k, ifaces) }));
      return { kws, specs, all: [...o[which], ...specs.flatMap((s) => s.specs)] };
    };
    const l = side("local"), r = side("remote");
    for (const [which, s] of [["local", l], ["remote", r]] as const) {
      if (s.kws.length && !s.all.length) {
        throw new KeywordResolutionError(
          `${object} '${o.name}': ${which} ${s.kws.join(", ")} resolves to no address on this host ` +
            `(${interfacesText(ifaces)}); compiled without addresses it would match any ${which} address, ` +
            `so nothing is changed: remove the keyword or configure the adapter`,
        );
      }
    }
    const fams = (s: typeof l) => new Set(s.all.map((a) => a.family));
    const fl = fams(l), fr = fams(r);
    const families = allowed.filter((f) => (!fl.size || fl.has(f)) && (!fr.size || fr.has(f)));
    if (!families.length) {
      throw new KeywordResolutionError(
        `${object} '${o.name}': on this host local is ${famText(fl, allowed)} and remote ${
          famText(fr, allowed)
        } (${
          [...l.specs, ...r.specs].map((s) => describeResolved(s.k, s.specs)).join("; ")
        }): no traffic can ` +
          `match; nothing is changed`,
      );
    }
    const keep = (a: AddrSpec) => families.includes(a.family);
    for (const [which, s] of [["local", l], ["remote", r]] as const) {
      for (const { k, specs } of s.specs) {
        resolved.push({
          object,
          name: o.name,
          side: which,
          keyword: k,
          addresses: specs.filter(keep).map(formatAddr),
        });
      }
    }
    const { localKeywords: _l, remoteKeywords: _r, ...rest } = o;
    return {
      out: { ...rest, local: dedupe(l.all.filter(keep)), remote: dedupe(r.all.filter(keep)) } as T,
      families,
    };
  };
  const out: Policy = {
    ...policy,
    rules: policy.rules.map((x) => {
      const { out, families } = one("rule", x, x.families);
      return out === x ? x : { ...out, families };
    }),
    exemptions: policy.exemptions.map((x) => {
      const { out, families } = one("exemption", x, x.families);
      return out === x ? x : { ...out, families };
    }),
    tunnels: policy.tunnels.map((x) => one("tunnel", x, [4, 6]).out),
  };
  refuseResolvedTies(policy, out, resolved);
  return { policy: out, resolved };
}

const famText = (s: Set<4 | 6>, allowed: readonly (4 | 6)[]) =>
  s.size ? [...s].sort().map((f) => `IPv${f}`).join("/") : `any (${allowed.map((f) => `IPv${f}`).join("/")})`;

const interfacesText = (ifaces: readonly HostInterface[]) =>
  ifaces.length ? `interfaces: ${ifaces.map((i) => i.name).join(", ")}` : "no interfaces";

/** Written addresses plus resolved ones, each interval once, in the order first seen. */
const dedupe = (l: AddrSpec[]): AddrSpec[] => {
  const seen = new Map<string, AddrSpec>();
  for (const a of l) {
    if (!seen.has(`${a.family}:${a.low}:${a.high}`)) seen.set(`${a.family}:${a.low}:${a.high}`, a);
  }
  return [...seen.values()];
};

/**
 * Validation reads a keyword side as "any address", the least specific; only the resolved addresses show a
 * tie it could not see (`remote: dns` resolving to exactly the address another rule writes, with other
 * security and the same precedence). Such a tie is refused here as validation refuses a written one: no
 * filter order would say which rule decides.
 */
function refuseResolvedTies(before: Policy, after: Policy, resolved: KeywordResolution[]): void {
  const hasKeywords = (r: Rule) => Boolean(r.localKeywords?.length || r.remoteKeywords?.length);
  const tie = findOverlaps(after.rules).ties.find((t) =>
    hasKeywords(before.rules[t.first]) || hasKeywords(before.rules[t.second])
  );
  if (!tie) return;
  const a = after.rules[tie.first], b = after.rules[tie.second];
  const words = resolved.filter((x) => x.object === "rule" && (x.name === a.name || x.name === b.name))
    .map(resolutionText).join("; ");
  throw new KeywordResolutionError(
    `rules "${a.name}" (${securityText(a)}) and "${b.name}" (${securityText(b)}) overlap with the same ` +
      `precedence once their address keywords are resolved on this host (${words}): neither is more specific, ` +
      `so no filter order says which decides. Give one of them a higher priority:`,
  );
}
