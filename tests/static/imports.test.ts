/**
 * The import rules of docs/architecture.md, checked on the module graph Deno itself resolves
 * (`deno info --json` of every product and test file): the layers point one way, each concept folder is
 * entered through its `mod.ts`, and only ffi/ opens native libraries.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const DENO = Deno.execPath();

interface Edge {
  from: string;
  to: string;
  /** `import()` (lazy) rather than a static import. */
  dynamic: boolean;
  /** `import type`: erased at run time. */
  typeOnly: boolean;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(join(ROOT, d))) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) {
        if (p !== "tests/support/fwpsim") walk(p);
      } else if (p.endsWith(".ts")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const PRODUCT = ["cli.ts", "mod.ts", ...filesUnder("ffi"), ...filesUnder("modules")];
const TESTS = [...filesUnder("tests"), ...filesUnder("bench")];

/** Every edge between repository files reachable from `files`, as Deno resolves them. */
function moduleGraph(files: string[]): Edge[] {
  const entry = join(ROOT, `.imports-entry-${crypto.randomUUID()}.ts`);
  Deno.writeTextFileSync(entry, files.map((f) => `import "./${f}";`).join("\n") + "\n");
  try {
    const out = new Deno.Command(DENO, {
      args: ["info", "--json", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: {
        specifier: string;
        dependencies?: {
          specifier: string;
          isDynamic?: boolean;
          code?: { specifier: string };
          type?: { specifier: string };
        }[];
      }[];
    };
    const rel = (s: string) => s.startsWith("file://") ? relative(ROOT, new URL(s).pathname) : undefined;
    const edges: Edge[] = [];
    for (const m of info.modules) {
      const from = rel(m.specifier);
      if (!from || from.startsWith(".imports-entry-")) continue;
      for (const d of m.dependencies ?? []) {
        const code = d.code && rel(d.code.specifier);
        const type = d.type && rel(d.type.specifier);
        const to = code ?? type;
        if (!to || to.startsWith("node_modules/")) continue;
        edges.push({ from, to, dynamic: d.isDynamic === true, typeOnly: !code });
      }
    }
    return edges;
  } finally {
    Deno.removeSync(entry);
  }
}

const product = moduleGraph(PRODUCT);
const all = moduleGraph([...PRODUCT, ...TESTS]);

/** The concept folder of a product file: `ffi`, `modules/<concept>`, `modules` (top-level file) or the file. */
function folderOf(f: string): string {
  const m = /^modules\/([^/]+)\//.exec(f);
  if (m) return `modules/${m[1]}`;
  if (f.startsWith("modules/")) return "modules";
  if (f.startsWith("ffi/")) return "ffi";
  return f;
}

const show = (es: Edge[]) => es.map((e) => `${e.from} -> ${e.to}`).join("\n");

Deno.test("the graph is seen: every product file is in it", () => {
  const seen = new Set(product.flatMap((e) => [e.from, e.to]));
  const missing = PRODUCT.filter((f) => !seen.has(f) && f !== "mod.ts");
  assert.deepEqual(missing, []);
  assert.ok(product.length > 100, `only ${product.length} edges`);
});

Deno.test("ffi/ imports nothing from modules/, cli.ts, mod.ts, tests/ or bench/", () => {
  const bad = product.filter((e) => e.from.startsWith("ffi/") && !e.to.startsWith("ffi/"));
  assert.equal(show(bad), "");
});

Deno.test("product code imports no test or bench code", () => {
  const bad = all.filter((e) =>
    PRODUCT.includes(e.from) && (e.to.startsWith("tests/") || e.to.startsWith("bench/"))
  );
  assert.equal(show(bad), "");
});

/**
 * What the policy language and the compiler may take from ffi/: WFP vocabulary, no native code, and the
 * dependency-free error base class (PolicyError extends it).
 */
const VOCABULARY = /^ffi\/(constants|guid|sddl|utf16|layout|wfpsecError|[A-Za-z]+\.gen)\.ts$/;

Deno.test("policy/ and compiler/ import no engine, plan, apply, monitor, render or host code, and from ffi/ only vocabulary", () => {
  const bad = product.filter((e) => {
    if (!/^modules\/(policy|compiler)\//.test(e.from)) return false;
    if (e.to.startsWith("ffi/")) return !VOCABULARY.test(e.to);
    return /^modules\/(engine|plan|apply|monitor|render|host)\//.test(e.to);
  });
  assert.equal(show(bad), "");
});

Deno.test("another concept folder is entered through its mod.ts (lazy import() of one file excepted)", () => {
  const bad = product.filter((e) => {
    if (e.dynamic || !e.to.startsWith("modules/")) return false;
    const target = folderOf(e.to);
    if (target === "modules" || folderOf(e.from) === target) return false;
    return !e.to.endsWith("/mod.ts");
  });
  assert.equal(show(bad), "");
});

Deno.test("no import cycles at run time, between files or between concept folders", () => {
  const runtime = product.filter((e) => !e.typeOnly);
  const cycles = (edges: [string, string][]): string[][] => {
    const next = new Map<string, string[]>();
    for (const [a, b] of edges) if (a !== b) next.set(a, [...(next.get(a) ?? []), b]);
    const found: string[][] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (n: string) => {
      state.set(n, 1);
      stack.push(n);
      for (const m of next.get(n) ?? []) {
        if (state.get(m) === 1) found.push([...stack.slice(stack.indexOf(m)), m]);
        else if (!state.has(m)) visit(m);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const n of next.keys()) if (!state.has(n)) visit(n);
    return found;
  };
  const fileCycles = cycles(runtime.map((e) => [e.from, e.to]));
  assert.deepEqual(fileCycles.map((c) => c.join(" -> ")), []);
  const folderCycles = cycles(
    runtime.filter((e) => !e.dynamic).map((e) => [folderOf(e.from), folderOf(e.to)]),
  );
  assert.deepEqual(folderCycles.map((c) => c.join(" -> ")), []);
});

Deno.test("only ffi/ opens native libraries (Deno.dlopen) in product code", () => {
  const bad = PRODUCT.filter((f) =>
    !f.startsWith("ffi/") && /Deno\.dlopen\s*\(/.test(Deno.readTextFileSync(join(ROOT, f)))
  );
  assert.deepEqual(bad, []);
});

Deno.test("the Windows and Wine tiers share code only through tests/support; bench/ takes only tests/support", () => {
  const bad = all.filter((e) =>
    (e.from.startsWith("tests/windows/") && e.to.startsWith("tests/wine/")) ||
    (e.from.startsWith("tests/wine/") && e.to.startsWith("tests/windows/")) ||
    (e.from.startsWith("bench/") && e.to.startsWith("tests/") && !e.to.startsWith("tests/support/"))
  );
  assert.equal(show(bad), "");
});
