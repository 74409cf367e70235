/**
 * modules/cli/args.ts parses exactly as node:util's parseArgs (strict, positionals allowed), which it
 * replaces to keep node:util out of start-up: same values and positionals, same error text, on a corpus of
 * wfpsec's own command lines and on random ones.
 */
import { deepStrictEqual, equal } from "node:assert/strict";
import { parseArgs as nodeParseArgs } from "node:util";
import fc from "fast-check";
import { parseArgs } from "../../../modules/cli/args.ts";

const OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  force: { type: "boolean" },
  engine: { type: "string" },
  "sim-state": { type: "string" },
  output: { type: "string", short: "o" },
  type: { type: "string", multiple: true },
  all: { type: "boolean", short: "a" },
} as const;

function same(args: string[]) {
  let expected: unknown, actual: unknown;
  try {
    const r = nodeParseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    expected = { values: { ...r.values }, positionals: r.positionals };
  } catch (e) {
    expected = { error: (e as Error).message };
  }
  try {
    const r = parseArgs(args, OPTIONS);
    actual = { values: { ...r.values }, positionals: r.positionals };
  } catch (e) {
    actual = { error: (e as Error).message };
  }
  deepStrictEqual(actual, expected, JSON.stringify(args));
}

Deno.test("args: wfpsec's command lines parse as node:util parseArgs parses them", () => {
  const corpus = [
    [],
    ["p.yaml"],
    ["p.yaml", "--engine", "sim", "--sim-state", "s.state", "--json"],
    ["--engine=sim", "--sim-state=a=b", "p.yaml"],
    ["-o", "out.yaml", "--force"],
    ["-oout.yaml"],
    ["-ha"],
    ["-ho", "x"],
    ["--type", "mm", "--type", "qm", "--type=em"],
    ["--", "--json", "-h"],
    ["-", "x"],
    ["--engine"],
    ["--engine", "--json"],
    ["-o"],
    ["-o", "-x"],
    ["--json=1"],
    ["--sim-state", ""],
    ["--engine", "sim", "--engine", "windows"],
    ["--output=", "x"],
  ];
  for (const args of corpus) same(args);
});

Deno.test("args: random command lines parse as node:util parseArgs parses them", () => {
  const token = fc.constantFrom(
    "--json",
    "-h",
    "--help",
    "--force",
    "--engine",
    "--engine=sim",
    "--sim-state",
    "-o",
    "-ofile",
    "-ho",
    "-ha",
    "--type",
    "--type=x",
    "--output=a",
    "--",
    "-",
    "p.yaml",
    "sim",
    "",
    "--json=x",
    "-a",
  );
  fc.assert(fc.property(fc.array(token, { maxLength: 6 }), (args) => same(args)), { numRuns: 3000 });
  equal(parseArgs(["a"], OPTIONS).positionals[0], "a");
});
