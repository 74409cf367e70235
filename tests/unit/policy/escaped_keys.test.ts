/**
 * Property: a key repeated under another spelling (escapes in JSON, escapes in a double-quoted YAML key) is
 * still the same key, so the document is refused as `duplicate-key` rather than the later value winning.
 * 10,000 generated documents (5,000 JSON, 5,000 YAML) from a fixed seed.
 */
import { equal, fail, ok } from "node:assert/strict";
import { loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["version", "name", "description", "rules", "mainMode", "quickMode"];
const hex4 = (c: number) => c.toString(16).padStart(4, "0");

/** Some characters of `k` written as escapes, at least one. */
function spell(k: string, r: () => number, yaml: boolean): string {
  const forced = Math.floor(r() * k.length);
  let out = "";
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (i !== forced && r() < 0.5) out += k[i];
    else if (yaml && r() < 0.5) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += "\\u" + (r() < 0.5 ? hex4(c) : hex4(c).toUpperCase());
  }
  return out;
}

function refusedAsDuplicate(text: string): void {
  try {
    loadPolicy(text, "gen");
  } catch (e) {
    ok(e instanceof PolicyError, `untyped error for ${text}: ${e}`);
    ok(e.diagnostics.some((d) => d.code === "duplicate-key"), `no duplicate-key for ${text}`);
    return;
  }
  fail(`accepted: ${text}`);
}

Deno.test("a JSON key repeated with escapes is a duplicate key (5,000 documents)", () => {
  const r = rng(13);
  for (let n = 0; n < 5000; n++) {
    const k = KEYS[Math.floor(r() * KEYS.length)];
    const members = ['"version": 1', '"name": "x"'].filter((m) => !m.startsWith(`"${k}"`));
    const first = r() < 0.5 ? `"${k}"` : `"${spell(k, r, false)}"`;
    const again = `"${spell(k, r, false)}"`;
    const all = [...members, `${first}: 1`];
    all.splice(Math.floor(r() * (all.length + 1)), 0, `${again}: 2`);
    const body = `{${all.join(", ")}}`;
    refusedAsDuplicate(r() < 0.5 ? body : `{"rules": [${body}], "version": 1, "name": "y"}`);
  }
});

Deno.test("a YAML key repeated with escapes is a duplicate key (5,000 documents)", () => {
  const r = rng(31);
  for (let n = 0; n < 5000; n++) {
    const k = KEYS[Math.floor(r() * KEYS.length)];
    const first = r() < 0.5 ? k : `"${spell(k, r, true)}"`;
    const again = `"${spell(k, r, true)}"`;
    refusedAsDuplicate(`version: 1\nname: x\n${first}: 1\n${again}: 2\n`);
  }
});

Deno.test("an escaped key that is not a repeat stays accepted", () => {
  const { policy } = loadPolicy('{"version": 1, "\\u006eame": "x"}', "gen");
  equal(policy.name, "x");
});
