/**
 * Failures tied to rules: an IKE main-mode / quick-mode / extended-mode failure or an IPsec drop, in the
 * admin's words. The event names the engine filter that was being applied (mmFilterId at the IKEEXT layer,
 * qmFilterId at the IPsec layer, the transport filter of a drop); that filter's providerData metadata
 * (modules/graph/meta.ts) names the wfpsec policy and the rule path the compiler gave it. A filter of another
 * provider is labelled foreign with that provider's name; a filter that no longer exists (deleted since, or
 * id 0) is "unknown". The common failure codes get a plain-words cause and the likely fix.
 */
import type { Engine, NetEvent1 } from "../engine/mod.ts";
import { readMeta } from "../graph/mod.ts";
import { WFPSEC_PROVIDER_KEY } from "../compiler/mod.ts";
import { IKE_ERRORS, ikeErrorName, IPSEC_DROP_STATUS } from "../../ffi/constants.ts";

/** Who owns the filter a failure came from, and which rule of which policy it is. */
export interface RuleRef {
  /** "wfpsec": one of our rules; "foreign": another provider's IPsec policy; "unknown": no such filter now. */
  owner: "wfpsec" | "foreign" | "unknown";
  /** The engine filter id the event named (decimal). */
  filterId: string;
  filterKey: string | null;
  filterName: string | null;
  providerKey: string | null;
  /** The owning provider's display name (for foreign filters, who to ask). */
  providerName: string | null;
  /** The wfpsec policy name (owner "wfpsec"). */
  policy: string | null;
  /** The compiler's object path, e.g. "rules/corp/v4/ikeext/ikev2". */
  path: string | null;
  /** "rules", "tunnels", "exemptions", ... (the first path segment). */
  section: string | null;
  /** The rule (or tunnel, exemption) name as written in the policy file. */
  name: string | null;
}

/** A plain-words cause and the likely fix for a failure code. */
export interface Explanation {
  cause: string;
  fix: string;
}

const IKE: Record<string, Explanation> = {
  ERROR_IPSEC_IKE_AUTH_FAIL: {
    cause: "authentication failed: the peer did not accept our credentials, or we did not accept its",
    fix:
      "use the same authentication method on both sides: the same pre-shared key, both in the domain for " +
      "Kerberos, or certificates from a root both trust",
  },
  ERROR_IPSEC_IKE_NO_CERT: {
    cause: "no usable computer certificate was found for this rule",
    fix:
      "enroll a computer certificate (with its private key, in the Local Computer store) issued by the root " +
      "the rule names, with the EKU it asks for",
  },
  ERROR_IPSEC_IKE_TIMED_OUT: {
    cause: "the negotiation timed out: the peer did not answer",
    fix: "check that the peer is up and has a matching IPsec policy, and that UDP 500 and 4500 pass every " +
      "firewall and NAT on the way",
  },
  ERROR_IPSEC_IKE_DROP_NO_RESPONSE: {
    cause: "the peer never answered the negotiation",
    fix: "check the peer is reachable and runs IKE (IKEEXT service), and that UDP 500/4500 are not blocked",
  },
  ERROR_IPSEC_IKE_NO_POLICY: {
    cause: "no policy: the other side has no IPsec rule for this traffic",
    fix:
      "apply the matching policy on the peer, or make the rule's addresses, protocol and ports match the " +
      "peer's rule",
  },
  ERROR_IPSEC_IKE_NO_MM_POLICY: {
    cause: "no main-mode policy matches this peer",
    fix: "check the rule's remote addresses and that its main-mode policy is applied on both sides",
  },
  ERROR_IPSEC_IKE_POLICY_MATCH: {
    cause:
      "no proposal matches: the two sides' encryption, integrity or Diffie-Hellman choices have nothing " +
      "in common",
    fix: "make the main-mode and quick-mode proposals overlap on both sides (cipher, integrity, DH group)",
  },
  ERROR_IPSEC_IKE_KERBEROS_ERROR: {
    cause: "Kerberos authentication failed",
    fix: "check that both computers are domain members that can reach a domain controller, and that their " +
      "clocks agree within 5 minutes",
  },
  ERROR_IPSEC_IKE_CRL_FAILED: {
    cause: "the certificate revocation check failed",
    fix: "make the certificate's CRL distribution point reachable from both sides, or renew a revoked " +
      "certificate",
  },
  ERROR_IPSEC_IKE_INVALID_SIGNATURE: {
    cause: "the peer's certificate signature is not valid",
    fix: "renew the peer's certificate from a root both sides trust",
  },
  ERROR_IPSEC_IKE_INVALID_CERT_TYPE: {
    cause: "the certificate is not suitable for IKE",
    fix:
      "use a computer certificate with the Server/Client Authentication or IP security IKE intermediate EKU",
  },
  ERROR_IPSEC_IKE_INVALID_KEY_USAGE: {
    cause: "the certificate's key usage does not allow IKE authentication",
    fix: "issue a certificate whose key usage includes digital signature",
  },
  ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE: {
    cause: "the peer authenticated but is not authorized by the rule (allowed computers or users)",
    fix: "add the peer's account or group to the rule's allowed principals, or check the peer is the " +
      "computer you expect",
  },
  ERROR_IPSEC_IKE_DH_FAIL: {
    cause: "the Diffie-Hellman exchange failed",
    fix: "make the DH groups of the two sides' main-mode proposals match",
  },
  ERROR_IPSEC_IKE_SA_DELETED: {
    cause: "the peer deleted the security association before it was established",
    fix: "usually transient; if it repeats, compare both sides' policies and look at the peer's events",
  },
  ERROR_IPSEC_IKE_GENERAL_PROCESSING_ERROR: {
    cause: "IKE failed while processing the negotiation",
    fix: "look at the peer's events for the same moment; restarting IKEEXT on both sides often clears it",
  },
};

const DROP: Record<string, Explanation> = {
  STATUS_IPSEC_BAD_SPI: {
    cause: "a packet arrived for a security association this host does not have (any more)",
    fix: "usually transient after a rekey or restart; if it persists, clear the SAs on both sides " +
      "(Remove-NetIPsecMainModeSA / Remove-NetIPsecQuickModeSA)",
  },
  STATUS_IPSEC_CLEAR_TEXT_DROP: {
    cause: "a clear-text packet was dropped because the rule requires IPsec",
    fix:
      "the peer is not using IPsec for this traffic: apply the matching policy on the peer, or change the " +
      "rule to request instead of require",
  },
  STATUS_IPSEC_REPLAY_CHECK_FAILED: {
    cause: "a packet was dropped as a replay (already seen)",
    fix: "usually transient; persistent replays point at a duplicating network device",
  },
  STATUS_IPSEC_INTEGRITY_CHECK_FAILED: {
    cause: "a packet failed its integrity check (altered on the way, or wrong keys)",
    fix: "clear the SAs on both sides; if it repeats, look for a device that modifies packets",
  },
  STATUS_IPSEC_WRONG_SA: {
    cause: "a packet arrived on a security association that does not match its traffic",
    fix: "compare the traffic selectors (addresses, ports) of both sides' rules",
  },
  STATUS_IPSEC_SA_LIFETIME_EXPIRED: {
    cause: "a packet arrived on an expired security association",
    fix: "usually transient around a rekey",
  },
  STATUS_IPSEC_AUTH_FIREWALL_DROP: {
    cause: "the IPsec-authenticated connection was refused by a firewall rule",
    fix: "allow the authenticated peer in the firewall rule (or its allowed computers/users)",
  },
};

/** The cause and likely fix for an IKE (ERROR_IPSEC_IKE_*) or IPsec drop (STATUS_IPSEC_*) code, if known. */
export function explainCode(code: number): Explanation | undefined {
  const name = ikeErrorName(code);
  if (!name) return undefined;
  return (name in IKE_ERRORS ? IKE[name] : undefined) ?? (name in IPSEC_DROP_STATUS ? DROP[name] : undefined);
}

/** The filter id an event names, by kind (0 when none). */
export function failureFilterId(e: NetEvent1): bigint {
  return e.ikeMmFailure?.mmFilterId ?? e.ikeQmFailure?.qmFilterId ?? e.ikeEmFailure?.qmFilterId ??
    e.ipsecDrop?.filterId ?? 0n;
}

/** The rule behind a filter id. */
export function ruleOf(engine: Engine, filterId: bigint, providerNames: Map<string, string | null>): RuleRef {
  const base: RuleRef = {
    owner: "unknown",
    filterId: filterId.toString(),
    filterKey: null,
    filterName: null,
    providerKey: null,
    providerName: null,
    policy: null,
    path: null,
    section: null,
    name: null,
  };
  if (filterId === 0n || !engine.getFilterById) return base;
  const f = engine.getFilterById(filterId);
  if (!f) return base;
  const providerKey = f.providerKey?.toLowerCase() ?? null;
  let providerName: string | null = null;
  if (providerKey) {
    if (!providerNames.has(providerKey)) {
      providerNames.set(providerKey, engine.getProvider(providerKey)?.displayData?.name ?? null);
    }
    providerName = providerNames.get(providerKey) ?? null;
  }
  const ref: RuleRef = {
    ...base,
    filterKey: f.filterKey,
    filterName: f.displayData?.name ?? null,
    providerKey,
    providerName,
  };
  const meta = readMeta(f.providerData);
  if (providerKey !== WFPSEC_PROVIDER_KEY || meta?.wfpsec !== 1) return { ...ref, owner: "foreign" };
  const path = typeof meta.path === "string" ? meta.path : null;
  const parts = path?.split("/") ?? [];
  return {
    ...ref,
    owner: "wfpsec",
    policy: typeof meta.policy === "string" ? meta.policy : null,
    path,
    section: parts[0] ?? null,
    name: parts[1] ?? null,
  };
}

/**
 * Resolves failures to rules with a small cache of filter lookups (the follow loop asks once per filter id,
 * and the cache is bounded so a long follow stays flat).
 */
export class FailureResolver {
  private readonly rules = new Map<string, RuleRef>();
  private readonly providerNames = new Map<string, string | null>();
  constructor(private readonly engine: Engine, private readonly max = 1024) {}

  /** The rule an event's filter belongs to. */
  rule(e: NetEvent1): RuleRef {
    const id = failureFilterId(e);
    const k = id.toString();
    const hit = this.rules.get(k);
    if (hit) return hit;
    const r = ruleOf(this.engine, id, this.providerNames);
    if (this.rules.size >= this.max) this.rules.clear();
    this.rules.set(k, r);
    return r;
  }
}

/** The code an event failed with (IKE Win32 error or the drop's NTSTATUS), if it is a failure. */
function codeOf(e: NetEvent1): number | undefined {
  return e.ikeMmFailure?.failureErrorCode ?? e.ikeQmFailure?.failureErrorCode ??
    e.ikeEmFailure?.failureErrorCode ?? e.ipsecDrop?.failureStatus;
}

/** The JSON members a failure adds to an event: `rule`, `peer`, `cause`, `fix`. */
export function failureContext(
  e: NetEvent1,
  json: Record<string, unknown>,
  resolver: FailureResolver,
): Record<string, unknown> {
  const code = codeOf(e);
  const ex = code === undefined ? undefined : explainCode(code);
  const principal = (json.remotePrincipal as string | null | undefined) ?? null;
  return {
    rule: { ...resolver.rule(e) },
    peer: { address: json.remote ?? null, port: json.remotePort ?? null, principal },
    cause: ex?.cause ?? null,
    fix: ex?.fix ?? null,
  };
}

/** "rule 'corp' of policy 'p' (rules/corp/v4/ikeext/ikev2)" / "foreign: provider 'X' filter 'Y'" / "no rule". */
export function ruleText(r: RuleRef): string {
  if (r.owner === "wfpsec") {
    const what = r.section === "rules" ? "rule" : r.section === "tunnels" ? "tunnel" : r.section ?? "object";
    return `${what} '${r.name}' of policy '${r.policy}' (${r.path})`;
  }
  if (r.owner === "foreign") {
    return `FOREIGN: provider '${r.providerName ?? r.providerKey ?? "?"}' filter '${
      r.filterName ?? r.filterKey
    }'` +
      ` (id ${r.filterId}), not wfpsec's policy`;
  }
  return r.filterId === "0" ? "no filter named" : `filter id ${r.filterId} (no longer in the engine)`;
}
