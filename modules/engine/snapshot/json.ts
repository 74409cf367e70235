/**
 * wfpsec's own JSON snapshot (`wfpsec show --all --json > snap.json`) read back into objects. Each object is
 * checked for the fields the planner relies on (keys, names, flags, the filter's layer, action, weight and
 * conditions) and decoded through graph/json.ts's `fromJsonObject`; a malformed one is a SnapshotError naming
 * the file, the element (`filters[3].layerKey`) and, for syntax errors, line:col.
 */
import type { Filter, Provider, ProviderContext, Sublayer } from "../../graph/mod.ts";
import { SnapshotError } from "../../errors.ts";
import { fromJsonObject } from "../../graph/mod.ts";
import type { SnapshotData } from "./data.ts";

/** Deepest nesting a JSON snapshot may have (wfpsec's own output nests ~12 levels). */
const MAX_DEPTH = 64;

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SYMBOL_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

type Obj = Record<string, unknown>;

/** Parses `wfpsec show [--all] --json` output back into objects. */
export function parseJsonSnapshot(text: string, path = "snapshot"): SnapshotData {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw syntaxError(text, path, e as Error);
  }
  const fail = (element: string, message: string): never => {
    throw new SnapshotError(`${path}: ${element}: ${message}`, { file: path, element });
  };
  if (!isObj(doc) || doc.schemaVersion !== 1 || doc.command !== "show") {
    throw new SnapshotError(
      `${path}: not a wfpsec show --json snapshot (schemaVersion 1, command "show" expected)`,
      { file: path },
    );
  }
  checkDepth(doc, path);
  const list = <T>(k: string, check: (o: Obj, at: string) => void): T[] => {
    const v = doc[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return fail(k, "not a list");
    const keyField = KEY_FIELD[k];
    const seen = new Set<string>();
    return v.map((x, i) => {
      const at = `${k}[${i}]`;
      if (!isObj(x)) return fail(at, "not an object");
      check(x, at);
      const key = x[keyField] as string;
      if (seen.has(key.toLowerCase())) fail(`${at}.${keyField}`, `${key} appears twice`);
      seen.add(key.toLowerCase());
      try {
        return fromJsonObject<T>(x);
      } catch (e) {
        return fail(at, (e as Error)?.message ?? String(e));
      }
    });
  };
  const guid = (o: Obj, k: string, at: string, required: boolean) => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (required) fail(`${at}.${k}`, "missing");
      return;
    }
    if (typeof v !== "string" || !(GUID_RE.test(v) || SYMBOL_RE.test(v))) {
      fail(`${at}.${k}`, `not a GUID: ${JSON.stringify(v).slice(0, 80)}`);
    }
  };
  const u32 = (o: Obj, k: string, at: string, required = true) => {
    const v = o[k];
    if (v === undefined && !required) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      fail(`${at}.${k}`, `not a 32-bit unsigned number: ${JSON.stringify(v)?.slice(0, 80)}`);
    }
  };
  const common = (o: Obj, at: string, key: string) => {
    guid(o, key, at, true);
    const d = o.displayData;
    if (!isObj(d) || typeof d.name !== "string") fail(`${at}.displayData.name`, "missing or not text");
    u32(o, "flags", at);
    guid(o, "providerKey", at, false);
  };
  const typed = (o: Obj, k: string, at: string) => {
    const v = o[k];
    if (!isObj(v)) return fail(`${at}.${k}`, "missing or not an object");
    u32(v, "type", `${at}.${k}`);
  };
  return {
    providers: list<Provider>("providers", (o, at) => common(o, at, "providerKey")),
    sublayers: list<Sublayer>("sublayers", (o, at) => {
      common(o, at, "subLayerKey");
      u32(o, "weight", at);
    }),
    providerContexts: list<ProviderContext>("providerContexts", (o, at) => {
      common(o, at, "providerContextKey");
      u32(o, "type", at);
    }),
    filters: list<Filter>("filters", (o, at) => {
      common(o, at, "filterKey");
      guid(o, "layerKey", at, true);
      guid(o, "subLayerKey", at, true);
      typed(o, "action", at);
      typed(o, "weight", at);
      const conds = o.filterCondition;
      if (!Array.isArray(conds)) return fail(`${at}.filterCondition`, "missing or not a list");
      conds.forEach((c, i) => {
        const cat = `${at}.filterCondition[${i}]`;
        if (!isObj(c)) return fail(cat, "not an object");
        guid(c, "fieldKey", cat, true);
        u32(c, "matchType", cat);
        typed(c, "conditionValue", cat);
      });
    }),
  };
}

const KEY_FIELD: Record<string, string> = {
  providers: "providerKey",
  sublayers: "subLayerKey",
  providerContexts: "providerContextKey",
  filters: "filterKey",
};

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Refuses nesting deeper than MAX_DEPTH (walked without recursion). */
function checkDepth(doc: unknown, path: string): void {
  const todo: [unknown, number][] = [[doc, 1]];
  while (todo.length) {
    const [v, d] = todo.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (d > MAX_DEPTH) {
      throw new SnapshotError(`${path}: nested deeper than ${MAX_DEPTH} levels`, { file: path });
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) todo.push([x, d + 1]);
  }
}

/** A JSON syntax error with the line:col of the position V8 reports. */
function syntaxError(text: string, path: string, e: Error): SnapshotError {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return new SnapshotError(`${path}: invalid JSON: ${e.message}`, { file: path });
  const pos = Number(m[1]);
  let line = 1, last = -1;
  for (let i = text.indexOf("\n"); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  const column = pos - last;
  return new SnapshotError(`${path}:${line}:${column}: invalid JSON: ${e.message}`, {
    file: path,
    line,
    column,
  });
}
