/**
 * Windows' defaults for a rule without `mainMode`/`quickMode` (issue 15): what Windows Defender Firewall
 * uses for an IPsec rule that names no crypto or authentication sets. Before the structural check, every
 * rule that omits them gets references to the definitions below (added to the document's `mainMode:` and
 * `quickMode:` lists when the rule needs them), and a `windows-default` warning naming what was used.
 *
 * Sources (see docs/windows-verification.md WD1): key module "Default" = AuthIP + IKEv1 (NetSecurity
 * New-NetIPsecRule -KeyModule, before Windows 11 24H2); phase 1 authentication = computer Kerberos V5; main
 * mode: SHA-1 + AES-128 then SHA-1 + 3DES, DH group 2, 480 minutes (`netsh advfirewall show global`:
 * "DHGroup2-AES128-SHA1,DHGroup2-3DES-SHA1"); quick mode: ESP SHA-1 + AES-128, ESP SHA-1 + 3DES, AH SHA-1,
 * 60 minutes / 100,000 KB, no PFS (netsh's documented `qmsecmethods=default`). Settled on a real host by
 * tests/windows/windows_defaults.test.ts. These algorithms are weak by this toolkit's rule; they are accepted here because they are what
 * Windows would use, and the warning says so.
 */
import type { Issue, Obj } from "./check.ts";
import { arrOf, isObj } from "./check.ts";

/** Reserved names of the default definitions. */
export const DEFAULT_MM_AUTHIP = "windows-default-mm-authip";
export const DEFAULT_MM_IKEV1 = "windows-default-mm-ikev1";
export const DEFAULT_QM = "windows-default-qm";
/**
 * The definitions this module filled in: only these keep their weak algorithms without allowWeakCrypto. A
 * definition the file itself writes under a reserved name is checked like any other.
 */
const FILLED = new WeakSet<object>();
/** Whether `v` is one of Windows' defaults filled in here (not a definition written in the file). */
export function isFilledDefault(v: object): boolean {
  return FILLED.has(v);
}

/** Windows' default main-mode proposals (the importers write them where a GPO relies on them). */
export const MM_PROPOSALS = ["aes128-sha1-dh2", "3des-sha1-dh2"];
/** Windows' default quick-mode proposals. */
export const QM_PROPOSALS = ["esp-aes128-sha1", "esp-3des-sha1", "ah-sha1"];

function mm(name: string, keyModule: string): Obj {
  return filled({ name, keyModule, auth: ["kerberos"], proposals: [...MM_PROPOSALS], lifetime: 28800 });
}

function filled(o: Obj): Obj {
  FILLED.add(o);
  return o;
}

/** The text of the warning: which defaults a rule got. */
export function defaultsText(mmUsed: boolean, qmUsed: boolean): string {
  const parts: string[] = [];
  if (mmUsed) {
    parts.push(
      `main mode ${DEFAULT_MM_AUTHIP} + ${DEFAULT_MM_IKEV1} (key modules AuthIP and IKEv1, computer Kerberos, ` +
        `${MM_PROPOSALS.join(", ")}, 8h)`,
    );
  }
  if (qmUsed) parts.push(`quick mode ${DEFAULT_QM} (${QM_PROPOSALS.join(", ")}, 1h/100000 KB, no PFS)`);
  return `no ${mmUsed && qmUsed ? "mainMode/quickMode" : mmUsed ? "mainMode" : "quickMode"} given: using ` +
    `Windows' defaults: ${
      parts.join("; ")
    }; these use SHA-1, 3DES and DH group 2, which are weak: name your ` +
    "own policies to replace them";
}

/**
 * Fills Windows' defaults into the rules of `doc` (mutated) that omit mainMode or quickMode and returns one
 * warning per such rule. A rule of the wrong shape is left for the structural check.
 */
export function applyWindowsDefaults(doc: unknown): Issue[] {
  if (!isObj(doc) || !Array.isArray(doc.rules)) return [];
  const issues: Issue[] = [];
  let needMm = false, needQm = false;
  // A mainMode:/quickMode: section of the wrong type is refused structurally; nothing is added to it.
  const canMm = doc.mainMode === undefined || Array.isArray(doc.mainMode);
  const canQm = doc.quickMode === undefined || Array.isArray(doc.quickMode);
  doc.rules.forEach((r, i) => {
    if (!isObj(r)) return;
    const noMm = canMm && r.mainMode === undefined, noQm = canQm && r.quickMode === undefined;
    if (!noMm && !noQm) return;
    if (noMm) r.mainMode = [DEFAULT_MM_AUTHIP, DEFAULT_MM_IKEV1];
    if (noQm) r.quickMode = DEFAULT_QM;
    needMm ||= noMm;
    needQm ||= noQm;
    issues.push({
      path: ["rules", i],
      code: "windows-default",
      message: defaultsText(noMm, noQm),
      severity: "warning",
    });
  });
  const has = (list: unknown, n: string) => arrOf(list).some((x) => isObj(x) && x.name === n);
  if (needMm) {
    const list = (doc.mainMode ?? []) as unknown[];
    if (!has(list, DEFAULT_MM_AUTHIP)) list.push(mm(DEFAULT_MM_AUTHIP, "authip"));
    if (!has(list, DEFAULT_MM_IKEV1)) list.push(mm(DEFAULT_MM_IKEV1, "ikev1"));
    doc.mainMode = list;
  }
  if (needQm) {
    const list = (doc.quickMode ?? []) as unknown[];
    if (!has(list, DEFAULT_QM)) {
      list.push(filled({
        name: DEFAULT_QM,
        proposals: [...QM_PROPOSALS],
        pfs: "none",
        lifetime: { seconds: 3600, kilobytes: 100000 },
      }));
    }
    doc.quickMode = list;
  }
  return issues;
}
