/**
 * Pure codec specification: every struct table is self-consistent, and every object kind survives
 * encode -> native memory -> decode by raw address, without a simulator.
 */
import assert from "node:assert/strict";
import { Arena, decodeAt } from "../../ffi/codec.ts";
import { STRUCTS } from "../../ffi/structs.ts";
import type { Field } from "../../ffi/layout.ts";
import { WfpError, WfpInputError } from "../../ffi/errors.ts";
import { ERRORS } from "../../ffi/constants.ts";
import { bytesToGuid, guidToBytes, isGuid } from "../../ffi/guid.ts";
import { readUtf16, setSafeStringReads } from "../../ffi/utf16.ts";
import { normalized } from "./normalize.ts";
import {
  allConditionValues,
  permitFilter,
  provider,
  providerContexts,
  sublayer,
  transportFilter,
} from "./fixtures.ts";

function roundTrip(struct: string, value: unknown, arena = new Arena()): unknown {
  const off = arena.encode(struct, value);
  return decodeAt(struct, arena.addr(off));
}

Deno.test("every struct table is self-consistent (fields inside the struct, aligned, count fields are UINT32)", () => {
  for (const s of Object.values(STRUCTS)) {
    assert.ok(s.size % s.align === 0, `${s.name}: size is a multiple of align`);
    const all: Field[] = [];
    const walk = (fs: readonly Field[]) => {
      for (const f of fs) {
        assert.ok(f.offset + f.size <= s.size, `${s.name}.${f.name} inside the struct`);
        if (f.type.kind === "union") {
          for (const a of f.type.arms) {
            for (const m of a.fields) {
              assert.ok(m.offset >= f.offset && m.offset + m.size <= f.offset + f.size);
            }
            walk(a.fields);
          }
        } else {
          assert.ok(f.cPath, `${s.name}.${f.name} has a C member path`);
          all.push(f);
        }
        if (f.type.kind === "ptr" || f.type.kind === "array" || f.type.kind === "wstr") {
          assert.equal(f.size, 8, `${s.name}.${f.name} pointer size`);
          assert.equal(f.offset % 8, 0, `${s.name}.${f.name} pointer alignment`);
        }
      }
    };
    walk(s.fields);
    for (const f of all) {
      if (f.type.kind === "array") {
        const countField = f.type.countField;
        const c = all.find((x) => x.name === countField);
        assert.ok(c && c.size === 4, `${s.name}.${f.name}: count ${countField} is a UINT32 member`);
      }
      if (f.type.kind === "struct") {
        assert.ok(STRUCTS[f.type.struct], `${s.name}.${f.name}: ${f.type.struct} has a table`);
      }
    }
    // Non-union members never overlap.
    const top = s.fields.filter((f) => f.type.kind !== "union").sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < top.length; i++) {
      assert.ok(
        top[i - 1].offset + top[i - 1].size <= top[i].offset,
        `${s.name}: ${top[i - 1].name} / ${top[i].name}`,
      );
    }
  }
});

Deno.test("GUIDs use the Windows byte order and round-trip", () => {
  const g = "b14b7bdb-dbbd-473e-bed4-8b4708d4f270";
  assert.deepEqual(
    [...guidToBytes(g)],
    [0xdb, 0x7b, 0x4b, 0xb1, 0xbd, 0xdb, 0x3e, 0x47, 0xbe, 0xd4, 0x8b, 0x47, 0x08, 0xd4, 0xf2, 0x70],
  );
  assert.equal(bytesToGuid(guidToBytes(g.toUpperCase())), g);
  assert.equal(isGuid("{b14b7bdb-dbbd-473e-bed4-8b4708d4f270}"), false);
  assert.equal(isGuid("b14b7bdb-dbbd-473e-bed4-8b4708d4f27g"), false);
});

Deno.test("any 16 bytes read back as the GUID string Windows would print, cached or not", () => {
  const h = (b: Uint8Array, i: number) => b[i].toString(16).padStart(2, "0");
  const reference = (b: Uint8Array) =>
    [3, 2, 1, 0].map((i) => h(b, i)).join("") + "-" + h(b, 5) + h(b, 4) + "-" + h(b, 7) + h(b, 6) + "-" +
    h(b, 8) + h(b, 9) + "-" + [10, 11, 12, 13, 14, 15].map((i) => h(b, i)).join("");
  const seen: Uint8Array[] = [];
  for (let n = 0; n < 5000; n++) {
    // Fresh values, and values read before (served from the read cache).
    const b = n % 3 === 2 ? seen[n % seen.length] : crypto.getRandomValues(new Uint8Array(16));
    if (n % 3 !== 2) seen.push(b);
    assert.equal(bytesToGuid(b), reference(b));
    assert.deepEqual([...guidToBytes(bytesToGuid(b))], [...b]);
  }
});

Deno.test("provider and sublayer round-trip through native memory", () => {
  assert.deepEqual(roundTrip("FWPM_PROVIDER0", provider), normalized(provider));
  assert.deepEqual(roundTrip("FWPM_SUBLAYER0", sublayer), normalized(sublayer));
});

for (const ctx of providerContexts) {
  Deno.test(`provider context round-trips: ${ctx.displayData.name}`, () => {
    assert.deepEqual(roundTrip("FWPM_PROVIDER_CONTEXT3", ctx), normalized(ctx));
  });
}

Deno.test("filter with every condition value type round-trips (UINT64 weight by pointer, provider context key)", () => {
  const f = transportFilter(1, allConditionValues);
  assert.deepEqual(roundTrip("FWPM_FILTER0", f), { ...normalized(f), effectiveWeight: { type: 0 } });
});

Deno.test("filter with rawContext (no provider context flag) round-trips", () => {
  const f = permitFilter(3);
  assert.deepEqual(roundTrip("FWPM_FILTER0", f), { ...normalized(f), effectiveWeight: { type: 0 } });
});

Deno.test("a reused arena leaves no stale pointer from the previous object", () => {
  const arena = new Arena();
  roundTrip("FWPM_FILTER0", transportFilter(1, allConditionValues), arena);
  const f = transportFilter(2, []); // even n: no description
  const back = roundTrip("FWPM_FILTER0", f, arena) as Record<string, unknown>;
  assert.equal((back.displayData as Record<string, unknown>).description, undefined);
  assert.deepEqual(back.filterCondition, []);
});

Deno.test("a small arena grows and restarts the encode transparently", () => {
  const arena = new Arena(64);
  const f = transportFilter(5, allConditionValues);
  assert.deepEqual(roundTrip("FWPM_FILTER0", f, arena), { ...normalized(f), effectiveWeight: { type: 0 } });
  assert.ok(arena.cap > 64);
});

Deno.test("UTF-16 strings crossing 4 KiB pages and surrogate pairs read back, in fast and safe mode", () => {
  const arena = new Arena(1 << 16);
  const s = "é🔒x".repeat(3000);
  for (const safe of [false, true]) {
    setSafeStringReads(safe);
    try {
      const off = arena.encodeWith((a) => a.putWstr(s));
      assert.equal(readUtf16(arena.addr(off)), s);
    } finally {
      setSafeStringReads(false);
    }
  }
});

Deno.test("bad input is a WfpInputError naming the member, raised before any native call", () => {
  const arena = new Arena();
  const bad = (v: unknown, path: RegExp) =>
    assert.throws(
      () => arena.encode("FWPM_FILTER0", v),
      (e: unknown) => e instanceof WfpInputError && path.test(e.message),
    );
  const f = transportFilter(1, []);
  bad({ ...f, weight: { type: 4, uint64: 5 } }, /FWP_VALUE0\.uint64: expected u64/);
  bad({ ...f, weight: { type: 1, uint8: 300 } }, /FWP_VALUE0\.uint8/);
  bad({ ...f, layerKey: "not-a-guid" }, /FWPM_FILTER0\.layerKey: expected a GUID/);
  bad({ ...f, weight: { type: 99 } }, /FWP_VALUE0\.type: expected a value with a known arm/);
  bad({ ...f, filterCondition: "x" }, /FWPM_FILTER0\.filterCondition: expected an array/);
  bad({ ...f, flags: -1 }, /FWPM_FILTER0\.flags: expected u32/);
  bad({
    ...f,
    filterCondition: [{ ...allConditionValues[0], conditionValue: { type: "appPath", path: "C:\\x.exe" } }],
  }, /FWP_CONDITION_VALUE0\.type/);
});

Deno.test("each GUID member writes the key it is given, whatever the previous object had there", () => {
  // GUID members remember their last key (codegen.ts): alternating, repeated, differently cased and
  // invalid keys at the same member must each encode (or fail) as if encoded alone.
  const arena = new Arena();
  const f = transportFilter(1, []);
  const keys = [
    "b14b7bdb-dbbd-473e-bed4-8b4708d4f270",
    "b14b7bdb-dbbd-473e-bed4-8b4708d4f271",
    "b14b7bdb-dbbd-473e-bed4-8b4708d4f271",
    "B14B7BDB-DBBD-473E-BED4-8B4708D4F270",
    crypto.randomUUID(),
    "b14b7bdb-dbbd-473e-bed4-8b4708d4f270",
  ];
  for (const layerKey of keys) {
    const off = arena.encode("FWPM_FILTER0", { ...f, layerKey, filterKey: layerKey });
    const bytes = arena.u8.slice(off, off + 96);
    assert.deepEqual([...bytes.subarray(64, 80)], [...guidToBytes(layerKey)], layerKey);
    assert.deepEqual([...bytes.subarray(0, 16)], [...guidToBytes(layerKey)], layerKey);
  }
  for (
    const bad of [null, "b14b7bdb-dbbd-473e-bed4-8b4708d4f27", "b14b7bdb-dbbd-473e-bed4-8b4708d4f27g", 7]
  ) {
    assert.throws(
      () => arena.encode("FWPM_FILTER0", { ...f, layerKey: bad }),
      (e: unknown) => e instanceof WfpInputError && /FWPM_FILTER0\.layerKey: expected a GUID/.test(e.message),
      String(bad),
    );
  }
});

Deno.test("pre-shared key bytes never appear in an input error message", () => {
  const ctx = providerContexts.find((c) => c.displayData.name === "IKE MM PSK")!;
  const broken = structuredClone(ctx);
  (broken.ikeMmPolicy!.authenticationMethods[0].presharedKeyAuthentication as Record<string, unknown>).flags =
    "x";
  try {
    new Arena().encode("FWPM_PROVIDER_CONTEXT3", broken);
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof WfpInputError);
    assert.ok(!String(e.message).includes("not-a-real-secret"));
  }
});

Deno.test("every known result code becomes a WfpError named after it, with hex code, operation and object", () => {
  const seen = new Set<number>();
  for (const [name, { code, message }] of Object.entries(ERRORS)) {
    if (seen.has(code)) continue; // an alias: the first name of a code is the one reported
    seen.add(code);
    const e = new WfpError("FwpmFilterAdd0", code, { kind: "filter", key: "k", name: "n" });
    assert.equal(e.errorName, name);
    assert.deepEqual(e.wfp, { wfpName: name, wfpCode: e.hex, code: code >>> 0 });
    assert.equal(e.code, code >>> 0);
    assert.equal(e.hex, "0x" + (code >>> 0).toString(16).padStart(8, "0"));
    assert.equal(e.operation, "FwpmFilterAdd0");
    assert.deepEqual(e.object, { kind: "filter", key: "k", name: "n" });
    assert.ok(e.message.includes(message) && e.message.includes(name));
  }
  const unknown = new WfpError("FwpmEngineOpen0", 0x8032ffff);
  assert.equal(unknown.errorName, "0x8032ffff");
  assert.equal(unknown.name, "WfpError", "name is the class; the code is errorName");
});
