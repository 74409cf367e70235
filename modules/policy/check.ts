/**
 * What every part of the semantic pass shares: the document's small shape helpers, the issue list with
 * `err`/`warn`, the weak-crypto rule (an error unless `allowWeakCrypto: true`), and the secret and root-CA
 * references that both main mode and extended mode read.
 */
import { rootCaFromFile } from "../model/mod.ts";
import type { AccountName, RootCa, SecretRef } from "../model/mod.ts";

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const arrOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export const PROTOCOLS: Record<string, number> = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
};

export interface Issue {
  path: Path;
  /** Another place the message names: load.ts writes its file:line:col where the message says `{related}`. */
  related?: Path;
  atKey?: boolean;
  code: string;
  message: string;
  severity: "error" | "warning";
}

/** True when the variable is unset or empty (as the resolver at plan/apply sees it); false if unreadable. */
function envUnset(name: string): boolean {
  try {
    return !Deno.env.get(name);
  } catch {
    return false; // no --allow-env: cannot tell, say nothing
  }
}

export const DEFAULTS = {
  mmLifetime: 28800,
  qmSeconds: 3600,
  qmKilobytes: 100000,
  idle: 300,
  idleFailover: 60,
  ndAllowClear: 10,
};

/** The issue list and the checks shared by the sections of the semantic pass. */
export class Checker {
  constructor(readonly d: Obj, readonly issues: Issue[], readonly baseDir = "") {}
  /** `allowWeakCrypto: true`: weak algorithms are warnings, not errors. */
  allowWeak = false;
  /** Every secret reference of the model with the path of its `env`/`file` field (load.ts adds positions). */
  readonly secretRefs: { ref: SecretRef; path: Path }[] = [];
  /** Every authorization list entry with its path (load.ts adds positions, for plan/apply's lookup errors). */
  readonly accountRefs: { ref: AccountName; path: Path }[] = [];

  err(path: Path, code: string, message: string) {
    this.issues.push({ path, code, message, severity: "error" });
  }
  warn(path: Path, code: string, message: string) {
    this.issues.push({ path, code, message, severity: "warning" });
  }

  weak(path: Path, algs: string[], where: string) {
    for (const a of algs) {
      const name = a === "dh1" ? "DH group 1" : a === "dh2" ? "DH group 2" : a.toUpperCase();
      if (this.allowWeak) {
        this.warn(
          path,
          "weak-crypto-allowed",
          `${where} uses weak ${name}; allowed by allowWeakCrypto: true, but replace it`,
        );
      } else {
        this.err(
          path,
          "weak-crypto",
          `${where} uses weak ${name}; use AES/AES-GCM, SHA-256 or better and DH 14/ECP; ` +
            "or set allowWeakCrypto: true to accept it",
        );
      }
    }
  }

  secret(v: unknown, path: Path): SecretRef | undefined {
    if (!isObj(v)) return undefined;
    const env = str(v.env), file = str(v.file);
    if (env !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) {
      this.err(
        [...path, "env"],
        "pattern",
        // The value is not echoed: a key pasted here by mistake must not end up in logs.
        "not an environment variable name (letters, digits and _, not starting with a digit)",
      );
    }
    let ref: SecretRef;
    if (env !== undefined && file === undefined) ref = { env };
    else if (file !== undefined && env === undefined) ref = { file };
    else return undefined;
    const at = [...path, env !== undefined ? "env" : "file"];
    this.secretRefs.push({ ref, path: at });
    if (env !== undefined && envUnset(env)) {
      // A warning, not an error: validate may run elsewhere (a build host), plan and apply where it is set.
      this.warn(
        at,
        "secret-unset",
        `environment variable ${env} is not set here: plan and apply read the key from it, so set it ` +
          "where they run",
      );
    }
    return ref;
  }

  /**
   * certificate.rootCA: DN strings and `{ file }` CA certificates (read here, subject copied). IKEEXT_CERTIFICATE_
   * CRITERIA0: certData "should be empty when specifying Enterprise or trusted root store config", so a root
   * name with store root/enterprise is refused rather than silently dropped.
   */
  rootCas(v: unknown, path: Path, store: string): RootCa[] {
    const out: RootCa[] = [];
    listOf(v).forEach((x, j) => {
      const at = Array.isArray(v) ? [...path, j] : path;
      if (store !== "explicit" && x !== undefined) {
        this.err(
          at,
          "root-ca-store",
          `rootCA applies only to store 'explicit': with store '${store}' IKEEXT takes the roots from the ` +
            "store and the root name must be empty (IKEEXT_CERTIFICATE_CRITERIA0.certData)",
        );
        return;
      }
      if (typeof x === "string") out.push(x);
      else if (isObj(x) && typeof x.file === "string") {
        const r = rootCaFromFile(x.file, this.baseDir);
        if (typeof r === "string") this.err([...at, "file"], "bad-certificate", r);
        else out.push(r);
      }
    });
    return out;
  }
}
