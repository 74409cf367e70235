/**
 * Drives a DSC v3 command resource the way `dsc` does, from its manifest (deploy/dsc/wfpsec.dsc.resource.json)
 * and DSC's documented contract (learn.microsoft.com/powershell/dsc: resource manifest get/set/test/export/
 * whatIf, "Defining DSC resource operation invocations"; and dsc_lib's command_resource.rs):
 * - the command is the manifest's `executable` with its `args`; a JSON input argument (`jsonInputArg`) gets the
 *   compressed instance JSON as the next argument; `input: stdin` writes the compressed JSON to stdin;
 * - the resource runs in the manifest's folder;
 * - a non-zero exit is a failure, shown with the manifest's `exitCodes` text;
 * - stderr lines are JSON messages keyed by level (error, warn, info, debug, trace);
 * - DSC validates the input and every returned instance against the resource's instance schema (here: what
 *   the manifest's `schema.command` prints, compiled with Ajv's draft 2020-12 validator);
 * - `get` and `test` with `return: state` return one JSON object (test's `_inDesiredState` decides; DSC
 *   lists the differing properties by comparing the desired properties with it: `dscDiff`); `set` with
 *   `return: stateAndDiff` a state line and an array line; `export` one instance per line;
 *   `dsc resource set` calls `get` first (the before state), then `set`.
 * The executable `wfpsec` is `deno run cli.ts` here (deno compile needs denort, unreachable).
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020";
import { CLI, cliEnv, FLAGS, ROOT, transcript } from "./helpers.ts";

export const MANIFEST_FILE = `${ROOT}/deploy/dsc/wfpsec.dsc.resource.json`;
export const MANIFEST = JSON.parse(Deno.readTextFileSync(MANIFEST_FILE));
const MANIFEST_DIR = MANIFEST_FILE.replace(/\/[^/]+$/, "");

type Arg = string | { jsonInputArg: string; mandatory?: boolean };
interface Operation {
  executable: string;
  args?: Arg[];
  input?: "stdin" | "env";
  return?: "state" | "stateAndDiff";
}

/** A DSC message the resource wrote on stderr. */
export interface Message {
  level: "error" | "warn" | "info" | "debug" | "trace";
  text: string;
}

/** One invocation's raw result, its messages, and stderr lines that were not DSC messages. */
export interface Invocation {
  code: number;
  stdout: string;
  messages: Message[];
  unparsed: string[];
  /** The manifest's text for a non-zero exit code. */
  exitText?: string;
}

const LEVELS = ["error", "warn", "info", "debug", "trace"] as const;

/** Runs one manifest operation with `input` (an instance object, or undefined for none). */
export async function invoke(
  op: Operation,
  input: Record<string, unknown> | undefined,
  env: Record<string, string>,
): Promise<Invocation> {
  assert.equal(op.executable, "wfpsec");
  const json = input === undefined ? "" : JSON.stringify(input); // compressed: no spaces or newlines
  const args: string[] = [];
  for (const a of op.args ?? []) {
    if (typeof a === "string") args.push(a);
    else if (json !== "" || a.mandatory) args.push(a.jsonInputArg, json);
  }
  const stdin = op.input === "stdin" && json !== "";
  // The resource runs in the manifest's folder: a relative DENO_DIR would mean another cache there.
  const denoDir = Deno.env.get("DENO_DIR");
  const cache: Record<string, string> = denoDir && !denoDir.startsWith("/")
    ? { DENO_DIR: `${Deno.cwd()}/${denoDir}` }
    : {};
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, CLI, ...args],
    cwd: MANIFEST_DIR,
    env: cliEnv({ ...cache, ...env }),
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(json));
    await w.close();
  }
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  transcript.push(stdout, stderr);
  const messages: Message[] = [], unparsed: string[] = [];
  for (const line of stderr.split("\n").filter((l) => l.trim() !== "")) {
    let m: Record<string, unknown> | undefined;
    try {
      m = JSON.parse(line);
    } catch {
      m = undefined;
    }
    const level = m && LEVELS.find((l) => typeof m![l] === "string");
    if (level) messages.push({ level, text: m![level] as string });
    else unparsed.push(line);
  }
  const exitText = out.code !== 0 ? MANIFEST.exitCodes?.[String(out.code)] : undefined;
  return { code: out.code, stdout, messages, unparsed, exitText };
}

/** The instance schema as DSC gets it (the manifest's schema command), compiled. */
export async function instanceValidator(env: Record<string, string>) {
  const r = await invoke(MANIFEST.schema.command, undefined, env);
  assert.equal(r.code, 0, JSON.stringify(r));
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  return ajv.compile(JSON.parse(r.stdout));
}

/**
 * DSC's comparison for a `return: state` test (dsc_lib dscresource.rs get_diff): each desired property, with
 * `_exist` defaulting to true on both sides, against the actual state; objects compared recursively; other
 * `_`-prefixed (DSC's own) properties skipped, as its releases before the `_exist` default did.
 */
export function dscDiff(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const want: Record<string, unknown> = { _exist: true, ...expected };
  const have: Record<string, unknown> = { ...actual, _exist: actual._exist ?? true };
  const out: string[] = [];
  for (const [k, v] of Object.entries(want)) {
    if (k.startsWith("_") && k !== "_exist") continue;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const sub = have[k] && typeof have[k] === "object" ? have[k] as Record<string, unknown> : {};
      if (dscDiff(v as Record<string, unknown>, sub).filter((p) => p !== "_exist").length) out.push(k);
    } else if (!(k in have) || JSON.stringify(have[k]) !== JSON.stringify(v)) out.push(k);
  }
  return out;
}

/** A resource failure as DSC reports it: the exit code, the manifest's text, the error messages. */
export class ResourceFailure extends Error {
  constructor(readonly invocation: Invocation, readonly operation: string) {
    super(
      `${operation} exited ${invocation.code} (${invocation.exitText ?? "no exitCodes entry"}): ${
        invocation.messages.filter((m) => m.level === "error").map((m) => m.text).join(" | ")
      }`,
    );
  }
}

/** The DSC side of one resource: get, test, set, whatIf, export, each validated as DSC validates them. */
export class DscResource {
  private constructor(
    private readonly env: Record<string, string>,
    private readonly validate: Awaited<ReturnType<typeof instanceValidator>>,
  ) {}

  static async open(env: Record<string, string>): Promise<DscResource> {
    return new DscResource(env, await instanceValidator(env));
  }

  /** Every invocation of this driver, for checks on all of them (stderr all DSC messages, ...). */
  readonly invocations: Invocation[] = [];

  private check(v: unknown, what: string) {
    assert.ok(
      this.validate(v),
      `${what} does not validate against the instance schema: ${JSON.stringify(this.validate.errors)}\n${
        JSON.stringify(v)
      }`,
    );
  }

  private async run(name: string, input: Record<string, unknown> | undefined): Promise<Invocation> {
    if (input !== undefined) this.check(input, `${name} input`);
    const r = await invoke(MANIFEST[name], input, this.env);
    this.invocations.push(r);
    if (r.code !== 0) throw new ResourceFailure(r, name);
    return r;
  }

  private stateAndDiff(name: string, r: Invocation) {
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    assert.equal(lines.length, 2, `${name} with return stateAndDiff prints two JSON lines:\n${r.stdout}`);
    const state = JSON.parse(lines[0]);
    const diff = JSON.parse(lines[1]);
    this.check(state, `${name} state`);
    assert.ok(Array.isArray(diff) && diff.every((p) => typeof p === "string"), lines[1]);
    return { state, diff: diff as string[], messages: r.messages };
  }

  async get(input: Record<string, unknown>) {
    const r = await this.run("get", input);
    const state = JSON.parse(r.stdout);
    this.check(state, "get state");
    return { state, messages: r.messages };
  }

  /** `dsc resource test`: one state line (`return: state`); DSC's differing properties by its comparison. */
  async test(input: Record<string, unknown>) {
    assert.equal(MANIFEST.test.return, "state");
    const r = await this.run("test", input);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    assert.equal(lines.length, 1, `test with return state prints one JSON line:\n${r.stdout}`);
    const state = JSON.parse(lines[0]);
    this.check(state, "test state");
    assert.equal(typeof state._inDesiredState, "boolean", "test answers _inDesiredState");
    return { state, diff: dscDiff(input, state), messages: r.messages };
  }

  /** `dsc resource set`: get (the before state), then set; the result DSC shows. */
  async set(input: Record<string, unknown>) {
    const before = await this.get(input);
    assert.equal(MANIFEST.set.return, "stateAndDiff");
    const s = this.stateAndDiff("set", await this.run("set", input));
    return {
      beforeState: before.state,
      afterState: s.state,
      changedProperties: s.diff,
      messages: s.messages,
    };
  }

  /** `dsc config set --what-if`: the manifest's whatIf command. */
  async whatIf(input: Record<string, unknown>) {
    const s = this.stateAndDiff("whatIf", await this.run("whatIf", input));
    return { afterState: s.state, changedProperties: s.diff, messages: s.messages };
  }

  async export(input?: Record<string, unknown>) {
    const r = await this.run("export", input);
    const instances = r.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
    for (const i of instances) this.check(i, "export instance");
    return instances;
  }
}
