/**
 * Input that silently changed meaning (issue 13): a broadcast or multicast address as a tunnel or manual SA
 * endpoint is refused (an IPsec endpoint is one host's unicast address); a root CA name the compiler cannot
 * encode (`CN=a;b`) is a located PolicyError at validate instead of an untyped Error at apply; OID attribute
 * types (`1.2.840.113549.1.9.1=...`, `OID.2.999.3=...`) are accepted in any position and DER-encoded as
 * X.690 says (the first two arcs as one base-128 subidentifier). `@@` marks the expected line:column.
 */
import assert from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { compilePolicy } from "../../../modules/compiler/mod.ts";
import { decodeDn, encodeDn, formatV4, formatV6, parseDn } from "../../../modules/model/mod.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";

const MM = `mainMode:
  - name: mm
    keyModule: ikev2
    auth:
      - psk: { env: T_PSK }
    proposals: [aes256-sha256-ecp256]
`;
const tunnel = (local: string, remote: string, v6 = false) =>
  `version: 1
name: t
${MM}quickMode:
  - name: qm
    mode: tunnel
    proposals: [esp-aesgcm256]
tunnels:
  - name: site
    mainMode: mm
    quickMode: qm
    localEndpoint: ${local}
    remoteEndpoint: ${remote}
    local: ${v6 ? "2001:db8:1::/48" : "10.1.0.0/16"}
    remote: ${v6 ? "2001:db8:2::/48" : "10.2.0.0/16"}
`;
const manualSa = (local: string, remote: string) =>
  `version: 1
name: m
manualSas:
  - name: peer
    local: ${local}
    remote: ${remote}
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: IN } }
    outbound: { spi: 0x2002, transform: ah-sha256, key: { env: OUT } }
`;

Deno.test("broadcast and multicast tunnel and SA endpoints are refused where they are written", () => {
  const cases: [string, string, RegExp][] = [
    [tunnel("203.0.113.1", "@@255.255.255.255"), "tunnels[0].remoteEndpoint", /limited broadcast/],
    [tunnel("@@224.0.0.1", "198.51.100.7"), "tunnels[0].localEndpoint", /IPv4 multicast/],
    [tunnel("203.0.113.1", "@@239.255.255.250"), "tunnels[0].remoteEndpoint", /IPv4 multicast/],
    [tunnel("2001:db8::1", "@@ff02::1", true), "tunnels[0].remoteEndpoint", /IPv6 multicast/],
    [tunnel("@@ff05::1:3", "2001:db8::2", true), "tunnels[0].localEndpoint", /IPv6 multicast/],
    [manualSa("10.1.1.1", "@@224.0.0.5"), "manualSas[0].remote", /IPv4 multicast/],
  ];
  for (const [text, path, re] of cases) {
    const d = refusedAt(text, "bad-endpoint", path);
    assert.match(d.message, re);
    assert.match(d.message, /one host's unicast address/);
  }
});

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("property: 2,000 random endpoints: multicast/broadcast refused, every unicast one accepted", () => {
  const r = rng(13);
  const u32 = () => BigInt(Math.floor(r() * 2 ** 32));
  let refused = 0, accepted = 0;
  for (let i = 0; i < 2_000; i++) {
    const kind = i % 4;
    const v6 = kind >= 2;
    let addr: string, group: boolean;
    if (!v6) {
      const v = kind === 0 ? (0xe0000000n | (u32() & 0x0fffffffn)) : u32();
      const bcast = i % 40 === 1;
      addr = formatV4(bcast ? 0xffffffffn : v);
      group = bcast || v >> 28n === 0xen;
    } else {
      let v = 0n;
      for (let k = 0; k < 4; k++) v = (v << 32n) | u32();
      if (kind === 2) v = (0xffn << 120n) | (v & ((1n << 120n) - 1n));
      // Unicast samples: keep them out of ff00::/8 half the time by construction, the rest as they fall.
      addr = formatV6(v);
      group = v >> 120n === 0xffn;
    }
    const text = v6 ? tunnel("2001:db8::1", addr, true) : tunnel("203.0.113.1", addr);
    let codes: string[] = [];
    try {
      loadPolicy(text, "p.yaml");
    } catch (e) {
      codes = ((e as { diagnostics?: { code: string; path: string }[] }).diagnostics ?? [])
        .filter((d) => d.path === "tunnels[0].remoteEndpoint").map((d) => d.code);
    }
    if (group) {
      assert.deepEqual(codes, ["bad-endpoint"], addr);
      refused++;
    } else {
      assert.deepEqual(codes, [], addr);
      accepted++;
    }
  }
  console.log(`endpoints: ${refused} refused (multicast/broadcast), ${accepted} unicast accepted`);
  assert.ok(refused > 500 && accepted > 500);
});

const certPolicy = (rootCA: string) =>
  `version: 1
name: c
mainMode:
  - name: mm
    keyModule: ikev2
    auth:
      - certificate:
          rootCA: ${rootCA}
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
rules:
  - name: all
    inbound: require
    outbound: require
    mainMode: mm
    quickMode: qm
`;

Deno.test("a root CA name the compiler cannot encode is a located PolicyError at validate", () => {
  const cases: [string, RegExp][] = [
    ['@@"CN=a;b"', /'b' is not TYPE=value \(escape a ',' or ';'/],
    ['@@"CN=Root, b"', /'b' is not TYPE=value/],
    ['@@"CN=Root, FOO=x"', /unknown attribute 'FOO'/],
    ['@@"1.40.3=x"', /'1\.40\.3' is not an object identifier/],
    ['@@"CN=a\\\\"', /unfinished escape/],
    ['@@"CN=\\"Root"', /unclosed quote/],
    ['@@"CN=\\\\FF"', /not UTF-8/],
    ['@@"=x"', /is not TYPE=value/],
  ];
  for (const [dn, re] of cases) {
    const d = refusedAt(certPolicy(dn), "bad-dn", "mainMode[0].auth[0].certificate.rootCA");
    assert.match(d.message, re);
  }
  // Escaped separators, hex pairs and quotes are values, not separators.
  for (const dn of ["CN=a\\;b", "CN=a\\2Cb", 'CN="a, b"', "CN=\\C3\\A9t\\C3\\A9, O=Org"]) {
    const { policy } = loadPolicy(certPolicy(JSON.stringify(dn)), "ok.yaml");
    assert.ok(compilePolicy(policy));
  }
  assert.deepEqual(parseDn("CN=a\\;b"), [["CN", "a;b"]]);
  assert.deepEqual(parseDn('CN="a, b" , O = Org '), [["CN", "a, b"], ["O", "Org"]]);
  assert.deepEqual(parseDn("CN=\\C3\\A9t\\C3\\A9"), [["CN", "été"]]);
});

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test("OID attribute types: accepted first, DER-encoded per X.690, and decoded back", () => {
  // X.690 8.19.5's own example: 2.999.3 is 88 37 03 (the first subidentifier 2*40+999 = 1079 in base 128).
  assert.equal(
    hex(encodeDn("OID.2.999.3=z")),
    "300c310a3008" + "0603883703" + "0c017a",
  );
  // The numeric form of E (emailAddress) is E: an IA5String, like `E=`.
  assert.equal(hex(encodeDn("1.2.840.113549.1.9.1=a@b.c")), hex(encodeDn("E=a@b.c")));
  // Arcs beyond 32 bits stay exact.
  const big = encodeDn("1.3.6.1.4.1.9007199254740991=x");
  assert.equal(decodeDn(big), "1.3.6.1.4.1.9007199254740991=x");
  assert.equal(decodeDn(encodeDn("2.999.3=z, CN=Root")), "2.999.3=z, CN=Root");
  assert.equal(decodeDn(encodeDn("1.2.840.113549.1.9.1=a@b.c, CN=Root")), "E=a@b.c, CN=Root");
  // An OID in first position passes validate (it used to be "not a distinguished name").
  const { policy } = loadPolicy(certPolicy('"1.2.840.113549.1.9.1=ca@example.com, CN=Root"'), "oid.yaml");
  assert.ok(compilePolicy(policy));
});
