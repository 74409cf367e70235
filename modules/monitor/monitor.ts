/**
 * The read side: IPsec SAs, manual SA contexts and IKE SAs decoded into the `sa` command's JSON and text,
 * and net events (FWPM_NET_EVENT1: IKE failures, IPsec drops) with their error names. Key material is never
 * rendered: key blobs are dropped here whatever the engine returned. Net events come from
 * `NetEventOps.enumNetEvents` (the `events` command).
 */
import type {
  FileTime,
  IkeextCredential2,
  IkeextSaDetails2,
  IpsecSa0,
  IpsecSaContext1,
  IpsecSaDetails1,
  IpsecTraffic1,
  NetEvent1,
} from "../engine/mod.ts";
import {
  enumName,
  ENUMS,
  guidName,
  IKE_ERRORS,
  ikeErrorName,
  IPSEC_DROP_STATUS,
} from "../../ffi/constants.ts";
import { toHex } from "../graph/mod.ts";
import { table } from "../render/mod.ts";

const V4 = ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4;
const NET = ENUMS.FWPM_NET_EVENT_TYPE;

/** JSON value (as render.ts). */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function v4Text(a: number | undefined): string | null {
  return a === undefined ? null : [24, 16, 8, 0].map((b) => (a >>> b) & 255).join(".");
}

function v6Text(b: Uint8Array | undefined): string | null {
  if (!b) return null;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  // Longest run of zero groups becomes "::".
  let best = -1, len = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > len && j - i > 1) [best, len] = [i, j - i];
    i = j;
  }
  if (best < 0) return groups.join(":");
  return groups.slice(0, best).join(":") + "::" + groups.slice(best + len).join(":");
}

/** The local/remote addresses of an IPSEC_TRAFFIC1 as text. */
export function trafficAddresses(t: IpsecTraffic1): { local: string | null; remote: string | null } {
  return t.ipVersion === V4
    ? { local: v4Text(t.localV4Address), remote: v4Text(t.remoteV4Address) }
    : { local: v6Text(t.localV6Address), remote: v6Text(t.remoteV6Address) };
}

/** One SA of a bundle: SPI, transform and algorithm names; never the keys. */
export function saJson(sa: IpsecSa0): Json {
  const out: { [k: string]: Json } = {
    spi: sa.spi,
    spiHex: "0x" + (sa.spi >>> 0).toString(16).padStart(8, "0"),
    saTransformType: sa.saTransformType,
    saTransformTypeName: enumName("IPSEC_TRANSFORM_TYPE", sa.saTransformType) ?? null,
  };
  const auth = sa.ahInformation ?? sa.espAuthInformation ?? sa.espAuthFwInformation ??
    sa.espAuthAndCipherInformation?.saAuthInformation;
  const cipher = sa.espCipherInformation ?? sa.espAuthAndCipherInformation?.saCipherInformation;
  if (auth) {
    const id = auth.authTransform.authTransformId;
    out.authType = enumName("IPSEC_AUTH_TYPE", id.authType) ?? id.authType;
    out.authConfig = id.authConfig;
  }
  if (cipher) {
    const id = cipher.cipherTransform.cipherTransformId;
    out.cipherType = enumName("IPSEC_CIPHER_TYPE", id.cipherType) ?? id.cipherType;
    out.cipherConfig = id.cipherConfig;
  }
  return out;
}

/** IPSEC_SA_DETAILS1 as JSON: direction, traffic, filter id, SAs, lifetime. */
export function saDetailsJson(d: IpsecSaDetails1): Json {
  const t = d.traffic;
  return {
    ipVersion: d.ipVersion,
    ipVersionName: enumName("FWP_IP_VERSION", d.ipVersion) ?? null,
    saDirection: d.saDirection,
    saDirectionName: enumName("FWP_DIRECTION", d.saDirection) ?? null,
    ...trafficAddresses(t),
    trafficType: t.trafficType,
    trafficTypeName: enumName("IPSEC_TRAFFIC_TYPE", t.trafficType) ?? null,
    ipsecFilterId: t.ipsecFilterId !== undefined ? t.ipsecFilterId.toString() : null,
    tunnelPolicyId: t.tunnelPolicyId !== undefined ? t.tunnelPolicyId.toString() : null,
    remotePort: t.remotePort,
    localPort: t.localPort,
    ipProtocol: t.ipProtocol,
    saList: d.saBundle.saList.map(saJson),
    lifetime: { ...d.saBundle.lifetime },
    flags: d.saBundle.flags,
    mmSaId: String(d.saBundle.mmSaId),
    qmFilterId: String(d.saBundle.qmFilterId),
    pfsGroup: d.saBundle.pfsGroup,
    udpEncapsulation: d.udpEncapsulation ? { ...d.udpEncapsulation } : null,
  };
}

/** IPSEC_SA_CONTEXT1 as JSON. */
export function saContextJson(c: IpsecSaContext1): Json {
  return {
    saContextId: c.saContextId.toString(),
    inboundSa: c.inboundSa ? saDetailsJson(c.inboundSa) : null,
    outboundSa: c.outboundSa ? saDetailsJson(c.outboundSa) : null,
  };
}

function spiText(d: IpsecSaDetails1 | undefined): string {
  if (!d) return "-";
  return d.saBundle.saList.map((s) => `0x${(s.spi >>> 0).toString(16)}`).join(",");
}

function transformText(d: IpsecSaDetails1 | undefined): string {
  if (!d) return "-";
  return d.saBundle.saList.map((s) =>
    (enumName("IPSEC_TRANSFORM_TYPE", s.saTransformType) ?? String(s.saTransformType)).replace(
      "IPSEC_TRANSFORM_",
      "",
    )
  ).join(",");
}

function credentialJson(c: IkeextCredential2): Json {
  // A pre-shared key credential is named, never shown.
  const out: { [k: string]: Json } = {
    authenticationMethodType: c.authenticationMethodType,
    authenticationMethodTypeName: enumName("IKEEXT_AUTHENTICATION_METHOD_TYPE", c.authenticationMethodType) ??
      null,
  };
  if (c.name?.principalName !== undefined) out.principalName = c.name.principalName;
  if (c.certificate) {
    out.certHash = c.certificate.certHash ? toHex(c.certificate.certHash) : null;
    out.subjectName = c.certificate.subjectName ? toHex(c.certificate.subjectName) : null;
  }
  return out;
}

/** IKEEXT_SA_DETAILS2 as JSON: addresses, keying module, proposal names, credentials (no key material). */
export function ikeSaJson(d: IkeextSaDetails2): Json {
  const t = d.ikeTraffic, p = d.ikeProposal;
  const addrs = t.ipVersion === V4
    ? { local: v4Text(t.localV4Address), remote: v4Text(t.remoteV4Address) }
    : { local: v6Text(t.localV6Address), remote: v6Text(t.remoteV6Address) };
  return {
    saId: d.saId.toString(),
    keyModuleType: d.keyModuleType,
    keyModuleTypeName: enumName("IKEEXT_KEY_MODULE_TYPE", d.keyModuleType) ?? null,
    ipVersion: d.ipVersion,
    ...addrs,
    cipher: enumName("IKEEXT_CIPHER_TYPE", p.cipherAlgorithm.algoIdentifier) ??
      p.cipherAlgorithm.algoIdentifier,
    integrity: enumName("IKEEXT_INTEGRITY_TYPE", p.integrityAlgorithm.algoIdentifier) ??
      p.integrityAlgorithm.algoIdentifier,
    dhGroup: enumName("IKEEXT_DH_GROUP", p.dhGroup) ?? p.dhGroup,
    maxLifetimeSeconds: p.maxLifetimeSeconds,
    ikePolicyKey: d.ikePolicyKey ?? null,
    ikePolicyName: d.ikePolicyKey ? guidName(d.ikePolicyKey)?.name ?? null : null,
    credentials: d.ikeCredentials.credentials.map((c) => ({
      local: credentialJson(c.localCredentials),
      peer: credentialJson(c.peerCredentials),
    })),
  };
}

/** Human tables for `sa`. */
export function saText(
  o: { ipsecSas: IpsecSaDetails1[]; saContexts: IpsecSaContext1[]; ikeSas: IkeextSaDetails2[] },
): string {
  const parts: string[] = [];
  parts.push(`IKE/AuthIP SAs (${o.ikeSas.length})`);
  if (o.ikeSas.length) {
    parts.push(table(
      ["SA ID", "MODULE", "LOCAL", "REMOTE", "CIPHER", "INTEGRITY", "DH"],
      o.ikeSas.map((d) => {
        const j = ikeSaJson(d) as Record<string, Json>;
        return [
          j.saId,
          j.keyModuleTypeName ?? j.keyModuleType,
          j.local,
          j.remote,
          j.cipher,
          j.integrity,
          j.dhGroup,
        ]
          .map((x) => String(x ?? "-").replace(/^IKEEXT_(KEY_MODULE_|CIPHER_|INTEGRITY_)?/, ""));
      }),
    ));
  }
  parts.push(`\nIPsec SAs (${o.ipsecSas.length})`);
  if (o.ipsecSas.length) {
    parts.push(table(
      ["DIRECTION", "LOCAL", "REMOTE", "SPI", "TRANSFORM", "FILTER ID"],
      o.ipsecSas.map((d) => {
        const a = trafficAddresses(d.traffic);
        return [
          d.saDirection === ENUMS.FWP_DIRECTION.FWP_DIRECTION_INBOUND ? "inbound" : "outbound",
          a.local ?? "-",
          a.remote ?? "-",
          spiText(d),
          transformText(d),
          String(d.traffic.ipsecFilterId ?? "-"),
        ];
      }),
    ));
  }
  parts.push(`\nManual SA contexts (${o.saContexts.length})`);
  if (o.saContexts.length) {
    parts.push(table(
      ["ID", "LOCAL", "REMOTE", "INBOUND SPI", "OUTBOUND SPI", "TRANSFORMS (IN/OUT)"],
      o.saContexts.map((c) => {
        const d = c.outboundSa ?? c.inboundSa;
        const a = d ? trafficAddresses(d.traffic) : { local: null, remote: null };
        return [
          String(c.saContextId),
          a.local ?? "-",
          a.remote ?? "-",
          spiText(c.inboundSa),
          spiText(c.outboundSa),
          `${transformText(c.inboundSa)}/${transformText(c.outboundSa)}`,
        ];
      }),
    ));
  }
  return parts.join("\n").trim();
}

// ---- net events ----

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const EPOCH_DIFF_MS = 11644473600000n;

/** A Date as FILETIME (100 ns intervals since 1601-01-01 UTC). */
export function fileTimeOf(d: Date): FileTime {
  const t = (BigInt(d.getTime()) + EPOCH_DIFF_MS) * 10000n;
  return { dwLowDateTime: Number(t & 0xffffffffn), dwHighDateTime: Number(t >> 32n) };
}

/** A FILETIME as an ISO 8601 string (millisecond precision). */
export function isoOf(ft: FileTime): string {
  const t = (BigInt(ft.dwHighDateTime >>> 0) << 32n) | BigInt(ft.dwLowDateTime >>> 0);
  return new Date(Number(t / 10000n - EPOCH_DIFF_MS)).toISOString();
}

/** Short names of the net-event types wfpsec decodes, and their FWPM_NET_EVENT_TYPE values. */
export const EVENT_TYPES = {
  mm: NET.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE,
  qm: NET.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE,
  em: NET.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE,
  drop: NET.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP,
} as const;
/** A short name per decoded event type. */
const SHORT: Record<number, string> = Object.fromEntries(Object.entries(EVENT_TYPES).map(([k, v]) => [v, k]));

function hex32(n: number): string {
  return "0x" + (n >>> 0).toString(16).padStart(8, "0");
}

/** A failure code with its symbolic name and meaning (IKE Win32 errors, IPsec NTSTATUS drops). */
export function failureJson(code: number): { [k: string]: Json } {
  const name = ikeErrorName(code) ?? null;
  const entry = name ? (IKE_ERRORS[name] ?? IPSEC_DROP_STATUS[name]) : undefined;
  return { code: code >>> 0, codeHex: hex32(code), name, message: entry?.message ?? null };
}

function principalsJson(p: {
  localPrincipalNameForAuth?: string;
  remotePrincipalNameForAuth?: string;
  localPrincipalGroupSids: string[];
  remotePrincipalGroupSids: string[];
}): { [k: string]: Json } {
  return {
    localPrincipal: p.localPrincipalNameForAuth ?? null,
    remotePrincipal: p.remotePrincipalNameForAuth ?? null,
    localPrincipalGroupSids: [...p.localPrincipalGroupSids],
    remotePrincipalGroupSids: [...p.remotePrincipalGroupSids],
  };
}

/** The IKE failure fields: the C member (failureErrorCode), its name, and `failure` (code, hex, meaning). */
function ikeFailure(code: number): { [k: string]: Json } {
  const failure = failureJson(code);
  return { failureErrorCode: code >>> 0, failureErrorName: failure.name, failure };
}

/** FWPM_NET_EVENT1 as JSON: time, type, addresses, and the IKE failure or IPsec drop, with names. */
export function netEventJson(e: NetEvent1): Json {
  const h = e.header;
  const v4 = h.ipVersion === V4;
  const out: { [k: string]: Json } = {
    time: isoOf(h.timeStamp),
    type: e.type,
    typeName: enumName("FWPM_NET_EVENT_TYPE", e.type) ?? null,
    kind: SHORT[e.type] ?? null,
    ipVersion: h.ipVersion,
    local: v4 ? v4Text(h.localAddrV4) : v6Text(h.localAddrV6),
    remote: v4 ? v4Text(h.remoteAddrV4) : v6Text(h.remoteAddrV6),
    localPort: h.localPort,
    remotePort: h.remotePort,
    ipProtocol: h.ipProtocol,
  };
  const role = (r: number) => enumName("IKEEXT_SA_ROLE", r) ?? r;
  const point = (p: number) => enumName("IPSEC_FAILURE_POINT", p) ?? p;
  const method = (m: number) => enumName("IKEEXT_AUTHENTICATION_METHOD_TYPE", m) ?? m;
  const module = (m: number) => enumName("IKEEXT_KEY_MODULE_TYPE", m) ?? m;
  if (e.ikeMmFailure) {
    const f = e.ikeMmFailure;
    Object.assign(out, ikeFailure(f.failureErrorCode));
    Object.assign(out, {
      failurePoint: point(f.failurePoint),
      keyingModule: module(f.keyingModuleType),
      state: enumName("IKEEXT_MM_SA_STATE", f.mmState) ?? f.mmState,
      saRole: role(f.saRole),
      authMethod: method(f.mmAuthMethod),
      flags: f.flags,
      mmId: String(f.mmId),
      filterId: String(f.mmFilterId),
      ...principalsJson(f),
    });
  } else if (e.ikeQmFailure) {
    const f = e.ikeQmFailure;
    Object.assign(out, ikeFailure(f.failureErrorCode));
    Object.assign(out, {
      failurePoint: point(f.failurePoint),
      keyingModule: module(f.keyingModuleType),
      state: enumName("IKEEXT_QM_SA_STATE", f.qmState) ?? f.qmState,
      saRole: role(f.saRole),
      saTrafficType: enumName("IPSEC_TRAFFIC_TYPE", f.saTrafficType) ?? f.saTrafficType,
      filterId: String(f.qmFilterId),
    });
  } else if (e.ikeEmFailure) {
    const f = e.ikeEmFailure;
    Object.assign(out, ikeFailure(f.failureErrorCode));
    Object.assign(out, {
      failurePoint: point(f.failurePoint),
      state: enumName("IKEEXT_EM_SA_STATE", f.emState) ?? f.emState,
      saRole: role(f.saRole),
      authMethod: method(f.emAuthMethod),
      flags: f.flags,
      mmId: String(f.mmId),
      filterId: String(f.qmFilterId),
      saTrafficType: enumName("IPSEC_TRAFFIC_TYPE", f.saTrafficType) ?? f.saTrafficType,
      ...principalsJson(f),
    });
  } else if (e.ipsecDrop) {
    const d = e.ipsecDrop;
    out.failure = failureJson(d.failureStatus);
    Object.assign(out, {
      failureStatus: d.failureStatus >>> 0,
      failureStatusName: (out.failure as { name: Json }).name,
      direction: enumName("FWP_DIRECTION", d.direction) ?? d.direction,
      spi: d.spi,
      spiHex: hex32(d.spi),
      filterId: String(d.filterId),
      layerId: d.layerId,
    });
  }
  return out;
}

/** Human table of net events. */
export function eventsText(events: NetEvent1[]): string {
  if (!events.length) return "No IKE failures or IPsec drops recorded.";
  return table(
    ["TIME", "KIND", "LOCAL", "REMOTE", "FAILURE", "WHERE"],
    events.map((e) => {
      const j = netEventJson(e) as Record<string, Json>;
      const f = (j.failure ?? {}) as Record<string, Json>;
      const where = [j.failurePoint, j.state, j.direction].filter((x) => x !== undefined && x !== null)
        .map(String).join(" ");
      return [
        String(j.time),
        String(j.kind ?? j.typeName ?? j.type),
        String(j.local ?? "-"),
        String(j.remote ?? "-"),
        f.name ? `${f.name} (${f.codeHex})` : String(f.codeHex ?? "-"),
        where || "-",
      ];
    }),
  );
}
