/**
 * Importers: Windows Firewall IPsec policy -> a wfpsec policy file. Two sources decode into Windows' own
 * model (fwModel.ts) and share one mapping (toPolicy.ts):
 * - a `reg export` of the policy store ([MS-GPFAS]: ConSecRules, auth sets, crypto sets), gpfasStore.ts;
 * - NetSecurity's objects as the WfpSec module's ConvertFrom-NetIPsecRule serialises them, netsecurity.ts.
 */
import { decodeRegBytes, parseRegFile } from "./regfile.ts";
import { isRegistryPol, parseRegistryPol } from "./regpol.ts";
import { decodeGpfasStore } from "./gpfasStore.ts";
import { decodeNetSecurity } from "./netsecurity.ts";
import { type ImportResult, toPolicyDocument } from "./toPolicy.ts";
import type { FwPolicy, NotExpressed } from "./fwModel.ts";
import { documentToYaml } from "../policy/mod.ts";

export { ImportError, type ImportLocation } from "./errors.ts";
export type { ImportResult } from "./toPolicy.ts";
export type { NotExpressed } from "./fwModel.ts";

/** What an import produced: the document, its YAML text (with the not-expressed comment block), and lists. */
export interface Imported extends ImportResult {
  /** The policy file's text. */
  text: string;
}

/** Options of an import. */
export interface ImportOptions {
  /** The policy's name (default: from the input file name). */
  name?: string;
}

/** A policy name from a file name: `C:\x\Corp GPO.reg` -> `Corp-GPO`. */
export function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "");
  const n = base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").replace(/-+$/, "").slice(
    0,
    64,
  );
  return n || "imported";
}

/**
 * Imports a `reg export` file's bytes, or a GPO's Registry.pol ([MS-GPFAS] keys either way). Throws
 * ImportError (located) on malformed input.
 */
export function importGpfas(bytes: Uint8Array, file: string, opts: ImportOptions = {}): Imported {
  // A GPO's Registry.pol ([MS-GPREG]) holds the same keys as a reg export of the applied policy.
  const keys = isRegistryPol(bytes)
    ? parseRegistryPol(bytes, file)
    : parseRegFile(decodeRegBytes(bytes, file), file);
  return finish(
    decodeGpfasStore(keys, file),
    file,
    "a reg export of the Windows Firewall policy store ([MS-GPFAS])",
    opts,
  );
}

/** Imports NetSecurity objects serialised as JSON (ConvertFrom-NetIPsecRule). Throws ImportError (located). */
export function importNetSecurity(text: string, file: string, opts: ImportOptions = {}): Imported {
  return finish(decodeNetSecurity(text, file), file, "NetSecurity (Get-NetIPsecRule and its sets)", opts);
}

function finish(fw: FwPolicy, file: string, source: string, opts: ImportOptions): Imported {
  const name = opts.name ?? nameFromFile(file);
  const result = toPolicyDocument(fw, {
    name,
    description: `Imported from ${source}: ${file.split(/[\\/]/).pop()}`,
  });
  return {
    ...result,
    text: documentToYaml(result.document, header(file, result.notExpressed, result.secretVariables)),
  };
}

/** One not-expressed entry as a line: `rule "X" Profile=Domain: reason (file:line)`. */
export function notExpressedLine(n: NotExpressed): string {
  const value = n.value !== undefined ? `=${n.value}` : "";
  const at = n.at ? ` (${n.at.file}:${n.at.line})` : "";
  return `${n.what} ${n.field}${value}: ${n.reason}${at}`;
}

function header(file: string, notExpressed: NotExpressed[], secrets: string[]): string {
  const lines = [`Imported by wfpsec import from ${file}. Review it, then: wfpsec validate / wfpsec plan.`];
  if (secrets.length) {
    lines.push(`Set before plan/apply: ${secrets.join(", ")} (pre-shared keys are never copied).`);
  }
  if (notExpressed.length) {
    lines.push("", "Not expressed in this policy (review each):");
    for (const n of notExpressed) lines.push(`- ${notExpressedLine(n).replace(/[\r\n]+/g, " ")}`);
  } else lines.push("Everything in the source is expressed.");
  return lines.join("\n");
}
