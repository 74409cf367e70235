# The cmdlets against the real wfpsec CLI (deno run cli.ts) on the fwpsim simulator engine. Each Describe
# gets its own simulator state file, so scenarios do not see each other's objects.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force

    # the development fallback (deno run <repo>/cli.ts) is what runs here: no installed executable
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    if (-not (Test-Path $env:WFPSEC_FWPSIM_LIB)) { throw "the simulator library $env:WFPSEC_FWPSIM_LIB is missing (stage 20-build-sim builds it)" }

    function New-SimState {
        # a fresh simulator: fwpsim keeps its objects in this file between CLI runs
        $env:FWPSIM_STATE = Join-Path $TestDrive ("sim-" + [guid]::NewGuid().ToString('n') + '.json')
        $env:FWPSIM_STATE
    }

    function Get-StateFingerprint {
        # the simulator's persisted state: absent, or the hash of its bytes
        if (Test-Path -LiteralPath $env:FWPSIM_STATE) { (Get-FileHash -LiteralPath $env:FWPSIM_STATE -Algorithm SHA256).Hash } else { '<absent>' }
    }

    function Invoke-CliDirect {
        # the CLI exactly as a user would run it (no module), for comparing messages
        param([string[]]$ArgumentList)
        $deno = Join-Path $RepoRoot 'node_modules/deno/deno'
        $out = & $deno run --quiet --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys (Join-Path $RepoRoot 'cli.ts') @ArgumentList 2>$null
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Json = (($out -join "`n") | ConvertFrom-Json) }
    }

    function Get-HostOutput {
        # what the host shows while $Script runs ("What if:" lines are host output, not pipeline output)
        param([scriptblock]$Script)
        $t = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('n') + '.txt')
        Start-Transcript -Path $t -UseMinimalHeader | Out-Null
        try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $t -Raw
    }

    $script:PolicyName = 'pester-domain'
}

Describe 'New-IpsecIsolationPolicy' {
    BeforeAll { New-SimState }

    It 'returns the expanded template as a WfpSec.PolicyDocument when no -Path is given' {
        $doc = New-IpsecIsolationPolicy -Kind Domain -Name $PolicyName -Authentication kerberos
        $doc.PSObject.TypeNames[0] | Should -Be 'WfpSec.PolicyDocument'
        $doc.Name | Should -Be $PolicyName
        $doc.Kind | Should -Be 'Domain'
        $doc.Path | Should -BeNullOrEmpty
        $doc.Document | Should -Not -BeNullOrEmpty
    }

    It 'writes the policy file with -Path (relative to the PowerShell location) and returns it with its path' {
        Push-Location $TestDrive
        try { $doc = New-IpsecIsolationPolicy -Kind Server -Name 'pester-server' -RemoteAddress 10.1.0.0/16, 10.2.0.0/16 -Path 'server.yaml' }
        finally { Pop-Location }
        $doc.Path | Should -Be (Join-Path $TestDrive 'server.yaml')
        Test-Path $doc.Path | Should -BeTrue
        (Get-IpsecPolicy -Path $doc.Path).Valid | Should -BeTrue
        Get-Content $doc.Path -Raw | Should -Match '10\.1\.0\.0/16'
    }

    It 'passes authentication, crypto and exemptions to the template' {
        $doc = New-IpsecIsolationPolicy -Kind Encryption -Name 'pester-enc' -Authentication 'psk-env:PESTER_PSK' `
            -Crypto 'aes256-sha256-ecp384/esp-aesgcm256' -Exemption icmp
        $mm = @($doc.Document.mainMode)[0]
        @($mm.auth)[0].psk.env | Should -Be 'PESTER_PSK'
        @($mm.proposals) | Should -Contain 'aes256-sha256-ecp384'
        @(@($doc.Document.quickMode)[0].proposals) | Should -Contain 'esp-aesgcm256'
        @($doc.Document.exemptions) | Should -Be @('icmp')
    }

    It 'grants the -AllowGroup groups in the server template' {
        $doc = New-IpsecIsolationPolicy -Kind Server -Name 'pester-groups' -AllowGroup 'S-1-5-21-1-2-3-515', 'Administrators'
        @($doc.Document.rules)[0].authorization.machines | Should -Be 'D:(A;;0x1;;;S-1-5-21-1-2-3-515)(A;;0x1;;;S-1-5-32-544)'
    }

    It 'writes nothing and changes nothing with -Apply -WhatIf' {
        $before = Get-StateFingerprint
        $target = Join-Path $TestDrive 'whatif-new.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name $PolicyName -Path $target -Apply -WhatIf | Out-Null
        Test-Path $target | Should -BeFalse
        Get-StateFingerprint | Should -Be $before
    }

    It 'applies the new policy with -Apply' {
        $target = Join-Path $TestDrive 'applied-new.yaml'
        $result = New-IpsecIsolationPolicy -Kind Boundary -Name 'pester-boundary' -Path $target -Apply -Confirm:$false
        $result.PSObject.TypeNames[0] | Should -Be 'WfpSec.ApplyResult'
        $result.Outcome | Should -Be 'applied'
        Test-IpsecPolicy $target -Quiet | Should -BeTrue
    }

    It 'rejects a kind that is not a template before running anything' {
        { New-IpsecIsolationPolicy -Kind Perimeter } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-IpsecIsolationPolicy'
    }
}

Describe 'Plan, apply, show, export and remove on one simulator' {
    BeforeAll {
        New-SimState
        $script:File = Join-Path $TestDrive 'domain.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name $PolicyName -Authentication kerberos -Path $File | Out-Null
    }

    It 'Get-IpsecPolicy -Path validates the file and returns a WfpSec.PolicyFile' {
        $p = Get-IpsecPolicy -Path $File
        $p.PSObject.TypeNames[0] | Should -Be 'WfpSec.PolicyFile'
        $p.Valid | Should -BeTrue
        $p.Name | Should -Be $PolicyName
        $p.Path | Should -Be $File
        @($p.Errors).Count | Should -Be 0
    }

    It 'Test-IpsecPolicy returns the pending plan as typed objects' {
        $plan = Test-IpsecPolicy -Path $File
        $plan.PSObject.TypeNames[0] | Should -Be 'WfpSec.Plan'
        $plan.InSync | Should -BeFalse
        $plan.PolicyName | Should -Be $PolicyName
        $plan.Add | Should -BeGreaterThan 0
        $plan.Changes.Count | Should -Be ($plan.Add + $plan.Delete + $plan.Replace)
        $plan.Changes | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.PlanChange' }
        $plan.Changes.Action | Sort-Object -Unique | Should -Be 'add'
        $plan.Changes.Kind | Should -Contain 'filter'
        $plan.Simulated | Should -BeTrue
    }

    It 'Test-IpsecPolicy writes the lock-out guard finding of a rule without remote scope as a warning' {
        $null = Test-IpsecPolicy -Path $File -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'rule "domain-isolation" requires IPsec and has no remote scope'
    }

    It 'Test-IpsecPolicy -Quiet returns $false while changes are pending' {
        $q = Test-IpsecPolicy -Path $File -Quiet
        $q | Should -BeOfType [bool]
        $q | Should -BeFalse
    }

    It 'binds the Path of Get-IpsecPolicy -Path output, FileInfo.FullName and plain strings from the pipeline' {
        (Get-IpsecPolicy -Path $File | Test-IpsecPolicy).PolicyName | Should -Be $PolicyName
        (Get-Item $File | Test-IpsecPolicy).PolicyName | Should -Be $PolicyName
        ($File | Test-IpsecPolicy -Quiet) | Should -BeFalse
        ([pscustomobject]@{ Path = $File } | Test-IpsecPolicy).PolicyName | Should -Be $PolicyName
    }

    It 'Set-IpsecPolicy -WhatIf changes nothing: the state file is unchanged and the plan still pending' {
        $before = Get-StateFingerprint
        $pendingBefore = (Test-IpsecPolicy $File).Changes.Count
        $out = Set-IpsecPolicy -Path $File -WhatIf
        $out | Should -BeNullOrEmpty
        Get-StateFingerprint | Should -Be $before
        $after = Test-IpsecPolicy $File
        $after.InSync | Should -BeFalse
        $after.Changes.Count | Should -Be $pendingBefore
    }

    It 'Set-IpsecPolicy -WhatIf and Invoke-IpsecPolicy -WhatIf show the real plan, change by change' {
        $plan = Test-IpsecPolicy $File
        $text = Get-HostOutput { Set-IpsecPolicy -Path $File -WhatIf; Invoke-IpsecPolicy -Path $File -WhatIf }
        ([regex]::Matches($text, 'What if: Apply IPsec policy')).Count | Should -Be 2
        $text | Should -Match ([regex]::Escape("$($plan.Add) to add"))
        foreach ($c in $plan.Changes) { $text | Should -Match ([regex]::Escape("+ $($c.Kind) '$($c.Name)'")) }
    }

    It 'Set-IpsecPolicy refuses a policy requiring IPsec without remote scope (lock-out guard): nothing changes' {
        # the domain template isolates every peer: it could cut off the session the admin works through
        $before = Get-StateFingerprint
        { Set-IpsecPolicy -Path $File -ErrorAction Stop -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'WfpSec.SafetyError,Set-IpsecPolicy' -ExpectedMessage '*rule "domain-isolation" requires IPsec and has no remote scope*--force*'
        Get-StateFingerprint | Should -Be $before
    }

    It 'Set-IpsecPolicy -WhatIf writes the lock-out findings as warnings' {
        Set-IpsecPolicy -Path $File -WhatIf -WarningVariable w -WarningAction SilentlyContinue 6>$null
        "$w" | Should -Match 'domain\.yaml:\d+: rule "domain-isolation" requires IPsec and has no remote scope'
    }

    It 'Set-IpsecPolicy -Force applies the policy, with the warning, and the engine is then in sync' {
        $before = Get-StateFingerprint
        $result = Set-IpsecPolicy -Path $File -Force -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'rule "domain-isolation" requires IPsec and has no remote scope'
        $result.PSObject.TypeNames[0] | Should -Be 'WfpSec.ApplyResult'
        $result.Outcome | Should -Be 'applied'
        $result.PolicyName | Should -Be $PolicyName
        $result.Add | Should -BeGreaterThan 0
        Get-StateFingerprint | Should -Not -Be $before
        Test-IpsecPolicy $File -Quiet | Should -BeTrue
    }

    It 'Invoke-IpsecPolicy on an applied policy is in sync' {
        (Invoke-IpsecPolicy -Path $File).Outcome | Should -Be 'in-sync'
    }

    It '-IfDrifted (the SYSTEM task mode) refuses an engine chosen by the environment, and changes nothing' {
        # WFPSEC_ENGINE=sim is how these tests reach the simulator; a scheduled task's engine must come from
        # its command line, so the environment alone must not switch it (issue 13, trust chain).
        $before = Get-StateFingerprint
        { Invoke-IpsecPolicy -Path $File -IfDrifted -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*WFPSEC_ENGINE is ignored by apply --if-drifted*'
        Get-StateFingerprint | Should -Be $before
    }

    It 'Set-IpsecPolicy -WhatIf on an in-sync policy says there is nothing to apply' {
        $text = Get-HostOutput { Set-IpsecPolicy -Path $File -WhatIf }
        $text | Should -Match 'in sync, nothing to apply'
    }

    It 'Get-IpsecPolicy shows the objects in force as typed objects' {
        $state = Get-IpsecPolicy
        $state.PSObject.TypeNames[0] | Should -Be 'WfpSec.PolicyState'
        $state.Simulated | Should -BeTrue
        $state.Filters.Count | Should -BeGreaterThan 0
        # the counts of the default view come from the answer without building the objects
        $state.FilterCount | Should -Be $state.Filters.Count
        $state.ProviderContextCount | Should -Be $state.ProviderContexts.Count
        $state.SubLayerCount | Should -Be @($state.SubLayers).Count
        $state.Filters | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.Filter' }
        $state.Providers.Count | Should -Be 1
        $state.Providers[0].PSObject.TypeNames[0] | Should -Be 'WfpSec.Provider'
    }

    It 'formats a compact table by default and the detail with Format-List' {
        $state = Get-IpsecPolicy
        $table = $state | Out-String -Width 200
        $table | Should -Match 'Policy\s+Scope\s+Providers\s+SubLayers\s+Contexts\s+Filters\s+Engine'
        ($table.Trim() -split '\r?\n').Count | Should -Be 3
        $list = $state | Format-List | Out-String -Width 200
        $list | Should -Match 'Filters\s+:'
        $name = $state.Filters[0].displayData.name
        $list | Should -Match ([regex]::Escape($name))
        $filterTable = $state.Filters | Out-String -Width 200
        $filterTable | Should -Match 'Name\s+Layer\s+Action\s+Weight\s+FilterId'
        $planList = Test-IpsecPolicy $File | Format-List | Out-String -Width 200
        $planList | Should -Match 'InSync\s+: True'
    }

    It 'Export-IpsecPolicy writes the policy in force, and the exported file plans in sync' {
        $out = Join-Path $TestDrive 'exported.yaml'
        $file = Export-IpsecPolicy -Path $out -PassThru
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be $out
        $file | Test-IpsecPolicy -Quiet | Should -BeTrue
    }

    It 'Export-IpsecPolicy returns the document as text, or as an object with -AsObject' {
        $yaml = Export-IpsecPolicy
        $yaml | Should -BeOfType [string]
        $yaml | Should -Match "name:\s*['`"]?$PolicyName"
        $json = Export-IpsecPolicy -Format Json | ConvertFrom-Json
        $json.name | Should -Be $PolicyName
        $obj = Export-IpsecPolicy -AsObject
        $obj.PSObject.TypeNames[0] | Should -Be 'WfpSec.PolicyDocument'
        $obj.name | Should -Be $PolicyName
    }

    It 'Test-IpsecPolicy -State and Get-IpsecPolicy -State read an offline snapshot instead of the engine' {
        $snap = Join-Path $TestDrive 'snapshot.json'
        $direct = Invoke-CliDirect @('show', '--all', '--engine', 'sim', '--json')
        $direct.Json | ConvertTo-Json -Depth 40 | Set-Content -LiteralPath $snap
        $plan = Test-IpsecPolicy -Path $File -State $snap
        $plan.InSync | Should -BeTrue
        $plan.Engine | Should -Match '^snapshot'
        (Get-IpsecPolicy -State $snap).Filters.Count | Should -Be (Get-IpsecPolicy).Filters.Count
    }

    It 'Remove-IpsecPolicy -WhatIf names what would go and removes nothing' {
        $before = Get-StateFingerprint
        $text = Get-HostOutput { Remove-IpsecPolicy -WhatIf }
        $filters = (Get-IpsecPolicy).Filters.Count
        $text | Should -Match "What if: Remove wfpsec's objects.*: $filters filters"
        Get-StateFingerprint | Should -Be $before
        Test-IpsecPolicy $File -Quiet | Should -BeTrue
    }

    It 'Remove-IpsecPolicy removes every object wfpsec owns' {
        $filters = (Get-IpsecPolicy).Filters.Count
        $removed = Remove-IpsecPolicy -Confirm:$false
        $removed.PSObject.TypeNames[0] | Should -Be 'WfpSec.RemoveResult'
        $removed.Filters | Should -Be $filters
        $removed.Providers | Should -Be 1
        (Get-IpsecPolicy).Filters.Count | Should -Be 0
        Test-IpsecPolicy $File -Quiet | Should -BeFalse
    }
}

Describe 'Errors surface as error records with the executable''s message' {
    BeforeAll {
        New-SimState
        $script:Bad = Join-Path $TestDrive 'bad.yaml'
        # a complete policy whose only fault is the address on line 17
        Set-Content -LiteralPath $Bad -Value @(
            'version: 1', 'name: broken', 'mainMode:', '  - name: mm', '    keyModule: authip', '    auth: [kerberos]',
            '    proposals: [aes256-sha256-ecp384]', 'quickMode:', '  - name: qm', '    proposals: [esp-aesgcm256]', 'rules:',
            '  - name: r1', '    inbound: require', '    outbound: request', '    mainMode: mm', '    quickMode: qm',
            '    remote: [10.0.0.300]')
    }

    It 'an invalid policy is a PolicyError: category InvalidData, wfpsec''s message and diagnostics' {
        $direct = Invoke-CliDirect @('plan', $Bad, '--engine', 'sim', '--json')
        $direct.ExitCode | Should -Be 1
        $direct.Json.error.type | Should -Be 'PolicyError'
        $result = Test-IpsecPolicy -Path $Bad -ErrorVariable ev -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $ev[0].FullyQualifiedErrorId | Should -Be 'WfpSec.PolicyError,Test-IpsecPolicy'
        $ev[0].Exception.Message.StartsWith($direct.Json.error.message) | Should -BeTrue
        $ev[0].Exception.Message | Should -Match '10\.0\.0\.300'
    }

    It 'Get-IpsecPolicy -Path on an invalid file returns Valid = $false with the errors, and an error record' {
        $p = Get-IpsecPolicy -Path $Bad -ErrorVariable ev -ErrorAction SilentlyContinue
        $p.Valid | Should -BeFalse
        @($p.Errors).Count | Should -BeGreaterThan 0
        $p.Errors[0].line | Should -Be 17
        $p.Errors[0].PSObject.TypeNames[0] | Should -Be 'WfpSec.Diagnostic'
        $ev.Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $ev[0].Exception.Message | Should -Match 'bad.yaml:17:14'
    }

    It 'a missing file is reported by wfpsec, as InvalidArgument, naming the file' {
        $missing = Join-Path $TestDrive 'missing.yaml'
        Test-IpsecPolicy -Path $missing -ErrorVariable ev -ErrorAction SilentlyContinue | Out-Null
        $ev.Count | Should -Be 1
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $ev[0].Exception.Message | Should -Match ([regex]::Escape('missing.yaml'))
    }

    It 'an error is terminating with -ErrorAction Stop, and the failed apply changed nothing' {
        $before = Get-StateFingerprint
        { Set-IpsecPolicy -Path $Bad -ErrorAction Stop } | Should -Throw -ErrorId 'WfpSec.PolicyError,Set-IpsecPolicy'
        Get-StateFingerprint | Should -Be $before
    }

    It 'an error in one call does not leak into the next call' {
        Test-IpsecPolicy -Path $Bad -ErrorAction SilentlyContinue | Out-Null
        $good = Join-Path $TestDrive 'good.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name 'after-error' -Path $good | Out-Null
        $plan = Test-IpsecPolicy -Path $good -ErrorVariable ev
        $ev.Count | Should -Be 0
        $plan.PolicyName | Should -Be 'after-error'
    }

    It 'each input of a pipeline gets its own result or error' {
        $good = Join-Path $TestDrive 'good2.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name 'good2' -Path $good | Out-Null
        $plans = $Bad, $good | Test-IpsecPolicy -ErrorVariable ev -ErrorAction SilentlyContinue
        @($plans).Count | Should -Be 1
        $plans.PolicyName | Should -Be 'good2'
        $ev.Count | Should -Be 1
        $ev[0].TargetObject | Should -Be $Bad
    }
}

Describe 'Monitoring cmdlets' {
    BeforeAll { New-SimState }

    It 'Get-IpsecSecurityAssociation returns SAs, or says NotImplemented when the executable has no sa command' {
        $direct = Invoke-CliDirect @('sa', '--engine', 'sim', '--json')
        $sas = Get-IpsecSecurityAssociation -ErrorVariable ev -ErrorAction SilentlyContinue
        if ($direct.Json.PSObject.Properties['error'] -and $direct.Json.error.message -match 'unknown command') {
            $ev.Count | Should -Be 1
            $ev[0].CategoryInfo.Category | Should -Be 'NotImplemented'
            $ev[0].Exception.Message | Should -Match "no 'sa' command"
        } else {
            $ev.Count | Should -Be 0
            @($sas).Count | Should -Be (@($direct.Json.ikeSas).Count + @($direct.Json.ipsecSas).Count)
        }
    }

    It 'Get-IpsecNetEvent returns events, or says NotImplemented when the executable has no events command' {
        $direct = Invoke-CliDirect @('events', '--engine', 'sim', '--json')
        $events = Get-IpsecNetEvent -Since (Get-Date).AddHours(-1) -ErrorVariable ev -ErrorAction SilentlyContinue
        if ($direct.Json.PSObject.Properties['error'] -and $direct.Json.error.message -match 'unknown command') {
            $ev.Count | Should -Be 1
            $ev[0].CategoryInfo.Category | Should -Be 'NotImplemented'
            $ev[0].Exception.Message | Should -Match "no 'events' command"
        } else {
            $ev.Count | Should -Be 0
            $events | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.NetEvent' }
        }
    }
}

Describe 'Non-interactive sessions never act on a confirmation they could not obtain' {
    BeforeAll {
        New-SimState
        $script:File = Join-Path $TestDrive 'ni.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name $PolicyName -Path $File | Out-Null
        Set-IpsecPolicy -Path $File -Force -WarningAction SilentlyContinue | Out-Null
        $script:Pwsh = if ($env:PWSH) { $env:PWSH } else { (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }
        function Invoke-ChildPwsh {
            # a real child pwsh (inherits WFPSEC_ENGINE, FWPSIM_STATE, ...); -NonInteractive unless -Stdin given
            param([string]$Script, [string]$Stdin)
            $f = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('n') + '.ps1')
            Set-Content -LiteralPath $f -Value ("Import-Module '$ModuleManifest'`n" + $Script)
            $psi = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
            foreach ($a in @('-NoLogo', '-NoProfile') + @(if (-not $Stdin) { '-NonInteractive' }) + @('-File', $f)) { $psi.ArgumentList.Add($a) }
            $psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.RedirectStandardInput = $true
            $p = [System.Diagnostics.Process]::Start($psi)
            if ($Stdin) { $p.StandardInput.Write($Stdin) }
            $p.StandardInput.Close()
            $o = $p.StandardOutput.ReadToEndAsync(); $e = $p.StandardError.ReadToEndAsync()
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $o.Result; Err = $e.Result }
        }
    }

    It 'Remove-IpsecPolicy under pwsh -NonInteractive leaves the policy in place and raises WfpSec.ConfirmationUnavailable' {
        $before = Get-StateFingerprint
        $r = Invoke-ChildPwsh @'
Remove-IpsecPolicy
"next statement ran"
try { Remove-IpsecPolicy -ErrorAction SilentlyContinue; "NO ERROR" } catch { "ID=" + $_.FullyQualifiedErrorId; "CAT=" + $_.CategoryInfo.Category }
'@
        $r.Out | Should -Match 'ID=WfpSec.ConfirmationUnavailable,Remove-IpsecPolicy'
        $r.Out | Should -Match 'CAT=InvalidOperation'
        $r.Out | Should -Not -Match 'NO ERROR'
        $r.Err + $r.Out | Should -Match 'could not obtain confirmation'
        $r.Err + $r.Out | Should -Match '-Force'
        Get-StateFingerprint | Should -Be $before
        Test-IpsecPolicy $File -Quiet | Should -BeTrue
    }

    It 'Set-IpsecPolicy -Confirm under pwsh -NonInteractive applies nothing and raises the same error' {
        $other = Join-Path $TestDrive 'ni-other.yaml'
        New-IpsecIsolationPolicy -Kind Boundary -Name 'pester-other' -Path $other | Out-Null
        $before = Get-StateFingerprint
        $r = Invoke-ChildPwsh "try { Set-IpsecPolicy -Path '$other' -Confirm; 'NO ERROR' } catch { 'ID=' + `$_.FullyQualifiedErrorId }"
        $r.Out | Should -Match 'ID=WfpSec.ConfirmationUnavailable,Set-IpsecPolicy'
        Get-StateFingerprint | Should -Be $before
        Test-IpsecPolicy $File -Quiet | Should -BeTrue
    }

    It 'the Remove-IpsecPolicy prompt names what would go; answering N removes nothing' {
        $before = Get-StateFingerprint
        $filters = (Get-IpsecPolicy).Filters.Count
        $r = Invoke-ChildPwsh 'Remove-IpsecPolicy' -Stdin "n`n"
        ($r.Out -replace '\s+', ' ') | Should -Match "Remove wfpsec's objects from engine .*: $filters filters, .*\(policy '$PolicyName'\)\?"
        Get-StateFingerprint | Should -Be $before
    }

    It 'Get-ChildItem *.yaml | Set-IpsecPolicy refuses two files before applying anything' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'many') -Force
        New-IpsecIsolationPolicy -Kind Domain -Name 'many-a' -Path (Join-Path $dir 'a.yaml') | Out-Null
        New-IpsecIsolationPolicy -Kind Boundary -Name 'many-b' -Path (Join-Path $dir 'b.yaml') | Out-Null
        $before = Get-StateFingerprint
        { Get-ChildItem (Join-Path $dir '*.yaml') | Set-IpsecPolicy -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'WfpSec.MultiplePolicyFiles,Set-IpsecPolicy'
        Get-StateFingerprint | Should -Be $before
    }

    It '-WhatIf shows filter layers by name, and the module''s layer table equals the CLI''s' {
        $new = Join-Path $TestDrive 'ni-layers.yaml'
        New-IpsecIsolationPolicy -Kind Server -Name 'pester-layers' -Path $new | Out-Null
        $text = Get-HostOutput { Set-IpsecPolicy -Path $new -WhatIf }
        $text | Should -Match '\[FWPM_LAYER_[A-Z0-9_]+\]'
        $text | Should -Not -Match '\[[0-9a-f]{8}-[0-9a-f]{4}-'
        $cli = (Invoke-CliDirect @('constants', '--json')).Json.guids.layer
        $mine = InModuleScope WfpSec { $script:WfpsecLayerNames }
        foreach ($p in $cli.PSObject.Properties) { $mine[$p.Value.ToLowerInvariant()] | Should -Be $p.Name }
        $mine.Count | Should -Be @($cli.PSObject.Properties).Count
    }

    It '-Exemption accepts exactly what wfpsec new accepts' {
        foreach ($e in 'icmp', 'dhcp', 'DHCP', 'host:10.0.0.5', 'host:10.0.0.0/24', 'port:tcp/3389', 'port:udp/500-4500') {
            { New-IpsecIsolationPolicy -Kind Domain -Exemption $e -ErrorAction Stop } | Should -Not -Throw -Because $e
        }
        foreach ($e in 'neighbor-discovery', '10.0.0.5') {
            { New-IpsecIsolationPolicy -Kind Domain -Exemption $e } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-IpsecIsolationPolicy'
            (Invoke-CliDirect @('new', '--kind', 'domain', '--exempt', $e, '--json')).ExitCode | Should -Be 1
        }
        (Get-Help New-IpsecIsolationPolicy -Parameter Exemption | Out-String) | Should -Not -Match 'neighbor-discovery, or an address'
    }
}

Describe 'Monitoring: live events, statistics, status' {
    BeforeAll {
        $script:Deno = Join-Path $RepoRoot 'node_modules/deno/deno'
        $script:Injector = Join-Path $RepoRoot 'tests/support/injectNetEvents.ts'
        function Invoke-Injector {
            # another process feeding the simulator (its net-event journal / statistics file)
            param([string[]]$Arguments)
            & $Deno run -A --quiet --no-check $Injector $env:FWPSIM_STATE @Arguments
            if ($LASTEXITCODE -ne 0) { throw "injector failed: $Arguments" }
        }
        # tests/support/netEvents.ts numbers event i at 2026-11-27T01:00:00Z + i ms
        $script:T0 = [datetime]::Parse('2026-11-27T01:00:00Z', [cultureinfo]::InvariantCulture).ToUniversalTime()
    }

    It 'Get-IpsecNetEvent -Follow -Since writes the recorded events as WfpSec.NetEvent and stops at -MaxEvents' {
        New-SimState
        Invoke-Injector @('burst', '3', '0')
        $events = @(Get-IpsecNetEvent -Follow -Since $T0 -MaxEvents 3 -ErrorVariable ev)
        $ev.Count | Should -Be 0
        $events.Count | Should -Be 3
        $events | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.NetEvent' }
        ($events | ForEach-Object mmId) -join ',' | Should -Be '0,1,2'
        $events[0].failureErrorName | Should -Be 'ERROR_IPSEC_IKE_AUTH_FAIL'
        $events[0].rule.owner | Should -Be 'unknown'
        $events[0].cause | Should -Match 'authentication failed'
    }

    It 'Get-IpsecNetEvent -Follow writes events injected while it runs, in order' {
        New-SimState
        # the injector starts 3 s from now, in its own process (exact arguments: no shell quoting)
        $psi = [System.Diagnostics.ProcessStartInfo]::new('sh')
        foreach ($a in @('-c', 'sleep 3; exec "$0" run -A --quiet --no-check "$1" "$2" burst 2 40', $Deno, $Injector, $env:FWPSIM_STATE)) {
            $psi.ArgumentList.Add($a)
        }
        $sh = [System.Diagnostics.Process]::Start($psi)
        try {
            # -Since: the two arrive live or, if injected before the subscription, from the replay; never twice
            $events = @(Get-IpsecNetEvent -Follow -Since $T0 -MaxEvents 2)
        } finally { $sh.WaitForExit() }
        $sh.ExitCode | Should -Be 0
        ($events | ForEach-Object mmId) -join ',' | Should -Be '40,41'
    }

    It 'Get-IpsecStatistics returns one WfpSec.Statistics with the engine counters' {
        New-SimState
        Invoke-Injector @('stats', '7')
        $s = Get-IpsecStatistics -ErrorVariable ev
        $ev.Count | Should -Be 0
        $s.PSObject.TypeNames[0] | Should -Be 'WfpSec.Statistics'
        $s.ActiveSas | Should -Be 7
        $s.FailedMainModes | Should -Be 0
        @($s.ike.ikev2.errors).Count | Should -Be 0
    }

    It 'Get-IpsecStatus: not compliant before Set-IpsecPolicy, compliant after; the line fits MDM limits' {
        New-SimState
        $file = Join-Path $TestDrive 'status.yaml'
        New-IpsecIsolationPolicy -Kind Domain -Name 'pester-status' -Path $file | Out-Null
        $before = Get-IpsecStatus -Path $file -ErrorVariable ev
        $ev.Count | Should -Be 0
        $before.PSObject.TypeNames[0] | Should -Be 'WfpSec.Status'
        $before.Compliant | Should -BeFalse
        $before.Reasons | Should -Contain 'drifted'
        $before.Line | Should -Match "^wfpsec NOT COMPLIANT \(SIMULATOR\): policy 'pester-status' sha256:"
        Set-IpsecPolicy -Path $file -Force -WarningAction SilentlyContinue | Out-Null
        $after = Get-IpsecStatus -Path $file
        $after.Compliant | Should -BeTrue
        $after.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        $after.Line.Length | Should -BeLessOrEqual 2048
    }

    It 'Get-IpsecStatus of an unreadable policy is a non-compliant status, not an error record' {
        New-SimState
        $bad = Join-Path $TestDrive 'bad-status.yaml'
        Set-Content -LiteralPath $bad -Value "version: 1`nname: x`nrules: 7"
        $s = Get-IpsecStatus -Path $bad -ErrorVariable ev
        $ev.Count | Should -Be 0
        $s.Compliant | Should -BeFalse
        $s.error.type | Should -Be 'PolicyError'
    }

    It 'Remove-IpsecSa -WhatIf changes nothing; an id that is no SA is an error record naming it' {
        New-SimState
        Remove-IpsecSa -Id 42 -WhatIf -ErrorVariable ev
        $ev.Count | Should -Be 0
        Remove-IpsecSa -Id 42 -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev.Count | Should -Be 1
        $ev[0].Exception.Message | Should -Match 'no IKE SA and no manual SA context has id 42'
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
