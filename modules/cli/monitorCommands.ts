/**
 * The monitoring commands of the command table (commands.ts): `sa` (and `sa --delete`), `events` (and
 * `events --follow`), `stats`, `status`. Their logic lives in modules/monitor/; here are options, help and
 * output.
 */
import { type Command, ENGINE_OPTS, Output, type Values } from "./command.ts";
import {
  diagnosticJson,
  diagnosticLine,
  head,
  hostAddressing,
  type Loaded,
  loadGraph,
  openEngine,
} from "./support.ts";

type Engine = import("../engine/mod.ts").Engine;

/** The error document of a failure (as cli.ts prints it). */
async function errorDoc(e: unknown, command: string) {
  const { errorJson } = await import("../errors.ts");
  return { schemaVersion: 1, command, error: errorJson(e) };
}

/**
 * `events --follow` (modules/monitor/follow.ts): stdout gets the lines, stderr the operator messages;
 * SIGINT and SIGTERM (SIGBREAK on Windows, which has no SIGTERM) stop it with exit 0.
 */
async function followEvents(v: Values, out: Output, kinds: Set<number>, since: Date | undefined) {
  const { follow } = await import("../monitor/follow.ts");
  const { eventLine } = await import("../monitor/lines.ts");
  const { FailureResolver, failureContext } = await import("../monitor/failures.ts");
  const m = await import("../monitor/monitor.ts");
  // One resolver (filter id -> rule, cached) per session: a reconnect gets a fresh one.
  const resolvers = new WeakMap<object, InstanceType<typeof FailureResolver>>();
  const ac = new AbortController();
  const stop = () => ac.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT", "SIGBREAK"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  const enc = new TextEncoder();
  const write = (text: string) => {
    const bytes = enc.encode(text);
    for (let off = 0; off < bytes.length;) off += Deno.stdout.writeSync(bytes.subarray(off));
  };
  let first = true;
  try {
    return await follow({
      // The simulator banner once, not at every reconnect.
      open: () =>
        openEngine(v, first ? out : new Output(out.command, true), false).finally(() => first = false),
      json: out.json,
      kinds,
      since,
      render: (e, engine) => {
        let r = resolvers.get(engine);
        if (!r) resolvers.set(engine, r = new FailureResolver(engine));
        const base = m.netEventJson(e) as Record<string, unknown>;
        const json = { ...base, ...failureContext(e, base, r) };
        return { json, text: eventLine(e, json) };
      },
      write,
      warn: (msg) => out.err(msg),
      signal: ac.signal,
      probeMs: envMs("WFPSEC_FOLLOW_PROBE_MS"),
      retryMs: envMs("WFPSEC_FOLLOW_RETRY_MS"),
    });
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  }
}

/** A millisecond setting from the environment (tests shorten the follow loop's intervals), or undefined. */
function envMs(name: string): number | undefined {
  const n = Number(Deno.env.get(name));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 60_000) : undefined;
}

/** sa, events, stats, status (in that order in the help). */
export const MONITOR_COMMANDS: Record<string, Command> = {
  sa: {
    summary: "IKE/AuthIP SAs, IPsec SAs and manual SA contexts in force (never key material)",
    usage: "wfpsec sa [--delete ID [--kind ike|context]] [--json] [engine options]",
    details:
      "Enumerates the engine's IKE/AuthIP main-mode SAs (IkeextSaEnum2), IPsec SAs (IPsecSaEnum1) and\n" +
      "manual SA contexts (IPsecSaContextEnum1) with symbolic names. Keys are never shown. The simulator\n" +
      "negotiates nothing: on fwpsim only SAs installed through manual SA contexts of this process appear.\n" +
      "  --delete ID            end one SA instead: an IKE/AuthIP main-mode SA (IkeextSaDeleteById0, like\n" +
      "                         Remove-NetIPsecMainModeSA; its quick-mode SAs go with it) or a manual SA\n" +
      "                         context (IPsecSaContextDeleteById0), by the id 'wfpsec sa' shows\n" +
      "  --kind ike|context     which kind ID is, when it is both (otherwise found by looking it up)\n" +
      "A deleted manual SA context of the policy is re-created by the next apply.",
    options: { ...ENGINE_OPTS, delete: { type: "string" }, kind: { type: "string" } },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("../errors.ts");
      const del = v.delete as string | undefined;
      if (v.kind !== undefined && del === undefined) throw new UsageError("--kind goes with --delete ID");
      const d = del === undefined ? undefined : await import("../monitor/saDelete.ts");
      const id = d && del !== undefined ? d.parseSaId(del) : undefined; // before the engine: bad input opens nothing
      d?.parseSaKind(v.kind as string | undefined);
      const engine = await openEngine(v, out, false);
      try {
        const sa = engine.sa;
        if (!sa) throw new UsageError(`${engine.info.description} has no SA enumeration`);
        if (d && id !== undefined) {
          const deleted = d.deleteSa(sa, id, v.kind as string | undefined);
          if (out.json) out.doc({ ...(await head("sa", engine)), deleted });
          else out.text(`Deleted ${deleted.kind === "ike" ? "IKE SA" : "manual SA context"} ${deleted.id}.`);
          return 0;
        }
        const ikeSas = sa.enumIkeSas(), ipsecSas = sa.enumIpsecSas(), saContexts = sa.enumSaContexts();
        const m = await import("../monitor/monitor.ts");
        if (out.json) {
          out.doc({
            ...(await head("sa", engine)),
            ikeSas: ikeSas.map(m.ikeSaJson),
            ipsecSas: ipsecSas.map(m.saDetailsJson),
            saContexts: saContexts.map(m.saContextJson),
          });
        } else {
          out.text(`SAs in ${engine.info.description}:\n`);
          out.text(m.saText({ ikeSas, ipsecSas, saContexts }));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },
  events: {
    summary: "recorded IKE/AuthIP failures and IPsec drops (net events), decoded with names",
    usage: "wfpsec events [--since ISO] [--type mm|qm|em|drop] [--follow] [--json] [engine options]",
    details:
      "Enumerates the engine's net events (FwpmNetEventEnum1) and shows the IKE main-mode (mm), quick-mode\n" +
      "(qm) and extended-mode (em) failures and IPsec kernel drops (drop), oldest first, with the failure\n" +
      "code's name (ERROR_IPSEC_IKE_*, STATUS_IPSEC_*), failure point, state and addresses.\n" +
      "  --since ISO            only events at or after this time (ISO 8601, e.g. 2026-11-27T01:00:00Z)\n" +
      "  --type mm|qm|em|drop   only events of this kind\n" +
      "  --follow               keep running and print each new event as it happens (FwpmNetEventSubscribe0),\n" +
      "                         one line each (one JSON object per line with --json); with --since the\n" +
      "                         recorded events come first. Ctrl+C (SIGINT) or SIGTERM stops it (exit 0).\n" +
      "                         If the engine goes away (BFE stopped) it says so, waits and follows again.\n" +
      "Windows records net events only while collection is on (FWPM_ENGINE_COLLECT_NET_EVENTS, the default).\n" +
      "The simulator negotiates nothing and drops nothing: on fwpsim only events injected by tests appear.",
    options: {
      since: { type: "string" },
      type: { type: "string" },
      follow: { type: "boolean" },
      ...ENGINE_OPTS,
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("../errors.ts");
      const m = await import("../monitor/monitor.ts");
      // Both options are checked before the engine is opened: bad input changes nothing and needs no engine.
      const sinceText = v.since as string | undefined;
      let since: Date | undefined;
      if (sinceText !== undefined) {
        since = new Date(sinceText);
        if (!/^\d{4}-\d{2}-\d{2}/.test(sinceText) || Number.isNaN(since.getTime())) {
          throw new UsageError(
            `--since: "${sinceText}" is not an ISO 8601 date/time (e.g. 2026-11-27T01:00:00Z)`,
          );
        }
      }
      const kind = v.type as string | undefined;
      const kinds = Object.keys(m.EVENT_TYPES);
      if (kind !== undefined && !kinds.includes(kind)) {
        throw new UsageError(`--type: "${kind}" is not one of ${kinds.join(", ")}`);
      }
      const wanted = new Set<number>(
        kind ? [m.EVENT_TYPES[kind as keyof typeof m.EVENT_TYPES]] : Object.values(m.EVENT_TYPES),
      );
      if (v.follow) return await followEvents(v, out, wanted, since);
      const engine = await openEngine(v, out, false);
      try {
        const ops = engine.netEvents;
        if (!ops) throw new UsageError(`${engine.info.description} has no net-event enumeration`);
        // Other event types (classify drops, DoS-protection drops, ...) are not IPsec failures: left out.
        const events = ops.enumNetEvents(since ? { startTime: m.fileTimeOf(since) } : {})
          .filter((e) => wanted.has(e.type));
        // Each failure with the rule its filter belongs to (ours, foreign, or gone) and a plain-words cause.
        const { FailureResolver, failureContext } = await import("../monitor/failures.ts");
        const resolver = new FailureResolver(engine);
        const rows = events.map((event) => {
          const base = m.netEventJson(event) as Record<string, unknown>;
          return { event, json: { ...base, ...failureContext(event, base, resolver) } };
        });
        if (out.json) {
          out.doc({
            ...(await head("events", engine)),
            since: since ? since.toISOString() : null,
            type: kind ?? null,
            events: rows.map((r) => r.json),
          });
        } else {
          const scope = [since ? `since ${since.toISOString()}` : "", kind ? `type ${kind}` : ""]
            .filter(Boolean).join(", ");
          out.text(`Net events in ${engine.info.description}${scope ? ` (${scope})` : ""}:\n`);
          const { eventsReport } = await import("../monitor/lines.ts");
          out.text(eventsReport(rows));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },
  stats: {
    summary: "IPsec and IKE/AuthIP statistics: SA counts, negotiations, IKE errors, drops, traffic",
    usage: "wfpsec stats [--json] [engine options]",
    details:
      "Reads the engine's counters (IPsecGetStatistics1, IkeextGetStatistics1): IPsec SAs active and\n" +
      "negotiating, main/quick/extended-mode negotiations started, succeeded and failed per keying module\n" +
      "(IKEv1, AuthIP, IKEv2) and IP version, how often each IKE error occurred, inbound drops by reason, and\n" +
      "traffic counts. The counters are the engine's since BFE/IKEEXT started. On fwpsim they are whatever a\n" +
      "test set (zero otherwise).",
    options: { ...ENGINE_OPTS },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("../errors.ts");
      const engine = await openEngine(v, out, false);
      try {
        const ops = engine.statistics;
        if (!ops) throw new UsageError(`${engine.info.description} has no statistics (IPsecGetStatistics1)`);
        const ipsec = ops.ipsecStatistics(), ike = ops.ikeextStatistics();
        const s = await import("../monitor/stats.ts");
        if (out.json) out.doc({ ...(await head("stats", engine)), ...s.statsJson(ipsec, ike) });
        else {
          out.text(`Statistics of ${engine.info.description}:\n`);
          out.text(s.statsText(ipsec, ike));
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },
  status: {
    summary: "one line for MDM detection: compliant or not with POLICY (exit 0 compliant, 1 not)",
    usage: "wfpsec status FILE [--json] [engine options]",
    details:
      "Prints ONE line of at most 2,048 characters (what Intune Remediations and ConfigMgr configuration\n" +
      "items read): the policy's name and digest, in sync or drifted (the plan's counts), disabled objects of\n" +
      "ours, coexisting foreign IPsec policy (other providers' filters at the IKEEXT/IPsec layers), SA counts\n" +
      "and the IKE/IPsec failures of the last hour (ours, foreign, unknown). With --json the same as one JSON\n" +
      "object on one line. Exit 0 when compliant (in sync, nothing disabled), 1 when not: drifted, disabled,\n" +
      "or the policy or engine could not be read (the line says which). Changes nothing.\n" +
      "An apply awaiting confirmation (apply --confirm-within) is not compliant either: what is in force\n" +
      "is provisional until `wfpsec confirm` (the line says AWAITING CONFIRMATION, or REVERT OVERDUE).\n" +
      "Nor is a recorded apply that did not finish its SA phase (see plan; the line says INCOMPLETE APPLY).",
    options: { ...ENGINE_OPTS },
    positionals: [1, 1],
    async run(v, [file], out) {
      const st = await import("../monitor/status.ts");
      const print = async (r: import("../monitor/status.ts").StatusReport, engine?: Engine) => {
        if (out.json) console.log(st.statusJsonLine(await head("status", engine), r));
        else console.log(st.statusLine(r));
        return r.compliant ? 0 : 1;
      };
      let loaded: Loaded;
      try {
        loaded = await loadGraph(file, hostAddressing(v, false, false));
      } catch (e) {
        const err = e as Error & { diagnostics?: Record<string, unknown>[] };
        const first = err.diagnostics?.[0];
        const message = first ? diagnosticLine(diagnosticJson(first, file)) : err.message;
        const type = String((await errorDoc(e, "status")).error.type);
        return await print(st.errorStatus(file, null, type, message));
      }
      let engine: Engine | undefined;
      try {
        engine = await openEngine(v, out, false);
        const { planGraph } = await import("../plan/plan.ts");
        const plan = planGraph(loaded.graph, engine);
        const { readAwaiting } = await import("./armedNotice.ts");
        const armed = await readAwaiting(engine, v["sim-state"] as string | undefined);
        const incomplete = await (await import("./incompleteApply.ts")).incompleteApplyForPlan(engine, v);
        return await print(
          st.statusOf({
            engine,
            graph: loaded.graph,
            name: loaded.name,
            file,
            plan,
            armed,
            incompleteApply: incomplete?.state ?? null,
          }),
          engine,
        );
      } catch (e) {
        const doc = await errorDoc(e, "status");
        return await print(
          st.errorStatus(
            file,
            loaded.name,
            String(doc.error.type),
            String(doc.error.message),
            engine?.info.simulated ?? v.engine === "sim",
          ),
          engine,
        );
      } finally {
        engine?.close();
      }
    },
  },
};
