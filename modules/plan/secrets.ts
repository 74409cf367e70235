/**
 * Secret I/O of the planner: reading pre-shared keys and manual SA keys from their references (environment
 * variable or file), and the salted digests that stand for them in providerData, so a changed key is seen
 * without the key ever being read back from the engine or printed.
 */
import type { Guid, ObjectGraph, SecretRef } from "../graph/mod.ts";
import { digestOf, secretDigest } from "../graph/mod.ts";
import { saKeyLength } from "../graph/mod.ts";
import { SecretError } from "../errors.ts";

export { saKeyLength };

/** Pre-shared key values resolved for apply, by `${providerContextKey}/${methodIndex}`. Never rendered. */
export type SecretValues = Map<string, Uint8Array>;

/** Reads a secret reference's bytes. The default reads the environment variable or file. */
export type SecretResolver = (ref: SecretRef, id: string) => Uint8Array;

export { SecretError };

/**
 * The error for a secret that cannot be read: by file:line and field when the loader recorded where the
 * reference is written (`ref.source`), else by the object's reference id (a graph built by hand).
 */
function secretProblem(what: string, id: string, ref: SecretRef, problem: string, code: string): SecretError {
  const at = ref.source;
  if (!at) return new SecretError(`${what} ${id}: ${problem}`);
  return new SecretError(
    `the ${what} cannot be read:\n${at.file}:${at.line}:${at.column}: error[${code}] ${at.path}: ${problem}`,
    {
      file: at.file,
      line: at.line,
      column: at.column,
      path: at.path,
      code,
      message: problem,
      severity: "error",
    },
  );
}

/**
 * Key files already read by the caller through the handle its admin-only check examined (elevated Windows
 * runs, modules/cli/support.ts): when set, a key file is taken from here and a file not in it is refused,
 * so no key file is read by path after a check of another handle.
 */
let checkedFiles: ReadonlyMap<string, string> | undefined;

/** Serves key files from `files` from now on (path -> content); undefined: read them from disk again. */
export function useCheckedSecretFiles(files: ReadonlyMap<string, string> | undefined): void {
  checkedFiles = files;
}

function readKeyFile(file: string): string {
  if (!checkedFiles) return Deno.readTextFileSync(file);
  const text = checkedFiles.get(file);
  if (text === undefined) throw new Error(`${file} was not checked as a key file before use`);
  return text;
}

/**
 * The text a secret reference names: the variable's value, or the file's content (`trim`: one trailing
 * newline dropped, and an empty file refused). The text itself never appears in an error.
 */
function readSecretText(what: string, ref: SecretRef, id: string, trim: boolean): string {
  if (ref.env) {
    const text = Deno.env.get(ref.env);
    if (text === undefined || text === "") {
      throw secretProblem(what, id, ref, `environment variable ${ref.env} is not set`, "secret-unset");
    }
    return text;
  }
  if (!ref.file) throw new SecretError(`${what} ${id}: the reference names neither env nor file`);
  let text: string;
  try {
    text = readKeyFile(ref.file);
  } catch (e) {
    throw secretProblem(
      what,
      id,
      ref,
      `cannot read ${ref.file}: ${(e as Error).message}`,
      "secret-unreadable",
    );
  }
  if (!trim) return text;
  text = text.replace(/\r?\n$/, "");
  if (text === "") throw secretProblem(what, id, ref, `${ref.file} is empty`, "secret-unreadable");
  return text;
}

/**
 * Default secret resolver: `{env}` reads the variable, `{file}` reads the file (one trailing newline
 * dropped). The key is passed to the engine as UTF-16LE text, as the Windows IPsec tools store it.
 */
export function defaultResolveSecret(ref: SecretRef, id: string): Uint8Array {
  const text = readSecretText("pre-shared key", ref, id, true);
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/**
 * Default manual SA key resolver: the variable or file holds the key as hexadecimal text (whitespace and a
 * leading 0x ignored). For ESP with encryption and integrity the text is the cipher key followed by the
 * integrity key. The key itself never appears in an error.
 */
export function defaultResolveSaKey(ref: SecretRef, id: string): Uint8Array {
  const text = readSecretText("manual SA key", ref, id, false);
  const hex = text.replace(/\s+/g, "").replace(/^0x/i, "");
  const where = ref.env ? `environment variable ${ref.env}` : `file ${ref.file}`;
  if (!hex || hex.length % 2 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw secretProblem(
      "manual SA key",
      id,
      ref,
      `${where} must hold the key as hexadecimal digits (an even number)`,
      "secret-unreadable",
    );
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Resolves the pre-shared keys of the graph's provider contexts and tunnels into `secrets`; returns their
 * digests per owning context key (method index -> digest), for the contexts' providerData.
 */
export function pskDigests(
  graph: ObjectGraph,
  resolve: SecretResolver,
  hostKey: Uint8Array | undefined,
  secrets: SecretValues,
): Map<string, Record<string, string>> {
  // Secret digests per owning context key. Only provider-context secrets matter here (manual SA keys are
  // not planned: see apply).
  const ctxKeys = new Set(graph.providerContexts.map((c) => c.providerContextKey));
  for (const t of graph.tunnels) {
    ctxKeys.add(t.tunnelPolicy.providerContextKey);
    if (t.mainModePolicy) ctxKeys.add(t.mainModePolicy.providerContextKey);
  }
  const digests = new Map<string, Record<string, string>>();
  for (const id of Object.keys(graph.secrets).sort()) {
    const slash = id.lastIndexOf("/");
    const ctxKey = id.slice(0, slash);
    if (!ctxKeys.has(ctxKey)) continue;
    const value = resolve(graph.secrets[id], id);
    secrets.set(id, value);
    const rec = digests.get(ctxKey) ?? {};
    rec[id.slice(slash + 1)] = secretDigest(ctxKey, value, hostKey);
    digests.set(ctxKey, rec);
  }
  return digests;
}

/**
 * Resolves the manual SA keys into `secrets` (a key of the wrong length for its transform is a SecretError);
 * returns the digest of each pair by the keys of its two filters.
 */
export function manualSaDigests(
  graph: ObjectGraph,
  resolveSa: SecretResolver,
  hostKey: Uint8Array | undefined,
  secrets: SecretValues,
): Map<Guid, string> {
  // Manual SA keys: resolved for apply, and a digest of each pair (SPIs, transforms, keys) goes into both
  // of its filters' metadata, so a changed key or SPI replaces the filters and with them the SA pair.
  const saDigest = new Map<Guid, string>();
  for (const m of graph.manualSas) {
    const dirs: Record<string, unknown> = {};
    for (const which of ["inbound", "outbound"] as const) {
      const d = m[which];
      const ref = graph.secrets[d.keyRef];
      if (!ref) throw new SecretError(`manual SA ${m.name}: no key reference for ${which}`);
      const key = resolveSa(ref, d.keyRef);
      const want = saKeyLength(d);
      if (want !== undefined && key.length !== want) {
        throw new SecretError(
          `manual SA ${m.name} ${which}: the key has ${key.length} bytes, its transform needs ${want}`,
        );
      }
      secrets.set(d.keyRef, key);
      const { keyRef: _k, ...params } = d;
      dirs[which] = { ...params, keySha256: secretDigest(d.keyRef, key, hostKey) };
    }
    const digest = digestOf(dirs);
    saDigest.set(m.inboundFilterKey, digest);
    saDigest.set(m.outboundFilterKey, digest);
  }
  return saDigest;
}
