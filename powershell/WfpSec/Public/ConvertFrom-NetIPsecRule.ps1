function ConvertFrom-NetIPsecRule {
    <#
    .SYNOPSIS
    Converts a host's connection security rules (NetSecurity) into a wfpsec policy file.

    .DESCRIPTION
    Reads the IPsec rules of a NetSecurity policy store with Get-NetIPsecRule, their address, port and
    interface filters (Get-NetFirewallAddressFilter, Get-NetFirewallPortFilter, Get-NetFirewallInterfaceFilter,
    Get-NetFirewallInterfaceTypeFilter -AssociatedNetIPsecRule), the phase 1 and phase 2 authentication sets
    (Get-NetIPsecPhase1AuthSet, Get-NetIPsecPhase2AuthSet), the main-mode and quick-mode crypto sets
    (Get-NetIPsecMainModeCryptoSet, Get-NetIPsecQuickModeCryptoSet) and the IPsec exemptions
    (Get-NetFirewallSetting), and writes the equivalent wfpsec policy.

    The objects are serialised as JSON and converted by `wfpsec import --netsecurity-json`, the same mapping
    `wfpsec import --gpfas` uses for a GPO's registry export, so a setting means the same through both.
    The policy is validated before it is written. What the policy cannot say (profiles, interfaces,
    tunnel-mode and disabled rules, flags wfpsec does not set, ...) is written as warnings and listed in the
    file's comment block; a rule that cannot be carried without widening or weakening it is left out.
    Pre-shared keys are never read into the JSON or copied: the policy names an environment variable
    (a warning says which) that must be set before Test-IpsecPolicy or Set-IpsecPolicy.

    .PARAMETER PolicyStore
    The NetSecurity policy store to read: PersistentStore (default), ActiveStore, RSOP, localhost or a GPO
    (domain\GPO name), as Get-NetIPsecRule -PolicyStore takes it.

    .PARAMETER DisplayName
    Convert only the rules whose DisplayName matches one of these (wildcards allowed); the sets they use
    come along. Default: every rule of the store.

    .PARAMETER Path
    The policy file to write. Without it the policy text is written to the pipeline.

    .PARAMETER Force
    With -Path, overwrite an existing file.

    .PARAMETER Name
    The policy's name (default: the output file's name, or "netsecurity").

    .PARAMETER AsObject
    Return the import result (WfpSec.ImportResult: Policy, NotExpressed, SecretVariables, Counts) instead
    of text.

    .PARAMETER PassThru
    With -Path, return the written file (System.IO.FileInfo).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    ConvertFrom-NetIPsecRule -Path .\corp.yaml

    Converts the local persistent store's IPsec rules into corp.yaml; warnings list what was not expressed.

    .EXAMPLE
    ConvertFrom-NetIPsecRule -PolicyStore 'corp.contoso.com\Domain Isolation' -Path .\isolation.yaml -PassThru | Test-IpsecPolicy

    Converts a domain GPO's rules, then shows the plan of the converted policy against this host.

    .EXAMPLE
    ConvertFrom-NetIPsecRule -DisplayName 'Domain Isolation*' -Path .\isolation.yaml

    Converts only the rules whose display name starts with "Domain Isolation".

    .EXAMPLE
    (ConvertFrom-NetIPsecRule -AsObject).NotExpressed | Format-Table What, Field, Reason

    Shows only what the conversion could not express.

    .OUTPUTS
    System.String, WfpSec.ImportResult, or System.IO.FileInfo with -PassThru.

    .LINK
    Test-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low', DefaultParameterSetName = 'Text')]
    [OutputType('System.String', 'WfpSec.ImportResult', 'System.IO.FileInfo')]
    param(
        [string]$PolicyStore = 'PersistentStore',

        [SupportsWildcards()]
        [string[]]$DisplayName,

        [Parameter(Mandatory, Position = 0, ParameterSetName = 'File')]
        [string]$Path,

        [Parameter(ParameterSetName = 'File')]
        [switch]$Force,

        [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')]
        [string]$Name,

        [Parameter(ParameterSetName = 'Object')]
        [switch]$AsObject,

        [Parameter(ParameterSetName = 'File')]
        [switch]$PassThru,

        [string]$WfpsecPath
    )
    if (-not (Get-Command Get-NetIPsecRule -ErrorAction Ignore)) {
        $PSCmdlet.ThrowTerminatingError((New-WfpsecErrorRecord -Message ('ConvertFrom-NetIPsecRule needs the NetSecurity ' +
                    'module (Windows 8 / Server 2012 and later); on other systems export the GPO and run wfpsec import --gpfas.') `
                    -ErrorId 'WfpSec.NetSecurityUnavailable' -Category NotInstalled -Target 'NetSecurity'))
    }
    $json = ConvertTo-WfpsecNetSecurityJson -PolicyStore $PolicyStore -DisplayName $DisplayName
    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("wfpsec-netsecurity-" + [guid]::NewGuid().ToString('n') + '.json')
    [System.IO.File]::WriteAllText($tmp, $json, [System.Text.UTF8Encoding]::new($false))
    try {
        $policyName = $Name
        if (-not $policyName) {
            $policyName = 'netsecurity'
            if ($Path) {
                $base = [System.IO.Path]::GetFileNameWithoutExtension($Path) -replace '[^A-Za-z0-9._-]+', '-' -replace '^[^A-Za-z0-9]+', ''
                if ($base) { $policyName = $base.Substring(0, [Math]::Min(64, $base.Length)) }
            }
        }
        $argv = @('--netsecurity-json', $tmp, '--name', $policyName)
        $out = $null
        if ($PSCmdlet.ParameterSetName -eq 'File') {
            $file = Resolve-WfpsecPath $PSCmdlet $Path
            if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target $file -Action 'Write IPsec policy converted from NetSecurity')) { return }
            $argv += @('-o', $file)
            if ($Force) { $argv += '--force' }
        } elseif ($PSCmdlet.ParameterSetName -eq 'Text') {
            $out = Join-Path ([System.IO.Path]::GetTempPath()) ("wfpsec-import-" + [guid]::NewGuid().ToString('n') + '.yaml')
            $argv += @('-o', $out)
        }
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command import -ArgumentList $argv -WfpsecPath $WfpsecPath -Target $Path
        if (-not $r) { return }
        $data = $r.Data
        foreach ($n in @(Get-WfpsecProp $data 'notExpressed')) {
            if ($null -eq $n) { continue }
            $value = if ($null -ne $n.value) { "=$($n.value)" } else { '' }
            Write-Warning "not expressed: $($n.what) $($n.field)${value}: $($n.reason)"
        }
        foreach ($s in @(Get-WfpsecProp $data 'secretVariables')) {
            if ($s) { Write-Warning "set environment variable $s before Test-IpsecPolicy or Set-IpsecPolicy (pre-shared key, not copied)" }
        }
        switch ($PSCmdlet.ParameterSetName) {
            'File' { if ($PassThru) { Get-Item -LiteralPath $file } }
            'Object' {
                [pscustomobject]@{
                    PSTypeName      = 'WfpSec.ImportResult'
                    Policy          = Get-WfpsecProp $data 'policy'
                    NotExpressed    = @(Get-WfpsecProp $data 'notExpressed')
                    SecretVariables = @(Get-WfpsecProp $data 'secretVariables')
                    Counts          = Get-WfpsecProp $data 'counts'
                }
            }
            default { [System.IO.File]::ReadAllText($out) }
        }
    } finally {
        foreach ($f in @($tmp, $out)) {
            if ($f -and (Test-Path -LiteralPath $f)) { Remove-Item -LiteralPath $f -Force -WhatIf:$false -Confirm:$false }
        }
    }
}
