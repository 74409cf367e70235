/**
 * NetSecurity's IPsec objects as ConvertFrom-NetIPsecRule serialises them (docs/cli-json.md "import
 * --netsecurity-json input") -> Windows' model (fwModel.ts), so both importers share one mapping.
 * Property names and enum words are NetSecurity's own (New-NetIPsecRule, New-NetIPsecAuthProposal,
 * New-NetIPsecMainModeCryptoProposal, New-NetIPsecQuickModeCryptoProposal and their -Set cmdlets); the CIM
 * names and numeric values the MSFT_Net* classes document are accepted too (MSFT_NetConSecRule
 * InboundSecurity 0/1/2, KeyModule flags 1/2/4, MSFT_NetIKEQMCryptoProposal CipherAlgorithm 65001...).
 * An auth proposal's kind comes from its CIM class (MSFT_NetIKEKerbAuthProposal, ...Cert..., ...PSK...,
 * ...Basic...), as the classes share AuthenticationMethod values (docs/windows-verification.md IM4).
 * A pre-shared key is never read: the cmdlet sends only HasPreSharedKey.
 */
import { ImportError, type ImportLocation } from "./errors.ts";
import { type LocatedJson, parseJsonLines } from "./jsonLines.ts";
import { parseAddr } from "../model/mod.ts";
import {
  DEFAULT_SET_IDS,
  type FwAuthMethod,
  type FwAuthSet,
  type FwAuthSuite,
  type FwCryptoSet,
  type FwCsRule,
  type FwP2Suite,
  type FwPolicy,
} from "./fwModel.ts";

type Obj = Record<string, unknown>;

/** Enum words (lower case) and documented CIM numbers -> wfpsec words. */
const SECURITY: Record<string, string> = {
  none: "none",
  never: "none",
  request: "request",
  require: "require",
  "0": "none",
  "1": "request",
  "2": "require",
};
const KEY_MODULE: Record<string, string> = {
  default: "default",
  ikev1: "ikev1",
  authip: "authip",
  ikev2: "ikev2",
};
const KEY_MODULE_BITS: Array<[number, string]> = [[1, "ikev1"], [2, "authip"], [4, "ikev2"]];
const PROFILE_BITS: Array<[number, string]> = [[1, "Domain"], [2, "Private"], [4, "Public"]];
const MM_CIPHER: Record<string, string> = {
  des: "des",
  des3: "3des",
  "3des": "3des",
  aes128: "aes128",
  aes192: "aes192",
  aes256: "aes256",
  aesgcm128: "aesgcm128",
  aesgcm256: "aesgcm256",
  "2": "des",
  "6": "3des",
  "65001": "aes128",
  "65002": "aes192",
  "65003": "aes256",
  "65004": "aesgcm128",
  "65006": "aesgcm256",
};
const QM_CIPHER: Record<string, string> = {
  ...MM_CIPHER,
  none: "none",
  "0": "none",
  aesgcm192: "aesgcm192",
  "65005": "aesgcm192",
};
const HASH: Record<string, string> = {
  none: "none",
  md5: "md5",
  sha1: "sha1",
  sha256: "sha256",
  sha384: "sha384",
  aesgmac128: "gmac128",
  aesgmac192: "gmac192",
  aesgmac256: "gmac256",
  "0": "none",
  "2": "md5",
  "3": "sha1",
  "65001": "sha256",
  "65002": "sha384",
  "65003": "gmac128",
  "65004": "gmac192",
  "65005": "gmac256",
};
/** DH groups: NetSecurity words and the GroupId numbers (19/20 are the ECP groups). */
const DH: Record<string, string> = {
  dh1: "dh1",
  dh2: "dh2",
  dh14: "dh14",
  dh19: "ecp256",
  dh20: "ecp384",
  dh24: "dh24",
  "1": "dh1",
  "2": "dh2",
  "14": "dh14",
  "19": "ecp256",
  "20": "ecp384",
  "24": "dh24",
};
const PFS: Record<string, string> = {
  ...DH,
  none: "none",
  "0": "none",
  samemainmode: "mm",
  sameasmainmode: "mm",
};
const ENCAPSULATION: Record<string, FwP2Suite["protocol"]> = {
  ah: "ah",
  esp: "esp",
  "ah, esp": "both",
  "ah,esp": "both",
  "ah/esp": "both",
  "1": "ah",
  "2": "esp",
  "3": "both",
};

class Reader {
  constructor(readonly doc: LocatedJson, readonly file: string) {}
  at(o: object, key?: string | number, field?: string): ImportLocation {
    return { file: this.file, line: this.doc.line(o, key), ...(field ? { field } : {}) };
  }
  /** Property `k` of `o` under any of its names (NetSecurity's first, then CIM's). */
  get(o: Obj, ...names: string[]): { v: unknown; key: string } | undefined {
    for (const n of names) if (o[n] !== undefined && o[n] !== null) return { v: o[n], key: n };
    return undefined;
  }
  str(o: Obj, path: string, ...names: string[]): string | undefined {
    const g = this.get(o, ...names);
    if (!g) return undefined;
    if (typeof g.v !== "string" && typeof g.v !== "number" && typeof g.v !== "boolean") {
      throw new ImportError(`${g.key} must be a string`, this.at(o, g.key, `${path}.${g.key}`));
    }
    return String(g.v);
  }
  list(o: Obj, path: string, ...names: string[]): string[] {
    return this.located(o, path, ...names).map((x) => x.v);
  }
  /** A string list with each element's location (the element's own line in an array). */
  located(o: Obj, path: string, ...names: string[]): Array<{ v: string; at: ImportLocation }> {
    const g = this.get(o, ...names);
    if (!g) return [];
    const a = Array.isArray(g.v) ? g.v : [g.v];
    return a.map((x, i) => {
      if (typeof x !== "string" && typeof x !== "number") {
        throw new ImportError(
          `${g.key} must be a string or a list of strings`,
          this.at(Array.isArray(g.v) ? g.v : o, Array.isArray(g.v) ? i : g.key, `${path}.${g.key}`),
        );
      }
      const at = Array.isArray(g.v)
        ? this.at(g.v, i, `${path}.${g.key}[${i}]`)
        : this.at(o, g.key, `${path}.${g.key}`);
      return { v: String(x).trim(), at };
    }).filter((x) => x.v !== "");
  }
  bool(o: Obj, path: string, ...names: string[]): boolean {
    const g = this.get(o, ...names);
    if (!g) return false;
    if (typeof g.v === "boolean") return g.v;
    const s = String(g.v).toLowerCase();
    if (s === "true" || s === "1") return true;
    if (s === "false" || s === "2" || s === "0") return false;
    throw new ImportError(`${g.key} "${g.v}" is not True or False`, this.at(o, g.key, `${path}.${g.key}`));
  }
  word<T>(o: Obj, path: string, table: Record<string, T>, what: string, ...names: string[]): T | undefined {
    const s = this.str(o, path, ...names);
    if (s === undefined) return undefined;
    const hit = table[s.toLowerCase().replace(/\s+/g, " ")];
    if (hit === undefined) {
      const words = Object.keys(table).filter((k) => !/^\d+$/.test(k));
      throw new ImportError(
        `${what} "${s}" is not one of ${words.join(", ")}`,
        this.at(o, this.get(o, ...names)!.key, `${path}.${this.get(o, ...names)!.key}`),
      );
    }
    return hit;
  }
  num(o: Obj, path: string, max: number, ...names: string[]): number | undefined {
    const s = this.str(o, path, ...names);
    if (s === undefined) return undefined;
    if (!/^\d+$/.test(s) || Number(s) > max) {
      const key = this.get(o, ...names)!.key;
      throw new ImportError(
        `${key} "${s}" is not a whole number from 0 to ${max}`,
        this.at(o, key, `${path}.${key}`),
      );
    }
    return Number(s);
  }
  objects(o: Obj, key: string): Obj[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    const a = Array.isArray(v) ? v : [v];
    return a.map((x, i) => {
      if (typeof x !== "object" || x === null || Array.isArray(x)) {
        throw new ImportError(
          `${key} must hold objects`,
          this.at(Array.isArray(v) ? v : o, Array.isArray(v) ? i : key, `${key}[${i}]`),
        );
      }
      return x as Obj;
    });
  }
}

/** Decodes the cmdlet's JSON; a wrong shape or value is an ImportError naming file, line and property. */
export function decodeNetSecurity(text: string, file: string): FwPolicy {
  const doc = parseJsonLines(text, file);
  const root = doc.value;
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    throw new ImportError(
      "expected one JSON object with rules, phase1AuthSets, ... (ConvertFrom-NetIPsecRule's output)",
      { file, line: 1 },
    );
  }
  const r = new Reader(doc, file);
  const top = root as Obj;
  if (top.schemaVersion !== 1) {
    throw new ImportError("schemaVersion must be 1", r.at(top, "schemaVersion", "schemaVersion"));
  }
  const policy: FwPolicy = {
    rules: [],
    authSets: new Map(),
    cryptoSets: new Map(),
    // A rule naming no set uses the store's primary set ([MS-FASP] 2.2.65/2.2.74 ids), when the store has one.
    defaults: { ...DEFAULT_SET_IDS },
    notExpressed: [],
  };
  for (const [key, phase] of [["phase1AuthSets", 1], ["phase2AuthSets", 2]] as const) {
    r.objects(top, key).forEach((s, i) => {
      const set = authSet(r, s, `${key}[${i}]`, phase);
      policy.authSets.set(set.id.toUpperCase(), set);
    });
  }
  for (const [key, phase] of [["mainModeCryptoSets", 1], ["quickModeCryptoSets", 2]] as const) {
    r.objects(top, key).forEach((s, i) => {
      const set = cryptoSet(r, s, `${key}[${i}]`, phase);
      policy.cryptoSets.set(set.id.toUpperCase(), set);
    });
  }
  r.objects(top, "rules").forEach((o, i) => policy.rules.push(rule(r, o, `rules[${i}]`)));
  const machines = r.str(top, "authorization", "remoteMachineTransportAuthorizationList");
  const users = r.str(top, "authorization", "remoteUserTransportAuthorizationList");
  if (machines || users) policy.authzLists = { machines: machines || undefined, users: users || undefined };
  const ex = r.str(top, "exemptions", "exemptions");
  if (ex !== undefined) {
    const words = ex.split(/[,\s]+/).map((w) => w.toLowerCase()).filter(Boolean);
    const known = ["none", "icmp", "dhcp", "neighbordiscovery", "routerdiscovery"];
    const bad = words.find((w) => !known.includes(w));
    if (bad) {
      throw new ImportError(
        `exemptions "${bad}" is not one of None, Icmp, Dhcp, NeighborDiscovery, RouterDiscovery`,
        r.at(top, "exemptions", "exemptions"),
      );
    }
    policy.exemptions = {
      icmp: words.includes("icmp"),
      dhcp: words.includes("dhcp"),
      neighborDiscovery: words.includes("neighbordiscovery"),
      routerDiscovery: words.includes("routerdiscovery"),
    };
  }
  return policy;
}

function id(r: Reader, o: Obj, path: string): string {
  const s = r.str(o, path, "Name", "InstanceID");
  if (!s) throw new ImportError("has no Name", r.at(o, undefined, path));
  return s;
}

function authSet(r: Reader, o: Obj, path: string, phase: 1 | 2): FwAuthSet {
  const suites = r.objects(o, "Proposal").map((p, i) => authSuite(r, p, `${path}.Proposal[${i}]`, phase));
  return {
    id: id(r, o, path),
    phase,
    name: r.str(o, path, "DisplayName"),
    description: r.str(o, path, "Description") || undefined,
    suites,
    at: r.at(o, undefined, path),
  };
}

function authSuite(r: Reader, p: Obj, path: string, phase: 1 | 2): FwAuthSuite {
  const cls = (r.str(p, path, "CimClass", "CimClassName") ?? "").toLowerCase();
  const method = (r.str(p, path, "AuthenticationMethod") ?? "").toLowerCase().replace(/[\s_()-]/g, "");
  const at = r.at(p, undefined, path);
  let m: FwAuthMethod;
  if (cls.includes("kerbauth")) m = phase === 1 ? "machineKerb" : "userKerb";
  else if (cls.includes("certauth")) {
    m = method.includes("health") || method === "65008"
      ? "machineCert"
      : phase === 1
      ? "machineCert"
      : "userCert";
  } else if (cls.includes("pskauth")) m = "machineShkey";
  else if (cls.includes("basicauth")) {
    if (method.includes("anonymous") || method === "65001") m = "anonymous";
    else if (method.includes("ntlm") || method === "65003" || method === "65005") {
      m = phase === 1 ? "machineNtlm" : "userNtlm";
    } else {throw new ImportError(
        `AuthenticationMethod "${method}" of an MSFT_NetIKEBasicAuthProposal is neither Anonymous nor NTLM`,
        at,
      );}
  } else {
    throw new ImportError(
      "CimClass must be MSFT_NetIKEKerbAuthProposal, MSFT_NetIKECertAuthProposal, MSFT_NetIKEPSKAuthProposal or MSFT_NetIKEBasicAuthProposal",
      r.at(p, r.get(p, "CimClass", "CimClassName")?.key, `${path}.CimClass`),
    );
  }
  if (m === "machineShkey" && phase === 2) {
    throw new ImportError("a pre-shared key cannot be a phase 2 proposal", at);
  }
  const suite: FwAuthSuite = { method: m, unsupportedFlags: [], at };
  if (m === "machineShkey") suite.hasPresharedKey = r.bool(p, path, "HasPreSharedKey");
  if (m === "machineKerb" || m === "userKerb") {
    suite.proxyServer = r.str(p, path, "Proxy", "KerbProxy") || undefined;
  }
  if (m === "machineCert" || m === "userCert") {
    suite.caName = r.str(p, path, "Authority", "TrustedCA");
    const type = r.word(
      p,
      path,
      { root: "root", intermediate: "intermediate", "1": "root", "2": "intermediate" },
      "AuthorityType",
      "AuthorityType",
      "TrustedCAType",
    );
    if (type === "intermediate") suite.unsupportedFlags.push("IntermediateCA");
    if (method.includes("health") || method === "65008") suite.unsupportedFlags.push("HealthCert");
    suite.signing = r.word(
      p,
      path,
      {
        rsa: "rsa",
        ecdsa256: "ecdsa256",
        ecdsa384: "ecdsa384",
        "1": "rsa",
        "2": "ecdsa256",
        "3": "ecdsa384",
      } as const,
      "Signing",
      "Signing",
      "SigningAlgorithm",
    );
    if (r.bool(p, path, "ExcludeCAName")) suite.unsupportedFlags.push("ExcludeCAName");
    if (r.bool(p, path, "AccountMapping", "MapToAccount")) suite.unsupportedFlags.push("CertAccountMapping");
    if (r.bool(p, path, "FollowRenewal")) suite.unsupportedFlags.push("FollowRenewal");
    const name = r.str(p, path, "SubjectName", "CertName");
    const nameType = r.word(
      p,
      path,
      {
        none: undefined,
        dns: "dns",
        upn: "upn",
        rfc822: "rfc822",
        cn: "cn",
        ou: "ou",
        o: "o",
        dc: "dc",
        "1": "dns",
        "2": "upn",
        "3": "rfc822",
        "4": "cn",
        "5": "ou",
        "6": "o",
        "7": "dc",
      },
      "SubjectNameType",
      "SubjectNameType",
      "CertNameType",
    );
    const eku = r.list(p, path, "ExtendedKeyUsage", "EKUs");
    const hash = r.str(p, path, "Thumbprint") || undefined;
    if (name || eku.length || hash) suite.criteria = { nameType, name: name || undefined, eku, hash };
  }
  return suite;
}

function cryptoSet(r: Reader, o: Obj, path: string, phase: 1 | 2): FwCryptoSet {
  const set: FwCryptoSet = {
    id: id(r, o, path),
    phase,
    name: r.str(o, path, "DisplayName"),
    description: r.str(o, path, "Description") || undefined,
    at: r.at(o, undefined, path),
  };
  const props = r.objects(o, "Proposal");
  if (phase === 1) {
    set.p1 = {
      suites: props.map((p, i) => {
        const pp = `${path}.Proposal[${i}]`;
        const cipher = r.word(p, pp, MM_CIPHER, "Encryption", "Encryption", "CipherAlgorithm");
        const integrity = r.word(p, pp, HASH, "Hash", "Hash", "HashAlgorithm");
        const dh = r.word(p, pp, DH, "KeyExchange", "KeyExchange", "GroupId", "GroupID");
        if (!cipher || !integrity || !dh) {
          throw new ImportError(
            "a main-mode proposal needs Encryption, Hash and KeyExchange",
            r.at(p, undefined, pp),
          );
        }
        return { cipher, integrity, dh, at: r.at(p, undefined, pp) };
      }),
      minutes: r.num(o, path, 71582788, "MaxMinutes", "MaxLifetimeMinutes"),
      sessions: r.num(o, path, 2147483647, "MaxSessions"),
      doNotSkipDh: r.bool(o, path, "ForceDiffieHellman"),
    };
  } else {
    set.p2 = {
      pfs: r.word(o, path, PFS, "PerfectForwardSecrecyGroup", "PerfectForwardSecrecyGroup", "PfsGroupID"),
      suites: props.map((p, i) => {
        const pp = `${path}.Proposal[${i}]`;
        const protocol = r.word(p, pp, ENCAPSULATION, "Encapsulation", "Encapsulation");
        if (!protocol) {
          throw new ImportError(
            "a quick-mode proposal needs Encapsulation (AH, ESP or both)",
            r.at(p, undefined, pp),
          );
        }
        const none = (x: string | undefined) => (x === "none" ? undefined : x);
        return {
          protocol,
          cipher: none(r.word(p, pp, QM_CIPHER, "Encryption", "Encryption", "CipherAlgorithm")),
          ahHash: none(r.word(p, pp, HASH, "AHHash", "AHHash", "HashAlgorithmAH")),
          espHash: none(r.word(p, pp, HASH, "ESPHash", "ESPHash", "HashAlgorithmESP")),
          minutes: r.num(p, pp, 2880, "MaxMinutes", "MaxLifetimeMinutes"),
          kilobytes: r.num(p, pp, 2147483647, "MaxKiloBytes", "MaxLifetimeKilobytes"),
          at: r.at(p, undefined, pp),
        };
      }),
    };
  }
  return set;
}

const ANY = (xs: string[]) => xs.filter((x) => x.toLowerCase() !== "any" && x !== "*");

function rule(r: Reader, o: Obj, path: string): FwCsRule {
  const at = r.at(o, undefined, path);
  const inbound = r.word(o, path, SECURITY, "InboundSecurity", "InboundSecurity") ?? "none";
  const outbound = r.word(o, path, SECURITY, "OutboundSecurity", "OutboundSecurity") ?? "none";
  const out: FwCsRule = {
    id: id(r, o, path),
    name: r.str(o, path, "DisplayName") || r.str(o, path, "Name"),
    description: r.str(o, path, "Description") || undefined,
    action: "secure",
    active: r.bool(o, path, "Enabled"),
    outboundClear: false,
    local: [],
    remote: [],
    localPorts: [],
    remotePorts: [],
    auth1: r.str(o, path, "Phase1AuthSet") || undefined,
    auth2: r.str(o, path, "Phase2AuthSet") || undefined,
    crypto2: r.str(o, path, "QuickModeCryptoSet") || undefined,
    crypto1: r.str(o, path, "MainModeCryptoSet") || undefined,
    keyModules: keyModules(r, o, path),
    authz: r.bool(o, path, "RequireAuthorization"),
    machineSddl: r.str(o, path, "Machine", "Machines") || undefined,
    userSddl: r.str(o, path, "User", "Users") || undefined,
    tunnel: false,
    notExpressed: [],
    at,
  };
  const combo = `${inbound}/${outbound}`;
  const actions: Record<string, [FwCsRule["action"], boolean]> = {
    "require/request": ["secureServer", false],
    "require/require": ["secure", false],
    "request/request": ["boundary", false],
    "none/none": ["doNotSecure", false],
    "require/none": ["secureServer", true],
    "request/none": ["boundary", true],
  };
  if (!(combo in actions)) {
    throw new ImportError(
      `InboundSecurity ${inbound} with OutboundSecurity ${outbound} is not a connection security action ` +
        "(Require/Request, Require/Require, Request/Request, Require/None, Request/None or None/None)",
      r.at(o, "InboundSecurity", `${path}.InboundSecurity`),
    );
  }
  [out.action, out.outboundClear] = actions[combo];
  const mode = r.word(
    o,
    path,
    { transport: "transport", tunnel: "tunnel", none: "transport", "1": "transport", "2": "tunnel" },
    "Mode",
    "Mode",
  );
  out.tunnel = mode === "tunnel" ||
    ANY(r.list(o, path, "LocalTunnelEndpoint", "RemoteTunnelEndpoint")).length > 0;
  const profile = r.str(o, path, "Profile", "Profiles");
  if (profile !== undefined) out.profiles = profiles(r, o, path, profile);
  const anyOut = (xs: Array<{ v: string; at: ImportLocation }>) =>
    xs.filter((x) => x.v.toLowerCase() !== "any" && x.v !== "*");
  out.local = anyOut(r.located(o, path, "LocalAddress")).map((a) => address("LocalAddress", a.v, a.at));
  out.remote = anyOut(r.located(o, path, "RemoteAddress")).map((a) => address("RemoteAddress", a.v, a.at));
  const proto = r.str(o, path, "Protocol");
  if (proto !== undefined && proto.toLowerCase() !== "any") {
    const names: Record<string, number> = { tcp: 6, udp: 17, icmpv4: 1, icmpv6: 58 };
    const n = names[proto.toLowerCase()] ?? (/^\d{1,3}$/.test(proto) ? Number(proto) : NaN);
    if (!(n >= 0 && n <= 255)) {
      throw new ImportError(
        `Protocol "${proto}" is not TCP, UDP, ICMPv4, ICMPv6, Any or 0-255`,
        r.at(o, "Protocol", `${path}.Protocol`),
      );
    }
    out.protocol = n;
  }
  for (const [key, into] of [["LocalPort", out.localPorts], ["RemotePort", out.remotePorts]] as const) {
    for (const { v: p, at } of anyOut(r.located(o, path, key))) {
      if (!/^\d{1,5}(-\d{1,5})?$/.test(p) || p.split("-").some((x) => Number(x) > 65535)) {
        throw new ImportError(
          `${key} "${p}" is not a port or range (port keywords such as RPC are not supported)`,
          at,
        );
      }
      into.push(p);
    }
  }
  for (const key of ["InterfaceAlias", "InterfaceType"]) {
    const v = ANY(r.list(o, path, key));
    if (v.length) {
      out.notExpressed.push({
        what: `rule ${out.id}`,
        field: key,
        value: v.join(","),
        reason: "wfpsec sets no interface conditions: the rule applies on every interface",
        at: r.at(o, key, `${path}.${key}`),
      });
    }
  }
  for (const key of ["AllowWatchKey", "AllowSetKey"]) {
    if (r.bool(o, path, key)) {
      out.notExpressed.push({
        what: `rule ${out.id}`,
        field: key,
        reason: "wfpsec exposes no SA key notification or dictation",
        at: r.at(o, key, `${path}.${key}`),
      });
    }
  }
  const platform = r.list(o, path, "Platform", "Platforms");
  if (platform.length) {
    out.notExpressed.push({
      what: `rule ${out.id}`,
      field: "Platform",
      value: platform.join(","),
      reason:
        "an OS-version gate of Windows Firewall; wfpsec targets Windows 10 1709 / Server 2019 and later",
      at: r.at(o, "Platform", path),
    });
  }
  for (const n of out.notExpressed) n.what = `rule "${out.name ?? out.id}"`;
  return out;
}

/**
 * One address as NetSecurity writes it: a keyword (LocalSubnet, Intranet, ...; lower case, as the GPFAS reader
 * gives them), an address, a prefix (also with a dotted mask, 10.0.0.0/255.0.0.0) or a range.
 */
function address(key: string, a: string, at: ImportLocation): string {
  if (/^[A-Za-z]+$/.test(a)) return a.toLowerCase();
  let t = a;
  const mask = /^([\d.]+)\/(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(a);
  if (mask) {
    const bits = mask[2].split(".").map(Number).reduce((acc, x) => acc * 256 + x, 0).toString(2).padStart(
      32,
      "0",
    );
    if (!/^1*0*$/.test(bits)) throw new ImportError(`subnet mask ${mask[2]} in "${a}" is not contiguous`, at);
    t = `${mask[1]}/${bits.indexOf("0") < 0 ? 32 : bits.indexOf("0")}`;
  }
  const e = parseAddr(t);
  if (typeof e === "string") throw new ImportError(`${key} "${a}": ${e}`, at);
  return t;
}

function keyModules(r: Reader, o: Obj, path: string): string[] {
  const s = r.str(o, path, "KeyModule");
  if (s === undefined) return [];
  if (/^\d+$/.test(s)) return KEY_MODULE_BITS.filter(([b]) => (Number(s) & b) !== 0).map(([, k]) => k);
  const out: string[] = [];
  for (const w of s.split(/[,\s]+/).filter(Boolean)) {
    const k = KEY_MODULE[w.toLowerCase()];
    if (!k) {
      throw new ImportError(
        `KeyModule "${w}" is not one of Default, IKEv1, AuthIP, IKEv2`,
        r.at(o, "KeyModule", `${path}.KeyModule`),
      );
    }
    if (k !== "default") out.push(k);
  }
  return out;
}

function profiles(r: Reader, o: Obj, path: string, s: string): string[] | undefined {
  let names: string[];
  if (/^\d+$/.test(s)) names = PROFILE_BITS.filter(([b]) => (Number(s) & b) !== 0).map(([, k]) => k);
  else {
    names = [];
    for (const w of s.split(/[,\s]+/).filter(Boolean)) {
      const k = ["Any", "Domain", "Private", "Public"].find((x) => x.toLowerCase() === w.toLowerCase());
      if (!k) {
        throw new ImportError(
          `Profile "${w}" is not one of Any, Domain, Private, Public`,
          r.at(o, "Profile", `${path}.Profile`),
        );
      }
      if (k === "Any") return undefined;
      names.push(k);
    }
  }
  return names.length === 0 || names.length === 3 ? undefined : names;
}
