/**
 * No module file over 800 lines (docs/architecture.md): a file that grows past it holds more than one
 * concept. Tables and generated files are exempt: their length is the data's.
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const LIMIT = 800;
/** Data, not logic: the struct layout tables and the constants transcribed from the SDK headers. */
const TABLES = new Set(["ffi/structs.ts", "ffi/constants.ts"]);

function productFiles(): string[] {
  const out = ["cli.ts", "mod.ts"];
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(join(ROOT, d))) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (p.endsWith(".ts")) out.push(p);
    }
  };
  walk("ffi");
  walk("modules");
  return out;
}

Deno.test(`no product module file is over ${LIMIT} lines (tables and generated files aside)`, () => {
  const long = productFiles()
    .filter((f) => !TABLES.has(f) && !f.endsWith(".gen.ts"))
    .map((f) => [f, Deno.readTextFileSync(join(ROOT, f)).split("\n").length] as const)
    .filter(([, n]) => n > LIMIT)
    .map(([f, n]) => `${f}: ${n} lines`);
  assert.deepEqual(long, []);
});
