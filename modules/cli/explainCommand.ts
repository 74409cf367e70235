/**
 * `wfpsec explain` in the command table (commands.ts): options, help and output; the logic is
 * modules/explain/explain.ts. `--program` is resolved to its NT device path by the engine
 * (FwpmGetAppIdFromFileName0); a snapshot cannot resolve it, and explain says so where it matters.
 */
import { type Command, ENGINE_OPTS } from "./command.ts";
import { head, hostAddressing, loadGraph, openEngine, printWarnings, providerKey } from "./support.ts";

/** The `explain` command. */
export const EXPLAIN_COMMAND: Command = {
  summary: "which filters decide one connection, layer by layer on its IPsec path",
  usage:
    "wfpsec explain [POLICY] --remote ADDR [--direction in|out] [--protocol tcp|udp|icmp|N] [--remote-port N]\n" +
    "       [--local ADDR] [--local-port N] [--program PATH] [--state SNAPSHOT] [--interfaces FILE] [--json]\n" +
    "       [engine options]",
  details:
    "For each layer the connection meets (ALE connect or recv-accept, transport, IKEEXT, IPSEC) lists the\n" +
    "sublayers by weight, the filters whose conditions match (highest effective weight first; `=>` decides\n" +
    "the sublayer, `?` could not be evaluated statically: SDs, run-time flags, fields the options do not\n" +
    "give, an app id without --program), and the outcome by WFP's filter arbitration (block overrides\n" +
    "permit across sublayers, hard permits, callouts named as deciding at run time). At IKEEXT and IPSEC it\n" +
    "names the main-mode and quick-mode policy (provider context) considered.\n" +
    "--program PATH matches FWPM_CONDITION_ALE_APP_ID: the engine turns PATH into its device path; with\n" +
    "--state (netsh dump or wfpsec snapshot) give the device path (\\device\\harddiskvolumeN\\...) or explain\n" +
    "says which app-id filters it cannot decide offline. Effective weights are the engine's; a weight BFE has\n" +
    "yet to assign (a POLICY's, or one missing from a dump) is computed as BFE would (marked computed).\n" +
    "With POLICY: what if it were applied (its compiled objects replace wfpsec's in the engine's view); its\n" +
    "address keywords resolve as for plan (--interfaces FILE: the interface fixture for the simulator or\n" +
    "a snapshot).",
  options: {
    ...ENGINE_OPTS,
    state: { type: "string" },
    remote: { type: "string" },
    direction: { type: "string" },
    protocol: { type: "string" },
    "remote-port": { type: "string" },
    local: { type: "string" },
    "local-port": { type: "string" },
    program: { type: "string" },
    interfaces: { type: "string" },
  },
  positionals: [0, 1],
  async run(v, [file], out) {
    const { UsageError, SnapshotError, WfpError } = await import("../errors.ts");
    const { explainTraffic, explanationText, parseAddress, withPolicy } = await import("../explain/mod.ts");
    const { appIdPath } = await import("../model/mod.ts");
    const addr = (k: string, required: boolean) => {
      const s = v[k] as string | undefined;
      if (s === undefined && required) throw new UsageError(`explain needs --${k} ADDR`);
      if (s !== undefined && !parseAddress(s)) {
        throw new UsageError(`--${k} ${s}: not an IPv4 or IPv6 address`);
      }
      return s;
    };
    const int = (k: string, max: number, names: Record<string, number> = {}) => {
      const s = v[k] as string | undefined;
      if (s === undefined) return undefined;
      const n = names[s.toLowerCase()] ?? (/^\d+$/.test(s) ? Number(s) : NaN);
      if (!(n >= 0 && n <= max)) {
        throw new UsageError(`--${k} ${s}: expected ${Object.keys(names).concat(`0-${max}`).join(", ")}`);
      }
      return n;
    };
    const direction = (v.direction as string | undefined) ?? "out";
    if (direction !== "in" && direction !== "out") {
      throw new UsageError(`--direction ${direction}: expected in or out`);
    }
    const remote = addr("remote", true)!, local = addr("local", false);
    if (local && parseAddress(local)!.v6 !== parseAddress(remote)!.v6) {
      throw new UsageError(`--local ${local} and --remote ${remote} are of different IP versions`);
    }
    const program = v.program as string | undefined;
    if (program !== undefined && !/^([a-zA-Z]:[\\/]|[\\/]{2}[^\\/]|\\device\\)/i.test(program)) {
      throw new UsageError(
        `--program ${program}: expected a full path (C:\\...\\app.exe, \\\\server\\share\\app.exe or \\device\\...)`,
      );
    }
    const traffic = {
      direction: direction as "in" | "out",
      remote,
      ...(local ? { local } : {}),
      protocol: int("protocol", 255, { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 }),
      remotePort: int("remote-port", 65535),
      localPort: int("local-port", 65535),
      ...(program ? { program } : {}),
    };
    const loaded = file ? await loadGraph(file, hostAddressing(v, true)) : undefined;
    if (loaded) printWarnings(loaded, out);
    const engine = await openEngine(v, out, true);
    try {
      let identity: { path: string; devicePath?: string } | undefined;
      if (program && !/^\\device\\/i.test(program)) {
        try {
          identity = {
            path: program,
            devicePath: appIdPath(engine.appIdFromFileName(program)).toLowerCase(),
          };
        } catch (e) {
          // offline: the volume's device name is unknown; explain reports the app-id filters it affects.
          // A live engine that cannot resolve it (no such file here) leaves it the same way, and says so.
          if (e instanceof WfpError) {
            out.err(`wfpsec explain: --program ${program}: ${e.message}; compared below the volume only`);
          } else if (!(e instanceof SnapshotError)) throw e;
        }
      }
      const source = loaded ? withPolicy(engine, loaded.graph, await providerKey()) : engine;
      const x = explainTraffic(source, traffic, identity);
      const policy = loaded ? { policy: { name: loaded.name, file } } : {};
      const resolved = identity?.devicePath ? { program: identity } : {};
      if (out.json) out.doc({ ...(await head("explain", engine)), ...policy, ...resolved, ...x });
      else if (loaded) {
        out.text(`What if policy "${loaded.name}" (${file}) were applied:\n${explanationText(x)}`);
      } else out.text(explanationText(x));
      return 0;
    } finally {
      engine.close();
    }
  },
};
