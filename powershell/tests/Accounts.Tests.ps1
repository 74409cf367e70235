# Authorization by account name (issue 15 item 4) through the cmdlets, on the fwpsim simulator: the plan and
# the apply result carry the names with the SIDs they resolved to (from the accounts fixture WFPSEC_ACCOUNTS,
# the simulator's stand-in for LookupAccountNameW), and a name the host cannot resolve is a PolicyError record
# naming it, with nothing applied.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    $env:FWPSIM_STATE = Join-Path $TestDrive 'sim-accounts.json'
    $env:WFPSEC_ACCOUNTS = Join-Path $RepoRoot 'tests/support/fwpsim/accounts.example.json'

    function New-NamesPolicy([string]$Machines) {
        $file = Join-Path $TestDrive ('names-' + [guid]::NewGuid().ToString('n') + '.yaml')
        Set-Content -LiteralPath $file -Value @(
            'version: 1', 'name: pester-names', 'mainMode:',
            '  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }',
            'quickMode:', '  - { name: qm, proposals: [esp-aesgcm256] }', 'rules:', '  - name: web',
            '    protocol: tcp', '    localPorts: 443', '    inbound: require', '    outbound: request',
            '    mainMode: mm', '    quickMode: qm', '    authorization:', "      machines: $Machines")
        $file
    }
}

AfterAll { Remove-Item env:WFPSEC_ACCOUNTS -ErrorAction Ignore }

Describe 'Authorization account names' {
    It 'Test-IpsecPolicy lists each name with its SID and how it was resolved' {
        $file = New-NamesPolicy '["CONTOSO\\Domain Computers", Authenticated Users]'
        $plan = Test-IpsecPolicy -Path $file
        $plan.Accounts.Count | Should -Be 2
        $plan.Accounts[0].PSObject.TypeNames[0] | Should -Be 'WfpSec.Account'
        $plan.Accounts[0].Name | Should -Be 'CONTOSO\Domain Computers'
        $plan.Accounts[0].Sid | Should -Be 'S-1-5-21-1004336348-1177238915-682003330-515'
        $plan.Accounts[0].ResolvedBy | Should -Match '^fixture '
        $plan.Accounts[1].Sid | Should -Be 'S-1-5-11'
        $plan.Accounts[1].ResolvedBy | Should -Be 'well-known'
    }

    It 'Set-IpsecPolicy applies it and returns the accounts granted; the next plan is in sync' {
        $file = New-NamesPolicy '["CONTOSO\\Domain Computers"]'
        $r = Set-IpsecPolicy -Path $file -Force
        $r.Outcome | Should -Be 'applied'
        $r.Accounts.Sid | Should -Be 'S-1-5-21-1004336348-1177238915-682003330-515'
        Test-IpsecPolicy -Path $file -Quiet | Should -BeTrue
    }

    It 'an unknown name is a PolicyError record naming it, and nothing is applied' {
        $file = New-NamesPolicy '["CONTOSO\\Web Servers"]'
        $before = (Get-FileHash -LiteralPath $env:FWPSIM_STATE -Algorithm SHA256).Hash
        $r = Set-IpsecPolicy -Path $file -Force -ErrorVariable ev -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be 'WfpSec.PolicyError,Set-IpsecPolicy'
        $ev[0].Exception.Message | Should -Match "CONTOSO\\Web Servers' is not known to fixture"
        (Get-FileHash -LiteralPath $env:FWPSIM_STATE -Algorithm SHA256).Hash | Should -Be $before
    }
}
