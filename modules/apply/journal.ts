/**
 * The incomplete-apply record: what an apply's SA phase was doing, written before the phase starts and kept
 * up to date through it, so that an apply that dies (killed, power cut) or fails without undoing everything
 * (another session held the engine; an SA context could not be deleted) leaves a truthful account behind.
 * `plan` reports it; the next `apply` (interactive or `--if-drifted`) deletes the SA contexts it created that
 * nothing uses, then applies its policy (which sets the missing SAs), and clears it; `remove` clears it too.
 *
 * IPsecSaContext* calls run outside the filter transaction (FWP_E_TXN_IN_PROGRESS inside one), so the engine
 * cannot make the SA phase atomic: this record is how it becomes recoverable. A half-built SA context (created,
 * SPI reserved, no SA yet) is invisible in IPSEC_SA_CONTEXT1's inbound/outbound details, so only its recorded
 * id can find it again.
 *
 * Where: beside the apply lock (`lock.ts`): `%ProgramData%\wfpsec\incomplete-apply.json` on Windows, in the lock's
 * admin-only folder (created protected and checked before every read and write, ffi/fileSecurity.ts
 * dataFolderFor); `<state file>.wfpsec-incomplete-apply.json` on fwpsim. Every write is
 * atomic (temp file, fsync, rename), so a reader sees the previous record or the next, never half of one.
 * The record holds names, ids and messages, never key material.
 */
import type { Engine, IpsecSaContext1 } from "../engine/mod.ts";
import type { Plan } from "../plan/mod.ts";
import type { Guid } from "../graph/mod.ts";
import { ApplyError, describeWfp, SafetyError, wfpCodeOf } from "../errors.ts";
import { retryOnTimeout } from "./compensate.ts";
import { dataFolderFor } from "../../ffi/fileSecurity.ts";

/** The record's JSON form (`version` 1). SA context ids are decimal strings (u64). */
export interface IncompleteApply {
  version: 1;
  /** The policy the apply was applying. */
  policy: { name: string; file: string | null };
  /** What ran it (`apply`), its pid and host, and when the SA phase started (ISO time). */
  command: string;
  pid: number;
  host: string;
  startedAt: string;
  /** `running`: the apply had not ended (still running, or it died); `failed`: it ended with `failure`. */
  state: "running" | "failed";
  /** A filter transaction committed before the SA phase (the engine held its new filters). */
  filtersCommitted: boolean;
  /** The manual SA pairs it was setting (policy names) and how (add, replace, delete). */
  manualSas: { name: string; action: string }[];
  /** SA contexts it created and had not deleted when the record was last written. */
  createdSaContexts: string[];
  /** Stale SA contexts (of the pairs it replaced or removed) it was to delete and had not deleted yet. */
  staleSaContexts: string[];
  /** Stale SA contexts it had already deleted. */
  deletedSaContexts: string[];
  /** A pair whose IPsecSaContextCreate1 was called but whose id was not recorded (it died in between). */
  unrecordedCreate: string | null;
  /** Whether the compensating transaction undid the filter changes (null: not tried or not reached). */
  filtersUndone: boolean | null;
  /** The failure message (state `failed`). */
  failure: string | null;
}

/** The record's file for an apply lock file (`lock.ts` applyLockPath): same folder, its own name. */
export function incompleteApplyPath(lockPath: string): string {
  return lockPath.replace(/apply\.lock$/, "incomplete-apply.json");
}

const dec = new TextDecoder(), enc = new TextEncoder();

/**
 * Reads the record at `path` (undefined when there is none). A record that cannot be parsed is refused with a
 * SafetyError naming the file: acting on a guess about which SA contexts to delete would be worse.
 */
export function readIncompleteApply(path: string): IncompleteApply | undefined {
  try {
    Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  // On Windows: wfpsec's admin-only ProgramData folder, checked before its content is trusted (as the lock's).
  dataFolderFor(path);
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined; // cleared in between by a finishing apply
    throw e;
  }
  const bad = (why: string): never => {
    throw new SafetyError(
      `the incomplete-apply record ${path} is unreadable (${why}): an earlier apply did not finish and ` +
        `what it left cannot be told; check "wfpsec sa" and "wfpsec plan", delete SA contexts nothing uses ` +
        `("wfpsec sa --delete"), then delete the record and apply again`,
    );
  };
  if (bytes.length > 1 << 20) bad(`${bytes.length} bytes, more than a record can hold`);
  let v: unknown;
  try {
    v = JSON.parse(dec.decode(bytes));
  } catch (e) {
    return bad(`not JSON: ${(e as Error).message}`);
  }
  const r = v as Partial<IncompleteApply> | null;
  const ids = (x: unknown) =>
    Array.isArray(x) && x.every((i) => typeof i === "string" && /^\d{1,20}$/.test(i));
  if (!r || typeof r !== "object" || r.version !== 1) return bad("not a version 1 record");
  if (typeof r.policy?.name !== "string") return bad("no policy name");
  if (typeof r.pid !== "number" || typeof r.host !== "string" || typeof r.startedAt !== "string") {
    return bad("no pid, host or start time");
  }
  if (r.state !== "running" && r.state !== "failed") return bad(`unknown state ${JSON.stringify(r.state)}`);
  if (!ids(r.createdSaContexts) || !ids(r.staleSaContexts) || !ids(r.deletedSaContexts)) {
    return bad("SA context ids that are not u64");
  }
  if (!Array.isArray(r.manualSas)) return bad("no manual SA list");
  return r as IncompleteApply;
}

/** Writes `record` to `path` atomically (temp file in the same folder, fsync, rename over). */
export function writeIncompleteApply(path: string, record: IncompleteApply): void {
  dataFolderFor(path);
  const tmp = `${path}.${Deno.pid}.tmp`;
  const f = Deno.openSync(tmp, { write: true, create: true, truncate: true, mode: 0o600 });
  try {
    f.writeSync(enc.encode(JSON.stringify(record, null, 2) + "\n"));
    f.syncSync();
  } finally {
    f.close();
  }
  Deno.renameSync(tmp, path);
}

/** Deletes the record at `path` (nothing when there is none). */
export function clearIncompleteApply(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** What the SA phase tells its journal (apply.ts); every call rewrites the record before the phase goes on. */
export interface SaPhaseJournal {
  /** Before the filter transaction (or, without one, the first SA call): the plan's SA changes. */
  begin(plan: Plan): void;
  /** The filter transaction committed `plan` (the one re-read inside it). */
  committed(plan: Plan): void;
  /** Right before IPsecSaContextCreate1 for pair `name`. */
  creating(name: string): void;
  /** IPsecSaContextCreate1 returned `id`. */
  created(id: bigint): void;
  /** SA context `id` was deleted (a stale one, or one this apply created, while cleaning up). */
  deleted(id: bigint): void;
  /** The apply ended with everything as intended: the record goes. */
  done(): void;
  /** The apply failed and changed nothing: the record goes (an earlier one found at the start is put back). */
  unchanged(): void;
  /** The phase failed and left something behind: `message` says what; `filtersUndone` if compensation ran. */
  failed(message: string, filtersUndone: boolean | null): void;
}

/**
 * The journal an apply of `policy` keeps at `path` (see SaPhaseJournal). `prior` is a record found when the
 * apply started: an apply that then changes nothing puts it back, since what it describes is still so.
 */
export function saPhaseJournal(
  path: string,
  policy: { name: string; file?: string },
  prior?: IncompleteApply,
  command = "apply",
): SaPhaseJournal {
  let rec: IncompleteApply | undefined;
  const save = () => writeIncompleteApply(path, rec!);
  return {
    begin(plan) {
      rec = {
        version: 1,
        policy: { name: policy.name, file: policy.file ?? null },
        command,
        pid: Deno.pid,
        host: hostName(),
        startedAt: new Date().toISOString(),
        state: "running",
        filtersCommitted: false,
        manualSas: saChanges(plan),
        createdSaContexts: [],
        staleSaContexts: staleOf(plan),
        deletedSaContexts: [],
        unrecordedCreate: null,
        filtersUndone: null,
        failure: null,
      };
      try {
        save();
      } catch (e) {
        throw new SafetyError(
          `cannot write the incomplete-apply record ${path} (${
            (e as Error).message
          }): an apply with manual ` +
            `SAs keeps one so that an interrupted SA phase can be finished; nothing changed`,
          { cause: e },
        );
      }
    },
    committed(plan) {
      rec!.filtersCommitted = true;
      rec!.manualSas = saChanges(plan);
      rec!.staleSaContexts = staleOf(plan);
      save();
    },
    creating(name) {
      rec!.unrecordedCreate = name;
      save();
    },
    created(id) {
      rec!.unrecordedCreate = null;
      rec!.createdSaContexts.push(String(id));
      save();
    },
    deleted(id) {
      const s = String(id), i = rec!.createdSaContexts.indexOf(s);
      if (i >= 0) rec!.createdSaContexts.splice(i, 1);
      else {
        rec!.staleSaContexts = rec!.staleSaContexts.filter((x) => x !== s);
        rec!.deletedSaContexts.push(s);
      }
      save();
    },
    done() {
      clearIncompleteApply(path);
    },
    unchanged() {
      if (prior) writeIncompleteApply(path, prior);
      else clearIncompleteApply(path);
    },
    failed(message, filtersUndone) {
      rec!.state = "failed";
      rec!.failure = message;
      rec!.filtersUndone = filtersUndone;
      save();
    },
  };
}

/** This host's name for the record; "" when the process may not ask (no --allow-sys: a library caller). */
function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "";
  }
}

const staleOf = (plan: Plan) =>
  plan.changes.flatMap((c) => c.kind === "manualSa" ? (c.saContextIds ?? []).map(String) : []);
const saChanges = (plan: Plan) =>
  plan.changes.filter((c) => c.kind === "manualSa").map((c) => ({ name: c.name, action: c.action }));

/** What `finishIncompleteApply` did with a record. */
export interface FinishedIncomplete {
  /** The record as found. */
  record: IncompleteApply;
  /**
   * Recorded SA contexts it deleted (created by the apply, or stale ones it was to delete) that nothing uses:
   * half-built, or on filters no longer in force.
   */
  deletedSaContexts: string[];
  /** Recorded SA contexts still in the engine and complete on filters in force: the plan decides on them. */
  keptSaContexts: string[];
}

/**
 * Deletes the SA contexts an incomplete apply created that nothing uses: those still in the engine that are
 * half-built (no inbound or no outbound SA) or whose SAs use filters that are not in force. A complete SA
 * context on filters in force is left to the plan (it keeps it when it matches the policy, replaces it when
 * not). Call under the apply lock, before planning; the record itself is cleared by the caller once the
 * apply succeeded. A deletion that still fails after retrying (FWP_E_TIMEOUT for 10 s, or any other error)
 * is an ApplyError naming the SA context; the record stays.
 */
export function finishIncompleteApply(
  engine: Engine,
  record: IncompleteApply,
  providerKey: Guid,
): FinishedIncomplete {
  const res: FinishedIncomplete = { record, deletedSaContexts: [], keptSaContexts: [] };
  const recorded = [...record.createdSaContexts, ...record.staleSaContexts];
  if (!engine.sa || !recorded.length) return res;
  const inForce = new Set<bigint>();
  for (const f of engine.enumFilters({ providerKey })) if (f.filterId !== undefined) inForce.add(f.filterId);
  const present = new Map<string, IpsecSaContext1>();
  for (const c of engine.sa.enumSaContexts()) present.set(String(c.saContextId), c);
  for (const id of recorded) {
    const c = present.get(id);
    if (!c) continue; // gone already (deleted later, or BFE restarted)
    if (inUse(c, inForce)) {
      res.keptSaContexts.push(id);
      continue;
    }
    try {
      retryOnTimeout(() => engine.sa!.deleteSaContext(BigInt(id)), 10_000);
    } catch (e) {
      const wfp = wfpCodeOf(e);
      throw new ApplyError(
        `deleting SA context ${id}, which an earlier apply of policy "${record.policy.name}" left and nothing ` +
          `uses, failed: ${
            wfp ? describeWfp(wfp) : (e as Error)?.message ?? e
          }; this apply changed nothing ` +
          `else${
            res.deletedSaContexts.length ? ` (it deleted ${res.deletedSaContexts.join(", ")} first)` : ""
          }; ` +
          `the record stays: run apply again`,
        { kind: "manualSa", key: id, name: `SA context ${id}` },
        wfp,
        { cause: e },
      );
    }
    res.deletedSaContexts.push(id);
  }
  return res;
}

/** Complete (both SAs) and on filters of ours in force. */
function inUse(c: IpsecSaContext1, inForce: ReadonlySet<bigint>): boolean {
  if (!c.inboundSa || !c.outboundSa) return false;
  const ids = [c.inboundSa.traffic.ipsecFilterId, c.outboundSa.traffic.ipsecFilterId];
  return ids.every((id) => id !== undefined && inForce.has(id));
}
