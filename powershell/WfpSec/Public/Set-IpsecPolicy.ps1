function Set-IpsecPolicy {
    <#
    .SYNOPSIS
    Makes the WFP engine match a policy file, in one transaction.

    .DESCRIPTION
    Runs `wfpsec apply <file> --json`: adds, deletes and replaces wfpsec's objects so that the engine holds
    exactly what the policy file describes, inside one WFP transaction that is aborted on any error. Returns
    one WfpSec.ApplyResult (outcome "applied" or "in-sync", the changes made and the time taken).

    -WhatIf first runs `wfpsec plan` and prints the real plan (every object that would be added, deleted or
    replaced and why, filters with their layer's name such as FWPM_LAYER_IKEEXT_V4), then changes nothing.
    -Confirm shows the same plan before asking. Where PowerShell cannot ask (pwsh -NonInteractive, a
    scheduled script, remoting), -Confirm applies nothing and stops with a terminating error
    WfpSec.ConfirmationUnavailable (category InvalidOperation).

    A host has one wfpsec policy in force: applying a second file replaces the first. So the pipeline takes
    exactly one file; two or more (e.g. Get-ChildItem *.yaml | Set-IpsecPolicy) are refused with the error
    WfpSec.MultiplePolicyFiles (category InvalidArgument) before anything is planned or applied.

    Invoke-IpsecPolicy is an alias of Set-IpsecPolicy.

    .PARAMETER Path
    The policy file (YAML or JSON).

    .PARAMETER IfDrifted
    Use `apply --if-drifted`: apply only when the engine differs from the file (the scheduled-task mode).

    .PARAMETER AllowCoexist
    Use `apply --allow-coexist`: apply even when another provider's IPsec policy (Windows Firewall
    connection security rules, Group Policy, a VPN client, the legacy IPsec sublayer) overlaps this
    policy's traffic. Without it such an apply is refused (WfpSec.SafetyError) and nothing changes;
    Test-IpsecPolicy lists the overlaps.

    .PARAMETER ConfirmWithin
    Use `apply --confirm-within`: arm a revert to the state this apply replaces (manual SAs and their keys
    included). Unless Confirm-IpsecPolicy runs before the deadline, the previous policy is restored by
    itself, even if the session drops, the process is killed or the host reboots (SYSTEM scheduled tasks run
    `wfpsec revert --due` at the deadline and at start-up). A whole number of seconds between 5 seconds and
    24 hours, e.g. 00:05:00 or (New-TimeSpan -Minutes 10); anything else is refused before anything is
    applied (WfpSec.InvalidConfirmWithin or WfpSec.UsageError). The result's ConfirmDeadline says until
    when; while an apply awaits confirmation every other apply is refused (WfpSec.SafetyError).

    .PARAMETER Force
    Use `apply --force`: apply even when the lock-out guard finds a rule that requires IPsec for the peer of a
    remote session on this host (SSH, RDP, WinRM) or has no remote scope, or when the IKEEXT service is not
    running. Without it (or -ConfirmWithin, for the guard) such an apply is refused (WfpSec.SafetyError) and
    nothing changes. The findings are
    written as warnings either way (also by -WhatIf).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Set-IpsecPolicy -Path .\domain-isolation.yaml -WhatIf

    Prints the plan (e.g. "+ filter 'domain-isolation inbound v4' [FWPM_LAYER_INBOUND_TRANSPORT_V4]") and
    changes nothing.

    .EXAMPLE
    Set-IpsecPolicy -Path .\domain-isolation.yaml

    Applies the policy and returns the outcome.

    .EXAMPLE
    Get-Item .\policies\corp.yaml | Set-IpsecPolicy -Confirm

    Shows the file's plan and asks before applying it.

    .EXAMPLE
    Set-IpsecPolicy .\new-policy.yaml -ConfirmWithin 00:05:00; Confirm-IpsecPolicy

    Applies the new policy and, once the host is seen to be still reachable, keeps it; without the
    Confirm-IpsecPolicy within five minutes the previous policy comes back.

    .EXAMPLE
    Set-IpsecPolicy .\server-isolation.yaml -IfDrifted

    Applies only if the engine drifted; the outcome is "applied" or "in-sync".

    .INPUTS
    System.String, or any object with a Path or FullName property: one policy file.

    .OUTPUTS
    WfpSec.ApplyResult

    .LINK
    Test-IpsecPolicy

    .LINK
    Confirm-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('WfpSec.ApplyResult')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [switch]$IfDrifted,

        [switch]$AllowCoexist,

        [Nullable[timespan]]$ConfirmWithin,

        [string]$WfpsecPath,

        [switch]$Force
    )
    begin { $files = [System.Collections.Generic.List[string]]::new() }
    # the files are collected first: with two or more nothing may be applied at all
    process {
        $file = Resolve-WfpsecPath $PSCmdlet $Path
        if (-not $files.Contains($file)) { $files.Add($file) }
    }
    end {
        if ($files.Count -gt 1) {
            $list = ($files | ForEach-Object { "'$_'" }) -join ', '
            $PSCmdlet.ThrowTerminatingError((New-WfpsecErrorRecord -ErrorId 'WfpSec.MultiplePolicyFiles' -Category InvalidArgument `
                        -ExceptionType ([System.ArgumentException]) -Target ([string[]]$files.ToArray()) -Message (
                        "Set-IpsecPolicy received $($files.Count) policy files ($list), but a host has one wfpsec policy in force: " +
                        "each file would replace the one applied before it. Nothing was applied. Pass exactly one file " +
                        "(put every rule in one policy).")))
        }
        if ($files.Count -eq 1) {
            Invoke-WfpsecApplyCore -Caller $PSCmdlet -File $files[0] -IfDrifted:$IfDrifted -AllowCoexist:$AllowCoexist `
                -ConfirmWithin $ConfirmWithin -WfpsecPath $WfpsecPath -Force:$Force
        }
    }
}
