/** Child process of the persistence test: opens fwpsim with FWPSIM_STATE and reports what it finds. */
import { openEngine } from "../../modules/engine/ffi.ts";

const [persistentKey, otherKey] = Deno.args;
const engine = openEngine({ simulator: true });
try {
  console.log(JSON.stringify({
    persistent: engine.getProvider(persistentKey)?.displayData.name ?? null,
    other: engine.getProvider(otherKey)?.displayData.name ?? null,
  }));
} finally {
  engine.close();
}
