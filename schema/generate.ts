/**
 * Writes schema/wfpsec-policy.schema.json from the policy field tables (modules/policy/fields.ts), the same
 * tables the validator uses. Run after changing the format: `deno run --allow-write schema/generate.ts`.
 * A unit test fails when the committed file differs from what this generates.
 */
import { jsonSchema } from "../modules/policy/fields.ts";

/** The schema file's exact text. */
export function schemaText(): string {
  return JSON.stringify(jsonSchema(), null, 2) + "\n";
}

if (import.meta.main) {
  Deno.writeTextFileSync(new URL("./wfpsec-policy.schema.json", import.meta.url), schemaText());
}
