/**
 * The wfpsec policy language: load (parse + validate) a policy file, the validated model, diagnostics,
 * the JSON Schema, isolation templates and document <-> YAML.
 *
 * @module
 */
export { type LoadResult } from "./load.ts";
export { loadPolicy } from "./loadPolicy.ts";
export { type Diagnostic, DIAGNOSTIC_CODES, formatDiagnostic, PolicyError } from "./diagnostics.ts";
/** The policy reader's byte decoder (UTF-8, UTF-16 with BOM; located bad-encoding errors), for other text inputs. */
export { decodePolicyBytes } from "./decode.ts";
export { documentToYaml, type PolicyDocument, policyToDocument, PROTO_NAMES } from "./document.ts";
export { jsonSchema } from "./fields.ts";
export {
  findOverlaps,
  type OverlapPair,
  type Overlaps,
  type OverlapTie,
  type PrecedenceEntry,
  precedenceOrder,
  rankAt,
  securityText,
} from "../model/mod.ts";
export type * from "../model/mod.ts";
export {
  expandTemplate,
  type IsolationKind,
  type IsolationParams,
  newPolicyDocument,
  parseTemplateArgs,
} from "./templates.ts";
export {
  MM_PROPOSALS as WINDOWS_DEFAULT_MM_PROPOSALS,
  QM_PROPOSALS as WINDOWS_DEFAULT_QM_PROPOSALS,
} from "./windowsDefaults.ts";
