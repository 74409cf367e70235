/**
 * IPSEC_SA_TRANSFORM0 lists of quick-mode proposals (AH first, then ESP).
 */
import { ENUMS } from "../../ffi/constants.ts";
import type { IpsecSaTransform0 } from "../graph/mod.ts";
import { QM_CIPHERS, QM_INTEGRITY } from "../model/mod.ts";
import type { QmProposal } from "../model/mod.ts";

/** IPSEC_SA_TRANSFORM0 list of one proposal: AH first, then ESP. */
export function saTransforms(p: QmProposal): IpsecSaTransform0[] {
  const TT = ENUMS.IPSEC_TRANSFORM_TYPE;
  const out: IpsecSaTransform0[] = [];
  if (p.ah) {
    out.push({
      ipsecTransformType: TT.IPSEC_TRANSFORM_AH,
      ahTransform: { authTransformId: { ...QM_INTEGRITY[p.ah] } },
    });
  }
  if (p.esp) {
    const { cipher, integrity } = p.esp;
    if (cipher === "none") {
      out.push({
        ipsecTransformType: TT.IPSEC_TRANSFORM_ESP_AUTH,
        espAuthTransform: { authTransformId: { ...QM_INTEGRITY[integrity] } },
      });
    } else if (integrity === "none") {
      out.push({
        ipsecTransformType: TT.IPSEC_TRANSFORM_ESP_CIPHER,
        espCipherTransform: { cipherTransformId: { ...QM_CIPHERS[cipher] } },
      });
    } else {
      out.push({
        ipsecTransformType: TT.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
        espAuthAndCipherTransform: {
          authTransform: { authTransformId: { ...QM_INTEGRITY[integrity] } },
          cipherTransform: { cipherTransformId: { ...QM_CIPHERS[cipher] } },
        },
      });
    }
  }
  return out;
}
