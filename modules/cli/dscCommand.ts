/**
 * `wfpsec dsc`: the command table's entry for the `Wfpsec/IPsecPolicy` DSC v3 resource. Its work is in
 * dscRun.ts (instance and schema in dscResource.ts), imported when the command runs.
 */
import { type Command, ENGINE_OPTS } from "./command.ts";

export const DSC_COMMAND: Command = {
  summary: "the Wfpsec/IPsecPolicy DSC v3 resource (get, set, test, export, schema)",
  usage: "wfpsec dsc get|set|test|export|schema [--input JSON] [--what-if] [engine options]",
  details: "What Microsoft DSC v3 calls through deploy/dsc/wfpsec.dsc.resource.json (Wfpsec/IPsecPolicy).\n" +
    'The instance JSON ({"path":"C:\\\\ProgramData\\\\wfpsec\\\\policy.yaml","_exist":true}) comes on stdin or as\n' +
    '--input JSON. stdout is JSON lines only; messages go to stderr as DSC message lines ({"warn":"..."}).\n' +
    "  get      the actual state: policyName in force, inSync, changes (the plan in the policy's words)\n" +
    "  test     the state with _inDesiredState (one line)\n" +
    "  set      apply the policy in one transaction (as apply), or remove wfpsec's policy (_exist false);\n" +
    "           prints the new state, then the changed properties. --what-if: the plan, nothing changed\n" +
    "  export   the policy in force as one instance line (none in force: no line)\n" +
    "  schema   the instance JSON Schema\n" +
    "Instance properties: path (the policy file; absolute: DSC runs the resource in its own folder), _exist\n" +
    "(default true), force and allowCoexist (set: as apply --force / --allow-coexist); read-only: policyName,\n" +
    "inSync, changes, simulated, _inDesiredState.\n" +
    "Exit 0 success; 2 invalid input; 3 the engine failed the change (nothing changed); 4 refused for\n" +
    'safety; 5 the apply lock is busy; 1 other. Each failure writes one {"error":...} line on stderr.',
  options: { ...ENGINE_OPTS, input: { type: "string" }, "what-if": { type: "boolean" } },
  positionals: [1, 1],
  async run(v, [op]) {
    const { runDsc } = await import("./dscRun.ts");
    return await runDsc(v, op);
  },
};
