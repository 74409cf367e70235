import assert from "node:assert/strict";
import { decodeRegBytes, parseRegFile } from "../../../modules/import/regfile.ts";
import { parseGpfasString, single } from "../../../modules/import/gpfas.ts";
import { ImportError } from "../../../modules/import/errors.ts";

function importError(f: () => unknown, re?: RegExp): ImportError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ImportError, String(e));
    if (re) assert.match(e.message, re);
    return e;
  }
  throw new assert.AssertionError({ message: "expected an ImportError" });
}

const KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\ConSecRules";
const RULE =
  "v2.10|Action=RequireInRequestOut|Name=Isolation|EP1_4=10.0.0.0/8|EP2_4=Any|Auth1Set={A}|Crypto2Set={B}|";

function utf16(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

function hexOf(s: string): string {
  return [...utf16(s + "\0").subarray(2)].map((b) => b.toString(16).padStart(2, "0")).join(",");
}

Deno.test("a UTF-16LE reg export yields its keys and REG_SZ, hex(2) and hex(7) values", () => {
  const text = [
    "Windows Registry Editor Version 5.00",
    "",
    `[${KEY}]`,
    `"{1}"="${RULE}"`,
    `"Esc"="a\\\\b\\"c"`,
    `"Exp"=hex(2):${hexOf("v2.10|Name=x|")}`,
    `"Multi"=hex(7):${hexOf("one\0two\0")}`,
    `"N"=dword:00000001`,
    "",
  ].join("\r\n");
  const keys = parseRegFile(decodeRegBytes(utf16(text), "f.reg"), "f.reg");
  assert.deepEqual(keys.length, 1);
  assert.deepEqual(keys[0].path, KEY);
  assert.deepEqual(keys[0].values.map((v) => [v.name, v.kind, v.data, v.line]), [
    ["{1}", "sz", [RULE], 4],
    ["Esc", "sz", ['a\\b"c'], 5],
    ["Exp", "expand", ["v2.10|Name=x|"], 6],
    ["Multi", "multi", ["one", "two"], 7],
    ["N", "other", [], 8],
  ]);
});

Deno.test("hex data continued over lines with a trailing backslash is joined", () => {
  const hex = hexOf("v2.10|Name=x|").split(",");
  const text = `Windows Registry Editor Version 5.00\n[${KEY}]\n"E"=hex(2):${
    hex.slice(0, 6).join(",")
  },\\\n  ${hex.slice(6, 12).join(",")},\\\n  ${hex.slice(12).join(",")}\n"N"="after"\n`;
  const values = parseRegFile(text, "f.reg")[0].values;
  assert.deepEqual(values.map((v) => [v.name, v.data, v.line]), [["E", ["v2.10|Name=x|"], 3], [
    "N",
    ["after"],
    6,
  ]]);
});

Deno.test("malformed reg files are ImportErrors naming file and line", () => {
  const cases: Array<[string, number, RegExp]> = [
    ["REGEDIT4\n", 1, /first line/],
    ['Windows Registry Editor Version 5.00\n"a"="b"\n', 2, /before any \[key\]/],
    [`Windows Registry Editor Version 5.00\n[${KEY}]\n"a"="b\n`, 3, /unterminated/],
    [`Windows Registry Editor Version 5.00\n[${KEY}]\n"a"=hex(2):zz,00\n`, 3, /bad hex byte/],
    [`Windows Registry Editor Version 5.00\n[${KEY}\n`, 2, /closing \]/],
    [`Windows Registry Editor Version 5.00\n[${KEY}]\n"a"=bogus\n`, 3, /unknown value data/],
  ];
  for (const [text, line, re] of cases) {
    const e = importError(() => parseRegFile(text, "bad.reg"), re);
    assert.deepEqual(e.location.line, line, text);
    assert.deepEqual(e.location.file, "bad.reg");
    assert.ok(e.message.startsWith(`bad.reg:${line}`), e.message);
  }
  importError(() => decodeRegBytes(new Uint8Array([0xff, 0xfe, 0x41]), "odd.reg"), /odd number/);
});

Deno.test("a [MS-GPFAS] rule string splits into its version and repeated fields", () => {
  const at = { file: "f.reg", line: 4, field: "{1}" };
  const rec = parseGpfasString("v2.10|Name=a|EP1_4=1.2.3.4|EP1_4=5.6.7.8|", at);
  assert.deepEqual(rec.version, { major: 2, minor: 10 });
  assert.deepEqual(rec.fields.filter((f) => f.key === "EP1_4").map((f) => f.value), ["1.2.3.4", "5.6.7.8"]);
  assert.deepEqual(single(rec, "Name", at), "a");
  importError(() => single(rec, "EP1_4", at), /occurs 2 times/);
  for (
    const bad of ["2.10|Name=a|", "v3.0|Name=a|", "v2.10|Name=a", "v2.10|Name|", "v2.10|=x|", "v2.10|1a=x|"]
  ) {
    const e = importError(() => parseGpfasString(bad, at));
    assert.deepEqual(e.location, at);
  }
});
