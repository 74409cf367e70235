/**
 * Transactions, error paths and persistence through the FFI engine: every engine failure surfaces as a
 * WfpError carrying the FWP_E_* name, code, operation and object; nothing changes on a failed transaction.
 */
import assert from "node:assert/strict";
import { ENUMS, ERRORS, FLAGS, LAYERS, SUBLAYERS } from "../../ffi/constants.ts";
import { WfpError, WfpUsageError } from "../../ffi/errors.ts";
import { assertWfpError, hooks, simTest } from "./helpers.ts";
import {
  key,
  permitFilter,
  provider,
  PROVIDER_KEY,
  providerContexts,
  sublayer,
  SUBLAYER_KEY,
  transportFilter,
} from "./fixtures.ts";

const DT = ENUMS.FWP_DATA_TYPE;

simTest("transaction commits when fn returns and returns its value", ({ engine, open }) => {
  const r = engine.transaction(() => {
    engine.addProvider(provider);
    engine.addSublayer(sublayer);
    return 42;
  });
  assert.equal(r, 42);
  const other = open();
  assert.ok(other.getSublayer(SUBLAYER_KEY), "committed work is visible to another session");
});

simTest("transaction aborts on throw, rethrows the same error, and leaves nothing behind", ({ engine }) => {
  const boom = new Error("policy step failed");
  assert.throws(() =>
    engine.transaction(() => {
      engine.addProvider(provider);
      engine.addSublayer(sublayer);
      throw boom;
    }), (e) => e === boom);
  assert.equal(engine.getProvider(PROVIDER_KEY), undefined);
  assert.equal(engine.getSublayer(SUBLAYER_KEY), undefined);
});

simTest("an engine error inside a transaction aborts everything before it", ({ engine }) => {
  engine.addProvider(provider);
  const err = assertWfpError(() =>
    engine.transaction(() => {
      engine.addSublayer(sublayer);
      engine.addFilter(permitFilter(1));
      engine.addFilter(permitFilter(1)); // same key again
    }), "FWP_E_ALREADY_EXISTS");
  assert.equal(err.operation, "FwpmFilterAdd0");
  assert.equal((err as unknown as WfpError).object?.name, "permit 1");
  assert.equal(engine.getSublayer(SUBLAYER_KEY), undefined);
  assert.equal(engine.getFilter(permitFilter(1).filterKey), undefined);
});

simTest("nested transaction() is a usage error and the outer transaction is aborted", ({ engine }) => {
  assert.throws(
    () =>
      engine.transaction(() => {
        engine.addProvider(provider);
        engine.transaction(() => {});
      }),
    (e) => e instanceof WfpUsageError && /nesting is not supported/.test(e.message),
  );
  assert.equal(engine.getProvider(PROVIDER_KEY), undefined);
  engine.transaction(() => engine.addProvider(provider)); // the session is usable afterwards
  assert.ok(engine.getProvider(PROVIDER_KEY));
});

simTest("a write inside a read-only transaction fails with FWP_E_INCOMPATIBLE_TXN", ({ engine }) => {
  assertWfpError(
    () => engine.transaction(() => engine.addProvider(provider), { readOnly: true }),
    "FWP_E_INCOMPATIBLE_TXN",
  );
  assert.equal(engine.getProvider(PROVIDER_KEY), undefined);
  assert.deepEqual(
    engine.transaction(() => engine.enumSublayers({ providerKey: PROVIDER_KEY }), { readOnly: true }),
    [],
  );
});

simTest(
  "fault injection: the n-th mutating call fails with the chosen code and the transaction rolls back",
  ({ engine }) => {
    const code = ERRORS.FWP_E_TIMEOUT.code;
    hooks.failNthMutation(3, code);
    const err = assertWfpError(() =>
      engine.transaction(() => {
        engine.addProvider(provider);
        engine.addSublayer(sublayer);
        engine.addFilter(permitFilter(1));
      }), "FWP_E_TIMEOUT");
    assert.equal(err.code, code);
    assert.ok(err instanceof WfpError);
    assert.equal(engine.getProvider(PROVIDER_KEY), undefined);
  },
);

simTest("engine errors carry the FWP_E_* name for each failure the simulator reports", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  assertWfpError(() => engine.addProvider(provider), "FWP_E_ALREADY_EXISTS");
  assertWfpError(
    () => engine.addSublayer({ ...sublayer, subLayerKey: key(1), providerKey: key(2) }),
    "FWP_E_PROVIDER_NOT_FOUND",
  );
  assertWfpError(
    () => engine.addFilter({ ...permitFilter(1), subLayerKey: key(3) }),
    "FWP_E_SUBLAYER_NOT_FOUND",
  );
  assertWfpError(() => engine.addFilter({ ...permitFilter(1), layerKey: key(4) }), "FWP_E_LAYER_NOT_FOUND");
  assertWfpError(() => engine.addFilter(transportFilter(1, [], key(5))), "FWP_E_PROVIDER_CONTEXT_NOT_FOUND");
  assertWfpError(
    () =>
      engine.addFilter({ ...transportFilter(1, []), flags: 0, action: { type: 0x5003, calloutKey: key(6) } }),
    "FWP_E_CALLOUT_NOT_FOUND",
  );
  assertWfpError(
    () => engine.addFilter({ ...permitFilter(1), weight: { type: DT.FWP_UINT8, uint8: 16 } }),
    "FWP_E_INVALID_WEIGHT",
  );
  assertWfpError(
    () => engine.addFilter({ ...permitFilter(1), displayData: { name: undefined as unknown as string } }),
    "FWP_E_NULL_DISPLAY_NAME",
  );
  assertWfpError(
    () =>
      engine.addFilter({
        ...permitFilter(1),
        filterCondition: [{
          ...permitFilter(1).filterCondition[0],
          conditionValue: { type: DT.FWP_UINT16, uint16: 6 },
        }],
      }),
    "FWP_E_TYPE_MISMATCH",
  );
  assertWfpError(
    () =>
      engine.addFilter({
        ...permitFilter(1),
        filterCondition: [{ ...permitFilter(1).filterCondition[0], fieldKey: key(7) }],
      }),
    "FWP_E_CONDITION_NOT_FOUND",
  );
  assertWfpError(() => engine.deleteFilter(key(8)), "FWP_E_FILTER_NOT_FOUND");
  assertWfpError(() => engine.deleteFilterById(0xfffffffn), "FWP_E_FILTER_NOT_FOUND");
  assertWfpError(() => engine.deleteProviderContext(key(9)), "FWP_E_PROVIDER_CONTEXT_NOT_FOUND");
  assertWfpError(() => engine.deleteSublayer(key(10)), "FWP_E_SUBLAYER_NOT_FOUND");
  assertWfpError(() => engine.deleteProvider(key(11)), "FWP_E_PROVIDER_NOT_FOUND");
  assertWfpError(() => engine.deleteProvider(PROVIDER_KEY), "FWP_E_IN_USE");
  assertWfpError(() => engine.deleteSublayer(SUBLAYERS.FWPM_SUBLAYER_IPSEC_TUNNEL), "FWP_E_BUILTIN_OBJECT");
  engine.addProviderContext(providerContexts[5]);
  engine.addFilter(transportFilter(1, []));
  assertWfpError(() => engine.deleteProviderContext(providerContexts[5].providerContextKey), "FWP_E_IN_USE");
  const e = assertWfpError(() => engine.addProvider(provider), "FWP_E_ALREADY_EXISTS") as unknown as WfpError;
  assert.equal(e.hex, "0x80320009");
  assert.match(e.message, /FwpmProviderAdd0 failed \(provider "wfpsec test provider" 5f2c8d2e/);
});

simTest(
  "a persistent object survives a restart of the process (second deno process, same state file)",
  async ({ engine, statePath }) => {
    engine.addProvider({ ...provider, flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT });
    engine.addProvider({ ...provider, providerKey: key(0x501), displayData: { name: "not persistent" } });
    const script = new URL("./persist_child.ts", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-ffi", "--allow-read", "--allow-env", script, PROVIDER_KEY, key(0x501)],
      env: { FWPSIM_STATE: statePath },
      stderr: "inherit",
    }).output();
    assert.equal(out.code, 0);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), {
      persistent: "wfpsec test provider",
      other: null,
    });
    void LAYERS;
  },
);
