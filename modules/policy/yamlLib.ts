/**
 * npm:yaml as wfpsec loads it: the package's own ES-module build (browser/, the same source as its CommonJS
 * dist/), typed by the package's declarations. Why: Deno resolves `npm:yaml` to the CommonJS build under the
 * "node" condition, and that goes through the Node compatibility loader (~55 ms per start-up here), while an
 * ES module graph is served from V8's code cache (~8 ms, measured with bench/startup_bench.ts). The ES build
 * never reads process.env. deno.json maps "yaml" here, so every `import ... from "yaml"` stays as it is.
 *
 * @module
 */
// @ts-types="npm:yaml@2.9.1"
export * from "../../node_modules/yaml/browser/index.js";
