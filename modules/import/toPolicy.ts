/**
 * Windows' IPsec model (fwModel.ts) -> a wfpsec policy document, for both importers. What the policy cannot
 * say is listed (NotExpressed), never dropped in silence; where a Windows setting cannot be carried without
 * weakening or widening the rule, the rule is left out and listed rather than approximated. Pre-shared keys
 * are never copied: the policy refers to an environment variable the admin sets.
 * Mapping per docs/netsecurity-mapping.md; key-module limits as validate.ts/fidelity.ts enforce them.
 */
import type { FwAuthSet, FwAuthSuite, FwCryptoSet, FwCsRule, FwPolicy, NotExpressed } from "./fwModel.ts";
import { ADDRESS_KEYWORDS, formatQm, parseDn, WEAK } from "../model/mod.ts";
import { hasDacl, SddlError, sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import { PROTO_NAMES, WINDOWS_DEFAULT_MM_PROPOSALS, WINDOWS_DEFAULT_QM_PROPOSALS } from "../policy/mod.ts";

const MAX_DESCRIPTION = 4096;

/** The imported document and what it could not say. */
export interface ImportResult {
  /** The policy document (validated by the caller before it is written). */
  document: Record<string, unknown>;
  /** Source settings with no place in the policy. */
  notExpressed: NotExpressed[];
  /** Environment variables the policy refers to for pre-shared keys (set them before plan/apply). */
  secretVariables: string[];
  /** Rules imported / left out. */
  counts: { rules: number; exemptions: number; skipped: number };
}

type Obj = Record<string, unknown>;

const NAME_MAX = 64;

/** A name wfpsec accepts (NAME_PATTERN), unique among `taken`. */
function uniqueName(raw: string | undefined, fallback: string, taken: Set<string>): string {
  let base = (raw ?? "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").replace(/-+$/, "");
  if (!base) base = fallback;
  base = base.slice(0, NAME_MAX);
  let name = base, n = 2;
  while (taken.has(name.toLowerCase())) {
    const suffix = `-${n++}`;
    name = base.slice(0, NAME_MAX - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** RFC 4514 escaping of one attribute value. */
function escapeRdn(v: string): string {
  return v.replace(/([,+"\\<>;=])/g, "\\$1").replace(/^ | $/g, (s) => "\\" + s).replace(/^#/, "\\#");
}

/**
 * Windows Firewall stores a CA name least specific first ("C=US, O=Contoso, CN=Root"), as NetSecurity's
 * -Authority examples and [MS-GPFAS] 4.4.1 write it; wfpsec's rootCA is most specific first (CN first),
 * so the RDN order is reversed (docs/windows-verification.md IM2). Undefined when the name is not a DN.
 */
export function caNameToRootCa(caName: string): string | undefined {
  const rdns = parseDn(caName);
  if (typeof rdns === "string") return undefined;
  return rdns.slice().reverse().map(([t, v]) => `${t}=${escapeRdn(v)}`).join(", ");
}

const PROTOCOL_WORDS: Record<number, string> = {
  ...PROTO_NAMES,
  50: "esp",
  51: "ah",
  47: "gre",
  58: "icmpv6",
};
/**
 * Address keywords the policy's `local`/`remote` accept (LocalSubnet, DNS, DHCP, WINS, DefaultGateway:
 * resolved on the host at plan/apply). A rule scoped by any other keyword (Intranet, Internet, ...) is left
 * out (listed) rather than imported for every address.
 */
const POLICY_KEYWORDS: ReadonlySet<string> = new Set(ADDRESS_KEYWORDS);

/** Converts a decoded Windows policy into a wfpsec document. */
export function toPolicyDocument(fw: FwPolicy, opts: { name: string; description?: string }): ImportResult {
  return new Mapper(fw, opts).run();
}

class Mapper {
  readonly notExpressed: NotExpressed[] = [];
  readonly mainMode: Obj[] = [];
  readonly quickMode: Obj[] = [];
  readonly rules: Obj[] = [];
  readonly exemptions: unknown[] = [];
  readonly secretVariables: string[] = [];
  readonly pskEnv = new Map<string, string>();
  readonly names = {
    mm: new Set<string>(),
    qm: new Set<string>(),
    rule: new Set<string>(),
  };
  /** Built main-mode / quick-mode policies by what they were built from. */
  readonly mmCache = new Map<string, string | undefined>();
  readonly qmCache = new Map<string, string | undefined>();
  weak = false;
  skipped = 0;

  constructor(readonly fw: FwPolicy, readonly opts: { name: string; description?: string }) {}

  run(): ImportResult {
    this.notExpressed.push(...this.fw.notExpressed);
    const ex = this.fw.exemptions;
    if (ex?.icmp) this.exemptions.push("icmp");
    if (ex?.dhcp) this.exemptions.push("dhcp");
    for (
      const [on, what] of [[ex?.neighborDiscovery, "NeighborDiscovery"], [
        ex?.routerDiscovery,
        "RouterDiscovery",
      ]] as const
    ) {
      if (on && !ex?.icmp) {
        this.notExpressed.push({
          what: "global",
          field: "IPsecExempt",
          value: what,
          reason:
            "wfpsec cannot exempt single ICMP types; add the 'icmp' exemption (all ICMP) if that is acceptable",
        });
      }
    }
    for (const r of this.fw.rules) this.rule(r);
    const doc: Obj = { version: 1, name: this.opts.name };
    if (this.opts.description) doc.description = this.opts.description;
    if (this.weak) doc.allowWeakCrypto = true;
    if (this.mainMode.length) doc.mainMode = this.mainMode;
    if (this.quickMode.length) doc.quickMode = this.quickMode;
    if (this.rules.length) doc.rules = this.rules;
    if (this.exemptions.length) doc.exemptions = this.exemptions;
    if (this.weak) {
      this.notExpressed.push({
        what: "policy",
        field: "allowWeakCrypto",
        reason:
          "the source uses DES, 3DES, MD5, SHA-1 or DH group 1/2 (or relies on Windows' defaults, which do): " +
          "imported as they are, with allowWeakCrypto: true; replace them with strong algorithms",
      });
    }
    return {
      document: doc,
      notExpressed: this.notExpressed,
      secretVariables: this.secretVariables,
      counts: { rules: this.rules.length, exemptions: this.exemptions.length, skipped: this.skipped },
    };
  }

  skip(r: FwCsRule, field: string, reason: string, value?: string): void {
    this.skipped++;
    this.notExpressed.push({
      what: `rule "${r.name ?? r.id}"`,
      field,
      value,
      reason: `${reason}; rule not imported`,
      at: r.at,
    });
  }

  note(r: FwCsRule, field: string, reason: string, value?: string): void {
    this.notExpressed.push({ what: `rule "${r.name ?? r.id}"`, field, value, reason, at: r.at });
  }

  rule(r: FwCsRule): void {
    if (!r.active) return this.skip(r, "Active", "the rule is disabled (Active=FALSE or absent)");
    if (r.tunnel) {
      return this.skip(r, "Tunnel", "tunnel-mode rules are not imported (write a tunnels: entry)");
    }
    for (const [field, list] of [["local", r.local], ["remote", r.remote]] as const) {
      const kw = list.find((a) => /^[a-z]+$/.test(a) && !POLICY_KEYWORDS.has(a));
      if (kw) {
        return this.skip(
          r,
          field,
          `address keyword ${kw} has no policy equivalent; leaving it out would widen the rule`,
          kw,
        );
      }
    }
    if ((r.localPorts.length || r.remotePorts.length) && r.protocol !== 6 && r.protocol !== 17) {
      return this.skip(
        r,
        "Protocol",
        "ports are given without TCP (6) or UDP (17)",
        String(r.protocol ?? "any"),
      );
    }
    this.notExpressed.push(...r.notExpressed);
    if (r.profiles) {
      this.note(
        r,
        "Profile",
        "profiles are a Windows Firewall notion: the rule applies on every network",
        r.profiles.join(","),
      );
    }
    const selectors: Obj = {};
    if (r.local.length) selectors.local = r.local.length === 1 ? r.local[0] : r.local;
    if (r.remote.length) selectors.remote = r.remote.length === 1 ? r.remote[0] : r.remote;
    if (r.protocol !== undefined) selectors.protocol = PROTOCOL_WORDS[r.protocol] ?? r.protocol;
    if (r.localPorts.length) {
      selectors.localPorts = r.localPorts.length === 1
        ? portValue(r.localPorts[0])
        : r.localPorts.map(portValue);
    }
    if (r.remotePorts.length) {
      selectors.remotePorts = r.remotePorts.length === 1
        ? portValue(r.remotePorts[0])
        : r.remotePorts.map(portValue);
    }

    if (r.action === "doNotSecure") {
      const name = uniqueName(r.name, "exemption", this.names.rule);
      if (!r.local.length && !r.remote.length && r.protocol === undefined) {
        return this.skip(
          r,
          "Action",
          "a DoNotSecure rule for all traffic would exempt everything from IPsec",
          "DoNotSecure",
        );
      }
      this.exemptions.push({ name, ...selectors });
      return;
    }
    const inbound = r.action === "boundary" ? "request" : "require";
    if (r.outboundClear && inbound === "require") {
      // [MS-FASP] 2.2.51: FW_CS_RULE_FLAGS_OUTBOUND_CLEAR belongs to tunnel rules; in transport mode replies
      // to secured connections would leave in the clear, which the policy refuses (security-pair).
      return this.skip(
        r,
        "SecureInClearOut",
        "require inbound with clear outbound is not a transport policy pair",
      );
    }
    const outbound = r.outboundClear ? "clear" : r.action === "secure" ? "require" : "request";
    const out: Obj = { name: uniqueName(r.name, "rule", this.names.rule) };
    const desc = [r.name && r.name !== out.name ? r.name : undefined, r.description].filter(Boolean).join(
      ": ",
    );
    if (desc) out.description = cleanText(desc);
    Object.assign(out, selectors, { inbound, outbound });

    let authorization: Obj | undefined;
    if (r.authz) {
      authorization = {};
      const lists = this.fw.authzLists ?? {};
      // A rule's own SDDL, else the store-wide list (what Windows authorizes against without one).
      for (
        const [k, sddl] of [["machines", r.machineSddl ?? lists.machines], [
          "users",
          r.userSddl ?? lists.users,
        ]] as const
      ) {
        if (!sddl) continue;
        const bad = sddlProblem(sddl);
        if (bad) {
          return this.skip(
            r,
            k === "machines" ? "TransportMachineAuthzSDDL" : "TransportUserAuthzSDDL",
            bad,
            sddl,
          );
        }
        authorization[k] = sddl;
      }
      if (!Object.keys(authorization).length) {
        return this.skip(
          r,
          "Authz",
          "it requires authorization, and neither it nor the source gives an authorization list " +
            "(TransportRemoteMachineAuthorizationList); without one every authenticated peer would be let in",
        );
      }
    }
    const modes = this.modes(r);
    if (modes === null) return;
    if (modes.mm) out.mainMode = modes.mm.length === 1 ? modes.mm[0] : modes.mm;
    if (modes.qm) out.quickMode = modes.qm;
    if (authorization) out.authorization = authorization;
    this.rules.push(out);
  }

  /** The set a rule names, or the store's default set; `windowsDefault` when neither is in the source. */
  set<T extends FwAuthSet | FwCryptoSet>(
    id: string | undefined,
    dflt: string | undefined,
    sets: Map<string, T>,
    r: FwCsRule,
    field: string,
  ): T | "windowsDefault" | null {
    const want = (id ?? dflt ?? "").toUpperCase();
    const hit = sets.get(want) ?? (id && dflt && isPrimary(id) ? sets.get(dflt.toUpperCase()) : undefined);
    if (hit) return hit;
    if (!id || isPrimary(id) || id.toLowerCase() === "default") return "windowsDefault";
    this.skip(r, field, `it names set ${id}, which the source does not define`, id);
    return null;
  }

  /** Main-mode and quick-mode policy names for a rule; null when the rule was skipped. */
  modes(r: FwCsRule): { mm?: string[]; qm?: string } | null {
    const a1 = this.set(r.auth1, this.fw.defaults.p1Auth, this.fw.authSets, r, "Phase1AuthSet");
    if (a1 === null) return null;
    const c1 = this.set(r.crypto1, this.fw.defaults.p1Crypto, this.fw.cryptoSets, r, "MainModeCryptoSet");
    if (c1 === null) return null;
    const a2 = this.set(r.auth2, this.fw.defaults.p2Auth, this.fw.authSets, r, "Phase2AuthSet");
    if (a2 === null) return null;
    const c2 = this.set(r.crypto2, this.fw.defaults.p2Crypto, this.fw.cryptoSets, r, "QuickModeCryptoSet");
    if (c2 === null) return null;
    const userAuth = a2 === "windowsDefault" ? [] : this.userAuth(a2);
    let kms = r.keyModules.length ? [...new Set(r.keyModules)] : ["authip", "ikev1"];
    if (userAuth.length && !kms.includes("authip")) {
      return this.skip(
        r,
        "Phase2AuthSet",
        `user authentication needs AuthIP, and the rule's key modules are ${kms.join(", ")}`,
      ),
        null;
    }
    if (userAuth.length && kms.includes("ikev1")) {
      this.note(
        r,
        "KeyModule",
        "IKEv1 main mode left out: wfpsec cannot pair user authentication (Phase2AuthSet) with IKEv1; only AuthIP is imported",
        "IKEv1",
      );
      kms = kms.filter((k) => k !== "ikev1");
    }
    const out: { mm?: string[]; qm?: string } = {};
    const defaultMm = a1 === "windowsDefault" && c1 === "windowsDefault" && !r.keyModules.length &&
      !userAuth.length;
    if (!defaultMm) {
      const mm: string[] = [];
      for (const km of kms) {
        const name = this.mainModeFor(a1, c1, km, r);
        if (name) mm.push(name);
      }
      if (!mm.length) {
        return this.skip(
          r,
          "Phase1AuthSet",
          "no authentication method of the set works with its key modules",
        ),
          null;
      }
      out.mm = mm;
    }
    if (c2 !== "windowsDefault" || userAuth.length) {
      const qm = this.quickModeFor(c2, a2 === "windowsDefault" ? undefined : a2, userAuth);
      if (!qm) return this.skip(r, "QuickModeCryptoSet", "none of its proposals can be expressed"), null;
      out.qm = qm;
    }
    return out;
  }

  mainModeFor(
    a1: FwAuthSet | "windowsDefault",
    c1: FwCryptoSet | "windowsDefault",
    km: string,
    r: FwCsRule,
  ): string | undefined {
    const key = `${a1 === "windowsDefault" ? "-" : a1.id}|${c1 === "windowsDefault" ? "-" : c1.id}|${km}`;
    if (this.mmCache.has(key)) return this.mmCache.get(key);
    const auth: unknown[] = [];
    if (a1 === "windowsDefault") auth.push("kerberos");
    else {
      for (const s of a1.suites) {
        const m = this.authMethod(s, a1, km);
        if (m !== undefined) auth.push(m);
      }
    }
    let name: string | undefined;
    if (auth.length) {
      const mm: Obj = {
        name: uniqueName(`mm-${setLabel(a1)}-${km}`, `mm-${km}`, this.names.mm),
        keyModule: km,
        auth,
      };
      if (c1 === "windowsDefault") {
        mm.proposals = [...WINDOWS_DEFAULT_MM_PROPOSALS];
        mm.lifetime = "8h";
        this.weak = true;
      } else {
        const p = c1.p1!;
        mm.proposals = p.suites.map((s) => {
          if (WEAK.has(s.cipher) || WEAK.has(s.integrity) || WEAK.has(s.dh)) this.weak = true;
          return `${s.cipher}-${s.integrity}-${s.dh}`;
        });
        if (!p.suites.length) {
          mm.proposals = [...WINDOWS_DEFAULT_MM_PROPOSALS];
          this.weak = true;
        }
        if (p.minutes) mm.lifetime = `${p.minutes}m`;
        if (p.sessions) mm.quickModeLimit = p.sessions;
        if (p.doNotSkipDh) {
          this.notExpressed.push({
            what: setWhat("crypto", c1),
            field: "DoNotSkipDH",
            reason: "forcing Diffie-Hellman has no verified policy field",
            at: c1.at,
          });
        }
      }
      if (a1 !== "windowsDefault" && (a1.name || a1.description)) {
        mm.description = cleanText(a1.description ?? a1.name!);
      }
      this.mainMode.push(mm);
      name = mm.name as string;
    } else {
      this.note(
        r,
        "KeyModule",
        `no method of the authentication set works with ${km}: no ${km} main mode`,
        km,
      );
    }
    this.mmCache.set(key, name);
    return name;
  }

  /** One phase 1 suite as a policy auth method for key module `km`, or undefined (listed). */
  authMethod(s: FwAuthSuite, set: FwAuthSet, km: string): unknown {
    const drop = (reason: string) => {
      this.notExpressed.push({
        what: setWhat("auth", set),
        field: "Method",
        value: s.method,
        reason,
        at: s.at,
      });
      return undefined;
    };
    switch (s.method) {
      case "machineKerb":
        if (km === "ikev2") return undefined; // IKEv2 has no Kerberos (validate.ts); the set is still imported for the other modules
        return s.proxyServer ? { kerberos: { proxyServer: s.proxyServer } } : "kerberos";
      case "machineNtlm":
        return km === "authip" ? "ntlmv2" : undefined;
      case "anonymous":
        return km === "authip" ? "anonymous" : undefined;
      case "machineShkey": {
        if (km === "authip") return undefined;
        let env = this.pskEnv.get(set.id.toUpperCase());
        if (!env) {
          // One variable per auth set: two sets never share a key by accident of their names.
          const base = `WFPSEC_PSK_${setLabel(set).toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`.slice(0, 60);
          env = base;
          for (let n = 2; this.secretVariables.includes(env); n++) env = `${base}_${n}`;
          this.pskEnv.set(set.id.toUpperCase(), env);
          this.secretVariables.push(env);
          this.notExpressed.push({
            what: setWhat("auth", set),
            field: "SHKey",
            reason:
              `the pre-shared key is not copied into the policy: set environment variable ${env} (or change it to psk: { file: ... }) before plan or apply`,
            at: s.at,
          });
        }
        return { psk: { env } };
      }
      case "machineCert": {
        const cert = this.certificate(s, set);
        return cert ? { certificate: cert } : undefined;
      }
      default:
        return drop(`${s.method} is a phase 2 method`);
    }
  }

  certificate(s: FwAuthSuite, set: FwAuthSet): Obj | undefined {
    const what = setWhat("auth", set);
    if (s.unsupportedFlags.includes("IntermediateCA")) {
      this.notExpressed.push({
        what,
        field: "IntermediateCA",
        value: s.caName,
        reason: "rootCA names root CAs only; this certificate suite is left out",
        at: s.at,
      });
      return undefined;
    }
    if (s.unsupportedFlags.includes("HealthCert")) {
      this.notExpressed.push({
        what,
        field: "HealthCert",
        value: s.caName,
        reason: "NAP health certificates are not supported; this suite is left out",
        at: s.at,
      });
      return undefined;
    }
    for (const f of s.unsupportedFlags) {
      if (f === "AllowProxy") continue;
      this.notExpressed.push({
        what,
        field: f,
        reason: "wfpsec sets no certificate flags; imported without it",
        at: s.at,
      });
    }
    const cert: Obj = {};
    if (s.caName) {
      const root = caNameToRootCa(s.caName);
      if (!root) {
        this.notExpressed.push({
          what,
          field: "CAName",
          value: s.caName,
          reason: "not a distinguished name; this suite is left out",
          at: s.at,
        });
        return undefined;
      }
      cert.rootCA = root;
    } else cert.store = "root";
    if (s.signing && s.signing !== "rsa") cert.signing = s.signing;
    const c = s.criteria;
    if (c) {
      if (c.eku.length) cert.eku = c.eku;
      if (c.nameType && c.name) cert.name = { type: c.nameType, value: c.name };
      if (c.hash && /^[0-9A-Fa-f]{40}$/.test(c.hash)) cert.thumbprint = c.hash;
      else if (c.hash) {
        this.notExpressed.push({
          what,
          field: "CertCriteria.Hash",
          value: c.hash,
          reason: "not a SHA-1 thumbprint (40 hex digits); left out",
          at: s.at,
        });
      }
      if (c.type && c.type !== "both") {
        this.notExpressed.push({
          what,
          field: "CertCriteria.CriteriaType",
          value: c.type,
          reason: "wfpsec uses the criteria to select its certificate and to validate the peer alike",
          at: s.at,
        });
      }
    }
    return cert;
  }

  userAuth(set: FwAuthSet): unknown[] {
    const out: unknown[] = [];
    for (const s of set.suites) {
      if (s.method === "userKerb") {
        out.push(s.proxyServer ? { kerberos: { proxyServer: s.proxyServer } } : "kerberos");
      } else if (s.method === "userNtlm") out.push("ntlmv2");
      else if (s.method === "anonymous") out.push("anonymous");
      else if (s.method === "userCert") {
        const cert = this.certificate(s, set);
        if (cert) out.push({ certificate: cert });
      } else {
        this.notExpressed.push({
          what: setWhat("auth", set),
          field: "Method",
          value: s.method,
          reason: "a computer health certificate in phase 2 has no policy field; left out",
          at: s.at,
        });
      }
    }
    return out;
  }

  quickModeFor(
    c2: FwCryptoSet | "windowsDefault",
    a2: FwAuthSet | undefined,
    userAuth: unknown[],
  ): string | undefined {
    const key = `${c2 === "windowsDefault" ? "-" : c2.id}|${a2?.id ?? "-"}`;
    if (this.qmCache.has(key)) return this.qmCache.get(key);
    const qm: Obj = { name: "" };
    if (c2 === "windowsDefault") {
      qm.proposals = [...WINDOWS_DEFAULT_QM_PROPOSALS];
      qm.lifetime = { seconds: "1h", kilobytes: 100000 };
      qm.pfs = "none";
      this.weak = true;
    } else {
      const p = c2.p2!;
      const proposals: string[] = [];
      for (const s of p.suites) {
        if (s.protocol === "authNoEncap") {
          this.notExpressed.push({
            what: setWhat("crypto", c2),
            field: "Protocol",
            value: "AUTH_NO_ENCAP",
            reason: "authenticated-no-encapsulation has no proposal form; left out",
            at: s.at,
          });
          continue;
        }
        const prop = {
          ...(s.protocol !== "esp" ? { ah: s.ahHash } : {}),
          ...(s.protocol !== "ah" ? { esp: espOf(s.cipher, s.espHash) } : {}),
        };
        for (const a of [prop.ah, prop.esp?.cipher, prop.esp?.integrity]) {
          if (a && WEAK.has(a)) this.weak = true;
        }
        proposals.push(formatQm(prop as Parameters<typeof formatQm>[0]));
      }
      if (!proposals.length) {
        this.qmCache.set(key, undefined);
        return undefined;
      }
      qm.proposals = proposals;
      if (p.pfs) {
        qm.pfs = p.pfs;
        if (WEAK.has(p.pfs)) this.weak = true;
      }
      const first = p.suites.find((s) => s.protocol !== "authNoEncap")!;
      const lifetime: Obj = {};
      if (first.minutes) lifetime.seconds = `${first.minutes}m`;
      if (first.kilobytes) lifetime.kilobytes = first.kilobytes;
      if (Object.keys(lifetime).length) qm.lifetime = lifetime;
      if (p.suites.some((s) => s.minutes !== first.minutes || s.kilobytes !== first.kilobytes)) {
        this.notExpressed.push({
          what: setWhat("crypto", c2),
          field: "TimeOutMinutes",
          reason: "wfpsec has one lifetime per quick-mode policy: the first proposal's is used",
          at: c2.at,
        });
      }
      if (c2.description ?? c2.name) qm.description = cleanText(c2.description ?? c2.name!);
    }
    if (userAuth.length) qm.userAuth = userAuth;
    qm.name = uniqueName(`qm-${setLabel(c2)}${a2 ? `-${setLabel(a2)}` : ""}`, "qm", this.names.qm);
    this.quickMode.push(qm);
    this.qmCache.set(key, qm.name as string);
    return qm.name as string;
  }
}

/** Display text as the policy takes it: no control characters (FWPM_DISPLAY_DATA0, A3), at most 4096. */
function cleanText(s: string): string {
  // deno-lint-ignore no-control-regex
  return s.replace(/[\x00-\x1f\x7f-\x9f]+/g, " ").trim().slice(0, MAX_DESCRIPTION);
}

/** Why an authorization SDDL cannot be carried, or undefined. */
function sddlProblem(sddl: string): string | undefined {
  try {
    if (!hasDacl(sddlToSecurityDescriptor(sddl))) {
      return "its authorization SDDL has no DACL (Windows reads that as everyone)";
    }
  } catch (e) {
    if (e instanceof SddlError) return `its authorization SDDL is not valid: ${e.message}`;
    throw e;
  }
  return undefined;
}

function espOf(cipher: string | undefined, hash: string | undefined): { cipher: string; integrity: string } {
  if (cipher?.startsWith("aesgcm")) return { cipher, integrity: "gmac" + cipher.slice(6) };
  return { cipher: cipher ?? "none", integrity: hash ?? "none" };
}

function portValue(p: string): number | string {
  return /^\d+$/.test(p) ? Number(p) : p;
}

function isPrimary(id: string): boolean {
  return /^\{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE[1-4]\}$/i.test(id);
}

/** How a set is named in the not-expressed list: `auth set "Branch PSK" {id}`. */
function setWhat(kind: "auth" | "crypto", s: FwAuthSet | FwCryptoSet): string {
  return `${kind} set ${s.name ? `"${cleanText(s.name)}" ` : ""}${s.id}`;
}

/** A short label for a set: its name, else its id without braces. */
function setLabel(s: FwAuthSet | FwCryptoSet | "windowsDefault"): string {
  if (s === "windowsDefault") return "windows-default";
  const base = (s.name ?? s.id).replace(/[{}]/g, "");
  return base.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 24).replace(
    /-+$/,
    "",
  ) || "set";
}
