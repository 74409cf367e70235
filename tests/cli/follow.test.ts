/**
 * `wfpsec events --follow` as a user (or a log shipper) runs it: a child process follows the simulator's
 * net events while ANOTHER process injects them through the state file, and the test reads the lines:
 * - with --json, one JSON object per line: a "following" status first, then each event in order;
 * - a burst of 10,000 events arrives complete and in order;
 * - SIGTERM and SIGINT stop it cleanly with exit 0;
 * - the engine going away (SimStopEngine) is reported ("engine-lost"), the follower waits, and follows again
 *   when the engine is back ("resumed");
 * - --type keeps one kind, --since replays the recorded events first, text mode prints one line per event;
 * - bad options are still usage errors before any engine is opened.
 */
import assert from "node:assert/strict";
import { haveSim, ROOT, spawnWfpsec, tempDir, wfpsec } from "./helpers.ts";
import { eventsArg, ipsecDrop, mmFailure, qmFailure, T0 } from "../support/netEvents.ts";

const ignore = !haveSim() || Deno.build.os === "windows";
const INJECTOR = `${ROOT}/tests/support/injectNetEvents.ts`;
const FAST = { WFPSEC_FOLLOW_PROBE_MS: "50", WFPSEC_FOLLOW_RETRY_MS: "50" };

/** Runs the injector (another process) on `state`. */
async function inject(state: string, ...args: string[]): Promise<void> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", INJECTOR, state, ...args],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  assert.equal(r.code, 0, `injector ${args[0]} failed`);
}

/** A follower child and a reader of its stdout lines. */
class Follower {
  readonly child: Deno.ChildProcess;
  private lines: string[] = [];
  private buf = "";
  private stderrText = "";
  private readonly done: Promise<void>;
  private readonly errDone: Promise<void>;
  constructor(args: string[]) {
    const child = spawnWfpsec(["events", "--follow", ...args], FAST);
    this.child = child;
    this.done = (async () => {
      for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
        this.buf += chunk;
        const parts = this.buf.split("\n");
        this.buf = parts.pop()!;
        this.lines.push(...parts);
      }
    })();
    this.errDone = (async () => {
      for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) this.stderrText += c;
    })();
  }
  /** Waits until `n` lines have arrived (or the timeout). */
  async waitLines(n: number, ms = 60_000): Promise<string[]> {
    const end = Date.now() + ms;
    while (this.lines.length < n) {
      if (Date.now() > end) {
        throw new Error(`only ${this.lines.length} of ${n} lines; stderr: ${this.stderrText}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.lines;
  }
  get stderr(): string {
    return this.stderrText;
  }
  async stop(signal: Deno.Signal = "SIGTERM"): Promise<number> {
    this.child.kill(signal);
    const { code } = await this.child.status;
    await this.done;
    await this.errDone;
    return code;
  }
}

const records = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const events = (lines: string[]) => records(lines).filter((r) => r.record === "event");

Deno.test({
  name: "--follow --json: one JSON object per line, each event as it comes, in order; SIGTERM exits 0",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    const f = new Follower(["--json", "--engine", "sim", "--sim-state", state]);
    const [first] = await f.waitLines(1);
    assert.equal(JSON.parse(first).status, "following");
    await inject(state, "inject", eventsArg([mmFailure(1), qmFailure(2), ipsecDrop(3)]));
    const lines = await f.waitLines(4);
    assert.equal(await f.stop("SIGTERM"), 0);
    const ev = events(lines);
    assert.deepEqual(ev.map((e) => e.kind), ["mm", "qm", "drop"]);
    assert.equal(ev[0].failureErrorName, "ERROR_IPSEC_IKE_AUTH_FAIL");
    assert.equal(ev[0].time, new Date(T0 + 1).toISOString());
    assert.equal(ev[2].failureStatusName, "STATUS_IPSEC_BAD_SPI");
  },
});

Deno.test({
  name: "--follow: a burst of 10,000 events from another process arrives complete and in order",
  ignore,
  async fn() {
    const N = 10_000;
    const state = `${tempDir()}/state.bin`;
    const f = new Follower(["--json", "--engine", "sim", "--sim-state", state]);
    await f.waitLines(1);
    const t0 = performance.now();
    await inject(state, "burst", String(N), "0");
    const lines = await f.waitLines(N + 1, 180_000);
    const ms = performance.now() - t0;
    assert.equal(await f.stop(), 0);
    const ev = events(lines);
    console.log(`follow burst: ${ev.length} events through the CLI in ${ms.toFixed(0)} ms`);
    assert.equal(ev.length, N);
    assert.ok(ev.every((e, i) => e.mmId === String(i)), "every event once, in injection order");
  },
});

Deno.test({
  name: "--follow: SIGINT (Ctrl+C) stops it with exit 0 and text lines",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    const f = new Follower(["--engine", "sim", "--sim-state", state]);
    // Text mode: the "following" message goes to stderr; wait for it there.
    const end = Date.now() + 30_000;
    while (!f.stderr.includes("following net events")) {
      if (Date.now() > end) throw new Error(`no start message: ${f.stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await inject(state, "inject", eventsArg([mmFailure(5)]));
    const [line] = await f.waitLines(1);
    assert.equal(await f.stop("SIGINT"), 0);
    assert.match(
      line,
      /^2026-11-27T01:00:00\.005Z {2}mm {4}10\.0\.0\.1 -> 10\.0\.0\.2 {2}ERROR_IPSEC_IKE_AUTH_FAIL/,
    );
    assert.match(f.stderr, /SIMULATOR/);
  },
});

Deno.test({
  name: "--follow survives the engine going away: it says so, waits, and follows again",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    const f = new Follower(["--json", "--engine", "sim", "--sim-state", state]);
    await f.waitLines(1);
    await inject(state, "stop");
    let lines = await f.waitLines(2);
    const lost = JSON.parse(lines[1]);
    assert.equal(lost.status, "engine-lost");
    assert.equal((lost.error as Record<string, unknown>).wfpName, "RPC_S_SERVER_UNAVAILABLE");
    assert.match(f.stderr, /the filter engine went away/);
    await inject(state, "start");
    lines = await f.waitLines(3);
    assert.equal(JSON.parse(lines[2]).status, "resumed");
    await inject(state, "inject", eventsArg([mmFailure(9)]));
    lines = await f.waitLines(4);
    assert.equal(await f.stop(), 0);
    assert.equal(events(lines)[0].mmId, "9");
  },
});

Deno.test({
  name: "--follow --type keeps one kind; --since replays the recorded events first",
  ignore,
  async fn() {
    const state = `${tempDir()}/state.bin`;
    await inject(state, "inject", eventsArg([mmFailure(1), qmFailure(2)]));
    const f = new Follower([
      "--json",
      "--type",
      "mm",
      "--since",
      new Date(T0).toISOString(),
      "--engine",
      "sim",
      "--sim-state",
      state,
    ]);
    let lines = await f.waitLines(2);
    assert.equal(events(lines).length, 1, "the recorded mm event, not the qm one");
    assert.equal(JSON.parse(lines[1]).status, "following");
    await inject(state, "inject", eventsArg([qmFailure(3), mmFailure(4)]));
    lines = await f.waitLines(3);
    assert.equal(await f.stop(), 0);
    assert.deepEqual(events(lines).map((e) => e.mmId), ["1", "4"]);
  },
});

Deno.test({
  name: "--follow with a bad --since or --type is a usage error before any engine is opened",
  ignore,
  async fn() {
    const r = await wfpsec([
      "events",
      "--follow",
      "--since",
      "yesterday",
      "--engine",
      "sim",
      "--sim-state",
      "/nonexistent/x",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--since: "yesterday" is not an ISO 8601/);
    const t = await wfpsec(["events", "--follow", "--type", "tunnel", "--json"]);
    assert.equal(t.code, 1);
    assert.equal((JSON.parse(t.stdout).error as Record<string, unknown>).type, "UsageError");
  },
});
