/**
 * loadPolicy: YAML/JSON text -> validated `Policy`, or a `PolicyError` with every problem of the document.
 *
 * Three passes, all run so that one report lists everything: YAML syntax, the structural check derived from
 * the field tables (`fields.ts`), and the semantic pass below, which builds the model and checks references,
 * crypto strength, families, overlaps and lifetimes. The semantic pass tolerates values of the wrong type
 * (already reported structurally) by skipping them.
 */
import { authKeyModuleIssues, displayTextIssues, ikePolicyIssues } from "./fidelity.ts";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type AddrSpec, parseAddr } from "../model/mod.ts";
import {
  checkQm,
  DH_ALIASES,
  formatQm,
  parseDuration,
  parseMm,
  parseQm,
  WEAK,
  weakInQm,
} from "../model/mod.ts";
import { type Diagnostic, pathString, PolicyError } from "./diagnostics.ts";
import { checkNesting, nestingError, pathDeeperThan } from "./decode.ts";
import { checkShape } from "./fields.ts";
import { policyDir, rootCaFromFile } from "../model/mod.ts";
import type {
  AuthMethod,
  Exemption,
  MainModePolicy,
  ManualSaSpec,
  MmProposal,
  Policy,
  PortRange,
  QmProposal,
  QuickModePolicy,
  RootCa,
  Rule,
  SaDirection,
  SecretRef,
  TunnelSpec,
} from "../model/mod.ts";
import { hasDacl, SddlError, sddlToSecurityDescriptor } from "../../ffi/sddl.ts";

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arrOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const PROTOCOLS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58 };

/** Result of a successful load. */
export interface LoadResult {
  /** The validated policy. */
  policy: Policy;
  /** Warnings (weak crypto allowed, unused definitions, ...). */
  warnings: Diagnostic[];
}

interface Issue {
  path: Path;
  atKey?: boolean;
  code: string;
  message: string;
  severity: "error" | "warning";
}

/**
 * Parses and validates a policy document (YAML or JSON). Throws `PolicyError` listing every error (and the
 * warnings) when anything is wrong; otherwise returns the model and the warnings.
 */
export function loadPolicy(text: string, file = "<policy>"): LoadResult {
  checkNesting(text, file); // before any recursive parse or walk (decode.ts)
  // JSON fast path: JSON.parse is ~100x faster than the YAML composer on big generated policies. The YAML
  // document (for positions) is only built when there is something to report.
  const json = fastJson(text);
  let parsed: { doc: Document.Parsed; lc: LineCounter } | undefined;
  const yamlDoc = () => {
    if (!parsed) {
      const lc = new LineCounter();
      parsed = {
        doc: parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }),
        lc,
      };
    }
    return parsed;
  };
  const diags: Diagnostic[] = [];
  let value: unknown;
  if (json.ok) value = json.value;
  else {
    const { doc, lc } = yamlDoc();
    for (const e of doc.errors) {
      const [line, column] = lineCol(lc, e.pos?.[0] ?? 0);
      diags.push({
        file,
        line,
        column,
        path: "",
        code: e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax",
        message: e.message.split("\n")[0],
        severity: "error",
      });
    }
    if (diags.length) throw new PolicyError(diags);
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      throw new PolicyError([{
        file,
        line: 1,
        column: 1,
        path: "",
        code: "yaml-syntax",
        message: `cannot read the document: ${(e as Error).message}`,
        severity: "error",
      }]);
    }
    const deep = pathDeeperThan(value); // aliases can nest deeper than the text shows
    if (deep) nestingError(file, ...locate(doc.contents, lc, deep, false));
  }
  const issues: Issue[] = checkShape(value).map((s) => ({ ...s, severity: "error" as const }));
  const sem = new Semantic(isObj(value) ? value : {}, issues, policyDir(file));
  const policy = sem.run();
  if (issues.length) {
    const { doc, lc } = yamlDoc();
    for (const i of issues) {
      const [line, column] = locate(doc.contents, lc, i.path, !!i.atKey);
      diags.push({
        file,
        line,
        column,
        path: pathString(i.path),
        message: i.message,
        code: i.code,
        severity: i.severity,
      });
    }
  }
  diags.sort((a, b) =>
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.line - b.line ||
    a.column - b.column
  );
  if (!isObj(value)) {
    if (!diags.some((d) => d.severity === "error")) {
      diags.unshift({
        file,
        line: 1,
        column: 1,
        path: "",
        code: "type",
        message: "the document must be a mapping",
        severity: "error",
      });
    }
  }
  if (diags.some((d) => d.severity === "error")) throw new PolicyError(diags);
  return { policy, warnings: diags };
}

/**
 * Strict JSON with no duplicate keys (which JSON.parse would silently merge): then the value; otherwise
 * `ok: false` and the YAML path reports the problem with its position.
 */
function fastJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trimStart();
  if (t[0] !== "{" || hasDuplicateKey(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The key as JSON reads it, so `"\u0069nbound"` and `"inbound"` compare equal; malformed text stays raw
 * (JSON.parse then fails and the YAML path reports it).
 */
function unescapeJsonKey(quoted: string): string {
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

/** Scans JSON text for an object with a repeated key (keys compared after unescaping). */
function hasDuplicateKey(text: string): boolean {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // "
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const k = unescapeJsonKey(text.slice(i, j + 1));
        if (top.has(k)) return true;
        top.add(k);
      }
      expectKey = false;
      i = j;
    } else if (c === 0x7b) stack.push(new Set()), expectKey = true; // {
    else if (c === 0x5b) stack.push(null), expectKey = false; // [
    else if (c === 0x7d || c === 0x5d) stack.pop(), expectKey = false;
    else if (c === 0x2c) expectKey = stack[stack.length - 1] !== null && stack.length > 0; // ,
  }
  return false;
}

function lineCol(lc: LineCounter, offset: number): [number, number] {
  const p = lc.linePos(offset);
  return [p.line, p.col];
}

function locate(root: unknown, lc: LineCounter, path: Path, atKey: boolean): [number, number] {
  let node = root as Node | null | undefined;
  let best: Node | null | undefined = node;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      keyNode = pair.key as Node;
      best = keyNode;
      node = pair.value as Node | null;
      if (node) best = node;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as Node | undefined;
      if (node) best = node;
      else break;
    } else break;
  }
  const target = atKey && keyNode ? keyNode : best;
  const off = target?.range?.[0] ?? 0;
  return lineCol(lc, off);
}

const DEFAULTS = {
  mmLifetime: 28800,
  qmSeconds: 3600,
  qmKilobytes: 100000,
  idle: 300,
  idleFailover: 60,
  ndAllowClear: 10,
};

class Semantic {
  constructor(private readonly d: Obj, private readonly issues: Issue[], private readonly baseDir = "") {}
  private allowWeak = false;

  private err(path: Path, code: string, message: string) {
    this.issues.push({ path, code, message, severity: "error" });
  }
  private warn(path: Path, code: string, message: string) {
    this.issues.push({ path, code, message, severity: "warning" });
  }

  private weak(path: Path, algs: string[], where: string) {
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

  run(): Policy {
    const d = this.d;
    for (const f of displayTextIssues(d)) this.err(f.at, f.code, f.message);
    this.allowWeak = d.allowWeakCrypto === true;
    const mainMode = this.named(d.mainMode, ["mainMode"], (v, p) => this.mm(v, p));
    const quickMode = this.named(d.quickMode, ["quickMode"], (v, p) => this.qm(v, p));
    const mms = new Map(mainMode.map((m) => [m.name, m]));
    const qms = new Map(quickMode.map((q) => [q.name, q]));
    const used = new Set<string>();
    const rules = this.named(d.rules, ["rules"], (v, p) => this.rule(v, p, mms, qms, used));
    const exemptions = this.exemptions();
    const tunnels = this.named(d.tunnels, ["tunnels"], (v, p) => this.tunnel(v, p, mms, qms, used));
    const manualSas = this.named(d.manualSas, ["manualSas"], (v, p) => this.manualSa(v, p));
    arrOf(d.mainMode).forEach((m, i) => {
      const n = isObj(m) ? str(m.name) : undefined;
      if (n && !used.has("mm:" + n)) {
        this.warn(
          ["mainMode", i, "name"],
          "unused-definition",
          `main-mode policy '${n}' is not used by any rule or tunnel`,
        );
      }
    });
    arrOf(d.quickMode).forEach((m, i) => {
      const n = isObj(m) ? str(m.name) : undefined;
      if (n && !used.has("qm:" + n)) {
        this.warn(
          ["quickMode", i, "name"],
          "unused-definition",
          `quick-mode policy '${n}' is not used by any rule or tunnel`,
        );
      }
    });
    this.overlaps(rules);
    return {
      version: 1,
      name: str(d.name) ?? "",
      ...(str(d.description) !== undefined ? { description: str(d.description) } : {}),
      allowWeakCrypto: this.allowWeak,
      mainMode,
      quickMode,
      rules,
      exemptions,
      tunnels,
      manualSas,
    };
  }

  /**
   * Validates every item of a named collection with `check` and reports duplicate names. A duplicate is still
   * checked (so one run reports all of its problems, not just the clash) but only the first of each name
   * reaches the model.
   */
  private named<T>(v: unknown, base: Path, check: (item: Obj, p: Path) => T | undefined): T[] {
    const out: T[] = [];
    for (const [item, p, dup] of this.names(v, base)) {
      const r = check(item, p);
      if (r && !dup) out.push(r);
    }
    return out;
  }

  /** Items of a named collection, each flagged when its name repeats an earlier one (reported here). */
  private names(v: unknown, base: Path): [Obj, Path, boolean][] {
    const seen = new Map<string, number>();
    const out: [Obj, Path, boolean][] = [];
    arrOf(v).forEach((item, i) => {
      if (!isObj(item)) return;
      const n = str(item.name);
      if (n !== undefined) {
        if (seen.has(n)) {
          this.err(
            [...base, i, "name"],
            "duplicate-name",
            `name '${n}' is already used by ${pathString([...base, seen.get(n)!])}; names must be unique`,
          );
          out.push([item, [...base, i], true]);
          return;
        }
        seen.set(n, i);
      }
      out.push([item, [...base, i], false]);
    });
    return out;
  }

  private secret(v: unknown, path: Path): SecretRef | undefined {
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
    if (env !== undefined && file === undefined) return { env };
    if (file !== undefined && env === undefined) return { file };
    return undefined;
  }

  /**
   * certificate.rootCA: DN strings and `{ file }` CA certificates (read here, subject copied). IKEEXT_CERTIFICATE_
   * CRITERIA0: certData "should be empty when specifying Enterprise or trusted root store config", so a root
   * name with store root/enterprise is refused rather than silently dropped.
   */
  private rootCas(v: unknown, path: Path, store: string): RootCa[] {
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

  private auth(list: unknown, path: Path, forEm: boolean): AuthMethod[] {
    const out: AuthMethod[] = [];
    const kinds = new Map<string, number>();
    arrOf(list).forEach((m, i) => {
      const p = [...path, i];
      let a: AuthMethod | undefined;
      if (typeof m === "string") {
        if (m === "kerberos") a = { kind: "kerberos" };
        else if (m === "ntlmv2") a = { kind: "ntlmv2" };
        else if (m === "anonymous") a = { kind: "anonymous" };
      } else if (isObj(m) && Object.keys(m).length === 1) {
        if (isObj(m.kerberos)) {
          const proxy = str(m.kerberos.proxyServer);
          a = proxy !== undefined ? { kind: "kerberos", proxyServer: proxy } : { kind: "kerberos" };
        } else if (isObj(m.ntlmv2)) a = { kind: "ntlmv2" };
        else if (isObj(m.anonymous)) a = { kind: "anonymous" };
        else if ("psk" in m) {
          const r = this.secret(m.psk, [...p, "psk"]);
          if (r) a = { kind: "psk", ref: r };
        } else if (isObj(m.certificate)) {
          const c = m.certificate;
          const nm = isObj(c.name) && str(c.name.type) && str(c.name.value) !== undefined
            ? { type: c.name.type as "cn", value: c.name.value as string }
            : undefined;
          a = {
            kind: "certificate",
            rootCA: this.rootCas(c.rootCA, [...p, "certificate", "rootCA"], str(c.store) ?? "explicit"),
            eku: arrOf(c.eku).filter((x): x is string => typeof x === "string"),
            ...(nm ? { name: nm } : {}),
            ...(str(c.thumbprint) ? { thumbprint: (c.thumbprint as string).toLowerCase() } : {}),
            store: (str(c.store) ?? "explicit") as "explicit",
            signing: (str(c.signing) ?? "rsa") as "rsa",
          };
          a.rootCA.forEach((dn, j) => {
            if (typeof dn === "string" && !/^\s*[A-Za-z][A-Za-z0-9.]*\s*=/.test(dn)) {
              this.err(
                [...p, "certificate", "rootCA", ...(Array.isArray(c.rootCA) ? [j] : [])],
                "pattern",
                `'${dn}' is not a distinguished name; write e.g. 'CN=Contoso Root CA, O=Contoso'`,
              );
            }
          });
          if ((a.store === "explicit") && c.rootCA === undefined && !a.thumbprint) {
            this.err(
              [...p, "certificate"],
              "missing-field",
              "certificate authentication with store 'explicit' needs rootCA or thumbprint",
            );
          }
        }
      }
      if (!a) return;
      const kindKey = a.kind === "certificate" ? `certificate/${a.signing}` : a.kind;
      if (kinds.has(kindKey)) {
        this.err(
          p,
          "duplicate-auth",
          `method ${a.kind} is already listed at ${
            pathString([...path, kinds.get(kindKey)!])
          }; each method may appear once (merge the criteria)`,
        );
        return;
      }
      kinds.set(kindKey, i);
      if (forEm && a.kind === "psk") {
        this.err(
          p,
          "em-method",
          "user authentication (extended mode) does not support pre-shared keys; use kerberos, ntlmv2, certificate or anonymous",
        );
        return;
      }
      out.push(a);
    });
    return out;
  }

  private mm(v: Obj, p: Path): MainModePolicy | undefined {
    const name = str(v.name);
    const km = str(v.keyModule);
    if (!name || !km || !["ikev1", "authip", "ikev2"].includes(km)) return undefined;
    const auth = this.auth(v.auth, [...p, "auth"], false);
    if (km === "ikev2") {
      auth.forEach((a, i) => {
        if (a.kind === "kerberos" || a.kind === "ntlmv2") {
          this.err(
            [...p, "auth", i],
            "auth-key-module",
            `IKEv2 main mode does not support ${a.kind}; use certificate or psk, or keyModule authip`,
          );
        }
      });
    }
    if (km === "ikev1") {
      auth.forEach((a, i) => {
        if (a.kind === "anonymous") {
          this.err(
            [...p, "auth", i],
            "auth-key-module",
            "IKEv1 main mode cannot be anonymous; use keyModule authip for optional authentication",
          );
        }
      });
    }
    const proposals: MmProposal[] = [];
    arrOf(v.proposals).forEach((x, i) => {
      const pp = [...p, "proposals", i];
      let prop: MmProposal | string | undefined;
      if (typeof x === "string") prop = parseMm(x);
      else if (isObj(x) && str(x.cipher) && str(x.integrity) && str(x.dh)) {
        prop = {
          cipher: x.cipher as string,
          integrity: x.integrity as string,
          dh: DH_ALIASES[x.dh as string] ?? x.dh as string,
        };
      }
      if (typeof prop === "string") {
        this.err(pp, "bad-proposal", prop);
        return;
      }
      if (!prop) return;
      if (prop.cipher.startsWith("aesgcm") && km !== "ikev2") {
        this.err(
          pp,
          "gcm-main-mode",
          `main-mode cipher ${prop.cipher} is only available with IKEv2; use aes256 (GCM belongs in quick mode)`,
        );
      }
      this.weak(pp, [prop.cipher, prop.integrity, prop.dh].filter((a) => WEAK.has(a)), "main-mode proposal");
      proposals.push(prop);
    });
    const lifetime = v.lifetime === undefined ? DEFAULTS.mmLifetime : parseDuration(v.lifetime);
    const soft = v.softExpiration === undefined ? 0 : parseDuration(v.softExpiration);
    const retransmit = v.retransmit === undefined ? 0 : parseDuration(v.retransmit);
    if (lifetime !== undefined && (lifetime < 60 || lifetime > 172800)) {
      this.err(
        [...p, "lifetime"],
        "lifetime",
        `main-mode lifetime ${lifetime}s is impossible; Windows accepts 60s (1m) to 172800s (48h)`,
      );
    }
    if (lifetime !== undefined && soft !== undefined && soft !== 0 && soft >= lifetime) {
      this.err(
        [...p, "softExpiration"],
        "lifetime",
        `soft expiration ${soft}s must be below the lifetime ${lifetime}s`,
      );
    }
    const flags = arrOf(v.flags).filter((x): x is string => typeof x === "string");
    for (
      const f of [
        ...authKeyModuleIssues(km as "ikev1", auth),
        ...ikePolicyIssues(km as "ikev1", v, soft, retransmit, flags, proposals),
      ]
    ) {
      this.err([...p, ...f.at], f.code, f.message);
    }
    return {
      name,
      ...(str(v.description) !== undefined ? { description: v.description as string } : {}),
      keyModule: km as "ikev1",
      auth,
      proposals,
      lifetimeSeconds: lifetime ?? DEFAULTS.mmLifetime,
      softExpirationSeconds: soft ?? 0,
      quickModeLimit: typeof v.quickModeLimit === "number" ? v.quickModeLimit : 0,
      retransmitSeconds: retransmit ?? 0,
      flags: arrOf(v.flags).filter((x): x is string => typeof x === "string"),
    };
  }

  private qmProposal(x: unknown, pp: Path): QmProposal | undefined {
    let prop: QmProposal | string | undefined;
    if (typeof x === "string") prop = parseQm(x);
    else if (isObj(x)) {
      const o: QmProposal = {};
      if (str(x.ah)) o.ah = x.ah as string;
      if (isObj(x.esp)) {
        o.esp = { cipher: str(x.esp.cipher) ?? "none", integrity: str(x.esp.integrity) ?? "none" };
      }
      prop = checkQm(o) ?? o;
    }
    if (typeof prop === "string") {
      this.err(pp, "bad-proposal", prop);
      return undefined;
    }
    return prop;
  }

  private qm(v: Obj, p: Path): QuickModePolicy | undefined {
    const name = str(v.name);
    if (!name) return undefined;
    const proposals: QmProposal[] = [];
    arrOf(v.proposals).forEach((x, i) => {
      const pp = [...p, "proposals", i];
      const prop = this.qmProposal(x, pp);
      if (!prop) return;
      this.weak(pp, weakInQm(prop), `quick-mode proposal ${formatQm(prop)}`);
      proposals.push(prop);
    });
    const pfs = str(v.pfs) ?? "none";
    if (WEAK.has(pfs)) this.weak([...p, "pfs"], [pfs], "PFS");
    const nat = (str(v.natTraversal) ?? "none") as QuickModePolicy["natTraversal"];
    if (nat !== "none") {
      proposals.forEach((pr, i) => {
        if (pr.ah) {
          this.err(
            [...p, "proposals", i],
            "ah-nat",
            `AH authenticates the IP header, which NAT rewrites: ${
              formatQm(pr)
            } cannot work with natTraversal: ${nat}; use ESP or natTraversal: none`,
          );
        }
      });
    }
    const lt = isObj(v.lifetime) ? v.lifetime : {};
    const seconds = lt.seconds === undefined ? DEFAULTS.qmSeconds : parseDuration(lt.seconds);
    const kb = typeof lt.kilobytes === "number" ? lt.kilobytes : DEFAULTS.qmKilobytes;
    if (seconds !== undefined && (seconds < 300 || seconds > 172800)) {
      this.err(
        [...p, "lifetime", "seconds"],
        "lifetime",
        `quick-mode lifetime ${seconds}s is impossible; Windows accepts 300s (5m) to 172800s (48h)`,
      );
    }
    if (kb < 20480 || kb > 2147483647) {
      this.err(
        [...p, "lifetime", "kilobytes"],
        "lifetime",
        `quick-mode lifetime ${kb} KB is impossible; Windows accepts 20480 to 2147483647 KB`,
      );
    }
    let idle = DEFAULTS.idle, failover = DEFAULTS.idleFailover;
    if (typeof v.idleTimeout === "number") idle = v.idleTimeout;
    else if (isObj(v.idleTimeout)) {
      if (typeof v.idleTimeout.seconds === "number") idle = v.idleTimeout.seconds;
      if (typeof v.idleTimeout.failover === "number") failover = v.idleTimeout.failover;
    }
    if (idle < 60 || idle > 3600) {
      this.err(
        [...p, "idleTimeout"],
        "lifetime",
        `idle timeout ${idle}s is impossible; Windows accepts 60 to 3600 seconds`,
      );
    }
    if (failover > idle) {
      this.err(
        [...p, "idleTimeout"],
        "lifetime",
        `fail-over idle timeout ${failover}s must not exceed the idle timeout ${idle}s`,
      );
    }
    if (seconds !== undefined && idle >= seconds) {
      this.err(
        [...p, "idleTimeout"],
        "lifetime",
        `idle timeout ${idle}s must be shorter than the SA lifetime ${seconds}s`,
      );
    }
    const userAuth = this.auth(v.userAuth, [...p, "userAuth"], true);
    return {
      name,
      ...(str(v.description) !== undefined ? { description: v.description as string } : {}),
      mode: (str(v.mode) ?? "transport") as "transport",
      proposals,
      pfs,
      lifetimeSeconds: seconds ?? DEFAULTS.qmSeconds,
      lifetimeKilobytes: kb,
      idleSeconds: idle,
      idleFailoverSeconds: failover,
      natTraversal: nat,
      ndAllowClearTimeout: typeof v.ndAllowClearTimeout === "number"
        ? v.ndAllowClearTimeout
        : DEFAULTS.ndAllowClear,
      userAuth,
      userImpersonation:
        (str(v.userImpersonation) ?? (userAuth.length ? "socket-principal" : "none")) as "none",
    };
  }

  private addrs(v: unknown, path: Path): AddrSpec[] {
    const out: AddrSpec[] = [];
    const many = Array.isArray(v);
    listOf(v).forEach((x, i) => {
      if (typeof x !== "string") return;
      const a = parseAddr(x);
      if (typeof a === "string") this.err(many ? [...path, i] : path, "bad-address", a);
      else out.push(a);
    });
    return out;
  }

  private ports(v: unknown, path: Path): PortRange[] {
    const out: PortRange[] = [];
    const many = Array.isArray(v);
    listOf(v).forEach((x, i) => {
      const pp = many ? [...path, i] : path;
      if (typeof x === "number") {
        if (Number.isInteger(x) && x >= 0 && x <= 65535) out.push({ low: x, high: x });
        return;
      }
      if (typeof x !== "string") return;
      const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(x);
      const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2] ?? m[1]) : NaN;
      if (!m || lo > 65535 || hi > 65535 || lo > hi) {
        this.err(pp, "bad-port", `'${x}' is not a port; use a number 0-65535 or a range like 8000-8080`);
      } else out.push({ low: lo, high: hi });
    });
    return out;
  }

  private protocol(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string") return PROTOCOLS[v];
    return undefined;
  }

  /** Families of a selector pair; reports mismatches. */
  private families(
    local: AddrSpec[],
    remote: AddrSpec[],
    family: unknown,
    p: Path,
  ): { fams: (4 | 6)[]; explicit: boolean } {
    const fl = new Set(local.map((a) => a.family)), fr = new Set(remote.map((a) => a.family));
    let fams: (4 | 6)[] = [4, 6];
    let explicit = false;
    if (fl.size && fr.size) {
      fams = ([4, 6] as const).filter((f) => fl.has(f) && fr.has(f));
      if (!fams.length) {
        this.err(
          [...p, "remote"],
          "family-mismatch",
          `local addresses are IPv${[...fl][0]} and remote addresses IPv${
            [...fr][0]
          }: no traffic can match; use one family on both sides`,
        );
      } else if (fl.size !== fr.size || fams.length !== fl.size) {
        this.err(
          [...p, "remote"],
          "family-mismatch",
          "local and remote address lists mix families differently; give each family's addresses on both sides, or split the rule",
        );
      }
    } else if (fl.size || fr.size) {
      fams = [...(fl.size ? fl : fr)].sort() as (4 | 6)[];
    }
    const fam = str(family);
    if (fam && fam !== "both") {
      const want = fam === "ipv4" ? 4 : 6;
      if ((fl.size || fr.size) && !fams.includes(want)) {
        this.err(
          [...p, "family"],
          "family-mismatch",
          `family: ${fam} contradicts the addresses given (IPv${fams.join("/IPv")})`,
        );
      }
      fams = [want];
      explicit = !(fl.size || fr.size);
    }
    return { fams, explicit };
  }

  private selector(v: Obj, p: Path) {
    const local = this.addrs(v.local, [...p, "local"]);
    const remote = this.addrs(v.remote, [...p, "remote"]);
    const protocol = this.protocol(v.protocol);
    const localPorts = this.ports(v.localPorts, [...p, "localPorts"]);
    const remotePorts = this.ports(v.remotePorts, [...p, "remotePorts"]);
    if ((localPorts.length || remotePorts.length) && protocol !== 6 && protocol !== 17) {
      this.err(
        [...p, localPorts.length ? "localPorts" : "remotePorts"],
        "ports-need-protocol",
        "ports only exist for TCP and UDP; add protocol: tcp or protocol: udp",
      );
    }
    return { local, remote, protocol, localPorts, remotePorts };
  }

  private rule(
    v: Obj,
    p: Path,
    mms: Map<string, MainModePolicy>,
    qms: Map<string, QuickModePolicy>,
    used: Set<string>,
  ): Rule | undefined {
    const name = str(v.name);
    const sel = this.selector(v, p);
    const { fams, explicit } = this.families(sel.local, sel.remote, v.family, p);
    let inbound = str(v.inbound), outbound = str(v.outbound);
    if (inbound === "boundary") inbound = "request";
    const direction = (str(v.direction) ?? "both") as Rule["direction"];
    const pair = `${inbound}/${outbound}`;
    const okPairs = [
      "require/require",
      "require/request",
      "request/request",
      "require/clear",
      "request/clear",
      "clear/clear",
    ];
    if (inbound && outbound && !okPairs.includes(pair)) {
      this.err(
        [...p, "outbound"],
        "security-pair",
        `inbound ${v.inbound} with outbound ${outbound} is not allowed; allowed pairs (inbound/outbound): ${
          okPairs.join(", ")
        }`,
      );
    }
    if (pair === "clear/clear") {
      this.err(
        [...p, "inbound"],
        "security-pair",
        "a rule with no security on either side is an exemption; move it to exemptions:",
      );
    }
    // Normalize what a one-directional rule cannot observe, so equivalent rules compile identically.
    if (direction === "inbound" && outbound === "clear") {
      outbound = inbound === "require" ? "require" : "request";
    }
    const mmNames = listOf(v.mainMode).filter((x): x is string => typeof x === "string");
    const mmList: MainModePolicy[] = [];
    const kmSeen = new Map<string, string>();
    const many = Array.isArray(v.mainMode);
    mmNames.forEach((n, i) => {
      used.add("mm:" + n);
      const m = mms.get(n);
      const pp = [...p, "mainMode", ...(many ? [i] : [])];
      if (!m) {
        if (!arrOf(this.d.mainMode).some((x) => isObj(x) && x.name === n)) {
          this.err(
            pp,
            "undefined-reference",
            `main-mode policy '${n}' is not defined; defined: ${[...mms.keys()].join(", ") || "none"}`,
          );
        }
        return;
      }
      if (kmSeen.has(m.keyModule)) {
        this.err(
          pp,
          "duplicate-key-module",
          `'${n}' and '${
            kmSeen.get(m.keyModule)
          }' are both ${m.keyModule}; a rule takes at most one main-mode policy per key module`,
        );
      }
      kmSeen.set(m.keyModule, n);
      mmList.push(m);
    });
    const qmName = str(v.quickMode);
    let qm: QuickModePolicy | undefined;
    if (qmName !== undefined) {
      used.add("qm:" + qmName);
      qm = qms.get(qmName);
      if (!qm && !arrOf(this.d.quickMode).some((x) => isObj(x) && x.name === qmName)) {
        this.err(
          [...p, "quickMode"],
          "undefined-reference",
          `quick-mode policy '${qmName}' is not defined; defined: ${[...qms.keys()].join(", ") || "none"}`,
        );
      }
    }
    if (qm && qm.mode !== "transport") {
      this.err(
        [...p, "quickMode"],
        "mode-mismatch",
        `rules need a transport quick-mode policy; '${qm.name}' is mode: ${qm.mode} (use it in tunnels:)`,
      );
    }
    if (qm && qm.userAuth.length) {
      const ike1 = mmList.find((m) => m.keyModule === "ikev1");
      if (ike1) {
        this.err(
          [...p, "mainMode"],
          "em-ikev1",
          `quick-mode policy '${qm.name}' has userAuth (AuthIP extended mode), which IKEv1 ('${ike1.name}') cannot do; use an AuthIP main-mode policy`,
        );
      } else if (mmList.length && !mmList.some((m) => m.keyModule === "authip")) {
        this.err(
          [...p, "mainMode"],
          "em-key-module",
          `quick-mode policy '${qm.name}' has userAuth, which needs an AuthIP main-mode policy on this rule`,
        );
      }
    }
    const requireEncryption = v.requireEncryption === true;
    if (requireEncryption && qm) {
      qm.proposals.forEach((pr, i) => {
        if (!pr.esp || pr.esp.cipher === "none") {
          this.err(
            [...p, "requireEncryption"],
            "encryption-needs-esp",
            `requireEncryption needs every proposal of '${qm!.name}' to encrypt; proposal ${i} (${
              formatQm(pr)
            }) does not; use ESP with a cipher`,
          );
        }
      });
    }
    let authorization: Rule["authorization"];
    if (isObj(v.authorization)) {
      const a = v.authorization;
      authorization = {};
      for (const k of ["machines", "users"] as const) {
        const s = str(a[k]);
        if (s === undefined) continue;
        try {
          if (!hasDacl(sddlToSecurityDescriptor(s))) {
            this.err(
              [...p, "authorization", k],
              "sddl-no-dacl",
              `this SDDL has no DACL (D:), which Windows reads as "allow everyone"; write e.g. D:(A;;0x1;;;S-1-5-21-...-515)`,
            );
            continue;
          }
          authorization[k] = s;
        } catch (e) {
          if (!(e instanceof SddlError)) throw e;
          this.err(
            [...p, "authorization", k],
            "bad-sddl",
            `${e.message}; write e.g. D:(A;;0x1;;;S-1-5-21-...-515)`,
          );
        }
      }
      if (
        authorization.users !== undefined && qm &&
        (!qm.userAuth.length || !mmList.some((m) => m.keyModule === "authip"))
      ) {
        this.err(
          [...p, "authorization", "users"],
          "authz-needs-em",
          `remote user authorization needs user authentication: give '${qm.name}' userAuth and use an AuthIP main-mode policy`,
        );
      }
      if (authorization.machines === undefined && authorization.users === undefined) {
        authorization = undefined;
      }
    }
    const program = str(v.program);
    if (program !== undefined) {
      // Windows file names hold no control characters; a NUL would cut the path and bind another program.
      // deno-lint-ignore no-control-regex
      const ctl = /[\x00-\x1f]/.exec(program);
      if (ctl) {
        this.err(
          [...p, "program"],
          "bad-program",
          `the program path contains the control character U+${
            ctl[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()
          } at position ${ctl.index}; Windows paths cannot contain control characters`,
        );
      } else if (!/^([A-Za-z]:\\|\\\\|%[A-Za-z]+%\\)/.test(program)) {
        this.err(
          [...p, "program"],
          "bad-program",
          `'${program}' is not an absolute Windows path; write e.g. C:\\Program Files\\App\\app.exe`,
        );
      }
      if (inbound !== "require" && outbound !== "require" && !requireEncryption) {
        this.err(
          [...p, "program"],
          "program-needs-ale",
          "a program rule is enforced at the ALE layers: use inbound: require, outbound: require or requireEncryption: true",
        );
      }
    }
    if (
      !name || !inbound || !outbound || !["require", "request", "clear"].includes(inbound) ||
      !["require", "request", "clear"].includes(outbound) || !qmName || !mmNames.length
    ) return undefined;
    return {
      name,
      ...(str(v.description) !== undefined ? { description: v.description as string } : {}),
      local: sel.local,
      remote: sel.remote,
      families: fams,
      familyExplicit: explicit,
      ...(sel.protocol !== undefined ? { protocol: sel.protocol } : {}),
      localPorts: sel.localPorts,
      remotePorts: sel.remotePorts,
      direction,
      inbound: inbound as Rule["inbound"],
      outbound: outbound as Rule["outbound"],
      mainMode: mmNames,
      quickMode: qmName,
      requireEncryption,
      ...(authorization ? { authorization } : {}),
      ...(program !== undefined ? { program } : {}),
    };
  }

  private exemptions(): Exemption[] {
    const out: Exemption[] = [];
    const seen = new Map<string, number>();
    arrOf(this.d.exemptions).forEach((x, i) => {
      const p: Path = ["exemptions", i];
      let e: Exemption | undefined;
      if (x === "icmp" || x === "dhcp") {
        e = { name: x, kind: x, local: [], remote: [], families: [4, 6], localPorts: [], remotePorts: [] };
      } else if (isObj(x) && str(x.name)) {
        const sel = this.selector(x, p);
        const { fams } = this.families(sel.local, sel.remote, undefined, p);
        if (!sel.local.length && !sel.remote.length && sel.protocol === undefined) {
          this.err(
            p,
            "missing-field",
            "an exemption needs at least one of remote, local or protocol (an empty one would exempt everything)",
          );
        }
        e = { name: x.name as string, kind: "custom", ...sel, families: fams };
      }
      if (!e) return;
      if (seen.has(e.name)) {
        this.err(
          isObj(x) ? [...p, "name"] : p,
          "duplicate-name",
          `exemption '${e.name}' is already defined at exemptions[${seen.get(e.name)}]`,
        );
        return;
      }
      seen.set(e.name, i);
      out.push(e);
    });
    return out;
  }

  private endpoint(v: unknown, p: Path): AddrSpec | undefined {
    if (typeof v !== "string") return undefined;
    const a = parseAddr(v);
    if (typeof a === "string") {
      this.err(p, "bad-address", a);
      return undefined;
    }
    if (a.kind !== "single") {
      this.err(p, "bad-endpoint", `'${v}' is a ${a.kind}; an endpoint is one address`);
      return undefined;
    }
    return a;
  }

  private tunnel(
    v: Obj,
    p: Path,
    mms: Map<string, MainModePolicy>,
    qms: Map<string, QuickModePolicy>,
    used: Set<string>,
  ): TunnelSpec | undefined {
    const le = this.endpoint(v.localEndpoint, [...p, "localEndpoint"]);
    const re = this.endpoint(v.remoteEndpoint, [...p, "remoteEndpoint"]);
    if (le && re && le.family !== re.family) {
      this.err(
        [...p, "remoteEndpoint"],
        "family-mismatch",
        `tunnel endpoints must be one family: local is IPv${le.family}, remote IPv${re.family}`,
      );
    }
    const local = this.addrs(v.local, [...p, "local"]);
    const remote = this.addrs(v.remote, [...p, "remote"]);
    this.families(local, remote, undefined, p);
    const pointToPoint = v.pointToPoint === true;
    if (!pointToPoint && (!local.length || !remote.length)) {
      this.err(
        p,
        "missing-field",
        "a site-to-site tunnel needs local and remote traffic selectors (subnets); or set pointToPoint: true",
      );
    }
    const mmName = str(v.mainMode), qmName = str(v.quickMode);
    if (mmName !== undefined) {
      used.add("mm:" + mmName);
      if (!mms.has(mmName) && !arrOf(this.d.mainMode).some((x) => isObj(x) && x.name === mmName)) {
        this.err(
          [...p, "mainMode"],
          "undefined-reference",
          `main-mode policy '${mmName}' is not defined; defined: ${[...mms.keys()].join(", ") || "none"}`,
        );
      }
    }
    if (qmName !== undefined) {
      used.add("qm:" + qmName);
      const qm = qms.get(qmName);
      if (!qm && !arrOf(this.d.quickMode).some((x) => isObj(x) && x.name === qmName)) {
        this.err(
          [...p, "quickMode"],
          "undefined-reference",
          `quick-mode policy '${qmName}' is not defined; defined: ${[...qms.keys()].join(", ") || "none"}`,
        );
      } else if (qm && qm.mode !== "tunnel") {
        this.err(
          [...p, "quickMode"],
          "mode-mismatch",
          `tunnels need a quick-mode policy with mode: tunnel; '${qmName}' is mode: ${qm.mode}`,
        );
      }
      const mm = mmName ? mms.get(mmName) : undefined;
      if (qm && mm && qm.userAuth.length && mm.keyModule !== "authip") {
        this.err(
          [...p, "mainMode"],
          mm.keyModule === "ikev1" ? "em-ikev1" : "em-key-module",
          `quick-mode policy '${qmName}' has userAuth, which needs AuthIP; '${mmName}' is ${mm.keyModule}`,
        );
      }
    }
    const name = str(v.name);
    if (!name || !le || !re || !mmName || !qmName) return undefined;
    return {
      name,
      ...(str(v.description) !== undefined ? { description: v.description as string } : {}),
      mainMode: mmName,
      quickMode: qmName,
      localEndpoint: le,
      remoteEndpoint: re,
      local,
      remote,
      pointToPoint,
    };
  }

  private saDir(v: unknown, p: Path): SaDirection | undefined {
    if (!isObj(v)) return undefined;
    const t = str(v.transform);
    let transform: QmProposal | undefined;
    if (t !== undefined) {
      if (t.includes("+")) {
        this.err([...p, "transform"], "bad-proposal", `a manual SA takes one transform, not '${t}'`);
      } else {
        transform = this.qmProposal(t, [...p, "transform"]);
        if (transform) this.weak([...p, "transform"], weakInQm(transform), `manual SA transform ${t}`);
      }
    }
    const key = this.secret(v.key, [...p, "key"]);
    if (typeof v.spi !== "number" || !transform || !key) return undefined;
    return { spi: v.spi, transform, key };
  }

  private manualSa(v: Obj, p: Path): ManualSaSpec | undefined {
    const local = this.endpoint(v.local, [...p, "local"]);
    const remote = this.endpoint(v.remote, [...p, "remote"]);
    if (local && remote && local.family !== remote.family) {
      this.err(
        [...p, "remote"],
        "family-mismatch",
        `SA addresses must be one family: local is IPv${local.family}, remote IPv${remote.family}`,
      );
    }
    const inbound = this.saDir(v.inbound, [...p, "inbound"]);
    const outbound = this.saDir(v.outbound, [...p, "outbound"]);
    const name = str(v.name);
    if (!name || !local || !remote || !inbound || !outbound) return undefined;
    return { name, local, remote, inbound, outbound };
  }

  /**
   * Overlapping rules with different security: a sweep over remote-address intervals per family. Active
   * intervals are kept per security class, so an entry is only compared with rules of another class and the
   * sweep stops at its first conflict; same-security overlaps cost nothing. A comparison budget keeps
   * pathological documents bounded, and running out of it is reported, never silently skipped.
   */
  private overlaps(rules: Rule[]) {
    const FULL: Record<4 | 6, [bigint, bigint]> = { 4: [0n, (1n << 32n) - 1n], 6: [0n, (1n << 128n) - 1n] };
    const BUDGET = 5_000_000;
    const index = new Map<string, number>();
    arrOf(this.d.rules).forEach((r, i) =>
      isObj(r) && typeof r.name === "string" && !index.has(r.name) && index.set(r.name, i)
    );
    type E = { lo: bigint; hi: bigint; r: Rule; f: 4 | 6; cls: string };
    const entries: E[] = [];
    for (const r of rules) {
      const cls = r.inbound + "/" + r.outbound;
      for (const f of r.families) {
        const rem = r.remote.filter((a) => a.family === f);
        if (!rem.length) entries.push({ lo: FULL[f][0], hi: FULL[f][1], r, f, cls });
        for (const a of rem) entries.push({ lo: a.low, hi: a.high, r, f, cls });
      }
    }
    entries.sort((a, b) => a.f - b.f || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    const reported = new Set<string>();
    let active = new Map<string, E[]>();
    let lastF = 0;
    let spent = 0;
    for (const e of entries) {
      if (e.f !== lastF) active = new Map(), lastF = e.f;
      for (const [cls, list] of active) {
        // Entries are sorted by start, so an interval ending before e.lo can never overlap a later one.
        const live = list.filter((a) => a.hi >= e.lo);
        active.set(cls, live);
        if (cls === e.cls) continue;
        for (const a of live) {
          if (++spent > BUDGET) break;
          if (a.r === e.r || !selectorsOverlap(a.r, e.r, e.f)) continue;
          const [first, second] = (index.get(a.r.name) ?? 0) < (index.get(e.r.name) ?? 0)
            ? [a.r, e.r]
            : [e.r, a.r];
          const key = first.name + "\0" + second.name;
          if (!reported.has(key)) {
            reported.add(key);
            this.err(
              ["rules", index.get(second.name) ?? 0],
              "rule-overlap",
              `rule '${second.name}' overlaps rule '${first.name}' ` +
                `(rules[${
                  index.get(first.name)
                }]) with different security (${second.inbound}/${second.outbound} vs ${first.inbound}/${first.outbound}); ` +
                "which one wins is up to the engine's weights: make the selectors disjoint, give both the same security, or use an exemption",
            );
          }
          break;
        }
      }
      const own = active.get(e.cls);
      if (own) own.push(e);
      else active.set(e.cls, [e]);
    }
    if (spent > BUDGET) {
      this.warn(
        ["rules"],
        "rule-overlap-incomplete",
        `the overlap check stopped after ${BUDGET} comparisons; rules with different security may still overlap`,
      );
    }
  }
}

function intersects(a: { low: bigint; high: bigint }[], b: { low: bigint; high: bigint }[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.some((y) => x.low <= y.high && y.low <= x.high));
}
function portsIntersect(a: PortRange[], b: PortRange[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.some((y) => x.low <= y.high && y.low <= x.high));
}
function selectorsOverlap(a: Rule, b: Rule, f: 4 | 6): boolean {
  if (a.protocol !== undefined && b.protocol !== undefined && a.protocol !== b.protocol) return false;
  if (a.direction !== "both" && b.direction !== "both" && a.direction !== b.direction) return false;
  if (a.program !== b.program && a.program !== undefined && b.program !== undefined) return false;
  return intersects(a.local.filter((x) => x.family === f), b.local.filter((x) => x.family === f)) &&
    intersects(a.remote.filter((x) => x.family === f), b.remote.filter((x) => x.family === f)) &&
    portsIntersect(a.localPorts, b.localPorts) && portsIntersect(a.remotePorts, b.remotePorts);
}
