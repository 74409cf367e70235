<#
.SYNOPSIS
Installs wfpsec on this host: the executable, the policy, the WfpSec module and the reconciliation task.
.DESCRIPTION
The install command of the wfpsec Win32 app (Intune) or application (ConfigMgr), and the Group Policy
startup script (deploy/gpo/README.md). Run elevated, as SYSTEM in those engines. Idempotent: running it
again with the same files changes nothing; with a new policy or executable it updates them.

In order, stopping at the first failure and undoing what it did before:
1. checks the package: wfpsec.exe, the policy, the WfpSec module folder (and wfpsec.dsc.resource.json);
2. validates the policy with the package's executable (a bad file installs nothing);
3. copies the executable and the DSC v3 manifest to -InstallDir, the policy to -InstallDir\policies\policy.yaml,
   the module to -ModuleDir (the previous files are kept aside until the end);
4. registers the reconciliation task (Register-IpsecPolicyTask: `wfpsec apply --if-drifted` as SYSTEM at
   start-up and every -IntervalMinutes) and puts -InstallDir on the machine PATH (DSC v3 finds the
   resource manifest and the executable there);
5. applies the policy once (`wfpsec apply --if-drifted`: one transaction; on failure the engine is unchanged).
A failure at 3-5 restores the previous files and task (or removes them on a first install). Every step is
logged to -LogPath. Prints one line; exit 0 installed, 1 failed (the line says why).
Under Program Files the installed files are admin-only by inheritance, which the task requires.
.PARAMETER SourceDir
The package folder (default: this script's folder).
.PARAMETER PolicyFile
The policy file's name in the package (default policy.yaml).
.PARAMETER InstallDir
Where the executable goes (default %ProgramFiles%\WfpSec).
.PARAMETER ModuleDir
Where the WfpSec module goes (default %ProgramFiles%\WindowsPowerShell\Modules\WfpSec).
.PARAMETER IntervalMinutes
Minutes between the reconciliation task's runs (default 15).
.PARAMETER LogPath
The install log (default %ProgramData%\WfpSec\install.log).
.EXAMPLE
powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Install-Wfpsec.ps1
The Win32 app's install command.
#>
[CmdletBinding()]
param(
    [string]$SourceDir = $PSScriptRoot,
    [string]$PolicyFile = 'policy.yaml',
    [string]$InstallDir = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WfpSec'),
    [string]$ModuleDir = (Join-Path $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) 'WindowsPowerShell\Modules\WfpSec'),
    [ValidateRange(1, 1440)][int]$IntervalMinutes = 15,
    [string]$LogPath = (Join-Path $(if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }) 'WfpSec\install.log')
)
# Not 'Stop': Windows PowerShell 5.1 turns a native command's stderr into terminating errors under it. Each
# cmdlet that must not fail silently says -ErrorAction Stop, inside a try that undoes the install.
$ErrorActionPreference = 'Continue'
$onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or ((Test-Path variable:IsWindows) -and $IsWindows)

function Write-Log([string]$Text) {
    $dir = Split-Path -Parent $LogPath
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { $null = New-Item -ItemType Directory -Path $dir -Force }
    Add-Content -LiteralPath $LogPath -Value ('{0:u} install: {1}' -f (Get-Date), $Text) -Encoding UTF8
}
function Write-ResultLine([string]$Text) {
    $t = ($Text -replace '\s*[\r\n]+\s*', ' ').Trim()
    if ($t.Length -gt 2048) { $t = $t.Substring(0, 2045) + '...' }
    Write-Output $t
}
function Stop-Install([string]$Why) {
    Write-Log "FAILED: $Why"
    Write-ResultLine "wfpsec install FAILED: $Why"
    exit 1
}

$srcExe = Join-Path $SourceDir 'wfpsec.exe'
$srcPolicy = Join-Path $SourceDir $PolicyFile
$srcModule = Join-Path $SourceDir 'WfpSec'
$srcManifest = Join-Path $SourceDir 'wfpsec.dsc.resource.json'
$exe = Join-Path $InstallDir 'wfpsec.exe'
$policy = Join-Path (Join-Path $InstallDir 'policies') 'policy.yaml'
Write-Log "from $SourceDir to $InstallDir (module $ModuleDir)"

# 1-2: the package, and its policy validated by its own executable, before anything is touched.
foreach ($need in @($srcExe, $srcPolicy, (Join-Path $srcModule 'WfpSec.psd1'))) {
    if (-not (Test-Path -LiteralPath $need -PathType Leaf)) { Stop-Install "the package has no $need; nothing changed" }
}
$validation = (@(& $srcExe validate $srcPolicy --json 2>$null) -join "`n")
if ($LASTEXITCODE -ne 0) {
    $why = try {
        @(($validation | ConvertFrom-Json).errors | Select-Object -First 3 | ForEach-Object { "$($_.file):$($_.line):$($_.column): $($_.message)" }) -join '; '
    } catch { "exit code $LASTEXITCODE" }
    Stop-Install "the policy $srcPolicy is not valid; nothing changed: $why"
}
Write-Log "policy $srcPolicy valid"

# 3: copy, keeping the previous files aside so a later failure can put them back.
$stamp = [guid]::NewGuid().ToString('n')
$backup = @{}
try {
    foreach ($dir in @($InstallDir, $ModuleDir)) {
        if (Test-Path -LiteralPath $dir) {
            $aside = "$dir.previous-$stamp"
            Copy-Item -LiteralPath $dir -Destination $aside -Recurse -Force -ErrorAction Stop
            $backup[$dir] = $aside
        }
    }
} catch {
    foreach ($aside in $backup.Values) { Remove-Item -LiteralPath $aside -Recurse -Force -ErrorAction Ignore }
    Stop-Install "keeping the previous files aside failed; nothing changed: $($_.Exception.Message)"
}
function Undo-Install {
    foreach ($dir in @($InstallDir, $ModuleDir)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction Stop }
        if ($backup.ContainsKey($dir)) { Move-Item -LiteralPath $backup[$dir] -Destination $dir -ErrorAction Stop }
    }
    Write-Log 'undone: previous files restored'
}
function Remove-Backup {
    foreach ($aside in $backup.Values) { if (Test-Path -LiteralPath $aside) { Remove-Item -LiteralPath $aside -Recurse -Force } }
}

try {
    $null = New-Item -ItemType Directory -Path (Join-Path $InstallDir 'policies') -Force -ErrorAction Stop
    Copy-Item -LiteralPath $srcExe -Destination $exe -Force -ErrorAction Stop
    Copy-Item -LiteralPath $srcPolicy -Destination $policy -Force -ErrorAction Stop
    if (Test-Path -LiteralPath $srcManifest) { Copy-Item -LiteralPath $srcManifest -Destination $InstallDir -Force -ErrorAction Stop }
    if (Test-Path -LiteralPath $ModuleDir) { Remove-Item -LiteralPath $ModuleDir -Recurse -Force -ErrorAction Stop }
    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $ModuleDir) -Force -ErrorAction Stop
    Copy-Item -LiteralPath $srcModule -Destination $ModuleDir -Recurse -Force -ErrorAction Stop
    Write-Log "copied wfpsec.exe, the policy and the module"
} catch {
    Undo-Install
    Stop-Install "copying the files failed: $($_.Exception.Message)"
}

# 4: the reconciliation task, through the module just installed.
try {
    Import-Module (Join-Path $ModuleDir 'WfpSec.psd1') -Force -ErrorAction Stop
    $null = Register-IpsecPolicyTask -Path $policy -WfpsecPath $exe -IntervalMinutes $IntervalMinutes -ErrorAction Stop
    Write-Log "registered the reconciliation task (every $IntervalMinutes min and at start-up)"
    if ($onWindows) {
        $path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
        if (($path -split ';') -notcontains $InstallDir) {
            [Environment]::SetEnvironmentVariable('Path', ($path.TrimEnd(';') + ';' + $InstallDir), 'Machine')
            Write-Log "added $InstallDir to the machine PATH"
        }
    }
} catch {
    Undo-Install
    Stop-Install "registering the reconciliation task failed: $($_.Exception.Message)"
}

# 5: the policy in force now, not at the task's first run.
$lines = @(& $exe apply --if-drifted $policy 2>$null)
$code = $LASTEXITCODE
$doc = $null
$json = @($lines | Where-Object { "$_".Trim().StartsWith('{') } | Select-Object -Last 1)
if ($json.Count) { try { $doc = $json[0] | ConvertFrom-Json } catch { $doc = $null } }
if ($code -ne 0 -or -not $doc -or $doc.outcome -eq 'failed') {
    $why = if ($doc -and $doc.error) { "$($doc.error.type): $($doc.error.message)" } else { "exit code $code" }
    Undo-Install
    if (-not $backup.ContainsKey($InstallDir)) {
        # a first install leaves no task behind; an update keeps the task, which points at the restored files
        try { Unregister-IpsecPolicyTask -ErrorAction Stop -Confirm:$false } catch { Write-Log "unregistering the task: $($_.Exception.Message)" }
    }
    Stop-Install "applying the policy failed (the engine is unchanged): $why"
}
Remove-Backup
$name = if ($doc.policy) { $doc.policy.name } else { $policy }
Write-Log "applied policy '$name': $($doc.outcome)"
Write-ResultLine "wfpsec installed in $InstallDir; policy '$name' $($doc.outcome); reconciliation task every $IntervalMinutes min."
exit 0
