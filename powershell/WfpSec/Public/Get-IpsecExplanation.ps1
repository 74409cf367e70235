function Get-IpsecExplanation {
    <#
    .SYNOPSIS
    Explains which WFP filters decide one connection, layer by layer on its IPsec path.

    .DESCRIPTION
    Runs `wfpsec explain --json` and returns one WfpSec.Explanation: its Outcome over all layers (blocked at a
    layer, or what decides at run time and the main/quick-mode policy) and its Layers. For each layer the connection meets
    (ALE connect or receive/accept, outbound or inbound transport, IKEEXT, IPSEC) it lists the sublayers by
    weight and, in each, the filters whose conditions match, highest effective weight first, with their
    provider, action, callout and weights; the filter that decides each sublayer; and the layer's outcome
    by WFP's filter arbitration (block overrides permit across sublayers, hard permits, callouts decided at
    run time). At IKEEXT and IPSEC it names the main-mode and quick-mode policy considered.

    Conditions that cannot be evaluated without the connection itself (user and machine SDs, run-time
    flags, an application id without -Program) are reported in each filter's notEvaluated list, and the
    outcome says when it depends on them.

    With -Path it answers "what if I applied this policy": the policy's compiled objects replace wfpsec's in
    the engine's view; nothing is changed.

    .PARAMETER Path
    A policy file (YAML or JSON): explain as if it were applied (what-if). Optional.

    .PARAMETER RemoteAddress
    The remote IPv4 or IPv6 address of the connection.

    .PARAMETER Direction
    Out (this host connects, the default) or In (this host accepts).

    .PARAMETER Protocol
    tcp, udp, icmp, icmpv6 or an IP protocol number 0-255.

    .PARAMETER RemotePort
    The remote port.

    .PARAMETER LocalAddress
    The local address (same IP version as -RemoteAddress).

    .PARAMETER LocalPort
    The local port.

    .PARAMETER Program
    The program's full path (C:\...\app.exe) or NT device path (\device\harddiskvolume3\...), matched
    against application-id conditions. The engine resolves a file path; an offline -State cannot, and the
    explanation says which filters that leaves open.

    .PARAMETER State
    Read an offline snapshot instead of the engine: a `netsh wfp show state` dump or a wfpsec snapshot
    (`wfpsec show --all --json`).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecExplanation -RemoteAddress 10.1.2.3 -Protocol tcp -RemotePort 445

    How an outbound SMB connection to 10.1.2.3 is decided at each layer, and which IPsec policy applies.

    .EXAMPLE
    (Get-IpsecExplanation -RemoteAddress 10.1.2.3 -Direction In -Path .\corp.yaml).Layers | Format-Table Layer, Outcome

    The outcome per layer if corp.yaml were applied, for connections from 10.1.2.3.

    .EXAMPLE
    Get-IpsecExplanation -RemoteAddress 10.1.2.3 -Program 'C:\Apps\svc.exe' -State .\dump.xml

    Explains against a `netsh wfp show state` dump taken on another host.

    .OUTPUTS
    WfpSec.Explanation

    .LINK
    Test-IpsecPolicy
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.Explanation')]
    param(
        [Parameter(Position = 0)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [Parameter(Mandatory)]
        [Alias('Remote')]
        [string]$RemoteAddress,

        [ValidateSet('In', 'Out')]
        [string]$Direction = 'Out',

        [string]$Protocol,

        [ValidateRange(0, 65535)]
        [int]$RemotePort = -1,

        [string]$LocalAddress,

        [ValidateRange(0, 65535)]
        [int]$LocalPort = -1,

        [string]$Program,

        [string]$State,

        [string]$WfpsecPath
    )
    $argv = @()
    if ($Path) { $argv += (Resolve-WfpsecPath $PSCmdlet $Path) }
    $argv += @('--remote', $RemoteAddress, '--direction', $Direction.ToLowerInvariant())
    if ($Protocol) { $argv += @('--protocol', $Protocol) }
    if ($PSBoundParameters.ContainsKey('RemotePort')) { $argv += @('--remote-port', [string]$RemotePort) }
    if ($LocalAddress) { $argv += @('--local', $LocalAddress) }
    if ($PSBoundParameters.ContainsKey('LocalPort')) { $argv += @('--local-port', [string]$LocalPort) }
    if ($Program) { $argv += @('--program', $Program) }
    if ($State) { $argv += @('--state', (Resolve-WfpsecPath $PSCmdlet $State)) }
    $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command explain -ArgumentList $argv -WfpsecPath $WfpsecPath `
        -Target $RemoteAddress
    if (-not $r) { return }
    $d = $r.Data
    $layers = @(foreach ($l in @($d.layers)) {
            $o = [pscustomobject]@{
                Layer         = [string]$l.layer
                Outcome       = [string]$l.outcome
                PolicyContext = Get-WfpsecProp $l 'policyContext'
                Sublayers     = @($l.sublayers)
                Filters       = @($l.sublayers | ForEach-Object { $_.filters })
            }
            $o.pstypenames.Insert(0, 'WfpSec.ExplainedLayer')
            $o
        })
    $policy = Get-WfpsecProp $d 'policy'
    $x = [pscustomobject]@{
        Outcome = [string](Get-WfpsecProp $d 'summary')
        Traffic = $d.traffic
        Policy  = if ($policy) { [string]$policy.name } else { $null }
        Layers  = $layers
        Program = Get-WfpsecProp $d 'program'
        Engine  = Get-WfpsecEngineText (Get-WfpsecProp $d 'engine')
    }
    $x.pstypenames.Insert(0, 'WfpSec.Explanation')
    $x
}
