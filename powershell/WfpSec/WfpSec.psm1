# WfpSec: PowerShell cmdlets over the wfpsec executable's --json interface. The module holds no state of
# its own between calls; every cmdlet runs the executable once (or twice: plan, then apply) through the
# private helper Invoke-WfpsecExe.
# Strict mode 1 only: JSON answers may lack optional fields, which later modes turn into errors.
Set-StrictMode -Version 1.0

$script:ModuleRoot = $PSScriptRoot
# $IsWindows does not exist in Windows PowerShell 5.1, which only runs on Windows.
$script:OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or ((Test-Path variable:IsWindows) -and $IsWindows)
# PowerShell 7 has System.Text.Json (fast parsing of large answers); Windows PowerShell 5.1 does not.
$script:HaveSystemTextJson = $null -ne ('System.Text.Json.JsonDocument' -as [type])

foreach ($folder in @('Private', 'Public')) {
    foreach ($file in Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot $folder) -Filter '*.ps1' | Sort-Object Name) {
        . $file.FullName
    }
}

Export-ModuleMember -Function @(
    'New-IpsecIsolationPolicy', 'Get-IpsecPolicy', 'Test-IpsecPolicy', 'Invoke-IpsecPolicy', 'Set-IpsecPolicy',
    'Remove-IpsecPolicy', 'Export-IpsecPolicy', 'Get-IpsecSecurityAssociation', 'Get-IpsecNetEvent',
    'New-IpsecPolicyTaskDefinition', 'Register-IpsecPolicyTask', 'Unregister-IpsecPolicyTask'
)
