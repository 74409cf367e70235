/**
 * The status verdict and line (modules/monitor/status.ts) on an in-memory engine: a disabled filter or a
 * disabled provider of ours is not compliant and named (BFE sets FWPM_FILTER_FLAG_DISABLED itself at start,
 * when a provider's service is not auto-start: no API call can make one, so fwpsim cannot either); drift
 * alone is not compliant; the text and JSON lines stay within 2,048 characters whatever the names.
 */
import assert from "node:assert/strict";
import { FakeEngine } from "../../support/fakeEngine.ts";
import { sampleGraph } from "../../support/sampleGraph.ts";
import { FLAGS } from "../../../ffi/constants.ts";
import {
  errorStatus,
  STATUS_LINE_MAX,
  statusJsonLine,
  statusLine,
  statusOf,
} from "../../../modules/monitor/status.ts";

const IN_SYNC = { inSync: true, summary: { add: 0, delete: 0, replace: 0, unchanged: 5 } };

function engineWith(mutate?: (g: ReturnType<typeof sampleGraph>) => void) {
  const g = sampleGraph();
  const installed = structuredClone(g);
  mutate?.(installed);
  const e = new FakeEngine();
  e.transaction(() => {
    e.addProvider(installed.provider);
    e.addSublayer(installed.sublayer);
    for (const c of installed.providerContexts) e.addProviderContext(c);
    for (const f of installed.filters) e.addFilter(f);
  });
  return { g, e };
}

Deno.test("in sync and nothing disabled: COMPLIANT", () => {
  const { g, e } = engineWith();
  const r = statusOf({ engine: e, graph: g, name: "sample", file: "p.yaml", plan: IN_SYNC });
  assert.equal(r.compliant, true);
  assert.deepEqual(r.reasons, []);
  assert.match(
    statusLine(r),
    /^wfpsec COMPLIANT \(SIMULATOR\): policy 'sample' sha256:[0-9a-f]{12}; in sync/,
  );
});

Deno.test("a disabled filter of ours: NOT COMPLIANT, counted and named", () => {
  const { g, e } = engineWith((x) => {
    x.filters[0].flags |= FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED;
  });
  const r = statusOf({ engine: e, graph: g, name: "sample", file: "p.yaml", plan: IN_SYNC });
  assert.equal(r.compliant, false);
  assert.deepEqual(r.reasons, ["1 filter(s) disabled"]);
  assert.ok(
    statusLine(r).includes(`DISABLED: 1 filter(s) (${g.filters[0].displayData?.name})`),
    statusLine(r),
  );
});

Deno.test("a disabled provider of ours: NOT COMPLIANT", () => {
  const { g, e } = engineWith((x) => {
    x.provider.flags |= FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED;
  });
  const r = statusOf({ engine: e, graph: g, name: "sample", file: "p.yaml", plan: IN_SYNC });
  assert.deepEqual(r.reasons, ["provider disabled"]);
  assert.match(statusLine(r), /DISABLED: provider, 0 filter\(s\)/);
});

Deno.test("drift alone: NOT COMPLIANT with the counts", () => {
  const { g, e } = engineWith();
  const plan = { inSync: false, summary: { add: 1, delete: 2, replace: 3, unchanged: 4 } };
  const r = statusOf({ engine: e, graph: g, name: "sample", file: "p.yaml", plan });
  assert.deepEqual(r.reasons, ["drifted"]);
  assert.match(statusLine(r), /DRIFTED \(add 1, delete 2, replace 3, unchanged 4\)/);
});

Deno.test("lines never exceed 2,048 characters, whatever the names and messages", () => {
  const long = "n".repeat(5000);
  const err = errorStatus("/p/" + long, long, "WfpError", "m\n".repeat(3000));
  assert.ok(statusLine(err).length <= STATUS_LINE_MAX);
  assert.ok(!statusLine(err).includes("\n"));
  const head = { schemaVersion: 1, command: "status", engine: { description: long } };
  const j = statusJsonLine(head, err);
  assert.ok(j.length <= STATUS_LINE_MAX, `${j.length}`);
  assert.equal(JSON.parse(j).compliant, false);
  const { g, e } = engineWith();
  const r = statusOf({ engine: e, graph: g, name: long, file: long, plan: IN_SYNC });
  r.foreign = {
    filters: 500,
    providers: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, name: `${i}${long}`, filters: 5 })),
  };
  const t = statusLine(r), jl = statusJsonLine(head, r);
  assert.ok(t.length <= STATUS_LINE_MAX && jl.length <= STATUS_LINE_MAX, `${t.length} ${jl.length}`);
  assert.equal(JSON.parse(jl).compliant, true);
});

Deno.test("an apply awaiting confirmation: NOT COMPLIANT even in sync (what is in force is provisional)", () => {
  const { g, e } = engineWith();
  const armed = {
    policy: { name: "sample", file: "p.yaml" },
    deadline: "2026-12-03T09:00:00.000Z",
    revertsTo: "old",
    overdue: false,
  };
  const r = statusOf({ engine: e, graph: g, name: "sample", file: "p.yaml", plan: IN_SYNC, armed });
  assert.equal(r.compliant, false);
  assert.deepEqual(r.reasons, ["awaiting confirmation"]);
  assert.deepEqual(r.awaitingConfirmation, armed);
  assert.match(
    statusLine(r),
    /; AWAITING CONFIRMATION: the apply of 'sample' is reverted to 'old' at 2026-12-03T09:00:00\.000Z unless/,
  );
  const late = statusOf({
    engine: e,
    graph: g,
    name: "sample",
    file: "p.yaml",
    plan: IN_SYNC,
    armed: { ...armed, revertsTo: null, overdue: true },
  });
  assert.deepEqual(late.reasons, ["revert overdue"]);
  assert.match(statusLine(late), /; REVERT OVERDUE: the apply of 'sample' was due to be undone \(wfpsec's/);
  assert.equal(
    statusOf({ engine: e, graph: g, name: "s", file: "p", plan: IN_SYNC }).awaitingConfirmation,
    null,
  );
  // Long names and paths still fit the 2,048 characters, the verdict kept.
  const long = "n".repeat(5000);
  const big = statusOf({
    engine: e,
    graph: g,
    name: long,
    file: long,
    plan: IN_SYNC,
    armed: { ...armed, policy: { name: long, file: long }, revertsTo: long },
  });
  const t = statusLine(big), jl = statusJsonLine({ schemaVersion: 1, command: "status" }, big);
  assert.ok(t.length <= STATUS_LINE_MAX && jl.length <= STATUS_LINE_MAX, `${t.length} ${jl.length}`);
  assert.equal(JSON.parse(jl).compliant, false);
  assert.match(t, /AWAITING CONFIRMATION/);
});
