/**
 * Address keywords as NetSecurity (New-NetIPsecRule -LocalAddress/-RemoteAddress) and netsh advfirewall consec
 * write them: `localsubnet`, `dns`, `dhcp`, `wins`, `defaultgateway`. They name addresses the host learns from
 * its adapters, so they are resolved at plan/apply time against an interface list (from GetAdaptersAddresses
 * on Windows, from a documented fixture on fwpsim and snapshots), never at validation.
 * `intranet`/`internet` are not accepted: Microsoft documents no address set for them that a host can compute.
 */
import { type AddrSpec, formatAddr, parseAddr } from "./addr.ts";
import { type ErrorType, WfpsecError } from "../../ffi/wfpsecError.ts";

/** The keywords accepted in `local`/`remote`, lower case (matching is case-insensitive, like NetSecurity). */
export const ADDRESS_KEYWORDS = ["localsubnet", "dns", "dhcp", "wins", "defaultgateway"] as const;

/**
 * NetSecurity's other address keywords (Set-NetFirewallRule -RemoteAddress): Intranet, Internet,
 * IntranetRemoteAccess, PlayToDevice and CaptivePortal are network-isolation sets Windows maintains for apps,
 * with no documented address list a host computes from its adapters; Any means "no condition".
 */
const REFUSED_KEYWORDS = ["intranet", "internet", "intranetremoteaccess", "playtodevice", "captiveportal"];

/** Why a selector that is one of NetSecurity's unresolvable keywords is refused; undefined otherwise. */
export function refusedKeyword(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const accepted = `the keywords wfpsec resolves are ${ADDRESS_KEYWORDS.join(", ")}`;
  if (t === "any" || t === "*") return `'${text}' means any address: leave the field out instead`;
  if (/^(localsubnet|dns|dhcp|wins|defaultgateway)[46]$/.test(t)) {
    return `'${text}': family-suffixed keywords are not accepted; write '${t.slice(0, -1)}' and set ` +
      `family: ipv${t.slice(-1)}`;
  }
  if (!REFUSED_KEYWORDS.includes(t)) return undefined;
  return `'${text}' is a NetSecurity keyword wfpsec cannot resolve: Windows documents no address list for ` +
    `it that a host computes from its adapters; ${accepted}`;
}

/** One accepted keyword. */
export type AddressKeyword = typeof ADDRESS_KEYWORDS[number];

/** One adapter as the resolver needs it (the fields GetAdaptersAddresses reports that keywords depend on). */
export interface HostInterface {
  /** Adapter friendly name, for messages. */
  name: string;
  /** Unicast addresses with their on-link prefix length, e.g. "10.0.0.5/24". */
  unicast: string[];
  /** DNS server addresses. */
  dns: string[];
  /** Default gateway addresses. */
  gateways: string[];
  /** WINS server addresses. */
  wins: string[];
  /** DHCP server addresses (DHCPv4 server; DHCPv6 server when known). */
  dhcp: string[];
}

/** The keyword a selector names, or undefined when it is an address. */
export function addressKeyword(text: string): AddressKeyword | undefined {
  const t = text.trim().toLowerCase();
  return (ADDRESS_KEYWORDS as readonly string[]).includes(t) ? t as AddressKeyword : undefined;
}

/** Why an interface list could not resolve a keyword: names the adapter and the bad value. */
export class KeywordResolutionError extends WfpsecError {
  /** The host's interface list is data read from the host or its fixture, like a snapshot. */
  override readonly type: ErrorType = "SnapshotError";
}

const one = (iface: HostInterface, field: string, text: string): AddrSpec => {
  const a = parseAddr(text);
  if (typeof a === "string") {
    throw new KeywordResolutionError(`interface '${iface.name}' ${field}: ${a}`);
  }
  if (a.kind !== "single") {
    throw new KeywordResolutionError(`interface '${iface.name}' ${field}: '${text}' must be one address`);
  }
  return a;
};

/** The interface field each server keyword reads. */
const SERVER_FIELD = { dns: "dns", dhcp: "dhcp", wins: "wins", defaultgateway: "gateways" } as const;

/** The network a unicast "address/prefix" lies on (host bits cleared). */
const subnetOf = (iface: HostInterface, text: string): AddrSpec => {
  const [addr, p, ...more] = text.split("/");
  if (p === undefined || more.length || !/^\d{1,3}$/.test(p)) {
    throw new KeywordResolutionError(`interface '${iface.name}' unicast: '${text}' needs a prefix length`);
  }
  const a = one(iface, "unicast", addr);
  const bits = a.family === 4 ? 32 : 128, n = Number(p);
  if (n > bits) {
    throw new KeywordResolutionError(`interface '${iface.name}' unicast: '${text}' prefix too long`);
  }
  const hostMask = (1n << BigInt(bits - n)) - 1n;
  const low = a.low & ~hostMask;
  if (n === bits) return { family: a.family, kind: "single", low, high: low };
  return { family: a.family, kind: "prefix", low, high: low | hostMask, prefix: n };
};

/**
 * The addresses a keyword stands for on a host with these interfaces, deduplicated, IPv4 before IPv6, in
 * ascending order (so a plan's text is stable and a changed DHCP lease shows as a changed list).
 * An empty result is returned as is: the caller reports a keyword that resolves to nothing.
 */
export function resolveKeyword(keyword: AddressKeyword, ifaces: readonly HostInterface[]): AddrSpec[] {
  const out: AddrSpec[] = [];
  for (const i of ifaces) {
    if (keyword === "localsubnet") { for (const u of i.unicast) out.push(subnetOf(i, u)); }
    else for (const s of i[SERVER_FIELD[keyword]]) out.push(one(i, SERVER_FIELD[keyword], s));
  }
  const seen = new Map<string, AddrSpec>();
  for (const a of out) seen.set(`${a.family}:${a.low}:${a.high}`, a);
  return [...seen.values()].sort((a, b) =>
    a.family - b.family ||
    (a.low < b.low ? -1 : a.low > b.low ? 1 : a.high < b.high ? -1 : a.high > b.high ? 1 : 0)
  );
}

/** Plan text for a resolved keyword: "dns -> 10.0.0.53, 10.0.0.54" ("(none)" when nothing). */
export function describeResolved(keyword: AddressKeyword, specs: readonly AddrSpec[]): string {
  return `${keyword} -> ${specs.length ? specs.map(formatAddr).join(", ") : "(none)"}`;
}
