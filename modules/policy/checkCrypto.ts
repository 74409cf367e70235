/**
 * The semantic checks of the crypto sections: authentication methods (main mode and extended mode), main-mode
 * and quick-mode policies and their proposals. Each takes the shared `Checker` of the pass.
 */
import { authKeyModuleIssues, ikePolicyIssues } from "./fidelity.ts";
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
import { pathString } from "./diagnostics.ts";
import type { AuthMethod, MainModePolicy, MmProposal, QmProposal, QuickModePolicy } from "../model/mod.ts";
import { arrOf, type Checker, DEFAULTS, isObj, type Obj, type Path, str } from "./check.ts";

export function validateAuth(ctx: Checker, list: unknown, path: Path, forEm: boolean): AuthMethod[] {
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
        const r = ctx.secret(m.psk, [...p, "psk"]);
        if (r) a = { kind: "psk", ref: r };
      } else if (isObj(m.certificate)) {
        const c = m.certificate;
        const nm = isObj(c.name) && str(c.name.type) && str(c.name.value) !== undefined
          ? { type: c.name.type as "cn", value: c.name.value as string }
          : undefined;
        a = {
          kind: "certificate",
          rootCA: ctx.rootCas(c.rootCA, [...p, "certificate", "rootCA"], str(c.store) ?? "explicit"),
          eku: arrOf(c.eku).filter((x): x is string => typeof x === "string"),
          ...(nm ? { name: nm } : {}),
          ...(str(c.thumbprint) ? { thumbprint: (c.thumbprint as string).toLowerCase() } : {}),
          store: (str(c.store) ?? "explicit") as "explicit",
          signing: (str(c.signing) ?? "rsa") as "rsa",
        };
        a.rootCA.forEach((dn, j) => {
          if (typeof dn === "string" && !/^\s*[A-Za-z][A-Za-z0-9.]*\s*=/.test(dn)) {
            ctx.err(
              [...p, "certificate", "rootCA", ...(Array.isArray(c.rootCA) ? [j] : [])],
              "pattern",
              `'${dn}' is not a distinguished name; write e.g. 'CN=Contoso Root CA, O=Contoso'`,
            );
          }
        });
        if ((a.store === "explicit") && c.rootCA === undefined && !a.thumbprint) {
          ctx.err(
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
      ctx.err(
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
      ctx.err(
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

export function validateMm(ctx: Checker, v: Obj, p: Path): MainModePolicy | undefined {
  const name = str(v.name);
  const km = str(v.keyModule);
  if (!name || !km || !["ikev1", "authip", "ikev2"].includes(km)) return undefined;
  const auth = validateAuth(ctx, v.auth, [...p, "auth"], false);
  if (km === "ikev2") {
    auth.forEach((a, i) => {
      if (a.kind === "kerberos" || a.kind === "ntlmv2") {
        ctx.err(
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
        ctx.err(
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
      ctx.err(pp, "bad-proposal", prop);
      return;
    }
    if (!prop) return;
    if (prop.cipher.startsWith("aesgcm") && km !== "ikev2") {
      ctx.err(
        pp,
        "gcm-main-mode",
        `main-mode cipher ${prop.cipher} is only available with IKEv2; use aes256 (GCM belongs in quick mode)`,
      );
    }
    ctx.weak(pp, [prop.cipher, prop.integrity, prop.dh].filter((a) => WEAK.has(a)), "main-mode proposal");
    proposals.push(prop);
  });
  const lifetime = v.lifetime === undefined ? DEFAULTS.mmLifetime : parseDuration(v.lifetime);
  const soft = v.softExpiration === undefined ? 0 : parseDuration(v.softExpiration);
  const retransmit = v.retransmit === undefined ? 0 : parseDuration(v.retransmit);
  if (lifetime !== undefined && (lifetime < 60 || lifetime > 172800)) {
    ctx.err(
      [...p, "lifetime"],
      "lifetime",
      `main-mode lifetime ${lifetime}s is impossible; Windows accepts 60s (1m) to 172800s (48h)`,
    );
  }
  if (lifetime !== undefined && soft !== undefined && soft !== 0 && soft >= lifetime) {
    ctx.err(
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
    ctx.err([...p, ...f.at], f.code, f.message);
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

export function validateQmProposal(ctx: Checker, x: unknown, pp: Path): QmProposal | undefined {
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
    ctx.err(pp, "bad-proposal", prop);
    return undefined;
  }
  return prop;
}

export function validateQm(ctx: Checker, v: Obj, p: Path): QuickModePolicy | undefined {
  const name = str(v.name);
  if (!name) return undefined;
  const proposals: QmProposal[] = [];
  arrOf(v.proposals).forEach((x, i) => {
    const pp = [...p, "proposals", i];
    const prop = validateQmProposal(ctx, x, pp);
    if (!prop) return;
    ctx.weak(pp, weakInQm(prop), `quick-mode proposal ${formatQm(prop)}`);
    proposals.push(prop);
  });
  const pfs = str(v.pfs) ?? "none";
  if (WEAK.has(pfs)) ctx.weak([...p, "pfs"], [pfs], "PFS");
  const nat = (str(v.natTraversal) ?? "none") as QuickModePolicy["natTraversal"];
  if (nat !== "none") {
    proposals.forEach((pr, i) => {
      if (pr.ah) {
        ctx.err(
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
    ctx.err(
      [...p, "lifetime", "seconds"],
      "lifetime",
      `quick-mode lifetime ${seconds}s is impossible; Windows accepts 300s (5m) to 172800s (48h)`,
    );
  }
  if (kb < 20480 || kb > 2147483647) {
    ctx.err(
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
    ctx.err(
      [...p, "idleTimeout"],
      "lifetime",
      `idle timeout ${idle}s is impossible; Windows accepts 60 to 3600 seconds`,
    );
  }
  if (failover > idle) {
    ctx.err(
      [...p, "idleTimeout"],
      "lifetime",
      `fail-over idle timeout ${failover}s must not exceed the idle timeout ${idle}s`,
    );
  }
  if (seconds !== undefined && idle >= seconds) {
    ctx.err(
      [...p, "idleTimeout"],
      "lifetime",
      `idle timeout ${idle}s must be shorter than the SA lifetime ${seconds}s`,
    );
  }
  const userAuth = validateAuth(ctx, v.userAuth, [...p, "userAuth"], true);
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
