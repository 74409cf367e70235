/**
 * IPsecGetStatistics1 / IkeextGetStatistics1 through FFI against fwpsim: the caller-allocated IPSEC_STATISTICS1
 * (216 bytes) and IKEEXT_STATISTICS1 (1660 bytes) come back with every counter a test set through
 * SimSetStatistics in its place (a wrong offset anywhere moves a value to another member), UINT64 traffic
 * counters as bigints, and the errorFrequencyTable decoded by name; zero when nothing was set; a session
 * severed by the engine stopping gets an RPC error.
 */
import type { StructMap, StructName } from "../../ffi/structs.gen.ts";
import assert from "node:assert/strict";
import { simTest } from "./helpers.ts";
import { errorCounts, statsJson } from "../../modules/monitor/mod.ts";
import { IKE_ERRORS } from "../../ffi/constants.ts";
import { WfpError } from "../../ffi/errors.ts";
import { counters, ikeextStatistics, ipsecStatistics, setErrorCount } from "../support/statistics.ts";

/** Every UINT32 counter of `struct` numbered from `base` (so each member's value is unique). */
/** Every UINT32 member of `struct` numbered from `base` (the table decides the members, so none is missed). */
function numbered<K extends StructName>(struct: K, base: number): StructMap[K] {
  return counters(struct, (i) => base + i);
}

simTest("counters come back member by member, UINT64 as bigint, IKE errors by name", (t) => {
  const ipsec = ipsecStatistics();
  ipsec.aggregateSaStatistics = numbered("IPSEC_AGGREGATE_SA_STATISTICS0", 100);
  ipsec.espDropPacketStatistics = numbered("IPSEC_ESP_DROP_PACKET_STATISTICS0", 200);
  ipsec.ahDropPacketStatistics = numbered("IPSEC_AH_DROP_PACKET_STATISTICS0", 300);
  ipsec.aggregateDropPacketStatistics = numbered("IPSEC_AGGREGATE_DROP_PACKET_STATISTICS1", 400);
  ipsec.inboundTrafficStatistics.encryptedByteCount = 2n ** 40n + 1n;
  ipsec.outboundTrafficStatistics.totalSuccessfulPackets = 2n ** 60n + 7n;
  const ike = ikeextStatistics();
  ike.ikeStatistics.v4Statistics = numbered("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1", 1000);
  ike.authipStatistics.v6Statistics = numbered("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1", 2000);
  ike.ikeV2Statistics.v4Statistics = numbered("IKEEXT_IP_VERSION_SPECIFIC_KEYMODULE_STATISTICS1", 3000);
  ike.ikeV2Statistics.extendedModeNegotiationTime = 77;
  setErrorCount(ike.authipStatistics, IKE_ERRORS.ERROR_IPSEC_IKE_AUTH_FAIL.code, 5);
  setErrorCount(ike.authipStatistics, IKE_ERRORS.ERROR_IPSEC_IKE_TIMED_OUT.code, 9);
  ike.commonStatistics.currentQueuedWorkitems = 42;
  ike.commonStatistics.v6Statistics = numbered("IKEEXT_IP_VERSION_SPECIFIC_COMMON_STATISTICS1", 9000);
  t.hooks.setStatistics(ipsec, ike);

  const ops = t.engine.statistics!;
  const gotIpsec = ops.ipsecStatistics(), gotIke = ops.ikeextStatistics();
  assert.deepEqual(gotIpsec, ipsec);
  assert.deepEqual(gotIke, ike);
  assert.deepEqual(errorCounts(gotIke.authipStatistics), [
    { code: IKE_ERRORS.ERROR_IPSEC_IKE_TIMED_OUT.code, name: "ERROR_IPSEC_IKE_TIMED_OUT", count: 9 },
    { code: IKE_ERRORS.ERROR_IPSEC_IKE_AUTH_FAIL.code, name: "ERROR_IPSEC_IKE_AUTH_FAIL", count: 5 },
  ]);
  const j = statsJson(gotIpsec, gotIke) as Record<string, Record<string, Record<string, unknown>>>;
  assert.equal((j.ipsec.outbound as Record<string, unknown>).totalSuccessfulPackets, String(2n ** 60n + 7n));
  assert.equal((j.ike.ikev1.v4 as Record<string, unknown>).totalFailedMainModes, 1003);
});

simTest("without counters set every one is zero; setting one structure keeps the other", (t) => {
  assert.deepEqual(t.engine.statistics!.ipsecStatistics(), ipsecStatistics());
  assert.deepEqual(t.engine.statistics!.ikeextStatistics(), ikeextStatistics());
  const ike = ikeextStatistics();
  ike.commonStatistics.totalPacketsReceived = 5;
  t.hooks.setStatistics(undefined, ike);
  const ipsec = ipsecStatistics();
  ipsec.aggregateSaStatistics.activeSas = 3;
  t.hooks.setStatistics(ipsec);
  assert.equal(t.engine.statistics!.ikeextStatistics().commonStatistics.totalPacketsReceived, 5);
  assert.equal(t.engine.statistics!.ipsecStatistics().aggregateSaStatistics.activeSas, 3);
});

simTest("a session of a stopped engine gets an RPC error", (t) => {
  t.hooks.stopEngine(true);
  try {
    assert.throws(
      () => t.engine.statistics!.ipsecStatistics(),
      (e: unknown) => e instanceof WfpError && e.errorName === "RPC_S_SERVER_UNAVAILABLE",
    );
  } finally {
    t.hooks.stopEngine(false);
  }
});
