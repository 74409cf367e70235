/**
 * Plans as the admin reads them: each change under the policy item it implements (the rule, exemption,
 * main-mode or quick-mode policy, tunnel or manual SA named by the object's path in wfpsec's providerData
 * metadata), items in the order of the policy's sections, then by name; inside an item, its WFP objects by
 * kind, then path, then key. The planner's own order (kind, then key) is the order apply runs in; this one
 * is for output only.
 */
import { readMeta } from "../graph/mod.ts";
import type { Change, ChangeGroup, PlannedChange } from "./change.ts";

/** Section order of policy items (the policy file's order of sections). */
const GROUP_RANK: Record<ChangeGroup["kind"], number> = {
  policy: 0,
  mainMode: 1,
  quickMode: 2,
  rule: 3,
  exemption: 4,
  tunnel: 5,
  manualSa: 6,
  other: 7,
};
const KIND_RANK: Record<Change["kind"], number> = {
  provider: 0,
  sublayer: 1,
  providerContext: 2,
  filter: 3,
  tunnel: 4,
  manualSa: 5,
};
/** The first segment of an object path -> the policy item kind. */
const SECTION: Record<string, ChangeGroup["kind"]> = {
  mainMode: "mainMode",
  quickMode: "quickMode",
  rules: "rule",
  exemptions: "exemption",
  tunnels: "tunnel",
  manualSas: "manualSa",
};

/** The group name of the IKE/IKEv2 exemptions wfpsec adds on its own (not a name the policy can use). */
export const IKE_EXEMPTIONS = "IKE traffic (added by wfpsec)";

/** The object's path in the policy and its policy item, from the metadata of the object changed. */
export function policyPlace(c: PlannedChange): { path?: string; group: ChangeGroup } {
  const obj = c.desired ?? c.current;
  const data = obj && ("tunnelPolicy" in obj ? obj.tunnelPolicy.providerData : obj.providerData);
  const meta = readMeta(data);
  let path = typeof meta?.path === "string" ? meta.path : undefined;
  if (!path && c.kind === "manualSa") path = `manualSas/${c.name}`;
  if (!path) return { group: { kind: "other" } };
  if (path === "provider" || path === "sublayer") {
    return {
      path,
      group: typeof meta?.policy === "string" ? { kind: "policy", name: meta.policy } : { kind: "policy" },
    };
  }
  const [section, name] = path.split("/");
  // The IKE/IKEv2 exemptions the compiler adds itself (compiler/ikeExemptions.ts) are no item of the file.
  if (section === "ikeExemptions") return { path, group: { kind: "exemption", name: IKE_EXEMPTIONS } };
  const kind = SECTION[section];
  return { path, group: kind && name !== undefined ? { kind, name } : { kind: "other" } };
}

/** Public changes in policy-item order (see the module comment); the input is not reordered. */
export function groupChanges(changes: readonly Change[]): Change[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const g = c.group ?? { kind: "other" };
    const id = `${GROUP_RANK[g.kind]}\0${g.name ?? ""}`;
    let list = groups.get(id);
    if (!list) groups.set(id, list = []);
    list.push(c);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const out: Change[] = [];
  for (const id of [...groups.keys()].sort(cmp)) {
    const list = groups.get(id)!;
    if (list.length > 1) {
      list.sort((a, b) =>
        KIND_RANK[a.kind] - KIND_RANK[b.kind] || cmp(a.path ?? "", b.path ?? "") || cmp(a.key, b.key)
      );
    }
    for (const c of list) out.push(c);
  }
  return out;
}
