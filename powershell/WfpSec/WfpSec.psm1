# WfpSec: PowerShell cmdlets over the wfpsec executable's --json interface. The module holds no state of
# its own between calls; every cmdlet runs the executable once (or twice: plan, then apply) through the
# private helper Invoke-WfpsecExe.
# Layout: Public/<Verb-Noun>.ps1 holds exactly that one exported function; Private/ holds the helpers.
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

# A plan change names its filter's layer by GUID (docs/cli-json.md): LayerName gives the FWPM_LAYER_* name,
# computed when shown (the changes stay the executable's objects; see ConvertTo-WfpsecChangeList). A
# layerName field from the executable, when present, is an instance property and wins.
Update-TypeData -TypeName 'WfpSec.PlanChange' -MemberType ScriptProperty -MemberName LayerName -Value {
    Get-WfpsecLayerName ([string]$this.layer)
} -Force

# Invoke-IpsecPolicy is the same command as Set-IpsecPolicy, not a copy of it.
Set-Alias -Name Invoke-IpsecPolicy -Value Set-IpsecPolicy

# The export list is the manifest's (FunctionsToExport, AliasesToExport). Here the module offers what the
# manifest may export: every Public/ function and every alias; Help.Tests.ps1 holds the manifest's list
# equal to the Public/ files, so the two cannot drift apart.
Export-ModuleMember -Function @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'Public') -Filter '*.ps1' | ForEach-Object BaseName) -Alias '*'
