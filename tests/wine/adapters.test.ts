/**
 * GetAdaptersAddresses through the real FFI path (ffi/adapters.ts: iphlpapi.dll from System32, the list
 * decoded by the struct tables) under Wine, whose iphlpapi reports this Linux host's interfaces. What Wine
 * reports is checked against Linux's own view of the same host (/proc/net, resolv.conf read through Z:), so a
 * wrong offset or sockaddr decode fails here. Real Windows is tests/windows/address_keywords.test.ts.
 */
import assert from "node:assert/strict";
import { getAdaptersAddresses } from "../../ffi/adapters.ts";
import { adapterInterfaces, hostInterfaces } from "../../modules/host/interfaces.ts";
import { formatV4, formatV6 } from "../../modules/model/mod.ts";
import { UsageError } from "../../modules/errors.ts";

const underWine = Deno.build.os === "windows" && Deno.env.get("WFPSEC_WINE") === "1";

/** A Linux file through Wine's Z: drive; undefined when it cannot be read. */
function linuxFile(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(`Z:${path.replaceAll("/", "\\")}`);
  } catch {
    return undefined;
  }
}

/** /proc/net/route: the IPv4 default gateways (destination 0, gateway in little-endian hex). */
function linuxGateways(): string[] {
  return (linuxFile("/proc/net/route") ?? "").split("\n").slice(1).map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length > 3 && c[1] === "00000000" && c[2] !== "00000000")
    .map((c) => {
      const v = parseInt(c[2], 16);
      // stored little-endian: byte 0 is the first octet
      return formatV4(
        BigInt(((v & 255) << 24 >>> 0) + ((v >> 8 & 255) << 16) + ((v >> 16 & 255) << 8) + (v >>> 24)),
      );
    });
}

/** /proc/net/if_inet6: "addr/prefix" per interface (address as 32 hex digits, prefix length in hex). */
function linuxV6(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of (linuxFile("/proc/net/if_inet6") ?? "").split("\n")) {
    const c = l.trim().split(/\s+/);
    if (c.length < 6) continue;
    const text = formatV6(BigInt(`0x${c[0]}`)) + `/${parseInt(c[2], 16)}`;
    out.set(c[5], [...(out.get(c[5]) ?? []), text]);
  }
  return out;
}

Deno.test({
  name: "under Wine: GetAdaptersAddresses decodes this host's adapters as Linux reports them",
  ignore: !underWine,
}, async () => {
  const adapters = await getAdaptersAddresses();
  console.log(JSON.stringify(adapterInterfaces(adapters)));
  assert.ok(adapters.length > 0, "at least one adapter");
  const loopback = adapters.find((a) => a.loopback);
  if (loopback) {
    assert.ok(
      loopback.unicast.some((u) => u.family === 4 && u.bytes.join(".") === "127.0.0.1" && u.prefix === 8),
      `loopback has 127.0.0.1/8: ${JSON.stringify(loopback.unicast)}`,
    );
  }
  for (const a of adapters) {
    assert.ok(a.name.length > 0, "every adapter has a friendly name");
    for (const u of a.unicast) {
      assert.ok(u.prefix <= (u.family === 4 ? 32 : 128), `${a.name} prefix ${u.prefix}`);
    }
  }
  const ifaces = adapterInterfaces(adapters);
  // The gateways Linux routes by are the gateways Wine reports (when the host has a default route).
  const gws = linuxGateways();
  const reported = ifaces.flatMap((i) => i.gateways).filter((g) => !g.includes(":"));
  for (const g of gws) assert.ok(reported.includes(g), `gateway ${g} (Linux) in ${reported}`);
  // IPv6 addresses and prefix lengths (sockaddr_in6 and OnLinkPrefixLength decoded) as the kernel has them.
  for (const [dev, addrs] of linuxV6()) {
    const i = ifaces.find((x) => x.name === dev);
    if (!i) continue; // loopback, or an adapter Wine reports under another name
    for (const a of addrs) assert.ok(i.unicast.includes(a), `${dev} ${a} (Linux) in ${i.unicast}`);
  }
  // The DNS servers Wine takes from resolv.conf.
  const ns = [...(linuxFile("/etc/resolv.conf") ?? "").matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]);
  const dns = ifaces.flatMap((i) => i.dns);
  for (const n of ns.filter((x) => !x.includes(":"))) assert.ok(dns.includes(n), `nameserver ${n} in ${dns}`);
  // The live-Windows source is GetAdaptersAddresses, whatever the environment says.
  Deno.env.set("FWPSIM_INTERFACES", "C:\\no-such-fixture.json");
  try {
    const live = await hostInterfaces({ kind: "windows", uses: ["rule 'r' remote dns"] });
    assert.equal(live.source, "GetAdaptersAddresses");
    assert.deepEqual(live.interfaces, ifaces);
    // and an interface fixture is refused there: it would change what a real apply protects
    await assert.rejects(
      () => hostInterfaces({ kind: "windows", file: "C:\\if.json", uses: [] }),
      (e: unknown) =>
        e instanceof UsageError &&
        /on a live engine the addresses come from this host's adapters/.test(e.message),
    );
  } finally {
    Deno.env.delete("FWPSIM_INTERFACES");
  }
});

Deno.test({
  name: "under Wine: `wfpsec plan` on the Windows engine path resolves `remote: dns` by GetAdaptersAddresses",
  ignore: !underWine,
}, async () => {
  const tmp = Deno.makeTempDirSync({ prefix: "wfpsec-kw-" });
  const policy = `${tmp}\\keywords.yaml`;
  Deno.writeTextFileSync(
    policy,
    `version: 1
name: keywords
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-dh14] }
quickMode:
  - { name: qm, proposals: [esp-aes256-sha256] }
rules:
  - { name: name-servers, remote: dns, inbound: request, outbound: request, mainMode: mm, quickMode: qm }
`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--no-check",
      new URL("../../cli.ts", import.meta.url).href,
      "plan",
      policy,
      "--json",
    ],
    // No --engine: the Windows default (System32's fwpuclnt.dll, fwpsim under Wine). A planted fixture must
    // not be read: on the Windows engine path the adapters are the only source.
    env: {
      FWPSIM_STATE: `${tmp}\\state.bin`,
      FWPSIM_INTERFACES: `${tmp}\\planted.json`,
      WFPSEC_ENGINE: "",
      WFPSEC_FWPSIM_LIB: "",
      NO_COLOR: "1",
    },
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 2, stdout + new TextDecoder().decode(out.stderr));
  const doc = JSON.parse(stdout);
  assert.equal(doc.addressKeywords.source, "GetAdaptersAddresses");
  const live = adapterInterfaces(await getAdaptersAddresses());
  const want = [...new Set(live.flatMap((i) => i.dns))];
  const got: string[] = doc.addressKeywords.resolved[0].addresses;
  assert.deepEqual([...got].sort(), [...want].sort());
});
