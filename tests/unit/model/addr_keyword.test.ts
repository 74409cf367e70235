/** Address keywords (modules/model/addrKeyword.ts) resolved against an interface list, as plan/apply will. */
import assert from "node:assert/strict";
import {
  addressKeyword,
  describeResolved,
  type HostInterface,
  KeywordResolutionError,
  resolveKeyword,
} from "../../../modules/model/addrKeyword.ts";

const eth: HostInterface = {
  name: "Ethernet",
  unicast: ["10.0.0.5/24", "2001:db8:1::5/64"],
  dns: ["10.0.0.54", "10.0.0.53"],
  gateways: ["10.0.0.1"],
  wins: [],
  dhcp: ["10.0.0.2"],
};
const wifi: HostInterface = {
  name: "Wi-Fi",
  unicast: ["192.168.1.20/24"],
  dns: ["10.0.0.53"],
  gateways: ["192.168.1.1"],
  wins: ["192.168.1.9"],
  dhcp: [],
};
const text = (k: Parameters<typeof resolveKeyword>[0], i: HostInterface[]) =>
  describeResolved(k, resolveKeyword(k, i));

Deno.test("keywords are recognised case-insensitively, addresses and intranet are not keywords", () => {
  assert.equal(addressKeyword("DNS"), "dns");
  assert.equal(addressKeyword(" LocalSubnet "), "localsubnet");
  assert.equal(addressKeyword("DefaultGateway"), "defaultgateway");
  assert.equal(addressKeyword("10.0.0.1"), undefined);
  assert.equal(addressKeyword("intranet"), undefined);
});

Deno.test("dns resolves to every adapter's servers, deduplicated and sorted", () => {
  assert.equal(text("dns", [eth, wifi]), "dns -> 10.0.0.53, 10.0.0.54");
});

Deno.test("localsubnet is each unicast address's on-link network, IPv4 before IPv6", () => {
  assert.equal(
    text("localsubnet", [eth, wifi]),
    "localsubnet -> 10.0.0.0/24, 192.168.1.0/24, 2001:db8:1::/64",
  );
});

Deno.test("gateways, wins and dhcp come from their own fields", () => {
  assert.equal(text("defaultgateway", [eth, wifi]), "defaultgateway -> 10.0.0.1, 192.168.1.1");
  assert.equal(text("wins", [eth, wifi]), "wins -> 192.168.1.9");
  assert.equal(text("dhcp", [eth, wifi]), "dhcp -> 10.0.0.2");
  assert.equal(text("wins", [eth]), "wins -> (none)");
});

Deno.test("a changed DHCP lease changes the resolved text (what --if-drifted compares)", () => {
  const renewed = { ...eth, dns: ["10.0.0.60"] };
  assert.equal(text("dns", [renewed]) === text("dns", [eth]), false);
});

Deno.test("a bad fixture value names the adapter and field", () => {
  const bad = { ...eth, dns: ["10.0.0.999"] };
  assert.throws(
    () => resolveKeyword("dns", [bad]),
    (e) => e instanceof KeywordResolutionError && /Ethernet' dns/.test(e.message),
  );
  assert.throws(
    () => resolveKeyword("localsubnet", [{ ...eth, unicast: ["10.0.0.5"] }]),
    KeywordResolutionError,
  );
  assert.throws(() => resolveKeyword("dns", [{ ...eth, dns: ["10.0.0.0/24"] }]), KeywordResolutionError);
});
