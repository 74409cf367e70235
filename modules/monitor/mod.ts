/**
 * Monitoring: IKE/AuthIP and IPsec SAs, manual SA contexts and recorded net events (IKE failures, IPsec
 * drops), decoded into JSON and text with symbolic names and never a key.
 *
 * @module
 */
export * from "./monitor.ts";
export { follow, type FollowOptions, isEngineGone, type RenderedEvent } from "./follow.ts";
export { contextText, eventLine, eventsReport } from "./lines.ts";
export {
  explainCode,
  type Explanation,
  failureContext,
  failureFilterId,
  FailureResolver,
  ruleOf,
  type RuleRef,
  ruleText,
} from "./failures.ts";
export { errorCounts, statsJson, statsText } from "./stats.ts";
export {
  errorStatus,
  FAILURE_WINDOW_MINUTES,
  STATUS_LINE_MAX,
  statusJsonLine,
  statusLine,
  statusOf,
  type StatusReport,
} from "./status.ts";
export { deleteSa, parseSaId, parseSaKind, type SaDeleted } from "./saDelete.ts";
