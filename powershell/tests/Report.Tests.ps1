# Export-IpsecReport against the real wfpsec CLI (deno run cli.ts) on the fwpsim simulator engine and on a
# netsh dump: the HTML page to a file, a what-if with -Policy (nothing applied), the graph as text, the
# report's data as an object, -WhatIf, and bad input refused with nothing written.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    if (-not (Test-Path $env:WFPSEC_FWPSIM_LIB)) { throw "the simulator library $env:WFPSEC_FWPSIM_LIB is missing (stage 20-build-sim builds it)" }
    $script:Deno = Join-Path $RepoRoot 'node_modules/deno/deno'
    $env:FWPSIM_STATE = Join-Path $TestDrive ("sim-" + [guid]::NewGuid().ToString('n') + '.json')
    # another provider's IPsec policy on 10.1.0.0/16, added the way its own tool would (one transaction)
    & $Deno run -A --quiet (Join-Path $RepoRoot 'tests/cli/foreign_ipsec_driver.ts') '10.1.0.0/16' | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "foreign policy driver failed" }
    $script:File = Join-Path $TestDrive 'report.yaml'
    Set-Content -LiteralPath $File -Value @'
version: 1
name: pester-report
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: corp, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
exemptions:
  - icmp
'@
}

Describe 'Export-IpsecReport' {
    It 'writes a what-if page with -Policy and applies nothing' {
        $page = Join-Path $TestDrive 'whatif.html'
        $f = Export-IpsecReport -Path $page -Policy $File -PassThru -ErrorVariable ev
        $ev.Count | Should -Be 0
        $f | Should -BeOfType ([System.IO.FileInfo])
        $html = Get-Content -LiteralPath $page -Raw
        foreach ($id in 'policy', 'protection', 'ladder', 'plan', 'sas', 'failures') {
            $html | Should -Match ('<section id="' + $id + '">')
        }
        $html | Should -Match '<h3>rule corp</h3>'
        $html | Should -Match 'Contoso VPN IPsec'
        $html | Should -Not -Match 'https?://'
        (Test-IpsecPolicy -Path $File -Quiet) | Should -BeFalse -Because 'the report applied nothing'
    }

    It 'reports the policy in force once applied, with no plan' {
        Set-IpsecPolicy -Path $File -AllowCoexist | Out-Null
        $html = Export-IpsecReport
        $html | Should -BeOfType ([string])
        $html | Should -Match '<b>pester-report</b> as in force'
        $html | Should -Match 'No POLICY file given: no plan'
    }

    It 'returns the protection map as data with -AsObject' {
        $r = Export-IpsecReport -AsObject
        $r.PSObject.TypeNames[0] | Should -Be 'WfpSec.Report'
        $corp = $r.protection | Where-Object scope -EQ '10.0.0.0/8'
        $corp.outbound.kind | Should -Be 'ours'
        $corp.outbound.item | Should -Be 'rule corp'
        ($r.protection | Where-Object scope -EQ '10.1.0.0/16').from | Should -Contain 'Contoso VPN IPsec'
    }

    It 'returns the graph as Mermaid or dot text' {
        (Export-IpsecReport -Format Mermaid) | Should -Match '^flowchart LR'
        (Export-IpsecReport -Format Dot) | Should -Match '^digraph wfpsec \{'
    }

    It 'reads a netsh dump with -State' {
        $dump = Join-Path $RepoRoot 'tests/cli/fixtures/netsh_state_small.xml'
        $html = Export-IpsecReport -State $dump
        $html | Should -Match 'OFFLINE SNAPSHOT'
        $html | Should -Match 'Example Firewall sublayer'
    }

    It 'writes nothing with -WhatIf' {
        $page = Join-Path $TestDrive 'never.html'
        Export-IpsecReport -Path $page -WhatIf
        Test-Path -LiteralPath $page | Should -BeFalse
    }

    It 'refuses an invalid policy with a located error and writes nothing' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content -LiteralPath $bad -Value "version: 1`nname: x`nrules:`n  - { name: r, remote: 10.0.0.300 }"
        $page = Join-Path $TestDrive 'bad.html'
        Export-IpsecReport -Path $page -Policy $bad -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Match '^WfpSec\.PolicyError'
        "$($ev[0])" | Should -Match 'bad\.yaml:4:'
        Test-Path -LiteralPath $page | Should -BeFalse
    }
}
