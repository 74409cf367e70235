/**
 * What a wfpsec command is (its options, usage and handler), the options every command or every engine
 * command takes, and where output goes. Shared by the command table (commands.ts) and cli.ts.
 */

/** wfpsec's version (also in deno.json). */
export const VERSION = "0.1.0";

export type Opt = { type: "string" | "boolean"; short?: string; multiple?: boolean };
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  summary: string;
  usage: string;
  details: string;
  options: Record<string, Opt>;
  positionals: [number, number];
  run(v: Values, pos: string[], out: Output): Promise<number>;
}

export const ENGINE_OPTS: Record<string, Opt> = {
  engine: { type: "string" },
  "sim-state": { type: "string" },
};
export const COMMON: Record<string, Opt> = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

export const ENGINE_HELP = `Engine options:
  --engine windows|sim   engine to use (env WFPSEC_ENGINE); default: windows on Windows, none elsewhere
  --sim-state PATH       fwpsim state file (sets FWPSIM_STATE); only with --engine sim, and needed
                         there (or FWPSIM_STATE) by every command but doctor: state is kept in it`;

/** Where output goes; remembers whether JSON was requested and the command name for error documents. */
export class Output {
  constructor(readonly command: string, readonly json: boolean, readonly oneLine = false) {}
  doc(d: unknown): void {
    console.log(this.oneLine ? JSON.stringify(d) : JSON.stringify(d, null, 2));
  }
  text(s: string): void {
    console.log(s);
  }
  err(s: string): void {
    console.error(s);
  }
}
