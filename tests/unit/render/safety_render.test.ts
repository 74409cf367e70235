/**
 * Service-state parsing, engine selection, and the JSON rendering conventions (bigint, bytes, symbolic names,
 * no key bytes). The admin-only file rules are in tests/unit/host/admin_only.test.ts.
 */
import assert from "node:assert/strict";
import { filterJson, fromJsonObject, providerContextJson } from "../../../modules/render/render.ts";
import { parseScState } from "../../../modules/host/doctor.ts";
import { requestedKind } from "../../../modules/engine/select.ts";
import { CALLOUTS, LAYERS } from "../../../ffi/constants.ts";
import type { Filter, ProviderContext } from "../../../modules/graph/graph.ts";

Deno.test("sc query state and engine selection rules", () => {
  assert.equal(
    parseScState(
      "SERVICE_NAME: BFE\n        TYPE               : 20  WIN32_SHARE_PROCESS\n        STATE              : 4  RUNNING\n",
    ),
    "RUNNING",
  );
  assert.equal(parseScState("garbage"), undefined);
  assert.equal(requestedKind({ engine: "sim" }), "sim");
  assert.equal(requestedKind({ state: "x.xml" }), "snapshot");
  if (Deno.build.os !== "windows") {
    const saved = Deno.env.get("WFPSEC_ENGINE");
    Deno.env.delete("WFPSEC_ENGINE");
    assert.throws(() => requestedKind({}), /no WFP engine on linux: .*--engine sim/);
    assert.throws(() => requestedKind({ engine: "windows" }), /needs Windows/);
    Deno.env.set("WFPSEC_ENGINE", "sim");
    assert.equal(requestedKind({}), "sim");
    if (saved === undefined) Deno.env.delete("WFPSEC_ENGINE");
    else Deno.env.set("WFPSEC_ENGINE", saved);
  }
});

Deno.test("JSON rendering: u64 as decimal strings, bytes as hex, symbolic names, keys redacted, reversible", () => {
  const f: Filter = {
    filterKey: "0a0b0c0d-0000-0000-0000-000000000001",
    displayData: { name: "f" },
    flags: 0x5,
    providerData: new Uint8Array([0xde, 0xad]),
    layerKey: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4,
    subLayerKey: "0a0b0c0d-0000-0000-0000-000000000002",
    weight: { type: 4, uint64: 18446744073709551615n },
    filterCondition: [{
      fieldKey: "b235ae9a-1d64-49b8-a44c-5ff3d9095045",
      matchType: 0,
      conditionValue: { type: 2, uint16: 80 },
    }],
    action: { type: 0x5003, calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4 },
    providerContextKey: "0a0b0c0d-0000-0000-0000-000000000003",
    filterId: 123n,
  };
  const j = filterJson(f) as Record<string, unknown>;
  assert.equal(j.layer, "FWPM_LAYER_INBOUND_TRANSPORT_V4");
  assert.deepEqual(j.flagNames, ["FWPM_FILTER_FLAG_PERSISTENT", "FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT"]);
  assert.equal(j.providerData, "dead");
  assert.equal(j.filterId, "123");
  assert.deepEqual(j.weight, { type: 4, uint64: "18446744073709551615", typeName: "FWP_UINT64" });
  assert.deepEqual(j.action, {
    type: 0x5003,
    calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4,
    typeName: "FWP_ACTION_CALLOUT_TERMINATING",
    callout: "FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4",
  });
  const c0 = (j.filterCondition as Record<string, unknown>[])[0];
  assert.equal(c0.field, "FWPM_CONDITION_IP_REMOTE_ADDRESS");
  assert.equal(c0.matchTypeName, "FWP_MATCH_EQUAL");
  assert.deepEqual(fromJsonObject<Filter>(JSON.parse(JSON.stringify(j))), f);

  const ctx: ProviderContext = {
    providerContextKey: "0a0b0c0d-0000-0000-0000-000000000004",
    displayData: { name: "mm" },
    flags: 1,
    type: 5,
    ikeMmPolicy: {
      softExpirationTime: 0,
      authenticationMethods: [{
        authenticationMethodType: 0,
        presharedKeyAuthentication: { presharedKey: new TextEncoder().encode("hunter2-psk"), flags: 0 },
      }],
      initiatorImpersonationType: 0,
      ikeProposals: [],
      flags: 0,
      maxDynamicFilters: 0,
      retransmitDurationSecs: 0,
    },
  };
  const cj = JSON.stringify(providerContextJson(ctx));
  assert.ok(
    !cj.includes("hunter2") && !cj.includes(
      Array.from(new TextEncoder().encode("hunter2-psk"), (b) => b.toString(16).padStart(2, "0")).join(""),
    ),
  );
  assert.match(cj, /"typeName":"FWPM_IPSEC_IKE_MM_CONTEXT"/);
});
