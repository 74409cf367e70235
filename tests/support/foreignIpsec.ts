/**
 * Another provider's IPsec policy, for the coexistence tests: a wfpsec policy compiled as usual, then every
 * object key, the provider and the sublayer re-keyed to a foreign provider (as if Windows Firewall or a VPN
 * client had written the same kind of policy), so it has real main/quick-mode contexts at IKEEXT/IPSEC and
 * transport filters calling FWPM_CALLOUT_IPSEC_*. Kerberos only: no secret has to be resolved.
 */
import type { ObjectGraph } from "../../modules/graph/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";

export const FOREIGN_IPSEC_PROVIDER = "c0ffee00-1111-4222-8333-444455556666";
export const FOREIGN_IPSEC_PROVIDER_NAME = "Contoso VPN IPsec";

/** A Kerberos-only domain-isolation policy securing `remote`. */
export function foreignPolicyText(remote: string): string {
  return `version: 1
name: contoso
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: vpn, remote: ${remote}, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
`;
}

/** The foreign provider's objects for a policy securing `remote` (keys derived, deterministic). */
export function foreignIpsecGraph(remote: string): ObjectGraph {
  const g = compilePolicy(loadPolicy(foreignPolicyText(remote), "foreign.yaml").policy);
  const keys = new Map<string, string>([[g.provider.providerKey, FOREIGN_IPSEC_PROVIDER]]);
  const rekey = (k: string) => keys.get(k) ?? (keys.set(k, `c0${k.slice(2)}`), keys.get(k)!);
  rekey(g.sublayer.subLayerKey);
  for (const c of g.providerContexts) rekey(c.providerContextKey);
  for (const f of g.filters) rekey(f.filterKey);
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return keys.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
      // wfpsec's providerData metadata is ours, not the other provider's: left out
      return Object.fromEntries(
        Object.entries(v).filter(([k]) => k !== "providerData").map(([k, x]) => [k, walk(x)]),
      );
    }
    return v;
  };
  const out = walk(g) as ObjectGraph;
  out.provider.displayData = { name: FOREIGN_IPSEC_PROVIDER_NAME };
  out.sublayer.displayData = { name: "Contoso VPN sublayer" };
  for (const f of out.filters) f.displayData = { name: `contoso ${f.displayData.name}` };
  return out;
}
