/**
 * Real-Windows checks for address keywords (docs/windows-verification.md KW1-KW4):
 * - KW4: GetAdaptersAddresses through ffi/adapters.ts reports, per adapter that is up, the unicast addresses
 *   and prefix lengths, DNS servers, default gateways, WINS servers and DHCP server Windows' own tools report
 *   (NetTCPIP / DnsClient cmdlets and Win32_NetworkAdapterConfiguration). Reads only.
 * - KW1-KW3: what Windows' firewall itself puts in LocalSubnet / DNS / DHCP / WINS / DefaultGateway, read from
 *   the WFP filters MPSSVC compiles for a temporary, harmless firewall rule (allow inbound TCP to port 1 from
 *   the keyword), compared with wfpsec's resolution. This one adds and removes a firewall rule, so it runs
 *   only with WFPSEC_KW_FIREWALL_RULE=1.
 * Not under Wine: its iphlpapi and cmdlets are not Windows' (tests/wine/adapters.test.ts exercises the FFI
 * path there).
 */
import assert from "node:assert/strict";
import { getAdaptersAddresses } from "../../ffi/adapters.ts";
import { adapterInterfaces } from "../../modules/host/interfaces.ts";
import { ADDRESS_KEYWORDS, formatAddr, parseAddr, resolveKeyword } from "../../modules/model/mod.ts";
import { selectEngine } from "../../modules/engine/select.ts";
import { selectorTerms } from "../../modules/compiler/mod.ts";
import { probeWindowsHost } from "./host.ts";

const host = Deno.build.os === "windows" ? probeWindowsHost() : undefined;
const runs = host !== undefined && !host.reason.includes("Wine");
const suffix = runs ? "" : " (skipped: needs real Windows)";

async function powershell(script: string): Promise<unknown> {
  const out = await new Deno.Command("powershell.exe", {
    args: ["-NoProfile", "-NonInteractive", "-Command", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return text ? JSON.parse(text) : [];
}

const list = (v: unknown): string[] =>
  (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]).map(String);
const bare = (a: string) => a.replace(/%.*$/, "").toLowerCase();
const sorted = (l: string[]) => [...new Set(l.map(bare))].sort();

Deno.test({
  name: `real Windows: KW4 GetAdaptersAddresses agrees with Windows' own tools${suffix}`,
  ignore: !runs,
  fn: async () => {
    const ours = adapterInterfaces(await getAdaptersAddresses());
    assert.ok(ours.length > 0, "an adapter that is up");
    const theirs = await powershell(
      `
      $up = Get-NetAdapter | Where-Object Status -eq 'Up'
      $cfg = Get-CimInstance Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE'
      $r = @(foreach ($a in $up) {
        $c = $cfg | Where-Object InterfaceIndex -eq $a.ifIndex
        [pscustomobject]@{
          name = $a.Name
          unicast = @(Get-NetIPAddress -InterfaceIndex $a.ifIndex -ErrorAction SilentlyContinue |
            ForEach-Object { "$($_.IPAddress)/$($_.PrefixLength)" })
          dns = @((Get-DnsClientServerAddress -InterfaceIndex $a.ifIndex).ServerAddresses)
          gateways = @(Get-NetRoute -InterfaceIndex $a.ifIndex -DestinationPrefix '0.0.0.0/0','::/0' ` +
        `-ErrorAction SilentlyContinue | ForEach-Object NextHop)
          wins = @($c.WINSPrimaryServer, $c.WINSSecondaryServer | Where-Object { $_ })
          dhcp = @(if ($c.DHCPEnabled -and $c.DHCPServer) { $c.DHCPServer })
        }
      })
      ConvertTo-Json -InputObject $r -Depth 4 -Compress`,
    ) as Record<string, unknown>[];
    for (const t of theirs) {
      const o = ours.find((i) => i.name === t.name);
      assert.ok(o, `adapter ${t.name} (up) is reported by GetAdaptersAddresses: ${ours.map((i) => i.name)}`);
      const field = (k: "unicast" | "dns" | "gateways" | "wins" | "dhcp") => {
        const want = sorted(list(t[k]).filter((a) => a !== "0.0.0.0" && a !== "::"));
        console.log(
          `${t.name} ${k}: GetAdaptersAddresses ${sorted(o[k]).join(", ")}; Windows ${want.join(", ")}`,
        );
        // The site-local IPv6 DNS placeholders (fec0:0:0:ffff::1-3) are KW2's question, not this one's.
        const placeholder = (a: string) =>
          k === "dns" && /^fec0:0:0:ffff::[123]$/.test(a) && !want.includes(a);
        assert.deepEqual(sorted(o[k]).filter((a) => !placeholder(a)), want, `${t.name} ${k}`);
      };
      for (const k of ["unicast", "dns", "gateways", "wins", "dhcp"] as const) field(k);
    }
  },
});

const firewall = runs && Deno.env.get("WFPSEC_KW_FIREWALL_RULE") === "1";

Deno.test({
  name: `real Windows: KW1-KW3 Windows' firewall resolves each keyword as wfpsec does${
    firewall
      ? ""
      : runs
      ? " (skipped: set WFPSEC_KW_FIREWALL_RULE=1; adds and removes a firewall rule)"
      : suffix
  }`,
  ignore: !firewall,
  fn: async () => {
    const ifaces = adapterInterfaces(await getAdaptersAddresses());
    const dir = Deno.makeTempDirSync();
    for (const kw of ADDRESS_KEYWORDS) {
      const ours = resolveKeyword(kw, ifaces).map(formatAddr);
      const name = `wfpsec-kw-test-${kw}-${crypto.randomUUID().slice(0, 8)}`;
      const keyword = { localsubnet: "LocalSubnet", dns: "DNS", dhcp: "DHCP", wins: "WINS" }[kw as string] ??
        "DefaultGateway";
      try {
        await powershell(
          `New-NetFirewallRule -DisplayName '${name}' -Direction Inbound -Action Allow -Protocol TCP ` +
            `-LocalPort 1 -RemoteAddress ${keyword} | Out-Null; '[]'`,
        );
        const xml = `${dir}\\${kw}.xml`;
        await new Deno.Command("netsh", { args: ["wfp", "show", "filters", `file=${xml}`] }).output();
        // The filters of our rule carry its display name; their remote-address conditions hold what MPSSVC
        // resolved, read with wfpsec's own netsh-dump reader.
        const snapshot = await selectEngine({ state: xml });
        try {
          const theirs = new Set(
            snapshot.enumFilters().filter((f) => f.displayData.name === name)
              .flatMap((f) => selectorTerms(f.filterCondition).remote),
          );
          console.log(
            `${keyword}: wfpsec ${ours.join(", ") || "(none)"}; Windows' firewall ${[...theirs].join(", ")}`,
          );
          // compared as intervals: a prefix and the range it spans are the same addresses
          const key = (a: string) => {
            const x = parseAddr(a);
            return typeof x === "string" ? a : `${x.family}:${x.low}-${x.high}`;
          };
          const mine = new Set(ours.map(key)), windows = new Set([...theirs].map(key));
          assert.deepEqual(ours.filter((a) => !windows.has(key(a))), [], `${keyword}: in wfpsec's set only`);
          assert.deepEqual(
            [...theirs].filter((a) => !mine.has(key(a))),
            [],
            `${keyword}: in Windows' set only`,
          );
        } finally {
          snapshot.close();
        }
      } finally {
        await powershell(`Remove-NetFirewallRule -DisplayName '${name}' -ErrorAction SilentlyContinue; '[]'`);
      }
    }
  },
});
