/**
 * The files generated from the struct tables (`deno task gen`, ffi/gen/main.ts) are committed: these tests fail
 * when one is stale, so a table change always shows its types and its codec source in review. The type-level
 * cases at the end are checked by `deno check` (a `@ts-expect-error` that expects nothing is itself an error).
 */
import { equal, ok } from "node:assert/strict";
import { generatedFiles } from "../../../ffi/gen/main.ts";
import { generateTypes } from "../../../ffi/gen/types.ts";
import { STRUCTS } from "../../../ffi/structs.ts";
import { ENUMS } from "../../../ffi/constants.ts";
import type { Arena } from "../../../ffi/codec.ts";
import type { FWP_VALUE0, FWPM_PROVIDER_CONTEXT3 } from "../../../ffi/structs.gen.ts";

const ROOT = new URL("../../../", import.meta.url);

for (const [path, text] of Object.entries(generatedFiles())) {
  Deno.test(`the committed ${path} is exactly what the struct tables generate`, () => {
    const onDisk = Deno.readTextFileSync(new URL(path, ROOT));
    // equal() on 200 KB strings prints both; say which line differs first instead.
    const a = onDisk.split("\n"), b = text.split("\n");
    const i = a.findIndex((line, n) => line !== b[n]);
    ok(onDisk === text, `${path} is stale at line ${i < 0 ? b.length : i + 1}: run \`deno task gen\``);
  });
}

Deno.test("one type per struct table, and StructMap names every one", () => {
  const src = generateTypes();
  for (const name of Object.keys(STRUCTS)) {
    ok(new RegExp(`^export (interface|type) ${name}\\b`, "m").test(src), `${name} has a type`);
    ok(src.includes(`  ${name}: ${name};`), `StructMap has ${name}`);
  }
  // Union tags are written by constant name, never by number.
  equal(/^\s+type: \d+;$/m.test(src), false);
  ok(src.includes("type: typeof ENUMS.FWP_DATA_TYPE.FWP_UINT8;"));
});

Deno.test("a stale docs key (a member that does not exist) stops the generator", async () => {
  const docs = await import("../../../ffi/gen/docs.ts");
  const table = docs.STRUCT_DOCS as Record<string, string>;
  // The table is a plain object literal: plant a key naming no member, and take it out again.
  table["FWPM_FILTER0.noSuchMember"] = "planted";
  try {
    let message = "";
    try {
      generateTypes();
    } catch (e) {
      message = (e as Error).message;
    }
    ok(message.includes("FWPM_FILTER0.noSuchMember"), message);
  } finally {
    delete table["FWPM_FILTER0.noSuchMember"];
  }
});

// ---- static types: checked by `deno check` / `deno test`, never run ----

const DT = ENUMS.FWP_DATA_TYPE, PCT = ENUMS.FWPM_PROVIDER_CONTEXT_TYPE;

/** Never called: the body only has to type-check (or, where marked, fail to). */
function _typedCodec(arena: Arena): void {
  const provider = {
    providerKey: "00000000-0000-0000-0000-000000000001",
    displayData: { name: "p" },
    flags: 0,
  };
  arena.encode("FWPM_PROVIDER0", provider);
  arena.encode("FWPM_PROVIDER0", { ...provider, serviceName: "svc" });
  // @ts-expect-error a misspelt member is a type error (the untyped codec dropped it silently)
  arena.encode("FWPM_PROVIDER0", { ...provider, servicName: "svc" });
  // @ts-expect-error a member of the wrong type
  arena.encode("FWPM_PROVIDER0", { ...provider, flags: 1n });
  // @ts-expect-error an unknown struct name
  arena.encode("FWPM_PROVIDER9", provider);

  const u8: FWP_VALUE0 = { type: DT.FWP_UINT8, uint8: 1 };
  // @ts-expect-error the arm must match the tag: FWP_UINT8 carries uint8, not uint16
  const wrongArm: FWP_VALUE0 = { type: DT.FWP_UINT8, uint16: 1 };
  // @ts-expect-error two arms at once
  const twoArms: FWP_VALUE0 = { type: DT.FWP_UINT8, uint8: 1, uint16: 1 };
  void [u8, wrongArm, twoArms];

  const ctx = (c: FWPM_PROVIDER_CONTEXT3) => c;
  const head = {
    providerContextKey: "00000000-0000-0000-0000-000000000002",
    displayData: { name: "c" },
    flags: 0,
  };
  ctx({ ...head, type: PCT.FWPM_IPSEC_KEYING_CONTEXT, keyingPolicy: { keyModKeys: [], flags: 0 } });
  // @ts-expect-error an IKE MM context does not carry a keying policy
  ctx({ ...head, type: PCT.FWPM_IPSEC_IKE_MM_CONTEXT, keyingPolicy: { keyModKeys: [], flags: 0 } });
  // @ts-expect-error a plain number is not a provider-context type: use the constant
  ctx({ ...head, type: 0 as number, keyingPolicy: { keyModKeys: [], flags: 0 } });
}
void _typedCodec;
