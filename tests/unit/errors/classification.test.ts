/**
 * Product code classifies errors with `instanceof` (WfpsecError and its subclasses), never by `name`
 * strings or by the shape of an object: no `err.name === "PolicyError"`, no `name = "WfpError"` overrides,
 * no "has a numeric code, so it is an engine error". (Issue 11: `ApplyError.name` used to claim "WfpError",
 * SecretError "PolicyError", and cli.ts sorted errors by string compares.)
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../../", import.meta.url);

/** What classifying by name or shape looks like in TypeScript. */
const RULES: { why: string; re: RegExp }[] = [
  {
    why: "compares an error's name with a string",
    re:
      /\.name\s*[!=]==?\s*["'`]\w*(Error|FWP_E_|ERROR_|RPC_)\w*["'`]|["'`]\w*(Error|FWP_E_\w*)["'`]\s*[!=]==?\s*[\w?.]*\.name\b/,
  },
  { why: "switches on an error's name", re: /switch\s*\(\s*[\w?.]*\.name\s*\)/ },
  {
    why: "sets an error's name to a string (WfpsecError derives it from the class)",
    re: /(override\s+name\s*=|this\.name\s*=\s*["'`])/,
  },
  { why: "tells errors apart by a `diagnostics` member", re: /Array\.isArray\(\s*\w+\??\.diagnostics\s*\)/ },
  { why: "reads an engine status by duck typing", re: /\[\s*["']code["'],\s*["']hresult["']/ },
];

/** Offending lines of `text`, as `line: why`. */
function violations(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (const r of RULES) if (r.re.test(line)) out.push(`${i + 1}: ${r.why}: ${line.trim()}`);
  });
  return out;
}

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

Deno.test("the check recognises classification by name and shape", () => {
  const planted = [
    'if (err.name === "PolicyError") type = "PolicyError";',
    'else if (n === "UsageError" || e?.name !== "SnapshotError") {}',
    'if ("FWP_E_ALREADY_EXISTS" === e.name) return;',
    "switch (err.name) {",
    '  override name = "WfpError";',
    '    this.name = "LockBusyError";',
    "if (Array.isArray(err?.diagnostics)) type = 'PolicyError';",
    'for (const field of ["code", "hresult", "status"]) {}',
  ];
  for (const line of planted) assert.equal(violations(line).length, 1, line);
  // Ordinary name compares of policy objects and conditions are not error classification.
  const fine = [
    "if (!arrOf(this.d.mainMode).some((x) => isObj(x) && x.name === n)) {",
    'if (name === "FWPM_CONDITION_IP_PROTOCOL") {',
    "const seen = policy.quickMode.find((x) => x.name === q.name);",
    "this.name = new.target.name;",
    "if (!(e instanceof PolicyError)) throw e;",
  ];
  for (const line of fine) assert.deepEqual(violations(line), [], line);
});

Deno.test("no product code classifies errors by name strings or shape", () => {
  const found: string[] = [];
  const files = productFiles();
  assert.ok(files.length > 40, "the walk found the product's files");
  for (const f of files) {
    for (const v of violations(Deno.readTextFileSync(f))) {
      found.push(`${f.pathname.slice(ROOT.pathname.length)}:${v}`);
    }
  }
  assert.deepEqual(found, []);
});
