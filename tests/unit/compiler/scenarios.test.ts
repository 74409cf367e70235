/**
 * Each documented IPsec scenario (docs/recipes.md) compiled from its example policy: the
 * layers, provider-context types, callouts, conditions, flags and rawContext of Microsoft's recipe.
 */
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { ENUMS, FILTER_CONTEXTS, FLAGS, KEYING_MODULES, LAYERS, WEIGHTS } from "../../../ffi/constants.ts";
import { WFPSEC_PROVIDER_KEY, WFPSEC_SUBLAYER_KEY } from "../../../modules/compiler/mod.ts";
import type { Filter, ObjectGraph } from "../../../modules/graph/graph.ts";
import { at, calloutName, compileExample, conds, named } from "./helpers.ts";

const PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE, A = ENUMS.FWP_ACTION_TYPE, T = ENUMS.FWP_DATA_TYPE;
const FF = FLAGS.FWPM_FILTER_FLAG, PF = FLAGS.IPSEC_POLICY_FLAG, FC = FILTER_CONTEXTS;

/** Every object persistent, in our provider and sublayer. */
function assertOwnedAndPersistent(g: ObjectGraph) {
  equal(g.provider.providerKey, WFPSEC_PROVIDER_KEY);
  equal(g.sublayer.subLayerKey, WFPSEC_SUBLAYER_KEY);
  ok(g.provider.flags & FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT);
  ok(g.sublayer.flags & FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT);
  for (const c of g.providerContexts) {
    equal(c.providerKey, WFPSEC_PROVIDER_KEY);
    ok(c.flags & FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT);
  }
  for (const f of g.filters) {
    equal(f.providerKey, WFPSEC_PROVIDER_KEY);
    equal(f.subLayerKey, WFPSEC_SUBLAYER_KEY);
    ok(f.flags & FF.FWPM_FILTER_FLAG_PERSISTENT, f.displayData.name);
  }
  const keys = [...g.providerContexts.map((c) => c.providerContextKey), ...g.filters.map((f) => f.filterKey)];
  equal(new Set(keys).size, keys.length, "keys are unique");
}

/** A [MM]/[QM] policy filter: PERMIT with HAS_PROVIDER_CONTEXT pointing at a context of `type`. */
function assertPolicyFilter(g: ObjectGraph, f: Filter, type: number) {
  equal(f.action.type, A.FWP_ACTION_PERMIT);
  ok(f.flags & FF.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT);
  equal(f.rawContext, undefined);
  const ctx = g.providerContexts.find((c) => c.providerContextKey === f.providerContextKey);
  ok(ctx, "referenced context is in the graph");
  equal(ctx.type, type);
}

/** A transport/ALE callout filter: unicast-only, CALLOUT_TERMINATING with this callout and rawContext. */
function assertCallout(f: Filter, callout: string, raw: bigint) {
  equal(f.action.type, A.FWP_ACTION_CALLOUT_TERMINATING);
  equal(calloutName(f), callout);
  equal(f.rawContext, raw);
  equal(f.flags & FF.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT, 0);
  deepStrictEqual(conds(f, "FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE").map((c) => c.conditionValue), [{
    type: T.FWP_UINT8,
    uint8: 1,
  }]);
}

/** [ICMP] exemption: PERMIT, weight FWP_UINT8 0xC, protocol 1 (v4) / 58 (v6). */
function assertIcmpExemption(f: Filter, v: 4 | 6) {
  equal(f.action.type, A.FWP_ACTION_PERMIT);
  deepStrictEqual(f.weight, { type: T.FWP_UINT8, uint8: WEIGHTS.FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS });
  deepStrictEqual(conds(f, "FWPM_CONDITION_IP_PROTOCOL").map((c) => c.conditionValue), [{
    type: T.FWP_UINT8,
    uint8: v === 4 ? 1 : 58,
  }]);
}

Deno.test("transport mode: MM+QM(flags 0)+IN/OUT callouts with rawContext 0, ICMP exempt, no ALE filter", () => {
  const { graph: g } = compileExample("transport-mode.yaml");
  assertOwnedAndPersistent(g);
  deepStrictEqual(g.providerContexts.map((c) => c.type), [
    PCT.FWPM_IPSEC_IKE_MM_CONTEXT,
    PCT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT,
  ]);
  equal(g.providerContexts[1].ikeQmTransportPolicy?.flags, 0);
  for (const v of [4, 6] as const) {
    const ike = at(g, `FWPM_LAYER_IKEEXT_V${v}`), ipsec = at(g, `FWPM_LAYER_IPSEC_V${v}`);
    equal(ike.length, 1);
    assertPolicyFilter(g, ike[0], PCT.FWPM_IPSEC_IKE_MM_CONTEXT);
    deepStrictEqual(ike[0].filterCondition, [], "MM filter matches everything");
    assertPolicyFilter(g, ipsec[0], PCT.FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT);
    const out = at(g, `FWPM_LAYER_OUTBOUND_TRANSPORT_V${v}`),
      inn = at(g, `FWPM_LAYER_INBOUND_TRANSPORT_V${v}`);
    assertCallout(named(out, "/out")[0], `FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V${v}`, 0n);
    assertCallout(named(inn, "/in")[0], `FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V${v}`, 0n);
    assertIcmpExemption(named(out, "exemptions/icmp")[0], v);
    assertIcmpExemption(named(inn, "exemptions/icmp")[0], v);
    equal(at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`).length, 0);
    equal(named(out, "ikeExemptions/").length, 1, "IKE exemption in our sublayer (issue 12 rule 10)");
    equal(named(inn, "ikeExemptions/").length, 1);
  }
  equal(g.filters.length, 16);
});

Deno.test("ND transport: ND_SECURE QM, IN PERSIST, OUT NEGOTIATE_DISCOVER, ALE accept INITIATE_SECURE + ICMP", () => {
  const { graph: g } = compileExample("nd-transport.yaml");
  assertOwnedAndPersistent(g);
  const qm = g.providerContexts.find((c) => c.type === PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT);
  equal(qm?.authipQmTransportPolicy?.flags, PF.IPSEC_POLICY_FLAG_ND_SECURE);
  equal(qm?.authipQmTransportPolicy?.ndAllowClearTimeoutSeconds, 10);
  for (const v of [4, 6] as const) {
    assertPolicyFilter(g, at(g, `FWPM_LAYER_IKEEXT_V${v}`)[0], PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT);
    assertCallout(
      named(at(g, `FWPM_LAYER_INBOUND_TRANSPORT_V${v}`), "/in")[0],
      `FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V${v}`,
      FC.FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY,
    );
    assertCallout(
      named(at(g, `FWPM_LAYER_OUTBOUND_TRANSPORT_V${v}`), "/out")[0],
      `FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V${v}`,
      FC.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER,
    );
    const ale = at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`);
    assertCallout(named(ale, "/accept")[0], `FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V${v}`, 0n);
    assertIcmpExemption(named(ale, "exemptions/icmp")[0], v);
  }
  const mm = g.providerContexts[0].authIpMmPolicy!;
  deepStrictEqual(mm.authenticationMethods.map((m) => m.authenticationMethodType), [
    ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
    ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_NTLM_V2,
  ]);
});

Deno.test("ND boundary mode: ND_BOUNDARY QM, both callouts negotiate-discover/persist, NO ALE accept filter", () => {
  const { graph: g } = compileExample("nd-boundary.yaml");
  const qm = g.providerContexts.find((c) => c.type === PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT);
  equal(qm?.authipQmTransportPolicy?.flags, PF.IPSEC_POLICY_FLAG_ND_BOUNDARY);
  for (const v of [4, 6] as const) {
    equal(
      named(at(g, `FWPM_LAYER_INBOUND_TRANSPORT_V${v}`), "/in")[0].rawContext,
      FC.FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY,
    );
    equal(
      named(at(g, `FWPM_LAYER_OUTBOUND_TRANSPORT_V${v}`), "/out")[0].rawContext,
      FC.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER,
    );
    equal(
      at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`).length,
      0,
      "no ALE filter: clear inbound stays allowed",
    );
  }
});

Deno.test("seed sample isolation: Kerberos MM, AH SHA-1 QM, ND at both transport layers, IPsec required at ALE accept", () => {
  const { graph: g, warnings } = compileExample("seed-sample-isolation.yaml");
  assertOwnedAndPersistent(g);
  const mm = g.providerContexts.find((c) => c.type === PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT)!;
  deepStrictEqual(mm.authIpMmPolicy!.authenticationMethods, [{
    authenticationMethodType: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
    kerberosAuthentication: { flags: 0 },
  }]);
  const qm = g.providerContexts.find((c) => c.type === PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT)!
    .authipQmTransportPolicy!;
  deepStrictEqual(qm.ipsecProposals.map((p) => p.saTransforms), [[{
    ipsecTransformType: ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_AH,
    ahTransform: { authTransformId: { authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_1, authConfig: 1 } },
  }]]);
  equal(qm.flags, PF.IPSEC_POLICY_FLAG_ND_SECURE);
  for (const v of [4, 6] as const) {
    equal(
      named(at(g, `FWPM_LAYER_OUTBOUND_TRANSPORT_V${v}`), "/out")[0].rawContext,
      FC.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER,
    );
    assertCallout(
      named(at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`), "/accept")[0],
      `FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V${v}`,
      0n,
    );
  }
  // The weak-crypto opt-in is visible: a warning per weak algorithm, no error.
  deepStrictEqual(warnings.map((w) => [w.code, w.path]), [
    ["weak-crypto-allowed", "mainMode[0].proposals[0]"],
    ["weak-crypto-allowed", "mainMode[0].proposals[0]"],
    ["weak-crypto-allowed", "quickMode[0].proposals[0]"],
  ]);
});

Deno.test("guaranteed encryption: TCP 5555 at ALE accept (INITIATE_SECURE) and connect (ALE_CONNECT) with REQUIRE_IPSEC_ENCRYPTION", () => {
  const { graph: g } = compileExample("guaranteed-encryption.yaml");
  for (const v of [4, 6] as const) {
    const accept = named(at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`), "port-5555-encrypted")[0];
    const connect = named(at(g, `FWPM_LAYER_ALE_AUTH_CONNECT_V${v}`), "port-5555-encrypted")[0];
    assertCallout(
      accept,
      `FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V${v}`,
      FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION,
    );
    assertCallout(
      connect,
      `FWPM_CALLOUT_IPSEC_ALE_CONNECT_V${v}`,
      FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION,
    );
    for (const f of [accept, connect]) {
      deepStrictEqual(conds(f, "FWPM_CONDITION_IP_PROTOCOL").map((c) => c.conditionValue), [{
        type: T.FWP_UINT8,
        uint8: 6,
      }]);
      deepStrictEqual(conds(f, "FWPM_CONDITION_IP_LOCAL_PORT").map((c) => c.conditionValue), [{
        type: T.FWP_UINT16,
        uint16: 5555,
      }]);
    }
    // The ICMP exemption follows the callouts to ALE connect.
    ok(named(at(g, `FWPM_LAYER_ALE_AUTH_CONNECT_V${v}`), "exemptions/icmp").length === 1);
    // The general rule is plain ND: its ALE accept filter has no encryption bit.
    equal(named(at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`), "all-unicast")[0].rawContext, 0n);
  }
});

Deno.test("remote identity authorization: SD-conditioned INITIATE_SECURE + catch-all BLOCK, EM policy in the AuthIP QM", () => {
  const { graph: g } = compileExample("remote-identity-authorization.yaml");
  const qm = g.providerContexts.find((c) => c.type === PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT)!
    .authipQmTransportPolicy!;
  ok(qm.emPolicy, "AuthIP QM context carries the extended-mode policy");
  equal(
    qm.emPolicy.initiatorImpersonationType,
    ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL,
  );
  for (const v of [4, 6] as const) {
    const ale = at(g, `FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V${v}`);
    const [allow] = named(ale, "authorized"), [block] = named(ale, "unauthorized");
    assertCallout(allow, `FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V${v}`, 0n);
    const machine = conds(allow, "FWPM_CONDITION_ALE_REMOTE_MACHINE_ID")[0].conditionValue;
    const user = conds(allow, "FWPM_CONDITION_ALE_REMOTE_USER_ID")[0].conditionValue;
    equal(machine.type, T.FWP_SECURITY_DESCRIPTOR_TYPE);
    equal(user.type, T.FWP_SECURITY_DESCRIPTOR_TYPE);
    // Self-relative SD: revision 1, SE_SELF_RELATIVE|SE_DACL_PRESENT.
    const sd = (machine as { sd: Uint8Array }).sd;
    equal(sd[0], 1);
    equal(sd[2] | (sd[3] << 8), 0x8004);
    equal(block.action.type, A.FWP_ACTION_BLOCK);
    deepStrictEqual(
      block.filterCondition,
      allow.filterCondition.slice(0, 3),
      "block = the same base conditions",
    );
  }
});

Deno.test("tunnel: graph.tunnels with IKEv2 MM + QM tunnel context, endpoints (host order), subnets, keying module, PSK by reference", () => {
  const { graph: g } = compileExample("tunnel-site-to-site.yaml");
  equal(g.filters.length, 0, "FwpmIPsecTunnelAdd3 builds the tunnel filters");
  equal(g.tunnels.length, 1);
  const t = g.tunnels[0];
  equal(t.mainModePolicy?.type, PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT);
  equal(t.tunnelPolicy.type, PCT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT);
  equal(t.keyModKey, KEYING_MODULES.FWPM_KEYING_MODULE_IKEV2);
  equal(t.flags, 0, "site-to-site, not point-to-point");
  const tp = t.tunnelPolicy.ikeV2QmTunnelPolicy!;
  equal(tp.tunnelEndpoints.localV4Address, 0xcb007101); // 203.0.113.1
  equal(tp.tunnelEndpoints.remoteV4Address, 0xc6336407); // 198.51.100.7
  equal(tp.flags, PF.IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_PEER_BEHIND_NAT);
  deepStrictEqual(t.filterConditions.map((c) => c.conditionValue), [
    { type: T.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a010000, mask: 0xffff0000 } },
    { type: T.FWP_V4_ADDR_MASK, v4AddrMask: { addr: 0x0a020000, mask: 0xffff0000 } },
  ]);
  equal(tp.trafficSelectorPolicies.length, 1);
  const psk = t.mainModePolicy!.ikeV2MmPolicy!.authenticationMethods[0];
  equal(psk.presharedKeyAuthentication?.presharedKey.length, 0, "no key material in the graph");
  const source = {
    file: "examples/tunnel-site-to-site.yaml",
    path: "mainMode[0].auth[0].psk.env",
    line: 11,
    column: 21,
  };
  deepStrictEqual(g.secrets, {
    [`${t.mainModePolicy!.providerContextKey}/0`]: { env: "SITE_B_PSK", source },
  });
});

Deno.test("manual SA: IN/OUT callouts restricted to both addresses, SA pair with SPIs and key references only", () => {
  const { graph: g } = compileExample("manual-sa.yaml");
  equal(g.providerContexts.length, 0, "no keying policy");
  const out = named(at(g, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), "manualSas")[0];
  const inn = named(at(g, "FWPM_LAYER_INBOUND_TRANSPORT_V4"), "manualSas")[0];
  assertCallout(out, "FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4", 0n);
  assertCallout(inn, "FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4", 0n);
  deepStrictEqual(conds(inn, "FWPM_CONDITION_IP_LOCAL_ADDRESS").map((c) => c.conditionValue), [{
    type: T.FWP_UINT32,
    uint32: 0x01010101,
  }]);
  deepStrictEqual(conds(inn, "FWPM_CONDITION_IP_REMOTE_ADDRESS").map((c) => c.conditionValue), [{
    type: T.FWP_UINT32,
    uint32: 0x02020202,
  }]);
  const sa = g.manualSas[0];
  equal(sa.inboundFilterKey, inn.filterKey);
  equal(sa.outboundFilterKey, out.filterKey);
  equal(sa.inbound.spi, 0x1001);
  equal(sa.outbound.spi, 0x2002);
  equal(sa.inbound.transformType, ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_AH);
  deepStrictEqual(sa.inbound.authTransformId, {
    authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256,
    authConfig: 2,
  });
  const file = "examples/manual-sa.yaml";
  deepStrictEqual(g.secrets[sa.inbound.keyRef], {
    file: "/etc/wfpsec/peer-in.key",
    source: { file, path: "manualSas[0].inbound.key.file", line: 16, column: 20 },
  });
  deepStrictEqual(g.secrets[sa.outbound.keyRef], {
    env: "PEER_OUT_KEY",
    source: { file, path: "manualSas[0].outbound.key.env", line: 20, column: 19 },
  });
  equal(at(g, "FWPM_LAYER_INBOUND_TRANSPORT_V6").length, 1, "only the ICMPv6 exemption for IPv6");
});

Deno.test("per-app rule: ALE_APP_ID (AppPathValue) on ALE accept INITIATE_SECURE and ALE connect REQUIRE_IPSEC_SECURITY", () => {
  const { graph: g } = compileExample("per-app.yaml");
  const accept = named(at(g, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"), "payroll-app")[0];
  const connect = named(at(g, "FWPM_LAYER_ALE_AUTH_CONNECT_V4"), "payroll-app")[0];
  assertCallout(accept, "FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V4", 0n);
  assertCallout(
    connect,
    "FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4",
    FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_SECURITY,
  );
  for (const f of [accept, connect]) {
    deepStrictEqual(conds(f, "FWPM_CONDITION_ALE_APP_ID").map((c) => c.conditionValue), [{
      type: "appPath",
      path: "C:\\Program Files\\Payroll\\payroll.exe",
    }]);
  }
  // Application ids exist only at ALE layers: no app condition anywhere else.
  for (
    const f of g.filters.filter((x) =>
      x.layerKey !== LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4 &&
      x.layerKey !== LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4
    )
  ) {
    equal(conds(f, "FWPM_CONDITION_ALE_APP_ID").length, 0, f.displayData.name);
  }
  equal(named(g.filters, "payroll-app/v6").length, 0, "the remote is IPv4 only");
});

Deno.test("modern domain isolation: AuthIP+IKEv2 MM, Kerberos+cert, ESP AES-GCM, ND, exemptions incl. DNS to DCs", () => {
  const { graph: g, warnings } = compileExample("domain-isolation.yaml");
  deepStrictEqual(warnings, []);
  assertOwnedAndPersistent(g);
  deepStrictEqual(g.providerContexts.map((c) => c.type), [
    PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT,
    PCT.FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT,
    PCT.FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT,
  ]);
  const qm = g.providerContexts[2].authipQmTransportPolicy!;
  equal(
    qm.ipsecProposals[0].saTransforms[0].ipsecTransformType,
    ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
  );
  deepStrictEqual(
    qm.ipsecProposals[0].saTransforms[0].espAuthAndCipherTransform?.cipherTransform.cipherTransformId,
    { cipherType: ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_AES_256, cipherConfig: 8 },
  );
  equal(qm.ipsecProposals[0].pfsGroup, ENUMS.IPSEC_PFS_GROUP.IPSEC_PFS_ECP_384);
  // The remote prefix is the IKEEXT condition (addresses only) and the IPSEC condition.
  deepStrictEqual(at(g, "FWPM_LAYER_IKEEXT_V4")[0].filterCondition.map((c) => c.conditionValue), [{
    type: T.FWP_V4_ADDR_MASK,
    v4AddrMask: { addr: 0x0a000000, mask: 0xff000000 },
  }]);
  equal(at(g, "FWPM_LAYER_IKEEXT_V6")[0].filterCondition[0].conditionValue.type, T.FWP_V6_ADDR_MASK);
  const dns = named(at(g, "FWPM_LAYER_OUTBOUND_TRANSPORT_V4"), "domain-controllers-dns")[0];
  equal(conds(dns, "FWPM_CONDITION_IP_REMOTE_ADDRESS").length, 2, "two addresses, ORed by the engine");
  equal(named(g.filters, "domain-controllers-dns/v6").length, 0);
});
