<#
.SYNOPSIS
ConfigMgr configuration item discovery script (setting type Script, data type String): is this host on its
wfpsec IPsec policy?
.DESCRIPTION
Prints `Compliant` when `wfpsec status <policy>` says compliant (exit 0), otherwise the status line itself
(at most 2,048 characters: drifted, disabled, unreadable policy or engine, not installed), so the
compliance rule "the value returned by the script Equals Compliant" reports the reason as the actual value.
Always exits 0: ConfigMgr treats a non-zero exit of a discovery script as a script error, not as
non-compliance. The remediation script is deploy/intune/Remediate-WfpsecPolicy.ps1 (tick "Run the specified
remediation script when this setting is noncompliant"). Changes nothing.
.PARAMETER WfpsecPath
The installed executable (default: %ProgramFiles%\WfpSec\wfpsec.exe).
.PARAMETER PolicyPath
The policy file (default: %ProgramFiles%\WfpSec\policies\policy.yaml).
#>
[CmdletBinding()]
param(
    [string]$WfpsecPath = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec\wfpsec.exe'),
    [string]$PolicyPath = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec\policies\policy.yaml')
)
function Write-ResultLine([string]$Text) {
    $t = ($Text -replace '\s*[\r\n]+\s*', ' ').Trim()
    if ($t.Length -gt 2048) { $t = $t.Substring(0, 2045) + '...' }
    Write-Output $t
}
try {
    if (-not (Test-Path -LiteralPath $WfpsecPath -PathType Leaf)) {
        Write-ResultLine "wfpsec NOT COMPLIANT: wfpsec is not installed ($WfpsecPath not found)"
        exit 0
    }
    $lines = @(& $WfpsecPath status $PolicyPath 2>$null)
    $code = $LASTEXITCODE
    if ($code -eq 0) { Write-ResultLine 'Compliant'; exit 0 }
    $line = @($lines | Where-Object { "$_".Trim() } | Select-Object -Last 1)
    Write-ResultLine $(if ($line.Count) { [string]$line[0] } else { "wfpsec NOT COMPLIANT: wfpsec status printed nothing (exit code $code)" })
    exit 0
} catch {
    Write-ResultLine "wfpsec NOT COMPLIANT: the discovery script failed: $($_.Exception.Message)"
    exit 0
}
