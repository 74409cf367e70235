/**
 * The compensating transaction of a manual-SA apply on fwpsim: when an SA call fails, the filter changes are
 * undone only while the engine still holds exactly this apply's commit. A commit by another session in
 * between (here: a second session replacing one of the new filters) is left in force and the error says
 * the changes were NOT undone; without a concurrent commit they are undone and the error says nothing
 * changed; a compensating transaction that times out is retried.
 */
import assert from "node:assert/strict";
import { simTest } from "./helpers.ts";
import type { FfiEngine } from "../../modules/engine/ffi.ts";
import type { Engine, SaContextOps } from "../../modules/engine/port.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { applyGraph } from "../../modules/apply/apply.ts";
import { ApplyError, WfpError } from "../../modules/errors.ts";
import { readCurrent } from "../../modules/plan/plan.ts";

const POLICY = `version: 1
name: ffi-compensate
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
const graph = () => compilePolicy(loadPolicy(POLICY, "compensate.yaml").policy);
const opts = { resolveSaKey: () => KEY };

/** `engine` whose SA calls run `before` and then fail at AddInbound with FWP_E_TIMEOUT. */
function failingAtAddInbound(engine: FfiEngine, before: () => void): Engine {
  const sa: SaContextOps = Object.create(engine.sa!);
  sa.addSaContextInbound = () => {
    before();
    throw new WfpError("IPsecSaContextAddInbound1", FWP_E_TIMEOUT);
  };
  const e: Engine = Object.create(engine);
  Object.defineProperty(e, "sa", { value: sa });
  return e;
}

simTest("a commit by another session during the SA phase is not undone, and the error says so", (t) => {
  const g = graph();
  const m = g.manualSas[0];
  const other = t.open();
  let replacedId: bigint | undefined;
  const engine = failingAtAddInbound(t.engine, () => {
    // Another apply replaces one of the filters this apply just committed.
    other.transaction(() => {
      const f = other.getFilter(m.outboundFilterKey)!;
      other.deleteFilter(f.filterKey);
      const { filterId: _i, effectiveWeight: _w, ...rest } = f;
      replacedId = other.addFilter({ ...rest, displayData: { ...rest.displayData, name: "theirs" } });
    });
  });
  assert.throws(() => applyGraph(engine, g, opts), (e: unknown) => {
    assert.ok(e instanceof ApplyError);
    assert.match(e.message, /IPsecSaContextAddInbound1 for manual SA "peer" failed/);
    assert.match(e.message, /NOT undone/);
    assert.match(e.message, /was replaced/);
    assert.doesNotMatch(e.message, /nothing changed/);
    return true;
  });
  // The other session's commit is still in force, with the rest of this apply's filters.
  const f = t.engine.getFilter(m.outboundFilterKey);
  assert.equal(f?.filterId, replacedId);
  assert.equal(f?.displayData.name, "theirs");
  assert.equal(t.engine.sa!.enumSaContexts().length, 0, "the SA context this apply created was deleted");
});

simTest(
  "without a concurrent commit the filter changes are undone and the error says nothing changed",
  (t) => {
    const before = readCurrent(t.engine, graph().provider.providerKey, graph().sublayer.subLayerKey);
    const engine = failingAtAddInbound(t.engine, () => {});
    assert.throws(() => applyGraph(engine, graph(), opts), (e: unknown) => {
      assert.ok(e instanceof ApplyError);
      assert.match(
        e.message,
        /the SA contexts this apply created were deleted; the filter changes were undone, nothing changed$/,
      );
      return true;
    });
    assert.deepEqual(
      readCurrent(t.engine, graph().provider.providerKey, graph().sublayer.subLayerKey),
      before,
    );
    assert.equal(t.engine.sa!.enumSaContexts().length, 0);
  },
);

simTest("a compensating transaction that times out is retried until it runs", (t) => {
  const g = graph();
  const engine = failingAtAddInbound(t.engine, () => {});
  // The first attempt to begin the compensating transaction times out (another session holds the engine).
  let begins = 0;
  const inner = t.engine.transaction.bind(t.engine);
  Object.defineProperty(engine, "transaction", {
    value: <T>(fn: () => T, o?: { readOnly?: boolean }): T => {
      if (++begins === 2) {
        throw new WfpError("FwpmTransactionBegin0", FWP_E_TIMEOUT);
      }
      return inner(fn, o);
    },
  });
  assert.throws(() => applyGraph(engine, g, opts), /the filter changes were undone, nothing changed$/);
  assert.equal(begins, 3);
  assert.equal(t.engine.getFilter(g.manualSas[0].outboundFilterKey), undefined);
});
