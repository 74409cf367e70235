/**
 * Issue 12 rule 10: IKE/IKEv2 exemptions in wfpsec's own sublayer. learn.microsoft.com fwp/ike-exemptions:
 * BFE adds its exemption filters only when the first *IKE or AuthIP* main-mode policy filter is added (an
 * IKEv2-only policy gets none), and names no sublayer for them; every sublayer is arbitrated on its own
 * (fwp/filter-arbitration), so a permit elsewhere does not stop our callout filters from acting on IKE's
 * own packets. So wfpsec adds the same exemptions to its sublayer wherever its rules' callout filters sit:
 * UDP local port 500 and 4500 on IPv4, 500 on IPv6 (the ports the page lists), PERMIT, weight range
 * FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS (0xC) so they beat the callout filters; at the ALE receive-accept and
 * connect layers restricted to the local system (FWPM_CONDITION_ALE_USER_ID = SYSTEM), as BFE's are.
 */
import { CONDITIONS, ENUMS, MISC } from "../../ffi/constants.ts";
import { sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import type { FilterCondition } from "../graph/mod.ts";

const T = ENUMS.FWP_DATA_TYPE, M = ENUMS.FWP_MATCH_TYPE;

/** IKE (500) and NAT-T (4500) on IPv4, IKE on IPv6: the exemptions fwp/ike-exemptions lists. */
export const IKE_PORTS: Record<4 | 6, number[]> = { 4: [500, 4500], 6: [500] };

/** Only the local system's sockets (IKEEXT runs as LocalSystem): FWP_ACTRL_MATCH_FILTER granted to SYSTEM. */
const LOCAL_SYSTEM_SD = sddlToSecurityDescriptor(
  `D:(A;;0x${MISC.FWP_ACTRL_MATCH_FILTER.toString(16)};;;SY)`,
);

/** The conditions of one IKE exemption filter (consecutive conditions on one field are ORed). */
export function ikeExemptionConditions(fam: 4 | 6, ale: boolean): FilterCondition[] {
  return [
    {
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
      matchType: M.FWP_MATCH_EQUAL,
      conditionValue: { type: T.FWP_UINT8, uint8: MISC.IPPROTO_UDP },
    },
    ...IKE_PORTS[fam].map((port): FilterCondition => ({
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT,
      matchType: M.FWP_MATCH_EQUAL,
      conditionValue: { type: T.FWP_UINT16, uint16: port },
    })),
    ...(ale
      ? [{
        fieldKey: CONDITIONS.FWPM_CONDITION_ALE_USER_ID,
        matchType: M.FWP_MATCH_EQUAL,
        conditionValue: { type: T.FWP_SECURITY_DESCRIPTOR_TYPE, sd: LOCAL_SYSTEM_SD },
      }]
      : []),
  ];
}
