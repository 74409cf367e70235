/**
 * Running the CLI as a user would: `deno run <flags> cli.ts ...` in a child process, on the fwpsim
 * simulator with a per-test state file. Every stdout/stderr is kept so a test can prove that no secret
 * value was ever printed.
 */
import assert from "node:assert/strict";

export const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
export const CLI = `${ROOT}/cli.ts`;
export const FLAGS = [
  "--allow-ffi",
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-run",
  "--allow-sys",
  "--no-check",
];
/** The test pre-shared key: it must never appear in any output. */
export const PSK_VALUE = "Tr0ub4dor-cli-psk-never-print-7f3a";
export const PSK_ENV = "WFPSEC_CLI_TEST_PSK";
export const SIM_LIB = Deno.env.get("WFPSEC_FWPSIM_LIB") ?? `${ROOT}/build/libfwpsim.so`;

/** Every output of every CLI run of this process. */
export const transcript: string[] = [];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment for a CLI child: simulator library, the PSK variable, no colour. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { WFPSEC_FWPSIM_LIB: SIM_LIB, [PSK_ENV]: PSK_VALUE, NO_COLOR: "1", ...extra };
}

/** Runs `wfpsec ARGS` and waits. */
export async function wfpsec(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, CLI, ...args],
    env: cliEnv(env),
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const r = {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
  transcript.push(r.stdout, r.stderr);
  return r;
}

/** Starts `wfpsec ARGS` without waiting (for kill tests). */
export function spawnWfpsec(args: string[], env: Record<string, string> = {}): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...FLAGS, CLI, ...args],
    env: cliEnv(env),
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
}

/** Parses a `--json` stdout and checks the common head. */
export function json(r: RunResult, command: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout of ${command} is not one JSON document:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.command, command);
  return doc;
}

/** The engine's whole state as the CLI shows it (`show --all --json`), ids dropped. */
export async function engineState(simState: string): Promise<string> {
  const r = await wfpsec(["show", "--all", "--json", "--engine", "sim", "--sim-state", simState]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  const strip = (o: Record<string, unknown>) => {
    const { filterId: _a, providerContextId: _b, ...rest } = o;
    return rest;
  };
  return JSON.stringify({
    providers: doc.providers,
    sublayers: doc.sublayers,
    providerContexts: doc.providerContexts.map(strip),
    filters: doc.filters.map(strip).sort((
      a: { filterKey: string },
      b: { filterKey: string },
    ) => (a.filterKey < b.filterKey ? -1 : 1)),
  });
}

/** A fresh temp directory for one test. */
export function tempDir(): string {
  return Deno.makeTempDirSync({ prefix: "wfpsec-cli-" });
}

/** The domain-isolation test policy; `edit` changes the remote subnet and adds an exemption. */
export function testPolicy(opts: { remote?: string; extraExemption?: boolean; name?: string } = {}): string {
  return `# wfpsec CLI test policy: domain isolation, Kerberos or a pre-shared key from the environment
version: 1
name: ${opts.name ?? "cli-test"}
description: Domain isolation for the CLI end-to-end tests
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - kerberos
      - psk: { env: ${PSK_ENV} }
    proposals: [aes256-sha256-ecp384]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: corp
    remote: ${opts.remote ?? "10.0.0.0/8"}
    inbound: require
    outbound: request
    mainMode: mm
    quickMode: qm
exemptions:
  - icmp
${opts.extraExemption ? "  - { name: dns, remote: 10.0.0.53, protocol: udp, remotePorts: 53 }\n" : ""}`;
}

/** True when the simulator library exists (the CLI tests need it). */
export function haveSim(): boolean {
  try {
    return Deno.statSync(SIM_LIB).isFile;
  } catch {
    return false;
  }
}

/** Starts a process that holds the apply lock at `path` until its stdin closes; resolves once it holds it. */
export async function holdLock(
  path: string,
): Promise<{ child: Deno.ChildProcess; release(): Promise<void> }> {
  const code = `import { acquireApplyLock } from "${ROOT}/modules/apply/lock.ts";
const l = acquireApplyLock(${JSON.stringify(path)}, { command: "test-holder" });
console.log("held");
for await (const _ of Deno.stdin.readable) { /* until closed */ }
l.release();`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", ...FLAGS.filter((f) => f !== "--no-check"), code],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const first = await reader.read();
  assert.match(new TextDecoder().decode(first.value), /held/);
  reader.releaseLock();
  return {
    child,
    async release() {
      await child.stdin.close();
      await child.stdout.cancel();
      await child.status;
    },
  };
}
