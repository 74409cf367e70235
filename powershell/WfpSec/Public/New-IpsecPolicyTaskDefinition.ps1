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

    Register-IpsecPolicyTask registers exactly this definition (after checking that the executable and the
    policy file are admin-only). This function changes nothing and checks no permissions, so it runs on
    every platform (the definition itself is for Windows) and also describes a development setup.

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
            # what the task starts, and (development fallback: deno run cli.ts) the arguments before `apply`
            Executable      = $exe.FilePath
            ExecutableArgs  = [string[]]@($exe.PrefixArgs)
            ExecutableFrom  = $exe.Source
            Xml             = $xml
        }
    }
}
