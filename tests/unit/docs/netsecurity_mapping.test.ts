/**
 * docs/netsecurity-mapping.md names wfpsec fields as backticked paths from the document root (`rules.inbound`,
 * `mainMode.auth.certificate.rootCA`), optionally with `=value` for an enumerated value (`quickMode.pfs=mm`).
 * These tests resolve every such path and value against the field tables (modules/policy/fields.ts), so a
 * misspelled field or value in the doc fails here; and its YAML examples must pass full validation.
 */
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { parse } from "yaml";
import { DEFS, ROOT, type Spec } from "../../../modules/policy/fields.ts";
import { loadPolicy } from "../../../modules/policy/mod.ts";

const DOC = Deno.readTextFileSync(new URL("../../../docs/netsecurity-mapping.md", import.meta.url));

/** A backticked field path: dotted identifiers, first one a top-level key, optional `=value`. */
const PATH = /^([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)(?:=([A-Za-z0-9-]+))?$/;

const deref = (s: Spec): Spec => s.t === "ref" ? DEFS[s.name] as Spec : s;

/** Every spec a value at this node may be described by, looking through refs, lists and alternatives. */
function expand(s: Spec, out: Spec[] = []): Spec[] {
  const r = deref(s);
  if (r.t === "array") return expand(r.items, out);
  if (r.t === "oneOf") {
    for (const o of r.of) expand(o, out);
    return out;
  }
  out.push(r);
  return out;
}

/** Problems with one `path[=value]`, or "" when it names a real field (and an allowed value). */
function fieldProblem(token: string): string {
  const m = PATH.exec(token);
  if (!m) return `not a field path: ${token}`;
  let specs: Spec[] = [ROOT];
  for (const seg of m[1].split(".")) {
    const next: Spec[] = [];
    for (const s of specs.flatMap((x) => expand(x))) {
      if (s.t === "object" && Object.hasOwn(s.props, seg)) next.push(s.props[seg]);
    }
    if (!next.length) return `${m[1]}: no field '${seg}'`;
    specs = next;
  }
  if (m[2] !== undefined) {
    const enums = specs.flatMap((x) => expand(x)).flatMap((s) => s.t === "string" && s.enum ? s.enum : []);
    if (!enums.length) return `${m[1]} has no enumerated values, so '=${m[2]}' cannot be checked`;
    if (!enums.includes(m[2])) return `${m[1]}: '${m[2]}' is not one of ${enums.join(", ")}`;
  }
  return "";
}

/** Inline code spans outside fenced blocks that look like field paths. */
function fieldTokens(md: string): string[] {
  const prose = md.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((x) => x[1]).filter((t) => PATH.test(t));
}

Deno.test("every field path the mapping names exists in the field tables, with its values", () => {
  const tokens = fieldTokens(DOC);
  // The doc maps dozens of parameters; far fewer paths means the extraction broke, not that all is well.
  ok(new Set(tokens).size >= 60, `only ${new Set(tokens).size} field paths found`);
  const bad = [...new Set(tokens)].map(fieldProblem).filter((p) => p !== "");
  deepStrictEqual(bad, []);
});

Deno.test("the resolver rejects misspelled fields and values (so the doc check can fail)", () => {
  equal(fieldProblem("rules.inbound"), "");
  equal(fieldProblem("mainMode.auth.certificate.rootCA"), "");
  equal(fieldProblem("quickMode.proposals.esp.cipher=aesgcm256"), "");
  equal(fieldProblem("quickMode.idleTimeout.failover"), "");
  ok(fieldProblem("rules.inbond").includes("no field 'inbond'"));
  ok(fieldProblem("rule.inbound").includes("no field 'rule'"));
  ok(fieldProblem("mainMode.auth.certificate.rootCa").includes("no field 'rootCa'"));
  ok(fieldProblem("quickMode.pfs=dh19").includes("'dh19' is not one of"));
  ok(fieldProblem("rules.description=x").includes("no enumerated values"));
  // A field path must name the field, not pass through a leaf.
  ok(fieldProblem("rules.name.value").includes("no field 'value'"));
});

Deno.test("the mapping's YAML examples are valid policies", () => {
  const blocks = [...DOC.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((x) => x[1]);
  ok(blocks.length >= 3, `only ${blocks.length} YAML examples found`);
  for (const b of blocks) {
    const v = parse(b) as Record<string, unknown>;
    // Fragments (one section) are validated inside a minimal document; loadPolicy throws on any error.
    loadPolicy(JSON.stringify({ version: 1, name: "doc", ...v }), "netsecurity-mapping.md");
  }
});
