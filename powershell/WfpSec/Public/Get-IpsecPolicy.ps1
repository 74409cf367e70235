function Get-IpsecPolicy {
    <#
    .SYNOPSIS
    Gets the IPsec policy in force in the WFP engine, or reads and validates a policy file.

    .DESCRIPTION
    Without -Path, runs `wfpsec show --json` and returns one WfpSec.PolicyState object: the name of the
    policy wfpsec applied, the engine, and the decoded providers, sublayers, provider contexts and filters
    (WfpSec.Filter objects, etc.) that wfpsec owns (-All: every object in the engine). The default view is
    one compact line; pipe to Format-List for the detail, or expand .Filters.
    AwaitingConfirmation (WfpSec.AwaitingConfirmation: PolicyName, Path, Deadline, RevertsTo, Overdue) is set,
    and a warning says so, while an apply made with Set-IpsecPolicy -ConfirmWithin awaits
    Confirm-IpsecPolicy; $null otherwise.

    With -Path, runs `wfpsec validate <file> --json` and returns one WfpSec.PolicyFile object per file
    (name, full path, valid flag, errors and warnings with file:line:column). An invalid file also writes
    an error record (category InvalidData) carrying wfpsec's diagnostics. The object has a Path property,
    so it can be piped to Test-IpsecPolicy and Set-IpsecPolicy.

    .PARAMETER Path
    One or more policy files to read and validate.

    .PARAMETER All
    Show every object in the engine, not only wfpsec's own.

    .PARAMETER State
    A snapshot file to read instead of the live engine.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Get-IpsecPolicy

    One line: policy name, engine, and how many providers, sublayers, provider contexts and filters it holds.

    .EXAMPLE
    (Get-IpsecPolicy).Filters

    The filters wfpsec owns, one line each (name, layer, action, weight).

    .EXAMPLE
    Get-IpsecPolicy -Path .\domain-isolation.yaml | Test-IpsecPolicy

    Validates the file and plans it against the engine.

    .EXAMPLE
    Get-ChildItem .\policies -Filter *.yaml | Get-IpsecPolicy | Where-Object { -not $_.Valid }

    Lists the policy files that do not validate.

    .INPUTS
    System.String, or any object with a Path or FullName property.

    .OUTPUTS
    WfpSec.PolicyState, WfpSec.PolicyFile

    .LINK
    Test-IpsecPolicy
    #>
    [CmdletBinding(DefaultParameterSetName = 'Engine')]
    [OutputType('WfpSec.PolicyState', 'WfpSec.PolicyFile')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'File', Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'Engine')]
        [switch]$All,

        [Parameter(ParameterSetName = 'Engine')]
        [string]$State,

        [string]$WfpsecPath
    )
    process {
        if ($PSCmdlet.ParameterSetName -eq 'Engine') {
            $argv = @()
            if ($All) { $argv += '--all' }
            if ($State) { $argv += @('--state', (Resolve-WfpsecPath $PSCmdlet $State)) }
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command show -ArgumentList $argv -WfpsecPath $WfpsecPath `
                -DeferProperty filters, providerContexts, sublayers
            if ($r) {
                # (not $state: that is the -State parameter, a [string])
                $inForce = ConvertTo-WfpsecPolicyState $r.Data $r.Deferred
                Write-WfpsecAwaitingWarning $PSCmdlet $inForce.AwaitingConfirmation
                $inForce
            }
            return
        }
        foreach ($p in $Path) {
            $file = Resolve-WfpsecPath $PSCmdlet $p
            $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command validate -ArgumentList @($file) -SuccessExitCode 0, 1 `
                -WfpsecPath $WfpsecPath -Target $file -AnswerProperty valid
            if (-not $r) { continue }
            $d = $r.Data
            $errors = Add-WfpsecTypeName (Get-WfpsecProp $d 'errors') 'WfpSec.Diagnostic'
            $warnings = Add-WfpsecTypeName (Get-WfpsecProp $d 'warnings') 'WfpSec.Diagnostic'
            $valid = [bool](Get-WfpsecProp $d 'valid') -and $r.ExitCode -eq 0
            $document = Get-WfpsecProp $d 'policy'
            if ($null -eq $document) { $document = Get-WfpsecProp $d 'document' }
            $name = if ($document -is [string]) { $document } else { Get-WfpsecProp $document 'name' }
            if (-not $name) { $name = Get-WfpsecProp $d 'name' }
            if (-not $name) { $name = Get-WfpsecPolicyFileName $file }
            [pscustomobject]@{
                PSTypeName = 'WfpSec.PolicyFile'
                Name       = [string]$name
                Path       = $file
                Valid      = $valid
                Errors     = $errors
                Warnings   = $warnings
                Document   = if ($document -is [string]) { $null } else { $document }
            }
            if (-not $valid -and (Get-WfpsecProp $d 'error')) {
                # wfpsec's own error document: its message and diagnostics
                $PSCmdlet.WriteError((ConvertTo-WfpsecErrorRecord -ErrorObject $d.error -Command validate -Target $file))
            } elseif (-not $valid) {
                $lines = foreach ($e in $errors) {
                    $where = @((Get-WfpsecProp $e 'file'), (Get-WfpsecProp $e 'line'), (Get-WfpsecProp $e 'column') |
                            Where-Object { $null -ne $_ -and "$_" -ne '' }) -join ':'
                    if ($where) { "${where}: $(Get-WfpsecProp $e 'message')" } else { [string](Get-WfpsecProp $e 'message') }
                }
                $msg = (@("The policy file '$file' is not valid.") + @($lines | ForEach-Object { "  $_" })) -join [Environment]::NewLine
                $PSCmdlet.WriteError((New-WfpsecErrorRecord -Message $msg -ErrorId 'WfpSec.PolicyError' -Category InvalidData `
                            -Target $file -ExceptionType ([System.IO.InvalidDataException]) -Detail $d))
            }
        }
    }
}
