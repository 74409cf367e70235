/**
 * The declarative struct-table format: the one source of truth for every C struct wfpsec passes to or reads
 * from fwpuclnt (Windows x64 ABI). `ffi/structs.ts` holds the tables; the codecs (`ffi/codec.ts`) are derived
 * from them, and the layout oracle generates C `_Static_assert`s from them (sizeof, _Alignof, offsetof and
 * member sizeof per field, using `cPath` as the C member designator).
 *
 * Conventions:
 * - offsets are absolute from the start of the struct, also for members of nameless unions/structs, which
 *   are flattened with their C access path (`inboundRootArraySize`, `uint8`, `localV4Address`);
 * - `size` is the member's own sizeof (8 for every pointer);
 * - a nameless union is one field of kind "union" with `cPath: null`; each arm lists its own member fields
 *   (each with a valid `cPath`), all starting at the union's offset;
 * - `source` says whether the mingw-w64 headers define the struct ("mingw") or only the Windows SDK does
 *   ("sdk"; transcribed from the SDK headers and checked against the documented layout).
 */

/** Fixed-width scalar kinds (enums are u32; BOOL/WINBOOL is i32; DWORD/ULONG are u32). */
export type Prim = "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "f32" | "f64";

/** What a member holds. Element types of pointers/arrays use the same vocabulary. */
export type FieldType =
  /** A scalar stored inline. */
  | { kind: "prim"; prim: Prim }
  /** A GUID stored inline (16 bytes, align 4). */
  | { kind: "guid" }
  /** `wchar_t*`: NUL-terminated UTF-16LE string. */
  | { kind: "wstr" }
  /** `char*` (LPSTR): NUL-terminated 8-bit string (ASCII OIDs). */
  | { kind: "cstr" }
  /** `SID*`: a variable-length SID (8 + 4 * SubAuthorityCount bytes) as raw bytes. */
  | { kind: "sid" }
  /** FWP_BYTE_BLOB by value: `{UINT32 size; UINT8* data}` as raw bytes. */
  | { kind: "blob" }
  /** A fixed inline array `T name[length]` (only u8 arrays occur: addresses, byte arrays). */
  | { kind: "inline"; of: Prim; length: number }
  /** A struct embedded by value. */
  | { kind: "struct"; struct: string }
  /**
   * A pointer to one element. `unwrap` names the pointee struct's single interesting member, whose value is
   * used in its place (IKEEXT_CERT_EKUS0* -> the `eku` string array).
   */
  | { kind: "ptr"; to: FieldType; unwrap?: string }
  /** A pointer to `countField` contiguous elements; `countField` is a sibling member (same struct). */
  | { kind: "array"; of: FieldType; countField: string }
  /**
   * A discriminated (nameless or named) union. The active arm is chosen by the sibling member
   * `discriminant` (masked with `mask` when given, e.g. FWPM_FILTER0.flags & HAS_PROVIDER_CONTEXT).
   * An arm with `values: "default"` matches any other value. `tags` names the `ENUMS` family (ffi/constants.ts)
   * the arm values come from (a flag family of `FLAGS` for a masked union): the generated TypeScript types
   * write each arm's tag by its constant name.
   */
  | { kind: "union"; discriminant: string; mask?: number; tags: string; arms: UnionArm[] };

/** One arm of a discriminated union. `fields` is empty for a valueless arm (e.g. IKEEXT_ANONYMOUS). */
export interface UnionArm {
  values: readonly number[] | "default";
  /** The arm's property name in the decoded object (the C member name of its single member). */
  name: string;
  fields: readonly Field[];
}

/** One member of a struct. */
export interface Field {
  /** Property name in the decoded object (= C member name; synthetic for nameless unions). */
  name: string;
  /** C member designator for `offsetof(T, cPath)`, e.g. "displayData" or "inboundRootArraySize"; null for a nameless union. */
  cPath: string | null;
  offset: number;
  size: number;
  type: FieldType;
  /**
   * May be absent in the decoded object: NULL pointer, empty blob, all-zero GUID or byte array, or zero
   * integer (`rawContext`). Encoding an absent value writes zeros.
   */
  optional?: boolean;
}

/** One struct (one version) as the Windows x64 ABI lays it out. */
export interface StructLayout {
  /** C type name, e.g. "FWPM_FILTER0". */
  name: string;
  size: number;
  align: number;
  /** "mingw": the mingw-w64 headers define it; "sdk": only the Windows SDK does. */
  source: "mingw" | "sdk";
  fields: readonly Field[];
}

// ---- small constructors, so the tables in structs.ts read like the C declarations ----

export const u8: FieldType = { kind: "prim", prim: "u8" };
export const u16: FieldType = { kind: "prim", prim: "u16" };
export const u32: FieldType = { kind: "prim", prim: "u32" };
export const u64: FieldType = { kind: "prim", prim: "u64" };
export const i8: FieldType = { kind: "prim", prim: "i8" };
export const i16: FieldType = { kind: "prim", prim: "i16" };
export const i32: FieldType = { kind: "prim", prim: "i32" };
export const i64: FieldType = { kind: "prim", prim: "i64" };
export const f32: FieldType = { kind: "prim", prim: "f32" };
export const f64: FieldType = { kind: "prim", prim: "f64" };
export const guid: FieldType = { kind: "guid" };
export const wstr: FieldType = { kind: "wstr" };
export const cstr: FieldType = { kind: "cstr" };
export const sid: FieldType = { kind: "sid" };
export const blob: FieldType = { kind: "blob" };
export const bytes = (length: number): FieldType => ({ kind: "inline", of: "u8", length });
export const struct = (name: string): FieldType => ({ kind: "struct", struct: name });
export const ptr = (
  to: FieldType,
  unwrap?: string,
): FieldType => (unwrap ? { kind: "ptr", to, unwrap } : { kind: "ptr", to });
export const array = (of: FieldType, countField: string): FieldType => ({ kind: "array", of, countField });

/** A field whose property name equals its C member path. */
export function f(name: string, offset: number, size: number, type: FieldType, optional = false): Field {
  return optional
    ? { name, cPath: name, offset, size, type, optional }
    : { name, cPath: name, offset, size, type };
}

/**
 * A nameless union at `offset` (size = largest arm), its arms selected by `discriminant`, whose values are
 * the constants of family `tags` (ENUMS, or FLAGS when `mask` is given).
 */
export function union(
  name: string,
  offset: number,
  size: number,
  discriminant: string,
  tags: string,
  arms: UnionArm[],
  mask?: number,
): Field {
  const type: FieldType = mask === undefined
    ? { kind: "union", discriminant, tags, arms }
    : { kind: "union", discriminant, mask, tags, arms };
  return { name, cPath: null, offset, size, type };
}

/** An arm holding one member. */
export function arm(values: readonly number[] | "default", field: Field): UnionArm {
  return { values, name: field.name, fields: [field] };
}

/** An arm holding several members (a nameless struct inside the union, e.g. count + array pointer). */
export function armOf(values: readonly number[] | "default", name: string, fields: Field[]): UnionArm {
  return { values, name, fields };
}

/** An arm without members (e.g. IKEEXT_ANONYMOUS, FWP_EMPTY, FWP_IP_VERSION_NONE). */
export function emptyArm(values: readonly number[] | "default", name = ""): UnionArm {
  return { values, name, fields: [] };
}
