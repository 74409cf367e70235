/**
 * `wfpsec events` on fwpsim, as a user runs it: recorded IKE main-mode / quick-mode / extended-mode failures
 * and IPsec kernel drops are listed oldest first with their failure names, `--type` keeps one kind, `--since`
 * keeps the events at or after a time, an engine with no events gives an empty list, and bad options are
 * usage errors reported before any engine is opened.
 *
 * fwpsim keeps net events in process memory and records them only when a test injects them
 * (SimInjectNetEvent), so the commands that must see them run in one process with the injection
 * (events_driver.ts calls cli.ts's main once per command line).
 */
import assert from "node:assert/strict";
import { cliEnv, FLAGS, haveSim, json, ROOT, tempDir, transcript, wfpsec } from "./helpers.ts";
import { ENUMS } from "../../ffi/constants.ts";
import { eventHeader } from "../support/netEvents.ts";

const ignore = !haveSim();
const DRIVER = `${ROOT}/tests/cli/events_driver.ts`;
const T = ENUMS.FWPM_NET_EVENT_TYPE;
const T0 = Date.parse("2026-11-27T01:00:00.000Z");
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** FILETIME of T0 + minutes (100 ns units since 1601). */
function fileTime(minutes: number) {
  const t = (BigInt(T0 + minutes * 60_000) + 11644473600000n) * 10000n;
  return { dwLowDateTime: Number(t & 0xffffffffn), dwHighDateTime: Number(t >> 32n) };
}

const u64 = (n: number) => ({ $u64: String(n) });

function header(minutes: number) {
  return eventHeader(fileTime(minutes));
}

const noPrincipals = { localPrincipalGroupSids: [], remotePrincipalGroupSids: [] };

/** One event of each kind wfpsec reports, ten minutes apart: mm at +0, qm at +10, em at +20, drop at +30. */
const EVENTS = [
  {
    header: header(0),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE,
    ikeMmFailure: {
      failureErrorCode: 13801,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_PEER,
      flags: 0,
      keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKE,
      mmState: ENUMS.IKEEXT_MM_SA_STATE.IKEEXT_MM_SA_STATE_SSPI_SENT,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_INITIATOR,
      mmAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_KERBEROS,
      mmId: u64(7),
      mmFilterId: u64(1234),
      localPrincipalNameForAuth: "CORP\\host1$",
      ...noPrincipals,
    },
  },
  {
    header: header(10),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_QM_FAILURE,
    ikeQmFailure: {
      failureErrorCode: 13868,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
      keyingModuleType: ENUMS.IKEEXT_KEY_MODULE_TYPE.IKEEXT_KEY_MODULE_IKEV2,
      qmState: ENUMS.IKEEXT_QM_SA_STATE.IKEEXT_QM_SA_STATE_INITIAL,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
      saTrafficType: 0,
      qmFilterId: u64(99),
    },
  },
  {
    header: header(20),
    type: T.FWPM_NET_EVENT_TYPE_IKEEXT_EM_FAILURE,
    ikeEmFailure: {
      failureErrorCode: 13905,
      failurePoint: ENUMS.IPSEC_FAILURE_POINT.IPSEC_FAILURE_ME,
      flags: 0,
      emState: ENUMS.IKEEXT_EM_SA_STATE.IKEEXT_EM_SA_STATE_AUTH_COMPLETE,
      saRole: ENUMS.IKEEXT_SA_ROLE.IKEEXT_SA_ROLE_RESPONDER,
      emAuthMethod: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_CERTIFICATE,
      mmId: u64(5),
      qmFilterId: u64(6),
      ...noPrincipals,
      saTrafficType: 0,
    },
  },
  {
    header: header(30),
    type: T.FWPM_NET_EVENT_TYPE_IPSEC_KERNEL_DROP,
    ipsecDrop: { failureStatus: 0xc0360001 | 0, direction: 1, spi: 0x1001, filterId: u64(42), layerId: 13 },
  },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Injects EVENTS into fwpsim and runs the command lines in the same process; one Run per line. */
async function withEvents(runs: string[][]): Promise<Run[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...FLAGS,
      DRIVER,
      JSON.stringify({ events: EVENTS, runs }, (_k, v) => typeof v === "bigint" ? u64(Number(v)) : v),
    ],
    env: cliEnv(),
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout), stderr = new TextDecoder().decode(out.stderr);
  transcript.push(stdout, stderr);
  const o = stdout.split(/^@@wfpsec-exit (\d+)@@\n/m), e = stderr.split(/^@@wfpsec-exit (\d+)@@\n/m);
  const res: Run[] = [];
  for (let i = 0; i + 1 < o.length; i += 2) {
    res.push({ code: Number(o[i + 1]), stdout: o[i], stderr: e[i] ?? "" });
  }
  assert.equal(res.length, runs.length, `driver ended early (exit ${out.code}):\n${stdout}\n${stderr}`);
  return res;
}

type Ev = Record<string, unknown>;
const eventsOf = (r: Run) => json(r, "events").events as Ev[];

Deno.test(
  { name: "events lists every IKE failure and IPsec drop with its names, oldest first", ignore },
  async () => {
    const state = `${tempDir()}/sim.bin`;
    const SIM = ["--engine", "sim", "--sim-state", state];
    const [all, text] = await withEvents([["events", ...SIM, "--json"], ["events", ...SIM]]);
    assert.equal(all.code, 0, all.stderr);
    const doc = json(all, "events");
    assert.deepEqual(doc.engine && (doc.engine as Ev).simulated, true);
    assert.equal(doc.since, null);
    assert.equal(doc.type, null);
    const evs = doc.events as Ev[];
    assert.deepEqual(evs.map((e) => e.kind), ["mm", "qm", "em", "drop"]);
    assert.deepEqual(evs.map((e) => e.time), [iso(0), iso(10), iso(20), iso(30)]);
    assert.deepEqual(evs.map((e) => e.type), [0, 1, 2, 4]);
    const [mm, qm, em, drop] = evs;
    assert.equal(mm.typeName, "FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE");
    assert.equal(mm.failureErrorCode, 13801);
    assert.equal(mm.failureErrorName, "ERROR_IPSEC_IKE_AUTH_FAIL");
    assert.equal((mm.failure as Ev).codeHex, "0x000035e9");
    assert.equal(mm.failurePoint, "IPSEC_FAILURE_PEER");
    assert.equal(mm.state, "IKEEXT_MM_SA_STATE_SSPI_SENT");
    assert.equal(mm.authMethod, "IKEEXT_KERBEROS");
    assert.equal(mm.local, "10.0.0.1");
    assert.equal(mm.remote, "10.0.0.2");
    assert.equal(mm.localPrincipal, "CORP\\host1$");
    assert.equal(mm.filterId, "1234");
    assert.equal(qm.failureErrorName, "ERROR_IPSEC_IKE_POLICY_MATCH");
    assert.equal(qm.state, "IKEEXT_QM_SA_STATE_INITIAL");
    assert.equal(em.failureErrorName, "ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE");
    assert.equal(em.authMethod, "IKEEXT_CERTIFICATE");
    assert.equal(drop.failureStatus, 0xc0360001);
    assert.equal(drop.failureStatusName, "STATUS_IPSEC_BAD_SPI");
    assert.equal(drop.direction, "FWP_DIRECTION_INBOUND");
    assert.equal(drop.spiHex, "0x00001001");

    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stderr, /SIMULATOR/);
    assert.match(text.stdout, /TIME\s+KIND\s+LOCAL\s+REMOTE\s+FAILURE/);
    assert.match(
      text.stdout,
      new RegExp(`${iso(0)}\\s+mm\\s+10\\.0\\.0\\.1\\s+10\\.0\\.0\\.2\\s+ERROR_IPSEC_IKE_AUTH_FAIL`),
    );
    assert.match(text.stdout, /drop\s+10\.0\.0\.1\s+10\.0\.0\.2\s+STATUS_IPSEC_BAD_SPI \(0xc0360001\)/);
  },
);

Deno.test(
  { name: "--type keeps one kind and --since keeps events at or after the time", ignore },
  async () => {
    const state = `${tempDir()}/sim.bin`;
    const SIM = ["--engine", "sim", "--sim-state", state, "--json"];
    const [mmOnly, dropOnly, since, sinceExact, sinceEm, after] = await withEvents([
      ["events", ...SIM, "--type", "mm"],
      ["events", ...SIM, "--type", "drop"],
      ["events", ...SIM, "--since", iso(15)],
      ["events", ...SIM, "--since", iso(10)],
      ["events", ...SIM, "--since", "2026-11-27T01:15:00+00:00", "--type", "em"],
      ["events", ...SIM, "--since", iso(31)],
    ]);
    assert.deepEqual(eventsOf(mmOnly).map((e) => e.kind), ["mm"]);
    assert.equal(json(mmOnly, "events").type, "mm");
    assert.deepEqual(eventsOf(dropOnly).map((e) => e.failureStatusName), ["STATUS_IPSEC_BAD_SPI"]);
    assert.deepEqual(eventsOf(since).map((e) => e.kind), ["em", "drop"]);
    assert.equal(json(since, "events").since, iso(15));
    assert.deepEqual(eventsOf(sinceExact).map((e) => e.kind), ["qm", "em", "drop"], "--since is inclusive");
    assert.deepEqual(eventsOf(sinceEm).map((e) => e.time), [iso(20)]);
    assert.deepEqual(eventsOf(after), []);
  },
);

Deno.test({ name: "an engine with no recorded events gives an empty list", ignore }, async () => {
  const state = `${tempDir()}/sim.bin`;
  const r = await wfpsec(["events", "--engine", "sim", "--sim-state", state, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(eventsOf(r), []);
  const t = await wfpsec(["events", "--engine", "sim", "--sim-state", state]);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /No IKE failures or IPsec drops recorded\./);
});

Deno.test(
  { name: "a bad --type or --since is a usage error, reported before any engine is opened", ignore },
  async () => {
    // No --engine: the check must not depend on one (opening none would be a different error).
    for (
      const [args, msg] of [
        [["--type", "classify"], /--type: "classify" is not one of mm, qm, em, drop/],
        [["--since", "yesterday"], /--since: "yesterday" is not an ISO 8601 date/],
        [["--since", "2026-13-45T00:00:00Z"], /--since: .* is not an ISO 8601 date/],
      ] as const
    ) {
      const r = await wfpsec(["events", ...args, "--json"], { WFPSEC_ENGINE: "" });
      assert.equal(r.code, 1);
      const err = json(r, "events").error as Ev;
      assert.equal(err.type, "UsageError");
      assert.match(String(err.message), msg);
    }
    const h = await wfpsec(["events", "--help"]);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Usage: wfpsec events \[--since ISO\] \[--type mm\|qm\|em\|drop\]/);
  },
);
