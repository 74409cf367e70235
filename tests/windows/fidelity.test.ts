/**
 * Real-Windows cases for issue 12 rules 1-3 (docs/windows-verification.md A1-A6): each adds one main-mode
 * provider context in a DYNAMIC session (nothing outlives the process) and asserts what BFE answers. Where the
 * documentation is ambiguous the assertion is our safe reading; a failure on a real host settles the item the
 * other way (record it in docs/windows-verification.md and fix fwpsim's fidelity.c to match).
 * Under the Wine stage the same bodies run against fwpsim as a rehearsal, and their names say so.
 */
import assert from "node:assert/strict";
import { ENUMS, FLAGS } from "../../ffi/constants.ts";
import { type FfiEngine, openEngine } from "../../modules/engine/ffi.ts";
import { WfpError } from "../../ffi/errors.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import type { IkeextPolicy2, ProviderContext } from "../../modules/graph/graph.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { runs, suffix } = realHostMode();

function bfeTest(name: string, fn: (engine: FfiEngine) => void): void {
  Deno.test({
    name: `real BFE fidelity: ${name}${suffix}`,
    ignore: !runs,
    fn: () => {
      const engine = openEngine({ dynamic: true, sessionName: "wfpsec fidelity test (dynamic)" });
      try {
        fn(engine);
      } finally {
        engine.close();
      }
    },
  });
}

const T = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;
const MM_TYPES: number[] = [
  T.FWPM_IPSEC_IKE_MM_CONTEXT,
  T.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
  T.FWPM_IPSEC_IKEV2_MM_CONTEXT,
];
const PERSISTENT = FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT;

/** The main-mode context wfpsec compiles for one policy (no provider: nothing to clean but the context). */
function mmContext(keyModule: string, auth: string, extra = ""): ProviderContext {
  const text =
    `version: 1\nname: wfpsec-fidelity-${keyModule}\nmainMode:\n  - name: mm\n    keyModule: ${keyModule}\n` +
    `    auth: ${auth}\n    proposals: [aes256-sha256-ecp256]\n${extra}quickMode:\n  - name: qm\n` +
    "    proposals: [esp-aesgcm256]\nrules:\n  - name: r\n    remote: 192.0.2.0/24\n    inbound: require\n" +
    "    outbound: require\n    mainMode: mm\n    quickMode: qm\n";
  const g = compilePolicy(loadPolicy(text, "fidelity.yaml").policy);
  const c = g.providerContexts.find((x) => MM_TYPES.includes(x.type))!;
  const { providerKey: _k, ...rest } = c;
  return { ...rest, flags: c.flags & ~PERSISTENT, providerContextKey: crypto.randomUUID() };
}

function withPolicy(c: ProviderContext, change: Partial<IkeextPolicy2>): ProviderContext {
  const arm = c.ikeMmPolicy ? "ikeMmPolicy" : c.authIpMmPolicy ? "authIpMmPolicy" : "ikeV2MmPolicy";
  return { ...c, [arm]: { ...c[arm]!, ...change } };
}

function refused(engine: FfiEngine, c: ProviderContext, name: string) {
  assert.throws(
    () => engine.addProviderContext(c),
    (e) => e instanceof WfpError && e.errorName === name,
    name,
  );
}

const CERT = '[{ certificate: { rootCA: "CN=wfpsec fidelity test root" } }]';
const PSK_ENV = "WFPSEC_FIDELITY_TEST_PSK";

bfeTest("A1: IKEv2 accepts a pre-shared key; AuthIP refuses one", (engine) => {
  // The compiled PSK is empty (filled in at apply): give it bytes as apply would.
  const psk = (c: ProviderContext): ProviderContext => {
    const arm = c.authIpMmPolicy ? "authIpMmPolicy" : "ikeV2MmPolicy";
    const p = c[arm]!;
    return {
      ...c,
      [arm]: {
        ...p,
        authenticationMethods: p.authenticationMethods.map((m) => ({
          ...m,
          presharedKeyAuthentication: { flags: 0, presharedKey: new TextEncoder().encode("fidelity-test") },
        })),
      },
    } as ProviderContext;
  };
  assert.ok(engine.addProviderContext(psk(mmContext("ikev2", `[{ psk: { env: ${PSK_ENV} } }]`))) > 0n);
  const authip = mmContext("ikev1", `[{ psk: { env: ${PSK_ENV} } }]`);
  refused(
    engine,
    psk({
      ...authip,
      type: T.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
      ikeMmPolicy: undefined,
      authIpMmPolicy: authip.ikeMmPolicy,
    } as ProviderContext),
    "FWP_E_INCOMPATIBLE_AUTH_METHOD",
  );
});

bfeTest("A4: AuthIP takes certificates as IKEEXT_SSL* and refuses IKEEXT_CERTIFICATE", (engine) => {
  const ok = mmContext("authip", CERT);
  assert.equal(
    ok.authIpMmPolicy!.authenticationMethods[0].authenticationMethodType,
    ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_SSL,
  );
  assert.ok(engine.addProviderContext(ok) > 0n);
  const v1 = mmContext("ikev1", CERT);
  refused(engine, {
    ...v1,
    type: T.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    ikeMmPolicy: undefined,
    authIpMmPolicy: v1.ikeMmPolicy,
  } as ProviderContext, "FWP_E_INCOMPATIBLE_AUTH_METHOD");
});

bfeTest(
  "A5: IKEEXT_POLICY2 softExpirationTime must be 0; IKEv2 retransmitDurationSecs at least 120",
  (engine) => {
    const v2 = mmContext("ikev2", CERT);
    assert.equal(v2.ikeV2MmPolicy!.retransmitDurationSecs, 120);
    assert.ok(engine.addProviderContext(v2) > 0n);
    refused(
      engine,
      withPolicy(mmContext("ikev2", CERT), { retransmitDurationSecs: 60 }),
      "FWP_E_INVALID_PARAMETER",
    );
    refused(
      engine,
      withPolicy(mmContext("ikev1", "[kerberos]"), { softExpirationTime: 3600 }),
      "FWP_E_INVALID_PARAMETER",
    );
  },
);

bfeTest("A2: optional DH and DH group none outside AuthIP are refused", (engine) => {
  const v1 = mmContext("ikev1", "[kerberos]");
  refused(
    engine,
    withPolicy(v1, { flags: FLAGS.IKEEXT_POLICY_FLAG.IKEEXT_POLICY_FLAG_ENABLE_OPTIONAL_DH }),
    "FWP_E_INVALID_FLAGS",
  );
  const none = { ...v1.ikeMmPolicy!.ikeProposals[0], dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_GROUP_NONE };
  refused(
    engine,
    withPolicy(mmContext("ikev1", "[kerberos]"), { ikeProposals: [none] }),
    "FWP_E_INCOMPATIBLE_DH_GROUP",
  );
});

bfeTest("A3: a control character in a description is FWP_E_INVALID_PARAMETER", (engine) => {
  const c = mmContext("ikev1", "[kerberos]");
  refused(
    engine,
    { ...c, displayData: { name: c.displayData.name, description: "tab\there" } },
    "FWP_E_INVALID_PARAMETER",
  );
});
