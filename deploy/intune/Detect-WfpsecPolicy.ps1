<#
.SYNOPSIS
Intune Remediations detection script: is this host on its wfpsec IPsec policy?
.DESCRIPTION
Runs `wfpsec status <policy>` and prints its one line (at most 2,048 characters: what the Intune portal
shows as the detection output). Exit 0 compliant (in sync, nothing disabled): Intune runs no remediation.
Exit 1 not compliant (drifted, disabled, the policy or engine unreadable, wfpsec not installed): Intune runs
Remediate-WfpsecPolicy.ps1. Nothing goes to stderr (Intune counts stderr as a script error).
Run it as SYSTEM, 64-bit (the remediation's settings "Run this script using the logged-on credentials: No",
"Run script in 64-bit PowerShell: Yes"). Changes nothing.
.PARAMETER WfpsecPath
The installed executable (default: %ProgramFiles%\WfpSec\wfpsec.exe, where Install-Wfpsec.ps1 puts it).
.PARAMETER PolicyPath
The policy file (default: %ProgramFiles%\WfpSec\policies\policy.yaml).
#>
[CmdletBinding()]
param(
    [string]$WfpsecPath = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec\wfpsec.exe'),
    [string]$PolicyPath = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec\policies\policy.yaml')
)
# Intune reads the last line of stdout, at most 2,048 characters: one line, bounded here whatever it says.
function Write-ResultLine([string]$Text) {
    $t = ($Text -replace '\s*[\r\n]+\s*', ' ').Trim()
    if ($t.Length -gt 2048) { $t = $t.Substring(0, 2045) + '...' }
    Write-Output $t
}
try {
    if (-not (Test-Path -LiteralPath $WfpsecPath -PathType Leaf)) {
        Write-ResultLine "wfpsec NOT COMPLIANT: wfpsec is not installed ($WfpsecPath not found); assign the wfpsec Win32 app."
        exit 1
    }
    $lines = @(& $WfpsecPath status $PolicyPath 2>$null)
    $code = $LASTEXITCODE
    $line = @($lines | Where-Object { "$_".Trim() } | Select-Object -Last 1)
    $said = if ($line.Count) { [string]$line[0] } else { "wfpsec status printed nothing (exit code $code)" }
    Write-ResultLine $said
    if ($code -eq 0) { exit 0 }
    exit 1
} catch {
    Write-ResultLine "wfpsec NOT COMPLIANT: the detection script failed: $($_.Exception.Message)"
    exit 1
}
