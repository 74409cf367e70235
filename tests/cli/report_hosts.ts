/**
 * The three sources `wfpsec report` reads, as the report's CLI and browser tests use them:
 * - fwpsim: the CLI test policy (Kerberos or a PSK from the environment) applied, another provider's IPsec
 *   policy beside it whose names carry `<script>` (untrusted engine text), and an IKE failure on our rule;
 * - a wfpsec snapshot of that host (`show --all --json`);
 * - a netsh dump (tests/cli/fixtures/netsh_state_small.xml) with its firewall provider renamed to a `<script>`.
 * The report of each is written with a what-if POLICY (the test policy with a narrower scope and one more
 * exemption), so the plan section has adds, deletes and replaces.
 */
import assert from "node:assert/strict";
import { json, ROOT, tempDir, testPolicy, wfpsec } from "./helpers.ts";
import { addForeignPolicy, wfpsecFilterIds } from "../support/foreignPolicy.ts";
import { eventsArg, mmFailure } from "../support/netEvents.ts";
import { WFPSEC_PROVIDER_KEY } from "../../modules/compiler/mod.ts";

/** The other provider's name tag on fwpsim: a script an unescaped report would run. */
export const HOSTILE = `<script>alert("fwpsim")</script>`;
/** The provider name planted in the netsh dump (XML-escaped there, so the engine's text is `<script>...`). */
export const HOSTILE_NETSH = `<script>alert("netsh")</script><img src=x onerror=alert(4)>`;

/** The prepared sources. */
export interface ReportHosts {
  dir: string;
  /** The what-if policy file. */
  policy: string;
  /** fwpsim engine options. */
  sim: string[];
  /** The wfpsec snapshot file. */
  snapshot: string;
  /** The netsh dump copy with the hostile filter name. */
  netsh: string;
}

/** Builds the three sources in a fresh temp folder. */
export async function reportHosts(): Promise<ReportHosts> {
  const dir = tempDir();
  const state = `${dir}/state.bin`, applied = `${dir}/applied.yaml`, policy = `${dir}/whatif.yaml`;
  Deno.writeTextFileSync(applied, testPolicy());
  Deno.writeTextFileSync(policy, testPolicy({ remote: "10.0.0.0/16", extraExemption: true }));
  const sim = ["--engine", "sim", "--sim-state", state];
  let r = await wfpsec(["apply", applied, ...sim]);
  assert.equal(r.code, 0, r.stderr);
  addForeignPolicy(state, HOSTILE);
  const ikeext = [...wfpsecFilterIds(state, WFPSEC_PROVIDER_KEY)].find(([p]) =>
    p.startsWith("rules/corp/v4/ikeext")
  )!;
  const inject = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--no-check",
      `${ROOT}/tests/support/injectNetEvents.ts`,
      state,
      "inject",
      eventsArg([mmFailure(1, { filterId: ikeext[1], remote: 0x0a000063 })]),
    ],
  }).output();
  assert.equal(inject.code, 0, new TextDecoder().decode(inject.stderr));
  r = await wfpsec(["show", "--all", "--json", ...sim]);
  json(r, "show");
  const snapshot = `${dir}/snapshot.json`;
  Deno.writeTextFileSync(snapshot, r.stdout);
  const dump = Deno.readTextFileSync(`${ROOT}/tests/cli/fixtures/netsh_state_small.xml`);
  const planted = dump.replace(
    "<name>Example Firewall provider</name>",
    `<name>${HOSTILE_NETSH.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</name>`,
  );
  assert.notEqual(planted, dump, "the fixture's 'Example Firewall provider' is gone: update report_hosts.ts");
  const netsh = `${dir}/netsh_state.xml`;
  Deno.writeTextFileSync(netsh, planted);
  return { dir, policy, sim, snapshot, netsh };
}

/** The report command lines of the three sources, each writing `out`. */
export function sourceArgs(h: ReportHosts): Record<"fwpsim" | "snapshot" | "netsh", string[]> {
  return {
    fwpsim: [h.policy, ...h.sim],
    snapshot: [h.policy, "--state", h.snapshot],
    netsh: [h.policy, "--state", h.netsh],
  };
}
