$script:DefaultTaskName = 'Apply IPsec policy'
$script:DefaultTaskPath = '\WfpSec\'

function Get-WfpsecDefaultTaskLog {
    if ($script:OnWindows) {
        $base = if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }
        return Join-Path $base 'WfpSec\apply-task.log'
    }
    return '/var/log/wfpsec/apply-task.log'
}

function New-IpsecPolicyTaskDefinition {
    <#
    .SYNOPSIS
    Builds the Task Scheduler definition (XML) of the task that keeps a policy applied.

    .DESCRIPTION
    Returns a WfpSec.TaskDefinition whose Xml property is a Task Scheduler 1.2 task definition: it runs as
    SYSTEM (S-1-5-18, highest privileges), at start-up and every -IntervalMinutes minutes, the command
    `wfpsec apply --if-drifted <policy>` through cmd.exe, appending the one JSON line that command prints
    (outcome "applied", "in-sync" or "failed") and any error text to -LogPath. Task Scheduler's history
    also records each run's exit code (0 applied or in sync, 1 failed). Only one instance runs at a time.

    Register-IpsecPolicyTask registers exactly this definition. This function changes nothing, so it runs
    on every platform (the definition itself is for Windows).

    .PARAMETER Path
    The policy file the task applies (made absolute).

    .PARAMETER IntervalMinutes
    Minutes between runs after the start-up run (1 to 1440; default 15).

    .PARAMETER TaskName
    The task's name (default "Apply IPsec policy").

    .PARAMETER TaskPath
    The Task Scheduler folder (default \WfpSec\).

    .PARAMETER LogPath
    The file the task appends its outcomes to (default %ProgramData%\WfpSec\apply-task.log).

    .PARAMETER WfpsecPath
    The wfpsec executable the task runs (default: the one the module finds).

    .EXAMPLE
    (New-IpsecPolicyTaskDefinition -Path C:\Policies\domain.yaml -IntervalMinutes 30).Xml

    Prints the task XML, e.g. to review it or import it with schtasks /Create /XML.

    .EXAMPLE
    New-IpsecPolicyTaskDefinition -Path .\domain.yaml | Format-List TaskName, Command, Arguments, LogPath

    Shows the command line the task will run.

    .OUTPUTS
    WfpSec.TaskDefinition

    .LINK
    Register-IpsecPolicyTask
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.TaskDefinition')]
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
        $policy = Resolve-WfpsecPath $PSCmdlet $Path
        $exe = Resolve-WfpsecExecutable -WfpsecPath $WfpsecPath
        if ($exe -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($exe); return }
        foreach ($p in @($policy, $LogPath, $exe.FilePath)) {
            # cmd.exe expands %VAR% even inside quotes, and a quote cannot be escaped inside its /c string
            if ($p -match '[%"]') {
                $PSCmdlet.WriteError((New-WfpsecErrorRecord -Message "The path '$p' contains % or a double quote, which the task's cmd.exe command line cannot carry." `
                            -ErrorId 'WfpSec.InvalidTaskPath' -Category InvalidArgument -Target $p -ExceptionType ([System.ArgumentException])))
                return
            }
        }
        $run = ConvertTo-WfpsecCommandLine -ArgumentList (@($exe.FilePath) + @($exe.PrefixArgs) + @('apply', '--if-drifted', $policy))
        # cmd's redirection target, not a program argument: always quoted (quotes were refused above)
        $log = '"' + $LogPath + '"'
        $system = if ($env:SystemRoot) { $env:SystemRoot } else { 'C:\Windows' }
        $command = $system.TrimEnd('\') + '\System32\cmd.exe'
        # /d: no AutoRun commands; the outer quotes are stripped by cmd /c, the inner ones kept
        $arguments = "/d /c `"$run >> $log 2>&1`""
        $start = (Get-Date).ToString('yyyy-MM-ddTHH:mm:00', [cultureinfo]::InvariantCulture)
        $e = { param($s) [System.Security.SecurityElement]::Escape([string]$s) }
        $description = "Keeps the IPsec policy '$policy' applied: runs wfpsec apply --if-drifted at start-up and every $IntervalMinutes minutes, logging each outcome to '$LogPath'."
        $xml = @"
<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>WfpSec</Author>
    <Description>$(& $e $description)</Description>
    <URI>$(& $e ($TaskPath + $TaskName))</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
    </BootTrigger>
    <TimeTrigger>
      <Repetition>
        <Interval>PT${IntervalMinutes}M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>$start</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="System">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="System">
    <Exec>
      <Command>$(& $e $command)</Command>
      <Arguments>$(& $e $arguments)</Arguments>
    </Exec>
  </Actions>
</Task>
"@
        [pscustomobject]@{
            PSTypeName      = 'WfpSec.TaskDefinition'
            TaskName        = $TaskName
            TaskPath        = $TaskPath
            PolicyPath      = $policy
            IntervalMinutes = $IntervalMinutes
            UserId          = 'S-1-5-18'
            Command         = $command
            Arguments       = $arguments
            LogPath         = $LogPath
            Xml             = $xml
        }
    }
}

function Register-IpsecPolicyTask {
    <#
    .SYNOPSIS
    Registers a scheduled task that re-applies a policy at start-up and every N minutes, as SYSTEM.

    .DESCRIPTION
    Builds the definition with New-IpsecPolicyTaskDefinition (wfpsec apply --if-drifted <policy>, run as
    SYSTEM at start-up and every -IntervalMinutes minutes, outcomes appended to -LogPath) and registers it
    with Register-ScheduledTask, replacing a task of the same name. Needs an elevated session.

    On Windows the task is registered for real. Elsewhere there is no Task Scheduler: -WhatIf describes the
    task, and without -WhatIf an error record of category NotImplemented carries the definition as its
    target object (New-IpsecPolicyTaskDefinition returns it directly).

    .PARAMETER Path
    The policy file the task applies.

    .PARAMETER IntervalMinutes
    Minutes between runs (default 15).

    .PARAMETER TaskName
    The task's name (default "Apply IPsec policy").

    .PARAMETER TaskPath
    The Task Scheduler folder (default \WfpSec\).

    .PARAMETER LogPath
    The file the task appends its outcomes to (default %ProgramData%\WfpSec\apply-task.log).

    .PARAMETER WfpsecPath
    The wfpsec executable the task runs.

    .EXAMPLE
    Register-IpsecPolicyTask -Path C:\Policies\domain.yaml -IntervalMinutes 30

    Registers \WfpSec\Apply IPsec policy; Get-ScheduledTask -TaskPath \WfpSec\ shows it.

    .EXAMPLE
    Register-IpsecPolicyTask -Path C:\Policies\domain.yaml -WhatIf

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
        $what = "task '{0}{1}' running as SYSTEM at start-up and every {2} minutes: {3} {4}" -f `
            $def.TaskPath, $def.TaskName, $def.IntervalMinutes, $def.Command, $def.Arguments
        if (-not $PSCmdlet.ShouldProcess($what, 'Register scheduled task')) { return }
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
        if (-not $PSCmdlet.ShouldProcess("task '$TaskPath$TaskName'", 'Unregister scheduled task')) { return }
        if (-not $script:OnWindows) {
            $PSCmdlet.WriteError((New-WfpsecErrorRecord -Message "Task Scheduler exists only on Windows; there is no task '$TaskPath$TaskName' to unregister." `
                        -ErrorId 'WfpSec.TaskSchedulerUnavailable' -Category NotImplemented -Target "$TaskPath$TaskName" `
                        -ExceptionType ([System.PlatformNotSupportedException])))
            return
        }
        Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false -ErrorAction Stop
    }
}
