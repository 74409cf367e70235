function Remove-IpsecPolicy {
    <#
    .SYNOPSIS
    Removes every WFP object wfpsec owns (its filters, provider contexts, tunnels, sublayer and provider).

    .DESCRIPTION
    Runs `wfpsec remove --json` and returns one WfpSec.RemoveResult with how many objects of each kind were
    deleted, in one transaction. Objects wfpsec does not own are never touched.

    ConfirmImpact is High, so PowerShell asks before removing unless -Force or -Confirm:$false is given.
    -WhatIf and the confirmation first read the engine (`wfpsec show`) and say exactly how many objects would
    go. Where PowerShell cannot ask (pwsh -NonInteractive, a scheduled script, remoting), nothing is removed:
    the cmdlet stops with a terminating error WfpSec.ConfirmationUnavailable (category InvalidOperation);
    pass -Force or -Confirm:$false to remove without asking.

    .PARAMETER Force
    Remove without asking (as -Confirm:$false; an explicit -Confirm still asks).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Remove-IpsecPolicy -WhatIf

    Says how many filters, provider contexts, sublayers and providers would be removed; removes nothing.

    .EXAMPLE
    Remove-IpsecPolicy -Force

    Removes wfpsec's objects without asking and returns the counts (the way to run it from a scheduled or
    non-interactive script).

    .OUTPUTS
    WfpSec.RemoveResult

    .LINK
    Set-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('WfpSec.RemoveResult')]
    param(
        [switch]$Force,

        [string]$WfpsecPath
    )
    process {
        if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if (Test-WfpsecWouldPrompt -Impact High) {
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command show -WfpsecPath $WfpsecPath -DeferProperty filters, providerContexts, sublayers
            if (-not $r) { return }
            $s = ConvertTo-WfpsecPolicyState $r.Data $r.Deferred
            $what = "wfpsec's objects from engine {0}: {1} filters, {2} provider contexts, {3} sublayers, {4} providers (policy '{5}')" -f `
                $s.Engine, $s.FilterCount, $s.ProviderContextCount, $s.SubLayerCount, $s.ProviderCount, $s.PolicyName
            # ${what}: "$what?" would read a variable named `what?`
            if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Description "Remove $what" -Query "Remove ${what}?" -Caption 'Remove IPsec policy')) { return }
        } elseif (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target "wfpsec's objects" -Action 'Remove IPsec policy')) {
            return
        }
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command remove -WfpsecPath $WfpsecPath
        if (-not $r) { return }
        $removed = Get-WfpsecProp $r.Data 'removed'
        [pscustomobject]@{
            PSTypeName       = 'WfpSec.RemoveResult'
            Filters          = [int](Get-WfpsecProp $removed 'filters')
            ProviderContexts = [int](Get-WfpsecProp $removed 'providerContexts')
            Tunnels          = [int](Get-WfpsecProp $removed 'tunnels')
            SubLayers        = [int](Get-WfpsecProp $removed 'sublayers')
            Providers        = [int](Get-WfpsecProp $removed 'providers')
            Engine           = Get-WfpsecEngineText (Get-WfpsecProp $r.Data 'engine')
        }
    }
}
