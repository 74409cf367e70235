/**
 * `wfpsec doctor`: can wfpsec do its job here? Engine reachable, running elevated, the Base Filtering Engine
 * (BFE) and IKE and AuthIP IPsec Keying Modules (IKEEXT) services running (Windows), which engine is in use,
 * and versions. Each check says whether it is required; a failed required check makes the command exit 1.
 */
import type { EngineRequest } from "../engine/mod.ts";
import type { IpsecProvider } from "../explain/mod.ts";
import { isElevatedWindows } from "./safety.ts";

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

/** Parses `sc query NAME` output: the STATE word (RUNNING, STOPPED, ...), or undefined. */
export function parseScState(out: string): string | undefined {
  return /STATE\s*:\s*\d+\s+(\w+)/.exec(out)?.[1];
}

function serviceState(name: string): string | undefined {
  try {
    const r = new Deno.Command("sc", { args: ["query", name], stdout: "piped", stderr: "null" }).outputSync();
    return parseScState(new TextDecoder().decode(r.stdout));
  } catch {
    return undefined;
  }
}

/** Runs every check. `version` is wfpsec's version string. */
export async function runDoctor(req: EngineRequest, version: string): Promise<DoctorReport> {
  const checks: Check[] = [];
  const windows = Deno.build.os === "windows";
  let engineInfo: DoctorReport["engine"];
  let ipsecProviders: IpsecProvider[] | undefined;

  try {
    const { selectEngine } = await import("../engine/select.ts");
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
    } finally {
      engine.close();
    }
  } catch (e) {
    checks.push({ name: "engine reachable", ok: false, required: true, detail: (e as Error).message });
  }

  if (windows) {
    const elevated = isElevatedWindows();
    checks.push({
      name: "elevated",
      ok: elevated,
      required: true,
      detail: elevated
        ? "running as administrator"
        : "not elevated: run from an elevated prompt (WFP changes need administrator rights)",
    });
    for (
      const [svc, label, required] of [["BFE", "Base Filtering Engine", true], [
        "IKEEXT",
        "IKE and AuthIP IPsec Keying Modules",
        false,
      ]] as const
    ) {
      const st = serviceState(svc);
      checks.push({
        name: `service ${svc}`,
        ok: st === "RUNNING",
        required,
        detail: st ? `${label}: ${st}` : `${label}: state unknown (sc query failed)`,
      });
    }
  } else {
    const uid = Deno.uid();
    checks.push({
      name: "elevated",
      ok: true,
      required: false,
      detail: `not Windows (${Deno.build.os}, uid ${uid}): administrator rights only matter on Windows`,
    });
    checks.push({ name: "service BFE", ok: true, required: false, detail: "skipped: not Windows" });
    checks.push({ name: "service IKEEXT", ok: true, required: false, detail: "skipped: not Windows" });
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
