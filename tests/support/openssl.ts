/** openssl-made certificates as references for encoded names (tests that need them skip without openssl). */
import assert from "node:assert/strict";

/** Whether the openssl command runs here. */
export const haveOpenssl: boolean = (() => {
  try {
    return new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

/**
 * A self-signed P-256 CA made by openssl with `subj` (e.g. /C=US/O=Org/CN=Root); the DER file's path.
 * `oids` names OIDs openssl does not know (it skips unknown attribute types in -subj) so `subj` can use them.
 */
export function opensslCa(
  dir: string,
  name: string,
  subj: string,
  oids: Record<string, string> = {},
): string {
  const pem = `${dir}/${name}.pem`, der = `${dir}/${name}.cer`, cnf = `${dir}/${name}.cnf`;
  Deno.writeTextFileSync(
    cnf,
    "oid_section = new_oids\n[new_oids]\n" +
      Object.entries(oids).map(([k, v]) => `${k} = ${v}\n`).join("") +
      "[req]\ndistinguished_name = dn\n[dn]\n",
  );
  const run = (args: string[]) => {
    const o = new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" }).outputSync();
    assert.ok(o.success, new TextDecoder().decode(o.stderr));
  };
  run([
    "req",
    "-config",
    cnf,
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    `${dir}/${name}.key`,
    "-out",
    pem,
    "-days",
    "2",
    "-subj",
    subj,
  ]);
  run(["x509", "-in", pem, "-outform", "der", "-out", der]);
  return der;
}
