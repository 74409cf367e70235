/**
 * `certificate.rootCA` entries: a distinguished name string (dn.ts) or the CA certificate itself,
 * `{ file: ca.cer }` (DER or PEM), whose subject is copied byte for byte into
 * IKEEXT_CERTIFICATE_CRITERIA0.certData (x509.ts). A relative path is relative to the policy file.
 */
import { certificateSubject } from "./x509.ts";
import type { RootCa } from "./model.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** Directory of a policy file name ("" when the policy has no file, e.g. "<policy>"). */
export function policyDir(file: string): string {
  if (file.startsWith("<")) return "";
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i < 0 ? "" : file.slice(0, i + 1);
}

/** Reads a `{ file }` root CA: the model entry, or the reason it cannot be used. */
export function rootCaFromFile(file: string, baseDir: string): RootCa | string {
  const abs = /^([A-Za-z]:[\\/]|[\\/])/.test(file) ? file : baseDir + file;
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(abs);
  } catch (e) {
    return `cannot read the CA certificate '${abs}': ${(e as Error).name}`;
  }
  try {
    return { file, subject: hex(certificateSubject(bytes)) };
  } catch (e) {
    return `'${abs}' is not an X.509 certificate (DER or PEM): ${(e as Error).message}`;
  }
}

/** The encoded subject bytes of a model entry (hex) or undefined for a DN string. */
export function rootCaSubject(r: RootCa): Uint8Array | undefined {
  if (typeof r === "string") return undefined;
  return Uint8Array.from(r.subject.match(/../g) ?? [], (h) => parseInt(h, 16));
}
