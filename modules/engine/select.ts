/**
 * Engine selection: the real fwpuclnt.dll on Windows; fwpsim (the simulator) only when asked for with
 * `--engine sim` / `WFPSEC_ENGINE=sim`; an offline snapshot with `--state FILE`. There is deliberately no
 * silent fallback: on Linux without `--engine sim` there is no engine, and the error says so.
 */
import type { Engine } from "./port.ts";
import { UsageError } from "../errors.ts";
import { fwpsimLibrary } from "../../ffi/library.ts";

export { fwpsimLibrary };

/** What the command line / environment asked for. */
export interface EngineRequest {
  /** `windows` | `sim`; default: env WFPSEC_ENGINE, else `windows` on Windows. */
  engine?: string;
  /** fwpsim state file (sets FWPSIM_STATE before the library opens the engine). */
  simState?: string;
  /** A snapshot file to read instead of a live engine (read-only). */
  state?: string;
  /**
   * The snapshot's content when the caller has already read it (elevated Windows runs read it through the
   * handle the admin-only check examined, modules/host/safety.ts); otherwise the file is read here.
   */
  stateBytes?: Uint8Array;
  /** Dynamic session (objects vanish on close); default false, so applied policy persists. */
  dynamic?: boolean;
  /**
   * The environment may not choose the engine or the simulator library (WFPSEC_ENGINE, WFPSEC_FWPSIM_LIB
   * ignored): set for the scheduled task (`apply --if-drifted`) and for elevated runs on Windows, where
   * whoever controls the environment must not be able to turn a real apply into a simulated one.
   */
  ignoreEnvironment?: boolean;
  /**
   * The command takes `--state SNAPSHOT` (plan, show, export): only then does the "no engine" advice offer an
   * offline snapshot; apply, remove, sa and events refuse `--state`, so naming it would mislead.
   */
  snapshotOption?: boolean;
}

/** The engine kind that will be used, without opening anything. */
export function requestedKind(req: EngineRequest): "windows" | "sim" | "snapshot" {
  if (req.state) return "snapshot";
  const raw = (req.engine ?? (req.ignoreEnvironment ? undefined : Deno.env.get("WFPSEC_ENGINE")) ?? "")
    .trim().toLowerCase();
  if (raw === "sim" || raw === "fwpsim" || raw === "simulator") return "sim";
  if (raw === "windows") {
    if (Deno.build.os !== "windows" && !Deno.env.get("WFPSEC_FWPSIM_LIB_AS_WINDOWS")) {
      throw new UsageError(
        `--engine windows needs Windows (this is ${Deno.build.os}); use --engine sim for the simulator`,
      );
    }
    return "windows";
  }
  if (raw) throw new UsageError(`unknown engine "${raw}": use windows or sim`);
  if (Deno.build.os === "windows") return "windows";
  if (req.ignoreEnvironment && Deno.env.get("WFPSEC_ENGINE")) {
    throw new UsageError(
      `WFPSEC_ENGINE is ignored by apply --if-drifted and elevated runs (the environment may not choose ` +
        `the engine of a scheduled task): name the engine on the command line (--engine sim)`,
    );
  }
  const sim =
    "--engine sim --sim-state FILE (or WFPSEC_ENGINE=sim and FWPSIM_STATE) for the fwpsim simulator";
  throw new UsageError(
    `no WFP engine on ${Deno.build.os}: wfpsec configures the Windows Filtering Platform. Use ${sim}` +
      (req.snapshotOption ? `, or --state SNAPSHOT to read an offline snapshot.` : "."),
  );
}

/**
 * Refuses a simulator state file whose folder is missing (or is not a folder), before fwpsim sees it: fwpsim
 * keeps `<state>.lock` beside the file and would report the failed lock as ERROR_ACCESS_DENIED, whose advice
 * ("run elevated") is wrong; and the apply lock and host key would otherwise create a mistyped folder tree.
 */
export function checkSimStateFolder(statePath: string): void {
  const i = Math.max(statePath.lastIndexOf("/"), statePath.lastIndexOf("\\"));
  let dir = i < 0 ? "." : statePath.slice(0, i) || "/";
  if (/^[A-Za-z]:$/.test(dir)) dir += "\\";
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new UsageError(
        `the folder ${dir} of the simulator state file ${statePath} does not exist: create it first ` +
          `(fwpsim keeps the state file and its lock there)`,
      );
    }
    throw new UsageError(`cannot use the simulator state file ${statePath}: ${(e as Error).message}`);
  }
  if (!info.isDirectory) {
    throw new UsageError(`cannot use the simulator state file ${statePath}: ${dir} is not a folder`);
  }
}

/** Opens the requested engine. The caller closes it. */
export async function selectEngine(req: EngineRequest): Promise<Engine> {
  const kind = requestedKind(req);
  if (kind === "snapshot") {
    const { openSnapshot } = await import("./snapshot/mod.ts");
    return openSnapshot(req.state!, req.stateBytes);
  }
  const { openEngine } = await import("./ffi.ts");
  if (kind === "windows") {
    return openEngine({ simulator: false, dynamic: req.dynamic ?? false, sessionName: "wfpsec" });
  }
  const library = fwpsimLibrary(req.ignoreEnvironment);
  try {
    Deno.statSync(library);
  } catch {
    throw new UsageError(
      `the fwpsim simulator library ${library} does not exist: build it with "bash scripts/build-fwpsim.sh" or set WFPSEC_FWPSIM_LIB`,
    );
  }
  const statePath = req.simState ?? Deno.env.get("FWPSIM_STATE");
  if (statePath) checkSimStateFolder(statePath);
  if (req.simState) {
    Deno.env.set("FWPSIM_STATE", req.simState);
    // A variable set in this process is not seen by a Windows DLL's C runtime (fwpsim under Wine reads it
    // with getenv), so the state file is also handed over through fwpsim's own hook before the engine opens.
    const { setSimStatePath } = await import("../../ffi/fwpsim.ts");
    setSimStatePath(library, req.simState);
  }
  return openEngine({ simulator: true, library, dynamic: req.dynamic ?? false, sessionName: "wfpsec" });
}
