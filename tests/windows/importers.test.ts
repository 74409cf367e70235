/**
 * Real-Windows cases IM1-IM4 and IM6 (docs/windows-verification.md): how Windows itself stores what the importers read.
 * Creates, in the local persistent store, one phase 1 auth set with a certificate proposal and one IPsec rule
 * (New-NetIPsecPhase1AuthSet / New-NetIPsecRule, DisplayName "wfpsec-im-test"), exports the store with
 * `reg export`, imports it with the [MS-GPFAS] reader, and removes both again. Not run under Wine.
 */
import assert from "node:assert/strict";
import { importGpfas } from "../../modules/import/mod.ts";
import { decodeRegBytes, parseRegFile } from "../../modules/import/regfile.ts";
import { realHostMode } from "./host.ts";

const { host, suffix } = realHostMode();
const CA = "C=US, O=wfpsec test, CN=wfpsec IM2 Root";
const STORE = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy";

async function ps(script: string): Promise<string> {
  const out = await new Deno.Command("powershell.exe", {
    args: ["-NoProfile", "-NonInteractive", "-Command", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`powershell failed: ${new TextDecoder().decode(out.stderr)}`);
  return text;
}

Deno.test({
  name:
    `real Windows: IM1-IM4, IM6 how the firewall store holds auth sets, CA names and method tokens${suffix}`,
  ignore: !host.usable,
  fn: async () => {
    const dir = Deno.makeTempDirSync();
    const reg = `${dir}\\store.reg`;
    try {
      await ps(
        `$p = New-NetIPsecAuthProposal -Machine -Cert -Authority '${CA}' -AuthorityType Root; ` +
          `$k = New-NetIPsecAuthProposal -Machine -Kerberos; ` +
          `$s = New-NetIPsecPhase1AuthSet -DisplayName 'wfpsec-im-test' -Proposal $k,$p; ` +
          `New-NetIPsecRule -DisplayName 'wfpsec-im-test' -RemoteAddress 192.0.2.0/24 -InboundSecurity Request ` +
          `-OutboundSecurity Request -Phase1AuthSet $s.Name | Out-Null`,
      );
      const exp = await new Deno.Command("reg.exe", { args: ["export", STORE, reg, "/y"] }).output();
      assert.ok(exp.success, "reg export");
      const bytes = Deno.readFileSync(reg);
      const keys = parseRegFile(decodeRegBytes(bytes, reg), reg);
      // IM1: which spelling the store uses for the auth set key (the spec writes both).
      const setKey = keys.find((k) =>
        /\\Phase1AuthenticationSets?\\\{[^\\]+\}$/i.test(k.path) &&
        k.values.some((v) => v.name === "Name" && v.data[0] === "wfpsec-im-test")
      );
      assert.ok(setKey, "the auth set key");
      console.log(`IM1: auth set key ${setKey.path.split("\\").slice(-2).join("\\")}`);
      // IM2/IM3: the CA name as stored, and the method tokens' spelling.
      const suites = keys.filter((k) => k.path.startsWith(setKey.path + "\\"));
      const methods = suites.flatMap((k) =>
        k.values.filter((v) => v.name === "Method").map((v) => v.data[0])
      );
      const caName = suites.flatMap((k) =>
        k.values.filter((v) => v.name === "CAName").map((v) => v.data[0])
      )[0];
      console.log(`IM2: CAName "${caName}"; IM3: methods ${methods.join(", ")}`);
      assert.deepEqual(methods, ["MachineKerb", "MachineCert"]);
      assert.equal(caName, CA, "stored as NetSecurity's -Authority gives it (least specific first)");
      // The import reads it and reverses the CA name for the policy (most specific first).
      const r = importGpfas(bytes, reg);
      const doc = r.document as { mainMode?: Array<{ auth: unknown[] }> };
      const cert = doc.mainMode?.flatMap((m) => m.auth).find((a) => typeof a === "object") as {
        certificate: { rootCA: string };
      };
      assert.equal(cert.certificate.rootCA, "CN=wfpsec IM2 Root, O=wfpsec test, C=US");
      // IM6: NetSecurity's RemoteAddress is Endpoint2 (EP2_4), the policy's remote.
      const rules = keys.find((k) => /\\ConSecRules$/i.test(k.path))!;
      const ours = rules.values.find((v) => v.data[0]?.includes("|Name=wfpsec-im-test|"))!;
      console.log(`IM6: rule string ${ours.data[0]}`);
      const rule = (r.document as { rules?: Array<{ name: string; remote?: unknown }> }).rules?.find((x) =>
        x.name === "wfpsec-im-test"
      );
      assert.deepEqual(rule?.remote, "192.0.2.0/24");
      // IM4: the proposals' CIM classes and AuthenticationMethod values (MSFT_NetIKECertAuthProposal documents
      // 65005 for machine certificates, the same number as NTLM (user)).
      console.log(
        await ps(
          "(Get-NetIPsecPhase1AuthSet -DisplayName 'wfpsec-im-test').Proposal | " +
            "ForEach-Object { '{0} {1}' -f $_.CimClass.CimClassName, [int]$_.CimInstanceProperties['AuthenticationMethod'].Value }",
        ),
      );
    } finally {
      await ps(
        "Get-NetIPsecRule -DisplayName 'wfpsec-im-test' -ErrorAction SilentlyContinue | Remove-NetIPsecRule; " +
          "Get-NetIPsecPhase1AuthSet -DisplayName 'wfpsec-im-test' -ErrorAction SilentlyContinue | Remove-NetIPsecPhase1AuthSet",
      ).catch(() => {});
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
