function Unregister-IpsecPolicyTask {
    <#
    .SYNOPSIS
    Removes the scheduled task that Register-IpsecPolicyTask created.

    .DESCRIPTION
    Unregisters the task (default \WfpSec\Apply IPsec policy) with Unregister-ScheduledTask. The policy in
    force is not changed; use Remove-IpsecPolicy for that. On platforms without Task Scheduler, -WhatIf
    describes the removal and otherwise an error record of category NotImplemented is written.

    .PARAMETER TaskName
    The task's name (default "Apply IPsec policy").

    .PARAMETER TaskPath
    The Task Scheduler folder (default \WfpSec\).

    .EXAMPLE
    Unregister-IpsecPolicyTask

    Removes \WfpSec\Apply IPsec policy.

    .EXAMPLE
    Unregister-IpsecPolicyTask -TaskName 'Apply lab policy' -WhatIf

    Says which task would be removed.

    .LINK
    Register-IpsecPolicyTask
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string]$TaskName = $script:DefaultTaskName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [ValidatePattern('^\\(.*\\)?$')]
        [string]$TaskPath = $script:DefaultTaskPath
    )
    process {
        if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target "task '$TaskPath$TaskName'" -Action 'Unregister scheduled task')) { return }
        if (-not $script:OnWindows) {
            $PSCmdlet.WriteError((New-WfpsecErrorRecord -Message "Task Scheduler exists only on Windows; there is no task '$TaskPath$TaskName' to unregister." `
                        -ErrorId 'WfpSec.TaskSchedulerUnavailable' -Category NotImplemented -Target "$TaskPath$TaskName" `
                        -ExceptionType ([System.PlatformNotSupportedException])))
            return
        }
        Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false -ErrorAction Stop
    }
}
