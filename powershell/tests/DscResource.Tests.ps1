# The class-based DSC resource WfpsecPolicy (WfpSec.psm1): how DSC finds it, what it sends the executable
# (`wfpsec dsc get|test|set`, the instance JSON on stdin), how it reads the answers (Reasons from the plan),
# and, through the real CLI on the fwpsim simulator, a host's life: not in the desired state, Set, in it,
# drift with the plan as Reasons, Ensure Absent.

BeforeDiscovery {
    # the bash test doubles run on Linux and macOS only ($IsWindows does not exist in Windows PowerShell 5.1)
    $NotUnix = -not ((Test-Path variable:IsWindows) -and -not $IsWindows)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    $script:Module = Get-Module WfpSec

    function New-Resource {
        # an instance of the module's class, as the DSC engine creates one
        param([string]$Path, [string]$Ensure = 'Present')
        $r = & $script:Module { [WfpsecPolicy]::new() }
        $r.Path = $Path
        $r.Ensure = $Ensure
        $r
    }
}

Describe 'How DSC finds WfpsecPolicy' {
    It 'is listed in the manifest''s DscResourcesToExport and exported by the module' {
        (Import-PowerShellDataFile $ModuleManifest).DscResourcesToExport | Should -Be @('WfpsecPolicy')
        $Module.ExportedDscResources | Should -Contain 'WfpsecPolicy'
    }

    It 'is a [DscResource()] class of the root module with Key Path, Get, Test and Set (what DSC parses)' {
        $psm1 = Join-Path (Split-Path $ModuleManifest) 'WfpSec.psm1'
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($psm1, [ref]$null, [ref]$null)
        $class = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TypeDefinitionAst] -and $n.Name -eq 'WfpsecPolicy' }, $true) | Select-Object -First 1
        $class | Should -Not -BeNullOrEmpty
        $class.Attributes.TypeName.Name | Should -Contain 'DscResource'
        $path = $class.Members | Where-Object Name -EQ 'Path'
        $path.Attributes.Where({ $_.TypeName.Name -eq 'DscProperty' }).NamedArguments.ArgumentName | Should -Contain 'Key'
        foreach ($m in 'Get', 'Test', 'Set') { $class.Members.Name | Should -Contain $m }
        $reasons = $class.Members | Where-Object Name -EQ 'Reasons'
        $reasons.PropertyType.TypeName.Name | Should -Be 'WfpsecPolicyReason[]'
    }
}

Describe 'WfpsecPolicy and the executable (fake executable)' -Skip:$NotUnix {
    BeforeAll {
        $env:WFPSEC_PATH = $FakeExe
    }
    AfterAll { Remove-Item env:WFPSEC_PATH -ErrorAction Ignore }
    BeforeEach {
        Clear-FakeAnswer
        $script:ArgvFile = Join-Path $TestDrive ('argv-' + [guid]::NewGuid().ToString('n'))
        $script:StdinFile = "$ArgvFile.stdin"
        $env:FAKE_WFPSEC_ARGV = $ArgvFile
        $env:FAKE_WFPSEC_STDIN = $StdinFile
    }
    AfterEach { Clear-FakeAnswer }

    It 'Test runs `wfpsec dsc test` with the instance on stdin and answers _inDesiredState' {
        Set-FakeAnswer -Stdout ('{"path":"/p.yaml","_exist":true,"_inDesiredState":true,"policyName":"corp","inSync":true,"changes":[],"simulated":false}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        (New-Resource -Path '/p.yaml').Test() | Should -BeTrue
        Read-FakeArgv $ArgvFile | Should -Be @('dsc', 'test')
        $sent = Get-Content -LiteralPath $StdinFile -Raw | ConvertFrom-Json
        $sent.path | Should -Be '/p.yaml'
        $sent._exist | Should -BeTrue
        $sent.force | Should -BeFalse
    }

    It 'Test answers $false when the executable says not in the desired state' {
        Set-FakeAnswer -Stdout ('{"path":"/p.yaml","_exist":false,"_inDesiredState":false,"policyName":null,"inSync":false,"changes":["add provider \"wfpsec\" (provider): not in the engine"],"simulated":false}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        (New-Resource -Path '/p.yaml').Test() | Should -BeFalse
    }

    It 'sends Ensure Absent as _exist false' {
        Set-FakeAnswer -Stdout ('{"_exist":false,"_inDesiredState":true,"policyName":null,"inSync":true,"changes":[],"simulated":false}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        (New-Resource -Path '/p.yaml' -Ensure Absent).Test() | Should -BeTrue
        (Get-Content -LiteralPath $StdinFile -Raw | ConvertFrom-Json)._exist | Should -BeFalse
    }

    It 'Get gives the plan''s changes as Reasons, after a Drift reason' {
        Set-FakeAnswer -Stdout ('{"path":"/p.yaml","_exist":true,"_inDesiredState":false,"policyName":"corp","inSync":false,"changes":["replace filter \"corp v4 out\" (rules/corp/v4/out): remote 10.0.0.0/8 -> 172.16.0.0/12"],"simulated":false}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        $g = (New-Resource -Path '/p.yaml').Get()
        $g.Ensure | Should -Be 'Present'
        $g.PolicyName | Should -Be 'corp'
        $g.InSync | Should -BeFalse
        $g.Reasons.Count | Should -Be 2
        $g.Reasons[0].Code | Should -Be 'WfpsecPolicy:WfpsecPolicy:Drift'
        $g.Reasons[0].Phrase | Should -Match "/p\.yaml.*'corp'"
        $g.Reasons[1].Code | Should -Be 'WfpsecPolicy:WfpsecPolicy:PlanChange'
        $g.Reasons[1].Phrase | Should -Be 'replace filter "corp v4 out" (rules/corp/v4/out): remote 10.0.0.0/8 -> 172.16.0.0/12'
    }

    It 'Get has no Reasons in the desired state' {
        Set-FakeAnswer -Stdout ('{"path":"/p.yaml","_exist":true,"_inDesiredState":true,"policyName":"corp","inSync":true,"changes":[],"simulated":false}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        $g = (New-Resource -Path '/p.yaml').Get()
        @($g.Reasons).Count | Should -Be 0
        $g.InSync | Should -BeTrue
    }

    It 'Set runs `wfpsec dsc set` and throws the executable''s error lines on a non-zero exit' {
        Set-FakeAnswer -Stderr '{"error":"wfpsec dsc set: WfpError: adding filter \"x\" failed: FWP_E_IN_USE (0x8032000a); nothing changed"}' -Exit 3
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        { (New-Resource -Path '/p.yaml').Set() } | Should -Throw '*exit 3*FWP_E_IN_USE*nothing changed*'
        Read-FakeArgv $ArgvFile | Should -Be @('dsc', 'set')
    }

    It 'shows warn lines as warnings' {
        Set-FakeAnswer -Stderr '{"warn":"SIMULATOR: fwpsim - not a live Windows engine"}' -Stdout ('{"_exist":false,"_inDesiredState":true,"policyName":null,"inSync":true,"changes":[],"simulated":true}' + "`n")
        $env:FAKE_WFPSEC_ARGV = $ArgvFile; $env:FAKE_WFPSEC_STDIN = $StdinFile
        $r = New-Resource -Path '/p.yaml' -Ensure Absent
        $w = $null
        $null = & { $r.Test() } 3>&1 | Tee-Object -Variable w
        ($w | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Match 'SIMULATOR'
    }
}

Describe 'WfpsecPolicy on the simulator (the real wfpsec CLI)' {
    BeforeAll {
        Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
        $env:WFPSEC_ENGINE = 'sim'
        if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
        if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
        $env:FWPSIM_STATE = Join-Path $TestDrive 'dsc-sim.json'
        $script:Policy = Join-Path $TestDrive 'domain.yaml'
        Copy-Item (Join-Path $RepoRoot 'examples/domain-isolation.yaml') $Policy
    }
    AfterAll { Remove-Item env:FWPSIM_STATE -ErrorAction Ignore }

    It 'is not in the desired state on an empty engine, and Get says why' {
        $r = New-Resource -Path $Policy
        $r.Test() 3>$null | Should -BeFalse
        $g = $r.Get() 3>$null
        $g.Ensure | Should -Be 'Absent'
        $g.Reasons[0].Code | Should -Be 'WfpsecPolicy:WfpsecPolicy:PolicyAbsent'
        ($g.Reasons | Where-Object Code -EQ 'WfpsecPolicy:WfpsecPolicy:PlanChange').Phrase | Should -Contain 'add provider "wfpsec" (provider): not in the engine'
    }

    It 'Set applies the policy; then Test is true and Get has no Reasons' {
        $r = New-Resource -Path $Policy
        $r.Set() 3>$null
        $r.Test() 3>$null | Should -BeTrue
        $g = $r.Get() 3>$null
        $g.Ensure | Should -Be 'Present'
        $g.PolicyName | Should -Be 'domain-isolation'
        @($g.Reasons).Count | Should -Be 0
    }

    It 'finds drift from the file and lists the plan as Reasons; Set repairs it' {
        (Get-Content -LiteralPath $Policy -Raw).Replace('10.0.0.0/8', '172.16.0.0/12') | Set-Content -LiteralPath $Policy -NoNewline
        $r = New-Resource -Path $Policy
        $r.Test() 3>$null | Should -BeFalse
        $g = $r.Get() 3>$null
        $g.Reasons[0].Code | Should -Be 'WfpsecPolicy:WfpsecPolicy:Drift'
        ($g.Reasons | Where-Object Code -EQ 'WfpsecPolicy:WfpsecPolicy:PlanChange').Phrase -join "`n" | Should -Match 'replace filter .*172\.16\.0\.0/12'
        $r.Set() 3>$null
        $r.Test() 3>$null | Should -BeTrue
    }

    It 'Ensure Absent removes wfpsec''s policy' {
        $r = New-Resource -Path $Policy -Ensure Absent
        $r.Test() 3>$null | Should -BeFalse
        $g = $r.Get() 3>$null
        $g.Reasons[0].Code | Should -Be 'WfpsecPolicy:WfpsecPolicy:PolicyPresent'
        $g.Reasons[0].Phrase | Should -Match "'domain-isolation' is in force"
        $g.Reasons[1].Phrase | Should -Match "^delete wfpsec's policy: \d+ filter"
        $r.Set() 3>$null
        $r.Test() 3>$null | Should -BeTrue
        (New-Resource -Path $Policy).Get().Ensure 3>$null | Should -Be 'Absent'
    }

    It 'throws with file, line and field for a policy file with an error, and changes nothing' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        (Get-Content -LiteralPath $Policy -Raw).Replace('name: domain-isolation', "name: domain-isolation`nbogus: 1") | Set-Content -LiteralPath $bad -NoNewline
        $before = Get-FileHash -LiteralPath $env:FWPSIM_STATE
        { (New-Resource -Path $bad).Set() } | Should -Throw "*exit 2*bad.yaml:*bogus*"
        (Get-FileHash -LiteralPath $env:FWPSIM_STATE).Hash | Should -Be $before.Hash
    }
}
