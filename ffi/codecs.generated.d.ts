// Types of ffi/codecs.generated.js (generated from the layout tables by scripts/gen-codecs.ts).
import type { GeneratedCodec, Helpers } from "./codegen.ts";

/** Builds every struct's codec around `helpers` (what ffi/codegen.ts's generateCodecs compiles). */
export default function codecs(helpers: Helpers): Record<string, GeneratedCodec>;
