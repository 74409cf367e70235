/**
 * Fwpm*GetSecurityInfoByKey0 for the four object kinds that have it: the descriptor BFE keeps for an object,
 * copied out as one self-relative descriptor (ffi/sddl.ts readSelfRelative) before the block is freed.
 */
import { check } from "../../ffi/errors.ts";
import { readSelfRelative } from "../../ffi/sddl.ts";
import type { FwpSymbols } from "../../ffi/symbols.ts";
import type { Guid } from "../graph/mod.ts";

/** The object kinds Fwpm*GetSecurityInfoByKey0 exists for. */
export type SecuredKind = "provider" | "sublayer" | "providerContext" | "filter";

/** The descriptor of one object (`k`: its key as bytes), or undefined when the engine has no such object. */
export function getSecurityInfo(
  s: FwpSymbols,
  h: Deno.PointerObject,
  kind: SecuredKind,
  key: Guid,
  k: Uint8Array<ArrayBuffer>,
  securityInfo: number,
  notFound: number,
): Uint8Array | undefined {
  const fn = {
    provider: ["FwpmProviderGetSecurityInfoByKey0", s.FwpmProviderGetSecurityInfoByKey0],
    sublayer: ["FwpmSubLayerGetSecurityInfoByKey0", s.FwpmSubLayerGetSecurityInfoByKey0],
    providerContext: [
      "FwpmProviderContextGetSecurityInfoByKey0",
      s.FwpmProviderContextGetSecurityInfoByKey0,
    ],
    filter: ["FwpmFilterGetSecurityInfoByKey0", s.FwpmFilterGetSecurityInfoByKey0],
  } as const;
  const [op, call] = fn[kind];
  const cell = new BigUint64Array(1);
  // The owner/group/DACL/SACL cells point into the one block `cell` receives: never freed on their own.
  const parts = [1, 2, 3, 4].map(() => new BigUint64Array(1));
  try {
    const rc = call(h, k, securityInfo >>> 0, parts[0], parts[1], parts[2], parts[3], cell);
    if (rc === notFound) return undefined;
    check(op, rc, { kind, key });
    const view = new Deno.UnsafePointerView(Deno.UnsafePointer.create(cell[0])!);
    return readSelfRelative((offset, length) => {
      const b = new Uint8Array(length);
      view.copyInto(b, offset);
      return b;
    });
  } finally {
    if (cell[0] !== 0n) s.FwpmFreeMemory0(cell);
  }
}
