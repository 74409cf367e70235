/**
 * The pure encoders the compiler relies on: SDDL <-> self-relative security descriptors (ffi/sddl.ts),
 * addresses (IPv4/IPv6, prefixes, ranges; RFC 5952 output) and X.500 names <-> DER (certificate criteria).
 */
import { deepStrictEqual, equal, throws } from "node:assert/strict";
import { SddlError, sddlToSecurityDescriptor, securityDescriptorToSddl } from "../../../ffi/sddl.ts";
import { formatAddr, formatV6, parseAddr, parseV6 } from "../../../modules/model/addr.ts";
import { decodeDn, encodeDn } from "../../../modules/model/dn.ts";
import { formatQm, parseMm, parseQm } from "../../../modules/model/crypto.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

Deno.test("SDDL D:(A;;0x1;;;WD) is the 48-byte self-relative SD Windows builds (header, DACL, Everyone ACE)", () => {
  const sd = sddlToSecurityDescriptor("D:(A;;0x1;;;WD)");
  equal(
    hex(sd),
    // rev 1, control SE_SELF_RELATIVE|SE_DACL_PRESENT, no owner/group/SACL, DACL at 20
    "0100" + "0480" + "00000000" + "00000000" + "00000000" + "14000000" +
      // ACL rev 2, size 28, 1 ACE; ACCESS_ALLOWED, flags 0, size 20, mask 1, S-1-1-0
      "0200" + "1c00" + "0100" + "0000" + "00001400" + "01000000" + "010100000000000100000000",
  );
});

Deno.test("SDDL round trip: owner, group, protected DACL with flags, deny and allow ACEs, SACL audit", () => {
  const text =
    "O:BAG:SYD:PAI(D;;0x1;;;S-1-5-21-1-2-3-500)(A;OICI;0x1f01ff;;;S-1-5-21-1-2-3-515)(A;;GR;;;AU)S:(AU;SAFA;0x1;;;WD)";
  const sd = sddlToSecurityDescriptor(text);
  const back = securityDescriptorToSddl(sd);
  equal(
    back,
    "O:S-1-5-32-544G:S-1-5-18D:PAI(D;;0x1;;;S-1-5-21-1-2-3-500)(A;OICI;0x1f01ff;;;S-1-5-21-1-2-3-515)(A;;0x80000000;;;S-1-5-11)S:(AU;SAFA;0x1;;;S-1-1-0)",
  );
  deepStrictEqual(sddlToSecurityDescriptor(back), sd, "decode -> encode gives the same bytes");
});

Deno.test("SDDL errors say what is wrong", () => {
  const bad = (s: string, re: RegExp) =>
    throws(() => sddlToSecurityDescriptor(s), (e: unknown) => e instanceof SddlError && re.test(e.message));
  bad("D:(A;;0x1;;;DA)", /relative to a domain/);
  bad("D:(OA;;0x1;;;WD)", /not supported/);
  bad("D:(A;;0x1;;;S-1-X)", /not a SID/);
  bad("D:(A;;ZZ;;;WD)", /unknown access right/);
  bad("D:(A;0x1;;;WD)", /6 fields/);
  bad("Q:x", /cannot parse/);
  throws(() => securityDescriptorToSddl(new Uint8Array(8)), SddlError);
});

Deno.test("addresses: IPv4/IPv6 singles, prefixes, ranges; /32 and a-a collapse to single; RFC 5952 output", () => {
  deepStrictEqual(parseAddr("10.1.2.3"), { family: 4, kind: "single", low: 0x0a010203n, high: 0x0a010203n });
  deepStrictEqual(parseAddr("10.0.0.0/8"), {
    family: 4,
    kind: "prefix",
    low: 0x0a000000n,
    high: 0x0affffffn,
    prefix: 8,
  });
  equal((parseAddr("10.0.0.1/32") as { kind: string }).kind, "single");
  equal((parseAddr("10.0.0.1-10.0.0.1") as { kind: string }).kind, "single");
  equal(formatAddr(parseAddr("2001:0db8:0000:0000:0000:0000:0000:0001") as never), "2001:db8::1");
  equal(formatV6(parseV6("::ffff:10.0.0.1")!), "::ffff:a00:1");
  equal(formatV6(parseV6("2001:db8:0:0:1:0:0:1")!), "2001:db8::1:0:0:1", "longest zero run, first on a tie");
  equal(formatAddr(parseAddr("fe80::1-fe80::ff") as never), "fe80::1-fe80::ff");
  for (
    const bad of [
      "10.0.0",
      "10.0.0.01",
      "1:2:3:4:5:6:7:8:9",
      "::1::",
      "10.0.0.0/33",
      "10.0.0.5-10.0.0.1",
      "10.0.0.1-::1",
      "10.0.0.1/8",
    ]
  ) {
    equal(typeof parseAddr(bad), "string", bad);
  }
});

Deno.test("distinguished names: RFC 4514 order (most specific first), UTF8String values, C PrintableString, DC IA5", () => {
  const der = encodeDn("CN=Contoso Root CA, O=Contoso, C=US");
  // What `openssl req -subj "/C=US/O=Contoso/CN=Contoso Root CA"` encodes (tests/cli/certificates.test.ts).
  equal(
    hex(der),
    "3039310b3009060355040613025553" + "3110300e060355040a0c07436f6e746f736f" +
      "3118301606035504030c0f436f6e746f736f20526f6f74204341",
  );
  equal(decodeDn(der), "CN=Contoso Root CA, O=Contoso, C=US");
  const dc = encodeDn("CN=Issuing CA \\, Tier 2, DC=example, DC=corp");
  equal(decodeDn(dc), "CN=Issuing CA \\, Tier 2, DC=example, DC=corp");
  equal(
    dc[18],
    0x16,
    "DC=corp (encoded first) is an IA5String (after the 10-byte OID 0.9.2342.19200300.100.1.25)",
  );
  throws(() => encodeDn("Contoso"), /TYPE=value/);
});

Deno.test("proposal grammar: strongSwan-style strings parse to canonical names and format back", () => {
  deepStrictEqual(parseMm("aes256-sha256-modp2048"), { cipher: "aes256", integrity: "sha256", dh: "dh14" });
  deepStrictEqual(parseQm("esp-aesgcm256"), { esp: { cipher: "aesgcm256", integrity: "gmac256" } });
  deepStrictEqual(parseQm("ah-sha256+esp-null-sha256"), {
    ah: "sha256",
    esp: { cipher: "none", integrity: "sha256" },
  });
  for (
    const s of [
      "esp-aesgcm128",
      "esp-aes256-sha256",
      "esp-sha1",
      "esp-aes128",
      "ah-gmac256",
      "ah-sha256+esp-aes192-sha256",
    ]
  ) {
    equal(formatQm(parseQm(s) as never), s);
  }
  equal(typeof parseQm("esp-aesgcm256-sha256"), "string");
  equal(typeof parseQm("ah-sha256+ah-sha1"), "string");
  equal(typeof parseMm("aes256-sha256"), "string");
});
