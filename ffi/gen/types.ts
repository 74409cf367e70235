/**
 * Generates `ffi/structs.gen.ts`, the TypeScript type of every struct table in `ffi/structs.ts`, so the shapes
 * the codec encodes and decodes are written down once (the tables) and checked by the layout oracle.
 *
 * The mapping follows what the generated codec (ffi/codegen.ts) reads and writes:
 * - UINT64/INT64 -> bigint, other integers, enums and floats -> number; GUID -> `Guid` (a string);
 *   `wchar_t*`/`char*` -> string; SIDs, FWP_BYTE_BLOBs and inline byte arrays -> Uint8Array;
 * - a pointer is its pointee's type (an `unwrap` pointer: the unwrapped member's type); an optional member
 *   (NULL pointer, empty blob, zero GUID) is an optional property;
 * - an array is `T[]` and its count member is omitted (the codec writes the array's length);
 * - a union selected by a discriminant member is a discriminated union: one interface per arm, whose
 *   discriminant is typed by the arm's constants (`typeof ENUMS.<family>.<NAME>`) and which declares the other
 *   arms' members as `?: undefined`; a default arm's discriminant is `number`. A union selected by a flag bit
 *   (`mask`) cannot be discriminated on a literal: its arm members are optional properties of the struct.
 * - members of nameless unions and structs are properties of the struct itself, as in the codec.
 *
 * Member documentation comes from `ffi/gen/docs.ts` where given (a key naming no member is an error), and is
 * derived from the table otherwise.
 */
import type { Field, FieldType, StructLayout, UnionArm } from "../layout.ts";
import { STRUCTS } from "../structs.ts";
import { ENUMS, FLAGS } from "../constants.ts";
import { STRUCT_DOCS } from "./docs.ts";

type Union = Extract<FieldType, { kind: "union" }>;

const PRIM_C: Record<string, string> = {
  u8: "UINT8",
  u16: "UINT16",
  u32: "UINT32",
  u64: "UINT64",
  i8: "INT8",
  i16: "INT16",
  i32: "INT32",
  i64: "INT64",
  f32: "FLOAT",
  f64: "DOUBLE",
};

/** The TypeScript type of a member of type `t`. */
function tsType(t: FieldType): string {
  switch (t.kind) {
    case "prim":
      return t.prim === "u64" || t.prim === "i64" ? "bigint" : "number";
    case "guid":
      return "Guid";
    case "wstr":
    case "cstr":
      return "string";
    case "sid":
    case "blob":
    case "inline":
      return "Uint8Array";
    case "struct":
      return t.struct;
    case "ptr": {
      if (!t.unwrap) return tsType(t.to);
      if (t.to.kind !== "struct") throw new Error("an unwrap pointer must point to a struct");
      const member = STRUCTS[t.to.struct].fields.find((x) => x.name === t.unwrap);
      if (!member) throw new Error(`${t.to.struct} has no member ${t.unwrap}`);
      return tsType(member.type);
    }
    case "array":
      return `${tsType(t.of)}[]`;
    case "union":
      throw new Error("a union has no single type");
  }
}

/** What the table says about a member, for its doc comment when docs.ts has none. */
function describe(t: FieldType): string {
  switch (t.kind) {
    case "prim":
      return PRIM_C[t.prim];
    case "guid":
      return "GUID";
    case "wstr":
      return "wchar_t* string";
    case "cstr":
      return "char* string";
    case "sid":
      return "SID bytes";
    case "blob":
      return "FWP_BYTE_BLOB bytes";
    case "inline":
      return `UINT8[${t.length}]`;
    case "struct":
      return `${t.struct} by value`;
    case "ptr":
      return t.unwrap ? `the ${t.unwrap} of a ${describe(t.to)}` : `pointer to ${describe(t.to)}`;
    case "array":
      return `array of ${describe(t.of)}`;
    case "union":
      return "union";
  }
}

/** The constant names of a union's tag family, by value (first name wins for aliases). */
function tagNames(
  s: StructLayout,
  u: Union,
): { family: string; group: "ENUMS" | "FLAGS"; names: Map<number, string> } {
  const group = u.mask === undefined ? "ENUMS" : "FLAGS";
  const table = (group === "ENUMS" ? ENUMS : FLAGS) as unknown as Record<string, Record<string, number>>;
  const family = table[u.tags];
  if (!family) throw new Error(`${s.name}.${u.discriminant}: no ${group} family ${u.tags}`);
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(family)) if (!names.has(value)) names.set(value, name);
  for (const arm of u.arms) {
    if (arm.values === "default") continue;
    for (const v of arm.values) {
      if (!names.has(v)) throw new Error(`${s.name}.${u.discriminant}: ${v} is not a constant of ${u.tags}`);
    }
  }
  return { family: u.tags, group, names };
}

/** The members of a field list that are properties (count members of sibling arrays are not). */
function properties(fields: readonly Field[], counts: Set<string>): Field[] {
  return fields.filter((f) => !counts.has(f.name));
}

function allFields(fields: readonly Field[]): Field[] {
  const out: Field[] = [];
  for (const f of fields) {
    if (f.type.kind === "union") { for (const a of f.type.arms) out.push(...allFields(a.fields)); }
    else out.push(f);
  }
  return out;
}

const docLine = (text: string) => `  /** ${text} */`;

class TypeGen {
  readonly out: string[] = [];
  private usedDocs = new Set<string>();

  doc(s: StructLayout, f: Field, extra = ""): string {
    const key = `${s.name}.${f.name}`;
    const given = STRUCT_DOCS[key];
    if (given !== undefined) this.usedDocs.add(key);
    return docLine(`${key}: ${given ?? describe(f.type)}${extra}.`);
  }

  member(s: StructLayout, f: Field, forceOptional = false, extra = ""): string[] {
    const opt = f.optional || forceOptional ? "?" : "";
    return [this.doc(s, f, extra), `  ${f.name}${opt}: ${tsType(f.type)};`];
  }

  struct(s: StructLayout): void {
    const all = allFields(s.fields);
    const counts = new Set<string>();
    for (const f of all) if (f.type.kind === "array") counts.add(f.type.countField);
    const unions = s.fields.filter((f) => f.type.kind === "union" && f.type.mask === undefined);
    const discriminants = new Set(unions.map((f) => (f.type as Union).discriminant));

    const common: string[] = [];
    for (const f of properties(s.fields, counts)) {
      if (f.type.kind !== "union") {
        if (!discriminants.has(f.name)) common.push(...this.member(s, f));
        continue;
      }
      const u = f.type;
      if (u.mask === undefined) continue;
      const { names } = tagNames(s, u);
      for (const arm of u.arms) {
        const when = arm.values === "default"
          ? `otherwise`
          : `with ${arm.values.map((v) => names.get(v)).join(" or ")} in ${u.discriminant}`;
        for (const m of properties(arm.fields, counts)) common.push(...this.member(s, m, true, ` (${when})`));
      }
    }

    if (unions.length === 0) {
      this.out.push(`/** ${s.name} (ffi/structs.ts). */`, `export interface ${s.name} {`, ...common, `}`, ``);
      return;
    }

    // Arm interface names: `<struct>_<arm>`, or `<struct>_<union>_<arm>` where two unions share an arm name.
    const armNames = unions.flatMap((f) => (f.type as Union).arms.map((a) => a.name || "empty"));
    const clash = new Set(armNames.filter((n, i) => armNames.indexOf(n) !== i));
    const parts: string[] = [];
    if (common.length) {
      this.out.push(
        `/** The members of ${s.name} outside its discriminated unions. */`,
        `export interface ${s.name}_members {`,
        ...common,
        `}`,
        ``,
      );
      parts.push(`${s.name}_members`);
    }
    for (const uf of unions) {
      const u = uf.type as Union;
      const disc = all.find((x) => x.name === u.discriminant)!;
      const { family, names } = tagNames(s, u);
      const armMembers = (a: UnionArm) => properties(a.fields, counts);
      const alternatives: string[] = [];
      for (const arm of u.arms) {
        const label = arm.name || "empty";
        const iname = clash.has(label) ? `${s.name}_${uf.name}_${label}` : `${s.name}_${label}`;
        alternatives.push(iname);
        const tag = arm.values === "default"
          ? "number"
          : arm.values.map((v) => `typeof ENUMS.${family}.${names.get(v)}`).join(" | ");
        const which = arm.values === "default"
          ? `any other ${u.discriminant}`
          : `${u.discriminant} ${arm.values.map((v) => names.get(v)).join(" or ")}`;
        const mine = armMembers(arm);
        const others = u.arms.filter((a) => a !== arm).flatMap(armMembers)
          .filter((x) => !mine.some((m) => m.name === x.name));
        const seen = new Set<string>();
        const lines: string[] = [this.doc(s, disc, arm.values === "default" ? "" : ` (${u.tags})`)];
        if (`  ${u.discriminant}: ${tag};`.length <= 110) lines.push(`  ${u.discriminant}: ${tag};`);
        else {
          const alts = tag.split(" | ");
          lines.push(
            `  ${u.discriminant}:`,
            ...alts.map((a, i) => `    | ${a}${i === alts.length - 1 ? ";" : ""}`),
          );
        }
        for (const m of mine) lines.push(...this.member(s, m));
        for (const o of others) {
          if (seen.has(o.name)) continue;
          seen.add(o.name);
          lines.push(docLine(`Not in this arm (${o.name} belongs to another ${u.discriminant}).`));
          lines.push(`  ${o.name}?: undefined;`);
        }
        this.out.push(
          `/** ${s.name} with ${which}${
            mine.length ? `: ${mine.map((m) => m.name).join(", ")}` : " (no member)"
          }. */`,
          `export interface ${iname} {`,
          ...lines,
          `}`,
          ``,
        );
      }
      if (alternatives.length === 1) parts.push(alternatives[0]);
      else {
        this.out.push(
          `/** The arms of ${s.name}'s union ${uf.name} (selected by ${u.discriminant}). */`,
          `export type ${s.name}_${uf.name} =`,
          ...alternatives.map((a, i) => `  | ${a}${i === alternatives.length - 1 ? ";" : ""}`),
          ``,
        );
        parts.push(`${s.name}_${uf.name}`);
      }
    }
    const rhs = parts.join(" & ");
    this.out.push(`/** ${s.name} (ffi/structs.ts). */`);
    if (`export type ${s.name} = ${rhs};`.length <= 110) this.out.push(`export type ${s.name} = ${rhs};`, ``);
    else {
      this.out.push(
        `export type ${s.name} =`,
        ...parts.map((p, i) => `  & ${p}${i === parts.length - 1 ? ";" : ""}`),
        ``,
      );
    }
  }

  /** Every docs.ts key must name a member that got a comment (so the prose cannot outlive its member). */
  checkDocs(): void {
    const stale = Object.keys(STRUCT_DOCS).filter((k) => !this.usedDocs.has(k));
    if (stale.length) throw new Error(`ffi/gen/docs.ts names no member: ${stale.join(", ")}`);
  }
}

/** The text of `ffi/structs.gen.ts`. */
export function generateTypes(): string {
  const g = new TypeGen();
  for (const s of Object.values(STRUCTS)) g.struct(s);
  g.checkDocs();
  const names = Object.keys(STRUCTS);
  return [
    `// Generated by \`deno task gen\` (ffi/gen/types.ts) from the struct tables in ffi/structs.ts: do not edit.`,
    `/**`,
    ` * The TypeScript type of every struct table (see ffi/gen/types.ts for the mapping), and \`StructMap\`,`,
    ` * struct name -> type, which types the codec's \`encode\` and \`decode\`.`,
    ` *`,
    ` * @module`,
    ` */`,
    `import type { ENUMS } from "./constants.ts";`,
    ``,
    `/** A GUID as lowercase \`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\` (no braces). */`,
    `export type Guid = string;`,
    ``,
    ...g.out,
    `/** Struct name -> the type its codec encodes and decodes. */`,
    `export interface StructMap {`,
    ...names.flatMap((n) => [`  /** ${n}. */`, `  ${n}: ${n};`]),
    `}`,
    ``,
    `/** The name of a struct the codec knows. */`,
    `export type StructName = keyof StructMap;`,
    ``,
  ].join("\n");
}
