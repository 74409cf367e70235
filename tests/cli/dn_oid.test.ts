/**
 * OID attribute types in root CA names against openssl (issue 13): a name written with numeric types
 * (`1.2.840.113549.1.9.1=`, `2.999.3=`, `OID.1.2.3.4=`) encodes to the very subject bytes openssl writes
 * into a CA certificate with those attributes, and `wfpsec validate` refuses `CN=a;b` at its line and column.
 */
import assert from "node:assert/strict";
import { decodeDn, encodeDn } from "../../modules/model/dn.ts";
import { certificateSubject } from "../../modules/model/x509.ts";
import { haveOpenssl, opensslCa } from "../support/openssl.ts";
import { tempDir, wfpsec } from "./helpers.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test({ name: "numeric attribute types encode as openssl encodes them", ignore: !haveOpenssl }, () => {
  const dir = tempDir();
  const cases: [string, string][] = [
    [
      "/C=US/O=Org/CN=Root/emailAddress=ca@example.com",
      "1.2.840.113549.1.9.1=ca@example.com, CN=Root, O=Org, C=US",
    ],
    ["/DC=com/DC=example/CN=Root/odd=odd", "OID.2.999.3=odd, CN=Root, DC=example, DC=com"],
    ["/oneTwo=x/CN=Root", "CN=Root, 1.2.3.4=x"],
    ["/CN=Root/bigArc=big arc", "1.3.6.1.4.1.99999.1=big arc, CN=Root"],
  ];
  const oids = { odd: "2.999.3", oneTwo: "1.2.3.4", bigArc: "1.3.6.1.4.1.99999.1" };
  cases.forEach(([subj, dn], i) => {
    const der = opensslCa(dir, `ca${i}`, subj, oids);
    // openssl really wrote the attribute (it skips types it does not know).
    const subject = certificateSubject(Deno.readFileSync(der));
    assert.equal(decodeDn(subject).split(", ").length, subj.split("/").length - 1, decodeDn(subject));
    assert.equal(hex(encodeDn(dn)), hex(subject), `${subj} vs ${dn}`);
  });
});

Deno.test("validate refuses CN=a;b with the rootCA's line and column", async () => {
  const dir = tempDir();
  const file = `${dir}/p.yaml`;
  Deno.writeTextFileSync(
    file,
    `version: 1
name: c
mainMode:
  - name: mm
    keyModule: ikev2
    auth:
      - certificate:
          rootCA: "CN=a;b"
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
`,
  );
  const r = await wfpsec(["validate", file, "--json"]);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.error.type, "PolicyError");
  const d = doc.errors.find((x: { code: string }) => x.code === "bad-dn");
  assert.ok(d, r.stdout);
  assert.equal(`${d.line}:${d.column}`, "8:19");
  assert.match(d.message, /'b' is not TYPE=value/);
});
