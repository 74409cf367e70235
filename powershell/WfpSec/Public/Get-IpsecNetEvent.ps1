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

    Each event names the wfpsec rule it came from (its rule property: owner wfpsec, foreign or unknown;
    policy, path, name), the peer and, for common IKE errors, a plain-words cause and likely fix.

    With -Follow the cmdlet keeps running and writes each new event as it happens (FwpmNetEventSubscribe0)
    until Ctrl+C, -MaxEvents, or a downstream command stops the pipeline; with -Since the recorded events
    come first. When the engine goes away (BFE restarted) it writes a warning, waits and follows again.

    .PARAMETER Since
    Only events at or after this time.

    .PARAMETER Follow
    Keep running and write each new event as it happens.

    .PARAMETER MaxEvents
    With -Follow: stop after this many events.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecNetEvent -Since (Get-Date).AddHours(-1)

    The IPsec-related events of the last hour.

    .EXAMPLE
    Get-IpsecNetEvent | Group-Object Type | Sort-Object Count -Descending

    Counts the events by type.

    .EXAMPLE
    Get-IpsecNetEvent -Follow | Where-Object { $_.rule.owner -eq 'wfpsec' } | Format-Table time, kind, failureErrorName, cause

    Watches the failures of this host's wfpsec rules live (Ctrl+C stops).

    .OUTPUTS
    WfpSec.NetEvent

    .LINK
    Get-IpsecSecurityAssociation
    #>
    [CmdletBinding(DefaultParameterSetName = 'Recorded')]
    [OutputType('WfpSec.NetEvent')]
    param(
        [datetime]$Since,

        [Parameter(Mandatory, ParameterSetName = 'Follow')]
        [switch]$Follow,

        [Parameter(ParameterSetName = 'Follow')]
        [ValidateRange(1, [int]::MaxValue)]
        [int]$MaxEvents,

        [string]$WfpsecPath
    )
    $argv = @()
    if ($PSBoundParameters.ContainsKey('Since')) {
        $argv += @('--since', $Since.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
    }
    if ($Follow) {
        # a hashtable: the -OnLine scriptblock runs in a child scope, where `$count++` would make a new local
        $seen = @{ Count = 0 }
        $cmdlet = $PSCmdlet
        Invoke-WfpsecStream -Caller $PSCmdlet -Command events -ArgumentList (@('--follow') + $argv) -WfpsecPath $WfpsecPath -OnLine {
            param($o)
            $record = Get-WfpsecProp $o 'record'
            if ($record -eq 'status') {
                $status = Get-WfpsecProp $o 'status'
                if ($status -eq 'engine-lost') { $cmdlet.WriteWarning([string](Get-WfpsecProp $o 'message')) }
                else { Write-Verbose ("wfpsec events: " + (Get-WfpsecProp $o 'message')) }
                return $true
            }
            if ($record -ne 'event') { return $true }
            $o.pstypenames.Insert(0, 'WfpSec.NetEvent')
            $cmdlet.WriteObject($o)
            $seen.Count++
            return -not ($MaxEvents -and $seen.Count -ge $MaxEvents)
        }
        return
    }
    $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command events -ArgumentList $argv -WfpsecPath $WfpsecPath
    if (-not $r) { return }
    Add-WfpsecTypeName (Get-WfpsecProp $r.Data 'events') 'WfpSec.NetEvent' | ForEach-Object { $_ }
}
