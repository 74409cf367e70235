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

# The class-based DSC resource WfpsecPolicy (PowerShell DSC, Azure Machine Configuration): Get and Test over
# `wfpsec dsc test`, Set over `wfpsec dsc set` (Private/Invoke-WfpsecDsc.ps1), the same plan and
# one-transaction apply as Set-IpsecPolicy. Classes live here, in the root module, because DSC finds
# [DscResource()] classes by parsing the module's root .psm1 (the manifest lists it in DscResourcesToExport).

# One reason the host is not in the desired state (Machine Configuration shows Code and Phrase); named
# after the resource because Machine Configuration needs the Reasons class prefixed.
class WfpsecPolicyReason {
    [DscProperty()]
    [string] $Code

    [DscProperty()]
    [string] $Phrase
}

[DscResource()]
class WfpsecPolicy {
    # The policy file (YAML or JSON), by full path.
    [DscProperty(Key)]
    [string] $Path

    # Present: the policy at Path is in force, exactly. Absent: nothing of wfpsec's is in the engine.
    [DscProperty()]
    [ValidateSet('Present', 'Absent')]
    [string] $Ensure = 'Present'

    # Set: apply although IKEEXT is not running (as Set-IpsecPolicy -Force / wfpsec apply --force).
    [DscProperty()]
    [bool] $Force

    # Set: apply although other providers' IPsec policy overlaps this policy's traffic.
    [DscProperty()]
    [bool] $AllowCoexist

    # The name of the wfpsec policy in force (empty: none).
    [DscProperty(NotConfigurable)]
    [string] $PolicyName

    # The engine matches the desired state exactly.
    [DscProperty(NotConfigurable)]
    [bool] $InSync

    # Why the host is not in the desired state: the plan's changes in the policy's words.
    [DscProperty(NotConfigurable)]
    [WfpsecPolicyReason[]] $Reasons

    hidden [hashtable] Instance() {
        return @{ path = $this.Path; _exist = ($this.Ensure -ne 'Absent'); force = $this.Force; allowCoexist = $this.AllowCoexist }
    }

    [WfpsecPolicy] Get() {
        $r = Invoke-WfpsecDsc -Operation test -Instance $this.Instance()
        $s = $r.State
        $current = [WfpsecPolicy]::new()
        $current.Path = $this.Path
        $current.Ensure = if ($s._exist) { 'Present' } else { 'Absent' }
        $current.Force = $this.Force
        $current.AllowCoexist = $this.AllowCoexist
        $current.PolicyName = [string]$s.policyName
        $current.InSync = [bool]$s.inSync
        $current.Reasons = [WfpsecPolicy]::ReasonsOf($this.Ensure, $s)
        return $current
    }

    [bool] Test() {
        return [bool](Invoke-WfpsecDsc -Operation test -Instance $this.Instance()).State._inDesiredState
    }

    [void] Set() {
        $null = Invoke-WfpsecDsc -Operation set -Instance $this.Instance()
    }

    # The reasons for a test answer: empty when in the desired state; else what is wrong, then each change.
    static [WfpsecPolicyReason[]] ReasonsOf([string] $Ensure, [object] $State) {
        $list = [System.Collections.Generic.List[WfpsecPolicyReason]]::new()
        if ($State._inDesiredState) { return $list.ToArray() }
        $head = [WfpsecPolicyReason]::new()
        if ($Ensure -eq 'Absent') {
            $head.Code = 'WfpsecPolicy:WfpsecPolicy:PolicyPresent'
            $head.Phrase = "wfpsec's policy '$($State.policyName)' is in force; the desired state is none (Ensure Absent)."
        } elseif (-not $State._exist) {
            $head.Code = 'WfpsecPolicy:WfpsecPolicy:PolicyAbsent'
            $head.Phrase = "No wfpsec policy is in force; the desired state is the policy in $($State.path)."
        } else {
            $head.Code = 'WfpsecPolicy:WfpsecPolicy:Drift'
            $head.Phrase = "The engine does not match the policy in $($State.path) (policy in force: '$($State.policyName)')."
        }
        $list.Add($head)
        foreach ($c in @($State.changes)) {
            if (-not $c) { continue }
            $x = [WfpsecPolicyReason]::new()
            $x.Code = 'WfpsecPolicy:WfpsecPolicy:PlanChange'
            $x.Phrase = [string]$c
            $list.Add($x)
        }
        return $list.ToArray()
    }
}

# Invoke-IpsecPolicy is the same command as Set-IpsecPolicy, not a copy of it.
Set-Alias -Name Invoke-IpsecPolicy -Value Set-IpsecPolicy

# The export list is the manifest's (FunctionsToExport, AliasesToExport). Here the module offers what the
# manifest may export: every Public/ function and every alias; Help.Tests.ps1 holds the manifest's list
# equal to the Public/ files, so the two cannot drift apart.
Export-ModuleMember -Function @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'Public') -Filter '*.ps1' | ForEach-Object BaseName) -Alias '*'
