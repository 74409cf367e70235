/**
 * Manual SA contexts through FFI against fwpsim (docs/recipes.md, manual SAs): Create -> GetSpi -> AddInbound -> AddOutbound on
 * the manual-SA example's filters, enumeration of SA contexts and IPsec SAs (IPSEC_SA_CONTEXT1 /
 * IPSEC_SA_DETAILS1 decoded), the engine's refusals (order, transaction, dynamic session, unknown id), and
 * every engine allocation released with FwpmFreeMemory0 (checked after each test by simTest).
 */
import assert from "node:assert/strict";
import { assertWfpError, simTest } from "./helpers.ts";
import type { FfiEngine } from "../../modules/engine/ffi.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import type { ManualSa } from "../../modules/graph/graph.ts";
import { qmSaIdOf, saBundle, saTraffic } from "../../modules/apply/apply.ts";
import { saKeyLength } from "../../modules/plan/plan.ts";
import { ENUMS } from "../../ffi/constants.ts";

const POLICY = `version: 1
name: ffi-manual-sa
manualSas:
  - name: peer
    local: 10.1.1.1
    remote: 10.2.2.2
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: FFI_SA_IN } }
    outbound: { spi: 0x2002, transform: esp-aes256-sha256, key: { env: FFI_SA_OUT } }
`;
const KEY_IN = new Uint8Array(32).fill(0x5a);
const KEY_OUT = new Uint8Array(64).fill(0xa5);

/** Adds the policy's provider, sublayer and filters; returns the SA pair and its filter ids. */
function setup(engine: FfiEngine): { m: ManualSa; outId: bigint; inId: bigint } {
  const graph = compilePolicy(loadPolicy(POLICY, "ffi.yaml").policy);
  engine.transaction(() => {
    engine.addProvider(graph.provider);
    engine.addSublayer(graph.sublayer);
    for (const f of graph.filters) engine.addFilter(f);
  });
  const m = graph.manualSas[0];
  const outId = engine.getFilter(m.outboundFilterKey)!.filterId!;
  const inId = engine.getFilter(m.inboundFilterKey)!.filterId!;
  return { m, outId, inId };
}

function install(engine: FfiEngine, m: ManualSa, outId: bigint, inId: bigint): bigint {
  const sa = engine.sa!;
  const id = sa.createSaContext(saTraffic(m, outId), inId);
  sa.setSaContextSpi(id, saTraffic(m, inId), m.inbound.spi);
  assert.equal(
    sa.getSaContextSpi(id, saTraffic(m, inId)),
    m.inbound.spi,
    "GetSpi1 returns the SPI SetSpi0 set",
  );
  sa.addSaContextInbound(id, saBundle(m, m.inbound, KEY_IN));
  sa.addSaContextOutbound(id, saBundle(m, m.outbound, KEY_OUT));
  return id;
}

simTest(
  "a manual SA pair is created in order and enumerates as one SA context with both SAs",
  ({ engine }) => {
    const { m, outId, inId } = setup(engine);
    const id = install(engine, m, outId, inId);
    const ctxs = engine.sa!.enumSaContexts();
    assert.equal(ctxs.length, 1);
    const c = ctxs[0];
    assert.equal(c.saContextId, id);
    assert.equal(c.inboundSa?.saDirection, ENUMS.FWP_DIRECTION.FWP_DIRECTION_INBOUND);
    assert.equal(c.outboundSa?.saDirection, ENUMS.FWP_DIRECTION.FWP_DIRECTION_OUTBOUND);
    assert.equal(c.inboundSa?.traffic.ipsecFilterId, inId);
    assert.equal(c.outboundSa?.traffic.ipsecFilterId, outId);
    assert.equal(c.outboundSa?.traffic.localV4Address, 0x0a010101);
    assert.equal(c.outboundSa?.traffic.remoteV4Address, 0x0a020202);
    const inSa = c.inboundSa!.saBundle.saList[0], outSa = c.outboundSa!.saBundle.saList[0];
    assert.equal(inSa.spi, 0x1001);
    assert.equal(inSa.saTransformType, ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_AH);
    assert.equal(
      inSa.ahInformation?.authTransform.authTransformId.authType,
      ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256,
    );
    assert.equal(outSa.spi, 0x2002);
    assert.equal(outSa.saTransformType, ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER);
    assert.equal(
      outSa.espAuthAndCipherInformation?.saCipherInformation.cipherTransform.cipherTransformId.cipherType,
      ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_AES_256,
    );
    // The engine never hands key material back (fwpsim wipes it; the decoder copies what it is given).
    assert.equal(inSa.ahInformation?.authKey?.length ?? 0, 0);

    // One qmSaId for the pair, in both bundles, and the peer (SPIs swapped) derives the same one.
    assert.equal(c.inboundSa!.saBundle.qmSaId, c.outboundSa!.saBundle.qmSaId);
    assert.equal(c.inboundSa!.saBundle.qmSaId, qmSaIdOf({ ...m, inbound: m.outbound, outbound: m.inbound }));
    assert.notEqual(qmSaIdOf(m), qmSaIdOf({ ...m, inbound: { ...m.inbound, spi: 0x1003 } }));

    const sas = engine.sa!.enumIpsecSas();
    assert.deepEqual(sas.map((s) => [s.saDirection, s.saBundle.saList[0].spi]).sort(), [[0, 0x2002], [
      1,
      0x1001,
    ]]);

    engine.sa!.deleteSaContext(id);
    assert.deepEqual(engine.sa!.enumSaContexts(), []);
    assert.deepEqual(engine.sa!.enumIpsecSas(), []);
  },
);

simTest("SA contexts enumerate across pages (one context per engine call)", ({ engine }) => {
  const { m, outId, inId } = setup(engine);
  const ids = [
    install(engine, m, outId, inId),
    install(engine, m, outId, inId),
    install(engine, m, outId, inId),
  ];
  const paged = engine.sa!.enumSaContexts(1);
  assert.deepEqual(paged.map((c) => c.saContextId).sort(), [...ids].sort());
  for (const id of ids) engine.sa!.deleteSaContext(id);
});

simTest("the engine refuses SA calls out of order, on unknown ids, and for unknown filters", ({ engine }) => {
  const { m, outId, inId } = setup(engine);
  const sa = engine.sa!;
  const id = sa.createSaContext(saTraffic(m, outId), inId);
  assertWfpError(
    () => sa.addSaContextOutbound(id, saBundle(m, m.outbound, KEY_OUT)),
    "FWP_E_INCOMPATIBLE_SA_STATE",
  );
  sa.getSaContextSpi(id, saTraffic(m, inId));
  assertWfpError(() => sa.getSaContextSpi(id, saTraffic(m, outId)), "FWP_E_TRAFFIC_MISMATCH");
  assertWfpError(() => sa.deleteSaContext(id + 100n), "FWP_E_NOT_FOUND");
  assertWfpError(() => sa.createSaContext(saTraffic(m, 999999n), inId), "FWP_E_FILTER_NOT_FOUND");
  sa.deleteSaContext(id);
});

simTest("SA context calls are refused inside a transaction, before reaching the engine", ({ engine }) => {
  const { m, outId, inId } = setup(engine);
  assert.throws(
    () => engine.transaction(() => engine.sa!.createSaContext(saTraffic(m, outId), inId)),
    /cannot run inside a transaction/,
  );
  // Enumerating is allowed inside a transaction.
  assert.deepEqual(engine.transaction(() => engine.sa!.enumSaContexts()), []);
});

simTest(
  "a dynamic session cannot create SA contexts (FWP_E_DYNAMIC_SESSION_IN_PROGRESS)",
  ({ engine, open }) => {
    const { m, outId, inId } = setup(engine);
    const dyn = open({ dynamic: true });
    assertWfpError(
      () => dyn.sa!.createSaContext(saTraffic(m, outId), inId),
      "FWP_E_DYNAMIC_SESSION_IN_PROGRESS",
    );
    assert.deepEqual(engine.sa!.enumSaContexts(), []);
  },
);

simTest("IKE SA enumeration works on fwpsim and is empty: the simulator negotiates nothing", ({ engine }) => {
  const { m, outId, inId } = setup(engine);
  const id = install(engine, m, outId, inId);
  assert.deepEqual(engine.sa!.enumIkeSas(), []);
  assert.deepEqual(engine.sa!.enumIkeSas(1), []);
  engine.sa!.deleteSaContext(id);
});

simTest(
  "an inbound SA must carry the SPI reserved for its context (GetSpi1's choice or SetSpi0's)",
  ({ engine }) => {
    const { m, outId, inId } = setup(engine);
    const sa = engine.sa!;
    const id = sa.createSaContext(saTraffic(m, outId));
    const spi = sa.getSaContextSpi(id, saTraffic(m, inId));
    assert.ok(spi >= 256 && spi !== m.inbound.spi, `engine SPI ${spi}`);
    // The policy's SPI is not the one the engine reserved: refused, nothing installed.
    assertWfpError(
      () => sa.addSaContextInbound(id, saBundle(m, m.inbound, KEY_IN)),
      "FWP_E_INVALID_PARAMETER",
    );
    sa.addSaContextInbound(id, saBundle(m, { ...m.inbound, spi }, KEY_IN));
    sa.deleteSaContext(id);
    const id2 = sa.createSaContext(saTraffic(m, outId));
    assertWfpError(() => sa.setSaContextSpi(id2, saTraffic(m, inId), 255), "FWP_E_INVALID_PARAMETER");
    sa.deleteSaContext(id2);
  },
);

Deno.test("AES-GCM manual SA keys are RFC 4106 keying material (key + 4-byte salt) passed as cipher and GMAC key", () => {
  const graph = compilePolicy(
    loadPolicy(POLICY.replace("esp-aes256-sha256", "esp-aesgcm256"), "ffi.yaml").policy,
  );
  const m = graph.manualSas[0];
  assert.equal(saKeyLength(m.outbound), 36, "AES-256 key plus the 4-byte salt");
  const key = new Uint8Array(36).map((_, i) => i);
  const info = saBundle(m, m.outbound, key).saList[0].espAuthAndCipherInformation!;
  assert.deepEqual([...info.saCipherInformation.cipherKey], [...key]);
  assert.deepEqual([...info.saAuthInformation.authKey], [...key]);
});
