# An incomplete apply (issue 13) as the cmdlets show it, against the real wfpsec CLI on fwpsim: the record an
# earlier apply left beside the simulator state makes Test-IpsecPolicy report pending work (InSync $false,
# IncompleteApply filled), -WhatIf shows it, and Set-IpsecPolicy finishes it (IncompleteApply.resolution).

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    $env:FWPSIM_STATE = Join-Path $TestDrive 'sim-incomplete.state'
    function Get-WfpsecTestHostOutput {
        # what the host shows while $Script runs ("What if:" lines are host output, not pipeline output)
        param([scriptblock]$Script)
        $t = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('n') + '.txt')
        Start-Transcript -Path $t -UseMinimalHeader | Out-Null
        try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $t -Raw
    }
    $script:File = Join-Path $TestDrive 'domain.yaml'
    New-IpsecIsolationPolicy -Kind Domain -Name 'pester-incomplete' -Authentication kerberos -Path $File | Out-Null
    Set-IpsecPolicy -Path $File -Force | Out-Null
    # What an apply killed after its filter transaction leaves (fwpsim: beside the state file).
    $script:Record = "$($env:FWPSIM_STATE).wfpsec-incomplete-apply.json"
    [ordered]@{
        version = 1; policy = [ordered]@{ name = 'pester-incomplete'; file = $File }; command = 'apply'
        pid = 4242; host = 'pester-host'; startedAt = '2026-12-03T07:00:00.000Z'; state = 'running'
        filtersCommitted = $true; manualSas = @(); createdSaContexts = @(); staleSaContexts = @()
        deletedSaContexts = @(); unrecordedCreate = $null; filtersUndone = $null; failure = $null
    } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $Record
}

Describe 'An incomplete apply left by an earlier run' {
    It 'Test-IpsecPolicy reports it: InSync is $false, IncompleteApply names the run' {
        $plan = Test-IpsecPolicy -Path $File
        $plan.Add + $plan.Delete + $plan.Replace | Should -Be 0
        $plan.InSync | Should -BeFalse
        $plan.IncompleteApply.state | Should -Be 'interrupted'
        $plan.IncompleteApply.pid | Should -Be 4242
        Test-IpsecPolicy -Path $File -Quiet | Should -BeFalse
    }

    It 'Set-IpsecPolicy -WhatIf shows it and changes nothing' {
        $text = (Get-WfpsecTestHostOutput { Set-IpsecPolicy -Path $File -WhatIf })
        $text | Should -Match "incomplete apply of policy 'pester-incomplete' by pid 4242 on pester-host \(started 2026-12-03T07:00:00Z, interrupted\)"
        Test-Path -LiteralPath $Record | Should -BeTrue
    }

    It 'Set-IpsecPolicy finishes it and clears the record' {
        $r = Set-IpsecPolicy -Path $File -Force
        $r.Outcome | Should -Be 'in-sync'
        $r.IncompleteApply.resolution | Should -Be 'finished'
        Test-Path -LiteralPath $Record | Should -BeFalse
        Test-IpsecPolicy -Path $File -Quiet | Should -BeTrue
    }
}
