function Remove-IpsecSa {
    <#
    .SYNOPSIS
    Ends an IKE/AuthIP main-mode SA or a manual IPsec SA context, by id.

    .DESCRIPTION
    Runs `wfpsec sa --delete ID`: an IKE/AuthIP main-mode SA ends through IkeextSaDeleteById0 (like
    Remove-NetIPsecMainModeSA; its quick-mode SAs end with it, and the peers negotiate again when traffic
    needs it), a manual SA context through IPsecSaContextDeleteById0 (the next Set-IpsecPolicy re-creates one
    the policy declares). The id is the saId or saContextId that Get-IpsecSecurityAssociation shows; when a
    number is both, -Kind says which. Supports -WhatIf and -Confirm.

    .PARAMETER Id
    The SA id (saId of an IKE SA, saContextId of a manual SA context).

    .PARAMETER Kind
    Ike or Context, when the id is both.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecSecurityAssociation -Type Ike | Where-Object remote -eq '10.0.0.2' | ForEach-Object { Remove-IpsecSa -Id $_.saId }

    Ends the main-mode SAs with 10.0.0.2, so the next connection negotiates afresh.

    .OUTPUTS
    None

    .LINK
    Get-IpsecSecurityAssociation
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('saId', 'saContextId')]
        [ValidateRange(1, [uint64]::MaxValue)]
        [uint64]$Id,

        [ValidateSet('Ike', 'Context')]
        [string]$Kind,

        [string]$WfpsecPath
    )
    process {
        $what = if ($Kind -eq 'Ike') { 'IKE SA' } elseif ($Kind -eq 'Context') { 'manual SA context' } else { 'SA' }
        if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target "$what $Id" -Action 'Remove')) { return }
        $argv = @('--delete', [string]$Id)
        if ($Kind) { $argv += @('--kind', $Kind.ToLowerInvariant()) }
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command sa -ArgumentList $argv -WfpsecPath $WfpsecPath -Target $Id
        if ($r) { Write-Verbose ("wfpsec: deleted {0} {1}" -f $r.Data.deleted.kind, $r.Data.deleted.id) }
    }
}
