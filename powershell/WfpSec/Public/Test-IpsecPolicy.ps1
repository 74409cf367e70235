function Test-IpsecPolicy {
    <#
    .SYNOPSIS
    Compares a policy file with what the WFP engine holds and returns the plan.

    .DESCRIPTION
    Runs `wfpsec plan <file> --json` and returns one WfpSec.Plan object: the policy name, whether the engine
    is in sync with the file, the counts of objects to add, delete and replace, and the changes themselves
    (WfpSec.PlanChange objects in the Changes property). Nothing is changed. With -Quiet it returns only
    $true (in sync) or $false (changes pending).

    AwaitingConfirmation (WfpSec.AwaitingConfirmation: PolicyName, Path, Deadline, RevertsTo, Overdue) is set
    while an apply made with Set-IpsecPolicy -ConfirmWithin awaits Confirm-IpsecPolicy (a warning says so);
    $null otherwise.

    The path is bound from the pipeline by property name (Path, FullName), so the output of
    Get-IpsecPolicy -Path and of Get-ChildItem can be piped in.

    When an earlier apply of manual SAs did not finish its SA phase (killed, or failed without undoing
    everything), the plan's IncompleteApply property describes it (policy, pid, host, state, SA contexts
    left) and InSync is $false: Set-IpsecPolicy finishes it.
    The lock-out guard's findings (a rule that requires IPsec for the peer of a remote session on this host,
    or has no remote scope; Set-IpsecPolicy refuses them without -Force) are written as warnings.

    .PARAMETER Path
    The policy file (YAML or JSON).

    .PARAMETER State
    A snapshot file (wfpsec snapshot JSON or netsh wfp XML) to plan against instead of the live engine.

    .PARAMETER Interfaces
    An interface fixture (JSON, see docs/cli-json.md) that address keywords in the policy (dns, dhcp, wins,
    defaultgateway, localsubnet) resolve against, for the simulator or a -State snapshot. On a live engine
    they always come from the host's adapters, and this parameter is refused. The resolved addresses are in
    the plan's AddressKeywords property.

    .PARAMETER Quiet
    Return $true when the engine is in sync with the policy, $false when changes are pending.

    .PARAMETER WfpsecPath
    The wfpsec executable to run (overrides $env:WFPSEC_PATH, the module folder and PATH).

    .EXAMPLE
    Test-IpsecPolicy -Path .\domain-isolation.yaml

    Shows one line: policy name, in-sync flag and the add/delete/replace counts.

    .EXAMPLE
    (Test-IpsecPolicy .\domain-isolation.yaml).Changes | Format-Table Action, Kind, Name, Reason

    Lists each pending change with the reason wfpsec gives for it.

    .EXAMPLE
    if (-not (Test-IpsecPolicy .\domain-isolation.yaml -Quiet)) { Set-IpsecPolicy .\domain-isolation.yaml }

    Applies the policy only when the engine has drifted from it.

    .EXAMPLE
    Get-IpsecPolicy -Path .\domain-isolation.yaml | Test-IpsecPolicy

    Validates the file, then plans it.

    .EXAMPLE
    (Test-IpsecPolicy .\dns-servers.yaml -State .\wfpstate.xml -Interfaces .\interfaces.json).AddressKeywords

    Plans a policy that names `remote: dns` against an offline snapshot, with the DNS servers taken from an
    interface fixture, and shows what each address keyword stood for.

    .INPUTS
    System.String, or any object with a Path or FullName property (WfpSec.PolicyFile, System.IO.FileInfo).

    .OUTPUTS
    WfpSec.Plan, or System.Boolean with -Quiet.

    .LINK
    Set-IpsecPolicy
    #>
    [CmdletBinding()]
    [OutputType('WfpSec.Plan', 'System.Boolean')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'File')]
        [string]$Path,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string]$State,

        [string]$Interfaces,

        [switch]$Quiet,

        [string]$WfpsecPath
    )
    process {
        $file = Resolve-WfpsecPath $PSCmdlet $Path
        $argv = @($file)
        if ($State) { $argv += @('--state', (Resolve-WfpsecPath $PSCmdlet $State)) }
        if ($Interfaces) { $argv += @('--interfaces', (Resolve-WfpsecPath $PSCmdlet $Interfaces)) }
        $r = Invoke-WfpsecExe -Caller $PSCmdlet -Command plan -ArgumentList $argv -SuccessExitCode 0, 2 `
            -WfpsecPath $WfpsecPath -Target $file -DeferProperty changes
        if (-not $r) { return }
        $plan = ConvertTo-WfpsecPlan $r.Data $file $r.Deferred
        Write-WfpsecAwaitingWarning $PSCmdlet $plan.AwaitingConfirmation
        Write-WfpsecLockoutWarning $PSCmdlet $r.Data
        if ($Quiet) { return $plan.InSync }
        $plan
    }
}
