/**
 * Issue 12 rules 1-3 in the validator and the compiler: what Windows documents it refuses is refused here,
 * at the exact line:column of the field, and what it documents it needs is what we compile.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { decompileToPolicy } from "../../../modules/compiler/decompile.ts";
import { ENUMS } from "../../../ffi/constants.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;
const HEAD = "version: 1\nname: fid\n";
const mm = (km: string, auth: string, extra = "", proposals = "[aes256-sha256-ecp256]") =>
  `mainMode:\n  - name: mm\n    keyModule: ${km}\n    auth: ${auth}\n    proposals: ${proposals}\n${extra}`;

/** `@@` marks where the diagnostic must point; returns its message. */
function refused(text: string, code: string, path: string): string {
  return refusedAt(text, code, path, "fid.yaml").message;
}

Deno.test("rule 1: a pre-shared key under AuthIP is refused (IKEEXT_PRESHARED_KEY is IKE only)", () => {
  const msg = refused(
    HEAD + mm("authip", "\n      - kerberos\n      - @@psk: { env: K }"),
    "auth-key-module",
    "mainMode[0].auth[1]",
  );
  ok(/AuthIP.*pre-shared/.test(msg));
});

Deno.test("rule 1: anonymous under IKEv2 is refused (IKEEXT_ANONYMOUS is AuthIP only)", () => {
  refused(
    HEAD + mm("ikev2", '\n      - certificate: { rootCA: "CN=Root" }\n      - @@anonymous'),
    "auth-key-module",
    "mainMode[0].auth[1]",
  );
});

Deno.test("rule 2: a non-zero softExpiration is refused (IKEEXT_POLICY2: must be 0)", () => {
  refused(
    HEAD + mm("ikev1", "[kerberos]", "    softExpiration: @@1h\n"),
    "soft-expiration",
    "mainMode[0].softExpiration",
  );
});

Deno.test("rule 2: an IKEv2 retransmit below 120s is refused", () => {
  const msg = refused(
    HEAD + mm("ikev2", '[{ certificate: { rootCA: "CN=Root" } }]', "    retransmit: @@90s\n"),
    "retransmit",
    "mainMode[0].retransmit",
  );
  ok(msg.includes("120"));
});

Deno.test("rule 2: optional DH and DH none are AuthIP only", () => {
  refused(
    HEAD + mm("ikev1", "[kerberos]", "    flags: [@@enableOptionalDh]\n"),
    "optional-dh",
    "mainMode[0].flags[0]",
  );
  refused(
    HEAD + mm("ikev1", "[kerberos]", "", "[@@{ cipher: aes256, integrity: sha256, dh: none }]"),
    "dh-none",
    "mainMode[0].proposals[0]",
  );
  // ... and accepted for AuthIP
  loadPolicy(HEAD + mm("authip", "[kerberos]", "    flags: [enableOptionalDh]\n"), "ok.yaml");
});

Deno.test("rule 3: control characters in names and descriptions are refused", () => {
  refused(
    HEAD.replace("name: fid\n", 'name: fid\ndescription: @@"two\\nlines"\n'),
    "unprintable",
    "description",
  );
  const msg = refused(
    HEAD + mm("ikev1", "[kerberos]", '    description: @@"tab\\there"\n'),
    "unprintable",
    "mainMode[0].description",
  );
  ok(msg.includes("U+0009"));
  refused(
    HEAD + mm("ikev1", "[kerberos]", '    description: @@"del\\x7f"\n'),
    "unprintable",
    "mainMode[0].description",
  );
});

const AUTHIP_CERT = HEAD + mm(
  "authip",
  '[kerberos, { certificate: { rootCA: "CN=Contoso Root CA, O=Contoso", signing: ecdsa256 } }]',
) + "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n    userAuth:\n" +
  '      - certificate: { rootCA: "CN=Contoso Root CA, O=Contoso" }\n' +
  "rules:\n  - name: r\n    remote: 10.0.0.0/8\n    inbound: require\n    outbound: require\n" +
  "    mainMode: mm\n    quickMode: qm\n";

Deno.test("rule 1: AuthIP certificates compile to IKEEXT_SSL* in the sslAuthentication arm (MM and EM)", () => {
  const { policy } = loadPolicy(AUTHIP_CERT, "a.yaml");
  const g = compilePolicy(policy);
  const mmCtx = g.providerContexts.find((c) => c.authIpMmPolicy)!;
  const cert = mmCtx.authIpMmPolicy!.authenticationMethods[1];
  equal(cert.authenticationMethodType, AM.IKEEXT_SSL_ECDSA_P256);
  ok(cert.sslAuthentication && !cert.certificateAuthentication);
  const qm = g.providerContexts.find((c) => c.authipQmTransportPolicy)!;
  const em = qm.authipQmTransportPolicy!.emPolicy!.authenticationMethods[0];
  equal(em.authenticationMethodType, AM.IKEEXT_SSL);
  ok(em.sslAuthentication);
  // and reads back as the certificate the policy said
  const back = decompileToPolicy(g);
  deepEqual(back.mainMode[0].auth, policy.mainMode[0].auth);
  deepEqual(back.quickMode[0].userAuth, policy.quickMode[0].userAuth);
});

Deno.test("rule 2: IKEv2 retransmitDurationSecs defaults to 120 and reads back as the default", () => {
  const text = HEAD + mm("ikev2", '[{ certificate: { rootCA: "CN=Root" } }]') +
    "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n" +
    "rules:\n  - name: r\n    remote: 10.0.0.0/8\n    inbound: require\n    outbound: require\n" +
    "    mainMode: mm\n    quickMode: qm\n";
  const { policy } = loadPolicy(text, "v2.yaml");
  const g = compilePolicy(policy);
  const c = g.providerContexts.find((x) => x.ikeV2MmPolicy)!;
  equal(c.ikeV2MmPolicy!.retransmitDurationSecs, 120);
  equal(c.ikeV2MmPolicy!.softExpirationTime, 0);
  equal(decompileToPolicy(g).mainMode[0].retransmitSeconds, 0);
  // IKE (v1) keeps 0 = the keying module's default
  const v1 = compilePolicy(loadPolicy(text.replace("ikev2", "ikev1"), "v1.yaml").policy);
  equal(v1.providerContexts.find((x) => x.ikeMmPolicy)!.ikeMmPolicy!.retransmitDurationSecs, 0);
});
