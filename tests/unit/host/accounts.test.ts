/**
 * `--allow-group` values -> SIDs (modules/host/accounts.ts): a SID as written; a name through Windows'
 * LookupAccountNameW when there is one (injected here), refusing accounts that are not groups or
 * computers; the machine-independent well-known groups by English name everywhere; anything else off
 * Windows is an error that says to give the SID.
 */
import assert from "node:assert/strict";
import { resolveGroup } from "../../../modules/host/accounts.ts";
import { UsageError } from "../../../modules/errors.ts";

Deno.test("a SID is taken as written", () => {
  assert.deepEqual(resolveGroup("S-1-5-21-1-2-3-515", undefined), {
    name: "S-1-5-21-1-2-3-515",
    sid: "S-1-5-21-1-2-3-515",
  });
  assert.deepEqual(resolveGroup(" s-1-5-11 ", undefined).sid, "S-1-5-11");
});

Deno.test("off Windows: well-known group names only, with or without NT AUTHORITY\\ or BUILTIN\\", () => {
  assert.equal(resolveGroup("Authenticated Users", undefined).sid, "S-1-5-11");
  assert.equal(resolveGroup("NT AUTHORITY\\Authenticated Users", undefined).sid, "S-1-5-11");
  assert.equal(resolveGroup("builtin\\administrators", undefined).sid, "S-1-5-32-544");
  assert.equal(resolveGroup("Everyone", undefined).sid, "S-1-1-0");
  assert.throws(
    () => resolveGroup("CORP\\Domain Computers", undefined),
    (e) => e instanceof UsageError && /resolved on Windows only; give the SID/.test(e.message),
  );
  assert.throws(() => resolveGroup("  ", undefined), UsageError);
});

Deno.test("on Windows the lookup decides, and only groups and computers are accepted", () => {
  const calls: string[] = [];
  const lookup = (name: string) => {
    calls.push(name);
    if (name === "CORP\\Domain Computers") return { sid: "S-1-5-21-7-8-9-515", use: 2 };
    if (name === "CORP\\alice") return { sid: "S-1-5-21-7-8-9-1104", use: 1 };
    return undefined;
  };
  assert.equal(resolveGroup("CORP\\Domain Computers", lookup).sid, "S-1-5-21-7-8-9-515");
  assert.throws(() => resolveGroup("CORP\\alice", lookup), /not a group or computer/);
  // A localized Windows does not know the English name: the well-known SID is still right.
  assert.equal(resolveGroup("Authenticated Users", lookup).sid, "S-1-5-11");
  assert.throws(() => resolveGroup("CORP\\Nope", lookup), /Windows does not know this account/);
  assert.equal(resolveGroup("S-1-5-11", lookup).sid, "S-1-5-11");
  assert.ok(!calls.includes("S-1-5-11"), "a SID is not looked up");
});
