# Get-IpsecExplanation and Set-IpsecPolicy -AllowCoexist against the real wfpsec CLI (deno run cli.ts) on the
# fwpsim simulator engine, each Describe with its own simulator state file.

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    $env:WFPSEC_ENGINE = 'sim'
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $RepoRoot 'build/libfwpsim.so' }
    if (-not (Test-Path $env:WFPSEC_FWPSIM_LIB)) { throw "the simulator library $env:WFPSEC_FWPSIM_LIB is missing (stage 20-build-sim builds it)" }
    $script:Deno = Join-Path $RepoRoot 'node_modules/deno/deno'

    function New-SimState {
        $env:FWPSIM_STATE = Join-Path $TestDrive ("sim-" + [guid]::NewGuid().ToString('n') + '.json')
        $env:FWPSIM_STATE
    }
    function Add-ForeignIpsecPolicy {
        # another provider's IPsec policy for $Remote, added the way its own tool would (one transaction)
        param([string]$Remote)
        & $Deno run -A --quiet (Join-Path $RepoRoot 'tests/cli/foreign_ipsec_driver.ts') $Remote | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "foreign policy driver failed" }
    }
    $script:Policy = @'
version: 1
name: pester-explain
mainMode:
  - { name: mm, keyModule: ikev1, auth: [kerberos], proposals: [aes256-sha256-ecp384] }
quickMode:
  - { name: qm, proposals: [esp-aesgcm256] }
rules:
  - { name: corp, remote: 10.0.0.0/8, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
  - { name: svc, program: 'C:\Apps\Svc.exe', remote: 172.16.0.0/12, inbound: require, outbound: request, mainMode: mm, quickMode: qm }
'@
}

Describe 'Get-IpsecExplanation' {
    BeforeAll {
        New-SimState
        $script:File = Join-Path $TestDrive 'explain.yaml'
        Set-Content -LiteralPath $File -Value $Policy
    }

    It 'answers what-if with -Path before the policy is applied, and changes nothing' {
        $before = Get-IpsecExplanation -RemoteAddress 10.9.9.9 -Protocol tcp
        ($before.Layers | Where-Object Layer -EQ 'FWPM_LAYER_IKEEXT_V4').Sublayers.Count | Should -Be 0
        $x = Get-IpsecExplanation $File -RemoteAddress 10.9.9.9 -Protocol tcp -ErrorVariable ev
        $ev.Count | Should -Be 0
        $x.Policy | Should -Be 'pester-explain'
        $ike = $x.Layers | Where-Object Layer -EQ 'FWPM_LAYER_IKEEXT_V4'
        $ike.Outcome | Should -Match '^permit by "wfpsec pester-explain: rules/corp/v4/ikeext/ikev1"'
        # an explicit FWP_UINT64 weight from the rule's specificity (remote /8: 128 << 40; docs/precedence.md)
        $ike.Filters[0].weight | Should -Be '140737488355328'
        $ike.Filters[0].effectiveWeightComputed | Should -BeTrue
        (Test-IpsecPolicy -Path $File -Quiet) | Should -BeFalse -Because 'the what-if applied nothing'
    }

    It 'returns a WfpSec.Explanation with one WfpSec.ExplainedLayer per layer of the IPsec path' {
        Set-IpsecPolicy -Path $File | Out-Null
        $x = Get-IpsecExplanation -RemoteAddress 10.9.9.9 -Protocol tcp -RemotePort 445
        $x.PSObject.TypeNames[0] | Should -Be 'WfpSec.Explanation'
        $x.Engine | Should -Match 'simulated'
        $x.Outcome | Should -Match '^decided at run time by callouts at OUTBOUND_TRANSPORT_V4; main mode "wfpsec pester-explain: mainMode/mm"'
        ($x.Layers | ForEach-Object Layer) -join ',' | Should -Be (
            'FWPM_LAYER_ALE_AUTH_CONNECT_V4,FWPM_LAYER_OUTBOUND_TRANSPORT_V4,FWPM_LAYER_IKEEXT_V4,FWPM_LAYER_IPSEC_V4')
        $x.Layers | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'WfpSec.ExplainedLayer' }
        $out = $x.Layers | Where-Object Layer -EQ 'FWPM_LAYER_OUTBOUND_TRANSPORT_V4'
        $out.Outcome | Should -Match 'decided at run time by callout FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4'
        $ike = $x.Layers | Where-Object Layer -EQ 'FWPM_LAYER_IKEEXT_V4'
        $ike.PolicyContext.providerContextKey | Should -Not -BeNullOrEmpty
        $ike.Filters[0].effectiveWeightComputed | Should -BeFalse
    }

    It 'formats the layers as a table and the explanation as a list, one layer per line' {
        $x = Get-IpsecExplanation -RemoteAddress 10.9.9.9 -Protocol tcp
        ($x.Layers | Format-Table | Out-String) | Should -Match 'Layer\s+Filters\s+Outcome'
        $list = $x | Out-String
        $list | Should -Match 'Connection\s*:\s*out 10\.9\.9\.9 protocol 6'
        $list | Should -Match 'IKEEXT_V4: permit by "wfpsec pester-explain'
    }

    It '-Direction In takes the inbound path; -Program is matched against the per-program rule' {
        $x = Get-IpsecExplanation -RemoteAddress 172.16.1.1 -Direction In -Protocol tcp -Program 'C:\Apps\Svc.exe'
        $x.Layers[0].Layer | Should -Be 'FWPM_LAYER_INBOUND_TRANSPORT_V4'
        $x.Program.devicePath | Should -Be '\device\harddiskvolume1\apps\svc.exe'
        $accept = $x.Layers | Where-Object Layer -EQ 'FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4'
        ($accept.Filters | Where-Object name -Match 'rules/svc/v4/accept').match | Should -Be 'match'
        $other = Get-IpsecExplanation -RemoteAddress 172.16.1.1 -Direction In -Protocol tcp -Program 'C:\Apps\Other.exe'
        ($other.Layers | Where-Object Layer -EQ 'FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4').Filters | Should -BeNullOrEmpty
    }

    It '-State explains an offline snapshot' {
        $snap = Join-Path $TestDrive 'snap.json'
        & $Deno run --quiet -A (Join-Path $RepoRoot 'cli.ts') show --all --engine sim --json | Set-Content -LiteralPath $snap
        $x = Get-IpsecExplanation -RemoteAddress 10.9.9.9 -State $snap
        $x.Engine | Should -Match '^snapshot'
        ($x.Layers | Where-Object Layer -EQ 'FWPM_LAYER_IKEEXT_V4').Filters.Count | Should -BeGreaterThan 0
    }

    It 'a bad address is an InvalidArgument error record with wfpsec''s message' {
        $x = Get-IpsecExplanation -RemoteAddress 10.0.0.300 -ErrorVariable ev -ErrorAction SilentlyContinue
        $x | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Match '^WfpSec.UsageError'
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $ev[0].Exception.Message | Should -Match '--remote 10\.0\.0\.300: not an IPv4 or IPv6 address'
    }
}

Describe 'Set-IpsecPolicy -AllowCoexist' {
    It 'refuses an overlap with another provider''s IPsec policy, and applies with -AllowCoexist' {
        New-SimState
        Add-ForeignIpsecPolicy '10.1.0.0/16'
        $file = Join-Path $TestDrive 'coexist.yaml'
        Set-Content -LiteralPath $file -Value $Policy
        $r = Set-IpsecPolicy -Path $file -ErrorVariable ev -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $ev[0].FullyQualifiedErrorId | Should -Match '^WfpSec.SafetyError'
        $ev[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $ev[0].Exception.Message | Should -Match 'Contoso VPN IPsec.*--allow-coexist'
        (Test-IpsecPolicy -Path $file -Quiet) | Should -BeFalse -Because 'the refused apply changed nothing'
        $ok = Set-IpsecPolicy -Path $file -AllowCoexist -ErrorVariable ev2
        $ev2.Count | Should -Be 0
        $ok.Outcome | Should -Be 'applied'
        (Test-IpsecPolicy -Path $file -Quiet) | Should -BeTrue
    }
}
