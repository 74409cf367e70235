/** "Did you mean": which known name a mistyped one was meant to be, and when there is no good guess. */
import assert from "node:assert/strict";
import { levenshtein, suggest } from "../../../modules/render/suggest.ts";

Deno.test("levenshtein counts insertions, deletions and substitutions", () => {
  assert.equal(levenshtein("", ""), 0);
  assert.equal(levenshtein("plan", "plan"), 0);
  assert.equal(levenshtein("plam", "plan"), 1);
  assert.equal(levenshtein("valdate", "validate"), 1);
  assert.equal(levenshtein("kitten", "sitting"), 3);
  assert.equal(levenshtein("", "abc"), 3);
});

Deno.test("suggest prefers a unique prefix, then the nearest name within a third of its length", () => {
  const opts = ["--engine", "--sim-state", "--state", "--json", "--help"];
  assert.equal(suggest("--sim", opts), "--sim-state");
  assert.equal(suggest("--stat", opts), "--state");
  assert.equal(suggest("--jsn", opts), "--json");
  assert.equal(suggest("--JSON", opts), "--json");
  assert.equal(suggest("--enigne", opts), "--engine");
  // Ambiguous prefix: the nearest by distance decides ("--s" is a prefix of both --sim-state and --state).
  assert.equal(suggest("--s", opts), undefined);
  assert.equal(suggest("--zzzzzz", opts), undefined);
  assert.equal(suggest("", opts), undefined);
  assert.equal(suggest("plam", ["validate", "plan", "apply"]), "plan");
  assert.equal(suggest("xyz", ["validate", "plan", "apply"]), undefined);
});
