/**
 * `wfpsec stats`: IPsecGetStatistics1 and IkeextGetStatistics1 decoded into JSON and text, in the words of
 * `Get-NetIPsecMainModeSA`-minded admins: SA counts, negotiations started / succeeded / failed per keying
 * module (IKEv1, AuthIP, IKEv2) and IP version, the IKE errors counted (by name, from errorFrequencyTable),
 * drop counters and traffic bytes. UINT64 counters are decimal strings in JSON (they exceed 2^53).
 */
import type { IkeextKeyModuleStatistics1, IkeextStatistics1, IpsecStatistics1 } from "../engine/mod.ts";
import { ikeErrorName, MISC } from "../../ffi/constants.ts";
import { table } from "../render/mod.ts";

/** JSON value. */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const strings = (o: IpsecStatistics1["inboundTrafficStatistics"]): { [k: string]: Json } =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toString()]));

/** The non-zero entries of an errorFrequencyTable, most frequent first. */
export function errorCounts(
  m: IkeextKeyModuleStatistics1,
): { code: number; name: string | null; count: number }[] {
  const t = m.errorFrequencyTable;
  const dv = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const out: { code: number; name: string | null; count: number }[] = [];
  for (let i = 0; i < Math.min(MISC.IKEEXT_ERROR_CODE_COUNT, t.byteLength >> 2); i++) {
    const count = dv.getUint32(i * 4, true);
    if (!count) continue;
    const code = MISC.ERROR_IPSEC_IKE_NEG_STATUS_BEGIN + i;
    out.push({ code, name: ikeErrorName(code) ?? null, count });
  }
  return out.sort((a, b) => b.count - a.count || a.code - b.code);
}

function keyModuleJson(m: IkeextKeyModuleStatistics1): { [k: string]: Json } {
  return {
    v4: { ...m.v4Statistics },
    v6: { ...m.v6Statistics },
    errors: errorCounts(m),
    mainModeNegotiationTime: m.mainModeNegotiationTime,
    quickModeNegotiationTime: m.quickModeNegotiationTime,
    extendedModeNegotiationTime: m.extendedModeNegotiationTime,
  };
}

/** Both structures as the `stats` JSON (docs/cli-json.md). */
export function statsJson(ipsec: IpsecStatistics1, ike: IkeextStatistics1): { [k: string]: Json } {
  return {
    ipsec: {
      sa: { ...ipsec.aggregateSaStatistics },
      espDrops: { ...ipsec.espDropPacketStatistics },
      ahDrops: { ...ipsec.ahDropPacketStatistics },
      drops: { ...ipsec.aggregateDropPacketStatistics },
      inbound: strings(ipsec.inboundTrafficStatistics),
      outbound: strings(ipsec.outboundTrafficStatistics),
    },
    ike: {
      ikev1: keyModuleJson(ike.ikeStatistics),
      authip: keyModuleJson(ike.authipStatistics),
      ikev2: keyModuleJson(ike.ikeV2Statistics),
      common: {
        v4: { ...ike.commonStatistics.v4Statistics },
        v6: { ...ike.commonStatistics.v6Statistics },
        totalPacketsReceived: ike.commonStatistics.totalPacketsReceived,
        totalInvalidPacketsReceived: ike.commonStatistics.totalInvalidPacketsReceived,
        currentQueuedWorkitems: ike.commonStatistics.currentQueuedWorkitems,
      },
    },
  };
}

/** The human report of `stats`. */
export function statsText(ipsec: IpsecStatistics1, ike: IkeextStatistics1): string {
  const sa = ipsec.aggregateSaStatistics, d = ipsec.aggregateDropPacketStatistics;
  const parts: string[] = [];
  parts.push(
    `IPsec SAs: ${sa.activeSas} active, ${sa.pendingSaNegotiations} negotiating, ${sa.activeTunnels} tunnels, ` +
      `${sa.totalSasAdded} added / ${sa.totalSasDeleted} deleted, ${sa.successfulRekeys} rekeys, ` +
      `${sa.offloadedSas} offloaded`,
  );
  const modules: [string, IkeextKeyModuleStatistics1][] = [
    ["IKEv1", ike.ikeStatistics],
    ["AuthIP", ike.authipStatistics],
    ["IKEv2", ike.ikeV2Statistics],
  ];
  const rows: string[][] = [];
  for (const [name, m] of modules) {
    for (const [ip, s] of [["v4", m.v4Statistics], ["v6", m.v6Statistics]] as const) {
      rows.push([
        name,
        ip,
        `${s.currentActiveMainModes}`,
        `${s.totalMainModesStarted}/${s.totalSuccessfulMainModes}/${s.totalFailedMainModes}`,
        `${s.currentActiveQuickModes}`,
        `${s.totalQuickModesStarted}/${s.totalSuccessfulQuickModes}/${s.totalFailedQuickModes}`,
        `${s.totalExtendedModesStarted}/${s.totalSuccessfulExtendedModes}/${s.totalFailedExtendedModes}`,
      ]);
    }
  }
  parts.push(
    "\nNegotiations (started/succeeded/failed)\n" +
      table(["MODULE", "IP", "ACTIVE MM", "MAIN MODE", "ACTIVE QM", "QUICK MODE", "EXTENDED MODE"], rows),
  );
  const errors = modules.flatMap(([name, m]) => errorCounts(m).map((e) => [name, e] as const));
  parts.push(
    errors.length
      ? "\nIKE errors counted\n" +
        table(
          ["MODULE", "ERROR", "COUNT"],
          errors.map(([n, e]) => [n, e.name ?? `0x${e.code.toString(16)}`, String(e.count)]),
        )
      : "\nIKE errors counted: none",
  );
  parts.push(
    `\nInbound drops: ${d.totalDropPacketsInbound} total (bad SPI ${d.invalidSpisOnInbound}, decryption ` +
      `${d.decryptionFailuresOnInbound}, authentication ${d.authenticationFailuresOnInbound}, replay ` +
      `${d.replayCheckFailuresOnInbound}, clear text ${d.invalidClearTextInbound}, not matching filters ` +
      `${d.secureReceivesNotMatchingFilters})`,
  );
  const tr = (t: IpsecStatistics1["inboundTrafficStatistics"]) =>
    `${t.totalSuccessfulPackets} packets, ${t.encryptedByteCount} bytes encrypted, ${t.transportByteCount} ` +
    `transport / ${t.tunnelByteCount} tunnel bytes`;
  parts.push(`Inbound: ${tr(ipsec.inboundTrafficStatistics)}`);
  parts.push(`Outbound: ${tr(ipsec.outboundTrafficStatistics)}`);
  return parts.join("\n");
}
