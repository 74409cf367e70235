/**
 * Issue 12 rule 10: BFE adds IKE/AuthIP exemptions only for IKE and AuthIP main-mode policy filters
 * (learn.microsoft.com fwp/ike-exemptions), not for IKEv2, and in no sublayer of ours; so wfpsec permits
 * UDP 500/4500 (IPv6: 500) in its own sublayer, weight range 0xC, at every layer where its rules' callout
 * filters sit, and at ALE only for the local system.
 */
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { CONDITIONS, ENUMS, LAYERS, WEIGHTS } from "../../../ffi/constants.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { WFPSEC_SUBLAYER_KEY } from "../../../modules/compiler/mod.ts";
import type { Filter, ObjectGraph } from "../../../modules/graph/mod.ts";
import { readMeta } from "../../../modules/graph/mod.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";

const A = ENUMS.FWP_ACTION_TYPE;
const IKEV2 = `version: 1
name: ikev2-only
mainMode:
  - name: mm
    keyModule: ikev2
    auth: [{ certificate: { rootCA: "CN=Root" } }]
    proposals: [aes256-sha256-ecp256]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: r
    remote: [192.0.2.0/24, "2001:db8::/32"]
    inbound: require
    outbound: request
    requireEncryption: true
    mainMode: mm
    quickMode: qm
`;

const path = (f: Filter): string => String(readMeta(f.providerData)?.path ?? "");
const layerName = (k: string) => Object.entries(LAYERS).find(([, v]) => v === k)![0];

function ports(f: Filter): number[] {
  return f.filterCondition.filter((c) => c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT)
    .map((c) => (c.conditionValue as { uint16: number }).uint16);
}

function calloutLayers(g: ObjectGraph): Set<string> {
  return new Set(
    g.filters.filter((f) =>
      f.action.type === A.FWP_ACTION_CALLOUT_TERMINATING && path(f).startsWith("rules/")
    )
      .map((f) => f.layerKey),
  );
}

Deno.test("rule 10: an IKEv2-only policy gets IKE exemptions in our sublayer at every callout layer", () => {
  const g = compilePolicy(loadPolicy(IKEV2, "ikev2.yaml").policy);
  const ike = g.filters.filter((f) => path(f).startsWith("ikeExemptions/"));
  const layers = calloutLayers(g);
  ok(layers.size >= 8, "transport and ALE callouts on both families");
  deepStrictEqual(new Set(ike.map((f) => f.layerKey)), layers, "one exemption per callout layer");
  for (const f of ike) {
    const name = layerName(f.layerKey);
    equal(f.subLayerKey, WFPSEC_SUBLAYER_KEY, name);
    equal(f.action.type, A.FWP_ACTION_PERMIT, name);
    deepStrictEqual(f.weight, {
      type: ENUMS.FWP_DATA_TYPE.FWP_UINT8,
      uint8: WEIGHTS.FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS,
    });
    deepStrictEqual(ports(f), name.endsWith("V4") ? [500, 4500] : [500], name);
    const system = f.filterCondition.some((c) => c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_USER_ID);
    equal(system, name.includes("ALE"), `${name}: ALE exemptions are for the local system only`);
  }
});

Deno.test("rule 10: no rule, no IKE exemption (manual SAs negotiate nothing)", () => {
  const g = compilePolicy(
    loadPolicy(
      `version: 1
name: sa-only
manualSas:
  - name: p
    local: 10.1.1.1
    remote: 10.2.2.2
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: K1 } }
    outbound: { spi: 0x2002, transform: ah-sha256, key: { env: K2 } }
`,
      "sa.yaml",
    ).policy,
  );
  equal(g.filters.filter((f) => path(f).startsWith("ikeExemptions/")).length, 0);
});
