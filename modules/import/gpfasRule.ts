/**
 * One connection security rule string ([MS-GPFAS] 2.2.6.2 CSRULE grammar, registry value under ConSecRules)
 * decoded into FW_CS_RULE terms (fwModel.ts). Tokens the grammar defines but wfpsec has no field for are
 * kept as not-expressed entries; a token the grammar does not define, a value outside its grammar, or a
 * token repeated where the grammar allows one, is an ImportError naming file, line, value and token.
 */
import { ImportError, type ImportLocation } from "./errors.ts";
import { parseGpfasString } from "./gpfas.ts";
import type { FwCsAction, FwCsRule } from "./fwModel.ts";
import { parseAddr } from "../model/mod.ts";

/** CS-ACTION-VAL (2.2.6.1). */
const ACTIONS: Record<string, FwCsAction> = {
  SecureServer: "secureServer",
  Boundary: "boundary",
  Secure: "secure",
  DoNotSecure: "doNotSecure",
};
/** KEY-MOD-VAL (2.2.6.3); KeyModDefault is Windows' default (AuthIP + IKEv1). */
const KEY_MODULES: Record<string, string> = {
  KeyModDefault: "default",
  IkeV1: "ikev1",
  AuthIP: "authip",
  IkeV2: "ikev2",
};
/** ADDRESS-KEYWORD-VAL (2.2.2.13) and the 2.20 additions. */
const ADDRESS_KEYWORDS = [
  "LocalSubnet",
  "DNS",
  "DHCP",
  "WINS",
  "DefaultGateway",
  "IntrAnet",
  "IntErnet",
  "Ply2Renders",
  "RmtIntrAnet",
  "CaptivePortal",
];
/** Tokens that may appear more than once (2.2.6.2: "all ... of such appearances are allowed"). */
const REPEATABLE = new Set([
  "Profile",
  "EP1Port",
  "EP2Port",
  "EP1Port2_10",
  "EP2Port2_10",
  "IF",
  "EP1_4",
  "EP2_4",
  "EP1_6",
  "EP2_6",
  "Platform",
  "RTunEndpts4",
  "RTunEndpts6",
  "KeyMod",
]);
/** Tokens of the grammar with no wfpsec field: kept as not expressed, with the reason. */
const NOT_EXPRESSED: Record<string, string> = {
  IF: "wfpsec sets no interface conditions: the rule applies on every interface",
  IFType: "wfpsec sets no interface-type conditions: the rule applies on every interface",
  Platform: "an OS-version gate of Windows Firewall; wfpsec targets Windows 10 1709 / Server 2019 and later",
  Platform2: "an OS-version gate of Windows Firewall",
  SkipVer: "a Windows Firewall schema-version marker",
  EmbedCtxt: "Windows Firewall's embedded context (the rule's owner) has no policy field",
  KeyManagerDictate: "wfpsec exposes no SA key dictation",
  KeyManagerNotify: "wfpsec exposes no SA key notification",
  FwdLifetime: "forward-path SA lifetime (tunnels) has no policy field",
  SecurityRealmEnabled: "security realms have no policy field",
  ByPassTunnel: "tunnel bypass has no policy field",
};
const TUNNEL = new Set([
  "RTunnel4",
  "RTunnel6",
  "LTunnel4",
  "LTunnel6",
  "RTunnel4_2",
  "RTunnel6_2",
  "LTunnel4_2",
  "LTunnel6_2",
  "RTunnelFqdn",
  "RTunEndpts4",
  "RTunEndpts6",
]);
const KNOWN = new Set([
  "Action",
  "Protocol",
  "Auth1Set",
  "Auth2Set",
  "Crypto2Set",
  "Name",
  "Desc",
  "Active",
  "SecureInClearOut",
  "Authz",
  "TransportMachineAuthzSDDL",
  "TransportUserAuthzSDDL",
  ...REPEATABLE,
  ...Object.keys(NOT_EXPRESSED),
  ...TUNNEL,
]);

const V4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const V6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

function v4ok(a: string): boolean {
  return V4.test(a) && a.split(".").every((o) => Number(o) <= 255);
}

/** A v4 mask (255.255.0.0) as a prefix length, or undefined when not contiguous. */
function maskBits(mask: string): number | undefined {
  const n = mask.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const bits = n.toString(2).padStart(32, "0");
  return /^1*0*$/.test(bits) ? bits.indexOf("0") < 0 ? 32 : bits.indexOf("0") : undefined;
}

/** One EP value (2.2.2.9-2.2.2.13): an address, range, subnet or keyword, in wfpsec's spelling. */
function address(v: string, family: 4 | 6, at: ImportLocation): string {
  const kw = ADDRESS_KEYWORDS.find((k) => k === v);
  if (kw) return kw.toLowerCase();
  const ok = family === 4 ? v4ok : (a: string) => V6.test(a);
  const bad = (why = "") =>
    new ImportError(
      `"${v}" is not an IPv${family} address, range, subnet or address keyword (${
        ADDRESS_KEYWORDS.join(", ")
      })${why}`,
      at,
    );
  let out = v;
  if (v.includes("/")) {
    const [a, p] = v.split("/");
    if (!ok(a)) throw bad();
    if (family === 4 && v4ok(p)) {
      const bits = maskBits(p);
      if (bits === undefined) throw new ImportError(`subnet mask ${p} in "${v}" is not contiguous`, at);
      out = `${a}/${bits}`;
    } else if (!/^\d{1,3}$/.test(p) || Number(p) > (family === 4 ? 32 : 128)) throw bad();
  } else {
    const range = v.split("-");
    if (range.length > 2 || !range.every(ok)) throw bad();
  }
  // The policy's own reader decides the rest (a well-formed IPv6 text, a range that does not run backwards).
  const checked = parseAddr(out);
  if (typeof checked === "string") throw bad(`: ${checked}`);
  return out;
}

function port(v: string, range: boolean, at: ImportLocation): string {
  const re = range ? /^(\d{1,5})-(\d{1,5})$/ : /^(\d{1,5})$/;
  const m = re.exec(v);
  if (!m || m.slice(1).some((p) => Number(p) > 65535) || (range && Number(m[1]) > Number(m[2]))) {
    throw new ImportError(
      `"${v}" is not a ${
        range ? "port range (BEGIN-END, 0-65535)" : "port (0-65535)"
      }; port keywords are not supported`,
      at,
    );
  }
  return v;
}

function bool(v: string, at: ImportLocation): boolean {
  if (v !== "TRUE" && v !== "FALSE") throw new ImportError(`"${v}" is not TRUE or FALSE`, at);
  return v === "TRUE";
}

/** Decodes rule string `text` of registry value `id`; `at` names file, line and value. */
export function decodeRuleString(id: string, text: string, at: ImportLocation): FwCsRule {
  const rec = parseGpfasString(text, at);
  const rule: FwCsRule = {
    id,
    action: "secure",
    active: false,
    outboundClear: false,
    local: [],
    remote: [],
    localPorts: [],
    remotePorts: [],
    keyModules: [],
    authz: false,
    tunnel: false,
    notExpressed: [],
    at,
  };
  const seen = new Set<string>();
  let action: string | undefined;
  for (const { key, value } of rec.fields) {
    const fat = { ...at, field: `${id}.${key}` };
    if (!KNOWN.has(key)) {
      throw new ImportError(`"${key}" is not a connection security rule token ([MS-GPFAS] 2.2.6.2)`, fat);
    }
    if (!REPEATABLE.has(key) && seen.has(key)) throw new ImportError(`${key} may appear only once`, fat);
    seen.add(key);
    switch (key) {
      case "Action":
        if (!(value in ACTIONS)) {
          throw new ImportError(`Action "${value}" is not one of ${Object.keys(ACTIONS).join(", ")}`, fat);
        }
        action = value;
        rule.action = ACTIONS[value];
        break;
      case "Name":
        rule.name = value;
        break;
      case "Desc":
        if (value) rule.description = value;
        break;
      case "Active":
        rule.active = bool(value, fat);
        break;
      case "SecureInClearOut":
        rule.outboundClear = bool(value, fat);
        break;
      case "Authz":
        rule.authz = bool(value, fat);
        break;
      case "TransportMachineAuthzSDDL":
        rule.machineSddl = value;
        break;
      case "TransportUserAuthzSDDL":
        rule.userSddl = value;
        break;
      case "Protocol":
        if (!/^\d{1,3}$/.test(value) || Number(value) > 255) {
          throw new ImportError(`Protocol "${value}" is not a number from 0 to 255`, fat);
        }
        rule.protocol = Number(value);
        break;
      case "Profile":
        if (!["Domain", "Private", "Public"].includes(value)) {
          throw new ImportError(`Profile "${value}" is not Domain, Private or Public`, fat);
        }
        (rule.profiles ??= []).push(value);
        break;
      case "EP1Port":
      case "EP1Port2_10":
        rule.localPorts.push(port(value, key === "EP1Port2_10", fat));
        break;
      case "EP2Port":
      case "EP2Port2_10":
        rule.remotePorts.push(port(value, key === "EP2Port2_10", fat));
        break;
      case "EP1_4":
      case "EP1_6":
        rule.local.push(address(value, key.endsWith("4") ? 4 : 6, fat));
        break;
      case "EP2_4":
      case "EP2_6":
        rule.remote.push(address(value, key.endsWith("4") ? 4 : 6, fat));
        break;
      case "Auth1Set":
        rule.auth1 = value;
        break;
      case "Auth2Set":
        rule.auth2 = value;
        break;
      case "Crypto2Set":
        rule.crypto2 = value;
        break;
      case "KeyMod":
        if (!(value in KEY_MODULES)) {
          throw new ImportError(
            `KeyMod "${value}" is not one of ${Object.keys(KEY_MODULES).join(", ")}`,
            fat,
          );
        }
        if (KEY_MODULES[value] !== "default") rule.keyModules.push(KEY_MODULES[value]);
        break;
      default:
        if (TUNNEL.has(key)) rule.tunnel = true;
        else if (value !== "" && !(key === "ByPassTunnel" && value === "FALSE")) {
          rule.notExpressed.push({
            what: `rule ${id}`,
            field: key,
            value,
            reason: NOT_EXPRESSED[key],
            at: fat,
          });
        }
    }
  }
  if (!action) {
    throw new ImportError("rule has no Action (SecureServer, Boundary, Secure or DoNotSecure)", at);
  }
  if (rule.profiles && rule.profiles.length === 3) rule.profiles = undefined;
  for (const n of rule.notExpressed) n.what = `rule "${rule.name ?? id}"`;
  return rule;
}
