/**
 * The Wfpsec/IPsecPolicy resource under the real `dsc` (Microsoft DSC v3) on an elevated Windows host
 * (docs/windows-verification.md DS1-DS3): DSC finds the manifest, validates it, calls `wfpsec dsc` the way
 * tests/cli/dsc_driver.ts assumes, and reports test / what-if / set as the contract test expects. Runs when
 * `dsc` is on PATH (or WFPSEC_DSC names it); `wfpsec` is a .cmd shim running this checkout's cli.ts. The
 * policy only requests IPsec with TEST-NET-1 (192.0.2.0/24), and is removed at the end.
 */
import assert from "node:assert/strict";
import { realHostMode } from "./host.ts";

const { host, suffix } = realHostMode();
const ROOT = new URL("../../", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1").replace(/\/$/, "");

function findDsc(): string | undefined {
  const given = Deno.env.get("WFPSEC_DSC");
  if (given) return given;
  for (const dir of (Deno.env.get("PATH") ?? "").split(";")) {
    try {
      const p = `${dir.replace(/"/g, "")}\\dsc.exe`;
      if (Deno.statSync(p).isFile) return p;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const DSC = host.usable ? findDsc() : undefined;
const why = !host.usable ? suffix : DSC ? "" : " (skipped: dsc.exe is not on PATH; set WFPSEC_DSC)";

const POLICY = `version: 1
name: dsc-real-host
description: Requests IPsec with TEST-NET-1 only (tests/windows/dsc.test.ts)
mainMode:
  - name: mm
    keyModule: ikev1
    auth: [kerberos]
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: testnet
    remote: 192.0.2.0/24
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
`;

async function dsc(args: string[], env: Record<string, string>, input?: unknown) {
  const child = new Deno.Command(DSC!, {
    args: [...args, ...(input === undefined ? [] : ["--input", JSON.stringify(input)])],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test({
  name: `real dsc: DS1-DS3 list, test, what-if, set, remove the Wfpsec/IPsecPolicy resource${why}`,
  ignore: !host.usable || !DSC,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-dsc-" });
    const deno = Deno.execPath();
    Deno.writeTextFileSync(
      `${dir}\\wfpsec.cmd`,
      `@"${deno}" run --quiet --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys "${ROOT}\\cli.ts" %*\r\n`,
    );
    Deno.copyFileSync(`${ROOT}\\deploy\\dsc\\wfpsec.dsc.resource.json`, `${dir}\\wfpsec.dsc.resource.json`);
    const policy = `${dir}\\policy.yaml`;
    Deno.writeTextFileSync(policy, POLICY);
    const env = { DSC_RESOURCE_PATH: dir, PATH: `${dir};${Deno.env.get("PATH")}` };
    const instance = { path: policy, _exist: true };
    try {
      const list = await dsc(["resource", "list", "Wfpsec/IPsecPolicy", "--output-format", "json"], env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /"type":"Wfpsec\/IPsecPolicy"/, "DSC discovered and accepted the manifest");

      const t0 = await dsc(
        ["resource", "test", "--resource", "Wfpsec/IPsecPolicy", "--output-format", "json"],
        env,
        instance,
      );
      assert.equal(t0.code, 0, t0.stderr);
      const r0 = JSON.parse(t0.stdout);
      assert.equal(r0.inDesiredState, false, t0.stdout);
      assert.deepEqual(r0.differingProperties, ["_exist"], t0.stdout);

      const cfg = `${dir}\\wfpsec.dsc.config.json`;
      Deno.writeTextFileSync(
        cfg,
        JSON.stringify({
          $schema: "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
          resources: [{ name: "IPsec policy", type: "Wfpsec/IPsecPolicy", properties: instance }],
        }),
      );
      const whatIf = await dsc(["config", "set", "--what-if", "--file", cfg, "--output-format", "json"], env);
      assert.equal(whatIf.code, 0, whatIf.stderr);
      assert.match(whatIf.stdout, /rules\/testnet\/v4\/out/, "what-if shows the plan");
      const stillAbsent = await dsc(
        ["resource", "test", "--resource", "Wfpsec/IPsecPolicy", "--output-format", "json"],
        env,
        instance,
      );
      assert.equal(JSON.parse(stillAbsent.stdout).inDesiredState, false, "what-if applied nothing");

      const set = await dsc(["config", "set", "--file", cfg, "--output-format", "json"], env);
      assert.equal(set.code, 0, set.stderr);
      const changed = JSON.parse(set.stdout).results[0].result.changedProperties;
      assert.ok(changed.includes("_exist"), set.stdout);
      const t1 = await dsc(
        ["resource", "test", "--resource", "Wfpsec/IPsecPolicy", "--output-format", "json"],
        env,
        instance,
      );
      assert.equal(JSON.parse(t1.stdout).inDesiredState, true, t1.stdout);

      const bad = await dsc(["resource", "set", "--resource", "Wfpsec/IPsecPolicy"], env, {
        path: `${dir}\\missing.yaml`,
      });
      assert.notEqual(bad.code, 0);
      assert.match(
        bad.stderr,
        /Invalid input|cannot read policy file/,
        "the manifest's exit-code text or wfpsec's error",
      );
    } finally {
      const off = await dsc(["resource", "set", "--resource", "Wfpsec/IPsecPolicy"], env, { _exist: false });
      if (off.code !== 0) {
        // whatever happened above, the runner keeps no wfpsec policy
        await new Deno.Command("cmd.exe", { args: ["/d", "/c", `${dir}\\wfpsec.cmd`, "remove"] }).output();
      }
    }
  },
});
