/**
 * `wfpsec report` in the command table (commands.ts): options, help and output; the data is gathered by
 * modules/report/build.ts and rendered by html.ts, dot.ts or mermaid.ts. It only reads the engine.
 */
import { type Command, ENGINE_OPTS, VERSION } from "./command.ts";
import {
  head,
  hostAddressing,
  loadGraph,
  openEngine,
  printWarnings,
  providerKey,
  writeOutputFile,
} from "./support.ts";

const FORMATS = ["html", "dot", "mermaid"] as const;

/** The `report` command. */
export const REPORT_COMMAND: Command = {
  summary: "one self-contained HTML page (or a dot/Mermaid graph) of the policy, protection and arbitration",
  usage:
    "wfpsec report [POLICY] [--html | --format html|dot|mermaid] [-o FILE] [--state SNAPSHOT] [--json]\n" +
    "       [engine options]",
  details: "Writes one page an admin can open offline (inline CSS, SVG and script, nothing fetched) with:\n" +
    "  - the policy as a matrix: each rule's remote and local scopes, traffic, inbound/outbound security,\n" +
    "    authentication, main- and quick-mode crypto; exemptions, tunnels and manual SAs;\n" +
    "  - the protection map: each remote scope our rules or other providers' IPsec policy name, and which\n" +
    "    rule or foreign provider governs its traffic out and in (by the filter arbitration `explain` uses);\n" +
    "  - the arbitration ladder per IPsec layer: sublayers by weight, our filters among the others;\n" +
    "  - with POLICY: the plan as before/after by policy item (a what-if: its compiled objects replace\n" +
    "    wfpsec's in the engine's view; its pre-shared keys must be readable, as for plan); without it,\n" +
    "    the policy in force, decoded;\n" +
    "  - SAs and recorded IKE failures / IPsec drops, when the engine has them (not snapshots).\n" +
    "--state SNAPSHOT reads a netsh wfp show state/filters dump or a `wfpsec show --all --json` file.\n" +
    "  --html                 the HTML page (the default format)\n" +
    "  --format FORMAT        html, dot (Graphviz) or mermaid: the scope -> rule/provider graph for wikis\n" +
    "  -o, --output FILE      write to FILE (otherwise stdout)\n" +
    "  --json                 the report's data as one JSON document on stdout (docs/cli-json.md); with -o\n" +
    "                         the page or graph is written to FILE as well\n" +
    "Every engine string is escaped; pre-shared keys and SA keys are never included. Exit 0, 1 on error.",
  options: {
    ...ENGINE_OPTS,
    state: { type: "string" },
    html: { type: "boolean" },
    format: { type: "string" },
    output: { type: "string", short: "o" },
  },
  positionals: [0, 1],
  async run(v, [file], out) {
    const { UsageError } = await import("../errors.ts");
    const format = (v.format as string | undefined) ?? "html";
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format ${format}: expected ${FORMATS.join(", ")}`);
    }
    if (v.html && format !== "html") throw new UsageError(`--html and --format ${format} exclude each other`);
    const loaded = file ? await loadGraph(file, hostAddressing(v, true, false)) : undefined;
    if (loaded) printWarnings(loaded, out);
    const engine = await openEngine(v, out, true);
    try {
      const r = await import("../report/mod.ts");
      const data = r.buildReport({
        engine,
        ourProvider: await providerKey(),
        ...(loaded ? { policy: { policy: loaded.policy, graph: loaded.graph, file: loaded.file } } : {}),
      });
      const target = v.output as string | undefined;
      const rendered = () =>
        format === "html"
          ? r.reportHtml(data, VERSION)
          : format === "dot"
          ? r.reportDot(data)
          : r.reportMermaid(data);
      // --json: the data on stdout; with -o the page (or graph) is written too, as export -o --json does.
      if (target) await writeOutputFile(target, rendered());
      if (out.json) {
        const { engine: _info, ...rest } = data; // the head names the engine
        out.doc({ ...(await head("report", engine)), format, file: target ?? null, ...rest });
      } else if (target) out.err(`wrote ${target}`);
      else {
        const bytes = new TextEncoder().encode(rendered());
        for (let off = 0; off < bytes.length;) off += Deno.stdout.writeSync(bytes.subarray(off));
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};
