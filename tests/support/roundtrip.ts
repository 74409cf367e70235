/**
 * The round-trip checks of the Wine tier, shared by `abi.test.ts` (correct bindings: the checks pass) and
 * `abi_mistake.test.ts` (deliberately wrong bindings: the same checks must fail). Each check compares what
 * was sent with what the engine gives back, field by field, naming the field that differs.
 */
import assert from "node:assert/strict";
import type { Filter, Provider, ProviderContext, Sublayer } from "../../modules/graph/graph.ts";

/** The value as the decoder returns it: absent optionals are absent, not undefined. */
function present<T>(v: T): T {
  if (Array.isArray(v)) return v.map(present) as T;
  if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = present(x);
    return out as T;
  }
  return v;
}

function same(field: string, got: unknown, want: unknown): void {
  assert.deepStrictEqual(present(got), present(want), `${field} did not survive the round trip`);
}

export function checkProvider(sent: Provider, got: Provider | undefined): void {
  assert.ok(got, `provider ${sent.providerKey} not found after add`);
  same("providerKey", got.providerKey, sent.providerKey);
  same("displayData.name", got.displayData.name, sent.displayData.name);
  same("displayData.description", got.displayData.description, sent.displayData.description);
  same("flags", got.flags, sent.flags);
  same("providerData", got.providerData, sent.providerData);
}

export function checkSublayer(sent: Sublayer, got: Sublayer | undefined): void {
  assert.ok(got, `sublayer ${sent.subLayerKey} not found after add`);
  for (const k of ["subLayerKey", "displayData", "flags", "providerKey", "providerData", "weight"] as const) {
    same(k, got[k], sent[k]);
  }
}

export function checkProviderContext(sent: ProviderContext, got: ProviderContext | undefined): void {
  assert.ok(got, `provider context ${sent.providerContextKey} not found after add`);
  const { providerContextId, ...rest } = got;
  assert.equal(typeof providerContextId, "bigint", "providerContextId is a UINT64");
  same("provider context", rest, sent);
}

export function checkFilter(sent: Filter, got: Filter | undefined, id?: bigint): void {
  assert.ok(got, `filter ${sent.filterKey} not found after add`);
  for (
    const k of [
      "filterKey",
      "displayData",
      "flags",
      "providerKey",
      "layerKey",
      "subLayerKey",
      "weight",
      "filterCondition",
      "action",
      "providerContextKey",
    ] as const
  ) {
    same(k, got[k], sent[k]);
  }
  // rawContext shares a union with providerContextKey; it is only meaningful without the flag.
  if (sent.providerContextKey === undefined) same("rawContext", got.rawContext ?? 0n, sent.rawContext ?? 0n);
  assert.equal(typeof got.filterId, "bigint", "filterId is a UINT64");
  if (id !== undefined) same("filterId", got.filterId, id);
}
