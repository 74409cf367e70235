/**
 * `membersByKind` (ffi/members.ts): which member names hold bigints and bytes, from the struct tables, so
 * `render` reads its JSON back without field lists of its own.
 */
import { deepEqual, deepStrictEqual } from "node:assert/strict";
import { membersByKind } from "../../../ffi/members.ts";
import { STRUCTS } from "../../../ffi/structs.ts";
import { blob, f, guid, type StructLayout, u32, u64 } from "../../../ffi/layout.ts";
import { ENUMS } from "../../../ffi/constants.ts";
import { fromJsonObject, toJson } from "../../../modules/render/mod.ts";
import type { Filter } from "../../../modules/graph/mod.ts";

const ROOTS = ["FWPM_PROVIDER0", "FWPM_SUBLAYER0", "FWPM_PROVIDER_CONTEXT3", "FWPM_FILTER0"];

Deno.test("the rendered objects' bigint and byte members, as the tables give them", () => {
  const { bigint, bytes } = membersByKind(ROOTS);
  deepEqual(
    [...bigint].sort(),
    ["filterId", "int64", "localIfLuid", "providerContextId", "rawContext", "uint64"],
  );
  deepEqual([...bytes].sort(), [
    "byteArray16",
    "byteArray6",
    "byteBlob",
    "certData",
    "certHash",
    "cgaModifier",
    "dataBuffer",
    "endV6Address",
    "localCertLocationUrl",
    "localV6Address",
    "presharedKey",
    "providerData",
    "remoteV6Address",
    "sd",
    "sid",
    "startV6Address",
    "v6Address",
  ]);
});

Deno.test("a member added to a table is picked up; a name holding two kinds is in neither set", () => {
  const tables: Record<string, StructLayout> = {
    ...STRUCTS,
    ROOT: {
      name: "ROOT",
      size: 48,
      align: 8,
      source: "sdk",
      fields: [
        f("newCounter", 0, 8, u64),
        f("addr", 8, 4, u32),
        f("key", 16, 16, guid),
        f("x", 32, 16, blob),
      ],
    },
    OTHER: { name: "OTHER", size: 16, align: 8, source: "sdk", fields: [f("addr", 0, 16, blob)] },
  };
  const { bigint, bytes } = membersByKind(["ROOT", "OTHER"], tables);
  deepEqual([...bigint], ["newCounter"]);
  deepEqual([...bytes], ["x"]);
});

Deno.test("JSON of a filter reads back to the same filter (bigints and bytes restored by member)", () => {
  const DT = ENUMS.FWP_DATA_TYPE;
  const filter: Filter = {
    filterKey: "00000000-0000-4000-8000-000000000001",
    displayData: { name: "f" },
    flags: 0,
    providerData: new Uint8Array([1, 2, 3]),
    layerKey: "00000000-0000-4000-8000-000000000002",
    subLayerKey: "00000000-0000-4000-8000-000000000003",
    weight: { type: DT.FWP_UINT64, uint64: 7n },
    filterCondition: [{
      fieldKey: "00000000-0000-4000-8000-000000000004",
      matchType: 0,
      conditionValue: { type: DT.FWP_BYTE_BLOB_TYPE, byteBlob: new Uint8Array([9]) },
    }],
    action: { type: ENUMS.FWP_ACTION_TYPE.FWP_ACTION_PERMIT },
    rawContext: 5n,
    filterId: 1234567890123n,
  };
  deepStrictEqual(fromJsonObject<Filter>(toJson(filter)), filter);
});
