function Get-IpsecStatistics {
    <#
    .SYNOPSIS
    Gets the engine's IPsec and IKE/AuthIP statistics.

    .DESCRIPTION
    Runs `wfpsec stats --json` (IPsecGetStatistics1, IkeextGetStatistics1) and returns one WfpSec.Statistics:
    its ipsec property (SA counts, drops by reason, traffic) and its ike property (per keying module ikev1,
    authip, ikev2: negotiations started / succeeded / failed per IP version and the IKE errors counted, by
    name), plus a few summary properties for the default view. The counters are the engine's since
    BFE/IKEEXT started.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    (Get-IpsecStatistics).ike.ikev2.errors

    Which IKE errors IKEv2 negotiations ended with, most frequent first.

    .OUTPUTS
    WfpSec.Statistics

    .LINK
    Get-IpsecNetEvent
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.Statistics')]
    param([string]$WfpsecPath)
    $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command stats -WfpsecPath $WfpsecPath
    if (-not $r) { return }
    $d = $r.Data
    $mm = { param($m) [int]$m.v4.totalFailedMainModes + [int]$m.v6.totalFailedMainModes }
    $qm = { param($m) [int]$m.v4.totalFailedQuickModes + [int]$m.v6.totalFailedQuickModes }
    $ike = $d.ike
    $o = [pscustomobject]@{
        ActiveSas          = [int]$d.ipsec.sa.activeSas
        PendingNegotiations = [int]$d.ipsec.sa.pendingSaNegotiations
        FailedMainModes    = (& $mm $ike.ikev1) + (& $mm $ike.authip) + (& $mm $ike.ikev2)
        FailedQuickModes   = (& $qm $ike.ikev1) + (& $qm $ike.authip) + (& $qm $ike.ikev2)
        InboundDrops       = [int]$d.ipsec.drops.totalDropPacketsInbound
        Engine             = Get-WfpsecEngineText (Get-WfpsecProp $d 'engine')
        ipsec              = $d.ipsec
        ike                = $ike
    }
    $o.pstypenames.Insert(0, 'WfpSec.Statistics')
    $o
}
