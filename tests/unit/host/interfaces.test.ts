/**
 * Where address keywords get the host's interfaces (modules/host/interfaces.ts): the fixture format and its
 * located errors, which source each engine kind may use, and GetAdaptersAddresses' decoded adapters
 * (ffi/adapters.ts decodeAdapters over a buffer laid out from the struct tables) turned into interfaces.
 */
import assert from "node:assert/strict";
import {
  adapterInterfaces,
  hostInterfaces,
  parseInterfaceFixture,
} from "../../../modules/host/interfaces.ts";
import { KeywordResolutionError } from "../../../modules/model/mod.ts";
import { UsageError } from "../../../modules/errors.ts";
import { AdapterListError, decodeAdapters } from "../../../ffi/adapters.ts";
import { adapterBuffer } from "../../support/adapterBuffer.ts";
import { layoutOf } from "../../../ffi/structs.ts";
import { ADAPTER_API } from "../../../ffi/constants.ts";

const FIXTURE = {
  interfaces: [{
    name: "Ethernet",
    unicast: ["10.0.0.5/24"],
    dns: ["10.0.0.53"],
    gateways: ["10.0.0.1"],
    wins: [],
    dhcp: ["10.0.0.2"],
  }, { name: "Wi-Fi", unicast: ["192.168.1.20/24"] }],
};

Deno.test("a fixture lists adapters; missing lists are empty", () => {
  const list = parseInterfaceFixture(JSON.stringify(FIXTURE), "if.json");
  assert.equal(list.length, 2);
  assert.deepEqual(list[1], {
    name: "Wi-Fi",
    unicast: ["192.168.1.20/24"],
    dns: [],
    gateways: [],
    wins: [],
    dhcp: [],
  });
});

Deno.test("a malformed fixture is refused naming the file and the field", () => {
  const bad = (doc: unknown, want: RegExp) =>
    assert.throws(
      () => parseInterfaceFixture(typeof doc === "string" ? doc : JSON.stringify(doc), "if.json"),
      (e: unknown) => e instanceof KeywordResolutionError && want.test(e.message),
      String(want),
    );
  bad("{", /^interface fixture if\.json: not JSON/);
  bad([], /top level: expected an object \{"interfaces"/);
  bad({ interfaces: [], extra: 1 }, /if\.json: extra: unknown field/);
  bad(
    { interfaces: [{ name: "e", dns: ["10.0.0.0/8"] }] },
    /interfaces\[0\]\.dns\[0\]: '10\.0\.0\.0\/8' must be one address/,
  );
  bad(
    { interfaces: [{ name: "e", unicast: ["10.0.0.5"] }] },
    /interfaces\[0\]\.unicast\[0\]: .*needs its on-link prefix/,
  );
  bad({ interfaces: [{ name: "e", unicast: ["10.0.0.5/33"] }] }, /prefix \/33 is too long for IPv4/);
  bad(
    { interfaces: [{ name: "e", gateways: ["10.0.0.300"] }] },
    /interfaces\[0\]\.gateways\[0\]: '10\.0\.0\.300' is not an IP/,
  );
  bad({ interfaces: [{ name: "e", dns: "10.0.0.53" }] }, /interfaces\[0\]\.dns: expected a list/);
  bad({ interfaces: [{ name: "e", dnsServers: [] }] }, /interfaces\[0\]\.dnsServers: unknown field/);
  bad({ interfaces: [{ dns: [] }] }, /interfaces\[0\]\.name: expected the adapter's name/);
});

Deno.test("the simulator reads FWPSIM_INTERFACES or --interfaces; a snapshot only --interfaces", async () => {
  const file = new URL("../../cli/fixtures/interfaces.json", import.meta.url).pathname;
  const uses = ["rule 'web' remote dns"];
  const prev = Deno.env.get("FWPSIM_INTERFACES");
  try {
    Deno.env.delete("FWPSIM_INTERFACES");
    await assert.rejects(
      () => hostInterfaces({ kind: "sim", uses }),
      (e: unknown) =>
        e instanceof UsageError &&
        /rule 'web' remote dns: .*the simulator has none: give --interfaces/.test(e.message),
    );
    assert.equal((await hostInterfaces({ kind: "sim", file, uses })).source, `interface fixture ${file}`);
    Deno.env.set("FWPSIM_INTERFACES", file);
    assert.equal((await hostInterfaces({ kind: "sim", uses })).interfaces.length, 2);
    // a snapshot ignores the simulator's variable: a dump is not this simulator's host
    await assert.rejects(
      () => hostInterfaces({ kind: "snapshot", uses }),
      (e: unknown) =>
        e instanceof UsageError && /an offline snapshot has none: give --interfaces FILE/.test(e.message),
    );
    assert.equal((await hostInterfaces({ kind: "snapshot", file, uses })).interfaces[0].name, "Ethernet");
    await assert.rejects(() => hostInterfaces({ kind: "sim", file: `${file}.missing`, uses }), UsageError);
  } finally {
    if (prev === undefined) Deno.env.delete("FWPSIM_INTERFACES");
    else Deno.env.set("FWPSIM_INTERFACES", prev);
  }
});

Deno.test("GetAdaptersAddresses' list decodes from the buffer by the struct tables", () => {
  const { buf, base } = adapterBuffer([
    {
      name: "Ethernet",
      unicast: ["10.0.0.5/24", "fd00:1::5/64"],
      dns: ["10.0.0.53", "fd00:1::53"],
      gateways: ["10.0.0.1"],
      wins: ["10.0.0.9"],
      dhcpv4: "10.0.0.2",
      dhcpv6: "fd00:1::2",
    },
    {
      name: "Loopback Pseudo-Interface 1",
      ifType: ADAPTER_API.IF_TYPE_SOFTWARE_LOOPBACK,
      unicast: ["127.0.0.1/8"],
    },
    { name: "Wi-Fi", up: false, unicast: ["192.168.1.20/24"], dns: ["192.168.1.1"] },
    { name: "Static", dhcpEnabled: false, unicast: ["172.16.0.5/16"], dhcpv4: "172.16.0.1" },
  ]);
  const adapters = decodeAdapters(buf, base);
  assert.deepEqual(adapters.map((a) => [a.name, a.up, a.loopback]), [
    ["Ethernet", true, false],
    ["Loopback Pseudo-Interface 1", true, true],
    ["Wi-Fi", false, false],
    ["Static", true, false],
  ]);
  assert.deepEqual(adapterInterfaces(adapters), [
    {
      name: "Ethernet",
      unicast: ["10.0.0.5/24", "fd00:1::5/64"],
      dns: ["10.0.0.53", "fd00:1::53"],
      gateways: ["10.0.0.1"],
      wins: ["10.0.0.9"],
      dhcp: ["10.0.0.2", "fd00:1::2"],
    },
    // loopback and the adapter that is down are left out; a DHCPv4 server counts only with DHCP enabled
    { name: "Static", unicast: ["172.16.0.5/16"], dns: [], gateways: [], wins: [], dhcp: [] },
  ]);
});

Deno.test("a pointer outside the buffer is refused, not followed", () => {
  const { buf, base } = adapterBuffer([{ name: "Ethernet", dns: ["10.0.0.53"] }]);
  const dnsAt =
    layoutOf("IP_ADAPTER_ADDRESSES_LH").fields.find((f) => f.name === "FirstDnsServerAddress")!.offset;
  new DataView(buf.buffer).setBigUint64(dnsAt, base + BigInt(buf.length) + 64n, true);
  assert.throws(
    () => decodeAdapters(buf, base),
    (e: unknown) => e instanceof AdapterListError && /Ethernet DNS server points outside/.test(e.message),
  );
});

Deno.test("a list that loops back on itself is refused instead of hanging the scheduled task", () => {
  const { buf, base } = adapterBuffer([{ name: "Ethernet" }]);
  const next = layoutOf("IP_ADAPTER_ADDRESSES_LH").fields.find((f) => f.name === "Next")!.offset;
  new DataView(buf.buffer).setBigUint64(next, base, true);
  assert.throws(() => decodeAdapters(buf, base), /more than 4096 entries/);
});

Deno.test("the fixture is read through the caller's reader; not UTF-8 or oversized is refused", async () => {
  const uses = ["rule 'r' remote dns"];
  const read = (bytes: Uint8Array) => () => Promise.resolve(bytes);
  await assert.rejects(
    () =>
      hostInterfaces({ kind: "sim", file: "if.json", uses, read: read(new Uint8Array([0x7b, 0xff, 0x7d])) }),
    (e: unknown) => e instanceof KeywordResolutionError && /if\.json: not UTF-8 text/.test(e.message),
  );
  await assert.rejects(
    () => hostInterfaces({ kind: "sim", file: "if.json", uses, read: read(new Uint8Array(1024 * 1024 + 1)) }),
    (e: unknown) => e instanceof KeywordResolutionError && /larger than 1048576 bytes/.test(e.message),
  );
  const ok = new TextEncoder().encode(JSON.stringify(FIXTURE));
  assert.equal(
    (await hostInterfaces({ kind: "sim", file: "if.json", uses, read: read(ok) })).interfaces.length,
    2,
  );
});
