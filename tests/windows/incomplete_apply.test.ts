/**
 * IA1/IA2 (docs/windows-verification.md, "Incomplete applies"): what finishing an interrupted manual-SA apply
 * relies on, settled only by the real BFE. A half-built SA context (IPsecSaContextCreate1 + SetSpi0, no SA
 * yet), which a killed apply leaves, is listed by IPsecSaContextEnum1 with no inbound or outbound SA (so the
 * plan's comparison cannot see it and only its recorded id finds it) and IPsecSaContextDeleteById0 deletes it.
 * The record lives in the admin-only folder of the apply lock under ProgramData (from GetSystemDirectoryW).
 * Static session on TEST-NET addresses; everything added is deleted in `finally`. Same host gating as
 * manual_sa.test.ts (skipped off Windows; rehearsed under Wine on fwpsim).
 */
import assert from "node:assert/strict";
import { openEngine } from "../../modules/engine/ffi.ts";
import { removeOwned, saTraffic } from "../../modules/apply/apply.ts";
import { applyLockPath, finishIncompleteApply, incompleteApplyPath } from "../../modules/apply/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { programDataDirectory } from "../../ffi/kernel32.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

const POLICY = `version: 1
name: wfpsec-windows-incomplete-apply
manualSas:
  - name: peer
    local: 192.0.2.1
    remote: 192.0.2.3
    inbound: { spi: 0x1005, transform: ah-sha256, key: { env: WFPSEC_IT_SA_IN } }
    outbound: { spi: 0x2006, transform: ah-sha256, key: { env: WFPSEC_IT_SA_OUT } }
`;

Deno.test({
  name: `IA1: a half-built SA context is listed without SAs and deleted by its recorded id${suffix}`,
  ignore: !runs,
  fn() {
    const graph = compilePolicy(loadPolicy(POLICY, "incomplete-apply-it.yaml").policy);
    const engine = openEngine({ dynamic: false, sessionName: "wfpsec integration test (incomplete apply)" });
    const sa = engine.sa!;
    let id: bigint | undefined;
    try {
      engine.transaction(() => {
        engine.addProvider(graph.provider);
        engine.addSublayer(graph.sublayer);
        for (const f of graph.filters) engine.addFilter(f);
      });
      const m = graph.manualSas[0];
      const outId = engine.getFilter(m.outboundFilterKey)!.filterId!;
      const inId = engine.getFilter(m.inboundFilterKey)!.filterId!;
      id = sa.createSaContext(saTraffic(m, outId));
      sa.setSaContextSpi(id, saTraffic(m, inId), m.inbound.spi);
      // What a killed apply leaves: the context is there, with neither SA.
      const listed = sa.enumSaContexts().find((c) => c.saContextId === id);
      assert.ok(listed, "IPsecSaContextEnum1 lists a context without SAs");
      assert.equal(listed.inboundSa, undefined);
      assert.equal(listed.outboundSa, undefined);
      const record = {
        version: 1 as const,
        policy: { name: "wfpsec-windows-incomplete-apply", file: null },
        command: "apply",
        pid: 1,
        host: Deno.hostname(),
        startedAt: new Date().toISOString(),
        state: "running" as const,
        filtersCommitted: true,
        manualSas: [{ name: "peer", action: "add" }],
        createdSaContexts: [String(id)],
        staleSaContexts: [],
        deletedSaContexts: [],
        unrecordedCreate: null,
        filtersUndone: null,
        failure: null,
      };
      const done = finishIncompleteApply(engine, record, graph.provider.providerKey);
      assert.deepEqual(done.deletedSaContexts, [String(id)]);
      assert.equal(sa.enumSaContexts().find((c) => c.saContextId === id), undefined);
      id = undefined;
    } finally {
      if (id !== undefined) {
        try {
          sa.deleteSaContext(id);
        } catch { /* already gone */ }
      }
      removeOwned(engine, graph.provider.providerKey);
      engine.close();
    }
  },
});

Deno.test({
  name: `IA2: the record is beside the apply lock in ProgramData\\wfpsec${suffix}`,
  ignore: !runs,
  fn() {
    const lock = applyLockPath("windows", undefined)!;
    assert.equal(incompleteApplyPath(lock), `${programDataDirectory()}\\wfpsec\\incomplete-apply.json`);
  },
});
