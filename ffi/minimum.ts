/**
 * Issue 12 rule 11: the oldest Windows wfpsec runs on. The `*3` provider-context and tunnel functions (and
 * FWPM_PROVIDER_CONTEXT3 / IPSEC_TUNNEL_POLICY3) exist from Windows 10 1709 (NTDDI_WIN10_RS3) / Windows
 * Server 2019 on (fwp/wfp-version-independent-names-and-targeting-specific-versions-of-windows). A
 * fwpuclnt.dll without them must give a load error that names the function and the minimum, never a crash.
 */
/** The minimum Windows, as wfpsec says it. */
export const MINIMUM_WINDOWS = "Windows 10 1709 / Windows Server 2019";

/** Required exports newer than Windows 8 / Server 2012, with the release that added them. */
export const EXPORT_MINIMUM: Record<string, string> = {
  FwpmProviderContextAdd3: MINIMUM_WINDOWS,
  FwpmProviderContextGetByKey3: MINIMUM_WINDOWS,
  FwpmProviderContextEnum3: MINIMUM_WINDOWS,
  FwpmIPsecTunnelAdd3: MINIMUM_WINDOWS,
};

/** The load error text for a library lacking `missing` (empty when nothing is missing). */
export function describeMissing(path: string, missing: string[]): string {
  if (!missing.length) return "";
  const named = missing.map((n) => EXPORT_MINIMUM[n] ? `${n} (from ${EXPORT_MINIMUM[n]})` : n);
  const old = missing.some((n) => EXPORT_MINIMUM[n]);
  return `${path} lacks ${missing.length === 1 ? "the export" : "the exports"} ${named.join(", ")}` +
    (old ? `: wfpsec needs ${MINIMUM_WINDOWS} or later` : ": this is not a usable fwpuclnt.dll");
}
