/**
 * Member names by the JS kind the codec gives them, derived from the struct tables: which members of the
 * objects reachable from some root structs hold a bigint (UINT64/INT64) or bytes (blob, SID, inline array).
 * `render` uses it to read its JSON back (decimal strings -> bigint, hex -> bytes) without lists of its own.
 */
import type { Field, FieldType, StructLayout } from "./layout.ts";
import { STRUCTS } from "./structs.ts";

type Kind = "bigint" | "bytes" | "other";

function kindOf(t: FieldType): Kind {
  switch (t.kind) {
    case "prim":
      return t.prim === "u64" || t.prim === "i64" ? "bigint" : "other";
    case "blob":
    case "sid":
    case "inline":
      return "bytes";
    case "ptr":
      return t.unwrap ? "other" : kindOf(t.to);
    case "array":
      return kindOf(t.of);
    default:
      return "other";
  }
}

/**
 * The bigint and bytes member names of every struct reachable from `roots` (through members, pointers and
 * arrays). A name that holds different kinds in different structs (FWP_V4/V6_ADDR_AND_MASK.addr) is in
 * neither set: a name alone cannot say what it holds.
 */
export function membersByKind(
  roots: readonly string[],
  tables: Readonly<Record<string, StructLayout>> = STRUCTS,
): { bigint: Set<string>; bytes: Set<string> } {
  const kinds = new Map<string, Set<Kind>>();
  const seen = new Set<string>();
  const visitType = (t: FieldType): void => {
    if (t.kind === "struct") visit(t.struct);
    else if (t.kind === "ptr") visitType(t.to);
    else if (t.kind === "array") visitType(t.of);
  };
  const visitFields = (fields: readonly Field[]): void => {
    for (const f of fields) {
      if (f.type.kind === "union") {
        for (const a of f.type.arms) visitFields(a.fields);
        continue;
      }
      const k = kinds.get(f.name) ?? new Set<Kind>();
      k.add(kindOf(f.type));
      kinds.set(f.name, k);
      visitType(f.type);
    }
  };
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const s = tables[name];
    if (!s) throw new Error(`no struct table for ${name}`);
    visitFields(s.fields);
  };
  for (const r of roots) visit(r);
  const only = (kind: Kind) =>
    new Set([...kinds].filter(([, k]) => k.size === 1 && k.has(kind)).map(([name]) => name));
  return { bigint: only("bigint"), bytes: only("bytes") };
}
