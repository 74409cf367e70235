/**
 * The Windows services IPsec needs (issue 12 rule 12): the Base Filtering Engine (BFE) holds the policy and
 * the IKE and AuthIP IPsec Keying Modules (IKEEXT) negotiate every SA. With IKEEXT stopped, filters that
 * require IPsec drop their traffic (no SA can be negotiated) and request filters fall back to clear text;
 * manual SAs need no IKEEXT. Trust chain: on a real engine the state comes from the service control manager
 * (`sc.exe` from the system directory, never from PATH or the environment); only when the engine in use IS
 * fwpsim does the simulator's stand-in answer (ffi/fwpsim.ts, set by FWPSIM_STOPPED_SERVICES in tests), and
 * the engine itself can only be fwpsim when asked for on the command line of an elevated run
 * (engine/select.ts ignoreEnvironment).
 */
import type { EngineInfo } from "../engine/mod.ts";
import type { Policy } from "../model/mod.ts";
import { SafetyError } from "../errors.ts";

/** The two services, with the names Windows shows. */
export const IPSEC_SERVICES = {
  BFE: "Base Filtering Engine",
  IKEEXT: "IKE and AuthIP IPsec Keying Modules",
} as const;

/** A service's state as `sc query` words it (RUNNING, STOPPED, ...), and who said so. */
export interface ServiceState {
  /** RUNNING, STOPPED, START_PENDING, ...; undefined when it could not be read. */
  state?: string;
  /** `scm`: the real service control manager; `fwpsim`: the simulator's stand-in (SIMULATED). */
  source: "scm" | "fwpsim";
}

/** Parses `sc query NAME` output: the STATE word (RUNNING, STOPPED, ...), or undefined. */
export function parseScState(out: string): string | undefined {
  return /STATE\s*:\s*\d+\s+(\w+)/.exec(out)?.[1];
}

async function scmState(name: string): Promise<string | undefined> {
  try {
    const { systemDirectory } = await import("../../ffi/kernel32.ts");
    const sc = `${systemDirectory()}\\sc.exe`;
    const r = new Deno.Command(sc, { args: ["query", name], stdout: "piped", stderr: "null" }).outputSync();
    return parseScState(new TextDecoder().decode(r.stdout));
  } catch {
    return undefined;
  }
}

/**
 * The state of `name` for the engine described by `info` (kind and library path), or undefined when that
 * engine has no services (an offline snapshot, a test's in-memory engine, a real engine off Windows).
 */
export async function serviceState(
  name: keyof typeof IPSEC_SERVICES,
  info: Pick<EngineInfo, "kind" | "source">,
): Promise<ServiceState | undefined> {
  if (info.kind === "fwpsim") {
    const { simServiceRunning } = await import("../../ffi/fwpsim.ts");
    return { state: simServiceRunning(info.source, name) ? "RUNNING" : "STOPPED", source: "fwpsim" };
  }
  if (info.kind === "windows" && Deno.build.os === "windows") {
    return { state: await scmState(name), source: "scm" };
  }
  return undefined;
}

/**
 * What in `policy` needs IKEEXT to keep its traffic flowing: rules that require IPsec (inbound or outbound
 * require, or guaranteed encryption) and tunnels. `request` rules fall back to clear text without it.
 */
export function ikeextDependents(policy: Pick<Policy, "rules" | "tunnels">): string[] {
  return [
    ...policy.rules.filter((r) => r.inbound === "require" || r.outbound === "require" || r.requireEncryption)
      .map((r) => `rule '${r.name}'`),
    ...policy.tunnels.map((t) => `tunnel '${t.name}'`),
  ];
}

/** What breaks while IKEEXT is not running, in one sentence (apply's refusal and its --force warning). */
export function ikeextBreakage(dependents: string[], state: string | undefined): string {
  const shown = dependents.slice(0, 5).join(", ") +
    (dependents.length > 5 ? `, and ${dependents.length - 5} more` : "");
  return `the IKEEXT service (${IPSEC_SERVICES.IKEEXT}) is ${
    state ?? "in an unknown state"
  }: no IPsec SA can ` +
    `be negotiated, so the traffic of ${shown} would be dropped (it requires IPsec) until IKEEXT runs`;
}

/**
 * apply's gate: a policy that requires IPsec is refused while IKEEXT is not running (SafetyError, nothing
 * changed), unless overridden: `--force` (the admin accepts it) or `--if-drifted` (the scheduled task keeps an
 * already chosen policy in force; refusing would leave the drift, possibly clear traffic, unrepaired, and
 * at start-up IKEEXT may still be starting). Overridden, it returns the warning to print. Returns undefined
 * when nothing is wrong or the engine has no services to ask.
 */
export async function ikeextGate(
  dependents: string[],
  info: Pick<EngineInfo, "kind" | "source" | "simulated">,
  override?: "--force" | "--if-drifted",
): Promise<string | undefined> {
  if (!dependents.length) return undefined;
  const s = await serviceState("IKEEXT", info);
  if (!s || s.state === "RUNNING") return undefined;
  const what = ikeextBreakage(dependents, s.state) + (s.source === "fwpsim" ? " (SIMULATED by fwpsim)" : "");
  if (!override) {
    throw new SafetyError(
      `${what}; nothing changed. Start it (Start-Service IKEEXT) and apply again, or pass --force to apply anyway`,
    );
  }
  return `${override}: applying although ${what}`;
}
