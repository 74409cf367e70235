function Export-IpsecReport {
    <#
    .SYNOPSIS
    Writes the IPsec report: one self-contained HTML page (or a dot / Mermaid graph) of the policy, the
    host's protection map and the arbitration ladder.

    .DESCRIPTION
    Runs `wfpsec report --json -o FILE`. The HTML page needs no network (inline CSS, SVG and script) and
    holds the policy as a matrix (remote scopes x inbound/outbound security, authentication, crypto,
    exemptions), the protection map (which rule or other provider governs each remote scope), the
    arbitration ladder per IPsec layer (sublayers by weight, wfpsec's filters among the others), the plan by
    policy item when -Policy is given (a what-if: nothing is applied), and SAs and recorded IKE failures when
    the engine has them. Pre-shared keys and SA keys are never included. -Format Dot or Mermaid writes the
    scope -> rule/provider graph for wikis instead. Only reads the engine.

    .PARAMETER Path
    The file to write. Without it the page (or graph) text is written to the pipeline.

    .PARAMETER Policy
    A policy file: the report shows what would be in force if it were applied, and the plan.

    .PARAMETER Format
    Html (default), Dot or Mermaid.

    .PARAMETER State
    A snapshot to report on instead of the live engine: a `netsh wfp show state` / `show filters` XML dump
    or a `wfpsec show --all --json` file.

    .PARAMETER AsObject
    Return the report's data (WfpSec.Report) instead of writing the page.

    .PARAMETER PassThru
    With -Path, return the written file (System.IO.FileInfo).

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Export-IpsecReport -Path .\ipsec.html

    Writes the report of the policy in force to ipsec.html.

    .EXAMPLE
    Export-IpsecReport -Path .\whatif.html -Policy .\corp.yaml -PassThru | Invoke-Item

    Writes what corp.yaml would change and how it would coexist with other IPsec policy, then opens it.

    .EXAMPLE
    Export-IpsecReport -Format Mermaid -State .\netsh-state.xml

    Returns the protection graph of a host's netsh dump as Mermaid text.

    .EXAMPLE
    (Export-IpsecReport -AsObject).Protection | Where-Object { $_.outbound.kind -eq 'foreign' }

    The remote scopes another provider's IPsec policy governs.

    .OUTPUTS
    System.String, WfpSec.Report, or System.IO.FileInfo with -PassThru.

    .LINK
    Get-IpsecExplanation
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low', DefaultParameterSetName = 'Text')]
    [OutputType('System.String', 'WfpSec.Report', 'System.IO.FileInfo')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'File')]
        [string]$Path,

        [string]$Policy,

        [ValidateSet('Html', 'Dot', 'Mermaid')]
        [string]$Format = 'Html',

        [string]$State,

        [Parameter(ParameterSetName = 'Object')]
        [switch]$AsObject,

        [Parameter(ParameterSetName = 'File')]
        [switch]$PassThru,

        [string]$WfpsecPath
    )
    $common = @('--format', $Format.ToLowerInvariant())
    if ($Policy) { $common = @(Resolve-WfpsecPath $PSCmdlet $Policy) + $common }
    if ($State) { $common += @('--state', (Resolve-WfpsecPath $PSCmdlet $State)) }
    switch ($PSCmdlet.ParameterSetName) {
        'Object' {
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command report -ArgumentList $common -WfpsecPath $WfpsecPath
            if (-not $r) { return }
            $r.Data.pstypenames.Insert(0, 'WfpSec.Report')
            $r.Data
        }
        'File' {
            $file = Resolve-WfpsecPath $PSCmdlet $Path
            if (-not (Confirm-WfpsecAction -Caller $PSCmdlet -Target $file -Action 'Write IPsec report')) { return }
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command report -ArgumentList (@('-o', $file) + $common) `
                -WfpsecPath $WfpsecPath -Target $file
            if ($r -and $PassThru) { Get-Item -LiteralPath $file }
        }
        default {
            # the exact text wfpsec writes, read back from a temporary file (stdout carries the JSON answer)
            $ext = @{ Html = '.html'; Dot = '.dot'; Mermaid = '.mmd' }[$Format]
            $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("wfpsec-report-" + [guid]::NewGuid().ToString('n') + $ext)
            try {
                $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command report -ArgumentList (@('-o', $tmp) + $common) `
                    -WfpsecPath $WfpsecPath
                if ($r) { [System.IO.File]::ReadAllText($tmp) }
            } finally {
                if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Force -WhatIf:$false }
            }
        }
    }
}
