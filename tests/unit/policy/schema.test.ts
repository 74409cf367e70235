/**
 * The editor JSON Schema (schema/wfpsec-policy.schema.json) is generated from the validator's field tables;
 * these tests check the committed file is current, and that an independent JSON Schema checker (the subset
 * of draft 2020-12 the schema uses, written here) agrees with the validator on examples and bad input.
 */
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { parse } from "yaml";
import { jsonSchema, loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";
import { type S, schemaErrors } from "./schema_checker.ts";

const ROOT = new URL("../../../", import.meta.url);
const SCHEMA = jsonSchema();

Deno.test("the committed schema file is exactly what the field tables generate", () => {
  const onDisk = JSON.parse(Deno.readTextFileSync(new URL("schema/wfpsec-policy.schema.json", ROOT)));
  deepStrictEqual(onDisk, SCHEMA, "run: deno run --allow-write schema/generate.ts");
  equal(onDisk.$schema, "https://json-schema.org/draft/2020-12/schema");
});

for (const e of [...Deno.readDirSync(new URL("examples/", ROOT))].filter((x) => x.name.endsWith(".yaml"))) {
  Deno.test(`example ${e.name} validates against the JSON Schema and the validator`, () => {
    const text = Deno.readTextFileSync(new URL(`examples/${e.name}`, ROOT));
    deepStrictEqual(schemaErrors(SCHEMA, parse(text)), []);
    loadPolicy(text, e.name);
  });
}

Deno.test("structural mistakes are rejected by the schema checker and by the validator alike", () => {
  const base = {
    version: 1,
    name: "s",
    mainMode: [{ name: "mm", keyModule: "authip", auth: ["kerberos"], proposals: ["aes256-sha256-ecp256"] }],
    quickMode: [{ name: "qm", proposals: ["esp-aesgcm256"] }],
    rules: [{ name: "r", inbound: "require", outbound: "request", mainMode: "mm", quickMode: "qm" }],
  };
  deepStrictEqual(schemaErrors(SCHEMA, base), []);
  const mutations: [string, (d: Record<string, unknown>) => void][] = [
    ["version 2", (d) => (d.version = 2)],
    ["unknown field", (d) => (d.extra = true)],
    ["inline psk", (d) => ((d.mainMode as S[])[0].auth = [{ psk: "secret" }])],
    ["psk both refs", (d) => ((d.mainMode as S[])[0].auth = [{ psk: { env: "A", file: "/b" } }])],
    ["bad key module", (d) => ((d.mainMode as S[])[0].keyModule = "ikev9")],
    ["empty proposals", (d) => ((d.quickMode as S[])[0].proposals = [])],
    ["port range", (d) => Object.assign((d.rules as S[])[0], { protocol: "tcp", localPorts: [70000] })],
    ["rule without inbound", (d) => delete (d.rules as S[])[0].inbound],
    ["proposal shape", (d) => ((d.mainMode as S[])[0].proposals = ["aes256"])],
  ];
  for (const [what, mutate] of mutations) {
    const d = structuredClone(base) as Record<string, unknown>;
    mutate(d);
    ok(schemaErrors(SCHEMA, d).length > 0, `schema accepts: ${what}`);
    let refused = false;
    try {
      loadPolicy(JSON.stringify(d), `${what}.json`);
    } catch (e) {
      refused = e instanceof PolicyError;
    }
    ok(refused, `validator accepts: ${what}`);
  }
  // Issue 15: a rule without mainMode/quickMode is valid for both (Windows' defaults, windowsDefaults.ts).
  const d = structuredClone(base) as Record<string, unknown>;
  delete (d.rules as S[])[0].quickMode;
  delete (d.rules as S[])[0].mainMode;
  deepStrictEqual(schemaErrors(SCHEMA, d), []);
  ok(loadPolicy(JSON.stringify(d), "defaults.json").policy.rules.length === 1);
});
