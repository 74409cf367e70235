# The private helper Invoke-WfpsecExe, against a fake executable that prints fixed answers: argument
# quoting, stdout/stderr separation, exit-code mapping, JSON parsing, ErrorRecords, executable lookup.
# (The cmdlets themselves are tested against the real CLI in Cmdlets.Tests.ps1.)

BeforeDiscovery {
    # the fake executable is a bash script
    $script:NoBash = $IsWindows -or -not (Get-Command bash -ErrorAction Ignore)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    $script:ArgvFile = Join-Path $TestDrive 'argv'
}


Describe 'Windows command-line quoting (used where .NET has no ArgumentList)' {
    It 'quotes <Arg> as <Quoted>' -ForEach @(
        @{ Arg = 'plain'; Quoted = 'plain' }
        @{ Arg = 'two words'; Quoted = '"two words"' }
        @{ Arg = ''; Quoted = '""' }
        @{ Arg = 'say "hi"'; Quoted = '"say \"hi\""' }
        @{ Arg = 'C:\dir\file'; Quoted = 'C:\dir\file' }
        @{ Arg = 'C:\my dir\'; Quoted = '"C:\my dir\\"' }
        @{ Arg = 'a\"b'; Quoted = '"a\\\"b"' }
        @{ Arg = "tab`there"; Quoted = "`"tab`there`"" }
    ) {
        InModuleScope WfpSec -Parameters @{ Arg = $Arg } { ConvertTo-WfpsecCommandLine -ArgumentList @($Arg) } | Should -BeExactly $Quoted
    }

    It 'round-trips through the CommandLineToArgvW rules .NET applies to ProcessStartInfo.Arguments' -Skip:$NoBash {
        $argv = @('plain', 'two words', '', 'say "hi"', 'C:\my dir\', 'a\"b', 'a\\b', '\\server\share\', "uni ✓ ü", '--flag=x y', '"')
        $line = InModuleScope WfpSec -Parameters @{ A = $argv } { ConvertTo-WfpsecCommandLine -ArgumentList $A }
        $psi = [System.Diagnostics.ProcessStartInfo]::new($FakeExe, $line)
        $psi.UseShellExecute = $false
        $psi.Environment['FAKE_WFPSEC_ARGV'] = $ArgvFile
        $p = [System.Diagnostics.Process]::Start($psi); $p.WaitForExit()
        $got = @(Read-FakeArgv $ArgvFile)
        $got.Count | Should -Be $argv.Count
        for ($i = 0; $i -lt $argv.Count; $i++) { $got[$i] | Should -BeExactly $argv[$i] }
    }
}

Describe 'Invoke-WfpsecExe' -Skip:$NoBash {
    AfterEach { Clear-FakeAnswer }

    It 'passes every argument through unchanged and appends --json' {
        Set-FakeAnswer -Stdout '{"schemaVersion":1,"command":"validate","valid":true}'
        $env:FAKE_WFPSEC_ARGV = $ArgvFile
        $r = Invoke-WfpsecProbe -Command validate -ArgumentList @('my policy.yaml', 'say "hi"', '', 'ü\', '$HOME')
        $r.Errors | Should -BeNullOrEmpty
        $got = @(Read-FakeArgv $ArgvFile)
        $got | Should -Be @('validate', 'my policy.yaml', 'say "hi"', '', 'ü\', '$HOME', '--json')
    }

    It 'runs the executable in the PowerShell location, so relative paths mean what the user sees' {
        Set-FakeAnswer -Stdout '{"schemaVersion":1}'
        $env:FAKE_WFPSEC_ARGV = $ArgvFile
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'here') -Force
        Push-Location $dir
        try { $null = Invoke-WfpsecProbe -Command show } finally { Pop-Location }
        (Get-Content "$ArgvFile.cwd").Trim() | Should -Be $dir.FullName
    }

    It 'parses stdout as JSON and keeps stderr out of the data' {
        Set-FakeAnswer -Stdout '{"schemaVersion":1,"command":"plan","inSync":true,"big":"18446744073709551615"}' -Stderr 'note: using the simulator'
        $r = Invoke-WfpsecProbe -Command plan -SuccessExitCode 0, 2
        $r.Errors | Should -BeNullOrEmpty
        $r.Out.ExitCode | Should -Be 0
        $r.Out.Data.inSync | Should -BeTrue
        $r.Out.Data.big | Should -BeExactly '18446744073709551615'
        $r.Out.Stderr | Should -Match 'using the simulator'
    }

    It 'maps exit code 2 of plan to an answer (changes pending), not an error' {
        Set-FakeAnswer -Stdout '{"schemaVersion":1,"command":"plan","inSync":false}' -Exit 2
        $r = Invoke-WfpsecProbe -Command plan -SuccessExitCode 0, 2
        $r.Errors | Should -BeNullOrEmpty
        $r.Out.ExitCode | Should -Be 2
        $r.Out.Data.inSync | Should -BeFalse
    }

    It 'treats exit code 2 from another command as an unexpected result' {
        Set-FakeAnswer -Stdout '{"schemaVersion":1,"command":"show"}' -Exit 2
        $r = Invoke-WfpsecProbe -Command show
        $r.Out | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $r.Errors[0].FullyQualifiedErrorId | Should -Match '^WfpSec.UnexpectedExitCode'
    }

    It 'turns <Type> into an error record of category <Category> carrying the executable''s message' -ForEach @(
        @{ Type = 'PolicyError'; Extra = ''; Category = 'InvalidData'; Id = 'WfpSec.PolicyError' }
        @{ Type = 'UsageError'; Extra = ''; Category = 'InvalidArgument'; Id = 'WfpSec.UsageError' }
        @{ Type = 'SafetyError'; Extra = ''; Category = 'SecurityError'; Id = 'WfpSec.SafetyError' }
        @{ Type = 'SnapshotError'; Extra = ''; Category = 'ReadError'; Id = 'WfpSec.SnapshotError' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"FWP_E_ALREADY_EXISTS","wfpCode":"0x80320009"'; Category = 'ResourceExists'; Id = 'WfpSec.WfpError.FWP_E_ALREADY_EXISTS' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"FWP_E_PROVIDER_NOT_FOUND","wfpCode":"0x80320005"'; Category = 'ObjectNotFound'; Id = 'WfpSec.WfpError.FWP_E_PROVIDER_NOT_FOUND' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"FWP_E_FILTER_NOT_FOUND","wfpCode":"0x80320003"'; Category = 'ObjectNotFound'; Id = 'WfpSec.WfpError.FWP_E_FILTER_NOT_FOUND' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"ERROR_ACCESS_DENIED","wfpCode":"0x00000005"'; Category = 'PermissionDenied'; Id = 'WfpSec.WfpError.ERROR_ACCESS_DENIED' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"FWP_E_IN_USE","wfpCode":"0x80320006"'; Category = 'ResourceBusy'; Id = 'WfpSec.WfpError.FWP_E_IN_USE' }
        @{ Type = 'WfpError'; Extra = ',"wfpName":"FWP_E_INVALID_WEIGHT","wfpCode":"0x80320025"'; Category = 'InvalidArgument'; Id = 'WfpSec.WfpError.FWP_E_INVALID_WEIGHT' }
    ) {
        $msg = "the $Type message from wfpsec"
        Set-FakeAnswer -Exit 1 -Stderr "wfpsec: $msg" -Stdout ('{"schemaVersion":1,"command":"apply","error":{"type":"' + $Type + '","message":"' + $msg + '"' + $Extra + '}}')
        $r = Invoke-WfpsecProbe -Command apply -ArgumentList @('p.yaml')
        $r.Out | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.CategoryInfo.Category | Should -Be $Category
        $e.Exception.Message | Should -BeLike "$msg*"
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $e.Exception.Data['WfpsecError'].type | Should -Be $Type
    }

    It 'names the failing object as the error''s target and adds the diagnostics to the message' {
        $json = @{ schemaVersion = 1; command = 'plan'; error = @{
                type = 'PolicyError'; message = 'policy.yaml is not valid'
                diagnostics = @(@{ file = 'policy.yaml'; line = 7; column = 3; path = 'rules[0].remote'; message = 'not an address: 10.0.0.300'; code = 'address'; severity = 'error' })
                object = @{ kind = 'filter'; key = '0b8a2c1e-0000-4000-8000-000000000001'; name = 'inbound v4' }
            }
        } | ConvertTo-Json -Depth 6 -Compress
        Set-FakeAnswer -Exit 1 -Stdout $json
        $r = Invoke-WfpsecProbe -Command plan -SuccessExitCode 0, 2
        $e = $r.Errors[0]
        $e.Exception.Message | Should -Match '^policy.yaml is not valid'
        $e.Exception.Message | Should -Match 'policy.yaml:7:3: not an address: 10.0.0.300 \(at rules\[0\].remote\)'
        $e.TargetObject.name | Should -Be 'inbound v4'
    }

    It 'returns a document that answers the question (validate: valid false) even though it carries an error' {
        Set-FakeAnswer -Exit 1 -Stdout '{"schemaVersion":1,"command":"validate","valid":false,"errors":[{"line":2}],"error":{"type":"PolicyError","message":"bad"}}'
        $r = Invoke-WfpsecProbe -Command validate -SuccessExitCode 0, 1 -AnswerProperty valid
        $r.Errors | Should -BeNullOrEmpty
        $r.Out.Data.valid | Should -BeFalse
        $r.Out.ExitCode | Should -Be 1
        # without the answer property the same document is an error
        $r = Invoke-WfpsecProbe -Command validate -SuccessExitCode 0, 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reports a command the executable does not know as NotImplemented' {
        Set-FakeAnswer -Exit 1 -Stdout '{"schemaVersion":1,"command":"sa","error":{"type":"UsageError","message":"unknown command: sa"}}'
        $r = Invoke-WfpsecProbe -Command sa
        $r.Errors[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $r.Errors[0].Exception.Message | Should -Match "no 'sa' command.*unknown command: sa"
    }

    It 'reports a failure without JSON with the executable''s stderr' {
        Set-FakeAnswer -Exit 3 -Stderr "panic: engine exploded`nsecond line"
        $r = Invoke-WfpsecProbe -Command show
        $r.Errors[0].CategoryInfo.Category | Should -Be 'NotSpecified'
        $r.Errors[0].Exception.Message | Should -Match 'exit code 3.*panic: engine exploded second line'
    }

    It 'reports a successful exit without a JSON answer as InvalidResult' {
        Set-FakeAnswer -Stdout 'this is not JSON'
        $r = Invoke-WfpsecProbe -Command show
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'keeps a plan''s changes as JSON until .Changes is read, then gives exactly the executable''s changes' {
        $changes = @(
            @{ action = 'add'; kind = 'filter'; key = '00000000-0000-4000-8000-000000000001'; name = 'größe ✓ "quoted" <b>'; layer = 'eda65c74-610d-4bc5-948f-3c4f89556867'; reason = 'not in the engine' }
            @{ action = 'replace'; kind = 'providerContext'; key = '00000000-0000-4000-8000-000000000002'; name = 'mm'; reason = 'fields differ'; fields = @('ikeMmPolicy.ikeProposals[0].dhGroup', 'weight.uint8') }
            @{ action = 'delete'; kind = 'filter'; key = '00000000-0000-4000-8000-000000000003'; name = 'old'; reason = 'not in the policy' }
        )
        $doc = @{ schemaVersion = 1; command = 'plan'; engine = @{ kind = 'fwpsim'; simulated = $true }; policy = @{ name = 'p'; file = '/p.yaml' }
            inSync = $false; changes = $changes; summary = @{ add = 1; delete = 1; replace = 1; unchanged = 7 }; big = '18446744073709551615' }
        $file = Join-Path $TestDrive 'plan.json'
        [System.IO.File]::WriteAllText($file, ($doc | ConvertTo-Json -Depth 6))
        $env:FAKE_WFPSEC_STDOUT_FILE = $file
        $env:FAKE_WFPSEC_EXIT = '2'
        try {
            $plan = Test-IpsecPolicy -Path x -WfpsecPath $FakeExe
            $plan.PSObject.Properties['Changes'].MemberType | Should -Be 'ScriptProperty'
            $plan.Add, $plan.Delete, $plan.Replace, $plan.Unchanged | Should -Be @(1, 1, 1, 7)
            $plan.Changes.Count | Should -Be 3
            $plan.Changes.name | Should -Be @('größe ✓ "quoted" <b>', 'mm', 'old')
            $plan.Changes[1].fields | Should -Be @('ikeMmPolicy.ikeProposals[0].dhGroup', 'weight.uint8')
            $plan.Changes | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.PlanChange' }
            [object]::ReferenceEquals($plan.Changes[0], $plan.Changes[0]) | Should -BeTrue
            Test-IpsecPolicy -Path x -WfpsecPath $FakeExe -Quiet | Should -BeFalse
        } finally { Remove-Item env:FAKE_WFPSEC_STDOUT_FILE }
    }

    It 'carries nothing from one call to the next' {
        Set-FakeAnswer -Exit 1 -Stderr 'first call failed' -Stdout '{"schemaVersion":1,"error":{"type":"WfpError","message":"first","wfpName":"FWP_E_IN_USE","wfpCode":"0x80320006"}}'
        $first = Invoke-WfpsecProbe -Command apply
        $first.Errors.Count | Should -Be 1
        Set-FakeAnswer -Stdout '{"schemaVersion":1,"command":"show","scope":"ours"}'
        $second = Invoke-WfpsecProbe -Command show
        $second.Errors | Should -BeNullOrEmpty
        $second.Out.Data.scope | Should -Be 'ours'
        $second.Out.Stderr | Should -BeNullOrEmpty
        $second.Out.Data.PSObject.Properties['error'] | Should -BeNullOrEmpty
    }
}

Describe 'When a plan is computed before applying' {
    # -WhatIf and prompts show the real plan, so the plan is run exactly when ShouldProcess will print or ask
    It 'plans for <Case>: <Expected>' -ForEach @(
        @{ Case = '-WhatIf'; Pref = 'High'; WhatIf = $true; Impact = 'Medium'; Expected = $true }
        @{ Case = 'default preference, Medium impact'; Pref = 'High'; WhatIf = $false; Impact = 'Medium'; Expected = $false }
        @{ Case = 'default preference, High impact (Remove-IpsecPolicy)'; Pref = 'High'; WhatIf = $false; Impact = 'High'; Expected = $true }
        @{ Case = '-Confirm (preference Low)'; Pref = 'Low'; WhatIf = $false; Impact = 'Medium'; Expected = $true }
        @{ Case = '-Confirm:$false (preference None)'; Pref = 'None'; WhatIf = $false; Impact = 'High'; Expected = $false }
    ) {
        InModuleScope WfpSec -Parameters @{ Pref = $Pref; WhatIf = $WhatIf; Impact = $Impact } {
            $ConfirmPreference = $Pref
            $WhatIfPreference = $WhatIf
            Test-WfpsecWouldPrompt -Impact $Impact
        } | Should -Be $Expected
    }
}

Describe 'Locating the executable' {
    BeforeAll {
        $script:SavedPath = $env:WFPSEC_PATH
        $script:SavedEnvPath = $env:PATH
    }
    AfterAll {
        $env:WFPSEC_PATH = $SavedPath
        $env:PATH = $SavedEnvPath
    }

    It '-WfpsecPath wins over $env:WFPSEC_PATH' {
        $other = New-Item -ItemType File (Join-Path $TestDrive 'other-wfpsec') -Force
        if (-not $IsWindows) { chmod +x $other.FullName }
        $env:WFPSEC_PATH = $other.FullName
        $r = InModuleScope WfpSec -Parameters @{ P = $FakeExe } { Resolve-WfpsecExecutable -WfpsecPath $P }
        $r.FilePath | Should -Be (Resolve-Path $FakeExe).ProviderPath
        $r.Source | Should -Be '-WfpsecPath'
        $r = InModuleScope WfpSec { Resolve-WfpsecExecutable }
        $r.FilePath | Should -Be $other.FullName
        $r.Source | Should -Be 'WFPSEC_PATH'
    }

    It 'gives an ObjectNotFound error record for a path that does not exist' {
        $env:WFPSEC_PATH = $null
        $r = InModuleScope WfpSec { Resolve-WfpsecExecutable -WfpsecPath '/no/such/wfpsec' }
        $r | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $r.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Exception.Message | Should -Match '/no/such/wfpsec'
    }

    It 'reports a file that cannot be started as ResourceUnavailable, with the reason' -Skip:$IsWindows {
        $notExe = Join-Path $TestDrive 'not-executable'
        Set-Content -LiteralPath $notExe -Value 'not a program'
        chmod 644 $notExe
        $r = Invoke-WfpsecProbe -Command show -WfpsecPath $notExe
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $r.Errors[0].Exception.Message | Should -Match "Could not start '.*not-executable'.*not executable"
    }

    It 'finds wfpsec on PATH, then falls back to deno run cli.ts with the deno.json task flags' -Skip:$IsWindows {
        $env:WFPSEC_PATH = $null
        $bin = New-Item -ItemType Directory (Join-Path $TestDrive 'bin') -Force
        Copy-Item $FakeExe (Join-Path $bin 'wfpsec')
        $env:PATH = "$($bin.FullName)$([IO.Path]::PathSeparator)$SavedEnvPath"
        $r = InModuleScope WfpSec { Resolve-WfpsecExecutable }
        $r.Source | Should -Be 'PATH'
        $r.FilePath | Should -Be (Join-Path $bin 'wfpsec')

        $env:PATH = $SavedEnvPath
        $r = InModuleScope WfpSec { Resolve-WfpsecExecutable }
        $r.Source | Should -Be 'deno run (development)'
        $task = ((Get-Content (Join-Path $RepoRoot 'deno.json') -Raw | ConvertFrom-Json).tasks.wfpsec -split '\s+')
        $r.PrefixArgs[0] | Should -Be 'run'
        $r.PrefixArgs[-1] | Should -Be (Join-Path $RepoRoot 'cli.ts')
        foreach ($flag in ($task | Where-Object { $_ -like '--allow-*' })) { $r.PrefixArgs | Should -Contain $flag }
    }
}
