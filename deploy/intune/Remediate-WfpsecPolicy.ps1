<#
.SYNOPSIS
Intune Remediations (and ConfigMgr configuration item) remediation script: put this host back on its policy.
.DESCRIPTION
Runs `wfpsec apply --if-drifted <policy>`, the scheduled task's own command: plans, and when the engine has
drifted applies the policy in ONE transaction (on any failure nothing changes). Prints one line (at most
2,048 characters): applied (with the plan's counts), in sync, or the failure in the executable's words.
Exit 0 applied or in sync, 1 failed. Nothing goes to stderr (Intune counts stderr as a script error).
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
        Write-ResultLine "wfpsec remediation FAILED: wfpsec is not installed ($WfpsecPath not found); assign the wfpsec Win32 app."
        exit 1
    }
    $lines = @(& $WfpsecPath apply --if-drifted $PolicyPath 2>$null)
    $code = $LASTEXITCODE
    $json = @($lines | Where-Object { "$_".Trim().StartsWith('{') } | Select-Object -Last 1)
    $doc = $null
    if ($json.Count) { try { $doc = $json[0] | ConvertFrom-Json } catch { $doc = $null } }
    $name = if ($doc -and $doc.policy) { "'$($doc.policy.name)'" } else { $PolicyPath }
    if ($code -eq 0 -and $doc -and $doc.outcome -eq 'applied') {
        $s = $doc.summary
        Write-ResultLine "wfpsec remediation: applied policy $name in one transaction (add $($s.add), delete $($s.delete), replace $($s.replace), unchanged $($s.unchanged))."
        exit 0
    }
    if ($code -eq 0 -and $doc -and $doc.outcome -eq 'in-sync') {
        Write-ResultLine "wfpsec remediation: policy $name is already in force; nothing to do."
        exit 0
    }
    $why = if ($doc -and $doc.error) { "$($doc.error.type): $($doc.error.message)" } else { "exit code $code, no answer" }
    Write-ResultLine "wfpsec remediation FAILED for policy ${name}: $why (nothing changed)"
    exit 1
} catch {
    Write-ResultLine "wfpsec remediation FAILED: the remediation script failed: $($_.Exception.Message)"
    exit 1
}
