/**
 * Which policy is in force: the name the compiler recorded in the providerData metadata of wfpsec's
 * provider (modules/graph/meta.ts). Object keys derive from the policy name (compiler/keys.ts), so applying a
 * policy with another name replaces every object of the one in force; plan and apply say so up front.
 */
import type { Engine } from "../engine/mod.ts";
import { readMeta } from "../graph/mod.ts";

/** The name of the policy whose provider is in the engine, or undefined (none, or not wfpsec's metadata). */
export function policyInForce(engine: Engine, providerKey: string): string | undefined {
  const provider = engine.getProvider(providerKey);
  const name = readMeta(provider?.providerData)?.policy;
  return typeof name === "string" ? name : undefined;
}

/** `{ name }` of the policy in force when it is not `desired`, else undefined. */
export function replacedPolicy(
  engine: Engine,
  providerKey: string,
  desired: string,
): { name: string } | undefined {
  const current = policyInForce(engine, providerKey);
  return current !== undefined && current !== desired ? { name: current } : undefined;
}

/** The headline for a replaced policy: `replaces policy 'OLD' (in force) with 'NEW'`. */
export function replacesHeadline(replaced: { name: string }, desired: string): string {
  return `replaces policy '${replaced.name}' (in force) with '${desired}'`;
}
