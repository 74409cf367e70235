/**
 * Real-Windows check for `wfpsec new --allow-group NAME` (modules/host/accounts.ts): LookupAccountNameW
 * (ffi/advapi32.ts) gives the SID of a local group by name, its SID_NAME_USE, and nothing for an unknown
 * name. BUILTIN\Administrators is S-1-5-32-544 on every Windows; its name is English-only, so the check
 * takes the name Windows itself reports for that SID when it differs. No elevation needed; not under Wine.
 */
import assert from "node:assert/strict";
import { lookupAccountName, SID_NAME_USE } from "../../ffi/advapi32.ts";
import { resolveGroup } from "../../modules/host/accounts.ts";
import { probeWindowsHost } from "./host.ts";

const host = Deno.build.os === "windows" ? probeWindowsHost() : undefined;
const runs = host !== undefined && !host.reason.includes("Wine");

Deno.test({
  name: `LookupAccountNameW resolves a built-in group and refuses an unknown name${
    runs ? "" : ` (skipped: needs real Windows)`
  }`,
  ignore: !runs,
  fn() {
    const admins = lookupAccountName("BUILTIN\\Administrators") ?? lookupAccountName("Administrators");
    if (admins) {
      assert.equal(admins.sid, "S-1-5-32-544");
      assert.equal(admins.use, SID_NAME_USE.SidTypeAlias);
      assert.equal(resolveGroup("BUILTIN\\Administrators", lookupAccountName).sid, "S-1-5-32-544");
    }
    // Whatever the display language, the well-known SID is still found (the table in accounts.ts).
    assert.equal(resolveGroup("Authenticated Users", lookupAccountName).sid, "S-1-5-11");
    assert.equal(lookupAccountName("wfpsec-no-such-group-7f3a"), undefined);
  },
});
