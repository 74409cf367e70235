/**
 * Real-Windows checks for issue 12 rule 4 (manual SAs), settled only by the real BFE: the inbound SA must
 * carry the SPI reserved with IPsecSaContextSetSpi0 / GetSpi1 (which error BFE returns otherwise is not
 * documented: fwpsim says FWP_E_INVALID_PARAMETER), IPsecSaContextCreate1's inbound filter id is an output,
 * and AES-GCM keys are RFC 4106 keying material (key + 4-byte salt) as both the cipher and the GMAC key.
 * SA contexts cannot live in a dynamic session, so these tests use a static session on TEST-NET addresses
 * and delete everything they added (remove of the test provider) in `finally`.
 * Same host gating as bfe.test.ts (skipped off Windows; rehearsed under Wine on fwpsim).
 */
import assert from "node:assert/strict";
import { openEngine } from "../../modules/engine/ffi.ts";
import { removeOwned, saBundle, saTraffic } from "../../modules/apply/apply.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

const POLICY = `version: 1
name: wfpsec-windows-manual-sa
manualSas:
  - name: peer
    local: 192.0.2.1
    remote: 192.0.2.2
    inbound: { spi: 0x1001, transform: esp-aesgcm256, key: { env: WFPSEC_IT_SA_IN } }
    outbound: { spi: 0x2002, transform: esp-aesgcm256, key: { env: WFPSEC_IT_SA_OUT } }
`;

Deno.test({
  name: `real BFE: manual SA with SetSpi0, a wrong inbound SPI refused, GCM key + salt accepted${suffix}`,
  ignore: !runs,
  fn() {
    const graph = compilePolicy(loadPolicy(POLICY, "manual-sa-it.yaml").policy);
    const engine = openEngine({ dynamic: false, sessionName: "wfpsec integration test (manual SA)" });
    const sa = engine.sa!;
    const ids: bigint[] = [];
    try {
      engine.transaction(() => {
        engine.addProvider(graph.provider);
        engine.addSublayer(graph.sublayer);
        for (const f of graph.filters) engine.addFilter(f);
      });
      const m = graph.manualSas[0];
      const outId = engine.getFilter(m.outboundFilterKey)!.filterId!;
      const inId = engine.getFilter(m.inboundFilterKey)!.filterId!;
      const key = new Uint8Array(36).fill(0x42); // AES-256 key + 4-byte salt (RFC 4106)
      const id = sa.createSaContext(saTraffic(m, outId));
      ids.push(id);
      sa.setSaContextSpi(id, saTraffic(m, inId), m.inbound.spi);
      assert.equal(sa.getSaContextSpi(id, saTraffic(m, inId)), m.inbound.spi);
      // Record BFE's answer to an inbound SA whose SPI is not the reserved one (fwpsim: INVALID_PARAMETER).
      assert.throws(() => sa.addSaContextInbound(id, saBundle(m, { ...m.inbound, spi: 0x3003 }, key)));
      sa.addSaContextInbound(id, saBundle(m, m.inbound, key));
      sa.addSaContextOutbound(id, saBundle(m, m.outbound, key));
      const listed = sa.enumSaContexts().find((c) => c.saContextId === id);
      assert.equal(listed?.inboundSa?.saBundle.saList[0].spi, m.inbound.spi);
    } finally {
      for (const id of ids) {
        try {
          sa.deleteSaContext(id);
        } catch { /* already gone */ }
      }
      removeOwned(engine, graph.provider.providerKey);
      engine.close();
    }
  },
});
