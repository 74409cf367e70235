# The scheduled task that keeps a policy applied: tested on the Task Scheduler definition it generates
# (every platform) and, on Linux, on the refusal to register without Task Scheduler.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    $script:Policy = Join-Path $TestDrive 'domain policy.yaml'
    Set-Content -LiteralPath $Policy -Value 'version: 1'
    $script:Exe = Join-Path $TestDrive 'bin dir/wfpsec'
    New-Item -ItemType File -Path $Exe -Force | Out-Null
    if (-not $IsWindows) { chmod +x $Exe }
    $ns = @{ t = 'http://schemas.microsoft.com/windows/2004/02/mit/task' }
    $script:Ns = $ns
    $script:Def = New-IpsecPolicyTaskDefinition -Path $Policy -IntervalMinutes 30 -WfpsecPath $Exe -LogPath (Join-Path $TestDrive 'logs/apply.log')
    $script:Xml = [xml]$Def.Xml
    function Select-Task([string]$XPath) { Select-Xml -Xml $Xml -XPath $XPath -Namespace $ns | ForEach-Object { $_.Node } }
}

Describe 'New-IpsecPolicyTaskDefinition' {
    It 'returns a WfpSec.TaskDefinition with well-formed Task Scheduler 1.2 XML' {
        $Def.PSObject.TypeNames[0] | Should -Be 'WfpSec.TaskDefinition'
        $Xml.Task.version | Should -Be '1.2'
        $Xml.DocumentElement.NamespaceURI | Should -Be $Ns.t
        (Select-Task '/t:Task/t:RegistrationInfo/t:URI').InnerText | Should -Be '\WfpSec\Apply IPsec policy'
    }

    It 'runs as SYSTEM with the highest privileges' {
        (Select-Task '//t:Principal/t:UserId').InnerText | Should -Be 'S-1-5-18'
        (Select-Task '//t:Principal/t:RunLevel').InnerText | Should -Be 'HighestAvailable'
        $principalId = (Select-Task '//t:Principal').id
        (Select-Task '/t:Task/t:Actions').Context | Should -Be $principalId
    }

    It 'starts at boot and every N minutes, never two at once' {
        Select-Task '//t:Triggers/t:BootTrigger/t:Enabled' | ForEach-Object InnerText | Should -Be 'true'
        (Select-Task '//t:TimeTrigger/t:Repetition/t:Interval').InnerText | Should -Be 'PT30M'
        (Select-Task '//t:TimeTrigger/t:StartBoundary').InnerText | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:00$'
        (Select-Task '//t:Settings/t:MultipleInstancesPolicy').InnerText | Should -Be 'IgnoreNew'
        (Select-Task '//t:Settings/t:StartWhenAvailable').InnerText | Should -Be 'true'
    }

    It 'runs "wfpsec apply --if-drifted <policy>" and appends the outcome to the log' {
        (Select-Task '//t:Exec/t:Command').InnerText | Should -Match 'cmd\.exe$'
        $arguments = (Select-Task '//t:Exec/t:Arguments').InnerText
        $arguments | Should -Be $Def.Arguments
        $arguments | Should -Match '^/d /c ".*"$'
        $inner = $arguments.Substring(7, $arguments.Length - 8)
        $inner | Should -Match ' >> ".*apply\.log" 2>&1$'
        $run = $inner.Substring(0, $inner.IndexOf(' >> '))
        if ($IsWindows) { Set-ItResult -Skipped -Because 'the argv check below parses the line with .NET''s Unix rules' ; return }
        # split the command line with the CommandLineToArgvW rules (what .NET applies on Unix) via the fake
        $argvFile = Join-Path $TestDrive 'argv'
        $psi = [System.Diagnostics.ProcessStartInfo]::new($FakeExe, ($run -replace '^("[^"]*"|\S+)\s*', ''))
        $psi.UseShellExecute = $false
        $psi.Environment['FAKE_WFPSEC_ARGV'] = $argvFile
        [System.Diagnostics.Process]::Start($psi).WaitForExit()
        Read-FakeArgv $argvFile | Should -Be @('apply', '--if-drifted', $Policy)
        $run | Should -BeLike ('"' + $Exe + '" *')
    }

    It 'names the policy and the log in the description' {
        $d = (Select-Task '//t:RegistrationInfo/t:Description').InnerText
        $d | Should -Match ([regex]::Escape($Policy))
        $d | Should -Match 'apply\.log'
    }

    It 'escapes XML special characters in paths' {
        $odd = Join-Path $TestDrive 'a&b <c>.yaml'
        Set-Content -LiteralPath $odd -Value 'version: 1'
        $d = New-IpsecPolicyTaskDefinition -Path $odd -WfpsecPath $Exe
        ([xml]$d.Xml).Task.Actions.Exec.Arguments | Should -Match ([regex]::Escape('a&b <c>.yaml'))
        ([xml]$d.Xml).Task.Triggers.TimeTrigger.Repetition.Interval | Should -Be 'PT15M'
    }

    It 'refuses a path cmd.exe would expand (%VAR%) with an InvalidArgument error' {
        $d = New-IpsecPolicyTaskDefinition -Path (Join-Path $TestDrive '%TEMP%.yaml') -WfpsecPath $Exe -ErrorVariable ev -ErrorAction SilentlyContinue
        $d | Should -BeNullOrEmpty
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'rejects an interval outside 1..1440 minutes' {
        { New-IpsecPolicyTaskDefinition -Path $Policy -IntervalMinutes 0 -WfpsecPath $Exe } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-IpsecPolicyTaskDefinition'
    }
}

Describe 'Register-IpsecPolicyTask / Unregister-IpsecPolicyTask without Task Scheduler' -Skip:$IsWindows {
    It 'Register -WhatIf describes the task and registers nothing' {
        $out = Register-IpsecPolicyTask -Path $Policy -WfpsecPath $Exe -WhatIf -ErrorVariable ev
        $out | Should -BeNullOrEmpty
        $ev.Count | Should -Be 0
    }

    It 'Register without -WhatIf is NotImplemented here and hands back the definition' {
        Register-IpsecPolicyTask -Path $Policy -WfpsecPath $Exe -IntervalMinutes 5 -ErrorVariable ev -ErrorAction SilentlyContinue | Out-Null
        $ev.Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $ev[0].TargetObject.PSObject.TypeNames[0] | Should -Be 'WfpSec.TaskDefinition'
        $ev[0].TargetObject.IntervalMinutes | Should -Be 5
    }

    It 'Unregister is NotImplemented here, and -WhatIf is quiet' {
        Unregister-IpsecPolicyTask -WhatIf -ErrorVariable ev1 | Should -BeNullOrEmpty
        $ev1.Count | Should -Be 0
        Unregister-IpsecPolicyTask -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}

Describe 'Register-IpsecPolicyTask refuses what SYSTEM must not run' {
    It 'refuses the development fallback (deno run cli.ts), also under -WhatIf' {
        $saved = $env:WFPSEC_PATH; $env:WFPSEC_PATH = $null
        try {
            $def = New-IpsecPolicyTaskDefinition -Path $Policy
            $def.ExecutableArgs[-1] | Should -Match 'cli\.ts$'
            foreach ($w in $true, $false) {
                Register-IpsecPolicyTask -Path $Policy -WhatIf:$w -ErrorVariable ev -ErrorAction SilentlyContinue | Out-Null
                $ev.Count | Should -Be 1
                $ev[0].FullyQualifiedErrorId | Should -Be 'WfpSec.UntrustedExecutable,Register-IpsecPolicyTask'
                $ev[0].CategoryInfo.Category | Should -Be 'SecurityError'
                $ev[0].Exception.Message | Should -Match 'development fallback'
            }
        } finally { $env:WFPSEC_PATH = $saved }
    }

    It 'refuses an executable that is not the installed wfpsec, and a missing policy file' {
        $other = Join-Path $TestDrive 'tool'
        New-Item -ItemType File -Path $other -Force | Out-Null
        if (-not $IsWindows) { chmod +x $other }
        Register-IpsecPolicyTask -Path $Policy -WfpsecPath $other -WhatIf -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -Be 'WfpSec.UntrustedExecutable,Register-IpsecPolicyTask'
        Register-IpsecPolicyTask -Path (Join-Path $TestDrive 'none.yaml') -WfpsecPath $Exe -WhatIf -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Register-IpsecPolicyTask on Windows' {
    It 'registers the task for real and unregisters it' {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'Task Scheduler exists only on Windows (tested on the generated definition above)'; return }
        $elevated = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
        if (-not $elevated) { Set-ItResult -Skipped -Because 'registering a SYSTEM task needs an elevated session'; return }
        # only an installed, admin-only wfpsec.exe and policy may be registered (not files under TEMP)
        if (-not $env:WFPSEC_INSTALLED_EXE -or -not $env:WFPSEC_INSTALLED_POLICY) { Set-ItResult -Skipped -Because 'set WFPSEC_INSTALLED_EXE and WFPSEC_INSTALLED_POLICY to an admin-only wfpsec.exe and policy'; return }
        $Exe = $env:WFPSEC_INSTALLED_EXE; $Policy = $env:WFPSEC_INSTALLED_POLICY
        $name = 'Pester ' + [guid]::NewGuid().ToString('n')
        try {
            Register-IpsecPolicyTask -Path $Policy -WfpsecPath $Exe -TaskName $name -Confirm:$false | Out-Null
            $task = Get-ScheduledTask -TaskName $name -TaskPath '\WfpSec\'
            $task.Principal.UserId | Should -Match 'SYSTEM|S-1-5-18'
            $task.Actions[0].Arguments | Should -Match 'apply --if-drifted'
        } finally {
            Unregister-IpsecPolicyTask -TaskName $name -Confirm:$false -ErrorAction SilentlyContinue
        }
        Get-ScheduledTask -TaskName $name -TaskPath '\WfpSec\' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Admin-only check of the executable and the policy (Windows ACLs, mocked here)' {
    BeforeAll {
        $script:AdminOnly = { param($Path) [pscustomobject]@{ Path = $Path; Owner = 'S-1-5-32-544'; IsLink = $false; Rules = @(
                    [pscustomobject]@{ Sid = 'S-1-5-18'; Rights = 0x1F01FF; Allow = $true; InheritOnly = $false }
                    [pscustomobject]@{ Sid = 'S-1-5-32-545'; Rights = 0x1200A9; Allow = $true; InheritOnly = $false }
                    # C:\'s "Authenticated Users: Modify" for what is created below: not this object's right
                    [pscustomobject]@{ Sid = 'S-1-5-11'; Rights = 0x1301BF; Allow = $true; InheritOnly = $true }) } }
    }

    It 'accepts an admin-only file, folder and ancestor' {
        foreach ($role in 'File', 'Folder', 'Ancestor') {
            InModuleScope WfpSec -Parameters @{ I = (& $AdminOnly 'x'); R = $role } { @(Test-WfpsecAdminOnlyAcl -Info $I -Role $R) } | Should -BeNullOrEmpty
        }
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a file Users may write'; Role = 'File'; Sid = 'S-1-5-32-545'; Rights = 0x2; Owner = 'S-1-5-32-544'; Match = 'may write' }
        @{ Case = 'a file Authenticated Users may delete'; Role = 'File'; Sid = 'S-1-5-11'; Rights = 0x10000; Owner = 'S-1-5-32-544'; Match = 'may delete' }
        @{ Case = 'a folder Users may create files in (DLL planting)'; Role = 'Folder'; Sid = 'S-1-5-32-545'; Rights = 0x2; Owner = 'S-1-5-32-544'; Match = 'create files' }
        @{ Case = 'an ancestor Users may delete entries of'; Role = 'Ancestor'; Sid = 'S-1-5-32-545'; Rights = 0x40; Owner = 'S-1-5-32-544'; Match = 'delete entries' }
        @{ Case = 'a file owned by a user account'; Role = 'File'; Sid = 'S-1-5-18'; Rights = 0x1F01FF; Owner = 'S-1-5-21-1-2-3-1001'; Match = 'owned by' }
        @{ Case = 'a file Everyone may re-permission'; Role = 'File'; Sid = 'S-1-1-0'; Rights = 0x40000; Owner = 'S-1-5-18'; Match = 'permissions' }
    ) {
        $info = [pscustomobject]@{ Path = 'C:\x'; Owner = $Owner; IsLink = $false; Rules = @([pscustomobject]@{ Sid = $Sid; Rights = $Rights; Allow = $true; InheritOnly = $false }) }
        $why = InModuleScope WfpSec -Parameters @{ I = $info; R = $Role } { @(Test-WfpsecAdminOnlyAcl -Info $I -Role $R) }
        ($why -join ' ') | Should -Match $Match
    }

    It 'Register-IpsecPolicyTask refuses a policy whose folder Users may write, and registers nothing' {
        $exe = Join-Path $TestDrive 'inst/wfpsec.exe'
        New-Item -ItemType File -Path $exe -Force | Out-Null
        $policyDir = Join-Path $TestDrive 'pol'
        $pol = Join-Path $policyDir 'p.yaml'
        New-Item -ItemType File -Path $pol -Force | Out-Null
        if (-not (Get-Command Register-ScheduledTask -ErrorAction Ignore)) { function global:Register-ScheduledTask { param($TaskName, $TaskPath, $Xml, [switch]$Force) } }
        InModuleScope WfpSec -Parameters @{ Exe = $exe; Pol = $pol; PolicyDir = $policyDir; AdminOnly = $AdminOnly; Log = (Join-Path $TestDrive 'log/a.log') } {
            $saved = $script:OnWindows
            $script:OnWindows = $true
            try {
                Mock Get-WfpsecAclInfo { $i = & $AdminOnly $Path; if ($Path -eq $PolicyDir) { $i.Rules += [pscustomobject]@{ Sid = 'S-1-5-32-545'; Rights = 0x2; Allow = $true; InheritOnly = $false } }; $i }
                Mock Register-ScheduledTask { 'registered' }
                Register-IpsecPolicyTask -Path $Pol -WfpsecPath $Exe -LogPath $Log -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                $ev[0].FullyQualifiedErrorId | Should -Be "WfpSec.NotAdminOnly,Register-IpsecPolicyTask" -Because ($ev[0] | Out-String)
                $ev[0].CategoryInfo.Category | Should -Be 'SecurityError'
                $ev[0].Exception.Message | Should -Match ([regex]::Escape($PolicyDir))
                Should -Invoke Register-ScheduledTask -Times 0
                # the same with admin-only folders registers
                Mock Get-WfpsecAclInfo { & $AdminOnly $Path }
                Register-IpsecPolicyTask -Path $Pol -WfpsecPath $Exe -LogPath $Log -Confirm:$false | Should -Be 'registered'
                Should -Invoke Register-ScheduledTask -Times 1
            } finally { $script:OnWindows = $saved }
        }
    }
}
