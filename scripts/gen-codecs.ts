/**
 * Writes ffi/codecs.generated.js: the struct codecs ffi/codegen.ts generates from the layout tables
 * (ffi/structs.ts), as a module. Why a file: compiling the generated source with `new Function` at every
 * start-up cost ~25 ms of a plan (bench/startup_bench.ts); a module is compiled once into V8's code cache.
 * Run `deno run --allow-read --allow-write scripts/gen-codecs.ts` after changing a struct table;
 * tests/unit/ffi/codecs_generated.test.ts fails while the file is stale.
 */
import { generatedModule } from "../ffi/codegen.ts";

const target = new URL("../ffi/codecs.generated.js", import.meta.url);
Deno.writeTextFileSync(target, generatedModule());
console.log(`wrote ${target.pathname}`);
