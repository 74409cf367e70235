/**
 * `wfpsec import --gpfas`: a `reg export` of the Windows Firewall policy store ([MS-GPFAS] 2.2.4-2.2.6) becomes a
 * policy that validates and compiles; what the policy cannot say is listed; malformed input is a located
 * ImportError. Fixtures (tests/fixtures/import/*.reg, UTF-16LE as regedit writes them) follow the spec's own
 * examples (section 4.3/4.4) plus an IKEv2 pre-shared-key rule.
 */
import assert from "node:assert/strict";
import { ImportError, importGpfas } from "../../../modules/import/mod.ts";
import { caNameToRootCa } from "../../../modules/import/toPolicy.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { importFixture, importFixtureText, regBytes } from "../../support/regFixture.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

const GPO = "gpo-domain-isolation.reg";

function gpo(edit: (text: string) => string = (t) => t) {
  return importGpfas(regBytes(edit(importFixtureText(GPO))), GPO);
}

function importError(f: () => unknown, re: RegExp): ImportError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ImportError, String(e));
    assert.match(e.message, re);
    return e;
  }
  throw new assert.AssertionError({ message: `expected an ImportError matching ${re}` });
}

Deno.test("the GPO export becomes a policy that validates and compiles", () => {
  const r = importGpfas(Deno.readFileSync(importFixture(GPO)), GPO);
  const { policy, warnings } = loadPolicy(r.text, "imported.yaml");
  const graph = compilePolicy(policy);
  assert.ok(graph.filters.length > 0);
  assert.ok(!warnings.some((w) => w.severity === "error"));
  assert.deepEqual(r.counts, { rules: 2, exemptions: 3, skipped: 2 });
});

Deno.test("domain isolation: SecureServer is require in / request out, its sets become its policies", () => {
  const doc = gpo().document as Obj;
  const rule = doc.rules.find((x: Obj) => x.name === "Domain-Isolation-Rule");
  assert.equal(rule.inbound, "require");
  assert.equal(rule.outbound, "request");
  assert.equal(rule.description, "Domain Isolation Rule: AuthIP policy");
  // 10.0.0.0/255.0.0.0 is written as a prefix; v4 and v6 endpoints together.
  assert.deepEqual(rule.remote, ["10.0.0.0/8", "2001:db8::/32"]);
  const mm = doc.mainMode.find((m: Obj) => m.name === rule.mainMode);
  assert.equal(mm.keyModule, "authip");
  // Kerberos then the certificate, in suite order; the CA name is reversed to most specific first.
  assert.deepEqual(mm.auth, ["kerberos", {
    certificate: { rootCA: "CN=Contoso Corporate Root CA, O=Contoso Corporation" },
  }]);
  // The default phase 1 crypto set, renamed by the GPO ([MS-GPFAS] 2.2.5), with its 2_1Hash values.
  assert.deepEqual(mm.proposals, ["aes256-sha384-ecp384", "aes128-sha256-dh14"]);
  assert.equal(mm.lifetime, "480m");
  const qm = doc.quickMode.find((q: Obj) => q.name === rule.quickMode);
  // ESP SHA-1 only, ESP AES-GMAC-128 (2_1EspHash), AH SHA-1, ESP 3DES + SHA-1.
  assert.deepEqual(qm.proposals, ["esp-sha1", "esp-gmac128", "ah-sha1", "esp-3des-sha1"]);
  assert.equal(qm.pfs, "none");
  assert.deepEqual(qm.lifetime, { seconds: "60m", kilobytes: 2147483647 });
  assert.deepEqual(qm.userAuth, [
    "kerberos",
    "ntlmv2",
    { certificate: { rootCA: "CN=TPM Root" } },
    "anonymous",
  ]);
  assert.equal(doc.allowWeakCrypto, true);
});

Deno.test("user authentication keeps the rule AuthIP only, and says so", () => {
  const r = gpo();
  const rule = (r.document as Obj).rules.find((x: Obj) => x.name === "Domain-Isolation-Rule");
  assert.equal(typeof rule.mainMode, "string");
  assert.ok(r.notExpressed.some((n) => n.field === "KeyModule" && n.value === "IKEv1"));
});

Deno.test("a pre-shared key is referenced by an environment variable and never copied", () => {
  const r = gpo();
  const doc = r.document as Obj;
  const mm = doc.mainMode.find((m: Obj) => m.keyModule === "ikev2");
  assert.deepEqual(mm.auth, [{ psk: { env: "WFPSEC_PSK_BRANCH_PSK" } }]);
  assert.deepEqual(r.secretVariables, ["WFPSEC_PSK_BRANCH_PSK"]);
  assert.ok(!r.text.includes("Sup3r-Secret-Branch-Key"));
  assert.ok(!JSON.stringify(r).includes("Sup3r-Secret-Branch-Key"));
  const rule = doc.rules.find((x: Obj) => x.mainMode === mm.name);
  assert.deepEqual([rule.protocol, rule.localPorts, rule.remote], ["tcp", 443, "192.168.50.0/24"]);
  const qm = doc.quickMode.find((q: Obj) => q.name === rule.quickMode);
  assert.deepEqual([qm.proposals, qm.pfs], [["esp-aesgcm256"], "ecp384"]);
});

Deno.test("DoNotSecure becomes an exemption; IPsecExempt 0x0a gives icmp and dhcp", () => {
  const doc = gpo().document as Obj;
  assert.deepEqual(doc.exemptions, [
    "icmp",
    "dhcp",
    {
      name: "Exempt-TCP-Ports-on-Specific-boxes",
      remote: ["157.56.56.23", "157.56.59.42"],
      protocol: "tcp",
      localPorts: [5357, 5358, 5363],
    },
  ]);
});

Deno.test("what the policy cannot say is listed with file and line, and in the file's comment block", () => {
  const r = gpo();
  const by = (field: string) => r.notExpressed.find((n) => n.field === field);
  assert.match(by("Tunnel")!.reason, /tunnel-mode rules are not imported/);
  assert.equal(by("Tunnel")!.at?.line, 10);
  assert.match(by("Active")!.reason, /disabled/);
  assert.equal(by("Profile")!.value, "Domain");
  assert.match(by("CertAccountMapping")!.reason, /no certificate flags/);
  for (const n of r.notExpressed) assert.ok(r.text.includes(n.reason), n.reason);
  assert.match(r.text, /^# Imported by wfpsec import/);
});

Deno.test("a local-store rule on the default sets gets Windows' defaults; firewall rules are listed", () => {
  const r = importGpfas(Deno.readFileSync(importFixture("local-store.reg")), "local-store.reg");
  const rule = (r.document as Obj).rules[0];
  assert.deepEqual(rule, { name: "Auth", inbound: "require", outbound: "request" });
  assert.ok(r.notExpressed.some((n) => n.field === "FirewallRules"));
  const { warnings } = loadPolicy(r.text, "x.yaml");
  assert.ok(warnings.some((w) => w.code === "windows-default"));
});

Deno.test("a rule naming a set the export lacks is left out and listed", () => {
  const r = gpo((t) =>
    t.replace(
      "Crypto2Set={3A9E6F21-5B7C-4D8E-9F01-2C3D4E5F6A7B}",
      "Crypto2Set={00000000-0000-0000-0000-000000000001}",
    )
  );
  assert.equal(r.counts.rules, 1);
  assert.ok(r.notExpressed.some((n) => n.field === "QuickModeCryptoSet" && /does not define/.test(n.reason)));
});

Deno.test("an address keyword the policy lacks leaves the rule out rather than widening it", () => {
  const r = gpo((t) => t.replace("EP2_4=192.168.50.0/24", "EP2_4=IntrAnet"));
  assert.ok(r.notExpressed.some((n) => n.field === "remote" && n.value === "intranet"));
  assert.equal(r.counts.rules, 1);
});

Deno.test("CA names are reversed into wfpsec's order, escapes kept", () => {
  assert.equal(caNameToRootCa("C=US, O=Contoso\\, Ltd, CN=Root"), "CN=Root, O=Contoso\\, Ltd, C=US");
  assert.equal(caNameToRootCa("not a dn"), undefined);
});

const malformed: Array<[string, (t: string) => string, RegExp, number]> = [
  [
    "an unknown action",
    (t) => t.replace("Action=SecureServer", "Action=RequireInRequestOut"),
    /Action "RequireInRequestOut" is not one of/,
    8,
  ],
  [
    "a protocol over 255",
    (t) => t.replace("Protocol=6|EP1Port=443", "Protocol=300|EP1Port=443"),
    /Protocol "300" is not a number from 0 to 255/,
    11,
  ],
  [
    "a bad IPv4 address",
    (t) => t.replace("EP2_4=157.56.56.23", "EP2_4=157.56.56.300"),
    /"157\.56\.56\.300" is not an IPv4 address/,
    9,
  ],
  ["a port over 65535", (t) => t.replace("EP1Port=5357", "EP1Port=70000"), /"70000" is not a port/, 9],
  [
    "a token the grammar lacks",
    (t) => t.replace("|Desc=AuthIP policy|", "|Bogus=1|"),
    /"Bogus" is not a connection security rule token/,
    8,
  ],
  [
    "a repeated single token",
    (t) => t.replace("Name=Domain Isolation Rule|", "Name=A|Name=B|"),
    /Name may appear only once/,
    8,
  ],
  [
    "a rule string without a version",
    (t) => t.replace('"v2.10|Action=SecureServer', '"Action=SecureServer'),
    /must start with a version/,
    8,
  ],
  [
    "an unknown auth method",
    (t) => t.replace('"Method"="MachineKerb"', '"Method"="MachineKerberos"'),
    /phase 1 auth method "MachineKerberos" is not one of/,
    21,
  ],
  [
    "a phase 2 method in a phase 1 set",
    (t) => t.replace('"Method"="MachineKerb"', '"Method"="UserKerb"'),
    /phase 1 auth method "UserKerb"/,
    21,
  ],
  [
    "a suite key that is not 4 digits",
    (t) =>
      t.replace(
        "{212D4E36-DB6E-4EAE-A65F-1C4615EBFDDB}\\0000]",
        "{212D4E36-DB6E-4EAE-A65F-1C4615EBFDDB}\\12]",
      ),
    /4-digit index/,
    20,
  ],
  [
    "an unknown QM protocol",
    (t) => t.replace('"Protocol"="AH"', '"Protocol"="GRE"'),
    /Protocol "GRE" is not one of AH, ESP, AH&ESP/,
    126,
  ],
  [
    "an AH suite without AhHash",
    (t) => t.replace('"AhHash"="SHA1"\n', ""),
    /protocol AH needs an AhHash value/,
    125,
  ],
  [
    "a lifetime past the spec's limit",
    (t) => t.replace('"TimeOutMinutes"="480"', '"TimeOutMinutes"="99999999"'),
    /"99999999" is not a whole number from 0 to 71582788/,
    78,
  ],
  [
    "IPsecExempt as a string",
    (t) => t.replace('"IPsecExempt"=dword:0000000a', '"IPsecExempt"="10"'),
    /IPsecExempt must be a REG_DWORD/,
    5,
  ],
  [
    "a rule that is not REG_SZ",
    (t) =>
      t.replace(
        /"\{9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A\}"=".*"/,
        '"{9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A}"=dword:00000001',
      ),
    /value must be REG_SZ/,
    12,
  ],
  [
    "a value given twice",
    (t) => t.replace('"Method"="MachineKerb"', '"Method"="MachineKerb"\n"method"="MachineCert"'),
    /value "method" is given twice/,
    22,
  ],
];

for (const [what, edit, re, line] of malformed) {
  Deno.test(`malformed input is a located ImportError: ${what}`, () => {
    const e = importError(() => gpo(edit), re);
    assert.equal(e.location.file, GPO);
    assert.equal(e.location.line, line, e.message);
    assert.ok(e.message.startsWith(`${GPO}:${line}`), e.message);
  });
}

Deno.test("a file with two stores, or none, is refused", () => {
  const local = importFixtureText("local-store.reg").split("\n").slice(1).join("\n");
  importError(() => importGpfas(regBytes(importFixtureText(GPO) + "\n" + local), GPO), /two policy stores/);
  importError(
    () =>
      importGpfas(
        regBytes('Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\X]\n"a"="b"\n'),
        "x.reg",
      ),
    /no Windows Firewall IPsec policy in this file/,
  );
});

Deno.test("authorization: the rule's SDDL is carried; store-wide lists or a bad SDDL leave the rule out", () => {
  const sddl = "D:(A;;CC;;;S-1-5-21-1-2-3-515)";
  const withSddl = gpo((t) =>
    t.replace(
      "|Name=Domain Isolation Rule|",
      `|Name=Domain Isolation Rule|Authz=TRUE|TransportMachineAuthzSDDL=${sddl}|`,
    )
  );
  const rule = (withSddl.document as Obj).rules.find((x: Obj) => x.name === "Domain-Isolation-Rule");
  assert.deepEqual(rule.authorization, { machines: sddl });
  loadPolicy(withSddl.text, "x.yaml");

  // Without the rule's own SDDL, importing it would let every authenticated peer in.
  const storeWide = gpo((t) =>
    t.replace("|Name=Domain Isolation Rule|", "|Name=Domain Isolation Rule|Authz=TRUE|")
  );
  assert.equal(storeWide.counts.rules, 1);
  assert.ok(storeWide.notExpressed.some((n) => n.field === "Authz" && /rule not imported/.test(n.reason)));
  assert.ok(!(storeWide.document as Obj).rules.some((x: Obj) => x.name === "Domain-Isolation-Rule"));

  const noDacl = gpo((t) =>
    t.replace(
      "|Name=Domain Isolation Rule|",
      "|Name=Domain Isolation Rule|Authz=TRUE|TransportMachineAuthzSDDL=O:BA|",
    )
  );
  assert.ok(
    noDacl.notExpressed.some((n) => n.field === "TransportMachineAuthzSDDL" && /no DACL/.test(n.reason)),
  );
});

Deno.test("two pre-shared-key sets of the same name get two variables", () => {
  const t = importFixtureText(GPO);
  const second = t
    .replace(/(\[[^\]]*\{7D0F3C52-8E1A-4C6B-B5B2-54F7E3A1D0C9\}\]\n(?:.*\n)*?\n)/, "$1")
    .replace(
      '"{9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A}"="v2.10|Action=Boundary|Active=FALSE|Name=Old boundary rule|EP2_4=172.16.0.0/12|"',
      '"{9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A}"="v2.10|Action=Secure|Active=TRUE|KeyMod=IkeV1|Name=Second PSK rule|EP2_4=172.16.0.0/12|Auth1Set={AAAAAAAA-0000-4000-8000-000000000001}|"',
    ) +
    "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\Phase1AuthenticationSets\\{AAAAAAAA-0000-4000-8000-000000000001}]\n" +
    '"Name"="Branch PSK"\n\n' +
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\Phase1AuthenticationSets\\{AAAAAAAA-0000-4000-8000-000000000001}\\0000]\n" +
    '"Method"="MachineSHKey"\n"SHKey"="another-secret"\n';
  const r = importGpfas(regBytes(second), GPO);
  assert.deepEqual(r.secretVariables, ["WFPSEC_PSK_BRANCH_PSK", "WFPSEC_PSK_BRANCH_PSK_2"]);
  assert.ok(!r.text.includes("another-secret"));
  loadPolicy(r.text, "x.yaml");
});

Deno.test("control characters in names and descriptions do not reach the policy", () => {
  const r = gpo((t) => t.replace("|Desc=AuthIP policy|", "|Desc=AuthIP\tpolicy\u0007|"));
  const rule = (r.document as Obj).rules.find((x: Obj) => x.name === "Domain-Isolation-Rule");
  assert.equal(rule.description, "Domain Isolation Rule: AuthIP policy");
  loadPolicy(r.text, "x.yaml");
});

Deno.test("an address keyword the policy resolves (LocalSubnet) is imported as the keyword, not left out", () => {
  const r = gpo((t) => t.replace("EP2_4=192.168.50.0/24", "EP2_4=LocalSubnet"));
  assert.ok(!r.notExpressed.some((n) => n.field === "remote" && n.value === "localsubnet"));
  assert.equal(r.counts.rules, 2);
  const rule = (r.document as Obj).rules.find((x: Obj) => JSON.stringify(x.remote).includes("localsubnet"));
  assert.ok(rule, JSON.stringify((r.document as Obj).rules.map((x: Obj) => x.remote)));
  loadPolicy(r.text, "x.yaml");
});

Deno.test("addresses the policy would refuse are refused at their line: bad IPv6, a backwards range", () => {
  importError(
    () => gpo((t) => t.replace("EP2_6=2001:db8::/32", "EP2_6=2001:db8::1::2")),
    /"2001:db8::1::2" is not an IPv6 address/,
  );
  importError(
    () => gpo((t) => t.replace("EP2_4=157.56.56.23", "EP2_4=10.0.0.9-10.0.0.1")),
    /"10\.0\.0\.9-10\.0\.0\.1" is not an IPv4 address/,
  );
});

Deno.test("store-wide settings: the transport authorization list serves Authz rules; the others are listed", () => {
  const sddl = "D:(A;;CC;;;S-1-5-21-1-2-3-515)";
  const r = gpo((t) =>
    t.replace(
      '"IPsecExempt"=dword:0000000a',
      `"IPsecExempt"=dword:0000000a\n"IPsecTransportRemoteMachineAuthorizationList"="${sddl}"\n"SAIdlTime"=dword:0000012c`,
    ).replace("|Name=Domain Isolation Rule|", "|Name=Domain Isolation Rule|Authz=TRUE|")
  );
  const rule = (r.document as Obj).rules.find((x: Obj) => x.name === "Domain-Isolation-Rule");
  assert.deepEqual(rule.authorization, { machines: sddl });
  const idle = r.notExpressed.find((n) => n.field === "SAIdlTime")!;
  assert.equal(idle.value, "300");
  assert.equal(idle.at?.line, 7);
  loadPolicy(r.text, "x.yaml");
});

Deno.test("a malformed pre-shared key value is located without quoting the key", () => {
  for (const bad of ['"SHKey"=Sup3r-Secret-Branch-Key', '"SHKey"="Sup3r\\Secret-Branch-Key"']) {
    const e = importError(() => gpo((t) => t.replace('"SHKey"="Sup3r-Secret-Branch-Key"', bad)), /SHKey/);
    assert.equal(e.location.line, 46);
    assert.ok(!/Sup3r|Secret|\\S/.test(e.message.replace("(SHKey)", "")), e.message);
  }
});

Deno.test("a GPO's Registry.pol ([MS-GPREG]) imports to the same policy as the reg export", async () => {
  const { polValuesFromReg, registryPol } = await import("../../support/regPol.ts");
  const fromReg = gpo();
  const pol = registryPol(polValuesFromReg(importFixtureText(GPO)));
  const fromPol = importGpfas(pol, "Registry.pol", { name: "gpo-domain-isolation" });
  assert.deepEqual(fromPol.document, {
    ...(fromReg.document as Obj),
    description: (fromPol.document as Obj).description,
  });
  assert.deepEqual(fromPol.counts, fromReg.counts);
  assert.ok(!fromPol.text.includes("Sup3r-Secret-Branch-Key"));
  // A cut file names the instruction it ends in.
  const e = importError(
    () => importGpfas(pol.subarray(0, pol.length - 7), "Registry.pol"),
    /instruction \d+ \(byte \d+\)/,
  );
  assert.equal(e.location.file, "Registry.pol");
  importError(
    () => importGpfas(new Uint8Array([0x50, 0x52, 0x65, 0x67, 2, 0, 0, 0]), "Registry.pol"),
    /version 1/,
  );
});
