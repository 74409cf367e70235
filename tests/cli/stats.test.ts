/**
 * `wfpsec stats` as a user runs it: the engine's IPsec and IKE counters (set in fwpsim's state file by this
 * process, read by the CLI in another) as one JSON document or a readable report; UINT64 counters as decimal
 * strings; IKE errors by name, most frequent first.
 */
import assert from "node:assert/strict";
import { haveSim, json, tempDir, wfpsec } from "./helpers.ts";
import { loadLibrary } from "../../ffi/library.ts";
import { IKE_ERRORS } from "../../ffi/constants.ts";
import { simHooks } from "../support/simHooks.ts";
import { ikeextStatistics, ipsecStatistics, setErrorCount } from "../support/statistics.ts";

const ignore = !haveSim() || Deno.build.os === "windows";

function setCounters(state: string): void {
  const hooks = simHooks(loadLibrary({ simulator: true }))!;
  hooks.setStatePath(state);
  try {
    const ipsec = ipsecStatistics();
    ipsec.aggregateSaStatistics.activeSas = 4;
    ipsec.aggregateSaStatistics.pendingSaNegotiations = 1;
    ipsec.aggregateDropPacketStatistics.totalDropPacketsInbound = 12;
    ipsec.aggregateDropPacketStatistics.invalidClearTextInbound = 10;
    ipsec.inboundTrafficStatistics.encryptedByteCount = 2n ** 55n;
    const ike = ikeextStatistics();
    ike.ikeV2Statistics.v4Statistics.totalMainModesStarted = 20;
    ike.ikeV2Statistics.v4Statistics.totalSuccessfulMainModes = 17;
    ike.ikeV2Statistics.v4Statistics.totalFailedMainModes = 3;
    setErrorCount(ike.ikeV2Statistics, IKE_ERRORS.ERROR_IPSEC_IKE_NO_CERT.code, 2);
    setErrorCount(ike.ikeV2Statistics, IKE_ERRORS.ERROR_IPSEC_IKE_TIMED_OUT.code, 1);
    hooks.setStatistics(ipsec, ike);
  } finally {
    hooks.setStatePath(null);
  }
}

Deno.test({
  name: "stats --json: every counter group, UINT64 as decimal strings, IKE errors by name",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    setCounters(state);
    const r = await wfpsec(["stats", "--json", "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0, r.stderr);
    const doc = json(r, "stats") as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(doc.ipsec.sa.activeSas, 4);
    assert.equal(doc.ipsec.drops.invalidClearTextInbound, 10);
    assert.equal(doc.ipsec.inbound.encryptedByteCount, String(2n ** 55n));
    const v2 = doc.ike.ikev2 as Record<string, unknown>;
    assert.equal((v2.v4 as Record<string, unknown>).totalFailedMainModes, 3);
    assert.deepEqual(v2.errors, [
      { code: IKE_ERRORS.ERROR_IPSEC_IKE_NO_CERT.code, name: "ERROR_IPSEC_IKE_NO_CERT", count: 2 },
      { code: IKE_ERRORS.ERROR_IPSEC_IKE_TIMED_OUT.code, name: "ERROR_IPSEC_IKE_TIMED_OUT", count: 1 },
    ]);
    assert.deepEqual((doc.ike.ikev1 as Record<string, unknown>).errors, []);
  },
});

Deno.test({
  name: "stats: a readable report; a fresh engine reports zeros",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    setCounters(state);
    const r = await wfpsec(["stats", "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /SIMULATOR/);
    assert.match(r.stdout, /IPsec SAs: 4 active, 1 negotiating/);
    assert.match(r.stdout, /IKEv2\s+v4\s+0\s+20\/17\/3/);
    assert.match(r.stdout, /IKEv2\s+ERROR_IPSEC_IKE_NO_CERT\s+2/);
    assert.match(r.stdout, /Inbound drops: 12 total .*clear text 10/);
    const fresh = await wfpsec(["stats", "--engine", "sim", "--sim-state", `${tempDir()}/s.bin`, "--json"]);
    assert.equal(fresh.code, 0, fresh.stderr);
    const d = json(fresh, "stats") as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(d.ipsec.sa.activeSas, 0);
  },
});

Deno.test({
  name: "stats takes no arguments (a usage error before any engine is opened)",
  ignore,
  async fn() {
    const r = await wfpsec(["stats", "extra", "--json"]);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout).error as Record<string, unknown>).type, "UsageError");
  },
});
