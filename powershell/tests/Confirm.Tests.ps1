# Confirm or revert from PowerShell (issue 16 item 1): Set-IpsecPolicy -ConfirmWithin and Confirm-IpsecPolicy,
# against the real wfpsec CLI on the fwpsim simulator. The revert itself is `wfpsec revert --due` (what the
# SYSTEM tasks run on Windows); here the test runs it after the deadline.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    if (-not (Test-Path $env:WFPSEC_FWPSIM_LIB)) { throw "the simulator library $env:WFPSEC_FWPSIM_LIB is missing (stage 20-build-sim builds it)" }

    function New-SimState {
        $env:FWPSIM_STATE = Join-Path $TestDrive ("sim-" + [guid]::NewGuid().ToString('n') + '.json')
        $env:FWPSIM_STATE
    }
    function Get-StateFingerprint {
        if (Test-Path -LiteralPath $env:FWPSIM_STATE) { (Get-FileHash -LiteralPath $env:FWPSIM_STATE -Algorithm SHA256).Hash } else { '<absent>' }
    }
    function Invoke-Cli {
        param([string[]]$ArgumentList)
        $deno = Join-Path $RepoRoot 'node_modules/deno/deno'
        $out = & $deno run --quiet --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys (Join-Path $RepoRoot 'cli.ts') @ArgumentList 2>$null
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Json = (($out -join "`n") | ConvertFrom-Json) }
    }
    function New-Policy([string]$Name, [string]$Extra = '') {
        $file = Join-Path $TestDrive "$Name.yaml"
        Set-Content -LiteralPath $file -Value "version: 1`nname: $Name`nexemptions:`n  - icmp`n$Extra"
        $file
    }
    function Get-HostOutput {
        # what the host shows while $Script runs ("What if:" lines are host output, not pipeline output)
        param([scriptblock]$Script)
        $t = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('n') + '.txt')
        Start-Transcript -Path $t -UseMinimalHeader | Out-Null
        try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $t -Raw
    }
    $script:A = New-Policy 'pester-confirm-a'
    $script:B = New-Policy 'pester-confirm-b' "  - { name: dns, remote: 10.0.0.53, protocol: udp, remotePorts: 53 }`n"
}

Describe 'Set-IpsecPolicy -ConfirmWithin and Confirm-IpsecPolicy' {
    BeforeEach {
        New-SimState | Out-Null
        (Set-IpsecPolicy -Path $A).Outcome | Should -Be 'applied'
    }

    It 'arms a revert, refuses another apply while armed, and Confirm-IpsecPolicy keeps the new policy' {
        $r = Set-IpsecPolicy -Path $B -ConfirmWithin ([timespan]::FromMinutes(5))
        $r.Outcome | Should -Be 'applied'
        $r.RevertsTo | Should -Be 'pester-confirm-a'
        $r.ConfirmDeadline | Should -BeOfType ([datetime])
        $left = ($r.ConfirmDeadline.ToUniversalTime() - [datetime]::UtcNow).TotalSeconds
        $left | Should -BeGreaterThan 240
        $left | Should -BeLessOrEqual 300
        Test-Path -LiteralPath "$env:FWPSIM_STATE.wfpsec-apply.confirm.json" | Should -BeTrue

        $before = Get-StateFingerprint
        { Set-IpsecPolicy -Path $A -ErrorAction Stop } | Should -Throw -ErrorId 'WfpSec.SafetyError,Set-IpsecPolicy' `
            -ExpectedMessage '*awaits confirmation until*'
        Get-StateFingerprint | Should -Be $before

        $c = Confirm-IpsecPolicy
        $c.PSObject.TypeNames[0] | Should -Be 'WfpSec.ConfirmResult'
        $c.Outcome | Should -Be 'confirmed'
        $c.PolicyName | Should -Be 'pester-confirm-b'
        $c.Path | Should -Be $B
        $c.Deadline | Should -BeOfType ([datetime])
        $c.Late | Should -BeFalse
        Test-Path -LiteralPath "$env:FWPSIM_STATE.wfpsec-apply.confirm.json" | Should -BeFalse
        Test-IpsecPolicy $B -Quiet | Should -BeTrue
        (Confirm-IpsecPolicy).Outcome | Should -Be 'nothing-armed'
    }

    It 'without Confirm-IpsecPolicy, revert --due after the deadline brings the previous policy back; a late confirm fails' {
        $r = Set-IpsecPolicy -Path $B -ConfirmWithin 00:00:05
        $r.ConfirmDeadline | Should -Not -BeNullOrEmpty
        $wait = ($r.ConfirmDeadline.ToUniversalTime() - [datetime]::UtcNow).TotalMilliseconds + 200
        if ($wait -gt 0) { Start-Sleep -Milliseconds $wait }
        $rev = Invoke-Cli @('revert', '--due', '--json')
        $rev.ExitCode | Should -Be 0
        $rev.Json.outcome | Should -Be 'reverted'
        Test-IpsecPolicy $A -Quiet | Should -BeTrue
        { Confirm-IpsecPolicy -ErrorAction Stop } | Should -Throw -ErrorId 'WfpSec.SafetyError,Confirm-IpsecPolicy' `
            -ExpectedMessage '*too late to confirm*'
    }

    It 'refuses a -ConfirmWithin that is not whole seconds, or out of range, before anything is applied' {
        $before = Get-StateFingerprint
        { Set-IpsecPolicy -Path $B -ConfirmWithin ([timespan]::FromMilliseconds(5500)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'WfpSec.InvalidConfirmWithin,Set-IpsecPolicy'
        { Set-IpsecPolicy -Path $B -ConfirmWithin 00:00:01 -ErrorAction Stop } |
            Should -Throw -ErrorId 'WfpSec.UsageError,Set-IpsecPolicy' -ExpectedMessage '*out of range: between 5s and 24h*'
        { Set-IpsecPolicy -Path $B -ConfirmWithin 2.00:00:00 -ErrorAction Stop } |
            Should -Throw -ErrorId 'WfpSec.UsageError,Set-IpsecPolicy'
        Get-StateFingerprint | Should -Be $before
    }

    It '-WhatIf arms nothing and Confirm-IpsecPolicy -WhatIf keeps the armed record' {
        $before = Get-StateFingerprint
        Set-IpsecPolicy -Path $B -ConfirmWithin 00:05:00 -WhatIf | Should -BeNullOrEmpty
        $text = Get-HostOutput { Set-IpsecPolicy -Path $B -ConfirmWithin 00:05:00 -WhatIf }
        $text | Should -Match 'What if: Apply IPsec policy'
        $text | Should -Match 'A revert is armed: unless Confirm-IpsecPolicy runs within 00:05:00, the policy in force now comes back'
        Get-StateFingerprint | Should -Be $before
        Test-Path -LiteralPath "$env:FWPSIM_STATE.wfpsec-apply.confirm.json" | Should -BeFalse
        Set-IpsecPolicy -Path $B -ConfirmWithin 00:05:00 | Out-Null
        Confirm-IpsecPolicy -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath "$env:FWPSIM_STATE.wfpsec-apply.confirm.json" | Should -BeTrue
        (Confirm-IpsecPolicy).Outcome | Should -Be 'confirmed'
    }
}

Describe 'An apply awaiting confirmation shows in Test-IpsecPolicy, Get-IpsecPolicy and Get-IpsecStatus' {
    BeforeEach {
        New-SimState | Out-Null
        (Set-IpsecPolicy -Path $A).Outcome | Should -Be 'applied'
    }

    It 'sets AwaitingConfirmation (and warns) until Confirm-IpsecPolicy; the status is not compliant meanwhile' {
        $r = Set-IpsecPolicy -Path $B -ConfirmWithin 00:10:00
        $plan = Test-IpsecPolicy $B -WarningVariable w -WarningAction SilentlyContinue
        $plan.InSync | Should -BeTrue
        $aw = $plan.AwaitingConfirmation
        $aw.PSObject.TypeNames[0] | Should -Be 'WfpSec.AwaitingConfirmation'
        $aw.PolicyName | Should -Be 'pester-confirm-b'
        $aw.Path | Should -Be $B
        $aw.RevertsTo | Should -Be 'pester-confirm-a'
        $aw.Overdue | Should -BeFalse
        $aw.Deadline | Should -BeOfType ([datetime])
        $aw.Deadline.ToUniversalTime() | Should -Be $r.ConfirmDeadline.ToUniversalTime()
        "$w" | Should -BeLike "The apply of policy 'pester-confirm-b' awaits confirmation: it is reverted to 'pester-confirm-a' at *Z unless Confirm-IpsecPolicy runs."

        $state = Get-IpsecPolicy -WarningVariable w2 -WarningAction SilentlyContinue
        $state.AwaitingConfirmation.PolicyName | Should -Be 'pester-confirm-b'
        "$w2" | Should -BeLike '*awaits confirmation*'

        $s = Get-IpsecStatus -Path $B
        $s.Compliant | Should -BeFalse
        $s.InSync | Should -BeTrue
        $s.Reasons | Should -Be @('awaiting confirmation')
        $s.AwaitingConfirmation.RevertsTo | Should -Be 'pester-confirm-a'
        $s.Line | Should -Match 'AWAITING CONFIRMATION'
        $text = Get-HostOutput { Set-IpsecPolicy -Path $A -WhatIf }
        $text | Should -Match "This apply will be refused: the apply of policy 'pester-confirm-b' awaits confirmation"

        (Confirm-IpsecPolicy).Outcome | Should -Be 'confirmed'
        $after = Test-IpsecPolicy $B -WarningVariable w3
        $after.AwaitingConfirmation | Should -BeNullOrEmpty
        $w3.Count | Should -Be 0
        (Get-IpsecPolicy).AwaitingConfirmation | Should -BeNullOrEmpty
        (Get-IpsecStatus -Path $B).Compliant | Should -BeTrue
    }

    It 'says when the revert is overdue (deadline passed, revert --due not yet run)' {
        Set-IpsecPolicy -Path $B -ConfirmWithin 00:10:00 | Out-Null
        $rec = "$env:FWPSIM_STATE.wfpsec-apply.confirm.json"
        $doc = Get-Content -LiteralPath $rec -Raw | ConvertFrom-Json
        $doc.deadline = [datetime]::UtcNow.AddMinutes(-2).ToString('o')
        Set-Content -LiteralPath $rec -Value ($doc | ConvertTo-Json -Depth 20)
        $plan = Test-IpsecPolicy $B -WarningVariable w -WarningAction SilentlyContinue
        $plan.AwaitingConfirmation.Overdue | Should -BeTrue
        "$w" | Should -BeLike "*its revert is overdue*run 'wfpsec revert --due'*"
        $s = Get-IpsecStatus -Path $B
        $s.Reasons | Should -Be @('revert overdue')
        $s.Line | Should -Match 'REVERT OVERDUE'
    }
}
