/**
 * `wfpsec import`: a Windows Firewall IPsec policy (a `reg export` of the policy store, or NetSecurity objects
 * as JSON from ConvertFrom-NetIPsecRule) -> a wfpsec policy file. The work is modules/import/; this file reads
 * the input, checks that the result validates and compiles (an importer bug is never written), and writes it
 * only then: malformed input is a located PolicyError and nothing is written.
 */
import type { Command } from "./command.ts";
import { diagnosticJson, head, writeOutputFile } from "./support.ts";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The `import` command. */
export const IMPORT_COMMAND: Command = {
  summary: "write a policy file from Windows Firewall IPsec rules (GPO/registry export or NetSecurity)",
  usage:
    "wfpsec import --gpfas FILE.reg | --netsecurity-json FILE|- [-o OUT [--force]] [--name NAME] [--json]",
  details:
    "Reads the connection security rules with their phase 1/2 authentication sets and crypto sets and writes\n" +
    "the equivalent policy (YAML) to stdout or OUT.\n" +
    "  --gpfas FILE.reg          a `reg export` (UTF-16LE, as regedit writes it) of the GPO's\n" +
    "                            HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall key, or of the local\n" +
    "                            HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\n" +
    "                            key ([MS-GPFAS] ConSecRules, Phase1/2AuthenticationSets, Phase1/2CryptoSets)\n" +
    "                            (e.g. reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall gpo.reg)\n" +
    "                            or the GPO's own SYSVOL ...\\Machine\\Registry.pol ([MS-GPREG]; a location's line\n" +
    "                            is then the instruction's number)\n" +
    "  --netsecurity-json FILE   NetSecurity objects as ConvertFrom-NetIPsecRule serialises them ('-': stdin)\n" +
    "  -o OUT [--force]          write OUT (an existing file only with --force)\n" +
    "  --name NAME               the policy's name (default: from the input file name)\n" +
    "What the policy cannot say (profiles, interfaces, tunnel-mode rules, disabled rules, flags wfpsec does not\n" +
    "set, ...) is listed on stderr and in the file's comment block (JSON: notExpressed); a rule that cannot be\n" +
    "carried without widening or weakening it is left out and listed. Pre-shared keys are never copied: the\n" +
    "policy refers to an environment variable (listed) that must be set before plan or apply.\n" +
    "The result is validated and compiled before it is written. Exit 0 imported, 1 error (nothing written).",
  options: {
    gpfas: { type: "string" },
    "netsecurity-json": { type: "string" },
    output: { type: "string", short: "o" },
    force: { type: "boolean" },
    name: { type: "string" },
  },
  positionals: [0, 0],
  async run(v, _pos, out) {
    const { UsageError } = await import("../errors.ts");
    const gpfas = v.gpfas as string | undefined, ns = v["netsecurity-json"] as string | undefined;
    if ((gpfas === undefined) === (ns === undefined)) {
      throw new UsageError("give exactly one of --gpfas FILE.reg or --netsecurity-json FILE");
    }
    const name = v.name as string | undefined;
    if (name !== undefined && !NAME.test(name)) {
      throw new UsageError(
        `--name ${name}: use letters, digits, '.', '_', '-' (at most 64, starting with a letter or digit)`,
      );
    }
    const file = v.output as string | undefined;
    if (file && !v.force && exists(file)) {
      throw new UsageError(`${file} already exists: pass --force to overwrite it`);
    }
    const input = (gpfas ?? ns)!;
    const bytes = await readInput(input, UsageError);
    const imp = await import("../import/mod.ts");
    const result = gpfas !== undefined
      ? imp.importGpfas(bytes, input, { name })
      : imp.importNetSecurity(new TextDecoder().decode(bytes), input === "-" ? "<stdin>" : input, { name });
    const warnings = await check(result.text, file ?? "<imported policy>");
    if (file) await writeOutputFile(file, result.text);
    const notExpressed = result.notExpressed.map((n) => ({
      what: n.what,
      field: n.field,
      value: n.value ?? null,
      reason: n.reason,
      file: n.at?.file ?? null,
      line: n.at?.line ?? null,
    }));
    if (out.json) {
      out.doc({
        ...(await head("import")),
        source: { format: gpfas !== undefined ? "gpfas" : "netsecurity", file: input },
        ...(file ? { file } : {}),
        policy: result.document as unknown,
        counts: result.counts,
        notExpressed,
        secretVariables: result.secretVariables,
        warnings,
      });
      return 0;
    }
    for (const n of result.notExpressed) out.err(`wfpsec import: not expressed: ${imp.notExpressedLine(n)}`);
    for (const s of result.secretVariables) {
      out.err(`wfpsec import: set ${s} before plan or apply (pre-shared key, not copied)`);
    }
    const summary = `${result.counts.rules} rules, ${result.counts.exemptions} exemptions, ` +
      `${result.counts.skipped} rules left out, ${result.notExpressed.length} items not expressed`;
    if (file) out.err(`wrote ${file} (${summary})`);
    else {
      Deno.stdout.writeSync(new TextEncoder().encode(result.text));
      out.err(`wfpsec import: ${summary}`);
    }
    return 0;
  },
};

function exists(f: string): boolean {
  try {
    Deno.lstatSync(f);
    return true;
  } catch {
    return false;
  }
}

async function readInput(input: string, UsageError: new (m: string) => Error): Promise<Uint8Array> {
  try {
    if (input === "-") return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
    return Deno.readFileSync(input);
  } catch (e) {
    throw new UsageError(`cannot read ${input}: ${(e as Error).message}`);
  }
}

/** Validates and compiles the imported text; its warnings for the JSON document. Failing is an importer bug. */
async function check(text: string, file: string) {
  const { loadPolicyLazily } = await import("../policy/load.ts");
  const { compilePolicy } = await import("../compiler/compile.ts");
  const { PolicyError } = await import("../policy/mod.ts");
  try {
    const { policy, warnings } = await loadPolicyLazily(text, file);
    compilePolicy(policy);
    return warnings.filter((w) => w.code !== "secret-unset").map((w) => diagnosticJson({ ...w }, file));
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    // Not the input's fault: the importer wrote something the policy language refuses. Nothing is written.
    throw new Error(
      `internal error: the imported policy does not validate (${e.message}); please report this`,
    );
  }
}
