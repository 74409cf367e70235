/**
 * [MS-GPFAS] rule strings: connection security rules, auth sets and crypto sets are stored as
 * `v2.10|Key=Value|Key=Value|...|` (section 2.2.2 grammar: a version, then `|`-terminated fields; a key may
 * repeat, e.g. several `EP1_4=`). This module splits a string into its fields, located for errors; mapping the
 * fields onto the policy model is the importer's job.
 */
import { ImportError, type ImportLocation } from "./errors.ts";

/** A parsed rule string. */
export interface GpfasRecord {
  /** Schema version from the `vMAJOR.MINOR` prefix. */
  version: { major: number; minor: number };
  /** Fields in order (keys may repeat). */
  fields: Array<{ key: string; value: string }>;
}

/** Splits a [MS-GPFAS] rule string; `at` names the file, line and registry value for errors. */
export function parseGpfasString(s: string, at: ImportLocation): GpfasRecord {
  const m = /^v(\d+)\.(\d+)\|/.exec(s);
  if (!m) throw new ImportError('rule string must start with a version "v2.NN|"', at);
  const version = { major: Number(m[1]), minor: Number(m[2]) };
  if (version.major !== 2) throw new ImportError(`unsupported rule string version v${m[1]}.${m[2]}`, at);
  const body = s.slice(m[0].length);
  if (body !== "" && !body.endsWith("|")) throw new ImportError('rule string must end with "|"', at);
  const fields: GpfasRecord["fields"] = [];
  for (const part of body.split("|").slice(0, -1)) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new ImportError(`field "${part.slice(0, 30)}" is not KEY=VALUE`, at);
    const key = part.slice(0, eq);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new ImportError(`bad field name "${key}"`, at);
    fields.push({ key, value: part.slice(eq + 1) });
  }
  return { version, fields };
}

/** The value of a field that must occur at most once, or undefined. */
export function single(rec: GpfasRecord, key: string, at: ImportLocation): string | undefined {
  const all = rec.fields.filter((f) => f.key === key);
  if (all.length > 1) {
    throw new ImportError(`field ${key} occurs ${all.length} times`, {
      ...at,
      field: `${at.field ?? ""}.${key}`,
    });
  }
  return all[0]?.value;
}
