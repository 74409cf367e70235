/** A minimal JSON Schema checker: the subset of draft 2020-12 that schema/wfpsec-policy.schema.json uses. */
export type S = Record<string, unknown>;

/** Returns the JSON pointers of failures (empty when valid). */
export function schemaErrors(schema: S, value: unknown, root: S = schema, at = ""): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    return schemaErrors((root.$defs as Record<string, S>)[name], value, root, at);
  }
  const errs: string[] = [];
  const t = schema.type as string | undefined;
  const isObj = typeof value === "object" && value !== null && !Array.isArray(value);
  if (t === "string" && typeof value !== "string") return [`${at}: type`];
  if (t === "integer" && !Number.isInteger(value)) return [`${at}: type`];
  if (t === "boolean" && typeof value !== "boolean") return [`${at}: type`];
  if (t === "array" && !Array.isArray(value)) return [`${at}: type`];
  if (t === "object" && !isObj) return [`${at}: type`];
  if ("const" in schema && value !== schema.const) errs.push(`${at}: const`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errs.push(`${at}: enum`);
  if (
    typeof schema.pattern === "string" && typeof value === "string" &&
    !new RegExp(schema.pattern, "u").test(value)
  ) errs.push(`${at}: pattern`);
  if (typeof schema.minimum === "number" && (value as number) < schema.minimum) errs.push(`${at}: minimum`);
  if (typeof schema.maximum === "number" && (value as number) > schema.maximum) errs.push(`${at}: maximum`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errs.push(`${at}: minItems`);
    if (schema.items) {
      value.forEach((v, i) => errs.push(...schemaErrors(schema.items as S, v, root, `${at}/${i}`)));
    }
  }
  if (isObj) {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, S>;
    for (const k of Object.keys(o)) {
      if (k in props) errs.push(...schemaErrors(props[k], o[k], root, `${at}/${k}`));
      else if (schema.additionalProperties === false) errs.push(`${at}/${k}: additionalProperties`);
    }
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errs.push(`${at}: required ${r}`);
    const n = Object.keys(o).length;
    if (typeof schema.minProperties === "number" && n < schema.minProperties) {
      errs.push(`${at}: minProperties`);
    }
    if (typeof schema.maxProperties === "number" && n > schema.maxProperties) {
      errs.push(`${at}: maxProperties`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = schema.oneOf.map((s) =>
      schemaErrors(s as S, value, root, at)
    ).filter((e) => e.length === 0).length;
    if (passing !== 1) errs.push(`${at}: oneOf (${passing} match)`);
  }
  return errs;
}
