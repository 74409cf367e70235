/**
 * Policy-file enums are case-insensitive, as NetSecurity's are ('Require', 'AuthIP'): any case is accepted
 * and the model carries the one canonical spelling. A word that matches in no case is still refused.
 */
import { deepEqual, equal, throws } from "node:assert/strict";
import { loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";

const doc = (keyModule: string, auth: string, inbound: string) =>
  "version: 1\nname: cases\n" +
  `mainMode:\n  - name: mm\n    keyModule: ${keyModule}\n    auth: [${auth}]\n    proposals: [aes256-sha256-ecp256]\n` +
  "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n" +
  `rules:\n  - name: r\n    inbound: ${inbound}\n    outbound: request\n    mainMode: mm\n    quickMode: qm\n`;

Deno.test("enums in NetSecurity spelling load as the canonical lower-case words", () => {
  const mixed = loadPolicy(doc("AuthIP", "Kerberos", "Require"));
  const canon = loadPolicy(doc("authip", "kerberos", "require"));
  deepEqual(mixed.policy, canon.policy);
});

Deno.test("an enum word that matches in no case is refused naming the canonical spellings", () => {
  throws(() => loadPolicy(doc("IKEv3", "kerberos", "require")), (e: unknown) => {
    equal(e instanceof PolicyError, true);
    const d = (e as PolicyError).diagnostics.find((x) => x.code === "enum")!;
    equal(d.path, "mainMode[0].keyModule");
    equal(/'authip'/.test(d.message), true);
    return true;
  });
});
