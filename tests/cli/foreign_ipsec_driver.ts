/**
 * Adds another provider's IPsec policy (tests/support/foreignIpsec.ts) to the fwpsim state file named by
 * FWPSIM_STATE, in one transaction, the way that provider's own tool would. Argument: the remote scope.
 */
import { openEngine } from "../../modules/engine/ffi.ts";
import { foreignIpsecGraph } from "../support/foreignIpsec.ts";

const g = foreignIpsecGraph(Deno.args[0]);
const engine = openEngine({ simulator: true, sessionName: "contoso-vpn" });
try {
  engine.transaction(() => {
    engine.addProvider(g.provider);
    engine.addSublayer(g.sublayer);
    for (const c of g.providerContexts) engine.addProviderContext(c);
    for (const f of g.filters) engine.addFilter(f);
  });
} finally {
  engine.close();
}
console.log(`added ${g.filters.length} filters and ${g.providerContexts.length} provider contexts`);
