# Every exported command is a documented, native-feeling cmdlet: approved verb, comment-based help with a
# synopsis, a description, parameter descriptions and at least one example; the manifest loads on
# PowerShell 7 and declares Windows PowerShell 5.1 compatibility.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../WfpSec/WfpSec.psd1'
    Import-Module $manifest -Force
    $script:Commands = @(Get-Command -Module WfpSec -CommandType Function | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Module manifest' {
    It 'is valid and targets Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
        $m = Test-ModuleManifest -Path $ModuleManifest
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'exports exactly the documented commands, and no private helper' {
        $exported = (Get-Command -Module WfpSec).Name | Sort-Object
        $exported | Should -Be (@(
                'ConvertFrom-NetIPsecRule', 'Export-IpsecPolicy', 'Get-IpsecExplanation', 'Get-IpsecNetEvent', 'Get-IpsecPolicy', 'Get-IpsecSecurityAssociation',
                'Get-IpsecStatistics', 'Get-IpsecStatus', 'Invoke-IpsecPolicy', 'New-IpsecIsolationPolicy', 'New-IpsecPolicyTaskDefinition',
                'Register-IpsecPolicyTask', 'Remove-IpsecPolicy', 'Remove-IpsecSa', 'Set-IpsecPolicy', 'Test-IpsecPolicy',
                'Export-IpsecReport',
                'Unregister-IpsecPolicyTask',
                'Confirm-IpsecPolicy') | Sort-Object)
        Get-Command Invoke-WfpsecExe -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'has one function per Public/Verb-Noun.ps1 file, and the manifest exports exactly those' {
        $public = Join-Path $RepoRoot 'powershell/WfpSec/Public'
        $files = Get-ChildItem -LiteralPath $public -Filter *.ps1
        foreach ($f in $files) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($f.FullName, [ref]$null, [ref]$null)
            $fns = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false))
            @($fns.Name) | Should -Be @($f.BaseName) -Because "$($f.Name) holds exactly its own function"
        }
        $m = Test-ModuleManifest -Path $ModuleManifest
        @($m.ExportedFunctions.Keys | Sort-Object) | Should -Be @($files.BaseName | Sort-Object)
    }

    It 'Invoke-IpsecPolicy is an alias of Set-IpsecPolicy, not a copy' {
        $c = Get-Command Invoke-IpsecPolicy
        $c.CommandType | Should -Be 'Alias'
        $c.ResolvedCommand.Name | Should -Be 'Set-IpsecPolicy'
        (Get-Help Invoke-IpsecPolicy).Synopsis | Should -Be (Get-Help Set-IpsecPolicy).Synopsis
    }

    It 'has an about_WfpSec help topic that Get-Help finds' {
        $text = Get-Help about_WfpSec | Out-String
        $text | Should -Match 'about_WfpSec'
        $text | Should -Match 'WfpSec.ConfirmationUnavailable'
        $text | Should -Match 'Set-IpsecPolicy'
    }

    It 'loads its format views (the WfpSec types have table views)' {
        $views = Get-FormatData -TypeName 'WfpSec.Plan', 'WfpSec.PlanChange', 'WfpSec.Filter', 'WfpSec.PolicyState', 'WfpSec.ApplyResult'
        @($views).Count | Should -Be 5
    }
}

Describe '<Name>' -ForEach $Commands {
    BeforeAll { $script:Help = Get-Help $Name -Full }

    It 'uses an approved verb and CmdletBinding' {
        (Get-Verb).Verb | Should -Contain ($Name -split '-')[0]
        (Get-Command $Name).CmdletBinding | Should -BeTrue
    }

    It 'has a synopsis and a description' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        # without comment-based help, Get-Help makes the synopsis from the syntax
        $Help.Synopsis | Should -Not -Match "^\s*$Name\s"
        ($Help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least one example, each with code and an explanation' {
        $examples = @($Help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 1
        foreach ($e in $examples) {
            $e.Code | Should -Match $Name
            ($e.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($p in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $ph = $Help.Parameters.Parameter | Where-Object Name -EQ $p
            ($ph.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "parameter -$p of $Name needs a description"
        }
    }
}

Describe 'Help examples are runnable' {
    It 'Get-Help Test-IpsecPolicy -Examples shows the pipeline example' {
        $text = Get-Help Test-IpsecPolicy -Examples | Out-String
        $text | Should -Match 'Get-IpsecPolicy -Path .+ \| Test-IpsecPolicy'
    }

    It 'every example parses as PowerShell' {
        foreach ($c in Get-Command -Module WfpSec -CommandType Function) {
            foreach ($e in @((Get-Help $c.Name).Examples.Example)) {
                $errors = $null
                [System.Management.Automation.Language.Parser]::ParseInput($e.Code, [ref]$null, [ref]$errors) | Out-Null
                $errors | Should -BeNullOrEmpty -Because "example of $($c.Name): $($e.Code)"
            }
        }
    }
}
