function Register-IpsecPolicyTask {
    <#
    .SYNOPSIS
    Registers a scheduled task that re-applies a policy at start-up and every N minutes, as SYSTEM.

    .DESCRIPTION
    Builds the definition with New-IpsecPolicyTaskDefinition (wfpsec apply --if-drifted <policy>, run as
    SYSTEM at start-up and every -IntervalMinutes minutes, outcomes appended to -LogPath) and registers it
    with Register-ScheduledTask, replacing a task of the same name. Needs an elevated session.

    The task runs as SYSTEM, so whoever can change what it runs owns the host. Before registering (also
    under -WhatIf) the cmdlet refuses, with an error of category SecurityError:
    - anything but the installed executable: the development fallback (deno running a repository's cli.ts)
      and executables not named wfpsec.exe (WfpSec.UntrustedExecutable);
    - on Windows, an executable or policy file that is not admin-only (WfpSec.NotAdminOnly): the file, its
      folder and every folder above it must be owned by SYSTEM, Administrators or TrustedInstaller, and no
      other account may write or delete the file, create or delete files in its folder, delete or rename a
      folder above it, or change the permissions or owner of any of them (read with Get-Acl). Links
      (junctions, symbolic links) on the way are refused too.
    A missing policy file is refused as ObjectNotFound.

    On Windows the task is registered for real. Elsewhere there is no Task Scheduler: -WhatIf describes the
    task, and without -WhatIf an error record of category NotImplemented carries the definition as its
    target object (New-IpsecPolicyTaskDefinition returns it directly).

    .PARAMETER Path
    The policy file the task applies (must exist and be admin-only).

    .PARAMETER IntervalMinutes
    Minutes between runs (default 15).

    .PARAMETER TaskName
    The task's name (default "Apply IPsec policy").

    .PARAMETER TaskPath
    The Task Scheduler folder (default \WfpSec\).

    .PARAMETER LogPath
    The file the task appends its outcomes to (default %ProgramData%\WfpSec\apply-task.log).

    .PARAMETER WfpsecPath
    The installed wfpsec.exe the task runs (default: the one the module finds; it must be admin-only).

    .EXAMPLE
    Register-IpsecPolicyTask -Path 'C:\Program Files\WfpSec\policies\domain.yaml' -IntervalMinutes 30

    Registers \WfpSec\Apply IPsec policy; Get-ScheduledTask -TaskPath \WfpSec\ shows it.

    .EXAMPLE
    Register-IpsecPolicyTask -Path 'C:\Program Files\WfpSec\policies\domain.yaml' -WhatIf

    Describes the task (command line, triggers, account) without registering it.

    .OUTPUTS
    Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask (Windows)

    .LINK
    Unregister-IpsecPolicyTask
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [ValidateRange(1, 1440)]
        [int]$IntervalMinutes = 15,

        [ValidateNotNullOrEmpty()]
        [string]$TaskName = $script:DefaultTaskName,

        [ValidatePattern('^\\(.*\\)?$')]
        [string]$TaskPath = $script:DefaultTaskPath,

        [string]$LogPath = (Get-WfpsecDefaultTaskLog),

        [string]$WfpsecPath
    )
    process {
        $def = New-IpsecPolicyTaskDefinition -Path $Path -IntervalMinutes $IntervalMinutes -TaskName $TaskName `
            -TaskPath $TaskPath -LogPath $LogPath -WfpsecPath $WfpsecPath -ErrorVariable defErr -ErrorAction SilentlyContinue
        if (-not $def) { foreach ($er in $defErr) { $PSCmdlet.WriteError($er) }; return }
        $trust = Test-WfpsecTaskTrust -Definition $def
        if ($trust) { $PSCmdlet.WriteError($trust); return }
        $what = "task '{0}{1}' running as SYSTEM at start-up and every {2} minutes: {3} {4}" -f `
            $def.TaskPath, $def.TaskName, $def.IntervalMinutes, $def.Command, $def.Arguments
        if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target $what -Action 'Register scheduled task')) { return }
        if (-not $script:OnWindows) {
            $PSCmdlet.WriteError((New-WfpsecErrorRecord -Message "Task Scheduler exists only on Windows; the task was not registered. New-IpsecPolicyTaskDefinition returns its definition." `
                        -ErrorId 'WfpSec.TaskSchedulerUnavailable' -Category NotImplemented -Target $def `
                        -ExceptionType ([System.PlatformNotSupportedException])))
            return
        }
        $logDir = Split-Path -Parent $def.LogPath
        if ($logDir -and -not (Test-Path -LiteralPath $logDir)) { New-Item -ItemType Directory -Path $logDir -Force -WhatIf:$false | Out-Null }
        Register-ScheduledTask -TaskName $def.TaskName -TaskPath $def.TaskPath -Xml $def.Xml -Force -ErrorAction Stop
    }
}
