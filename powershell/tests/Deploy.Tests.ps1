# The fleet scripts in deploy/ (docs/fleet.md): Intune Remediations detection and remediation, the ConfigMgr
# discovery script, and the Win32 app's install, uninstall and detection scripts. They run against the real
# wfpsec CLI on the fwpsim simulator (support/sim-wfpsec copied where the scripts expect wfpsec.exe), each
# in its own pwsh process as Intune and ConfigMgr start them: exit codes, one line of at most 2,048
# characters, nothing on stderr. The install script runs in this process (its task registration mocked:
# Task Scheduler exists only on Windows).

BeforeDiscovery {
    # the bash test doubles run on Linux and macOS only ($IsWindows does not exist in Windows PowerShell 5.1)
    $NotUnix = -not ((Test-Path variable:IsWindows) -and -not $IsWindows)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    $script:Deploy = Join-Path $RepoRoot 'deploy'
    # the stage exports PWSH (this process may be the dotnet host running pwsh as a tool)
    $script:Pwsh = if ($env:PWSH) { $env:PWSH } else { (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }
    $env:WFPSEC_REPO = $RepoRoot
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    Remove-Item env:WFPSEC_ENGINE -ErrorAction Ignore

    function New-SimHost {
        # a fresh engine, the installed executable (the CLI on fwpsim) and its policy, under TestDrive
        $root = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path (Join-Path $root 'WfpSec/policies') -Force
        $exe = Join-Path $root 'WfpSec/wfpsec.exe'
        Copy-Item (Join-Path $PSScriptRoot 'support/sim-wfpsec') $exe
        chmod +x $exe
        $policy = Join-Path $root 'WfpSec/policies/policy.yaml'
        Copy-Item (Join-Path $RepoRoot 'examples/domain-isolation.yaml') $policy
        $env:FWPSIM_STATE = Join-Path $root 'engine.state'
        [pscustomobject]@{ Root = $root; Exe = $exe; Policy = $policy }
    }

    function Invoke-DeployScript {
        # the script in its own process, as the MDM agent runs it: stdout lines, stderr text, exit code
        param([string]$Script, [string[]]$ArgumentList = @())
        $err = Join-Path $TestDrive ('stderr-' + [guid]::NewGuid().ToString('n'))
        $out = @(& $Pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $Deploy $Script) @ArgumentList 2> $err)
        $code = $LASTEXITCODE
        [pscustomobject]@{ Code = $code; Lines = $out; Stderr = (Get-Content -LiteralPath $err -Raw) }
    }

    function Get-EngineStatus {
        param($Sim)
        $null = & $Sim.Exe status $Sim.Policy 2>$null
        $LASTEXITCODE
    }
}

Describe 'Intune Remediations: Detect-WfpsecPolicy.ps1 and Remediate-WfpsecPolicy.ps1' -Skip:$NotUnix {
    BeforeAll { $script:Sim = New-SimHost; $script:SimArgs = @('-WfpsecPath', $Sim.Exe, '-PolicyPath', $Sim.Policy) }

    It 'detects a host without the policy: exit 1, one NOT COMPLIANT line, no stderr' {
        $r = Invoke-DeployScript 'intune/Detect-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 1
        $r.Lines.Count | Should -Be 1
        $r.Lines[0] | Should -Match "^wfpsec NOT COMPLIANT \(SIMULATOR\): policy 'domain-isolation'.*DRIFTED"
        $r.Stderr | Should -BeNullOrEmpty
    }

    It 'remediates: applies in one transaction, exit 0, one line with the plan''s counts' {
        $r = Invoke-DeployScript 'intune/Remediate-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 0
        $r.Lines.Count | Should -Be 1
        $r.Lines[0] | Should -Match "^wfpsec remediation: applied policy 'domain-isolation' in one transaction \(add \d+, delete 0"
        $r.Stderr | Should -BeNullOrEmpty
        Get-EngineStatus $Sim | Should -Be 0
    }

    It 'then detects the host compliant (exit 0), and a second remediation has nothing to do' {
        $r = Invoke-DeployScript 'intune/Detect-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 0
        $r.Lines[0] | Should -Match '^wfpsec COMPLIANT'
        $again = Invoke-DeployScript 'intune/Remediate-WfpsecPolicy.ps1' $SimArgs
        $again.Code | Should -Be 0
        $again.Lines[0] | Should -Match 'already in force; nothing to do'
    }

    It 'detects drift when the policy file changes (exit 1)' {
        (Get-Content -LiteralPath $Sim.Policy -Raw).Replace('10.0.0.0/8', '172.16.0.0/12') | Set-Content -LiteralPath $Sim.Policy -NoNewline
        $r = Invoke-DeployScript 'intune/Detect-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 1
        $r.Lines[0] | Should -Match 'DRIFTED \(add \d+, delete \d+, replace'
    }

    It 'fails a remediation of a broken policy with exit 1 and the file, line and field, changing nothing' {
        $bad = Join-Path $Sim.Root 'bad.yaml'
        (Get-Content -LiteralPath $Sim.Policy -Raw) + "bogus: 1`n" | Set-Content -LiteralPath $bad -NoNewline
        $before = (Get-FileHash -LiteralPath $env:FWPSIM_STATE).Hash
        $r = Invoke-DeployScript 'intune/Remediate-WfpsecPolicy.ps1' @('-WfpsecPath', $Sim.Exe, '-PolicyPath', $bad)
        $r.Code | Should -Be 1
        $r.Lines.Count | Should -Be 1
        $r.Lines[0] | Should -Match '^wfpsec remediation FAILED for policy .*PolicyError: .*bogus.*\(nothing changed\)$'
        $r.Stderr | Should -BeNullOrEmpty
        (Get-FileHash -LiteralPath $env:FWPSIM_STATE).Hash | Should -Be $before
    }

    It 'reports a host without wfpsec as not compliant (exit 1), and its remediation as failed' {
        $missing = @('-WfpsecPath', (Join-Path $Sim.Root 'nowhere/wfpsec.exe'), '-PolicyPath', $Sim.Policy)
        $d = Invoke-DeployScript 'intune/Detect-WfpsecPolicy.ps1' $missing
        $d.Code | Should -Be 1
        $d.Lines[0] | Should -Match 'wfpsec is not installed'
        $m = Invoke-DeployScript 'intune/Remediate-WfpsecPolicy.ps1' $missing
        $m.Code | Should -Be 1
        $m.Lines[0] | Should -Match '^wfpsec remediation FAILED: wfpsec is not installed'
    }

    It 'keeps its output to one line of at most 2,048 characters whatever the executable prints' {
        $long = ('x' * 3000) + "`n" + ('y' * 5000)
        $env:FAKE_WFPSEC_STDOUT = $long; $env:FAKE_WFPSEC_EXIT = '1'
        try {
            foreach ($s in 'intune/Detect-WfpsecPolicy.ps1', 'intune/Remediate-WfpsecPolicy.ps1', 'configmgr/Discover-WfpsecPolicy.ps1') {
                $r = Invoke-DeployScript $s @('-WfpsecPath', $FakeExe, '-PolicyPath', $Sim.Policy)
                $r.Lines.Count | Should -Be 1 -Because $s
                $r.Lines[0].Length | Should -BeLessOrEqual 2048 -Because $s
                $r.Stderr | Should -BeNullOrEmpty -Because $s
            }
        } finally { Clear-FakeAnswer }
    }
}

Describe 'ConfigMgr: Discover-WfpsecPolicy.ps1' -Skip:$NotUnix {
    BeforeAll { $script:Sim = New-SimHost; $script:SimArgs = @('-WfpsecPath', $Sim.Exe, '-PolicyPath', $Sim.Policy) }

    It 'returns the status line as the value when not compliant, and always exits 0' {
        $r = Invoke-DeployScript 'configmgr/Discover-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 0
        $r.Lines.Count | Should -Be 1
        $r.Lines[0] | Should -Match '^wfpsec NOT COMPLIANT'
    }

    It 'returns Compliant once the policy is in force' {
        $null = & $Sim.Exe apply $Sim.Policy 2>$null
        $r = Invoke-DeployScript 'configmgr/Discover-WfpsecPolicy.ps1' $SimArgs
        $r.Code | Should -Be 0
        $r.Lines | Should -Be @('Compliant')
    }
}

Describe 'Win32 app: Install-Wfpsec.ps1, Detect-WfpsecInstall.ps1, Uninstall-Wfpsec.ps1' -Skip:$NotUnix {
    BeforeAll {
        # the package as IntuneWinAppUtil would wrap it: wfpsec.exe, policy.yaml, the module, the DSC manifest
        function New-Package {
            param([string]$Name, [switch]$RealTaskCmdlets)
            $p = Join-Path $TestDrive $Name
            $null = New-Item -ItemType Directory -Path $p -Force
            Copy-Item (Join-Path $PSScriptRoot 'support/sim-wfpsec') (Join-Path $p 'wfpsec.exe')
            chmod +x (Join-Path $p 'wfpsec.exe')
            Copy-Item (Join-Path $RepoRoot 'examples/domain-isolation.yaml') (Join-Path $p 'policy.yaml')
            Copy-Item (Join-Path $RepoRoot 'powershell/WfpSec') (Join-Path $p 'WfpSec') -Recurse
            Copy-Item (Join-Path $Deploy 'dsc/wfpsec.dsc.resource.json') $p
            if (-not $RealTaskCmdlets) {
                # Task Scheduler exists only on Windows: the package's task cmdlets record their calls instead
                # (Register-IpsecPolicyTask itself is tested in Task.Tests.ps1)
                Set-Content -LiteralPath (Join-Path $p 'WfpSec/Public/Register-IpsecPolicyTask.ps1') -Value @(
                    'function Register-IpsecPolicyTask { param([string]$Path, [int]$IntervalMinutes, [string]$WfpsecPath)'
                    '  Add-Content -LiteralPath $env:WFPSEC_TEST_TASK_LOG -Value (@{ call = "register"; path = $Path; interval = $IntervalMinutes; exe = $WfpsecPath } | ConvertTo-Json -Compress) }')
                Set-Content -LiteralPath (Join-Path $p 'WfpSec/Public/Unregister-IpsecPolicyTask.ps1') -Value @(
                    'function Unregister-IpsecPolicyTask { [CmdletBinding(SupportsShouldProcess)] param()'
                    '  Add-Content -LiteralPath $env:WFPSEC_TEST_TASK_LOG -Value (@{ call = "unregister" } | ConvertTo-Json -Compress) }')
            }
            $p
        }
        $script:Package = New-Package 'package'

        function New-Target {
            $t = Join-Path $TestDrive ('pf-' + [guid]::NewGuid().ToString('n'))
            $env:FWPSIM_STATE = Join-Path $t 'engine.state'
            $env:WFPSEC_TEST_TASK_LOG = Join-Path $t 'task-calls.jsonl'
            $null = New-Item -ItemType Directory -Path $t -Force
            [pscustomobject]@{
                InstallDir = Join-Path $t 'WfpSec'
                ModuleDir = Join-Path $t 'Modules/WfpSec'
                Log = Join-Path $t 'install.log'
                Policy = Join-Path $t 'WfpSec/policies/policy.yaml'
                Exe = Join-Path $t 'WfpSec/wfpsec.exe'
                Args = @('-InstallDir', (Join-Path $t 'WfpSec'), '-ModuleDir', (Join-Path $t 'Modules/WfpSec'), '-LogPath', (Join-Path $t 'install.log'))
            }
        }
        function Invoke-Install {
            # the install command in its own process, as the Intune Management Extension runs it
            param($T, [string]$Source = $Package)
            $r = Invoke-DeployScript 'win32/Install-Wfpsec.ps1' (@('-SourceDir', $Source, '-IntervalMinutes', '30') + $T.Args)
            $r.Stderr | Should -BeNullOrEmpty
            $r
        }
        function Get-TaskCalls {
            if (-not (Test-Path -LiteralPath $env:WFPSEC_TEST_TASK_LOG)) { return @() }
            @(Get-Content -LiteralPath $env:WFPSEC_TEST_TASK_LOG | ForEach-Object { $_ | ConvertFrom-Json })
        }
        function Test-Applied {
            param($T)
            $null = & $T.Exe status $T.Policy 2>$null
            $LASTEXITCODE -eq 0
        }
        function Test-EngineEmpty {
            (& (Join-Path $PSScriptRoot 'support/sim-wfpsec') show --json 2>$null | ConvertFrom-Json).empty
        }
    }

    It 'places the executable, policy, manifest and module, registers the task, applies the policy' {
        $t = New-Target
        $r = Invoke-Install $t
        $r.Code | Should -Be 0
        $r.Lines | Should -HaveCount 1
        $r.Lines[0] | Should -Match "^wfpsec installed in .*; policy 'domain-isolation' applied; reconciliation task every 30 min\.$"
        Test-Path $t.Exe | Should -BeTrue
        Test-Path (Join-Path $t.InstallDir 'wfpsec.dsc.resource.json') | Should -BeTrue
        Test-Path (Join-Path $t.ModuleDir 'WfpSec.psd1') | Should -BeTrue
        $calls = Get-TaskCalls
        $calls | Should -HaveCount 1
        $calls[0].call | Should -Be 'register'
        $calls[0].path | Should -Be $t.Policy
        $calls[0].exe | Should -Be $t.Exe
        $calls[0].interval | Should -Be 30
        Test-Applied $t | Should -BeTrue
        Get-Content -LiteralPath $t.Log -Raw | Should -Match "applied policy 'domain-isolation': applied"

        # again: the same files, nothing to do (a Group Policy startup script runs it at every boot)
        $again = Invoke-Install $t
        $again.Code | Should -Be 0
        $again.Lines[0] | Should -Match "policy 'domain-isolation' in-sync"
        @(Get-ChildItem -LiteralPath (Split-Path $t.InstallDir) -Filter '*.previous-*').Count | Should -Be 0

        # the Win32 detection rule: this version is there
        $d = Invoke-DeployScript 'win32/Detect-WfpsecInstall.ps1' @('-InstallDir', $t.InstallDir)
        $d.Code | Should -Be 0
        $d.Lines | Should -Be @("wfpsec 0.1.0 installed in $($t.InstallDir)")
        $other = Invoke-DeployScript 'win32/Detect-WfpsecInstall.ps1' @('-InstallDir', $t.InstallDir, '-Version', '9.9.9')
        $other.Code | Should -Be 1
        $other.Lines | Should -HaveCount 0

        # uninstall: task first, then wfpsec's objects, then the files
        $u = Invoke-DeployScript 'win32/Uninstall-Wfpsec.ps1' $t.Args
        $u.Code | Should -Be 0
        $u.Lines[0] | Should -Match '^wfpsec uninstalled: task unregistered, policy removed from the engine \(\d+ filters'
        (Get-TaskCalls)[-1].call | Should -Be 'unregister'
        Test-Path $t.InstallDir | Should -BeFalse
        Test-Path $t.ModuleDir | Should -BeFalse
        Test-EngineEmpty | Should -BeTrue
        $nothing = Invoke-DeployScript 'win32/Detect-WfpsecInstall.ps1' @('-InstallDir', $t.InstallDir)
        $nothing.Code | Should -Be 1
        $nothing.Lines | Should -HaveCount 0
    }

    It 'installs nothing from a package whose policy is not valid' {
        $t = New-Target
        $bad = New-Package 'bad-package'
        "bogus: 1`n" | Add-Content -LiteralPath (Join-Path $bad 'policy.yaml')
        $r = Invoke-Install $t -Source $bad
        $r.Code | Should -Be 1
        $r.Lines[0] | Should -Match '^wfpsec install FAILED: the policy .*policy\.yaml is not valid; nothing changed: .*policy\.yaml:\d+:\d+: .*bogus'
        Test-Path $t.InstallDir | Should -BeFalse
        Get-TaskCalls | Should -HaveCount 0
    }

    It 'undoes a first install when the policy cannot be applied: no files, no task, engine unchanged' {
        $t = New-Target
        $env:FWPSIM_FAIL_AT = '1:0x8032000a'
        try { $r = Invoke-Install $t } finally { Remove-Item env:FWPSIM_FAIL_AT }
        $r.Code | Should -Be 1
        $r.Lines[0] | Should -Match '^wfpsec install FAILED: applying the policy failed \(the engine is unchanged\): WfpError: .*FWP_E_IN_USE'
        Test-Path $t.InstallDir | Should -BeFalse
        Test-Path $t.ModuleDir | Should -BeFalse
        (Get-TaskCalls).call | Should -Be @('register', 'unregister')
        Test-EngineEmpty | Should -BeTrue
    }

    It 'undoes the copy when the task cannot be registered (here: no Task Scheduler), applying nothing' {
        $t = New-Target
        $real = New-Package 'real-task-package' -RealTaskCmdlets
        $r = Invoke-Install $t -Source $real
        $r.Code | Should -Be 1
        $r.Lines[0] | Should -Match '^wfpsec install FAILED: registering the reconciliation task failed'
        Test-Path $t.InstallDir | Should -BeFalse
        Test-Path $env:FWPSIM_STATE | Should -BeFalse -Because 'the engine was never opened'
    }

    It 'keeps the previous install when an update fails' {
        $t = New-Target
        (Invoke-Install $t).Code | Should -Be 0
        $oldPolicy = Get-Content -LiteralPath $t.Policy -Raw
        $next = New-Package 'next-package'
        (Get-Content -LiteralPath (Join-Path $next 'policy.yaml') -Raw).Replace('10.0.0.0/8', '172.16.0.0/12') | Set-Content -LiteralPath (Join-Path $next 'policy.yaml') -NoNewline
        $env:FWPSIM_FAIL_AT = '1:0x8032000a'
        try { $r = Invoke-Install $t -Source $next } finally { Remove-Item env:FWPSIM_FAIL_AT }
        $r.Code | Should -Be 1
        Get-Content -LiteralPath $t.Policy -Raw | Should -Be $oldPolicy
        Test-Applied $t | Should -BeTrue -Because 'the old policy is still in force and its file back in place'
        (Get-TaskCalls).call | Should -Not -Contain 'unregister' -Because 'the task of the previous install stays'
    }
}
