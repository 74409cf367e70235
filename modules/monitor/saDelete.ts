/**
 * `wfpsec sa --delete ID [--kind ike|context]`: ends one IKE/AuthIP main-mode SA (IkeextSaDeleteById0, like
 * Remove-NetIPsecMainModeSA) or one manual SA context (IPsecSaContextDeleteById0). IKE SA ids and SA context
 * ids are separate numbers, so the id is looked up first: found as exactly one kind, that one is deleted;
 * found as both, --kind must say which; found as neither, nothing is deleted and it says so.
 */
import type { SaContextOps } from "../engine/mod.ts";
import { UsageError } from "../errors.ts";

/** What was deleted. */
export interface SaDeleted {
  kind: "ike" | "context";
  id: string;
}

/** Parses the --delete value: a decimal u64 (SA ids as `sa --json` prints them). */
export function parseSaId(text: string): bigint {
  if (!/^\d{1,20}$/.test(text) || BigInt(text) > 0xffffffffffffffffn || BigInt(text) === 0n) {
    throw new UsageError(`--delete: "${text}" is not an SA id (a decimal number from 'wfpsec sa', e.g. 5)`);
  }
  return BigInt(text);
}

/** Checks the --kind value (absent: found by looking the id up). */
export function parseSaKind(kind: string | undefined): "ike" | "context" | undefined {
  if (kind !== undefined && kind !== "ike" && kind !== "context") {
    throw new UsageError(`--kind: "${kind}" is not one of ike, context`);
  }
  return kind;
}

/** Deletes the SA `id` of `kind` (or of the one kind it is found as). */
export function deleteSa(sa: SaContextOps, id: bigint, kindText?: string): SaDeleted {
  const kind = parseSaKind(kindText);
  const isIke = sa.enumIkeSas().some((s) => s.saId === id);
  const isContext = sa.enumSaContexts().some((c) => c.saContextId === id);
  const chosen = kind ?? (isIke && isContext ? undefined : isIke ? "ike" : isContext ? "context" : undefined);
  if (!chosen) {
    throw new UsageError(
      isIke && isContext
        ? `SA id ${id} is both an IKE SA and a manual SA context: pass --kind ike or --kind context`
        : `no IKE SA and no manual SA context has id ${id} (see 'wfpsec sa'); nothing was deleted`,
    );
  }
  if (chosen === "ike") {
    if (!isIke) throw new UsageError(`no IKE SA has id ${id} (see 'wfpsec sa'); nothing was deleted`);
    if (!sa.deleteIkeSa) throw new UsageError("this engine cannot delete IKE SAs (IkeextSaDeleteById0)");
    sa.deleteIkeSa(id);
  } else {
    if (!isContext) {
      throw new UsageError(`no manual SA context has id ${id} (see 'wfpsec sa'); nothing was deleted`);
    }
    sa.deleteSaContext(id);
  }
  return { kind: chosen, id: id.toString() };
}
