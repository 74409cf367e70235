/**
 * advapi32's account lookup, for `wfpsec new --allow-group NAME` on Windows: LookupAccountNameW (winbase.h)
 * turns `CORP\Domain Computers` into the group's SID, which only the host's domain knows.
 * `BOOL LookupAccountNameW(LPCWSTR lpSystemName, LPCWSTR lpAccountName, PSID Sid, LPDWORD cbSid,
 * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse)`; advapi32.dll is a
 * KnownDLL, so loading it by name cannot be redirected by the search order. The buffers are sized for the
 * largest SID (SECURITY_MAX_SID_SIZE, 68 bytes) and a DNS domain name, so one call suffices.
 */
import { sidToString } from "./sddl.ts";

/** The dlopen table (Win64: BOOL is i32, pointers are buffers). */
export const ADVAPI32_SYMBOLS = {
  LookupAccountNameW: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
} as const;

/** SID_NAME_USE (winnt.h), the kinds of account LookupAccountNameW reports. */
export const SID_NAME_USE = {
  SidTypeUser: 1,
  SidTypeGroup: 2,
  SidTypeDomain: 3,
  SidTypeAlias: 4,
  SidTypeWellKnownGroup: 5,
  SidTypeDeletedAccount: 6,
  SidTypeInvalid: 7,
  SidTypeUnknown: 8,
  SidTypeComputer: 9,
  SidTypeLabel: 10,
  SidTypeLogonSession: 11,
} as const;

const SECURITY_MAX_SID_SIZE = 68;

/** An account found by LookupAccountNameW. */
export interface AccountSid {
  /** `S-1-...`. */
  sid: string;
  /** SID_NAME_USE value. */
  use: number;
  /** The domain (or BUILTIN / NT AUTHORITY) the account belongs to. */
  domain: string;
}

const wide = (s: string) => {
  const u = new Uint16Array(s.length + 1);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
};

/** Looks `name` up on the local machine (and its domain); undefined when Windows does not know it. */
export function lookupAccountName(name: string): AccountSid | undefined {
  const lib = Deno.dlopen("advapi32.dll", ADVAPI32_SYMBOLS);
  try {
    const account = wide(name);
    const sid = new Uint8Array(SECURITY_MAX_SID_SIZE);
    const cbSid = new Uint32Array([sid.length]);
    const domain = new Uint16Array(256);
    const cchDomain = new Uint32Array([domain.length]);
    const use = new Uint32Array(1);
    // lpSystemName NULL: the local system (Deno passes a null buffer as NULL).
    const ok = lib.symbols.LookupAccountNameW(null, account, sid, cbSid, domain, cchDomain, use);
    if (!ok) return undefined;
    return {
      sid: sidToString(sid.subarray(0, cbSid[0])),
      use: use[0],
      domain: String.fromCharCode(...domain.subarray(0, cchDomain[0])),
    };
  } finally {
    lib.close();
  }
}
