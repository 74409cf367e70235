/**
 * `loadPolicy` with npm:yaml at hand (load.ts's loader plus yamlDoc.ts): the synchronous API the module
 * exports. The CLI uses load.ts's `loadPolicyLazily`, which loads npm:yaml only when a document needs it.
 *
 * @module
 */
import { loadPolicyWith, type LoadResult } from "./load.ts";
import { readYamlDocument } from "./yamlDoc.ts";

/**
 * Parses and validates a policy document (YAML or JSON). Throws `PolicyError` listing every error (and the
 * warnings) when anything is wrong; otherwise returns the model and the warnings.
 */
export function loadPolicy(text: string, file = "<policy>"): LoadResult {
  return loadPolicyWith(text, file, readYamlDocument);
}
