/**
 * Issue 12 rule 11: a fwpuclnt without the Windows 10 1709 exports gives a load error naming the function and
 * the minimum Windows (never a crash). The stand-in library is built here with gcc: every required export
 * wfpsec binds, minus the `*3` ones.
 */
import assert from "node:assert/strict";
import { EngineUnavailableError, loadLibrary } from "../../ffi/library.ts";
import { EXPORT_MINIMUM, MINIMUM_WINDOWS } from "../../ffi/minimum.ts";
import { SYMBOLS } from "../../ffi/symbols.ts";

Deno.test({
  name:
    "a fwpuclnt without FwpmProviderContextAdd3 & co. is refused at load, naming them and Windows 10 1709",
  ignore: Deno.build.os !== "linux",
  fn: () => {
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-min-" });
    try {
      const names = Object.entries(SYMBOLS).filter(([n, d]) =>
        !("optional" in d && d.optional) && !EXPORT_MINIMUM[n]
      ).map(([n]) => n);
      const c = names.map((n) => `__attribute__((visibility("default"))) unsigned ${n}(void) { return 0; }`)
        .join("\n");
      Deno.writeTextFileSync(`${dir}/old.c`, c + "\n");
      const r = new Deno.Command("gcc", { args: ["-shared", "-fPIC", "-o", `${dir}/old.so`, `${dir}/old.c`] })
        .outputSync();
      assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
      assert.throws(() => loadLibrary({ library: `${dir}/old.so` }), (e) => {
        assert.ok(e instanceof EngineUnavailableError, String(e));
        for (const n of Object.keys(EXPORT_MINIMUM)) assert.ok(e.message.includes(n), `${n} in ${e.message}`);
        assert.ok(e.message.includes(MINIMUM_WINDOWS), e.message);
        return true;
      });
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
