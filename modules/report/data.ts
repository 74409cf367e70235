/**
 * What `wfpsec report` shows, gathered once from an engine (live, fwpsim or an offline snapshot), optionally
 * with a POLICY merged in as a what-if: the policy as a matrix, the host's protection map, the arbitration
 * ladder per IPsec layer, the plan by policy item, SAs and recorded failures. Every output form (html.ts,
 * dot.ts, mermaid.ts, the JSON form) renders this one structure, so they cannot disagree. Here: its types,
 * the matrix, and the plan, SAs and failures shaped from plan/ and monitor/; the protection map is built in
 * protection.ts, the ladder in ladder.ts, all of it by build.ts.
 *
 * Nothing here acts on the engine: it only enumerates. Secrets are never read: a pre-shared key appears as
 * the place it is referenced from (an environment variable's or file's name), never as a value.
 */
import type { Engine, EngineInfo } from "../engine/mod.ts";
import type {
  AddrSpec,
  AuthMethod,
  MainModePolicy,
  Policy,
  PortRange,
  QmProposal,
  QuickModePolicy,
} from "../model/mod.ts";
import { formatAddr } from "../model/mod.ts";
import type { Guid } from "../graph/mod.ts";
import { CALLOUTS, LAYERS } from "../../ffi/constants.ts";
import type { CoexistenceEntry } from "../explain/mod.ts";

/** One row of the policy matrix: a rule, an exemption or a tunnel, in the policy's own words. */
export interface MatrixRow {
  /** Which section of the policy the row comes from. */
  kind: "rule" | "exemption" | "tunnel" | "manualSa";
  /** The item's name in the policy. */
  name: string;
  /** Its description, if any. */
  description: string | null;
  /** Remote scopes (`any` when open). */
  remote: string[];
  /** Local scopes (`any` when open). */
  local: string[];
  /** Protocol and ports, e.g. `tcp remote port 445` or `any`. */
  traffic: string;
  /** `both`, `inbound` or `outbound` (exemptions and tunnels: `both`). */
  direction: string;
  /** Inbound security: `require`, `request`, `clear`, `exempt`, `tunnel` or `manual` (a manually keyed SA). */
  inbound: string;
  /** Outbound security, as `inbound`. */
  outbound: string;
  /** Authentication methods, main-mode policy by main-mode policy (`kerberos`, `certificate (CN=...)`). */
  auth: string[];
  /** Main-mode crypto: `<policy> (<keyModule>): proposal, proposal`. */
  mainModeCrypto: string[];
  /** Quick-mode crypto: `<policy>: proposal, ... pfs <group>`. */
  quickModeCrypto: string | null;
  /** Rules: guaranteed encryption (ALE connect/accept). */
  requireEncryption: boolean;
}

/** Who governs one remote scope in one direction, by the filter arbitration explain performs. */
export interface Governor {
  /** `ours` (a wfpsec rule), `foreign` (another provider's IPsec policy), `exempt` (a permit), `none`. */
  kind: "ours" | "foreign" | "exempt" | "none";
  /** The provider's name (or key), null for `none`. */
  provider: string | null;
  /** The policy item (`rule corp`, `exemption icmp`) or the foreign filter's name. */
  item: string | null;
  /** The quick-mode policy considered at the IPSEC layer (name or key), if any. */
  quickMode: string | null;
  /** The main-mode policy considered at the IKEEXT layer (name or key), if any. */
  mainMode: string | null;
  /** explain's one-line outcome for this traffic. */
  outcome: string;
  /** True when the outcome depends on conditions the scope alone does not give (protocol, ports, ...). */
  conditional: boolean;
  /** Other providers whose IPsec policy at the IPSEC layer matches the same traffic (another sublayer). */
  contested: string[];
}

/** One remote scope of the protection map. */
export interface ProtectionRow {
  /** The scope as written (`10.0.0.0/8`, `any IPv4`). */
  scope: string;
  /** The address explained for it (the scope's first host). */
  sample: string;
  /** Where the scope comes from: our rule names and the foreign providers whose filters name it. */
  from: string[];
  /** Outbound traffic to the scope. */
  outbound: Governor;
  /** Inbound traffic from the scope. */
  inbound: Governor;
}

/** One filter on the ladder. */
export interface LadderFilter {
  /** Display name. */
  name: string;
  /** Our policy item (`rule corp`), or null for a foreign filter. */
  item: string | null;
  /** Effective weight, hex; `~` marks one computed (not reported by the engine). */
  weight: string;
  /** permit, block, or the callout's short name. */
  action: string;
  /** The conditions as `show` prints them. */
  conditions: string;
}

/** One sublayer at one layer, in arbitration order. */
export interface LadderSublayer {
  /** FWPM_SUBLAYER0.subLayerKey. */
  key: Guid;
  /** Its display name, or the key. */
  name: string;
  /** Its weight (UINT16; higher is evaluated first). */
  weight: number;
  /** The owning provider's name (or key), null when none. */
  provider: string | null;
  /** Whether it is wfpsec's sublayer. */
  ours: boolean;
  /** How many filters it holds at this layer. */
  filterCount: number;
  /** Filters per provider at this layer, most first. */
  byProvider: { provider: string; count: number; ours: boolean }[];
  /** The first filters by effective weight (all of ours, up to LADDER_FOREIGN of the others). */
  filters: LadderFilter[];
}

/** One IPsec-relevant layer's arbitration ladder. */
export interface LadderLayer {
  /** FWPM_LAYER_* name. */
  layer: string;
  /** Sublayers with filters at this layer, highest weight first. */
  sublayers: LadderSublayer[];
}

/** The report's data. */
export interface ReportData {
  /** When it was gathered (ISO 8601). */
  generated: string;
  /** The engine it was gathered from. */
  engine: EngineInfo;
  /** The policy shown: from a file (what-if), from the engine (decoded), or none. */
  policy: { name: string; file: string | null; source: "file" | "engine" } | null;
  /** Rules, exemptions and tunnels. */
  matrix: MatrixRow[];
  /** Each remote scope and who governs it. */
  protection: ProtectionRow[];
  /** Arbitration ladder per IPsec layer. */
  ladder: LadderLayer[];
  /** Other providers' IPsec policy overlapping the policy's traffic (plan's coexistence). */
  coexistence: CoexistenceEntry[];
  /** The plan (only with a policy file). */
  plan: ReportPlan | null;
  /** SAs in force; null when the engine has no SA enumeration (snapshots). */
  sas: ReportSas | null;
  /** Recorded IKE failures and IPsec drops; null when the engine records none (snapshots). */
  failures: ReportFailure[] | null;
}

/** The plan, grouped by policy item. */
export interface ReportPlan {
  /** Nothing to change. */
  inSync: boolean;
  /** Counts per action. */
  summary: { add: number; delete: number; replace: number; unchanged: number };
  /** One group per policy item, in the policy's order. */
  groups: { title: string; changes: ReportChange[] }[];
}

/** One planned change, before and after. */
export interface ReportChange {
  /** add, delete or replace. */
  action: string;
  /** The WFP object kind. */
  kind: string;
  /** The object's display name. */
  name: string;
  /** The layer's symbolic name, for filters. */
  layer: string | null;
  /** The reason as plan prints it. */
  reason: string;
  /** Replace: each differing field with its value before (engine) and after (policy). */
  fields: { field: string; before: string; after: string }[];
}

/** SAs, as `sa --json` decodes them (never key material). */
export interface ReportSas {
  /** Main-mode SAs: local, remote, key module, crypto. */
  ike: { local: string; remote: string; keyModule: string; crypto: string }[];
  /** IPsec SAs: direction, addresses, SPIs and transforms. */
  ipsec: { direction: string; local: string; remote: string; spis: string; transforms: string }[];
  /** How many manual SA contexts are installed. */
  contexts: number;
}

/** One recorded failure. */
export interface ReportFailure {
  /** ISO 8601 time. */
  time: string;
  /** mm, qm, em or drop. */
  kind: string;
  /** Local address. */
  local: string;
  /** Remote address. */
  remote: string;
  /** The failure's name and code. */
  failure: string;
  /** The rule its filter belongs to, in words. */
  rule: string;
  /** Likely cause and fix, when known. */
  cause: string | null;
}

const NAME = new Map<string, string>(
  [...Object.entries(LAYERS), ...Object.entries(CALLOUTS)].map(([n, g]) => [g, n]),
);

// ---- the matrix ----

function scopes(list: AddrSpec[]): string[] {
  return list.length ? list.map(formatAddr) : ["any"];
}

function portsText(p: PortRange[]): string {
  return p.map((r) => (r.low === r.high ? String(r.low) : `${r.low}-${r.high}`)).join(",");
}

function trafficText(
  x: { protocol?: number; localPorts: PortRange[]; remotePorts: PortRange[] },
  protoNames: Record<number, string>,
): string {
  const parts: string[] = [];
  if (x.protocol !== undefined) parts.push(protoNames[x.protocol] ?? `protocol ${x.protocol}`);
  if (x.remotePorts.length) parts.push(`remote port ${portsText(x.remotePorts)}`);
  if (x.localPorts.length) parts.push(`local port ${portsText(x.localPorts)}`);
  return parts.join(" ") || "any";
}

/** An authentication method in words; a pre-shared key by where it is read from, never its value. */
export function authText(a: AuthMethod): string {
  switch (a.kind) {
    case "psk":
      return `pre-shared key (${
        a.ref.env ? `env ${a.ref.env}` : a.ref.file ? `file ${a.ref.file}` : "reference"
      })`;
    case "certificate": {
      const roots = a.rootCA.map((r) => (typeof r === "string" ? r : r.file)).join("; ");
      return `certificate${a.signing !== "rsa" ? ` ${a.signing}` : ""} (${roots || a.store})`;
    }
    case "kerberos":
      return a.proxyServer ? `kerberos (proxy ${a.proxyServer})` : "kerberos";
    default:
      return a.kind;
  }
}

function qmProposalText(p: QmProposal): string {
  const parts: string[] = [];
  if (p.ah) parts.push(`ah-${p.ah}`);
  if (p.esp) parts.push(`esp-${p.esp.cipher}${p.esp.integrity !== "none" ? `-${p.esp.integrity}` : ""}`);
  return parts.join("+") || "none";
}

function mmText(m: MainModePolicy): string {
  return `${m.name} (${m.keyModule}): ${
    m.proposals.map((p) => `${p.cipher}-${p.integrity}-${p.dh}`).join(", ")
  }`;
}

function qmText(q: QuickModePolicy): string {
  return `${q.name}: ${q.proposals.map(qmProposalText).join(", ")}${
    q.pfs !== "none" ? `, pfs ${q.pfs}` : ""
  }`;
}

/** A manual SA's key by where it is read from, never its value. */
function keyText(ref: { env?: string; file?: string }): string {
  return ref.env ? `env ${ref.env}` : ref.file ? `file ${ref.file}` : "reference";
}

/** The policy as rows: rules, exemptions, tunnels, manual SAs (the policy file's order within each). */
export function policyMatrix(p: Policy, protoNames: Record<number, string>): MatrixRow[] {
  const mm = new Map(p.mainMode.map((m) => [m.name, m]));
  const qm = new Map(p.quickMode.map((q) => [q.name, q]));
  const rows: MatrixRow[] = [];
  for (const r of p.rules) {
    const mms = r.mainMode.map((n) => mm.get(n)).filter((m) => m !== undefined);
    const q = qm.get(r.quickMode);
    rows.push({
      kind: "rule",
      name: r.name,
      description: r.description ?? null,
      remote: scopes(r.remote),
      local: scopes(r.local),
      traffic: trafficText(r, protoNames) + (r.program ? ` program ${r.program}` : ""),
      direction: r.direction,
      inbound: r.direction === "outbound" ? "-" : r.inbound,
      outbound: r.direction === "inbound" ? "-" : r.outbound,
      auth: mms.map((m) => `${m.name}: ${m.auth.map(authText).join(", ")}`),
      mainModeCrypto: mms.map(mmText),
      quickModeCrypto: q ? qmText(q) : null,
      requireEncryption: r.requireEncryption,
    });
  }
  for (const e of p.exemptions) {
    rows.push({
      kind: "exemption",
      name: e.name,
      description: null,
      remote: scopes(e.remote),
      local: scopes(e.local),
      traffic: e.kind === "custom" ? trafficText(e, protoNames) : e.kind,
      direction: "both",
      inbound: "exempt",
      outbound: "exempt",
      auth: [],
      mainModeCrypto: [],
      quickModeCrypto: null,
      requireEncryption: false,
    });
  }
  for (const t of p.tunnels) {
    const m = mm.get(t.mainMode), q = qm.get(t.quickMode);
    rows.push({
      kind: "tunnel",
      name: t.name,
      description: t.description ?? null,
      remote: scopes(t.remote),
      local: scopes(t.local),
      traffic: `tunnel ${formatAddr(t.localEndpoint)} <-> ${formatAddr(t.remoteEndpoint)}`,
      direction: "both",
      inbound: "tunnel",
      outbound: "tunnel",
      auth: m ? [`${m.name}: ${m.auth.map(authText).join(", ")}`] : [],
      mainModeCrypto: m ? [mmText(m)] : [],
      quickModeCrypto: q ? qmText(q) : null,
      requireEncryption: false,
    });
  }
  for (const m of p.manualSas) {
    const spi = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
    rows.push({
      kind: "manualSa",
      name: m.name,
      description: null,
      remote: [formatAddr(m.remote)],
      local: [formatAddr(m.local)],
      traffic: `SPI in ${spi(m.inbound.spi)}, out ${spi(m.outbound.spi)}`,
      direction: "both",
      inbound: "manual",
      outbound: "manual",
      auth: [`inbound key: ${keyText(m.inbound.key)}`, `outbound key: ${keyText(m.outbound.key)}`],
      mainModeCrypto: [],
      quickModeCrypto: `in ${qmProposalText(m.inbound.transform)}, out ${
        qmProposalText(m.outbound.transform)
      }`,
      requireEncryption: false,
    });
  }
  return rows;
}

// ---- plan, SAs, failures: shaped from what plan/monitor already produce ----

/** A plan's printable changes (plan/publicChanges) grouped by policy item, each replace split per field. */
export function reportPlan(
  changes: { action: string; kind: string; name: string; layer?: string; reason: string; group?: unknown }[],
  summary: ReportPlan["summary"],
  titleOf: (group: never) => string,
): ReportPlan {
  const groups: ReportPlan["groups"] = [];
  for (const c of changes) {
    const title = c.group ? titleOf(c.group as never) : "objects without wfpsec metadata";
    let g = groups[groups.length - 1];
    if (!g || g.title !== title) groups.push(g = { title, changes: [] });
    const fields = c.action !== "replace" ? [] : c.reason.split("; ").map(splitReason);
    g.changes.push({
      action: c.action,
      kind: c.kind,
      name: c.name,
      layer: c.layer ? NAME.get(c.layer) ?? c.layer : null,
      reason: c.reason,
      fields,
    });
  }
  return { inSync: changes.length === 0, summary, groups };
}

/**
 * One part of a replace's reason as field, before and after: `path: a -> b` (WFP's words) or `label a -> b`
 * (the policy's words, plan/policyTerms.ts), where the value before has as many words as the value after;
 * a part without an arrow (`proposal 2 added: ...`) is the field, with no values.
 */
export function splitReason(part: string): { field: string; before: string; after: string } {
  const wfp = /^([^\s:]+): (.*) -> (.*)$/.exec(part);
  if (wfp) return { field: wfp[1], before: wfp[2], after: wfp[3] };
  const arrow = part.lastIndexOf(" -> ");
  if (arrow < 0) return { field: part, before: "", after: "" };
  const left = part.slice(0, arrow).split(" "), after = part.slice(arrow + 4);
  const n = Math.max(1, Math.min(after.split(" ").length, left.length - 1));
  return { field: left.slice(0, left.length - n).join(" "), before: left.slice(-n).join(" "), after };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const str = (v: Json | undefined) => (v === null || v === undefined ? "-" : String(v));

/** SAs from `sa --json`'s decoded forms (monitor.ts); never a key. */
export function reportSas(ike: Json[], ipsec: Json[], contexts: number): ReportSas {
  const obj = (j: Json) => (j && typeof j === "object" && !Array.isArray(j) ? j : {});
  return {
    ike: ike.map(obj).map((j) => ({
      local: str(j.local),
      remote: str(j.remote),
      keyModule: str(j.keyModuleTypeName ?? j.keyModuleType),
      crypto: [j.cipher, j.integrity, j.dhGroup].map(str).join(" "),
    })),
    ipsec: ipsec.map(obj).map((j) => {
      const list = Array.isArray(j.saList) ? j.saList.map(obj) : [];
      return {
        direction: str(j.saDirectionName ?? j.saDirection).replace(/^FWP_DIRECTION_/, "").toLowerCase(),
        local: str(j.local),
        remote: str(j.remote),
        spis: list.map((s) => str(s.spiHex)).join(", "),
        transforms: list.map((s) =>
          [s.saTransformTypeName, s.authType, s.cipherType].filter((x) => x !== undefined && x !== null)
            .map(String).join(" ")
        ).join("; "),
      };
    }),
    contexts,
  };
}

/** The SAs and failures of an engine that has them (live engines; snapshots have neither). */
export function gatherSas(engine: Engine, toJson: {
  ikeSaJson: (d: never) => Json;
  saDetailsJson: (d: never) => Json;
}): ReportSas | null {
  const sa = engine.sa;
  if (!sa) return null;
  return reportSas(
    sa.enumIkeSas().map((d) => toJson.ikeSaJson(d as never)),
    sa.enumIpsecSas().map((d) => toJson.saDetailsJson(d as never)),
    sa.enumSaContexts().length,
  );
}

/** A failure row from an event's JSON (netEventJson plus failureContext). */
export function reportFailure(j: Record<string, unknown>, rule: string): ReportFailure {
  const f = (j.failure ?? {}) as Record<string, unknown>;
  return {
    time: String(j.time ?? "-"),
    kind: String(j.kind ?? j.typeName ?? j.type ?? "-"),
    local: String(j.local ?? "-"),
    remote: String(j.remote ?? "-"),
    failure: f.name ? `${f.name} (${f.codeHex})` : String(f.codeHex ?? "-"),
    rule,
    cause: j.cause ? `${j.cause}; likely fix: ${j.fix}` : null,
  };
}
