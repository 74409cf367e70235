/**
 * Per-application rules (issue 12 rule 8). Application ids exist only at the ALE layers, so a program rule
 * must bind only that program: its transport-layer filters may request IPsec (negotiation discovery) but
 * never require it, and the requirement sits on the ALE connect / receive-accept filters that carry the app
 * id (the Guaranteed Encryption recipe, learn.microsoft.com fwp/guaranteed-encryption). fwpsim does not
 * classify traffic, so a small evaluator over the compiled graph answers "which of our filters would
 * require IPsec for this flow" per layer (conditions of one field OR'd, of different fields AND'd, as WFP
 * does; fields the evaluator does not model count as matching, which only makes the check stricter).
 */
import assert from "node:assert/strict";
import { CONDITIONS, FILTER_CONTEXTS, LAYERS } from "../../../ffi/constants.ts";
import type { Filter, FilterCondition } from "../../../modules/graph/graph.ts";
import { compileExample, compileText } from "./helpers.ts";

interface Flow {
  app: string;
  remote: number;
  protocol: number;
}

const ip = (s: string) => s.split(".").reduce((a, b) => a * 256 + Number(b), 0);

function condMatches(c: FilterCondition, flow: Flow): boolean {
  const v = c.conditionValue as Record<string, unknown> & { type: unknown };
  switch (c.fieldKey) {
    case CONDITIONS.FWPM_CONDITION_ALE_APP_ID:
      return v.type === "appPath" && String(v.path).toLowerCase() === flow.app.toLowerCase();
    case CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS: {
      if (typeof v.uint32 === "number") return v.uint32 === flow.remote;
      const m = v.v4AddrMask as { addr: number; mask: number } | undefined;
      if (m) return ((flow.remote & m.mask) >>> 0) === ((m.addr & m.mask) >>> 0);
      const r = v.rangeValue as { valueLow: { uint32?: number }; valueHigh: { uint32?: number } } | undefined;
      if (r?.valueLow.uint32 !== undefined) {
        return flow.remote >= r.valueLow.uint32 && flow.remote <= r.valueHigh.uint32!;
      }
      return false; // an IPv6 condition never matches an IPv4 flow
    }
    case CONDITIONS.FWPM_CONDITION_IP_PROTOCOL:
      return v.uint8 === flow.protocol;
    default:
      return true;
  }
}

function matches(f: Filter, flow: Flow): boolean {
  const byField = new Map<string, FilterCondition[]>();
  for (const c of f.filterCondition) byField.set(c.fieldKey, [...(byField.get(c.fieldKey) ?? []), c]);
  return [...byField.values()].every((cs) => cs.some((c) => condMatches(c, flow)));
}

const FC = FILTER_CONTEXTS;
/** Does this filter, when it matches, make the flow need IPsec? */
function requires(f: Filter): boolean {
  switch (f.layerKey) {
    case LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4:
    case LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4:
      return f.action.calloutKey !== undefined && (f.rawContext ?? 0n) === 0n;
    case LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4:
      return f.rawContext === FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_SECURITY ||
        f.rawContext === FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION;
    case LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4:
      return f.action.calloutKey !== undefined;
    default:
      return false;
  }
}

/** Paths of our filters that would require IPsec for the flow. */
function requiredBy(filters: Filter[], flow: Flow): string[] {
  return filters.filter((f) => requires(f) && matches(f, flow)).map((f) => f.displayData.name).sort();
}

const PAYROLL = "C:\\Program Files\\Payroll\\payroll.exe";

Deno.test("per-app example: the program's connections to its peers require IPsec at ALE, with its app id", () => {
  const { graph } = compileExample("per-app.yaml");
  const flow = { app: PAYROLL, remote: ip("10.20.3.4"), protocol: 6 };
  const req = requiredBy(graph.filters, flow);
  assert.ok(req.some((n) => n.endsWith("rules/payroll-app/v4/connect")), req.join("\n"));
  assert.ok(req.some((n) => n.endsWith("rules/payroll-app/v4/accept")), req.join("\n"));
  for (const f of graph.filters.filter((f) => requires(f) && matches(f, flow))) {
    assert.ok(
      f.filterCondition.some((c) => c.fieldKey === CONDITIONS.FWPM_CONDITION_ALE_APP_ID),
      f.displayData.name,
    );
  }
});

Deno.test("per-app example: another program's traffic to the same peers is not required to use IPsec", () => {
  const { graph } = compileExample("per-app.yaml");
  for (const protocol of [6, 17]) {
    const other = { app: "C:\\Windows\\System32\\curl.exe", remote: ip("10.20.3.4"), protocol };
    assert.deepEqual(requiredBy(graph.filters, other), [], `protocol ${protocol}`);
  }
});

Deno.test("a program rule's transport filters negotiate (discover / persist) instead of requiring", () => {
  const g = compileText(`version: 1
name: app
mainMode: [{ name: mm, keyModule: ikev2, auth: [{ certificate: { rootCA: "CN=R" } }], proposals: [aes256-sha256-dh14] }]
quickMode: [{ name: qm, proposals: [esp-aesgcm256] }]
rules:
  - { name: app, program: 'C:\\a\\a.exe', remote: 192.0.2.0/24, inbound: require, outbound: require, mainMode: [mm], quickMode: qm }
`);
  const t = (layer: string) =>
    g.filters.find((f) => f.layerKey === layer && f.displayData.name.includes("rules/app/"));
  assert.equal(
    t(LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4)?.rawContext,
    FC.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER,
  );
  assert.equal(
    t(LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4)?.rawContext,
    FC.FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY,
  );
  assert.deepEqual(requiredBy(g.filters, { app: "C:\\b\\b.exe", remote: ip("192.0.2.9"), protocol: 6 }), []);
  assert.equal(
    requiredBy(g.filters, { app: "C:\\a\\a.exe", remote: ip("192.0.2.9"), protocol: 6 }).length,
    2,
  );
});
