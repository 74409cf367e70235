/**
 * The report workflow (.github/workflows/report.yml) cannot run here, so it is checked on paper: valid YAML,
 * a Debian job (the project's installers use apt-get) that runs the browser stage through scripts/test.sh
 * (which installs Chromium, scripts/install/60-chromium.sh) and uploads the pages and screenshots the stage
 * writes, even when the stage fails.
 */
import { parse } from "yaml";
import assert from "node:assert/strict";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
const here = new URL(".", import.meta.url);
const wf = parse(Deno.readTextFileSync(new URL("../../../.github/workflows/report.yml", here))) as {
  jobs: Record<string, { "runs-on": string; container?: string; steps: Step[] }>;
};
const stage = Deno.readTextFileSync(new URL("../../../scripts/stages/65-browser.sh", here));
const test = Deno.readTextFileSync(new URL("../../browser/report_browser.test.ts", here));

Deno.test("the report workflow runs the browser stage on Debian and uploads its pages and screenshots", () => {
  const job = wf.jobs.browser;
  assert.ok(job, "a browser job");
  assert.match(job.container ?? "", /^debian:/);
  const steps = job.steps;
  const run = steps.findIndex((s) => /\bbash scripts\/test\.sh browser\b/.test(s.run ?? ""));
  assert.ok(run >= 0, "a step runs `bash scripts/test.sh browser` (installs what it needs)");
  const checkout = steps.findIndex((s) => s.uses?.startsWith("actions/checkout@"));
  assert.ok(checkout >= 0 && checkout < run);
  const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
  assert.ok(upload, "an upload-artifact step");
  assert.equal(upload.if, "always()", "screenshots are uploaded when the stage fails too");
  assert.equal(upload.with?.path, "build/artifacts/report/");
  assert.equal(upload.with?.["if-no-files-found"], "error");
  // the stage and the test write where the upload reads
  assert.match(stage, /tests\/browser\//);
  assert.match(test, /build\/artifacts\/report/);
});
