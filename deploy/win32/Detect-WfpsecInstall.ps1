<#
.SYNOPSIS
Win32 app (Intune) / application (ConfigMgr) detection script: is this version of wfpsec installed?
.DESCRIPTION
Detected (exit 0 and one line on stdout, as the Win32 app detection rule requires) when the executable in
-InstallDir answers `--version` with -Version and the policy file is there. Otherwise nothing on stdout and
exit 1 (not detected: the install command runs). Whether the policy is in force is not this script's
question: that is the Remediations detection script (deploy/intune/Detect-WfpsecPolicy.ps1).
.PARAMETER Version
The package's wfpsec version (update it with the package).
#>
[CmdletBinding()]
param(
    [string]$Version = '0.1.0',
    [string]$InstallDir = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec')
)
$exe = Join-Path $InstallDir 'wfpsec.exe'
$policy = Join-Path (Join-Path $InstallDir 'policies') 'policy.yaml'
if (-not (Test-Path -LiteralPath $exe -PathType Leaf) -or -not (Test-Path -LiteralPath $policy -PathType Leaf)) { exit 1 }
$said = "$(@(& $exe --version 2>$null) -join ' ')".Trim()
if ($LASTEXITCODE -ne 0 -or $said -ne "wfpsec $Version") { exit 1 }
Write-Output "wfpsec $Version installed in $InstallDir"
exit 0
