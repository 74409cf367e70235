function Get-IpsecSecurityAssociation {
    <#
    .SYNOPSIS
    Gets the IKE/AuthIP (main-mode) and IPsec (quick-mode) security associations in the engine.

    .DESCRIPTION
    Runs `wfpsec sa --json` and returns one object per SA: WfpSec.IkeSa for main-mode SAs and WfpSec.IpsecSa
    for quick-mode SAs, with the fields wfpsec decodes (endpoints, key module, algorithms, lifetimes).
    Keys are never part of the output. -Type limits the result to one kind.

    An executable without the `sa` command gives an error record of category NotImplemented.

    .PARAMETER Type
    All (default), Ike (main mode) or IPsec (quick mode).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecSecurityAssociation

    Lists every main-mode and quick-mode SA.

    .EXAMPLE
    Get-IpsecSecurityAssociation -Type IPsec | Format-List

    Shows every field of each quick-mode SA.

    .OUTPUTS
    WfpSec.IkeSa, WfpSec.IpsecSa

    .LINK
    Get-IpsecNetEvent
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.IkeSa', 'WfpSec.IpsecSa')]
    param(
        [ValidateSet('All', 'Ike', 'IPsec')]
        [string]$Type = 'All',

        [string]$WfpsecPath
    )
    $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command sa -WfpsecPath $WfpsecPath
    if (-not $r) { return }
    if ($Type -ne 'IPsec') { Add-WfpsecTypeName (Get-WfpsecProp $r.Data 'ikeSas') 'WfpSec.IkeSa' | ForEach-Object { $_ } }
    if ($Type -ne 'Ike') { Add-WfpsecTypeName (Get-WfpsecProp $r.Data 'ipsecSas') 'WfpSec.IpsecSa' | ForEach-Object { $_ } }
}
