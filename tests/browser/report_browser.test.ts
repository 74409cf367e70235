/**
 * `wfpsec report --html` in a real browser: the page of each source (fwpsim, a wfpsec snapshot, a netsh
 * dump; tests/cli/report_hosts.ts) is loaded from its file in headless Chromium over the DevTools protocol
 * (tests/support/chromium.ts). It must load with no console error, no uncaught exception, no CSP violation,
 * no dialog (the engine's `<script>` names stay text), no request but the page itself, its script must have
 * run (it marks the page ready), and every section must be there and visible. The pages and their
 * screenshots are kept under build/artifacts/report/ (uploaded by CI).
 */
import assert from "node:assert/strict";
import { ROOT, wfpsec } from "../cli/helpers.ts";
import { HOSTILE, reportHosts, sourceArgs } from "../cli/report_hosts.ts";
import { chromiumPath, loadPage } from "../support/chromium.ts";
import { HTML_SECTIONS } from "../../modules/report/mod.ts";

const ARTIFACTS = `${ROOT}/build/artifacts/report`;

// Run alone by the browser stage, which installs Chromium: a machine without it fails here, clearly.
Deno.test("the browser test has Chromium (scripts/install/60-chromium.sh, or $CHROMIUM)", () => {
  assert.ok(chromiumPath(), "no chromium on PATH: run scripts/install/60-chromium.sh or set CHROMIUM");
});

/** What the page reports about itself, evaluated inside it. */
const PROBE = `JSON.stringify({
  ready: document.documentElement.getAttribute("data-ready"),
  scriptErrors: document.documentElement.getAttribute("data-errors"),
  sections: ${JSON.stringify(HTML_SECTIONS)}.map((id) => {
    const s = document.getElementById(id);
    return { id, present: !!s, height: s ? s.getBoundingClientRect().height : 0, heading: s?.querySelector("h2")?.textContent ?? null };
  }),
  scripts: document.scripts.length,
  images: document.images.length,
  text: document.body.innerText,
})`;

interface Probe {
  ready: string | null;
  scriptErrors: string | null;
  sections: { id: string; present: boolean; height: number; heading: string | null }[];
  scripts: number;
  images: number;
  text: string;
}

const hosts = chromiumPath() ? await reportHosts() : undefined;

for (const source of ["fwpsim", "snapshot", "netsh"] as const) {
  Deno.test({
    name: `report from ${source} loads in headless Chromium: no error, no request, every section`,
    ignore: !hosts,
    async fn() {
      Deno.mkdirSync(ARTIFACTS, { recursive: true });
      const page = `${ARTIFACTS}/report-${source}.html`;
      const r = await wfpsec(["report", ...sourceArgs(hosts!)[source], "--html", "-o", page]);
      assert.equal(r.code, 0, r.stderr);
      const screenshot = `${ARTIFACTS}/report-${source}.png`;
      const run = await loadPage(page, {
        screenshot,
        fullPage: `${ARTIFACTS}/report-${source}-full.png`,
        ready: `document.documentElement.getAttribute("data-ready") === "1"`,
        probe: PROBE,
      });
      assert.deepEqual(run.errors, [], "console errors / CSP violations");
      assert.deepEqual(run.exceptions, [], "uncaught exceptions");
      assert.deepEqual(run.dialogs, [], "an engine string ran as script");
      assert.deepEqual(run.requests, [new URL(`file://${page}`).href], "the page fetched something");
      const p = JSON.parse(run.probe as string) as Probe;
      assert.equal(p.ready, "1");
      assert.equal(p.scriptErrors, null);
      assert.equal(p.scripts, 1, "only the page's own script");
      assert.equal(p.images, 0, "an engine string became an <img>");
      for (const s of p.sections) {
        assert.ok(s.present && s.height > 0, `section ${s.id} missing or empty`);
        assert.ok(s.heading, `section ${s.id} has no heading`);
      }
      assert.match(p.text, source === "fwpsim" ? /SIMULATOR/ : /OFFLINE SNAPSHOT/);
      if (source !== "netsh") assert.ok(p.text.includes(HOSTILE), "the <script> name is shown as text");
      const png = Deno.readFileSync(screenshot);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG screenshot");
      assert.ok(png.length > 20_000, `screenshot of ${png.length} bytes: blank?`);
    },
  });
}
