/**
 * Reasons in the policy's vocabulary: a replaced object's differences said as the policy file says them
 * (`proposal 1 cipher aes256 -> aes128`, `remote 10.1.0.0/16 -> 10.2.0.0/16`), not as WFP fields
 * (`ikeMmPolicy.ikeProposals[0].cipherAlgorithm.algoIdentifier: 4 -> 2`). Both sides are read back through
 * the compiler's inverse (decompile.ts `contextTerms`, `selectorTerms`), so the names are the ones the
 * policy language uses. What the policy has no word for keeps its WFP description (reason.ts).
 */
import type { Filter, ProviderContext, Tunnel } from "../graph/mod.ts";
import { contextTerms, selectorTerms } from "../compiler/mod.ts";
import type { AuthMethod, MainModePolicy, QmProposal, QuickModePolicy } from "../model/mod.ts";
import type { FieldDiff } from "./fieldDiff.ts";
import type { ObjectKind } from "./change.ts";
import { describeDiffs } from "./reason.ts";
import { authorizationTerms } from "./accountTerms.ts";

/** Labelled values of one object in policy terms: label -> text. */
type Terms = Map<string, string>;

const list = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "any");

function authText(a: AuthMethod): string {
  switch (a.kind) {
    case "psk":
      // The reference (variable or file name), never a key: a changed key is said by its digest.
      return a.ref.env ? `psk (env ${a.ref.env})` : `psk (file ${a.ref.file})`;
    case "certificate": {
      const parts = [a.store, a.signing, ...a.eku.map((e) => `eku ${e}`)];
      if (a.name) parts.push(`${a.name.type} ${a.name.value}`);
      if (a.thumbprint) parts.push(`thumbprint ${a.thumbprint}`);
      if (a.rootCA.length) parts.push(`${a.rootCA.length} root CA(s)`);
      return `certificate (${parts.join(", ")})`;
    }
    case "kerberos":
      return a.proxyServer !== undefined ? `kerberos (proxy ${a.proxyServer})` : "kerberos";
    default:
      return a.kind;
  }
}

function mainModeTerms(m: MainModePolicy, t: Terms): void {
  t.set("key module", m.keyModule);
  m.auth.forEach((a, i) => t.set(`auth ${i + 1}`, authText(a)));
  m.proposals.forEach((p, i) => {
    t.set(`proposal ${i + 1} cipher`, p.cipher);
    t.set(`proposal ${i + 1} integrity`, p.integrity);
    t.set(`proposal ${i + 1} dh`, p.dh);
  });
  t.set("lifetime", `${m.lifetimeSeconds}s`);
  t.set("softExpiration", `${m.softExpirationSeconds}s`);
  t.set("quickModeLimit", String(m.quickModeLimit));
  t.set("retransmit", `${m.retransmitSeconds}s`);
  t.set("flags", list(m.flags).replace("any", "none"));
}

function qmProposalTerms(p: QmProposal, prefix: string, t: Terms): void {
  if (p.ah) t.set(`${prefix} ah`, p.ah);
  if (p.esp) {
    t.set(`${prefix} cipher`, p.esp.cipher);
    t.set(`${prefix} integrity`, p.esp.integrity);
  }
}

function quickModeTerms(q: QuickModePolicy, t: Terms): void {
  t.set("mode", q.mode);
  q.proposals.forEach((p, i) => qmProposalTerms(p, `proposal ${i + 1}`, t));
  t.set("pfs", q.pfs);
  t.set("lifetime seconds", String(q.lifetimeSeconds));
  t.set("lifetime kilobytes", String(q.lifetimeKilobytes));
  t.set("idleTimeout", `${q.idleSeconds}s`);
  t.set("idleTimeout failover", `${q.idleFailoverSeconds}s`);
  t.set("natTraversal", q.natTraversal);
  t.set("ndAllowClearTimeout", `${q.ndAllowClearTimeout}s`);
  q.userAuth.forEach((a, i) => t.set(`userAuth ${i + 1}`, authText(a)));
  t.set("userImpersonation", q.userImpersonation);
}

function contextTermsOf(c: ProviderContext, prefix = ""): Terms | undefined {
  const read = contextTerms(c);
  if (!read) return undefined;
  const t: Terms = new Map();
  if ("mainMode" in read) mainModeTerms(read.mainMode, t);
  else quickModeTerms(read.quickMode, t);
  if (c.displayData.description) t.set("description", JSON.stringify(c.displayData.description));
  if (!prefix) return t;
  return new Map([...t].map(([k, v]) => [prefix + k, v]));
}

function selectorTermsOf(f: Filter): Terms {
  const s = selectorTerms(f.filterCondition);
  return new Map([
    ["local", list(s.local)],
    ["remote", list(s.remote)],
    ["protocol", s.protocol ?? "any"],
    ["localPorts", list(s.localPorts)],
    ["remotePorts", list(s.remotePorts)],
    ...authorizationTerms(f),
  ]);
}

/** `label a -> b` for each label whose text differs, in the order the labels were first met. */
function compareTerms(cur: Terms, des: Terms): string[] {
  const out: string[] = [];
  for (const k of new Set([...cur.keys(), ...des.keys()])) {
    const a = cur.get(k), b = des.get(k);
    if (a === b) continue;
    // A proposal (or auth method) only on one side is said once, as a whole.
    const whole = /^(proposal|auth|userAuth) \d+/.exec(k)?.[0];
    if (whole && (a === undefined || b === undefined)) {
      const side = a === undefined ? des : cur;
      const text = [...side].filter(([l]) => l === whole || l.startsWith(whole + " ")).map(([l, v]) =>
        l === whole ? v : `${l.slice(whole.length + 1)} ${v}`
      ).join(" ");
      const line = `${whole} ${a === undefined ? "added" : "removed"}: ${text}`;
      if (!out.includes(line)) out.push(line);
      continue;
    }
    out.push(`${k} ${a ?? "absent"} -> ${b ?? "absent"}`);
  }
  return out;
}

const isMeta = (d: FieldDiff) => /(^|\.)providerData$/.test(d.path);

/**
 * The reason of a replace in the policy's terms: the differences the policy has words for, then the WFP
 * description of the rest (metadata such as `pre-shared key changed`, fields outside the policy's view).
 * Falls back to the WFP description alone when the objects cannot be read back.
 */
export function policyReason(
  kind: ObjectKind,
  cur: unknown,
  des: unknown,
  diffs: FieldDiff[],
): string {
  try {
    return inPolicyTerms(kind, cur, des, diffs);
  } catch {
    // An object the inverse cannot read (decoded from a foreign or partial source): WFP's words still hold.
    return describeDiffs(diffs);
  }
}

function inPolicyTerms(kind: ObjectKind, cur: unknown, des: unknown, diffs: FieldDiff[]): string {
  const parts: string[] = [];
  let rest = diffs;
  if (kind === "providerContext") {
    const c = contextTermsOf(cur as ProviderContext), d = contextTermsOf(des as ProviderContext);
    if (c && d) {
      parts.push(...compareTerms(c, d));
      rest = diffs.filter(isMeta);
    }
  } else if (kind === "tunnel") {
    // The quick-mode half (the tunnel's own context); the main-mode half keeps its WFP description.
    const c = contextTermsOf(cur as ProviderContext, "quickMode ");
    const d = contextTermsOf((des as Tunnel).tunnelPolicy, "quickMode ");
    if (c && d) {
      parts.push(...compareTerms(c, d));
      rest = diffs.filter((x) => !x.path.startsWith("tunnelPolicy.") || isMeta(x));
    }
  } else if (kind === "filter") {
    const conds = diffs.filter((x) => x.path.startsWith("filterCondition"));
    if (conds.length) {
      const said = compareTerms(selectorTermsOf(cur as Filter), selectorTermsOf(des as Filter));
      if (said.length) {
        parts.push(...said);
        rest = diffs.filter((x) => !x.path.startsWith("filterCondition"));
      }
    }
  }
  if (!parts.length) return describeDiffs(diffs);
  const wfp = rest.length ? describeDiffs(rest) : "";
  return [...parts, ...(wfp ? [wfp] : [])].join("; ");
}
