/**
 * The validated policy model: what `loadPolicy` returns and the compiler consumes. Every default is filled
 * in and every reference resolved, so the compiler never has to re-check the document.
 */
import type { AddrSpec } from "./addr.ts";
import type { AddressKeyword } from "./addrKeyword.ts";
import type { AuthorizationSpec } from "./identity.ts";

/** Keying modules in policy vocabulary. */
export type KeyModule = "ikev1" | "authip" | "ikev2";

/** A secret given by reference (exactly one of the two). */
export interface SecretRef {
  /** Environment variable holding the secret. */
  env?: string;
  /** File holding the secret. */
  file?: string;
  /** Where the reference is written (set by `loadPolicy`): what plan/apply name when the secret is missing. */
  source?: SecretSource;
}

/** The place in the policy file a secret reference is written (never the secret itself). */
export interface SecretSource {
  /** The policy file. */
  file: string;
  /** The field, e.g. `mainMode[0].auth[1].psk.env`. */
  path: string;
  /** 1-based line and column of the field's value. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * A trusted root CA: a distinguished name (most specific RDN first, as Windows shows it), or the CA
 * certificate file whose DER subject (hex) is used byte for byte.
 */
export type RootCa = string | { file: string; subject: string };

/** Certificate criteria. */
export interface CertificateAuth {
  /** Discriminant: certificate authentication. */
  kind: "certificate";
  /** The trusted root CAs (IKEEXT_CERTIFICATE_CRITERIA0.certData): names, or CA certificate files. */
  rootCA: RootCa[];
  /** EKU OIDs the peer certificate must carry. */
  eku: string[];
  /** Subject name the peer certificate must carry (IKEEXT_CERT_NAME0). */
  name?: { type: "dns" | "upn" | "rfc822" | "cn" | "ou" | "o" | "dc"; value: string };
  /** SHA-1 thumbprint the peer certificate must have (40 hex digits). */
  thumbprint?: string;
  /** Where trusted roots are looked up: explicit list, trusted root store or enterprise store. */
  store: "explicit" | "root" | "enterprise";
  /** Signature algorithm: selects IKEEXT_CERTIFICATE or IKEEXT_CERTIFICATE_ECDSA_P256/P384. */
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
  /** Main-mode cipher (IKEEXT_CIPHER_TYPE), canonical name. */
  cipher: string;
  /** Main-mode hash (IKEEXT_INTEGRITY_TYPE), canonical name. */
  integrity: string;
  /** Diffie-Hellman group (IKEEXT_DH_GROUP), canonical name. */
  dh: string;
}

/** A main-mode policy. */
export interface MainModePolicy {
  /** The policy's name, referenced by rules and tunnels. */
  name: string;
  /** Free text. */
  description?: string;
  /** The keying module the policy is for (IKE, AuthIP or IKEv2 MM provider context). */
  keyModule: KeyModule;
  /** Authentication methods, in order of preference. */
  auth: AuthMethod[];
  /** Crypto proposals, in order of preference. */
  proposals: MmProposal[];
  /** Main-mode SA lifetime (IKEEXT_PROPOSAL0.maxLifetimeSeconds). */
  lifetimeSeconds: number;
  /** Soft expiration (IKEEXT_POLICY2.softExpirationTime); 0 = none. */
  softExpirationSeconds: number;
  /** Quick modes per main mode (IKEEXT_PROPOSAL0.quickModeLimit); 0 = unlimited. */
  quickModeLimit: number;
  /** IKE retransmit duration (IKEEXT_POLICY2.retransmitDurationSecs); 0 = default. */
  retransmitSeconds: number;
  /** IKEEXT_POLICY_FLAG_* names in policy vocabulary (e.g. `siteToSite`). */
  flags: string[];
}

/** One quick-mode proposal: AH and/or ESP ("none" = that half absent). */
export interface QmProposal {
  /** AH integrity, canonical name. */
  ah?: string;
  /** ESP cipher and integrity, canonical names. */
  esp?: { cipher: string; integrity: string };
}

/** A quick-mode policy. */
export interface QuickModePolicy {
  /** The policy's name, referenced by rules and tunnels. */
  name: string;
  /** Free text. */
  description?: string;
  /** Transport (used by rules) or tunnel (used by tunnels). */
  mode: "transport" | "tunnel";
  /** Transforms, in order of preference. */
  proposals: QmProposal[];
  /** Perfect forward secrecy group (IPSEC_PFS_GROUP), canonical name. */
  pfs: string;
  /** Quick-mode SA lifetime in seconds (IPSEC_SA_LIFETIME0). */
  lifetimeSeconds: number;
  /** Quick-mode SA lifetime in kilobytes (IPSEC_SA_LIFETIME0). */
  lifetimeKilobytes: number;
  /** SA idle timeout (IPSEC_SA_IDLE_TIMEOUT0.idleTimeoutSeconds). */
  idleSeconds: number;
  /** SA idle timeout for failover peers (IPSEC_SA_IDLE_TIMEOUT0.idleTimeoutSecondsFailOver). */
  idleFailoverSeconds: number;
  /** NAT traversal: which IPSEC_POLICY_FLAG_NAT_* bit is set, if any. */
  natTraversal: "none" | "peer-behind-nat" | "general";
  /** Negotiation discovery: seconds outbound clear text is allowed. */
  ndAllowClearTimeout: number;
  /** AuthIP extended mode (user authentication) methods. */
  userAuth: AuthMethod[];
  /** Extended-mode initiator impersonation (IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL or none). */
  userImpersonation: "none" | "socket-principal";
}

/** An inclusive port interval. */
export interface PortRange {
  /** First port. */
  low: number;
  /** Last port. */
  high: number;
}

/** A connection security rule. */
export interface Rule {
  /** The rule's name. */
  name: string;
  /** Free text. */
  description?: string;
  /** Local addresses (empty = any). */
  local: AddrSpec[];
  /** Remote addresses (empty = any). */
  remote: AddrSpec[];
  /** Address keywords in `local` (resolved from the host's adapters at plan/apply; addrKeyword.ts). */
  localKeywords?: AddressKeyword[];
  /** Address keywords in `remote` (resolved from the host's adapters at plan/apply). */
  remoteKeywords?: AddressKeyword[];
  /** Families the rule compiles for (from its addresses, or `family`). */
  families: (4 | 6)[];
  /** True when the families came from `family:` rather than from addresses. */
  familyExplicit: boolean;
  /** IP protocol number; absent = any. */
  protocol?: number;
  /** Local ports (empty = any). */
  localPorts: PortRange[];
  /** Remote ports (empty = any). */
  remotePorts: PortRange[];
  /** Traffic direction the rule secures. */
  direction: "both" | "inbound" | "outbound";
  /** Inbound security: require IPsec, request it (negotiation discovery) or leave clear. */
  inbound: "require" | "request" | "clear";
  /** Outbound security: require IPsec, request it (negotiation discovery) or leave clear. */
  outbound: "require" | "request" | "clear";
  /** Main-mode policy names (one per keying module). */
  mainMode: string[];
  /** Quick-mode policy name (mode: transport). */
  quickMode: string;
  /** Guaranteed encryption at ALE connect and accept. */
  requireEncryption: boolean;
  /**
   * The remote machines and users allowed (ALE identity authorization): SDDL as written, or names and SIDs
   * (model/identity.ts) that plan/apply resolve on the host.
   */
  authorization?: { machines?: AuthorizationSpec; users?: AuthorizationSpec };
  /** Full path of the only program the rule's ALE enforcement applies to. */
  program?: string;
  /** Explicit precedence (1-255; absent = 0): outranks specificity where rules overlap (precedence.ts). */
  priority?: number;
}

/** An exemption (permit above IPsec). */
export interface Exemption {
  /** The exemption's name (`icmp`/`dhcp` for the built-in ones). */
  name: string;
  /** Built-in ICMP or DHCP exemption, or a custom selector. */
  kind: "icmp" | "dhcp" | "custom";
  /** Local addresses (empty = any). */
  local: AddrSpec[];
  /** Remote addresses (empty = any). */
  remote: AddrSpec[];
  /** Address keywords in `local` (resolved from the host's adapters at plan/apply; addrKeyword.ts). */
  localKeywords?: AddressKeyword[];
  /** Address keywords in `remote` (resolved from the host's adapters at plan/apply). */
  remoteKeywords?: AddressKeyword[];
  /** Families the exemption compiles for. */
  families: (4 | 6)[];
  /** IP protocol number; absent = any. */
  protocol?: number;
  /** Local ports (empty = any). */
  localPorts: PortRange[];
  /** Remote ports (empty = any). */
  remotePorts: PortRange[];
}

/** A tunnel. */
export interface TunnelSpec {
  /** The tunnel's name. */
  name: string;
  /** Free text. */
  description?: string;
  /** Main-mode policy name. */
  mainMode: string;
  /** Quick-mode policy name (mode: tunnel). */
  quickMode: string;
  /** Local outer address (tunnel endpoint). */
  localEndpoint: AddrSpec;
  /** Remote outer address (tunnel endpoint). */
  remoteEndpoint: AddrSpec;
  /** Local inner addresses the tunnel carries (empty = any). */
  local: AddrSpec[];
  /** Remote inner addresses the tunnel carries (empty = any). */
  remote: AddrSpec[];
  /** Address keywords in `local` (resolved from the host's adapters at plan/apply; addrKeyword.ts). */
  localKeywords?: AddressKeyword[];
  /** Address keywords in `remote` (resolved from the host's adapters at plan/apply). */
  remoteKeywords?: AddressKeyword[];
  /** Host-to-host tunnel (FWPM_TUNNEL_FLAG_POINT_TO_POINT). */
  pointToPoint: boolean;
}

/** One direction of a manual SA. */
export interface SaDirection {
  /** Security parameter index. */
  spi: number;
  /** The SA's AH/ESP transform. */
  transform: QmProposal;
  /** The SA key, by reference. */
  key: SecretRef;
}

/** A manually keyed SA pair. */
export interface ManualSaSpec {
  /** The SA pair's name. */
  name: string;
  /** This host's address. */
  local: AddrSpec;
  /** The peer's address. */
  remote: AddrSpec;
  /** The inbound SA. */
  inbound: SaDirection;
  /** The outbound SA. */
  outbound: SaDirection;
}

/** A validated policy. */
export interface Policy {
  /** Policy language version. */
  version: 1;
  /** The policy's name. */
  name: string;
  /** Free text. */
  description?: string;
  /** Allow DES, 3DES, MD5, SHA-1 and DH groups 1/2 (with a warning). */
  allowWeakCrypto: boolean;
  /** Main-mode policies. */
  mainMode: MainModePolicy[];
  /** Quick-mode policies. */
  quickMode: QuickModePolicy[];
  /** Connection security rules. */
  rules: Rule[];
  /** Exemptions (permit filters above IPsec). */
  exemptions: Exemption[];
  /** Tunnels. */
  tunnels: TunnelSpec[];
  /** Manually keyed SA pairs. */
  manualSas: ManualSaSpec[];
}
