/**
 * Input that would silently change meaning is refused: an authorization SDDL with no DACL, a DACL whose
 * WORD size fields would wrap, integers and durations beyond the UINT32 they land in, control characters
 * in a program path, NUL in any string, inherited property names taken as fields, and strings of
 * pathological length. Each refusal is a located diagnostic (`@@` marks the expected line:column).
 */
import { equal, ok, throws } from "node:assert/strict";
import { loadPolicy } from "../../../modules/policy/mod.ts";
import { refusedAt } from "../../support/policyDiagnostics.ts";
import { MAX_ACL_BYTES, SddlError, sddlToSecurityDescriptor } from "../../../ffi/sddl.ts";
import { MAX_DESCRIPTION, MAX_STRING, U32_MAX } from "../../../modules/policy/fields.ts";

const HEAD = "version: 1\nname: bad\n";
const MM =
  "mainMode:\n  - name: mm\n    keyModule: authip\n    auth: [kerberos]\n    proposals: [aes256-sha256-ecp256]\n";
const QM = "quickMode:\n  - name: qm\n    proposals: [esp-aesgcm256]\n";
const rule = (extra: string) =>
  `rules:\n  - name: r\n    inbound: require\n    outbound: request\n    mainMode: mm\n    quickMode: qm\n${extra}`;
const ok1 = HEAD + MM + QM;
const mmWith = (line: string) => HEAD + MM + `    ${line}\n` + QM;
const qmWith = (line: string) => HEAD + MM + QM + `    ${line}\n`;

/** `n` allow ACEs for distinct SIDs with five sub-authorities (8 + 28 = 36 bytes each). */
const aces = (n: number) => Array.from({ length: n }, (_, i) => `(A;;0x1;;;S-1-5-21-1-2-3-${i})`).join("");
const aceBytes = 36;
const fitting = Math.floor((MAX_ACL_BYTES - 8) / aceBytes);

interface Case {
  name: string;
  text: string;
  code: string;
  path: string;
}

const cases: Case[] = [
  {
    name: "authorization SDDL with an owner and no DACL",
    text: ok1 + rule("    authorization:\n      machines: @@O:BA\n"),
    code: "sddl-no-dacl",
    path: "rules[0].authorization.machines",
  },
  {
    name: "user authorization SDDL with only a SACL",
    text: ok1 + rule("    authorization:\n      users: @@S:(AU;SA;0x1;;;WD)\n"),
    code: "sddl-no-dacl",
    path: "rules[0].authorization.users",
  },
  {
    name: "DACL over 64 KiB",
    text: ok1 + rule(`    authorization:\n      machines: @@"D:${aces(fitting + 1)}"\n`),
    code: "bad-sddl",
    path: "rules[0].authorization.machines",
  },
  {
    name: "ndAllowClearTimeout of 2^32",
    text: qmWith("ndAllowClearTimeout: @@4294967296"),
    code: "range",
    path: "quickMode[0].ndAllowClearTimeout",
  },
  {
    name: "quickModeLimit of 2^32",
    text: mmWith("quickModeLimit: @@4294967296"),
    code: "range",
    path: "mainMode[0].quickModeLimit",
  },
  {
    name: "retransmit of 2^32 seconds",
    text: mmWith("retransmit: @@4294967296"),
    code: "range",
    path: "mainMode[0].retransmit",
  },
  {
    name: "retransmit as a duration string past 2^32 seconds",
    text: mmWith("retransmit: @@99999999d"),
    code: "range",
    path: "mainMode[0].retransmit",
  },
  {
    name: "soft expiration as a huge duration string",
    text: mmWith("softExpiration: @@49711d"),
    code: "range",
    path: "mainMode[0].softExpiration",
  },
  {
    name: "quick-mode lifetime in kilobytes past 2^32",
    text: qmWith("lifetime: { kilobytes: @@1e300 }"),
    code: "range",
    path: "quickMode[0].lifetime.kilobytes",
  },
  {
    name: "idle timeout past 2^32",
    text: qmWith("idleTimeout: @@4294967296"),
    code: "range",
    path: "quickMode[0].idleTimeout",
  },
  {
    name: "program with a NUL",
    text: ok1 + rule('    program: @@"C:\\\\Apps\\\\good.exe\\0C:\\\\evil.exe"\n'),
    code: "bad-program",
    path: "rules[0].program",
  },
  {
    name: "program with a tab",
    text: ok1 + rule('    program: @@"C:\\\\Apps\\\\a\\tb.exe"\n'),
    code: "bad-program",
    path: "rules[0].program",
  },
  {
    name: "description with a NUL",
    text: HEAD.replace("name: bad\n", 'name: bad\ndescription: @@"shown\\0hidden"\n'),
    code: "nul-char",
    path: "description",
  },
  {
    name: "field named constructor",
    text: HEAD + "@@constructor: 1\n",
    code: "unknown-field",
    path: "constructor",
  },
  {
    name: "field named prototype in a rule",
    text: ok1 + rule("    @@prototype: 1\n"),
    code: "unknown-field",
    path: "rules[0].prototype",
  },
  {
    name: "field named __proto__",
    text: HEAD + "@@__proto__: { a: 1 }\n",
    code: "unknown-field",
    path: "__proto__",
  },
  {
    name: "JSON field named __proto__",
    text: '{"version": 1, "name": "x", @@"__proto__": {"name": "y"}}',
    code: "unknown-field",
    path: "__proto__",
  },
  {
    name: "description past its limit",
    text: HEAD + `description: @@${"d".repeat(MAX_DESCRIPTION + 1)}\n`,
    code: "too-long",
    path: "description",
  },
  {
    name: "other string past the general limit",
    text: ok1 + rule("").replace("quickMode: qm\n", `quickMode: @@${"q".repeat(MAX_STRING + 1)}\n`),
    code: "too-long",
    path: "rules[0].quickMode",
  },
];

for (const c of cases) {
  Deno.test(`bounds: ${c.name} -> ${c.code}`, () => {
    const hit = refusedAt(c.text, c.code, c.path);
    ok(hit.message.length > 20 && hit.message.length < 400, "a short message that says what is allowed");
  });
}

Deno.test("bounds: values at the limits are accepted", () => {
  const { policy: p } = loadPolicy(
    HEAD + `description: ${"d".repeat(MAX_DESCRIPTION)}\n` + MM +
      `    quickModeLimit: ${U32_MAX}\n    retransmit: 49710d\n` + QM +
      `    ndAllowClearTimeout: ${U32_MAX}\n` +
      rule(
        `    authorization:\n      machines: "D:${
          aces(fitting)
        }"\n    program: "C:\\\\Program Files\\\\App\\\\app.exe"\n`,
      ),
    "edge.yaml",
  );
  equal(p.description?.length, MAX_DESCRIPTION);
  equal(p.mainMode[0].quickModeLimit, U32_MAX);
  equal(p.mainMode[0].retransmitSeconds, 49710 * 86400);
  equal(p.quickMode[0].ndAllowClearTimeout, U32_MAX);
  equal(p.rules[0].program, "C:\\Program Files\\App\\app.exe");
});

Deno.test("SDDL encoder: a DACL at 64 KiB - 1 encodes, one more ACE is a typed SddlError", () => {
  const sd = sddlToSecurityDescriptor(`D:${aces(fitting)}`);
  const dv = new DataView(sd.buffer);
  const dacl = dv.getUint32(16, true);
  equal(dv.getUint16(dacl + 2, true), 8 + fitting * aceBytes, "AclSize is the real size");
  equal(dv.getUint16(dacl + 4, true), fitting, "AceCount is the real count");
  throws(
    () => sddlToSecurityDescriptor(`D:${aces(fitting + 1)}`),
    (e: unknown) => e instanceof SddlError && /at most 65535 bytes/.test(e.message),
  );
  throws(
    () => sddlToSecurityDescriptor(`S:${aces(fitting + 1).replaceAll("(A;;", "(AU;SA;")}`),
    (e: unknown) => e instanceof SddlError && /SACL/.test(e.message),
  );
});

Deno.test("the generated JSON Schema bounds integers, descriptions and strings", async () => {
  const schema = JSON.parse(
    await Deno.readTextFile(new URL("../../../schema/wfpsec-policy.schema.json", import.meta.url)),
  );
  const qm = schema.$defs.quickMode.properties;
  equal(qm.ndAllowClearTimeout.maximum, U32_MAX);
  equal(schema.$defs.mainMode.properties.quickModeLimit.maximum, U32_MAX);
  equal(schema.properties.description.maxLength, MAX_DESCRIPTION);
  equal(schema.$defs.rule.properties.quickMode.maxLength, MAX_STRING);
});
