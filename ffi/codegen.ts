/**
 * Generates specialised JS encode/decode functions from the struct tables, once, at load time.
 *
 * Why: a table interpreter calls one generic closure per member through shared call sites and reads
 * properties by variable name, which V8 can only handle megamorphically (~8 us per filter measured).
 * Generated straight-line code uses literal offsets and property names and is monomorphic.
 *
 * The generated code only calls the helpers passed in `Helpers`; the tables are the only input, so the
 * codecs stay "derived from the tables" with no offset arithmetic written by hand.
 */
import type { Field, FieldType, Prim, StructLayout } from "./layout.ts";
import { STRUCTS } from "./structs.ts";

const PRIM_SIZE: Record<Prim, number> = {
  u8: 1,
  u16: 2,
  u32: 4,
  u64: 8,
  i8: 1,
  i16: 2,
  i32: 4,
  i64: 8,
  f32: 4,
  f64: 8,
};
const GET: Record<Prim, string> = {
  u8: "getUint8",
  u16: "getUint16",
  u32: "getUint32",
  u64: "getBigUint64",
  i8: "getInt8",
  i16: "getInt16",
  i32: "getInt32",
  i64: "getBigInt64",
  f32: "getFloat32",
  f64: "getFloat64",
};
const CHECK: Record<Prim, (v: string) => string> = {
  u8: (v) => `typeof ${v} !== "number" || (${v} & 0xff) !== ${v}`,
  u16: (v) => `typeof ${v} !== "number" || (${v} & 0xffff) !== ${v}`,
  u32: (v) => `typeof ${v} !== "number" || ${v} >>> 0 !== ${v}`,
  i8: (v) => `typeof ${v} !== "number" || (${v} << 24 >> 24) !== ${v}`,
  i16: (v) => `typeof ${v} !== "number" || (${v} << 16 >> 16) !== ${v}`,
  i32: (v) => `typeof ${v} !== "number" || (${v} | 0) !== ${v}`,
  u64: (v) => `typeof ${v} !== "bigint" || BigInt.asUintN(64, ${v}) !== ${v}`,
  i64: (v) => `typeof ${v} !== "bigint" || BigInt.asIntN(64, ${v}) !== ${v}`,
  f32: (v) => `typeof ${v} !== "number"`,
  f64: (v) => `typeof ${v} !== "number"`,
};

/** Byte size of a member slot of type `t` (pointers are 8). */
export function slotSize(t: FieldType): number {
  switch (t.kind) {
    case "prim":
      return PRIM_SIZE[t.prim];
    case "guid":
    case "blob":
      return 16;
    case "inline":
      return PRIM_SIZE[t.of] * t.length;
    case "struct":
      return STRUCTS[t.struct].size;
    case "union":
      throw new Error("a union is not an element type");
    default:
      return 8;
  }
}

const ident = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const prop = (s: string) => `[${JSON.stringify(s)}]`;
const q = (s: string) => JSON.stringify(s);

class Gen {
  /** Strict: every encoder first refuses a property that is no member of its struct (a misspelt name). */
  constructor(readonly strict = false) {}
  private n = 0;
  /** GUID member caches generated (each encode or decode site gets a GuidSite variable G<i>). */
  sites = 0;
  tmp(base: string): string {
    return `${base}${this.n++}`;
  }

  // ---- encode: code writing value `v` (a JS variable) into the slot at byte offset expression `off` ----
  enc(t: FieldType, v: string, off: string, path: string, optional: boolean): string {
    switch (t.kind) {
      case "prim": {
        const set = GET[t.prim].replace("get", "set");
        const le = PRIM_SIZE[t.prim] > 1 ? ", true" : "";
        const body = `if (${CHECK[t.prim](v)}) bad(${q(path)}, ${
          q(t.prim)
        }, ${v}); dv.${set}(${off}, ${v}${le});`;
        return optional ? `if (${v} !== undefined) { ${body} }` : body;
      }
      case "guid": {
        // Each GUID member has its own small cache (guidSite in codec.ts): the same constant keys (layer,
        // sublayer, provider, callout, condition fields) at the same member of consecutive objects are
        // identity checks, not map look-ups.
        const site = `G${this.sites++}`;
        const write = `putGuid(dv, ${off}, ${v}, ${q(path)}, ${site});`;
        return `if (${v} !== undefined${optional ? "" : " || true"}) { ${write} }`;
      }
      case "wstr": {
        const p = this.tmp("p");
        return `if (${v} !== undefined) { if (typeof ${v} !== "string") bad(${q(path)}, "a string", ${v}); ` +
          `const ${p} = a.alloc(${v}.length * 2 + 2); wutf16(${v}, a.u16, ${p} >> 1); wptr(dv, ${off}, a.base + ${p}); }`;
      }
      case "cstr": {
        const p = this.tmp("p");
        return `if (${v} !== undefined) { if (typeof ${v} !== "string") bad(${q(path)}, "a string", ${v}); ` +
          `const ${p} = a.alloc(${v}.length + 1); if (!wlatin1(${v}, a.u8, ${p})) bad(${
            q(path)
          }, "an 8-bit (ASCII) string", ${v}); ` +
          `wptr(dv, ${off}, a.base + ${p}); }`;
      }
      case "sid": {
        const p = this.tmp("p");
        return `if (${v} !== undefined) { if (!(${v} instanceof Uint8Array) || ${v}.length < 8) bad(${
          q(path)
        }, "SID bytes", ${v}); ` +
          `const ${p} = a.alloc(${v}.length); a.u8.set(${v}, ${p}); wptr(dv, ${off}, a.base + ${p}); }`;
      }
      case "blob": {
        const p = this.tmp("p");
        return `if (${v} !== undefined) { if (!(${v} instanceof Uint8Array)) bad(${
          q(path)
        }, "a Uint8Array", ${v}); ` +
          `dv.setUint32(${off}, ${v}.length, true); if (${v}.length) { const ${p} = a.alloc(${v}.length); ` +
          `a.u8.set(${v}, ${p}); wptr(dv, ${off} + 8, a.base + ${p}); } }`;
      }
      case "inline": {
        const len = PRIM_SIZE[t.of] * t.length;
        const body = `if (!(${v} instanceof Uint8Array) || ${v}.length !== ${len}) bad(${q(path)}, ${
          q(`a Uint8Array of ${len} bytes`)
        }, ${v}); a.u8.set(${v}, ${off});`;
        return optional ? `if (${v} !== undefined) { ${body} }` : body;
      }
      case "struct": {
        const call = `E_${ident(t.struct)}(a, ${v}, ${off});`;
        return optional ? `if (${v} !== undefined) ${call}` : call;
      }
      case "ptr": {
        const p = this.tmp("p");
        const size = slotSize(t.to);
        const inner = t.unwrap ? `{ ${prop(t.unwrap)}: ${v} }` : v;
        const iv = this.tmp("w");
        return `if (${v} !== undefined) { const ${p} = a.alloc(${size}); const ${iv} = ${inner}; ` +
          `${this.enc(t.to, iv, p, path, false)} wptr(dv, ${off}, a.base + ${p}); }`;
      }
      case "array":
        throw new Error("arrays are generated by the struct (they need their count member)");
      case "union":
        throw new Error("unions are generated by the struct");
    }
  }

  encArray(
    t: Extract<FieldType, { kind: "array" }>,
    v: string,
    off: string,
    countOff: string,
    path: string,
  ): string {
    const size = slotSize(t.of);
    const p = this.tmp("p"), n = this.tmp("n"), i = this.tmp("i"), e = this.tmp("e");
    return `if (${v} !== undefined) { if (!Array.isArray(${v})) bad(${q(path)}, "an array", ${v}); ` +
      `const ${n} = ${v}.length; dv.setUint32(${countOff}, ${n}, true); if (${n}) { ` +
      `const ${p} = a.alloc(${n} * ${size}); for (let ${i} = 0; ${i} < ${n}; ${i}++) { const ${e} = ${v}[${i}]; ` +
      `${
        this.enc(t.of, e, `${p} + ${i} * ${size}`, `${path}[]`, false)
      } } wptr(dv, ${off}, a.base + ${p}); } }`;
  }

  // ---- decode: code reading the slot at `at` of frame (dv, u8) and passing the value to `put(expr)` ----
  dec(
    t: FieldType,
    dv: string,
    u8: string,
    at: string,
    put: (x: string) => string,
    optional: boolean,
  ): string {
    switch (t.kind) {
      case "prim": {
        const le = PRIM_SIZE[t.prim] > 1 ? ", true" : "";
        const read = `${dv}.${GET[t.prim]}(${at}${le})`;
        if (!optional) return put(read) + ";";
        const x = this.tmp("x");
        const zero = t.prim === "u64" || t.prim === "i64" ? "0n" : "0";
        return `{ const ${x} = ${read}; if (${x} !== ${zero}) ${put(x)}; }`;
      }
      case "guid": {
        // Each GUID member remembers the last GUIDs it decoded (layer, sublayer, provider, callout and
        // condition field keys repeat across thousands of filters): word compares, no shared-cache call.
        const site = `G${this.sites++}`;
        const read = `rguid(${u8}, ${dv}, ${at}, ${site})`;
        return optional ? `if (!zero16(${dv}, ${at})) ${put(read)};` : put(read) + ";";
      }
      case "wstr": {
        const x = this.tmp("x");
        return `{ const ${x} = rptr(${dv}, ${at}); if (${x} !== 0) ${put(`rutf16(${x})`)}; }`;
      }
      case "cstr": {
        const x = this.tmp("x");
        return `{ const ${x} = rptr(${dv}, ${at}); if (${x} !== 0) ${put(`rlatin1(${x})`)}; }`;
      }
      case "sid": {
        const x = this.tmp("x");
        return `{ const ${x} = rptr(${dv}, ${at}); if (${x} !== 0) ${put(`rsid(${x})`)}; }`;
      }
      case "blob": {
        const s = this.tmp("s"), x = this.tmp("x"), b = this.tmp("b");
        return `{ const ${s} = ${dv}.getUint32(${at}, true); const ${x} = rptr(${dv}, ${at} + 8); ` +
          `if (${s} !== 0 && ${x} !== 0) { const ${b} = copyOut(${x}, ${s}); ${put(b)}; }` +
          (optional ? " }" : ` else ${put("new Uint8Array(0)")}; }`);
      }
      case "inline": {
        const len = PRIM_SIZE[t.of] * t.length;
        if (!optional) return put(`${u8}.slice(${at}, ${at} + ${len})`) + ";";
        // An all-zero optional array (e.g. the unused address of a union arm) is absent.
        const b = this.tmp("b");
        return `{ const ${b} = ${u8}.slice(${at}, ${at} + ${len}); if (${b}.some((x) => x !== 0)) ${
          put(b)
        }; }`;
      }
      case "struct":
        return put(`D_${ident(t.struct)}(${dv === "dv" ? "fr" : dv.replace("dv", "fr")}, ${at})`) + ";";
      case "ptr": {
        const x = this.tmp("x");
        const size = slotSize(t.to);
        if (t.to.kind === "inline") {
          const b = this.tmp("b");
          return `{ const ${x} = rptr(${dv}, ${at}); if (${x} !== 0) { const ${b} = copyOut(${x}, ${size}); ${
            put(b)
          }; } }`;
        }
        const k = this.tmp("k"), f = this.tmp("fr");
        const fdv = f.replace("fr", "dv"), fu8 = f.replace("fr", "u8");
        const unwrap = t.unwrap;
        const inner = this.dec(t.to, fdv, fu8, k, (e) => put(unwrap ? `(${e})${prop(unwrap)}` : e), false);
        return `{ const ${x} = rptr(${dv}, ${at}); if (${x} !== 0) { const ${k} = load(${x}, ${size}); ` +
          `const ${f} = frame(); const ${fdv} = ${f}.dv; const ${fu8} = ${f}.u8; void ${fdv}; void ${fu8}; ${inner} } }`;
      }
      case "array":
      case "union":
        throw new Error("arrays and unions are generated by the struct");
    }
  }

  decArray(
    t: Extract<FieldType, { kind: "array" }>,
    dv: string,
    at: string,
    countAt: string,
    put: (x: string) => string,
    optional: boolean,
  ): string {
    const size = slotSize(t.of);
    const n = this.tmp("n"), x = this.tmp("x"), k = this.tmp("k"), f = this.tmp("fr"), r = this.tmp("r");
    const i = this.tmp("i");
    const fdv = f.replace("fr", "dv"), fu8 = f.replace("fr", "u8");
    const elem = this.dec(t.of, fdv, fu8, `${k} + ${i} * ${size}`, (e) => `${r}[${i}] = ${e}`, false);
    return `{ const ${n} = ${dv}.getUint32(${countAt}, true); const ${x} = rptr(${dv}, ${at}); ` +
      `if (${n} !== 0 && ${x} !== 0) { const ${k} = load(${x}, ${n} * ${size}); const ${f} = frame(); ` +
      `const ${fdv} = ${f}.dv; const ${fu8} = ${f}.u8; void ${fu8}; const ${r} = new Array(${n}); ` +
      `for (let ${i} = 0; ${i} < ${n}; ${i}++) { ${elem} } ${put(r)}; }` +
      (optional ? " }" : ` else ${put("[]")}; }`);
  }

  // ---- whole structs ----
  struct(s: StructLayout): string {
    const all = flatten(s.fields);
    const counts = new Set<string>();
    for (const f of all) if (f.type.kind === "array") counts.add(f.type.countField);
    const byName = new Map(all.map((f) => [f.name, f]));
    const name = ident(s.name);

    const encField = (f: Field): string => {
      const v = this.tmp("v");
      const path = `${s.name}.${f.name}`;
      const get = `const ${v} = o${prop(f.name)};`;
      if (f.type.kind === "array") {
        const c = byName.get(f.type.countField)!;
        return `${get} ${this.encArray(f.type, v, `off + ${f.offset}`, `off + ${c.offset}`, path)}`;
      }
      return `${get} ${this.enc(f.type, v, `off + ${f.offset}`, path, f.optional ?? false)}`;
    };
    const decField = (f: Field): string => {
      const put = (x: string) => `o${prop(f.name)} = ${x}`;
      if (f.type.kind === "array") {
        const c = byName.get(f.type.countField)!;
        return this.decArray(f.type, "dv", `at + ${f.offset}`, `at + ${c.offset}`, put, f.optional ?? false);
      }
      return this.dec(f.type, "dv", "u8", `at + ${f.offset}`, put, f.optional ?? false);
    };

    const enc: string[] = [];
    const dec: string[] = [];
    for (const f of s.fields) {
      if (counts.has(f.name)) continue;
      if (f.type.kind !== "union") {
        enc.push(encField(f));
        dec.push(decField(f));
        continue;
      }
      const u = f.type;
      const disc = byName.get(u.discriminant);
      if (!disc || disc.type.kind !== "prim") {
        throw new Error(`${s.name}: bad discriminant ${u.discriminant}`);
      }
      const mask = u.mask === undefined ? "" : ` & ${u.mask}`;
      const d = this.tmp("d");
      const encCases: string[] = [];
      const decCases: string[] = [];
      let encDefault = `bad(${q(`${s.name}.${u.discriminant}`)}, ${
        q(`a value with a known arm (${u.arms.map((x) => x.name).join(", ")})`)
      }, ${d});`;
      let decDefault = "";
      for (const arm of u.arms) {
        const members = arm.fields.filter((x) => !counts.has(x.name));
        const e = members.map(encField).join(" ");
        const dd = members.map(decField).join(" ");
        if (arm.values === "default") {
          encDefault = e;
          decDefault = dd;
        } else {
          const labels = arm.values.map((x) => `case ${x}:`).join(" ");
          encCases.push(`${labels} { ${e} break; }`);
          decCases.push(`${labels} { ${dd} break; }`);
        }
      }
      // A non-numeric discriminant is reported by the discriminant's own encoder.
      enc.push(
        `{ const ${d} = o${prop(u.discriminant)}; if (typeof ${d} === "number") switch (${d}${mask}) { ${
          encCases.join(" ")
        } default: { ${encDefault} } } }`,
      );
      const read = disc.size === 4
        ? `dv.getUint32(at + ${disc.offset}, true)`
        : `dv.getUint16(at + ${disc.offset}, true)`;
      dec.push(`switch (${read}${mask}) { ${decCases.join(" ")} default: { ${decDefault} } }`);
    }
    // Strict mode only (tests): the members a value may have, for the misspelt-member check.
    const members = all.filter((f) => !counts.has(f.name)).map((f) => `${q(f.name)}: 1`);
    const strict = this.strict ? `const M_${name} = { __proto__: null, ${members.join(", ")} };\n` : "";
    const check = this.strict
      ? `  for (const k in o) if (!(k in M_${name})) bad(${q(s.name)} + "." + k, ${
        q(`a member of ${s.name}`)
      }, o[k]);\n`
      : "";
    // After the members' own checks, so a wrong value is reported as such, whatever else is wrong.
    return strict + `function E_${name}(a, o, off) {\n` +
      `  if (typeof o !== "object" || o === null) bad(${q(s.name)}, "an object", o);\n` +
      `  const dv = a.dv;\n  ${enc.join("\n  ")}\n${check}}\n` +
      // A constructor (with Object.prototype, so results are plain objects) lets V8 size the object for
      // all its members up front instead of growing a property store member by member.
      `function O_${name}() {}\nO_${name}.prototype = Object.prototype;\n` +
      `function D_${name}(fr, at) {\n  const dv = fr.dv; const u8 = fr.u8; void u8;\n  const o = new O_${name}();\n  ${
        dec.join("\n  ")
      }\n  return o;\n}\n`;
  }
}

function flatten(fields: readonly Field[]): Field[] {
  const out: Field[] = [];
  for (const f of fields) {
    if (f.type.kind === "union") { for (const a of f.type.arms) out.push(...flatten(a.fields)); }
    else out.push(f);
  }
  return out;
}

/** The helpers generated code calls. */
export interface Helpers {
  bad(path: string, expected: string, got: unknown): never;
  /** Writes GUID `v` (or reports `path`) and remembers it in `site`. */
  putGuid(dv: DataView, off: number, v: unknown, path: string, site: GuidSite): void;
  wutf16(s: string, u16: Uint16Array, index: number): void;
  wlatin1(s: string, u8: Uint8Array, off: number): boolean;
  wptr(dv: DataView, off: number, addr: number): void;
  rptr(dv: DataView, at: number): number;
  /** Reads the GUID at `at`, through the member's one-entry cache `site`. */
  rguid(u8: Uint8Array, dv: DataView, at: number, site: GuidSite): string;
  zero16(dv: DataView, at: number): boolean;
  rutf16(addr: number): string;
  rlatin1(addr: number): string;
  rsid(addr: number): Uint8Array;
  copyOut(addr: number, len: number): Uint8Array;
  load(addr: number, len: number): number;
  frame(): { dv: DataView; u8: Uint8Array };
}

/**
 * The cache of one generated GUID member (encode: keys `k`, decode: strings `s`), four entries replaced in
 * turn: entry e has its key's four little-endian words at w[4e..4e+3].
 */
export interface GuidSite {
  k: unknown[];
  s: (string | undefined)[];
  w: Uint32Array;
  next: number;
}

/** Generated encoder/decoder pair of one struct. */
export interface GeneratedCodec {
  enc(a: unknown, o: unknown, off: number): void;
  dec(fr: { dv: DataView; u8: Uint8Array }, at: number): Record<string, unknown>;
}

/**
 * The JS source of every struct's codec (exposed for inspection and tests). `strict` adds the
 * misspelt-member check to every encoder (for tests: it costs a property walk per struct).
 */
export function generateSource(strict = false): string {
  const g = new Gen(strict);
  const parts = Object.values(STRUCTS).map((s) => g.struct(s));
  const table = Object.keys(STRUCTS).map((n) => `${q(n)}: { enc: E_${ident(n)}, dec: D_${ident(n)} }`).join(
    ",\n  ",
  );
  // NONE (a fresh object no caller holds) marks an empty entry: no member value can be identical to it.
  const site = "{ k: [NONE, NONE, NONE, NONE], s: [undefined, undefined, undefined, undefined], " +
    "w: new Uint32Array(16), next: 0 }";
  const sites = Array.from({ length: g.sites }, (_, i) => `const G${i} = ${site};`);
  return `"use strict";\nconst { bad, putGuid, wutf16, wlatin1, wptr, rptr, rguid, zero16, rutf16, rlatin1, rsid, copyOut, load, frame } = H;\n` +
    "const NONE = {};\n" + sites.join("\n") + "\n" + parts.join("\n") +
    `\nreturn {\n  ${table}\n};\n`;
}

/**
 * The generated codecs as an ES module (ffi/codecs.generated.js, written by scripts/gen-codecs.ts): its
 * default export is the factory `generateCodecs` compiles, so start-up takes it from V8's code cache.
 */
export function generatedModule(): string {
  return "// Generated by scripts/gen-codecs.ts from the layout tables in ffi/structs.ts: do not edit.\n" +
    "// tests/unit/ffi/codecs_generated.test.ts fails when it no longer matches ffi/codegen.ts's output.\n" +
    `export default function codecs(H) {\n${generateSource()}}\n`;
}

/** Compiles every struct's codec with `helpers` (`strict`: see generateSource). */
export function generateCodecs(helpers: Helpers, strict = false): Record<string, GeneratedCodec> {
  // The generated source is derived only from the static struct tables (no external input).
  const factory = new Function("H", generateSource(strict)) as (h: Helpers) => Record<string, GeneratedCodec>;
  return factory(helpers);
}
