/**
 * Start-up: "yaml" resolves to the package's ES-module build (served from V8's code cache), not the CommonJS
 * build Deno's npm resolution picks (~55 ms of Node-compat loading per command). bench/startup_bench.ts
 * measures the effect; this pins the wiring and checks the ES build keeps positions and diagnostics.
 */
import assert from "node:assert/strict";
import { isMap, LineCounter, parseDocument } from "yaml";
import { loadPolicy } from "../../../modules/policy/mod.ts";

Deno.test("the yaml import resolves to the ES-module build, not npm:yaml's CommonJS build", () => {
  const resolved = import.meta.resolve("yaml");
  assert.ok(resolved.startsWith("file:") && resolved.endsWith("/modules/policy/yamlLib.ts"), resolved);
});

Deno.test("the ES build parses with positions and reports duplicate keys at file:line:col", () => {
  const lc = new LineCounter();
  const doc = parseDocument("a: 1\nb:\n  c: 2\n", { lineCounter: lc });
  assert.ok(isMap(doc.contents));
  assert.deepEqual(doc.toJS(), { a: 1, b: { c: 2 } });
  assert.throws(
    () => loadPolicy("version: 1\nname: x\nname: y\n", "dup.yaml"),
    (e: Error & { diagnostics?: { line?: number }[] }) => e.diagnostics?.some((d) => d.line === 3) === true,
  );
});
