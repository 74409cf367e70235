/**
 * Property: for any input — generated valid policies, the same policies mangled, and arbitrary YAML-ish
 * text — loadPolicy either returns a result or throws a PolicyError (never anything else), every
 * diagnostic has a sane position, accepted policies always compile, and the JSON Schema agrees: a
 * document the schema rejects is never accepted. 11,500 documents in total.
 */
import { ok } from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { compilePolicy, decompile } from "../../../modules/compiler/mod.ts";
import { jsonSchema, loadPolicy, PolicyError } from "../../../modules/policy/mod.ts";
import { schemaErrors } from "./schema_checker.ts";

const SCHEMA = jsonSchema();

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const addr = fc.oneof(
  v4,
  fc.tuple(v4, fc.integer({ min: 0, max: 33 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v4, v4).map(([a, b]) => `${a}-${b}`),
  fc.constantFrom("2001:db8::1", "fe80::/10", "::1", "2001:db8::/129", "10.0.0.0/8", "not-an-ip"),
);
const mmProp = fc.oneof(
  fc.tuple(
    fc.constantFrom("aes128", "aes256", "3des", "aesgcm256", "rc4"),
    fc.constantFrom("sha1", "sha256", "sha384", "md5"),
    fc.constantFrom("dh14", "ecp256", "ecp384", "dh2", "dh99"),
  )
    .map((p) => p.join("-")),
  fc.record({
    cipher: fc.constantFrom("aes256", "des"),
    integrity: fc.constantFrom("sha256", "sha1"),
    dh: fc.constantFrom("ecp384", "dh1"),
  }),
);
const qmProp = fc.oneof(
  fc.constantFrom(
    "esp-aesgcm256",
    "esp-aesgcm128",
    "esp-aes256-sha256",
    "ah-sha256",
    "ah-sha1",
    "esp-sha256",
    "ah-sha256+esp-aes128-sha1",
    "esp-3des-md5",
    "esp-foo",
  ),
  fc.record({ ah: fc.constantFrom("sha256", "sha1") }, { requiredKeys: [] }),
);
const auth = fc.constantFrom<unknown>(
  "kerberos",
  "ntlmv2",
  "anonymous",
  { psk: { env: "K" } },
  { psk: "inline" },
  { certificate: { rootCA: "CN=Root, O=Org" } },
  { certificate: { thumbprint: "0123456789abcdef0123456789abcdef01234567", store: "root" } },
);

const doc = fc.record({
  mm: fc.uniqueArray(
    fc.record({
      name,
      keyModule: fc.constantFrom("ikev1", "authip", "ikev2"),
      auth: fc.array(auth, { minLength: 1, maxLength: 3 }),
      proposals: fc.array(mmProp, { minLength: 1, maxLength: 2 }),
      lifetime: fc.option(fc.constantFrom(30, 3600, "8h", "3d"), { nil: undefined }),
    }),
    { selector: (m) => m.name, maxLength: 3 },
  ),
  qm: fc.uniqueArray(
    fc.record({
      name,
      proposals: fc.array(qmProp, { minLength: 1, maxLength: 2 }),
      natTraversal: fc.constantFrom("none", "general"),
      pfs: fc.constantFrom("none", "ecp384", "dh2"),
    }),
    { selector: (q) => q.name, maxLength: 2 },
  ),
  rules: fc.array(
    fc.record({
      name,
      remote: fc.option(fc.array(addr, { maxLength: 3 }), { nil: undefined }),
      local: fc.option(addr, { nil: undefined }),
      protocol: fc.option(fc.constantFrom("tcp", "udp", "icmp"), { nil: undefined }),
      localPorts: fc.option(fc.constantFrom(80, "8000-8080", "9-1", 70000), { nil: undefined }),
      inbound: fc.constantFrom("require", "request", "boundary", "clear"),
      outbound: fc.constantFrom("require", "request", "clear"),
      direction: fc.constantFrom("both", "inbound", "outbound"),
      requireEncryption: fc.boolean(),
      mmRef: fc.nat(3),
      qmRef: fc.nat(2),
    }),
    { maxLength: 4 },
  ),
  exemptions: fc.array(
    fc.oneof(fc.constantFrom<unknown>("icmp", "dhcp"), fc.record({ name, remote: addr })),
    { maxLength: 3 },
  ),
  weak: fc.boolean(),
}).map((g) => {
  const d: Record<string, unknown> = {
    version: 1,
    name: "prop",
    allowWeakCrypto: g.weak,
    mainMode: g.mm,
    quickMode: g.qm,
  };
  d.rules = g.rules.map((r) => {
    const { mmRef, qmRef, ...rest } = r;
    const out: Record<string, unknown> = {
      ...rest,
      mainMode: g.mm[mmRef]?.name ?? "missing",
      quickMode: g.qm[qmRef]?.name ?? "missing",
    };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  });
  d.exemptions = g.exemptions;
  return d;
});

/** Mangles a document: delete, retype or duplicate a random field somewhere. */
const mangled = fc.tuple(
  doc,
  fc.array(
    fc.tuple(fc.nat(), fc.constantFrom("delete", "string", "number", "null", "array", "object", "huge")),
    { minLength: 1, maxLength: 3 },
  ),
).map(([d, ops]) => {
  for (const [pick, op] of ops) {
    const nodes: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach((x, i) => (nodes.push([v, i]), walk(x)));
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) nodes.push([v as Record<string, unknown>, k]), walk(x);
      }
    };
    walk(d);
    if (!nodes.length) continue;
    const [parent, key] = nodes[pick % nodes.length];
    const set = (x: unknown) => ((parent as Record<string | number, unknown>)[key] = x);
    if (op === "delete") {
      Array.isArray(parent)
        ? parent.splice(key as number, 1)
        : delete (parent as Record<string, unknown>)[key as string];
    } else if (op === "string") set("zz");
    else if (op === "number") set(-1.5);
    else if (op === "null") set(null);
    else if (op === "array") set([1, "x", null]);
    else if (op === "object") set({ unexpected: { deep: [1] } });
    else set(Number.MAX_SAFE_INTEGER);
  }
  return d;
});

function check(text: string) {
  let result;
  try {
    result = loadPolicy(text, "prop.yaml");
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    ok(e.diagnostics.length > 0);
    for (const d of e.diagnostics) ok(d.line >= 1 && d.column >= 1 && d.code && d.message, JSON.stringify(d));
    return false;
  }
  compilePolicy(result.policy);
  return true;
}

Deno.test("3,000 generated policies (YAML and JSON): result or PolicyError; accepted ones compile; schema-invalid ones are refused", () => {
  let acceptedCount = 0;
  fc.assert(
    fc.property(doc, fc.boolean(), (d, asJson) => {
      const text = asJson ? JSON.stringify(d) : stringify(d);
      const accepted = check(text);
      if (accepted) acceptedCount++;
      // JSON round trip = the value the text holds (undefined members dropped, as YAML does).
      if (schemaErrors(SCHEMA, JSON.parse(JSON.stringify(d))).length) {
        ok(!accepted, "schema rejects but validator accepts");
      }
    }),
    { numRuns: 3000, seed: 6 },
  );
  // Mostly rejects by design (the valid-biased generator below covers acceptance).
  ok(acceptedCount > 0, "some generated policies are valid");
});

Deno.test("3,500 mangled policies (YAML and JSON): result or PolicyError; schema-invalid ones are refused", () => {
  fc.assert(
    fc.property(mangled, fc.boolean(), (d, asJson) => {
      // Both input paths: YAML, and JSON (the fast path that builds positions only on error).
      const text = asJson ? JSON.stringify(d) : stringify(d);
      const accepted = check(text);
      if (schemaErrors(SCHEMA, JSON.parse(JSON.stringify(d))).length) {
        ok(!accepted, "schema rejects but validator accepts");
      }
    }),
    { numRuns: 3500, seed: 7 },
  );
});

Deno.test("3,000 arbitrary texts (random YAML-ish and line-sliced policies): result or PolicyError", () => {
  const sample = stringify({
    version: 1,
    name: "x",
    mainMode: [{ name: "mm", keyModule: "authip", auth: ["kerberos"], proposals: ["aes256-sha256-ecp256"] }],
  });
  const lines = sample.split("\n");
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.array(
          fc.constantFrom(
            ...lines,
            "  - ",
            ": ",
            "[",
            "]",
            "{",
            "}",
            "&a",
            "*a",
            "!!binary",
            "\t",
            "---",
            "version: 1",
            "name: x",
          ),
          { maxLength: 20 },
        ).map((l) => l.join("\n")),
        fc.tuple(fc.nat(lines.length), fc.nat(lines.length)).map(([a, b]) =>
          lines.slice(Math.min(a, b), Math.max(a, b)).join("\n")
        ),
      ),
      (t) => void check(t),
    ),
    { numRuns: 3000, seed: 8 },
  );
});

/** Valid-by-construction policies: strong crypto, allowed security pairs, disjoint remote prefixes. */
const validDoc = fc.record({
  kms: fc.subarray(["authip", "ikev2", "ikev1"] as const, { minLength: 1 }),
  mmProps: fc.array(fc.constantFrom("aes256-sha256-ecp384", "aes128-sha384-dh14", "aes256-sha256-dh24"), {
    minLength: 1,
    maxLength: 3,
  }),
  qmProps: fc.array(
    fc.constantFrom("esp-aesgcm256", "esp-aes256-sha256", "esp-aesgcm128", "ah-sha256+esp-aes128-sha256"),
    { minLength: 1, maxLength: 3 },
  ),
  pfs: fc.constantFrom("none", "ecp384", "dh14", "mm"),
  lifetime: fc.integer({ min: 300, max: 172800 }),
  rules: fc.array(
    fc.record({
      pair: fc.constantFrom(
        ["require", "require"],
        ["require", "request"],
        ["request", "request"],
        ["boundary", "request"],
        ["request", "clear"],
      ),
      // require/clear and one-sided directions are refused (issue 12 rule 9, validator "security-pair",
      // "one-sided-rule"); "both" is the only valid direction.
      direction: fc.constantFrom("both"),
      v6: fc.boolean(),
      prefix: fc.integer({ min: 16, max: 32 }),
      tcpPort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      encrypt: fc.boolean(),
      program: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  exemptions: fc.subarray(["icmp", "dhcp"]),
}).map((g) => {
  const mm = g.kms.map((km) => ({
    name: `mm-${km}`,
    keyModule: km,
    auth: km === "ikev2"
      ? [{ certificate: { rootCA: "CN=Root, O=Org" } }]
      : ["kerberos", { certificate: { rootCA: "CN=Root, O=Org", eku: ["1.3.6.1.5.5.7.3.1"] } }],
    proposals: g.mmProps,
  }));
  const onlyEsp = g.qmProps.filter((p) => !p.startsWith("ah-"));
  const qm = [{
    name: "qm",
    proposals: onlyEsp.length ? onlyEsp : ["esp-aesgcm256"],
    pfs: g.pfs,
    lifetime: { seconds: g.lifetime < 600 ? 600 : g.lifetime, kilobytes: 100000 },
  }];
  const rules = g.rules.map((r, i) => {
    const remote = r.v6 ? `2001:db8:${i.toString(16)}::/48` : `10.${i}.0.0/${r.prefix}`.replace(/\/32$/, "");
    const out: Record<string, unknown> = {
      name: `r${i}`,
      remote,
      inbound: r.pair[0],
      outbound: r.pair[1],
      direction: r.direction,
      mainMode: mm.map((m) => m.name),
      quickMode: "qm",
    };
    if (r.tcpPort !== undefined) Object.assign(out, { protocol: "tcp", localPorts: r.tcpPort });
    if (r.encrypt) out.requireEncryption = true;
    if (r.program && ((r.pair as readonly string[]).includes("require") || r.encrypt)) {
      out.program = "C:\\app\\a.exe";
    }
    return out;
  });
  return { version: 1, name: "valid", mainMode: mm, quickMode: qm, rules, exemptions: g.exemptions };
});

Deno.test("2,000 valid-by-construction policies: accepted, compiled, and compile(decompile(compile(d))) == compile(d)", () => {
  const canon = (x: unknown) =>
    JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
  fc.assert(
    fc.property(validDoc, fc.boolean(), (d, asJson) => {
      const { policy } = loadPolicy(asJson ? JSON.stringify(d) : stringify(d), "valid.yaml");
      const g = compilePolicy(policy);
      const again = compilePolicy(loadPolicy(JSON.stringify(decompile(g)), "export.json").policy);
      ok(canon(again) === canon(g), "round trip changed the graph");
    }),
    { numRuns: 2000, seed: 9 },
  );
});
