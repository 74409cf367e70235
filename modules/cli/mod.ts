/**
 * The command line's parts below `cli.ts`: what a command is (`command.ts`), the command table
 * (`commands.ts`), what the handlers share (`support.ts`) and option parsing (`args.ts`). `cli.ts` parses arguments, prints help and
 * errors, and dispatches to the table.
 *
 * @module
 */
export { COMMON, ENGINE_HELP, type Opt, Output, type Values, VERSION } from "./command.ts";
export { COMMANDS } from "./commands.ts";
export { diagnosticLine, loadedPolicy } from "./support.ts";
export { type OptionSpec, parseArgs, type ParsedArgs } from "./args.ts";
