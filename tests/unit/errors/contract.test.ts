/**
 * Every wfpsec error class is a WfpsecError whose `toJson()` is the `error` object docs/cli-json.md documents:
 * a documented `type`, only the documented members in the documented order, `diagnostics` only on
 * PolicyError, `wfpName`/`wfpCode` together, `object` as { kind, key, name }. The list of classes is read
 * from the product's sources, so a new error class without a case here fails.
 */
import assert from "node:assert/strict";
import { type ErrorJson, errorJson, wfpCodeOf, WfpsecError } from "../../../ffi/wfpsecError.ts";
import {
  FileSecurityError,
  SystemFolderError,
  WfpError,
  WfpInputError,
  WfpUsageError,
} from "../../../ffi/errors.ts";
import { GuidFormatError } from "../../../ffi/guid.ts";
import { SddlError } from "../../../ffi/sddl.ts";
import { EngineUnavailableError } from "../../../ffi/library.ts";
import { SimStateError } from "../../../ffi/fwpsim.ts";
import { type Diagnostic, PolicyError } from "../../../modules/policy/mod.ts";
import { AccountResolutionError, SecretError } from "../../../modules/plan/mod.ts";
import { LockBusyError, ManualSaError } from "../../../modules/apply/mod.ts";
import {
  ApplyError,
  SafetyError,
  SnapshotError,
  UnsupportedPolicyError,
  UsageError,
} from "../../../modules/errors.ts";
import { ImportError } from "../../../modules/import/errors.ts";
import { KeywordResolutionError } from "../../../modules/model/addrKeyword.ts";
import { AdapterListError } from "../../../ffi/adapters.ts";
import { ConfirmError } from "../../../modules/apply/armed.ts";

const ROOT = new URL("../../../", import.meta.url);
const DOC = Deno.readTextFileSync(new URL("docs/cli-json.md", ROOT));

/** The "## Errors" section of docs/cli-json.md and its JSON example. */
const SECTION = DOC.slice(DOC.indexOf("## Errors"), DOC.indexOf("## Commands"));
const EXAMPLE = SECTION.slice(
  SECTION.indexOf("```json"),
  SECTION.indexOf("```", SECTION.indexOf("```json") + 7),
);
const DOC_TYPES = [...EXAMPLE.match(/"type":([^,]*),/)![1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
const errorBlock = EXAMPLE.slice(EXAMPLE.indexOf('"error"'));
/** Members of `error`, in the example's order (nested objects' members excluded). */
const DOC_MEMBERS = [...errorBlock.replace(/\{[^{}]*\}/g, "{}").matchAll(/"(\w+)":/g)].map((m) => m[1])
  .filter((k) => k !== "error");
const DOC_OBJECT = [...errorBlock.match(/"object": \{([^}]*)\}/)![1].matchAll(/"(\w+)":/g)].map((m) => m[1]);
const DOC_DIAGNOSTIC = [...errorBlock.match(/"diagnostics": \[ \{([^}]*)\}/)![1].matchAll(/"(\w+)"/g)].map((
  m,
) => m[1]);

Deno.test("the contract read from docs/cli-json.md is what this test expects to check", () => {
  assert.deepEqual(DOC_TYPES, [
    "PolicyError",
    "WfpError",
    "UsageError",
    "SafetyError",
    "SnapshotError",
    "LockBusyError",
    "Error",
  ]);
  assert.deepEqual(DOC_MEMBERS, ["type", "message", "diagnostics", "wfpName", "wfpCode", "object"]);
  assert.deepEqual(DOC_OBJECT, ["kind", "key", "name"]);
  assert.deepEqual(DOC_DIAGNOSTIC, ["file", "line", "column", "path", "message", "code", "severity"]);
});

const DIAG: Diagnostic = {
  file: "p.yaml",
  line: 3,
  column: 7,
  path: "rules[0].remote[0]",
  message: "'10.0.0.300' is not an IP address",
  code: "bad-address",
  severity: "error",
};
const WARN: Diagnostic = {
  ...DIAG,
  line: 9,
  code: "weak-crypto-allowed",
  severity: "warning",
  message: "weak",
};
const IN_USE = { wfpName: "FWP_E_IN_USE", wfpCode: "0x8032000a", code: 0x8032000a };
const FILTER = { kind: "filter", key: "3a79523c-84b8-5133-94b2-1b73bd429ea3", name: "corp-in-v4" };

interface Case {
  /** The class under test (its name is matched against the sources). */
  cls: abstract new (...args: never[]) => WfpsecError;
  make: () => WfpsecError;
  json: ErrorJson;
}

const CASES: Case[] = [
  {
    cls: WfpError,
    make: () => new WfpError("FwpmFilterAdd0", 0x80320009, { ...FILTER, id: 5n }),
    json: {
      type: "WfpError",
      message:
        `FwpmFilterAdd0 failed (filter "corp-in-v4" ${FILTER.key} id 5): FWP_E_ALREADY_EXISTS (0x80320009) ` +
        "An object with that GUID or LUID already exists.",
      wfpName: "FWP_E_ALREADY_EXISTS",
      wfpCode: "0x80320009",
      object: FILTER,
    },
  },
  {
    cls: WfpError,
    make: () => new WfpError("FwpmTransactionBegin0", 0x12345678, { kind: "transaction" }),
    json: {
      type: "WfpError",
      message: "FwpmTransactionBegin0 failed (transaction): 0x12345678 (0x12345678) Unknown error code.",
      wfpName: "0x12345678",
      wfpCode: "0x12345678",
      object: { kind: "transaction", key: null, name: null },
    },
  },
  {
    cls: WfpInputError,
    make: () => new WfpInputError("FWPM_FILTER0.weight.uint64", "bigint", 5),
    json: { type: "WfpError", message: "FWPM_FILTER0.weight.uint64: expected bigint, got integer 5" },
  },
  {
    cls: WfpUsageError,
    make: () => new WfpUsageError("the engine session is closed"),
    json: { type: "Error", message: "the engine session is closed" },
  },
  {
    cls: GuidFormatError,
    make: () => new GuidFormatError("nope"),
    json: { type: "Error", message: 'invalid GUID "nope": expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' },
  },
  {
    cls: SddlError,
    make: () => new SddlError("empty SDDL"),
    json: { type: "Error", message: "empty SDDL" },
  },
  {
    cls: EngineUnavailableError,
    make: () => new EngineUnavailableError("no WFP engine on linux"),
    json: { type: "UsageError", message: "no WFP engine on linux" },
  },
  {
    cls: SystemFolderError,
    make: () => new SystemFolderError("GetSystemDirectoryW failed (returned 0)"),
    json: { type: "SafetyError", message: "GetSystemDirectoryW failed (returned 0)" },
  },
  {
    cls: FileSecurityError,
    make: () => new FileSecurityError("cannot open C:\\p.yaml to check its permissions: CreateFileW failed"),
    json: {
      type: "SafetyError",
      message: "cannot open C:\\p.yaml to check its permissions: CreateFileW failed",
    },
  },
  {
    cls: SimStateError,
    make: () => new SimStateError(0x6d9, "/tmp/s.state"),
    json: {
      type: "WfpError",
      message: "fwpsim could not use the state file /tmp/s.state: EPT_S_NOT_REGISTERED (0x000006d9)",
      wfpName: "EPT_S_NOT_REGISTERED",
      wfpCode: "0x000006d9",
    },
  },
  {
    cls: SimStateError,
    make: () => new SimStateError(0x570, "/tmp/s.state", "checksum mismatch"),
    json: {
      type: "WfpError",
      message:
        "fwpsim state file /tmp/s.state is corrupt (checksum mismatch): delete it or restore a good copy; nothing was changed",
      wfpName: "ERROR_FILE_CORRUPT",
      wfpCode: "0x00000570",
    },
  },
  {
    cls: PolicyError,
    make: () => new PolicyError([DIAG, WARN]),
    json: {
      type: "PolicyError",
      message:
        "1 error(s) in policy:\np.yaml:3:7: error[bad-address] rules[0].remote[0]: '10.0.0.300' is not " +
        "an IP address",
      diagnostics: [DIAG, WARN],
    },
  },
  {
    cls: SecretError,
    make: () => new SecretError("pre-shared key k/1: environment variable PSK is not set"),
    json: { type: "PolicyError", message: "pre-shared key k/1: environment variable PSK is not set" },
  },
  {
    cls: UnsupportedPolicyError,
    make: () => new UnsupportedPolicyError("manual SA peer: its filters are not in the engine"),
    json: { type: "PolicyError", message: "manual SA peer: its filters are not in the engine" },
  },
  {
    cls: UsageError,
    make: () => new UsageError("--sim-state and --state exclude each other"),
    json: { type: "UsageError", message: "--sim-state and --state exclude each other" },
  },
  {
    cls: SafetyError,
    make: () => new SafetyError("refusing to use policy file p.yaml while elevated"),
    json: { type: "SafetyError", message: "refusing to use policy file p.yaml while elevated" },
  },
  {
    cls: SnapshotError,
    make: () => new SnapshotError("s.json: not a snapshot"),
    json: { type: "SnapshotError", message: "s.json: not a snapshot" },
  },
  {
    cls: ApplyError,
    make: () => new ApplyError("add filter failed", FILTER, IN_USE, { cause: new Error("inner") }),
    json: {
      type: "WfpError",
      message: "add filter failed",
      wfpName: "FWP_E_IN_USE",
      wfpCode: "0x8032000a",
      object: FILTER,
    },
  },
  {
    cls: ApplyError,
    make: () => new ApplyError("the engine is read-only", undefined, undefined),
    json: { type: "WfpError", message: "the engine is read-only" },
  },
  {
    cls: ManualSaError,
    make: () =>
      new ManualSaError(
        'IPsecSaContextGetSpi1 for manual SA "peer" failed',
        { kind: "manualSa", key: FILTER.key, name: "peer" },
        IN_USE,
        true,
        new Error("inner"),
      ),
    json: {
      type: "WfpError",
      message: 'IPsecSaContextGetSpi1 for manual SA "peer" failed',
      wfpName: "FWP_E_IN_USE",
      wfpCode: "0x8032000a",
      object: { kind: "manualSa", key: FILTER.key, name: "peer" },
    },
  },
  {
    cls: LockBusyError,
    make: () => new LockBusyError("another apply holds the lock; nothing changed", undefined),
    json: { type: "LockBusyError", message: "another apply holds the lock; nothing changed" },
  },
  {
    cls: ImportError,
    make: () => new ImportError("unterminated string", { file: "fw.reg", line: 7, field: "ConSec1" }),
    json: { type: "PolicyError", message: "fw.reg:7 (ConSec1): unterminated string" },
  },
  {
    cls: AccountResolutionError,
    make: () =>
      new AccountResolutionError([{
        file: "p.yaml",
        line: 9,
        column: 18,
        path: "rules[0].authorization.machines[0]",
        message: "'CONTOSO\\Nope' is not known to LookupAccountNameW",
        code: "account-unresolved",
        severity: "error",
      }]),
    json: {
      type: "PolicyError",
      message:
        "1 error(s) in policy:\np.yaml:9:18: error[account-unresolved] rules[0].authorization.machines[0]: 'CONTOSO\\Nope' is not known to LookupAccountNameW",
      diagnostics: [{
        file: "p.yaml",
        line: 9,
        column: 18,
        path: "rules[0].authorization.machines[0]",
        message: "'CONTOSO\\Nope' is not known to LookupAccountNameW",
        code: "account-unresolved",
        severity: "error",
      }],
    },
  },
  {
    cls: ConfirmError,
    make: () =>
      new ConfirmError('apply refused: the apply of policy "a" awaits confirmation; nothing changed'),
    json: {
      type: "SafetyError",
      message: 'apply refused: the apply of policy "a" awaits confirmation; nothing changed',
    },
  },
  {
    cls: KeywordResolutionError,
    make: () => new KeywordResolutionError("interface 'eth0' dns: '10.0.0.0/8' must be one address"),
    json: { type: "SnapshotError", message: "interface 'eth0' dns: '10.0.0.0/8' must be one address" },
  },
  {
    cls: AdapterListError,
    make: () => new AdapterListError("Ethernet DNS server points outside the GetAdaptersAddresses buffer"),
    json: {
      type: "SnapshotError",
      message: "Ethernet DNS server points outside the GetAdaptersAddresses buffer",
    },
  },
];

for (const c of CASES) {
  Deno.test(`${c.cls.name}: toJson() is the documented error object (${c.json.type})`, () => {
    const e = c.make();
    assert.ok(e instanceof WfpsecError && e instanceof c.cls && e instanceof Error);
    assert.equal(e.name, c.cls.name, "name is the class name (stack traces), never a JSON type");
    const j = e.toJson();
    // Exact members in exact order, as the CLI prints them.
    assert.equal(JSON.stringify(j), JSON.stringify(c.json));
    assert.deepEqual(errorJson(e), j);
    assert.ok(DOC_TYPES.includes(j.type), `${j.type} is not a documented error type`);
    const keys = Object.keys(j);
    assert.deepEqual(
      keys,
      DOC_MEMBERS.filter((k) => keys.includes(k)),
      "documented members, documented order",
    );
    assert.equal("diagnostics" in j, e instanceof PolicyError, "diagnostics only for PolicyError");
    assert.equal("wfpName" in j, "wfpCode" in j);
    assert.deepEqual(wfpCodeOf(e) === undefined, !("wfpName" in j));
    if (j.object) assert.deepEqual(Object.keys(j.object), DOC_OBJECT);
    for (const d of j.diagnostics ?? []) assert.deepEqual(Object.keys(d), DOC_DIAGNOSTIC);
  });
}

Deno.test("anything else thrown is an internal Error (a bug) with its message", () => {
  assert.deepEqual(errorJson(new TypeError("x is undefined")), { type: "Error", message: "x is undefined" });
  assert.deepEqual(errorJson("a string"), { type: "Error", message: "a string" });
  // Duck typing is gone: a numeric `code` or a `diagnostics` array does not make an error a wfpsec one.
  const impostor = Object.assign(new Error("looks like one"), { code: 0x8032000a, diagnostics: [DIAG] });
  assert.deepEqual(errorJson(impostor), { type: "Error", message: "looks like one" });
  assert.equal(wfpCodeOf(impostor), undefined);
});

Deno.test("class family: LockBusyError and ManualSaError are ApplyErrors; cause is kept", () => {
  assert.ok(CASES.find((c) => c.cls === LockBusyError)!.make() instanceof ApplyError);
  assert.ok(CASES.find((c) => c.cls === ManualSaError)!.make() instanceof ApplyError);
  assert.equal(new ApplyError("m", undefined, undefined, { cause: 7 }).cause, 7);
});

Deno.test("ffi/wfpsecError.ts imports nothing, so every layer (ffi/ and the policy language too) may use it", () => {
  const text = Deno.readTextFileSync(new URL("ffi/wfpsecError.ts", ROOT));
  assert.doesNotMatch(text, /^\s*(import|export .* from)\b/m);
});

/** Product source files (what `deno check mod.ts cli.ts` covers, minus generated tables). */
function productFiles(): URL[] {
  const out: URL[] = [new URL("cli.ts", ROOT), new URL("mod.ts", ROOT)];
  const walk = (dir: URL) => {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isDirectory) walk(new URL(`${e.name}/`, dir));
      else if (e.name.endsWith(".ts")) out.push(new URL(e.name, dir));
    }
  };
  walk(new URL("ffi/", ROOT));
  walk(new URL("modules/", ROOT));
  return out;
}

Deno.test("every error class in the product is a WfpsecError and has a contract case here", async () => {
  const covered = new Set(CASES.map((c) => c.cls));
  const found: string[] = [];
  for (const file of productFiles()) {
    const text = Deno.readTextFileSync(file);
    for (const m of text.matchAll(/^(export )?(?:abstract )?class (\w+) extends (\w+)/gm)) {
      const [, exported, name, base] = m;
      if (!exported) {
        assert.ok(!/Error$/.test(base), `${file.pathname}: class ${name} extends ${base} is not exported`);
        continue;
      }
      const mod = await import(file.href);
      const cls = mod[name];
      if (!(cls?.prototype instanceof Error)) continue;
      found.push(name);
      if (cls === WfpsecError) continue;
      assert.ok(
        cls.prototype instanceof WfpsecError,
        `${name} (${file.pathname}) does not extend WfpsecError`,
      );
      assert.ok(
        covered.has(cls),
        `${name} (${file.pathname}) has no case in tests/unit/errors/contract.test.ts`,
      );
    }
  }
  // The scan itself works: it found the classes this file imports.
  for (const c of covered) assert.ok(found.includes(c.name), `scan missed ${c.name}`);
});
