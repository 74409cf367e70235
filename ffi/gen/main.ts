/**
 * `deno task gen`: writes the files generated from the struct tables — the struct types
 * (`ffi/structs.gen.ts`) and the golden copy of the generated codec source (`tests/unit/ffi/codecs.golden.js.txt`,
 * so a codegen change shows in review). Unit tests fail when either committed file is stale.
 */
import { generateTypes } from "./types.ts";
import { generateSource } from "../codegen.ts";

/** Repository-relative path -> generated text. */
export function generatedFiles(): Record<string, string> {
  return {
    "ffi/structs.gen.ts": generateTypes(),
    "tests/unit/ffi/codecs.golden.js.txt": generateSource(),
  };
}

if (import.meta.main) {
  const root = new URL("../../", import.meta.url);
  for (const [path, text] of Object.entries(generatedFiles())) {
    const url = new URL(path, root);
    let old: string | undefined;
    try {
      old = Deno.readTextFileSync(url);
    } catch { /* new file */ }
    if (old === text) continue;
    Deno.writeTextFileSync(url, text);
    console.log(`gen: wrote ${path}`);
  }
}
