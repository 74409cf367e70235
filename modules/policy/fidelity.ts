/**
 * Issue 12 rules 1-3 on user input: what the Base Filtering Engine documents it refuses, said in the policy's
 * own words before anything is applied.
 * - Method x keying module (learn.microsoft.com ne-iketypes-ikeext_authentication_method_type): PSK is IKE
 *   only (AuthIP refused; IKEv2 accepted, see docs/windows-verification.md A1), anonymous and NTLMv2 AuthIP
 *   only, Kerberos not IKEv2 (validate.ts already refuses Kerberos/NTLMv2 for IKEv2 and anonymous for IKEv1).
 * - IKEEXT_POLICY2 (ns-iketypes-ikeext_policy2): softExpirationTime must be 0; IKEv2 retransmitDurationSecs
 *   at least 120; DH "none" is AuthIP only (ne-iketypes-ikeext_dh_group), and so is optional DH (A2).
 * - FWPM_DISPLAY_DATA0: unprintable characters are FWP_E_INVALID_PARAMETER, so every name and description
 *   that reaches display data must be free of control characters.
 */
import type { AuthMethod, KeyModule, MmProposal } from "../model/mod.ts";

/** One finding: a path below the checked node, a code and the message. */
export interface FidelityIssue {
  /** Path relative to the node checked. */
  at: (string | number)[];
  /** Diagnostic code. */
  code: string;
  /** What is wrong and what to do. */
  message: string;
}

/** Keying-module rules a main-mode policy's methods must follow (beyond those validate.ts checks). */
export function authKeyModuleIssues(km: KeyModule, auth: AuthMethod[]): FidelityIssue[] {
  const out: FidelityIssue[] = [];
  auth.forEach((a, i) => {
    if (a.kind === "psk" && km === "authip") {
      out.push({
        at: ["auth", i],
        code: "auth-key-module",
        message: "AuthIP main mode does not support pre-shared keys (IKEEXT_PRESHARED_KEY is IKE only); " +
          "use keyModule ikev1 or ikev2 for psk",
      });
    }
    if (a.kind === "anonymous" && km === "ikev2") {
      out.push({
        at: ["auth", i],
        code: "auth-key-module",
        message:
          "IKEv2 main mode cannot be anonymous (IKEEXT_ANONYMOUS is AuthIP only); use keyModule authip",
      });
    }
  });
  return out;
}

/** IKEEXT_POLICY2 musts: soft expiration, IKEv2 retransmit, DH none and optional DH. */
export function ikePolicyIssues(
  km: KeyModule,
  v: { softExpiration?: unknown; retransmit?: unknown },
  soft: number | undefined,
  retransmit: number | undefined,
  flags: string[],
  proposals: MmProposal[],
): FidelityIssue[] {
  const out: FidelityIssue[] = [];
  if (v.softExpiration !== undefined && soft !== undefined && soft !== 0) {
    out.push({
      at: ["softExpiration"],
      code: "soft-expiration",
      message: "IKEEXT_POLICY2.softExpirationTime must be 0 (Windows documents no other value); remove " +
        "softExpiration",
    });
  }
  if (km === "ikev2" && v.retransmit !== undefined && retransmit !== undefined && retransmit < 120) {
    out.push({
      at: ["retransmit"],
      code: "retransmit",
      message:
        `IKEv2 retransmit ${retransmit}s is below the documented minimum of 120s (2m); omit it for 120s`,
    });
  }
  if (km !== "authip") {
    const fi = flags.indexOf("enableOptionalDh");
    if (fi >= 0) {
      out.push({
        at: ["flags", fi],
        code: "optional-dh",
        message: `enableOptionalDh is an AuthIP feature; remove it or use keyModule authip (this is ${km})`,
      });
    }
    proposals.forEach((p, i) => {
      if (p.dh === "none") {
        out.push({
          at: ["proposals", i],
          code: "dh-none",
          message: `Diffie-Hellman group none is AuthIP only (IKEEXT_DH_GROUP_NONE); pick a group for ${km}`,
        });
      }
    });
  }
  return out;
}

// C0 controls, DEL and C1 controls: unprintable in FWPM_DISPLAY_DATA0.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Every `name` / `description` string in the document (they all reach FWPM_DISPLAY_DATA0, directly or in
 * the `wfpsec <policy>: <path>` names) that holds a control character, line breaks and tabs included.
 */
export function displayTextIssues(doc: unknown): FidelityIssue[] {
  const out: FidelityIssue[] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if ((k === "name" || k === "description") && typeof x === "string") {
          const m = CONTROL.exec(x);
          if (m) {
            const cp = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
            out.push({
              at: [...at, k],
              code: "unprintable",
              message: `${k} contains the control character U+${cp} at offset ${m.index}; Windows refuses ` +
                "unprintable characters in names and descriptions (FWP_E_INVALID_PARAMETER): keep it on one " +
                "line of printable text",
            });
          }
        } else walk(x, [...at, k]);
      }
    }
  };
  walk(doc, []);
  return out;
}
