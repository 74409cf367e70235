// The README's first command on a fresh machine: a clean clone, no mingw cross-compiler, no npm or node on PATH.
import assert from "node:assert/strict";
import { ROOT, tempDir } from "./helpers.ts";

const HIDDEN = new Set(["x86_64-w64-mingw32-gcc", "npm", "node", "nodejs"]);

/** A PATH of symlinks to every tool in /usr/bin and /usr/local/bin except the hidden ones. */
function barePath(): string {
  const bin = `${tempDir()}/bin`;
  Deno.mkdirSync(bin);
  for (const dir of ["/usr/local/bin", "/usr/bin"]) {
    for (const e of Deno.readDirSync(dir)) {
      if (HIDDEN.has(e.name)) continue;
      try {
        Deno.symlinkSync(`${dir}/${e.name}`, `${bin}/${e.name}`);
      } catch { /* first directory wins */ }
    }
  }
  return bin;
}

async function run(cmd: string, args: string[], cwd: string, env: Record<string, string>) {
  const o = await new Deno.Command(cmd, { args, cwd, env, clearEnv: true, stdout: "piped", stderr: "piped" })
    .output();
  const d = new TextDecoder();
  return { code: o.code, out: d.decode(o.stdout) + d.decode(o.stderr) };
}

Deno.test("demo.sh runs from a clean clone without mingw and builds no Windows DLL", async () => {
  const clone = `${tempDir()}/repo`;
  assert.equal((await run("git", ["clone", "-q", ROOT, clone], "/", { PATH: "/usr/bin:/bin" })).code, 0);
  // npm is what installs node_modules; here the shared install stands in for it (no network in tests).
  Deno.symlinkSync(Deno.realPathSync(`${ROOT}/node_modules`), `${clone}/node_modules`);
  const r = await run("bash", ["scripts/demo.sh"], clone, {
    PATH: barePath(),
    HOME: Deno.env.get("HOME") ?? "/",
  });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /demo: done on the fwpsim simulator/);
  assert.equal([...Deno.readDirSync(`${clone}/build`)].some((e) => e.name.endsWith(".dll")), false);
});

Deno.test("10-deno.sh installs nodejs and npm with apt when npm is missing", async () => {
  const clone = `${tempDir()}/repo`;
  assert.equal((await run("git", ["clone", "-q", ROOT, clone], "/", { PATH: "/usr/bin:/bin" })).code, 0);
  const log = `${tempDir()}/apt.log`;
  const fake = `${tempDir()}/apt-get`;
  Deno.writeTextFileSync(fake, `#!/bin/sh\necho "$*" >> ${log}\n`, { mode: 0o755 });
  await run("bash", ["scripts/install/10-deno.sh"], clone, { PATH: barePath(), WFPSEC_APT_GET: fake });
  assert.match(Deno.readTextFileSync(log), /install -y -qq nodejs npm/);
});
