/**
 * Real-Windows case WD1 (docs/windows-verification.md): the crypto wfpsec uses for a rule without
 * mainMode/quickMode (modules/policy/windowsDefaults.ts) is what the host reports as its defaults. Reads only
 * (netsh, NetSecurity), changes nothing. Not run under Wine: netsh there is not Windows'.
 */
import assert from "node:assert/strict";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { realHostMode } from "./host.ts";

const { host, suffix } = realHostMode();

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name: `real Windows: WD1 default main-mode crypto and key modules${suffix}`,
  ignore: !host.usable,
  fn: async () => {
    const { policy } = loadPolicy(
      "version: 1\nname: wd1\nrules:\n  - { name: r, remote: 192.0.2.0/24, inbound: request, outbound: request }\n",
      "wd1.yaml",
    );
    // netsh (English locale): "SecMethods   DHGroup2-AES128-SHA1,DHGroup2-3DES-SHA1" under "Main Mode:".
    const text = await run("netsh", ["advfirewall", "show", "global", "mainmode"]);
    const sec = /SecMethods\s+(\S+)/.exec(text)?.[1];
    const life = /KeyLifetime\s+(\d+)min/.exec(text)?.[1];
    console.log(`netsh main mode: SecMethods ${sec}, KeyLifetime ${life} min`);
    if (sec === undefined) return; // another locale: the printout above is for a person to compare
    const ours = policy.mainMode[0].proposals.map((p) =>
      `DHGroup${p.dh.replace(/\D/g, "")}-${p.cipher.toUpperCase()}-${p.integrity.toUpperCase()}`
    );
    assert.equal(ours.join(","), sec.toUpperCase());
    assert.equal(policy.mainMode[0].lifetimeSeconds, Number(life) * 60);
    assert.deepEqual(policy.mainMode.map((m) => m.keyModule), ["authip", "ikev1"]);
    // Quick mode: printed for the record (NetSecurity lists the default set of the active store).
    console.log(
      await run("powershell.exe", [
        "-NoProfile",
        "-Command",
        "Get-NetIPsecQuickModeCryptoSet -PolicyStore ActiveStore | Format-List Name,DisplayName,Proposal",
      ]),
    );
  },
});
