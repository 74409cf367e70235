/**
 * The error document of every error kind the CLI can be made to raise on fwpsim, pinned whole (docs/cli-json.md
 * "Errors"): the JSON `error` object (type, message, diagnostics, wfpName/wfpCode, object, in that key order)
 * and the human headline on stderr. These values were taken from the CLI before errors got one base class
 * (issue 11): the rework must not change one byte of them. (LockBusyError: tests/cli/concurrency.test.ts.)
 */
import assert from "node:assert/strict";
import { haveSim, PSK_ENV, tempDir, testPolicy, wfpsec } from "./helpers.ts";
import { defaultsText } from "../../modules/policy/windowsDefaults.ts";

const ignore = !haveSim();
const SIM = (state: string) => ["--engine", "sim", "--sim-state", state];

interface Case {
  name: string;
  args: (dir: string) => string[];
  env?: Record<string, string>;
  /** The whole `error` object; `$DIR` stands for the test's directory. */
  error: Record<string, unknown>;
  /** The last stderr line. */
  headline: string;
  /** Extra top-level members of the document (apply --if-drifted). */
  extra?: Record<string, unknown>;
}

const BAD_POLICY = "version: 1\nname: bad\nrules:\n  - name: r\n    remote: [10.0.0.300]\n";
const missing = (field: string) => ({
  file: "$DIR/bad.yaml",
  line: 4,
  column: 5,
  path: "rules[0]",
  message: `'${field}' is required in rules[0]`,
  code: "missing-field",
  severity: "error",
});
const badAddress = {
  file: "$DIR/bad.yaml",
  line: 5,
  column: 14,
  path: "rules[0].remote[0]",
  message:
    "'10.0.0.300' is not an IP address; use an IPv4/IPv6 address, a CIDR prefix like 10.0.0.0/8 or 2001:db8::/32, or a range like 10.0.0.1-10.0.0.9, or a keyword (localsubnet, dns, dhcp, wins, defaultgateway)",
  code: "bad-address",
  severity: "error",
};
const PROVIDER = { kind: "provider", key: "5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71", name: "wfpsec" };
const addProviderFailed = (sym: string, hex: string, meaning: string) =>
  `add provider 5d4c1e0a-7f6b-4c2e-9a8d-3b1f0e6c2a71 "wfpsec" failed: ${sym} (${hex})${meaning}; ` +
  `the transaction was aborted, nothing changed`;
// Issue 10: named by file:line and field, not by the context's GUID (the one diagnostic gives the place).
const NO_PSK_PROBLEM = "environment variable WFPSEC_CLI_TEST_PSK is not set";
const NO_PSK = "the pre-shared key cannot be read:\n$DIR/ok.yaml:10:21: error[secret-unset] " +
  `mainMode[0].auth[1].psk.env: ${NO_PSK_PROBLEM}`;

const CASES: Case[] = [
  {
    name: "unknown option: UsageError",
    args: () => ["plan", "--stat", "x", "--json"],
    error: {
      type: "UsageError",
      message: "unknown option --stat for 'plan'; did you mean --state?\n\n" +
        "Usage: wfpsec plan FILE [--state SNAPSHOT] [--interfaces FILE] [--json] [engine options]\n" +
        "(wfpsec help plan lists its options)",
    },
    headline: "(wfpsec help plan lists its options)",
  },
  {
    name: "no engine on Linux: UsageError",
    args: (d) => ["plan", `${d}/ok.yaml`, "--json"],
    error: {
      type: "UsageError",
      message:
        "no WFP engine on linux: wfpsec configures the Windows Filtering Platform. Use --engine sim --sim-state FILE (or WFPSEC_ENGINE=sim and FWPSIM_STATE) for the fwpsim simulator, or --state SNAPSHOT to read an offline snapshot.",
    },
    headline:
      "wfpsec plan: UsageError: no WFP engine on linux: wfpsec configures the Windows Filtering Platform. Use --engine sim --sim-state FILE (or WFPSEC_ENGINE=sim and FWPSIM_STATE) for the fwpsim simulator, or --state SNAPSHOT to read an offline snapshot.",
  },
  {
    name: "simulator library missing: UsageError",
    args: (d) => ["plan", `${d}/ok.yaml`, "--json", ...SIM(`${d}/s`)],
    env: { WFPSEC_FWPSIM_LIB: "$DIR/nosuch.so" },
    error: {
      type: "UsageError",
      message:
        'the fwpsim simulator library $DIR/nosuch.so does not exist: build it with "bash scripts/build-fwpsim.sh" or set WFPSEC_FWPSIM_LIB',
    },
    headline:
      'wfpsec plan: UsageError: the fwpsim simulator library $DIR/nosuch.so does not exist: build it with "bash scripts/build-fwpsim.sh" or set WFPSEC_FWPSIM_LIB',
  },
  {
    name: "unknown --provider: UsageError",
    args: (d) => ["show", "--provider", "nosuch", "--json", ...SIM(`${d}/s`)],
    error: {
      type: "UsageError",
      message:
        'no provider "nosuch" for --provider; the engine\'s providers: "Microsoft Windows WFP IKEEXT provider", "Microsoft Windows IPsec DoS Protection"',
    },
    headline:
      'wfpsec show: UsageError: no provider "nosuch" for --provider; the engine\'s providers: "Microsoft Windows WFP IKEEXT provider", "Microsoft Windows IPsec DoS Protection"',
  },
  {
    name: "invalid policy: PolicyError with every diagnostic",
    args: (d) => ["plan", `${d}/bad.yaml`, "--json", ...SIM(`${d}/s`)],
    error: {
      type: "PolicyError",
      message: "3 error(s) in policy:\n" +
        [missing("inbound"), missing("outbound"), badAddress]
          .map((x) => `${x.file}:${x.line}:${x.column}: error[${x.code}] ${x.path}: ${x.message}`).join("\n"),
      // No mainMode/quickMode: Windows' defaults, reported as a warning (issue 15, windowsDefaults.ts).
      diagnostics: [missing("inbound"), missing("outbound"), badAddress, {
        ...missing("mainMode"),
        message: defaultsText(true, true),
        code: "windows-default",
        severity: "warning",
      }],
    },
    headline: "wfpsec plan: PolicyError: 3 error(s) in policy",
  },
  {
    name: "unset pre-shared-key variable (SecretError): PolicyError with the reference's place",
    args: (d) => ["apply", `${d}/ok.yaml`, "--json", ...SIM(`${d}/s`)],
    env: { [PSK_ENV]: "" },
    error: {
      type: "PolicyError",
      message: NO_PSK,
      diagnostics: [{
        file: "$DIR/ok.yaml",
        line: 10,
        column: 21,
        path: "mainMode[0].auth[1].psk.env",
        code: "secret-unset",
        message: NO_PSK_PROBLEM,
        severity: "error",
      }],
    },
    headline: "wfpsec apply: PolicyError: the pre-shared key cannot be read",
  },
  {
    name: "not a snapshot: SnapshotError",
    args: (d) => ["plan", `${d}/ok.yaml`, "--json", "--state", `${d}/bad.yaml`],
    error: {
      type: "SnapshotError",
      message:
        "$DIR/bad.yaml: not a snapshot (expected a netsh wfp XML dump or a wfpsec show --all --json file)",
      // Every snapshot problem is located (issue 13; docs/cli-json.md SnapshotError.location).
      location: { file: "$DIR/bad.yaml", line: 1, column: 1 },
    },
    headline:
      "wfpsec plan: SnapshotError: $DIR/bad.yaml: not a snapshot (expected a netsh wfp XML dump or a wfpsec show --all --json file)",
  },
  {
    name: "fwpsim refuses the state file (SimStateError): WfpError naming the file and the reason",
    args: (d) => ["plan", `${d}/ok.yaml`, "--json", ...SIM(`${d}/bad.yaml`)],
    error: {
      type: "WfpError",
      message:
        "fwpsim state file $DIR/bad.yaml is corrupt (not an fwpsim state file): delete it or restore a good copy; nothing was changed",
      wfpName: "ERROR_FILE_CORRUPT",
      wfpCode: "0x00000570",
    },
    headline:
      "wfpsec plan: WfpError: fwpsim state file $DIR/bad.yaml is corrupt (not an fwpsim state file): delete it or restore a good copy; nothing was changed",
  },
  {
    name: "failed engine call in apply (ApplyError): WfpError naming the object",
    args: (d) => ["apply", `${d}/ok.yaml`, "--json", ...SIM(`${d}/s`)],
    env: { FWPSIM_FAIL_AT: "1:0x8032000a" },
    error: {
      type: "WfpError",
      message: addProviderFailed(
        "FWP_E_IN_USE",
        "0x8032000a",
        ": The object is referenced by other objects so cannot be deleted.",
      ),
      wfpName: "FWP_E_IN_USE",
      wfpCode: "0x8032000a",
      object: PROVIDER,
    },
    headline: "wfpsec apply: WfpError: " +
      addProviderFailed(
        "FWP_E_IN_USE",
        "0x8032000a",
        ": The object is referenced by other objects so cannot be deleted.",
      ),
  },
  {
    name: "a code wfpsec does not know: wfpName is the hex code",
    args: (d) => ["apply", `${d}/ok.yaml`, "--json", ...SIM(`${d}/s`)],
    env: { FWPSIM_FAIL_AT: "1:0x12345678" },
    error: {
      type: "WfpError",
      message: addProviderFailed("0x12345678", "0x12345678", ""),
      wfpName: "0x12345678",
      wfpCode: "0x12345678",
      object: PROVIDER,
    },
    headline: "wfpsec apply: WfpError: " + addProviderFailed("0x12345678", "0x12345678", ""),
  },
  {
    name: "apply --if-drifted: the error document plus outcome and policy",
    args: (d) => ["apply", `${d}/ok.yaml`, "--if-drifted", ...SIM(`${d}/s`)],
    env: { FWPSIM_FAIL_AT: "1:0x8032000a" },
    error: {
      type: "WfpError",
      message: addProviderFailed(
        "FWP_E_IN_USE",
        "0x8032000a",
        ": The object is referenced by other objects so cannot be deleted.",
      ),
      wfpName: "FWP_E_IN_USE",
      wfpCode: "0x8032000a",
      object: PROVIDER,
    },
    extra: { policy: { name: "cli-test", file: "$DIR/ok.yaml" }, outcome: "failed" },
    headline: "wfpsec apply: WfpError: " +
      addProviderFailed(
        "FWP_E_IN_USE",
        "0x8032000a",
        ": The object is referenced by other objects so cannot be deleted.",
      ),
  },
];

function subst<T>(v: T, dir: string): T {
  return JSON.parse(JSON.stringify(v).replaceAll("$DIR", dir));
}

for (const c of CASES) {
  Deno.test({ name: `error document unchanged: ${c.name}`, ignore }, async () => {
    const dir = tempDir();
    Deno.writeTextFileSync(`${dir}/ok.yaml`, testPolicy());
    Deno.writeTextFileSync(`${dir}/bad.yaml`, BAD_POLICY);
    const args = c.args(dir);
    const r = await wfpsec(args, c.env && subst(c.env, dir));
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout);
    const { schemaVersion, command, error, ...rest } = doc;
    assert.deepEqual({ schemaVersion, command }, { schemaVersion: 1, command: args[0] });
    // Key order is part of what a reader diffing two runs sees.
    assert.equal(JSON.stringify(error), JSON.stringify(subst(c.error, dir)));
    assert.deepEqual(rest, subst(c.extra ?? {}, dir));
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines[lines.length - 1], subst(c.headline, dir));
  });
}

Deno.test({ name: "a simulator library that is not a library: UsageError naming it", ignore }, async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/ok.yaml`, testPolicy());
  const r = await wfpsec(["plan", `${dir}/ok.yaml`, "--json", ...SIM(`${dir}/s`)], {
    WFPSEC_FWPSIM_LIB: `${dir}/ok.yaml`,
  });
  assert.equal(r.code, 1, r.stderr);
  const { error } = JSON.parse(r.stdout);
  assert.equal(error.type, "UsageError");
  assert.match(error.message, new RegExp(`^cannot load ${dir}/ok\\.yaml as the engine library`));
});
