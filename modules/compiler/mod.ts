/**
 * The wfpsec compiler: validated policy -> WFP object graph, the inverse (graph -> policy document) for
 * `export`, and a readable rendering of a graph.
 *
 * @module
 */
export { compilePolicy, type WfpsecMeta } from "./compile.ts";
export {
  contextTerms,
  decompile,
  decompileToPolicy,
  type SelectorTerms,
  selectorTerms,
} from "./decompile.ts";
export { renderGraph } from "./render.ts";
export {
  type KeywordResolution,
  keywordUses,
  resolutionText,
  resolveAddressKeywords,
  type ResolvedPolicy,
} from "./hostAddresses.ts";
export {
  objectKey,
  uuidV5,
  WFPSEC_PROVIDER_KEY,
  WFPSEC_PROVIDER_SERVICE,
  WFPSEC_SUBLAYER_KEY,
} from "./keys.ts";
export { documentToYaml, type PolicyDocument } from "../policy/mod.ts";
// Manual SA key formats live with the graph (plan and apply need them without the compiler).
export { GCM_SALT_BYTES, gcmKeyLength } from "../graph/mod.ts";
