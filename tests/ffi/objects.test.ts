/**
 * Round trips of every object kind through the real FFI path into fwpsim and back: what wfpsec adds is
 * exactly what the engine returns (plus the engine-assigned ids and weights).
 */
import assert from "node:assert/strict";
import type { Filter } from "../../modules/graph/graph.ts";
import { CONDITIONS, ENUMS, FLAGS, LAYERS } from "../../ffi/constants.ts";
import { assertWfpError, normalized, simTest } from "./helpers.ts";
import {
  aleV4Conditions,
  key,
  permitFilter,
  provider,
  PROVIDER_KEY,
  providerContexts,
  sublayer,
  SUBLAYER_KEY,
  transportFilter,
  tunnelPolicy,
  v6Conditions,
} from "./fixtures.ts";

const DT = ENUMS.FWP_DATA_TYPE;
const MT = ENUMS.FWP_MATCH_TYPE;
const C = CONDITIONS;

function withoutEngineFields(f: Filter): Filter {
  const { filterId: _id, effectiveWeight: _w, ...rest } = f;
  return rest;
}

simTest("the engine says it is the simulator", ({ engine }) => {
  assert.equal(engine.info.kind, "fwpsim");
  assert.equal(engine.info.simulated, true);
  assert.match(engine.info.description, /simulator, not Windows/);
});

simTest("provider: add, get, enumerate, delete", ({ engine }) => {
  engine.addProvider(provider);
  assert.deepEqual(engine.getProvider(PROVIDER_KEY), normalized(provider));
  assert.deepEqual(engine.enumProviders().filter((p) => p.providerKey === PROVIDER_KEY), [
    normalized(provider),
  ]);
  engine.deleteProvider(PROVIDER_KEY);
  assert.equal(engine.getProvider(PROVIDER_KEY), undefined);
});

simTest("sublayer: add, get, enumerate by provider, delete", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  assert.deepEqual(engine.getSublayer(SUBLAYER_KEY), normalized(sublayer));
  assert.deepEqual(engine.enumSublayers({ providerKey: PROVIDER_KEY }), [normalized(sublayer)]);
  assert.ok(engine.enumSublayers().length > 1, "built-in sublayers are listed without a template");
  engine.deleteSublayer(SUBLAYER_KEY);
  assert.equal(engine.getSublayer(SUBLAYER_KEY), undefined);
});

simTest("every provider-context kind round-trips with its nested policy", ({ engine }) => {
  engine.addProvider(provider);
  const ids = new Set<bigint>();
  for (const ctx of providerContexts) {
    const id = engine.addProviderContext(ctx);
    assert.ok(id > 0n, `${ctx.displayData.name}: engine-assigned id`);
    ids.add(id);
    const back = engine.getProviderContext(ctx.providerContextKey);
    assert.deepEqual(back, { ...normalized(ctx), providerContextId: id }, ctx.displayData.name);
  }
  assert.equal(ids.size, providerContexts.length, "ids are unique");
  const ours = engine.enumProviderContexts({ providerKey: PROVIDER_KEY });
  assert.equal(ours.length, providerContexts.length);
  const mm = engine.enumProviderContexts({
    providerKey: PROVIDER_KEY,
    providerContextType: ENUMS.FWPM_PROVIDER_CONTEXT_TYPE.FWPM_IPSEC_IKE_MM_CONTEXT,
  });
  assert.deepEqual(mm.map((c) => c.displayData.name).sort(), [
    "IKE MM PSK",
    "IKE MM kerberos+cert",
  ]);
  for (const ctx of providerContexts) engine.deleteProviderContext(ctx.providerContextKey);
  assert.deepEqual(engine.enumProviderContexts({ providerKey: PROVIDER_KEY }), []);
});

simTest("filters round-trip with every accepted condition value type, by key and by id", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  engine.addProviderContext(providerContexts[5]); // QM transport, referenced by the callout filter
  const transport = transportFilter(
    1,
    aleV4Conditions.slice(0, 8).filter((c) =>
      c.conditionValue.type !== DT.FWP_UINT32 || c.fieldKey !== C.FWPM_CONDITION_IP_LOCAL_ADDRESS
    ),
  );
  const ale: Filter = { ...permitFilter(2), filterCondition: aleV4Conditions };
  const v6: Filter = {
    ...permitFilter(3),
    layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6,
    filterCondition: v6Conditions,
    weight: { type: DT.FWP_EMPTY },
  };
  for (const f of [transport, ale, v6]) {
    const id = engine.addFilter(f);
    assert.ok(id > 0n);
    const back = engine.getFilter(f.filterKey)!;
    assert.equal(back.filterId, id);
    assert.equal(
      back.effectiveWeight?.type,
      DT.FWP_UINT64,
      "the engine reports the effective weight as UINT64",
    );
    assert.deepEqual(withoutEngineFields(back), normalized(f), f.displayData.name);
    assert.deepEqual(engine.getFilterById(id), back);
  }
  assert.equal(
    (engine.getFilter(transport.filterKey)!.effectiveWeight as { uint64: bigint }).uint64,
    (transport.weight as { uint64: bigint }).uint64,
    "an explicit UINT64 weight (passed by pointer) is used as is",
  );
  engine.deleteFilterById(engine.getFilter(ale.filterKey)!.filterId!);
  engine.deleteFilter(transport.filterKey);
  assert.equal(engine.getFilter(ale.filterKey), undefined);
  assert.deepEqual(engine.enumFilters({ providerKey: PROVIDER_KEY }).map((f) => f.filterKey), [v6.filterKey]);
});

simTest("filter enumeration: templates by provider and by layer, paged", ({ engine }) => {
  engine.addProvider(provider);
  engine.addSublayer(sublayer);
  const n = 25;
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = permitFilter(i);
    if (i % 5 === 0) f.layerKey = LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4;
    engine.addFilter(f);
    keys.push(f.filterKey);
  }
  const pageSizes = [...engine.filterPages({ providerKey: PROVIDER_KEY }, 7)].map((p) => p.length);
  assert.deepEqual(pageSizes, [7, 7, 7, 4]);
  assert.deepEqual(
    engine.enumFilters({ providerKey: PROVIDER_KEY }, 7).map((f) => f.filterKey).sort(),
    keys.sort(),
  );
  const recv = engine.enumFilters({ layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4 });
  assert.deepEqual(recv.map((f) => f.displayData.name).sort(), [
    "permit 0",
    "permit 10",
    "permit 15",
    "permit 20",
    "permit 5",
  ]);
  // Stopping early still destroys the enumeration handle and frees the page.
  for (const page of engine.filterPages({ providerKey: PROVIDER_KEY }, 3)) {
    assert.equal(page.length, 3);
    break;
  }
});

simTest("tunnel: FwpmIPsecTunnelAdd3 with main-mode and tunnel policies, then delete", ({ engine }) => {
  engine.addProvider(provider);
  const mm = { ...providerContexts[0], providerContextKey: key(0x301) };
  const qm = {
    ...providerContexts[8],
    providerContextKey: key(0x302),
    ikeQmTunnelPolicy: tunnelPolicy,
  };
  engine.addTunnel({
    flags: FLAGS.FWPM_TUNNEL_FLAG.FWPM_TUNNEL_FLAG_POINT_TO_POINT,
    mainModePolicy: mm,
    tunnelPolicy: qm,
    filterConditions: [{
      fieldKey: C.FWPM_CONDITION_IP_REMOTE_ADDRESS,
      matchType: MT.FWP_MATCH_EQUAL,
      conditionValue: { type: DT.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a010000, mask: 0xffff0000 } },
    }],
  });
  const back = engine.getProviderContext(qm.providerContextKey);
  assert.ok(back, "the tunnel's QM context exists");
  assert.deepEqual(back.ikeQmTunnelPolicy, normalized(tunnelPolicy));
  engine.deleteTunnel(qm.providerContextKey);
  assert.equal(engine.getProviderContext(qm.providerContextKey), undefined);
});

simTest(
  "app id from a file name: the engine's NT device path as a UTF-16 blob; a relative path is refused",
  ({ engine }) => {
    const id = engine.appIdFromFileName("C:\\Windows\\System32\\SvcHost.exe");
    const text = String.fromCharCode(...new Uint16Array(id.buffer, id.byteOffset, id.length / 2));
    assert.equal(text, "\\device\\harddiskvolume1\\windows\\system32\\svchost.exe\0");
    assertWfpError(() => engine.appIdFromFileName("relative.exe"), "ERROR_INVALID_PARAMETER");
  },
);

simTest(
  "a dynamic session's objects vanish when it closes; a persistent provider does not",
  ({ engine, open }) => {
    const dyn = open({ dynamic: true });
    dyn.addProvider({ ...provider, providerKey: key(0x401), displayData: { name: "dynamic" } });
    engine.addProvider({ ...provider, flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT });
    assert.ok(engine.getProvider(key(0x401)), "visible to other sessions while open");
    dyn.close();
    assert.equal(engine.getProvider(key(0x401)), undefined);
    assert.ok(engine.getProvider(PROVIDER_KEY));
  },
);
