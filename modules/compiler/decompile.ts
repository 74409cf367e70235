/**
 * decompile: the objects wfpsec owns (as compiled, or as decoded from the engine) -> a policy document.
 *
 * The WFP objects themselves carry the policy: crypto and authentication come from the provider contexts,
 * selectors from filter conditions, security from rawContext and the quick-mode ND flags, identities from
 * SD conditions. wfpsec's providerData metadata supplies what WFP has no field for: object names (paths),
 * policy name/description and secret *references*. Property (tested): compile(decompile(compile(d)))
 * equals compile(d).
 */
import { CONDITIONS, ENUMS, FILTER_CONTEXTS, FLAGS } from "../../ffi/constants.ts";
import { securityDescriptorToSddl } from "../../ffi/sddl.ts";
import type {
  Filter,
  FilterCondition,
  FwpValue,
  IkeextAuthenticationMethod2,
  IkeextPolicy2,
  IpsecProposal0,
  IpsecSaTransform0,
  IpsecTransportPolicy2,
  IpsecTunnelPolicy3,
  ObjectGraph,
  ProviderContext,
} from "../graph/mod.ts";
import { type AddrSpec, formatAddr, parseAddr, v6FromBytes } from "../model/mod.ts";
import {
  MM_CIPHERS,
  MM_DH,
  MM_INTEGRITY,
  parseQm,
  PFS_GROUPS,
  QM_CIPHERS,
  QM_INTEGRITY,
} from "../model/mod.ts";
import { decodeDn } from "../model/mod.ts";
import { type PolicyDocument, policyToDocument, PROTO_NAMES } from "../policy/mod.ts";
import type {
  AuthMethod,
  CertificateAuth,
  Exemption,
  KeyModule,
  MainModePolicy,
  ManualSaSpec,
  Policy,
  PortRange,
  QmProposal,
  QuickModePolicy,
  Rule,
  SecretRef,
  TunnelSpec,
} from "../model/mod.ts";
import type { WfpsecMeta } from "./compile.ts";
import { MM_FLAG_BITS } from "./keyModule.ts";
import { WFPSEC_PROVIDER_KEY } from "./keys.ts";
import { type AccountName, appIdPath, authorizationSddl, priorityOfWeight } from "../model/mod.ts";
import { retransmitFor, unfitAuthMethod } from "./authFit.ts";

const T = ENUMS.FWP_DATA_TYPE,
  PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE,
  AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;
const PF = FLAGS.IPSEC_POLICY_FLAG;
const dec = new TextDecoder();

const rev =
  <V>(m: Record<string, V>, eq: (a: V, b: V) => boolean = (a, b) => a === b) => (v: V): string | undefined =>
    Object.entries(m).find(([, x]) => eq(x, v))?.[0];
const mmCipher = rev(MM_CIPHERS), mmInteg = rev(MM_INTEGRITY), mmDh = rev(MM_DH), pfsName = rev(PFS_GROUPS);
const sameId = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).every((k) => a[k] === b[k]);
const qmInteg = rev(QM_INTEGRITY, sameId), qmCipher = rev(QM_CIPHERS, sameId);

/** The `priority` an explicit (FWP_UINT64) rule filter weight encodes (model/precedence.ts); 0 otherwise. */
function priorityOf(f: Filter | undefined): number {
  return f?.weight.type === T.FWP_UINT64 ? priorityOfWeight(f.weight.uint64) : 0;
}

function readMeta(data: Uint8Array | undefined): WfpsecMeta | undefined {
  if (!data?.length) return undefined;
  try {
    const m = JSON.parse(dec.decode(data));
    return m && m.wfpsec === 1 && typeof m.path === "string" ? m as WfpsecMeta : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An authorization list given back by the names it was written with, when the recorded names' SIDs are
 * exactly the descriptor's (else the descriptor is said as SDDL).
 */
function namesOf(
  recorded: { name: string; sid: string }[] | undefined,
  sddl: string,
): AccountName[] | undefined {
  if (!Array.isArray(recorded) || !recorded.length) return undefined;
  try {
    if (authorizationSddl(recorded.map((a) => a.sid)) !== sddl) return undefined;
  } catch {
    return undefined;
  }
  return recorded.map((a) => ({ name: a.name }));
}

const KM_OF_MM: Record<number, KeyModule> = {
  [PCT.FWPM_IPSEC_IKE_MM_CONTEXT]: "ikev1",
  [PCT.FWPM_IPSEC_AUTHIP_MM_CONTEXT]: "authip",
  [PCT.FWPM_IPSEC_IKEV2_MM_CONTEXT]: "ikev2",
};

function auth(m: IkeextAuthenticationMethod2, secret: SecretRef | undefined): AuthMethod | undefined {
  switch (m.authenticationMethodType) {
    case AM.IKEEXT_KERBEROS:
      return m.kerberosAuthentication?.proxyServer !== undefined
        ? { kind: "kerberos", proxyServer: m.kerberosAuthentication.proxyServer }
        : { kind: "kerberos" };
    case AM.IKEEXT_NTLM_V2:
      return { kind: "ntlmv2" };
    case AM.IKEEXT_ANONYMOUS:
      return { kind: "anonymous" };
    case AM.IKEEXT_PRESHARED_KEY:
      // The key itself never leaves the engine through us: only the reference kept in providerData.
      return { kind: "psk", ref: secret ?? { env: "WFPSEC_UNKNOWN_PSK" } };
    case AM.IKEEXT_CERTIFICATE:
    case AM.IKEEXT_CERTIFICATE_ECDSA_P256:
    case AM.IKEEXT_CERTIFICATE_ECDSA_P384: {
      const c = m.certificateAuthentication;
      if (!c) return undefined;
      const CCT = ENUMS.IKEEXT_CERT_CONFIG_TYPE;
      const store = c.inboundConfigType === CCT.IKEEXT_CERT_CONFIG_ENTERPRISE_STORE
        ? "enterprise"
        : c.inboundConfigType === CCT.IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE
        ? "root"
        : "explicit";
      const crit = c.inboundRootCriteria ?? c.inboundEnterpriseStoreCriteria ??
        c.inboundTrustedRootStoreCriteria ?? [];
      const first = crit[0];
      const nameType = first?.name
        ? rev<number>(ENUMS.IKEEXT_CERT_CRITERIA_NAME_TYPE)(first.name.nameType)
        : undefined;
      const a: CertificateAuth = {
        kind: "certificate",
        rootCA: crit.filter((x) => x.certData.length).map((x) => decodeDn(x.certData)),
        eku: first?.eku ? [...first.eku] : [],
        ...(first?.name && nameType
          ? {
            name: {
              type: nameType.replace("IKEEXT_CERT_CRITERIA_", "").toLowerCase() as "cn",
              value: first.name.certName,
            },
          }
          : {}),
        ...(first?.certHash.length
          ? { thumbprint: [...first.certHash].map((b) => b.toString(16).padStart(2, "0")).join("") }
          : {}),
        store,
        signing: m.authenticationMethodType === AM.IKEEXT_CERTIFICATE
          ? "rsa"
          : m.authenticationMethodType === AM.IKEEXT_CERTIFICATE_ECDSA_P256
          ? "ecdsa256"
          : "ecdsa384",
      };
      return a;
    }
  }
  return undefined;
}

function mmPolicy(ctx: ProviderContext, name: string, meta: WfpsecMeta): MainModePolicy | undefined {
  const km = KM_OF_MM[ctx.type];
  const p: IkeextPolicy2 | undefined = ctx.ikeMmPolicy ?? ctx.authIpMmPolicy ?? ctx.ikeV2MmPolicy;
  if (!km || !p) return undefined;
  const first = p.ikeProposals[0];
  return {
    name,
    ...(ctx.displayData.description !== undefined ? { description: ctx.displayData.description } : {}),
    keyModule: km,
    auth: p.authenticationMethods.map((m, i) => auth(unfitAuthMethod(m), meta.secrets?.[String(i)])).filter((
      x,
    ): x is AuthMethod => !!x),
    proposals: p.ikeProposals.map((pr) => ({
      cipher: mmCipher(pr.cipherAlgorithm.algoIdentifier) ?? "aes256",
      integrity: mmInteg(pr.integrityAlgorithm.algoIdentifier) ?? "sha256",
      dh: mmDh(pr.dhGroup) ?? "none",
    })),
    lifetimeSeconds: first?.maxLifetimeSeconds ?? 28800,
    softExpirationSeconds: p.softExpirationTime,
    quickModeLimit: first?.quickModeLimit ?? 0,
    // The IKEv2 default the compiler fills in reads back as the default (0).
    retransmitSeconds: p.retransmitDurationSecs === retransmitFor(km, 0) ? 0 : p.retransmitDurationSecs,
    flags: Object.entries(MM_FLAG_BITS).filter(([, b]) => p.flags & b).map(([n]) => n),
  };
}

function transform(t: IpsecSaTransform0, into: QmProposal) {
  if (t.ahTransform) into.ah = qmInteg(t.ahTransform.authTransformId) ?? "sha256";
  else if (t.espAuthTransform) {
    into.esp = { cipher: "none", integrity: qmInteg(t.espAuthTransform.authTransformId) ?? "sha256" };
  } else if (t.espCipherTransform) {
    into.esp = { cipher: qmCipher(t.espCipherTransform.cipherTransformId) ?? "aes256", integrity: "none" };
  } else if (t.espAuthAndCipherTransform) {
    into.esp = {
      cipher: qmCipher(t.espAuthAndCipherTransform.cipherTransform.cipherTransformId) ?? "aes256",
      integrity: qmInteg(t.espAuthAndCipherTransform.authTransform.authTransformId) ?? "sha256",
    };
  }
}

function qmPolicy(
  name: string,
  ctx: ProviderContext,
  mode: "transport" | "tunnel",
): QuickModePolicy | undefined {
  const p: IpsecTransportPolicy2 | IpsecTunnelPolicy3 | undefined = ctx.ikeQmTransportPolicy ??
    ctx.authipQmTransportPolicy ??
    ctx.ikeV2QmTransportPolicy ?? ctx.ikeQmTunnelPolicy ?? ctx.authipQmTunnelPolicy ??
    ctx.ikeV2QmTunnelPolicy;
  if (!p) return undefined;
  const first: IpsecProposal0 | undefined = p.ipsecProposals[0];
  const userAuth = (p.emPolicy?.authenticationMethods ?? []).map((m) => auth(unfitAuthMethod(m), undefined))
    .filter((
      x,
    ): x is AuthMethod => !!x);
  return {
    name,
    ...(ctx.displayData.description !== undefined && mode === "transport"
      ? { description: ctx.displayData.description }
      : {}),
    mode,
    proposals: p.ipsecProposals.map((pr) => {
      const q: QmProposal = {};
      for (const t of pr.saTransforms) transform(t, q);
      return q;
    }),
    pfs: pfsName(first?.pfsGroup ?? 0) ?? "none",
    lifetimeSeconds: first?.lifetime.lifetimeSeconds ?? 3600,
    lifetimeKilobytes: first?.lifetime.lifetimeKilobytes ?? 100000,
    idleSeconds: p.saIdleTimeout.idleTimeoutSeconds,
    idleFailoverSeconds: p.saIdleTimeout.idleTimeoutSecondsFailOver,
    natTraversal: p.flags & PF.IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_GENERAL_NAT_TRAVERSAL
      ? "general"
      : p.flags & PF.IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_PEER_BEHIND_NAT
      ? "peer-behind-nat"
      : "none",
    ndAllowClearTimeout: "ndAllowClearTimeoutSeconds" in p ? p.ndAllowClearTimeoutSeconds : 10,
    userAuth,
    userImpersonation: p.emPolicy?.initiatorImpersonationType ===
        ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL
      ? "socket-principal"
      : "none",
  };
}

function addrOf(v: FwpValue | FilterCondition["conditionValue"]): AddrSpec | undefined {
  switch (v.type) {
    case T.FWP_UINT32:
      return { family: 4, kind: "single", low: BigInt(v.uint32), high: BigInt(v.uint32) };
    case T.FWP_BYTE_ARRAY16_TYPE: {
      const x = v6FromBytes(v.byteArray16);
      return { family: 6, kind: "single", low: x, high: x };
    }
    case T.FWP_V4_ADDR_MASK: {
      let n = 0;
      for (let m = v.v4AddrMask.mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) n++;
      const r = parseAddr(`${[24, 16, 8, 0].map((s) => (v.v4AddrMask.addr >>> s) & 255).join(".")}/${n}`);
      return typeof r === "string" ? undefined : r;
    }
    case T.FWP_V6_ADDR_MASK: {
      const low = v6FromBytes(v.v6AddrMask.addr), host = (1n << BigInt(128 - v.v6AddrMask.prefixLength)) - 1n;
      return v.v6AddrMask.prefixLength === 128
        ? { family: 6, kind: "single", low, high: low }
        : { family: 6, kind: "prefix", low, high: low | host, prefix: v.v6AddrMask.prefixLength };
    }
    case T.FWP_RANGE_TYPE: {
      const lo = addrOf(v.rangeValue.valueLow), hi = addrOf(v.rangeValue.valueHigh);
      return lo && hi ? { family: lo.family, kind: "range", low: lo.low, high: hi.high } : undefined;
    }
  }
  return undefined;
}

function portOf(v: FilterCondition["conditionValue"]): PortRange | undefined {
  if (v.type === T.FWP_UINT16) return { low: v.uint16, high: v.uint16 };
  if (
    v.type === T.FWP_RANGE_TYPE && v.rangeValue.valueLow.type === T.FWP_UINT16 &&
    v.rangeValue.valueHigh.type === T.FWP_UINT16
  ) {
    return { low: v.rangeValue.valueLow.uint16, high: v.rangeValue.valueHigh.uint16 };
  }
  return undefined;
}

interface Sel {
  local: AddrSpec[];
  remote: AddrSpec[];
  protocol?: number;
  localPorts: PortRange[];
  remotePorts: PortRange[];
}
function selector(conds: FilterCondition[]): Sel {
  const s: Sel = { local: [], remote: [], localPorts: [], remotePorts: [] };
  for (const c of conds) {
    const v = c.conditionValue;
    if (c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS) {
      const a = addrOf(v as FwpValue);
      if (a) s.local.push(a);
    } else if (c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS) {
      const a = addrOf(v as FwpValue);
      if (a) s.remote.push(a);
    } else if (c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_PROTOCOL && v.type === T.FWP_UINT8) {
      s.protocol = v.uint8;
    } else if (c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT) {
      const p = portOf(v);
      if (p) s.localPorts.push(p);
    } else if (c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT) {
      const p = portOf(v);
      if (p) s.remotePorts.push(p);
    }
  }
  return s;
}

/** The traffic selector of filter conditions, in the policy's terms (addresses and ports as the file writes them). */
export interface SelectorTerms {
  /** Local addresses (formatAddr), empty = any. */
  local: string[];
  /** Remote addresses (formatAddr), empty = any. */
  remote: string[];
  /** The protocol's policy name (tcp, udp, ...) or number; absent = any. */
  protocol?: string;
  /** Local ports ("445", "1000-2000"), empty = any. */
  localPorts: string[];
  /** Remote ports, empty = any. */
  remotePorts: string[];
}

/** Filter conditions read back as the policy's selector (the plan's reasons speak of these). */
export function selectorTerms(conds: FilterCondition[]): SelectorTerms {
  const s = selector(conds);
  const port = (p: PortRange) => (p.low === p.high ? String(p.low) : `${p.low}-${p.high}`);
  return {
    local: s.local.map(formatAddr),
    remote: s.remote.map(formatAddr),
    ...(s.protocol !== undefined ? { protocol: PROTO_NAMES[s.protocol] ?? String(s.protocol) } : {}),
    localPorts: s.localPorts.map(port),
    remotePorts: s.remotePorts.map(port),
  };
}

const QM_TUNNEL_TYPES: readonly number[] = [
  PCT.FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
  PCT.FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
  PCT.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
];

/**
 * A main-mode or quick-mode provider context read back as the policy's main-mode or quick-mode policy
 * (what export writes for it; the name is left empty); undefined for a context it cannot read.
 */
export function contextTerms(
  ctx: ProviderContext,
): { mainMode: MainModePolicy } | { quickMode: QuickModePolicy } | undefined {
  if (KM_OF_MM[ctx.type]) {
    const m = mmPolicy(ctx, "", readMeta(ctx.providerData) ?? { wfpsec: 1, policy: "", path: "" });
    return m && { mainMode: m };
  }
  const q = qmPolicy("", ctx, QM_TUNNEL_TYPES.includes(ctx.type) ? "tunnel" : "transport");
  return q && { quickMode: q };
}

/** Objects of our provider -> policy model. */
export function decompileToPolicy(graph: ObjectGraph): Policy {
  const pmeta = readMeta(graph.provider.providerData);
  const policy: Policy = {
    version: 1,
    name: pmeta?.policy ?? "exported",
    ...(pmeta?.description !== undefined ? { description: pmeta.description } : {}),
    allowWeakCrypto: pmeta?.allowWeakCrypto === true,
    mainMode: [],
    quickMode: [],
    rules: [],
    exemptions: [],
    tunnels: [],
    manualSas: [],
  };
  const ours = <X extends { providerKey?: string }>(x: X) =>
    x.providerKey === undefined || x.providerKey === WFPSEC_PROVIDER_KEY;
  const ctxByKey = new Map<string, { ctx: ProviderContext; meta: WfpsecMeta }>();
  const mmNames = new Set<string>(), qmNames = new Set<string>();
  const qmVariants = new Map<string, string>();
  for (const ctx of graph.providerContexts.filter(ours)) {
    const meta = readMeta(ctx.providerData);
    if (!meta) continue;
    ctxByKey.set(ctx.providerContextKey, { ctx, meta });
    const parts = meta.path.split("/");
    if (parts[0] === "mainMode" && !mmNames.has(parts[1])) {
      const m = mmPolicy(ctx, parts[1], meta);
      if (m) policy.mainMode.push(m), mmNames.add(parts[1]);
    } else if (parts[0] === "quickMode") {
      qmVariants.set(ctx.providerContextKey, parts[3]);
      const q = qmPolicy(parts[1], ctx, "transport");
      if (!q) continue;
      const seen = policy.quickMode.find((x) => x.name === q.name);
      if (!seen) policy.quickMode.push(q), qmNames.add(q.name);
      else if (!seen.userAuth.length && q.userAuth.length) {
        seen.userAuth = q.userAuth;
        seen.userImpersonation = q.userImpersonation;
      }
    }
  }
  // Rules and exemptions, in the order their first filter appears.
  const ruleFilters = new Map<string, Filter[]>(),
    exFilters = new Map<string, Filter[]>(),
    saFilters = new Map<string, Filter[]>();
  for (const f of graph.filters.filter(ours)) {
    const meta = readMeta(f.providerData);
    if (!meta) continue;
    const [kind, name] = meta.path.split("/");
    const target = kind === "rules"
      ? ruleFilters
      : kind === "exemptions"
      ? exFilters
      : kind === "manualSas"
      ? saFilters
      : undefined;
    if (!target || !name) continue;
    if (!target.has(name)) target.set(name, []);
    target.get(name)!.push(f);
  }
  const pathOf = (f: Filter) => readMeta(f.providerData)!.path.split("/");
  for (const [name, fs] of ruleFilters) {
    const fams = [...new Set(fs.map((f) => Number(pathOf(f)[2].slice(1)) as 4 | 6))].sort();
    const local: AddrSpec[] = [], remote: AddrSpec[] = [];
    let sel: Sel | undefined;
    for (const fam of fams) {
      const ipsec = fs.find((f) => pathOf(f)[2] === `v${fam}` && pathOf(f)[3] === "ipsec");
      if (!ipsec) continue;
      const s = selector(ipsec.filterCondition);
      local.push(...s.local);
      remote.push(...s.remote);
      sel ??= s;
    }
    if (!sel) continue;
    const f0 = `v${fams[0]}`;
    const mine = fs.filter((f) => pathOf(f)[2] === f0);
    const mainMode = mine.filter((f) => pathOf(f)[3] === "ikeext").map((f) =>
      ctxByKey.get(f.providerContextKey ?? "")?.meta.path.split("/")[1]
    ).filter((x): x is string => !!x);
    const qmF = mine.find((f) => pathOf(f)[3] === "ipsec");
    const qmMeta = ctxByKey.get(qmF?.providerContextKey ?? "")?.meta.path.split("/");
    const variant = qmMeta?.[3] ?? "plain";
    const out = mine.find((f) => pathOf(f)[3] === "out"), inn = mine.find((f) => pathOf(f)[3] === "in");
    // A precedence PERMIT (precedenceClaims.ts) says nothing about the rule's own security.
    const ale = mine.filter((f) =>
      (pathOf(f)[3] === "accept" || pathOf(f)[3] === "connect") && pathOf(f)[4] !== "precedence"
    );
    const inbound: Rule["inbound"] = variant === "nd-boundary" ? "request" : "require";
    let outbound: Rule["outbound"];
    if (out) {
      outbound = out.rawContext === FILTER_CONTEXTS.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER
        ? "request"
        : out.rawContext === FILTER_CONTEXTS.FWPM_CONTEXT_IPSEC_OUTBOUND_SUPPRESS_NEGOTIATION
        ? "clear"
        : "require";
    } else outbound = variant === "plain" ? "require" : "request";
    const authz = ale.find((f) => pathOf(f)[4] === "authorized");
    let authorization: Rule["authorization"];
    if (authz) {
      authorization = {};
      for (const c of authz.filterCondition) {
        const field = c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID
          ? "machines"
          : c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID
          ? "users"
          : undefined;
        // A compiled graph not yet planned still holds the names as written.
        if (field && c.conditionValue.type === "accounts") {
          authorization[field] = c.conditionValue.accounts.map((a) => ({ name: a.name }));
        }
        if (c.conditionValue.type !== T.FWP_SECURITY_DESCRIPTOR_TYPE) continue;
        const sddl = securityDescriptorToSddl(c.conditionValue.sd);
        if (field) {
          authorization[field] = namesOf(readMeta(authz.providerData)?.accounts?.[field], sddl) ?? sddl;
        }
      }
    }
    let program: string | undefined;
    for (const f of ale) {
      for (const c of f.filterCondition) {
        if (c.fieldKey !== CONDITIONS.FWPM_CONDITION_ALE_APP_ID) continue;
        const v = c.conditionValue;
        if (v.type === "appPath") program = v.path;
        else if (v.type === T.FWP_BYTE_BLOB_TYPE) {
          program = appIdPath(v.byteBlob);
        }
      }
    }
    const noAddr = !local.length && !remote.length;
    const sec = program === undefined
      ? { inbound, outbound }
      : programSecurity(ale, pathOf, inbound, outbound);
    policy.rules.push({
      name,
      ...(mine[0]?.displayData.description !== undefined
        ? { description: mine[0].displayData.description }
        : {}),
      local,
      remote,
      families: noAddr ? fams : [...new Set([...local, ...remote].map((a) => a.family))].sort() as (4 | 6)[],
      familyExplicit: noAddr && fams.length === 1,
      ...(sel.protocol !== undefined ? { protocol: sel.protocol } : {}),
      localPorts: sel.localPorts,
      remotePorts: sel.remotePorts,
      direction: out && inn ? "both" : inn ? "inbound" : "outbound",
      inbound: sec.inbound,
      outbound: sec.outbound,
      mainMode,
      quickMode: qmMeta?.[1] ?? "",
      requireEncryption: ale.some((f) =>
        f.rawContext === FILTER_CONTEXTS.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION
      ),
      ...(authorization ? { authorization } : {}),
      ...(program !== undefined ? { program } : {}),
      ...(priorityOf(qmF) ? { priority: priorityOf(qmF) } : {}),
    });
  }
  for (const [name, fs] of exFilters) {
    const fams = [...new Set(fs.map((f) => Number(pathOf(f)[2].slice(1)) as 4 | 6))].sort();
    const s = selector(fs[0].filterCondition);
    let kind: Exemption["kind"] = "custom";
    const bare = !s.local.length && !s.remote.length;
    if (name === "icmp" && bare && (s.protocol === 1 || s.protocol === 58) && !s.localPorts.length) {
      kind = "icmp";
    }
    if (name === "dhcp" && bare && s.protocol === 17 && [68, 546].includes(s.localPorts[0]?.low)) {
      kind = "dhcp";
    }
    const all: Sel = {
      local: [],
      remote: [],
      localPorts: s.localPorts,
      remotePorts: s.remotePorts,
      protocol: s.protocol,
    };
    for (const fam of fams) {
      const f = fs.find((x) => pathOf(x)[2] === `v${fam}`)!;
      const t = selector(f.filterCondition);
      all.local.push(...t.local);
      all.remote.push(...t.remote);
    }
    policy.exemptions.push(
      kind === "custom"
        ? { name, kind, ...all, families: fams }
        : { name, kind, local: [], remote: [], families: [4, 6], localPorts: [], remotePorts: [] },
    );
  }
  for (const t of graph.tunnels) {
    const qmeta = readMeta(t.tunnelPolicy.providerData);
    const mmeta = t.mainModePolicy ? readMeta(t.mainModePolicy.providerData) : undefined;
    if (!qmeta || !t.mainModePolicy || !mmeta) continue;
    const [, tname, , qname] = qmeta.path.split("/");
    const mname = mmeta.path.split("/")[3];
    if (!mmNames.has(mname)) {
      const m = mmPolicy(t.mainModePolicy, mname, mmeta);
      if (m) policy.mainMode.push(m), mmNames.add(mname);
    }
    if (!qmNames.has(qname)) {
      const q = qmPolicy(qname, t.tunnelPolicy, "tunnel");
      if (q) policy.quickMode.push(q), qmNames.add(qname);
    }
    const tp = t.tunnelPolicy.ikeQmTunnelPolicy ?? t.tunnelPolicy.authipQmTunnelPolicy ??
      t.tunnelPolicy.ikeV2QmTunnelPolicy;
    if (!tp) continue;
    const e = tp.tunnelEndpoints;
    const ep = (v4?: number, v6?: Uint8Array): AddrSpec => {
      const v4End = e.ipVersion === ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4;
      const x = v4End ? BigInt(v4 ?? 0) : v6FromBytes(v6 ?? new Uint8Array(16));
      return { family: v4End ? 4 : 6, kind: "single", low: x, high: x };
    };
    const s = selector(t.filterConditions);
    const spec: TunnelSpec = {
      name: tname,
      ...(t.tunnelPolicy.displayData.description !== undefined
        ? { description: t.tunnelPolicy.displayData.description }
        : {}),
      mainMode: mname,
      quickMode: qname,
      localEndpoint: ep(e.localV4Address, e.localV6Address),
      remoteEndpoint: ep(e.remoteV4Address, e.remoteV6Address),
      local: s.local,
      remote: s.remote,
      pointToPoint: (t.flags & FLAGS.FWPM_TUNNEL_FLAG.FWPM_TUNNEL_FLAG_POINT_TO_POINT) !== 0,
    };
    policy.tunnels.push(spec);
  }
  for (const [name, fs] of saFilters) {
    const f = fs.find((x) => readMeta(x.providerData)?.manualSa) ?? fs[0];
    const m = readMeta(f.providerData)?.manualSa;
    const s = selector(f.filterCondition);
    if (!m || !s.local[0] || !s.remote[0]) continue;
    const dir = (d: typeof m.inbound) => {
      const tr = parseQm(d.transform);
      return { spi: d.spi, transform: typeof tr === "string" ? {} : tr, key: { ...d.key } };
    };
    const sa: ManualSaSpec = {
      name,
      local: s.local[0],
      remote: s.remote[0],
      inbound: dir(m.inbound),
      outbound: dir(m.outbound),
    };
    policy.manualSas.push(sa);
  }
  return policy;
}

/**
 * ObjectGraph (objects under our provider, compiled or decoded from the engine) -> policy document, the
 * inverse of compile; used by `wfpsec export`. Secret references come back from providerData.
 */
export function decompile(graph: ObjectGraph): PolicyDocument {
  return policyToDocument(decompileToPolicy(graph));
}

/**
 * A program rule's security is at the ALE layers (compile.ts transportSecurity: its transport filters only
 * request): an ALE receive-accept filter means inbound require, an ALE connect filter outbound require.
 * (require/request and require/require program rules with direction inbound compile to one graph.)
 */
function programSecurity(
  ale: Filter[],
  pathOf: (f: Filter) => string[],
  inbound: Rule["inbound"],
  outbound: Rule["outbound"],
): Pick<Rule, "inbound" | "outbound"> {
  // clear stays clear (transport suppress-negotiation; a connect filter is then requireEncryption's).
  const o = outbound !== "clear" && ale.some((f) => pathOf(f)[3] === "connect") ? "require" : outbound;
  // An outbound-only rule has no accept filter: request/require is not a valid pair, require/require is
  // what compiles to this graph.
  // require/clear is not a valid pair (validate.ts, issue 12 rule 9): with outbound clear the accept filter
  // is requireEncryption's or authorization's, and the transport's request/clear is the rule.
  if (o === "clear") return { inbound, outbound: o };
  const i = ale.some((f) => pathOf(f)[3] === "accept") || o === "require" ? "require" : inbound;
  return { inbound: i, outbound: o };
}
