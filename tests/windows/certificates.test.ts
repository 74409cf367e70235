/**
 * Real-Windows checks for issue 12 rule 7 (certificate root names), settled only by the real BFE/IKEEXT:
 * BFE accepts a main-mode context whose IKEEXT_CERTIFICATE_CRITERIA0.certData is a CA certificate's exact
 * subject (copied from `rootCA: { file }`), keeps those bytes, and accepts outbound criteria that carry the
 * roots and EKU but not the peer's thumbprint or name. Whether IKEEXT then negotiates with a peer whose
 * certificate chains to that root is the manual step in docs/windows-verification.md.
 * Dynamic session only (nothing outlives the test). Same host gating as bfe.test.ts.
 */
import assert from "node:assert/strict";
import { openEngine } from "../../modules/engine/ffi.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { certificateSubject } from "../../modules/model/x509.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();
const FIXTURES = new URL("./fixtures/", import.meta.url);

const POLICY = `version: 1
name: wfpsec-windows-certificates
mainMode:
  - name: mm
    keyModule: ikev2
    auth:
      - certificate:
          rootCA: { file: test-root-ca.cer }
          thumbprint: "00112233445566778899aabbccddeeff00112233"
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: test-net
    remote: 192.0.2.0/24
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
`;

Deno.test({
  name:
    `real BFE: a certificate context with the CA's exact subject as certData is accepted and kept${suffix}`,
  ignore: !runs,
  fn() {
    const file = new URL("certs-it.yaml", FIXTURES).pathname.replace(/^\/([A-Za-z]:)/, "$1");
    const graph = compilePolicy(loadPolicy(POLICY, file).policy);
    const subject = certificateSubject(Deno.readFileSync(new URL("test-root-ca.cer", FIXTURES)));
    const mm = graph.providerContexts.find((c) => c.ikeV2MmPolicy)!;
    const engine = openEngine({ dynamic: true, sessionName: "wfpsec integration test (certificates)" });
    try {
      engine.transaction(() => {
        engine.addProvider({ ...graph.provider, flags: graph.provider.flags & ~1 });
        engine.addProviderContext({ ...mm, flags: mm.flags & ~1 });
      });
      const back = engine.getProviderContext(mm.providerContextKey)!;
      const ca = back.ikeV2MmPolicy!.authenticationMethods[0].certificateAuthentication!;
      assert.deepEqual([...ca.inboundRootCriteria![0].certData], [...subject]);
      assert.deepEqual([...ca.outboundRootCriteria![0].certData], [...subject]);
      assert.equal(ca.outboundRootCriteria![0].certHash.length, 0);
    } finally {
      engine.close();
    }
  },
});
