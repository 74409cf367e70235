# Runs the WfpSec Pester suite (scripts/stages/80-pester.sh calls this under pwsh 7.6) with JUnit output,
# and prints one line "pester-counts: PASSED FAILED SKIPPED" taken from Pester's result object.
param(
    [Parameter(Mandatory)][string]$PesterModule,
    [Parameter(Mandatory)][string]$ResultFile,
    [string[]]$Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -Force
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = $ResultFile
$result = Invoke-Pester -Configuration $config
# NotRun tests (e.g. filtered) and container failures count as failures: nothing may silently drop out
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
"pester-counts: $($result.PassedCount) $failed $($result.SkippedCount)"
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
