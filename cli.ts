/**
 * wfpsec command line: validate, plan, apply, remove, show, export, new, constants, doctor, sa, events, stats,
 * status, dsc (the DSC v3 resource), help.
 *
 * Start-up stays lean: nothing is imported eagerly; each command imports what it needs.
 * Output contract (docs/cli-json.md): with `--json` exactly one JSON object on stdout (schemaVersion 1);
 * human text otherwise; errors on stderr; exit 0 ok/in sync, 1 error, 2 `plan` found pending changes.
 * Whenever the engine is the simulator or a snapshot, the output says so (stderr banner / engine.simulated).
 */
import {
  COMMANDS,
  COMMON,
  diagnosticLine,
  ENGINE_HELP,
  loadedPolicy,
  type Opt,
  Output,
  parseArgs,
  type Values,
  VERSION,
} from "./modules/cli/mod.ts";

export { VERSION };

function generalHelp(): string {
  const names = Object.keys(COMMANDS);
  return [
    `wfpsec ${VERSION} - declarative Windows IPsec through the Windows Filtering Platform`,
    "",
    "Usage: wfpsec <command> [options]",
    "",
    "Commands:",
    ...names.map((n) => `  ${n.padEnd(10)} ${COMMANDS[n].summary}`),
    `  ${"help".padEnd(10)} help for a command (wfpsec help plan)`,
    "",
    "Global options: --json (one JSON object on stdout), -h/--help, --version",
    ENGINE_HELP,
    "",
    "Exit codes: 0 success / in sync, 1 error, 2 plan found pending changes.",
    "JSON contract: docs/cli-json.md.",
  ].join("\n");
}

/** The options `name` accepts, for `help NAME --json`: its own, then the common ones. */
function optionList(opts: Record<string, Opt>) {
  return Object.entries(opts).map(([n, o]) => ({
    name: `--${n}`,
    short: o.short ? `-${o.short}` : null,
    type: o.type,
    multiple: Boolean(o.multiple),
  }));
}

/** `help [TOPIC] --json`: the help of TOPIC (or of wfpsec) as one document (docs/cli-json.md). */
function helpDoc(topic: string | undefined) {
  const head = { schemaVersion: 1, command: "help" };
  if (!topic) {
    return {
      ...head,
      topic: null,
      usage: "wfpsec <command> [options]",
      summary: "declarative Windows IPsec through the Windows Filtering Platform",
      options: [
        ...optionList(COMMON),
        { name: "--version", short: "-V", type: "boolean", multiple: false },
      ],
      commands: Object.entries(COMMANDS).map(([name, c]) => ({ name, summary: c.summary, usage: c.usage })),
    };
  }
  const c = COMMANDS[topic];
  return {
    ...head,
    topic,
    usage: c.usage,
    summary: c.summary,
    details: c.details,
    options: optionList({ ...c.options, ...COMMON }),
  };
}

/** `unknown command 'plam'; did you mean 'plan'?` (or the list of commands when nothing is close). */
async function unknownCommand(name: string): Promise<string> {
  const { suggest } = await import("./modules/render/suggest.ts");
  const names = name.startsWith("-") ? ["--help", "--version"] : [...Object.keys(COMMANDS), "help"];
  const s = suggest(name, names);
  return s
    ? `unknown command '${name}'; did you mean '${s}'?`
    : `unknown command '${name}' (try wfpsec --help); commands: ${Object.keys(COMMANDS).join(", ")}`;
}

/**
 * The first option of `args` that `command` does not know, as a usage message with the nearest known
 * option (`unknown option --stat for 'plan'; did you mean --state?`); undefined when all are known.
 * Values of string options are skipped; anything after `--` is positional.
 */
async function unknownOption(command: string, args: string[]): Promise<string | undefined> {
  const opts: Record<string, Opt> = { ...COMMANDS[command].options, ...COMMON };
  const longs = Object.keys(opts).map((n) => `--${n}`);
  const shorts = new Map(Object.entries(opts).filter(([, o]) => o.short).map(([n, o]) => [`-${o.short}`, n]));
  const usage = `\n\nUsage: ${COMMANDS[command].usage}\n(wfpsec help ${command} lists its options)`;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-") continue;
    const typed = a.startsWith("--") ? a.split("=", 1)[0] : a.slice(0, 2);
    const name = a.startsWith("--")
      ? (longs.includes(typed) ? typed.slice(2) : undefined)
      : shorts.get(typed);
    if (!name) {
      const { suggest } = await import("./modules/render/suggest.ts");
      // Only long names get a suggestion: every one-letter option is one edit from every other.
      const s = typed.startsWith("--") ? suggest(typed, longs) : undefined;
      const hint = s ? `did you mean ${s}?` : `its options: ${[...longs, ...shorts.keys()].join(", ")}`;
      return `unknown option ${typed} for '${command}'; ${hint}${usage}`;
    }
    const inlineValue = a.startsWith("--") ? a.includes("=") : a.length > 2;
    if (opts[name].type === "string" && !inlineValue && i + 1 < args.length && !args[i + 1].startsWith("-")) {
      i++;
    }
  }
  return undefined;
}

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const engine = "engine" in c.options ? `\n\n${ENGINE_HELP}` : "";
  return `Usage: ${c.usage}\n\n${c.summary}.\n\n${c.details}${engine}\n\nCommon options: --json, -h/--help`;
}

/** The error document: a WfpsecError's own `toJson()`, anything else an internal `Error` (a bug). */
async function errorDoc(e: unknown, command: string) {
  const { errorJson } = await import("./modules/errors.ts");
  return { schemaVersion: 1, command, error: errorJson(e) };
}

/** Runs the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  // `wfpsec --json CMD ...` means `wfpsec CMD --json ...`.
  if (args[0] === "--json" && args.length > 1) args = [args[1], "--json", ...args.slice(2)];
  const first = args[0];
  const wantsJson = args.includes("--json");
  if (first === "--version" || first === "-V") {
    if (wantsJson) {
      console.log(
        JSON.stringify(
          { schemaVersion: 1, command: "version", version: VERSION, deno: Deno.version.deno },
          null,
          2,
        ),
      );
    } else console.log(`wfpsec ${VERSION}`);
    return 0;
  }
  if (!first || first === "--help" || first === "-h") {
    if (wantsJson) console.log(JSON.stringify(helpDoc(undefined), null, 2));
    else console.log(generalHelp());
    return first ? 0 : 1;
  }
  if (first === "help") {
    const c = args.slice(1).find((a) => a !== "--json");
    if (c && !Object.hasOwn(COMMANDS, c)) {
      const msg = await unknownCommand(c);
      if (wantsJson) {
        console.log(
          JSON.stringify(
            { schemaVersion: 1, command: "help", error: { type: "UsageError", message: msg } },
            null,
            2,
          ),
        );
        console.error(`wfpsec help: UsageError: ${msg}`);
      } else console.error(`wfpsec: ${msg}\n\n${generalHelp()}`);
      return 1;
    }
    if (wantsJson) console.log(JSON.stringify(helpDoc(c), null, 2));
    else console.log(c ? commandHelp(c) : generalHelp());
    return 0;
  }
  // Own names only: `wfpsec toString` is an unknown command, not Object.prototype.toString.
  const cmd = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!cmd) {
    const msg = await unknownCommand(first);
    if (wantsJson) {
      console.log(
        JSON.stringify(
          { schemaVersion: 1, command: first, error: { type: "UsageError", message: msg } },
          null,
          2,
        ),
      );
    }
    console.error(`wfpsec: ${msg}`);
    return 1;
  }
  const ifDrifted = first === "apply" && args.includes("--if-drifted");
  const out = new Output(first, wantsJson || ifDrifted, ifDrifted);
  try {
    // Not node:util's parseArgs: importing node:util loads Deno's Node layer (modules/cli/args.ts).
    const unknown = await unknownOption(first, args.slice(1));
    if (unknown) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(unknown);
    }
    let parsed;
    try {
      parsed = parseArgs(args.slice(1), { ...COMMON, ...cmd.options });
    } catch (e) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(`${(e as Error).message}\n\n${commandHelp(first)}`);
    }
    const v = parsed.values as Values;
    if (v.help) {
      if (v.json) console.log(JSON.stringify(helpDoc(first), null, 2));
      else console.log(commandHelp(first));
      return 0;
    }
    const [min, max] = cmd.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      const { UsageError } = await import("./modules/errors.ts");
      throw new UsageError(
        `${first}: expected ${min === max ? min : `${min}-${max}`} argument(s)\n\nUsage: ${cmd.usage}`,
      );
    }
    return await cmd.run(v, parsed.positionals, out);
  } catch (e) {
    const doc = await errorDoc(e, first);
    if (out.json) {
      if (ifDrifted) {
        out.doc({ ...doc, ...(loadedPolicy() ? { policy: loadedPolicy() } : {}), outcome: "failed" });
      } else out.doc(doc);
    }
    const diagnostics = (doc.error.diagnostics ?? []) as Record<string, unknown>[];
    let headline = doc.error.message;
    if (diagnostics.length && first !== "validate") {
      // Each diagnostic once: a PolicyError's message lists its errors again after its first line.
      for (const d of diagnostics) console.error(diagnosticLine(d));
      headline = headline.split("\n", 1)[0].replace(/:$/, "");
    }
    console.error(`wfpsec ${first}: ${doc.error.type}: ${headline}`);
    return 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
