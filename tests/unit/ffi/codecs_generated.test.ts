/**
 * ffi/codecs.generated.js (the precompiled struct codecs the FFI layer loads, so start-up skips generating
 * and compiling them) is exactly what ffi/codegen.ts generates from today's layout tables: a struct table
 * changed without `deno run --allow-read --allow-write scripts/gen-codecs.ts` fails here.
 */
import { equal } from "node:assert/strict";
import { generatedModule } from "../../../ffi/codegen.ts";

Deno.test("the precompiled codec module matches the layout tables", () => {
  const onDisk = Deno.readTextFileSync(new URL("../../../ffi/codecs.generated.js", import.meta.url));
  equal(onDisk === generatedModule(), true, "stale: run scripts/gen-codecs.ts");
});
