/**
 * Authorization lists by name (modules/model/identity.ts): which entries are account names or SIDs by
 * syntax (existence is for plan/apply), and the SDDL a resolved list grants: one FWP_ACTRL_MATCH_FILTER
 * allow ACE per distinct SID under a present DACL, never an empty or absent one.
 */
import assert from "node:assert/strict";
import { authorizationSddl, parseAccountName, wellKnownSid } from "../../../modules/model/mod.ts";
import { hasDacl, sddlToSecurityDescriptor, securityDescriptorToSddl } from "../../../ffi/sddl.ts";

Deno.test("DOMAIN\\name, name@domain, bare names and SIDs are accepted by syntax", () => {
  assert.deepEqual(parseAccountName(" CONTOSO\\Domain Computers "), { name: "CONTOSO\\Domain Computers" });
  assert.deepEqual(parseAccountName("alice@contoso.com"), { name: "alice@contoso.com" });
  assert.deepEqual(parseAccountName("Authenticated Users"), { name: "Authenticated Users" });
  assert.deepEqual(parseAccountName("CONTOSO\\WEB01$"), { name: "CONTOSO\\WEB01$" });
  assert.deepEqual(parseAccountName("s-1-5-21-1-2-3-515"), {
    name: "s-1-5-21-1-2-3-515",
    sid: "S-1-5-21-1-2-3-515",
  });
});

Deno.test("malformed entries are refused with the reason", () => {
  const bad = (t: string, re: RegExp) => {
    const r = parseAccountName(t);
    assert.equal(typeof r, "string", `${JSON.stringify(t)} should be refused`);
    assert.match(r as string, re);
  };
  bad("", /empty account name/);
  bad("   ", /empty account name/);
  bad("\\alice", /not DOMAIN\\name/);
  bad("CONTOSO\\", /not DOMAIN\\name/);
  bad("A\\B\\C", /single backslash/);
  bad("@contoso.com", /not name@domain/);
  bad("alice@", /not name@domain/);
  bad("CONTOSO\\a*b", /contains '\*'/);
  bad("CONTOSO\\a\u0000b", /control character U\+0000/);
  bad("S-1-5-x", /not a valid SID/);
  bad("S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", /at most 15/);
  bad("S-1-5-4294967296", /out of range/);
  bad("CONTOSO\\" + "a".repeat(257), /longer than 256/);
});

Deno.test("well-known groups resolve by English name, with or without NT AUTHORITY\\ / BUILTIN\\", () => {
  assert.equal(wellKnownSid("Authenticated Users"), "S-1-5-11");
  assert.equal(wellKnownSid("NT AUTHORITY\\authenticated users"), "S-1-5-11");
  assert.equal(wellKnownSid("BUILTIN\\Administrators"), "S-1-5-32-544");
  assert.equal(wellKnownSid("CONTOSO\\Administrators"), undefined, "a domain's group is not the builtin one");
  assert.equal(wellKnownSid("Domain Computers"), undefined, "domain-relative: S-1-5-21-<domain>-515");
});

Deno.test("a resolved list grants 0x1 to each distinct SID, in order, under a present DACL", () => {
  const sddl = authorizationSddl(["S-1-5-21-1-2-3-515", "s-1-5-11", "S-1-5-21-1-2-3-515"]);
  assert.equal(sddl, "D:(A;;0x1;;;S-1-5-21-1-2-3-515)(A;;0x1;;;S-1-5-11)");
  const sd = sddlToSecurityDescriptor(sddl);
  assert.ok(hasDacl(sd), "the DACL is present: an absent one would allow everyone");
  assert.equal(securityDescriptorToSddl(sd), sddl);
  assert.throws(() => authorizationSddl([]), RangeError, "an empty DACL would be generated: refused");
  assert.throws(() => authorizationSddl(["CONTOSO\\x"]), RangeError);
});
