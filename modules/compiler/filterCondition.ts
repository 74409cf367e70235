/**
 * Filter conditions of a rule's selector: addresses (single, prefix, range), ports and protocol, per address family, shared between the filters of one rule.
 */
import { CONDITIONS, ENUMS } from "../../ffi/constants.ts";
import type { FilterAction, FilterCondition, FwpValue } from "../graph/mod.ts";
import { type AddrSpec, v6Bytes } from "../model/mod.ts";
import type { PortRange } from "../model/mod.ts";

const T = ENUMS.FWP_DATA_TYPE;
const M = ENUMS.FWP_MATCH_TYPE;
const A = ENUMS.FWP_ACTION_TYPE;

export const u8 = (v: number): FwpValue => ({ type: T.FWP_UINT8, uint8: v });
/** An FWP_UINT64 weight (BFE uses it as is: fwp/filter-weight-assignment). */
export const u64 = (v: bigint): FwpValue => ({ type: T.FWP_UINT64, uint64: v });

/** Conditions for addresses of one family on one side. */
export function addrConds(field: string, list: AddrSpec[], fam: 4 | 6): FilterCondition[] {
  const out: FilterCondition[] = [];
  for (const a of list) {
    if (a.family !== fam) continue;
    const one = (v: bigint): FwpValue =>
      fam === 4
        ? { type: T.FWP_UINT32, uint32: Number(v) }
        : { type: T.FWP_BYTE_ARRAY16_TYPE, byteArray16: v6Bytes(v) };
    if (a.kind === "single") {
      out.push({ fieldKey: field, matchType: M.FWP_MATCH_EQUAL, conditionValue: one(a.low) });
    } else if (a.kind === "prefix") {
      out.push({
        fieldKey: field,
        matchType: M.FWP_MATCH_EQUAL,
        conditionValue: fam === 4
          ? {
            type: T.FWP_V4_ADDR_MASK,
            v4AddrMask: {
              addr: Number(a.low),
              mask: Number((0xffffffffn << BigInt(32 - a.prefix!)) & 0xffffffffn),
            },
          }
          : { type: T.FWP_V6_ADDR_MASK, v6AddrMask: { addr: v6Bytes(a.low), prefixLength: a.prefix! } },
      });
    } else {
      out.push({
        fieldKey: field,
        matchType: M.FWP_MATCH_RANGE,
        conditionValue: {
          type: T.FWP_RANGE_TYPE,
          rangeValue: { valueLow: one(a.low), valueHigh: one(a.high) },
        },
      });
    }
  }
  return out;
}

function portConds(field: string, list: PortRange[]): FilterCondition[] {
  return list.map((p) =>
    p.low === p.high
      ? {
        fieldKey: field,
        matchType: M.FWP_MATCH_EQUAL,
        conditionValue: { type: T.FWP_UINT16, uint16: p.low },
      }
      : {
        fieldKey: field,
        matchType: M.FWP_MATCH_RANGE,
        conditionValue: {
          type: T.FWP_RANGE_TYPE,
          rangeValue: {
            valueLow: { type: T.FWP_UINT16, uint16: p.low },
            valueHigh: { type: T.FWP_UINT16, uint16: p.high },
          },
        },
      }
  );
}

export interface Selector {
  local: AddrSpec[];
  remote: AddrSpec[];
  protocol?: number;
  localPorts: PortRange[];
  remotePorts: PortRange[];
}

/**
 * Shared, frozen building blocks: every callout filter carries the same unicast condition and most
 * filters the same empty weight; sharing them keeps 100k-rule graphs small (frozen, so a consumer that
 * tried to modify one in place would fail loudly instead of changing every filter).
 */
const UNICAST: FilterCondition = Object.freeze({
  fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
  matchType: M.FWP_MATCH_EQUAL,
  conditionValue: Object.freeze(u8(ENUMS.NL_ADDRESS_TYPE.NlatUnicast)),
});
export const unicast = (): FilterCondition => UNICAST;
export const EMPTY_WEIGHT: FwpValue = Object.freeze({ type: T.FWP_EMPTY });
export const PERMIT: FilterAction = Object.freeze({ type: A.FWP_ACTION_PERMIT });

export function selConds(s: Selector, fam: 4 | 6, withPorts: boolean): FilterCondition[] {
  const out = [
    ...addrConds(CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS, s.local, fam),
    ...addrConds(CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS, s.remote, fam),
  ];
  if (!withPorts) return out;
  if (s.protocol !== undefined) {
    out.push({
      fieldKey: CONDITIONS.FWPM_CONDITION_IP_PROTOCOL,
      matchType: M.FWP_MATCH_EQUAL,
      conditionValue: u8(s.protocol),
    });
  }
  out.push(...portConds(CONDITIONS.FWPM_CONDITION_IP_LOCAL_PORT, s.localPorts));
  out.push(...portConds(CONDITIONS.FWPM_CONDITION_IP_REMOTE_PORT, s.remotePorts));
  return out;
}
