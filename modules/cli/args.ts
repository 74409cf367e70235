/**
 * The command line's options, parsed strictly, as node:util's `parseArgs({ strict: true, allowPositionals:
 * true })` parses them (same forms, same error texts), without loading node:util: that import pulled in
 * Deno's Node compatibility layer (errors, inspect, buffer, comparisons) and was the largest single cost of
 * a command's start-up (~100 ms of a 440 ms `validate` profile; bench/startup_bench.ts).
 * Forms: `--name value`, `--name=value`, `-n value`, `-nvalue`, `--flag`, `-f`, grouped short flags `-hj`,
 * `--` ends the options; `multiple` options collect every value. Unknown options are refused before this
 * runs (cli.ts `unknownOption`, with "did you mean").
 *
 * @module
 */
import { UsageError } from "../errors.ts";

/** An option as the commands declare it. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

/** Parsed values by option name, and the positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

const unknown = (opt: string) =>
  new UsageError(
    `Unknown option '${opt}'. To specify a positional argument starting with a '-', place it at the end of ` +
      `the command after '--', as in '-- "${opt}"`,
  );

/** Parses `args` against `options`; throws `UsageError` (node:util's message) for a missing or unexpected option value. */
export function parseArgs(args: readonly string[], options: Record<string, OptionSpec>): ParsedArgs {
  const values: ParsedArgs["values"] = {};
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) if (o.short) byShort.set(o.short, name);
  const store = (name: string, value: string | boolean) => {
    if (options[name].multiple) ((values[name] ??= []) as (string | boolean)[]).push(value);
    else values[name] = value;
  };
  const show = (name: string) => {
    const o = options[name];
    return o.short ? `-${o.short}, --${name}` : `--${name}`;
  };
  /** The value after option `name` (typed as `typed`): missing or option-like is refused, as node does. */
  const takeValue = (name: string, typed: string, i: number): string => {
    const next = args[i + 1];
    if (next === undefined) throw new UsageError(`Option '${show(name)} <value>' argument missing`);
    if (next.startsWith("-") && next.length > 1) {
      const short = typed.startsWith("--") ? "" : ` or '${typed}-XYZ'`;
      throw new UsageError(
        `Option '${typed}' argument is ambiguous.\nDid you forget to specify the option argument for ` +
          `'${typed}'?\nTo specify an option argument starting with a dash use '--${name}=-XYZ'${short}.`,
      );
    }
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const o = options[name];
      if (!o) throw unknown(`--${name}`);
      if (o.type === "boolean") {
        if (eq >= 0) throw new UsageError(`Option '${show(name)}' does not take an argument`);
        store(name, true);
      } else if (eq >= 0) store(name, a.slice(eq + 1));
      else store(name, takeValue(name, `--${name}`, i++));
    } else if (a.startsWith("-") && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const name = byShort.get(a[k]);
        if (!name) throw unknown(`-${a[k]}`);
        if (options[name].type === "boolean") {
          store(name, true);
          continue;
        }
        if (k + 1 < a.length) store(name, a.slice(k + 1)); // -oFILE
        else store(name, takeValue(name, `-${a[k]}`, i++));
        break;
      }
    } else positionals.push(a);
  }
  return { values, positionals };
}
