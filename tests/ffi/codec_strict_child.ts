/**
 * Child of codec_strict.test.ts: encodes an FWPM_PROVIDER0 whose `serviceName` is misspelt and prints the
 * outcome as JSON. The codec decides strictness once, from WFPSEC_CODEC_STRICT, so each mode needs a process.
 */
import { Arena } from "../../ffi/codec.ts";
import { encodeLoose } from "../support/looseCodec.ts";

const provider = {
  providerKey: "00000000-0000-4000-8000-0000000000c1",
  displayData: { name: "strict" },
  flags: 0,
  servicName: "svc",
};
try {
  encodeLoose(new Arena(), "FWPM_PROVIDER0", provider);
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  const err = e as Error & { path?: string };
  console.log(JSON.stringify({ ok: false, name: err.name, path: err.path, message: err.message }));
}
