/**
 * Issue 12 rule 12, the pure part: what needs IKEEXT, what apply says breaks, and the trust chain: the
 * simulator's service stand-in (FWPSIM_STOPPED_SERVICES) is only ever consulted for an fwpsim engine; for a
 * real engine the environment cannot fake a service state (and off Windows there is none to ask).
 */
import { deepEqual, equal, match } from "node:assert/strict";
import {
  ikeextBreakage,
  ikeextDependents,
  ikeextGate,
  serviceState,
} from "../../../modules/host/services.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";

const POLICY = `version: 1
name: svc
mainMode:
  - { name: mm, keyModule: ikev2, auth: [{ certificate: { rootCA: "CN=Root" } }], proposals: [aes256-sha256-ecp256] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
  - { name: qt, mode: tunnel, proposals: [esp-aesgcm256] }
rules:
  - { name: req, remote: 192.0.2.0/24, inbound: require, outbound: require, mainMode: mm, quickMode: qm }
  - { name: ask, remote: 198.51.100.0/24, inbound: request, outbound: request, mainMode: mm, quickMode: qm }
  - { name: enc, remote: 203.0.113.0/25, inbound: request, outbound: request, requireEncryption: true, mainMode: mm, quickMode: qm }
tunnels:
  - { name: t, mainMode: mm, quickMode: qt, localEndpoint: 203.0.113.200, remoteEndpoint: 198.51.100.200, local: 10.1.0.0/16, remote: 10.2.0.0/16 }
`;

Deno.test("rule 12: rules that require IPsec (or guaranteed encryption) and tunnels need IKEEXT; request does not", () => {
  deepEqual(ikeextDependents(loadPolicy(POLICY, "svc.yaml").policy), [
    "rule 'req'",
    "rule 'enc'",
    "tunnel 't'",
  ]);
  match(
    ikeextBreakage(["rule 'req'"], "STOPPED"),
    /IKEEXT service .* is STOPPED: no IPsec SA .*rule 'req' would be dropped/,
  );
});

Deno.test("rule 12: the environment cannot fake a real engine's service state", async () => {
  Deno.env.set("FWPSIM_STOPPED_SERVICES", "IKEEXT,BFE");
  try {
    if (Deno.build.os !== "windows") {
      equal(await serviceState("IKEEXT", { kind: "windows", source: "fwpuclnt.dll" }), undefined);
    }
    equal(await serviceState("IKEEXT", { kind: "snapshot", source: "snap.json" }), undefined);
    equal(
      await ikeextGate(["rule 'req'"], { kind: "snapshot", source: "snap.json", simulated: true }),
      undefined,
    );
  } finally {
    Deno.env.delete("FWPSIM_STOPPED_SERVICES");
  }
});
