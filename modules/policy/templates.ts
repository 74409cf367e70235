/**
 * Isolation templates: domain isolation, server isolation (with authorization), boundary zone and
 * guaranteed encryption, expanded into full policy documents. `newPolicyDocument` writes a commented YAML
 * file (used by `wfpsec new` and `New-IpsecIsolationPolicy`); its output is always validated before it is
 * returned, so a template can never produce a file wfpsec would refuse.
 */
import { Document, isMap, isScalar } from "yaml";
import { addressKeyword, parseAddr } from "../model/mod.ts";
import { parseMm, parseQm } from "../model/mod.ts";
import { type Diagnostic, PolicyError } from "./diagnostics.ts";
import type { PolicyDocument } from "./document.ts";
import { NAME_PATTERN } from "./fields.ts";
import { loadPolicy } from "./loadPolicy.ts";

/** The four isolation scenarios. */
export type IsolationKind = "domain" | "server" | "boundary" | "encryption";

/** Template parameters (all optional; defaults are the modern secure choice). */
export interface IsolationParams {
  /** Policy name (default `<kind>-isolation`). */
  name?: string;
  /** Remote addresses the rule covers (default: all). */
  remote?: string[];
  /** Exemptions: `icmp`, `dhcp`, `host:ADDR`, `port:PROTO/PORT` (default: icmp, dhcp). */
  exempt?: string[];
  /** `kerberos` (default), `certificate:<root CA DN>` or `psk-env:<VAR>`. */
  auth?: string;
  /** `<main-mode proposal>/<quick-mode proposal>` (default `aes256-sha256-ecp384/esp-aesgcm256`). */
  crypto?: string;
  /** Server isolation: SDDL of the machines allowed in (default: authenticated users, S-1-5-11). */
  authorizedMachines?: string;
  /**
   * Server isolation: the groups whose machines may connect in, already resolved to SIDs (`wfpsec new
   * --allow-group`, modules/host/accounts.ts); ignored when `authorizedMachines` is given.
   */
  allowGroups?: { name: string; sid: string }[];
  /** Guaranteed encryption: TCP local ports that require encryption (default: all traffic). */
  encryptedPorts?: number[];
}

const KINDS: IsolationKind[] = ["domain", "server", "boundary", "encryption"];

function argError(diags: Omit<Diagnostic, "file" | "line" | "column" | "severity">[]): PolicyError {
  return new PolicyError(
    diags.map((d) => ({ ...d, file: "<arguments>", line: 1, column: 1, severity: "error" as const })),
  );
}

/** CLI-style arguments (comma lists) -> IsolationParams; throws PolicyError on a malformed argument. */
export function parseTemplateArgs(
  args: { kind: string; name?: string; remote?: string; exempt?: string; auth?: string; crypto?: string },
): { kind: IsolationKind; params: IsolationParams } {
  if (!KINDS.includes(args.kind as IsolationKind)) {
    throw argError([{
      path: "--kind",
      code: "enum",
      message: `unknown kind '${args.kind}'; use ${KINDS.join(", ")}`,
    }]);
  }
  const list = (s?: string) => s?.split(",").map((x) => x.trim()).filter(Boolean);
  return {
    kind: args.kind as IsolationKind,
    params: {
      name: args.name,
      remote: list(args.remote),
      exempt: list(args.exempt),
      auth: args.auth,
      crypto: args.crypto,
    },
  };
}

/** Expands a template into a policy document object (validated by the caller or by newPolicyDocument). */
export function expandTemplate(kind: IsolationKind, params: IsolationParams = {}): PolicyDocument {
  const errs: Omit<Diagnostic, "file" | "line" | "column" | "severity">[] = [];
  if (!KINDS.includes(kind)) {
    throw argError([{
      path: "--kind",
      code: "enum",
      message: `unknown kind '${kind}'; use ${KINDS.join(", ")}`,
    }]);
  }
  const name = params.name ?? `${kind}-isolation`;
  if (!new RegExp(NAME_PATTERN).test(name)) {
    errs.push({
      path: "--name",
      code: "pattern",
      message: `'${name}' is not a valid policy name (letters, digits, '.', '_', '-')`,
    });
  }
  const [mmProp, qmProp] = (params.crypto ?? "aes256-sha256-ecp384/esp-aesgcm256").split("/");
  if (typeof parseMm(mmProp ?? "") === "string") {
    errs.push({ path: "--crypto", code: "bad-proposal", message: parseMm(mmProp ?? "") as string });
  }
  if (!qmProp || typeof parseQm(qmProp) === "string") {
    errs.push({
      path: "--crypto",
      code: "bad-proposal",
      message: qmProp
        ? parseQm(qmProp) as string
        : "write <main-mode>/<quick-mode>, e.g. aes256-sha256-ecp384/esp-aesgcm256",
    });
  }
  (params.remote ?? []).forEach((r, i) => {
    if (addressKeyword(r)) return; // localsubnet, dns, ...: resolved at plan/apply like in a policy file
    const a = parseAddr(r);
    if (typeof a === "string") errs.push({ path: `--remote[${i}]`, code: "bad-address", message: a });
  });
  const exemptions: unknown[] = [];
  (params.exempt ?? ["icmp", "dhcp"]).forEach((spec, i) => {
    if (spec === "icmp" || spec === "dhcp") exemptions.push(spec);
    else if (spec.startsWith("host:")) {
      const a = parseAddr(spec.slice(5));
      if (typeof a === "string") errs.push({ path: `--exempt[${i}]`, code: "bad-address", message: a });
      else exemptions.push({ name: `host-${i + 1}`, remote: spec.slice(5) });
    } else if (/^port:(tcp|udp)\/\d{1,5}(-\d{1,5})?$/.test(spec)) {
      const [proto, port] = spec.slice(5).split("/");
      exemptions.push({
        name: `${proto}-${port}`,
        protocol: proto,
        localPorts: /^\d+$/.test(port) ? Number(port) : port,
      });
    } else {
      errs.push({
        path: `--exempt[${i}]`,
        code: "pattern",
        message: `'${spec}' is not an exemption; use icmp, dhcp, host:ADDR or port:tcp/PORT`,
      });
    }
  });
  const auth = params.auth ?? "kerberos";
  const mainMode: Record<string, unknown>[] = [];
  if (auth === "kerberos") {
    mainMode.push({ name: "mm-authip", keyModule: "authip", auth: ["kerberos"], proposals: [mmProp] });
  } else if (auth.startsWith("certificate:") && auth.length > 12) {
    const cert = { certificate: { rootCA: auth.slice(12) } };
    mainMode.push({ name: "mm-authip", keyModule: "authip", auth: [cert], proposals: [mmProp] });
    mainMode.push({ name: "mm-ikev2", keyModule: "ikev2", auth: [cert], proposals: [mmProp] });
  } else if (/^psk-env:[A-Za-z_][A-Za-z0-9_]*$/.test(auth)) {
    mainMode.push({
      name: "mm-ikev2",
      keyModule: "ikev2",
      auth: [{ psk: { env: auth.slice(8) } }],
      proposals: [mmProp],
    });
  } else {
    errs.push({
      path: "--auth",
      code: "enum",
      message:
        `'${auth}' is not an authentication choice; use kerberos, certificate:<root CA DN> or psk-env:<VAR>`,
    });
  }
  (params.allowGroups ?? []).forEach((g, i) => {
    if (kind !== "server") {
      errs.push({
        path: "--allow-group",
        code: "enum",
        message: "--allow-group applies to --kind server (machine authorization) only",
      });
    } else if (!/^S-1-\d+(-\d+){0,15}$/i.test(g.sid)) {
      errs.push({
        path: `--allow-group[${i}]`,
        code: "pattern",
        message: `'${g.sid}' is not a SID (S-1-...)`,
      });
    }
  });
  if (errs.length) throw argError(errs);
  const rule: Record<string, unknown> = { name: kind === "boundary" ? "boundary-zone" : `${kind}-isolation` };
  if (params.remote?.length) rule.remote = params.remote.length === 1 ? params.remote[0] : params.remote;
  rule.inbound = kind === "boundary" ? "request" : "require";
  rule.outbound = "request";
  rule.mainMode = mainMode.length === 1 ? mainMode[0].name : mainMode.map((m) => m.name);
  rule.quickMode = "qm-transport";
  const rules: Record<string, unknown>[] = [rule];
  if (kind === "server") {
    // One allow ACE per group; 0x1 is FWP_ACTRL_MATCH_FILTER, the right IPsec authorization checks.
    const groups = params.allowGroups?.length
      ? params.allowGroups
      : [{ name: "Authenticated Users", sid: "S-1-5-11" }];
    rule.authorization = {
      machines: params.authorizedMachines ?? `D:${groups.map((g) => `(A;;0x1;;;${g.sid})`).join("")}`,
    };
  }
  if (kind === "encryption") {
    if (params.encryptedPorts?.length) {
      rules.push({
        ...rule,
        name: "encrypted-ports",
        protocol: "tcp",
        localPorts: params.encryptedPorts,
        requireEncryption: true,
      });
    } else rule.requireEncryption = true;
  }
  return {
    version: 1,
    name,
    description: {
      domain:
        "Domain isolation: inbound connections must be authenticated with IPsec; outbound IPsec is requested (negotiation discovery).",
      server: "Server isolation: like domain isolation, and only authorized machines may connect in.",
      boundary:
        "Boundary zone: IPsec is requested in both directions; clear text is still accepted from hosts that cannot do IPsec.",
      encryption:
        "Guaranteed encryption: connections must be IPsec-encrypted (ALE connect and accept require encryption).",
    }[kind],
    mainMode,
    quickMode: [{ name: "qm-transport", proposals: [qmProp] }],
    rules,
    exemptions,
  };
}

const COMMENTS: Record<string, string> = {
  version: " Policy format version (always 1).",
  name: " Policy name: object keys derive from it; one wfpsec policy is active per host.",
  mainMode: " Main mode (phase 1): key module, authentication methods and crypto proposals.\n" +
    " Proposals are cipher-integrity-group, e.g. aes256-sha256-ecp384; the first one both peers share wins.",
  quickMode: " Quick mode (phase 2): ESP/AH transforms, e.g. esp-aesgcm256 or esp-aes256-sha256.",
  rules: " Connection security rules. inbound: require|request|clear, outbound: require|request|clear.\n" +
    " require/request = negotiation discovery: inbound must be secured, outbound asks for IPsec and falls back.",
  exemptions: " Traffic that never needs IPsec (permit filters weighted above the IPsec ones).",
};

/**
 * A commented YAML policy file for an isolation scenario. Throws PolicyError when a parameter is
 * malformed or the result would not validate.
 */
export function newPolicyDocument(kind: IsolationKind, params: IsolationParams = {}): string {
  const obj = expandTemplate(kind, params);
  // No anchors/aliases (`&a1` ... `*a1`) for objects the template shares: an admin editing one entry of the
  // file must not silently edit the other.
  const doc = new Document(obj, { aliasDuplicateObjects: false });
  doc.commentBefore = ` wfpsec ${kind} isolation policy, generated by 'wfpsec new --kind ${kind}'.\n` +
    " Check it with 'wfpsec validate FILE' and 'wfpsec plan FILE' before 'wfpsec apply FILE'.";
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : "";
      if (COMMENTS[k] && isScalar(pair.key)) pair.key.commentBefore = COMMENTS[k];
    }
  }
  if (kind === "server" && !params.authorizedMachines) {
    const groups = params.allowGroups?.length
      ? params.allowGroups.map((g) => g.name)
      : ["Authenticated Users"];
    const rule = doc.getIn(["rules", 0], true);
    if (isMap(rule)) {
      const pair = rule.items.find((p) => isScalar(p.key) && p.key.value === "authorization");
      if (pair && isScalar(pair.key)) {
        pair.key.commentBefore = ` Machines allowed to connect in: ${groups.join(", ")} (SDDL; one SID per` +
          " group).\n Choose them with 'wfpsec new --kind server --allow-group GROUP,...'.";
      }
    }
  }
  const text = doc.toString({ lineWidth: 0 });
  loadPolicy(text, `<template ${kind}>`);
  return text;
}
