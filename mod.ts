/**
 * wfpsec library API: configure Windows IPsec through the Windows Filtering Platform.
 *
 * The pipeline: `loadPolicy` (parse + validate) -> `compilePolicy` (ObjectGraph) -> `planGraph` (diff against
 * an Engine) -> `applyGraph` (one transaction). A policy with address keywords (`remote: dns`) goes through
 * `resolveAddressKeywords` (with the host's interfaces) before `compilePolicy`. `selectEngine` opens the real engine on Windows, fwpsim when
 * asked, or an offline snapshot; `render` turns objects into the documented JSON.
 *
 * @module
 */
export type * from "./modules/graph/mod.ts";
export type * from "./modules/engine/mod.ts";
/** Every GUID, enum, flag and error code wfpsec knows (the single constants table). */
export * as constants from "./ffi/constants.ts";
/** The enum and flag tables (also in `constants`) whose names `toJson` and `FlagFamily` take. */
export { ENUMS, FLAGS } from "./ffi/constants.ts";

/** Planner: prepare a graph for a host, read what our provider owns, and diff. */
export {
  AccountResolutionError,
  type AccountResolver,
  ACCOUNTS_FIXTURE_ENV,
  type Change,
  type ChangeGroup,
  type CurrentState,
  defaultAccountResolver,
  defaultResolveSecret,
  diffGraph,
  type FoundAccount,
  type ObjectKind,
  type Plan,
  type PlannedChange,
  type PlanOptions,
  type PlanSummary,
  type PreparedGraph,
  prepareGraph,
  publicChange,
  publicChanges,
  readAccountsFixture,
  readCurrent,
  type ResolvedAccount,
  type SecretResolver,
  type SecretValues,
} from "./modules/plan/mod.ts";
/** Plans a graph against an engine: the add/delete/replace changes and why. */
export { planGraph } from "./modules/plan/mod.ts";
/** Applies a graph in one engine transaction; `removeOwned` deletes everything a provider owns. */
export {
  applyGraph,
  type ApplyOptions,
  type ApplyResult,
  executePlan,
  removeOwned,
  type RemoveResult,
  type SaPhaseJournal,
} from "./modules/apply/mod.ts";
/** Read-only engines over netsh XML dumps and wfpsec JSON snapshots. */
export {
  isPartial,
  openSnapshot,
  parseJsonSnapshot,
  parseNetshXml,
  type SnapshotData,
  SnapshotEngine,
  type XmlBudget,
} from "./modules/engine/mod.ts";
/** JSON (versioned, symbolic names) and human rendering. */
export {
  filterJson,
  type FlagFamily,
  fromJsonObject,
  type Json,
  jsonHead,
  planText,
  providerContextJson,
  providerJson,
  SCHEMA_VERSION,
  showText,
  sublayerJson,
  toJson,
} from "./modules/render/mod.ts";
/** Engine selection: Windows, fwpsim (`--engine sim`) or a snapshot. */
export { type EngineRequest, fwpsimLibrary, requestedKind, selectEngine } from "./modules/engine/mod.ts";
/** The engine's objects of one provider read back as an ObjectGraph (for export). */
export { type Owned, ownedGraph, readOwned } from "./modules/plan/mod.ts";
/** Typed errors reported by the CLI: all are `WfpsecError`s, whose `toJson()` is the JSON `error` object. */
export {
  ApplyError,
  type ErrorJson,
  errorJson,
  type ErrorType,
  type ObjectRef,
  SafetyError,
  SnapshotError,
  type SnapshotLocation,
  UnsupportedPolicyError,
  UsageError,
  type WfpCodeInfo,
  WfpError,
  WfpsecError,
  type WfpsecErrorOptions,
} from "./modules/errors.ts";
/** Environment checks (`wfpsec doctor`). */
export { type Check, type DoctorPolicy, type DoctorReport, runDoctor } from "./modules/host/mod.ts";
/** Coexistence: other providers' IPsec policy on our traffic (plan, apply, doctor). */
export {
  type CoexistenceEntry,
  coexistenceRefusal,
  coexistenceText,
  findCoexistence,
  type IpsecPolicyKind,
  ipsecPolicyKind,
  type IpsecProvider,
  ipsecProviders,
  trafficOverlaps,
} from "./modules/explain/mod.ts";
/** Explain: which filters decide one connection, layer by layer (`wfpsec explain`, Get-IpsecExplanation). */
export {
  type ExplainedFilter,
  type ExplainedLayer,
  type ExplainedSublayer,
  type ExplainSource,
  explainTraffic,
  type Explanation,
  explanationText,
  type MatchResult,
  type PolicyContext,
  type ProgramIdentity,
  type Traffic,
  withPolicy,
} from "./modules/explain/mod.ts";
/** Effective filter weights: the engine's, or the one BFE would assign (documented range, inferred low bits). */
export { computeEffectiveWeight, effectiveWeightOf } from "./modules/graph/mod.ts";
/** Safety rules for elevated runs (paths non-administrators can write). */
export { assertAdminOnly, type SecurityReader } from "./modules/host/mod.ts";
/** A security descriptor's owner and DACL as the admin-only checks read them. */
export { type DecodedAce, type DecodedSecurityDescriptor, decodeSecurityDescriptor } from "./ffi/sddl.ts";
/** Policy language: parse and validate a policy file (throws PolicyError with diagnostics). */
export {
  type Diagnostic,
  DIAGNOSTIC_CODES,
  documentToYaml,
  formatDiagnostic,
  jsonSchema,
  loadPolicy,
  type LoadResult,
  type Policy,
  type PolicyDocument,
  PolicyError,
  policyToDocument,
} from "./modules/policy/mod.ts";
/** The validated policy model (`Policy` and its parts); `PolicySecretRef` is the policy's secret reference. */
export type {
  AuthMethod,
  CertificateAuth,
  Exemption,
  KeyModule,
  MainModePolicy,
  ManualSaSpec,
  MmProposal,
  PortRange,
  QmProposal,
  QuickModePolicy,
  RootCa,
  Rule,
  SaDirection,
  SecretRef as PolicySecretRef,
  SecretSource,
  TunnelSpec,
} from "./modules/policy/mod.ts";
/** A parsed address selector of the policy model; address keywords and the interfaces they resolve against. */
export {
  ADDRESS_KEYWORDS,
  type AddressKeyword,
  type AddrSpec,
  type HostInterface,
} from "./modules/model/mod.ts";
/** Authorization lists by name: an entry as written, and what `authorization.machines` / `users` hold. */
export type { AccountName, AuthorizationField, AuthorizationSpec } from "./modules/model/mod.ts";
/** Compiler: policy -> ObjectGraph, and the object graph back to a policy document. */
export {
  compilePolicy,
  decompile,
  decompileToPolicy,
  type KeywordResolution,
  renderGraph,
  resolveAddressKeywords,
  type ResolvedPolicy,
  WFPSEC_PROVIDER_KEY,
  WFPSEC_SUBLAYER_KEY,
  type WfpsecMeta,
} from "./modules/compiler/mod.ts";
/** Isolation templates (`wfpsec new`). */
export {
  expandTemplate,
  type IsolationKind,
  type IsolationParams,
  newPolicyDocument,
} from "./modules/policy/mod.ts";
