/**
 * `wfpsec doctor`: can wfpsec do its job here? Engine reachable, running elevated, the Base Filtering Engine
 * (BFE) and IKE and AuthIP IPsec Keying Modules (IKEEXT) services running (Windows), which engine is in use,
 * and versions. Each check says whether it is required; a failed required check makes the command exit 1.
 * BFE is required wherever there is an engine; IKEEXT when the policy given requires IPsec (issue 12 rule 12:
 * without IKEEXT no SA is negotiated and that traffic is dropped). On fwpsim both are the simulator's
 * stand-ins (services.ts), and say so.
 */
import type { EngineInfo, EngineRequest } from "../engine/mod.ts";
import type { IpsecProvider } from "../explain/mod.ts";
import { isElevatedWindows } from "./safety.ts";
import { IPSEC_SERVICES, serviceState } from "./services.ts";

export { parseScState } from "./services.ts";

/** The policy doctor checks the host for: its name and what in it needs IKEEXT (services.ts). */
export interface DoctorPolicy {
  /** The policy's name. */
  name: string;
  /** Rules and tunnels that require IPsec (`ikeextDependents`). */
  ikeextDependents: string[];
}

/** One doctor check. */
export interface Check {
  /** What is checked, e.g. the BFE service. */
  name: string;
  /** Whether the check passed. */
  ok: boolean;
  /** Whether a failure makes doctor exit 1. */
  required: boolean;
  /** What was found, in one line. */
  detail: string;
}

/** Doctor's result. */
export interface DoctorReport {
  /** Every check, in the order they ran. */
  checks: Check[];
  /** wfpsec, Deno and OS versions. */
  versions: { wfpsec: string; deno: string; os: string };
  /** The engine in use (EngineInfo), when one could be opened. */
  engine?: { kind: string; simulated: boolean; source: string; description: string };
  /** Every provider with IPsec policy filters in the engine (ours marked), when the engine opened. */
  ipsecProviders?: IpsecProvider[];
}

/** Runs every check. `version` is wfpsec's version string; `policy` makes IKEEXT required when it needs it. */
export async function runDoctor(
  req: EngineRequest,
  version: string,
  policy?: DoctorPolicy,
): Promise<DoctorReport> {
  const checks: Check[] = [];
  const windows = Deno.build.os === "windows";
  let engineInfo: DoctorReport["engine"];
  // The engine's kind and library, even when it cannot be opened (BFE stopped): where services are asked.
  let serviceHost: Pick<EngineInfo, "kind" | "source"> | undefined;
  let ipsecProviders: IpsecProvider[] | undefined;

  try {
    const { selectEngine, requestedKind, fwpsimLibrary } = await import("../engine/select.ts");
    const kind = requestedKind(req);
    if (kind === "sim") serviceHost = { kind: "fwpsim", source: fwpsimLibrary(req.ignoreEnvironment) };
    else if (kind === "windows") serviceHost = { kind: "windows", source: "fwpuclnt.dll" };
    const engine = await selectEngine(req);
    try {
      const n = engine.enumProviders().length;
      engineInfo = { ...engine.info };
      checks.push({
        name: "engine reachable",
        ok: true,
        required: true,
        detail: `${engine.info.description}; ${n} providers`,
      });
      checks.push({
        name: "engine kind",
        ok: true,
        required: false,
        detail: engine.info.simulated
          ? `${engine.info.kind} (SIMULATED, not a Windows engine)`
          : "windows (real Base Filtering Engine)",
      });
      // Only one IPsec policy applies to a packet: name every provider that has some (issue 14).
      const { ipsecProviders: list, providerLabel } = await import("../explain/mod.ts");
      const { WFPSEC_PROVIDER_KEY } = await import("../compiler/mod.ts");
      ipsecProviders = list(engine, WFPSEC_PROVIDER_KEY);
      const others = ipsecProviders.filter((p) => !p.ours);
      checks.push({
        name: "IPsec policy providers",
        ok: true,
        required: false,
        detail: ipsecProviders.length
          ? ipsecProviders.map((p) =>
            `${providerLabel(p)}${p.ours ? " (wfpsec)" : ""}: ${p.filters} filter(s) at ${
              p.layers.join(", ")
            }`
          ).join("; ") + (others.length ? `; ${others.length} other than wfpsec: see plan's coexistence` : "")
          : "none",
      });
      checks.push(await confirmationCheck(engine.info.kind, req.simState ?? Deno.env.get("FWPSIM_STATE")));
    } finally {
      engine.close();
    }
  } catch (e) {
    checks.push({ name: "engine reachable", ok: false, required: true, detail: (e as Error).message });
  }

  if (windows) {
    let elevated = false, detail: string;
    try {
      elevated = await isElevatedWindows();
      detail = elevated
        ? "running as administrator"
        : "not elevated: run from an elevated prompt (WFP changes need administrator rights)";
    } catch (e) {
      detail = (e as Error).message;
    }
    checks.push({ name: "elevated", ok: elevated, required: true, detail });
  } else {
    const uid = Deno.uid();
    checks.push({
      name: "elevated",
      ok: true,
      required: false,
      detail: `not Windows (${Deno.build.os}, uid ${uid}): administrator rights only matter on Windows`,
    });
  }
  const needs = policy?.ikeextDependents ?? [];
  for (const svc of ["BFE", "IKEEXT"] as const) {
    const label = IPSEC_SERVICES[svc];
    const st = serviceHost ? await serviceState(svc, serviceHost) : undefined;
    if (!st) {
      checks.push({ name: `service ${svc}`, ok: true, required: false, detail: `skipped: not Windows` });
      continue;
    }
    const required = svc === "BFE" || needs.length > 0;
    const why = svc === "BFE"
      ? ""
      : needs.length
      ? `; required: policy '${policy!.name}' requires IPsec for ${needs.length} rule(s)/tunnel(s) (${
        needs.slice(0, 3).join(", ")
      }${needs.length > 3 ? ", ..." : ""})`
      : policy
      ? `; not required: policy '${policy.name}' requires IPsec nowhere`
      : "; required by any policy that requires IPsec (wfpsec doctor FILE checks one)";
    checks.push({
      name: `service ${svc}`,
      ok: st.state === "RUNNING",
      required,
      detail: `${label}: ${st.state ?? "state unknown (sc query failed)"}${
        st.source === "fwpsim" ? " (SIMULATED by fwpsim)" : ""
      }${why}`,
    });
  }
  return {
    checks,
    versions: {
      wfpsec: version,
      deno: Deno.version.deno,
      os: `${Deno.build.os} ${Deno.osRelease()} ${Deno.build.arch}`,
    },
    ...(engineInfo ? { engine: engineInfo } : {}),
    ...(ipsecProviders ? { ipsecProviders } : {}),
  };
}

/**
 * Whether an apply awaits confirmation (`apply --confirm-within`): a warning while it does, a failed check
 * when its revert is overdue (the deadline passed and `revert --due` has not run) or its record is corrupt.
 */
async function confirmationCheck(kind: string, simState: string | undefined): Promise<Check> {
  const name = "awaiting confirmation";
  const { applyLockPath } = await import("../apply/lock.ts");
  const lock = applyLockPath(kind, simState);
  if (!lock) return { name, ok: true, required: false, detail: "skipped: this engine keeps no apply state" };
  const armed = await import("../apply/armed.ts");
  const path = armed.armedRecordPath(lock);
  try {
    const rec = armed.readArmed(path);
    if (!rec) return { name, ok: true, required: false, detail: "no apply awaits confirmation" };
    const a = armed.awaitingOf(rec, path);
    return { name, ok: false, required: a.overdue, detail: armed.awaitingHeadline(a) };
  } catch (e) {
    const why = e instanceof armed.ConfirmError ? e.message : `cannot read ${path}: ${(e as Error).message}`;
    return { name, ok: false, required: true, detail: why };
  }
}
