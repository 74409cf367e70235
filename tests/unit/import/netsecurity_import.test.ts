/**
 * `wfpsec import --netsecurity-json`: NetSecurity's objects (Get-NetIPsecRule with its address and port filters,
 * the phase 1/2 auth sets and the crypto sets, as ConvertFrom-NetIPsecRule serialises them) become a policy
 * that validates and compiles, through the same mapping as the GPO importer. Malformed input is a located
 * ImportError (file, line of the JSON member, property path).
 */
import assert from "node:assert/strict";
import { ImportError, importNetSecurity } from "../../../modules/import/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { importFixture } from "../../support/regFixture.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;
const FILE = "netsecurity-servers.json";
const TEXT = Deno.readTextFileSync(importFixture(FILE));

function imp(edit: (doc: Obj) => void = () => {}) {
  const doc = JSON.parse(TEXT);
  edit(doc);
  return importNetSecurity(JSON.stringify(doc, null, 2), FILE);
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

Deno.test("NetSecurity objects become a policy that validates and compiles", () => {
  const r = importNetSecurity(TEXT, FILE);
  const { policy } = loadPolicy(r.text, "imported.yaml");
  assert.ok(compilePolicy(policy).filters.length > 0);
  assert.deepEqual(r.counts, { rules: 2, exemptions: 2, skipped: 1 });
});

Deno.test("the mapping page's example: Require/Request AuthIP Kerberos, DH20 is ecp384, the sets by name", () => {
  const doc = imp().document as Obj;
  const rule = doc.rules.find((x: Obj) => x.name === "servers");
  assert.deepEqual([rule.remote, rule.inbound, rule.outbound], ["10.1.0.0/16", "require", "request"]);
  const mm = doc.mainMode.find((m: Obj) => m.name === rule.mainMode);
  assert.deepEqual([mm.keyModule, mm.auth, mm.proposals, mm.lifetime], ["authip", ["kerberos"], [
    "aes256-sha256-ecp384",
  ], "480m"]);
  const qm = doc.quickMode.find((q: Obj) => q.name === rule.quickMode);
  assert.deepEqual([qm.proposals, qm.pfs, qm.lifetime], [["esp-aes256-sha256"], "none", {
    seconds: "60m",
    kilobytes: 100000,
  }]);
});

Deno.test("certificate proposals: Authority reversed to rootCA, signing, EKU, subject name; PSK by reference", () => {
  const r = imp();
  const mm = (r.document as Obj).mainMode.find((m: Obj) => m.keyModule === "ikev2");
  assert.deepEqual(mm.auth, [
    {
      certificate: {
        rootCA: "CN=Contoso Root CA, O=Contoso, C=US",
        signing: "ecdsa256",
        eku: ["1.3.6.1.5.5.7.3.1"],
        name: { type: "dns", value: "web.contoso.com" },
      },
    },
    { psk: { env: "WFPSEC_PSK_WEB_CERTS" } },
  ]);
  assert.deepEqual(r.secretVariables, ["WFPSEC_PSK_WEB_CERTS"]);
});

Deno.test("filters: a dotted mask becomes a prefix, ranges and ports are kept, interfaces are listed", () => {
  const r = importNetSecurity(TEXT, FILE); // the fixture as written: its line numbers
  const rule = (r.document as Obj).rules.find((x: Obj) => x.name === "web-front-ends");
  assert.deepEqual(rule.remote, ["192.168.10.0/24", "192.168.11.5-192.168.11.9"]);
  assert.deepEqual([rule.protocol, rule.localPorts], ["tcp", [443, 8443]]);
  const iface = r.notExpressed.find((n) => n.field === "InterfaceAlias")!;
  assert.equal(iface.what, 'rule "web front ends"');
  assert.equal(iface.at?.line, 48);
});

Deno.test("None/None is an exemption; the global Exemptions setting gives icmp", () => {
  const doc = imp().document as Obj;
  assert.deepEqual(doc.exemptions, ["icmp", {
    name: "dns-exemption",
    remote: "10.0.0.53",
    protocol: "udp",
    remotePorts: 53,
  }]);
});

Deno.test("CIM numbers are read as the MSFT_Net* classes document them", () => {
  const r = imp((d) => {
    Object.assign(d.rules[0], { InboundSecurity: 2, OutboundSecurity: 2, KeyModule: 3, Enabled: 1 });
    d.mainModeCryptoSets[0].Proposal[0] = { CipherAlgorithm: 65003, HashAlgorithm: 65002, GroupId: 19 };
    d.quickModeCryptoSets[0].Proposal[0] = {
      Encapsulation: 2,
      CipherAlgorithm: 65006,
      HashAlgorithmESP: 65005,
    };
  });
  const doc = r.document as Obj;
  const rule = doc.rules.find((x: Obj) => x.name === "servers");
  assert.equal(rule.outbound, "require");
  // KeyModule 3 = IKEv1 (0x1) + AuthIP (0x2): one main-mode policy each.
  assert.equal(rule.mainMode.length, 2);
  assert.deepEqual(doc.mainMode[0].proposals, ["aes256-sha384-ecp256"]);
  assert.deepEqual(doc.quickMode[0].proposals, ["esp-aesgcm256"]);
});

Deno.test("a tunnel-mode rule and an unsupported address keyword leave the rule out, listed", () => {
  const r = imp((d) => {
    d.rules[0].Mode = "Tunnel";
    d.rules[1].RemoteAddress = ["Intranet"];
  });
  assert.equal(r.counts.rules, 0);
  assert.ok(r.notExpressed.some((n) => n.field === "Tunnel"));
  assert.ok(r.notExpressed.some((n) => n.field === "remote" && n.value === "intranet"));
});

Deno.test("a pre-shared key that reached the JSON is never copied out", () => {
  const r = imp((d) => {
    d.phase1AuthSets[1].Proposal[1].PreSharedKey = "leaked-Key-9f1c";
  });
  assert.ok(!r.text.includes("leaked-Key-9f1c") && !JSON.stringify(r).includes("leaked-Key-9f1c"));
});

/** What, the edit, the message, and a text found only on the line the error must name. */
const malformed: Array<[string, (d: Obj) => void, RegExp, string]> = [
  [
    "an unknown security word",
    (d) => (d.rules[0].InboundSecurity = "Always"),
    /InboundSecurity "Always" is not one of none, never, request, require/,
    '"Always"',
  ],
  [
    "a security combination that is no action",
    (d) => Object.assign(d.rules[0], { InboundSecurity: 1, OutboundSecurity: 2 }),
    /InboundSecurity request with OutboundSecurity require is not a connection security action/,
    '"InboundSecurity": 1',
  ],
  [
    "a bad address",
    (d) => (d.rules[0].RemoteAddress = ["10.1.0.0/40"]),
    /RemoteAddress "10\.1\.0\.0\/40"/,
    '"10.1.0.0/40"',
  ],
  [
    "a port keyword",
    (d) => (d.rules[1].LocalPort = ["RPC"]),
    /LocalPort "RPC" is not a port or range/,
    '"RPC"',
  ],
  [
    "an unknown proposal class",
    (d) => (d.phase1AuthSets[0].Proposal[0].CimClass = "MSFT_Something"),
    /CimClass must be MSFT_NetIKEKerbAuthProposal/,
    '"MSFT_Something"',
  ],
  [
    "an unknown cipher",
    (d) => (d.mainModeCryptoSets[0].Proposal[0].Encryption = "Blowfish"),
    /Encryption "Blowfish" is not one of/,
    '"Blowfish"',
  ],
  [
    "a lifetime past the limit",
    (d) => (d.quickModeCryptoSets[0].Proposal[0].MaxMinutes = 5000),
    /MaxMinutes "5000" is not a whole number from 0 to 2880/,
    '"MaxMinutes": 5000',
  ],
  ["a wrong schema version", (d) => (d.schemaVersion = 2), /schemaVersion must be 1/, '"schemaVersion": 2'],
];

for (const [what, edit, re, needle] of malformed) {
  Deno.test(`malformed NetSecurity JSON is a located ImportError: ${what}`, () => {
    const doc = JSON.parse(TEXT);
    edit(doc);
    const text = JSON.stringify(doc, null, 2);
    const e = importError(() => importNetSecurity(text, FILE), re);
    assert.equal(e.location.file, FILE);
    const at = text.split("\n").map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes(needle));
    assert.equal(at.length, 1, `${needle} must be on exactly one line`);
    assert.equal(e.location.line, at[0][1], e.message);
  });
}

Deno.test("JSON syntax errors name the line", () => {
  const e = importError(
    () => importNetSecurity('{\n  "schemaVersion": 1,\n  "rules": [\n    {"Name": }\n  ]\n}', FILE),
    /not valid JSON/,
  );
  assert.equal(e.location.line, 4);
});

Deno.test("RequireAuthorization without Machine/User uses the setting's RemoteMachineTransportAuthorizationList", () => {
  const sddl = "D:(A;;CC;;;S-1-5-21-1-2-3-515)";
  const r = imp((d) => {
    d.rules[0].RequireAuthorization = true;
    d.remoteMachineTransportAuthorizationList = sddl;
  });
  const rule = (r.document as Obj).rules.find((x: Obj) => x.name === "servers");
  assert.deepEqual(rule.authorization, { machines: sddl });
  const without = imp((d) => (d.rules[0].RequireAuthorization = true));
  assert.ok(!(without.document as Obj).rules.some((x: Obj) => x.name === "servers"));
  assert.ok(without.notExpressed.some((n) => n.field === "Authz" && /rule not imported/.test(n.reason)));
});

Deno.test("a rule naming no main-mode crypto set uses the store's default set when the store has it", () => {
  const r = imp((d) => {
    delete d.rules[0].MainModeCryptoSet;
    d.mainModeCryptoSets.push({
      Name: "{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE1}",
      DisplayName: "Default",
      Proposal: [{ Encryption: "AES128", Hash: "SHA256", KeyExchange: "DH19" }],
    });
  });
  const doc = r.document as Obj;
  const rule = doc.rules.find((x: Obj) => x.name === "servers");
  const mm = doc.mainMode.find((m: Obj) => m.name === rule.mainMode);
  assert.deepEqual(mm.proposals, ["aes128-sha256-ecp256"]);
});
