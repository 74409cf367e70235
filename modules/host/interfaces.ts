/**
 * The host's interfaces, which address keywords (`remote: dns`, `local: localsubnet`) resolve against at
 * plan/apply (compiler/hostAddresses.ts):
 * - a live Windows engine: GetAdaptersAddresses through FFI (ffi/adapters.ts), every run, so a DHCP change
 *   is drift for `apply --if-drifted`;
 * - the simulator: the interface fixture named by FWPSIM_INTERFACES or `--interfaces FILE` (fwpsim has no
 *   adapters; the fixture stands in for them and is documented in tests/support/fwpsim/README.md);
 * - an offline snapshot: `--interfaces FILE` (a dump has no adapters either), else a UsageError naming the
 *   keywords.
 * The fixture is never read with a live Windows engine: an environment variable must not change what a real
 * apply protects.
 */
import { UsageError } from "../errors.ts";
import { WfpsecError } from "../../ffi/wfpsecError.ts";
import { formatV4, formatV6, type HostInterface, KeywordResolutionError, parseAddr } from "../model/mod.ts";
import type { Adapter, SocketAddress } from "../../ffi/adapters.ts";

/** Where the interfaces came from, and the list. */
export interface HostInterfaces {
  /** "GetAdaptersAddresses" or "interface fixture FILE". */
  source: string;
  /** One entry per adapter. */
  interfaces: HostInterface[];
}

/** What decides the source: the engine kind the command will open and its `--interfaces` option. */
export interface InterfaceRequest {
  /** `requestedKind` of the command's engine request (engine/select.ts). */
  kind: "windows" | "sim" | "snapshot";
  /** `--interfaces FILE`. */
  file?: string;
  /** The keywords that need resolving, for the snapshot refusal ("rule 'web' remote dns"). */
  uses: string[];
  /** The command takes `--interfaces` (plan, apply, explain); status and dsc do not. Default true. */
  takesOption?: boolean;
  /**
   * How to read the fixture: the CLI passes its input-file reader (admin-only checked on elevated Windows,
   * like a snapshot); default Deno.readFileSync.
   */
  read?: (path: string) => Promise<Uint8Array>;
}

/** Largest interface fixture read (a host has tens of adapters, not thousands). */
export const MAX_FIXTURE_BYTES = 1024 * 1024;

const FIELDS = ["name", "unicast", "dns", "gateways", "wins", "dhcp"] as const;

/**
 * Reads an interface fixture: `{"interfaces": [{"name": "Ethernet", "unicast": ["10.0.0.5/24"],
 * "dns": ["10.0.0.53"], "gateways": ["10.0.0.1"], "wins": [], "dhcp": ["10.0.0.2"]}]}`. Every address is
 * checked here, so a mistake names the file and field (`interfaces[0].dns[1]`) before anything is planned.
 */
export function parseInterfaceFixture(text: string, file: string): HostInterface[] {
  const bad = (where: string, why: string) =>
    new KeywordResolutionError(`interface fixture ${file}: ${where}: ${why}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw bad("not JSON", (e as Error).message);
  }
  const list = (doc as { interfaces?: unknown } | null)?.interfaces;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !Array.isArray(list)) {
    throw bad("top level", 'expected an object {"interfaces": [...]}');
  }
  const extra = Object.keys(doc).filter((k) => k !== "interfaces" && k !== "$comment");
  if (extra.length) throw bad(extra[0], "unknown field (expected interfaces)");
  return list.map((x, i): HostInterface => {
    const at = `interfaces[${i}]`;
    if (typeof x !== "object" || x === null || Array.isArray(x)) throw bad(at, "expected an object");
    const o = x as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => !(FIELDS as readonly string[]).includes(k));
    if (unknown) throw bad(`${at}.${unknown}`, `unknown field (expected ${FIELDS.join(", ")})`);
    if (typeof o.name !== "string" || !o.name.trim()) throw bad(`${at}.name`, "expected the adapter's name");
    const addrs = (field: Exclude<typeof FIELDS[number], "name">): string[] => {
      const v = o[field] ?? [];
      if (!Array.isArray(v)) throw bad(`${at}.${field}`, "expected a list of addresses");
      return v.map((a, j) => {
        const where = `${at}.${field}[${j}]`;
        if (typeof a !== "string") throw bad(where, "expected a string");
        const [addr, prefix, ...more] = a.split("/");
        if (field === "unicast" && (prefix === undefined || more.length || !/^\d{1,3}$/.test(prefix))) {
          throw bad(where, `'${a}' needs its on-link prefix length, e.g. 10.0.0.5/24`);
        }
        if (field !== "unicast" && prefix !== undefined) throw bad(where, `'${a}' must be one address`);
        const spec = parseAddr(addr);
        if (typeof spec === "string") throw bad(where, spec);
        if (spec.kind !== "single") throw bad(where, `'${a}' must be one address`);
        if (field === "unicast" && Number(prefix) > (spec.family === 4 ? 32 : 128)) {
          throw bad(where, `prefix /${prefix} is too long for IPv${spec.family}`);
        }
        return a;
      });
    };
    return {
      name: o.name,
      unicast: addrs("unicast"),
      dns: addrs("dns"),
      gateways: addrs("gateways"),
      wins: addrs("wins"),
      dhcp: addrs("dhcp"),
    };
  });
}

const text = (a: SocketAddress): string => {
  let v = 0n;
  for (const b of a.bytes) v = (v << 8n) | BigInt(b);
  return a.family === 4 ? formatV4(v) : formatV6(v);
};

/**
 * The adapters that count: those up, loopback aside (no IPsec policy applies to loopback traffic, and its
 * 127.0.0.0/8 is no one's subnet). An adapter that is down has no lease whose servers the host uses.
 */
export function adapterInterfaces(adapters: readonly Adapter[]): HostInterface[] {
  return adapters.filter((a) => a.up && !a.loopback).map((a) => ({
    name: a.name,
    unicast: a.unicast.map((u) => `${text(u)}/${u.prefix}`),
    dns: a.dns.map(text),
    gateways: a.gateways.map(text),
    wins: a.wins.map(text),
    dhcp: a.dhcp.map(text),
  }));
}

/** Reads the fixture file (a UsageError when it cannot be read; a KeywordResolutionError when malformed). */
export async function readInterfaceFixture(
  file: string,
  read: (path: string) => Promise<Uint8Array> = (p) => Promise.resolve(Deno.readFileSync(p)),
): Promise<HostInterfaces> {
  let bytes: Uint8Array;
  try {
    bytes = await read(file);
  } catch (e) {
    if (e instanceof WfpsecError) throw e; // the admin-only check's refusal (SafetyError), as it stands
    throw new UsageError(`cannot read interface fixture ${file}: ${(e as Error).message}`);
  }
  if (bytes.length > MAX_FIXTURE_BYTES) {
    throw new KeywordResolutionError(`interface fixture ${file}: larger than ${MAX_FIXTURE_BYTES} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new KeywordResolutionError(`interface fixture ${file}: not UTF-8 text`);
  }
  return { source: `interface fixture ${file}`, interfaces: parseInterfaceFixture(text, file) };
}

/** The interfaces of this run's host, from the source the engine kind allows (see the module comment). */
export async function hostInterfaces(req: InterfaceRequest): Promise<HostInterfaces> {
  if (req.kind === "windows" && Deno.build.os === "windows") {
    if (req.file) {
      throw new UsageError(
        "--interfaces is for the simulator and offline snapshots: on a live engine the addresses come from " +
          "this host's adapters (GetAdaptersAddresses)",
      );
    }
    const { getAdaptersAddresses } = await import("../../ffi/adapters.ts");
    return { source: "GetAdaptersAddresses", interfaces: adapterInterfaces(await getAdaptersAddresses()) };
  }
  if (req.file) return await readInterfaceFixture(req.file, req.read);
  // The simulator (and fwpsim standing in for Windows in tests) holds no adapters: its fixture is FWPSIM_INTERFACES.
  const env = req.kind === "snapshot" ? undefined : Deno.env.get("FWPSIM_INTERFACES");
  if (env) return await readInterfaceFixture(env, req.read);
  const option = req.takesOption ?? true;
  throw new UsageError(
    `${req.uses.join(", ")}: address keywords are resolved from the host's adapters, and ` +
      (req.kind === "snapshot"
        ? option
          ? "an offline snapshot has none: give --interfaces FILE (an interface fixture, docs/cli-json.md)"
          : "an offline snapshot has none, and this command takes no interface fixture (plan does: --interfaces)"
        : `the simulator has none: ${
          option ? "give --interfaces FILE or " : ""
        }set FWPSIM_INTERFACES to an ` +
          "interface fixture (tests/support/fwpsim/README.md)"),
  );
}
