function Get-IpsecStatus {
    <#
    .SYNOPSIS
    Is this host on its declared IPsec policy? The one-line status for MDM detection scripts.

    .DESCRIPTION
    Runs `wfpsec status FILE --json` and returns one WfpSec.Status: Compliant (in sync and nothing of ours
    disabled), the policy's name and digest, the drift counts, disabled objects, coexisting foreign IPsec
    policy (other providers' filters at the IKEEXT/IPsec layers), SA counts, the last hour's failures, and
    Line: the executable's one line (at most 2,048 characters), which is what an Intune Remediations
    detection script or a ConfigMgr configuration item should print. A policy or engine error is a
    non-compliant status with .error set, not an error record: a detection script always gets an answer.

    While an apply made with Set-IpsecPolicy -ConfirmWithin awaits Confirm-IpsecPolicy, the status is not
    compliant (Reasons 'awaiting confirmation', or 'revert overdue' once the deadline passed without a
    revert): what is in force is provisional. AwaitingConfirmation (WfpSec.AwaitingConfirmation: PolicyName,
    Path, Deadline, RevertsTo, Overdue) says which apply and until when; $null when none.

    An earlier apply that did not finish its manual-SA phase is not compliant either (Reasons
    'incomplete apply (interrupted)', '(failed)' or '(in-progress)'; wfpsec plan says what it left);
    the next Set-IpsecPolicy finishes it.

    .PARAMETER Path
    The policy file.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    $s = Get-IpsecStatus -Path C:\ProgramData\wfpsec\corp.yaml; $s.Line; exit [int](-not $s.Compliant)

    An Intune Remediations detection script: prints the line, exit 0 when compliant, 1 when not.

    .OUTPUTS
    WfpSec.Status

    .LINK
    Test-IpsecPolicy
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.Status')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string]$Path,

        [string]$WfpsecPath
    )
    process {
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command status -ArgumentList @($Path) -WfpsecPath $WfpsecPath `
            -SuccessExitCode 0, 1 -AnswerProperty compliant -Target $Path
        if (-not $r) { return }
        $d = $r.Data
        $o = [pscustomobject]@{
            Compliant  = [bool]$d.compliant
            PolicyName = Get-WfpsecProp $d.policy 'name'
            Digest     = Get-WfpsecProp $d.policy 'digest'
            InSync     = Get-WfpsecProp $d 'inSync'
            Reasons    = @(Get-WfpsecProp $d 'reasons')
            Line       = [string]$d.line
            drift      = Get-WfpsecProp $d 'drift'
            disabled   = Get-WfpsecProp $d 'disabled'
            foreign    = Get-WfpsecProp $d 'foreign'
            sas        = Get-WfpsecProp $d 'sas'
            failures   = Get-WfpsecProp $d 'failures'
            AwaitingConfirmation = ConvertTo-WfpsecAwaiting $d
            error      = Get-WfpsecProp $d 'error'
            Path       = $Path
        }
        $o.pstypenames.Insert(0, 'WfpSec.Status')
        $o
    }
}
