/**
 * Issue 12 rules 1-2: what a keying module's main mode must look like (IKEEXT_AUTHENTICATION_METHOD_TYPE,
 * IKEEXT_POLICY2). Certificates are IKEEXT_CERTIFICATE* for IKEv1/IKEv2 and IKEEXT_SSL* (the
 * `sslAuthentication` arm) for AuthIP, in main and extended mode; IKEv2 needs retransmitDurationSecs >= 120.
 */
import { ENUMS } from "../../ffi/constants.ts";
import type { IkeextAuthenticationMethod2 } from "../graph/mod.ts";
import type { KeyModule } from "../model/mod.ts";

const AM = ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE;

/** IKEEXT_POLICY2.retransmitDurationSecs: "the caller must set this to at least 120 seconds" (IKEv2). */
export const IKEV2_MIN_RETRANSMIT_SECONDS = 120;

const TO_SSL: Record<number, number> = {
  [AM.IKEEXT_CERTIFICATE]: AM.IKEEXT_SSL,
  [AM.IKEEXT_CERTIFICATE_ECDSA_P256]: AM.IKEEXT_SSL_ECDSA_P256,
  [AM.IKEEXT_CERTIFICATE_ECDSA_P384]: AM.IKEEXT_SSL_ECDSA_P384,
};
const FROM_SSL: Record<number, number> = Object.fromEntries(
  Object.entries(TO_SSL).map(([c, s]) => [s, Number(c)]),
);

/** A method as `km` must carry it: AuthIP certificates move to the SSL types and arm. */
export function fitAuthMethod(m: IkeextAuthenticationMethod2, km: KeyModule): IkeextAuthenticationMethod2 {
  const ssl = TO_SSL[m.authenticationMethodType];
  if (km !== "authip" || ssl === undefined) return m;
  const { certificateAuthentication, ...rest } = m;
  return { ...rest, authenticationMethodType: ssl, sslAuthentication: certificateAuthentication };
}

/** The inverse of `fitAuthMethod` (decompile): an SSL method read back as the certificate it came from. */
export function unfitAuthMethod(m: IkeextAuthenticationMethod2): IkeextAuthenticationMethod2 {
  const cert = FROM_SSL[m.authenticationMethodType];
  if (cert === undefined) return m;
  const { sslAuthentication, ...rest } = m;
  return { ...rest, authenticationMethodType: cert, certificateAuthentication: sslAuthentication };
}

/** retransmitDurationSecs to send: IKEv2 defaults to the documented minimum (0 would be refused). */
export function retransmitFor(km: KeyModule, seconds: number): number {
  return km === "ikev2" && seconds === 0 ? IKEV2_MIN_RETRANSMIT_SECONDS : seconds;
}
