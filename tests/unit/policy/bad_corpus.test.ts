/**
 * The bad-input corpus: every document here is wrong in one way, and loadPolicy must refuse it with a
 * PolicyError whose diagnostics include the expected code at the expected place. The place is marked in
 * the text with `@@` (removed before parsing): the diagnostic's line:column must be exactly there.
 */
import { equal, fail, ok } from "node:assert/strict";
import { loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const HEAD = "version: 1\nname: bad\n";
const MM =
  "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n";
const QM = "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n";
const rule = (extra: string, sec = "inbound: require\n    outbound: request\n") =>
  `rules:\n  - name: r\n    ${sec}    mainMode: mm\n    quickMode: qm\n${extra}`;
const ok1 = HEAD + MM + QM;

interface Case {
  name: string;
  text: string;
  code: string;
  path?: string;
}

const cases: Case[] = [
  // --- syntax and shape ---
  { name: "unclosed flow sequence", text: HEAD + "rules: [\n@@", code: "yaml-syntax" },
  { name: "duplicate key", text: "version: 1\n@@version: 1\nname: x\n", code: "duplicate-key" },
  { name: "JSON duplicate key", text: '{"version": 1, "name": "x", @@"name": "y"}', code: "duplicate-key" },
  {
    name: "JSON duplicate key spelled with an escape",
    text: '{"version": 1, "name": "x", @@"\\u006eame": "y"}',
    code: "duplicate-key",
  },
  {
    name: "YAML duplicate key spelled with an escape",
    text: 'version: 1\nname: x\n@@"\\x6eame": y\n',
    code: "duplicate-key",
  },
  {
    name: "JSON value of the wrong form",
    text: '{"version": 1, "name": @@"a/b"}',
    code: "pattern",
    path: "name",
  },
  {
    name: "JSON nested unknown field",
    text: '{"version": 1, "name": "x", "rules": [{@@"nom": "r"}]}',
    code: "unknown-field",
    path: "rules[0].nom",
  },
  { name: "bad indentation", text: "version: 1\nname: @@x\n  oops: 1\n", code: "yaml-syntax" },
  { name: "version 2", text: "version: @@2\nname: x\n", code: "version", path: "version" },
  { name: "version missing", text: "@@name: x\n", code: "missing-field", path: "" },
  { name: "name missing", text: "@@version: 1\n", code: "missing-field", path: "" },
  { name: "name with a slash", text: "version: 1\nname: @@a/b\n", code: "pattern", path: "name" },
  { name: "unknown top-level field", text: HEAD + "@@rulez: []\n", code: "unknown-field", path: "rulez" },
  {
    name: "allowWeakCrypto as string",
    text: HEAD + "allowWeakCrypto: @@yes please\n",
    code: "type",
    path: "allowWeakCrypto",
  },
  { name: "mainMode not a list", text: HEAD + "mainMode: @@mm\n", code: "type", path: "mainMode" },
  {
    name: "unknown key module",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: @@ikev3\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "enum",
    path: "mainMode[0].keyModule",
  },
  {
    name: "main mode without auth",
    text: HEAD + "mainMode:\n  - @@name: mm\n    keyModule: authip\n    proposals: [aes256-sha256-ecp256]\n",
    code: "missing-field",
    path: "mainMode[0]",
  },
  {
    name: "empty proposals",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: @@[]\n",
    code: "min-items",
    path: "mainMode[0].proposals",
  },
  {
    name: "unknown auth word",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [@@kerberose]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "enum",
    path: "mainMode[0].auth[0]",
  },
  {
    name: "auth object with two methods",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [@@{ kerberos: {}, ntlmv2: {} }]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "one-key",
    path: "mainMode[0].auth[0]",
  },
  {
    name: "inline pre-shared key",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [{ psk: @@hunter2 }]\n    proposals: [aes256-sha256-dh14]\n",
    code: "secret-inline",
    path: "mainMode[0].auth[0].psk",
  },
  {
    name: "psk with env and file",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [{ psk: @@{ env: A, file: /k } }]\n    proposals: [aes256-sha256-dh14]\n",
    code: "one-key",
    path: "mainMode[0].auth[0].psk",
  },
  {
    name: "psk env not a variable name",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [{ psk: { env: @@1-bad } }]\n    proposals: [aes256-sha256-dh14]\n",
    code: "pattern",
    path: "mainMode[0].auth[0].psk.env",
  },
  {
    name: "certificate thumbprint too short",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [{ certificate: { thumbprint: @@abc } }]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "pattern",
    path: "mainMode[0].auth[0].certificate.thumbprint",
  },
  {
    name: "certificate root CA not a DN",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [{ certificate: { rootCA: @@Contoso } }]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "bad-dn",
    path: "mainMode[0].auth[0].certificate.rootCA",
  },
  {
    name: "certificate with no criteria",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [{ certificate: @@{ signing: rsa } }]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "missing-field",
    path: "mainMode[0].auth[0].certificate",
  },
  {
    name: "integer where a rule name goes",
    text: ok1 +
      "rules:\n  - name: @@42\n    inbound: require\n    outbound: request\n    mainMode: mm\n    quickMode: qm\n",
    code: "type",
    path: "rules[0].name",
  },
  {
    name: "unknown rule field",
    text: ok1 + rule("    @@remotePort: 80\n"),
    code: "unknown-field",
    path: "rules[0].remotePort",
  },
  {
    name: "inbound security word",
    text: ok1 + rule("", "inbound: @@mandatory\n    outbound: request\n"),
    code: "enum",
    path: "rules[0].inbound",
  },
  {
    name: "port out of range",
    text: ok1 + rule("    protocol: tcp\n    localPorts: @@70000\n"),
    code: "range",
    path: "rules[0].localPorts",
  },
  {
    name: "SA spi below 256",
    text: HEAD +
      "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: 2.2.2.2\n    inbound: { spi: @@12, transform: ah-sha256, key: { env: K } }\n    outbound: { spi: 4096, transform: ah-sha256, key: { env: K } }\n",
    code: "range",
    path: "manualSas[0].inbound.spi",
  },
  {
    name: "inline manual SA key",
    text: HEAD +
      "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: 2.2.2.2\n    inbound: { spi: 4096, transform: ah-sha256, key: @@0123456789abcdef }\n    outbound: { spi: 4097, transform: ah-sha256, key: { env: K } }\n",
    code: "secret-inline",
    path: "manualSas[0].inbound.key",
  },
  // --- crypto ---
  {
    name: "proposal with two parts",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@aes256-sha256]\n",
    code: "pattern",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "unknown cipher",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@rc4-sha256-ecp256]\n",
    code: "bad-proposal",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "unknown DH group",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@aes256-sha256-dh99]\n",
    code: "bad-proposal",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "GCM main mode with AuthIP",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@aesgcm256-sha256-ecp256]\n",
    code: "gcm-main-mode",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "3DES main mode",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@3des-sha256-ecp256]\n",
    code: "weak-crypto",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "MD5 object proposal",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@{ cipher: aes256, integrity: md5, dh: ecp256 }]\n",
    code: "weak-crypto",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "DH group 1",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [@@aes256-sha256-modp768]\n",
    code: "weak-crypto",
    path: "mainMode[0].proposals[0]",
  },
  {
    name: "AH SHA-1 without opt-in",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [@@ah-sha1]\n",
    code: "weak-crypto",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "DES ESP",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [@@esp-des-sha256]\n",
    code: "weak-crypto",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "PFS group 2",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    pfs: @@dh2\n",
    code: "weak-crypto",
    path: "quickMode[0].pfs",
  },
  {
    name: "GCM cipher with HMAC integrity",
    text: HEAD + MM +
      "quickMode:\n  - name: qm\n    proposals: [@@{ esp: { cipher: aesgcm256, integrity: sha256 } }]\n",
    code: "bad-proposal",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "unknown ESP algorithm",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [@@esp-aes256-whirlpool]\n",
    code: "bad-proposal",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "empty proposal object",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [@@{}]\n",
    code: "bad-proposal",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "AH across NAT",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [@@ah-sha256]\n    natTraversal: general\n",
    code: "ah-nat",
    path: "quickMode[0].proposals[0]",
  },
  {
    name: "Kerberos with IKEv2",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev2\n    auth: [@@kerberos]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "auth-key-module",
    path: "mainMode[0].auth[0]",
  },
  {
    name: "same method twice",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos, @@kerberos]\n    proposals: [aes256-sha256-ecp256]\n",
    code: "duplicate-auth",
    path: "mainMode[0].auth[1]",
  },
  {
    name: "PSK in extended mode",
    text: HEAD + MM +
      "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    userAuth: [@@{ psk: { env: K } }]\n",
    code: "em-method",
    path: "quickMode[0].userAuth[0]",
  },
  // --- lifetimes ---
  {
    name: "main-mode lifetime 10s",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n    lifetime: @@10s\n",
    code: "lifetime",
    path: "mainMode[0].lifetime",
  },
  {
    name: "main-mode lifetime 3 days",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n    lifetime: @@3d\n",
    code: "lifetime",
    path: "mainMode[0].lifetime",
  },
  {
    name: "soft expiration after lifetime",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n    lifetime: 1h\n    softExpiration: @@2h\n",
    code: "lifetime",
    path: "mainMode[0].softExpiration",
  },
  {
    name: "duration with bad unit",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n    lifetime: @@8 hours\n",
    code: "pattern",
    path: "mainMode[0].lifetime",
  },
  {
    name: "quick-mode kilobytes too small",
    text: HEAD + MM +
      "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    lifetime: { seconds: 3600, kilobytes: @@100 }\n",
    code: "lifetime",
    path: "quickMode[0].lifetime.kilobytes",
  },
  {
    name: "quick-mode lifetime 60s",
    text: HEAD + MM +
      "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    lifetime: { seconds: @@60 }\n",
    code: "lifetime",
    path: "quickMode[0].lifetime.seconds",
  },
  {
    name: "fail-over idle above idle",
    text: HEAD + MM +
      "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    idleTimeout: @@{ seconds: 120, failover: 600 }\n",
    code: "lifetime",
    path: "quickMode[0].idleTimeout",
  },
  // --- references and names ---
  {
    name: "undefined quick mode",
    text: ok1 +
      "rules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: mm\n    quickMode: @@qm2\n",
    code: "undefined-reference",
    path: "rules[0].quickMode",
  },
  {
    name: "undefined main mode in a list",
    text: ok1 +
      "rules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: [mm, @@nope]\n    quickMode: qm\n",
    code: "undefined-reference",
    path: "rules[0].mainMode[1]",
  },
  {
    name: "duplicate rule name",
    text: ok1 +
      "rules:\n  - { name: r, remote: 10.0.0.1, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n  - { name: @@r, remote: 10.0.0.2, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n",
    code: "duplicate-name",
    path: "rules[1].name",
  },
  {
    name: "two main modes of one key module",
    text: HEAD + MM +
      "  - name: mm2\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n" +
      QM +
      "rules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: [mm, @@mm2]\n    quickMode: qm\n",
    code: "duplicate-key-module",
    path: "rules[0].mainMode[1]",
  },
  {
    name: "tunnel quick mode used by a rule",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    mode: tunnel\n    proposals: [esp-aesgcm256]\n" +
      "rules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: mm\n    quickMode: @@qm\n",
    code: "mode-mismatch",
    path: "rules[0].quickMode",
  },
  // --- selectors and security ---
  {
    name: "address octet 256",
    text: ok1 + rule("    remote: @@10.0.0.256\n"),
    code: "bad-address",
    path: "rules[0].remote",
  },
  {
    name: "prefix with host bits",
    text: ok1 + rule("    remote: [10.0.0.0/8, @@10.1.2.3/16]\n"),
    code: "bad-address",
    path: "rules[0].remote[1]",
  },
  {
    name: "IPv6 prefix too long",
    text: ok1 + rule("    remote: @@2001:db8::/129\n"),
    code: "bad-address",
    path: "rules[0].remote",
  },
  {
    name: "reversed range",
    text: ok1 + rule("    local: @@10.0.0.9-10.0.0.1\n"),
    code: "bad-address",
    path: "rules[0].local",
  },
  {
    name: "IPv4 local, IPv6 remote",
    text: ok1 + rule("    local: 10.0.0.1\n    remote: @@2001:db8::1\n"),
    code: "family-mismatch",
    path: "rules[0].remote",
  },
  {
    name: "family contradicts addresses",
    text: ok1 + rule("    remote: 10.0.0.0/8\n    family: @@ipv6\n"),
    code: "family-mismatch",
    path: "rules[0].family",
  },
  {
    name: "ports without protocol",
    text: ok1 + rule("    localPorts: @@443\n"),
    code: "ports-need-protocol",
    path: "rules[0].localPorts",
  },
  {
    name: "bad port range",
    text: ok1 + rule("    protocol: tcp\n    remotePorts: @@9000-8000\n"),
    code: "bad-port",
    path: "rules[0].remotePorts",
  },
  {
    name: "clear in, require out",
    text: ok1 + rule("", "inbound: clear\n    outbound: @@require\n"),
    code: "security-pair",
    path: "rules[0].outbound",
  },
  {
    name: "clear both ways",
    text: ok1 + rule("", "inbound: @@clear\n    outbound: clear\n"),
    code: "security-pair",
    path: "rules[0].inbound",
  },
  {
    name: "user authorization without extended mode",
    text: ok1 + rule("    authorization:\n      users: @@D:(A;;0x1;;;S-1-5-21-1-2-3-1105)\n"),
    code: "authz-needs-em",
    path: "rules[0].authorization.users",
  },
  {
    name: "SDDL with a domain-relative alias",
    text: ok1 + rule("    authorization:\n      machines: @@D:(A;;0x1;;;DC)\n"),
    code: "bad-sddl",
    path: "rules[0].authorization.machines",
  },
  {
    name: "SDDL garbage",
    text: ok1 + rule("    authorization:\n      machines: @@not sddl\n"),
    code: "bad-sddl",
    path: "rules[0].authorization.machines",
  },
  {
    name: "user auth with IKEv1",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [kerberos]\n    proposals: [aes256-sha256-dh14]\n" +
      "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    userAuth: [kerberos]\nrules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: @@mm\n    quickMode: qm\n",
    code: "em-ikev1",
    path: "rules[0].mainMode",
  },
  {
    name: "encryption with AH-only proposal",
    text: HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256, ah-sha256]\n" +
      rule("    requireEncryption: @@true\n"),
    code: "encryption-needs-esp",
    path: "rules[0].requireEncryption",
  },
  {
    name: "relative program path",
    text: ok1 + rule("    program: @@payroll.exe\n"),
    code: "bad-program",
    path: "rules[0].program",
  },
  {
    name: "program on a request-only rule",
    text: ok1 + rule("    program: @@C:\\\\app.exe\n", "inbound: request\n    outbound: request\n"),
    code: "program-needs-ale",
    path: "rules[0].program",
  },
  {
    name: "overlapping rules with different security and the same precedence",
    text: ok1 +
      "rules:\n  - { name: wide, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n" +
      "  - @@{ name: narrow, remote: 10.0.0.0/8, inbound: require, outbound: require, mainMode: mm, quickMode: qm }\n",
    code: "rule-overlap",
    path: "rules[1]",
  },
  {
    name: "a conflicting rule behind a hundred overlapping rules of one security is still found",
    text: ok1 + "rules:\n" +
      Array.from(
        { length: 100 },
        (_, i) =>
          `  - { name: same${i}, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }\n`,
      ).join("") +
      "  - @@{ name: late, remote: 10.0.0.0/8, inbound: require, outbound: require, mainMode: mm, quickMode: qm }\n",
    code: "rule-overlap",
    path: "rules[100]",
  },
  {
    name: "exemption with no selector",
    text: HEAD + "exemptions:\n  - @@{ name: everything }\n",
    code: "missing-field",
    path: "exemptions[0]",
  },
  {
    name: "unknown built-in exemption",
    text: HEAD + "exemptions: [@@netbios]\n",
    code: "enum",
    path: "exemptions[0]",
  },
  // --- tunnels and manual SAs ---
  {
    name: "tunnel endpoint is a subnet",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev2\n    auth: [{ psk: { env: K } }]\n    proposals: [aes256-sha256-ecp256]\nquickMode:\n  - name: qm\n    mode: tunnel\n    proposals: [esp-aesgcm256]\ntunnels:\n  - name: t\n    mainMode: mm\n    quickMode: qm\n    localEndpoint: @@10.0.0.0/24\n    remoteEndpoint: 10.9.9.9\n    local: 10.1.0.0/16\n    remote: 10.2.0.0/16\n",
    code: "bad-endpoint",
    path: "tunnels[0].localEndpoint",
  },
  {
    name: "tunnel endpoints of two families",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev2\n    auth: [{ psk: { env: K } }]\n    proposals: [aes256-sha256-ecp256]\nquickMode:\n  - name: qm\n    mode: tunnel\n    proposals: [esp-aesgcm256]\ntunnels:\n  - name: t\n    mainMode: mm\n    quickMode: qm\n    localEndpoint: 10.0.0.1\n    remoteEndpoint: @@2001:db8::1\n    pointToPoint: true\n",
    code: "family-mismatch",
    path: "tunnels[0].remoteEndpoint",
  },
  {
    name: "site-to-site tunnel without selectors",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev2\n    auth: [{ psk: { env: K } }]\n    proposals: [aes256-sha256-ecp256]\nquickMode:\n  - name: qm\n    mode: tunnel\n    proposals: [esp-aesgcm256]\ntunnels:\n  - @@name: t\n    mainMode: mm\n    quickMode: qm\n    localEndpoint: 10.0.0.1\n    remoteEndpoint: 10.0.0.2\n",
    code: "missing-field",
    path: "tunnels[0]",
  },
  {
    name: "tunnel with a transport quick mode",
    text: HEAD +
      "mainMode:\n  - name: mm\n    keyModule: ikev2\n    auth: [{ psk: { env: K } }]\n    proposals: [aes256-sha256-ecp256]\n" +
      QM +
      "tunnels:\n  - name: t\n    mainMode: mm\n    quickMode: @@qm\n    localEndpoint: 10.0.0.1\n    remoteEndpoint: 10.0.0.2\n    pointToPoint: true\n",
    code: "mode-mismatch",
    path: "tunnels[0].quickMode",
  },
  {
    name: "manual SA with two transforms",
    text: HEAD +
      "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: 2.2.2.2\n    inbound: { spi: 4096, transform: @@ah-sha256+esp-aesgcm256, key: { env: K } }\n    outbound: { spi: 4097, transform: ah-sha256, key: { env: K } }\n",
    code: "bad-proposal",
    path: "manualSas[0].inbound.transform",
  },
  {
    name: "manual SA MD5",
    text: HEAD +
      "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: 2.2.2.2\n    inbound: { spi: 4096, transform: ah-sha256, key: { env: K } }\n    outbound: { spi: 4097, transform: @@ah-md5, key: { env: K } }\n",
    code: "weak-crypto",
    path: "manualSas[0].outbound.transform",
  },
  {
    name: "manual SA across families",
    text: HEAD +
      "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: @@::2\n    inbound: { spi: 4096, transform: ah-sha256, key: { env: K } }\n    outbound: { spi: 4097, transform: ah-sha256, key: { env: K } }\n",
    code: "family-mismatch",
    path: "manualSas[0].remote",
  },
];

Deno.test(`bad corpus has at least 50 documents (${cases.length})`, () => {
  ok(cases.length >= 50);
  equal(new Set(cases.map((c) => c.name)).size, cases.length);
});

for (const c of cases) {
  Deno.test(`bad: ${c.name} -> ${c.code}`, () => {
    const hit = refusedAt(c.text, c.code, c.path);
    ok(hit.message.length > 20, "the message says what is allowed");
  });
}

Deno.test("all errors of a document are reported at once, in position order", () => {
  const text = HEAD + MM + "quickMode:\n  - name: qm\n    proposals: [ah-md5]\n    natTraversal: general\n" +
    "rules:\n  - name: r\n    remote: 10.0.0.300\n    inbound: require\n    outbound: request\n    mainMode: nope\n    quickMode: qm\n";
  try {
    loadPolicy(text, "many.yaml");
    fail("accepted");
  } catch (e) {
    ok(e instanceof PolicyError);
    const codes = e.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    for (const c of ["weak-crypto", "ah-nat", "bad-address", "undefined-reference"]) ok(codes.includes(c), c);
    const lines = e.diagnostics.filter((d) => d.severity === "error").map((d) => d.line);
    equal(lines.join(), [...lines].sort((a, b) => a - b).join());
    ok(e.message.includes("many.yaml:"), "the error message lists file:line:col");
  }
});

Deno.test("a secret written in the wrong place is refused without being repeated in any diagnostic", () => {
  const secret = "S3cr3t-Key-Material+/=";
  for (const spot of [`psk: "${secret}"`, `psk: { env: "${secret}" }`]) {
    const text = HEAD +
      `mainMode:\n  - name: mm\n    keyModule: ikev1\n    auth: [{ ${spot} }]\n    proposals: [aes256-sha256-dh14]\n`;
    try {
      loadPolicy(text, "s.yaml");
      fail("accepted");
    } catch (e) {
      ok(e instanceof PolicyError);
      ok(!e.message.includes(secret) && !JSON.stringify(e.diagnostics).includes(secret), spot);
    }
  }
  const sa = HEAD + "manualSas:\n  - name: s\n    local: 1.1.1.1\n    remote: 2.2.2.2\n" +
    `    inbound: { spi: 4096, transform: ah-sha256, key: "${secret}" }\n` +
    "    outbound: { spi: 4097, transform: ah-sha256, key: { env: K } }\n";
  try {
    loadPolicy(sa, "s.yaml");
    fail("accepted");
  } catch (e) {
    ok(e instanceof PolicyError && !JSON.stringify(e.diagnostics).includes(secret));
  }
});
