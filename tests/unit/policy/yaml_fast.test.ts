/**
 * The fast block-YAML reader (modules/policy/yamlFast.ts) against npm:yaml: whenever it accepts a text, npm:yaml
 * reads that text without errors, to the same value, with every key and value at the same offset as
 * npm:yaml's node ranges (what loadPolicy's error positions come from); whenever npm:yaml reports an error,
 * the reader gives up. Checked on the examples, on wfpsec's own output (templates, export), on edge cases,
 * on random documents in random styles and on random mutations of them.
 */
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import fc from "fast-check";
import { type Document, type Node, parseDocument, stringify } from "yaml";
import { parseBlockYaml } from "../../../modules/policy/yamlFast.ts";
import { nodeOffset } from "../../../modules/policy/yamlDoc.ts";
import { newPolicyDocument } from "../../../modules/policy/mod.ts";

type Path = (string | number)[];

/** Offset of the node at `path` as loadPolicy's npm:yaml locator finds it (yamlDoc.ts `nodeOffset`). */
function yamlOffset(doc: Document.Parsed, path: Path, atKey: boolean): number {
  return nodeOffset(doc.contents as Node | null | undefined, path, atKey);
}

/** Every path into a value (and one past the end of each container, and a missing key). */
function paths(v: unknown, base: Path = [], out: Path[] = []): Path[] {
  out.push(base);
  if (Array.isArray(v)) {
    v.forEach((x, i) => paths(x, [...base, i], out));
    out.push([...base, v.length]);
  } else if (typeof v === "object" && v !== null) {
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...base, k], out);
    out.push([...base, "no-such-key"]);
  }
  return out;
}

/** The property, for one text. Returns whether the fast reader accepted it. */
function agrees(text: string): boolean {
  const fast = parseBlockYaml(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    equal(fast, undefined, `accepted a text npm:yaml refuses (${doc.errors[0].code}):\n${text}`);
    return false;
  }
  if (!fast) return false;
  const value = doc.toJS({ maxAliasCount: 50 });
  deepStrictEqual(fast.value, value, `value differs:\n${text}`);
  for (const p of paths(value)) {
    for (const atKey of [false, true]) {
      equal(
        fast.locate(p, atKey),
        yamlOffset(doc, p, atKey),
        `offset of ${JSON.stringify(p)} (atKey ${atKey}):\n${text}`,
      );
    }
  }
  return true;
}

Deno.test("fast YAML: every example policy is in the subset and reads as npm:yaml reads it", () => {
  const dir = new URL("../../../examples/", import.meta.url);
  let n = 0;
  for (const e of Deno.readDirSync(dir)) {
    if (!e.name.endsWith(".yaml")) continue;
    const text = Deno.readTextFileSync(new URL(e.name, dir));
    ok(agrees(text), `${e.name} should be in the fast subset`);
    ok(agrees(text.replaceAll("\n", "\r\n")), `${e.name} with CRLF`);
    n++;
  }
  ok(n >= 8, `${n} examples`);
});

Deno.test("fast YAML: wfpsec's own output (templates, export style) is in the subset", () => {
  for (const kind of ["domain", "server", "boundary", "encryption"] as const) {
    ok(
      agrees(newPolicyDocument(kind, { auth: "certificate:CN=Root, O=Corp", remote: ["10.0.0.0/8", "::1"] })),
    );
  }
  ok(
    agrees(stringify({ version: 1, name: "x", rules: [{ name: "a", localPorts: [1, "2-3"], remote: [] }] })),
  );
});

Deno.test("fast YAML: edge cases agree with npm:yaml (accepted or left to it)", () => {
  const accepted = [
    "a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5\nf: .5\ng: 1e3\nh: .inf\ni: -.Inf\nj: .nan\nk: +7\n",
    "a: true\nb: False\nc: null\nd: ~\ne: Null\nf: yes\ng: no\nh: on\n",
    "a:\nb:   \nc: # comment\nd: x # comment\ne: x#not-a-comment\n",
    "a: 'it''s'\nb: \"q\"\nc: ''\nd: \"\"\ne: 'x' # c\n",
    "k: [a, b ,c]\nm: { x: 1 , y: }\nn: []\no: {}\np: [[1, 2], {q: r}]\n",
    "list:\n- a\n-\n- x\n",
    "list:\n  - name: a\n    v: 1\n  -\n    name: b\n  - c\nnext: 2\n",
    "a:\n  b:\n    c: d\n  e: f\ng: h\n",
    "__proto__: x\nconstructor: y\ntoString: z\n",
    "url: http://example.com/a?b=c\nsddl: D:(A;;0x1;;;S-1-5-11)\nplain: a, b ] } c\n",
    "a: 10.0.0.0/8\nb: 2001:db8::1\nc: fe80::/10\nd: 1.2.3.4-1.2.3.9\ne: -x\nf: :x\ng: ?x\n",
    "# head\n\n   # indented comment\na: 1\n\n\nb: 2\n# tail\n",
    "a: x   \n",
    "- a\n- b\n",
  ];
  for (const t of accepted) agrees(t);
  for (const t of accepted.slice(0, 12)) ok(agrees(t), `should be in the subset:\n${t}`);
  const given = [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a: foo\n  bar\n",
    "a: 'x\n  y'\n",
    'a: "\\u0041"\n',
    '"\\u0069nbound": x\n',
    "a: [1,\n 2]\n",
    "\ta: 1\n",
    "a:\t1\n",
    "a: 1\n\tb: 2\n",
    "? a\n: b\n",
    "\ufeffa: 1\n",
    "a: [1, 2, ]\n",
    "a: [1,,2]\n",
    "a: [b: c]\n",
    "a: {b}\n",
    "a:1\n",
    " a: 1\n",
    "a: 1\n b: 2\n",
    "a:\n  - 1\n  b: 2\n",
    "- a\nb: 1\n",
    "a: x\rb: y\n",
    "1: a\n",
    "true: a\n",
    "null: a\n",
    "a: b\u0000\n",
    "a: @x\n",
    "a: `x`\n",
    "a: %x\n",
    "a: - b\n",
    "a: [a] b\n",
    "a: 'x'y\n",
    "a: 'x'#c\n",
    "",
    "# only a comment\n",
    "[1, 2]\n",
    "{ a: 1 }\n",
    "x\n",
    "a: { b: 1 }}\n",
    "a: [ ]]\n",
  ];
  for (const t of given) {
    agrees(t);
    equal(parseBlockYaml(t), undefined, `should be left to npm:yaml:\n${JSON.stringify(t)}`);
  }
});

// ---- random documents in random styles ----
const keyArb = fc.oneof(
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,6}$/),
  fc.constantFrom(
    "name",
    "rules",
    "true",
    "null",
    "__proto__",
    "a b",
    "k:",
    "-x",
    "1",
    "0",
    "01",
    "4294967295",
  ),
);
const scalarArb = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }),
  fc.constantFrom(true, false, null, 1.5, -0.25, 1e21),
  fc.stringMatching(/^[a-z0-9./:-]{1,12}$/),
  fc.string({
    unit: fc.constantFrom(
      "a",
      " ",
      ":",
      "#",
      "-",
      "'",
      '"',
      "[",
      "]",
      "{",
      "}",
      ",",
      "&",
      "*",
      "!",
      "|",
      ">",
      "%",
      "@",
      "\t",
      "\\",
      "x",
      "1",
      ".",
    ),
    maxLength: 8,
  }),
);
type Tree = unknown;
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarArb,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(keyArb, tie("tree"), { maxKeys: 4 }),
  ),
}));
const styleArb = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  flowDepth: fc.integer({ min: 0, max: 3 }),
  quote: fc.constantFrom("plain", "single", "double", "mixed"),
  seqIndent: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
});

type Style = typeof styleArb extends fc.Arbitrary<infer S> ? S : never;

/** Renders a tree as YAML by hand (may well be invalid YAML: the property covers that too). */
function render(v: Tree, s: Style): string {
  const sc = (x: unknown, i: number): string => {
    if (typeof x !== "string") return String(x);
    const q = s.quote === "mixed" ? ["plain", "single", "double"][i % 3] : s.quote;
    if (q === "single") return `'${x.replaceAll("'", "''")}'`;
    if (q === "double") return JSON.stringify(x);
    return x;
  };
  const key = (k: string, i: number) => (s.quote === "plain" ? k : sc(k, i));
  const flow = (x: unknown, i: number): string =>
    Array.isArray(x)
      ? `[${x.map(flow).join(", ")}]`
      : typeof x === "object" && x !== null
      ? `{ ${Object.entries(x).map(([k, y], j) => `${key(k, j)}: ${flow(y, j)}`).join(", ")} }`
      : sc(x, i);
  const lines: string[] = [];
  const block = (x: unknown, depth: number, pad: string) => {
    const isColl = typeof x === "object" && x !== null;
    const empty = isColl && Object.keys(x as object).length === 0;
    if (Array.isArray(x) && !empty && depth >= s.flowDepth) {
      x.forEach((y, i) => {
        const yc = typeof y === "object" && y !== null && Object.keys(y).length > 0 &&
          depth + 1 >= s.flowDepth;
        if (yc) {
          lines.push(`${pad}-${s.comments && i === 0 ? " # item" : ""}`);
          block(y, depth + 1, pad + " ".repeat(s.indent + 1));
        } else lines.push(`${pad}- ${yc ? "" : flow(y, i)}`);
      });
    } else if (isColl && !Array.isArray(x) && !empty && depth >= s.flowDepth) {
      Object.entries(x as object).forEach(([k, y], i) => {
        const yc = typeof y === "object" && y !== null && Object.keys(y).length > 0 &&
          depth + 1 >= s.flowDepth;
        if (yc) {
          lines.push(`${pad}${key(k, i)}:${s.comments ? " # c" : ""}`);
          if (s.comments) lines.push(`${pad}  # between`);
          block(y, depth + 1, Array.isArray(y) && !s.seqIndent ? pad : pad + " ".repeat(s.indent));
        } else lines.push(`${pad}${key(k, i)}: ${flow(y, i)}${s.comments && i % 2 ? " # c" : ""}`);
      });
    } else lines.push(`${pad}value: ${flow(x, 0)}`);
  };
  block(v, 0, "");
  const text = lines.join("\n") + "\n";
  return s.crlf ? text.replaceAll("\n", "\r\n") : text;
}

Deno.test("fast YAML: random documents in random styles agree with npm:yaml", () => {
  let accepted = 0;
  fc.assert(
    fc.property(tree, styleArb, (t, s) => {
      if (agrees(render(t, s))) accepted++;
    }),
    { numRuns: 1500 },
  );
  ok(accepted > 300, `only ${accepted} of 1500 random documents were in the subset`);
});

Deno.test("fast YAML: random mutations of valid documents agree with npm:yaml", () => {
  const edits = fc.array(
    fc.record({
      at: fc.nat(),
      del: fc.integer({ min: 0, max: 2 }),
      ins: fc.constantFrom(
        "",
        " ",
        "  ",
        "\n",
        "- ",
        ": ",
        "#",
        " #",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "\t",
        "\r",
        "|",
        "---\n",
        "a",
        "?",
        "\\",
      ),
    }),
    { minLength: 1, maxLength: 3 },
  );
  fc.assert(
    fc.property(tree, styleArb, edits, (t, s, es) => {
      let text = render(t, s);
      for (const e of es) {
        const at = text.length ? e.at % text.length : 0;
        text = text.slice(0, at) + e.ins + text.slice(at + e.del);
      }
      agrees(text);
    }),
    { numRuns: 3000 },
  );
});
