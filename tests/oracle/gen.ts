/**
 * Layout and constants oracle generator.
 *
 * Reads the struct tables (`ffi/structs.ts`, format in `ffi/layout.ts`), `ffi/constants.ts` and the dlopen
 * table `ffi/symbols.ts`, and writes C files of `_Static_assert`s into `build/oracle/` (or `--out DIR`).
 * A compiler then checks them:
 *
 * - `oracle_mingw.c`     tables with `source: "mingw"` vs the mingw-w64 headers (x86_64-w64-mingw32-gcc);
 * - `oracle_sdk.c`       tables with `source: "sdk"` vs `tests/oracle/sdk_structs.h`, our transcription of
 *                        the Windows SDK headers, compiled by mingw gcc so the MS x64 ABI lays them out;
 * - `oracle_constants.c` every GUID / enum / flag / error value of constants.ts that mingw defines, and the
 *                        values mingw lacks against `tests/oracle/sdk_constants.h` (SDK transcription);
 * - `oracle_functions.c` every ffi/symbols.ts function vs its prototype (mingw-w64, or
 *                        `tests/oracle/sdk_functions.h`): arity, each parameter's and the result's kind;
 * - `oracle_sim.c`       every table vs fwpsim's `SIM_*` definitions (Linux gcc AND mingw gcc);
 * - `oracle_sim_functions.c` the same signature checks against fwpsim's `fwpsim_api.h` (both compilers);
 * - `sim_vs_mingw.c`     every `SIM_*` struct vs the header definition of the same name (mingw's, or the SDK
 *                        transcription where mingw lacks it or is known wrong), member by member (mingw gcc).
 *
 * Per struct: sizeof, _Alignof; per member: offsetof, member sizeof and member kind (integer of the right
 * signedness / pointer / float / inline struct / union), so a UINT64 stored inline where the header has a
 * UINT64* is caught although both are 8 bytes. Every assertion names struct, member and expected value, e.g.
 * `FWPM_FILTER0.filterId: offset expected 176 [mingw-w64 headers]`.
 * GUIDs that mingw lacks are compared here (in TS) with `tests/oracle/sdk_guids.txt`, a transcription of the
 * SDK's DEFINE_GUID lines. `build/oracle/report.md` and `manifest.json` summarise what was checked where.
 *
 * CLI: deno run --allow-read --allow-write --allow-run --allow-env tests/oracle/gen.ts [--out DIR]
 *        [--compile [--only file.c,...]]
 *        [--mutate Struct.field=OFFSET | Struct.field:size=N | Struct.field:type=u64 | Struct:size=N
 *                  | Struct:align=N]...
 *        [--mutate-const NAME=VALUE]... [--mutate-symbol Function.N=KIND | Function.result=KIND]...
 * `--mutate*` deliberately plants a wrong expectation (the oracle's own negative test).
 */
import type { Field, Prim, StructLayout } from "../../ffi/layout.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const ORACLE_DIR = `${ROOT}/tests/oracle`;
const SIM_DIR = `${ROOT}/tests/support/fwpsim`;
const SIM_HEADER = `${SIM_DIR}/fwpsim_types.h`;
const SDK_HEADER = `${ORACLE_DIR}/sdk_structs.h`;
const SDK_GUIDS = `${ORACLE_DIR}/sdk_guids.txt`;
const SDK_CONSTANTS = `${ORACLE_DIR}/sdk_constants.h`;
const SDK_FUNCTIONS = `${ORACLE_DIR}/sdk_functions.h`;
const SIM_API = `${SIM_DIR}/fwpsim_api.h`;

export const MINGW_CC = "x86_64-w64-mingw32-gcc";
/** Precompiled header of MINGW_PRELUDE: parsing <windows.h> dominates every mingw compile (~1 s each). */
const PCH_DIR = `${ROOT}/build/oracle/pch`;
const PRELUDE_INCLUDE =
  '#include "oracle_prelude.h" /* build/oracle/pch: winsock2, ws2tcpip, windows, ntstatus, nldef, sddl, aclapi, rpc, ' +
  "fwptypes, fwpmtypes, iketypes, ipsectypes, wtsapi32, iphlpapi (.h), precompiled */";
export const LINUX_CC = "gcc";

/** Headers every mingw-compiled oracle file starts with (winsock2 first, or windows.h pulls in winsock 1). */
const MINGW_PRELUDE = [
  "#include <winsock2.h>",
  "#include <ws2tcpip.h>",
  "#include <windows.h>",
  "#include <ntstatus.h>",
  "#include <nldef.h>",
  "#include <sddl.h>",
  "#include <aclapi.h>",
  "#include <rpc.h>",
  "#include <fwptypes.h>",
  "#include <fwpmtypes.h>",
  "#include <iketypes.h>",
  "#include <ipsectypes.h>",
  "#include <iphlpapi.h>", // IP_ADAPTER_ADDRESSES_LH and its lists (GetAdaptersAddresses, address keywords)
  "#include <wtsapi32.h>",
];

/**
 * Members where mingw-w64 10.0 knowingly differs from the Windows SDK. The mingw file asserts mingw's value
 * (so a header update is noticed) and the SDK transcription carries the table's value.
 */
export const MINGW_DEVIATIONS: readonly {
  struct: string;
  cPath: string;
  mingwSize: number;
  why: string;
}[] = [
  {
    struct: "FWPM_SUBLAYER0",
    cPath: "flags",
    mingwSize: 2,
    why:
      "mingw fwpmtypes.h:406 declares UINT16 flags; SDK shared/fwpmtypes.h:345 declares UINT32 (same offset)",
  },
];

/** Whole structs whose mingw-w64 definition differs from the SDK (fwpsim is compared with SDK_<name>). */
export const MINGW_STRUCT_DEVIATIONS: readonly { struct: string; why: string }[] = [
  {
    struct: "IPSEC_SA_DETAILS1",
    why: "mingw ipsectypes.h:558 declares virtualIfTunnelInfo as a pointer (216 bytes); the SDK " +
      "(shared/ipsectypes.h:805) embeds it by value (224 bytes)",
  },
];

/** constants.ts names that mingw spells differently (checked under the mingw name). */
export const MINGW_ALIASES: Readonly<Record<string, string>> = {
  FWPM_IPSEC_DOSP_CONTEXT: "FWPM_DOSP_CONTEXT",
};

// ---------------------------------------------------------------------------------------------------------
// options

export type Mutation =
  | { kind: "offset"; struct: string; field: string; value: number }
  | { kind: "size"; struct: string; field: string; value: number }
  | { kind: "type"; struct: string; field: string; prim: Prim }
  | { kind: "structSize"; struct: string; value: number }
  | { kind: "align"; struct: string; value: number };

export interface GenOptions {
  outDir: string;
  /** Path of the struct tables module (default ffi/structs.ts). */
  structsModule?: string;
  /** Path of the constants module (default ffi/constants.ts). */
  constantsModule?: string;
  /** fwpsim header (default tests/support/fwpsim/fwpsim_types.h); missing = sim files are not generated. */
  simHeader?: string;
  mutations?: Mutation[];
  /** Path of the dlopen symbol table module (default ffi/symbols.ts). */
  symbolsModule?: string;
  /** "Function.N" (1-based parameter) or "Function.result" -> replacement FFI kind. */
  symbolMutations?: Map<string, string>;
  /** NAME -> replacement value (number literal, or a GUID string for GUID constants). */
  constMutations?: Map<string, string>;
}

/** One generated C file and how it must be compiled. */
export interface Target {
  file: string;
  compilers: ("mingw" | "gcc")[];
  assertions: number;
  what: string;
}

export interface GenResult {
  outDir: string;
  targets: Target[];
  /** Problems found without a compiler (table inconsistencies, SDK GUID mismatches). Non-empty = failure. */
  problems: string[];
  /** Informational gaps (e.g. a table struct fwpsim does not define). */
  notes: string[];
  structs: {
    mingw: string[];
    sdk: string[];
    simMissing: string[];
    simOnlySizeChecked: string[];
    /** Header members (mostly unused union arms) that no table describes: not checked, not encodable. */
    notInTables: string[];
  };
  functions: {
    /** ffi/symbols.ts functions checked against the mingw-w64 prototypes. */
    mingw: string[];
    /** ... against tests/oracle/sdk_functions.h (mingw lacks them). */
    sdk: string[];
    /** ... against fwpsim's fwpsim_api.h. */
    sim: string[];
    /** The system DLL tables (`*_SYMBOLS` of ffi/*.ts) checked against mingw-w64: `table: function`. */
    system: string[];
  };
  constants: {
    mingwChecked: string[];
    guidsMingw: string[];
    guidsSdkFile: string[];
    /** Numeric values mingw lacks, checked against tests/oracle/sdk_constants.h. */
    sdkChecked: string[];
    /** Numeric values checked against nothing (neither mingw nor a transcription). */
    sdkOnly: string[];
  };
}

export function parseMutation(spec: string): Mutation {
  let m = spec.match(/^(\w+)\.([\w.[\]]+):type=(u8|u16|u32|u64|i8|i16|i32|i64|f32|f64)$/);
  if (m) return { kind: "type", struct: m[1], field: m[2], prim: m[3] as Prim };
  m = spec.match(/^(\w+)\.([\w.[\]]+):size=(\d+)$/);
  if (m) return { kind: "size", struct: m[1], field: m[2], value: Number(m[3]) };
  m = spec.match(/^(\w+)\.([\w.[\]]+)=(\d+)$/);
  if (m) return { kind: "offset", struct: m[1], field: m[2], value: Number(m[3]) };
  m = spec.match(/^(\w+):(size|align)=(\d+)$/);
  if (m) return { kind: m[2] === "size" ? "structSize" : "align", struct: m[1], value: Number(m[3]) };
  throw new Error(
    `bad --mutate '${spec}': use Struct.field=OFFSET, Struct.field:size=N, Struct.field:type=PRIM, ` +
      `Struct:size=N or Struct:align=N`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// tables

function isStructLayout(v: unknown): v is StructLayout {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.name === "string" && typeof o.size === "number" && typeof o.align === "number" &&
    (o.source === "mingw" || o.source === "sdk") && Array.isArray(o.fields);
}

/** Every StructLayout exported by the module, however it is grouped (array, record, single export). */
export function collectStructs(mod: Record<string, unknown>): StructLayout[] {
  const found = new Map<string, StructLayout>();
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 3 || typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (isStructLayout(v)) {
      const prev = found.get(v.name);
      if (prev && prev !== v && JSON.stringify(prev) !== JSON.stringify(v)) {
        throw new Error(`two different tables named ${v.name}`);
      }
      found.set(v.name, v);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  for (const v of Object.values(mod)) visit(v, 0);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A member that has a C designator, with the union nesting it sits in. */
interface Leaf {
  field: Field;
  cPath: string;
}

/** Every member with a C path: plain fields, named unions, and the members of every union arm. */
export function leaves(fields: readonly Field[]): Leaf[] {
  const out: Leaf[] = [];
  for (const f of fields) {
    if (f.cPath !== null) out.push({ field: f, cPath: f.cPath });
    if (f.type.kind === "union") {
      for (const arm of f.type.arms) out.push(...leaves(arm.fields));
    }
  }
  return out;
}

/** Checks a table can be right at all, before any compiler looks at it. */
export function checkTable(s: StructLayout): string[] {
  const errs: string[] = [];
  if (s.align < 1 || (s.align & (s.align - 1)) !== 0) {
    errs.push(`${s.name}: align ${s.align} is not a power of 2`);
  }
  if (s.size % s.align !== 0) errs.push(`${s.name}: size ${s.size} is not a multiple of align ${s.align}`);
  const walk = (fields: readonly Field[], lo: number, hi: number, where: string) => {
    for (const f of fields) {
      const label = `${s.name}.${f.cPath ?? f.name}`;
      if (f.offset < lo || f.offset + f.size > hi) {
        errs.push(`${label}: [${f.offset}, ${f.offset + f.size}) lies outside ${where} [${lo}, ${hi})`);
      }
      if (f.type.kind === "union") {
        for (const arm of f.type.arms) {
          for (const af of arm.fields) {
            if (af.offset < f.offset) errs.push(`${s.name}.${af.cPath ?? af.name}: starts before its union`);
          }
          walk(arm.fields, f.offset, f.offset + f.size, `union ${f.name}`);
        }
      }
    }
  };
  walk(s.fields, 0, s.size, "the struct");
  // count fields and union discriminants must name an integer sibling member
  const names = new Map<string, Field>();
  const collect = (fields: readonly Field[]) => {
    for (const f of fields) {
      names.set(f.name, f);
      if (f.type.kind === "union") { for (const a of f.type.arms) collect(a.fields); }
    }
  };
  collect(s.fields);
  const isInt = (f: Field | undefined) => f?.type.kind === "prim" && !f.type.prim.startsWith("f");
  const refs = (fields: readonly Field[]) => {
    for (const f of fields) {
      const t = f.type;
      if (t.kind === "array" && !isInt(names.get(t.countField))) {
        errs.push(`${s.name}.${f.name}: count field ${t.countField} is not an integer member of ${s.name}`);
      }
      if (t.kind === "union") {
        if (!isInt(names.get(t.discriminant))) {
          errs.push(
            `${s.name}.${f.name}: discriminant ${t.discriminant} is not an integer member of ${s.name}`,
          );
        }
        for (const a of t.arms) refs(a.fields);
      }
    }
  };
  refs(s.fields);
  const seen = new Set<string>();
  for (const l of leaves(s.fields)) {
    if (seen.has(l.cPath)) errs.push(`${s.name}.${l.cPath}: listed twice`);
    seen.add(l.cPath);
  }
  return errs;
}

function applyMutations(tables: StructLayout[], muts: Mutation[]): StructLayout[] {
  const out = structuredClone(tables) as StructLayout[];
  for (const m of muts) {
    const s = out.find((t) => t.name === m.struct);
    if (!s) throw new Error(`--mutate: no table named ${m.struct}`);
    if (m.kind === "structSize" || m.kind === "align") {
      if (m.kind === "structSize") (s as { size: number }).size = m.value;
      else (s as { align: number }).align = m.value;
      continue;
    }
    const field = m.field;
    const leaf = leaves(s.fields).find((l) => l.cPath === field || l.field.name === field);
    if (!leaf) throw new Error(`--mutate: ${m.struct} has no member ${field}`);
    if (m.kind === "type") (leaf.field as { type: Field["type"] }).type = { kind: "prim", prim: m.prim };
    else if (m.kind === "offset") (leaf.field as { offset: number }).offset = m.value;
    else (leaf.field as { size: number }).size = m.value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// C emission

function cStr(s: string): string {
  return JSON.stringify(s); // a valid C string literal for the ASCII text we emit
}

function assertLine(expr: string, msg: string): string {
  return `_Static_assert(${expr}, ${cStr(msg)});`;
}

/** size/align/offset/member-size assertions of one table against the C type `cType`. */
function layoutAsserts(
  s: StructLayout,
  cType: string,
  tag: string,
  nestedType: (name: string) => string | undefined,
  deviation?: (cPath: string) => { mingwSize: number; why: string } | undefined,
): string[] {
  const out: string[] = [`/* ${s.name} (${s.source}) as ${cType} */`];
  out.push(assertLine(`sizeof(${cType}) == ${s.size}`, `${s.name}: size expected ${s.size} [${tag}]`));
  out.push(assertLine(`_Alignof(${cType}) == ${s.align}`, `${s.name}: align expected ${s.align} [${tag}]`));
  for (const { field, cPath } of leaves(s.fields)) {
    const member = `((${cType}*)0)->${cPath}`;
    out.push(
      assertLine(
        `offsetof(${cType}, ${cPath}) == ${field.offset}`,
        `${s.name}.${cPath}: offset expected ${field.offset} [${tag}]`,
      ),
    );
    const dev = deviation?.(cPath);
    if (dev) {
      out.push(
        `/* known mingw deviation: ${dev.why}; the table's ${field.size} is checked in oracle_sdk.c */`,
      );
      out.push(
        assertLine(
          `sizeof(${member}) == ${dev.mingwSize}`,
          `${s.name}.${cPath}: member size expected ${dev.mingwSize} in mingw-w64 (known deviation) [${tag}]`,
        ),
      );
    } else {
      out.push(
        assertLine(
          `sizeof(${member}) == ${field.size}`,
          `${s.name}.${cPath}: member size expected ${field.size} [${tag}]`,
        ),
      );
    }
    const kind = kindAssert(field.type, member);
    if (kind) out.push(assertLine(kind.expr, `${s.name}.${cPath}: expected ${kind.desc} [${tag}]`));
    if (field.type.kind === "struct") {
      const t = nestedType(field.type.struct);
      if (t) {
        out.push(
          assertLine(
            `_Generic(${member}, ${t}: 1, default: 0)`,
            `${s.name}.${cPath}: type expected ${field.type.struct} [${tag}]`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * What kind of C member the table's type implies, checked with GCC's `__builtin_classify_type` (1 integer or
 * enum, 5 pointer, 8 floating, 12 struct, 13 union) and, for integers, signedness via `__typeof__`. This catches
 * a value stored inline where the header has a pointer (FWP_VALUE0.uint64) even though both are 8 bytes.
 */
function kindAssert(t: Field["type"], member: string): { expr: string; desc: string } | undefined {
  const cls = `__builtin_classify_type(${member})`;
  switch (t.kind) {
    case "prim": {
      if (t.prim === "f32" || t.prim === "f64") {
        return { expr: `${cls} == 8`, desc: "a floating-point member" };
      }
      const signed = t.prim.startsWith("i");
      return {
        expr: `(${cls} == 1 || ${cls} == 3) && (((__typeof__(${member}))-1 < 0) == ${signed ? 1 : 0})`,
        desc: `an ${signed ? "signed" : "unsigned"} integer member`,
      };
    }
    case "ptr":
    case "array":
    case "wstr":
    case "cstr":
    case "sid":
      return { expr: `${cls} == 5`, desc: "a pointer member" };
    case "guid":
    case "blob":
    case "struct":
      return { expr: `${cls} == 12`, desc: "a struct member stored inline" };
    case "inline":
      if (t.of !== "u8") return undefined;
      // a byte-array struct (FWP_BYTE_ARRAY16 cgaModifier) has the same bytes and alignment 1
      return {
        expr: `_Generic(&${member}, unsigned char (*)[${t.length}]: 1, default: 0) || ` +
          `(${cls} == 12 && _Alignof(__typeof__(${member})) == 1)`,
        desc: `an inline UINT8[${t.length}] array (or a byte-array struct)`,
      };
    case "union":
      return { expr: `${cls} == 13`, desc: "a union member" };
  }
}

function countAsserts(src: string): number {
  return src.split("\n").filter((l) => l.startsWith("_Static_assert(")).length;
}

// ---------------------------------------------------------------------------------------------------------
// constants

type ConstKind = "number" | "guid";
interface Const {
  name: string;
  where: string;
  kind: ConstKind;
  /** number: decimal/hex text of a bigint; guid: canonical lowercase string. */
  value: bigint | string;
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every named GUID / number in the constants module (functions skipped; ERRORS entries by `.code`). */
export function collectConstants(mod: Record<string, unknown>): Const[] {
  const out = new Map<string, Const>();
  const add = (c: Const) => {
    const prev = out.get(c.name);
    if (prev && prev.value !== c.value) throw new Error(`constant ${c.name} has two values in constants.ts`);
    if (!prev) out.set(c.name, c);
  };
  const visit = (v: unknown, key: string, where: string, depth: number) => {
    if (depth > 4) return;
    if (typeof v === "string" && GUID_RE.test(v) && NAME_RE.test(key)) {
      add({ name: key, where, kind: "guid", value: v.toLowerCase() });
    } else if ((typeof v === "number" || typeof v === "bigint") && NAME_RE.test(key)) {
      add({ name: key, where, kind: "number", value: BigInt(v) });
    } else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.code === "number" && typeof o.message === "string" && NAME_RE.test(key)) {
        add({ name: key, where, kind: "number", value: BigInt(o.code) });
        return;
      }
      for (const [k, x] of Object.entries(o)) visit(x, k, where ? `${where}.${key}` : key, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(mod)) {
    if (k === "GUID_GROUPS" || typeof v === "function") continue; // GUID_GROUPS repeats the GUID tables
    if (typeof v === "object" && v !== null) {
      for (const [k2, x] of Object.entries(v as Record<string, unknown>)) visit(x, k2, k, 1);
    }
  }
  return [...out.values()];
}

function guidFields(g: string): bigint[] {
  const h = g.replace(/-/g, "");
  const f = [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16)];
  for (let i = 16; i < 32; i += 2) f.push(h.slice(i, i + 2));
  return f.map((x) => BigInt("0x" + x));
}

function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** Parses sdk_guids.txt: name -> {fields, source}. */
export function parseSdkGuids(text: string): Map<string, { fields: bigint[]; source: string }> {
  const out = new Map<string, { fields: bigint[]; source: string }>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(/^(\S+:\d+)\s+DEFINE_GUID\(\s*(\w+)\s*,([^)]*)\)\s*;?$/);
    if (!m) throw new Error(`sdk_guids.txt: cannot parse line: ${line}`);
    const fields = m[3].split(",").map((x) => BigInt(x.trim()));
    if (fields.length !== 11) throw new Error(`sdk_guids.txt: ${m[2]} has ${fields.length} fields, not 11`);
    out.set(m[2], { fields, source: m[1] });
  }
  return out;
}

/** What the mingw-w64 headers declare, read from one preprocessor run (`-E -dD`) over the oracle prelude. */
interface MingwSymbols {
  macros: Set<string>;
  enumerators: Set<string>;
  /** GUIDs defined through fwpmu.h's DEFINE_GUID (their fields are available as constant expressions). */
  hookedGuids: Set<string>;
  /** Any `const GUID name;` declaration. */
  guids: Set<string>;
  typedefs: Set<string>;
  /** The preprocessed declarations, to read struct member lists from. */
  code: string;
}

let symbolsCache: Promise<MingwSymbols> | undefined;

/**
 * Preprocesses the headers once and collects macro, enumerator, GUID and typedef names. (Probing each name by
 * compiling is exact too, but gcc's "did you mean" search makes a probe with 100 unknown names take 20 s.)
 * A name found here that the compiler then rejects still fails the oracle compile loudly.
 */
export function mingwSymbols(outDir: string): Promise<MingwSymbols> {
  symbolsCache ??= (async () => {
    const file = `${outDir}/probe_mingw.c`;
    await Deno.writeTextFile(file, [...MINGW_PRELUDE, GUID_HOOK, "#include <fwpmu.h>", ""].join("\n"));
    const r = await new Deno.Command(MINGW_CC, {
      args: ["-std=c11", "-E", "-dD", file],
      stdout: "piped",
      stderr: "piped",
      env: { LC_ALL: "C" },
    }).output();
    if (!r.success) throw new Error(`mingw preprocessing failed:\n${new TextDecoder().decode(r.stderr)}`);
    const text = new TextDecoder().decode(r.stdout);
    const macros = new Set<string>();
    const code: string[] = [];
    for (const line of text.split("\n")) {
      let m = line.match(/^#define (\w+)(?=[\s(]|$)/);
      if (m) {
        macros.add(m[1]);
        continue;
      }
      m = line.match(/^#undef (\w+)/);
      if (m) {
        macros.delete(m[1]);
        continue;
      }
      if (!line.startsWith("#")) code.push(line);
    }
    const src = code.join("\n");
    const enumerators = new Set<string>();
    for (const m of src.matchAll(/\benum\s*\w*\s*\{([^}]*)\}/g)) {
      for (const e of m[1].split(",")) {
        const n = e.trim().match(/^(\w+)/);
        if (n) enumerators.add(n[1]);
      }
    }
    const hookedGuids = new Set<string>();
    for (const e of enumerators) if (e.startsWith("oracle_guid_d2_")) hookedGuids.add(e.slice(15));
    const guids = new Set(
      [...src.matchAll(/\bconst\s+GUID\s+(?:__attribute__\s*\(\([^)]*\)\)\s*)?(\w+)\s*[;=]/g)].map((m) =>
        m[1]
      ),
    );
    const typedefs = new Set<string>();
    for (const m of src.matchAll(/\}\s*(\w+)\s*[;,]/g)) typedefs.add(m[1]);
    for (const m of src.matchAll(/\btypedef\s+[^;{}]*?\b(\w+)\s*;/g)) typedefs.add(m[1]);
    return { macros, enumerators, hookedGuids, guids, typedefs, code: src };
  })();
  return symbolsCache;
}

/**
 * Redefines DEFINE_GUID for fwpmu.h so each GUID also yields enum constants of its fields, which
 * `_Static_assert` can compare (a `const GUID` object is not a constant expression in C).
 */
const GUID_HOOK = `#undef DEFINE_GUID
#define DEFINE_GUID(n, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \\
  extern const GUID n; \\
  enum { oracle_guid_d1hi_##n = (int)(((l) >> 16) & 0xffff), oracle_guid_d1lo_##n = (int)((l) & 0xffff), \\
    oracle_guid_d2_##n = (w1), oracle_guid_d3_##n = (w2), oracle_guid_b0_##n = (b1), oracle_guid_b1_##n = (b2), \\
    oracle_guid_b2_##n = (b3), oracle_guid_b3_##n = (b4), oracle_guid_b4_##n = (b5), oracle_guid_b5_##n = (b6), \\
    oracle_guid_b6_##n = (b7), oracle_guid_b7_##n = (b8) }`;

function guidAssert(cName: string, name: string, g: string, where: string): string {
  const f = guidFields(g);
  const parts = [
    `oracle_guid_d1hi_${cName} == ${hex(f[0] >> 16n)}`,
    `oracle_guid_d1lo_${cName} == ${hex(f[0] & 0xffffn)}`,
    `oracle_guid_d2_${cName} == ${hex(f[1])}`,
    `oracle_guid_d3_${cName} == ${hex(f[2])}`,
    ...f.slice(3).map((b, i) => `oracle_guid_b${i}_${cName} == ${hex(b)}`),
  ];
  return assertLine(
    parts.join(" && "),
    `${name}: GUID expected ${g} (ffi/constants.ts ${where}) [mingw-w64 headers]`,
  );
}

function numberAssert(cName: string, c: Const, hresultOfWin32: boolean, tag = "mingw-w64 headers"): string {
  const v = c.value as bigint;
  const alias = cName !== c.name && cName !== `SDK_${c.name}` ? ` as mingw's ${cName}` : "";
  const msg = `${c.name}: expected ${hex(v)} (ffi/constants.ts ${c.where})${alias}${
    hresultOfWin32 ? " as HRESULT_FROM_WIN32" : ""
  } [${tag}]`;
  const expr = hresultOfWin32 ? `__HRESULT_FROM_WIN32(${cName})` : `(${cName})`;
  if (v >= 0n && v <= 0xffffffffn) {
    // 32-bit values may be declared signed (HRESULT, LONG): accept the same 32 bits either way.
    const signed = v >= 0x80000000n ? v - 0x100000000n : v;
    return assertLine(
      `(long long)${expr} == ${hex(v)}LL || (long long)${expr} == ${hex(signed)}LL`,
      msg,
    );
  }
  return assertLine(`(unsigned long long)${expr} == ${hex(BigInt.asUintN(64, v))}ULL`, msg);
}

// ---------------------------------------------------------------------------------------------------------
// function signatures

/** One entry of the Deno.dlopen symbol table. */
interface FfiSymbol {
  parameters: string[];
  result: string;
}

/** A C prototype: return type and parameter types (names kept for messages). */
export interface Prototype {
  ret: string;
  params: { type: string; name: string }[];
}

const QUALIFIERS = new Set(["", "const", "volatile", "unsigned", "signed", "struct", "enum", "union"]);

/** Every `RET NAME(PARAMS);` declaration in C source (attributes and WINAPI dropped; no function pointers). */
export function parsePrototypes(source: string): Map<string, Prototype> {
  const text = stripC(source).replace(/__attribute__\s*\(\([^()]*(?:\([^()]*\)[^()]*)*\)\)/g, " ")
    .replace(/\b(WINAPI|__stdcall|CALLBACK)\b/g, " ");
  const out = new Map<string, Prototype>();
  for (const m of text.matchAll(/\b(\w+)\s+(\w+)\s*\(([^;{}()]*)\)\s*;/g)) {
    const list = m[3].trim();
    const params = list === "" || list === "void" ? [] : list.split(",").map((p) => {
      const t = p.trim().replace(/\s+/g, " ");
      const pm = t.match(/^(.*?[\s*])(\w+)$/);
      return pm && !QUALIFIERS.has(pm[1].trim())
        ? { type: pm[1].trim(), name: pm[2] }
        : { type: t, name: "" };
    });
    if (!out.has(m[2])) out.set(m[2], { ret: m[1], params });
  }
  return out;
}

/** What a Deno FFI kind requires of the C type in that position. */
function kindCheck(kind: string, type: string): { expr: string; desc: string } | undefined {
  const cls = `__builtin_classify_type((${type})0)`;
  const ints: Record<string, number> = {
    u8: 1,
    i8: 1,
    u16: 2,
    i16: 2,
    u32: 4,
    i32: 4,
    u64: 8,
    i64: 8,
    usize: 8,
    isize: 8,
  };
  if (kind === "pointer" || kind === "buffer" || kind === "function") {
    return { expr: `${cls} == 5`, desc: "a pointer" };
  }
  if (kind in ints) {
    // 1: integer, 3: enumeration (SE_OBJECT_TYPE and other enum parameters pass as integers)
    return {
      expr: `(${cls} == 1 || ${cls} == 3) && sizeof(${type}) == ${ints[kind]}`,
      desc: `a ${ints[kind]}-byte integer`,
    };
  }
  if (kind === "f32" || kind === "f64") {
    const n = kind === "f32" ? 4 : 8;
    return { expr: `${cls} == 8 && sizeof(${type}) == ${n}`, desc: `a ${n}-byte float` };
  }
  if (kind === "void") return { expr: `__builtin_types_compatible_p(${type}, void)`, desc: "void" };
  return undefined;
}

/** Arity (via a call with the declared parameter types), each parameter's kind and the result kind. */
function signatureAsserts(
  fn: string,
  callee: string,
  proto: Prototype,
  s: FfiSymbol,
  tag: string,
  problems: string[],
  id = fn,
  origin = "ffi/symbols.ts",
): string[] {
  const out = [`/* ${fn} */`];
  if (proto.params.length !== s.parameters.length) {
    problems.push(
      `${fn}: ${origin} declares ${s.parameters.length} parameters, the ${tag} prototype has ` +
        `${proto.params.length}`,
    );
    return out;
  }
  // the call proves the parsed parameter list is the declared one (a misparse fails to compile)
  out.push(
    `static inline void oracle_call_${id}(void) { (void)${callee}(${
      proto.params.map((p) => `(${p.type})0`).join(", ")
    }); }`,
  );
  proto.params.forEach((p, i) => {
    const k = kindCheck(s.parameters[i], p.type);
    if (!k) return problems.push(`${fn}: unknown FFI kind "${s.parameters[i]}"`);
    out.push(
      assertLine(
        k.expr,
        `${fn} parameter ${i + 1} (${p.name || p.type}): ${origin} "${
          s.parameters[i]
        }" needs ${k.desc} [${tag}]`,
      ),
    );
  });
  const r = kindCheck(s.result, proto.ret);
  if (!r) problems.push(`${fn}: unknown FFI result kind "${s.result}"`);
  else out.push(assertLine(r.expr, `${fn} result: ${origin} "${s.result}" needs ${r.desc} [${tag}]`));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// compilers

export interface CompileResult {
  ok: boolean;
  output: string;
  /** The texts of the failed static assertions. */
  failures: string[];
}

let pchReady: Promise<void> | undefined;

/**
 * Writes build/oracle/pch/oracle_prelude.h and precompiles it once per process (reused across processes while
 * the header text is unchanged). gcc silently parses the plain header if the .gch does not fit, so a stale or
 * missing .gch costs time, never correctness.
 */
function ensurePch(): Promise<void> {
  pchReady ??= (async () => {
    await Deno.mkdir(PCH_DIR, { recursive: true });
    const h = `${PCH_DIR}/oracle_prelude.h`;
    const text = ["/* GENERATED by tests/oracle/gen.ts */", ...MINGW_PRELUDE, "#include <stddef.h>", ""].join(
      "\n",
    );
    let same = false;
    try {
      same = (await Deno.readTextFile(h)) === text && (await Deno.stat(`${h}.gch`)).isFile;
    } catch { /* first run */ }
    if (same) return;
    await Deno.writeTextFile(h, text);
    const r = await new Deno.Command(MINGW_CC, {
      args: ["-std=c11", "-Wall", "-Werror", "-x", "c-header", h, "-o", `${h}.gch.tmp`],
      stdout: "piped",
      stderr: "piped",
      env: { LC_ALL: "C" },
    }).output();
    if (!r.success) throw new Error(`precompiling ${h} failed:\n${new TextDecoder().decode(r.stderr)}`);
    await Deno.rename(`${h}.gch.tmp`, `${h}.gch`);
  })();
  return pchReady;
}

export async function runCompiler(cc: "mingw" | "gcc", file: string): Promise<CompileResult> {
  const exe = cc === "mingw" ? MINGW_CC : LINUX_CC;
  if (cc === "mingw") await ensurePch();
  const args = [
    "-std=c11",
    "-fsyntax-only",
    "-Werror",
    "-Wall",
    "-I",
    PCH_DIR,
    "-I",
    ORACLE_DIR,
    "-I",
    SIM_DIR,
    file,
  ];
  const r = await new Deno.Command(exe, { args, stdout: "piped", stderr: "piped", env: { LC_ALL: "C" } })
    .output();
  const output = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  const failures = [...output.matchAll(/static assertion failed: "((?:[^"\\]|\\.)*)"/g)].map((m) =>
    m[1].replace(/\\(.)/g, "$1")
  );
  return { ok: r.success, output, failures };
}

// ---------------------------------------------------------------------------------------------------------
// generation

async function exists(p: string): Promise<boolean> {
  try {
    await Deno.stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The member designators of `struct <name> { ... }` in C source: plain members by name, and the members of
 * nameless unions/structs (reachable directly, as in the Windows headers). Enough C for hand-written headers.
 */
export function parseCMembers(source: string, name: string): string[] | undefined {
  const text = stripC(source);
  const head = new RegExp(`\\bstruct\\s+${name}\\s*\\{`).exec(text);
  if (!head) return undefined;
  const open = head.index + head[0].length - 1;
  const close = matchBrace(text, open);
  return membersOf(text.slice(open + 1, close));
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  throw new Error("unbalanced braces");
}

/** Members of the struct whose typedef name is `name` (`typedef struct X_ { ... } name;`). */
export function parseTypedefMembers(source: string, name: string): string[] | undefined {
  const text = stripC(source);
  const end = new RegExp(`\\}\\s*${name}\\s*[;,]`).exec(text);
  if (!end) return undefined;
  let depth = 0;
  for (let i = end.index; i >= 0; i--) {
    if (text[i] === "}") depth++;
    else if (text[i] === "{" && --depth === 0) return membersOf(text.slice(i + 1, end.index));
  }
  return undefined;
}

/** Drops comments and GCC's `__extension__` (mingw's __C89_NAMELESS before nameless unions). */
const stripped = new Map<string, string>();

function stripC(source: string): string {
  let s = stripped.get(source);
  if (s === undefined) {
    s = stripUncached(source);
    if (stripped.size > 8) stripped.clear();
    stripped.set(source, s);
  }
  return s;
}

function stripUncached(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ").replace(
    /\b__extension__\b/g,
    " ",
  );
}

function membersOf(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    // one declaration: up to the next ';' at depth 0
    let j = i;
    let depth = 0;
    while (j < body.length && !(body[j] === ";" && depth === 0)) {
      if (body[j] === "{") depth++;
      else if (body[j] === "}") depth--;
      j++;
    }
    const decl = body.slice(i, j).trim();
    i = j + 1;
    if (!decl) continue;
    const brace = decl.indexOf("{");
    if (brace >= 0 && /^(union|struct)\b/.test(decl)) {
      const close = matchBrace(decl, brace);
      const tail = decl.slice(close + 1).trim();
      if (!tail) out.push(...membersOf(decl.slice(brace + 1, close)));
      else out.push(...tail.split(",").map(declName).filter((n): n is string => !!n));
      continue;
    }
    const parts = decl.split(",");
    for (const p of parts) {
      const n = declName(p);
      if (n) out.push(n);
    }
  }
  return out;
}

function declName(declarator: string): string | undefined {
  const m = declarator.replace(/\[[^\]]*\]/g, "").trim().match(/(\w+)\s*$/);
  return m?.[1];
}

/** Typedef names `SIM_X` declared in the fwpsim header ("} SIM_X;" or "typedef ... SIM_X;"). */
function simTypedefs(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\}\s*(SIM_\w+)\s*[;,]/g)) out.add(m[1]);
  for (const m of text.matchAll(/typedef\s+[\w\s*]+?\b(SIM_\w+)\s*;/g)) out.add(m[1]);
  return out;
}

export async function generate(opts: GenOptions): Promise<GenResult> {
  const outDir = opts.outDir;
  await Deno.mkdir(outDir, { recursive: true });
  await ensurePch(); // the generated mingw files include build/oracle/pch/oracle_prelude.h
  const structsPath = opts.structsModule ?? `${ROOT}/ffi/structs.ts`;
  const constantsPath = opts.constantsModule ?? `${ROOT}/ffi/constants.ts`;
  const simHeader = opts.simHeader ?? SIM_HEADER;
  if (!(await exists(structsPath))) throw new Error(`struct tables not found: ${structsPath}`);

  const structsMod = await import(new URL(`file://${structsPath}`).href) as Record<string, unknown>;
  const constMod = await import(new URL(`file://${constantsPath}`).href) as Record<string, unknown>;
  const tables = applyMutations(collectStructs(structsMod), opts.mutations ?? []);
  if (tables.length === 0) throw new Error(`${structsPath} exports no StructLayout tables`);

  const problems: string[] = [];
  const notes: string[] = [];
  for (const t of tables) problems.push(...checkTable(t));

  const sdkText = await Deno.readTextFile(SDK_HEADER);
  const sdkDefined = new Set([...sdkText.matchAll(/\}\s*SDK_(\w+)\s*;/g)].map((m) => m[1]));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const mingwTables = tables.filter((t) => t.source === "mingw");
  const sdkTables = tables.filter((t) => t.source === "sdk");
  for (const t of sdkTables) {
    if (!sdkDefined.has(t.name)) {
      problems.push(`${t.name}: table says source "sdk" but tests/oracle/sdk_structs.h has no SDK_${t.name}`);
    }
  }
  for (const d of [...MINGW_DEVIATIONS, ...MINGW_STRUCT_DEVIATIONS]) {
    if (byName.has(d.struct) && !sdkDefined.has(d.struct)) {
      problems.push(`${d.struct}: known mingw deviation needs SDK_${d.struct} in tests/oracle/sdk_structs.h`);
    }
  }

  const targets: Target[] = [];
  const write = async (file: string, lines: string[], compilers: Target["compilers"], what: string) => {
    const src = lines.join("\n") + "\n";
    await Deno.writeTextFile(`${outDir}/${file}`, src);
    targets.push({ file, compilers, assertions: countAsserts(src), what });
  };
  const banner = (what: string) => [
    `/* GENERATED by tests/oracle/gen.ts from ffi/structs.ts and ffi/constants.ts. Do not edit. */`,
    `/* ${what} */`,
  ];

  // (a) mingw-defined structs against the mingw headers
  {
    const lines = [
      ...banner('struct tables with source "mingw" vs the mingw-w64 headers (MS x64 ABI)'),
      PRELUDE_INCLUDE,
      "#include <fwpmu.h>",
      "#include <stddef.h>",
      "",
    ];
    for (const t of mingwTables) {
      if (MINGW_STRUCT_DEVIATIONS.some((d) => d.struct === t.name)) {
        lines.push(`/* ${t.name}: mingw-w64's definition is known wrong; checked in oracle_sdk.c instead */`);
        continue;
      }
      const dev = (cPath: string) => MINGW_DEVIATIONS.find((d) => d.struct === t.name && d.cPath === cPath);
      lines.push(
        ...layoutAsserts(
          t,
          t.name,
          "mingw-w64 headers",
          (n) => byName.get(n)?.source === "mingw" ? n : undefined,
          dev,
        ),
      );
    }
    await write("oracle_mingw.c", lines, ["mingw"], "tables (source mingw) vs mingw-w64 headers");
  }

  // (b) SDK-only structs (and the deviation structs) against our SDK transcription, laid out by mingw gcc
  {
    const lines = [
      ...banner("struct tables vs tests/oracle/sdk_structs.h (Windows SDK transcription; not in mingw-w64)"),
      PRELUDE_INCLUDE,
      "#include <fwpmu.h>",
      "#include <stddef.h>",
      '#include "sdk_structs.h"',
      "",
    ];
    const list = tables.filter((t) =>
      sdkDefined.has(t.name) &&
      (t.source === "sdk" || MINGW_DEVIATIONS.some((d) => d.struct === t.name) ||
        MINGW_STRUCT_DEVIATIONS.some((d) => d.struct === t.name))
    );
    for (const t of list) {
      lines.push(
        ...layoutAsserts(
          t,
          `SDK_${t.name}`,
          "Windows SDK layout",
          (n) =>
            sdkDefined.has(n) && byName.get(n)?.source === "sdk" ? `SDK_${n}` : byName.has(n) ? n : undefined,
        ),
      );
    }
    await write("oracle_sdk.c", lines, ["mingw"], "tables (source sdk) vs the documented SDK layout");
  }

  // (d) constants
  const consts = collectConstants(constMod);
  for (const [name, value] of opts.constMutations ?? []) {
    const c = consts.find((x) => x.name === name);
    if (!c) throw new Error(`--mutate-const: constants.ts has no ${name}`);
    c.value = c.kind === "guid" ? value.toLowerCase() : BigInt(value);
  }
  const numbers = consts.filter((c) => c.kind === "number");
  const guids = consts.filter((c) => c.kind === "guid");
  const cNameOf = (n: string) => MINGW_ALIASES[n] ?? n;
  const sym = await mingwSymbols(outDir);
  const mingwDefines = (n: string) => sym.macros.has(n) || sym.enumerators.has(n);
  const mingwChecked: string[] = [];
  const guidsMingw: string[] = [];
  const guidsSdkFile: string[] = [];
  const sdkChecked: string[] = [];
  const sdkOnly: string[] = [];
  const sdkConstNames = new Set(
    [...(await Deno.readTextFile(SDK_CONSTANTS)).matchAll(/\b(SDK_\w+)\s*(?:=|\()|#define\s+(SDK_\w+)/g)]
      .map((m) => m[1] ?? m[2]),
  );
  {
    const lines = [
      ...banner("ffi/constants.ts values vs the mingw-w64 headers (only names mingw defines)"),
      PRELUDE_INCLUDE,
      GUID_HOOK,
      "#include <fwpmu.h>",
      '#include "sdk_constants.h"',
      "",
    ];
    for (const c of numbers) {
      const cName = cNameOf(c.name);
      if (!mingwDefines(cName)) {
        if (sdkConstNames.has(`SDK_${c.name}`)) {
          lines.push(numberAssert(`SDK_${c.name}`, c, false, "SDK transcription"));
          sdkChecked.push(c.name);
        } else sdkOnly.push(c.name);
        continue;
      }
      const v = c.value as bigint;
      // ERROR_* entries held as HRESULTs (0x8007xxxx) are the HRESULT_FROM_WIN32 of the Win32 code
      const viaHresult = c.name.startsWith("ERROR_") && (v >> 16n) === 0x8007n;
      lines.push(numberAssert(cName, c, viaHresult));
      mingwChecked.push(c.name);
    }
    const sdkGuids = parseSdkGuids(await Deno.readTextFile(SDK_GUIDS));
    for (const c of guids) {
      const g = c.value as string;
      if (sym.guids.has(c.name) || sym.hookedGuids.has(c.name)) {
        if (!sym.hookedGuids.has(c.name)) {
          problems.push(`${c.name}: declared by mingw outside fwpmu.h, its value cannot be checked here`);
          continue;
        }
        lines.push(guidAssert(c.name, c.name, g, c.where));
        guidsMingw.push(c.name);
        continue;
      }
      const sdk = sdkGuids.get(c.name);
      if (!sdk) {
        problems.push(`${c.name}: not in mingw and not transcribed in tests/oracle/sdk_guids.txt`);
        sdkOnly.push(c.name);
        continue;
      }
      const want = guidFields(g);
      if (want.some((x, i) => x !== sdk.fields[i])) {
        const got = sdk.fields.map((x) => x.toString(16));
        problems.push(
          `${c.name}: constants.ts says ${g} but the SDK (${sdk.source}) says ` +
            `${got[0].padStart(8, "0")}-${got[1].padStart(4, "0")}-${got[2].padStart(4, "0")}-` +
            `${got.slice(3, 5).map((x) => x.padStart(2, "0")).join("")}-` +
            `${got.slice(5).map((x) => x.padStart(2, "0")).join("")}`,
        );
      }
      guidsSdkFile.push(c.name);
    }
    await write(
      "oracle_constants.c",
      lines,
      ["mingw"],
      "constants.ts vs mingw-w64 headers and sdk_constants.h",
    );
  }

  // coverage: header members (mingw, or the SDK transcription) that no table lists
  const notInTables: string[] = [];
  for (const t of tables) {
    const viaSdk = sdkDefined.has(t.name) &&
      (t.source === "sdk" || MINGW_STRUCT_DEVIATIONS.some((d) => d.struct === t.name));
    const members = viaSdk
      ? parseTypedefMembers(sdkText, `SDK_${t.name}`)
      : parseTypedefMembers(sym.code, t.name);
    if (!members) continue;
    // `table[0]` (a `table[ANY_SIZE]` member asserted through its first row) covers `table`.
    const listed = new Set(leaves(t.fields).map((l) => l.cPath.replace(/\[0\]$/, "")));
    for (const m of members) if (!listed.has(m)) notInTables.push(`${t.name}.${m}`);
  }

  // (e) function signatures: ffi/symbols.ts vs the header prototypes (and fwpsim's)
  const symbolsPath = opts.symbolsModule ?? `${ROOT}/ffi/symbols.ts`;
  const symbols = structuredClone(
    ((await import(new URL(`file://${symbolsPath}`).href)) as { SYMBOLS: Record<string, FfiSymbol> }).SYMBOLS,
  ) as Record<string, FfiSymbol>;
  // The dlopen tables of the Windows system DLLs (kernel32, advapi32, ...): every exported `*_SYMBOLS` of
  // ffi/*.ts, checked the same way (they are Windows-only code paths no simulator exercises).
  const systemTables: [string, Record<string, FfiSymbol>][] = [];
  for (const e of [...Deno.readDirSync(`${ROOT}/ffi`)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isFile || !e.name.endsWith(".ts") || e.name === "symbols.ts") continue;
    const text = Deno.readTextFileSync(`${ROOT}/ffi/${e.name}`);
    const names = [...text.matchAll(/^export const (\w+_SYMBOLS)\b/gm)].map((m) => m[1]);
    if (!names.length) continue;
    const mod = await import(new URL(`file://${ROOT}/ffi/${e.name}`).href) as Record<string, unknown>;
    for (const n of names) {
      systemTables.push([`ffi/${e.name} ${n}`, structuredClone(mod[n]) as Record<string, FfiSymbol>]);
    }
  }
  for (const [key, kind] of opts.symbolMutations ?? []) {
    const m = key.match(/^(\w+)\.(\d+|result)$/);
    const s = m ? symbols[m[1]] ?? systemTables.map(([, t]) => t[m[1]]).find(Boolean) : undefined;
    if (!m || !s) throw new Error(`--mutate-symbol: bad target ${key}`);
    if (m[2] === "result") s.result = kind;
    else s.parameters[Number(m[2]) - 1] = kind;
  }
  const mingwProtos = parsePrototypes(sym.code);
  const sdkProtos = parsePrototypes(await Deno.readTextFile(SDK_FUNCTIONS));
  const fnMingw: string[] = [];
  const fnSdk: string[] = [];
  const fnSim: string[] = [];
  const fnSystem: string[] = [];
  {
    const lines = [
      ...banner(
        "ffi/symbols.ts parameter and result kinds vs the prototypes (mingw-w64, or sdk_functions.h)",
      ),
      PRELUDE_INCLUDE,
      "#include <fwpmu.h>",
      '#include "sdk_structs.h"',
      '#include "sdk_functions.h"',
      "",
    ];
    for (const [fn, s] of Object.entries(symbols)) {
      if (fn.startsWith("Sim")) continue; // fwpsim's test hooks; not fwpuclnt exports
      const viaSdk = !mingwProtos.has(fn) && sdkProtos.has(`SDK_${fn}`);
      const proto = mingwProtos.get(fn) ?? sdkProtos.get(`SDK_${fn}`);
      if (!proto) {
        problems.push(`${fn}: no prototype in mingw-w64 or tests/oracle/sdk_functions.h`);
        continue;
      }
      const tag = viaSdk ? "SDK prototype" : "mingw-w64 headers";
      lines.push(...signatureAsserts(fn, viaSdk ? `SDK_${fn}` : fn, proto, s, tag, problems));
      (viaSdk ? fnSdk : fnMingw).push(fn);
    }
    const seen = new Map<string, string>();
    for (const [table, entries] of systemTables) {
      for (const [fn, s] of Object.entries(entries)) {
        const proto = mingwProtos.get(fn);
        if (!proto) {
          problems.push(`${fn} (${table}): no prototype in the mingw-w64 headers`);
          continue;
        }
        // The same function in two tables is declared twice: both must agree with the header.
        const id = seen.has(fn) ? `${fn}_${seen.size}` : fn;
        seen.set(fn, table);
        lines.push(...signatureAsserts(fn, fn, proto, s, "mingw-w64 headers", problems, id, table));
        fnSystem.push(`${table}: ${fn}`);
      }
    }
    await write("oracle_functions.c", lines, ["mingw"], "ffi/*_SYMBOLS tables vs the header prototypes");
  }

  // (c) fwpsim's own definitions
  const simMissing: string[] = [];
  const simOnlySizeChecked: string[] = [];
  if (await exists(simHeader)) {
    const simText = await Deno.readTextFile(simHeader);
    const simNames = simTypedefs(simText);
    const simInclude = `#include ${cStr(simHeader)}`;
    const lines = [
      ...banner("struct tables vs fwpsim's SIM_* definitions"),
      "#include <stddef.h>",
      simInclude,
      "",
    ];
    for (const t of tables) {
      if (!simNames.has(`SIM_${t.name}`)) {
        simMissing.push(t.name);
        continue;
      }
      lines.push(
        ...layoutAsserts(
          t,
          `SIM_${t.name}`,
          "fwpsim",
          (n) => simNames.has(`SIM_${n}`) ? `SIM_${n}` : undefined,
        ),
      );
    }
    if (simMissing.length) notes.push(`fwpsim does not define: ${simMissing.join(", ")}`);
    await write("oracle_sim.c", lines, ["gcc", "mingw"], "tables vs fwpsim SIM_* structs (Linux and mingw)");

    // sim_vs_mingw: every SIM_ struct the headers also define, compared with the header's own definition:
    // mingw's, or our SDK transcription where mingw lacks the struct or knowingly differs from the SDK.
    const simStructNames = [...simNames].map((n) => n.slice(4));
    const deviates = (n: string) =>
      MINGW_STRUCT_DEVIATIONS.some((d) => d.struct === n) || MINGW_DEVIATIONS.some((d) => d.struct === n);
    const refOf = (n: string): string | undefined =>
      sdkDefined.has(n) && (byName.get(n)?.source === "sdk" || !sym.typedefs.has(n) || deviates(n))
        ? `SDK_${n}`
        : sym.typedefs.has(n)
        ? n
        : undefined;
    const vs = [
      ...banner("fwpsim SIM_* structs vs the header definitions of the same name (mingw-w64, or SDK_*)"),
      PRELUDE_INCLUDE,
      "#include <fwpmu.h>",
      "#include <stddef.h>",
      '#include "sdk_structs.h"',
      simInclude,
      "",
      "/* UINT8[N] and a struct of N bytes with alignment 1 (SID_IDENTIFIER_AUTHORITY, FWP_BYTE_ARRAY16) are the",
      "   same bytes in memory. */",
      "#define ORACLE_BYTES_LIKE(m) ((__builtin_classify_type(m) == 12 && _Alignof(__typeof__(m)) == 1) || \\",
      "  _Generic(&(m), unsigned char(*)[sizeof(m)]: 1, default: 0))",
      "",
    ];
    for (const n of simStructNames.sort()) {
      const ref = refOf(n);
      if (!ref) continue;
      const sim = `SIM_${n}`;
      const refLabel = ref.startsWith("SDK_") ? `SDK ${n} (sdk_structs.h)` : `mingw-w64 ${n}`;
      vs.push(`/* ${sim} vs ${ref} */`);
      vs.push(assertLine(`sizeof(${sim}) == sizeof(${ref})`, `${sim}: size differs from ${refLabel}`));
      vs.push(assertLine(`_Alignof(${sim}) == _Alignof(${ref})`, `${sim}: align differs from ${refLabel}`));
      // the table's members plus every member fwpsim declares (catches a member the table does not list)
      const t = byName.get(n);
      const parsed = parseCMembers(simText, sim) ?? [];
      if (!t) simOnlySizeChecked.push(n);
      const members = [...new Set([...(t ? leaves(t.fields).map((l) => l.cPath) : []), ...parsed])];
      for (const cPath of members) {
        vs.push(
          assertLine(
            `offsetof(${sim}, ${cPath}) == offsetof(${ref}, ${cPath})`,
            `${sim}.${cPath}: offset differs from ${refLabel}`,
          ),
        );
        vs.push(
          assertLine(
            `sizeof(((${sim}*)0)->${cPath}) == sizeof(((${ref}*)0)->${cPath})`,
            `${sim}.${cPath}: member size differs from ${refLabel}`,
          ),
        );
        vs.push(
          assertLine(
            `__builtin_classify_type(((${sim}*)0)->${cPath}) == __builtin_classify_type(((${ref}*)0)->${cPath}) || ` +
              `(ORACLE_BYTES_LIKE(((${sim}*)0)->${cPath}) && ORACLE_BYTES_LIKE(((${ref}*)0)->${cPath}))`,
            `${sim}.${cPath}: member kind (integer/pointer/struct/union/float) differs from ${refLabel}`,
          ),
        );
      }
    }
    await write("sim_vs_mingw.c", vs, ["mingw"], "fwpsim SIM_* vs the header structs of the same name");
    if (await exists(SIM_API)) {
      const simProtos = parsePrototypes(await Deno.readTextFile(SIM_API));
      const lines = [
        ...banner("ffi/symbols.ts parameter and result kinds vs fwpsim's fwpsim_api.h (Linux and mingw)"),
        "#include <stddef.h>",
        `#include ${cStr(SIM_API)}`,
        "",
      ];
      const missing: string[] = [];
      for (const [fn, s] of Object.entries(symbols)) {
        const proto = simProtos.get(fn);
        if (!proto) {
          missing.push(fn);
          continue;
        }
        lines.push(...signatureAsserts(fn, fn, proto, s, "fwpsim", problems));
        fnSim.push(fn);
      }
      if (missing.length) notes.push(`fwpsim_api.h does not declare: ${missing.join(", ")}`);
      await write("oracle_sim_functions.c", lines, ["gcc", "mingw"], "ffi/symbols.ts vs fwpsim_api.h");
    }
  } else {
    notes.push(`fwpsim header not found (${simHeader}): oracle_sim.c and sim_vs_mingw.c not generated`);
  }

  const result: GenResult = {
    outDir,
    targets,
    problems,
    notes,
    structs: {
      mingw: mingwTables.map((t) => t.name),
      sdk: sdkTables.map((t) => t.name),
      simMissing,
      simOnlySizeChecked,
      notInTables,
    },
    functions: { mingw: fnMingw, sdk: fnSdk, sim: fnSim, system: fnSystem },
    constants: { mingwChecked, guidsMingw, guidsSdkFile, sdkChecked, sdkOnly },
  };
  await Deno.writeTextFile(`${outDir}/manifest.json`, JSON.stringify(result, null, 2) + "\n");
  await Deno.writeTextFile(`${outDir}/report.md`, renderReport(result, tables));
  return result;
}

function renderReport(r: GenResult, tables: StructLayout[]): string {
  const L: string[] = [];
  L.push("# wfpsec layout and constants oracle", "");
  L.push(
    "Generated by `tests/oracle/gen.ts`. Assertion counts are compile-time `_Static_assert`s; the GUIDs mingw " +
      "lacks are compared in TypeScript with tests/oracle/sdk_guids.txt.",
    "",
  );
  L.push("| file | compilers | assertions | checks |", "|---|---|---|---|");
  for (const t of r.targets) {
    L.push(`| ${t.file} | ${t.compilers.join(", ")} | ${t.assertions} | ${t.what} |`);
  }
  L.push("");
  L.push(`## Structs checked against the mingw-w64 headers (${r.structs.mingw.length})`, "");
  L.push(r.structs.mingw.join(", ") || "(none)", "");
  L.push(
    `## Structs checked against the documented SDK layout (not in mingw-w64) (${r.structs.sdk.length})`,
    "",
  );
  L.push(
    "Transcribed in `tests/oracle/sdk_structs.h` (file:line of the Windows SDK headers cited per struct) and laid",
    "out by x86_64-w64-mingw32-gcc, i.e. the MS x64 ABI.",
    "",
  );
  L.push(r.structs.sdk.join(", ") || "(none)", "");
  L.push("## Known mingw-w64 deviations from the SDK", "");
  for (const d of MINGW_DEVIATIONS) L.push(`- ${d.struct}.${d.cPath}: ${d.why}.`);
  for (const d of MINGW_STRUCT_DEVIATIONS) L.push(`- ${d.struct}: ${d.why}.`);
  L.push("");
  L.push("## fwpsim", "");
  L.push(`- table structs fwpsim does not define: ${r.structs.simMissing.join(", ") || "none"}`);
  L.push(
    `- SIM_ structs with no table (checked member by member vs the headers only): ${
      r.structs.simOnlySizeChecked.join(", ") || "none"
    }`,
    "",
  );
  L.push(
    `- header members no table lists (not checked; the codecs cannot carry them): ` +
      (r.structs.notInTables.join(", ") || "none"),
    "",
  );
  L.push("## Function signatures (ffi/symbols.ts)", "");
  L.push(
    `- ${r.functions.mingw.length} against the mingw-w64 prototypes, ${r.functions.sdk.length} against ` +
      `tests/oracle/sdk_functions.h (${r.functions.sdk.join(", ")}), ${r.functions.sim.length} against ` +
      "fwpsim_api.h: arity, each parameter's kind (pointer / integer width / float) and the result.",
    `- ${r.functions.system.length} functions of the system DLL tables (the \`*_SYMBOLS\` of ffi/*.ts) ` +
      "against the mingw-w64 prototypes, the same way.",
    "",
  );
  L.push("## Constants", "");
  L.push(
    `- ${r.constants.mingwChecked.length + r.constants.guidsMingw.length} checked against mingw-w64 ` +
      `(${r.constants.mingwChecked.length} numeric, ${r.constants.guidsMingw.length} GUIDs)`,
  );
  L.push(
    `- ${r.constants.guidsSdkFile.length} GUIDs mingw lacks, compared with tests/oracle/sdk_guids.txt (SDK transcription)`,
  );
  L.push(
    `- ${r.constants.sdkChecked.length} numeric values mingw lacks, checked against tests/oracle/sdk_constants.h ` +
      "(SDK transcription)",
  );
  L.push(`- ${r.constants.sdkOnly.length} numeric values SDK-only and not transcribed (unchecked)`, "");
  L.push("Checked against mingw (numeric): " + r.constants.mingwChecked.join(", "), "");
  L.push("Checked against mingw (GUID): " + r.constants.guidsMingw.join(", "), "");
  L.push("Checked against sdk_guids.txt: " + r.constants.guidsSdkFile.join(", "), "");
  L.push("Checked against sdk_constants.h: " + r.constants.sdkChecked.join(", "), "");
  L.push("SDK-only, unchecked: " + r.constants.sdkOnly.join(", "), "");
  if (Object.keys(MINGW_ALIASES).length) {
    L.push(
      "Checked under mingw's spelling: " +
        Object.entries(MINGW_ALIASES).map(([a, b]) => `${a} = mingw ${b}`).join(", "),
      "",
    );
  }
  if (r.problems.length) L.push("## PROBLEMS", "", ...r.problems.map((p) => `- ${p}`), "");
  if (r.notes.length) L.push("## Notes", "", ...r.notes.map((p) => `- ${p}`), "");
  L.push(`Tables read: ${tables.length}.`, "");
  return L.join("\n");
}

/** Compiles every generated target with each of its compilers, in parallel. */
export async function compileAll(
  r: GenResult,
): Promise<{ target: Target; cc: string; res: CompileResult }[]> {
  const jobs = r.targets.flatMap((t) => t.compilers.map((cc) => ({ t, cc })));
  const results = await Promise.all(jobs.map(async ({ t, cc }) => ({
    target: t,
    cc,
    res: await runCompiler(cc, `${r.outDir}/${t.file}`),
  })));
  // record the outcome next to what was generated
  const L = ["", "## Compile results", ""];
  for (const { target, cc, res } of results) {
    L.push(`- ${res.ok ? "ok" : "FAILED"}: ${cc} ${target.file} (${target.assertions} assertions)`);
    for (const f of res.failures) L.push(`  - ${f}`);
    if (!res.ok && res.failures.length === 0) L.push("  - (did not compile; see the compiler output)");
  }
  await Deno.writeTextFile(`${r.outDir}/report.md`, L.join("\n") + "\n", { append: true });
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// CLI

if (import.meta.main) {
  const args = [...Deno.args];
  const opts: GenOptions = { outDir: `${ROOT}/build/oracle`, mutations: [], constMutations: new Map() };
  let compile = false;
  let only: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--out") opts.outDir = args[++i];
    else if (a === "--compile") compile = true;
    else if (a === "--only") only = args[++i].split(",");
    else if (a === "--structs") opts.structsModule = args[++i];
    else if (a === "--mutate") opts.mutations!.push(parseMutation(args[++i]));
    else if (a === "--mutate-symbol") {
      const m = args[++i].match(/^(\w+\.\w+)=(\w+)$/);
      if (!m) throw new Error("--mutate-symbol Function.N=kind | Function.result=kind");
      (opts.symbolMutations ??= new Map()).set(m[1], m[2]);
    } else if (a === "--mutate-const") {
      const m = args[++i].match(/^(\w+)=(.+)$/);
      if (!m) throw new Error("--mutate-const NAME=VALUE");
      opts.constMutations!.set(m[1], m[2]);
    } else throw new Error(`unknown argument ${a}`);
  }
  const r = await generate(opts);
  for (const t of r.targets) {
    console.log(`${t.file}: ${t.assertions} assertions (${t.compilers.join(" + ")})`);
  }
  console.log(
    `constants: ${r.constants.mingwChecked.length + r.constants.guidsMingw.length} checked against mingw, ` +
      `${r.constants.sdkChecked.length} values against sdk_constants.h, ` +
      `${r.constants.guidsSdkFile.length} GUIDs against sdk_guids.txt, ${r.constants.sdkOnly.length} unchecked`,
  );
  console.log(`structs: ${r.structs.mingw.length} mingw, ${r.structs.sdk.length} SDK-checked`);
  for (const n of r.notes) console.log(`note: ${n}`);
  for (const p of r.problems) console.error(`PROBLEM: ${p}`);
  let ok = r.problems.length === 0;
  if (compile) {
    const sel = only ? { ...r, targets: r.targets.filter((t) => only!.includes(t.file)) } : r;
    for (const { target, cc, res } of await compileAll(sel)) {
      console.log(
        `${res.ok ? "ok  " : "FAIL"} ${cc.padEnd(5)} ${target.file} (${target.assertions} assertions)`,
      );
      if (!res.ok) {
        ok = false;
        console.error(res.failures.length ? res.failures.map((f) => `  ${f}`).join("\n") : res.output);
      }
    }
  }
  Deno.exit(ok ? 0 : 1);
}
