/**
 * The incomplete-apply record (modules/apply/journal.ts) on fwpsim, with the failure the issue reproduced:
 * another session holds the engine during the SA phase, so the failed SA call, the deletion of the SA context
 * the apply created and the compensating transaction all time out. The apply fails saying so, and leaves a
 * record naming that SA context and the filters left without SAs; finishing the record deletes the
 * half-built SA context and the next apply sets the SAs. An apply that changes nothing leaves no record, and
 * one that succeeds clears it.
 */
import assert from "node:assert/strict";
import { simTest } from "./helpers.ts";
import type { FfiEngine } from "../../modules/engine/ffi.ts";
import type { Engine, SaContextOps } from "../../modules/engine/port.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { applyGraph, saTraffic } from "../../modules/apply/apply.ts";
import {
  finishIncompleteApply,
  readIncompleteApply,
  saPhaseJournal,
  writeIncompleteApply,
} from "../../modules/apply/journal.ts";
import { ApplyError, SafetyError, WfpError } from "../../modules/errors.ts";
import { planGraph } from "../../modules/plan/plan.ts";

const POLICY = `version: 1
name: ffi-journal
manualSas:
  - name: peer
    local: 10.1.1.1
    remote: 10.2.2.2
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: FFI_SA_IN } }
    outbound: { spi: 0x2002, transform: ah-sha256, key: { env: FFI_SA_OUT } }
exemptions:
  - icmp
`;
const KEY = new Uint8Array(32).fill(0x3c);
const FWP_E_TIMEOUT = 0x80320012;
const graph = () => compilePolicy(loadPolicy(POLICY, "journal.yaml").policy);
const opts = { resolveSaKey: () => KEY, retryDeadlineMs: 200 };
const POLICY_REF = { name: "ffi-journal", file: "/etc/wfpsec/journal.yaml" };

/**
 * `engine` as another session holding the transaction makes it: AddInbound, DeleteById and every
 * FwpmTransactionBegin0 after the first (the compensating one) fail with FWP_E_TIMEOUT.
 */
function heldDuringSaPhase(engine: FfiEngine): Engine {
  const sa: SaContextOps = Object.create(engine.sa!);
  const timeout = (fn: string) => () => {
    throw new WfpError(fn, FWP_E_TIMEOUT);
  };
  sa.addSaContextInbound = timeout("IPsecSaContextAddInbound1");
  sa.deleteSaContext = timeout("IPsecSaContextDeleteById0");
  const e: Engine = Object.create(engine);
  Object.defineProperty(e, "sa", { value: sa });
  let begins = 0;
  const inner = engine.transaction.bind(engine);
  Object.defineProperty(e, "transaction", {
    value: <T>(fn: () => T, o?: { readOnly?: boolean }): T => {
      if (++begins > 1) throw new WfpError("FwpmTransactionBegin0", FWP_E_TIMEOUT);
      return inner(fn, o);
    },
  });
  return e;
}

simTest("an SA phase that times out leaves a record; finishing it and applying again sets the SAs", (t) => {
  const path = `${t.statePath}.wfpsec-incomplete-apply.json`;
  const g = graph();
  assert.throws(
    () => applyGraph(heldDuringSaPhase(t.engine), g, { ...opts, journal: saPhaseJournal(path, POLICY_REF) }),
    (e: unknown) => {
      assert.ok(e instanceof ApplyError, String(e));
      assert.match(e.message, /IPsecSaContextAddInbound1 for manual SA "peer" failed: FWP_E_TIMEOUT/);
      assert.match(e.message, /could NOT be deleted/);
      assert.match(e.message, /undoing the filter changes failed too/);
      assert.doesNotMatch(e.message, /nothing changed/);
      return true;
    },
  );
  const rec = readIncompleteApply(path);
  assert.ok(rec, "the failed apply left a record");
  const left = t.engine.sa!.enumSaContexts();
  assert.equal(left.length, 1, "the half-built SA context is still in the engine");
  assert.equal(left[0].inboundSa, undefined, "with no SA: the plan alone cannot see it");
  assert.deepEqual(
    {
      policy: rec.policy,
      state: rec.state,
      filtersCommitted: rec.filtersCommitted,
      filtersUndone: rec.filtersUndone,
      manualSas: rec.manualSas,
      createdSaContexts: rec.createdSaContexts,
      unrecordedCreate: rec.unrecordedCreate,
    },
    {
      policy: { name: "ffi-journal", file: "/etc/wfpsec/journal.yaml" },
      state: "failed",
      filtersCommitted: true,
      filtersUndone: false,
      manualSas: [{ name: "peer", action: "add" }],
      createdSaContexts: [String(left[0].saContextId)],
      unrecordedCreate: null,
    },
  );
  assert.match(rec.failure!, /could NOT be deleted/);
  // The filters stayed in force without their SAs: the plan wants the pair.
  const planned = planGraph(g, t.engine, opts).changes.map((c) => [c.kind, c.action]);
  assert.deepEqual(planned, [["manualSa", "add"]]);

  // The next run (engine free again): the half-built context goes, the apply sets the SAs, the record goes.
  const fin = finishIncompleteApply(t.engine, rec, g.provider.providerKey);
  assert.deepEqual(fin.deletedSaContexts, [String(left[0].saContextId)]);
  assert.equal(t.engine.sa!.enumSaContexts().length, 0);
  const r = applyGraph(t.engine, g, { ...opts, journal: saPhaseJournal(path, POLICY_REF, rec) });
  assert.equal(r.outcome, "applied");
  assert.equal(readIncompleteApply(path), undefined, "a successful SA phase clears the record");
  const now = t.engine.sa!.enumSaContexts();
  assert.equal(now.length, 1);
  assert.ok(now[0].inboundSa && now[0].outboundSa, "one complete SA context");
  assert.ok(planGraph(g, t.engine, opts).inSync);
});

simTest("an SA phase that fails and undoes everything leaves no record (an earlier one is put back)", (t) => {
  const path = `${t.statePath}.wfpsec-incomplete-apply.json`;
  const failing = (engine: FfiEngine): Engine => {
    const sa: SaContextOps = Object.create(engine.sa!);
    sa.addSaContextOutbound = () => {
      throw new WfpError("IPsecSaContextAddOutbound1", FWP_E_TIMEOUT);
    };
    const e: Engine = Object.create(engine);
    Object.defineProperty(e, "sa", { value: sa });
    return e;
  };
  assert.throws(
    () => applyGraph(failing(t.engine), graph(), { ...opts, journal: saPhaseJournal(path, POLICY_REF) }),
    /the filter changes were undone, nothing changed$/,
  );
  assert.equal(readIncompleteApply(path), undefined);
  // With an earlier record found at the start, an apply that changes nothing leaves that record as it was.
  const earlier = {
    version: 1 as const,
    policy: { name: "older", file: null },
    command: "apply",
    pid: 4242,
    host: "h",
    startedAt: "2026-12-03T07:00:00.000Z",
    state: "running" as const,
    filtersCommitted: true,
    manualSas: [{ name: "peer", action: "add" }],
    createdSaContexts: [],
    staleSaContexts: [],
    deletedSaContexts: [],
    unrecordedCreate: null,
    filtersUndone: null,
    failure: null,
  };
  writeIncompleteApply(path, earlier);
  assert.throws(() =>
    applyGraph(failing(t.engine), graph(), { ...opts, journal: saPhaseJournal(path, POLICY_REF, earlier) })
  );
  assert.deepEqual(readIncompleteApply(path), earlier);
});

simTest("a record that is not one is refused with a SafetyError naming the file", (t) => {
  const path = `${t.statePath}.wfpsec-incomplete-apply.json`;
  for (
    const [text, why] of [
      ["{", /not JSON/],
      ['{"version":2}', /not a version 1 record/],
      [
        JSON.stringify({
          version: 1,
          policy: { name: "p" },
          pid: 1,
          host: "h",
          startedAt: "t",
          state: "running",
          manualSas: [],
          createdSaContexts: ["1; rm"],
          staleSaContexts: [],
          deletedSaContexts: [],
        }),
        /SA context ids that are not u64/,
      ],
    ] as const
  ) {
    Deno.writeTextFileSync(path, text);
    assert.throws(() => readIncompleteApply(path), (e: unknown) => {
      assert.ok(e instanceof SafetyError);
      assert.ok(e.message.includes(path));
      assert.match(e.message, why);
      return true;
    });
  }
});

simTest("an SA context the record names that cannot be deleted is an ApplyError naming it", (t) => {
  const g = graph();
  t.engine.transaction(() => {
    t.engine.addProvider(g.provider);
    t.engine.addSublayer(g.sublayer);
    for (const f of g.filters) t.engine.addFilter(f);
  });
  const m = g.manualSas[0];
  const id = t.engine.sa!.createSaContext(saTraffic(m, t.engine.getFilter(m.outboundFilterKey)!.filterId!));
  const sa: SaContextOps = Object.create(t.engine.sa!);
  sa.deleteSaContext = () => {
    throw new WfpError("IPsecSaContextDeleteById0", 0x8032000a); // FWP_E_IN_USE
  };
  const e: Engine = Object.create(t.engine);
  Object.defineProperty(e, "sa", { value: sa });
  const rec = {
    version: 1 as const,
    policy: { name: "ffi-journal", file: null },
    command: "apply",
    pid: 1,
    host: "h",
    startedAt: "2026-12-03T07:00:00.000Z",
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
  assert.throws(() => finishIncompleteApply(e, rec, g.provider.providerKey), (err: unknown) => {
    assert.ok(err instanceof ApplyError);
    assert.match(
      err.message,
      new RegExp(`^deleting SA context ${id}, which an earlier apply of policy "ffi-journal"`),
    );
    assert.match(err.message, /FWP_E_IN_USE/);
    assert.match(err.message, /the record stays: run apply again$/);
    assert.equal(err.object?.kind, "manualSa");
    return true;
  });
  t.engine.sa!.deleteSaContext(id);
});
