/**
 * IKEEXT_AUTHENTICATION_METHOD2 of a policy's authentication methods: Kerberos, NTLMv2, pre-shared keys, certificates (criteria for the peer inbound, for our own certificate outbound) and anonymous.
 */
import { ENUMS } from "../../ffi/constants.ts";
import type { IkeextAuthenticationMethod2, IkeextCertificateCriteria0 } from "../graph/mod.ts";
import { encodeDn } from "../model/mod.ts";
import { rootCaSubject } from "../model/mod.ts";
import type { AuthMethod, CertificateAuth, RootCa } from "../model/mod.ts";

const AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;

function hexBytes(h: string): Uint8Array {
  const b = new Uint8Array(h.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
}

const CERT_TYPES = {
  rsa: AM.IKEEXT_CERTIFICATE,
  ecdsa256: AM.IKEEXT_CERTIFICATE_ECDSA_P256,
  ecdsa384: AM.IKEEXT_CERTIFICATE_ECDSA_P384,
};
const NAME_TYPES = ENUMS.IKEEXT_CERT_CRITERIA_NAME_TYPE;
const NAME_TYPE_OF: Record<string, number> = {
  dns: NAME_TYPES.IKEEXT_CERT_CRITERIA_DNS,
  upn: NAME_TYPES.IKEEXT_CERT_CRITERIA_UPN,
  rfc822: NAME_TYPES.IKEEXT_CERT_CRITERIA_RFC822,
  cn: NAME_TYPES.IKEEXT_CERT_CRITERIA_CN,
  ou: NAME_TYPES.IKEEXT_CERT_CRITERIA_OU,
  o: NAME_TYPES.IKEEXT_CERT_CRITERIA_O,
  dc: NAME_TYPES.IKEEXT_CERT_CRITERIA_DC,
};
const CCT = ENUMS.IKEEXT_CERT_CONFIG_TYPE;
const STORE_TYPE = {
  explicit: CCT.IKEEXT_CERT_CONFIG_EXPLICIT_TRUST_LIST,
  enterprise: CCT.IKEEXT_CERT_CONFIG_ENTERPRISE_STORE,
  root: CCT.IKEEXT_CERT_CONFIG_TRUSTED_ROOT_STORE,
};

/** certData of a root CA entry: the CA certificate's own subject bytes, or the DN string encoded (dn.ts). */
function rootCertData(r: RootCa): Uint8Array {
  return rootCaSubject(r) ?? encodeDn(r as string);
}

/** Root CAs of a store-based config are the store's: certData stays empty (IKEEXT_CERTIFICATE_CRITERIA0). */
function rootsOf(a: CertificateAuth): Uint8Array[] {
  return a.store === "explicit" ? a.rootCA.map(rootCertData) : [];
}

/** Inbound criteria verify the peer: its root and its end-certificate criteria (hash, EKU, name). */
function inboundCriteria(
  a: CertificateAuth,
  base: Omit<IkeextCertificateCriteria0, "certData">,
): IkeextCertificateCriteria0[] {
  const roots = rootsOf(a);
  if (roots.length) return roots.map((certData) => ({ certData, ...base }));
  return a.thumbprint || a.eku.length || a.name ? [{ certData: new Uint8Array(0), ...base }] : [];
}

/**
 * Outbound criteria select our own certificate: the same trusted roots (so IKEEXT sends a certificate the
 * peer can chain) and the EKU, but never the peer's thumbprint or subject name, which our certificate does
 * not carry.
 */
function outboundCriteria(a: CertificateAuth): IkeextCertificateCriteria0[] {
  const ekus = a.eku.length ? { eku: a.eku } : {};
  const roots = rootsOf(a);
  if (roots.length) {
    return roots.map((certData) => ({ certData, certHash: new Uint8Array(0), ...ekus, flags: 0 }));
  }
  return a.eku.length
    ? [{ certData: new Uint8Array(0), certHash: new Uint8Array(0), ...ekus, flags: 0 }]
    : [];
}

/** IKEEXT_AUTHENTICATION_METHOD2 for a method; PSKs get an empty key (resolved at apply time). */
export function authMethod(a: AuthMethod): IkeextAuthenticationMethod2 {
  switch (a.kind) {
    case "kerberos":
      return {
        authenticationMethodType: AM.IKEEXT_KERBEROS,
        kerberosAuthentication: {
          flags: 0,
          ...(a.proxyServer !== undefined ? { proxyServer: a.proxyServer } : {}),
        },
      };
    case "ntlmv2":
      return { authenticationMethodType: AM.IKEEXT_NTLM_V2, ntlmV2Authentication: { flags: 0 } };
    case "anonymous":
      return { authenticationMethodType: AM.IKEEXT_ANONYMOUS };
    case "psk":
      return {
        authenticationMethodType: AM.IKEEXT_PRESHARED_KEY,
        presharedKeyAuthentication: { presharedKey: new Uint8Array(0), flags: 0 },
      };
    case "certificate": {
      const base = {
        certHash: a.thumbprint ? hexBytes(a.thumbprint) : new Uint8Array(0),
        ...(a.eku.length ? { eku: a.eku } : {}),
        ...(a.name ? { name: { nameType: NAME_TYPE_OF[a.name.type], certName: a.name.value } } : {}),
        flags: 0,
      };
      const criteria = inboundCriteria(a, base);
      const outCriteria = outboundCriteria(a);
      const slot = a.store === "explicit"
        ? "RootCriteria"
        : a.store === "enterprise"
        ? "EnterpriseStoreCriteria"
        : "TrustedRootStoreCriteria";
      const cfg = STORE_TYPE[a.store];
      return {
        authenticationMethodType: CERT_TYPES[a.signing],
        certificateAuthentication: {
          inboundConfigType: cfg,
          ...(criteria.length ? { [`inbound${slot}`]: criteria } : {}),
          outboundConfigType: cfg,
          ...(outCriteria.length ? { [`outbound${slot}`]: outCriteria } : {}),
          flags: 0,
          localCertLocationUrl: new Uint8Array(0),
        },
      };
    }
  }
}
