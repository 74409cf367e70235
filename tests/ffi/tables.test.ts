/**
 * Every struct table, every union arm: a value generated from the table itself (seeded, deterministic)
 * survives encode -> native memory -> decode. This covers the structs the fixtures do not (sessions,
 * templates, version-1/2 policies, manual-SA and SA-enumeration structs).
 */
import assert from "node:assert/strict";
import { Arena } from "../../ffi/codec.ts";
import { decodeLoose, encodeLoose } from "../support/looseCodec.ts";
import type { Field, FieldType, StructLayout, UnionArm } from "../../ffi/layout.ts";
import { STRUCTS } from "../../ffi/structs.ts";
import { normalized } from "./normalize.ts";

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Sampler {
  constructor(private r: () => number) {}
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  nonzero(n: number): number {
    return 1 + this.int(n - 1);
  }
  guid(): string {
    const h = () => this.int(16).toString(16);
    let s = "";
    for (let i = 0; i < 32; i++) s += h();
    s = s.replace(/^0/, "a");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }

  value(t: FieldType, optional: boolean, depth: number): unknown {
    switch (t.kind) {
      case "prim":
        switch (t.prim) {
          case "u8":
            return this.nonzero(256);
          case "u16":
            return this.nonzero(65536);
          case "u32":
            return this.nonzero(0xffffffff) >>> 0;
          case "i8":
            return this.int(256) - 128 || 1;
          case "i16":
            return this.int(65536) - 32768 || 1;
          case "i32":
            return (this.int(0xffffffff) | 0) || 1;
          case "u64":
            return BigInt(this.nonzero(2 ** 30)) * 0x100000000n + BigInt(this.int(2 ** 32)) + 1n;
          case "i64":
            return -BigInt(this.nonzero(2 ** 40));
          case "f32":
            return this.int(1000) + 0.5;
          case "f64":
            return this.r() * 1e6;
        }
        break;
      case "guid":
        return this.guid();
      case "wstr":
        return ["", "é", "🔒", "x"].map((c) => c + this.int(1000)).join("-");
      case "cstr":
        return `1.3.6.1.5.5.7.3.${this.int(100)}`;
      case "sid": {
        const k = 1 + this.int(4);
        const b = this.bytes(8 + 4 * k);
        b[0] = 1;
        b[1] = k;
        return b;
      }
      case "blob":
        return this.bytes(1 + this.int(40));
      case "inline":
        // an inline array is its raw bytes: UINT8[n] is n bytes, UINT32[97] (errorFrequencyTable) 388
        return this.bytes(
          t.length *
              ({ u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4 } as Record<string, number>)[t.of] || 8,
        );
      case "struct":
        return this.struct(STRUCTS[t.struct], depth + 1);
      case "ptr": {
        const inner = t.unwrap
          ? this.value(
            STRUCTS[(t.to as { struct: string }).struct].fields.find((f) => f.name === t.unwrap)!.type,
            false,
            depth + 1,
          )
          : this.value(t.to, false, depth + 1);
        return inner;
      }
      case "array": {
        const n = depth > 3 ? 1 : 1 + this.int(3);
        return Array.from({ length: n }, () => this.value(t.of, false, depth + 1));
      }
      case "union":
        throw new Error("unions are sampled by their struct");
    }
    void optional;
  }

  struct(s: StructLayout, depth = 0): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    const counts = new Set<string>();
    const all: Field[] = [];
    const walk = (fs: readonly Field[]) => {
      for (const f of fs) {
        if (f.type.kind === "union") { for (const a of f.type.arms) walk(a.fields); }
        else all.push(f);
      }
    };
    walk(s.fields);
    for (const f of all) if (f.type.kind === "array") counts.add(f.type.countField);
    // Choose one arm per discriminant first (two unions may share one, e.g. local/remote addresses).
    const chosen = new Map<string, number>();
    const arms: UnionArm[] = [];
    for (const f of s.fields) {
      if (f.type.kind !== "union") continue;
      const u = f.type;
      let d = chosen.get(u.discriminant);
      if (d === undefined) {
        const candidates = u.arms.flatMap((a) => (a.values === "default" ? [] : [...a.values]));
        const hasDefault = u.arms.some((a) => a.values === "default");
        const pickDefault = hasDefault && (candidates.length === 0 || this.int(3) === 0);
        d = pickDefault
          ? (u.mask !== undefined ? 0 : Math.max(...candidates, 0) + 1)
          : candidates[this.int(candidates.length)];
        chosen.set(u.discriminant, d);
      }
      const key = u.mask !== undefined ? d & u.mask : d;
      const arm = u.arms.find((a) => a.values !== "default" && a.values.includes(key)) ??
        u.arms.find((a) => a.values === "default")!;
      arms.push(arm);
    }
    for (const f of s.fields) {
      if (f.type.kind === "union" || counts.has(f.name)) continue;
      if (chosen.has(f.name)) continue;
      if (f.optional && f.type.kind !== "struct" && this.int(4) === 0) continue; // absent (NULL / zero)
      o[f.name] = this.value(f.type, f.optional ?? false, depth);
    }
    for (const [disc, d] of chosen) {
      const f = all.find((x) => x.name === disc)!;
      const u = s.fields.find((x) => x.type.kind === "union" && x.type.discriminant === disc)!.type as {
        mask?: number;
      };
      o[disc] = u.mask !== undefined ? ((this.nonzero(0xffff) & ~u.mask) | d) >>> 0 : d;
      void f;
    }
    for (const arm of arms) {
      for (const f of arm.fields) {
        if (counts.has(f.name)) continue;
        if (f.optional && f.type.kind !== "struct" && f.type.kind !== "ptr" && this.int(4) === 0) continue;
        o[f.name] = this.value(f.type, f.optional ?? false, depth);
      }
    }
    return o;
  }
}

for (const s of Object.values(STRUCTS)) {
  Deno.test(`${s.name} (${s.source}): generated values round-trip through native memory`, () => {
    const arena = new Arena();
    for (let seed = 1; seed <= 12; seed++) {
      const value = new Sampler(rng(seed * 7919 + s.size)).struct(s);
      const off = encodeLoose(arena, s.name, value);
      const back = decodeLoose(s.name, arena.addr(off));
      assert.deepEqual(back, normalized(value), `${s.name} seed ${seed}`);
    }
  });
}
