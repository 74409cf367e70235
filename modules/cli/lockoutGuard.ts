/**
 * The lock-out guard as `plan` and `apply` run it (issue 16 item 2): the session peers of this host
 * (modules/host/sessionPeer.ts), the policy's `require` rules that cover them or have no remote scope
 * (modules/apply/lockout.ts), located at the rule's line, as warnings; and apply's refusal.
 *
 * Which peers count depends on the engine, because the guard protects the sessions the engine filters:
 * - a live Windows engine: this host's SSH, RDP and WinRM sessions (`windowsSessionPeers`);
 * - fwpsim: the simulator filters no real traffic, so the host's own sessions are not its business; the
 *   simulated session's peer is WFPSEC_TEST_SESSION_PEER (test-only, never read for a live engine, and
 *   ignored when elevated on Windows) and every message says it is SIMULATED;
 * - an offline snapshot (`plan --state`): another host's engine; this session is not its peer, so only the
 *   rules without remote scope are reported.
 */
import type { Output, Values } from "./command.ts";
import { diagnosticJson, type Loaded } from "./support.ts";
import type { LockoutFinding } from "../apply/mod.ts";
import type { EngineInfo } from "../engine/mod.ts";

/** The test-only variable naming the simulated session's peer(s), comma-separated. */
export const TEST_SESSION_PEER = "WFPSEC_TEST_SESSION_PEER";

/** What the guard found for one run. */
export interface LockoutCheck {
  /** The findings, with the rule's file:line. */
  findings: LockoutFinding[];
  /** The findings as JSON warnings (`code: "lockout"`), in the diagnostics' form. */
  warnings: ReturnType<typeof diagnosticJson>[];
  /** Peer sources that could not be read (each also a warning, `code: "lockout-peer-unknown"`). */
  unknown: string[];
  /**
   * apply's decision, synchronous so that it runs under the apply lock: refuses (SafetyError, before any
   * change) when there are findings, the apply would change the engine (`inSync` false), and neither
   * `--confirm-within` nor `--force` is given. `apply --if-drifted` (the scheduled task) never refuses on the
   * guard: it has no session to lock out, and it keeps in force the policy an admin chose (docs/cli-json.md,
   * "apply"); its findings stay warnings in its one JSON line.
   */
  enforce(v: Values, inSync: () => boolean): void;
  /** Prints the warnings on stderr in human mode: `wfpsec: warning: policy.yaml:12: rule "x" ...`. */
  print(out: Output): void;
}

/** The session peers that count for `info`'s engine (see the module comment). */
export async function guardPeers(
  info: Pick<EngineInfo, "kind">,
  env: (name: string) => string | undefined = (n) => Deno.env.get(n),
): Promise<{ peers: { address: string; via?: string }[]; unknown: string[] }> {
  const host = await import("../host/sessionPeer.ts");
  if (info.kind === "fwpsim") {
    if (Deno.build.os === "windows" && await (await import("../host/safety.ts")).isElevatedWindows()) {
      return { peers: [], unknown: [] };
    }
    const peers = host.testSessionPeers(env(TEST_SESSION_PEER), TEST_SESSION_PEER);
    return {
      peers: peers.map((p) => ({ address: p.address, via: `SIMULATED: ${TEST_SESSION_PEER}` })),
      unknown: [],
    };
  }
  if (info.kind !== "windows") return { peers: [], unknown: [] };
  const found = await host.windowsSessionPeers(env);
  return { peers: found.peers.map((p) => ({ address: p.address, via: p.source })), unknown: found.unknown };
}

/** Runs the guard's check for `loaded` against the sessions that count for `info`'s engine. */
export async function checkLockout(
  loaded: Pick<Loaded, "rules" | "text" | "file">,
  info: Pick<EngineInfo, "kind">,
  env?: (name: string) => string | undefined,
): Promise<LockoutCheck> {
  const { describeFinding, guardLockout, lockoutFindings } = await import("../apply/lockout.ts");
  const { peers, unknown } = await guardPeers(info, env);
  // Lines only when something is reported: re-reading the text costs a parse.
  let lines: Map<string, number> | undefined;
  const probe = lockoutFindings({ rules: loaded.rules }, peers);
  if (probe.length) lines = await (await import("../policy/positions.ts")).ruleLines(loaded.text);
  const findings = lines
    ? lockoutFindings({ rules: loaded.rules }, peers, (i) => {
      const line = lines.get(loaded.rules[i].name);
      return line ? { file: loaded.file, line } : undefined;
    })
    : probe;
  const index = new Map(loaded.rules.map((r, i) => [r.name, i]));
  const warnings = findings.map((f) =>
    diagnosticJson({
      line: f.location?.line ?? null,
      path: `rules[${index.get(f.rule)}]`,
      message: describeFinding({ ...f, location: undefined }),
      code: "lockout",
      severity: "warning",
    }, loaded.file)
  );
  for (const u of unknown) {
    warnings.push(
      diagnosticJson({ message: u, code: "lockout-peer-unknown", severity: "warning" }, loaded.file),
    );
  }
  const enforce = (v: Values, inSync: () => boolean) => {
    if (!findings.length || v["if-drifted"] || inSync()) return;
    guardLockout(findings, { confirmWithin: v["confirm-within"] !== undefined, force: Boolean(v.force) });
  };
  const print = (out: Output) => {
    if (out.json) return;
    for (const f of findings) out.err(`wfpsec: warning: ${describeFinding(f)}`);
    for (const u of unknown) out.err(`wfpsec: warning: ${u}`);
  };
  return { findings, warnings, unknown, enforce, print };
}
