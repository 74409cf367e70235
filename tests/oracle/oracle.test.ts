/**
 * The layout and constants oracle, as a specification:
 * - the struct tables, fwpsim's structs and constants.ts agree with the Windows headers (mingw-w64, or our
 *   SDK transcription where mingw lacks a struct), proven by compiling generated `_Static_assert`s;
 * - ffi/symbols.ts (the dlopen table) agrees with the prototypes of the headers and of fwpsim;
 * - the oracle is not vacuous: a planted wrong offset, member size, struct size, constant, GUID or parameter
 *   kind makes the compile (or the SDK GUID comparison) fail with a message naming what and where.
 */
import assert from "node:assert/strict";
import {
  checkTable,
  compileAll,
  generate,
  type GenOptions,
  type GenResult,
  leaves,
  parseCMembers,
  parseMutation,
  parseSdkGuids,
  runCompiler,
} from "./gen.ts";
import { STRUCTS } from "../../ffi/structs.ts";
import { SYMBOLS } from "../../ffi/symbols.ts";
import type { StructLayout } from "../../ffi/layout.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const OUT = `${ROOT}/build/oracle`;

async function gen(dir: string, extra: Partial<GenOptions> = {}): Promise<GenResult> {
  return await generate({ outDir: `${OUT}/${dir}`, ...extra });
}

/** Compiles one generated file and returns the static-assertion messages that failed. */
async function failuresOf(r: GenResult, file: string, cc: "mingw" | "gcc"): Promise<string[]> {
  const res = await runCompiler(cc, `${r.outDir}/${file}`);
  assert.equal(
    res.ok,
    res.failures.length === 0,
    `compile status and assertion failures disagree:\n${res.output}`,
  );
  if (!res.ok && res.failures.length === 0) {
    throw new Error(`${file} failed for another reason:\n${res.output}`);
  }
  return res.failures;
}

Deno.test("every struct table, fwpsim struct and constant agrees with the Windows headers", async () => {
  const r = await gen(".");
  assert.deepEqual(r.problems, [], "table / SDK GUID problems");
  const results = await compileAll(r);
  const failed = results.filter((x) => !x.res.ok).map((x) =>
    `${x.cc} ${x.target.file}:\n  ${x.res.failures.join("\n  ") || x.res.output}`
  );
  assert.deepEqual(failed, [], "oracle files that do not compile");
  // nothing was silently skipped: every table is asserted against mingw or the SDK transcription
  const tables = Object.values(STRUCTS) as StructLayout[];
  assert.deepEqual(
    [...r.structs.mingw, ...r.structs.sdk].sort(),
    tables.map((t) => t.name).sort(),
  );
  const files = new Map(r.targets.map((t) => [t.file, t]));
  for (
    const f of [
      "oracle_mingw.c",
      "oracle_sdk.c",
      "oracle_constants.c",
      "oracle_functions.c",
      "oracle_sim.c",
      "sim_vs_mingw.c",
      "oracle_sim_functions.c",
    ]
  ) {
    assert.ok(files.has(f), `${f} generated`);
  }
  // size + align + offset + member size for every member with a C path
  const expected = (list: string[]) =>
    list.reduce((n, name) => n + 2 + 2 * leaves(STRUCTS[name].fields).length, 0);
  assert.ok(files.get("oracle_mingw.c")!.assertions >= expected(r.structs.mingw));
  assert.ok(files.get("oracle_sdk.c")!.assertions >= expected(r.structs.sdk));
  assert.equal(
    files.get("oracle_constants.c")!.assertions,
    r.constants.mingwChecked.length + r.constants.guidsMingw.length + r.constants.sdkChecked.length,
  );
  assert.ok(r.constants.sdkChecked.includes("FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT"));
  // every fwpuclnt export wfpsec binds has its signature checked against a prototype, and fwpsim's too
  const exported = Object.keys(SYMBOLS).filter((n) => !n.startsWith("Sim"));
  assert.deepEqual([...r.functions.mingw, ...r.functions.sdk].sort(), exported.sort());
  assert.deepEqual([...r.functions.sim].sort(), Object.keys(SYMBOLS).sort());
  assert.ok(r.functions.sdk.includes("FwpmIPsecTunnelAdd3"));
  // and every system DLL function (kernel32, advapi32, ...) that an ffi/*.ts `*_SYMBOLS` table binds
  for (
    const f of [
      "GetSystemDirectoryW",
      "LookupAccountNameW",
      "CreateFileW",
      "GetSecurityInfo",
      "GetAdaptersAddresses",
      "WTSQuerySessionInformationW",
      "WTSFreeMemory",
      "GetExtendedTcpTable",
    ]
  ) {
    assert.ok(r.functions.system.some((x) => x.endsWith(`: ${f}`)), `${f} checked`);
  }
  assert.ok(r.constants.guidsMingw.includes("FWPM_PROVIDER_IKEEXT"));
  assert.ok(r.constants.guidsSdkFile.includes("FWPM_LAYER_INBOUND_IPPACKET_V4"));
});

Deno.test("a wrong field offset fails the mingw and the fwpsim compile, naming struct, field and value", async () => {
  const r = await gen("neg-offset", { mutations: [parseMutation("FWPM_FILTER0.filterId=184")] });
  assert.deepEqual(await failuresOf(r, "oracle_mingw.c", "mingw"), [
    "FWPM_FILTER0.filterId: offset expected 184 [mingw-w64 headers]",
  ]);
  assert.ok(
    (await failuresOf(r, "oracle_sim.c", "gcc")).includes(
      "FWPM_FILTER0.filterId: offset expected 184 [fwpsim]",
    ),
  );
});

Deno.test("a wrong member size hidden in padding is caught (offsets and struct size stay right)", async () => {
  // FWPM_FILTER0.flags declared 8 bytes: the next member is at 40 anyway, so only the member-size check sees it
  const r = await gen("neg-size", { mutations: [parseMutation("FWPM_FILTER0.flags:size=8")] });
  assert.deepEqual(r.problems, [], "the mutated table is still self-consistent");
  assert.deepEqual(await failuresOf(r, "oracle_mingw.c", "mingw"), [
    "FWPM_FILTER0.flags: member size expected 8 [mingw-w64 headers]",
  ]);
  assert.ok(
    (await failuresOf(r, "oracle_sim.c", "gcc")).includes(
      "FWPM_FILTER0.flags: member size expected 8 [fwpsim]",
    ),
  );
});

Deno.test("a 64-bit value declared inline where the header has a pointer is caught (same size)", async () => {
  // the classic FWP_UINT64 weight mistake: FWP_VALUE0.uint64 is a UINT64*, not a UINT64
  const r = await gen("neg-kind", { mutations: [parseMutation("FWP_VALUE0.uint64:type=u64")] });
  assert.deepEqual(await failuresOf(r, "oracle_mingw.c", "mingw"), [
    "FWP_VALUE0.uint64: expected an unsigned integer member [mingw-w64 headers]",
  ]);
  assert.ok(
    (await failuresOf(r, "oracle_sim.c", "gcc")).includes(
      "FWP_VALUE0.uint64: expected an unsigned integer member [fwpsim]",
    ),
  );
});

Deno.test("a fwpsim member declared `unsigned long` (8 bytes on Linux, 4 under mingw) fails the Linux build", async () => {
  // the "naive simulator" mistake: the extra bytes land in padding, so only the member-size check sees it
  const src = await Deno.readTextFile(`${ROOT}/tests/support/fwpsim/fwpsim_types.h`);
  const planted = src.replace(
    /(typedef struct SIM_FWPM_FILTER0 \{[^}]*?)uint32_t flags;/,
    "$1unsigned long flags;",
  );
  assert.notEqual(planted, src, "the planted mistake applies to the current fwpsim header");
  await Deno.mkdir(`${OUT}/neg-sim`, { recursive: true });
  await Deno.writeTextFile(`${OUT}/neg-sim/fwpsim_types.h`, planted);
  const r = await gen("neg-sim", { simHeader: `${OUT}/neg-sim/fwpsim_types.h` });
  assert.deepEqual(
    await failuresOf(r, "oracle_sim.c", "gcc"),
    ["FWPM_FILTER0.flags: member size expected 4 [fwpsim]"],
  );
  assert.deepEqual(await failuresOf(r, "oracle_sim.c", "mingw"), [], "under mingw `long` is 4 bytes");
});

Deno.test("a wrong layout of an SDK-only struct is caught against the SDK transcription", async () => {
  const r = await gen("neg-sdk", {
    mutations: [
      parseMutation("IPSEC_TUNNEL_POLICY3.compartmentId=112"),
      parseMutation("IPSEC_TUNNEL_POLICY3:size=120"),
    ],
  });
  const got = await failuresOf(r, "oracle_sdk.c", "mingw");
  assert.ok(
    got.includes("IPSEC_TUNNEL_POLICY3.compartmentId: offset expected 112 [Windows SDK layout]"),
    got.join("\n"),
  );
  assert.ok(got.includes("IPSEC_TUNNEL_POLICY3: size expected 120 [Windows SDK layout]"), got.join("\n"));
});

Deno.test("a wrong enum value, flag bit or mingw GUID fails the constants compile", async () => {
  const r = await gen("neg-const", {
    constMutations: new Map([
      ["FWP_ACTION_PERMIT", "0x1003"],
      ["FWP_E_NULL_POINTER", "0x80320034"],
      ["FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT", "0x8"],
      ["FWPM_PROVIDER_IKEEXT", "10ad9216-ccde-456c-8b16-e9f04e60a90c"],
    ]),
  });
  // (the "(ffi/constants.ts WHERE)" part of each message is dropped for brevity)
  const got = (await failuresOf(r, "oracle_constants.c", "mingw")).map((m) => m.replace(/ \(ffi[^)]*\)/, ""));
  assert.deepEqual(got.sort(), [
    "FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT: expected 0x8 [SDK transcription]",
    "FWPM_PROVIDER_IKEEXT: GUID expected 10ad9216-ccde-456c-8b16-e9f04e60a90c [mingw-w64 headers]",
    "FWP_ACTION_PERMIT: expected 0x1003 [mingw-w64 headers]",
    "FWP_E_NULL_POINTER: expected 0x80320034 [mingw-w64 headers]",
  ]);
});

Deno.test("a dlopen signature that disagrees with the prototype fails (u32 for a UINT64, u64 for a pointer)", async () => {
  const r = await gen("neg-symbol", {
    symbolMutations: new Map([["FwpmFilterDeleteById0.2", "u32"], ["FwpmFilterAdd0.2", "u64"]]),
  });
  assert.deepEqual((await failuresOf(r, "oracle_functions.c", "mingw")).sort(), [
    'FwpmFilterAdd0 parameter 2 (filter): ffi/symbols.ts "u64" needs a 8-byte integer [mingw-w64 headers]',
    'FwpmFilterDeleteById0 parameter 2 (id): ffi/symbols.ts "u32" needs a 4-byte integer [mingw-w64 headers]',
  ]);
  assert.ok(
    (await failuresOf(r, "oracle_sim_functions.c", "gcc")).includes(
      'FwpmFilterDeleteById0 parameter 2 (id): ffi/symbols.ts "u32" needs a 4-byte integer [fwpsim]',
    ),
  );
});

Deno.test("a system DLL table (ffi/*.ts *_SYMBOLS) that disagrees with its prototype fails the same way", async () => {
  // GetSecurityInfo's SE_OBJECT_TYPE is an enum (4 bytes); CreateFileW returns a HANDLE (a pointer)
  const r = await gen("neg-system-symbol", {
    symbolMutations: new Map([["GetSecurityInfo.2", "u64"], ["CreateFileW.result", "u32"]]),
  });
  assert.deepEqual((await failuresOf(r, "oracle_functions.c", "mingw")).sort(), [
    'CreateFileW result: ffi/fileSecurity.ts FILE_KERNEL32_SYMBOLS "u32" needs a 4-byte integer [mingw-w64 headers]',
    'GetSecurityInfo parameter 2 (ObjectType): ffi/fileSecurity.ts FILE_ADVAPI32_SYMBOLS "u64" needs a ' +
    "8-byte integer [mingw-w64 headers]",
  ]);
});

Deno.test("a wrong GetAdaptersAddresses signature (ffi/adapters.ts) fails against iphlpapi.h", async () => {
  const r = await gen("neg-iphlpapi", {
    symbolMutations: new Map([["GetAdaptersAddresses.1", "u64"], ["GetAdaptersAddresses.4", "u32"]]),
  });
  assert.deepEqual(
    (await failuresOf(r, "oracle_functions.c", "mingw")).filter((f) => f.startsWith("GetAdaptersAddresses"))
      .sort(),
    [
      'GetAdaptersAddresses parameter 1 (Family): ffi/adapters.ts ADAPTER_IPHLPAPI_SYMBOLS "u64" needs a 8-byte integer ' +
      "[mingw-w64 headers]",
      'GetAdaptersAddresses parameter 4 (AdapterAddresses): ffi/adapters.ts ADAPTER_IPHLPAPI_SYMBOLS "u32" needs a ' +
      "4-byte integer [mingw-w64 headers]",
    ],
  );
});

Deno.test("a GUID mingw lacks is compared with the SDK transcription", async () => {
  const r = await gen("neg-sdkguid", {
    constMutations: new Map([["FWPM_LAYER_INBOUND_IPPACKET_V4", "c86fd1bf-21cd-497e-a0bb-17425c885c59"]]),
  });
  assert.deepEqual(r.problems.filter((p) => p.includes("IPPACKET")), [
    "FWPM_LAYER_INBOUND_IPPACKET_V4: constants.ts says c86fd1bf-21cd-497e-a0bb-17425c885c59 but the SDK " +
    "(um/fwpmu.h:24) says c86fd1bf-21cd-497e-a0bb-17425c885c58",
  ]);
});

Deno.test("the generator CLI plants a mutation and exits 1 with the named message", async () => {
  const out = `${OUT}/neg-cli`;
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      `${ROOT}/tests/oracle/gen.ts`,
      "--out",
      out,
      "--mutate",
      "FWPM_FILTER0.filterId=184",
      "--mutate-const",
      "FWP_ACTION_PERMIT=0x1003",
      "--compile",
      "--only",
      "oracle_mingw.c,oracle_constants.c",
    ],
    stdout: "piped",
    stderr: "piped",
  });
  const res = await cmd.output();
  const text = new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr);
  assert.equal(res.code, 1, text);
  assert.match(text, /FWPM_FILTER0\.filterId: offset expected 184 \[mingw-w64 headers\]/);
  assert.match(text, /FWP_ACTION_PERMIT: expected 0x1003/);
});

Deno.test("table self-checks reject overlapping or out-of-struct members", () => {
  const bad: StructLayout = {
    name: "T",
    size: 12,
    align: 8,
    source: "mingw",
    fields: [
      { name: "a", cPath: "a", offset: 0, size: 8, type: { kind: "prim", prim: "u64" } },
      { name: "b", cPath: "b", offset: 8, size: 8, type: { kind: "prim", prim: "u64" } },
    ],
  };
  const errs = checkTable(bad);
  assert.ok(errs.some((e) => e.includes("not a multiple of align")), errs.join("\n"));
  assert.ok(errs.some((e) => e.startsWith("T.b: [8, 16) lies outside the struct")), errs.join("\n"));
  const dangling: StructLayout = {
    name: "U",
    size: 16,
    align: 8,
    source: "mingw",
    fields: [{
      name: "items",
      cPath: "items",
      offset: 8,
      size: 8,
      type: { kind: "array", of: { kind: "guid" }, countField: "numItems" },
    }],
  };
  assert.deepEqual(checkTable(dangling), ["U.items: count field numItems is not an integer member of U"]);
  for (const t of Object.values(STRUCTS) as StructLayout[]) assert.deepEqual(checkTable(t), [], t.name);
});

Deno.test("mutation and SDK GUID lines parse strictly", () => {
  assert.deepEqual(parseMutation("FWPM_FILTER0.filterId=184"), {
    kind: "offset",
    struct: "FWPM_FILTER0",
    field: "filterId",
    value: 184,
  });
  assert.deepEqual(parseMutation("FWPM_FILTER0.flags:size=8").kind, "size");
  assert.deepEqual(parseMutation("FWPM_FILTER0:align=4").kind, "align");
  assert.throws(() => parseMutation("FWPM_FILTER0"), /bad --mutate/);
  const g = parseSdkGuids("# c\num/fwpmu.h:1 DEFINE_GUID(X, 0x1, 0x2, 0x3, 1, 2, 3, 4, 5, 6, 7, 8);\n");
  assert.deepEqual(g.get("X")?.fields, [1n, 2n, 3n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
  assert.throws(() => parseSdkGuids("um/fwpmu.h:1 DEFINE_GUID(X, 0x1, 0x2);"), /11/);
});

Deno.test("fwpsim member lists are read from the C header, nameless unions included", () => {
  const src = `
    /* x */ typedef struct SIM_T {
      uint32_t type; // tag
      union { uint8_t uint8; uint64_t *uint64; struct { uint32_t n; void *p; }; };
      uint8_t addr[16], prefix;
      union { int a; } named;
    } SIM_T;`;
  assert.deepEqual(parseCMembers(src, "SIM_T"), [
    "type",
    "uint8",
    "uint64",
    "n",
    "p",
    "addr",
    "prefix",
    "named",
  ]);
  assert.equal(parseCMembers(src, "SIM_MISSING"), undefined);
});
