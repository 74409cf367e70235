function New-IpsecIsolationPolicy {
    <#
    .SYNOPSIS
    Creates a policy from one of the isolation templates (domain, server, boundary, encryption).

    .DESCRIPTION
    Runs `wfpsec new --kind <kind> --json` with the addresses, exemptions, authentication and crypto given,
    and returns the expanded policy (WfpSec.PolicyDocument: Name, Kind, Path and the Document itself).
    With -Path the policy file is written there (and the object's Path is set, so it pipes into
    Test-IpsecPolicy and Set-IpsecPolicy). With -Apply the policy is also applied; -WhatIf then shows the
    real plan of that apply and writes and changes nothing.

    The isolation kinds follow Microsoft's server and domain isolation guidance:
    Domain     - require authentication inbound, request it outbound, for all hosts of the domain;
    Server     - require authentication to reach a server group (restricted with -RemoteAddress);
    Boundary   - request authentication both ways (hosts that must also talk to untrusted peers);
    Encryption - require authentication and ESP encryption.

    .PARAMETER Kind
    Domain, Server, Boundary or Encryption.

    .PARAMETER Name
    The policy name (wfpsec stores it with the objects it creates).

    .PARAMETER RemoteAddress
    Remote addresses or subnets the policy covers (e.g. 10.1.0.0/16).

    .PARAMETER Exemption
    Traffic exempt from IPsec (permit filters weighted above the IPsec ones). Each value is one of:
    icmp; dhcp; host:<address or subnet> (e.g. host:10.0.0.5, host:10.0.0.0/24, host:fe80::/64);
    port:tcp/<port> or port:udp/<port>, a local port or range (e.g. port:tcp/3389, port:udp/500-4500).
    Without -Exemption the template exempts icmp and dhcp; with it, exactly the values given. Anything else
    (e.g. neighbor-discovery, or a bare address) is refused before wfpsec runs. Tab completion offers the
    forms.

    .PARAMETER Authentication
    kerberos, certificate:<CA distinguished name>, or psk-env:<VARIABLE> (a pre-shared key read from that
    environment variable at apply time; the key itself never enters the policy file).

    .PARAMETER AllowGroup
    Server isolation only: the groups whose machines may connect in (default Authenticated Users, S-1-5-11).
    Each is a SID (S-1-5-21-...-515) or a name: on Windows any group or computer account
    (CORP\Domain Computers, resolved with LookupAccountName); elsewhere only well-known groups (Everyone,
    Authenticated Users, Administrators, Users, ...).

    .PARAMETER Crypto
    Main-mode and quick-mode proposals, "<main-mode>/<quick-mode>", e.g. "aes256-sha384-dh20/esp-aesgcm256".

    .PARAMETER Path
    Write the policy file here.

    .PARAMETER Apply
    Apply the new policy (like Set-IpsecPolicy) and return the WfpSec.ApplyResult instead of the policy.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    New-IpsecIsolationPolicy -Kind Domain -Name corp-domain -Authentication kerberos -Path .\corp-domain.yaml

    Writes a domain-isolation policy using Kerberos to corp-domain.yaml.

    .EXAMPLE
    New-IpsecIsolationPolicy -Kind Server -RemoteAddress 10.1.0.0/16 -Exemption icmp -Path .\srv.yaml | Test-IpsecPolicy

    Creates a server-isolation policy and shows its plan against the engine.

    .EXAMPLE
    New-IpsecIsolationPolicy -Kind Encryption -Authentication 'psk-env:IPSEC_PSK' -Path .\enc.yaml -Apply -WhatIf

    Shows the plan applying the new policy would carry out; writes nothing and changes nothing.

    .OUTPUTS
    WfpSec.PolicyDocument, or WfpSec.ApplyResult with -Apply.

    .LINK
    Set-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('WfpSec.PolicyDocument', 'WfpSec.ApplyResult')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateSet('Domain', 'Server', 'Boundary', 'Encryption')]
        [string]$Kind,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string]$Name,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string[]]$RemoteAddress,

        [Parameter(ValueFromPipelineByPropertyName)]
        [ArgumentCompleter({ 'icmp', 'dhcp', 'host:', 'port:tcp/', 'port:udp/' })]
        [ValidateScript({ Test-WfpsecExemptionSpec $_ })]
        [string[]]$Exemption,

        [Parameter(ValueFromPipelineByPropertyName)]
        [ArgumentCompleter({ 'kerberos', "'certificate:CN='", "'psk-env:'" })]
        [string]$Authentication,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string]$Crypto,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string[]]$AllowGroup,

        [string]$Path,

        [switch]$Apply,

        [string]$WfpsecPath
    )
    process {
        $argv = @('--kind', $Kind.ToLowerInvariant())
        if ($Name) { $argv += @('--name', $Name) }
        if ($RemoteAddress) { $argv += @('--remote', ($RemoteAddress -join ',')) }
        if ($Exemption) { $argv += @('--exempt', (@($Exemption | ForEach-Object { ConvertTo-WfpsecExemptionSpec $_ }) -join ',')) }
        if ($Authentication) { $argv += @('--auth', $Authentication) }
        if ($Crypto) { $argv += @('--crypto', $Crypto) }
        if ($AllowGroup) { $argv += @('--allow-group', ($AllowGroup -join ',')) }

        $file = $null
        $tmp = $null
        try {
            if ($Path) {
                $target = Resolve-WfpsecPath $PSCmdlet $Path
                if (Confirm-WfpsecAction -Caller $PSCmdlet -Target $target -Action "Create $Kind isolation policy file") { $file = $target }
            }
            if (-not $file -and $Apply) {
                # -Apply without a written file (or under -WhatIf): plan/apply a temporary copy
                $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("wfpsec-new-" + [guid]::NewGuid().ToString('n') + '.yaml')
            }
            $out = if ($file) { $file } else { $tmp }
            $full = if ($out) { $argv + @('-o', $out) } else { $argv }
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command new -ArgumentList $full -WfpsecPath $WfpsecPath -Target $out
            if (-not $r) { return }
            if ($Apply) {
                Invoke-WfpsecApplyCore -Caller $PSCmdlet -File $out -WfpsecPath $WfpsecPath
                return
            }
            $doc = Get-WfpsecProp $r.Data 'policy'
            [pscustomobject]@{
                PSTypeName = 'WfpSec.PolicyDocument'
                Name       = [string](Get-WfpsecProp $doc 'name')
                Kind       = $Kind
                Path       = $file
                Document   = $doc
            }
        } finally {
            if ($tmp -and (Test-Path -LiteralPath $tmp)) { Remove-Item -LiteralPath $tmp -Force -WhatIf:$false -Confirm:$false }
        }
    }
}
