import { compilePolicy } from "./modules/compiler/mod.ts";
import { loadPolicy } from "./modules/policy/mod.ts";
const rules = []; for (let i = 0; i < 100000; i++) rules.push({ name: `r${i}`, remote: `10.${i>>16}.${(i>>8)&255}.${i&255}`, inbound: "require", outbound: "require", mainMode: "mm", quickMode: "qm" });
const text = JSON.stringify({ version: 1, name: "b", mainMode: [{ name: "mm", keyModule: "authip", auth: ["kerberos"], proposals: ["aes256-sha256-ecp256"] }], quickMode: [{ name: "qm", proposals: ["esp-aesgcm256"] }], rules });
const { policy } = loadPolicy(text, "x");
(globalThis as any).gc();
let t = performance.now(); compilePolicy(policy); console.log("compile", performance.now() - t);
