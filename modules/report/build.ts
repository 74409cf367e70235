/**
 * Gathers the report's data (data.ts) from an engine, with or without a policy file. With one, the report is
 * a what-if: its compiled objects replace wfpsec's in the engine's view (explain's `withPolicy`) for the
 * protection map and the ladder, and the plan against the engine is included. Without one, the policy shown
 * is the one in force, decoded from wfpsec's objects (as `export` decodes it). Only enumerations run.
 */
import type { Engine } from "../engine/mod.ts";
import type { Guid, ObjectGraph } from "../graph/mod.ts";
import type { Policy } from "../model/mod.ts";
import { decompileToPolicy } from "../compiler/mod.ts";
import { PROTO_NAMES } from "../policy/mod.ts";
import { findCoexistence, withPolicy } from "../explain/mod.ts";
import { ownedGraph, planGraph, publicChanges } from "../plan/mod.ts";
import { groupTitle } from "../render/mod.ts";
import {
  EVENT_TYPES,
  failureContext,
  FailureResolver,
  ikeSaJson,
  netEventJson,
  ruleText,
  saDetailsJson,
} from "../monitor/mod.ts";
import type { RuleRef } from "../monitor/mod.ts";
import { gatherSas, policyMatrix, type ReportData, reportFailure, reportPlan } from "./data.ts";
import { protectionMap } from "./protection.ts";
import { arbitrationLadder } from "./ladder.ts";

/** A policy file, loaded and compiled (what the CLI's loadGraph returns). */
export interface ReportPolicy {
  /** The validated model. */
  policy: Policy;
  /** Its compiled graph. */
  graph: ObjectGraph;
  /** The file it came from. */
  file: string;
}

/** What the report is built from. */
export interface ReportInput {
  /** The engine (live, fwpsim or a snapshot). */
  engine: Engine;
  /** wfpsec's provider key. */
  ourProvider: Guid;
  /** A policy file for a what-if report (plan included). */
  policy?: ReportPolicy;
  /** The time stamped on the report (tests fix it). */
  now?: Date;
}

/** The report's data; reads the engine only. */
export function buildReport(input: ReportInput): ReportData {
  const { engine, ourProvider } = input;
  let policy: Policy | undefined, graph: ObjectGraph | undefined;
  let head: ReportData["policy"] = null;
  if (input.policy) {
    ({ policy, graph } = input.policy);
    head = { name: policy.name, file: input.policy.file, source: "file" };
  } else {
    graph = ownedGraph(engine, ourProvider);
    if (graph) {
      policy = decompileToPolicy(graph);
      head = { name: policy.name, file: null, source: "engine" };
    }
  }
  const source = input.policy ? withPolicy(engine, input.policy.graph, ourProvider) : engine;
  let plan: ReportData["plan"] = null;
  if (input.policy) {
    const p = planGraph(input.policy.graph, engine);
    plan = reportPlan(publicChanges(p.changes), p.summary, groupTitle as (g: never) => string);
  }
  let failures: ReportData["failures"] = null;
  if (engine.netEvents) {
    const wanted = new Set<number>(Object.values(EVENT_TYPES));
    const resolver = new FailureResolver(engine);
    failures = engine.netEvents.enumNetEvents().filter((e) => wanted.has(e.type)).map((e) => {
      const base = netEventJson(e) as Record<string, unknown>;
      const j = { ...base, ...failureContext(e, base, resolver) };
      return reportFailure(j, ruleText(j.rule as RuleRef));
    });
  }
  return {
    generated: (input.now ?? new Date()).toISOString(),
    engine: engine.info,
    policy: head,
    matrix: policy ? policyMatrix(policy, PROTO_NAMES) : [],
    protection: protectionMap(source, policy, ourProvider),
    ladder: arbitrationLadder(source, ourProvider),
    coexistence: graph ? findCoexistence(engine, graph.filters, ourProvider) : [],
    plan,
    sas: gatherSas(engine, { ikeSaJson, saDetailsJson } as never),
    failures,
  };
}
