# `wfpsec events --follow --json` as a stream: starts the executable like Invoke-WfpsecExe, hands each stdout
# line (one JSON object) to -OnLine as it arrives, and stops the child when the pipeline stops (Ctrl+C, a
# downstream Select-Object -First, -MaxEvents): SIGTERM on Unix, which the follower handles (it unsubscribes,
# exit 0); on Windows the process is ended and BFE cancels the subscription with its session (Learn:
# FwpmNetEventUnsubscribe0, "all subscriptions are automatically canceled when the subscribing session
# terminates").
function Invoke-WfpsecStream {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Caller,
        [Parameter(Mandatory)][string]$Command,
        [AllowEmptyCollection()][string[]]$ArgumentList = @(),
        [string]$WfpsecPath,
        # returns $false to stop
        [Parameter(Mandatory)][scriptblock]$OnLine
    )
    $exe = Resolve-WfpsecExecutable -WfpsecPath $WfpsecPath
    if ($exe -is [System.Management.Automation.ErrorRecord]) { $Caller.WriteError($exe); return }
    $argv = @($exe.PrefixArgs) + @($Command) + @($ArgumentList) + @('--json')
    $psi = New-WfpsecStartInfo -Exe $exe -Argv $argv -Caller $Caller
    $proc = $null
    $errTask = $null
    try {
        try {
            $proc = [System.Diagnostics.Process]::Start($psi)
        } catch {
            $Caller.WriteError((New-WfpsecErrorRecord -Message "Could not start '$($exe.FilePath)': $($_.Exception.GetBaseException().Message)" `
                        -ErrorId 'WfpSec.ExecutableNotStarted' -Category ResourceUnavailable -Target $exe.FilePath))
            return
        }
        $errTask = $proc.StandardError.ReadToEndAsync()
        $pending = $null
        while ($true) {
            if ($null -eq $pending) { $pending = $proc.StandardOutput.ReadLineAsync() }
            # short waits keep Ctrl+C responsive
            if (-not $pending.Wait(200)) { continue }
            $line = $pending.Result
            $pending = $null
            if ($null -eq $line) { break }
            if (-not $line.Trim()) { continue }
            $parseError = $null
            $obj = $null
            try { $obj = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($line, [ref]$parseError) } catch { $obj = $null }
            if ($null -eq $obj -or $parseError) { Write-Verbose "wfpsec: not JSON: $line"; continue }
            if ((& $OnLine $obj) -eq $false) { break }
        }
        if ($proc.HasExited -and $proc.ExitCode -ne 0) {
            # the follower could not start (engine unreachable, bad option): its one error document
            $said = (($errTask.GetAwaiter().GetResult() -split '\r?\n') | Where-Object { $_.Trim() } | Select-Object -Last 3) -join ' '
            $Caller.WriteError((New-WfpsecErrorRecord -Message "wfpsec $Command failed with exit code $($proc.ExitCode). $said" `
                        -ErrorId 'WfpSec.ExecutableFailed' -Category NotSpecified -Target $Command))
        }
    } finally {
        if ($proc) {
            if (-not $proc.HasExited) {
                if ($script:OnWindows) { try { $proc.Kill() } catch { } }
                else {
                    try { [System.Diagnostics.Process]::Start('kill', @('-TERM', [string]$proc.Id)).WaitForExit() } catch { }
                    if (-not $proc.WaitForExit(10000)) { try { $proc.Kill() } catch { } }
                }
            }
            $proc.WaitForExit()
            $proc.Dispose()
        }
    }
}
