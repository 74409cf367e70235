/**
 * Certificate root names (issue 12 rule 7): IKEEXT_CERTIFICATE_CRITERIA0.certData is the root CA's exact
 * encoded subject. A CA certificate made here with openssl, in both RDN orders, is the reference: the
 * subject copied from `rootCA: { file }` (DER and PEM) is its subject byte for byte, and a DN string encodes
 * to the same bytes when written most specific first (as Windows shows the subject). Inbound criteria verify
 * the peer; outbound criteria select our own certificate and never carry the peer's thumbprint or name;
 * store-based configs keep certData empty. Bad input: file:line:col, the field and the reason.
 */
import assert from "node:assert/strict";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { encodeDn } from "../../modules/model/dn.ts";
import { loadPolicy, PolicyError } from "../../modules/policy/mod.ts";
import { certificateSubject } from "../../modules/model/x509.ts";
import { tempDir, wfpsec } from "./helpers.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const haveOpenssl = (() => {
  try {
    return new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

/** A self-signed CA made by openssl with `subj` (e.g. /C=US/O=Contoso/CN=Root); returns the DER and PEM paths. */
function makeCa(dir: string, name: string, subj: string): { der: string; pem: string } {
  const pem = `${dir}/${name}.pem`, der = `${dir}/${name}.cer`;
  const run = (args: string[]) => {
    const o = new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" }).outputSync();
    assert.ok(o.success, new TextDecoder().decode(o.stderr));
  };
  run([
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    `${dir}/${name}.key`,
    "-out",
    pem,
    "-days",
    "2",
    "-subj",
    subj,
  ]);
  run(["x509", "-in", pem, "-outform", "der", "-out", der]);
  return { der, pem };
}

/** The subject openssl itself prints in RFC 2253 form (most specific first). */
function opensslSubject(pem: string): string {
  const o = new Deno.Command("openssl", {
    args: ["x509", "-in", pem, "-noout", "-subject", "-nameopt", "RFC2253"],
    stdout: "piped",
  }).outputSync();
  return new TextDecoder().decode(o.stdout).trim().replace(/^subject=/, "");
}

const policy = (auth: string) =>
  `version: 1
name: certs
mainMode:
  - name: mm
    keyModule: ikev2
    auth:
      - certificate:
${auth}
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: all
    inbound: require
    outbound: require
    mainMode: mm
    quickMode: qm
`;

function certAuth(text: string, file: string) {
  const g = compilePolicy(loadPolicy(text, file).policy);
  const mm = g.providerContexts.find((c) => c.ikeV2MmPolicy !== undefined);
  const ca = mm!.ikeV2MmPolicy!.authenticationMethods[0].certificateAuthentication;
  assert.ok(ca, "a certificate method");
  return ca;
}

Deno.test({
  name: "a CA certificate's subject is copied exactly (DER and PEM), in both RDN orders",
  ignore: !haveOpenssl,
}, () => {
  const dir = tempDir();
  for (
    const [subj, dn] of [
      ["/C=US/O=Contoso/CN=Contoso Root CA", "CN=Contoso Root CA, O=Contoso, C=US"],
      ["/CN=Contoso Root CA/O=Contoso/C=US", "C=US, O=Contoso, CN=Contoso Root CA"],
    ]
  ) {
    const ca = makeCa(dir, subj.length % 2 ? "a" : "b", subj);
    const fromDer = certificateSubject(Deno.readFileSync(ca.der));
    assert.throws(() => certificateSubject(Deno.readFileSync(ca.der).slice(0, 40)), /truncated DER/);
    assert.equal(
      hex(certificateSubject(Deno.readFileSync(ca.pem))),
      hex(fromDer),
      "PEM and DER give one subject",
    );
    assert.equal(
      opensslSubject(ca.pem).split(",").join(", "),
      dn,
      "openssl shows the subject most specific first",
    );
    assert.equal(
      hex(encodeDn(dn)),
      hex(fromDer),
      `the DN string '${dn}' encodes to the certificate's subject`,
    );
    // The same name written in the other order is another encoded name: it would never match this CA.
    const other = dn.split(", ").reverse().join(", ");
    assert.notEqual(hex(encodeDn(other)), hex(fromDer));
    // rootCA: { file } (relative to the policy file) puts exactly these bytes in certData, in and out.
    const file = `${dir}/p.yaml`;
    const ca2 = certAuth(policy(`          rootCA: { file: ${ca.der.slice(dir.length + 1)} }`), file);
    assert.equal(hex(ca2.inboundRootCriteria![0].certData), hex(fromDer));
    assert.equal(hex(ca2.outboundRootCriteria![0].certData), hex(fromDer));
  }
});

Deno.test("outbound criteria select our certificate: no peer thumbprint or name; store configs keep certData empty", () => {
  const explicit = certAuth(
    policy(`          rootCA: "CN=Root, O=Org"
          thumbprint: "00112233445566778899aabbccddeeff00112233"
          name: { type: cn, value: peer.example }
          eku: ["1.3.6.1.5.5.7.3.1"]`),
    "x.yaml",
  );
  const inn = explicit.inboundRootCriteria![0], out = explicit.outboundRootCriteria![0];
  assert.equal(inn.certHash.length, 20);
  assert.equal(inn.name?.certName, "peer.example");
  assert.equal(out.certHash.length, 0, "our certificate does not have the peer's thumbprint");
  assert.equal(out.name, undefined, "nor the peer's name");
  assert.deepEqual(out.eku, ["1.3.6.1.5.5.7.3.1"]);
  assert.equal(hex(out.certData), hex(inn.certData));
  const store = certAuth(policy(`          store: root\n          eku: ["1.3.6.1.5.5.7.3.1"]`), "x.yaml");
  assert.equal(store.inboundTrustedRootStoreCriteria![0].certData.length, 0);
  assert.equal(store.outboundTrustedRootStoreCriteria![0].certData.length, 0);
});

Deno.test("bad root CAs are refused with file:line:col, the field and the reason", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/not-a-cert.cer`, "hello\n");
  const cases: [string, RegExp, string, number][] = [
    [`          rootCA: { file: missing.cer }`, /cannot read the CA certificate/, "rootCA.file", 8],
    [`          rootCA: { file: not-a-cert.cer }`, /is not an X\.509 certificate/, "rootCA.file", 8],
    [
      `          store: enterprise\n          rootCA: "CN=Root, O=Org"`,
      /rootCA applies only to store 'explicit'/,
      "rootCA",
      9,
    ],
  ];
  for (const [auth, reason, field, line] of cases) {
    const file = `${dir}/bad.yaml`;
    Deno.writeTextFileSync(file, policy(auth));
    assert.throws(() => loadPolicy(Deno.readTextFileSync(file), file), (e: unknown) => {
      assert.ok(e instanceof PolicyError);
      assert.equal(e.diagnostics.length, 1, JSON.stringify(e.diagnostics));
      const d = e.diagnostics[0];
      assert.match(d.message, reason);
      assert.ok(d.path.endsWith(field), d.path);
      assert.equal(d.line, line);
      return true;
    });
    const r = await wfpsec(["validate", file]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout + r.stderr,
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${line}:\\d+`),
    );
  }
});
