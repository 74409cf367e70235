# The WfpsecPolicy class resource's one way to the executable: `wfpsec dsc <operation>` with the instance
# JSON on stdin, as Microsoft DSC v3 calls the Wfpsec/IPsecPolicy command resource (docs/fleet.md). The
# executable plans and applies; this helper only carries JSON both ways. stdout is JSON lines (the state,
# then for set the changed property names); stderr is DSC message lines ({"warn": "..."}), shown here as
# warnings and verbose text. A non-zero exit throws: a class resource's methods report failure by throwing.
function Invoke-WfpsecDsc {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateSet('get', 'test', 'set')][string]$Operation,
        [Parameter(Mandatory)][hashtable]$Instance,
        # set: plan only (wfpsec dsc set --what-if); nothing changes
        [switch]$PlanOnly
    )
    $exe = Resolve-WfpsecExecutable
    if ($exe -is [System.Management.Automation.ErrorRecord]) { throw $exe }
    $argv = @($exe.PrefixArgs) + @('dsc', $Operation)
    if ($PlanOnly) { $argv += '--what-if' }
    $psi = New-WfpsecStartInfo -Exe $exe -Argv $argv
    $json = $Instance | ConvertTo-Json -Compress -Depth 4
    $proc = $null
    try {
        try {
            $proc = [System.Diagnostics.Process]::Start($psi)
        } catch {
            throw "Could not start '$($exe.FilePath)': $($_.Exception.GetBaseException().Message)"
        }
        $outTask = $proc.StandardOutput.ReadToEndAsync()
        $errTask = $proc.StandardError.ReadToEndAsync()
        # UTF-8 bytes, whatever the console's input encoding (Windows PowerShell 5.1 cannot set it)
        $bytes = [System.Text.UTF8Encoding]::new($false).GetBytes($json)
        $proc.StandardInput.BaseStream.Write($bytes, 0, $bytes.Length)
        $proc.StandardInput.Close()
        while (-not $proc.WaitForExit(200)) { }
        $proc.WaitForExit()
        $stdout = $outTask.GetAwaiter().GetResult()
        $stderr = $errTask.GetAwaiter().GetResult()
        $code = $proc.ExitCode
    } finally {
        if ($proc) {
            if (-not $proc.HasExited) { try { $proc.Kill() } catch { } }
            $proc.Dispose()
        }
    }
    $errors = [System.Collections.Generic.List[string]]::new()
    foreach ($line in ($stderr -split '\r?\n')) {
        if (-not $line.Trim()) { continue }
        $m = $null
        try { $m = $line | ConvertFrom-Json -ErrorAction Stop } catch { $m = $null }
        if ($null -eq $m -or $m -isnot [pscustomobject]) { Write-Verbose "wfpsec: $line"; continue }
        if ($null -ne $m.error) { $errors.Add([string]$m.error) }
        elseif ($null -ne $m.warn) { Write-Warning ([string]$m.warn) }
        elseif ($null -ne $m.info) { Write-Verbose ([string]$m.info) }
        else { Write-Debug $line }
    }
    if ($code -ne 0) {
        $said = if ($errors.Count) { $errors -join [Environment]::NewLine } else { "exit code $code" }
        throw "wfpsec dsc $Operation failed (exit $code): $said"
    }
    $lines = @($stdout -split '\r?\n' | Where-Object { $_.Trim() })
    if ($lines.Count -lt 1) { throw "wfpsec dsc $Operation printed no state." }
    $state = $lines[0] | ConvertFrom-Json
    $diff = if ($lines.Count -gt 1) { @($lines[1] | ConvertFrom-Json) } else { @() }
    [pscustomobject]@{ State = $state; Diff = $diff }
}
