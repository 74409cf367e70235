/**
 * Windows Firewall's own model of IPsec policy ([MS-FASP] FW_CS_RULE, FW_AUTH_SET, FW_CRYPTO_SET), as both
 * importers decode it: the registry/GPO form ([MS-GPFAS], gpfasStore.ts) and NetSecurity's CIM objects
 * (netsecurity.ts). One mapping (toPolicy.ts) turns it into a wfpsec policy document, so the two importers
 * cannot disagree on what a Windows setting means. Algorithm names are already wfpsec's words.
 */
import type { ImportLocation } from "./errors.ts";

/** FW_AUTH_METHOD ([MS-FASP] 2.2.60). */
export type FwAuthMethod =
  | "anonymous"
  | "machineKerb"
  | "machineShkey"
  | "machineNtlm"
  | "machineCert"
  | "userKerb"
  | "userCert"
  | "userNtlm";

/** One proposal of an authentication set (FW_AUTH_SUITE, [MS-FASP] 2.2.63). */
export interface FwAuthSuite {
  method: FwAuthMethod;
  /** wszCAName: the CA's name as stored. */
  caName?: string;
  /** A pre-shared key is present (its value is never carried: it must not reach output). */
  hasPresharedKey?: boolean;
  /** wszProxyServer (Kerberos). */
  proxyServer?: string;
  /** FW_AUTH_SUITE_FLAGS_CERT_SIGNING_*. */
  signing?: "rsa" | "ecdsa256" | "ecdsa384";
  /** Flags wfpsec has no field for, by their Windows names, when set. */
  unsupportedFlags: string[];
  /** Certificate criteria (FW_CERT_CRITERIA), when given. */
  criteria?: { type?: string; nameType?: string; name?: string; eku: string[]; hash?: string };
  at: ImportLocation;
}

/** FW_AUTH_SET. */
export interface FwAuthSet {
  id: string;
  phase: 1 | 2;
  name?: string;
  description?: string;
  suites: FwAuthSuite[];
  at: ImportLocation;
}

/** FW_PHASE1_CRYPTO_SUITE in wfpsec's words (cipher, integrity, dh). */
export interface FwP1Suite {
  cipher: string;
  integrity: string;
  dh: string;
  at: ImportLocation;
}

/** FW_PHASE2_CRYPTO_SUITE in wfpsec's words. */
export interface FwP2Suite {
  protocol: "ah" | "esp" | "both" | "authNoEncap";
  /** ESP cipher (wfpsec name), when ESP encrypts. */
  cipher?: string;
  ahHash?: string;
  espHash?: string;
  minutes?: number;
  kilobytes?: number;
  at: ImportLocation;
}

/** FW_CRYPTO_SET. */
export interface FwCryptoSet {
  id: string;
  phase: 1 | 2;
  name?: string;
  description?: string;
  /** Phase 1: suites and the set's lifetime. */
  p1?: { suites: FwP1Suite[]; minutes?: number; sessions?: number; doNotSkipDh?: boolean };
  /** Phase 2: PFS (wfpsec pfs word) and suites. */
  p2?: { pfs?: string; suites: FwP2Suite[] };
  at: ImportLocation;
}

/** Something of the source that the policy cannot say; listed for the admin, never silently dropped. */
export interface NotExpressed {
  /** What it belongs to: `rule "X"`, `auth set {id}`, `global`. */
  what: string;
  /** The source field (`Profile`, `IF`, `Phase1AuthSet`, ...). */
  field: string;
  /** The value as the source gave it (never a secret). */
  value?: string;
  /** Why, and what was done instead. */
  reason: string;
  at?: ImportLocation;
}

/** FW_CS_RULE_ACTION ([MS-FASP] 2.2.52). */
export type FwCsAction = "secureServer" | "boundary" | "secure" | "doNotSecure";

/** FW_CS_RULE, the parts an importer reads. */
export interface FwCsRule {
  id: string;
  name?: string;
  description?: string;
  action: FwCsAction;
  active: boolean;
  /** FW_CS_RULE_FLAGS_OUTBOUND_CLEAR (SecureInClearOut). */
  outboundClear: boolean;
  /** Profiles; undefined = all. */
  profiles?: string[];
  /** 0-255; undefined = any. */
  protocol?: number;
  /** Endpoint1 (local) and Endpoint2 (remote): addresses, prefixes, ranges, keywords (lower case). */
  local: string[];
  remote: string[];
  localPorts: string[];
  remotePorts: string[];
  /** Set ids (or undefined: the default set). */
  auth1?: string;
  auth2?: string;
  crypto2?: string;
  /** Explicit main-mode crypto set (NetSecurity's MainModeCryptoSet); GPFAS rules have none. */
  crypto1?: string;
  /** Key modules in wfpsec's words (ikev1, authip, ikev2); empty = Windows' default. */
  keyModules: string[];
  /** FW_CS_RULE_FLAGS_APPLY_AUTHZ with its SDDLs. */
  authz: boolean;
  machineSddl?: string;
  userSddl?: string;
  /** Tunnel-mode rule (any tunnel endpoint given). */
  tunnel: boolean;
  /** What of this rule the policy cannot say. */
  notExpressed: NotExpressed[];
  at: ImportLocation;
}

/** A decoded Windows Firewall IPsec policy. */
export interface FwPolicy {
  rules: FwCsRule[];
  authSets: Map<string, FwAuthSet>;
  cryptoSets: Map<string, FwCryptoSet>;
  /** The store's default sets (the primary set ids of [MS-FASP], or the ids a GPO renamed them to). */
  defaults: { p1Auth?: string; p2Auth?: string; p1Crypto?: string; p2Crypto?: string };
  /** Global IPsec exemptions (FW_GLOBAL_CONFIG_IPSEC_EXEMPT flags) by name, when the source gives them. */
  exemptions?: { icmp: boolean; dhcp: boolean; neighborDiscovery: boolean; routerDiscovery: boolean };
  /**
   * The store-wide transport authorization lists (SDDL) a rule with Authz and no SDDL of its own uses
   * ([MS-GPFAS] 2.2.1.12/13; NetSecurity RemoteMachine/UserTransportAuthorizationList).
   */
  authzLists?: { machines?: string; users?: string };
  notExpressed: NotExpressed[];
}

/** The primary ("default") set ids of [MS-FASP] 2.2.65 / 2.2.74. */
export const DEFAULT_SET_IDS = {
  p1Crypto: "{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE1}",
  p2Crypto: "{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE2}",
  p1Auth: "{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE3}",
  p2Auth: "{E5A5D32A-4BCE-4E4D-B07F-4AB1BA7E5FE4}",
} as const;
