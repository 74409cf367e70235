/**
 * The Windows CI workflow cannot run here, so it is checked on paper: valid YAML, a windows-latest job that
 * installs the pinned Deno through npm, type-checks, runs tests/windows elevated, and a Pester job that runs
 * the suite on both Windows PowerShell 5.1 (`shell: powershell`) and PowerShell 7 (`shell: pwsh`).
 */
import { parse } from "yaml";
import assert, { deepStrictEqual as assertEquals, match as assertMatch } from "node:assert/strict";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown[]> };
  defaults?: { run?: { shell?: string } };
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, Job>;
}

const here = new URL(".", import.meta.url);
const workflowUrl = new URL("../../.github/workflows/windows.yml", here);
const packageJson = JSON.parse(Deno.readTextFileSync(new URL("../../package.json", here)));
const workflow = parse(Deno.readTextFileSync(workflowUrl)) as Workflow;

function stepRunning(job: Job, pattern: RegExp): Step {
  const step = job.steps.find((s) => s.run !== undefined && pattern.test(s.run));
  assert(step, `no step runs ${pattern}`);
  return step;
}

function shellOf(job: Job, step: Step): string | undefined {
  return step.shell ?? job.defaults?.run?.shell;
}

Deno.test("windows workflow: triggers on push and pull requests", () => {
  assertEquals(typeof workflow.on, "object");
  const on = workflow.on as Record<string, unknown>;
  assert("push" in on && "pull_request" in on);
});

Deno.test("windows workflow: every job runs on windows-latest and checks out first", () => {
  assert(Object.keys(workflow.jobs).length >= 2);
  for (const [id, job] of Object.entries(workflow.jobs)) {
    assertEquals(job["runs-on"], "windows-latest", id);
    assertMatch(job.steps[0].uses ?? "", /^actions\/checkout@v\d+$/, id);
  }
});

Deno.test("windows workflow: Deno comes from npm ci at the version package.json pins", () => {
  const pinned: string = packageJson.devDependencies.deno;
  for (const job of Object.values(workflow.jobs)) {
    stepRunning(job, /^npm ci\b/m);
  }
  const deno = workflow.jobs.deno;
  const versionCheck = stepRunning(deno, /deno --version/);
  assert(versionCheck.run!.includes(pinned.replaceAll(".", "\\.")), `version check must expect ${pinned}`);
});

Deno.test("windows workflow: deno check, then the real-BFE tests with explicit permissions", () => {
  const deno = workflow.jobs.deno;
  const check = stepRunning(deno, /^deno check /m);
  const tests = stepRunning(deno, /^deno test .*tests\/windows\//m);
  assert(deno.steps.indexOf(check) < deno.steps.indexOf(tests));
  for (const flag of ["--allow-ffi", "--allow-read", "--allow-env"]) assert(tests.run!.includes(flag), flag);
  // On the runner the tests must not quietly skip: the suite turns a skip into a failure there.
  assertEquals(tests.env?.WFPSEC_REQUIRE_WINDOWS_TESTS, "1");
  // The runner is elevated; the workflow asserts it before the tests rely on it.
  stepRunning(deno, /WindowsBuiltInRole\]::Administrator/);
});

Deno.test("windows workflow: Pester runs on Windows PowerShell 5.1 and on pwsh", () => {
  const pester = workflow.jobs.pester;
  assertEquals(pester.strategy?.matrix?.shell, ["powershell", "pwsh"]);
  const runs = pester.steps.filter((s) => s.run?.includes("Invoke-WfpsecPester.ps1"));
  const shells = runs.map((s) => shellOf(pester, s)).sort();
  assertEquals(shells, ["powershell", "pwsh"]);
  for (const step of runs) {
    assert(
      step.run!.includes("./powershell/tests/Invoke-WfpsecPester.ps1"),
      "runs the module's Pester runner",
    );
    assert(
      step.run!.includes("Install-Module Pester -MinimumVersion 5"),
      "Pester 5 in that shell's module path",
    );
    assertEquals(step.if, `matrix.shell == '${shellOf(pester, step)}'`);
  }
});

Deno.test("windows workflow: the Pester job builds fwpsim from build-fwpsim.sh's source list, and that list exists", () => {
  const pester = workflow.jobs.pester;
  const build = stepRunning(pester, /build\/fwpuclnt\.dll/);
  assert(build.run!.includes("scripts/build-fwpsim.sh"), "reads LIB_SRCS from the Linux build script");
  assertMatch(
    (pester as unknown as { env: Record<string, string> }).env.WFPSEC_FWPSIM_LIB,
    /build\\fwpuclnt\.dll$/,
  );
  const script = Deno.readTextFileSync(new URL("../../scripts/build-fwpsim.sh", here));
  const list = /^LIB_SRCS=\((.*)\)/m.exec(script);
  assert(list, "scripts/build-fwpsim.sh defines LIB_SRCS=(...)");
  const sources = list[1].split(/\s+/).filter(Boolean);
  assert(sources.length > 0);
  for (const c of sources) Deno.statSync(new URL(`../../tests/support/fwpsim/${c}`, here));
  Deno.statSync(new URL("../../tests/support/fwpsim/gen_constants.ts", here));
  Deno.statSync(new URL("../../powershell/tests/Invoke-WfpsecPester.ps1", here));
});
