/**
 * The Wine tier can fail. Each test below puts one classic ABI mistake on the wire between the Windows
 * deno.exe and System32's fwpuclnt.dll (fwpsim), and shows that the very round-trip checks `abi.test.ts`
 * relies on reject the result, naming the field that was corrupted:
 * - UTF-8 where the C API takes UTF-16 (`wchar_t*`);
 * - a u32 where a UINT64 goes (FWPM_FILTER0.rawContext declared 4 bytes wide);
 * - a struct where a pointer is expected: the `FWPM_PROVIDER0**` out cell read as the struct itself, and an
 *   8-byte struct passed by value for a `const GUID*` (the callee dereferences the bytes: the process dies,
 *   so that one runs in a child deno.exe).
 *
 * `WFPSEC_WINE_SHIP_ABI_MISTAKE=1` runs the mistaken bindings as if they were the product's, without the
 * expectation of failure: then these tests fail, and with them the Wine stage (see tests/wine/README.md).
 */
import assert from "node:assert/strict";
import { decodeAt } from "../../ffi/codec.ts";
import { loadLibrary } from "../../ffi/library.ts";
import type { Field } from "../../ffi/layout.ts";
import { layoutOf } from "../../ffi/structs.ts";
import { simHooks } from "../support/simHooks.ts";
import type { Filter, Provider } from "../../modules/graph/graph.ts";
import { objectSet } from "../support/objectSet.ts";
import { followPointer, RawSession } from "../support/rawSession.ts";
import { checkFilter, checkProvider } from "../support/roundtrip.ts";

const onWindows = Deno.build.os === "windows";
const shipMistake = Deno.env.get("WFPSEC_WINE_SHIP_ABI_MISTAKE") === "1";

/** Absolute offset of `path` ("displayData.name") in struct `name`, from the one layout table. */
function offsetOf(name: string, path: string): number {
  const [head, ...rest] = path.split(".");
  const flat = (fields: readonly Field[]): Field[] =>
    fields.flatMap((f) => f.type.kind === "union" ? f.type.arms.flatMap((a) => flat(a.fields)) : [f]);
  const field = flat(layoutOf(name).fields).find((f) => f.name === head);
  assert.ok(field, `${name}.${head} is not in the layout table`);
  if (rest.length === 0) return field.offset;
  assert.equal(field.type.kind, "struct");
  return field.offset + offsetOf((field.type as { struct: string }).struct, rest.join("."));
}

/**
 * Registers the proof that `check` catches `mistake`: the check must throw an AssertionError that names
 * `field`. In ship mode the check simply runs, as it would if the mistake were in the product.
 */
function mistakeTest(name: string, field: string, run: (raw: RawSession) => () => void): void {
  Deno.test({
    name: onWindows ? name : `${name} (skipped: needs the Windows deno.exe under Wine)`,
    ignore: !onWindows,
    fn() {
      const lib = loadLibrary();
      const hooks = simHooks(lib)!;
      hooks.reset();
      const raw = new RawSession(lib);
      try {
        const check = run(raw);
        if (shipMistake) return check();
        assert.throws(check, (e: Error) => {
          assert.equal(e.name, "AssertionError", `expected the round-trip check to fail, got ${e}`);
          assert.match(e.message, new RegExp(`^${field.replaceAll(".", "\\.")} `), e.message);
          return true;
        });
      } finally {
        raw.close();
        hooks.reset();
      }
      assert.equal(hooks.outstandingAllocations(), 0n, "engine memory not released with FwpmFreeMemory0");
    },
  });
}

function addProvider(
  raw: RawSession,
  provider: Provider,
  mistake?: Parameters<RawSession["encode"]>[2],
): void {
  const rc = raw.s.FwpmProviderAdd0(raw.h, raw.encode("FWPM_PROVIDER0", provider, mistake), null);
  assert.equal(rc, 0, `FwpmProviderAdd0 -> 0x${rc.toString(16)}`);
}

function getProvider(raw: RawSession, key: string): Provider {
  return raw.get(
    (h, k, out) => raw.s.FwpmProviderGetByKey0(h, k, out),
    key,
    followPointer<Provider>("FWPM_PROVIDER0"),
  );
}

mistakeTest(
  "ABI mistake caught: a UTF-8 name where the API takes UTF-16 comes back garbled",
  "displayData.name",
  (raw) => {
    const { provider } = objectSet("wine-mistake-utf8");
    addProvider(raw, provider, (arena, off) => {
      // What a binding that used TextEncoder for a wchar_t* would send.
      const utf8 = new TextEncoder().encode(provider.displayData.name + "\0");
      const at = arena.alloc(utf8.length + 2);
      arena.u8.set(utf8, at);
      arena.dv.setBigUint64(
        off + offsetOf("FWPM_PROVIDER0", "displayData.name"),
        BigInt(arena.addr(at)),
        true,
      );
    });
    const got = getProvider(raw, provider.providerKey);
    return () => checkProvider(provider, got);
  },
);

mistakeTest(
  "ABI mistake caught: a u32 where a UINT64 goes loses the high half of rawContext",
  "rawContext",
  (raw) => {
    const set = objectSet("wine-mistake-u64");
    addProvider(raw, set.provider);
    assert.equal(raw.s.FwpmSubLayerAdd0(raw.h, raw.encode("FWPM_SUBLAYER0", set.sublayer), null), 0);
    const filter = set.filters.find((f) => f.rawContext !== undefined && f.rawContext >= 1n << 32n) as Filter;
    const id = new BigUint64Array(1);
    const rc = raw.s.FwpmFilterAdd0(
      raw.h,
      raw.encode("FWPM_FILTER0", filter, (arena, off) => {
        // What a table declaring rawContext as u32 would produce: only the low 4 bytes are ever written.
        arena.dv.setUint32(off + offsetOf("FWPM_FILTER0", "rawContext") + 4, 0, true);
      }),
      null,
      id,
    );
    assert.equal(rc, 0, `FwpmFilterAdd0 -> 0x${rc.toString(16)}`);
    const got = raw.get(
      (h, k, out) => raw.s.FwpmFilterGetByKey0(h, k, out),
      filter.filterKey,
      followPointer<Filter>("FWPM_FILTER0"),
    );
    return () => checkFilter(filter, got, id[0]);
  },
);

mistakeTest(
  "ABI mistake caught: the FWPM_PROVIDER0** out cell read as the struct yields a wrong key",
  "providerKey",
  (raw) => {
    const { provider } = objectSet("wine-mistake-ptr");
    addProvider(raw, provider);
    const size = layoutOf("FWPM_PROVIDER0").size;
    // The cell is zeroed and struct-sized, so reading it as FWPM_PROVIDER0 meets only NULL pointers.
    const got = raw.get(
      (h, k, out) => raw.s.FwpmProviderGetByKey0(h, k, out),
      provider.providerKey,
      (out) => decodeAt("FWPM_PROVIDER0", Deno.UnsafePointer.value(Deno.UnsafePointer.of(out))),
      size,
    );
    return () => checkProvider(provider, got);
  },
);

Deno.test({
  name: onWindows
    ? "ABI mistake caught: an 8-byte struct passed by value where a GUID* is expected kills the process"
    : "ABI mistake caught: struct by value for a pointer (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  async fn() {
    const here = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
    const script = `
      import { loadLibrary } from ${here("../../ffi/library.ts")};
      import { guidToBytes } from ${here("../../ffi/guid.ts")};
      import { RawSession } from ${here("../support/rawSession.ts")};
      const lib = loadLibrary();
      const raw = new RawSession(lib);
      // The mistake: FwpmProviderDeleteByKey0's const GUID* declared as a struct of two u32 by value.
      const wrong = Deno.dlopen(lib.path, {
        FwpmProviderDeleteByKey0: { parameters: ["pointer", { struct: ["u32", "u32"] }], result: "u32" },
      });
      const key = guidToBytes(crypto.randomUUID()).subarray(0, 8);
      console.log("returned", wrong.symbols.FwpmProviderDeleteByKey0(raw.h, key));`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--ext=ts", script],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    if (shipMistake) {
      assert.equal(out.code, 0, `the mistaken binding crashed the process:\n${stderr}`);
      return;
    }
    // The callee read the GUID's first 8 bytes as an address and faulted (Wine reports the page fault on
    // its own stderr, real Windows ends the process with STATUS_ACCESS_VIOLATION): the call never returned.
    assert.notEqual(out.code, 0, `the call must not return normally: ${stdout}${stderr}`);
    assert.doesNotMatch(stdout, /returned/);
    assert.equal(out.success, false);
  },
});
