<#
.SYNOPSIS
Uninstalls wfpsec: the reconciliation task, wfpsec's policy in the engine, the files, the PATH entry.
.DESCRIPTION
The uninstall command of the wfpsec Win32 app (Intune) or application (ConfigMgr). Run elevated, as SYSTEM
in those engines. In order: unregisters the reconciliation task (so it cannot re-apply), removes every
object of wfpsec's provider from the engine in one transaction (`wfpsec remove`; other providers' objects
are never touched) unless -KeepPolicyInForce, removes -InstallDir from the machine PATH, deletes
-InstallDir and -ModuleDir. Logged to -LogPath. Prints one line; exit 0 uninstalled (also when nothing
was installed), 1 failed (the line says why; the files stay, so running it again can finish the job).
.PARAMETER KeepPolicyInForce
Leave wfpsec's objects in the engine (e.g. while another tool takes over); only the task and files go.
.EXAMPLE
powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Uninstall-Wfpsec.ps1
The Win32 app's uninstall command.
#>
[CmdletBinding()]
param(
    [string]$InstallDir = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec'),
    [string]$ModuleDir = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WindowsPowerShell\Modules\WfpSec'),
    [switch]$KeepPolicyInForce,
    [string]$LogPath = (Join-Path $(if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }) 'WfpSec\install.log')
)
$ErrorActionPreference = 'Continue'
$onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or ((Test-Path variable:IsWindows) -and $IsWindows)
function Write-Log([string]$Text) {
    $dir = Split-Path -Parent $LogPath
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { $null = New-Item -ItemType Directory -Path $dir -Force }
    Add-Content -LiteralPath $LogPath -Value ('{0:u} uninstall: {1}' -f (Get-Date), $Text) -Encoding UTF8
}
function Write-ResultLine([string]$Text) {
    $t = ($Text -replace '\s*[\r\n]+\s*', ' ').Trim()
    if ($t.Length -gt 2048) { $t = $t.Substring(0, 2045) + '...' }
    Write-Output $t
}
function Stop-Uninstall([string]$Why) {
    Write-Log "FAILED: $Why"
    Write-ResultLine "wfpsec uninstall FAILED: $Why"
    exit 1
}
$exe = Join-Path $InstallDir 'wfpsec.exe'
$manifest = Join-Path $ModuleDir 'WfpSec.psd1'

# The task first: otherwise it could put the policy back between the remove and the file deletion.
if (Test-Path -LiteralPath $manifest) {
    try {
        Import-Module $manifest -Force -ErrorAction Stop
        Unregister-IpsecPolicyTask -Confirm:$false -ErrorAction Stop
        Write-Log 'unregistered the reconciliation task'
    } catch {
        Stop-Uninstall "unregistering the reconciliation task failed: $($_.Exception.Message)"
    }
} elseif ($onWindows -and (Get-Command Unregister-ScheduledTask -ErrorAction Ignore)) {
    # the module is gone (a half-removed install): the task under its default name still must not re-apply
    Unregister-ScheduledTask -TaskPath '\WfpSec\' -TaskName 'Apply IPsec policy' -Confirm:$false -ErrorAction SilentlyContinue
    Write-Log 'unregistered the reconciliation task (without the module)'
}
$removed = 'kept in force (-KeepPolicyInForce)'
if (-not $KeepPolicyInForce -and (Test-Path -LiteralPath $exe)) {
    $lines = @(& $exe remove --json 2>$null)
    $code = $LASTEXITCODE
    $doc = $null
    try { $doc = ($lines -join "`n") | ConvertFrom-Json } catch { $doc = $null }
    if ($code -ne 0) {
        $why = if ($doc -and $doc.error) { "$($doc.error.type): $($doc.error.message)" } else { "exit code $code" }
        Stop-Uninstall "removing wfpsec's policy from the engine failed (nothing removed): $why"
    }
    $r = $doc.removed
    $removed = "removed from the engine ($($r.filters) filters, $($r.providerContexts) provider contexts)"
    Write-Log "wfpsec's policy $removed"
}
if ($onWindows) {
    $path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
    $kept = @($path -split ';' | Where-Object { $_ -and $_ -ne $InstallDir })
    if ($kept.Count -ne @($path -split ';' | Where-Object { $_ }).Count) {
        [Environment]::SetEnvironmentVariable('Path', ($kept -join ';'), 'Machine')
        Write-Log "removed $InstallDir from the machine PATH"
    }
}
try {
    foreach ($dir in @($InstallDir, $ModuleDir)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction Stop }
    }
} catch {
    Stop-Uninstall "deleting the files failed: $($_.Exception.Message)"
}
Write-Log 'files deleted'
Write-ResultLine "wfpsec uninstalled: task unregistered, policy $removed, files deleted."
exit 0
