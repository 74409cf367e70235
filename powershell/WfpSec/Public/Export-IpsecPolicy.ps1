function Export-IpsecPolicy {
    <#
    .SYNOPSIS
    Exports the policy in force in the WFP engine as a policy file (YAML or JSON).

    .DESCRIPTION
    Runs `wfpsec export --json`, which decodes wfpsec's objects in the engine back into a policy document
    (pre-shared keys come back as their references, never as values). With -Path the document is written to
    that file; without it the document text is returned as one string. -AsObject returns the document as
    an object instead of text.

    .PARAMETER Path
    The file to write. Without it the text is written to the pipeline.

    .PARAMETER Format
    Yaml (default) or Json.

    .PARAMETER State
    A snapshot file to export from instead of the live engine.

    .PARAMETER AsObject
    Return the policy document as an object (WfpSec.PolicyDocument) instead of text.

    .PARAMETER PassThru
    With -Path, return the written file (System.IO.FileInfo).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Export-IpsecPolicy -Path .\in-force.yaml

    Writes the policy in force to in-force.yaml.

    .EXAMPLE
    Export-IpsecPolicy -Format Json

    Returns the policy in force as JSON text.

    .EXAMPLE
    Export-IpsecPolicy -Path .\in-force.yaml -PassThru | Test-IpsecPolicy -Quiet

    Exports, then checks that the exported file plans as in sync ($true).

    .OUTPUTS
    System.String, WfpSec.PolicyDocument, or System.IO.FileInfo with -PassThru.

    .LINK
    Get-IpsecPolicy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low', DefaultParameterSetName = 'Text')]
    [OutputType('System.String', 'WfpSec.PolicyDocument', 'System.IO.FileInfo')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'File')]
        [string]$Path,

        [ValidateSet('Yaml', 'Json')]
        [string]$Format = 'Yaml',

        [string]$State,

        [Parameter(ParameterSetName = 'Object')]
        [switch]$AsObject,

        [Parameter(ParameterSetName = 'File')]
        [switch]$PassThru,

        [string]$WfpsecPath
    )
    $common = @('--format', $Format.ToLowerInvariant())
    if ($State) { $common += @('--state', (Resolve-WfpsecPath $PSCmdlet $State)) }
    switch ($PSCmdlet.ParameterSetName) {
        'Object' {
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command export -ArgumentList $common -WfpsecPath $WfpsecPath
            if (-not $r) { return }
            $doc = Get-WfpsecProp $r.Data 'policy'
            if ($null -ne $doc) { $doc.pstypenames.Insert(0, 'WfpSec.PolicyDocument'); $doc }
        }
        'File' {
            $file = Resolve-WfpsecPath $PSCmdlet $Path
            if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target $file -Action 'Export IPsec policy')) { return }
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command export -ArgumentList (@('-o', $file) + $common) `
                -WfpsecPath $WfpsecPath -Target $file
            if ($r -and $PassThru) { Get-Item -LiteralPath $file }
        }
        default {
            # the exact text wfpsec writes, read back from a temporary file (stdout carries the JSON answer)
            $ext = if ($Format -eq 'Json') { '.json' } else { '.yaml' }
            $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("wfpsec-export-" + [guid]::NewGuid().ToString('n') + $ext)
            try {
                $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command export -ArgumentList (@('-o', $tmp) + $common) `
                    -WfpsecPath $WfpsecPath
                if ($r) { [System.IO.File]::ReadAllText($tmp) }
            } finally {
                if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Force -WhatIf:$false }
            }
        }
    }
}
