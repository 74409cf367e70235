/**
 * `wfpsec status POLICY`: one line (at most STATUS_LINE_MAX characters) for an MDM detection script (Intune
 * Remediations, a ConfigMgr configuration item): is this host on its declared IPsec policy? The line names
 * the policy and its digest, says in sync or drifted (with the plan's counts), counts disabled objects of
 * ours, names coexisting foreign IPsec policy (other providers' filters at the IKEEXT/IPsec layers), the SA
 * counts and the failures of the last hour (tied to rules: ours, foreign, unknown). Compliant means in sync,
 * nothing of ours disabled and no apply awaiting confirmation (`apply --confirm-within`: what is in force is
 * provisional, its revert is due at the deadline); anything else, and any error, is not compliant.
 */
import type { Engine, NetEvent1 } from "../engine/mod.ts";
import type { ObjectGraph } from "../graph/mod.ts";
import { digestOf } from "../graph/mod.ts";
import type { PlanSummary } from "../plan/mod.ts";
import { FLAGS, ikeErrorName, LAYERS } from "../../ffi/constants.ts";
import { failureFilterId, FailureResolver } from "./failures.ts";
import { EVENT_TYPES, fileTimeOf } from "./monitor.ts";

/** What Intune Remediations and ConfigMgr read of a detection script's output: at most 2,048 characters. */
export const STATUS_LINE_MAX = 2048;

/** How far back `failures` looks. */
export const FAILURE_WINDOW_MINUTES = 60;

/** The layers where IPsec policy lives (main mode at IKEEXT, quick mode at IPSEC). */
const IPSEC_LAYERS = [
  LAYERS.FWPM_LAYER_IKEEXT_V4,
  LAYERS.FWPM_LAYER_IKEEXT_V6,
  LAYERS.FWPM_LAYER_IPSEC_V4,
  LAYERS.FWPM_LAYER_IPSEC_V6,
];

/** An apply awaiting confirmation (modules/apply/armed.ts AwaitingConfirmation, as the status reports it). */
export interface StatusAwaiting {
  policy: { name: string; file: string };
  deadline: string;
  /** The policy the revert restores; null: it removes wfpsec's objects. */
  revertsTo: string | null;
  /** The deadline passed and the revert has not run. */
  overdue: boolean;
}

/** The states of a recorded incomplete apply (cli/incompleteApply.ts, plan's `incompleteApply.state`). */
export type IncompleteApplyState = "in-progress" | "interrupted" | "failed";

/** The status of one host against one policy. */
export interface StatusReport {
  compliant: boolean;
  /** The engine is fwpsim (a test double): the line says so. */
  simulated: boolean;
  /** Why not compliant (empty when compliant). */
  reasons: string[];
  policy: { name: string | null; file: string; digest: string | null };
  inSync: boolean | null;
  drift: PlanSummary | null;
  disabled: { provider: boolean; filters: number; names: string[] } | null;
  foreign:
    | { filters: number; providers: { key: string | null; name: string | null; filters: number }[] }
    | null;
  sas: { ike: number; ipsec: number; contexts: number } | null;
  /** The apply awaiting confirmation on this host, or null (also when the status could not be determined). */
  awaitingConfirmation: StatusAwaiting | null;
  /** The state of a recorded apply that did not finish its SA phase (as plan's `incompleteApply`), or null. */
  incompleteApply: IncompleteApplyState | null;
  failures: {
    windowMinutes: number;
    total: number;
    wfpsec: number;
    foreign: number;
    unknown: number;
    top: { name: string; count: number }[];
  } | null;
  /** The error that made the status unknown (policy or engine), if any. */
  error: { type: string; message: string } | null;
}

/** The inputs `statusOf` needs (the CLI loads the policy, compiles it and plans it). */
export interface StatusInput {
  engine: Engine;
  graph: ObjectGraph;
  name: string;
  file: string;
  /** The plan's result (planGraph). */
  plan: { inSync: boolean; summary: PlanSummary };
  /** The apply awaiting confirmation (cli/armedNotice.ts readAwaiting), if any. */
  armed?: StatusAwaiting | null;
  /**
   * The state of a recorded apply that did not finish its SA phase (cli/incompleteApply.ts), if any: the
   * host is not compliant until an apply finishes it, even where the plan alone looks in sync.
   */
  incompleteApply?: IncompleteApplyState | null;
  now?: Date;
}

/** The full report for a loaded policy against an open engine. */
export function statusOf(inp: StatusInput): StatusReport {
  const { engine, graph } = inp;
  const providerKey = graph.provider.providerKey.toLowerCase();
  // Disabled objects of ours: a disabled provider disables its filters at the next BFE start.
  const provider = engine.getProvider(providerKey);
  const providerDisabled = Boolean(
    provider && (provider.flags & FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED),
  );
  const ours = engine.enumFilters({ providerKey });
  const disabledFilters = ours.filter((f) => f.flags & FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED);

  // Other providers' IPsec policy on the same host (only one IPsec policy is in force per traffic).
  const byProvider = new Map<string, { key: string | null; name: string | null; filters: number }>();
  let foreignFilters = 0;
  for (const layerKey of IPSEC_LAYERS) {
    for (const f of engine.enumFilters({ layerKey })) {
      const pk = f.providerKey?.toLowerCase() ?? null;
      if (pk === providerKey) continue;
      foreignFilters++;
      const k = pk ?? "";
      let p = byProvider.get(k);
      if (!p) {
        p = { key: pk, name: pk ? engine.getProvider(pk)?.displayData?.name ?? null : null, filters: 0 };
        byProvider.set(k, p);
      }
      p.filters++;
    }
  }

  let sas: StatusReport["sas"] = null;
  if (engine.sa) {
    sas = {
      ike: engine.sa.enumIkeSas().length,
      ipsec: engine.sa.enumIpsecSas().length,
      contexts: engine.sa.enumSaContexts().length,
    };
  }

  let failures: StatusReport["failures"] = null;
  if (engine.netEvents) {
    const now = inp.now ?? new Date();
    const since = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
    const kinds = new Set<number>(Object.values(EVENT_TYPES));
    const events = engine.netEvents.enumNetEvents({ startTime: fileTimeOf(since) }).filter((e) =>
      kinds.has(e.type)
    );
    const resolver = new FailureResolver(engine);
    const f = {
      windowMinutes: FAILURE_WINDOW_MINUTES,
      total: events.length,
      wfpsec: 0,
      foreign: 0,
      unknown: 0,
    };
    const names = new Map<string, number>();
    for (const e of events) {
      const owner = failureFilterId(e) === 0n ? "unknown" : resolver.rule(e).owner;
      f[owner]++;
      const name = codeName(e);
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    const top = [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)
      .map(([name, count]) => ({ name, count }));
    failures = { ...f, top };
  }

  const reasons: string[] = [];
  if (!inp.plan.inSync) reasons.push("drifted");
  if (providerDisabled) reasons.push("provider disabled");
  if (disabledFilters.length) reasons.push(`${disabledFilters.length} filter(s) disabled`);
  const a = inp.armed ?? null;
  if (a) reasons.push(a.overdue ? "revert overdue" : "awaiting confirmation");
  const incompleteApply = inp.incompleteApply ?? null;
  if (incompleteApply) reasons.push(`incomplete apply (${incompleteApply})`);
  return {
    compliant: reasons.length === 0,
    simulated: engine.info.simulated,
    reasons,
    policy: { name: inp.name, file: inp.file, digest: "sha256:" + digestOf(graph) },
    inSync: inp.plan.inSync,
    drift: inp.plan.summary,
    disabled: {
      provider: providerDisabled,
      filters: disabledFilters.length,
      names: disabledFilters.slice(0, 3).map((f) => f.displayData?.name ?? f.filterKey),
    },
    foreign: {
      filters: foreignFilters,
      providers: [...byProvider.values()].sort((a, b) => b.filters - a.filters),
    },
    sas,
    awaitingConfirmation: a && {
      policy: a.policy,
      deadline: a.deadline,
      revertsTo: a.revertsTo,
      overdue: a.overdue,
    },
    incompleteApply,
    failures,
    error: null,
  };
}

function codeName(e: NetEvent1): string {
  const code = e.ikeMmFailure?.failureErrorCode ?? e.ikeQmFailure?.failureErrorCode ??
    e.ikeEmFailure?.failureErrorCode ?? e.ipsecDrop?.failureStatus ?? 0;
  return ikeErrorName(code) ?? "0x" + (code >>> 0).toString(16).padStart(8, "0");
}

/** The report of a status that could not be determined (bad policy file, engine unreachable). */
export function errorStatus(
  file: string,
  name: string | null,
  type: string,
  message: string,
  simulated = false,
): StatusReport {
  return {
    compliant: false,
    simulated,
    reasons: [type === "PolicyError" ? "policy error" : "engine error"],
    policy: { name, file, digest: null },
    inSync: null,
    drift: null,
    disabled: null,
    foreign: null,
    sas: null,
    awaitingConfirmation: null,
    incompleteApply: null,
    failures: null,
    error: { type, message },
  };
}

/** Cuts `s` to `max` characters, marking the cut. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 3)) + "...";
}

/** The one text line (at most STATUS_LINE_MAX characters, no line breaks). */
export function statusLine(r: StatusReport): string {
  const parts: string[] = [];
  const name = r.policy.name === null ? "?" : `'${clip(r.policy.name, 80)}'`;
  const verdict = (r.compliant ? "COMPLIANT" : "NOT COMPLIANT") + (r.simulated ? " (SIMULATOR)" : "");
  parts.push(
    `wfpsec ${verdict}: policy ${name}` + (r.policy.digest ? ` ${r.policy.digest.slice(0, 19)}` : ""),
  );
  if (r.error) {
    parts.push(`${r.error.type}: ${r.error.message}`);
  } else {
    const d = r.drift!;
    parts.push(
      r.inSync
        ? `in sync (${d.unchanged} objects)`
        : `DRIFTED (add ${d.add}, delete ${d.delete}, replace ${d.replace}, unchanged ${d.unchanged})`,
    );
    const dis = r.disabled!;
    parts.push(
      dis.provider || dis.filters
        ? `DISABLED: ${dis.provider ? "provider, " : ""}${dis.filters} filter(s)` +
          (dis.names.length ? ` (${dis.names.map((n) => clip(n, 60)).join(", ")})` : "")
        : "disabled: none",
    );
    const fo = r.foreign!;
    parts.push(
      fo.filters
        ? `foreign IPsec policy: ${fo.filters} filter(s) of ` +
          fo.providers.slice(0, 3).map((p) =>
            `'${clip(p.name ?? p.key ?? "no provider", 60)}' (${p.filters})`
          )
            .join(", ") +
          (fo.providers.length > 3 ? `, +${fo.providers.length - 3} more` : "")
        : "foreign IPsec policy: none",
    );
    if (r.incompleteApply) parts.push(`INCOMPLETE APPLY (${r.incompleteApply}): the next apply finishes it`);
    const a = r.awaitingConfirmation;
    if (a) {
      const to = a.revertsTo === null
        ? "undone (wfpsec's objects removed)"
        : `reverted to '${clip(a.revertsTo, 80)}'`;
      const apply = `the apply of '${clip(a.policy.name, 80)}'`;
      parts.push(
        a.overdue
          ? `REVERT OVERDUE: ${apply} was due to be ${to} at ${a.deadline}; run wfpsec revert --due`
          : `AWAITING CONFIRMATION: ${apply} is ${to} at ${a.deadline} unless wfpsec confirm runs`,
      );
    }
    if (r.sas) parts.push(`SAs: ${r.sas.ike} IKE, ${r.sas.ipsec} IPsec, ${r.sas.contexts} manual`);
    if (r.failures) {
      const f = r.failures;
      parts.push(
        `failures last ${f.windowMinutes} min: ${f.total}` +
          (f.total
            ? ` (ours ${f.wfpsec}, foreign ${f.foreign}, unknown ${f.unknown}; ` +
              f.top.map((t) => `${t.name} x${t.count}`).join(", ") + ")"
            : ""),
      );
    }
  }
  return clip(parts.join("; ").replace(/[\r\n]+/g, " "), STATUS_LINE_MAX);
}

/**
 * The report as one JSON line of at most STATUS_LINE_MAX characters: `head` first, then the report; lists are
 * shortened (and the error message clipped) until it fits, never the verdict.
 */
export function statusJsonLine(head: Record<string, unknown>, r: StatusReport): string {
  const doc = (rep: StatusReport) => JSON.stringify({ ...head, ...rep, line: statusLine(rep) });
  let text = doc(r);
  if (text.length <= STATUS_LINE_MAX) return text;
  const slim: StatusReport = structuredClone(r);
  if (slim.foreign) slim.foreign.providers = slim.foreign.providers.slice(0, 3);
  if (slim.disabled) slim.disabled.names = slim.disabled.names.slice(0, 1).map((n) => clip(n, 60));
  if (slim.failures) slim.failures.top = slim.failures.top.slice(0, 1);
  text = doc(slim);
  if (text.length <= STATUS_LINE_MAX) return text;
  if (slim.error) slim.error.message = clip(slim.error.message, 300);
  if (slim.foreign) {
    slim.foreign.providers = slim.foreign.providers.map((p) => ({ ...p, name: p.name && clip(p.name, 40) }));
  }
  slim.policy.file = clip(slim.policy.file, 200);
  if (slim.awaitingConfirmation) {
    const a = slim.awaitingConfirmation;
    a.policy = { name: clip(a.policy.name, 80), file: clip(a.policy.file, 200) };
    a.revertsTo = a.revertsTo && clip(a.revertsTo, 80);
  }
  slim.policy.name = slim.policy.name && clip(slim.policy.name, 80);
  const reduced = { ...head, ...slim };
  text = JSON.stringify({ ...reduced, line: clip(statusLine(slim), 600) });
  return text.length <= STATUS_LINE_MAX ? text : JSON.stringify({
    schemaVersion: head.schemaVersion,
    command: head.command,
    compliant: slim.compliant,
    reasons: slim.reasons,
    line: clip(statusLine(slim), 1500),
  });
}
