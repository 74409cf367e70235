function Confirm-IpsecPolicy {
    <#
    .SYNOPSIS
    Keeps a policy applied with Set-IpsecPolicy -ConfirmWithin: its revert is disarmed.

    .DESCRIPTION
    Runs `wfpsec confirm --json`: deletes the record of the apply that awaits confirmation (and, on Windows,
    the two scheduled tasks that would run `wfpsec revert --due`), so the policy it put in force stays.
    Returns one WfpSec.ConfirmResult: Outcome "confirmed" (with the policy, when it was armed, its deadline,
    and Late when the confirmation came after the deadline but before the revert ran) or "nothing-armed"
    (nothing awaited confirmation).

    When the revert already ran, the confirmation comes too late: the error WfpSec.SafetyError says when the
    apply was reverted; apply the policy again to put it back in force.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Set-IpsecPolicy .\new-policy.yaml -ConfirmWithin 00:10:00; Test-NetConnection fileserver -Port 445; Confirm-IpsecPolicy

    Applies the new policy, checks that the host still reaches its file server, and keeps the policy.

    .EXAMPLE
    Confirm-IpsecPolicy -WhatIf

    Says what it would confirm and changes nothing.

    .OUTPUTS
    WfpSec.ConfirmResult

    .LINK
    Set-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('WfpSec.ConfirmResult')]
    param(
        [string]$WfpsecPath
    )
    process {
        if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target 'the apply awaiting confirmation' -Action 'Keep it (disarm its revert)')) {
            return
        }
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command confirm -WfpsecPath $WfpsecPath
        if (-not $r) { return }
        $armed = Get-WfpsecProp $r.Data 'armed'
        $policy = Get-WfpsecProp $armed 'policy'
        [pscustomobject]@{
            PSTypeName = 'WfpSec.ConfirmResult'
            Outcome    = [string](Get-WfpsecProp $r.Data 'outcome')
            PolicyName = Get-WfpsecProp $policy 'name'
            Path       = Get-WfpsecProp $policy 'file'
            ArmedAt    = ConvertTo-WfpsecTime (Get-WfpsecProp $armed 'armedAt')
            Deadline   = ConvertTo-WfpsecTime (Get-WfpsecProp $armed 'deadline')
            Late       = [bool](Get-WfpsecProp $r.Data 'late')
            Engine     = Get-WfpsecEngineText (Get-WfpsecProp $r.Data 'engine')
        }
    }
}
