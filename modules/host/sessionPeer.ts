/**
 * The remote peer of the session wfpsec runs in, for the lock-out guard (modules/apply/lockout.ts).
 * OpenSSH sets SSH_CONNECTION ("client-ip client-port server-ip server-port") and the older SSH_CLIENT
 * ("client-ip client-port server-port") in the session's own environment. RDP (WTSClientAddress) and
 * WinRM (the wsmprovhost connection) are not read yet: on such sessions the guard only sees rules without
 * remote scope. The environment is passed in so the rule is testable off Windows.
 */
import { parseAddr } from "../model/mod.ts";
import { UsageError } from "../errors.ts";

/** Where the peer came from. */
export interface SessionPeer {
  /** The peer's IP address. */
  address: string;
  /** The variable or mechanism it was read from. */
  source: "SSH_CONNECTION" | "SSH_CLIENT";
}

/** The SSH session's peer from `env`, or undefined for a session that is not (recognisably) SSH. */
export function sshSessionPeer(env: (name: string) => string | undefined): SessionPeer | undefined {
  for (const source of ["SSH_CONNECTION", "SSH_CLIENT"] as const) {
    const first = env(source)?.trim().split(/\s+/)[0];
    if (!first) continue;
    // OpenSSH prints IPv4-mapped and scoped IPv6 forms: strip the zone, keep a plain address.
    const address = first.replace(/%.*$/, "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
    const a = parseAddr(address);
    if (typeof a !== "string" && a.kind === "single") return { address, source };
  }
  return undefined;
}

/**
 * The simulated session's peers from the test-only variable (`name`, its value `value`): comma-separated IP
 * addresses; unset or empty is a local session. Anything else is a UsageError naming the variable, so a
 * misspelt test never runs unguarded.
 */
export function testSessionPeers(value: string | undefined, name: string): { address: string }[] {
  if (!value?.trim()) return [];
  return value.split(",").map((raw) => {
    const address = raw.trim();
    const a = parseAddr(address);
    if (typeof a === "string" || a.kind !== "single") {
      throw new UsageError(
        `${name}: "${address}" is not one IP address (comma-separated addresses expected)`,
      );
    }
    return { address };
  });
}

/** A peer of a live Windows session and how it was found. */
export interface WindowsPeer {
  /** The peer's IP address. */
  address: string;
  /** `SSH_CONNECTION`, `SSH_CLIENT`, `RDP` (WTSClientAddress) or `WinRM` (an established connection). */
  source: string;
}

/**
 * The peers of this host's remote sessions on a live Windows engine: SSH from the session's environment.
 * `unknown` lists the sources that could not be read (the guard says so rather than passing silently).
 */
export async function windowsSessionPeers(
  env: (name: string) => string | undefined,
): Promise<{ peers: WindowsPeer[]; unknown: string[] }> {
  await Promise.resolve();
  const peers: WindowsPeer[] = [];
  const ssh = sshSessionPeer(env);
  if (ssh) peers.push(ssh);
  return { peers, unknown: [] };
}
