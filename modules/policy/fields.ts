/**
 * The policy format's field tables: ONE description from which both the structural validator
 * (`checkShape`) and the editor JSON Schema (`jsonSchema`, written to schema/wfpsec-policy.schema.json)
 * are derived, so the two cannot drift apart.
 */
import { pathString } from "./diagnostics.ts";

/** One node of the format description. `oneOf` options must differ in JSON type (string, object, ...). */
export type Spec =
  | {
    t: "string";
    enum?: readonly string[];
    pattern?: string;
    /** Longest accepted value in UTF-16 code units; MAX_STRING when not given. */
    maxLength?: number;
    /** A duration string ('8h'): its value in seconds must not exceed this. */
    maxSeconds?: number;
    doc?: string;
  }
  | { t: "integer"; min?: number; max?: number; doc?: string }
  | { t: "boolean"; doc?: string }
  | { t: "const"; value: number; doc?: string }
  | {
    t: "object";
    props: Readonly<Record<string, Spec>>;
    required?: readonly string[];
    /** Exactly one of the properties must be present (a tagged choice such as `{ env }` / `{ file }`). */
    exactlyOne?: boolean;
    /** A reference to a secret: a scalar here is an inline secret and is refused with its own code. */
    secretRef?: boolean;
    doc?: string;
  }
  | { t: "array"; items: Spec; minItems?: number; doc?: string }
  | { t: "oneOf"; of: readonly Spec[]; doc?: string }
  | { t: "ref"; name: string };

/**
 * Length limits, so that a pathological file (a 50 MB description) is refused rather than carried into every
 * WFP object, snapshot and `show --json`. Names are further limited by NAME_PATTERN (64 characters).
 */
export const MAX_STRING = 1024;
/** Free-text descriptions (FWPM_DISPLAY_DATA0.description). */
export const MAX_DESCRIPTION = 4096;
/** SDDL: long enough for a DACL at its 64 KiB limit (about 2.5 characters of SDDL per encoded byte). */
export const MAX_SDDL = 262144;
/** Program paths: the longest Windows path (\\?\ form, 32,767 UTF-16 units). */
export const MAX_PATH_LENGTH = 32767;
/** Every integer the policy gives lands in a UINT32 struct member unless a field says less. */
export const U32_MAX = 4294967295;

const str = (
  doc?: string,
  extra: { enum?: readonly string[]; pattern?: string; maxLength?: number; maxSeconds?: number } = {},
): Spec => ({
  t: "string",
  doc,
  ...extra,
});
const int = (doc: string, min?: number, max: number = U32_MAX): Spec => ({ t: "integer", doc, min, max });
const bool = (doc: string): Spec => ({ t: "boolean", doc });
const arr = (items: Spec, doc?: string, minItems?: number): Spec => ({ t: "array", items, doc, minItems });
const ref = (name: string): Spec => ({ t: "ref", name });
const oneOrMany = (item: Spec, doc: string): Spec => ({ t: "oneOf", doc, of: [item, arr(item)] });

/** Names of things: policies, rules, tunnels. Used in keys, so kept to a safe alphabet. */
export const NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
const name = (what: string): Spec =>
  str(`Name of this ${what} (letters, digits, '.', '_', '-').`, { pattern: NAME_PATTERN });

/** `DOMAIN\\name` with a DNS domain (255) and a group or user name (GNLEN/UNLEN 256). */
const MAX_ACCOUNT_NAME = 512;
/** `authorization.machines` / `users`: SDDL as written, or account names and SIDs (model/identity.ts). */
const authorizationSpec = (who: string): Spec => ({
  t: "oneOf",
  doc: `The ${who} allowed.`,
  of: [
    str(`SDDL for the ${who}; must have a DACL (D:).`, { maxLength: MAX_SDDL }),
    arr(
      str("An account: DOMAIN\\name, name@domain, a well-known group name, or a SID (S-1-...).", {
        maxLength: MAX_ACCOUNT_NAME,
      }),
      `Account names and SIDs of the ${who}, resolved to SIDs at plan/apply (LookupAccountNameW on Windows).`,
      1,
    ),
  ],
});

/** Key modules. */
export const KEY_MODULES = ["ikev1", "authip", "ikev2"] as const;
/** Rule security actions per direction. */
export const INBOUND_SECURITY = ["require", "request", "boundary", "clear"] as const;
/** Outbound security actions. */
export const OUTBOUND_SECURITY = ["require", "request", "clear"] as const;

/** A duration in seconds; it lands in a UINT32 member, so at most U32_MAX seconds however it is written. */
const duration = (doc: string): Spec => ({
  t: "oneOf",
  doc,
  of: [
    int(doc, 0),
    str(doc + ` As a string: a number with unit s, m, h or d (at most ${U32_MAX} seconds).`, {
      pattern: "^[0-9]+[smhd]$",
      maxSeconds: U32_MAX,
    }),
  ],
});
const DURATION_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };
const description = (): Spec =>
  str(`Free text (at most ${MAX_DESCRIPTION} characters).`, { maxLength: MAX_DESCRIPTION });

const DEFS: Readonly<Record<string, Spec>> = {
  secretRef: {
    t: "object",
    doc: "A secret given by reference, never inline: an environment variable or a file.",
    props: { env: str("Environment variable holding the secret."), file: str("File holding the secret.") },
    exactlyOne: true,
    secretRef: true,
  },
  addresses: oneOrMany(
    str(
      "An IPv4/IPv6 address, CIDR prefix (10.0.0.0/8) or range (10.0.0.1-10.0.0.9), or a keyword resolved from " +
        "the host's adapters at plan/apply: localsubnet, dns, dhcp, wins, defaultgateway.",
    ),
    "One address, prefix, range or keyword, or a list of them.",
  ),
  ports: oneOrMany(
    { t: "oneOf", of: [int("A port.", 0, 65535), str("A port or a range like 8000-8080.")] },
    "One port or range, or a list.",
  ),
  protocol: {
    t: "oneOf",
    doc: "IP protocol: a name or a number 0-255.",
    of: [
      str("Protocol name.", { enum: ["tcp", "udp", "icmp", "icmpv6", "esp", "ah", "gre"] }),
      int("Protocol number.", 0, 255),
    ],
  },
  certificate: {
    t: "object",
    doc:
      "Certificate authentication: the peer's certificate must chain to one of these roots and match the criteria.",
    props: {
      rootCA: oneOrMany(
        {
          t: "oneOf",
          of: [
            str(
              "Distinguished name of a trusted root CA, most specific first as Windows shows it, e.g. " +
                "'CN=Contoso Root CA, O=Contoso, C=US' (values encoded as UTF8String; see rootCA.file for others).",
            ),
            {
              t: "object",
              doc: "The root CA certificate (DER or PEM): its encoded subject is used exactly.",
              props: { file: str("Path of the CA certificate, relative to the policy file.") },
              required: ["file"],
            },
          ],
        },
        "Trusted root CAs (store 'explicit' only).",
      ),
      eku: arr(
        str("An EKU OID.", { pattern: "^[0-9]+(\\.[0-9]+)+$" }),
        "Extended key usages the certificate must have.",
      ),
      name: {
        t: "object",
        doc: "Subject name criterion.",
        props: {
          type: str("Name type.", { enum: ["dns", "upn", "rfc822", "cn", "ou", "o", "dc"] }),
          value: str("Name value."),
        },
        required: ["type", "value"],
      },
      thumbprint: str("SHA-1 thumbprint (40 hex digits).", { pattern: "^[0-9A-Fa-f]{40}$" }),
      store: str("Where trusted roots are looked up.", { enum: ["explicit", "root", "enterprise"] }),
      signing: str("Signature algorithm.", { enum: ["rsa", "ecdsa256", "ecdsa384"] }),
    },
  },
  authMethod: {
    t: "oneOf",
    doc: "An authentication method.",
    of: [
      str("Method without options.", { enum: ["kerberos", "ntlmv2", "anonymous"] }),
      {
        t: "object",
        doc: "A method with options; exactly one key.",
        exactlyOne: true,
        props: {
          kerberos: {
            t: "object",
            doc: "Kerberos.",
            props: { proxyServer: str("Kerberos proxy server.") },
          },
          certificate: ref("certificate"),
          psk: ref("secretRef"),
          ntlmv2: { t: "object", doc: "NTLMv2.", props: {} },
          anonymous: { t: "object", doc: "Anonymous.", props: {} },
        },
      },
    ],
  },
  mmProposal: {
    t: "oneOf",
    doc: "A main-mode proposal: 'cipher-integrity-dhgroup' (aes256-sha256-ecp384) or an object.",
    of: [
      str("Compact proposal, e.g. aes256-sha256-ecp384.", { pattern: "^[a-z0-9]+-[a-z0-9]+-[a-z0-9]+$" }),
      {
        t: "object",
        doc: "Proposal object.",
        props: {
          cipher: str("Cipher.", {
            enum: ["des", "3des", "aes128", "aes192", "aes256", "aesgcm128", "aesgcm256"],
          }),
          integrity: str("Integrity.", { enum: ["md5", "sha1", "sha256", "sha384"] }),
          dh: str("Diffie-Hellman group.", {
            enum: [
              "none",
              "dh1",
              "dh2",
              "dh14",
              "dh24",
              "ecp256",
              "ecp384",
              "modp768",
              "modp1024",
              "modp2048",
              "modp2048s256",
            ],
          }),
        },
        required: ["cipher", "integrity", "dh"],
      },
    ],
  },
  qmProposal: {
    t: "oneOf",
    doc: "A quick-mode proposal: 'esp-aesgcm256', 'esp-aes256-sha256', 'esp-sha256', 'ah-sha256', " +
      "'ah-sha256+esp-aes256-sha256', or an object.",
    of: [
      str("Compact proposal.", { pattern: "^(ah|esp)-[a-z0-9-]+(\\+(ah|esp)-[a-z0-9-]+)?$" }),
      {
        t: "object",
        doc: "Proposal object: AH and/or ESP.",
        props: {
          ah: str("AH integrity.", { enum: ["md5", "sha1", "sha256", "gmac128", "gmac192", "gmac256"] }),
          esp: {
            t: "object",
            doc: "ESP transform.",
            props: {
              cipher: str("ESP cipher.", {
                enum: [
                  "none",
                  "des",
                  "3des",
                  "aes128",
                  "aes192",
                  "aes256",
                  "aesgcm128",
                  "aesgcm192",
                  "aesgcm256",
                ],
              }),
              integrity: str("ESP integrity.", {
                enum: ["none", "md5", "sha1", "sha256", "gmac128", "gmac192", "gmac256"],
              }),
            },
          },
        },
      },
    ],
  },
  mainMode: {
    t: "object",
    doc: "A main-mode (IKE/AuthIP phase 1) policy.",
    props: {
      name: name("main-mode policy"),
      description: description(),
      keyModule: str("Keying module.", { enum: KEY_MODULES }),
      auth: arr(ref("authMethod"), "Authentication methods, in order of preference.", 1),
      proposals: arr(ref("mmProposal"), "Crypto proposals, in order of preference.", 1),
      lifetime: duration("Main-mode SA lifetime (seconds, or '8h')."),
      softExpiration: duration("Soft expiration (seconds); 0 = none."),
      quickModeLimit: int("Quick modes per main mode (0 = unlimited).", 0),
      retransmit: duration("Retransmit duration (seconds; 0 = default)."),
      flags: arr(
        str("IKEEXT policy flag.", {
          enum: [
            "disableDiagnostics",
            "noMachineLuidVerify",
            "noImpersonationLuidVerify",
            "enableOptionalDh",
            "mobikeNotSupported",
            "siteToSite",
            "ikev2Fragmentation",
          ],
        }),
        "IKEEXT_POLICY flags.",
      ),
    },
    required: ["name", "keyModule", "auth", "proposals"],
  },
  quickMode: {
    t: "object",
    doc: "A quick-mode (phase 2) policy.",
    props: {
      name: name("quick-mode policy"),
      description: description(),
      mode: str("Transport (rules) or tunnel (tunnels).", { enum: ["transport", "tunnel"] }),
      proposals: arr(ref("qmProposal"), "Transforms, in order of preference.", 1),
      pfs: str("Perfect forward secrecy group.", {
        enum: ["none", "dh1", "dh2", "dh14", "dh24", "ecp256", "ecp384", "mm"],
      }),
      lifetime: {
        t: "object",
        doc: "SA lifetime.",
        props: {
          seconds: duration("Seconds (or '1h')."),
          kilobytes: int("Kilobytes.", 0),
        },
      },
      idleTimeout: {
        t: "oneOf",
        doc: "SA idle timeout.",
        of: [int("Seconds.", 0), {
          t: "object",
          doc: "Idle timeout.",
          props: { seconds: int("Seconds.", 0), failover: int("Seconds on fail-over.", 0) },
        }],
      },
      natTraversal: str("NAT traversal.", { enum: ["none", "peer-behind-nat", "general"] }),
      ndAllowClearTimeout: int("Negotiation discovery: seconds outbound clear text is allowed.", 0),
      userAuth: arr(ref("authMethod"), "AuthIP extended mode (user authentication) methods.", 1),
      userImpersonation: str("Extended-mode initiator impersonation.", {
        enum: ["none", "socket-principal"],
      }),
    },
    required: ["name", "proposals"],
  },
  rule: {
    t: "object",
    doc: "A connection security rule: which traffic, which security, which policies.",
    props: {
      name: name("rule"),
      description: description(),
      local: ref("addresses"),
      remote: ref("addresses"),
      family: str("Address family when no address is given.", { enum: ["ipv4", "ipv6", "both"] }),
      protocol: ref("protocol"),
      localPorts: ref("ports"),
      remotePorts: ref("ports"),
      direction: str("Traffic direction.", { enum: ["both", "inbound", "outbound"] }),
      inbound: str("Inbound security.", { enum: INBOUND_SECURITY }),
      outbound: str("Outbound security.", { enum: OUTBOUND_SECURITY }),
      mainMode: oneOrMany(
        str("Main-mode policy name."),
        "Main-mode policy (or list, one per key module); omitted: Windows' defaults (AuthIP + IKEv1, Kerberos).",
      ),
      quickMode: str("Quick-mode policy name; omitted: Windows' default quick mode."),
      requireEncryption: bool("Guaranteed encryption at ALE connect and accept."),
      authorization: {
        t: "object",
        doc: "Remote identity authorization: SDDL granting 0x1 to the allowed principals, or a list of " +
          "account names and SIDs that plan/apply resolve on the host.",
        props: {
          machines: authorizationSpec("remote machines (computer accounts and their groups)"),
          users: authorizationSpec("remote users (AuthIP extended mode)"),
        },
      },
      program: str(
        "Apply the rule's ALE enforcement to this program only (full path, no control characters).",
        {
          maxLength: MAX_PATH_LENGTH,
        },
      ),
      priority: int(
        "Precedence where rules overlap: higher wins, before specificity (0-255; default 0: the more specific rule wins).",
        0,
        255,
      ),
    },
    required: ["name", "inbound", "outbound"],
  },
  exemption: {
    t: "oneOf",
    doc: "Traffic exempt from IPsec: 'icmp', 'dhcp', or a selector object.",
    of: [
      str("Built-in exemption.", { enum: ["icmp", "dhcp"] }),
      {
        t: "object",
        doc: "Exempt hosts or ports.",
        props: {
          name: name("exemption"),
          remote: ref("addresses"),
          local: ref("addresses"),
          protocol: ref("protocol"),
          localPorts: ref("ports"),
          remotePorts: ref("ports"),
        },
        required: ["name"],
      },
    ],
  },
  tunnel: {
    t: "object",
    doc: "An IPsec tunnel (added with FwpmIPsecTunnelAdd3).",
    props: {
      name: name("tunnel"),
      description: description(),
      mainMode: str("Main-mode policy name."),
      quickMode: str("Quick-mode policy name (mode: tunnel)."),
      localEndpoint: str("Local outer address."),
      remoteEndpoint: str("Remote outer address."),
      local: ref("addresses"),
      remote: ref("addresses"),
      pointToPoint: bool("Host-to-host tunnel (FWPM_TUNNEL_FLAG_POINT_TO_POINT)."),
    },
    required: ["name", "mainMode", "quickMode", "localEndpoint", "remoteEndpoint"],
  },
  saDirection: {
    t: "object",
    doc: "One direction of a manual SA.",
    props: {
      spi: int("Security parameter index.", 256, 4294967295),
      transform: str("Transform, e.g. ah-sha256 or esp-aes256-sha256."),
      key: ref("secretRef"),
    },
    required: ["spi", "transform", "key"],
  },
  manualSa: {
    t: "object",
    doc: "A manually keyed SA pair (no IKE).",
    props: {
      name: name("manual SA"),
      local: str("This host's address."),
      remote: str("The peer's address."),
      inbound: ref("saDirection"),
      outbound: ref("saDirection"),
    },
    required: ["name", "local", "remote", "inbound", "outbound"],
  },
};

/** The whole document. */
export const ROOT: Spec = {
  t: "object",
  doc: "A wfpsec IPsec policy.",
  props: {
    version: { t: "const", value: 1, doc: "Format version; must be 1." },
    name: name("policy"),
    description: description(),
    allowWeakCrypto: bool("Allow DES, 3DES, MD5, SHA-1 and DH groups 1/2 (with a warning)."),
    mainMode: arr(ref("mainMode"), "Main-mode policies."),
    quickMode: arr(ref("quickMode"), "Quick-mode policies."),
    rules: arr(ref("rule"), "Connection security rules."),
    exemptions: arr(ref("exemption"), "Exemptions (permit filters above IPsec)."),
    tunnels: arr(ref("tunnel"), "Tunnels."),
    manualSas: arr(ref("manualSa"), "Manually keyed SAs."),
  },
  required: ["version", "name"],
};

export { DEFS };

/** JSON Schema (draft 2020-12) generated from the tables. */
export function jsonSchema(): Record<string, unknown> {
  const conv = (s: Spec): Record<string, unknown> => {
    const d = "doc" in s && s.doc ? { description: s.doc } : {};
    switch (s.t) {
      case "string":
        return {
          type: "string",
          ...d,
          ...(s.enum ? { enum: [...s.enum] } : { maxLength: s.maxLength ?? MAX_STRING }),
          ...(s.pattern ? { pattern: s.pattern } : {}),
        };
      case "integer":
        return {
          type: "integer",
          ...d,
          ...(s.min !== undefined ? { minimum: s.min } : {}),
          ...(s.max !== undefined ? { maximum: s.max } : {}),
        };
      case "boolean":
        return { type: "boolean", ...d };
      case "const":
        return { const: s.value, ...d };
      case "ref":
        return { $ref: `#/$defs/${s.name}` };
      case "array":
        return { type: "array", ...d, items: conv(s.items), ...(s.minItems ? { minItems: s.minItems } : {}) };
      case "oneOf":
        return { ...d, oneOf: s.of.map(conv) };
      case "object": {
        const props: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s.props)) props[k] = conv(v);
        return {
          type: "object",
          ...d,
          properties: props,
          additionalProperties: false,
          ...(s.required?.length ? { required: [...s.required] } : {}),
          ...(s.exactlyOne ? { minProperties: 1, maxProperties: 1 } : {}),
        };
      }
    }
  };
  const defs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(DEFS)) defs[k] = conv(v as Spec);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://wfpsec.invalid/schema/wfpsec-policy.schema.json",
    title: "wfpsec policy",
    ...conv(ROOT),
    $defs: defs,
  };
}

/** A structural problem found by `checkShape`. */
export interface ShapeIssue {
  path: (string | number)[];
  /** True when the position should be the key rather than the value (unknown field). */
  atKey?: boolean;
  code: string;
  message: string;
}

const jsType = (v: unknown): string =>
  v === null
    ? "null"
    : Array.isArray(v)
    ? "array"
    : typeof v === "number"
    ? (Number.isInteger(v) ? "integer" : "number")
    : typeof v;

const specType = (s: Spec): string => {
  const r = s.t === "ref" ? DEFS[s.name] as Spec : s;
  return r.t === "const" ? "integer" : r.t === "oneOf" ? "oneOf" : r.t;
};

const accepts = (s: Spec, got: string): boolean => {
  const r = s.t === "ref" ? DEFS[s.name] as Spec : s;
  return r.t === "oneOf" ? r.of.some((o) => accepts(o, got)) : specType(r) === got;
};

const describe = (s: Spec): string => {
  const r = s.t === "ref" ? DEFS[s.name] as Spec : s;
  switch (r.t) {
    case "string":
      return r.enum ? `one of ${r.enum.map((e) => `'${e}'`).join(", ")}` : "a string";
    case "integer":
      return r.min !== undefined && r.max !== undefined
        ? `an integer ${r.min}..${r.max}`
        : r.min !== undefined
        ? `an integer >= ${r.min}`
        : "an integer";
    case "boolean":
      return "true or false";
    case "const":
      return String(r.value);
    case "array":
      return "a list";
    case "object":
      return `a mapping with ${Object.keys(r.props).map((k) => `'${k}'`).join(", ") || "no keys"}`;
    case "oneOf":
      return r.of.map(describe).join(", or ");
    case "ref":
      return "?";
  }
};

/** Walks a plain value against the tables, collecting every structural issue. */
export function checkShape(
  value: unknown,
  spec: Spec = ROOT,
  path: (string | number)[] = [],
  out: ShapeIssue[] = [],
): ShapeIssue[] {
  const s = spec.t === "ref" ? DEFS[spec.name] as Spec : spec;
  const got = jsType(value);
  const where = path.length ? pathString(path) : "document";
  switch (s.t) {
    case "string":
      if (got !== "string") {
        out.push({ path, code: "type", message: `'${where}' must be ${describe(s)}, not ${got}` });
      } else if ((value as string).length > (s.maxLength ?? MAX_STRING)) {
        out.push({
          path,
          code: "too-long",
          message: `'${where}' is ${(value as string).length} characters long; at most ${
            s.maxLength ?? MAX_STRING
          } are allowed`,
        });
      } else if ((value as string).includes("\0")) {
        // Every string ends up NUL-terminated (wchar_t*): text after a NUL would silently vanish.
        out.push({
          path,
          code: "nul-char",
          message: `'${where}' contains a NUL character (\\0), which Windows would cut at`,
        });
      } else if (s.enum && !s.enum.includes(value as string)) {
        out.push({ path, code: "enum", message: `'${value}' is not allowed here; use ${describe(s)}` });
      } else if (s.pattern && !new RegExp(s.pattern).test(value as string)) {
        out.push({
          path,
          code: "pattern",
          message: `'${value}' is not a valid ${where} (${s.doc ?? s.pattern})`,
        });
      } else if (s.maxSeconds !== undefined) {
        const m = /^([0-9]+)([smhd])$/.exec(value as string)!;
        if (Number(m[1]) * DURATION_UNIT[m[2]] > s.maxSeconds) {
          out.push({
            path,
            code: "range",
            message: `'${value}' is out of range; '${where}' must be at most ${s.maxSeconds} seconds`,
          });
        }
      }
      return out;
    case "integer":
      if (got !== "integer") {
        out.push({ path, code: "type", message: `'${where}' must be ${describe(s)}, not ${got}` });
      } else if (
        (s.min !== undefined && (value as number) < s.min) ||
        (s.max !== undefined && (value as number) > s.max)
      ) {
        out.push({
          path,
          code: "range",
          message: `${value} is out of range; '${where}' must be ${describe(s)}`,
        });
      }
      return out;
    case "boolean":
      if (got !== "boolean") {
        out.push({ path, code: "type", message: `'${where}' must be true or false, not ${got}` });
      }
      return out;
    case "const":
      if (value !== s.value) {
        out.push({
          path,
          code: "version",
          message: `unsupported ${where} ${JSON.stringify(value)}; this wfpsec reads version ${s.value}`,
        });
      }
      return out;
    case "array":
      if (got !== "array") {
        out.push({ path, code: "type", message: `'${where}' must be a list, not ${got}` });
        return out;
      }
      if (s.minItems && (value as unknown[]).length < s.minItems) {
        out.push({ path, code: "min-items", message: `'${where}' needs at least ${s.minItems} item(s)` });
      }
      (value as unknown[]).forEach((v, i) => checkShape(v, s.items, [...path, i], out));
      return out;
    case "oneOf": {
      const match = s.of.find((o) => accepts(o, got));
      if (!match) {
        out.push({ path, code: "type", message: `'${where}' must be ${describe(s)}, not ${got}` });
        return out;
      }
      return checkShape(value, match, path, out);
    }
    case "object": {
      if (got !== "object") {
        if (s.secretRef && (got === "string" || got === "integer")) {
          out.push({
            path,
            code: "secret-inline",
            message:
              "secrets are given by reference only: { env: VARIABLE } or { file: PATH }; an inline key is refused",
          });
        } else {
          out.push({ path, code: "type", message: `'${where}' must be ${describe(s)}, not ${got}` });
        }
        return out;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (const k of keys) {
        // Own properties only: '__proto__', 'constructor', 'prototype' are not fields.
        if (!Object.hasOwn(s.props, k)) {
          const allowed = Object.keys(s.props);
          out.push({
            path: [...path, k],
            atKey: true,
            code: "unknown-field",
            message: `unknown field '${k}'; allowed: ${allowed.join(", ") || "none"}`,
          });
        } else {
          checkShape(obj[k], s.props[k], [...path, k], out);
        }
      }
      for (const r of s.required ?? []) {
        if (!Object.hasOwn(obj, r)) {
          out.push({ path, code: "missing-field", message: `'${r}' is required in ${where}` });
        }
      }
      if (s.exactlyOne && keys.length !== 1) {
        out.push({
          path,
          code: "one-key",
          message: `'${where}' takes exactly one of ${Object.keys(s.props).map((k) => `'${k}'`).join(", ")}`,
        });
      }
      return out;
    }
    case "ref":
      return out;
  }
}

/**
 * Rewrites, in place, every enum value spelled in another case ('Require', 'AES256') to the one canonical
 * spelling, as NetSecurity accepts any case; the schema, messages and the model keep the canonical one.
 */
export function canonicalEnums(value: unknown, spec: Spec = ROOT): unknown {
  const s = spec.t === "ref" ? DEFS[spec.name] as Spec : spec;
  const got = jsType(value);
  if (s.t === "string" && s.enum && got === "string" && !s.enum.includes(value as string)) {
    const low = (value as string).toLowerCase();
    return s.enum.find((e) => e.toLowerCase() === low) ?? value;
  }
  if (s.t === "oneOf") {
    const match = s.of.find((o) => accepts(o, got));
    return match ? canonicalEnums(value, match) : value;
  }
  if (s.t === "array" && got === "array") {
    const a = value as unknown[];
    a.forEach((v, i) => a[i] = canonicalEnums(v, s.items));
  } else if (s.t === "object" && got === "object") {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) if (Object.hasOwn(s.props, k)) o[k] = canonicalEnums(o[k], s.props[k]);
  }
  return value;
}
