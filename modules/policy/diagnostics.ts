/**
 * Diagnostics: every problem of a policy document, with file, line, column, field path and a message that
 * says what is allowed. `PolicyError` carries all errors of a document at once.
 */
import { type ErrorJson, type ErrorType, WfpsecError } from "../../ffi/wfpsecError.ts";

/** One problem found in a policy document. */
export interface Diagnostic {
  /** The policy file. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Field path, e.g. `rules[2].remote[0]`; empty for the document itself. */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
  /** Stable identifier (see `DIAGNOSTIC_CODES`). */
  code: string;
  /** Errors make the policy unusable; warnings do not. */
  severity: "error" | "warning";
}

/** The stable diagnostic codes and what each means. */
export const DIAGNOSTIC_CODES: Readonly<Record<string, string>> = {
  "yaml-syntax": "the file is not well-formed YAML/JSON",
  "bad-encoding": "the file is neither UTF-8 nor UTF-16 with a byte-order mark",
  "too-deep": "lists and mappings nested deeper than the limit (64 levels)",
  "duplicate-key": "a mapping has the same key twice",
  "type": "a field has the wrong type",
  "enum": "a value is not one of the allowed words",
  "pattern": "a string has the wrong form",
  "range": "a number is out of range",
  "min-items": "a list is too short",
  "unknown-field": "a field that the format does not have",
  "missing-field": "a required field is absent",
  "one-key": "a choice mapping must have exactly one key",
  "version": "unsupported format version",
  "secret-inline": "a secret written inline instead of by reference",
  "secret-unset":
    "a secret's environment variable is not set (a warning in validate; an error in plan/apply)",
  "secret-unreadable":
    "a secret's file cannot be read, is empty or (manual SA keys) is not hexadecimal (plan/apply)",
  "duplicate-name": "two objects of one kind share a name",
  "undefined-reference": "a reference to a policy that is not defined",
  "unused-definition": "a policy that nothing uses (warning)",
  "bad-address": "an address, prefix or range that does not parse",
  "bad-port": "a port or port range that does not parse",
  "bad-proposal": "a crypto proposal that does not parse or is inconsistent",
  "bad-sddl": "an SDDL string that cannot be encoded",
  "bad-endpoint":
    "a tunnel or SA endpoint that is not a single unicast address (broadcast, multicast, a range)",
  "bad-dn": "a root CA distinguished name that does not parse (not TYPE=value, unknown attribute, bad OID)",
  "bad-program": "a program path that is not absolute",
  "bad-certificate": "a rootCA certificate file that cannot be read or is not an X.509 certificate",
  "root-ca-store": "a rootCA name with store root or enterprise (IKEEXT takes the roots from the store)",
  "weak-crypto": "weak algorithm without allowWeakCrypto: true",
  "weak-crypto-allowed": "weak algorithm, allowed explicitly (warning)",
  "ah-nat": "AH cannot cross NAT",
  "em-ikev1": "user authentication (extended mode) with IKEv1",
  "em-key-module": "user authentication needs an AuthIP main-mode policy",
  "em-method": "a method extended mode does not support",
  "auth-key-module": "an authentication method the key module does not support",
  "duplicate-auth": "the same authentication method twice",
  "duplicate-key-module": "two main-mode policies of one key module on one rule",
  "gcm-main-mode": "GCM main-mode cipher outside IKEv2",
  "family-mismatch": "addresses of different families that can never match together",
  "ports-need-protocol": "ports without tcp or udp",
  "security-pair": "an inbound/outbound security combination that is not allowed",
  "mode-mismatch": "a transport policy used for a tunnel or the reverse",
  "encryption-needs-esp": "guaranteed encryption with a quick-mode policy that can leave traffic unencrypted",
  "authz-needs-em": "remote user authorization without AuthIP extended mode",
  "bad-account": "an authorization list entry that is not DOMAIN\\name, name@domain, a name or a SID",
  "too-many-accounts": "an authorization list longer than a descriptor's DACL can hold (800 accounts)",
  "account-unresolved": "an authorization account name this host cannot resolve to a SID (plan/apply)",
  "account-kind":
    "an authorization account of the wrong kind (a user under machines, a computer under users)",
  "program-needs-ale": "a program rule that enforces nothing at the ALE layers",
  "rule-overlap":
    "rules with overlapping traffic, different security and the same precedence (priority and specificity)",
  "ambiguous-rules": "rules that compile to identical filters with different policies or transport behaviour",
  "one-sided-rule": "direction inbound/outbound: WFP's transport recipes pair outbound and inbound filters",
  "rule-overlap-incomplete": "the overlap check ran out of its comparison budget",
  "lifetime": "an impossible lifetime or timeout",
  "windows-default": "a rule without mainMode/quickMode uses Windows' defaults (warning naming them)",
};

/** Thrown by `loadPolicy` when a document has errors; carries every diagnostic (errors and warnings). */
export class PolicyError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "PolicyError";
  /** All diagnostics of the document, errors first by position, then warnings. */
  readonly diagnostics: Diagnostic[];
  /** Builds the error (message lists the errors) from all of a document's diagnostics. */
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `${errors.length} error(s) in policy:\n` +
        errors.map(formatDiagnostic).join("\n"),
    );
    this.diagnostics = diagnostics;
  }

  /** The JSON `error` object, with `diagnostics` after the message. */
  override toJson(): ErrorJson {
    const { type, message, ...rest } = super.toJson();
    return { type, message, diagnostics: this.diagnostics, ...rest };
  }
}

/** `file:line:col: error[code] path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]${
    d.path ? " " + d.path : ""
  }: ${d.message}`;
}

/** Renders a path array as `rules[2].remote[0]`. */
export function pathString(path: readonly (string | number)[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : (s ? "." : "") + p;
  return s;
}
