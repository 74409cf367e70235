/**
 * Failures tied to rules (`events`, `events --follow`): each IKE main-mode / quick-mode / extended-mode
 * failure and IPsec drop names the rule it came from — its filter (mmFilterId / qmFilterId / the drop's
 * filterId) looked up in the engine and read back through wfpsec's providerData metadata — with the peer,
 * the failure point, the error name and, for common codes, a plain-words cause and likely fix. A failure on
 * another provider's filter is labelled foreign with that provider's name; a filter id the engine no longer
 * has is "unknown".
 */
import assert from "node:assert/strict";
import { haveSim, json, ROOT, tempDir, testPolicy, wfpsec } from "./helpers.ts";
import { eventsArg, ipsecDrop, mmFailure, qmFailure } from "../support/netEvents.ts";
import { addForeignPolicy, wfpsecFilterIds } from "../support/foreignPolicy.ts";
import { WFPSEC_PROVIDER_KEY } from "../../modules/compiler/mod.ts";
import { IKE_ERRORS } from "../../ffi/constants.ts";

const ignore = !haveSim() || Deno.build.os === "windows";
const INJECTOR = `${ROOT}/tests/support/injectNetEvents.ts`;

async function inject(state: string, events: unknown[]): Promise<void> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", INJECTOR, state, "inject", eventsArg(events as never)],
  }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
}

/** A state file with the CLI test policy applied and a foreign IPsec policy beside it. */
async function setUp() {
  const dir = tempDir();
  const state = `${dir}/state.bin`, policy = `${dir}/policy.yaml`;
  Deno.writeTextFileSync(policy, testPolicy());
  const r = await wfpsec(["apply", policy, "--engine", "sim", "--sim-state", state]);
  assert.equal(r.code, 0, r.stderr);
  const foreign = addForeignPolicy(state);
  const ours = wfpsecFilterIds(state, WFPSEC_PROVIDER_KEY);
  const id = (prefix: string) => [...ours].find(([p]) => p.startsWith(prefix))![1];
  return { state, foreign, ikeext: id("rules/corp/v4/ikeext"), ipsec: id("rules/corp/v4/ipsec") };
}

Deno.test({
  name:
    "events: each failure names its wfpsec rule, the peer and a plain-words cause; foreign ones are labelled",
  ignore,
  async fn() {
    const { state, foreign, ikeext, ipsec } = await setUp();
    await inject(state, [
      mmFailure(1, { filterId: ikeext, code: IKE_ERRORS.ERROR_IPSEC_IKE_NO_CERT.code, remote: 0x0a000063 }),
      qmFailure(2, { filterId: ipsec }),
      mmFailure(3, { filterId: foreign.ikeextFilterId }),
      ipsecDrop(4, { filterId: 999_999n }),
    ]);
    const r = await wfpsec(["events", "--json", "--engine", "sim", "--sim-state", state]);
    assert.equal(r.code, 0, r.stderr);
    const [mm, qm, alien, drop] = json(r, "events").events as Record<string, Record<string, unknown>>[];
    assert.deepEqual(
      { owner: mm.rule.owner, policy: mm.rule.policy, section: mm.rule.section, name: mm.rule.name },
      { owner: "wfpsec", policy: "cli-test", section: "rules", name: "corp" },
    );
    assert.match(String(mm.rule.path), /^rules\/corp\/v4\/ikeext\//);
    assert.equal(mm.rule.filterId, String(ikeext));
    assert.deepEqual(mm.peer, { address: "10.0.0.99", port: 500, principal: null });
    assert.equal(mm.failureErrorName, "ERROR_IPSEC_IKE_NO_CERT");
    assert.equal(mm.failurePoint, "IPSEC_FAILURE_PEER");
    assert.match(String(mm.cause), /no usable computer certificate/);
    assert.match(String(mm.fix), /enroll a computer certificate/);
    assert.equal(qm.rule.owner, "wfpsec");
    assert.match(String(qm.rule.path), /^rules\/corp\/v4\/ipsec\//);
    assert.match(String(qm.cause), /no policy: the other side has no IPsec rule/);
    assert.equal(alien.rule.owner, "foreign");
    assert.equal(alien.rule.providerName, foreign.providerName);
    assert.equal(alien.rule.policy, null);
    assert.equal(drop.rule.owner, "unknown");
    assert.equal(drop.rule.filterId, "999999");
    assert.match(String(drop.cause), /security association this host does not have/);

    const text = await wfpsec(["events", "--engine", "sim", "--sim-state", state]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /RULE/);
    assert.match(text.stdout, /rule 'corp' of policy 'cli-test' \(rules\/corp\/v4\/ikeext\//);
    assert.match(text.stdout, /FOREIGN: provider 'ContosoVPN provider/);
    assert.match(text.stdout, /filter id 999999 \(no longer in the engine\)/);
    assert.match(
      text.stdout,
      /What the failures mean:\n {2}ERROR_IPSEC_IKE_NO_CERT: no usable computer certificate/,
    );
  },
});

Deno.test({
  name: "events --follow: live failures carry the same rule, peer and cause",
  ignore,
  async fn() {
    const { state, ikeext, foreign } = await setUp();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        `${ROOT}/cli.ts`,
        "events",
        "--follow",
        "--engine",
        "sim",
        "--sim-state",
        state,
      ],
      env: {
        WFPSEC_FWPSIM_LIB: Deno.env.get("WFPSEC_FWPSIM_LIB") ?? `${ROOT}/build/libfwpsim.so`,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let err = "";
    const errDone = (async () => {
      for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) err += c;
    })();
    // Text mode: the "following" message (on stderr) says it is subscribed.
    const ready = Date.now() + 30_000;
    while (!err.includes("following net events") && Date.now() < ready) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await inject(state, [
      mmFailure(7, { filterId: ikeext }),
      mmFailure(8, { filterId: foreign.ikeextFilterId }),
    ]);
    let out = "";
    const end = Date.now() + 30_000;
    while (out.split("\n").length < 3 && Date.now() < end) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 0);
    await errDone;
    const [ours, theirs] = out.trim().split("\n");
    assert.match(ours, /rule 'corp' of policy 'cli-test'.*authentication failed.*likely fix: use the same/);
    assert.match(theirs, /FOREIGN: provider 'ContosoVPN provider/);
  },
});
