/**
 * IPSEC_STATISTICS1 / IKEEXT_STATISTICS1 values for tests: every counter zero, then the ones a test sets.
 * Member names come from the struct tables, so a test cannot set a counter the engine does not have.
 */
import type {
  IkeextKeyModuleStatistics1,
  IkeextStatistics1,
  IpsecStatistics1,
} from "../../modules/engine/mod.ts";
import { layoutOf } from "../../ffi/structs.ts";
import type { StructMap, StructName } from "../../ffi/structs.gen.ts";
import { MISC } from "../../ffi/constants.ts";

/** Every member of a counters struct set to `value` (the table lists the members). */
export function counters<K extends StructName>(
  struct: K,
  value: (i: number) => number | bigint,
): StructMap[K] {
  const o = Object.fromEntries(layoutOf(struct).fields.map((f, i) => [f.name, value(i)]));
  return o as unknown as StructMap[K];
}
const zeros = <K extends StructName>(struct: K): StructMap[K] => counters(struct, () => 0);
const zeros64 = <K extends StructName>(struct: K): StructMap[K] => counters(struct, () => 0n);

/** All-zero IPSEC_STATISTICS1. */
export function ipsecStatistics(): IpsecStatistics1 {
  return {
    aggregateSaStatistics: zeros("IPSEC_AGGREGATE_SA_STATISTICS0"),
    espDropPacketStatistics: zeros("IPSEC_ESP_DROP_PACKET_STATISTICS0"),
    ahDropPacketStatistics: zeros("IPSEC_AH_DROP_PACKET_STATISTICS0"),
    aggregateDropPacketStatistics: zeros("IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1"),
    inboundTrafficStatistics: zeros64("IPSEC_TRAFFIC_STATISTICS1"),
    outboundTrafficStatistics: zeros64("IPSEC_TRAFFIC_STATISTICS1"),
  };
}

function keyModule(): IkeextKeyModuleStatistics1 {
  return {
    v4Statistics: zeros("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1"),
    v6Statistics: zeros("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1"),
    errorFrequencyTable: new Uint8Array(MISC.IKEEXT_ERROR_CODE_COUNT * 4),
    mainModeNegotiationTime: 0,
    quickModeNegotiationTime: 0,
    extendedModeNegotiationTime: 0,
  };
}

/** All-zero IKEEXT_STATISTICS1. */
export function ikeextStatistics(): IkeextStatistics1 {
  return {
    ikeStatistics: keyModule(),
    authipStatistics: keyModule(),
    ikeV2Statistics: keyModule(),
    commonStatistics: {
      v4Statistics: zeros("IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1"),
      v6Statistics: zeros("IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1"),
      totalPacketsReceived: 0,
      totalInvalidPacketsReceived: 0,
      currentQueuedWorkitems: 0,
    },
  };
}

/** Sets the count of IKE error `code` in a key module's errorFrequencyTable. */
export function setErrorCount(m: IkeextKeyModuleStatistics1, code: number, count: number): void {
  new DataView(m.errorFrequencyTable.buffer, m.errorFrequencyTable.byteOffset).setUint32(
    (code - MISC.ERROR_IPSEC_IKE_NEG_STATUS_BEGIN) * 4,
    count,
    true,
  );
}
