/**
 * Policy file bytes and nesting (modules/policy/decode.ts): UTF-8 with or without BOM and UTF-16LE/BE with
 * BOM (Windows PowerShell 5.1 `>` / Out-File) load as the same policy with the same positions; bytes that
 * are not UTF-8 are a located `bad-encoding` error, never U+FFFD; nesting deeper than MAX_NESTING is a
 * located `too-deep` error, never V8's RangeError.
 */
import { deepStrictEqual, equal, fail, ok } from "node:assert/strict";
import { decodePolicyBytes, MAX_NESTING, nestingOverflow } from "../../../modules/policy/decode.ts";
import { type Diagnostic, loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";

const ROOT = new URL("../../../", import.meta.url);
const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16(s: string, le: boolean): Uint8Array {
  const b = new Uint8Array(2 + 2 * s.length);
  b.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let k = 0; k < s.length; k++) {
    const u = s.charCodeAt(k);
    b[2 + 2 * k] = le ? u & 0xff : u >> 8;
    b[3 + 2 * k] = le ? u >> 8 : u & 0xff;
  }
  return b;
}
const cat = (...parts: (Uint8Array | number[])[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, o), o += p.length;
  return out;
};

/** The one diagnostic of a refused load. */
function refused(fn: () => unknown): Diagnostic {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PolicyError)) {
      fail(`expected PolicyError, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
    }
    equal(e.diagnostics.length, 1, e.message);
    return e.diagnostics[0];
  }
  fail("expected the input to be refused");
}
const load = (bytes: Uint8Array, file = "p.yaml") => loadPolicy(decodePolicyBytes(bytes, file), file);

const EXAMPLE = Deno.readTextFileSync(new URL("examples/transport-mode.yaml", ROOT));

Deno.test("UTF-8 without BOM, UTF-8 with BOM, UTF-16LE and UTF-16BE with BOM give the same policy", () => {
  const text = EXAMPLE.replace("name: transport-mode", "name: transport-mode\ndescription: é ✓ 𝄞");
  const want = load(utf8(text)).policy;
  equal(want.description, "é ✓ 𝄞");
  deepStrictEqual(load(cat([0xef, 0xbb, 0xbf], utf8(text))).policy, want);
  deepStrictEqual(load(utf16(text, true)).policy, want, "UTF-16LE (PowerShell 5.1 Out-File)");
  deepStrictEqual(load(utf16(text, false)).policy, want, "UTF-16BE");
  equal(decodePolicyBytes(utf16(text, true), "p.yaml"), text, "the BOM is not part of the text");
});

Deno.test("a diagnostic in a UTF-16LE file with BOM has the line:col it has in the UTF-8 file", () => {
  // line 3, column 8 is the bad value; the BOM must not shift column 1 of line 1 or anything after it
  const text = "version: 1\nname: p\nrules: 5\n";
  const a = refused(() => load(utf8(text)));
  const b = refused(() => load(utf16(text, true)));
  const c = refused(() => load(cat([0xef, 0xbb, 0xbf], utf8(text))));
  equal(`${a.line}:${a.column}`, "3:8");
  equal(`${b.line}:${b.column} ${b.code} ${b.path}`, `${a.line}:${a.column} ${a.code} ${a.path}`);
  equal(`${c.line}:${c.column}`, "3:8");
  const d = refused(() => load(utf16("version: 1\nname: é\nversion: 1\n", true)));
  equal(`${d.line}:${d.column} ${d.code}`, "3:1 duplicate-key");
});

Deno.test("a Latin-1 byte is refused at its line:col with bad-encoding, not read as U+FFFD", () => {
  // "name: caf" + 0xE9 (Latin-1 é) on line 2
  const bytes = cat(utf8("version: 1\nname: caf"), [0xe9], utf8("\nrules: []\n"));
  const d = refused(() => decodePolicyBytes(bytes, "corp.yaml"));
  equal(`${d.file}:${d.line}:${d.column} ${d.code}`, "corp.yaml:2:10 bad-encoding");
  ok(
    /0xE9/.test(d.message) && /not valid UTF-8/.test(d.message) && /save it as UTF-8/.test(d.message),
    d.message,
  );
  ok(!d.message.includes("\ufffd"));
  // columns count characters: a valid 2-byte 'ü' before the bad byte is one column
  const e = refused(() => decodePolicyBytes(cat(utf8("a: ü"), [0xff]), "x"));
  equal(`${e.line}:${e.column}`, "1:5");
  // after a UTF-8 BOM the column is still counted from the first character
  const f = refused(() => decodePolicyBytes(cat([0xef, 0xbb, 0xbf], utf8("ab"), [0x80]), "x"));
  equal(`${f.line}:${f.column}`, "1:3");
});

Deno.test("every ill-formed UTF-8 sequence is refused; every well-formed one decodes", () => {
  const bad: number[][] = [
    [0x80], // lone continuation
    [0xc0, 0xaf], // overlong
    [0xc3], // truncated at the end
    [0xc3, 0x41], // truncated by ASCII
    [0xe0, 0x80, 0x80], // overlong 3-byte
    [0xed, 0xa0, 0x80], // UTF-16 surrogate
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xf5, 0x80, 0x80, 0x80],
    [0xfe],
  ];
  for (const b of bad) {
    const d = refused(() => decodePolicyBytes(cat(utf8("x: "), b), "x"));
    equal(`${d.line}:${d.column} ${d.code}`, "1:4 bad-encoding", b.map((x) => x.toString(16)).join(" "));
  }
  for (const s of ["é", "✓", "𝄞", "\u{10ffff}", "\ud7ff", "\ue000"]) {
    equal(decodePolicyBytes(utf8("x: " + s), "x"), "x: " + s);
  }
});

Deno.test("UTF-16 with BOM: an unpaired surrogate or an odd byte count is refused where it is", () => {
  const lone = utf16("a: 1\nb: x\ud800y\n", true);
  const d = refused(() => decodePolicyBytes(lone, "w.yaml"));
  equal(`${d.line}:${d.column} ${d.code}`, "2:5 bad-encoding");
  ok(/UTF-16LE/.test(d.message) && /surrogate/.test(d.message), d.message);
  const odd = cat(utf16("a: 1\n", false), [0x41]);
  const e = refused(() => decodePolicyBytes(odd, "w.yaml"));
  equal(`${e.line}:${e.column} ${e.code}`, "2:1 bad-encoding");
  ok(/odd number of bytes/.test(e.message), e.message);
});

const deepCases: [string, string, string][] = [
  ["YAML flow", "version: 1\nname: x\nrules: " + "[".repeat(20000) + "]".repeat(20000) + "\n", "3:71"],
  ["JSON", '{"version": 1, "name": "x", "rules": ' + "[".repeat(20000) + "]".repeat(20000) + "}", "1:101"],
  ["JSON objects", '{"a":'.repeat(20000) + "1" + "}".repeat(20000), `1:${5 * 64 + 1}`],
  ["block sequences", "version: 1\nname: x\nrules:\n" + "- ".repeat(20000) + "x\n", "4:127"],
  [
    "block mappings", // 2,000 levels (20,000 would be 200 MB of indentation); the composer fails at ~1,000
    Array.from({ length: 2000 }, (_, k) => " ".repeat(k) + "k:").join("\n") + " 1\n",
    "65:65",
  ],
  ["anchored flow sequences", "version: 1\nname: x\nrules: " + "&a [".repeat(3000), "3:263"],
  ["tagged flow sequences", "version: 1\nname: x\nrules: !!seq " + "[".repeat(3000), "3:77"],
  [
    "seq/map alternation",
    Array.from({ length: 200 }, (_, k) => " ".repeat(2 * k) + "- k:").join("\n"),
    "33:65",
  ],
];

for (const [name, text, at] of deepCases) {
  Deno.test(`${name} nested far too deep: too-deep at the first level past ${MAX_NESTING}, not a RangeError`, () => {
    const d = refused(() => loadPolicy(text, "deep.yaml"));
    equal(`${d.file}:${d.line}:${d.column} ${d.code}`, `deep.yaml:${at} too-deep`);
    ok(d.message.includes(`nested deeper than ${MAX_NESTING} levels`), d.message);
  });
}

Deno.test("aliases that stack levels the text does not show are too-deep at the alias, not a RangeError", () => {
  // each anchor holds 60 levels around an alias of the previous one: 40 x 60 levels once resolved
  let text = "version: 1\nname: x\na0: &a0 " + "[".repeat(60) + "]".repeat(60) + "\n";
  for (let k = 1; k < 40; k++) {
    text += `a${k}: &a${k} ` + "[".repeat(60) + `*a${k - 1}` + "]".repeat(60) + "\n";
  }
  equal(nestingOverflow(text), -1, "the text alone is within the limit");
  const d = refused(() => loadPolicy(text, "alias.yaml"));
  equal(`${d.line}:${d.column} ${d.code}`, "4:69 too-deep");
});

Deno.test(`nesting up to ${MAX_NESTING} levels is allowed; quoted brackets, comments and block scalars do not count`, () => {
  const flow = (k: number) => "a: " + "[".repeat(k - 1) + "]".repeat(k - 1);
  equal(nestingOverflow(flow(MAX_NESTING)), -1);
  ok(nestingOverflow(flow(MAX_NESTING + 1)) > 0);
  const noise = "[".repeat(500);
  const text = [
    `description: "${noise}"`,
    `other: '${noise}''${noise}'`,
    `# ${noise}`,
    `plain: a${noise}`,
    "script: |",
    ...Array.from({ length: 200 }, (_, k) => " " + " ".repeat(k) + "- - - - " + noise),
    `json: {"k": "${noise}", "l": ['${noise}']}`,
  ].join("\n");
  equal(nestingOverflow(text), -1);
});

Deno.test("every example and template policy is far inside the nesting limit", () => {
  const dir = new URL("examples/", ROOT);
  let n = 0;
  for (const e of Deno.readDirSync(dir)) {
    if (!/\.(ya?ml|json)$/.test(e.name)) continue;
    const text = Deno.readTextFileSync(new URL(e.name, dir));
    equal(nestingOverflow(text, 12), -1, e.name);
    n++;
  }
  ok(n >= 5);
});
