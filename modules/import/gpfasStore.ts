/**
 * [MS-GPFAS] 2.2.4-2.2.6: the Windows Firewall IPsec policy as a `reg export` file holds it, decoded into
 * Windows' model (fwModel.ts). The keys under one store (`...\Policies\Microsoft\WindowsFirewall` from a GPO,
 * or the local `...\SharedAccess\Parameters\FirewallPolicy`) are:
 *   ConSecRules                         one REG_SZ rule string per rule (2.2.6.2, grammar in gpfasRule.ts)
 *   Phase1AuthenticationSets\{id}\NNNN  an auth set and its suites (2.2.4); Phase2AuthenticationSets alike
 *   Phase1CryptoSet\{id}\NNNN           a crypto set and its suites (2.2.5); Phase2CryptoSets alike
 * Key names: 2.2.4/2.2.5 write both "Phase1AuthenticationSet" and "...Sets" (and "Phase1CryptoSet"); the
 * examples in 4.4 use the plural. Both spellings are read (docs/windows-verification.md IM1).
 * Every malformed value is an ImportError naming file, line and value; nothing is guessed.
 */
import { ImportError, type ImportLocation } from "./errors.ts";
import type { RegKey, RegValue } from "./regfile.ts";
import {
  DEFAULT_SET_IDS,
  type FwAuthMethod,
  type FwAuthSet,
  type FwAuthSuite,
  type FwCryptoSet,
  type FwP1Suite,
  type FwP2Suite,
  type FwPolicy,
} from "./fwModel.ts";
import { decodeRuleString } from "./gpfasRule.ts";
import { parseGpfasString } from "./gpfas.ts";

const STORE =
  /^(.*?)\\(ConSecRules|Phase[12]AuthenticationSets?|Phase[12]CryptoSets?|MainModeRules|FirewallRules)((?:\\[^\\]+)*)$/i;

type Kind = "rules" | "p1auth" | "p2auth" | "p1crypto" | "p2crypto" | "mmrules" | "fwrules";

function kindOf(seg: string): Kind {
  const s = seg.toLowerCase();
  if (s === "consecrules") return "rules";
  if (s === "mainmoderules") return "mmrules";
  if (s === "firewallrules") return "fwrules";
  const phase = s[5];
  return (s.includes("authentication") ? `p${phase}auth` : `p${phase}crypto`) as Kind;
}

const P1_METHODS: Record<string, FwAuthMethod> = {
  Anonymous: "anonymous",
  MachineKerb: "machineKerb",
  MachineCert: "machineCert",
  MachineSHKey: "machineShkey",
  MachineNtlm: "machineNtlm",
};
const P2_METHODS: Record<string, FwAuthMethod> = {
  Anonymous: "anonymous",
  MachineCert: "machineCert",
  UserKerb: "userKerb",
  UserCert: "userCert",
  UserNtlm: "userNtlm",
};
/** KEY-EXCHANGE-VAL (2.2.5.10, 2.2.5.15 adds DH24). DH2048 is group 14. */
const KEY_EXCHANGE: Record<string, string> = {
  DH1: "dh1",
  DH2: "dh2",
  DH2048: "dh14",
  "ECDH-256": "ecp256",
  "ECDH-384": "ecp384",
  DH24: "dh24",
};
/** ENCRYPTION-VAL (2.2.5.11) and ENCRYPTION2-1-VAL (2.2.5.24). */
const ENCRYPTION: Record<string, string> = {
  DES: "des",
  "3DES": "3des",
  "AES-128": "aes128",
  "AES-192": "aes192",
  "AES-256": "aes256",
};
const ENCRYPTION_2_1: Record<string, string> = {
  "AES-GCM128": "aesgcm128",
  "AES-GCM192": "aesgcm192",
  "AES-GCM256": "aesgcm256",
};
/** HASH-VAL (2.2.5.12), HASH2-1-VAL (2.2.5.14), AH-ESP-HASH2-1-VAL (2.2.5.25: AES-GCM* are GMAC). */
const HASH: Record<string, string> = { MD5: "md5", SHA1: "sha1" };
const HASH_2_1: Record<string, string> = { SHA256: "sha256", SHA384: "sha384" };
const AH_ESP_HASH_2_1: Record<string, string> = {
  SHA256: "sha256",
  "AES-GCM128": "gmac128",
  "AES-GCM192": "gmac192",
  "AES-GCM256": "gmac256",
};
/** PFS-VAL (2.2.5.8, 2.2.5.28 adds ReKeyDH24). */
const PFS: Record<string, string> = {
  Disable: "none",
  EnableDHFromPhase1: "mm",
  ReKeyDH1: "dh1",
  ReKeyDH2: "dh2",
  ReKeyDH2048: "dh14",
  ReKeyECDH256: "ecp256",
  ReKeyECDH384: "ecp384",
  ReKeyDH24: "dh24",
};
const PROTOCOL: Record<string, FwP2Suite["protocol"]> = { AH: "ah", ESP: "esp", "AH&ESP": "both" };

/** One set key with its values and suite subkeys, gathered from the file's keys. */
interface SetKeys {
  id: string;
  kind: Kind;
  key?: RegKey;
  suites: Map<string, RegKey>;
  line: number;
}

/** Decodes the keys of a `reg export` file into Windows' IPsec policy model. */
export function decodeGpfasStore(keys: RegKey[], file: string): FwPolicy {
  const policy: FwPolicy = {
    rules: [],
    authSets: new Map(),
    cryptoSets: new Map(),
    defaults: {},
    notExpressed: [],
  };
  const sets = new Map<string, SetKeys>();
  const renames: Partial<Record<Kind, Map<string, string>>> = {};
  let base: string | undefined;
  let sawStore = false;
  const ignoredKinds = new Set<Kind>();
  for (const key of keys) {
    const m = STORE.exec(key.path);
    if (!m) {
      // The store's own key holds global settings; IPsecExempt is the one the policy has a field for.
      if (/\\(WindowsFirewall|FirewallPolicy)$/i.test(key.path)) globals(key, policy, file);
      continue;
    }
    sawStore = true;
    const [, prefix, seg, rest] = m;
    if (base !== undefined && base.toLowerCase() !== prefix.toLowerCase()) {
      throw new ImportError(
        `the file holds two policy stores (${base} and ${prefix}): export one store (the GPO's ` +
          `SOFTWARE\\Policies\\Microsoft\\WindowsFirewall or the local FirewallPolicy key)`,
        { file, line: key.line },
      );
    }
    base = prefix;
    const kind = kindOf(seg);
    const parts = rest.split("\\").slice(1);
    if (kind === "mmrules" || kind === "fwrules") {
      if (key.values.length) ignoredKinds.add(kind);
      continue;
    }
    if (kind === "rules") {
      if (parts.length) throw new ImportError(`unexpected key below ConSecRules`, { file, line: key.line });
      for (const v of key.values) {
        const at = { file, line: v.line, field: v.name };
        policy.rules.push(decodeRuleString(v.name, sz(v, at), at));
      }
      continue;
    }
    if (parts.length === 0) {
      // The set key itself: values named after a primary set id record its renamed id (2.2.4, 2.2.5).
      for (const v of key.values) {
        const at = { file, line: v.line, field: v.name };
        (renames[kind] ??= new Map()).set(v.name.toUpperCase(), sz(v, at));
      }
      continue;
    }
    if (parts.length > 2) {
      throw new ImportError(`unexpected key depth below ${seg}`, { file, line: key.line });
    }
    const id = parts[0];
    const mapKey = `${kind}:${id.toUpperCase()}`;
    const entry: SetKeys = sets.get(mapKey) ?? { id, kind, suites: new Map(), line: key.line };
    sets.set(mapKey, entry);
    if (parts.length === 1) entry.key = key;
    else {
      if (!/^\d{4}$/.test(parts[1])) {
        throw new ImportError(`suite key "${parts[1]}" must be a 4-digit index (0000, 0001, ...)`, {
          file,
          line: key.line,
        });
      }
      entry.suites.set(parts[1], key);
    }
  }
  if (!sawStore) {
    throw new ImportError(
      "no Windows Firewall IPsec policy in this file: export the GPO's SOFTWARE\\Policies\\Microsoft\\WindowsFirewall key " +
        "(or the local ...\\SharedAccess\\Parameters\\FirewallPolicy key) with its ConSecRules and set subkeys",
      { file, line: 1 },
    );
  }
  for (const k of ignoredKinds) {
    policy.notExpressed.push({
      what: "store",
      field: k === "mmrules" ? "MainModeRules" : "FirewallRules",
      reason: k === "mmrules"
        ? "main mode rules are not imported: each wfpsec rule names its own main-mode policy"
        : "firewall (allow/block) rules are not IPsec policy and are not imported",
    });
  }
  for (const s of sets.values()) {
    if (s.kind === "p1auth" || s.kind === "p2auth") policy.authSets.set(s.id.toUpperCase(), authSet(s, file));
    else policy.cryptoSets.set(s.id.toUpperCase(), cryptoSet(s, file));
  }
  const rn = (k: Kind, primary: string) => renames[k]?.get(primary) ?? primary;
  policy.defaults = {
    p1Auth: rn("p1auth", DEFAULT_SET_IDS.p1Auth),
    p2Auth: rn("p2auth", DEFAULT_SET_IDS.p2Auth),
    p1Crypto: rn("p1crypto", DEFAULT_SET_IDS.p1Crypto),
    p2Crypto: rn("p2crypto", DEFAULT_SET_IDS.p2Crypto),
  };
  return policy;
}

/** Store-wide settings ([MS-GPFAS] 2.2.1) with no policy field: listed when set. */
const GLOBAL_NOT_EXPRESSED: Record<string, string> = {
  saidltime: "the SA idle time is per quick-mode policy in wfpsec (quickMode.idleTimeout); not set",
  saidletime: "the SA idle time is per quick-mode policy in wfpsec (quickMode.idleTimeout); not set",
  presharedkeyencoding: "IKEEXT's pre-shared key encoding is a host setting wfpsec does not manage",
  strongcrlcheck: "certificate revocation checking is a host setting wfpsec does not manage",
  ipsecthroughnat: "NAT traversal is per quick-mode policy in wfpsec (quickMode.natTraversal); not set",
  ipsectunnelremotemachineauthorizationlist: "tunnels have no authorization field",
  ipsectunnelremoteuserauthorizationlist: "tunnels have no authorization field",
  ipsecopportunisticallymatchauthsetperkm: "each wfpsec rule names one main-mode policy per key module",
  enablepacketqueue: "packet queuing is a host setting wfpsec does not manage",
};

function globals(key: RegKey, policy: FwPolicy, file: string): void {
  for (const v of key.values) {
    const name = v.name.toLowerCase();
    const at = { file, line: v.line, field: v.name };
    if (name === "ipsecexempt") {
      if (v.dword === undefined) {
        throw new ImportError("IPsecExempt must be a REG_DWORD (dword:0000000N)", at);
      }
      // [MS-GPFAS] 2.2.1.5: 1 neighbor discovery, 2 ICMP, 4 router discovery, 8 DHCP.
      policy.exemptions = {
        neighborDiscovery: (v.dword & 1) !== 0,
        icmp: (v.dword & 2) !== 0,
        routerDiscovery: (v.dword & 4) !== 0,
        dhcp: (v.dword & 8) !== 0,
      };
    } else if (
      name === "ipsectransportremotemachineauthorizationlist" ||
      name === "ipsectransportremoteuserauthorizationlist"
    ) {
      const text = sz(v, at);
      if (text) (policy.authzLists ??= {})[name.includes("machine") ? "machines" : "users"] = text;
    } else if (name in GLOBAL_NOT_EXPRESSED) {
      const value = v.dword !== undefined ? String(v.dword) : v.kind === "sz" ? v.data[0] : undefined;
      policy.notExpressed.push({
        what: "store",
        field: v.name,
        value,
        reason: GLOBAL_NOT_EXPRESSED[name],
        at,
      });
    }
  }
}

function sz(v: RegValue, at: ImportLocation): string {
  if (v.kind !== "sz") throw new ImportError(`value must be REG_SZ (a quoted string)`, at);
  return v.data[0];
}

/** The REG_SZ values of a key by lower-case name, refusing a repeated name. */
function values(key: RegKey | undefined, file: string): Map<string, { text: string; at: ImportLocation }> {
  const out = new Map<string, { text: string; at: ImportLocation }>();
  for (const v of key?.values ?? []) {
    const at = { file, line: v.line, field: v.name };
    if (out.has(v.name.toLowerCase())) {
      throw new ImportError(`value "${v.name}" is given twice in this key`, at);
    }
    out.set(v.name.toLowerCase(), { text: sz(v, at), at });
  }
  return out;
}

/** A token of the grammar; compared without case, as [MS-GPFAS] 4.4.2 itself writes "UserNTLM" (IM3). */
function token<T>(table: Record<string, T>, v: { text: string; at: ImportLocation }, what: string): T {
  const hit = Object.entries(table).find(([k]) => k.toLowerCase() === v.text.toLowerCase());
  if (!hit) throw new ImportError(`${what} "${v.text}" is not one of ${Object.keys(table).join(", ")}`, v.at);
  return hit[1];
}

function bool(v: { text: string; at: ImportLocation } | undefined): boolean {
  if (!v) return false;
  if (v.text !== "TRUE" && v.text !== "FALSE") {
    throw new ImportError(`"${v.text}" is not TRUE or FALSE`, v.at);
  }
  return v.text === "TRUE";
}

function decimal(v: { text: string; at: ImportLocation } | undefined, max: number): number | undefined {
  if (!v) return undefined;
  if (!/^\d{1,10}$/.test(v.text) || Number(v.text) > max) {
    throw new ImportError(`"${v.text}" is not a whole number from 0 to ${max}`, v.at);
  }
  return Number(v.text);
}

function sortedSuites(s: SetKeys): RegKey[] {
  return [...s.suites.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, k]) => k);
}

function setHead(s: SetKeys, file: string) {
  const v = values(s.key, file);
  const at = { file, line: s.key?.line ?? s.line, field: s.id };
  return { v, at, name: v.get("name")?.text, description: v.get("description")?.text };
}

function authSet(s: SetKeys, file: string): FwAuthSet {
  const phase = s.kind === "p1auth" ? 1 : 2;
  const { at, name, description } = setHead(s, file);
  const suites: FwAuthSuite[] = [];
  for (const key of sortedSuites(s)) {
    const v = values(key, file);
    const sat = { file, line: key.line, field: `${s.id}\\${key.path.split("\\").pop()}` };
    const method = v.get("method");
    if (!method) throw new ImportError(`auth suite has no Method value`, sat);
    const suite: FwAuthSuite = {
      method: token(phase === 1 ? P1_METHODS : P2_METHODS, method, `phase ${phase} auth method`),
      unsupportedFlags: [],
      at: method.at,
    };
    const ca = v.get("caname"), key2 = v.get("shkey");
    if (ca && key2) throw new ImportError("CAName and SHKey exclude each other (2.2.4.7)", key2.at);
    if (ca) suite.caName = ca.text;
    // The key itself is never read into the model: the policy refers to secrets, it does not hold them.
    if (key2) suite.hasPresharedKey = key2.text.length > 0;
    if (v.get("proxyserver")) suite.proxyServer = v.get("proxyserver")!.text;
    const signing = v.get("othercertsigning");
    suite.signing = signing
      ? token({ ECDSA256: "ecdsa256", ECDSA384: "ecdsa384" } as const, signing, "OtherCertSigning")
      : undefined;
    for (
      const [val, flag] of [
        ["certaccountmapping", "CertAccountMapping"],
        ["excludecaname", "ExcludeCAName"],
        ["healthcert", "HealthCert"],
        ["intermediateca", "IntermediateCA"],
        ["allowproxy", "AllowProxy"],
      ]
    ) if (bool(v.get(val))) suite.unsupportedFlags.push(flag);
    const crit = v.get("certcriteria");
    if (crit) suite.criteria = certCriteria(crit.text, crit.at);
    if (v.get("skipversion")) decimalVersion(v.get("skipversion")!);
    suites.push(suite);
  }
  return { id: s.id, phase, name, description, suites, at };
}

function decimalVersion(v: { text: string; at: ImportLocation }): void {
  if (!/^\d{1,3}\.\d{1,3}$/.test(v.text)) throw new ImportError(`"${v.text}" is not a version (2.10)`, v.at);
}

/** CERT-CRITERIA (2.2.4.17): "v2.20|CriteriaType=...|NameType=...|Name=...|Eku=...|Hash=...|". */
function certCriteria(text: string, at: ImportLocation): NonNullable<FwAuthSuite["criteria"]> {
  const rec = parseGpfasString(text, at);
  const out: NonNullable<FwAuthSuite["criteria"]> = { eku: [] };
  for (const { key, value } of rec.fields) {
    const fat = { ...at, field: `${at.field}.CertCriteria.${key}` };
    if (key === "Eku") out.eku.push(value);
    else if (key === "CriteriaType") {
      out.type = token(
        { Both: "both", Select: "select", Validate: "validate" },
        { text: value, at: fat },
        "CriteriaType",
      );
    } else if (key === "NameType") {
      out.nameType = token(
        { DNS: "dns", UPN: "upn", RFC822: "rfc822", CN: "cn", OU: "ou", O: "o", DC: "dc" },
        { text: value, at: fat },
        "NameType",
      );
    } else if (key === "Name") out.name = value;
    else if (key === "Hash") out.hash = value;
    else if (key !== "FollowRenewal") {
      throw new ImportError(`unknown certificate criteria field "${key}"`, fat);
    }
  }
  return out;
}

function cryptoSet(s: SetKeys, file: string): FwCryptoSet {
  const phase = s.kind === "p1crypto" ? 1 : 2;
  const { v, at, name, description } = setHead(s, file);
  const set: FwCryptoSet = { id: s.id, phase, name, description, at };
  if (phase === 1) {
    const suites: FwP1Suite[] = sortedSuites(s).map((key) => {
      const sv = values(key, file);
      const sat = { file, line: key.line, field: `${s.id}\\${key.path.split("\\").pop()}` };
      const kx = sv.get("2_16keyexchange") ?? sv.get("keyexchange");
      const enc = sv.get("encryption");
      const hash = sv.get("2_1hash") ?? sv.get("hash");
      if (!kx || !enc || !hash) {
        throw new ImportError("phase 1 crypto suite needs KeyExchange, Encryption and Hash", sat);
      }
      return {
        dh: token(KEY_EXCHANGE, kx, "KeyExchange"),
        cipher: token(ENCRYPTION, enc, "Encryption"),
        integrity: sv.has("2_1hash") ? token(HASH_2_1, hash, "2_1Hash") : token(HASH, hash, "Hash"),
        at: enc.at,
      };
    });
    set.p1 = {
      suites,
      minutes: decimal(v.get("timeoutminutes"), 71582788),
      sessions: decimal(v.get("timeoutsessions"), 2147483647),
      doNotSkipDh: bool(v.get("donotskipdh")),
    };
  } else {
    const pfs = v.get("2_16pfs") ?? v.get("pfs");
    const suites: FwP2Suite[] = sortedSuites(s).map((key) => {
      const sv = values(key, file);
      const sat = { file, line: key.line, field: `${s.id}\\${key.path.split("\\").pop()}` };
      const proto = sv.get("2_9protocol") ?? sv.get("protocol");
      if (!proto) throw new ImportError("phase 2 crypto suite has no Protocol value", sat);
      const protocol = sv.has("2_9protocol")
        ? token({ AUTH_NO_ENCAP: "authNoEncap" as const }, proto, "2_9Protocol")
        : token(PROTOCOL, proto, "Protocol");
      const enc = sv.get("2_1encryption") ?? sv.get("encryption");
      const ah = sv.get("2_1ahhash") ?? sv.get("ahhash");
      const esp = sv.get("2_1esphash") ?? sv.get("esphash");
      const suite: FwP2Suite = {
        protocol,
        cipher: enc &&
          (sv.has("2_1encryption")
            ? token(ENCRYPTION_2_1, enc, "2_1Encryption")
            : token(ENCRYPTION, enc, "Encryption")),
        ahHash: ah &&
          (sv.has("2_1ahhash") ? token(AH_ESP_HASH_2_1, ah, "2_1AhHash") : token(HASH, ah, "AhHash")),
        espHash: esp &&
          (sv.has("2_1esphash") ? token(AH_ESP_HASH_2_1, esp, "2_1EspHash") : token(HASH, esp, "EspHash")),
        minutes: decimal(sv.get("timeoutminutes"), 2880),
        kilobytes: decimal(sv.get("timeoutkbytes"), 2147483647),
        at: proto.at,
      };
      if ((protocol === "ah" || protocol === "both") && !suite.ahHash) {
        throw new ImportError(`protocol ${proto.text} needs an AhHash value`, sat);
      }
      if (protocol === "esp" && !suite.cipher && !suite.espHash) {
        throw new ImportError("ESP suite needs Encryption, EspHash or both", sat);
      }
      return suite;
    });
    set.p2 = { pfs: pfs && token(PFS, pfs, "PFS"), suites };
  }
  return set;
}
