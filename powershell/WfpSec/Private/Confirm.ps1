# The module's only door to ShouldProcess. When PowerShell cannot ask (pwsh -NonInteractive, a scheduled
# script, remoting without a host UI), $PSCmdlet.ShouldProcess throws; inside `if (-not ...ShouldProcess())`
# that exception ends only the `if` statement and the script would go on to act. Here a failed prompt is a
# terminating error instead: the cmdlet stops before it changes anything.

function Confirm-WfpsecAction {
    # $true: go ahead; $false: declined (or -WhatIf). Never returns when the confirmation cannot be obtained.
    # -Target/-Action is ShouldProcess(target, action); -Description/-Query/-Caption its three-string form
    # (what -WhatIf prints, the question a prompt asks, the prompt's title).
    [CmdletBinding(DefaultParameterSetName = 'Target')]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Caller,
        [Parameter(Mandatory, ParameterSetName = 'Target')][string]$Target,
        [Parameter(Mandatory, ParameterSetName = 'Target')][string]$Action,
        [Parameter(Mandatory, ParameterSetName = 'Text')][string]$Description,
        [Parameter(Mandatory, ParameterSetName = 'Text')][string]$Query,
        [Parameter(Mandatory, ParameterSetName = 'Text')][string]$Caption
    )
    try {
        if ($PSCmdlet.ParameterSetName -eq 'Target') { return [bool]$Caller.ShouldProcess($Target, $Action) }
        return [bool]$Caller.ShouldProcess($Description, $Query, $Caption)
    } catch {
        $base = $_.Exception.GetBaseException()
        # Ctrl+C at the prompt stops the pipeline as usual
        if ($base -is [System.Management.Automation.PipelineStoppedException]) { throw }
        $operation = if ($PSCmdlet.ParameterSetName -eq 'Target') { "$Action on $Target" } else { $Caption }
        $name = $Caller.MyInvocation.MyCommand.Name
        $skip = '-Confirm:$false'
        if ($Caller.MyInvocation.MyCommand.Parameters.ContainsKey('Force')) { $skip = '-Force (or -Confirm:$false)' }
        $msg = "$name could not obtain confirmation for '$operation': $($base.Message) Nothing was changed. " +
        "To go ahead without a prompt (e.g. in a non-interactive or scheduled script), run $name with $skip; " +
        "use -WhatIf to see what it would do."
        $record = New-WfpsecErrorRecord -Message $msg -ErrorId 'WfpSec.ConfirmationUnavailable' -Category InvalidOperation `
            -Target $operation -ExceptionType ([System.Management.Automation.PSInvalidOperationException])
        $Caller.ThrowTerminatingError($record)
    }
}
