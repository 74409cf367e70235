/**
 * The read side: IPsec SAs, manual SA contexts (and, on Windows, IKE SAs) decoded into the `sa` command's
 * JSON and text. Key material is never rendered: key blobs are dropped here whatever the engine returned.
 */
import type {
  IkeextCredential2,
  IkeextSaDetails2,
  IpsecSa0,
  IpsecSaContext1,
  IpsecSaDetails1,
  IpsecTraffic1,
} from "./engine.ts";
import { enumName, guidName } from "../ffi/constants.ts";
import { toHex } from "./meta.ts";
import { table } from "./render.ts";

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
  return t.ipVersion === 0
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
  const addrs = t.ipVersion === 0
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
          d.saDirection === 1 ? "inbound" : "outbound",
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
