/**
 * What "equal" means to the planner: engine-assigned fields (filterId, providerContextId, effectiveWeight)
 * are ignored, absent and empty mean the same, the inactive arm of a union is dropped, and pre-shared key
 * bytes are blanked (they compare by the digest in providerData). The DISABLED flags are not field
 * differences either: diff.ts replaces a disabled object with its own reason.
 */
import type { Filter, IkeextAuthenticationMethod2, Provider, ProviderContext } from "../graph/mod.ts";
import { ENUMS, FLAGS } from "../../ffi/constants.ts";
import { adoptUnverifiableSecrets } from "../graph/mod.ts";
import { deepEqual, diffFields, type FieldDiff } from "./fieldDiff.ts";

const FILTER_DISABLED = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_DISABLED;
const PROVIDER_DISABLED = FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED;
const PSK = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY;

/** A provider as compared: the DISABLED flag is the engine's, not the policy's. */
export function normProvider(p: Provider): Provider {
  return { ...p, flags: p.flags & ~PROVIDER_DISABLED };
}

const HAS_CONTEXT = FLAGS.FWPM_FILTER_FLAG.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT;
const PARTIAL = Symbol.for("wfpsec.partial");

/** Absent, empty blob and empty description all mean "nothing" (decoders differ on which they produce). */
export function normCommon<
  T extends { displayData: { name: string; description?: string }; providerData?: Uint8Array },
>(o: T): T {
  const out = { ...o };
  if (!out.providerData?.length) delete out.providerData;
  if (!out.displayData.description) out.displayData = { name: out.displayData.name };
  return out;
}

/** A filter as compared: engine-assigned fields dropped, only the union arm its flags select. */
export function normFilter(f: Filter): Filter {
  const { filterId: _id, effectiveWeight: _w, ...rest } = normCommon(f);
  const out: Filter = { ...rest, flags: f.flags & ~FILTER_DISABLED };
  // rawContext and providerContextKey share a union: only the arm the flag selects is meaningful.
  if (f.flags & HAS_CONTEXT) delete out.rawContext;
  else {
    delete out.providerContextKey;
    out.rawContext = f.rawContext ?? 0n;
  }
  return out;
}

const FILTER_FIELDS = new Set([
  "filterKey",
  "displayData",
  "flags",
  "providerKey",
  "providerData",
  "layerKey",
  "subLayerKey",
  "weight",
  "filterCondition",
  "action",
  "rawContext",
  "providerContextKey",
  "filterId",
  "effectiveWeight",
]);

const blobOrEmpty = (b: Uint8Array | undefined) => (b && b.length ? b : undefined);

/**
 * Allocation-free "equal under the planner's rules" for filters, the bulk of every plan. Only a sufficient
 * test: anything it does not recognise falls back to the general comparison.
 */
export function filtersEqual(c: Filter, d: Filter): boolean {
  for (const k in c) if (!FILTER_FIELDS.has(k)) return false;
  for (const k in d) if (!FILTER_FIELDS.has(k)) return false;
  if (((c.flags ^ d.flags) & ~FILTER_DISABLED) !== 0) return false;
  const ctx = (d.flags & HAS_CONTEXT) !== 0;
  return c.filterKey === d.filterKey && c.displayData.name === d.displayData.name &&
    (c.displayData.description || undefined) === (d.displayData.description || undefined) &&
    c.providerKey === d.providerKey && c.layerKey === d.layerKey && c.subLayerKey === d.subLayerKey &&
    deepEqual(blobOrEmpty(c.providerData), blobOrEmpty(d.providerData)) && deepEqual(c.weight, d.weight) &&
    deepEqual(c.action, d.action) && deepEqual(c.filterCondition, d.filterCondition) &&
    (ctx ? c.providerContextKey === d.providerContextKey : (c.rawContext ?? 0n) === (d.rawContext ?? 0n));
}

/** The fields a partially decoded context (netsh dump) can be compared on. */
function contextHeader(c: ProviderContext): Partial<ProviderContext> {
  const n = normCommon(c);
  return {
    providerContextKey: n.providerContextKey,
    displayData: n.displayData,
    flags: n.flags,
    providerKey: n.providerKey,
    providerData: n.providerData,
    type: n.type,
  };
}

/** The differing fields of two contexts (header only for a partially decoded one); unverifiable secret digests adopted. */
export function compareContexts(cur: ProviderContext, des: ProviderContext): FieldDiff[] {
  const adopted = adoptUnverifiableSecrets(cur.providerData, des.providerData);
  if (adopted) des = { ...des, providerData: adopted };
  if ((cur as unknown as Record<symbol, unknown>)[PARTIAL]) {
    return diffFields(contextHeader(cur), contextHeader(des));
  }
  return diffFields(normContext(cur), normContext(des));
}

function blankPsk(
  methods: IkeextAuthenticationMethod2[] | undefined,
): IkeextAuthenticationMethod2[] | undefined {
  if (!methods) return methods;
  return methods.map((m) =>
    m.authenticationMethodType === PSK && m.presharedKeyAuthentication
      ? {
        ...m,
        presharedKeyAuthentication: { ...m.presharedKeyAuthentication, presharedKey: new Uint8Array() },
      }
      : m
  );
}

/** A context with engine-assigned ids dropped and pre-shared key bytes blanked (they compare by digest). */
export function normContext(c: ProviderContext): ProviderContext {
  const { providerContextId: _id, ...rest } = normCommon(c);
  const out: ProviderContext = { ...rest };
  for (const arm of ["ikeMmPolicy", "authIpMmPolicy", "ikeV2MmPolicy"] as const) {
    const p = out[arm];
    if (p) out[arm] = { ...p, authenticationMethods: blankPsk(p.authenticationMethods)! };
  }
  for (const arm of ["ikeQmTransportPolicy", "authipQmTransportPolicy", "ikeV2QmTransportPolicy"] as const) {
    const p = out[arm];
    if (p?.emPolicy) {
      out[arm] = {
        ...p,
        emPolicy: { ...p.emPolicy, authenticationMethods: blankPsk(p.emPolicy.authenticationMethods)! },
      };
    }
  }
  return out;
}
