/**
 * Isolation templates: each kind expands into a full policy that validates and compiles to its scenario's
 * recipe; `newPolicyDocument` writes commented YAML; malformed parameters are typed errors.
 */
import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import { ENUMS, FILTER_CONTEXTS, FLAGS } from "../../../ffi/constants.ts";
import {
  loadPolicy,
  newPolicyDocument,
  parseTemplateArgs,
  PolicyError,
} from "../../../modules/policy/mod.ts";
import { at, compileText, conds, named } from "./helpers.ts";

const PF = FLAGS.IPSEC_POLICY_FLAG, FC = FILTER_CONTEXTS, PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

Deno.test("template domain: commented YAML, Kerberos AuthIP, ND (ND_SECURE + ALE INITIATE_SECURE), ICMP+DHCP exempt", () => {
  const text = newPolicyDocument("domain", { remote: ["10.0.0.0/8"] });
  ok(text.startsWith("# wfpsec domain isolation policy"));
  ok(text.includes("# Main mode (phase 1)"));
  const g = compileText(text);
  equal(g.providerContexts[1].authipQmTransportPolicy?.flags, PF.IPSEC_POLICY_FLAG_ND_SECURE);
  equal(named(at(g, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4"), "/accept")[0].rawContext, 0n);
  equal(named(g.filters, "exemptions/dhcp/v4").length, 3, "DHCP exempt at OUT, IN and ALE accept");
  equal(
    named(g.filters, "/v6/").filter((f) => f.displayData.name.includes("rules/")).length,
    0,
    "IPv4-only remote",
  );
});

Deno.test("template server: domain isolation plus machine authorization (SD filter + BLOCK)", () => {
  const g = compileText(
    newPolicyDocument("server", { authorizedMachines: "D:(A;;0x1;;;S-1-5-21-1-2-3-515)" }),
  );
  const ale = at(g, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6");
  equal(conds(named(ale, "/authorized")[0], "FWPM_CONDITION_ALE_REMOTE_MACHINE_ID").length, 1);
  equal(named(ale, "/unauthorized")[0].action.type, ENUMS.FWP_ACTION_TYPE.FWP_ACTION_BLOCK);
});

Deno.test("template boundary: request/request -> ND_BOUNDARY, no ALE accept", () => {
  const g = compileText(newPolicyDocument("boundary", {}));
  equal(g.providerContexts[1].authipQmTransportPolicy?.flags, PF.IPSEC_POLICY_FLAG_ND_BOUNDARY);
  equal(at(g, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4").length, 0);
});

Deno.test("template encryption: REQUIRE_IPSEC_ENCRYPTION at ALE accept and connect; certificate auth gives AuthIP+IKEv2", () => {
  const g = compileText(
    newPolicyDocument("encryption", {
      auth: "certificate:CN=Corp Root",
      crypto: "aes256-sha384-ecp384/esp-aesgcm256",
    }),
  );
  deepStrictEqual(g.providerContexts.map((c) => c.type).slice(0, 2), [
    PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT,
  ]);
  for (const l of ["FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", "FWPM_LAYER_ALE_AUTH_CONNECT_V4"] as const) {
    equal(
      named(at(g, l), "rules/")[0].rawContext,
      FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION,
    );
  }
});

Deno.test("template arguments: psk by env, exemptions host:/port:, errors are PolicyErrors naming the argument", () => {
  const { kind, params } = parseTemplateArgs({
    kind: "domain",
    auth: "psk-env:SITE_PSK",
    exempt: "icmp,host:10.0.0.5,port:tcp/3389",
  });
  const text = newPolicyDocument(kind, params);
  ok(text.includes("env: SITE_PSK"));
  const g = compileText(text);
  equal(named(g.filters, "exemptions/tcp-3389/v4/in").length, 1);
  equal(named(g.filters, "exemptions/host-2/v6").length, 0, "an IPv4 host exemption has no IPv6 filters");
  const bad = (f: () => unknown, path: string, code: string) =>
    throws(
      f,
      (e: unknown) =>
        e instanceof PolicyError && e.diagnostics.some((d) => d.path === path && d.code === code),
    );
  bad(() => parseTemplateArgs({ kind: "office" }), "--kind", "enum");
  bad(() => newPolicyDocument("domain", { auth: "psk:hunter2" }), "--auth", "enum");
  bad(() => newPolicyDocument("domain", { exempt: ["host:10.0.0.300"] }), "--exempt[0]", "bad-address");
  bad(
    () => newPolicyDocument("domain", { crypto: "aes256-sha256-ecp384/esp-rot13" }),
    "--crypto",
    "bad-proposal",
  );
  bad(
    () => newPolicyDocument("domain", { crypto: "des-md5-dh1/ah-md5" }),
    "mainMode[0].proposals[0]",
    "weak-crypto",
  );
});

Deno.test("template --remote takes address keywords too (resolved at plan/apply, as in a policy file)", () => {
  const text = newPolicyDocument("domain", { remote: ["LocalSubnet", "10.9.0.0/16"] });
  const { policy } = loadPolicy(text, "new.yaml");
  deepStrictEqual(policy.rules[0].remoteKeywords, ["localsubnet"]);
  equal(policy.rules[0].remote.length, 1);
  throws(() => newPolicyDocument("domain", { remote: ["intranet"] }), PolicyError);
});
