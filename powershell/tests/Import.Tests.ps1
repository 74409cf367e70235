# ConvertFrom-NetIPsecRule: the NetSecurity cmdlets are mocked with objects shaped as Microsoft documents them
# (CIM instances of root/StandardCimv2 MSFT_NetConSecRule, MSFT_NetAddressFilter, MSFT_NetProtocolPortFilter,
# MSFT_NetIKEP1AuthSet with MSFT_NetIKE*AuthProposal proposals, MSFT_NetIKEMMCryptoSet, MSFT_NetIKEQMCryptoSet,
# with NetSecurity's property names and enum words); the conversion runs through the real wfpsec CLI
# (deno run cli.ts `import --netsecurity-json`).

BeforeAll {
    . (Join-Path $PSScriptRoot 'support/TestSupport.ps1')
    Import-Module $ModuleManifest -Force
    Remove-Item env:WFPSEC_PATH -ErrorAction Ignore
    if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $RepoRoot 'build/deno-dir' }
    $script:Deno = Join-Path $RepoRoot 'node_modules/deno/deno'
    $script:Psk = 'Pester-Psk-Never-Printed-41c9'

    # NetSecurity exists on Windows only: elsewhere these stand in for it so that Mock has commands to replace.
    $script:NetSecurityCommands = @(
        'Get-NetIPsecRule', 'Get-NetFirewallAddressFilter', 'Get-NetFirewallPortFilter', 'Get-NetFirewallInterfaceFilter',
        'Get-NetFirewallInterfaceTypeFilter', 'Get-NetIPsecPhase1AuthSet', 'Get-NetIPsecPhase2AuthSet',
        'Get-NetIPsecMainModeCryptoSet', 'Get-NetIPsecQuickModeCryptoSet', 'Get-NetFirewallSetting')
    function Add-NetSecurityStub {
        param([string]$Name)
        New-Item -Path "function:global:$Name" -Value {
            [CmdletBinding()] param([string]$PolicyStore, $AssociatedNetIPsecRule, [switch]$All)
            throw 'NetSecurity stand-in called without a mock'
        } | Out-Null
    }
    $script:Stubbed = @()
    foreach ($c in $NetSecurityCommands) {
        if (Get-Command $c -ErrorAction Ignore) { continue }
        Add-NetSecurityStub $c
        $script:Stubbed += $c
    }

    function New-Cim {
        # an object typed as the CIM class Microsoft documents (what Get-Net* returns)
        param([string]$Class, [hashtable]$Properties)
        $o = [pscustomobject]$Properties
        $o.PSObject.TypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#root/StandardCimv2/$Class")
        $o
    }
    $script:Servers = New-Cim MSFT_NetConSecRule @{
        Name = '{6F1B0C2E-6F4A-4C39-9D21-3E8A7B5C4D10}'; DisplayName = 'servers'; Description = ''; Enabled = 'True'
        Mode = 'Transport'; InboundSecurity = 'Require'; OutboundSecurity = 'Request'; KeyModule = 'AuthIP'
        Phase1AuthSet = '{8C4F7D55-0B3E-4E8F-9A1C-2D6B5E4F3A21}'; Phase2AuthSet = ''; QuickModeCryptoSet = '{B2E1A4C3-5D6F-4A7B-8C9D-0E1F2A3B4C5D}'
        MainModeCryptoSet = '{4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D}'; Profile = 'Any'; RequireAuthorization = $false
        LocalTunnelEndpoint = @(); RemoteTunnelEndpoint = @()
    }
    $script:Web = New-Cim MSFT_NetConSecRule @{
        Name = '{0D9C8B7A-6F5E-4D3C-2B1A-0F9E8D7C6B5A}'; DisplayName = 'web'; Description = 'IKEv2 certificates'; Enabled = 'True'
        Mode = 'Transport'; InboundSecurity = 'Require'; OutboundSecurity = 'Require'; KeyModule = 'IKEv2'
        Phase1AuthSet = '{1E2D3C4B-5A69-4877-8695-A4B3C2D1E0F9}'; QuickModeCryptoSet = '{B2E1A4C3-5D6F-4A7B-8C9D-0E1F2A3B4C5D}'
        MainModeCryptoSet = '{4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D}'; Profile = 'Domain, Private'; RequireAuthorization = $false
    }
    $script:Filters = @{
        servers = @{
            Address = New-Cim MSFT_NetAddressFilter @{ LocalAddress = @('Any'); RemoteAddress = @('10.1.0.0/16') }
            Port = New-Cim MSFT_NetProtocolPortFilter @{ Protocol = 'Any'; LocalPort = @('Any'); RemotePort = @('Any') }
            Interface = New-Cim MSFT_NetInterfaceFilter @{ InterfaceAlias = @('Any') }
        }
        web = @{
            Address = New-Cim MSFT_NetAddressFilter @{ LocalAddress = @('Any'); RemoteAddress = @('192.168.10.0/255.255.255.0') }
            Port = New-Cim MSFT_NetProtocolPortFilter @{ Protocol = 'TCP'; LocalPort = @('443'); RemotePort = @('Any') }
            Interface = New-Cim MSFT_NetInterfaceFilter @{ InterfaceAlias = @('Ethernet 2') }
        }
    }
    $script:P1 = @(
        (New-Cim MSFT_NetIKEP1AuthSet @{
            Name = '{8C4F7D55-0B3E-4E8F-9A1C-2D6B5E4F3A21}'; DisplayName = 'p1'
            Proposal = @(New-Cim MSFT_NetIKEKerbAuthProposal @{ AuthenticationMethod = 'MachineKerberos' })
        }),
        (New-Cim MSFT_NetIKEP1AuthSet @{
            Name = '{1E2D3C4B-5A69-4877-8695-A4B3C2D1E0F9}'; DisplayName = 'web certs'
            Proposal = @(
                (New-Cim MSFT_NetIKECertAuthProposal @{
                    AuthenticationMethod = 'MachineCert'; Authority = 'C=US, O=Contoso, CN=Contoso Root CA'; AuthorityType = 'Root'
                    Signing = 'ECDSA256'; ExtendedKeyUsage = @('1.3.6.1.5.5.7.3.1'); ExcludeCAName = $false
                }),
                (New-Cim MSFT_NetIKEPSKAuthProposal @{ AuthenticationMethod = 'PreSharedKey'; PreSharedKey = $Psk })
            )
        })
    )
    $script:Mm = New-Cim MSFT_NetIKEMMCryptoSet @{
        Name = '{4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D}'; DisplayName = 'mm'; MaxMinutes = 480; MaxSessions = 0; ForceDiffieHellman = $false
        Proposal = @(New-Cim MSFT_NetIKEMMCryptoProposal @{ Encryption = 'AES256'; Hash = 'SHA256'; KeyExchange = 'DH20' })
    }
    $script:Qm = New-Cim MSFT_NetIKEQMCryptoSet @{
        Name = '{B2E1A4C3-5D6F-4A7B-8C9D-0E1F2A3B4C5D}'; DisplayName = 'qm'; PerfectForwardSecrecyGroup = 'None'
        Proposal = @(New-Cim MSFT_NetIKEQMCryptoProposal @{
                Encapsulation = 'ESP'; Encryption = 'AES256'; ESPHash = 'SHA256'; AHHash = 'None'; MaxMinutes = 60; MaxKiloBytes = 100000
            })
    }

    function Set-NetSecurityMocks {
        param([object[]]$Rules = @($Servers, $Web))
        Mock -ModuleName WfpSec Get-NetIPsecRule { $Rules }.GetNewClosure()
        Mock -ModuleName WfpSec Get-NetFirewallAddressFilter { $Filters[$AssociatedNetIPsecRule.DisplayName].Address }
        Mock -ModuleName WfpSec Get-NetFirewallPortFilter { $Filters[$AssociatedNetIPsecRule.DisplayName].Port }
        Mock -ModuleName WfpSec Get-NetFirewallInterfaceFilter { $Filters[$AssociatedNetIPsecRule.DisplayName].Interface }
        Mock -ModuleName WfpSec Get-NetFirewallInterfaceTypeFilter { New-Cim MSFT_NetInterfaceTypeFilter @{ InterfaceType = 'Any' } }
        Mock -ModuleName WfpSec Get-NetIPsecPhase1AuthSet { $P1 }
        Mock -ModuleName WfpSec Get-NetIPsecPhase2AuthSet { }
        Mock -ModuleName WfpSec Get-NetIPsecMainModeCryptoSet { $Mm }
        Mock -ModuleName WfpSec Get-NetIPsecQuickModeCryptoSet { $Qm }
        Mock -ModuleName WfpSec Get-NetFirewallSetting { New-Cim MSFT_NetFirewallSetting @{ Exemptions = 'Icmp' } }
    }
}

AfterAll {
    foreach ($c in $Stubbed) { Remove-Item -Path "Function:\$c" -ErrorAction Ignore }
}

Describe 'ConvertFrom-NetIPsecRule' {
    BeforeEach { Set-NetSecurityMocks }

    It 'returns the policy text; the rule, its sets, the exemption are in wfpsec words' {
        $text = ConvertFrom-NetIPsecRule -WarningVariable w -WarningAction SilentlyContinue
        $text | Should -Match '(?m)^  - name: servers$'
        $text | Should -Match '(?m)^      - aes256-sha256-ecp384$' -Because 'DH20 is ecp384'
        $text | Should -Match '(?m)^      - esp-aes256-sha256$'
        $text | Should -Match 'rootCA: CN=Contoso Root CA, O=Contoso, C=US' -Because 'the Authority is reversed to most specific first'
        $text | Should -Match '(?m)^  - icmp$'
        $text | Should -Match '192\.168\.10\.0/24'
        ($w -join "`n") | Should -Match 'not expressed: rule "web" InterfaceAlias=Ethernet 2'
        ($w -join "`n") | Should -Match 'set environment variable WFPSEC_PSK_WEB_CERTS'
    }

    It 'reads the -PolicyStore it is given, from every NetSecurity cmdlet' {
        ConvertFrom-NetIPsecRule -PolicyStore 'corp.contoso.com\Domain Isolation' -WarningAction SilentlyContinue | Out-Null
        foreach ($c in $NetSecurityCommands) {
            Should -Invoke -ModuleName WfpSec $c -ParameterFilter { $PolicyStore -eq 'corp.contoso.com\Domain Isolation' } -Scope It -Times 1 -Because $c
        }
        Should -Invoke -ModuleName WfpSec Get-NetFirewallPortFilter -ParameterFilter { $AssociatedNetIPsecRule.DisplayName -eq 'web' } -Scope It -Times 1
    }

    It 'never serialises the pre-shared key, only that one is set' {
        $json = & (Get-Module WfpSec) { ConvertTo-WfpsecNetSecurityJson -PolicyStore PersistentStore }
        $json | Should -Not -Match ([regex]::Escape($Psk))
        ($json | ConvertFrom-Json).phase1AuthSets[1].Proposal[1].HasPreSharedKey | Should -BeTrue
        $all = (ConvertFrom-NetIPsecRule -AsObject -WarningVariable w -WarningAction SilentlyContinue | ConvertTo-Json -Depth 10) + ($w -join "`n")
        $all | Should -Not -Match ([regex]::Escape($Psk))
    }

    It 'writes -Path; the file validates with wfpsec validate; no overwrite without -Force' {
        $file = Join-Path $TestDrive 'corp.yaml'
        $fi = ConvertFrom-NetIPsecRule -Path $file -PassThru -WarningAction SilentlyContinue
        $fi.FullName | Should -Be $file
        $out = & $Deno run -A --quiet (Join-Path $RepoRoot 'cli.ts') validate $file 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        (Get-Content -LiteralPath $file -Raw) | Should -Match '(?m)^name: corp$'
        ConvertFrom-NetIPsecRule -Path $file -ErrorVariable ev -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $ev[0].Exception.Message | Should -Match 'already exists: pass --force'
        ConvertFrom-NetIPsecRule -Path $file -Force -Name renamed -WarningAction SilentlyContinue
        (Get-Content -LiteralPath $file -Raw) | Should -Match '(?m)^name: renamed$'
    }

    It '-WhatIf writes nothing and does not run the conversion' {
        $file = Join-Path $TestDrive 'whatif.yaml'
        ConvertFrom-NetIPsecRule -Path $file -WhatIf
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It '-AsObject lists what was not expressed, with counts' {
        $r = ConvertFrom-NetIPsecRule -AsObject -WarningAction SilentlyContinue
        $r.PSObject.TypeNames[0] | Should -Be 'WfpSec.ImportResult'
        $r.Counts.rules | Should -Be 2
        ($r.NotExpressed | Where-Object field -EQ 'Profile').value | Should -Be 'Domain,Private'
        $r.SecretVariables | Should -Be @('WFPSEC_PSK_WEB_CERTS')
        $r.Policy.rules[0].name | Should -Be 'servers'
    }

    It 'a rule that requires authorization gets the firewall setting''s transport authorization list' {
        $sddl = 'D:(A;;CC;;;S-1-5-21-1-2-3-515)'
        $authz = $Servers.PSObject.Copy()
        $authz.RequireAuthorization = $true
        Set-NetSecurityMocks -Rules @($authz)
        $setting = New-Cim MSFT_NetSecuritySettingData @{ Exemptions = 'None'; RemoteMachineTransportAuthorizationList = $sddl }
        Mock -ModuleName WfpSec Get-NetFirewallSetting { $setting }.GetNewClosure()
        $r = ConvertFrom-NetIPsecRule -AsObject -WarningAction SilentlyContinue
        $r.Policy.rules[0].authorization.machines | Should -Be $sddl
    }

    It '-DisplayName converts only the matching rules' {
        $r = ConvertFrom-NetIPsecRule -DisplayName 'we*' -AsObject -WarningAction SilentlyContinue
        @($r.Policy.rules).Count | Should -Be 1
        $r.Policy.rules[0].name | Should -Be 'web'
        Should -Invoke -ModuleName WfpSec Get-NetFirewallAddressFilter -Scope It -Times 1 -Because 'only the kept rule is read further'
    }

    It 'a value NetSecurity does not have is an error naming the property, and nothing is written' {
        $bad = New-Cim MSFT_NetConSecRule @{ Name = '{1}'; DisplayName = 'servers'; Enabled = 'True'; InboundSecurity = 'Sometimes'; OutboundSecurity = 'Request' }
        Set-NetSecurityMocks -Rules @($bad)
        $file = Join-Path $TestDrive 'bad.yaml'
        ConvertFrom-NetIPsecRule -Path $file -ErrorVariable ev -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $ev.Count | Should -Be 1
        $ev[0].Exception.Message | Should -Match 'rules\[0\]\.InboundSecurity\): InboundSecurity "Sometimes" is not one of'
        Test-Path -LiteralPath $file | Should -BeFalse
    }
}

Describe 'ConvertFrom-NetIPsecRule without NetSecurity' {
    It 'says where to go instead, and reads nothing' {
        if (-not ($Stubbed -contains 'Get-NetIPsecRule')) { Set-ItResult -Skipped -Because 'NetSecurity is installed here'; return }
        Remove-Item -Path Function:\Get-NetIPsecRule
        try {
            { ConvertFrom-NetIPsecRule -ErrorAction Stop } | Should -Throw -ErrorId 'WfpSec.NetSecurityUnavailable,ConvertFrom-NetIPsecRule'
        } finally {
            Add-NetSecurityStub Get-NetIPsecRule
        }
    }
}
