# Address keywords through the cmdlets (issue 15): Test-IpsecPolicy -Interfaces resolves `remote: dns` and the
# other keywords from an interface fixture on the simulator; the plan's AddressKeywords lists what each stood for.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    Remove-Item env:FWPSIM_INTERFACES -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    $env:FWPSIM_STATE = Join-Path $TestDrive 'sim-keywords.json'
    $script:Fixture = Join-Path $RepoRoot 'tests/cli/fixtures/interfaces.json'
    $script:File = Join-Path $TestDrive 'keywords.yaml'
    @'
version: 1
name: pester-keywords
mainMode:
  - name: mm
    keyModule: ikev1
    auth:
      - kerberos
    proposals: [aes256-sha256-dh14]
quickMode:
  - name: qm
    proposals: [esp-aes256-sha256]
rules:
  - name: name-servers
    remote: DNS
    inbound: request
    outbound: request
    mainMode: mm
    quickMode: qm
'@ | Set-Content -LiteralPath $File -Encoding utf8
}

Describe 'Test-IpsecPolicy -Interfaces' {
    It 'resolves the keywords from the fixture and lists them in AddressKeywords' {
        $plan = Test-IpsecPolicy -Path $File -Interfaces $Fixture
        $plan.InSync | Should -BeFalse
        @($plan.AddressKeywords).Count | Should -Be 1
        $k = $plan.AddressKeywords[0]
        $k.PSObject.TypeNames[0] | Should -Be 'WfpSec.AddressKeyword'
        $k.Object | Should -Be 'rule'
        $k.Name | Should -Be 'name-servers'
        $k.Side | Should -Be 'remote'
        $k.Keyword | Should -Be 'dns'
        $k.Addresses | Should -Be @('10.0.0.53', '10.0.0.54')
        $k.Source | Should -BeLike 'interface fixture *interfaces.json'
    }

    It 'fails as the CLI does when no interfaces are given, naming the keyword' {
        { Test-IpsecPolicy -Path $File -ErrorAction Stop } | Should -Throw "*rule 'name-servers' remote dns*--interfaces*"
    }

    It 'a policy without keywords has no AddressKeywords' {
        $plain = Join-Path $TestDrive 'plain.yaml'
        (Get-Content -LiteralPath $File -Raw) -replace 'remote: DNS', 'remote: 10.0.0.53' | Set-Content -LiteralPath $plain
        @((Test-IpsecPolicy -Path $plain).AddressKeywords).Count | Should -Be 0
    }
}
