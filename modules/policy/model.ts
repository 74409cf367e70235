/**
 * The validated policy model: what `loadPolicy` returns and the compiler consumes. Every default is filled
 * in and every reference resolved, so the compiler never has to re-check the document.
 */
import type { AddrSpec } from "./addr.ts";

/** Keying modules in policy vocabulary. */
export type KeyModule = "ikev1" | "authip" | "ikev2";

/** A secret given by reference (exactly one of the two). */
export interface SecretRef {
  env?: string;
  file?: string;
}

/** Certificate criteria. */
export interface CertificateAuth {
  kind: "certificate";
  rootCA: string[];
  eku: string[];
  name?: { type: "dns" | "upn" | "rfc822" | "cn" | "ou" | "o" | "dc"; value: string };
  thumbprint?: string;
  store: "explicit" | "root" | "enterprise";
  signing: "rsa" | "ecdsa256" | "ecdsa384";
}

/** One authentication method. */
export type AuthMethod =
  | { kind: "kerberos"; proxyServer?: string }
  | { kind: "ntlmv2" }
  | { kind: "anonymous" }
  | { kind: "psk"; ref: SecretRef }
  | CertificateAuth;

/** A main-mode proposal in canonical names. */
export interface MmProposal {
  cipher: string;
  integrity: string;
  dh: string;
}

/** A main-mode policy. */
export interface MainModePolicy {
  name: string;
  description?: string;
  keyModule: KeyModule;
  auth: AuthMethod[];
  proposals: MmProposal[];
  lifetimeSeconds: number;
  softExpirationSeconds: number;
  quickModeLimit: number;
  retransmitSeconds: number;
  flags: string[];
}

/** One quick-mode proposal: AH and/or ESP ("none" = that half absent). */
export interface QmProposal {
  ah?: string;
  esp?: { cipher: string; integrity: string };
}

/** A quick-mode policy. */
export interface QuickModePolicy {
  name: string;
  description?: string;
  mode: "transport" | "tunnel";
  proposals: QmProposal[];
  pfs: string;
  lifetimeSeconds: number;
  lifetimeKilobytes: number;
  idleSeconds: number;
  idleFailoverSeconds: number;
  natTraversal: "none" | "peer-behind-nat" | "general";
  ndAllowClearTimeout: number;
  userAuth: AuthMethod[];
  userImpersonation: "none" | "socket-principal";
}

/** An inclusive port interval. */
export interface PortRange {
  low: number;
  high: number;
}

/** A connection security rule. */
export interface Rule {
  name: string;
  description?: string;
  local: AddrSpec[];
  remote: AddrSpec[];
  /** Families the rule compiles for (from its addresses, or `family`). */
  families: (4 | 6)[];
  /** True when the families came from `family:` rather than from addresses. */
  familyExplicit: boolean;
  protocol?: number;
  localPorts: PortRange[];
  remotePorts: PortRange[];
  direction: "both" | "inbound" | "outbound";
  inbound: "require" | "request" | "clear";
  outbound: "require" | "request" | "clear";
  mainMode: string[];
  quickMode: string;
  requireEncryption: boolean;
  authorization?: { machines?: string; users?: string };
  program?: string;
}

/** An exemption (permit above IPsec). */
export interface Exemption {
  name: string;
  kind: "icmp" | "dhcp" | "custom";
  local: AddrSpec[];
  remote: AddrSpec[];
  families: (4 | 6)[];
  protocol?: number;
  localPorts: PortRange[];
  remotePorts: PortRange[];
}

/** A tunnel. */
export interface TunnelSpec {
  name: string;
  description?: string;
  mainMode: string;
  quickMode: string;
  localEndpoint: AddrSpec;
  remoteEndpoint: AddrSpec;
  local: AddrSpec[];
  remote: AddrSpec[];
  pointToPoint: boolean;
}

/** One direction of a manual SA. */
export interface SaDirection {
  spi: number;
  transform: QmProposal;
  key: SecretRef;
}

/** A manually keyed SA pair. */
export interface ManualSaSpec {
  name: string;
  local: AddrSpec;
  remote: AddrSpec;
  inbound: SaDirection;
  outbound: SaDirection;
}

/** A validated policy. */
export interface Policy {
  version: 1;
  name: string;
  description?: string;
  allowWeakCrypto: boolean;
  mainMode: MainModePolicy[];
  quickMode: QuickModePolicy[];
  rules: Rule[];
  exemptions: Exemption[];
  tunnels: TunnelSpec[];
  manualSas: ManualSaSpec[];
}
