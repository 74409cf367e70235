# NetSecurity's IPsec objects -> the JSON `wfpsec import --netsecurity-json` reads (docs/cli-json.md, "import
# --netsecurity-json input"). Each value is taken by its NetSecurity name (New-NetIPsecRule,
# New-NetIPsecAuthProposal, ... parameters) or, where the object only has it, by its MSFT_Net* CIM name, and
# written as the text PowerShell shows (enum names) or the CIM number: the TypeScript side maps both, so one
# mapping serves this cmdlet and `wfpsec import --gpfas`. A pre-shared key is never written, only whether
# one is set.

function Get-WfpsecNsValue {
    # the first present property of $Object among $Names, as JSON-ready text ($null when none)
    param($Object, [string[]]$Names)
    foreach ($n in $Names) {
        $p = $Object.PSObject.Properties[$n]
        if ($null -eq $p -or $null -eq $p.Value) { continue }
        $v = $p.Value
        if ($v -is [bool]) { return $v }
        if ($v -is [System.Collections.IEnumerable] -and $v -isnot [string]) { return , @($v | ForEach-Object { [string]$_ }) }
        return [string]$v
    }
    return $null
}

function Get-WfpsecNsClassName {
    # MSFT_* class of a CIM instance (or of an object typed like one)
    param($Object)
    $c = $Object.PSObject.Properties['CimClass']
    if ($c -and $c.Value) {
        if ($c.Value -is [string]) { return $c.Value }
        if ($c.Value.PSObject.Properties['CimClassName']) { return [string]$c.Value.CimClassName }
    }
    foreach ($t in $Object.PSObject.TypeNames) { if ($t -match '(MSFT_\w+)$') { return $Matches[1] } }
    return $null
}

function ConvertTo-WfpsecNsObject {
    # an ordered table of the listed properties (NetSecurity name = @(names to read it from))
    param($Object, [System.Collections.Specialized.OrderedDictionary]$Map)
    $o = [ordered]@{}
    foreach ($k in $Map.Keys) {
        $v = Get-WfpsecNsValue $Object $Map[$k]
        if ($null -ne $v) { $o[$k] = $v }
    }
    return $o
}

function ConvertTo-WfpsecNsAuthProposal {
    param($Proposal)
    $o = ConvertTo-WfpsecNsObject $Proposal ([ordered]@{
            AuthenticationMethod = @('AuthenticationMethod'); Authority = @('Authority', 'TrustedCA')
            AuthorityType = @('AuthorityType', 'TrustedCAType'); Signing = @('Signing', 'SigningAlgorithm')
            ExcludeCAName = @('ExcludeCAName'); AccountMapping = @('AccountMapping', 'MapToAccount')
            FollowRenewal = @('FollowRenewal'); SubjectName = @('SubjectName', 'CertName')
            SubjectNameType = @('SubjectNameType', 'CertNameType'); ExtendedKeyUsage = @('ExtendedKeyUsage', 'EKUs')
            Thumbprint = @('Thumbprint'); Proxy = @('Proxy', 'KerbProxy')
        })
    $o.Insert(0, 'CimClass', (Get-WfpsecNsClassName $Proposal))
    # the key itself stays here: the policy refers to it, it never holds it
    $psk = $Proposal.PSObject.Properties['PreSharedKey']
    if ($psk) { $o['HasPreSharedKey'] = -not [string]::IsNullOrEmpty([string]$psk.Value) }
    return $o
}

function ConvertTo-WfpsecNsSet {
    param($Set, [System.Collections.Specialized.OrderedDictionary]$Map, [scriptblock]$Proposal)
    $o = ConvertTo-WfpsecNsObject $Set ([ordered]@{ Name = @('Name', 'InstanceID'); DisplayName = @('DisplayName'); Description = @('Description') })
    foreach ($k in $Map.Keys) {
        $v = Get-WfpsecNsValue $Set $Map[$k]
        if ($null -ne $v) { $o[$k] = $v }
    }
    $o['Proposal'] = @(foreach ($p in @($Set.PSObject.Properties['Proposal'].Value)) { if ($null -ne $p) { & $Proposal $p } })
    return $o
}

function ConvertTo-WfpsecNetSecurityJson {
    # Reads one policy store through the NetSecurity cmdlets and returns the import JSON text.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][string]$PolicyStore, [string[]]$DisplayName)
    $store = @{ PolicyStore = $PolicyStore; ErrorAction = 'Stop' }
    $rules = foreach ($r in @(Get-NetIPsecRule @store)) {
        if ($null -eq $r) { continue }
        if ($DisplayName -and -not @($DisplayName | Where-Object { [string]$r.DisplayName -like $_ }).Count) { continue }
        $o = ConvertTo-WfpsecNsObject $r ([ordered]@{
                Name = @('Name', 'InstanceID'); DisplayName = @('DisplayName'); Description = @('Description')
                Enabled = @('Enabled'); Mode = @('Mode'); InboundSecurity = @('InboundSecurity'); OutboundSecurity = @('OutboundSecurity')
                KeyModule = @('KeyModule'); Phase1AuthSet = @('Phase1AuthSet'); Phase2AuthSet = @('Phase2AuthSet')
                QuickModeCryptoSet = @('QuickModeCryptoSet'); MainModeCryptoSet = @('MainModeCryptoSet'); Profile = @('Profile', 'Profiles')
                RequireAuthorization = @('RequireAuthorization'); Machine = @('Machine', 'Machines'); User = @('User', 'Users')
                LocalTunnelEndpoint = @('LocalTunnelEndpoint'); RemoteTunnelEndpoint = @('RemoteTunnelEndpoint')
                RemoteTunnelHostname = @('RemoteTunnelHostname', 'RemoteTunnelEndpointDNSName')
                AllowWatchKey = @('AllowWatchKey'); AllowSetKey = @('AllowSetKey'); Platform = @('Platform', 'Platforms')
            })
        $filters = @(
            @{ Get = 'Get-NetFirewallAddressFilter'; Map = [ordered]@{ LocalAddress = @('LocalAddress'); RemoteAddress = @('RemoteAddress') } },
            @{ Get = 'Get-NetFirewallPortFilter'; Map = [ordered]@{ Protocol = @('Protocol'); LocalPort = @('LocalPort'); RemotePort = @('RemotePort') } },
            @{ Get = 'Get-NetFirewallInterfaceFilter'; Map = [ordered]@{ InterfaceAlias = @('InterfaceAlias') } },
            @{ Get = 'Get-NetFirewallInterfaceTypeFilter'; Map = [ordered]@{ InterfaceType = @('InterfaceType') } }
        )
        foreach ($f in $filters) {
            if (-not (Get-Command $f.Get -ErrorAction Ignore)) { continue }
            $filter = & $f.Get -AssociatedNetIPsecRule $r @store | Select-Object -First 1
            if ($null -eq $filter) { continue }
            $part = ConvertTo-WfpsecNsObject $filter $f.Map
            foreach ($k in $part.Keys) { $o[$k] = $part[$k] }
        }
        $o
    }
    $auth = { param($p) ConvertTo-WfpsecNsAuthProposal $p }
    $mm = {
        param($p) ConvertTo-WfpsecNsObject $p ([ordered]@{
                Encryption = @('Encryption', 'CipherAlgorithm'); Hash = @('Hash', 'HashAlgorithm'); KeyExchange = @('KeyExchange', 'GroupId', 'GroupID')
            })
    }
    $qm = {
        param($p) ConvertTo-WfpsecNsObject $p ([ordered]@{
                Encapsulation = @('Encapsulation'); Encryption = @('Encryption', 'CipherAlgorithm'); AHHash = @('AHHash', 'HashAlgorithmAH')
                ESPHash = @('ESPHash', 'HashAlgorithmESP'); MaxMinutes = @('MaxMinutes', 'MaxLifetimeMinutes')
                MaxKiloBytes = @('MaxKiloBytes', 'MaxLifetimeKilobytes')
            })
    }
    $doc = [ordered]@{
        schemaVersion       = 1
        source              = 'NetSecurity'
        policyStore         = $PolicyStore
        rules               = @($rules)
        phase1AuthSets      = @(foreach ($s in @(Get-NetIPsecPhase1AuthSet @store)) { if ($s) { ConvertTo-WfpsecNsSet $s ([ordered]@{}) $auth } })
        phase2AuthSets      = @(foreach ($s in @(Get-NetIPsecPhase2AuthSet @store)) { if ($s) { ConvertTo-WfpsecNsSet $s ([ordered]@{}) $auth } })
        mainModeCryptoSets  = @(foreach ($s in @(Get-NetIPsecMainModeCryptoSet @store)) {
                if ($s) {
                    ConvertTo-WfpsecNsSet $s ([ordered]@{
                            MaxMinutes = @('MaxMinutes', 'MaxLifetimeMinutes'); MaxSessions = @('MaxSessions'); ForceDiffieHellman = @('ForceDiffieHellman')
                        }) $mm
                }
            })
        quickModeCryptoSets = @(foreach ($s in @(Get-NetIPsecQuickModeCryptoSet @store)) {
                if ($s) { ConvertTo-WfpsecNsSet $s ([ordered]@{ PerfectForwardSecrecyGroup = @('PerfectForwardSecrecyGroup', 'PfsGroupID') }) $qm }
            })
    }
    if (Get-Command Get-NetFirewallSetting -ErrorAction Ignore) {
        $setting = Get-NetFirewallSetting @store
        $ex = Get-WfpsecNsValue $setting @('Exemptions')
        if ($null -ne $ex) { $doc['exemptions'] = [string]$ex }
        # the SDDLs a rule with RequireAuthorization and no Machine/User of its own is checked against
        foreach ($n in 'RemoteMachineTransportAuthorizationList', 'RemoteUserTransportAuthorizationList') {
            $v = Get-WfpsecNsValue $setting @($n)
            if ($v) { $doc[$n.Substring(0, 1).ToLowerInvariant() + $n.Substring(1)] = [string]$v }
        }
    }
    return ($doc | ConvertTo-Json -Depth 8)
}
