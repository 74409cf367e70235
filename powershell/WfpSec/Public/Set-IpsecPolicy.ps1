function Set-IpsecPolicy {
    <#
    .SYNOPSIS
    Makes the WFP engine match a policy file, in one transaction.

    .DESCRIPTION
    Runs `wfpsec apply <file> --json`: adds, deletes and replaces wfpsec's objects so that the engine holds
    exactly what the policy file describes, inside one WFP transaction that is aborted on any error. Returns
    one WfpSec.ApplyResult (outcome "applied" or "in-sync", the changes made and the time taken).

    -WhatIf first runs `wfpsec plan` and prints the real plan (every object that would be added, deleted or
    replaced and why), then changes nothing. -Confirm shows the same plan before asking.

    Set-IpsecPolicy and Invoke-IpsecPolicy do the same thing.

    .PARAMETER Path
    The policy file (YAML or JSON).

    .PARAMETER IfDrifted
    Use `apply --if-drifted`: apply only when the engine differs from the file (the scheduled-task mode).

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
    Get-ChildItem .\policies\*.yaml | Set-IpsecPolicy -Confirm

    Shows each file's plan and asks before applying it.

    .INPUTS
    System.String, or any object with a Path or FullName property.

    .OUTPUTS
    WfpSec.ApplyResult

    .LINK
    Test-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('WfpSec.ApplyResult')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [switch]$IfDrifted,

        [string]$WfpsecPath
    )
    process {
        $file = Resolve-WfpsecPath $PSCmdlet $Path
        Invoke-WfpsecApplyCore -Caller $PSCmdlet -File $file -IfDrifted:$IfDrifted -WfpsecPath $WfpsecPath
    }
}

function Invoke-IpsecPolicy {
    <#
    .SYNOPSIS
    Applies a policy file to the WFP engine in one transaction (same as Set-IpsecPolicy).

    .DESCRIPTION
    Runs `wfpsec apply <file> --json` and returns one WfpSec.ApplyResult. All changes are made in one WFP
    transaction, aborted on any error, so the engine never holds half a policy.

    -WhatIf runs `wfpsec plan` and prints the real plan, then changes nothing; -Confirm shows that plan
    before asking.

    .PARAMETER Path
    The policy file (YAML or JSON).

    .PARAMETER IfDrifted
    Use `apply --if-drifted`: apply only when the engine differs from the file.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Invoke-IpsecPolicy .\server-isolation.yaml -WhatIf

    Prints what would be added, deleted and replaced; changes nothing.

    .EXAMPLE
    Invoke-IpsecPolicy .\server-isolation.yaml -IfDrifted

    Applies only if the engine drifted; the outcome is "applied" or "in-sync".

    .INPUTS
    System.String, or any object with a Path or FullName property.

    .OUTPUTS
    WfpSec.ApplyResult

    .LINK
    Set-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('WfpSec.ApplyResult')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [switch]$IfDrifted,

        [string]$WfpsecPath
    )
    process {
        $file = Resolve-WfpsecPath $PSCmdlet $Path
        Invoke-WfpsecApplyCore -Caller $PSCmdlet -File $file -IfDrifted:$IfDrifted -WfpsecPath $WfpsecPath
    }
}
