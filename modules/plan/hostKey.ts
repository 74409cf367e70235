/**
 * The host secret that keys the digests of pre-shared keys and manual SA keys kept in providerData
 * (meta.ts secretDigest: HMAC-SHA256). providerData is readable by anyone who can list WFP objects (netsh
 * wfp show state, `wfpsec show --json`, snapshots), so an unkeyed hash of a short key would be brute-forced
 * from it; with a 256-bit host secret nobody without the secret can test guesses.
 *
 * Where: on Windows `%ProgramData%\wfpsec\host.key` (the folder is the admin-only folder of the apply lock);
 * on fwpsim `wfpsec-host.key` in the folder of the simulator's state file (one "host" per folder, so a
 * state file copied next to it keeps comparing, as a restored BFE store would); a simulator without a state file
 * (one process) gets a random key for the process. A snapshot (offline) has no host secret unless the local
 * Windows one exists: its secret digests cannot be verified, and the planner says so instead of guessing.
 * The file holds 64 hex digits, created once with mode 0600 (exclusive create, so two first runs agree).
 */
import { SecretError } from "../errors.ts";
import { programDataDirectory } from "../../ffi/kernel32.ts";
import { dataFolderFor } from "../../ffi/fileSecurity.ts";

const cache = new Map<string, Uint8Array>();
let processKey: Uint8Array | undefined;

/** The host key file for an engine kind (`fwpsim` needs its state file). */
export function hostKeyPath(kind: string, simState: string | undefined): string | undefined {
  if (kind === "fwpsim") {
    if (!simState) return undefined;
    const i = Math.max(simState.lastIndexOf("/"), simState.lastIndexOf("\\"));
    return `${i < 0 ? "." : simState.slice(0, i) || "/"}/wfpsec-host.key`;
  }
  if (kind === "windows" || (kind === "snapshot" && Deno.build.os === "windows")) {
    const base = programDataDirectory();
    return `${base}\\wfpsec\\host.key`;
  }
  return undefined;
}

function parse(path: string, text: string): Uint8Array {
  const t = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(t)) {
    throw new SecretError(
      `the host key ${path} is corrupt (expected 64 hexadecimal digits): restore it from a backup, or ` +
        `delete it to make a new one (every pre-shared key is then reported changed once and re-applied)`,
    );
  }
  return Uint8Array.from(t.match(/../g)!.map((h) => parseInt(h, 16)));
}

function readOrCreate(path: string, create: boolean): Uint8Array | undefined {
  const hit = cache.get(path);
  if (hit) return hit;
  let key: Uint8Array | undefined;
  dataFolderFor(path); // on Windows: wfpsec's admin-only folder, created or checked before the key is read
  try {
    key = parse(path, Deno.readTextFileSync(path));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    if (!create) return undefined;
    const fresh = crypto.getRandomValues(new Uint8Array(32));
    const hex = [...fresh].map((b) => b.toString(16).padStart(2, "0")).join("");
    dataFolderFor(path);
    try {
      const f = Deno.openSync(path, { write: true, createNew: true, mode: 0o600 });
      try {
        f.writeSync(new TextEncoder().encode(hex + "\n"));
        f.syncSync();
      } finally {
        f.close();
      }
      key = fresh;
    } catch (w) {
      // Another first run created it in between: use theirs.
      if (!(w instanceof Deno.errors.AlreadyExists)) throw w;
      key = parse(path, Deno.readTextFileSync(path));
    }
  }
  cache.set(path, key);
  return key;
}

/**
 * The host key for an engine (`kind` from Engine.info.kind; the fwpsim state from FWPSIM_STATE unless
 * given), created on first use for live engines; undefined when there is none (an offline snapshot).
 */
export function hostKeyFor(kind: string, simState?: string): Uint8Array | undefined {
  const state = simState ?? (kind === "fwpsim" ? envState() : undefined);
  const path = hostKeyPath(kind, state);
  if (path) return readOrCreate(path, kind !== "snapshot");
  if (kind === "snapshot") return undefined;
  return processKey ??= crypto.getRandomValues(new Uint8Array(32));
}

function envState(): string | undefined {
  try {
    return Deno.env.get("FWPSIM_STATE") || undefined;
  } catch {
    return undefined;
  }
}
