/**
 * The semantic pass of loadPolicy (load.ts): builds the validated model from a structurally checked document
 * and checks references, families, overlaps and lifetimes; the crypto sections are in checkCrypto.ts. It
 * tolerates values of the wrong type (already reported structurally) by skipping them.
 */
import { displayTextIssues } from "./fidelity.ts";
import { ambiguityIssues } from "./ambiguity.ts";
import { type AddrSpec, nonUnicast, parseAddr } from "../model/mod.ts";
import { fieldText, formatQm, precedenceValues, weakInQm } from "../model/mod.ts";
import { findOverlaps, type OverlapTie, securityText } from "../model/mod.ts";
import { pathString } from "./diagnostics.ts";
// Address keywords (dns, localsubnet, ...): kept as written here, resolved at plan/apply (compiler/hostAddresses.ts).
import { ADDRESS_KEYWORDS, type AddressKeyword, addressKeyword, refusedKeyword } from "../model/mod.ts";
import type {
  Exemption,
  MainModePolicy,
  ManualSaSpec,
  Policy,
  PortRange,
  QmProposal,
  QuickModePolicy,
  Rule,
  SaDirection,
  TunnelSpec,
} from "../model/mod.ts";
import { ruleAuthorization } from "./authorization.ts";
import { arrOf, Checker, isObj, listOf, type Obj, type Path, PROTOCOLS, str } from "./check.ts";
import { validateMm, validateQm, validateQmProposal } from "./checkCrypto.ts";
import { isFilledDefault } from "./windowsDefaults.ts";

/** The semantic pass over one document. */
export class Semantic extends Checker {
  run(): Policy {
    const d = this.d;
    for (const f of displayTextIssues(d)) this.err(f.at, f.code, f.message);
    this.allowWeak = d.allowWeakCrypto === true;
    const mainMode = this.named(
      d.mainMode,
      ["mainMode"],
      (v, p) => this.windowsDefault(v, () => validateMm(this, v, p)),
    );
    const quickMode = this.named(
      d.quickMode,
      ["quickMode"],
      (v, p) => this.windowsDefault(v, () => validateQm(this, v, p)),
    );
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
    const km = new Map(mainMode.map((m) => [m.name, m.keyModule]));
    const index = new Map<string, number>();
    arrOf(d.rules).forEach((r, i) =>
      isObj(r) && typeof r.name === "string" && !index.has(r.name) && index.set(r.name, i)
    );
    for (const a of ambiguityIssues(rules, (n) => km.get(n) ?? n)) {
      this.err(["rules", index.get(rules[a.rule].name) ?? 0, a.field], "ambiguous-rules", a.message);
    }
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
   * Checks one main/quick-mode definition; Windows' own defaults (windowsDefaults.ts) keep their weak
   * algorithms without allowWeakCrypto, the rule's windows-default warning already names them.
   */
  private windowsDefault<T>(v: Obj, check: () => T): T {
    if (!isFilledDefault(v)) return check();
    const weak = this.allowWeak, before = this.issues.length;
    this.allowWeak = true;
    try {
      return check();
    } finally {
      this.allowWeak = weak;
      const added = this.issues.splice(before).filter((i) => i.code !== "weak-crypto-allowed");
      this.issues.push(...added);
    }
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

  /** The addresses of a `local`/`remote` list; its keywords (dns, localsubnet, ...) go to `keywords`. */
  private addrs(v: unknown, path: Path, keywords: AddressKeyword[] = []): AddrSpec[] {
    const out: AddrSpec[] = [];
    const many = Array.isArray(v);
    listOf(v).forEach((x, i) => {
      if (typeof x !== "string") return;
      const kw = addressKeyword(x);
      if (kw) {
        if (!keywords.includes(kw)) keywords.push(kw);
        return;
      }
      const refused = refusedKeyword(x);
      if (refused) {
        this.err(many ? [...path, i] : path, "bad-address", refused);
        return;
      }
      const a = parseAddr(x);
      if (typeof a === "string") {
        this.err(
          many ? [...path, i] : path,
          "bad-address",
          `${a}, or a keyword (${ADDRESS_KEYWORDS.join(", ")})`,
        );
      } else out.push(a);
    });
    return out;
  }

  /** Keywords of one side, only when there are any (the model leaves the field out otherwise). */
  private static side(name: "localKeywords" | "remoteKeywords", kws: AddressKeyword[]) {
    return kws.length ? { [name]: kws } : {};
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
    const lk: AddressKeyword[] = [], rk: AddressKeyword[] = [];
    const local = this.addrs(v.local, [...p, "local"], lk);
    const remote = this.addrs(v.remote, [...p, "remote"], rk);
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
    const keywords = { ...Semantic.side("localKeywords", lk), ...Semantic.side("remoteKeywords", rk) };
    return { local, remote, protocol, localPorts, remotePorts, keywords };
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
    // A side with keywords has its families only once resolved (compiler/hostAddresses.ts narrows them then).
    const { fams, explicit } = this.families(
      sel.keywords.localKeywords ? [] : sel.local,
      sel.keywords.remoteKeywords ? [] : sel.remote,
      v.family,
      p,
    );
    let inbound = str(v.inbound), outbound = str(v.outbound);
    if (inbound === "boundary") inbound = "request";
    const direction = (str(v.direction) ?? "both") as Rule["direction"];
    const pair = `${inbound}/${outbound}`;
    // The NetSecurity actions (MS-FASP FW_CS_RULE_ACTION: SECURE, SECURE_SERVER, BOUNDARY, DO_NOT_SECURE)
    // have no require-inbound/clear-outbound: its replies would never be secured. request/clear is kept
    // (inbound persist, outbound suppress: answers a peer's IPsec), unverified: windows-verification.md R3.
    const okPairs = [
      "require/require",
      "require/request",
      "request/request",
      "request/clear",
      "clear/clear",
    ];
    if (inbound && outbound && !okPairs.includes(pair)) {
      this.err(
        [...p, "outbound"],
        "security-pair",
        `inbound ${v.inbound} with outbound ${outbound} is not allowed` +
          (pair === "require/clear"
            ? " (no NetSecurity action requires inbound and leaves outbound clear: replies to secured " +
              "connections would go clear); use outbound require or request"
            : "") +
          `; allowed pairs (inbound/outbound): ${okPairs.join(", ")}`,
      );
    }
    if (direction === "inbound" || direction === "outbound") {
      // Transport mode pairs an OUTBOUND_TRANSPORT and an INBOUND_TRANSPORT callout filter (fwp/transport-mode);
      // a one-sided rule would secure one direction of every flow and leave the other clear.
      this.err(
        [...p, "direction"],
        "one-sided-rule",
        `direction ${direction} would build only the ${direction} transport filter, but Windows' transport-mode ` +
          "recipe pairs outbound and inbound filters (the other direction of every flow would go clear); " +
          "remove direction (both), or use a program rule to limit the requirement to one program",
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
    const authorization = ruleAuthorization(this, v.authorization, p, qm, mmList);
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
      ...sel.keywords,
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
      ...(typeof v.priority === "number" && v.priority > 0 ? { priority: v.priority } : {}),
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
        const { keywords, ...selector } = sel;
        const { fams } = this.families(
          keywords.localKeywords ? [] : sel.local,
          keywords.remoteKeywords ? [] : sel.remote,
          undefined,
          p,
        );
        if (
          !sel.local.length && !sel.remote.length && !Object.keys(keywords).length &&
          sel.protocol === undefined
        ) {
          this.err(
            p,
            "missing-field",
            "an exemption needs at least one of remote, local or protocol (an empty one would exempt everything)",
          );
        }
        e = { name: x.name as string, kind: "custom", ...selector, ...keywords, families: fams };
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
    const group = nonUnicast(a);
    if (group) {
      this.err(p, "bad-endpoint", `'${v}' is ${group}; an IPsec endpoint is one host's unicast address`);
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
    const lk: AddressKeyword[] = [], rk: AddressKeyword[] = [];
    const local = this.addrs(v.local, [...p, "local"], lk);
    const remote = this.addrs(v.remote, [...p, "remote"], rk);
    this.families(lk.length ? [] : local, rk.length ? [] : remote, undefined, p);
    const pointToPoint = v.pointToPoint === true;
    if (!pointToPoint && ((!local.length && !lk.length) || (!remote.length && !rk.length))) {
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
      ...Semantic.side("localKeywords", lk),
      ...Semantic.side("remoteKeywords", rk),
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
        transform = validateQmProposal(this, t, [...p, "transform"]);
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
   * Overlapping rules with different security are resolved by precedence (precedence.ts); only a true
   * ambiguity (same priority and specificity) is refused, naming both rules and where each is written.
   */
  private overlaps(rules: Rule[]) {
    const index = new Map<string, number>();
    arrOf(this.d.rules).forEach((r, i) =>
      isObj(r) && typeof r.name === "string" && !index.has(r.name) && index.set(r.name, i)
    );
    const ov = findOverlaps(rules);
    const reported = new Set<number>();
    for (const t of ov.ties) {
      const first = rules[t.first], second = rules[t.second];
      if (reported.has(t.second)) continue;
      reported.add(t.second);
      const at = index.get(first.name) ?? 0;
      this.issues.push({
        path: ["rules", index.get(second.name) ?? 0],
        related: ["rules", at],
        code: "rule-overlap",
        severity: "error",
        message: `rule '${second.name}' overlaps rule '${first.name}' (rules[${at}], {related}) with ` +
          `different security (${securityText(second)} vs ${securityText(first)}) ` + tieAdvice(t, second),
      });
    }
    if (ov.incomplete) {
      this.warn(
        ["rules"],
        "rule-overlap-incomplete",
        "the overlap check stopped after 5000000 comparisons; rules with different security and the same " +
          "precedence may still overlap",
      );
    }
  }
}

/** What makes a tie unresolvable, and what to do about it. */
function tieAdvice(t: OverlapTie, r: Rule): string {
  return t.kind === "specificity"
    ? `and the same precedence: neither has a higher priority nor is more specific (IPv${t.family}: ` +
      `${
        specificityText(r, t.family)
      }), so which one decides is undefined; give the one that should decide a ` +
      "higher `priority:`, make it more specific, make the selectors disjoint, or give both the same security"
    : "where only one is a program rule: its transport filters carry no application id (only its ALE filters " +
      "do), so either rule's transport-layer security would apply to every program there; make the selectors " +
      "disjoint or give both the same inbound/outbound security";
}

/** A rule's selector as precedence reads it, for messages ("remote 10.0.0.0/8, protocol 6"). */
function specificityText(r: Rule, fam: 4 | 6): string {
  const v = precedenceValues(r, fam);
  const parts = (["remote", "local", "protocol", "localPorts", "remotePorts"] as const).filter((f) => v[f])
    .map((f) => fieldText(r, f, fam));
  return parts.length ? parts.join(", ") : "any traffic";
}
