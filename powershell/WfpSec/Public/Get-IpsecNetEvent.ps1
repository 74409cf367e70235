function Get-IpsecNetEvent {
    <#
    .SYNOPSIS
    Gets WFP net events: IKE/AuthIP failures and IPsec drops, decoded.

    .DESCRIPTION
    Runs `wfpsec events --json` and returns one WfpSec.NetEvent per event (time, type, addresses, and for
    IKE failures the failure point, error code and name). -Since keeps only events after that time.

    Windows records these events only while net-event collection is on; when it is off the engine answers
    FWP_E_NET_EVENTS_DISABLED, which surfaces as an error record with that name. An
    executable without the `events` command gives an error record of category NotImplemented.

    .PARAMETER Since
    Only events at or after this time.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecNetEvent -Since (Get-Date).AddHours(-1)

    The IPsec-related events of the last hour.

    .EXAMPLE
    Get-IpsecNetEvent | Group-Object Type | Sort-Object Count -Descending

    Counts the events by type.

    .OUTPUTS
    WfpSec.NetEvent

    .LINK
    Get-IpsecSecurityAssociation
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.NetEvent')]
    param(
        [datetime]$Since,

        [string]$WfpsecPath
    )
    $argv = @()
    if ($PSBoundParameters.ContainsKey('Since')) {
        $argv += @('--since', $Since.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
    }
    $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command events -ArgumentList $argv -WfpsecPath $WfpsecPath
    if (-not $r) { return }
    Add-WfpsecTypeName (Get-WfpsecProp $r.Data 'events') 'WfpSec.NetEvent' | ForEach-Object { $_ }
}
