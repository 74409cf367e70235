/**
 * The remote peer of the session wfpsec runs in, for the lock-out guard (modules/apply/lockout.ts).
 * OpenSSH sets SSH_CONNECTION ("client-ip client-port server-ip server-port") and the older SSH_CLIENT
 * ("client-ip client-port server-port") in the session's own environment. On Windows, RDP's client address
 * comes from WTSQuerySessionInformationW (ffi/wtsapi32.ts) and WinRM's (and other management sessions')
 * peers from the TCP connection table (ffi/tcpTable.ts). The inputs are passed in so the rules are
 * testable off Windows.
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
  /** `SSH_CONNECTION`, `SSH_CLIENT`, `RDP` (WTSClientAddress), or a connection: `WinRM (TCP 5985)`. */
  source: string;
}

/** The local ports of the remote-management services whose sessions the guard protects (their defaults). */
export const MANAGEMENT_PORTS: Readonly<Record<number, string>> = {
  22: "SSH",
  3389: "RDP",
  5985: "WinRM",
  5986: "WinRM",
};

/** A TCP connection as ffi/tcpTable.ts decodes it (the fields the guard reads). */
export interface TcpRow {
  state: number;
  localPort: number;
  remoteAddress: string;
}

/**
 * The peers of established connections to a management port (docs/windows-verification.md LG1): WinRM's
 * listener is HTTP.sys, so its connections belong to System (PID 4), not to the wsmprovhost.exe of one
 * shell, and nothing ties a connection to this process's shell: every WinRM peer counts (the safe
 * reading), and RDP's and SSH's as well. Loopback peers are left out (loopback traffic is never IPsec).
 */
export function managementPeers(rows: readonly TcpRow[], established: number): WindowsPeer[] {
  const out: WindowsPeer[] = [];
  for (const r of rows) {
    const service = MANAGEMENT_PORTS[r.localPort];
    if (!service || r.state !== established) continue;
    if (/^127\./.test(r.remoteAddress) || r.remoteAddress === "::1") continue;
    out.push({ address: r.remoteAddress, source: `${service} connection to TCP ${r.localPort}` });
  }
  return out;
}

/**
 * The peers of this host's remote sessions on a live Windows engine: SSH from the session's environment,
 * this session's RDP client address (WTSClientAddress), and the peers of every established connection to a
 * management port (`managementPeers`). One entry per address, the first source kept. `unknown` lists the
 * sources that could not be read: the guard says so rather than passing silently.
 */
export async function windowsSessionPeers(
  env: (name: string) => string | undefined,
): Promise<{ peers: WindowsPeer[]; unknown: string[] }> {
  const peers: WindowsPeer[] = [];
  const unknown: string[] = [];
  const ssh = sshSessionPeer(env);
  if (ssh) peers.push(ssh);
  try {
    const { rdpClientAddress } = await import("../../ffi/wtsapi32.ts");
    const rdp = rdpClientAddress();
    if (rdp) peers.push({ address: rdp, source: "RDP" });
  } catch (e) {
    unknown.push(`cannot read this session's RDP client address: ${(e as Error).message}`);
  }
  try {
    const { tcpConnections } = await import("../../ffi/tcpTable.ts");
    const { SESSION_API } = await import("../../ffi/constants.ts");
    peers.push(...managementPeers(tcpConnections(), SESSION_API.MIB_TCP_STATE.MIB_TCP_STATE_ESTAB));
  } catch (e) {
    unknown.push(`cannot read the WinRM, RDP and SSH connections of this host: ${(e as Error).message}`);
  }
  const seen = new Set<string>();
  return { peers: peers.filter((p) => !seen.has(p.address) && seen.add(p.address)), unknown };
}
