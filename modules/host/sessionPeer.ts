/**
 * The remote peer of the session wfpsec runs in, for the lock-out guard (modules/apply/lockout.ts).
 * OpenSSH sets SSH_CONNECTION ("client-ip client-port server-ip server-port") and the older SSH_CLIENT
 * ("client-ip client-port server-port") in the session's own environment. RDP (WTSClientAddress) and
 * WinRM (the wsmprovhost connection) are not read yet: on such sessions the guard only sees rules without
 * remote scope. The environment is passed in so the rule is testable off Windows.
 */
import { parseAddr } from "../model/mod.ts";

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
