/**
 * The command table: each command's options, usage, help text and handler. Handlers import the modules they
 * need when they run (start-up stays lean).
 */
import { type Command, ENGINE_OPTS, VERSION } from "./command.ts";
import { MONITOR_COMMANDS } from "./monitorCommands.ts";
import { EXPLAIN_COMMAND } from "./explainCommand.ts";
import { DSC_COMMAND } from "./dscCommand.ts";
import { CONFIRM_COMMAND, REVERT_COMMAND } from "./confirmCommand.ts";
import { REPORT_COMMAND } from "./reportCommand.ts";
import { IMPORT_COMMAND } from "./importCommand.ts";
import {
  addressKeywordsJson,
  addressKeywordsText,
  compileLoaded,
  diagnosticJson,
  diagnosticLine,
  head,
  hostAddressing,
  loadGraph,
  loadPolicyFile,
  openEngine,
  printWarnings,
  providerKey,
  underApplyLock,
  writeOutputFile,
} from "./support.ts";

export const COMMANDS: Record<string, Command> = {
  validate: {
    summary: "check a policy file; errors with file:line:col",
    usage: "wfpsec validate FILE [--json]",
    details: "Parses and validates FILE and compiles it (no engine needed). Exit 0 valid, 1 invalid.",
    options: {},
    positionals: [1, 1],
    async run(_v, [file], out) {
      const diagOf = (d: Record<string, unknown>) => diagnosticJson(d, file);
      try {
        // Address keywords resolve at plan/apply: such a policy is not compiled here (its filters depend on the host).
        const read = await loadPolicyFile(file);
        const graph = read.keywordUses.length ? undefined : (await compileLoaded(read)).graph;
        const warnings = read.warnings.map(diagOf);
        if (out.json) {
          out.doc({
            ...(await head("validate")),
            valid: true,
            file,
            errors: [],
            warnings,
            addressKeywords: read.keywordUses,
          });
        } else {
          for (const d of warnings) out.err(diagnosticLine(d));
          out.text(
            graph
              ? `${file}: valid (${graph.filters.length} filters, ${graph.providerContexts.length} provider contexts, ${graph.tunnels.length} tunnels)`
              : `${file}: valid (address keywords resolved from the host's adapters at plan/apply: ${
                read.keywordUses.join(", ")
              })`,
          );
        }
        return 0;
      } catch (e) {
        const { PolicyError } = await import("../policy/mod.ts");
        if (!(e instanceof PolicyError)) throw e;
        const all = e.diagnostics.map((d) => diagOf({ ...d }));
        const errors = all.filter((d) => d.severity !== "warning");
        const warnings = all.filter((d) => d.severity === "warning");
        for (const d of all) out.err(diagnosticLine(d));
        if (out.json) {
          out.doc({
            ...(await head("validate")),
            valid: false,
            file,
            errors,
            warnings,
            error: { type: "PolicyError", message: (e as Error).message, diagnostics: all },
          });
        }
        return 1;
      }
    },
  },

  plan: {
    summary: "show what apply would change (exit 0 in sync, 2 changes pending)",
    usage: "wfpsec plan FILE [--state SNAPSHOT] [--interfaces FILE] [--json] [engine options]",
    details: "Compares the policy with the objects wfpsec's provider owns in the engine (or in an offline\n" +
      "snapshot: a netsh wfp show state/filters XML dump or a wfpsec show --all --json file).\n" +
      "Where rules with different security overlap, lists which decides (higher priority, else more specific).\n" +
      "Account names in authorization lists are resolved on the host and shown with their SIDs\n" +
      "(LookupAccountNameW on Windows; fwpsim and snapshots: the WFPSEC_ACCOUNTS fixture).\n" +
      "Exit 0 in sync, 2 changes pending, 1 error.\n" +
      "An apply of manual SAs that did not finish its SA phase (killed, or failed without undoing\n" +
      "everything) is reported first (INCOMPLETE APPLY ...; JSON incompleteApply) and makes the exit 2.\n" +
      "Address keywords (dns, dhcp, wins, defaultgateway, localsubnet) are resolved from this host's\n" +
      "adapters and shown; with the simulator or a snapshot, from --interfaces FILE (an interface fixture;\n" +
      "the simulator also reads FWPSIM_INTERFACES).\n" +
      "While an apply awaits confirmation (apply --confirm-within), the first line says until when.",
    options: { ...ENGINE_OPTS, state: { type: "string" }, interfaces: { type: "string" } },
    positionals: [1, 1],
    async run(v, [file], out) {
      const loaded = await loadGraph(file, hostAddressing(v, true));
      const warnings = printWarnings(loaded, out);
      const engine = await openEngine(v, out, true);
      try {
        const { planGraph, publicChanges } = await import("../plan/plan.ts");
        const { replacedPolicy, replacesHeadline } = await import("../plan/policyInForce.ts");
        const replaces = replacedPolicy(engine, await providerKey(), loaded.name);
        const plan = planGraph(loaded.graph, engine);
        const changes = publicChanges(plan.changes);
        const { coexistenceText, findCoexistence } = await import("../explain/mod.ts");
        const coexistence = findCoexistence(engine, loaded.graph.filters, await providerKey());
        const prec = await import("./precedenceView.ts"), precR = await import("../render/precedence.ts");
        const precedence = prec.policyPrecedence(loaded.rules);
        const ia = await import("./incompleteApply.ts");
        const incomplete = await ia.incompleteApplyForPlan(engine, v);
        const armed = await (await import("./armedNotice.ts")).awaitingForOutput(engine, v, out, "plan");
        const lockout = await (await import("./lockoutGuard.ts")).checkLockout(loaded, engine.info);
        warnings.push(...lockout.warnings);
        lockout.print(out);
        if (out.json) {
          out.doc({
            ...(await head("plan", engine)),
            policy: { name: loaded.name, file },
            awaitingConfirmation: armed,
            replacesPolicy: replaces ?? null,
            warnings,
            ...addressKeywordsJson(loaded),
            inSync: plan.inSync,
            accounts: plan.accounts ?? [],
            changes,
            summary: plan.summary,
            coexistence,
            precedence: precR.precedenceJson(precedence),
            incompleteApply: incomplete ?? null,
          });
        } else {
          const { planText } = await import("../render/render.ts");
          out.text(`Policy "${loaded.name}" (${file}) against ${engine.info.description}:`);
          if (incomplete) out.text(ia.incompleteApplyText(incomplete));
          if (replaces) out.text(`This plan ${replacesHeadline(replaces, loaded.name)}.`);
          if (plan.accounts) out.text((await import("../render/accounts.ts")).accountsText(plan.accounts));
          await addressKeywordsText(loaded, out);
          if (coexistence.length) out.text(coexistenceText(coexistence));
          out.text(planText(changes, plan.summary));
          if (precedence.length) out.text(precR.precedenceText(precedence));
        }
        return plan.inSync && !incomplete ? 0 : 2;
      } finally {
        engine.close();
      }
    },
  },

  apply: {
    summary: "make the engine match the policy, in one transaction",
    usage: "wfpsec apply FILE [--if-drifted] [--force] [--allow-coexist] [--confirm-within DURATION]\n" +
      "       [--interfaces FILE] [--json] [engine options]",
    details:
      "Plans, then runs every change in ONE engine transaction: on any failure nothing changes and the\n" +
      "error names the object and the FWP_E_* code. Re-applying an applied policy changes nothing.\n" +
      "--if-drifted: for scheduled tasks; prints exactly one JSON line (outcome applied, in-sync or failed)\n" +
      "and exits 0 when applied or in sync, 1 on failure.\n" +
      "A policy that requires IPsec is refused while the IKEEXT service is not running (its traffic would be\n" +
      "dropped: no SA can be negotiated); --force applies anyway and says what will break (so does\n" +
      "--if-drifted: the scheduled task keeps its policy in force).\n" +
      "--allow-coexist: apply even when other providers' IPsec policy overlaps this policy's traffic\n" +
      "(without it apply refuses and changes nothing; `wfpsec plan` lists the overlap).\n" +
      "--confirm-within DURATION (5s..24h, e.g. 90s, 5m, 1h30m): arm a revert to the state this apply\n" +
      "replaces; `wfpsec confirm` keeps the new state, otherwise it is restored at the deadline (`wfpsec\n" +
      "revert --due`; on Windows SYSTEM scheduled tasks run it at the deadline and at start-up). While an\n" +
      "apply awaits confirmation, apply and remove are refused.\n" +
      "An earlier apply's unfinished SA phase (see plan) is finished first: the SA contexts it left that\n" +
      "nothing uses are deleted, this policy is applied (setting the missing SAs) and the record cleared.\n" +
      "Address keywords are resolved again on every run (a changed DHCP lease is drift for --if-drifted);\n" +
      "--interfaces FILE: the interface fixture for the simulator (see plan).\n" +
      "Lock-out guard: a rule that requires IPsec for the peer of a remote session on this host (SSH, RDP,\n" +
      "WinRM) or has no remote scope is a warning (file:line), and apply refuses it, changing nothing, unless\n" +
      "--confirm-within DURATION or --force; never a policy already in force, nor --if-drifted (warnings only).",
    options: {
      ...ENGINE_OPTS,
      "if-drifted": { type: "boolean" },
      force: { type: "boolean" },
      "allow-coexist": { type: "boolean" },
      "confirm-within": { type: "string" },
      interfaces: { type: "string" },
    },
    positionals: [1, 1],
    async run(v, [file], out) {
      const cf = await import("./confirmCommand.ts");
      const withinMs = await cf.confirmWithin(v); // a bad duration is refused before anything is opened
      const loaded = await loadGraph(file, hostAddressing(v, false));
      const warnings = printWarnings(loaded, out);
      const engine = await openEngine(v, out, false);
      try {
        const { ikeextGate } = await import("../host/services.ts");
        const override = v.force ? "--force" : v["if-drifted"] ? "--if-drifted" : undefined;
        const forced = await ikeextGate(loaded.ikeextDependents, engine.info, override);
        if (forced) {
          if (out.json) {
            warnings.push(
              diagnosticJson({ message: forced, code: "ikeext-stopped", severity: "warning" }, file),
            );
          } else out.err(`wfpsec: warning: ${forced}`);
        }
        // Lock-out guard (modules/cli/lockoutGuard.ts): refuses below, under the lock, unless forced.
        const lockout = await (await import("./lockoutGuard.ts")).checkLockout(loaded, engine.info);
        const { planGraph, publicChanges } = await import("../plan/plan.ts");
        const { replacedPolicy, replacesHeadline } = await import("../plan/policyInForce.ts");
        const key = await providerKey();
        // Read under the lock, just before the apply: the policy this apply actually replaced.
        const { coexistenceRefusal, findCoexistence } = await import("../explain/mod.ts");
        const gate = await cf.applyGate(v, engine, withinMs);
        const ia = await import("./incompleteApply.ts");
        const withRecord = await ia.incompleteApplyRunner(engine, v, out);
        const { result: { r, replaces }, resolved } = await underApplyLock(engine, v, out, "apply", () =>
          // An earlier apply's SA phase left unfinished is finished (or reverted) by this one.
          withRecord({ name: loaded.name, file }, (journal) => {
            const coexistence = findCoexistence(engine, loaded.graph.filters, key);
            let inSync: boolean | undefined;
            const isInSync = () => inSync ??= planGraph(loaded.graph, engine).inSync;
            // An in-sync policy changes nothing: no refusal (a scheduled --if-drifted run stays quiet).
            if (coexistence.length && !v["allow-coexist"] && !isInSync()) {
              throw coexistenceRefusal(coexistence);
            }
            lockout.enforce(v, isInSync);
            warnings.push(...lockout.warnings);
            lockout.print(out);
            const replaces = replacedPolicy(engine, key, loaded.name);
            return { replaces, r: gate.apply(engine, loaded, journal) };
          }));
        // Deleting SA contexts an interrupted apply left is a change, even when the policy was in force.
        const outcome = r.outcome === "in-sync" && resolved?.deletedSaContexts.length ? "applied" : r.outcome;
        const changes = publicChanges(r.plan.changes);
        if (out.json) {
          out.doc({
            ...(await head("apply", engine)),
            policy: { name: loaded.name, file },
            replacesPolicy: replaces ?? null,
            warnings,
            ...addressKeywordsJson(loaded),
            outcome,
            accounts: r.plan.accounts ?? [],
            changes,
            summary: r.plan.summary,
            durationMs: Math.round(r.durationMs * 10) / 10,
            confirm: gate.json(),
            incompleteApply: resolved ?? null,
          });
        } else {
          const { planText } = await import("../render/render.ts");
          if (resolved) out.text(ia.resolvedText(resolved, loaded.name));
          if (r.outcome === "in-sync") {
            out.text(`Policy "${loaded.name}" is already in force: nothing to do.`);
          } else {
            if (replaces) out.text(`This apply ${replacesHeadline(replaces, loaded.name)}.`);
            if (r.plan.accounts) {
              out.text((await import("../render/accounts.ts")).accountsText(r.plan.accounts));
            }
            await addressKeywordsText(loaded, out);
            out.text(planText(changes, r.plan.summary));
            const sas = r.plan.changes.filter((c) => c.kind === "manualSa").length;
            out.text(
              `Applied policy "${loaded.name}" in one transaction${
                sas ? ` plus ${sas} manual SA change(s)` : ""
              } (${r.durationMs.toFixed(1)} ms).`,
            );
          }
          for (const line of gate.text()) out.text(line);
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  remove: {
    summary: "delete every object wfpsec's provider owns, and the provider",
    usage: "wfpsec remove [--json] [engine options]",
    details:
      "Deletes all filters, tunnels, provider contexts and sublayers owned by wfpsec's provider, then the\n" +
      "provider, in one transaction. Objects of other providers are never touched.",
    options: { ...ENGINE_OPTS },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const key = await providerKey();
      const engine = await openEngine(v, out, false);
      try {
        const { removeOwned } = await import("../apply/apply.ts");
        const ia = await import("./incompleteApply.ts");
        const withRecord = await ia.incompleteApplyRunner(engine, v, out);
        const { result: removed, resolved } = await underApplyLock(engine, v, out, "remove", () =>
          // SA contexts an interrupted apply left go too (removeOwned finds only those on our filters).
          withRecord(undefined, () => removeOwned(engine, key)));
        if (out.json) {
          out.doc({ ...(await head("remove", engine)), removed, incompleteApply: resolved ?? null });
        } else {
          if (resolved) out.text(ia.resolvedText(resolved, undefined));
          const n = Object.values(removed).reduce((a, b) => a + b, 0);
          out.text(
            n
              ? `Removed ${removed.filters} filters, ${removed.tunnels} tunnels, ${removed.providerContexts} provider contexts, ${removed.sublayers} sublayers, ${removed.providers} provider${
                removed.saContexts ? `, ${removed.saContexts} manual SA contexts` : ""
              }.`
              : "Nothing of wfpsec's is in the engine.",
          );
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  show: {
    summary: "what is in force, decoded (ours by default, --all for every provider)",
    usage:
      "wfpsec show [--all] [--provider KEY|NAME] [--layer LAYER] [--state SNAPSHOT] [--json] [engine options]",
    details: "Lists providers, sublayers, provider contexts and filters with symbolic names for layers,\n" +
      "callouts and providers, and each filter's conditions decoded (remote 10.0.0.0/8 udp/53).\n" +
      "`wfpsec show --all --json > snap.json` makes an offline snapshot.\n" +
      "Without --all/--provider/--layer, also the precedence of wfpsec's overlapping rules in force.\n" +
      "Pre-shared keys are never shown.\n\n" +
      "Options:\n" +
      "  --all                  every provider's objects, with a PROVIDER column (name, or key when unnamed)\n" +
      "  --provider KEY|NAME    only this provider's objects (key, display name or FWPM_PROVIDER_* name)\n" +
      "  --layer LAYER          only the filters at LAYER (FWPM_LAYER_IKEEXT_V4 or IKEEXT_V4, any case, or\n" +
      "                         the layer GUID), with the providers, sublayers and contexts they use\n" +
      'When nothing of wfpsec\'s is in force, says so (JSON: empty lists and "empty": true).\n' +
      "While an apply awaits confirmation (apply --confirm-within), the first line says until when.",
    options: {
      ...ENGINE_OPTS,
      state: { type: "string" },
      all: { type: "boolean" },
      layer: { type: "string" },
      provider: { type: "string" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const sel = await import("../render/showSelect.ts");
      // A misspelt layer is refused before the engine is opened.
      const layer = v.layer !== undefined ? sel.resolveLayer(v.layer as string) : undefined;
      const engine = await openEngine(v, out, true);
      try {
        const wide = Boolean(v.all || v.provider !== undefined);
        let found: import("../render/showSelect.ts").Shown;
        const registered = engine.enumProviders();
        if (wide) {
          found = {
            providers: registered,
            sublayers: engine.enumSublayers(),
            providerContexts: engine.enumProviderContexts(),
            filters: engine.enumFilters(),
          };
        } else {
          const key = await providerKey();
          const p = engine.getProvider(key);
          found = {
            providers: p ? [p] : [],
            sublayers: engine.enumSublayers({ providerKey: key }),
            providerContexts: engine.enumProviderContexts({ providerKey: key }),
            filters: engine.enumFilters({ providerKey: key }),
          };
        }
        const provider = v.provider !== undefined
          ? sel.resolveProvider(v.provider as string, registered)
          : undefined;
        const shown = sel.selectShown(found, { layer, provider });
        const { providers, sublayers, providerContexts, filters } = shown;
        const empty = !providers.length && !sublayers.length && !providerContexts.length && !filters.length;
        const nameOf = (k: string | undefined) => sel.providerName(k, registered);
        const r = await import("../render/render.ts");
        // The precedence order of the rules in force (ours, unselected): precedenceView.ts.
        const precedence = !wide && !layer && !empty
          ? (await import("./precedenceView.ts")).showPrecedence(engine, await providerKey())
          : undefined;
        const armed = await (await import("./armedNotice.ts")).awaitingForOutput(engine, v, out, "show");
        if (out.json) {
          const selection: Record<string, import("../render/render.ts").Json> = {};
          if (layer) selection.layer = { layerKey: layer.key, layer: layer.name ?? null };
          if (provider) {
            selection.provider = { providerKey: provider.key, providerName: provider.name ?? null };
          }
          const named = (o: import("../render/render.ts").Json, k: string | undefined) =>
            r.withProviderName(o, nameOf(k));
          out.doc({
            ...r.jsonHead("show", engine.info),
            scope: wide ? "all" : "ours",
            ...(layer || provider ? { selection } : {}),
            awaitingConfirmation: armed,
            empty,
            providers: providers.map(r.providerJson),
            sublayers: sublayers.map((s) => named(r.sublayerJson(s), s.providerKey)),
            providerContexts: providerContexts.map((c) => named(r.providerContextJson(c), c.providerKey)),
            filters: filters.map((f) => named(r.filterJson(f), f.providerKey)),
            ...(precedence
              ? { precedence: (await import("../render/precedence.ts")).precedenceJson(precedence) }
              : {}),
          });
        } else if (empty) {
          const what = layer || provider
            ? `Nothing ${wide ? "" : "of wfpsec's "}in force matches${
              provider ? ` --provider ${v.provider}` : ""
            }${layer ? ` --layer ${layer.name ?? layer.key}` : ""}`
            : wide
            ? "Nothing is in force"
            : "Nothing of wfpsec's is in force";
          out.text(`${what} in ${engine.info.description}.`);
        } else {
          out.text(`${wide ? "All objects" : "wfpsec's objects"} in ${engine.info.description}:\n`);
          out.text(r.showText(shown, wide ? (k) => nameOf(k) ?? k ?? "-" : undefined));
          if (precedence?.length) {
            out.text("\n" + (await import("../render/precedence.ts")).precedenceText(precedence));
          }
        }
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  export: {
    summary: "write the policy in force back as a policy file",
    usage: "wfpsec export [-o FILE] [--format yaml|json] [--state SNAPSHOT] [--json] [engine options]",
    details:
      "Decodes wfpsec's objects into a policy document that plans to no change. Secrets come back as\n" +
      "their references (environment variable or file), never as values.",
    options: {
      ...ENGINE_OPTS,
      state: { type: "string" },
      output: { type: "string", short: "o" },
      format: { type: "string" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("../errors.ts");
      const format = (v.format as string | undefined) ?? "yaml";
      if (format !== "yaml" && format !== "json") {
        throw new UsageError(`--format must be yaml or json, not ${format}`);
      }
      const key = await providerKey();
      const engine = await openEngine(v, out, true);
      try {
        const { ownedGraph } = await import("../plan/owned.ts");
        const graph = ownedGraph(engine, key);
        if (!graph) {
          throw new UsageError(`nothing to export: wfpsec's provider is not in ${engine.info.description}`);
        }
        const compiler = await import("../compiler/mod.ts");
        const document = compiler.decompile(graph);
        const text = format === "yaml"
          ? compiler.documentToYaml(document)
          : JSON.stringify(document, null, 2) + "\n";
        const file = v.output as string | undefined;
        if (file) await writeOutputFile(file, text);
        if (out.json) {
          out.doc({
            ...(await head("export", engine)),
            policy: document as unknown,
            ...(file ? { file } : {}),
          });
        } else if (file) out.err(`wrote ${file}`);
        else Deno.stdout.writeSync(new TextEncoder().encode(text));
        return 0;
      } finally {
        engine.close();
      }
    },
  },

  new: {
    summary: "write a policy from an isolation template",
    usage:
      "wfpsec new --kind domain|server|boundary|encryption [--name N] [--remote ADDR,..] [--exempt SPEC,..]\n" +
      "           [--auth kerberos|certificate:<CA DN>|psk-env:<VAR>] [--crypto <mm>/<qm>]\n" +
      "           [--allow-group GROUP,..] [-o FILE [--force]] [--json]",
    details: "Expands an isolation template into a policy file (YAML) on stdout or to FILE.\n" +
      "--allow-group (server only): the groups whose machines may connect in (default Authenticated Users,\n" +
      "S-1-5-11), each a SID or a name: on Windows any account name (CORP\\Domain Computers, resolved with\n" +
      "LookupAccountName); elsewhere only well-known groups (Everyone, Authenticated Users, Administrators, ...).",
    options: {
      kind: { type: "string" },
      name: { type: "string" },
      remote: { type: "string" },
      exempt: { type: "string" },
      auth: { type: "string" },
      crypto: { type: "string" },
      "allow-group": { type: "string" },
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
    },
    positionals: [0, 0],
    async run(v, _pos, out) {
      const { UsageError } = await import("../errors.ts");
      const existsSync = (f: string) => {
        try {
          Deno.lstatSync(f);
          return true;
        } catch {
          return false;
        }
      };
      const kind = v.kind as string | undefined;
      if (!kind) throw new UsageError("--kind is required (domain, server, boundary or encryption)");
      const t = await import("../policy/mod.ts");
      const { kind: k, params } = t.parseTemplateArgs({
        kind,
        name: v.name as string | undefined,
        remote: v.remote as string | undefined,
        exempt: v.exempt as string | undefined,
        auth: v.auth as string | undefined,
        crypto: v.crypto as string | undefined,
      });
      if (v["allow-group"] !== undefined) {
        params.allowGroups = await (await import("../host/mod.ts")).resolveGroups(v["allow-group"] as string);
      }
      const text = t.newPolicyDocument(k, params);
      const document = t.expandTemplate(k, params);
      const file = v.output as string | undefined;
      // An admin's edited policy file is never overwritten by accident: -o refuses an existing file without --force.
      if (file && !v.force && existsSync(file)) {
        throw new UsageError(`${file} already exists: pass --force to overwrite it`);
      }
      if (file) await writeOutputFile(file, text);
      if (out.json) {
        out.doc({ ...(await head("new")), policy: document as unknown, ...(file ? { file } : {}) });
      } else if (file) out.err(`wrote ${file}`);
      else Deno.stdout.writeSync(new TextEncoder().encode(text));
      return 0;
    },
  },

  constants: {
    summary: "every GUID, enum, flag and error code wfpsec knows",
    usage: "wfpsec constants [--json]",
    details: "Prints the constants table (the one ffi/constants.ts) with symbolic names and values.",
    options: {},
    positionals: [0, 0],
    async run(_v, _pos, out) {
      const c = await import("../../ffi/constants.ts");
      const filterContexts: Record<string, string> = {};
      for (const [k, x] of Object.entries(c.FILTER_CONTEXTS)) filterContexts[k] = x.toString();
      const errors: Record<string, { code: string; message: string }> = {};
      for (const [k, e] of Object.entries(c.ERRORS)) {
        errors[k] = { code: "0x" + (e.code >>> 0).toString(16).padStart(8, "0"), message: e.message };
      }
      const doc = {
        guids: c.GUID_GROUPS,
        enums: c.ENUMS,
        flags: c.FLAGS,
        filterContexts,
        transformConfigs: c.TRANSFORM_CONFIGS,
        weights: c.WEIGHTS,
        errors,
      };
      if (out.json) out.doc({ ...(await head("constants")), ...doc });
      else {
        for (const [group, table] of Object.entries(c.GUID_GROUPS)) {
          out.text(`[${group}]`);
          for (const [n, g] of Object.entries(table)) out.text(`  ${n.padEnd(52)} ${g}`);
        }
        for (const [e, table] of Object.entries(c.ENUMS)) {
          out.text(`[${e}]`);
          for (const [n, x] of Object.entries(table)) out.text(`  ${n.padEnd(52)} ${x}`);
        }
        for (const [f, table] of Object.entries(c.FLAGS)) {
          out.text(`[${f}]`);
          for (const [n, x] of Object.entries(table)) {
            out.text(`  ${n.padEnd(52)} 0x${(x as number).toString(16)}`);
          }
        }
        out.text("[errors]");
        for (const [n, e] of Object.entries(errors)) out.text(`  ${n.padEnd(52)} ${e.code} ${e.message}`);
      }
      return 0;
    },
  },

  ...MONITOR_COMMANDS,

  doctor: {
    summary: "engine reachable, elevated, BFE/IKEEXT services, engine kind, versions",
    usage: "wfpsec doctor [FILE] [--json] [engine options]",
    details: "Checks whether wfpsec can work here. Exit 1 when a required check fails.\n" +
      "With FILE, also what that policy needs: IKEEXT is required when it requires IPsec anywhere.\n" +
      "An apply awaiting confirmation is a warning; its revert overdue (deadline passed) is a failed check.",
    options: { ...ENGINE_OPTS },
    positionals: [0, 1],
    async run(v, [file], out) {
      if (v["sim-state"]) Deno.env.set("FWPSIM_STATE", v["sim-state"] as string);
      const policy = file ? await loadPolicyFile(file) : undefined;
      const { runDoctor } = await import("../host/doctor.ts");
      const rep = await runDoctor(
        {
          engine: v.engine as string | undefined,
          simState: v["sim-state"] as string | undefined,
        },
        VERSION,
        policy && { name: policy.name, ikeextDependents: policy.ikeextDependents },
      );
      const failed = rep.checks.some((c) => c.required && !c.ok);
      if (out.json) {
        const h = await head("doctor");
        if (rep.engine) h.engine = rep.engine;
        out.doc({
          ...h,
          checks: rep.checks,
          versions: rep.versions,
          ipsecProviders: rep.ipsecProviders ?? null,
        });
      } else {
        if (rep.engine?.simulated) {
          out.err(`wfpsec: SIMULATOR: ${rep.engine.description} - not a live Windows engine.`);
        }
        for (const c of rep.checks) {
          out.text(`${c.ok ? "ok  " : c.required ? "FAIL" : "warn"}  ${c.name}: ${c.detail}`);
        }
        out.text(`wfpsec ${rep.versions.wfpsec}, deno ${rep.versions.deno}, ${rep.versions.os}`);
      }
      return failed ? 1 : 0;
    },
  },

  explain: EXPLAIN_COMMAND,

  report: REPORT_COMMAND,

  dsc: DSC_COMMAND,

  confirm: CONFIRM_COMMAND,

  revert: REVERT_COMMAND,

  import: IMPORT_COMMAND,
};
